#pragma once
/// @file
/// TOPSIS (Hwang & Yoon 1981): ranks alternatives by their relative closeness to the ideal
/// solution, C_i = D⁻_i / (D⁺_i + D⁻_i), in the weighted normalised criterion space.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/criterion_normalization.hpp>

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// Normalisation of the decision matrix before weighting.
enum class TopsisNormalization : std::uint8_t {
  Vector,  ///< r = x / ‖x‖₂ per column (Hwang & Yoon's original)
  MinMax,  ///< benefit (x − min)/(max − min), cost (max − x)/(max − min)
};
/// "vector", "minmax".
constexpr std::array<std::string_view, 2> enum_names(TopsisNormalization) { return {"vector", "minmax"}; }

/// Closeness coefficients and the distances behind them.
struct TopsisResult {
  Eigen::VectorXd closeness;               ///< C_i in [0, 1], larger is better
  Eigen::VectorXd distance_to_ideal;       ///< D⁺_i
  Eigen::VectorXd distance_to_anti_ideal;  ///< D⁻_i
  Eigen::VectorXd ideal;                   ///< A⁺ in the weighted normalised space
  Eigen::VectorXd anti_ideal;              ///< A⁻
};

/// TOPSIS on @p matrix (alternatives × criteria) with @p weights (non-negative, normalised
/// to sum 1 here) and one Direction per criterion (empty = all Benefit). Errors
/// (InvalidArgument): "matrix.invalid", "weights.invalid", "topsis.degenerate" when every
/// alternative is at the same distance 0 from both A⁺ and A⁻ (all weighted columns constant).
[[nodiscard]] inline TopsisResult topsis(const Eigen::MatrixXd& matrix, const Eigen::VectorXd& weights,
                                         const std::vector<Direction>& directions = {},
                                         TopsisNormalization normalization = TopsisNormalization::Vector) {
  check_decision_matrix(matrix, "decision matrix");
  const auto dirs = expand_directions(directions, matrix.cols());
  const Eigen::VectorXd w = normalize_weights(weights, matrix.cols());
  const bool minmax = normalization == TopsisNormalization::MinMax;
  // Min-max already turns cost criteria around, so its ideal is the column maximum throughout.
  const Eigen::MatrixXd r = minmax ? normalize_columns(matrix, ColumnNormalization::MinMax, dirs)
                                   : normalize_columns(matrix, ColumnNormalization::Vector);
  const Eigen::MatrixXd v = r * w.asDiagonal();
  TopsisResult out;
  out.ideal.resize(v.cols());
  out.anti_ideal.resize(v.cols());
  for (Eigen::Index j = 0; j < v.cols(); ++j) {
    const bool benefit = minmax || dirs[static_cast<std::size_t>(j)] == Direction::Benefit;
    out.ideal(j) = benefit ? v.col(j).maxCoeff() : v.col(j).minCoeff();
    out.anti_ideal(j) = benefit ? v.col(j).minCoeff() : v.col(j).maxCoeff();
  }
  out.distance_to_ideal = (v.rowwise() - out.ideal.transpose()).rowwise().norm();
  out.distance_to_anti_ideal = (v.rowwise() - out.anti_ideal.transpose()).rowwise().norm();
  out.closeness.resize(v.rows());
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    const double total = out.distance_to_ideal(i) + out.distance_to_anti_ideal(i);
    if (!(total > 0.0))
      throw InvalidArgument("topsis.degenerate", "alternatives cannot be told apart", Location::of("decision matrix"),
                            "every criterion with positive weight is constant across alternatives");
    out.closeness(i) = out.distance_to_anti_ideal(i) / total;
  }
  return out;
}

}  // namespace massline::scoring
