import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(("spec", "hub", "mismatch"), [
    ("'jupyterhub==4.1.6'", "5.3.0", True),
    ("'jupyterhub==5.0.0'", "5.3.0", False),
    ("'jupyterhub>=4'", "5.3.0", False),
    ("'jupyterhub<5'", "5.3.0", True),
    ("'jupyterhub==4.1.5'", "4.0.2", True),
    ("'jupyterhub==4.0.1'", "4.0.2", False),
    ("'jupyterhub==4.*'", "4.1.6", False),
    ("'jupyterhub~=3.1'", "4.1.6", True),
    ("'jupyterhub==6.1.1'", "5.3.0", True),
])
def test_pip(spec, hub, mismatch):
    assert (("HUB204", 2) in codes(f"{BASE}RUN pip install {spec}\n", hub_version=hub)) is mismatch


def test_base_image_versions():
    assert ("HUB204", 1) in codes("FROM quay.io/jupyter/base-notebook:hub-4.1.5\n", hub_version="5.3.0")
    assert ("HUB204", 1) in codes("FROM quay.io/jupyterhub/singleuser:4.1.6-2\n", hub_version="5.3.0")
    assert ("HUB204", 1) in codes("FROM quay.io/jupyterhub/k8s-singleuser-sample:3.3.8\n", hub_version="5.3.0")
    assert "HUB204" not in [c for c, _ in codes("FROM quay.io/jupyterhub/singleuser:5.2.1\n", hub_version="5.3.0")]


def test_needs_hub_version_and_a_judged_version():
    assert "HUB204" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.6'\n")]
    assert "HUB204" not in [c for c, _ in codes(f"{BASE}ARG V\nRUN pip install jupyterhub==$V\n", hub_version="5.3.0")]


def test_last_install_wins():
    text = f"{BASE}RUN pip install 'jupyterhub==4.1.6'\nRUN pip install 'jupyterhub==5.3.0'\n"
    assert "HUB204" not in [c for c, _ in codes(text, hub_version="5.3.0")]


def test_spawn_images_in_configuration():
    import hublint

    def found(image, hub):
        text = f'c = get_config()\nc.DockerSpawner.image = "{image}"\n'
        return [f.code for f in hublint.lint_text(text, path="jupyterhub_config.py", hub_version=hub)
                if f.code in ("HUB204", "HUB205")]

    assert found("quay.io/jupyterhub/singleuser:4", "5.2.1") == ["HUB204"]
    assert found("quay.io/jupyterhub/singleuser:5", "5.2.1") == []
    assert found("quay.io/jupyterhub/k8s-singleuser-sample:3.3.8", "5.3.0") == ["HUB204"]
    assert found("quay.io/team/unknown:1", "5.3.0") == []
    assert found("quay.io/jupyterhub/singleuser:${TAG}", "5.3.0") == []


def test_a_hub_known_only_by_its_major():
    assert ("HUB204", 2) in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.6'\n", hub_version="5")
    assert "HUB204" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.6'\n", hub_version="4")]


@pytest.mark.parametrize(("spec", "hub"), [
    ("'jupyterhub==4.1.0rc1'", "4.1.0"),
    ("'jupyterhub==4.1.0.post1'", "4.1.0"),
    ("'jupyterhub==5.0.0.dev0'", "5.2.1"),
    ("'jupyterhub==5.0.0b1'", "5.3.0"),
    ("'jupyterhub==4.1.0'", "4.1.0rc1"),
])
def test_pre_dev_and_post_releases_compare_by_their_release(spec, hub):
    """The Hub parses both versions and compares the release numbers (`_check_version`): a pre-release of the
    Hub's version is compatible — one finding, HUB205, never HUB204 with it."""
    found = [c for c, _ in codes(f"{BASE}RUN pip install {spec}\n", hub_version=hub) if c in ("HUB204", "HUB205")]
    assert found == ["HUB205"]


def test_consequence_depends_on_the_2_0_change():
    from conftest import lint

    (f,) = [f for f in lint(f"{BASE}RUN pip install 'jupyterhub==1.5.0'\n", hub_version="5.3.0")
            if f.code == "HUB204"]
    assert f.message.endswith("across the 2.0 change, logins fail")
    (f,) = [f for f in lint(f"{BASE}RUN pip install 'jupyterhub==4.1.6'\n", hub_version="5.3.0")
            if f.code == "HUB204"]
    assert f.message.endswith("the Hub warns at each spawn") and "redirect loop" not in f.message
