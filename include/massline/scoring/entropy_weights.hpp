#pragma once
/// @file
/// Entropy weight method: objective criterion weights from the dispersion of a decision
/// matrix (alternatives × criteria). A criterion on which the alternatives differ more
/// has lower Shannon entropy and gets more weight.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/criterion_normalization.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

namespace detail::entropy {
/// f(1 + e) = (1 + e) ln(1 + e) − e, >= 0, with f(0) = 1 for q = 0 (0·ln 0 = 0). Near q = 1 the
/// Taylor series Σ_{k>=2} (−e)^k / (k(k−1)) avoids the first-order cancellation.
inline double excess_entropy_term(double e) {
  if (e <= -1.0) return 1.0;
  if (std::fabs(e) < 1e-2) {
    double sum = 0.0, power = e;
    for (int k = 2; k <= 10; ++k) {
      power *= -e;
      sum += power / static_cast<double>(k * (k - 1));
    }
    return -sum;
  }
  return (1.0 + e) * std::log1p(e) - e;
}
}  // namespace detail::entropy

/// Normalisation applied before the proportions p_ij are formed.
enum class EntropyNormalization : std::uint8_t {
  Proportion,  ///< p_ij = x_ij / Σ_i x_ij on the raw (non-negative) data
  MinMax,      ///< min-max with directions first (cost columns reversed), then proportions
  Vector,      ///< x / ‖x‖₂ first, then proportions; gives the same p as Proportion (scale-free)
};
/// "proportion", "minmax", "vector".
constexpr std::array<std::string_view, 3> enum_names(EntropyNormalization) { return {"proportion", "minmax", "vector"}; }

/// Options of the entropy method.
struct EntropyOptions {
  EntropyNormalization normalization = EntropyNormalization::Proportion;
  std::vector<Direction> directions;  ///< per criterion, empty = all Benefit; used by MinMax only
};

/// Entropy, divergence and weight of every criterion.
struct EntropyResult {
  Eigen::VectorXd entropy;     ///< e_j in [0, 1]
  Eigen::VectorXd divergence;  ///< d_j = 1 − e_j
  Eigen::VectorXd weights;     ///< d_j / Σd, sum 1
};

/// e_j = −(1/ln m) Σ_i p_ij ln p_ij with 0·ln 0 = 0, d_j = 1 − e_j, w_j = d_j / Σ_k d_k
/// (d_j is evaluated as Σ_i f(m·p_ij) / (m ln m), f(q) = q ln q − q + 1, which equals 1 − e_j
/// without its cancellation for nearly uniform columns).
/// A criterion whose raw values are all equal has e_j = 1 and weight 0. Errors
/// (InvalidArgument): "entropy.alternatives" (fewer than 2 rows), "matrix.invalid",
/// "matrix.negative" (negative data under Proportion/Vector), "entropy.degenerate" (every
/// criterion constant: no weight can be derived).
[[nodiscard]] inline EntropyResult entropy_analysis(const Eigen::MatrixXd& matrix, const EntropyOptions& options = {}) {
  check_decision_matrix(matrix, "decision matrix");
  const Eigen::Index m = matrix.rows();
  require(m >= 2, "entropy.alternatives", "the entropy method needs at least 2 alternatives, got " + std::to_string(m));
  Eigen::MatrixXd r;
  switch (options.normalization) {
    case EntropyNormalization::Proportion: r = normalize_columns(matrix, ColumnNormalization::Proportion); break;
    case EntropyNormalization::MinMax: r = normalize_columns(matrix, ColumnNormalization::MinMax, options.directions); break;
    case EntropyNormalization::Vector:
      require(matrix.minCoeff() >= 0.0, "matrix.negative",
              "vector normalisation for the entropy method needs non-negative values");
      r = normalize_columns(matrix, ColumnNormalization::Vector);
      break;
  }
  const Eigen::Index criteria = matrix.cols();
  EntropyResult out;
  out.entropy.resize(criteria);
  out.divergence.resize(criteria);
  const double log_m = std::log(static_cast<double>(m));
  for (Eigen::Index j = 0; j < criteria; ++j) {
    const bool constant = matrix.col(j).maxCoeff() == matrix.col(j).minCoeff();
    const double sum = r.col(j).sum();
    double d = 0.0;  // constant (or all-zero) column: uniform p, entropy 1, divergence 0
    if (!constant && sum > 0.0) {
      // d = 1 − e = Σ p ln(m·p) / ln m, the divergence from the uniform distribution. Summed
      // as Σ (1/m)·f(m·p) with f(q) = q ln q − q + 1 >= 0 (adding Σ(1/m − p) = 0), so nearly
      // uniform columns keep their small positive divergence instead of cancelling to 0.
      const double m_d = static_cast<double>(m);
      for (Eigen::Index i = 0; i < m; ++i) d += detail::entropy::excess_entropy_term((m_d * r(i, j) - sum) / sum) / m_d;
      d = std::clamp(d / log_m, 0.0, 1.0);
    }
    out.entropy(j) = 1.0 - d;
    out.divergence(j) = d;
  }
  const double total = out.divergence.sum();
  if (!(total > 0.0))
    throw InvalidArgument("entropy.degenerate", "no criterion separates the alternatives", Location::of("decision matrix"),
                          "every column is constant, so every entropy is 1 and no weight can be derived");
  out.weights = out.divergence / total;
  return out;
}

/// Entropy weights only (see entropy_analysis).
[[nodiscard]] inline Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& matrix, const EntropyOptions& options = {}) {
  return entropy_analysis(matrix, options).weights;
}

}  // namespace massline::scoring
