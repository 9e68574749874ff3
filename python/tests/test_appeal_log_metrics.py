"""The appeal clock's metrics on the real appeal logs against pandas on the raw files (issue 10's
oracle): on-time rates, the resolution rate and the time-to-feedback and time-to-disposal
distributions of the three NYC 311 extracts and the TipDM message board, computed by
massline.appeals.appeal_metrics on the imported registry and, independently, by pandas from the
raw CSV cells with the definitions of docs/appeals.md ("Metrics") and the mapping of
docs/formats.md ("Appeal logs"). They must agree exactly, per agency and for the whole log."""

from __future__ import annotations

import datetime as dt
import pathlib

import numpy as np
import pandas as pd
import pytest

import massline as ml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
NYC_FILES = sorted((DATA / "nyc311").glob("*.csv"))
BOARD = DATA / "cn_gov_messages_tipdm2020" / "messages_with_replies.csv"
NO_RULES = ml.PolicySet(name="no deadline rules")  # every due date is the log's own


def _day(column: pd.Series, fmt: str) -> pd.Series:
    return pd.to_datetime(column.replace("", None), format=fmt).dt.normalize()


def _expected(r: pd.Series, f: pd.Series, x: pd.Series, u: pd.Series, as_of: pd.Timestamp) -> dict:
    """The figures of docs/appeals.md from registration r, first feedback f, disposal x and due
    date u (per appeal; NaT where absent), read as of `as_of`, with the due date applied to the
    disposed stage (the default) and, in the *_fb figures, to the fed_back stage."""
    out: dict = {"registered": len(r), "fed_back": int(f.notna().sum()), "disposed": int(x.notna().sum())}
    for stage, reached in (("disposed", x), ("fed_back", f)):
        on_time = reached.notna() & u.notna() & (reached <= u)
        late = u.notna() & ((reached.notna() & (reached > u)) | (reached.isna() & (as_of > u)))
        out[f"{stage}_on_time"], out[f"{stage}_late"] = int(on_time.sum()), int(late.sum())
        out[f"{stage}_on_time_rate"] = on_time.sum() / (on_time | late).sum() if (on_time | late).any() else np.nan
    out["resolved_rate"] = x.notna().mean()
    for name, reached in (("days_to_feedback", f), ("days_to_disposal", x)):
        days = (reached - r).dt.days.dropna()
        out[f"{name}_count"] = len(days)
        if len(days):
            out[f"{name}_mean"] = days.mean()
            out[f"{name}_p50"], out[f"{name}_p90"] = days.quantile(0.5), days.quantile(0.9)
            out[f"{name}_max"] = days.max()
    return out


def _compare(ours: pd.Series, theirs: dict, what: str) -> None:
    for key, value in theirs.items():
        got = ours[key]
        if isinstance(value, float) and np.isnan(value):
            assert pd.isna(got), f"{what} {key}: {got} (pandas: NaN)"
        else:
            assert got == pytest.approx(value, rel=1e-12, abs=0), f"{what} {key}: {got} (pandas: {value})"


def _metrics(registry: ml.Registry, first: pd.Timestamp, last: pd.Timestamp, stage: str):
    period = ml.Period.custom(first.date(), last.date())
    return ml.appeals.appeal_metrics(registry, NO_RULES, ml.WorkCalendar(), period, own_due_stage=stage)


@pytest.mark.parametrize("path", NYC_FILES, ids=lambda p: p.name)
def test_nyc311_metrics_equal_pandas_on_the_raw_csv(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    fmt = "%m/%d/%Y %I:%M:%S %p"
    r = _day(raw["Created Date"], fmt)
    closed = raw["Status"].str.lower() == "closed"
    x = _day(raw["Closed Date"], fmt).where(closed)
    u = _day(raw["Due Date"], fmt) if "Due Date" in raw else pd.Series(pd.NaT, index=raw.index)
    resolution = _day(raw["Resolution Action Updated Date"], fmt)
    f = pd.concat([resolution, x], axis=1).min(axis=1)
    # The period: every registration of the file; read as of the last date the file holds, so
    # every event counts.
    first = r.min()
    last = max(r.max(), x.max(), f.max())
    registry = ml.io.read_nyc311(path)
    orgs = ml.frames.organizations(registry).set_index("code")
    by_disposal = _metrics(registry, first, last, "disposed")
    by_feedback = _metrics(registry, first, last, "fed_back")
    expected = _expected(r, f, x, u, last)
    assert expected["registered"] == len(registry.appeals)
    fb = _expected(r, f, x, u, last)
    whole = by_disposal.rollup().loc[orgs.at["nyc311", "id"]]
    _compare(whole, {k: v for k, v in expected.items() if not k.startswith("fed_back_")}, path.name)
    _compare(by_feedback.rollup().loc[orgs.at["nyc311", "id"]],
             {k: fb[k] for k in ("fed_back_on_time", "fed_back_late", "fed_back_on_time_rate")}, path.name + " fed_back")
    assert expected["disposed_on_time"] + expected["disposed_late"] > 0 or u.isna().all()
    # per agency (its own appeals, which are its subtree's)
    units = by_disposal.to_pandas()
    for agency, rows in raw.groupby("Agency"):
        org = orgs.at[f"nyc311:{agency}", "id"]
        i = rows.index
        want = _expected(r[i], f[i], x[i], u[i], last)
        _compare(units.loc[org], {k: v for k, v in want.items() if not k.startswith("fed_back_")}, f"{path.name} {agency}")


def test_message_board_metrics_equal_pandas_on_the_raw_csv():
    raw = pd.read_csv(BOARD, dtype=str, keep_default_na=False)
    r = pd.to_datetime(raw["留言时间"], format="%Y/%m/%d %H:%M:%S").dt.normalize()
    replied = pd.to_datetime(raw["答复时间"], format="%Y/%m/%d %H:%M:%S", errors="coerce")
    replied = replied.fillna(pd.to_datetime(raw["答复时间"], format="%Y/%m/%d", errors="coerce")).dt.normalize()
    # A reply is the feedback, the disposal and the closing (docs/formats.md); no due dates.
    f = x = replied
    u = pd.Series(pd.NaT, index=raw.index)
    first, last = r.min(), max(r.max(), replied.max())
    registry = ml.io.read_cn_messages(BOARD)
    expected = _expected(r, f, x, u, last)
    assert expected["registered"] == len(registry.appeals) > 1000
    assert expected["days_to_feedback_count"] > 1000
    metrics = _metrics(registry, first, last, "disposed")
    root = ml.frames.organizations(registry).set_index("code").at["cn_messages", "id"]
    _compare(metrics.rollup().loc[root], expected, "message board")
    assert pd.isna(metrics.rollup().loc[root, "disposed_on_time_rate"])  # no deadlines in the file


def test_an_earlier_as_of_counts_only_what_had_happened():
    # Read on an earlier day, feedback and disposals after it do not exist yet.
    path = DATA / "nyc311" / "nyc311_dohmh_illegal_animals_2010_2025.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    fmt = "%m/%d/%Y %I:%M:%S %p"
    r = _day(raw["Created Date"], fmt)
    x = _day(raw["Closed Date"], fmt).where(raw["Status"].str.lower() == "closed")
    f = pd.concat([_day(raw["Resolution Action Updated Date"], fmt), x], axis=1).min(axis=1)
    u = _day(raw["Due Date"], fmt)
    first, last = pd.Timestamp(2015, 1, 1), pd.Timestamp(2019, 12, 31)
    inside = (r >= first) & (r <= last)
    cut = lambda s: s[inside].where(s[inside] <= last)  # noqa: E731
    registry = ml.io.read_nyc311(path)
    metrics = _metrics(registry, first, last, "disposed")
    root = ml.frames.organizations(registry).set_index("code").at["nyc311", "id"]
    want = _expected(r[inside], cut(f), cut(x), u[inside], last)
    assert 0 < want["registered"] < len(raw)
    _compare(metrics.rollup().loc[root], {k: v for k, v in want.items() if not k.startswith("fed_back_")}, "2015-2019")
    assert metrics.as_of == dt.date(2019, 12, 31)
