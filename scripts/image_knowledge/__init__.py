"""The method of ``scripts/update_image_knowledge.py`` (its docstring states it), by concern, imports one way:

- :mod:`.common`: assumptions, the output's clock, reading a clone (imports nothing of this package);
- :mod:`.condaforge`: feedstock releases; :mod:`.dockerfiles`: what a Dockerfile installs; :mod:`.workflows`: the CI
  as configured; :mod:`.solver`: specs and versions at build time (each imports :mod:`.common` only);
- :mod:`.history`: docker-stacks' first-parent history (imports dockerfiles, workflows);
- :mod:`.ci`: the runs the CI made (imports workflows, history);
- :mod:`.records`: singleuser, zero-to-jupyterhub and pangeo per-tag records;
- :mod:`.assemble`: ``stacks.json`` from all of them, its writer and the report (imports them all).
"""
