"""Every position the server sends (diagnostic ranges, fixes, suppressions, fix-all) is in the position encoding
negotiated with the client: ssi-lint's positions (1-based line, code point column, as `check` prints them) converted.

A real client talks to `ssi-lint server` over stdio (pytest-lsp), once asking for UTF-16 (the LSP default) and once
for UTF-8; the edits are applied as such a client applies them, counting code units of its encoding.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from ssi_lint.api import Linter
from ssi_lint.fixing import fix_document
from ssi_lint.loading import load_text

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]  # a real `ssi-lint server` process per module, driven over stdio

CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1)}
"""Python's codec for each position encoding, and the bytes of one of its code units."""

HEADLINE = """\
version: 1
profile:
  skills: [sales, marketing, copywriting, seo, hubspot]
  headline: "🚀🚀🚀 Founder 🚀"
outreach:
  invitations: {per_day: 60, per_week: 300}   # "🚀" note
"""

TEMPLATE = """\
version: 1
account: {age_days: 400}
outreach:
  invitations: {note: personalized, note_template: "Héllo 🚀 {first_name}", per_day: 60, per_week: 100}
"""

BROKEN = {
    "unclosed-mapping": "version: 1\noutreach:\n  invitations: {per_day: 10\n  pending: [\n",
    "emoji-before-the-error": 'version: 1\nprofile: {headline: "🚀 Founder", skills: [a}\n',
}
"""Plans that do not load: `check` puts LOAD001 at 4:10 and at 2:44."""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty repository: the default configuration."""
    root = tmp_path_factory.mktemp("positions")
    (root / ".git").mkdir()
    return root


@pytest_lsp.fixture(
    scope="module",
    params=list(CODECS),
    config=ClientServerConfig(server_command=[sys.executable, "-m", "ssi_lint", "server"]),
)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, workspace: Path):
    general = types.GeneralClientCapabilities(position_encodings=[request.param])
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(general=general), root_uri=workspace.as_uri())
    )
    assert result.capabilities.position_encoding == request.param
    yield
    await lsp_client.shutdown_session()


def encoding_of(client: LanguageClient) -> str:
    """The position encoding the client asked for (and the server agreed to)."""
    assert client.capabilities is not None and client.capabilities.general is not None
    return str((client.capabilities.general.position_encodings or ["utf-16"])[0])


def plan_uri(client: LanguageClient, workspace: Path, name: str) -> str:
    """A plan's URI, one for each encoding (the two servers share the workspace)."""
    return (workspace / f"{name}-{encoding_of(client)}.plan.yaml").as_uri()


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The character offset of an LSP position, counted as a client using `encoding` counts it.

    A position inside a character (half a surrogate pair, a byte of a UTF-8 sequence) fails to decode,
    and one on a line the text does not have raises IndexError.
    """
    codec, width = CODECS[encoding]
    lines = text.split("\n")  # after a final line break, one more (empty) line
    units = lines[position.line].encode(codec)[: position.character * width]
    return sum(len(line) + 1 for line in lines[: position.line]) + len(units.decode(codec, errors="strict"))


def covered(text: str, span: types.Range, encoding: str) -> str:
    """The text a range covers."""
    return text[offset(text, span.start, encoding) : offset(text, span.end, encoding)]


def apply(text: str, edits: Sequence[types.TextEdit], encoding: str) -> str:
    """The text after the edits (ranges of the original text), as the client applies them."""
    for edit in sorted(edits, key=lambda item: (item.range.start.line, item.range.start.character), reverse=True):
        text = text[: offset(text, edit.range.start, encoding)] + edit.new_text + text[offset(text, edit.range.end, encoding) :]
    return text


async def open_plan(client: LanguageClient, uri: str, text: str) -> dict[str, types.Diagnostic]:
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text)))
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return {str(diagnostic.code): diagnostic for diagnostic in published.diagnostics}


async def code_actions(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> dict[str, list[types.TextEdit]]:
    """The edits of each code action offered for a diagnostic, by title."""
    found = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), diagnostic.range, types.CodeActionContext([diagnostic]))
    )
    return {
        action.title: list(action.edit.changes[uri])
        for action in found or []
        if isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
    }


async def test_a_suppression_goes_at_the_end_of_a_line_with_emoji(client: LanguageClient, workspace: Path) -> None:
    encoding, uri = encoding_of(client), plan_uri(client, workspace, "headline")
    diagnostics = await open_plan(client, uri, HEADLINE)
    prf008 = diagnostics["PRF008"]
    assert covered(HEADLINE, prf008.range, encoding) == 'headline: "🚀🚀🚀 Founder 🚀"'
    suppressed = apply(HEADLINE, (await code_actions(client, uri, prf008))["Suppress PRF008 on this line (with a reason)"], encoding)
    assert suppressed.splitlines()[3] == '  headline: "🚀🚀🚀 Founder 🚀"  # ssi-lint: ignore[PRF008] -- reason'
    # a new account's daily limit (OUT006) speaks for the day per_day and per_week agree on (OUT001 is superseded)
    commented = apply(HEADLINE, (await code_actions(client, uri, diagnostics["OUT006"]))["Suppress OUT006 on this line (with a reason)"], encoding)
    assert commented.splitlines()[5].endswith('# "🚀" note  # ssi-lint: ignore[OUT006] -- reason')

    change = types.TextDocumentContentChangeWholeDocument(text=suppressed)
    client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(2, uri), [change]))
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    codes = {str(diagnostic.code) for diagnostic in published.diagnostics}
    assert "PRF008" not in codes and not any(code.startswith("SUP") for code in codes)


async def test_a_machine_fix_after_multibyte_text_replaces_the_value(client: LanguageClient, workspace: Path) -> None:
    encoding, uri = encoding_of(client), plan_uri(client, workspace, "template")
    out001 = (await open_plan(client, uri, TEMPLATE))["OUT001"]
    assert covered(TEMPLATE, out001.range, encoding) == "per_day: 60"
    fixed = apply(TEMPLATE, (await code_actions(client, uri, out001))["Apply the fix of OUT001"], encoding)
    assert fixed == TEMPLATE.replace("per_day: 60", "per_day: 20")


async def test_fix_all_replaces_the_whole_text(client: LanguageClient, workspace: Path) -> None:
    encoding, uri = encoding_of(client), plan_uri(client, workspace, "unterminated")
    text = TEMPLATE.rstrip("\n")  # the text ends after the emoji line: so does the edit's range
    await open_plan(client, uri, text)
    context = types.CodeActionContext([], only=[types.CodeActionKind.SourceFixAll])
    start = types.Range(types.Position(0, 0), types.Position(0, 0))
    (action,) = await client.text_document_code_action_async(types.CodeActionParams(types.TextDocumentIdentifier(uri), start, context)) or []
    assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    assert offset(text, edit.range.end, encoding) == len(text)
    assert apply(text, [edit], encoding) == fix_document(Linter(), load_text(text, "unterminated.plan.yaml")).text


@pytest.mark.parametrize("name", list(BROKEN))
async def test_a_load_problem_starts_where_check_puts_it(client: LanguageClient, workspace: Path, name: str) -> None:
    encoding, text = encoding_of(client), BROKEN[name]
    (finding,) = Linter().check_document(load_text(text, f"{name}.plan.yaml")).findings
    load001 = (await open_plan(client, plan_uri(client, workspace, name), text))["LOAD001"]
    start = offset(text, load001.range.start, encoding)
    assert (text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)) == (finding.line, finding.column)
