"""The four-level network as a graph, and the exact min-cost assignment (docs/assignment.md).

    >>> import numpy as np
    >>> from massline import network
    >>> edges = np.array([[0, 0, 1], [0, 1, 5], [1, 0, 2], [1, 1, 10]])
    >>> a = network.min_cost_assignment(edges, capacity=[1, 1], demand=[1, 1])
    >>> a.total_cost, a.assigned, a.household.tolist(), a.member.tolist()
    (7, 2, [0, 1], [1, 0])

``min_cost_assignment(edges, capacity, demand)`` first assigns as many units of household
demand as the member capacities allow, then, among those assignments, one of least total
cost. ``edges`` is an (n, 3) integer array of (household index, member index, cost); each row
carries at most one unit. Integer arrays only: float, bool and object arrays raise
:class:`massline.InvalidArgument` (``input.integer``), a wrong shape ``input.shape``, and
out-of-range indices, negative counts or costs that could overflow name the offending row
(``assignment.*``). The GIL is released while LEMON solves, on copies of the inputs.

``optimal_pairing(registry, options=None)`` proposes assistance pairings of capable members to
the households that need one (difficult categories without an active assistance pairing),
eligible within ``options.max_hops`` of the organisation tree, must-visit households first, at
least cost (tree distance, specialty mismatch, continuity with existing pairs);
:class:`PairingOptions` documents every option and its default. ``apply_pairing(registry,
result, start)`` writes the result back as assistance pairings, all or nothing. Both hold the
GIL (they read or change the registry).
"""

from __future__ import annotations

from ._core.network import (
    Assignment,
    PairingOptions,
    PairingResult,
    ProposedPairing,
    UnpairedHousehold,
    apply_pairing,
    min_cost_assignment,
    optimal_pairing,
)
from ._facade import publish as _publish

__all__ = [
    "Assignment",
    "min_cost_assignment",
    "PairingOptions",
    "PairingResult",
    "ProposedPairing",
    "UnpairedHousehold",
    "optimal_pairing",
    "apply_pairing",
]

_publish(__name__, globals(), __all__)
