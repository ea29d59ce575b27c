from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_fires_on_compatible_difference():
    assert ("HUB205", 2) in codes(f"{BASE}RUN pip install 'jupyterhub==5.2.1'\n", hub_version="5.3.0")
    assert ("HUB205", 2) in codes(f"{BASE}RUN mamba install -y jupyterhub-singleuser=4.0.1\n", hub_version="4.0.2")


def test_silent_when_equal_unpinned_or_incompatible():
    assert codes(f"{BASE}RUN pip install 'jupyterhub==5.3'\n", hub_version="5.3.0") == []
    assert "HUB205" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==5.*'\n", hub_version="5.3.0")]
    assert "HUB205" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.6'\n", hub_version="5.3.0")]


def test_base_tag_exact_version():
    assert ("HUB205", 1) in codes("FROM quay.io/jupyterhub/singleuser:5.2.1-1\n", hub_version="5.3.0")


def test_no_drift_against_an_imprecise_hub_version():
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install 'jupyterhub==5.2.1'\n"
    assert "HUB205" in [c for c, _ in codes(text, hub_version="5.3.0")]
    assert "HUB205" not in [c for c, _ in codes(text, hub_version="5")]


def test_spawn_image_drift():
    import hublint

    text = 'c = get_config()\nc.DockerSpawner.image = "quay.io/jupyterhub/singleuser:5.2.1"\n'
    assert [f.code for f in hublint.lint_text(text, path="jupyterhub_config.py", hub_version="5.3.0")] == ["HUB205"]
