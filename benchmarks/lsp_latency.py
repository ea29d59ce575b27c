"""Language server latency: from `textDocument/didChange` to the `publishDiagnostics` of that version.

    python benchmarks/lsp_latency.py [--edits 200] [--corpus PATH-TO-shared/corpus/real]

With ``--edits 20000`` it also shows whether memory stays bounded: the server's resident memory (Linux
``/proc/PID/status`` VmRSS) after the first tenth of the edits and at the end, and the growth per edit between.

Starts `hublint --server` once (stdio, a client without pull diagnostics, so the server pushes), opens the
median-size real Dockerfile (of the corpus when given or found next to the checkout, else the bundled
example) in a temporary repository, then sends one full-text edit at a time (a comment line that changes,
as typing does) and waits for the diagnostics of that version.  Prints the median, p90, p99 and maximum in
milliseconds.  Raw JSON-RPC over pipes: the client adds no time of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


class Client:
    def __init__(self, cmd: list[str], cwd: str, **popen) -> None:
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=cwd, **popen)
        self.buf = b""
        self.ids = 0

    def send(self, obj: dict) -> None:
        body = json.dumps(obj).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.ids += 1
        self.send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.ids and "method" not in msg:
                return msg

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def read(self, timeout: float = 30.0) -> dict:
        fd = self.proc.stdout.fileno()
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length"))
                if len(rest) >= length:
                    self.buf = rest[length:]
                    return json.loads(rest[:length])
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise SystemExit(f"the server did not answer within {timeout:g} s")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise SystemExit("the server exited")
            self.buf += chunk

    def wait_diagnostics(self, uri: str, version: int, timeout: float = 30.0) -> dict:
        while True:
            msg = self.read(timeout)
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri and \
                    msg["params"].get("version") == version:
                return msg

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001
            self.proc.kill()


def median_dockerfile(corpus: pathlib.Path | None) -> tuple[str, str]:
    if corpus is not None and corpus.is_dir():
        files = sorted((p for p in corpus.iterdir() if p.is_file() and p.suffix not in (".tsv", ".md")),
                       key=lambda p: (p.stat().st_size, p.name))
        chosen = files[len(files) // 2]
        return chosen.name, chosen.read_text(errors="replace")
    example = HERE.parent / "fixtures" / "examples" / "Dockerfile"
    return "fixtures/examples/Dockerfile", example.read_text()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--corpus", type=pathlib.Path, default=HERE.parent.parent / "shared" / "corpus" / "real")
    args = parser.parse_args()
    name, text = median_dockerfile(args.corpus)
    exe = shutil.which("hublint", path=os.path.dirname(sys.executable))
    cmd = [exe, "--server"] if exe else [sys.executable, "-m", "hublint", "--server"]
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, ".git"))
        path = os.path.join(tmp, "Dockerfile")
        with open(path, "w") as fh:
            fh.write(text)
        uri = pathlib.Path(path).as_uri()
        client = Client(cmd, tmp)
        client.request("initialize", {"processId": os.getpid(), "rootUri": pathlib.Path(tmp).as_uri(),
                                      "capabilities": {"textDocument": {"publishDiagnostics": {}}}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile",
                                                                "version": 1, "text": text}})
        client.wait_diagnostics(uri, 1)
        times = []
        rss = []
        for i in range(args.edits):
            if i in (args.edits // 10, args.edits - 1):
                rss.append((i, _rss_kib(client.proc.pid)))
            version = i + 2
            edited = f"# edit {i}\n" + text
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"text": edited}]})
            client.wait_diagnostics(uri, version)
            times.append((time.perf_counter() - start) * 1000)
        client.close()
    times.sort()
    p = lambda q: times[min(len(times) - 1, round(q * (len(times) - 1)))]  # noqa: E731
    print(f"file: {name} ({len(text.splitlines())} lines), {len(times)} edits")
    print(f"didChange -> publishDiagnostics: median {statistics.median(times):.2f} ms, p90 {p(0.90):.2f} ms, "
          f"p99 {p(0.99):.2f} ms, max {times[-1]:.2f} ms")
    if len(rss) == 2 and rss[0][1] and rss[1][1]:
        (i0, r0), (i1, r1) = rss
        per = (r1 - r0) * 1024 / max(1, i1 - i0)
        print(f"server RSS: {r0 / 1024:.1f} MiB after {i0} edits, {r1 / 1024:.1f} MiB after {i1}: {per:.0f} bytes/edit")
    return 0


def _rss_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError):
        return None


if __name__ == "__main__":
    sys.exit(main())
