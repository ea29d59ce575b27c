from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_unreadable_and_unknown_programs():
    assert ("HUB407", 3) in codes(f"{BASE}COPY start.sh /usr/local/bin/\nCMD [\"start.sh\"]\n".replace(
        "start.sh", "my-start.sh"))
    assert ("HUB407", 2) in codes(f"{BASE}CMD [\"/opt/app/run\"]\n")


def test_known_programs_and_declared_spawner_cmd():
    assert codes(f"{BASE}CMD [\"jupyterhub-singleuser\"]\n") == []
    assert codes(f"{BASE}CMD [\"/opt/app/run\"]\n", spawner_cmd=True) == []


def test_options_to_an_entrypoint_program_are_not_a_program():
    text = f"{BASE}ENTRYPOINT [\"tini\", \"-g\", \"--\", \"start.sh\", \"jupyterhub-singleuser\"]\nCMD [\"--debug\"]\n"
    assert "HUB407" not in [c for c, _ in codes(text)]


def test_an_ssh_host_is_not_judged():
    """CMD sshd: a host a Hub reaches over SSH (SSHSpawner), whose CMD is not the server's command."""
    for prog in ("/usr/sbin/sshd", "sshd", "/usr/sbin/dropbear"):
        text = f'FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD ["{prog}", "-D"]\n'
        assert "HUB407" not in [c for c, _ in codes(text)]
    assert ("HUB407", 2) in codes('FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD ["/usr/sbin/sshd-helper"]\n')


def test_a_copy_names_the_program_by_a_whole_path_part():
    """`/init` is not brought by `COPY cont-init.d/ /etc/cont-init.d/` (the message named that COPY)."""
    text = ("FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY cont-init.d/ /etc/cont-init.d/\n"
            'CMD ["/init"]\n')
    (f,) = [f for f in lint(text) if f.code == "HUB407"]
    assert "no COPY or ADD brings" in f.message and "line 2" not in f.message


def test_an_ssh_host_in_shell_form_is_not_judged():
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD /usr/sbin/sshd -D\n"
    assert "HUB407" not in [c for c, _ in codes(text)]


def test_an_empty_cmd_passes_nothing_but_an_argument_to_the_entrypoint():
    """`CMD [""]` after an exec-form ENTRYPOINT runs no program of its own: the ENTRYPOINT's is judged (here a
    script the image copies that ends by starting the server), never "the CMD runs ``"."""
    from conftest import lint_repo

    files = {"Dockerfile": "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
                           'COPY entry.sh /entry.sh\nUSER 1000\nENTRYPOINT ["/entry.sh"]\nCMD [""]\n',
             "entry.sh": '#!/bin/sh\nexec jupyterhub-singleuser "$@"\n'}
    assert [f.code for f in lint_repo(files) if f.code.startswith("HUB4")] == []
    files["entry.sh"] = "#!/bin/sh\nexec my-tool\n"
    assert "runs ``" not in " ".join(f.message for f in lint_repo(files))
