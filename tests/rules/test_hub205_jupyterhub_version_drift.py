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


def test_the_message_fits_120_characters_whatever_the_base_or_install():
    from conftest import lint

    long_base = "FROM quay.io/jupyterhub/k8s-singleuser-sample:4.2.0\n"
    found = [f for f in lint(long_base, hub_version="5.2.1") if f.code == "HUB205"]
    assert found and len(found[0].message) <= 120
    assert found[0].message.endswith("gives jupyterhub 5.3.0, the Hub runs 5.2.1: compatible, not equal")
    spec = "jupyterhub==5.2.1 ; python_version >= '3.8' and platform_machine != 'aarch64' and sys_platform == 'linux'"
    found = [f for f in lint(f'{BASE}RUN pip install "{spec}"\n', hub_version="5.3.0") if f.code == "HUB205"]
    assert found and len(found[0].message) <= 120 and found[0].message.startswith("`jupyterhub==5.2.1 ; python")
