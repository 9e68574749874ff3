"""massline.sim: the fixed entry points, determinism across thread counts, conservation of
appeals, the satisfaction decay and the handling-time distribution against docs/simulation.md,
and located errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import massline as ml
import massline.sim as sim
from massline import PolicySet


@pytest.fixture(scope="module")
def county() -> sim.Scenario:
    return sim.Scenario.preset("county", seed=7, households=1500, report_level=2, strategy="random")


def test_frame_is_tidy(county):
    frame = sim.run(county, replications=2, seed=1, threads=1)
    assert list(frame.columns) == ["replication", "unit", "period", "metric", "value"]
    assert list(frame["metric"].cat.categories) == list(sim.METRICS)
    assert list(frame["period"].cat.categories) == county.periods
    assert county.periods[0] == "2024-01" and county.periods[-1] == "all" and len(county.periods) == 13
    assert sorted(frame["replication"].unique()) == [0, 1]
    assert frame["unit"].nunique() == county.units
    assert len(frame) == 2 * 13 * county.units * len(sim.METRICS)
    wide = frame.pivot_table(index=["replication", "unit", "period"], columns="metric", values="value", observed=True)
    assert {"satisfaction", "coverage", "appeals_raised"} <= set(wide.columns)
    households = frame[frame.metric == "households"].groupby(["replication", "period"], observed=True)["value"].sum()
    assert (households == county.households).all()
    sat = frame[frame.metric == "satisfaction"]["value"]
    assert ((sat >= 0) & (sat <= 1)).all()


def test_identical_whatever_the_thread_count(county):
    one = sim.run(county, replications=4, seed=11, threads=1)
    two = sim.run(county, replications=4, seed=11, threads=2)
    again = sim.run(county, replications=4, seed=11, threads=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    pd.testing.assert_frame_equal(two, again, check_exact=True)
    other = sim.run(county, replications=4, seed=12, threads=2)
    assert not one["value"].equals(other["value"])


def test_conservation_every_day_and_per_unit_every_month():
    scenario = sim.Scenario.preset("county", seed=3, households=1500, report_level=3, other_channel_appeals=2,
                                   strategy="need_first")
    frame, appeals = sim._run_checked(scenario, replications=2, seed=5, threads=2)  # the daily check throws if broken
    months = frame[frame.period != "all"]
    flows = months.pivot_table(index=["replication", "unit", "period"], columns="metric", values="value", observed=True)
    cumulative = flows.groupby(level=["replication", "unit"])[["appeals_raised", "appeals_resolved", "appeals_dropped"]].cumsum()
    np.testing.assert_array_equal(cumulative["appeals_raised"],
                                  cumulative["appeals_resolved"] + cumulative["appeals_dropped"] + flows["appeals_pending"])
    assert cumulative["appeals_raised"].sum() > 100
    totals = frame[frame.period == "all"].groupby("metric", observed=True)["value"].sum()
    counts = appeals["outcome"].value_counts()
    assert totals["appeals_raised"] == len(appeals)
    assert totals["appeals_resolved"] == counts.get(1, 0)
    assert totals["appeals_dropped"] == counts.get(2, 0)
    assert totals["appeals_pending"] == counts.get(0, 0)


def test_decay_without_contacts_follows_the_closed_form():
    # No field days, no campaigns, no needs: s(t) = b + (1 - d)^t (s0 - b), read at each month's end.
    scenario = sim.Scenario.preset("county", seed=1, households=500, field_day_compliance=0, campaigns=0,
                                   other_channel_appeals=0, appeal_per_contacted_household=0,
                                   initial_satisfaction=0.3, baseline_satisfaction=0.75, decay_rate=0.015)
    frame = sim.run(scenario, replications=1, seed=0, threads=1)
    sat = frame[(frame.metric == "satisfaction") & (frame.period != "all")]
    ends = pd.to_datetime(sat["period"].astype(str)) + pd.offsets.MonthEnd(0)
    days = (ends - pd.Timestamp("2024-01-01")).dt.days + 1
    expected = 0.75 + (1 - 0.015) ** days * (0.3 - 0.75)
    np.testing.assert_allclose(sat["value"].to_numpy(), expected.to_numpy(), rtol=0, atol=1e-6)
    assert frame[frame.metric == "visits"]["value"].sum() == 0


def test_resolution_time_follows_the_documented_distribution():
    # Success 1 at the grid, no deadline in reach: T = max(1, ceil(X)), X lognormal(median m, sd s).
    registry = ml.synth.generate("county", seed=2, households=400, contacts=False, appeals=False)
    m, s = 4.0, 0.6
    scenario = sim.Scenario.from_registry(registry, PolicySet.standard(), other_channel_appeals=3,
                                          appeal_per_contacted_household=0, success_grid=1, feedback_delay_median=m,
                                          feedback_delay_sigma=s, appeal_due_days=3650, days=730)
    _, appeals = sim._run_checked(scenario, replications=2, seed=8, threads=2)
    early = appeals[appeals.raised < 365]
    assert (early.outcome == 1).all() and (early.escalations == 0).all() and (early.level == 4).all()
    times = (early.closed - early.raised).to_numpy(dtype=float)
    n = len(times)
    assert n > 1000
    cdf = lambda k: 0.5 * math.erfc(-(math.log(k) - math.log(m)) / s / math.sqrt(2))  # noqa: E731
    for k in (1, 2, 4, 7, 12):
        p = cdf(k)
        assert abs((times <= k).mean() - p) < 4.5 * math.sqrt(p * (1 - p) / n) + 1e-9, k
    mean = 1 + sum(1 - cdf(k) for k in range(1, 2000))
    assert abs(times.mean() - mean) < 4.5 * times.std() / math.sqrt(n)


def test_from_registry_and_levers():
    registry = ml.synth.generate("county", seed=2, households=800)
    scenario = sim.Scenario.from_registry(registry, PolicySet.standard(), campaigns=4, decay_rate=0.02,
                                          strategy=sim.Strategy.must_visit_first)
    assert scenario.households == 800 and scenario.members > 0
    assert scenario.strategy == sim.Strategy.must_visit_first
    values = scenario.values()
    assert values["campaigns"] == 4 and values["decay_rate"] == 0.02
    names = [info.name for info in sim.parameters()]
    assert len(names) == len(set(names))
    assert set(sim.lever_names()) <= set(names)
    synth_sources = {info.name: info.source for info in ml.synth.parameters()}
    for info in sim.parameters():
        if info.name in sim.lever_names():
            assert info.source == synth_sources[info.name]
    assert "Scenario(households=800" in repr(scenario)
    units = scenario.units_frame()
    assert list(units.columns) == ["unit", "code", "name", "level"] and len(units) == scenario.units == 1
    root = next(o for o in registry.organizations if o.level == 1)
    assert units.loc[0, "unit"] == int(root.id) and units.loc[0, "code"] == root.code and units.loc[0, "level"] == 1


@pytest.mark.parametrize("params, code, text", [
    ({"decay_rat": 0.1}, "sim.unknown_parameter", "did you mean 'decay_rate'"),
    ({"decay_rate": 2.0}, "sim.bad_parameter", "decay_rate"),
    ({"days": 10.5}, "sim.bad_parameter", "whole number"),
    ({"must_visit_compliance": -1}, "synth.bad_parameter", "must_visit_compliance"),
    ({"households": 100}, "sim.bad_parameter", "households"),
    ({"strategy": "loudest_first"}, "sim.bad_parameter", "need_first"),
])
def test_bad_parameters_are_located(params, code, text):
    registry = ml.synth.generate("quyuan", seed=1, contacts=False, appeals=False)
    with pytest.raises(ml.InvalidArgument) as info:
        sim.Scenario.from_registry(registry, PolicySet.standard(), **params)
    assert info.value.code == code
    assert text in str(info.value)


def test_bad_arguments():
    with pytest.raises(TypeError):
        sim.Scenario.preset("county", seed=0, households="many")
    with pytest.raises(TypeError):
        sim.Scenario.preset("county", seed=0, calendar="weekdays")
    with pytest.raises(ml.InvalidArgument) as info:
        sim.Scenario.preset("atlantis")
    assert info.value.code == "synth.unknown_preset"
    with pytest.raises(TypeError):
        sim.Scenario()
    scenario = sim.Scenario.preset("county", seed=0, households=200)
    with pytest.raises(ml.InvalidArgument) as info:
        sim.run(scenario, replications=0)
    assert info.value.code == "sim.run_options"
    with pytest.raises(TypeError):
        sim.run(scenario, replications=True)
    with pytest.raises(TypeError):
        sim.run("scenario", replications=1)
    with pytest.raises(TypeError):
        scenario.with_params(decay_rate="fast")


def test_year_end_survey_and_accountability():
    # Constant satisfaction 0.7, no error, cut 0.75: nobody is satisfied, every unit is accountable.
    scenario = sim.Scenario.preset("county", seed=1, households=600, report_level=2, field_day_compliance=0, campaigns=0,
                                   other_channel_appeals=0, appeal_per_contacted_household=0, initial_satisfaction=0.7,
                                   baseline_satisfaction=0.7, survey_noise=0, satisfied_cut=0.75, survey_sample=10**6)
    frame = sim.run(scenario, replications=1, seed=0, threads=1)
    final = frame[frame.period == "all"].pivot_table(index="unit", columns="metric", values="value", observed=True)
    assert (final["survey_respondents"] == final["households"]).all()
    assert (final["survey_satisfied"] == 0).all() and (final["accountable"] == 1).all()
    months = frame[(frame.period != "all") & (frame.metric == "accountable")]
    assert months["value"].isna().all()


def test_optimal_pairing_lever():
    registry = ml.synth.generate("county", seed=4, households=1500, assistance_coverage=0.0, contacts=False, appeals=False)
    plain = sim.Scenario.from_registry(registry, PolicySet.standard())
    paired = sim.Scenario.from_registry(registry, PolicySet.standard(), optimal_pairing=True)
    assert paired.values()["optimal_pairing"] == 1
    assert paired.members >= plain.members
    visits = lambda s: sim.run(s, 1, seed=3, threads=1).query("metric == 'visits' and period == 'all'")["value"].sum()  # noqa: E731
    assert visits(paired) > visits(plain)


def test_runs_from_several_python_threads(county):
    # The GIL is released while running (a Scenario is immutable): concurrent runs give the
    # sequential answer.
    from concurrent.futures import ThreadPoolExecutor

    expected = sim.run(county, replications=2, seed=21, threads=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        frames = list(pool.map(lambda _: sim.run(county, replications=2, seed=21, threads=2), range(4)))
    for frame in frames:
        pd.testing.assert_frame_equal(frame, expected, check_exact=True)


def test_survey_ranks_and_red_black_lists():
    scenario = sim.Scenario.preset("county", seed=5, households=3000, report_level=3, survey_sample=40, red_list=2,
                                   black_list=3)
    frame = sim.run(scenario, replications=2, seed=2, threads=2)
    final = frame[frame.period == "all"].pivot_table(index=["replication", "unit"], columns="metric", values="value",
                                                     observed=True, dropna=False)
    for _, units in final.groupby(level="replication"):
        share = units["survey_satisfied"]
        # competition ranking ("1224"): 1 + the number of units with a larger share
        expected = share.apply(lambda x: 1 + (share > x).sum())
        np.testing.assert_array_equal(units["survey_rank"], expected)
        red = units["list_mark"] == 1
        black = units["list_mark"] == -1
        assert (red == (units["survey_rank"] <= 2)).all()
        worst = share.apply(lambda x: 1 + (share < x).sum())  # rank from the bottom
        assert (black == ((worst <= 3) & ~red)).all()
        assert red.sum() >= 2 and black.sum() >= 3


def test_survey_responses_scored_by_the_scoring_chain_give_the_runs_survey_columns():
    registry = ml.synth.generate("county", seed=11, households=2500)
    scenario = sim.Scenario.from_registry(registry, PolicySet.standard(), report_level=3, survey_sample=40)
    frame = sim.run(scenario, replications=2, seed=3, threads=2)
    responses = sim.survey_responses(scenario, seed=3, replication=1)
    assert responses and all(isinstance(r, ml.SurveyResponse) for r in responses)
    assert {r.items[0].item for r in responses} == {sim.SURVEY_ITEM}
    assert [r.respondent for r in responses] == sorted({r.respondent for r in responses})
    for r in responses:
        registry.add(r)  # the registry's own household and organisation ids
    answers = ml.scoring.survey_answers(registry, sim.survey_scale(), unit="target")
    tree = ml.scoring.unit_tree(registry)
    rolled = ml.scoring.rollup(answers, tree).set_index("unit")
    ours = frame[(frame.replication == 1) & (frame.period == "all")].pivot_table(
        index="unit", columns="metric", values="value", observed=True, dropna=False)
    ours = ours[ours["survey_respondents"] > 0]
    assert len(ours) > 1
    rolled = rolled.loc[ours.index]
    np.testing.assert_array_equal(ours["survey_respondents"], rolled["n"])
    np.testing.assert_array_equal(ours["survey_satisfied"], rolled["rate"])
    np.testing.assert_array_equal(ours["survey_low"], rolled["low"])
    np.testing.assert_array_equal(ours["survey_high"], rolled["high"])
    np.testing.assert_array_equal(ours["accountable"], (rolled["rate"] < 0.8).astype(float))
    with pytest.raises(ml.InvalidArgument, match="replication"):
        sim.survey_responses(scenario, seed=3, replication=-1)
    with pytest.raises(TypeError):
        sim.survey_responses(scenario, seed=3, replication=1.5)


# ---- sweeps -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def short() -> sim.Scenario:
    return sim.Scenario.preset("county", seed=5, households=800, report_level=2, days=60)


def test_sweep_has_runs_columns_and_one_per_lever(short):
    frame = sim.sweep(short, {"decay_rate": [0.01, 0.05], "strategy": ["random", "must_visit_first"]}, replications=2,
                      seed=3, threads=2)
    assert list(frame.columns) == ["decay_rate", "strategy", "replication", "unit", "period", "metric", "value"]
    points = frame[["decay_rate", "strategy"]].drop_duplicates().astype({"strategy": str})
    assert points.values.tolist() == [[0.01, "random"], [0.01, "must_visit_first"], [0.05, "random"],
                                      [0.05, "must_visit_first"]]
    # Each point's rows are exactly a run of the scenario at that point, same seed.
    for decay, strategy in points.values.tolist():
        alone = sim.run(short.with_params(decay_rate=decay, strategy=strategy), replications=2, seed=3, threads=1)
        rows = frame[(frame.decay_rate == decay) & (frame.strategy == strategy)].drop(columns=["decay_rate", "strategy"])
        pd.testing.assert_frame_equal(rows.reset_index(drop=True), alone, check_exact=True)
    one = sim.sweep(short, sim.grid({"decay_rate": [0.01, 0.05], "strategy": ["random", "must_visit_first"]}),
                    replications=2, seed=3, threads=1)
    pd.testing.assert_frame_equal(one, frame, check_exact=True)


def test_empty_grid_is_the_scenario_as_it_is(short):
    pd.testing.assert_frame_equal(sim.sweep(short, {}, replications=2, seed=1, threads=1),
                                  sim.run(short, replications=2, seed=1, threads=1), check_exact=True)


def test_structural_lever_regenerates_the_preset():
    # Wujiagang at 10,000 households: the area split leaves each delegate fewer than 50 households,
    # so the generator tops every delegate up to the quota and the quota changes the population.
    small = sim.Scenario.preset("wujiagang", seed=3, households=10000, report_level=2, days=60)
    frame = sim.sweep(small, {"delegate_contact_households": [20, 60]}, replications=1, seed=0, threads=1)
    assert frame["delegate_contact_households"].dtype == np.int64
    visits = frame[(frame.metric == "visits") & (frame.period == "all")].groupby("delegate_contact_households")["value"].sum()
    assert visits[60] > visits[20]


def test_latin_hypercube_is_seeded_stratified_and_sweepable(short):
    points = sim.latin_hypercube({"decay_rate": (0.0, 0.1), "campaign_households": (1, 9)}, n=10, seed=4)
    assert len(points) == 10
    strata = np.floor(points["decay_rate"].to_numpy() / 0.01).clip(0, 9)
    assert sorted(strata) == list(range(10))
    assert points["campaign_households"].dtype == np.int64
    pd.testing.assert_frame_equal(points, sim.latin_hypercube({"decay_rate": (0.0, 0.1), "campaign_households": (1, 9)},
                                                              n=10, seed=4))
    assert not points.equals(sim.latin_hypercube({"decay_rate": (0.0, 0.1), "campaign_households": (1, 9)}, n=10, seed=5))
    frame = sim.sweep(short, points.head(2), replications=1, seed=0, threads=1)
    assert frame[["decay_rate", "campaign_households"]].drop_duplicates().reset_index(drop=True).equals(points.head(2))


def test_bad_sweeps_raise_located_errors_before_running(short):
    with pytest.raises(ml.InvalidArgument, match="sim.unknown_parameter.*decay_rate") as e:
        sim.sweep(short, {"decay_rat": [0.1]}, replications=1)
    assert e.value.where.field == "decay_rat"
    with pytest.raises(ml.InvalidArgument, match="sim.bad_parameter.*sweep point 1"):
        sim.sweep(short, {"decay_rate": [0.1, 1.5]}, replications=1)
    with pytest.raises(ml.InvalidArgument, match="sim.bad_parameter"):
        sim.sweep(short, {"strategy": ["sideways"]}, replications=1)
    with pytest.raises(ml.InvalidArgument, match="sim.sweep"):
        sim.sweep(short, {"decay_rate": []}, replications=1)
    with pytest.raises(ml.InvalidArgument, match="sim.sweep"):
        sim.latin_hypercube({"decay_rate": (0.2, 0.1)}, n=3)
    with pytest.raises(TypeError):
        sim.sweep(short, {"decay_rate": "0.1"}, replications=1)
    with pytest.raises(TypeError):
        sim.sweep(short, [("decay_rate", [0.1])], replications=1)
    with pytest.raises(TypeError):
        sim.sweep(short, {"decay_rate": [object()]}, replications=1)


def test_scenario_round_trips_through_pickle(short):
    import copy
    import pickle

    again = pickle.loads(pickle.dumps(short))
    assert again.values() == short.values() and again.strategy == short.strategy
    pd.testing.assert_frame_equal(sim.run(again, 2, seed=9, threads=1), sim.run(short, 2, seed=9, threads=1), check_exact=True)
    # A registry scenario carries its own copy of the registry.
    registry = ml.synth.generate("quyuan", seed=2)
    real = sim.Scenario.from_registry(registry, PolicySet.standard(), days=31, strategy="need_first")
    back = copy.deepcopy(real)
    assert back.households == real.households and back.strategy == sim.Strategy.need_first
    pd.testing.assert_frame_equal(sim.run(back, 1, seed=2, threads=1), sim.run(real, 1, seed=2, threads=1), check_exact=True)
    with pytest.raises(ml.InvalidArgument, match="pickle.state"):
        sim.Scenario.__new__(sim.Scenario).__setstate__({"format": "other"})


def test_summarize_gives_a_band_across_replications(short):
    frame = sim.run(short, replications=4, seed=2, threads=2)
    band = sim.summarize(frame, "satisfaction")
    per_rep = frame[(frame.metric == "satisfaction") & (frame.period == "all")].groupby("replication")["value"].mean()
    assert band["n"].item() == 4
    assert band["mean"].item() == pytest.approx(per_rep.mean())
    half = 3.182 * per_rep.std() / 2
    assert band["low"].item() == pytest.approx(per_rep.mean() - half)
    assert band["high"].item() == pytest.approx(per_rep.mean() + half)
    with pytest.raises(ml.InvalidArgument, match="unknown metric"):
        sim.summarize(frame, "happiness")


def test_summarize_clips_bands_to_the_metric_range(short):
    # Two replications: the t band is 12.7 standard errors wide, past what a share or a count can be.
    frame = sim.run(short, replications=2, seed=3, threads=1)
    clipped = 0
    for metric in sim.METRICS:
        low, high = sim.metric_range(metric)
        band = sim.summarize(frame, metric, by=["unit"]).dropna(subset=["low"])
        assert (band["low"] >= low).all() and (band["high"] <= high).all(), metric
        assert (band["low"] <= band["mean"]).all() and (band["mean"] <= band["high"]).all(), metric
        clipped += int(((band["low"] == low) & (band["mean"] > low)).sum() + ((band["high"] == high) & (band["mean"] < high)).sum())
    assert clipped > 0, "no band needed clipping: the test no longer shows the case it guards"
    assert sim.metric_range("coverage") == (0.0, 1.0)
    assert sim.metric_range("survey_rank") == (1.0, float("inf"))
    assert sim.metric_range("list_mark") == (-1.0, 1.0)
    for bad in ("happiness", 3, None):
        with pytest.raises(ml.InvalidArgument, match="unknown metric"):
            sim.metric_range(bad)


def test_progress_callback_sees_every_replication_and_its_errors_surface(short):
    import threading

    seen = []
    lock = threading.Lock()

    def progress(done, total):
        with lock:
            seen.append((done, total))

    frame = sim.run(short, replications=5, seed=1, threads=2, progress=progress)
    assert sorted(seen) == [(i, 5) for i in range(1, 6)]
    pd.testing.assert_frame_equal(frame, sim.run(short, replications=5, seed=1, threads=1), check_exact=True)

    calls = []

    def failing(done, total):
        calls.append(done)
        raise ZeroDivisionError("from the callback")

    with pytest.raises(ZeroDivisionError, match="from the callback"):
        sim.run(short, replications=3, seed=1, threads=2, progress=failing)
    assert len(calls) == 1  # later calls skipped
    with pytest.raises(TypeError):
        sim.run(short, replications=1, progress="yes")
