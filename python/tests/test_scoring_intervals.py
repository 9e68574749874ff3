"""Proportion and mean intervals against statsmodels/SciPy, plus Hypothesis properties."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import massline
from massline import scoring

# massline method -> statsmodels method. statsmodels clips agresti_coull and normal (Wald)
# to [0, 1], so those are compared with clip=True.
STATSMODELS = {"wilson": "wilson", "agresti_coull": "agresti_coull", "wald": "normal", "clopper_pearson": "beta"}
METHODS = list(STATSMODELS)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("level", [0.8, 0.9, 0.95, 0.99, 0.999])
def test_matches_statsmodels(method: str, level: float) -> None:
    for n in (1, 2, 3, 5, 17, 40, 100, 263, 1000, 25_000):
        for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            low, high = scoring.proportion_interval(x, n, method=method, level=level, clip=True)
            ref_low, ref_high = proportion_confint(x, n, alpha=1 - level, method=STATSMODELS[method])
            assert low == pytest.approx(ref_low, abs=1e-11), (method, level, x, n)
            assert high == pytest.approx(ref_high, abs=1e-11), (method, level, x, n)


def test_non_integer_counts_match_statsmodels_wilson() -> None:
    # Weighted rates use (p·n_eff, n_eff): statsmodels' Wilson accepts the same real counts.
    for x, n in ((40.5, 50.25), (0.3, 2.7), (123.456, 789.0)):
        low, high = scoring.proportion_interval(x, n, method="wilson")
        ref = proportion_confint(x, n, alpha=0.05, method="wilson")
        assert (low, high) == pytest.approx(ref, abs=1e-12)


def test_clip_and_errors() -> None:
    low, high = scoring.proportion_interval(0, 10, "agresti_coull")
    assert low < 0
    assert scoring.proportion_interval(0, 10, "agresti_coull", clip=True)[0] == 0.0
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.proportion_interval(3, 2)
    assert err.value.code == "interval.counts"
    with pytest.raises(ValueError):  # InvalidArgument is a ValueError
        scoring.proportion_interval(1, 2, level=1.0)
    with pytest.raises(massline.InvalidArgument) as err:
        scoring.proportion_interval(1, 2, method="exact")
    assert err.value.code == "enum.unknown"


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(1, 10**6),
    frac=st.floats(0, 1),
    level=st.floats(0.5, 0.9999),
    method=st.sampled_from(METHODS),
)
def test_interval_contains_estimate_and_stays_in_unit_range(n: int, frac: float, level: float, method: str) -> None:
    x = round(frac * n)
    p = x / n
    low, high = scoring.proportion_interval(x, n, method=method, level=level)
    assert low <= p <= high
    if method in ("wilson", "clopper_pearson"):
        assert 0.0 <= low and high <= 1.0
    clipped = scoring.proportion_interval(x, n, method=method, level=level, clip=True)
    assert 0.0 <= clipped[0] <= p <= clipped[1] <= 1.0


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(1, 10**5),
    frac=st.floats(0, 1),
    levels=st.lists(st.floats(0.5, 0.999), min_size=2, max_size=2, unique=True),
    method=st.sampled_from(METHODS),
)
def test_wider_at_higher_level(n: int, frac: float, levels: list[float], method: str) -> None:
    x = round(frac * n)
    small, large = sorted(levels)
    # Unclipped Agresti-Coull is not nested below 0 (see docs/scoring.md); clip the normal-based ones.
    clip = method in ("agresti_coull", "wald")
    a = scoring.proportion_interval(x, n, method=method, level=small, clip=clip)
    b = scoring.proportion_interval(x, n, method=method, level=large, clip=clip)
    assert b[0] <= a[0] + 1e-15 and a[1] <= b[1] + 1e-15


@settings(max_examples=200, deadline=None)
@given(n=st.integers(2, 5000), frac=st.floats(0, 0.999), method=st.sampled_from(["wilson", "clopper_pearson"]))
def test_bounds_increase_with_successes(n: int, frac: float, method: str) -> None:
    x = min(int(frac * n), n - 1)
    a = scoring.proportion_interval(x, n, method=method)
    b = scoring.proportion_interval(x + 1, n, method=method)
    assert a[0] <= b[0] and a[1] <= b[1]


def test_mean_interval_matches_scipy() -> None:
    rng = np.random.default_rng(7)
    for size in (2, 3, 10, 57, 400):
        values = rng.integers(0, 5, size) * 25.0
        for level in (0.9, 0.95, 0.99):
            estimate = scoring.mean_interval(values.tolist(), confidence=level)
            ref = stats.t.interval(level, size - 1, loc=values.mean(), scale=stats.sem(values))
            assert estimate.mean == pytest.approx(values.mean(), rel=1e-14)
            assert estimate.standard_error == pytest.approx(stats.sem(values), rel=1e-12)
            # SciPy's t quantile is accurate to about 1e-10 relative.
            assert estimate.interval == pytest.approx(ref, rel=1e-8, abs=1e-8)


def test_weighted_mean_uses_kish_effective_size() -> None:
    values = [10.0, 50.0, 75.0, 100.0, 0.0]
    weights = [1.0, 2.0, 0.5, 3.0, 1.5]
    estimate = scoring.mean_interval(values, weights=weights)
    w = np.asarray(weights)
    v = np.asarray(values)
    n_eff = w.sum() ** 2 / (w**2).sum()
    mean = np.average(v, weights=w)
    variance = np.average((v - mean) ** 2, weights=w) * n_eff / (n_eff - 1)
    se = np.sqrt(variance / n_eff)
    t = stats.t.ppf(0.975, n_eff - 1)
    assert estimate.effective_size == pytest.approx(n_eff, rel=1e-14)
    assert scoring.kish_effective_sample_size(weights) == pytest.approx(n_eff, rel=1e-14)
    assert estimate.mean == pytest.approx(mean, rel=1e-14)
    assert estimate.interval == pytest.approx((mean - t * se, mean + t * se), rel=1e-8)
    assert scoring.mean_interval([3.0]).interval is None


def test_quantiles_match_scipy() -> None:
    for p in (0.001, 0.1, 0.5, 0.975):
        assert scoring.normal_quantile(p) == pytest.approx(stats.norm.ppf(p), rel=1e-13, abs=1e-15)
        assert scoring.beta_quantile(p, 2.5, 7.0) == pytest.approx(stats.beta.ppf(p, 2.5, 7.0), rel=1e-10)
        assert scoring.student_t_quantile(p, 4.5) == pytest.approx(stats.t.ppf(p, 4.5), rel=1e-8, abs=1e-12)
