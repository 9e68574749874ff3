#!/usr/bin/env python3
"""A year-end public appraisal (群众评议) on the Quyuan preset, from registry to accountability.

    PYTHONPATH=build/<dir>/python/stage python3 examples/quyuan_appraisal.py [seed]

Quyuan's rule (docs/domain.md section 6, seed 002): public representatives rate the cadres of each
responsibility area, and satisfaction below 80 % leads to accountability (问责). The network
is the real preset (13 units, 66 village groups, 7,902 households). The survey answers are
SIMULATED, because the source texts publish no answers: in 2024 and 2025, 12 household
representatives per village group rate "overall", "visits" and "appeals" on the three-level
scale 满意 / 基本满意 / 不满意, with a "don't know" option. Each group's chance of a
satisfied answer is an illustrative draw, so the flags below describe the simulation and not
Quyuan. The steps are:

1. add the responses to the registry (massline.SurveyResponse; streams from
   massline.RandomStream are named by group, year and representative, so each answer
   depends only on the seed);
2. scoring.survey_answers: the responses as roll-up answers on each respondent's group;
3. scoring.rollup: Wilson rates per group, village and town, per item and year;
4. the 80 % rule applied to the point estimate, and again to the upper bound (flag a group
   only when it is clearly below 80 %);
5. red and black lists of the villages, and the trend from 2024 to 2025.
"""
from __future__ import annotations

import sys

import massline as ml
from massline import frames, scoring

ITEMS = ("overall", "visits", "appeals")
YEARS = (2024, 2025)
REPRESENTATIVES = 12  # per village group and year (an assumption)
DONT_KNOW = 9.0
SCALE = scoring.ResponseScale.three_level().with_dont_know(DONT_KNOW)  # 1 不满意, 2 基本满意, 3 满意
THRESHOLD = 0.8  # Quyuan's line; a policy value, passed explicitly


def simulate_appraisal(registry: ml.Registry, seed: int) -> None:
    """Adds the simulated appraisal responses to ``registry``."""
    households = frames.households(registry)
    root = ml.RandomStream(seed).derive("appraisal")
    for group in (o for o in registry.organizations if o.level == 4):
        homes = households.loc[households["unit"] == group.id.value, "id"].to_numpy()
        if len(homes) == 0:
            continue  # nobody to ask
        quality = root.derive(group.id, "quality")
        p_satisfied = quality.uniform(0.6, 0.97)  # the group's own level (illustrative)
        for year in YEARS:
            p = min(0.99, p_satisfied + quality.normal(0.02, 0.03))  # a small yearly change
            for k in range(REPRESENTATIVES):
                r = root.derive(group.id, year, k)
                home = ml.HouseholdId(int(homes[r.uniform_index(len(homes))]))
                items = []
                for item in ITEMS:
                    if r.bernoulli(0.05):
                        items.append(ml.ItemScore(item=item, score=DONT_KNOW))
                    elif r.bernoulli(p):
                        items.append(ml.ItemScore(item=item, score=3.0 if r.bernoulli(0.7) else 2.0))
                    else:
                        items.append(ml.ItemScore(item=item, score=1.0))
                registry.add(ml.SurveyResponse(respondent=home, target=group.id, period=ml.Period.year(year),
                                               items=items))


def main(seed: int = 1) -> dict:
    registry = ml.synth.generate("quyuan", seed=seed, contacts=False, appeals=False)
    simulate_appraisal(registry, seed)
    tree = scoring.unit_tree(registry)
    answers = scoring.survey_answers(registry, SCALE, tree=tree, items=list(ITEMS))
    rolled = scoring.rollup(answers, tree, period="period", score="score")
    names = frames.organizations(registry).set_index("id")["name"]
    rolled.insert(2, "name", rolled["unit"].map(names))

    left_out = answers.attrs["massline.survey_answers"]
    print(f"responses: {len(registry.survey_responses)}, answers: {len(answers)}, "
          f"don't know left out: {left_out['dont_know']}")
    town = rolled.loc[(rolled["level"] == 2) & (rolled["item"] == "overall")]
    print("\ntown, overall satisfaction:")
    print(town[["period", "n", "rate", "low", "high", "mean_score"]].to_string(index=False, float_format="%.3f"))

    overall_2025 = rolled.loc[(rolled["level"] == 4) & (rolled["item"] == "overall") & (rolled["period"] == "2025")]
    by_estimate = scoring.accountability(overall_2025, THRESHOLD, basis="estimate")
    by_bound = scoring.accountability(overall_2025, THRESHOLD, basis="upper_bound")
    print(f"\n80 % rule, village groups, overall, 2025: {len(by_estimate)} of {len(overall_2025)} flagged on the "
          f"estimate, {len(by_bound)} clearly below (upper bound < 80 %)")
    if len(by_bound):
        print(by_bound[["name", "n", "rate", "low", "high", "rule"]].to_string(index=False, float_format="%.3f"))

    villages = rolled.loc[(rolled["level"] == 3) & (rolled["item"] == "overall") & (rolled["period"] == "2025")]
    lists = scoring.red_black(villages, red=3, black=3)
    print("\nred and black lists of the villages, overall, 2025:")
    print(lists[["list", "name", "n", "rate"]].to_string(index=False, float_format="%.3f"))

    change = scoring.trend(rolled.loc[rolled["level"] <= 3])
    significant = change.loc[change["p_value"] < 0.05]
    print(f"\nchanges 2024 -> 2025 at village level or above with p < 0.05: {len(significant)} of {len(change)}")
    return {"rolled": rolled, "flag_estimate": by_estimate, "flag_bound": by_bound, "lists": lists,
            "trend": change, "answers": answers}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
