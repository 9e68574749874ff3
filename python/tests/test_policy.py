"""massline.PolicySet: the standard set, TOML and JSON files (round trips, located errors),
the rules as pandas frames, equality, copying and pickling (safe against tampered states and
objects made by __new__ alone)."""
from __future__ import annotations

import copy
import json
import pickle
import random

import pandas as pd
import pytest

import massline as ml
from massline import PolicySet

HEAD = 'format = "massline.policy_set"\nversion = 1\nsatisfaction_threshold = 0.8\n'


def custom_toml(seed: int) -> str:
    """A random-ish custom set as TOML text, built by hand (not by to_toml)."""
    rng = random.Random(seed)
    kinds = list(ml.MemberKind.__members__)
    roles = list(ml.MemberRole.__members__)
    member_activities = ["contact_households", "visited_households", "home_visits", "field_days", "household_days",
                         "concentrated_visits", "pledges", "assistance_pairings", "contact_points"]
    lines = [HEAD.replace("0.8", str(rng.choice([0.6, 0.75, 0.9, 1.0]))), f'name = "county {seed} 县"']
    for i in range(rng.randint(1, 8)):
        minimum = rng.randint(0, 50)
        lines += ["", "[[quotas]]", f'name = "q{i}"', f'activity = "{rng.choice(member_activities)}"',
                  f'period = "{rng.choice(["year", "half_year", "quarter", "month"])}"', f"minimum = {minimum}"]
        if rng.random() < 0.5:
            lines.append(f"maximum = {minimum + rng.randint(0, 9)}")
        who = rng.sample(kinds, rng.randint(0, 2))
        role = rng.sample(roles, rng.randint(0, 2))
        lines.append("who = { kinds = %s, roles = %s }" % (json.dumps(who), json.dumps(role)))
    lines += ["", "[[coverage]]", 'name = "c"', 'kind = "pair_households"', 'categories = ["difficult"]']
    lines += ["", "[[deadlines]]", 'name = "d"', 'stage = "fed_back"', f"working_days = {rng.randint(1, 30)}",
              'appeal_class = "reasonable_lawful"']
    return "\n".join(lines) + "\n"


def test_standard_carries_the_domain_numbers():
    s = PolicySet.standard()
    s.check()
    assert s.name == "standard" and s.satisfaction_threshold == 0.8 and s.satisfaction_source == "002"
    q = s.quotas().set_index("name")
    assert q.loc["contact_households.delegate", "minimum"] == 100
    assert q.loc["household_days.village_cadre", ["activity", "period", "minimum"]].tolist() == ["household_days", "month", 8]
    assert q.loc["pledges.capable_member", "maximum"] == 2
    assert pd.isna(q.loc["field_days.city_county", "maximum"])
    assert q.loc["field_days.city_county", "minimum"] == 60
    assert q.loc["home_visits.delegate", ["ratio_of", "ratio_numerator", "ratio_denominator"]].tolist() == [
        "contact_households", 1, 3]
    assert q.loc["field_days.township_county_department", "who_cadre_ranks"] == ("county_division", "township")
    assert q.loc["situation_meetings.village", "subject"] == "organization"
    assert q["maximum"].dtype == "Int64" and q["minimum"].dtype == "Int64"
    c = s.coverage().set_index("name")
    assert c.loc["visit.five_must_visit", "categories"] == tuple(sorted(
        (h.name for h in ml.FIVE_MUST_VISIT), key=lambda n: list(ml.HouseholdCategory.__members__).index(n)))
    assert c.loc["pair.county_division_cadre", "by_cadre_ranks"] == ("county_division",)
    d = s.deadlines()
    assert len(d) == 0 and list(d.columns) == ["name", "source", "appeal_class", "routing", "handler_level", "stage",
                                                "working_days"]
    assert len(s.rule_names()) == len(q) + len(c) and len(set(s.rule_names())) == len(s.rule_names())


def test_toml_and_json_round_trip(tmp_path):
    s = PolicySet.standard()
    text = s.to_toml()
    assert isinstance(text, str) and text.count("[[quotas]]") == len(s.quotas())
    assert PolicySet.parse_toml(text) == s
    assert PolicySet.parse_json(s.to_json()) == s
    assert json.loads(s.to_json(indent=-1))["version"] == 1
    for name, reader in [("p.toml", PolicySet.from_toml), ("p.json", PolicySet.from_json), ("P.TOML", PolicySet.load)]:
        s.save(tmp_path / name)
        assert reader(tmp_path / name) == s
        assert PolicySet.load(str(tmp_path / name)) == s
    s.save(tmp_path / "p.txt", format="json")
    assert PolicySet.load(tmp_path / "p.txt", format="json") == s
    with pytest.raises(ml.InvalidArgument, match="policy_file.format"):
        s.save(tmp_path / "p.yaml")
    with pytest.raises(ml.InvalidArgument, match="policy_file.format"):
        s.save(tmp_path / "p.toml", format="yaml")


@pytest.mark.parametrize("seed", range(12))
def test_random_custom_sets_round_trip(seed):
    s = PolicySet.parse_toml(custom_toml(seed), "custom.toml")
    assert s.name == f"county {seed} 县"
    assert PolicySet.parse_toml(s.to_toml()) == s
    assert PolicySet.parse_json(s.to_json()) == s
    assert pickle.loads(pickle.dumps(s)) == s
    assert s.deadlines().loc[0, "appeal_class"] == "reasonable_lawful"
    assert s.deadlines().loc[0, "routing"] is None


def test_bad_files_name_file_line_and_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + '\n[[quotas]]\nname = "q"\nactivity = "home_visits"\nperiod = "year"\nminimum = -1\n',
                    encoding="utf-8")
    with pytest.raises(ml.ParseError) as info:
        PolicySet.from_toml(path)
    e = info.value
    assert e.code == "policy.rule" and e.where.file == str(path) and e.where.row == 9
    assert e.where.field == "quotas[0].minimum" and isinstance(e, ValueError)
    cases = {
        HEAD + "colour = 1\n": ("policy_file.key", 4, "colour"),
        HEAD + 'name = 3\n': ("policy_file.type", 4, "name"),
        'format = "massline.policy_set"\nsatisfaction_threshold = 0.8\n': ("policy_file.format", None, "version"),
        'format = "massline.policy_set"\nversion = 9\nsatisfaction_threshold = 0.8\n': ("policy_file.format", 2, "version"),
        HEAD + '\n[[quotas]]\nname = "q"\nactivity = "pledges"\nperiod = "year"\nminimum = 5\nmaximum = 4\n':
            ("policy.rule", 10, "quotas[0].maximum"),
    }
    for text, (code, row, field) in cases.items():
        with pytest.raises(ml.ParseError) as info:
            PolicySet.parse_toml(text, "x.toml")
        assert (info.value.code, info.value.where.field) == (code, field), text
        if row is not None:
            assert info.value.where.row == row, text
    path.write_bytes(HEAD.encode() + b'name = "\xff"\n')
    with pytest.raises(ml.ParseError, match="policy_file.encoding"):
        PolicySet.load(path)
    with pytest.raises(ml.ParseError, match="policy_file.io"):
        PolicySet.from_toml("/dev/zero")
    with pytest.raises(ml.ParseError, match="policy_file.io"):
        PolicySet.from_json(tmp_path / "absent.json")


def test_equality_copy_and_the_setters():
    a, b = PolicySet.standard(), PolicySet.standard()
    assert a == b and not (a != b)
    b.satisfaction_threshold = 0.85
    assert a != b
    c = copy.deepcopy(b)
    assert c == b and c is not b
    c.name = "other"
    assert c != b and b.name == "standard"
    assert copy.copy(a) == a
    assert PolicySet() == PolicySet(name="", satisfaction_threshold=0.8)
    assert PolicySet().rule_names() == [] and len(PolicySet().quotas()) == 0
    assert "PolicySet(name='standard', quotas=" in repr(a)
    b.satisfaction_threshold = 1.5
    with pytest.raises(ml.InvalidArgument, match="policy.value"):
        b.check()
    with pytest.raises(ml.InvalidArgument, match="policy.value"):
        b.to_toml()  # what cannot load is not written
    with pytest.raises(TypeError):
        hash(a)


def test_pickling_is_safe():
    s = PolicySet.standard()
    assert pickle.loads(pickle.dumps(s, protocol=2)) == s
    blank = PolicySet.__new__(PolicySet)  # as pickle does, without __init__
    with pytest.raises(ml.StateError, match="object.unconstructed"):
        blank.to_toml()
    with pytest.raises(ml.InvalidArgument, match="pickle.state"):
        blank.__setstate__(())
    with pytest.raises(ml.ParseError, match="policy_file"):
        blank.__setstate__(('{"format": "massline.policy_set", "version": 2}',))
    with pytest.raises(TypeError):
        blank.__setstate__((42,))
    with pytest.raises(ml.StateError):
        blank.check()  # still unconstructed after the failed attempts
    blank.__setstate__((s.to_json(),))
    assert blank == s
    assert type(s).__module__ == "massline" and PolicySet is ml.PolicySet


def test_the_documented_example_reads():
    # docs/policy.md shows a TOML file; it must stay a file this version reads.
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", doc, flags=re.S)
    s = PolicySet.parse_toml(example, "docs/policy.md")
    assert s.name == "example county" and s.rule_names() == [
        "household_days.village_cadre", "home_visits.delegate", "visit.five_must_visit", "feedback.lawful"]
    c = s.coverage().set_index("name")
    assert set(c.loc["visit.five_must_visit", "categories"]) == {h.name for h in ml.FIVE_MUST_VISIT}
    assert s.deadlines().loc[0, ["appeal_class", "stage", "working_days"]].tolist() == ["reasonable_lawful", "fed_back", 5]
