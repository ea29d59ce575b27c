"""Resolved lint options: what the CLI, the config file and the Python API agree on."""

from __future__ import annotations

from collections import namedtuple
from types import MappingProxyType

__all__ = ["Options", "ImageSpec", "FAIL_ON", "DeploymentFacts"]

FAIL_ON = ("error", "warning", "info", "never")
_EMPTY_MAP: MappingProxyType = MappingProxyType({})


class ImageSpec(namedtuple("ImageSpec", "provides user cmd python", defaults=((), None, None, None))):
    """A user's declaration of what one of their base images contains (``[images."…"]``)."""

    # provides: tuple[str, ...] = ()
    # user: str | None = None
    # cmd: tuple[str, ...] | None = None
    # python: str | None = None
    __slots__ = ()


class Options(
    namedtuple(
        "Options",
        "hub_version spawner_cmd build_args target context select ignore severity fail_on images "
        "inline_ignores roles respect_gitignore exclude extend_exclude role hub_source facts base",
        defaults=(
            None,
            False,
            _EMPTY_MAP,
            None,
            None,
            ("HUB",),
            (),
            _EMPTY_MAP,
            "warning",
            _EMPTY_MAP,
            True,
            (),
            True,
            None,
            (),
            None,
            None,
            None,
            False,
        ),
    )
):
    # hub_version: str | None = None
    # spawner_cmd: bool = False
    # build_args: Mapping[str, str] = {}
    # target: str | None = None
    # context: str | None = None
    # select: tuple[str, ...] = ("HUB",)
    # ignore: tuple[str, ...] = ()
    # severity: Mapping[str, str] = {}
    # fail_on: str = "warning"
    # images: Mapping[str, ImageSpec] = {}
    # inline_ignores: bool = True
    # roles: tuple[tuple[str, str, str], ...] = ()  ((folder of the config file, glob, role), config `roles`)
    # respect_gitignore: bool = True
    # exclude: tuple[tuple[str, str], ...] | None = None  ((folder, pattern); None: the default list)
    # extend_exclude: tuple[tuple[str, str], ...] = ()
    # --- decided per file before the rules run (not configuration):
    # role: "singleuser" | "hub" | "other" | None = None  (None: decide from the Dockerfile's own evidence)
    # hub_source: str | None = None  (where the Hub's version was found, when not given by --hub-version)
    # facts: DeploymentFacts | None = None  (what the deployment says about this image)
    # base: bool = False  (a single-user base that another image of the repository is built on)
    __slots__ = ()


class DeploymentFacts(
    namedtuple(
        "DeploymentFacts",
        "spawner_cmd cmd_where default_url default_url_where home_mounts binder args args_where "
        "spawner_class uid local_bases build_args_from hub_conflicts home_mounts_where",
        defaults=(None, None, None, None, None, False, None, None, None, None, (), (), (), None),
    )
):
    """What the deployment around an image says about how it is started (all optional).

    ``spawner_cmd``: the command the spawner runs (a list; None: the image's CMD), ``cmd_where`` where it is
    set; ``default_url``; ``home_mounts``: container paths the spawner mounts volumes on (None: unknown,
    assume a home volume as JupyterHub deployments usually have; ``()``: none); ``binder``: a Binder
    image (repo2docker's ``binder/`` folder: no home volume); ``args``: the spawner's args;
    ``spawner_class``; ``uid``: the UID the spawner runs the container as (z2jh ``singleuser.uid``);
    ``local_bases``: base image names (``registry/path``) that a sibling Dockerfile of the repository builds
    in the same pipeline (``FROM $REGISTRY/$OWNER/base-notebook`` beside ``images/base-notebook/``): their
    tags are the pipeline's, not a registry's; ``build_args_from``: (name, value, "path:line") of the build
    arguments the deployment passes (compose ``build.args``), for messages; ``hub_conflicts``: places in this file
    that give another Hub version than the one hublint uses: (version, what it is, span, the one used, where);
    ``home_mounts_where``: where the mounts are configured ("path:line")."""

    __slots__ = ()
