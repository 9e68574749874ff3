"""massline.appeals: the appeal clock across China's 2024 National Day (holidays and make-up
working days), pauses, extensions, reopening and verified resolution, escalation, metrics per
unit and period, and a synthetic county whose due dates and rates are recounted with numpy and
pandas independently of the engine (docs/appeals.md)."""
from __future__ import annotations

import copy
import pickle
from datetime import date as d

import numpy as np
import pandas as pd
import pytest

import massline as ml
from massline import appeals

E = ml.AppealEventKind

POLICY_TOML = """
format = "massline.policy_set"
version = 1
name = "test"
satisfaction_threshold = 0.8

[[deadlines]]
name = "sort.any"
stage = "sorted"
working_days = 1

[[deadlines]]
name = "feedback.any"
stage = "fed_back"
working_days = 5

[[deadlines]]
name = "dispose.any"
stage = "disposed"
working_days = 15
"""


def national_day() -> ml.WorkCalendar:
    return ml.WorkCalendar(holidays=[d(2024, 10, day) for day in range(1, 8)],
                           extra_working_days=[d(2024, 9, 29), d(2024, 10, 12)])


class Net:
    def __init__(self) -> None:
        self.r = ml.Registry()
        self.county = self.r.add(ml.Organization(code="C", name="C", level=1))
        self.township = self.r.add(ml.Organization(code="T", name="T", level=2, parent=self.county))
        self.village = self.r.add(ml.Organization(code="V", name="V", level=3, parent=self.township))
        self.policy = ml.PolicySet.parse_toml(POLICY_TOML)
        self.cal = national_day()

    def appeal(self, day, due=None, unit=None):
        return self.r.add(ml.Appeal.registered_on(day, unit or self.village, due=due))

    def ev(self, a, kind, day, **kw):
        fields = {k: kw.pop(k) for k in list(kw) if k in ("appeal_class", "routing", "outcome", "public_answer")}
        self.r.record(a, ml.AppealEvent(kind=kind, date=day, **kw), **fields)

    def sort(self, a, day):
        self.ev(a, E.sorted, day, appeal_class=ml.AppealClass.reasonable_lawful, routing=ml.Routing.direct)

    def clock(self, as_of, **kw):
        return appeals.appeal_clock(self.r, self.policy, self.cal, as_of, **kw).set_index("appeal")


@pytest.fixture
def net():
    return Net()


def test_deadline_crosses_the_holiday_and_its_make_up_days(net):
    # Registered Fri 27 Sep: working days after it are Sun 29 Sep (make-up), Mon 30 Sep, then
    # 8, 9, 10 Oct (1-7 Oct off): feedback due 10 Oct. Disposal: 11, 12 (make-up), 14-18, 21-23 Oct.
    a = net.appeal(d(2024, 9, 27))
    net.sort(a, d(2024, 9, 29))
    net.ev(a, E.fed_back, d(2024, 10, 10))
    row = net.clock(d(2024, 10, 10)).loc[a.value]
    assert row["sorted_due"] == pd.Timestamp("2024-09-29") and row["sorted_status"] == "on_time"
    assert row["fed_back_due"] == pd.Timestamp("2024-10-10") and row["fed_back_status"] == "on_time"
    assert row["fed_back_rule"] == "feedback.any" and row["fed_back_due_source"] == "rule"
    assert row["disposed_due"] == pd.Timestamp("2024-10-23") and row["disposed_status"] == "pending"
    assert row["days_to_feedback"] == 13 and row["working_days_to_feedback"] == 5
    assert pd.isna(row["disposed_reached"]) and pd.isna(row["days_to_disposal"])

    b = net.appeal(d(2024, 9, 27))
    net.sort(b, d(2024, 9, 27))
    assert net.clock(d(2024, 10, 10)).loc[b.value, "fed_back_status"] == "pending"
    assert net.clock(d(2024, 10, 11)).loc[b.value, "fed_back_status"] == "late"
    overdue = appeals.overdue_appeals(net.r, net.policy, net.cal, d(2024, 10, 11))
    assert list(overdue.columns) == ["appeal", "unit", "stage", "due", "days_overdue", "working_days_overdue"]
    assert overdue.to_dict("records") == [{"appeal": b.value, "unit": net.village.value, "stage": "fed_back",
                                           "due": pd.Timestamp("2024-10-10"), "days_overdue": 1,
                                           "working_days_overdue": 1}]


def test_pause_pushes_the_due_date_by_its_working_days(net):
    a = net.appeal(d(2024, 9, 27))
    net.sort(a, d(2024, 9, 27))
    net.ev(a, E.paused, d(2024, 9, 30))
    net.ev(a, E.resumed, d(2024, 10, 9))  # 8 and 9 Oct: 2 working days
    row = net.clock(d(2024, 10, 9)).loc[a.value]
    assert row["paused_working_days"] == 2
    assert row["fed_back_original_due"] == pd.Timestamp("2024-10-10")
    assert row["fed_back_due"] == pd.Timestamp("2024-10-12")  # Sat 12 Oct is a make-up day


def test_extension_keeps_the_original_due(net):
    a = net.appeal(d(2024, 9, 27), due=d(2024, 10, 23))
    net.sort(a, d(2024, 9, 27))
    net.ev(a, E.fed_back, d(2024, 10, 8))
    net.ev(a, E.extended, d(2024, 10, 20), new_due=d(2024, 11, 5))
    net.ev(a, E.disposed, d(2024, 11, 4), outcome=ml.AppealOutcome.solved)
    row = net.clock(d(2024, 11, 4)).loc[a.value]
    assert row["disposed_due_source"] == "appeal" and row["disposed_rule"] is None
    assert row["disposed_original_due"] == pd.Timestamp("2024-10-23")
    assert row["disposed_due"] == pd.Timestamp("2024-11-05")
    assert row["disposed_status"] == "on_time"
    assert net.r.appeals[a].due == d(2024, 10, 23)
    # the own due date applied to feedback instead
    row = net.clock(d(2024, 11, 4), own_due_stage="fed_back").loc[a.value]
    assert row["fed_back_due_source"] == "appeal" and row["disposed_due_source"] == "rule"


def test_reopen_and_verified_resolution_kept_apart_from_closed(net):
    a = net.appeal(d(2024, 9, 2))
    net.sort(a, d(2024, 9, 2))
    net.ev(a, E.fed_back, d(2024, 9, 3), public_answer=ml.PublicAnswer.satisfied)
    net.ev(a, E.disposed, d(2024, 9, 5), outcome=ml.AppealOutcome.solved)
    net.ev(a, E.closed, d(2024, 9, 6))
    net.ev(a, E.reopened, d(2024, 9, 20))
    b = net.appeal(d(2024, 9, 2))
    net.sort(b, d(2024, 9, 2))
    net.ev(b, E.fed_back, d(2024, 9, 3), public_answer=ml.PublicAnswer.unsatisfied)
    net.ev(b, E.disposed, d(2024, 9, 5), outcome=ml.AppealOutcome.explained)
    net.ev(b, E.closed, d(2024, 9, 6))
    c = net.appeal(d(2024, 9, 2))
    net.sort(c, d(2024, 9, 2))
    net.ev(c, E.fed_back, d(2024, 9, 3))
    net.ev(c, E.disposed, d(2024, 9, 5), outcome=ml.AppealOutcome.solved)
    net.ev(c, E.closed, d(2024, 9, 6))

    m = appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 9), d(2024, 10, 6))
    v = m.to_pandas().loc[net.village.value]
    assert v["registered"] == 3 and v["closed"] == 2 and v["verified"] == 1  # c only, 30 days after closing
    assert v["reopened"] == 1 and v["ever_disposed"] == 3 and v["reopen_rate"] == pytest.approx(1 / 3)
    assert v["closed_rate"] == pytest.approx(2 / 3) and v["verified_rate"] == pytest.approx(1 / 3)
    assert v["resolved_rate"] == pytest.approx(2 / 3)
    # one day earlier the window has not passed for c
    m = appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 9), d(2024, 10, 5))
    assert m.to_pandas().loc[net.village.value, "verified"] == 0
    m = appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 9), d(2024, 10, 5),
                               verification_window_days=0)
    assert m.to_pandas().loc[net.village.value, "verified"] == 1
    frame = m.appeals().set_index("appeal")
    assert frame.loc[a.value, "reopen_count"] == 1 and not frame.loc[a.value, "verified"]
    assert pd.isna(frame.loc[a.value, "closed"]) and frame.loc[c.value, "closed"] == pd.Timestamp("2024-09-06")


def test_escalation_to_the_parent_and_when_the_level_cannot_solve_it(net):
    a = net.appeal(d(2024, 9, 27))
    net.sort(a, d(2024, 9, 27))
    waiting = net.appeal(d(2024, 9, 27))
    result = appeals.escalate_overdue(net.r, net.policy, net.cal, d(2024, 10, 11))
    assert result.as_of == d(2024, 10, 11)
    assert result.to_pandas().to_dict("records") == [
        {"appeal": a.value, "from": net.village.value, "to": net.township.value, "stage": "fed_back",
         "due": pd.Timestamp("2024-10-10")}]
    skipped = result.skipped()
    assert list(skipped["appeal"]) == [waiting.value] and "handling" in skipped["reason"][0]
    assert net.r.appeals[a].handler == net.township
    assert appeals.escalate_overdue(net.r, net.policy, net.cal, d(2024, 10, 14)).to_pandas().empty
    # the township cannot solve it either
    assert appeals.escalate_appeal(net.r, a, d(2024, 10, 15), "needs county departments") == net.county
    assert net.r.appeals[a].history[-1].note == "needs county departments"
    with pytest.raises(ml.InvalidArgument) as err:
        appeals.escalate_appeal(net.r, a, d(2024, 10, 16))
    assert err.value.code == "appeals.escalate"
    with pytest.raises(ml.InvalidArgument):
        appeals.escalate_appeal(net.r, waiting, d(2024, 10, 16))
    assert len(net.r.appeals[waiting].history) == 1


def test_metrics_period_edges_leap_year_and_rollup(net):
    other = net.r.add(ml.Organization(code="V2", name="V2", level=3, parent=net.township))
    for i, after in enumerate([1, 2, 3, 10]):
        reg = d(2024, 2, 26 + i)
        a = net.appeal(reg, unit=net.village if i < 3 else other)
        net.sort(a, reg)
        net.ev(a, E.fed_back, reg + pd.Timedelta(days=1).to_pytimedelta())
        net.ev(a, E.disposed, reg + pd.Timedelta(days=after).to_pytimedelta(), outcome=ml.AppealOutcome.solved)
    net.appeal(d(2024, 3, 1))
    net.appeal(d(2024, 1, 31))
    m = appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 2), d(2024, 3, 31))
    assert m.period == ml.Period.month(2024, 2) and m.as_of == d(2024, 3, 31)
    units = m.to_pandas()
    assert units.index.name == "unit" and list(units.index) == [net.county.value, net.township.value,
                                                                net.village.value, other.value]
    assert units.loc[net.village.value, "registered"] == 3
    assert units.loc[net.village.value, "days_to_disposal_p90"] == pytest.approx(2.8)
    assert np.isnan(units.loc[net.township.value, "resolved_rate"])
    assert pd.isna(units.loc[net.township.value, "days_to_disposal_max"])
    roll = m.rollup()
    t = roll.loc[net.township.value]
    assert t["registered"] == 4 and t["days_to_disposal_p50"] == pytest.approx(2.5)
    assert t["days_to_disposal_p90"] == pytest.approx(np.quantile([1, 2, 3, 10], 0.9))
    assert t["days_to_disposal_max"] == 10
    assert roll["registered"].to_dict() == {net.county.value: 4, net.township.value: 4, net.village.value: 3,
                                            other.value: 1}
    assert appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 1), d(2024, 3, 1)) \
        .to_pandas()["registered"].sum() == 1
    assert appeals.appeal_metrics(net.r, net.policy, net.cal, 2024).to_pandas()["registered"].sum() == 6
    with pytest.raises(ml.InvalidArgument) as err:
        appeals.appeal_metrics(net.r, net.policy, net.cal, ml.Period.month(2024, 2), d(2024, 2, 28))
    assert err.value.code == "appeals.as_of"
    by_handler = appeals.appeal_metrics(net.r, net.policy, net.cal, 2024, unit="handler")
    assert by_handler.appeals()["unit"].tolist() == by_handler.appeals()["handler"].tolist()


def test_unhappy_paths(net):
    a = net.appeal(d(2024, 12, 27))
    with pytest.raises(ml.InvalidArgument) as err:
        appeals.appeal_clock(net.r, net.policy, net.cal, d(2024, 12, 28), calendar_known=ml.Period.year(2024))
    assert err.value.code == "appeals.calendar"
    assert len(appeals.appeal_clock(net.r, net.policy, net.cal, d(2024, 12, 26))) == 0
    for kw, code in [({"own_due_stage": "closed"}, "appeals.options"), ({"verification_window_days": -1}, "appeals.options"),
                     ({"unit": "household"}, "enum.unknown"), ({"own_due_stage": "nonsense"}, "enum.unknown")]:
        with pytest.raises(ml.InvalidArgument) as err:
            appeals.appeal_clock(net.r, net.policy, net.cal, d(2024, 12, 28), **kw)
        assert err.value.code == code, kw
    for bad in [("registry", "policy"), ]:
        with pytest.raises(TypeError):
            appeals.appeal_clock(*bad, net.cal, d(2024, 12, 28))
    with pytest.raises(TypeError):
        appeals.appeal_clock(net.r, net.policy, net.cal, "2024-12-28")
    with pytest.raises(TypeError):
        appeals.appeal_metrics(net.r, net.policy, net.cal, "2024")
    with pytest.raises(TypeError):
        appeals.appeal_clock(net.r, net.policy, net.cal, d(2024, 12, 28), verification_window_days=True)
    assert a in net.r.appeals


def test_results_do_not_pickle_and_cannot_be_built(net):
    m = appeals.appeal_metrics(net.r, net.policy, net.cal, 2024)
    e = appeals.escalate_overdue(net.r, net.policy, net.cal, d(2024, 1, 1))
    for obj in (m, e):
        with pytest.raises(TypeError):
            pickle.dumps(obj)
        with pytest.raises(TypeError):
            copy.copy(obj)
    for cls in (ml._core.policy.AppealMetricsResult, ml._core.policy.EscalationResult):
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls.__new__(cls)
    with pytest.raises(ml.StateError):
        appeals.AppealMetrics.__new__(appeals.AppealMetrics).to_pandas()
    assert "AppealMetrics(period=2024" in repr(m) and "escalated=0" in repr(e)


def test_synthetic_county_recounted_with_numpy_and_pandas():
    # Oracle: due dates by numpy's business-day arithmetic (holidays, no make-up days) and the
    # rates and quantiles by pandas from the appeals frame, independently of the engine.
    reg = ml.synth.generate("county", seed=7, households=1500)
    holidays = [d(2024, 10, day) for day in range(1, 8)] + [d(2024, 5, day) for day in range(1, 6)]
    cal = ml.WorkCalendar(holidays=holidays)
    policy = ml.PolicySet.parse_toml(POLICY_TOML)
    history = ml.frames.appeal_history(reg)
    frame = ml.frames.appeals(reg)
    assert len(frame) > 50
    as_of = d(2024, 12, 31)
    clock = appeals.appeal_clock(reg, policy, cal, as_of).set_index("appeal")
    frame = frame.set_index("id").loc[clock.index]
    paused = set(history.loc[history["kind"] == "paused", "appeal"])
    plain = frame[~frame.index.isin(paused)]
    reg_days = plain["registered"].values.astype("datetime64[D]")
    due = np.busday_offset(reg_days, 5, roll="backward", holidays=np.array(holidays, dtype="datetime64[D]"))
    assert (clock.loc[plain.index, "fed_back_due"].values.astype("datetime64[D]") == due).all()
    fed = plain["fed_back"].values.astype("datetime64[D]")
    on_time = (~np.isnat(fed)) & (fed <= due)
    late = ((~np.isnat(fed)) & (fed > due)) | (np.isnat(fed) & (np.datetime64(as_of) > due))
    status = clock.loc[plain.index, "fed_back_status"].astype(str)
    assert ((status == "on_time") == on_time).all() and ((status == "late") == late).all()

    year = frame[(frame["registered"] >= pd.Timestamp("2024-01-01")) & (frame["registered"] <= pd.Timestamp("2024-12-31"))]
    m = appeals.appeal_metrics(reg, policy, cal, 2024, as_of)
    units = m.to_pandas()
    per_origin = year.groupby("origin")
    got = units.loc[units["registered"] > 0]
    assert got["registered"].to_dict() == per_origin.size().to_dict()
    resolved = per_origin["disposed"].apply(lambda s: s.notna().mean())
    assert np.allclose(got["resolved_rate"].sort_index().values, resolved.sort_index().values)
    days = (year["disposed"] - year["registered"]).dt.days
    q = days.groupby(year["origin"]).quantile(0.9).dropna()
    assert np.allclose(got.loc[q.index, "days_to_disposal_p90"].values, q.values)
    clock_year = m.appeals().set_index("appeal")
    rates = clock_year.groupby("origin")["fed_back_status"].apply(
        lambda s: (s == "on_time").sum() / ((s == "on_time") | (s == "late")).sum()
        if ((s == "on_time") | (s == "late")).any() else np.nan)
    assert np.allclose(got["fed_back_on_time_rate"].sort_index().values, rates.sort_index().values, equal_nan=True)
    # the roll-up at the root counts the whole year
    roots = [o for o in units.index if reg.organizations[ml.OrgId(int(o))].parent is None]
    assert sum(m.rollup().loc[roots, "registered"]) == len(year)


def test_rules_by_class_routing_and_handler_level_from_a_policy_file(net):
    policy = ml.PolicySet.parse_toml(POLICY_TOML.replace('name = "feedback.any"', '''name = "feedback.supervised"
appeal_class = "reasonable_lawful"
routing = "supervision"
stage = "fed_back"
working_days = 2

[[deadlines]]
name = "feedback.township"
handler_level = "township"
stage = "fed_back"
working_days = 10

[[deadlines]]
name = "feedback.any"'''))
    a = net.appeal(d(2024, 9, 27))
    net.ev(a, E.sorted, d(2024, 9, 27), appeal_class=ml.AppealClass.reasonable_lawful, routing=ml.Routing.supervision)
    b = net.appeal(d(2024, 9, 27))
    net.ev(b, E.sorted, d(2024, 9, 27), appeal_class=ml.AppealClass.reasonable_lawful, routing=ml.Routing.transfer)
    c = net.appeal(d(2024, 9, 27))
    clock = appeals.appeal_clock(net.r, policy, net.cal, d(2024, 9, 28)).set_index("appeal")
    assert clock.loc[a.value, "fed_back_rule"] == "feedback.supervised"
    assert clock.loc[a.value, "fed_back_due"] == pd.Timestamp("2024-09-30")  # 29 Sep (make-up), 30 Sep
    assert clock.loc[b.value, "fed_back_rule"] == "feedback.any"
    assert clock.loc[c.value, "fed_back_rule"] == "feedback.any"  # unsorted: class unknown
    assert clock.loc[c.value, "sorted_rule"] == "sort.any"
    appeals.escalate_appeal(net.r, b, d(2024, 9, 28))
    row = appeals.appeal_clock(net.r, policy, net.cal, d(2024, 9, 28)).set_index("appeal").loc[b.value]
    assert row["handler"] == net.township.value and row["fed_back_rule"] == "feedback.township"
    # 10 working days from 27 Sep: 29, 30 Sep, 8-12 Oct, 14, 15, 16 Oct
    assert row["fed_back_due"] == pd.Timestamp("2024-10-16")
