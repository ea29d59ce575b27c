"""The rule registry: every code, its name, default severity and check — an explicit table.

A rule's page in ``rules/`` carries the same code, name and severity in its front matter
(``tests/test_rule_pages.py`` keeps them in step).  Checks are imported lazily, so listing
rules or printing a page imports no rule code.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator

__all__ = ["Rule", "RULES", "BY_CODE", "BY_NAME", "resolve_selector", "matches"]


class Rule(
    namedtuple(
        "Rule",
        "code name severity summary module targets roles finished",
        defaults=(("dockerfile",), ("singleuser",), False),
    )
):
    # code: str
    # name: str
    # severity: str
    # summary: str
    # module: str | None  (under hublint.checks; None for engine-level rules)
    # targets: what it reads: "dockerfile" (check(ctx)) and/or "config" (check_config(cfg, options))
    # roles: the image roles it judges (RULES.md "Roles"): single-user rules judge single-user images only;
    #        the image-tag rules also judge Hub images; nothing judges `other` images
    # finished: it is about what the finished image must have (jupyterhub, a server, a CMD, a non-root
    #        user), so a single-user base that another image of the repository builds on is not judged
    __slots__ = ()

    @property
    def check(self) -> Callable[..., Iterator]:
        return _function(self.module, "check")

    @property
    def check_config(self) -> Callable[..., Iterator]:
        return _function(self.module, "check_config")

    @property
    def page(self) -> str:
        return f"{self.code}-{self.name}.md"


_FUNCTIONS: dict[tuple[str, str], Callable] = {}


def _function(module: str, name: str) -> Callable:
    """A rule module's function, imported on first use."""
    key = (module, name)
    fn = _FUNCTIONS.get(key)
    if fn is None:
        fn = _FUNCTIONS[key] = getattr(import_module(f"hublint.checks.{module}"), name)
    return fn


def import_module(name: str):
    """``importlib.import_module`` without importing importlib (and warnings) on the start-up path."""
    import sys

    module = sys.modules.get(name)
    if module is None:
        __import__(name)
        module = sys.modules[name]
    return module


RULES: tuple[Rule, ...] = (
    Rule("HUB001", "parse-error", "error", "The file is not a Dockerfile BuildKit can read", None),
    Rule("HUB002", "unknown-code-in-pragma", "warning", "A hublint pragma names an unknown rule", None),
    Rule(
        "HUB101",
        "untagged-base-image",
        "error",
        "A base image has neither tag nor digest",
        "hub101_untagged_base_image",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
    Rule(
        "HUB102",
        "latest-tag",
        "error",
        "A base image uses a latest tag",
        "hub102_latest_tag",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
    Rule(
        "HUB103",
        "moving-tag",
        "warning",
        "A Jupyter base image uses a tag that every build re-points",
        "hub103_moving_tag",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
    Rule(
        "HUB104",
        "frozen-registry",
        "warning",
        "A docker-stacks image comes from the frozen Docker Hub copies",
        "hub104_frozen_registry",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
    Rule(
        "HUB105",
        "python-too-old",
        "error",
        "The image's Python is older than its jupyterhub requires",
        "hub105_python_too_old",
    ),
    Rule(
        "HUB106",
        "unresolved-base-image",
        "info",
        "The base image is a variable with no value",
        "hub106_unresolved_base_image",
    ),
    Rule(
        "HUB107",
        "unknown-base-image",
        "info",
        "hublint cannot see what the base image contains",
        "hub107_unknown_base_image",
    ),
    Rule(
        "HUB108",
        "unpublished-tag",
        "error",
        "A known image's tag was never published on that registry",
        "hub108_unpublished_tag",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
    Rule(
        "HUB201",
        "missing-jupyterhub",
        "error",
        "The image has no jupyterhub",
        "hub201_missing_jupyterhub",
        finished=True,
    ),
    Rule(
        "HUB202",
        "missing-notebook-server",
        "error",
        "The image has no single-user server package",
        "hub202_missing_notebook_server",
        finished=True,
    ),
    Rule(
        "HUB203",
        "unpinned-jupyterhub",
        "warning",
        "jupyterhub is installed without a major-version pin",
        "hub203_unpinned_jupyterhub",
    ),
    Rule(
        "HUB204",
        "jupyterhub-version-mismatch",
        "error",
        "The image's jupyterhub cannot match the Hub's version",
        "hub204_jupyterhub_version_mismatch",
        ("dockerfile", "config"),
    ),
    Rule(
        "HUB205",
        "jupyterhub-version-drift",
        "info",
        "The image's jupyterhub differs slightly from the Hub's",
        "hub205_jupyterhub_version_drift",
        ("dockerfile", "config"),
    ),
    Rule(
        "HUB206",
        "invalid-requirement",
        "error",
        "A package spec that the installer rejects or the shell mangles",
        "hub206_invalid_requirement",
    ),
    Rule(
        "HUB207",
        "conda-only-package-via-pip",
        "error",
        "pip installs a package name that exists only on conda-forge",
        "hub207_conda_only_package_via_pip",
    ),
    Rule(
        "HUB208",
        "hub-package-in-user-image",
        "info",
        "conda installs the whole Hub into a single-user image",
        "hub208_hub_package_in_user_image",
    ),
    Rule(
        "HUB209",
        "notebook7-with-jupyterhub1",
        "error",
        "jupyterhub 1.x with notebook 7 cannot start",
        "hub209_notebook7_with_jupyterhub1",
    ),
    Rule(
        "HUB210",
        "incompatible-server-packages",
        "error",
        "Package versions that cannot work together",
        "hub210_incompatible_server_packages",
    ),
    Rule(
        "HUB211",
        "server-not-on-path",
        "error",
        "jupyterhub is installed where the image's PATH does not reach",
        "hub211_server_not_on_path",
        finished=True,
    ),
    Rule("HUB301", "root-user", "error", "The image runs as root", "hub301_root_user", finished=True),
    Rule(
        "HUB302",
        "implicit-root-user",
        "warning",
        "No USER is set and the base image runs as root",
        "hub302_implicit_root_user",
        finished=True,
    ),
    Rule("HUB303", "non-numeric-user", "info", "The image's USER is a name, not a UID", "hub303_non_numeric_user"),
    Rule(
        "HUB401",
        "missing-cmd",
        "error",
        "The image has no CMD that starts the single-user server",
        "hub401_missing_cmd",
        finished=True,
    ),
    Rule(
        "HUB402",
        "non-singleuser-cmd",
        "error",
        "The CMD does not start a JupyterHub single-user server",
        "hub402_non_singleuser_cmd",
        finished=True,
    ),
    Rule("HUB403", "shell-form-cmd", "warning", "CMD or ENTRYPOINT in shell form", "hub403_shell_form_cmd"),
    Rule("HUB404", "deprecated-launcher", "info", "The CMD uses a deprecated launcher", "hub404_deprecated_launcher"),
    Rule(
        "HUB405",
        "entrypoint-swallows-cmd",
        "error",
        "The ENTRYPOINT ignores or swallows the spawner's command",
        "hub405_entrypoint_swallows_cmd",
    ),
    Rule(
        "HUB406",
        "entrypoint-replaces-start-sh",
        "warning",
        "An ENTRYPOINT drops docker-stacks' start.sh",
        "hub406_entrypoint_replaces_start_sh",
    ),
    Rule(
        "HUB407",
        "unverifiable-cmd",
        "info",
        "The CMD runs a program hublint cannot read",
        "hub407_unverifiable_cmd",
        finished=True,
    ),
    Rule(
        "HUB408",
        "legacy-singleuser-flags",
        "error",
        "Options jupyterhub-singleuser no longer accepts",
        "hub408_legacy_singleuser_flags",
        finished=True,
    ),
    Rule(
        "HUB409",
        "spawner-cmd-not-in-image",
        "error",
        "The deployment's spawner command is not in the image",
        "hub409_spawner_cmd_not_in_image",
        finished=True,
    ),
    Rule(
        "HUB410",
        "broken-exec-form",
        "error",
        "A CMD or ENTRYPOINT that looks like exec form is not JSON",
        "hub410_broken_exec_form",
    ),
    Rule(
        "HUB501",
        "baked-hub-secret",
        "error",
        "A JupyterHub token or secret is baked into the image",
        "hub501_baked_hub_secret",
    ),
    Rule(
        "HUB502",
        "baked-hub-env",
        "warning",
        "ENV sets a variable the Hub provides at spawn time",
        "hub502_baked_hub_env",
    ),
    Rule(
        "HUB503",
        "invalid-singleuser-app",
        "error",
        "JUPYTERHUB_SINGLEUSER_APP cannot work in this image",
        "hub503_invalid_singleuser_app",
    ),
    Rule(
        "HUB504",
        "files-in-home",
        "info",
        "Files copied into the home folder, which a home volume hides",
        "hub504_files_in_home",
    ),
    Rule(
        "HUB505",
        "baked-server-config",
        "warning",
        "The image sets server options the Hub must control",
        "hub505_baked_server_config",
    ),
    Rule(
        "HUB506",
        "default-url-ui-missing",
        "error",
        "The deployment's default URL opens a UI the image lacks",
        "hub506_default_url_ui_missing",
        finished=True,
    ),
    Rule(
        "HUB601",
        "spawner-cmd-string",
        "error",
        "The spawner command is one string with spaces",
        "hub601_spawner_cmd_string",
        ("config",),
    ),
    Rule(
        "HUB602",
        "args-ignored-without-cmd",
        "warning",
        "KubeSpawner args are set without a cmd",
        "hub602_args_ignored_without_cmd",
        ("config",),
    ),
    Rule(
        "HUB603",
        "deprecated-spawner-option",
        "warning",
        "A deprecated spawner, authenticator or Hub option is used",
        "hub603_deprecated_spawner_option",
        ("config",),
    ),
    Rule(
        "HUB604",
        "hub-version-conflict",
        "info",
        "The deployment's files disagree on the Hub's version",
        "hub604_hub_version_conflict",
        ("dockerfile", "config"),
        ("singleuser", "hub"),
    ),
)

BY_CODE = {r.code: r for r in RULES}
ROLE_NAMES = ("singleuser", "hub", "other")
BY_NAME = {r.name: r for r in RULES}


def resolve_selector(text: str) -> list[Rule] | None:
    """Rules a selector (code, name or code prefix such as ``HUB2``) names; None if it names none."""
    text = text.strip()
    if text in BY_NAME:
        return [BY_NAME[text]]
    upper = text.upper()
    found = [r for r in RULES if r.code.startswith(upper)] if upper.startswith("HUB") else []
    return found or None


def matches(rule: Rule, selectors: tuple[str, ...]) -> bool:
    for sel in selectors:
        if sel == rule.name or (sel.upper().startswith("HUB") and rule.code.startswith(sel.upper())):
            return True
    return False
