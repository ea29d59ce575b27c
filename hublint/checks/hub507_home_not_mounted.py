"""HUB507 home-not-mounted: the server starts in a folder the deployment's home volume does not cover.

The folder the user works in is the server's root: the spawner's ``notebook_dir``/``working_dir`` when set, else
the image's final WORKDIR (its base's when it sets none: hublint's image knowledge).  The deployment's persistent
home volume is z2jh ``singleuser.storage.homeMountPath`` (``/home/jovyan`` by default, none with ``type: none``)
or a DockerSpawner volume under ``/home/``.  When the root folder neither lies in a mount nor holds one, what the
user saves is lost when the server restarts.  Not judged: a deployment that sets ``NB_USER`` (docker-stacks'
start.sh moves the home when started as root), an ENTRYPOINT script hublint cannot read (it may ``cd``), an image
that links folders (``ln``), mounts hublint cannot read."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..deployment.serverspec import ServerSpec, Setting
from ..dockerfile.expand import is_known
from ..image.contextfiles import workdirs
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import clip, clip_ref
from ._home import overlaps
from ._spawned import kept, known_spawn_images, own_spec, scope_only

RULE = Rule(
    "HUB507",
    "home-not-mounted",
    "warning",
    "The server starts outside the deployment's home volume",
    takes=(IMAGE, CONFIG),
)


def _volumes(server: ServerSpec) -> tuple[tuple[str, ...], tuple[str, ...], Setting] | None:
    """(the home volumes' paths, every mounted path, the home setting) when both are known and there is a home
    volume; None otherwise (nothing is persisted, or hublint cannot tell what is)."""
    home, mounts = server.home, server.mounts
    if home is None or mounts is None or not isinstance(home.value, tuple) or not isinstance(mounts.value, tuple):
        return None
    if not home.value or server.env_open or server.variable("NB_USER") is not None:
        return None
    if not all(isinstance(p, str) and p.startswith("/") for p in mounts.value):
        return None
    return home.value, mounts.value, home


def _message(folder: str, source: str, volume: str) -> str:
    return (
        f"the server starts in `{clip(folder, 30)}` ({source}), outside the home volume `{clip(volume, 30)}`: "
        "work saved there is lost"
    )


def _root_dir(server: ServerSpec) -> str | None:
    setting = server.root_dir
    if setting is None:
        return None
    value = setting.value
    return value if isinstance(value, str) and value.startswith("/") and "\uffff" not in value else ""


def _links(inp: ImageInput) -> bool:
    """Does a RUN link folders (``ln -s``)?  The root folder may then lead into the volume."""
    from ..image.installs import run_commands

    for step in inp.image.chain_steps:
        ins = step.instruction
        text = (" ".join(ins.value) if ins.json else ins.args) + "".join(doc.content for doc in ins.heredocs)
        if ins.keyword == "RUN" and "ln" in text:  # reading shell costs: only a RUN that may link
            for cmd in run_commands(ins, step.env):
                if cmd.argv and posixpath.basename(cmd.argv[0]) == "ln":
                    return True
    return False


_ROOT_SETTINGS = ("root_dir", "notebook_dir", "notebook-dir", "jupyter_server_config", "jupyter_notebook_config")


def _root_elsewhere(inp: ImageInput) -> bool:
    """May the server's root folder be set another way: a server configuration the image ships, a
    ``--notebook-dir`` in its command or the spawner's arguments?"""
    facts = inp.facts
    texts = [inp.text, repr(facts.args) if facts is not None else "", repr(facts.spawner_cmd) if facts else ""]
    return any(word in text for text in texts for word in _ROOT_SETTINGS)


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = inp.facts
    server = facts.server if facts is not None else None
    if server is None or facts is None or facts.binder:
        return
    found = _volumes(server)
    if found is None:
        return
    homes, mounts, home = found
    folder = _root_dir(server)
    anchor = inp.image.missing_anchor
    source = f"{server.root_dir.label}" if server.root_dir is not None else ""
    if folder == "":
        return
    if folder is None:
        launch = inp.image.launch
        if launch.entrypoint is not None:
            from ..image.cmdcheck import step_argvs
            from ..image.launchers import classify_argv

            if any(classify_argv(a) == "unknown" for a in step_argvs(launch.entrypoint)):
                return  # a script that may change folder
        info = inp.image.base_info
        start = info.workdir if info is not None and info.workdir else "/" if info is not None else None
        steps = inp.image.chain_steps
        cwds = workdirs(steps, inp.image.dockerfile.escape, start or "\uffff", final=True)
        folder = cwds[-1]
        last = next((s for s in reversed(steps) if s.instruction.keyword == "WORKDIR"), None)
        if last is not None:
            anchor, source = inp.image.keyword_span(last.instruction), "its WORKDIR"
        else:
            source = "the base's WORKDIR"
        if not is_known(folder) or _links(inp) or _root_elsewhere(inp):
            return
    if overlaps(folder, mounts):
        return
    yield Hit(
        _message(folder, source, homes[0]),
        *anchor,
        confidence=scope_only(inp),
        help=f"the volume: {home.where()}; start the server in it (WORKDIR `{clip(homes[0], 40)}`), "
        "or mount the volume where the server starts",
    )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    own = own_spec(inp).home
    if own is None or not kept(inp, own, "home") or own.span is None:
        return
    server = inp.facts.server if inp.facts is not None else None
    found = _volumes(server if server is not None else own_spec(inp))
    if found is None:
        return
    homes, mounts, _ = found
    applied = server if server is not None else own_spec(inp)
    for image, _ref, info in known_spawn_images(inp):
        folder = _root_dir(applied)
        if folder == "":
            return
        source = applied.root_dir.label if applied.root_dir is not None else "the image's WORKDIR"
        folder = folder or info.workdir
        if not folder or overlaps(folder, mounts):
            continue
        yield Hit(
            _message(folder, source, homes[0]),
            *own.span,
            help=f"spawn image `{clip_ref(image.ref)}`: mount the home volume on `{clip(folder, 40)}`",
        )
        return
