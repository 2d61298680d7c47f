"""The built-in subcommands, one module each, imported only when run (`ssi_lint.cli` lists them)."""
