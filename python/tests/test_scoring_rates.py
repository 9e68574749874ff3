"""massline.scoring.rates and response scales against direct pandas/statsmodels computations."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

import massline
from massline import scoring

LIKERT = scoring.ResponseScale.likert(5).with_dont_know(9)


def test_scales() -> None:
    assert [c.satisfied for c in LIKERT.categories] == [False, False, False, True, True]
    assert [c.score for c in LIKERT.categories] == [0, 25, 50, 75, 100]
    assert LIKERT.dont_know_codes == [(9.0, "don't know")]
    assert LIKERT.classify(9).kind == "dont_know"
    assert LIKERT.classify(float("nan")).kind == "missing"
    three = scoring.ResponseScale.three_level(rule="satisfied_only")
    assert [c.label for c in three.categories] == ["不满意", "基本满意", "满意"]
    assert not three.classify_label("基本满意").satisfied
    assert scoring.ResponseScale.percent().with_threshold(60).classify(60).satisfied
    with pytest.raises(massline.InvalidArgument) as err:
        LIKERT.classify(6)
    assert err.value.code == "scale.unknown_code"
    with pytest.raises(massline.InvalidArgument):
        scoring.ResponseScale.three_level(rule="nearly")


def test_scales_pickle() -> None:
    import pickle

    for scale in (
        LIKERT.with_top_box(1).with_name("strict"),
        scoring.ResponseScale.three_level().with_scores([0, 60, 100]).with_dont_know(9, "不了解"),
        scoring.ResponseScale.percent().with_threshold(80, inclusive=False).with_dont_know(-1),
        scoring.ResponseScale.likert(7, 0, higher_is_better=False).with_satisfied_codes([0, 3]),
    ):
        copy = pickle.loads(pickle.dumps(scale))
        assert copy == scale and copy.name == scale.name
        assert [c.satisfied for c in copy.categories] == [c.satisfied for c in scale.categories]


def test_classify_frame() -> None:
    out = scoring.classify(pd.Series([5, 9, np.nan, 2], index=list("abcd")), LIKERT)
    assert list(out.index) == list("abcd")
    assert list(out["kind"]) == ["valid", "dont_know", "missing", "valid"]
    assert out["score"].tolist()[0] == 100 and np.isnan(out["score"].iloc[1])
    assert list(out["satisfied"]) == [True, False, False, False]
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.classify([1, 2, 7], LIKERT)
    assert err.value.where.entity == "answer 2"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["A", "A", "A", "B", "B", "B", "B", "C"],
            "year": [2024, 2024, 2025, 2024, 2024, 2024, 2025, 2024],
            "q1": [5, 4, 2, 9, np.nan, 1, 5, 3],
            "q2": [1, 1, 5, 5, 5, 9, 4, np.nan],
            "w": [1.0, 2.0, 1.0, 0.5, 1.0, 1.5, 1.0, 3.0],
        }
    )


def test_rates_by_target_and_period_against_pandas() -> None:
    frame = _frame()
    out = scoring.rates(frame, "q1", LIKERT, target="unit", period="year")
    assert list(out.columns) == ["unit", "year", *scoring.RATE_COLUMNS]
    assert list(zip(out["unit"], out["year"])) == [("A", 2024), ("A", 2025), ("B", 2024), ("B", 2025), ("C", 2024)]
    for _, row in out.iterrows():
        answers = frame.loc[(frame["unit"] == row["unit"]) & (frame["year"] == row["year"]), "q1"]
        valid = answers[answers.isin([1, 2, 3, 4, 5])]
        assert row["responses"] == len(answers)
        assert row["missing"] == answers.isna().sum()
        assert row["dont_know"] == (answers == 9).sum()
        assert row["valid"] == row["denominator"] == len(valid)
        assert row["satisfied"] == valid.isin([4, 5]).sum()
        assert row["rate"] == pytest.approx(valid.isin([4, 5]).mean())
        low, high = proportion_confint(row["satisfied"], row["denominator"], alpha=0.05, method="wilson")
        assert (row["rate_low"], row["rate_high"]) == pytest.approx((low, high), abs=1e-12)
        assert row["score"] == pytest.approx(((valid - 1) * 25).mean())
    b2024 = out[(out["unit"] == "B") & (out["year"] == 2024)].iloc[0]
    assert (b2024["dont_know"], b2024["missing"], b2024["valid"]) == (1, 1, 1)
    assert np.isnan(b2024["score_low"])  # one valid answer: no t interval


def test_dont_know_as_not_satisfied_and_clopper_pearson() -> None:
    frame = _frame()
    out = scoring.rates(frame, "q2", LIKERT, target="unit", dont_know="not_satisfied", method="clopper_pearson", confidence=0.9)
    b = out[out["unit"] == "B"].iloc[0]
    assert (b["valid"], b["dont_know"], b["denominator"], b["satisfied"]) == (3, 1, 4, 3)
    assert b["rate"] == pytest.approx(0.75)
    ref = proportion_confint(3, 4, alpha=0.1, method="beta")
    assert (b["rate_low"], b["rate_high"]) == pytest.approx(ref, abs=1e-12)
    c = out[out["unit"] == "C"].iloc[0]
    assert c["denominator"] == 0 and np.isnan(c["rate"]) and np.isnan(c["rate_low"])


def test_weighted_rates_use_kish() -> None:
    frame = _frame()
    out = scoring.rates(frame, "q1", LIKERT, target="unit", weight="w")
    a = out[out["unit"] == "A"].iloc[0]
    valid = frame[(frame["unit"] == "A")]
    w = valid["w"].to_numpy()
    sat = valid["q1"].isin([4, 5]).to_numpy()
    rate = np.average(sat, weights=w)
    n_eff = w.sum() ** 2 / (w**2).sum()
    assert a["rate"] == pytest.approx(rate)
    assert a["effective_size"] == pytest.approx(n_eff)
    assert a["weight_total"] == pytest.approx(w.sum())
    ref = proportion_confint(rate * n_eff, n_eff, alpha=0.05, method="wilson")
    assert (a["rate_low"], a["rate_high"]) == pytest.approx(ref, abs=1e-12)
    assert a["score"] == pytest.approx(np.average((valid["q1"] - 1) * 25, weights=w))


def test_several_items_keep_their_order() -> None:
    out = scoring.rates(_frame(), ["q2", "q1"], LIKERT, target="unit")
    assert list(out.columns[:2]) == ["unit", "item"]
    assert list(out["item"].astype(str))[:2] == ["q2", "q1"]
    single = scoring.rates(_frame(), "q1", LIKERT, target="unit").set_index("unit")
    multi = out[out["item"] == "q1"].set_index("unit")
    pd.testing.assert_series_equal(single["rate"], multi["rate"], check_names=False)
    whole = scoring.rates(_frame(), ["q1", "q2"], LIKERT)
    assert list(whole["item"].astype(str)) == ["q1", "q2"]


def test_labels_and_missing_cells() -> None:
    scale = scoring.ResponseScale.three_level().with_dont_know(9, "不了解")
    frame = pd.DataFrame({"who": ["x", "x", "x", "y", "y"], "answer": ["满意", "基本满意", "不了解", None, "不满意"]})
    out = scoring.rates(frame, "answer", scale, target="who").set_index("who")
    assert out.loc["x", "rate"] == 1.0 and out.loc["x", "dont_know"] == 1
    assert out.loc["y", "missing"] == 1 and out.loc["y", "rate"] == 0.0
    assert out.loc["x", "score"] == pytest.approx(75.0)
    frame.loc[4, "answer"] = "还行"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rates(frame, "answer", scale, target="who")
    assert err.value.code == "scale.unknown_code"


def test_errors() -> None:
    frame = _frame()
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rates(frame, "nope", LIKERT)
    assert err.value.code == "rates.shape"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rates(frame.assign(q1=frame["q1"].replace(3, 7)), "q1", LIKERT)
    assert err.value.code == "scale.unknown_code"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.rates(frame.assign(w=-1.0), "q1", LIKERT, weight="w")
    assert err.value.code == "weights.invalid"
    with pytest.raises(massline.InvalidArgument):
        scoring.rates(frame, "q1", LIKERT, dont_know="maybe")
    with pytest.raises(TypeError):
        scoring.rates(frame.to_numpy(), "q1", LIKERT)


answers = st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 9.0, float("nan")])


@settings(max_examples=150, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 4), answers, st.floats(0.1, 10)), min_size=1, max_size=60),
    method=st.sampled_from(["wilson", "agresti_coull", "wald", "clopper_pearson"]),
    weighted=st.booleans(),
)
def test_rates_properties(data: list[tuple[int, float, float]], method: str, weighted: bool) -> None:
    frame = pd.DataFrame(data, columns=["g", "q", "w"])
    out = scoring.rates(frame, "q", LIKERT, target="g", method=method, weight="w" if weighted else None, clip=True)
    assert list(out["g"]) == sorted(frame["g"].unique())
    assert (out["responses"] == out["valid"] + out["dont_know"] + out["missing"]).all()
    assert out["responses"].sum() == len(frame)
    has = out["denominator"] > 0
    assert out.loc[~has, "rate"].isna().all()
    rated = out[has]
    assert ((rated["rate"] >= 0) & (rated["rate"] <= 1)).all()
    assert ((rated["rate_low"] <= rated["rate"] + 1e-15) & (rated["rate"] <= rated["rate_high"] + 1e-15)).all()
    assert ((rated["rate_low"] >= 0) & (rated["rate_high"] <= 1)).all()
    assert ((rated["score"] >= 0) & (rated["score"] <= 100)).all()
    assert (rated["effective_size"] <= rated["denominator"] + 1e-9).all()
    # Against pandas.
    valid = frame[frame["q"].isin([1, 2, 3, 4, 5])]
    w = valid["w"] if weighted else pd.Series(1.0, index=valid.index)
    expected = (valid["q"].isin([4, 5]) * w).groupby(valid["g"]).sum() / w.groupby(valid["g"]).sum()
    got = rated.set_index("g")["rate"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False, rtol=1e-12)
