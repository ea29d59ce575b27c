"""What an image contains, read from its Dockerfile and its build context — without building it.

- :mod:`.knowledge` (with ``images.json``): what common base images provide, their user, CMD and Python;
  :mod:`.stacks` (with the generated ``stacks.json``): what each tag of the known families contains — the
  docker-stacks lookups in :mod:`.dockerstacks`, the file's reader and value codes in :mod:`.stacksdata`;
  :mod:`.facts`: the records both share (a field: a value, unknown with its reason, or absent) — stacks imports
  dockerstacks, stacksdata and facts (one way: stacks → dockerstacks → stacksdata → facts), knowledge imports
  stacks and facts: no import circle;
- :mod:`.installs`: pip/uv/conda/mamba installs in RUN, their specs, requirements and environment files;
- :mod:`.versions`: the version sets a spec admits, and the Hub's compatibility rule;
- :mod:`.contextfiles`: which build-context file COPY/ADD put at a path in the image;
- :mod:`.launchers`, :mod:`.cmdcheck`: what starts a single-user server; the final CMD/ENTRYPOINT.

Imports: :mod:`hublint.dockerfile`, this package, and the leaves :mod:`hublint.edits` (Edit, Fix) and
:mod:`hublint.lazy`, which import nothing of hublint.
"""
