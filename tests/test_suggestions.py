"""What the help lines suggest installing: the Hub's jupyterhub when its version is known, "the newest known"
(said so) otherwise — never two numbers for one situation, never a phrase twice, never `latest`."""

import re

from conftest import lint

OLD_PYTHON = 'FROM python:3.7-slim\nRUN pip install {spec} jupyterlab\nUSER 1000\nCMD ["jupyterhub-singleuser"]\n'


def _helps(text, **options):
    return {f.code: f.help or "" for f in lint(text, **options)}


def _versions(help_text):
    return set(re.findall(r"jupyterhub(?:-singleuser)?={1,2}([0-9][0-9.]*)", help_text))


def test_hub203_says_the_hubs_version_once():
    helps = _helps(OLD_PYTHON.format(spec="jupyterhub"))
    assert "the Hub's version: the Hub's version" not in helps["HUB203"]
    assert helps["HUB203"].count("the Hub's version") == 1
    # not known: the newest known release that the image's Python runs, said so
    assert helps["HUB203"].startswith("pin the Hub's version, e.g. the newest known for Python 3.7: `pip install")
    known = _helps(OLD_PYTHON.format(spec="jupyterhub"), hub_version="4.1.6")
    assert known["HUB203"] == "pin the Hub's version: `pip install 'jupyterhub==4.1.6'`"


def test_one_number_for_the_hub_when_it_is_known():
    """Every jupyterhub version a help line names is the Hub's."""
    for spec in ("jupyterhub", "'jupyterhub==5.2.1'", "'jupyterhub>=5'"):
        helps = _helps(OLD_PYTHON.format(spec=spec), hub_version="4.1.6")
        named = set().union(*(_versions(h) for h in helps.values()))
        assert named <= {"4.1.6"}, (spec, helps)
    helps = _helps(OLD_PYTHON.format(spec="'jupyterhub==5.2.1'"), hub_version="4.1.6")
    assert helps["HUB105"].endswith("or install the Hub's jupyterhub (`jupyterhub==4.1.6`)")


def test_the_newest_known_when_the_hub_is_not_known():
    helps = _helps(OLD_PYTHON.format(spec="'jupyterhub==5.2.1'"))
    assert "the newest jupyterhub known to support Python 3.7" in helps["HUB105"]
    # a Hub whose own version does not run on the image's Python: no other number is offered in its place
    helps = _helps(OLD_PYTHON.format(spec="'jupyterhub==5.2.1'"), hub_version="5.2.1")
    assert _versions(helps["HUB105"]) == set() and "Python 3.8 or newer" in helps["HUB105"]


def test_hub104_never_suggests_latest():
    helps = _helps("FROM jupyter/base-notebook:latest\n")
    assert ":latest" not in helps["HUB104"] and "dated tag" in helps["HUB104"]
    example = re.search(r"`quay\.io/jupyter/base-notebook:([0-9-]+)`", helps["HUB104"])
    assert example is not None and f"base-notebook:{example.group(1)}`" in helps["HUB102"]  # HUB102's tag
