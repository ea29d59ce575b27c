"""What a rule receives: frozen inputs, built once per unit by the workspace, never changed afterwards.

- :class:`ImageInput`: one build target of a Dockerfile — its analysis (:class:`hublint.image.analysis.
  ImageAnalysis`), the role decided for it, the Hub's version that applies and what the deployment says about
  how it is started (:class:`DeploymentFacts`);
- :class:`ConfigInput`: a deployment file (``jupyterhub_config.py``, z2jh values, compose, ``.env``) — the
  configuration read from it, the Hub's version and the user's image declarations.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..image.spec import ImageSpec
from ..records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

    from ..deployment.hubconfig import HubConfig
    from ..deployment.serverspec import ServerSpec
    from ..image.analysis import ImageAnalysis

__all__ = ["DeploymentFacts", "ImageInput", "ConfigInput"]


class DeploymentFacts(NamedTuple):
    """What the deployment around an image says about how it is started (all optional).

    ``spawner_cmd``: the command the spawner runs (None: the image's CMD), ``cmd_where`` where it is set;
    ``default_url``; ``home_mounts``: container paths the spawner mounts volumes on (None: unknown, assume a
    home volume as JupyterHub deployments usually have; ``()``: none); ``binder``: a Binder image (repo2docker's
    ``binder/`` folder: no home volume); ``args``: the spawner's args; ``spawner_class``; ``uid``: the UID the
    spawner runs the container as (z2jh ``singleuser.uid``); ``local_bases``: base image names
    (``registry/path``) that a sibling Dockerfile of the repository builds in the same pipeline
    (``FROM $REGISTRY/$OWNER/base-notebook`` beside ``images/base-notebook/``): their tags are the pipeline's,
    not a registry's; ``built_bases``: other bases the repository builds, written literally as a name a
    definition builds (the same tag): their tags are judged, and HUB107 says they are built here;
    ``build_args_from``: (name, value, "path:line") of the build arguments the deployment
    passes (compose ``build.args``), for messages; ``hub_conflicts``: places in this file that give another Hub
    version than the one hublint uses: (version, what it is, span, the one used, where); ``home_mounts_where``:
    where the mounts are configured ("path:line"); ``user_set_by``: for a spawn image, who the spawner runs the
    container as and where that is set ("the user's own uid (SystemUserSpawner), jupyterhub_config.py:2";
    ``extra_create_kwargs['user']``, KubeSpawner ``uid``, z2jh ``singleuser.uid`` — 1000 by default), so that
    the image's ``USER`` does not decide it (None: the image's user does); ``server``: what the deployments that
    spawn the image say about the servers they start — environment, user, volumes, root folder, init, privilege
    escalation (:class:`hublint.deployment.serverspec.ServerSpec`, its layers combined and its files shown
    relative to the image's folder; None: no configuration applies to it); ``spawned``: a configuration spawns
    the image by name (False: ``server`` is the enclosing deployment's, which may start it or not); for a
    deployment file, its own
    deployment's, relative to its folder; ``built``: the names (``registry/path:tag``) of the images the repository
    builds (for a deployment file: the image rules judge those, the configuration's rules need not; for an
    image: a base it names literally is the repository's own last build);
    ``built_tags``: for a deployment file, the references with a literal tag that the repository's build
    definitions build, each with where (``example.org/team/lab:stable``, "build.sh:4 (`docker build` as …)"): a
    tag the repository rebuilds; ``user_maybe_set_by``: for an image no configuration spawns by name, who the
    spawner of its enclosing deployment runs containers as and where that is set, when that configuration names no
    image hublint can read (``os.environ["IMAGE"]``) and its user is not root: it may spawn this one (a weak premise
    for the image's own root user); ``uid_everywhere``: for an image no deployment of the repository applies to,
    where the repository's deployments set the uid pods run as — every Kubernetes one does, and the others start no
    pods (None: not so)."""

    spawner_cmd: tuple[str, ...] | None = None
    cmd_where: str | None = None
    default_url: str | None = None
    default_url_where: str | None = None
    home_mounts: tuple[str, ...] | None = None
    binder: bool = False
    args: Any = None
    args_where: str | None = None
    spawner_class: str | None = None
    uid: Any = None
    local_bases: tuple[str, ...] = ()
    build_args_from: tuple[tuple[str, str, str], ...] = ()
    hub_conflicts: tuple = ()
    home_mounts_where: str | None = None
    user_set_by: str | None = None
    server: ServerSpec | None = None
    spawned: bool = False
    built: tuple[str, ...] = ()
    built_tags: tuple[tuple[str, str], ...] = ()
    user_maybe_set_by: tuple[str, str] | None = None
    uid_everywhere: str | None = None  # no deployment applies, but each of the repository's sets the pod's uid
    configured: bool = False  # a deployment's configuration applies to the image (it spawns it, or encloses it)
    # the uid, not root, that a deployment applying to the image runs its pods as — one that spawns images or that a
    # release deploys, not values only guessed at (z2jh's `singleuser.uid`, 1000 by default; `KubeSpawner.uid`)
    pods_uid: str | None = None
    built_bases: tuple[str, ...] = ()
    # the spawner packages the repository's Hub images install, with the versions each install admits
    # (None: any): ("dockerspawner", VersionSet) — which deprecations apply to its configurations (HUB603)
    hub_packages: tuple[tuple[str, Any], ...] = ()
    # where a Hub configuration applying to the image hands its settings to code hublint does not read
    # (`configure_spawner(c)`, `load_subconfig(…)`: "path:line"): a setting it does not show may be set there
    settings_elsewhere: str | None = None
    # Dockerfiles here (marked paths) that no build definition names, near the image, installing jupyterhub or a
    # server themselves: one of them may build its unknown base (HUB107 names them)
    base_candidates: tuple[str, ...] = ()
    # the container paths of ``home_mounts`` that are DockerSpawner named volumes (`jupyterhub-user-{username}`),
    # which Docker fills from the image when it creates them, at the user's first start, and never again
    seeded_mounts: tuple[str, ...] | None = None


class ImageInput(NamedTuple):
    """One build target of a Dockerfile, as its image rules see it."""

    image: ImageAnalysis  # the analysed build target: stages, base image, installs, CMD…
    path: str  # as reported
    text: str
    role: str  # "singleuser" | "hub" | "other"
    base: bool = False  # a single-user base another image of the repository is built on
    hub_version: str | None = None  # --hub-version, the configuration's, or the deployment's
    hub_source: str | None = None  # where the deployment says it (None: given as a setting)
    spawner_cmd: bool = False  # the deployment sets the single-user command (c.Spawner.cmd, z2jh singleuser.cmd)
    facts: DeploymentFacts | None = None  # None: no deployment around the file (a text linted alone)
    certainty: str = "certain"  # how sure the role is: "certain" | "likely" | "weak"
    hub_certainty: str = "certain"  # how sure the Hub version's source is ("weak": a repository's own convention)


class ConfigInput(NamedTuple):
    """A deployment file, as the configuration rules see it."""

    config: HubConfig  # its spawn images and spawner settings (compose and .env: the images their text holds)
    path: str
    text: str
    images: Mapping[str, ImageSpec]  # the user's declarations of their base images
    hub_version: str | None = None
    hub_source: str | None = None
    facts: DeploymentFacts | None = None
    hub_certainty: str = "certain"  # as ImageInput's
