// massline._core: creates one submodule per layer and lets each register_<layer>.cpp fill it.
#include "bindings.hpp"

#include <string>
#include <utility>

namespace py = pybind11;

#ifndef MASSLINE_VERSION
#error "MASSLINE_VERSION must be defined by the build (python/CMakeLists.txt)"
#endif

PYBIND11_MODULE(_core, m) {
  m.doc() = "massline's compiled core. Use the public package `massline` instead of importing this directly.";
  m.attr("__version__") = MASSLINE_VERSION;

  // One submodule per C++ layer, lowest first: each uses the types of those before it (model
  // uses core's ids, dates and errors; synth and scoring use model's; io uses scoring's).
  auto core = m.def_submodule("core", "Ids, errors, dates, periods, calendars and random streams.");
  auto model = m.def_submodule("model", "Value types, the Registry and column exports for pandas.");
  auto policy = m.def_submodule("policy", "Policy sets as data: quotas, coverage rules, appeal deadlines (docs/policy.md).");
  auto synth = m.def_submodule("synth", "The synthetic-population generator.");
  auto network = m.def_submodule("network", "The four-level network as a graph: coverage, escalation, paths, and the min-cost assignment.");
  auto scoring = m.def_submodule("scoring", "Satisfaction rates, scores, roll-ups and CSI models.");
  auto sim = m.def_submodule("sim", "The satisfaction simulation: scenarios and replications (docs/simulation.md).");
  auto io = m.def_submodule("io", "File formats: the indicator-system file and the appeal logs.");

  // Make the submodules importable by name (`import massline._core.model`), which pickle needs
  // for classes that keep their defining module as __module__.
  py::dict modules = py::module_::import("sys").attr("modules");
  const std::string prefix = py::str(m.attr("__name__"));
  for (const auto& [name, submodule] : {std::pair{"core", core}, std::pair{"model", model}, std::pair{"policy", policy}, std::pair{"synth", synth},
                                        std::pair{"network", network}, std::pair{"scoring", scoring}, std::pair{"sim", sim}, std::pair{"io", io}}) {
    modules[py::str(prefix + "." + name)] = submodule;
  }

  massline::python::register_core(core);
  massline::python::register_random(core);
  massline::python::register_model(model);
  massline::python::register_model_duplicates(model);
  massline::python::register_policy(policy);
  massline::python::register_policy_compliance(policy);
  massline::python::register_policy_points(policy);
  massline::python::register_policy_appeals(policy);
  massline::python::register_synth(synth);
  massline::python::register_network_assignment(network);
  massline::python::register_network(network);
  massline::python::register_scoring(scoring);
  massline::python::register_scoring_pls(scoring);
  massline::python::register_scoring_rollup(scoring);
  massline::python::register_sim(sim);
  massline::python::register_io(io);
  massline::python::register_io_registry(io);
  massline::python::register_io_privacy(io);
  massline::python::register_io_appraisal(io);
  massline::python::harden_classes();  // after every class exists
}
