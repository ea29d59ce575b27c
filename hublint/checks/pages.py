"""Rule pages (``rules/*.md``, shipped as the package ``hublint.catalog``): the prose and the examples of each rule
(``--explain``, SARIF help, hover), its sections, and its examples (executed by the tests).  A page holds no
metadata: the rule's module declares its code, name, severity and summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lazy import pattern
from ..lint.rule import Rule

__all__ = ["Page", "Example", "page", "pages"]

_FENCE = pattern(r"^```(dockerfile|python|yaml|ini|sh|toml)[ \t]*(\{[^\n]*\})?[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
_EXAMPLE_PATHS = {
    "dockerfile": "Dockerfile",
    "python": "jupyterhub_config.py",
    "yaml": "values.yaml",
    "ini": ".env",
    "sh": "build.sh",
    "toml": ".hublint.toml",
}
_SECTION = pattern(r"^## (.+)$", re.M)
_EXPECT = pattern(r"#\s*expect:\s*([A-Z0-9, ]+)\Z")
# a whole line that is an example's marker, as _example reads it (the tests' business, not the reader's)
_EXPECT_LINE = pattern(r"^[ \t]*#\s*expect:\s*[A-Z0-9, ]+[ \t]*\n", re.M)


@dataclass(frozen=True)
class Example:
    kind: str  # "bad" | "good"
    source: str
    options: dict
    expected: tuple[tuple[str, int], ...]  # (code, line) for bad examples
    path: str = "Dockerfile"  # the file name it is linted as (jupyterhub_config.py, values.yaml)
    # a multi-file example (the blocks of a section that give a `path`): (path, source, expected) of each
    # file; linted together as a repository, at its root
    files: tuple = ()
    # path -> where a file of ``files`` is a symbolic link to (a block's ``link``: the block is the target's
    # text, written there; a finding about the link itself is on its line 1)
    links: tuple = ()


@dataclass(frozen=True)
class Page:
    code: str
    name: str
    severity: str
    summary: str
    text: str  # the whole page
    body: str  # without front matter
    sections: dict

    @property
    def shown(self) -> str:
        """The page as people read it (``--explain``, hover, SARIF help): the body without the examples'
        ``# expect:`` lines, which only tell the tests which line a finding is on."""
        return _EXPECT_LINE.sub("", self.body)

    @property
    def examples(self) -> list[Example]:
        out = []
        for title, kind in (("Example", "bad"), ("Use instead", "good")):
            repo = []
            for m in _FENCE.finditer(self.sections.get(title, "")):
                ex = _example(kind, m.group(3), m.group(2), _EXAMPLE_PATHS[m.group(1)])
                if "path" in ex.options:
                    repo.append(ex)
                else:
                    out.append(ex)
            if repo:
                options = {k: v for ex in repo for k, v in ex.options.items() if k not in ("path", "link")}
                files = tuple(
                    (ex.options["path"], ex.source, _on_line_one(ex.expected) if "link" in ex.options else ex.expected)
                    for ex in repo
                )
                links = tuple((ex.options["path"], ex.options["link"]) for ex in repo if "link" in ex.options)
                expected = tuple(sorted((code, line) for _, _, exp in files for code, line in exp))
                out.append(Example(kind, "", options, expected, "", files, links))
        return out


def _on_line_one(expected: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((code, 1) for code, _ in expected))


def _example(kind: str, source: str, info: str | None, path: str = "Dockerfile") -> Example:
    """An example block; ``# expect: CODE[, CODE]`` marks the next non-blank line."""
    import tomllib

    options = tomllib.loads(f"o = {info}")["o"] if info else {}
    expected: list[tuple[str, int]] = []
    codes: list[str] = []
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        m = _EXPECT.match(stripped)
        if m:
            codes += [x.strip() for x in m.group(1).split(",") if x.strip()]
        elif stripped and codes:
            expected.extend((code, number) for code in codes)
            codes = []
    return Example(kind, source, options, tuple(sorted(expected)), path)


def _parse(rule: Rule, text: str) -> Page:
    """A page: prose and examples only — the rule's code, name, severity and summary come from its module."""
    body = text.lstrip("\n")
    sections = {}
    heads = list(_SECTION.finditer(body))
    for i, m in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        sections[m.group(1).strip()] = body[m.end() : stop]
    return Page(rule.code, rule.name, rule.severity, rule.summary, text, body, sections)


@cache
def page(code: str) -> Page:
    from importlib.resources import files

    from .registry import BY_CODE

    rule = BY_CODE[code]
    return _parse(rule, files("hublint.catalog").joinpath(rule.page).read_text("utf-8"))


def pages() -> list[Page]:
    from .registry import RULES

    return [page(r.code) for r in RULES]
