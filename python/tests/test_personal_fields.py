"""Personal fields (docs/model.md, "Personal fields") and duplicate detection, with pandas and
a from-the-standard check of GB 11643 identity numbers as oracles."""

from __future__ import annotations

import datetime
import itertools
import pickle
import re

import numpy as np
import pandas as pd
import pytest

import massline as ml

_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # GB 11643-1999, derived rather than listed


def _check_character(first17: str) -> str:
    value = (12 - sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11) % 11
    return "X" if value == 10 else str(value)


def _valid_id(number: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born.year >= 1900 and number[17] == _check_character(number[:17])


def test_values_construct_compare_and_pickle():
    h = ml.Household(code="H", head_name="王芳", address="解放路12号", phone="13900001234",
                     id_number="11010519491231002X")
    assert (h.head_name, h.address, h.phone, h.id_number) == ("王芳", "解放路12号", "13900001234", "11010519491231002X")
    assert pickle.loads(pickle.dumps(h)) == h
    assert h != ml.Household(code="H", head_name="王芳")
    m = ml.Member(code="M", phone="+86 139 0000 1234", id_number="110105491231002")
    assert pickle.loads(pickle.dumps(m)) == m
    h.check()
    m.check()


@pytest.mark.parametrize("field, value, code", [
    ("id_number", "110105194912310021", "model.household"), ("id_number", "abc", "model.household"),
    ("phone", "0717-6221234转8", "model.household"), ("phone", "12", "model.household"),
])
def test_bad_values_are_refused_and_nothing_is_stored(field, value, code):
    r = ml.synth.generate("quyuan", seed=0)
    grid = next(o.id for o in r.organizations if o.level == 4)
    before = len(r.households)
    with pytest.raises(ml.InvalidArgument) as caught:
        r.add(ml.Household(code="X", unit=grid, **{field: value}))
    assert caught.value.code == code and field in str(caught.value)
    assert len(r.households) == before


def test_the_rules_match_the_standard():
    rng = np.random.default_rng(5)
    for _ in range(2000):
        first = "".join(str(d) for d in rng.integers(0, 10, 6)) + f"{rng.integers(1900, 2025)}" \
            f"{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}" + "".join(str(d) for d in rng.integers(0, 10, 3))
        last = str(rng.integers(0, 11)).replace("10", "X")
        number = first + last
        assert (ml.duplicates.id_number_problem(number) == "") == _valid_id(number), number
    assert ml.duplicates.id_number_problem("") == ""
    assert ml.duplicates.normalized_phone("+86 139-0000-1234") == "13900001234"
    assert ml.duplicates.normalized_text("Ｚｈａｎｇ San·") == "zhangsan"


def test_synthetic_people_have_valid_plausible_fields():
    r = ml.synth.generate("quyuan", seed=3)
    households = ml.frames.households(r)
    members = ml.frames.members(r)
    assert households["id_number"].map(_valid_id).all()
    assert members["id_number"].map(_valid_id).all()
    assert households["phone"].str.fullmatch(r"1[35789]\d{9}").all()
    assert households["head_name"].str.len().between(2, 3).all()
    assert households["address"].str.len().gt(5).all()
    ages = 2024 - households["id_number"].str[6:10].astype(int)
    assert ages.between(25, 85).all()
    # The flag turns them off and changes nothing else.
    plain = ml.synth.generate("quyuan", seed=3, personal_fields=0)
    bare = ml.frames.households(plain)
    assert (bare["id_number"] == "").all() and (bare["head_name"] == "").all()
    pd.testing.assert_frame_equal(bare.drop(columns=["head_name", "address", "phone", "id_number"]),
                                  households.drop(columns=["head_name", "address", "phone", "id_number"]))
    pd.testing.assert_frame_equal(ml.frames.contacts(plain), ml.frames.contacts(r))


def test_files_keep_the_fields(tmp_path):
    r = ml.synth.generate("quyuan", seed=1)
    ml.io.save(r, tmp_path / "r.json")
    ml.io.save(r, tmp_path / "csv")
    assert ml.io.load(tmp_path / "r.json") == r
    assert ml.io.load(tmp_path / "csv") == r
    header = (tmp_path / "csv" / "households.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("head_name,address,phone,id_number")


def _pandas_duplicates(households: pd.DataFrame) -> set[tuple[int, int, tuple[bool, ...]]]:
    keys = pd.DataFrame({
        "id": households["id"],
        "id_number": households["id_number"],
        "head_name": households["head_name"].map(ml.duplicates.normalized_text),
        "phone": households["phone"].map(ml.duplicates.normalized_phone),
        "address": households["address"].map(ml.duplicates.normalized_text),
    })
    fields = ["id_number", "head_name", "phone", "address"]
    pairs = set()
    for rule in [["id_number"], ["head_name", "phone"], ["head_name", "address"], ["phone", "address"]]:
        known = keys[(keys[rule] != "").all(axis=1)]
        for _, group in known.groupby(rule if len(rule) > 1 else rule[0]):
            for a, b in itertools.combinations(sorted(group["id"]), 2):
                pairs.add((a, b))
    by_id = keys.set_index("id")
    return {(a, b, tuple(bool(by_id.at[a, f] != "" and by_id.at[a, f] == by_id.at[b, f]) for f in fields))
            for a, b in pairs}


def test_duplicate_households_equal_a_pandas_implementation():
    r = ml.synth.generate("quyuan", seed=2)
    grid = next(o.id for o in r.organizations if o.level == 4)
    people = list(r.households)[:40]
    # Re-registrations with spelling variants: spaces, full-width digits, +86, another field blank.
    for k, h in enumerate(people[:10]):
        r.add(ml.Household(code=f"D{k}", unit=grid, head_name=" ".join(h.head_name),
                           phone="+86 " + h.phone, address=h.address.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})))
    for k, h in enumerate(people[10:15]):
        r.add(ml.Household(code=f"E{k}", unit=grid, id_number=h.id_number))
    found = ml.duplicates.find_duplicate_households(r)
    fields = ["id_number", "head_name", "phone", "address"]
    ours = {(int(x.first), int(x.second), tuple(bool(getattr(x, f)) for f in fields)) for x in found.itertuples()}
    assert ours == _pandas_duplicates(ml.frames.households(r))
    assert len(ours) >= 15
    # Groups: connected components of the pairs, numbered by their lowest household.
    assert found.groupby("group")["first"].min().is_monotonic_increasing


def test_repeat_appeals_equal_a_pandas_implementation():
    r = ml.synth.generate("county", seed=0, households=20000)
    appeals = ml.frames.appeals(r)
    a = appeals.dropna(subset=["household"]).sort_values(["household", "subject", "registered", "id"])
    same = (a["household"].eq(a["household"].shift()) & a["subject"].eq(a["subject"].shift()))
    gap = (a["registered"] - a["registered"].shift()).dt.days
    for window in (0, 30, 365):
        hit = a[same & (gap <= window)]
        expected = pd.DataFrame({"earlier": a["id"].shift()[hit.index].astype("int64"), "later": hit["id"].astype("int64"),
                                 "household": hit["household"].astype("int64"), "days_apart": gap[hit.index].astype("int64"),
                                 "day": hit["registered"]})
        expected = expected.sort_values(["household", "day", "later"]).drop(columns="day").reset_index(drop=True)
        got = ml.duplicates.find_repeat_appeals(r, window)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert len(ml.duplicates.find_repeat_appeals(r, 365)) > 0
    with pytest.raises(ml.InvalidArgument):
        ml.duplicates.find_repeat_appeals(r, -1)
    with pytest.raises(TypeError):
        ml.duplicates.find_repeat_appeals(r, 1.5)
    with pytest.raises(TypeError):
        ml.duplicates.find_duplicate_households("registry")
