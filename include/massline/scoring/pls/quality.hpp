#pragma once
/// @file
/// Reliability and validity measures of measurement blocks (pure functions of moment matrices
/// and estimates). PathModel::fit uses them; they are public for use on other data.
/// Formulas: docs/pls.md, section "Quality measures".

#include <massline/scoring/pls/model_spec.hpp>
#include <massline/scoring/pls/result.hpp>

#include <Eigen/Core>

namespace massline::scoring::pls {

/// Cronbach's alpha p/(p-1) (1 - tr(S) / 1'S1) of a block's p x p moment matrix. Pass the
/// covariance matrix for the raw alpha, the correlation matrix for the standardised alpha.
/// Returns 1 for a single indicator (plspm's convention). Throws InvalidArgument "pls.shape"
/// for a non-square or empty matrix.
[[nodiscard]] double cronbach_alpha(const Eigen::MatrixXd& moments);

/// Joereskog's composite reliability rho_c = (sum l)^2 / ((sum l)^2 + sum (1 - l^2)) from
/// standardised loadings @p loadings. Throws InvalidArgument "pls.shape" when empty.
[[nodiscard]] double composite_reliability(const Eigen::VectorXd& loadings);

/// Dijkstra-Henseler rho_A of a block: with w scaled so that w'Rw = 1 (R: the block's
/// correlation matrix, w: weights on standardised indicators),
/// rho_A = (w'w)^2 * w'(R - diag R)w / w'(ww' - diag(ww'))w. Returns 1 for a single indicator.
/// Throws InvalidArgument "pls.shape" on mismatched sizes.
[[nodiscard]] double rho_a(const Eigen::VectorXd& weights, const Eigen::MatrixXd& correlation);

/// plspm's unidimensionality diagnostics of a block from its p x p correlation matrix:
/// standardised alpha, Dillon-Goldstein rho with the loadings of the first principal component
/// (l = sqrt(lambda_1) v_1, sign chosen so that sum l >= 0), and the two largest eigenvalues.
[[nodiscard]] Unidimensionality unidimensionality(const Eigen::MatrixXd& correlation);

/// Heterotrait-monotrait ratio (Henseler, Ringle & Sarstedt 2015) for every pair of blocks of
/// @p spec, from the p x p correlation matrix of all stacked indicators: the mean
/// heterotrait correlation divided by the geometric mean of the two blocks' mean monotrait
/// (off-diagonal, within-block) correlations. Correlations are used with their signs, as ADANCO
/// does. NaN on the diagonal, for a block with a single indicator, and where a block's mean
/// monotrait correlation is not positive. Throws InvalidArgument "pls.shape" on a size mismatch.
[[nodiscard]] Eigen::MatrixXd htmt(const Eigen::MatrixXd& correlation, const PlsModelSpec& spec);

}  // namespace massline::scoring::pls
