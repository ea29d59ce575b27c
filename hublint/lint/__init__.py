"""The rule vocabulary and the engine: what a rule is, what it receives and yields, and how its hits
become findings.

- :mod:`.rule`: :class:`~.rule.Rule` (a rule's identity, declared once in its module) and
  :class:`~.rule.Checker` (a rule with its check functions);
- :mod:`.inputs`: the frozen inputs rules receive — :class:`~.inputs.ImageInput` (one build target, its role,
  the Hub's version, :class:`~.inputs.DeploymentFacts`) and :class:`~.inputs.ConfigInput`;
- :mod:`.hits`, :mod:`.finding`: what a rule yields (a hit) and what hublint reports (a finding);
- :mod:`.engine`: the selected rules run on an input; severities, pragmas (:mod:`.pragmas`);
- :mod:`.fixes`: building edits from instruction offsets, applying fixes to a text.

Imports: :mod:`hublint.dockerfile`, :mod:`hublint.image`, :mod:`hublint.deployment` (types), the leaf
:mod:`hublint.edits` and this package — never the rules themselves: the workspace hands the engine the
registry's rules.
"""
