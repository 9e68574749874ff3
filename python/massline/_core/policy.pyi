"""Type stubs of massline._core.policy: PolicySet, the local rules as data
(python/src/register_policy.cpp, docs/policy.md), and the compliance engine
(python/src/register_policy_compliance.cpp), the points ledger
(python/src/register_policy_points.cpp) and the appeal clock
(python/src/register_policy_appeals.cpp, docs/appeals.md). Kept in step with the compiled module by
python/tests/test_packaging.py."""

import datetime
import os
from typing import Any, ClassVar, Optional, Union

import numpy
import numpy.typing

import pandas

from .core import AppealId, MemberId, OrgId, Period, WorkCalendar
from .model import Registry

class PolicySet:
    """Local rules as data (docs/policy.md): quotas, coverage rules, appeal deadlines and the satisfaction threshold. PolicySet.standard() carries the numbers of docs/domain.md §4; files are TOML or JSON (format 'massline.policy_set', version 1)."""
    def __init__(self, *, name: str = ..., satisfaction_threshold: float = ...) -> None:
        """An empty set (no rules); rules come from files (from_toml, parse_toml, ...) or standard()."""
    @staticmethod
    def standard() -> PolicySet:
        """The standard set: the numbers of docs/domain.md §4 and §6."""
    @staticmethod
    def from_toml(path: Union[str, os.PathLike]) -> PolicySet:
        """Reads a TOML policy-set file; raises ParseError naming the file, line and key."""
    @staticmethod
    def from_json(path: Union[str, os.PathLike]) -> PolicySet:
        """Reads a JSON policy-set file; raises ParseError naming the file and key."""
    @staticmethod
    def load(path: Union[str, os.PathLike], format: Optional[str] = ...) -> PolicySet:
        """Reads a policy-set file; format 'toml' or 'json', by default from the suffix (.toml, .json)."""
    @staticmethod
    def parse_toml(text: str, source: str = ...) -> PolicySet:
        """Reads TOML text; `source` names it in errors."""
    @staticmethod
    def parse_json(text: str, source: str = ...) -> PolicySet:
        """Reads JSON text; `source` names it in errors."""
    def to_toml(self) -> str:
        """The set as TOML text (runs check() first)."""
    def to_json(self, indent: int = ...) -> str:
        """The set as JSON text (runs check() first); indent < 0 writes one line."""
    def save(self, path: Union[str, os.PathLike], format: Optional[str] = ...) -> None:
        """Writes the set (format from the suffix unless given); an existing file is replaced whole or left untouched."""
    def check(self) -> None:
        """Raises InvalidArgument naming the first bad rule and field."""
    @property
    def name(self) -> str:
        """Name of the set."""
    @name.setter
    def name(self, value: str) -> None: ...
    @property
    def satisfaction_threshold(self) -> float:
        """Satisfaction below this leads to accountability; in (0, 1] (check() enforces it)."""
    @satisfaction_threshold.setter
    def satisfaction_threshold(self, value: float) -> None: ...
    @property
    def satisfaction_source(self) -> str:
        """Where the threshold comes from."""
    @satisfaction_source.setter
    def satisfaction_source(self, value: str) -> None: ...
    def quotas(self) -> pandas.DataFrame:
        """The quota rules as a pandas DataFrame, one row per rule in set order: name, source, activity, subject, period, minimum, maximum (Int64, <NA> when none), ratio_of, ratio_numerator, ratio_denominator, and who_<criterion> (tuples of names; who_capable_of_helping True/False/None)."""
    def coverage(self) -> pandas.DataFrame:
        """The coverage rules as a pandas DataFrame: name, source, kind, categories (tuple), scope, period, minimum, by_<criterion>."""
    def deadlines(self) -> pandas.DataFrame:
        """The appeal deadlines as a pandas DataFrame: name, source, appeal_class, routing, handler_level (None = any), stage, working_days."""
    def points(self) -> pandas.DataFrame:
        """The points rules as a pandas DataFrame: name, source, event, points (float64), quota (None = every member quota, for the quota events), who_<criterion>."""
    def rule_names(self) -> list[str]:
        """Names of every rule: quotas, then coverage rules, then deadlines, then points rules."""
    def __eq__(self, arg0: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> PolicySet: ...
    def __deepcopy__(self, memo: dict) -> PolicySet: ...
    def __repr__(self) -> str: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class ComplianceResult:
    """Rows of a compliance check (docs/policy.md, "Compliance") and the roll-up per organisation; massline.compliance wraps it with pandas frames."""
    @property
    def period(self) -> Period:
        """The checked period."""
    @property
    def row_count(self) -> int:
        """Number of rows."""
    @property
    def quota_names(self) -> list[str]:
        """Names of the set's quota rules, by rule index."""
    @property
    def coverage_names(self) -> list[str]:
        """Names of the set's coverage rules, by rule index."""
    def columns(self) -> dict[str, Any]:
        """The rows as a dict of columns (lists of str and int64 arrays)."""
    def rollup_columns(self) -> dict[str, Any]:
        """The roll-up per organisation subtree as a dict of arrays."""
    def evidence(self, row: int) -> numpy.typing.NDArray[numpy.uint32]:
        """The ids counted for the row (contacts, pairings, commitments or activities: see evidence_kind)."""
    def __repr__(self) -> str: ...

def check_compliance(registry: Registry, policy: PolicySet, period: Period) -> ComplianceResult:
    """Evaluates the policy set against the registry over the period. Holds the GIL (it reads the registry); Ctrl-C stops it."""

class PledgeReport:
    """Pledges of a period per member, as they stood on as_of, and the overdue ones (docs/policy.md, "Pledges"); massline.compliance wraps it with pandas frames."""
    @property
    def period(self) -> Period:
        """The period."""
    @property
    def as_of(self) -> datetime.date:
        """The day the counts stand on."""
    def columns(self) -> dict[str, Any]:
        """One row per member (int64, float64, bool arrays and a list of str)."""
    def overdue_columns(self) -> dict[str, Any]:
        """The overdue pledges as a dict of columns."""
    def __repr__(self) -> str: ...

def check_pledges(registry: Registry, policy: PolicySet, period: Period, as_of: Optional[datetime.date] = ...) -> PledgeReport:
    """Pledges of the period as they stood on as_of (the period's last day when None). Holds the GIL (it reads the registry); Ctrl-C stops it."""

class PointsLedger:
    """An append-only points ledger (docs/policy.md, "Points ledger"); massline.points wraps it with pandas frames."""
    def __init__(self, rule_names: list[str]) -> None:
        """An empty ledger whose entries name these rules by index."""
    @property
    def rule_names(self) -> list[str]:
        """The rules the entries name by index."""
    def __len__(self) -> int: ...
    def append(self, date: datetime.date, member: MemberId, rule: Optional[int], points: float, source: str, source_id: int, note: str) -> None:
        """Appends one entry (rule None = a manual adjustment, source 'manual', with a note saying why). Raises InvalidArgument for a bad entry; the ledger is then unchanged."""
    def columns(self) -> dict[str, Any]:
        """The entries as a dict of columns."""
    def __repr__(self) -> str: ...

def build_points_ledger(registry: Registry, policy: PolicySet, period: Period) -> PointsLedger:
    """The ledger of the period from the registry's records by the set's points rules. Holds the GIL (it reads the registry); Ctrl-C stops it."""

def rank_points(registry: Registry, ledger: PointsLedger, period: Period, *, by: str = ..., red: Optional[int] = ..., black: Optional[int] = ..., red_at_least: Optional[float] = ..., black_below: Optional[float] = ...) -> dict[str, Any]:
    """Standings as a dict of columns. Holds the GIL; Ctrl-C stops it."""

class AppealMetricsResult:
    """Metrics of the appeals registered in a period (docs/appeals.md); massline.appeals wraps it with pandas frames."""
    @property
    def period(self) -> Period:
        """The period."""
    @property
    def as_of(self) -> datetime.date:
        """The evaluation date."""
    def unit_columns(self) -> dict[str, Any]:
        """Figures per organisation (its own appeals) as a dict of columns."""
    def rollup_columns(self) -> dict[str, Any]:
        """Figures per organisation subtree as a dict of columns."""
    def appeal_columns(self) -> dict[str, Any]:
        """The clock of each appeal of the period as a dict of columns."""
    def overdue_columns(self) -> dict[str, Any]:
        """The overdue stages of the period's appeals as a dict of columns."""
    def __repr__(self) -> str: ...

class EscalationResult:
    """What escalate_overdue did (docs/appeals.md, "Escalation"); massline.appeals wraps it."""
    @property
    def as_of(self) -> datetime.date:
        """The escalation date."""
    def escalated_columns(self) -> dict[str, Any]:
        """The escalations recorded as a dict of columns: appeal, from, to, stage, due."""
    def skipped_columns(self) -> dict[str, Any]:
        """Overdue appeals left alone as a dict of columns: appeal, stage, reason."""
    def __repr__(self) -> str: ...

def appeal_clock(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: datetime.date, *,
                 own_due_stage: str = ..., verification_window_days: int = ..., unit: str = ...,
                 calendar_known: Optional[Period] = ...) -> dict[str, Any]:
    """The clock of every appeal registered on or before as_of, as a dict of columns. Holds the GIL; Ctrl-C stops it."""

def overdue_appeals(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: datetime.date, *,
                    own_due_stage: str = ..., verification_window_days: int = ..., unit: str = ...,
                    calendar_known: Optional[Period] = ...) -> dict[str, Any]:
    """Every stage awaited past its due date as of as_of, as a dict of columns. Holds the GIL; Ctrl-C stops it."""

def appeal_metrics(registry: Registry, policy: PolicySet, calendar: WorkCalendar, period: Period,
                   as_of: Optional[datetime.date] = ..., *, own_due_stage: str = ...,
                   verification_window_days: int = ..., unit: str = ...,
                   calendar_known: Optional[Period] = ...) -> AppealMetricsResult:
    """Metrics of the appeals registered in the period, as of as_of (default: the period's last day). Holds the GIL; Ctrl-C stops it."""

def escalate_overdue(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: datetime.date, *,
                     own_due_stage: str = ..., verification_window_days: int = ..., unit: str = ...,
                     calendar_known: Optional[Period] = ...) -> EscalationResult:
    """Escalates every overdue appeal in handling to its handler's parent on as_of; all or nothing. Holds the GIL; Ctrl-C stops it before anything is recorded."""

def escalate_appeal(registry: Registry, appeal: AppealId, day: datetime.date, note: str = ...) -> OrgId:
    """Records an escalation of the appeal to its handler's parent on day and returns that parent's OrgId."""
