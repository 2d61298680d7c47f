"""`--select` / `--ignore` by id or id prefix; unknown entries are config errors with a suggestion."""

from __future__ import annotations

import pytest

from ssi_lint.errors import ConfigError
from ssi_lint.selection import Selection

KNOWN = ("OUT001", "OUT002", "OUT010", "PRO001", "LOAD001", "SCHEMA001")


@pytest.mark.parametrize(("select", "ignore", "selected"), [
    ((), (), ("OUT001", "OUT002", "OUT010", "PRO001")),
    (("OUT",), (), ("OUT001", "OUT002", "OUT010")),
    (("OUT00",), (), ("OUT001", "OUT002")),
    (("OUT001",), (), ("OUT001",)),
    (("OUT", "PRO"), (), ("OUT001", "OUT002", "OUT010", "PRO001")),
    ((), ("OUT",), ("PRO001",)),
    ((), ("OUT001", "PRO"), ("OUT002", "OUT010")),
    (("OUT",), ("OUT00",), ("OUT010",)),
    (("OUT001",), ("OUT001",), ()),
    (("LOAD",), (), ()),
    (("out00",), ("out001",), ("OUT002",)),
], ids=["all", "prefix", "longer-prefix", "exact", "two-prefixes", "ignore-prefix", "ignore-mixed",
        "ignore-wins", "select-and-ignore-same", "only-file-problems", "any-case"])
def test_selects(select: tuple, ignore: tuple, selected: tuple) -> None:
    """The problems of the file itself (LOAD*, SCHEMA*) are selected whatever `select` and `ignore` say."""
    selection = Selection.build(select, ignore, KNOWN)
    rules = ("OUT001", "OUT002", "OUT010", "PRO001")
    assert tuple(rule_id for rule_id in rules if selection.selects(rule_id)) == selected
    assert selection.selects("LOAD001") and selection.selects("SCHEMA001")


@pytest.mark.parametrize("entry", ["LOAD", "LOAD001", "SCHEMA", "SCHEMA001", "schema0"])
def test_an_ignore_entry_that_names_only_file_problems_is_refused(entry: str) -> None:
    with pytest.raises(ConfigError, match=r"^--ignore: '[A-Z0-9]+' names only problems of the file itself \(.*\), which are always reported"):
        Selection.build((), (entry,), KNOWN)
    Selection.build((entry,), (), KNOWN)  # selecting them alone is fine: nothing else runs


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
