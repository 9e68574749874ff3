"""massline.report: the appraisal of a period as frames, HTML, JSON and text. Rates are checked
against pandas over the registry's own responses and the intervals against statsmodels'
Wilson interval (an oracle nobody here wrote)."""
from __future__ import annotations

import datetime as d
import json
import os
import pickle
import threading

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import massline as ml
from massline import report

CODES_A = [3, 3, 2, 1, 3, 1]  # grid A: 4 of 6 satisfied (2 and 3 count)
CODES_B = [3, 3, 3, 2, 3]     # grid B: 5 of 5


def build(grid_a_name: str = "Grid A") -> tuple:
    r = ml.Registry()
    O = ml.Organization
    county = r.add(O(code="C", name="County", level=1))
    town = r.add(O(code="T", name="Town", level=2, parent=county))
    village = r.add(O(code="V", name="Village", level=3, parent=town))
    grid_a = r.add(O(code="GA", name=grid_a_name, level=4, parent=village))
    grid_b = r.add(O(code="GB", name="Grid B", level=4, parent=village))
    homes_a = [r.add(ml.Household(code=f"a{i}", unit=grid_a,
                                  categories={ml.HouseholdCategory.four_olds} if i == 0 else set()))
               for i in range(len(CODES_A))]
    homes_b = [r.add(ml.Household(code=f"b{i}", unit=grid_b)) for i in range(len(CODES_B))]
    for homes, grid, codes in ((homes_a, grid_a, CODES_A), (homes_b, grid_b, CODES_B)):
        for home, code in zip(homes, codes):
            r.add(ml.SurveyResponse(respondent=home, target=grid, period=ml.Period.year(2025),
                                    items=[ml.ItemScore(item="overall", score=float(code))]))
    r.add(ml.SurveyResponse(respondent=homes_b[0], target=grid_b, period=ml.Period.year(2024),
                            items=[ml.ItemScore(item="overall", score=1.0)]))
    r.add(ml.Appeal.registered_on(d.date(2025, 12, 1), grid_a))  # Monday; never sorted
    policy = ml.PolicySet.standard()
    return r, policy, {"county": county, "village": village, "grid_a": grid_a, "grid_b": grid_b}


@pytest.fixture(scope="module")
def built():
    return build()


@pytest.fixture(scope="module")
def appraisal(built):
    r, policy, _ = built
    return report.appraise(r, policy, 2025)


def test_rates_match_pandas_and_intervals_match_statsmodels(built, appraisal):
    r, _, units = built
    sat = appraisal.satisfaction
    assert list(sat.columns) == ["unit", "code", "name", "level", "parent", "item", "n", "n_eff", "rate", "low", "high",
                                 "mean_score", "verdict"]
    assert appraisal.has_responses and appraisal.responses == len(CODES_A) + len(CODES_B)
    # The oracle: the registry's own 2025 responses, counted by pandas.
    rows = [(resp.respondent, resp.items[0].score) for resp in r.survey_responses if resp.period == ml.Period.year(2025)]
    homes = ml.frames.households(r).set_index("id")["unit"]
    frame = pd.DataFrame({"unit": [homes[h.value] for h, _ in rows], "ok": [s >= 2 for _, s in rows]})
    by_grid = frame.groupby("unit")["ok"].agg(["sum", "count"])
    for name in ("grid_a", "grid_b"):
        unit = units[name].value
        row = sat.loc[sat["unit"] == unit].iloc[0]
        k, n = int(by_grid.loc[unit, "sum"]), int(by_grid.loc[unit, "count"])
        low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
        assert row["n"] == n and row["rate"] == pytest.approx(k / n, abs=1e-12)
        assert row["low"] == pytest.approx(low, abs=1e-9) and row["high"] == pytest.approx(high, abs=1e-9)
    county = sat.loc[sat["unit"] == units["county"].value].iloc[0]
    assert county["n"] == len(frame) and county["rate"] == pytest.approx(frame["ok"].mean())
    assert set(sat["level"]) == {1, 2, 3, 4}  # every level
    # 4/6 < 0.8 (the standard policy's line): grid A alone is under the threshold.
    flagged = appraisal.under_threshold
    assert list(flagged["unit"]) == [units["grid_a"].value]
    assert list(flagged["verdict"]) == ["flagged"]
    assert appraisal.threshold == ml.PolicySet.standard().satisfaction_threshold


def test_threshold_comes_from_the_policy(built):
    r, policy, _ = built
    lenient = ml.PolicySet.standard()
    lenient.satisfaction_threshold = 0.6
    assert len(report.appraise(r, lenient, 2025).under_threshold) == 0
    assert len(report.appraise(r, policy, 2025, basis="upper_bound").under_threshold) == 0  # 4/6's bound is above 0.8


def test_lists_coverage_gaps_overdue_and_compliance(built):
    r, policy, units = built
    a = report.appraise(r, policy, 2025, list_level=4, red_count=1, black_count=1)
    lists = a.lists
    assert list(lists["list"]) == ["red", "black"]
    assert list(lists["unit"]) == [units["grid_b"].value, units["grid_a"].value]
    cov = a.coverage
    assert list(cov["households"]) == [len(CODES_A), len(CODES_B)] and list(cov["covered"]) == [0, 0]
    assert (cov["share"] == 0).all()
    gaps = a.must_visit_gaps
    assert list(gaps["household_code"]) == ["a0"] and list(gaps["rule"]) == ["visit.five_must_visit"]
    assert a.must_visit_categories and "four_olds" in a.must_visit_categories
    assert len(a.must_visit_unpaired) == 1
    # The standard set has no appeal deadlines: nothing is overdue. With sorting due one working
    # day after Monday 2025-12-01 (Tuesday 12-02), by Wednesday 12-31 the appeal is 29 calendar
    # and 21 working days late (Dec 3-5, 8-12, 15-19, 22-26, 29-31).
    assert a.overdue.empty
    timed = ml.PolicySet.parse_toml(policy.to_toml() + '\n[[deadlines]]\nname = "sort.any"\nstage = "sorted"\n'
                                                       'working_days = 1\n')
    overdue = report.appraise(r, timed, 2025).overdue
    assert list(overdue["stage"]) == ["sorted"] and list(overdue["days_overdue"]) == [29]
    assert list(overdue["working_days_overdue"]) == [21] and list(overdue["unit_name"]) == ["Grid A"]
    assert overdue["due"].iloc[0] == pd.Timestamp(2025, 12, 2)
    assert report.appraise(r, timed, 2025, as_of=d.date(2025, 12, 2)).overdue.empty
    comp = a.compliance
    assert len(comp) == 5 and (comp["compliant"] <= comp["subjects"]).all()
    assert a.summary["must_visit_gaps"] == 1 and a.summary["households"] == len(CODES_A) + len(CODES_B)


def test_no_survey_in_the_period_is_flagged(built):
    r, policy, _ = built
    a = report.appraise(r, policy, ml.Period.year(2023))
    assert not a.has_responses and a.responses == 0
    assert a.satisfaction.empty and a.under_threshold.empty and a.lists.empty
    assert "本期没有群众满意度问卷" in a.to_html()
    assert "No survey responses in this period" in a.to_html(lang="en")
    assert json.loads(a.to_json())["survey"]["has_responses"] is False


def test_json_is_stable_and_documented(appraisal):
    doc = json.loads(report.to_json(appraisal))
    assert list(doc) == ["format", "version", "period", "as_of", "policy", "confidence", "basis", "min_sample", "scale",
                         "survey", "satisfaction", "under_threshold", "lists", "coverage", "overdue_appeals", "compliance"]
    assert doc["format"] == "massline.appraisal" and doc["version"] == 1
    assert doc["as_of"] == "2025-12-31" and doc["policy"]["threshold"] == 0.8
    assert len(doc["satisfaction"]) == len(appraisal.satisfaction)
    assert report.appraisal_json(appraisal) == appraisal.to_json()


def test_html_escapes_and_is_self_contained():
    r, policy, _ = build("<script>alert('x')</script>")
    a = report.appraise(r, policy, 2025, list_level=4)
    for lang in ("zh", "en"):
        html = report.to_html(a, lang=lang)
        assert "<script" not in html and "&lt;script&gt;" in html
        for outside in ("http://", "https://", "src=", "href=", "<link", "url("):
            assert outside not in html
    assert "各单位满意度" in a.to_html() and "Satisfaction by unit" in a.to_html("en")
    assert "满意度" not in a.to_html("en")


def test_write_html_atomically_and_located_errors(appraisal, tmp_path):
    path = tmp_path / "报告.html"
    report.write_html(appraisal, path, lang="en")
    assert path.read_text(encoding="utf-8") == appraisal.to_html("en")
    appraisal.write_html(str(path))  # replaced whole
    assert path.read_text(encoding="utf-8") == appraisal.to_html()
    with pytest.raises(ml.ParseError) as e:
        report.write_appraisal_html(appraisal, tmp_path / "missing" / "r.html")
    assert e.value.code == "report.write" and "missing" in str(e.value)
    if os.name == "posix":  # a file name that is not UTF-8
        odd = os.fsencode(str(tmp_path)) + b"/bad\xff.html"
        report.write_html(appraisal, odd)
        assert os.path.exists(odd)


def test_bad_arguments(built, appraisal):
    r, policy, _ = built
    with pytest.raises(ml.InvalidArgument) as e:
        report.appraise(r, policy, 2025, as_of=d.date(2024, 1, 1))
    assert e.value.code == "appraisal.as_of"
    with pytest.raises(ml.InvalidArgument) as e:
        report.appraise(r, policy, 2025, items=["overall", "parking"])
    assert e.value.code == "appraisal.item" and "parking" in str(e.value)
    for bad in ({"confidence": float("nan")}, {"confidence": 1.0}, {"list_level": 0}, {"min_sample": 0},
                {"basis": "bound"}, {"items": ["a", "a"]}):
        with pytest.raises(ml.InvalidArgument) as e:
            report.appraise(r, policy, 2025, **bad)
        assert e.value.code == "appraisal.options", bad
    for bad in ({"red_count": 2**70}, {"list_level": 3.0}, {"min_sample": -1}, {"items": "overall"},
                {"as_of": d.datetime(2025, 1, 1, 12)}):
        with pytest.raises(TypeError):
            report.appraise(r, policy, 2025, **bad)
    with pytest.raises(TypeError):
        report.appraise(policy, r, 2025)
    with pytest.raises(ml.InvalidArgument):
        report.appraise(r, policy, 10**30)
    with pytest.raises(ml.InvalidArgument) as e:
        report.to_html(appraisal, lang="fr")
    assert e.value.code == "report.language"
    with pytest.raises(TypeError):
        report.to_html("not an appraisal")


def test_appraisal_is_a_read_only_result(appraisal):
    with pytest.raises(TypeError):
        pickle.dumps(appraisal)
    blank = report.Appraisal.__new__(report.Appraisal)
    with pytest.raises(ml.StateError):
        blank.to_html()
    with pytest.raises(TypeError):
        ml._core.io.Appraisal()
    assert "Appraisal(period=2025" in repr(appraisal)


def test_threads_share_an_appraisal(appraisal):
    expected = {lang: appraisal.to_html(lang) for lang in ("zh", "en")}
    results, errors = [], []

    def work(lang: str) -> None:
        try:
            for _ in range(20):
                results.append(report.to_html(appraisal, lang) == expected[lang])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(lang,)) for lang in ("zh", "en", "zh", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 80 and all(results)


def test_frame_types(appraisal):
    sat = appraisal.satisfaction
    assert sat["unit"].dtype == np.int64 and sat["rate"].dtype == np.float64
    assert isinstance(appraisal.as_of, d.date) and appraisal.period == ml.Period.year(2025)
    assert appraisal.overdue["due"].dtype.kind == "M"
