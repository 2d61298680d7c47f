"""Ranges over fields, in the client's position encoding, and plan paths read back from findings."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.workspace import PositionCodec

from ssi_lint.api import Linter
from ssi_lint.loading import load_text
from ssi_lint.server.diagnostics import Locator, parse_path, to_diagnostics

PLAN = 'version: 1\naccount: {name: "🚀 Rocket", tier: free, age_days: 400}\noutreach:\n  invitations:\n    per_day: 30\n'


@pytest.mark.parametrize("dotted", ["outreach.invitations.per_day", "ads.campaigns[0].bidding.bid", "a[2][3].b", ""])
def test_parse_path_inverts_format_path(dotted: str) -> None:
    from ssi_lint.model import format_path

    assert format_path(parse_path(dotted)) == dotted


@pytest.mark.parametrize(("encoding", "end"), [("utf-16", 26), ("utf-8", 28), ("utf-32", 25)])
def test_columns_follow_the_position_encoding(encoding: str, end: int) -> None:
    locator = Locator(load_text(PLAN, "p.plan.yaml"), PLAN, PositionCodec(encoding))
    assert locator.offset_position(PLAN.index("Rocket") + len("Rocket")) == types.Position(1, end)
    assert locator.located(types.Position(1, end)) == (2, PLAN.splitlines()[1].index("Rocket") + len("Rocket") + 1)


def test_a_finding_about_a_mapping_covers_its_key_and_one_about_a_scalar_its_value() -> None:
    document = load_text(PLAN, "p.plan.yaml")
    result = Linter().check_document(document)
    diagnostics = {str(item.code): item for item in to_diagnostics(result.findings, Locator(document, PLAN, PositionCodec()), "p.plan.yaml", "file:///r.md")}
    assert diagnostics["OUT001"].range == types.Range(types.Position(4, 4), types.Position(4, 15))
    assert diagnostics["OUT001"].severity == types.DiagnosticSeverity.Warning
    info = next(item for item in diagnostics.values() if item.severity == types.DiagnosticSeverity.Information)
    assert info.range.end.character > info.range.start.character


@pytest.mark.parametrize(("text", "end"), [(PLAN, types.Position(5, 0)), (PLAN.rstrip("\n"), types.Position(4, 15))])
def test_the_end_of_the_text_is_on_its_last_line_unless_a_line_break_ends_it(text: str, end: types.Position) -> None:
    locator = Locator(load_text(text, "p.plan.yaml"), text, PositionCodec())
    assert locator.offset_position(len(text)) == end


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_breaks_the_client_does_not_count_do_not_move_a_finding(separator: str) -> None:
    """YAML (and `check`) breaks lines at NEL, LS and PS as well; an LSP client only at LF, CR LF and CR."""
    text = f'version: 1\nprofile: {{headline: "Founder{separator}at Acme"}}\noutreach:\n  invitations:\n    per_week: 300\n'
    document = load_text(text, "p.plan.yaml")
    result = Linter().check_document(document)
    [finding] = [item for item in result.findings if item.rule_id == "OUT003"]
    assert (finding.line, finding.column) == (6, 5)  # the line YAML counts
    locator = Locator(document, text, PositionCodec("utf-16"))
    [diagnostic] = [item for item in to_diagnostics(result.findings, locator, "p.plan.yaml", "file:///r.md") if item.code == "OUT003"]
    assert diagnostic.range == types.Range(types.Position(4, 4), types.Position(4, 17))  # `per_week: 300`, where the editor shows it
    assert locator.located(types.Position(4, 6)) == (6, 7)
    after = text.index("at Acme")  # on the client's line 1, after the separator
    assert locator.offset_position(after) == types.Position(1, after - text.index("profile"))
    assert locator.located(types.Position(1, after - text.index("profile"))) == (3, 1)
