"""ssi-lint-sales-navigator: InMail checks for Premium, Sales Navigator and Recruiter accounts.

The plugin module is `ssi_lint_sales_navigator.plugin`; ssi-lint finds it
through the `ssi_lint` entry-point group once this distribution is installed.
"""

__version__ = "0.1.0"
