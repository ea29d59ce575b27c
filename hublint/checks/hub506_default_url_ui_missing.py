"""HUB506 default-url-ui-missing: the deployment's default URL opens a UI the single-user image lacks.

Judged only when hublint knows everything the image installs: a known base, and no install it cannot read."""

from __future__ import annotations

from collections.abc import Iterator

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


def _has(inp: ImageInput, packages: tuple[str, ...]) -> bool:
    info = inp.image.base_info
    provided = set(info.provides) if info is not None else set()
    installed = {i.name for i in inp.image.installs.installs if i.prefix is None}
    return any(p in provided or p in installed for p in packages)


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
