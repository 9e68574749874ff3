#pragma once
/// @file
/// Direction of a criterion (more is better / less is better) and column normalisations of
/// a decision matrix (alternatives × criteria), shared by the entropy method, TOPSIS and
/// indicator systems.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// Whether larger values of a criterion are better (benefit) or worse (cost).
enum class Direction : std::uint8_t { Benefit, Cost };
/// "benefit", "cost".
constexpr std::array<std::string_view, 2> enum_names(Direction) { return {"benefit", "cost"}; }

/// Column normalisation of a decision matrix.
enum class ColumnNormalization : std::uint8_t {
  Vector,      ///< r = x / ‖x‖₂ (direction kept: a cost column stays "smaller is better")
  MinMax,      ///< benefit (x − min)/(max − min), cost (max − x)/(max − min): every column becomes "larger is better"
  Proportion,  ///< r = x / Σx, for non-negative columns (direction kept)
};
/// "vector", "minmax", "proportion".
constexpr std::array<std::string_view, 3> enum_names(ColumnNormalization) { return {"vector", "minmax", "proportion"}; }

/// Throws InvalidArgument("matrix.invalid") unless @p matrix is non-empty and finite.
inline void check_decision_matrix(const Eigen::MatrixXd& matrix, std::string_view what) {
  require(matrix.rows() > 0 && matrix.cols() > 0, "matrix.invalid", std::string(what) + " is empty");
  require(matrix.allFinite(), "matrix.invalid", std::string(what) + " has non-finite entries");
}

/// Directions for @p criteria columns: empty means all Benefit; otherwise one per column
/// (InvalidArgument "matrix.invalid" if the count differs).
[[nodiscard]] inline std::vector<Direction> expand_directions(const std::vector<Direction>& directions,
                                                              Eigen::Index criteria) {
  if (directions.empty()) return std::vector<Direction>(static_cast<std::size_t>(criteria), Direction::Benefit);
  require(static_cast<Eigen::Index>(directions.size()) == criteria, "matrix.invalid",
          std::to_string(directions.size()) + " directions for " + std::to_string(criteria) + " criteria");
  return directions;
}

/// @p values (finite, non-negative) divided by their sum; all zeros when the sum is 0. When
/// the sum overflows (entries near 1e308) both are first scaled by the same power of two, the
/// binary exponent of the largest entry, which is exact and leaves the quotients as they are;
/// ordinary inputs take the plain values / Σ values.
[[nodiscard]] inline Eigen::VectorXd divide_by_sum(const Eigen::Ref<const Eigen::VectorXd>& values) {
  const double sum = values.sum();
  if (std::isfinite(sum)) return sum > 0.0 ? Eigen::VectorXd(values / sum) : Eigen::VectorXd::Zero(values.size());
  const int e = std::ilogb(values.maxCoeff());
  const Eigen::VectorXd scaled = values.unaryExpr([e](double x) { return std::ldexp(x, -e); });
  return scaled / scaled.sum();
}

/// Normalises each column of @p matrix. A column that cannot be scaled (all zero for
/// Vector/Proportion, constant for MinMax) becomes all zeros. Entries of any finite magnitude
/// are fine: the norm is Eigen's stableNorm, sums and ranges that overflow are rescaled by a
/// power of two (exact), so a column of 1e308s normalises like a column of 1s. Proportion requires
/// non-negative entries (InvalidArgument "matrix.negative").
[[nodiscard]] inline Eigen::MatrixXd normalize_columns(const Eigen::MatrixXd& matrix, ColumnNormalization method,
                                                       const std::vector<Direction>& directions = {}) {
  check_decision_matrix(matrix, "decision matrix");
  const auto dirs = expand_directions(directions, matrix.cols());
  Eigen::MatrixXd out(matrix.rows(), matrix.cols());
  for (Eigen::Index j = 0; j < matrix.cols(); ++j) {
    const auto column = matrix.col(j);
    switch (method) {
      case ColumnNormalization::Vector: {
        // stableNorm: no underflow for tiny entries (1e-162² is 0) nor overflow for huge ones.
        const double norm = column.stableNorm();
        out.col(j) = norm > 0.0 ? Eigen::VectorXd(column / norm) : Eigen::VectorXd::Zero(matrix.rows());
        break;
      }
      case ColumnNormalization::MinMax: {
        const double lo = column.minCoeff();
        const double hi = column.maxCoeff();
        // hi − lo overflows for a column spanning ±1e308: then halve everything first (exact
        // for such large values, and the quotients are unchanged).
        const double half = std::isfinite(hi - lo) ? 1.0 : 0.5;
        const double l = lo * half, h = hi * half;
        if (!(hi > lo)) {
          out.col(j).setZero();
        } else if (dirs[static_cast<std::size_t>(j)] == Direction::Benefit) {
          out.col(j) = (column.array() * half - l) / (h - l);
        } else {
          out.col(j) = (h - column.array() * half) / (h - l);
        }
        break;
      }
      case ColumnNormalization::Proportion: {
        require(column.minCoeff() >= 0.0, "matrix.negative",
                "proportion normalisation needs non-negative values; column " + std::to_string(j) +
                    " has minimum " + std::to_string(column.minCoeff()));
        out.col(j) = divide_by_sum(column);
        break;
      }
    }
  }
  return out;
}

/// Checks that @p weights are non-negative, finite, of length @p size, with a positive sum,
/// and returns them divided by their sum. InvalidArgument("weights.invalid") otherwise.
[[nodiscard]] inline Eigen::VectorXd normalize_weights(const Eigen::VectorXd& weights, Eigen::Index size) {
  require(weights.size() == size, "weights.invalid",
          std::to_string(weights.size()) + " weights for " + std::to_string(size) + " criteria");
  require(weights.allFinite() && (size == 0 || weights.minCoeff() >= 0.0), "weights.invalid",
          "weights must be finite and non-negative");
  require(size > 0 && weights.maxCoeff() > 0.0, "weights.invalid", "weights sum to 0");
  return divide_by_sum(weights);  // weights near 1e308 whose sum overflows: rescaled, not zeros
}

}  // namespace massline::scoring
