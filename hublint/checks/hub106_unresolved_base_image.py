"""HUB106 unresolved-base-image: the chain's base image is a variable with no value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..dockerfile.expand import is_known
from ..hits import Hit

_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def check(ctx: Context) -> Iterator[Hit]:
    root = ctx.root
    if root is None or is_known(root.image):
        return
    known = ctx.dockerfile.global_args
    names = [n for n in dict.fromkeys(_VAR.findall(root.image_raw)) if known.get(n) is None]
    if names:
        args = ", ".join(f"`--build-arg {n}=…`" for n in names)
        what = ", ".join(f"`{n}`" for n in names)
        msg = (f"the base image `{root.image_raw}` depends on {what}, which has no default value: hublint cannot "
               f"check what the image is built on; pass {args} (or `build-args` in the configuration)")
    else:
        msg = (f"the base image `{root.image_raw}` cannot be resolved, so hublint cannot check what the image is "
               "built on; pass the value with `--build-arg`")
    yield Hit(msg, *ctx.image_span(root))
