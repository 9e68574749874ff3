"""Activities that are not visits: the value type, the registry's references, frames and synth."""

from __future__ import annotations

import copy
import datetime
import pickle

import pandas as pd
import pytest

import massline as ml
from massline import frames


def d(y, m, day):
    return datetime.date(y, m, day)


def test_value_type():
    a = ml.Activity(kind=ml.ActivityKind.training, organization=ml.OrgId(2), date=d(2024, 5, 1),
                    attendees=[ml.MemberId(1), ml.MemberId(3)], topic="law", ad_hoc=False)
    a.check()
    assert a.attendees == [ml.MemberId(1), ml.MemberId(3)] and a.kind == ml.ActivityKind.training
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    assert "ActivityKind.training" in repr(a)
    with pytest.raises(ml.InvalidArgument, match="listed twice"):
        ml.Activity(date=d(2024, 5, 1), attendees=[ml.MemberId(1), ml.MemberId(1)]).check()
    with pytest.raises(ml.InvalidArgument, match="needs a date"):
        ml.Activity().check()
    with pytest.raises(TypeError):
        ml.Activity(ad_hoc=1)  # flags take True or False only
    with pytest.raises(TypeError):
        ml.Activity(attendees=[ml.HouseholdId(1)])  # another kind of id
    blank = ml.Activity.__new__(ml.Activity)
    with pytest.raises(ml.StateError):
        blank.check()


def test_registry_references(net, unchanged):
    r = net.registry
    aid = r.add(ml.Activity(kind=ml.ActivityKind.situation_meeting, organization=net.comm_a1, date=d(2024, 4, 1),
                            attendees=[net.cadre, net.ordinary]))
    assert isinstance(aid, ml.ActivityId) and r.activities[aid].attendees == [net.cadre, net.ordinary]
    assert len(r.activities) == 1 and aid in r.activities and r.contains(aid)
    assert "1 activities" in repr(r)
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.dangling"):
            r.add(ml.Activity(organization=ml.OrgId(999), date=d(2024, 4, 1)))
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.dangling"):
            r.add(ml.Activity(organization=net.comm_a1, date=d(2024, 4, 1), attendees=[ml.MemberId(999)]))
    with unchanged(r):
        with pytest.raises(ml.InvalidArgument, match="model.activity"):
            r.add(ml.Activity(organization=net.comm_a1, date=d(2024, 4, 1), attendees=[net.cadre, net.cadre]))
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.still_referenced") as info:
            r.remove(net.ordinary)
    assert info.value.code == "integrity.still_referenced"
    a = r.get(aid)
    a.date = None
    with unchanged(r):
        with pytest.raises(ml.InvalidArgument, match="model.activity"):
            r.update(a)
    a = r.get(aid)
    a.attendees = [net.cadre]
    r.update(a)
    assert r.activities[aid].attendees == [net.cadre]
    r.remove(aid)
    assert len(r.activities) == 0 and r.validate() == []
    with unchanged(r):
        with pytest.raises(ml.NotFound):
            r.remove(aid)


def test_frames(net):
    r = net.registry
    r.add(ml.Activity(kind=ml.ActivityKind.study, organization=net.town_a, date=d(2024, 6, 1), topic="work",
                      attendees=[net.cadre, net.delegate]))
    r.add(ml.Activity(kind=ml.ActivityKind.situation_meeting, organization=net.comm_a1, date=d(2024, 6, 2),
                      ad_hoc=True))
    f = frames.activities(r)
    assert list(f.columns) == ["id", "kind", "organization", "date", "ad_hoc", "topic", "attendance"]
    assert f["kind"].tolist() == ["study", "situation_meeting"]
    assert f["ad_hoc"].tolist() == [False, True]
    assert f["attendance"].tolist() == [2, 0]
    assert f["date"].tolist() == [pd.Timestamp(2024, 6, 1), pd.Timestamp(2024, 6, 2)]
    at = frames.activity_attendees(r)
    assert list(at.columns) == ["activity", "position", "member"]
    assert at["member"].tolist() == [int(net.cadre), int(net.delegate)]
    assert "activities" in frames.TABLES and "activity_attendees" in frames.TABLES


def test_synth_generates_the_rates_of_the_parameter_table():
    r = ml.synth.generate("quyuan", seed=3)
    f = frames.activities(r)
    orgs = frames.organizations(r).set_index("id")
    level = orgs["level"].cat.codes + 1  # ordered categories county .. grid

    def regular_per_org(frame, kind):
        rows = frame[(frame["kind"] == kind) & ~frame["ad_hoc"]]
        return rows.groupby("organization").size()

    meetings = regular_per_org(f, "situation_meeting")
    villages = level[level == 3].index
    assert set(villages) <= set(meetings.index) and (meetings[villages] == 24).all()
    townships = meetings[meetings.index.map(level) == 2]
    assert len(townships) >= 1 and (townships == 12).all()
    assert (regular_per_org(f, "study")[townships.index] == 2).all()
    assert f["attendance"].sum() > 0 and (f["organization"].map(level) >= 2).all()
    assert r.validate() == []
    fewer = frames.activities(ml.synth.generate("quyuan", seed=3, village_situation_meetings=12))
    assert (regular_per_org(fewer, "situation_meeting")[villages] == 12).all()
    none = ml.synth.generate("quyuan", seed=3, activities=False)
    assert len(none.activities) == 0
