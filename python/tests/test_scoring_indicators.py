"""IndicatorSystem on pandas frames: scores by hand, weight frames, AHP/entropy/combined
weighting, missing values and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import massline
from massline import scoring


def _system() -> scoring.IndicatorSystem:
    s = scoring.IndicatorSystem("overall")
    service = s.add_group(s.root, "service")
    outreach = s.add_group("overall", "outreach")
    s.add_leaf(service, "satisfaction", key="overall")
    s.add_leaf("service", "complaints", source="objective_metric", normalization="minmax", direction="cost")
    s.add_leaf(outreach, "coverage", source="objective_metric", normalization="bounds", lower=0, upper=1)
    s.add_leaf(outreach, "feedback", source="objective_metric", normalization="bounds", lower=0.5, upper=1.0)
    s.set_fixed_weights("overall", [0.6, 0.4])
    s.set_ahp_weights("outreach", [[1, 3], [1 / 3, 1]])
    return s


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "feedback": [1.0, 0.75, 0.4],
            "coverage": [0.9, 0.5, 1.0],
            "complaints": [2, 6, 4],
            "satisfaction": [80, 60, 90],
            "ignored": ["x", "y", "z"],
        },
        index=pd.Index(["north", "south", "east"], name="unit"),
    )


def test_scores_and_weights_by_hand() -> None:
    s = _system()
    assert s.leaf_names == ["satisfaction", "complaints", "coverage", "feedback"]
    assert len(s) == 7 and s.find("outreach") == 2 and s.leaf_key("satisfaction") == "overall"
    result = s.evaluate(_frame())
    assert list(result.scores.index) == ["north", "south", "east"]
    assert list(result.scores.columns) == s.node_names
    assert result.scores["complaints"].tolist() == [100, 0, 50]
    assert result.scores["feedback"].tolist() == [100, 50, 0]
    assert result.scores["service"].tolist() == pytest.approx([90, 30, 70])
    assert result.scores["outreach"].tolist() == pytest.approx([92.5, 50, 75])
    assert result.scores["overall"].tolist() == pytest.approx([91, 38, 72])
    w = result.weights
    assert w.loc["feedback", "global_weight"] == pytest.approx(0.1)
    assert w.loc["coverage", "parent"] == "outreach" and w.loc["overall", "parent"] is None
    assert w["leaf"].tolist() == [False, False, False, True, True, True, True]
    assert set(result.ahp) == {"outreach"}
    assert result.ahp["outreach"].weights.tolist() == pytest.approx([0.75, 0.25])
    # An array works too (columns in leaf order).
    array = _frame()[s.leaf_names].to_numpy()
    np.testing.assert_allclose(s.evaluate(array).scores.to_numpy(), result.scores.to_numpy())


def test_entropy_and_combined_weighting() -> None:
    s = _system()
    s.set_entropy_weights("service")
    result = s.evaluate(_frame())
    children = result.scores[["satisfaction", "complaints"]].to_numpy()
    expected = scoring.entropy_weights(children)
    assert result.weights.loc[["satisfaction", "complaints"], "local_weight"].tolist() == pytest.approx(expected.tolist())
    s.set_combined_weights("service", fixed=[1, 3])
    combined = s.evaluate(_frame()).weights.loc[["satisfaction", "complaints"], "local_weight"].to_numpy()
    np.testing.assert_allclose(combined, scoring.combine_weights([1, 3], expected))
    s.set_combined_weights("service", pairwise=[[1, 3], [1 / 3, 1]], combination="linear", alpha=0.5)
    linear = s.evaluate(_frame())
    np.testing.assert_allclose(linear.weights.loc[["satisfaction", "complaints"], "local_weight"],
                               0.5 * np.array([0.75, 0.25]) + 0.5 * expected)
    assert "service" in linear.ahp
    s.set_equal_weights("service")
    assert s.evaluate(_frame()).weights.loc["satisfaction", "local_weight"] == 0.5


def test_missing_values() -> None:
    s = _system()
    frame = _frame()
    frame.loc["south", "satisfaction"] = np.nan
    with pytest.raises(massline.InvalidArgument) as err:
        s.evaluate(frame)
    assert err.value.code == "indicator.missing"
    result = s.evaluate(frame, missing="reweight")
    assert result.scores.loc["south", "service"] == 0.0
    assert np.isnan(result.scores.loc["south", "satisfaction"])


def test_errors() -> None:
    s = _system()
    with pytest.raises(massline.InvalidArgument) as err:
        s.evaluate(_frame().drop(columns="coverage"))
    assert err.value.code == "indicator.shape"
    with pytest.raises(massline.InvalidArgument) as err:
        s.evaluate(_frame().assign(complaints=5))
    assert err.value.code == "indicator.constant_leaf"
    with pytest.raises(massline.InvalidArgument) as err:
        s.add_leaf("service", "bad", normalization="bounds")
    assert err.value.code == "indicator.leaf"
    with pytest.raises(massline.InvalidArgument):
        s.add_leaf("service", "bad", tie_score=50)
    with pytest.raises(massline.NotFound) as missing:
        s.find("nowhere")
    assert isinstance(missing.value, KeyError)
    with pytest.raises(massline.InvalidArgument):
        s.add_group("satisfaction", "child_of_leaf")
    s.set_fixed_weights("overall", [1, 2, 3])
    with pytest.raises(massline.InvalidArgument) as err:
        s.check()
    assert err.value.code == "indicator.structure"
    with pytest.raises(massline.InvalidArgument):
        s.set_combined_weights("service", fixed=[1, 1], pairwise=[[1, 1], [1, 1]])
    with pytest.raises(massline.InvalidArgument):
        s.evaluate(_frame(), missing="ignore")


def test_pickle_and_copy_keep_structure_weights_and_results() -> None:
    import copy
    import pickle

    s = scoring.IndicatorSystem("overall")
    service = s.add_group(s.root, "service")
    work = s.add_group(s.root, "work")
    outcome = s.add_group(s.root, "outcome")
    s.add_leaf(service, "satisfaction", key="Q1")
    s.add_leaf(service, "visits", source="objective_metric", normalization="bounds", lower=0, upper=1, key="cover")
    s.add_leaf(work, "pledges", source="objective_metric", normalization="minmax", tie_score=50.0)
    s.add_leaf(work, "delay", source="objective_metric", normalization="minmax", direction="cost")
    s.add_leaf(outcome, "appeals", key="A")
    s.add_leaf(outcome, "relations", key="R")
    s.set_ahp_weights(s.root, [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]], random_index="alonso_lamata2006",
                      method="geometric_mean")
    s.set_fixed_weights(service, [0.7, 0.3])
    s.set_combined_weights(work, pairwise=[[1, 3], [1 / 3, 1]], combination="linear", alpha=0.4,
                           normalization="minmax", random_index=[0, 0, 0.5])
    s.set_entropy_weights(outcome, normalization="vector")
    values = pd.DataFrame({"satisfaction": [80.0, 60.0, 90.0], "visits": [0.9, 0.5, 0.7], "pledges": [3.0, 5.0, 1.0],
                           "delay": [2.0, 9.0, 4.0], "appeals": [70.0, 85.0, 60.0], "relations": [75.0, 65.0, 95.0]})
    expected = s.evaluate(values)
    for clone in (pickle.loads(pickle.dumps(s)), copy.deepcopy(s), copy.copy(s)):
        assert type(clone) is scoring.IndicatorSystem
        assert clone.node_names == s.node_names and clone.leaf_names == s.leaf_names
        assert [clone.parent(i) for i in range(len(s))] == [s.parent(i) for i in range(len(s))]
        assert clone.leaf_key("visits") == "cover"
        got = clone.evaluate(values)
        pd.testing.assert_frame_equal(got.scores, expected.scores)
        pd.testing.assert_frame_equal(got.weights, expected.weights)
        assert got.ahp["overall"].consistency_ratio == expected.ahp["overall"].consistency_ratio
    empty = pickle.loads(pickle.dumps(scoring.IndicatorSystem("root only")))
    assert empty.node_names == ["root only"]
