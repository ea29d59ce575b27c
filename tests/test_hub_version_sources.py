"""Where a repository states its Hub's version, end to end: a development chart's range (HUB204 against the
whole range), wrapper and `file://` chart dependencies, Argo CD inline values, values the deployment names over a
pasted copy of the chart's defaults, the Hub service's image, the configuration `jupyterhub -f` names; hostile
release files."""

import json

from conftest import lint_in as lint

from hublint.workspace.hubstart import config_argument

USER = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub=={v}' 'jupyterlab==4.3.4'\nUSER 1000\n"
COPY = (
    'hub:\n  image:\n    name: quay.io/jupyterhub/k8s-hub\n    tag: "3.3.8"\nproxy:\n  chp: {}\n'
    'singleuser:\n  image:\n    name: quay.io/jupyterhub/k8s-singleuser-sample\n    tag: "3.3.8"\n'
    "scheduling: {}\nprePuller: {}\ncull: {}\n"
)


def deployment_doc(tmp_path, run_cli, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--format", "json", "--no-cache", ".")
    return json.loads(out)["deployment"]


def test_hub204_against_a_range_fires_only_when_no_version_of_it_fits(tmp_path):
    values = (
        'hub:\n  image:\n    name: quay.io/jupyterhub/k8s-hub\n    tag: "2.0.1-0.dev.git.6026.h0e7347d7"\n'
        'singleuser:\n  image:\n    name: example.org/user\n    tag: "1"\n'
    )
    make = "all:\n\tdocker build -t example.org/user:1 user\n"
    for version, fires in (("5.2.1", True), ("4.0.2", False), ("3.1.1", False), ("3.0.0", False), ("2.3.1", True)):
        found = lint(tmp_path, {"values.yaml": values, "Makefile": make, "user/Dockerfile": USER.format(v=version)})
        codes = {f.code for f in found}
        assert ("HUB204" in codes) is fires, version
        assert "HUB205" not in codes
    hit = next(f for f in lint(tmp_path, {"user/Dockerfile": USER.format(v="5.2.1")}) if f.code == "HUB204")
    assert "the Hub runs 3.0.0 to 4.0.2" in hit.message and hit.fix is None  # chart 3.0.0 shipped 4.0.2


def test_a_pre_release_chart_installed_by_a_script_gives_its_range(tmp_path, run_cli, monkeypatch):
    script = "helm upgrade --install jhub jupyterhub/jupyterhub --version 3.0.0-beta.3 -f config.yaml\n"
    values = 'singleuser:\n  image:\n    name: example.org/user\n    tag: "1"\n'
    make = "all:\n\tdocker build -t example.org/user:1 user\n"
    files = {"deploy.sh": script, "config.yaml": values, "Makefile": make, "user/Dockerfile": USER.format(v="5.2.1")}
    hit = next(f for f in lint(tmp_path, files) if f.code == "HUB204")
    assert "the Hub runs 3.0.0 to 4.0.2" in hit.message
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "zero-to-jupyterhub pre-release chart 3.0.0-beta.3" in out


def test_a_wrapper_dependency_and_a_file_dependency_give_the_hub(tmp_path, run_cli, monkeypatch):
    files = {
        "base/Chart.yaml": "apiVersion: v2\nname: base\nversion: 0.1.0\ndependencies:\n"
        "  - name: jupyterhub\n    version: 4.0.0\n",
        "dask/Chart.yaml": "apiVersion: v2\nname: dask\nversion: 0.1.0\ndependencies:\n"
        "  - name: base\n    version: 0.1.0\n    repository: file://../base\n",
        "campus/Chart.yaml": "apiVersion: v2\nname: campus\nversion: 0.1.0\ndependencies:\n"
        "  - name: daskhub\n    version: 2024.1.1\n    repository: https://helm.dask.org/\n",
    }
    lint(tmp_path, files)
    dep = deployment_doc(tmp_path, run_cli, monkeypatch)
    by_scope = {d["scope"]: d["hub"] for d in dep["deployments"]}
    assert by_scope["campus"]["version"] == "4.0.2"
    assert by_scope["campus"]["kind"] == "daskhub chart 2024.1.1 → zero-to-jupyterhub chart 3.2.1"
    assert (
        by_scope["dask"]["version"] == "5.2.1" and "through the chart base" in by_scope["dask"]["kind"]
    )  # relative to the repository root, as every JSON path
    assert by_scope["dask"]["source"] == "`dask/Chart.yaml:6` → `base/Chart.yaml:6`"


def test_argo_inline_values_end_to_end(tmp_path):
    app = (
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    chart: jupyterhub\n"
        "    targetRevision: 4.0.0\n    helm:\n      valuesObject:\n        singleuser:\n          image:\n"
        '            name: quay.io/jupyter/scipy-notebook\n            tag: "2024-05-27"\n'
    )
    found = lint(tmp_path, {"argocd/hub.yaml": app})
    assert [(f.path, f.line, f.code) for f in found] == [("argocd/hub.yaml", 12, "HUB205")]


def test_a_copy_only_stops_counting_when_the_deployment_names_its_values(tmp_path):
    helmfile = (
        "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 4.0.0\n    values: [config.yaml]\n"
    )
    base = {"values.yaml": COPY, "config.yaml": "singleuser:\n  defaultUrl: /lab\n"}
    unnamed = "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 4.0.0\n"
    assert any(f.code == "HUB604" for f in lint(tmp_path, {**base, "helmfile.yaml": unnamed}))
    assert not any(f.code == "HUB604" for f in lint(tmp_path, {**base, "helmfile.yaml": helmfile}))


def test_jupyterhub_config_argument():
    assert config_argument(["jupyterhub", "-f", "/etc/x.py"]) == "/etc/x.py"
    assert config_argument(["jupyterhub", "--config=/etc/x.py", "--debug"]) == "/etc/x.py"
    assert config_argument(["sh", "-c", "pip install x && jupyterhub --config /etc/y.py"]) == "/etc/y.py"
    assert config_argument(["/usr/local/bin/jupyterhub", "-f/etc/z.py"]) == "/etc/z.py"
    assert config_argument(["python", "-f", "/etc/x.py"]) is None
    assert config_argument(["sh", "-c", "jupyterhub && other -f /x.py"]) is None


def test_a_configuration_named_by_the_hub_dockerfile_cmd_through_copy(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n",
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nCOPY settings/ /etc/myhub/\n"
        'CMD ["jupyterhub", "-f", "/etc/myhub/hub.py"]\n',
        "hub/settings/hub.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:latest'\n",
    }
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found] == [("hub/settings/hub.py", "HUB102")]


def test_the_hub_service_image_is_a_version_source_not_a_spawn_image(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    image: quay.io/jupyter/base-notebook:hub-5.5.0\n"
        "    command: jupyterhub\n    environment:\n"
        "      IMG: quay.io/jupyter/minimal-notebook:2025-01-06\n",
        "jupyterhub_config.py": "import os\nc.DockerSpawner.image = os.environ['IMG']\n",
    }
    found = {(f.line, f.code): f for f in lint(tmp_path, files)}
    assert found[(3, "HUB103")].message.startswith("the Hub image `quay.io/jupyter/base-notebook:hub-5.5.0`")
    assert "the Hub runs 5.5.0" in found[(6, "HUB205")].message


def test_hostile_release_files_give_one_hub001_at_most(tmp_path):
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi")
        )
        + "apps:\n  x: {chart: jupyterhub/jupyterhub}\n"
    )
    files = {
        "helmsman.yaml": bomb,
        "argocd/app.yaml": "apiVersion: argoproj.io/v1\nkind: Application\nspec:\n  source:\n    chart: jupyterhub\n"
        '    helm:\n      values: "{[unclosed"\n',
        "deploy.sh": 'helm install a jupyterhub/jupyterhub --version "unterminated\n' + "\\\n" * 3000,
        "helmfile.yaml": "releases:\n  - name: {{ .Values.x }\n",
        "deployments/x/hubploy.yaml": "version: [1, 2]\n",
        "Dockerfile": "FROM python:3.12.8-slim\nCOPY [[[*].lock ./\nRUN uv sync\n",
    }
    found = lint(tmp_path, files)
    assert sum(1 for f in found if f.code == "HUB001" and f.path == "helmsman.yaml") == 1
    assert sum(1 for f in found if f.code == "HUB001" and f.path == "helmfile.yaml") == 1
    assert not any(f.code == "HUB001" and f.path not in ("helmsman.yaml", "helmfile.yaml") for f in found)


def test_a_configuration_named_by_a_hub_image_no_compose_file_builds(tmp_path):
    files = {
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install dockerspawner==14.0.0\n"
        "COPY conf/settings.py /etc/hub/settings.py\nCMD jupyterhub --config=/etc/hub/settings.py\n",
        "hub/conf/settings.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:latest'\n",
    }
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found] == [("hub/conf/settings.py", "HUB102")]


def test_a_deployment_whose_chart_version_cannot_be_mapped_keeps_the_repository_from_one_hub():
    """Two charts: one depends on jupyterhub chart 0.9.0 (JupyterHub 1.1.0), the other on a development build
    hublint cannot map. An image in neither folder is not judged against 1.1.0: the second deployment's Hub is
    unknown, not absent."""
    from conftest import lint_repo

    def chart(version):
        return f'apiVersion: v2\nname: hub\nversion: 1.0.0\ndependencies:\n  - name: jupyterhub\n    version: "{version}"\n'

    user = "FROM python:3.6-slim\nRUN pip install --no-cache-dir jupyterhub==0.9.0 notebook==5.7.8\nUSER 1000\n"
    one = {"charts/a/Chart.yaml": chart("0.9.0"), "images/user/Dockerfile": user}
    assert [f.code for f in lint_repo(one, "HUB204")] == ["HUB204"]
    two = {**one, "charts/b/Chart.yaml": chart("0.7-d5a68a3")}
    assert lint_repo(two, "HUB204") == []
    # inside a deployment whose chart cannot be mapped, an enclosing deployment's Hub is not this image's
    nested = {"Chart.yaml": chart("0.9.0"), "hubs/b/Chart.yaml": chart("0.7-d5a68a3"), "hubs/b/image/Dockerfile": user}
    assert lint_repo(nested, "HUB204") == []
    assert [f.code for f in lint_repo({**nested, "hubs/b/Chart.yaml": chart("0.9.0")}, "HUB204")] == ["HUB204"]


def test_show_deployment_lists_a_deployment_whose_hub_is_unknown(tmp_path, run_cli, monkeypatch):
    """`--show-deployment` says which deployment states a Hub hublint cannot map, and where; JSON `unknown_hubs`."""
    chart = 'apiVersion: v2\nname: hub\nversion: 1.0.0\ndependencies:\n  - name: jupyterhub\n    version: "{}"\n'
    (tmp_path / ".git").mkdir()
    for name, version in (("a", "0.9.0"), ("b", "0.7-d5a68a3")):
        (tmp_path / "charts" / name).mkdir(parents=True)
        (tmp_path / "charts" / name / "Chart.yaml").write_text(chart.format(version))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert code == 0 and "  Hub: one version per deployment (below)\n" in out
    assert "  deployment charts/b: jupyterhub unknown (jupyterhub chart 0.7-d5a68a3, `charts/b/Chart.yaml:6`)\n" in out
    code, out, _ = run_cli("--no-cache", "--show-deployment", "--format", "json", ".")
    (doc,) = json.loads(out)["deployment"]
    assert doc["unknown_hubs"] == [
        {"scope": "charts/b", "stated": "jupyterhub chart 0.7-d5a68a3", "path": "charts/b/Chart.yaml", "line": 6}
    ]
    code, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert out.count("charts/a/Chart.yaml:6") == 1  # the mapped deployment once, not again as "also"
    import shutil

    shutil.rmtree(tmp_path / "charts" / "a")
    code, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "  Hub: jupyterhub unknown (jupyterhub chart 0.7-d5a68a3, `charts/b/Chart.yaml:6`)\n" in out


def test_a_release_without_a_chart_version_keeps_the_repository_from_one_hub():
    """`helm upgrade --install x jupyterhub/jupyterhub` without `--version` installs the newest chart (a weak Hub):
    the repository's deployments disagree, so an image no deployment spawns or encloses is not judged against the
    version another deployment of the repository states."""
    from conftest import lint_repo

    chart = 'apiVersion: v2\nname: hub\nversion: 1.0.0\ndependencies:\n  - name: jupyterhub\n    version: "1.2.0"\n'
    user = "FROM python:3.11-slim\nRUN pip install --no-cache-dir jupyterhub==3.1.1 jupyterlab==3.6.3\nUSER 1000\n"
    files = {"charts/hub/Chart.yaml": chart, "images/user/Dockerfile": user}
    assert [f.code for f in lint_repo(files, "HUB204")] == ["HUB204"]
    files["ci/spawn-test.sh"] = (
        "helm upgrade --install ci jupyterhub/jupyterhub -f ci/values.yaml --set singleuser.image.name=$IMAGE\n"
    )
    files["ci/values.yaml"] = "singleuser:\n  defaultUrl: /lab\n"
    assert lint_repo(files, "HUB204") == []
    files["ci/spawn-test.sh"] = files["ci/spawn-test.sh"].replace(" -f", " --version 1.2.0 -f")
    assert [f.code for f in lint_repo(files, "HUB204")] == ["HUB204"]


def test_a_folder_without_env_reads_the_template_its_readme_copies(tmp_path):
    """`.env` is not committed; `env.txt` (or `.env.example`) is what `cp X .env` makes it: compose's `${V}` and a
    Makefile's `include .env` read the template's values, and a real `.env` wins over it."""
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build:\n      context: .\n      dockerfile: Dockerfile.hub\n"
        "      args:\n        JUPYTERHUB_VERSION: ${JUPYTERHUB_VERSION}\n"
        "    command: jupyterhub\n",
        "Dockerfile.hub": "ARG JUPYTERHUB_VERSION\nFROM quay.io/jupyterhub/jupyterhub:$JUPYTERHUB_VERSION\n",
        "jupyterhub_config.py": "c.DockerSpawner.image = 'myuser:1'\n",
        "Makefile": "include .env\nuser:\n\tdocker build -t myuser:1 --build-arg BASE=$(BASE) user\n",
        "user/Dockerfile": "ARG BASE\nFROM $BASE\nRUN pip install 'jupyterhub==5.2.1'\nUSER 1000\n",
        "env.txt": "# cp env.txt .env\nJUPYTERHUB_VERSION=4.1.6\nBASE=quay.io/jupyter/base-notebook:2025-01-06\n",
    }
    found = {(f.path, f.code): f for f in lint(tmp_path, files)}
    assert "the Hub runs 4.1.6" in found[("user/Dockerfile", "HUB204")].message
    assert "`env.txt:2`" in found[("user/Dockerfile", "HUB204")].help
    assert ("user/Dockerfile", "HUB106") not in found  # the base comes from the template, through the Makefile
    (tmp_path / "env.txt").unlink()
    found = {(f.path, f.code): f for f in lint(tmp_path, files | {".env": "JUPYTERHUB_VERSION=5.2.1\n"})}
    assert ("user/Dockerfile", "HUB204") not in found and ("user/Dockerfile", "HUB106") in found


def test_an_env_that_cannot_be_read_is_unknown_not_its_template(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:${HUB_TAG}\n"
        "    command: jupyterhub\n",
        "jupyterhub_config.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:2025-01-06'\n",
        ".env.example": "HUB_TAG=latest\n",
    }
    assert ("docker-compose.yml", "HUB102") in {(f.path, f.code) for f in lint(tmp_path, files)}
    (tmp_path / ".env").write_bytes(b"\x00GITCRYPT\x00" + b"\x01" * 40)  # encrypted: the real values are unknown
    assert ("docker-compose.yml", "HUB102") not in {(f.path, f.code) for f in lint(tmp_path, files)}


def test_a_bare_compose_argument_takes_its_value_from_env(tmp_path):
    """`args: [JUPYTERHUB_VERSION]` passes what `.env` (or its template) sets, as Compose v2 resolves it from the
    project's environment; without a value there it is the shell's, unknown."""
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build:\n      context: hub\n      args:\n"
        "        - JUPYTERHUB_VERSION\n    command: jupyterhub\n",
        "hub/Dockerfile": "ARG JUPYTERHUB_VERSION\nFROM quay.io/jupyterhub/jupyterhub:$JUPYTERHUB_VERSION\n",
        "jupyterhub_config.py": "c.DockerSpawner.image = 'quay.io/jupyter/base-notebook:2025-01-06'\n",
    }
    assert "HUB204" not in {f.code for f in lint(tmp_path, files)}  # the Hub's version is unknown
    found = lint(tmp_path, files | {".env": "JUPYTERHUB_VERSION=4.1.6\n"})
    assert "the Hub runs 4.1.6" in next(f.message for f in found if f.code == "HUB204")  # base-notebook 2025: 5.x


_ZARF = (
    "kind: ZarfPackageConfig\ncomponents:\n  - name: jupyter\n    images:\n"
    "      - quay.io/jupyterhub/k8s-hub:3.3.8\n      - team/lab:1\n"
)
_PINNED_5 = "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1'\n"


def test_the_hub_image_listed_in_a_yaml_that_is_no_values_states_the_hub_weakly():
    """A zarf package (or a plain manifest) listing zero-to-jupyterhub's Hub image at chart 3.3.8: the Hub runs that
    chart's JupyterHub, 4.1.6 — inferred, so what rests on it is an info."""
    from conftest import lint_repo

    (found,) = [f for f in lint_repo({"zarf.yaml": _ZARF, "lab/Dockerfile": _PINNED_5}) if f.code in ("HUB204",)]
    assert (found.severity, found.confidence) == ("info", "weak") and "4.1.6" in found.message
    # a release the repository declares says more than a listing: its chart version wins
    helmfile = "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 4.0.0\n"
    assert lint_repo({"zarf.yaml": _ZARF, "lab/Dockerfile": _PINNED_5, "helmfile.yaml": helmfile}) == []
    # a listing of another image, or in a CI workflow, says nothing
    other = _ZARF.replace("k8s-hub", "k8s-singleuser-sample")
    assert [f.code for f in lint_repo({"zarf.yaml": other, "lab/Dockerfile": _PINNED_5})] == []


def test_a_listing_below_a_release_does_not_override_it():
    """A release at the root states the Hub (chart 4.0.0, JupyterHub 5.2.1); a listing of another chart's Hub
    image in a subfolder is weaker and does not take the subfolder's images from it."""
    from conftest import lint_repo

    helmfile = "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n    version: 4.0.0\n"
    files = {"helmfile.yaml": helmfile, "pkg/zarf.yaml": _ZARF, "pkg/lab/Dockerfile": _PINNED_5}
    assert [f.code for f in lint_repo(files) if f.code in ("HUB204", "HUB205")] == []


def test_values_running_their_own_hub_image_make_the_charts_version_a_weak_guess():
    """The chart version tells the JupyterHub of the chart's own Hub image; values running another one
    (`hub.image: team/hub`) run that image's JupyterHub, so what rests on the chart's is an info."""
    from conftest import lint_repo

    chart = (
        "apiVersion: v2\nname: ourhub\nversion: 0.1.0\ndependencies:\n"
        "  - name: jupyterhub\n    version: 4.0.0\n    repository: https://jupyterhub.github.io/helm-chart/\n"
    )
    values = "jupyterhub:\n  singleuser:\n    image:\n      name: team/lab\n      tag: '1'\n"
    lab = "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install --no-cache-dir 'jupyterhub==4.1.6'\n"
    files = {"deploy/Chart.yaml": chart, "deploy/values.yaml": values, "deploy/lab/Dockerfile": lab}
    (found,) = [f for f in lint_repo(files) if f.code == "HUB204"]
    assert found.severity == "error"
    files["deploy/values.yaml"] = values.replace(
        "jupyterhub:\n", "jupyterhub:\n  hub:\n    image:\n      name: team/hub\n      tag: '1'\n", 1
    )
    (found,) = [f for f in lint_repo(files) if f.code == "HUB204"]
    assert (found.severity, found.confidence) == ("info", "weak")
    # the repository builds that Hub image on the chart 3.0.0 Hub (JupyterHub 4.0.2): that is the deployment's Hub
    files["hub/Dockerfile"] = "FROM quay.io/jupyterhub/k8s-hub:3.0.0\nRUN pip install --no-cache-dir oauthenticator\n"
    files["Makefile"] = "hub:\n\tdocker build -t team/hub:1 hub\n"
    (found,) = [f for f in lint_repo(files) if f.code == "HUB204"]
    assert (found.severity, found.confidence) == ("error", "certain") and "the Hub runs 4.0.2" in found.message
    files["deploy/lab/Dockerfile"] = lab.replace("4.1.6", "4.0.2")
    assert not [f for f in lint_repo(files) if f.code in ("HUB204", "HUB205", "HUB604")]


def test_a_hub_on_the_moving_hub_image_runs_the_newest_release_or_later(tmp_path, run_cli, monkeypatch):
    """`FROM jupyterhub/jupyterhub` untagged (or a compose Hub service at `:latest`) runs the newest JupyterHub
    hublint knows or a later one: weak, so an image a major behind gets an info HUB204 without a fix, and a pinned
    Hub in the same Dockerfile wins."""
    from hublint.image.stacks import newest_jupyterhub

    newest = newest_jupyterhub()[0]
    config = "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\nc.DockerSpawner.image = 'user:1'\n"
    hub = 'FROM jupyterhub/jupyterhub{tag}\n{pin}COPY jupyterhub_config.py /srv/jupyterhub/\nCMD ["jupyterhub"]\n'
    compose = "services:\n  hub:\n    build: hub\n  user:\n    build: user\n    image: user:1\n"
    files = {
        "docker-compose.yml": compose,
        "hub/jupyterhub_config.py": config,
        "user/Dockerfile": USER.format(v="4.1.6"),
    }
    for tag in ("", ":latest"):
        found = lint(tmp_path, {**files, "hub/Dockerfile": hub.format(tag=tag, pin="")})
        hit = next(f for f in found if f.code == "HUB204")
        assert (hit.path, hit.severity, hit.fix) == ("user/Dockerfile", "info", None), tag
        assert f"the Hub runs {newest} or later" in hit.message
    found = lint(tmp_path, {**files, "hub/Dockerfile": hub.format(tag="", pin="RUN pip install jupyterhub==4.1.6\n")})
    assert not any(f.code in ("HUB204", "HUB604") for f in found)
    found = lint(tmp_path, {**files, "hub/Dockerfile": hub.format(tag=":5.2.1", pin="")})
    assert next(f for f in found if f.code == "HUB204").severity != "info"  # a tag is certain
    found = lint(
        tmp_path, {**files, "user/Dockerfile": USER.format(v=newest), "hub/Dockerfile": hub.format(tag="", pin="")}
    )
    assert not any(f.code in ("HUB204", "HUB205") for f in found)
    pulled = (
        "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:latest\n    command: jupyterhub\n"
        "    volumes: [./hub:/srv/jupyterhub]\n  user:\n    build: user\n    image: user:1\n"
    )
    (tmp_path / "hub/Dockerfile").unlink()
    lint(tmp_path, {"docker-compose.yml": pulled})
    dep = deployment_doc(tmp_path, run_cli, monkeypatch)
    hubs = [d["hub"] for d in dep["deployments"] if d.get("hub")]
    assert [(h["version"], "upto" in h, h["upto"], h.get("certainty")) for h in hubs] == [(newest, True, None, "weak")]


def test_helm_without_a_version_deploys_the_newest_chart_or_a_later_one(tmp_path, run_cli, monkeypatch):
    """`helm upgrade --install hub jupyterhub/jupyterhub -f config.yaml` installs the newest chart: its JupyterHub
    or a later one (weak); a computed `--version` stays unknown."""
    from hublint.image.stacks import newest_chart

    chart, hub, _ = newest_chart()
    values = 'singleuser:\n  image:\n    name: example.org/user\n    tag: "1"\n'
    make = "all:\n\tdocker build -t example.org/user:1 user\n"
    deploy = "#!/bin/sh\nhelm upgrade --install hub jupyterhub/jupyterhub {version}-f config.yaml\n"
    files = {"config.yaml": values, "Makefile": make, "user/Dockerfile": USER.format(v="4.1.6")}
    found = lint(tmp_path, {**files, "deploy.sh": deploy.format(version="")})
    hit = next(f for f in found if f.code == "HUB204")
    assert (hit.path, hit.severity, hit.fix) == ("user/Dockerfile", "info", None)
    assert f"the Hub runs {hub} or later" in hit.message
    dep = deployment_doc(tmp_path, run_cli, monkeypatch)
    assert [(d["hub"]["version"], d["hub"]["certainty"]) for d in dep["deployments"]] == [(hub, "weak")]
    assert chart in dep["deployments"][0]["hub"]["kind"] and not dep.get("unknown_hubs")
    found = lint(tmp_path, {**files, "deploy.sh": deploy.format(version='--version "$(cat VERSION)" ')})
    assert not any(f.code == "HUB204" for f in found)
    assert deployment_doc(tmp_path, run_cli, monkeypatch)["unknown_hubs"]


def test_a_moving_hub_agrees_with_a_pinned_one_of_its_version(tmp_path):
    """Two deployments, one on the moving `latest` Hub and one pinned at the newest release: they agree, so an image
    outside both is judged against that version (a disagreeing pin would leave it unjudged)."""
    from hublint.image.stacks import newest_jupyterhub

    newest = newest_jupyterhub()[0]
    hub = "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:{tag}\n    command: jupyterhub\n"
    files = {
        "a/docker-compose.yml": hub.format(tag="latest"),
        "b/docker-compose.yml": hub.format(tag=newest),
        "user/Dockerfile": USER.format(v="4.1.6"),
    }
    assert [f.path for f in lint(tmp_path, files) if f.code == "HUB204"] == ["user/Dockerfile"]
    files["b/docker-compose.yml"] = hub.format(tag="3.1.1")  # they disagree: not judged (3.1.1 would report it)
    assert not [f for f in lint(tmp_path, files) if f.code == "HUB204"]


def test_a_hub_image_nothing_here_deploys_is_a_weak_source(tmp_path, run_cli, monkeypatch):
    """A Hub Dockerfile only a script builds, with no compose service, chart or Hub configuration beside it, says
    not which images that Hub spawns: its version is a weak source (HUB204 an info); a configuration in its scope,
    or a compose service running it, makes it the deployment's Hub."""
    hub = "FROM jupyterhub/jupyterhub:4.1.6\n"
    files = {
        "hub/Dockerfile": hub,
        "hub/build.sh": "docker build -t team/hub:1 .\n",
        "user/Dockerfile": USER.format(v="5.2.1"),
        "user/build.sh": "docker build -t team/user:1 .\n",
    }
    for sub in ("alone", "configured", "composed"):
        (tmp_path / sub).mkdir()
    (hit,) = [f for f in lint(tmp_path / "alone", files) if f.code == "HUB204"]
    assert (hit.severity, hit.confidence) == ("info", "weak")
    monkeypatch.chdir(tmp_path / "alone")
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "nothing here deploys that Hub" in out
    config = {"jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.image = 'team/user:1'\n"}
    (hit,) = [f for f in lint(tmp_path / "configured", {**files, **config}) if f.code == "HUB204"]
    assert hit.severity == "error"
    compose = {"docker-compose.yml": "services:\n  hub:\n    build: hub\n"}
    (hit,) = [f for f in lint(tmp_path / "composed", {**files, **compose}) if f.code == "HUB204"]
    assert hit.severity == "error"


def test_a_script_that_starts_the_hub_with_a_config_file_names_it(tmp_path):
    """`$JHUB -f config.py` in a start script (the program in a variable, as `which jupyterhub` gives it) names
    the Hub configuration beside it, read when it is one (get_config() and a Hub, spawner or authenticator
    setting); another Python file named so is not read, so never reported, even when it is not valid Python."""
    script = "#!/bin/bash\nJHUB=`which jupyterhub`\nsudo -E $JHUB -f config.py --debug\n"
    config = "c = get_config()\nc.DockerSpawner.container_image = 'team/user:1'\n"
    for sub in ("hub", "other"):
        (tmp_path / sub).mkdir()
    found = lint(tmp_path / "hub", {"deploy/start.sh": script, "deploy/config.py": config})
    assert [(f.path, f.code) for f in found if f.code == "HUB603"] == [("deploy/config.py", "HUB603")]
    other = {"deploy/start.sh": script, "deploy/config.py": "print 'python 2'\nDEBUG = True\n"}
    assert lint(tmp_path / "other", other) == []
    (tmp_path / "removed").mkdir()  # `rm -f x.py` starts no Hub
    removed = {"deploy/build.sh": "rm -f config.py\necho # jupyterhub -f config.py\n", "deploy/config.py": config}
    assert lint(tmp_path / "removed", removed) == []


def test_a_chart_version_set_in_a_file_the_deploy_script_sources_gives_the_hub(tmp_path, run_cli, monkeypatch):
    """`source set_config.sh` → `. vars.sh` → `source vars.sh.common` (a name without `.sh`): its assignments
    come first; the script's own arguments handed on (`helm upgrade $* …`) are options, not the release's name."""
    files = {
        "rehelm.sh": "#!/bin/sh\nsource set_config.sh\nhelm upgrade $* --cleanup-on-fail $RELEASE jupyterhub/jupyterhub \\\n"
        "  --version=$JHUB_VERSION --values config.yaml\n",
        "set_config.sh": "# settings\n. vars.sh\n",
        "vars.sh": "HUB=campus\nsource vars.sh.common\nsource hubs/vars.sh.${HUB}\n",
        "vars.sh.common": 'RELEASE=jhub\nJHUB_VERSION="3.3.8"\n',
        "hubs/vars.sh.campus": "CLUSTER=one\n",
        "config.yaml": 'singleuser:\n  image:\n    name: example.org/user\n    tag: "1"\n',
    }
    lint(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "jupyterhub 4.1.6 (zero-to-jupyterhub chart 3.3.8 (helm command `jhub`)" in out
    # a file outside the repository is never read, and a file sourcing itself is read once
    files["set_config.sh"] = ". ../outside.sh\n. set_config.sh\n"
    (tmp_path.parent / "outside.sh").write_text('JHUB_VERSION="4.0.0"\n')
    lint(tmp_path, files)
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "chart 4.0.0" not in out and "a computed --version" in out


def test_a_terraform_helm_release_gives_the_hub_and_names_its_values(tmp_path, run_cli, monkeypatch):
    tf = (
        'resource "helm_release" "jupyterhub" {\n  name       = "jupyterhub"\n'
        '  repository = "https://hub.jupyter.org/helm-chart/"  # the chart\'s repository {\n'
        '  chart      = "jupyterhub"\n  version    = "3.3.8"\n  values = [\n'
        '    file("${path.module}/config.yaml"),\n'
        '    templatefile("${path.module}/extra.yaml", { image = var.image }),\n  ]\n'
        '  set {\n    name  = "singleuser.image.tag"\n    value = var.tag\n  }\n}\n'
        'resource "helm_release" "other" {\n  chart = "grafana"\n  version = "7.0.0"\n}\n'
    )
    files = {
        "infra/main.tf": tf,
        "infra/config.yaml": 'singleuser:\n  image:\n    name: example.org/user\n    tag: "1"\n',
        "user/Dockerfile": USER.format(v="5.2.1"),
        "Makefile": "all:\n\tdocker build -t example.org/user:1 user\n",
    }
    found = lint(tmp_path, files)
    hit = next(f for f in found if f.code == "HUB204")  # the chart's 4.1.6 against the image's 5.2.1
    assert "the Hub runs 4.1.6" in hit.message and "infra/main.tf:1" in hit.help
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    assert "chart 3.3.8 (Terraform helm_release `jupyterhub`)" in out
    _, out, _ = run_cli("--no-cache", "--show-roles", ".")
    assert "infra/main.tf" in out and "terraform" in out
    _, out, _ = run_cli("--no-cache", "--format", "json", ".")
    (deployment,) = json.loads(out)["deployment"]["deployments"]
    assert deployment["configs"] == ["infra/config.yaml"]  # the file() values are the release's


def test_terraform_releases_are_read_literally():
    from hublint.deployment.terraform import read_terraform_releases

    root = "/repo"
    text = (
        'resource "helm_release" "hub" {\n  chart = "${path.module}/../../elsewhere"\n}\n'
        'resource "helm_release" "hub2" {\n  chart = var.chart\n  version = "1.0.0"\n}\n'
        'resource "helm_release" "hub3" {\n  chart = "jupyterhub"\n  version = var.v\n'
        '  values = [file("${path.module}/../../../etc/passwd")]\n}\n'
    )
    found = read_terraform_releases("/repo/infra/main.tf", text, root)
    assert [r.name for r in found] == ["hub3"]  # a chart outside the repository, a computed chart: not releases
    assert found[0].version is not None and found[0].version.value is None  # computed: unknown
    assert [v.value for v in found[0].values] == [None]  # outside the repository: a layer of unknown values
    text = (
        '/* resource "helm_release" "old" { chart = "jupyterhub" version = "0.9.0" } */\n'
        'resource "helm_release" "hub" {\n  /* } */\n  chart = "jupyterhub"  # {\n'
        "  values = [<<EOF\nc.KubeSpawner.environment = {\nEOF\n"
        '  , file("${path.module}/values.yaml"), templatefile("${path.module}/t.yaml", { a = "x" })]\n'
        '  version = "3.2.1"\n  set = [{ name = "singleuser.image.tag", value = var.tag }]\n'
        '  set_string {\n    name = "singleuser.image.name"\n    value = var.name\n  }\n}\n'
    )
    (hub,) = read_terraform_releases("/repo/infra/main.tf", text, root)  # comments and heredocs are not read
    assert hub.version is not None and hub.version.value == "3.2.1"
    assert [v.value for v in hub.values] == [None, "/repo/infra/values.yaml", None]
    assert hub.sets == ("singleuser.image.tag", "singleuser.image.name")
    text = 'resource "helm_release" "b" {\n  chart = "jupyterhub"\n  values = var.on ? [file("${path.module}/a.yaml")]'
    text += ' : [file("${path.module}/b.yaml"), var.extra]\n}\n'
    (b,) = read_terraform_releases("/repo/main.tf", text, root)  # both lists of a condition; a variable: unknown
    assert [v.value for v in b.values] == ["/repo/a.yaml", "/repo/b.yaml", None]
    assert read_terraform_releases("/repo/a.tf", 'resource "helm_release" "x" {\n' + "{" * 100000, root) == []
