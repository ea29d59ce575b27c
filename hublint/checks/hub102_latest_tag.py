"""HUB102 latest-tag: a FROM tag that is ``latest`` or ends in ``-latest``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..knowledge import pin_hint
from ._common import external_stages, shown, tag_span


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        tag = ref.tag
        if tag and (tag == "latest" or tag.endswith("-latest")) and not ref.digest:
            yield Hit(f"base image {shown(stage)} uses the moving tag `{tag}`: it points at a new "
                      f"image after every release; {pin_hint(ref)}", *tag_span(ctx, stage, ref))
