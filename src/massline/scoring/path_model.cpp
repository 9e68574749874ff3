// PLS path modelling: model validation, the weight iteration on moment matrices, the full fit
// and the parallel bootstrap. Formulas and conventions: docs/pls.md.
#include <massline/scoring/path_model.hpp>

#include <massline/core/error.hpp>
#include <massline/core/random.hpp>
#include <massline/scoring/pls_bootstrap.hpp>
#include <massline/scoring/pls_model_spec.hpp>
#include <massline/scoring/pls_quality.hpp>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace massline::scoring {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr Index ix(std::size_t value) { return static_cast<Index>(value); }

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string format_number(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

[[noreturn]] void invalid(std::string code, std::string what, Location where, std::string why) {
  throw InvalidArgument(std::move(code), std::move(what), std::move(where), std::move(why));
}

[[noreturn]] void degenerate(std::string code, std::string what, Location where, std::string why) {
  throw ConvergenceError(std::move(code), std::move(what), std::move(where), std::move(why));
}

// ---- data preparation ---------------------------------------------------------------------

/// The model's indicator columns copied out of the data, in stacked order.
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

/// Case weights as given (all ones when the data carry none), validated.
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

/// Fewest rows the model can be fitted on: n >= k + 2 for a regression on k predictors (so the
/// adjusted R-squared exists), n >= p_j + 1 for a Mode B block of p_j indicators, and n >= 3.
std::size_t minimum_rows(const PlsModelSpec& spec) {
  std::size_t rows = 3;
  for (std::size_t j = 0; j < spec.latent_count(); ++j) {
    rows = std::max(rows, spec.predecessors(j).size() + 2);
    if (spec.blocks()[j].mode == OuterMode::B) rows = std::max(rows, spec.block_size(j) + 1);
  }
  return rows;
}

/// Weighted moments of the raw indicators (denominator: sum of weights).
struct Moments {
  VectorXd mean;        // p
  VectorXd sd;          // p
  MatrixXd covariance;  // p x p, raw units
  Index zero_variance = -1;  // first constant column, or -1
};

Moments weighted_moments(const MatrixXd& raw, const VectorXd& weights) {
  Moments m;
  const double total = weights.sum();
  m.mean = (raw.transpose() * weights) / total;
  const MatrixXd centred = (raw.rowwise() - m.mean.transpose()).array().colwise() * (weights.array() / total).sqrt();
  m.covariance = MatrixXd::Zero(raw.cols(), raw.cols());
  m.covariance.selfadjointView<Eigen::Lower>().rankUpdate(centred.transpose());
  m.covariance.triangularView<Eigen::StrictlyUpper>() = m.covariance.transpose();
  m.sd = m.covariance.diagonal().cwiseMax(0.0).cwiseSqrt();
  for (Index i = 0; i < raw.cols(); ++i) {
    // A constant column leaves only rounding noise (relative to its magnitude) after centring.
    const double scale = raw.col(i).cwiseAbs().maxCoeff();
    if (!(m.sd(i) > 16 * std::numeric_limits<double>::epsilon() * scale)) {
      m.zero_variance = i;
      break;
    }
  }
  return m;
}

/// Moment matrix of the prepared indicators: the correlation matrix when standardising,
/// the covariance matrix when only centring.
MatrixXd prepared_moments(const Moments& m, bool standardize) {
  if (!standardize) return m.covariance;
  const VectorXd inverse = m.sd.cwiseInverse();
  MatrixXd r = inverse.asDiagonal() * m.covariance * inverse.asDiagonal();
  r.diagonal().setOnes();
  return r;
}

// ---- the weight iteration on moments ------------------------------------------------------

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

/// Everything the weight iteration and the inner regressions determine from one moment matrix.
struct MomentFit {
  VectorXd weights;         // p, each block normalised to unit latent variance
  MatrixXd cov_xy;          // p x J: covariance of each prepared indicator with each latent score
  MatrixXd cross_loadings;  // p x J: Cor(x_i, latent k), consistent where the block is (see consistent_correction)
  VectorXd reliability;     // J: rho_A of consistent blocks, 1 elsewhere
  MatrixXd lv_cor;          // J x J: score correlations, disattenuated for consistent blocks
  MatrixXd paths;           // J x J (from, to)
  VectorXd r_squared;       // J
  int iterations = 0;
  double change = 0.0;
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

/// Total effects of a DAG's (from, to) path matrix: B + B^2 + ... (B is nilpotent).
MatrixXd total_effects_of(const MatrixXd& paths) {
  MatrixXd total = MatrixXd::Zero(paths.rows(), paths.cols());
  MatrixXd power = paths;
  for (Index step = 0; step < paths.rows() && !power.isZero(0.0); ++step) {
    total += power;
    power = power * paths;
  }
  return total;
}

/// Loadings of each indicator with its own latent, from cov(x, Y) and the indicator variances.
VectorXd own_loadings(const PlsModelSpec& spec, const MatrixXd& cross) {
  VectorXd out(cross.rows());
  for (Index i = 0; i < cross.rows(); ++i) out(i) = cross(i, ix(spec.block_of_indicator(static_cast<std::size_t>(i))));
  return out;
}

}  // namespace

// ---- PlsModelSpec -------------------------------------------------------------------------

PlsModelSpec::PlsModelSpec(std::vector<LatentBlock> blocks, std::vector<InnerPath> paths)
    : blocks_(std::move(blocks)), paths_(std::move(paths)) {
  const Location model = Location::of("PLS model");
  require(!blocks_.empty(), "pls.no_blocks", "a PLS model needs at least one block", model);
  std::map<std::string, std::size_t, std::less<>> latent;
  std::map<std::string, std::string, std::less<>> owner;  // indicator -> block
  offsets_.push_back(0);
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    const auto& b = blocks_[j];
    require(!b.name.empty(), "pls.empty_name", "block " + std::to_string(j) + " has an empty name", model);
    require(latent.emplace(b.name, j).second, "pls.duplicate_latent", "latent '" + b.name + "' is defined twice",
            Location::of("block " + b.name));
    require(!b.indicators.empty(), "pls.empty_block", "block '" + b.name + "' has no indicators",
            Location::of("block " + b.name, "indicators"));
    for (const auto& indicator : b.indicators) {
      require(!indicator.empty(), "pls.empty_name", "block '" + b.name + "' has an indicator with an empty name",
              Location::of("block " + b.name, "indicators"));
      const auto [it, fresh] = owner.emplace(indicator, b.name);
      if (!fresh) {
        invalid("pls.duplicate_indicator", "indicator '" + indicator + "' is used twice",
                Location::of("block " + b.name, indicator),
                "it is already an indicator of block '" + it->second + "'; each column may measure one latent");
      }
      indicator_block_.push_back(j);
    }
    offsets_.push_back(offsets_.back() + b.indicators.size());
  }
  require(!paths_.empty(), "pls.no_paths", "a PLS path model needs at least one inner path", model);
  predecessors_.resize(blocks_.size());
  successors_.resize(blocks_.size());
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& path : paths_) {
    const std::size_t from = index_of(path.from);
    const std::size_t to = index_of(path.to);
    const Location where = Location::of("path " + path.from + " -> " + path.to);
    require(from != to, "pls.self_loop", "latent '" + path.from + "' cannot predict itself", where);
    require(seen.emplace(from, to).second, "pls.duplicate_path", "path " + path.from + " -> " + path.to + " is given twice", where);
    predecessors_[to].push_back(from);
    successors_[from].push_back(to);
  }
  for (auto& list : predecessors_) std::sort(list.begin(), list.end());
  for (auto& list : successors_) std::sort(list.begin(), list.end());
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    if (predecessors_[j].empty() && successors_[j].empty()) {
      invalid("pls.isolated_latent", "latent '" + blocks_[j].name + "' is not on any inner path",
              Location::of("block " + blocks_[j].name),
              "every latent needs a neighbour to build its inner estimate");
    }
  }
  // Kahn's algorithm: a topological order exists exactly when the graph is acyclic.
  std::vector<std::size_t> indegree(blocks_.size());
  for (std::size_t j = 0; j < blocks_.size(); ++j) indegree[j] = predecessors_[j].size();
  std::vector<std::size_t> ready;
  for (std::size_t j = blocks_.size(); j-- > 0;) {
    if (indegree[j] == 0) ready.push_back(j);
  }
  while (!ready.empty()) {
    const std::size_t j = ready.back();
    ready.pop_back();
    topological_order_.push_back(j);
    for (const std::size_t k : successors_[j]) {
      if (--indegree[k] == 0) ready.push_back(k);
    }
  }
  if (topological_order_.size() != blocks_.size()) {
    // Every latent left over still has a left-over predecessor: walking backwards along them must
    // revisit a latent, which closes a cycle.
    std::size_t at = 0;
    while (indegree[at] == 0) ++at;
    std::vector<std::size_t> walk;
    std::vector<std::size_t> position(blocks_.size(), blocks_.size());
    while (position[at] == blocks_.size()) {
      position[at] = walk.size();
      walk.push_back(at);
      for (const std::size_t k : predecessors_[at]) {
        if (indegree[k] != 0) {
          at = k;
          break;
        }
      }
    }
    // walk[i + 1] -> walk[i]; the cycle is walk[pos] -> walk[last] -> ... -> walk[pos + 1] -> walk[pos].
    std::vector<std::string> cycle{blocks_[at].name};
    for (std::size_t i = walk.size(); i-- > position[at] + 1;) cycle.push_back(blocks_[walk[i]].name);
    cycle.push_back(blocks_[at].name);
    invalid("pls.cyclic_inner_model", "the inner model has a cycle: " + join(cycle, " -> "), model,
            "PLS path models need a directed acyclic inner model");
  }
}

std::vector<std::string> PlsModelSpec::latent_names() const {
  std::vector<std::string> out;
  for (const auto& b : blocks_) out.push_back(b.name);
  return out;
}

std::vector<std::string> PlsModelSpec::indicator_names() const {
  std::vector<std::string> out;
  for (const auto& b : blocks_) out.insert(out.end(), b.indicators.begin(), b.indicators.end());
  return out;
}

std::size_t PlsModelSpec::index_of(std::string_view name) const {
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    if (blocks_[j].name == name) return j;
  }
  invalid("pls.unknown_latent", "unknown latent '" + std::string(name) + "'", Location::of("PLS model"),
          "latents are: " + join(latent_names(), ", "));
}

// ---- options ------------------------------------------------------------------------------

void PlsOptions::validate() const {
  require(std::isfinite(tolerance) && tolerance > 0, "pls.bad_option",
          "tolerance must be positive and finite, got " + format_number(tolerance));
  require(max_iterations >= 1, "pls.bad_option",
          "max_iterations must be at least 1, got " + std::to_string(max_iterations));
}

void BootstrapOptions::validate() const {
  require(resamples >= 2, "pls.bad_option", "the bootstrap needs at least 2 resamples, got " + std::to_string(resamples));
  require(level > 0 && level < 1, "pls.bad_option", "the interval level must be in (0, 1), got " + format_number(level));
}

// ---- PathModel ----------------------------------------------------------------------------

PathModel::PathModel(PlsModelSpec spec, PlsOptions options) : spec_(std::move(spec)), options_(options) {
  options_.validate();
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
  const MomentFit fit = WeightIteration(spec_, options_, s).run();

  const std::size_t count = spec_.latent_count();
  PathModelResult out;
  out.latent_names = spec_.latent_names();
  out.indicator_names = names;
  for (std::size_t i = 0; i < names.size(); ++i) out.indicator_block.push_back(spec_.block_of_indicator(i));
  for (std::size_t j = 0; j < count; ++j) out.endogenous.push_back(spec_.is_endogenous(j));
  out.observations = observations;
  out.weight_sum = weights.sum();
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
  if (options_.standardize) prepared = prepared * moments.sd.cwiseInverse().asDiagonal();
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
    out.cronbach_alpha(ix(j)) = cronbach_alpha(moments.covariance.block(offset, offset, size, size));
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

// ---- bootstrap ----------------------------------------------------------------------------

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
  options_.validate();
}

BootstrapResult PlsBootstrap::run(const PlsData& data) const {
  BootstrapResult out;
  out.fit = model_.fit(data);  // validates the data and gives the point estimates
  out.resamples = options_.resamples;
  out.level = options_.level;

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
      const MomentFit fit = WeightIteration(spec, options, s).run();
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
  const auto worker = [&](std::size_t t) {
    try {
      for (std::size_t b = next.fetch_add(1); b < options_.resamples; b = next.fetch_add(1)) one(b);
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
  out.paths = summarise(out.fit.paths, paths, ok, options_.level);
  out.total_effects = summarise(out.fit.total_effects, totals, ok, options_.level);
  out.r_squared = summarise(out.fit.r_squared, r2, ok, options_.level);
  out.outer_weights = summarise(out.fit.outer_weights, outer, ok, options_.level);
  out.loadings = summarise(out.fit.loadings, loads, ok, options_.level);
  return out;
}

}  // namespace massline::scoring
