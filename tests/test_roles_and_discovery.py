"""Which files hublint lints and as what: discovery (names, .gitignore, exclude) and roles (singleuser, hub,
other) from evidence, overrides, in-repository chains and build targets — the same for folders, explicit
paths, stdin and the Python API."""

import json

import pytest

import hublint
from hublint.workspace.discover import dockerfile_name, kind_of


def tree(tmp_path, files: dict[str, str]):
    (tmp_path / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def lint_root(tmp_path, monkeypatch, **options):
    from hublint.workspace.run import Request, run

    monkeypatch.chdir(tmp_path)
    role = options.pop("role", None)
    return run(Request(["."], options, role=role))


def roles(report):
    return {e.path: e.role for e in report.entries if e.kind == "dockerfile"}


USER = "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install --no-cache-dir nbgitpuller\n"
HUB = "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install dockerspawner\nCMD [\"jupyterhub\"]\n"
DB = "FROM postgres:16\nUSER root\n"


# --------------------------------------------------------------------------- discovery
@pytest.mark.parametrize("name", ["Dockerfile", "Dockerfile.gpu", "Dockerfile-R", "Dockerfile-minimal", "x.Dockerfile",
                                  "jupyterhub_Dockerfile", "lab-Dockerfile", "x.dockerfile", "Containerfile", "Containerfile.lab", "lab.Containerfile"])
def test_dockerfile_names(name):
    assert dockerfile_name(name) and kind_of(name) == "dockerfile"


@pytest.mark.parametrize("name", ["Dockerfile.dockerignore", "Dockerfile.md", "dockerfile.txt", "notes.Dockerfile.bak",
                                  "Dockerfile.j2", "Dockerfile.jinja2", "Dockerfile.tmpl", "Dockerfile.in",
                                  "Dockerfile.template", "lab.Dockerfile.tpl"])
def test_not_dockerfiles(name):
    assert not dockerfile_name(name)


def test_kinds():
    assert kind_of("jupyterhub_config.py") == "hub-config" and kind_of("setup.py") is None
    assert kind_of("docker-compose.yml") == "compose" and kind_of(".env") == "env"
    assert kind_of("chart/Chart.yaml") == "chart" and kind_of("chartpress.yaml") == "chartpress"
    assert kind_of("config/prod.values.yaml") == "values" and kind_of("chart/templates/x.yaml") is None
    assert kind_of("Makefile") == "build-script" and kind_of(".github/workflows/ci.yaml") == "ci"
    assert kind_of(".gitlab-ci.yml") == "ci" and kind_of(".github/ISSUE_TEMPLATE/bug.yml") is None
    assert kind_of("docker-bake.hcl") == "bake" and kind_of("deployments/x/hubploy.yaml") == "hubploy"
    assert kind_of("docker/Dockerfile_singleuser") == "dockerfile" and kind_of("Dockerfile_lab.md") is None
    assert kind_of("bin/build") == "build-script" and kind_of("scripts/publish") == "build-script"
    assert kind_of("build") is None and kind_of("docs/build") is None


def test_gitignore_and_exclude(tmp_path, monkeypatch):
    tree(tmp_path, {
        ".gitignore": "build/\n*.tmp.Dockerfile\n!keep.tmp.Dockerfile\n",
        "images/lab/Dockerfile-gpu": USER, "build/Dockerfile": USER, "scratch.tmp.Dockerfile": USER,
        "keep.tmp.Dockerfile": USER, "vendor/sub/.gitignore": "Dockerfile\n", "vendor/sub/Dockerfile": USER,
        "node_modules/pkg/Dockerfile": USER, ".hidden/Dockerfile": USER, "legacy/Dockerfile": USER,
        ".hublint.toml": 'extend-exclude = ["legacy/"]\n',
    })
    got = set(roles(lint_root(tmp_path, monkeypatch)))
    assert got == {"images/lab/Dockerfile-gpu", "keep.tmp.Dockerfile"}


def test_respect_gitignore_false_and_exclude_replaces_the_default(tmp_path, monkeypatch):
    tree(tmp_path, {".gitignore": "build/\n", "build/Dockerfile": USER, "node_modules/Dockerfile": USER,
                    ".hublint.toml": "respect-gitignore = false\nexclude = []\n"})
    assert set(roles(lint_root(tmp_path, monkeypatch))) == {"build/Dockerfile", "node_modules/Dockerfile"}


def test_a_dockerfile_named_by_compose_or_chartpress_is_found(tmp_path, monkeypatch):
    tree(tmp_path, {
        "docker-compose.yml": "services:\n  hub:\n    build:\n      context: hub\n      dockerfile: hub.df\n",
        "hub/hub.df": HUB,
        "chartpress.yaml": "charts:\n  - name: c\n    images:\n      user:\n        dockerfilePath: user/user.df\n"
                           "        valuesPath: singleuser.image\n",
        "user/user.df": "FROM python:3.12.8\nRUN pip install jupyterhub jupyterlab\n",
    })
    assert roles(lint_root(tmp_path, monkeypatch)) == {"hub/hub.df": "hub", "user/user.df": "singleuser"}


# --------------------------------------------------------------------------- roles from the Dockerfile
@pytest.mark.parametrize(("text", "role"), [
    (HUB, "hub"),
    ("FROM jupyterhub/k8s-hub:4.0.0\n", "hub"),
    ("FROM jupyter/jupyterhub-onbuild:0.9.4\n", "hub"),
    ("FROM python:3.12.8\nRUN pip install jupyterhub oauthenticator dockerspawner\n", "hub"),
    ("FROM python:3.12.8\nRUN pip install jupyterhub\nCMD [\"jupyterhub\", \"-f\", \"/etc/jh.py\"]\n", "hub"),
    ("FROM quay.io/jupyter/minimal-notebook:2025-01-06\nRUN pip install jupyterhub dockerspawner\n"
     "CMD [\"jupyterhub\"]\n", "hub"),  # the CMD decides a tie
    ("FROM python:3.11\nRUN pip install jupyterhub notebook\n", "singleuser"),  # the seed's minimal image
    ("FROM quay.io/jupyter/scipy-notebook:2025-01-06\n", "singleuser"),
    ("FROM ubuntu:24.04\nRUN useradd -m jovyan\nUSER jovyan\n", "singleuser"),
    ("FROM ubuntu:24.04\nEXPOSE 8888\n", "singleuser"),
    ("FROM registry.example.org/base:1\nCMD [\"start-singleuser.py\"]\n", "singleuser"),
    ("FROM registry.example.org/base:1\nCMD [\"jupyter\", \"lab\"]\n", "singleuser"),
    ("FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"jupyter\", \"kernelgateway\"]\n", "other"),
    (DB, "other"),
    ("FROM alpine:3.21\nRUN apk add curl\nENTRYPOINT [\"/bin/tool\"]\n", "other"),
    ("FROM scratch\nCOPY app /app\n", "other"),
    # an interpreter alone as the ENTRYPOINT: the spawner's command would be its script — a compute image
    ("FROM quay.io/jupyter/scipy-notebook:2025-01-06\nENTRYPOINT [\"python\"]\n", "other"),
    ("FROM ubuntu:24.04\nRUN useradd -m jovyan\nUSER jovyan\nENTRYPOINT [\"/bin/sh\"]\n", "other"),
    ("FROM quay.io/jupyter/scipy-notebook:2025-01-06\nENTRYPOINT [\"bash\"]\nCMD [\"start-singleuser.sh\"]\n",
     "singleuser"),  # bash finds start-singleuser.sh on the PATH
    ("FROM quay.io/jupyter/scipy-notebook:2025-01-06\nENTRYPOINT [\"python\", \"-m\", \"tool\"]\n", "singleuser"),
])
def test_own_evidence(text, role):
    from hublint.settings.options import Settings
    from hublint.workspace.roles import resolve_role
    from hublint.workspace.units import analyse_target

    img, _ = analyse_target(text, "Dockerfile", Settings(), ".")
    assert resolve_role(img)[0].role == role


def test_other_images_get_nothing_but_parse_errors():
    assert hublint.lint_text(DB) == []
    assert [f.code for f in hublint.lint_text("FROM postgres:16\nCMD [\"a\", 1]\n")] == ["HUB001"]


def test_hub_images_get_only_the_image_tag_rules():
    codes = {f.code for f in hublint.lint_text("FROM quay.io/jupyterhub/jupyterhub:latest\nUSER root\n"
                                               "CMD jupyterhub\n")}
    assert codes == {"HUB102"}


# --------------------------------------------------------------------------- overrides
def test_pragma_config_and_cli_role(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"a/Dockerfile": "# hublint role=singleuser\n" + DB, "b/Dockerfile": DB, "c/Dockerfile": USER,
                    ".hublint.toml": 'roles = { "b/**" = "singleuser", "c/*" = "other" }\n'})
    got = roles(lint_root(tmp_path, monkeypatch))
    assert got == {"a/Dockerfile": "singleuser", "b/Dockerfile": "singleuser", "c/Dockerfile": "other"}
    status, out, _ = run_cli("--format", "json", "--role", "hub", "c/Dockerfile")
    assert json.loads(out)["files"][0]["role"] == "hub"
    status, out, _ = run_cli("--format", "json", "--role", "auto", "--no-config", "c/Dockerfile")
    assert json.loads(out)["files"][0]["role"] == "singleuser"


def test_bad_role_pragma_is_hub002(run_cli, tmp_path):
    (tmp_path / "Dockerfile").write_text("# hublint role=notebook\n" + USER)
    status, out, _ = run_cli("--format", "json", str(tmp_path / "Dockerfile"))
    (f,) = [f for f in json.loads(out)["findings"] if f["code"] == "HUB002"]
    assert f["line"] == 1 and "not a role" in f["message"]


def test_bad_role_option_is_a_usage_error(run_cli):
    status, _, err = run_cli("--role", "notebook", "Dockerfile")
    assert status == 2 and "--role 'notebook'" in err


def test_bad_roles_config_is_exit_2(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"Dockerfile": USER, ".hublint.toml": 'roles = { "x" = "notebook" }\n'})
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli("Dockerfile")
    assert status == 2 and "roles" in err and "singleuser, hub, other" in err


# --------------------------------------------------------------------------- the repository decides
def test_in_repository_chain_makes_a_single_user_base(tmp_path, monkeypatch):
    tree(tmp_path, {
        "Makefile": "base:\n\tdocker build -t team/base -f Dockerfile.base .\n",
        "Dockerfile.base": "FROM ubuntu:24.04\nRUN apt-get update\n",
        "Dockerfile": "FROM team/base:2025.1\nRUN pip install jupyterhub jupyterlab\nUSER 1000\n"
                      "CMD [\"jupyterhub-singleuser\"]\n",
    })
    report = lint_root(tmp_path, monkeypatch)
    entries = {e.path: e for e in report.entries}
    assert entries["Dockerfile.base"].role == "singleuser" and "base of Dockerfile" in entries["Dockerfile.base"].reason
    # a single-user base: the rules about what the finished image must have wait for the image built on it
    assert not [f for f in report.findings if f.path == "Dockerfile.base" and f.code in ("HUB201", "HUB202", "HUB401",
                                                                                       "HUB302")]


def test_onbuild_base(tmp_path, monkeypatch):
    tree(tmp_path, {"Dockerfile": "FROM ubuntu:24.04\nENV NB_USER=jovyan\nEXPOSE 8888\nONBUILD RUN pip install -r "
                                  "requirements.txt\nUSER 1000\n"})
    report = lint_root(tmp_path, monkeypatch)
    assert "ONBUILD base" in report.entries[0].reason and not report.findings


def test_sibling_pipeline_builds_are_not_registry_latest(tmp_path, monkeypatch):
    tree(tmp_path, {
        "images/base-lab/Dockerfile": "FROM ubuntu:24.04\nRUN pip install jupyterhub jupyterlab\nUSER 1000\n"
                                      "CMD [\"jupyterhub-singleuser\"]\n",
        "images/geo-lab/Dockerfile": "ARG REGISTRY=quay.io\nARG OWNER=team\nARG BASE_IMAGE=$REGISTRY/$OWNER/base-lab\n"
                                     "FROM $BASE_IMAGE\nRUN pip install geopandas\n",
    })
    report = lint_root(tmp_path, monkeypatch)
    assert not [f for f in report.findings if f.path == "images/geo-lab/Dockerfile" and f.code == "HUB101"]
    assert roles(report)["images/base-lab/Dockerfile"] == "singleuser"


def test_build_targets_get_their_own_roles(tmp_path, monkeypatch):
    tree(tmp_path, {"Dockerfile": """FROM ubuntu:24.04 AS builder
RUN apt-get update
FROM builder AS hub
RUN pip install jupyterhub oauthenticator
CMD ["jupyterhub"]
FROM builder AS lab
RUN pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'
USER 1000
CMD ["jupyterhub-singleuser"]
FROM builder AS worker
RUN pip install dask
CMD ["dask", "worker"]
"""})
    report = lint_root(tmp_path, monkeypatch)
    assert roles(report) == {"Dockerfile#hub": "hub", "Dockerfile#lab": "singleuser", "Dockerfile#worker": "other"}
    assert not report.findings


def test_standalone_compose_notebook_is_other(tmp_path, monkeypatch):
    tree(tmp_path, {"notebook/Dockerfile": USER, "notebook/docker-compose.yml":
                    "services:\n  notebook:\n    build: .\n    command: start-notebook.py --ServerApp.password=x\n"})
    assert roles(lint_root(tmp_path, monkeypatch)) == {"notebook/Dockerfile": "other"}


@pytest.mark.parametrize(("runs", "role"), [
    ("entrypoint: sleep infinity", "other"),
    ("command: [\"tail\", \"-f\", \"/dev/null\"]", "other"),
    ("command: bash -c 'sleep infinity'", "other"),
    ("command: sleep 10", "singleuser"),  # a short wait, then whatever comes next: not idle
    ("command: ./build.sh", "singleuser"),
])
def test_a_compose_service_that_keeps_its_container_idle_is_a_tool(tmp_path, monkeypatch, runs, role):
    """A build its compose service only keeps running (`sleep infinity`, `tail -f /dev/null`, to `docker exec`
    into) is a container to work in, not a single-user image, where no Hub configuration may spawn it."""
    tree(tmp_path, {"work/Dockerfile": USER, "work/docker-compose.yml": f"services:\n  work:\n    build: .\n    {runs}\n"})
    assert roles(lint_root(tmp_path, monkeypatch)) == {"work/Dockerfile": role}
    hub = {"hub/jupyterhub_config.py": "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
                                       "import os\nc.DockerSpawner.image = os.environ['IMAGE']\n"}
    tree(tmp_path, hub)  # a Hub that may spawn any image: the build may be its image
    assert roles(lint_root(tmp_path, monkeypatch)) == {"work/Dockerfile": "singleuser"}


@pytest.mark.parametrize(("config", "role"), [
    ({"hub/values.yaml": "singleuser:\n  image:\n    name: quay.io/jupyterhub/k8s-singleuser-sample\n"
                         "    tag: 4.2.0\n"}, "other"),  # the Hub spawns a public image hublint knows
    ({"hub/values.yaml": "singleuser:\n  defaultUrl: /lab\n"}, "other"),  # the chart's sample image
    ({"bare/jupyterhub_config.py": "c.JupyterHub.authenticator_class = 'pam'\n"}, "other"),  # processes
    ({"hub/values.yaml": "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1'\n"},
     "singleuser"),  # an image hublint does not know: it may be this build
    ({"hub/jupyterhub_config.py": "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
                                  "import os\nc.DockerSpawner.image = os.environ['IMAGE']\n"}, "singleuser"),
    ({"hub/values.yaml": "singleuser:\n  defaultUrl: /lab\n",  # the release names the image when it deploys
      "deploy.sh": "helm upgrade --install hub jupyterhub/jupyterhub -f hub/values.yaml "
                   "--set singleuser.image.name=ghcr.io/example/lab\n"}, "singleuser"),
])
def test_a_standalone_compose_notebook_beside_a_hub_that_cannot_spawn_it(tmp_path, monkeypatch, config, role):
    """A build its compose service runs as a plain notebook server is standalone when no Hub configuration may
    spawn it: each names its spawn images and they are public images hublint knows, or it starts processes."""
    tree(tmp_path, {"notebook/Dockerfile": USER, **config, "notebook/docker-compose.yml":
                    "services:\n  notebook:\n    build: .\n    command: jupyter notebook --ip=0.0.0.0\n"})
    assert roles(lint_root(tmp_path, monkeypatch))["notebook/Dockerfile"] == role


def test_explicit_files_follow_the_same_roles(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"db/Dockerfile": DB, "hub/Dockerfile": HUB, "lab/Dockerfile": USER})
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--format", "json", "db/Dockerfile", "hub/Dockerfile", "lab/Dockerfile")
    doc = json.loads(out)
    assert [(e["path"], e["role"], e["linted"]) for e in doc["files"]] == [
        ("db/Dockerfile", "other", False), ("hub/Dockerfile", "hub", True), ("lab/Dockerfile", "singleuser", True)]
    status, out, _ = run_cli("--format", "json", "--stdin-filename", "db/Dockerfile", "-", stdin=DB.encode())
    assert json.loads(out)["files"][0]["role"] == "other"


# --------------------------------------------------------------------------- saying what was decided
def test_full_summary_statistics_and_show_roles(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"db/Dockerfile": DB, "hub/Dockerfile": HUB, "lab/Dockerfile": USER,
                    "jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.image = 'lab:1'\n"})
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--format", "full", ".")
    assert "4 files: 1 single-user image, 1 Hub image, 1 other image skipped, 1 Hub configuration" in out
    status, out, _ = run_cli("--format", "concise", "--statistics", ".")
    assert "    1  other image skipped\n" in out and "    1  Hub image\n" in out
    status, out, _ = run_cli("--show-roles", ".")
    assert status == 0
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert lines["db/Dockerfile"].split()[:2] == ["dockerfile", "other"] and "(skipped)" in lines["db/Dockerfile"]
    assert "FROM quay.io/jupyterhub/jupyterhub" in lines["hub/Dockerfile"]
    status, out, _ = run_cli("--show-roles", "--format", "json", ".")
    assert {e["path"] for e in json.loads(out)["files"]} == {"db/Dockerfile", "hub/Dockerfile", "lab/Dockerfile",
                                                             "jupyterhub_config.py"}


def test_an_image_used_only_as_another_dockerfiles_build_stage_is_other(tmp_path, monkeypatch):
    """`FROM team/conda-deps:1 AS deps` + `COPY --from=deps` in the user image: the image built from deps/ is a
    source of files, not a server — `other`, while the user image stays single-user; built on, it is a base."""
    deps = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\nRUN mamba install --yes numpy\n"
    user = ("FROM team/conda-deps:1 AS deps\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
            "COPY --from=deps /opt/conda /opt/conda\n")
    build = "#!/bin/sh\ndocker build -t team/conda-deps:1 deps\ndocker build -t team/user:1 user\n"
    tree(tmp_path, {"deps/Dockerfile": deps, "user/Dockerfile": user, "build.sh": build})
    report = lint_root(tmp_path, monkeypatch)
    assert roles(report) == {"deps/Dockerfile": "other", "user/Dockerfile": "singleuser"}
    assert "a build stage of user/Dockerfile" in {e.path: e for e in report.entries}["deps/Dockerfile"].reason
    (tmp_path / "user/Dockerfile").write_text("FROM team/conda-deps:1\nUSER 1000\n")
    assert roles(lint_root(tmp_path, monkeypatch))["deps/Dockerfile"] == "singleuser"


def test_a_lowercase_dockerfile_is_found_and_built(tmp_path, monkeypatch, run_cli):
    """`dockerfile` is what `docker build` takes when a context has no `Dockerfile`: it is discovered, and a build
    of that context (`build.sh`: `docker build -t team/hub:1 hub`) builds it."""
    tree(tmp_path, {"hub/dockerfile": HUB, "build.sh": "#!/bin/sh\ndocker build -t team/hub:1 hub\n"})
    assert roles(lint_root(tmp_path, monkeypatch)) == {"hub/dockerfile": "hub"}
    _, out, _ = run_cli("--no-cache", "--show-deployment", "--format", "json", ".")
    (doc,) = json.loads(out)["deployment"]
    assert [(b["dockerfile"], b["images"]) for b in doc["builds"]] == [("hub/dockerfile", ["team/hub:1"])]


def test_a_binder_dockerfile_is_the_image_binder_spawns(tmp_path, monkeypatch, folder="binder"):
    """repo2docker builds `binder/Dockerfile` (or `.binder/`) for Binder, whose JupyterHub spawns it: good
    single-user evidence even on a base hublint does not know; another folder's such Dockerfile has none."""
    text = "FROM example.org/team/course-base:3d2a68af5c1f\nADD binder/*.ipynb ./\n"  # a name that says nothing
    tree(tmp_path, {f"{folder}/Dockerfile": text, "tools/Dockerfile": text})
    found = roles(lint_root(tmp_path, monkeypatch))
    assert found == {f"{folder}/Dockerfile": "singleuser", "tools/Dockerfile": "other"}


@pytest.mark.parametrize(("target", "role"), [("smoke", "other"), ("test", "other"), ("ci-checks", "other"),
                                              ("latest", "singleuser"), ("contest", "singleuser")])
def test_a_target_named_as_a_test_stage_is_other(tmp_path, monkeypatch, target, role):
    """A build target named as a test (`test`, `smoke`, `ci`, `check`, `lint`, `e2e`) runs checks on the image it
    is built on; it is not an image a Hub serves, whatever it inherits."""
    tree(tmp_path, {"Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06 AS runtime\n"
                                  "RUN pip install --no-cache-dir nbgitpuller\n"
                                  "FROM runtime AS lab\nRUN pip install --no-cache-dir jupyterlab-git\n"
                                  f"FROM runtime AS {target}\nRUN python -c 'import nbgitpuller'\n"})
    found = roles(lint_root(tmp_path, monkeypatch))
    assert (found["Dockerfile#lab"], found[f"Dockerfile#{target}"]) == ("singleuser", role)


def test_a_notebook_server_serving_its_own_certificate_is_reached_directly(tmp_path, monkeypatch):
    """`jupyter lab --ServerApp.certfile=…`: a server people reach directly, not one a Hub spawns (the Hub gives a
    spawned server its address and security); plain `jupyter lab` stays a (broken) single-user image."""
    lab = ("FROM python:3.12.8-slim\nRUN pip install 'jupyterlab==4.3.4'\nUSER 1000\n"
           'CMD ["jupyter", "lab", "--ip=0.0.0.0", {tls}]\n')
    tls = '"--ServerApp.certfile=/certs/host.pem", "--ServerApp.keyfile=/certs/host.key"'
    tree(tmp_path, {"lab/Dockerfile": lab.format(tls=tls)})
    assert roles(lint_root(tmp_path, monkeypatch)) == {"lab/Dockerfile": "other"}
    tree(tmp_path, {"lab/Dockerfile": lab.format(tls='"--port=8888"')})
    assert roles(lint_root(tmp_path, monkeypatch)) == {"lab/Dockerfile": "singleuser"}
