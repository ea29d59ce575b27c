"""The run cache: a command line's output, replayed when nothing it depends on has changed.

A run's result depends on the files it reads — the linted files, the deployment around them (compose,
values, charts, every Dockerfile's role), the build contexts (COPY'd requirements, scripts, configs) and
the configuration — on the options and on hublint itself.  The key is a BLAKE2 hash of all of them: the
command line, the working folder, the environment variables that change the output, hublint's version and
the size and modification time of every file of hublint's package, and the size and modification time of
every file under each repository the run touches (the folder holding ``.git`` above a path; else the
path's own folder).  A hit replays standard output, standard error and the exit status; a miss runs and
stores them.  What is outside those folders (a compose ``env_file: ../x.env``) is not watched.

Stored in the user's cache folder, never in the linted tree: ``$HUBLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/hublint``, else ``~/.cache/hublint`` (created with mode 0700, with a ``CACHEDIR.TAG``), one
subfolder per repository named by a hash of its real path, one file per key.  So a repository cannot plant,
poison or redirect the cache (a committed ``.hublint_cache`` link is just a file to hublint), and the cache never
lands in a Docker build context.  Nothing is followed through a symbolic link: the folders must be real folders
owned by the user, entries are opened with ``O_NOFOLLOW``, written atomically (a temporary file renamed over
the entry) so concurrent runs never see half an entry, and pruned only when they are hublint's own (their
name is a key and their content starts with hublint's header).  A corrupt or unreadable entry is a miss; an
unusable folder means no cache, never an error.  At most :data:`MAX_ENTRIES` entries per repository (the
oldest go).  ``--no-cache`` or ``HUBLINT_NO_CACHE=1`` turn it off; runs that write (``--fix``), read standard
input, or serve (``--server``) never use it.

Start-up matters here more than anywhere: this module imports only ``os`` and ``sys`` (and the builtin
BLAKE2), and the entry format is read with plain byte operations — no ``json``, no ``re``.
"""

from __future__ import annotations

import os
import sys

from ..workspace.root import find_root

__all__ = ["lookup", "store", "MAX_ENTRIES", "CACHE_DIR", "cache_root"]

CACHE_DIR = ".hublint_cache"  # the folder earlier versions kept in the repository: still never fingerprinted
MAX_ENTRIES = 256
MAX_FILES = 20_000  # a bigger tree is not fingerprinted: the walk would cost more than it saves
_MAGIC = b"HUBLINT-CACHE-1\n"
_SKIP_DIRS = {
    ".git",
    CACHE_DIR,
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hg",
    ".svn",
}
_ENV = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES", "CLICOLOR_FORCE")


def _walk(top: str, out: list, budget: list) -> bool:
    """Append (path, size, mtime_ns) of every file under ``top``; False when over the budget."""
    stack = [top]
    append = out.append
    while stack:
        folder = stack.pop()
        try:
            it = os.scandir(folder)
        except OSError:
            continue
        with it:
            for entry in it:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in _SKIP_DIRS:
                            stack.append(entry.path)
                        continue
                    st = entry.stat(follow_symlinks=False)
                    if entry.is_symlink():  # what it points to decides the result too
                        target = entry.stat()
                        append((entry.path + " ->", target.st_size, target.st_mtime_ns))
                except OSError:
                    continue
                append((entry.path, st.st_size, st.st_mtime_ns))
        budget[0] -= 1
        if len(out) > budget[1]:
            return False
    return True


def _package_state() -> list:
    """hublint's own files (a changed source, data file or rule page is another hublint).  An installed
    package changes only by being installed again, which replaces its files and so changes its folders'
    times: its folders are enough.  A source checkout is edited in place: every file counts."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the hublint package
    out: list = []
    if os.path.basename(os.path.dirname(here)) in ("site-packages", "dist-packages"):
        try:
            names = ["", *sorted(e.name for e in os.scandir(here) if e.is_dir() and e.name != "__pycache__")]
        except OSError:
            names = [""]
        for name in names:
            try:
                st = os.stat(os.path.join(here, name))
            except OSError:
                continue
            out.append((name, st.st_mtime_ns, st.st_ino))
        return out
    _walk(here, out, [0, 5000])
    catalog = os.path.join(os.path.dirname(here), "rules")  # a source checkout keeps the pages beside
    if os.path.isdir(catalog):
        _walk(catalog, out, [0, 5000])
    return out


def key(values: dict, paths: list[str], not_cached: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(cache folder, key) for a command line, or None when it is not cached (``not_cached``: the options that
    keep a run out of the cache, :data:`hublint.cli.options.NOT_CACHED`)."""
    if os.environ.get("HUBLINT_NO_CACHE", "") not in ("", "0") or any(values.get(k) for k in not_cached):
        return None
    if not paths or "-" in paths:
        return None
    roots: list[str] = []
    for p in paths:
        r = find_root(p)
        if r not in roots:
            roots.append(r)
    extra = [values.get("config"), values.get("context"), *(values.get("hub_config") or [])]
    state: list = []
    budget = [0, MAX_FILES]
    for top in roots + [e for e in extra if e and os.path.isdir(e)]:
        if not _walk(top, state, budget):
            return None
    for p in paths:  # the configuration files that may apply (find_config's search, up to a .git)
        state.extend(_config_state(p))
    for e in extra:
        if e and os.path.isfile(e):
            try:
                st = os.stat(e)
            except OSError:
                continue
            state.append((os.path.abspath(e), st.st_size, st.st_mtime_ns))
    state.sort()
    from _blake2 import blake2b

    from .._version import __version__

    h = blake2b(digest_size=20)
    parts = [
        __version__,
        sys.version,
        os.getcwd(),
        repr(sorted(values.items())),
        repr(paths),
        repr([(n, os.environ.get(n)) for n in _ENV]),
        repr(sorted((k, v) for k, v in os.environ.items() if k.startswith("HUBLINT_"))),
        repr(sys.stdout.isatty() if sys.stdout is not None else False),
    ]
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\1")
    package = _package_state()
    package.sort()
    h.update(repr(package).encode("utf-8", "surrogateescape"))
    h.update(b"\2")
    h.update(repr(state).encode("utf-8", "surrogateescape"))
    return _folder_for(roots[0]), h.hexdigest()


def _config_state(path: str) -> list:
    """(path, size, mtime) of every place a configuration file for ``path`` may be, up to the nearest ``.git``
    (or the filesystem's root): one created or changed there is another run."""
    out: list = []
    folder = os.path.abspath(path)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        for name in (".hublint.toml", "pyproject.toml"):
            candidate = os.path.join(folder, name)
            try:
                st = os.stat(candidate)
                out.append((candidate, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((candidate, -1, -1))
        if os.path.exists(os.path.join(folder, ".git")):
            return out
        parent = os.path.dirname(folder)
        if parent == folder:
            return out
        folder = parent


def cache_root() -> str:
    """The user's cache folder for hublint (not created here)."""
    explicit = os.environ.get("HUBLINT_CACHE_DIR")
    if explicit:
        return os.path.abspath(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(os.path.abspath(base), "hublint")


def _folder_for(repository: str) -> str:
    from _blake2 import blake2b

    real = os.path.realpath(repository)
    return os.path.join(cache_root(), blake2b(real.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest())


def _real_folder(path: str) -> bool:
    """A folder that is not a symbolic link and belongs to this user."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid())


def _make_folder(path: str) -> bool:
    """Create ``path`` (and its parent, the cache root) as real folders of this user; False when it cannot be."""
    parent = os.path.dirname(path)
    for folder in (parent, path):
        if not os.path.lexists(folder):
            try:
                os.makedirs(folder, mode=0o700, exist_ok=True)
            except OSError:
                return False
            if folder == parent:
                _write(
                    os.path.join(parent, "CACHEDIR.TAG"),
                    b"Signature: 8a477f597d28d172789f06886806bc55\n"
                    b"# hublint's run cache: https://bford.info/cachedir/\n",
                )
        if not _real_folder(folder):
            return False
    return True


def lookup(where: tuple[str, str]) -> tuple[int, bytes, bytes] | None:
    """(exit status, stdout bytes, stderr bytes) of a stored run, or None."""
    folder, digest = where
    if not _real_folder(folder):
        return None
    data = _read(os.path.join(folder, digest))
    if data is None or not data.startswith(_MAGIC):
        return None
    try:
        head, rest = data[len(_MAGIC) :].split(b"\n", 1)
        status, n_out, n_err = (int(x) for x in head.split(b" "))
    except ValueError:
        return None
    if n_out < 0 or n_err < 0 or len(rest) != n_out + n_err or not 0 <= status <= 255:
        return None
    return status, rest[:n_out], rest[n_out:]


def store(where: tuple[str, str], status: int, out: bytes, err: bytes) -> None:
    """Save a run (best effort: any OS error means no cache)."""
    folder, digest = where
    try:
        if not _make_folder(folder):
            return
        _write(os.path.join(folder, digest), _MAGIC + b"%d %d %d\n" % (status, len(out), len(err)) + out + err)
        _prune(folder)
    except OSError:
        pass


def _read(path: str, limit: int = -1) -> bytes | None:
    """A file's bytes (``limit``: at most that many), never through a symbolic link; None when unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read(limit)
    except OSError:
        return None


def _write(path: str, data: bytes) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _prune(folder: str) -> None:
    """Keep the newest :data:`MAX_ENTRIES` entries: only files named like a key whose content starts with
    hublint's header are candidates (anything else in the folder is left alone)."""
    try:
        with os.scandir(folder) as it:
            entries = [e for e in it if len(e.name) == 40 and e.is_file(follow_symlinks=False) and _is_hex(e.name)]
        if len(entries) <= MAX_ENTRIES:
            return
        own = [e for e in entries if _read(e.path, len(_MAGIC)) == _MAGIC]
        own.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for e in own[: max(0, len(own) - MAX_ENTRIES)]:
            try:
                os.unlink(e.path)
            except OSError:
                pass
    except OSError:
        pass


def _is_hex(name: str) -> bool:
    return all(c in "0123456789abcdef" for c in name)
