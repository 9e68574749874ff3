"""Compliance of a registry with a policy set: one row per subject (member, organisation or
household), rule and evaluation window, with the evidence counted, and a roll-up per
organisation subtree.

    >>> import massline as ml
    >>> reg = ml.synth.generate("quyuan", seed=1)                              # doctest: +SKIP
    >>> report = ml.compliance.check(reg, ml.PolicySet.standard(), 2024)       # doctest: +SKIP
    >>> report.to_pandas().groupby(["rule", "status"]).size()                  # doctest: +SKIP
    >>> report.rollup()                                                        # doctest: +SKIP

Statuses are ``met``, ``short`` (below the pro-rated minimum or the ratio's share), ``over``
(above the pro-rated maximum) and ``not_applicable`` (``reason`` ``not_present``: the member did
not belong on any day of the window). Counting, windows, pro-rating and the roll-up: docs/policy.md, "Compliance". The engine
runs in C++ and holds the GIL (it reads the registry, see docs/python.md, "Threads"); Ctrl-C
stops it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import policy as _cp
from ._core.core import Period
from ._core.model import Registry
from ._core.policy import PolicySet
from ._errors import require_period
from ._facade import Facade

__all__ = ["check", "check_pledges", "ComplianceReport", "PledgeReport"]

_ROW_COLUMNS = ["rule", "rule_kind", "subject_kind", "subject", "first", "last", "required", "maximum", "actual",
                "shortfall", "status", "reason", "evidence_kind", "evidence_count"]


def _dates(days: npt.NDArray[np.int64]) -> pd.Series:
    days = np.asarray(days, dtype="int64")
    # Days to nanoseconds directly when every day is in pandas' range (1677-09-22..2262-04-11),
    # which is much faster than astype; outside it, astype raises OutOfBoundsDatetime.
    if days.size == 0 or (days.min() >= -106_751 and days.max() <= 106_750):
        return pd.Series((days * 86_400_000_000_000).view("datetime64[ns]"))
    return pd.Series(days.astype("datetime64[D]"))


class ComplianceReport(Facade):
    """The result of :func:`check`: the rows (:meth:`to_pandas`), the evidence of each row
    (:meth:`evidence`) and the roll-up per organisation (:meth:`rollup`)."""

    @property
    def period(self) -> Period:
        """The checked period."""
        return self._impl.period

    def __len__(self) -> int:
        return int(self._impl.row_count)

    def __repr__(self) -> str:
        return f"massline.compliance.ComplianceReport(period={self._impl.period.label}, rows={len(self)})"

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a DataFrame: rule, rule_kind (quota / coverage), subject_kind (member,
        organization, household), subject (the id value), first and last (the window, datetime64),
        required, maximum (<NA> when the rule has none), actual, shortfall, status, reason,
        evidence_kind (contact, pairing, commitment, activity, none) and evidence_count. The
        named columns are Categorical (rule: the set's rule names in set order, quotas first; the
        others: every name of their enum, as massline.frames does)."""
        cols: dict[str, Any] = dict(self._impl.columns())
        categories = cols.pop("categories")
        data: dict[str, Any] = {}
        for name in _ROW_COLUMNS:
            if name in categories:
                data[name] = pd.Categorical.from_codes(np.asarray(cols[name]), categories=list(categories[name]))
            elif name in ("first", "last"):
                data[name] = _dates(cols[name])
            elif name == "maximum":
                values = np.asarray(cols["maximum"], dtype="int64")
                data[name] = pd.arrays.IntegerArray(values, values < 0)
            else:
                data[name] = cols[name]
        # `data` is already in column order and its arrays are fresh: no reordering copy, and
        # copy=False keeps pandas from consolidating them into 2-D blocks (another full copy).
        return pd.DataFrame(data, copy=False)

    def evidence(self, row: int) -> npt.NDArray[np.uint32]:
        """The ids counted for row ``row`` (of contacts, pairings, commitments or activities, as the row's
        ``evidence_kind`` says)."""
        if isinstance(row, bool) or not isinstance(row, (int, np.integer)):
            raise TypeError(f"row must be an int, got {type(row).__name__}")
        return self._impl.evidence(int(row))

    def rollup(self) -> pd.DataFrame:
        """The roll-up per organisation over its whole subtree, indexed by the organisation id
        value: subjects (with an evaluated row), subjects_compliant (all evaluated rows met),
        share_compliant, rows_met, rows_short, rows_over, rows_not_applicable, worst_row (the row
        of the largest shortfall, -1 when none is short) and worst_shortfall."""
        cols = dict(self._impl.rollup_columns())
        org = cols.pop("org")
        return pd.DataFrame(cols, index=pd.Index(org, name="org"))

    def rollup_to_pandas(self) -> pd.DataFrame:
        """The same as :meth:`rollup`."""
        return self.rollup()


class PledgeReport(Facade):
    """The result of :func:`check_pledges`: one row per member (:meth:`to_pandas`) and the
    overdue pledges (:meth:`overdue`)."""

    @property
    def period(self) -> Period:
        """The period whose pledges are counted."""
        return self._impl.period

    @property
    def as_of(self) -> dt.date:
        """The day the counts stand on."""
        return self._impl.as_of

    def __len__(self) -> int:
        return len(self._impl.columns()["member"])

    def __repr__(self) -> str:
        return f"massline.compliance.{self._impl!r}"

    def to_pandas(self) -> pd.DataFrame:
        """One row per member who pledged in the period or has a ``pledges`` quota: member,
        pledged, withdrawn, expected, fulfilled, fulfilled_on_time, lapsed, overdue,
        fulfilment_rate (fulfilled / expected, NaN when nothing is expected), has_quota,
        quota_required, quota_actual and quota_status (docs/policy.md, "Pledges")."""
        return pd.DataFrame(dict(self._impl.columns()))

    def overdue(self) -> pd.DataFrame:
        """The pledges past their due date and still open on ``as_of``: commitment, category,
        status, pledged, due, days_overdue and members (a list of member ids)."""
        cols: dict[str, Any] = dict(self._impl.overdue_columns())
        cols["pledged"] = _dates(cols["pledged"])
        cols["due"] = _dates(cols["due"])
        return pd.DataFrame(cols)[["commitment", "category", "status", "pledged", "due", "days_overdue", "members"]]


def _arguments(registry: Registry, policy: PolicySet, period: Union[int, Period]) -> Period:
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if not isinstance(policy, PolicySet):
        raise TypeError(f"policy must be a massline.PolicySet, got {type(policy).__name__}")
    return require_period(period)


def check(registry: Registry, policy: PolicySet, period: Union[int, Period]) -> ComplianceReport:
    """Evaluates ``policy`` against ``registry`` over ``period``: a year as an int (``2024``) or
    a :class:`massline.Period` (year, half-year, quarter, month or custom). Raises TypeError for
    objects of the wrong type and :class:`massline.InvalidArgument` for a policy set that does not
    pass its check."""
    return ComplianceReport._wrap(_cp.check_compliance(registry, policy, _arguments(registry, policy, period)))


def check_pledges(registry: Registry, policy: PolicySet, period: Union[int, Period],
                  as_of: Optional[dt.date] = None) -> PledgeReport:
    """Pledges made in ``period`` as they stood on ``as_of`` (a ``datetime.date``; the period's
    last day when None), per member, against the set's ``pledges`` quota rules; a joint pledge
    counts for each of its pledgers. Arguments as :func:`check`."""
    period = _arguments(registry, policy, period)
    if as_of is not None and not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a datetime.date or None, got {type(as_of).__name__}")
    return PledgeReport._wrap(_cp.check_pledges(registry, policy, period, as_of))
