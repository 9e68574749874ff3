"""massline.scoring.survey_answers: registry survey responses -> roll-up answers, checked
against an independent pandas computation from massline.frames (merge, map, groupby)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import massline as ml
from massline import frames, scoring

SCALE = scoring.ResponseScale.three_level().with_dont_know(9.0)  # 1 不满意, 2 基本满意, 3 满意
ITEMS = ("overall", "visits", "appeals")
PERIODS = (ml.Period.year(2024), ml.Period.half_year(2025, 1))


@pytest.fixture(scope="module")
def registry():
    """Quyuan with 3,000 responses: each household rates its own village group or a member,
    every item answered, skipped or 'don't know' at random, survey weights 0.5-2."""
    reg = ml.synth.generate("quyuan", seed=4, contacts=False, appeals=False)
    households = frames.households(reg)
    members = reg.members.ids()
    r = ml.RandomStream(2025).derive("survey")
    for i in range(3000):
        h = households.iloc[int(r.uniform_index(len(households)))]
        target = ml.OrgId(int(h["unit"])) if r.bernoulli(0.7) else members[int(r.uniform_index(len(members)))]
        items = []
        for name in ITEMS:
            u = r.uniform()
            if u < 0.1:
                continue  # not asked / skipped: missing
            if u < 0.18:
                items.append(ml.ItemScore(item=name, dont_know=True))
            else:
                items.append(ml.ItemScore(item=name, score=float(1 + r.uniform_index(3))))
        reg.add(ml.SurveyResponse(respondent=ml.HouseholdId(int(h["id"])), target=target,
                                  period=PERIODS[int(r.uniform_index(2))], items=items,
                                  weight=r.uniform(0.5, 2.0)))
    return reg


def oracle_answers(reg, unit, dont_know):
    """The same answers built with pandas from the frames."""
    responses = frames.survey_responses(reg).rename(columns={"id": "response"})
    answers = frames.survey_items(reg).merge(responses, left_on="survey_response", right_on="response")
    if unit == "respondent":
        home = frames.households(reg).set_index("id")["unit"]
        answers["unit"] = answers["respondent"].map(home)
    else:
        member_home = frames.members(reg).set_index("id")["organization"]
        is_member = answers["target_kind"] == "member"
        answers["unit"] = np.where(is_member, answers["target"].map(member_home), answers["target"])
    answers = answers[answers["dont_know"] | answers["score"].notna()]
    if dont_know == "exclude":
        answers = answers[~answers["dont_know"]]
    answers = answers.assign(satisfied=answers["score"] >= 2,
                             period=answers["period_first"].map(lambda d: PERIODS[0].label if d.year == 2024
                                                                else PERIODS[1].label))
    return answers


@pytest.mark.parametrize("unit", ["respondent", "target"])
@pytest.mark.parametrize("dont_know", ["exclude", "not_satisfied"])
def test_answers_match_pandas(registry, unit, dont_know):
    got = scoring.survey_answers(registry, SCALE, unit=unit, dont_know=dont_know)
    want = oracle_answers(registry, unit, dont_know)
    assert list(got["item"].cat.categories) == sorted(ITEMS)
    assert list(got["period"].cat.categories) == [p.label for p in PERIODS]
    key = ["response", "item"]
    g = got.assign(item=got["item"].astype(str), period=got["period"].astype(str)).sort_values(key)
    w = want.assign(item=want["item"].astype(str), unit=np.asarray(want["unit"], dtype=np.int64)).sort_values(key)
    assert len(g) == len(w) > 1000
    for column in ("response", "unit", "item", "period", "satisfied", "weight"):
        np.testing.assert_array_equal(g[column].to_numpy(), w[column].to_numpy(), err_msg=column)
    if dont_know == "exclude":
        np.testing.assert_allclose(g["score"].to_numpy(), (w["score"].to_numpy() - 1) * 50)
        counts = got.attrs["massline.survey_answers"]
        items = frames.survey_items(registry)
        assert counts["dont_know"] == int(items["dont_know"].sum())
    else:
        assert "score" not in got.columns


def test_rollup_of_registry_answers_matches_pandas_groupby(registry):
    tree = scoring.unit_tree(registry)
    got = scoring.survey_answers(registry, SCALE, tree=tree, items=["overall", "appeals"])
    assert list(got["item"].cat.categories) == ["overall", "appeals"]
    rolled = scoring.rollup(got, tree, weight="weight", period="period", score="score")
    # oracle: every answer counts for its village group and every ancestor of it
    orgs = frames.organizations(registry).set_index("id")
    answers = oracle_answers(registry, "respondent", "exclude")
    answers = answers[answers["item"].isin(["overall", "appeals"])]
    parts = []
    for level in range(4):
        mapped = answers.copy()
        for _ in range(level):
            mapped["unit"] = mapped["unit"].map(orgs["parent"])
        parts.append(mapped)
    pooled = pd.concat(parts)
    pooled["ws"] = pooled["weight"] * pooled["satisfied"]
    pooled = pooled.assign(item=pooled["item"].astype(str), unit=pooled["unit"].astype("Int64"))
    sums = pooled.groupby(["unit", "item", "period"], observed=True)[["weight", "ws"]].sum().reset_index()
    sums["expected"] = sums["ws"] / sums["weight"]
    sums["unit"] = sums["unit"].astype(np.int64)
    mine = rolled.assign(item=rolled["item"].astype(str), period=rolled["period"].astype(str),
                         unit=rolled["unit"].astype(np.int64))
    joined = mine.merge(sums, on=["unit", "item", "period"], how="inner")
    assert len(joined) == len(sums) == len(mine) > 100
    np.testing.assert_allclose(joined["rate"], joined["expected"], rtol=1e-12)


def test_errors(registry):
    with pytest.raises(ml.InvalidArgument, match="answer unit"):
        scoring.survey_answers(registry, SCALE, unit="household")
    with pytest.raises(ml.InvalidArgument, match="don't-know"):
        scoring.survey_answers(registry, SCALE, dont_know="maybe")
    with pytest.raises(ml.InvalidArgument, match="repeated"):
        scoring.survey_answers(registry, SCALE, items=["overall", "overall"])
    with pytest.raises(ml.StateError):  # a tree of plain arrays knows no organisations
        scoring.survey_answers(registry, SCALE, tree=scoring.UnitTree.from_parents(np.array([-1])))
    grown = registry.copy()
    tree = scoring.unit_tree(grown)
    village = next(o for o in grown.organizations if o.level == 3)
    group = grown.add(ml.Organization(code="NEW", level=4, parent=village.id))
    home = grown.add(ml.Household(code="NEW-H", unit=group))
    late = grown.add(ml.SurveyResponse(respondent=home, target=group, period=PERIODS[0],
                                       items=[ml.ItemScore(item="overall", score=3.0)]))
    assert tree.find(group) is None and tree.find(village.id) == tree.index_of(village.id)
    with pytest.raises(ml.NotFound) as info:
        scoring.survey_answers(grown, SCALE, tree=tree)
    assert info.value.code == "survey_answers.unknown_unit" and str(late) in str(info.value)
    odd = grown.add(ml.SurveyResponse(respondent=home, target=group, period=PERIODS[0],
                                      items=[ml.ItemScore(item="visits", score=5.0)]))
    with pytest.raises(ml.InvalidArgument) as info:
        scoring.survey_answers(grown, SCALE)
    assert info.value.code == "scale.unknown_code" and str(odd) in str(info.value) and "visits" in str(info.value)


def test_empty_registry_gives_an_empty_frame():
    reg = ml.synth.generate("county", households=300, contacts=False, appeals=False)
    got = scoring.survey_answers(reg, SCALE)
    assert len(got) == 0 and list(got.columns[:4]) == ["response", "unit", "item", "period"]
