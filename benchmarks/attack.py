"""Resource use on hostile inputs: the goal is that every input of up to 1 MB lints in ≤ 2 s and ≤ 200 MB.

    python benchmarks/attack.py [--modes cli,api,server] [--only SUBSTRING] [--timeout 60] [--list] [--keep DIR]

Writes each attack input (exponential and quadratic expansions, deep nesting, long lines, odd bytes: see
CASES) into a folder of its own, then measures it in a fresh process per mode:

- ``cli``: ``hublint --no-cache --no-config --format json <files>``; wall time of the process, its CPU time
  (user + system) and its peak RSS (``os.wait4``'s resource usage of that one child);
- ``api``: a fresh Python that imports hublint and calls ``hublint.lint_text`` on the file's text
  (``hublint.lint_paths`` for a ``.env``, which ``lint_text`` does not read); the wall and CPU time of the call,
  and the process's peak RSS.

The goal is judged on CPU time (on a machine shared with other work, wall time also counts the waiting; on an
idle core the two are the same) and peak RSS.

- ``server``: a fresh ``hublint --server`` (stdio) in the case's folder as its workspace; each file is opened
  (``textDocument/didOpen`` with its text) and its diagnostics awaited; the wall time from the first open to the
  last diagnostics, the server process's own CPU time over that stretch (``/proc/PID/stat`` read before the
  first open and after the last diagnostics) and its peak RSS (``VmHWM``, read before ``shutdown``, so start-up
  included).  The CPU time of the server's start-up (importing pygls and lsprotocol, then ``initialize``: about
  0.5 s, once per editor session, not per input) is shown in a column of its own and not judged: the goal is
  how long the server takes to lint an input.

A mode is a function ``(case, folder, timeout) -> Measure`` in MODES.  Each child runs with a 4 GB
address-space limit so that a regression cannot take the machine down; a case over it shows as a failure.

Prints one row per case and mode, and exits 1 if any is over the goal or did not finish cleanly.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import NamedTuple

GOAL_SECONDS = 2.0
GOAL_MB = 200.0
MAX_INPUT = 1_000_000
LIMIT_AS = 4 * 1024**3

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def _fill(head: str, unit: Callable[[int], str], tail: str = "", budget: int = MAX_INPUT) -> str:
    """``head`` + ``unit(0)`` + ``unit(1)`` … + ``tail``, as many units as fit in ``budget`` bytes."""
    parts, size, i = [head], len(head.encode()) + len(tail.encode()), 0
    while True:
        piece = unit(i)
        if size + len(piece.encode()) > budget:
            break
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    parts.append(tail)
    return "".join(parts)


def _dockerfile(text: str) -> dict[str, str]:
    return {"Dockerfile": text}


# name -> files (relative path -> text); the first file is the one linted in the api mode
CASES: dict[str, Callable[[], dict[str, str]]] = {
    # 5: exponential expansion
    "env-doubling-x28": lambda: _dockerfile(BASE + "ENV A=xx\n" + "ENV A=$A$A\n" * 28 + "RUN echo $A\n"),
    "env-doubling-x40": lambda: _dockerfile(BASE + "ENV A=xx\n" + "ENV A=${A}${A}\n" * 40 + "USER $A\n"),
    "arg-doubling-x40": lambda: _dockerfile(BASE + "ARG A=xx\n" + "ARG A=$A$A\n" * 40 + "RUN pip install $A\n"),
    "global-arg-doubling-x40": lambda: _dockerfile(
        "ARG A=xx\n" + "ARG A=$A$A\n" * 40 + "FROM quay.io/jupyter/base-notebook:$A\n"
    ),
    "env-long-distinct-values": lambda: _dockerfile(
        _fill(BASE + "ENV B=" + "x" * 60_000 + "\n", lambda i: f"ENV C{i}=${{B}}{i}\n")
    ),
    "env-pairs-long-values": lambda: _dockerfile(
        _fill(BASE + "ENV B=" + "x" * 60_000 + "\n", lambda i: f"ENV C{i}=$B$B$B$B$B$B$B$B{i} D{i}=$B$B$B$B\n")
    ),
    "dotenv-doubling-x40": lambda: {
        ".env": "A=xx\n" + "A=${A}${A}\n" * 40,
        "docker-compose.yml": "services:\n  hub:\n    image: jupyterhub/jupyterhub:${A}\n",
    },
    "compose-doubling-x40": lambda: {
        "docker-compose.yml": "services:\n  hub:\n    image: jupyterhub/jupyterhub:${A}\n"
        "    environment:\n      DOCKER_NOTEBOOK_IMAGE: ${A}${A}${A}\n",
        ".env": "A=xxxx\n" + "A=${A}${A}\n" * 40,
    },
    "hubconfig-concat-x40": lambda: {
        "jupyterhub_config.py": "a = 'xx'\n" + "a = a + a\n" * 40 + "c.DockerSpawner.image = a\n"
    },
    "hubconfig-fstring-x40": lambda: {
        "jupyterhub_config.py": "a = 'xx'\n" + "a = f'{a}{a}'\n" * 40 + "c.Spawner.cmd = [a]\n"
    },
    "hubconfig-format-x40": lambda: {
        "jupyterhub_config.py": "a = 'xx'\n" + "a = '{0}{0}'.format(a)\n" * 40 + "c.Spawner.default_url = a\n"
    },
    "hubconfig-percent-x40": lambda: {
        "jupyterhub_config.py": "a = 'xx'\n" + "a = '%s%s' % (a, a)\n" * 40 + "c.Spawner.default_url = a\n"
    },
    "hubconfig-percent-width": lambda: {"jupyterhub_config.py": "c.Spawner.default_url = '%999999999s' % 'a'\n"},
    "hubconfig-list-doubling-x40": lambda: {
        "jupyterhub_config.py": "a = ['x']\n" + "a = [a, a]\n" * 40 + "c.Spawner.cmd = a\n"
    },
    "hubconfig-dict-doubling-x40": lambda: {
        "jupyterhub_config.py": "a = {'image': 'x'}\n"
        + "a = {'kubespawner_override': a, 'image': 'y', 'b': a}\n" * 40
        + "c.KubeSpawner.profile_list = [a, a]\n"
    },
    "hubconfig-list-deep": lambda: {
        "jupyterhub_config.py": "a = ['x']\n" + "a = [a]\n" * 20_000 + "c.Spawner.cmd = a\n"
    },
    "hubconfig-augassign-list": lambda: {
        "jupyterhub_config.py": "c.Spawner.args = ['x']\n" + "c.Spawner.args += c.Spawner.args\n" * 40
    },
    # 6: quadratic
    "workdir-x40000": lambda: _dockerfile(BASE + "WORKDIR a\n" * 40_000 + 'CMD ["start.sh"]\n'),
    "workdir-1MB": lambda: _dockerfile(_fill(BASE, lambda i: "WORKDIR a\n", 'CMD ["start.sh"]\n')),
    "env-many-names": lambda: _dockerfile(_fill(BASE, lambda i: f"ENV A{i}=1\n", "RUN pip install x\n")),
    "arg-many-names": lambda: _dockerfile(_fill(BASE, lambda i: f"ARG A{i}=1\n", "RUN pip install x\n")),
    "env-many-pairs": lambda: _dockerfile(
        _fill(BASE, lambda i: "ENV " + " ".join(f"K{i}_{j}=v" for j in range(2000)) + "\n")
    ),
    "stage-chain": lambda: _dockerfile(
        _fill(BASE.replace("\n", " AS s0\n"), lambda i: f"ENV E{i}=1\nFROM s{i} AS s{i + 1}\n")
    ),
    "stage-chain-wide-env": lambda: _dockerfile(
        _fill(
            BASE.replace("\n", " AS s0\n") + "".join(f"ENV E{i}=1\n" for i in range(20_000)),
            lambda i: f"FROM s{i} AS s{i + 1}\n",
        )
    ),
    "copy-from-chain": lambda: _dockerfile(
        _fill(BASE.replace("\n", " AS s0\n"), lambda i: f"FROM s{i} AS s{i + 1}\nCOPY --from=s{i} /a /a\n")
    ),
    "many-runs": lambda: _dockerfile(_fill(BASE, lambda i: f"RUN pip install pkg{i}==1.0\n")),
    "many-users": lambda: _dockerfile(_fill(BASE, lambda i: "USER root\nUSER 1000\n")),
    "heredoc-installs": lambda: _dockerfile(
        _fill(BASE + "RUN <<EOF\n", lambda i: "pip install jupyterhub==4.1.0\n", "EOF\n")
    ),
    "heredocs-on-one-line": lambda: _dockerfile(
        BASE + "RUN cat " + "<<a " * 16_000 + "\n" + "a\n" * 16_000 + 'CMD ["start.sh"]\n'
    ),
    "continuation-1MB": lambda: _dockerfile(_fill(BASE + "RUN pip install \\\n", lambda i: "  a \\\n", "  b\n")),
    "and-chain": lambda: _dockerfile(_fill(BASE + "RUN ", lambda i: "a&& \\\n", "pip install a\n")),
    "npm-words": lambda: _dockerfile(  # the role evidence that reads npm installs (a backtracking pattern before)
        _fill(BASE + "RUN ", lambda i: "npm i \\\n", "configurable-http-proxy\n")
    ),
    "npm-words-one-line": lambda: _dockerfile(BASE + "RUN " + "npm i " * 160_000 + "configurable-http-proxy\n"),
    "if-nesting": lambda: _dockerfile(
        BASE + "RUN " + "if a; then \\\n" * 45_000 + "pip install a \\\n" + "; fi \\\n" * 45_000 + "\n"
    ),
    "elif-chain": lambda: _dockerfile(
        _fill(BASE + "RUN if a; then a; \\\n", lambda i: "elif a; then a; \\\n", "fi; pip install a\n")
    ),
    "reserved-words": lambda: _dockerfile(_fill(BASE + "RUN pip install a; ", lambda i: "if \\\n", "\n")),
    "long-lines": lambda: _dockerfile(_fill(BASE, lambda i: "RUN " + "a " * 32_000 + "\n")),
    "long-words": lambda: _dockerfile(_fill(BASE, lambda i: "RUN pip install " + "a" * 65_000 + "\n")),
    "nested-modifiers": lambda: _dockerfile(BASE + "RUN echo " + "${A:-" * 10_000 + "x" + "}" * 10_000 + "\n"),
    "nested-modifiers-heredoc": lambda: _dockerfile(
        BASE + "RUN " + "${A:-" * 10_000 + '" <<EOF "' + "}" * 10_000 + "\nUSER root\nEOF\n"
    ),
    "lexer-expansions-line": lambda: _dockerfile(
        _fill(BASE, lambda i: "RUN " + '${A:-" <<EOF "}' * 4_000 + "\nEOF\n" * 4_000)
    ),
    "pattern-trim": lambda: _dockerfile(
        _fill(
            BASE + "ENV A=" + "a" * 4000 + "\n",
            lambda i: "RUN pip install ${A%%*a*a*a*a*b} ${A##*a*a*a*b} ${A/*a*a*b/x}\n",
        )
    ),
    # 7: one file aborts the run
    "cmd-990-brackets": lambda: _dockerfile(BASE + "CMD " + "[" * 990 + "\n"),
    "cmd-60000-brackets": lambda: _dockerfile(BASE + "CMD " + "[" * 60_000 + "\n"),
    "cmd-deep-json": lambda: _dockerfile(BASE + "CMD " + "[" * 10_000 + "]" * 10_000 + "\n"),
    "cmd-surrogate": lambda: _dockerfile(BASE + 'CMD ["\\ud800", "x"]\nUSER root\n'),
    "many-bad-json": lambda: _dockerfile(_fill(BASE, lambda i: "CMD " + "[" * 999 + "\n")),
    "onbuild-chain": lambda: _dockerfile(_fill(BASE, lambda i: "ONBUILD " * 8000 + "RUN x\n")),
    "shell-nesting": lambda: _dockerfile(
        BASE
        + "RUN "
        + "sh -c '" * 30
        + "pip install x"
        + "'" * 30
        + "\n"
        + 'CMD ["sh", "-c", "'
        + "sh -c " * 3000
        + 'x"]\n'
    ),
    "dotenv-unterminated-quotes": lambda: {".env": _fill("", lambda i: f'A{i}="\n')},
    "compose-long-interpolation": lambda: {
        "docker-compose.yml": "services:\n  hub:\n    image: ${A:-" * 1 + "${B:-" * 3000 + "x" + "}" * 3001 + "\n"
    },
    "hubconfig-long-line": lambda: {"jupyterhub_config.py": "x = [" + "'\u00e9', " * 150_000 + "]\n"},
    "hubconfig-many-nodes": lambda: {
        "jupyterhub_config.py": _fill("", lambda i: f"c.Spawner.environment = {{'A{i}': 'x' + 'y'}}\n")
    },
    "makefile-variable-blowup": lambda: {
        "Makefile": "V0 = "
        + "x" * 1000
        + "\n"
        + "".join(f"V{i} = " + f"$(V{i - 1})" * 1000 + "\n" for i in range(1, 5))
        + "build:\n\tdocker build -t $(V4) .\n"
    },
    "makefile-blank-value": lambda: {"Makefile": "A = " + " " * 300_000 + "x\nbuild:\n\tdocker build -t img:$(A) .\n"},
    "hubconfig-elif-chain": lambda: {
        "jupyterhub_config.py": "if a:\n    pass\n"
        + "elif a:\n    pass\n" * 2500
        + "else:\n    c.Spawner.cmd = ['x']\n"
    },
    "values-alias-bomb": lambda: {
        "values.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            for i in range(20)
        )
        + "singleuser:\n  image:\n    name: *u\n"
    },
    "values-extraconfig-aliases": lambda: {  # one long hub.extraConfig snippet repeated by aliases
        "values.yaml": "hub:\n  extraConfig:\n    a: &x |\n      c.KubeSpawner.uid = 0\n"
        + "      x = 1\n" * 40_000
        + "".join(f"    k{i}: *x\n" for i in range(2000))
    },
    "values-extraconfig-many-snippets": lambda: {  # tens of thousands of small hub.extraConfig snippets
        "values.yaml": _fill("hub:\n  extraConfig:\n", lambda i: f"    k{i}: |\n      c.A.b{i} = 1\n")
    },
    "start-script-fanout": lambda: {  # a root start script that runs another copied script on every line
        "Dockerfile": BASE + 'USER root\nCOPY a.sh b.sh /usr/local/bin/\nENTRYPOINT ["a.sh"]\n',
        "a.sh": "b.sh\n" * 60_000,
        "b.sh": "a.sh\n" * 60_000,
    },
    "start-script-aliases": lambda: {  # a root start script naming one big copied script in many spellings
        "Dockerfile": BASE + 'USER root\nWORKDIR /app\nCOPY a.sh b.sh /app/\nENTRYPOINT ["/app/a.sh"]\n',
        "a.sh": "".join(f"d{i}/../b.sh\n" for i in range(2000)),
        "b.sh": "true\n" * 100_000,
    },
    "latin1-long-lines": lambda: {"Dockerfile": BASE + ("RUN " + "\u00e9" * 65_000 + "\n") * 15},
    "terraform-unclosed-blocks": lambda: {  # helm_release blocks that never close, each inside the one before
        "main.tf": _fill("", lambda i: 'resource "helm_release" "a" {\n'),
        "Dockerfile": BASE,
    },
    "apt-words-long-run": lambda: _dockerfile(  # long RUN lines of package manager words and no install
        "FROM debian:buster\nRUN pip3 install jupyterhub notebook\n"
        + ("RUN true " + "apt " * 16_000 + "\n") * 3
        + 'CMD ["jupyterhub-singleuser", "--hub-prefix=/hub/"]\n'
    ),
    "reusable-workflow-calls": lambda: {  # a called workflow of matrix jobs, from a matrix of calls
        ".github/workflows/b.yml": "on:\n workflow_call:\n  inputs: {i: {}}\njobs:\n b: &j\n"
        "  strategy: {matrix: {x: [0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f], y: [0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f]}}\n"
        "  steps:\n  - &s {run: 'docker build -t \"t/l:${{inputs.i}}${{matrix.x}}\" .'}\n  - *s\n  - *s\n"
        " c: *j\n d: *j\n",
        ".github/workflows/a.yml": "on: push\njobs:\n a:\n"
        "  strategy: {matrix: {x: [0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f], y: [0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f]}}\n"
        '  uses: ./.github/workflows/b.yml\n  with: {i: "${{matrix.x}}${{matrix.y}}"}\n',
        "Dockerfile": BASE,
    },
    "helmfile-template-actions": lambda: {  # a helmfile of releases whose every field is a Go template action
        "helmfile.yaml": _fill(
            "releases:\n",
            lambda i: (
                '  - name: "{{ .Values.n }}"\n    chart: "{{ .Values.c }}/jupyterhub"\n'
                '    version: {{ env "V" | default "3.3.7" }}\n    values: ["{{ .Values.f }}", {a: "{{ x }}"}]\n'
            ),
        ),
        "Dockerfile": BASE,
    },
    "helmfile-action-whitespace": lambda: {  # one version action of a megabyte of spaces (a regex backtracked)
        "helmfile.yaml": _fill(
            'releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: {{ env "V"',
            lambda i: " " * 1024,
            "x }}\n",
        ),
        "Dockerfile": BASE,
    },
    "computed-name-parts": lambda: {  # a built name of many computed parts against a long literal base
        "build.sh": "docker build -t x/a${A}a${B}a${C}a${D}a${E}a${F}a${G}a${H}a${I}a${J}a${K}b lab\n",
        "lab/Dockerfile": BASE,
        "gpu/Dockerfile": "FROM x/" + "a" * 40 + "c\n",
    },
    "deploy-script-sources": lambda: {  # a deploy script sourcing a 64 KB variable file on every line
        "deploy.sh": _fill("", lambda i: ". ./vars.sh\n", "helm upgrade --install j jupyterhub/jupyterhub\n"),
        "vars.sh": "V=1\n" * 16_000,
        "Dockerfile": BASE,
    },
}


class Measure(NamedTuple):
    seconds: float  # wall
    cpu: float  # user + system
    peak_mb: float
    status: str  # "ok", or what went wrong
    startup: float | None = None  # server: the CPU seconds of its start-up, before the first open


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


def _run_child(cmd: list[str], cwd: str, timeout: float) -> tuple[int, float, float, float, bytes, bytes]:
    """(exit status, wall seconds, CPU seconds, peak RSS MB, stdout, stderr) of one fresh process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=_limit,
            env={**os.environ, "HUBLINT_NO_CACHE": "1"},
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = 0  # reaped here, not by Popen
        code = -1 if status == -1 else os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read(), err.read()


def mode_cli(case: str, folder: pathlib.Path, timeout: float) -> Measure:
    files = sorted(p.name for p in folder.iterdir())
    cmd = [sys.executable, "-m", "hublint", "--no-cache", "--no-config", "--format", "json", *files]
    code, wall, cpu, peak, out, err = _run_child(cmd, str(folder), timeout)
    if code == -1:
        return Measure(wall, cpu, peak, f"timeout after {timeout:.0f} s")
    if code not in (0, 1) or b"Traceback" in err or b"internal error" in err:
        return Measure(wall, cpu, peak, f"exit {code}: {err.decode('utf-8', 'replace').strip()[-120:]}")
    try:
        json.loads(out)
    except ValueError:
        return Measure(wall, cpu, peak, "output is not JSON")
    return Measure(wall, cpu, peak, "ok")


_API = """
import json, resource, sys, time
import hublint
path = sys.argv[1]
start, cpu = time.perf_counter(), time.process_time()
if path.endswith(".env"):
    found = hublint.lint_paths([path], use_config=False)
else:
    with open(path, "rb") as fh:
        raw = fh.read()
    found = hublint.lint_text(raw, path=path)
for f in found:
    f.message.encode("utf-8")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "findings": len(found)}))
"""


def mode_api(case: str, folder: pathlib.Path, timeout: float) -> Measure:
    first = next(iter(CASES[case]()))
    code, wall, cpu, peak, out, err = _run_child([sys.executable, "-c", _API, first], str(folder), timeout)
    if code == -1:
        return Measure(wall, cpu, peak, f"timeout after {timeout:.0f} s")
    if code != 0:
        return Measure(wall, cpu, peak, f"exit {code}: {err.decode('utf-8', 'replace').strip()[-120:]}")
    done = json.loads(out)
    return Measure(done["seconds"], done["cpu"], peak, "ok")


def _server_usage(pid: int) -> tuple[float, float]:
    """(CPU seconds, peak RSS MB) of a running process, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    with open(f"/proc/{pid}/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return cpu, peak / 1024


def mode_server(case: str, folder: pathlib.Path, timeout: float) -> Measure:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from lsp_latency import Client

    client = Client([sys.executable, "-m", "hublint", "--server"], str(folder), preexec_fn=_limit)
    wall = cpu = peak = startup = 0.0
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": folder.as_uri(),
                "capabilities": {"textDocument": {"publishDiagnostics": {}}},
            },
        )
        client.notify("initialized", {})
        startup, _ = _server_usage(client.proc.pid)
        start = time.perf_counter()
        for i, rel in enumerate(CASES[case]()):
            path = folder / rel
            text = path.read_bytes().decode("utf-8", "replace")
            uri = path.as_uri()
            client.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": "plaintext", "version": i + 1, "text": text}},
            )
            client.wait_diagnostics(uri, i + 1, timeout=timeout)
        wall = time.perf_counter() - start
        cpu, peak = _server_usage(client.proc.pid)
        cpu -= startup
    except (SystemExit, OSError, ValueError, KeyError) as exc:
        client.proc.kill()
        return Measure(wall, cpu, peak, f"server: {exc}"[:120], startup)
    client.close()
    status = "ok" if client.proc.returncode == 0 else f"exit {client.proc.returncode}"
    return Measure(wall, cpu, peak, status, startup)


MODES: dict[str, Callable[[str, pathlib.Path, float], Measure]] = {
    "cli": mode_cli,
    "api": mode_api,
    "server": mode_server,
}


def write_case(name: str, root: pathlib.Path) -> tuple[pathlib.Path, int]:
    folder = root / name
    folder.mkdir(parents=True)
    size = 0
    for rel, text in CASES[name]().items():
        data = text.encode("utf-8", "surrogatepass")
        if name.startswith("latin1"):
            data = text.encode("latin-1")
        size = max(size, len(data))
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)  # a case's files may be in folders
        (folder / rel).write_bytes(data)
    if size > MAX_INPUT:
        raise SystemExit(f"{name}: {size} bytes, over the 1 MB the goal is for")
    return folder, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="cli,api,server", help=f"comma-separated, of {', '.join(MODES)}")
    parser.add_argument("--only", default="", help="cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", help="write the inputs here and keep them")
    args = parser.parse_args(argv)
    names = [n for n in CASES if args.only in n]
    if args.list:
        print("\n".join(names))
        return 0
    modes = [m for m in args.modes.split(",") if m]
    root = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="hublint-attack-"))
    bad = 0
    worst_cpu = worst_mb = 0.0
    print(f"{'case':32} {'bytes':>9} {'mode':5} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'start s':>7}  status")
    try:
        for name in names:
            folder, size = write_case(name, root)
            for mode in modes:
                m = MODES[mode](name, folder, args.timeout)
                over = m.cpu > GOAL_SECONDS or m.peak_mb > GOAL_MB
                flag = m.status if m.status != "ok" else ("OVER GOAL" if over else "ok")
                bad += flag != "ok"
                worst_cpu, worst_mb = max(worst_cpu, m.cpu), max(worst_mb, m.peak_mb)
                start = f"{m.startup:7.2f}" if m.startup is not None else " " * 7
                print(
                    f"{name:32} {size:9,} {mode:5} {m.seconds:7.2f} {m.cpu:7.2f} {m.peak_mb:8.1f} {start}  {flag}",
                    flush=True,
                )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(
        f"{bad} of {len(names) * len(modes)} over the goal ({GOAL_SECONDS:g} s CPU, {GOAL_MB:g} MB) or failed; "
        f"worst {worst_cpu:.2f} s CPU, {worst_mb:.1f} MB"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
