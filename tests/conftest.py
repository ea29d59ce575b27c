import os
import pathlib
import sys

import pytest

# the run cache stays out of the tests (tests/test_cache.py turns it on where it is the subject)
os.environ["HUBLINT_NO_CACHE"] = "1"

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("HUBLINT_SHARED", ROOT.parent / "shared"))
FIXTURES = ROOT / "fixtures"


def shared_dir(*parts: str) -> pathlib.Path:
    """A folder of ../shared, or skip: a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (it exists only next to the hublint developers' checkout)")
    return path


def lint(text: str, **options):
    """Rule tests judge a single-user image by construction (``role`` defaults to singleuser; the role tests
    pass ``role="auto"``)."""
    import hublint

    options.setdefault("role", "singleuser")
    return hublint.lint_text(text, **options)


def codes(text: str, **options):
    return [(f.code, f.line) for f in lint(text, **options)]


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process: returns (exit status, stdout, stderr)."""
    from hublint.cli import main

    def run(*args, stdin: bytes | None = None, monkeypatch=None):
        import io

        if stdin is not None:
            old = sys.stdin
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        try:
            status = main(list(args))
        finally:
            if stdin is not None:
                sys.stdin = old
        cap = capsys.readouterr()
        return status, cap.out, cap.err

    return run
