#pragma once
/// @file
/// Fuzzy comprehensive evaluation (模糊综合评价): a weight vector A over factors composed
/// with a membership matrix R (factors × grades) gives the grade memberships B = A ∘ R.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/criterion_normalization.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace massline::scoring {

/// Composition operator M(⊗, ⊕) for b_j = ⊕_i (a_i ⊗ r_ij).
enum class FuzzyOperator : std::uint8_t {
  WeightedAverage,  ///< M(·, ⊕): b_j = min(1, Σ_i a_i·r_ij); uses every factor
  MaxMin,           ///< M(∧, ∨): b_j = max_i min(a_i, r_ij); main-factor dominated
  ProductMax,       ///< M(·, ∨): b_j = max_i a_i·r_ij; main-factor prominent
  MinBoundedSum,    ///< M(∧, ⊕): b_j = min(1, Σ_i min(a_i, r_ij))
};
/// "weighted_average", "max_min", "product_max", "min_bounded_sum".
constexpr std::array<std::string_view, 4> enum_names(FuzzyOperator) {
  return {"weighted_average", "max_min", "product_max", "min_bounded_sum"};
}

/// Options of a fuzzy comprehensive evaluation.
struct FuzzyOptions {
  FuzzyOperator op = FuzzyOperator::WeightedAverage;
  bool normalize = true;  ///< divide B by its sum
  double weight_tolerance = 1e-9;  ///< allowed |Σa − 1|
};

/// Result of one evaluation.
struct FuzzyEvaluation {
  Eigen::VectorXd composed;    ///< B before normalisation
  Eigen::VectorXd membership;  ///< B, normalised if requested
  std::size_t grade = 0;       ///< index of the largest membership (first on ties): maximum-membership principle
  std::optional<double> score; ///< Σ b_j v_j / Σ b_j when grade values were given
};

/// Row-normalises a count matrix (factors × grades): r_ij = n_ij / Σ_j n_ij, e.g. the votes
/// of a survey panel per grade. Rows must be non-negative with a positive sum
/// (InvalidArgument "fuzzy.counts").
[[nodiscard]] inline Eigen::MatrixXd membership_from_counts(const Eigen::MatrixXd& counts) {
  require(counts.rows() > 0 && counts.cols() > 0 && counts.allFinite(), "fuzzy.counts", "count matrix is empty or not finite");
  Eigen::MatrixXd out(counts.rows(), counts.cols());
  for (Eigen::Index i = 0; i < counts.rows(); ++i) {
    require(counts.row(i).minCoeff() >= 0.0, "fuzzy.counts", "factor " + std::to_string(i) + " has a negative count");
    const double sum = counts.row(i).sum();
    require(sum > 0.0, "fuzzy.counts", "factor " + std::to_string(i) + " has no counts");
    // Counts near 1e308 whose sum overflows are rescaled (exact), not zeroed.
    out.row(i) = divide_by_sum(counts.row(i).transpose()).transpose();
  }
  return out;
}

/// Evaluates B = A ∘ R. @p weights: one per factor, non-negative, summing to 1 within the
/// tolerance (InvalidArgument "fuzzy.weights"); @p membership: entries in [0, 1]
/// ("fuzzy.membership"); @p grade_values: empty or one value per grade ("fuzzy.grades").
/// Normalising an all-zero B throws "fuzzy.empty".
[[nodiscard]] inline FuzzyEvaluation fuzzy_evaluate(const Eigen::VectorXd& weights, const Eigen::MatrixXd& membership,
                                                    const FuzzyOptions& options = {},
                                                    const Eigen::VectorXd& grade_values = {}) {
  require(membership.rows() > 0 && membership.cols() > 0, "fuzzy.membership", "membership matrix is empty");
  require(membership.allFinite() && membership.minCoeff() >= 0.0 && membership.maxCoeff() <= 1.0, "fuzzy.membership",
          "memberships must lie in [0, 1]");
  require(weights.size() == membership.rows(), "fuzzy.weights",
          std::to_string(weights.size()) + " weights for " + std::to_string(membership.rows()) + " factors");
  require(weights.allFinite() && weights.minCoeff() >= 0.0, "fuzzy.weights", "weights must be finite and non-negative");
  require(std::fabs(weights.sum() - 1.0) <= options.weight_tolerance, "fuzzy.weights",
          "weights must sum to 1, got " + std::to_string(weights.sum()));
  require(grade_values.size() == 0 || grade_values.size() == membership.cols(), "fuzzy.grades",
          std::to_string(grade_values.size()) + " grade values for " + std::to_string(membership.cols()) + " grades");
  require(grade_values.allFinite(), "fuzzy.grades", "grade values must be finite");

  const Eigen::Index factors = membership.rows();
  const Eigen::Index grades = membership.cols();
  FuzzyEvaluation out;
  out.composed = Eigen::VectorXd::Zero(grades);
  for (Eigen::Index j = 0; j < grades; ++j) {
    double b = 0.0;
    for (Eigen::Index i = 0; i < factors; ++i) {
      const double a = weights(i);
      const double r = membership(i, j);
      switch (options.op) {
        case FuzzyOperator::WeightedAverage: b += a * r; break;
        case FuzzyOperator::MaxMin: b = std::max(b, std::min(a, r)); break;
        case FuzzyOperator::ProductMax: b = std::max(b, a * r); break;
        case FuzzyOperator::MinBoundedSum: b += std::min(a, r); break;
      }
    }
    out.composed(j) = std::min(b, 1.0);  // bounded sum ⊕; a no-op for the max operators
  }
  const double total = out.composed.sum();
  out.membership = out.composed;
  if (options.normalize) {
    require(total > 0.0, "fuzzy.empty", "every grade has membership 0; nothing to normalise");
    out.membership /= total;
  }
  Eigen::Index best = 0;
  out.membership.maxCoeff(&best);
  out.grade = static_cast<std::size_t>(best);
  if (grade_values.size() > 0 && total > 0.0) {
    const double dot = out.composed.dot(grade_values);
    if (std::isfinite(dot)) {
      out.score = dot / total;
    } else {
      // Grade values near 1e308: Σ b v overflows though the score, a weighted mean of them,
      // does not. The same sum in units of the largest value's power of two (exact).
      const int e = std::ilogb(grade_values.cwiseAbs().maxCoeff());
      const Eigen::VectorXd scaled = grade_values.unaryExpr([e](double v) { return std::ldexp(v, -e); });
      out.score = std::ldexp(out.composed.dot(scaled) / total, e);
    }
  }
  return out;
}

}  // namespace massline::scoring
