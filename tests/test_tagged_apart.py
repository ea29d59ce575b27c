"""One repository name can hold several images told apart by a word of their tags (`team/x:hub-4.0.2`,
`team/x:singleuser-4.0.2`): the Hub's build is not the spawn image of the same name."""

import pytest
from conftest import lint_in as lint

from hublint.deployment.imagenames import tagged_apart


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("team/x:hub-4.0.2", "team/x:singleuser-4.0.2-py3.10", True),
        ("team/x:lab-4", "team/x:notebook-4", True),
        ("team/x:v1", "team/x:v2", False),  # two versions of one image
        ("team/x:dev", "team/x:2024-05-01", False),  # a date names no word: a retag, maybe
        ("team/x:latest", "team/x:hub-1", False),
        ("team/x", "team/x:hub-1", False),
        ("team/x:py3.11-\uffff", "team/x:singleuser-py3.11", False),
        ("team/x:nair_v0.0.16", "team/x:sage_v0.2.1", True),  # a version's `v` is no shared word
        ("team/x:nair_v0.0.16", "team/x:nair_v0.0.17", False),
    ],
)
def test_tags_that_name_different_words_are_different_images(a, b, apart):
    assert tagged_apart(a, b) is apart


def test_the_hubs_build_is_not_the_spawn_image_of_its_name(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n    image: team/x:hub-5.2.1\n"
                              "    command: jupyterhub\n",
        "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install dockerspawner\n",
        "jupyterhub_config.py": "c.DockerSpawner.image = 'team/x:singleuser-5.2.1'\n",
    }
    lint(tmp_path, files)
    assert _roles(tmp_path)["hub/Dockerfile"] == "hub"


def _roles(folder):
    import contextlib
    import json
    import subprocess
    import sys

    with contextlib.chdir(folder):
        out = subprocess.run([sys.executable, "-m", "hublint", "--no-cache", "--format", "json", "."],
                             capture_output=True, text=True).stdout
    return {f["path"]: f.get("role") for f in json.loads(out)["files"]}
