from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_unknown_entries_are_reported_at_the_entry():
    (f,) = lint(f"{BASE}# hublint global ignore=HUB3O1, root-user\nRUN true\n")
    assert (f.code, f.line, f.column, f.end_column) == ("HUB002", 2, 25, 31)


def test_codes_names_and_prefixes_are_known():
    assert codes(f"{BASE}# hublint ignore=HUB3, root-user, HUB301  # why\nUSER root\n") == []


def test_pragmas_off():
    assert codes(f"{BASE}# hublint ignore=HUB301\nUSER root\n", inline_ignores=False) == [("HUB301", 3)]
