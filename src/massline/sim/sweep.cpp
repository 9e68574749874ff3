// Sweeps over grids and Latin hypercubes (docs/simulation.md, "Sweeps").
#include <massline/sim/sweep.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/random.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <utility>

namespace massline::sim {
namespace {

constexpr std::size_t kMaxPoints = 1'000'000;

void distinct_names(const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (!seen.insert(name).second) {
      throw InvalidArgument("sim.sweep", "lever given twice", Location::of("sweep", name), "each lever is one axis");
    }
  }
}

/// The parameter's type, for rounding Latin hypercube values (Real when unknown: check() reports it).
ParameterType type_of(const std::string& name) {
  for (const auto& info : parameters()) {
    if (info.name == name) return info.type;
  }
  for (const auto& info : synth::parameters()) {
    if (info.name == name) return info.type;
  }
  return ParameterType::Real;
}

std::optional<Strategy> strategy_of(double value, std::size_t point) {
  if (!(value >= 0.0 && value < static_cast<double>(enum_count<Strategy>) && value == std::floor(value))) {
    throw InvalidArgument("sim.bad_parameter", "invalid strategy", Location::of("sweep point " + std::to_string(point), std::string(kStrategyLever)),
                          "a strategy lever's values are 0 random, 1 need_first, 2 must_visit_first, 3 round_robin; got " +
                              std::to_string(value));
  }
  return static_cast<Strategy>(static_cast<std::uint8_t>(value));
}

/// The parameter changes and the strategy of one point.
std::pair<ParameterValues, std::optional<Strategy>> changes_at(const SweepPlan& plan, std::size_t point) {
  ParameterValues values;
  std::optional<Strategy> strategy;
  const auto& row = plan.points.at(point);
  if (row.size() != plan.levers.size()) {
    throw InvalidArgument("sim.sweep", "point of the wrong size", Location::of("sweep point " + std::to_string(point)),
                          "expected " + std::to_string(plan.levers.size()) + " values, got " + std::to_string(row.size()));
  }
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (plan.levers[k] == kStrategyLever) {
      strategy = strategy_of(row[k], point);
    } else {
      values.insert_or_assign(plan.levers[k], row[k]);
    }
  }
  return {std::move(values), strategy};
}

}  // namespace

SweepPlan grid(const std::vector<GridAxis>& axes) {
  SweepPlan plan;
  std::size_t total = 1;
  for (const auto& axis : axes) {
    if (axis.values.empty()) {
      throw InvalidArgument("sim.sweep", "grid axis without values", Location::of("sweep", axis.name), "give at least one value");
    }
    total *= axis.values.size();
    if (total > kMaxPoints) {
      throw InvalidArgument("sim.sweep", "too many grid points", Location::of("sweep", axis.name), "at most 10^6 points");
    }
    plan.levers.push_back(axis.name);
  }
  distinct_names(plan.levers);
  plan.points.reserve(total);
  for (std::size_t p = 0; p < total; ++p) {
    std::vector<double> row(axes.size());
    std::size_t rest = p;
    for (std::size_t k = axes.size(); k-- > 0;) {  // last axis fastest
      row[k] = axes[k].values[rest % axes[k].values.size()];
      rest /= axes[k].values.size();
    }
    plan.points.push_back(std::move(row));
  }
  return plan;
}

SweepPlan latin_hypercube(const std::vector<LeverRange>& ranges, std::size_t n, std::uint64_t seed) {
  if (n == 0 || n > kMaxPoints) {
    throw InvalidArgument("sim.sweep", "invalid number of points", Location::of("sweep", "n"),
                          "must be 1 .. 10^6, got " + std::to_string(n));
  }
  SweepPlan plan;
  for (const auto& range : ranges) {
    if (range.name == kStrategyLever) {
      throw InvalidArgument("sim.sweep", "the strategy has no range", Location::of("sweep", range.name), "sweep strategies on a grid");
    }
    if (!std::isfinite(range.low) || !std::isfinite(range.high) || range.low > range.high) {
      throw InvalidArgument("sim.sweep", "invalid range", Location::of("sweep", range.name),
                            "need finite low <= high, got [" + std::to_string(range.low) + ", " + std::to_string(range.high) + "]");
    }
    plan.levers.push_back(range.name);
  }
  distinct_names(plan.levers);
  plan.points.assign(n, std::vector<double>(ranges.size()));
  const RandomStream root = RandomStream(seed).derive("latin_hypercube");
  std::vector<std::size_t> strata(n);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    RandomStream rng = root.derive(k);  // one stream per lever: adding a lever keeps the others' values
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates, drawn from our own stream (std::shuffle is not portable)
      const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(i));
      std::swap(strata[i - 1], strata[std::min(j, i - 1)]);
    }
    const bool whole = type_of(ranges[k].name) != ParameterType::Real;
    for (std::size_t p = 0; p < n; ++p) {
      const double u = (static_cast<double>(strata[p]) + rng.uniform()) / static_cast<double>(n);
      double v = ranges[k].low + u * (ranges[k].high - ranges[k].low);
      if (whole) v = std::clamp(std::round(v), std::ceil(ranges[k].low), std::floor(ranges[k].high));
      plan.points[p][k] = v;
    }
  }
  return plan;
}

Scenario at(const Scenario& base, const SweepPlan& plan, std::size_t point) {
  auto [values, strategy] = changes_at(plan, point);
  return base.with(values, strategy);
}

void check(const Scenario& base, const SweepPlan& plan) {
  distinct_names(plan.levers);
  const ParameterValues in_force = base.values();
  for (std::size_t k = 0; k < plan.levers.size(); ++k) {
    if (plan.levers[k] != "days" && plan.levers[k] != "year") continue;
    for (const auto& row : plan.points) {
      if (row.size() == plan.levers.size() && row[k] != in_force.at(plan.levers[k])) {
        // The periods (months) would differ between points and could not share one period column.
        throw InvalidArgument("sim.sweep", "a lever that moves the horizon", Location::of("sweep", plan.levers[k]),
                              "days and year change the months reported; build the scenario with the horizon wanted "
                              "and run one sweep per horizon");
      }
    }
  }
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto [values, strategy] = changes_at(plan, p);
    try {
      base.check_changes(values);
    } catch (const InvalidArgument& e) {
      // Same code and location, with the point named: the user sees which row of the plan is bad.
      throw InvalidArgument(e.code(), e.summary() + " at sweep point " + std::to_string(p), e.where(), e.why());
    }
  }
}

SweepResults sweep(const Scenario& base, const SweepPlan& plan, const RunOptions& options) {
  check(base, plan);
  const std::size_t points = plan.points.size();
  if (options.replications == 0 || (points != 0 && options.replications > kMaxPoints / points)) {
    throw InvalidArgument("sim.run_options", "invalid number of replications", Location::of("run options", "replications"),
                          "points x replications must be 1 .. 10^6, got " + std::to_string(points) + " x " +
                              std::to_string(options.replications));
  }
  SweepResults out;
  out.plan = plan;
  out.results.period_labels = base.data().period_labels;
  std::size_t done = 0;
  const std::size_t total = points * options.replications;
  for (std::size_t p = 0; p < points; ++p) {
    throw_if_cancelled();
    const Scenario scenario = at(base, plan, p);
    RunOptions point_options = options;
    if (options.progress) {
      point_options.progress = [&, offset = done](std::size_t finished, std::size_t) { options.progress(offset + finished, total); };
    }
    Results r = run(scenario, point_options);
    done += options.replications;
    out.point.insert(out.point.end(), r.size(), static_cast<std::uint32_t>(p));
    auto& to = out.results;
    to.replication.insert(to.replication.end(), r.replication.begin(), r.replication.end());
    to.unit.insert(to.unit.end(), r.unit.begin(), r.unit.end());
    to.period.insert(to.period.end(), r.period.begin(), r.period.end());
    to.metric.insert(to.metric.end(), r.metric.begin(), r.metric.end());
    to.value.insert(to.value.end(), r.value.begin(), r.value.end());
    to.appeals.insert(to.appeals.end(), r.appeals.begin(), r.appeals.end());
    if (r.period_labels != to.period_labels) {
      // A lever that moves the horizon (days, year) changes the periods: their labels cannot share one column.
      throw InvalidArgument("sim.sweep", "points with different periods", Location::of("sweep point " + std::to_string(p)),
                            "days and year change the months reported; sweep them in separate sweeps");
    }
  }
  return out;
}

}  // namespace massline::sim
