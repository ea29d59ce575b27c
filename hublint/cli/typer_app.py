"""The typer application behind ``hublint``: ``--help``, and the command lines the fast reader leaves to typer.

Its one command is built from :data:`hublint.cli.options.OPTIONS` (each option's names, kind, metavar and
help) and runs :func:`hublint.cli.command.run` with what typer read.
"""

from __future__ import annotations

import inspect
import sys
from typing import Annotated, Any

import typer

from .command import _Usage, run
from .options import OPTIONS, Option

_TYPES = {"flag": bool, "value": str | None, "multi": list[str] | None}


def _parameter(option: Option) -> inspect.Parameter:
    info = typer.Option(*option.names, metavar=option.metavar, help=option.help)
    return inspect.Parameter(
        option.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=False if option.kind == "flag" else None,
        annotation=Annotated[_TYPES[option.kind], info],
    )


def _command(**values: Any) -> int:
    """Lint the Dockerfiles of JupyterHub single-user images and the deployment around them."""
    return run(values)


_PATHS = inspect.Parameter(
    "paths",
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    default=None,
    annotation=Annotated[
        list[str] | None, typer.Argument(metavar="PATH", help="Dockerfiles or folders; - for standard input.")
    ],
)
_command.__signature__ = inspect.Signature([_PATHS, *(_parameter(o) for o in OPTIONS)])  # type: ignore[attr-defined]
_command.__annotations__ = {p.name: p.annotation for p in _command.__signature__.parameters.values()}  # type: ignore[attr-defined]

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
app.command(name="hublint", context_settings={"help_option_names": ["-h", "--help"]})(_command)


def typer_main(argv: list[str]) -> int:
    try:
        result = app(args=argv, prog_name="hublint", standalone_mode=False)
    except _Usage:
        raise
    except typer.TyperException as exc:  # usage errors of the command line parser
        sys.stderr.write(f"hublint: error: {_message(exc)}\n")
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 130
    return result if isinstance(result, int) else 0


def _message(exc: typer.TyperException) -> str:
    """The parser's error; an unknown option with the closest known one ("did you mean `--select`?")."""
    name = getattr(exc, "option_name", None)
    if not isinstance(name, str) or not name.startswith("-") or "No such option" not in exc.format_message():
        return exc.format_message()
    import difflib

    known = [n for o in OPTIONS for n in o.names if n.startswith("--")] + ["--help"]
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"no such option: {name}" + (f" (did you mean `{near[0]}`?)" if near else " (see hublint --help)")
