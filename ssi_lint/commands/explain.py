"""`ssi-lint explain RULE`: one rule's rationale, guidance, source, defaults and examples."""

from __future__ import annotations

from typing import Any

import click

from ssi_lint.commands.options import configured_linter, handle_errors, plugin_options


@click.command("explain")
@click.argument("rule_id")
@plugin_options
@handle_errors
def command(rule_id: str, **kwargs: Any) -> None:
    """Explain a rule: rationale, guidance, source, defaults and examples."""
    from ssi_lint import rule_docs

    linter = configured_linter(**kwargs)
    rules = {rule.id: rule for rule in linter.rules}
    borrowed = linter.params_borrowed(rules[rule_id.upper()]) if rule_id.upper() in rules else ()
    click.echo(rule_docs.explain(linter.rules, rule_id.upper(), linter.effective_params(), borrowed), nl=False)
