"""Indicator systems as JSON files: save/load, to_json/from_json, pickling through the same
format, the example file against the same system built in code, and located errors."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import massline
from massline import scoring

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sandiego_indicators.json"


def _system() -> scoring.IndicatorSystem:
    s = scoring.IndicatorSystem("overall")
    service = s.add_group(s.root, "service")
    work = s.add_group(s.root, "work")
    s.add_leaf(service, "satisfaction", key="Q1")
    s.add_leaf(service, "visits", source="objective_metric", normalization="bounds", lower=0, upper=1, key="cover")
    s.add_leaf(work, "pledges", source="objective_metric", normalization="minmax", tie_score=50.0)
    s.add_leaf(work, "delay", source="objective_metric", normalization="minmax", direction="cost")
    s.set_ahp_weights(s.root, [[1, 2], [1 / 2, 1]], random_index="alonso_lamata2006")
    s.set_fixed_weights(service, [0.7, 0.3])
    s.set_combined_weights(work, pairwise=[[1, 3], [1 / 3, 1]], combination="linear", alpha=0.4,
                           normalization="minmax", random_index=[0, 0, 0.5])
    return s


_VALUES = pd.DataFrame({"satisfaction": [80.0, 60.0, 90.0], "visits": [0.9, 0.5, 0.7], "pledges": [3.0, 5.0, 1.0],
                        "delay": [2.0, 9.0, 4.0]})


def _assert_same(a: scoring.IndicatorSystem, b: scoring.IndicatorSystem) -> None:
    assert a.node_names == b.node_names and a.leaf_names == b.leaf_names
    x, y = a.evaluate(_VALUES), b.evaluate(_VALUES)
    pd.testing.assert_frame_equal(x.scores, y.scores, check_exact=True)
    pd.testing.assert_frame_equal(x.weights, y.weights, check_exact=True)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    s = _system()
    path = tmp_path / "appraisal.json"
    s.save(path)
    back = scoring.IndicatorSystem.load(path)
    assert type(back) is scoring.IndicatorSystem  # the pandas facade, with evaluate()
    _assert_same(s, back)
    assert path.read_text() == s.to_json()
    back2 = scoring.IndicatorSystem.load(str(path))  # str paths too
    assert back2.to_json() == s.to_json()


def test_to_json_is_plain_json_and_from_json_reads_it() -> None:
    s = _system()
    document = json.loads(s.to_json())
    assert document["format"] == "massline.indicator_system" and document["version"] == 1
    assert [n["name"] for n in document["nodes"]] == s.node_names
    assert document["nodes"][1]["weighting"] == {"kind": "fixed", "weights": [0.7, 0.3]}
    assert document["nodes"][4]["leaf"] == {"source": "objective_metric", "key": "cover", "direction": "benefit",
                                            "normalization": "bounds", "lower": 0.0, "upper": 1.0}
    one_line = s.to_json(indent=-1)
    assert "\n" not in one_line
    _assert_same(s, scoring.IndicatorSystem.from_json(one_line))
    # Text written by the standard json module reads the same.
    _assert_same(s, scoring.IndicatorSystem.from_json(json.dumps(document)))


def test_pickle_goes_through_the_file_format_and_keeps_half_built_systems() -> None:
    s = _system()
    _assert_same(s, pickle.loads(pickle.dumps(s)))
    half = scoring.IndicatorSystem("root")
    half.add_group(half.root, "empty group")
    back = pickle.loads(pickle.dumps(half))
    assert back.node_names == ["root", "empty group"]
    with pytest.raises(massline.InvalidArgument, match="group has no children"):
        back.check()
    blank = scoring.IndicatorSystem.__new__(scoring.IndicatorSystem)  # as pickle does
    with pytest.raises(massline.InvalidArgument, match="pickle.state"):
        blank.__setstate__((1, []))


def test_example_file_matches_the_system_built_in_code() -> None:
    groups = {
        "safety": ["Q2_1", "Q2_2", "Q3_11"],
        "infrastructure": ["Q3_8", "Q3_13", "Q3_15"],
        "government": ["Q2_3", "Q2_6", "Q2_7", "Q3_2", "Q3_3"],
    }
    code = scoring.IndicatorSystem("overall")
    nodes = {g: code.add_group(code.root, g) for g in groups}
    for g, items in groups.items():
        for item in items:
            code.add_leaf(nodes[g], item, key=item)
        code.set_entropy_weights(nodes[g])
    code.set_ahp_weights(code.root, [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]], random_index="alonso_lamata2006")
    loaded = scoring.IndicatorSystem.load(EXAMPLE)
    assert loaded.leaf_names == code.leaf_names
    rng = np.random.default_rng(7)
    values = pd.DataFrame(rng.uniform(20, 90, size=(9, 11)), columns=code.leaf_names)
    x, y = code.evaluate(values), loaded.evaluate(values)
    pd.testing.assert_frame_equal(x.scores[code.node_names], y.scores[code.node_names], check_exact=True)
    assert x.ahp["overall"].consistency_ratio == y.ahp["overall"].consistency_ratio  # "1/2" is exactly 1/2


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ('{"format": "massline.indicator_system",\n "version": 1,\n "nodes": [x]}', "indicator_file.syntax",
         "row 3 column '12'"),
        ('{"format": "massline.indicator_system", "version": 1, "nodes": [{"name": "r", "weighing": {}}]}',
         "indicator_file.key", "node 0 'r' field '/nodes/0/weighing'"),
        ('{"format": "massline.indicator_system", "version": 1, "nodes": [{"name": "r"}, '
         '{"name": "a", "parent": "r", "leaf": {"direction": "up"}}]}',
         "indicator_file.value", "node 1 'a' field '/nodes/1/leaf/direction'"),
        ('{"format": "massline.indicator_system", "version": 1, "nodes": [{"name": "r", "weighting": '
         '{"kind": "fixed", "weights": [1]}}, {"name": "a", "parent": "r", "leaf": {}}, '
         '{"name": "b", "parent": "r", "leaf": {}}]}',
         "indicator.structure", "node 0 'r' field '/nodes/0'"),
    ],
)
def test_errors_are_located_parse_errors(text: str, code: str, where: str) -> None:
    with pytest.raises(massline.ParseError) as caught:
        scoring.IndicatorSystem.from_json(text, "plan.json")
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.code == code
    assert f"(at plan.json {where}" in str(err) or f"(at plan.json, {where}" in str(err), str(err)


def test_failed_save_keeps_the_old_file_and_bad_paths_say_so(tmp_path: Path) -> None:
    path = tmp_path / "appraisal.json"
    _system().save(path)
    before = path.read_text()
    bad = scoring.IndicatorSystem("root")
    bad.add_leaf(bad.root, "a")
    # A value the file cannot hold is refused when set (so a save cannot meet it).
    with pytest.raises(massline.InvalidArgument, match="weights.invalid"):
        bad.set_fixed_weights(bad.root, [float("nan")])
    (tmp_path / "taken.json").mkdir()
    with pytest.raises(massline.ParseError, match="indicator_file.io"):
        bad.save(tmp_path / "taken.json")
    assert path.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appraisal.json", "taken.json"]
    with pytest.raises(massline.ParseError, match="indicator_file.io") as caught:
        scoring.IndicatorSystem.load(tmp_path / "absent.json")
    assert str(tmp_path / "absent.json") in str(caught.value)
    with pytest.raises(massline.ParseError, match="indicator_file.io"):
        _system().save(tmp_path / "no" / "such" / "dir.json")
