"""Build definitions, reader by reader: Makefiles and shell scripts (each builder CLI with its own options),
GitHub Actions workflows, GitLab CI, bake files (HCL and JSON), hubploy; the name matcher they share; and what the
workspace makes of them (local bases, build arguments over ARG defaults, `--show-deployment`).  Hostile
definitions give nothing, never a traceback or a hang."""

import json
import os
import time

import pytest
from conftest import lint_repo

from hublint.deployment.bake import bake_runs, read_bake_files
from hublint.deployment.buildscripts import read_build_commands
from hublint.deployment.gitlabci import read_gitlab_ci
from hublint.deployment.hcl import EXPRESSION, parse
from hublint.deployment.hubploy import read_hubploy
from hublint.deployment.imagenames import COMPUTED, same_image, same_name, shown, specific
from hublint.deployment.shellwords import Var, lex, make_expand
from hublint.deployment.values import ConfigReadError
from hublint.deployment.workflows import read_workflow

C = COMPUTED


def tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def rel(root, path):
    return os.path.relpath(path, root)


def shell_builds(root, name, text):
    path = str(root / name)
    builds, _ = read_build_commands(path, text, lambda p: open(p).read() if os.path.exists(p) else None)
    return [(b.line, b.names, rel(root, b.dockerfile), rel(root, b.context), b.target) for b in builds]


# --------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("myuser:2024.06", "docker.io/library/myuser:1", True),  # names only: tags not compared
        (f"example.org/team/lab:{C}", "example.org/team/lab:3f9c2e1", True),
        (f"example.org/team/base-{C}", "example.org/team/base-main", True),
        (f"example.org/team/base-{C}", f"example.org/team/base-{C}", True),
        (f"example.org/team/base-{C}", f"example.org/team/lab-{C}", False),
        (f"{C}/lab", "example.org/team/lab", True),  # a computed registry
        (f"{C}/lab", "example.org/team/lab2", False),
        (C, "example.org/team/lab", False),  # says nothing
        (f"ghcr.io/org/{C}", "ghcr.io/org/lab", False),  # its last component says nothing either
        ("example.org/team/lab", "example.org/team/hub", False),
        # a computed part after literal text of its component is the rest of that component, never a `/`
        (f"ghcr.io/{C}/jupyterhub{C}", "ghcr.io/team/jupyterhub-k8s/vscode-scipy", False),
        (f"ghcr.io/{C}/jupyterhub{C}", "ghcr.io/team/repo/jupyterhub-dev", True),
        (f"{C}python", "registry.example.org/mirror/python", True),  # `${PREFIX}python`: a prefix ending in `/`
    ],
)
def test_names_match_on_their_literal_parts(a, b, same):
    assert same_name(a, b) is same and same_name(b, a) is same


def test_tags_are_compared_only_when_both_are_literal():
    assert same_image("team/base:1.0", "team/base:1.0") and not same_image("team/base:1.0", "team/base:2.0")
    assert same_image(f"team/base:{C}", "team/base:2.0") and same_image("team/base", "team/base:latest")
    assert not specific(f"{C}:{C}") and shown(f"x/y:{C}") == "x/y:<computed>"


# --------------------------------------------------------------------------- shell words
def test_shell_words_as_the_shell_reads_them():
    known = {"R": Var("example.org/team", "f", 1)}.get
    cmds = lex('cd user && docker build -t "$R/lab:${TAG:-dev}" . 2>&1 >/dev/null; echo `date` # no', known, "/s")
    assert [[w.text for w in c] for c in cmds] == [
        ["cd", "user"],
        ["docker", "build", "-t", "example.org/team/lab:dev", "."],
        ["echo", C],
    ]
    assert [[w.text for w in c] for c in lex("(cd x && b .)", known)] == [["("], ["cd", "x"], ["b", "."], [")"]]
    assert lex('cd "$(dirname "$0")"/..', known, "/s")[0][1].text == "/s/.."
    assert lex("echo $(git rev-parse HEAD) ${V#x} $1 'a b'", known)[0][1:][0].text == C
    assert [w.text for w in lex("echo ${UNSET} ${R:+set} 'a b'", known)[0]] == ["echo", C, "set", "a b"]


def test_make_references():
    values = {"IMAGE": Var("example.org/$(SUB)", "M", 1), "SUB": Var("lab", "M", 2), "LOOP": Var("$(LOOP)x", "M", 3)}
    text, refs = make_expand("docker build -t $(IMAGE):$(shell date) $$HOME $@ $(notdir $@) $(LOOP)", values.get)
    assert text.startswith(f"docker build -t example.org/lab:{C} $HOME {C} {C} ")
    assert refs[0][2].line == 1
    bomb = {f"A{i}": Var(f"$(A{i - 1})$(A{i - 1})", "M", i) for i in range(1, 60)}
    bomb["A0"] = Var("x" * 100, "M", 0)
    started = time.monotonic()
    assert make_expand("$(A59)", bomb.get)[0] == C  # past the expansion bound: computed, at once
    assert time.monotonic() - started < 2


# --------------------------------------------------------------------------- Makefiles and scripts
def test_a_recipe_runs_in_the_folder_it_changes_to(tmp_path):
    text = (
        "USER_IMAGE = myuser:2024.06\nbuild-user:\n\tcd user && docker build -t $(USER_IMAGE) .\n"
        "build-hub:\n\tdocker build -t myhub:5.2.1 .\n"
        "both:\n\tcd user; cd ..; docker build -t top .\n\t@(cd hub && docker build -t h .) && docker build -t i img\n"
    )
    assert shell_builds(tmp_path, "Makefile", text) == [
        (3, ("myuser:2024.06",), "user/Dockerfile", "user", None),
        (5, ("myhub:5.2.1",), "Dockerfile", ".", None),
        (7, ("top",), "Dockerfile", ".", None),
        (8, ("h",), "hub/Dockerfile", "hub", None),
        (8, ("i",), "img/Dockerfile", "img", None),
    ]


def test_each_builder_reads_its_own_options(tmp_path):
    tree(tmp_path, {"worker/Containerfile": "FROM x\n"})
    text = """#!/bin/sh
REGISTRY=example.org/team
docker buildx build --builder ci --platform linux/amd64 \\
  --metadata-file build-meta.json \\
  -t "$REGISTRY/lab:2024.06" \\
  -f docker/lab.df \\
  .
podman build --format docker -t "$REGISTRY/hub:5.2.1" hub
buildah bud --layers -f worker/Containerfile -t "$REGISTRY/worker:2024.06" worker
podman build -t "$REGISTRY/worker2" worker
nerdctl --namespace k8s.io build -t n/x --target lab ctx
DOCKER_BUILDKIT=1 sudo -E docker image build -tq/r:1 ctx
docker build --weird-option value -t x/dropped img
docker build -t x/remote https://github.com/x/y.git
docker build -t x/stdin - < Dockerfile
docker build $OPTIONS -t x/opts img
"""
    assert shell_builds(tmp_path, "build.sh", text) == [
        (3, ("example.org/team/lab:2024.06",), "docker/lab.df", ".", None),
        (8, ("example.org/team/hub:5.2.1",), "hub/Dockerfile", "hub", None),
        (9, ("example.org/team/worker:2024.06",), "worker/Containerfile", "worker", None),
        (10, ("example.org/team/worker2",), "worker/Containerfile", "worker", None),  # podman: Containerfile first
        (11, ("n/x",), "ctx/Dockerfile", "ctx", "lab"),
        (12, ("q/r:1",), "ctx/Dockerfile", "ctx", None),
        (16, ("x/opts",), "img/Dockerfile", "img", None),  # a computed word may be options
    ]


def test_computed_tags_keep_the_build(tmp_path):
    text = (
        "IMAGE := example.org/team/lab\nTAG := $(shell git rev-parse --short HEAD)\nBRANCH != git branch\n"
        "image:\n\tdocker build \\\n\t\t--tag $(IMAGE):$(TAG) \\\n\t\t--file docker/lab.df \\\n\t\t.\n"
        "lab:\n\tdocker build --build-arg branch=$(BRANCH) -t $(IMAGE)-$(BRANCH):latest lab\n"
        "\tdocker build -t $(UNSET) $(NODIR)\n"
    )
    assert shell_builds(tmp_path, "Makefile", text) == [
        (5, (f"example.org/team/lab:{C}",), "docker/lab.df", ".", None),
        (10, (f"example.org/team/lab-{C}:latest",), "lab/Dockerfile", "lab", None),
    ]  # a computed context says no file: that build is dropped


def test_a_builder_chosen_when_the_script_runs_is_read_as_docker(tmp_path):
    """`$imcmd build … --tag NAME DIR` (docker or podman, whichever is on the PATH): the build command's shape is
    docker's; without a tag it names nothing to build, and a computed program with another verb is no build."""
    text = """#!/bin/bash
imcmd=""
for command in docker podman; do
    if [ $(command -v $command) ]; then imcmd=$command; break; fi
done
format=""
branch=$(git symbolic-ref --short HEAD)
$imcmd build \\
    $format "$@" \\
    --tag example.org/team/base-$branch:latest .
$imcmd build lab
$imcmd push example.org/team/base-$branch:latest
$TOOL compile -t x/y lab
"""
    assert shell_builds(tmp_path, "build.sh", text) == [
        (8, (f"example.org/team/base-{C}:latest",), "Dockerfile", ".", None),
    ]


def test_minikube_image_build(tmp_path):
    text = "minikube -p dev image build -t team/lab:dev -f lab/Dockerfile lab\nminikube image load team/lab:dev\n"
    assert shell_builds(tmp_path, "build.sh", text) == [(1, ("team/lab:dev",), "lab/Dockerfile", "lab", None)]


def test_build_args_with_make_variables_and_included_env(tmp_path):
    tree(tmp_path, {".env": 'JUPYTERHUB_VERSION=5.2.1\nSINGLEUSER_VERSION="4.1.6"\n'})
    text = (
        "include .env\nifeq ($(GPU),1)\n  BASE = cuda\nelse\n  BASE = cpu\nendif\nnotebook:\n"
        "\tdocker build --build-arg JUPYTERHUB_VERSION=$(SINGLEUSER_VERSION) --build-arg BASE=$(BASE) \\\n"
        "\t\t--build-arg FROM_ENV --build-arg MISSING=$(NOT_IN_THE_REPO) -t x singleuser\n"
    )
    (build,), _ = read_build_commands(str(tmp_path / "Makefile"), text, lambda p: open(p).read())
    args = {k: (v.value, os.path.basename(v.path), v.span[0], v.via) for k, v in build.args.items()}
    assert args["JUPYTERHUB_VERSION"] == ("4.1.6", ".env", 2, (f"{tmp_path}/Makefile:8",))
    assert args["BASE"][0] == C  # assigned differently under a condition: computed
    assert args["FROM_ENV"][0] is None and args["MISSING"][0] is None  # values outside the repository: unknown


def test_scripts_are_read_in_order(tmp_path):
    text = """#!/bin/bash
cd "$(dirname "$0")/.."
REGISTRY=${REGISTRY:-example.org/team}
if [ -n "${GPU:-}" ]; then BASE=cuda; else BASE=cpu; fi
for img in lab; do echo "$img"; done
# docker build -t old/thing images/lab
# cd elsewhere
cat <<EOF
docker build -t heredoc/x images/lab
EOF
docker build -t "$REGISTRY/lab:$(git rev-parse HEAD)" --build-arg "BASE=$BASE" images/lab
if docker build -t $REGISTRY/cond images/lab; then echo ok; fi
pushd images
docker build -t $REGISTRY/pushed lab
popd
docker build -t "$REGISTRY/$img" images/$img
cd ~
docker build -t lost/x images/lab
"""
    assert shell_builds(tmp_path, "scripts/build.sh", text) == [
        (6, ("old/thing",), "images/lab/Dockerfile", "images/lab", None),  # a commented-out build still names it
        (11, (f"example.org/team/lab:{C}",), "images/lab/Dockerfile", "images/lab", None),
        (12, ("example.org/team/cond",), "images/lab/Dockerfile", "images/lab", None),
        (14, ("example.org/team/pushed",), "images/lab/Dockerfile", "images/lab", None),
    ]


def test_kaniko_repo2docker_and_bake_commands(tmp_path):
    tree(tmp_path, {"binder/Dockerfile": "FROM x\n", "nb/Dockerfile_x": "FROM x\n"})
    text = (
        '/kaniko/executor --context "dir://$PWD/nb" --dockerfile nb/Dockerfile_x --destination r/nb:$SHA '
        "--cache=true --build-arg A=1\nrepo2docker --no-run --image-name r/binder:1 .\n"
        "docker buildx bake -f docker-bake.hcl --set '*.tags=r/x:1' lab\n"
    )
    builds, bakes = read_build_commands(str(tmp_path / "build.sh"), text.replace("$PWD", str(tmp_path)), lambda p: None)
    assert [(b.tool, b.names, rel(tmp_path, b.dockerfile), b.purpose) for b in builds] == [
        ("`/kaniko/executor`", (f"r/nb:{C}",), "nb/Dockerfile_x", None),  # relative: where it exists
        ("`repo2docker`", ("r/binder:1",), "binder/Dockerfile", "singleuser"),
    ]
    assert [(b.files, b.targets, b.sets) for b in bakes] == [(("docker-bake.hcl",), ("lab",), ("*.tags=r/x:1",))]


# --------------------------------------------------------------------------- GitHub Actions
WORKFLOW = """
env:
  ORG: example
  BASE_IMAGE: ubuntu:24.04
  GPU_BASE: nvidia/cuda:12
jobs:
  images:
    strategy:
      matrix:
        variant: [cpu, gpu]
        image: [base, lab]
        exclude:
          - {image: base, variant: gpu}
        include:
          - {image: lab, variant: gpu, extra: cuda}
    steps:
      - uses: actions/checkout@v4
      - if: ${{ matrix.variant == 'gpu' }}
        run: echo "BASE_IMAGE=$GPU_BASE" >> $GITHUB_ENV
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/${{ env.ORG }}/${{ matrix.image }}-${{ matrix.variant }}
      - uses: docker/build-push-action@v6
        with:
          context: images/${{ matrix.image }}
          tags: ${{ steps.meta.outputs.tags }}
          build-args: |
            BASE_IMAGE=${{ env.BASE_IMAGE }}
            EXTRA=${{ matrix.extra }}
          target: final
  script:
    defaults:
      run:
        working-directory: images
    steps:
      - name: build
        run: |
          docker build -t ghcr.io/example/by-hand:${GITHUB_SHA} lab
"""


def test_build_push_action_over_the_matrix(tmp_path):
    tree(tmp_path, {".github/workflows/images.yml": WORKFLOW})
    builds, _ = read_workflow(str(tmp_path / ".github/workflows/images.yml"), WORKFLOW)
    got = sorted(
        (b.line, b.names, rel(tmp_path, b.dockerfile), b.target, tuple(sorted((k, v.value) for k, v in b.args.items())))
        for b in builds
    )
    assert got == [
        (
            25,
            (f"ghcr.io/example/base-cpu:{C}",),
            "images/base/Dockerfile",
            "final",
            (("BASE_IMAGE", "ubuntu:24.04"), ("EXTRA", C)),
        ),
        (
            25,
            (f"ghcr.io/example/lab-cpu:{C}",),
            "images/lab/Dockerfile",
            "final",
            (("BASE_IMAGE", "ubuntu:24.04"), ("EXTRA", C)),
        ),
        (
            25,
            (f"ghcr.io/example/lab-gpu:{C}",),
            "images/lab/Dockerfile",
            "final",
            (("BASE_IMAGE", "nvidia/cuda:12"), ("EXTRA", "cuda")),
        ),
        (40, (f"ghcr.io/example/by-hand:{C}",), "images/lab/Dockerfile", None, ()),  # a run: block's own line
    ]


def test_build_push_action_defaults(tmp_path):
    text = """jobs:
  build:
    steps:
      - uses: docker/build-push-action@v6
        with: {tags: "t/root:1"}
      - uses: docker/build-push-action@v6
        with: {context: "{{defaultContext}}:sub", tags: "t/sub:1"}
      - uses: docker/build-push-action@v6
        with: {context: sub, file: other/Dockerfile.lab, tags: "t/file:1"}
"""
    builds, _ = read_workflow(str(tmp_path / ".github/workflows/w.yml"), text)
    assert [(b.names, rel(tmp_path, b.dockerfile), rel(tmp_path, b.context)) for b in builds] == [
        (("t/root:1",), "Dockerfile", "."),
        (("t/sub:1",), "sub/Dockerfile", "sub"),
        (("t/file:1",), "other/Dockerfile.lab", "sub"),  # `file` is relative to the workspace, not the context
    ]


def test_repo2docker_and_bake_actions(tmp_path):
    text = """jobs:
  build:
    steps:
      - uses: jupyterhub/repo2docker-action@master
        with:
          DOCKER_REGISTRY: quay.io
          IMAGE_NAME: org/course
      - uses: docker/bake-action@v5
        with:
          targets: lab
          set: |
            *.tags=example.org/lab:${{ github.sha }}
"""
    tree(tmp_path, {".binder/Dockerfile": "FROM x\n", ".github/workflows/w.yaml": text})
    builds, bakes = read_workflow(str(tmp_path / ".github/workflows/w.yaml"), text)
    assert [(b.names, rel(tmp_path, b.dockerfile), rel(tmp_path, b.context), b.purpose) for b in builds] == [
        ((f"quay.io/org/course:{C}", "quay.io/org/course:latest"), ".binder/Dockerfile", ".", "singleuser")
    ]
    assert [(b.line, b.targets, b.sets, b.cwd == str(tmp_path)) for b in bakes] == [
        (8, ("lab",), (f"*.tags=example.org/lab:{C}",), True)
    ]


def test_the_publish_docker_action(tmp_path):
    """elgohr/Publish-Docker-Github-Action builds `dockerfile` with `context`, both in `workdir`, and pushes `name`
    (under `registry`) at each of `tags`; without them at the branch's name, computed (`latest` from the default
    branch only); a name that is not one name (a list) builds nothing."""
    text = """jobs:
  build:
    steps:
      - uses: elgohr/Publish-Docker-Github-Action@v5
        with:
          name: team/lab
          workdir: docker/lab
          tags: "latest,${{ steps.release.outputs.tag }}"
      - uses: elgohr/Publish-Docker-Github-Action@v5
        with:
          name: team/grading
          registry: ghcr.io
          workdir: docker
          dockerfile: grading.Dockerfile
"""
    tree(
        tmp_path,
        {
            "docker/lab/Dockerfile": "FROM x\n",
            "docker/grading.Dockerfile": "FROM team/lab:latest\n",
            ".github/workflows/w.yaml": text,
        },
    )
    builds, _ = read_workflow(str(tmp_path / ".github/workflows/w.yaml"), text)
    assert [(b.names, rel(tmp_path, b.dockerfile), rel(tmp_path, b.context)) for b in builds] == [
        (("team/lab:latest",), "docker/lab/Dockerfile", "docker/lab"),
        ((f"ghcr.io/team/grading:{C}",), "docker/grading.Dockerfile", "docker"),
    ]
    listed = text.replace("name: team/lab", "name: [team/a, team/b]")
    assert [b.names for b in read_workflow(str(tmp_path / ".github/workflows/w.yaml"), listed)[0]] == [
        (f"ghcr.io/team/grading:{C}",)
    ]


def test_a_workflow_that_is_not_yaml():
    with pytest.raises(ConfigReadError):
        read_workflow("/r/.github/workflows/x.yml", "jobs: [\n")


# --------------------------------------------------------------------------- GitLab CI
def test_gitlab_scripts_and_kaniko(tmp_path):
    text = """variables:
  REGISTRY: registry.example.org/team
include:
  - local: ci/more.yml
build-notebook:
  image: {name: gcr.io/kaniko-project/executor:debug}
  script:
    - /kaniko/executor
      --context "$CI_PROJECT_DIR/notebook"
      --dockerfile "$CI_PROJECT_DIR/notebook/Dockerfile_singleuser"
      --destination "$REGISTRY/notebook:$CI_COMMIT_SHORT_SHA"
      --build-arg "REF=$CI_COMMIT_SHA"
.template:
  script:
    - cd hub
    - docker build -t "$REGISTRY/hub:1" .
"""
    more = "extra:\n  script: docker build -t x/more:1 more\n"
    tree(tmp_path, {".gitlab-ci.yml": text, "ci/more.yml": more})
    builds, _ = read_gitlab_ci(str(tmp_path / ".gitlab-ci.yml"), text, lambda p: open(p).read())
    got = [(b.line, b.names, rel(tmp_path, b.dockerfile), {k: v.value for k, v in b.args.items()}) for b in builds]
    assert got == [
        (8, (f"registry.example.org/team/notebook:{C}",), "notebook/Dockerfile_singleuser", {"REF": C}),
        (16, ("registry.example.org/team/hub:1",), "hub/Dockerfile", {}),  # `cd` holds for the job's next lines
        (2, ("x/more:1",), "more/Dockerfile", {}),
    ]


# --------------------------------------------------------------------------- bake
HCL = """
variable "REGISTRY" { default = "example.org/team" }
variable "TAG" {
  default = "dev"
}
group "default" { targets = ["lab"] }
target "common" {
  args = { A = "1", B = "2" }
}
target "base" {
  context = "base"
  tags    = ["${REGISTRY}/base:${TAG}"]
}
target "lab" {
  inherits   = ["common"]
  context    = "lab"
  dockerfile = "lab.Dockerfile"
  contexts = {
    base = "target:base"
    py   = "docker-image://python:3.12"
  }
  args = {
    B = "${TAG}"  // overrides common
    C = notequal("", TAG) ? "x" : "y"
  }
  tags = ["${REGISTRY}/lab:${TAG}", "${unknown_fn()}/x"]
}
"""


def test_bake_targets_variables_inherits_and_contexts(tmp_path):
    path = str(tmp_path / "docker-bake.hcl")
    project = read_bake_files([(path, HCL)])
    lab, base = project.targets["lab"], project.targets["base"]
    assert (rel(tmp_path, lab.dockerfile), lab.line, lab.names) == (
        "lab/lab.Dockerfile",
        14,
        ("example.org/team/lab:dev", f"{C}/x"),
    )
    assert {k: v.value for k, v in lab.args.items()} == {"A": "1", "B": "dev", "C": C}
    assert lab.args["B"].span[0] == 4 and lab.args["B"].via == (f"{path}:23",)  # the variable's default, via args
    assert lab.contexts["base"].kind == "target" and lab.contexts["base"].value == base.dockerfile
    assert lab.contexts["py"] == ("image", "python:3.12", None)
    run = ("w.yml", 9, "`docker/bake-action`", str(tmp_path), (), (), ("*.tags=r/lab:1", "lab.args.A=9"))
    from hublint.deployment.builddefs import BakeRun

    (ci,) = bake_runs([project], [BakeRun(*run)])
    assert (ci.names, ci.args["A"].value, ci.path, ci.line) == (("r/lab:1",), "9", "w.yml", 9)


def test_a_bake_matrix_builds_each_combination(tmp_path):
    """`matrix = {dir = [...]}` with `name = "project-${dir}"`: one build per value, each with its own context and
    named context (`FROM base_image` is the `base` target's build, not a bare local name: no HUB101)."""
    from conftest import lint_repo

    hcl = (
        'target "base" {\n  context = "base/"\n  tags = ["team/base:1"]\n}\n'
        'target "project" {\n  name = "project-${dir}"\n  matrix = {\n    dir = ["p1", "p2"]\n  }\n'
        '  context = "${dir}"\n  contexts = {\n    base_image = "target:base"\n  }\n'
        '  tags = ["team/${dir}:1"]\n}\n'
    )
    project = read_bake_files([(str(tmp_path / "docker-bake.hcl"), hcl)])
    assert sorted(project.targets) == ["base", "project-p1", "project-p2"]
    p2 = project.targets["project-p2"]
    assert rel(tmp_path, p2.dockerfile) == "p2/Dockerfile" and p2.names == ("team/p2:1",)
    assert p2.contexts["base_image"].kind == "target"
    user = "FROM base_image\nRUN pip install --no-cache-dir pandas==2.2.3\n"
    files = {
        "docker-bake.hcl": hcl,
        "base/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
        "p1/Dockerfile": user,
        "p2/Dockerfile": user,
    }
    assert lint_repo(files, "HUB101") == []
    # a matrix hublint cannot read (a variable, numbers, objects) leaves one build under the target's own name; a
    # target inheriting a matrix target is one build of its own; a run naming the matrix target builds each one
    for matrix in ("dir = DIRS", "dir = [1, 2]", 'dir = [{d = "p1"}]', "dir = []"):
        text = hcl.replace('dir = ["p1", "p2"]', matrix).replace('context = "${dir}"', 'context = "p1"')
        odd = read_bake_files([(str(tmp_path / "docker-bake.hcl"), text)])
        assert sorted(odd.targets) == ["base", "project"], matrix
    child = hcl + 'target "c" {\n  inherits = ["project"]\n  context = "p1"\n  tags = ["t/c:1"]\n}\n'
    project = read_bake_files([(str(tmp_path / "docker-bake.hcl"), child)])
    assert sorted(project.targets) == ["base", "c", "project-p1", "project-p2"]
    assert project.targets["project-p1"].names == ("team/p1:1",)
    from hublint.deployment.builddefs import BakeRun

    run = BakeRun("w.yml", 3, "`docker/bake-action`", str(tmp_path), (), ("project",), ("*.args.A=9",))
    found = bake_runs([project], [run])
    assert sorted(rel(tmp_path, b.dockerfile) for b in found) == ["p1/Dockerfile", "p2/Dockerfile"]
    wide = "\n".join(f'    k{i} = ["a", "b"]' for i in range(200))  # past 8 keys: not expanded
    big = read_bake_files([(str(tmp_path / "docker-bake.hcl"), text.replace("dir = []", wide))])
    assert "project" in big.targets


def test_bake_json_and_override_files(tmp_path):
    base = json.dumps(
        {
            "variable": {"BASE_IMAGE": {"default": "quay.io/jupyter/scipy-notebook:latest"}},
            "target": {
                "lab": {
                    "context": "images/lab",
                    "dockerfile": "docker/lab.df",
                    "args": {"BASE_IMAGE": "${BASE_IMAGE}"},
                    "tags": ["t/lab:1"],
                }
            },
        },
        indent=2,
    )
    override = 'target "lab" {\n  tags = ["t/lab:2"]\n}\n'
    project = read_bake_files(
        [(str(tmp_path / "docker-bake.json"), base), (str(tmp_path / "docker-bake.override.hcl"), override)]
    )
    lab = project.targets["lab"]
    assert rel(tmp_path, lab.dockerfile) == "images/lab/docker/lab.df" and lab.names == ("t/lab:2",)
    assert lab.args["BASE_IMAGE"].value == "quay.io/jupyter/scipy-notebook:latest"
    assert lab.args["BASE_IMAGE"].span[0] == 4


def test_hcl_reads_literals_and_leaves_expressions():
    doc = parse('target "x" {\n  tags = [for v in xs: v]\n  n = 3\n  s = <<EOT\nFROM x\nEOT\n  ok = true\n}\n')
    (block,) = doc.blocks
    assert block.attrs["tags"].value[0].value is EXPRESSION and block.attrs["n"].value == 3
    assert block.attrs["s"].value == "FROM x" and block.attrs["ok"] == (True, 7)
    for bad in ('target "x" {\n', 'target "x" { a = "open\n}', "= 1\n", "x = " + "[" * 5000 + "]" * 5000):
        with pytest.raises(ConfigReadError):
            parse(bad)


# --------------------------------------------------------------------------- hubploy
def test_hubploy_images(tmp_path):
    text = (
        "images:\n  images:\n    - name: example.org/team/user:2024.06.1\n    - name: example.org/team/other\n"
        "      path: other-image\n      helm_substitution_path: jupyterhub.hub.image\n"
    )
    tree(tmp_path, {"deployments/d/image/Dockerfile": "FROM x\n", "deployments/d/other-image/Dockerfile": "FROM x\n"})
    builds = read_hubploy(str(tmp_path / "deployments/d/hubploy.yaml"), text)
    assert [(b.line, b.names, rel(tmp_path, b.dockerfile), b.purpose) for b in builds] == [
        (3, ("example.org/team/user:2024.06.1",), "deployments/d/image/Dockerfile", "singleuser"),
        (4, (f"example.org/team/other:{C}",), "deployments/d/other-image/Dockerfile", "hub"),
    ]


# --------------------------------------------------------------------------- in the workspace
def test_a_base_the_pipeline_builds_is_local():
    files = {
        ".github/workflows/images.yml": "jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n"
        "        with: {context: base, tags: 'localhost:5000/team-base:ci'}\n"
        "      - uses: docker/build-push-action@v6\n        with:\n"
        "          context: lab\n          build-args: BASE_IMAGE=localhost:5000/team-base:ci\n",
        "base/Dockerfile": "FROM quay.io/jupyter/minimal-notebook:2025-01-06\n",
        "lab/Dockerfile": "ARG BASE_IMAGE=quay.io/jupyter/minimal-notebook:latest\nFROM ${BASE_IMAGE}\n"
        "RUN pip install --no-cache-dir 'jupyterlab-git==0.50.2'\n",
    }
    assert [f.code for f in lint_repo(files)] == []
    # written literally, a built name is judged as any other: built by hand it may be the registry's image
    files["lab/Dockerfile"] = "FROM localhost:5000/team-base\nRUN pip install --no-cache-dir 'jupyterlab-git==0.50.2'\n"
    assert sorted(f.code for f in lint_repo(files)) == ["HUB101", "HUB107"]


def test_show_deployment_lists_each_build_with_its_definition(tmp_path, run_cli, monkeypatch):
    tree(
        tmp_path,
        {
            "Makefile": "u:\n\tcd user && docker build -t myuser:1 .\n",
            "user/Dockerfile": "FROM python:3.12\n",
            ".github/workflows/x.yml": "jobs: [docker\n",
            ".git/HEAD": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--show-deployment", "--show-roles", ".")
    assert (
        "    user/Dockerfile -> myuser:1 (singleuser)\n      Makefile:2 `docker build`: myuser:1; context user\n" in out
    )
    assert ".github/workflows/x.yml  ci" in out and "not read: not valid YAML" in out
    status, out, _ = run_cli("--format", "json", ".")
    doc = json.loads(out)
    (build,) = doc["deployment"][0]["builds"] if isinstance(doc["deployment"], list) else doc["deployment"]["builds"]
    assert build["definitions"] == [
        {
            "where": "Makefile:2",
            "what": "`docker build` as myuser:1",
            "images": ["myuser:1"],
            "context": "user",
            "target": None,
            "args": {},
        }
    ]
    assert not [f for f in doc["findings"] if f["path"].startswith(".github")]  # listed, never a finding


HOSTILE = {
    "Makefile": "A0 = x\n"
    + "".join(f"A{i} = $(A{i - 1})$(A{i - 1})\n" for i in range(1, 64))
    + "L = $(L)$(L)\nall:\n\tdocker build -t $(A63)$(L) .\n"
    + "\tcd x && \\\n" * 20000
    + "\n",
    "build.sh": "A=x\n" + 'A="$A$A"\n' * 200 + 'docker build -t "$A" .\n' + "$(" * 20000 + "\n",
    "docker-bake.hcl": "x = " + "{a = " * 10000 + "}" * 10000 + "\n",
    "docker-bake.override.hcl": 'target "a" { inherits = ["b"] }\ntarget "b" { inherits = ["a"] }\n',
    ".gitlab-ci.yml": "include: [{local: .gitlab-ci.yml}]\njob:\n  script: [" + "[" * 150 + "]" * 150 + "]\n",
    ".github/workflows/w.yml": "jobs:\n  j:\n    strategy:\n      matrix:\n"
    + "".join(f"        a{i}: [1, 2, 3, 4]\n" for i in range(12))
    + "    steps:\n      - run: "
    + "echo ${{ matrix.a1 }} " * 5000
    + "\n",
    "deployments/d/hubploy.yaml": "images: &a [*a]\n",
    "Dockerfile": "FROM python:3.12.8-slim\n",
}


def test_hostile_build_definitions_give_nothing_quickly():
    started = time.monotonic()
    found = lint_repo(HOSTILE)
    assert time.monotonic() - started < 60
    assert [f.code for f in found if f.code == "HUB001"] == []


def test_a_finding_on_a_passed_value_names_where_it_is_written():
    files = {
        ".env": "HUB_VERSION=5.2.1\nUSER_VERSION=4.1.6\n",
        "Makefile": "include .env\nimage:\n\tdocker build --build-arg JUPYTERHUB_VERSION=$(USER_VERSION) -t t/u user\n",
        "hub/Dockerfile": 'FROM quay.io/jupyterhub/jupyterhub:5.2.1\nCMD ["jupyterhub"]\n',
        "user/Dockerfile": "FROM quay.io/jupyter/base-notebook:2024-05-27\nARG JUPYTERHUB_VERSION\n"
        'RUN pip install --no-cache-dir "jupyterhub==${JUPYTERHUB_VERSION}"\n',
    }
    (found,) = lint_repo(files, "HUB204")
    assert (found.path, found.line) == ("user/Dockerfile", 3)
    assert (
        "`JUPYTERHUB_VERSION=4.1.6` comes from `.env:2 → Makefile:3`" in found.help
    )  # the working folder's base (docs/usage.md, "Paths")


def test_a_compose_build_arg_with_an_unset_variable_is_passed_not_the_arg_default():
    """`BASE_IMAGE: jupyterhub/jupyterhub:${VERSION}` (VERSION only in `.env.example`): the build passes a value
    hublint cannot resolve, so the untagged ARG default is not what it builds on; a bare `BASE_IMAGE` (from the
    shell: unset there, compose passes nothing) leaves the default."""
    hub = 'ARG BASE_IMAGE=jupyterhub/jupyterhub\nFROM ${BASE_IMAGE}\nCOPY jupyterhub_config.py /srv/\nCMD ["jupyterhub"]\n'
    compose = (
        "services:\n  hub:\n    build:\n      context: hub\n      args:\n"
        "        BASE_IMAGE: jupyterhub/jupyterhub:${VERSION}\n"
    )
    files = {"hub/Dockerfile": hub, "hub/jupyterhub_config.py": "c = get_config()\n", "docker-compose.yml": compose}
    assert lint_repo(files, "HUB101") == []
    bare = compose.replace("        BASE_IMAGE: jupyterhub/jupyterhub:${VERSION}\n", "        - BASE_IMAGE\n")
    assert [f.path for f in lint_repo({**files, "docker-compose.yml": bare}, "HUB101")] == ["hub/Dockerfile"]


def test_a_shell_script_without_an_extension_in_bin_is_a_build_definition():
    """``bin/build`` starting with a shell's ``#!`` builds the bases the images are FROM: they are the repository's
    own (their contents are not unknown, and an untagged one built as ``latest`` is only a weak premise)."""
    files = {
        "bin/build": "#!/usr/bin/env bash\nset -e\ndocker build -t team/base-jupyter-lab -f base/lab/Dockerfile .\n",
        "base/lab/Dockerfile": "FROM quay.io/jupyter/minimal-notebook:2025-01-06\n",
        "lab/Dockerfile": "FROM team/base-jupyter-lab\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
        'USER 1000\nCMD ["jupyterhub-singleuser"]\n',
    }
    found = {(f.code, f.severity) for f in lint_repo(files) if f.path == "lab/Dockerfile"}
    assert ("HUB101", "info") in found and ("HUB101", "error") not in found
    # the same text in a script of another language is not read as the shell's
    files["bin/build"] = (
        "#!/usr/bin/env python3\nimport os\nos.system('docker build -t team/base-jupyter-lab -f base/lab/Dockerfile .')\n"
    )
    found = {(f.code, f.severity) for f in lint_repo(files) if f.path == "lab/Dockerfile"}
    assert ("HUB101", "error") in found


def test_files_in_bin_that_are_no_shell_scripts_are_listed_as_not_read(tmp_path, monkeypatch):
    import hublint
    from hublint.workspace.run import Request, run

    tree(
        tmp_path,
        {
            "bin/README": "hello\n",
            "bin/helper": "#!/usr/bin/env python3\nprint(1)\n",
            "bin/build": "#!/usr/local/bin/bash\ndocker build -t team/base base\n",
            "base/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
        },
    )
    (tmp_path / "bin" / "blob").write_bytes(b"x\0y")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    report = run(Request(["."], {}))
    reasons = {e.path: e.reason for e in report.entries}
    assert reasons["bin/README"].startswith("not read: no shell script") and "not read" in reasons["bin/helper"]
    assert reasons["bin/build"] == "read for the deployment"  # /usr/local/bin/bash is a shell too
    # named on the command line (pre-commit passes every file of bin/), a binary is listed, never a HUB001
    assert [f.code for f in hublint.lint_paths(["bin/blob"], use_config=False)] == []


def test_a_public_image_is_one_hublint_knows_by_its_registry_not_by_a_suffix_any_registry_shares():
    from hublint.dockerfile.imageref import parse_ref
    from hublint.image.knowledge import published_name

    assert published_name(parse_ref("quay.io/jupyter/scipy-notebook:2025-01-06"))
    assert not published_name(parse_ref("ghcr.io/org/ubuntu:1"))  # `*/ubuntu` is a family, not a published name


def test_a_build_command_in_the_dockerfiles_own_comment_is_its_authors_build():
    """`# docker build -t team/base .` at the top of a Dockerfile says under which name its author builds it: the
    images FROM that name are built on it (a base built here, not an unknown one)."""
    from conftest import lint_repo

    base = "# docker build -t team/base .\nFROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install x\n"
    lab = (
        "# docker build -t team/lab -f Dockerfile.lab .\nFROM team/base\n"
        'RUN pip install --no-cache-dir jupyterlab==4.3.4\nCMD ["jupyterhub-singleuser"]\n'
    )
    found = {(f.path, f.code, f.severity) for f in lint_repo({"base/Dockerfile": base, "lab/Dockerfile.lab": lab})}
    assert ("lab/Dockerfile.lab", "HUB101", "info") in found  # "this repository builds it"
    assert not any(code == "HUB107" for _, code, _ in found)
    # a comment that builds another file, or names no valid image, is no build of this one
    other = "# docker build -t team/base -f other/Dockerfile .\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
    found = {(f.path, f.code, f.severity) for f in lint_repo({"base/Dockerfile": other, "lab/Dockerfile.lab": lab})}
    assert ("lab/Dockerfile.lab", "HUB101", "error") in found
    placeholder = base.replace("team/base", "team/base:<some_tag>")  # (in a folder not named as the base)
    found = {(f.path, f.code) for f in lint_repo({"b/Dockerfile": placeholder, "lab/Dockerfile.lab": lab})}
    assert ("lab/Dockerfile.lab", "HUB107") in found


def test_a_bake_file_in_a_subfolder_resolves_paths_from_where_bake_runs(tmp_path):
    """bake resolves `context` and `dockerfile` from the folder it runs in: `docker/docker-bake.hcl` naming
    `docker/Dockerfile` is run from the repository's root, so its named context `docker-image://…` applies."""
    from conftest import lint_in

    bake = (
        'target "lab" {\n  dockerfile = "docker/Dockerfile"\n  tags = ["team/lab:1"]\n'
        '  contexts = {\n    base_image = "docker-image://quay.io/jupyter/base-notebook:2025-01-06"\n  }\n}\n'
    )
    user = (
        "FROM base_image\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\nUSER 1000\n"
        'CMD ["jupyterhub-singleuser"]\n'
    )
    files = {"docker/docker-bake.hcl": bake, "docker/Dockerfile": user}
    found = lint_in(tmp_path, files)
    assert [f.code for f in found if f.code in ("HUB101", "HUB107")] == []
    files["docker/docker-bake.hcl"] = bake.replace('"docker/Dockerfile"', '"missing/Dockerfile"')
    found = lint_in(tmp_path, files)
    assert "HUB101" in [f.code for f in found]  # no target builds it: an untagged bare name


def test_an_image_pushed_by_digest_then_tagged_is_built_under_that_tag(tmp_path):
    """build-push-action's `outputs: type=image,name=NAME,push-by-digest=true` pushes NAME at a computed tag; a
    later `docker buildx imagetools create -t NAME:latest` gives it `latest`; `docker tag` in a script does the
    same for the build it names, and nothing for another image."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Dockerfile").write_text("FROM python:3.12\n")
    flow = (
        "env:\n  IMAGE: ghcr.io/team/lab\njobs:\n  build:\n    steps:\n"
        "      - uses: docker/build-push-action@v6\n        with:\n          context: images/\n"
        "          outputs: type=image,name=${{ env.IMAGE }},push-by-digest=true,push=true\n"
        '  merge:\n    steps:\n      - run: |\n          docker buildx imagetools create -t "${IMAGE}:latest" \\\n'
        '            "${IMAGE}@sha256:0123"\n'
    )
    path = str(tmp_path / ".github" / "workflows" / "build.yml")
    (build,), _ = read_workflow(path, flow)
    from hublint.deployment.imagenames import COMPUTED

    assert build.names == (f"ghcr.io/team/lab:{COMPUTED}", "ghcr.io/team/lab:latest")
    script = "docker build -t team/lab:1 images\ndocker tag team/lab:1 team/lab:stable\ndocker tag other:1 team/x:2\n"
    (build,), _ = read_build_commands(str(tmp_path / "build.sh"), script, lambda p: None)
    assert build.names == ("team/lab:1", "team/lab:stable")
    computed = "docker build -t team/lab:1 images\nfor src in $(ls); do docker tag $src team/$src:2; done\n"
    (build,), _ = read_build_commands(str(tmp_path / "build.sh"), computed, lambda p: None)
    assert build.names == ("team/lab:1",)  # a computed source names no build


def test_a_build_of_one_computed_folder_builds_each_folder_beside_the_script(tmp_path):
    """`docker build -f "./${IMAGE}/Dockerfile" "./${IMAGE}"` with IMAGE a parameter builds every folder beside the
    script that holds that Dockerfile (its build arguments passed to each); a folder without one is no build, and a
    computed folder outside the script's own is not listed."""
    for name in ("base", "full"):
        (tmp_path / "images" / name).mkdir(parents=True)
        (tmp_path / "images" / name / "Dockerfile").write_text("FROM python:3.12\n")
    (tmp_path / "images" / "docs").mkdir()
    script = (
        'IMAGE="$1"\ndocker build --build-arg tag_name="$TAG" --tag "team/lab:${IMAGE}" '
        '--file "./${IMAGE}/Dockerfile" "./${IMAGE}"\n'
    )
    builds, _ = read_build_commands(str(tmp_path / "images" / "build.sh"), script, lambda p: None)
    assert sorted(os.path.relpath(b.dockerfile, tmp_path) for b in builds) == [
        "images/base/Dockerfile",
        "images/full/Dockerfile",
    ]
    assert all("tag_name" in b.args for b in builds)
    outside = script.replace('"./${IMAGE}/Dockerfile" "./${IMAGE}"', '"../${IMAGE}/Dockerfile" "../${IMAGE}"')
    assert read_build_commands(str(tmp_path / "images" / "build.sh"), outside, lambda p: None)[0] == []
    (tmp_path / "images" / "notes.json").write_text("{}\n")
    computed_file = 'docker build --file "images/${DOCKERFILE}" images\n'  # a computed file name: no folder to list
    builds, _ = read_build_commands(str(tmp_path / "build.sh"), computed_file, lambda p: None)
    assert all(not b.dockerfile.endswith("notes.json") for b in builds)


def test_a_gitlab_job_that_tags_its_build_again(tmp_path):
    """`docker tag` in a GitLab CI job gives the build it names that tag, as in a script."""
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "Dockerfile").write_text("FROM python:3.12\n")
    ci = (
        'build:\n  script:\n    - docker build -t "team/base:${CI_COMMIT_SHA}" base\n'
        '    - docker tag "team/base:${CI_COMMIT_SHA}" team/base:latest\n'
    )
    (build,), _ = read_gitlab_ci(str(tmp_path / ".gitlab-ci.yml"), ci, lambda p: None)
    assert "team/base:latest" in build.names


def test_a_computed_folder_built_under_a_name_written_out_is_one_image(tmp_path):
    """`docker build -t team/lab:1.0 "./$1"`: one image under that name, not every folder's; hidden folders are never
    builds of the collection."""
    for name in ("hub", "lab", ".devcontainer"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text("FROM python:3.12\n")
    builds, _ = read_build_commands(str(tmp_path / "build.sh"), 'docker build -t team/lab:1.0 "./$1"\n', lambda p: None)
    assert builds == []  # which folder it builds is not known: no Dockerfile is built as team/lab:1.0
    builds, _ = read_build_commands(str(tmp_path / "build.sh"), 'docker build -t "team/$1:1" "./$1"\n', lambda p: None)
    assert sorted(os.path.basename(os.path.dirname(b.dockerfile)) for b in builds) == ["hub", "lab"]


def test_a_reusable_workflow_builds_with_the_inputs_of_each_call(tmp_path, run_cli, monkeypatch):
    """`uses: ./.github/workflows/build.yml` with `with: image: lab` (also over the calling job's matrix): the
    reusable workflow's `${{ inputs.image }}` is each call's; a workflow the repository does not call keeps its
    inputs computed."""
    reusable = (
        "on:\n  workflow_call:\n    inputs:\n      image:\n        type: string\n      registry:\n"
        "        type: string\n        default: ghcr.io/team\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: docker/build-push-action@v6\n        with:\n"
        "          context: ./${{ inputs.image }}\n          tags: ${{ inputs.registry }}/${{ inputs.image }}:1\n"
    )
    caller = (
        "on: push\njobs:\n  lab:\n    uses: ./.github/workflows/build.yml\n    with:\n      image: lab\n"
        "  many:\n    strategy:\n      matrix:\n        image: [gpu, hub]\n"
        "    uses: ./.github/workflows/build.yml\n    with:\n      image: ${{ matrix.image }}\n"
    )
    user = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    files = {
        ".github/workflows/build.yml": reusable,
        ".github/workflows/ci.yml": caller,
        "lab/Dockerfile": user,
        "gpu/Dockerfile": "FROM ghcr.io/team/lab:1\n",
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--no-cache", "--show-deployment", ".")
    for folder in ("lab", "gpu", "hub"):
        assert f"{folder}/Dockerfile -> ghcr.io/team/{folder}:1" in out, out
    _, out, _ = run_cli("--no-cache", "--show-roles", ".")
    assert "a single-user image built here (lab/Dockerfile)" in out  # gpu is built on the lab image
