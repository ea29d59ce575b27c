import pytest
from conftest import codes, lint

from hublint.lint.fixes import apply_fixes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(("line", "fixed"), [
    ('CMD ["start-notebook.py"] # start', 'CMD ["start-notebook.py"]'),
    ("CMD ['jupyterhub-singleuser', '--debug']", 'CMD ["jupyterhub-singleuser", "--debug"]'),
    ('ENTRYPOINT ["tini", "-g", "--", "start.sh"] # keep start.sh', 'ENTRYPOINT ["tini", "-g", "--", "start.sh"]'),
    ('CMD ["start-notebook.py"] && echo done', 'CMD ["start-notebook.py"]'),
])
def test_fires_with_a_safe_fix(line, fixed):
    tail = 'CMD ["start-notebook.py"]\n' if line.startswith("ENTRYPOINT") else ""
    found = [f for f in lint(f"{BASE}{line}\n{tail}") if f.code == "HUB410"]
    (f,) = found
    assert f.severity == "error" and f.line == 2
    assert "is not a JSON array" in f.message and "`/bin/sh -c`" in f.message
    assert f.fix.applicability == "safe"
    text, count = apply_fixes(f"{BASE}{line}\n{tail}", [f.fix])
    assert count == 1 and text == f"{BASE}{fixed}\n{tail}"
    assert codes(text) == []  # the fixed file is clean


def test_invalid_json_without_a_fix():
    (f,) = [f for f in lint(f'{BASE}CMD ["start-notebook.py",]\n') if f.code == "HUB410"]
    assert f.fix is None and "invalid JSON" in f.message
    (f,) = [f for f in lint(f"{BASE}CMD ['say \"hi\"']\n") if f.code == "HUB410"]
    assert f.fix is None  # a double quote inside: no mechanical rewrite


def test_the_other_cmd_rules_stay_silent():
    """Not HUB403 (shell form) nor HUB407 ("runs `[start-notebook.py]`"): the array is the problem."""
    assert [c for c, _ in codes(f'{BASE}CMD ["start-notebook.py"] # start\n')] == ["HUB410"]
    assert [c for c, _ in codes(f'{BASE}ENTRYPOINT ["tini", "--"] # x\nCMD ["start-notebook.py"]\n')] == ["HUB410"]


@pytest.mark.parametrize("line", ['CMD [ -f /srv/ready ] && exec start-notebook.py', 'CMD ["start-notebook.py"]',
                                  "CMD start-notebook.py"])
def test_silent(line):
    assert "HUB410" not in [c for c, _ in codes(f"{BASE}{line}\n")]


def test_only_the_final_cmd():
    assert "HUB410" not in [c for c, _ in codes(f'{BASE}CMD ["x"] # old\nCMD ["start-notebook.py"]\n')]


def test_a_broken_cmd_the_spawner_replaces_is_a_weak_info():
    """The spawner's command (here a spawner class's `cmd` property) replaces the CMD: the image fails only run on
    its own; a broken ENTRYPOINT runs under any command and stays an error."""
    from conftest import lint_repo

    config = (
        "from kubespawner import KubeSpawner\nc = get_config()\n"
        "class MySpawner(KubeSpawner):\n"
        "    @property\n    def cmd(self):\n        return ['bash', '/home/jovyan/run.sh', self.user.name]\n"
        "c.JupyterHub.spawner_class = MySpawner\nc.KubeSpawner.image = 'team/lab:1'\n"
    )
    user = BASE + "CMD ['bash', '/home/jovyan/run.sh']\n"
    files = {"jupyterhub_config.py": config, "Dockerfile": user, "build.sh": "docker build -t team/lab:1 .\n"}
    (f,) = lint_repo(files, "HUB410")
    assert (f.severity, f.confidence) == ("info", "weak") and "the spawner's command replaces it" in f.message
    files["Dockerfile"] = BASE + "ENTRYPOINT ['tini', '--']\nCMD [\"start-notebook.py\"]\n"
    (f,) = lint_repo(files, "HUB410")
    assert f.severity == "error"
    files["jupyterhub_config.py"] = config.replace("    @property\n", "")  # a plain method sets no trait
    files["Dockerfile"] = user
    (f,) = lint_repo(files, "HUB410")
    assert f.severity == "error"
