"""The ``hublint`` command: a single typer command (no sub-commands), exit status 0/1/2.

Usage errors, unreadable paths and bad configuration print one line on stderr
(``hublint: error: …``) and exit 2; the other paths are still linted and reported.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from ._version import __version__

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


class _Usage(Exception):
    pass


def _build_args(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    out = {}
    for item in values:
        name, eq, value = item.partition("=")
        if not eq or not name:
            raise _Usage(f"--build-arg {item!r}: expected NAME=VALUE")
        out[name] = value
    return out


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def lint(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Dockerfiles or folders; - for standard input.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="full|concise|json|sarif|github")] = None,
    hub_version: Annotated[Optional[str], typer.Option(help="JupyterHub version of the Hub deployment.")] = None,
    spawner_cmd: Annotated[Optional[bool], typer.Option("--spawner-cmd", help="The deployment sets c.Spawner.cmd.")] = None,
    build_arg: Annotated[Optional[list[str]], typer.Option("--build-arg", help="NAME=VALUE, as docker build.")] = None,
    target: Annotated[Optional[str], typer.Option(help="The stage to build, as docker build --target.")] = None,
    context: Annotated[Optional[str], typer.Option(help="Build context folder (default: the Dockerfile's).")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Codes, names or prefixes to check.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Codes, names or prefixes to skip.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(help="error|warning|info|never (default warning).")] = None,
    config: Annotated[Optional[str], typer.Option(help="Configuration file to use.")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Read no configuration file.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Path to report for -, and its build context.")] = None,
    no_inline_ignores: Annotated[bool, typer.Option("--no-inline-ignores", help="Disregard # hublint pragmas.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule.")] = False,
    explain: Annotated[Optional[str], typer.Option(help="Print a rule's page (code or name).")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply unsafe fixes.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print fixes as a unified diff; write nothing.")] = False,
    hub_config: Annotated[Optional[list[str]], typer.Option("--hub-config", help="jupyterhub_config.py or z2jh values.")] = None,
) -> int:
    """Lint Dockerfiles of JupyterHub single-user images."""
    out = sys.stdout
    if version:
        out.write(f"hublint {__version__}\n")
        return 0
    if list_rules:
        from .registry import RULES

        for r in RULES:
            out.write(f"{r.code}  {r.name:<32} {r.severity:<8} {r.summary}\n")
        return 0
    if explain:
        from .pages import page
        from .registry import resolve_selector

        rules = resolve_selector(explain)
        if not rules or len(rules) != 1:
            raise _Usage(f"--explain {explain!r}: not a rule code or name (see hublint --list-rules)")
        out.write(page(rules[0].code).body)
        return 0

    from .formatters import FORMATS

    fmt = format or ("full" if out.isatty() else "concise")
    if fmt not in FORMATS:
        raise _Usage(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in SEVERITY_RANK:
        raise _Usage(f"--fail-on {fail_on!r}: expected one of error, warning, info, never")
    cli_values = {
        "hub_version": hub_version,
        "spawner_cmd": spawner_cmd,
        "build_args": _build_args(build_arg),
        "target": target,
        "context": os.path.abspath(context) if context else None,
        "select": _split(select),
        "ignore": _split(ignore),
        "fail_on": fail_on,
        "inline_ignores": False if no_inline_ignores else None,
    }
    from .registry import resolve_selector

    for key in ("select", "ignore"):
        for item in cli_values[key] or ():
            if resolve_selector(item) is None:
                raise _Usage(f"--{key} {item!r}: not a rule code, name or code prefix (see hublint --list-rules)")
    if context and not os.path.isdir(context):
        raise _Usage(f"--context {context!r}: no such folder")
    if config and not os.path.isfile(config):
        raise _Usage(f"--config {config!r}: no such file")

    paths = list(paths or [])
    if not paths:
        paths = ["Dockerfile"]
    stdin_bytes = sys.stdin.buffer.read() if "-" in paths else None

    from .runner import lint_files

    report = lint_files(paths, cli_values, config_file=config, use_config=not no_config,
                        stdin_text=stdin_bytes, stdin_filename=stdin_filename)

    from .formatters import render

    render(fmt, report, out)
    if statistics:
        _statistics(report, out if fmt in ("full", "concise") else sys.stderr)
    for err in report.errors:
        sys.stderr.write(f"hublint: error: {err}\n")
    if report.errors:
        return 2
    for f in report.findings:
        options = report.options_by_path.get(f.path)
        threshold = SEVERITY_RANK[options.fail_on if options else "warning"]
        if SEVERITY_RANK[f.severity] >= threshold:
            return 1
    return 0


def _statistics(report, out) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    for (code, name), n in sorted(counts.items()):
        out.write(f"{n:>5}  {code}  {name}\n")


def main(argv: list[str] | None = None) -> int:
    try:
        result = app(args=argv, prog_name="hublint", standalone_mode=False)
    except _Usage as exc:
        sys.stderr.write(f"hublint: error: {exc}\n")
        return 2
    except typer.TyperException as exc:  # usage errors of the command line parser
        sys.stderr.write(f"hublint: error: {exc.format_message()}\n")
        return 2 if getattr(exc, "exit_code", 2) in (1, 2) else exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug in hublint: one line, never a traceback
        sys.stderr.write(f"hublint: internal error: {type(exc).__name__}: {exc} "
                         "(please report this with the file that caused it)\n")
        return 2
    return result if isinstance(result, int) else 0
