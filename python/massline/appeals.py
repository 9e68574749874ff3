"""The appeal clock: due dates per stage in working days, on-time status, overdue lists,
escalation up the tree and metrics per unit and period (docs/appeals.md).

    >>> import massline as ml
    >>> cal = ml.WorkCalendar(holidays=[...], extra_working_days=[...])            # doctest: +SKIP
    >>> policy = ml.PolicySet.from_toml("county.toml")                            # doctest: +SKIP
    >>> ml.appeals.appeal_clock(reg, policy, cal, date(2024, 10, 31))             # doctest: +SKIP
    >>> m = ml.appeals.appeal_metrics(reg, policy, cal, ml.Period.quarter(2024, 4))  # doctest: +SKIP
    >>> m.to_pandas()[["registered", "fed_back_on_time_rate", "verified_rate"]]     # doctest: +SKIP
    >>> m.rollup(); m.overdue(); m.appeals()                                       # doctest: +SKIP
    >>> ml.appeals.escalate_overdue(reg, policy, cal, date(2024, 11, 1)).to_pandas()  # doctest: +SKIP

The functions have the names of the C++ ones (massline/policy/appeal_clock.hpp) and the frames
the names of its fields. Options (keyword-only, all functions): ``own_due_stage`` (the stage
the appeal's own due date applies to: ``"disposed"``), ``verification_window_days`` (30),
``unit`` (``"origin"`` or ``"handler"``) and ``calendar_known`` (a :class:`massline.Period`
the calendar's holidays are known for, or None). Dates come back as datetime64 (NaT for none),
counts that may be missing as nullable ``Int64``, rates as floats (NaN when the denominator is
0). Every call reads the registry and holds the GIL (docs/python.md, "Threads"); Ctrl-C stops
it, and an interrupted escalation records nothing.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

import numpy as np
import pandas as pd

from ._core import policy as _cp
from ._core.core import AppealId, OrgId, Period, WorkCalendar
from ._core.model import Registry
from ._core.policy import PolicySet
from ._errors import require_period
from ._facade import Facade

__all__ = ["appeal_clock", "overdue_appeals", "appeal_metrics", "escalate_overdue", "escalate_appeal",
           "AppealMetrics", "Escalation"]

_STAGES = ("sorted", "fed_back", "disposed")
# Dates per kind of frame: the per-appeal frame's "registered" and "closed" are dates, the
# per-unit frame's are counts (the C++ field names of AppealTiming and AppealUnitMetrics).
_APPEAL_DATES = frozenset({"registered", "closed", *(f"{s}_{k}" for s in _STAGES for k in ("original_due", "due", "reached"))})
_DUE_DATES = frozenset({"due"})
_OPTIONAL_COUNTS = {"days_to_feedback", "working_days_to_feedback", "days_to_disposal", "working_days_to_disposal",
                    "days_to_feedback_max", "days_to_disposal_max"}
_CATEGORIES = {"stage": ["registered", "sorted", "fed_back", "disposed", "paused", "closed", "dropped"],
               **{f"{s}_status": ["on_time", "late", "pending", "dropped", "no_deadline"] for s in _STAGES},
               **{f"{s}_due_source": ["none", "appeal", "rule"] for s in _STAGES}}


def _frame(cols: dict[str, Any], dates: frozenset[str] = frozenset(), index: Optional[str] = None) -> pd.DataFrame:
    """Columns from the compiled module -> a DataFrame with ``dates`` as datetime64 (NaT for
    none), nullable counts and categories."""
    out: dict[str, Any] = {}
    for name, values in cols.items():
        if name in dates:
            out[name] = pd.Series(np.asarray(values, dtype="int64").astype("datetime64[D]"))
        elif name in _OPTIONAL_COUNTS:
            arr = np.asarray(values, dtype="int64")
            series = pd.array(arr, dtype="Int64")
            series[arr < 0] = pd.NA
            out[name] = series
        elif name in _CATEGORIES:
            out[name] = pd.Categorical(list(values), categories=_CATEGORIES[name])
        else:
            out[name] = values if isinstance(values, np.ndarray) else list(values)
    frame = pd.DataFrame(out)
    if index is not None:
        frame = frame.set_index(index)
    return frame


def _check(registry: Any, policy: Any, calendar: Any) -> None:
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if not isinstance(policy, PolicySet):
        raise TypeError(f"policy must be a massline.PolicySet, got {type(policy).__name__}")
    if not isinstance(calendar, WorkCalendar):
        raise TypeError(f"calendar must be a massline.WorkCalendar, got {type(calendar).__name__}")


def _day(value: Any, what: str) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    raise TypeError(f"{what} must be a datetime.date, got {type(value).__name__}")


def _options(own_due_stage: str, verification_window_days: int, unit: str,
             calendar_known: Optional[Period]) -> dict[str, Any]:
    if isinstance(verification_window_days, (bool, np.bool_)) or not isinstance(verification_window_days,
                                                                                (int, np.integer)):
        raise TypeError("verification_window_days must be an int, got "
                        f"{type(verification_window_days).__name__}")
    if calendar_known is not None and not isinstance(calendar_known, Period):
        raise TypeError(f"calendar_known must be a massline.Period or None, got {type(calendar_known).__name__}")
    return {"own_due_stage": own_due_stage, "verification_window_days": int(verification_window_days), "unit": unit,
            "calendar_known": calendar_known}


def appeal_clock(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: _dt.date, *,
                 own_due_stage: str = "disposed", verification_window_days: int = 30, unit: str = "origin",
                 calendar_known: Optional[Period] = None) -> pd.DataFrame:
    """The clock of every appeal registered on or before ``as_of``, one row per appeal in id
    order: appeal, origin, handler (as of the date), registered, stage; for each of sorted,
    fed_back and disposed: ``<stage>_due_source`` (none / appeal / rule), ``<stage>_rule`` (the
    deadline's name or None), ``<stage>_original_due``, ``<stage>_due`` (in force),
    ``<stage>_reached``, ``<stage>_status`` (on_time / late / pending / dropped / no_deadline);
    paused_working_days, days_to_feedback, working_days_to_feedback, days_to_disposal,
    working_days_to_disposal, reopen_count, ever_disposed, closed (last closing) and verified."""
    _check(registry, policy, calendar)
    opts = _options(own_due_stage, verification_window_days, unit, calendar_known)
    return _frame(dict(_cp.appeal_clock(registry, policy, calendar, _day(as_of, "as_of"), **opts)), _APPEAL_DATES)


def overdue_appeals(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: _dt.date, *,
                    own_due_stage: str = "disposed", verification_window_days: int = 30, unit: str = "origin",
                    calendar_known: Optional[Period] = None) -> pd.DataFrame:
    """Every stage awaited past its due date as of ``as_of`` over all appeals registered by then
    and not dropped: appeal, unit, stage, due, days_overdue, working_days_overdue."""
    _check(registry, policy, calendar)
    opts = _options(own_due_stage, verification_window_days, unit, calendar_known)
    return _frame(dict(_cp.overdue_appeals(registry, policy, calendar, _day(as_of, "as_of"), **opts)), _DUE_DATES)


class AppealMetrics(Facade):
    """The result of :func:`appeal_metrics`: figures per unit (:meth:`to_pandas`), per subtree
    (:meth:`rollup`), the period's appeals (:meth:`appeals`) and their overdue stages
    (:meth:`overdue`)."""

    @property
    def period(self) -> Period:
        """The period whose registrations are counted."""
        return self._impl.period

    @property
    def as_of(self) -> _dt.date:
        """The evaluation date."""
        return self._impl.as_of

    def __repr__(self) -> str:
        return f"massline.appeals.AppealMetrics(period={self._impl.period.label}, as_of={self._impl.as_of})"

    def to_pandas(self) -> pd.DataFrame:
        """Figures per organisation (its own appeals), indexed by ``unit`` (the id value):
        registered; fed_back, fed_back_on_time, fed_back_late, fed_back_on_time_rate; disposed,
        disposed_on_time, disposed_late, disposed_on_time_rate, resolved_rate; ever_disposed,
        reopened, reopen_rate; closed, closed_rate; verified, verified_rate; dropped, overdue;
        days_to_feedback_{count,mean,p50,p90,max} and days_to_disposal_{count,mean,p50,p90,max}."""
        return _frame(dict(self._impl.unit_columns()), index="unit")

    def rollup(self) -> pd.DataFrame:
        """The same figures per organisation over its whole subtree."""
        return _frame(dict(self._impl.rollup_columns()), index="unit")

    def appeals(self) -> pd.DataFrame:
        """The clock of each appeal registered in the period (columns of :func:`appeal_clock`,
        plus ``unit``, the organisation it counts for)."""
        return _frame(dict(self._impl.appeal_columns()), _APPEAL_DATES)

    def overdue(self) -> pd.DataFrame:
        """The overdue stages of the period's appeals (columns of :func:`overdue_appeals`)."""
        return _frame(dict(self._impl.overdue_columns()), _DUE_DATES)


def appeal_metrics(registry: Registry, policy: PolicySet, calendar: WorkCalendar, period: Period,
                   as_of: Optional[_dt.date] = None, *, own_due_stage: str = "disposed",
                   verification_window_days: int = 30, unit: str = "origin",
                   calendar_known: Optional[Period] = None) -> AppealMetrics:
    """Metrics of the appeals registered in ``period`` (a :class:`massline.Period`, or a year as
    an int), read as of ``as_of`` (default: the period's last day; never earlier)."""
    _check(registry, policy, calendar)
    period = require_period(period)
    when = None if as_of is None else _day(as_of, "as_of")
    opts = _options(own_due_stage, verification_window_days, unit, calendar_known)
    return AppealMetrics._wrap(_cp.appeal_metrics(registry, policy, calendar, period, when, **opts))


class Escalation(Facade):
    """The result of :func:`escalate_overdue`: the escalations recorded (:meth:`to_pandas`) and
    the overdue appeals left alone with the reason (:meth:`skipped`)."""

    @property
    def as_of(self) -> _dt.date:
        """The date the escalations were recorded on."""
        return self._impl.as_of

    def __repr__(self) -> str:
        return f"massline.appeals.Escalation(as_of={self._impl.as_of}, escalated={len(self.to_pandas())})"

    def to_pandas(self) -> pd.DataFrame:
        """One row per escalation recorded: appeal, from, to, stage (the overdue one), due."""
        return _frame(dict(self._impl.escalated_columns()), _DUE_DATES)

    def skipped(self) -> pd.DataFrame:
        """Overdue appeals not escalated: appeal, stage, reason."""
        return _frame(dict(self._impl.skipped_columns()))


def escalate_overdue(registry: Registry, policy: PolicySet, calendar: WorkCalendar, as_of: _dt.date, *,
                     own_due_stage: str = "disposed", verification_window_days: int = 30, unit: str = "origin",
                     calendar_known: Optional[Period] = None) -> Escalation:
    """Records, on ``as_of``, an escalation to the handler's parent for every appeal in handling
    whose earliest overdue stage passed its due date while the current handler held it
    (docs/appeals.md, "Escalation"). All or nothing: on an error the registry is unchanged."""
    _check(registry, policy, calendar)
    opts = _options(own_due_stage, verification_window_days, unit, calendar_known)
    return Escalation._wrap(_cp.escalate_overdue(registry, policy, calendar, _day(as_of, "as_of"), **opts))


def escalate_appeal(registry: Registry, appeal: AppealId, day: _dt.date, note: str = "") -> OrgId:
    """"This level cannot solve it": records an escalation of ``appeal`` to its handler's parent
    on ``day`` and returns the parent's id. Raises :class:`massline.InvalidArgument`
    (``appeals.escalate``) at the top of the tree, and as ``Registry.record`` otherwise."""
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    return _cp.escalate_appeal(registry, appeal, _day(day, "day"), note)
