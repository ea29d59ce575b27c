"""GitLab CI (``.gitlab-ci.yml`` and the files it ``include``s locally) as build definitions, read statically.

Every ``script``/``before_script``/``after_script`` line of every job (templates too: ``extends`` runs them) is a
shell command read by :mod:`.buildscripts` from the project folder, with the file's and the job's
``variables``; ``$CI_PROJECT_DIR`` (and ``$CI_BUILDS_DIR/$CI_PROJECT_PATH``) is the repository root, other
``$CI_*`` variables are computed parts; kaniko's relative ``--dockerfile`` is resolved as kaniko does.  Job
``image:`` and ``services:`` are the CI's tools, not images of the deployment.
"""

from __future__ import annotations

import os

from .builddefs import BakeRun, BuildDef, apply_retags
from .buildscripts import Shell, run_script
from .shellwords import Var
from .values import Value
from .yamlnodes import load

__all__ = ["read_gitlab_ci"]

_RESERVED = frozenset(("stages", "variables", "include", "workflow", "image", "services", "cache", "default"))
_SCRIPTS = ("before_script", "script", "after_script")
MAX_INCLUDED = 16


def _mapping(v: Value | None) -> dict[str, Value]:
    return v.value if v is not None and isinstance(v.value, dict) else {}


def _variables(block: Value | None, path: str) -> dict[str, Var]:
    out = {}
    for name, v in _mapping(block).items():
        inner = v.value.get("value") if isinstance(v.value, dict) else None
        value = inner.value if inner is not None else v.value
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out[name] = Var(str(value), path, v.span[0])
    return out


def _lines(v: Value) -> list[Value]:
    """A script's lines: a string, or a list of them (nested lists, from YAML anchors, flattened)."""
    if isinstance(v.value, str):
        return [v]
    out: list[Value] = []
    stack = [v]
    while stack and len(out) < 10_000:
        item = stack.pop()
        if isinstance(item.value, list):
            stack.extend(reversed(item.value))
        elif isinstance(item.value, str):
            out.append(item)
    return out


def _includes(doc: dict[str, Value], root: str) -> list[str]:
    """The local files a configuration ``include``s."""
    inc = doc.get("include")
    items = inc.value if inc is not None and isinstance(inc.value, list) else [inc] if inc is not None else []
    out = []
    for item in items:
        local = item.value if isinstance(item.value, str) else _mapping(item).get("local")
        name = local.value if isinstance(local, Value) else local
        if isinstance(name, str) and "://" not in name and "*" not in name and "$" not in name:
            out.append(os.path.normpath(os.path.join(root, name.lstrip("/"))))
    return out


def read_gitlab_ci(path: str, text: str, read_text, exists=None) -> tuple[list[BuildDef], list[BakeRun]]:
    """The builds of a GitLab CI configuration and of the local files it includes (raises ConfigReadError when
    the configuration itself is not YAML)."""
    root = os.path.dirname(path)
    shell = Shell(path, root, exists=exists or os.path.isfile)
    shell.kaniko_root = root
    queue, seen = [(path, text)], {path}
    while queue and len(seen) <= MAX_INCLUDED:
        file, body = queue.pop(0)
        doc = _mapping(load(body)) if file == path else _safe_load(body)
        for inc in _includes(doc, root):
            inc_text = read_text(inc) if inc not in seen else None
            if inc_text:
                seen.add(inc)
                queue.append((inc, inc_text))
        _read_jobs(file, doc, root, shell)
    return apply_retags(shell.builds, shell.retags), shell.bakes


def _safe_load(text: str) -> dict[str, Value]:
    from .values import ConfigReadError

    try:
        return _mapping(load(text))
    except ConfigReadError:
        return {}


def _read_jobs(path: str, doc: dict[str, Value], root: str, shell: Shell) -> None:
    project = {"CI_PROJECT_DIR": Var(root, path, 1)}
    top = _variables(doc.get("variables"), path)
    for name, job in doc.items():
        if name in _RESERVED or not isinstance(job.value, dict):
            continue
        spec = job.value
        variables = {**top, **_variables(spec.get("variables"), path), **project}
        job_shell = Shell(path, root, variables, shell.exists)  # one shell per job: `cd` holds for its lines
        job_shell.kaniko_root = root
        job_shell.computed = ("CI_", "GITLAB_")
        for key in _SCRIPTS:
            for line in _lines(spec[key]) if key in spec else []:
                run_script(job_shell, line.value, line.span[0] + (1 if "\n" in line.value.strip() else 0))
        shell.builds.extend(job_shell.builds)
        shell.bakes.extend(job_shell.bakes)
        shell.retags.extend(job_shell.retags)
