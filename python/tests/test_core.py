"""Core layer: ids, errors, locations, dates, periods, the working-day calendar."""

from __future__ import annotations

import copy
import datetime
import pickle

import pytest

import massline as ml
from massline import _core

ID_TYPES = [ml.OrgId, ml.MemberId, ml.HouseholdId, ml.PairingId, ml.CommitmentId, ml.ServicePostId, ml.ContactId,
            ml.AppealId, ml.SurveyResponseId]


# ---- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", ID_TYPES)
def test_id_basics(cls):
    a = cls(7)
    assert int(a) == 7 and a.value == 7
    assert a == cls(7) and a != cls(8)
    assert hash(a) == hash(cls(7))
    assert repr(a) == f"{cls.__name__}(7)"
    assert str(a) == f"{cls.kind} 7"
    assert cls(3) < cls(4) <= cls(4) and cls(5) > cls(4) >= cls(4)
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.copy(a) == a
    assert cls.__module__ == "massline"
    assert cls(0) == cls(0) and cls(2**32 - 1).value == 2**32 - 1


@pytest.mark.parametrize("cls", ID_TYPES)
def test_id_out_of_range(cls):
    for bad in (-1, 2**32):
        with pytest.raises(ml.InvalidArgument, match=r"massline\.id\.range") as info:
            cls(bad)
        assert info.value.code == "id.range"
        assert str(bad) in info.value.why


def test_ids_of_different_kinds_never_mix():
    assert ml.OrgId(1) != ml.MemberId(1)
    assert ml.OrgId(1) != 1
    assert len({ml.OrgId(1), ml.MemberId(1), ml.HouseholdId(1)}) == 3
    with pytest.raises(TypeError):
        ml.OrgId(1) < ml.MemberId(2)  # noqa: B015
    with pytest.raises(TypeError):
        ml.OrgId("3")
    with pytest.raises(TypeError):
        ml.OrgId(ml.MemberId(3))  # no conversion between kinds, even though int(MemberId(3)) works
    with pytest.raises(TypeError):
        ml.OrgId(3.0)
    assert ml.OrgId.kind == "organization" and ml.MemberId(1).kind == "member"
    r = ml.Registry()
    with pytest.raises(TypeError):
        r.get(3)
    assert not hasattr(ml.OrgId(1), "__index__")


# ---- errors ----------------------------------------------------------------------------------

ERRORS = {
    "InvalidArgument": (ml.InvalidArgument, ValueError),
    "NotFound": (ml.NotFound, KeyError),
    "IntegrityError": (ml.IntegrityError, ValueError),
    "ParseError": (ml.ParseError, ValueError),
    "ConvergenceError": (ml.ConvergenceError, ArithmeticError),
    "StateError": (ml.StateError, RuntimeError),
    "Error": (ml.Error, Exception),
}


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_cpp_errors_translate_with_message_and_attributes(kind):
    cls, builtin = ERRORS[kind]
    with pytest.raises(cls) as info:
        _core.core._raise(kind, "test.code", "something broke", "household 3", "unit", "because of a rule")
    e = info.value
    assert type(e) is cls
    assert isinstance(e, ml.Error) and isinstance(e, builtin)
    assert e.code == "test.code"
    assert e.summary == "something broke"
    assert e.why == "because of a rule"
    assert e.where == ml.Location(entity="household 3", field="unit")
    assert str(e.where) == "household 3 field 'unit'"
    expected = "[massline.test.code] something broke (at household 3 field 'unit'): because of a rule"
    assert str(e) == expected  # also for KeyError, whose str() would otherwise add quotes
    assert e.args == (expected,)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is cls and str(back) == expected and back.code == e.code and back.where == e.where


def test_error_hierarchy():
    for cls, builtin in ERRORS.values():
        assert issubclass(cls, ml.Error) and issubclass(cls, builtin)
        assert cls.__module__ == "massline"
        assert cls.__doc__
    assert not issubclass(ml.InvalidArgument, KeyError)
    assert not issubclass(ml.NotFound, ValueError)


def test_error_constructed_in_python():
    e = ml.InvalidArgument("plain message")
    assert str(e) == "plain message" and e.code == "" and e.why == "" and not e.where
    with pytest.raises(ValueError, match="plain"):
        raise e


def test_non_massline_cpp_errors_keep_pybind11_mapping():
    with pytest.raises(ValueError, match="unknown error kind"):
        _core.core._raise("NoSuchKind", "c", "w")


def test_location():
    loc = ml.Location(file="x.csv", row=4, column="level", entity="household 12", field="unit")
    assert str(loc) == "x.csv row 4 column 'level', household 12 field 'unit'"
    assert (loc.file, loc.row, loc.column, loc.entity, loc.field) == ("x.csv", 4, "level", "household 12", "unit")
    assert loc and not ml.Location() and ml.Location().empty()
    assert pickle.loads(pickle.dumps(loc)) == loc
    assert loc != ml.Location(file="x.csv")
    assert "household 12" in repr(loc)
    with pytest.raises(AttributeError):
        loc.file = "y"  # read-only


# ---- dates -----------------------------------------------------------------------------------


def test_dates_cross_as_datetime_date():
    p = ml.Pairing(start=datetime.date(2024, 2, 29))
    assert p.start == datetime.date(2024, 2, 29) and type(p.start) is datetime.date
    p.start = None  # an unset date
    assert p.start is None
    p.start = datetime.datetime(2024, 3, 1)  # midnight without tz is a date
    assert p.start == datetime.date(2024, 3, 1) and type(p.start) is datetime.date
    p.start = datetime.date(1400, 1, 1)
    assert p.start == datetime.date(1400, 1, 1)
    p.start = datetime.date(9999, 12, 31)
    assert p.start == datetime.date(9999, 12, 31)


def test_dates_rejected():
    p = ml.Pairing()
    with pytest.raises(TypeError):
        p.start = datetime.datetime(2024, 3, 1, 12, 30)  # would lose the time of day
    with pytest.raises(TypeError):
        p.start = datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc)
    with pytest.raises(TypeError):
        p.start = "2024-03-01"
    with pytest.raises(ml.InvalidArgument, match="date.invalid") as info:
        p.start = datetime.date(1399, 12, 31)
    assert "1399" in str(info.value)
    assert p.start is None  # unchanged


# ---- periods ---------------------------------------------------------------------------------


def test_period_factories_and_labels():
    d = datetime.date
    cases = [
        (ml.Period.year(2024), ml.PeriodKind.year, d(2024, 1, 1), d(2024, 12, 31), "2024", 366),
        (ml.Period.half_year(2024, 2), ml.PeriodKind.half_year, d(2024, 7, 1), d(2024, 12, 31), "2024-H2", 184),
        (ml.Period.quarter(2023, 1), ml.PeriodKind.quarter, d(2023, 1, 1), d(2023, 3, 31), "2023-Q1", 90),
        (ml.Period.month(2024, 2), ml.PeriodKind.month, d(2024, 2, 1), d(2024, 2, 29), "2024-02", 29),
        (ml.Period(d(2024, 3, 1), d(2024, 5, 15)), ml.PeriodKind.custom, d(2024, 3, 1), d(2024, 5, 15),
         "2024-03-01..2024-05-15", 76),
        (ml.Period.custom(d(2024, 3, 1), d(2024, 3, 1)), ml.PeriodKind.custom, d(2024, 3, 1), d(2024, 3, 1),
         "2024-03-01..2024-03-01", 1),
    ]
    for p, kind, first, last, label, days in cases:
        assert (p.kind, p.first, p.last, p.label, str(p), p.days) == (kind, first, last, label, label, days), repr(p)
        assert p.contains(first) and last in p and not p.contains(last + datetime.timedelta(days=1))
        assert first - datetime.timedelta(days=1) not in p
        assert pickle.loads(pickle.dumps(p)) == p
        assert eval(repr(p), {"Period": ml.Period, "datetime": datetime}) == p
        assert hash(p) == hash(copy.copy(p))


def test_period_next():
    assert ml.Period.year(2024).next() == ml.Period.year(2025)
    assert ml.Period.half_year(2024, 2).next() == ml.Period.half_year(2025, 1)
    assert ml.Period.quarter(2024, 4).next() == ml.Period.quarter(2025, 1)
    assert ml.Period.month(2024, 12).next() == ml.Period.month(2025, 1)
    d = datetime.date
    assert ml.Period(d(2024, 1, 1), d(2024, 1, 10)).next() == ml.Period(d(2024, 1, 11), d(2024, 1, 20))
    assert ml.Period.year(2024) != ml.Period(d(2024, 1, 1), d(2024, 12, 31))  # kind matters


def test_period_errors():
    d = datetime.date
    with pytest.raises(ml.InvalidArgument, match="period.invalid"):
        ml.Period(d(2024, 5, 1), d(2024, 4, 30))
    with pytest.raises(ml.InvalidArgument, match="half must be 1 or 2, got 3"):
        ml.Period.half_year(2024, 3)
    with pytest.raises(ml.InvalidArgument, match="quarter must be 1..4"):
        ml.Period.quarter(2024, 0)
    with pytest.raises(ml.InvalidArgument, match="date.invalid"):
        ml.Period.month(2024, 13)
    with pytest.raises(ml.InvalidArgument, match="period.invalid"):
        ml.Period(None, d(2024, 1, 1))
    with pytest.raises(ml.InvalidArgument, match="pickle.state"):
        ml.Period.__new__(ml.Period).__setstate__((ml.PeriodKind.year, d(2024, 2, 1), d(2024, 12, 31)))


# ---- calendar --------------------------------------------------------------------------------


def test_work_calendar():
    d = datetime.date
    cal = ml.WorkCalendar(holidays=[d(2024, 10, 1), d(2024, 10, 2)], extra_working_days=[d(2024, 9, 29)])
    assert cal.weekend == frozenset({ml.Weekday.saturday, ml.Weekday.sunday})
    assert cal.holidays == [d(2024, 10, 1), d(2024, 10, 2)]
    assert cal.extra_working_days == [d(2024, 9, 29)]
    assert cal.is_working_day(d(2024, 9, 29))  # a Sunday made a working day
    assert not cal.is_working_day(d(2024, 10, 1))
    assert cal.working_days_between(d(2024, 9, 27), d(2024, 10, 4)) == 4  # Sun 29, Mon 30, Thu 3, Fri 4
    assert cal.add_working_days(d(2024, 9, 30), 1) == d(2024, 10, 3)
    assert cal.deadline(d(2024, 9, 30), 0) == d(2024, 9, 30)
    assert cal.next_working_day(d(2024, 9, 27)) == d(2024, 9, 29)
    assert cal.previous_working_day(d(2024, 10, 3)) == d(2024, 9, 30)
    assert cal.working_days_in(ml.Period.month(2024, 10)) == 23 - 2
    cal.add_holiday(d(2024, 10, 3))
    assert not cal.is_working_day(d(2024, 10, 3))
    back = pickle.loads(pickle.dumps(cal))
    assert back.holidays == cal.holidays and back.weekend == cal.weekend
    assert back.extra_working_days == cal.extra_working_days
    friday_only = ml.WorkCalendar(weekend=[ml.Weekday.friday])
    assert not friday_only.is_working_day(d(2024, 10, 4)) and friday_only.is_working_day(d(2024, 10, 5))


def test_work_calendar_counts_match_brute_force():
    d = datetime.date
    cal = ml.WorkCalendar(holidays=[d(2024, 5, 1)], extra_working_days=[d(2024, 4, 28)])
    a = d(2024, 4, 20)
    for n in range(0, 30):
        b = a + datetime.timedelta(days=n)
        expected = sum(cal.is_working_day(a + datetime.timedelta(days=k)) for k in range(1, n + 1))
        assert cal.working_days_between(a, b) == expected, (a, b)


def test_work_calendar_errors():
    d = datetime.date
    with pytest.raises(ml.InvalidArgument, match="calendar.invalid_weekend"):
        ml.WorkCalendar(weekend=list(ml.Weekday.__members__.values()))
    with pytest.raises(ml.InvalidArgument, match="calendar.conflict"):
        ml.WorkCalendar(holidays=[d(2024, 1, 1)], extra_working_days=[d(2024, 1, 1)])
    cal = ml.WorkCalendar(extra_working_days=[d(2024, 1, 1)])
    with pytest.raises(ml.InvalidArgument, match="calendar.conflict"):
        cal.add_holiday(d(2024, 1, 1))
    with pytest.raises(ml.InvalidArgument, match="calendar.invalid_count"):
        cal.deadline(d(2024, 1, 1), -1)
    with pytest.raises(ml.InvalidArgument, match="date.invalid"):
        cal.is_working_day(None)
    with pytest.raises(TypeError):
        ml.WorkCalendar(weekend=[6])


def test_work_calendar_csv():
    text = "date,kind,note\n2024-10-01..2024-10-07,holiday,national day\n2024-10-12,workday,make-up\n"
    cal = ml.WorkCalendar.from_csv_text(text, source="cn.csv")
    assert len(cal.holidays) == 7 and cal.extra_working_days == [datetime.date(2024, 10, 12)]
    with pytest.raises(ml.ParseError) as info:
        ml.WorkCalendar.from_csv_text("date,kind\n2024-13-01,holiday\n", source="bad.csv")
    e = info.value
    assert e.code == "calendar.parse" and e.where.file == "bad.csv" and e.where.row == 2 and e.where.column == "date"
    assert "bad.csv row 2 column 'date'" in str(e)
    with pytest.raises(ml.ParseError, match="unknown kind 'feast'"):
        ml.WorkCalendar.from_csv_text("date,kind\n2024-01-01,feast\n")
    with pytest.raises(ml.NotFound, match="file.unreadable"):
        ml.WorkCalendar.load_csv("/nonexistent/calendar.csv")


def test_work_calendar_load_csv(tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("date,kind\n2024-01-01,holiday\n", encoding="utf-8")
    cal = ml.WorkCalendar.load_csv(str(path))
    assert cal.holidays == [datetime.date(2024, 1, 1)]
