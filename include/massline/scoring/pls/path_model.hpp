#pragma once
/// @file
/// PLS path modelling (Wold / Lohmoeller's algorithm) for customer-satisfaction-index models:
/// construct a PathModel with a PlsModelSpec and PlsOptions, call fit(data), read the
/// PathModelResult. Formulas, stop rules and conventions: docs/pls.md.

#include <massline/core/enum_names.hpp>
#include <massline/scoring/pls/model_spec.hpp>
#include <massline/scoring/pls/result.hpp>

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring::pls {

/// Inner weighting scheme: how neighbouring latents are combined into a latent's inner proxy.
enum class InnerScheme : std::uint8_t {
  Centroid,   ///< sign of the correlation with each neighbour
  Factorial,  ///< correlation with each neighbour
  Path        ///< regression coefficients on predecessors, correlations with successors
};
/// Names "centroid", "factorial", "path".
constexpr std::array<std::string_view, 3> enum_names(InnerScheme) { return {"centroid", "factorial", "path"}; }

/// When the weight iteration stops.
enum class StopRule : std::uint8_t {
  /// Default. Weights are normalised every iteration (unit latent variance) and converted to the
  /// standardised-indicator scale; stop when max_i |w_new_i - w_old_i| < tolerance.
  MaxAbsChange,
  /// R plspm's rule: sum_i (|w_old_i| - |w_new_i|)^2 < tolerance on the raw (not yet normalised)
  /// weights of consecutive updates. Reproduces plspm's early stop (and its results) exactly.
  Plspm
};
/// Names "max_abs_change", "plspm".
constexpr std::array<std::string_view, 2> enum_names(StopRule) { return {"max_abs_change", "plspm"}; }

/// Algorithm configuration.
struct PlsOptions {
  InnerScheme scheme = InnerScheme::Centroid;  ///< inner weighting scheme
  bool standardize = true;                     ///< scale indicators to unit variance (false: only centre them)
  double tolerance = 1e-10;                    ///< stop-rule threshold, > 0
  int max_iterations = 300;                    ///< iteration cap, >= 1; reaching it throws ConvergenceError
  StopRule stop_rule = StopRule::MaxAbsChange; ///< which statistic is compared with tolerance

  /// Throws InvalidArgument "pls.bad_option" for a non-positive or non-finite tolerance or cap.
  void check() const;
};

/// Input data: one row per respondent, one column per named variable (a superset of the
/// model's indicators is fine; only the model's columns are read and checked).
struct PlsData {
  Eigen::MatrixXd values;            ///< n x m numeric data
  std::vector<std::string> columns;  ///< m distinct column names
  Eigen::VectorXd weights;           ///< empty (unweighted) or n finite non-negative survey weights, positive sum
};

/// A PLS path-model estimator. Immutable after construction; fit() may be called concurrently.
class PathModel {
 public:
  /// Stores the model; throws InvalidArgument "pls.bad_option" for invalid options.
  explicit PathModel(PlsModelSpec spec, PlsOptions options = {});

  /// Fits the model to @p data.
  /// Throws InvalidArgument: "pls.unknown_column", "pls.duplicate_column", "pls.shape",
  /// "pls.non_finite" (names column and row), "pls.bad_weight", "pls.too_few_rows",
  /// "pls.zero_variance" (names the column).
  /// Throws ConvergenceError: "pls.not_converged" (iterations and last change in the message),
  /// "pls.singular_block" (Mode B block with collinear indicators), "pls.collinear_latents",
  /// "pls.degenerate" (a latent score with zero variance), "pls.inadmissible" (a consistent
  /// block with rho_A outside (0, 1], a consistent loading above 1, or a disattenuated
  /// construct correlation outside [-1, 1]).
  [[nodiscard]] PathModelResult fit(const PlsData& data) const;

  /// The model specification.
  [[nodiscard]] const PlsModelSpec& spec() const noexcept { return spec_; }
  /// The algorithm options.
  [[nodiscard]] const PlsOptions& options() const noexcept { return options_; }

 private:
  PlsModelSpec spec_;
  PlsOptions options_;
};

}  // namespace massline::scoring::pls
