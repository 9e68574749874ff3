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
#include <cstddef>
#include <functional>
#include <optional>
#include <ranges>
#include <span>
#include <string>

namespace massline::python {

/// A C-contiguous input array of T: no copy when dtype and layout already match.
template <class T>
using In = py::array_t<T, py::array::c_style | py::array::forcecast>;

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
