"""Image knowledge you can trust (issue 31): each answer is a value, "unknown" with its reason, or "absent"; tags
exist only where the CI that made them ran; and no rule turns an unknown into a finding.

Every case cites its evidence: the upstream commit (and its date) or document the answer follows from.  The
answers come from hublint/image/stacks.json as scripts/update_image_knowledge.py generated it from those
repositories; the generator's own functions are tested where the evidence is a rule of the method.
"""

import importlib.util
import io
import json
import sys

import pytest
from conftest import ROOT, codes, lint_in

from hublint.dockerfile.imageref import parse_ref
from hublint.image import dockerstacks, stacks
from hublint.image.knowledge import lookup


def info(ref):
    return lookup(parse_ref(ref))


def fact(ref, field):
    return info(ref).facts[field]


def show_json(run_cli, ref):
    status, out, _ = run_cli("--show-image", ref, "--format", "json")
    assert status == 0
    return json.loads(out)


@pytest.fixture(scope="module")
def gen():
    """The generator's method without the clones: scripts/image_knowledge/, loaded through
    scripts/update_image_knowledge.py (which puts it and hublint on the path)."""
    spec = importlib.util.spec_from_file_location("update_image_knowledge",
                                                  ROOT / "scripts" / "update_image_knowledge.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_image_knowledge", module)
    spec.loader.exec_module(module)
    return importlib.import_module("image_knowledge")


# --------------------------------------------------------------------------- E1 unknown is not absent
def test_e1_absent_is_absent_everywhere(run_cli):
    # docker-stacks 10e52ee8 (2022-11-13) split docker-stacks-foundation off base-notebook: it has no Jupyter server
    doc = show_json(run_cli, "quay.io/jupyter/docker-stacks-foundation:2025-01-06")
    assert doc["jupyterhub"] == "-" and doc["fields"]["jupyterhub"]["state"] == "absent"
    assert doc["fields"]["python"]["state"] == "value"
    _, out, _ = run_cli("--show-image", "quay.io/jupyter/docker-stacks-foundation:2025-01-06")
    assert "jupyterhub:     not installed" in out


def test_e1_unknown_is_never_shown_as_absent(run_cli):
    # jupyterlab joined base-notebook on 2017-03-17 (c33a7dc0): before, it is absent, not unknown
    assert fact("jupyter/base-notebook:fa77fe99579b", "jupyterlab").state == "absent"  # 2017-01-12
    # hublint's copy of conda-forge/jupyterlab-feedstock ends 2026-03-16 (d86daf9e): a 2026-07-28 build's
    # unpinned jupyterlab is unknown — null in the JSON, "unknown: <why>" in the text, never "-"
    doc = show_json(run_cli, "quay.io/jupyter/base-notebook:2026-07-28")
    assert doc["jupyterlab"] is None
    assert doc["fields"]["jupyterlab"]["state"] == "unknown" and "2026-03-16" in doc["fields"]["jupyterlab"]["reason"]
    _, out, _ = run_cli("--show-image", "quay.io/jupyter/base-notebook:2026-07-28")
    assert "jupyterlab:     unknown: hublint's copy of the jupyterlab feedstock ends 2026-03-16" in out
    # an untagged zero-to-jupyterhub sample image moves: its notebook is unknown (hublint used to print "-")
    doc = show_json(run_cli, "quay.io/jupyterhub/k8s-singleuser-sample")
    assert doc["notebook"] is None and doc["fields"]["notebook"]["state"] == "unknown"


def test_e1_json_only_adds_fields(run_cli):
    # shared/design/INTERFACE.md: the JSON is extended, never narrowed
    doc = show_json(run_cli, "quay.io/jupyter/base-notebook:2024-12-02")
    assert set(doc) >= {"image", "family", "jupyterhub", "jupyterlab", "notebook", "python", "user", "cmd",
                        "exists", "sources", "fields", "exists_reason", "knowledge_ends", "jupyter_server"}
    assert (doc["jupyterhub"], doc["python"]) == ("5.2.1", "3.12.7")
    assert doc["fields"]["jupyterhub"] == {"state": "value", "value": "5.2.1", "exact": True}


# --------------------------------------------------------------------------- E2 version tags from the taggers
def test_e2_version_tags_exist_only_where_the_taggers_made_them():
    # docker-stacks ff9357a7 (2019-05-19): only base-notebook's hooks applied hub-/lab-/notebook-/python- tags;
    # every image got them with the tagging package (fde8f1ee, 2021-05-03), when jupyterhub was 1.4.x
    base, minimal = info("jupyter/base-notebook:hub-1.0.0"), info("jupyter/minimal-notebook:hub-1.0.0")
    assert base.exists is None and minimal.exists is False
    assert "no build on docker.io had jupyterhub 1.0.0" in minimal.exists_reason
    # docker-stacks #2138: jupyterhub 4.1.6 never reached a docker-stacks build, so no hub-4.1.6 tag exists
    assert info("quay.io/jupyter/base-notebook:hub-4.1.6").exists is False


def test_e2_the_tag_name_is_trusted_only_where_docker_stacks_trusts_it():
    # docker-stacks docs/using/selecting.md: "Tags before 2022-07-05 were sometimes incorrect" (#1426: hub-1.4.1
    # pointed at a 1.4.2 image)
    old = info("jupyter/base-notebook:hub-1.4.1")
    assert old.facts["jupyterhub"].state == "unknown" and "2022-07-05" in old.facts["jupyterhub"].reason
    new = info("quay.io/jupyter/base-notebook:hub-5.2.1")
    assert new.facts["jupyterhub"].value == "5.2.1" and new.exists is None
    # python-3.7 is the major.minor tagger's (5d535899, 2022-09-29): its 3.7 builds (1aac87eb, 2022-10-09) ran
    # before the move to quay.io, so only Docker Hub has the tag
    assert info("jupyter/base-notebook:python-3.7").facts["python"].value == "3.7.*"
    assert info("quay.io/jupyter/base-notebook:python-3.7").exists is False


def test_e2_taggers_are_read_from_the_tagging_code():
    m = dockerstacks._ds()
    before, after = dockerstacks._commit(m, "ff9357a77d78"), dockerstacks._commit(m, "fde8f1eec3e7")
    assert {"hub", "lab", "notebook", "python"} <= dockerstacks._tags_of(m, "base-notebook", before)[0]
    assert not {"hub", "python"} & dockerstacks._tags_of(m, "minimal-notebook", before)[0]
    assert {"hub", "python"} <= dockerstacks._tags_of(m, "minimal-notebook", after)[0]
    assert "date" in dockerstacks._tags_of(m, "base-notebook", dockerstacks._commit(m, "8e693aad7dcc"))[0]  # the DateTagger, 2021-08-09


# --------------------------------------------------------------------------- E3 jupyterlab and notebook together
def test_e3_lab_and_notebook_are_solved_together():
    # jupyterlab 4.3.0 reached conda-forge on 2024-10-30; notebook 7.2.2's recipe requires jupyterlab <4.3.  Until
    # base-notebook pinned notebook>=7.2.2 (c2d9d1f0, 2024-11-04 14:55) conda could pick the newest notebook with
    # jupyterlab 4.2.5, or an older notebook allowing jupyterlab 4.3.0 — builds then failed (docker-stacks #2167)
    ranges = {v: (lo, hi) for v, lo, hi in stacks.data()["conda_forge"]["notebook_jupyterlab"]}
    assert ranges["7.2.2"][1] == "4.3"
    day = info("quay.io/jupyter/base-notebook:2024-11-04")  # the 03:00 weekly rebuild and the pin's push build
    assert day.facts["jupyterlab"].state == "unknown" and "4.3.0" in day.facts["jupyterlab"].reason
    assert day.facts["notebook"].state == "unknown" and "7.2.2" in day.facts["notebook"].reason
    later = info("quay.io/jupyter/base-notebook:2024-12-02")
    assert (later.facts["notebook"].value, later.facts["jupyterlab"].value) == ("7.2.2", "4.2.6")


def test_e3_the_generator_fails_on_an_impossible_pair(gen):
    import datetime as dt

    cf = {pkg: sorted(((v, dt.datetime.fromisoformat(t.replace("Z", "+00:00")))
                       for v, t in stacks.conda_forge_releases(pkg).items()), key=lambda vt: vt[1])
          for pkg in ("jupyterlab", "notebook", "jupyterhub")}
    cf["python"] = []
    ranges = {v: (lo, hi) for v, lo, hi in stacks.data()["conda_forge"]["notebook_jupyterlab"]}
    end = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
    solver = gen.solver.Solver(cf, ranges, dict.fromkeys(cf, end))
    # notebook 7.5.6 (conda-forge 2026-04-30) needs jupyterlab >=4.5.7,<4.6: no version satisfies both pins
    with pytest.raises(gen.common.GeneratorError, match="no jupyterlab/notebook pair"):
        solver.lab_notebook("==7.5.6", "==4.5.6", end)
    assert solver.lab_notebook("==7.2.2", "==4.2.6", end) == ("7.2.2", "4.2.6")
    # a jupyterlab feedstock read past notebook 7.5.6 without a jupyterlab it allows: the clones disagree
    with pytest.raises(gen.common.GeneratorError, match="impossible pair"):
        gen.solver.check_notebook_ranges(cf, ranges, dict.fromkeys(cf, end))


# --------------------------------------------------------------------------- E4 where the knowledge ends
def test_e4_each_source_ends_and_past_it_the_answer_is_unknown(run_cli):
    ends = stacks.data()["ends"]
    # the copies' newest commits: jupyterlab-feedstock d86daf9e (2026-03-16), notebook-feedstock 38ddda65
    # (2026-04-30), jupyterhub-feedstock 3d4147fc (2026-06-11 UTC)
    assert (ends["conda-forge/jupyterlab-feedstock"], ends["conda-forge/notebook-feedstock"]) == ("2026-03-16",
                                                                                                  "2026-04-30")
    lab = fact("quay.io/jupyter/base-notebook:2026-07-28", "jupyterlab")
    assert lab.state == "unknown" and "2026-03-16" in lab.reason
    doc = show_json(run_cli, "quay.io/jupyter/base-notebook:2026-07-28")
    assert doc["knowledge_ends"] == min(ends[s] for s in stacks.data()["docker_stacks"]["sources"])
    _, out, _ = run_cli("--show-image", "quay.io/jupyter/base-notebook:2026-07-28")
    assert f"knowledge ends {doc['knowledge_ends']}" in out
    # a date past docker-stacks' own copy (820938695049, 2026-08-08) is unknown, not "never published"
    assert info("quay.io/jupyter/base-notebook:2026-09-01").exists is None


def test_e4_an_upstream_clone_read_further_keeps_a_value_known(gen):
    # conda-forge cannot publish a jupyterhub before jupyterhub releases it: the jupyterhub repository (read to
    # 2026-08-21) tags 5.5.0 on 2026-06-10 and 5.5.1 on 2026-08-10, so a 2026-07-28 build still got 5.5.0
    assert fact("quay.io/jupyter/base-notebook:2026-07-28", "jupyterhub").value == "5.5.0"
    import datetime as dt

    utc = dt.timezone.utc
    cf = {"jupyterhub": [("5.5.0", dt.datetime(2026, 6, 11, tzinfo=utc))]}
    upstream = {"jupyterhub": ([("5.5.0", dt.datetime(2026, 6, 10, tzinfo=utc)),
                                ("5.5.1", dt.datetime(2026, 8, 10, tzinfo=utc))], dt.datetime(2026, 8, 21, tzinfo=utc))}
    solver = gen.solver.Solver(cf, {}, {"jupyterhub": dt.datetime(2026, 6, 11, 4, tzinfo=utc)}, upstream)
    assert solver.single("jupyterhub", "*", dt.datetime(2026, 7, 28, tzinfo=utc)) == "5.5.0"
    assert solver.single("jupyterhub", "*", dt.datetime(2026, 8, 12, tzinfo=utc)) == ("?", "upstream", "5.5.0",
                                                                                    "5.5.1")
    assert solver.single("jupyterhub", "*", dt.datetime(2026, 9, 1, tzinfo=utc))[:2] == ("?", "end")


# --------------------------------------------------------------------------- E5 the CI as it ran
def test_e5_paths_filters_decide_what_a_push_builds():
    # 5ee27aa51314 (2020-10-24) changed docs/using/recipes.md only; the workflow then ignored docs/** and no run
    # could be started by hand (workflow_dispatch arrived with 92ce0af9, 2021-11-16)
    docs = info("jupyter/base-notebook:5ee27aa51314")
    assert docs.exists is False and "`paths` filter" in docs.exists_reason
    # 39d282d6ffce (2022-03-17, docs theme only): never built by its push, but a run by hand could have built it
    later = info("jupyter/base-notebook:39d282d6ffce")
    assert later.exists is None and "started by hand" in later.exists_reason


def test_e5_one_build_per_push_tip_and_cancelled_runs():
    # e84bfdf4aece and 6e80c124 were written in the same second (2024-01-07 11:55:41 UTC) and pushed together:
    # only the tip was built
    assert info("quay.io/jupyter/base-notebook:e84bfdf4aece").exists is False
    tip = info("quay.io/jupyter/base-notebook:6e80c1246f8a")
    assert tip.exists is None and tip.built.startswith("2024-01-07T11:55Z")
    # 99daf2041dcb ("Trigger CI", 2023-08-20 14:45 UTC) was superseded by 22196fec five minutes later, with
    # `concurrency: cancel-in-progress: true` (69277bbc, 2022-02-28)
    cancelled = info("jupyter/base-notebook:99daf2041dcb")
    assert "cancel" in cancelled.exists_reason and cancelled.facts["jupyterhub"].state == "unknown"


def test_e5_weekly_rebuilds_and_failed_builds():
    # 70178b8e48d7 (2021-08-12) changed README.md only (paths-ignore *.md), but it was HEAD at the weekly rebuilds
    # of 2021-08-16 and 2021-08-23 (cron "0 3 * * 1" since 8e693aad, 2021-08-09)
    weekly = info("jupyter/base-notebook:70178b8e48d7")
    assert "weekly rebuild" in weekly.exists_reason and weekly.facts["jupyterhub"].value == "1.4.2"
    # a build may have failed, and a failed build pushes nothing: a built tag exists "unknown"...
    assert weekly.exists is None and "cannot show that a build succeeded" in weekly.exists_reason
    # ...unless docker-stacks' documentation names it (README.md, 2026-07-28)
    assert info("quay.io/jupyter/scipy-notebook:2026-07-28").exists is True
    # Docker Cloud's post_checkout hook refused "ci skip" commits (2019-05-11, ef92c1ee701a)
    assert info("jupyter/base-notebook:ef92c1ee701a").exists is False


# --------------------------------------------------------------------------- E6 solver alternatives
def test_e6_two_possible_versions_are_named():
    # conda-forge merged jupyterhub 1.5.0 minutes before 5d512c34edf1's push build (2021-11-08 13:38 UTC)
    hub = fact("jupyter/base-notebook:5d512c34edf1", "jupyterhub")
    assert hub.value == "1.*" and not hub.exact and "1.4.2 or 1.5.0" in hub.reason  # for jupyterhub, its major
    from hublint.image.stacksdata import _combine

    mixed = [["?", "solver", "3.9.7", "3.10.0"]]  # any other field: a bare major says too little
    assert _combine(mixed, "python").state == "unknown" and _combine(mixed, "jupyterhub").value == "3.*"
    # b9553a8e5d33 (2024-03-26 01:12 UTC) built while jupyterhub 4.1.2 reached conda-forge: 4.1.1 or 4.1.2 —
    # a series, not a version
    series = fact("quay.io/jupyter/base-notebook:b9553a8e5d33", "jupyterhub")
    assert series.value == "4.1.*" and not series.exact and "4.1.1 or 4.1.2" in series.reason


# --------------------------------------------------------------------------- E7 children's Python
def test_e7_children_may_re_solve_python_until_base_notebook_pins_it():
    # the generator's docstring: Python is inherited only once base-notebook pins its minor (conda-meta/pinned,
    # 58e2a02d, 2019-04-22); before, scipy-notebook's own conda installs could move it (docker-stacks #768)
    scipy = fact("jupyter/scipy-notebook:e5c5a7d3e52d", "python")  # 2017-12-18
    assert scipy.state == "unknown" and "#768" in scipy.reason
    assert fact("jupyter/minimal-notebook:e5c5a7d3e52d", "python").value == "3.6.*"
    assert fact("jupyter/scipy-notebook:57f8546c0386", "python").value == "3.7.*"  # 2019-04-25, pinned


def test_e7_another_environment_is_not_the_root_python(gen):
    # scipy-notebook (2016) made a Python 2 kernel with `conda create -p $CONDA_DIR/envs/python2 python=2.7`: that
    # environment's Python is not the image's
    env_only = "FROM jupyter/minimal-notebook\nRUN conda create --quiet --yes -p $CONDA_DIR/envs/python2 python=2.7\n"
    root = env_only + "RUN conda install --quiet --yes 'pandas=0.19*'\n"
    assert "conda" not in gen.dockerfiles.child_flags(env_only)
    assert "conda" in gen.dockerfiles.child_flags(root)


# --------------------------------------------------------------------------- E8 pins normalised
def test_e8_pins_follow_pep_440(gen):
    pins = gen.solver
    assert pins.exact_pin("==0.5") == "0.5.0" and pins.series_of("=0.7") == "0.7.*" and pins.exact_pin("=0.7") is None
    # base-notebook installed `pip install 'jupyterhub==0.5'` from 2d878db5 (2016-04-14): that is 0.5.0
    assert fact("jupyter/scipy-notebook:2d878db5cbff", "jupyterhub").value == "0.5.0"
    # conda's `jupyterhub=0.7` (18e5563b, 2016-12-06) is the newest 0.7.x then: 0.7.0
    assert fact("jupyter/base-notebook:18e5563b7486", "jupyterhub").value == "0.7.0"
    # `jupyterhub/singleuser:5.3` follows the newest 5.3.x: a series
    series = fact("quay.io/jupyterhub/singleuser:5.3", "jupyterhub")
    assert series.value == "5.3.*" and not series.exact and info("quay.io/jupyterhub/singleuser:5.3").provides[
        "jupyterhub"] == "5.3"


# --------------------------------------------------------------------------- E9 singleuser's moving tags
def test_e9_singleuser_is_rebuilt_from_5_3_on():
    # jupyterhub 6caa9697 (2025-03-24) moved the images to jupyterhub-container-images, whose build.yml publishes
    # jupyterhub/singleuser (11ef20b6, 2025-03-23) on every push to main: 5.3.0 moved with each refreeze
    moving = info("quay.io/jupyterhub/singleuser:5.3.0")
    assert moving.facts["jupyterhub"].value == "5.3.0" and moving.facts["jupyterlab"].state == "unknown"
    assert "moving tag" in moving.exists_reason
    first = info("quay.io/jupyterhub/singleuser:5.3.0-1")
    assert first.built == "2025-04-15"  # 4e5a8fb6: requirements refrozen with jupyterhub 5.3.0
    # before, the release workflow built the tag once, at the release (4.1.6: 2024-07-31)
    once = info("quay.io/jupyterhub/singleuser:4.1.6")
    assert once.facts["jupyterlab"].state == "value" and once.facts["jupyterhub"].value == "4.1.6"


# --------------------------------------------------------------------------- E10 the z2jh sample image
def test_e10_the_sample_image_from_its_frozen_requirements():
    # zero-to-jupyterhub 1.2.0 (2021-11-04): FROM jupyter/base-notebook:latest, requirements.txt jupyterhub==1.4.2
    old = info("jupyterhub/k8s-singleuser-sample:1.2.0")
    assert old.facts["jupyterhub"].value == "1.4.2"
    assert old.facts["notebook"].state == "value" and old.facts["jupyterlab"].state == "value"  # not "missing"
    # 2.0.0 (2022-09-09): FROM python:3.9-slim-bullseye, every package frozen in requirements.txt
    new = info("jupyterhub/k8s-singleuser-sample:2.0.0")
    assert {f: new.facts[f].value for f in ("jupyterhub", "jupyterlab", "notebook", "jupyter_server", "python")} == {
        "jupyterhub": "3.0.0", "jupyterlab": "3.4.6", "notebook": "6.4.12", "jupyter_server": "1.18.1",
        "python": "3.9.*"}


# --------------------------------------------------------------------------- E11 prefixes where they existed
@pytest.mark.parametrize(("ref", "exists"), [
    ("quay.io/jupyter/base-notebook:amd64-2024-01-08", False),  # never a prefix: 9e3fd1c1's amd64 jobs ran on x86_64
    ("jupyter/base-notebook:x86_64-2022-09-19", False),  # a85bfad8 (2022-09-21) prefixed every platform
    ("jupyter/base-notebook:x86_64-2022-09-26", None),
    ("jupyter/base-notebook:aarch64-2022-07-11", None),  # 9e3fd1c1 (2022-07-05): arm builds `aarch64-`
    ("quay.io/jupyter/pytorch-notebook:aarch64-cuda12-2025-11-24", False),  # 641b7db0 (2025-12-02): CUDA on arm
    ("quay.io/jupyter/pytorch-notebook:aarch64-cuda12-2025-12-08", None),
])
def test_e11_prefixes_only_where_the_tagging_code_made_them(ref, exists):
    assert info(ref).exists is exists


# --------------------------------------------------------------------------- E12 no versions without a build
def test_e12_no_versions_for_never_built_commits_and_build_less_days():
    for ref in ("quay.io/jupyter/base-notebook:e84bfdf4aece",  # pushed under a later tip (2024-01-07)
                "jupyter/base-notebook:2021-12-01",  # no push to build, not a Monday
                "jupyter/base-notebook:2018-01-01"):  # before date tags (DateTagger: 9b6e57c8, 2021-08-09)
        assert all(f.state == "unknown" for f in info(ref).facts.values()), ref
    assert info("jupyter/base-notebook:2018-01-01").exists is False
    assert info("jupyter/base-notebook:2021-12-01").exists is None  # only a run by hand could have made it


# --------------------------------------------------------------------------- more families
def test_pangeo_tags_from_their_lock_files():
    # pangeo-docker-images tag 2024.06.24: pangeo-notebook/packages.txt lists jupyterhub-singleuser==5.0.0,
    # jupyterlab==4.2.2, notebook==7.2.1, jupyter_server==2.14.1, python==3.12.4
    got = info("pangeo/pangeo-notebook:2024.06.24")
    assert {f: got.facts[f].value for f in ("jupyterhub", "jupyterlab", "notebook", "jupyter_server", "python")} == {
        "jupyterhub": "5.0.0", "jupyterlab": "4.2.2", "notebook": "7.2.1", "jupyter_server": "2.14.1",
        "python": "3.12.4"}
    assert got.hub_package == "conda:jupyterhub-singleuser" and got.exists is True
    assert info("pangeo/pangeo-notebook:2024.06.25").exists is False  # no such git tag
    assert fact("pangeo/pangeo-notebook:latest", "jupyterhub").state == "unknown"


# --------------------------------------------------------------------------- the rules never fire on an unknown
UNKNOWN_HUB = "quay.io/jupyter/base-notebook:latest"  # `latest` moves: jupyterhub unknown
SERIES_HUB = "jupyter/base-notebook:5d512c34edf1"  # jupyterhub 1.4.2 or 1.5.0 (E6): only the major, 1.x
UNKNOWN_SERVER = "quay.io/jupyter/base-notebook:2026-07-28"  # jupyterlab and notebook past their feedstocks (E4)
KNOWN_HUB = "jupyter/base-notebook:8e693aad7dcc"  # jupyterhub 1.4.2 (docker-stacks #1426 quotes it)
TAIL = "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


def found(text, **options):
    return [c for c, _ in codes(text, **options)]


def test_hub201_never_on_an_unknown_jupyterhub():
    assert info(UNKNOWN_HUB).facts["jupyterhub"].state == "unknown"
    assert "HUB201" not in found(f"FROM {UNKNOWN_HUB}\n{TAIL}")
    assert "HUB201" in found(f"FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\n{TAIL}")  # absent


def test_hub202_never_on_an_unknown_server():
    assert {info(UNKNOWN_SERVER).facts[f].state for f in ("jupyterlab", "notebook")} == {"unknown"}
    assert "HUB202" not in found(f"FROM {UNKNOWN_SERVER}\n{TAIL}")
    assert "HUB202" not in found(f"FROM {UNKNOWN_SERVER}\nRUN pip install 'jupyterhub==1.1.0'\n{TAIL}")
    assert "HUB202" in found(f"FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\n"
                             f"RUN pip install 'jupyterhub==5.3.0'\n{TAIL}")


def test_hub204_on_an_unknown_jupyterhub_only_as_an_info_for_a_moving_latest():
    from conftest import lint

    assert "HUB204" not in found(f"FROM {UNKNOWN_HUB}@sha256:{'ab' * 32}\n{TAIL}", hub_version="2.0.0")
    # but a moving `latest` gives a build now the newest major: said as an info, never an error
    moving = [f for f in lint(f"FROM {UNKNOWN_HUB}\n{TAIL}", hub_version="2.0.0") if f.code == "HUB204"]
    assert [(f.severity, "now gives" in f.message) for f in moving] == [("info", True)]
    assert "HUB204" in found(f"FROM {KNOWN_HUB}\n{TAIL}", hub_version="2.0.0")


def test_hub204_on_a_jupyterhub_known_only_by_its_major():
    """A base whose builds may have had 1.4.2 or 1.5.0 has jupyterhub 1.x: no version it may have fits a 2.0 Hub
    (HUB204), while a 1.4 Hub is not judged (1.x admits it)."""
    fact = info(SERIES_HUB).facts["jupyterhub"]
    assert (fact.state, fact.value) == ("value", "1.*") and "1.4.2 or 1.5.0" in fact.reason
    assert "HUB204" in found(f"FROM {SERIES_HUB}\n{TAIL}", hub_version="2.0.0")
    assert not {"HUB204", "HUB205"} & set(found(f"FROM {SERIES_HUB}\n{TAIL}", hub_version="1.4.1"))


MAJORS_HUB = "jupyter/minimal-notebook:python-3.10"  # its builds got jupyterhub 3.0.0 … 4.0.0: 3.x or 4.x


def test_hub204_on_a_jupyterhub_known_only_as_one_of_several_majors(tmp_path, run_cli):
    """A tag that moved across a major release has an unknown jupyterhub, one of the majors its builds had: no
    version is claimed (no HUB205, nothing for other rules), but a Hub of another major fits none of them."""
    from hublint.image.stacksdata import _combine

    fact = info(MAJORS_HUB).facts["jupyterhub"]
    assert (fact.state, fact.alternatives, fact.version) == ("unknown", "3.*|4.*", None)
    merged = [["?", "merge", "3.1.1", "4.0.0"]]
    assert _combine(merged, "jupyterhub").alternatives == "3.*|4.*"
    assert _combine(merged, "jupyterlab").alternatives is None  # only the Hub's major is worth keeping
    assert "HUB204" in found(f"FROM {MAJORS_HUB}\n{TAIL}", hub_version="5.2.1")
    for hub in ("4.0.2", "3.1.1"):
        assert not {"HUB204", "HUB205"} & set(found(f"FROM {MAJORS_HUB}\n{TAIL}", hub_version=hub))
    pinned = f"FROM {MAJORS_HUB}\nRUN pip install 'jupyterhub==5.2.1'\n{TAIL}"
    assert "HUB204" not in found(pinned, hub_version="5.2.1")
    # a deployment that spawns it by name: the same judgement on the configuration
    name, tag = MAJORS_HUB.split(":")
    values = "hub:\n  image:\n    name: quay.io/jupyterhub/k8s-hub\n    tag: '4.2.0'\n"  # JupyterHub 5.3.0
    found_in = lint_in(tmp_path, {"values.yaml": f"{values}singleuser:\n  image:\n    name: {name}\n    tag: {tag}\n"})
    assert [(f.path, f.code) for f in found_in if f.code == "HUB204"] == [("values.yaml", "HUB204")]
    _, out, _ = run_cli("--show-image", MAJORS_HUB)
    assert "jupyterhub:     unknown (3.x or 4.x): " in out
    assert show_json(run_cli, MAJORS_HUB)["fields"]["jupyterhub"]["one_of"] == ["3.*", "4.*"]


def test_hub205_never_on_an_unknown_or_a_series():
    assert "HUB205" not in found(f"FROM {UNKNOWN_HUB}\n{TAIL}", hub_version="1.4.1")
    # 4.1.1 or 4.1.2: the series 4.1.x is compatible with 4.1.2, but not known to differ from it
    assert "HUB205" not in found(f"FROM quay.io/jupyter/base-notebook:b9553a8e5d33\n{TAIL}", hub_version="4.1.2")
    assert "HUB205" in found(f"FROM {KNOWN_HUB}\n{TAIL}", hub_version="1.4.1")


def test_hub210_never_on_an_unknown_jupyterlab():
    pin = "RUN pip install 'notebook==7.2.2'\n"  # needs jupyterlab <4.3
    assert "HUB210" not in found(f"FROM {UNKNOWN_SERVER}\n{pin}{TAIL}")
    assert "HUB210" in found(f"FROM quay.io/jupyter/base-notebook:2025-01-06\n{pin}{TAIL}")  # jupyterlab 4.3.4


# --------------------------------------------------------------------------- structure and cost
def test_show_image_text_states_every_answer(run_cli):
    _, out, _ = run_cli("--show-image", "jupyter/base-notebook:hub-1.4.1")
    assert "jupyterhub:     unknown: docker-stacks' documentation: tags before 2022-07-05" in out
    assert "published:      unknown (" in out
    stream = io.StringIO()
    from hublint.cli.show import image_facts

    doc = image_facts("registry.example.org/team/image:1")
    stream.write(json.dumps(doc))
    assert doc["family"] is None and all(f["state"] == "unknown" for f in doc["fields"].values())
