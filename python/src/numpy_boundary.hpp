#pragma once
// The numpy boundary of massline._core, in one place. Every binding file that passes numpy
// arrays includes this header (never <pybind11/numpy.h> itself), so arrays cross the same way
// everywhere:
//
//   in:  In<T> is a C-contiguous array of T. An array that already has that dtype and layout
//        is used without a copy; anything else (a list, another dtype, a strided view) is
//        converted once by pybind11. span_of() gives the elements as std::span<const T>, valid
//        while the In<T> lives (also with the GIL released: the In<T> holds a reference).
//        require_ndim() rejects the wrong number of dimensions with a located InvalidArgument.
//        Ints<T, "name"> is In<T> for integer inputs: converted only when every element is a
//        whole number in T's range (a float array of 1.0, 2.0 is fine; NaN, 1.5, -1 for an
//        unsigned T, booleans are refused with InvalidArgument "input.integer" naming the
//        argument and the index), never truncated or wrapped as forcecast would.
//   out: readonly_view() shows memory owned by a C++ result object without copying; the view
//        keeps its owner alive and is not writeable, so Python can neither outlive nor modify
//        the C++ data. to_array() copies a C++ range into a new array (optionally projecting
//        each element); new_array() + elements() allocate one to fill in place, for example
//        in a loop with the GIL released (nothing else can see the array yet).
//
// Eigen matrices cross through pybind11/eigen.h instead (register_scoring*.cpp): arguments are
// copied into Eigen types, and Eigen members bound with def_readonly are likewise read-only
// views that keep their owner alive.
#include "bindings.hpp"

#include <massline/core/error.hpp>

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <functional>
#include <optional>
#include <ranges>
#include <span>
#include <string>

namespace massline::python {

/// A C-contiguous input array of T: no copy when dtype and layout already match.
template <class T>
using In = py::array_t<T, py::array::c_style | py::array::forcecast>;

/// A string literal as a template argument: the name of an Ints argument.
template <std::size_t N>
struct ArgumentName {
  constexpr ArgumentName(const char (&text)[N]) { std::copy_n(text, N, chars); }  // NOLINT(google-explicit-constructor)
  char chars[N];
};

/// Throws InvalidArgument "input.integer" located at ("arrays", @p name).
[[noreturn]] inline void not_integers(const char* name, const std::string& why) {
  throw InvalidArgument("input.integer", std::string(name) + " must hold integers", Location::of("arrays", name), why);
}

/// @p src as a C-contiguous array of T, checked element by element when its dtype is not an
/// integer dtype that always fits T. Returns nothing (pybind11: TypeError) for what is not an
/// array of numbers at all (strings, dates).
template <class T>
std::optional<In<T>> checked_integers(py::handle src, const char* name) {
  auto a = py::array::ensure(src);
  if (!a) return std::nullopt;
  const auto kind = a.dtype().attr("kind").template cast<std::string>();
  const auto at = [](py::ssize_t i) { return "element " + std::to_string(i); };
  if (kind == "b") not_integers(name, "got booleans (dtype bool); pass 0 and 1 as integers");
  if (kind == "i" || kind == "u") {
    if (py::module_::import("numpy").attr("can_cast")(a.dtype(), py::dtype::of<T>(), "safe").template cast<bool>())
      return In<T>::ensure(a);
    auto check = [&](const auto& wide) {
      const auto* data = wide.data();
      for (py::ssize_t i = 0; i < wide.size(); ++i)
        if (!std::in_range<T>(data[i])) not_integers(name, at(i) + " is " + std::to_string(data[i]) + ", outside the range of the type");
    };
    if (kind == "i") {
      check(In<std::int64_t>::ensure(a));
    } else {
      check(In<std::uint64_t>::ensure(a));
    }
    return In<T>::ensure(a);
  }
  if (kind == "f") {
    const auto wide = In<double>::ensure(a);
    const double low = static_cast<double>(std::numeric_limits<T>::min());
    const double past = static_cast<double>(std::numeric_limits<T>::max()) + 1.0;  // a power of two: exact
    for (py::ssize_t i = 0; i < wide.size(); ++i) {
      const double x = wide.data()[i];
      if (std::isnan(x)) not_integers(name, at(i) + " is NaN (missing)");
      if (!std::isfinite(x) || std::floor(x) != x) not_integers(name, at(i) + " is " + py::repr(py::float_(x)).template cast<std::string>() + ", not a whole number");
      if (!(x >= low && x < past)) not_integers(name, at(i) + " is " + py::repr(py::float_(x)).template cast<std::string>() + ", outside the range of the type");
    }
    return In<T>::ensure(wide);
  }
  if (kind == "O") {  // e.g. a list mixing ints and None: each element on its own
    const auto flat = a.attr("ravel")();
    auto out = In<T>(a.size());
    py::ssize_t i = 0;
    for (const auto item : flat) {
      py::detail::make_caster<T> caster;  // the strict integer caster of bindings.hpp
      if (caster.load(item, true)) {
        out.mutable_data()[i++] = py::detail::cast_op<T>(caster);
        continue;
      }
      if (py::isinstance<py::float_>(item)) {
        const double x = item.template cast<double>();
        const double past = static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
        if (std::floor(x) == x && x >= static_cast<double>(std::numeric_limits<T>::min()) && x < past) {
          out.mutable_data()[i++] = static_cast<T>(x);
          continue;
        }
      }
      not_integers(name, at(i) + " is " + py::repr(item).template cast<std::string>() + ", not an integer in the range of the type");
    }
    return out.attr("reshape")(a.attr("shape")).template cast<In<T>>();
  }
  return std::nullopt;
}

/// An integer input array named @p Name in errors (see checked_integers). It holds its In<T>
/// (not derives from it, which pybind11 would take for a plain array) and converts to it.
template <class T, ArgumentName Name>
struct Ints {
  In<T> array;
  operator const In<T>&() const { return array; }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] py::ssize_t ndim() const { return array.ndim(); }
  [[nodiscard]] py::ssize_t size() const { return array.size(); }
  [[nodiscard]] py::ssize_t shape(py::ssize_t dim) const { return array.shape(dim); }
};

/// The elements of @p a (all of them, whatever its shape, in C order).
template <class T>
std::span<const T> span_of(const In<T>& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}
/// The elements of an optional array; empty for None.
template <class T>
std::span<const T> span_of(const std::optional<In<T>>& a) {
  return a ? span_of(*a) : std::span<const T>{};
}

/// Throws InvalidArgument(@p code) located at ("arrays", @p name) unless @p a has @p ndim dimensions.
template <class T>
void require_ndim(const In<T>& a, py::ssize_t ndim, const char* code, const char* name) {
  if (a.ndim() == ndim) return;
  throw InvalidArgument(code, std::string(name) + " has the wrong number of dimensions", Location::of("arrays", name),
                        "expected " + std::to_string(ndim) + ", got " + std::to_string(a.ndim()));
}
/// As above; None passes.
template <class T>
void require_ndim(const std::optional<In<T>>& a, py::ssize_t ndim, const char* code, const char* name) {
  if (a) require_ndim(*a, ndim, code, name);
}

/// span_of() and require_ndim() of an Ints or an optional one (None: empty / passes).
template <class T, ArgumentName Name>
std::span<const T> span_of(const Ints<T, Name>& a) {
  return span_of(a.array);
}
template <class T, ArgumentName Name>
std::span<const T> span_of(const std::optional<Ints<T, Name>>& a) {
  return a ? span_of(a->array) : std::span<const T>{};
}
template <class T, ArgumentName Name>
void require_ndim(const Ints<T, Name>& a, py::ssize_t ndim, const char* code, const char* name) {
  require_ndim(a.array, ndim, code, name);
}
template <class T, ArgumentName Name>
void require_ndim(const std::optional<Ints<T, Name>>& a, py::ssize_t ndim, const char* code, const char* name) {
  if (a) require_ndim(a->array, ndim, code, name);
}

/// A read-only 1-D numpy view of @p data, which @p owner (the Python object holding the C++
/// object that owns the memory) keeps alive for as long as the view exists.
template <class T>
py::array_t<T> readonly_view(std::span<const T> data, const py::object& owner) {
  py::array_t<T> out(static_cast<py::ssize_t>(data.size()), data.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}

/// A new 1-D array of @p n elements, not initialised: fill it through elements().
template <class T>
py::array_t<T> new_array(std::size_t n) {
  return py::array_t<T>(static_cast<py::ssize_t>(n));
}
/// The elements of an array made by new_array(), for filling.
template <class T>
std::span<T> elements(py::array_t<T>& a) {
  return {a.mutable_data(), static_cast<std::size_t>(a.size())};
}

/// A new array holding project(v) converted to T for every element v of @p values.
template <class T, std::ranges::sized_range R, class Project>
py::array_t<T> to_array(const R& values, Project project) {
  auto out = new_array<T>(static_cast<std::size_t>(std::ranges::size(values)));
  std::ranges::transform(values, elements(out).begin(), [&](const auto& v) { return static_cast<T>(project(v)); });
  return out;
}
/// A new array holding a copy of @p values.
template <std::ranges::sized_range R>
auto to_array(const R& values) {
  return to_array<std::ranges::range_value_t<R>>(values, std::identity{});
}

}  // namespace massline::python

namespace pybind11::detail {

template <class T, massline::python::ArgumentName Name>
struct type_caster<massline::python::Ints<T, Name>> {
  using Value = massline::python::Ints<T, Name>;
  PYBIND11_TYPE_CASTER(Value, handle_type_name<massline::python::In<T>>::name);

  bool load(handle src, bool /*convert*/) {
    auto checked = massline::python::checked_integers<T>(src, Name.chars);
    if (!checked) {
      PyErr_Clear();
      return false;
    }
    value = Value{std::move(*checked)};
    return true;
  }
  static handle cast(const Value& src, return_value_policy /*policy*/, handle /*parent*/) {
    return src.array.inc_ref();
  }
};

}  // namespace pybind11::detail
