"""pip (``pip``, ``pipX.Y``, ``python -m pip``, ``uv pip``) installs: options, specs, requirements and
constraints files — the pip half of :class:`hublint.image.install_analysis.InstallAnalyzer`."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache

from ..dockerfile.expand import UNKNOWN
from ..dockerfile.shell import Command, Word
from ..edits import Edit, Fix
from ..lazy import pattern
from .installs import (
    _NAME,
    InstallReader,
    Invalid,
    Unknown,
    _glued_redirects,
    _option_value,
    _parse_pep508,
    _requirement,
    _word_anchor,
    normalise,
)
from .pep440 import specifier_set
from .versions import VersionSet, pip_version_set

_PIP_VALUE_OPTS = {
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--upgrade-strategy",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--only-binary",
    "--no-binary",
    "--progress-bar",
    "--log",
    "--cache-dir",
    "--trusted-host",
    "--proxy",
    "--retries",
    "--timeout",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--global-option",
    "--config-settings",
    "-C",
    "--report",
    "--root-user-action",
    "--install-option",
    "--python",
    "-p",
    "--group",
    "--override",
    "--index",
    "--default-index",
    "--index-strategy",
    "--keyring-provider",
    "--resolution",
    "--prerelease",
    "--exclude-newer",
    "--link-mode",
    "--build-constraint",
    "-b",
}


_PIP_SHORT_VALUE = set("rcei ftCpb".replace(" ", ""))


_PIP_SINGLE_EQ = pattern(r"([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)=(?![=~])(.+)\Z")


_SINGLE_EQ_IN_RAW = pattern(r"(?<![=<>!~])=(?![=~])")


# a spec written many times (`pip install a a a …`) is parsed once; only read here, never kept in a finding
_spec_requirement = lru_cache(maxsize=256)(_requirement)


@lru_cache(maxsize=256)  # the same spec written many times is one value (read only, as above)
def _pip_versions(spec: str) -> VersionSet:
    return pip_version_set(specifier_set(spec), spec)


def _requirement_lines(text: str) -> Iterator[str]:
    buf = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            buf += line[:-1]
            continue
        line = buf + line
        buf = ""
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if line:
            yield line


def _is_folder(value: str) -> bool:
    """``.``, ``./app``, ``/srv/app/``: a local project folder (not an archive, a URL or a file with a suffix)."""
    base = posixpath.basename(value.rstrip("/"))
    return "://" not in value and UNKNOWN not in value and (value in (".", "./") or "." not in base)


class PipReader(InstallReader):
    def _project(self, cmd, word: Word, path: str, stage, steps, idx) -> bool:
        """A project install (its pyproject.toml's dependencies, :mod:`.projectinstalls`); False: unreadable."""
        from .contextfiles import workdirs
        from .projectinstalls import add_project

        return add_project(self, cmd, word, path, stage, steps, idx, workdirs(steps, self.esc))

    # ---- pip
    def pip(self, cmd: Command, words: list[Word], stage, steps, idx, cwds, step) -> None:
        k = 0
        while k < len(words) and words[k].value.startswith("-"):
            k += (
                2
                if words[k].value
                in (
                    "--log",
                    "--proxy",
                    "--retries",
                    "--timeout",
                    "--exists-action",
                    "--trusted-host",
                    "--cert",
                    "--client-cert",
                    "--cache-dir",
                    "--python",
                )
                else 1
            )
        if k >= len(words) or words[k].value != "install":
            return
        upgrade, specs, req_files, constraint_files = self._pip_arguments(cmd, words[k + 1 :])
        constraints_unknown = False
        constraints: dict[str, str] = {}
        for cw in constraint_files:
            _, text = self._file(cw.value, steps, idx, cwds)
            if text is None:
                constraints_unknown = True
                continue
            for line in _requirement_lines(text):
                req = _parse_pep508(line)
                if req is not None:
                    constraints[normalise(req.name)] = str(req.specifier)
        redirected = _glued_redirects(cmd)
        for w in specs:
            self._pip_spec(cmd, w, stage, steps, idx, upgrade, constraints, constraints_unknown, redirected.get(id(w)))
        for rw in req_files:
            self._requirements(cmd, rw, stage, steps, idx, cwds, upgrade, constraints_unknown, depth=0)

    def _pip_arguments(self, cmd: Command, args: list[Word]) -> tuple[bool, list[Word], list[Word], list[Word]]:
        """``pip install``'s arguments: (whether it upgrades, the specs, the -r files, the -c files); the
        options that choose where it installs set ``self.prefix``."""
        upgrade = False
        specs: list[Word] = []
        req_files: list[Word] = []
        constraint_files: list[Word] = []
        i = 0
        only_positional = False
        while i < len(args):
            w = args[i]
            v = w.value
            if only_positional or not v.startswith("-") or v == "-":
                specs.append(w)
                i += 1
                continue
            if v == "--":
                only_positional = True
                i += 1
                continue
            name, eq, inline = v.partition("=")
            if v.startswith("--"):
                if name in ("--upgrade",):
                    upgrade = True
                if name == "--user":
                    self.prefix = "~/.local"
                if name == "--system":
                    self.prefix = None
                if name in _PIP_VALUE_OPTS:
                    value_word, i = _option_value(w, inline if eq else None, args, i)
                    self._pip_value(name, value_word, cmd, req_files, constraint_files)
                    if name in ("--prefix", "--target") and value_word is not None:
                        self.prefix = value_word.value.rstrip("/") or None
                    elif name == "--python" and value_word is not None and "/bin/" in value_word.value:
                        self.prefix = value_word.value.rsplit("/bin/", 1)[0] or None
                i += 1
                continue
            # short options, possibly clustered: -U, -q, -r file, -Ur file, -rfile
            cluster = v[1:]
            j = 0
            while j < len(cluster):
                ch = cluster[j]
                if ch == "U":
                    upgrade = True
                if ch in _PIP_SHORT_VALUE:
                    value_word, i = _option_value(w, cluster[j + 1 :] or None, args, i)
                    self._pip_value(f"-{ch}", value_word, cmd, req_files, constraint_files)
                    break
                j += 1
            i += 1
        return upgrade, specs, req_files, constraint_files

    def _pip_value(self, name, word, cmd, req_files, constraint_files) -> None:
        if word is None:
            return
        if name in ("-r", "--requirement"):
            req_files.append(word)
        elif name in ("-c", "--constraint", "--override", "--build-constraint", "-b"):
            constraint_files.append(word)
        elif name in ("-e", "--editable"):
            self._unknown(cmd, word, f"editable install of `{word.value}`")

    def _pip_spec(self, cmd, w: Word, stage, steps, idx, upgrade, constraints, constraints_unknown, redirect) -> None:
        raw, value = w.raw, w.value
        anchor = self._anchor(cmd, w)
        if "$(" in raw or "`" in raw:
            self.report.unknown.append(Unknown(anchor, f"`{raw}` comes from a command substitution"))
            return
        if UNKNOWN in value:
            m = _NAME.match(value)
            if m and m.end() < len(value) and value[m.end()] in "=<>!~[;@ " and UNKNOWN not in m.group(0):
                self._add("pip", m.group(0), None, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)
            else:
                self.report.unknown.append(Unknown(anchor, f"`{raw}` has an unresolved variable"))
            return
        if (
            "://" in value
            or value.startswith((".", "/", "~"))
            or value.endswith((".whl", ".tar.gz", ".zip"))
            or ("/" in value and "@" not in value)
        ):
            if _is_folder(value) and self._project(cmd, w, value, stage, steps, idx):
                return  # a project folder: its pyproject.toml's dependencies
            self.report.unknown.append(Unknown(anchor, f"`{value}` is a path or URL"))
            return
        if redirect is not None:
            self._redirected_spec(cmd, w, value, redirect, "pip")
        m = _PIP_SINGLE_EQ.match(value)
        if m:
            fix = None
            single = _SINGLE_EQ_IN_RAW.search(raw)
            if cmd.exact and single:
                start = _word_anchor(cmd, w)
                fixed = raw[: single.start()] + "==" + raw[single.end() :]
                fix = Fix(
                    f"write `{m.group(1)}=={m.group(2)}`",
                    "safe",
                    (Edit(start[0], start[1], start[2], start[3], fixed),),
                )
            self.report.invalid.append(
                Invalid(
                    anchor,
                    f"`{value}` is not a valid pip requirement: pip has no `=` operator (conda has)",
                    fix,
                    f"write `{m.group(1)}=={m.group(2)}`",
                )
            )
            value = f"{m.group(1)}=={m.group(2)}"
        req = _spec_requirement(value)
        if isinstance(req, str):
            self.report.invalid.append(
                Invalid(anchor, f"`{value}` is not a valid pip requirement (PEP 508)", None, f"pip says: {req}")
            )
            return
        name = normalise(req.name)
        if req.url:
            self._add("pip", name, None, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)
            return
        if constraints_unknown:
            versions = None
        else:
            spec = req.specifier
            if constraints.get(name):
                spec = specifier_set(",".join(x for x in (str(spec), constraints[name]) if x))
            versions = _pip_versions(str(spec))
        self._add("pip", name, versions, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)

    def _redirected_spec(self, cmd: Command, w: Word, value: str, redirect, installer: str) -> None:
        """HUB206: ``pip install jupyterhub>=4`` — the shell takes ``>=4`` as a redirection."""
        anchor = self._anchor(cmd, w)
        target = redirect.target.value if redirect.target else ""
        written = f"{value}{redirect.op}{target}"
        fix = None
        if cmd.exact and redirect.target is not None and not redirect.target.quoted and "'" not in written:
            start = _word_anchor(cmd, w)
            end = _word_anchor(cmd, redirect.target)
            fix = Fix(f"quote `{written}`", "safe", (Edit(start[0], start[1], end[2], end[3], f"'{written}'"),))
        if redirect.target is not None:
            end = _word_anchor(cmd, redirect.target)
            anchor = (*anchor[:2], end[2], end[3])  # the spec and what the shell took from it
        self.report.invalid.append(
            Invalid(
                anchor,
                (
                    f"`{written}` is not quoted: the shell takes `{redirect.op}{target}` as a redirection, "
                    f"so {installer} installs `{value}` of any version"
                ),
                fix,
                f"quote it: `'{written}'`",
            )
        )

    def _requirements(
        self, cmd, word: Word, stage, steps, idx, cwds, upgrade, constraints_unknown, depth, path: str | None = None
    ) -> None:
        from .pep440 import specifier_set as SpecifierSet

        path = path or word.value
        if posixpath.basename(path) == "pyproject.toml" and self._project(cmd, word, path, stage, steps, idx):
            return  # `uv pip install -r pyproject.toml`: the project's dependencies
        _full, text = self._file(path, steps, idx, cwds)
        anchor = self._anchor(cmd, word)
        if text is None:
            self.report.unknown.append(
                Unknown(anchor, f"requirements file `{path}` cannot be read from the build context")
            )
            return
        for line in _requirement_lines(text):
            if line.startswith(("-r ", "--requirement ", "-r", "--requirement=")) and depth < 5:
                nested = re.sub(r"^(?:-r|--requirement)[= ]?\s*", "", line)
                nested_path = posixpath.join(posixpath.dirname(path), nested) if not nested.startswith("/") else nested
                self._requirements(
                    cmd, word, stage, steps, idx, cwds, upgrade, constraints_unknown, depth + 1, nested_path
                )
                continue
            if line.startswith(("-e", "--editable")) or ("://" in line.split(";")[0] and "@" not in line):
                self.report.unknown.append(Unknown(anchor, f"`{line}` in `{path}`"))
                continue
            if line.startswith("-"):
                continue
            if "${" in line:
                req_name = _NAME.match(line)
                if req_name:
                    self._add("pip", req_name.group(0), None, line, upgrade, anchor, stage, idx, source=path)
                else:
                    self.report.unknown.append(Unknown(anchor, f"`{line}` in `{path}`"))
                continue
            req = _parse_pep508(line)
            if req is None:
                continue
            versions = (
                None if constraints_unknown else pip_version_set(SpecifierSet(str(req.specifier)), str(req.specifier))
            )
            self._add("pip", req.name, versions, line, upgrade, anchor, stage, idx, source=path)
