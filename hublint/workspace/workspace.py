"""What stays true between runs while the files on disk do not change: where the configuration files are and
the deployments built.  The command line makes one per run; the language server keeps one for its life and
calls :meth:`Workspace.forget` when a file changes on disk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..records import TYPE_CHECKING
from .facts import hub_packages
from .graph import Deployment, read_files
from .hubs import collect_hub_sources
from .roles import by_folder, decide_roles

if TYPE_CHECKING:
    from ..settings.options import Settings
    from .sources import Sources

__all__ = ["Workspace", "build_deployment"]

MAX_DEPLOYMENTS = 32


class Workspace:
    def __init__(self) -> None:
        self.config_paths: dict[str, str | None] = {}  # folder -> its configuration file (settings.find_config)
        self._deployments: dict[tuple, Deployment] = {}

    def forget(self) -> None:
        """Files changed on disk: find the configuration files and build the deployments again."""
        self.config_paths.clear()
        self._deployments.clear()

    def deployment(
        self, root: str, settings: Settings, sources: Sources, overrides: Mapping[str, str], extra: Iterable[str]
    ) -> Deployment:
        """The deployment of the repository at ``root``, built once per settings and unsaved buffers."""
        extra = tuple(sorted(extra))
        key = (
            root,
            repr(settings.build_args.items()),
            settings.context,
            repr(settings.images),
            settings.respect_gitignore,
            settings.exclude,
            settings.extend_exclude,
            tuple(sorted(overrides.items())),
            extra,
        )
        found = self._deployments.get(key)
        if found is None:
            if len(self._deployments) > MAX_DEPLOYMENTS:
                self._deployments.clear()
            found = self._deployments[key] = build_deployment(root, settings, sources, extra)
        return found


def build_deployment(root: str, settings: Settings, sources: Sources, extra: Iterable[str] = ()) -> Deployment:
    """The deployment of the repository at ``root``: its files read (:func:`~.graph.read_files`), then where
    it states the Hub's version, then every role."""
    dep = Deployment(root, settings, sources)
    read_files(dep, extra)
    collect_hub_sources(dep)
    dep.folders = by_folder(dep.units.values())
    dep.roles = decide_roles(dep)
    dep.hub_packages = hub_packages(dep)  # read while every analysis is held (linting releases them)
    return dep
