"""Package discovery only (the metadata is in pyproject.toml).

Every package under ``hublint/`` is found (``find_packages``), so a new sub-package cannot be left out of the
wheel; the rule pages in ``rules/`` ship as the package ``hublint.catalog`` (``--explain`` reads them there).
``tests/test_wheel.py`` checks the built wheel against the source tree.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["hublint", "hublint.*"]), "hublint.catalog"],
    package_dir={"hublint.catalog": "rules"},
)
