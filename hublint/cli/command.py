"""What the ``hublint`` command does: the fast command-line reader (:func:`fast_parse`) and :func:`run`, shared
by :func:`hublint.cli.main` and the typer application (:mod:`hublint.cli.typer_app`); both read the options
of :data:`hublint.cli.options.OPTIONS`, declared once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from .._version import __version__
from .options import BY_NAME, defaults

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def fast_parse(argv: list[str]) -> dict | None:
    """The command line as :func:`run`'s values (option destinations and ``paths``), or None to let typer
    handle it (help, errors)."""
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
        option = BY_NAME.get(name)
        if option is None:
            return None
        if option.kind == "flag":
            if eq:
                return None
            values[option.dest] = True
            continue
        if not eq:
            if i >= len(argv):
                return None
            inline = argv[i]
            i += 1
        if option.kind == "multi":
            values[option.dest] = [*(values[option.dest] or []), inline]
        else:
            values[option.dest] = inline
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


def _severities(values: list[str] | None) -> dict[str, str] | None:
    """``--severity CODE=LEVEL`` (repeatable, comma-separated): rule code -> severity, as the configuration's
    ``severity`` table."""
    from ..checks.registry import did_you_mean, resolve_selector

    if not values:
        return None
    out: dict[str, str] = {}
    for item in _split(values) or ():
        code, eq, level = (x.strip() for x in item.partition("="))
        if not eq or not code:
            raise _Usage(f"--severity {item!r}: expected CODE=LEVEL, e.g. HUB303=warning")
        rules = resolve_selector(code)
        if rules is None:
            near = did_you_mean(code) or " (see hublint --list-rules)"
            raise _Usage(f"--severity {item!r}: {code!r} is not a rule code, name or code prefix{near}")
        if level not in ("error", "warning", "info"):
            raise _Usage(f"--severity {item!r}: expected a level among error, warning, info, not {level!r}")
        out.update((rule.code, level) for rule in rules)
    return out


def run(values: Mapping[str, Any]) -> int:
    """What ``hublint`` does with a parsed command line (:func:`fast_parse`'s values); returns the exit status."""
    v = {**defaults(), "paths": None, **values}
    out = sys.stdout
    done = _information(v, out)
    if done is not None:
        return done
    fmt = _check_usage(v, out)
    settings = _settings(v)
    paths = list(v["paths"] or []) or ["Dockerfile"]
    stdin = (sys.stdin.buffer.read() if sys.stdin is not None else b"") if "-" in paths else None
    fix_mode = ("unsafe" if v["unsafe_fixes"] else "safe") if (v["fix"] or v["unsafe_fixes"] or v["diff"]) else None

    from ..workspace.run import Request
    from ..workspace.run import run as run_workspace

    role = v["role"]
    progress = None
    if sys.stderr is not None and sys.stderr.isatty():  # nothing imported otherwise
        from .progress import for_run

        progress = for_run(fmt if not (v["show_roles"] or v["show_deployment"]) else "", sys.stderr)
    try:
        report = run_workspace(
            Request(
                paths,
                settings,
                config_file=v["config"],
                use_config=not v["no_config"],
                stdin=stdin,
                stdin_filename=v["stdin_filename"],
                role=None if role in (None, "auto") else role,
                hub_configs=tuple(v["hub_config"] or ()),
                fix=fix_mode,
                progress=progress,
            )
        )
    finally:
        if progress is not None:
            progress.close()
    if v["show_roles"] or v["show_deployment"]:
        from .show import show

        show(report, out, fmt, roles=v["show_roles"], deployment=v["show_deployment"])
        return _exit(report, fail=False)
    _report(v, report, fmt, out, fix_mode, stdin)
    if v["statistics"]:
        _statistics(report, out if fmt in ("full", "concise") else sys.stderr)
    return _exit(report, fail=True)


def _information(v: dict, out) -> int | None:
    """The options that print something other than findings (the version, the rules, a page, an image) or
    start the language server: their exit status; None for a lint."""
    if v["server"] or v["tcp"]:
        tcp = v["tcp"]
        if tcp is not None and not tcp.rpartition(":")[2].isdigit():
            raise _Usage(f"--tcp {tcp!r}: expected HOST:PORT or PORT")
        from ..server import serve

        return serve(tcp)
    if v["version"]:
        out.write(f"hublint {__version__}\n")
        return 0
    if v["list_rules"]:
        from ..checks.registry import RULES

        for r in RULES:
            out.write(f"{r.code}  {r.name:<32} {r.severity:<8} {r.summary}\n")
        return 0
    if v["explain"]:
        from ..checks.pages import page
        from ..checks.registry import did_you_mean, resolve_selector

        rules = resolve_selector(v["explain"])
        if not rules or len(rules) != 1:
            near = did_you_mean(v["explain"]) if not rules else ""
            raise _Usage(f"--explain {v['explain']!r}: not a rule code or name{near or ' (see hublint --list-rules)'}")
        out.write(page(rules[0].code).shown)
        return 0
    if v["show_image"] is not None:
        from .show import show_image

        return show_image(v["show_image"], out, v["format"] or "full", v["config"], v["no_config"])
    return None


def _check_usage(v: dict, out) -> str:
    """Refuse a command line that cannot work (exit 2, naming the option); the format to print in."""
    from ..formatters import FORMATS, GRAPH_FORMATS

    fmt = v["format"] or ("full" if out.isatty() else "concise")
    if fmt in GRAPH_FORMATS:
        if not v["show_deployment"] or v["show_roles"]:
            cause = "--show-roles has no picture" if v["show_roles"] else "add --show-deployment"
            raise _Usage(f"--format {fmt!r} draws the deployment: only with --show-deployment ({cause})")
    elif fmt not in FORMATS:
        raise _Usage(f"--format {fmt!r}: expected one of {', '.join(FORMATS + GRAPH_FORMATS)}")
    output_file, output_format = v["output_file"], v["output_format"]
    if output_format is not None and output_format not in FORMATS:
        raise _Usage(f"--output-format {output_format!r}: expected one of {', '.join(FORMATS)}")
    if output_format is not None and output_file is None:
        raise _Usage("--output-format needs --output-file (the file it is written to)")
    if output_file is not None and (
        os.path.isdir(output_file) or not os.path.isdir(os.path.dirname(os.path.abspath(output_file)))
    ):
        raise _Usage(f"--output-file {output_file!r}: not a file in an existing folder")
    if v["fail_on"] is not None and v["fail_on"] not in SEVERITY_RANK:
        raise _Usage(f"--fail-on {v['fail_on']!r}: expected one of error, warning, info, never")
    if v["role"] is not None and v["role"] not in ("singleuser", "hub", "other", "auto"):
        raise _Usage(f"--role {v['role']!r}: expected one of singleuser, hub, other, auto")
    if v["hub_version"] is not None:
        from ..settings.config import is_version

        if not is_version(v["hub_version"]):
            raise _Usage(f"--hub-version {v['hub_version']!r}: expected a version such as 5.3.0")
    if v["context"] and not os.path.isdir(v["context"]):
        raise _Usage(f"--context {v['context']!r}: no such folder")
    if v["config"] and not os.path.isfile(v["config"]):
        raise _Usage(f"--config {v['config']!r}: no such file")
    return fmt


def _settings(v: dict) -> dict[str, Any]:
    """The settings the command line gives (Settings field names; None: not given)."""
    from ..checks.registry import did_you_mean, resolve_selector

    settings: dict[str, Any] = {
        "hub_version": v["hub_version"],
        "spawner_cmd": True if v["spawner_cmd"] else None,
        "build_args": _build_args(v["build_arg"]),
        "target": v["target"],
        "context": os.path.abspath(v["context"]) if v["context"] else None,
        "select": _split(v["select"]),
        "ignore": _split(v["ignore"]),
        "severity": _severities(v["severity"]),
        "fail_on": v["fail_on"],
        "inline_ignores": False if v["no_inline_ignores"] else None,
    }
    for key in ("select", "ignore"):
        for item in settings[key] or ():
            if resolve_selector(item) is None:
                near = did_you_mean(item) or " (see hublint --list-rules)"
                raise _Usage(f"--{key} {item!r}: not a rule code, name or code prefix{near}")
    return settings


def _report(v: dict, report, fmt: str, out, fix_mode: str | None, stdin: bytes | None) -> None:
    """Print (and write) what the run found, in the formats asked; write the fixed files."""
    from ..formatters import render

    stdin_name = v["stdin_filename"] or "-"
    if v["diff"]:
        _print_diff(report, out)
        render("concise", report, sys.stderr)
    elif fix_mode and "-" in (v["paths"] or ()):
        # the fixed text goes to standard output; what is left goes to stderr
        fixed = report.fixed.get(stdin_name)
        out.write(fixed.after if fixed else (stdin or b"").decode("utf-8", "replace"))
        render("concise", report, sys.stderr)
        _write_fixes(report, skip=stdin_name)
    else:
        if fix_mode:
            _write_fixes(report)
        output_file, output_format = v["output_file"], v["output_format"]
        if output_file is not None:
            _write_report(report, output_file, output_format or fmt)
            if output_format is not None:
                render(fmt, report, out)  # a second format for the terminal
            else:
                out.write(_summary(report, output_file, fmt))
        else:
            render(fmt, report, out)


def _exit(report, fail: bool) -> int:
    """Print the errors; 2 when there are some, else 1 when a finding reaches its ``fail-on`` (``fail``)."""
    from ..formatters import printable

    for err in report.errors:
        sys.stderr.write(f"hublint: error: {printable(err)}\n")
    if report.errors:
        return 2
    if fail:
        for f in report.findings:
            if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[report.fail_on.get(f.path, "warning")]:
                return 1
    return 0


def _write_fixes(report, skip: str | None = None) -> None:
    """Write the fixed files — each only over the bytes it was fixed from, never through a link that leaves its
    repository."""
    from ..workspace.root import find_root
    from .writes import FileChanged, write_atomic

    files = fixes = 0
    for path, fixed in report.fixed.items():
        if path == skip:
            continue
        root = os.path.realpath(find_root(path))
        if not (os.path.realpath(path) + os.sep).startswith(root + os.sep):
            report.errors.append(f"{path}: a link out of its repository; not fixed")
            continue
        try:
            write_atomic(path, fixed.encoded(), fixed.original)
        except FileChanged:
            report.errors.append(f"{path}: changed while hublint ran; not fixed (run hublint --fix again)")
            continue
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
