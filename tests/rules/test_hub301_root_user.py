import pytest
from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("user", ["root", "0", "root:users", "0:0", "$U"])
def test_fires(user):
    assert ("HUB301", 3) in codes(f"{BASE}ARG U=root\nUSER {user}\n")


@pytest.mark.parametrize("user", ["${NB_UID}", "$NB_USER", "1000", "jovyan:users", "$UNKNOWN_ARG"])
def test_silent(user):
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER {user}\n")]


def test_last_user_of_the_chain_only():
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER root\nRUN true\nUSER 1000\n")]
    text = "FROM python:3.12 AS build\nUSER root\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
    assert "HUB301" not in [c for c, _ in codes(text)]
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06 AS base\nUSER root\nFROM base\nRUN true\n"
    assert ("HUB301", 2) in codes(text)


def _hub301(text: str):
    (finding,) = [f for f in lint(text) if f.code == "HUB301"]
    return finding


def test_docker_stacks_start_sh_leaves_root_so_the_finding_is_a_weak_info():
    """start.sh (the base's ENTRYPOINT) runs the server as NB_USER when the container starts as root."""
    f = _hub301(f"{BASE}USER root\nRUN apt-get update\n")
    assert (f.severity, f.confidence) == ("info", "weak")
    assert "start.sh hands the server to NB_USER" in f.message and "every user's server" not in f.message


def test_a_base_hublint_cannot_date_may_not_run_start_sh():
    """A digest (or a tag hublint cannot date) of a docker-stacks family: older builds started the CMD without
    start.sh in their ENTRYPOINT, so that start.sh drops root is only a guess, and the message says so."""
    digest = "FROM jupyterhub/singleuser@sha256:" + "c3" * 32 + "\n"
    f = _hub301(f'{digest}USER root\nCMD ["/usr/bin/supervisord"]\n')
    assert (f.severity, f.confidence) == ("info", "weak")
    assert "a build hublint cannot date) may run docker-stacks' start.sh" in f.message
    # its own CMD running a start script runs start.sh whatever the build
    f = _hub301(f'{digest}USER root\nCMD ["start-notebook.sh"]\n')
    assert "start.sh hands the server to NB_USER" in f.message


def test_a_start_sh_the_dockerfile_copies_is_not_docker_stacks_own():
    f = _hub301(f"{BASE}USER root\nCOPY start.sh /usr/local/bin/\n")
    assert (f.severity, f.confidence) == ("error", "certain")


def test_an_entrypoint_that_skips_start_sh_keeps_the_error():
    f = _hub301(f'{BASE}USER root\nENTRYPOINT ["tini", "--"]\nCMD ["jupyterhub-singleuser"]\n')
    assert f.severity == "error"


@pytest.mark.parametrize(("argv", "weak"), [
    ('"gosu", "jovyan"', True), ('"su-exec", "1000:100"', True), ('"s6-setuidgid", "lab"', True),
    ('"runuser", "-u", "jovyan", "--"', True), ('"setpriv", "--reuid=1000", "--regid=100", "--init-groups"', True),
    ('"sudo", "-E", "-u", "jovyan"', True), ('"chpst", "-u", "jovyan"', True),
    ('"gosu", "root"', False), ('"gosu", "0"', False), ('"gosu", "$NB_USER"', False), ('"tini", "--"', False),
])
def test_an_entrypoint_that_switches_user(argv, weak):
    text = (f"FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\nUSER root\n"
            f'ENTRYPOINT [{argv}]\nCMD ["jupyterhub-singleuser"]\n')
    f = _hub301(text)
    assert (f.severity, f.confidence) == (("info", "weak") if weak else ("error", "certain"))


def test_a_spawner_that_decides_the_user_may_spawn_an_image_it_does_not_name(tmp_path):
    """SystemUserSpawner with `image = os.environ["IMAGE"]` (no value in view): the deployment's only lab image
    may be the one it spawns, so its USER root is a weak premise; with the image named, HUB301 is off."""
    from conftest import lint_repo

    lab = "FROM python:3.12-slim\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\nUSER root\n"
    config = ('import os\nc = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.SystemUserSpawner"\n'
              'c.DockerSpawner.image = os.environ["NOTEBOOK_IMAGE"]\n')
    (f,) = lint_repo({"jupyterhub_config.py": config, "lab/Dockerfile": lab}, "HUB301")
    assert (f.path, f.severity, f.confidence) == ("lab/Dockerfile", "info", "weak")
    assert "the spawner may run it as the user's own uid (SystemUserSpawner)" in f.message
    named = config.replace('os.environ["NOTEBOOK_IMAGE"]', '"example.org/lab:1"')
    build = "docker build -t example.org/lab:1 lab\n"
    assert lint_repo({"jupyterhub_config.py": named, "lab/Dockerfile": lab, "build.sh": build}, "HUB301") == []
    other = config.replace("dockerspawner.SystemUserSpawner", "dockerspawner.DockerSpawner")
    (f,) = lint_repo({"jupyterhub_config.py": other, "lab/Dockerfile": lab}, "HUB301")
    assert f.severity == "error" and "every user's server runs as root" in f.message
    as_root = other + 'c.DockerSpawner.extra_create_kwargs = {"user": "root"}\n'  # a spawner starting root weakens nothing
    (f,) = lint_repo({"jupyterhub_config.py": as_root, "lab/Dockerfile": lab}, "HUB301")
    assert f.severity == "error" and "every user's server runs as root" in f.message


@pytest.mark.parametrize(("argv", "expected"), [
    ('"tini", "--", "gosu", "jovyan"', "`gosu` hands the server to `jovyan`"),  # the switcher is named
    ('"sudo", "python", "-u", "/usr/local/bin/x"', None),  # `-u` after the program is the program's
    ('"sudo", "-u", "#0"', None),  # sudo's uid 0 is root
])
def test_only_a_leading_switch_of_user_counts(argv, expected):
    text = (f"FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\nUSER root\n"
            f'ENTRYPOINT [{argv}]\nCMD ["jupyterhub-singleuser"]\n')
    f = _hub301(text)
    assert (expected in f.message and f.severity == "info") if expected else f.severity == "error"


@pytest.mark.parametrize(("argv", "weak"), [
    ('"su", "jovyan", "-c", "jupyterhub-singleuser"', True),
    ('"su", "-s", "/bin/bash", "-l", "jovyan", "-c", "cd ~ && exec jupyter lab"', True),
    ('"su", "-c", "jupyterhub-singleuser"', False),  # no user: root
    ('"su", "root", "-c", "jupyterhub-singleuser"', False),
])
def test_su_with_a_command_switches_user(argv, weak):
    text = (f"FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\nUSER root\n"
            f"ENTRYPOINT [{argv}]\n")
    f = _hub301(text)
    assert (f.severity, f.confidence) == (("info", "weak") if weak else ("error", "certain"))


_LAB = ("FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\n"
        "COPY bin/start-custom.sh bin/start-user.sh /usr/local/bin/\nUSER root\nCMD [\"start-custom.sh\"]\n")
_FIRST = ('#!/bin/bash\n# su $NB_USER -c "id"\nuseradd -u "$NB_UID" "$NB_USER"\n'
          'su "$NB_USER" -c "nbgrader db student import /tmp/students.csv"\nexec /usr/local/bin/start-user.sh "$@"\n')


@pytest.mark.parametrize(("last", "switch"), [
    ('exec su $NB_USER -c "env PATH=$PATH jupyterhub-singleuser $ARGS $*"', "`su` hands the server to `$NB_USER`"),
    ('if [ "$(id -u)" = 0 ]; then\n  exec gosu "${NB_USER}" "$@"\nfi', "`gosu` hands the server to `${NB_USER}`"),
    ("exec su root -c 'jupyterhub-singleuser'", None),  # to root
    ("exec su jovyan", None),  # a shell, not the server
    ('# exec su jovyan -c "jupyterhub-singleuser"\nexec jupyterhub-singleuser', None),  # a comment is no command
])
def test_a_start_script_the_context_holds_that_switches_user(tmp_path, last, switch):
    """The container's command is a copied script that runs another copied script, which hands the server to
    the notebook user: the servers do not run as root, so the finding rests on a weak premise.  A switch whose
    command is not the server (the nbgrader import) does not count."""
    from conftest import lint_repo

    files = {"Dockerfile": _LAB, "bin/start-custom.sh": _FIRST, "bin/start-user.sh": f"#!/bin/bash\n{last}\n"}
    (f,) = lint_repo(files, "HUB301")
    if switch:
        assert (f.severity, f.confidence) == ("info", "weak") and switch in f.message
    else:
        assert f.severity == "error" and "every user's server runs as root" in f.message
    uncopied = dict(files, Dockerfile=_LAB.replace(" bin/start-user.sh", ""))  # a script the image lacks
    (f,) = lint_repo(uncopied, "HUB301")
    assert f.severity == "error"


@pytest.mark.parametrize(("copy", "entry", "script", "weak"), [
    ("COPY bin/start.sh /usr/local/bin/", '"start.sh"', 'exec gosu "$NB_USER" "$@"', True),  # a start.sh of its own
    ("COPY bin/ /usr/local/bin/", '"entry.sh"', 'exec gosu "$NB_USER" "$@"', True),  # a folder copy
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"',  # the switch runs a logger, then the server runs as root
     'sudo -E -u "$NB_USER" /usr/local/bin/log-args "$@"\nexec "$@"', False),
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"',  # a switch that is not the end of the script
     'gosu "$NB_USER" "$@"\necho done', False),
    ("COPY bin/entry.sh /usr/local/bin/", '"su", "jovyan"', "", False),  # su without -c: a shell, not the server
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"',  # docker-stacks' own last line: assignments, then "$@"
     'exec sudo --preserve-env --set-home --user "${NB_USER}" PATH="${PATH}" PYTHONPATH="${PYTHONPATH:-}" "$@"',
     True),
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"', 'exec gosu jovyan /bin/bash -c "$*"', True),  # sh -c
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"',  # docker-stacks' start.sh: its arguments kept in an array
     'cmd=( "$@" )\nexec sudo --preserve-env --set-home --user "${NB_USER}" PATH="${PATH}" "${cmd[@]}"', True),
    ("COPY bin/entry.sh /usr/local/bin/", '"entry.sh"',  # one element of an array is not the handed command
     'exec sudo --user "${NB_USER}" "${tools[1]}"', False),
])
def test_which_start_scripts_hand_the_server_over(copy, entry, script, weak):
    from conftest import lint_repo

    name = "start.sh" if "start.sh" in copy else "entry.sh"
    text = (f"FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\n{copy}\nUSER root\n"
            f'ENTRYPOINT [{entry}]\nCMD ["jupyterhub-singleuser"]\n')
    (f,) = lint_repo({"Dockerfile": text, f"bin/{name}": f"#!/bin/bash\n{script}\n"}, "HUB301")
    assert (f.severity == "info") is weak


@pytest.mark.parametrize(("entry", "copy", "weak"), [
    ("", "", True),  # no ENTRYPOINT of its own
    ('ENTRYPOINT ["tini", "--", "/srv/entry.sh"]\n', "COPY entry.sh /srv/entry.sh\n", True),  # exec "$@"
    ('ENTRYPOINT ["/srv/run.sh"]\n', "COPY run.sh /srv/run.sh\n", False),  # drops the command
    ("", "COPY start-singleuser.sh /usr/local/bin/\n", False),  # a launcher of its own, not docker-stacks'
    ("", "COPY scripts/ /usr/local/bin/\n", False),  # its own, through a folder copy
    ("", "RUN printf 'exec jupyterhub-singleuser' > /usr/local/bin/start-singleuser.sh\n", False),  # a RUN writes it
])
def test_docker_stacks_launcher_runs_start_sh_on_any_base(tmp_path, entry, copy, weak):
    """`CMD ["start-singleuser.sh"]` (docker-stacks' launcher, on a base hublint does not know) runs start.sh,
    which hands the server to NB_USER when the container starts as root."""
    from conftest import lint_repo

    text = f"FROM python:3.12-slim\nUSER root\n{copy}{entry}CMD [\"start-singleuser.sh\"]\n"
    files = {"Dockerfile": text, "entry.sh": '#!/bin/bash\nexec "$@"\n', "run.sh": "#!/bin/bash\nexec sleep 1\n",
             "start-singleuser.sh": "#!/bin/bash\nexec jupyterhub-singleuser\n",
             "scripts/start-singleuser.sh": "#!/bin/bash\nexec jupyterhub-singleuser\n"}
    (f,) = lint_repo(files, "HUB301", role="singleuser")
    assert (f.severity == "info") is weak


def test_start_sh_hands_the_server_to_nb_user_unless_nb_user_is_root():
    """docker-stacks' start.sh hands the server to NB_USER (a weak finding); with `ENV NB_USER root` it hands it to
    root, so the server runs as root and the error stands."""
    from conftest import lint

    text = "FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER root\n"
    (weak,) = [f for f in lint(text) if f.code == "HUB301"]
    assert weak.severity == "info" and "NB_USER" in weak.message
    (sure,) = [f for f in lint(text + "ENV NB_USER root\n") if f.code == "HUB301"]
    assert sure.severity == "error"


def test_a_shell_form_entrypoint_script_that_switches_user_leaves_root(tmp_path):
    """`ENTRYPOINT /entry.sh` (shell form) is read as the shell reads it: the script it runs hands the server to
    another user, so the root finding is an info saying who takes over."""
    (tmp_path / "entry.sh").write_text('#!/bin/bash\nsu -p - jovyan -c "jupyterhub-singleuser --ip=0.0.0.0"\n')
    text = ("FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\n"
            "USER root\nCOPY entry.sh /entry.sh\nENTRYPOINT /entry.sh\n")
    (found,) = [f for f in lint(text, context=str(tmp_path)) if f.code == "HUB301"]
    assert found.severity == "info" and "`su` hands the server to `jovyan`" in found.message
    exec_form = text.replace("ENTRYPOINT /entry.sh", 'ENTRYPOINT ["/entry.sh"]')
    (found,) = [f for f in lint(exec_form, context=str(tmp_path)) if f.code == "HUB301"]
    assert found.severity == "info"


def test_a_shell_form_cmd_is_read_only_where_it_runs():
    """A switch of user in the image's own shell-form CMD leaves root only when that CMD runs: a spawner command
    (`spawner-cmd`) replaces it, and the root finding is then the rule's error."""
    text = ("FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\n"
            "USER root\nCMD su jovyan -c \"jupyterhub-singleuser\"\n")
    (found,) = [f for f in lint(text) if f.code == "HUB301"]
    assert found.severity == "info" and "`su` hands the server to `jovyan`" in found.message
    (found,) = [f for f in lint(text, spawner_cmd=True) if f.code == "HUB301"]
    assert found.severity == "error"


def test_values_only_guessed_at_do_not_set_the_pods_uid():
    """z2jh's default uid (1000) weakens the root finding of an image inside a deployment that spawns images or
    that a release deploys — not inside a YAML file only guessed to be values."""
    from conftest import lint_repo

    lab = "FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\nUSER root\n"
    guessed = {"notes.yaml": "proxy:\n  secretToken: x\n", "lab/Dockerfile": lab}
    assert [f.severity for f in lint_repo(guessed, "HUB301")] == ["error"]
    values = {"values.yaml": "singleuser:\n  image:\n    name: team/other\n    tag: '1'\n", "lab/Dockerfile": lab,
              "Makefile": "lab:\n\tdocker build -t team/lab:1 lab\n"}  # not the image the values spawn
    (found,) = lint_repo(values, "HUB301")
    assert found.severity == "info" and "runs pods as uid 1000" in found.message


@pytest.mark.parametrize(
    ("start", "program"),
    [
        ('CMD ["/init"]', "/init"),  # s6-overlay
        ('ENTRYPOINT ["/init"]', "/init"),
        ('CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]', "/usr/bin/supervisord"),
        ("CMD supervisord -n", "supervisord"),
        ('CMD ["runsvdir", "/etc/service"]', "runsvdir"),
        ('ENTRYPOINT ["tini", "--"]\nCMD ["s6-svscan", "/etc/s6"]', "s6-svscan"),
    ],
)
def test_a_process_supervisor_runs_as_root_by_design_and_its_services_choose_their_users(start, program):
    """A supervisor starts the services the build copies in (`/etc/services.d/*/run`, supervisord's `user=`),
    each of which may drop root: the root finding is a weak info that says so."""
    text = f"FROM debian:12\nRUN pip install jupyterhub jupyterlab\nCOPY services.d/ /etc/services.d/\n{start}\n"
    f = _hub301(text.replace("COPY", "USER root\nCOPY"))
    assert (f.severity, f.confidence) == ("info", "weak")
    assert f"process supervisor `{program}`" in f.message
    (implicit,) = [f for f in lint(text) if f.code == "HUB302"]  # no USER at all: the same
    assert implicit.severity == "info" and f"process supervisor `{program}`" in implicit.message


@pytest.mark.parametrize("start", ['CMD ["/usr/local/bin/init"]', 'CMD ["my-supervisor"]', 'CMD ["jupyterhub-singleuser"]'])
def test_a_program_that_is_no_known_supervisor_keeps_the_error(start):
    f = _hub301(f"FROM debian:12\nRUN pip install jupyterhub jupyterlab\nUSER root\n{start}\n")
    assert f.severity == "error"


def test_a_sourced_start_script_is_followed():
    """docker-stacks' start-singleuser.sh copied into the image sources start.sh (`. /usr/local/bin/start.sh …`),
    which hands the server to NB_USER: the sourced script is read as the one that runs."""
    from conftest import lint_repo

    text = ("FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\n"
            "COPY bin/start.sh bin/start-singleuser.sh /usr/local/bin/\nUSER root\nCMD [\"start-singleuser.sh\"]\n")
    files = {"Dockerfile": text, "bin/start-singleuser.sh": '#!/bin/bash\n. /usr/local/bin/start.sh jupyterhub-singleuser "$@"\n',
             "bin/start.sh": '#!/bin/bash\ncmd=( "$@" )\nexec sudo --preserve-env --user "${NB_USER}" "${cmd[@]}"\n'}
    (f,) = lint_repo(files, "HUB301")
    assert (f.severity, f.confidence) == ("info", "weak") and "`sudo` hands the server to" in f.message
    files["bin/start-singleuser.sh"] = "#!/bin/bash\necho /usr/local/bin/start.sh\nexec jupyterhub-singleuser\n"
    (f,) = lint_repo(files, "HUB301")
    assert f.severity == "error"
