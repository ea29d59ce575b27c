"""zero-to-jupyterhub values files, read as the Hub's configuration (YAML nodes with their positions): the chart's
``singleuser``/``hub`` sections at any wrapper depth (daskhub, binderhub, a chart of charts), the spawn images and
spawner settings they state, and the images the chart runs beside the servers.

Nothing is evaluated: a value the file does not state literally is unknown (:mod:`.values`).
"""

from __future__ import annotations

from .hubconfig import HubConfig
from .spawnimages import ImageValue, chart_image, collect_images, profile_images, singleuser_image
from .values import Value

__all__ = ["read_z2jh_values", "values_config", "find_chart_values"]

# keys of the jupyterhub chart's values schema that identify its sections (values.schema.yaml)
_SINGLEUSER_KEYS = frozenset(
    {
        "image",
        "cmd",
        "profileList",
        "defaultUrl",
        "storage",
        "memory",
        "cpu",
        "extraEnv",
        "uid",
        "fsGid",
        "networkTools",
        "lifecycleHooks",
        "initContainers",
        "nodeSelector",
        "serviceAccountName",
        "extraLabels",
        "extraAnnotations",
        "extraContainers",
        "extraFiles",
        "extraPodConfig",
        "extraResource",
        "extraTolerations",
        "networkPolicy",
        "startTimeout",
        "allowPrivilegeEscalation",
        "podNameTemplate",
        "events",
        "cloudMetadata",
        "imagePullSecret",
        "extraNodeAffinity",
        "extraPodAffinity",
        "extraPodAntiAffinity",
        "args",
    }
)
_HUB_KEYS = frozenset(
    {
        "config",
        "image",
        "extraConfig",
        "db",
        "baseUrl",
        "services",
        "extraEnv",
        "networkPolicy",
        "cookieSecret",
        "concurrentSpawnLimit",
        "consecutiveFailureLimit",
        "activeServerLimit",
        "templatePaths",
        "extraFiles",
        "deploymentStrategy",
        "livenessProbe",
        "readinessProbe",
        "resources",
        "nodeSelector",
        "allowNamedServers",
        "namedServerLimitPerUser",
        "authenticatePrometheus",
        "redirectToServer",
        "shutdownOnLogout",
        "loadRoles",
        "initContainers",
        "extraContainers",
        "extraVolumes",
        "extraVolumeMounts",
        "existingSecret",
        "annotations",
        "labels",
        "service",
        "pdb",
        "serviceAccount",
        "revisionHistoryLimit",
        "containerSecurityContext",
    }
)
_PROXY_KEYS = frozenset({"secretToken", "https", "chp", "traefik", "service", "secretSync", "annotations", "labels"})
_MAX_WRAPPER_DEPTH = 3


def _looks_like_chart_values(mapping: dict) -> bool:
    """Does this mapping look like the jupyterhub chart's values (its own, or nested under a wrapper chart)?"""
    for key, known in (("singleuser", _SINGLEUSER_KEYS), ("hub", _HUB_KEYS), ("proxy", _PROXY_KEYS)):
        section = mapping.get(key)
        if section is not None and isinstance(section.value, dict) and known & set(section.value):
            return True
    return False


def find_chart_values(root: Value, depth: int = 0, prefix: str = "") -> list[tuple[str, dict]]:
    """Every place the jupyterhub chart's values sit: the top level, or under wrapper keys (``jupyterhub:``,
    ``basehub.jupyterhub:``, ``daskhub.jupyterhub:``, ``binderhub.jupyterhub:``…), as (prefix, mapping)."""
    if not isinstance(root.value, dict):
        return []
    out = []
    if _looks_like_chart_values(root.value):
        out.append((prefix, root.value))
    if depth < _MAX_WRAPPER_DEPTH:
        for key, value in root.value.items():
            if key in ("singleuser", "hub", "proxy") and out:
                continue
            if isinstance(value.value, dict):
                out.extend(find_chart_values(value, depth + 1, f"{prefix}{key}."))
    return out


def read_z2jh_values(text: str) -> HubConfig | None:
    """A z2jh values file, or None when the YAML holds no jupyterhub chart values at any wrapper depth.

    The first place (outermost) the chart's values are found is read: a values file sets one release."""
    from .yamlnodes import load

    root = load(text, last_wins=True)  # read as Helm reads values: a key written twice keeps its last value
    if root is None:
        return None
    return values_config(root, text=text)


def values_config(root: Value, prefix: str = "", text: str | None = None) -> HubConfig | None:
    """The jupyterhub chart's values in a YAML tree (at any wrapper depth; ``prefix``: where the tree itself sits,
    for messages; ``text``: the file's, to place what ``hub.extraConfig`` sets), or None when it holds none."""
    found = find_chart_values(root, prefix=prefix)
    if not found:
        return None
    prefix, values = found[0]
    return _chart_config(values, prefix, text)


def _chart_config(values: dict, prefix: str, text: str | None = None) -> HubConfig:
    cfg = HubConfig("z2jh", prefix)
    single = values.get("singleuser")
    single = single.value if single is not None and isinstance(single.value, dict) else {}
    first = len(cfg.images)
    singleuser_image(cfg, single.get("image"), prefix)
    own = slice(first, len(cfg.images))
    if "image" in single:
        cfg.z2jh["singleuser.image"] = single["image"]
    if "cmd" in single:
        cfg.z2jh_cmd_present = True
        cfg.z2jh_cmd = single["cmd"]
        cfg.traits[("Spawner", "cmd")] = (single["cmd"], single["cmd"].span)
    for key in ("defaultUrl", "storage", "uid", "extraEnv", "args", "allowPrivilegeEscalation", "extraPodConfig"):
        if key in single:
            cfg.z2jh[f"singleuser.{key}"] = single[key]
    profiles = single.get("profileList")
    if profiles is not None:
        cfg.z2jh["singleuser.profileList"] = profiles
        if profile_images(cfg, profiles, f"{prefix}singleuser.profileList"):
            del cfg.images[own]  # every profile names its image: singleuser.image is never spawned
    _other_images(cfg, values, prefix)
    proxy = values.get("proxy")
    chp = proxy is not None and isinstance(proxy.value, dict) and "chp" in proxy.value
    cfg.default_sections = tuple(k for k in ("scheduling", "prePuller", "cull") if k in values) + (
        ("proxy.chp",) if chp else ()
    )
    hub = values.get("hub")
    hub = hub.value if hub is not None and isinstance(hub.value, dict) else {}
    if "image" in hub:
        cfg.z2jh["hub.image"] = hub["image"]
        _hub_image(cfg, hub["image"], prefix)
    hub_config = hub.get("config")
    if hub_config is not None and isinstance(hub_config.value, dict):
        for cls, traits in hub_config.value.items():
            if not isinstance(traits.value, dict):
                continue
            for trait, value in traits.value.items():
                cfg.traits[(cls, trait)] = (value, value.span)
                collect_images(cfg, cls, trait, value)
    if "extraConfig" in hub:
        _extra_config(cfg, hub["extraConfig"], prefix, text)
    return cfg


_EXTRA_BUDGET = 262_144  # characters of hub.extraConfig Python read per values file (hubconfig.MAX_PARSE)
_EXTRA_SNIPPETS = 256  # and snippets
# what the chart's own values say that a KubeSpawner trait set in hub.extraConfig replaces
_EXTRA_SETS = {"uid": "singleuser.uid", "allow_privilege_escalation": "singleuser.allowPrivilegeEscalation"}


def _extra_config(cfg: HubConfig, extra: Value, prefix: str, text: str | None) -> None:
    """``hub.extraConfig``: Python the Hub runs after the chart's own configuration (its snippets in the order of
    their names), read as a ``jupyterhub_config.py`` is: its traits replace the chart's (``c.Spawner.cmd`` is the
    spawner's command, ``c.KubeSpawner.uid`` the user), and its images are spawn images.  Positions are mapped
    back into the file when a snippet is written as a block (``name: |``)."""
    from .hubconfig import ConfigReadError, read_python_config
    from .values import block_offset, pin, shift

    snippets = sorted(extra.value.items()) if isinstance(extra.value, dict) else [("", extra)]
    budget = _EXTRA_BUDGET  # YAML aliases may repeat one long snippet: the Python read in all is bounded
    lines = text.split("\n") if text is not None else None
    spawned = False  # a snippet that sets the spawner's image replaces singleuser.image
    for name, node in snippets[:_EXTRA_SNIPPETS]:
        if not isinstance(node.value, str) or len(node.value) > budget:
            continue
        budget -= len(node.value)
        try:
            part = read_python_config(node.value)
        except ConfigReadError:
            continue
        offset = block_offset(lines, node) if lines is not None else None

        def place(value: Value, node: Value = node, offset: tuple[int, int] | None = offset) -> Value:
            return shift(value, *offset) if offset is not None else pin(value, node.span)

        for (cls, trait), (value, span) in part.traits.items():
            value = place(value)
            cfg.traits[(cls, trait)] = (value, place(Value(None, span)).span)
            cfg.python_traits.add((cls, trait))
            if not cls.endswith("Spawner"):
                continue
            if trait == "cmd":
                cfg.z2jh_cmd_present, cfg.z2jh_cmd = True, value
            elif trait in _EXTRA_SETS:
                cfg.z2jh[_EXTRA_SETS[trait]] = value
        where = f"{prefix}hub.extraConfig{'.' + str(name) if name else ''}"
        for image in part.images:
            cfg.images.append(image._replace(span=place(Value(None, image.span)).span, where=f"{where}: {image.where}"))
            spawned = spawned or image.where.endswith("Spawner.image")
    if spawned:
        cfg.images = [i for i in cfg.images if not i.where.startswith(f"{prefix}singleuser.image.")]


def _hub_image(cfg: HubConfig, image: Value, prefix: str) -> None:
    """``hub.image`` with a name and a tag: the image the Hub itself runs, judged by the image-tag rules as a
    compose Hub service's ``image:`` is (without a tag the chart's own applies: not judged)."""
    found = chart_image(image)
    if found is not None and found[2] == "tag" and not found[0].startswith(":"):
        cfg.images.append(ImageValue(found[0], found[1], f"{prefix}hub.image.tag", hub=True))


# where the chart names images that run beside the servers, not as them (lists of containers, and name/tag maps)
_CONTAINER_LISTS = (
    "singleuser.initContainers",
    "singleuser.extraContainers",
    "hub.initContainers",
    "hub.extraContainers",
)
_IMAGE_MAPS = (
    "proxy.chp.image",
    "proxy.traefik.image",
    "proxy.secretSync.image",
    "scheduling.userScheduler.image",
    "prePuller.hook.image",
    "prePuller.pause.image",
)


def _other_images(cfg: HubConfig, values: dict, prefix: str) -> None:
    """The chart's images that are not spawned servers: init and extra containers (``image: name:tag``), the
    proxy's and the scheduler's images and ``prePuller.extraImages`` (``name`` + ``tag``)."""

    def at(path: str):
        node: object = values
        for part in path.split("."):
            value = node.get(part) if isinstance(node, dict) else None
            if value is None:
                return None
            node = value.value
        return node

    for path in _CONTAINER_LISTS:
        items = at(path)
        for i, item in enumerate(items if isinstance(items, list) else []):
            image = item.value.get("image") if isinstance(item.value, dict) else None
            if image is not None and isinstance(image.value, str):
                cfg.other_images.append(ImageValue(image.value, image.span, f"{prefix}{path}[{i}].image"))
    maps = [(path, at(path)) for path in _IMAGE_MAPS]
    extra = at("prePuller.extraImages")
    if isinstance(extra, dict):
        maps += [(f"prePuller.extraImages.{key}", value.value) for key, value in extra.items()]
    for path, image in maps:
        name = image.get("name") if isinstance(image, dict) else None
        if name is not None and isinstance(name.value, str):
            cfg.other_images.append(ImageValue(name.value, name.span, f"{prefix}{path}.name"))
