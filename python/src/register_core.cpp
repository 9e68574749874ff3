// Python bindings for the core layer: Location, the error hierarchy, strong ids, periods.
#include "bindings.hpp"

#include <massline/core/calendar.hpp>
#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/io/calendar_file.hpp>

#include <pybind11/eval.h>

#include <array>
#include <cstdint>
#include <exception>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace massline::python {
namespace {

// ---------------------------------------------------------------------------------------------
// Errors

// Python classes of the hierarchy, created once at import and kept for the process lifetime
// (deliberately never released: the translator may run during interpreter shutdown).
struct ErrorTypes {
  PyObject* error = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* not_found = nullptr;
  PyObject* integrity = nullptr;
  PyObject* parse = nullptr;
  PyObject* convergence = nullptr;
  PyObject* state = nullptr;
};
ErrorTypes& error_types() {
  static ErrorTypes types;
  return types;
}

// Defined in Python so the classes have ordinary constructors, pickling and str(); the
// multiple bases (e.g. NotFound is also a KeyError) let callers catch either family.
constexpr const char* kErrorSource = R"PY(
class Error(Exception):
    """Root of every error massline raises.

    Attributes: ``code`` (stable id such as ``"integrity.dangling"``), ``summary`` (the
    short what), ``where`` (a :class:`massline.Location`: file/row/column/entity/field) and
    ``why`` (the rule that was broken). ``str(error)`` is the full message
    ``"[massline.<code>] <summary> (at <where>): <why>"``.
    """

    def __init__(self, message="", code="", where=None, why="", summary=""):
        super().__init__(message)
        self.code = code
        self.where = Location() if where is None else where
        self.why = why
        self.summary = summary

    def __str__(self):
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()

    def __reduce__(self):
        message = self.args[0] if self.args else ""
        # getattr: an instance made by __new__ alone (its __init__ skipped) still pickles.
        code, where, why, summary = (getattr(self, name, default) for name, default in
                                     (("code", ""), ("where", None), ("why", ""), ("summary", "")))
        return (type(self), (message, code, where, why, summary))


class InvalidArgument(Error, ValueError):
    """A value is out of its domain (bad level, invalid date, negative size...)."""


class NotFound(Error, KeyError):
    """An id or code that does not exist (also a KeyError)."""


class IntegrityError(Error, ValueError):
    """An operation would break the registry's referential integrity."""


class ParseError(Error, ValueError):
    """Malformed input file; ``where`` names file, row and column."""


class ConvergenceError(Error, ArithmeticError):
    """A numerical method did not converge or met degenerate data."""


class StateError(Error, RuntimeError):
    """An object was used in the wrong state (e.g. results read before run())."""


for _cls in (Error, InvalidArgument, NotFound, IntegrityError, ParseError, ConvergenceError, StateError):
    _cls.__module__ = "massline"
del _cls
)PY";

[[noreturn]] void unreachable_error_type() { throw std::logic_error("massline error types not initialised"); }

void raise_as(PyObject* type, const Error& e) {
  if (type == nullptr) unreachable_error_type();
  try {
    py::object instance = py::reinterpret_borrow<py::object>(type)(e.what(), e.code(), py::cast(e.where()), e.why(),
                                                                    e.summary());
    PyErr_SetObject(type, instance.ptr());
  } catch (py::error_already_set& failure) {
    // Building the instance failed (e.g. out of memory): still raise the right class.
    failure.discard_as_unraisable("massline error translation");
    PyErr_SetString(type, e.what());
  }
}

void translate(std::exception_ptr p) {
  if (!p) return;
  const ErrorTypes& t = error_types();
  try {
    std::rethrow_exception(p);
  } catch (const InvalidArgument& e) {
    raise_as(t.invalid_argument, e);
  } catch (const NotFound& e) {
    raise_as(t.not_found, e);
  } catch (const IntegrityError& e) {
    raise_as(t.integrity, e);
  } catch (const ParseError& e) {
    raise_as(t.parse, e);
  } catch (const ConvergenceError& e) {
    raise_as(t.convergence, e);
  } catch (const StateError& e) {
    raise_as(t.state, e);
  } catch (const Error& e) {
    raise_as(t.error, e);
  } catch (const py::cast_error& e) {
    // A Python value of the wrong type met a .cast<T>() inside a binding (e.g. an item of a
    // pickled state). pybind11 would report a RuntimeError; by the package's convention a
    // value of the wrong type is a TypeError.
    PyErr_SetString(PyExc_TypeError, e.what());
  }
  // Anything else propagates to pybind11's default translators.
}

void bind_location(py::module_& m) {
  py::class_<Location>(m, "Location",
                       "Where a problem was found; every part is optional. str() gives e.g. "
                       "\"file.csv row 4 column 'level', household 12 field 'unit'\".")
      .def(py::init([](std::string file, std::optional<std::size_t> row, std::string column, std::string entity,
                       std::string field) {
             Location where;
             where.file = std::move(file);
             where.row = row;
             where.column = std::move(column);
             where.entity = std::move(entity);
             where.field = std::move(field);
             return where;
           }),
           py::kw_only(), py::arg("file") = "", py::arg("row") = py::none(), py::arg("column") = "",
           py::arg("entity") = "", py::arg("field") = "", "Builds a location from its parts (all optional).")
      .def_readonly("file", &Location::file, "Input file, if the problem came from one (else '').")
      .def_readonly("row", &Location::row, "1-based data row in that file, or None.")
      .def_readonly("column", &Location::column, "Column or field name in the file (else '').")
      .def_readonly("entity", &Location::entity, "Entity, e.g. 'household 12' (else '').")
      .def_readonly("field", &Location::field, "Member of the entity, e.g. 'unit' (else '').")
      .def("empty", &Location::empty, "True when no part is set.")
      .def("__bool__", [](const Location& l) { return !l.empty(); }, "False when no part is set.")
      .def("__str__", &Location::to_string)
      .def("__repr__",
           [](const Location& l) {
             return "Location(" + py::repr(py::str(l.to_string())).cast<std::string>() + ")";
           })
      .def(
          "__eq__",
          [](const Location& a, const Location& b) {
            return a.file == b.file && a.row == b.row && a.column == b.column && a.entity == b.entity &&
                   a.field == b.field;
          },
          py::is_operator())
      .def(py::pickle(
          [](const Location& l) { return py::make_tuple(l.file, l.row, l.column, l.entity, l.field); },
          [](const py::tuple& s) {
            if (s.size() != 5) throw InvalidArgument("pickle.state", "bad Location state", {}, "expected 5 items");
            Location l;
            l.file = s[0].cast<std::string>();
            l.row = s[1].cast<std::optional<std::size_t>>();
            l.column = s[2].cast<std::string>();
            l.entity = s[3].cast<std::string>();
            l.field = s[4].cast<std::string>();
            return l;
          }));
}

void bind_errors(py::module_& m) {
  py::dict scope;
  scope["__builtins__"] = py::module_::import("builtins");
  scope["Location"] = m.attr("Location");
  scope["__name__"] = "massline";
  py::exec(kErrorSource, scope);
  ErrorTypes& t = error_types();
  auto keep = [&](const char* name) {
    py::object cls = scope[name];
    m.attr(name) = cls;
    return cls.release().ptr();  // kept for the process lifetime
  };
  t.error = keep("Error");
  t.invalid_argument = keep("InvalidArgument");
  t.not_found = keep("NotFound");
  t.integrity = keep("IntegrityError");
  t.parse = keep("ParseError");
  t.convergence = keep("ConvergenceError");
  t.state = keep("StateError");
  py::register_exception_translator(&translate);

  m.def(
      "_raise",
      [](const std::string& kind, const std::string& code, const std::string& what, const std::string& entity,
         const std::string& field, const std::string& why) {
        const Location where = Location::of(entity, field);
        if (kind == "InvalidArgument") throw InvalidArgument(code, what, where, why);
        if (kind == "NotFound") throw NotFound(code, what, where, why);
        if (kind == "IntegrityError") throw IntegrityError(code, what, where, why);
        if (kind == "ParseError") throw ParseError(code, what, where, why);
        if (kind == "ConvergenceError") throw ConvergenceError(code, what, where, why);
        if (kind == "StateError") throw StateError(code, what, where, why);
        if (kind == "Error") throw Error(code, what, where, why);
        throw std::invalid_argument("unknown error kind " + kind);
      },
      py::arg("kind"), py::arg("code"), py::arg("what"), py::arg("entity") = "", py::arg("field") = "",
      py::arg("why") = "",
      "Throws the C++ error of class `kind` (for testing the translation; not public API).");
}

// ---------------------------------------------------------------------------------------------
// Ids

template <class Tag>
void bind_id(py::module_& m, const char* name) {
  using IdT = Id<Tag>;
  const std::string cls_name(name);
  const std::string kind(Tag::name);
  const bool vowel = std::string("aeiou").find(kind.front()) != std::string::npos;
  const std::string doc = std::string(vowel ? "Id of an " : "Id of a ") + kind +
                          ". A distinct type: it never compares equal to, nor is accepted in place of, "
                          "another kind of id. int(id) gives the number.";
  py::class_<IdT> cls(m, name, doc.c_str());
  cls
      // py::int_ rather than an integer type: pybind11 would convert anything with __int__,
      // including another kind of id, and OrgId(MemberId(3)) must not work.
      .def(py::init([cls_name](const py::int_& number) {
             if (py::isinstance<py::bool_>(number))  // an int subclass, but never an id number
               throw py::type_error(cls_name + "(): the id number must be an int, got bool");
             const auto too_big = [&] {
               return InvalidArgument("id.range", cls_name + " out of range", Location::of(cls_name),
                                      "ids are 0.." + std::to_string(std::numeric_limits<std::uint32_t>::max()) +
                                          ", got " + py::repr(number).cast<std::string>());
             };
             if (number < py::int_(0) || number > py::int_(std::numeric_limits<std::uint32_t>::max())) throw too_big();
             return IdT(number.cast<std::uint32_t>());
           }),
           py::arg("value"), "Id with number `value` (0 .. 2**32-1).")
      .def_property_readonly("value", &IdT::value, "The number.")
      .def("__int__", &IdT::value)
      .def("__hash__", [](IdT id) { return py::hash(py::make_tuple(std::string(Tag::name), id.value())); })
      .def("__eq__", [](IdT a, IdT b) { return a == b; }, py::is_operator())
      .def("__lt__", [](IdT a, IdT b) { return a < b; }, py::is_operator())
      .def("__le__", [](IdT a, IdT b) { return a <= b; }, py::is_operator())
      .def("__gt__", [](IdT a, IdT b) { return a > b; }, py::is_operator())
      .def("__ge__", [](IdT a, IdT b) { return a >= b; }, py::is_operator())
      .def("__repr__", [cls_name](IdT id) { return cls_name + "(" + std::to_string(id.value()) + ")"; })
      .def("__str__", &IdT::to_string, "e.g. 'household 12', as used in error locations.")
      .def(py::pickle([](IdT id) { return py::make_tuple(id.value()); },
                      [cls_name](const py::tuple& s) {
                        require_state_size(s, 1, cls_name.c_str());
                        return IdT(s[0].cast<std::uint32_t>());
                      }));
  cls.attr("kind") = kind;  // a plain class attribute: OrgId.kind == "organization"
}

// ---------------------------------------------------------------------------------------------
// Periods

int half_of(const Period& p) { return p.first().month() == 1 ? 1 : 2; }
int quarter_of(const Period& p) { return (p.first().month() - 1) / 3 + 1; }

std::string period_repr(const Period& p) {
  const std::string y = std::to_string(p.first().year());
  switch (p.kind()) {
    case PeriodKind::Year: return "Period.year(" + y + ")";
    case PeriodKind::HalfYear: return "Period.half_year(" + y + ", " + std::to_string(half_of(p)) + ")";
    case PeriodKind::Quarter: return "Period.quarter(" + y + ", " + std::to_string(quarter_of(p)) + ")";
    case PeriodKind::Month: return "Period.month(" + y + ", " + std::to_string(static_cast<int>(p.first().month())) + ")";
    case PeriodKind::Custom: break;
  }
  auto py_date = [](Date d) {
    const auto ymd = d.year_month_day();
    return "datetime.date(" + std::to_string(static_cast<int>(ymd.year)) + ", " +
           std::to_string(static_cast<int>(ymd.month)) + ", " + std::to_string(static_cast<int>(ymd.day)) + ")";
  };
  return "Period(" + py_date(p.first()) + ", " + py_date(p.last()) + ")";
}

// Rebuilds a period from what pickling stores; the kind decides which factory applies.
Period rebuild_period(PeriodKind kind, Date first, Date last) {
  const int y = first.year();
  Period p = [&] {
    switch (kind) {
      case PeriodKind::Year: return Period::year(y);
      case PeriodKind::HalfYear: return Period::half_year(y, first.month() == 1 ? 1 : 2);
      case PeriodKind::Quarter: return Period::quarter(y, (first.month() - 1) / 3 + 1);
      case PeriodKind::Month: return Period::month(y, first.month());
      case PeriodKind::Custom: break;
    }
    return Period(first, last);
  }();
  if (p.first() != first || p.last() != last) {
    throw InvalidArgument("pickle.state", "inconsistent Period state", {},
                          "first/last " + to_iso(first) + ".." + to_iso(last) + " do not match the kind");
  }
  return p;
}

Date require_date(Date d, const char* field) {
  if (d.is_special()) {
    throw InvalidArgument("period.invalid", "a period needs two dates", Location::of("period", field), "got None");
  }
  return d;
}

void bind_period(py::module_& m) {
  py::enum_<PeriodKind>(m, "PeriodKind", "The granularity a Period was built with; custom for arbitrary ranges.")
      .value("year", PeriodKind::Year)
      .value("half_year", PeriodKind::HalfYear)
      .value("quarter", PeriodKind::Quarter)
      .value("month", PeriodKind::Month)
      .value("custom", PeriodKind::Custom);

  py::class_<Period>(m, "Period",
                     "A closed range of days [first, last] with the kind it was built as (year, half-year, "
                     "quarter, month or custom). Immutable, hashable, picklable.")
      .def(py::init([](Date first, Date last) { return Period(require_date(first, "first"), require_date(last, "last")); }),
           py::arg("first"), py::arg("last"),
           "Custom range; raises InvalidArgument ('period.invalid') when last < first.")
      .def_static("custom", [](Date first, Date last) { return Period(require_date(first, "first"), require_date(last, "last")); },
                  py::arg("first"), py::arg("last"), "Same as Period(first, last).")
      .def_static("year", &Period::year, py::arg("year"), "The calendar year.")
      .def_static("half_year", &Period::half_year, py::arg("year"), py::arg("half"),
                  "Half 1 (Jan-Jun) or 2 (Jul-Dec) of `year`.")
      .def_static("quarter", &Period::quarter, py::arg("year"), py::arg("quarter"), "Quarter 1..4 of `year`.")
      .def_static("month", &Period::month, py::arg("year"), py::arg("month"), "Month 1..12 of `year`.")
      .def_property_readonly("kind", &Period::kind, "The PeriodKind.")
      .def_property_readonly("first", &Period::first, "First day (datetime.date).")
      .def_property_readonly("last", &Period::last, "Last day, included (datetime.date).")
      .def_property_readonly("days", &Period::days, "Number of calendar days, both ends included.")
      .def_property_readonly("label", &Period::label,
                             "'2024', '2024-H1', '2024-Q3', '2024-07' or '2024-03-01..2024-05-15'.")
      .def("contains", &Period::contains, py::arg("day"), "True when `day` lies in [first, last].")
      .def("__contains__", &Period::contains, py::arg("day"))
      .def("next", &Period::next, "The following period of the same kind (custom: same length).")
      .def("__str__", &Period::label)
      .def("__repr__", &period_repr)
      .def("__eq__", [](const Period& a, const Period& b) { return a == b; }, py::is_operator())
      .def("__hash__",
           [](const Period& p) {
             return py::hash(py::make_tuple(static_cast<int>(p.kind()), p.first().day_number(), p.last().day_number()));
           })
      .def(py::pickle([](const Period& p) { return py::make_tuple(p.kind(), p.first(), p.last()); },
                      [](const py::tuple& s) {
                        if (s.size() != 3) throw InvalidArgument("pickle.state", "bad Period state", {}, "expected 3 items");
                        return rebuild_period(s[0].cast<PeriodKind>(), s[1].cast<Date>(), s[2].cast<Date>());
                      }));
}

// ---------------------------------------------------------------------------------------------
// Working-day calendar

// Python's weekday names; the values are Boost's (Sunday = 0 .. Saturday = 6).
void bind_weekday(py::module_& m) {
  py::enum_<Weekday>(m, "Weekday", "Day of the week (values as in the C++ library: sunday = 0 .. saturday = 6).")
      .value("sunday", boost::date_time::Sunday)
      .value("monday", boost::date_time::Monday)
      .value("tuesday", boost::date_time::Tuesday)
      .value("wednesday", boost::date_time::Wednesday)
      .value("thursday", boost::date_time::Thursday)
      .value("friday", boost::date_time::Friday)
      .value("saturday", boost::date_time::Saturday);
}

WeekdaySet weekday_set(const py::iterable& days) {
  WeekdaySet set;
  for (py::handle d : days) {
    if (!py::isinstance<Weekday>(d)) {
      throw py::type_error("weekend days must be massline.Weekday values, got " +
                           py::repr(d).cast<std::string>());
    }
    set.set(d.cast<Weekday>());
  }
  return set;
}

py::frozenset weekday_frozenset(WeekdaySet set) {
  py::list out;
  for (int d = 0; d < 7; ++d)
    if (set.test(static_cast<Weekday>(d))) out.append(py::cast(static_cast<Weekday>(d)));
  return py::frozenset(out);
}

void bind_calendar(py::module_& m) {
  py::class_<WorkCalendar>(
      m, "WorkCalendar",
      "Which days are working days: a weekend (set of Weekday), holidays and extra (make-up) working days. "
      "working_days_between(a, b) counts (a, b]; add_working_days(start, n) is the n-th working day after "
      "start; deadline(start, n) is the last day allowed for 'within n working days'.")
      .def(py::init([](const py::iterable& weekend, std::vector<Date> holidays, std::vector<Date> extra_working_days) {
             return WorkCalendar(weekday_set(weekend), std::move(holidays), std::move(extra_working_days));
           }),
           py::arg("weekend") = py::make_tuple(boost::date_time::Saturday, boost::date_time::Sunday),
           py::arg("holidays") = std::vector<Date>{}, py::arg("extra_working_days") = std::vector<Date>{},
           "Raises InvalidArgument ('calendar.invalid_weekend', 'calendar.conflict', 'date.invalid').")
      .def_static(
          "load_csv",
          [](const std::string& path, const py::iterable& weekend) {
            return io::load_calendar_csv(path, weekday_set(weekend));
          },
          py::arg("path"), py::arg("weekend") = py::make_tuple(boost::date_time::Saturday, boost::date_time::Sunday),
          "Reads a 'date,kind[,note]' CSV file (kind holiday|workday, date may be 'A..B'); raises ParseError "
          "with file/row/column, NotFound when unreadable.")
      .def_static(
          "from_csv_text",
          [](const std::string& text, const std::string& source, const py::iterable& weekend) {
            std::istringstream in(text);
            return io::read_calendar_csv(in, source, weekday_set(weekend));
          },
          py::arg("text"), py::arg("source") = "<string>",
          py::arg("weekend") = py::make_tuple(boost::date_time::Saturday, boost::date_time::Sunday),
          "Same as load_csv on the CSV text itself; `source` names it in errors.")
      .def_property_readonly("weekend", [](const WorkCalendar& c) { return weekday_frozenset(c.weekend()); },
                             "frozenset of Weekday not worked.")
      .def_property_readonly("holidays", &WorkCalendar::holidays, "Declared holidays, sorted (list of date).")
      .def_property_readonly("extra_working_days", &WorkCalendar::extra_working_days,
                             "Declared extra working days, sorted (list of date).")
      .def("add_holiday", [](WorkCalendar& c, Date day) { c.add_holiday(day); }, py::arg("day"),
           "Declares `day` a holiday ('calendar.conflict' when it is an extra working day).")
      .def("add_working_day", [](WorkCalendar& c, Date day) { c.add_working_day(day); }, py::arg("day"),
           "Declares `day` an extra working day ('calendar.conflict' when it is a holiday).")
      .def("is_working_day", &WorkCalendar::is_working_day, py::arg("day"), "True when `day` is worked.")
      .def("working_days_between", &WorkCalendar::working_days_between, py::arg("a"), py::arg("b"),
           "Working days in (a, b] when a <= b; minus those in [b, a) when b < a.")
      .def("working_days_in", &WorkCalendar::working_days_in, py::arg("period"),
           "Working days in the period, both ends included.")
      .def("add_working_days", &WorkCalendar::add_working_days, py::arg("start"), py::arg("n"),
           "The n-th working day after `start` (n > 0), the |n|-th before (n < 0), or `start` (n == 0).")
      .def("deadline", &WorkCalendar::deadline, py::arg("start"), py::arg("working_days"),
           "Last day allowed for a task registered on `start` to be done within `working_days` working days.")
      .def("next_working_day", &WorkCalendar::next_working_day, py::arg("day"), "First working day after `day`.")
      .def("previous_working_day", &WorkCalendar::previous_working_day, py::arg("day"),
           "Last working day before `day`.")
      .def("__repr__",
           [](const WorkCalendar& c) {
             return "<WorkCalendar: " + std::to_string(c.weekend().count()) + " weekend days, " +
                    std::to_string(c.holidays().size()) + " holidays, " +
                    std::to_string(c.extra_working_days().size()) + " extra working days>";
           })
      .def(py::pickle(
          [](const WorkCalendar& c) { return py::make_tuple(c.weekend().bits(), c.holidays(), c.extra_working_days()); },
          [](const py::tuple& s) {
            if (s.size() != 3) throw InvalidArgument("pickle.state", "bad WorkCalendar state", {}, "expected 3 items");
            return WorkCalendar(WeekdaySet::from_bits(s[0].cast<std::uint32_t>()), s[1].cast<std::vector<Date>>(),
                                s[2].cast<std::vector<Date>>());
          }));
}

}  // namespace

void register_core(py::module_& core) {
  py::detail::type_caster<Date>::datetime_types();
  bind_location(core);
  bind_errors(core);

  bind_id<OrgTag>(core, "OrgId");
  bind_id<MemberTag>(core, "MemberId");
  bind_id<HouseholdTag>(core, "HouseholdId");
  bind_id<PairingTag>(core, "PairingId");
  bind_id<CommitmentTag>(core, "CommitmentId");
  bind_id<ServicePostTag>(core, "ServicePostId");
  bind_id<ContactTag>(core, "ContactId");
  bind_id<AppealTag>(core, "AppealId");
  bind_id<SurveyResponseTag>(core, "SurveyResponseId");
  bind_id<ActivityTag>(core, "ActivityId");

  bind_period(core);
  bind_weekday(core);
  bind_calendar(core);
}

}  // namespace massline::python
