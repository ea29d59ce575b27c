import pytest
import json

from conftest import codes, lint, lint_repo


def docker_spawned(text, volumes=None):
    """An image in a DockerSpawner deployment whose `jupyterhub_config.py` mounts ``volumes`` (line 3)."""
    config = "c = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
    if volumes is not None:
        config += f"c.DockerSpawner.volumes = {volumes!r}\n"
    return lint_repo({"jupyterhub_config.py": config, "image/Dockerfile": text}, "HUB504")


BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(
    "copy",
    [
        "COPY cfg.py /home/jovyan/.jupyter/",
        "ADD notebooks/ /home/jovyan/work",
        "COPY --chown=1000:100 cfg.json ~/.jupyter/x.json",
        "COPY notebooks/ notebooks/",
        "COPY x ${HOME}/x",
        "COPY --from=builder /opt/env /home/jovyan/env",
    ],
)
def test_fires(copy):
    assert ("HUB504", 2) in codes(f"{BASE}{copy}\n")


@pytest.mark.parametrize("copy", ["COPY cfg.py /etc/jupyter/", "WORKDIR /srv\nCOPY x x"])
def test_silent(copy):
    assert "HUB504" not in [c for c, _ in codes(f"{BASE}{copy}\n")]


def test_build_inputs_read_later_are_fine():
    text = f"{BASE}COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
    assert "HUB504" not in [c for c, _ in codes(text)]


def test_permissions_and_cd_are_not_a_use():
    text = f"{BASE}COPY notebooks/ /home/jovyan/work/\nRUN chmod -R a+w /home/jovyan/work && cd /home/jovyan/work\n"
    assert ("HUB504", 2) in codes(text)
    text = f"{BASE}COPY work/ /home/jovyan/work/\nRUN pip install network-tools\n"
    assert ("HUB504", 2) in codes(text)  # `work` inside another word is not a use


def test_a_file_removed_later_does_not_stay():
    """`ADD … cache-bust` then `RUN rm cache-bust`: nothing stays in the home; removing another file, or only an
    option word, does not remove the copied one."""
    add = f"{BASE}ADD https://api.github.com/repos/x/y/git/refs/heads/main cache-bust\nRUN pip install --no-cache-dir y\n"
    assert ("HUB504", 2) in codes(add)
    assert "HUB504" not in [c for c, _ in codes(add + "RUN rm cache-bust\n")]
    assert ("HUB504", 2) in codes(add + "RUN rm -f other-file\n")
    folder = f"{BASE}COPY work/ /home/jovyan/work/\nRUN rm -rf /home/jovyan/work/tmp\n"
    assert ("HUB504", 2) in codes(folder)  # one entry of the copied folder removed: the rest stays


def test_binder_images_have_no_home_volume():
    text = f"{BASE}COPY README.ipynb /home/jovyan/\n"
    assert lint_repo({"binder/Dockerfile": text}, "HUB504") == []
    assert len(lint_repo({"image/Dockerfile": text}, "HUB504")) == 1


def test_judged_against_the_deployments_mounts():
    text = f"{BASE}COPY .gitconfig /home/jovyan/.gitconfig\nCOPY nb/ /home/jovyan/work/nb/\n"
    (f,) = docker_spawned(text, {"user-{username}": "/home/jovyan/work"})
    assert f.line == 3 and f.message.endswith("where the deployment mounts a volume")
    assert "`/home/jovyan/work` (jupyterhub_config.py:3)" in f.help  # relative to the working folder (README, "Paths")
    assert docker_spawned(text) == []  # DockerSpawner mounts nothing by default
    assert [f.line for f in docker_spawned(text, {"home-{username}": "/home/{username}"})] == [2, 3]
    assert [f.line for f in lint(text) if f.code == "HUB504"] == [2, 3]  # no deployment: a home volume is assumed


def _repo(tmp_path, files):
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)


IMAGE = f"{BASE}COPY .gitconfig /home/jovyan/.gitconfig\nCOPY nb/ /home/jovyan/work/nb/\n"


def test_dockerspawner_volumes_from_the_repository(tmp_path, monkeypatch, run_cli):
    _repo(
        tmp_path,
        {
            "jupyterhub_config.py": "import os\nc = get_config()\n"
            "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
            "work = os.environ.get('NOTEBOOK_DIR') or '/home/jovyan/work'\n"
            "c.DockerSpawner.volumes = {'jupyterhub-user-{username}': work}\n",
            "singleuser/Dockerfile": IMAGE,
        },
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--format", "json", "--select", "HUB504", ".")
    found = [(f["path"], f["line"]) for f in json.loads(out)["findings"]]
    assert found == [("singleuser/Dockerfile", 3)]


def test_dockerspawner_without_volumes_mounts_nothing(tmp_path, monkeypatch, run_cli):
    _repo(
        tmp_path,
        {
            "jupyterhub_config.py": "c = get_config()\nc.JupyterHub.spawner_class = 'docker'\n",
            "singleuser/Dockerfile": IMAGE,
        },
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--format", "json", "--select", "HUB504", ".")
    assert json.loads(out)["findings"] == []


def test_z2jh_storage_none(tmp_path, monkeypatch, run_cli):
    _repo(tmp_path, {"values.yaml": "singleuser:\n  storage:\n    type: none\n", "image/Dockerfile": IMAGE})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("--format", "json", "--select", "HUB504", ".")
    assert json.loads(out)["findings"] == []


def test_kubespawner_volume_mounts_decide_what_is_hidden():
    """KubeSpawner mounts only what `volume_mounts` lists (nothing by default): files elsewhere in the home stay."""
    from conftest import lint_repo

    lab = (
        "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY settings.json /home/jovyan/.jupyter/settings.json\n"
        "COPY README.md /home/jovyan/work/README.md\n"
    )
    config = (
        'c = get_config()\nc.JupyterHub.spawner_class = "kubespawner.KubeSpawner"\n'
        'c.KubeSpawner.image = "team/lab:1"\n'
        'c.KubeSpawner.volume_mounts = [{"name": "home", "mountPath": "/home/jovyan/work"}]\n'
    )
    files = {
        "lab/Dockerfile": lab,
        "lab/settings.json": "{}",
        "lab/README.md": "hi",
        "jupyterhub_config.py": config,
        "build.sh": "docker build -t team/lab:1 lab\n",
    }
    assert [f.line for f in lint_repo(files, "HUB504")] == [3]
    default = config.replace('c.KubeSpawner.volume_mounts = [{"name": "home", "mountPath": "/home/jovyan/work"}]\n', "")
    assert lint_repo({**files, "jupyterhub_config.py": default}, "HUB504") == []


_COPY_ALL = (
    "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY . .\n"
    "RUN pip install --no-cache-dir -r requirements.txt && rm requirements.txt\n"
)


@pytest.mark.parametrize(
    ("context", "reported"),
    [
        # .dockerignore keeps only the requirements file, which the next RUN reads: a build input
        (
            {
                "image/.dockerignore": "Dockerfile\nnotes/\n",
                "image/requirements.txt": "x\n",
                "image/notes/a.ipynb": "{}",
            },
            False,
        ),
        # a notebook the RUN never reads lands in the home too
        ({"image/requirements.txt": "x\n", "image/intro.ipynb": "{}"}, True),
        # an empty folder (a submodule not checked out) says nothing of what the copy brings
        ({}, True),
        # a re-include below a left-out folder still brings that file: what lands is not known from the top entries
        (
            {
                "image/.dockerignore": "*\n!requirements.txt\n!notes/keep.ipynb\n",
                "image/requirements.txt": "x\n",
                "image/notes/keep.ipynb": "{}",
            },
            True,
        ),
    ],
)
def test_a_folder_copy_is_judged_by_the_entries_its_context_keeps(context, reported):
    files = {"image/Dockerfile": _COPY_ALL, **context}
    assert len(lint_repo(files, "HUB504")) == (1 if reported else 0)


def test_a_configuration_that_hands_its_settings_to_code_not_read_leaves_the_home_unknown(tmp_path):
    """`configure_spawner(c)` (a module of the repository) or `load_subconfig(…)` may set the volumes: the home
    volume is then not assumed."""
    from conftest import lint_in

    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY jupyter_server_config.py /home/jovyan/.jupyter/\n"
    compose = (
        "services:\n  hub:\n    image: jupyterhub/jupyterhub:5.2.1\n    volumes:\n"
        "      - ./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py\n"
        "  user:\n    build: user\n    image: team/user:1\n"
    )
    config = "c = get_config()\nc.DockerSpawner.image = 'team/user:1'\n"
    files = {"user/Dockerfile": image, "docker-compose.yml": compose, "jupyterhub_config.py": config}
    assert "HUB504" in [f.code for f in lint_in(tmp_path, files)]
    for hand_off in (
        "from config.spawner import configure_spawner\nconfigure_spawner(c)\n",
        "load_subconfig('/srv/jupyterhub/more_config.py')\n",
        "setup(config=c)\n",
    ):
        files["jupyterhub_config.py"] = config + hand_off
        assert "HUB504" not in [f.code for f in lint_in(tmp_path, files)], hand_off
    files["jupyterhub_config.py"] = config + "print(c.DockerSpawner.image)\nlog(c.DockerSpawner)\n"
    assert "HUB504" in [f.code for f in lint_in(tmp_path, files)]  # reading a setting hands nothing on


def test_a_named_volume_gets_the_files_once_and_a_bind_mount_hides_them():
    """Docker fills a new named volume from the image (at the user's first start, never again); a host folder
    mounted over the path hides what the image has there."""
    config = "c = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
    config += "c.DockerSpawner.image = 'team/lab:1'\nc.DockerSpawner.volumes = {{'{host}': '/home/jovyan/work'}}\n"
    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY intro.ipynb /home/jovyan/work/\n"
    files = {"image/Dockerfile": image, "Makefile": "all:\n\tdocker build -t team/lab:1 image\n"}
    (named,) = lint_repo(
        {**files, "jupyterhub_config.py": config.format(host="jupyterhub-user-{username}")}, "HUB504"
    )
    assert "gets them once, at a user's first start" in named.help
    (bind,) = lint_repo({**files, "jupyterhub_config.py": config.format(host="/srv/homes/{username}")}, "HUB504")
    assert "hides them" in bind.help


def test_a_host_path_hublint_cannot_compute_is_no_named_volume():
    config = "import os\nc = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
    config += "c.DockerSpawner.image = 'team/lab:1'\n"
    config += "c.DockerSpawner.volumes = {os.environ['DATA'] + '/{username}': '/home/jovyan/work'}\n"
    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY intro.ipynb /home/jovyan/work/\n"
    files = {"image/Dockerfile": image, "Makefile": "all:\n\tdocker build -t team/lab:1 image\n"}
    (found,) = lint_repo({**files, "jupyterhub_config.py": config}, "HUB504")
    assert "hides them" in found.help
