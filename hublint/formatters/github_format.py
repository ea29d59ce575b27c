"""GitHub Actions workflow commands: ``::error file=…,line=…::message``."""

from . import printable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _prop(value) -> str:
    return printable(
        str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
    )


def _data(value) -> str:
    return printable(str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def render(report, out, **kw) -> None:
    for _, f, _ in report.for_machines():  # paths relative to the repository root, as GitHub names files
        out.write(
            f"::{_LEVEL[f.severity]} file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f'hublint {f.code} ({f.name})')}"
            f"::{_data(f.message + (' — ' + f.help if f.help else ''))}\n"
        )
