"""The four-level network as a graph: coverage, must-visit coverage, load, gaps, escalation
paths, reachability, shortest paths and connected components.

    >>> import massline as ml
    >>> net = ml.network.Network(ml.synth.generate("quyuan", seed=1))   # doctest: +SKIP
    >>> net.coverage().share                                            # doctest: +SKIP
    >>> net.coverage_by_unit().head()                                   # doctest: +SKIP

A :class:`Network` is an immutable snapshot of a :class:`~massline.Registry` (built in C++,
massline/network/*.hpp). Its vertices are the organisations, then the members, then the
households, each block in id order; vertex numbers are dense even when the registry has
removed ids. Property arrays (``vertex_kinds``, ``edge_sources``, ``adjacency_offsets``...)
are read-only numpy views of the network's own memory: no copy is made, and they never go
stale because the network never changes. A change to the registry is seen only by a new
Network. Definitions, edge kinds and complexity: docs/network.md.

The exact min-cost assignment and the optimal pairing (docs/assignment.md):

    >>> edges = np.array([[0, 0, 1], [0, 1, 5], [1, 0, 2], [1, 1, 10]])
    >>> a = min_cost_assignment(edges, capacity=[1, 1], demand=[1, 1])   # doctest: +SKIP
    >>> a.total_cost, a.assigned, a.household.tolist(), a.member.tolist()  # doctest: +SKIP
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

import datetime as _dt
import operator as _operator
from typing import Any, Optional, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import network as _cn
from ._core.core import HouseholdId, MemberId, OrgId
from ._core.model import FIVE_MUST_VISIT, HouseholdCategories, HouseholdCategory, Registry
from ._core.network import (
    DIFFICULT_CATEGORIES,
    Components,
    Coverage,
    EdgeKind,
    Escalation,
    Gaps,
    Load,
    MustVisitCoverage,
    VertexKind,
)
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
from ._core.core import InvalidArgument
from ._errors import raise_error
from ._facade import Facade, publish

__all__ = [
    "Network",
    "VertexKind",
    "EdgeKind",
    "Coverage",
    "MustVisitCoverage",
    "Load",
    "Gaps",
    "Escalation",
    "Components",
    "DIFFICULT_CATEGORIES",
    "Assignment",
    "min_cost_assignment",
    "PairingOptions",
    "PairingResult",
    "ProposedPairing",
    "UnpairedHousehold",
    "optimal_pairing",
    "apply_pairing",
]

#: A vertex number, or the id of an organisation, member or household.
VertexLike = Union[int, OrgId, MemberId, HouseholdId]

_VERTEX_KINDS = [k.name for k in sorted(VertexKind.__members__.values(), key=int)]
_EDGE_KINDS = [k.name for k in sorted(EdgeKind.__members__.values(), key=int)]
_CATEGORIES = [c.name for c in sorted(HouseholdCategory.__members__.values(), key=int)]
_NO_PARENT = np.iinfo(np.uint32).max


class Network(Facade):
    """An immutable snapshot of a registry as a graph (the compiled network is ``_impl``).

    Parameters
    ----------
    registry:
        The registry to snapshot; it is read once, here.
    on:
        A day (``datetime.date``): pairings count when active on it. ``None`` (default): pairings
        count when they have no end date.
    """

    def __init__(self, registry: Registry, *, on: Optional[_dt.date] = None) -> None:
        self._impl = _cn.Network(registry, on=on)

    def __repr__(self) -> str:
        return repr(self._impl)

    # ---- sizes and lookups ---------------------------------------------------------------
    @property
    def on(self) -> Optional[_dt.date]:
        """The day pairings were taken active on, or None."""
        return self._impl.on

    @property
    def vertex_count(self) -> int:
        """Number of vertices (organisations + members + households)."""
        return self._impl.vertex_count

    @property
    def edge_count(self) -> int:
        """Number of edges."""
        return self._impl.edge_count

    @property
    def organization_count(self) -> int:
        """Number of organisation vertices (vertices 0 .. organization_count - 1)."""
        return self._impl.organization_count

    @property
    def member_count(self) -> int:
        """Number of member vertices (from first_member)."""
        return self._impl.member_count

    @property
    def household_count(self) -> int:
        """Number of household vertices (from first_household)."""
        return self._impl.household_count

    @property
    def first_member(self) -> int:
        """First member vertex."""
        return self._impl.first_member

    @property
    def first_household(self) -> int:
        """First household vertex."""
        return self._impl.first_household

    def memory_bytes(self) -> int:
        """Bytes held by the network's arrays."""
        return self._impl.memory_bytes()

    def vertex(self, entity: Union[OrgId, MemberId, HouseholdId]) -> int:
        """The vertex of an organisation, member or household (NotFound when it was not live
        when the network was built)."""
        return self._impl.vertex(entity)

    def entity(self, vertex: int) -> Union[OrgId, MemberId, HouseholdId]:
        """The OrgId, MemberId or HouseholdId of a vertex."""
        return self._impl.entity(vertex)

    # ---- zero-copy views -------------------------------------------------------------------
    @property
    def vertex_kinds(self) -> npt.NDArray[np.uint8]:
        """VertexKind code of each vertex (read-only view)."""
        return self._impl.vertex_kinds

    @property
    def vertex_entities(self) -> npt.NDArray[np.uint32]:
        """Id value of each vertex's entity (read-only view)."""
        return self._impl.vertex_entities

    @property
    def organization_levels(self) -> npt.NDArray[np.uint8]:
        """Level 1..4 of each organisation vertex (read-only view)."""
        return self._impl.organization_levels

    @property
    def organization_parents(self) -> npt.NDArray[np.uint32]:
        """Parent vertex of each organisation, 2**32 - 1 for a root (read-only view)."""
        return self._impl.organization_parents

    @property
    def household_categories(self) -> npt.NDArray[np.uint32]:
        """Category bits of each household (bit c = HouseholdCategory c; read-only view)."""
        return self._impl.household_categories

    @property
    def household_units(self) -> npt.NDArray[np.uint32]:
        """Unit vertex of each household (read-only view)."""
        return self._impl.household_units

    @property
    def edge_sources(self) -> npt.NDArray[np.uint32]:
        """Source vertex of each edge (read-only view)."""
        return self._impl.edge_sources

    @property
    def edge_targets(self) -> npt.NDArray[np.uint32]:
        """Target vertex of each edge (read-only view)."""
        return self._impl.edge_targets

    @property
    def edge_kinds(self) -> npt.NDArray[np.uint8]:
        """EdgeKind code of each edge (read-only view)."""
        return self._impl.edge_kinds

    @property
    def adjacency_offsets(self) -> npt.NDArray[np.uint64]:
        """CSR offsets of the undirected adjacency, vertex_count + 1 (read-only view)."""
        return self._impl.adjacency_offsets

    @property
    def adjacency_vertices(self) -> npt.NDArray[np.uint32]:
        """Neighbour of each CSR entry (read-only view)."""
        return self._impl.adjacency_vertices

    @property
    def adjacency_edges(self) -> npt.NDArray[np.uint32]:
        """Edge of each CSR entry (read-only view)."""
        return self._impl.adjacency_edges

    # ---- queries -----------------------------------------------------------------------------
    def coverage(self) -> Coverage:
        """Households with a responsible member, overall, per unit and per category."""
        return self._impl.coverage()

    def must_visit_coverage(self, categories: HouseholdCategories = FIVE_MUST_VISIT) -> MustVisitCoverage:
        """Coverage of the households having any of ``categories``, with the uncovered ones."""
        return self._impl.must_visit_coverage(categories)

    def load(self) -> Load:
        """Distinct households per member and the Gini coefficient of that load."""
        return self._impl.load()

    def gaps(self, difficult: HouseholdCategories = DIFFICULT_CATEGORIES) -> Gaps:
        """Units without members, members without pairing, households of ``difficult``
        categories without assistance."""
        return self._impl.gaps(difficult)

    def escalation(self) -> Escalation:
        """Escalation paths of every household (CSR arrays)."""
        return self._impl.escalation()

    def distances_from(self, source: VertexLike) -> npt.NDArray[np.int32]:
        """Breadth-first distance from ``source`` to every vertex; -1 when unreachable."""
        return self._impl.distances_from(source)

    def reachable(self, a: VertexLike, b: VertexLike) -> bool:
        """True when a path joins ``a`` and ``b``."""
        return self._impl.reachable(a, b)

    def shortest_path(self, a: VertexLike, b: VertexLike) -> npt.NDArray[np.uint32]:
        """Vertices of a shortest path from ``a`` to ``b`` (both included); empty when none."""
        return self._impl.shortest_path(a, b)

    def components(self) -> Components:
        """Connected components of the undirected network."""
        return self._impl.components()

    # ---- pandas ------------------------------------------------------------------------------
    def vertices(self) -> pd.DataFrame:
        """One row per vertex: ``kind`` (categorical) and ``entity`` (id value)."""
        kinds = pd.Categorical.from_codes(np.asarray(self.vertex_kinds, dtype=np.int8), categories=_VERTEX_KINDS)
        frame = pd.DataFrame({"kind": kinds, "entity": np.asarray(self.vertex_entities)})
        frame.index.name = "vertex"
        return frame

    def edges(self) -> pd.DataFrame:
        """One row per edge: ``source``, ``target`` (vertices) and ``kind`` (categorical)."""
        kinds = pd.Categorical.from_codes(np.asarray(self.edge_kinds, dtype=np.int8), categories=_EDGE_KINDS)
        frame = pd.DataFrame({"source": np.asarray(self.edge_sources), "target": np.asarray(self.edge_targets),
                              "kind": kinds})
        frame.index.name = "edge"
        return frame

    def coverage_by_unit(self) -> pd.DataFrame:
        """Coverage per unit, indexed by the unit's OrgId value: households, covered, share."""
        c = self.coverage()
        units = np.asarray(self.vertex_entities)[np.asarray(c.units, dtype=np.int64)]
        households = np.asarray(c.unit_households, dtype=np.int64)
        covered = np.asarray(c.unit_covered, dtype=np.int64)
        frame = pd.DataFrame({"households": households, "covered": covered, "share": covered / households},
                             index=pd.Index(units, name="unit"))
        return frame

    def coverage_by_category(self) -> pd.DataFrame:
        """Coverage per household category (a household counts in each of its categories):
        households, covered, share (NaN for a category no household has)."""
        c = self.coverage()
        households = np.asarray(c.category_households, dtype=np.int64)
        covered = np.asarray(c.category_covered, dtype=np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(households > 0, covered / np.maximum(households, 1), np.nan)
        return pd.DataFrame({"households": households, "covered": covered, "share": share},
                            index=pd.Index(_CATEGORIES, name="category"))

    def load_by_member(self) -> pd.DataFrame:
        """Households per member, indexed by MemberId value."""
        members = np.asarray(self.vertex_entities)[self.first_member:self.first_household]
        return pd.DataFrame({"households": np.asarray(self.load().households, dtype=np.int64)},
                            index=pd.Index(members, name="member"))

    def escalation_path(self, household: Union[HouseholdId, int]) -> pd.DataFrame:
        """The escalation path of one household as a frame: one row for the household and one per
        organisation from its unit up to the root, with ``level`` (0 for the household),
        ``vertex``, ``entity`` and ``people`` (MemberId values responsible there, as in
        :meth:`escalation`). Costs the degrees of the vertices on the path, not a whole
        escalation."""
        v = self.vertex(household) if isinstance(household, HouseholdId) else _operator.index(household)
        if not (self.first_household <= v < self.vertex_count):
            self.entity(v)  # raises InvalidArgument for a vertex out of range
            raise_error(InvalidArgument, "network.vertex", "not a household vertex", f"vertex {v}",
                        "escalation paths start at a household")
        entities = np.asarray(self.vertex_entities)
        levels = np.asarray(self.organization_levels)
        parents = np.asarray(self.organization_parents)
        offsets = np.asarray(self.adjacency_offsets)
        incident = np.asarray(self.adjacency_edges)
        sources = np.asarray(self.edge_sources)
        kinds = np.asarray(self.edge_kinds)

        def people(vertex: int, wanted: tuple) -> list:
            edges = incident[int(offsets[vertex]):int(offsets[vertex + 1])]
            src = sources[edges]
            keep = np.isin(kinds[edges], [int(k) for k in wanted]) & (src >= self.first_member) & (
                src < self.first_household)
            return [int(entities[p]) for p in np.unique(src[keep])]

        rows = [(0, v, int(entities[v]), people(v, (EdgeKind.assistance, EdgeKind.contact_household)))]
        o = int(self.household_units[v - self.first_household])
        while o != _NO_PARENT:
            rows.append((int(levels[o]), o, int(entities[o]), people(o, (EdgeKind.service_post, EdgeKind.contact_point))))
            o = int(parents[o])
        return pd.DataFrame(rows, columns=["level", "vertex", "entity", "people"])

    def to_dot(self, *, households: bool = False, members: bool = False, pairings: bool = False) -> str:
        """Graphviz DOT text: one rank per level (county on top), organisations labelled
        ``L<level> #<id>`` with ``covered/households`` of their subtree and filled by that share
        (red 0 % .. green 100 %, grey without households). ``households``, ``members`` and
        ``pairings`` (dual-organisation and contact-point edges) add those. Render with
        ``dot -Tsvg``."""
        return self._impl.to_dot(households=households, members=members, pairings=pairings)

    def to_graphml(self) -> str:
        """GraphML text of the whole network (``networkx.read_graphml`` reads it back)."""
        return self._impl.to_graphml()

    def to_networkx(self, *, directed: bool = True) -> Any:
        """The network as a NetworkX ``MultiDiGraph`` (``MultiGraph`` with ``directed=False``):
        nodes are vertex numbers with attributes ``kind`` and ``entity``; edges carry ``kind``
        and their edge number as key. Needs NetworkX (``pip install networkx``)."""
        try:
            import networkx as nx
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("Network.to_networkx() needs NetworkX: install it with "
                              "`pip install networkx` (Debian: python3-networkx)") from error
        graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
        kinds = np.asarray(self.vertex_kinds)
        entities = np.asarray(self.vertex_entities)
        graph.add_nodes_from((v, {"kind": _VERTEX_KINDS[k], "entity": int(e)})
                             for v, (k, e) in enumerate(zip(kinds.tolist(), entities.tolist())))
        graph.add_edges_from((s, t, e, {"kind": _EDGE_KINDS[k]}) for e, (s, t, k) in enumerate(
            zip(np.asarray(self.edge_sources).tolist(), np.asarray(self.edge_targets).tolist(),
                np.asarray(self.edge_kinds).tolist())))
        return graph


publish(__name__, globals(), __all__)
