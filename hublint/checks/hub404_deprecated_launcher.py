"""HUB404 deprecated-launcher: jupyter-labhub, the docker-stacks .sh shims, or start.sh in CMD on docker-stacks."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.cmdcheck import launch_facts, step_argvs
from ..image.knowledge import START_SH_ENTRYPOINT, built_after
from ..lint.fixes import edit, fix
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import every_hub_below, written_in_yaml

RULE = Rule(
    "HUB404",
    "deprecated-launcher",
    "info",
    "The CMD or the spawner's command uses a deprecated launcher",
    takes=(IMAGE, CONFIG),
)


def _copied(inp: ImageInput, name: str) -> bool:
    """Does the Dockerfile bring its own script of that name (then it is not docker-stacks' shim)?  A source glob
    (``COPY start-*.sh /usr/local/bin/``) counts."""
    from fnmatch import fnmatchcase

    for step in inp.image.chain_steps:
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from"):
            continue
        words = list(ins.value) if ins.json else ins.args.split()
        if any(fnmatchcase(name, posixpath.basename(w.rstrip("/"))) for w in words[:-1]):
            return True
    return False


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.spawner_cmd and not _spawner_runs_it(inp):
        return  # the spawner's command replaces the CMD (z2jh runs its singleuser.cmd)
    facts = launch_facts(inp.image)
    if facts.cmd is None:
        return
    ins = facts.cmd.instruction
    info = inp.image.base_info
    stacks = info is not None and info.docker_stacks
    # the .py launchers exist in images built since 2023-10-17 (bceaead5); before, the .sh scripts are the real
    # launchers: no finding, and none when the base's build date is unknown
    has_py = stacks and built_after(info, "2023-10-17") is True
    start_entrypoint = stacks and built_after(info, START_SH_ENTRYPOINT) is True
    reasons = []
    for argv in step_argvs(facts.cmd):
        names = [posixpath.basename(a) for a in argv]
        if "jupyter-labhub" in names or ("jupyter" in names and "labhub" in argv):
            reasons.append(
                (
                    "the CMD uses `jupyter-labhub`, which JupyterLab's docs discourage",
                    "use `jupyterhub-singleuser` (it opens JupyterLab by default with jupyterhub 2+)",
                )
            )
        for shim in ("start-notebook.sh", "start-singleuser.sh"):
            if shim in names and has_py and not _copied(inp, shim):
                reasons.append(
                    (
                        f"the CMD uses `{shim}`, a deprecated shim that docker-stacks will remove",
                        f"use `{shim[:-3]}.py` (in images built since 2023-10-17)",
                    )
                )
        if start_entrypoint and "start.sh" in names:
            reasons.append(
                (
                    "the CMD runs `start.sh`, already the image's ENTRYPOINT (since 2024-01-22)",
                    "drop `start.sh` from the CMD",
                )
            )
    edits = []
    for shim in ("start-notebook.sh", "start-singleuser.sh") if has_py else ():
        at = ins.original.find(shim, ins.args_offset)
        while at >= 0:
            edits.append(edit(inp.image, ins, at, at + len(shim), shim[:-3] + ".py"))
            at = ins.original.find(shim, at + 1)
    shim_fix = fix("use the `.py` start scripts (images built since 2023-10-17)", "unsafe", *edits) if edits else None
    for reason, help in dict.fromkeys(reasons):
        yield Hit(
            reason,
            *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
            fix=shim_fix if "a deprecated shim" in reason else None,
            help=help,
        )


def _spawner_runs_it(inp: ImageInput) -> bool:
    """Does the spawner's command, which replaces the CMD, run a deprecated launcher itself (`DockerSpawner.cmd =
    "start-singleuser.sh"`), or one the deployment sets that hublint cannot read?  Then the CMD is still judged."""
    cmd = inp.facts.spawner_cmd if inp.facts is not None else None
    if cmd is None:
        return False  # declared as a setting (`--spawner-cmd`): it replaces the CMD
    if any("\uffff" in str(w) for w in cmd):
        return True  # a command hublint cannot read (an unset variable): it may be the same launcher
    names = {posixpath.basename(str(w)) for w in cmd}
    return bool(names & {"start-notebook.sh", "start-singleuser.sh", "jupyter-labhub"})


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    """The spawner's own command starting ``jupyter-labhub`` (``c.Spawner.cmd = ["jupyter-labhub"]``, z2jh
    ``singleuser.cmd``): it replaces every image's CMD, so the launcher is the configuration's."""
    cfg = inp.config
    # before JupyterHub 2 the single-user server opened the classic notebook unless told to open Lab
    old_hub = every_hub_below(inp.hub_version, 2)
    for (cls, trait), (value, _) in sorted(cfg.traits.items()):
        if trait != "cmd" or not cls.endswith("Spawner"):
            continue
        if isinstance(value.value, str):
            words = value.value.split()
        elif isinstance(value.value, list):
            words = []
            for w in value.value[:2]:
                if not isinstance(w.value, str):
                    break  # a word hublint cannot read: the program is not known
                words.append(w.value)
        else:
            continue
        if _labhub(words):
            yaml = written_in_yaml(cfg, cls, trait)
            where = "`singleuser.cmd`" if yaml and cls == "Spawner" else "the spawner's `cmd`"
            url = "`singleuser.defaultUrl: /lab`" if cfg.kind == "z2jh" else "`c.Spawner.default_url = '/lab'`"
            help = (
                f"start `jupyterhub-singleuser` and open JupyterLab with {url} (JupyterLab 4 has no `jupyter-labhub`)"
                if old_hub and not _opens_lab(cfg)
                else "start `jupyterhub-singleuser` (the default URL set here opens JupyterLab)"
                if old_hub
                else "start `jupyterhub-singleuser` (it opens JupyterLab by default with jupyterhub 2+)"
            )
            yield Hit(f"{where} starts `jupyter-labhub`, which JupyterLab's docs discourage", *value.span, help=help)


def _opens_lab(cfg) -> bool:
    """Does the configuration already set a default URL that opens JupyterLab (``/lab``, ``/lab/tree/x``)?"""
    node = cfg.z2jh.get("singleuser.defaultUrl") if cfg.kind == "z2jh" else cfg.trait("default_url")
    return node is not None and isinstance(node.value, str) and node.value.startswith("/lab")


def _labhub(words) -> bool:
    """Does the command start with `jupyter-labhub` (or `jupyter labhub`)?"""
    first = posixpath.basename(words[0]) if words else ""
    return first == "jupyter-labhub" or (first == "jupyter" and list(words[1:2]) == ["labhub"])
