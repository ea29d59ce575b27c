"""GitHub Actions workflows (``.github/workflows/*.y*ml``) as build definitions, read statically.

Per job and step: ``docker/build-push-action`` builds ``with.file`` (relative to the workspace, the folder
holding ``.github``; default ``<context>/Dockerfile``) from ``with.context`` (default: the workspace) as each of
``with.tags`` (its ``docker/metadata-action`` step's ``images`` with a computed tag when the tags are that
step's output), with ``with.build-args``, ``with.target`` and ``with.build-contexts``; ``docker/bake-action``
runs bake with ``files``/``targets``/``set``; ``jupyterhub/repo2docker-action`` builds the workspace as
``<DOCKER_REGISTRY>/<IMAGE_NAME>``; ``run:`` scripts are read by :mod:`.buildscripts` in their
``working-directory``.  ``${{ matrix.X }}`` expands over the job's matrix (``include``/``exclude`` applied),
``${{ env.X }}`` reads the ``env:`` blocks (unless a step rewrites it through ``$GITHUB_ENV``),
``${{ github.workspace }}`` is the workspace, ``${{ inputs.X }}`` of a reusable workflow the repository calls
(``on: workflow_call``) each call's input (:func:`workflow_calls`); every other expression is a computed part.
"""

from __future__ import annotations

import itertools
import os
import re
from typing import Any

from ..lazy import pattern
from .buildcli import Retag
from .builddefs import BakeRun, BuildDef, NamedContext, apply_retags, repo2docker_source, resolve_path
from .buildscripts import Shell, run_script
from .dotenv import Str
from .imagenames import COMPUTED
from .shellwords import Var, lex
from .values import Value
from .yamlnodes import load

__all__ = ["read_workflow", "workflow_calls", "split_list", "MAX_COMBINATIONS"]

MAX_COMBINATIONS = 256
MAX_WORK = 8_000_000  # characters of steps read per workflow, matrix combinations counted
_EXPR = pattern(r"\$\{\{(.*?)\}\}", re.S)
_CONTEXT_PATH = pattern(r"^([A-Za-z_][\w-]*)((?:\.[\w-]+|\[\s*'[^']*'\s*\])*)$")
_GITHUB_ENV = pattern(r"""(?m)^\s*echo\s+["']?([A-Za-z_][A-Za-z0-9_]*)=(.*?)["']?\s*>>\s*["']?\$\{?GITHUB_ENV""")
_COND_TOKEN = pattern(r"'[^']*'|\"[^\"]*\"|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.\-\[\]']*|\d+")


def split_list(text: str, commas: bool = True) -> list[str]:
    """An action's list input: one item a line (and comma-separated when ``commas``)."""
    items = []
    for line in text.split("\n"):
        for item in line.split(",") if commas else [line]:
            item = item.strip()
            if item and not item.startswith("#"):
                items.append(item)
    return items


def _plain(v: Value | None) -> Any:
    return v.plain() if v is not None else None


def _mapping(v: Value | None) -> dict[str, Value]:
    return v.value if v is not None and isinstance(v.value, dict) else {}


class _Context:
    """What ``${{ … }}`` can read in one step of one matrix combination."""

    def __init__(
        self, root: str, env: dict[str, Any], combo: dict[str, Any], steps: dict[str, dict], inputs=None
    ) -> None:
        self.root, self.env, self.combo, self.steps, self.inputs = root, env, combo, steps, inputs

    def expand(self, text: str, depth: int = 0) -> str:
        return _EXPR.sub(lambda m: self.value(m.group(1).strip(), depth), text)

    def value(self, expr: str, depth: int = 0) -> str:
        m = _CONTEXT_PATH.match(expr)
        if not m:
            return COMPUTED
        keys = [k.strip(".[]' ") for k in re.findall(r"\.[\w-]+|\[\s*'[^']*'\s*\]", m.group(2))]
        head = m.group(1)
        if head == "github" and keys == ["workspace"]:
            return self.root
        if head == "matrix" and keys:
            found: Any = self.combo
            for k in keys:
                found = found.get(k) if isinstance(found, dict) else None
        elif head == "inputs" and len(keys) == 1 and self.inputs is not None:
            found = self.inputs.get(keys[0])
        elif head == "env" and len(keys) == 1:
            found = self.env.get(keys[0])
            if isinstance(found, str) and depth < 2:
                found = self.expand(found, depth + 1)
        else:
            return COMPUTED
        if isinstance(found, bool):
            return str(found).lower()
        return str(found) if isinstance(found, (str, int, float)) else COMPUTED


def _combinations(strategy: Value | None) -> list[dict[str, Any]]:
    """The matrix combinations of a job (``[{}]`` without a matrix; computed values when it is an expression or
    too large)."""
    matrix = _plain(_mapping(strategy).get("matrix"))
    if not isinstance(matrix, dict):
        return [{}] if matrix is None else [{"*": COMPUTED}]
    axes = {k: v for k, v in matrix.items() if k not in ("include", "exclude")}
    if any(not isinstance(v, list) for v in axes.values()):
        return [{"*": COMPUTED}]
    size = 1
    for v in axes.values():
        size *= max(1, len(v))
    if size > MAX_COMBINATIONS:
        return [{"*": COMPUTED}]
    combos = [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())] if axes else []
    for ex in matrix.get("exclude") or []:
        if isinstance(ex, dict):
            combos = [c for c in combos if any(c.get(k) != v for k, v in ex.items())]
    extra: list[dict[str, Any]] = []
    for inc in (matrix.get("include") or [])[:MAX_COMBINATIONS]:
        if not isinstance(inc, dict):
            continue
        matched = False
        for c in combos:
            if all(c.get(k) == v for k, v in inc.items() if k in axes):
                c.update({k: v for k, v in inc.items() if k not in axes})
                matched = True
        if not matched:
            extra.append(dict(inc))
    return (combos + extra)[:MAX_COMBINATIONS] or [{}]


def _env(block: Value | None) -> dict[str, Any]:
    return {k: v.value for k, v in _mapping(block).items() if isinstance(v.value, (str, int, float, bool))}


def workflow_calls(path: str, text: str) -> dict[str, list[dict[str, Any]]]:
    """The reusable workflows of the repository a workflow's jobs call (``uses: ./.github/workflows/build.yml``), by
    absolute path, each with the inputs of every call (``with:``, expanded over the calling job's matrix and
    ``env``: ``image: ${{ matrix.image }}``; at most :data:`MAX_COMBINATIONS` calls per workflow)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(path)))
    top = _mapping(load(text))
    out: dict[str, list[dict[str, Any]]] = {}
    count = 0
    for job in _mapping(top.get("jobs")).values():
        spec = _mapping(job)
        uses = _plain(spec.get("uses"))
        if not isinstance(uses, str) or not uses.startswith("./"):
            continue  # another repository's workflow, or a job of steps
        callee = os.path.normpath(os.path.join(root, uses.split("@", 1)[0]))
        with_ = _mapping(spec.get("with"))
        for combo in _combinations(spec.get("strategy")):
            ctx = _Context(root, {}, combo, {})  # a call's `with:` reads no `env` (GitHub gives it none)
            inputs = {
                k: ctx.expand(v) if isinstance(v, str) else v for k, v in ((k, _plain(v)) for k, v in with_.items())
            }
            out.setdefault(callee, []).append(inputs)
            count += 1
            if count >= MAX_COMBINATIONS:
                return out
    return out


def _inputs(top: dict[str, Value], calls: list[dict[str, Any]] | None) -> list[dict[str, Any] | None]:
    """The inputs a reusable workflow runs with: each call's over the inputs' defaults; ``[None]`` (every input
    computed) when the repository does not call it, or it takes no inputs."""
    on = _mapping(top.get("on") or top.get("true"))  # YAML 1.1 reads a bare `on:` key as true
    declared = _mapping(_mapping(on.get("workflow_call")).get("inputs"))
    if not calls or not declared:
        return [None]
    defaults = {k: _plain(_mapping(v).get("default")) for k, v in declared.items()}
    defaults = {k: v for k, v in defaults.items() if isinstance(v, (str, int, float, bool))}
    others: list[dict[str, Any] | None] = [None] if set(on) - {"workflow_call"} else []  # other triggers run it too
    return [{**defaults, **call} for call in calls[:MAX_COMBINATIONS]] + others


def read_workflow(path: str, text: str, exists=None, calls=None) -> tuple[list[BuildDef], list[BakeRun]]:
    """The builds and bake runs of a workflow file (raises ConfigReadError when it is not YAML); ``calls``: the
    inputs each call of it passes, when it is a reusable workflow the repository calls (:func:`workflow_calls`)."""
    exists = exists or os.path.isfile
    doc = load(text)
    root = os.path.dirname(os.path.dirname(os.path.dirname(path)))
    builds: dict[tuple, BuildDef] = {}
    bakes: list[BakeRun] = []
    retags: list[Retag] = []  # `imagetools create -t`, `docker tag` in run steps: more tags for its builds
    cache: dict[tuple, tuple[list, dict]] = {}  # a step that reads nothing of the matrix is read once
    budget = MAX_WORK
    top = _mapping(doc)
    lines = text.split("\n")
    jobs = [(job, inputs) for inputs in _inputs(top, calls) for job in _mapping(top.get("jobs")).values()]
    for job, inputs in jobs:
        spec = _mapping(job)
        listed = spec.get("steps")
        steps = [s.value for s in (listed.value if listed and isinstance(listed.value, list) else [])]
        steps = [s for s in steps if isinstance(s, dict)]
        workdir = _plain(_mapping(_mapping(spec.get("defaults")).get("run")).get("working-directory"))
        for combo in _combinations(spec.get("strategy")):
            env = {**_env(top.get("env")), **_env(spec.get("env"))}
            outputs: dict[str, dict] = {}
            for number, step in enumerate(steps):
                ctx = _Context(root, {**env, **_env(step.get("env"))}, combo, outputs, inputs)
                runs = _condition(step.get("if"), ctx)
                if runs is False:
                    continue
                key = (number, runs, ctx.expand(_text_of(step, outputs)), repr(sorted(ctx.env.items())))
                budget -= 256  # every pass costs, read or not: calls × jobs × combinations × steps stay bounded
                if key not in cache:
                    budget -= len(key[2]) + len(key[3])
                if budget < 0:  # enough: a generated file
                    return apply_retags(list(builds.values()), retags), list(dict.fromkeys(bakes))
                if key not in cache:
                    cache[key] = (_step(path, step, ctx, workdir, lines, exists), _env_writes(step, ctx, runs is True))
                found, writes = cache[key]
                for b in found:
                    if isinstance(b, BakeRun):
                        bakes.append(b)
                    elif isinstance(b, Retag):
                        retags.append(b)
                    else:
                        builds.setdefault((b.dockerfile, b.target, b.names, tuple(sorted(b.args.items()))), b)
                env.update(writes)
                sid = _plain(step.get("id"))
                if isinstance(sid, str):
                    outputs[sid] = step
    return apply_retags(list(builds.values()), retags), list(dict.fromkeys(bakes))


def _text_of(step: dict[str, Value], outputs: dict[str, dict]) -> str:
    """What a step's reading depends on, before expressions are expanded (its inputs, script, folder, and the
    steps whose outputs it may read)."""
    parts = [repr(_plain(step.get(k))) for k in ("uses", "with", "run", "working-directory", "shell")]
    parts += [repr(_plain(s.get("with"))) for s in outputs.values()]
    return "\n".join(parts)


def _env_writes(step: dict[str, Value], ctx: _Context, certain: bool) -> dict[str, Any]:
    """The environment a run step writes for the steps after it (``echo "NAME=value" >> $GITHUB_ENV``): the
    value expanded, computed when the step may not run."""
    run = _plain(step.get("run"))
    out: dict[str, Any] = {}
    if not isinstance(run, str) or "GITHUB_ENV" not in run:
        return out
    variables = {k: Var(str(v), "", 1) for k, v in ctx.env.items() if isinstance(v, (str, int, float))}
    for m in _GITHUB_ENV.finditer(ctx.expand(run)):
        words = [w.text for cmd in lex(m.group(2), variables.get) for w in cmd]
        out[m.group(1)] = " ".join(words) if certain and len(words) <= 1 else COMPUTED
    return out


def _condition(cond: Value | None, ctx: _Context) -> bool | None:
    """A step's ``if:``: True or False when hublint can tell (comparisons of known values, ``!``, ``&&``,
    ``||``), None when it cannot; no ``if:`` is True."""
    if cond is None:
        return True
    if isinstance(cond.value, bool):
        return cond.value
    text = str(cond.value).strip()
    m = _EXPR.fullmatch(text)
    text = m.group(1).strip() if m else text
    tokens = _COND_TOKEN.findall(text)
    if "".join(tokens).replace(" ", "") != text.replace(" ", "") or len(tokens) > 64:
        return None
    return _Cond(tokens, ctx).run()


class _Cond:
    """Three-valued evaluation of a small expression (None: unknown)."""

    def __init__(self, tokens: list[str], ctx: _Context) -> None:
        self.t, self.i, self.ctx = tokens, 0, ctx

    def run(self) -> bool | None:
        try:
            value = self.disjunction()
        except (IndexError, ValueError):
            return None
        return value if self.i == len(self.t) else None

    def disjunction(self) -> bool | None:
        value = self.conjunction()
        while self.i < len(self.t) and self.t[self.i] == "||":
            self.i += 1
            other = self.conjunction()
            value = True if value is True or other is True else (None if None in (value, other) else False)
        return value

    def conjunction(self) -> bool | None:
        value = self.unary()
        while self.i < len(self.t) and self.t[self.i] == "&&":
            self.i += 1
            other = self.unary()
            value = False if value is False or other is False else (None if None in (value, other) else True)
        return value

    def unary(self) -> bool | None:
        if self.t[self.i] == "!":
            self.i += 1
            value = self.unary()
            return None if value is None else not value
        if self.t[self.i] == "(":
            self.i += 1
            value = self.disjunction()
            if self.t[self.i] != ")":
                raise ValueError
            self.i += 1
            return value
        left = self.operand()
        if self.i < len(self.t) and self.t[self.i] in ("==", "!="):
            op = self.t[self.i]
            self.i += 1
            right = self.operand()
            if COMPUTED in (left, right):
                return None
            return (left.lower() == right.lower()) == (op == "==")
        return None if left == COMPUTED else left not in ("", "false", "0")

    def operand(self) -> str:
        tok = self.t[self.i]
        self.i += 1
        if tok[0] in "'\"":
            return tok[1:-1]
        if tok in ("true", "false"):
            return tok
        if tok in ("==", "!=", "&&", "||", "!", "(", ")"):
            raise ValueError
        return self.ctx.value(tok)


def _step(path, step: dict[str, Value], ctx: _Context, workdir, lines, exists) -> list[BuildDef | BakeRun | Retag]:
    uses = step.get("uses")
    raw = {k: str(v.value) for k, v in _mapping(step.get("with")).items() if v.value is not None}
    with_ = {k: ctx.expand(v) for k, v in raw.items()}
    if uses is not None and isinstance(uses.value, str):
        action = uses.value.split("@", 1)[0].lower()
        line = uses.span[0]
        if action == "docker/build-push-action":
            build = _build_push(path, line, with_, ctx, exists, raw.get("tags", ""))
            return [build] if build is not None else []
        if action == "docker/bake-action":
            cwd = resolve_path(with_.get("workdir", "."), ctx.root) or ctx.root
            files = tuple(split_list(with_.get("files", "")))
            targets = tuple(split_list(with_.get("targets", "")))
            return [
                BakeRun(
                    path,
                    line,
                    "`docker/bake-action`",
                    cwd,
                    files,
                    targets,
                    tuple(split_list(with_.get("set", ""), commas=False)),
                )
            ]
        if action == "elgohr/publish-docker-github-action":
            build = _elgohr(path, line, with_, ctx, exists)
            return [build] if build is not None else []
        if action == "jupyterhub/repo2docker-action":
            build = _repo2docker(path, line, with_, ctx.root, exists)
            return [build] if build is not None else []
        return []
    run = step.get("run")
    shell_name = _plain(step.get("shell"))
    if run is None or not isinstance(run.value, str) or (shell_name and "sh" not in str(shell_name)):
        return []
    folder = _plain(step.get("working-directory")) or workdir or "."
    run_in = resolve_path(ctx.expand(str(folder)), ctx.root)
    first = run.span[0] + (1 if lines[run.span[0] - 1][run.span[1] - 1 : run.span[1]] in ("|", ">") else 0)
    variables = {k: Var(ctx.expand(str(v)), path, first) for k, v in ctx.env.items()}
    shell = Shell(path, run_in, variables, exists)
    shell.computed = ("GITHUB_", "RUNNER_")
    run_script(shell, ctx.expand(run.value), first)
    return [*shell.builds, *shell.bakes, *shell.retags]


def _elgohr(path: str, line: int, with_: dict[str, str], ctx: _Context, exists) -> BuildDef | None:
    """``elgohr/Publish-Docker-Github-Action``: builds ``dockerfile`` (default ``Dockerfile``) with ``context``
    (default ``.``), both in ``workdir``, and pushes ``name`` (under ``registry`` when the name does not start with
    it) at each of ``tags`` — without them, at a tag named for the branch (``latest`` from the default branch,
    computed here) and, with ``tag_names``/``tag_semver``, at the Git tag's name."""
    workdir = resolve_path(with_.get("workdir") or ".", ctx.root)
    name = with_.get("name", "")
    if workdir is None or not re.fullmatch(r"[\w./:-]+", name):
        return None  # computed, or not one name
    context = resolve_path(os.path.join(workdir, with_.get("context") or "."), ctx.root)
    dockerfile = resolve_path(os.path.join(workdir, with_.get("dockerfile") or "Dockerfile"), ctx.root)
    if context is None or dockerfile is None:
        return None
    registry = with_.get("registry", "")
    if registry and COMPUTED not in registry and not name.startswith(registry.rstrip("/") + "/"):
        name = f"{registry.rstrip('/')}/{name}"
    tags = [t for t in split_list(with_.get("tags", "")) if t and COMPUTED not in t]
    if not tags or any(with_.get(k) for k in ("tag_names", "tag_semver", "snapshot")):
        tags.append(COMPUTED)  # the branch's name, or the Git tag's
    names = tuple(dict.fromkeys(f"{name}:{t}" for t in tags))
    return BuildDef(path, line, "`elgohr/Publish-Docker-Github-Action`", dockerfile, context, None, names, {}, {})


def _build_push(path: str, line: int, with_: dict[str, str], ctx: _Context, exists, tags: str) -> BuildDef | None:
    written = with_.get("context") or "."
    if written.startswith("{{defaultContext}}"):  # the Git context, or one of its folders (`…:sub`)
        written = written[len("{{defaultContext}}") :].lstrip(":") or "."
    context = resolve_path(written, ctx.root)
    if context is None:
        return None
    file = with_.get("file")
    dockerfile = resolve_path(file, ctx.root) if file else os.path.join(context, "Dockerfile")
    if dockerfile is None:
        return None
    names = [t for t in split_list(with_.get("tags", "")) if t != COMPUTED]
    names += _metadata_images(tags, ctx)
    names += _output_names(with_.get("outputs", ""))
    args = {}
    for item in split_list(with_.get("build-args", ""), commas=False):
        name, eq, value = item.partition("=")
        if name and eq and COMPUTED not in name:
            args[name.strip()] = Str(value, path, (line, 1, line, 1))
    contexts = {}
    for item in split_list(with_.get("build-contexts", ""), commas=False):
        name, _, value = item.partition("=")
        if value.startswith("docker-image://"):
            contexts[name.strip()] = NamedContext("image", value[len("docker-image://") :])
        elif value and "://" not in value and resolve_path(value, ctx.root):
            contexts[name.strip()] = NamedContext("folder", resolve_path(value, ctx.root) or "")
    target = with_.get("target") or None
    return BuildDef(
        path,
        line,
        "`docker/build-push-action`",
        dockerfile,
        context,
        target if target and COMPUTED not in target else None,
        tuple(dict.fromkeys(names)),
        args,
        contexts,
    )


def _output_names(outputs: str) -> list[str]:
    """The names an image output pushes (``type=image,name=ghcr.io/team/lab,push-by-digest=true``): a name without a
    tag is pushed by its digest — a computed tag, which ``imagetools create -t`` may name later."""
    out = []
    for line in split_list(outputs, commas=False):
        fields = dict(f.strip().partition("=")[::2] for f in line.split(","))
        if fields.get("type") in ("image", "registry") and fields.get("name"):
            name = fields["name"].strip("\"'")
            last = name.rsplit("/", 1)[-1]
            out.append(name if ":" in last or "@" in name else f"{name}:{COMPUTED}")
    return out


def _metadata_images(tags: str, ctx: _Context) -> list[str]:
    """The images of the ``docker/metadata-action`` step whose ``outputs.tags`` a build uses, with a computed
    tag."""
    out = []
    for m in re.finditer(r"steps\.([\w-]+)\.outputs\.tags", tags):
        step = ctx.steps.get(m.group(1))
        uses = _plain(step.get("uses")) if step else None
        if not isinstance(uses, str) or not uses.lower().startswith("docker/metadata-action"):
            continue
        images = ctx.expand(str(_plain(_mapping(step.get("with")).get("images")) or "")) if step else ""
        for item in split_list(images, commas=False):
            name = next((p[5:] for p in item.split(",") if p.strip().startswith("name=")), item.split(",")[0])
            name = name.strip().strip("\"'")
            if name:
                out.append(f"{name}:{COMPUTED}")
    return out


def _repo2docker(path: str, line: int, with_: dict[str, str], root: str, exists) -> BuildDef | None:
    dockerfile = repo2docker_source(root, exists)
    if dockerfile is None:
        return None
    registry = with_.get("DOCKER_REGISTRY", "").strip().rstrip("/")
    image = with_.get("IMAGE_NAME") or f"{with_.get('DOCKER_USERNAME') or COMPUTED}/{COMPUTED}"
    name = f"{registry}/{image}" if registry else image
    names = [f"{name}:{COMPUTED}"]
    if with_.get("LATEST_TAG_OFF", "").lower() not in ("true", "1", "yes"):
        names.append(f"{name}:latest")
    extra = with_.get("ADDITIONAL_TAG")
    if extra:
        names.append(f"{name}:{extra}")
    return BuildDef(
        path, line, "`jupyterhub/repo2docker-action`", dockerfile, root, None, tuple(names), {}, {}, "singleuser"
    )
