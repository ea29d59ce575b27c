"""Rule modules: one per code.  Each exposes ``check(ctx) -> Iterator[Hit]``; see ``hublint.registry``."""
