// massline sweep STORE --set lever=v1,v2,... [--set ...] --days N --replications R --seed S [--json]
// A full grid over the levers given (sim::grid, the last --set varying fastest), every point run
// with the same replications and seed (sim::sweep: common random numbers), then per point the
// year's metrics with their intervals across replications. `strategy` takes strategy names.
#include "sim_summary.hpp"

#include <massline/sim/sweep.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

// "name=v1,v2,..." as a grid axis; strategy values may be names.
sim::GridAxis parse_axis(const std::string& setting) {
  const auto bad = [&setting](const std::string& why) {
    return Exit(ExitCode::Usage, "--set '" + setting + "': " + why);
  };
  const auto eq = setting.find('=');
  if (eq == std::string::npos || eq == 0) throw bad("expected lever=value,value,... e.g. --set visit_quality=0.7,0.8");
  sim::GridAxis axis{setting.substr(0, eq), {}};
  std::string_view rest = std::string_view(setting).substr(eq + 1);
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view text = rest.substr(0, comma);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (axis.name == sim::kStrategyLever && (ec != std::errc() || end != text.data() + text.size())) {
      value = static_cast<double>(from_name<sim::Strategy>(text, "strategy"));
    } else if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      throw bad("'" + std::string(text) + "' is not a number");
    }
    axis.values.push_back(value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return axis;
}

std::string value_text(const std::string& lever, double value) {
  if (lever == sim::kStrategyLever) return std::string(to_name(static_cast<sim::Strategy>(static_cast<int>(value))));
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

ExitCode run_sweep(const SimOptions& o, Console& console) {
  if (o.settings.empty()) throw Exit(ExitCode::Usage, "give at least one lever to sweep: --set lever=v1,v2,...");
  std::vector<sim::GridAxis> axes;
  for (const auto& setting : o.settings) axes.push_back(parse_axis(setting));
  const sim::SweepPlan plan = sim::grid(axes);
  const Registry registry = load_store(o.store);
  const sim::Scenario base = sim_scenario(o, registry, {});
  sim::check(base, plan);
  sim::SweepResults results;
  {
    Progress progress(console, "sweeping " + std::to_string(plan.points.size()) + " points");
    sim::RunOptions run;
    run.replications = o.replications;
    run.seed = o.seed;
    run.threads = o.threads;
    run.progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
    results = sim::sweep(base, plan, run);
  }
  // Rows are point after point: each point's rows are one range.
  std::vector<RunSummary> summaries;
  std::size_t first = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::size_t last = first;
    while (last < results.size() && results.point[last] == p) ++last;
    summaries.push_back(summarize(results.results, base, first, last));
    first = last;
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "sweep";
    out["store"] = o.store;
    out["year"] = o.year;
    out["days"] = base.data().days;
    out["replications"] = o.replications;
    out["seed"] = o.seed;
    out["strategy"] = o.strategy;
    out["levers"] = plan.levers;
    out["points"] = nlohmann::ordered_json::array();
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      nlohmann::ordered_json values = nlohmann::ordered_json::object();
      for (std::size_t k = 0; k < plan.levers.size(); ++k) {
        if (plan.levers[k] == sim::kStrategyLever) {
          values[plan.levers[k]] = value_text(plan.levers[k], plan.points[p][k]);
        } else {
          values[plan.levers[k]] = plan.points[p][k];
        }
      }
      out["points"].push_back({{"point", p}, {"values", values}, {"metrics", metrics_json(summaries[p].overall)}});
    }
    print_json(console, out);
    return ExitCode::Ok;
  }
  auto& s = console.out;
  s << "swept " << o.store << ": " << plan.points.size() << " points x " << o.replications << " replications, seed "
    << o.seed << ", " << base.data().days << " days from " << o.year << "-01-01 (mean over units [95% interval])\n\n";
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    s << "  " << p << ':';
    for (std::size_t k = 0; k < plan.levers.size(); ++k)
      s << ' ' << plan.levers[k] << '=' << value_text(plan.levers[k], plan.points[p][k]);
    s << '\n';
    for (auto metric : {sim::Metric::Satisfaction, sim::Metric::Coverage, sim::Metric::MustVisitCoverage,
                        sim::Metric::SurveySatisfied, sim::Metric::Overdue}) {
      s << "      " << to_name(metric) << ' ' << estimate_text(summaries[p].overall[enum_index(metric)]) << '\n';
    }
  }
  return ExitCode::Ok;
}

}  // namespace

void add_sweep(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<SimOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Simulate a store's registry at every point of a grid of levers");
  add_sim_options(*cmd, *options);
  cmd->add_option("--set", options->settings,
                  "a lever and its values, lever=v1,v2,... (repeatable: the grid is every combination; "
                  "strategy=random,need_first takes names)")
      ->required();
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_sweep(*options, console); }; });
}

}  // namespace massline::cli
