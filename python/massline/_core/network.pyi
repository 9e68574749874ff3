"""Type stubs of massline._core.network: the Network snapshot and its queries
(python/src/register_network.cpp), the min-cost assignment and the optimal pairing
(python/src/register_network_assignment.cpp); use massline.network. Kept in step with the
compiled module by python/tests/test_packaging.py."""

import datetime
from typing import Any, ClassVar, List, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

from .core import HouseholdId, MemberId, OrgId, PairingId
from .model import HouseholdCategories, HouseholdCategory, Registry

_Vertex = Union[OrgId, MemberId, HouseholdId, int]

DIFFICULT_CATEGORIES: HouseholdCategories

class VertexKind:
    """What a vertex stands for.

Members:

  organization

  member

  household"""
    organization: ClassVar[VertexKind]
    member: ClassVar[VertexKind]
    household: ClassVar[VertexKind]
    def __init__(self, value: int) -> None: ...
    def __repr__(self) -> str: ...
    @property
    def name(self) -> str:
        """name(self: handle) -> str"""
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __getstate__(self) -> int: ...
    def __hash__(self) -> int: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __setstate__(self, state: int) -> None: ...

class EdgeKind:
    """What an edge stands for (docs/network.md).

Members:

  parent

  member_of

  residence

  unit_of

  assistance

  dual_organization

  contact_household

  contact_point

  service_post"""
    parent: ClassVar[EdgeKind]
    member_of: ClassVar[EdgeKind]
    residence: ClassVar[EdgeKind]
    unit_of: ClassVar[EdgeKind]
    assistance: ClassVar[EdgeKind]
    dual_organization: ClassVar[EdgeKind]
    contact_household: ClassVar[EdgeKind]
    contact_point: ClassVar[EdgeKind]
    service_post: ClassVar[EdgeKind]
    def __init__(self, value: int) -> None: ...
    def __repr__(self) -> str: ...
    @property
    def name(self) -> str:
        """name(self: handle) -> str"""
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __getstate__(self) -> int: ...
    def __hash__(self) -> int: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __setstate__(self, state: int) -> None: ...

class Coverage:
    """Households with a responsible member (an active assistance or contact-household pairing from a member), overall, per unit and per category."""
    @property
    def covered(self) -> npt.NDArray[np.uint8]:
        """uint8 per household (index = vertex - first_household): 1 when covered."""
    @property
    def households(self) -> int:
        """All households."""
    @property
    def covered_households(self) -> int:
        """Households with a responsible member."""
    @property
    def share(self) -> Optional[float]:
        """covered_households / households, or None without households."""
    @property
    def units(self) -> npt.NDArray[np.uint32]:
        """Vertices of the organisations that have households."""
    @property
    def unit_households(self) -> npt.NDArray[np.uint64]:
        """Households of each unit."""
    @property
    def unit_covered(self) -> npt.NDArray[np.uint64]:
        """Covered households of each unit."""
    @property
    def category_households(self) -> npt.NDArray[np.uint64]:
        """Households having each HouseholdCategory (index = the category's value)."""
    @property
    def category_covered(self) -> npt.NDArray[np.uint64]:
        """Covered households having each HouseholdCategory."""

class MustVisitCoverage:
    """Coverage of the households of the must-visit categories."""
    @property
    def households(self) -> int:
        """Households with any must-visit category."""
    @property
    def covered_households(self) -> int:
        """Of those, households with a responsible member."""
    @property
    def share(self) -> Optional[float]:
        """covered_households / households, or None when no household has the categories."""
    @property
    def uncovered(self) -> npt.NDArray[np.uint32]:
        """HouseholdId values (uint32) of the uncovered must-visit households, ascending."""

class Load:
    """Households per member and the Gini coefficient of that load."""
    @property
    def households(self) -> npt.NDArray[np.uint32]:
        """uint32 per member (index = vertex - first_member): distinct households the member is responsible for."""
    @property
    def gini(self) -> Optional[float]:
        """Gini coefficient over all members; None without members or load."""

class Gaps:
    """Units without members, members without pairing, difficult households without assistance."""
    @property
    def units_without_members(self) -> npt.NDArray[np.uint32]:
        """OrgId values of level-4 units that no member has as home or residence."""
    @property
    def members_without_pairing(self) -> npt.NDArray[np.uint32]:
        """MemberId values of members with no active assistance, contact-household or contact-point pairing."""
    @property
    def difficult_without_assistance(self) -> npt.NDArray[np.uint32]:
        """HouseholdId values of households of the difficult categories with no active assistance."""

class Escalation:
    """Escalation paths of all households in CSR form (see docs/network.md)."""
    @property
    def path_offsets(self) -> npt.NDArray[np.uint64]:
        """Household h's path is path[path_offsets[h]:path_offsets[h+1]]."""
    @property
    def path(self) -> npt.NDArray[np.uint32]:
        """Organisation vertices, unit first, up to the root."""
    @property
    def household_offsets(self) -> npt.NDArray[np.uint64]:
        """Offsets into household_people."""
    @property
    def household_people(self) -> npt.NDArray[np.uint32]:
        """Responsible member vertices of each household."""
    @property
    def organization_offsets(self) -> npt.NDArray[np.uint64]:
        """Offsets into organization_people (index = organisation vertex)."""
    @property
    def organization_people(self) -> npt.NDArray[np.uint32]:
        """Member vertices holding a service post or an active contact point at each organisation."""

class Components:
    """Connected components of the undirected network."""
    @property
    def label(self) -> npt.NDArray[np.uint32]:
        """Component of each vertex, numbered by smallest vertex."""
    @property
    def count(self) -> int:
        """Number of components."""

class Network:
    """An immutable snapshot of a Registry as a graph (docs/network.md)."""
    def __init__(self, registry: Registry, *, on: Optional[datetime.date] = None) -> None:
        """Snapshot of registry; pairings count when active on `on` (a date), or when they have no end date if `on` is None."""
    @property
    def on(self) -> Optional[datetime.date]:
        """The day pairings were taken active on, or None."""
    @property
    def vertex_count(self) -> int:
        """Number of vertices."""
    @property
    def edge_count(self) -> int:
        """Number of edges."""
    @property
    def organization_count(self) -> int:
        """Number of organisation vertices."""
    @property
    def member_count(self) -> int:
        """Number of member vertices."""
    @property
    def household_count(self) -> int:
        """Number of household vertices."""
    @property
    def first_member(self) -> int:
        """First member vertex."""
    @property
    def first_household(self) -> int:
        """First household vertex."""
    @property
    def vertex_kinds(self) -> npt.NDArray[np.uint8]:
        """uint8 VertexKind code of each vertex (read-only view)."""
    @property
    def vertex_entities(self) -> npt.NDArray[np.uint32]:
        """uint32 id value of each vertex's entity."""
    @property
    def organization_levels(self) -> npt.NDArray[np.uint8]:
        """uint8 level 1..4 of each organisation vertex."""
    @property
    def organization_parents(self) -> npt.NDArray[np.uint32]:
        """uint32 parent vertex of each organisation; 4294967295 for a root."""
    @property
    def household_categories(self) -> npt.NDArray[np.uint32]:
        """uint32 category bits of each household (bit c = HouseholdCategory value c)."""
    @property
    def household_units(self) -> npt.NDArray[np.uint32]:
        """uint32 unit vertex of each household."""
    @property
    def edge_sources(self) -> npt.NDArray[np.uint32]:
        """Source vertex of each edge."""
    @property
    def edge_targets(self) -> npt.NDArray[np.uint32]:
        """Target vertex of each edge."""
    @property
    def edge_kinds(self) -> npt.NDArray[np.uint8]:
        """uint8 EdgeKind code of each edge."""
    @property
    def adjacency_offsets(self) -> npt.NDArray[np.uint64]:
        """uint64 CSR offsets (vertex_count + 1)."""
    @property
    def adjacency_vertices(self) -> npt.NDArray[np.uint32]:
        """uint32 neighbour of each CSR entry."""
    @property
    def adjacency_edges(self) -> npt.NDArray[np.uint32]:
        """uint32 edge of each CSR entry."""
    def memory_bytes(self) -> int:
        """Bytes held by the network's arrays."""
    def vertex(self, entity: _Vertex) -> int:
        """Vertex of an OrgId, MemberId or HouseholdId (NotFound when it was not live at build time)."""
    def entity(self, vertex: int) -> Union[OrgId, MemberId, HouseholdId]:
        """The OrgId, MemberId or HouseholdId of a vertex."""
    def coverage(self) -> Coverage:
        """Coverage (households with a responsible member) overall, per unit and per category."""
    def must_visit_coverage(self, categories: HouseholdCategories = ...) -> MustVisitCoverage:
        """Coverage of the households having any of `categories`."""
    def load(self) -> Load:
        """Households per member and their Gini coefficient."""
    def gaps(self, difficult: HouseholdCategories = ...) -> Gaps:
        """Units without members, members without pairing, `difficult` households without assistance."""
    def escalation(self) -> Escalation:
        """Escalation paths of every household (CSR arrays)."""
    def distances_from(self, source: _Vertex) -> npt.NDArray[np.int32]:
        """int32 breadth-first distance to every vertex; -1 when unreachable."""
    def reachable(self, a: _Vertex, b: _Vertex) -> bool:
        """True when a path joins a and b."""
    def shortest_path(self, a: _Vertex, b: _Vertex) -> npt.NDArray[np.uint32]:
        """Vertices of a shortest path from a to b (both included); empty when none."""
    def components(self) -> Components:
        """Connected components of the undirected network."""
    def to_dot(self, *, households: bool = False, members: bool = False, pairings: bool = False) -> str:
        """Graphviz DOT text: levels top-down, organisations filled by the coverage of their subtree; optionally households, members and dual-organisation / contact-point edges."""
    def to_graphml(self) -> str:
        """GraphML text of every vertex (kind, entity, level) and edge (kind)."""
    def __repr__(self) -> str: ...

class Assignment:
    """The optimal assignment returned by min_cost_assignment: the most units that can be
    assigned, at the least total cost among such assignments. Immutable; the arrays are
    read-only views."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    @property
    def total_cost(self) -> int:
        """Sum of the costs of the rows used."""
    @property
    def assigned(self) -> int:
        """Units assigned (rows used): the maximum possible."""
    @property
    def demanded(self) -> int:
        """Sum of demand."""
    @property
    def edge(self) -> npt.NDArray[np.int64]:
        """The rows used, ascending."""
    @property
    def household(self) -> npt.NDArray[np.int64]:
        """Household of each used row."""
    @property
    def member(self) -> npt.NDArray[np.int64]:
        """Member of each used row."""
    @property
    def unassigned(self) -> npt.NDArray[np.int64]:
        """Households that got less than their demand, ascending."""
    @property
    def missing(self) -> npt.NDArray[np.int64]:
        """Demand minus units received, parallel to unassigned."""
    @property
    def flow(self) -> npt.NDArray[np.uint8]:
        """Per input row: 1 when the row is used, else 0."""
    @property
    def reason(self) -> npt.NDArray[np.str_]:
        """Why each unassigned household got less than its demand."""
    def __repr__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> tuple[Any, ...]: ...
    def __setstate__(self, arg0: tuple) -> None: ...

def min_cost_assignment(edges: npt.ArrayLike, capacity: npt.ArrayLike, demand: npt.ArrayLike) -> Assignment:
    """The most units of demand assignable along the rows, at least total cost."""

class PairingOptions:
    """Options of optimal_pairing; every default is the standard policy's (docs/assignment.md)."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    needs_pairing: HouseholdCategories
    priority: HouseholdCategories
    day: Optional[datetime.date]
    capacity_per_member: int
    max_hops: int
    hop_cost: int
    mismatch_cost: int
    continuity_bonus: int
    specialty_needs: List[Tuple[HouseholdCategory, str]]
    def __init__(
        self,
        *,
        needs_pairing: HouseholdCategories = ...,
        priority: HouseholdCategories = ...,
        day: Optional[datetime.date] = None,
        capacity_per_member: int = 3,
        max_hops: int = 2,
        hop_cost: int = 10,
        mismatch_cost: int = 15,
        continuity_bonus: int = 10,
        specialty_needs: Optional[List[Tuple[HouseholdCategory, str]]] = None,
    ) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument 'pairing.bad_option' naming a bad option."""
    def __repr__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class ProposedPairing:
    """One pair of an optimal pairing."""
    @property
    def household(self) -> HouseholdId: ...
    @property
    def member(self) -> MemberId: ...
    @property
    def cost(self) -> int: ...
    @property
    def hops(self) -> int: ...
    @property
    def mismatch(self) -> bool: ...
    @property
    def continuity(self) -> bool: ...
    @property
    def priority(self) -> bool: ...
    def __repr__(self) -> str: ...

class UnpairedHousehold:
    """A household that needs a pairing and gets none."""
    @property
    def household(self) -> HouseholdId: ...
    @property
    def reason(self) -> str: ...
    @property
    def priority(self) -> bool: ...
    def __repr__(self) -> str: ...

class PairingResult:
    """The optimal pairing (docs/assignment.md); immutable, compares with ==, pickles."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    @property
    def pairs(self) -> List[ProposedPairing]: ...
    @property
    def unpaired(self) -> List[UnpairedHousehold]: ...
    @property
    def needing(self) -> int: ...
    @property
    def cost(self) -> int: ...
    @property
    def tier_bonus(self) -> int: ...
    @property
    def solver_cost(self) -> int: ...
    @property
    def candidate_edges(self) -> int: ...
    def __repr__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

def optimal_pairing(registry: Registry, options: Optional[PairingOptions] = None) -> PairingResult:
    """The optimal assistance pairing of capable members to the households needing one."""

def apply_pairing(registry: Registry, result: PairingResult, start: datetime.date) -> List[PairingId]:
    """Adds the result's pairs as assistance pairings starting on `start`, all or nothing."""
