"""Scoped exports and pseudonyms (docs/formats.md, "Privacy"): the scope rules against a pandas
implementation over the registry's frames, and the tokens against Python's hmac/hashlib."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
import pytest

import massline as ml


def _expected_kept(r: ml.Registry, root: ml.OrgId) -> dict[str, set[int]]:
    orgs = ml.frames.organizations(r)
    inside = {int(root.value)}
    changed = True
    while changed:  # the subtree, by parents
        children = set(orgs.loc[orgs["parent"].isin(list(inside)), "id"].astype(int))
        changed = not children <= inside
        inside |= children
    members = ml.frames.members(r)
    m_in = set(members.loc[members["organization"].isin(list(inside)), "id"].astype(int))
    households = ml.frames.households(r)
    h_in = set(households.loc[households["unit"].isin(list(inside)), "id"].astype(int))
    by_kind = {"organization": inside, "member": m_in, "household": h_in}

    def end_in(kind: pd.Series, value: pd.Series) -> pd.Series:
        return pd.Series([int(v) in by_kind[str(k)] for k, v in zip(kind, value)], index=value.index, dtype=bool)

    pairings = ml.frames.pairings(r)
    p_keep = end_in(pairings["source_kind"], pairings["source"]) & end_in(pairings["target_kind"], pairings["target"])
    contacts = ml.frames.contacts(r)
    c_keep = contacts["member"].isin(list(m_in)) & (contacts["household"].isna() | contacts["household"].isin(list(h_in))) & \
        (contacts["organization"].isna() | contacts["organization"].isin(list(inside)))
    return {"organizations": inside, "members": m_in, "households": h_in,
            "pairings": set(pairings.loc[p_keep, "id"].astype(int)), "contacts": set(contacts.loc[c_keep, "id"].astype(int))}


@pytest.mark.parametrize("level", [2, 3])
def test_scope_keeps_exactly_what_a_pandas_implementation_keeps(level):
    r = ml.synth.generate("county", seed=0, households=5000)
    root = next(o for o in r.organizations if int(o.level) == level and len(r.households_under(o.id)) > 0)
    scoped, report = ml.io.scope(r, root.code)
    # The one finding: the root is below level 1 with no parent (docs/formats.md, "Privacy").
    assert [(p.code, p.where.entity) for p in scoped.validate()] == [("integrity.orphan", str(root.id))]
    expected = _expected_kept(r, root.id)
    got = {"organizations": {int(o.id.value) for o in scoped.organizations},
           "members": {int(m.id.value) for m in scoped.members},
           "households": {int(h.id.value) for h in scoped.households},
           "pairings": {int(p.id.value) for p in scoped.pairings},
           "contacts": {int(c.id.value) for c in scoped.contacts}}
    assert got == expected
    dropped = report[report["action"] == "dropped"].groupby("table")["count"].sum()
    assert dropped.get("households", 0) == len(r.households) - len(scoped.households)
    assert scoped.get(root.id).parent is None
    assert len(scoped.organizations) < len(r.organizations) == len(list(r.organizations))  # r is untouched
    # Written out, nothing from outside appears: every organisation id in every file is inside.
    frame = ml.frames.households(scoped)
    assert set(frame["unit"].astype(int)) <= expected["organizations"]


def test_scope_errors():
    r = ml.synth.generate("quyuan", seed=0)
    with pytest.raises(ml.NotFound):
        ml.io.scope(r, "no such code")
    with pytest.raises(ml.NotFound):
        ml.io.scope(r, ml.OrgId(10**6))
    with pytest.raises(TypeError):
        ml.io.scope(r, 3.5)
    with pytest.raises(TypeError):
        ml.io.scope("registry", "x")


def test_pseudonyms_equal_python_hmac_and_apply_whole():
    key = "a long secret"
    for field, value, normal in [("phone", "+86 139-0000-1234", "13900001234"), ("name", "王 芳", "王芳"),
                                 ("id_number", "11010519491231002X", "11010519491231002X"),
                                 ("address", "解放路１２号", "解放路12号")]:
        mac = hmac.new(key.encode(), (field + "\x1f" + normal).encode(), hashlib.sha256).hexdigest()
        assert ml.io.pseudonym(key, field, value) == "#" + mac[:20]
    assert ml.io.pseudonym(key, "name", "") == ""
    r = ml.synth.generate("quyuan", seed=1)
    before = ml.frames.households(r)
    ml.io.pseudonymize(r, key)
    after = ml.frames.households(r)
    assert (after["id_number"] == before["id_number"].map(lambda v: ml.io.pseudonym(key, "id_number", v))).all()
    assert after["id_number"].str.fullmatch(r"#[0-9a-f]{20}").all()
    pd.testing.assert_frame_equal(after.drop(columns=["head_name", "address", "phone", "id_number"]),
                                  before.drop(columns=["head_name", "address", "phone", "id_number"]))
    # Still a valid registry that saves and loads.
    assert r.validate() == []
    with pytest.raises(ml.InvalidArgument):
        ml.io.pseudonymize(r, "")
    assert ml.frames.households(r).equals(after)  # a refused call changed nothing
