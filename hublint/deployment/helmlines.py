"""``helm upgrade --install|install|template NAME CHART --version X -f FILE`` lines of Makefiles and shell scripts
(continuation lines joined; ``NAME=value`` / Make ``NAME := value`` assignments of the same file substituted), and the
same argument lists in a Python driver (``deploy.py``: ``helm("upgrade", …)``, ``["helm", "upgrade", …]``), as
:class:`.releases.Release` s.  A values file the deploy writes (a templated path, one outside the repository) is a
layer of unknown values.  Nothing is run."""

from __future__ import annotations

import os
import re

from .dotenv import Str
from .names import is_shell_script, under
from .releases import Release, _local, _values_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Reader = Callable[[str], str | None]

_HELM = re.compile(r"(?:^|[\s;&|(`])helm\s+(upgrade|install|template)\b")
_ASSIGN = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|::=|=)\s*(.*?)\s*$")
# `${NAME:-default}` (also `-`, `:=`, `=`): the default where the script has not set NAME itself
_DEFAULTED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)[-=]([^}$]*)\}")
# `. vars.sh`, `source ./config/vars.sh.${HUB}` (a variable the script has set)
_SOURCE = re.compile(r"^\s*(?:source|\.)\s+([^\s;&|<>()`#]+)\s*(?:#.*)?$")
_HANDED_ON = re.compile(r"\$(?:[@*]|\{[@*][^}]*\})\Z")  # $@, $*, ${@}, ${@:2}
_MAX_SOURCED = 8  # files one script's sourcing reads at most
_MAX_SOURCED_SIZE = 65536  # characters: a longer sourced file is not read
_MAX_VALUE = 1024  # characters: a longer value is not kept (`V2=${V1:-}${V1:-}` would double at each line)
_MAX_LINE = 8192  # characters: a helm line longer once its variables are substituted is not read
_VAR = re.compile(r"\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_HELM_VALUE_OPTS = {
    "--version",
    "-f",
    "--values",
    "-n",
    "--namespace",
    "--name",  # Helm 2: `helm install CHART --name NAME` (`-n NAME`)
    "--name-template",  # Helm 3: a release name computed from a template
    "--set",
    "--set-string",
    "--set-file",
    "--set-json",
    "--timeout",
    "--repo",
    "--kube-context",
    "--kubeconfig",
    "--post-renderer",
    "--description",
    "--history-max",
    "--output",
    "-o",
    "--username",
    "--password",
    "--ca-file",
    "--cert-file",
    "--key-file",
    "--registry-config",
    "--repository-config",
    "--repository-cache",
}


def _logical_lines(text: str):
    """(first line number, text) of each logical line: continuations joined, comments dropped."""
    buf, start = "", 0
    for no, raw in enumerate(text.split("\n")[:20000], 1):
        line = raw.rstrip("\r")
        if not buf:
            start = no
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        if not buf.lstrip().startswith("#"):
            yield start, buf
        buf = ""


def read_script_helm(path: str, text: str, root: str, read: Reader | None = None) -> list[Release]:
    """:func:`read_helm_commands` of a file the shell reads (:func:`.names.is_shell_script`); none of another."""
    return read_helm_commands(path, text, root, read) if is_shell_script(path, text) else []


def read_helm_commands(path: str, text: str, root: str, read: Reader | None = None) -> list[Release]:
    """``helm upgrade --install`` / ``install`` / ``template`` command lines of a Makefile or shell script; with
    ``read`` (a file's text, or None), the assignments of the files it sources (``. vars.sh``, ``source
    config/vars.sh.${HUB}``: paths from the script's folder, their variables the script's, inside the repository)
    are read where the ``source`` line is, as the script's own (the first value of a name is kept)."""
    if "helm" not in text:
        return []
    import shlex

    folder = os.path.dirname(path)
    variables: dict[str, str] = {}
    seen = {os.path.abspath(path)}  # the files this script's sourcing has read (each once)
    out = []
    for no, line in _logical_lines(text):
        if read is not None and _SOURCE.match(line):
            _sourced(line, folder, root, read, variables, seen)
            continue
        if _assign(line, variables):
            continue
        found = _HELM.search(line)
        if found is None:
            continue
        line = _DEFAULTED.sub(lambda d: _default(d, variables), line)
        if len(line) > _MAX_LINE:  # checked at each pass: each may multiply it by _MAX_VALUE
            continue
        line = _VAR.sub(lambda v: variables.get(v.group(1) or v.group(2) or v.group(3), v.group(0)), line)
        if len(line) > _MAX_LINE:
            continue
        here = folder
        cd = re.search(r"(?:^|[;&])\s*cd\s+([^\s;&]+)\s*(?:&&|;)[^;&]*\bhelm\s", line)
        if cd and "$" not in cd.group(1):
            here = os.path.normpath(os.path.join(folder, cd.group(1)))
        try:
            words = shlex.split(line[found.start() :], comments=True)
        except ValueError:
            continue
        release = _helm_release(words, path, no, here, root)
        if release is not None:
            out.append(release)
    return out


def _sourced(line: str, folder: str, root: str, read: Reader, variables: dict[str, str], seen: set[str]) -> None:
    """Add the assignments of the file a ``source``/``.`` line reads (and of those it sources in turn; each file
    once, at most :data:`_MAX_SOURCED` of them) to ``variables``."""
    m = _SOURCE.match(line)
    if m is None or len(seen) > _MAX_SOURCED:
        return
    name = _VAR.sub(lambda v: variables.get(v.group(1) or v.group(2) or v.group(3), "$"), m.group(1).strip("'\""))
    target = os.path.abspath(os.path.join(folder, name))
    if "$" in name or target in seen or not under(target, root):
        return
    seen.add(target)
    text = read(target)
    for _, sub in _logical_lines(text or "") if text and len(text) <= _MAX_SOURCED_SIZE else ():
        if _SOURCE.match(sub):
            _sourced(sub, folder, root, read, variables, seen)  # the shell's folder, not the sourced file's
        else:
            _assign(sub, variables)


def _assign(line: str, variables: dict[str, str]) -> bool:
    """Read a ``NAME=value`` line (not a helm line) into ``variables`` — the first value of a name is kept;
    ``${OTHER:-default}`` in it is substituted — and say whether the line was one."""
    m = _ASSIGN.match(line)
    if m is None or _HELM.search(line):
        return False
    value = _DEFAULTED.sub(lambda d: _default(d, variables), m.group(2).strip("'\""))
    if len(value) <= _MAX_VALUE:
        variables.setdefault(m.group(1), value.strip("'\""))
    return True


def _default(m: re.Match, variables: dict[str, str]) -> str:
    """``${NAME:-default}``: the variable's value when set (and, with ``:``, not empty), else the default."""
    value = variables.get(m.group(1))
    return m.group(3) if value is None or (m.group(2) and not value) else value


def read_python_helm(path: str, text: str, root: str) -> list[Release]:
    """``helm upgrade|install|template`` run by a Python driver (``deploy.py``): an argument list whose first item
    is ``"helm"`` (``subprocess.check_call(["helm", "upgrade", …])``) or the arguments of a function named
    ``helm`` (``helm("upgrade", "--install", …)``).  String constants are read, and formatted strings keep their
    written parts; anything computed (a variable, ``os.path.join(…)``) is unknown, as ``$X`` is in a shell.  Parsed,
    never run."""
    if "helm" not in text or not ("upgrade" in text or "install" in text or "template" in text):
        return []
    import ast

    try:
        tree = ast.parse(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    folder = os.path.dirname(path)
    out: list[Release] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "helm":
            items = list(node.args)
        elif node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            items = list(node.args[0].elts)
            if not (items and isinstance(items[0], ast.Constant) and items[0].value == "helm"):
                continue
            items = items[1:]
        else:
            continue
        words = ["helm", *(_word(i) for i in items)]
        if len(words) > 1 and words[1] in ("upgrade", "install", "template"):
            release = _helm_release(words, path, node.lineno, folder, root)
            if release is not None:
                out.append(release._replace(kind="helm call"))
        if len(out) >= 64:
            break
    return out


def _word(node, depth: int = 0) -> str:
    """A Python argument as a shell word: a string constant as written; a formatted string (an f-string,
    ``"a={}".format(x)``, ``"a=%s" % x``, ``"a=" + x``) with ``$X`` for each computed part; else ``$X``."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if depth > 8:
        return "$X"
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "$X" for v in node.values)  # type: ignore[misc]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _word(node.left, depth + 1) + _word(node.right, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
        return re.sub(r"%[-#0 +]*\d*(?:\.\d+)?[sdifr]", "$X", str(node.left.value))
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant):
        return re.sub(r"\{[^{}]*\}", "$X", str(func.value.value))
    return "$X"


def _helm_release(words: list[str], path: str, line: int, folder: str, root: str) -> Release | None:
    words = words[words.index("helm") + 2 :] if "helm" in words else []
    positional: list[str] = []
    version = release_name = None
    values: list[Str] = []
    sets: list[str] = []
    span = (line, 1, line, 1)
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("&&", ";", "||", "|"):
            break
        name, eq, inline = w.partition("=")
        if w.startswith("-") and (name in _HELM_VALUE_OPTS or w in _HELM_VALUE_OPTS):
            value = inline if eq and name in _HELM_VALUE_OPTS else (words[i + 1] if i + 1 < len(words) else "")
            i += 1 if eq and name in _HELM_VALUE_OPTS else 2
            key = name if eq else w
            if key == "--version":
                version = Str(value if "$" not in value else None, path, span)  # None: computed
            elif key in ("--name", "-n"):  # `-n`: Helm 2's name, Helm 3's namespace (told apart below)
                release_name = value if key == "--name" or release_name is None else release_name
            elif key == "--name-template":
                release_name = "<generated>"
            elif key in ("--set", "--set-string"):
                sets.extend(item.split("=", 1)[0].strip() for item in value.split(",") if "=" in item)
            elif key in ("-f", "--values"):
                for item in value.split(","):
                    if not item:
                        continue
                    local = None if "$" in item or os.path.isabs(item) else _values_path(folder, item, path, span)
                    if local is not None and not under(local.value or "", root):
                        local = None  # outside the repository: never looked at
                    elif local is not None and not os.path.exists(local.value or ""):
                        local = _values_path(root, item, path, span, root) or local
                        local = local if under(local.value or "", root) else None
                    # a file the deploy writes (`-f $TAGS`, `-f /tmp/tag.yaml`, outside): a layer of unknown values
                    values.append(local if local is not None else Str(None, path, span))
            continue
        if not w.startswith("-") and not _HANDED_ON.match(w):  # the script's own arguments handed on: options
            positional.append(w)
        elif w in ("--generate-name", "-g"):
            release_name = "<generated>"  # Helm 3 names the release itself
        i += 1
    if release_name is not None and len(positional) == 1:
        # Helm 2 names the release with --name (-n), Helm 3 with --generate-name: the one argument is the chart
        positional.insert(0, release_name)
    if len(positional) < 2:
        return None
    chart = positional[1]
    return Release(
        path,
        positional[0],
        chart.rsplit("/", 1)[-1],
        _local(folder, chart),
        version,
        tuple(values),
        None,
        "helm command",
        span,
        sets=tuple(sets),
    )


# --------------------------------------------------------------------------- pasted copies of the chart's defaults
