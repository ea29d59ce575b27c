"""The registry: every rule, in code order — an explicit list of rule modules.

Each module declares its identity once (``RULE = Rule(code, name, severity, summary, …)``) and its checks
(``check`` for images, ``check_config`` for deployment files).  Adding a rule is adding its module here.
"""

from __future__ import annotations

from types import ModuleType

from ..lint.rule import CONFIG, IMAGE, Checker, Rule, matches
from ..lint.rule import resolve_selector as _resolve
from . import (
    hub001_parse_error,
    hub002_unknown_code_in_pragma,
    hub003_file_not_read,
    hub101_untagged_base_image,
    hub102_latest_tag,
    hub103_moving_tag,
    hub104_frozen_registry,
    hub105_python_too_old,
    hub106_unresolved_base_image,
    hub107_unknown_base_image,
    hub108_unpublished_tag,
    hub201_missing_jupyterhub,
    hub202_missing_notebook_server,
    hub203_unpinned_jupyterhub,
    hub204_jupyterhub_version_mismatch,
    hub205_jupyterhub_version_drift,
    hub206_invalid_requirement,
    hub207_conda_only_package_via_pip,
    hub208_hub_package_in_user_image,
    hub209_notebook7_with_jupyterhub1,
    hub210_incompatible_server_packages,
    hub211_server_not_on_path,
    hub212_jupyterhub_xsrf_regression,
    hub213_extension_step_cannot_run,
    hub214_proxy_without_program,
    hub215_unregistered_kernel_env,
    hub216_notebook6_on_python312,
    hub301_root_user,
    hub302_implicit_root_user,
    hub303_non_numeric_user,
    hub304_root_only_variables,
    hub401_missing_cmd,
    hub402_non_singleuser_cmd,
    hub403_shell_form_cmd,
    hub404_deprecated_launcher,
    hub405_entrypoint_swallows_cmd,
    hub406_entrypoint_replaces_start_sh,
    hub407_unverifiable_cmd,
    hub408_legacy_singleuser_flags,
    hub409_spawner_cmd_not_in_image,
    hub410_broken_exec_form,
    hub411_no_init_process,
    hub412_healthcheck_without_prefix,
    hub501_baked_hub_secret,
    hub502_baked_hub_env,
    hub503_invalid_singleuser_app,
    hub504_files_in_home,
    hub505_baked_server_config,
    hub506_default_url_ui_missing,
    hub507_home_not_mounted,
    hub508_install_into_home,
    hub601_spawner_cmd_string,
    hub602_args_ignored_without_cmd,
    hub603_deprecated_spawner_option,
    hub604_hub_version_conflict,
    hub605_singleuser_app_setting,
    hub606_null_cmd_image_not_launcher,
)

__all__ = ["RULES", "CHECKERS", "BY_CODE", "BY_NAME", "ROLE_NAMES", "resolve_selector", "matches"]

MODULES: tuple[ModuleType, ...] = (
    hub001_parse_error,
    hub002_unknown_code_in_pragma,
    hub003_file_not_read,
    hub101_untagged_base_image,
    hub102_latest_tag,
    hub103_moving_tag,
    hub104_frozen_registry,
    hub105_python_too_old,
    hub106_unresolved_base_image,
    hub107_unknown_base_image,
    hub108_unpublished_tag,
    hub201_missing_jupyterhub,
    hub202_missing_notebook_server,
    hub203_unpinned_jupyterhub,
    hub204_jupyterhub_version_mismatch,
    hub205_jupyterhub_version_drift,
    hub206_invalid_requirement,
    hub207_conda_only_package_via_pip,
    hub208_hub_package_in_user_image,
    hub209_notebook7_with_jupyterhub1,
    hub210_incompatible_server_packages,
    hub211_server_not_on_path,
    hub212_jupyterhub_xsrf_regression,
    hub213_extension_step_cannot_run,
    hub214_proxy_without_program,
    hub215_unregistered_kernel_env,
    hub216_notebook6_on_python312,
    hub301_root_user,
    hub302_implicit_root_user,
    hub303_non_numeric_user,
    hub304_root_only_variables,
    hub401_missing_cmd,
    hub402_non_singleuser_cmd,
    hub403_shell_form_cmd,
    hub404_deprecated_launcher,
    hub405_entrypoint_swallows_cmd,
    hub406_entrypoint_replaces_start_sh,
    hub407_unverifiable_cmd,
    hub408_legacy_singleuser_flags,
    hub409_spawner_cmd_not_in_image,
    hub410_broken_exec_form,
    hub411_no_init_process,
    hub412_healthcheck_without_prefix,
    hub501_baked_hub_secret,
    hub502_baked_hub_env,
    hub503_invalid_singleuser_app,
    hub504_files_in_home,
    hub505_baked_server_config,
    hub506_default_url_ui_missing,
    hub507_home_not_mounted,
    hub508_install_into_home,
    hub601_spawner_cmd_string,
    hub602_args_ignored_without_cmd,
    hub603_deprecated_spawner_option,
    hub604_hub_version_conflict,
    hub605_singleuser_app_setting,
    hub606_null_cmd_image_not_launcher,
)


def _checker(module: ModuleType) -> Checker:
    rule: Rule = module.RULE
    return Checker(
        rule,
        module.check if IMAGE in rule.takes else None,
        module.check_config if CONFIG in rule.takes else None,
    )


CHECKERS: tuple[Checker, ...] = tuple(_checker(m) for m in MODULES)
RULES: tuple[Rule, ...] = tuple(c.rule for c in CHECKERS)
BY_CODE = {r.code: r for r in RULES}
BY_NAME = {r.name: r for r in RULES}
ROLE_NAMES = ("singleuser", "hub", "other")


def resolve_selector(text: str) -> list[Rule] | None:
    """The rules a selector (a code, a name or a code prefix such as ``HUB2``) names; None if it names none."""
    return _resolve(RULES, text)


def did_you_mean(text: str) -> str:
    """ " (did you mean `HUB301`?)" for a selector that names no rule, or "" when no rule is near."""
    from ..lint.rule import did_you_mean as near

    return near(RULES, text)
