#pragma once
/// @file
/// Running totals of survey weights and Kish's effective sample size
/// n_eff = (Σw)² / Σw², the number of unweighted observations that would give the same
/// variance of a mean as the weighted sample when the weights are unrelated to the answers
/// (Kish 1965, Survey Sampling).

#include <massline/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace massline::scoring {

/// Throws InvalidArgument("weights.invalid") unless @p weight is positive and finite.
inline void check_weight(double weight) {
  require(std::isfinite(weight) && weight > 0.0, "weights.invalid",
          "survey weights must be positive and finite, got " + std::to_string(weight));
}

/// Totals of a set of positive weights.
///
/// The sums are kept in units of 2^scale: `sum` is Σw·2^-scale and `sum_squares` Σw²·2^-2·scale.
/// scale stays 0 (the plain sums, bit for bit) while every weight lies in [2^-400, 2^400]; a
/// weight outside that range moves the scale to the weight's binary exponent, which only
/// multiplies the sums by a power of two (exact). So weights of 1e308 (whose Σw or Σw²
/// overflows) and of 1e-310 (whose squares underflow to 0) give the same effective size,
/// rates and means as the same weights scaled to 1. total() is the true Σw.
struct WeightTotals {
  std::size_t count = 0;   ///< number of observations
  double sum = 0.0;        ///< Σw · 2^-scale
  double sum_squares = 0.0;  ///< Σw² · 2^-2·scale
  int scale = 0;           ///< binary exponent of the units of sum (0 for ordinary weights)
  bool uniform = true;     ///< every weight added so far equals the first one
  double first = 0.0;      ///< the first weight added

  /// Weights in [kSmallest, kLargest] (relative to the scale) are added as they are: their
  /// squares and any sum of fewer than 2^200 of them stay normal and finite.
  static constexpr double kSmallest = 0x1p-400, kLargest = 0x1p400;

  /// Adds one weight; throws InvalidArgument("weights.invalid") unless it is positive and finite.
  void add(double weight) {
    check_weight(weight);
    if (count == 0) first = weight;
    uniform = uniform && weight == first;
    double w = scale == 0 ? weight : std::ldexp(weight, -scale);
    if (count == 0 ? (w > kLargest || w < kSmallest) : w > kLargest) {
      // Re-express everything in units of the new weight's exponent (exact: powers of two;
      // earlier weights that now fall below 2^-1074 are negligible next to this one).
      rescale_to(std::ilogb(weight));
      w = std::ldexp(weight, -scale);
    }
    ++count;
    sum += w;
    sum_squares += w * w;
  }
  /// Re-expresses the sums in units of 2^@p to (to >= scale, or any when nothing was added).
  void rescale_to(int to) noexcept {
    if (to == scale) return;
    sum = std::ldexp(sum, scale - to);
    sum_squares = std::ldexp(sum_squares, 2 * (scale - to));
    scale = to;
  }
  /// Adds the weights of @p other (as if each had been added here).
  void merge(const WeightTotals& other) noexcept {
    if (other.count == 0) return;
    uniform = uniform && other.uniform && (count == 0 || first == other.first);
    if (count == 0) {
      first = other.first;
      sum = 0.0;
      sum_squares = 0.0;
      scale = other.scale;
    }
    const int to = std::max(scale, other.scale);
    rescale_to(to);
    WeightTotals o = other;
    o.rescale_to(to);
    count += o.count;
    sum += o.sum;
    sum_squares += o.sum_squares;
  }
  /// The true Σw; +infinity when it exceeds the largest double (see checked_total()).
  [[nodiscard]] double total() const noexcept { return scale == 0 ? sum : std::ldexp(sum, scale); }
  /// The true Σw; throws InvalidArgument("weights.overflow") when it exceeds the largest
  /// double, located at @p where.
  [[nodiscard]] double checked_total(std::string_view where = "weights") const {
    const double t = total();
    if (!std::isfinite(t)) {
      throw InvalidArgument("weights.overflow", "the total weight is not representable", Location::of(std::string(where)),
                            "the survey weights sum to " + std::to_string(sum) + " × 2^" + std::to_string(scale) +
                                ", beyond the largest double (about 1.8e308); divide the weights by a constant");
    }
    return t;
  }
  /// Kish effective sample size (Σw)²/Σw²; equals count when all weights are equal; 0 when empty.
  /// Invariant under the scale (both sums are in its units).
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
