"""Role evidence added for deployments never seen: a Hub's configuration baked into an image, a test runner's
entrypoint, a base a build computes (its Dockerfile's own default names its kind), the editor's development
container.  Each repository is written from scratch."""

import pytest
from test_roles_and_discovery import tree

from hublint.workspace.run import Request, run


def files_of(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = run(Request(["."], {}))
    return {e.path: e for e in report.entries}


def own_role(text: str):
    from hublint.settings.options import Settings
    from hublint.workspace.roles import resolve_role
    from hublint.workspace.units import analyse_target

    img, _ = analyse_target(text, "Dockerfile", Settings(), ".")
    return resolve_role(img)[0]


ONE_CONTAINER = (
    "FROM ubuntu:24.04\n"
    "RUN curl -o m.sh https://example.org/m.sh && bash m.sh -b -p /opt/conda && "
    "/opt/conda/bin/conda install -y jupyterhub jupyterlab nodejs\n"
    "RUN useradd -m alice\n"
    "WORKDIR /srv\n"
    "ADD jupyterhub_config.py .\n"
)


def test_jupyterhub_installed_with_its_configuration_is_a_hub_even_beside_the_users_server():
    """One image holding the Hub, its configuration and the local users' JupyterLab is the Hub's image."""
    role = own_role(ONE_CONTAINER)
    assert role.role == "hub"
    assert "jupyterhub_config.py" in role.reason
    # without the configuration it is an image with jupyterlab: single-user
    assert own_role(ONE_CONTAINER.replace("ADD jupyterhub_config.py .\n", "")).role == "singleuser"


def test_a_copied_hub_configuration_outweighs_a_weak_single_user_hint():
    text = "FROM registry.example.org/base:1\nENV NB_USER=jovyan\nCOPY jupyterhub_config.py /srv/jupyterhub/\n"
    assert own_role(text).role == "hub"
    assert own_role(text.replace("jupyterhub_config.py", "jupyter_server_config.py")).role == "singleuser"


@pytest.mark.parametrize(
    "entrypoint",
    ['["/app/tests/test.sh"]', '["pytest", "-x"]', '["python", "-m", "pytest"]', '["./run_tests.sh"]', "tox"],
)
def test_an_entrypoint_that_runs_tests_is_other(entrypoint):
    role = own_role(f"FROM team/jupyterhub:edge\nCOPY tests /app/tests\nENTRYPOINT {entrypoint}\n")
    assert (role.role, role.certainty) == ("other", "certain")
    assert "a test runner" in role.reason


def test_a_script_named_like_a_test_only_as_a_word_is_not_a_test_runner():
    assert own_role("FROM ubuntu:24.04\nEXPOSE 8888\nENTRYPOINT [\"/usr/local/bin/attestation.sh\"]\n").role != "other"
    assert own_role("FROM ubuntu:24.04\nEXPOSE 8888\nENTRYPOINT [\"/usr/local/bin/test-server.sh\"]\n").role != "other"
    role = own_role("FROM ubuntu:24.04\nEXPOSE 8888\nCMD [\"python\", \"run_tests.py\"]\n")
    assert (role.role, role.reason) == ("other", "CMD run_tests.py (a test runner, not a notebook server)")


DEMO = (
    "ARG BASE_IMAGE=quay.io/jupyterhub/jupyterhub\n"
    "FROM ${BASE_IMAGE}\n"
    "RUN python3 -m pip install notebook\n"
    "COPY jupyterhub_config.py /srv/jupyterhub/jupyterhub_config.py\n"
)
WORKFLOW = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: demo
          build-args: |
            BASE_IMAGE=${{ fromJson(steps.tags.outputs.tags)[0] }}
          tags: team/hub-demo:${{ github.sha }}
"""


def test_a_computed_base_is_judged_by_the_kind_its_default_names(tmp_path, monkeypatch):
    """The workflow passes a value hublint cannot know: the Dockerfile's own default (a Hub image) says which kind
    of image is meant, as good evidence, not strong."""
    tree(tmp_path, {"demo/Dockerfile": DEMO, ".github/workflows/build.yml": WORKFLOW})
    entry = files_of(tmp_path, monkeypatch)["demo/Dockerfile"]
    assert entry.role == "hub"
    assert "by default quay.io/jupyterhub/jupyterhub" in entry.reason


def test_a_default_decides_nothing_when_the_base_is_known():
    role = own_role("ARG BASE=quay.io/jupyterhub/jupyterhub:5.2.1\nFROM $BASE\nRUN pip install notebook\n")
    assert role.reason.startswith("FROM quay.io/jupyterhub/jupyterhub")
    # no default at all: nothing to weigh
    assert own_role("ARG BASE\nFROM $BASE\nRUN pip install notebook\n").role == "singleuser"


def test_the_editors_development_container_is_listed_as_other_and_not_linted(tmp_path, monkeypatch):
    tree(
        tmp_path,
        {
            ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install notebook\n",
            ".devcontainer/docker-compose.yml": "services:\n  dev:\n    build: .\n    image: team/dev:latest\n",
            ".devcontainer/nested/Dockerfile": "FROM python:3.12\n",
            ".hidden/Dockerfile": "FROM python:3.12\n",
        },
    )
    entries = files_of(tmp_path, monkeypatch)
    dev = entries[".devcontainer/Dockerfile"]
    assert (dev.role, dev.linted) == ("other", False)
    assert ".devcontainer" in dev.reason
    assert ".devcontainer/docker-compose.yml" not in entries  # only its Dockerfiles are listed
    assert ".devcontainer/nested/Dockerfile" not in entries and ".hidden/Dockerfile" not in entries


KERNEL_IMAGE = (
    "FROM python:3.11-slim\nENV NB_USER=jovyan\nRUN pip install --no-cache-dir jupyterlab ipykernel\n"
    "COPY launch_ipykernel.py /usr/local/bin/launch_ipykernel.py\nUSER 1000\n"
)


@pytest.mark.parametrize(
    "text",
    [
        KERNEL_IMAGE,
        KERNEL_IMAGE.replace("launch_ipykernel.py /usr/local/bin/launch_ipykernel.py", "launch_IRkernel.R /opt/"),
        "FROM elyra/kernel-py:3.2.3\nRUN pip install --no-cache-dir pandas\n",
        "FROM docker.io/elyra/kernel-tf-py:3.2.3\nENV NB_USER=jovyan\n",
    ],
)
def test_an_enterprise_gateway_kernel_image_is_other(text):
    """Enterprise Gateway starts a kernel in such an image, its launcher as the command: no notebook server."""
    role = own_role(text)
    assert role.role == "other"
    assert "Enterprise Gateway" in role.reason


def test_a_launcher_of_another_name_is_no_kernel_evidence():
    text = KERNEL_IMAGE.replace("launch_ipykernel.py /usr/local/bin/launch_ipykernel.py", "my_launch_ipykernel.py.bak /tmp/")
    assert own_role(text).role == "singleuser"


@pytest.mark.parametrize(
    ("base", "role"),
    [
        ("team/geo-jupyter-base:0.5.0", "singleuser"),
        ("registry.example.org/lab/notebook:2", "singleuser"),
        ("org/jupyterlab-gpu:1", "singleuser"),
        ("org/jupyterhub-base:1", "other"),  # the Hub's name, not a server's
        ("org/jupyter-kernel-gateway:1", "other"),
        ("org/notebooks-archive:1", "other"),  # a word of the name, not a part of one
        ("org/jupyterish:1", "other"),
    ],
)
def test_a_base_named_for_jupyter_is_weak_single_user_evidence(base, role):
    got = own_role(f"FROM {base}\nRUN mamba env update -f /environment.yml\n")
    assert got.role == role
    if role == "singleuser":
        assert got.certainty == "weak" and "a Jupyter image by its name" in got.reason


@pytest.mark.parametrize(
    "run",
    [
        "RUN pip install --no-cache-dir nbgitpuller\n",
        "RUN conda install -y -c conda-forge nbgrader\n",
        "RUN jupyter serverextension enable --py nbgitpuller --sys-prefix\n",
        "RUN jupyter nbextension enable --py widgetsnbextension\n",
    ],
)
def test_an_extension_of_the_notebook_server_is_weak_single_user_evidence(run):
    """An image that installs or enables notebook-server extensions (nbgitpuller, nbgrader…) on a base hublint does
    not know is most likely a single-user image: weak evidence, alone no more than `weak`."""
    role = own_role(f"FROM team/course-env:1.3\n{run}")
    assert (role.role, role.certainty) == ("singleuser", "weak")
    assert "an extension of the notebook server" in role.reason
    assert own_role("FROM team/course-env:1.3\nRUN pip install --no-cache-dir pandas\n").role == "other"


STANDALONE = (
    "FROM python:3.11-slim\nRUN pip install --no-cache-dir jupyter git+https://github.com/example/plotting.git\n"
    "ENV NB_USER=jovyan\nUSER 1000\nEXPOSE 8888\nENTRYPOINT [\"jupyter-notebook\", \"--ip=0.0.0.0\"]\n"
)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (STANDALONE, "other"),
        (STANDALONE.replace("jupyter git+", "jupyter jupyterhub git+"), "singleuser"),  # a Hub can start it
        (STANDALONE.replace("ENTRYPOINT", "CMD"), "singleuser"),  # a CMD the spawner's command replaces
        (STANDALONE.replace("git+https://github.com/example/plotting.git", "-r requirements.txt"), "singleuser"),
        (STANDALONE.replace("python:3.11-slim", "team/unknown:1"), "singleuser"),  # its base may have jupyterhub
    ],
)
def test_a_server_as_the_entrypoint_of_an_image_without_jupyterhub_is_standalone(text, role):
    assert own_role(text).role == role


def test_a_standalone_notebook_a_configuration_spawns_is_single_user(tmp_path, monkeypatch):
    """The deployment's say beats the Dockerfile's: spawned by name, it is single-user, and its ENTRYPOINT swallows
    the spawner's command."""
    from conftest import lint_in

    files = {"Dockerfile": STANDALONE, "build.sh": "docker build -t team/lab:1 .\n",
             "jupyterhub_config.py": "c = get_config()\nc.DockerSpawner.image = 'team/lab:1'\n"}
    found = lint_in(tmp_path, files)
    assert ("HUB405", "error") in [(f.code, f.severity) for f in found]


@pytest.mark.parametrize(
    ("cmd", "role"),
    [
        ("CMD tail -f /dev/null", "other"),
        ('CMD ["sleep", "infinity"]', "other"),
        ('CMD ["tail", "-n", "5", "/var/log/app.log"]', "singleuser"),  # not a keep-alive: the install decides
        ('CMD ["sleep", "30"]', "singleuser"),
        ('CMD ["sh", "-c", "sleep infinity"]', "other"),
    ],
)
def test_a_command_that_only_keeps_the_container_up_is_no_server(cmd, role):
    text = f"FROM python:3.10\nRUN pip install --no-cache-dir ipykernel fastapi\n{cmd}\n"
    assert own_role(text).role == role


def test_a_single_user_base_outweighs_a_keep_alive_command():
    """`CMD sleep infinity` on docker-stacks is a single-user image with a wrong CMD (HUB402 says so), not a service."""
    assert own_role("FROM quay.io/jupyter/base-notebook:2024-12-02\nCMD [\"sleep\", \"infinity\"]\n").role == "singleuser"


def test_a_test_stage_of_no_instructions_is_the_image_it_names():
    """`FROM release AS testing` as the last stage runs nothing: the image is `release`'s (a Hub image here); a
    test stage that runs something stays `other`."""
    from test_role_certainty import lint

    hub = (
        "FROM quay.io/jupyterhub/k8s-hub:4.0.0 AS release\nCOPY jupyterhub_config.py /usr/local/etc/jupyterhub/\n"
        "\nFROM release AS testing\n"
    )
    files = {"hub/Dockerfile": hub, "hub/jupyterhub_config.py": "c.JupyterHub.log_level = 'DEBUG'\n"}
    roles, _ = lint(files)
    assert roles["hub/Dockerfile"][0] == "hub"  # judged as the Hub image it is
    files["hub/Dockerfile"] = hub + "RUN python -m pytest /srv/tests\n"
    roles, _ = lint(files)
    assert roles["hub/Dockerfile"][0] == "other"  # a test stage
    tests = hub.replace("FROM release AS testing\n", "FROM release AS test-env\nRUN pip install pytest\nFROM test-env AS test\n")
    roles, _ = lint({**files, "hub/Dockerfile": tests})
    assert roles["hub/Dockerfile"][0] == "other"  # the stage it names is a test stage


def test_the_base_of_a_hub_image_built_here_is_not_a_single_user_image():
    """`hub/Dockerfile` is built FROM the repository's own `team/core`, which installs notebook: the Hub's base,
    `other`; a base that a single-user image built here is also built on, or that starts a launcher itself, keeps
    its single-user role."""
    from test_role_certainty import lint

    core = "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3-pip && pip3 install notebook==6.5.4\n"
    hub = "FROM team/core\nRUN pip3 install jupyterhub==4.1.5\nCOPY jupyterhub_config.py /srv/\nCMD [\"jupyterhub\"]\n"
    files = {
        "core/Dockerfile": core,
        "hub/Dockerfile": hub,
        "hub/jupyterhub_config.py": "c.JupyterHub.spawner_class = 'jupyterhub.spawner.LocalProcessSpawner'\n",
        "build.sh": "docker build -t team/core core\ndocker build -t team/hub hub\n",
    }
    roles, found = lint(files)
    assert roles["core/Dockerfile"][0] == "other" and roles["hub/Dockerfile"][0] == "hub"
    assert not any(path == "core/Dockerfile" for path, _ in found)
    launcher = {**files, "core/Dockerfile": core + 'CMD ["jupyterhub-singleuser"]\n'}
    roles, _ = lint(launcher)
    assert roles["core/Dockerfile"][0] == "singleuser"
