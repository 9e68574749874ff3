// The core of a PLS fit (see fit_core.hpp): data preparation, weighted moments and the weight
// iteration on moments. Formulas and conventions: docs/pls.md.
#include "fit_core.hpp"

#include "messages.hpp"

#include <massline/core/error.hpp>
#include <massline/scoring/pls/quality.hpp>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring::pls::detail {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// ---- data preparation ---------------------------------------------------------------------

MatrixXd select_indicators(const PlsModelSpec& spec, const PlsData& data) {
  require(static_cast<std::size_t>(data.values.cols()) == data.columns.size(), "pls.shape",
          "data has " + std::to_string(data.values.cols()) + " value columns but " +
              std::to_string(data.columns.size()) + " column names");
  std::map<std::string, Index, std::less<>> position;
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    if (!position.emplace(data.columns[c], ix(c)).second) {
      invalid("pls.duplicate_column", "duplicate data column '" + data.columns[c] + "'",
              Location::in_file({}, {}, data.columns[c]), "column names must be unique");
    }
  }
  MatrixXd raw(data.values.rows(), ix(spec.indicator_count()));
  const auto names = spec.indicator_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto found = position.find(names[i]);
    if (found == position.end()) {
      const auto& block = spec.blocks()[spec.block_of_indicator(i)];
      invalid("pls.unknown_column", "unknown column '" + names[i] + "'", Location::of("block " + block.name, names[i]),
              "the data has no such column; columns are: " + join(data.columns, ", "));
    }
    raw.col(ix(i)) = data.values.col(found->second);
    for (Index r = 0; r < raw.rows(); ++r) {
      if (!std::isfinite(raw(r, ix(i)))) {
        invalid("pls.non_finite", "non-finite value in column '" + names[i] + "'",
                Location::in_file({}, static_cast<std::size_t>(r) + 1, names[i]),
                "PLS needs complete numeric data (NaN and infinity are not allowed)");
      }
    }
  }
  return raw;
}

VectorXd case_weights(const PlsData& data) {
  const Index n = data.values.rows();
  if (data.weights.size() == 0) return VectorXd::Ones(n);
  require(data.weights.size() == n, "pls.bad_weight",
          "got " + std::to_string(data.weights.size()) + " weights for " + std::to_string(n) + " rows");
  for (Index r = 0; r < n; ++r) {
    const double w = data.weights(r);
    if (!std::isfinite(w) || w < 0) {
      invalid("pls.bad_weight", "invalid survey weight " + format_number(w),
              Location::in_file({}, static_cast<std::size_t>(r) + 1, "weight"),
              "weights must be finite and non-negative");
    }
  }
  if (!(data.weights.sum() > 0)) {
    invalid("pls.bad_weight", "survey weights sum to zero", {}, "at least one row needs a positive weight");
  }
  return data.weights;
}

std::size_t minimum_rows(const PlsModelSpec& spec) {
  std::size_t rows = 3;
  for (std::size_t j = 0; j < spec.latent_count(); ++j) {
    rows = std::max(rows, spec.predecessors(j).size() + 2);
    if (spec.blocks()[j].mode == OuterMode::B) rows = std::max(rows, spec.block_size(j) + 1);
  }
  return rows;
}

Moments weighted_moments(const MatrixXd& raw, const VectorXd& weights) {
  Moments m;
  const Index p = raw.cols();
  // Power-of-two scalings (exact): weights so that the largest is in [1, 2) (their sum cannot
  // overflow), each column so that its largest magnitude is.
  const double top_weight = weights.size() > 0 ? weights.maxCoeff() : 0.0;
  const int weight_exponent = top_weight > 0.0 ? std::ilogb(top_weight) : 0;
  const VectorXd w = weights.unaryExpr([weight_exponent](double x) { return std::ldexp(x, -weight_exponent); });
  m.exponent.resize(p);
  MatrixXd x(raw.rows(), p);
  VectorXd magnitude(p);  // largest |value| of each scaled column, in [1, 2) (0 for a zero column)
  for (Index i = 0; i < p; ++i) {
    const double top = raw.rows() > 0 ? raw.col(i).cwiseAbs().maxCoeff() : 0.0;
    const int e = top > 0.0 ? std::ilogb(top) : 0;
    m.exponent(i) = e;
    x.col(i) = raw.col(i).unaryExpr([e](double v) { return std::ldexp(v, -e); });
    magnitude(i) = std::ldexp(top, -e);
  }
  const double total = w.sum();
  const VectorXd mean = (x.transpose() * w) / total;
  const MatrixXd centred = (x.rowwise() - mean.transpose()).array().colwise() * (w.array() / total).sqrt();
  m.scaled_covariance = MatrixXd::Zero(p, p);
  m.scaled_covariance.selfadjointView<Eigen::Lower>().rankUpdate(centred.transpose());
  m.scaled_covariance.triangularView<Eigen::StrictlyUpper>() = m.scaled_covariance.transpose();
  m.scaled_sd = m.scaled_covariance.diagonal().cwiseMax(0.0).cwiseSqrt();
  for (Index i = 0; i < p; ++i) {
    // A constant column leaves only rounding noise (relative to its magnitude) after centring.
    if (!(m.scaled_sd(i) > 16 * std::numeric_limits<double>::epsilon() * magnitude(i))) {
      m.zero_variance = i;
      break;
    }
  }
  m.mean.resize(p);
  m.sd.resize(p);
  m.covariance.resize(p, p);
  for (Index i = 0; i < p; ++i) {
    m.mean(i) = std::ldexp(mean(i), m.exponent(i));
    m.sd(i) = std::ldexp(m.scaled_sd(i), m.exponent(i));
    if (!std::isfinite(m.sd(i))) {
      invalid("pls.overflow", "the standard deviation of column " + std::to_string(i) + " is not representable",
              Location::of("PLS data"), "its values span more than the largest double (about 1.8e308); divide them by a constant");
    }
    for (Index j = 0; j < p; ++j) m.covariance(i, j) = std::ldexp(m.scaled_covariance(i, j), m.exponent(i) + m.exponent(j));
    const double variance = m.covariance(i, i);
    if (m.zero_variance < 0 && !(std::isfinite(variance) && variance >= std::numeric_limits<double>::min())) {
      m.covariance_representable = false;
    }
  }
  return m;
}

MatrixXd covariance_block(const Moments& m, Index offset, Index size) {
  const int top = m.exponent.segment(offset, size).maxCoeff();
  MatrixXd out(size, size);
  for (Index i = 0; i < size; ++i) {
    for (Index j = 0; j < size; ++j) {
      out(i, j) = std::ldexp(m.scaled_covariance(offset + i, offset + j),
                             m.exponent(offset + i) + m.exponent(offset + j) - 2 * top);
    }
  }
  return out;
}

MatrixXd prepared_moments(const Moments& m, bool standardize) {
  if (!standardize) {
    if (!m.covariance_representable) {
      invalid("pls.overflow", "the covariances of the unstandardised indicators are not representable",
              Location::of("PLS data"),
              "the values are so large (or small) that their variances leave the range of double; standardise "
              "(the default) or divide them by a constant");
    }
    return m.covariance;
  }
  // The correlations from the scaled moments: the same numbers, bit for bit, as from the raw
  // ones when those are representable (the powers of two cancel exactly).
  const VectorXd inverse = m.scaled_sd.cwiseInverse();
  MatrixXd r = inverse.asDiagonal() * m.scaled_covariance * inverse.asDiagonal();
  r.diagonal().setOnes();
  return r;
}

// ---- the weight iteration on moments ------------------------------------------------------

namespace {

/// Solves A x = b for a symmetric positive definite A, or throws ConvergenceError @p code.
class SpdSolver {
 public:
  SpdSolver(const MatrixXd& a, const std::string& code, const std::string& what, const Location& where)
      : llt_(a) {
    const double smallest = std::numeric_limits<double>::epsilon() * static_cast<double>(a.rows());
    if (llt_.info() != Eigen::Success || !(llt_.rcond() > smallest)) {
      degenerate(code, what, where, "the matrix to invert is singular (reciprocal condition number " +
                                        format_number(llt_.info() == Eigen::Success ? llt_.rcond() : 0.0) + ")");
    }
  }
  [[nodiscard]] VectorXd solve(const VectorXd& b) const { return llt_.solve(b); }

 private:
  Eigen::LLT<MatrixXd> llt_;
};

/// Block (i, j) of a stacked p x p moment matrix.
template <class M>
auto block_of(M& m, const PlsModelSpec& spec, std::size_t i, std::size_t j) {
  return m.block(ix(spec.block_offset(i)), ix(spec.block_offset(j)), ix(spec.block_size(i)), ix(spec.block_size(j)));
}
/// Rows of block j in a stacked p-row vector or matrix.
template <class M>
auto rows_of(M& m, const PlsModelSpec& spec, std::size_t j) {
  return m.middleRows(ix(spec.block_offset(j)), ix(spec.block_size(j)));
}

class WeightIteration {
 public:
  WeightIteration(const PlsModelSpec& spec, const PlsOptions& options, const MatrixXd& s)
      : spec_(spec), options_(options), s_(s), scale_(s.diagonal().cwiseMax(0.0).cwiseSqrt()) {}

  MomentFit run() const {
    const std::size_t count = spec_.latent_count();
    std::vector<std::optional<SpdSolver>> mode_b(count);
    for (std::size_t j = 0; j < count; ++j) {
      if (spec_.blocks()[j].mode == OuterMode::B) {
        mode_b[j].emplace(block_of(s_, spec_, j, j), "pls.singular_block",
                          "Mode B block '" + spec_.blocks()[j].name + "' has collinear indicators",
                          Location::of("block " + spec_.blocks()[j].name));
      }
    }
    VectorXd w = normalised(VectorXd::Ones(s_.rows()));
    const bool plspm = options_.stop_rule == StopRule::Plspm;
    VectorXd old = plspm ? VectorXd(w) : VectorXd(w.cwiseProduct(scale_));
    MomentFit fit;
    double change = std::numeric_limits<double>::infinity();
    int iteration = 0;
    bool converged = false;
    while (iteration < options_.max_iterations) {
      ++iteration;
      const VectorXd current = plspm ? normalised(w) : w;
      const MatrixXd c = cov_with_scores(current);
      const MatrixXd r = latent_correlations(current, c);
      const MatrixXd e = inner_weights(r);
      VectorXd raw(s_.rows());
      for (std::size_t j = 0; j < count; ++j) {
        VectorXd target = VectorXd::Zero(ix(spec_.block_size(j)));  // cov(X_j, Z_j)
        for (std::size_t k = 0; k < count; ++k) {
          if (e(ix(k), ix(j)) != 0.0) target += e(ix(k), ix(j)) * rows_of(c, spec_, j).col(ix(k));
        }
        rows_of(raw, spec_, j) = mode_b[j] ? mode_b[j]->solve(target) : target;
      }
      if (plspm) {
        change = (old.cwiseAbs() - raw.cwiseAbs()).squaredNorm();
        old = raw;
        w = raw;
      } else {
        w = normalised(raw);
        const VectorXd scaled = w.cwiseProduct(scale_);
        change = (scaled - old).cwiseAbs().maxCoeff();
        old = scaled;
      }
      if (!std::isfinite(change)) {
        degenerate("pls.degenerate", "PLS weight iteration produced non-finite weights",
                   Location::of("PLS path model"), "after " + std::to_string(iteration) + " iterations");
      }
      if (change < options_.tolerance) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      degenerate("pls.not_converged", "PLS outer weights did not converge", Location::of("PLS path model"),
                 "stop rule '" + std::string(to_name(options_.stop_rule)) + "' statistic was " + format_number(change) +
                     " after " + std::to_string(iteration) + " iterations (tolerance " +
                     format_number(options_.tolerance) + ", iteration cap " + std::to_string(options_.max_iterations) +
                     ")");
    }
    fit.weights = normalised(w);
    fit.cov_xy = cov_with_scores(fit.weights);
    fit.lv_cor = latent_correlations(fit.weights, fit.cov_xy);
    fit.iterations = iteration;
    fit.change = change;
    consistent_correction(fit);
    inner_regressions(fit);
    return fit;
  }

 private:
  /// Cross-loadings, and PLSc for the AConsistent blocks (Dijkstra & Henseler 2015). With the
  /// weights w on the prepared indicators (w'S_jj w = 1): reliability Q²_j = rho_A of (w, S_jj),
  /// consistent loadings λ_j = sqrt(Q²_j) w / (w'w) divided by the indicators' standard
  /// deviations, construct correlations R*_jk = R_jk / sqrt(Q²_j Q²_k), and cross-loadings
  /// Cor(x_i, Y_k) / sqrt(Q²_k) off the own block. Other blocks keep Q² = 1, so a model
  /// without consistent blocks is plain PLS.
  void consistent_correction(MomentFit& fit) const {
    const std::size_t count = spec_.latent_count();
    fit.cross_loadings = scale_.cwiseInverse().asDiagonal() * fit.cov_xy;
    fit.reliability = VectorXd::Ones(ix(count));
    std::vector<VectorXd> loadings(count);
    for (std::size_t j = 0; j < count; ++j) {
      if (spec_.blocks()[j].mode != OuterMode::AConsistent) continue;
      const auto& name = spec_.blocks()[j].name;
      const auto inadmissible = [&](const std::string& why) {
        degenerate("pls.inadmissible", "consistent block '" + name + "' has an inadmissible solution",
                   Location::of("block " + name), why);
      };
      // On the scale the weights were estimated on (Mode A weights are proportional to that
      // scale's loadings), then reported as correlations.
      const VectorXd w = rows_of(fit.weights, spec_, j);
      const double q2 = rho_a(w, block_of(s_, spec_, j, j));
      if (!(q2 > 0.0 && q2 <= 1.0))
        inadmissible("rho_A = " + format_number(q2) + " is not a reliability in (0, 1]");
      fit.reliability(ix(j)) = q2;
      loadings[j] = (std::sqrt(q2) / w.squaredNorm() * w).cwiseQuotient(rows_of(scale_, spec_, j));
      if (loadings[j].cwiseAbs().maxCoeff() > 1.0)
        inadmissible("a consistent loading is " + format_number(loadings[j].cwiseAbs().maxCoeff()) + " (Heywood case)");
    }
    const VectorXd root = fit.reliability.cwiseSqrt();
    for (std::size_t j = 0; j < count; ++j) {
      for (std::size_t k = 0; k < count; ++k) {
        if (j == k) continue;
        fit.lv_cor(ix(j), ix(k)) /= root(ix(j)) * root(ix(k));
        if (std::abs(fit.lv_cor(ix(j), ix(k))) > 1.0)
          degenerate("pls.inadmissible", "disattenuated construct correlation outside [-1, 1]",
                     Location::of("latents " + spec_.blocks()[j].name + ", " + spec_.blocks()[k].name),
                     "correlation " + format_number(fit.lv_cor(ix(j), ix(k))) + " after dividing by sqrt(rho_A)");
      }
    }
    fit.cross_loadings = fit.cross_loadings * root.cwiseInverse().asDiagonal();
    for (std::size_t j = 0; j < count; ++j) {
      if (loadings[j].size() > 0) rows_of(fit.cross_loadings, spec_, j).col(ix(j)) = loadings[j];
    }
  }

  /// Scales each block's weights so its latent score has unit variance: w_j' S_jj w_j = 1.
  [[nodiscard]] VectorXd normalised(VectorXd w) const {
    for (std::size_t j = 0; j < spec_.latent_count(); ++j) {
      auto wj = rows_of(w, spec_, j);
      const double variance = wj.dot(block_of(s_, spec_, j, j) * wj);
      if (!(variance > 0) || !std::isfinite(variance)) {
        degenerate("pls.degenerate", "latent '" + spec_.blocks()[j].name + "' has zero variance",
                   Location::of("block " + spec_.blocks()[j].name),
                   "its outer weights vanished (is the latent disconnected from the rest of the model in sign?)");
      }
      wj /= std::sqrt(variance);
    }
    return w;
  }

  /// p x J covariances of the indicators with the latent scores: column k is S_{., k} w_k.
  [[nodiscard]] MatrixXd cov_with_scores(const VectorXd& w) const {
    MatrixXd c(s_.rows(), ix(spec_.latent_count()));
    for (std::size_t k = 0; k < spec_.latent_count(); ++k) {
      c.col(ix(k)) = s_.middleCols(ix(spec_.block_offset(k)), ix(spec_.block_size(k))) * rows_of(w, spec_, k);
    }
    return c;
  }

  [[nodiscard]] MatrixXd latent_correlations(const VectorXd& w, const MatrixXd& c) const {
    const auto count = ix(spec_.latent_count());
    MatrixXd r(count, count);
    for (std::size_t j = 0; j < spec_.latent_count(); ++j) {
      r.row(ix(j)) = rows_of(w, spec_, j).transpose() * rows_of(c, spec_, j);
    }
    return (r + r.transpose()) / 2;  // symmetric up to rounding; make it exact
  }

  /// E(k, j): weight of latent k in latent j's inner proxy Z_j = sum_k E(k, j) Y_k.
  [[nodiscard]] MatrixXd inner_weights(const MatrixXd& r) const {
    const std::size_t count = spec_.latent_count();
    MatrixXd e = MatrixXd::Zero(ix(count), ix(count));
    for (std::size_t j = 0; j < count; ++j) {
      const auto preds = spec_.predecessors(j);
      const auto succs = spec_.successors(j);
      switch (options_.scheme) {
        case InnerScheme::Centroid:
        case InnerScheme::Factorial:
          for (const auto* list : {&preds, &succs}) {
            for (const std::size_t k : *list) {
              const double value = r(ix(k), ix(j));
              e(ix(k), ix(j)) = options_.scheme == InnerScheme::Factorial ? value
                                : value > 0                                ? 1.0
                                : value < 0                                ? -1.0
                                                                           : 0.0;
            }
          }
          break;
        case InnerScheme::Path:
          if (!preds.empty()) {
            const VectorXd beta = regress(r, preds, j);
            for (std::size_t a = 0; a < preds.size(); ++a) e(ix(preds[a]), ix(j)) = beta(ix(a));
          }
          for (const std::size_t k : succs) e(ix(k), ix(j)) = r(ix(k), ix(j));
          break;
      }
    }
    return e;
  }

  /// Standardised regression coefficients of latent j on the latents @p preds.
  [[nodiscard]] VectorXd regress(const MatrixXd& r, std::span<const std::size_t> preds, std::size_t j) const {
    const auto k = ix(preds.size());
    MatrixXd rpp(k, k);
    VectorXd rpj(k);
    for (Index a = 0; a < k; ++a) {
      rpj(a) = r(ix(preds[static_cast<std::size_t>(a)]), ix(j));
      for (Index b = 0; b < k; ++b) rpp(a, b) = r(ix(preds[static_cast<std::size_t>(a)]), ix(preds[static_cast<std::size_t>(b)]));
    }
    const SpdSolver solver(rpp, "pls.collinear_latents",
                           "the predictors of latent '" + spec_.blocks()[j].name + "' are collinear",
                           Location::of("latent " + spec_.blocks()[j].name));
    return solver.solve(rpj);
  }

  void inner_regressions(MomentFit& fit) const {
    const std::size_t count = spec_.latent_count();
    fit.paths = MatrixXd::Zero(ix(count), ix(count));
    fit.r_squared = VectorXd::Zero(ix(count));
    for (std::size_t j = 0; j < count; ++j) {
      const auto preds = spec_.predecessors(j);
      if (preds.empty()) continue;
      const bool corrected = fit.reliability(ix(j)) < 1.0 ||
                             std::any_of(preds.begin(), preds.end(), [&](std::size_t k) { return fit.reliability(ix(k)) < 1.0; });
      VectorXd beta;
      try {
        beta = regress(fit.lv_cor, preds, j);
      } catch (const ConvergenceError& err) {
        if (!corrected) throw;
        // Disattenuation can give a "correlation matrix" no data could have.
        degenerate("pls.inadmissible", "disattenuated correlations of the predictors of '" + spec_.blocks()[j].name +
                                           "' are not positive definite",
                   err.where(), "PLSc corrected them by sqrt(rho_A); " + err.why());
      }
      double r2 = 0;
      for (std::size_t a = 0; a < preds.size(); ++a) {
        fit.paths(ix(preds[a]), ix(j)) = beta(ix(a));
        r2 += beta(ix(a)) * fit.lv_cor(ix(preds[a]), ix(j));
      }
      fit.r_squared(ix(j)) = r2;
    }
  }

  const PlsModelSpec& spec_;
  const PlsOptions& options_;
  const MatrixXd& s_;
  VectorXd scale_;  // standard deviations of the prepared indicators (1 when standardised)
};

}  // namespace

MomentFit fit_moments(const PlsModelSpec& spec, const PlsOptions& options, const MatrixXd& s) {
  return WeightIteration(spec, options, s).run();
}

MatrixXd total_effects_of(const MatrixXd& paths) {
  MatrixXd total = MatrixXd::Zero(paths.rows(), paths.cols());
  MatrixXd power = paths;
  for (Index step = 0; step < paths.rows() && !power.isZero(0.0); ++step) {
    total += power;
    power = power * paths;
  }
  return total;
}

VectorXd own_loadings(const PlsModelSpec& spec, const MatrixXd& cross) {
  VectorXd out(cross.rows());
  for (Index i = 0; i < cross.rows(); ++i) out(i) = cross(i, ix(spec.block_of_indicator(static_cast<std::size_t>(i))));
  return out;
}

}  // namespace massline::scoring::pls::detail
