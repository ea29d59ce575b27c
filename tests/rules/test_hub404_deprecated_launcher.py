import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("cmd", ['["start-notebook.sh"]', '["start-singleuser.sh", "--debug"]', '["jupyter-labhub"]',
                                 '["jupyter", "labhub"]', '["start.sh", "jupyterhub-singleuser"]',
                                 "start-singleuser.sh --debug"])
def test_fires(cmd):
    assert ("HUB404", 2) in codes(f"{BASE}CMD {cmd}\n")


def test_start_sh_only_on_docker_stacks():
    text = "FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\nUSER 1000\n" \
           "CMD [\"start.sh\", \"jupyterhub-singleuser\"]\n"
    assert "HUB404" not in [c for c, _ in codes(text)]


def test_current_launchers_are_fine():
    assert codes(f"{BASE}CMD [\"start-notebook.py\"]\n") == []


@pytest.mark.parametrize(("base", "fires"), [
    ("quay.io/jupyter/base-notebook:2025-01-06", True),
    ("jupyter/base-notebook:2023-06-05", False),      # before the .py launchers (2023-10-17)
    ("jupyter/scipy-notebook:265297f221de", False),   # a 2018 commit tag
    ("jupyter/base-notebook:python-3.10", False),     # a moving Docker Hub tag: build date unknown
])
def test_shims_only_where_the_py_launchers_exist(base, fires):
    assert (("HUB404", 2) in codes(f"FROM {base}\nCMD [\"start-singleuser.sh\"]\n")) is fires


def test_start_sh_in_cmd_only_after_it_became_the_entrypoint():
    assert ("HUB404", 2) in codes("FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"start.sh\", \"x\"]\n")
    assert "HUB404" not in [c for c, _ in codes("FROM jupyter/base-notebook:2023-06-05\nCMD [\"start.sh\", \"x\"]\n")]


def test_a_copied_glob_brings_its_own_script():
    text = ("FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY start-*.sh /usr/local/bin/\n"
            "CMD [\"start-singleuser.sh\"]\n")
    assert "HUB404" not in [c for c, _ in codes(text)]


def test_a_cmd_the_spawner_replaces_is_not_judged():
    from conftest import codes

    text = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"start-notebook.sh\"]\n"
    assert ("HUB404", 2) in codes(text)
    assert "HUB404" not in [c for c, _ in codes(text, spawner_cmd=True)]


def test_a_spawner_command_that_runs_the_shim_itself_keeps_the_finding():
    """`DockerSpawner.cmd = "start-singleuser.sh"` replaces the CMD with the same deprecated shim: it runs."""
    from conftest import lint_repo

    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"start-singleuser.sh\"]\n"
    config = ("c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\nc.DockerSpawner.image = 'lab:1'\n"
              "c.DockerSpawner.cmd = {cmd}\n")
    files = {"lab/Dockerfile": image, "Makefile": "lab:\n\tdocker build -t lab:1 lab\n"}
    files["jupyterhub_config.py"] = config.format(cmd="'start-singleuser.sh'")
    assert [f.path for f in lint_repo(files, "HUB404")] == ["lab/Dockerfile"]
    files["jupyterhub_config.py"] = config.format(cmd="['jupyterhub-singleuser']")
    assert lint_repo(files, "HUB404") == []


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"jupyterhub_config.py": "c = get_config()\nc.Spawner.cmd = ['jupyter-labhub']\n"}, "the spawner's `cmd`"),
        ({"jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.cmd = 'jupyter labhub --debug'\n"},
         "the spawner's `cmd`"),
        ({"values.yaml": "singleuser:\n  cmd: jupyter-labhub\n  image:\n    name: team/lab\n    tag: '1'\n"},
         "`singleuser.cmd`"),
    ],
)
def test_a_spawner_command_that_starts_jupyter_labhub(files, where):
    from conftest import lint_repo

    (f,) = lint_repo(files, "HUB404")
    assert f.severity == "info" and f.message.startswith(f"{where} starts `jupyter-labhub`")
    fine = {k: v.replace("jupyter-labhub", "jupyterhub-singleuser").replace("jupyter labhub", "jupyterhub-singleuser")
            for k, v in files.items()}
    assert lint_repo(fine, "HUB404") == []


def test_a_spawner_command_whose_program_is_unread_is_not_judged():
    from conftest import lint_repo

    config = "import sys\nc = get_config()\nc.Spawner.cmd = [sys.executable, 'jupyter-labhub']\n"
    assert lint_repo({"jupyterhub_config.py": config}, "HUB404") == []


def test_jupyter_labhub_under_hubs_older_than_2_gets_the_default_url_advice():
    """Before JupyterHub 2 `jupyterhub-singleuser` alone opened the classic notebook: the help says to open Lab with
    the default URL (a Helm 2 `helm install CHART --name NAME` of chart v0.8 runs JupyterHub 0.9)."""
    from conftest import lint_repo

    values = "singleuser:\n  cmd: jupyter-labhub\n  image:\n    name: team/lab\n    tag: '1'\n"
    script = "helm install jupyterhub/jupyterhub --version={v} --name=jhub -f values.yaml\n"
    for version in ("v0.8-e29f3e7", "0.11.1"):
        (f,) = lint_repo({"values.yaml": values, "install.sh": script.format(v=version)}, "HUB404")
        assert "`singleuser.defaultUrl: /lab`" in f.help, version
    (f,) = lint_repo({"values.yaml": values, "install.sh": script.format(v="3.3.8")}, "HUB404")
    assert "opens JupyterLab by default with jupyterhub 2+" in f.help
    lab = values.replace("  cmd:", "  defaultUrl: /lab\n  cmd:")
    (f,) = lint_repo({"values.yaml": lab, "install.sh": script.format(v="0.11.1")}, "HUB404")
    assert f.help == "start `jupyterhub-singleuser` (the default URL set here opens JupyterLab)"


def test_a_labhub_command_set_in_hub_extra_config_is_named_as_python():
    from conftest import lint_repo

    values = "hub:\n  extraConfig:\n    lab: |\n      c.Spawner.cmd = ['jupyter-labhub']\n"
    values += "singleuser:\n  image:\n    name: team/lab\n    tag: '1'\n"
    (f,) = lint_repo({"values.yaml": values}, "HUB404")
    assert f.message.startswith("the spawner's `cmd` starts `jupyter-labhub`")
