"""Run ssi-lint as `python -m ssi_lint`."""

from ssi_lint.console import main

if __name__ == "__main__":
    main()
