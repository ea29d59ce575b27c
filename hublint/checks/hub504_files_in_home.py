"""HUB504 files-in-home: COPY/ADD into the user's home, which a persistent home volume hides."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..context import Context
from ..dockerfile.expand import expand, is_known
from ..dockerfile.syntax import parse_words
from ..hits import Hit
from ..image.contextfiles import workdirs


def _homes(ctx: Context) -> set[str]:
    homes = {"/home/jovyan"}
    final = ctx.final
    if final is not None:
        home = final.env.get("HOME")
        if home and is_known(home) and home.startswith("/home/"):
            homes.add(home.rstrip("/"))
    return homes


def _used_later(later, dest: str, full: str, sources: list[str]) -> bool:
    """Does a later RUN read what was copied (its path, or a copied file's name)?"""
    names = {dest.rstrip("/"), full} | {posixpath.basename(src.rstrip("/")) for src in sources}
    names.discard("")
    names.discard(".")
    for step in later:
        ins = step.instruction
        if ins.keyword != "RUN":
            continue
        text = " ".join(ins.value) if ins.json else ins.args
        text += "".join(doc.content for doc in ins.heredocs)
        if any(name in text for name in names):
            return True
    return False


def check(ctx: Context) -> Iterator[Hit]:
    esc = ctx.dockerfile.escape
    steps = ctx.chain_steps
    if not steps:
        return
    homes = _homes(ctx)
    base_workdir = ctx.base_info.workdir if ctx.base_info is not None and ctx.base_info.workdir else "/"
    cwds = workdirs(steps, esc, base_workdir)
    for i, step in enumerate(steps):
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from"):
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
        if _used_later(steps[i + 1:], dest, full, words[:-1]):
            continue  # a build input (requirements, environment.yml…): that it is hidden later does no harm
        shown = f"`{dest}`" + (f" (in WORKDIR `{here}`)" if not dest.startswith("/") else "")
        yield Hit(f"`{ins.keyword}` puts files into {shown}, inside the user's home: JupyterHub deployments mount a "
                  f"persistent volume on `{home}`, which hides them (z2jh: \"$HOME directory will be hidden\"); put "
                  "configuration in `/etc/jupyter` or `${CONDA_DIR}/etc/jupyter` and shared files elsewhere "
                  "(e.g. `/opt/` or `/srv/`)", *ctx.keyword_span(ins))
