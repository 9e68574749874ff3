"""Type stubs of massline._core.network: the min-cost assignment and the optimal pairing
(python/src/register_network_assignment.cpp); use massline.network. Kept in step with the
compiled module by python/tests/test_packaging.py."""

import datetime
from typing import Any, ClassVar, List, Optional, Tuple

import numpy as np
import numpy.typing as npt

from .core import HouseholdId, MemberId, PairingId
from .model import HouseholdCategories, HouseholdCategory, Registry

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
