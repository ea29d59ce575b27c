import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("ent", ['["jupyter", "lab"]', '["jupyterhub-singleuser"]', '["tini", "--", "start-notebook.py"]',
                                 "/usr/local/bin/entrypoint.sh"])
def test_fires(ent):
    assert ("HUB405", 2) in codes(f"{BASE}ENTRYPOINT {ent}\nCMD [\"--debug\"]\n")


@pytest.mark.parametrize("ent", ['["tini", "-g", "--", "start.sh"]', '["/usr/local/bin/entrypoint.sh"]',
                                 '["tini", "--"]'])
def test_wrappers_are_fine(ent):
    assert "HUB405" not in [c for c, _ in codes(f"{BASE}ENTRYPOINT {ent}\nCMD [\"jupyterhub-singleuser\"]\n")]


def test_a_shell_form_entrypoint_that_starts_the_server_itself_is_an_info(tmp_path):
    """`ENTRYPOINT /entry.sh` loses the spawner's command either way; when the script starts the server itself
    (`su - $USER -c "jupyterhub-singleuser …"`), the server still starts: a weak premise, an info."""
    from conftest import lint

    (tmp_path / "entry.sh").write_text('#!/bin/bash\nuseradd -m "$JPY_USER"\n'
                                       'su -p - "$JPY_USER" -c "jupyterhub-singleuser --ip=0.0.0.0"\n')
    (tmp_path / "setup.sh").write_text("#!/bin/bash\necho ready\n")
    base = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\n"
    for script, severity in (("entry.sh", "info"), ("setup.sh", "error")):
        text = f"{base}COPY {script} /{script}\nENTRYPOINT /{script}\n"
        found = [f for f in lint(text, context=str(tmp_path)) if f.code == "HUB405"]
        assert [f.severity for f in found] == [severity], script
        assert ("starts the server itself" in found[0].message) is (severity == "info")


@pytest.mark.parametrize(
    ("last", "severity"),
    [
        ('exec jupyter lab --ip=0.0.0.0 --ServerApp.token=""', "error"),  # a plain server, the command dropped
        ("exec jupyterhub-singleuser --ip=0.0.0.0", "info"),  # the Hub's server still starts: weak
        ('exec "$@"', None),  # hands the command over
        ('exec jupyter lab "$@"', None),
        ("echo ready", None),
        # hands the command on under a Hub, a standalone lab otherwise: the spawner's command is not dropped
        ('if [ -n "$JUPYTERHUB_API_TOKEN" ]; then\n  exec jupyterhub-singleuser "$@"\nfi\nexec jupyter lab --ip=0.0.0.0', None),
        ('exec jupyter lab "${@:1}"', None),
    ],
)
def test_an_entrypoint_script_that_ends_by_starting_the_server(last, severity):
    """The ENTRYPOINT is a script of the build context whose last command starts a server itself without the
    command it is given: the spawner's command is dropped (HUB405), and no CMD would help (no HUB401)."""
    from conftest import lint_repo

    text = ("FROM python:3.12-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
            "COPY entrypoint.sh /usr/local/bin/entrypoint.sh\nUSER 1000\nENTRYPOINT [\"/usr/local/bin/entrypoint.sh\"]\n")
    files = {"Dockerfile": text, "entrypoint.sh": f"#!/bin/bash\nset -e\necho starting\n{last}\n"}
    found = [(f.code, f.severity) for f in lint_repo(files) if f.code in ("HUB405", "HUB401")]
    if severity is None:
        assert ("HUB405", "error") not in found and ("HUB405", "info") not in found
    else:
        assert found == [("HUB405", severity)]
