"""examples/quyuan_appraisal.py: the whole appraisal pipeline (registry -> survey_answers ->
rollup -> 80 % rule -> lists -> trend), checked for determinism and internal consistency, with
the town's rates recomputed by pandas from the registry's frames."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from massline import frames

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quyuan_appraisal.py"


def _example():
    spec = importlib.util.spec_from_file_location("quyuan_appraisal", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example():
    return _example()


@pytest.fixture(scope="module")
def result(example):
    return example.main(3)


def test_same_seed_same_appraisal(example, result):
    again = example.main(3)
    for key in ("rolled", "flag_estimate", "flag_bound", "lists", "trend", "answers"):
        assert result[key].equals(again[key]), key
    assert not example.main(4)["rolled"]["rate"].equals(result["rolled"]["rate"])


def test_flags_follow_the_rule(result):
    by_estimate, by_bound = result["flag_estimate"], result["flag_bound"]
    assert (by_estimate["rate"] < 0.8).all() and (by_bound["high"] < 0.8).all()
    assert set(by_bound["unit"]) <= set(by_estimate["unit"])  # clearly below implies below
    assert (by_estimate["verdict"] == "flagged").all() and (by_estimate["threshold"] == 0.8).all()
    assert len(by_estimate) > len(by_bound) > 0


def test_town_rates_match_pandas(example):
    registry = example.ml.synth.generate("quyuan", seed=5, contacts=False, appeals=False)
    example.simulate_appraisal(registry, 5)
    items = frames.survey_items(registry)
    responses = frames.survey_responses(registry)
    answers = items.merge(responses, left_on="survey_response", right_on="id")
    answers = answers[~answers["dont_know"] & (answers["score"] != example.DONT_KNOW)]
    answers = answers.assign(satisfied=answers["score"] >= 2, year=answers["period_first"].map(lambda d: d.year))
    expected = answers[answers["item"] == "overall"].groupby("year")["satisfied"].agg(["size", "mean"])

    tree = example.scoring.unit_tree(registry)
    got = example.scoring.survey_answers(registry, example.SCALE, tree=tree, items=list(example.ITEMS))
    rolled = example.scoring.rollup(got, tree, period="period", score="score")
    town = rolled[(rolled["level"] == 2) & (rolled["item"] == "overall")]
    np.testing.assert_array_equal(town["n"].to_numpy(), expected["size"].to_numpy())
    np.testing.assert_allclose(town["rate"].to_numpy(), expected["mean"].to_numpy(), rtol=1e-13)


def test_lists_and_trend(result):
    lists = result["lists"]
    assert (lists["list"] == "red").sum() >= 3 and (lists["list"] == "black").sum() >= 3
    reds, blacks = lists[lists["list"] == "red"], lists[lists["list"] == "black"]
    assert reds["rate"].min() > blacks["rate"].max()
    change = result["trend"]
    assert len(change) > 0 and change["p_value"].between(0, 1).all()
    assert (change["period_from"].astype(str) == "2024").all() and (change["period_to"].astype(str) == "2025").all()


def test_script_runs():
    out = subprocess.run([sys.executable, str(EXAMPLE), "2"], capture_output=True, text=True, env=dict(os.environ),
                         timeout=300, check=True).stdout
    assert "town, overall satisfaction:" in out
    assert "80 % rule, village groups, overall, 2025:" in out
    assert "red and black lists of the villages" in out
