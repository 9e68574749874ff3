#pragma once
/// @file
/// Trends across periods: per unit and item, the change of the satisfaction rate between
/// consecutive periods, tested with the pooled two-proportion z test and, optionally, given
/// Newcombe's hybrid score interval for the difference (Newcombe 1998, method 10).

#include <massline/core/error.hpp>
#include <massline/scoring/distributions.hpp>
#include <massline/scoring/proportion_interval.hpp>
#include <massline/scoring/rollup.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring {

namespace detail::trend {
/// Standard normal distribution function Φ(x) = erfc(−x/√2)/2.
inline double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
/// Two-sided tail probability P(|Z| >= |z|) = erfc(|z|/√2), accurate far into the tail.
inline double two_sided_p(double z) { return std::erfc(std::fabs(z) / std::numbers::sqrt2); }
}  // namespace detail::trend

/// The change from proportion p1 (earlier) to p2 (later).
struct ProportionChange {
  double from = 0.0;        ///< p1
  double to = 0.0;          ///< p2
  double difference = 0.0;  ///< p2 − p1
  double z = 0.0;           ///< pooled two-proportion z statistic (0 when both rates are 0 or both 1)
  double p_value = 1.0;     ///< two-sided p-value of z
  std::optional<Interval> interval;  ///< Newcombe hybrid score interval for p2 − p1, when asked for
};

/// Compares p1 on n1 with p2 on n2 (effective) trials at critical value @p z_crit (> 0).
/// Throws InvalidArgument("trend.proportion") for a rate outside [0, 1] or a size <= 0.
[[nodiscard]] inline ProportionChange compare_proportions_at(double p1, double n1, double p2, double n2, double z_crit,
                                                             bool newcombe = true) {
  const auto ok = [](double p, double n) { return p >= 0.0 && p <= 1.0 && n > 0.0 && std::isfinite(n); };
  if (!ok(p1, n1) || !ok(p2, n2)) {
    throw InvalidArgument("trend.proportion", "cannot compare these proportions", Location::of("trend"),
                          "need rates in [0, 1] on positive sizes, got " + std::to_string(p1) + " on " +
                              std::to_string(n1) + " and " + std::to_string(p2) + " on " + std::to_string(n2));
  }
  ProportionChange c;
  c.from = p1;
  c.to = p2;
  c.difference = p2 - p1;
  const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const double se = std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
  if (se > 0.0) {
    c.z = c.difference / se;
    c.p_value = detail::trend::two_sided_p(c.z);
  }
  if (newcombe) {
    const Interval a = wilson_interval(p1, n1, z_crit);
    const Interval b = wilson_interval(p2, n2, z_crit);
    c.interval = Interval{c.difference - std::hypot(p2 - b.low, a.high - p1),
                          c.difference + std::hypot(b.high - p2, p1 - a.low)};
  }
  return c;
}

/// As compare_proportions_at, with the interval at @p confidence (throws "interval.level"
/// unless 0 < confidence < 1).
[[nodiscard]] inline ProportionChange compare_proportions(double p1, double n1, double p2, double n2,
                                                          double confidence, bool newcombe = true) {
  return compare_proportions_at(p1, n1, p2, n2, normal_critical(confidence), newcombe);
}

/// Which changes trends() reports.
struct TrendOptions {
  std::optional<double> confidence;  ///< of the Newcombe interval; default: the roll-up's
  bool newcombe = true;              ///< compute the interval for the difference
  std::uint64_t min_sample = 1;      ///< periods with fewer answers are skipped
  bool bridge_gaps = false;          ///< compare with the latest earlier usable period, not only the previous one
  std::optional<int> level;          ///< only units of this level
  std::optional<std::size_t> item;   ///< only this item
};

/// One change of one unit's rate on one item.
struct TrendRow {
  UnitIndex unit = 0;            ///< unit index
  int level = 0;                 ///< the unit's level
  std::size_t item = 0;          ///< item index
  std::size_t period_from = 0;   ///< earlier period
  std::size_t period_to = 0;     ///< later period
  std::uint64_t n_from = 0;      ///< answers in the earlier period
  std::uint64_t n_to = 0;        ///< answers in the later period
  double n_eff_from = 0.0;       ///< effective sizes used by the test
  double n_eff_to = 0.0;
  ProportionChange change;       ///< rates, difference, test and interval
};

/// Changes between consecutive periods for every unit and item of @p result (within the
/// options' scope), in (unit, item, period) order. Tests use the effective sample sizes.
[[nodiscard]] inline std::vector<TrendRow> trends(const RollupResult& result, const TrendOptions& options = {}) {
  const double confidence = options.confidence.value_or(result.options().confidence);
  const double z_crit = normal_critical(confidence);
  if (options.item) (void)result.cell(0, *options.item, 0);  // validates the item
  std::vector<TrendRow> out;
  const UnitTree& tree = result.tree();
  const auto usable = [&](std::size_t c) { return result.n()[c] > 0 && result.n()[c] >= options.min_sample; };
  for (UnitIndex u = 0; u < tree.size(); ++u) {
    if (options.level && tree.level(u) != *options.level) continue;
    for (std::size_t i = 0; i < result.items(); ++i) {
      if (options.item && i != *options.item) continue;
      std::optional<std::size_t> previous;
      for (std::size_t t = 0; t < result.periods(); ++t) {
        const std::size_t c = result.cell(u, i, t);
        if (!usable(c)) {
          if (!options.bridge_gaps) previous.reset();
          continue;
        }
        if (previous) {
          const std::size_t p = result.cell(u, i, *previous);
          TrendRow row;
          row.unit = u;
          row.level = tree.level(u);
          row.item = i;
          row.period_from = *previous;
          row.period_to = t;
          row.n_from = result.n()[p];
          row.n_to = result.n()[c];
          row.n_eff_from = result.n_eff()[p];
          row.n_eff_to = result.n_eff()[c];
          row.change = compare_proportions_at(result.rate()[p], row.n_eff_from, result.rate()[c], row.n_eff_to, z_crit,
                                              options.newcombe);
          out.push_back(row);
        }
        previous = t;
      }
    }
  }
  return out;
}

}  // namespace massline::scoring
