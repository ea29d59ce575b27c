"""The spawner's behaviour applies to its images (issue 29, classes 4 and 9): who decides the container's user,
which deployment a Hub configuration belongs to, and third-party spawners' image settings."""

import pytest
from conftest import lint_repo

from hublint.deployment.chartvalues import read_z2jh_values
from hublint.deployment.hubconfig import read_python_config

ROOT_IMAGE = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\nUSER root\nRUN apt-get update\n"
NO_USER = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n" \
          'CMD ["jupyterhub-singleuser"]\n'
BUILD = "build:\n\tdocker build -t example.org/team/lab:1 lab\n"


def _config(*lines):
    return "c = get_config()\n" + "".join(line + "\n" for line in lines)


def _codes(files, *codes):
    return sorted((f.path, f.code, f.line) for f in lint_repo(files) if f.code in codes)


# --------------------------------------------------------------------------- who runs the container


@pytest.mark.parametrize(
    "setting",
    [
        'c.JupyterHub.spawner_class = "dockerspawner.SystemUserSpawner"',
        'c.JupyterHub.spawner_class = "docker-system-user"',
        'c.DockerSpawner.extra_create_kwargs = {"user": "1000:100"}',
        'c.DockerSpawner.extra_create_kwargs = {"user": "root"}',
        'c.DockerSpawner.extra_create_kwargs.update({"user": "1000"})',
        'c.DockerSpawner.extra_create_kwargs.update(user="1000")',
        'c.DockerSpawner.extra_create_kwargs["user"] = "1000"',
        'c.DockerSpawner.extra_create_kwargs = {"user": os.environ["NB_UID"]}',
        "c.KubeSpawner.uid = 1000",
        "c.KubeSpawner.uid = 0",
    ],
)
def test_a_spawner_that_sets_the_user_turns_hub301_and_hub302_off_for_its_spawn_images(setting):
    config = _config("import os", 'c.DockerSpawner.image = "example.org/team/lab:1"', setting)
    assert _codes({"jupyterhub_config.py": config, "Makefile": BUILD, "lab/Dockerfile": ROOT_IMAGE}, "HUB301") == []
    assert _codes({"jupyterhub_config.py": config, "Makefile": BUILD, "lab/Dockerfile": NO_USER}, "HUB302") == []


@pytest.mark.parametrize(
    "setting",
    [
        'c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"',
        'c.DockerSpawner.extra_create_kwargs = {"command": "start-singleuser.sh"}',
        'c.DockerSpawner.extra_create_kwargs = {"user": None}',
        "c.DockerSpawner.extra_create_kwargs = make_kwargs()",  # unknown: not known to set the user
        "c.KubeSpawner.uid = None",
        'c.Authenticator.extra_create_kwargs = {"user": "1000"}',  # not a spawner's setting
    ],
)
def test_the_image_keeps_its_user_when_the_spawner_does_not_set_one(setting):
    config = _config('c.DockerSpawner.image = "example.org/team/lab:1"', setting)
    files = {"jupyterhub_config.py": config, "Makefile": BUILD, "lab/Dockerfile": ROOT_IMAGE}
    assert _codes(files, "HUB301") == [("lab/Dockerfile", "HUB301", 2)]


def test_only_the_images_a_configuration_spawns_by_name_are_exempt():
    """An image of the repository the configuration does not spawn (a debug variant built under another name)
    still runs as its own USER wherever it is started."""
    config = _config('c.DockerSpawner.image = "example.org/team/lab:1"', 'c.DockerSpawner.extra_create_kwargs = {"user": "root"}')
    files = {
        "jupyterhub_config.py": config,
        "Makefile": BUILD + "\tdocker build -t example.org/team/debug:1 debug\n",
        "lab/Dockerfile": ROOT_IMAGE,
        "debug/Dockerfile": ROOT_IMAGE,
    }
    assert _codes(files, "HUB301") == [("debug/Dockerfile", "HUB301", 2)]


def test_z2jh_runs_the_pod_as_uid_1000_unless_singleuser_uid_is_null():
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1'\n"
    files = {"values.yaml": values, "Makefile": BUILD, "lab/Dockerfile": ROOT_IMAGE}
    assert _codes(files, "HUB301") == []
    files["values.yaml"] = values + "  uid: 2000\n"
    assert _codes(files, "HUB301") == []
    files["values.yaml"] = values + "  uid: null\n"
    assert _codes(files, "HUB301") == [("lab/Dockerfile", "HUB301", 2)]


def test_a_test_deployment_does_not_decide_the_uid_images_run_as():
    """An image no deployment spawns by name runs under the uid every deployment sets; a deployment in a test
    folder (an e2e run on kind with `uid: null`) tests the real one and does not count — unless it is the only one."""
    named = NAMED_USER.replace("FROM python:3.12.8-slim", "FROM python:3.12.8-slim AS lab")
    prod = "singleuser:\n  uid: 0\n  image:\n    name: example.org/team/other\n    tag: '1'\n"
    kind = "singleuser:\n  uid: null\n"
    files = {"deploy/values.yaml": prod, "tests/e2e/values-kind.yaml": kind, "images/lab/Dockerfile": named}
    assert _codes(files, "HUB303") == []
    del files["deploy/values.yaml"]
    assert _codes(files, "HUB303") == [("images/lab/Dockerfile", "HUB303", 4)]


def test_show_deployment_names_who_runs_the_container(tmp_path, monkeypatch, run_cli):
    import json

    (tmp_path / ".git").mkdir()
    (tmp_path / "jupyterhub_config.py").write_text(
        _config('c.JupyterHub.spawner_class = "dockerspawner.SystemUserSpawner"', 'c.SystemUserSpawner.image = "x/lab:1"')
    )
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--no-config", "--show-deployment", ".")
    assert "  container user: the user's own uid (SystemUserSpawner) (jupyterhub_config.py:2)\n" in out
    status, out, _ = run_cli("--no-config", "--show-deployment", "--format", "json", ".")
    assert json.loads(out)["deployment"][0]["container_user"] == [
        {"user": "the user's own uid (SystemUserSpawner)", "where": "jupyterhub_config.py:2"}
    ]


# --------------------------------------------------------------------------- a configuration's deployment


NAMED_USER = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n" \
             'RUN useradd -m -u 1000 student\nUSER student\nCMD ["jupyterhub-singleuser"]\n'
DOCKER = _config('c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"', 'c.DockerSpawner.image = "x/nb:1"')


@pytest.mark.parametrize(
    "compose",
    [
        "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n"
        "    volumes:\n      - ./hub/jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py\n",
        "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n    volumes:\n      - ./hub:/srv/jupyterhub\n",
        "services:\n  hub:\n    build: hub\n    command: jupyterhub\n",
    ],
)
def test_a_configuration_applies_to_the_compose_deployment_that_mounts_or_builds_it(compose):
    files = {
        "docker-compose.yml": compose,
        "hub/jupyterhub_config.py": DOCKER,
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\n",
        "notebook/Dockerfile": NAMED_USER,
        "elsewhere/jupyterhub_config.py": _config('c.KubeSpawner.image = "y/z:1"'),  # a second deployment
    }
    assert _codes(files, "HUB303") == []


def test_a_configuration_in_a_folder_no_deployment_runs_applies_to_its_folder_only():
    """A configuration alone applies to its own folder — to the folder above when its folder is named for the Hub
    image (`hub/` beside `notebook/`: one part of the deployment there)."""
    files = {
        "docker-hub-setup/jupyterhub_config.py": DOCKER,
        "other/jupyterhub_config.py": _config('c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"'),
        "notebook/Dockerfile": NAMED_USER,
    }
    assert _codes(files, "HUB303") == [("notebook/Dockerfile", "HUB303", 4)]
    files["hub/jupyterhub_config.py"] = files.pop("docker-hub-setup/jupyterhub_config.py")
    assert _codes(files, "HUB303") == []  # the DockerSpawner deployment of the repository's root: no Kubernetes


def test_the_repositorys_only_deployment_applies_everywhere_in_it():
    files = {"hub/jupyterhub_config.py": DOCKER, "notebook/Dockerfile": NAMED_USER}
    assert _codes(files, "HUB303") == []
    no_cmd = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\nUSER 1000\n"
    values = "singleuser:\n  image:\n    name: example.org/team/ds\n    tag: '1'\n"
    assert _codes({"deploy/config.yaml": values, "image/Dockerfile": no_cmd}, "HUB401") == []
    assert _codes({"image/Dockerfile": no_cmd}, "HUB401") == [("image/Dockerfile", "HUB401", 1)]


# --------------------------------------------------------------------------- reading the settings


def test_dict_traits_are_read_through_update_and_item_assignment():
    cfg = read_python_config(
        _config(
            'c.DockerSpawner.extra_create_kwargs = {"command": "x"}',
            'c.DockerSpawner.extra_create_kwargs.update({"user": "root"}, runtime="nvidia")',
            'c.DockerSpawner.extra_host_config["network_mode"] = "hub"',
            "c.DockerSpawner.volumes.update(make())",  # not a literal mapping: nothing read
            'c.DockerSpawner.allowed_images.update({"GPU": "example.org/gpu:1"})',
            'other.update({"user": "x"})',
            'c.DockerSpawner.environment = get_env()',
            'c.DockerSpawner.environment["X"] = "1"',  # the trait is unknown: stays unknown
        )
    )
    kwargs = cfg.get("DockerSpawner", "extra_create_kwargs")[0].plain()
    assert kwargs == {"command": "x", "user": "root", "runtime": "nvidia"}
    assert cfg.get("DockerSpawner", "extra_host_config")[0].plain() == {"network_mode": "hub"}
    assert "volumes" not in {t for _, t in cfg.traits}
    assert [(i.ref, i.where) for i in cfg.images] == [("example.org/gpu:1", "DockerSpawner.allowed_images['GPU']")]
    assert not isinstance(cfg.get("DockerSpawner", "environment")[0].value, dict)


def test_swarm_spawner_images_and_args():
    cfg = read_python_config(
        _config(
            'c.JupyterHub.spawner_class = "cassinyspawner.SwarmSpawner"',
            'c.SwarmSpawner.container_spec = {"Image": "jupyter/base-notebook:2023-10-20",',
            '    "args": ["/usr/local/bin/start-singleuser.sh"]}',
            "c.SwarmSpawner.dockerimages = [",
            '    {"name": "Course", "image": "example.org/team/course:latest"},',
            '    {"name": "no image"},',
            '    "not a mapping",',
            "]",
        )
    )
    assert [(i.ref, i.where, i.span[:2]) for i in cfg.images] == [
        ("jupyter/base-notebook:2023-10-20", "SwarmSpawner.container_spec['Image']", (3, 43)),
        ("example.org/team/course:latest", "SwarmSpawner.dockerimages[0]['image']", (6, 33)),
    ]
    assert cfg.spawner_cmd_declared()
    assert cfg.spawner_cmd().plain() == ["/usr/local/bin/start-singleuser.sh"]
    lower = read_python_config(_config('c.SwarmSpawner.container_spec = {"image": "x/y:1"}'))
    assert [i.where for i in lower.images] == ["SwarmSpawner.container_spec['image']"]
    assert not lower.spawner_cmd_declared() and lower.spawner_cmd() is None


def test_swarm_images_in_z2jh_hub_config_and_not_outside_a_spawner():
    cfg = read_z2jh_values("hub:\n  config:\n    SwarmSpawner:\n      dockerimages:\n        - image: a/b:1\n")
    assert [i.ref for i in cfg.images] == ["a/b:1"]
    cfg = read_python_config(_config('c.Something.container_spec = {"Image": "a/b:1"}'))
    assert cfg.images == []


def test_swarm_spawn_images_are_judged_and_link_to_their_dockerfile():
    config = _config(
        'c.JupyterHub.spawner_class = "cassinyspawner.SwarmSpawner"',
        'c.SwarmSpawner.dockerimages = [{"name": "lab", "image": "example.org/team/lab:1"}]',
        'c.SwarmSpawner.container_spec = {"args": ["start-singleuser.sh"]}',
    )
    no_cmd = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\nRUN pip install nbgitpuller\n"
    files = {"jupyterhub_config.py": config, "Makefile": BUILD, "lab/Dockerfile": no_cmd}
    found = lint_repo(files)
    assert not [f for f in found if f.code in ("HUB401", "HUB402", "HUB303")]


def test_a_compose_file_beside_the_configuration_folder_gives_the_scope():
    compose = ("services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n    volumes:\n"
               "      - ../config/jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py\n")
    files = {
        "deploy/docker-compose.yml": compose,
        "config/jupyterhub_config.py": DOCKER,
        "deploy/notebook/Dockerfile": NAMED_USER,
        "other/jupyterhub_config.py": _config('c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"'),
        "other/notebook/Dockerfile": NAMED_USER,
    }
    assert _codes(files, "HUB303") == [("other/notebook/Dockerfile", "HUB303", 4)]


def test_hostile_dict_updates_are_ignored():
    cfg = read_python_config(
        _config(
            "c.DockerSpawner.extra_create_kwargs.update()",
            "c.DockerSpawner.extra_create_kwargs.update(*args)",
            "c.DockerSpawner.extra_create_kwargs.update(**kw)",
            "c.DockerSpawner.extra_create_kwargs[0] = 1",
            'c.DockerSpawner.extra_create_kwargs["a"]["b"] = 1',
            'c.update({"user": 1})',
            "x.update({})",
            'c.DockerSpawner.extra_create_kwargs[1:2] = "x"',
        )
    )
    assert cfg.get("DockerSpawner", "extra_create_kwargs")[0].plain() == {}


@pytest.mark.parametrize("text", [
    "from dockerspawner import DockerSpawner\nc.JupyterHub.spawner_class = DockerSpawner\n",
    "from dockerspawner import DockerSpawner as DS\nc.JupyterHub.spawner_class = DS\n",
    "import dockerspawner\nc.JupyterHub.spawner_class = dockerspawner.DockerSpawner\n",
    "import dockerspawner as ds\nc.JupyterHub.spawner_class = ds.DockerSpawner\n",
])
def test_a_class_trait_set_to_an_imported_class_is_its_import_string(text):
    cfg = read_python_config(text)
    assert cfg.traits[("JupyterHub", "spawner_class")][0].value == "dockerspawner.DockerSpawner"


def test_a_name_bound_again_after_its_import_is_not_the_import():
    cfg = read_python_config("from x import Spawner\nSpawner = pick()\nc.JupyterHub.spawner_class = Spawner\n")
    assert cfg.traits[("JupyterHub", "spawner_class")][0].value != "x.Spawner"
    cfg = read_python_config("from x import value\nc.Spawner.cmd = value\n")  # not a class trait: a value
    assert cfg.traits[("Spawner", "cmd")][0].value != "x.value"


def test_root_on_a_base_hublint_does_not_know_is_weak_unless_the_image_sets_its_own_entrypoint():
    dockerfile = ("FROM example.org/team/base:1.2\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
                  'USER root\n{}CMD ["jupyterhub-singleuser"]\n')
    [hit] = lint_repo({"Dockerfile": dockerfile.format("")}, code="HUB301")
    assert (hit.severity, hit.confidence) == ("info", "weak") and "unknown base" in hit.message
    [hit] = lint_repo({"Dockerfile": dockerfile.format('ENTRYPOINT ["tini", "--"]\n')}, code="HUB301")
    assert hit.severity == "error"


def test_an_import_after_a_binding_is_the_name_and_an_attribute_of_a_class_is_not_a_class():
    text = "DockerSpawner = None\nfrom dockerspawner import DockerSpawner\nc.JupyterHub.spawner_class = DockerSpawner\n"
    assert read_python_config(text).traits[("JupyterHub", "spawner_class")][0].value == "dockerspawner.DockerSpawner"
    text = "from dockerspawner import DockerSpawner\nc.JupyterHub.spawner_class = DockerSpawner.__name__\n"
    assert read_python_config(text).traits[("JupyterHub", "spawner_class")][0].value != (
        "dockerspawner.DockerSpawner.__name__"
    )


def test_root_on_a_base_whose_tag_is_a_build_argument_is_weak_too():
    dockerfile = ("ARG TAG\nFROM example.org/team/base:${TAG}\nRUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
                  'USER root\nCMD ["jupyterhub-singleuser"]\n')
    [hit] = lint_repo({"Dockerfile": dockerfile}, code="HUB301", role="singleuser")
    assert (hit.severity, hit.confidence) == ("info", "weak")


def test_an_image_built_under_no_name_may_be_any_image_the_values_spawn():
    """z2jh values spawn `example.org/team/gpu:1.0`, and `lab/Dockerfile` is built under no name the repository
    shows: it may be that image, so the chart's `singleuser.uid` (1000) may decide its user — a weak premise (an
    info); built under another name, the deployment around it still runs pods as uid 1000 (an info), unless that
    uid is 0."""
    from conftest import lint_repo

    values = "singleuser:\n  image:\n    name: example.org/team/gpu\n    tag: '1.0'\n"
    lab = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip install jupyterhub jupyterlab\n"
    found = [(f.severity, f.confidence) for f in lint_repo({"config.yaml": values, "lab/Dockerfile": lab}, "HUB302")]
    assert found == [("info", "weak")]
    named = {"config.yaml": values, "lab/Dockerfile": lab, "build.sh": "#!/bin/sh\ndocker build -t example.org/team/cpu:1 lab\n"}
    # not spawned by name, but the only deployment around it runs its pods as uid 1000: still a weak root premise
    (found,) = lint_repo(named, "HUB302")
    assert found.severity == "info" and "its deployment runs pods as uid 1000" in found.message
    named["config.yaml"] = values + "  uid: 0\n"
    assert [f.severity for f in lint_repo(named, "HUB302")] == ["warning"]  # pods run as root there
    public = values.replace("example.org/team/gpu", "quay.io/jupyter/base-notebook").replace("'1.0'", "2025-01-06")
    (found,) = lint_repo({"config.yaml": public, "lab/Dockerfile": lab}, "HUB302")  # not one of its images either
    assert found.severity == "info" and "its deployment runs pods as uid 1000" in found.message


def test_extra_create_kwargs_command_is_the_spawner_command():
    """DockerSpawner `extra_create_kwargs["command"]` is the container's command (Docker runs it instead of the
    spawner's `cmd` and the image's CMD; a string is split as a shell does): HUB401 does not judge the image's CMD."""
    from conftest import lint_repo

    lab = "FROM python:3.12-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.3.0' 'jupyterlab==4.4.5'\nUSER 1000\n"
    config = ('import os\nc = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "team/lab:1"\n'
              'cmd = os.environ.get("SPAWN_CMD", "jupyterhub-singleuser --port 8889")\n'
              'c.DockerSpawner.extra_create_kwargs.update({"command": cmd})\n')
    files = {"lab/Dockerfile": lab, "jupyterhub_config.py": config, "build.sh": "#!/bin/sh\ndocker build -t team/lab:1 lab\n"}
    assert lint_repo(files, "HUB401") == []
    without = {**files, "jupyterhub_config.py": config.rsplit("cmd = ", 1)[0]}
    assert [f.code for f in lint_repo(without, "HUB401")] == ["HUB401"]


def test_z2jh_values_that_name_no_image_keep_their_uid_for_the_image_beside_them():
    """Values that name no single-user image leave it to the deploy (`--set singleuser.image.name=…`): the chart's
    `singleuser.uid` (1000) still decides the user of the image beside them — an info, not a warning — unless the
    values set the uid to 0, or the values are no z2jh values at all."""
    from conftest import lint_repo

    values = "singleuser:\n  defaultUrl: /lab\n  storage:\n    capacity: 10Gi\n"
    lab = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip install jupyterhub jupyterlab\n"
    (found,) = lint_repo({"config.yaml": values, "Dockerfile": lab}, "HUB302")
    assert (found.severity, found.confidence) == ("info", "weak") and "uid 1000" in found.message
    (found,) = lint_repo({"config.yaml": values + "  uid: 0\n", "Dockerfile": lab}, "HUB302")
    assert found.severity == "warning"  # pods run as root there
    kube = "hub:\n  config:\n    KubeSpawner:\n      uid: 0\n" + values  # set after the chart's singleuser.uid
    (found,) = lint_repo({"config.yaml": kube, "Dockerfile": lab}, "HUB302")
    assert found.severity == "warning"
    (found,) = lint_repo({"Dockerfile": lab}, "HUB302")
    assert found.severity == "warning"  # no deployment in view
