// Python bindings for the sim layer (massline._core.sim): scenarios and the replication runner.
// The public entry points are massline.sim.Scenario and massline.sim.run (python/massline/sim.py).
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/policy/policy_set.hpp>
#include <massline/sim/params.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>
#include <massline/sim/survey.hpp>
#include <massline/sim/sweep.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace massline::python {
namespace {

py::dict results_dict(const sim::Results& r, bool trace_appeals) {
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
}

sim::SweepPlan plan_of(std::vector<std::string> levers, std::vector<std::vector<double>> points) {
  sim::SweepPlan plan;
  plan.levers = std::move(levers);
  plan.points = std::move(points);
  return plan;
}

}  // namespace

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
      .def(
          "with_values",
          [](const sim::Scenario& s, const ParameterValues& changes, std::optional<sim::Strategy> strategy) {
            // The scenario's own source is immutable: safe without the GIL.
            return interruptible(Gil::release, [&] { return s.with(changes, strategy); });
          },
          py::arg("changes"), py::arg("strategy") = py::none(),
          "The scenario rebuilt with `changes` merged over its given values (and another strategy if given).")
      .def("check_changes", &sim::Scenario::check_changes, py::arg("changes"),
           "Checks `changes` as with_values would, without building anything.")
      .def(
          "recipe",
          [](const sim::Scenario& s) {
            py::dict out;
            out["preset"] = s.preset_name();
            out["seed"] = s.preset_seed();
            out["values"] = s.given_values();
            out["strategy"] = s.strategy();
            out["policy"] = s.policy();
            out["calendar"] = s.calendar();
            out["registry"] = s.registry() != nullptr ? py::cast(*s.registry()) : py::none();
            return out;
          },
          "How the scenario was built (preset name or '' and its seed, given values, strategy, policy set, calendar, "
          "a copy of the registry or None): enough to build it again, as pickling does.")
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
  m.def("metric_ranges", [] {
    py::list out;
    for (std::size_t k = 0; k < enum_count<sim::Metric>; ++k) {
      const sim::MetricRange r = sim::metric_range(static_cast<sim::Metric>(k));
      out.append(py::make_tuple(r.low, r.high));
    }
    return out;
  }, "(low, high) of every metric, in metric_names() order (sim::metric_range).");

  m.def(
      "run",
      [](const sim::Scenario& scenario, std::size_t replications, std::uint64_t seed, std::size_t threads,
         StrictBool check_conservation, StrictBool trace_appeals, std::uint32_t first_replication, py::object progress) {
        sim::RunOptions options;
        options.first_replication = first_replication;
        // The callback runs on the engine's worker threads (one call at a time), taking the GIL,
        // which the waiting thread has released. RunOptions::progress must not throw: the first
        // Python error is kept, later calls are skipped, and it is raised once the run is over.
        std::optional<py::error_already_set> failure;
        bool failed = false;  // guarded by the engine's one-call-at-a-time rule
        if (!progress.is_none()) {
          if (!PyCallable_Check(progress.ptr())) throw py::type_error("progress must be callable (done, total) or None");
          options.progress = [&progress, &failure, &failed](std::size_t done, std::size_t total) {
            if (failed) return;
            const py::gil_scoped_acquire gil;
            try {
              progress(done, total);
            } catch (py::error_already_set& e) {
              failure.emplace(std::move(e));
              failed = true;
            } catch (...) {
              failed = true;  // a C++ exception from a binding; reported below as a RuntimeError
            }
          };
        }
        options.replications = replications;
        options.seed = seed;
        options.threads = threads;
        options.check_conservation = check_conservation;
        options.trace_appeals = trace_appeals;
        // The scenario is immutable and held by the caller's argument: safe without the GIL.
        sim::Results r = interruptible(Gil::release, [&] { return sim::run(scenario, options); });
        if (failure) throw std::move(*failure);
        if (failed) throw std::runtime_error("the progress callback failed");
        return results_dict(r, trace_appeals);
      },
      py::arg("scenario"), py::arg("replications"), py::arg("seed"), py::arg("threads"), py::kw_only(),
      py::arg("check_conservation") = StrictBool{false}, py::arg("trace_appeals") = StrictBool{false},
      py::arg("first_replication") = 0U, py::arg("progress") = py::none(),
      "Runs the replications with the GIL released (Ctrl-C cancels); returns the result columns. Use massline.sim.run.");

  m.def(
      "survey_responses",
      [](const sim::Scenario& scenario, std::uint64_t seed, std::int64_t replication) {
        // The scenario is immutable and held by the caller's argument: safe without the GIL.
        return interruptible(Gil::release, [&] { return sim::survey_responses(scenario, seed, replication); });
      },
      py::arg("scenario"), py::arg("seed"), py::arg("replication"),
      "The year-end survey's answers of one replication as SurveyResponses (GIL released; Ctrl-C cancels). "
      "Use massline.sim.survey_responses.");
  m.def("survey_scale", &sim::survey_scale,
        "The simulated answers' scale: 0 'not satisfied', 1 'satisfied' (item 'overall').");
  m.attr("SURVEY_ITEM") = sim::kSurveyItem;

  m.def(
      "grid",
      [](const std::vector<std::pair<std::string, std::vector<double>>>& axes) {
        std::vector<sim::GridAxis> in;
        for (const auto& [name, values] : axes) in.push_back({name, values});
        const sim::SweepPlan plan = sim::grid(in);
        return py::make_tuple(plan.levers, plan.points);
      },
      py::arg("axes"), "Every combination of [(lever, [values])], the last varying fastest: (levers, points).");
  m.def(
      "latin_hypercube",
      [](const std::vector<std::tuple<std::string, double, double>>& ranges, std::size_t n, std::uint64_t seed) {
        std::vector<sim::LeverRange> in;
        for (const auto& [name, low, high] : ranges) in.push_back({name, low, high});
        const sim::SweepPlan plan = sim::latin_hypercube(in, n, seed);
        return py::make_tuple(plan.levers, plan.points);
      },
      py::arg("ranges"), py::arg("n"), py::arg("seed"), "n Latin hypercube points over [(lever, low, high)]: (levers, points).");
  m.def(
      "check_plan",
      [](const sim::Scenario& scenario, std::vector<std::string> levers, std::vector<std::vector<double>> points) {
        sim::check(scenario, plan_of(std::move(levers), std::move(points)));
      },
      py::arg("scenario"), py::arg("levers"), py::arg("points"), "Checks every point of a plan without running anything.");
  m.def(
      "sweep_point",
      [](const sim::Scenario& scenario, std::vector<std::string> levers, std::vector<double> point) {
        const sim::SweepPlan plan = plan_of(std::move(levers), {std::move(point)});
        return interruptible(Gil::release, [&] { return sim::at(scenario, plan, 0); });
      },
      py::arg("scenario"), py::arg("levers"), py::arg("point"), "The scenario at one point (levers and their values).");
  m.def(
      "sweep",
      [](const sim::Scenario& scenario, std::vector<std::string> levers, std::vector<std::vector<double>> points,
         std::size_t replications, std::uint64_t seed, std::size_t threads, std::uint32_t first_replication) {
        sim::RunOptions options;
        options.replications = replications;
        options.seed = seed;
        options.threads = threads;
        options.first_replication = first_replication;
        const sim::SweepPlan plan = plan_of(std::move(levers), std::move(points));
        // Everything read is a copy or the immutable scenario: safe without the GIL.
        sim::SweepResults r = interruptible(Gil::release, [&] { return sim::sweep(scenario, plan, options); });
        py::dict out = results_dict(r.results, false);
        out["point"] = to_array(r.point);
        return out;
      },
      py::arg("scenario"), py::arg("levers"), py::arg("points"), py::arg("replications"), py::arg("seed"), py::arg("threads"),
      py::arg("first_replication") = 0U,
      "Runs the replications at every point with the GIL released (Ctrl-C cancels); returns the result columns and "
      "`point`. Use massline.sim.sweep.");
}

}  // namespace massline::python
