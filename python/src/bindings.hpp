#pragma once
// Shared by every python/src/register_*.cpp: the conversions that must be identical in all
// translation units (dates, strict integers), helpers for enums, and the register_<layer>
// declarations.
//
// Include this header (instead of <pybind11/pybind11.h> alone) in every binding file; files
// that pass numpy arrays include numpy_boundary.hpp, which includes this one.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace massline::python {
namespace py = pybind11;

// One per compiled submodule, which mirror the C++ layers (module.cpp calls them lowest first).
void register_core(py::module_& core);
void register_random(py::module_& core);
void register_model(py::module_& model);
void register_model_duplicates(py::module_& model);
void register_policy(py::module_& policy);
void register_policy_compliance(py::module_& policy);
void register_policy_points(py::module_& policy);
void register_policy_appeals(py::module_& policy);
void register_synth(py::module_& synth);
void register_sim(py::module_& sim);
void register_network(py::module_& network);
void register_scoring(py::module_& scoring);
void register_scoring_pls(py::module_& scoring);
void register_scoring_rollup(py::module_& scoring);
void register_network_assignment(py::module_& network);
void register_io(py::module_& io);
void register_io_registry(py::module_& io);
void register_io_privacy(py::module_& io);
void register_io_appraisal(py::module_& io);

/// Bumped by every binding that changes a registry (register_model.cpp; docs/python.md, "Threads").
void note_registry_change() noexcept;

/// Called once after every register_*(): makes every compiled class safe against use before
/// construction (a StateError 'object.unconstructed' instead of uninitialised memory) and
/// refuses __new__ on classes Python cannot construct (lifecycle.cpp).
void harden_classes();

/// Refuses a pickled state (a tuple) of the wrong length with InvalidArgument "pickle.state"
/// naming the class, before any item is read (an item of the wrong type raises TypeError
/// through the cast_error translation in register_core.cpp).
inline void require_state_size(const py::tuple& state, std::size_t items, const char* cls) {
  if (state.size() != items) {
    throw InvalidArgument("pickle.state", std::string("bad ") + cls + " state", Location::of(cls),
                          "expected " + std::to_string(items) + " items, got " + std::to_string(state.size()));
  }
}

/// A bool parameter or field that takes True or False (or numpy.bool_) and nothing else.
/// pybind11's own bool caster, in the convert pass every argument gets, takes any object with
/// __bool__: None, 0.5, 2 or a one-element array would all silently become a flag. Bindings
/// declare their flags as StrictBool instead of bool; it converts to bool implicitly.
struct StrictBool {
  bool value = false;
  constexpr operator bool() const noexcept { return value; }  // NOLINT(google-explicit-constructor)
};

/// Binds enum @p E under @p name with its enum_names() as Python names (snake_case, the
/// same names files and pandas categories use), e.g. OrgLevel.county.
template <class E, class... Extra>
py::enum_<E> bind_enum(py::handle scope, const char* name, const char* doc, const Extra&... extra) {
  py::enum_<E> cls(scope, name, doc, extra...);
  constexpr auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string label(names[i]);
    cls.value(label.c_str(), static_cast<E>(static_cast<int>(i) + first_enumerator<E>()));
  }
  return cls;
}

}  // namespace massline::python

namespace pybind11::detail {

/// massline::Date (boost::gregorian::date) <-> datetime.date. None (or pandas.NaT) <-> not-a-date
/// (an unset date field); a datetime.datetime (or pandas.Timestamp) is accepted only at midnight without
/// time zone, so no time of day is silently dropped. Days outside 1400..9999 raise
/// massline.InvalidArgument ("date.invalid").
template <>
struct type_caster<boost::gregorian::date> {
 public:
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool /*convert*/) {
    if (!src) return false;
    if (src.is_none()) {
      value = boost::gregorian::date(boost::gregorian::not_a_date_time);
      return true;
    }
    // pandas.NaT is pandas' missing date (what frames export for an unset one); it subclasses
    // datetime but has NaN fields, so it is recognised by its type, without importing pandas.
    if (is_nat(src)) {
      value = boost::gregorian::date(boost::gregorian::not_a_date_time);
      return true;
    }
    // isinstance() and attribute access rather than the <datetime.h> macros: those are C casts
    // (rejected by -Wold-style-cast) and the conversion is not on a hot path.
    const auto& types = datetime_types();
    if (!isinstance(src, types.first)) return false;
    int year = 0, month = 0, day = 0;
    try {
      if (isinstance(src, types.second)) {
        const bool midnight = src.attr("hour").cast<int>() == 0 && src.attr("minute").cast<int>() == 0 &&
                              src.attr("second").cast<int>() == 0 && src.attr("microsecond").cast<int>() == 0;
        if (!midnight || !src.attr("tzinfo").is_none()) return false;
      }
      year = src.attr("year").cast<int>();
      month = src.attr("month").cast<int>();
      day = src.attr("day").cast<int>();
    } catch (const cast_error&) {
      return false;  // a date subclass with fields that are not ints: a TypeError naming the call
    }
    value = massline::make_date(year, month, day);
    return true;
  }

  static bool is_nat(handle src) {
    const std::string_view name = Py_TYPE(src.ptr())->tp_name;
    return name == "NaTType" || name.ends_with(".NaTType");
  }

  static handle cast(const boost::gregorian::date& date, return_value_policy /*policy*/, handle /*parent*/) {
    if (date.is_special()) return none().release();
    const auto ymd = date.year_month_day();
    return datetime_types()
        .first(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day))
        .release();
  }

  // (datetime.date, datetime.datetime), looked up once and kept for the process lifetime
  // (register_core calls this at import, so the lookup never happens on another thread).
  static const std::pair<object, object>& datetime_types() {
    static const auto* types = [] {
      module_ datetime = module_::import("datetime");
      return new std::pair<object, object>(datetime.attr("date"), datetime.attr("datetime"));
    }();
    return *types;
  }
};

/// Every C++ integer parameter, field and cast takes a Python int (or an object with
/// __index__, such as numpy.int64) and nothing else: a float (1.5, even 2.0, numpy.float32), a
/// bool, a str or an int outside the C++ type's range fails to convert, so pybind11 raises
/// TypeError naming the call instead of truncating (pybind11's own caster truncates anything
/// with __int__ and takes True as 1). Defined here, before any binding uses an integer, and
/// identical in every translation unit because every binding file includes this header first.
template <class T>
struct strict_integer_caster {
 public:
  PYBIND11_TYPE_CASTER(T, const_name("int"));

  bool load(handle src, bool /*convert*/) {
    if (!src || isinstance<bool_>(src) || is_numpy_bool(src)) return false;
    if (!isinstance<int_>(src) && PyIndex_Check(src.ptr()) == 0) return false;
    const auto index = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
    if (!index) {
      PyErr_Clear();
      return false;
    }
    if constexpr (std::is_signed_v<T>) {
      int overflow = 0;
      const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
      if (overflow != 0 || (v == -1 && PyErr_Occurred() != nullptr) || !std::in_range<T>(v)) {
        PyErr_Clear();
        return false;
      }
      value = static_cast<T>(v);
    } else {
      const unsigned long long v = PyLong_AsUnsignedLongLong(index.ptr());  // negative or too large: error
      if ((v == static_cast<unsigned long long>(-1) && PyErr_Occurred() != nullptr) || !std::in_range<T>(v)) {
        PyErr_Clear();
        return false;
      }
      value = static_cast<T>(v);
    }
    return true;
  }

  static handle cast(T src, return_value_policy /*policy*/, handle /*parent*/) {
    if constexpr (std::is_signed_v<T>) {
      return PyLong_FromLongLong(static_cast<long long>(src));
    } else {
      return PyLong_FromUnsignedLongLong(static_cast<unsigned long long>(src));
    }
  }

 private:
  // numpy.bool_ has no __index__ in current numpy, but older ones had: refuse it by its type.
  static bool is_numpy_bool(handle src) {
    const std::string_view name = Py_TYPE(src.ptr())->tp_name;
    return name == "numpy.bool_" || name == "numpy.bool";
  }
};

/// Takes exactly Python's True and False, and numpy.bool_ (numpy's comparison results), so a
/// None, number or string passed as a flag is a TypeError naming the call (see StrictBool).
template <>
struct type_caster<massline::python::StrictBool> {
 public:
  PYBIND11_TYPE_CASTER(massline::python::StrictBool, const_name("bool"));

  bool load(handle src, bool /*convert*/) {
    if (!src) return false;
    if (src.ptr() == Py_True || src.ptr() == Py_False) {
      value.value = src.ptr() == Py_True;
      return true;
    }
    const std::string_view type_name = Py_TYPE(src.ptr())->tp_name;
    if (type_name != "numpy.bool_" && type_name != "numpy.bool") return false;
    const int truth = PyObject_IsTrue(src.ptr());
    if (truth < 0) {
      PyErr_Clear();
      return false;
    }
    value.value = truth != 0;
    return true;
  }

  static handle cast(massline::python::StrictBool src, return_value_policy /*policy*/, handle /*parent*/) {
    return handle(src.value ? Py_True : Py_False).inc_ref();
  }
};

template <> class type_caster<signed char> : public strict_integer_caster<signed char> {};
template <> class type_caster<unsigned char> : public strict_integer_caster<unsigned char> {};
template <> class type_caster<short> : public strict_integer_caster<short> {};
template <> class type_caster<unsigned short> : public strict_integer_caster<unsigned short> {};
template <> class type_caster<int> : public strict_integer_caster<int> {};
template <> class type_caster<unsigned int> : public strict_integer_caster<unsigned int> {};
template <> class type_caster<long> : public strict_integer_caster<long> {};
template <> class type_caster<unsigned long> : public strict_integer_caster<unsigned long> {};
template <> class type_caster<long long> : public strict_integer_caster<long long> {};
template <> class type_caster<unsigned long long> : public strict_integer_caster<unsigned long long> {};

}  // namespace pybind11::detail
