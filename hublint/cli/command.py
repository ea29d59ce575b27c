"""What the ``hublint`` command does: the options (:data:`OPTIONS`), the fast command-line reader
(:func:`fast_parse`) and :func:`run`, shared by :func:`hublint.cli.main` and the typer application
(:mod:`hublint.cli.typer_app`), which declares the same options (a test keeps the two in step).
"""

from __future__ import annotations

import os
import sys

from .._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}

# dest -> (option names, kind): "flag", "value" (last wins) or "multi" (repeatable)
OPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "format": (("--format", "-f"), "value"),
    "hub_version": (("--hub-version",), "value"),
    "spawner_cmd": (("--spawner-cmd",), "flag"),
    "build_arg": (("--build-arg",), "multi"),
    "target": (("--target",), "value"),
    "context": (("--context",), "value"),
    "select": (("--select",), "multi"),
    "ignore": (("--ignore",), "multi"),
    "fail_on": (("--fail-on",), "value"),
    "config": (("--config",), "value"),
    "no_config": (("--no-config",), "flag"),
    "stdin_filename": (("--stdin-filename",), "value"),
    "no_inline_ignores": (("--no-inline-ignores",), "flag"),
    "statistics": (("--statistics",), "flag"),
    "explain": (("--explain",), "value"),
    "list_rules": (("--list-rules",), "flag"),
    "version": (("--version",), "flag"),
    "fix": (("--fix",), "flag"),
    "unsafe_fixes": (("--unsafe-fixes",), "flag"),
    "diff": (("--diff",), "flag"),
    "hub_config": (("--hub-config",), "multi"),
    "role": (("--role",), "value"),
    "show_roles": (("--show-roles",), "flag"),
    "show_deployment": (("--show-deployment",), "flag"),
    "show_image": (("--show-image",), "value"),
    "server": (("--server",), "flag"),
    "no_cache": (("--no-cache",), "flag"),
    "output_file": (("--output-file", "-o"), "value"),
    "output_format": (("--output-format",), "value"),
    "tcp": (("--tcp",), "value"),
}
_BY_NAME = {name: (dest, kind) for dest, (names, kind) in OPTIONS.items() for name in names}


def defaults() -> dict:
    return {dest: (False if kind == "flag" else None) for dest, (_, kind) in OPTIONS.items()}


def fast_parse(argv: list[str]) -> dict | None:
    """The command line as :func:`run` keywords, or None to let typer handle it (help, errors)."""
    values = defaults()
    paths: list[str] = []
    i = 0
    only_paths = False
    while i < len(argv):
        arg = argv[i]
        i += 1
        if only_paths or arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        if not arg.startswith("--") and inline:
            eq = "="
        spec = _BY_NAME.get(name)
        if spec is None:
            return None
        dest, kind = spec
        if kind == "flag":
            if eq:
                return None
            values[dest] = True
            continue
        if not eq:
            if i >= len(argv):
                return None
            inline = argv[i]
            i += 1
        if kind == "multi":
            values[dest] = [*(values[dest] or []), inline]
        else:
            values[dest] = inline
    values["paths"] = paths
    return values


class _Usage(Exception):
    pass


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


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


def run(
    paths: list[str] | None = None,
    format: str | None = None,
    hub_version: str | None = None,
    spawner_cmd: bool = False,
    build_arg: list[str] | None = None,
    target: str | None = None,
    context: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    config: str | None = None,
    no_config: bool = False,
    stdin_filename: str | None = None,
    no_inline_ignores: bool = False,
    statistics: bool = False,
    explain: str | None = None,
    list_rules: bool = False,
    version: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    hub_config: list[str] | None = None,
    role: str | None = None,
    show_roles: bool = False,
    show_deployment: bool = False,
    show_image: str | None = None,
    server: bool = False,
    tcp: str | None = None,
    no_cache: bool = False,
    output_file: str | None = None,
    output_format: str | None = None,
) -> int:
    """What ``hublint`` does with a parsed command line; returns the exit status."""
    out = sys.stdout
    if server or tcp:
        if tcp is not None and not tcp.rpartition(":")[2].isdigit():
            raise _Usage(f"--tcp {tcp!r}: expected HOST:PORT or PORT")
        from ..server import serve

        return serve(tcp)
    if version:
        out.write(f"hublint {__version__}\n")
        return 0
    if list_rules:
        from ..checks.registry import RULES

        for r in RULES:
            out.write(f"{r.code}  {r.name:<32} {r.severity:<8} {r.summary}\n")
        return 0
    if explain:
        from ..checks.pages import page
        from ..checks.registry import resolve_selector

        rules = resolve_selector(explain)
        if not rules or len(rules) != 1:
            raise _Usage(f"--explain {explain!r}: not a rule code or name (see hublint --list-rules)")
        out.write(page(rules[0].code).body)
        return 0

    from ..formatters import FORMATS

    if show_image is not None:
        from .show import show_image as show_image_facts

        return show_image_facts(show_image, out, format or "full", config, no_config)
    fmt = format or ("full" if out.isatty() else "concise")
    if fmt not in FORMATS:
        raise _Usage(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if output_format is not None and output_format not in FORMATS:
        raise _Usage(f"--output-format {output_format!r}: expected one of {', '.join(FORMATS)}")
    if output_format is not None and output_file is None:
        raise _Usage("--output-format needs --output-file (the file it is written to)")
    if output_file is not None and (
        os.path.isdir(output_file) or not os.path.isdir(os.path.dirname(os.path.abspath(output_file)))
    ):
        raise _Usage(f"--output-file {output_file!r}: not a file in an existing folder")
    if fail_on is not None and fail_on not in SEVERITY_RANK:
        raise _Usage(f"--fail-on {fail_on!r}: expected one of error, warning, info, never")
    if role is not None and role not in ("singleuser", "hub", "other", "auto"):
        raise _Usage(f"--role {role!r}: expected one of singleuser, hub, other, auto")
    cli_values: dict[str, Any] = {
        "hub_version": hub_version,
        "spawner_cmd": True if spawner_cmd else None,
        "build_args": _build_args(build_arg),
        "target": target,
        "context": os.path.abspath(context) if context else None,
        "select": _split(select),
        "ignore": _split(ignore),
        "fail_on": fail_on,
        "inline_ignores": False if no_inline_ignores else None,
        "hub_config": hub_config,
        "role": None if role in (None, "auto") else role,
    }
    from ..checks.registry import resolve_selector

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
    stdin_bytes = None
    if "-" in paths:
        stdin_bytes = sys.stdin.buffer.read() if sys.stdin is not None else b""

    from ..workspace.run import Request
    from ..workspace.run import run as run_workspace

    fix_mode = ("unsafe" if unsafe_fixes else "safe") if (fix or unsafe_fixes or diff) else None
    settings = {k: v for k, v in cli_values.items() if k not in ("hub_config", "role")}
    report = run_workspace(
        Request(
            paths,
            settings,
            config_file=config,
            use_config=not no_config,
            stdin=stdin_bytes,
            stdin_filename=stdin_filename,
            role=cli_values["role"],
            hub_configs=tuple(hub_config or ()),
            fix=fix_mode,
        )
    )

    from ..formatters import render

    stdin_name = stdin_filename or "-"
    if show_roles or show_deployment:
        from .show import show

        show(report, out, fmt, roles=show_roles, deployment=show_deployment)
        for err in report.errors:
            sys.stderr.write(f"hublint: error: {err}\n")
        return 2 if report.errors else 0
    if diff:
        _print_diff(report, out)
        render("concise", report, sys.stderr)
    elif fix_mode and "-" in paths:
        # the fixed text goes to standard output; what is left goes to stderr
        fixed = report.fixed.get(stdin_name)
        out.write(fixed.after if fixed else (stdin_bytes or b"").decode("utf-8", "replace"))
        render("concise", report, sys.stderr)
        _write_fixes(report, skip=stdin_name)
    else:
        if fix_mode:
            _write_fixes(report)
        if output_file is not None:
            _write_report(report, output_file, output_format or fmt)
            if output_format is not None:
                render(fmt, report, out)  # a second format for the terminal
            else:
                out.write(_summary(report, output_file, fmt))
        else:
            render(fmt, report, out)
    if statistics:
        _statistics(report, out if fmt in ("full", "concise") else sys.stderr)
    for err in report.errors:
        sys.stderr.write(f"hublint: error: {err}\n")
    if report.errors:
        return 2
    for f in report.findings:
        threshold = SEVERITY_RANK[report.fail_on.get(f.path, "warning")]
        if SEVERITY_RANK[f.severity] >= threshold:
            return 1
    return 0


def _write_fixes(report, skip: str | None = None) -> None:
    from .writes import write_atomic

    files = fixes = 0
    for path, fixed in report.fixed.items():
        if path == skip:
            continue
        try:
            write_atomic(path, fixed.encoded())
        except OSError as exc:
            report.errors.append(f"{path}: cannot write the fixed file ({exc.strerror or exc})")
            continue
        files += 1
        fixes += fixed.applied
    if files:
        sys.stderr.write(
            f"hublint: fixed {fixes} finding{'s' if fixes != 1 else ''} in {files} file{'s' if files != 1 else ''}\n"
        )


def _print_diff(report, out) -> None:
    import difflib

    for path, fixed in report.fixed.items():
        out.writelines(
            difflib.unified_diff(
                fixed.before.splitlines(keepends=True),
                fixed.after.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )


def _statistics(report, out) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    for (code, name), n in sorted(counts.items()):
        out.write(f"{n:>5}  {code}  {name}\n")
    from .show import file_counts

    for what, n in file_counts(report):
        out.write(f"{n:>5}  {what}\n")


def _write_report(report, path: str, fmt: str) -> None:
    """The report in ``fmt``, written to ``path`` atomically (a reader never sees half a report)."""
    import io

    from ..formatters import render
    from .writes import write_atomic

    buf = io.StringIO()
    render(fmt, report, buf)
    try:
        write_atomic(path, buf.getvalue().encode("utf-8"))
    except OSError as exc:
        raise _Usage(f"--output-file {path!r}: cannot write it ({exc.strerror or exc})") from None


def _summary(report, path: str, fmt: str) -> str:
    from ..formatters import files_phrase

    counts = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        counts[f.severity] += 1
    n = len(report.findings)
    parts = ", ".join(f"{v} {k}{'s' if v != 1 and k != 'info' else ''}" for k, v in counts.items() if v)
    return (
        f"hublint: {n} finding{'s' if n != 1 else ''}"
        + (f" ({parts})" if parts else "")
        + f" in {files_phrase(report)}; {fmt} report written to {path}\n"
    )
