#pragma once
/// @file
/// Seeded, parallel nonparametric bootstrap of a PLS path model: B resamples of the rows (with
/// their survey weights), each refitted; percentile intervals and standard errors for paths,
/// total effects, R-squared, outer weights and loadings. Resample b draws its rows from a random
/// stream that depends only on (seed, b), so results are identical for any thread count.

#include <massline/scoring/pls/path_model.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>

namespace massline::scoring::pls {

/// Bootstrap configuration.
struct BootstrapOptions {
  std::size_t resamples = 1000;  ///< B, >= 2
  std::uint64_t seed = 0;        ///< root seed of the resample streams
  std::size_t threads = 0;       ///< worker threads; 0 = std::thread::hardware_concurrency()
  double confidence = 0.95;      ///< two-sided percentile-interval confidence level, in (0, 1)

  /// Throws InvalidArgument "pls.bad_option" for B < 2 or a confidence outside (0, 1).
  void check() const;
};

/// Bootstrap distribution summary of one estimated quantity (a vector or a matrix).
/// All matrices have the shape of the estimate (for vectors: k x 1).
struct BootstrapStatistic {
  Eigen::MatrixXd estimate;   ///< full-sample estimate
  Eigen::MatrixXd mean;       ///< mean over successful resamples
  Eigen::MatrixXd std_error;  ///< standard deviation over successful resamples (denominator B' - 1)
  Eigen::MatrixXd lower;      ///< (1 - confidence)/2 quantile (type 7: linear interpolation)
  Eigen::MatrixXd upper;      ///< (1 + confidence)/2 quantile
  Eigen::MatrixXd draws;      ///< B' x (rows*cols): every successful resample, column-major flattened
};

/// Results of PlsBootstrap::run.
struct BootstrapResult {
  PathModelResult fit;                    ///< the full-sample fit
  BootstrapStatistic paths;               ///< J x J (from, to)
  BootstrapStatistic total_effects;       ///< J x J (from, to)
  BootstrapStatistic r_squared;           ///< J x 1
  BootstrapStatistic outer_weights;       ///< p x 1
  BootstrapStatistic loadings;            ///< p x 1
  std::size_t resamples = 0;              ///< B requested
  std::size_t failed = 0;                 ///< resamples dropped (non-convergence or degenerate data)
  std::vector<std::size_t> failed_indices;  ///< which resamples failed (ascending)
  double confidence = 0.95;               ///< interval confidence level used
};

/// The bootstrap procedure. Immutable; run() may be called concurrently.
class PlsBootstrap {
 public:
  /// Stores the model and options; throws InvalidArgument "pls.bad_option" for invalid options.
  PlsBootstrap(PathModel model, BootstrapOptions options);

  /// Fits the full sample (errors as PathModel::fit), then the B resamples on the configured
  /// number of threads. A resample whose fit throws ConvergenceError or meets a constant column
  /// is dropped and counted in `failed`; ConvergenceError "pls.bootstrap_failed" when fewer
  /// than two resamples succeed.
  [[nodiscard]] BootstrapResult run(const PlsData& data) const;

  /// The model being bootstrapped.
  [[nodiscard]] const PathModel& model() const noexcept { return model_; }
  /// The bootstrap options.
  [[nodiscard]] const BootstrapOptions& options() const noexcept { return options_; }

 private:
  PathModel model_;
  BootstrapOptions options_;
};

}  // namespace massline::scoring::pls
