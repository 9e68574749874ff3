"""The Python convention (docs/python.md, "Conventions"): facades hold the compiled object,
every facade error is a coded massline.Error raised through one helper, one option vocabulary
with the old spellings kept one release as warning aliases, and the binding sources keep the
numpy boundary in one header."""

from __future__ import annotations

import copy
import os
import pickle
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import massline as ml
from massline import _core, scoring
from massline._errors import raise_error
from massline._facade import Facade
from massline._pls import PathModelBootstrap

REPO = Path(os.environ.get("MASSLINE_SOURCE_DIR", Path(__file__).resolve().parents[2]))

TREE = pd.DataFrame({
    "unit": ["C", "T1", "T2", "G1", "G2", "G3"],
    "parent": [None, "C", "C", "T1", "T1", "T2"],
    "level": [1, 2, 2, 4, 4, 4],
    "size": [0, 0, 0, 10, 20, 30],
})
BLOCKS = {"X": ["x1", "x2"], "Y": ["y1", "y2"]}
PATHS = [("X", "Y")]


def answers(rows: int = 600, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "unit": np.array(["G1", "G2", "G3"], dtype=object)[rng.integers(0, 3, rows)],
        "item": "overall",
        "satisfied": (rng.random(rows) < 0.75).astype(int),
    })


def survey(rows: int = 120, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=rows)
    y = 0.6 * x + rng.normal(scale=0.8, size=rows)
    return pd.DataFrame({"x1": x + rng.normal(scale=0.5, size=rows), "x2": x + rng.normal(scale=0.5, size=rows),
                         "y1": y + rng.normal(scale=0.5, size=rows), "y2": y + rng.normal(scale=0.5, size=rows)})


@pytest.fixture(scope="module")
def fitted() -> scoring.PathModelResult:
    return scoring.PathModel(BLOCKS, PATHS).fit(survey())


def no_warnings(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


def deprecated(call, old: str, new: str):
    with pytest.warns(DeprecationWarning, match=rf"{old}.* is deprecated, use {new}") as record:
        out = call()
    assert len(record) == 1 and record[0].filename == __file__  # points at the caller
    return out


def same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, scoring.UnitTree):
        assert list(a.parents) == list(b.parents) and list(a.levels) == list(b.levels)
        assert list(a.sizes) == list(b.sizes)
    elif isinstance(a, PathModelBootstrap):
        pd.testing.assert_frame_equal(a.paths, b.paths)
        assert a.confidence == b.confidence
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
    else:
        assert a == b


# ---- option vocabulary: old spellings warn for one release and give identical results ------


def rolled() -> pd.DataFrame:
    return scoring.rollup(answers(), scoring.unit_tree(TREE, unit_level="level"))


def _mean_interval(**kw):
    return scoring.mean_interval([1.0, 2.0, 4.0, 7.0], **kw).interval


RENAMED = {
    "rates(level=)": (
        lambda **kw: scoring.rates(pd.DataFrame({"q": [1, 2, 3, 4, 5, 5], "g": [1, 1, 1, 2, 2, 2]}), "q",
                                   scoring.ResponseScale.likert(5), target="g", **kw),
        "level", "confidence", 0.9),
    "mean_interval(level=)": (_mean_interval, "level", "confidence", 0.9),
    "unit_tree(level=)": (lambda **kw: scoring.unit_tree(TREE, size="size", **kw), "level", "unit_level", "level"),
    "UnitTree.from_parents(level=)": (
        lambda **kw: scoring.UnitTree.from_parents(np.array([-1, 0, 0]), **kw), "level", "unit_level",
        np.array([1, 4, 4])),
    "UnitTree.units_at_level(level=)": (
        lambda **kw: scoring.unit_tree(TREE, unit_level="level").units_at_level(**kw), "level", "unit_level", 4),
    "accountability(level=)": (
        lambda **kw: scoring.accountability(rolled(), 0.9, include_all=True, **kw), "level", "unit_level", 4),
}


@pytest.mark.parametrize("case", sorted(RENAMED))
def test_old_spelling_warns_and_gives_the_same_result(case):
    call, old, new, value = RENAMED[case]
    expected = no_warnings(lambda: call(**{new: value}))
    same(deprecated(lambda: call(**{old: value}), old, new), expected)


@pytest.mark.parametrize("case", sorted(RENAMED))
def test_old_and_new_spelling_together_are_an_error(case):
    call, old, new, value = RENAMED[case]
    with pytest.raises(ml.InvalidArgument, match=r"options\.conflict") as error:
        call(**{old: value, new: value})
    assert error.value.code == "options.conflict" and isinstance(error.value, ValueError)


def test_bootstrap_level_is_now_confidence(fitted):
    expected = no_warnings(lambda: fitted.bootstrap(n=40, seed=2, threads=1, confidence=0.9))
    old = deprecated(lambda: fitted.bootstrap(n=40, seed=2, threads=1, level=0.9), "level", "confidence")
    same(old, expected)
    assert expected.confidence == 0.9
    assert deprecated(lambda: expected.level, "level", ".confidence") == 0.9
    with pytest.raises(ml.InvalidArgument, match=r"options\.conflict"):
        fitted.bootstrap(n=40, level=0.9, confidence=0.9)


def test_indicator_system_check_throws_and_validate_is_its_deprecated_spelling():
    # check() throws, validate() returns problems (docs/architecture.md): the throwing
    # IndicatorSystem.validate() became check(), the old name warns for one release.
    system = scoring.IndicatorSystem("overall")
    system.add_group(system.root, "empty group")
    with pytest.raises(ml.InvalidArgument, match=r"indicator\.structure"):
        no_warnings(system.check)
    with pytest.warns(DeprecationWarning, match=r"IndicatorSystem\.validate is deprecated, use \.check"):
        with pytest.raises(ml.InvalidArgument, match=r"indicator\.structure"):
            system.validate()


def test_proportion_interval_keeps_level_and_takes_confidence_without_warning():
    expected = no_warnings(lambda: scoring.proportion_interval(81, 263, "wilson", 0.9))
    assert no_warnings(lambda: scoring.proportion_interval(81, 263, method="wilson", level=0.9)) == expected
    assert no_warnings(lambda: scoring.proportion_interval(81, 263, "wilson", confidence=0.9)) == expected
    assert no_warnings(lambda: scoring.proportion_interval(81, 263)) == scoring.proportion_interval(81, 263, "wilson",
                                                                                                   0.95)
    for both in (lambda: scoring.proportion_interval(81, 263, "wilson", 0.9, confidence=0.9),
                 lambda: scoring.proportion_interval(81, 263, level=0.9, confidence=0.9)):
        with pytest.raises(ml.InvalidArgument, match=r"options\.conflict"):
            both()


def test_path_model_fit_keeps_tol_and_max_iter_and_takes_the_vocabulary_without_warning():
    model = scoring.PathModel(BLOCKS, PATHS)
    data = survey()
    fixed = no_warnings(lambda: model.fit(data, "centroid", True, 1e-8, 50))
    named = no_warnings(lambda: model.fit(data, tol=1e-8, max_iter=50))
    vocabulary = no_warnings(lambda: model.fit(data, tolerance=1e-8, max_iterations=50))
    for other in (named, vocabulary):
        pd.testing.assert_frame_equal(other.paths, fixed.paths)
        assert other.iterations == fixed.iterations
    with pytest.raises(ml.ConvergenceError):
        model.fit(data, max_iterations=1)
    for both in (lambda: model.fit(data, tol=1e-8, tolerance=1e-8),
                 lambda: model.fit(data, "centroid", True, 1e-8, 50, max_iterations=50)):
        with pytest.raises(ml.InvalidArgument, match=r"options\.conflict"):
            both()


# ---- errors: coded massline.Error subclasses through one helper --------------------------------


def test_raise_error_formats_like_the_cpp_errors():
    for cls_name in ("InvalidArgument", "NotFound", "ConvergenceError"):
        cls = getattr(ml, cls_name)
        with pytest.raises(cls) as cpp:
            _core.core._raise(cls_name, "test.code", "something broke", "household 3", "unit", "because of a rule")
        with pytest.raises(cls) as py:
            raise_error(cls, "test.code", "something broke", ml.Location(entity="household 3", field="unit"),
                        "because of a rule")
        assert str(py.value) == str(cpp.value)
        assert (py.value.code, py.value.summary, py.value.why, str(py.value.where)) == (
            cpp.value.code, cpp.value.summary, cpp.value.why, str(cpp.value.where))
    with pytest.raises(ml.InvalidArgument) as bare:
        raise_error(ml.InvalidArgument, "test.code", "no location")
    assert str(bare.value) == "[massline.test.code] no location"
    with pytest.raises(ml.NotFound) as entity:
        raise_error(ml.NotFound, "test.code", "gone", "household 3", "why")
    assert str(entity.value) == "[massline.test.code] gone (at household 3): why"


FACADE_ERRORS = {
    "duplicate unit labels": (lambda: scoring.unit_tree(pd.concat([TREE, TREE.iloc[[3]]])), ml.InvalidArgument,
                              "unit_tree.duplicate_label"),
    "unknown parent": (lambda: scoring.unit_tree(TREE.assign(parent=TREE["parent"].replace({"T2": "nowhere"}))),
                       ml.NotFound, "unit_tree.unknown_parent"),
    "unit not in the tree": (lambda: scoring.rollup(answers().assign(unit="nowhere"), scoring.unit_tree(TREE)),
                             ml.NotFound, "rollup.unknown_unit"),
    "satisfied not 0/1": (lambda: scoring.rollup(answers().assign(satisfied=2), scoring.unit_tree(TREE)),
                          ml.InvalidArgument, "rollup.satisfied"),
    "missing item": (lambda: scoring.rollup(answers().assign(item=None), scoring.unit_tree(TREE)),
                     ml.InvalidArgument, "rollup.missing_value"),
    "wide scores": (lambda: scoring.rollup_wide(pd.DataFrame({"unit": ["G1"], "a": [1], "s": [1.0]}),
                                                scoring.unit_tree(TREE), ["a"], scores=["s", "s"]),
                    ml.InvalidArgument, "rollup.shape"),
    "trend without periods": (lambda: scoring.trend(rolled()), ml.InvalidArgument, "trend.no_period"),
    "trend without confidence": (lambda: scoring.trend(rolled().assign(period="p").pipe(_drop_attrs)),
                                 ml.InvalidArgument, "rollup.no_confidence"),
    "bad mode": (lambda: scoring.PathModel(BLOCKS, PATHS, modes={"X": "C"}), ml.InvalidArgument, "pls.bad_option"),
    "modes of unknown latents": (lambda: scoring.PathModel(BLOCKS, PATHS, modes={"Z": "A"}), ml.InvalidArgument,
                                 "pls.unknown_latent"),
    "path not a pair": (lambda: scoring.PathModel(BLOCKS, [("X", "Y", "Z")]), ml.InvalidArgument, "pls.path_pair"),
    "unknown scheme": (lambda: scoring.PathModel(BLOCKS, PATHS).fit(survey(), scheme="horst"), ml.InvalidArgument,
                       "pls.bad_option"),
    "non-numeric indicators": (lambda: scoring.PathModel(BLOCKS, PATHS).fit(survey().assign(x1="a")),
                               ml.InvalidArgument, "pls.non_numeric"),
    "unknown weights column": (lambda: scoring.PathModel(BLOCKS, PATHS).fit(survey(), weights="w"),
                               ml.InvalidArgument, "pls.unknown_column"),
    "synth seed": (lambda: ml.synth.generate("quyuan", seed=-1), ml.InvalidArgument, "synth.bad_parameter"),
    "synth org kind": (lambda: ml.synth.generate("quyuan", community_kind="castle"), ml.InvalidArgument,
                       "synth.bad_parameter"),
}


def _drop_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    frame.attrs.clear()
    return frame


@pytest.mark.parametrize("case", sorted(FACADE_ERRORS))
def test_facade_errors_are_coded_massline_errors(case):
    call, cls, code = FACADE_ERRORS[case]
    with pytest.raises(cls) as error:
        call()
    assert isinstance(error.value, ml.Error) and error.value.code == code
    assert str(error.value).startswith(f"[massline.{code}] {error.value.summary}")
    builtin = KeyError if cls is ml.NotFound else ValueError
    assert isinstance(error.value, builtin)  # pytest.raises(ValueError / KeyError) still catches it


def test_no_bare_builtin_raises_in_the_facades():
    # Python-side failures go through massline._errors.raise_error; only wrong Python types
    # raise TypeError directly.
    bare = re.compile(r"\braise\s+(ValueError|KeyError|IndexError|RuntimeError|ArithmeticError|Exception)\b")
    offenders = [f"{path.name}:{number}" for path in sorted((REPO / "python" / "massline").glob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if bare.search(line)]
    assert offenders == []


# ---- facades hold the compiled object ------------------------------------------------------------

FACADES = {
    scoring.IndicatorSystem: _core.scoring.IndicatorSystem,
    scoring.UnitTree: _core.scoring.UnitTree,
    scoring.PathModel: _core.scoring.PlsModelSpec,
    scoring.PathModelResult: _core.scoring.PlsResult,
    PathModelBootstrap: _core.scoring.PlsBootstrapResult,
}


def test_facades_hold_rather_than_subclass_the_compiled_object(fitted):
    for facade in FACADES:
        assert issubclass(facade, Facade)
        assert not any(base.__module__.startswith("massline._core") for base in facade.__mro__), facade
    system = scoring.IndicatorSystem("root")
    tree = scoring.unit_tree(TREE)
    instances = [system, tree, fitted.model, fitted, fitted.bootstrap(n=20, seed=1, threads=1)]
    for instance in instances:
        assert type(instance._impl) is FACADES[type(instance)], type(instance)
    assert isinstance(tree.labels, pd.Index) and list(tree.labels) == list(TREE["unit"])
    # A compiled tree (as RollupResult.tree returns) is accepted and wrapped wherever a tree is.
    assert scoring.unit_tree(tree._impl)._impl is tree._impl
    with pytest.raises(TypeError):
        scoring.UnitTree()


def test_path_model_pickles_and_copies():
    model = scoring.PathModel(BLOCKS, PATHS, modes={"X": "b"})
    expected = model.fit(survey())
    for clone in (pickle.loads(pickle.dumps(model)), copy.copy(model), copy.deepcopy(model)):
        assert type(clone) is scoring.PathModel and clone._impl is not model._impl
        assert (clone.blocks, clone.paths, clone.modes) == (model.blocks, model.paths, model.modes)
        pd.testing.assert_frame_equal(clone.fit(survey()).paths, expected.paths)


def test_facades_without_a_stable_state_refuse_to_pickle(fitted):
    for instance in (scoring.unit_tree(TREE), fitted):
        with pytest.raises(TypeError, match="cannot pickle"):
            pickle.dumps(instance)


# ---- the binding sources ------------------------------------------------------------------------


def test_numpy_boundary_lives_in_one_header():
    sources = sorted((REPO / "python" / "src").glob("*.[ch]pp"))
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if path.name != "numpy_boundary.hpp":
            assert "<pybind11/numpy.h>" not in text, path.name
        if path.name.startswith("register_") and re.search(r"py::array|In<|to_array|readonly_view", text):
            assert '#include "numpy_boundary.hpp"' in text, path.name
