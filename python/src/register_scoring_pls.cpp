// Python bindings for PLS path modelling (massline/scoring/pls/*.hpp).
// The pandas-friendly facade is python/massline/_pls.py; these are the raw engine types, named
// with a Pls prefix inside massline._core.scoring. Numpy arrays cross as Eigen matrices; result
// arrays are read-only views into the result object (kept alive by the views). The GIL is
// released around fit and bootstrap.
#include "bindings.hpp"
#include "interrupt.hpp"

#include <massline/scoring/pls/bootstrap.hpp>
#include <massline/scoring/pls/model_spec.hpp>
#include <massline/scoring/pls/path_model.hpp>
#include <massline/scoring/pls/quality.hpp>
#include <massline/scoring/pls/result.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace massline::python {

namespace {

using scoring::pls::BootstrapOptions;
using scoring::pls::BootstrapResult;
using scoring::pls::BootstrapStatistic;
using scoring::pls::InnerPath;
using scoring::pls::InnerScheme;
using scoring::pls::LatentBlock;
using scoring::pls::OuterMode;
using scoring::pls::PathModel;
using scoring::pls::PathModelResult;
using scoring::pls::PlsBootstrap;
using scoring::pls::PlsData;
using scoring::pls::PlsModelSpec;
using scoring::pls::PlsOptions;
using scoring::pls::StopRule;
using scoring::pls::Unidimensionality;

/// Builds PlsData from numpy input (the arrays were already copied into Eigen by the casters).
PlsData make_data(Eigen::MatrixXd values, std::vector<std::string> columns, std::optional<Eigen::VectorXd> weights) {
  PlsData data;
  data.values = std::move(values);
  data.columns = std::move(columns);
  if (weights) data.weights = std::move(*weights);
  return data;
}

void bind_result(py::module_& scoring) {
  py::class_<Unidimensionality>(scoring, "PlsUnidimensionality",
                                "plspm-style unidimensionality diagnostics of one block.")
      .def_readonly("cronbach_alpha_standardized", &Unidimensionality::cronbach_alpha_standardized)
      .def_readonly("dillon_goldstein_rho", &Unidimensionality::dillon_goldstein_rho)
      .def_readonly("first_eigenvalue", &Unidimensionality::first_eigenvalue)
      .def_readonly("second_eigenvalue", &Unidimensionality::second_eigenvalue);

  py::class_<PathModelResult> result(scoring, "PlsResult",
                                     "Everything a PLS fit produces. Latent-by-latent matrices are (from, to); "
                                     "per-indicator arrays use the stacked block order.");
  result.def_readonly("latent_names", &PathModelResult::latent_names)
      .def_readonly("indicator_names", &PathModelResult::indicator_names)
      .def_readonly("indicator_block", &PathModelResult::indicator_block)
      .def_readonly("endogenous", &PathModelResult::endogenous)
      .def_readonly("observations", &PathModelResult::observations)
      .def_readonly("weight_sum", &PathModelResult::weight_sum)
      .def_readonly("standardized", &PathModelResult::standardized)
      .def_readonly("iterations", &PathModelResult::iterations)
      .def_readonly("final_change", &PathModelResult::final_change)
      .def_readonly("gof", &PathModelResult::gof)
      .def_readonly("unidimensionality", &PathModelResult::unidimensionality);
  // Eigen members: read-only numpy views that keep the result alive.
  const auto arrays = {
      std::pair{"indicator_means", &PathModelResult::indicator_means},
      std::pair{"indicator_sds", &PathModelResult::indicator_sds},
      std::pair{"outer_weights", &PathModelResult::outer_weights},
      std::pair{"loadings", &PathModelResult::loadings},
      std::pair{"communality", &PathModelResult::communality},
      std::pair{"redundancy", &PathModelResult::redundancy},
      std::pair{"r_squared", &PathModelResult::r_squared},
      std::pair{"adjusted_r_squared", &PathModelResult::adjusted_r_squared},
      std::pair{"ave", &PathModelResult::ave},
      std::pair{"mean_redundancy", &PathModelResult::mean_redundancy},
      std::pair{"composite_reliability", &PathModelResult::composite_reliability},
      std::pair{"cronbach_alpha", &PathModelResult::cronbach_alpha},
      std::pair{"cronbach_alpha_standardized", &PathModelResult::cronbach_alpha_standardized},
      std::pair{"rho_a", &PathModelResult::rho_a},
      std::pair{"construct_reliability", &PathModelResult::construct_reliability},
  };
  for (const auto& [name, member] : arrays) result.def_readonly(name, member);
  const auto matrices = {
      std::pair{"cross_loadings", &PathModelResult::cross_loadings},
      std::pair{"scores", &PathModelResult::scores},
      std::pair{"latent_correlations", &PathModelResult::latent_correlations},
      std::pair{"paths", &PathModelResult::paths},
      std::pair{"direct_effects", &PathModelResult::direct_effects},
      std::pair{"indirect_effects", &PathModelResult::indirect_effects},
      std::pair{"total_effects", &PathModelResult::total_effects},
      std::pair{"htmt", &PathModelResult::htmt},
  };
  for (const auto& [name, member] : matrices) result.def_readonly(name, member);
}

void bind_bootstrap(py::module_& scoring) {
  py::class_<BootstrapOptions>(scoring, "PlsBootstrapOptions", "Bootstrap configuration.")
      .def(py::init([](std::size_t resamples, std::uint64_t seed, std::size_t threads, double confidence) {
             BootstrapOptions options;
             options.resamples = resamples;
             options.seed = seed;
             options.threads = threads;
             options.confidence = confidence;
             return options;
           }),
           py::arg("resamples") = 1000, py::arg("seed") = 0, py::arg("threads") = 0, py::arg("confidence") = 0.95)
      .def_readwrite("resamples", &BootstrapOptions::resamples)
      .def_readwrite("seed", &BootstrapOptions::seed)
      .def_readwrite("threads", &BootstrapOptions::threads)
      .def_readwrite("confidence", &BootstrapOptions::confidence, "Confidence of the percentile intervals.");

  py::class_<BootstrapStatistic>(scoring, "PlsBootstrapStatistic",
                                 "Bootstrap summary of one estimate; draws are column-major flattened.")
      .def_readonly("estimate", &BootstrapStatistic::estimate)
      .def_readonly("mean", &BootstrapStatistic::mean)
      .def_readonly("std_error", &BootstrapStatistic::std_error)
      .def_readonly("lower", &BootstrapStatistic::lower)
      .def_readonly("upper", &BootstrapStatistic::upper)
      .def_readonly("draws", &BootstrapStatistic::draws);

  py::class_<BootstrapResult>(scoring, "PlsBootstrapResult", "Results of PlsBootstrap.run.")
      .def_readonly("fit", &BootstrapResult::fit)
      .def_readonly("paths", &BootstrapResult::paths)
      .def_readonly("total_effects", &BootstrapResult::total_effects)
      .def_readonly("r_squared", &BootstrapResult::r_squared)
      .def_readonly("outer_weights", &BootstrapResult::outer_weights)
      .def_readonly("loadings", &BootstrapResult::loadings)
      .def_readonly("resamples", &BootstrapResult::resamples)
      .def_readonly("failed", &BootstrapResult::failed)
      .def_readonly("failed_indices", &BootstrapResult::failed_indices)
      .def_readonly("confidence", &BootstrapResult::confidence, "Confidence of the percentile intervals.");

  py::class_<PlsBootstrap>(scoring, "PlsBootstrap", "Seeded parallel bootstrap of a PLS path model.")
      .def(py::init<PathModel, BootstrapOptions>(), py::arg("model"), py::arg("options"))
      .def(
          "run",
          [](const PlsBootstrap& self, Eigen::MatrixXd values, std::vector<std::string> columns,
             std::optional<Eigen::VectorXd> weights) {
            const PlsData data = make_data(std::move(values), std::move(columns), std::move(weights));
            return interruptible(Gil::release, [&] { return self.run(data); });  // self is immutable
          },
          py::arg("values"), py::arg("columns"), py::arg("weights") = py::none(),
          "Fit the full sample and B resamples (GIL released).")
      .def_property_readonly("options", &PlsBootstrap::options);
}

}  // namespace

void register_scoring_pls(py::module_& scoring) {
  bind_enum<OuterMode>(scoring, "PlsOuterMode", "Outer estimation mode of a block: a (reflective), b (formative) or a_consistent (PLSc).");
  bind_enum<InnerScheme>(scoring, "PlsInnerScheme", "Inner weighting scheme.");
  bind_enum<StopRule>(scoring, "PlsStopRule", "Stop rule of the weight iteration (see docs/pls.md).");

  py::class_<PlsModelSpec>(scoring, "PlsModelSpec", "A validated PLS model: blocks and a DAG of inner paths.")
      .def(py::init([](const std::vector<std::tuple<std::string, std::vector<std::string>, OuterMode>>& blocks,
                       const std::vector<std::pair<std::string, std::string>>& paths) {
             std::vector<LatentBlock> b;
             for (const auto& [name, indicators, mode] : blocks) b.push_back({name, indicators, mode});
             std::vector<InnerPath> p;
             for (const auto& [from, to] : paths) p.push_back({from, to});
             return PlsModelSpec(std::move(b), std::move(p));
           }),
           py::arg("blocks"), py::arg("paths"),
           "blocks: [(latent, [indicator, ...], PlsOuterMode)], paths: [(from, to)].")
      .def_property_readonly("latent_names", &PlsModelSpec::latent_names)
      .def_property_readonly("indicator_names", &PlsModelSpec::indicator_names)
      .def_property_readonly("latent_count", &PlsModelSpec::latent_count)
      .def_property_readonly("indicator_count", &PlsModelSpec::indicator_count)
      .def("index_of", &PlsModelSpec::index_of, py::arg("latent"))
      .def("is_endogenous", &PlsModelSpec::is_endogenous, py::arg("latent_index"))
      .def(
          "predecessors",
          [](const PlsModelSpec& self, std::size_t j) {
            const auto span = self.predecessors(j);
            return std::vector<std::size_t>(span.begin(), span.end());
          },
          py::arg("latent_index"))
      .def_property_readonly("topological_order", [](const PlsModelSpec& self) {
        const auto span = self.topological_order();
        return std::vector<std::size_t>(span.begin(), span.end());
      });

  py::class_<PlsOptions>(scoring, "PlsOptions", "PLS algorithm options.")
      .def(py::init([](InnerScheme scheme, StrictBool standardize, double tolerance, int max_iterations, StopRule stop_rule) {
             PlsOptions options;
             options.scheme = scheme;
             options.standardize = standardize;
             options.tolerance = tolerance;
             options.max_iterations = max_iterations;
             options.stop_rule = stop_rule;
             return options;
           }),
           py::arg("scheme") = InnerScheme::Centroid, py::arg("standardize") = true, py::arg("tolerance") = 1e-10,
           py::arg("max_iterations") = 300, py::arg("stop_rule") = StopRule::MaxAbsChange)
      .def_readwrite("scheme", &PlsOptions::scheme)
      .def_property(
          "standardize", [](const PlsOptions& o) { return o.standardize; },
          [](PlsOptions& o, StrictBool value) { o.standardize = value; })
      .def_readwrite("tolerance", &PlsOptions::tolerance)
      .def_readwrite("max_iterations", &PlsOptions::max_iterations)
      .def_readwrite("stop_rule", &PlsOptions::stop_rule);

  bind_result(scoring);

  py::class_<PathModel>(scoring, "PlsPathModel", "PLS path-model estimator: PlsPathModel(spec, options).fit(...).")
      .def(py::init<PlsModelSpec, PlsOptions>(), py::arg("spec"), py::arg("options") = PlsOptions{})
      .def(
          "fit",
          [](const PathModel& self, Eigen::MatrixXd values, std::vector<std::string> columns,
             std::optional<Eigen::VectorXd> weights) {
            const PlsData data = make_data(std::move(values), std::move(columns), std::move(weights));
            return interruptible(Gil::release, [&] { return self.fit(data); });  // self is immutable
          },
          py::arg("values"), py::arg("columns"), py::arg("weights") = py::none(),
          "Fit on an (n, m) float array with m column names and optional n survey weights (GIL released).")
      .def_property_readonly("spec", &PathModel::spec)
      .def_property_readonly("options", &PathModel::options);

  bind_bootstrap(scoring);

  scoring.def("pls_cronbach_alpha", &massline::scoring::pls::cronbach_alpha, py::arg("moments"),
              "Cronbach's alpha of a covariance (raw) or correlation (standardised) matrix.");
  scoring.def("pls_composite_reliability", &massline::scoring::pls::composite_reliability, py::arg("loadings"),
              "Joereskog's rho_c from standardised loadings.");
  scoring.def("pls_rho_a", &massline::scoring::pls::rho_a, py::arg("weights"), py::arg("correlation"),
              "Dijkstra-Henseler rho_A from standardised weights and the block's correlation matrix.");
}

}  // namespace massline::python
