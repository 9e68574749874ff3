"""Raw pybind11 cast failures (issue 14, item 9, binding side): a value that does not convert
is a located massline error naming the argument, or a TypeError, never pybind11's RuntimeError
"Unable to cast"."""

from __future__ import annotations

import pytest

_SYSTEM = "S = massline._core.scoring.IndicatorSystem('root')\n"


@pytest.mark.parametrize("call", [
    "S.add_group(-1, 'g')", "S.add_leaf(-5, 'x')", "S.add_group(2**70, 'g')", "S.add_group(7, 'g')",
    "S.name(-1)", "S.children(99)", "S.is_leaf(-1)", "S.parent(10**30)", "S.set_equal_weights(-1)",
    "S.leaf_key(3)",
])
def test_node_numbers_out_of_range_name_the_argument(refused, call):
    result = refused(_SYSTEM + call, "indicator.unknown")
    assert result.error_type == "NotFound"


@pytest.mark.parametrize("call", ["S.add_group(1.5, 'g')", "S.add_group(None, 'g')", "S.add_group(True, 'g')",
                                  "S.name([0])"])
def test_node_references_of_the_wrong_type_are_type_errors(hostile, call):
    result = hostile(_SYSTEM + f"""
try:
    {call}
except TypeError as e:
    print("TypeError", "'node'" in str(e) or "'parent'" in str(e))
""")
    assert result.stdout == "TypeError True"


def test_numpy_integers_and_names_still_name_nodes(hostile):
    result = hostile(_SYSTEM + """
import numpy as np
g = S.add_group(np.int64(0), "g")
S.add_leaf("g", "x")
print(S.name(np.uint8(g)), S.children("root"))
""")
    assert result.stdout == "g [1]"


def test_pandas_nat_is_an_unset_date_and_other_odd_dates_are_refused(hostile):
    result = hostile("""
import datetime, pandas as pd, numpy as np
print(massline.Pairing(start=pd.NaT).start)
for bad in (float("nan"), np.datetime64("NaT"), "2024-01-01", pd.Timestamp("2024-01-01 10:00")):
    try:
        massline.Pairing(start=bad)
    except TypeError:
        continue
    print("accepted", repr(bad))
try:
    massline.Period(pd.NaT, datetime.date(2024, 1, 1))
except massline.InvalidArgument as e:
    print(e.code)
""")
    assert result.stdout == "None\nperiod.invalid"


@pytest.mark.parametrize("cls, state", [
    ("massline.OrgId", "()"), ("massline.OrgId", "(1, 2)"), ("massline.Problem", "('a',)"),
    ("massline.HouseholdCategories", "()"), ("massline.RandomStream", "((1, 2),)"),
])
def test_pickled_states_of_the_wrong_length_are_refused(refused, cls, state):
    refused(f"C = {cls}\nC.__new__(C).__setstate__({state})", "pickle.state")


@pytest.mark.parametrize("cls, state", [
    ("massline.OrgId", "('x',)"), ("massline.Problem", "(1, 2, 3)"), ("massline.Period", "('a', 1, 2)"),
])
def test_pickled_items_of_the_wrong_type_are_type_errors(hostile, cls, state):
    result = hostile(f"""
C = {cls}
try:
    C.__new__(C).__setstate__({state})
except TypeError:
    print("TypeError")
""")
    assert result.stdout == "TypeError"


def test_flags_take_true_or_false_and_nothing_else(hostile):
    # A flag given None, a number, a string or an array is a TypeError, never its truthiness
    # (pybind11's own bool conversion would take all of them); numpy's bools are flags too.
    result = hostile(_ROLLUP_FLAGS + """
import numpy as np
from massline import scoring
calls = {
    "Household": lambda v: massline.Household(party_household=v),
    "Household.party_household": lambda v: setattr(massline.Household(), "party_household", v),
    "Organization": lambda v: massline.Organization(has_service_station=v),
    "Member.capable_of_helping": lambda v: setattr(massline.Member(), "capable_of_helping", v),
    "ItemScore": lambda v: massline.ItemScore(item="x", score=1.0, dont_know=v),
    "proportion_interval": lambda v: scoring.proportion_interval(5, 10, "wald", 0.95, v),
    "PlsOptions.standardize": lambda v: setattr(massline._core.scoring.PlsOptions(), "standardize", v),
    "topsis": lambda v: scoring.topsis(np.eye(2) + 1, np.array([0.5, 0.5]), [v, True]),
    "rank": lambda v: ru.rank(rolled, ascending=v),
    "red_black": lambda v: ru.red_black(rolled, red=1, bounds=v),
    "trend": lambda v: ru.trend(rolled, newcombe=v),
}
for name, call in calls.items():
    for good in (True, False, np.True_):
        call(good)
    for bad in (None, 0, 1, 0.5, "yes", np.array([True]), np.int64(1)):
        try:
            call(bad)
        except TypeError:
            continue
        print("accepted", name, repr(bad))
print("done")
""")
    assert result.stdout == "done"


_ROLLUP_FLAGS = """
import numpy as np, pandas as pd
from massline import _rollup as ru
tree = ru.unit_tree(pd.DataFrame({"unit": ["C", "G1", "G2"], "parent": [None, "C", "C"], "level": [1, 2, 2]}),
                    unit_level="level")
frame = pd.DataFrame({"unit": ["G1", "G2"] * 10, "item": "a", "satisfied": [1, 0, 1, 1] * 5,
                      "period": [2024] * 10 + [2025] * 10})
rolled = ru.rollup(frame, tree, period="period")
"""


@pytest.mark.parametrize("call", [
    "massline.compliance.check(R, P, 2**70)", "massline.compliance.check_pledges(R, P, -2**40)",
    "massline.points.build_points_ledger(R, P, 2**62)",
    "massline.appeals.appeal_metrics(R, P, massline.WorkCalendar(), np.int64(2**40))",
])
def test_a_year_too_large_for_any_calendar_is_a_located_error(refused, call):
    result = refused("import numpy as np\nR = massline.synth.generate('quyuan', seed=0)\n"
                     "P = massline.PolicySet.standard()\n" + call, "date.invalid")
    assert result.error_type == "InvalidArgument"
