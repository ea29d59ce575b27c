"""HUB212 jupyterhub-xsrf-regression: the single-user image has jupyterhub 4.1.0–4.1.3, whose XSRF checks reject
valid requests: POSTs through jupyter-server-proxy apps (RStudio, VNC desktops, OpenRefine) and nbconvert's
"Save and Export" downloads answer 403 (jupyterhub #4744, #4752, 4.1.4's #4759)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import MESSAGE_LIMIT, base_named, clip_ref, config_images

RULE = Rule(
    "HUB212",
    "jupyterhub-xsrf-regression",
    "warning",
    "jupyterhub 4.1.0-4.1.3 rejects valid requests through the server (XSRF regression)",
    takes=(IMAGE, CONFIG),
)

LOW, HIGH = "4.1.0", "4.1.4"  # the releases with the regression: 4.1.0 up to (not including) 4.1.4
_HELP = "use jupyterhub 4.1.4 or later (4.1.6: the last 4.1, for the same Hub)"


def _regressed(versions) -> bool:
    from ..image.versions import admits_only

    return versions is not None and admits_only(versions, LOW, HIGH)


def _proxies(inp: ImageInput) -> list[str]:
    """The jupyter-server-proxy launchers the image installs (their apps are what users see fail)."""
    names = {i.name for i in inp.image.installs.installs}
    return sorted(n for n in names if n.startswith("jupyter") and n.endswith("-proxy"))


def _what_fails(proxies: list[str]) -> str:
    if not proxies:
        return "nbconvert downloads and proxied apps get 403"
    return f"`{proxies[0]}`" + (f" (+{len(proxies) - 1})" if len(proxies) > 1 else "") + " apps get 403"


def _version(versions) -> str:
    exact = versions.exact()
    return str(exact) if exact is not None else versions.shown


def check(inp: ImageInput) -> Iterator[Hit]:
    hub = inp.image.hub
    if hub is None or not _regressed(hub.versions):
        return
    what = _what_fails(_proxies(inp))
    if hub.install is not None:
        message = f"the image installs jupyterhub {_version(hub.versions)} (4.1.0-4.1.3 XSRF regression): {what}"
    else:
        tail = f" has jupyterhub {_version(hub.versions)} (XSRF regression): {what}"
        message = base_named(inp, MESSAGE_LIMIT - len(tail)) + tail
    yield Hit(message, *hub.anchor, help=_HELP)


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    from ..image.knowledge import lookup
    from ..image.versions import provided_version_set

    for image, ref in config_images(inp.config):
        if getattr(image, "hub", False) or not is_known(ref.tag or "") or not is_known(ref.digest or ""):
            continue  # the Hub's own image is not a single-user server
        info = lookup(ref, inp.images)
        versions = provided_version_set(info.provides.get("jupyterhub")) if info is not None else None
        if versions is None or not _regressed(versions):
            continue
        rest = f"` has jupyterhub {_version(versions)}, whose XSRF checks reject valid requests (403)"
        yield Hit(
            f"spawn image `{clip_ref(image.ref, max(24, MESSAGE_LIMIT - len(rest) - 13))}{rest}",
            *image.span,
            help=_HELP,
        )
