"""Output formats.  Each module has ``render(report, out, **kw)``; machine formats never touch rich.

Imports: the lint core (pages, registry) and the leaf modules; never rules or the command line.
"""

FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "checkstyle")


def render(fmt: str, report, out, **kw) -> None:
    from ..checks.registry import import_module

    import_module(f"hublint.formatters.{fmt}_format").render(report, out, **kw)


_ROLE_WORDS = (("singleuser", "single-user image"), ("hub", "Hub image"), ("other", "other image"))
_KIND_WORDS = (
    ("hub-config", "Hub configuration"),
    ("values", "values file"),
    ("compose", "compose file"),
    ("env", ".env file"),
    ("chart", "chart file"),
    ("chartpress", "chartpress file"),
    ("build-script", "build script"),
)


def role_counts(entries) -> list[tuple[str, int]]:
    """(phrase, count) of the files a run read: images by role, then deployment files by kind."""
    out = []
    for role, word in _ROLE_WORDS:
        n = sum(1 for e in entries if e.kind == "dockerfile" and e.role == role)
        out.append((f"{word}{'s' if n != 1 else ''}" + (" skipped" if role == "other" else ""), n))
    unknown = sum(1 for e in entries if e.kind == "dockerfile" and e.role is None)
    out.append((f"unreadable Dockerfile{'s' if unknown != 1 else ''}", unknown))
    for kind, word in _KIND_WORDS:
        n = sum(1 for e in entries if e.kind == kind)
        out.append((f"{word}{'s' if n != 1 else ''}", n))
    return out


def files_phrase(report) -> str:
    """ "12 files: 5 single-user images, 2 Hub images, 4 other images skipped, 1 Hub configuration"."""
    n = report.files
    parts = [f"{count} {what}" for what, count in role_counts(getattr(report, "entries", ())) if count]
    head = f"{n} file{'s' if n != 1 else ''}"
    return f"{head}: {', '.join(parts)}" if parts else head
