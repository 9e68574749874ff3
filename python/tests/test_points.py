"""massline.points: points rules in policy files, the ledger of a synthetic township recomputed
with pandas from the contact, commitment and activity tables (an oracle independent of the
engine), manual adjustments, pickling, standings against a pandas ranking, and the unhappy
paths."""
from __future__ import annotations

import copy
import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

import massline as ml

RULES = """
[[points]]
name = "visit"
event = "home_visit"
points = 2
who = { kinds = ["rural"] }

[[points]]
name = "kept"
event = "pledge_fulfilled"
points = 5

[[points]]
name = "broken"
event = "pledge_lapsed"
points = -3.5

[[points]]
name = "trained"
event = "activity_attended"
points = 1

[[points]]
name = "short_field_days"
event = "quota_shortfall"
points = -0.25
quota = "field_days.leading_cadre"
"""


@pytest.fixture(scope="module")
def policy():
    standard = ml.PolicySet.standard().to_toml()
    assert "\npoints = []\n" in standard  # the standard set has no points rules
    return ml.PolicySet.parse_toml(standard.replace("\npoints = []\n", "\n") + RULES)


@pytest.fixture(scope="module")
def township():
    return ml.synth.generate("quyuan", seed=5)


@pytest.fixture(scope="module")
def ledger(township, policy):
    return ml.points.build_points_ledger(township, policy, 2024)


def test_rules_round_trip_and_show_as_a_frame(policy):
    frame = policy.points()
    assert frame["name"].tolist() == ["visit", "kept", "broken", "trained", "short_field_days"]
    assert frame["points"].dtype == "float64" and frame["points"].tolist() == [2, 5, -3.5, 1, -0.25]
    assert frame["quota"].tolist()[-1] == "field_days.leading_cadre" and frame["quota"].isna().sum() == 4
    assert frame["who_kinds"].tolist()[0] == ("rural",)
    assert ml.PolicySet.parse_toml(policy.to_toml()) == policy
    assert ml.PolicySet.parse_json(policy.to_json()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert "points=5" in repr(policy)
    assert ml.PolicySet.standard().points().empty
    assert list(ml.PolicySet.standard().points().columns)[:5] == ["name", "source", "event", "points", "quota"]


def test_ledger_recomputed_with_pandas(township, ledger):
    entries = ledger.to_pandas()
    assert list(entries.columns) == ["date", "member", "rule", "points", "source", "source_id", "note"]
    assert entries["date"].is_monotonic_increasing
    members = ml.frames.members(township).set_index("id")
    present = lambda m, day: ((pd.isna(members.at[m, "joined"]) or pd.Timestamp(members.at[m, "joined"]) <= day)
                              and (pd.isna(members.at[m, "left"]) or day <= pd.Timestamp(members.at[m, "left"])))
    # home visits of rural members in 2024
    contacts = ml.frames.contacts(township)
    contacts["date"] = pd.to_datetime(contacts["date"])
    rural = members["kind_rural"]
    visits = contacts[(contacts["mode"] == "home_visit") & contacts["household"].notna() & ~contacts["collective"]
                      & (contacts["date"].dt.year == 2024) & contacts["member"].map(rural)]
    visits = visits[[present(m, d) for m, d in zip(visits["member"], visits["date"])]]
    got = entries[entries["rule"] == "visit"]
    assert len(got) == len(visits) > 100
    assert sorted(got["source_id"]) == sorted(visits["id"])
    assert (got["points"] == 2).all()
    # fulfilled and lapsed pledges: one entry per pledger on the day of the change
    history = ml.frames.commitment_history(township)
    history["date"] = pd.to_datetime(history["date"])
    pledgers = ml.frames.commitment_members(township)
    for rule, status in (("kept", "fulfilled"), ("broken", "lapsed")):
        changes = history[(history["status"] == status) & (history["date"].dt.year == 2024)].merge(pledgers, on="commitment")
        changes = changes[[present(m, d) for m, d in zip(changes["member"], changes["date"])]]
        got = entries[entries["rule"] == rule]
        assert len(got) == len(changes) > 10, rule
        assert sorted(zip(got["source_id"], got["member"])) == sorted(zip(changes["commitment"], changes["member"]))
    # attended activities
    acts = ml.frames.activities(township)
    acts["date"] = pd.to_datetime(acts["date"])
    attended = ml.frames.activity_attendees(township).merge(acts[acts["date"].dt.year == 2024], left_on="activity", right_on="id")
    attended = attended[[present(m, d) for m, d in zip(attended["member"], attended["date"])]]
    assert (entries["rule"] == "trained").sum() == len(attended) > 10
    # shortfalls of the leading cadres' field days, a quarter point per missing day
    rows = ml.compliance.check(township, ml.PolicySet.standard(), 2024).to_pandas()
    short = rows[(rows["rule"] == "field_days.leading_cadre") & (rows["status"] == "short")]
    got = entries[entries["rule"] == "short_field_days"]
    assert len(got) == len(short)
    assert np.isclose(got["points"].sum(), -0.25 * short["shortfall"].sum())


def test_standings_against_a_pandas_ranking(township, ledger):
    standings = ml.points.rank_points(township, ledger, 2024, red=5, black=5)
    assert list(standings.columns) == ["organization", "points", "entries", "rank", "list"]
    entries = ledger.to_pandas()
    totals = entries.groupby("member")["points"].sum()
    assert np.allclose(standings.loc[totals.index, "points"], totals)
    expected_rank = standings["points"].rank(method="min", ascending=False).astype("int64")
    assert (standings["rank"] == expected_rank).all()
    red = standings[standings["list"] == "red"]
    black = standings[standings["list"] == "black"]
    assert len(red) >= 5 and len(black) >= 5
    assert red["points"].min() >= standings["points"].nlargest(5).min()
    assert black["points"].max() <= standings["points"].nsmallest(5).max()
    by_org = ml.points.rank_points(township, ledger, 2024, by="home_organization")
    assert (by_org["list"] == "").all()
    first = by_org.groupby("organization")["rank"].min()
    assert (first == 1).all()
    lines = ml.points.rank_points(township, ledger, 2024, red_at_least=10.0, black_below=0.0)
    assert ((lines["list"] == "red") == (lines["points"] >= 10)).all()
    assert ((lines["list"] == "black") == (lines["points"] < 0)).all()


def test_adjustments_are_appended_and_pickled(township, ledger):
    mine = copy.deepcopy(ledger)
    assert len(mine) == len(ledger)
    member = int(ledger.to_pandas()["member"].iloc[0])
    mine.append(member, dt.date(2024, 7, 1), 4, "flood relief")
    mine.append(ml.MemberId(member), dt.date(2024, 7, 2), -1.5, "late report")
    assert len(mine) == len(ledger) + 2
    tail = mine.to_pandas().tail(2)
    assert tail["rule"].tolist() == ["manual", "manual"] and tail["source"].tolist() == ["manual", "manual"]
    assert tail["note"].tolist() == ["flood relief", "late report"]
    back = pickle.loads(pickle.dumps(mine))
    pd.testing.assert_frame_equal(back.to_pandas(), mine.to_pandas())
    assert back.rule_names == ledger.rule_names
    before = ml.points.rank_points(township, ledger, 2024).at[member, "points"]
    after = ml.points.rank_points(township, mine, 2024).at[member, "points"]
    assert np.isclose(after - before, 2.5)
    empty = ml.points.PointsLedger(["a"])
    assert len(empty) == 0 and empty.to_pandas().empty and "entries=0" in repr(empty)


def test_unhappy_paths(township, policy, ledger):
    mine = copy.copy(ledger)
    n = len(mine)
    with pytest.raises(ml.InvalidArgument):
        mine.append(1, dt.date(2024, 1, 1), 1, "")  # an adjustment says why
    with pytest.raises(ml.InvalidArgument):
        mine.append(1, dt.date(2024, 1, 1), float("nan"), "x")
    with pytest.raises(ml.InvalidArgument):
        mine.append(1, dt.date(2024, 1, 1), 1e300, "x")
    with pytest.raises(ml.InvalidArgument):
        mine.append(1, pd.NaT, 1, "x")
    with pytest.raises(TypeError):
        mine.append(1, dt.date(2024, 1, 1), "1", "x")
    with pytest.raises(TypeError):
        mine.append(True, dt.date(2024, 1, 1), 1, "x")
    with pytest.raises((ValueError, OverflowError, TypeError)):
        mine.append(-1, dt.date(2024, 1, 1), 1, "x")
    assert len(mine) == n  # nothing half-added
    with pytest.raises(TypeError):
        ml.points.build_points_ledger(township, policy, "2024")
    with pytest.raises(TypeError):
        ml.points.rank_points(township, ledger._impl, 2024)
    with pytest.raises(ml.InvalidArgument):
        ml.points.rank_points(township, ledger, 2024, by="township")
    with pytest.raises(ml.InvalidArgument):
        ml.points.rank_points(township, ledger, 2024, red=3, red_at_least=1.0)
    with pytest.raises(ml.ParseError) as bad:
        ml.PolicySet.parse_toml(ml.PolicySet.standard().to_toml().replace("\npoints = []\n", "\n") + '\n[[points]]\nname = "x"\nevent = "quota_met"\n'
                                'points = 1\nquota = "nope"\n', "county.toml")
    assert bad.value.code == "policy.rule" and "points[0].quota" in str(bad.value)
    with pytest.raises(TypeError):
        pickle.loads(pickle.dumps(ledger)).__setstate__({"version": 2})
    bad_state = ledger.__getstate__()
    bad_state["entries"] = [(19723, 0, 99, 1.0, "contact", 0, "")]  # a rule index the ledger does not name
    broken = ml.points.PointsLedger.__new__(ml.points.PointsLedger)
    with pytest.raises(ml.InvalidArgument):
        broken.__setstate__(bad_state)
    with pytest.raises(ml.StateError):
        len(broken.rule_names)
