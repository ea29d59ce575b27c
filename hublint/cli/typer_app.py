"""The typer application behind ``hublint``: ``--help``, and command lines the fast parser leaves to typer.

It declares exactly the options of :data:`hublint.cli.OPTIONS` (``tests/test_cli.py`` checks it)
and runs :func:`hublint.cli.run`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .command import _Usage, run

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def lint(
    paths: Annotated[
        list[str] | None, typer.Argument(metavar="PATH", help="Dockerfiles or folders; - for standard input.")
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="full|concise|json|sarif|github")
    ] = None,
    hub_version: Annotated[
        str | None, typer.Option("--hub-version", metavar="VERSION", help="JupyterHub version of the Hub.")
    ] = None,
    spawner_cmd: Annotated[bool, typer.Option("--spawner-cmd", help="The deployment sets c.Spawner.cmd.")] = False,
    build_arg: Annotated[
        list[str] | None, typer.Option("--build-arg", metavar="NAME=VALUE", help="NAME=VALUE, as docker build.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", metavar="STAGE", help="The stage to build (docker build --target).")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", metavar="DIR", help="Build context (default: the Dockerfile's folder).")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", metavar="CODES", help="Codes, names or prefixes to check.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", metavar="CODES", help="Codes, names or prefixes to skip.")
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", metavar="LEVEL", help="error|warning|info|never (default warning).")
    ] = None,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help="Configuration file to use.")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Read no configuration file.")] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option("--stdin-filename", metavar="NAME", help="Path to report for -, and its build context."),
    ] = None,
    no_inline_ignores: Annotated[
        bool, typer.Option("--no-inline-ignores", help="Disregard # hublint pragmas.")
    ] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule.")] = False,
    explain: Annotated[
        str | None, typer.Option("--explain", metavar="CODE", help="Print a rule's page (code or name).")
    ] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply unsafe fixes.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print fixes as a unified diff; write nothing.")] = False,
    hub_config: Annotated[
        list[str] | None, typer.Option("--hub-config", metavar="FILE", help="jupyterhub_config.py or z2jh values.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", metavar="ROLE", help="singleuser|hub|other|auto: the role of files named here and of stdin."
        ),
    ] = None,
    show_roles: Annotated[
        bool, typer.Option("--show-roles", help="List every file with its role and why; lint nothing.")
    ] = False,
    show_deployment: Annotated[
        bool, typer.Option("--show-deployment", help="Print the deployment: Hub, spawn images, builds.")
    ] = False,
    show_image: Annotated[
        str | None, typer.Option("--show-image", metavar="REF", help="Print what hublint knows about an image.")
    ] = None,
    server: Annotated[
        bool, typer.Option("--server", help="Run the language server on stdin/stdout (needs hublint[server]).")
    ] = False,
    tcp: Annotated[
        str | None, typer.Option("--tcp", metavar="HOST:PORT", help="Run the language server on a TCP port instead.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the run cache (.hublint_cache/).")
    ] = False,
    output_file: Annotated[
        str | None,
        typer.Option(
            "--output-file",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (atomically); the terminal gets a summary.",
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--output-format",
            metavar="FORMAT",
            help="The report's format in --output-file; then --format goes to the terminal.",
        ),
    ] = None,
) -> int:
    """Lint the Dockerfiles of JupyterHub single-user images."""
    return run(**dict(locals()))


def typer_main(argv: list[str]) -> int:
    try:
        result = app(args=argv, prog_name="hublint", standalone_mode=False)
    except _Usage:
        raise
    except typer.TyperException as exc:  # usage errors of the command line parser
        sys.stderr.write(f"hublint: error: {exc.format_message()}\n")
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 130
    return result if isinstance(result, int) else 0
