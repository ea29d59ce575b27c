"""What a Dockerfile says about its own role: ``singleuser`` (a server JupyterHub spawns), ``hub`` (the Hub
itself) or ``other`` — its evidence, weighed (the deployment's say is added by :mod:`.roles`).

A single-user rule judges a single-user image; a Hub image gets the image-tag rules; anything else
(databases, proxies, tools, CI helpers…) gets none.  The role is decided before any rule runs, from
evidence, strongest first (RULES.md, "Roles"):

1. an explicit setting: ``--role``, a ``# hublint role=…`` pragma, the configuration's ``roles`` globs;
2. the deployment: built as a spawn image (compose, chartpress ``singleuser.image``, a ``docker build -t``
   of a name the spawner uses), or as the Hub (compose service running ``jupyterhub``, chartpress
   ``hub.image``), or as another chart image;
3. the Dockerfile itself (:func:`own_evidence`) — each item with a weight; the heavier side wins, and a
   CMD/ENTRYPOINT that runs ``jupyterhub`` or a single-user launcher decides a tie;
4. in-repository ``FROM`` chains: the base of a single-user image built here is single-user too (a
   *single-user base*: the rules about what the finished image must have wait for the image built on it);
5. no Jupyter evidence at all: ``other``.
"""

from __future__ import annotations

import posixpath
import re

from ..deployment.names import HUB_IMAGE_FOLDER
from ..lazy import pattern
from ..records import NamedTuple
from .signs import (
    _HUB_BASES,
    _HUB_SERVICE,
    _HUB_STAGE,
    _JUPYTER_NAME,
    _KERNEL_BASES,
    _KERNEL_LAUNCHER,
    _NON_SERVER_JUPYTER,
    _NOT_SERVER_NAME,
    _PYTHON_MODULE_SERVICES,
    _ROLE_PRAGMA,
    _SERVICES,
    _SINGLEUSER_BASES,
    _SINGLEUSER_FOLDER,
    _SINGLEUSER_NAME,
    _SINGLEUSER_STAGE,
    _TEST_SCRIPT,
    _TEST_STAGE,
    _USER_VARS,
    HUB_PACKAGES,
    IDLE,
    SERVER_PACKAGES,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..image.analysis import ImageAnalysis

__all__ = ["ROLES", "Evidence", "Role", "own_evidence", "decide", "role_pragma", "HUB_PACKAGES", "stage_targets"]

ROLES = ("singleuser", "hub", "other")


class Evidence(NamedTuple):
    role: str  # "singleuser" | "hub" | "other"
    weight: int  # 3 strong, 2 good, 1 weak
    reason: str


CERTAINTIES = ("weak", "likely", "certain")  # in increasing order


class Role(NamedTuple):
    """The decision: ``role``, one short line naming the evidence, ``base`` — a single-user base built on in this
    repository (or an ``ONBUILD`` base) — and how sure it is (:data:`CERTAINTIES`): ``certain`` when a setting,
    the deployment or an in-repository chain says it, or strong evidence is uncontested; ``likely`` when good
    evidence decides (or strong evidence against good evidence of another role), or several independent weak
    hints agree and nothing contests them; ``weak`` on one weak hint alone, or a tie that the CMD decided."""

    role: str
    reason: str
    base: bool = False
    certainty: str = "certain"


def role_pragma(comments) -> tuple[str, int] | None:
    """``# hublint role=hub`` (the last one wins): (role, line); role may be invalid (the caller reports it)."""
    found = None
    for c in comments:
        m = _ROLE_PRAGMA.match(c.text)
        if m:
            found = (m.group(1).lower(), c.line)
    return found


def stage_targets(df) -> list:
    """The stages worth building on their own: the last one, and every stage nothing else builds on or copies
    from (``FROM x AS dask-worker`` beside ``FROM x AS jupyterlab``), in file order."""
    used: set[int] = set()
    for stage in df.stages:
        if stage.parent is not None:
            used.add(stage.parent.index)
        for step in stage.steps:
            src = df.copy_from(step)
            if src is not None:
                used.add(src.index)
            for flag in step.instruction.flags:  # RUN --mount=type=bind|cache,from=<stage>
                m = re.search(r"(?:^--mount=|,)from=([^,]+)", flag)
                if m and flag.startswith("--mount="):
                    named = df.stage_named(m.group(1))
                    if named is not None:
                        used.add(named.index)
                    elif m.group(1).isdigit() and int(m.group(1)) < len(df.stages):
                        used.add(int(m.group(1)))
    out = [s for s in df.stages if s.index not in used]
    if df.stages and df.stages[-1] not in out:
        out.append(df.stages[-1])
    return out


def _words(step) -> str:
    ins = step.instruction
    return " ".join(ins.value) if ins.json else ins.args


def own_evidence(img: ImageAnalysis, runs: list[Evidence] | None = None) -> list[Evidence]:
    """What a Dockerfile (its final stage's chain and feeders) says about its role: its base image, what it
    runs (``runs``: :func:`run_evidence`, when the caller has it already), what it installs, and the
    conventions it follows."""
    stage, hops = img.final, 0
    while not stage.steps and stage.parent is not None and hops < 128:
        stage, hops = stage.parent, hops + 1  # `FROM release AS testing` runs nothing: it is the image it names
    name = stage.name
    if name and len(img.dockerfile.stages) > 1 and _TEST_STAGE.search(name) and stage.steps:
        return [Evidence("other", 3, f"target {name} (a test stage, not an image a Hub serves)")]
    if posixpath.basename(posixpath.dirname(img.path.replace("\\", "/"))) == ".devcontainer":
        return [Evidence("other", 3, "in .devcontainer (the editor's development container)")]
    runs = run_evidence(img) if runs is None else runs
    out = [*_base_evidence(img), *runs, *_install_evidence(img), *_convention_evidence(img)]
    if any(s.instruction.keyword == "ONBUILD" for s in img.chain_steps) and any(e.role == "singleuser" for e in out):
        out.append(Evidence("singleuser", 1, "ONBUILD base"))
    return out


def _base_evidence(img: ImageAnalysis) -> list[Evidence]:
    ref = base_name(img)
    info = img.base_info
    if not ref:
        from ..image.literalrefs import docker_stacks_registry

        root = img.root  # `FROM jupyter/${VARIANT}-notebook`: docker-stacks whatever the variant
        if root is not None and docker_stacks_registry(root.image) is not None:
            return [Evidence("singleuser", 3, f"FROM {root.image_raw}")]
        return _default_base_evidence(img)
    return _named_base_evidence(ref, info)


def _default_base_evidence(img: ImageAnalysis) -> list[Evidence]:
    """A base a build sets to a value hublint cannot know (``--build-arg BASE_IMAGE=$(computed)``) is most likely
    a build of the kind the Dockerfile's own default names (a tag of the same image): good evidence, not strong."""
    from ..dockerfile.expand import UNKNOWN
    from ..dockerfile.imageref import parse_ref
    from ..image.knowledge import lookup

    root = img.root
    if root is None or "$" not in root.image_raw:
        return []
    default = img.dockerfile.by_default(root.image_raw)
    if not default or UNKNOWN in default or default.lower() == "scratch":
        return []
    ref = parse_ref(default)
    if UNKNOWN in ref.name:
        return []
    found = _named_base_evidence(ref.name, lookup(ref, img.images))
    return [Evidence(e.role, min(e.weight, 2), f"FROM {root.image_raw}, by default {ref.name}") for e in found]


def _named_base_evidence(ref: str, info) -> list[Evidence]:
    if _HUB_BASES.search(ref):
        return [Evidence("hub", 3, f"FROM {ref}")]
    if _KERNEL_BASES.search(ref):
        return [Evidence("other", 3, f"FROM {ref} (an Enterprise Gateway kernel image)")]
    if info is not None and info.family in ("docker-stacks", "jupyterhub-singleuser", "z2jh-sample"):
        return [Evidence("singleuser", 3, f"FROM {ref}")]
    if info is not None and info.family == "docker-stacks-foundation":
        return [Evidence("singleuser", 2, f"FROM {ref}")]
    if info is not None and info.family == "user":
        return [Evidence("singleuser", 2, f"FROM {ref} (declared in the configuration)")]
    if _SINGLEUSER_BASES.search(ref):
        return [Evidence("singleuser", 3, f"FROM {ref}")]
    last = ref.rsplit("/", 1)[-1]
    if _SINGLEUSER_NAME.search(last):
        return [Evidence("singleuser", 2, f"FROM {ref} (a single-user image by its name)")]
    if _JUPYTER_NAME.search(last) and not _NOT_SERVER_NAME.search(last):
        return [Evidence("singleuser", 1, f"FROM {ref} (a Jupyter image by its name)")]
    return []


def run_evidence(img: ImageAnalysis) -> list[Evidence]:
    """What the final CMD and ENTRYPOINT run: the Hub, a single-user launcher, another Jupyter program."""
    from ..image.cmdcheck import step_argvs
    from ..image.launchers import classify_argv, strip_wrappers

    out = []
    facts = img.launch
    ent = step_argvs(facts.entrypoint) if facts.entrypoint is not None else []
    runs = ent + (step_argvs(facts.cmd) if facts.cmd is not None else [])
    what = " ".join(strip_wrappers(ent[0])) if len(ent) == 1 else ""
    if _BARE_INTERPRETER.match(what):
        # `ENTRYPOINT ["python"]`: a spawner's command becomes the interpreter's script — no Hub starts it
        out.append(Evidence("other", 3, f"ENTRYPOINT {what} (an interpreter, whose script is the spawner's command)"))
    for argv in runs:
        args = strip_wrappers(argv)
        if not args:
            continue
        head = posixpath.basename(args[0])
        kind = classify_argv(argv)
        if IDLE.fullmatch(" ".join(args)):  # kept up to exec into; a single-user base or a spawn outweighs it
            out.append(
                Evidence("other", 2, f"{_which(facts, argv)} {' '.join(args[:3])} (keeps the container up, no server)")
            )
            continue
        service = _service(args)
        if head == "jupyterhub" or (re.match(r"python[0-9.]*\Z", head) and args[1:3] == ["-m", "jupyterhub"]):
            out.append(Evidence("hub", 3, f"{_which(facts, argv)} {' '.join(args[:2])}"))
        elif service is not None:
            out.append(Evidence("other", 3, f"{_which(facts, argv)} {_shown(args)} ({service}, not a notebook server)"))
        elif kind == "unknown" and (last := _script_last_command(img, args[0])) is not None:
            out.extend(_script_evidence(_which(facts, argv), args[0], last))
        elif kind == "launcher":
            out.append(Evidence("singleuser", 3, f"{_which(facts, argv)} {' '.join(args[:2])}"))
        elif head == "jupyter" and len(args) > 1 and args[1] in _NON_SERVER_JUPYTER:
            out.append(Evidence("other", 3, f"{_which(facts, argv)} jupyter {args[1]} (not a notebook server)"))
        elif kind == "server" and any(_OWN_TLS.match(a) for a in args):
            # a spawned server gets its address and security from the Hub; one serving its own certificate is
            # reached directly (a shared or standalone JupyterLab)
            out.append(Evidence("other", 3, f"{_which(facts, argv)} {' '.join(args[:2])} with its own TLS certificate"))
        elif kind == "server" and ent and argv is ent[0] and _without_jupyterhub(img):
            # the server as the ENTRYPOINT itself (a spawner's command would only be its arguments) in an image
            # with no jupyterhub, which no Hub can start: a notebook run on its own (`docker run -p 8888:8888`)
            shown = " ".join(args[:2])
            out.append(
                Evidence("other", 3, f"ENTRYPOINT {shown} in an image without jupyterhub (a standalone notebook)")
            )
        elif kind == "server":
            out.append(Evidence("singleuser", 2, f"{_which(facts, argv)} {' '.join(args[:2])}"))
    return out


def _without_jupyterhub(img: ImageAnalysis) -> bool:
    """Is the image known to have no jupyterhub: a base known to provide none (or scratch) and no install of it,
    with nothing installed that hublint cannot read but a URL of another project (`git+https://…/pymaging.git`)?"""
    from ..image.analysis import JUPYTERHUB_NAMES

    unread = [u for u in img.installs.unknown if not (_URL.search(u.reason) and "jupyterhub" not in u.reason.lower())]
    if img.base_state not in ("known", "scratch") or unread or img.installed(JUPYTERHUB_NAMES):
        return False
    info = img.base_info
    return info is None or "jupyterhub" not in info.provides


_URL = pattern(r"\A`[^`\s]*://[^`\s]*` is a path or URL\Z")
_OWN_TLS = pattern(r"--(?:(?:ServerApp|NotebookApp)\.)?(?:certfile|keyfile)\b")


_SCRIPT_NAME = pattern(r"/|\.(?:sh|bash|py)\Z")  # a path or a script's name, not a program on the PATH (`crond`)
# an interpreter alone as the ENTRYPOINT (`python`, `/bin/sh`, `Rscript`): its compute image runs scripts (not bash,
# which looks its script up on the PATH: `ENTRYPOINT ["bash"]` + `CMD ["start-singleuser.sh"]` starts a server)
_BARE_INTERPRETER = pattern(r"(?:/(?:usr/)?(?:local/)?bin/)?(?:python[0-9.]*|sh|R|Rscript|julia)\Z")


def own_command(img: ImageAnalysis, runs: list[Evidence] | None = None) -> str | None:
    """What this Dockerfile's own CMD runs (``CMD crond -f``) when it is nothing Jupyter — no launcher, server,
    Hub, known service, nor a script whose last command is one — else None: an image built on a single-user
    image that replaces its command with another program may be a sidecar built on the user image (a cron
    job, a prefetcher) as well as a user image with a broken CMD.  ``runs``: as for :func:`own_evidence`."""
    from ..image.cmdcheck import step_argvs
    from ..image.launchers import strip_wrappers

    facts = img.launch
    runs = run_evidence(img) if runs is None else runs
    if facts.cmd is None or (facts.entrypoint is not None and not facts.cmd_after_entrypoint) or runs:
        return None  # no CMD of its own (or one its ENTRYPOINT resets), or one that runs something Jupyter
    found = None
    for step in (facts.entrypoint, facts.cmd):
        for argv in step_argvs(step) if step is not None else ():
            args = strip_wrappers(argv)
            if not args:
                continue
            if _SCRIPT_NAME.search(args[0]) and _script_last_command(img, args[0]) is None:
                return None  # a script hublint cannot read (its base may ship it): it may well start a server
            found = found or f"{_which(facts, argv)} {' '.join(args[:2])}"
    return found


def _install_evidence(img: ImageAnalysis) -> list[Evidence]:
    """Server packages are single-user evidence; the Hub's own packages (spawners, authenticators, the proxy —
    also from npm) are Hub evidence even beside a server package when jupyterhub is installed with them."""
    out = []
    names = {i.name for i in img.installs.installs}
    if _npm_proxy(img):
        names.add("configurable-http-proxy")
    servers = sorted(names & SERVER_PACKAGES)
    hub_only = sorted(names & HUB_PACKAGES)
    if servers:
        out.append(Evidence("singleuser", 2, f"installs {', '.join(servers[:2])}"))
    elif "ipykernel" in names:
        out.append(Evidence("singleuser", 1, "installs ipykernel"))
    if hub_only and (not servers or "jupyterhub" in names):
        out.append(Evidence("hub", 2, f"installs {', '.join(hub_only[:2])}"))
    if "jupyterhub" in names and not servers and not hub_only:
        out.append(Evidence("singleuser", 1, "installs jupyterhub (no spawner, authenticator or proxy)"))
    copied = _copied_environment_names(img)
    if copied and not servers:
        out.append(Evidence("singleuser", 1, f"copies an environment that lists {', '.join(sorted(copied)[:2])}"))
    extensions = sorted(names & SERVER_EXTENSIONS)
    if not servers and not hub_only and (extensions or _configures_extensions(img)):
        what = f"installs {extensions[0]}" if extensions else "RUN jupyter serverextension/nbextension"
        out.append(Evidence("singleuser", 1, f"{what} (an extension of the notebook server)"))
    return out


# extensions of the single-user server (not of the Hub): installing one is a weak hint of a single-user image
SERVER_EXTENSIONS = frozenset(
    {"nbgitpuller", "jupyter-server-proxy", "nbgrader", "jupyterlab-git", "jupyter-resource-usage", "nbresuse"}
)
_EXTENSION_COMMAND = pattern(r"\bjupyter[ -](?:serverextension|nbextension|labextension|server\s+extension)\b")


def _configures_extensions(img: ImageAnalysis) -> bool:
    """Does a RUN enable or install notebook-server extensions (``jupyter serverextension enable …``)?"""
    return any(
        s.instruction.keyword == "RUN" and _EXTENSION_COMMAND.search(s.instruction.original) for s in img.chain_steps
    )


def _npm_proxy(img: ImageAnalysis) -> bool:
    """Does a RUN install the Hub's proxy from npm (JupyterHub's own instructions: ``npm install -g
    configurable-http-proxy``; ``yarn global add``, ``pnpm add``)?  Read as the shell reads the command."""
    from ..dockerfile.shell import strip_prefix
    from ..image.installs import run_commands

    for step in img.chain_steps:
        if step.instruction.keyword != "RUN" or "configurable-http-proxy" not in step.instruction.original:
            continue
        for cmd in run_commands(step.instruction, step.env):
            words = [w.value for w in strip_prefix(cmd)]
            if (
                len(words) > 2
                and posixpath.basename(words[0]) in ("npm", "yarn", "pnpm")
                and any(w in ("install", "i", "add") for w in words[1:3])
                and any(w.partition("@")[0] == "configurable-http-proxy" for w in words[2:])
            ):
                return True
    return False


def _convention_evidence(img: ImageAnalysis) -> list[Evidence]:
    """The conventions of single-user and Hub images: jovyan and NB_USER, port 8888, a baked Hub
    configuration, the folder's name, the target's name."""
    out = []
    steps = [*img.chain_steps]
    for step in steps:
        kw = step.instruction.keyword
        text = _words(step)
        found = _USER_VARS.search(text) if kw in ("USER", "ENV", "ARG", "RUN") else None
        if found:
            out.append(Evidence("singleuser", 1, f"{kw} {found.group(0).strip('${')}"))
            break
    for step in steps:
        if step.instruction.keyword == "EXPOSE" and re.search(r"(?<!\d)8888(?!\d)", _words(step)):
            out.append(Evidence("singleuser", 1, "EXPOSE 8888"))
            break
    for step in steps:
        if step.instruction.keyword in ("COPY", "ADD") and re.search(
            r"(?<![\w.-])jupyterhub_config\.py\b", _words(step)
        ):
            # a single-user server never reads the Hub's configuration: an image holding it is a Hub; with
            # jupyterhub installed beside it, a configured Hub (one serving local users has their server too)
            if any(i.name == "jupyterhub" for i in img.installs.installs):
                out.append(Evidence("hub", 3, "installs jupyterhub and copies its jupyterhub_config.py"))
            else:
                out.append(Evidence("hub", 2, "COPY jupyterhub_config.py"))
            break
    for step in steps:
        if step.instruction.keyword in ("COPY", "ADD") and _KERNEL_LAUNCHER.search(_words(step)):
            # Enterprise Gateway starts a kernel image with its launcher as the command: a kernel, not a server
            out.append(Evidence("other", 3, "copies Enterprise Gateway's kernel launcher (a kernel image)"))
            break
    folder = posixpath.basename(posixpath.dirname(img.path.replace("\\", "/"))).lower()
    if folder in ("binder", ".binder") and posixpath.basename(img.path) == "Dockerfile":
        # repo2docker builds `binder/Dockerfile` for Binder, whose JupyterHub spawns it
        out.append(Evidence("singleuser", 2, f"{folder}/Dockerfile (Binder's image)"))
    elif HUB_IMAGE_FOLDER.fullmatch(folder):
        out.append(Evidence("hub", 1, f"in a folder named {folder}"))
    elif _SINGLEUSER_FOLDER.fullmatch(folder):
        out.append(Evidence("singleuser", 1, f"in a folder named {folder}"))
    name = img.final.name
    if name and len(img.dockerfile.stages) > 1:
        if _HUB_STAGE.search(name):
            out.append(Evidence("hub", 1, f"target {name}"))
        elif _SINGLEUSER_STAGE.search(name):
            out.append(Evidence("singleuser", 1, f"target {name}"))
    return out


def base_name(ctx: ImageAnalysis) -> str | None:
    """The chain's base image name (registry/path, no tag), when the name is known — even if the tag is not."""
    from ..dockerfile.expand import UNKNOWN
    from ..dockerfile.imageref import parse_ref

    root = ctx.root
    if root is None or not root.image or root.image.lower() == "scratch":
        return None
    ref = parse_ref(root.image)
    return None if UNKNOWN in ref.name else ref.name


def _shown(args: list[str]) -> str:
    """A command's first words as written: two, three for ``python -m module`` (a script marker left out)."""
    from ..image.cmdcheck import SCRIPT

    words = [a for a in args[:4] if a != SCRIPT]
    return " ".join(words[: 3 if words[1:2] == ["-m"] else 2])


def _service(args: list[str]) -> str | None:
    """What a command runs when it is a known service that is not a notebook server (None otherwise)."""
    head = posixpath.basename(args[0]).lower()
    if re.match(r"python[0-9.]*\Z", head) and len(args) > 2 and args[1] == "-m":
        module = args[2].split(".")[0]
        if module in _PYTHON_MODULE_SERVICES:
            return _SERVICES.get(module, "a service")
        return "a Hub service" if _HUB_SERVICE.fullmatch(module) else None
    from ..image.cmdcheck import SCRIPT

    interpreter = re.match(r"python[0-9.]*\Z", head) or args[0] == SCRIPT  # `python run_tests.py`, `sh test.sh`
    if interpreter and len(args) > 1 and _TEST_SCRIPT.fullmatch(posixpath.basename(args[1])):
        return "a test runner"
    if head == "jupyter" and len(args) > 1 and args[1] in _NON_SERVER_JUPYTER:
        return None  # said by the kernel-gateway evidence
    if _TEST_SCRIPT.fullmatch(head):
        return "a test runner"
    return _SERVICES.get(head)


def _script_last_command(img: ImageAnalysis, program: str) -> list[str] | None:
    """The last command (``exec`` and wrappers left out; a final ``wait`` for background jobs skipped) of a script
    the CMD or ENTRYPOINT runs, read from the build context; None when it cannot be read or runs nothing."""
    from ..dockerfile.shell import strip_prefix
    from ..image.cmdcheck import read_program
    from ..image.launchers import script_commands, strip_wrappers

    final = img.launch.cmd or img.launch.entrypoint
    text = read_program(img, final, program) if final is not None else None
    if not text:
        return None
    last = None
    for cmd in script_commands(text):
        words = strip_prefix(cmd)
        if words and words[0].value != "wait":  # `jupyterhub … &` then `wait`: the job waited for decides
            last = words
    args = strip_wrappers([w.value for w in last]) if last is not None else []
    return args or None


def _script_evidence(which: str, program: str, last: list[str]) -> list[Evidence]:
    """A script's last command classified as a CMD is: the Hub, a known service, another Jupyter program."""
    head = posixpath.basename(last[0])
    if head == "jupyterhub":
        return [Evidence("hub", 3, f"{which} {program}, which runs `jupyterhub`")]
    service = _service(last)
    if service is not None:
        return [Evidence("other", 3, f"{which} {program}, which runs `{head}` ({service}, not a notebook server)")]
    if head == "jupyter" and len(last) > 1 and last[1] in _NON_SERVER_JUPYTER:
        return [Evidence("other", 3, f"{which} {program}, which runs `jupyter {last[1]}` (not a notebook server)")]
    return []


def _which(facts, argv) -> str:
    if facts.entrypoint is not None and facts.cmd is None:
        return "ENTRYPOINT"
    return "CMD"


def _copied_environment_names(ctx: ImageAnalysis) -> set[str]:
    """Server packages listed in environment/requirements files the image copies in but that no installer
    hublint reads uses (e.g. installed by a script): weak evidence of a single-user image."""

    found: set[str] = set()
    if ctx.context_dir is None:
        return found
    import os

    for step in ctx.chain_steps:
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from") or ins.json:
            continue
        for word in ins.args.split()[:-1]:
            if not re.search(r"(?:environment|requirements|env)[^/]*\.(?:ya?ml|txt)\Z", word):
                continue
            text = ctx.read_file(os.path.join(ctx.context_dir, word.lstrip("/")))
            if text:
                for pkg in SERVER_PACKAGES | {"jupyterhub"}:
                    if re.search(rf"(?m)^[\s-]*['\"]?{re.escape(pkg)}(?:[\s=<>!~\[;'\"]|$)", text.replace("_", "-")):
                        found.add(pkg)
    return found - {"jupyterhub"} if found - {"jupyterhub"} else set()


def decide(evidence: list[Evidence]) -> Role:
    """Weigh a Dockerfile's own evidence: the heavier side wins; a CMD/ENTRYPOINT decides a tie.  The certainty
    follows the winning evidence and what contests it (:class:`Role`)."""
    best: dict[str, Evidence] = {}
    for e in evidence:
        if e.role not in best or e.weight > best[e.role].weight:
            best[e.role] = e
    if not best:
        return Role("other", "no Jupyter evidence", certainty="likely")
    weights = {role: sum(x.weight for x in evidence if x.role == role) for role in best}
    strong = {role: best[role].weight for role in best}
    top = max(strong.values())
    leaders = [r for r in best if strong[r] == top]
    if len(leaders) > 1:
        runners = [r for r in leaders if best[r].reason.startswith(("CMD", "ENTRYPOINT"))]
        if len(runners) == 1:
            leaders = runners
        else:
            leaders = sorted(leaders, key=lambda r: (-weights[r], ROLES.index(r)))[:1]
    role = leaders[0]
    reasons = [e.reason for e in sorted(evidence, key=lambda e: -e.weight) if e.role == role][:2]
    contest = max((w for r, w in strong.items() if r != role), default=0)
    agreeing = sum(1 for e in evidence if e.role == role)
    if top == 1 and agreeing >= 2 and contest == 0:
        certainty = "likely"  # several independent weak hints, and nothing against them
    elif top == 1 or contest == top:
        certainty = "weak"
    elif top == 3 and contest < 2:
        certainty = "certain"
    else:
        certainty = "likely"
    return Role(role, " and ".join(reasons), certainty=certainty)
