"""Data files shipped with hublint (image knowledge, the JSON schema of ``--format json``)."""

import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def read_text(name: str) -> str:
    """A data file's text.  Read from the package folder (cheaper than importlib.resources at start-up);
    importlib.resources is the fallback for a zipped install."""
    try:
        with open(os.path.join(_HERE, name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        from importlib.resources import files

        return files(__name__).joinpath(name).read_text("utf-8")
