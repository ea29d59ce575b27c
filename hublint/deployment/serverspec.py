"""What a Hub configuration says about the servers it starts, besides their image and command: the environment
the spawner gives them, the user it starts the container as, the volumes it mounts, the server's root folder, an
init process, privilege escalation (Kubernetes) — each a :class:`Setting`, written in the file or the spawner's
(or the chart's) default.

Read from :class:`~.hubconfig.HubConfig` (``jupyterhub_config.py`` and z2jh values alike); nothing is evaluated.

A release's values are often spread over several files (``common.yaml`` and ``prod.yaml``): :func:`combine`
merges such layers — a setting a layer writes wins over a default, and layers that write different values make it
unknown — and :func:`agree` the specs of different deployments that start the same image (a setting is known only
where they all say the same).

The Hub's own environment (a compose service's ``environment:``) is not the servers': DockerSpawner and
KubeSpawner pass none of it on (their ``env_keep`` is empty); it counts only where ``c.Spawner.environment``
reads it (``os.environ[...]``, resolved by :mod:`.hubconfig`).
"""

from __future__ import annotations

import re

from ..records import TYPE_CHECKING, NamedTuple
from .values import UNKNOWN_VALUE, Span, UnknownKey, Value

if TYPE_CHECKING:
    from typing import Any

    from .hubconfig import HubConfig

__all__ = [
    "Setting",
    "ServerSpec",
    "server_spec",
    "combine",
    "agree",
    "is_root",
    "OWN_UID",
    "kube_mounts",
    "docker_mounts",
]

OWN_UID = "\ufffdown-uid"  # SystemUserSpawner: each user's own (non-root) uid


class Setting(NamedTuple):
    """A value (plain: str, int, bool, None, tuple; or ``UNKNOWN_VALUE``), the file that sets it, where it is written
    there (None: the default of the spawner or chart, which applies because no file sets it) and what it is
    (``singleuser.uid``, ``c.Spawner.environment``…) for messages."""

    value: Any
    path: str
    span: Span | None
    label: str

    @property
    def default(self) -> bool:
        return self.span is None

    def where(self, path: str | None = None) -> str:
        """ "values.yaml:12", or "values.yaml, the chart's default" (``path``: the file as shown)."""
        shown = path if path is not None else self.path
        return f"{shown}:{self.span[0]}" if self.span is not None else f"{shown}, {self.label}"


class ServerSpec(NamedTuple):
    """What a configuration (or the layers of one release) says about the servers it starts.

    ``platform``: "kubernetes" or "docker" (None: not known); ``env``: (name, Setting) of the variables the
    spawner sets, ``env_open``: whether it may set others hublint cannot read; ``user``: who the spawner starts
    the container as (value None: the image's USER; the setting None: the spawner leaves it to the image);
    ``privilege_escalation`` (Kubernetes: may a process gain privileges, as sudo needs); ``home``: the container
    paths of the persistent volumes meant as the user's home (a tuple; ``()``: none); ``mounts``: every container
    path mounted; ``root_dir``: the server's root folder (``notebook_dir``, KubeSpawner ``working_dir``);
    ``init``: whether the runtime adds an init process (DockerSpawner ``extra_host_config["init"]``, a pod's
    ``shareProcessNamespace``); ``cmd``: the spawner's command (value None: the image's CMD)."""

    platform: str | None = None
    env: tuple[tuple[str, Setting], ...] = ()
    env_open: bool = False
    user: Setting | None = None
    privilege_escalation: Setting | None = None
    home: Setting | None = None
    mounts: Setting | None = None
    root_dir: Setting | None = None
    init: Setting | None = None
    cmd: Setting | None = None

    def variable(self, name: str) -> Setting | None:
        for key, setting in self.env:
            if key == name:
                return setting
        return None

    def relative(self, relpath) -> ServerSpec:
        """The spec with every setting's file shown as ``relpath(path)`` gives (relative to an image's folder)."""
        fields: dict[str, Any] = {}
        for name in ("user", "privilege_escalation", "home", "mounts", "root_dir", "init", "cmd"):
            setting = getattr(self, name)
            if setting is not None:
                fields[name] = setting._replace(path=relpath(setting.path))
        fields["env"] = tuple((k, s._replace(path=relpath(s.path))) for k, s in self.env)
        return self._replace(**fields)


def is_root(setting: Setting | None) -> bool | None:
    """Does this user setting start the container as root?  None when it cannot be told (or leaves it to the
    image: value None)."""
    if setting is None:
        return None
    value = setting.value
    if value is UNKNOWN_VALUE or value is None or isinstance(value, bool):
        return None
    if value == OWN_UID:
        return False
    if isinstance(value, int):
        return value == 0
    if isinstance(value, str):
        user = value.split(":", 1)[0].strip()
        if not user or "{" in user or "\uffff" in user:
            return None
        return user in ("0", "root")
    return None


def _plain(value: Value) -> Any:
    """A Value as a plain, hashable value (lists become tuples); UNKNOWN_VALUE anywhere in it makes it unknown."""
    v = value.value
    if v is UNKNOWN_VALUE:
        return UNKNOWN_VALUE
    if isinstance(v, list):
        items = tuple(_plain(x) for x in v)
        return UNKNOWN_VALUE if any(x is UNKNOWN_VALUE for x in items) else items
    if isinstance(v, dict):
        return UNKNOWN_VALUE  # the rules read strings, numbers and booleans only
    return v


def _text(value: Value) -> Any:
    """An environment variable's value: a string (numbers and booleans as YAML/Python would pass them), else
    unknown (``valueFrom``, a callable)."""
    v = value.value
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return v if isinstance(v, str) else UNKNOWN_VALUE


def server_spec(cfg: HubConfig, path: str) -> ServerSpec:
    """What the configuration at ``path`` says about the servers it starts."""
    if cfg.kind == "z2jh":
        return _z2jh(cfg, path)
    if cfg.kind != "python":
        return ServerSpec()
    platform = _platform(cfg)
    env, env_open = _environment(cfg, path, "c.Spawner.environment")
    spec = ServerSpec(platform=platform, env=env, env_open=env_open, user=_python_user(cfg, path))
    cmd = cfg.spawner_cmd()
    return spec._replace(
        privilege_escalation=_escalation(cfg, path, None) if platform == "kubernetes" else None,
        home=_docker_volumes(cfg, path, home=True) if platform == "docker" else _kube_volumes(cfg, path, True),
        mounts=_docker_volumes(cfg, path, home=False) if platform == "docker" else _kube_volumes(cfg, path, False),
        root_dir=_root_dir(cfg, path),
        init=_docker_init(cfg, path) if platform == "docker" else _pod_init(cfg, path, None),
        cmd=Setting(_plain(cmd), path, cmd.span, "c.Spawner.cmd") if cmd is not None else None,
    )


# ---------------------------------------------------------------------- zero-to-jupyterhub values
def _z2jh(cfg: HubConfig, path: str) -> ServerSpec:
    p = cfg.prefix
    env, env_open = _environment(cfg, path, f"{p}hub.config.KubeSpawner.environment")
    extra = cfg.z2jh.get("singleuser.extraEnv")
    if extra is not None:
        found, unread = _env_entries(extra, path, f"{p}singleuser.extraEnv")
        env = tuple(found) + tuple((k, s) for k, s in env if k not in dict(found))
        env_open = env_open or unread
    uid = cfg.z2jh.get("singleuser.uid")
    if uid is None:
        user = Setting(1000, path, None, f"the chart's default {p}singleuser.uid")
    else:
        user = Setting(_plain(uid), path, uid.span, f"{p}singleuser.uid")
    if cfg.z2jh_cmd_present and cfg.z2jh_cmd is not None:
        cmd = Setting(_plain(cfg.z2jh_cmd), path, cfg.z2jh_cmd.span, f"{p}singleuser.cmd")
    else:
        cmd = Setting(("jupyterhub-singleuser",), path, None, f"the chart's default {p}singleuser.cmd")
    home, mounts = _z2jh_storage(cfg, path)
    return ServerSpec(
        platform="kubernetes",
        env=env,
        env_open=env_open,
        user=user,
        privilege_escalation=_escalation(cfg, path, cfg.z2jh.get("singleuser.allowPrivilegeEscalation")),
        home=home,
        mounts=mounts,
        root_dir=_root_dir(cfg, path),
        init=_pod_init(cfg, path, cfg.z2jh.get("singleuser.extraPodConfig")),
        cmd=cmd,
    )


def _z2jh_storage(cfg: HubConfig, path: str) -> tuple[Setting, Setting]:
    """(the home volume, every mount) of the chart's ``singleuser.storage``: ``homeMountPath`` (default
    ``/home/jovyan``) unless ``type: none``, and ``extraVolumeMounts``."""
    label = f"{cfg.prefix}singleuser.storage"
    storage = cfg.z2jh.get("singleuser.storage")
    items = storage.value if storage is not None and isinstance(storage.value, dict) else {}
    if storage is not None and not isinstance(storage.value, dict):
        unknown = Setting(UNKNOWN_VALUE, path, storage.span, label)
        return unknown, unknown
    kind, mount, extra = items.get("type"), items.get("homeMountPath"), items.get("extraVolumeMounts")
    if kind is not None and kind.value == "none":
        home = Setting((), path, kind.span, f"{label}.type")
    elif mount is not None:
        value = (mount.value,) if isinstance(mount.value, str) else UNKNOWN_VALUE
        home = Setting(value, path, mount.span, f"{label}.homeMountPath")
    elif kind is not None and kind.value not in ("dynamic", "static"):
        home = Setting(UNKNOWN_VALUE, path, kind.span, f"{label}.type")
    else:
        home = Setting(("/home/jovyan",), path, None, f"the chart's default {label}.homeMountPath")
    paths = _mount_paths(extra)
    if paths is UNKNOWN_VALUE or home.value is UNKNOWN_VALUE:
        mounts = Setting(UNKNOWN_VALUE, path, storage.span if storage is not None else None, label)
    else:
        explicit = storage is not None and (extra is not None or not home.default)
        span = storage.span if storage is not None and explicit else None
        mounts = Setting(tuple(home.value) + paths, path, span, label)
    return home, mounts


def _mount_paths(value: Value | None) -> Any:
    """The ``mountPath`` of each entry of a list of Kubernetes volume mounts (``()`` when absent)."""
    if value is None:
        return ()
    if not isinstance(value.value, list):
        return UNKNOWN_VALUE
    out = []
    for item in value.value:
        mount = item.value.get("mountPath") if isinstance(item.value, dict) else None
        if mount is None or not isinstance(mount.value, str):
            return UNKNOWN_VALUE
        out.append(mount.value)
    return tuple(out)


# ---------------------------------------------------------------------- jupyterhub_config.py
def _platform(cfg: HubConfig) -> str | None:
    cls = cfg.get("JupyterHub", "spawner_class")
    name = cls[0].value.lower() if cls is not None and isinstance(cls[0].value, str) else ""
    if "kube" in name:
        return "kubernetes"
    if any(word in name for word in ("docker", "swarm", "systemuser", "system-user")):
        return "docker"
    sections = {c for c, _ in cfg.traits}
    if "KubeSpawner" in sections:
        return "kubernetes"
    if sections & {"DockerSpawner", "SystemUserSpawner", "SwarmSpawner"}:
        return "docker"
    return None


def _environment(cfg: HubConfig, path: str, label: str) -> tuple[tuple[tuple[str, Setting], ...], bool]:
    value = cfg.trait("environment")
    if value is None:
        return (), False
    found, unread = _env_entries(value, path, label)
    return tuple(found), unread


def _env_entries(value: Value, path: str, label: str) -> tuple[list[tuple[str, Setting]], bool]:
    """(name, Setting) of a mapping of variables, or of a list of ``{name, value}`` (Kubernetes' form); whether
    some entries cannot be read."""
    out: list[tuple[str, Setting]] = []
    unread = False
    if isinstance(value.value, dict):
        for name, item in value.value.items():
            if isinstance(name, UnknownKey) or not isinstance(name, str):
                unread = True
                continue
            out.append((name, Setting(_text(item), path, item.span, f"{label}.{name}")))
    elif isinstance(value.value, list):
        for item in value.value:
            entry = item.value if isinstance(item.value, dict) else {}
            name = entry.get("name")
            if name is None or not isinstance(name.value, str):
                unread = True
                continue
            text = entry.get("value")
            out.append(
                (name.value, Setting(_text(text) if text is not None else UNKNOWN_VALUE, path, item.span, label))
            )
    else:
        unread = True
    return out, unread


def _python_user(cfg: HubConfig, path: str) -> Setting | None:
    """Who a ``jupyterhub_config.py`` spawner starts the container as (None: the image's USER decides)."""
    cls = cfg.get("JupyterHub", "spawner_class")
    if cls is not None and isinstance(cls[0].value, str):
        name = cls[0].value.rsplit(".", 1)[-1].lower()
        if name in ("systemuserspawner", "docker-system-user"):
            root = cfg.trait("run_as_root")
            if root is not None and root.value is True:
                return Setting("0", path, root.span, "SystemUserSpawner.run_as_root")
            if root is not None and root.value is not False:
                return Setting(UNKNOWN_VALUE, path, root.span, "SystemUserSpawner.run_as_root")
            return Setting(OWN_UID, path, cls[1], "SystemUserSpawner (each user's own uid)")
    kwargs = cfg.trait("extra_create_kwargs")
    if kwargs is not None:
        if not isinstance(kwargs.value, dict):
            return Setting(UNKNOWN_VALUE, path, kwargs.span, "extra_create_kwargs")
        user = kwargs.value.get("user")
        if user is not None:
            return Setting(_plain(user), path, user.span, "extra_create_kwargs['user']")
    uid = cfg.trait("uid")
    if uid is not None and uid.value is not None:
        return Setting(_plain(uid), path, uid.span, "KubeSpawner.uid")
    return None


def docker_mounts(cfg: HubConfig, traits: tuple[str, ...] = ("volumes", "read_only_volumes")) -> tuple[Any, Any, str]:
    """DockerSpawner's mounts as written: (their container paths — host -> path, or -> {"bind": path};
    ``UNKNOWN_VALUE`` when one cannot be read; None when none of ``traits`` is set —, the value of the first trait
    set (of the unreadable one), that trait's name)."""
    out: list[str] = []
    first, name = None, traits[0]
    for trait in traits:
        vols = cfg.trait(trait)
        if vols is None:
            continue
        if first is None:
            first, name = vols, trait
        if not isinstance(vols.value, dict):
            return UNKNOWN_VALUE, vols, trait
        for item in vols.value.values():
            v = _container_path(item)
            if v is None:
                return UNKNOWN_VALUE, vols, trait
            out.append(v)
    return (tuple(out) if first is not None else None), first, name


def _container_path(item) -> str | None:
    """The container path one DockerSpawner mount names (host -> path, or -> {"bind": path}); None when unread."""
    v = item.value
    if isinstance(v, dict):
        bind = v.get("bind")
        v = bind.value if bind is not None else None
    return v if isinstance(v, str) else None


# Docker's volume names (`jupyterhub-user-{username}` once its template fields are filled); a host path, or a key
# hublint cannot compute (`os.environ["DATA"] + "/{username}"`), is none
_VOLUME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_TEMPLATE_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def docker_named_mounts(cfg: HubConfig) -> tuple[str, ...]:
    """The container paths DockerSpawner's ``volumes`` mount from named volumes (the host side a name, not a path:
    `jupyterhub-user-{username}`), which Docker fills from the image when it creates them."""
    vols = cfg.trait("volumes")
    if vols is None or not isinstance(vols.value, dict):
        return ()
    out = []
    for key, item in vols.value.items():
        v = _container_path(item)
        host = key.value if hasattr(key, "value") else key
        if v is not None and isinstance(host, str) and _VOLUME_NAME.fullmatch(_TEMPLATE_FIELD.sub("x", host)):
            out.append(v[:-3] if v.endswith((":ro", ":rw")) else v)
    return tuple(out)


def _docker_volumes(cfg: HubConfig, path: str, home: bool) -> Setting:
    """DockerSpawner's mounts (``volumes``; with ``read_only_volumes`` for every mount): their container paths
    (:func:`docker_mounts`); the home volumes are the writable ones under ``/home/``."""
    paths, node, trait = docker_mounts(cfg, ("volumes",) if home else ("volumes", "read_only_volumes"))
    if paths is UNKNOWN_VALUE:
        return Setting(UNKNOWN_VALUE, path, node.span, f"DockerSpawner.{trait}")
    if paths is None:
        return Setting((), path, None, "DockerSpawner's default (no volumes)")
    out = [p[:-3] if p.endswith((":ro", ":rw")) else p for p in paths]
    if home:
        out = [p for p in out if p.startswith("/home/")]
    return Setting(tuple(out), path, node.span, "DockerSpawner.volumes")


def kube_mounts(cfg: HubConfig) -> tuple[tuple[str, ...], tuple[int, int, int, int] | None] | None:
    """(the container paths KubeSpawner's ``volume_mounts`` mount — ``()``, its default, when unset —, where they
    are set) for a KubeSpawner configuration; None when it is not one, or a mount path cannot be read."""
    if _platform(cfg) != "kubernetes":
        return None
    mounts = cfg.trait("volume_mounts")
    paths = _mount_paths(mounts)
    if paths is UNKNOWN_VALUE:
        return None
    return paths, (mounts.span if mounts is not None else None)


def _kube_volumes(cfg: HubConfig, path: str, home: bool) -> Setting | None:
    """KubeSpawner's ``volume_mounts`` (a spawner hublint does not know: None)."""
    if _platform(cfg) != "kubernetes":
        return None
    found = kube_mounts(cfg)
    mounts = cfg.trait("volume_mounts")
    if mounts is None:
        return Setting((), path, None, "KubeSpawner's default (no volumes)")
    paths: Any = UNKNOWN_VALUE if found is None else found[0]
    if paths is not UNKNOWN_VALUE and home:
        paths = tuple(p for p in paths if p.startswith("/home/"))
    return Setting(paths, path, mounts.span, "KubeSpawner.volume_mounts")


def _root_dir(cfg: HubConfig, path: str) -> Setting | None:
    for trait in ("notebook_dir", "working_dir"):
        value = cfg.trait(trait)
        if value is not None and value.value is not None:
            return Setting(_plain(value), path, value.span, f"c.Spawner.{trait}")
    return None


def _escalation(cfg: HubConfig, path: str, chart: Value | None) -> Setting:
    """May the server's processes gain privileges (sudo)?  The chart's and KubeSpawner's default is no (since
    z2jh 2.0 and KubeSpawner 2.0); a container security context set another way makes it unknown."""
    for trait in ("container_security_context", "extra_container_config"):
        other = cfg.trait(trait)
        if other is not None:
            return Setting(UNKNOWN_VALUE, path, other.span, f"KubeSpawner.{trait}")
    own = cfg.trait("allow_privilege_escalation")
    if own is not None:
        return Setting(_plain(own), path, own.span, "KubeSpawner.allow_privilege_escalation")
    if chart is not None:
        return Setting(_plain(chart), path, chart.span, f"{cfg.prefix}singleuser.allowPrivilegeEscalation")
    label = "the chart's default" if cfg.kind == "z2jh" else "KubeSpawner's default"
    return Setting(False, path, None, f"{label} allowPrivilegeEscalation: false")


def _docker_init(cfg: HubConfig, path: str) -> Setting:
    config = cfg.trait("extra_host_config")
    if config is None:
        return Setting(False, path, None, "DockerSpawner's default (no init)")
    if not isinstance(config.value, dict):
        return Setting(UNKNOWN_VALUE, path, config.span, "DockerSpawner.extra_host_config")
    init = config.value.get("init")
    if init is None:
        return Setting(False, path, None, "DockerSpawner's default (no init)")
    return Setting(_plain(init), path, init.span, "DockerSpawner.extra_host_config['init']")


def _pod_init(cfg: HubConfig, path: str, chart: Value | None) -> Setting | None:
    """A pod whose containers share one process namespace has the pause container as PID 1, which reaps."""
    if cfg.kind != "z2jh" and _platform(cfg) != "kubernetes":
        return None
    for value, label in ((cfg.trait("extra_pod_config"), "KubeSpawner.extra_pod_config"), (chart, "extraPodConfig")):
        if value is None:
            continue
        if not isinstance(value.value, dict):
            return Setting(UNKNOWN_VALUE, path, value.span, label)
        shared = value.value.get("shareProcessNamespace")
        if shared is not None:
            return Setting(_plain(shared), path, shared.span, f"{label}.shareProcessNamespace")
    return Setting(False, path, None, "no shared process namespace (the default)")


# ---------------------------------------------------------------------- layers and deployments
_FIELDS = ("user", "privilege_escalation", "home", "mounts", "root_dir", "init", "cmd")


def _same(settings: list[Setting]) -> bool:
    return len({repr(s.value) for s in settings}) == 1


def _layered(settings: list[Setting | None]) -> Setting | None:
    """One setting of a release's layers: what a layer writes beats a default; layers that write different values
    make it unknown."""
    given = [s for s in settings if s is not None]
    written = [s for s in given if not s.default]
    if written:
        return written[0] if _same(written) else written[0]._replace(value=UNKNOWN_VALUE)
    return given[0] if given else None


def combine(specs: list[ServerSpec]) -> ServerSpec | None:
    """The spec of a release whose values are spread over several files (the layers, in any order)."""
    if not specs:
        return None
    if len(specs) == 1:
        return specs[0]
    return _merged(specs, _layered, {s.platform for s in specs if s.platform})


def _agreed(settings: list[Setting | None]) -> Setting | None:
    if all(s is None for s in settings):
        return None
    if any(s is None for s in settings):
        first = next(s for s in settings if s is not None)
        return first._replace(value=UNKNOWN_VALUE)
    known = [s for s in settings if s is not None]
    return known[0] if _same(known) else known[0]._replace(value=UNKNOWN_VALUE)


def agree(specs: list[ServerSpec]) -> ServerSpec | None:
    """What the deployments that start one image all say (each spec: one deployment's, its layers combined): a
    setting on which they differ is unknown; a variable one of them does not set may or may not be there."""
    if not specs:
        return None
    if len(specs) == 1:
        return specs[0]
    return _merged(specs, _agreed, {s.platform for s in specs})


def _merged(specs: list[ServerSpec], merge, platforms: set) -> ServerSpec:
    """One spec of several: each setting and variable merged by ``merge``; the platform when only one is named."""
    fields: dict[str, Any] = {name: merge([getattr(s, name) for s in specs]) for name in _FIELDS}
    names = dict.fromkeys(k for s in specs for k, _ in s.env)
    env = tuple((k, v) for k in names if (v := merge([s.variable(k) for s in specs])) is not None)
    return ServerSpec(
        platform=platforms.pop() if len(platforms) == 1 else None,
        env=env,
        env_open=any(s.env_open for s in specs),
        **fields,
    )
