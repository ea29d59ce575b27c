"""jupyterhub_config.py and zero-to-jupyterhub values: read statically, image rules at the value, HUB6xx,
and --hub-config linking a spawner command to the Dockerfiles of the same run."""

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, lint_repo

import hublint

DEPLOY = FIXTURES / "deployments"


def codes(text, path="jupyterhub_config.py", **options):
    return [(f.code, f.line, f.column) for f in hublint.lint_text(text, path=path, **options)]


def cli(*args, cwd=None):
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-config", *args], capture_output=True, text=True,
                       cwd=cwd, timeout=60)
    assert "Traceback" not in r.stderr
    return r


# --------------------------------------------------------------------------- jupyterhub_config.py

def test_untagged_image_and_environ_default():
    text = 'c = get_config()\nc.DockerSpawner.image = "quay.io/jupyter/scipy-notebook"\n'
    assert codes(text) == [("HUB101", 2, 25)]
    text = ('import os\nc = get_config()\n'
            'c.DockerSpawner.image = os.environ.get("X", "quay.io/jupyter/scipy-notebook")\n')
    assert codes(text) == [("HUB101", 3, 45)]
    text = 'from os import getenv\nc = get_config()\nc.DockerSpawner.image = getenv("X", "example.org/lab")\n'
    assert codes(text) == [("HUB101", 3, 37)]
    # `python` (python:latest) has no jupyterhub at all: HUB201 too
    text = 'from os import getenv\nc = get_config()\nc.DockerSpawner.image = getenv("X", "python")\n'
    assert codes(text) == [("HUB101", 3, 37), ("HUB201", 3, 37)]


def test_kubespawners_old_image_names_name_a_spawn_image():
    """`singleuser_image_spec` (KubeSpawner before 0.9) and `image_spec` (before 0.10) set the image it spawns."""
    for trait in ("singleuser_image_spec", "image_spec"):
        text = f"c = get_config()\nc.KubeSpawner.{trait} = 'registry.example.org:5000/team/lab:latest'\n"
        assert ("HUB102", 2) in [(c, line) for c, line, _ in codes(text)], trait


def test_unknown_values_are_not_judged():
    text = 'import os\nc = get_config()\nc.DockerSpawner.image = os.environ["IMAGE"]\nc.KubeSpawner.image = f()\n'
    assert codes(text) == []


def test_constants_concatenation_and_fstrings():
    text = ('REG = "jupyter"\nc = get_config()\nc.KubeSpawner.image = REG + "/scipy-notebook:" + "latest"\n'
            'c.DockerSpawner.allowed_images = [f"quay.io/{REG}/base-notebook:python-3.13"]\n')
    assert [c for c, _, _ in codes(text)] == ["HUB102", "HUB104", "HUB103"]


def test_positions_count_code_points():
    text = 'c = get_config()\nc.DockerSpawner.image = "é" and "x" or "jupyter/base-notebook:latest"  # é\n' \
           'c.KubeSpawner.image = "jupyter/base-notebook:2023-10-02"  # é\n'
    assert ("HUB104", 3, 23) in codes(text)


def test_profile_list_with_overrides():
    text = (DEPLOY / "kubespawner" / "jupyterhub_config.py").read_text()
    got = codes(text)
    assert ("HUB102", 11, 43) in got and ("HUB104", 15, 43) in got and ("HUB103", 24, 89) in got
    assert ("HUB602", 7, 22) in got


def test_config_files_are_never_executed(tmp_path):
    marker = tmp_path / "EXECUTED"
    config = tmp_path / "jupyterhub_config.py"
    config.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n"
                      f"c = get_config()\nc.DockerSpawner.image = __import__('os').system('touch {marker}') or 'x'\n"
                      "c.DockerSpawner.cmd = ['jupyterhub-singleuser']\n")
    r = cli("--format", "concise", str(config))
    assert not marker.exists()
    r = cli("--format", "concise", "--hub-config", str(config), str(FIXTURES / "examples" / "good.Dockerfile"))
    assert not marker.exists() and r.returncode == 0


def test_syntax_error_is_hub001():
    (f,) = hublint.lint_text("c = get_config(\n", path="jupyterhub_config.py")
    assert f.code == "HUB001" and "not valid Python" in f.message


# --------------------------------------------------------------------------- z2jh values

def test_z2jh_latest_and_profile_images():
    text = (DEPLOY / "z2jh" / "values.yaml").read_text()
    assert codes(text, "values.yaml") == [("HUB102", 9, 10), ("HUB104", 16, 16)]


def test_z2jh_name_without_tag_and_unrelated_yaml():
    assert codes("singleuser:\n  image:\n    name: example.org/me/image\n", "values.yaml") == [("HUB101", 3, 11)]
    assert codes("apiVersion: v1\nkind: ConfigMap\n", "values.yaml") == []
    (f,) = hublint.lint_text("singleuser: [\n", path="values.yaml")
    assert f.code == "HUB001" and "not valid YAML" in f.message


def test_z2jh_yaml_is_read_safely(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "singleuser:\n  cmd: !!python/object/apply:os.system ['touch EXECUTED']\n  image:\n    name: x\n" \
           "    tag: 2025-01-06\n"
    assert codes(text, "values.yaml") == []
    assert not (tmp_path / "EXECUTED").exists()


# --------------------------------------------------------------------------- linking

DOCKERFILE = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"jupyter\", \"lab\"]\n"


@pytest.mark.parametrize(("config", "declared"), [
    ("dockerspawner/jupyterhub_config.py", True),   # c.DockerSpawner.cmd is set
    ("kubespawner/jupyterhub_config.py", False),    # only args
    ("z2jh/values.yaml", False),                    # singleuser.cmd: null -> the image's CMD
])
def test_hub_config_links_the_spawner_cmd(tmp_path, config, declared):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    r = cli("--format", "json", "--hub-config", str(DEPLOY / config), str(tmp_path / "Dockerfile"))
    findings = json.loads(r.stdout)["findings"]
    dockerfile_codes = {f["code"] for f in findings if f["path"].endswith("Dockerfile")}
    assert ("HUB402" in dockerfile_codes) is not declared
    # the config file is linted too, named (JSON) from the root of the repository holding it (docs/usage.md, "Paths")
    from hublint.workspace.root import find_root, holds_git

    root = find_root(str(DEPLOY / config))
    named = os.path.relpath(DEPLOY / config, root).replace(os.sep, "/") if holds_git(root) else str(DEPLOY / config)
    assert any(f["path"] == named for f in findings), (named, findings)


def test_z2jh_without_cmd_uses_the_chart_default(tmp_path):
    values = tmp_path / "values.yaml"
    values.write_text("singleuser:\n  image:\n    name: quay.io/jupyter/base-notebook\n    tag: 2025-01-06\n")
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    r = cli("--format", "concise", "--hub-config", str(values), str(tmp_path / "Dockerfile"))
    assert r.returncode == 0 and r.stdout == ""


def test_folder_discovery_finds_jupyterhub_config(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "jupyterhub_config.py").write_text('c = get_config()\nc.DockerSpawner.image = "python"\n')
    (tmp_path / "hub" / "values.yaml").write_text("singleuser:\n  image:\n    name: x\n    tag: latest\n")
    r = cli("--format", "concise", str(tmp_path))
    assert r.stdout.startswith(f"{tmp_path / 'hub' / 'jupyterhub_config.py'}:2:25: HUB101")
    # z2jh values are found by their shape (since the deployment-aware release)
    assert f"{tmp_path / 'hub' / 'values.yaml'}:4:10: HUB102" in r.stdout


def test_missing_hub_config(tmp_path):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    r = cli("--hub-config", str(tmp_path / "nope.py"), str(tmp_path / "Dockerfile"))
    assert r.returncode == 2 and "nope.py: cannot read --hub-config file" in r.stderr


def test_pragmas_in_hub_configs():
    text = ('c = get_config()\n# hublint ignore=HUB101  # pinned by digest in production\n'
            'c.DockerSpawner.image = "example.org/lab"\nc.KubeSpawner.image = "example.org/lab"\n')
    assert codes(text) == [("HUB101", 4, 23)]
    text = "# hublint global ignore=latest-tag\nsingleuser:\n  image:\n    name: x\n    tag: latest\n"
    assert codes(text, "values.yaml") == []
    assert codes("# hublint ignore=HUB9X\nc = get_config()\n") == [("HUB002", 1, 18)]


def test_unreadable_values_that_no_release_names_are_a_weak_parse_error():
    """A YAML file with the chart's keys that is not YAML (notes, a template) is guessed to be values: its parse
    error rests on that guess (weak, an info); a release that names it (`helm upgrade -f`) makes it an error."""
    from conftest import lint_repo

    notes = "# notes, not read by anything\nsingleuser:\n  image: x\n  then run: helm upgrade [\n  - a: b: c\n"
    found = [(f.code, f.severity, f.confidence) for f in lint_repo({"notes-values.yaml": notes})]
    assert found == [("HUB001", "info", "weak")]
    files = {"notes-values.yaml": notes, "deploy.sh": "#!/bin/sh\nhelm upgrade --install hub jupyterhub/jupyterhub "
             "--version 3.3.8 -f notes-values.yaml\n"}
    assert [(f.code, f.severity, f.path) for f in lint_repo(files)] == [("HUB001", "error", "notes-values.yaml")]
    chart = {"chart/Chart.yaml": "apiVersion: v2\nname: hub\nversion: 1.0.0\n", "chart/values.yaml": notes}
    assert [(f.code, f.severity) for f in lint_repo(chart)] == [("HUB001", "error")]  # Helm always reads it


def test_a_variable_the_hub_service_sets_replaces_the_configurations_default():
    """`os.environ.get("IMAGE", "jupyter/datascience-notebook:latest")` under a compose Hub service that passes
    `IMAGE=${IMAGE}`: the variable is set (from a `.env` hublint may not have), so the default is not deployed;
    without the service passing it, the default is the image."""
    from conftest import lint_repo

    config = ("import os\nc = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
              "c.DockerSpawner.image = os.environ.get('IMAGE', 'jupyter/datascience-notebook:latest')\n")
    compose = ("services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n    volumes:\n"
               "      - ./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py\n    environment:\n"
               "      - IMAGE=${IMAGE}\n")
    tags = lambda found: [f.code for f in found if f.code in ("HUB102", "HUB104")]  # noqa: E731
    assert tags(lint_repo({"jupyterhub_config.py": config, "docker-compose.yml": compose})) == []
    alone = compose.replace("    environment:\n      - IMAGE=${IMAGE}\n", "")
    assert sorted(tags(lint_repo({"jupyterhub_config.py": config, "docker-compose.yml": alone}))) == [
        "HUB102", "HUB104"]


@pytest.mark.parametrize(
    ("command", "hub"),
    [
        (None, True),  # the Hub image's own command: the Hub
        ('["jupyterhub", "-f", "/srv/jupyterhub/jupyterhub_config.py"]', True),
        ("sh -c \"pip install oauthenticator && exec jupyterhub\"", True),
        ('["python3", "proxy.py", "http://grafana:3000/"]', False),  # a Hub service's tool reusing the image
    ],
)
def test_a_service_reusing_the_hub_image_for_another_program_is_not_the_hub(command, hub):
    text = "services:\n  svc:\n    image: jupyterhub/jupyterhub:latest\n"
    if command is not None:
        text += f"    command: {command}\n"
    found = [(f.path, f.line) for f in lint_repo({"docker-compose.yml": text}, "HUB102")]
    assert found == ([("docker-compose.yml", 3)] if hub else [])


def test_a_hub_folder_in_a_tools_path_is_not_the_hub_command():
    text = ("services:\n  svc:\n    image: jupyterhub/jupyterhub:latest\n"
            "    command: [\"python3\", \"/srv/jupyterhub/proxy.py\"]\n")
    assert lint_repo({"docker-compose.yml": text}, "HUB102") == []
