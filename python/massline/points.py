"""The points ledger (积分): dated point entries per member, derived from the registry's records
by a policy set's points rules (recomputable at any time), with manual adjustments; standings
ranked and red/black-listed by the scoring layer's ranking functions.

    >>> import massline as ml
    >>> policy = ml.PolicySet.parse_toml(text)                                    # doctest: +SKIP
    >>> ledger = ml.points.build_points_ledger(registry, policy, 2024)            # doctest: +SKIP
    >>> ledger.append(ml.MemberId(3), datetime.date(2024, 7, 1), 4, "flood relief")  # doctest: +SKIP
    >>> ml.points.rank_points(registry, ledger, 2024, red=10, black=10)           # doctest: +SKIP

Which records make each event and on which date: docs/policy.md, "Points ledger". The calls
that read the registry hold the GIL (docs/python.md, "Threads"); Ctrl-C stops them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Literal, Optional, Union

import numpy as np
import pandas as pd

from ._core import policy as _cp
from ._core.core import MemberId, Period
from ._core.model import Registry
from ._core.policy import PolicySet
from ._errors import require_period
from ._facade import Facade

__all__ = ["PointsLedger", "build_points_ledger", "rank_points"]

_ENTRY_COLUMNS = ["date", "member", "rule", "points", "source", "source_id", "note"]


def _member(member: Union[MemberId, int]) -> MemberId:
    if isinstance(member, MemberId):
        return member
    if isinstance(member, (int, np.integer)) and not isinstance(member, (bool, np.bool_)):
        return MemberId(int(member))
    raise TypeError(f"member must be a massline.MemberId or an int, got {type(member).__name__}")


class PointsLedger(Facade):
    """An append-only ledger: entries are added (:meth:`append` for manual adjustments), never
    changed or removed. Pickles and copies by its entries, which are checked again on load."""

    def __init__(self, rule_names: Iterable[str] = ()) -> None:
        names = list(rule_names)
        if not all(isinstance(n, str) for n in names):
            raise TypeError("rule_names must be strings")
        self._impl = _cp.PointsLedger(names)

    @property
    def rule_names(self) -> list[str]:
        """The rules the entries name (by index)."""
        return list(self._impl.rule_names)

    def __len__(self) -> int:
        return len(self._impl)

    def __repr__(self) -> str:
        return f"massline.points.{self._impl!r}"

    def append(self, member: Union[MemberId, int], date: dt.date, points: float, note: str) -> None:
        """Appends a manual adjustment of ``points`` for ``member`` on ``date``; ``note`` says
        why (required). Raises InvalidArgument for a bad entry, leaving the ledger unchanged."""
        if not isinstance(note, str):
            raise TypeError(f"note must be a str, got {type(note).__name__}")
        if isinstance(points, (bool, np.bool_)) or not isinstance(points, (int, float, np.integer, np.floating)):
            raise TypeError(f"points must be a number, got {type(points).__name__}")
        self._impl.append(date, _member(member), None, float(points), "manual", 0, note)

    def to_pandas(self) -> pd.DataFrame:
        """The entries in ledger order: date, member (id value), rule (name, "manual" for an
        adjustment), points, source (contact, commitment, appeal, activity, quota, manual),
        source_id (the record's id value; for quota entries the quota's index) and note."""
        cols: dict[str, Any] = dict(self._impl.columns())
        cols["date"] = pd.Series(np.asarray(cols["date"], dtype="int64").astype("datetime64[D]"))
        return pd.DataFrame({name: cols[name] for name in _ENTRY_COLUMNS})

    def __getstate__(self) -> Any:
        cols = self._impl.columns()
        rows = list(zip(np.asarray(cols["date"]).tolist(), np.asarray(cols["member"]).tolist(),
                        np.asarray(cols["rule_index"]).tolist(), np.asarray(cols["points"]).tolist(),
                        list(cols["source"]), np.asarray(cols["source_id"]).tolist(), list(cols["note"])))
        return {"version": 1, "rule_names": self.rule_names, "entries": rows}

    def __setstate__(self, state: Any) -> None:
        if not isinstance(state, dict) or state.get("version") != 1:
            raise TypeError("not a massline.points.PointsLedger state (version 1)")
        impl = _cp.PointsLedger(list(state["rule_names"]))
        epoch = dt.date(1970, 1, 1)
        for day, member, rule, points, source, source_id, note in state["entries"]:
            impl.append(epoch + dt.timedelta(days=int(day)), MemberId(int(member)), None if rule < 0 else int(rule),
                        float(points), source, int(source_id), note)
        self._impl = impl


def build_points_ledger(registry: Registry, policy: PolicySet, period: Union[int, Period]) -> PointsLedger:
    """The ledger of ``period`` (a year as an int or a :class:`massline.Period`) from the
    registry's records by ``policy``'s points rules; the same records always give the same
    ledger. Raises InvalidArgument for a policy set that does not pass its check."""
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if not isinstance(policy, PolicySet):
        raise TypeError(f"policy must be a massline.PolicySet, got {type(policy).__name__}")
    return PointsLedger._wrap(_cp.build_points_ledger(registry, policy, require_period(period)))


def rank_points(registry: Registry, ledger: PointsLedger, period: Union[int, Period], *,
                by: Literal["all", "home_organization"] = "all", red: Optional[int] = None,
                black: Optional[int] = None, red_at_least: Optional[float] = None,
                black_below: Optional[float] = None) -> pd.DataFrame:
    """Standings over ``period``: every member who belonged on some day of it (0 points without
    entries), with points (sum of the entries dated in the period), entries, rank (1 = most
    points, ties share the smallest rank) within ``by`` ("all" or "home_organization") and
    ``list`` ("red", "black" or "") drawn by counts (``red``/``black`` best and worst, ties at
    the cut all listed) or thresholds (``red_at_least``/``black_below`` points), like
    :func:`massline.scoring.red_black`. Indexed by member id value."""
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if not isinstance(ledger, PointsLedger):
        raise TypeError(f"ledger must be a massline.points.PointsLedger, got {type(ledger).__name__}")
    cols = dict(_cp.rank_points(registry, ledger._impl, require_period(period), by=by, red=red, black=black,
                                red_at_least=red_at_least, black_below=black_below))
    mark = np.asarray(cols.pop("mark"))
    member = cols.pop("member")
    frame = pd.DataFrame(cols, index=pd.Index(member, name="member"))
    frame["list"] = np.where(mark > 0, "red", np.where(mark < 0, "black", ""))
    return frame[["organization", "points", "entries", "rank", "list"]]
