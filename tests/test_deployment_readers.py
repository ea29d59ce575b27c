"""The deployment readers (hublint/deployment/): compose, .env and interpolation, charts, chartpress, build
scripts, z2jh values at any wrapper depth, jupyterhub_config.py environment lookups — all static."""

import time

import pytest
from conftest import lint_in

from hublint.deployment.buildscripts import read_build_commands
from hublint.deployment.charts import read_chart, read_chartpress, read_helmfile
from hublint.deployment.compose import is_compose_name, read_compose
from hublint.deployment.dotenv import Str, env_values, interpolate, read_env
from hublint.deployment.chartvalues import read_z2jh_values
from hublint.deployment.hubconfig import UNKNOWN_VALUE, ConfigReadError, read_python_config
from hublint.deployment.yamlnodes import MAX_VISITS, load


def s(value):
    return Str(value, "docker-compose.yml", (1, 1, 1, 1 + len(value or "")))


# --------------------------------------------------------------------------- YAML
def test_yaml_values_keep_positions_and_types():
    root = load("a:\n  b: [1, 'x', null, yes, 2024-01-02]\n")
    b = root.value["a"].value["b"]
    assert [v.value for v in b.value] == [1, "x", None, True, "2024-01-02"]  # dates stay as written, as in Helm
    assert b.value[1].span == (2, 10, 2, 13)


def test_yaml_merge_keys_apply_without_overriding():
    root = load("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n")
    assert {k: v.value for k, v in root.value["use"].value.items()} == {"x": 1, "y": 3}


def test_yaml_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(ConfigReadError) as exc:
        load("services:\n  a: {}\n  a: {}\n")
    assert exc.value.line == 3 and "written twice" in exc.value.message


def test_yaml_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.process_time()  # CPU time: on a shared machine the wall clock also counts the waiting
    with pytest.raises(ConfigReadError, match="alias"):
        load("\n".join(lines) + "\n")
    assert time.process_time() - start < 5
    assert MAX_VISITS <= 1_000_000


def test_yaml_not_yaml_is_an_error_with_a_position():
    with pytest.raises(ConfigReadError) as exc:
        load("services:\n  hub: [\n")
    assert exc.value.line >= 2 and exc.value.message.startswith("not valid YAML")


def test_only_the_first_document_is_read():
    assert load("a: 1\n---\nb: 2\n").value.keys() == {"a"}


# --------------------------------------------------------------------------- .env and interpolation
def test_env_file_format():
    text = ("# comment\nexport A=1\nB='two ${A}'\nC=\"three ${A}\\n\"\nD=four # comment\nE=five#not\nBARE\n"
            "F=\n  G = spaced\n")
    entries = {e.name: e for e in read_env(text)}
    assert entries["BARE"].value is None
    values = env_values(".env", text)
    assert values["A"].value == "1"
    assert values["B"].value == "two ${A}"  # single quotes: literal
    assert values["C"].value == "three 1\n"
    assert values["D"].value == "four" and values["E"].value == "five#not"
    assert values["F"].value == "" and values["G"].value == "spaced"
    assert values["D"].span == (5, 3, 5, 7)


@pytest.mark.parametrize(("raw", "expected"), [
    ("${X}", "x"), ("$X", "x"), ("${X:-d}", "x"), ("${U:-d}", "d"), ("${U-d}", "d"), ("${E:-d}", "d"),
    ("${E-d}", ""), ("${X:+alt}", "alt"), ("${U:+alt}", ""), ("$$X", "$X"), ("a-${X}-b", "a-x-b"),
    ("${U:-${X}}", "x"), ("${U:-${V:-z}}", "z"), ("${U}", None), ("${U:?must be set}", None), ("${X?e}", "x"),
    ("${", None),
])
def test_compose_interpolation(raw, expected):
    env = {"X": s("x"), "E": s("")}
    assert interpolate(s(raw), env).value == expected


def test_a_whole_reference_points_at_where_the_value_is_written():
    env = env_values(".env", "# x\nIMAGE=quay.io/jupyter/base-notebook:2025-01-06\n")
    got = interpolate(Str("${IMAGE}", "docker-compose.yml", (9, 7, 9, 15)), env)
    assert (got.path, got.span[0], got.via) == (".env", 2, ("docker-compose.yml:9",))


# --------------------------------------------------------------------------- compose
def test_compose_names():
    assert all(is_compose_name(n) for n in ("docker-compose.yml", "compose.yaml", "docker-compose.prod.yml",
                                            "docker-compose-cliff.yml", "compose.override.yaml"))
    assert not any(is_compose_name(n) for n in ("values.yaml", "my-compose.yml", "compose.json"))


def test_compose_services(tmp_path):
    (tmp_path / ".env").write_text("TAG=5.2.1\nNB=quay.io/jupyter/base-notebook:2025-01-06\n")
    (tmp_path / "hub.env").write_text("FROM_FILE=1\nOVERRIDDEN=file\n")
    text = """services:
  hub:
    build:
      context: ./hub
      dockerfile: Dockerfile.hub
      args:
        JUPYTERHUB_VERSION: ${TAG}
      target: final
    env_file: [hub.env]
    environment:
      - DOCKER_NOTEBOOK_IMAGE=${NB}
      - OVERRIDDEN=environment
      - FROM_SHELL
    command: jupyterhub -f "/srv/jupyterhub config.py"
    volumes: ["./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py:ro"]
  lab:
    build: ./lab
    image: lab:${TAG}
"""
    path = str(tmp_path / "docker-compose.yml")
    compose = read_compose(path, text, lambda p: open(p).read() if __import__("os").path.isfile(p) else None)
    hub, lab = compose.services["hub"], compose.services["lab"]
    assert hub.build.dockerfile == str(tmp_path / "hub" / "Dockerfile.hub") and hub.build.target == "final"
    assert hub.build.args["JUPYTERHUB_VERSION"].value == "5.2.1"
    assert hub.environment["DOCKER_NOTEBOOK_IMAGE"].value == "quay.io/jupyter/base-notebook:2025-01-06"
    assert hub.environment["DOCKER_NOTEBOOK_IMAGE"].path.endswith(".env")  # where the text is written
    assert hub.environment["OVERRIDDEN"].value == "environment" and hub.environment["FROM_FILE"].value == "1"
    assert hub.environment["FROM_SHELL"].value is None
    assert hub.command == ["jupyterhub", "-f", "/srv/jupyterhub config.py"]
    assert lab.build.dockerfile == str(tmp_path / "lab" / "Dockerfile") and lab.image.value == "lab:5.2.1"


def test_list_environment_points_at_the_value(tmp_path):
    text = "services:\n  hub:\n    environment:\n      - IMG=quay.io/x/y:1\n      - 'Q=quoted:1'\n"
    compose = read_compose(str(tmp_path / "compose.yaml"), text, lambda p: None)
    env = compose.services["hub"].environment
    assert env["IMG"].span == (4, 13, 4, 26) and env["Q"].span == (5, 12, 5, 20)


def test_not_a_compose_file(tmp_path):
    assert read_compose(str(tmp_path / "compose.yaml"), "name: x\n", lambda p: None) is None


# --------------------------------------------------------------------------- charts and chartpress
def test_chart_dependencies_and_app_version():
    wrapper = read_chart("c/Chart.yaml", "apiVersion: v2\nname: ourhub\nversion: 0.1.0\ndependencies:\n"
                                         "  - name: jupyterhub\n    version: 4.2.0\n    repository: https://x\n")
    assert wrapper.jupyterhub_dependency().version.value == "4.2.0"
    assert wrapper.jupyterhub_dependency().version.span[0] == 6
    chart = read_chart("jupyterhub/Chart.yaml", "name: jupyterhub\nversion: 1.0.0\nappVersion: \"5.5.0\"\n")
    assert chart.app_version.value == "5.5.0" and chart.jupyterhub_dependency() is None
    old = read_chart("hub/requirements.yaml", "dependencies:\n - name: jupyterhub\n   version: 3.3.8\n")
    assert old.jupyterhub_dependency().version.value == "3.3.8"


def test_helmfile_releases():
    chart = read_helmfile("helmfile.yaml", "releases:\n  - name: hub\n    chart: jupyterhub/jupyterhub\n"
                                           "    version: 4.3.2\n")
    assert chart.jupyterhub_dependency().version.value == "4.3.2"


def test_chartpress_defaults_and_values_paths():
    images = read_chartpress("/r/chartpress.yaml", """charts:
  - name: jupyterhub
    imagePrefix: quay.io/jupyterhub/k8s-
    images:
      hub:
        valuesPath: hub.image
      hub-slim:
        contextPath: images/hub
        extraBuildCommandOptions: [--target=slim-stage]
      singleuser-sample:
        valuesPath: [singleuser.image]
      tool:
        imageName: ghcr.io/example/tool
        dockerfilePath: tools/Dockerfile.tool
""")
    by = {i.name: i for i in images}
    assert by["hub"].dockerfile == "/r/images/hub/Dockerfile" and by["hub"].values_paths == ("hub.image",)
    assert by["hub-slim"].target == "slim-stage" and by["hub-slim"].context == "/r/images/hub"
    assert by["singleuser-sample"].image == "quay.io/jupyterhub/k8s-singleuser-sample"
    assert by["tool"].image == "ghcr.io/example/tool" and by["tool"].dockerfile == "/r/tools/Dockerfile.tool"


# --------------------------------------------------------------------------- build scripts
def test_docker_build_lines_of_a_makefile(tmp_path):
    (tmp_path / ".env").write_text("LOCAL_NOTEBOOK_IMAGE=team/user-image\n")
    text = """include .env
BASE := team/base
all:
\tdocker build -t $(BASE) -f Dockerfile.base .
\tdocker build --tag=$(LOCAL_NOTEBOOK_IMAGE) \\
\t\t--build-arg X=1 singleuser
\t# docker build -t team/old -f Dockerfile.old .
\tdocker buildx build -t team/t --target lab -f ./images/Dockerfile images && echo done
\tdocker build -t $(UNSET) .
"""
    cmds, _ = read_build_commands(str(tmp_path / "Makefile"), text, lambda p: open(p).read())
    got = [(c.names, c.dockerfile.replace(str(tmp_path), "."), c.target) for c in cmds]
    assert got == [(("team/base",), "./Dockerfile.base", None),
                   (("team/user-image",), "./singleuser/Dockerfile", None),
                   (("team/old",), "./Dockerfile.old", None),
                   (("team/t",), "./images/Dockerfile", "lab"),
                   (("\uffff",), "./Dockerfile", None)]  # an unassigned variable: a computed name, the build kept


# --------------------------------------------------------------------------- z2jh values
@pytest.mark.parametrize("prefix", ["", "jupyterhub.", "basehub.jupyterhub.", "daskhub.basehub.jupyterhub."])
def test_values_at_any_wrapper_depth(prefix):
    indent = ""
    text = ""
    for part in prefix.rstrip(".").split(".") if prefix else []:
        text += f"{indent}{part}:\n"
        indent += "  "
    text += f"{indent}singleuser:\n{indent}  image:\n{indent}    name: quay.io/x/y\n{indent}    tag: latest\n"
    cfg = read_z2jh_values(text)
    assert cfg is not None and cfg.prefix == prefix
    (image,) = cfg.images
    assert image.ref == "quay.io/x/y:latest" and image.where == f"{prefix}singleuser.image.tag"


def test_yaml_that_is_not_chart_values():
    assert read_z2jh_values("jobs:\n  build:\n    runs-on: ubuntu-latest\n") is None
    assert read_z2jh_values("hub: 3\nsingleuser: yes\n") is None  # keys, but not the chart's sections


# --------------------------------------------------------------------------- jupyterhub_config.py
def test_config_environment_lookups_read_the_deployment():
    text = """import os
from os import environ
c = get_config()
c.DockerSpawner.image = os.environ["NB_IMAGE"]
c.DockerSpawner.allowed_images = {"a": environ.get("OTHER", "quay.io/x/a:1"), "b": os.getenv("B", "b:1")}
c.Spawner.default_url = "/%s" % "lab"
c.DockerSpawner.notebook_dir = "/home/{}/work".format("jovyan")
"""
    env = {"NB_IMAGE": Str("quay.io/jupyter/base-notebook:2025-01-06", ".env", (3, 10, 3, 50))}
    cfg = read_python_config(text, env)
    images = {i.where: i for i in cfg.images}
    assert images["DockerSpawner.image"].ref == "quay.io/jupyter/base-notebook:2025-01-06"
    assert images["DockerSpawner.image"].origin.path == ".env"
    assert images["DockerSpawner.allowed_images['a']"].ref == "quay.io/x/a:1"
    assert cfg.get("Spawner", "default_url")[0].value == "/lab"
    assert cfg.get("DockerSpawner", "notebook_dir")[0].value == "/home/jovyan/work"
    assert cfg.env_names == {"NB_IMAGE", "OTHER", "B"}
    assert read_python_config(text).get("DockerSpawner", "image")[0].value.__class__.__name__ == "_Unknown"


def test_format_with_attribute_access_stays_unknown():
    cfg = read_python_config('c = get_config()\nc.Spawner.default_url = "{0.x}".format("a")\n')
    assert cfg.get("Spawner", "default_url")[0].value.__class__.__name__ == "_Unknown"


def test_a_values_file_keeps_the_last_of_a_key_written_twice_as_helm_does(tmp_path):
    """Helm reads values with last-wins (helm/helm#4107): a duplicate key in a values file is not a parse error,
    and the value that counts is the last one; compose files still reject it, as Docker Compose does."""
    from hublint.deployment.chartvalues import read_z2jh_values

    text = "singleuser:\n  image:\n    name: example.org/lab\n    tag: '1.0'\n    tag: '2.0'\n"
    cfg = read_z2jh_values(text)
    assert [i.ref for i in cfg.images] == ["example.org/lab:2.0"]
    with pytest.raises(ConfigReadError):
        load(text)


_EXTRA = """hub:
  extraConfig:
    10-spawner: |
      from kubespawner import KubeSpawner
      c.KubeSpawner.allow_privilege_escalation = True
      c.Spawner.cmd = ['start.sh', 'jupyterhub-singleuser']
    20-user: |
      c.KubeSpawner.uid = 0
      c.KubeSpawner.image = "example.org/team/lab:2025.01"
singleuser:
  cmd: jupyterhub-singleuser
  uid: 1000
"""


def test_hub_extra_config_is_read_as_a_hub_configuration_that_runs_after_the_chart():
    """z2jh runs `hub.extraConfig` after its own configuration: its KubeSpawner traits replace the chart's values
    (the command, the user, privilege escalation), its images are spawn images, and positions are the file's."""
    cfg = read_z2jh_values(_EXTRA)
    assert [v.value for v in cfg.spawner_cmd().value] == ["start.sh", "jupyterhub-singleuser"]
    assert cfg.spawner_cmd().span[0] == 6
    assert (cfg.z2jh["singleuser.uid"].value, cfg.z2jh["singleuser.uid"].span[:2]) == (0, (8, 27))
    assert cfg.z2jh["singleuser.allowPrivilegeEscalation"].value is True
    (image,) = cfg.images
    assert (image.ref, image.span[0], image.where) == ("example.org/team/lab:2025.01", 9,
                                                       "hub.extraConfig.20-user: KubeSpawner.image")
    inline = read_z2jh_values('hub:\n  extraConfig: {a: "c.KubeSpawner.uid = 0"}\n')  # not a block: pinned there
    assert (inline.z2jh["singleuser.uid"].value, inline.z2jh["singleuser.uid"].span[0]) == (0, 2)
    broken = read_z2jh_values("hub:\n  extraConfig:\n    a: |\n      def (\nsingleuser:\n  uid: 1000\n")
    assert broken.z2jh["singleuser.uid"].value == 1000  # Python that does not parse sets nothing
    both = read_z2jh_values("singleuser:\n  image:\n    name: python\n    tag: '3.12'\n" + _EXTRA)
    assert [i.ref for i in both.images] == ["example.org/team/lab:2025.01"]  # it replaces singleuser.image


def test_a_spawner_class_the_configuration_defines_stands_for_its_base():
    """`class MySpawner(DockerSpawner)` then `spawner_class = MySpawner`: the spawner is a DockerSpawner (what the
    subclass changes is not read), so Kubernetes-only rules stay off for its images."""
    from conftest import lint_repo

    text = ("from dockerspawner import DockerSpawner\n\nclass MySpawner(DockerSpawner):\n    pass\n\n"
            "c = get_config()\nc.JupyterHub.spawner_class = MySpawner\nc.DockerSpawner.image = 'lab:1'\n")
    cfg = read_python_config(text)
    assert cfg.get("JupyterHub", "spawner_class")[0].value == "dockerspawner.DockerSpawner"
    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER jovyan\n"
    assert lint_repo({"jupyterhub_config.py": text, "lab/Dockerfile": image}, "HUB303") == []
    unknown = text.replace("class MySpawner(DockerSpawner)", "class MySpawner(Base)")
    assert read_python_config(unknown).get("JupyterHub", "spawner_class")[0].value != "dockerspawner.DockerSpawner"


def test_a_setting_assigned_again_at_the_top_level_names_only_its_last_image():
    """Python runs the configuration from top to bottom: an image a later top-level assignment replaces is never
    spawned; one assigned inside an `if`/`try` is a choice and stays beside the other."""
    text = (
        "import os\nc = get_config()\n"
        "c.DockerSpawner.image = os.environ['DOCKER_NOTEBOOK_IMAGE']\n"
        "c.DockerSpawner.allowed_images = ['a/one:1', 'a/two:1']\n"
        "c.DockerSpawner.image = 'team/lab:1'\n"
        "c.DockerSpawner.allowed_images = ['a/three:1']\n"
        "c.KubeSpawner.image = 'k/first:1'\n"
        "if os.environ.get('GPU'):\n    c.KubeSpawner.image = 'k/gpu:1'\n"
    )
    env = {"DOCKER_NOTEBOOK_IMAGE": Str("jupyter/base-notebook:latest", "docker-compose.yml", (35, 30, 35, 58))}
    refs = [i.ref for i in read_python_config(text, env).images]
    assert refs == ["team/lab:1", "a/three:1", "k/first:1", "k/gpu:1"]
    # `+=` adds to the value it had
    text = "c = get_config()\nc.DockerSpawner.allowed_images = ['a/one:1']\n"
    text += "c.DockerSpawner.allowed_images += ['a/two:1']\n"
    assert [i.ref for i in read_python_config(text).images] == ["a/one:1", "a/two:1"]


def test_a_top_level_assignment_replaces_the_choices_before_it_unless_hublint_cannot_read_it():
    text = (
        "import os\nc = get_config()\n"
        "if os.environ.get('GPU'):\n    c.KubeSpawner.image = 'k/gpu:1'\n"
        "c.KubeSpawner.image = 'k/final:1'\n"
    )
    assert [i.ref for i in read_python_config(text).images] == ["k/final:1"]
    # a value built from something hublint cannot read (here the setting itself) keeps what came before
    text = (
        "import os\nc = get_config()\nc.KubeSpawner.image = 'k/first:1'\n"
        "c.KubeSpawner.image = os.environ.get('IMG') or c.KubeSpawner.image\n"
    )
    assert "k/first:1" in [i.ref for i in read_python_config(text).images]


def test_a_list_or_dict_bound_to_a_name_is_followed_through_the_changes_made_to_it():
    """A configuration that builds a setting in a name before assigning it (`volumes[key] = path`,
    `.update({…})`, `.append(image)`) gives the setting what the name holds then; a change hublint does not follow
    (a key it cannot read, the name passed to a function, another method) leaves the name unknown."""
    text = (
        "c = get_config()\nvolumes = {'shared': '/home/jovyan/shared'}\n"
        "volumes['jupyterhub-user-{username}'] = '/home/jovyan/work'\n"
        "volumes.update({'data': '/data'})\n"
        "c.DockerSpawner.volumes = volumes\n"
        "images = ['team/a:1']\nimages.append('team/b:1')\nimages.extend(['team/c:1'])\n"
        "c.DockerSpawner.allowed_images = images\n"
    )
    cfg = read_python_config(text)
    assert cfg.traits[("DockerSpawner", "volumes")][0].plain() == {
        "shared": "/home/jovyan/shared", "jupyterhub-user-{username}": "/home/jovyan/work", "data": "/data"}
    assert [i.ref for i in cfg.images] == ["team/a:1", "team/b:1", "team/c:1"]
    for change in ("volumes[key] = '/home/x'", "add_volumes(volumes)", "volumes.pop('shared')",
                   "volumes['a'] += 'b'", "volumes.update(more)"):
        text = f"c = get_config()\nvolumes = {{'shared': '/home/jovyan/shared'}}\n{change}\n"
        cfg = read_python_config(text + "c.DockerSpawner.volumes = volumes\n")
        assert cfg.traits[("DockerSpawner", "volumes")][0].value is UNKNOWN_VALUE, change


def test_volumes_built_by_key_cover_the_home_they_add(tmp_path):
    config = (
        "c = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
        "c.DockerSpawner.image = 'team/user:1'\nc.DockerSpawner.notebook_dir = '/home/jovyan/work'\n"
        "volumes = {'shared': '/home/jovyan/shared'}\nvolumes['jupyterhub-user-{username}'] = '/home/jovyan/work'\n"
        "c.DockerSpawner.volumes = volumes\n"
    )
    files = {
        "jupyterhub_config.py": config,
        "Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
        "docker-compose.yml": "services:\n  hub:\n    image: jupyterhub/jupyterhub:5.2.1\n    volumes:\n"
        "      - ./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py\n"
        "  user:\n    build: .\n    image: team/user:1\n",
    }
    assert [f.code for f in lint_in(tmp_path, files)] == []
    files["jupyterhub_config.py"] = config.replace("volumes['jupyterhub-user-{username}']", "other['x']")
    assert [f.code for f in lint_in(tmp_path, files)] == ["HUB507"]


def test_a_spawner_class_the_configuration_defines_sets_its_traits_in_its_methods():
    """`self.image = …` in a DockerSpawner subclass's `__init__` (or `start`, `pre_spawn_start`: what every spawn
    runs) sets its base's trait, as a choice: read when its value is known and built from nothing the method binds
    itself."""
    text = (
        "import os\nfrom dockerspawner import DockerSpawner\nc = get_config()\n"
        "class MySpawner(DockerSpawner):\n"
        "    def __init__(self, *args, **kwargs):\n"
        "        super().__init__(*args, **kwargs)\n"
        "        self.container_image = os.environ['IMAGE']\n"
        "        self.remove = True\n"
        "    def options_from_form(self, formdata):\n"
        "        image = formdata['image'][0]\n"
        "        self.image = image\n"
        "        self.notebook_dir = f'/home/{image}'\n"
        "    def enable_lab(self):\n"  # a helper, which may not run
        "        self.default_url = '/lab'\n"
        "    async def start(self):\n"
        "        self.image = 'team/gpu:1'\n"
        "        return await super().start()\n"
        "c.JupyterHub.spawner_class = MySpawner\n"
    )
    env = {"IMAGE": Str("team/lab", "docker-compose.yml", (3, 12, 3, 20))}
    cfg = read_python_config(text, env)
    assert [i.ref for i in cfg.images] == ["team/lab", "team/gpu:1"]
    assert cfg.traits[("DockerSpawner", "container_image")][1][0] == 7  # where it is set
    assert cfg.traits[("DockerSpawner", "remove")][0].value is True
    assert ("DockerSpawner", "notebook_dir") not in cfg.traits  # built from the method's own name
    assert ("DockerSpawner", "default_url") not in cfg.traits  # set by a helper only
    other = text.replace("(DockerSpawner)", "(object)")  # not a spawner: its attributes are no settings
    assert read_python_config(other, env).images == []


def test_a_spawner_hook_sets_the_traits_it_sets_on_the_spawner():
    """A function the configuration assigns to a hook every spawn calls with the spawner first (`pre_spawn_hook`,
    `options_form`, `modify_pod_hook`, `auth_state_hook`) sets the traits it sets on that spawner in its own body,
    as choices (z2jh's `hub.extraConfig` often sets the profiles there); a function assigned to anything else, or
    never assigned, sets nothing; a setting in a block, or built from the function's own names, is not read."""
    text = (
        "c = get_config()\n"
        "async def form(self):\n"
        "    state = await self.user.get_auth_state()\n"
        "    self.profile_list = [{'display_name': 'GPU', 'kubespawner_override': {'image': 'team/gpu'}}]\n"
        "    if state:\n        self.image = 'team/admin:1'\n"
        "    self.default_url = f'/user/{state}'\n"
        "    return self._options_form_default()\n"
        "def unused(spawner):\n    spawner.image = 'team/never:1'\n"
        "c.KubeSpawner.options_form = form\n"
        "c.KubeSpawner.start_timeout = unused\n"
    )
    cfg = read_python_config(text, {})
    assert [i.ref for i in cfg.images] == ["team/gpu"]
    assert cfg.traits[("KubeSpawner", "profile_list")][1][0] == 4  # where it is set
    assert ("KubeSpawner", "default_url") not in cfg.traits and ("KubeSpawner", "image") not in cfg.traits
    hook = "c = get_config()\ndef hook(spawner):\n    spawner.image = 'team/lab:2'\nc.Spawner.pre_spawn_hook = hook\n"
    assert [i.ref for i in read_python_config(hook, {}).images] == ["team/lab:2"]
    rebound = hook.replace("c.Spawner", "hook = '<select></select>'\nc.Spawner")  # the name is a string now
    assert read_python_config(rebound, {}).images == []


def test_an_if_on_known_strings_runs_only_its_branch():
    """An `if` whose test hublint can decide on known strings (`not`, `==`, `!=`, `.startswith`/`.endswith` of a
    string or a tuple) runs only the branch that holds: a name it assigns keeps the value that runs; any other test
    may go either way, and both branches are read, as before."""
    text = (
        "c = get_config()\n"
        "proxy = 'registry.example.org/'\n"
        "if not proxy.endswith('/'):\n    proxy = f'{proxy}/'\n"
        "c.DockerSpawner.image = f'{proxy}quay.io/jupyter/base-notebook:2025-01-06'\n"
        "flavour = 'gpu'\n"
        "if flavour == 'cpu':\n    c.DockerSpawner.cmd = ['start-cpu.sh']\n"
        "elif flavour.startswith(('g', 'x')):\n    c.DockerSpawner.default_url = '/lab'\n"
        "else:\n    c.DockerSpawner.notebook_dir = '/srv'\n"
    )
    cfg = read_python_config(text, {})
    assert [i.ref for i in cfg.images] == ["registry.example.org/quay.io/jupyter/base-notebook:2025-01-06"]
    assert ("DockerSpawner", "cmd") not in cfg.traits and ("DockerSpawner", "notebook_dir") not in cfg.traits
    assert cfg.traits[("DockerSpawner", "default_url")][0].value == "/lab"
    unknown = text.replace("flavour = 'gpu'", "import os\nflavour = os.environ['FLAVOUR']")
    cfg = read_python_config(unknown, {})  # not known: every branch is read
    assert {("DockerSpawner", "cmd"), ("DockerSpawner", "notebook_dir")} <= set(cfg.traits)


def test_a_name_assigned_in_a_block_that_may_not_run_is_one_value_or_the_other():
    """A name an undecided `if` (or a loop) assigns again holds its old value or the new one: unknown — never the
    new one as if the block surely ran (`registry.example.org//…` was reported as no image reference)."""
    text = (
        "import os\nc = get_config()\n"
        "proxy = os.environ.get('PROXY') or 'registry.example.org/'\n"
        "if not proxy.endswith('/'):\n    proxy = f'{proxy}/'\n"
        "c.DockerSpawner.image = f'{proxy}quay.io/jupyter/base-notebook:2025-01-06'\n"
        "name = 'team/lab:1'\nfor flavour in ('a', 'b'):\n    name = 'team/lab:1'\n"
        "c.DockerSpawner.allowed_images = {'lab': name}\n"
    )
    from hublint.deployment.values import UNKNOWN_VALUE

    cfg = read_python_config(text, {})
    assert [i.ref for i in cfg.images] == [UNKNOWN_VALUE, "team/lab:1"]  # the same value either way: kept


def test_a_spawner_class_sets_the_traits_its_body_defines():
    """A class attribute (`image = "…"`) or a property (`@property def cmd(self)`) of a spawner class sets its base's
    trait for every spawn once `spawner_class` names it; a property built from `self` sets it to an unknown value."""
    text = (
        "from kubespawner import KubeSpawner\nc = get_config()\n"
        "class MySpawner(KubeSpawner):\n"
        "    image = 'team/lab:2'\n"
        "    @property\n    def cmd(self):\n        return ['bash', '/srv/run.sh', self.user.name]\n"
        "    @property\n    def default_url(self):\n        return '/lab'\n"
        "    def uid(self):\n        return 1000\n"
    )
    cfg = read_python_config(text + "c.JupyterHub.spawner_class = MySpawner\n")
    assert [i.ref for i in cfg.images] == ["team/lab:2"]
    assert cfg.traits[("KubeSpawner", "cmd")][0].value is UNKNOWN_VALUE and cfg.spawner_cmd_declared()
    assert cfg.traits[("KubeSpawner", "default_url")][0].value == "/lab"
    assert ("KubeSpawner", "uid") not in cfg.traits  # a plain method is no trait
    assert read_python_config(text).traits.get(("KubeSpawner", "cmd")) is None  # never the spawner_class


def test_changes_to_a_name_follow_python_and_stop_at_a_bound():
    """A setting assigned from a name is the same object as the name (a later change changes it); a dict passed to
    a setting's `.update` is read, not changed; unknown keys added later do not replace earlier ones; `del`, a
    second name and a call that is not known to only read its argument make it unknown; `print(c)` hands nothing
    on; a spawner class sets its traits only once `spawner_class` names it."""
    def volumes(text):
        cfg = read_python_config("import os\nc = get_config()\n" + text)
        return cfg.traits[("DockerSpawner", "volumes")][0]

    got = volumes("v = {'a': '/home/jovyan'}\nc.DockerSpawner.volumes = v\nv['b'] = '/srv'\n")
    assert got.plain() == {"a": "/home/jovyan", "b": "/srv"}
    got = volumes("v = {'a': '/x'}\nc.DockerSpawner.volumes = v\nc.DockerSpawner.volumes = {}\nv['b'] = '/y'\n")
    assert got.plain() == {}  # assigned again: no longer the name's object
    images = read_python_config("c = get_config()\nv = ['t/a:1']\nc.DockerSpawner.allowed_images = v\n"
                                "c.DockerSpawner.allowed_images = ['t/b:1']\nv.append('t/c:1')\n").images
    assert [i.ref for i in images] == ["t/b:1"]
    got = volumes("h = {'u': '/home/jovyan'}\nc.DockerSpawner.volumes = {'s': '/srv'}\nc.DockerSpawner.volumes.update(h)\n")
    assert got.plain() == {"s": "/srv", "u": "/home/jovyan"}
    got = volumes("v = {os.environ['A']: '/home/jovyan'}\nv.update({os.environ['B']: '/srv'})\nc.DockerSpawner.volumes = v\n")
    assert sorted(got.plain().values()) == ["/home/jovyan", "/srv"]
    for change in ("del v['a']", "w = v", "print(add(v))", "ok = add(v)"):
        assert volumes(f"v = {{'a': '/home/jovyan'}}\n{change}\nc.DockerSpawner.volumes = v\n").value is UNKNOWN_VALUE
    assert volumes("v = {'a': '/home/jovyan'}\nprint(v, len(v))\nc.DockerSpawner.volumes = v\n").plain() == {
        "a": "/home/jovyan"}
    assert read_python_config("c = get_config()\nprint(c)\n").delegated is None
    # zero-to-jupyterhub's own `get_config("singleuser.x")` reads a value: passing it on hands nothing on
    assert read_python_config("c = get_config()\nr = get_config('singleuser.r')\nmake(resources=r)\n").delegated is None
    assert read_python_config("c = get_config()\nmake(config=c)\n").delegated == 2
    spawner = ("from dockerspawner import DockerSpawner\nc = get_config()\nkwargs = {'x': '/home/jovyan'}\n"
               "class Old(DockerSpawner):\n    def start(self):\n        self.image = 'team/old:1'\n"
               "class Mine(DockerSpawner):\n    def __init__(self, *args, **kwargs):\n        self.volumes = kwargs\n"
               "        self.image = 'team/new:1'\n")
    assert read_python_config(spawner).images == []  # no spawner_class names them yet
    cfg = read_python_config(spawner + "c.JupyterHub.spawner_class = Mine\n")
    assert [i.ref for i in cfg.images] == ["team/new:1"] and ("DockerSpawner", "volumes") not in cfg.traits
