// Python bindings for the sim layer (massline._core.sim): scenarios and the replication runner.
// The public entry points are massline.sim.Scenario and massline.sim.run (python/massline/sim.py).
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/policy/policy_set.hpp>
#include <massline/sim/params.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace massline::python {

void register_sim(py::module_& m) {
  bind_enum<sim::Strategy>(m, "Strategy", "Which contact households a member visits on a field day (docs/simulation.md).");

  py::class_<sim::Scenario>(m, "Scenario",
                            "A compiled, immutable simulation scenario. Build it with massline.sim.Scenario.from_registry "
                            "or .preset.")
      .def_static(
          "from_registry",
          [](const Registry& registry, const policy::PolicySet& policy, const ParameterValues& values, sim::Strategy strategy,
             const WorkCalendar& calendar) {
            // Reads the registry, which Python can change: the GIL stays held (docs/python.md, "Threads").
            return interruptible(Gil::keep, [&] { return sim::Scenario::from_registry(registry, policy, values, strategy, calendar); });
          },
          py::arg("registry"), py::arg("policy"), py::arg("values"), py::arg("strategy"), py::arg("calendar"),
          "Compiles `registry` under `policy` with parameters `values` ({name: number}).")
      .def_static(
          "preset",
          [](const std::string& name, std::uint64_t seed, const ParameterValues& values, sim::Strategy strategy,
             const policy::PolicySet& policy, const WorkCalendar& calendar) {
            // Copies of the inputs: nothing Python can reach is read while the GIL is released.
            return interruptible(Gil::release, [name, seed, values, strategy, policy, calendar] {
              return sim::Scenario::preset(name, seed, values, strategy, policy, calendar);
            });
          },
          py::arg("name"), py::arg("seed"), py::arg("values"), py::arg("strategy"), py::arg("policy"), py::arg("calendar"),
          "Generates synth preset `name` from `seed` and compiles it.")
      .def_property_readonly("households", &sim::Scenario::households, "Households simulated.")
      .def_property_readonly("members", &sim::Scenario::members, "Members with contact households.")
      .def_property_readonly("units", &sim::Scenario::units, "Reported units.")
      .def_property_readonly("strategy", &sim::Scenario::strategy, "The visiting strategy.")
      .def_property_readonly("period_labels", [](const sim::Scenario& s) { return s.data().period_labels; },
                             "'YYYY-MM' per month of the horizon, then 'all'.")
      .def(
          "unit_columns",
          [](const sim::Scenario& s) {
            py::dict out;
            out["unit"] = to_array(s.data().unit_org);
            out["code"] = s.data().unit_code;
            out["name"] = s.data().unit_name;
            out["level"] = to_array(s.data().unit_level);
            return out;
          },
          "The reported units: their OrgId value, code, name and level, as columns.")
      .def("values", &sim::Scenario::values, "Every parameter in force by name: the sim's own, then the synth levers.")
      .def("__repr__", [](const sim::Scenario& s) {
        return "Scenario(households=" + std::to_string(s.households()) + ", members=" + std::to_string(s.members()) +
               ", units=" + std::to_string(s.units()) + ", strategy='" +
               std::string(enum_names(sim::Strategy{})[enum_index(s.strategy())]) + "')";
      });

  m.def("parameters", &sim::parameters, "Every parameter a scenario accepts (ParameterInfo), own ones then the synth levers.");
  m.def("lever_names", &sim::lever_names, py::return_value_policy::copy, "The synth parameters the simulation reads.");
  m.def("metric_names", [] {
    py::list out;
    for (auto name : enum_names(sim::Metric{})) out.append(py::str(std::string(name)));
    return out;
  });

  m.def(
      "run",
      [](const sim::Scenario& scenario, std::size_t replications, std::uint64_t seed, std::size_t threads,
         StrictBool check_conservation, StrictBool trace_appeals) {
        sim::RunOptions options;
        options.replications = replications;
        options.seed = seed;
        options.threads = threads;
        options.check_conservation = check_conservation;
        options.trace_appeals = trace_appeals;
        // The scenario is immutable and held by the caller's argument: safe without the GIL.
        sim::Results r = interruptible(Gil::release, [&] { return sim::run(scenario, options); });
        py::dict out;
        out["replication"] = to_array(r.replication);
        out["unit"] = to_array(r.unit);
        out["period"] = to_array(r.period);
        out["metric"] = to_array<std::uint8_t>(r.metric, [](sim::Metric k) { return enum_index(k); });
        out["value"] = to_array(r.value);
        out["period_labels"] = r.period_labels;
        if (trace_appeals) {
          py::dict appeals;
          appeals["replication"] = to_array<std::uint32_t>(r.appeals, [](const sim::AppealTrace& a) { return a.replication; });
          appeals["household"] = to_array<std::uint32_t>(r.appeals, [](const sim::AppealTrace& a) { return a.household; });
          appeals["raised"] = to_array<std::int32_t>(r.appeals, [](const sim::AppealTrace& a) { return a.raised; });
          appeals["closed"] = to_array<std::int32_t>(r.appeals, [](const sim::AppealTrace& a) { return a.closed; });
          appeals["outcome"] = to_array<std::uint8_t>(r.appeals, [](const sim::AppealTrace& a) { return enum_index(a.outcome); });
          appeals["level"] = to_array<std::uint8_t>(r.appeals, [](const sim::AppealTrace& a) { return a.level; });
          appeals["escalations"] = to_array<std::uint8_t>(r.appeals, [](const sim::AppealTrace& a) { return a.escalations; });
          appeals["by_visit"] = to_array<bool>(r.appeals, [](const sim::AppealTrace& a) { return a.by_visit; });
          out["appeals"] = appeals;
        }
        return out;
      },
      py::arg("scenario"), py::arg("replications"), py::arg("seed"), py::arg("threads"), py::kw_only(),
      py::arg("check_conservation") = StrictBool{false}, py::arg("trace_appeals") = StrictBool{false},
      "Runs the replications with the GIL released (Ctrl-C cancels); returns the result columns. Use massline.sim.run.");
}

}  // namespace massline::python
