"""HUB603 deprecated-spawner-option: a deprecated name of a DockerSpawner, KubeSpawner or JupyterHub option.

The tables are read from the projects' own deprecation code (see the rule page): DockerSpawner's
``_deprecated_aliases``, KubeSpawner's ``_deprecated_traits``, the Authenticator's ``_deprecated_aliases``, and
the warnings ``JupyterHub`` logs for its moved options."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ConfigInput
from ..lint.rule import CONFIG, Rule
from ._common import written_in_yaml

RULE = Rule(
    "HUB603",
    "deprecated-spawner-option",
    "warning",
    "A deprecated spawner, authenticator or Hub option is used",
    takes=(CONFIG,),
)

# old name -> (new name, the release that deprecated it); from dockerspawner/dockerspawner.py
_DOCKERSPAWNER = {
    "container_ip": ("host_ip", "DockerSpawner 0.9"),
    "container_port": ("port", "DockerSpawner 0.9"),
    "container_image": ("image", "DockerSpawner 0.9"),
    "container_prefix": ("prefix", "DockerSpawner 0.10"),
    "container_name_template": ("name_template", "DockerSpawner 0.10"),
    "remove_containers": ("remove", "DockerSpawner 0.10"),
    "image_whitelist": ("allowed_images", "DockerSpawner 12.0"),
}
_DOCKER_CLASSES = ("DockerSpawner", "SwarmSpawner", "SystemUserSpawner", "Spawner")
# kept as a trait that only logs "Ignoring DockerSpawner.hub_ip_connect" (commit 876dc8e, DockerSpawner 13.0)
_DOCKER_IGNORED = {"hub_ip_connect": ("JupyterHub.hub_connect_ip", "DockerSpawner 13.0")}

# kubespawner/spawner.py: `image_spec`, and every `singleuser_*` / `user_storage_*` name of 0.9
_KUBESPAWNER = {"image_spec": ("image", "KubeSpawner 0.10")}
for _old in (
    "singleuser_working_dir",
    "singleuser_service_account",
    "singleuser_extra_labels",
    "singleuser_extra_annotations",
    "singleuser_image_spec",
    "singleuser_image_pull_policy",
    "singleuser_image_pull_secrets",
    "singleuser_node_selector",
    "singleuser_uid",
    "singleuser_fs_gid",
    "singleuser_supplemental_gids",
    "singleuser_privileged",
    "singleuser_allow_privilege_escalation",
    "singleuser_lifecycle_hooks",
    "singleuser_extra_pod_config",
    "singleuser_init_containers",
    "singleuser_extra_container_config",
    "singleuser_extra_containers",
    "user_storage_class",
    "user_storage_pvc_ensure",
    "user_storage_capacity",
    "user_storage_extra_labels",
    "user_storage_access_modes",
):
    _KUBESPAWNER[_old] = (_old.split("_", 1)[1], "KubeSpawner 0.9")
_KUBESPAWNER["singleuser_image_spec"] = ("image", "KubeSpawner 0.9")

# jupyterhub/auth.py: Authenticator._deprecated_aliases (any Authenticator class, OAuthenticators included)
_AUTHENTICATOR = {
    "whitelist": ("allowed_users", "JupyterHub 1.2"),
    "blacklist": ("blocked_users", "JupyterHub 1.2"),
}
# jupyterhub/auth.py: LocalAuthenticator.group_whitelist kept as a trait with no effect since 1.2 (cc8e7806)
_IGNORED = {"group_whitelist": ("allowed_groups", "JupyterHub 1.2")}

# jupyterhub/app.py: options JupyterHub moved, with the warning it logs (new name as `Class.trait`)
_JUPYTERHUB = {
    "admin_users": ("Authenticator.admin_users", "JupyterHub 0.7.2"),
    "proxy_cmd": ("ConfigurableHTTPProxy.command", "JupyterHub 0.8"),
    "proxy_auth_token": ("ConfigurableHTTPProxy.auth_token", "JupyterHub 0.8"),
    "debug_proxy": ("ConfigurableHTTPProxy.debug", "JupyterHub 0.8"),
    "proxy_check_interval": ("ConfigurableHTTPProxy.check_running_interval", "JupyterHub 0.8"),
    "proxy_api_ip": ("ConfigurableHTTPProxy.api_url", "JupyterHub 0.8"),
    "proxy_api_port": ("ConfigurableHTTPProxy.api_url", "JupyterHub 0.8"),
    "hub_connect_port": ("JupyterHub.hub_connect_url", "JupyterHub 0.9"),
    "extra_handlers": ("JupyterHub.services", "JupyterHub 3.1"),
}

# jupyterhub/app.py: kept as a trait whose help says "DEPRECATED: does nothing" (SSL no longer needs confirming)
_JUPYTERHUB_IGNORED = {"confirm_no_ssl": ("", "JupyterHub 0.7")}


def replacement(cls: str, trait: str) -> tuple[str, str, bool] | None:
    """(the option to use instead, as `Class.trait`; the release that deprecated it; whether the old name is
    ignored rather than aliased) for a deprecated ``cls.trait``, or None."""
    if cls in _DOCKER_CLASSES and trait in _DOCKERSPAWNER:
        new, since = _DOCKERSPAWNER[trait]
        return f"{cls}.{new}", since, False
    if cls in _DOCKER_CLASSES and trait in _DOCKER_IGNORED:
        new, since = _DOCKER_IGNORED[trait]
        return new, since, True
    if cls == "KubeSpawner" and trait in _KUBESPAWNER:
        new, since = _KUBESPAWNER[trait]
        return f"{cls}.{new}", since, False
    if cls.endswith("Authenticator") and trait in _AUTHENTICATOR:
        new, since = _AUTHENTICATOR[trait]
        return f"{cls}.{new}", since, False
    if cls.endswith("Authenticator") and trait in _IGNORED:
        new, since = _IGNORED[trait]
        return f"{cls}.{new}", since, True
    if cls == "JupyterHub" and trait in _JUPYTERHUB:
        new, since = _JUPYTERHUB[trait]
        return new, since, False
    if cls == "JupyterHub" and trait in _JUPYTERHUB_IGNORED:
        new, since = _JUPYTERHUB_IGNORED[trait]
        return new, since, True
    return None


def _before(hub_version: str | None, since: str) -> bool:
    """Does the deployment run a JupyterHub older than the release ``since`` ("JupyterHub 3.1")?  False when
    either is not known or ``since`` is another project's."""
    if hub_version is None or not since.startswith("JupyterHub "):
        return False
    from ..image.versions import parse_version

    have, then = parse_version(hub_version), parse_version(since.split(" ", 1)[1])
    return have is not None and then is not None and have < then


def _spawner_before(inp: ConfigInput, since: str) -> bool:
    """Does every install of the spawner a deprecation belongs to ("DockerSpawner 0.10") in the repository's Hub
    images admit only older versions (``dockerspawner==0.9.*``)?  False when none is installed, or one is
    unpinned."""
    from ..image.pep440 import version as Version

    project, _, release = since.partition(" ")
    package = project.lower()
    if package not in ("dockerspawner", "kubespawner") or inp.facts is None:
        return False
    found = [versions for name, versions in inp.facts.hub_packages if name == package]
    return bool(found) and all(
        v is not None and not v.unconstrained and not v.admits_from(Version(release)) for v in found
    )


def _from_source(inp: ConfigInput, since: str) -> bool:
    """Does a Hub image of the repository build the project a deprecation belongs to ("KubeSpawner 0.10",
    "JupyterHub 1.2") from its git repository — a commit whose version hublint cannot tell?"""
    package = since.partition(" ")[0].lower()
    return inp.facts is not None and any(n == package and v is None for n, v in inp.facts.hub_packages)


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for (cls, trait), (_, target_span) in sorted(cfg.traits.items()):
        found = replacement(cls, trait)
        if found is None:
            continue
        new, since, ignored = found
        if _before(inp.hub_version, since) or _spawner_before(inp, since):
            continue  # the deployment's Hub (or spawner) predates the deprecation: there the option is current
        if _from_source(inp, since):
            continue  # built from a commit of its source: whether it predates the deprecation is not known
        yaml = written_in_yaml(cfg, cls, trait)
        old = f"hub.config.{cls}.{trait}" if yaml else f"c.{cls}.{trait}"
        if ignored:
            yield Hit(
                f"`{old}` has no effect since {since}: the setting is ignored",
                *target_span,
                help=f"use `{new if yaml else 'c.' + new}`" if new else "remove it: nothing replaces it",
            )
        else:
            yield Hit(
                f"`{old}` is deprecated since {since}",
                *target_span,
                help=f"use `{new if yaml else 'c.' + new}`",
            )
