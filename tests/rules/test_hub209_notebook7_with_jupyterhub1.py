import pytest
from conftest import codes

PY = "FROM python:3.9\nUSER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize(("specs", "fires"), [
    ("'jupyterhub==1.5.0' 'notebook>=7'", True),
    ("'jupyterhub==1.5.0' notebook", True),
    ("'jupyterhub<2' 'notebook==7.0.6'", True),
    ("'jupyterhub==1.5.0' 'notebook<7'", False),
    ("'jupyterhub==2.3.1' notebook", False),
    ("'jupyterhub>=1.5' notebook", False),
    ("'jupyterhub==1.5.0' jupyterlab", False),
])
def test_pip(specs, fires):
    text = PY.replace("USER", f"RUN pip install {specs}\nUSER", 1)
    assert (("HUB209", 2) in codes(text)) is fires


def test_docker_stacks_base_with_notebook7_and_old_hub():
    assert ("HUB209", 2) in codes("FROM quay.io/jupyter/base-notebook:2024-01-08\n"
                                  "RUN pip install 'jupyterhub==1.5.0'\n")
    assert "HUB209" not in [c for c, _ in codes("FROM jupyter/base-notebook:2023-05-01\n"
                                                "RUN pip install 'jupyterhub==1.5.0'\n")]


def test_unpinned_notebook_without_upgrade_keeps_the_base():
    assert "HUB209" not in [c for c, _ in codes("FROM jupyterhub/singleuser:1.2\nRUN pip install notebook numpy\n")]
    assert ("HUB209", 1) in codes("FROM jupyterhub/singleuser:1.2\nRUN pip install -U notebook numpy\n")


def test_server_app_variable_silences():
    text = PY.replace("USER", "RUN pip install 'jupyterhub==1.5.0' notebook\n"
                              "ENV JUPYTERHUB_SINGLEUSER_APP=jupyter_server.serverapp.ServerApp\nUSER", 1)
    assert "HUB209" not in [c for c, _ in codes(text)]


def test_an_unpinned_notebook_on_a_python_older_than_3_8_is_a_6():
    """notebook 7 requires Python 3.8: on a 3.7 image pip picks a 6.x, which jupyterhub 1 starts."""
    for python, fires in (("3.7", False), ("3.8", True)):
        text = (f"FROM python:{python}\nUSER 1000\nCMD [\"jupyterhub-singleuser\"]\n"
                "RUN pip install 'jupyterhub==1.5.0' notebook\n")
        assert ("HUB209" in [c for c, _ in codes(text)]) is fires, python
    text = "FROM python:3.7\nUSER 1000\nRUN pip install 'jupyterhub==1.5.0' 'notebook>=7'\n"
    assert "HUB209" in [c for c, _ in codes(text)]  # pinned: as written


def test_an_unknown_base_names_its_python_in_package_paths():
    """On a base hublint does not know, one `pythonX.Y/site-packages` (or `dist-packages`) version the Dockerfile
    names is the image's Python: below 3.8 an unpinned notebook is a 6.x; two versions say nothing."""
    text = ("FROM team/tensorflow:1.13.1-py3\nRUN pip install 'jupyterhub==1.0.0' notebook\n"
            "RUN cp font.ttf /usr/local/lib/python3.5/dist-packages/matplotlib/\nUSER 1000\n")
    assert "HUB209" not in [c for c, _ in codes(text)]
    assert "HUB105" not in [c for c, _ in codes(text.replace("1.0.0", "5.2.1"))]  # a weak premise: no error on it
    assert ("HUB209", 2) in codes(text + "ENV PYTHONPATH=/opt/lib/python3.11/site-packages\n")
    assert ("HUB209", 2) in codes(text.replace("python3.5", "python3.10"))
