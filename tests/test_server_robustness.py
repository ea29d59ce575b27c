"""`hublint --server` under attack, over raw stdio: fuzzed JSON-RPC framing and payloads (hypothesis, derandomized,
HUBLINT_FUZZ_EXAMPLES per property, default 150), a 5 MB document, 1,000 edits in a burst, a binary document,
requests cancelled as they are sent.  After each attack the server still answers; every request it could read gets
exactly one answer (a result or a JSON-RPC error); nothing it writes to its log is a traceback."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pygls")

SERVER = [sys.executable, "-m", "hublint", "--server"]
EXAMPLES = int(os.environ.get("HUBLINT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])
# every partial state the reader can be left in (inside a header line, waiting for the blank line, inside a body of
# at most MAX_DECLARED bytes) ends within these bytes: blank lines, which the reader skips between messages
MAX_DECLARED = 1500
SYNC = b"\r\n" * (MAX_DECLARED // 2 + 100)
# methods the fuzzer may call; `exit` and `shutdown` are left out (they stop the server, as they should)
METHODS = ["initialize", "initialized", "textDocument/didOpen", "textDocument/didChange", "textDocument/didSave",
           "textDocument/didClose", "textDocument/hover", "textDocument/codeAction", "textDocument/diagnostic",
           "workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration", "workspace/executeCommand",
           "$/cancelRequest", "$/setTrace", "textDocument/completion", "hublint/nothing", "", "x" * 300]


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def message(obj) -> bytes:
    return frame(json.dumps(obj).encode())


class RawServer:
    """The server as a child process; a thread reads its frames into a queue."""

    def __init__(self, cwd) -> None:
        self.proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd)
        self.inbox: queue.Queue = queue.Queue()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()
        self.next_id = 1000
        self.seen: dict = {}  # id -> number of responses

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line == b"\r\n" and length is not None:
                    break
            self.inbox.put(json.loads(out.read(length)))

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def wait(self, ids, timeout: float = 30) -> dict:
        """Responses for these ids (counting every response that passes by)."""
        ids = set(ids)
        got: dict = {}
        deadline = time.monotonic() + timeout
        while not ids <= set(got):
            try:
                msg = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no answer for {sorted(ids - set(got))}; log: {b''.join(self.stderr)[-2000:]!r}")
            if msg is None:
                raise AssertionError(f"the server stopped; log: {b''.join(self.stderr)[-2000:]!r}")
            if "method" not in msg and "id" in msg:  # a response (the server's own requests are not answered)
                key = msg["id"] if isinstance(msg["id"], (int, str)) else json.dumps(msg["id"])  # odd ids echoed
                self.seen[key] = self.seen.get(key, 0) + 1
                got[key] = msg
        return got

    def request(self, method: str, params) -> dict:
        i = self.new_id()
        self.send(message({"jsonrpc": "2.0", "id": i, "method": method, "params": params}))
        return self.wait([i])[i]

    def ping(self) -> None:
        """The server reads messages and answers them."""
        reply = self.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere/Dockerfile"},
                                                    "position": {"line": 0, "character": 0}})
        assert "result" in reply, reply

    def stop(self) -> tuple[int, bytes]:
        self.send(SYNC)
        i = self.new_id()
        self.send(message({"jsonrpc": "2.0", "id": i, "method": "shutdown"}))
        self.wait([i])
        self.send(message({"jsonrpc": "2.0", "method": "exit"}))
        code = self.proc.wait(30)
        time.sleep(0.1)
        return code, b"".join(self.stderr)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    (root / ".git").mkdir()
    (root / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    s = RawServer(root)
    s.root = root
    s.send(message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}}))
    s.wait([1])
    s.send(message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    yield s
    code, log = s.stop()
    assert code == 0
    at = log.find(b"Traceback")
    assert at < 0, log[max(0, at - 500) : at + 3000]


# --------------------------------------------------------------------------- payloads
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
URIS = st.sampled_from(["file:///nowhere/Dockerfile", "file:///", "", "untitled:1", "http://x/Dockerfile",
                        "file:///etc/passwd", "file:///dev/zero", "file://%00/x", "not a uri"])
POSITION = st.fixed_dictionaries({"line": st.integers(-5, 10**12), "character": st.integers(-5, 10**12)})
SHAPED = st.fixed_dictionaries({
    "textDocument": st.fixed_dictionaries({"uri": URIS, "version": st.integers(-1, 5), "languageId": st.text(max_size=5),
                                           "text": st.text(max_size=200)}),
    "position": POSITION,
    "range": st.fixed_dictionaries({"start": POSITION, "end": POSITION}),
    "contentChanges": st.lists(st.fixed_dictionaries({"text": st.text(max_size=50)}), max_size=3),
    "context": st.fixed_dictionaries({"diagnostics": st.just([])}),
})
KEYS = ["textDocument", "position", "range", "contentChanges", "context"]
PARAMS = st.one_of(JSON, SHAPED, st.builds(lambda d, drop: {k: v for k, v in d.items() if k not in drop}, SHAPED,
                                           st.sets(st.sampled_from(KEYS))))
ODD_IDS = st.one_of(st.none(), st.floats(allow_nan=False), st.booleans(), st.lists(st.integers(), max_size=2),
                    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@st.composite
def payloads(draw):
    """(body, kind): a request with a fresh id (kind "request"), a notification, a malformed object, any JSON."""
    kind = draw(st.sampled_from(["request", "notification", "odd-id", "any", "no-jsonrpc"]))
    method = draw(st.sampled_from(METHODS))
    body = {"jsonrpc": "2.0", "method": method, "params": draw(PARAMS)}
    if kind == "request":
        body["id"] = None  # filled in when sent
    elif kind == "odd-id":
        body["id"] = draw(ODD_IDS)
    elif kind == "any":
        return draw(JSON), kind
    elif kind == "no-jsonrpc":
        body["jsonrpc"] = draw(st.sampled_from(["1.0", "", None]))
        body["id"] = 1
    return body, kind


@SETTINGS
@given(st.lists(payloads(), min_size=1, max_size=6))
def test_fuzzed_payloads_are_answered_or_ignored(server, batch):
    """Well-framed messages with random contents: each request with a usable id gets exactly one answer."""
    expected = []
    for body, kind in batch:
        if kind == "request":
            body = {**body, "id": server.new_id()}
            expected.append(body["id"])
        server.send(message(body))
    got = server.wait(expected)
    for i in expected:
        assert ("result" in got[i]) != ("error" in got[i]), got[i]
    server.ping()
    assert all(server.seen[i] == 1 for i in expected)


# --------------------------------------------------------------------------- framing
@st.composite
def chunks(draw):
    kind = draw(st.sampled_from(["bytes", "header", "short", "long", "bad-length", "no-blank", "ok"]))
    body = draw(st.sampled_from([b'{"jsonrpc": "2.0", "method": "initialized", "params": {}}', b"{", b"[]", b"\xff\xfe",
                                 b'{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover"}', b""]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "header":
        return draw(st.sampled_from([b"Content-Type: x\r\n", b"content-length: 4\r\n\r\n{}{}", b"Content-Length:\r\n",
                                     b"Content-Length: -1\r\n\r\n", b"Content-Length: 1e3\r\n\r\n",
                                     b"Content-Length: 0\r\n\r\n", b"\n\n\n", b"\r\r\r", b"Content-Length: 2\n\n{}"]))
    if kind == "short":
        n = draw(st.integers(0, max(0, len(body) - 1)))
        return b"Content-Length: %d\r\n\r\n" % n + body
    if kind == "long":
        n = draw(st.integers(len(body) + 1, MAX_DECLARED))
        return b"Content-Length: %d\r\n\r\n" % n + body
    if kind == "bad-length":
        return b"Content-Length: " + draw(st.sampled_from([b"abc", b"0x10", b" 12", b"12 ", b"\xff"])) + b"\r\n\r\n" + body
    if kind == "no-blank":
        return b"Content-Length: %d\r\n" % len(body) + body
    return frame(body)


@SETTINGS
@given(st.lists(chunks(), min_size=1, max_size=8))
def test_fuzzed_framing_never_stops_the_server(server, stream):
    """Garbage bytes, wrong or missing lengths, bodies cut short: once the stream is back in step (blank lines), the
    server reads the next message and answers it."""
    server.send(b"".join(stream) + SYNC)
    server.ping()


# --------------------------------------------------------------------------- documents, bursts, cancellation
def _open(server, uri: str, text: str, version: int = 1) -> None:
    server.send(message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "dockerfile", "version": version, "text": text}}}))


def _diagnostics(server, uri: str, timeout: float = 60):
    """Pull the diagnostics of a document (the raw client declared no push support, so it asks)."""
    reply = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    assert "result" in reply, reply
    return reply["result"]["items"]


def test_a_5_mb_document_then_normal_service(server):
    uri = (server.root / "huge.Dockerfile").as_uri()
    _open(server, uri, "FROM quay.io/jupyter/base-notebook:2025-01-06\n" + "RUN true\n" * 620_000)  # 5.0 MB
    (d,) = _diagnostics(server, uri)
    assert "larger than 2 MB" in d["message"]
    server.ping()


def test_a_binary_document(server):
    uri = (server.root / "logo.png").as_uri()
    text = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "".join(chr(c) for c in range(0, 0x2FF)) + "\udcff"
    _open(server, uri, text)
    items = _diagnostics(server, uri)
    assert [d["code"] for d in items] in ([], ["HUB001"]), items
    uri2 = (server.root / "Dockerfile.bin").as_uri()
    _open(server, uri2, "FROM scratch\x00\nRUN \x00\x01\x02\n")
    (d,) = _diagnostics(server, uri2)
    assert d["code"] == "HUB001" and "binary" in d["message"].lower()
    server.ping()


def test_a_thousand_edits_in_a_burst(server):
    uri = (server.root / "burst" / "Dockerfile").as_uri()
    (server.root / "burst").mkdir()
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER root\n"
    _open(server, uri, base)
    data = b""
    for v in range(2, 1002):  # type "#xxx…" one character at a time, then a last line that ends the root user
        text = "#" if v == 2 else "\nUSER 1000" if v == 1001 else "x"
        data += message({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": 2, "character": v - 2},
                                          "end": {"line": 2, "character": v - 2}}, "text": text}]}})
    server.send(data)
    items = _diagnostics(server, uri)
    # the document the server holds is the one the edits made: its findings are those of that text
    from hublint import lint_text
    final = base + "#" + "x" * 998 + "\nUSER 1000"
    before = {f.code for f in lint_text(base, path="Dockerfile")}
    after = sorted(f.code for f in lint_text(final, path="Dockerfile"))
    assert sorted(d["code"] for d in items) == after and "HUB301" in before - set(after)
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 1}})
    assert "result" in hover


def test_requests_cancelled_as_they_are_sent(server):
    uri = (server.root / "Dockerfile").as_uri()
    _open(server, uri, (server.root / "Dockerfile").read_text())
    ids = []
    data = b""
    for _ in range(50):
        i = server.new_id()
        ids.append(i)
        data += message({"jsonrpc": "2.0", "id": i, "method": "textDocument/diagnostic",
                         "params": {"textDocument": {"uri": uri}}})
        data += message({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": i}})
    server.send(data)
    got = server.wait(ids)
    for i in ids:
        reply = got[i]
        assert "result" in reply or reply["error"]["code"] == -32800, reply  # RequestCancelled
        assert server.seen[i] == 1
    server.ping()
