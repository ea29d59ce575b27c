"""The generated image knowledge (hublint/image/stacks.json, scripts/update_image_knowledge.py) against public facts
from docker-stacks' own docs and issues, the ambiguity rule, and what the rules do with it."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, codes

from hublint.dockerfile.imageref import parse_ref
from hublint.image import stacks
from hublint.image.knowledge import chart_hub_version, lookup


def provides(ref):
    info = lookup(parse_ref(ref))
    return {k: v for k, v in info.provides.items() if k in ("jupyterhub", "jupyterlab", "notebook", "python")}


# --------------------------------------------------------------------------- facts from docker-stacks
# README, "Using old images": the last image of each Python version (tag, Python)
README_OLD_TAGS = [("1aac87eb7fa5", "3.7"), ("a374cab4fcb6", "3.8"), ("5ae537728c69", "3.9"), ("f3079808ca8c", "3.10"),
                   ("b86753318aa1", "3.7"), ("7285848c0a11", "3.8"), ("ed2908bbb62e", "3.9"), ("4d70cf8da953", "3.10"),
                   ("00987883e58d", "3.11"), ("b74418220768", "3.11"), ("82d322f00937", "3.12")]


@pytest.mark.parametrize(("tag", "minor"), README_OLD_TAGS)
def test_readme_last_image_per_python_version(tag, minor):
    python = provides(f"quay.io/jupyter/base-notebook:{tag}")["python"]
    assert python is not None and (python == minor or python.startswith(minor + "."))


def test_the_jupyterhub_version_an_issue_quotes():
    # docker-stacks #1426: `jupyterhub --version` in 8e693aad7dcc (tagged hub-1.4.1) printed 1.4.2
    assert provides("jupyter/base-notebook:8e693aad7dcc")["jupyterhub"] == "1.4.2"


def test_no_build_had_jupyterhub_4_1_6():
    # docker-stacks #2138: jupyterhub 4.1.6 never made it into a docker-stacks build
    values = {part for _, lines in stacks.data()["docker_stacks"]["timelines"]
              for token in lines["jupyterhub"].split() for part in token.split(":", 1)[1].split("|")}
    assert "4.1.6" not in values and "4.1.5" in values
    assert lookup(parse_ref("quay.io/jupyter/base-notebook:hub-4.1.6")).exists is False


def test_docker_hub_latest_is_the_frozen_last_build():
    info = lookup(parse_ref("jupyter/base-notebook"))
    assert info.provides["jupyterhub"] == "4.0.2" and "2023-10-20" in " ".join(info.sources)


def test_an_old_commit_tag_knows_its_notebook():
    assert provides("jupyter/scipy-notebook:265297f221de")["notebook"].startswith("5.")


def test_pinned_eras():
    assert provides("jupyter/base-notebook:2021-08-10")["jupyterhub"].startswith("1.4")
    assert provides("quay.io/jupyter/base-notebook:2024-12-02") == {
        "jupyterhub": "5.2.1", "jupyterlab": "4.2.6", "notebook": "7.2.2", "python": "3.12.7"}  # notebook 7.2.2 needs lab <4.3


def test_a_date_tag_holds_what_its_builds_got():
    """conda-forge merged jupyterhub 5.2.1 on 2024-10-21 at 15:24 UTC: that day's only build was the weekly
    rebuild at 03:00, before it (5.2.0); the next day's push build of b74418220768 got 5.2.1."""
    when = stacks.conda_forge_releases("jupyterhub")["5.2.1"]
    assert when.startswith("2024-10-21T15")
    assert provides("quay.io/jupyter/base-notebook:2024-10-21")["jupyterhub"] == "5.2.0"
    assert provides("quay.io/jupyter/base-notebook:2024-10-22")["jupyterhub"] == "5.2.1"


def test_child_images_that_resolve_again_are_unknown():
    # scipy-notebook pinned jupyterlab/notebook in 2023-08 because mamba downgraded them (13c7da8f)
    assert provides("jupyter/scipy-notebook:2023-08-07")["notebook"] is None
    assert provides("jupyter/base-notebook:2023-08-07")["notebook"] is not None
    assert provides("quay.io/jupyter/scipy-notebook:2025-01-06")["jupyterhub"] == "5.2.1"


def test_version_tags_name_their_version_only():
    assert provides("quay.io/jupyter/base-notebook:hub-5.2.1") == {"jupyterhub": "5.2.1", "jupyterlab": None,
                                                                  "notebook": None}
    assert provides("quay.io/jupyter/base-notebook:x86_64-python-3.12")["python"] == "3.12"


def test_singleuser_and_chart_versions():
    assert provides("quay.io/jupyterhub/singleuser:4.1.6")["jupyterhub"] == "4.1.6"
    assert provides("quay.io/jupyterhub/singleuser:5")["jupyterhub"] == "5"
    assert chart_hub_version("4.3.2") == "5.4.3"  # exact, not 5.4
    assert chart_hub_version("0.8.2") == "0.9.6" and chart_hub_version("0.7.0") == "0.9.2"
    assert provides("jupyterhub/k8s-singleuser-sample:0.8.2")["notebook"].startswith("5.")
    charts = {c[0] for c in stacks.data()["z2jh"]["charts"]}
    assert {"0.7.0", "0.8.0", "0.9.0", "0.10.0", "1.0.0", "4.4.0"} <= charts


# --------------------------------------------------------------------------- the rules
def test_hub204_with_a_dated_base():
    text = "FROM quay.io/jupyter/base-notebook:2024-12-02\n"
    assert ("HUB204", 1) in codes(text, hub_version="4.1.6")
    assert [c for c, _ in codes(text, hub_version="5.3.0") if c in ("HUB204", "HUB205")] == ["HUB205"]
    assert [c for c, _ in codes(text, hub_version="5.2.1") if c in ("HUB204", "HUB205")] == []


def test_the_old_hub202_false_alarm_is_gone():
    text = "FROM jupyter/scipy-notebook:265297f221de\nRUN pip install 'jupyterhub==0.9.1'\n"
    assert "HUB202" not in [c for c, _ in codes(text)]


def test_hub105_from_the_base_python():
    # 1aac87eb7fa5 is the last Python 3.7 image; jupyterhub 5 requires Python 3.8: reported at the base
    found = codes("FROM quay.io/jupyter/base-notebook:1aac87eb7fa5\nRUN pip install 'jupyterhub==5.2.1'\n")
    assert ("HUB105", 1) in found


# --------------------------------------------------------------------------- cost and display
def test_knowledge_is_loaded_only_when_a_tag_needs_it():
    code = ("import sys, hublint; hublint.lint_text('FROM python:3.12.8\\nRUN pip install jupyterhub==5.3.0 "
            "jupyterlab\\n'); print('hublint.image.stacks' in sys.modules)")
    # (and the data is read only then: hublint.image.stacksdata.data, imported by stacks only, is the one reader of
    # stacks.json)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


def test_show_image(run_cli):
    status, out, _ = run_cli("--show-image", "quay.io/jupyter/base-notebook:2024-12-02", "--format", "json")
    doc = json.loads(out)
    assert status == 0 and set(doc) >= {"image", "family", "jupyterhub", "jupyterlab", "notebook", "python", "user",
                                        "cmd", "exists", "sources"}
    assert (doc["jupyterhub"], doc["python"], doc["user"]) == ("5.2.1", "3.12.7", "1000")
    status, out, _ = run_cli("--show-image", "quay.io/jupyter/docker-stacks-foundation:2025-01-06", "--format", "json")
    assert json.loads(out)["jupyterhub"] == "-"  # not installed
    status, out, _ = run_cli("--show-image", "quay.io/jupyter/base-notebook:2023-05-01")
    assert "no: never published on this registry" in out
    status, out, _ = run_cli("--show-image", "registry.example.org/x:1", "--format", "json")
    assert json.loads(out)["family"] is None


# --------------------------------------------------------------------------- the generator
CLONES = os.environ.get("HUBLINT_KNOWLEDGE_CLONES", "/work/.mirror")
REPOS = {"docker-stacks": "jupyter+docker-stacks", "jupyterhub": "jupyterhub+jupyterhub",
         "jupyterhub-container-images": "jupyterhub+jupyterhub-container-images",
         "z2jh": "jupyterhub+zero-to-jupyterhub-k8s", "pangeo": "pangeo-data+pangeo-docker-images",
         "jupyterhub-feedstock": "conda-forge+jupyterhub-feedstock",
         "jupyterlab-feedstock": "conda-forge+jupyterlab-feedstock",
         "notebook-feedstock": "conda-forge+notebook-feedstock", "python-feedstock": "conda-forge+python-feedstock"}


def test_the_generator_reproduces_the_committed_data():
    paths = {}
    for option, name in REPOS.items():
        for candidate in (os.path.join(CLONES, name, "repo"), os.path.join(CLONES, name)):
            if os.path.isdir(candidate):
                paths[option] = candidate
                break
        else:
            pytest.skip(f"no clone of {name} under {CLONES} (set HUBLINT_KNOWLEDGE_CLONES)")
    args = [x for option, path in paths.items() for x in (f"--{option}", path)]
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_image_knowledge.py"), *args, "--check"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    # per family: the tags it knows, how many are ambiguous and why (issue 31)
    for family in ("docker-stacks base-notebook commit tags", "docker-stacks base-notebook date tags",
                   "jupyterhub/singleuser", "zero-to-jupyterhub k8s-singleuser-sample", "pangeo"):
        assert any(line.startswith(f"{family}: ") and "ambiguous" in line for line in r.stdout.splitlines()), family


def test_generated_data_matches_the_study(tmp_path):
    """The conda-forge release times the generator derives equal the study's (shared/reference)."""
    from conftest import shared_dir

    ref_dir = shared_dir("reference", "docker-stacks-history")
    import csv

    for pkg in ("jupyterhub", "jupyterlab", "notebook"):
        ours = stacks.conda_forge_releases(pkg)
        with open(ref_dir / f"cf_first_{pkg}.tsv") as fh:
            theirs = {row[0]: row[1][:16] + "Z" for row in csv.reader(fh, delimiter="\t")}
        assert {v: t for v, t in ours.items() if v in theirs} == {v: theirs[v] for v in ours if v in theirs}
        assert set(theirs) <= set(ours)


def test_the_knowledge_clock_agrees_with_datetime_and_has_no_impossible_days():
    import datetime as dt

    from hublint.image.stacksdata import _day, _minute, _stamp

    epoch = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
    for days in range(0, 6000, 7):
        when = epoch + dt.timedelta(days=days, minutes=days % 1440)
        minute = int((when - epoch).total_seconds() // 60)
        assert _day(minute) == when.strftime("%Y-%m-%d")
        assert _stamp(minute) == when.strftime("%Y-%m-%dT%H:%MZ")
        assert _minute(when.year, when.month, when.day) == days * 1440
    assert _minute(2024, 2, 29) is not None and _minute(2025, 2, 29) is None and _minute(2100, 2, 29) is None
    assert _minute(2025, 13, 1) is None and _minute(2025, 4, 31) is None and _minute(2025, 1, 0) is None


def test_a_date_tag_that_is_no_day_is_not_judged_and_does_not_crash():
    from hublint import lint_text

    for tag in ("2025-13-45", "2025-02-30", "2025-00-10"):
        findings = lint_text(f"FROM quay.io/jupyter/base-notebook:{tag}\nUSER 1000\n")
        assert not [f for f in findings if f.code == "HUB001"]


def test_a_version_tag_no_build_had_does_not_move_it_does_not_exist():
    from hublint.image.dockerstacks import version_tag_never_built
    from hublint.image.knowledge import moving_tag

    # docker-stacks built no image with jupyterhub 4.1.3: its main branch had no build while 4.1.3 was newest
    assert version_tag_never_built("minimal-notebook", "quay.io", "hub-4.1.3")
    assert not version_tag_never_built("minimal-notebook", "quay.io", "hub-4.1.5")
    assert not version_tag_never_built("pytorch-notebook", "quay.io", "pytorch-2.2.2")  # not followed: unknown
    assert not moving_tag(parse_ref("quay.io/jupyter/minimal-notebook:hub-4.1.3"))
    assert moving_tag(parse_ref("quay.io/jupyter/minimal-notebook:hub-4.1.5"))
    codes = {f.code for f in __import__("hublint").lint_text("FROM quay.io/jupyter/minimal-notebook:hub-4.1.3\n")}
    assert "HUB108" in codes and "HUB103" not in codes
