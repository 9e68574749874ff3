// Reliability and validity measures of measurement blocks (see quality.hpp).
#include <massline/scoring/pls/quality.hpp>

#include <massline/core/error.hpp>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace massline::scoring::pls {

double cronbach_alpha(const Eigen::MatrixXd& moments) {
  require(moments.rows() == moments.cols() && moments.rows() > 0, "pls.shape",
          "cronbach_alpha needs a non-empty square matrix");
  const auto p = static_cast<double>(moments.rows());
  if (moments.rows() == 1) return 1.0;
  return p / (p - 1.0) * (1.0 - moments.trace() / moments.sum());
}

double composite_reliability(const Eigen::VectorXd& loadings) {
  require(loadings.size() > 0, "pls.shape", "composite_reliability needs at least one loading");
  const double sum = loadings.sum();
  const double error = (1.0 - loadings.array().square()).sum();
  return sum * sum / (sum * sum + error);
}

double rho_a(const Eigen::VectorXd& weights, const Eigen::MatrixXd& correlation) {
  require(correlation.rows() == correlation.cols() && correlation.rows() == weights.size() && weights.size() > 0,
          "pls.shape", "rho_a needs p weights and a p x p correlation matrix");
  if (weights.size() == 1) return 1.0;
  const Eigen::VectorXd w = weights / std::sqrt(weights.dot(correlation * weights));
  const Eigen::MatrixXd off = correlation - Eigen::MatrixXd(correlation.diagonal().asDiagonal());
  const Eigen::MatrixXd outer = w * w.transpose();
  const Eigen::MatrixXd outer_off = outer - Eigen::MatrixXd(outer.diagonal().asDiagonal());
  const double ww = w.squaredNorm();
  return ww * ww * w.dot(off * w) / w.dot(outer_off * w);
}

Unidimensionality unidimensionality(const Eigen::MatrixXd& correlation) {
  require(correlation.rows() == correlation.cols() && correlation.rows() > 0, "pls.shape",
          "unidimensionality needs a non-empty square matrix");
  Unidimensionality out;
  if (correlation.rows() == 1) return out;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(correlation);
  const auto p = correlation.rows();
  const Eigen::VectorXd& values = eigen.eigenvalues();  // ascending
  Eigen::VectorXd loading = eigen.eigenvectors().col(p - 1) * std::sqrt(std::max(values(p - 1), 0.0));
  if (loading.sum() < 0) loading = -loading;
  out.cronbach_alpha_standardized = cronbach_alpha(correlation);
  out.dillon_goldstein_rho = composite_reliability(loading);
  out.first_eigenvalue = values(p - 1);
  out.second_eigenvalue = values(p - 2);
  return out;
}

Eigen::MatrixXd htmt(const Eigen::MatrixXd& correlation, const PlsModelSpec& spec) {
  const auto p = static_cast<Eigen::Index>(spec.indicator_count());
  require(correlation.rows() == p && correlation.cols() == p, "pls.shape",
          "htmt needs the correlation matrix of the model's stacked indicators");
  const std::size_t count = spec.latent_count();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto block = [&](std::size_t i, std::size_t j) {
    return correlation.block(static_cast<Eigen::Index>(spec.block_offset(i)),
                             static_cast<Eigen::Index>(spec.block_offset(j)),
                             static_cast<Eigen::Index>(spec.block_size(i)),
                             static_cast<Eigen::Index>(spec.block_size(j)));
  };
  Eigen::VectorXd monotrait(static_cast<Eigen::Index>(count));
  for (std::size_t j = 0; j < count; ++j) {
    const auto size = static_cast<double>(spec.block_size(j));
    monotrait(static_cast<Eigen::Index>(j)) =
        size < 2 ? nan : (block(j, j).sum() - block(j, j).trace()) / (size * (size - 1.0));
  }
  Eigen::MatrixXd out = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(count), nan);
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t j = 0; j < count; ++j) {
      const double product = monotrait(static_cast<Eigen::Index>(i)) * monotrait(static_cast<Eigen::Index>(j));
      if (i == j || !(product > 0)) continue;
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = block(i, j).mean() / std::sqrt(product);
    }
  }
  return out;
}

}  // namespace massline::scoring::pls
