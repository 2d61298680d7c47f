"""ssi-lint: lint LinkedIn outreach plans for spam and ban risk and weak SSI pillars."""

__version__ = "0.1.0"
