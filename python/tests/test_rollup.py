"""Tests of the roll-up facade (massline._rollup, re-exported by massline.scoring).

Oracles: plain pandas computations written here (every answer exploded to its unit and all
ancestors, then groupby), statsmodels for the Wilson interval, the two-proportion z test and
Newcombe's interval. Hypothesis checks the invariants on random trees and answers.
"""
from __future__ import annotations

import gc
import threading

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

import massline
from massline import _core
from massline import _rollup as ru

CORE = _core.scoring

# county C; townships T1, T2; communities V1, V2 (under T1), V3 (under T2); grids G1..G6.
TREE = pd.DataFrame({
    "unit": ["C", "T1", "T2", "V1", "V2", "V3", "G1", "G2", "G3", "G4", "G5", "G6"],
    "parent": [None, "C", "C", "T1", "T1", "T2", "V1", "V1", "V2", "V2", "V3", "V3"],
    "level": [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4],
    "size": [0, 0, 0, 0, 0, 0, 10, 20, 30, 40, 50, 60],
})
GRIDS = ["G1", "G2", "G3", "G4", "G5", "G6"]
PARENT = dict(zip(TREE["unit"], TREE["parent"]))
LEVEL = dict(zip(TREE["unit"], TREE["level"]))
SIZE = dict(zip(TREE["unit"], TREE["size"]))


def tree():
    return ru.unit_tree(TREE, unit_level="level", size="size")


def answers(rows=4000, seed=1, periods=("2023", "2024"), items=("overall", "visits", "appeals"), at_grids=True):
    rng = np.random.default_rng(seed)
    units = np.array(GRIDS if at_grids else list(TREE["unit"]), dtype=object)
    p_unit = {u: rng.uniform(0.5, 0.95) for u in TREE["unit"]}
    unit = units[rng.integers(0, len(units), rows)]
    return pd.DataFrame({
        "unit": unit,
        "item": np.array(items, dtype=object)[rng.integers(0, len(items), rows)],
        "period": np.array(periods, dtype=object)[rng.integers(0, len(periods), rows)],
        "satisfied": (rng.random(rows) < np.array([p_unit[u] for u in unit])).astype(int),
        "weight": rng.uniform(0.3, 3.0, rows),
        "score": rng.uniform(0, 100, rows),
    })


def chain(unit):
    out = [unit]
    while PARENT[out[-1]] is not None:
        out.append(PARENT[out[-1]])
    return out


def explode(frame):
    """Every answer repeated for its unit and each ancestor (the pooling oracle)."""
    rows = [(i, a) for i, u in enumerate(frame["unit"]) for a in chain(u)]
    index, unit = zip(*rows)
    out = frame.iloc[list(index)].reset_index(drop=True)
    out["unit"] = list(unit)
    return out


def oracle(frame, weighted):
    e = explode(frame)
    w = e["weight"] if weighted else pd.Series(1.0, index=e.index)
    e = e.assign(w=w, w2=w * w, ws=w * e["satisfied"], wx=w * e["score"])
    g = e.groupby(["unit", "item", "period"], observed=True)
    return g.agg(n=("satisfied", "size"), k=("satisfied", "sum"), w=("w", "sum"), w2=("w2", "sum"),
                 ws=("ws", "sum"), wx=("wx", "sum"))


def indexed(rolled):
    return rolled.assign(item=rolled["item"].astype(str), period=rolled["period"].astype(str)).set_index(
        ["unit", "item", "period"])


def wilson(count, nobs, alpha=0.05):
    return proportion_confint(count, nobs, alpha=alpha, method="wilson")


def test_unweighted_rollup_matches_pandas_and_statsmodels():
    frame = answers()
    rolled = ru.rollup(frame, tree(), period="period", score="score")
    expected = oracle(frame, weighted=False)
    got = indexed(rolled).loc[expected.index]
    assert len(rolled) == len(expected)
    np.testing.assert_array_equal(got["n"], expected["n"])
    np.testing.assert_array_equal(got["satisfied"], expected["k"])
    np.testing.assert_array_equal(got["rate"], expected["k"] / expected["n"])  # exactly k / n
    np.testing.assert_array_equal(got["n_eff"], expected["n"])
    low, high = wilson(expected["k"], expected["n"])
    np.testing.assert_allclose(got["low"], low, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got["high"], high, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got["mean_score"], expected["wx"] / expected["n"], rtol=1e-12)
    assert (got["level"].to_numpy() == [LEVEL[u] for u in got.index.get_level_values("unit")]).all()
    assert rolled["level"].is_monotonic_increasing
    assert list(rolled.columns) == ["level", "unit", "item", "period", "n", "satisfied", "weight", "n_eff", "rate",
                                    "low", "high", "mean_score"]
    assert rolled.attrs["massline.rollup"] == {"confidence": 0.95, "by": "respondents"}


def test_weighted_rollup_matches_pandas():
    frame = answers(seed=2)
    rolled = ru.rollup(frame, tree(), period="period", weight="weight", confidence=0.9)
    expected = oracle(frame, weighted=True)
    got = indexed(rolled).loc[expected.index]
    np.testing.assert_array_equal(got["n"], expected["n"])
    np.testing.assert_allclose(got["weight"], expected["w"], rtol=1e-12)
    np.testing.assert_allclose(got["rate"], expected["ws"] / expected["w"], rtol=1e-12)
    n_eff = expected["w"] ** 2 / expected["w2"]
    np.testing.assert_allclose(got["n_eff"], n_eff, rtol=1e-12)
    low, high = wilson(got["rate"] * n_eff, n_eff, alpha=0.1)
    np.testing.assert_allclose(got["low"], low, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got["high"], high, rtol=0, atol=1e-12)


def test_household_weighting_matches_pandas():
    # Answers at grids only; each grid's own weighted rate counts with its households.
    frame = answers(seed=3)
    rolled = ru.rollup(frame, tree(), period="period", weight="weight", by="households")
    own = frame.assign(ws=frame["weight"] * frame["satisfied"]).groupby(["unit", "item", "period"]).agg(
        w=("weight", "sum"), ws=("ws", "sum"))
    own["rate"] = own["ws"] / own["w"]
    own["H"] = [SIZE[u] for u in own.index.get_level_values("unit")]
    own = own.reset_index()
    rows = [dict(unit=a, item=r.item, period=r.period, H=r.H, Hp=r.H * r.rate)
            for r in own.itertuples() for a in chain(r.unit)]
    expected = pd.DataFrame(rows).groupby(["unit", "item", "period"]).sum()
    got = indexed(rolled).loc[expected.index]
    np.testing.assert_allclose(got["rate"], expected["Hp"] / expected["H"], rtol=1e-12)
    np.testing.assert_allclose(got["weight"], expected["H"], rtol=1e-12)
    assert rolled.attrs["massline.rollup"]["by"] == "households"
    # A unit answered for directly has no households of its own: loud error.
    direct = pd.DataFrame({"unit": ["V1"], "item": ["overall"], "satisfied": [1]})
    with pytest.raises(massline.InvalidArgument) as err:
        ru.rollup(direct, tree(), by="households")
    assert err.value.code == "rollup.no_unit_size"


def test_wide_layout_equals_long_layout():
    rng = np.random.default_rng(4)
    rows = 1500
    items = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]
    wide = pd.DataFrame({"unit": np.array(GRIDS, dtype=object)[rng.integers(0, 6, rows)],
                         "period": rng.integers(2020, 2023, rows), "weight": rng.uniform(0.5, 2, rows)})
    for q in items:
        v = (rng.random(rows) < 0.7).astype(float)
        v[rng.random(rows) < 0.1] = np.nan
        wide[q] = v
    long = wide.melt(id_vars=["unit", "period", "weight"], value_vars=items, var_name="item", value_name="satisfied")
    long["item"] = pd.Categorical(long["item"], categories=items)
    for by in ("respondents", "households"):
        a = ru.rollup_wide(wide, tree(), items, period="period", weight="weight", by=by)
        b = ru.rollup(long, tree(), period="period", weight="weight", by=by)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


def test_unit_tree_from_registry_uses_org_ids_and_household_counts():
    r = massline.Registry()
    county = r.add(massline.Organization(code="C", name="C", level=massline.OrgLevel.county))
    grid_a = r.add(massline.Organization(code="A", name="A", level=massline.OrgLevel.grid, parent=county))
    grid_b = r.add(massline.Organization(code="B", name="B", level=massline.OrgLevel.grid, parent=county))
    for code, unit, size in (("H1", grid_a, 3), ("H2", grid_a, 1), ("H3", grid_b, 2)):
        r.add(massline.Household(code=code, unit=unit, size=size))
    t = ru.unit_tree(r)
    assert list(ru.tree_labels(t)) == [county.value, grid_a.value, grid_b.value]
    assert list(t.sizes) == [0.0, 2.0, 1.0]
    assert list(ru.unit_tree(r, measure="people").sizes) == [0.0, 4.0, 2.0]
    assert t.index_of(grid_b) == 2
    # The same tree from the organisations frame.
    orgs = massline.frames.organizations(r)
    t2 = ru.unit_tree(orgs, unit="id", unit_level="level")
    assert list(t2.parents) == list(t.parents)
    assert list(t2.levels) == [1, 4, 4]
    data = pd.DataFrame({"unit": [grid_a.value, grid_a.value, grid_b.value], "item": "overall", "satisfied": [1, 0, 1]})
    rolled = ru.rollup(data, t, by="households")
    top = rolled.loc[rolled["unit"] == county.value].iloc[0]
    assert top["rate"] == pytest.approx((2 * 0.5 + 1 * 1.0) / 3)


def test_unit_tree_errors():
    bad = TREE.assign(parent=TREE["parent"].replace({"V3": "nowhere"}))
    with pytest.raises(KeyError):
        ru.unit_tree(bad)
    with pytest.raises(ValueError, match="unique"):
        ru.unit_tree(pd.concat([TREE, TREE.iloc[[3]]]))
    cyclic = pd.DataFrame({"unit": [0, 1, 2], "parent": [None, 2, 1]})
    with pytest.raises(massline.InvalidArgument) as err:
        ru.unit_tree(cyclic)
    assert err.value.code == "unit_tree.cycle"
    with pytest.raises(massline.InvalidArgument) as err:
        ru.unit_tree(TREE.assign(level=[1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 3]), unit_level="level")
    assert err.value.code == "unit_tree.level_order"
    with pytest.raises(massline.StateError):
        _ = tree().org_ids


def test_rollup_input_errors():
    frame = answers(rows=50)
    with pytest.raises(KeyError, match="nowhere"):
        ru.rollup(frame.assign(unit="nowhere"), tree())
    with pytest.raises(ValueError, match="0/1"):
        ru.rollup(frame.assign(satisfied=2), tree())
    with pytest.raises(massline.InvalidArgument) as err:
        ru.rollup(frame.assign(weight=-1.0), tree(), weight="weight")
    assert err.value.code == "rollup.weight"
    with pytest.raises(massline.InvalidArgument) as err:
        ru.rollup(frame, tree(), confidence=1.5)
    assert err.value.code == "rollup.confidence"
    with pytest.raises(massline.InvalidArgument) as err:
        ru.rollup(frame, tree(), by="people")
    assert err.value.code == "rollup.option"
    # Missing satisfied values are not answers: dropped, not errors.
    holes = frame.assign(satisfied=frame["satisfied"].astype(float))
    holes.loc[holes.index[:10], "satisfied"] = np.nan
    rolled = ru.rollup(holes, tree())
    assert rolled.loc[rolled["unit"] == "C", "n"].sum() == 40
    # Booleans work as satisfied flags.
    flags = ru.rollup(frame.assign(satisfied=frame["satisfied"] == 1), tree())
    pd.testing.assert_frame_equal(flags, ru.rollup(frame, tree()))


def test_result_arrays_are_readonly_views_that_keep_the_result_alive():
    frame = answers(rows=100)
    units = ru._unit_codes(frame["unit"], ru.tree_labels(tree()))
    items, _, _ = ru._factor(frame["item"])
    result = CORE.rollup_long(tree()._impl, units, items, frame["satisfied"].to_numpy(np.uint8), items=3)
    rate = result.rate
    assert not rate.flags.writeable
    with pytest.raises(ValueError):
        rate[0] = 1.0
    assert np.shares_memory(rate, result.rate)
    expected = rate.copy()
    del result
    gc.collect()
    np.testing.assert_array_equal(rate, expected)


def test_threads_give_identical_results_and_run_concurrently():
    frame = answers(rows=200_000, seed=9)
    one = ru.rollup(frame, tree(), period="period", weight="weight", threads=1)
    results = {}

    def work(k):
        results[k] = ru.rollup(frame, tree(), period="period", weight="weight", threads=k)

    workers = [threading.Thread(target=work, args=(k,)) for k in (2, 3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for k in (2, 3):
        pd.testing.assert_frame_equal(results[k], one, check_exact=True)


def test_accountability_point_and_bound_rules():
    frame = answers(seed=5)
    rolled = ru.rollup(frame, tree(), period="period")
    flags = ru.accountability(rolled, 0.8)
    expected = rolled.loc[rolled["rate"] < 0.8]
    pd.testing.assert_frame_equal(flags[rolled.columns], expected.reset_index(drop=True))
    assert set(flags["verdict"]) <= {"flagged"}
    assert (flags["rule"] == "rate < 0.8, n >= 1").all()
    cautious = ru.accountability(rolled, 0.8, basis="upper_bound", min_n=60)
    expected = rolled.loc[(rolled["high"] < 0.8) & (rolled["n"] >= 60)]
    pd.testing.assert_frame_equal(cautious[rolled.columns], expected.reset_index(drop=True))
    everything = ru.accountability(rolled, 0.8, basis="upper_bound", min_n=60, include_all=True)
    assert len(everything) == len(rolled)
    assert (everything.loc[everything["n"] < 60, "verdict"] == "insufficient_sample").all()
    grids = ru.accountability(rolled, 0.8, unit_level=4)
    assert (grids["level"] == 4).all()
    with pytest.raises(massline.InvalidArgument) as err:
        ru.accountability(rolled, 80)
    assert err.value.code == "accountability.threshold"
    with pytest.raises(massline.InvalidArgument):
        ru.accountability(rolled, 0.8, basis="lower")


def test_accountability_matches_the_cpp_report():
    frame = answers(seed=6)
    units = ru._unit_codes(frame["unit"], ru.tree_labels(tree()))
    items, _, _ = ru._factor(frame["item"])
    result = CORE.rollup_long(tree()._impl, units, items, frame["satisfied"].to_numpy(np.uint8), items=3)
    rule = ru.AccountabilityRule(0.8, "upper_bound", 30)
    report = CORE.rollup_assess(result, rule)
    cells = np.flatnonzero(np.asarray(result.n) > 0)
    rows = pd.DataFrame({"n": np.asarray(result.n)[cells], "rate": np.asarray(result.rate)[cells],
                         "low": np.asarray(result.low)[cells], "high": np.asarray(result.high)[cells]})
    verdict = rule.judge_rows(rows["n"].to_numpy(np.uint64), rows["rate"].to_numpy(), rows["high"].to_numpy())
    assert report["rule"] == "upper bound < 0.8, n >= 30"
    assert len(report["flags"]["unit"]) == int((verdict == 1).sum())
    assert report["insufficient"] == int((verdict == -1).sum())
    assert report["judged"] == int((verdict >= 0).sum())


def test_trend_matches_statsmodels():
    # Unit G1: 48/80 satisfied in 2023, 56/70 in 2024 (Newcombe 1998's example).
    def block(period, yes, total):
        return pd.DataFrame({"unit": "G1", "item": "overall", "period": period,
                             "satisfied": [1] * yes + [0] * (total - yes)})
    frame = pd.concat([block("2023", 48, 80), block("2024", 56, 70)], ignore_index=True)
    rolled = ru.rollup(frame, tree(), period="period")
    changes = ru.trend(rolled)
    assert len(changes) == 4  # G1 and its three ancestors
    row = changes.loc[changes["unit"] == "G1"].iloc[0]
    z, p = proportions_ztest([56, 48], [70, 80])
    low, high = confint_proportions_2indep(56, 70, 48, 80, method="newcomb", compare="diff")
    assert row["change"] == pytest.approx(56 / 70 - 48 / 80, abs=1e-15)
    assert row["z"] == pytest.approx(z, abs=1e-12)
    assert row["p_value"] == pytest.approx(p, abs=1e-14)
    assert row["low"] == pytest.approx(low, abs=1e-12)
    assert row["high"] == pytest.approx(high, abs=1e-12)
    assert (row["period_from"], row["period_to"], row["n_from"], row["n_to"]) == ("2023", "2024", 80, 70)
    plain = ru.trend(rolled, newcombe=False)
    assert plain["low"].isna().all()


def test_trend_agrees_with_cpp_trends_including_gaps():
    frame = answers(rows=3000, seed=7, periods=("p0", "p1", "p2", "p3"))
    frame = frame.loc[~((frame["unit"] == "G2") & (frame["period"] == "p1"))]  # a gap
    for bridge in (False, True):
        for min_n in (1, 40):
            rolled = ru.rollup(frame, tree(), period="period", weight="weight")
            mine = ru.trend(rolled, bridge_gaps=bridge, min_n=min_n, confidence=0.9)
            units = ru._unit_codes(frame["unit"], ru.tree_labels(tree()))
            items, item_labels, _ = ru._factor(frame["item"])
            periods, _, _ = ru._factor(frame["period"])
            result = CORE.rollup_long(tree()._impl, units, items, frame["satisfied"].to_numpy(np.uint8), items=3,
                                      weight=frame["weight"].to_numpy(), period=periods, periods=4)
            cpp = pd.DataFrame(CORE.rollup_trends(result, confidence=0.9, bridge_gaps=bridge, min_sample=min_n))
            labels = ru.tree_labels(tree())
            cpp["unit"] = labels.take(cpp["unit"])
            cpp["item"] = item_labels.take(cpp["item"])
            key = ["unit", "item", "period_from"]
            a = mine.assign(item=mine["item"].astype(str), period_from=mine["period_from"].cat.codes.astype(np.int64))
            a = a.sort_values(key).reset_index(drop=True)
            b = cpp.sort_values(key).reset_index(drop=True)
            assert len(a) == len(b) > 0
            for col in ("period_from", "n_from", "n_to"):
                np.testing.assert_array_equal(a[col].to_numpy(np.int64), b[col].to_numpy(np.int64))
            for col in ("change", "z", "p_value", "low", "high"):
                np.testing.assert_allclose(a[col], b[col], rtol=1e-12, atol=1e-15)
            # G2 has no answers in p1: without bridging nothing starts at p0, with it p0 -> p2.
            g2 = a.loc[(a["unit"] == "G2") & (a["period_from"] == 0)]
            if not bridge:
                assert g2.empty
            elif min_n == 1:
                assert len(g2) == 3 and (g2["period_to"].astype(str) == "p2").all()


def test_rank_matches_pandas_min_rank():
    frame = answers(seed=8)
    rolled = ru.rollup(frame, tree(), period="period")
    ranked = ru.rank(rolled)
    expected = rolled.assign(rank=rolled.groupby(["level", "item", "period"], observed=True)["rate"].rank(
        method="min", ascending=False).astype(np.int64))
    merged = ranked.merge(expected, on=["unit", "item", "period"], suffixes=("", "_pandas"))
    assert len(merged) == len(rolled)
    np.testing.assert_array_equal(merged["rank"], merged["rank_pandas"])
    cautious = ru.rank(rolled, by="low", min_n=150)
    expected = rolled.loc[rolled["n"] >= 150]
    expected = expected.assign(rank=expected.groupby(["level", "item", "period"], observed=True)["low"].rank(
        method="min", ascending=False).astype(np.int64))
    merged = cautious.merge(expected, on=["unit", "item", "period"], suffixes=("", "_pandas"))
    assert len(merged) == len(expected) == len(cautious)
    np.testing.assert_array_equal(merged["rank"], merged["rank_pandas"])


def test_red_black_lists():
    frame = answers(seed=10)
    rolled = ru.rollup(frame, tree(), period="period")
    lists = ru.red_black(rolled, red=2, black=1)
    grids = rolled.loc[rolled["level"] == 4]
    for (item, period), group in grids.groupby(["item", "period"], observed=True):
        mine = lists.loc[(lists["level"] == 4) & (lists["item"] == item) & (lists["period"] == period)]
        assert set(mine.loc[mine["list"] == "red", "unit"]) == set(group.nlargest(2, "rate", keep="all")["unit"])
        assert set(mine.loc[mine["list"] == "black", "unit"]) == set(group.nsmallest(1, "rate", keep="all")["unit"])
    lines = ru.red_black(rolled, red_at_least=0.85, black_below=0.7)
    assert ((lines["list"] == "red") == (lines["rate"] >= 0.85)).all()
    assert (lines.loc[lines["list"] == "black", "rate"] < 0.7).all()
    assert len(lines) == int(((rolled["rate"] >= 0.85) | (rolled["rate"] < 0.7)).sum())
    bounded = ru.red_black(rolled, red_at_least=0.85, black_below=0.7, bounds=True)
    assert (bounded.loc[bounded["list"] == "red", "low"] >= 0.85).all()
    assert (bounded.loc[bounded["list"] == "black", "high"] < 0.7).all()
    with pytest.raises(massline.InvalidArgument) as err:
        ru.red_black(rolled, red=2, red_at_least=0.9)
    assert err.value.code == "lists.rule"
    with pytest.raises(massline.InvalidArgument) as err:
        ru.red_black(rolled, red_at_least=0.6, black_below=0.7)
    assert err.value.code == "lists.threshold"


def test_scoring_facade_reexports():
    from massline import scoring
    for name in ru.__all__:
        assert getattr(scoring, name) is getattr(ru, name)


# ---- property tests -------------------------------------------------------------------

@st.composite
def trees_and_answers(draw):
    units = draw(st.integers(1, 25))
    parent = [-1] + [draw(st.integers(-1, i - 1)) for i in range(1, units)]
    size = [draw(st.integers(1, 50)) for _ in range(units)]
    rows = draw(st.integers(0, 300))
    items = draw(st.integers(1, 4))
    periods = draw(st.integers(1, 3))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    data = pd.DataFrame({
        "unit": rng.integers(0, units, rows),
        "item": rng.integers(0, items, rows),
        "period": rng.integers(0, periods, rows),
        "satisfied": (rng.random(rows) < rng.uniform(0, 1)).astype(np.uint8),
        "weight": rng.uniform(0.1, 5.0, rows),
    })
    return parent, size, data


def pooled_oracle(parent, data):
    rows = []
    for r in data.itertuples():
        u = r.unit
        while u >= 0:
            rows.append((u, r.item, r.period, r.satisfied, r.weight))
            u = parent[u]
    e = pd.DataFrame(rows, columns=["unit", "item", "period", "satisfied", "weight"])
    e["ws"] = e["satisfied"] * e["weight"]
    return e.groupby(["unit", "item", "period"]).agg(n=("satisfied", "size"), w=("weight", "sum"), ws=("ws", "sum"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees_and_answers(), st.sampled_from(["respondents", "households"]), st.booleans())
def test_properties(case, by, weighted):
    parent, size, data = case
    t = CORE.UnitTree.from_parents(np.array(parent, dtype=np.int64), None, np.array(size, dtype=np.float64))
    rolled = ru.rollup(data, t, period="period", weight="weight" if weighted else None, by=by)
    if len(data) == 0:
        assert rolled.empty
        return
    # Rates and bounds are probabilities and the interval contains the estimate.
    assert ((rolled["rate"] >= 0) & (rolled["rate"] <= 1)).all()
    assert ((rolled["low"] >= 0) & (rolled["low"] <= rolled["rate"])).all()
    assert ((rolled["high"] <= 1) & (rolled["high"] >= rolled["rate"])).all()
    assert (rolled["n_eff"] <= rolled["n"] * (1 + 1e-12)).all()
    key = rolled.assign(item=rolled["item"].astype(np.int64), period=rolled["period"].astype(np.int64)).set_index(
        ["unit", "item", "period"])
    oracle_frame = pooled_oracle(parent, data)
    got = key.loc[oracle_frame.index]
    assert len(key) == len(oracle_frame)
    # Parents consistent with children: counts add up; pooled rate with respondent weighting.
    np.testing.assert_array_equal(got["n"], oracle_frame["n"])
    if by == "respondents":
        w = oracle_frame["w"] if weighted else oracle_frame["n"]
        ws = oracle_frame["ws"] if weighted else pooled_oracle(parent, data.assign(weight=1.0))["ws"]
        np.testing.assert_allclose(got["rate"], ws / w, rtol=1e-11, atol=1e-15)
    else:
        # A household-weighted parent rate is a weighted mean of its own and children's rates,
        # so it lies between their smallest and largest.
        own = data.groupby(["unit", "item", "period"]).size()
        for (u, i, p), row in key.iterrows():
            parts = [key.loc[(c, i, p), "rate"] for c in range(len(parent)) if parent[c] == u and (c, i, p) in key.index]
            if (u, i, p) in own.index:
                ws_own = data.loc[(data["unit"] == u) & (data["item"] == i) & (data["period"] == p)]
                w = ws_own["weight"] if weighted else pd.Series(1.0, index=ws_own.index)
                parts.append((w * ws_own["satisfied"]).sum() / w.sum())
            assert min(parts) - 1e-12 <= row["rate"] <= max(parts) + 1e-12
