"""One scope per deployment, and repository boundaries: which Hub version (and which configuration's facts) apply
to each file of a repository with several deployments, nested repositories and no `.git` at all."""

import json
import os

import pytest

from hublint.settings.options import Settings
from hublint.workspace.hubs import conflicts_in, hub_for, hubs_for
from hublint.workspace.root import find_root, holds_git
from hublint.workspace.scopes import config_scope, enclosing_configs, spawning_configs
from hublint.workspace.sources import Sources
from hublint.workspace.workspace import build_deployment

USER = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub=={v}' 'jupyterlab==4.3.4'\nUSER 1000\n"
CHART = "apiVersion: v2\nname: {name}\nversion: 0.1.0\ndependencies:\n  - name: jupyterhub\n    version: {v}\n" \
        "    repository: https://jupyterhub.github.io/helm-chart/\n"
VALUES = "jupyterhub:\n  singleuser:\n    image:\n      name: {image}\n      tag: \"1.0\"\n"


def write(root, files, git=True):
    if git:
        (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def deployment(root, files, git=True):
    write(root, files, git)
    return build_deployment(str(root), Settings(), Sources())


def lint(root, *paths, **settings):
    import hublint

    cwd = os.getcwd()
    os.chdir(root)
    try:
        return hublint.lint_paths(list(paths or ["."]), use_config=False, **settings)
    finally:
        os.chdir(cwd)


def two_charts(root):
    return deployment(root, {
        "physics/Chart.yaml": CHART.format(name="physics", v="3.3.8"),
        "physics/values.yaml": VALUES.format(image="example.org/physics"),
        "biology/Chart.yaml": CHART.format(name="biology", v="4.0.0"),
        "biology/values.yaml": VALUES.format(image="example.org/biology"),
        "Makefile": "all:\n\tdocker build -t example.org/physics:1.0 images/physics\n"
                    "\tdocker build -t example.org/biology:1.0 images/biology\n",
        "images/physics/Dockerfile": USER.format(v="4.1.6"),
        "images/biology/Dockerfile": USER.format(v="5.2.1"),
        "images/loose/Dockerfile": USER.format(v="5.2.1"),
    })


# ------------------------------------------------------------------------------------------- scope resolution
def test_each_deployment_has_its_own_hub_for_what_it_spawns(tmp_path):
    dep = two_charts(tmp_path)
    physics, _ = hub_for(dep, str(tmp_path / "images/physics/Dockerfile"))
    biology, _ = hub_for(dep, str(tmp_path / "images/biology/Dockerfile"))
    assert (physics.version, physics.path) == ("4.1.6", str(tmp_path / "physics/Chart.yaml"))
    assert (biology.version, biology.path) == ("5.2.1", str(tmp_path / "biology/Chart.yaml"))
    # a values file takes its chart's Hub; a chart's two sources never conflict with the other chart's
    assert hub_for(dep, str(tmp_path / "physics/values.yaml"))[0].version == "4.1.6"
    assert conflicts_in(dep, str(tmp_path / "physics/Chart.yaml")) == ()


def test_an_image_no_deployment_spawns_or_encloses_gets_no_version_when_they_disagree(tmp_path):
    dep = two_charts(tmp_path)
    assert hubs_for(dep, str(tmp_path / "images/loose/Dockerfile")) == []
    assert hub_for(dep, str(tmp_path))[0] is None


def test_when_every_deployment_agrees_the_version_applies_everywhere(tmp_path):
    dep = deployment(tmp_path, {
        "a/Chart.yaml": CHART.format(name="a", v="4.0.0"),
        "b/Chart.yaml": CHART.format(name="b", v="4.1.0"),  # JupyterHub 5.2.1 both
        "images/x/Dockerfile": USER.format(v="5.2.1"),
    })
    (chosen, _), = hubs_for(dep, str(tmp_path / "images/x/Dockerfile"))
    assert chosen.version == "5.2.1"


def test_the_deepest_enclosing_scope_wins(tmp_path):
    dep = deployment(tmp_path, {
        "Chart.yaml": CHART.format(name="outer", v="3.3.8"),
        "team/Chart.yaml": CHART.format(name="inner", v="4.0.0"),
        "team/images/lab/Dockerfile": USER.format(v="5.2.1"),
        "images/lab/Dockerfile": USER.format(v="4.1.6"),
    })
    assert hub_for(dep, str(tmp_path / "team/images/lab/Dockerfile"))[0].version == "5.2.1"
    assert hub_for(dep, str(tmp_path / "images/lab/Dockerfile"))[0].version == "4.1.6"


HUB_IMAGE = "FROM quay.io/jupyterhub/jupyterhub:{v}\nRUN pip install dockerspawner==14.0.0\nCMD [\"jupyterhub\"]\n"


def test_a_hub_image_in_a_folder_named_for_it_is_the_hub_of_the_folder_above(tmp_path):
    """`a/hub/Dockerfile` beside `a/lab/`: the Hub of the deployment in `a`, even when a CI workflow at the
    repository's root builds every image (a workflow builds the images of many deployments); a folder named for a
    whole deployment (`hub-prod/`) is its own scope."""
    workflow = ("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - run: docker build -t ghcr.io/example/a-hub:1 a/hub\n"
                "      - run: docker build -t ghcr.io/example/b-hub:1 b/jupyterhub\n")
    dep = deployment(tmp_path, {
        ".github/workflows/build.yml": workflow,
        "a/hub/Dockerfile": HUB_IMAGE.format(v="5.2.1"), "a/lab/Dockerfile": USER.format(v="5.2.1"),
        "b/jupyterhub/Dockerfile": HUB_IMAGE.format(v="1.5.0"), "b/lab/Dockerfile": USER.format(v="1.5.0"),
        "c/hub-prod/Dockerfile": HUB_IMAGE.format(v="4.1.6"), "c/lab/Dockerfile": USER.format(v="4.1.6"),
    })
    assert hub_for(dep, str(tmp_path / "a/lab/Dockerfile"))[0].version == "5.2.1"
    assert hub_for(dep, str(tmp_path / "b/lab/Dockerfile"))[0].version == "1.5.0"
    assert hub_for(dep, str(tmp_path / "c/lab/Dockerfile"))[0] is None  # the deployments disagree, none encloses it
    assert [f.code for f in lint(tmp_path) if f.code in ("HUB204", "HUB205")] == []


def test_a_configuration_alone_in_a_folder_named_for_the_hub_configures_the_folder_above(tmp_path):
    """`x/hub/jupyterhub_config.py` that sets the spawner's command applies to `x/lab/` (HUB401 does not judge the
    image's CMD there); a configuration in a folder named for a whole deployment (`x/hub-prod/`) keeps its own."""
    lab = "FROM quay.io/jupyter/base-notebook:2025-01-06\nENTRYPOINT [\"tini\", \"--\"]\n"
    config = ("c.JupyterHub.spawner_class = 'kubespawner.KubeSpawner'\n"
              "c.KubeSpawner.cmd = ['jupyterhub-singleuser']\nc.KubeSpawner.image = 'ghcr.io/example/lab:1'\n")
    other = "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\nc.DockerSpawner.image = 'y:1'\n"
    write(tmp_path, {"x/hub/jupyterhub_config.py": config, "x/lab/Dockerfile": lab, "y/jupyterhub_config.py": other})
    assert [f.code for f in lint(tmp_path) if f.path == "x/lab/Dockerfile" and f.code == "HUB401"] == []
    os.rename(tmp_path / "x/hub", tmp_path / "x/hub-prod")
    assert [f.code for f in lint(tmp_path) if f.path == "x/lab/Dockerfile" and f.code == "HUB401"] == ["HUB401"]


def test_a_hub_image_that_copies_a_file_in_as_jupyterhub_config_py_is_configured_by_it(tmp_path):
    """A Hub image started without `-f` reads `jupyterhub_config.py` in its working directory: a file it copies in
    under that name is its configuration, whatever it is called in the repository."""
    write(tmp_path, {
        "hub/Dockerfile": HUB_IMAGE.format(v="5.2.1") + "COPY hub_settings.py /srv/jupyterhub/jupyterhub_config.py\n"
                                                        "WORKDIR /srv/jupyterhub\n",
        "hub/hub_settings.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:latest'\n",
    })
    assert [(f.path, f.code) for f in lint(tmp_path)] == [("hub/hub_settings.py", "HUB102")]
    (tmp_path / "hub/Dockerfile").write_text(HUB_IMAGE.format(v="5.2.1") + "COPY hub_settings.py /srv/x.py\n")
    assert [(f.path, f.code) for f in lint(tmp_path)] == []


def test_an_image_two_deployments_spawn_is_judged_against_each(tmp_path):
    files = {
        "physics/Chart.yaml": CHART.format(name="physics", v="3.3.8"),
        "physics/values.yaml": VALUES.format(image="example.org/common"),
        "biology/Chart.yaml": CHART.format(name="biology", v="4.0.0"),
        "biology/values.yaml": VALUES.format(image="example.org/common"),
        "Makefile": "all:\n\tdocker build -t example.org/common:1.0 common\n",
        "common/Dockerfile": USER.format(v="5.2.1"),
    }
    dep = deployment(tmp_path, files)
    assert [h.version for h, _ in hubs_for(dep, str(tmp_path / "common/Dockerfile"))] == ["5.2.1", "4.1.6"]
    found = lint(tmp_path)
    (hit,) = [f for f in found if f.code == "HUB204"]
    assert hit.path == "common/Dockerfile" and "the Hub runs 4.1.6" in hit.message
    assert "physics/Chart.yaml:6" in hit.help and hit.fix is None  # a pin to 4.1.6 would break biology
    assert not any(f.code == "HUB604" for f in found)


def test_sources_of_one_deployment_that_disagree_are_hub604(tmp_path):
    files = {
        "Chart.yaml": CHART.format(name="hub", v="4.0.0"),
        "values.yaml": "jupyterhub:\n  hub:\n    image:\n      name: quay.io/jupyterhub/k8s-hub\n"
                       "      tag: \"3.3.8\"\n",
    }
    dep = deployment(tmp_path, files)
    (conflict,) = conflicts_in(dep, str(tmp_path / "values.yaml")) + conflicts_in(dep, str(tmp_path / "Chart.yaml"))
    assert conflict[0] in ("4.1.6", "5.2.1") and conflict[3] in ("4.1.6", "5.2.1") and conflict[0] != conflict[3]
    assert any(f.code == "HUB604" for f in lint(tmp_path))


def test_weak_sources_count_only_where_nothing_certain_is_stated(tmp_path):
    files = {
        "deployments/a/hubploy.yaml": "version: 3.3.8\nimages:\n  images:\n    - name: example.org/a:1\n",
        "deployments/a/config/common.yaml": VALUES.format(image="example.org/a"),
        "deployments/a/image/Dockerfile": USER.format(v="5.2.1"),
    }
    dep = deployment(tmp_path, files)
    chosen, _ = hub_for(dep, str(tmp_path / "deployments/a/image/Dockerfile"))
    assert (chosen.version, chosen.certainty) == ("4.1.6", "weak")
    assert config_scope(dep, str(tmp_path / "deployments/a/config/common.yaml")) == str(tmp_path / "deployments/a")
    (tmp_path / "deployments/a/Chart.yaml").write_text(CHART.format(name="a", v="4.0.0"))
    dep = build_deployment(str(tmp_path), Settings(), Sources())
    chosen, conflicts = hub_for(dep, str(tmp_path / "deployments/a/image/Dockerfile"))
    assert (chosen.version, chosen.certainty, conflicts) == ("5.2.1", "certain", [])  # and no HUB604 with it


def test_dep_hubs_are_ranked_once_and_resolution_changes_nothing(tmp_path):
    dep = deployment(tmp_path, {
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install jupyterhub==5.2.1\n"
                          "CMD [\"jupyterhub\"]\n",
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n    command: jupyterhub\n",
    })
    before = list(dep.hubs)
    assert [h.kind for h in before][:2] == ["the Hub Dockerfile's jupyterhub pin", "the Hub's base image tag"]
    for path in (str(tmp_path), str(tmp_path / "elsewhere"), str(tmp_path / "hub/Dockerfile")):
        hubs_for(dep, path)
    assert dep.hubs == before


# ------------------------------------------------------------------------------------------- facts per scope
def test_a_configuration_applies_to_its_compose_deployment_and_the_only_deployment_to_all(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n    command: jupyterhub -f /srv/c.py\n"
                              "    volumes:\n      - ./hub/jupyterhub_config.py:/srv/c.py\n",
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\n",
        "hub/jupyterhub_config.py": "c.DockerSpawner.image = 'example.org/lab:1'\n",
        "notebook/Dockerfile": USER.format(v="5.2.1"),
    }
    dep = deployment(tmp_path, files)
    config = str(tmp_path / "hub/jupyterhub_config.py")
    assert config_scope(dep, config) == str(tmp_path)
    assert enclosing_configs(dep, str(tmp_path / "notebook/Dockerfile")) == [config]
    assert spawning_configs(dep, str(tmp_path / "notebook/Dockerfile")) == []


def test_configurations_of_several_deployments_stay_in_their_scope(tmp_path):
    dep = deployment(tmp_path, {
        "a/values.yaml": VALUES.format(image="example.org/a"),
        "b/values.yaml": VALUES.format(image="example.org/b"),
        "images/x/Dockerfile": USER.format(v="5.2.1"),
    })
    assert enclosing_configs(dep, str(tmp_path / "images/x/Dockerfile")) == []
    assert enclosing_configs(dep, str(tmp_path / "a/sub/Dockerfile")) == [str(tmp_path / "a/values.yaml")]


# ------------------------------------------------------------------------------------------- repository boundaries
def test_root_is_the_nearest_git_at_or_above_else_the_fallback(tmp_path):
    write(tmp_path, {"a/b/Dockerfile": "FROM x\n"}, git=False)
    (tmp_path / "a" / ".git").write_text("gitdir: ../.git/modules/a\n")  # a submodule's .git file
    assert holds_git(str(tmp_path / "a")) and not holds_git(str(tmp_path / "a/b"))
    assert find_root(str(tmp_path / "a/b/Dockerfile")) == str(tmp_path / "a")
    lone = tmp_path / "lone"
    lone.mkdir()
    if find_root(str(lone)) == str(lone):  # nothing above tmp_path holds .git
        assert find_root(str(lone / "x" / "Dockerfile"), fallback=str(lone)) == str(lone)


def test_a_nested_repository_is_never_read_by_the_outer_one(tmp_path):
    files = {
        "image/Dockerfile": USER.format(v="5.2.1") + "CMD [\"jupyterhub-singleuser\"]\n",
        "vendor/up/chart/Chart.yaml": CHART.format(name="up", v="2.0.0"),
        "vendor/up/chart/values.yaml": VALUES.format(image="example.org/up"),
        "vendor/up/images/user/Dockerfile": USER.format(v="3.0.0"),
    }
    write(tmp_path, files)
    (tmp_path / "vendor/up/.git").mkdir()
    dep = build_deployment(str(tmp_path), Settings(), Sources())
    assert dep.nested == [str(tmp_path / "vendor/up")]
    assert not dep.hubs and not dep.configs and not dep.inside(str(tmp_path / "vendor/up/chart/Chart.yaml"))
    found = lint(tmp_path)
    assert found == []  # outer image: no Hub; nested image: its own Hub (3.0.0) and the chart's default cmd
    report_paths = {f.path for f in lint(tmp_path, "vendor/up/images/user/Dockerfile", hub_version="5.2.1")}
    assert report_paths == {"vendor/up/images/user/Dockerfile"}


def test_a_folder_without_git_never_borrows_from_a_repository_below(tmp_path, monkeypatch):
    files = {
        "Dockerfile": USER.format(v="5.2.1") + "CMD [\"jupyterhub-singleuser\"]\n",
        "projects/other/Chart.yaml": CHART.format(name="other", v="3.3.8"),
        "projects/other/values.yaml": VALUES.format(image="example.org/other"),
    }
    write(tmp_path, files, git=False)
    (tmp_path / "projects/other/.git").mkdir()
    if find_root(str(tmp_path)) != str(tmp_path):
        pytest.skip("a .git above the temporary folder")
    assert lint(tmp_path, "Dockerfile") == []
    assert lint(tmp_path) == []


# ------------------------------------------------------------------------------------------- the JSON
def test_json_lists_each_deployment_and_follows_the_schema(tmp_path, monkeypatch, run_cli):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    two_charts(tmp_path)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--format", "json", "--no-cache", ".")
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(files("hublint.data").joinpath("findings.schema.json").read_text()))
    dep = doc["deployment"]
    assert dep["hub"] is None
    assert [(d["scope"], d["hub"]["version"], d["configs"]) for d in dep["deployments"]] == [
        ("biology", "5.2.1", []), ("physics", "4.1.6", [])]
    _, text, _ = run_cli("--show-deployment", ".")
    assert "deployment physics: jupyterhub 4.1.6 (zero-to-jupyterhub chart 3.3.8" in text


def test_fix_makes_no_pin_for_an_image_of_deployments_that_disagree(tmp_path, monkeypatch, run_cli):
    files = {
        "physics/Chart.yaml": CHART.format(name="physics", v="3.3.8"),
        "physics/values.yaml": VALUES.format(image="example.org/common"),
        "biology/Chart.yaml": CHART.format(name="biology", v="4.0.0"),
        "biology/values.yaml": VALUES.format(image="example.org/common"),
        "Makefile": "all:\n\tdocker build -t example.org/common:1.0 common\n",
        "common/Dockerfile": USER.format(v="3.1.0"),  # matches neither
    }
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    run_cli("--fix", "--no-cache", ".")
    assert (tmp_path / "common/Dockerfile").read_text() == USER.format(v="3.1.0")
    (hit,) = [f for f in lint(tmp_path) if f.code == "HUB204"]  # one per place: the first deployment's
    assert "the Hub runs 5.2.1" in hit.message and hit.fix is None
