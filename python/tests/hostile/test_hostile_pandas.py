"""pandas inputs (issue 14, item 12): wherever a Series or DataFrame is accepted, its labels
are honoured or a mismatch is refused (InvalidArgument ``input.labels``, naming the argument and
the labels), never silently used by position. Plain arrays keep meaning "by position"."""

from __future__ import annotations

import pytest

_SYSTEM = """
import pandas as pd, numpy as np, json
from massline import scoring
S = scoring.IndicatorSystem("root")
a = S.add_leaf(S.root, "a")
b = S.add_leaf(S.root, "b")
c = S.add_leaf(S.root, "c")
def weights():
    return json.loads(S.to_json())["nodes"][0]["weighting"]
"""


# ---- mean_interval ------------------------------------------------------------------------------

def test_two_series_are_matched_by_index(hostile):
    result = hostile("""
import pandas as pd
from massline import scoring
v = pd.Series([1.0, 2.0, 9.0], index=["x", "y", "z"])
w = pd.Series([5.0, 1.0, 1.0], index=["z", "x", "y"])          # z weighs 5
by_label = scoring.mean_interval(v, w)
by_hand = scoring.mean_interval([1.0, 2.0, 9.0], [1.0, 1.0, 5.0])
print(by_label.mean == by_hand.mean, round(by_label.mean, 6))
""")
    assert result.stdout == f"True {round((1 + 2 + 45) / 7, 6)}"


@pytest.mark.parametrize("weights", [
    "pd.Series([1.0, 1.0, 1.0], index=['x', 'y', 'q'])",      # q instead of z
    "pd.Series([1.0, 1.0], index=['x', 'y'])",                # z missing
    "pd.Series([1.0, 1.0, 1.0, 1.0], index=['x', 'y', 'z', 'w'])",
    "pd.Series([1.0, 1.0, 1.0], index=['x', 'x', 'z'])",      # duplicate labels
])
def test_mismatched_or_repeated_labels_are_refused(refused, weights):
    result = refused(f"""
import pandas as pd
from massline import scoring
scoring.mean_interval(pd.Series([1.0, 2.0, 9.0], index=["x", "y", "z"]), {weights})
""", "input.labels")
    assert result.error_type == "InvalidArgument"


def test_repeated_labels_in_values_are_refused_and_named(hostile):
    result = hostile("""
import pandas as pd
from massline import scoring
try:
    scoring.mean_interval(pd.Series([1.0, 2.0], index=["dup", "dup"]), pd.Series([1.0, 1.0], index=["dup", "dup"]))
except massline.InvalidArgument as e:
    print(e.code, e.where.field, "'dup'" in e.why)
""")
    assert result.stdout == "input.labels values True"


def test_a_series_with_a_plain_array_is_matched_by_position(hostile):
    result = hostile("""
import pandas as pd, numpy as np
from massline import scoring
v = pd.Series([1.0, 2.0, 9.0], index=["z", "x", "y"])
print(scoring.mean_interval(v, np.array([1.0, 1.0, 5.0])).mean == scoring.mean_interval([1.0, 2.0, 9.0], [1, 1, 5]).mean)
""")
    assert result.stdout == "True"


# ---- indicator-system weights keyed by name -----------------------------------------------------

def test_fixed_weights_as_a_series_or_dict_follow_the_child_names(hostile):
    result = hostile(_SYSTEM + """
S.set_fixed_weights(S.root, pd.Series({"c": 3.0, "a": 1.0, "b": 2.0}))
print(weights()["weights"])
S.set_fixed_weights(S.root, {"b": 5, "c": 6, "a": 4})
print(weights()["weights"])
S.set_fixed_weights(S.root, [7, 8, 9])
print(weights()["weights"])
""")
    assert result.stdout == "[1.0, 2.0, 3.0]\n[4.0, 5.0, 6.0]\n[7.0, 8.0, 9.0]"


@pytest.mark.parametrize("weights", [
    "pd.Series({'a': 1.0, 'b': 2.0})",
    "pd.Series({'a': 1.0, 'b': 2.0, 'c': 3.0, 'd': 4.0})",
    "pd.Series([1.0, 2.0, 3.0], index=['a', 'a', 'b'])",
    "{'a': 1, 'b': 2, 'x': 3}",
])
def test_fixed_weights_with_other_names_are_refused(refused, weights):
    refused(_SYSTEM + f"S.set_fixed_weights(S.root, {weights})", "input.labels")


def test_an_ahp_frame_is_matched_by_row_and_column_names(hostile):
    result = hostile(_SYSTEM + """
names = ["a", "b", "c"]
m = np.array([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]])
S.set_ahp_weights(S.root, m)
plain = weights()["pairwise"]
order = ["c", "a", "b"]
frame = pd.DataFrame(m, index=names, columns=names).loc[order, order]
S.set_ahp_weights(S.root, frame)
print(weights()["pairwise"] == plain)
S.set_combined_weights(S.root, pairwise=frame, fixed=None)
print(weights()["subjective"]["pairwise"] == plain)
""")
    assert result.stdout == "True\nTrue"


@pytest.mark.parametrize("frame", [
    "pd.DataFrame(np.eye(3), index=['a', 'b', 'x'], columns=['a', 'b', 'c'])",
    "pd.DataFrame(np.eye(3), index=['a', 'b', 'c'], columns=['a', 'b', 'b'])",
    "pd.DataFrame(np.eye(2), index=['a', 'b'], columns=['a', 'b'])",
])
def test_an_ahp_frame_with_other_names_is_refused(refused, frame):
    refused(_SYSTEM + f"S.set_ahp_weights(S.root, {frame})", "input.labels")


def test_evaluate_refuses_repeated_leaf_columns(refused):
    refused(_SYSTEM + """
frame = pd.DataFrame([[50.0, 60.0, 70.0, 80.0]], columns=["a", "b", "c", "c"])
S.evaluate(frame)
""", "input.labels")


# ---- frames with repeated column names ----------------------------------------------------------

_TREE = """
import pandas as pd, numpy as np
from massline import scoring
units = pd.DataFrame({"unit": ["T", "A", "B"], "parent": [None, "T", "T"]})
tree = scoring.unit_tree(units)
answers = pd.DataFrame({"unit": ["A", "A", "B", "B"], "item": ["q", "q", "q", "q"], "satisfied": [1, 0, 1, 1]})
"""


@pytest.mark.parametrize("call", [
    "scoring.unit_tree(units.set_axis(['unit', 'unit'], axis=1))",
    "scoring.rollup(answers.set_axis(['unit', 'item', 'item'], axis=1), tree)",
    "scoring.rollup(pd.concat([answers, answers[['satisfied']]], axis=1), tree)",
    "scoring.rollup_wide(pd.DataFrame([['A', 1, 0]], columns=['unit', 'q', 'q']), tree, ['q'])",
    "scoring.accountability(pd.concat([scoring.rollup(answers, tree)] * 2, axis=1), 0.5)",
    "scoring.rank(pd.concat([scoring.rollup(answers, tree)] * 2, axis=1))",
    "scoring.red_black(pd.concat([scoring.rollup(answers, tree)] * 2, axis=1), red=1)",
    "scoring.trend(pd.concat([scoring.rollup(answers, tree)] * 2, axis=1))",
    "scoring.rates(pd.DataFrame([[5, 5]], columns=['q', 'q']), 'q', scoring.ResponseScale.likert(5))",
    "scoring.rake(pd.DataFrame([[1, 1]], columns=['d', 'd']), {'d': {1: 10.0}})",
])
def test_frames_with_repeated_column_names_are_refused(refused, call):
    result = refused(_TREE + call, "input.labels")
    assert result.error_type == "InvalidArgument"


def test_rake_refuses_a_margin_with_repeated_categories(refused):
    refused("""
import pandas as pd
from massline import scoring
scoring.rake(pd.DataFrame({"d": [1, 2]}), {"d": pd.Series([5.0, 5.0], index=[1, 1])})
""", "input.labels")


def test_the_rollup_still_reads_columns_by_name_in_any_order(hostile):
    result = hostile(_TREE + """
a = scoring.rollup(answers, tree)
b = scoring.rollup(answers[["satisfied", "item", "unit"]], tree)
print(a.equals(b))
""")
    assert result.stdout == "True"


# ---- UnitTree.from_parents with Series ---------------------------------------------------------

def test_from_parents_matches_levels_and_sizes_to_the_parent_index(hostile):
    result = hostile("""
import pandas as pd
from massline import scoring
parent = pd.Series([-1, 0, 0], index=["t", "a", "b"])
size = pd.Series([5.0, 0.0, 2.0], index=["b", "t", "a"])     # b has 5, t 0, a 2
tree = scoring.UnitTree.from_parents(parent, size=size)
print(list(tree.sizes))
try:
    scoring.UnitTree.from_parents(parent, size=pd.Series([1.0, 2.0, 3.0], index=["t", "a", "x"]))
except massline.InvalidArgument as e:
    print(e.code, e.where.field)
""")
    assert result.stdout == "[0.0, 2.0, 5.0]\ninput.labels size"


# ---- PathModel.fit weights ----------------------------------------------------------------------

_PLS = """
import numpy as np, pandas as pd
from massline import scoring
rng = np.random.default_rng(1)
n = 60
f1, f2 = rng.normal(size=n), rng.normal(size=n)
frame = pd.DataFrame({"x1": f1 + rng.normal(size=n) * .3, "x2": f1 + rng.normal(size=n) * .3,
                      "y1": f1 + f2 + rng.normal(size=n) * .3, "y2": f1 + f2 + rng.normal(size=n) * .3},
                     index=[f"r{i}" for i in range(n)])
model = scoring.PathModel({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, [("X", "Y")])
w = pd.Series(rng.uniform(0.5, 2.0, size=n), index=frame.index)
"""


def test_fit_weights_as_a_series_are_matched_to_the_frame_rows(hostile):
    result = hostile(_PLS + """
a = model.fit(frame, weights=w).paths
b = model.fit(frame, weights=w.iloc[::-1]).paths
c = model.fit(frame, weights=w.to_numpy()).paths
print(np.allclose(a.to_numpy(), b.to_numpy()), np.allclose(a.to_numpy(), c.to_numpy()))
""")
    assert result.stdout == "True True"


@pytest.mark.parametrize("weights", ["w.rename(lambda s: s + '_')", "w.iloc[1:]",
                                     "pd.Series(w.to_numpy(), index=['r0'] * n)"])
def test_fit_weights_with_other_labels_are_refused(refused, weights):
    refused(_PLS + f"model.fit(frame, weights={weights})", "input.labels")


def test_fit_refuses_repeated_indicator_columns(refused):
    refused(_PLS + "model.fit(frame.set_axis(['x1', 'x1', 'y1', 'y2'], axis=1))", "input.labels")
