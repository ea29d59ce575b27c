"""Reads stay inside the build context, as Docker's: `..` cannot leave it, links that point outside are not
followed, `.dockerignore`d files are not in it, and files are capped in size.  An install from a file
hublint may not read is *unknown* (HUB201/HUB202 do not guess), never read from elsewhere."""

import os

import pytest
from conftest import lint

from hublint.image.dockerignore import Ignore

BASE = "FROM python:3.12.8-slim\n"
TAIL = 'USER 1000\nCMD ["jupyterhub-singleuser"]\n'
RUN = f"{BASE}COPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n{TAIL}"


def codes(text, context):
    return sorted({f.code for f in lint(text, context=str(context))})


def test_a_readable_requirements_file_is_read(tmp_path):
    (tmp_path / "requirements.txt").write_text("jupyterhub==5.3.0\njupyterlab==4.3.4\n")
    assert "HUB201" not in codes(RUN, tmp_path)
    (tmp_path / "requirements.txt").write_text("jupyterhub\njupyterlab==4.3.4\n")
    assert "HUB203" in codes(RUN, tmp_path)  # read: the unpinned jupyterhub is seen


def test_a_link_out_of_the_context_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "reqs.txt").write_text("jupyterhub\njupyterlab\n")
    context = tmp_path / "context"
    context.mkdir()
    os.symlink(outside / "reqs.txt", context / "requirements.txt")
    found = codes(RUN, context)
    assert "HUB203" not in found  # the outside file was not read (it would give an unpinned jupyterhub)
    assert "HUB201" not in found  # and the install is unknown, not "nothing installs jupyterhub"
    os.symlink("/etc/passwd", context / "passwd.txt")
    text = f"{BASE}COPY passwd.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt\n{TAIL}"
    assert not [f for f in lint(text, context=str(context)) if f.code == "HUB206"]  # /etc/passwd is never parsed


def test_a_link_inside_the_context_is_followed(tmp_path):
    (tmp_path / "deps").mkdir()
    (tmp_path / "deps" / "base.txt").write_text("jupyterhub\njupyterlab\n")
    os.symlink("deps/base.txt", tmp_path / "requirements.txt")
    assert "HUB203" in codes(RUN, tmp_path)


def test_dot_dot_cannot_leave_the_context(tmp_path):
    (tmp_path / "reqs.txt").write_text("jupyterhub\njupyterlab\n")
    context = tmp_path / "context"
    context.mkdir()
    text = f"{BASE}COPY ../reqs.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt\n{TAIL}"
    found = codes(text, context)
    assert "HUB203" not in found and "HUB201" not in found


def test_dockerignored_files_are_not_in_the_context(tmp_path):
    (tmp_path / "requirements.txt").write_text("jupyterhub\njupyterlab\n")
    (tmp_path / ".dockerignore").write_text("# build junk\n*.txt\n")
    found = codes(RUN, tmp_path)
    assert "HUB203" not in found and "HUB201" not in found  # unknown, as the build itself would fail to COPY
    (tmp_path / ".dockerignore").write_text("*.txt\n!requirements.txt\n")
    assert "HUB203" in codes(RUN, tmp_path)


def test_a_folder_copy_respects_the_ignore_rules(tmp_path):
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "requirements.txt").write_text("jupyterhub\njupyterlab\n")
    text = f"{BASE}COPY env/ /tmp/env/\nRUN pip install -r /tmp/env/requirements.txt\n{TAIL}"
    assert "HUB203" in codes(text, tmp_path)
    (tmp_path / ".dockerignore").write_text("env\n")  # the folder, and so everything in it
    assert "HUB203" not in codes(text, tmp_path)


def test_files_over_the_size_cap_are_not_read(tmp_path):
    from hublint.image.contextfiles import MAX_FILE_BYTES

    (tmp_path / "requirements.txt").write_text("jupyterhub\njupyterlab\n" + "# pad\n" * (MAX_FILE_BYTES // 6 + 1))
    found = codes(RUN, tmp_path)
    assert "HUB203" not in found and "HUB201" not in found


@pytest.mark.parametrize(("patterns", "path", "excluded"), [
    (["*.txt"], "a.txt", True),
    (["*.txt"], "sub/a.txt", False),  # `*` stays in its folder
    (["**/*.txt"], "sub/deep/a.txt", True),
    (["**/*.txt"], "a.txt", True),
    (["sub"], "sub/a.txt", True),  # a folder excludes its content
    (["/sub/a.txt"], "sub/a.txt", True),  # a leading slash is dropped
    (["sub/../a.txt"], "a.txt", True),  # cleaned like filepath.Clean
    (["*", "!keep"], "keep", False),
    (["*", "!keep", "keep"], "keep", True),  # the last match decides
    (["a?c"], "abc", True),
    (["a?c"], "a/c", False),
    (["[a-c].txt"], "b.txt", True),
    (["[!a].txt"], "a.txt", False),
    (["# comment", "  spaced.txt  "], "spaced.txt", True),
    (["\\#literal"], "#literal", True),
    (["docs/**"], "docs/a/b.md", True),
])
def test_dockerignore_matching(patterns, path, excluded):
    assert Ignore(patterns).matches(path) is excluded
