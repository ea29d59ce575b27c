"""The deployment as a picture: `--show-deployment --format mermaid|dot` (golden files for fixture repositories,
checked by the real tools: the mermaid package's parser under node, Graphviz's `dot -Tsvg`), the graph drawn from
the JSON (the source of truth), hostile names that must not break either syntax, and the terminal's tree.

The tools are optional: the tests that need them skip (with the reason) where they are missing; `.ci/run` installs
them where it can (`npm ci` in tests/node, Debian's graphviz).  Regenerate the golden files after a deliberate
change with HUBLINT_UPDATE_GOLDEN=1."""

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "pictures"
NODE_DIR = ROOT / "tests" / "node"
# compose, a z2jh wrapper chart built by chartpress, a Makefile chain (a base built here, an image built on it),
# a Makefile building the Hub and the image it spawns, two deployments with a Hub each
REPOS = ("compose-mismatch", "z2jh-wrapper", "c1-computed-base-branch", "c1-make-cd-build", "c5-two-deployments")
PICTURES = {"mermaid": "mmd", "dot": "dot"}


def _copy(name, tmp_path):
    repo = tmp_path / name
    shutil.copytree(FIXTURES / "repos" / name, repo, ignore=shutil.ignore_patterns("expected.txt", "roles.txt",
                                                                                 "SPEC.md"))
    (repo / ".git").mkdir()
    return repo


def _draw(run_cli, monkeypatch, repo, fmt):
    monkeypatch.chdir(repo)
    status, out, err = run_cli("--no-cache", "--no-config", "--show-deployment", "--format", fmt, ".")
    assert status == 0 and err == "", err
    return out


# --------------------------------------------------------------------------- the tools

def _mermaid_parser():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the mermaid parser runs under node)")
    if not (NODE_DIR / "node_modules" / "mermaid" / "package.json").is_file() or \
            not (NODE_DIR / "node_modules" / "jsdom" / "package.json").is_file():
        pytest.skip("the mermaid and jsdom packages are not installed: npm ci --prefix tests/node (as .ci/run does)")
    return node


def mermaid_parse(paths):
    """{path: error or None} from the mermaid package's parse(), all files in one node process."""
    node = _mermaid_parser()
    proc = subprocess.run([node, str(NODE_DIR / "mermaid_parse.mjs"), *map(str, paths)], capture_output=True,
                          text=True, timeout=300)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(paths), proc.stdout + proc.stderr
    return {r["file"]: (None if r["ok"] else r["error"]) for r in results}


def dot_svg(path):
    """The SVG `dot -Tsvg` makes of a DOT file (Graphviz's warnings fail the test as errors do)."""
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's dot is not installed (Debian: apt-get install graphviz)")
    proc = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def _svg_texts(svg):
    return [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


# --------------------------------------------------------------------------- golden pictures

@pytest.mark.parametrize("fmt", sorted(PICTURES))
@pytest.mark.parametrize("name", REPOS)
def test_golden_picture(name, fmt, tmp_path, monkeypatch, run_cli):
    repo = _copy(name, tmp_path)
    text = _draw(run_cli, monkeypatch, repo, fmt)
    golden = GOLDEN / f"{name}.{PICTURES[fmt]}"
    if os.environ.get("HUBLINT_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text)
    assert text == golden.read_text()
    assert str(tmp_path) not in text and text.isascii()
    assert text == _draw(run_cli, monkeypatch, repo, fmt)  # the same twice: a diff of two runs is readable


def test_every_golden_picture_parses_with_mermaid():
    files = sorted(GOLDEN.glob("*.mmd"))
    assert len(files) == len(REPOS)
    assert mermaid_parse(files) == {str(f): None for f in files}


@pytest.mark.parametrize("name", REPOS)
def test_every_golden_picture_renders_with_graphviz(name):
    svg = dot_svg(GOLDEN / f"{name}.dot")
    texts = _svg_texts(svg)
    assert any(t.startswith("JupyterHub") for t in texts), texts
    assert any("Dockerfile" in t for t in texts)


def test_the_golden_pictures_say_what_the_issue_asks():
    """compose: the Hub's version and the file that states it, the images it spawns (built here or not, with what
    is known of them), the Dockerfile that builds one (role, certainty, its finding in red) and its base."""
    text = (GOLDEN / "compose-mismatch.mmd").read_text()
    assert re.search(r'hub_\w+\{\{"JupyterHub 5\.2\.1<br>the Hub\'s base image tag"\}\}', text)
    assert re.search(r'dockerfile_Dockerfile_\w+ -->\|"states the version, line 1"\| hub_', text)
    assert re.search(r'"user-image/Dockerfile<br>single-user image \(certain\)<br>1 error, 1 info"', text)
    assert re.search(r'"quay\.io/jupyterhub/singleuser:4\.1\.6<br>external: JupyterHub singleuser<br>jupyterhub '
                     r'4\.1\.6', text)
    assert re.search(r'"DockerSpawner\.allowed_images#91;\'Lab\'#93;<br>docker-compose\.yml:7', text)
    assert re.search(r'"line 9: compose service #96;lab#96;"\| dockerfile_user_image', text)
    errors = re.search(r"^  class (\S+) hl_error$", text, re.M)[1].split(",")
    assert len(errors) == 2 and all(e.startswith(("dockerfile_user_image", "setting_env_2")) for e in errors)
    chain = (GOLDEN / "c1-computed-base-branch.dot").read_text()  # lab FROM base-<computed>, which base/ builds
    base = re.search(r'"(image_example_org_team_base_computed\w+)"', chain)[1]
    assert re.search(rf'"dockerfile_lab_Dockerfile_\w+" -> "{base}" \[label="FROM"', chain)
    assert re.search(rf'"dockerfile_base_Dockerfile_\w+" -> "{base}" \[label="builds"', chain)
    two = (GOLDEN / "c5-two-deployments.mmd").read_text()
    assert two.count("{{") == 2 and "deployment deployments/physics" in two


def test_the_readme_shows_the_golden_compose_picture():
    """The README's example is what Graphviz makes of the golden DOT file (its texts, whatever the version)."""
    readme = (ROOT / "README.md").read_text()
    # an absolute link: the package index's project page shows it too
    assert "/docs/deployment-example.svg)" in readme and "--format mermaid" in readme
    committed = _svg_texts((ROOT / "docs" / "deployment-example.svg").read_text())
    assert sorted(committed) == sorted(_svg_texts(dot_svg(GOLDEN / "compose-mismatch.dot")))


# --------------------------------------------------------------------------- drawn from the JSON

def test_the_picture_is_drawn_from_the_json(tmp_path, monkeypatch, run_cli):
    """The JSON report's `deployment` and `findings` draw the very graph --show-deployment draws (the Action
    draws its job summary from them)."""
    from hublint.formatters.deployment_graph import build
    from hublint.formatters.graph_syntax import dot, mermaid

    repo = _copy("compose-mismatch", tmp_path)
    monkeypatch.chdir(repo)
    _, out, _ = run_cli("--no-cache", "--no-config", "--format", "json", ".")
    doc = json.loads(out)
    graph = build([doc["deployment"]], doc["findings"])
    assert mermaid(graph) == (GOLDEN / "compose-mismatch.mmd").read_text()
    assert dot(graph) == (GOLDEN / "compose-mismatch.dot").read_text()
    _, shown, _ = run_cli("--no-cache", "--no-config", "--show-deployment", "--format", "json", ".")
    assert json.loads(shown)["deployment"] == [doc["deployment"]]


def test_json_deployment_has_what_the_picture_needs(tmp_path, monkeypatch, run_cli):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    repo = _copy("c1-computed-base-branch", tmp_path)
    (repo / "jupyterhub_config.py").write_text(
        "c = get_config()\nc.DockerSpawner.image = 'example.org/team/lab-main:latest'\n"
        "c.DockerSpawner.cmd = ['jupyterhub-singleuser']\n")
    monkeypatch.chdir(repo)
    _, out, _ = run_cli("--no-cache", "--no-config", "--format", "json", ".")
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(files("hublint.data").joinpath("findings.schema.json").read_text()))
    dep = doc["deployment"]
    lab = next(b for b in dep["builds"] if b["dockerfile"] == "lab/Dockerfile")
    assert lab["certainty"] == "certain"
    assert lab["base"] == {"image": "example.org/team/base-<computed>:latest",
                           "written": "example.org/team/base-${branch}:latest",
                           "built_here": [{"dockerfile": "base/Dockerfile", "target": None}]}
    assert dep["spawn_images"][0]["built_here"] == [{"dockerfile": "lab/Dockerfile", "target": None}]
    assert dep["spawner_cmd"] == [{"cmd": ["jupyterhub-singleuser"], "where": "jupyterhub_config.py:3",
                                   "path": "jupyterhub_config.py", "line": 3}]
    images = {i["image"]: i for i in dep["images"]}
    assert list(images) == sorted(images)
    assert images["quay.io/jupyter/minimal-notebook:2025-01-06"]["known"]["family"] == "jupyter/docker-stacks"
    assert images["quay.io/jupyter/minimal-notebook:2025-01-06"]["built_here"] == []
    assert images["example.org/team/base-<computed>:latest"]["known"] is None
    assert images["example.org/team/lab-main:latest"]["name"] == "example.org/team/lab-main"


def test_finding_counts_go_to_the_node_they_are_on():
    """A finding on a spawn setting's line counts on the setting; the rest of that file's findings on the file's
    own node; a Dockerfile's on the Dockerfile (errors in red)."""
    from hublint.formatters.deployment_graph import build
    from hublint.formatters.graph_syntax import mermaid

    doc = {
        "root": ".", "hub": None, "hubs": [
            {"version": "5.2.1", "kind": "chart", "path": "values.yaml", "line": 1, "source": "", "scope": "."}],
        "spawn_images": [{"image": "x/lab:1", "path": "values.yaml", "line": 7, "setting": "singleuser.image",
                          "config": "values.yaml"}],
        "spawner_cmd": [], "builds": [{"dockerfile": "lab/Dockerfile", "target": None, "images": ["x/lab:1"],
                                       "role": "singleuser", "reason": "", "origin": "", "definitions": []}],
        "images": [{"image": "x/lab:1", "name": "docker.io/x/lab", "known": None,
                    "built_here": [{"dockerfile": "lab/Dockerfile", "target": None}]}],
    }
    findings = [{"path": "values.yaml", "line": 7, "severity": "warning"},
                {"path": "./values.yaml", "line": 2, "severity": "info"},
                {"path": "lab/Dockerfile", "line": 1, "severity": "error"},
                {"path": "lab/Dockerfile", "line": 3, "severity": "error"},
                {"path": "elsewhere", "line": 3, "severity": "error"}]
    graph = build([doc], findings)
    counts = {n.kind: n.counts for n in graph.nodes if any(n.counts)}
    assert counts == {"setting": (0, 1, 0), "source": (0, 0, 1), "dockerfile": (2, 0, 0)}
    text = mermaid(graph)
    assert "lab/Dockerfile<br>single-user image<br>2 errors" in text
    assert re.search(r"^  class dockerfile_\w+ hl_error$", text, re.M)
    assert re.search(r"^  class setting_\w+ hl_warning$", text, re.M)
    assert build([doc], findings) == graph  # pure: the same input, the same graph


# --------------------------------------------------------------------------- hostile names

HOSTILE = ['a"b', "c]d[e", "<script>x</script>", "f#35;g#quot;", "`md`", "h\ni", "j\x1bk", "l\\m", "ü漢字",
           "end", "--> x", "|pipe|", "{{a}}", "(x)", "a;b", "&amp;", "\u202eevil", "x\ud800y", "%%{init}%%"]


def _hostile_graph():
    from hublint.formatters.deployment_graph import build

    builds, spawns, images = [], [], []
    for i, name in enumerate(HOSTILE):
        df = f"{name}/Dockerfile"
        builds.append({"dockerfile": df, "target": name if i % 2 else None, "images": [f"{name}:{i}"],
                       "role": "singleuser", "certainty": "weak", "reason": name, "origin": name,
                       "base": {"image": f"base/{name}", "written": name, "built_here": []},
                       "definitions": [{"where": f"{name}:3", "what": name, "images": [], "context": None,
                                        "target": None, "args": {}}]})
        spawns.append({"image": f"{name}:{i}", "path": f"{name}.yaml", "line": i + 1, "setting": name,
                       "config": name})
        images.append({"image": f"{name}:{i}", "name": name, "known": None,
                       "built_here": [{"dockerfile": df, "target": name if i % 2 else None}]})
        images.append({"image": f"base/{name}", "name": name, "built_here": [],
                       "known": {"family": name, "jupyterhub": name, "jupyterlab": None, "notebook": None,
                                 "python": "-", "user": None}})
    hub = {"version": HOSTILE[0], "kind": HOSTILE[2], "path": HOSTILE[5], "line": 1, "source": "", "scope": "."}
    doc = {"root": HOSTILE[1], "hub": hub, "hubs": [hub], "spawn_images": spawns, "builds": builds,
           "spawner_cmd": [{"cmd": HOSTILE, "where": f"{HOSTILE[3]}:9"}], "images": images}
    findings = [{"path": f"{name}/Dockerfile", "line": 1, "severity": "error"} for name in HOSTILE]
    return build([doc, {**doc, "root": HOSTILE[4]}], findings)  # two repositories: subgraphs, clusters


def _unmermaid(text):
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text)


def test_hostile_names_are_text_in_both_syntaxes(tmp_path):
    from hublint.formatters.graph_syntax import dot, mermaid

    graph = _hostile_graph()
    for text in (mermaid(graph), dot(graph)):
        assert text.isascii() and "\x1b" not in text
    assert "<script>" not in mermaid(graph)  # DOT's quoted strings hold it as text (the SVG escapes it)
    assert all(re.fullmatch(r"\w+", n.id) and n.id.isascii() for n in graph.nodes)
    labels = re.findall(r'"([^"]*)"', mermaid(graph))  # no quote inside a label: each one is all of its text
    decoded = {line for label in labels for line in _unmermaid(label).split("<br>")}
    assert {"a\"b/Dockerfile", "<script>x</script>/Dockerfile", "f#35;g#quot;/Dockerfile#f#35;g#quot;",
            "h\\ni/Dockerfile#h\\ni", "j\\x1bk/Dockerfile", "ü漢字/Dockerfile", "\u202eevil/Dockerfile",
            "x\ufffdy/Dockerfile#x\ufffdy"} <= decoded  # targets: the odd ones
    (tmp_path / "hostile.mmd").write_text(mermaid(graph))
    (tmp_path / "hostile.dot").write_text(dot(graph))
    texts = _svg_texts(dot_svg(tmp_path / "hostile.dot"))  # Graphviz shows each name as written
    for name in ('a"b/Dockerfile', "<script>x</script>/Dockerfile", "l\\m/Dockerfile#l\\m", "ü漢字/Dockerfile",
                 "&amp;/Dockerfile#&amp;", "h\\ni/Dockerfile#h\\ni", "j\\x1bk/Dockerfile"):
        assert name in texts, (name, texts[:40])
    assert mermaid_parse([tmp_path / "hostile.mmd"]) == {str(tmp_path / "hostile.mmd"): None}


def test_hostile_file_names_in_a_repository(tmp_path, monkeypatch, run_cli):
    """Real files whose names hold the characters a picture's syntax uses: both pictures still parse."""
    for name in ('we"ird', "br[ack]et", "<b>tag", "hash#35;", "tick`", "ü", "a\\b", "line\nbreak", "esc\x1b"):
        try:
            (tmp_path / name).mkdir()
        except OSError:
            continue
        (tmp_path / name / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
        (tmp_path / name / "Makefile").write_text(f"all:\n\tdocker build -t 'x/{name[:2]}]:1' .\n")
    (tmp_path / ".git").mkdir()
    mmd = _draw(run_cli, monkeypatch, tmp_path, "mermaid")
    assert mmd.isascii() and "br#91;ack#93;et/Dockerfile" in mmd and "#60;b#62;tag/Dockerfile" in mmd
    (tmp_path / "x.mmd").write_text(mmd)
    (tmp_path / "x.dot").write_text(_draw(run_cli, monkeypatch, tmp_path, "dot"))
    assert "<b>tag/Dockerfile" in _svg_texts(dot_svg(tmp_path / "x.dot"))
    assert mermaid_parse([tmp_path / "x.mmd"]) == {str(tmp_path / "x.mmd"): None}


# --------------------------------------------------------------------------- the command line

def test_picture_formats_need_show_deployment(tmp_path, monkeypatch, run_cli):
    (tmp_path / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    monkeypatch.chdir(tmp_path)
    for argv in (["--format", "mermaid", "."], ["-f", "dot", "Dockerfile"],
                 ["--show-roles", "--show-deployment", "--format", "dot", "."]):
        status, out, err = run_cli(*argv)
        assert status == 2 and out == "" and err.count("\n") == 1, (argv, err)
        assert "draws the deployment: only with --show-deployment" in err
    status, _, err = run_cli("--format", "png", ".")
    assert status == 2 and "mermaid, dot" in err
    status, _, err = run_cli("--output-format", "mermaid", "-o", "x", ".")
    assert status == 2 and "--output-format 'mermaid'" in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_show_deployment_on_a_terminal_is_a_tree_and_piped_the_same_lines(tmp_path, monkeypatch, run_cli):
    from hublint.cli.command import run
    from hublint.cli.options import defaults

    repo = _copy("c1-make-cd-build", tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    _, piped, _ = run_cli("--no-cache", "--no-config", "--show-deployment", ".")
    assert piped.startswith("repository .\n  Hub: jupyterhub 5.2.1") and "├" not in piped
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    values = {**defaults(), "paths": ["."], "show_deployment": True, "no_cache": True, "no_config": True}
    assert run(values) == 0
    tree = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue())  # styles (bold, dim), not colours
    lines = tree.splitlines()
    assert lines[0] == "repository ."
    order = ["JupyterHub 5.2.1", "states the version at line 1: Dockerfile", "FROM quay.io/jupyterhub/jupyterhub:5.2.1",
             "spawns myuser:2024.06", "built from user/Dockerfile", "FROM python:3.12.8-slim"]
    at = [next(i for i, line in enumerate(lines) if want in line) for want in order]
    assert at == sorted(at), tree
    assert "built by Makefile" in tree and "1 error" in tree and "├── " in tree
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert run({**values, "format": "concise"}) == 0  # an explicit plain format: the lines, on a terminal too
    assert terminal.getvalue() == piped


def test_picture_formats_do_not_import_rich(tmp_path):
    import sys

    repo = _copy("compose-mismatch", tmp_path)
    code = ("import sys, hublint.cli\nhublint.cli.main(['--no-cache', '--show-deployment', '--format', 'mermaid', "
            "'.'])\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'typer')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True)
    assert out.stdout.startswith("flowchart LR\n") and out.stdout.strip().splitlines()[-1] == "[]"


def _many(spawned, built):
    """A deployment object: ``spawned`` images the Hub spawns, ``built`` more Dockerfiles no Hub spawns."""
    hub = {"version": "5.2.1", "kind": "compose", "path": "Dockerfile", "line": 1, "source": "", "scope": "."}
    doc = {"root": ".", "hub": hub, "hubs": [hub], "spawner_cmd": [], "spawn_images": [], "builds": [],
           "images": []}
    for i in range(spawned + built):
        image, df = f"x/img{i}:1", f"d{i}/Dockerfile"
        doc["builds"].append({"dockerfile": df, "target": None, "images": [image], "role": "singleuser",
                              "base": {"image": "python:3.12", "written": "python:3.12", "built_here": []},
                              "definitions": [{"where": f"Makefile:{i + 1}", "what": f"docker build {df}"}]})
        doc["images"].append({"image": image, "name": f"docker.io/x/img{i}", "known": None,
                              "built_here": [{"dockerfile": df, "target": None}]})
        if i < spawned:
            doc["spawn_images"].append({"image": image, "path": "jupyterhub_config.py", "line": i + 1,
                                        "setting": "DockerSpawner.allowed_images", "config": "jupyterhub_config.py"})
    return doc


def test_the_job_summary_graph_stays_within_what_github_draws():
    """GitHub draws a Mermaid graph of up to 500 edges: a larger one is cut to what the Hubs spawn (no build
    definitions, nothing else built), and where even that is too large, left out with a note saying why."""
    from hublint.formatters.deployment_graph import build, spawned_only
    from hublint.formatters.graph_syntax import GITHUB_MAX_EDGES, mermaid, mermaid_for_github

    small = build([_many(2, 3)])
    assert mermaid_for_github(small) == (mermaid(small), "")
    large = build([_many(3, 200)])
    assert len(large.edges) > GITHUB_MAX_EDGES
    text, note = mermaid_for_github(large)
    cut = spawned_only(large)
    assert text == mermaid(cut) and note.startswith("what the Hubs spawn")
    kinds = {n.kind for n in cut.nodes}
    assert kinds == {"hub", "source", "setting", "image", "dockerfile"}  # "source": the file stating the version
    assert sum(n.kind == "dockerfile" for n in cut.nodes) == 3 and "d3/Dockerfile" not in text
    assert "python:3.12" in text and "Makefile" not in text  # the base chain stays, the definitions go
    huge = build([_many(300, 0)])
    text, note = mermaid_for_github(huge)
    assert text is None and "larger than GitHub draws" in note and "--format dot" in note
