"""Output formats.  Each module has ``render(report, out, **kw)``; machine formats never touch rich.

Imports: the lint core (pages, registry) and the leaf modules; never rules or the command line.
"""

FORMATS = ("full", "concise", "json", "sarif", "github")


def render(fmt: str, report, out, **kw) -> None:
    from ..registry import import_module

    import_module(f"hublint.formatters.{fmt}_format").render(report, out, **kw)
