import pytest
from conftest import lint_repo


def values(image, extra="  cmd: null\n"):
    name, tag = image.rsplit(":", 1)
    return f"singleuser:\n  image:\n    name: {name}\n    tag: '{tag}'\n" + extra


@pytest.mark.parametrize(("image", "runs"), [
    ("quay.io/jupyterhub/k8s-singleuser-sample:4.1.0", "jupyter lab"),
    ("quay.io/jupyter/docker-stacks-foundation:2025-01-06", "bash"),
    ("python:3.12.8-slim", "python3"),
])
def test_image_cmd_is_not_a_launcher(image, runs):
    (f,) = lint_repo({"values.yaml": values(image)}, "HUB606")
    assert (f.path, f.line, f.column, f.severity) == ("values.yaml", 5, 8, "error")
    assert f.message == (
        f"`singleuser.cmd: null` runs the image's own CMD, `{runs}`, which never starts a Hub server"
    )
    assert image.rsplit("/", 1)[-1] in f.help


@pytest.mark.parametrize(("image", "extra"), [
    ("quay.io/jupyterhub/k8s-singleuser-sample:4.1.0", ""),  # the chart's default cmd
    ("quay.io/jupyterhub/k8s-singleuser-sample:4.1.0", "  cmd: jupyterhub-singleuser\n"),
    ("quay.io/jupyter/scipy-notebook:2025-01-06", "  cmd: null\n"),  # start-notebook.py
    ("quay.io/jupyterhub/singleuser:5.2.1", "  cmd: null\n"),
    ("example.org/team/custom:1.0", "  cmd: null\n"),  # unknown
    ("docker.io/pangeo/pangeo-notebook:2025.01.10", "  cmd: null\n"),  # an ENTRYPOINT script
])
def test_silent(image, extra):
    assert lint_repo({"values.yaml": values(image, extra)}, "HUB606") == []


def test_profiles():
    profiles = (
        "  profileList:\n"
        "    - display_name: sample\n      kubespawner_override:\n"
        "        image: quay.io/jupyterhub/k8s-singleuser-sample:4.1.0\n"
        "    - display_name: own command\n      kubespawner_override:\n"
        "        image: python:3.12.8-slim\n        cmd: [python3, -m, jupyterhub.singleuser]\n"
    )
    found = lint_repo({"values.yaml": values("quay.io/jupyter/scipy-notebook:2025-01-06", "  cmd: null\n" + profiles)},
                      "HUB606")
    assert [(f.line, "k8s-singleuser-sample" in f.help) for f in found] == [(5, True)]


def test_another_layer_sets_a_command():
    common = values("quay.io/jupyterhub/k8s-singleuser-sample:4.1.0")
    assert len(lint_repo({"config/common.yaml": common}, "HUB606")) == 1
    prod = "singleuser:\n  cmd: [jupyterhub-singleuser]\n"
    assert lint_repo({"config/common.yaml": common, "config/prod.yaml": prod}, "HUB606") == []


def test_an_image_built_here_is_hub402s():
    chartpress = ("charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
                  "        contextPath: image\n        valuesPath: singleuser.image\n")
    image = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' jupyterlab\nCMD [\"jupyter\", \"lab\"]\n"
    found = lint_repo({"values.yaml": values("example.org/team/lab:1.0"), "chartpress.yaml": chartpress,
                       "image/Dockerfile": image})
    codes = {f.code for f in found}
    assert "HUB402" in codes and "HUB606" not in codes
