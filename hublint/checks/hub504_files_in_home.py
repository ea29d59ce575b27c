"""HUB504 files-in-home: COPY/ADD into the user's home, which a persistent home volume hides."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection, Iterator

from ..dockerfile.expand import expand, is_known
from ..dockerfile.syntax import parse_words
from ..image.contextfiles import workdirs
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._home import homes as home_folders
from ._home import mounted

RULE = Rule("HUB504", "files-in-home", "info", "Files copied into the home folder, which a home volume hides")


# commands that touch a copied file without reading it at build time (permissions, listings)
_NOT_READING = {"chmod", "chown", "chgrp", "fix-permissions", "ls", "echo", "mkdir", "touch", "true", "cd", "rm"}


# configuration a tool reads from the home without being told (its name there -> the programs that read it)
_READ_FROM_HOME = {
    ".condarc": {"conda", "mamba", "micromamba"},
    ".mambarc": {"mamba", "micromamba"},
    ".npmrc": {"npm", "npx"},
    ".yarnrc": {"yarn"},
    ".pip": {"pip", "pip3"},
    ".config/pip": {"pip", "pip3"},
    ".Rprofile": {"R", "Rscript"},
    ".julia": {"julia"},
    ".gitconfig": {"git"},
}


def _implicit_readers(full: str, home: str, sources: list[str]) -> set[str]:
    """The programs that read what was copied to ``full`` from the home by themselves (``~/.condarc``: conda and
    mamba), also when a folder of them is copied (``COPY .condarc .mambarc /home/jovyan/``)."""
    rel = posixpath.relpath(full, home)
    candidates = {rel} if rel != "." else set()
    candidates |= {posixpath.join(rel, posixpath.basename(src.rstrip("/"))) for src in sources}
    found: set[str] = set()
    for path in candidates:
        path = posixpath.normpath(path)
        for config, readers in _READ_FROM_HOME.items():
            if path == config or path.startswith(config + "/"):
                found |= readers
    return found


def _used_later(later, dest: str, full: str, sources: list[str], readers: Collection[str] = ()) -> bool:
    """Does a later RUN read what was copied (its path, or a copied file's name, or — for a tool's configuration
    in the home — run a program in ``readers``), or remove it (``rm``)?  Changing its permissions or listing it
    does not count."""
    from ..image.installs import run_commands

    names = {dest.rstrip("/"), full} | {posixpath.basename(src.rstrip("/")) for src in sources}
    names.discard("")
    names.discard(".")
    for step in later:
        ins = step.instruction
        if ins.keyword != "RUN":
            continue
        for cmd in run_commands(ins, step.env):
            argv = [w for w in cmd.argv if w not in ("sudo", "-E")]
            if argv and posixpath.basename(argv[0]) == "rm":  # removed whole: it does not stay in the home either
                if any(w.rstrip("/") in (dest.rstrip("/"), full) for w in argv[1:] if not w.startswith("-")):
                    return True
                continue  # (a file inside a copied folder removed: the rest stays)
            if not argv or posixpath.basename(argv[0]) in _NOT_READING:
                continue
            if posixpath.basename(argv[0]) in readers:
                return True
            if any(_mentions(word, name) for word in argv[1:] for name in names):
                return True
        if any(name in doc.content for doc in ins.heredocs for name in names):
            return True
    return False


def _only_build_inputs(inp: ImageInput, ins, later, dest: str, full: str, sources: list[str]) -> bool:
    """A COPY of one build-context folder (``COPY . .``) whose entries, after ``.dockerignore``, are all read by a
    later RUN: only build inputs land in the home."""
    from ..image.contextfiles import folder_entries

    if len(sources) != 1 or ins.flag("from"):
        return False
    image = inp.image
    entries = folder_entries(image.context_dir, sources[0], os.path.abspath(image.path), image.may_list)
    if not entries:
        return False  # an empty folder in the repository (a submodule not checked out): what it copies is unknown
    return all(_used_later(later, posixpath.join(dest, e), posixpath.join(full, e), [e]) for e in entries)


def _mentions(word: str, name: str) -> bool:
    """Does ``word`` name ``name`` as a path (``requirements.txt``, ``/tmp/env.yml``, ``-r=x/requirements.txt``),
    not as part of another name (`work` in `network`)?"""
    at = word.find(name)
    while at >= 0:
        before = word[at - 1] if at else ""
        after = word[at + len(name)] if at + len(name) < len(word) else ""
        if before in ("", "/", "=", "'", '"', ":", "@") and after in ("", "/", "'", '"', ",", ";", ")"):
            return True
        at = word.find(name, at + 1)
    return False


def check(inp: ImageInput) -> Iterator[Hit]:
    esc = inp.image.dockerfile.escape
    steps = inp.image.chain_steps
    if not steps:
        return
    facts = inp.facts
    if facts is not None and facts.binder:
        return  # BinderHub mounts no home volume: files in $HOME are meant to be seen
    mounts = facts.home_mounts if facts is not None else None
    if mounts == ():
        return  # the deployment mounts nothing on the home
    if mounts is None and facts is not None and facts.settings_elsewhere:
        return  # its configuration sets its volumes in code hublint does not read: not known, not assumed
    homes = home_folders(inp)
    base_workdir = (
        inp.image.base_info.workdir if inp.image.base_info is not None and inp.image.base_info.workdir else "/"
    )
    cwds = workdirs(steps, esc, base_workdir)
    for i, step in enumerate(steps):
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD"):
            continue
        here = cwds[i]
        if ins.json:
            words = list(ins.value)
        else:
            words = [expand(w, step.env, esc) for w, _, _ in parse_words(ins.args, esc)]
        if len(words) < 2 or not is_known(words[-1]) or not is_known(here):
            continue
        dest = words[-1]
        if dest.startswith("~"):
            dest = "/home/jovyan" + dest[1:]
        full = posixpath.normpath(posixpath.join(here, dest))
        home = next((h for h in homes if full == h or full.startswith(h + "/")), None)
        if home is None:
            continue
        if mounts is not None:
            mount = mounted(full, mounts)
            if mount is None:
                continue  # the deployment's volumes leave this path alone
        if _used_later(steps[i + 1 :], dest, full, words[:-1], _implicit_readers(full, home, words[:-1])):
            continue  # a build input (requirements, environment.yml…): that it is hidden later does no harm
        if _only_build_inputs(inp, ins, steps[i + 1 :], dest, full, words[:-1]):
            continue  # a folder copy whose every entry a later RUN reads (`COPY . .` of a requirements file)
        shown = f"`{dest}`" + (f" (WORKDIR `{here}`)" if not dest.startswith("/") else "")
        if mounts is not None:
            where = f" ({facts.home_mounts_where})" if facts is not None and facts.home_mounts_where else ""
            message = f"`{ins.keyword}` puts files into {shown}, where the deployment mounts a volume"
            help = f"the volume on `{mount}`{where} hides them: "
            if facts is not None and mount in (facts.seeded_mounts or ()):  # Docker fills a new named volume once
                help = f"the named volume on `{mount}`{where} gets them once, at a user's first start, "
                help += "and never a later image's: "
        else:
            message = f"`{ins.keyword}` puts files into {shown}, in the home a user volume usually hides"
            help = ""
        yield Hit(
            message,
            *inp.image.keyword_span(ins),
            help=help + "put configuration in `/etc/jupyter`, shared files in `/opt/` or `/srv/`",
        )
