import pytest
from conftest import lint, lint_repo


def hub212(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB212"]


R_NOTEBOOK = "FROM quay.io/jupyter/r-notebook:2024-03-18\n"


def test_conda_pin_with_proxies_names_them():
    """failure-modes-2 x1: r-notebook + `jupyterhub-base=4.1.2` + server-proxy launchers."""
    text = f'{R_NOTEBOOK}RUN mamba install --yes "jupyterhub-base=4.1.2" jupyter-server-proxy jupyter-rsession-proxy\n'
    (f,) = hub212(text)
    assert f.severity == "warning"
    assert (f.line, f.column, f.end_column) == (2, 25, 48)  # the spec `"jupyterhub-base=4.1.2"`
    assert f.message == (
        "the image installs jupyterhub 4.1.2 (4.1.0-4.1.3 XSRF regression): `jupyter-rsession-proxy` (+1) apps get 403"
    )
    assert f.help.startswith("use jupyterhub 4.1.4 or later")


@pytest.mark.parametrize("spec", ["'jupyterhub==4.1.0'", "'jupyterhub==4.1.3'", "'jupyterhub>=4.1,<4.1.4'"])
def test_pip_pins_in_the_range(spec):
    (f,) = hub212(f"FROM python:3.12.8-slim\nRUN pip install --no-cache-dir {spec} jupyterlab\n")
    assert "nbconvert downloads and proxied apps get 403" in f.message


@pytest.mark.parametrize("spec", ["'jupyterhub==4.1.4'", "'jupyterhub==4.1.*'", "'jupyterhub~=4.1.0'",
                                  "'jupyterhub==4.0.2'", "jupyterhub", "'jupyterhub>=4.1.0'"])
def test_silent_when_a_fixed_release_is_admitted(spec):
    assert hub212(f"FROM python:3.12.8-slim\nRUN pip install --no-cache-dir {spec} jupyterlab\n") == []


@pytest.mark.parametrize(("base", "fires"), [
    ("quay.io/jupyter/base-notebook:hub-4.1.2", True),
    ("quay.io/jupyterhub/singleuser:4.1.0", True),
    ("quay.io/jupyterhub/k8s-singleuser-sample:3.3.5", True),
    ("quay.io/jupyterhub/k8s-singleuser-sample:3.3.6", False),  # 4.1.4
    ("quay.io/jupyterhub/singleuser:4.1", False),  # any 4.1.x: moving, not judged
    ("quay.io/jupyter/base-notebook:2024-04-01", False),  # 4.1.4
    ("quay.io/jupyter/base-notebook:latest", False),  # unknown version
])
def test_base_images_by_tag(base, fires):
    found = hub212(f"FROM {base}\n")
    assert bool(found) is fires
    if fires:
        assert found[0].line == 1 and found[0].message.startswith("the base `")


def test_a_later_install_replaces_the_base_version():
    assert hub212("FROM quay.io/jupyter/base-notebook:hub-4.1.2\nRUN mamba install --yes 'jupyterhub-base=4.1.6'\n") == []


def test_spawn_image_in_values():
    """failure-modes-2 x2: z2jh values with the sample image of chart 3.3.2 (jupyterhub 4.1.0)."""
    found = lint_repo({"values.yaml": "singleuser:\n  image:\n    name: quay.io/jupyterhub/k8s-singleuser-sample\n"
                                      '    tag: "3.3.2"\n'}, "HUB212")
    (f,) = found
    assert (f.path, f.line) == ("values.yaml", 4)
    assert f.message.startswith("spawn image `quay.io/jupy")  # cut to fit one line
    assert f.message.endswith("-singleuser-sample:3.3.2` has jupyterhub 4.1.0, whose XSRF checks reject valid requests (403)")
    assert len(f.message) <= 120


def test_spawn_images_in_jupyterhub_config():
    config = ('c = get_config()\nc.DockerSpawner.allowed_images = {"old": "quay.io/jupyterhub/singleuser:4.1.3",\n'
              '    "new": "quay.io/jupyterhub/singleuser:4.1.5"}\n')
    found = lint_repo({"jupyterhub_config.py": config}, "HUB212")
    assert [(f.line, f.message.split("`")[1]) for f in found] == [(2, "quay.io/jupyterhub/singleuser:4.1.3")]


def test_the_hubs_own_image_is_not_judged():
    compose = "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:4.1.2\n    command: jupyterhub\n"
    assert lint_repo({"docker-compose.yml": compose}, "HUB212") == []
