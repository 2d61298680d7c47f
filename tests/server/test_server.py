"""The language server end to end: a real LSP client talks to `ssi-lint server` over stdio (pytest-lsp)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from ssi_lint.api import Linter
from ssi_lint.fixing import fix_document
from ssi_lint.loading import load_text

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]  # a real `ssi-lint server` process per module, driven over stdio

PLAN = """\
version: 1
outreach:
  invitations:
    per_day: 30   # daily invitations
    note: personalized
  pending:
    withdraw_after_days: 45
  acceptance_rate: 0.4
account: {age_days: 400, tier: premium}
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose team folder raises OUT001's limit to 25."""
    root = tmp_path_factory.mktemp("workspace")
    (root / ".git").mkdir()
    team = root / "team"
    team.mkdir()
    (team / ".ssi-lint.yaml").write_text("params:\n  OUT001: {levels: {warning: 25}}\n")
    (team / "q1.plan.yaml").write_text(PLAN)
    (root / "notes.yaml").write_text("version: 1\n")
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "ssi_lint", "server"]),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=workspace.as_uri(),
            initialization_options={"docsUrl": "https://example.org/rules.md", "debounce": 0.2},
        )
    )
    yield
    await lsp_client.shutdown_session()


def uri_of(workspace: Path, name: str = "team/q1.plan.yaml") -> str:
    return (workspace / name).as_uri()


async def open_plan(client: LanguageClient, uri: str, text: str = PLAN) -> types.PublishDiagnosticsParams:
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text)))
    return await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def opened(client: LanguageClient, workspace: Path) -> str:
    """The team plan's URI, opened first when this server has not seen it (pytest-xdist may run a test on another worker)."""
    uri = uri_of(workspace)
    if uri not in client.diagnostics:
        await open_plan(client, uri)
    return uri


def by_code(params: types.PublishDiagnosticsParams) -> dict[str, types.Diagnostic]:
    return {str(diagnostic.code): diagnostic for diagnostic in params.diagnostics}


async def test_diagnostics_on_open_use_the_folder_configuration(client: LanguageClient, workspace: Path) -> None:
    published = await open_plan(client, uri_of(workspace))
    out001 = by_code(published)["OUT001"]
    assert out001.message.startswith("30 invitations a day is above the warning level of 25 a day")
    assert out001.severity == types.DiagnosticSeverity.Warning
    assert out001.source == "ssi-lint"
    assert out001.code_description is not None and out001.code_description.href == "https://example.org/rules.md#out001"
    assert out001.range == types.Range(types.Position(3, 4), types.Position(3, 15))  # `per_day: 30`, not the comment
    pln005 = by_code(published)["PLN005"]
    assert pln005.range == types.Range(types.Position(6, 4), types.Position(6, 27))


async def test_files_the_configuration_does_not_include_get_no_findings(client: LanguageClient, workspace: Path) -> None:
    published = await open_plan(client, uri_of(workspace, "notes.yaml"), "version: 1\noutreach: {invitations: {per_day: 90}}\n")
    assert list(published.diagnostics) == []


async def test_changes_are_debounced_and_saves_relint(client: LanguageClient, workspace: Path) -> None:
    uri = await opened(client, workspace)
    for version, daily in ((2, "31"), (3, "22")):
        change = types.TextDocumentContentChangeWholeDocument(text=PLAN.replace("30", daily))
        client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version, uri), [change]))
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert published.version == 3  # one publication, for the last change
    assert "OUT001" not in by_code(published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    saved = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "PLN005" in by_code(saved)
    restore = types.TextDocumentContentChangeWholeDocument(text=PLAN)
    client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(4, uri), [restore]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def test_hover_on_a_finding_explains_the_rule(client: LanguageClient, workspace: Path) -> None:
    found = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(await opened(client, workspace)), types.Position(3, 14)))
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    text = found.contents.value
    assert "**[OUT001](https://example.org/rules.md#out001)**" in text
    assert "*Why:*" in text and "*Source:*" in text and "*Fix:* Send at most 25" in text
    assert '"warning": 25' in text  # the effective params, with the folder's configuration


async def test_hover_on_a_key_shows_the_schema_description(client: LanguageClient, workspace: Path) -> None:
    found = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(await opened(client, workspace)), types.Position(4, 6)))
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert found.contents.value.startswith("**outreach.invitations.note**\n\nWhat note goes with an invitation")
    assert "enum: " in found.contents.value
    assert await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri_of(workspace)), types.Position(0, 12))) is None


async def test_code_actions_apply_the_fix_or_suppress_with_a_reason(client: LanguageClient, workspace: Path) -> None:
    uri = await opened(client, workspace)
    published = client.diagnostics[uri]
    out001 = next(item for item in published if item.code == "OUT001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), out001.range, types.CodeActionContext([out001]))
    )
    titles = {action.title: action for action in actions or [] if isinstance(action, types.CodeAction)}
    fix = titles["Apply the fix of OUT001"].edit
    assert fix is not None and fix.changes is not None
    assert list(fix.changes[uri]) == [types.TextEdit(types.Range(types.Position(3, 13), types.Position(3, 15)), "25")]
    suppress = titles["Suppress OUT001 on this line (with a reason)"].edit
    assert suppress is not None and suppress.changes is not None
    (edit,) = suppress.changes[uri]
    lines = PLAN.splitlines(keepends=True)
    line = lines[3]
    lines[3] = line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    assert lines[3] == "    per_day: 30   # daily invitations  # ssi-lint: ignore[OUT001] -- reason\n"
    change = types.TextDocumentContentChangeWholeDocument(text="".join(lines))
    client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(5, uri), [change]))
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "OUT001" not in by_code(published) and "SUP001" not in by_code(published)
    restore = types.TextDocumentContentChangeWholeDocument(text=PLAN)
    client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(6, uri), [restore]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def test_fix_all_source_action_matches_check_fix(client: LanguageClient, workspace: Path) -> None:
    uri = await opened(client, workspace)
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    context = types.CodeActionContext([], only=[types.CodeActionKind.SourceFixAll])
    actions = await client.text_document_code_action_async(types.CodeActionParams(types.TextDocumentIdentifier(uri), whole, context))
    (action,) = actions or []
    assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    expected = fix_document(Linter(), load_text(PLAN, "q1.plan.yaml")).text  # default params: per_day -> 20
    assert edit.new_text == expected.replace("per_day: 20", "per_day: 25")  # the folder's limit is 25
    assert "withdraw_after_days: 21" in edit.new_text


async def test_a_broken_configuration_is_one_diagnostic_not_a_crash(client: LanguageClient, workspace: Path) -> None:
    broken = workspace / "broken"
    broken.mkdir()
    (broken / ".ssi-lint.yaml").write_text("selectt: [OUT]\n")
    published = await open_plan(client, (broken / "a.plan.yaml").as_uri())
    (diagnostic,) = published.diagnostics
    assert diagnostic.message.startswith("ssi-lint could not check this file: ")
    assert "selectt" in diagnostic.message
    assert (diagnostic.range.end.line, diagnostic.range.end.character) == (0, 0)  # empty: never inside a first character
