from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_conda_jupyterhub_only():
    assert ("HUB208", 2) in codes(f"{BASE}RUN conda install -y -c conda-forge jupyterhub=4.1.5\n")
    assert "HUB208" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.5'\n")]
    assert "HUB208" not in [c for c, _ in codes(f"{BASE}RUN mamba install -y jupyterhub-base=4.1.5\n")]


def test_suggests_the_singleuser_package_with_the_same_version():
    (f,) = [f for f in lint(f"{BASE}RUN mamba install -y jupyterhub=4.1.5\n") if f.code == "HUB208"]
    assert "`jupyterhub-singleuser=4.1.5`" in f.message
