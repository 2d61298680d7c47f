"""Build LinkedIn export archives from the documented headers (DOMAIN.md), with made-up people.

No real person's data: every name, e-mail address and profile URL below is
invented and listed in `PRIVATE`, so the privacy tests can assert that none
of them reaches a finding, a problem or an output.

The standard export (`standard_export`) is dated 02-09-2026; its newest
activity is 2026-02-09, so the default window is 2026-01-13 .. 2026-02-09.
`EXPECTED` holds what it must be observed as.
"""

from __future__ import annotations

import codecs
import importlib.metadata
import importlib.util
import io
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest

PLUGIN_ROOT = Path(__file__).resolve().parent.parent
"""The plugin's source folder: put on sys.path when the distribution is not installed, so the
tests also run from the repository root (`python -m pytest`, `--import-mode=importlib`)."""
if importlib.util.find_spec("ssi_lint_linkedin_export") is None:
    sys.path.insert(0, str(PLUGIN_ROOT))

PLUGIN = "ssi_lint_linkedin_export.plugin"
ENTRY_POINT = "linkedin_export"

HEADERS = {
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER",
    "Shares.csv": "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility",
    "Comments.csv": "Date,Link,Message",
    "Reactions.csv": "Date,Type,Link",
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers",
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On",
    "Skills.csv": "Name",
    "Recommendations_Received.csv": "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
    "Certifications.csv": "Name,Url,Authority,Started On,Finished On,License Number",
    "Volunteering.csv": "Company Name,Role,Cause,Started On,Finished On,Description",
    "Company Follows.csv": "Organization,Followed On",
    "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status",
    "SearchQueries.csv": "Time,Search Query",
    "Rich_Media.csv": "Date/Time,Media Description,Media Link",
}
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download their "
    'email address using this setting https://www.linkedin.com/psettings/privacy/email"\n\n'
)
OWNER = ("Jane", "Ownerton")
OWNER_EMAIL = "jane.ownerton@owner-mail.example"
PRIVATE: list[str] = [OWNER[1], OWNER_EMAIL, "linkedin.com/in/jane-ownerton"]
ARCHIVE = "Basic_LinkedInDataExport_02-09-2026"

EXPECTED = {
    "connections": 65,
    "per_day": 30,
    "per_week": 60,
    "invitations_sent": 70,
    "acceptance_rate": 0.4,
    "pending_sent": 77,  # every OUTGOING invitation not a connection: the export does not show withdrawals
    "stale_pending": 12,
    "received": 3,
    "posts": 1,
    "reposts": 1,
    "comments": 2,
    "reactions": 10,
    "companies_followed": 4,
    "searches_per_week": 2,
    "messages_per_day": 5,
    "experience": 3,
    "skills": 6,
    "recommendations": 1,
    "certifications": 1,
    "volunteering": 1,
    "endorsements": 3,
}


def person(index: int) -> tuple[str, str, str, str]:
    """A made-up person: first name, last name, e-mail, profile URL (all listed in PRIVATE)."""
    first, last = f"Zorbina{index}", f"Quuxley{index}"
    email = f"zorbina{index}.quuxley@private-mail.example"
    url = f"https://www.linkedin.com/in/zorbina-quuxley-{index}"
    PRIVATE.extend(value for value in (first, last, email, url.removeprefix("https://www.")) if value not in PRIVATE)
    return first, last, email, url


def us_time(moment: datetime) -> str:
    """Invitations.csv's `1/29/26, 2:37 PM`."""
    hour = moment.hour % 12 or 12
    return f"{moment.month}/{moment.day}/{moment.year % 100}, {hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def connected_on(moment: datetime) -> str:
    """Connections.csv's `08 Feb 2026` (English month names, as LinkedIn writes them)."""
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{moment.day:02d} {months[moment.month - 1]} {moment.year}"


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(char in cell for char in ',"\n') else cell


def csv_text(header: str, rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    lines = [header if delimiter == "," else header.replace(",", delimiter)]
    lines.extend(delimiter.join(quote(cell) if delimiter == "," else cell for cell in row) for row in rows)
    return "\n".join(lines) + "\n"


class Export:
    """The files of one export, written out as a ZIP or a folder."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def put(self, name: str, text: str | bytes, encoding: str = "utf-8") -> Export:
        self.files[name] = text if isinstance(text, bytes) else text.encode(encoding)
        return self

    def table(self, name: str, rows: Iterable[Sequence[str]], header: str | None = None, prefix: str = "") -> Export:
        return self.put(name, prefix + csv_text(header or HEADERS[name], rows))

    def drop(self, *names: str) -> Export:
        for name in names:
            self.files.pop(name, None)
        return self

    def zip(self, directory: Path, name: str = ARCHIVE, folder: str = "") -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for file, data in sorted(self.files.items()):
                archive.writestr(f"{folder}/{file}" if folder else file, data)
        path.write_bytes(buffer.getvalue())
        return path

    def folder(self, directory: Path, name: str = ARCHIVE) -> Path:
        root = directory / name
        root.mkdir(parents=True, exist_ok=True)
        for file, data in self.files.items():
            (root / file).write_bytes(data)
        return root


def standard_export() -> Export:
    """The standard export; see EXPECTED."""
    export = Export()
    day = datetime(2026, 2, 9, 12, 0)
    connections, invitations = [], []
    owner_url = "https://www.linkedin.com/in/jane-ownerton"
    for index in range(50):
        first, last, email, url = person(index)
        connections.append([first, last, url, email, "Acme Widgets", "Buyer", connected_on(datetime(2024, 5, 1 + index % 28))])
    old = datetime(2025, 11, 3, 9, 30)
    for index in range(100, 120):  # sent long ago: 8 accepted, 12 never answered (stale)
        first, last, _, url = person(index)
        invitations.append([" ".join(OWNER), f"{first} {last}", us_time(old), "", "OUTGOING", owner_url, url])
        if index < 108:
            connections.append([first, last, url, "", "Beta Corp", "CTO", connected_on(old + timedelta(days=7))])
    sends = [(datetime(2026, 1, 20, 10), 10), (datetime(2026, 2, 3, 9), 30), (datetime(2026, 2, 4, 9), 15), (datetime(2026, 2, 5, 9), 15)]
    index = 200
    for moment, count in sends:
        for _ in range(count):
            first, last, _, url = person(index)
            note = f"Hi {first}, I enjoyed your post on pricing pages." if moment.day == 20 else ""
            invitations.append([" ".join(OWNER), f"{first} {last}", us_time(moment), note, "OUTGOING", owner_url, url])
            if moment.day == 4 and index % 3 == 0 and len([c for c in connections if c[6] == "06 Feb 2026"]) < 5:
                connections.append([first, last, url, "", "Gamma", "VP", "06 Feb 2026"])
            index += 1
    for index in range(300, 305):  # incoming: 2 accepted, 3 unanswered
        first, last, _, url = person(index)
        invitations.append([f"{first} {last}", " ".join(OWNER), us_time(datetime(2026, 1, 25, 15, 5)),
                            f"Hello Jane, {first} here", "INCOMING", url, owner_url])
        if index < 302:
            connections.append([first, last, url, "", "Delta", "CEO", "26 Jan 2026"])
    export.table("Connections.csv", connections, prefix=PREAMBLE)
    export.table("Invitations.csv", invitations)
    export.table("messages.csv", _messages(owner_url))
    export.table("Shares.csv", _shares())
    export.table("Comments.csv", [[f"2026-01-{14 + i:02d} 08:00:00", f"https://www.linkedin.com/feed/update/urn:li:activity:{i}",
                                   f"Great point, {person(400 + i)[0]}!\nSecond line"] for i in range(8)])
    export.table("Reactions.csv", [*([f"2026-01-{13 + i % 19:02d} 07:00:00", "LIKE", f"https://www.linkedin.com/feed/update/urn:li:activity:{i}"]
                                     for i in range(40)), *_steady_reactions()])
    _profile(export)
    return export


def _steady_reactions() -> list[list[str]]:
    """A reaction every 20 days from the oldest dated row (a company followed) to the window, after the window's rows: the account is active
    throughout (never dormant), so its days of activity are its calendar age."""
    day, end = datetime(2024, 2, 13, 7), datetime(2026, 1, 13)
    rows = []
    while day < end:
        rows.append([day.strftime("%Y-%m-%d %H:%M:%S"), "LIKE", f"https://www.linkedin.com/feed/update/urn:li:activity:9{len(rows)}"])
        day += timedelta(days=20)
    return rows


def _messages(owner_url: str) -> list[list[str]]:
    rows = []
    first, last, _, url = person(500)
    for number, (day, count) in enumerate(((datetime(2026, 2, 2, 9), 5), (datetime(2026, 2, 6, 9), 4), (datetime(2026, 1, 15, 9), 3))):
        for minute in range(count):
            moment = day + timedelta(minutes=minute)
            rows.append([f"2-conv{number}==", "", " ".join(OWNER), owner_url, f"{first} {last}", url,
                         f"{moment:%Y-%m-%d %H:%M:%S} UTC", "", f"Thanks {first}, call {OWNER_EMAIL}?", "INBOX"])
        rows.append([f"2-conv{number}==", "", f"{first} {last}", url, " ".join(OWNER), owner_url,
                     f"{day:%Y-%m-%d} 18:00:00 UTC", "", "Sure, let's talk\non Monday", "INBOX"])
    rows.append(["2-old==", "", " ".join(OWNER), owner_url, f"{first} {last}", url, "2025-06-01 14:03:22 UTC", "", "Hi", "INBOX"])
    return rows


def _shares() -> list[list[str]]:
    rows = []
    for i in range(4):
        rows.append([f"2026-01-{15 + i * 5:02d} 09:00:00", f"https://www.linkedin.com/feed/update/urn:li:share:{i}",
                     f"My lesson {i}, with thanks to {person(600 + i)[0]}", "", "", "MEMBER_NETWORK"])
        rows.append([f"2026-01-{16 + i * 5:02d} 09:00:00", f"https://www.linkedin.com/feed/update/urn:li:share:{10 + i}",
                     "", f"https://www.linkedin.com/posts/someone-{i}", "", "MEMBER_NETWORK"])
    rows.append(["2026-02-09 01:21:47", "https://www.linkedin.com/feed/update/urn:li:share:99", "", "", "", "MEMBER_NETWORK"])
    rows.append(["2025-06-01 09:00:00", "https://www.linkedin.com/feed/update/urn:li:share:98", "Old post", "", "", "MEMBER_NETWORK"])
    return rows


def _profile(export: Export) -> None:
    export.table("Profile.csv", [[OWNER[0], OWNER[1], "", "1 Privet Drive", "Jan 1, 1990",
                                  "B2B growth marketer | SaaS | demand generation",
                                  f"I help SaaS teams grow.\nWrite to {OWNER_EMAIL}", "Marketing", "12345", "Berlin", "", "", ""]])
    export.table("Positions.csv", [["Acme", "Head of Growth", "Grew things, fast", "Berlin", "Jan 2024", ""],
                                   ["Beta", "Marketer", "", "Paris", "Mar 2020", "Dec 2023"],
                                   ["Gamma", "Intern", "", "Rome", "2019", "2019"]])
    export.table("Skills.csv", [[name] for name in ("demand generation", "copywriting", "hubspot", "saas", "seo", "analytics")])
    first, last, _, _ = person(700)
    export.table("Recommendations_Received.csv", [[first, last, "Acme", "CEO", "Jane is great", "01/29/26, 02:37 PM", "VISIBLE"],
                                                  [first, last, "Beta", "CTO", "Hidden one", "01/29/26, 02:37 PM", "HIDDEN"]])
    export.table("Certifications.csv", [["Google Analytics", "https://example.com/cert", "Google", "Jan 2024", "", "123"]])
    export.table("Volunteering.csv", [["Code Club", "Mentor", "Education", "Jan 2022", "", "Teaching kids"]])
    export.table("Company Follows.csv", [[f"Company {i}", "Tue Feb 13 09:15:02 UTC 2024"] for i in range(4)])
    export.table("Endorsement_Received_Info.csv", [["2024/02/01 15:02:55 UTC", "seo", *person(800 + i)[:2], person(800 + i)[3], "ACCEPTED"]
                                                   for i in range(3)])
    export.table("SearchQueries.csv", [[f"{datetime(2026, 1, 14) + timedelta(days=3 * i):%Y/%m/%d} 10:00:00 UTC", f"{person(900 + i)[0]} marketing"]
                                       for i in range(8)])
    export.table("Rich_Media.csv", [["You uploaded a profile photo on March 1, 2023 at 1:00 PM", "", "https://media.example/1"],
                                    ["You uploaded a background photo on March 2, 2023 at 1:00 PM", "", "https://media.example/2"]])


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """No installed entry-point plugin changes a result: tests load this plugin by module name."""
    monkeypatch.setenv("SSI_LINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled rule packs are cached in a folder of this session, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        yield


@pytest.fixture
def entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """This plugin as the only `ssi_lint` entry point, autoload on: what `pip install` gives, without
    installing it and without other installed plugins. Needed for its subcommand (`ssi-lint draft-plan`),
    which the command line finds through entry points only."""
    fake = [importlib.metadata.EntryPoint(ENTRY_POINT, PLUGIN, "ssi_lint")]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None, **_: fake if group == "ssi_lint" else [])
    monkeypatch.delenv("SSI_LINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)


@pytest.fixture
def export() -> Export:
    return standard_export()


@pytest.fixture
def archive(export: Export, tmp_path: Path) -> Path:
    return export.zip(tmp_path)


def utf16_tab(text: str, bom: bool = True) -> bytes:
    """A 2018-style file: UTF-16 little-endian, tab-separated."""
    data = text.replace(",", "\t").encode("utf-16-le")
    return (codecs.BOM_UTF16_LE if bom else b"") + data


@pytest.fixture
def kit() -> object:
    """This module's builders and constants, for tests (test modules cannot import conftest under importlib mode)."""
    import sys

    return sys.modules[__name__]
