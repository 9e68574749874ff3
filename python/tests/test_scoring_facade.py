"""The massline.scoring facade: exports, fixed entry points and their keyword names."""
from __future__ import annotations

import numpy as np
import pytest

import massline
from massline import scoring


def test_everything_exported_exists() -> None:
    missing = [name for name in scoring.__all__ if not hasattr(scoring, name)]
    assert missing == []
    assert len(scoring.__all__) == len(set(scoring.__all__))
    for name in ("PathModel", "PathModelResult", "rates", "rake", "IndicatorSystem", "proportion_interval"):
        assert name in scoring.__all__
    assert massline.scoring is scoring


def test_fixed_entry_points_by_keyword() -> None:
    low, high = scoring.proportion_interval(x=3, n=10, method="wilson", level=0.95, clip=False)
    assert 0 < low < 0.3 < high < 1
    ahp = scoring.ahp_weights(matrix=[[1, 2], [0.5, 1]], random_index="alonso_lamata2006")
    assert isinstance(ahp.weights, np.ndarray) and ahp.consistency_ratio == 0.0
    assert ahp.lambda_max == pytest.approx(2.0) and ahp.consistency_index == 0.0
    weights = scoring.entropy_weights(matrix=[[1, 2], [3, 1], [2, 2]], normalization="minmax")
    assert isinstance(weights, np.ndarray) and weights.shape == (2,)
    closeness = scoring.topsis(matrix=[[1, 2], [3, 1]], weights=[0.5, 0.5], benefit=[True, False], normalization="vector")
    assert isinstance(closeness, np.ndarray) and closeness.shape == (2,)


def test_classes_report_the_public_module() -> None:
    assert scoring.ResponseScale.__module__ == "massline.scoring"
    assert scoring.IndicatorSystem.__module__ == "massline.scoring"
    assert isinstance(scoring.IndicatorSystem("x"), scoring.IndicatorSystem)
