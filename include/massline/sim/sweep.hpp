#pragma once
/// @file
/// Sweeps: runs of one scenario at many points of its levers, a full grid (every combination)
/// or a Latin hypercube (n seeded points in given ranges). Every point runs the same
/// replications from the same seed (common random numbers: the difference between two points is
/// not noise from different draws), so a row is bit-identical for a given (seed, replication,
/// point) whatever the thread count or how the points are split up (massline.distributed).

#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline::sim {

/// The name of the pseudo-lever that changes the strategy; its values are Strategy indices
/// (0 random, 1 need_first, 2 must_visit_first, 3 round_robin).
inline constexpr std::string_view kStrategyLever = "strategy";

/// One axis of a grid: a lever (a parameter name of sim::parameters(), any synth parameter for a
/// preset, or kStrategyLever) and its values.
struct GridAxis {
  std::string name;
  std::vector<double> values;
};

/// A lever's range for a Latin hypercube: values in [low, high].
struct LeverRange {
  std::string name;
  double low = 0.0;
  double high = 0.0;
};

/// The points of a sweep: points[p][k] is the value of levers[k] at point p.
struct SweepPlan {
  std::vector<std::string> levers;
  std::vector<std::vector<double>> points;
};

/// Every combination of the axes' values, the last axis varying fastest. No axis gives one
/// point with no lever (the scenario as it is). Throws InvalidArgument "sim.sweep" for an axis
/// without values, a repeated name or more than 10^6 points.
[[nodiscard]] SweepPlan grid(const std::vector<GridAxis>& axes);

/// @p n points of a Latin hypercube over @p ranges from stream @p seed: each range is cut into
/// n equal strata, each stratum holds exactly one point, uniformly placed, and the strata are
/// paired at random. Count and flag parameters are rounded to the nearest whole number (so
/// their strata are only approximately uniform). Throws InvalidArgument "sim.sweep" for n = 0
/// or more than 10^6, low > high, a non-finite bound, a repeated name or kStrategyLever.
[[nodiscard]] SweepPlan latin_hypercube(const std::vector<LeverRange>& ranges, std::size_t n, std::uint64_t seed);

/// The scenario at point @p point of @p plan (Scenario::with).
[[nodiscard]] Scenario at(const Scenario& base, const SweepPlan& plan, std::size_t point);

/// Checks every point of @p plan against @p base (names, domains, strategies) without building
/// any scenario; throws the first problem, its message naming the point.
void check(const Scenario& base, const SweepPlan& plan);

/// A sweep's result: the rows of every point's run, point after point, with their point index.
struct SweepResults {
  SweepPlan plan;
  std::vector<std::uint32_t> point;  ///< row's index into plan.points
  Results results;                   ///< run's columns
  [[nodiscard]] std::size_t size() const noexcept { return point.size(); }
};

/// Runs @p options.replications replications (from @p options.first_replication, seed
/// @p options.seed) at every point of @p plan. The plan is checked first (nothing runs when a
/// point is bad); points run one after the other, the replications of each on options.threads
/// threads. options.progress gets (finished, points x replications). Throws as check() and
/// run() do, and "sim.run_options" when points x replications exceeds 10^6.
[[nodiscard]] SweepResults sweep(const Scenario& base, const SweepPlan& plan, const RunOptions& options);

}  // namespace massline::sim
