"""Values the model cannot hold (issue 14, item 11): refused where they are given, with a
located massline error or a TypeError, never stored, truncated or left for a later load to
trip over. Whatever the API accepts saves and loads back equal."""

from __future__ import annotations

import pytest

_SYSTEM = """
from massline import scoring
S = scoring.IndicatorSystem("root")
a = S.add_leaf(S.root, "a")
b = S.add_leaf(S.root, "b")
"""


# ---- model values ------------------------------------------------------------------------------

@pytest.mark.parametrize("items, code", [
    ("[massline.ItemScore(item='q1', score=float('inf'))]", "model.survey_response"),
    ("[massline.ItemScore(item='q1', score=float('-inf'))]", "model.survey_response"),
    ("[massline.ItemScore(item='q1', score=float('nan'))]", "model.survey_response"),
])
def test_non_finite_item_scores_are_refused_by_check(refused, items, code):
    result = refused(f"massline.SurveyResponse(items={items}).check()", code)
    assert result.error_type == "InvalidArgument"


@pytest.mark.parametrize("weight", ["float('inf')", "float('nan')", "0.0", "-1.0"])
def test_survey_weights_must_be_positive_and_finite(refused, weight):
    refused(f"massline.SurveyResponse(weight={weight}).check()", "model.survey_response")


def test_a_registry_refuses_an_infinite_score_and_stays_as_it_was(hostile):
    result = hostile("""
reg = massline.synth.generate("quyuan", seed=3)
before = len(reg.survey_responses)
hh = next(iter(reg.households))
org = next(iter(reg.organizations))
bad = massline.SurveyResponse(respondent=hh.id, target=org.id,
                              items=[massline.ItemScore(item="q1", score=float("inf"))])
try:
    reg.add(bad)
except massline.InvalidArgument as e:
    print(e.code, len(reg.survey_responses) == before)
""")
    assert result.stdout == "model.survey_response True"


# ---- integers: no float, bool or out-of-range value is truncated ------------------------------

@pytest.mark.parametrize("value", ["1.5", "2.0", "True", "False", "np.float32(2)", "np.float64(3)",
                                   "decimal.Decimal(2)", "fractions.Fraction(4, 2)", "'3'", "2**70"])
def test_integer_fields_refuse_what_is_not_an_int_in_range(hostile, value):
    result = hostile(f"""
import decimal, fractions
import numpy as np
out = []
for build in (lambda v: massline.Household(size=v), lambda v: massline.Organization(level=v),
              lambda v: massline.OrgId(v), lambda v: massline.RandomStream(v)):
    try:
        build({value})
        out.append("accepted")
    except (TypeError, massline.InvalidArgument):
        out.append("refused")
print(out)
""")
    assert result.stdout == str(["refused"] * 4), result.stdout


def test_negative_numbers_get_the_fields_range_error(hostile):
    result = hostile("""
out = []
for build in (lambda: massline.Household(size=-1), lambda: massline.OrgId(-1), lambda: massline.RandomStream(-1)):
    try:
        build()
        out.append("accepted")
    except massline.InvalidArgument as e:
        out.append(e.code)
print(out)
""")
    assert result.stdout == "['model.range', 'id.range', 'random.invalid_argument']"


def test_integer_attributes_refuse_floats_and_bools(hostile):
    result = hostile("""
h = massline.Household(size=3)
for value in (4.0, 4.5, True):
    try:
        h.size = value
        print("accepted", value)
    except TypeError:
        pass
c = massline.Contact(duration_minutes=30)
for value in (30.5, False):
    try:
        c.duration_minutes = value
        print("accepted", value)
    except TypeError:
        pass
print(h.size, c.duration_minutes)
""")
    assert result.stdout == "3 30"


def test_real_integers_still_convert(hostile):
    result = hostile("""
import numpy as np
h = massline.Household(size=np.int64(4))
c = massline.Contact(duration_minutes=np.uint16(30))
o = massline.Organization(level=3)
print(h.size, c.duration_minutes, int(o.level), massline.OrgId(7).value, massline.Household(size=2**16 - 1).size)
""")
    assert result.stdout == "4 30 3 7 65535"


# ---- integer arrays at the numpy boundary -----------------------------------------------------

@pytest.mark.parametrize("parent, argument, index", [
    ("[-1, 0.5]", "parent", 1),
    ("np.array([-1.0, np.nan])", "parent", 1),
    ("np.array([-1.0, np.inf])", "parent", 1),
    ("np.array([-1.0, 0.0, 1e30])", "parent", 2),
    ("np.array([True, False])", "parent", None),
    ("[-1, None]", "parent", 1),
])
def test_integer_arrays_refuse_fractions_nan_and_booleans(refused, parent, argument, index):
    result = refused(f"""
import numpy as np
massline.scoring.UnitTree.from_parents({parent})
""", "input.integer")
    assert result.error_type == "InvalidArgument"


def test_integer_array_errors_name_the_argument_and_the_index(hostile):
    result = hostile("""
import numpy as np
try:
    massline.scoring.UnitTree.from_parents([-1, 0, 0], unit_level=np.array([1.0, 2.0, 2.5]))
except massline.InvalidArgument as e:
    print(e.code, e.where.field, "element 2" in e.why, "2.5" in e.why)
""")
    assert result.stdout == "input.integer unit_level True True"


def test_whole_float_arrays_and_other_integer_dtypes_still_convert(hostile):
    result = hostile("""
import numpy as np
t = massline.scoring.UnitTree.from_parents(np.array([-1.0, 0.0, 0.0]), unit_level=np.array([1, 2, 2], dtype=np.int8))
u = massline.scoring.UnitTree.from_parents(np.array([-1, 0, 1], dtype=np.int32))
print(list(t.parents), list(t.levels), list(u.parents))
""")
    assert result.stdout == "[-1, 0, 0] [1, 2, 2] [-1, 0, 1]"


@pytest.mark.parametrize("n", ["np.array([-1, 5], dtype=np.int64)", "np.array([2.5, 5.0])", "[1, float('nan')]"])
def test_unsigned_counts_refuse_negative_and_fractional_values(refused, n):
    refused(f"""
import numpy as np
from massline._core import scoring as cs
rule = cs.AccountabilityRule(0.8)
rule.judge_rows({n}, np.array([0.5, 0.9]), np.array([0.6, 0.95]))
""", "input.integer")


# ---- indicator systems: refused at set time with the loader's codes ---------------------------

@pytest.mark.parametrize("call, code", [
    ("S.set_ahp_weights(S.root, [[1, 3], [0.333, 1]])", "ahp.not_reciprocal"),
    ("S.set_ahp_weights(S.root, [[2, 3], [1/3, 1]])", "ahp.diagonal"),
    ("S.set_ahp_weights(S.root, [[1, float('inf')], [0, 1]])", "ahp.not_positive"),
    ("S.set_ahp_weights(S.root, [[1, 2, 3], [1, 1, 1]])", "ahp.not_square"),
    ("S.set_fixed_weights(S.root, [float('nan'), 1])", "weights.invalid"),
    ("S.set_fixed_weights(S.root, [float('inf'), 1])", "weights.invalid"),
    ("S.set_fixed_weights(S.root, [-1, 2])", "weights.invalid"),
    ("S.set_fixed_weights(S.root, [0, 0])", "weights.invalid"),
    ("S.set_combined_weights(S.root, fixed=[1, 1], combination='linear', alpha=1.5)", "weights.alpha"),
    ("S.set_combined_weights(S.root, fixed=[1, 1], combination='linear', alpha=float('nan'))", "weights.alpha"),
    ("S.set_combined_weights(S.root, pairwise=[[1, 3], [0.3, 1]])", "ahp.not_reciprocal"),
    ("S.add_leaf(S.root, 'c', normalization='bounds', lower=0, upper=float('inf'))", "indicator.leaf"),
    ("S.add_leaf(S.root, 'c', normalization='minmax', tie_score=float('nan'))", "indicator.leaf"),
    ("S._impl.add_leaf(S.root, b'bad\\xff', key='k')", "indicator.encoding"),
    ("S._impl.add_leaf(S.root, 'c', key=b'\\xc3')", "indicator.encoding"),
])
def test_what_the_loader_refuses_is_refused_when_set(refused, call, code):
    result = refused(_SYSTEM + f"""
before = S.to_json()
try:
    {call}
finally:
    assert S.to_json() == before, "a refused call changed the system"
""", code)
    assert result.error_type == "InvalidArgument"


def test_the_loader_gives_the_same_code_for_the_same_value(hostile):
    result = hostile(_SYSTEM + """
import json
text = json.loads(S.to_json())
text["nodes"][0]["weighting"] = {"kind": "ahp", "pairwise": [[1, 3], [0.333, 1]]}
try:
    scoring.IndicatorSystem.from_json(json.dumps(text))
except massline.ParseError as e:
    print(e.code, e.where.field)
text["nodes"][0]["weighting"] = {"kind": "fixed", "weights": [-1, 2]}
try:
    scoring.IndicatorSystem.from_json(json.dumps(text))
except massline.ParseError as e:
    print(e.code, e.where.field)
""")
    assert result.stdout == ("ahp.not_reciprocal /nodes/0/weighting/pairwise\n"
                             "weights.invalid /nodes/0/weighting/weights/0")


def test_systems_built_through_the_api_save_and_load_back_equal(hostile, tmp_path):
    result = hostile(f"""
import pickle, random
from massline import scoring
rng = random.Random(5)
numbers = [0.0, 1.0, 2.5, -1.0, 1/3, 1e300, float("inf"), float("nan"), 100.0, 150.0]
accepted = refused = 0
for trial in range(60):
    S = scoring.IndicatorSystem("root")
    groups = [S.root]
    for step in range(12):
        parent = rng.choice(groups)
        k = max(1, len(S.children(parent)))
        try:
            what = rng.randrange(5)
            if what == 0:
                groups.append(S.add_group(parent, f"g{{trial}}_{{step}}"))
            elif what == 1:
                norm = rng.choice(["identity", "bounds", "minmax"])
                kw = {{}}
                if norm == "bounds":
                    kw = dict(lower=rng.choice(numbers), upper=rng.choice(numbers))
                if norm == "minmax" and rng.random() < 0.5:
                    kw = dict(tie_score=rng.choice(numbers))
                S.add_leaf(parent, f"l{{trial}}_{{step}}", normalization=norm, **kw)
            elif what == 2:
                S.set_fixed_weights(parent, [rng.choice(numbers) for _ in range(k)])
            elif what == 3:
                m = [[1.0] * k for _ in range(k)]
                for i in range(k):
                    for j in range(i + 1, k):
                        m[i][j] = rng.choice([2.0, 3.0, 1/3, 9.0])
                        m[j][i] = 1 / m[i][j] if rng.random() < 0.8 else rng.choice(numbers)
                S.set_ahp_weights(parent, m)
            else:
                S.set_combined_weights(parent, fixed=[rng.choice(numbers) for _ in range(k)], combination="linear",
                                       alpha=rng.choice(numbers))
            accepted += 1
        except massline.InvalidArgument:
            refused += 1
        # Every state saves and reads back equal (pickling reads without the structure check).
        assert pickle.loads(pickle.dumps(S)).to_json() == S.to_json()
    try:
        S.check()
        complete = True
    except massline.InvalidArgument:
        complete = False
    if complete:
        path = r"{tmp_path}/s.json"
        S.save(path)
        assert scoring.IndicatorSystem.load(path).to_json() == S.to_json()
print(accepted > 200, refused > 100)
""")
    assert result.stdout == "True True"
