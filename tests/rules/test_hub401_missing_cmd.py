from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
PY = "FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\nUSER 1000\n"


def test_no_cmd_on_a_base_without_a_launcher():
    assert codes(PY) == [("HUB401", 1)]
    assert ("HUB401", 1) in codes("FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\n"
                                  "RUN mamba install -y jupyterhub-singleuser=5.3.0\n")


def test_inherited_launcher_is_fine():
    assert codes(BASE) == []
    assert codes("FROM quay.io/jupyterhub/k8s-singleuser-sample:4.2.0\n") == []


def test_entrypoint_resets_the_inherited_cmd():
    (f,) = lint(f"{BASE}ENTRYPOINT [\"/usr/local/bin/my-entrypoint.sh\"]\n")
    assert (f.code, f.line, f.column, f.end_column) == ("HUB401", 2, 1, 11)


def test_cmd_after_entrypoint_in_a_later_chain_stage():
    ent = 'ENTRYPOINT ["tini", "-g", "--", "start.sh"]'
    text = f"{BASE[:-1]} AS b\n{ent}\nFROM b\nCMD [\"jupyterhub-singleuser\"]\n"
    assert codes(text) == []
    text = f"{BASE[:-1]} AS b\nCMD [\"jupyterhub-singleuser\"]\nFROM b\n{ent}\n"
    assert codes(text) == [("HUB401", 4)]


def test_spawner_cmd_declared():
    assert codes(PY, spawner_cmd=True) == []


def test_unknown_base_without_cmd_is_not_judged():
    assert "HUB401" not in [c for c, _ in codes("FROM example.org/x:1\nRUN pip install jupyterhub==5.3.0 jupyterlab\n")]


def test_the_spawners_use_of_the_cmd_is_a_premise():
    from conftest import lint_repo

    lab = "FROM python:3.12-slim\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\nUSER 1000\n"
    (f,) = lint_repo({"lab/Dockerfile": lab}, "HUB401", role="singleuser")
    assert (f.severity, f.confidence) == ("info", "weak") and "no deployment in view" in f.help
    config = 'c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "team/lab:1"\n'
    files = {"lab/Dockerfile": lab, "jupyterhub_config.py": config, "build.sh": "docker build -t team/lab:1 lab\n"}
    (f,) = lint_repo(files, "HUB401", role="singleuser")
    assert f.severity == "error" and "no deployment in view" not in f.help
