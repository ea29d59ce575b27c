"""Upstream source a repository carries is the project's, not the deployment's: a JupyterHub project's package
folder below the linted one (its development `jupyterhub_config.py`, its Dockerfiles) and the program of a copy
of the jupyterhub chart are neither read nor linted; a vendored spawner's version is the one the Hub runs."""

from conftest import lint_in as lint

KUBE_SETUP = "from setuptools import setup\nsetup(\n    name='jupyterhub-kubespawner',\n    version='{v}',\n)\n"
OLD_NAMES = "c.JupyterHub.spawner_class = 'kubespawner.KubeSpawner'\nc.KubeSpawner.singleuser_uid = 1000\n"


def test_a_vendored_spawner_package_is_not_the_deployment(tmp_path):
    files = {
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nCOPY kubespawner /srv/kubespawner\n"
                          "RUN pip install -e /srv/kubespawner\nCOPY jupyterhub_config.py /srv/\n"
                          "CMD [\"jupyterhub\", \"-f\", \"/srv/jupyterhub_config.py\"]\n",
        "hub/jupyterhub_config.py": OLD_NAMES,
        "hub/kubespawner/setup.py": KUBE_SETUP.format(v="0.8.1"),
        "hub/kubespawner/kubespawner/__init__.py": "",
        "hub/kubespawner/jupyterhub_config.py": OLD_NAMES + "c.KubeSpawner.image_spec = 'jupyter/base-notebook'\n",
        "hub/kubespawner/Dockerfile": "FROM python:3.6\nUSER root\n",
    }
    found = lint(tmp_path, files)
    assert not [f for f in found if f.path.startswith("hub/kubespawner/")]
    # KubeSpawner 0.8.1, the copy the Hub installs, still calls it singleuser_uid
    assert not [f for f in found if f.code == "HUB603"]
    # a newer copy deprecates it
    found = lint(tmp_path, {"hub/kubespawner/setup.py": KUBE_SETUP.format(v="0.10.0")})
    assert [(f.path, f.line) for f in found if f.code == "HUB603"] == [("hub/jupyterhub_config.py", 2)]


def test_a_package_of_the_deployments_own_and_the_linted_folder_itself_are_read(tmp_path):
    files = {
        "auth/setup.py": "from setuptools import setup\nsetup(name='myauthenticator', version='1.0')\n",
        "auth/jupyterhub_config.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:latest'\n",
    }
    assert [f.code for f in lint(tmp_path, files)] == ["HUB102"]
    upstream = {"auth/setup.py": "setup(name='x', url='https://github.com/jupyterhub/x')\n", "auth/x/__init__.py": "",
                "jupyterhub_config.py": "c.JupyterHub.ip = '0.0.0.0'\n"}
    assert lint(tmp_path, upstream) == []
    assert [f.code for f in lint(tmp_path / "auth", {})] == ["HUB102"]  # linted as itself, it is the project


def test_the_program_of_a_copy_of_the_jupyterhub_chart_is_not_the_deployments_configuration(tmp_path):
    chart = "apiVersion: v1\nname: jupyterhub\nversion: 0.9.0\nappVersion: 1.1.0\n"
    program = "c.JupyterHub.hub_connect_port = 8081\n"
    files = {"z2jh-copy/Chart.yaml": chart, "z2jh-copy/files/hub/jupyterhub_config.py": program}
    assert [f.code for f in lint(tmp_path, files)] == []
    # the same program outside a copy of the chart is a configuration
    assert [f.code for f in lint(tmp_path, {"hub/jupyterhub_config.py": program})] == ["HUB603"]


def test_a_repository_that_is_the_chart_owns_its_program(tmp_path):
    chart = "apiVersion: v1\nname: jupyterhub\nversion: 0.9.0\nappVersion: 1.1.0\n"
    files = {"Chart.yaml": chart, "files/hub/jupyterhub_config.py": "c.JupyterHub.hub_connect_port = 8081\n"}
    assert [(f.path, f.code) for f in lint(tmp_path, files)] == [("files/hub/jupyterhub_config.py", "HUB603")]


def test_a_project_file_without_the_packages_code_is_the_deployments(tmp_path):
    """`uv init` in a folder named `jupyterhub` writes `name = "jupyterhub"`: without the package's code beside it,
    the folder is the deployment's own; and a `name =` far down a file (or on a later line) is read in linear time."""
    files = {
        "jupyterhub/pyproject.toml": '[project]\nname = "jupyterhub"\nversion = "0.1.0"\n' + " \n" * 50_000,
        "jupyterhub/jupyterhub_config.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:latest'\n",
    }
    assert [f.code for f in lint(tmp_path, files)] == ["HUB102"]


def test_a_fork_of_the_chart_that_publishes_it_owns_its_program(tmp_path):
    """A z2jh fork keeps the chart in `jupyterhub/` and publishes it with a root `chartpress.yaml`."""
    chart = "apiVersion: v1\nname: jupyterhub\nversion: 0.9.0\nappVersion: 1.1.0\n"
    files = {
        "jupyterhub/Chart.yaml": chart,
        "jupyterhub/files/hub/jupyterhub_config.py": "c.JupyterHub.hub_connect_port = 8081\n",
        "chartpress.yaml": "charts:\n  - name: jupyterhub\n    images:\n      hub:\n        valuesPath: hub.image\n",
        "images/hub/Dockerfile": "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.2.1'\n",
    }
    found = [(f.path, f.code) for f in lint(tmp_path, files)]
    assert ("jupyterhub/files/hub/jupyterhub_config.py", "HUB603") in found
    (tmp_path / "chartpress.yaml").unlink()
    files.pop("chartpress.yaml")
    assert ("jupyterhub/files/hub/jupyterhub_config.py", "HUB603") not in [(f.path, f.code) for f in lint(tmp_path, files)]


def test_a_chart_of_the_repositorys_own_named_jupyterhub_is_not_zero_to_jupyterhubs(tmp_path):
    """`name: jupyterhub` alone is no copy of z2jh: its appVersion (`v0.0.0`) is no Hub version, and its program is
    the deployment's; a chart at a published z2jh version, or with a JupyterHub release as appVersion, is."""
    from hublint.deployment.chartversions import z2jh_chart

    assert not z2jh_chart("jupyterhub", "0.0.1", "v0.0.0")
    assert z2jh_chart("jupyterhub", "0.9.0", None) and z2jh_chart("jupyterhub", "0.0.1", "4.1.6")
    assert not z2jh_chart("daskhub", "0.9.0", "1.1.0")
    chart = "apiVersion: v2\nname: jupyterhub\nversion: 0.0.1\nappVersion: v0.0.0\n"
    files = {"helm/Chart.yaml": chart, "helm/files/hub/jupyterhub_config.py": "c.JupyterHub.hub_connect_port = 8081\n"}
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found] == [("helm/files/hub/jupyterhub_config.py", "HUB603")]
    assert "v0.0.0" not in " ".join(f.message for f in found)


def test_an_unrendered_template_that_is_no_yaml_is_listed_not_a_parse_error(tmp_path, run_cli, monkeypatch):
    """An Ansible role's `templates/docker-compose.yml` with `{% if %}` lines, a cookiecutter folder's values: a
    tool renders them first; YAML that does not parse and holds no template marker keeps its HUB001."""
    files = {
        "roles/vault/templates/docker-compose.yml": "services:\n  vault:\n    image: vault:{{ v }}\n{% if x %}\n"
                                                    "    ports: [8200]\n{% endif %}\n",
        "jupyterhub_config.py": "c.JupyterHub.ip = '0.0.0.0'\n",
    }
    assert lint(tmp_path, files) == []
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--no-cache", "--show-roles", ".")
    assert "not read: a template a tool renders first" in out
    broken = {"roles/vault/templates/docker-compose.yml": "services:\n  vault:\n    image: [unclosed\n"}
    assert [f.code for f in lint(tmp_path, broken)] == ["HUB001"]
