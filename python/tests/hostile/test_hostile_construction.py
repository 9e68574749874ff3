"""Objects that skipped their constructor (issue 14, item 2).

Python may call ``__new__``, ``__init__`` and ``__setstate__`` in any order (``cls.__new__(cls)``,
pickle protocol 2 without state, an ``__init__`` or ``__setstate__`` that raised, a second
``__init__``). Whatever the order, using the object must raise a massline error (StateError
``object.unconstructed``) or a TypeError, never crash or return values read from memory that was
never initialised; classes Python cannot construct (registry views, iterators) refuse
``__new__`` with a TypeError.
"""

from __future__ import annotations

import inspect
from typing import List, Tuple

import pytest

import massline

# Runs in the child: for every public class of one module, makes an instance with __new__ only
# and calls every member the package defines (properties read, methods called with a few
# argument shapes). Prints one line per member that returned a value from an instance that
# was never constructed ("GARBAGE ..."), which the test forbids.
_WALK = r"""
import importlib, inspect, pickle
import massline
import massline.scoring
module = importlib.import_module({module!r})
ARGS = [(), (0,), ("x",), (0, "x"), (0, 0), (0, 0, 0), (0, "x", 0)]

def ours(owner):
    return (owner.__module__ or "").startswith("massline") and owner is not massline.Error

def classes():
    for name in sorted(getattr(module, "__all__", None) or dir(module)):
        obj = getattr(module, name, None)
        if name.startswith("_") or not isinstance(obj, type) or not ours(obj):
            continue
        yield name, obj

from massline._facade import Facade

def plain_record(cls):
    # A pure-Python record (a dataclass such as IndicatorEvaluation) has no compiled half: with
    # its __init__ skipped it has no fields and raises AttributeError, as any Python class does.
    return "pybind11_object" not in [c.__name__ for c in cls.__mro__] and not issubclass(cls, Facade)

def outcome(call):
    try:
        result = call()
    except massline.Error as e:
        return "error " + e.code
    except TypeError:
        return "type"
    except AttributeError:
        if not plain_record(cls):
            raise
        return "attribute"
    # An operator that declines a foreign operand read nothing from the object, nor does a
    # deprecated alias property that hands back another bound method.
    if result is NotImplemented or (inspect.ismethod(result) and result.__self__ is obj):
        return "declined"
    return "ok"

def foreign_equality(member, args):
    # == and != against another type are answered from the types alone (False / True).
    return member in ("__eq__", "__ne__") and not any(type(a) is type(obj) for a in args)

for name, cls in classes():
    try:
        obj = cls.__new__(cls)
    except TypeError:
        print("REFUSED", name)
        continue
    if issubclass(cls, BaseException):
        str(obj), repr(obj), pickle.loads(pickle.dumps(obj))
        continue
    if plain_record(cls):
        for call in (lambda: repr(obj), lambda: obj == obj):
            outcome(call)
        continue
    seen = set()
    for owner in cls.__mro__:
        if not ours(owner):
            continue
        for member, raw in vars(owner).items():
            if member in seen or member in ("__new__", "__init__", "__setstate__", "__dict__", "__weakref__",
                                             "__module__", "__doc__", "__annotations__", "__members__",
                                             "__entries", "__slots__", "__hash__", "__qualname__",
                                             "__orig_bases__", "__parameters__", "__dataclass_fields__",
                                             "__dataclass_params__", "__match_args__", "kind"):
                continue
            seen.add(member)
            if isinstance(raw, (staticmethod, classmethod)) or type(raw).__name__ == "pybind11_static_property":
                continue  # needs no instance
            if isinstance(raw, property) or type(raw).__name__ == "property":
                verdicts = [outcome(lambda: getattr(obj, member))]
            elif callable(raw):
                bound = getattr(obj, member, None) if member != "__getattr__" else None
                if bound is None:
                    continue
                verdicts = [outcome(lambda a=a: bound(*a)) for a in ARGS + [(obj,)]
                            if not foreign_equality(member, a)]
            else:
                continue  # a plain class attribute
            if "ok" in verdicts:
                print("GARBAGE", name, member, verdicts)
    print("CHECKED", name)
"""

_MODULES = ["massline", "massline._core.core", "massline._core.model", "massline._core.synth", "massline._core.network",
            "massline._core.scoring", "massline._core.io", "massline.scoring", "massline.synth",
            "massline.frames", "massline.network", "massline._core.policy", "massline.compliance",
            "massline.appeals", "massline._core.sim", "massline.sim", "massline.report"]


@pytest.mark.parametrize("module", _MODULES)
def test_every_class_is_safe_before_its_constructor(hostile, module):
    result = hostile(_WALK.format(module=module), timeout=120)
    assert result.kind == "ok", (result.error_type, result.code)
    lines = result.stdout.splitlines()
    garbage = [line for line in lines if line.startswith("GARBAGE")]
    assert not garbage, "\n".join(garbage)


def _views() -> List[Tuple[str, str]]:
    names = [name for name in massline.__all__ if name.endswith("View")]
    assert len(names) == 10  # one per registry table
    return [(name, f"massline.{name}") for name in names] + [
        ("iterator", "type(iter(massline.Registry().households))")]


@pytest.mark.parametrize("name, expression", _views())
def test_views_and_iterators_cannot_be_made_from_python(hostile, name, expression):
    result = hostile(f"""
        V = {expression}
        for make in (lambda: V.__new__(V), lambda: V(), lambda: object.__new__(V)):
            try:
                make()
            except TypeError:
                continue
            print("made")
        import copy
        r = massline.Registry()
        try:
            copy.copy(iter(r.households) if {name!r} == "iterator" else r.households)
        except TypeError:
            pass
        else:
            print("copied")
    """)
    assert (result.kind, result.stdout) == ("ok", "")


# The cases and more of the same class; each must end in StateError object.unconstructed.
_UNCONSTRUCTED = {
    "registry_from_pickle": "r = pickle.loads(b'\\x80\\x02cmassline\\nRegistry\\n)\\x81.'); r.add(massline.Organization())",
    "registry_len_view": "r = massline.Registry.__new__(massline.Registry); len(r.organizations)",
    "registry_validate": "massline.Registry.__new__(massline.Registry).validate()",
    "registry_copy": "copy.deepcopy(massline.Registry.__new__(massline.Registry))",
    "org_id": "int(massline.OrgId.__new__(massline.OrgId))",
    "org_id_hash": "hash(massline.OrgId.__new__(massline.OrgId))",
    "member_id_compare": "massline.MemberId(1) < massline.MemberId.__new__(massline.MemberId)",
    "id_as_argument": "massline.Registry().get(massline.HouseholdId.__new__(massline.HouseholdId))",
    "random_stream": "massline.RandomStream.__new__(massline.RandomStream).uniform(size=3)",
    "random_stream_state": "massline.RandomStream.__new__(massline.RandomStream).state",
    "period": "massline.Period.__new__(massline.Period).days",
    "period_in": "datetime.date(2024, 1, 1) in massline.Period.__new__(massline.Period)",
    "calendar": "massline.WorkCalendar.__new__(massline.WorkCalendar).add_holiday(datetime.date(2024, 1, 1))",
    "location": "str(massline.Location.__new__(massline.Location))",
    "problem": "massline.Problem.__new__(massline.Problem).code",
    "flags": "len(massline.HouseholdCategories.__new__(massline.HouseholdCategories))",
    "enum": "int(massline.OrgLevel.__new__(massline.OrgLevel))",
    "value_as_argument": "massline.Registry().add(massline.Household.__new__(massline.Household))",
    "value_in_list": "massline.Commitment(members=[massline.MemberId.__new__(massline.MemberId)])",
    "value_repr": "repr(massline.Household.__new__(massline.Household))",
    "value_pickle": "pickle.dumps(massline.Member.__new__(massline.Member))",
    "response_scale": "massline.scoring.ResponseScale.__new__(massline.scoring.ResponseScale).classify(1)",
    "indicator_facade": "S = massline.scoring.IndicatorSystem; S.__new__(S).add_leaf(0, 'x')",
    "indicator_facade_len": "S = massline.scoring.IndicatorSystem; len(S.__new__(S))",
    "indicator_compiled": "S = massline._core.scoring.IndicatorSystem; S.__new__(S).add_leaf(0, 'x')",
    "unit_tree": "T = massline.scoring.UnitTree; T.__new__(T).size",
    "path_model": "P = massline.scoring.PathModel; P.__new__(P).blocks",
}


@pytest.mark.parametrize("case", sorted(_UNCONSTRUCTED))
def test_using_an_unconstructed_object_is_a_state_error(refused, case):
    result = refused("import copy, datetime, pickle\nimport massline.scoring\n" + _UNCONSTRUCTED[case],
                     "object.unconstructed")
    assert result.error_type == "StateError"


@pytest.mark.parametrize("cls, bad_state", [
    ("massline.Organization", "{'code': 5}"),
    ("massline.Organization", "{'nonsense': 1}"),
    ("massline.Household", "{'size': -1}"),
    ("massline.OrgId", "('x',)"),
    ("massline.OrgId", "()"),
    ("massline.Period", "(1, 2)"),
    ("massline.RandomStream", "(1,)"),
    ("massline.WorkCalendar", "(127, [], [])"),
    ("massline.Location", "()"),
    ("massline.Problem", "(1, 2, 3)"),
    ("massline.HouseholdCategories", "('x',)"),
])
def test_a_failed_setstate_leaves_an_unconstructed_object_then_a_good_one_builds_it(hostile, cls, bad_state):
    result = hostile(f"""
        import pickle
        C = {cls}
        obj = C.__new__(C)
        try:
            obj.__setstate__({bad_state})
        except (massline.Error, TypeError):
            pass
        else:
            print("accepted")
        try:
            repr(obj), pickle.dumps(obj)
        except massline.StateError as e:
            print(e.code)
    """)
    assert result.kind == "ok"
    assert result.stdout in ("object.unconstructed", "accepted\nobject.unconstructed", "accepted"), result.stdout


def test_setstate_after_a_failed_one_constructs_the_object(hostile):
    result = hostile("""
        org = massline.Organization(code="C1", level=1)
        state = org.__getstate__()
        obj = massline.Organization.__new__(massline.Organization)
        try:
            obj.__setstate__({"code": 5})
        except TypeError:
            pass
        obj.__setstate__(state)
        print(obj == org, obj.code)
    """)
    assert result.stdout == "True C1"


def test_a_second_init_or_setstate_never_changes_a_live_object(hostile):
    # pybind11 constructs an object once; a later __init__/__setstate__ must not mutate ids
    # (they are hashable) or leak a second value.
    result = hostile("""
        oid = massline.OrgId(3)
        oid.__init__(5)
        oid.__setstate__((7,))
        period = massline.Period.year(2024)
        period.__setstate__(period.__getstate__() if hasattr(period, "__getstate__") else (0,))
        r = massline.Registry()
        r.add(massline.Organization(code="C", level=1))
        r.__init__()
        print(oid, len(r.organizations), period)
    """)
    assert result.stdout == "organization 3 1 2024"


def test_pickle_of_a_live_object_still_round_trips(hostile):
    result = hostile("""
        import pickle, copy
        values = [massline.OrgId(4), massline.Period.quarter(2024, 2), massline.RandomStream(3),
                  massline.Household(code="H", size=2), massline.Location(entity="e"),
                  massline.HouseholdCategories({massline.HouseholdCategory.difficult})]
        print(all(pickle.loads(pickle.dumps(v, protocol=p)) == v for v in values for p in (2, 5)),
              all(copy.deepcopy(v) == v for v in values))
    """)
    assert result.stdout == "True True"


def test_subclasses_of_compiled_classes_are_guarded_too(refused):
    refused("""
        class Mine(massline.Household):
            pass
        Mine.__new__(Mine).size
    """, "object.unconstructed")


def test_the_walk_covers_every_public_compiled_class():
    compiled = [name for name, obj in inspect.getmembers(massline) if isinstance(obj, type)
                and not issubclass(obj, BaseException)]
    assert len(compiled) > 40
