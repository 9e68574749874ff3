"""The Registry from Python: add/update/remove/get for every kind, live views, tree queries,
validate(), and the integrity errors (each must raise the right class with a located message
and leave every table exactly as it was)."""

from __future__ import annotations

import copy
import datetime
import gc

import pytest

import massline as ml
from conftest import VIEWS, build_network

d = datetime.date


# ---- fixed entry points ----------------------------------------------------------------------


def test_entry_points(net):
    r = net.registry
    assert len(r.households) == 5
    assert len(r.members) == 3
    assert len(r.organizations) == 10
    assert [o.code for o in r.organizations if o.level == 3] == ["A1", "A2", "B1"]
    assert [o.code for o in r.organizations if o.level == ml.OrgLevel.grid] == ["A1X", "A1Y", "A2X", "B1X"]
    assert {name: len(getattr(r, name)) for name in VIEWS} == {
        "organizations": 10, "members": 3, "households": 5, "pairings": 2, "commitments": 1, "service_posts": 1,
        "contacts": 1, "appeals": 1, "survey_responses": 1, "activities": 0}
    assert "10 organizations" in repr(r) and "5 households" in repr(r)


# ---- views -----------------------------------------------------------------------------------


def test_views_index_and_membership(net):
    r = net.registry
    h1 = net.households["h1"]
    assert r.households[h1].code == "H1"
    assert r.households[int(h1)] == r.households[h1]  # a plain int is the id number
    assert h1 in r.households and int(h1) in r.households
    assert ml.HouseholdId(999) not in r.households and 999 not in r.households and -1 not in r.households
    assert r.households.get(ml.HouseholdId(999)) is None
    assert r.households.get(ml.HouseholdId(999), "none") == "none"
    assert r.households.get(h1).code == "H1"
    assert r.households.ids() == list(net.households.values())
    assert r.households.id_bound == 5
    with pytest.raises(ml.NotFound) as info:
        r.households[ml.HouseholdId(999)]
    e = info.value
    assert isinstance(e, KeyError)
    assert e.code == "registry.unknown_id" and e.where.entity == "household 999"
    assert str(e) == ("[massline.registry.unknown_id] no such household (at household 999): "
                      "the id was never assigned or its entity was removed")
    with pytest.raises(ml.NotFound, match="household 12345678901"):
        r.households[12345678901]
    with pytest.raises(TypeError):
        r.households[net.cadre]  # a MemberId is not a household id
    with pytest.raises(TypeError):
        net.cadre in r.households  # noqa: B015
    with pytest.raises(TypeError):
        r.households["H1"]


def test_views_iterate_copies_in_id_order(net):
    r = net.registry
    orgs = list(r.organizations)
    assert [o.id for o in orgs] == sorted(o.id for o in orgs)
    assert all(isinstance(o, ml.Organization) for o in orgs)
    orgs[0].name = "changed"  # a copy: the registry is unchanged
    assert r.organizations[orgs[0].id].name == "County"
    it = iter(r.households)
    assert iter(it) is it
    assert next(it).code == "H1"
    assert len(list(it)) == 4
    with pytest.raises(StopIteration):
        next(it)


def test_views_are_live_and_keep_registry_alive():
    r = build_network().registry
    view = r.households
    it = iter(r.organizations)
    del r
    gc.collect()
    assert len(view) == 5  # the view keeps the registry alive
    assert len(list(it)) == 10


def test_views_see_removals_during_iteration(net):
    r = net.registry
    it = iter(r.contacts)
    r.remove(net.contact)
    assert list(it) == []
    assert len(r.contacts) == 0


# ---- add / get / update / remove ---------------------------------------------------------------


def test_add_assigns_ids_and_get_returns_copies(net):
    r = net.registry
    h = ml.Household(code="H9", unit=net.grid_b1x, id=ml.HouseholdId(77))  # the given id is ignored
    hid = r.add(h)
    assert hid == ml.HouseholdId(5) and type(hid) is ml.HouseholdId
    got = r.get(hid)
    assert got.id == hid and got.code == "H9"
    got.size = 9
    assert r.get(hid).size == 1
    assert r.contains(hid) and hid in r and not r.contains(ml.HouseholdId(6))
    assert r.find_household("H9") == hid and r.find_household("nope") is None
    assert r.find_organization("A1") == net.comm_a1 and r.find_member("M2") == net.ordinary
    assert r.find_appeal("AP1") == net.appeal


def test_get_is_overloaded_by_id_type(net):
    r = net.registry
    assert isinstance(r.get(net.county), ml.Organization)
    assert isinstance(r.get(net.cadre), ml.Member)
    assert isinstance(r.get(net.households["h1"]), ml.Household)
    assert isinstance(r.get(net.pairing), ml.Pairing)
    assert isinstance(r.get(net.commitment), ml.Commitment)
    assert isinstance(r.get(net.post), ml.ServicePost)
    assert isinstance(r.get(net.contact), ml.Contact)
    assert isinstance(r.get(net.appeal), ml.Appeal)
    assert isinstance(r.get(net.response), ml.SurveyResponse)
    # ids are numbered per kind: OrgId(0) and MemberId(0) name different entities
    assert r.get(ml.OrgId(0)).code == "C" and r.get(ml.MemberId(0)).code == "M1"


def test_update_every_kind(net):
    r = net.registry
    o = r.get(net.comm_a2)
    o.name = "Renamed"
    r.update(o)
    assert r.organizations[net.comm_a2].name == "Renamed"
    m = r.get(net.ordinary)
    m.capable_of_helping = True
    r.update(m)
    assert r.members[net.ordinary].capable_of_helping
    h = r.get(net.households["h4"])
    h.categories = {ml.HouseholdCategory.laid_off_worker}
    h.code = "H4b"
    r.update(h)
    assert r.find_household("H4b") == h.id and r.find_household("H4") is None
    p = r.get(net.pairing)
    p.end = d(2024, 12, 31)
    r.update(p)
    assert r.pairings[net.pairing].end == d(2024, 12, 31)
    c = r.get(net.commitment)
    c.transition(ml.CommitmentStatus.fulfilled, d(2024, 6, 1))
    r.update(c)
    assert r.commitments[net.commitment].status == ml.CommitmentStatus.fulfilled
    s = r.get(net.post)
    s.holder, s.since = None, None
    r.update(s)
    assert r.service_posts[net.post].holder is None
    ct = r.get(net.contact)
    ct.duration_minutes = 90
    r.update(ct)
    assert r.contacts[net.contact].duration_minutes == 90
    r.record(net.appeal, ml.AppealEvent(kind=ml.AppealEventKind.fed_back, date=d(2024, 3, 10)),
             public_answer=ml.PublicAnswer.satisfied)
    assert r.appeals[net.appeal].stage == ml.AppealStage.fed_back
    assert r.appeals[net.appeal].public_answer == ml.PublicAnswer.satisfied
    sr = r.get(net.response)
    sr.weight = 3.0
    r.update(sr)
    assert r.survey_responses[net.response].weight == 3.0
    assert r.validate() == []


def test_remove(net):
    r = net.registry
    r.remove(net.response)
    r.remove(net.contact)
    r.remove(net.appeal)
    assert net.contact not in r.contacts and len(r.contacts) == 0
    with pytest.raises(ml.NotFound, match="no such contact"):
        r.remove(net.contact)  # already gone
    with pytest.raises(ml.NotFound):
        r.get(net.appeal)
    h5 = net.households["h5"]
    r.remove(h5)
    assert len(r.households) == 4 and h5 not in r.households
    new = r.add(ml.Household(unit=net.grid_b1x))
    assert new != h5 and int(new) == 5  # ids are never reused


def test_tree_queries(net):
    r = net.registry
    assert r.roots() == [net.county]
    assert r.children(net.county) == [net.town_a, net.town_b]
    assert r.children(net.comm_a1) == [net.grid_a1x, net.grid_a1y]
    assert r.subtree(net.town_a) == [net.town_a, net.comm_a1, net.grid_a1x, net.grid_a1y, net.comm_a2, net.grid_a2x]
    assert r.ancestors(net.grid_a1y) == [net.grid_a1y, net.comm_a1, net.town_a, net.county]
    hh = net.households
    assert r.households_of(net.grid_a1x) == [hh["h1"], hh["h2"]]
    assert r.households_of(net.comm_a1) == []
    assert sorted(r.households_under(net.town_a)) == [hh["h1"], hh["h2"], hh["h3"], hh["h4"]]
    assert len(r.households_under(net.county)) == 5
    assert r.members_of(net.comm_a1) == [net.cadre]
    assert sorted(r.members_under(net.county)) == [net.cadre, net.ordinary, net.delegate]
    assert r.members_under(net.town_a) == [net.cadre]
    with pytest.raises(TypeError):
        r.children(net.cadre)


def test_validate_returns_problems():
    r = ml.Registry()
    r.add(ml.Organization(code="T", level=2))  # a township without parent: allowed but reported
    problems = r.validate()
    assert [p.code for p in problems] == ["integrity.orphan"]
    p = problems[0]
    assert p.where.entity == "organization 0" and p.where.field == "parent"
    assert "integrity.orphan" in str(p) and "Problem(" in repr(p)
    assert build_network().registry.validate() == []


def test_copy_is_independent(net):
    r = net.registry
    for clone in (r.copy(), copy.copy(r), copy.deepcopy(r)):
        clone.remove(net.contact)
        assert len(clone.contacts) == 0 and len(r.contacts) == 1


def test_reserve():
    r = ml.Registry()
    r.reserve(organizations=10, members=10, households=100, pairings=5, commitments=5, service_posts=5,
              contacts=1000, appeals=7, survey_responses=9, activities=4)
    assert len(r.households) == 0 and len(r.contacts) == 0
    root = r.add(ml.Organization(code="c", name="county", level=1))
    assert r.organizations[root].code == "c"
    with pytest.raises(TypeError):
        r.reserve(contacts=-1)
    with pytest.raises(TypeError):
        r.reserve(10)  # keyword-only: a bare count would be ambiguous


# ---- integrity errors leave the registry unchanged ---------------------------------------------


def expect(cls, code, registry, unchanged, call, *where):
    with unchanged(registry):
        with pytest.raises(cls) as info:
            call()
    e = info.value
    assert e.code == code, str(e)
    assert str(e).startswith(f"[massline.{code}] ")
    for part in where:
        assert part in str(e.where), (part, str(e))
    return e


def test_dangling_reference(net, unchanged):
    r = net.registry
    e = expect(ml.IntegrityError, "integrity.dangling", r, unchanged,
               lambda: r.add(ml.Household(code="HX", unit=ml.OrgId(999))), "unit")
    assert isinstance(e, ValueError) and "organization 999" in str(e)
    expect(ml.IntegrityError, "integrity.dangling", r, unchanged,
           lambda: r.add(ml.Contact(member=ml.MemberId(42), household=net.households["h1"], date=d(2024, 1, 1))),
           "member")
    p = r.get(net.pairing)
    p.target = ml.HouseholdId(555)
    expect(ml.IntegrityError, "integrity.dangling", r, unchanged, lambda: r.update(p), "target")


def test_cycle(net, unchanged):
    r = net.registry
    town = r.get(net.town_a)
    town.level = ml.OrgLevel.grid  # so the level rule alone would allow the new parent
    town.parent = net.comm_a1  # ...which lies below the town
    e = expect(ml.IntegrityError, "integrity.cycle", r, unchanged, lambda: r.update(town),
               f"organization {int(net.town_a)}", "parent")
    assert "cycle" in str(e)


def test_wrong_level(net, unchanged):
    r = net.registry
    expect(ml.IntegrityError, "integrity.level", r, unchanged,
           lambda: r.add(ml.Household(code="HL", unit=net.comm_a1)), "unit")
    expect(ml.IntegrityError, "integrity.level", r, unchanged,
           lambda: r.add(ml.Organization(code="X", level=2, parent=net.comm_a1)), "parent")
    grid = r.get(net.grid_a1x)
    grid.level, grid.parent = 3, net.town_a  # the parent rule holds, but the unit holds households
    expect(ml.IntegrityError, "integrity.level", r, unchanged, lambda: r.update(grid), "level")
    expect(ml.InvalidArgument, "model.level", r, unchanged, lambda: r.add(ml.Organization(level=9)), "level")


def test_duplicate_code(net, unchanged):
    r = net.registry
    e = expect(ml.IntegrityError, "integrity.duplicate_code", r, unchanged,
               lambda: r.add(ml.Organization(code="A1", level=3, parent=net.town_b)), "code")
    assert "'A1'" in str(e)
    expect(ml.IntegrityError, "integrity.duplicate_code", r, unchanged,
           lambda: r.add(ml.Member(code="M1", organization=net.county)), "code")
    expect(ml.IntegrityError, "integrity.duplicate_code", r, unchanged,
           lambda: r.add(ml.Household(code="H1", unit=net.grid_a1x)), "code")
    expect(ml.IntegrityError, "integrity.duplicate_code", r, unchanged,
           lambda: r.add(ml.Appeal(code="AP1", origin=net.grid_a1x, handler=net.grid_a1x,
                                   history=[ml.AppealEvent(date=d(2024, 1, 1))])),
           "code")


def test_household_in_two_units(net, unchanged):
    r = net.registry
    e = expect(ml.IntegrityError, "integrity.household_in_two_units", r, unchanged,
               lambda: r.add(ml.Household(code="H1", unit=net.grid_b1x)), "unit")
    assert "exactly one level-4 unit" in e.why
    h2 = r.get(net.households["h2"])
    h2.code, h2.unit = "H3", net.grid_a2x  # H3 lives in grid A1Y
    expect(ml.IntegrityError, "integrity.household_in_two_units", r, unchanged, lambda: r.update(h2), "unit")


def test_invalid_dates(net, unchanged):
    r = net.registry
    expect(ml.InvalidArgument, "model.pairing", r, unchanged,
           lambda: r.add(ml.Pairing(kind=ml.PairingKind.contact_household, source=net.cadre,
                                    target=net.households["h2"], start=d(2024, 5, 1), end=d(2024, 4, 1))), "end")
    expect(ml.InvalidArgument, "model.appeal", r, unchanged,
           lambda: r.add(ml.Appeal(origin=net.grid_a1x, handler=net.grid_a1x)), "history")
    a = r.get(net.appeal)
    a.history = a.history + [ml.AppealEvent(kind=ml.AppealEventKind.disposed, date=d(2024, 3, 7))]  # without feedback
    expect(ml.InvalidArgument, "model.appeal", r, unchanged, lambda: r.update(a), "history[2]")
    E = ml.AppealEventKind
    expect(ml.InvalidArgument, "model.appeal.event", r, unchanged,
           lambda: r.record(net.appeal, ml.AppealEvent(kind=E.disposed, date=d(2024, 3, 7))), "history[2]")
    expect(ml.InvalidArgument, "model.appeal.event", r, unchanged,
           lambda: r.record(net.appeal, ml.AppealEvent(kind=E.extended, date=d(2024, 3, 7), new_due=d(2024, 4, 5))),
           "history[2]")
    expect(ml.IntegrityError, "integrity.dangling", r, unchanged,
           lambda: r.record(net.appeal, ml.AppealEvent(kind=E.escalated, date=d(2024, 3, 7),
                                                       organization=ml.OrgId(999))), "handler")
    expect(ml.NotFound, "registry.unknown_id", r, unchanged,
           lambda: r.record(ml.AppealId(99), ml.AppealEvent(kind=E.paused, date=d(2024, 3, 7))), "appeal 99")
    # The organisation an event names is referenced: it cannot be removed while the appeal lives.
    county2 = r.add(ml.Organization(code="C2", level=1))
    r.record(net.appeal, ml.AppealEvent(kind=E.escalated, date=d(2024, 3, 8), organization=county2))
    assert r.appeals[net.appeal].handler == county2
    r.record(net.appeal, ml.AppealEvent(kind=E.transferred, date=d(2024, 3, 9), organization=net.comm_a1))
    assert r.appeals[net.appeal].handler == net.comm_a1  # only the history names county2 now
    e = expect(ml.IntegrityError, "integrity.still_referenced", r, unchanged, lambda: r.remove(county2))
    assert "field 'history'" in str(e)
    with unchanged(r):
        with pytest.raises(ml.InvalidArgument, match="date.invalid"):
            r.add(ml.Contact(member=net.cadre, household=net.households["h1"], date=d(1300, 1, 1)))


def test_unknown_ids_and_still_referenced(net, unchanged):
    r = net.registry
    ghost = ml.Household(code="G", unit=net.grid_a1x, id=ml.HouseholdId(99))
    expect(ml.NotFound, "registry.unknown_id", r, unchanged, lambda: r.update(ghost), "household 99")
    expect(ml.NotFound, "registry.unknown_id", r, unchanged, lambda: r.remove(ml.OrgId(99)), "organization 99")
    e = expect(ml.IntegrityError, "integrity.still_referenced", r, unchanged, lambda: r.remove(net.grid_a1x),
               f"organization {int(net.grid_a1x)}")
    assert "still referenced by" in e.why
    expect(ml.IntegrityError, "integrity.still_referenced", r, unchanged, lambda: r.remove(net.cadre))
    expect(ml.IntegrityError, "integrity.still_referenced", r, unchanged, lambda: r.remove(net.households["h1"]))


def test_errors_from_check_inside_registry(net, unchanged):
    r = net.registry
    m = r.get(net.cadre)
    m.cadre_rank = None
    e = expect(ml.InvalidArgument, "model.member", r, unchanged, lambda: r.update(m), "cadre_rank")
    assert isinstance(e, ValueError) and not isinstance(e, ml.IntegrityError)
