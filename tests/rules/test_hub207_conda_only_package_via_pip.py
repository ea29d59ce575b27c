from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_fires_on_pip_only():
    assert ("HUB207", 2) in codes(f"{BASE}RUN pip install jupyterhub-singleuser\n")
    assert ("HUB207", 2) in codes(f"{BASE}RUN python3 -m pip install 'jupyterhub_base==5.3.0'\n")
    assert "HUB207" not in [c for c, _ in codes(f"{BASE}RUN mamba install -y jupyterhub-singleuser=5.3.0\n")]
    assert "HUB207" not in [c for c, _ in codes(f"{BASE}RUN pip install jupyterhub-idle-culler\n")]
