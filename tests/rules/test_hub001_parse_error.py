import pytest
from conftest import codes, lint


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 1, "file with no instructions"),
    ("FROM a:1\nRUN <<EOF\nx\n", 2, "unterminated heredoc"),
    ('FROM a:1\nCMD ["a", 1]\n', 2, "strings only"),
    ("# escape=x\nFROM a:1\n", 1, "invalid escape token"),
    ("# escape=`\n# escape=\\\nFROM a:1\n", 2, "only one escape parser directive"),
    ("FROM a:1\nENV PATH\n", 2, "ENV must have two arguments"),
    ("FROM a:1\nENV A=1 B\n", 2, "can't find ="),
    ("RUN true\nFROM a:1\n", 1, "before the first FROM"),
])
def test_position_and_message(text, line, message):
    (f,) = lint(text)
    assert (f.code, f.line) == ("HUB001", line) and message in f.message


def test_only_finding_of_an_unparsable_file():
    assert codes("FROM quay.io/jupyter/base-notebook\nUSER root\nRUN <<EOF\n") == [("HUB001", 3)]


def test_can_be_ignored():
    assert codes("", ignore=["HUB001"]) == []


def test_a_dockerfile_variant_with_no_from_is_a_fragment_and_a_dockerfile_with_none_is_rejected():
    """`Dockerfile.libs` that a script appends to other Dockerfiles is never built alone: listed, not judged; a file
    named `Dockerfile` with no FROM is one Docker rejects."""
    from conftest import lint_repo

    assert lint_repo({"img/Dockerfile.libs": "RUN pip install x\nUSER 1000\n"}) == []
    assert [f.code for f in lint_repo({"img/Dockerfile": "RUN pip install x\nUSER 1000\n"})] == ["HUB001"]
