"""The command line: ``hublint [OPTIONS] [PATH]...`` — one command (no sub-commands), exit status 0/1/2.

Imports: anything of hublint (it is the outermost layer: it starts the language server for ``--server``);
nothing but ``__main__`` and the console script imports it.

- :mod:`.options`: every option, declared once (names, kind, metavar, help);
- :mod:`.command`: the fast command-line reader and :func:`run` (what a command line does);
- :mod:`.typer_app`: the typer application built from the same table, for ``--help`` and the command lines
  the fast reader refuses;
- :mod:`.cache`: the run cache; :mod:`.show`: ``--show-roles``/``--show-deployment``/``--show-image``;
  :mod:`.writes`: atomic writes of fixed files and reports.

Usage errors, unreadable paths and bad configuration print one line on stderr
(``hublint: error: …``) and exit 2; the other paths are still linted and reported.

Start-up time matters (editors and pre-commit run hublint constantly), and importing typer
costs more than hadolint's whole run.  So :func:`main` first reads the command line with the small
parser driven by :data:`OPTIONS`; only ``--help`` and command lines it does not accept go to the
typer application.  :mod:`.command` imports neither this module nor :mod:`.typer_app`: no import circle.
"""

from __future__ import annotations

import sys

from .command import _Usage, fast_parse, run
from .options import NOT_CACHED, OPTIONS

__all__ = ["main", "console", "run", "fast_parse", "OPTIONS"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    values = None if any(a in ("--help", "-h") for a in argv) else fast_parse(argv)
    try:
        if values is None:
            from .typer_app import typer_main

            return typer_main(argv)
        where = _cache_key(values)
        if where is None:
            return run(values)
        return _cached_run(values, where)
    except _Usage as exc:
        sys.stderr.write(f"hublint: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug in hublint: one line, never a traceback
        sys.stderr.write(
            f"hublint: internal error: {type(exc).__name__}: {exc} (please report this with the file that caused it)\n"
        )
        return 2


def console() -> None:
    """The ``hublint`` command (and ``python -m hublint``): :func:`main`, then the exit.

    When nothing is left to run at exit (no ``atexit`` callback, no other thread), the process ends with
    ``os._exit`` once its output is flushed: the interpreter's teardown (freeing every module and object) costs
    a one-file run a fifth of its time and does nothing a finished run needs — files are written and closed
    inside :func:`main`.  Otherwise (a coverage tool, a logging set-up, the language server's threads) the
    interpreter exits as usual.  A flush that fails (the reader of a pipe went away) ends with status 1, as a
    write that fails inside :func:`main` does, without Python's "Exception ignored" message.
    """
    status = main()
    failed = False
    for stream in (sys.stdout, sys.stderr):  # both, so a failed stdout loses nothing written to stderr
        try:
            if stream is not None and not getattr(stream, "closed", False):
                stream.flush()
        except OSError:
            failed = True
    if failed:
        _leave(status or 1)
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is not None and count() == 0 and ("threading" not in sys.modules or _one_thread()):
        _leave(status)
    raise SystemExit(status)


def _one_thread() -> bool:
    import threading

    return threading.active_count() == 1


def _leave(status: int) -> None:
    import os

    os._exit(status)


def _cache_key(values: dict):
    """The run cache's (folder, key) for this command line, or None (see :mod:`hublint.cache`): only for
    output that goes to a file or pipe (pre-commit, editors, CI), never to a terminal."""
    if sys.stdout is None or sys.stdout.isatty() or not hasattr(sys.stdout, "buffer"):
        return None
    from . import cache

    paths = list(values.get("paths") or ["Dockerfile"])
    return cache.key(values, paths, NOT_CACHED)


class _Capture:
    """A text stream that keeps what is written (the run's output, stored when the run ends)."""

    def __init__(self, real) -> None:
        self.real = real
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name):
        return getattr(self.real, name)

    def data(self) -> bytes:
        return "".join(self.parts).encode(
            getattr(self.real, "encoding", None) or "utf-8", getattr(self.real, "errors", None) or "strict"
        )


def _cached_run(values: dict, where) -> int:
    from . import cache

    hit = cache.lookup(where)
    if hit is not None:
        status, out_bytes, err_bytes = hit
        sys.stdout.flush()
        sys.stdout.buffer.write(out_bytes)
        sys.stdout.flush()
        if err_bytes:
            sys.stderr.flush()
            if hasattr(sys.stderr, "buffer"):
                sys.stderr.buffer.write(err_bytes)
            else:
                sys.stderr.write(err_bytes.decode("utf-8", "replace"))
            sys.stderr.flush()
        return status
    real_out, real_err = sys.stdout, sys.stderr
    out, err = _Capture(real_out), _Capture(real_err)
    sys.stdout, sys.stderr = out, err
    try:
        status = run(values)
    finally:
        sys.stdout, sys.stderr = real_out, real_err
        real_out.write("".join(out.parts))
        real_out.flush()
        real_err.write("".join(err.parts))
        real_err.flush()
    cache.store(where, status, out.data(), err.data())
    return status
