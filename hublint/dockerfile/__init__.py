"""Reading Dockerfiles as BuildKit does: text -> instructions -> stages with resolved variables.

- :mod:`.syntax`: bytes -> instructions, a port of BuildKit's line scanner (decoding, directives,
  continuations, heredocs, flags, exec-form JSON);
- :mod:`.expand`: Docker's variable substitution, with an *unknown* value;
- :mod:`.model`: stages, ``FROM <stage>`` chains, ``COPY --from`` feeders, ARG/ENV scoping;
- :mod:`.shell`: RUN scripts as simple commands (words, quotes, redirections);
- :mod:`.imageref`: image references, normalised as Docker does.

Imports: nothing else of hublint (only this package and the standard library).
"""
