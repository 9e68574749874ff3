"""Shared fixtures for the massline Python tests.

Run from CTest (``ctest -L python``) or by hand with the staged package first on the path:
``PYTHONPATH=build/<dir>/python/stage /usr/bin/python3 -m pytest -W error python/tests``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Dict

import pandas as pd
import pytest

import massline as ml


@dataclass
class Network:
    """A small hand-built network: one county, two townships, three communities, four grids,
    households, members and one of every other entity kind."""

    registry: ml.Registry
    county: ml.OrgId
    town_a: ml.OrgId
    town_b: ml.OrgId
    comm_a1: ml.OrgId
    comm_a2: ml.OrgId
    comm_b1: ml.OrgId
    grid_a1x: ml.OrgId
    grid_a1y: ml.OrgId
    grid_a2x: ml.OrgId
    grid_b1x: ml.OrgId
    households: Dict[str, ml.HouseholdId]
    cadre: ml.MemberId
    ordinary: ml.MemberId
    delegate: ml.MemberId
    pairing: ml.PairingId
    commitment: ml.CommitmentId
    post: ml.ServicePostId
    contact: ml.ContactId
    appeal: ml.AppealId
    response: ml.SurveyResponseId


def build_network() -> Network:
    r = ml.Registry()
    O = ml.Organization
    county = r.add(O(code="C", name="County", level=ml.OrgLevel.county, kind=ml.OrgKind.work_office))
    town_a = r.add(O(code="TA", name="Town A", level=2, parent=county, kind=ml.OrgKind.work_centre))
    town_b = r.add(O(code="TB", name="Town B", level=2, parent=county, sector=ml.Sector.urban))
    comm_a1 = r.add(O(code="A1", name="Village A1", level=3, parent=town_a, has_service_station=True))
    comm_a2 = r.add(O(code="A2", name="Village A2", level=3, parent=town_a))
    comm_b1 = r.add(O(code="B1", name="Community B1", level=3, parent=town_b, sector=ml.Sector.urban))
    grid_a1x = r.add(O(code="A1X", level=4, parent=comm_a1, kind=ml.OrgKind.village_group))
    grid_a1y = r.add(O(code="A1Y", level=4, parent=comm_a1, kind=ml.OrgKind.village_group))
    grid_a2x = r.add(O(code="A2X", level=4, parent=comm_a2))
    grid_b1x = r.add(O(code="B1X", level=4, parent=comm_b1, is_service_point=True))

    H = ml.HouseholdCategory
    households = {
        "h1": r.add(ml.Household(code="H1", unit=grid_a1x, categories={H.difficult, H.four_olds}, size=3)),
        "h2": r.add(ml.Household(code="H2", unit=grid_a1x, party_household=True, size=5)),
        "h3": r.add(ml.Household(code="H3", unit=grid_a1y, categories=[H.petitioner])),
        "h4": r.add(ml.Household(code="H4", unit=grid_a2x, size=2)),
        "h5": r.add(ml.Household(code="", unit=grid_b1x, categories=(H.special_hardship,), size=1)),
    }
    K = ml.MemberKind
    cadre = r.add(
        ml.Member(
            code="M1",
            name="Li",
            kinds={K.rural, K.cadre},
            cadre_rank=ml.CadreRank.township,
            capable_of_helping=True,
            specialties=["farming", "law"],
            organization=comm_a1,
            role=ml.MemberRole.town_cadre_stationed,
            joined=datetime.date(2015, 7, 1),
        )
    )
    ordinary = r.add(ml.Member(code="M2", name="Wang", kinds={K.community, K.in_service}, organization=comm_b1,
                               residence_community=comm_b1))
    delegate = r.add(
        ml.Member(code="M3", name="Zhao", kinds={K.delegate}, delegate_level=ml.DelegateLevel.district,
                  organization=county, role=ml.MemberRole.delegate_group_leader, left=datetime.date(2024, 11, 30))
    )
    d = datetime.date
    pairing = r.add(
        ml.Pairing(kind=ml.PairingKind.contact_household, source=cadre, target=households["h1"], key_contact=True,
                   start=d(2024, 1, 1))
    )
    r.add(ml.Pairing(kind=ml.PairingKind.dual_organization, source=town_b, target=comm_a2, start=d(2024, 2, 1),
                     end=d(2024, 12, 31)))
    c = ml.Commitment.pledge([cadre, ordinary], ml.CommitmentCategory.practical_deed, d(2024, 1, 10), d(2024, 6, 30),
                             "repair the road")
    c.transition(ml.CommitmentStatus.in_progress, d(2024, 2, 1), "started")
    c.evidence = ["photo-1"]
    commitment = r.add(c)
    post = r.add(ml.ServicePost(organization=comm_a1, title="mediator", duties=["mediate", "report"], holder=cadre,
                                assignment=ml.PostAssignment.assigned, since=d(2024, 3, 1)))
    contact = r.add(
        ml.Contact(member=cadre, household=households["h1"], mode=ml.VisitMode.home_visit, date=d(2024, 3, 5),
                   duration_minutes=40,
                   reports=[ml.SituationReport(situation=ml.Situation.public_opinion, abnormal=True, note="road")])
    )
    appeal = r.add(
        ml.Appeal(code="AP1", household=households["h1"], collected_by=cadre, origin=grid_a1x, handler=comm_a1,
                  channel=ml.AppealChannel.home_visit, subject=ml.SubjectArea.infrastructure, summary="road",
                  due=d(2024, 4, 5),
                  history=[ml.AppealEvent(kind=ml.AppealEventKind.registered, date=d(2024, 3, 5), organization=grid_a1x),
                           ml.AppealEvent(kind=ml.AppealEventKind.sorted, date=d(2024, 3, 6))],
                  appeal_class=ml.AppealClass.reasonable_lawful, routing=ml.Routing.direct)
    )
    response = r.add(
        ml.SurveyResponse(respondent=households["h2"], target=cadre, period=ml.Period.half_year(2024, 1),
                          items=[ml.ItemScore(item="overall", score=9.0), ml.ItemScore(item="q2", dont_know=True),
                                 ml.ItemScore(item="q3")], weight=1.5)
    )
    return Network(r, county, town_a, town_b, comm_a1, comm_a2, comm_b1, grid_a1x, grid_a1y, grid_a2x, grid_b1x,
                   households, cadre, ordinary, delegate, pairing, commitment, post, contact, appeal, response)


@pytest.fixture
def net() -> Network:
    return build_network()


def snapshot(registry: ml.Registry) -> Dict[str, pd.DataFrame]:
    """Every table as a DataFrame, to prove a failed call changed nothing."""
    return ml.frames.all_tables(registry)


def assert_same(before: Dict[str, pd.DataFrame], after: Dict[str, pd.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_exact=True, obj=f"table {name}")


@pytest.fixture
def unchanged():
    """Use as ``with unchanged(registry): ...`` around a call that must raise and leave the
    registry exactly as it was (every table compared, plus the view lengths)."""
    import contextlib

    @contextlib.contextmanager
    def guard(registry: ml.Registry):
        before = snapshot(registry)
        lengths = {name: len(getattr(registry, name)) for name in VIEWS}
        yield
        assert_same(before, snapshot(registry))
        assert lengths == {name: len(getattr(registry, name)) for name in VIEWS}

    return guard


VIEWS = ("organizations", "members", "households", "pairings", "commitments", "service_posts", "contacts", "appeals",
         "survey_responses", "activities")
