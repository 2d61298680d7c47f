"""The pygls language server: documents in, diagnostics, hovers and code actions out.

Diagnostics are published when a document is opened or saved, and after a
pause in typing (`DEBOUNCE_SECONDS`) when it changes. Initialization options
(all optional): `docsUrl`, the rule reference the diagnostics link to
(each rule's section is `#<id>` in it), and `debounce`, in seconds.

When the client can watch files (`workspace/didChangeWatchedFiles` with
dynamic registration), the server asks it to watch every `.ssi-lint.yaml` and
`pyproject.toml`, and each configuration file another extends and rule pack a
configuration names, once read; when one changes, every open document is
linted again with the configuration as it now is.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ssi_lint import __version__
from ssi_lint.config import CONFIG_NAMES
from ssi_lint.server import actions, hover
from ssi_lint.server.analysis import Analysis, Linters
from ssi_lint.server.diagnostics import Locator, error_diagnostic, findings_at, rule_url, rules_doc_url, to_diagnostics

DEBOUNCE_SECONDS = 0.3
logger = logging.getLogger(__name__)


class SsiLintServer(LanguageServer):
    """A language server that keeps the latest analysis of every open plan."""

    def __init__(self) -> None:
        super().__init__("ssi-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linters = Linters()
        self.analyses: dict[str, Analysis] = {}
        self.docs_url = rules_doc_url()
        self.debounce = DEBOUNCE_SECONDS
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._watched: set[str] | None = None
        """The rule packs and extended configuration files the client watches; None when it cannot watch files."""
        self.shut_down = False
        """Whether the client asked the server to shut down (its exit status is 0 then, else 1: the LSP's `exit`)."""

    def configure(self, params: types.InitializeParams) -> None:
        """Take the workspace folder and initialization options."""
        options: Any = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        self.docs_url = str(options.get("docsUrl") or self.docs_url)
        self.debounce = float(options.get("debounce", self.debounce))
        root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
        folder = to_fs_path(root) if root else None
        self.linters = Linters(Path(folder) if folder else None)

    def locator(self, analysis: Analysis) -> Locator:
        """Positions in the analysed document, converted to the position encoding agreed with the client."""
        return Locator(analysis.document, analysis.text, self.workspace.position_codec)

    def lint(self, uri: str) -> None:
        """Analyse the document's current text and publish its diagnostics."""
        self._pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        path = Path(document.path) if uri.startswith("file:") and document.path else None
        display = path.as_posix() if path is not None else uri
        try:
            analysis = self.linters.analyse(path, document.source, display)
        except Exception as exc:  # noqa: BLE001 - an editor session must survive a failing plugin or rule
            logger.exception("ssi-lint failed on %s", uri)
            self.analyses.pop(uri, None)
            self._publish(uri, [error_diagnostic(f"internal error: {type(exc).__name__}: {exc}")], document.version)
            return
        self.analyses[uri] = analysis
        self.watch_inputs()
        if analysis.error is not None:
            diagnostics = [error_diagnostic(analysis.error)]
        else:
            locator = self.locator(analysis)
            diagnostics = to_diagnostics(analysis.result.findings, locator, display, self.docs_url)
        self._publish(uri, diagnostics, document.version)

    def watch_configuration(self) -> None:
        """Ask the client to watch the configuration files, when it can (dynamic registration)."""
        workspace = self.client_capabilities.workspace
        watching = workspace.did_change_watched_files if workspace is not None else None
        if watching is None or not watching.dynamic_registration:
            return
        self._watched = set()
        self._register_watchers("ssi-lint-configuration", [types.FileSystemWatcher(f"**/{name}") for name in CONFIG_NAMES])

    def watch_inputs(self) -> None:
        """Ask the client to watch the rule packs and extended configuration files read since the last call."""
        if self._watched is None:
            return
        new = sorted(self.linters.inputs() - self._watched)
        if not new:
            return
        self._watched.update(new)
        workspace = self.client_capabilities.workspace
        relative = bool(workspace and workspace.did_change_watched_files and workspace.did_change_watched_files.relative_pattern_support)
        watchers = [
            types.FileSystemWatcher(types.RelativePattern(file.parent.as_uri(), file.name) if relative else f"**/{file.name}")
            for file in map(Path, new)
        ]
        self._register_watchers(f"ssi-lint-inputs-{len(self._watched)}", watchers)

    def _register_watchers(self, registration: str, watchers: list[types.FileSystemWatcher]) -> None:
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        self.client_register_capability(
            types.RegistrationParams([types.Registration(registration, types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)])
        )

    def configuration_changed(self) -> None:
        """A watched file changed: read the configuration again and lint every open document with it."""
        self.linters.forget()
        for uri in list(self.workspace.text_documents):
            self.lint(uri)

    def lint_later(self, uri: str) -> None:
        """Lint after a pause in changes: each change restarts the wait."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._pending[uri] = asyncio.get_running_loop().call_later(self.debounce, self.lint, uri)

    def forget(self, uri: str) -> None:
        """Drop a closed document and clear its diagnostics."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.analyses.pop(uri, None)
        self._publish(uri, [], None)

    def _publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))


def build_server() -> SsiLintServer:
    """A server with every feature registered (nothing runs until it is started)."""
    server = SsiLintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: SsiLintServer, params: types.InitializeParams) -> None:
        ls.configure(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: SsiLintServer, params: None) -> None:
        ls.shut_down = True

    @server.feature(types.INITIALIZED)
    def initialized(ls: SsiLintServer, params: types.InitializedParams) -> None:
        ls.watch_configuration()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: SsiLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.configuration_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SsiLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SsiLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SsiLintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SsiLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: SsiLintServer, params: types.HoverParams) -> types.Hover | None:
        return _hover(ls, params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    def code_action(ls: SsiLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return _code_actions(ls, params)

    return server


def _hover(ls: SsiLintServer, params: types.HoverParams) -> types.Hover | None:
    """The rules of the findings under the cursor, else the schema's words for the key under it."""
    analysis = ls.analyses.get(params.text_document.uri)
    if analysis is None or analysis.linter is None:
        return None
    locator = ls.locator(analysis)
    source = analysis.result.source
    hits = findings_at([finding for finding in analysis.result.findings if finding.file == source], locator, params.position)
    if hits:
        text = "\n\n---\n\n".join(hover.finding_hover(analysis.linter, finding, rule_url(ls.docs_url, finding.rule_id)) for finding in hits)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))
    path = hover.key_at(analysis.document, *locator.located(params.position))
    text = hover.key_hover(analysis.linter.plan_schema, path) if path is not None else None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text)) if text else None


def _code_actions(ls: SsiLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """For each of our diagnostics in the request: apply its fix, suppress it; and fix everything."""
    uri = params.text_document.uri
    analysis = ls.analyses.get(uri)
    if analysis is None:
        return []
    wanted = {str(getattr(kind, "value", kind)) for kind in params.context.only or ()}
    locator = ls.locator(analysis)
    found: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else None
        if diagnostic.source != "ssi-lint" or data is None or (wanted and types.CodeActionKind.QuickFix.value not in wanted):
            continue
        rule_id, at = str(data.get("rule_id")), str(data.get("path"))
        fix = actions.fix_edits(analysis, locator, rule_id, at)
        if fix:
            found.append(_action(f"Apply the fix of {rule_id}", uri, fix, diagnostic, preferred=True))
        suppression = actions.suppression_edit(analysis, locator, rule_id, int(data.get("line", 0)))
        if suppression is not None:
            found.append(_action(f"Suppress {rule_id} on this line (with a reason)", uri, [suppression], diagnostic))
    if not wanted or wanted & {types.CodeActionKind.SourceFixAll.value, types.CodeActionKind.Source.value}:
        whole = actions.fix_all_edit(analysis, locator)
        if whole is not None:
            found.append(_action("Apply every ssi-lint fix", uri, [whole], None, kind=types.CodeActionKind.SourceFixAll))
    return found


def _action(
    title: str,
    uri: str,
    edits: list[types.TextEdit],
    diagnostic: types.Diagnostic | None,
    preferred: bool = False,
    kind: types.CodeActionKind = types.CodeActionKind.QuickFix,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        edit=types.WorkspaceEdit(changes={uri: edits}),
        is_preferred=preferred or None,
    )


def serve() -> int:
    """Run the server on standard input and output until the client ends the session; return the exit status.

    As the LSP's `exit` notification says: 0 when the client asked for `shutdown` first, else 1 (an `exit` without
    it, or standard input that ends without either). pygls ends its loop on `exit` but drops the status it exits with.
    """
    server = build_server()
    server.start_io()
    return 0 if server.shut_down else 1
