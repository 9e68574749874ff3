"""Type stubs of massline._core.sim: scenarios and the replication runner
(python/src/register_sim.cpp); use massline.sim. Kept in step with the compiled module by
python/tests/test_packaging.py."""

from typing import Any, ClassVar, Dict, List

from .core import WorkCalendar
from .model import Registry
from .policy import PolicySet
from .synth import ParameterInfo

class Strategy:
    """Which contact households a member visits on a field day (docs/simulation.md).

Members:

  random

  need_first

  must_visit_first

  round_robin"""
    random: ClassVar[Strategy]
    need_first: ClassVar[Strategy]
    must_visit_first: ClassVar[Strategy]
    round_robin: ClassVar[Strategy]
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

class Scenario:
    """A compiled, immutable simulation scenario. Build it with massline.sim.Scenario.from_registry or .preset."""
    @staticmethod
    def from_registry(registry: Registry, policy: PolicySet, values: Dict[str, float], strategy: Strategy,
                      calendar: WorkCalendar) -> Scenario:
        """Compiles `registry` under `policy` with parameters `values` ({name: number})."""
    @staticmethod
    def preset(name: str, seed: int, values: Dict[str, float], strategy: Strategy, policy: PolicySet,
               calendar: WorkCalendar) -> Scenario:
        """Generates synth preset `name` from `seed` and compiles it."""
    @property
    def households(self) -> int:
        """Households simulated."""
    @property
    def members(self) -> int:
        """Members with contact households."""
    @property
    def units(self) -> int:
        """Reported units."""
    @property
    def strategy(self) -> Strategy:
        """The visiting strategy."""
    @property
    def period_labels(self) -> List[str]:
        """'YYYY-MM' per month of the horizon, then 'all'."""
    def unit_columns(self) -> Dict[str, Any]:
        """The reported units: their OrgId value, code, name and level, as columns."""
    def values(self) -> Dict[str, float]:
        """Every parameter in force by name: the sim's own, then the synth levers."""
    def __repr__(self) -> str: ...

def parameters() -> List[ParameterInfo]:
    """Every parameter a scenario accepts (ParameterInfo), own ones then the synth levers."""
def lever_names() -> List[str]:
    """The synth parameters the simulation reads."""
def metric_names() -> List[str]: ...
def run(scenario: Scenario, replications: int, seed: int, threads: int, *, check_conservation: bool = False,
        trace_appeals: bool = False) -> Dict[str, Any]:
    """Runs the replications with the GIL released (Ctrl-C cancels); returns the result columns. Use massline.sim.run."""
