// Seeded, parallel bootstrap of a PLS path model (see bootstrap.hpp).
#include <massline/scoring/pls/bootstrap.hpp>

#include "fit_core.hpp"
#include "messages.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/random.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace massline::scoring::pls {

using detail::case_weights;
using detail::degenerate;
using detail::fit_moments;
using detail::format_number;
using detail::ix;
using detail::MomentFit;
using detail::Moments;
using detail::own_loadings;
using detail::prepared_moments;
using detail::select_indicators;
using detail::total_effects_of;
using detail::weighted_moments;
using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

void BootstrapOptions::check() const {
  require(resamples >= 2, "pls.bad_option", "the bootstrap needs at least 2 resamples, got " + std::to_string(resamples));
  require(confidence > 0 && confidence < 1, "pls.bad_option", "the confidence level must be in (0, 1), got " + format_number(confidence));
}

namespace {

/// Type-7 quantile (linear interpolation between order statistics) of sorted values.
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

BootstrapStatistic summarise(const MatrixXd& estimate, const MatrixXd& all_draws, const std::vector<char>& ok,
                             double level) {
  BootstrapStatistic stat;
  stat.estimate = estimate;
  const auto good = static_cast<Index>(std::count(ok.begin(), ok.end(), char{1}));
  stat.draws.resize(good, all_draws.cols());
  for (Index b = 0, row = 0; b < all_draws.rows(); ++b) {
    if (ok[static_cast<std::size_t>(b)] != 0) stat.draws.row(row++) = all_draws.row(b);
  }
  const auto shape = [&](const VectorXd& flat) {
    return MatrixXd(Eigen::Map<const MatrixXd>(flat.data(), estimate.rows(), estimate.cols()));
  };
  const VectorXd mean = stat.draws.colwise().mean().transpose();
  const VectorXd sd = ((stat.draws.rowwise() - mean.transpose()).colwise().squaredNorm().transpose() /
                       static_cast<double>(good - 1)).cwiseSqrt();
  VectorXd lower(all_draws.cols());
  VectorXd upper(all_draws.cols());
  std::vector<double> column(static_cast<std::size_t>(good));
  for (Index c = 0; c < all_draws.cols(); ++c) {
    for (Index b = 0; b < good; ++b) column[static_cast<std::size_t>(b)] = stat.draws(b, c);
    std::sort(column.begin(), column.end());
    lower(c) = quantile_sorted(column, (1.0 - level) / 2.0);
    upper(c) = quantile_sorted(column, (1.0 + level) / 2.0);
  }
  stat.mean = shape(mean);
  stat.std_error = shape(sd);
  stat.lower = shape(lower);
  stat.upper = shape(upper);
  return stat;
}

}  // namespace

PlsBootstrap::PlsBootstrap(PathModel model, BootstrapOptions options) : model_(std::move(model)), options_(options) {
  options_.check();
}

BootstrapResult PlsBootstrap::run(const PlsData& data) const {
  BootstrapResult out;
  out.fit = model_.fit(data);  // validates the data and gives the point estimates
  out.resamples = options_.resamples;
  out.confidence = options_.confidence;

  const PlsModelSpec& spec = model_.spec();
  const PlsOptions& options = model_.options();
  const MatrixXd raw = select_indicators(spec, data);
  const VectorXd weights = case_weights(data);
  const auto n = static_cast<std::uint64_t>(raw.rows());
  const auto count = ix(spec.latent_count());
  const Index p = raw.cols();
  const auto b_count = ix(options_.resamples);

  MatrixXd paths(b_count, count * count);
  MatrixXd totals(b_count, count * count);
  MatrixXd r2(b_count, count);
  MatrixXd outer(b_count, p);
  MatrixXd loads(b_count, p);
  std::vector<char> ok(options_.resamples, 0);
  const RandomStream root = RandomStream(options_.seed).derive("scoring.pls_bootstrap");

  const auto one = [&](std::size_t b) {
    // The stream depends on (seed, b) only, so any thread may draw resample b.
    RandomStream stream = root.derive(b);
    VectorXd resample_weights = VectorXd::Zero(raw.rows());
    for (std::uint64_t draw = 0; draw < n; ++draw) {
      const auto row = ix(static_cast<std::size_t>(stream.uniform_index(n)));
      resample_weights(row) += weights(row);
    }
    if (!(resample_weights.sum() > 0)) return;
    const Moments moments = weighted_moments(raw, resample_weights);
    if (moments.zero_variance >= 0) return;
    try {
      const MatrixXd s = prepared_moments(moments, options.standardize);
      const MomentFit fit = fit_moments(spec, options, s);
      paths.row(ix(b)) = Eigen::Map<const VectorXd>(fit.paths.data(), count * count).transpose();
      const MatrixXd total = total_effects_of(fit.paths);
      totals.row(ix(b)) = Eigen::Map<const VectorXd>(total.data(), count * count).transpose();
      r2.row(ix(b)) = fit.r_squared.transpose();
      outer.row(ix(b)) = fit.weights.transpose();
      loads.row(ix(b)) = own_loadings(spec, fit.cross_loadings).transpose();
      ok[b] = 1;
    } catch (const ConvergenceError&) {
      // A resample that cannot be fitted is dropped and counted (see BootstrapResult::failed).
    }
  };

  std::size_t threads = options_.threads == 0 ? std::max<std::size_t>(1, std::thread::hardware_concurrency())
                                              : options_.threads;
  threads = std::min(threads, options_.resamples);
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  const std::atomic<bool>* cancel = current_cancellation();  // shared with the pool's threads
  const auto worker = [&](std::size_t t) {
    const CancellationScope scope(cancel);
    try {
      for (std::size_t b = next.fetch_add(1); b < options_.resamples; b = next.fetch_add(1)) {
        throw_if_cancelled();
        one(b);
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(options_.resamples);
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
  }  // jthreads join here
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }

  for (std::size_t b = 0; b < options_.resamples; ++b) {
    if (ok[b] == 0) out.failed_indices.push_back(b);
  }
  out.failed = out.failed_indices.size();
  if (options_.resamples - out.failed < 2) {
    degenerate("pls.bootstrap_failed", "too few bootstrap resamples could be fitted", Location::of("PLS bootstrap"),
               std::to_string(out.failed) + " of " + std::to_string(options_.resamples) + " resamples failed");
  }
  out.paths = summarise(out.fit.paths, paths, ok, options_.confidence);
  out.total_effects = summarise(out.fit.total_effects, totals, ok, options_.confidence);
  out.r_squared = summarise(out.fit.r_squared, r2, ok, options_.confidence);
  out.outer_weights = summarise(out.fit.outer_weights, outer, ok, options_.confidence);
  out.loadings = summarise(out.fit.loadings, loads, ok, options_.confidence);
  return out;
}

}  // namespace massline::scoring::pls
