"""HUB506 default-url-ui-missing: the deployment's default URL opens a UI the single-user image lacks.

Judged only when hublint knows everything the image installs: a known base, and no install it cannot read; an
install brings its dependencies (notebook 7 brings jupyterlab)."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.versions import VersionSet, parse_version, provided_version_set
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB506",
    "default-url-ui-missing",
    "error",
    "The deployment's default URL opens a UI the image lacks",
    finished=True,
)

# the first path segment of a default URL -> the packages (any one) that serve it
_UI = {
    "lab": ("jupyterlab",),
    "tree": ("notebook", "nbclassic"),
    "notebooks": ("notebook", "nbclassic"),
    "nbclassic": ("nbclassic",),
    "voila": ("voila",),
    "rstudio": ("jupyter-rsession-proxy",),
    "desktop": ("jupyter-remote-desktop-proxy",),
    "vscode": ("jupyter-vscode-proxy",),
    "codeserver": ("jupyter-codeserver-proxy",),
}


# an install brings its dependencies: (package, from version, below version, the UI package it depends on there).
# Sources: notebook 7 depends on `jupyterlab>=4.0.2,<5` (its pyproject at v7.0.0; conda-forge's notebook feedstock
# likewise, stacks.json `notebook_jupyterlab`); jupyterlab 3.6 on `notebook<7` (its package metadata at 3.6.8).
_BRINGS = (
    ("notebook", "7", None, "jupyterlab"),
    ("jupyterlab", "3.6", "4", "notebook"),
)


def _may_bring(name: str, versions: VersionSet | None) -> set[str]:
    """The UI packages an install of ``name`` (admitting ``versions``; None: any) may bring as its dependencies: a
    version not known to be outside a dependency's range counts, so the rule stays silent where it may be there."""
    out = set()
    for package, since, below, dep in _BRINGS:
        if package != name:
            continue
        if versions is not None:
            if not versions.admits_from(parse_version(since)):  # type: ignore[arg-type]
                continue
            lowest = versions.lowest_major_minor()
            if below is not None and lowest is not None and lowest >= parse_version(below):  # type: ignore[operator]
                continue
        out.add(dep)
    return out


def _has(inp: ImageInput, packages: tuple[str, ...]) -> bool:
    """Does the image's default environment have (or may it have) one of ``packages``, installed or brought by an
    install's dependencies?"""
    info = inp.image.base_info
    present: set[str] = set()
    for name, version in (info.provides if info is not None else {}).items():
        present |= {name, *_may_bring(name, provided_version_set(version))}
    for i in inp.image.installs.installs:
        if i.prefix is None:
            present |= {i.name, *_may_bring(i.name, i.versions)}
    return any(p in present for p in packages)


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = inp.facts
    url = facts.default_url if facts is not None else None
    if not url or not isinstance(url, str):
        return
    first = url.strip("/").split("/", 1)[0].split("?", 1)[0]
    packages = _UI.get(first)
    if packages is None:
        return
    if inp.image.base_info is None or inp.image.installs.unknown:
        return  # what the image has is not known for sure
    if _has(inp, packages):
        return
    where = f" ({facts.default_url_where})" if facts is not None and facts.default_url_where else ""
    yield Hit(
        f"the deployment opens `{url}`{where}, but the image has no {' or '.join(packages)}",
        *inp.image.missing_anchor,
        help=f"install {packages[0]}, or point the default URL at a UI the image has",
    )
