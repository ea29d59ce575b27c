"""The reference for tests/test_differential.py: BuildKit's parser (PyPI `dockerfile`, a compiled wrapper of
BuildKit's Go parser), as a child process that reads one JSON request per line (a Dockerfile's text) and
answers one JSON line (its instructions, or the parser's error).  Instruction names are given as written:
BuildKit dispatches on Go's ``strings.ToLower`` of them, which the test applies.  Run in its own process so that a crash or a
hang of the reference is "no verdict", never a failure of hublint's tests."""

import json
import sys


def describe(text: str) -> dict:
    import dockerfile

    try:
        commands = dockerfile.parse_string(text)
    except dockerfile.GoParseError as exc:
        return {"ok": False, "error": str(exc)}
    except UnicodeDecodeError as exc:  # a value that is not UTF-8 (HEALTHCHECK's type cut inside a character)
        return {"ok": None, "error": str(exc)}
    return {"ok": True, "instructions": [
        {"cmd": c.cmd or "", "sub": c.sub_cmd or None, "json": c.json,
         "start": c.start_line, "end": c.end_line, "flags": list(c.flags), "value": list(c.value),
         "original": c.original, "heredocs": [[h.name, h.content] for h in c.heredocs]}
        for c in commands]}


def main() -> None:
    for line in sys.stdin:
        text = json.loads(line)
        sys.stdout.write(json.dumps(describe(text)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
