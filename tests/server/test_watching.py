"""The language server follows configuration changes: it asks the client to watch configuration files and rule packs,
and lints every open document again when one changes (pytest-lsp, a real client over stdio)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]  # a real `ssi-lint server` process per module, driven over stdio

PLAN = "version: 1\noutreach:\n  invitations:\n    per_day: 30\n    per_week: 90\naccount: {age_days: 400}\n"

PACK = """\
rules:
  - id: ZZZ001
    name: weekly-invitations-over-the-pack-limit
    title: Weekly invitations over the pack's limit
    pillar: relationships
    category: spam-risk
    severity: warning
    source: "a test pack"
    given: outreach.invitations.per_week
    when: self > params.limit
    params: {limit: LIMIT}
    message: "{self} a week is over {params.limit}"
    fix: "Send fewer."
    examples:
      fail: [{outreach: {invitations: {per_week: 150}}}]
      pass: [{outreach: {invitations: {per_week: 10}}}]
"""

REGISTRATIONS: list[types.Registration] = []


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose team folder selects OUT001 and a pack's rule."""
    root = tmp_path_factory.mktemp("watched")
    (root / ".git").mkdir()
    team = root / "team"
    team.mkdir()
    (team / ".ssi-lint.yaml").write_text("select: [OUT001, ZZZ]\nrules: [../packs/team.yaml]\n")
    (root / "packs").mkdir()
    (root / "packs" / "team.yaml").write_text(PACK.replace("LIMIT", "100"))
    (team / "q1.plan.yaml").write_text(PLAN)
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "ssi_lint", "server"]),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTRATIONS.extend(params.registrations)

    watching = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True, relative_pattern_support=True)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watching)),
            root_uri=workspace.as_uri(),
            initialization_options={"debounce": 0.1},
        )
    )
    yield
    await lsp_client.shutdown_session()


def codes(params: types.PublishDiagnosticsParams) -> set[str]:
    return {str(diagnostic.code) for diagnostic in params.diagnostics}


async def changed(
    client: LanguageClient, path: Path, kind: types.FileChangeType = types.FileChangeType.Changed
) -> types.PublishDiagnosticsParams:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([types.FileEvent(path.as_uri(), kind)]))
    return await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def watched() -> list[Any]:
    """The glob patterns the server asked to watch (as sent: a text, or a `baseUri` and `pattern`)."""
    return [watcher["globPattern"] for registration in REGISTRATIONS if registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
            for watcher in registration.register_options["watchers"]]


async def test_configuration_and_rule_pack_changes_relint_open_documents(client: LanguageClient, workspace: Path) -> None:
    uri = (workspace / "team" / "q1.plan.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, PLAN)))
    opened = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(opened) == {"OUT001"}  # 90 a week is under the pack's 100

    patterns = watched()
    assert "**/.ssi-lint.yaml" in patterns and "**/pyproject.toml" in patterns
    pack = workspace / "packs" / "team.yaml"
    assert {"baseUri": pack.resolve().parent.as_uri(), "pattern": pack.name} in patterns  # the rule pack the configuration names, once read

    pack.write_text(PACK.replace("LIMIT", "80"))
    assert codes(await changed(client, pack)) == {"OUT001", "ZZZ001"}  # the pack's new limit, without editing the plan

    config = workspace / "team" / ".ssi-lint.yaml"
    config.write_text("select: [ZZZ]\nrules: [../packs/team.yaml]\n")
    assert codes(await changed(client, config)) == {"ZZZ001"}

    config.write_text("select: [NOPE]\n")
    (broken,) = (await changed(client, config)).diagnostics
    assert broken.message.startswith("ssi-lint could not check this file: ") and "NOPE" in broken.message

    config.unlink()
    assert "OUT001" in codes(await changed(client, config, types.FileChangeType.Deleted))  # the defaults again


async def test_a_configuration_file_opened_in_the_editor_is_not_linted_as_a_plan(client: LanguageClient, workspace: Path) -> None:
    config = workspace / ".ssi-lint.yaml"
    config.write_text("include: ['*.yaml']\n")
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(config.as_uri(), "yaml", 1, config.read_text())))
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert published.uri == config.as_uri() and list(published.diagnostics) == []
