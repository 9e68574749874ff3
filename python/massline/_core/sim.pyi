"""Type stubs of massline._core.sim: scenarios and the replication runner
(python/src/register_sim.cpp); use massline.sim. Kept in step with the compiled module by
python/tests/test_packaging.py."""

from typing import Any, Callable, ClassVar, Dict, List, Optional, Tuple

from .core import WorkCalendar
from .model import Registry, SurveyResponse
from .policy import PolicySet
from .scoring import ResponseScale
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
    def with_values(self, changes: Dict[str, float], strategy: Optional[Strategy] = None) -> Scenario:
        """The scenario rebuilt with `changes` merged over its given values (and another strategy if given)."""
    def check_changes(self, changes: Dict[str, float]) -> None:
        """Checks `changes` as with_values would, without building anything."""
    def recipe(self) -> Dict[str, Any]:
        """How the scenario was built (preset name or '' and its seed, given values, strategy, policy set, calendar, a copy of the registry or None): enough to build it again, as pickling does."""
    def __repr__(self) -> str: ...

def parameters() -> List[ParameterInfo]:
    """Every parameter a scenario accepts (ParameterInfo), own ones then the synth levers."""
def lever_names() -> List[str]:
    """The synth parameters the simulation reads."""
def metric_names() -> List[str]: ...
def metric_ranges() -> List[Tuple[float, float]]:
    """(low, high) of every metric, in metric_names() order (sim::metric_range)."""
def run(scenario: Scenario, replications: int, seed: int, threads: int, *, check_conservation: bool = False,
        trace_appeals: bool = False, first_replication: int = 0,
        progress: Optional[Callable[[int, int], object]] = None) -> Dict[str, Any]:
    """Runs the replications with the GIL released (Ctrl-C cancels); returns the result columns. Use massline.sim.run."""
def survey_responses(scenario: Scenario, seed: int, replication: int) -> List[SurveyResponse]:
    """The year-end survey's answers of one replication as SurveyResponses (GIL released; Ctrl-C cancels). Use massline.sim.survey_responses."""
def survey_scale() -> ResponseScale:
    """The simulated answers' scale: 0 'not satisfied', 1 'satisfied' (item 'overall')."""
SURVEY_ITEM: str
def grid(axes: List[Tuple[str, List[float]]]) -> Tuple[List[str], List[List[float]]]:
    """Every combination of [(lever, [values])], the last varying fastest: (levers, points)."""
def latin_hypercube(ranges: List[Tuple[str, float, float]], n: int, seed: int) -> Tuple[List[str], List[List[float]]]:
    """n Latin hypercube points over [(lever, low, high)]: (levers, points)."""
def check_plan(scenario: Scenario, levers: List[str], points: List[List[float]]) -> None:
    """Checks every point of a plan without running anything."""
def sweep_point(scenario: Scenario, levers: List[str], point: List[float]) -> Scenario:
    """The scenario at one point (levers and their values)."""
def sweep(scenario: Scenario, levers: List[str], points: List[List[float]], replications: int, seed: int, threads: int,
          first_replication: int = 0) -> Dict[str, Any]:
    """Runs the replications at every point with the GIL released (Ctrl-C cancels); returns the result columns and `point`. Use massline.sim.sweep."""
