"""Hostile numbers for the distribution functions and the intervals built on them (issue 14,
items 3 and 9): every call answers in bounded time with a correct value, or raises a located
massline.Error; never a hang, a raw Boost exception (OverflowError) or a crash."""

import pytest

HUGE = ["1e10", "1e15", "1e21", "1e50", "1e300", "5e307", "1.7976931348623157e308"]
TINY = ["5e-324", "1e-300", "1e-20"]
PROBABILITIES = ["0.0", "5e-324", "1e-300", "1e-10", "0.025", "0.5", "0.975", "0.9999999999999999", "1.0"]


@pytest.mark.parametrize("a", HUGE + TINY + ["0.5", "5"])
@pytest.mark.parametrize("b", HUGE + TINY + ["5"])
def test_beta_quantile_answers_or_refuses_for_every_shape(hostile, a, b):
    result = hostile(f"""
        from massline import scoring
        for p in ({", ".join(PROBABILITIES)}):
            try:
                x = scoring.beta_quantile(p, {a}, {b})
            except massline.ConvergenceError as e:
                assert e.code == "distribution.convergence" and "beta_quantile(" in e.where.entity, e
                continue
            assert 0.0 <= x <= 1.0, (p, x)
        print("done")
    """)
    assert result.kind == "ok" and result.stdout == "done"


def test_huge_symmetric_beta_has_median_one_half(hostile):
    result = hostile("""
        from massline import scoring
        print(scoring.beta_quantile(0.5, 1e50, 1e50), scoring.beta_quantile(0.5, 5, 5),
              scoring.beta_quantile(0.3, 1e300, 1e300))
    """)
    assert result.stdout == "0.5 0.5 0.5"


@pytest.mark.parametrize("x, n", [("5e307", "1e308"), ("1e21", "2e21"), ("3", "1e300"), ("1e300", "1e300"),
                                  ("0", "1e308"), ("1.7e308", "1.7976931348623157e308"), ("1e-300", "1e-300"),
                                  ("0.5", "1"), ("5e-324", "1e-323")])
@pytest.mark.parametrize("method", ["wilson", "agresti_coull", "wald", "clopper_pearson"])
def test_proportion_interval_with_extreme_counts(hostile, x, n, method):
    result = hostile(f"""
        from massline import scoring
        low, high = scoring.proportion_interval({x}, {n}, method="{method}", clip=True)
        p = {x} / {n}
        assert 0.0 <= low <= p <= high <= 1.0, (low, p, high)
        print("ok")
    """)
    if result.kind == "error":  # a located refusal is acceptable where no interval is representable
        assert result.error_type in ("InvalidArgument", "ConvergenceError"), result
    else:
        assert result.stdout == "ok"


@pytest.mark.parametrize("df", ["5e-324", "1e-300", "1e-100", "1e-20", "1e-5", "0.1", "1e300", "1.7976931348623157e308"])
@pytest.mark.parametrize("p", ["1e-300", "0.025", "0.5", "0.975", "0.9999999999999999"])
def test_student_t_quantile_answers_or_refuses(hostile, df, p):
    result = hostile(f"""
        import math
        from massline import scoring
        t = scoring.student_t_quantile({p}, {df})
        assert math.isfinite(t), t
    """)
    if result.kind == "error":
        assert (result.error_type, result.code) == ("InvalidArgument", "distribution.overflow")


def test_student_t_overflow_is_a_located_invalid_argument(refused):
    result = refused("massline.scoring.student_t_quantile(0.975, 1e-300)", "distribution.overflow")
    assert result.error_type == "InvalidArgument"


@pytest.mark.parametrize("snippet, code", [
    ("massline.scoring.beta_quantile(0.5, float('inf'), 1)", "distribution.shape"),
    ("massline.scoring.beta_quantile(0.5, 1, float('nan'))", "distribution.shape"),
    ("massline.scoring.beta_quantile(float('nan'), 1, 1)", "distribution.probability"),
    ("massline.scoring.student_t_quantile(0.5, float('inf'))", "distribution.degrees_of_freedom"),
    ("massline.scoring.normal_quantile(0.0)", "distribution.probability"),
    ("massline.scoring.proportion_interval(1, float('inf'))", "interval.counts"),
])
def test_non_finite_arguments_are_refused(refused, snippet, code):
    refused(snippet, code)


@pytest.mark.parametrize("values", ["[1e308, -1e308]", "[1e300] * 3 + [0.0]", "[5e-324, 0.0, 5e-324]", "[0.0, 1.0]"])
def test_mean_interval_with_extreme_values(hostile, values):
    result = hostile(f"""
        from massline import scoring
        scoring.mean_interval({values})
        scoring.mean_interval({values}, weights=[1e-300] * len({values}))
    """)
    assert result.kind in ("ok", "error")
