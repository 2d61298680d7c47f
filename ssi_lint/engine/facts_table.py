"""The facts of a plan: computed once for the conditions, the deferrable ones only when a message reads them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ssi_lint.errors import RuleEvaluationError, plugin_failure
from ssi_lint.model import Fact, is_mapping, mapping_type


class FactTable:
    """The facts every rule can read, computed once per plan."""

    def __init__(
        self, facts: tuple[Fact, ...], owners: Mapping[str, str] | None = None, deferrable: frozenset[str] = frozenset(),
        rule_params: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.facts = facts
        self.names = frozenset(fact.name for fact in facts)
        self.owners = owners or {}
        """Who provides each fact (`plugin 'x' (dist 1.0)`), for error messages."""
        self.deferrable = deferrable
        """Facts that never fail (the built-in ones): one that no condition reads is computed only when a message does."""
        self.rule_params = rule_params or {}
        """The params (configuration applied) of the rules facts apply (`Fact.params_from`), by rule id."""
        self._applied = {
            fact.name: {rule_id: self.rule_params[rule_id] for rule_id in fact.params_from if rule_id in self.rule_params}
            for fact in facts if fact.params_from
        }

    def compute(self, plan: Mapping[str, Any], strict: bool, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        """Every fact (but those in `skip`) the plan says enough about (None results are left out).

        A fact whose value is a mapping that works its entries out when read (`advice.PillarAdvice`)
        is read whole here, into a dict: the conditions' CEL takes plain dicts only.
        """
        values: dict[str, Any] = {}
        for fact in self.facts:
            if fact.name not in skip:
                value = self.value(fact, plan, strict)
                if value is not None:
                    values[fact.name] = dict(value) if type(value) is not dict and is_mapping(value) else value
        return values

    def value(self, fact: Fact, plan: Mapping[str, Any], strict: bool) -> Any:
        """One fact's value; None when the plan does not say enough, or (lenient) when the fact fails."""
        try:
            applied = self._applied.get(fact.name)
            return fact.compute(plan) if applied is None else fact.compute(plan, applied)
        except BaseException as exc:  # noqa: BLE001 - a fact is third-party code; sys.exit() included
            failure = plugin_failure(exc)
            if strict:
                raise RuleEvaluationError(f"{self.describe(fact)} failed: {failure}") from None
            return None

    def describe(self, fact: Fact) -> str:
        """`fact `x` (from plugin 'y' (dist 1.0))` for error messages."""
        owner = f" (from {self.owners[fact.name]})" if fact.name in self.owners else ""
        return f"fact `{fact.name}`{owner}"


@mapping_type  # messages read facts through it, plan after plan
class DeferredFacts(Mapping[str, Any]):
    """One plan's facts for messages: those computed for the conditions, the deferred ones on first read."""

    def __init__(self, table: FactTable, plan: Mapping[str, Any], strict: bool, values: dict[str, Any], deferred: frozenset[str]) -> None:
        self._table, self._plan, self._strict = table, plan, strict
        self._values = values
        self._pending = {fact.name: fact for fact in table.facts if fact.name in deferred}

    def _settle(self, name: str) -> None:
        fact = self._pending.pop(name, None)
        if fact is not None:
            value = self._table.value(fact, self._plan, self._strict)
            if value is not None:
                self._values[name] = value

    def __getitem__(self, name: str) -> Any:
        if name in self._pending:
            self._settle(name)
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        if name in self._pending:
            self._settle(name)
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        for name in list(self._pending):
            self._settle(name)
        return iter(self._values)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def settled(self) -> dict[str, Any]:
        """The facts computed so far (every one a condition or an autofix reads) as a plain dict, for a CEL program."""
        return self._values
