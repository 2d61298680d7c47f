"""Output formats. Each is a formatter class registered through the `ssi_lint_formats` hook."""
