"""conda, mamba and micromamba installs: ``install``/``create``/``env update``, MatchSpecs, environment files —
the conda reader of :class:`hublint.image.install_analysis.InstallAnalyzer` (an environment file's ``pip:``
section goes to the pip reader it builds on)."""

from __future__ import annotations

import posixpath
import re

from ..dockerfile.expand import UNKNOWN, is_known
from ..dockerfile.shell import Command, Word
from ..lazy import pattern
from .installs import _NAME, Unknown, _glued_redirects, _option_value, _parse_pep508
from .pipinstalls import PipReader
from .versions import VersionSet, conda_version_set, pip_version_set

_CONDA_VALUE_OPTS = {
    "-c",
    "--channel",
    "-n",
    "--name",
    "-p",
    "--prefix",
    "--file",
    "-f",
    "--solver",
    "--repodata-fn",
    "--platform",
    "--subdir",
    "--experimental-solver",
    "-r",
    "--root-prefix",
    "--rc-file",
    "--channel-alias",
    "--relocate-prefix",
    "--category",
    "--log-level",
}


_CONDA_SPEC = pattern(r"(?:[^:\s]+::)?([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(?:\[(.*)\])?\s*(.*)\Z")


def _conda_versions(spec: str) -> VersionSet | None:
    return conda_version_set(spec)


def conda_root(env, run: str = "") -> str:
    """Where conda keeps its environments (``<root>/envs/NAME``): ``CONDA_DIR`` (docker-stacks, repo2docker),
    ``MAMBA_ROOT_PREFIX``, else a ``CONDA_PREFIX`` the Dockerfile sets to conda's own prefix — its ``bin`` on
    ``PATH`` (``ENV PATH ${CONDA_PREFIX}/bin:$PATH``), or its ``bin/conda`` run by the ``RUN`` (``run``: its text),
    not one inside ``envs/`` (an environment's) —, else ``/opt/conda``."""
    prefix = env.get("CONDA_PREFIX")
    if prefix is not None:
        own = f"{prefix.rstrip('/')}/bin"
        ran = any(f"{p}/bin/conda" in run for p in ("$CONDA_PREFIX", "${CONDA_PREFIX}", prefix.rstrip("/")))
        if "/envs/" in prefix or not (own in (env.get("PATH") or "").split(":") or ran):
            prefix = None
    return env.get("CONDA_DIR") or env.get("MAMBA_ROOT_PREFIX") or prefix or "/opt/conda"


class CondaReader(PipReader):
    # ---- conda
    def conda(self, cmd: Command, words: list[Word], stage, steps, idx, cwds, step) -> None:
        self.named = False
        k = 0
        while k < len(words) and words[k].value.startswith("-"):
            k += 1
        if k >= len(words):
            return
        sub = words[k].value
        env_mode = False
        if sub == "env" and k + 1 < len(words) and words[k + 1].value in ("update", "create"):
            env_mode = True
            k += 1
        elif sub not in ("install", "create", "update"):
            return
        args = words[k + 1 :]
        redirected = _glued_redirects(cmd)
        files: list[Word] = []
        specs: list[Word] = []
        i = 0
        while i < len(args):
            w = args[i]
            v = w.value
            if v.startswith("-") and v != "-":
                name, eq, inline = v.partition("=")
                if name in _CONDA_VALUE_OPTS:
                    value_word, i = _option_value(w, inline if eq else None, args, i)
                    if name in ("--file", "-f") and value_word is not None:
                        files.append(value_word)
                    elif name in ("-n", "--name") and value_word is not None:
                        self.named = True
                        env = value_word.value
                        root = conda_root(step.env, step.instruction.args)
                        self.prefix = (
                            None
                            if env == "base"
                            else f"{root}/envs/{env}"
                            if is_known(root) and is_known(env)
                            else UNKNOWN
                        )
                    elif name in ("-p", "--prefix") and value_word is not None:
                        self.named = True
                        self.prefix = value_word.value.rstrip("/") or None
                i += 1
                continue
            specs.append(w)
            i += 1
        if env_mode and not files and not specs:
            files.append(Word("environment.yml", "environment.yml", words[k].start, words[k].end, False))
        for w in specs:
            redirect = redirected.get(id(w))
            if redirect is not None:
                self._redirected_spec(cmd, w, w.value, redirect, "conda")
            self._conda_spec(cmd, w, w.value, stage, idx, upgrade=sub == "update")
        for fw in files:
            self._conda_file(cmd, fw, stage, steps, idx, cwds, env_mode)

    def _conda_spec(self, cmd, w: Word, value: str, stage, idx, anchor=None, source=None, upgrade=False) -> None:
        """One conda spec; ``upgrade`` for ``conda update`` (which updates what the image has, or fails)."""
        anchor = anchor or self._anchor(cmd, w)
        if "$(" in w.raw or "`" in w.raw:
            self.report.unknown.append(Unknown(anchor, f"`{w.raw}` comes from a command substitution"))
            return
        if UNKNOWN in value:
            m = _NAME.match(value)
            if m and UNKNOWN not in m.group(0) and m.end() < len(value) and value[m.end()] in "=<>! [":
                self._add("conda", m.group(0), None, value, upgrade, anchor, stage, idx, source, cmd=cmd, word=w)
            else:
                self.report.unknown.append(Unknown(anchor, f"`{w.raw}` has an unresolved variable"))
            return
        if "://" in value or value.startswith((".", "/")) or value.endswith((".tar.bz2", ".conda")):
            self.report.unknown.append(Unknown(anchor, f"`{value}` is a path or URL"))
            return
        m = _CONDA_SPEC.match(value.strip())
        if not m:
            return
        name, bracket, version = m.group(1), m.group(2), m.group(3)
        if bracket:
            bm = re.search(r"version\s*=\s*['\"]?([^'\",\]]+(?:,[^'\",\]]+)*)", bracket)
            version = bm.group(1) if bm else version
        if version.startswith("=") and not version.startswith("=="):
            version = "=" + version[1:].split("=", 1)[0]
        elif " " in version.strip():
            version = version.split()[0]
        versions = _conda_versions(version)
        self._add("conda", name, versions, value, upgrade, anchor, stage, idx, source, cmd=cmd, word=w)

    def _conda_file(self, cmd, fw: Word, stage, steps, idx, cwds, env_mode) -> None:
        _full, text = self._file(fw.value, steps, idx, cwds)
        anchor = self._anchor(cmd, fw)
        if text is None:
            self.report.unknown.append(Unknown(anchor, f"`{fw.value}` cannot be read from the build context"))
            return
        if fw.value.endswith((".yml", ".yaml")) or env_mode:
            self._environment_yml(cmd, fw, text, stage, steps, idx, cwds, anchor)
            return
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("@"):
                continue
            if "://" in line:
                self.report.unknown.append(Unknown(anchor, f"explicit package URL in `{fw.value}`"))
                return
            self._conda_spec(cmd, Word(line, line, 0, 0, False), line, stage, idx, anchor, fw.value)

    def _environment_yml(self, cmd, fw, text, stage, steps, idx, cwds, anchor) -> None:
        try:
            import yaml
        except ImportError:  # pragma: no cover - PyYAML is a dependency
            self.report.unknown.append(Unknown(anchor, "PyYAML is not installed"))
            return
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            self.report.unknown.append(Unknown(anchor, f"`{fw.value}` is not valid YAML"))
            return
        deps = data.get("dependencies") if isinstance(data, dict) else None
        if not isinstance(deps, list):
            return
        env = data.get("name")
        if not getattr(self, "named", False) and isinstance(env, str) and env != "base":
            # `conda env create -f environment.yml` (and `env update` without -n) use the file's `name:`
            root = conda_root(self.step.env, self.step.instruction.args)
            self.prefix = f"{root}/envs/{env}" if is_known(root) else UNKNOWN
        from .pep440 import specifier_set as SpecifierSet

        for dep in deps:
            if isinstance(dep, str):
                self._conda_spec(cmd, Word(dep, dep, 0, 0, False), dep, stage, idx, anchor, fw.value)
            elif isinstance(dep, dict) and isinstance(dep.get("pip"), list):
                for item in dep["pip"]:
                    if not isinstance(item, str):
                        continue
                    if item.startswith("-r"):
                        nested = item[2:].strip()
                        base = posixpath.dirname(fw.value)
                        self._requirements(
                            cmd, fw, stage, steps, idx, cwds, False, False, 1, posixpath.join(base, nested)
                        )
                        continue
                    if item.startswith("-") or ("://" in item and "@" not in item):
                        if not item.startswith("--"):
                            self.report.unknown.append(Unknown(anchor, f"`{item}` in `{fw.value}`"))
                        continue
                    req = _parse_pep508(item)
                    if req is not None:
                        self._add(
                            "pip",
                            req.name,
                            pip_version_set(SpecifierSet(str(req.specifier)), str(req.specifier)),
                            item,
                            False,
                            anchor,
                            stage,
                            idx,
                            fw.value,
                        )
