import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("cmd", ['["jupyter", "lab"]', '["jupyter", "notebook", "--ip=0.0.0.0"]', '["bash"]',
                                 '["start.sh", "jupyter", "lab"]', '["python3", "-m", "http.server"]',
                                 '["voila", "app.ipynb"]', '["sh", "-c", "cd /work && jupyter lab"]',
                                 '["su", "jovyan", "-c", "cd ~ && jupyter lab"]'])
def test_fires(cmd):
    assert ("HUB402", 2) in codes(f"{BASE}CMD {cmd}\n")


@pytest.mark.parametrize("cmd", ['["jupyterhub-singleuser"]', '["start-notebook.py", "--NotebookApp.x=1"]',
                                 '["start-singleuser.sh"]', '["python", "-m", "jupyterhub.singleuser"]',
                                 '["jupyter", "labhub"]', '["jupyter-labhub"]', '["start.sh", "jupyterhub-singleuser"]',
                                 '["tini", "-g", "--", "jupyterhub-singleuser"]', '["/usr/bin/env", "jupyterhub-singleuser"]',
                                 '["sh", "-c", "cd /work && exec jupyterhub-singleuser"]',
                                 "cd /home/jovyan && exec jupyterhub-singleuser --debug",
                                 '["/usr/local/bin/start-custom.sh"]', '["notebook"]',
                                 '["su", "-l", "jovyan", "-c", "exec jupyterhub-singleuser"]'])
def test_silent(cmd):
    assert "HUB402" not in [c for c, _ in codes(f"{BASE}CMD {cmd}\n")]


def test_script_from_the_build_context(tmp_path):
    text = f"{BASE}COPY start.sh /usr/local/bin/start-custom.sh\nCMD [\"start-custom.sh\"]\n"
    (tmp_path / "start.sh").write_text("#!/bin/bash\nset -e\nexec jupyter lab \"$@\"\n")
    assert ("HUB402", 3) in codes(text, context=str(tmp_path))
    (tmp_path / "start.sh").write_text("#!/bin/bash\nset -e\nexec jupyterhub-singleuser \"$@\"\n")
    assert codes(text, context=str(tmp_path)) == []
    # not in the context: not judged here, but HUB407 says so
    assert codes(text) == [("HUB407", 3)]


def test_spawner_cmd_declared():
    assert codes(f"{BASE}CMD [\"jupyter\", \"lab\"]\n", spawner_cmd=True) == []


@pytest.mark.parametrize("cmd", ['["conda", "run", "--no-capture-output", "-n", "hub", "jupyterhub-singleuser"]',
                                 '["micromamba", "run", "-n", "base", "jupyterhub-singleuser"]',
                                 '["gosu", "jovyan", "jupyterhub-singleuser"]', '["pixi", "run", "jupyterhub-singleuser"]',
                                 '["tini", "-g", "jupyterhub-singleuser"]'])
def test_run_wrappers_are_looked_through(cmd):
    assert codes(f"{BASE}CMD {cmd}\n") == []


def test_run_wrapper_around_a_plain_server():
    assert ("HUB402", 2) in codes(f"{BASE}CMD [\"conda\", \"run\", \"-n\", \"base\", \"jupyter\", \"lab\"]\n")


def test_the_spawners_use_of_the_cmd_is_a_premise():
    """Alone, an image's `CMD jupyter lab` may never run (z2jh runs its singleuser.cmd): a weak warning that says
    so; in a deployment whose DockerSpawner configuration applies to it, an error."""
    from conftest import lint_repo

    lab = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [\"jupyter\", \"lab\"]\n"
    (f,) = lint_repo({"lab/Dockerfile": lab}, "HUB402")
    assert (f.severity, f.confidence) == ("info", "weak") and "no deployment in view" in f.help
    config = 'c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "team/lab:1"\n'
    files = {"lab/Dockerfile": lab, "jupyterhub_config.py": config, "build.sh": "docker build -t team/lab:1 lab\n"}
    (f,) = lint_repo(files, "HUB402")
    assert (f.severity, f.confidence) == ("error", "certain") and "no deployment in view" not in f.help


def test_a_wrapper_that_runs_its_arguments_is_judged_by_them():
    """`CMD ["setup.sh", "start-notebook.py"]` where setup.sh ends with `exec "$@"`: the launcher runs."""
    from conftest import lint_repo

    setup = '#!/bin/bash\nset -e\ncp -r /opt/defaults ~/.config || true\nexec "$@"\n'
    lab = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY setup.sh /usr/local/bin/\nCMD [\"setup.sh\", \"{}\"]\n"
    files = {"lab/setup.sh": setup, "lab/Dockerfile": lab.format("start-notebook.py")}
    assert lint_repo(files, "HUB402") == []
    files["lab/Dockerfile"] = lab.format('jupyter", "lab')
    (f,) = lint_repo(files, "HUB402")
    assert "`jupyter lab` is a server" in f.message
    files["lab/setup.sh"] = "#!/bin/bash\ncp -r /opt/defaults ~/.config\n"  # runs nothing it is given
    files["lab/Dockerfile"] = lab.format("start-notebook.py")
    assert [f.code for f in lint_repo(files, "HUB402")] == ["HUB402"]


@pytest.mark.parametrize(("dest", "read"), [("/usr/local/bin", True), ("/usr/local/bin/", True), ("/srv/app", False)])
def test_a_script_copied_into_a_system_folder_without_a_trailing_slash(tmp_path, dest, read):
    """`COPY start.sh /usr/local/bin` puts the file inside the folder, which every base image has (Docker writes into
    a destination that exists as a folder); another destination without a slash is the file's own new name."""
    text = f"{BASE}COPY launch.sh {dest}\nCMD [\"launch.sh\"]\n"
    (tmp_path / "launch.sh").write_text("#!/bin/bash\nexec jupyter lab \"$@\"\n")
    found = [c for c, _ in codes(text, context=str(tmp_path))]
    assert ("HUB402" in found) == read


@pytest.mark.parametrize("shell", ["sh", "bash", "/bin/sh"])
def test_a_shell_running_a_start_script_is_read_as_the_script(shell):
    """`sh /usr/local/bin/start.sh jupyter lab` runs docker-stacks' start.sh as exec'ing it would: the command it
    starts is `jupyter lab`, a server that does not talk to the Hub (HUB402), not an unverifiable script (HUB407)."""
    from hublint.image.launchers import strip_wrappers

    assert strip_wrappers([shell, "/usr/local/bin/start.sh", "jupyter", "lab"]) == ["jupyter", "lab"]
    assert strip_wrappers([shell, "-c", "start.sh jupyter lab"]) == [shell, "-c", "start.sh jupyter lab"]
    found = [c for c, _ in codes(f'FROM quay.io/jupyter/scipy-notebook:2025-01-06\nCMD ["{shell}", '
                                 '"/usr/local/bin/start.sh", "jupyter", "lab"]\n')]
    assert "HUB402" in found and "HUB407" not in found
