"""massline.compliance.check_pledges: the per-member counts recomputed with pandas from the
commitment tables of a synthetic township on several as_of days (an oracle independent of the
engine), a joint pledge and an overdue one built by hand, and the unhappy paths."""
from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

import massline as ml


@pytest.fixture(scope="module")
def township():
    return ml.synth.generate("quyuan", seed=3)


def _oracle(registry: ml.Registry, year: int, as_of: dt.date) -> pd.DataFrame:
    commitments = ml.frames.commitments(registry).set_index("id")
    history = ml.frames.commitment_history(registry)
    history["date"] = pd.to_datetime(history["date"])
    cut = pd.Timestamp(as_of)
    pledged = history[history["position"] == 0].set_index("commitment")["date"]
    upto = history[history["date"] <= cut].sort_values(["commitment", "position"])
    status = upto.groupby("commitment")["status"].last().reindex(commitments.index, fill_value="pledged")
    fulfilled_on = history[history["status"] == "fulfilled"].set_index("commitment")["date"]
    due = pd.to_datetime(commitments["due"])
    c = pd.DataFrame({"pledged_on": pledged, "status": status, "due": due,
                      "done": fulfilled_on.reindex(commitments.index)})
    c = c[c["pledged_on"].dt.year == year]
    c["withdrawn"] = c["status"] == "withdrawn"
    c["fulfilled"] = c["status"] == "fulfilled"
    c["expected"] = ~c["withdrawn"] & ((c["due"] <= cut) | c["fulfilled"])
    c["fulfilled_on_time"] = c["fulfilled"] & (c["done"] <= c["due"])
    c["lapsed"] = c["status"] == "lapsed"
    c["overdue"] = c["status"].isin(["pledged", "in_progress"]) & (c["due"] < cut)
    c["pledged"] = True
    members = ml.frames.commitment_members(registry).merge(c, left_on="commitment", right_index=True)
    columns = ["pledged", "withdrawn", "expected", "fulfilled", "fulfilled_on_time", "lapsed", "overdue"]
    return members.groupby("member")[columns].sum().astype("int64")


@pytest.mark.parametrize("as_of", [dt.date(2024, 3, 31), dt.date(2024, 12, 31), dt.date(2025, 6, 1)])
def test_counts_recomputed_with_pandas(township, as_of):
    report = ml.compliance.check_pledges(township, ml.PolicySet.standard(), 2024, as_of)
    assert report.as_of == as_of and report.period == ml.Period.year(2024)
    frame = report.to_pandas().set_index("member")
    expected = _oracle(township, 2024, as_of)
    assert len(expected) > 100
    got = frame.loc[frame["pledged"] > 0, expected.columns]
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_names=False)
    rate = frame["fulfilled"] / frame["expected"].where(frame["expected"] > 0)
    np.testing.assert_array_equal(frame["fulfilment_rate"].to_numpy(), rate.to_numpy())
    # the quota side is the compliance engine's pledges rows, summed
    rows = ml.compliance.check(township, ml.PolicySet.standard(), 2024).to_pandas()
    quota = rows[(rows["rule"] == "pledges.capable_member") & (rows["status"] != "not_applicable")]
    by_member = quota.groupby("subject")["actual"].sum()
    assert (frame.loc[by_member.index, "quota_actual"] == by_member).all()
    assert set(frame["quota_status"]) <= {"met", "short", "over", "not_applicable"}


def test_a_joint_pledge_counts_for_each_and_an_open_one_is_overdue():
    r = ml.Registry()
    village = r.add(ml.Organization(code="V", name="V", level=ml.OrgLevel.community))
    a = r.add(ml.Member(organization=village, capable_of_helping=True))
    b = r.add(ml.Member(organization=village, capable_of_helping=True))
    S = ml.CommitmentStatus
    joint = ml.Commitment.pledge([a, b], ml.CommitmentCategory.general, dt.date(2024, 1, 5), dt.date(2024, 6, 30))
    joint.transition(S.in_progress, dt.date(2024, 2, 1))
    joint_id = r.add(joint)
    done = ml.Commitment.pledge([a], ml.CommitmentCategory.general, dt.date(2024, 2, 5), dt.date(2024, 3, 31))
    done.transition(S.fulfilled, dt.date(2024, 3, 1))
    r.add(done)
    report = ml.compliance.check_pledges(r, ml.PolicySet.standard(), 2024)
    frame = report.to_pandas().set_index("member")
    assert frame.loc[a.value, "pledged"] == 2 and frame.loc[b.value, "pledged"] == 1
    assert frame.loc[a.value, "overdue"] == 1 and frame.loc[b.value, "overdue"] == 1
    assert frame.loc[a.value, "fulfilment_rate"] == 0.5 and frame.loc[b.value, "fulfilment_rate"] == 0.0
    assert frame.loc[a.value, "quota_status"] == "met" and frame.loc[a.value, "quota_actual"] == 2
    overdue = report.overdue()
    assert overdue["commitment"].tolist() == [joint_id.value]
    assert overdue["members"].tolist() == [[a.value, b.value]]
    assert overdue["status"].tolist() == ["in_progress"]
    assert overdue["due"].tolist() == [pd.Timestamp("2024-06-30")]
    assert overdue["days_overdue"].tolist() == [184]  # 30 June to 31 December 2024
    # before the due date nothing is overdue and nothing is expected of the joint pledge
    early = ml.compliance.check_pledges(r, ml.PolicySet.standard(), 2024, dt.date(2024, 4, 1))
    assert early.overdue().empty
    assert np.isnan(early.to_pandas().set_index("member").loc[b.value, "fulfilment_rate"])
    assert len(report) == 2 and "PledgeReport" in repr(report)


def test_unhappy_paths(township):
    standard = ml.PolicySet.standard()
    with pytest.raises(TypeError):
        ml.compliance.check_pledges(township, standard, "2024")
    with pytest.raises(TypeError):
        ml.compliance.check_pledges(township, standard, 2024, "2024-12-31")
    with pytest.raises(TypeError):
        ml.compliance.check_pledges(standard, township, 2024)
    with pytest.raises(ml.InvalidArgument):
        ml.compliance.check_pledges(township, standard, 2024, pd.NaT)
    report = ml.compliance.check_pledges(township, standard, 2024)
    with pytest.raises(TypeError):
        pickle.dumps(report)
