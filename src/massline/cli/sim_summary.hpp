#pragma once
// What simulate and sweep print of a run: the year's ("all" period) metrics across
// replications, with a 95 % Student-t interval of the mean (scoring::mean_interval, clipped to
// the metric's range, sim::metric_range), overall
// (per replication the mean over the reported units first, as massline.sim.summarize does) and
// per unit. Shared by simulate.cpp and sweep.cpp; also the options both take.
#include "commands.hpp"

#include <massline/core/enum_names.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace massline::cli {

/// One metric across replications; NaN (null in JSON) where there is nothing to estimate.
struct MetricSummary {
  double mean = 0.0;
  double low = 0.0;   ///< 95 % interval of the mean (NaN with fewer than two replications)
  double high = 0.0;
  double sd = 0.0;    ///< standard deviation across replications
  std::size_t n = 0;  ///< replications with a value
};

/// The metrics of one reported unit.
struct UnitSummary {
  std::uint32_t unit = 0;  ///< OrgId value
  std::string code;
  std::string name;
  EnumArray<sim::Metric, MetricSummary> metrics{};
};

/// The summary of rows [first, last) of @p results (one run, or one point of a sweep).
struct RunSummary {
  EnumArray<sim::Metric, MetricSummary> overall{};
  std::vector<UnitSummary> units;
};

/// Summarises rows [first, last) of @p results (period "all") of @p scenario's units.
[[nodiscard]] RunSummary summarize(const sim::Results& results, const sim::Scenario& scenario, std::size_t first,
                                   std::size_t last);

/// The metrics as a JSON object {metric: {mean, low, high, sd, n}}.
[[nodiscard]] nlohmann::ordered_json metrics_json(const EnumArray<sim::Metric, MetricSummary>& metrics);
/// "0.712 [0.701, 0.723]" (or "-" without a value).
[[nodiscard]] std::string estimate_text(const MetricSummary& m);

/// The options simulate and sweep share.
struct SimOptions {
  std::string store;
  std::int64_t days = 0;  ///< 0: the whole year
  std::size_t replications = 8;
  std::uint64_t seed = 0;
  int year = 2024;
  std::string policy;
  std::string strategy = "round_robin";
  std::vector<std::string> settings;  ///< --set: name=value (simulate) or name=v1,v2,... (sweep)
  std::size_t threads = 0;
  bool json = false;
  bool record_survey = false;  ///< simulate only
};
/// Adds the shared options to @p cmd (--days, --replications, --seed, --year, --policy,
/// --strategy, --threads, --json; not --set, whose meaning differs).
void add_sim_options(CLI::App& cmd, SimOptions& options);
/// The scenario of @p options: the store's registry under the policy, with @p values.
[[nodiscard]] sim::Scenario sim_scenario(const SimOptions& options, const Registry& registry, ParameterValues values);

}  // namespace massline::cli
