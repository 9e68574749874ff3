"""massline.frames: one DataFrame per table, checked column by column against iteration."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import massline as ml
from massline import frames

d = datetime.date


def ts(day):
    return pd.NaT if day is None else pd.Timestamp(day)


def nullable(id_):
    return pd.NA if id_ is None else int(id_)


def missing(value):
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value))


def assert_column(frame, name, expected):
    actual = frame[name].tolist()
    expected = list(expected)
    assert len(actual) == len(expected), name
    for i, (a, b) in enumerate(zip(actual, expected)):
        if missing(b):
            assert missing(a), f"{name}[{i}]: {a!r} should be missing"
        else:
            assert not missing(a) and a == b, f"{name}[{i}]: {a!r} != {b!r}"


def variant_kind(id_):
    return {ml.MemberId: "member", ml.OrgId: "organization", ml.HouseholdId: "household"}[type(id_)]


def test_tables_listed():
    assert frames.TABLES == (
        "organizations", "members", "member_specialties", "households", "pairings", "commitments",
        "commitment_members", "commitment_history", "commitment_evidence", "service_posts", "service_post_duties",
        "contacts", "contact_reports", "appeals", "appeal_history", "survey_responses", "survey_items",
        "activities", "activity_attendees")
    for name in frames.TABLES:
        assert callable(getattr(frames, name)) and getattr(frames, name).__doc__


def test_organizations(net):
    r = net.registry
    f = frames.organizations(r)
    orgs = list(r.organizations)
    assert list(f.columns) == ["id", "code", "name", "level", "parent", "sector", "kind", "has_service_station",
                               "is_service_point"]
    assert len(f) == len(r.organizations)
    assert f["id"].dtype == np.int64 and f["parent"].dtype == "Int64"
    assert f["level"].dtype == "category" and f["level"].cat.ordered
    assert list(f["level"].cat.categories) == list(ml.OrgLevel.__members__)
    assert_column(f, "id", [int(o.id) for o in orgs])
    assert_column(f, "code", [o.code for o in orgs])
    assert_column(f, "name", [o.name for o in orgs])
    assert_column(f, "level", [o.level.name for o in orgs])
    assert_column(f, "parent", [nullable(o.parent) for o in orgs])
    assert_column(f, "sector", [o.sector.name for o in orgs])
    assert_column(f, "kind", [o.kind.name for o in orgs])
    assert_column(f, "has_service_station", [o.has_service_station for o in orgs])
    assert_column(f, "is_service_point", [o.is_service_point for o in orgs])
    assert (f["level"] < "grid").sum() == sum(1 for o in orgs if o.level < 4)
    assert list(f.loc[f["level"] == "community", "code"]) == [o.code for o in orgs if o.level == 3]


def test_members_and_specialties(net):
    r = net.registry
    f = frames.members(r)
    ms = list(r.members)
    assert_column(f, "id", [int(m.id) for m in ms])
    assert_column(f, "organization", [int(m.organization) for m in ms])
    assert_column(f, "residence_community", [nullable(m.residence_community) for m in ms])
    assert_column(f, "cadre_rank", [m.cadre_rank.name if m.cadre_rank is not None else np.nan for m in ms])
    assert_column(f, "delegate_level", [m.delegate_level.name if m.delegate_level is not None else np.nan for m in ms])
    assert_column(f, "capable_of_helping", [m.capable_of_helping for m in ms])
    assert_column(f, "is_leading_cadre", [m.is_leading_cadre for m in ms])
    assert_column(f, "role", [m.role.name for m in ms])
    assert list(f["role"].cat.categories) == list(ml.MemberRole.__members__)
    assert_column(f, "joined", [ts(m.joined) for m in ms])
    assert_column(f, "left", [ts(m.left) for m in ms])
    assert f["joined"].dtype == "datetime64[ns]" and f["left"].dtype == "datetime64[ns]"
    assert f["joined"].notna().sum() == 1 and f["left"].notna().sum() == 1
    for kind in ml.MemberKind.__members__.values():
        assert f[f"kind_{kind.name}"].dtype == bool
        assert_column(f, f"kind_{kind.name}", [kind in m.kinds for m in ms])
    s = frames.member_specialties(r)
    assert list(s.columns) == ["member", "position", "specialty"]
    expected = [(int(m.id), i, sp) for m in ms for i, sp in enumerate(m.specialties)]
    assert list(s.itertuples(index=False, name=None)) == expected


def test_households(net):
    r = net.registry
    f = frames.households(r)
    hs = list(r.households)
    assert list(f.columns[:5]) == ["id", "code", "unit", "party_household", "size"]
    assert_column(f, "id", [int(h.id) for h in hs])
    assert_column(f, "code", [h.code for h in hs])
    assert_column(f, "unit", [int(h.unit) for h in hs])
    assert_column(f, "party_household", [h.party_household for h in hs])
    assert_column(f, "size", [h.size for h in hs])
    for cat in ml.HouseholdCategory.__members__.values():
        assert_column(f, f"category_{cat.name}", [cat in h.categories for h in hs])
    for field in ("head_name", "address", "phone", "id_number"):
        assert_column(f, field, [getattr(h, field) for h in hs])
    assert f.shape == (5, 5 + len(ml.HouseholdCategory.__members__) + 4)


def test_pairings(net):
    r = net.registry
    f = frames.pairings(r)
    ps = list(r.pairings)
    assert_column(f, "kind", [p.kind.name for p in ps])
    assert_column(f, "source_kind", [variant_kind(p.source) for p in ps])
    assert_column(f, "source", [int(p.source) for p in ps])
    assert_column(f, "target_kind", [variant_kind(p.target) for p in ps])
    assert_column(f, "target", [int(p.target) for p in ps])
    assert_column(f, "key_contact", [p.key_contact for p in ps])
    assert_column(f, "start", [ts(p.start) for p in ps])
    assert_column(f, "end", [ts(p.end) for p in ps])
    assert f["start"].dtype == "datetime64[ns]" and f["end"].isna().tolist() == [True, False]


def test_commitment_tables(net):
    r = net.registry
    cs = list(r.commitments)
    f = frames.commitments(r)
    assert_column(f, "category", [c.category.name for c in cs])
    assert_column(f, "description", [c.description for c in cs])
    assert_column(f, "pledged_on", [ts(c.pledged_on) for c in cs])
    assert_column(f, "due", [ts(c.due) for c in cs])
    assert_column(f, "status", [c.status.name for c in cs])
    assert_column(f, "joint", [c.joint for c in cs])
    m = frames.commitment_members(r)
    assert list(m.itertuples(index=False, name=None)) == [(int(c.id), i, int(x)) for c in cs
                                                          for i, x in enumerate(c.members)]
    h = frames.commitment_history(r)
    assert [(row.commitment, row.position, row.status, row.date, row.note) for row in h.itertuples()] == [
        (int(c.id), i, s.status.name, ts(s.date), s.note) for c in cs for i, s in enumerate(c.history)]
    e = frames.commitment_evidence(r)
    assert list(e.itertuples(index=False, name=None)) == [(int(c.id), i, x) for c in cs
                                                          for i, x in enumerate(c.evidence)]


def test_posts_contacts_appeals_surveys(net):
    r = net.registry
    posts = list(r.service_posts)
    f = frames.service_posts(r)
    assert_column(f, "organization", [int(p.organization) for p in posts])
    assert_column(f, "title", [p.title for p in posts])
    assert_column(f, "holder", [nullable(p.holder) for p in posts])
    assert_column(f, "assignment", [p.assignment.name for p in posts])
    assert_column(f, "since", [ts(p.since) for p in posts])
    duties = frames.service_post_duties(r)
    assert list(duties.itertuples(index=False, name=None)) == [(int(p.id), i, x) for p in posts
                                                               for i, x in enumerate(p.duties)]

    cs = list(r.contacts)
    f = frames.contacts(r)
    assert_column(f, "member", [int(c.member) for c in cs])
    assert_column(f, "household", [nullable(c.household) for c in cs])
    assert_column(f, "organization", [nullable(c.organization) for c in cs])
    assert_column(f, "mode", [c.mode.name for c in cs])
    assert_column(f, "collective", [c.collective for c in cs])
    assert_column(f, "concentrated", [c.concentrated for c in cs])
    assert_column(f, "date", [ts(c.date) for c in cs])
    assert_column(f, "duration_minutes", [c.duration_minutes for c in cs])
    rep = frames.contact_reports(r)
    assert [(x.contact, x.position, x.situation, x.abnormal, x.note) for x in rep.itertuples()] == [
        (int(c.id), i, s.situation.name, s.abnormal, s.note) for c in cs for i, s in enumerate(c.reports)]

    aps = list(r.appeals)
    f = frames.appeals(r)
    for name in ("household", "collected_by", "leader_in_charge"):
        assert_column(f, name, [nullable(getattr(a, name)) for a in aps])
    for name in ("origin", "handler"):
        assert_column(f, name, [int(getattr(a, name)) for a in aps])
    for name in ("channel", "subject", "stage"):
        assert_column(f, name, [getattr(a, name).name for a in aps])
    for name in ("appeal_class", "routing"):
        assert_column(f, name, [getattr(a, name).name if getattr(a, name) is not None else np.nan for a in aps])
    for name in ("registered", "sorted", "fed_back", "disposed", "due", "current_due"):
        assert_column(f, name, [ts(getattr(a, name)) for a in aps])
    for name in ("outcome", "public_answer"):
        assert_column(f, name, [getattr(a, name).name if getattr(a, name) is not None else np.nan for a in aps])
    ev = frames.appeal_history(r)
    assert list(ev.columns) == ["appeal", "position", "kind", "date", "organization", "note", "new_due"]
    rows = [(int(a.id), i, e.kind.name, ts(e.date), nullable(e.organization), e.note, ts(e.new_due))
            for a in aps for i, e in enumerate(a.history)]
    assert len(ev) == len(rows) > 0
    for j, name in enumerate(ev.columns):
        assert_column(ev, name, [row[j] for row in rows])
    assert_column(f, "code", [a.code for a in aps])
    assert_column(f, "summary", [a.summary for a in aps])

    rs = list(r.survey_responses)
    f = frames.survey_responses(r)
    assert_column(f, "respondent", [int(x.respondent) for x in rs])
    assert_column(f, "target_kind", [variant_kind(x.target) for x in rs])
    assert_column(f, "target", [int(x.target) for x in rs])
    assert_column(f, "period_kind", [x.period.kind.name for x in rs])
    assert_column(f, "period_first", [ts(x.period.first) for x in rs])
    assert_column(f, "period_last", [ts(x.period.last) for x in rs])
    assert_column(f, "weight", [x.weight for x in rs])
    items = frames.survey_items(r)
    assert items["score"].dtype == np.float64
    got = [(x.survey_response, x.position, x.item, x.score, x.dont_know) for x in items.itertuples()]
    want = [(int(x.id), i, it.item, it.score, it.dont_know) for x in rs for i, it in enumerate(x.items)]
    assert len(got) == len(want) == 3
    for g, w in zip(got, want):
        assert g[:3] == w[:3] and g[4] == w[4]
        assert (np.isnan(g[3]) and w[3] is None) or g[3] == w[3]


def test_frame_by_name_and_all_tables(net):
    every = frames.all_tables(net.registry)
    assert tuple(every) == frames.TABLES
    for name, f in every.items():
        pd.testing.assert_frame_equal(f, frames.frame(net.registry, name))
        pd.testing.assert_frame_equal(f, getattr(frames, name)(net.registry))


def test_empty_registry_has_typed_empty_frames():
    r = ml.Registry()
    for name, f in frames.all_tables(r).items():
        assert len(f) == 0, name
    f = frames.organizations(r)
    assert f["level"].dtype == "category" and f["parent"].dtype == "Int64" and f["id"].dtype == np.int64
    assert frames.pairings(r)["start"].dtype == "datetime64[ns]"


def test_removed_entities_are_not_rows(net):
    r = net.registry
    r.remove(net.households["h5"])
    f = frames.households(r)
    assert int(net.households["h5"]) not in f["id"].tolist() and len(f) == 4


def test_unknown_table(net):
    with pytest.raises(ml.InvalidArgument, match="frames.unknown_table") as info:
        frames.frame(net.registry, "household")
    assert "unknown table 'household'" in str(info.value)


def test_dates_outside_pandas_range(net):
    r = net.registry
    p = r.get(net.pairing)
    p.end = d(2300, 1, 1)
    r.update(p)
    with pytest.raises(ml.InvalidArgument) as info:
        frames.pairings(r)
    e = info.value
    assert e.code == "frames.date_range" and e.where.field == "end" and "2300-01-01" in str(e)
    assert str(e).startswith("[massline.frames.date_range] ")


def test_frames_of_a_synthetic_population():
    reg = ml.synth.generate("quyuan", seed=3)
    f = frames.households(reg)
    assert len(f) == len(reg.households)
    assert f["unit"].isin(frames.organizations(reg).query("level == 'grid'")["id"]).all()
    sample = [reg.households[i] for i in f["id"].iloc[::997]]
    assert [h.code for h in sample] == f["code"].iloc[::997].tolist()
