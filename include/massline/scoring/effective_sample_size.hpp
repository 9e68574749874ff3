#pragma once
/// @file
/// Running totals of survey weights and Kish's effective sample size
/// n_eff = (Σw)² / Σw², the number of unweighted observations that would give the same
/// variance of a mean as the weighted sample when the weights are unrelated to the answers
/// (Kish 1965, Survey Sampling).

#include <massline/core/error.hpp>

#include <cmath>
#include <cstddef>
#include <span>
#include <string>

namespace massline::scoring {

/// Throws InvalidArgument("weights.invalid") unless @p weight is positive and finite.
inline void check_weight(double weight) {
  require(std::isfinite(weight) && weight > 0.0, "weights.invalid",
          "survey weights must be positive and finite, got " + std::to_string(weight));
}

/// Totals of a set of positive weights.
struct WeightTotals {
  std::size_t count = 0;   ///< number of observations
  double sum = 0.0;        ///< Σw
  double sum_squares = 0.0;  ///< Σw²
  bool uniform = true;     ///< every weight added so far equals the first one
  double first = 0.0;      ///< the first weight added

  /// Adds one weight; throws InvalidArgument("weights.invalid") unless it is positive and finite.
  void add(double weight) {
    check_weight(weight);
    if (count == 0) first = weight;
    uniform = uniform && weight == first;
    ++count;
    sum += weight;
    sum_squares += weight * weight;
  }
  /// Kish effective sample size (Σw)²/Σw²; equals count when all weights are equal; 0 when empty.
  [[nodiscard]] double effective_size() const noexcept {
    if (count == 0) return 0.0;
    if (uniform) return static_cast<double>(count);
    return sum * sum / sum_squares;
  }
};

/// Kish effective sample size of @p weights (each positive and finite).
[[nodiscard]] inline double kish_effective_sample_size(std::span<const double> weights) {
  WeightTotals totals;
  for (double w : weights) totals.add(w);
  return totals.effective_size();
}

}  // namespace massline::scoring
