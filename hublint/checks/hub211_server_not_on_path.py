"""HUB211 server-not-on-path: jupyterhub is installed into a conda env, a venv or `pip --user`, whose `bin` the
final image's PATH does not have, and nothing activates it: `jupyterhub-singleuser: not found`, exit 127."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..dockerfile.expand import UNKNOWN, is_known
from ..image.analysis import JUPYTERHUB_NAMES
from ..image.cmdcheck import launch_facts
from ..image.install_analysis import conda_run
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import MESSAGE_LIMIT, clip

RULE = Rule(
    "HUB211",
    "server-not-on-path",
    "error",
    "jupyterhub is installed where the image's PATH does not reach",
    finished=True,
)

_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# families whose PATH hublint knows when the data gives none (Docker's default PATH, conda's prefix first)
_FAMILY_PATH = {
    "python": _DEFAULT_PATH,
    "os": _DEFAULT_PATH,
    "z2jh-sample": _DEFAULT_PATH,
    "conda": "/opt/conda/bin:" + _DEFAULT_PATH,
}
# a command that activates an environment or runs a program inside one
_ACTIVATES = pattern(
    r"(?<![\w-])(?:activate|conda\s+run|mamba\s+run|micromamba\s+run|pixi\s+run|uv\s+run|"
    r"poetry\s+run|source|\.\s+\S+|VIRTUAL_ENV|CONDA_DEFAULT_ENV)(?![\w-])"
)


def _base_path(inp: ImageInput) -> str | None:
    info = inp.image.base_info
    if info is None:
        return None
    return info.env.get("PATH") or _FAMILY_PATH.get(info.family)


def _final_path(inp: ImageInput) -> str | None:
    value, step = inp.image.final_env("PATH")
    if step is None:
        return _base_path(inp)
    if value is None:
        return None
    if UNKNOWN in value:
        base = _base_path(inp)
        return value.replace(UNKNOWN, base) if base is not None and value.count(UNKNOWN) == 1 else value
    return value


def _home_of_user(inp: ImageInput, at) -> str | None:
    """The home of the user a RUN runs as (the last USER before it, else the base's): root's is /root, a named
    user's /home/<name>, a bare UID's unknown."""
    user = inp.image.base_info.user if inp.image.base_info is not None else None
    for step in inp.image.chain_steps:
        if step is at:
            break
        if step.instruction.keyword == "USER":
            user = step.instruction.args.split(":", 1)[0].strip()
    if user in (None, "", "root", "0"):
        return "/root"
    if user.isdigit() or not is_known(user) or "$" in user:
        return None
    return f"/home/{user}"


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is None or info.family == "micromamba":
        return  # unknown PATH; micromamba's entrypoint activates $ENV_NAME
    if "jupyterhub" in info.provides:
        return  # the base's own jupyterhub-singleuser is on PATH (another environment: not this rule)
    installs = sorted(inp.image.installed(JUPYTERHUB_NAMES), key=lambda i: i.order)
    chain = {s.index for s in inp.image.chain}
    if not installs or any(i.prefix is None or i.stage not in chain for i in installs):
        return  # one on PATH, or built in another stage and copied (to wherever COPY --from puts it)
    last = installs[-1]
    prefix = last.prefix
    if not prefix or UNKNOWN in prefix:
        return
    user_site = prefix.startswith("~")
    if user_site:
        # `pip --user`: the home of the user the RUN ran as
        home = last.step.env.get("HOME") if last.step is not None else None
        home = home if home and is_known(home) else _home_of_user(inp, last.step)
        if home is None:
            return
        prefix = home.rstrip("/") + prefix[1:]
    bin_dir = posixpath.join(prefix, "bin")
    path = _final_path(inp)
    if path is None:
        return
    entries = [posixpath.normpath(p) for p in path.split(":") if p]
    if bin_dir in entries or any(UNKNOWN in p or "$" in p or "~" in p for p in entries):
        return
    if user_site and any(p.endswith("/.local/bin") for p in entries):
        return
    launch = launch_facts(inp.image)
    inherited_entrypoint = launch.entrypoint is None and info.entrypoint
    if launch.entrypoint is not None or (inherited_entrypoint and not info.docker_stacks):
        return  # an ENTRYPOINT may activate the environment
    texts = [
        " ".join(s.instruction.value) if s.instruction.json else s.instruction.args
        for s in (launch.cmd,)
        if s is not None
    ]
    facts = inp.facts
    if facts is not None and facts.spawner_cmd:
        texts.append(" ".join(facts.spawner_cmd))
    if any(_ACTIVATES.search(t) or bin_dir in t or prefix in t for t in texts):
        return
    if launch.cmd is not None and launch.verdict in ("unreadable", "unknown"):
        return  # a wrapper script hublint cannot read may activate it
    shell = inp.image.final_shell
    if shell is not None and launch.cmd is not None and not launch.cmd.instruction.json:
        return  # a shell-form CMD runs in the image's SHELL, which may activate it
    runs_in = shell is not None and conda_run(shell, {})[0]
    message = (
        f"jupyterhub is installed in `{prefix}`, whose `bin` is not on the image's PATH: "
        "`jupyterhub-singleuser` is not found"
    )
    if len(message) > MESSAGE_LIMIT:
        message = (
            f"jupyterhub is in `{clip(prefix, 40)}`, whose `bin` is not on PATH: `jupyterhub-singleuser` is not found"
        )
    yield Hit(
        message,
        *last.anchor,
        help=('`SHELL ["conda", "run", …]` activates it for `RUN` only, not for the server: ' if runs_in else "")
        + f"add `ENV PATH={bin_dir}:$PATH`, or install into the default environment",
    )
