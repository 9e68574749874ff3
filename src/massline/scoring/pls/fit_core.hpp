#pragma once
// Private core of the PLS sources, shared by PathModel::fit and PlsBootstrap::run: the data
// preparation and the weight iteration on a moment matrix (one fit per bootstrap resample).
// Formulas: docs/pls.md.

#include <massline/scoring/pls/model_spec.hpp>
#include <massline/scoring/pls/path_model.hpp>

#include <Eigen/Core>

#include <cstddef>

namespace massline::scoring::pls::detail {

/// Eigen index of a std::size_t.
constexpr Eigen::Index ix(std::size_t value) { return static_cast<Eigen::Index>(value); }

/// The model's indicator columns copied out of the data, in stacked order; InvalidArgument
/// "pls.shape", "pls.duplicate_column", "pls.unknown_column", "pls.non_finite".
[[nodiscard]] Eigen::MatrixXd select_indicators(const PlsModelSpec& spec, const PlsData& data);

/// Case weights as given (all ones when the data carry none), validated: "pls.bad_weight".
[[nodiscard]] Eigen::VectorXd case_weights(const PlsData& data);

/// Fewest rows the model can be fitted on: n >= k + 2 for a regression on k predictors (so the
/// adjusted R-squared exists), n >= p_j + 1 for a Mode B block of p_j indicators, and n >= 3.
[[nodiscard]] std::size_t minimum_rows(const PlsModelSpec& spec);

/// Weighted moments of the raw indicators (denominator: sum of weights).
///
/// Computed on the columns each scaled by 2^-exponent(i), the binary exponent of its largest
/// magnitude (exact: the results are the unscaled ones times powers of two, bit for bit, for
/// ordinary data), so data scaled by 1e±300 neither overflows nor underflows to a false
/// "zero variance". mean and sd are in raw units (sd overflowing throws "pls.overflow");
/// covariance is in raw units only when representable (covariance_representable).
struct Moments {
  Eigen::VectorXd mean;        // p
  Eigen::VectorXd sd;          // p
  Eigen::MatrixXd covariance;  // p x p, raw units (inf or 0 where not representable)
  Eigen::Index zero_variance = -1;  // first constant column, or -1
  Eigen::VectorXi exponent;          // p: column i was scaled by 2^-exponent(i)
  Eigen::MatrixXd scaled_covariance;  // p x p: covariance(i, j) · 2^-(exponent(i) + exponent(j))
  Eigen::VectorXd scaled_sd;          // p: sd(i) · 2^-exponent(i)
  bool covariance_representable = true;  // every variance a normal, finite double in raw units
};

/// Block [offset, offset + size) of the covariance, times one power of two common to the block
/// (so ratios such as Cronbach's alpha come out as from the raw block, even when the raw
/// covariances are not representable).
[[nodiscard]] Eigen::MatrixXd covariance_block(const Moments& m, Eigen::Index offset, Eigen::Index size);

/// Weighted moments of @p raw with case weights @p weights.
[[nodiscard]] Moments weighted_moments(const Eigen::MatrixXd& raw, const Eigen::VectorXd& weights);

/// Moment matrix of the prepared indicators: the correlation matrix when standardising,
/// the covariance matrix when only centring.
[[nodiscard]] Eigen::MatrixXd prepared_moments(const Moments& m, bool standardize);

/// Everything the weight iteration and the inner regressions determine from one moment matrix.
struct MomentFit {
  Eigen::VectorXd weights;         // p, each block normalised to unit latent variance
  Eigen::MatrixXd cov_xy;          // p x J: covariance of each prepared indicator with each latent score
  Eigen::MatrixXd cross_loadings;  // p x J: Cor(x_i, latent k), consistent where the block is (see consistent_correction)
  Eigen::VectorXd reliability;     // J: rho_A of consistent blocks, 1 elsewhere
  Eigen::MatrixXd lv_cor;          // J x J: score correlations, disattenuated for consistent blocks
  Eigen::MatrixXd paths;           // J x J (from, to)
  Eigen::VectorXd r_squared;       // J
  int iterations = 0;
  double change = 0.0;
};

/// Runs the weight iteration of @p spec with @p options on the prepared moment matrix @p s,
/// then PLSc's correction of consistent blocks and the inner regressions. Throws
/// ConvergenceError "pls.not_converged", "pls.singular_block", "pls.collinear_latents",
/// "pls.degenerate", "pls.inadmissible".
[[nodiscard]] MomentFit fit_moments(const PlsModelSpec& spec, const PlsOptions& options, const Eigen::MatrixXd& s);

/// Total effects of a DAG's (from, to) path matrix: B + B^2 + ... (B is nilpotent).
[[nodiscard]] Eigen::MatrixXd total_effects_of(const Eigen::MatrixXd& paths);

/// Loading of each indicator with its own latent, read from the p x J cross-loadings.
[[nodiscard]] Eigen::VectorXd own_loadings(const PlsModelSpec& spec, const Eigen::MatrixXd& cross);

}  // namespace massline::scoring::pls::detail
