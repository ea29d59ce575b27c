"""Output formats.  Each module has ``render(report, out, **kw)``; machine formats never touch rich."""

FORMATS = ("full", "concise", "json", "sarif", "github")


def render(fmt: str, report, out, **kw) -> None:
    from importlib import import_module

    import_module(f"hublint.formatters.{fmt}_format").render(report, out, **kw)
