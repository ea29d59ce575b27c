import os
import pathlib
import sys

import pytest

# the run cache stays out of the tests (tests/test_cache.py turns it on where it is the subject)
os.environ["HUBLINT_NO_CACHE"] = "1"

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("HUBLINT_SHARED", ROOT.parent / "shared"))
FIXTURES = ROOT / "fixtures"


def shared_dir(*parts: str) -> pathlib.Path:
    """A folder of ../shared, or skip: a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (it exists only next to the hublint developers' checkout)")
    return path


def lint(text: str, **options):
    """Rule tests judge a single-user image by construction (``role`` defaults to singleuser; the role tests
    pass ``role="auto"``)."""
    import hublint

    options.setdefault("role", "singleuser")
    return hublint.lint_text(text, **options)


def codes(text: str, **options):
    return [(f.code, f.line) for f in lint(text, **options)]


def lint_in(folder, files, *paths, **settings):
    """Write ``files`` (path -> text) into ``folder`` — a repository (``.git`` added) that keeps what earlier calls
    wrote, for tests that change it step by step — and lint ``paths`` (default ``.``) from it, as
    :func:`lint_repo` does."""
    import contextlib

    import hublint

    (folder / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    with contextlib.chdir(folder):
        return hublint.lint_paths(list(paths or ["."]), use_config=False, **settings)


def lint_repo(files: dict[str, str], code: str | None = None, role: str | None = None, **settings):
    """The one rule-test helper for image and deployment rules alike (hadolint's ``ruleCatches``, yamllint's
    ``RuleTestCase``): a file map in, findings out.

    ``files``: path -> text of a repository written from scratch (a ``.git`` folder is added, so nothing around
    it is read); it is linted at its root as ``hublint .`` is, through the same pipeline, with ``settings``
    (config keys in snake_case) and no configuration file.  ``code``: keep only that rule's findings;
    ``role``: the role of every Dockerfile (as the configuration's ``roles`` would give it)."""
    import contextlib
    import tempfile

    import hublint

    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / ".git").mkdir()
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        if role is not None:
            settings["roles"] = {"**": role}
        with contextlib.chdir(root):
            found = hublint.lint_paths(["."], use_config=False, **settings)
    return [f for f in found if code is None or f.code == code]


def alone_and_spawned(dockerfile: str, code: str) -> tuple[list, list]:
    """``(severity, confidence)`` of ``code``'s findings on ``lab/Dockerfile`` alone in a repository (single-user by
    setting), and ``(path, severity)`` of them once a DockerSpawner configuration spawns it by the name a build
    script gives it (`team/lab:1`): for the rules whose premise is that a Hub starts the image."""
    alone = lint_repo({"lab/Dockerfile": dockerfile}, code, role="singleuser")
    config = 'c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "team/lab:1"\n'
    spawned = {"lab/Dockerfile": dockerfile, "jupyterhub_config.py": config,
               "build.sh": "#!/bin/sh\ndocker build -t team/lab:1 lab\n"}
    return [(f.severity, f.confidence) for f in alone], [(f.path, f.severity) for f in lint_repo(spawned, code)]


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process: returns (exit status, stdout, stderr)."""
    from hublint.cli import main

    def run(*args, stdin: bytes | None = None, monkeypatch=None):
        import io

        if stdin is not None:
            old = sys.stdin
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        try:
            status = main(list(args))
        finally:
            if stdin is not None:
                sys.stdin = old
        cap = capsys.readouterr()
        return status, cap.out, cap.err

    return run
