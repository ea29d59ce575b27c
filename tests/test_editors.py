"""Editors as users run them: the Neovim setups of docs/editors.md (the README links there) on a real Neovim when one is installed (Debian's is 0.7),
`.env` buffers (filetype `sh` in Neovim) served too; and code action requests whose context carries partial
diagnostics (clients copy every tool's diagnostics there) answered like any other, with nothing on stderr."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "docs" / "editors.md").read_text()  # the editor setups the README links to
SERVER = [sys.executable, "-m", "hublint", "--server"]
BAD = "FROM quay.io/jupyter/base-notebook:latest\nUSER root\n"


def _frame(obj) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _responses(stdout: bytes) -> dict:
    out, rest = {}, stdout
    while rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", head, re.I)[1])
        msg, rest = json.loads(rest[:length]), rest[length:]
        if "id" in msg and "method" not in msg:
            out[msg["id"]] = msg
    return out


# --------------------------------------------------------------------------- code actions

RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}
FULL = {"range": {"start": {"line": 0, "character": 35}, "end": {"line": 0, "character": 41}}, "message": "m",
        "severity": 1, "code": "HUB102", "source": "hublint"}
PARTIAL_CONTEXTS = [
    {"diagnostics": [{"range": RANGE}]},  # no message
    {"diagnostics": [{"message": "from another tool"}]},  # no range
    {"diagnostics": [{"range": {"start": {"line": 0}}, "message": "m"}]},  # half a range
    {"diagnostics": [{**FULL, "severity": 9}]},  # no such severity
    {"diagnostics": [{**FULL, "codeDescription": {}}, FULL]},  # one of two unreadable
    {"diagnostics": [{**FULL, "tags": [7]}, "not a diagnostic", None]},
    {"diagnostics": [{**FULL, "relatedInformation": [{}]}], "only": ["quickfix"]},
    {"diagnostics": "none"},
    {},  # no diagnostics at all
]


def test_code_actions_with_partial_diagnostics_are_answered_quietly(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(BAD)
    uri = (tmp_path / "Dockerfile").as_uri()
    messages = [
        _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}),
        _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        _frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "dockerfile", "version": 1, "text": BAD}}}),
    ]
    contexts = [{"diagnostics": []}, {"diagnostics": [FULL]}, *PARTIAL_CONTEXTS]
    for i, context in enumerate(contexts):
        messages.append(_frame({"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": RANGE, "context": context}}))
    messages += [_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
                 _frame({"jsonrpc": "2.0", "method": "exit"})]
    proc = subprocess.run(SERVER, input=b"".join(messages), capture_output=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == b"", proc.stderr.decode()[-2000:]  # no "hublint: cannot read a message"
    answers = _responses(proc.stdout)
    reference = answers[100]["result"]
    titles = {a["title"] for a in reference}
    assert {"Ignore HUB102 for this line", "Ignore HUB301 for this line"} <= titles, titles
    for i, context in enumerate(contexts):
        answer = answers[100 + i]
        assert "error" not in answer, (context, answer)
        if "only" in context:
            assert {a["title"] for a in answer["result"]} <= titles
        else:
            assert answer["result"] == reference, context


# --------------------------------------------------------------------------- Neovim

def _nvim_version() -> tuple[int, int] | None:
    nvim = shutil.which("nvim")
    if nvim is None:
        return None
    out = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return (int(m[1]), int(m[2])) if m else None


def _readme_lua(heading: str) -> str:
    at = README.index(heading)
    return re.search(r"```lua\n(.*?)```", README[at:], re.S)[1]


HARNESS = """
local out = {}
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  local codes = {}
  for _, d in ipairs(result.diagnostics) do table.insert(codes, d.code) end
  table.insert(out, { uri = result.uri, codes = codes })
end
%(snippet)s
vim.cmd('filetype on')
for _, path in ipairs({ %(paths)s }) do
  local seen = #out
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  table.insert(out, { filetype = vim.bo.filetype })
  vim.wait(30000, function() return #out > seen + 1 end, 50)
end
local f = io.open(%(result)s, 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
"""


@pytest.mark.parametrize(("heading", "versions"), [
    ("Neovim 0.7 (", ((0, 7), (0, 9))),
    ("Neovim 0.8–0.10 (", ((0, 8), (0, 9))),
])
def test_readme_neovim_setup_on_a_real_neovim(tmp_path, heading, versions):
    """The README's snippet, as written, in a headless Neovim: a Dockerfile and a `.env` (filetype `sh`) in a
    repository each get the server's diagnostics. Pushed diagnostics are read here; Neovim 0.10+ pulls them."""
    snippet = _readme_lua(heading)
    version = _nvim_version()
    if version is None:
        pytest.skip("Neovim is not installed (apt-get install neovim)")
    low, high = versions
    if not low <= version <= high:
        pytest.skip(f"this setup is for Neovim {low[0]}.{low[1]}+ and the harness reads pushed diagnostics "
                    f"(up to {high[0]}.{high[1]}); this is {version[0]}.{version[1]}")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "images").mkdir()
    (repo / "images" / "Dockerfile").write_text(BAD)
    (repo / ".env").write_text("JUPYTERHUB_VERSION=5.3.0\n")
    result = tmp_path / "result.json"
    paths = [repo / "images" / "Dockerfile", repo / ".env"]
    script = tmp_path / "test.lua"
    script.write_text(HARNESS % {"snippet": snippet, "paths": ", ".join(json.dumps(str(p)) for p in paths),
                                 "result": json.dumps(str(result))})
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
           "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {script}"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert result.exists(), proc.stdout + proc.stderr
    events = json.loads(result.read_text())
    assert [e["filetype"] for e in events if "filetype" in e] == ["dockerfile", "sh"]
    published = {e["uri"]: e["codes"] for e in events if "uri" in e}
    assert set(published) == {p.as_uri() for p in paths}, events
    assert {"HUB102", "HUB301"} <= set(published[paths[0].as_uri()])


# --------------------------------------------------------------------------- Emacs

EMACS_HARNESS = r"""
(dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa")
                (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]")))
  (add-to-list 'load-path d))  ; Debian's elpa-* packages
(require 'package)
(package-initialize)
(unless (require 'eglot nil t) (kill-emacs 3))
(unless (fboundp 'dockerfile-mode)
  (define-derived-mode dockerfile-mode prog-mode "Dockerfile"))  ; a stand-in: only the mode's name matters here
(add-to-list 'auto-mode-alist '("Dockerfile\\'" . dockerfile-mode))
%(snippet)s
(find-file %(path)s)
(apply #'eglot (eglot--guess-contact))  ; what eglot-ensure does after the next command (none in batch mode)
(flymake-mode 1)
(flymake-start)
(let ((deadline (+ (float-time) 60)) diags)
  (while (and (< (float-time) deadline) (null (setq diags (flymake-diagnostics))))
    (accept-process-output nil 0.2))
  (with-temp-file %(result)s
    (dolist (d diags) (insert (format "%%s\n" (flymake-diagnostic-text d))))))
(kill-emacs 0)
"""


def test_readme_eglot_setup_on_a_real_emacs(tmp_path):
    """The README's eglot entry in a batch Emacs (28 with Debian's elpa-eglot here, or 29+): a Dockerfile gets
    the server's diagnostics through flymake."""
    section = README[README.index("Emacs (eglot"):]
    snippet = re.search(r"```elisp\n(.*?)```", section, re.S)[1]
    if shutil.which("emacs") is None:
        pytest.skip("Emacs is not installed (apt-get install emacs-nox elpa-eglot)")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "Dockerfile").write_text(BAD)
    result = tmp_path / "result.txt"
    script = tmp_path / "test.el"
    script.write_text(EMACS_HARNESS % {"snippet": snippet, "path": json.dumps(str(repo / "Dockerfile")),
                                       "result": json.dumps(str(result))})
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
           "HOME": str(tmp_path)}
    proc = subprocess.run(["emacs", "--batch", "-Q", "-l", str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    if proc.returncode == 3:
        pytest.skip("eglot is not installed for this Emacs (Emacs 29+ has it; apt-get install elpa-eglot)")
    assert result.exists(), proc.stdout + proc.stderr
    lines = result.read_text().splitlines()
    assert any(line.startswith("hublint [HUB102]") for line in lines), lines
    assert any(line.startswith("hublint [HUB301]") for line in lines), lines
