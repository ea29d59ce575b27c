"""The protocol: pygls wiring of :class:`~hublint.server.session.Session` (imported only by ``hublint --server``).

- diagnostics on open, change and save; pulled (``textDocument/diagnostic``) when the client can, pushed
  otherwise; cleared on close.  Changes that arrive while a lint waits are coalesced: the newest text wins.
- code actions: quick fix per finding fix (safe ones preferred), ignore for the line / the file, and
  ``source.fixAll.hublint`` (safe fixes only); hover: the rule page.
- ``workspace/didChangeWatchedFiles`` (and saves of deployment or configuration files): the deployments are
  built again and every open document is linted again.
- every handler catches its own errors and logs them: a bad document never stops the server.
"""

from __future__ import annotations

import asyncio
import logging
import os

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from .._version import __version__
from .session import Action, Diagnostic, Session

__all__ = ["create_server"]

log = logging.getLogger("hublint.server")

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def _range(r) -> types.Range:
    (a, b), (c, d) = r
    return types.Range(start=types.Position(line=a, character=b), end=types.Position(line=c, character=d))


def _diagnostic(d: Diagnostic) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(d.range),
        severity=_SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=d.href) if d.href else None,
        source="hublint",
        message=d.message,
        data=d.data,
    )


class _Protocol(LanguageServerProtocol):
    """A request whose parameters cannot be read is answered with an error (pygls only logs it, and the client
    would wait for an answer for ever). A code action request is read even when diagnostics in its context
    cannot be (see :meth:`_readable_code_action`)."""

    def structure_message(self, data):
        if isinstance(data, dict) and data.get("method") == types.TEXT_DOCUMENT_CODE_ACTION:
            data = self._readable_code_action(data)
        msg_id = data.get("id") if isinstance(data, dict) else None
        request = (
            isinstance(data, dict)
            and isinstance(data.get("method"), str)
            and (isinstance(msg_id, str) or (isinstance(msg_id, int) and not isinstance(msg_id, bool)))
        )
        try:
            message = super().structure_message(data)
        except JsonRpcException as exc:
            if request:
                self._send_response(
                    msg_id,
                    error=types.ResponseError(
                        code=exc.code, message=f"{exc.message}: cannot read the parameters of {data['method'][:100]}"
                    ),
                )
            raise
        if request and not hasattr(message, "id"):  # a notification's method, sent as a request
            invalid = JsonRpcInvalidRequest(f"{data['method'][:100]} is a notification, not a request")
            self._send_response(msg_id, error=types.ResponseError(code=invalid.code, message=invalid.message))
            raise invalid
        return message

    def handle_message(self, message):
        """After ``shutdown`` a request is answered with InvalidRequest (the LSP's rule; pygls would leave it
        unanswered and the client waiting); ``exit`` ends the session either way."""
        if self._shutdown and hasattr(message, "id") and getattr(message, "method", None) not in (None, types.EXIT):
            invalid = JsonRpcInvalidRequest(f"{str(message.method)[:100]}: the server is shutting down")
            self._send_response(message.id, error=types.ResponseError(code=invalid.code, message=invalid.message))
            return None
        if getattr(message, "method", None) == types.EXIT:
            self.exit_status = 0 if self._shutdown else 1  # `exit` without `shutdown` first: exit status 1
        return super().handle_message(message)

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        """pygls keeps the future of a handler it runs (a coroutine, a thread, or a generator such as its own
        ``didChange`` handler) under the message's id until the answer is sent; a notification gets a made-up id
        and no answer, so each edit left one behind (about 1.8 KB each, without end).  The entry goes when the
        handler is done; a request's is gone by then already."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda _done, key=msg_id: self._request_futures.pop(key, None))

    def _readable(self, value, cls) -> bool:
        try:
            self._converter.structure(value, cls)
        except Exception:  # noqa: BLE001 - cattrs raises several kinds for a value of the wrong shape
            return False
        return True

    def _readable_code_action(self, data: dict) -> dict:
        """``context.diagnostics`` of a code action request are the client's copies of the diagnostics on the
        range — hublint's and other tools' — and the server does not use them (it finds its own). Clients send
        partial ones (no message, a range without an end, an unknown severity): those are left out, and a
        context that cannot be read is an empty one, instead of refusing the request and logging "cannot read
        a message" for each."""
        params = data.get("params")
        if not isinstance(params, dict):
            return data
        context = params.get("context")
        if isinstance(context, dict) and self._readable(context, types.CodeActionContext):
            return data
        context = context if isinstance(context, dict) else {}
        diagnostics = context.get("diagnostics")
        readable = (
            [d for d in diagnostics if self._readable(d, types.Diagnostic)] if isinstance(diagnostics, list) else []
        )
        context = {**context, "diagnostics": readable}
        if not self._readable(context, types.CodeActionContext):  # a bad `only` or `triggerKind` too
            context = {"diagnostics": readable}
        log.debug("hublint: code action context read partially (%d of the diagnostics)", len(readable))
        return {**data, "params": {**params, "context": context}}


class HublintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "hublint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.session = Session()
        self.pull = False  # the client pulls diagnostics (textDocument/diagnostic)
        self.pending: set[str] = set()  # documents with a lint scheduled

    # ---- helpers
    def safe(self, what: str, fn, *args, default=None):
        try:
            return fn(*args)
        except Exception as exc:
            log.exception("hublint: %s failed", what)
            try:
                self.window_log_message(
                    types.LogMessageParams(type=types.MessageType.Error, message=f"hublint: {what} failed: {exc!r}")
                )
            except Exception:  # noqa: BLE001
                pass
            return default

    def publish(self, uri: str) -> None:
        doc = self.session.documents.get(uri)
        if doc is None:
            return
        diagnostics = self.safe("lint", self.session.lint, uri, default=[])
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=doc.version, diagnostics=[_diagnostic(d) for d in diagnostics]
            )
        )

    def schedule(self, uri: str) -> None:
        """Lint soon, once for a burst of changes: the newest text is linted when the loop gets to it."""
        if self.pull:
            return  # the client asks when it wants them
        if uri in self.pending:
            return
        self.pending.add(uri)

        def run() -> None:
            self.pending.discard(uri)
            self.publish(uri)

        try:
            asyncio.get_running_loop().call_soon(run)
        except RuntimeError:
            run()

    def relint_all(self) -> None:
        if self.pull:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception:  # noqa: BLE001 - clients without refresh support
                pass
            return
        for uri in list(self.session.documents):
            self.schedule(uri)


def create_server() -> HublintServer:
    """The server with its handlers: the session's life, the documents, and the requests it answers."""
    server = HublintServer()
    _lifecycle(server)
    _documents(server)
    _requests(server)
    return server


def _lifecycle(server: HublintServer) -> None:
    """initialize (settings), initialized (file watchers), configuration changes."""

    @server.feature(types.INITIALIZE)
    def initialize(ls: HublintServer, params: types.InitializeParams):
        caps = params.capabilities
        ls.pull = bool(caps and caps.text_document and caps.text_document.diagnostic)
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("settings"), dict):
            options = options["settings"]
        for problem in ls.safe("configure", ls.session.configure, options or {}, default=[]):
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=problem))

    @server.feature(types.INITIALIZED)
    def initialized(ls: HublintServer, params: types.InitializedParams):
        caps = ls.client_capabilities
        watch = caps.workspace and caps.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            patterns = [
                "**/.hublint.toml",
                "**/hublint.toml",
                "**/pyproject.toml",
                "**/jupyterhub_config*.py",
                "**/*.yaml",
                "**/*.yml",
                "**/.env",
                "**/.env.*",  # the templates a folder without .env is read with (deployment/dotenv.py)
                "**/*.env",
                "**/*.env.*",  # an env_file's template (`hub.env.example`)
                "**/env.*",
                "**/env[-_]*",  # `env-example`, `env_example`
                "**/.env[-_]*",
                "**/setup.py",  # a vendored project's package files (workspace/upstream.py)
                "**/setup.cfg",
                "**/Dockerfile*",
                "**/*.Dockerfile",
                "**/*[-_]Dockerfile",
                "**/*.dockerfile",
                "**/*.tf",  # Terraform's helm_release (deployment/terraform.py)
                "**/helmfile*.gotmpl",  # helmfiles helmfile renders as Go templates (deployment/releases.py)
                "**/helmfile.d/*.gotmpl",
            ]
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
            )
            ls.safe(
                "register watchers",
                ls.client_register_capability,
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="hublint-watch",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=options,
                        )
                    ]
                ),
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: HublintServer, params: types.DidChangeConfigurationParams):
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("hublint"), dict):
            settings = settings["hublint"]
        if isinstance(settings, dict) and settings:
            for problem in ls.safe("configure", ls.session.configure, settings, default=[]):
                ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=problem))
        ls.relint_all()


def _documents(server: HublintServer) -> None:
    """Open, change, save and close; files changed on disk: each lints again what it affects."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HublintServer, params: types.DidOpenTextDocumentParams):
        d = params.text_document
        doc = ls.safe("open", ls.session.open, d.uri, d.text, d.version, d.language_id)
        if doc is not None:
            ls.schedule(d.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HublintServer, params: types.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        if uri not in ls.session.documents:
            return
        document = ls.workspace.get_text_document(uri)  # pygls applied the (incremental) changes
        ls.safe("change", ls.session.change, uri, document.source, params.text_document.version)
        ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HublintServer, params: types.DidSaveTextDocumentParams):
        doc = ls.session.documents.get(params.text_document.uri)
        if doc is not None and doc.kind != "dockerfile":
            ls.session.deployment_changed()  # the deployment read from disk is stale
            ls.relint_all()
        elif doc is not None:
            ls.session.deployment_changed()  # a saved Dockerfile can change roles and the graph
            ls.schedule(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HublintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        was = ls.session.documents.get(uri)
        ls.session.close(uri)
        if was is not None and not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if was is not None and was.kind != "dockerfile":
            ls.relint_all()  # the deployment now reads the file from disk again

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: HublintServer, params: types.DidChangeWatchedFilesParams):
        ls.session.deployment_changed()
        ls.relint_all()


def _requests(server: HublintServer) -> None:
    """Pulled diagnostics, code actions, hover."""

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="hublint", inter_file_dependencies=True, workspace_diagnostics=False),
    )
    def diagnostic(ls: HublintServer, params: types.DocumentDiagnosticParams):
        diagnostics = ls.safe("lint", ls.session.lint, params.text_document.uri, default=[])
        return types.RelatedFullDocumentDiagnosticReport(items=[_diagnostic(d) for d in diagnostics])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, "source.fixAll.hublint"], resolve_provider=False
        ),
    )
    def code_action(ls: HublintServer, params: types.CodeActionParams):
        r = params.range
        only = list(params.context.only) if params.context and params.context.only else None
        actions = ls.safe(
            "code actions",
            ls.session.code_actions,
            params.text_document.uri,
            (r.start.line, r.start.character),
            (r.end.line, r.end.character),
            only,
            default=[],
        )
        return [_action(params.text_document.uri, a) for a in actions]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HublintServer, params: types.HoverParams):
        text = ls.safe(
            "hover", ls.session.hover, params.text_document.uri, params.position.line, params.position.character
        )
        if not text:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


def _action(uri: str, a: Action) -> types.CodeAction:
    edits = [types.TextEdit(range=_range(e.range), new_text=e.new_text) for e in a.edits]
    diagnostics = None
    if a.diagnostic is not None:
        f = a.diagnostic
        diagnostics = (
            None
            if f is None
            else [
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=f.line - 1, character=0),
                        end=types.Position(line=f.end_line - 1, character=0),
                    ),
                    message=f.message,
                    code=f.code,
                    source="hublint",
                )
            ]
        )
    return types.CodeAction(
        title=a.title,
        kind=a.kind,
        is_preferred=a.preferred or None,
        diagnostics=diagnostics,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


class _OneLine(logging.Filter):
    """pygls (and asyncio, for a task that failed) log a traceback; an editor's log gets one line instead
    (``HUBLINT_LOG_LEVEL=DEBUG`` keeps tracebacks)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("pygls") and str(record.msg).startswith("Unable to deserialize message"):
            return False  # its traceback as text; the "cannot read a message" line that follows says it
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            what = "hublint: cannot read a message" if record.name.startswith("pygls") else record.getMessage()[:200]
            if not what.startswith("hublint"):
                what = f"hublint: {what}"
            record.msg, record.args = f"{what}: {type(exc).__name__}: {exc}", ()
            record.exc_info = record.exc_text = None
        return True


def serve(tcp: str | None = None) -> int:
    """Run the server on standard input/output, or on ``HOST:PORT``; returns the exit status."""
    logging.basicConfig(level=os.environ.get("HUBLINT_LOG_LEVEL", "WARNING"), format="%(message)s")
    if os.environ.get("HUBLINT_LOG_LEVEL", "").upper() != "DEBUG":
        for handler in logging.getLogger().handlers:
            handler.addFilter(_OneLine())
    server = create_server()
    try:
        if tcp:
            host, _, port = tcp.rpartition(":")
            server.start_tcp(host or "127.0.0.1", int(port))
        else:
            server.start_io()
    except SystemExit:  # pygls's `exit` handler (and the end of its input): the `exit` message decides
        pass
    return getattr(server.protocol, "exit_status", 0)
