"""Scoring the real City of San Diego 2015 resident survey, checked against pandas and
statsmodels, and the example script examples/sandiego_survey.py."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from massline import scoring

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "sandiego_resident_survey_2015" / "resident_survey_weighted_datasd.csv"
EXAMPLE = ROOT / "examples" / "sandiego_survey.py"
SCALE = scoring.ResponseScale.likert(5).with_dont_know(9)
# 5-point satisfaction/rating items (every value is 1..5, 9 or empty; see the data README).
LIKERT_PREFIXES = ("Q1_", "Q2_", "Q3_", "Q6_", "Q7_", "Q8_", "Q9_", "Q10_", "Q11_", "Q12_", "Q13_", "Q14_", "Q15_")


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return pd.read_csv(DATA)


def _likert_items(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith(LIKERT_PREFIXES)]


def test_every_item_against_pandas(survey: pd.DataFrame) -> None:
    items = _likert_items(survey)
    assert len(items) == 93
    table = scoring.rates(survey, items, SCALE).set_index("item")
    for item in items:
        column = survey[item]
        valid = column[column.between(1, 5)]
        row = table.loc[item]
        assert row["responses"] == len(survey)
        assert row["missing"] == column.isna().sum(), item
        assert row["dont_know"] == (column == 9).sum(), item
        assert row["valid"] == len(valid), item
        assert row["satisfied"] == (valid >= 4).sum(), item
        assert row["rate"] == pytest.approx((valid >= 4).mean(), rel=1e-13), item
        assert row["score"] == pytest.approx(((valid - 1) * 25).mean(), rel=1e-12), item
        low, high = proportion_confint((valid >= 4).sum(), len(valid), alpha=0.05, method="wilson")
        assert (row["rate_low"], row["rate_high"]) == pytest.approx((low, high), abs=1e-12), item
    assert table["missing"].sum() == survey[items].isna().sum().sum()


def test_by_council_district_against_pandas(survey: pd.DataFrame) -> None:
    table = scoring.rates(survey, "Q2_6", SCALE, target="Q28", method="agresti_coull", confidence=0.9)
    assert list(table["Q28"]) == list(range(1, 10))
    valid = survey[survey["Q2_6"].between(1, 5)]
    by = valid.groupby("Q28")["Q2_6"]
    pd.testing.assert_series_equal(table.set_index("Q28")["rate"], by.apply(lambda s: (s >= 4).mean()), check_names=False)
    pd.testing.assert_series_equal(table.set_index("Q28")["valid"], by.size(), check_names=False, check_dtype=False)
    scores = by.apply(lambda s: ((s - 1) * 25).mean())
    pd.testing.assert_series_equal(table.set_index("Q28")["score"], scores, check_names=False)
    for _, row in table.iterrows():
        ref = proportion_confint(row["satisfied"], row["valid"], alpha=0.1, method="agresti_coull")
        assert (row["rate_low"], row["rate_high"]) == pytest.approx(ref, abs=1e-12)
    dk = survey[survey["Q2_6"] == 9].groupby("Q28").size().reindex(range(1, 10), fill_value=0)
    assert table["dont_know"].tolist() == dk.tolist()


def test_dont_know_policy_changes_the_denominator(survey: pd.DataFrame) -> None:
    exclude = scoring.rates(survey, "Q3_7", SCALE)  # lifeguard services: many don't-know answers
    count_dk = scoring.rates(survey, "Q3_7", SCALE, dont_know="not_satisfied")
    column = survey["Q3_7"]
    assert count_dk["denominator"].iloc[0] == column.isin([1, 2, 3, 4, 5, 9]).sum()
    assert count_dk["rate"].iloc[0] == pytest.approx(column.isin([4, 5]).sum() / column.isin([1, 2, 3, 4, 5, 9]).sum())
    assert count_dk["rate"].iloc[0] < exclude["rate"].iloc[0]
    assert count_dk["score"].iloc[0] == exclude["score"].iloc[0]


def test_raked_district_weights(survey: pd.DataFrame) -> None:
    share = {d: len(survey) / 9 for d in range(1, 10)}
    weights = scoring.rake(survey, {"Q28": share})
    np.testing.assert_allclose(weights.groupby(survey["Q28"]).sum().to_numpy(), len(survey) / 9, rtol=1e-12)
    weighted = scoring.rates(survey.assign(w=weights), "Q2_6", SCALE, weight="w")
    valid = survey["Q2_6"].between(1, 5)
    expected = np.average(survey.loc[valid, "Q2_6"] >= 4, weights=weights[valid])
    assert weighted["rate"].iloc[0] == pytest.approx(expected, rel=1e-12)
    w = weights[valid].to_numpy()
    assert weighted["effective_size"].iloc[0] == pytest.approx(w.sum() ** 2 / (w**2).sum(), rel=1e-12)


def _example_module():
    spec = importlib.util.spec_from_file_location("sandiego_survey", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_example_functions(survey: pd.DataFrame) -> None:
    example = _example_module()
    frame, texts = example.load()
    assert texts["Q2_6"] == "Quality of services provided by the City"
    districts = example.district_rates(frame)
    valid = survey[survey["Q2_6"].between(1, 5)]
    expected = valid.groupby("Q28")["Q2_6"].apply(lambda s: (s >= 4).mean())
    np.testing.assert_allclose(districts["rate"].to_numpy(), expected.to_numpy(), rtol=1e-13)
    services = example.service_rates(frame, texts)
    assert len(services) == 15 and services["rate"].is_monotonic_decreasing
    evaluation = example.indicator_scores(frame)
    assert list(evaluation.scores.index) == list(range(1, 10))
    assert evaluation.scores["overall"].between(0, 100).all()
    leaves = evaluation.weights[evaluation.weights["leaf"]]
    assert leaves["global_weight"].sum() == pytest.approx(1.0, rel=1e-12)
    # A group's score is its entropy-weighted mean of the item rates × 100.
    safety = evaluation.weights.loc[["Q2_1", "Q2_2", "Q3_11"], "local_weight"].to_numpy()
    np.testing.assert_allclose(evaluation.scores["safety"], evaluation.scores[["Q2_1", "Q2_2", "Q3_11"]] @ safety, rtol=1e-12)
    ranking = example.topsis_ranking(evaluation)
    assert ranking["topsis_vector"].between(0, 1).all()


def test_example_script_runs() -> None:
    env = dict(os.environ)
    result = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=300, check=True)
    out = result.stdout
    assert "2477 respondents" in out
    assert "Q2_6 Quality of services provided by the City - by council district" in out
    assert "Major service categories (Q3), citywide, best first" in out
    assert "raked to equal districts" in out
