"""Every command-line option, declared once: its names, kind, metavar and help.

From this one table come the fast command-line reader (:func:`hublint.cli.command.fast_parse`), the typer
application (``--help`` and the command lines the fast reader leaves to it, :mod:`.typer_app`), the keywords
of :func:`hublint.cli.command.run` and the options that keep a run out of the run cache — so they cannot
drift apart (``tests/test_cli.py`` checks the help text against it).
"""

from __future__ import annotations

from ..records import NamedTuple

__all__ = ["Option", "OPTIONS", "BY_NAME", "NOT_CACHED", "defaults"]

# the output formats (hublint.formatters.FORMATS, spelled out here so that this table imports nothing)
_FORMATS = "full|concise|json|sarif|github|gitlab|checkstyle"
# the deployment as a picture (hublint.formatters.GRAPH_FORMATS): --show-deployment only
_GRAPH_FORMATS = "mermaid|dot"


class Option(NamedTuple):
    dest: str
    names: tuple[str, ...]
    kind: str  # "flag", "value" (the last one given wins) or "multi" (repeatable)
    metavar: str | None
    help: str
    cached: bool = True  # False: a command line with it is never replayed from the run cache


OPTIONS: tuple[Option, ...] = (
    Option(
        "format",
        ("--format", "-f"),
        "value",
        "FORMAT",
        f"{_FORMATS} (default: full on a terminal); with --show-deployment also {_GRAPH_FORMATS} (a picture).",
    ),
    Option("hub_version", ("--hub-version",), "value", "VERSION", "JupyterHub version of the Hub."),
    Option("spawner_cmd", ("--spawner-cmd",), "flag", None, "The deployment sets c.Spawner.cmd."),
    Option("build_arg", ("--build-arg",), "multi", "NAME=VALUE", "NAME=VALUE, as docker build."),
    Option("target", ("--target",), "value", "STAGE", "The stage to build (docker build --target)."),
    Option("context", ("--context",), "value", "DIR", "Build context (default: the Dockerfile's folder)."),
    Option("select", ("--select",), "multi", "CODES", "Codes, names or prefixes to check."),
    Option("ignore", ("--ignore",), "multi", "CODES", "Codes, names or prefixes to skip."),
    Option(
        "severity",
        ("--severity",),
        "multi",
        "CODE=LEVEL",
        "A rule's severity: error|warning|info (code, name or prefix; wins over the configuration).",
    ),
    Option("fail_on", ("--fail-on",), "value", "LEVEL", "error|warning|info|never (default warning)."),
    Option("config", ("--config",), "value", "FILE", "Configuration file to use."),
    Option("no_config", ("--no-config",), "flag", None, "Read no configuration file."),
    Option("stdin_filename", ("--stdin-filename",), "value", "NAME", "Path to report for -, and its build context."),
    Option("no_inline_ignores", ("--no-inline-ignores",), "flag", None, "Disregard # hublint pragmas."),
    Option("statistics", ("--statistics",), "flag", None, "Print counts per rule."),
    Option("explain", ("--explain",), "value", "CODE", "Print a rule's page (code or name).", False),
    Option("list_rules", ("--list-rules",), "flag", None, "List the rules.", False),
    Option("version", ("--version",), "flag", None, "Print the version.", False),
    Option("fix", ("--fix",), "flag", None, "Apply safe fixes in place.", False),
    Option("unsafe_fixes", ("--unsafe-fixes",), "flag", None, "Also apply unsafe fixes.", False),
    Option("diff", ("--diff",), "flag", None, "Print fixes as a unified diff; write nothing.", False),
    Option("hub_config", ("--hub-config",), "multi", "FILE", "jupyterhub_config.py or z2jh values."),
    Option(
        "role", ("--role",), "value", "ROLE", "singleuser|hub|other|auto: the role of files named here and of stdin."
    ),
    Option(
        "show_roles", ("--show-roles",), "flag", None, "List every file with its role and why; lint nothing.", False
    ),
    Option(
        "show_deployment",
        ("--show-deployment",),
        "flag",
        None,
        "Print the deployment: Hub, spawn images, builds.",
        False,
    ),
    Option("show_image", ("--show-image",), "value", "REF", "Print what hublint knows about an image.", False),
    Option(
        "server", ("--server",), "flag", None, "Run the language server on stdin/stdout (needs hublint[server]).", False
    ),
    Option("tcp", ("--tcp",), "value", "HOST:PORT", "Run the language server on a TCP port instead.", False),
    Option("no_cache", ("--no-cache",), "flag", None, "Neither read nor write the run cache.", False),
    Option(
        "output_file",
        ("--output-file", "-o"),
        "value",
        "FILE",
        "Write the report to FILE (atomically); the terminal gets a summary.",
        False,
    ),
    Option(
        "output_format",
        ("--output-format",),
        "value",
        "FORMAT",
        f"{_FORMATS}: the report's format in --output-file; then --format goes to the terminal.",
    ),
)

BY_NAME = {name: o for o in OPTIONS for name in o.names}
NOT_CACHED = tuple(o.dest for o in OPTIONS if not o.cached)


def defaults() -> dict:
    """Every option's value when it is not given: False for a flag, None otherwise."""
    return {o.dest: (False if o.kind == "flag" else None) for o in OPTIONS}
