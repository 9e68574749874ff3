"""The appraisal of a period and its report (docs/report.md): satisfaction by unit with intervals,
the units under the policy's satisfaction threshold, the red and black lists, coverage and
must-visit gaps, overdue appeals and a compliance summary, as pandas frames, as one
self-contained HTML file (Chinese or English labels), as JSON or as a short text.

    >>> import massline as ml
    >>> reg = ml.synth.generate("quyuan", seed=1)                               # doctest: +SKIP
    >>> a = ml.report.appraise(reg, ml.PolicySet.standard(), 2025)              # doctest: +SKIP
    >>> a.under_threshold                                                       # doctest: +SKIP
    >>> ml.report.write_html(a, "appraisal-2025.html", lang="en")               # doctest: +SKIP

The names follow the C++ functions of ``<massline/io/appraisal_report.hpp>``:
:func:`appraise`, :func:`appraisal_html` (also :func:`to_html`), :func:`write_appraisal_html`
(also :func:`write_html`), :func:`appraisal_json` (also :func:`to_json`) and
:func:`appraisal_text` (also :func:`to_text`). :func:`appraise` reads the registry and holds the
GIL; the writers release it. Every call honours Ctrl-C.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any, List, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import io as _cio
from ._core.core import InvalidArgument, Location, Period, WorkCalendar
from ._core.model import Registry
from ._core.policy import PolicySet
from ._core.scoring import ResponseScale
from ._errors import raise_error, require_period
from ._facade import Facade

__all__ = ["appraise", "Appraisal", "write_html", "to_html", "to_json", "to_text", "appraisal_html",
           "write_appraisal_html", "appraisal_json", "appraisal_text"]

PathLike = Union[str, "os.PathLike[str]"]

_LANGUAGES = {"zh": _cio.ReportLanguage.zh, "en": _cio.ReportLanguage.en}


def _language(lang: object) -> Any:
    if isinstance(lang, _cio.ReportLanguage):
        return lang
    if not isinstance(lang, str):
        raise TypeError(f"lang must be 'zh' or 'en', got {type(lang).__name__}")
    if lang not in _LANGUAGES:
        raise_error(InvalidArgument, "report.language", "unknown report language", Location(entity="arguments", field="lang"),
                    f"expected 'zh' or 'en', got {lang!r:.40}")
    return _LANGUAGES[lang]


def _days(values: Any) -> pd.Series:
    return pd.Series(np.asarray(values, dtype="int64").astype("datetime64[D]"))


def _frame(columns: Any, order: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({name: columns[name] for name in order})


_SATISFACTION = ["unit", "code", "name", "level", "parent", "item", "n", "n_eff", "rate", "low", "high", "mean_score",
                 "verdict"]


class Appraisal(Facade):
    """The result of :func:`appraise`. Scalars are attributes (``period``, ``as_of``,
    ``threshold``, ``has_responses``...); tables are pandas frames (``satisfaction``,
    ``under_threshold``, ``lists``, ``coverage``, ``must_visit_gaps``, ``overdue``,
    ``compliance``). Not picklable (it is a view of one registry at one moment); keep the JSON
    (:meth:`to_json`) instead."""

    def __repr__(self) -> str:
        return f"massline.report.{self._impl!r}"

    # ---- scalars ----
    @property
    def period(self) -> Period:
        """The appraised period."""
        return self._impl.period

    @property
    def as_of(self) -> dt.date:
        """The day appeals are judged overdue and pairings taken active on."""
        return self._impl.as_of

    @property
    def threshold(self) -> float:
        """The policy's satisfaction threshold (PolicySet.satisfaction_threshold)."""
        return float(self._impl.threshold)

    @property
    def policy_name(self) -> str:
        """The policy set's name."""
        return str(self._impl.policy_name)

    @property
    def confidence(self) -> float:
        """Confidence of the Wilson intervals."""
        return float(self._impl.confidence)

    @property
    def basis(self) -> str:
        """'estimate' or 'upper_bound': what must lie below the threshold for a flag."""
        return str(self._impl.basis)

    @property
    def has_responses(self) -> bool:
        """False when the registry has no survey response in the period (the satisfaction
        frames are then empty)."""
        return bool(self._impl.has_responses)

    @property
    def responses(self) -> int:
        """Survey responses in the period."""
        return int(self._impl.responses)

    @property
    def answers(self) -> int:
        """Answers scored (don't-know and missing answers left out)."""
        return int(self._impl.answers)

    @property
    def items(self) -> List[str]:
        """The items scored."""
        return list(self._impl.items)

    @property
    def summary(self) -> dict:
        """The headline figures as a dict: responses, answers, dont_know, under_threshold,
        households, covered_households, must_visit_households, must_visit_covered,
        must_visit_unpaired, must_visit_gaps, overdue, compliance_subjects, compliance_compliant."""
        a = self._impl
        return {"responses": int(a.responses), "answers": int(a.answers), "dont_know": int(a.dont_know),
                "under_threshold": len(a.under_threshold_columns()["unit"]), "households": int(a.households),
                "covered_households": int(a.covered_households), "must_visit_households": int(a.must_visit_households),
                "must_visit_covered": int(a.must_visit_covered), "must_visit_unpaired": len(a.must_visit_unpaired),
                "must_visit_gaps": len(a.gap_columns()["household"]), "overdue": len(a.overdue_columns()["appeal"]),
                "compliance_subjects": int(a.compliance_subjects), "compliance_compliant": int(a.compliance_compliant)}

    @property
    def must_visit_categories(self) -> List[str]:
        """Categories of the policy's visiting coverage rules (empty: the policy names none)."""
        return list(self._impl.must_visit_categories)

    @property
    def must_visit_unpaired(self) -> npt.NDArray[np.int64]:
        """Ids of the must-visit households without a responsible member."""
        return self._impl.must_visit_unpaired

    # ---- frames ----
    @property
    def satisfaction(self) -> pd.DataFrame:
        """Satisfaction by unit (every level with answers) and item: unit, code, name, level,
        parent, item, n, n_eff, rate, low, high (Wilson interval), mean_score (NaN without
        scores) and verdict ('flagged', 'clear', 'insufficient_sample')."""
        return _frame(self._impl.satisfaction_columns(), _SATISFACTION)

    @property
    def under_threshold(self) -> pd.DataFrame:
        """The rows the accountability rule flagged, worst rate first (columns as
        :attr:`satisfaction`)."""
        return _frame(self._impl.under_threshold_columns(), _SATISFACTION)

    @property
    def lists(self) -> pd.DataFrame:
        """The red list then the black list of the ranked level: list ('red' / 'black'), rank,
        unit, code, name, item, n, rate, low, high."""
        return _frame(self._impl.list_columns(), ["list", "rank", "unit", "code", "name", "item", "n", "rate", "low",
                                                  "high"])

    @property
    def coverage(self) -> pd.DataFrame:
        """Coverage of each level-4 unit: unit, code, name, households, covered, share (NaN for a
        unit without households)."""
        frame = _frame(self._impl.coverage_columns(), ["unit", "code", "name", "households", "covered"])
        households = frame["households"].to_numpy(dtype="float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            frame["share"] = np.where(households > 0, frame["covered"].to_numpy(dtype="float64") / households, np.nan)
        return frame

    @property
    def must_visit_gaps(self) -> pd.DataFrame:
        """Must-visit households short of visits in the period: household, household_code, unit,
        unit_name, rule, required, actual."""
        return _frame(self._impl.gap_columns(), ["household", "household_code", "unit", "unit_name", "rule", "required",
                                                 "actual"])

    @property
    def overdue(self) -> pd.DataFrame:
        """Appeal stages awaited past their due date on :attr:`as_of`: appeal, code, unit,
        unit_name, stage, due (datetime64), days_overdue, working_days_overdue."""
        cols = dict(self._impl.overdue_columns())
        cols["due"] = _days(cols["due"])
        return _frame(cols, ["appeal", "code", "unit", "unit_name", "stage", "due", "days_overdue",
                             "working_days_overdue"])

    @property
    def compliance(self) -> pd.DataFrame:
        """Compliance per organisation subtree: unit, code, name, level, subjects, compliant,
        share_compliant, rows_short, rows_over."""
        return _frame(self._impl.compliance_columns(), ["unit", "code", "name", "level", "subjects", "compliant",
                                                         "share_compliant", "rows_short", "rows_over"])

    # ---- output ----
    def to_html(self, lang: str = "zh") -> str:
        """The report as one self-contained HTML page (see :func:`appraisal_html`)."""
        return appraisal_html(self, lang)

    def write_html(self, path: PathLike, lang: str = "zh") -> None:
        """Writes the HTML report (see :func:`write_appraisal_html`)."""
        write_appraisal_html(self, path, lang)

    def to_json(self) -> str:
        """The appraisal as JSON (see :func:`appraisal_json`)."""
        return appraisal_json(self)

    def to_text(self, lang: str = "zh") -> str:
        """A compact plain-text summary (see :func:`appraisal_text`)."""
        return appraisal_text(self, lang)


def _impl_of(appraisal: object) -> Any:
    if isinstance(appraisal, Appraisal):
        return appraisal._impl
    if isinstance(appraisal, _cio.Appraisal):
        return appraisal
    raise TypeError(f"appraisal must be a massline.report.Appraisal, got {type(appraisal).__name__}")


def appraise(registry: Registry, policy: PolicySet, period: Union[int, Period], *, items: Optional[Sequence[str]] = None,
             scale: Optional[ResponseScale] = None, confidence: float = 0.95, basis: str = "estimate",
             min_sample: int = 1, list_level: int = 3, red_count: int = 3, black_count: int = 3,
             as_of: Optional[dt.date] = None, calendar: Optional[WorkCalendar] = None) -> Appraisal:
    """The appraisal of ``period`` (a :class:`massline.Period` or a year as an int) from the
    registry's survey responses, network, contacts and appeals, judged by ``policy`` (its
    satisfaction threshold, coverage rules and appeal deadlines).

    ``items``: the items to score (default every item answered in the period); ``scale``: the
    answers' :class:`massline.scoring.ResponseScale` (default the three-level scale 1 不满意,
    2 基本满意, 3 满意); ``confidence`` of the intervals; ``basis`` 'estimate' or 'upper_bound';
    units with fewer than ``min_sample`` answers are neither judged nor listed; the red and black
    lists rank the units of ``list_level`` (1 county … 4 grid), ``red_count`` and
    ``black_count`` of them; appeals are judged on ``as_of`` (default the period's last day) with
    the working days of ``calendar`` (default Saturday and Sunday off).

    With no survey response in the period the result says so (``has_responses`` False) instead
    of failing. Raises TypeError for arguments of the wrong type and
    :class:`massline.InvalidArgument` for bad options (``appraisal.options``), an item nobody
    answered (``appraisal.item``) or an ``as_of`` before the period (``appraisal.as_of``)."""
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if not isinstance(policy, PolicySet):
        raise TypeError(f"policy must be a massline.PolicySet, got {type(policy).__name__}")
    if isinstance(items, str):
        raise TypeError("items must be a sequence of str, not one str")
    if as_of is not None and (not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime)):
        raise TypeError(f"as_of must be a datetime.date or None, got {type(as_of).__name__}")
    return Appraisal._wrap(_cio.appraise(registry, policy, require_period(period), items=list(items or []), scale=scale,
                                         confidence=confidence, basis=basis, min_sample=min_sample,
                                         list_level=list_level, red_count=red_count, black_count=black_count,
                                         as_of=as_of, calendar=calendar))


def appraisal_html(appraisal: Appraisal, lang: str = "zh") -> str:
    """The report as one self-contained UTF-8 HTML page (inline CSS and SVG, nothing fetched;
    every piece of data escaped), labels in Chinese (``lang="zh"``) or English (``"en"``)."""
    return _cio.appraisal_html(_impl_of(appraisal), _language(lang))


def write_appraisal_html(appraisal: Appraisal, path: PathLike, lang: str = "zh") -> None:
    """Writes :func:`appraisal_html` to ``path`` atomically: the file is replaced whole or left
    as it was. Raises :class:`massline.ParseError` ``report.write`` naming the path when it
    cannot be written."""
    _cio.write_appraisal_html(_impl_of(appraisal), os.fspath(path), _language(lang))


def appraisal_json(appraisal: Appraisal) -> str:
    """The appraisal as a JSON document with stable keys (docs/report.md)."""
    return _cio.appraisal_json(_impl_of(appraisal))


def appraisal_text(appraisal: Appraisal, lang: str = "zh") -> str:
    """A compact plain-text summary for a terminal."""
    return _cio.appraisal_text(_impl_of(appraisal), _language(lang))


to_html = appraisal_html
write_html = write_appraisal_html
to_json = appraisal_json
to_text = appraisal_text
