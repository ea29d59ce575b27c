"""An install under a shell guard is conditional (issue 29, class 9): the shell reader follows `if`/`elif`/
`else`/`fi` and `&&`/`||`, a test the build's known values decide is evaluated, and the installs of a branch
that is never taken are not read (no HUB206 for `jupyterhub==` built from an empty variable)."""

import pytest
from conftest import codes, lint_repo

from hublint.dockerfile.shell import commands, guard_value


def _runs(script, env=None):
    """{command text: whether it runs} (None: cannot be decided)."""
    return {" ".join(c.argv): guard_value(c) for c in commands(script, env or {})}


@pytest.mark.parametrize(
    "script, env, runs",
    [
        ('if [ -n "$V" ]; then pip install "a==$V"; fi', {"V": ""}, False),
        ('if [ -n "$V" ]; then pip install "a==$V"; fi', {"V": "1"}, True),
        ('if [ -z "$V" ]; then :; else pip install "a==$V"; fi', {"V": ""}, False),
        ('if [ -z "$V" ]; then :; else pip install "a==$V"; fi', {"V": "1"}, True),
        ('if [ "$V" = 1 ]; then :; elif [ "$V" = 2 ]; then pip install "a==$V"; fi', {"V": "2"}, True),
        ('if [ "$V" = 2 ]; then :; elif [ "$V" = 2 ]; then pip install "a==$V"; fi', {"V": "2"}, False),
        ('[ -n "$V" ] && pip install "a==$V"', {"V": ""}, False),
        ('[ -z "$V" ] || pip install "a==$V"', {"V": ""}, False),
        ('test "$V" != "" && pip install "a==$V"', {"V": ""}, False),
        ('[[ -n $V ]] && pip install "a==$V"', {"V": ""}, False),
        ('[ ! -n "$V" ] || pip install "a==$V"', {"V": ""}, False),
        ('! [ -z "$V" ] && pip install "a==$V"', {"V": ""}, False),
        ('if [ -n "$V" ]; then pip install "a==$V"; fi', {}, None),  # V unknown
        ('if [ "$(uname -m)" = x86_64 ]; then pip install "a==$V"; fi', {"V": "1"}, None),
        ('if [ -n "$V" ] && [ -n "$W" ]; then pip install "a==$V"; fi', {"V": "", "W": ""}, None),  # two tests
        ('[[ "$V" == 1* ]] && pip install "a==$V"', {"V": "1"}, None),  # a pattern
        ('true && pip install "a==$V"', {"V": "1"}, None),
        ('pip install "a==$V"', {"V": ""}, True),
        ('[ -n "$V" ]; pip install "a==$V"', {"V": ""}, True),  # `;` is not a condition
        ('[ -n "$V" ] | pip install "a==$V"', {"V": ""}, True),
    ],
)
def test_which_installs_run(script, env, runs):
    got = _runs(script, env)
    install = next(k for k in got if k.startswith(("pip", "then pip", "else pip")) or " pip " in f" {k} ")
    assert got[install] is runs


def test_nested_branches_and_the_commands_after_them():
    script = 'if [ -n "$A" ]; then\n  if [ -n "$B" ]; then pip install b; fi\n  pip install a\nfi\npip install c\n'
    got = _runs(script, {"A": "1", "B": ""})
    assert got["then pip install b"] is False
    assert got["pip install a"] is True
    assert got["pip install c"] is True
    got = _runs(script, {"A": "", "B": "1"})
    assert got["then pip install b"] is False and got["pip install a"] is False and got["pip install c"] is True


def test_or_after_and_runs_when_either_fails():
    got = _runs('[ -n "$V" ] && pip install "a==$V" || pip install a', {"V": ""})
    assert got["pip install a=="] is False
    assert got["pip install a"] is not False


def test_sh_c_inherits_the_condition_of_the_shell_command():
    got = _runs("""[ -n "$V" ] && sh -c 'pip install "a==$V"'""", {"V": ""})
    assert got["pip install a=="] is False


def test_hostile_structure_never_breaks_the_reader():
    for script in ("fi\n" * 500 + "then pip install a\nelse\nelif\n", "if " * 3000, "if [ ; then ] fi", "[ ]] && x",
                   "if true; then " * 500 + "pip install a" + "; fi" * 400):
        for cmd in commands(script):
            guard_value(cmd)


def test_long_lists_and_branches_keep_every_condition():
    """Each command holds the conditions before it however many there are: a false test at the head of a long
    `&&` list, an `elif` far down a chain, the innermost of many nested `if`s."""
    got = _runs('[ -n "$V" ] && ' + "a && " * 3000 + "pip install x", {"V": ""})
    assert got["pip install x"] is False
    got = _runs('[ -z "$V" ] && ' + "a && " * 3000 + "pip install x", {"V": ""})
    assert got["pip install x"] is None  # `a` cannot be decided
    got = _runs('if [ -z "$V" ]; then a; ' + "elif b; then c; " * 2000 + "elif d; then pip install x; fi", {"V": ""})
    assert got["then pip install x"] is False  # the first branch is taken
    got = _runs('if [ -n "$V" ]; then ' + "if a; then " * 2000 + "pip install x" + "; fi" * 2001, {"V": ""})
    assert got["then pip install x"] is False
    got = _runs("if " * 3000 + "pip install x")  # 3,000 reserved words opening one command
    assert got["if " * 3000 + "pip install x"] is True


# --------------------------------------------------------------------------- the rules

BASE = "FROM quay.io/jupyter/base-notebook:2024-05-27\n"


def test_no_empty_pin_from_an_untaken_branch():
    text = BASE + 'ARG JUPYTERHUB_VERSION=\nRUN if [ -n "$JUPYTERHUB_VERSION" ]; then \\\n' \
                  '        pip install --no-cache-dir "jupyterhub==$JUPYTERHUB_VERSION"; \\\n    fi\n'
    assert ("HUB206", 3) not in codes(text)
    assert ("HUB205", 1) in codes(text, hub_version="5.2.1")  # the base's jupyterhub 5.0.0 stays
    # the build passes a version: the branch is taken and the pin counts
    assert ("HUB204", 3) in codes(text, hub_version="5.2.1", build_args={"JUPYTERHUB_VERSION": "4.1.6"})


def test_the_deployment_build_argument_takes_the_branch():
    dockerfile = BASE + 'ARG JUPYTERHUB_VERSION=\nRUN [ -z "$JUPYTERHUB_VERSION" ] || pip install "jupyterhub==$JUPYTERHUB_VERSION"\n'
    compose = ("services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n  notebook:\n    build:\n"
               "      context: singleuser\n      args:\n        JUPYTERHUB_VERSION: 5.2.1\n")
    found = {(f.path, f.code) for f in lint_repo({"docker-compose.yml": compose, "singleuser/Dockerfile": dockerfile})}
    assert ("singleuser/Dockerfile", "HUB205") not in found and ("singleuser/Dockerfile", "HUB206") not in found


def test_an_unquoted_spec_in_the_hubs_own_image_is_reported_and_not_in_other_images():
    """HUB206 judges the Hub's image as well as single-user images (`oauthenticator>=16` installs any version
    there too); a database or proxy image is nobody's JupyterHub image."""
    hub = "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install oauthenticator>=16.0.0\n"
    found = lint_repo({"hub/Dockerfile": hub}, "HUB206")
    assert [(f.line, f.severity) for f in found] == [(2, "error")] and "oauthenticator" in found[0].message
    assert lint_repo({"db/Dockerfile": "FROM postgres:16\nRUN pip install psycopg>=3\n"}, "HUB206") == []
