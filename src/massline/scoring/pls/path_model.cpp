// PLS path modelling: the options and the full fit (see path_model.hpp). The weight iteration
// itself is in fit_core.cpp. Formulas and conventions: docs/pls.md.
#include <massline/scoring/pls/path_model.hpp>

#include "fit_core.hpp"
#include "messages.hpp"

#include <massline/core/error.hpp>
#include <massline/scoring/pls/quality.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>

namespace massline::scoring::pls {

using detail::case_weights;
using detail::covariance_block;
using detail::fit_moments;
using detail::format_number;
using detail::invalid;
using detail::ix;
using detail::minimum_rows;
using detail::MomentFit;
using detail::Moments;
using detail::own_loadings;
using detail::prepared_moments;
using detail::select_indicators;
using detail::total_effects_of;
using detail::weighted_moments;
using Eigen::MatrixXd;
using Eigen::VectorXd;

void PlsOptions::check() const {
  require(std::isfinite(tolerance) && tolerance > 0, "pls.bad_option",
          "tolerance must be positive and finite, got " + format_number(tolerance));
  require(max_iterations >= 1, "pls.bad_option",
          "max_iterations must be at least 1, got " + std::to_string(max_iterations));
}

PathModel::PathModel(PlsModelSpec spec, PlsOptions options) : spec_(std::move(spec)), options_(options) {
  options_.check();
}

PathModelResult PathModel::fit(const PlsData& data) const {
  const MatrixXd raw = select_indicators(spec_, data);
  const VectorXd weights = case_weights(data);
  const auto observations = static_cast<std::size_t>((weights.array() > 0).count());
  const std::size_t needed = minimum_rows(spec_);
  if (observations < needed) {
    invalid("pls.too_few_rows", "too few rows for this PLS model", Location::of("PLS data"),
            "got " + std::to_string(observations) + " rows with positive weight, need at least " + std::to_string(needed));
  }
  const Moments moments = weighted_moments(raw, weights);
  const auto names = spec_.indicator_names();
  if (moments.zero_variance >= 0) {
    const auto& column = names[static_cast<std::size_t>(moments.zero_variance)];
    invalid("pls.zero_variance", "column '" + column + "' has zero variance", Location::in_file({}, {}, column),
            "a constant indicator carries no information and cannot be standardised");
  }
  const MatrixXd s = prepared_moments(moments, options_.standardize);
  const MomentFit fit = fit_moments(spec_, options_, s);

  const std::size_t count = spec_.latent_count();
  PathModelResult out;
  out.latent_names = spec_.latent_names();
  out.indicator_names = names;
  for (std::size_t i = 0; i < names.size(); ++i) out.indicator_block.push_back(spec_.block_of_indicator(i));
  for (std::size_t j = 0; j < count; ++j) out.endogenous.push_back(spec_.is_endogenous(j));
  out.observations = observations;
  out.weight_sum = weights.sum();
  if (!std::isfinite(out.weight_sum)) {
    invalid("pls.overflow", "the survey weights sum to more than the largest double", Location::of("PLS data", "weight"),
            "the total weight is reported with the fit; divide the weights by a constant");
  }
  out.standardized = options_.standardize;
  out.indicator_means = moments.mean;
  out.indicator_sds = moments.sd;
  out.iterations = fit.iterations;
  out.final_change = fit.change;

  out.outer_weights = fit.weights;
  out.cross_loadings = fit.cross_loadings;
  out.loadings = own_loadings(spec_, out.cross_loadings);
  out.communality = out.loadings.array().square();
  out.redundancy.resize(out.loadings.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    out.redundancy(ix(i)) = out.communality(ix(i)) * fit.r_squared(ix(spec_.block_of_indicator(i)));
  }

  // Scores from the prepared indicators: centred, and scaled when standardising.
  MatrixXd prepared = raw.rowwise() - moments.mean.transpose();
  if (options_.standardize) {
    // In each column's power-of-two units (Moments::exponent): the same numbers as
    // (x − mean) · (1/sd), bit for bit, but 1/sd cannot overflow for tiny data.
    for (Eigen::Index i = 0; i < raw.cols(); ++i) {
      const int e = moments.exponent(i);
      const double centre = std::ldexp(moments.mean(i), -e), inverse = 1.0 / moments.scaled_sd(i);
      prepared.col(i) = raw.col(i).unaryExpr([e, centre, inverse](double v) { return (std::ldexp(v, -e) - centre) * inverse; });
    }
  }
  out.scores.resize(raw.rows(), ix(count));
  for (std::size_t j = 0; j < count; ++j) {
    const auto offset = ix(spec_.block_offset(j));
    const auto size = ix(spec_.block_size(j));
    out.scores.col(ix(j)) = prepared.middleCols(offset, size) * fit.weights.segment(offset, size);
  }
  out.latent_correlations = fit.lv_cor;
  out.construct_reliability = fit.reliability;
  out.paths = fit.paths;
  out.r_squared = fit.r_squared;
  out.adjusted_r_squared = VectorXd::Zero(ix(count));
  const auto n = static_cast<double>(observations);
  for (std::size_t j = 0; j < count; ++j) {
    if (!spec_.is_endogenous(j)) continue;
    const auto k = static_cast<double>(spec_.predecessors(j).size());
    out.adjusted_r_squared(ix(j)) = 1.0 - (1.0 - fit.r_squared(ix(j))) * (n - 1.0) / (n - k - 1.0);
  }
  out.direct_effects = fit.paths;
  out.total_effects = total_effects_of(fit.paths);
  out.indirect_effects = out.total_effects - out.direct_effects;

  // Quality measures.
  const MatrixXd correlation = prepared_moments(moments, true);
  const VectorXd standardized_weights = fit.weights.cwiseProduct(s.diagonal().cwiseSqrt());
  out.ave.resize(ix(count));
  out.mean_redundancy.resize(ix(count));
  out.composite_reliability.resize(ix(count));
  out.cronbach_alpha.resize(ix(count));
  out.cronbach_alpha_standardized.resize(ix(count));
  out.rho_a.resize(ix(count));
  double communality_sum = 0;
  double communality_count = 0;
  double r2_sum = 0;
  double endogenous_count = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const auto offset = ix(spec_.block_offset(j));
    const auto size = ix(spec_.block_size(j));
    const auto c = out.communality.segment(offset, size);
    out.ave(ix(j)) = c.mean();
    out.mean_redundancy(ix(j)) = out.redundancy.segment(offset, size).mean();
    out.composite_reliability(ix(j)) = composite_reliability(out.loadings.segment(offset, size));
    out.cronbach_alpha(ix(j)) = cronbach_alpha(covariance_block(moments, offset, size));
    const MatrixXd block_correlation = correlation.block(offset, offset, size, size);
    out.cronbach_alpha_standardized(ix(j)) = cronbach_alpha(block_correlation);
    out.rho_a(ix(j)) = rho_a(standardized_weights.segment(offset, size), block_correlation);
    out.unidimensionality.push_back(unidimensionality(block_correlation));
    if (size > 1) {
      communality_sum += c.sum();
      communality_count += static_cast<double>(size);
    }
    if (spec_.is_endogenous(j)) {
      r2_sum += fit.r_squared(ix(j));
      endogenous_count += 1;
    }
  }
  out.htmt = htmt(correlation, spec_);
  // Undefined (NaN) when no block has more than one indicator, as in plspm (0 / 0).
  out.gof = communality_count > 0 ? std::sqrt(communality_sum / communality_count * r2_sum / endogenous_count)
                                  : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace massline::scoring::pls
