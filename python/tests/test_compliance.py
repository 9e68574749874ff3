"""massline.compliance.check: rows and statuses, the evidence, the roll-up, a pandas recount of
one rule on a synthetic county (an oracle independent of the engine), and the unhappy paths."""
from __future__ import annotations

import datetime as dt
import importlib.util
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import massline as ml

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def county():
    return ml.synth.generate("county", 7, households=20000, township_delegates=40)


@pytest.fixture(scope="module")
def report(county):
    return ml.compliance.check(county, ml.PolicySet.standard(), 2024)


def test_rows_have_the_documented_columns_and_statuses(report):
    frame = report.to_pandas()
    assert list(frame.columns) == ["rule", "rule_kind", "subject_kind", "subject", "first", "last", "required",
                                   "maximum", "actual", "shortfall", "status", "reason", "evidence_kind",
                                   "evidence_count"]
    assert len(frame) == len(report) > 0
    assert {"met", "short"} <= set(frame["status"])
    assert set(frame["status"]) <= {"met", "short", "over", "not_applicable"}
    assert set(frame["subject_kind"]) == {"member", "organization", "household"}
    evaluated = frame[frame["status"] != "not_applicable"]
    assert (evaluated["shortfall"] == (evaluated["required"] - evaluated["actual"]).clip(lower=0)).all()
    assert ((evaluated["status"] == "short") == (evaluated["shortfall"] > 0)).all()
    assert set(frame["reason"]) <= {"none", "not_present"}
    assert set(frame.loc[frame["status"] == "not_applicable", "reason"]) <= {"not_present"}
    # the rules are the standard set's (the synthetic county has no street committees and no
    # province-ministry cadres), organ members' paired units and the activities included
    standard = ml.PolicySet.standard()
    assert set(frame["rule"]) == (set(standard.quotas()["name"]) | set(standard.coverage()["name"])) - {
        "work_studies.street_committee", "field_days.province_ministry"}
    organ = frame[frame["rule"] == "visit.organ_member_units"]
    assert (organ["subject_kind"] == "household").all() and {"met", "short"} <= set(organ["status"])
    assert report.period == ml.Period.year(2024)
    # monthly rules give twelve windows per member
    monthly = frame[frame["rule"] == "household_days.village_cadre"]
    assert set(monthly.groupby("subject").size()) == {12}
    assert monthly["first"].min() == pd.Timestamp("2024-01-01") and monthly["last"].max() == pd.Timestamp("2024-12-31")
    assert frame["maximum"].dtype == "Int64"
    pledges = frame[frame["rule"] == "pledges.capable_member"]
    assert pledges["maximum"].max() == 2 and pledges["maximum"].min() >= 1  # pro-rated for members who left
    assert frame.loc[frame["rule"] == "field_days.leading_cadre", "maximum"].isna().all()


def test_field_days_recounted_with_pandas(county, report):
    # Oracle: distinct contact dates in 2024 per member while a member, from the contacts table.
    contacts = ml.frames.contacts(county)
    members = ml.frames.members(county)
    frame = report.to_pandas()
    rows = frame[(frame["rule"] == "field_days.leading_cadre") & (frame["status"] != "not_applicable")]
    assert len(rows) > 50
    c = contacts.merge(members[["id", "joined", "left"]], left_on="member", right_on="id", suffixes=("", "_m"))
    date = pd.to_datetime(c["date"])
    keep = (date.dt.year == 2024)
    keep &= c["joined"].isna() | (date >= pd.to_datetime(c["joined"]))
    keep &= c["left"].isna() | (date <= pd.to_datetime(c["left"]))
    days = c[keep].groupby("member")["date"].nunique()
    expected = rows["subject"].map(lambda s: int(days.get(s, 0)))
    assert (rows["actual"].to_numpy() == expected.to_numpy()).all()
    assert (rows["evidence_count"] == rows["actual"]).all()
    assert ((rows["actual"] >= 60) == (rows["status"] == "met")).all()


def test_trainings_and_meetings_recounted_with_pandas(county, report):
    # Oracle: activity records by kind, from the activities and attendee tables.
    frame = report.to_pandas()
    acts = ml.frames.activities(county)
    acts = acts[pd.to_datetime(acts["date"]).dt.year == 2024]
    attended = ml.frames.activity_attendees(county).merge(acts[["id", "kind"]], left_on="activity", right_on="id")
    members = ml.frames.members(county).set_index("id")
    trainings = frame[(frame["rule"] == "trainings.delegate_group") & (frame["status"] != "not_applicable")]
    assert len(trainings) > 10
    # the synthetic members' presence covers the whole year or the training dates alike
    per_member = attended[attended["kind"] == "training"].groupby("member").size()
    full_year = trainings["subject"].map(lambda s: pd.isna(members.at[s, "joined"]) and pd.isna(members.at[s, "left"]))
    expected = trainings["subject"].map(lambda s: int(per_member.get(s, 0)))
    assert (trainings["actual"][full_year].to_numpy() == expected[full_year].to_numpy()).all()
    assert (trainings["evidence_kind"] == "activity").all()
    monthly = frame[frame["rule"] == "situation_meetings.village"]
    assert len(monthly) > 0
    meetings = acts[acts["kind"] == "situation_meeting"].copy()
    meetings["month"] = pd.to_datetime(meetings["date"]).dt.month
    held = meetings.groupby(["organization", "month"]).size()
    expected = [int(held.get((s, m), 0)) for s, m in zip(monthly["subject"], monthly["first"].dt.month)]
    assert monthly["actual"].tolist() == expected
    assert {"met", "short"} & set(monthly["status"])


def test_whole_report_equals_the_pandas_implementation(county, report):
    # Oracle: bench/compliance_peer.py implements every rule kind in pandas from docs/policy.md
    # (generic over the set's rule frames); both reports must agree row by row.
    spec = importlib.util.spec_from_file_location("compliance_peer", ROOT / "bench" / "compliance_peer.py")
    peer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer)
    policy = ml.PolicySet.standard()
    theirs = peer.pandas_check(peer.tables_of(ml, county), policy.quotas(), policy.coverage(), 2024)
    ours = peer.canonical(peer.massline_frame(report))
    theirs = peer.canonical(theirs)
    assert len(ours) > 10000 and set(ours["rule"]) == set(theirs["rule"])
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    assert peer.digest(ours) == peer.digest(theirs)


def test_evidence_names_the_counted_records(county, report):
    frame = report.to_pandas()
    row = int(frame.index[(frame["rule"] == "pair.difficult_household") & (frame["status"] == "met")][0])
    ids = report.evidence(row)
    assert ids.dtype == np.uint32 and len(ids) == frame.loc[row, "actual"] >= 1
    for pid in ids:
        pairing = county.pairings[ml.PairingId(int(pid))]
        assert pairing.kind == ml.PairingKind.assistance
        assert pairing.target == ml.HouseholdId(int(frame.loc[row, "subject"]))
    with pytest.raises(ml.InvalidArgument):
        report.evidence(len(report))
    with pytest.raises(TypeError):
        report.evidence("0")


def test_rollup_adds_up_the_subtree(county, report):
    roll = report.rollup()
    pd.testing.assert_frame_equal(roll, report.rollup_to_pandas())
    roots = [org.id.value for org in county.organizations if org.parent is None]
    frame = report.to_pandas()
    counted = frame[frame["status"] != "not_applicable"]
    # every evaluated row lies under some root: the roots' rows add up to all rows
    assert roll.loc[roots, ["rows_met", "rows_short", "rows_over"]].to_numpy().sum() == len(counted)
    assert ((roll["share_compliant"] >= 0) & (roll["share_compliant"] <= 1)).all()
    top = roll.loc[roots].sort_values("worst_shortfall").iloc[-1]
    assert top["worst_shortfall"] == frame["shortfall"].max()
    assert frame.loc[int(top["worst_row"]), "shortfall"] == top["worst_shortfall"]


def small_registry():
    r = ml.Registry()
    county = r.add(ml.Organization(code="C", name="C", level=ml.OrgLevel.county))
    village = r.add(ml.Organization(code="V", name="V", level=ml.OrgLevel.community, parent=county))
    joined = r.add(ml.Member(organization=village, kinds=ml.MemberKinds([ml.MemberKind.community]),
                             joined=dt.date(2024, 7, 1)))
    return r, joined


def test_pro_rating_a_member_who_joined_mid_year_and_a_quarter():
    r, joined = small_registry()
    policy = ml.PolicySet.parse_toml("""
format = "massline.policy_set"
version = 1
name = "t"
satisfaction_threshold = 0.8
[[quotas]]
name = "field_days.x"
activity = "field_days"
period = "year"
minimum = 60
who = { kinds = ["community"] }
""")
    frame = ml.compliance.check(r, policy, 2024).to_pandas()
    assert frame["required"].tolist() == [31]  # ceil(60 * 184 / 366)
    assert frame["status"].tolist() == ["short"]
    frame = ml.compliance.check(r, policy, ml.Period.quarter(2024, 1)).to_pandas()
    assert frame["status"].tolist() == ["not_applicable"] and frame["reason"].tolist() == ["not_present"]


@pytest.mark.parametrize("period", ["2024", 2024.0, True, None, dt.date(2024, 1, 1)])
def test_bad_period_type(county, period):
    with pytest.raises(TypeError, match="period"):
        ml.compliance.check(county, ml.PolicySet.standard(), period)


def test_wrong_objects(county):
    with pytest.raises(TypeError, match="registry"):
        ml.compliance.check(ml.PolicySet.standard(), ml.PolicySet.standard(), 2024)
    with pytest.raises(TypeError, match="policy"):
        ml.compliance.check(county, "standard", 2024)
    with pytest.raises(ml.InvalidArgument):
        ml.compliance.check(county, ml.PolicySet.standard(), 10000)  # no such year


def test_report_refuses_to_pickle(report):
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(report)


def test_numpy_year_and_repr(county):
    r = ml.compliance.check(county, ml.PolicySet(name="empty"), np.int64(2024))
    assert len(r) == 0 and list(r.to_pandas().columns)[0] == "rule"
    assert "2024" in repr(r)
