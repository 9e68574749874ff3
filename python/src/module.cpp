// massline._core: creates one submodule per layer and lets each register_<layer>.cpp fill it.
#include "bindings.hpp"

#include <string>

namespace py = pybind11;

#ifndef MASSLINE_VERSION
#error "MASSLINE_VERSION must be defined by the build (python/CMakeLists.txt)"
#endif

PYBIND11_MODULE(_core, m) {
  m.doc() = "massline's compiled core. Use the public package `massline` instead of importing this directly.";
  m.attr("__version__") = MASSLINE_VERSION;

  // Order matters: model uses core's types (ids, dates, errors); io and scoring use model's.
  auto core = m.def_submodule("core", "Ids, errors, dates, periods, calendars and random streams.");
  auto model = m.def_submodule("model", "Value types, the Registry and column exports for pandas.");
  auto io = m.def_submodule("io", "Synthetic populations and (later) file formats.");
  auto scoring = m.def_submodule("scoring", "Satisfaction rates, scores, roll-ups and CSI models.");

  // Make the submodules importable by name (`import massline._core.model`), which pickle needs
  // for classes that keep their defining module as __module__.
  py::dict modules = py::module_::import("sys").attr("modules");
  const std::string prefix = py::str(m.attr("__name__"));
  modules[py::str(prefix + ".core")] = core;
  modules[py::str(prefix + ".model")] = model;
  modules[py::str(prefix + ".io")] = io;
  modules[py::str(prefix + ".scoring")] = scoring;

  massline::python::register_core(core);
  massline::python::register_random(core);
  massline::python::register_model(model);
  massline::python::register_io(io);
  massline::python::register_scoring(scoring);
  massline::python::register_scoring_pls(scoring);
  massline::python::register_scoring_rollup(scoring);
}
