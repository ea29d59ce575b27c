"""Which build-context file ended up at a path in the image: follow COPY/ADD (and RUN bind mounts).

Files are only read, never executed, imported or evaluated; reads are capped in size
(:data:`MAX_FILE_BYTES`).  Only what Docker would send is read: a path that leaves the context (``..``), a
symbolic link that points outside it, and a file the context's ``.dockerignore`` leaves out are not read
(the install they feed is *unknown*).  The workspace hands each analysis its reader (the run's one read of each
file); :func:`read_context_file`, straight from disk, serves an image analysed on its own.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence

from ..dockerfile.expand import expand, is_known
from ..dockerfile.model import Step
from ..dockerfile.syntax import parse_words

__all__ = [
    "workdirs",
    "locate_in_context",
    "read_context_file",
    "copied_from_context",
    "folder_entries",
    "MAX_FILE_BYTES",
    "Reader",
]

MAX_FILE_BYTES = 2_000_000


# folders every Linux base image has (the FHS): a COPY of one file to one of them without a trailing slash puts
# the file inside it, as Docker does with a destination that exists as a folder
SYSTEM_DIRS = frozenset(
    {"/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/usr/sbin", "/bin", "/sbin", "/etc", "/tmp", "/opt", "/root"}
)
MAX_PATH = 4096  # Linux's PATH_MAX: a longer WORKDIR cannot be created, and is unknown


def workdirs(steps: Sequence[Step], esc: str, start: str = "/", final: bool = False) -> list[str]:
    """The WORKDIR in force at each step (``start``, the base image's, until one is set); with ``final``, one more
    entry: the WORKDIR the container starts in.  A path over :data:`MAX_PATH` characters is unknown, and so is a
    relative one from an unknown folder (``WORKDIR a`` 40,000 times stays linear)."""
    out = []
    cwd = start
    for step in steps:
        out.append(cwd)
        ins = step.instruction
        if ins.keyword == "WORKDIR" and ins.args:
            path = expand(ins.args, step.env, esc)
            if not is_known(path) or len(path) > MAX_PATH or (not path.startswith("/") and not is_known(cwd)):
                cwd = "\uffff"
            else:
                cwd = posixpath.normpath(posixpath.join(cwd, path))
                if len(cwd) > MAX_PATH:
                    cwd = "\uffff"
    if final:
        out.append(cwd)
    return out


def _copy_sources(step: Step, esc: str) -> tuple[list[str], str] | None:
    ins = step.instruction
    if ins.json:
        words = list(ins.value)
    else:
        words = [expand(w, step.env, esc) for w, _, _ in parse_words(ins.args, esc)]
    if len(words) < 2 or not all(is_known(w) for w in words):
        return None
    return words[:-1], words[-1]


def locate_in_context(
    path: str, steps: Sequence[Step], upto: int, cwds: Sequence[str], esc: str, context_dir: str | None
) -> str | None:
    """The context file that COPY/ADD put at image ``path`` before ``steps[upto]``, if any."""
    if context_dir is None or not is_known(path):
        return None
    if not path.startswith("/"):
        if upto < len(cwds) and not is_known(cwds[upto]):
            return None
        path = posixpath.normpath(posixpath.join(cwds[upto] if upto < len(cwds) else "/", path))
    # a bind mount on the RUN itself
    run = steps[upto].instruction if upto < len(steps) else None
    if run is not None:
        for flag in run.flags:
            if flag.startswith("--mount=") and "type=bind" in flag:
                opts = dict(p.partition("=")[::2] for p in flag[8:].split(","))
                if "from" in opts:
                    continue
                target = opts.get("target") or opts.get("dst") or opts.get("destination")
                source = opts.get("source") or opts.get("src") or "."
                if target:
                    target = posixpath.normpath(posixpath.join(cwds[upto], target))
                    found = _under(path, target, source, context_dir)
                    if found:
                        return found
    for ins, written, dest, dest_abs in _context_copies(steps, upto, cwds, esc):
        if ins.heredocs:
            continue
        sources = [m for src in written for m in _matches(context_dir, src)]
        is_dir = dest.endswith("/") or len(sources) > 1 or dest_abs in SYSTEM_DIRS
        for src in sources:
            if "://" in src:
                continue
            if is_dir:
                candidate = posixpath.join(dest_abs, posixpath.basename(src.rstrip("/")))
                if candidate == path:
                    return _safe_join(context_dir, src)
                found = _under(path, dest_abs, src, context_dir)
            else:
                if dest_abs == path:
                    full = _safe_join(context_dir, src)
                    if full and os.path.isdir(full):
                        continue
                    return full
                found = _under(path, dest_abs, src, context_dir)
            if found:
                return found
    return None


_WILD = "*?["
_MAX_MATCHES = 1000


def _matches(context_dir: str, src: str) -> list[str]:
    """A COPY/ADD source: itself; with wildcards, every path of the build context it matches (BuildKit's
    ``filepath.Match``: ``*`` and ``?`` stay within one path element), sorted."""
    import fnmatch

    if not any(c in src for c in _WILD) or "://" in src:
        return [src]
    found = [""]
    for part in [p for p in src.strip("/").split("/") if p and p != "."]:
        step = []
        for rel in found:
            if not any(c in part for c in _WILD):
                step.append(posixpath.join(rel, part))
                continue
            folder = _safe_join(context_dir, rel) if rel else context_dir
            try:
                names = sorted(os.listdir(folder)) if folder and os.path.isdir(folder) else []
            except OSError:
                names = []
            step += [posixpath.join(rel, n) for n in names if fnmatch.fnmatchcase(n, part)]
        found = step[:_MAX_MATCHES]
    out = []
    for f in found:
        full = _safe_join(context_dir, f) if f else None
        if full is not None and os.path.exists(full):
            out.append(f)
    return out


_MAX_ENTRIES = 64  # a folder copy of more entries is not listed: what it holds stays unknown


def folder_entries(
    context_dir: str | None, src: str, dockerfile: str | None = None, allowed: Callable[[str], bool] | None = None
) -> list[str] | None:
    """What a COPY/ADD of a build-context folder (``.``, ``app/``) puts in place: the names of its entries that
    the context's ``.dockerignore`` keeps (the ignore file itself and the Dockerfile left out: no one reads them
    in the image), sorted; None when ``src`` is no folder of the context, when ``allowed(folder)`` says the folder
    may not be read (outside the repository), when it holds too many entries, or when the ignore file re-includes
    paths (``!x``: an entry left out may still bring what it holds)."""
    import itertools

    if context_dir is None or "://" in src or any(c in src for c in _WILD):
        return None
    from .dockerignore import ignored, read_ignore

    folder = _safe_join(context_dir, src)
    if folder is None or not os.path.isdir(folder) or (allowed is not None and not allowed(folder)):
        return None
    rules = read_ignore(context_dir, dockerfile)
    if rules is not None and rules.negates:
        return None
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in itertools.islice(entries, _MAX_ENTRIES + 1))
    except OSError:
        return None
    if len(names) > _MAX_ENTRIES:
        return None
    skip = {".dockerignore", os.path.basename(dockerfile or "Dockerfile")}
    return [n for n in names if n not in skip and not ignored(context_dir, os.path.join(folder, n), dockerfile)]


def copied_from_context(path: str, steps: Sequence[Step], upto: int, cwds: Sequence[str], esc: str) -> bool:
    """Did a COPY/ADD from the build context (not ``--from``) put something at image ``path`` before
    ``steps[upto]`` — the file itself, or a folder holding it — whether or not hublint can read it?"""
    if not is_known(path):
        return False
    if not path.startswith("/"):
        if upto >= len(cwds) or not is_known(cwds[upto]):
            return False
        path = posixpath.normpath(posixpath.join(cwds[upto], path))
    import fnmatch

    name = posixpath.basename(path)
    for _ins, sources, _dest, dest_abs in _context_copies(steps, upto, cwds, esc):
        if dest_abs == path or path.startswith(dest_abs.rstrip("/") + "/"):
            return True
        if any(fnmatch.fnmatchcase(name, posixpath.basename(s.rstrip("/"))) for s in sources):
            return True
    return False


def copied_as(name: str, steps: Sequence[Step], cwds: Sequence[str], esc: str) -> list[str]:
    """The image paths each COPY/ADD from the build context writes a file named ``name`` to (``COPY hub.py
    /srv/jupyterhub_config.py``), the last one first."""
    return [d for _i, _s, dest, d in _context_copies(steps, len(steps), cwds, esc) if posixpath.basename(dest) == name]


def _context_copies(steps: Sequence[Step], upto: int, cwds: Sequence[str], esc: str):
    """(instruction, sources, destination, absolute destination) of each COPY/ADD from the build context
    before ``steps[upto]``, the last one first."""
    for i in range(min(upto, len(steps)) - 1, -1, -1):
        ins = steps[i].instruction
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from"):
            continue
        parsed = _copy_sources(steps[i], esc)
        if parsed is None:
            continue
        sources, dest = parsed
        yield ins, sources, dest, posixpath.normpath(posixpath.join(cwds[i], dest))


def _under(path: str, dest: str, src: str, context_dir: str) -> str | None:
    """``COPY dir/ dest``: image ``path`` inside ``dest`` comes from ``src/<rest>``."""
    prefix = dest.rstrip("/") + "/"
    if not path.startswith(prefix):
        return None
    base = _safe_join(context_dir, src)
    if base is None or not os.path.isdir(base):
        return None
    return _safe_join(base, path[len(prefix) :], context_dir)


def _safe_join(root: str, rel: str, context: str | None = None) -> str | None:
    """``rel`` inside ``root`` (``context``: the build context, when ``root`` is a folder of it) — or None
    when it leaves the context: by ``..``, by a symbolic link that resolves outside, or because the
    context's ``.dockerignore`` leaves it out."""
    from .dockerignore import ignored

    context = context or root
    full = os.path.normpath(os.path.join(root, rel.lstrip("/")))
    root_n = os.path.normpath(context)
    if full != root_n and not full.startswith(root_n + os.sep):
        return None
    real, real_root = os.path.realpath(full), os.path.realpath(root_n)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None  # a link out of the context: Docker sends the link, not what it points to
    if full != root_n and ignored(root_n, full):
        return None
    return full


Reader = Callable[[str | None], str | None]  # a context file's path -> its text (None: cannot be read)


def read_context_file(path: str | None) -> str | None:
    """Text of a context file, or None when it cannot be read (missing, too big, a folder).  The workspace reads
    them through its own reader instead (each file once per run, :meth:`hublint.workspace.sources.Sources.
    context_text`); this one serves an image analysed on its own."""
    if path is None:
        return None
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return None
