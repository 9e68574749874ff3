#pragma once
/// @file
/// Everything a PLS path-model fit produces (see docs/pls.md for the formulas).
///
/// Orientation conventions: latent-by-latent matrices are indexed (from, to), so
/// `paths(i, j)` is the coefficient of the path i -> j. Per-indicator vectors use the stacked
/// order of PlsModelSpec (block 0's indicators first). Correlations, variances and regressions
/// are survey-weighted when the data carry weights, with the sum of weights as denominator.

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

namespace massline::scoring::pls {

/// Per-block unidimensionality diagnostics as R plspm reports them (computed on the
/// weighted correlation matrix of the block's indicators, whatever the block's mode).
struct Unidimensionality {
  double cronbach_alpha_standardized = 1.0;  ///< alpha of the correlation matrix; 1 for a 1-indicator block
  double dillon_goldstein_rho = 1.0;         ///< with first-principal-component loadings; 1 for a 1-indicator block
  double first_eigenvalue = 1.0;             ///< largest eigenvalue of the block's correlation matrix
  double second_eigenvalue = 0.0;            ///< second largest eigenvalue (0 for a 1-indicator block)
};

/// Results of PathModel::fit.
struct PathModelResult {
  std::vector<std::string> latent_names;     ///< J latent names, block order
  std::vector<std::string> indicator_names;  ///< p indicator names, stacked order
  std::vector<std::size_t> indicator_block;  ///< block index of each stacked indicator
  std::vector<bool> endogenous;              ///< per latent: has at least one predictor

  // --- data summary -------------------------------------------------------------------
  std::size_t observations = 0;      ///< rows with positive weight
  double weight_sum = 0.0;           ///< sum of the case weights (= observations when unweighted)
  bool standardized = true;          ///< indicators were scaled to unit variance (else only centred)
  Eigen::VectorXd indicator_means;   ///< weighted mean of each indicator (original units)
  Eigen::VectorXd indicator_sds;     ///< weighted standard deviation (denominator: sum of weights)

  // --- iteration ----------------------------------------------------------------------
  int iterations = 0;          ///< weight updates performed until the stop rule held
  double final_change = 0.0;   ///< value of the stop-rule statistic at the last update

  // --- outer model (p entries, or p x J) -----------------------------------------------
  Eigen::VectorXd outer_weights;   ///< weights on the prepared (standardised or centred) indicators
  Eigen::VectorXd loadings;        ///< correlation of each indicator with its own latent score; consistent loadings for AConsistent blocks
  Eigen::MatrixXd cross_loadings;  ///< p x J: correlation of each indicator with every latent (PLSc-corrected for consistent latents)
  Eigen::VectorXd communality;     ///< loading squared
  Eigen::VectorXd redundancy;      ///< communality times the R-squared of the indicator's latent (0 if exogenous)

  // --- latent scores and inner model ---------------------------------------------------
  Eigen::MatrixXd scores;               ///< n x J: weighted mean 0, weighted variance 1 (denominator: sum of weights)
  Eigen::MatrixXd latent_correlations;  ///< J x J weighted correlations of the scores, disattenuated by sqrt(rho_A) for consistent blocks
  Eigen::MatrixXd paths;                ///< J x J (from, to) path coefficients, 0 where no path
  Eigen::VectorXd r_squared;            ///< per latent; 0 for exogenous latents
  Eigen::VectorXd adjusted_r_squared;   ///< 1-(1-R2)(n-1)/(n-k-1) with n = observations; 0 for exogenous
  Eigen::MatrixXd direct_effects;       ///< J x J (from, to); equals paths
  Eigen::MatrixXd indirect_effects;     ///< J x J (from, to): total minus direct
  Eigen::MatrixXd total_effects;        ///< J x J (from, to): sum over all directed routes of path products

  // --- quality --------------------------------------------------------------------------
  Eigen::VectorXd ave;                          ///< average variance extracted = mean communality of the block
  Eigen::VectorXd mean_redundancy;              ///< mean redundancy of the block
  Eigen::VectorXd composite_reliability;        ///< Joereskog's rho_c from the PLS loadings
  Eigen::VectorXd cronbach_alpha;               ///< raw alpha: from the block's covariance matrix (original units)
  Eigen::VectorXd cronbach_alpha_standardized;  ///< standardised alpha: from the block's correlation matrix
  Eigen::VectorXd rho_a;                        ///< Dijkstra-Henseler rho_A from the standardised weights
  /// Per latent: Q², the squared correlation of the composite with its construct that PLSc
  /// divides by: rho_A of the weights on the prepared indicators for AConsistent blocks (equal
  /// to rho_a when standardising), 1 for other blocks.
  Eigen::VectorXd construct_reliability;
  std::vector<Unidimensionality> unidimensionality;  ///< plspm's unidim table, per block
  Eigen::MatrixXd htmt;  ///< J x J heterotrait-monotrait ratio; NaN on the diagonal and for 1-indicator blocks
  double gof = 0.0;      ///< Tenenhaus GoF: sqrt(mean communality of multi-indicator blocks x mean endogenous R2); NaN without such blocks
};

}  // namespace massline::scoring::pls
