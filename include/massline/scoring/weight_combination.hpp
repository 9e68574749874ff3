#pragma once
/// @file
/// Combining subjective weights (fixed or AHP) with objective weights (entropy).

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/criterion_normalization.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// How two weight vectors are combined.
enum class WeightCombination : std::uint8_t {
  Multiplicative,  ///< w_j = s_j·o_j / Σ_k s_k·o_k
  Linear,          ///< w_j = α·s_j + (1 − α)·o_j (both normalised to sum 1 first)
};
/// "multiplicative", "linear".
constexpr std::array<std::string_view, 2> enum_names(WeightCombination) { return {"multiplicative", "linear"}; }

/// Multiplicative combination s_j·o_j / Σ s_k·o_k. Both vectors must have the same length,
/// be finite and non-negative with positive sums (InvalidArgument "weights.invalid"), and
/// overlap somewhere (otherwise every product is 0: "weights.disjoint").
[[nodiscard]] inline Eigen::VectorXd combine_multiplicative(const Eigen::VectorXd& subjective,
                                                            const Eigen::VectorXd& objective) {
  const Eigen::VectorXd s = normalize_weights(subjective, subjective.size());
  const Eigen::VectorXd o = normalize_weights(objective, subjective.size());
  Eigen::VectorXd product = s.cwiseProduct(o);
  double sum = product.sum();
  if (!(sum >= 0x1p-900)) {
    // Products of tiny weights (1e-200 · 1e-200) underflow: redo them as mantissa products
    // times a power of two shifted by the largest exponent, so the largest is near 1.
    Eigen::VectorXd mantissa(s.size());
    std::vector<int> exponent(static_cast<std::size_t>(s.size()), 0);
    int top = std::numeric_limits<int>::min();
    for (Eigen::Index j = 0; j < s.size(); ++j) {
      int es = 0, eo = 0;
      mantissa(j) = std::frexp(s(j), &es) * std::frexp(o(j), &eo);
      exponent[static_cast<std::size_t>(j)] = es + eo;
      if (mantissa(j) > 0.0) top = std::max(top, es + eo);
    }
    require(top != std::numeric_limits<int>::min(), "weights.disjoint",
            "no criterion has both a subjective and an objective weight");
    for (Eigen::Index j = 0; j < s.size(); ++j) product(j) = std::ldexp(mantissa(j), exponent[static_cast<std::size_t>(j)] - top);
    sum = product.sum();
  }
  require(sum > 0.0, "weights.disjoint", "no criterion has both a subjective and an objective weight");
  return product / sum;
}

/// Linear combination α·s + (1 − α)·o of the normalised vectors, 0 <= α <= 1
/// (InvalidArgument "weights.alpha" otherwise).
[[nodiscard]] inline Eigen::VectorXd combine_linear(const Eigen::VectorXd& subjective, const Eigen::VectorXd& objective,
                                                    double alpha) {
  require(std::isfinite(alpha) && alpha >= 0.0 && alpha <= 1.0, "weights.alpha",
          "alpha must lie in [0, 1], got " + std::to_string(alpha));
  const Eigen::VectorXd s = normalize_weights(subjective, subjective.size());
  const Eigen::VectorXd o = normalize_weights(objective, subjective.size());
  return alpha * s + (1.0 - alpha) * o;
}

}  // namespace massline::scoring
