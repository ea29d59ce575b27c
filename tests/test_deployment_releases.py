"""The readers of where a deployment states its chart version, read statically: chart versions (development
builds, published wrapper charts through their data), releases (helmfile, helmsman, Argo CD, hubploy, helm command
lines) and pasted copies of the chart's defaults."""

import os

import pytest

from hublint.deployment.chartversions import chart_hub_range, is_dev_version, wrapper_chart
from hublint.deployment.chartvalues import read_z2jh_values
from hublint.deployment.helmlines import read_helm_commands
from hublint.deployment.releases import (
    read_app_specs,
    read_helmfile_releases,
    read_hubploy,
    reference_copy,
)


def test_published_chart_versions_are_exact():
    assert chart_hub_range("3.3.8") == ("4.1.6", "4.1.6")
    assert chart_hub_range("v4.0.0") == ("5.2.1", "5.2.1")
    assert chart_hub_range("not-a-version") is None


def test_a_development_chart_gives_the_range_between_the_releases_around_it():
    assert is_dev_version("2.0.1-0.dev.git.6026.h0e7347d7") and not is_dev_version("2.0.1")
    low, high = chart_hub_range("2.0.1-0.dev.git.6026.h0e7347d7")
    assert (low, high) == ("3.0.0", chart_hub_range("3.0.0")[0])  # chart 2.0.0's JupyterHub to chart 3.0.0's
    assert chart_hub_range("99.0.0-0.dev.git.1.habcdef0")[1] is None  # after every known release: no upper bound
    assert chart_hub_range("0.0.1-0.dev.git.1.habcdef0") is None  # before every known release: unknown
    # an early chartpress's `X.Y-<sha>` (2019): a build on the way to X.Y.0, as `X.Y.0-0.dev.git…` is
    assert is_dev_version("0.9-dcde99a") and not is_dev_version("0.9-beta") and not is_dev_version("4.0-2024010")
    assert chart_hub_range("0.9-dcde99a") == (chart_hub_range("0.8.2")[0], chart_hub_range("0.9.0")[0])


@pytest.mark.parametrize("pre", ["3.0.0-beta.3", "3.0.0-alpha.1", "3.0.0-rc.1", "v3.0.0-beta.1"])
def test_a_pre_release_chart_gives_the_range_between_the_releases_around_it(pre):
    """A pre-release of X.Y.Z was made after the release before it: its JupyterHub lies between that release's
    and X.Y.Z's, as a development build's does."""
    assert chart_hub_range(pre) == (chart_hub_range("2.0.0")[0], chart_hub_range("3.0.0")[0])
    assert chart_hub_range("0.7.0-beta.1") is None  # before every release hublint knows: unknown
    assert chart_hub_range("99.0.0-beta.1")[1] is None  # after every known release: no upper bound
    assert chart_hub_range("3.0.0-beta") is None and chart_hub_range("3.0.0-preview.1") is None  # no such numbering


def test_a_release_newer_than_the_knowledge_gives_its_jupyterhub_or_a_later_one():
    """A chart release after the newest one hublint knows, of the same chart major, deploys that release's
    JupyterHub or a later one; a new chart major, or an unknown release between known ones, is unknown."""
    from hublint.deployment.chartversions import _published

    newest = _published()[-1]
    major, minor, patch = newest[0][:3]
    assert chart_hub_range(f"{major}.{minor}.{patch + 1}") == (chart_hub_range(newest[1])[0], None)
    assert chart_hub_range(f"{major + 1}.0.0") is None
    assert chart_hub_range("3.3.99") is None


def test_wrapper_charts_are_followed_through_their_data():
    assert wrapper_chart("daskhub", "2024.1.1") == "3.2.1"
    assert wrapper_chart("daskhub", "1999.1.1") is None
    assert wrapper_chart("binderhub", "1.0.0-0.dev.git.2100.habcdef0") == "4.2.0"
    assert wrapper_chart("binderhub", "1.0.0-0.dev.git.99999999.habcdef0") is None  # newer than the data
    assert wrapper_chart("somechart", "1.0.0") is None


def test_helmfile_releases_name_their_values_and_version(tmp_path):
    text = "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 4.0.0\n    values:\n" \
           "      - config/a.yaml\n      - \"{{ .Environment.Name }}.yaml\"\n      - singleuser: {image: {name: x}}\n" \
           "---\nreleases:\n  - name: other\n    chart: ./charts/mine\n"
    first, second = read_helmfile_releases(str(tmp_path / "helmfile.yaml"), text)
    assert (first.chart, first.version.value, first.version.span[0]) == ("jupyterhub", "4.0.0", 4)
    assert [v.value for v in first.values] == [str(tmp_path / "config/a.yaml")]  # templated: left out
    assert first.inline is not None and first.inline.images[0].ref == "x"
    assert second.local_chart == str(tmp_path / "charts/mine") and second.version is None


def test_helmsman_apps(tmp_path):
    text = "helmRepos:\n  jupyterhub: https://hub.jupyter.org/helm-chart/\napps:\n  jhub:\n    chart: jupyterhub/jupyterhub\n" \
           "    version: 3.3.8\n    valuesFiles:\n      - config/a.yaml\n      - config/b.yaml\n  other: {enabled: true}\n"
    (app,) = read_app_specs(str(tmp_path / "helmsman.yaml"), text, str(tmp_path))
    assert (app.name, app.kind, app.version.value) == ("jhub", "helmsman app", "3.3.8")
    assert [os.path.basename(v.value) for v in app.values] == ["a.yaml", "b.yaml"]


def test_argo_applications_inline_values_keep_their_positions(tmp_path):
    text = (
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: hub\nspec:\n  sources:\n"
        "    - repoURL: https://hub.jupyter.org/helm-chart/\n      chart: jupyterhub\n      targetRevision: 4.0.0\n"
        "      helm:\n        valueFiles:\n          - $values/config/hub.yaml\n        values: |\n"
        "          singleuser:\n            image:\n              name: quay.io/jupyter/scipy-notebook\n"
        "              tag: \"2024-05-27\"\n    - repoURL: https://example.org/git\n      ref: values\n"
        "---\napiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nspec:\n  template:\n    spec:\n"
        "      source:\n        chart: jupyterhub\n        targetRevision: 3.3.8\n"
    )
    app, templated = read_app_specs(str(tmp_path / "app.yaml"), text, str(tmp_path))
    assert app.version.value == "4.0.0" and [v.value for v in app.values] == [str(tmp_path / "config/hub.yaml")]
    (image,) = app.inline.images
    assert image.ref == "quay.io/jupyter/scipy-notebook:2024-05-27"
    assert image.span[:2] == (17, 20) and text.split("\n")[16][image.span[1] - 1 :].startswith('"2024-05-27"')
    assert templated.version.value == "3.3.8"
    assert read_app_specs("x.yaml", "kind: Application\napiVersion: v1\n", str(tmp_path)) == []


def test_hubploy_version_is_weak_and_its_config_folder_is_its_values(tmp_path):
    text = "version: 3.3.8\nimages:\n  images:\n    - name: example.org/a:1\n"
    release = read_hubploy(str(tmp_path / "deployments/a/hubploy.yaml"), text)
    assert (release.version.value, release.certainty, release.chart) == ("3.3.8", "weak", "jupyterhub")
    assert read_hubploy(str(tmp_path / "x.yaml"), text) is None


@pytest.mark.parametrize("script", [
    "helm upgrade --install hub jupyterhub/jupyterhub --version=4.0.0 --values config.yaml\n",
    "VERSION=4.0.0\nhelm upgrade \\\n  --install hub jupyterhub/jupyterhub \\\n  --version $VERSION -f config.yaml\n",
    "CHART_VERSION := 4.0.0\ndeploy:\n\tcd deploy && helm install hub jupyterhub/jupyterhub --version $(CHART_VERSION) "
    "-f config.yaml\n",
    # a variable the caller may set, with the script's default
    'VALUES_FILE="${VALUES_FILE:-config.yaml}"\nV="${CHART_VERSION:-4.0.0}"\n'
    'helm upgrade --install hub jupyterhub/jupyterhub --version "$V" --values "${VALUES_FILE}"\n',
    'helm upgrade --install hub jupyterhub/jupyterhub --version "${CHART_VERSION:-4.0.0}" -f ${CFG:=config.yaml}\n',
])
def test_helm_command_lines(tmp_path, script):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy/config.yaml").write_text("singleuser: {}\n")
    name = "Makefile" if "deploy:" in script else "deploy/install.sh"
    (release,) = read_helm_commands(str(tmp_path / name), script, str(tmp_path))
    assert (release.name, release.chart, release.version.value) == ("hub", "jupyterhub", "4.0.0")
    assert [v.value for v in release.values] == [str(tmp_path / "deploy/config.yaml")]


def test_helm_lines_that_are_not_releases(tmp_path):
    assert read_helm_commands("x.sh", "# helm install a b\nhelm repo add x y\nhelm upgrade\n", str(tmp_path)) == []


COPY = ("hub:\n  image:\n    name: quay.io/jupyterhub/k8s-hub\n    tag: \"3.3.8\"\nproxy:\n  chp: {}\n"
        "singleuser:\n  image:\n    name: quay.io/jupyterhub/k8s-singleuser-sample\n    tag: \"3.3.8\"\n"
        "scheduling: {}\nprePuller: {}\ncull: {}\n")


def test_a_pasted_copy_of_the_chart_defaults_is_recognised():
    assert reference_copy(read_z2jh_values(COPY)) == "3.3.8"
    assert reference_copy(read_z2jh_values(COPY.replace("scheduling: {}\nprePuller: {}\ncull: {}\n", ""))) is None
    assert reference_copy(read_z2jh_values(COPY.replace("k8s-hub", "myhub").replace("k8s-singleuser-sample",
                                                                                      "mylab"))) is None


_BASE_VALUES = ("singleuser:\n  image:\n    name: ghcr.io/example/lab\n  defaultUrl: /lab\n"
                "hub:\n  image:\n    name: ghcr.io/example/hub\n    tag: latest\n")
_PROD_VALUES = ("singleuser:\n  image:\n    tag: \"sha-4e269f9\"\n    pullPolicy: Always\n"
                "hub:\n  image:\n    tag: \"sha-9474da6\"\n")
_HELM = ("helm upgrade --install {name} jupyterhub/jupyterhub --version=4.0.0 \\\n"
         "  --values ./config/base.yaml {more}\n")


def test_a_tag_a_later_values_file_of_every_release_sets_is_the_one_deployed():
    """Helm merges a release's values files in order: the base file's untagged (or `latest`) image takes the
    overlay's tag, so the base file's own tag is not judged; a release that deploys the base alone keeps it."""
    from conftest import lint_repo

    files = {"config/base.yaml": _BASE_VALUES, "config/prod.yaml": _PROD_VALUES,
             "deploy_prod.sh": _HELM.format(name="prod", more="--values ./config/prod.yaml")}
    tags = lambda found: sorted((f.code, f.path, f.line) for f in found if f.code in ("HUB101", "HUB102"))  # noqa: E731
    assert tags(lint_repo(files)) == []
    files["deploy_bare.sh"] = _HELM.format(name="bare", more="")
    assert tags(lint_repo(files)) == [("HUB101", "config/base.yaml", 3), ("HUB102", "config/base.yaml", 8)]
    files.pop("deploy_bare.sh")
    files["deploy_prod.sh"] = _HELM.format(name="prod", more="--values ./config/prod.yaml --values ./config/base.yaml")
    assert tags(lint_repo(files)) == [("HUB101", "config/base.yaml", 3), ("HUB102", "config/base.yaml", 8)]


def test_a_tag_the_release_sets_when_it_deploys_is_the_one_deployed():
    """`helm … --set-string singleuser.image.tag=$SHA` and hubploy (which sets `<helm_substitution_path>.tag` of
    every image its hubploy.yaml names) give the untagged name in the values its tag at deploy time."""
    from conftest import lint_repo

    values = "singleuser:\n  image:\n    name: ghcr.io/example/lab\n"
    helm = ("helm upgrade --install prod jupyterhub/jupyterhub --version=4.0.0 -f config.yaml "
            "--set-string singleuser.image.tag=$SHA\n")
    assert lint_repo({"config.yaml": values, "deploy.sh": helm}, "HUB101") == []
    plain = helm.replace("--set-string singleuser.image.tag=$SHA", "--set hub.baseUrl=/x")
    assert [f.line for f in lint_repo({"config.yaml": values, "deploy.sh": plain}, "HUB101")] == [3]
    wrapped = "jupyterhub:\n" + "".join(f"  {line}\n" for line in values.splitlines())
    image = "FROM quay.io/jupyter/base-notebook:2024-05-27\n"
    hubploy = {"deployments/x/config/common.yaml": wrapped, "deployments/x/image/Dockerfile": image,
               "deployments/x/hubploy.yaml": "images:\n  images:\n    - name: ghcr.io/example/lab\n"}
    assert lint_repo(hubploy, "HUB101") == []
    hubploy["deployments/x/hubploy.yaml"] = "images:\n  images:\n    - name: ghcr.io/example/lab\n" \
                                            "      helm_substitution_path: jupyterhub.hub.image\n"
    assert [f.line for f in lint_repo(hubploy, "HUB101")] == [4]


def test_flux_helm_releases_and_garden_helm_actions(tmp_path):
    """Flux `HelmRelease` (spec.chart.spec.chart/version, inline spec.values) and Garden helm actions (`kind:
    Deploy`, `type: helm`: spec.chart.name/version, spec.values, spec.valueFiles; the older `kind: Module`) are
    releases of the chart, with their version and values, as Argo CD Applications are."""
    flux = ("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: hub\nspec:\n  chart:\n"
            "    spec:\n      chart: jupyterhub\n      version: 3.3.8\n  values:\n    singleuser:\n      image:\n"
            "        name: quay.io/jupyter/scipy-notebook\n        tag: '2024-05-27'\n")
    (release,) = read_app_specs(str(tmp_path / "hub.yaml"), flux, str(tmp_path))
    assert (release.name, release.chart, release.kind, release.version.value) == (
        "hub", "jupyterhub", "Flux HelmRelease", "3.3.8")
    (image,) = release.inline.images
    assert (image.ref, image.span[0], image.where) == ("quay.io/jupyter/scipy-notebook:2024-05-27", 14,
                                                       "spec.values.singleuser.image.tag")
    garden = ("kind: Deploy\ntype: helm\nname: hub\nspec:\n  chart:\n    name: jupyterhub\n    version: 4.3.0\n"
              "  valueFiles:\n    - config/prod.yaml\n  values:\n    singleuser:\n      uid: 0\n---\n"
              "kind: Module\ntype: helm\nname: old\nchart: jupyterhub\nversion: 2.0.0\n---\n"
              "kind: Deploy\ntype: kubernetes\nname: sa\n")
    new, old = read_app_specs(str(tmp_path / "garden.yml"), garden, str(tmp_path))
    assert (new.kind, new.version.value, [v.value for v in new.values]) == (
        "Garden deploy", "4.3.0", [str(tmp_path / "config/prod.yaml")])
    assert new.inline.z2jh["singleuser.uid"].value == 0
    assert (old.kind, old.version.value, old.name) == ("Garden module", "2.0.0", "old")
    assert read_app_specs("x.yaml", "kind: HelmRelease\napiVersion: v1\n", str(tmp_path)) == []


def test_the_deployed_reference_is_the_name_here_with_the_later_tag():
    """The other rules judge what is deployed: the base file's name with the overlay's tag (a frozen Docker Hub
    name stays HUB104; its contents are the later tag's), only the tag rules leave it alone."""
    from conftest import lint_repo

    files = {"config/base.yaml": "singleuser:\n  image:\n    name: jupyter/scipy-notebook\n",
             "config/prod.yaml": "singleuser:\n  image:\n    tag: '2023-10-20'\n",
             "deploy.sh": _HELM.replace("./config/base.yaml", "./config/base.yaml -f ./config/prod.yaml").format(
                 name="prod", more="")}
    found = lint_repo(files)
    assert [(f.code, f.path, f.line) for f in found if f.code.startswith("HUB10")] == [
        ("HUB104", "config/base.yaml", 3)]
    (f,) = [f for f in found if f.code == "HUB104"]
    assert "jupyter/scipy-notebook:2023-10-20" in f.message


def test_hubploy_sets_the_tag_in_a_chart_of_the_repository():
    """hubploy deploys a chart of the repository (an argument of its `deploy` command) with the tag of each image
    it builds at `image_config_path` (the older name of `helm_substitution_path`): the chart's own values.yaml
    is the first layer, so its `latest` there is not the tag deployed; the Hub image, which hubploy leaves, is."""
    from conftest import lint_repo

    chart = ("apiVersion: v2\nname: hub\nversion: 0.1.0\ndependencies:\n  - name: jupyterhub\n    version: 3.3.8\n"
             "    repository: https://hub.jupyter.org/helm-chart/\n")
    values = ("jupyterhub:\n  hub:\n    image:\n      name: example.org/team/hub\n      tag: latest\n"
              "  singleuser:\n    image:\n      name: example.org/team/lab\n      tag: latest\n")
    hubploy = "images:\n  image_name: example.org/team/lab\n  image_config_path: jupyterhub.singleuser.image\n"
    files = {"chart/Chart.yaml": chart, "chart/values.yaml": values, "deployments/x/hubploy.yaml": hubploy,
             "deployments/x/image/Dockerfile": "FROM quay.io/jupyter/base-notebook:2024-05-27\n"}
    lines = lambda found: sorted(f.line for f in found)  # noqa: E731
    assert lines(lint_repo(files, "HUB102")) == [5]
    files.pop("deployments/x/hubploy.yaml")
    assert lines(lint_repo(files, "HUB102")) == [5, 9]


def test_a_later_layer_that_renames_the_image_leaves_the_reference_here_unknown():
    from conftest import lint_repo

    files = {"config/base.yaml": "singleuser:\n  image:\n    name: jupyter/scipy-notebook\n    tag: '2023-10-20'\n",
             "config/prod.yaml": "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n"
                                 "    tag: '2025-01-06'\n",
             "deploy.sh": _HELM.replace("./config/base.yaml", "./config/base.yaml -f ./config/prod.yaml").format(
                 name="prod", more="")}
    found = [(f.code, f.path) for f in lint_repo(files) if f.code.startswith(("HUB10", "HUB20"))]
    assert ("HUB104", "config/base.yaml") not in found  # jupyter/scipy-notebook is not what is deployed


def test_a_values_layer_the_deploy_writes_may_set_the_tag():
    """`helm … -f config.yaml -f $TAGS` (or `-f /tmp/tag.yaml`): the later layer is written when the deploy runs,
    so the untagged image in config.yaml may get its tag there — not judged untagged; without it, it is."""
    from conftest import lint_repo

    values = "singleuser:\n  image:\n    name: ghcr.io/example/lab\n"
    helm = "helm upgrade --install prod jupyterhub/jupyterhub --version=4.0.0 -f config.yaml {more}\n"
    for more in ("-f $TAGS", "-f /tmp/tag.yaml", "--values=${OUT}/tag.yaml", "-f ../../outside.yaml"):
        assert lint_repo({"config.yaml": values, "deploy.sh": helm.format(more=more)}, "HUB101") == [], more
    assert [f.line for f in lint_repo({"config.yaml": values, "deploy.sh": helm.format(more="")}, "HUB101")] == [3]


_DRIVER = '''import subprocess, yaml

def helm(*args):
    subprocess.check_call(["helm", *args])

def deploy(release, tag):
    tagfile = write_tag_file(tag)
    helm("upgrade", "--install", "--wait", release, "jupyterhub/jupyterhub",
         "--version", "4.0.0", "-f", "hub/config.yaml"{more})
'''


def test_a_python_driver_runs_helm_as_a_script_does(tmp_path):
    """A `deploy.py` that calls `helm("upgrade", …)` or `subprocess.run(["helm", "upgrade", …])` is a release: its
    string arguments are read (chart, version, values files), anything computed is unknown (a layer it writes)."""
    from hublint.deployment.helmlines import read_python_helm

    (tmp_path / "hub").mkdir()
    (tmp_path / "hub/config.yaml").write_text("singleuser: {}\n")
    (release,) = read_python_helm(str(tmp_path / "deploy.py"), _DRIVER.format(more=""), str(tmp_path))
    assert (release.chart, release.version.value) == ("jupyterhub", "4.0.0")
    assert [v.value for v in release.values] == [str(tmp_path / "hub/config.yaml")]
    (release,) = read_python_helm(str(tmp_path / "deploy.py"), _DRIVER.format(more=', "-f", tagfile'), str(tmp_path))
    assert [v.value for v in release.values] == [str(tmp_path / "hub/config.yaml"), None]
    listed = 'import subprocess\nsubprocess.run(["helm", "template", "x", "./chart", "-f", "v.yaml"], check=True)\n'
    (release,) = read_python_helm(str(tmp_path / "build.py"), listed, str(tmp_path))
    assert (release.name, release.local_chart) == ("x", str(tmp_path / "chart"))
    for arg in ('"singleuser.image.tag={}".format(tag)', 'f"singleuser.image.tag={tag}"',
                '"singleuser.image.tag=%s" % tag', '"singleuser.image.tag=" + tag'):
        text = _DRIVER.format(more=f', "--set", {arg}')
        (release,) = read_python_helm(str(tmp_path / "deploy.py"), text, str(tmp_path))
        assert release.sets == ("singleuser.image.tag",), arg
    assert read_python_helm(str(tmp_path / "deploy.py"), 'helm("repo", "add", "x", "y")\n', str(tmp_path)) == []
    assert read_python_helm(str(tmp_path / "deploy.py"), "def helm(:\n  upgrade\n", str(tmp_path)) == []


def test_a_python_driver_is_read_for_the_deployment_and_never_as_a_shell_script():
    from conftest import lint_repo

    values = "singleuser:\n  image:\n    name: ghcr.io/example/lab\n"
    found = lint_repo({"hub/config.yaml": values, "deploy.py": _DRIVER.format(more=', "-f", tagfile')}, "HUB101")
    assert found == []
    found = lint_repo({"hub/config.yaml": values, "deploy.py": _DRIVER.format(more="")}, "HUB101")
    assert [(f.path, f.line) for f in found] == [("hub/config.yaml", 3)]
    found = lint_repo({"hub/config.yaml": values, "helpers.py": _DRIVER.format(more=', "-f", tagfile')}, "HUB101")
    assert [(f.path, f.line) for f in found] == [("hub/config.yaml", 3)]  # not named as a driver: not read


def test_a_values_path_outside_the_repository_is_never_looked_at(tmp_path, monkeypatch):
    """`-f ../x.yaml` leaving the repository is an unknown layer: hublint does not even ask whether it exists."""
    import os as _os

    (tmp_path / "repo").mkdir()
    (tmp_path / "outside.yaml").write_text("singleuser: {}\n")
    asked = []
    real = _os.path.exists
    monkeypatch.setattr(_os.path, "exists", lambda p: asked.append(p) or real(p))
    root = str(tmp_path / "repo")
    (release,) = read_helm_commands(root + "/deploy.sh", "helm upgrade --install x jupyterhub/jupyterhub "
                                    "-f ../outside.yaml -f , \n", root)
    assert [v.value for v in release.values] == [None]  # the empty item is no layer
    assert not any("outside" in str(p) for p in asked)


_DASK_VALUES = "jupyterhub:\n  singleuser:\n    image:\n      name: {name}\n"
_DASK_HELMFILE = ("releases:\n  - name: dask\n    chart: dask/daskhub\n    version: {version}\n"
                  "    values:\n      - values.yaml\n")


@pytest.mark.parametrize(("name", "version", "deployed"), [
    ("pangeo/base-notebook", "2024.1.1", "pangeo/base-notebook:2024.01.15"),  # the wrapper's own tag
    ("pangeo/ml-notebook", "2024.1.1", None),  # another image: the wrapper's tag is for its own image
    ("pangeo/base-notebook", "1999.1.1", None),  # a version the data does not know
])
def test_a_name_without_a_tag_under_a_wrapper_chart_takes_the_tag_of_the_wrappers_own_values(name, version, deployed):
    """daskhub's own values tag pangeo/base-notebook: a values file naming that image without a tag deploys it
    with the wrapper's tag (Helm merges the values), so HUB101 does not apply and the image is judged at it."""
    from conftest import lint_repo

    from hublint.deployment.chartversions import wrapper_image

    if version == "2024.1.1":
        assert wrapper_image("daskhub", version) == "pangeo/base-notebook:2024.01.15"
    else:
        assert wrapper_image("daskhub", version) is None
    files = {"values.yaml": _DASK_VALUES.format(name=name), "helmfile.yaml": _DASK_HELMFILE.format(version=version)}
    found = [(f.code, f.path, f.line) for f in lint_repo(files) if f.code == "HUB101"]
    assert found == ([] if deployed else [("HUB101", "values.yaml", 4)])


def test_a_bash_script_is_a_build_script():
    """`deploy.bash` is read as `deploy.sh` is: its `helm upgrade --version` states the Hub."""
    from conftest import lint_repo

    from hublint.workspace.discover import kind_of

    assert kind_of("jupyterhub/deploy.bash") == "build-script" and kind_of("Dockerfile.bash") != "dockerfile"
    files = {"jupyterhub/deploy.bash": "#!/bin/bash\nhelm upgrade --install hub jupyterhub/jupyterhub --version=1.2.0 "
             "-f config.yaml\n",
             "jupyterhub/config.yaml": "singleuser:\n  image:\n    name: quay.io/jupyter/base-notebook\n"
             "    tag: '2025-01-06'\n"}
    (found,) = lint_repo(files, "HUB204")
    assert "the Hub runs 1.5.0" in found.message


def test_a_deploy_script_reads_each_file_it_sources_once(tmp_path):
    """`. vars.sh` on many lines (or in a loop of files sourcing each other) reads each file once per script; a
    trailing comment and `"${@}"` handed on are the shell's, not the release's."""
    reads = []

    def read(path):
        reads.append(path)
        return {"vars.sh": "V=3.3.8\n. ./other.sh\n", "other.sh": ". vars.sh\nN=jhub\n"}.get(os.path.basename(path))

    script = ". vars.sh  # the chart's version\n" * 50
    script += 'helm upgrade --install "${@}" $N jupyterhub/jupyterhub --version $V -f config.yaml\n'
    (release,) = read_helm_commands(str(tmp_path / "deploy.sh"), script, str(tmp_path), read)
    assert (release.name, release.chart, release.version.value) == ("jhub", "jupyterhub", "3.3.8")
    assert sorted(os.path.basename(p) for p in reads) == ["other.sh", "vars.sh"]


@pytest.mark.parametrize(
    ("line", "name", "version"),
    [
        ("helm install jupyterhub/jupyterhub --version=v0.8-e29f3e7 --name=jhub -f config.yaml", "jhub", "v0.8-e29f3e7"),
        ("helm install jupyterhub/jupyterhub -n jhub --version 0.8.2 -f config.yaml", "jhub", "0.8.2"),  # Helm 2's -n
        ("helm upgrade --install jhub jupyterhub/jupyterhub -n hub-ns --version 3.3.8", "jhub", "3.3.8"),  # namespace
        ("helm install jupyterhub/jupyterhub --generate-name --version 3.3.8", "<generated>", "3.3.8"),
        ("helm install jupyterhub/jupyterhub --name-template jhub --version 0.8.2", "<generated>", "0.8.2"),
    ],
)
def test_helm_2_and_generated_release_names(tmp_path, line, name, version):
    (release,) = read_helm_commands(str(tmp_path / "install.sh"), line + "\n", str(tmp_path))
    assert (release.name, release.chart, release.version.value) == (name, "jupyterhub", version)


def test_go_template_actions_are_masked_in_place():
    from hublint.deployment.gotemplates import MASK, action_default, mask

    text = 'a: {{ env "V" }}\n{{- if .Values.x }}\nb: "{{ .Values.y }}"\n  {{ end }}\nc: {{ unclosed\n'
    masked = mask(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")  # every position stays
    lines = masked.split("\n")
    assert lines[0] == "a: " + MASK * len('{{ env "V" }}')
    assert lines[1].strip() == "" and lines[3].strip() == ""  # an action alone on its line: no value
    assert lines[2] == 'b: "' + MASK * len("{{ .Values.y }}") + '"'
    assert lines[4] == "c: {{ unclosed"  # never closed: left as written
    assert mask("no actions\n") == "no actions\n"
    assert action_default('{{ env "CHART" | default "3.3.7" }}') == "3.3.7"
    assert action_default('"{{- env  "V"\n | default "4.0.0" -}}"') == "4.0.0"  # quoted, trimmed, any spacing
    # state values: helmfile fails on a key they lack, so a working helmfile's values set it and the default is unused
    assert action_default('{{ .Values.hub.version | default "4.0.0" }}') is None
    assert action_default('{{ env "V"' + " " * 100_000 + "x }}") is None  # long: computed (and read in linear time)
    assert action_default('{{ default "3.2.1" (env "CHART") }}') == "3.2.1"
    assert action_default('{{ requiredEnv "CHART" }}') is None
    assert action_default('{{ env "CHART" | default "" }}') is None
    assert action_default('v{{ env "CHART" | default "3.3.7" }}') is None  # not the whole value
    assert action_default('{{ env "A" | default "1" }}-{{ env "B" | default "2" }}') is None


def test_a_templated_helmfile_release_gives_the_default_its_version_states(tmp_path):
    text = (
        "{{ $env := .Environment.Name }}\nreleases:\n  - name: {{ $env }}-hub\n"
        '    chart: {{ .Values.repo | default "jupyterhub" }}/jupyterhub\n'
        '    version: {{ env "CHART_VERSION" | default "3.3.7" }}\n'
        "    values:\n      - config.yaml\n      - singleuser: {image: {name: '{{ .Values.image }}'}}\n"
        "{{- if .Values.dask }}\n  - name: dask\n    chart: dask/dask\n    version: {{ .Values.dask }}\n{{- end }}\n"
    )
    hub, dask = read_helmfile_releases(str(tmp_path / "helmfile.yaml.gotmpl"), text)
    assert (hub.chart, hub.version.value, hub.version.span[0]) == ("jupyterhub", "3.3.7", 5)
    assert hub.name == "{{ $env }}-hub" and "default" in hub.version_note  # said as written, never masked
    assert [os.path.basename(v.value) for v in hub.values] == ["config.yaml"]
    assert hub.inline is not None and not hub.inline.images  # an image name that is an action: unknown, no image
    assert dask.version is not None and dask.version.value == ""  # a computed version: unknown


def test_templated_helmfiles_are_found_and_state_the_hub_version(tmp_path):
    from conftest import lint_in

    image = "FROM quay.io/jupyter/base-notebook:2024-01-08\nRUN pip install jupyterhub==1.5.0\n"
    values = "singleuser:\n  image:\n    name: team/lab\n    tag: v1\n"
    for name, up in (("helmfile.yaml.gotmpl", ""), ("helmfile.d/10-hub.yaml", "../")):
        helmfile = (
            "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n"
            f'    version: {{{{ env "CHART_VERSION" | default "3.3.7" }}}}\n    values: [{up}config.yaml]\n'
        )
        folder = tmp_path / name.replace("/", "-")
        folder.mkdir()
        found = lint_in(folder, {name: helmfile, "config.yaml": values, "lab/Dockerfile": image}, build_args={})
        mismatch = [f for f in found if f.code == "HUB204"]
        assert mismatch and "4.1.5" in mismatch[0].message, (name, [(f.code, f.message) for f in found])


def test_a_helmfiles_inline_values_are_the_releases_values_with_their_template_defaults(tmp_path):
    from conftest import lint_in

    helmfile = (
        "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 3.3.7\n    values:\n"
        "      - proxy:\n          secretToken: {{ requiredEnv \"TOKEN\" }}\n        singleuser:\n          image:\n"
        '            name: {{ env "USER_IMAGE" | default "jupyter/minimal-notebook" }}\n'
        '            tag: {{ env "USER_IMAGE_TAG" | default "2023-10-20" }}\n'
        "  - name: other\n    chart: bitnami/redis\n    values:\n      - singleuser: {image: {name: x/y}}\n"
    )
    found = lint_in(tmp_path, {"helmfile.yaml": helmfile})
    frozen = [(f.path, f.line, f.code) for f in found if f.code == "HUB104"]
    assert frozen == [("helmfile.yaml", 11, "HUB104")]  # (at its tag) the default image; not redis's values
    computed = helmfile.replace('{{ env "USER_IMAGE" | default "jupyter/minimal-notebook" }}', "{{ .Values.image }}")
    assert not any(f.code == "HUB104" for f in lint_in(tmp_path, {"helmfile.yaml": computed}))  # unknown: silent
