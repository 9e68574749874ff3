#pragma once
/// @file
/// Mean of scores with a Student-t confidence interval; the weighted version uses Kish's
/// effective sample size in place of n (see docs/scoring.md, "Mean score").

#include <massline/core/error.hpp>
#include <massline/scoring/distributions.hpp>
#include <massline/scoring/effective_sample_size.hpp>
#include <massline/scoring/proportion_interval.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace massline::scoring {

/// Accumulates a weighted mean and variance in one pass (West 1979 update, stable for
/// scores on 0–100 where the naive Σw·x² − (Σw·x)²/Σw loses digits).
class MeanAccumulator {
 public:
  /// Adds @p value with @p weight (positive, finite); throws InvalidArgument otherwise.
  void add(double value, double weight = 1.0) {
    require(std::isfinite(value), "mean.value", "values must be finite, got " + std::to_string(value));
    const int scale = weights_.scale;
    weights_.add(weight);
    // m2_ is kept in the weights' power-of-two units (WeightTotals::scale): follow a change.
    if (weights_.scale != scale) m2_ = std::ldexp(m2_, scale - weights_.scale);
    const double w = weights_.scale == 0 ? weight : std::ldexp(weight, -weights_.scale);
    lowest_ = weights_.count == 1 ? value : std::min(lowest_, value);
    highest_ = weights_.count == 1 ? value : std::max(highest_, value);
    const double delta = value - mean_;
    // The ratio first (exactly 1 for the first value), then clamp: the mean is a convex
    // combination, so this only removes round-off (a score of 100 stays <= 100).
    mean_ = std::clamp(mean_ + (w / weights_.sum) * delta, lowest_, highest_);
    m2_ += w * delta * (value - mean_);
  }
  [[nodiscard]] const WeightTotals& weights() const noexcept { return weights_; }
  /// Weighted mean; none when nothing was added.
  [[nodiscard]] std::optional<double> mean() const {
    if (weights_.count == 0) return std::nullopt;
    return mean_;
  }
  /// Σw(x − x̄)² / Σw (both sums in the weights' units, so the ratio is scale-free).
  [[nodiscard]] double population_variance() const noexcept {
    return weights_.sum > 0.0 ? std::max(m2_ / weights_.sum, 0.0) : 0.0;
  }

 private:
  WeightTotals weights_;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double lowest_ = 0.0;
  double highest_ = 0.0;
};

/// A mean with its t interval.
struct MeanEstimate {
  std::optional<double> mean;              ///< none when there are no observations
  std::size_t count = 0;                   ///< number of observations
  double effective_size = 0.0;             ///< Kish n_eff (= count without weights)
  std::optional<double> standard_error;    ///< none when n_eff <= 1
  std::optional<double> degrees_of_freedom;  ///< n_eff − 1
  std::optional<Interval> interval;        ///< mean ± t·SE; none when n_eff <= 1
};

/// Estimate from an accumulator: s² = n_eff/(n_eff−1) · Σw(x−x̄)²/Σw, SE = s/√n_eff,
/// interval x̄ ± t_{level, n_eff−1}·SE. Without weights this is the textbook t interval.
/// Weights of any magnitude are fine (WeightTotals rescales); values whose squared deviations
/// overflow throw InvalidArgument("mean.overflow").
[[nodiscard]] inline MeanEstimate estimate_mean(const MeanAccumulator& acc, double level = 0.95) {
  check_level(level);
  MeanEstimate out;
  out.mean = acc.mean();
  out.count = acc.weights().count;
  out.effective_size = acc.weights().effective_size();
  if (!out.mean || !(out.effective_size > 1.0)) return out;
  const double n_eff = out.effective_size;
  const double spread = acc.population_variance();
  if (!std::isfinite(spread)) {
    throw InvalidArgument("mean.overflow", "the variance of the values is not representable", Location::of("values"),
                          "the values are so large (near 1e308) that their squared deviations overflow; divide them "
                          "by a constant");
  }
  const double variance = spread * n_eff / (n_eff - 1.0);
  const double se = std::sqrt(variance / n_eff);
  const double t = student_t_critical(level, n_eff - 1.0);
  out.standard_error = se;
  out.degrees_of_freedom = n_eff - 1.0;
  out.interval = Interval{*out.mean - t * se, *out.mean + t * se};
  return out;
}

/// Mean of @p values with its t interval at @p level.
[[nodiscard]] inline MeanEstimate mean_interval(std::span<const double> values, double level = 0.95) {
  MeanAccumulator acc;
  for (double v : values) acc.add(v);
  return estimate_mean(acc, level);
}

/// Weighted mean with the Kish-n_eff t interval; @p weights parallel to @p values.
/// Throws InvalidArgument("mean.shape") when the lengths differ.
[[nodiscard]] inline MeanEstimate weighted_mean_interval(std::span<const double> values,
                                                         std::span<const double> weights, double level = 0.95) {
  require(values.size() == weights.size(), "mean.shape",
          "values and weights differ in length: " + std::to_string(values.size()) + " vs " +
              std::to_string(weights.size()));
  MeanAccumulator acc;
  for (std::size_t i = 0; i < values.size(); ++i) acc.add(values[i], weights[i]);
  return estimate_mean(acc, level);
}

}  // namespace massline::scoring
