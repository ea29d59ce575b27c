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


def test_a_moving_latest_base_gives_a_build_now_the_newest_major_a_weak_premise():
    """quay.io's `latest` is rebuilt with the newest jupyterhub: a build now gets the newest major hublint knows
    (or a later one); an image built long ago may hold an older release, so the finding is an info."""
    import hublint
    from hublint.image.stacks import newest_jupyterhub

    major = int(newest_jupyterhub()[0].split(".")[0])
    for base in ("quay.io/jupyter/scipy-notebook:latest", "quay.io/jupyterhub/singleuser:latest"):
        text = f"FROM {base}\nUSER 1000\n"
        (f,) = [f for f in hublint.lint_text(text, hub_version=f"{major - 1}.1.0") if f.code == "HUB204"]
        assert (f.severity, f.confidence) == ("info", "weak")
        assert f"now gives jupyterhub {major}.x or later" in f.message
        assert [f for f in hublint.lint_text(text, hub_version=f"{major}.0.0") if f.code in ("HUB204", "HUB205")] == []
    # a pinned install decides; the frozen Docker Hub `latest` is a known build; other tags are not judged so
    pinned = f"FROM quay.io/jupyter/scipy-notebook:latest\nRUN pip install 'jupyterhub=={major - 1}.1.0'\n"
    assert [f.code for f in hublint.lint_text(pinned, hub_version=f"{major - 1}.1.0") if f.code == "HUB204"] == []
    for base in ("jupyter/scipy-notebook:latest", "quay.io/jupyter/scipy-notebook:python-3.12",
                 "example.org/team/lab:latest"):
        found = [f for f in hublint.lint_text(f"FROM {base}\n", hub_version=f"{major - 1}.1.0") if f.code == "HUB204"]
        assert all("now gives" not in f.message for f in found), base


def test_a_spawn_image_on_a_moving_latest_is_judged_as_a_pull_now_weakly():
    from conftest import lint_repo

    from hublint.image.stacks import newest_jupyterhub

    major = int(newest_jupyterhub()[0].split(".")[0])
    hub = "hub:\n  image:\n    name: quay.io/jupyterhub/k8s-hub\n    tag: '3.3.8'\n"  # JupyterHub 4.1.6
    values = hub + "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n    tag: latest\n"
    (f,) = lint_repo({"values.yaml": values}, "HUB204")
    assert (f.path, f.severity, f.confidence) == ("values.yaml", "info", "weak")
    assert f"now has jupyterhub {major}.x or later" in f.message
    frozen = values.replace("quay.io/jupyter/scipy-notebook", "jupyter/scipy-notebook")  # 4.0.2, known
    assert [(g.severity, "now has" in g.message) for g in lint_repo({"values.yaml": frozen}, "HUB204")] == [
        ("error", False)]
