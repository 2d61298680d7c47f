"""Findings, problems and outputs hold counts and dates only: never names, e-mail addresses or profile URLs.

The standard export is full of (made-up) people, each listed in `PRIVATE`;
this test adds broken rows holding them too, so that problem messages are
covered, and then searches every output for every one of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from ssi_lint.cli import main
from ssi_lint_linkedin_export import draft_plan
from ssi_lint_linkedin_export.loader import load_export

PLUGIN = "ssi_lint_linkedin_export.plugin"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PROFILE_URL = re.compile(r"linkedin\.com/in/", re.IGNORECASE)


def _leaky_export(kit, tmp_path: Path) -> Path:
    export = kit.standard_export()
    first, last, email, url = kit.person(990)
    lines = export.files["Invitations.csv"].decode().splitlines()
    lines.insert(2, f"{first} {last},{email},{url},{email},OUTGOING,{url},{url}")   # a row whose date is a URL
    lines.insert(3, f"{first} {last},{email},SIDEWAYS")                               # too few fields
    export.put("Invitations.csv", "\n".join(lines) + "\n")
    connections = export.files["Connections.csv"].decode() + f"{first},{last},{url},{email},Acme,CEO,{email}\n"
    export.put("Connections.csv", connections)
    export.put("Skills.csv", f"Name\nnegotiation\nmail me at {email}\n{url}\n")
    return export.zip(tmp_path)


def _assert_private(text: str, private: list[str]) -> None:
    leaked = [value for value in private if value.lower() in text.lower()]
    assert not leaked, f"leaked: {leaked[:5]}"
    assert not _EMAIL.search(text), _EMAIL.search(text)
    assert not _PROFILE_URL.search(text), _PROFILE_URL.search(text)


def test_no_private_data_in_findings_problems_or_outputs(kit, tmp_path: Path) -> None:
    archive = _leaky_export(kit, tmp_path)
    plan = tmp_path / "my.plan.yaml"
    plan.write_text("version: 1\naccount: {tier: free}\noutreach: {invitations: {per_week: 10, note: personalized}}\n")
    document = load_export(archive)
    assert {problem.code for problem in document.problems} == {"EXP001"} and len(document.problems) == 3
    outputs = {
        "data": json.dumps(document.data),
        "problems": "\n".join(problem.message for problem in document.problems),
        "draft": draft_plan(archive),
    }
    runner = CliRunner()
    for name, args in {
        "text": [str(archive), "--plugin", PLUGIN],
        "json": [str(archive), "--plugin", PLUGIN, "--format", "json"],
        "against": [str(plan), "--against", str(archive), "--plugin", PLUGIN, "--format", "json"],
    }.items():
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        outputs[name] = result.stdout + result.stderr
    assert "EXP001" in outputs["text"] and "EXD" in outputs["against"]
    for name, text in outputs.items():
        try:
            _assert_private(text, kit.PRIVATE)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


def test_own_profile_text_is_scrubbed(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Profile.csv", [["Jane", "Ownerton", "", "", "", "Growth | jane@owner-mail.example | www.jane.example | +49 170 1234567",
                                  "About me", "", "", "", "", "", ""]])
    data = load_export(export.zip(tmp_path)).data
    assert data["profile"]["headline"] == "Growth | [e-mail] | [link] | [phone]"
    assert data["profile"]["about"] == "(About section present: 8 characters)"
