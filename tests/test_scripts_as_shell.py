"""Launcher scripts are read as the shell reads them (issue 29, class 7): comments are not commands, options
belong to the command they follow, and a wrapper that hands the spawner's command over is not HUB405."""

import pytest
from conftest import lint_repo

from hublint.dockerfile.shell import without_comments
from hublint.image.launchers import hands_over, launcher_commands, script_runs_launcher


def test_comments_are_removed_as_the_shell_reads_them():
    script = (
        "#!/bin/sh\n"
        "# a comment line --user\n"
        'echo "# not a comment" a#b  # a trailing comment\n'
        "x='#quoted' # gone\n"
        "echo $#\n"
    )
    assert without_comments(script) == (
        "\n\n" 'echo "# not a comment" a#b  \n' "x='#quoted' \n" "echo $#\n"
    )
    assert without_comments("") == ""
    assert without_comments("#") == ""


def test_a_launcher_named_only_in_comments_is_not_started():
    assert not script_runs_launcher("#!/bin/sh\n# used to run jupyterhub-singleuser here\nexec jupyter lab\n")
    assert script_runs_launcher("#!/bin/sh\nexec jupyterhub-singleuser \"$@\"  # the server\n")


def test_a_launchers_options_are_its_own_words():
    script = (
        "#!/bin/sh\n"
        '#   jupyterhub-singleuser --user="$JUPYTERHUB_USER"\n'
        'echo "jupyterhub-singleuser --user is gone" && export X=--user\n'
        "exec /usr/local/bin/start.sh jupyterhub-singleuser \\\n"
        '    --debug "$@"  # --hub-api-url too\n'
        "python -m jupyterhub.singleuser --port=8888\n"
    )
    assert launcher_commands(script) == [
        ["jupyterhub-singleuser", "--debug", "\ufffe$@"],
        ["python", "-m", "jupyterhub.singleuser", "--port=8888"],
    ]


@pytest.mark.parametrize(
    "script",
    [
        'exec "$@"\n',
        'set -e\nmkdir -p "$HOME/work"\nexec gosu "$NB_USER" "$@"\n',
        "exec tini -- $@\n",
        'if [[ "${1:-}" == "jupyterhub-singleuser" ]]; then\n    shift\nfi\nexec jupyterhub-singleuser "$@"\n',
        '[ "$1" = jupyterhub-singleuser ] && shift\nexec jupyterhub-singleuser "$@"\n',
        '[[ $1 == */jupyterhub-singleuser ]] && shift 1\nexec /opt/conda/bin/jupyterhub-singleuser "$@"\n',
        'case "$1" in\n  jupyterhub-singleuser|start-notebook.py)\n    shift ;;\nesac\nexec jupyterhub-singleuser "$@"\n',
    ],
)
def test_wrappers_that_hand_the_command_over(script):
    assert hands_over(script)


@pytest.mark.parametrize(
    "script",
    [
        'exec jupyterhub-singleuser "$@"\n',  # the spawner's `jupyterhub-singleuser` becomes an argument
        '# exec "$@"\nexec jupyter lab\n',  # a comment is not a command
        'shift\nexec jupyterhub-singleuser "$@"\n',  # shifts whatever comes first, unconditionally
        'if [ "$2" = x ]; then shift; fi\nexec jupyterhub-singleuser "$@"\n',  # not the launcher test
        'exec jupyterhub-singleuser "$@"\n[ "$1" = jupyterhub-singleuser ] && shift\n',  # too late
        'echo "$@"\n',
        "",
    ],
)
def test_scripts_that_do_not(script):
    assert not hands_over(script)


def test_hostile_scripts_end_quickly():
    for script in ("$(" * 5000, "'" * 10001, "if [[ " * 3000 + "shift\n" * 3000, "\x00\\\n" * 4000):
        hands_over(script)
        launcher_commands(script)
        without_comments(script)


# --------------------------------------------------------------------------- in an image

IMAGE = (
    "FROM python:3.12.8-slim\n"
    "RUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
    "COPY start-singleuser.sh /usr/local/bin/start-singleuser.sh\n"
    "USER 1000\n"
)
STRIPS = '#!/bin/bash\n[[ "${1:-}" == jupyterhub-singleuser ]] && shift\nexec jupyterhub-singleuser "$@"\n'


def _codes(files):
    return sorted((f.path, f.code, f.line) for f in lint_repo(files))


def test_hub405_reads_the_entrypoint_script():
    entry = IMAGE + 'ENTRYPOINT ["/usr/local/bin/start-singleuser.sh"]\nCMD ["jupyterhub-singleuser"]\n'
    assert _codes({"Dockerfile": entry, "start-singleuser.sh": STRIPS}) == []
    # the same script without the guard receives `jupyterhub-singleuser` as its first argument
    plain = '#!/bin/sh\nexec jupyterhub-singleuser "$@"\n'
    assert ("Dockerfile", "HUB405", 5) in _codes({"Dockerfile": entry, "start-singleuser.sh": plain})
    # a script hublint cannot read (not in the build context) keeps the judgement by name
    assert ("Dockerfile", "HUB405", 4) in _codes({"Dockerfile": entry.replace("COPY start-singleuser.sh /usr/local/bin/start-singleuser.sh\n", "")})
    # behind tini
    tini = entry.replace('["/usr/local/bin/start-singleuser.sh"]', '["tini", "--", "/usr/local/bin/start-singleuser.sh"]')
    assert _codes({"Dockerfile": tini, "start-singleuser.sh": STRIPS}) == []


def test_hub408_ignores_options_in_comments_and_other_commands():
    cmd = IMAGE + 'CMD ["/usr/local/bin/start-singleuser.sh"]\n'
    commented = '#!/bin/sh\n# jupyterhub-singleuser --user=x\necho --user\nexec jupyterhub-singleuser "$@"  # --user\n'
    assert _codes({"Dockerfile": cmd, "start-singleuser.sh": commented}) == []
    passing = '#!/bin/sh\nexec jupyterhub-singleuser \\\n  --user="$JUPYTERHUB_USER" "$@"\n'
    assert _codes({"Dockerfile": cmd, "start-singleuser.sh": passing}) == [("Dockerfile", "HUB408", 5)]


@pytest.mark.parametrize(("tag", "expected"), [
    ("2023-12-25", set()),  # its launchers still ran start.sh themselves
    ("2025-01-06", {("HUB406", "warning")}),  # start.sh is the ENTRYPOINT's job since 2024-01-22
    ("latest", {("HUB406", "info")}),  # the tag does not tell: a weak premise
])
def test_a_wrapper_that_runs_a_launcher_keeps_start_sh_only_where_launchers_ran_it(tag, expected):
    files = {
        "entrypoint.sh": '#!/bin/bash\ncp -rn /opt/skel/. "$HOME/"\nexec start-notebook.py "$@"\n',
        "Dockerfile": f"FROM quay.io/jupyter/base-notebook:{tag}\nCOPY entrypoint.sh /usr/local/bin/entrypoint.sh\n"
                      'ENTRYPOINT ["tini", "-g", "--", "/usr/local/bin/entrypoint.sh"]\n'
                      'CMD ["--ServerApp.default_url=/lab"]\n',
    }
    assert {(f.code, f.severity) for f in lint_repo(files, code="HUB406")} == expected
