#pragma once
/// @file
/// Analytic Hierarchy Process (Saaty 1977, 1980): priority weights from a positive
/// reciprocal pairwise comparison matrix, with λmax, the consistency index
/// CI = (λmax − n)/(n − 1) and the consistency ratio CR = CI / RI(n).

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/random_index.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// How the weights are derived from the matrix.
enum class AhpMethod : std::uint8_t {
  Eigenvector,    ///< principal right eigenvector (Saaty), by power iteration
  GeometricMean,  ///< normalised row geometric means (Crawford & Williams 1985)
};
/// "eigenvector", "geometric_mean".
constexpr std::array<std::string_view, 2> enum_names(AhpMethod) { return {"eigenvector", "geometric_mean"}; }

/// Options of ahp_weights.
struct AhpOptions {
  RandomIndexTable random_index = RandomIndexTable::saaty_1980();  ///< RI table for CR
  AhpMethod method = AhpMethod::Eigenvector;
  double tolerance = 1e-13;              ///< power iteration stops when max |Δw| <= tolerance
  std::size_t max_iterations = 10'000;   ///< power iteration cap (ConvergenceError beyond)
  double reciprocity_tolerance = 1e-9;   ///< allowed |a_ij·a_ji − 1| and |a_ii − 1|
};

/// Weights and consistency of one pairwise comparison matrix.
struct AhpResult {
  Eigen::VectorXd weights;         ///< positive, sum 1
  double lambda_max = 0.0;         ///< principal (Perron) eigenvalue
  double consistency_index = 0.0;  ///< (λmax − n)/(n − 1); 0 for n <= 2
  double random_index = 0.0;       ///< RI(n) from the chosen table; 0 for n <= 2
  double consistency_ratio = 0.0;  ///< CI / RI; 0 for n <= 2
  std::size_t iterations = 0;      ///< power-iteration steps
};

/// Throws InvalidArgument unless @p matrix is a square positive reciprocal matrix:
/// "ahp.not_square", "ahp.not_positive" (an entry <= 0 or non-finite), "ahp.diagonal"
/// (a_ii != 1), "ahp.not_reciprocal" (a_ij·a_ji != 1), within @p tolerance.
inline void check_pairwise_matrix(const Eigen::MatrixXd& matrix, double tolerance = 1e-9) {
  auto cell = [](Eigen::Index i, Eigen::Index j) {
    return "(" + std::to_string(i) + ", " + std::to_string(j) + ")";
  };
  if (matrix.rows() != matrix.cols() || matrix.rows() == 0)
    throw InvalidArgument("ahp.not_square", "pairwise comparison matrix is not square", Location::of("pairwise matrix"),
                          "shape " + std::to_string(matrix.rows()) + "x" + std::to_string(matrix.cols()));
  const Eigen::Index n = matrix.rows();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (!(std::isfinite(matrix(i, j)) && matrix(i, j) > 0.0))
        throw InvalidArgument("ahp.not_positive", "pairwise comparison entry is not positive",
                              Location::of("pairwise matrix", "entry " + cell(i, j)),
                              "value " + std::to_string(matrix(i, j)) + "; judgements are ratios > 0");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::fabs(matrix(i, i) - 1.0) > tolerance)
      throw InvalidArgument("ahp.diagonal", "diagonal entry is not 1", Location::of("pairwise matrix", "entry " + cell(i, i)),
                            "value " + std::to_string(matrix(i, i)));
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::fabs(matrix(i, j) * matrix(j, i) - 1.0) > tolerance)
        throw InvalidArgument("ahp.not_reciprocal", "matrix is not reciprocal",
                              Location::of("pairwise matrix", "entries " + cell(i, j) + " and " + cell(j, i)),
                              std::to_string(matrix(i, j)) + " × " + std::to_string(matrix(j, i)) + " should be 1 (tolerance " +
                                  std::to_string(tolerance) + "); enter 1/3, not 0.33");
  }
}

/// Builds the full reciprocal matrix of order @p n from its strict upper triangle given row
/// by row: a_01, a_02, …, a_0(n-1), a_12, … (n(n−1)/2 positive values).
[[nodiscard]] inline Eigen::MatrixXd pairwise_from_upper(std::size_t n, const std::vector<double>& upper) {
  require(n >= 1, "ahp.not_square", "matrix order must be at least 1");
  require(upper.size() == n * (n - 1) / 2, "ahp.not_square",
          std::to_string(upper.size()) + " judgements for order " + std::to_string(n) + ", expected " +
              std::to_string(n * (n - 1) / 2));
  const auto order = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd m = Eigen::MatrixXd::Ones(order, order);
  std::size_t k = 0;
  for (Eigen::Index i = 0; i < order; ++i)
    for (Eigen::Index j = i + 1; j < order; ++j, ++k) {
      require(std::isfinite(upper[k]) && upper[k] > 0.0, "ahp.not_positive",
              "judgement " + std::to_string(k) + " is " + std::to_string(upper[k]) + "; judgements are ratios > 0");
      m(i, j) = upper[k];
      m(j, i) = 1.0 / upper[k];
    }
  return m;
}

namespace detail {
/// A tolerance as text that keeps its magnitude (std::to_string(1e-13) is "0.000000").
inline std::string tolerance_text(double tolerance) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%g", tolerance);
  return text.data();
}
}  // namespace detail

/// AHP weights, λmax, CI and CR of @p matrix (validated by check_pairwise_matrix).
/// λmax is always the Perron root (by power iteration, started from the geometric-mean
/// vector), whatever the weighting method. CI is clamped at 0 against round-off (λmax >= n
/// holds exactly for positive reciprocal matrices). Throws ConvergenceError
/// ("ahp.no_convergence") if the power iteration does not settle, and InvalidArgument
/// ("ahp.random_index") when the RI table does not reach order n >= 3, or ("ahp.overflow") when
/// λmax is beyond the largest double. Judgements of any magnitude (1e-300 .. 1e300) are
/// handled: the iteration runs on the balanced, rescaled matrix (see the comment inside).
[[nodiscard]] inline AhpResult ahp_weights(const Eigen::MatrixXd& matrix, const AhpOptions& options = {}) {
  check_pairwise_matrix(matrix, options.reciprocity_tolerance);
  require(options.tolerance > 0.0 && options.max_iterations > 0, "ahp.options",
          "tolerance and max_iterations must be positive");
  const Eigen::Index n = matrix.rows();
  const auto order = static_cast<std::size_t>(n);
  const double random_index = order <= 2 ? 0.0 : options.random_index.at(order);

  // Everything through logs, so that no magnitude of judgement overflows. Row geometric means
  // g, normalised to sum 1 (shifted by the largest log first).
  const Eigen::MatrixXd logs = matrix.array().log().matrix();
  const Eigen::VectorXd log_g = logs.rowwise().mean();
  Eigen::VectorXd geometric = (log_g.array() - log_g.maxCoeff()).exp().matrix();
  geometric /= geometric.sum();

  // The power iteration runs on the balanced matrix B = 2^-e · D⁻¹AD, D = diag(g): b_ij =
  // a_ij·g_j/g_i (all ones when A is consistent), scaled so that its largest entry is about 1.
  // B has A's eigenvalues times 2^-e and eigenvectors D⁻¹v, so w = normalised g∘v' is A's; its
  // entries are near 1 whatever the judgements' magnitude, so B·v' neither overflows nor loses
  // the small weights, and λ is scaled back at the end.
  Eigen::MatrixXd balanced(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) balanced(i, j) = logs(i, j) + log_g(j) - log_g(i);
  const int exponent = static_cast<int>(std::floor(balanced.maxCoeff() / std::log(2.0)));
  balanced = (balanced.array() - exponent * std::log(2.0)).exp().matrix();

  AhpResult result;
  Eigen::VectorXd v = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));  // w = g at the start
  Eigen::VectorXd w = geometric;
  bool converged = false;
  for (std::size_t it = 1; it <= options.max_iterations; ++it) {
    v = balanced * v;
    v /= v.sum();
    Eigen::VectorXd next = geometric.cwiseProduct(v);
    next /= next.sum();
    const double change = (next - w).cwiseAbs().maxCoeff();
    w = next;
    result.iterations = it;
    if (change <= options.tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged)
    throw ConvergenceError("ahp.no_convergence", "power iteration did not converge", Location::of("pairwise matrix"),
                           std::to_string(options.max_iterations) + " iterations with tolerance " + detail::tolerance_text(options.tolerance));
  // With Σv' = 1, Bv' = λ'v' gives λ' = Σ(Bv'); λ = 2^e·λ'.
  result.lambda_max = std::ldexp((balanced * v).sum(), exponent);
  if (!std::isfinite(result.lambda_max)) {
    throw InvalidArgument("ahp.overflow", "λmax is beyond the largest double", Location::of("pairwise matrix"),
                          "the judgements are so inconsistent (largest entry " + std::to_string(matrix.maxCoeff()) +
                              ") that the principal eigenvalue cannot be represented");
  }
  result.weights = options.method == AhpMethod::Eigenvector ? w : geometric;
  if (order > 2) {
    result.consistency_index = std::max(0.0, (result.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
    result.random_index = random_index;
    result.consistency_ratio = result.consistency_index / random_index;
  }
  return result;
}

}  // namespace massline::scoring
