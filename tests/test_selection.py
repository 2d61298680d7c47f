"""`--select` / `--ignore` by id or id prefix; unknown entries are config errors with a suggestion."""

from __future__ import annotations

import pytest

from ssi_lint.errors import ConfigError
from ssi_lint.selection import Selection

KNOWN = ("OUT001", "OUT002", "OUT010", "PRO001", "LOAD001", "SCHEMA001")


@pytest.mark.parametrize(("select", "ignore", "selected"), [
    ((), (), KNOWN),
    (("OUT",), (), ("OUT001", "OUT002", "OUT010")),
    (("OUT00",), (), ("OUT001", "OUT002")),
    (("OUT001",), (), ("OUT001",)),
    (("OUT", "PRO"), (), ("OUT001", "OUT002", "OUT010", "PRO001")),
    ((), ("OUT",), ("PRO001", "LOAD001", "SCHEMA001")),
    ((), ("OUT001", "LOAD"), ("OUT002", "OUT010", "PRO001", "SCHEMA001")),
    (("OUT",), ("OUT00",), ("OUT010",)),
    (("OUT001",), ("OUT001",), ()),
], ids=["all", "prefix", "longer-prefix", "exact", "two-prefixes", "ignore-prefix", "ignore-mixed",
        "ignore-wins", "select-and-ignore-same"])
def test_selects(select: tuple, ignore: tuple, selected: tuple) -> None:
    selection = Selection.build(select, ignore, KNOWN)
    assert tuple(rule_id for rule_id in KNOWN if selection.selects(rule_id)) == selected


@pytest.mark.parametrize(("select", "ignore", "message"), [
    (("OUT0001",), (), "--select: unknown rule id or prefix 'OUT0001'; did you mean OUT001?"),
    ((), ("PRO002",), "--ignore: unknown rule id or prefix 'PRO002'; did you mean PRO001?"),
    (("SCHEMA01",), (), "--select: unknown rule id or prefix 'SCHEMA01'; did you mean SCHEMA001?"),
    (("XYZ",), (), "--select: unknown rule id or prefix 'XYZ'"),
    (("OUT", "NOPE"), (), "--select: unknown rule id or prefix 'NOPE'"),
], ids=["select-typo", "ignore-typo", "prefix-typo", "no-suggestion", "second-entry"])
def test_unknown_entry_is_config_error(select: tuple, ignore: tuple, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        Selection.build(select, ignore, KNOWN)
    assert str(info.value) == message


def test_unknown_rule_ids_are_selected_when_nothing_is_chosen() -> None:
    assert Selection().selects("ANY999")
