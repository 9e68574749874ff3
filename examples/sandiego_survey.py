#!/usr/bin/env python3
"""Scoring a real resident survey with massline: the City of San Diego's 2015 Resident
Satisfaction Survey (2,477 respondents, 5-point items, 9 = "don't know"; licence ODC-PDDL;
see tests/data/sandiego_resident_survey_2015/README.md).

    PYTHONPATH=build/<dir>/python/stage python3 examples/sandiego_survey.py [survey.csv]

Steps: (1) satisfaction with the quality of City services (Q2_6) by council district, with
Wilson intervals and 100-point scores; (2) the 15 major service categories (Q3_*) citywide;
(3) an indicator system per district, read from examples/sandiego_indicators.json (three
groups of items, AHP weights between groups, entropy weights inside them) and a TOPSIS
ranking of the districts; (4) raking to equal district populations (illustrative margins:
the nine districts are drawn to be about equal in population) and its effect on the
citywide rate.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from massline import scoring

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "sandiego_resident_survey_2015"

#: 5 = Very Satisfied/Excellent ... 1 = Very Dissatisfied/Very Poor, 9 = Don't Know;
#: satisfied = top two boxes (4, 5); scores 0, 25, 50, 75, 100.
SCALE = scoring.ResponseScale.likert(5).with_dont_know(9, "Don't Know").with_top_box(2).with_name("San Diego 5-point")

#: The indicator system, kept as a file (docs/formats.md): three groups of items (safety in the
#: City and the neighbourhood, police; streets, storm water, water; finances, service quality,
#: value, communication, staff) with entropy weights inside them and illustrative AHP
#: judgements between them (safety 2x infrastructure, 3x government, ...).
INDICATORS = Path(__file__).resolve().parent / "sandiego_indicators.json"


def load(path: Path | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """The respondent table (Q28 = council district) and the question texts."""
    frame = pd.read_csv(path or DATA / "resident_survey_weighted_datasd.csv")
    dictionary = pd.read_csv(DATA / "resident_survey_dictionary_datasd.csv")
    texts = dict(zip(dictionary["question_number"], dictionary["question_text"]))
    return frame.rename(columns={"Q28": "district"}), texts


def district_rates(frame: pd.DataFrame, item: str = "Q2_6") -> pd.DataFrame:
    """Rate and score of one item per council district."""
    return scoring.rates(frame, item, SCALE, target="district")


def service_rates(frame: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Citywide rates of the 15 major service categories, best first."""
    items = [f"Q3_{i}" for i in range(1, 16)]
    table = scoring.rates(frame, items, SCALE)
    table["item"] = table["item"].astype(str)
    table.insert(1, "service", table["item"].map(texts))
    return table.sort_values("rate", ascending=False, ignore_index=True)


def indicator_scores(frame: pd.DataFrame, system: scoring.IndicatorSystem | None = None) -> scoring.IndicatorEvaluation:
    """Districts scored by the indicator system (INDICATORS unless given) on their satisfaction
    rates × 100: each leaf's key is a survey item."""
    system = system or scoring.IndicatorSystem.load(INDICATORS)
    items = [system.leaf_key(leaf) for leaf in system.leaves()]
    long = scoring.rates(frame, items, SCALE, target="district")
    values = (long.pivot(index="district", columns="item", values="rate") * 100).rename(columns=str)
    return system.evaluate(values.rename(columns={system.leaf_key(leaf): system.name(leaf) for leaf in system.leaves()}))


def topsis_ranking(evaluation: scoring.IndicatorEvaluation) -> pd.DataFrame:
    """TOPSIS on the group scores with the AHP group weights (all benefit criteria)."""
    weights = evaluation.weights
    groups = list(weights.index[weights["parent"] == weights.index[0]])  # the root's children
    matrix = evaluation.scores[groups]
    weights = evaluation.weights.loc[groups, "local_weight"].to_numpy()
    out = pd.DataFrame(
        {
            "overall": evaluation.scores["overall"],
            "topsis_vector": scoring.topsis(matrix, weights, [True] * len(groups), normalization="vector"),
            "topsis_minmax": scoring.topsis(matrix, weights, [True] * len(groups), normalization="minmax"),
        }
    )
    return out.sort_values("overall", ascending=False)


def raked_rate(frame: pd.DataFrame, item: str = "Q2_6") -> tuple[float, float, pd.Series]:
    """Citywide rate unweighted and raked to equal district populations (weights sum to the
    sample size, so they average 1)."""
    districts = sorted(frame["district"].unique())
    weights = scoring.rake(frame, {"district": {d: len(frame) / len(districts) for d in districts}})
    plain = scoring.rates(frame, item, SCALE)
    weighted = scoring.rates(frame.assign(w=weights), item, SCALE, weight="w")
    return float(plain["rate"].iloc[0]), float(weighted["rate"].iloc[0]), weights


def main(argv: list[str]) -> int:
    frame, texts = load(Path(argv[1]) if len(argv) > 1 else None)
    pd.set_option("display.width", 160)
    print(f"{len(frame)} respondents, scale {SCALE.name}: satisfied = codes 4 and 5, 9 = don't know\n")

    print(f"Q2_6 {texts['Q2_6']} - by council district")
    table = district_rates(frame)
    columns = ["district", "valid", "dont_know", "missing", "rate", "rate_low", "rate_high", "score"]
    print(table[columns].to_string(index=False, float_format=lambda v: f"{v:.3f}"), "\n")

    print("Major service categories (Q3), citywide, best first")
    services = service_rates(frame, texts)
    print(services[["item", "rate", "rate_low", "rate_high", "score", "dont_know"]].to_string(
        index=False, float_format=lambda v: f"{v:.3f}"), "\n")

    evaluation = indicator_scores(frame)
    root = evaluation.ahp["overall"]
    print(f"Indicator system: AHP group weights {np.round(root.weights, 3).tolist()} "
          f"(CR {root.consistency_ratio:.4f}, Alonso-Lamata RI)")
    print(evaluation.weights.round(3).to_string(), "\n")
    print("Districts by overall score, with TOPSIS closeness on the three group scores")
    print(topsis_ranking(evaluation).to_string(float_format=lambda v: f"{v:.3f}"), "\n")

    plain, raked, weights = raked_rate(frame)
    print(f"Q2_6 citywide satisfaction: unweighted {plain:.4f}, raked to equal districts {raked:.4f} "
          f"(weights {weights.min():.4f}..{weights.max():.4f}, {weights.attrs['iterations']} sweep)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
