"""HUB605 singleuser-app-setting: the deployment sets a JUPYTERHUB_SINGLEUSER_APP (or _EXTENSION) the spawn image
cannot run.

The spawner's environment (z2jh ``singleuser.extraEnv``, ``c.Spawner.environment``) overrides the image's ``ENV``:
HUB503's judgement (:mod:`._appenv`) applied to the variables the deployment sets.  Judged on an image of the
repository that the deployment spawns (at its FROM), and in the deployment file for the spawn images hublint's
image knowledge knows (at the variable)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._appenv import app_fault
from ._common import clip, clip_ref
from ._spawned import kept, known_spawn_images, own_spec, package_version, scope_only

RULE = Rule(
    "HUB605",
    "singleuser-app-setting",
    "error",
    "The deployment sets a JUPYTERHUB_SINGLEUSER_APP the image cannot run",
    takes=(IMAGE, CONFIG),
)

_APP, _EXT = "JUPYTERHUB_SINGLEUSER_APP", "JUPYTERHUB_SINGLEUSER_EXTENSION"


def _message(kind: str, app: str, ext: str, hub, what: str) -> str:
    if kind == "classic":
        return f"{_APP} `{clip(app, 32)}` needs the classic server: {what} has notebook 7"
    if kind == "shortcut":
        return f"{_APP} `{clip(app, 24)}` is a shortcut jupyterhub {hub} does not know (4.0+ does)"
    return f"{_EXT} `{clip(ext, 10)}` cannot run {_APP} `{clip(app, 24)}`"


def check(inp: ImageInput) -> Iterator[Hit]:
    server = inp.facts.server if inp.facts is not None else None
    if server is None:
        return
    app_set, ext_set = server.variable(_APP), server.variable(_EXT)
    if app_set is None and ext_set is None:
        return
    if any(s is not None and not isinstance(s.value, str) for s in (app_set, ext_set)):
        return  # a value hublint cannot read
    image_app, _ = inp.image.final_env(_APP)
    image_ext, _ = inp.image.final_env(_EXT)
    app = app_set.value if app_set is not None else image_app
    ext = ext_set.value if ext_set is not None else image_ext
    if (app is not None and not is_known(app)) or (ext is not None and not is_known(ext)):
        return
    hub = inp.image.hub
    exact = hub.versions.exact() if hub is not None and hub.versions is not None else None
    fault = app_fault(app or "", ext, inp.image.notebook_major, exact, app_set is not None, True)
    if fault is None:
        return
    kind, help = fault
    setting = app_set if kind != "conflict" or ext_set is None else ext_set
    assert setting is not None
    yield Hit(
        _message(kind, (app or "").strip(), (ext or "").strip(), exact, "this image"),
        *inp.image.missing_anchor,
        help=f"set in {setting.where()}: {help}",
        confidence=scope_only(inp),
    )


def _major(version: str | None) -> int | None:
    head = (version or "").split(".", 1)[0]
    return int(head) if head.isdigit() else None


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    from ..image.versions import provided_version_set

    own = own_spec(inp)
    app_set, ext_set = own.variable(_APP), own.variable(_EXT)
    app_here = app_set is not None and isinstance(app_set.value, str) and kept(inp, app_set, "env", _APP)
    ext_here = ext_set is not None and isinstance(ext_set.value, str) and kept(inp, ext_set, "env", _EXT)
    if not app_here and not ext_here:
        return
    server = inp.facts.server if inp.facts is not None else None
    applied = server if server is not None else own
    app_value, ext_value = applied.variable(_APP), applied.variable(_EXT)
    if any(s is not None and not isinstance(s.value, str) for s in (app_value, ext_value)):
        return
    app = app_value.value.strip() if app_value is not None else ""
    ext = ext_value.value.strip() if ext_value is not None else None
    failing: dict[str, tuple[str, list[str], object]] = {}  # fault -> (help, images, their jupyterhub)
    for image, _ref, info in known_spawn_images(inp):
        major = _major(package_version(info, "notebook")) if "notebook" in info.provides else 0
        versions = provided_version_set(info.provides.get("jupyterhub"))
        exact = versions.exact() if versions is not None else None
        fault = app_fault(app, ext, major, exact, app_here, True)
        if fault is not None:
            failing.setdefault(fault[0], (fault[1], [], exact))[1].append(f"`{clip_ref(image.ref)}`")
    for kind, (help, images, hub) in failing.items():
        setting = ext_set if kind == "conflict" and ext_here else app_set
        assert setting is not None and setting.span is not None
        more = f" (and {len(images) - 1} more)" if len(images) > 1 else ""
        yield Hit(
            _message(kind, app, ext or "", hub, "the spawn image"),
            *setting.span,
            help=f"spawn image {images[0]}{more}: {help}",
        )
