"""Model layer values: enums, flag sets and every value type (constructors, attributes, ==,
repr, pickling, check())."""

from __future__ import annotations

import copy
import datetime
import pickle

import pytest

import massline as ml

d = datetime.date

ENUM_NAMES = {
    ml.OrgLevel: ["county", "township", "community", "grid"],
    ml.Sector: ["rural", "urban", "organ", "school", "enterprise", "public_institution", "other"],
    ml.HouseholdCategory: ["difficult", "minimum_living_allowance", "petitioner", "repeat_petitioner",
                           "with_complaints", "empty_nest_elderly", "left_behind_children", "public_representative",
                           "wealth_creation_expert", "laid_off_worker", "four_olds", "party_central",
                           "entrepreneurship_leader", "special_hardship"],
    ml.MemberKind: ["rural", "community", "organ_enterprise", "in_service", "mobile", "cadre", "delegate", "hardship",
                    "old"],
    ml.CommitmentStatus: ["pledged", "in_progress", "fulfilled", "lapsed", "withdrawn"],
    ml.AppealStage: ["registered", "sorted", "fed_back", "disposed", "paused", "closed", "dropped"],
    ml.AppealEventKind: ["registered", "sorted", "fed_back", "transferred", "escalated", "paused", "resumed",
                         "extended", "disposed", "reopened", "closed", "dropped"],
    ml.AppealOutcome: ["solved", "partly_solved", "explained", "relief_granted"],
    ml.PublicAnswer: ["satisfied", "basically_satisfied", "unsatisfied", "no_answer"],
    ml.VisitMode: ["home_visit", "forum", "reception", "going_down_regular", "going_down_fixed_point",
                   "going_down_circuit", "appointment"],
}


@pytest.mark.parametrize("enum", list(ENUM_NAMES), ids=lambda e: e.__name__)
def test_enum_names_match_cpp(enum):
    assert list(enum.__members__) == ENUM_NAMES[enum]
    for value in enum.__members__.values():
        assert pickle.loads(pickle.dumps(value)) == value
    assert enum.__module__ == "massline" and enum.__doc__


def test_org_level_compares_with_ints():
    L = ml.OrgLevel
    assert int(L.county) == 1 and int(L.grid) == 4
    assert L.community == 3 and 3 == L.community and L.community != 2
    assert L.county < L.grid and L.township <= 2 and L.grid > 3 and L.grid >= L.grid
    assert L.community != "community" and L.community != 3.5
    assert hash(L.community) == hash(3)
    assert L.community != True  # noqa: E712  bools are not levels
    with pytest.raises(TypeError):
        L.grid < "x"  # noqa: B015
    o = ml.Organization(level=3)
    assert o.level is ml.OrgLevel.community or o.level == ml.OrgLevel.community


def test_other_enums_are_strict():
    assert ml.Sector.urban != 1
    assert ml.Sector.urban == ml.Sector(1)


def test_household_categories_set_semantics():
    H = ml.HouseholdCategory
    cats = ml.HouseholdCategories([H.difficult, H.four_olds])
    assert len(cats) == 2 and H.difficult in cats and H.petitioner not in cats and cats
    assert list(cats) == [H.difficult, H.four_olds]
    assert cats.names() == ["difficult", "four_olds"]
    assert cats == {H.four_olds, H.difficult}  # compares with plain sets
    assert cats | {H.petitioner} == {H.difficult, H.four_olds, H.petitioner}
    assert cats & {H.four_olds} == {H.four_olds}
    assert cats - {H.four_olds} == {H.difficult}
    assert cats.with_(H.petitioner) == cats | {H.petitioner} and cats.without(H.difficult) == {H.four_olds}
    assert {H.difficult} <= cats and cats >= {H.four_olds} and not cats <= {H.difficult}
    assert cats.intersects(ml.FIVE_MUST_VISIT) and not ml.HouseholdCategories().intersects(ml.FIVE_MUST_VISIT)
    assert int(cats) == cats.bits == (1 << int(H.difficult)) | (1 << int(H.four_olds))
    assert ml.HouseholdCategories.from_bits(cats.bits) == cats
    assert not ml.HouseholdCategories() and len(ml.HouseholdCategories()) == 0
    assert hash(cats) == hash(ml.HouseholdCategories([H.four_olds, H.difficult]))
    assert pickle.loads(pickle.dumps(cats)) == cats
    assert eval(repr(cats), {"HouseholdCategories": ml.HouseholdCategories, "HouseholdCategory": H}) == cats
    assert set(ml.FIVE_MUST_VISIT) == {H.party_central, H.entrepreneurship_leader, H.four_olds, H.repeat_petitioner,
                                       H.special_hardship}
    assert not hasattr(cats, "add")  # immutable: reassign to change


def test_flag_sets_reject_wrong_elements():
    with pytest.raises(TypeError, match="expected HouseholdCategory values"):
        ml.HouseholdCategories([ml.MemberKind.rural])
    with pytest.raises(TypeError):
        ml.Household(categories=["difficult"])
    with pytest.raises(TypeError):
        ml.Member(kinds=[ml.HouseholdCategory.difficult])
    assert ml.MemberKinds([ml.MemberKind.rural]) != ml.HouseholdCategories([ml.HouseholdCategory.difficult])


def test_flag_attribute_is_reassigned_not_mutated():
    h = ml.Household()
    h.categories = h.categories | {ml.HouseholdCategory.difficult}
    h.categories |= {ml.HouseholdCategory.petitioner}
    assert h.categories == {ml.HouseholdCategory.difficult, ml.HouseholdCategory.petitioner}


def test_organization():
    o = ml.Organization()
    assert (o.id, o.code, o.name, o.level, o.parent, o.sector, o.kind, o.has_service_station, o.is_service_point) == (
        ml.OrgId(0), "", "", ml.OrgLevel.grid, None, ml.Sector.rural, ml.OrgKind.other, False, False)
    o = ml.Organization(code="X", name="Town", level=ml.OrgLevel.township, parent=ml.OrgId(1), sector=ml.Sector.urban,
                        kind=ml.OrgKind.work_centre, has_service_station=True, is_service_point=True, id=ml.OrgId(9))
    assert o.parent == ml.OrgId(1) and o.id == ml.OrgId(9) and o.level == 2
    o.check()
    o.parent = None
    assert o.parent is None
    with pytest.raises(TypeError):
        o.parent = ml.MemberId(1)
    with pytest.raises(TypeError):
        ml.Organization("positional")
    with pytest.raises(TypeError):
        ml.Organization(colour="red")
    with pytest.raises(ml.InvalidArgument, match="model.level") as info:
        ml.Organization(level=7).check()
    assert info.value.where.field == "level"


def test_values_do_not_alias():
    o = ml.Organization(parent=ml.OrgId(1))
    before = o.parent
    o.parent = ml.OrgId(2)
    assert before == ml.OrgId(1)
    m = ml.Member(specialties=["a"])
    m.specialties.append("b")  # a copy: the member is unchanged
    assert m.specialties == ["a"]


def test_member():
    K = ml.MemberKind
    m = ml.Member(code="M", name="Li", kinds={K.cadre, K.in_service}, cadre_rank=ml.CadreRank.county_division,
                  specialties=["law"], organization=ml.OrgId(2), residence_community=ml.OrgId(3))
    m.check()
    assert m.is_leading_cadre and m.kinds == {K.cadre, K.in_service}
    assert ml.is_leading(ml.CadreRank.township) and not ml.is_leading(ml.CadreRank.village)
    m.cadre_rank = None
    with pytest.raises(ml.InvalidArgument, match="model.member") as info:
        m.check()
    assert info.value.where.field == "cadre_rank"
    with pytest.raises(ml.InvalidArgument, match="residence_community"):
        ml.Member(residence_community=ml.OrgId(1)).check()
    with pytest.raises(ml.InvalidArgument, match="delegate_level"):
        ml.Member(kinds={K.delegate}).check()


def test_member_role_and_dates():
    K, R = ml.MemberKind, ml.MemberRole
    m = ml.Member(kinds={K.delegate}, delegate_level=ml.DelegateLevel.township, role=R.delegate_group_liaison,
                  joined=d(2001, 7, 1), left=d(2024, 3, 31))
    m.check()
    assert m.role == R.delegate_group_liaison and m.joined == d(2001, 7, 1) and m.left == d(2024, 3, 31)
    assert ml.Member().role == R.none and ml.Member().joined is None and ml.Member().left is None
    assert [r.name for r in R.__members__.values()][:3] == ["none", "police", "judicial_officer"]
    m.left = d(2000, 1, 1)
    with pytest.raises(ml.InvalidArgument, match="model.member") as info:
        m.check()
    assert info.value.where.field == "left"
    m.left = None
    m.role = R.village_cadre  # needs a cadre of rank village
    with pytest.raises(ml.InvalidArgument) as info:
        m.check()
    assert info.value.where.field == "role"
    m.kinds, m.cadre_rank = {K.delegate, K.cadre}, ml.CadreRank.village
    m.check()
    with pytest.raises(TypeError):
        ml.Member(joined="2020-01-01")
    with pytest.raises(TypeError):
        ml.Member(role=1)


def test_household():
    h = ml.Household(code="H", unit=ml.OrgId(4), size=65535)
    h.check()
    assert h.size == 65535
    with pytest.raises(ml.InvalidArgument, match="model.range"):
        ml.Household(size=65536)
    with pytest.raises(ml.InvalidArgument, match="model.range"):
        h.size = -1
    assert h.size == 65535
    h.size = 0
    with pytest.raises(ml.InvalidArgument, match="at least 1"):
        h.check()


def test_pairing():
    p = ml.Pairing(kind=ml.PairingKind.contact_household, source=ml.MemberId(1), target=ml.HouseholdId(2),
                   start=d(2024, 1, 1), end=d(2024, 6, 30))
    p.check()
    assert p.source == ml.MemberId(1) and type(p.target) is ml.HouseholdId
    assert p.active_on(d(2024, 3, 1)) and not p.active_on(d(2024, 7, 1))
    p.source = ml.OrgId(1)
    assert type(p.source) is ml.OrgId
    with pytest.raises(ml.InvalidArgument, match="contact-household pairing links a member"):
        p.check()
    with pytest.raises(TypeError):  # a member target is allowed now (issue 10); a commitment id is not
        p.target = ml.CommitmentId(1)
    with pytest.raises(ml.InvalidArgument, match="start date"):
        ml.Pairing(kind=ml.PairingKind.assistance).check()
    with pytest.raises(ml.InvalidArgument, match="end date"):
        ml.Pairing(start=d(2024, 2, 1), end=d(2024, 1, 1)).check()


def test_commitment_pledge_and_transitions():
    S = ml.CommitmentStatus
    c = ml.Commitment.pledge([ml.MemberId(1), ml.MemberId(2)], ml.CommitmentCategory.public_welfare, d(2024, 1, 1),
                             d(2024, 12, 31), "clean the river")
    assert c.joint and c.status == S.pledged and c.pledged_on == d(2024, 1, 1)
    assert c.history == [ml.StatusChange(status=S.pledged, date=d(2024, 1, 1))]
    c.transition(S.in_progress, d(2024, 2, 1))
    c.transition(S.fulfilled, d(2024, 5, 1), note="done")
    assert c.status == S.fulfilled and ml.is_final(c.status)
    assert c.history[-1] == ml.StatusChange(status=S.fulfilled, date=d(2024, 5, 1), note="done")
    with pytest.raises(ml.InvalidArgument, match="cannot move from fulfilled to lapsed") as info:
        c.transition(S.lapsed, d(2024, 6, 1))
    assert info.value.code == "model.commitment.transition" and info.value.why == "the commitment is already final"
    assert len(c.history) == 3
    c2 = ml.Commitment.pledge([ml.MemberId(1)], ml.CommitmentCategory.general, d(2024, 3, 1), d(2024, 4, 1))
    with pytest.raises(ml.InvalidArgument, match="before the previous change"):
        c2.transition(S.in_progress, d(2024, 2, 1))
    with pytest.raises(ml.InvalidArgument, match="pledged -> in_progress"):
        c2.transition(S.pledged, d(2024, 3, 2))
    with pytest.raises(ml.InvalidArgument, match="listed twice"):
        ml.Commitment.pledge([ml.MemberId(1), ml.MemberId(1)], ml.CommitmentCategory.general, d(2024, 1, 1),
                             d(2024, 2, 1))
    with pytest.raises(ml.InvalidArgument, match="before the pledge date"):
        ml.Commitment.pledge([ml.MemberId(1)], ml.CommitmentCategory.general, d(2024, 3, 1), d(2024, 2, 1))
    with pytest.raises(ml.InvalidArgument, match="at least one pledging member"):
        ml.Commitment().check()


def test_service_post_contact_appeal_survey():
    post = ml.ServicePost(organization=ml.OrgId(1), title="t", duties=["a"], holder=ml.MemberId(2),
                          since=d(2024, 1, 1))
    post.check()
    with pytest.raises(ml.InvalidArgument, match="needs a title"):
        ml.ServicePost().check()
    with pytest.raises(ml.InvalidArgument, match="invalid holder date"):
        ml.ServicePost(title="t", since=d(2024, 1, 1)).check()

    contact = ml.Contact(member=ml.MemberId(1), household=ml.HouseholdId(1), date=d(2024, 1, 2), duration_minutes=30)
    contact.check()
    assert contact.duration_minutes == 30
    with pytest.raises(ml.InvalidArgument, match="needs a date"):
        ml.Contact(household=ml.HouseholdId(1)).check()
    with pytest.raises(ml.InvalidArgument, match="model.range"):
        contact.duration_minutes = 70000

    E = ml.AppealEventKind
    a = ml.Appeal.registered_on(d(2024, 1, 1), ml.OrgId(1), due=d(2024, 1, 31))
    assert a.stage == ml.AppealStage.registered and a.registered == d(2024, 1, 1) and a.sorted is None
    a.check()
    before = copy.copy(a)
    with pytest.raises(ml.InvalidArgument, match="class and a routing"):
        a.record(ml.AppealEvent(kind=E.sorted, date=d(2024, 1, 2)))
    assert a == before  # a refused event leaves the appeal as it was
    a.record(ml.AppealEvent(kind=E.sorted, date=d(2024, 1, 2)), appeal_class=ml.AppealClass.hardship_relief,
             routing=ml.Routing.transfer)
    a.record(ml.AppealEvent(kind=E.transferred, date=d(2024, 1, 3), organization=ml.OrgId(7)))
    assert a.handler == ml.OrgId(7)
    a.record(ml.AppealEvent(kind=E.extended, date=d(2024, 1, 4), new_due=d(2024, 2, 29)))
    assert a.due == d(2024, 1, 31) and a.current_due == d(2024, 2, 29)
    a.record(ml.AppealEvent(kind=E.fed_back, date=d(2024, 1, 5)), public_answer=ml.PublicAnswer.unsatisfied)
    a.record(ml.AppealEvent(kind=E.disposed, date=d(2024, 1, 9)), outcome=ml.AppealOutcome.relief_granted)
    a.check()
    assert a.stage == ml.AppealStage.disposed and a.disposed == d(2024, 1, 9) and a.fed_back == d(2024, 1, 5)
    assert [e.kind for e in a.history] == [E.registered, E.sorted, E.transferred, E.extended, E.fed_back, E.disposed]
    with pytest.raises(ml.InvalidArgument, match=r"history\[6\]"):
        a.record(ml.AppealEvent(kind=E.resumed, date=d(2024, 1, 10)))  # resume without pause
    with pytest.raises(ml.InvalidArgument, match="dated before the previous event"):
        a.record(ml.AppealEvent(kind=E.closed, date=d(2024, 1, 8)))
    a.record(ml.AppealEvent(kind=E.closed, date=d(2024, 1, 10)))
    with pytest.raises(ml.InvalidArgument, match="after the appeal was closed"):
        a.record(ml.AppealEvent(kind=E.disposed, date=d(2024, 1, 11)))
    a.record(ml.AppealEvent(kind=E.reopened, date=d(2024, 1, 12)))
    assert a.stage == ml.AppealStage.sorted and a.disposed is None
    with pytest.raises(AttributeError):
        a.sorted = d(2024, 1, 2)  # derived from the history: read only
    a.history = a.history[:1] + a.history[2:]  # drops the sorting: class and routing no longer fit
    with pytest.raises(ml.InvalidArgument, match="history"):
        a.check()

    s = ml.SurveyResponse(respondent=ml.HouseholdId(1), target=ml.OrgId(2), period=ml.Period.quarter(2024, 2),
                          items=[ml.ItemScore(item="overall", score=4.5)], weight=2.0)
    s.check()
    assert s.items[0].score == 4.5 and s.period.label == "2024-Q2" and type(s.target) is ml.OrgId
    with pytest.raises(ml.InvalidArgument, match="answered twice"):
        ml.SurveyResponse(items=[ml.ItemScore(item="a"), ml.ItemScore(item="a")]).check()
    with pytest.raises(ml.InvalidArgument, match="weight must be positive"):
        ml.SurveyResponse(weight=0.0).check()
    with pytest.raises(ml.InvalidArgument, match="both scored and don't-know"):
        ml.SurveyResponse(items=[ml.ItemScore(item="a", score=1.0, dont_know=True)]).check()


def sample_values():
    K, H = ml.MemberKind, ml.HouseholdCategory
    return [
        ml.Organization(code="C", name="n", level=2, parent=ml.OrgId(1), id=ml.OrgId(5)),
        ml.Member(code="M", kinds={K.cadre}, cadre_rank=ml.CadreRank.village, specialties=["x", "y"],
                  residence_community=None, role=ml.MemberRole.village_cadre, joined=d(1999, 1, 2),
                  left=d(2024, 5, 6), id=ml.MemberId(3)),
        ml.Household(code="H", unit=ml.OrgId(2), categories={H.difficult}, size=4, id=ml.HouseholdId(8)),
        ml.Pairing(kind=ml.PairingKind.contact_point, source=ml.MemberId(1), target=ml.OrgId(2), start=d(2024, 1, 1)),
        ml.Commitment.pledge([ml.MemberId(1)], ml.CommitmentCategory.research_report, d(2024, 1, 1), d(2024, 2, 1)),
        ml.StatusChange(status=ml.CommitmentStatus.lapsed, date=d(2024, 1, 1), note="n"),
        ml.ServicePost(organization=ml.OrgId(1), title="t", duties=["a", "b"], holder=ml.MemberId(3)),
        ml.Contact(member=ml.MemberId(1), household=ml.HouseholdId(2), date=d(2024, 1, 2),
                   reports=[ml.SituationReport(situation=ml.Situation.disaster, abnormal=True)]),
        ml.SituationReport(situation=ml.Situation.pregnancy, note="n"),
        ml.Appeal(code="A", due=d(2024, 2, 1),
                  history=[ml.AppealEvent(kind=ml.AppealEventKind.registered, date=d(2024, 1, 1)),
                           ml.AppealEvent(kind=ml.AppealEventKind.sorted, date=d(2024, 1, 2), note="n"),
                           ml.AppealEvent(kind=ml.AppealEventKind.escalated, date=d(2024, 1, 3),
                                          organization=ml.OrgId(4))],
                  handler=ml.OrgId(4), appeal_class=ml.AppealClass.unresolvable,
                  routing=ml.Routing.supervision, summary="s"),
        ml.AppealEvent(kind=ml.AppealEventKind.extended, date=d(2024, 1, 2), organization=ml.OrgId(3),
                       new_due=d(2024, 3, 1), note="n"),
        ml.ItemScore(item="q", score=3.0),
        ml.SurveyResponse(respondent=ml.HouseholdId(1), target=ml.MemberId(2), period=ml.Period.month(2024, 3),
                          items=[ml.ItemScore(item="q", dont_know=True)], weight=0.5),
    ]


@pytest.mark.parametrize("value", sample_values(), ids=lambda v: type(v).__name__)
def test_value_protocol(value):
    cls = type(value)
    assert cls.__module__ == "massline" and cls.__doc__
    back = pickle.loads(pickle.dumps(value))
    assert back == value and back is not value
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    # repr is the keyword constructor call: evaluating it gives an equal value
    namespace = {name: getattr(ml, name) for name in ml.__all__ if name != "scoring"}
    namespace["datetime"] = datetime
    assert eval(repr(value), namespace) == value, repr(value)
    assert value != cls()  # every sample differs from the default
    with pytest.raises(TypeError):
        hash(value)  # mutable values are unhashable
    assert (value == 42) is False


def test_pickled_state_is_checked():
    blank = ml.Household.__new__(ml.Household)
    with pytest.raises(ml.InvalidArgument, match="unknown field in pickled Household"):
        blank.__setstate__({"colour": "red"})
    blank = ml.Household.__new__(ml.Household)
    blank.__setstate__({"code": "X", "size": 2})
    assert blank == ml.Household(code="X", size=2)
