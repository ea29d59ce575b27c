"""hublint.image.pep440 (plain versions and specifiers without `packaging`) agrees with `packaging`, the
reference: on generated versions and specifier sets, and on every specifier of the corpora's installs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from hublint.image import pep440

releases = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts)))
operators = st.sampled_from(["==", "!=", ">=", "<=", ">", "<", "~="])


@st.composite
def clauses(draw):
    op = draw(operators)
    v = draw(releases)
    if op == "~=" and "." not in v:
        v += ".0"
    if op in ("==", "!=") and draw(st.booleans()):
        return f"{op}{v}.*"
    return f"{op}{v}"


spec_sets = st.lists(clauses(), min_size=0, max_size=3).map(",".join)


@settings(max_examples=600, deadline=None)
@given(spec_sets, releases)
def test_contains_agrees_with_packaging(spec, version):
    fast = pep440.specifier_set(spec)
    assert isinstance(fast, pep440.Specifiers)
    assert fast.contains(pep440.version(version), prereleases=True) == \
        SpecifierSet(spec).contains(Version(version), prereleases=True), (spec, version)


@settings(max_examples=400, deadline=None)
@given(releases, releases)
def test_ordering_and_equality_agree_with_packaging(a, b):
    fa, fb = pep440.version(a), pep440.version(b)
    pa, pb = Version(a), Version(b)
    assert (fa < fb, fa <= fb, fa == fb, fa > fb, fa >= fb) == (pa < pb, pa <= pb, pa == pb, pa > pb, pa >= pb)
    if fa == fb:
        assert hash(fa) == hash(fb)  # 1.0 and 1.0.0 are one version
    # mixed: a fast release against packaging's Version, both ways
    assert (fa < pb, pa < fb, fa == pb) == (pa < pb, pa < pb, pa == pb)
    assert (fa.major, fa.minor, fa.release, fa.base_version) == (pa.major, pa.minor, pa.release, pa.base_version)


@pytest.mark.parametrize("text", ["5.3.0rc1", "1!2.0", "2.0.post1", "2.0.dev3", "2.0+local", "v2.0", "2.0a1"])
def test_unusual_versions_go_to_packaging(text):
    assert isinstance(pep440.version(text), Version)
    assert pep440.version(text) == Version(text)


@pytest.mark.parametrize("spec", ["===1.0", ">=4.0rc1", "==1.0.post1", "~=1", ">=1.*", "<2.0a0"])
def test_unusual_specifiers_go_to_packaging(spec):
    try:
        expected = SpecifierSet(spec)
    except ValueError:
        with pytest.raises(ValueError):
            pep440.specifier_set(spec)
        return
    got = pep440.specifier_set(spec)
    assert isinstance(got, SpecifierSet) and str(got) == str(expected)


def test_a_fast_set_judges_a_pre_release_through_packaging():
    fast = pep440.specifier_set(">=4,<5")
    assert fast.contains(Version("4.1.0rc1"), prereleases=True) is True
    assert fast.contains(Version("5.0.0rc1"), prereleases=True) is False


def test_every_specifier_of_the_corpora():
    from conftest import shared_dir

    import hublint
    from hublint.image.install_analysis import analyze_installs

    corpus = shared_dir("corpus", "real")
    specs = set()
    for path in sorted(corpus.iterdir()):
        if path.suffix in (".tsv", ".md"):
            continue
        try:
            df = hublint.parse(path.read_bytes())
        except hublint.ParseError:
            continue
        for inst in analyze_installs(df.stages, df.escape, str(corpus)).installs:
            if inst.versions is not None:
                specs.update(str(alt) for alt in inst.versions.alternatives)
    assert len(specs) > 20
    probes = ["0.9.4", "1.0", "1.1.0", "2.0.0", "3.1.1", "4.0.2", "4.1.5", "4.1.6", "5.0.0", "5.2.1", "5.3.0",
              "6.1.1", "7.0.0", "7.3.2", "10"]
    for spec in sorted(specs):
        fast, reference = pep440.specifier_set(spec), SpecifierSet(spec)
        for probe in probes:
            assert fast.contains(pep440.version(probe), prereleases=True) == \
                reference.contains(Version(probe), prereleases=True), (spec, probe)
