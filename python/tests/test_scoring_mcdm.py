"""AHP, random indices, entropy weights, weight combination, TOPSIS and fuzzy evaluation.

Oracles: Saaty's published wealth-of-nations example and RI tables, NumPy's dense eigensolver,
and independent NumPy implementations of the entropy and TOPSIS formulas written here.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import massline
from massline import scoring

WEALTH = np.array(
    [
        [1, 4, 9, 6, 6, 5, 5],
        [1 / 4, 1, 7, 5, 5, 3, 4],
        [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
        [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
        [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
        [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
        [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
    ]
)


def test_ahp_saaty_wealth_of_nations() -> None:
    # Saaty (1977, 1980): eigenvector .427 .230 .021 .052 .052 .123 .094, λmax 7.61, CI .10, CR .08.
    result = scoring.ahp_weights(WEALTH)
    np.testing.assert_allclose(result.weights, [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094], atol=5e-4)
    assert result.lambda_max == pytest.approx(7.61, abs=5e-3)
    assert result.consistency_index == pytest.approx(0.10, abs=5e-3)
    assert result.consistency_ratio == pytest.approx(0.08, abs=5e-3)
    eigenvalues, vectors = np.linalg.eig(WEALTH)
    k = np.argmax(eigenvalues.real)
    assert result.lambda_max == pytest.approx(eigenvalues.real[k], rel=1e-12)
    v = np.abs(vectors[:, k].real)
    np.testing.assert_allclose(result.weights, v / v.sum(), rtol=1e-10)


def test_random_index_choices() -> None:
    ci = scoring.ahp_weights(WEALTH).consistency_index
    for name, ri7 in (("saaty1980", 1.32), ("saaty2005", 1.35), ("alonso_lamata2006", 1.3417), ("donegan_dodd1991", 1.2519)):
        result = scoring.ahp_weights(WEALTH, random_index=name)
        assert result.random_index == ri7
        assert result.consistency_ratio == pytest.approx(ci / ri7, rel=1e-14)
    assert set(scoring.RANDOM_INDEX_TABLES) == {"saaty1980", "saaty2005", "alonso_lamata2006", "donegan_dodd1991"}
    table = scoring.RandomIndexTable.alonso_lamata_2006()
    assert scoring.ahp_weights(WEALTH, random_index=table).random_index == 1.3417
    custom = [0, 0, 0.5, 0.9, 1.1, 1.2, 1.3]
    assert scoring.ahp_weights(WEALTH, random_index=custom).random_index == 1.3
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.ahp_weights(np.ones((11, 11)))  # Saaty (1980) stops at 10
    assert err.value.code == "ahp.random_index"
    assert scoring.ahp_weights(np.ones((11, 11)), random_index="alonso_lamata2006").consistency_ratio == pytest.approx(0, abs=1e-14)
    with pytest.raises(massline.InvalidArgument):
        scoring.ahp_weights(WEALTH, random_index="unknown")


def test_random_index_tables_pickle() -> None:
    import pickle

    for table in (scoring.RandomIndexTable.donegan_dodd_1991(), scoring.RandomIndexTable.custom("mine", [0, 0, 0.5])):
        copy = pickle.loads(pickle.dumps(table))
        assert copy == table and copy.source == table.source


def test_ahp_errors_and_small_matrices() -> None:
    assert scoring.ahp_weights([[1]]).weights.tolist() == [1.0]
    two = scoring.ahp_weights([[1, 4], [0.25, 1]])
    assert two.weights.tolist() == pytest.approx([0.8, 0.2])
    assert two.consistency_ratio == 0.0
    for bad, code in (
        ([[1, 2, 3], [0.5, 1, 1]], "ahp.not_square"),
        ([[1, -2], [-0.5, 1]], "ahp.not_positive"),
        ([[1, 3], [0.33, 1]], "ahp.not_reciprocal"),
        ([[2, 1], [1, 1]], "ahp.diagonal"),
    ):
        with pytest.raises(massline.InvalidArgument) as err:
            scoring.ahp_weights(bad)
        assert err.value.code == code, bad
    assert scoring.ahp_weights([[1, 3], [0.33, 1]], reciprocity_tolerance=0.02).weights.sum() == pytest.approx(1)
    gm = scoring.ahp_weights(WEALTH, method="geometric_mean")
    assert gm.lambda_max == scoring.ahp_weights(WEALTH).lambda_max
    np.testing.assert_allclose(scoring.pairwise_from_upper(3, [3, 5, 2]), [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])


@settings(max_examples=100, deadline=None)
@given(w=hnp.arrays(np.float64, st.integers(1, 9), elements=st.floats(0.05, 20)))
def test_ahp_consistent_matrices_recover_weights(w: np.ndarray) -> None:
    matrix = np.outer(w, 1 / w)
    result = scoring.ahp_weights(matrix, random_index="alonso_lamata2006")
    np.testing.assert_allclose(result.weights, w / w.sum(), rtol=1e-10)
    assert result.lambda_max == pytest.approx(len(w), rel=1e-10)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)


SAATY_SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@settings(max_examples=100, deadline=None)
@given(n=st.integers(3, 12), data=st.data())
def test_ahp_random_reciprocal_matrices(n: int, data: st.DataObject) -> None:
    upper = data.draw(st.lists(st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))
    matrix = scoring.pairwise_from_upper(n, upper)
    result = scoring.ahp_weights(matrix, random_index="alonso_lamata2006")
    assert (result.weights > 0).all() and result.weights.sum() == pytest.approx(1.0, rel=1e-12)
    assert result.lambda_max >= n - 1e-9
    assert result.lambda_max == pytest.approx(np.linalg.eigvals(matrix).real.max(), rel=1e-9)
    assert result.consistency_ratio >= 0


def _entropy_numpy(x: np.ndarray, normalization: str = "proportion", benefit=None) -> np.ndarray:
    x = np.asarray(x, float)
    if normalization == "minmax":
        lo, hi = x.min(0), x.max(0)
        span = np.where(hi > lo, hi - lo, 1.0)
        b = np.ones(x.shape[1], bool) if benefit is None else np.asarray(benefit)
        r = np.where(b, (x - lo) / span, (hi - x) / span)
    else:
        r = x
    sums = r.sum(0)
    p = np.divide(r, sums, out=np.zeros_like(r), where=sums > 0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)
    e = -plogp.sum(0) / np.log(x.shape[0])
    e = np.where((x.max(0) == x.min(0)) | (sums == 0), 1.0, e)
    d = 1 - e
    return d / d.sum()


def test_entropy_against_numpy() -> None:
    x = np.array([[85, 0.92, 3], [70, 0.80, 7], [90, 0.95, 2], [60, 0.85, 5]])
    np.testing.assert_allclose(scoring.entropy_weights(x), _entropy_numpy(x), rtol=1e-12)
    np.testing.assert_allclose(
        scoring.entropy_weights(x, normalization="minmax", benefit=[True, True, False]),
        _entropy_numpy(x, "minmax", [True, True, False]),
        rtol=1e-12,
    )
    np.testing.assert_allclose(scoring.entropy_weights(x, normalization="vector"), scoring.entropy_weights(x), rtol=1e-13)
    analysis = scoring.entropy_analysis(x)
    np.testing.assert_allclose(analysis.divergence, 1 - analysis.entropy)
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.entropy_weights(np.ones((4, 3)))
    assert err.value.code == "entropy.degenerate"
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.entropy_weights([[1, -1], [2, 3]])
    assert err.value.code == "matrix.negative"


@settings(max_examples=150, deadline=None)
@given(
    x=hnp.arrays(
        np.float64,
        st.tuples(st.integers(2, 8), st.integers(1, 6)),
        elements=st.one_of(st.just(0.0), st.floats(1e-100, 1000)),  # no subnormals: scaling would flush them to 0
    ),
    scale=st.floats(0.01, 100),
    normalization=st.sampled_from(["proportion", "minmax"]),
)
def test_entropy_properties(x: np.ndarray, scale: float, normalization: str) -> None:
    constant = (x.max(0) == x.min(0)) | (x.sum(0) == 0)
    if constant.all():
        with pytest.raises(massline.InvalidArgument):
            scoring.entropy_weights(x, normalization=normalization)
        return
    analysis = scoring.entropy_analysis(x, normalization=normalization)
    w = analysis.weights
    assert (w >= 0).all() and w.sum() == pytest.approx(1.0, rel=1e-12)
    assert (w[constant] == 0).all()
    assert ((analysis.entropy >= 0) & (analysis.entropy <= 1)).all()
    # The textbook 1 − H/ln m loses everything to cancellation for nearly uniform columns, so
    # compare with it only where the divergences are well above round-off.
    if analysis.divergence.sum() > 1e-6:
        np.testing.assert_allclose(w, _entropy_numpy(x, normalization), rtol=1e-6, atol=1e-9)
        # Scale-free: multiplying a column by a positive constant changes nothing (checked when
        # the column's values are not so close that the product's rounding could merge them).
        top = x[:, 0].max()
        if top > 0 and (top - x[:, 0].min()) / top > 1e-6:
            y = x.copy()
            y[:, 0] *= scale
            np.testing.assert_allclose(scoring.entropy_weights(y, normalization=normalization), w, rtol=1e-6, atol=1e-9)


def test_combine_weights() -> None:
    s, o = np.array([0.5, 0.3, 0.2]), np.array([0.2, 0.2, 0.6])
    np.testing.assert_allclose(scoring.combine_weights(s, o), s * o / (s * o).sum())
    np.testing.assert_allclose(scoring.combine_weights(s, o, "linear", alpha=0.3), 0.3 * s + 0.7 * o)
    with pytest.raises(massline.InvalidArgument):
        scoring.combine_weights(s, o, "linear")
    with pytest.raises(massline.InvalidArgument):
        scoring.combine_weights(s, o, "multiplicative", alpha=0.5)


def _topsis_numpy(x, w, benefit, normalization):
    x = np.asarray(x, float)
    w = np.asarray(w, float) / np.sum(w)
    b = np.asarray(benefit)
    if normalization == "vector":
        scale = np.abs(x).max(0)  # scaled so tiny entries do not underflow when squared
        safe = np.where(scale > 0, scale, 1.0)
        norms = scale * np.sqrt(((x / safe) ** 2).sum(0))
        v = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0) * w
        ideal, anti = np.where(b, v.max(0), v.min(0)), np.where(b, v.min(0), v.max(0))
    else:
        lo, hi = x.min(0), x.max(0)
        span = np.where(hi > lo, hi - lo, 1.0)
        r = np.where(hi > lo, np.where(b, (x - lo) / span, (hi - x) / span), 0.0)
        v = r * w
        ideal, anti = v.max(0), v.min(0)
    dp = np.sqrt(((v - ideal) ** 2).sum(1))
    dm = np.sqrt(((v - anti) ** 2).sum(1))
    return dm / (dp + dm)


def test_topsis_against_numpy_and_rank_reversal() -> None:
    x = np.array([[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5], [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]])
    w = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
    benefit = [True, True, True, False, True, True]
    for normalization in ("vector", "minmax"):
        np.testing.assert_allclose(
            scoring.topsis(x, w, benefit, normalization=normalization), _topsis_numpy(x, w, benefit, normalization), rtol=1e-12
        )
    # Vector and min-max normalisation can order alternatives differently.
    y = np.array([[4, 4], [6, 6], [2, 7]])
    vector = scoring.topsis(y, [1, 1], [True, True], normalization="vector")
    minmax = scoring.topsis(y, [1, 1], [True, True], normalization="minmax")
    assert vector[0] > vector[2] and minmax[0] < minmax[2]
    analysis = scoring.topsis_analysis(y, [1, 1], [True, True])
    np.testing.assert_allclose(analysis.closeness, vector)
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.topsis(np.ones((3, 2)), [1, 1], [True, True])
    assert err.value.code == "topsis.degenerate"
    with pytest.raises(massline.InvalidArgument):
        scoring.topsis(y, [1, 1], [True])


@settings(max_examples=150, deadline=None)
@given(
    x=hnp.arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 5)), elements=st.floats(0, 100)),
    data=st.data(),
    normalization=st.sampled_from(["vector", "minmax"]),
)
def test_topsis_properties(x: np.ndarray, data: st.DataObject, normalization: str) -> None:
    k = x.shape[1]
    w = np.asarray(data.draw(st.lists(st.floats(0.1, 10), min_size=k, max_size=k)))
    benefit = data.draw(st.lists(st.booleans(), min_size=k, max_size=k))
    if (x.max(0) == x.min(0)).all():
        with pytest.raises(massline.InvalidArgument):
            scoring.topsis(x, w, benefit, normalization=normalization)
        return
    c = scoring.topsis(x, w, benefit, normalization=normalization)
    assert ((c >= 0) & (c <= 1)).all()
    np.testing.assert_allclose(c, _topsis_numpy(x, w, benefit, normalization), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scoring.topsis(x, w * 3.5, benefit, normalization=normalization), c, rtol=1e-9, atol=1e-12)


def test_fuzzy_evaluation() -> None:
    a = [0.2, 0.3, 0.5]
    r = [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.4, 0.5]]
    weighted = scoring.fuzzy_evaluate(a, r, grade_values=[100, 75, 50])
    np.testing.assert_allclose(weighted.membership, np.asarray(a) @ np.asarray(r))
    assert weighted.grade == 1
    assert weighted.score == pytest.approx(float(np.asarray(a) @ np.asarray(r) @ [100, 75, 50]))
    maxmin = scoring.fuzzy_evaluate(a, r, operator="max_min", normalize=False)
    np.testing.assert_allclose(maxmin.membership, np.minimum(np.asarray(a)[:, None], r).max(0))
    product = scoring.fuzzy_evaluate(a, r, operator="product_max")
    raw = (np.asarray(a)[:, None] * np.asarray(r)).max(0)
    np.testing.assert_allclose(product.membership, raw / raw.sum())
    bounded = scoring.fuzzy_evaluate(a, r, operator="min_bounded_sum", normalize=False)
    np.testing.assert_allclose(bounded.composed, np.minimum(1, np.minimum(np.asarray(a)[:, None], r).sum(0)))
    counts = [[6, 3, 1], [0, 5, 5]]
    np.testing.assert_allclose(scoring.membership_from_counts(counts), [[0.6, 0.3, 0.1], [0, 0.5, 0.5]])
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.fuzzy_evaluate([0.5, 0.6, 0.1], r)
    assert err.value.code == "fuzzy.weights"
    with pytest.raises(massline.InvalidArgument):
        scoring.fuzzy_evaluate(a, r, operator="max_product")
