"""The command line: ``hublint [OPTIONS] [PATH]...`` — one command (no sub-commands), exit status 0/1/2.

May import anything of hublint (it is the outermost layer); nothing but the public API and
``__main__`` imports it.

- :mod:`.command`: the options, the fast command-line reader and :func:`run` (what a command line does);
- :mod:`.typer_app`: the typer application, for ``--help`` and command lines the fast reader refuses;
- :mod:`.runner`: files and folders -> findings (discovery, reading, per-folder configuration, fixes).

Usage errors, unreadable paths and bad configuration print one line on stderr
(``hublint: error: …``) and exit 2; the other paths are still linted and reported.

Start-up time matters (editors and pre-commit run hublint constantly), and importing typer
costs more than hadolint's whole run.  So :func:`main` first reads the command line with the small
parser driven by :data:`OPTIONS`; only ``--help`` and command lines it does not accept go to the
typer application.  :mod:`.command` imports neither this module nor :mod:`.typer_app`: no import circle.
"""

from __future__ import annotations

import sys

from .command import OPTIONS, _Usage, fast_parse, run

__all__ = ["main", "run", "fast_parse", "OPTIONS"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    values = None if any(a in ("--help", "-h") for a in argv) else fast_parse(argv)
    try:
        if values is None:
            from .typer_app import typer_main

            return typer_main(argv)
        return run(**values)
    except _Usage as exc:
        sys.stderr.write(f"hublint: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in hublint: one line, never a traceback
        sys.stderr.write(f"hublint: internal error: {type(exc).__name__}: {exc} "
                         "(please report this with the file that caused it)\n")
        return 2
