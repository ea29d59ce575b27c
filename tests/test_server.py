"""`hublint --server`, driven over stdio by a real LSP client (pytest-lsp): diagnostics on open and change, code
actions (quick fix, ignore, fix-all), hover, configuration reload, the deployment around a Dockerfile, close;
and robustness (garbage on stdin, an oversized document, cancelled requests, unknown methods)."""

import asyncio
import json
import subprocess
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

SERVER = [sys.executable, "-m", "hublint", "--server"]
BAD = "FROM quay.io/jupyter/base-notebook:latest\nCMD start-notebook.py\n"


def _push_capabilities():
    """Neovim's recorded capabilities without pull diagnostics: the server pushes."""
    caps = client_capabilities("neovim")
    caps.text_document.diagnostic = None
    return caps


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=_push_capabilities(), initialization_options={"select": ["HUB"]}))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim")))
    yield
    await lsp_client.shutdown_session()


async def _published(client):
    """The next publishDiagnostics (a test fails, never hangs, when none comes)."""
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20)


def _tree(tmp_path, files):
    (tmp_path / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


async def _open(client, path, text, language="dockerfile", version=1):
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    await _published(client)
    return uri


def codes(diagnostics):
    return sorted((d.code, d.range.start.line) for d in diagnostics)


@pytest.mark.asyncio
async def test_open_change_actions_hover_close(client: LanguageClient, tmp_path):
    path = _tree(tmp_path, {"Dockerfile": BAD}) / "Dockerfile"
    uri = await _open(client, path, BAD)
    found = client.diagnostics[uri]
    assert ("HUB102", 0) in codes(found) and ("HUB403", 1) in codes(found)
    latest = next(d for d in found if d.code == "HUB102")
    assert latest.source == "hublint" and latest.severity == types.DiagnosticSeverity.Error
    assert latest.code_description.href.endswith("/rules/HUB102-latest-tag.md")
    assert "pin a dated tag" in latest.message  # the help travels with the message

    # an edit (unsaved): the new text is linted
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=0, character=35), end=types.Position(line=0, character=41)),
            text="2025-01-06")]))
    await _published(client)
    assert "HUB102" not in [d.code for d in client.diagnostics[uri]]
    shell = next(d for d in client.diagnostics[uri] if d.code == "HUB403")

    # the quick fix of HUB403 (safe, preferred) and the ignore actions
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=shell.range,
        context=types.CodeActionContext(diagnostics=[shell])))
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and "HUB403" in a.title
               and "Ignore" not in a.title)
    assert fix.is_preferred
    assert "Ignore HUB403 for this line" in titles and "Ignore HUB403 for this file" in titles
    (edit,) = fix.edit.changes[uri]
    assert edit.new_text == '["start-notebook.py"]'
    ignore = next(a for a in actions if a.title == "Ignore HUB403 for this line")
    (pragma,) = ignore.edit.changes[uri]
    assert pragma.new_text == "# hublint ignore=HUB403\n" and pragma.range.start.line == 1

    # fix-all: safe fixes only, as one edit
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.hublint"])))
    (fix_all,) = actions
    (whole,) = fix_all.edit.changes[uri]
    assert whole.new_text == 'FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD ["start-notebook.py"]\n'

    # hover on the finding: the rule's page
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=shell.range.start))
    assert "# shell-form-cmd (HUB403)" in hover.contents.value

    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await _published(client)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_hover_on_a_pragma_code(client: LanguageClient, tmp_path):
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06\n# hublint ignore=HUB403\nCMD start-notebook.py\n"
    path = _tree(tmp_path, {"Dockerfile": text}) / "Dockerfile"
    uri = await _open(client, path, text)
    assert list(client.diagnostics[uri]) == []  # the pragma works in the editor too
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=19)))
    assert "# shell-form-cmd (HUB403)" in hover.contents.value


@pytest.mark.asyncio
async def test_the_deployment_of_the_workspace_and_its_reload(client: LanguageClient, tmp_path):
    """A single-user Dockerfile is judged against the Hub found in the repository; when the compose file changes
    on disk (didChangeWatchedFiles), the open Dockerfile is linted again against the new Hub."""
    user = ("FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==4.1.6' 'jupyterlab==4.3.4'\nUSER 1000\n"
            'CMD ["jupyterhub-singleuser"]\n')
    compose = "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:{v}\n    command: jupyterhub\n"
    root = _tree(tmp_path, {"docker-compose.yml": compose.format(v="4.1.6"), "user/Dockerfile": user})
    uri = await _open(client, root / "user" / "Dockerfile", user)
    assert "HUB204" not in [d.code for d in client.diagnostics[uri]]
    (root / "docker-compose.yml").write_text(compose.format(v="5.3.0"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(root / "docker-compose.yml").as_uri(), type=types.FileChangeType.Changed)]))
    await _published(client)
    assert "HUB204" in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio
async def test_configuration_reload(client: LanguageClient, tmp_path):
    root = _tree(tmp_path, {"Dockerfile": BAD})
    uri = await _open(client, root / "Dockerfile", BAD)
    assert "HUB403" in [d.code for d in client.diagnostics[uri]]
    (root / ".hublint.toml").write_text('ignore = ["HUB403"]\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(root / ".hublint.toml").as_uri(), type=types.FileChangeType.Created)]))
    await _published(client)
    assert "HUB403" not in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio
async def test_deployment_documents_and_unknown_files(client: LanguageClient, tmp_path):
    config = "c = get_config()\nc.DockerSpawner.image = 'quay.io/jupyter/scipy-notebook:latest'\n"
    root = _tree(tmp_path, {"jupyterhub_config.py": config, "notes.py": "x = 1\n"})
    uri = await _open(client, root / "jupyterhub_config.py", config, language="python")
    assert ("HUB102", 1) in codes(client.diagnostics[uri])
    # a Python file that is not a Hub configuration gets nothing, not even an empty publish
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=(root / "notes.py").as_uri(), language_id="python", version=1, text="x = 1\n")))
    await asyncio.sleep(0.2)
    assert (root / "notes.py").as_uri() not in client.diagnostics


@pytest.mark.asyncio
async def test_half_typed_and_oversized_documents(client: LanguageClient, tmp_path):
    root = _tree(tmp_path, {})
    uri = await _open(client, root / "Dockerfile", 'FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD ["start')
    assert [d.code for d in client.diagnostics[uri]] == ["HUB410"]  # not JSON: it runs through /bin/sh
    big = "FROM quay.io/jupyter/base-notebook:2025-01-06\n" + "RUN true\n" * 400_000  # 3.6 MB
    uri = await _open(client, root / "big.Dockerfile", big)
    (d,) = client.diagnostics[uri]
    assert "larger than 2 MB" in d.message
    # and the server still answers
    uri2 = await _open(client, root / "c.Dockerfile", BAD)
    assert client.diagnostics[uri2]


@pytest.mark.asyncio
async def test_unknown_methods_and_cancelled_requests(client: LanguageClient, tmp_path):
    from pygls.exceptions import JsonRpcMethodNotFound

    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("hublint/nothing", {})
    root = _tree(tmp_path, {"Dockerfile": BAD})
    uri = await _open(client, root / "Dockerfile", BAD)
    # a cancellation of a request that is not running (or already answered) changes nothing
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=424242))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=40)))
    assert hover is not None


def test_garbage_on_stdin_does_not_kill_the_server():
    """Bytes that are no LSP message, then a valid exit: the server reads past them and stops as the LSP says
    (status 1: `exit` came without `shutdown` before it)."""
    body = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()
    garbage = b"this is not a header\r\n\r\n{nope}\r\nContent-Length: 3\r\n\r\n{x}"
    message = garbage + b"Content-Length: %d\r\n\r\n" % len(body) + body
    proc = subprocess.run(SERVER, input=message, capture_output=True, timeout=60)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"hublint: cannot read a message" in proc.stderr


def test_without_the_extra_a_clear_error(monkeypatch, capsys):
    import builtins

    real = builtins.__import__

    def no_pygls(name, *args, **kwargs):
        if name.startswith(("pygls", "lsprotocol")) or name == "hublint.server.lsp" or (
                name == "lsp" and args and args[2] and "serve" in (args[2] or ())):
            raise ImportError("No module named 'pygls'")
        return real(name, *args, **kwargs)

    import hublint.server as server

    monkeypatch.delitem(sys.modules, "hublint.server.lsp", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pygls)
    assert server.serve() == 2
    assert "needs the `server` extra" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_pull_diagnostics(pull_client: LanguageClient, tmp_path):
    """A client that pulls (Neovim 0.10+) asks with textDocument/diagnostic; nothing is pushed on change."""
    root = _tree(tmp_path, {"Dockerfile": BAD})
    uri = (root / "Dockerfile").as_uri()
    pull_client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=BAD)))
    report = await asyncio.wait_for(pull_client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri))), 20)
    assert ("HUB102", 0) in codes(report.items)
    assert uri not in pull_client.diagnostics


def test_readme_editor_setups_name_the_server_command():
    """The Helix block parses as TOML and starts `hublint --server`; every setup names the same command."""
    import re
    import tomllib

    from conftest import ROOT

    editors = (ROOT / "docs" / "editors.md").read_text()  # the README links to this page
    section = editors[editors.index("**The language server**"):editors.index("The command-line setups below")]
    (helix,) = re.findall(r"```toml\n(.*?)```", section, re.S)
    config = tomllib.loads(helix)
    assert config["language-server"]["hublint"] == {"command": "hublint", "args": ["--server"]}
    assert "hublint" in config["language"][0]["language-servers"]
    assert section.count("'hublint', '--server'") == 3 and '("hublint" "--server")' in section


def _raw(*messages) -> bytes:
    return b"".join(b"Content-Length: %d\r\n\r\n" % len(m) + m for m in (json.dumps(x).encode() for x in messages))


INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "processId": None,
                                                                      "rootUri": None}}


def test_after_shutdown_requests_are_refused_and_exit_says_how_it_ended():
    """LSP: after `shutdown` every request is answered with InvalidRequest; `exit` ends the process with 0
    after `shutdown`, 1 without it."""
    hover = {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file:///tmp/Dockerfile"}, "position": {"line": 0, "character": 0}}}
    proc = subprocess.run(SERVER, input=_raw(INIT, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, hover,
                                             {"jsonrpc": "2.0", "method": "exit"}), capture_output=True, timeout=60)
    assert proc.returncode == 0
    answers, rest = [], proc.stdout
    while b"\r\n\r\n" in rest:
        head, rest = rest.split(b"\r\n\r\n", 1)
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        answers.append(json.loads(rest[:length]))
        rest = rest[length:]
    (refused,) = [a for a in answers if a.get("id") == 3]
    assert refused["error"]["code"] == -32600
    proc = subprocess.run(SERVER, input=_raw(INIT, {"jsonrpc": "2.0", "method": "exit"}), capture_output=True,
                          timeout=60)
    assert proc.returncode == 1


def test_handled_notifications_leave_nothing_behind(tmp_path):
    """Memory stays bounded over an editing session: every handled message lets go of its handler's future
    (pygls kept one per notification — each edit — for ever). Driven in-process through the protocol."""
    from hublint.server.lsp import create_server

    server = create_server()
    proto = server.protocol
    sent = []

    class Writer:
        def write(self, data):
            sent.append(data)

        def close(self):
            pass

    proto.set_writer(Writer())
    (tmp_path / ".git").mkdir()
    uri = (tmp_path / "Dockerfile").as_uri()

    def send(message):
        proto.handle_message(proto.structure_message(message))

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": BAD}}})
    for version in range(2, 202):
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version},
                         "contentChanges": [{"text": f"# edit {version}\n" + BAD}]}})
    published = [json.loads(d[d.index(b"{"):]) for d in sent if b"publishDiagnostics" in d]
    assert published and published[-1]["params"]["version"] == 201  # the edits were handled and linted
    assert published[-1]["params"]["diagnostics"]
    assert proto._request_futures == {}
