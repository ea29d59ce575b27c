"""The deployment as one picture: the Hub's version found in the repository (with its source), spawn images
checked where they are set, the spawner command the deployment declares, and the graph in JSON and text."""

import json

import pytest

USER = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub=={v}' 'jupyterlab==4.3.4'\nUSER 1000\n" \
       "CMD [\"jupyterhub-singleuser\"]\n"


def tree(tmp_path, files):
    (tmp_path / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.fixture
def at(tmp_path, monkeypatch, run_cli):
    def run(files, *args):
        tree(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        status, out, err = run_cli("--format", "json", *args, ".")
        return status, json.loads(out) if out.strip().startswith("{") else out, err
    return run


def codes(doc):
    return {(f["path"], f["line"], f["code"]) for f in doc["findings"]}


def test_hub_version_from_the_hub_image_and_its_source(at):
    _, doc, _ = at({
        "docker-compose.yml": "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:4.1.6\n"
                              "    command: jupyterhub\n",
        "user/Dockerfile": USER.format(v="5.3.0"),
    })
    (f,) = [f for f in doc["findings"] if f["code"] == "HUB204"]
    assert f["path"] == "user/Dockerfile" and f["message"].endswith("the Hub runs 4.1.6: the Hub warns at each spawn")
    assert "(the Hub's 4.1.6: `docker-compose.yml:3`" in f["help"]  # JSON: from the repository root
    assert doc["deployment"]["hub"]["version"] == "4.1.6"


def test_hub_version_option_wins(at):
    files = {"Dockerfile.hub": "FROM quay.io/jupyterhub/jupyterhub:4.1.6\nCMD [\"jupyterhub\"]\n",
             "user/Dockerfile": USER.format(v="5.3.0")}
    _, doc, _ = at(files, "--hub-version", "5.3.0")
    assert not [f for f in doc["findings"] if f["code"] in ("HUB204", "HUB205")]


def test_chart_version_gives_the_hub_and_its_default_cmd(at):
    _, doc, _ = at({
        "Chart.yaml": "apiVersion: v2\nname: ourhub\nversion: 1.0.0\ndependencies:\n  - name: jupyterhub\n"
                      "    version: 3.3.8\n",
        "values.yaml": "jupyterhub:\n  singleuser:\n    image:\n      name: quay.io/jupyterhub/k8s-singleuser-sample\n"
                       "      tag: \"4.0.0\"\n",
        "image/Dockerfile": USER.replace('CMD ["jupyterhub-singleuser"]', 'CMD ["jupyter", "lab"]').format(v="4.1.6"),
    })
    found = codes(doc)
    assert ("values.yaml", 5, "HUB204") in found  # the sample image of chart 4.0.0 has jupyterhub 5.2.1
    assert not [c for c in found if c[0] == "image/Dockerfile" and c[2] == "HUB402"]  # the chart sets the cmd
    assert doc["deployment"]["spawner_cmd"] == [{"cmd": ["jupyterhub-singleuser"],
                                                 "where": "values.yaml, the chart's default",
                                                 "path": "values.yaml", "line": None}]  # None: not written


def test_imprecise_hub_version_gives_no_drift(at):
    _, doc, _ = at({"hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5\nCMD [\"jupyterhub\"]\n",
                    "hub/user/Dockerfile": USER.format(v="5.3.0")})
    assert not [f for f in doc["findings"] if f["code"] in ("HUB204", "HUB205")]


def test_config_cmd_turns_off_the_cmd_rules_in_folder_mode(at):
    _, doc, _ = at({"jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.cmd = ['start-singleuser.py']\n",
                    "image/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"bash\"]\n"})
    assert not [f for f in doc["findings"] if f["code"] in ("HUB401", "HUB402", "HUB407")]


def test_hub_config_accepts_wrapper_values_and_reports_once(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"deploy/config.yaml": "basehub:\n  jupyterhub:\n    singleuser:\n      image:\n"
                                          "        name: quay.io/x/lab\n        tag: latest\n",
                    "lab/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"jupyter\", \"lab\"]\n"})
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli("--format", "json", "--hub-config", "./deploy/config.yaml", "deploy/config.yaml",
                               "lab/Dockerfile")
    doc = json.loads(out)
    assert status == 1 and err == ""
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [("deploy/config.yaml", "HUB102")]


@pytest.mark.parametrize(("name", "text", "line"), [
    ("docker-compose.yml", "services:\n  hub:\n    image: [\n", 4),
    ("docker-compose.yml", "services:\n  hub: {}\n  hub: {}\n", 3),
    ("values.yaml", "singleuser:\n  image: {name: x\n", 3),
    ("Chart.yaml", "dependencies: [\n", 2),
])
def test_malformed_deployment_files_are_one_hub001(at, name, text, line):
    status, doc, err = at({name: text})
    (f,) = doc["findings"]
    assert (f["path"], f["code"], f["line"]) == (name, "HUB001", line)
    assert "hublint cannot read this file" in f["message"] and "Traceback" not in err


def test_a_yaml_file_that_is_not_ours_is_left_alone(at):
    status, doc, err = at({"ci.yml": "jobs: [\n", "Dockerfile": USER.format(v="5.3.0")})
    assert not doc["findings"] and status == 0


def test_nothing_is_executed_or_fetched(at, tmp_path):
    marker = tmp_path / "executed"
    _, doc, _ = at({
        "jupyterhub_config.py": f"open({str(marker)!r}, 'w').write('x')\nc = get_config()\n",
        "docker-compose.yml": "services:\n  hub:\n    build:\n      context: https://github.com/x/y.git\n"
                              "    image: hub:${{ONE:-$(touch {m})}}\n".format(m=marker),
        "Makefile": f"all:\n\ttouch {marker}\n\tdocker build -t x .\n",
    })
    assert not marker.exists()


def test_json_deployment_and_files_follow_the_schema(at):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    _, doc, _ = at({
        "docker-compose.yml": "services:\n  hub:\n    build: .\n    command: jupyterhub\n"
                              "    environment:\n      IMG: quay.io/jupyterhub/singleuser:5.2.1\n",
        "Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install dockerspawner\n",
        "jupyterhub_config.py": "import os\nc = get_config()\nc.DockerSpawner.image = os.environ['IMG']\n",
    })
    schema = json.loads(files("hublint.data").joinpath("findings.schema.json").read_text())
    jsonschema.validate(doc, schema)
    dep = doc["deployment"]
    assert dep["hub"]["version"] == "5.2.1" and dep["hub"]["path"] == "Dockerfile"
    assert dep["spawn_images"] == [{"image": "quay.io/jupyterhub/singleuser:5.2.1", "path": "docker-compose.yml",
                                    "line": 6, "setting": "DockerSpawner.image", "config": "jupyterhub_config.py",
                                    "built_here": []}]
    assert dep["builds"][0]["role"] == "hub"


def test_show_deployment_text(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nCMD [\"jupyterhub\"]\n",
                    "jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.image = 'quay.io/x/lab:1'\n"
                                            "c.DockerSpawner.cmd = ['jupyterhub-singleuser']\n"})
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--show-deployment", ".")
    assert status == 0
    assert "Hub: jupyterhub 5.2.1 (the Hub's base image tag; `Dockerfile:1`)" in out
    assert "spawner command: jupyterhub-singleuser (jupyterhub_config.py:3)" in out
    assert "quay.io/x/lab:1  (DockerSpawner.image, jupyterhub_config.py:2)" in out
