"""Issue 10: pairing capacity and assistance pairings of a difficult (hardship) member."""

from __future__ import annotations

import copy
import datetime
import pickle

import pytest

import massline as ml
from massline import frames
from massline import network as mn


def d(y, m, day):
    return datetime.date(y, m, day)


def hardship(net, code="MH"):
    K = ml.MemberKind
    return net.registry.add(ml.Member(code=code, name="Sun", kinds={K.rural, K.hardship}, organization=net.comm_a1))


def test_value_type():
    p = ml.Pairing(kind=ml.PairingKind.assistance, source=ml.MemberId(1), target=ml.MemberId(2), capacity=3,
                   start=d(2024, 1, 1))
    p.check()
    assert p.target == ml.MemberId(2) and p.capacity == 3
    assert pickle.loads(pickle.dumps(p)) == p and copy.deepcopy(p) == p
    assert "capacity=3" in repr(p)
    assert ml.Pairing().capacity is None
    p.capacity = None
    assert p.capacity is None
    with pytest.raises(ml.InvalidArgument, match="capacity"):
        ml.Pairing(source=ml.MemberId(1), target=ml.HouseholdId(1), capacity=0, start=d(2024, 1, 1)).check()
    with pytest.raises(ml.InvalidArgument, match="themselves"):
        ml.Pairing(source=ml.MemberId(1), target=ml.MemberId(1), start=d(2024, 1, 1)).check()
    with pytest.raises(ml.InvalidArgument, match="only an assistance pairing"):
        ml.Pairing(kind=ml.PairingKind.contact_point, source=ml.MemberId(1), target=ml.MemberId(2),
                   start=d(2024, 1, 1)).check()
    with pytest.raises(TypeError):
        ml.Pairing(capacity="3")
    with pytest.raises(TypeError):
        ml.Pairing(key_contact=1)


def test_registry_member_targets(net, unchanged):
    r = net.registry
    poor = hardship(net)
    pid = r.add(ml.Pairing(source=net.ordinary, target=poor, start=d(2024, 1, 1)))
    assert r.pairings[pid].target == poor and r.validate() == []
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.pairing_target") as info:
            r.add(ml.Pairing(source=net.ordinary, target=net.delegate, start=d(2024, 1, 1)))
    assert info.value.code == "integrity.pairing_target"
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.dangling"):
            r.add(ml.Pairing(source=net.ordinary, target=ml.MemberId(999), start=d(2024, 1, 1)))
    with unchanged(r):
        with pytest.raises(ml.InvalidArgument, match="model.pairing"):
            r.add(ml.Pairing(source=poor, target=poor, start=d(2024, 1, 1)))
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.still_referenced"):
            r.remove(poor)
    p = r.get(pid)
    p.target = net.cadre
    with unchanged(r):
        with pytest.raises(ml.IntegrityError, match="integrity.pairing_target"):
            r.update(p)
    r.remove(pid)
    r.remove(poor)
    assert r.validate() == []


def test_capacity_is_reported_not_refused(net):
    r = net.registry
    hh = net.households
    first = r.add(ml.Pairing(source=net.ordinary, target=hh["h2"], capacity=1, start=d(2024, 1, 1)))
    assert r.validate() == []
    second = r.add(ml.Pairing(source=net.ordinary, target=hh["h3"], start=d(2024, 1, 1)))
    problems = r.validate()
    assert [p.code for p in problems] == ["model.pairing_over_capacity"]
    assert problems[0].where.field == "capacity" and problems[0].where.entity.endswith(str(int(first)))
    ended = r.get(second)
    ended.end = d(2024, 3, 1)
    r.update(ended)
    assert r.validate() == []


def test_frames_and_network(net):
    r = net.registry
    poor = hardship(net)
    before = mn.Network(r).edge_count
    r.add(ml.Pairing(source=net.cadre, target=poor, capacity=2, start=d(2024, 1, 1)))
    f = frames.pairings(r)
    assert "capacity" in f.columns
    last = f.iloc[-1]
    assert last["target_kind"] == "member" and last["target"] == int(poor) and last["capacity"] == 2
    assert f["capacity"].isna().tolist()[:-1] == [True] * (len(f) - 1)
    assert mn.Network(r).edge_count == before  # member targets are not network edges


def test_synth_member_targets_and_capacities():
    r = ml.synth.generate("quyuan", seed=3)
    f = frames.pairings(r)
    members = frames.members(r).set_index("id")
    to_members = f[f["target_kind"] == "member"]
    assert len(to_members) > 0 and (to_members["kind"] == "assistance").all()
    assert all(ml.MemberKind.hardship in r.members[ml.MemberId(int(t))].kinds for t in to_members["target"])
    assert set(to_members["target"]) <= set(members.index)
    member_assistance = f[(f["kind"] == "assistance") & (f["source_kind"] == "member")]
    assert (member_assistance["capacity"] == 3).all()
    assert f.loc[f["kind"] != "assistance", "capacity"].isna().all()
    assert r.validate() == []
    none = ml.synth.generate("quyuan", seed=3, hardship_member_assistance=0.0, assistance_capacity=False)
    g = frames.pairings(none)
    assert (g["target_kind"] != "member").all() and g["capacity"].isna().all()
