#include "sim_summary.hpp"

#include <massline/scoring/mean_interval.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace massline::cli {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MetricSummary estimate(const std::vector<double>& values, sim::Metric metric) {
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  MetricSummary out{kNaN, kNaN, kNaN, kNaN, finite.size()};
  const scoring::MeanEstimate e = scoring::mean_interval(finite);
  if (e.mean) out.mean = *e.mean;
  if (e.interval) {  // clipped to the values the metric can take, as the mean cannot leave them
    const sim::MetricRange range = sim::metric_range(metric);
    out.low = std::clamp(e.interval->low, range.low, range.high);
    out.high = std::clamp(e.interval->high, range.low, range.high);
  }
  if (e.standard_error) out.sd = *e.standard_error * std::sqrt(static_cast<double>(finite.size()));
  return out;
}

}  // namespace

RunSummary summarize(const sim::Results& results, const sim::Scenario& scenario, std::size_t first, std::size_t last) {
  const auto all = static_cast<std::uint16_t>(results.period_labels.size() - 1);  // "all" is the last label
  constexpr std::size_t metrics = enum_count<sim::Metric>;
  // per (replication, metric): sum and count over units; per (unit, metric): one value per replication
  std::map<std::uint32_t, std::array<std::pair<double, std::size_t>, metrics>> by_replication;
  std::map<std::uint32_t, std::array<std::vector<double>, metrics>> by_unit;
  std::vector<std::uint32_t> unit_order;
  for (std::size_t i = first; i < last; ++i) {
    if (results.period[i] != all) continue;
    const std::size_t m = enum_index(results.metric[i]);
    const double v = results.value[i];
    auto [unit, fresh] = by_unit.try_emplace(results.unit[i]);
    if (fresh) unit_order.push_back(results.unit[i]);
    unit->second[m].push_back(v);
    if (std::isfinite(v)) {
      auto& cell = by_replication[results.replication[i]][m];
      cell.first += v;
      ++cell.second;
    }
  }
  RunSummary out;
  for (std::size_t m = 0; m < metrics; ++m) {
    std::vector<double> means;
    for (const auto& [replication, cells] : by_replication)
      if (cells[m].second > 0) means.push_back(cells[m].first / static_cast<double>(cells[m].second));
    out.overall[m] = estimate(means, static_cast<sim::Metric>(m));
  }
  const sim::ScenarioData& data = scenario.data();
  for (std::uint32_t unit : unit_order) {
    UnitSummary u;
    u.unit = unit;
    for (std::size_t k = 0; k < data.unit_org.size(); ++k) {
      if (data.unit_org[k] != unit) continue;
      u.code = data.unit_code[k];
      u.name = data.unit_name[k];
    }
    for (std::size_t m = 0; m < metrics; ++m) u.metrics[m] = estimate(by_unit[unit][m], static_cast<sim::Metric>(m));
    out.units.push_back(std::move(u));
  }
  return out;
}

nlohmann::ordered_json metrics_json(const EnumArray<sim::Metric, MetricSummary>& metrics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const MetricSummary& s = metrics[m];
    out[std::string(enum_names(sim::Metric{})[m])] = {
        {"mean", s.mean}, {"low", s.low}, {"high", s.high}, {"sd", s.sd}, {"n", s.n}};
  }
  return out;
}

std::string estimate_text(const MetricSummary& m) {
  if (!std::isfinite(m.mean)) return "-";
  char text[96];
  if (std::isfinite(m.low)) {
    std::snprintf(text, sizeof text, "%.4g [%.4g, %.4g]", m.mean, m.low, m.high);
  } else {
    std::snprintf(text, sizeof text, "%.4g", m.mean);
  }
  return text;
}

void add_sim_options(CLI::App& cmd, SimOptions& o) {
  cmd.add_option("store", o.store, "the store whose registry is simulated (.sqlite, .sqlite3, .db or .json)")->required();
  cmd.add_option("--days", o.days, "horizon in days from 1 January of --year; 0 = the whole year")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{36600}))
      ->capture_default_str();
  cmd.add_option("--replications", o.replications, "replications (1 .. 10^6)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  cmd.add_option("--seed", o.seed, "root seed of every random stream (0 .. 2^64-1)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd.add_option("--year", o.year, "the simulated year")->check(CLI::Range(1401, 9998))->capture_default_str();
  cmd.add_option("--policy", o.policy, "a policy-set file (.toml or .json); default: the standard set");
  cmd.add_option("--strategy", o.strategy, "visiting strategy: random, need_first, must_visit_first, round_robin")
      ->check(CLI::IsMember({"random", "need_first", "must_visit_first", "round_robin"}))
      ->capture_default_str();
  cmd.add_option("--threads", o.threads, "worker threads; 0 = every core")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1024}))
      ->capture_default_str();
  cmd.add_flag("--json", o.json, "print the result as JSON");
}

sim::Scenario sim_scenario(const SimOptions& o, const Registry& registry, ParameterValues values) {
  const policy::PolicySet policy = load_policy(o.policy);
  values.try_emplace("year", static_cast<double>(o.year));
  values.try_emplace("days", static_cast<double>(o.days));
  const sim::Strategy strategy = from_name<sim::Strategy>(o.strategy, "strategy");
  return sim::Scenario::from_registry(registry, policy, values, strategy);
}

}  // namespace massline::cli
