// Object life cycle of every compiled class: safe whatever order Python calls __new__,
// __init__ and __setstate__ in (docs/python.md, "Object life cycle").
//
// pybind11 lets `cls.__new__(cls)` (pickle protocol 2 does it too) create an instance whose C++
// value was never constructed, and the same state remains after an __init__ or __setstate__
// that raised. When such an instance is later passed to a method, pybind11's generic caster
// "lazily allocates" the value: it takes uninitialised memory of the right size and hands it to
// the method as if it were a live object (garbage sizes, bad_alloc, segfaults). That allocation
// goes through the class's type_info::operator_new when one is set, so installing one that
// throws turns every such use into a located StateError, for every class at once and with no
// change to the individual bindings. A second __init__/__setstate__ on a live object is already
// ignored by pybind11 (it never constructs twice).
//
// Classes that Python cannot construct at all (no __init__, no __setstate__: registry views,
// their iterators, results) additionally get a __new__ that raises TypeError, so they cannot be
// created from Python in the first place; pybind11 creates their instances without tp_new.
#include "bindings.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace massline::python {
namespace {

constexpr std::string_view kOwnPrefix = "massline._core.";

[[noreturn]] void* refuse_unconstructed(std::size_t /*size*/) {
  throw StateError("object.unconstructed", "object used before it was constructed", Location::of("object"),
                   "it was made by __new__ without __init__, or its __init__/__setstate__ raised; build it with "
                   "its constructor (or unpickle a state it produced)");
}

// True when @p type's own dict binds @p name to a pybind11 function (pybind11 wraps methods in
// instancemethod); a class without constructors still has an "__init__" slot wrapper there.
bool binds(PyTypeObject* type, const char* name) {
  PyObject* item = PyDict_GetItemString(type->tp_dict, name);  // borrowed; no error set on absence
  return item != nullptr && PyInstanceMethod_Check(item);
}

}  // namespace

void harden_classes() {
  py::cpp_function refuse_new(
      [](const py::handle& cls, const py::args&, const py::kwargs&) {
        const std::string name = py::str(cls.attr("__qualname__"));
        throw py::type_error("cannot create massline." + name +
                             " objects from Python: they are returned by the library (e.g. registry views)");
      },
      py::name("__new__"));
  for (const auto& [type, infos] : py::detail::get_internals().registered_types_py) {
    if (std::string_view(type->tp_name).substr(0, kOwnPrefix.size()) != kOwnPrefix) continue;
    for (py::detail::type_info* info : infos) info->operator_new = &refuse_unconstructed;
    if (!binds(type, "__init__") && !binds(type, "__setstate__")) {
      py::setattr(reinterpret_cast<PyObject*>(type), "__new__", py::staticmethod(refuse_new));
    }
  }
}

}  // namespace massline::python
