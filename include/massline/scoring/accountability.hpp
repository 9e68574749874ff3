#pragma once
/// @file
/// The accountability rule (问责, docs/domain.md §6: "satisfaction below 80 % → accountability")
/// with the threshold as a parameter: flag a unit when its satisfaction estimate (or, more
/// cautiously, the upper bound of its interval) lies below the threshold, given enough answers.

#include <massline/core/error.hpp>
#include <massline/scoring/rollup.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring {

/// What must lie below the threshold for a flag.
enum class AccountabilityBasis : std::uint8_t {
  Estimate,   ///< the point estimate: flag when rate < threshold
  UpperBound  ///< the interval: flag only when its upper bound < threshold (clearly below)
};

/// Outcome of the rule for one estimate.
enum class Verdict : std::int8_t {
  InsufficientSample = -1,  ///< fewer answers than min_sample: not judged
  Clear = 0,                ///< not flagged
  Flagged = 1               ///< accountability applies
};

/// The rule. The threshold comes from the caller's policy (the standard policy set uses 0.8);
/// it has no default here.
struct AccountabilityRule {
  /// Rule with threshold @p line in [0, 1], judged @p on the estimate or bound, needing @p minimum_sample answers; throws InvalidArgument ("accountability.threshold").
  explicit AccountabilityRule(double line, AccountabilityBasis on = AccountabilityBasis::Estimate,
                              std::uint64_t minimum_sample = 1)
      : threshold(line), basis(on), min_sample(minimum_sample) {
    check();
  }

  double threshold;                                          ///< satisfaction line, in [0, 1]
  AccountabilityBasis basis = AccountabilityBasis::Estimate;  ///< point estimate or upper bound
  std::uint64_t min_sample = 1;                              ///< fewer answers: InsufficientSample

  /// Throws InvalidArgument("accountability.threshold") unless 0 <= threshold <= 1.
  void check() const {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw InvalidArgument("accountability.threshold", "the accountability threshold must lie in [0, 1]",
                            Location::of("accountability rule", "threshold"), "got " + std::to_string(threshold));
    }
  }
  /// The verdict for an estimate with @p n answers, rate @p rate and upper bound @p high.
  /// A NaN estimate (no answers) is InsufficientSample.
  [[nodiscard]] Verdict judge(std::uint64_t n, double rate, double high) const noexcept {
    if (n < min_sample || n == 0 || std::isnan(rate)) return Verdict::InsufficientSample;
    const double value = basis == AccountabilityBasis::UpperBound ? high : rate;
    return value < threshold ? Verdict::Flagged : Verdict::Clear;
  }
  /// Readable form, e.g. "rate < 0.8, n >= 30" or "upper bound < 0.8, n >= 1".
  [[nodiscard]] std::string describe() const {
    std::string t = std::to_string(threshold);
    t.erase(t.find_last_not_of('0') + 1);
    if (!t.empty() && t.back() == '.') t.pop_back();
    return std::string(basis == AccountabilityBasis::UpperBound ? "upper bound" : "rate") + " < " + t +
           ", n >= " + std::to_string(min_sample);
  }
  friend bool operator==(const AccountabilityRule&, const AccountabilityRule&) = default;
};

/// Verdicts for parallel arrays (n, rate, upper bound); throws InvalidArgument
/// ("accountability.size_mismatch") when they differ in length.
[[nodiscard]] inline std::vector<Verdict> judge_rows(std::span<const std::uint64_t> n, std::span<const double> rate,
                                                     std::span<const double> high, const AccountabilityRule& rule) {
  require(rate.size() == n.size() && high.size() == n.size(), "accountability.size_mismatch",
          "estimate arrays differ in length", Location::of("estimates"));
  rule.check();
  std::vector<Verdict> out(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) out[i] = rule.judge(n[i], rate[i], high[i]);
  return out;
}

/// One flagged cell, with everything needed to justify the flag.
struct AccountabilityFlag {
  UnitIndex unit = 0;       ///< unit index in the tree
  int level = 0;            ///< the unit's level
  std::size_t item = 0;     ///< item index
  std::size_t period = 0;   ///< period index
  std::uint64_t n = 0;      ///< answers behind the estimate
  double n_eff = 0.0;       ///< effective sample size
  double estimate = 0.0;    ///< satisfaction rate
  double low = 0.0;         ///< interval lower bound
  double high = 0.0;        ///< interval upper bound
};

/// Which cells to judge; an empty optional means "all".
struct AccountabilityScope {
  std::optional<int> level;          ///< only units of this level
  std::optional<std::size_t> item;   ///< only this item
  std::optional<std::size_t> period; ///< only this period
};

/// The rule's outcome over a roll-up.
struct AccountabilityReport {
  AccountabilityRule rule;               ///< the rule applied
  double confidence = 0.0;               ///< confidence of the intervals the rule read
  std::vector<AccountabilityFlag> flags; ///< flagged cells, in cell order
  std::size_t judged = 0;                ///< cells with at least min_sample answers
  std::size_t insufficient = 0;          ///< cells with answers but fewer than min_sample
};

/// Applies @p rule to every cell of @p result in @p scope that has answers. Throws
/// InvalidArgument("rollup.cell_out_of_range") for an item or period outside the result.
[[nodiscard]] inline AccountabilityReport assess(const RollupResult& result, const AccountabilityRule& rule,
                                                 const AccountabilityScope& scope = {}) {
  rule.check();
  if (scope.item || scope.period) {
    (void)result.cell(0, scope.item.value_or(0), scope.period.value_or(0));  // validates the indices
  }
  AccountabilityReport report{rule, result.options().confidence, {}, 0, 0};
  const UnitTree& tree = result.tree();
  for (UnitIndex u = 0; u < tree.size(); ++u) {
    if (scope.level && tree.level(u) != *scope.level) continue;
    for (std::size_t t = 0; t < result.periods(); ++t) {
      if (scope.period && t != *scope.period) continue;
      for (std::size_t i = 0; i < result.items(); ++i) {
        if (scope.item && i != *scope.item) continue;
        const std::size_t c = result.cell(u, i, t);
        if (result.n()[c] == 0) continue;
        const Verdict v = rule.judge(result.n()[c], result.rate()[c], result.high()[c]);
        if (v == Verdict::InsufficientSample) {
          ++report.insufficient;
          continue;
        }
        ++report.judged;
        if (v == Verdict::Flagged) {
          report.flags.push_back({u, tree.level(u), i, t, result.n()[c], result.n_eff()[c], result.rate()[c],
                                  result.low()[c], result.high()[c]});
        }
      }
    }
  }
  return report;
}

}  // namespace massline::scoring
