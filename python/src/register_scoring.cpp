// Python bindings for the scoring layer's survey and multi-criteria tools:
// response scales, proportion/mean intervals, rates, raking, AHP, entropy weights, TOPSIS,
// fuzzy comprehensive evaluation and indicator systems. Option enums cross as their snake_case
// names ("wilson", "minmax", ...); numpy arrays cross as Eigen matrices or as flat arrays
// (numpy_boundary.hpp). The pandas facade is python/massline/scoring.py. The GIL is released
// around the loops over respondents (rates, raking) and around indicator-system evaluation.
// The indicator-system file format is the io layer's (register_io.cpp).
#include "numpy_boundary.hpp"

#include <massline/scoring/ahp.hpp>
#include <massline/scoring/criterion_normalization.hpp>
#include <massline/scoring/distributions.hpp>
#include <massline/scoring/effective_sample_size.hpp>
#include <massline/scoring/entropy_weights.hpp>
#include <massline/scoring/fuzzy_evaluation.hpp>
#include <massline/scoring/indicator_system.hpp>
#include <massline/scoring/mean_interval.hpp>
#include <massline/scoring/proportion_interval.hpp>
#include <massline/scoring/random_index.hpp>
#include <massline/scoring/raking.hpp>
#include <massline/scoring/rates.hpp>
#include <massline/scoring/response_scale.hpp>
#include <massline/scoring/topsis.hpp>
#include <massline/scoring/weight_combination.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace massline::python {

namespace {

namespace ms = massline::scoring;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class E>
E parse(const std::string& name, const char* what) {
  return from_name<E>(name, what);
}

/// Per-criterion directions from an optional sequence of booleans (True = benefit).
std::vector<ms::Direction> directions(const std::optional<std::vector<StrictBool>>& benefit) {
  std::vector<ms::Direction> out;
  if (!benefit) return out;
  for (bool b : *benefit) out.push_back(b ? ms::Direction::Benefit : ms::Direction::Cost);
  return out;
}

/// A RandomIndexTable from a name, a RandomIndexTable, or a sequence of RI(1), RI(2), ...
ms::RandomIndexTable random_index_table(const py::object& spec) {
  if (py::isinstance<py::str>(spec)) return ms::RandomIndexTable::named(spec.cast<std::string>());
  if (py::isinstance<ms::RandomIndexTable>(spec)) return spec.cast<ms::RandomIndexTable>();
  return ms::RandomIndexTable::custom("custom", spec.cast<std::vector<double>>());
}

ms::AhpOptions ahp_options(const py::object& random_index, const std::string& method, double tolerance,
                           std::size_t max_iterations, double reciprocity_tolerance) {
  ms::AhpOptions options;
  options.random_index = random_index_table(random_index);
  options.method = parse<ms::AhpMethod>(method, "AHP method");
  options.tolerance = tolerance;
  options.max_iterations = max_iterations;
  options.reciprocity_tolerance = reciprocity_tolerance;
  return options;
}

py::object optional_interval(const std::optional<ms::Interval>& interval) {
  if (!interval) return py::none();
  return py::make_tuple(interval->low, interval->high);
}

void bind_scales(py::module_& m) {
  py::class_<ms::ScaleCategory>(m, "ScaleCategory", "One point of a discrete response scale.")
      .def_readonly("code", &ms::ScaleCategory::code, "Value stored in the data.")
      .def_readonly("label", &ms::ScaleCategory::label)
      .def_readonly("score", &ms::ScaleCategory::score, "100-point score.")
      .def_readonly("satisfied", &ms::ScaleCategory::satisfied)
      .def("__repr__", [](const ms::ScaleCategory& c) {
        return "ScaleCategory(code=" + py::repr(py::float_(c.code)).cast<std::string>() + ", label=" +
               py::repr(py::str(c.label)).cast<std::string>() + ", score=" +
               py::repr(py::float_(c.score)).cast<std::string>() + ", satisfied=" + (c.satisfied ? "True" : "False") + ")";
      });

  py::class_<ms::ClassifiedAnswer>(m, "ClassifiedAnswer", "One answer classified by a ResponseScale.")
      .def_property_readonly("kind", [](const ms::ClassifiedAnswer& a) { return std::string(to_name(a.kind)); },
                             "'valid', 'dont_know' or 'missing'.")
      .def_readonly("score", &ms::ClassifiedAnswer::score, "100-point score (None unless valid).")
      .def_readonly("satisfied", &ms::ClassifiedAnswer::satisfied)
      .def("__eq__", [](const ms::ClassifiedAnswer& a, const ms::ClassifiedAnswer& b) { return a == b; })
      .def("__repr__", [](const ms::ClassifiedAnswer& a) {
        return "ClassifiedAnswer(kind='" + std::string(to_name(a.kind)) + "', score=" +
               (a.score ? py::repr(py::float_(*a.score)).cast<std::string>() : std::string("None")) +
               ", satisfied=" + (a.satisfied ? "True" : "False") + ")";
      });

  py::class_<ms::ResponseScale>(m, "ResponseScale",
                                "An answer scale: valid codes, don't-know codes, which answers count as satisfied and\n"
                                "their 100-point scores. Immutable: the with_* methods return a modified copy.")
      .def_static("ordinal", &ms::ResponseScale::ordinal, py::arg("codes_worst_to_best"),
                  py::arg("labels") = std::vector<std::string>{}, "Discrete scale from its codes listed worst to best.")
      .def_static("likert", &ms::ResponseScale::likert, py::arg("points"), py::arg("first_code") = 1.0,
                  py::arg("higher_is_better") = true, "k-point Likert scale with codes first_code, first_code+1, ...")
      .def_static("continuous", &ms::ResponseScale::continuous, py::arg("low"), py::arg("high"),
                  "Continuous rating in [low, high].")
      .def_static("percent", &ms::ResponseScale::percent, "The 0-100 rating scale.")
      .def_static(
          "three_level",
          [](const std::string& rule) { return ms::ResponseScale::three_level(parse<ms::ThreeLevelRule>(rule, "three-level rule")); },
          py::arg("rule") = "satisfied_or_basic",
          "不满意 (1) / 基本满意 (2) / 满意 (3); rule 'satisfied_or_basic' or 'satisfied_only'.")
      .def("with_top_box", &ms::ResponseScale::with_top_box, py::arg("boxes"))
      .def("with_satisfied_codes", &ms::ResponseScale::with_satisfied_codes, py::arg("codes"))
      .def("with_threshold", &ms::ResponseScale::with_threshold, py::arg("threshold"), py::arg("inclusive") = true)
      .def("with_scores", &ms::ResponseScale::with_scores, py::arg("scores"))
      .def("with_dont_know", &ms::ResponseScale::with_dont_know, py::arg("code"), py::arg("label") = "don't know")
      .def("with_name", &ms::ResponseScale::with_name, py::arg("name"))
      .def("classify", py::overload_cast<double>(&ms::ResponseScale::classify, py::const_), py::arg("code"),
           "Classify a code (NaN = missing).")
      .def("classify_label", &ms::ResponseScale::classify_label, py::arg("label"))
      .def(
          "_classify_array",
          [](const ms::ResponseScale& scale, const In<double>& codes) {
            const auto data = span_of(codes);
            const auto n = data.size();
            auto kind = new_array<std::int8_t>(n);
            auto score = new_array<double>(n);
            auto satisfied = new_array<bool>(n);
            const auto k = elements(kind);
            const auto s = elements(score);
            const auto t = elements(satisfied);
            for (std::size_t i = 0; i < n; ++i) {
              ms::ClassifiedAnswer a;
              try {
                a = scale.classify(data[i]);
              } catch (const InvalidArgument& e) {
                throw InvalidArgument(e.code(), e.summary(), Location::of("answer " + std::to_string(i)), e.why());
              }
              k[i] = static_cast<std::int8_t>(a.kind);
              s[i] = a.score.value_or(kNaN);
              t[i] = a.satisfied;
            }
            return py::make_tuple(kind, score, satisfied);
          },
          py::arg("codes"))
      .def_property_readonly("is_continuous", &ms::ResponseScale::is_continuous)
      .def_property_readonly("categories", &ms::ResponseScale::categories)
      .def_property_readonly("dont_know_codes", &ms::ResponseScale::dont_know_codes)
      .def_property_readonly("low", &ms::ResponseScale::low)
      .def_property_readonly("high", &ms::ResponseScale::high)
      .def_property_readonly("threshold", &ms::ResponseScale::threshold)
      .def_property_readonly("threshold_inclusive", &ms::ResponseScale::threshold_inclusive)
      .def_property_readonly("name", &ms::ResponseScale::name)
      .def("__eq__", [](const ms::ResponseScale& a, const ms::ResponseScale& b) { return a == b; })
      .def("__repr__", [](const ms::ResponseScale& s) { return "ResponseScale('" + s.name() + "')"; })
      .def(py::pickle(
          // State: (name, continuous, low, high, threshold, inclusive, categories, dont_know), rebuilt
          // through the public factories and modifiers so every invariant is checked again.
          [](const ms::ResponseScale& s) {
            py::list categories;
            for (const auto& c : s.categories()) categories.append(py::make_tuple(c.code, c.label, c.score, c.satisfied));
            return py::make_tuple(s.name(), s.is_continuous(), s.low(), s.high(), s.threshold(), s.threshold_inclusive(),
                                  categories, s.dont_know_codes());
          },
          [](const py::tuple& state) {
            if (state.size() != 8) throw InvalidArgument("pickle.state", "bad ResponseScale state", {}, "expected 8 items");
            const auto continuous = state[1].cast<bool>();
            auto scale = ms::ResponseScale::percent();
            if (continuous) {
              scale = ms::ResponseScale::continuous(state[2].cast<double>(), state[3].cast<double>())
                          .with_threshold(state[4].cast<double>(), state[5].cast<bool>());
            } else {
              std::vector<double> codes, scores, satisfied;
              std::vector<std::string> labels;
              for (const auto& item : state[6].cast<py::list>()) {
                const auto c = item.cast<std::tuple<double, std::string, double, bool>>();
                codes.push_back(std::get<0>(c));
                labels.push_back(std::get<1>(c));
                scores.push_back(std::get<2>(c));
                if (std::get<3>(c)) satisfied.push_back(std::get<0>(c));
              }
              scale = ms::ResponseScale::ordinal(codes, labels).with_scores(scores).with_satisfied_codes(satisfied);
            }
            for (const auto& [code, label] : state[7].cast<std::vector<std::pair<double, std::string>>>())
              scale = scale.with_dont_know(code, label);
            return scale.with_name(state[0].cast<std::string>());
          }));
}

void bind_intervals(py::module_& m) {
  m.def(
      "proportion_interval",
      [](double x, double n, const std::string& method, double confidence, StrictBool clip) {
        const auto ci = ms::proportion_interval(x, n, parse<ms::IntervalMethod>(method, "interval method"), confidence, clip);
        return std::make_pair(ci.low, ci.high);
      },
      py::arg("x"), py::arg("n"), py::arg("method") = "wilson", py::arg("confidence") = 0.95, py::arg("clip") = false,
      "Interval (low, high) for the proportion x/n: method 'wilson', 'agresti_coull', 'wald' or 'clopper_pearson'.");
  m.def("normal_quantile", &ms::normal_quantile, py::arg("p"));
  m.def("student_t_quantile", &ms::student_t_quantile, py::arg("p"), py::arg("df"));
  m.def("beta_quantile", &ms::beta_quantile, py::arg("p"), py::arg("a"), py::arg("b"));
  m.def(
      "kish_effective_sample_size",
      [](const std::vector<double>& weights) { return ms::kish_effective_sample_size(weights); }, py::arg("weights"),
      "(Σw)² / Σw².");

  py::class_<ms::MeanEstimate>(m, "MeanEstimate", "A mean with its Student-t interval.")
      .def_readonly("mean", &ms::MeanEstimate::mean)
      .def_readonly("count", &ms::MeanEstimate::count)
      .def_readonly("effective_size", &ms::MeanEstimate::effective_size)
      .def_readonly("standard_error", &ms::MeanEstimate::standard_error)
      .def_readonly("degrees_of_freedom", &ms::MeanEstimate::degrees_of_freedom)
      .def_property_readonly("interval", [](const ms::MeanEstimate& e) { return optional_interval(e.interval); })
      .def("__repr__", [](const ms::MeanEstimate& e) {
        return "MeanEstimate(mean=" + (e.mean ? py::repr(py::float_(*e.mean)).cast<std::string>() : std::string("None")) +
               ", interval=" + py::repr(optional_interval(e.interval)).cast<std::string>() +
               ", count=" + std::to_string(e.count) + ")";
      });
  m.def(
      "mean_interval",
      [](const std::vector<double>& values, const std::optional<std::vector<double>>& weights, double confidence) {
        return weights ? ms::weighted_mean_interval(values, *weights, confidence) : ms::mean_interval(values, confidence);
      },
      py::arg("values"), py::arg("weights") = py::none(), py::arg("confidence") = 0.95,
      "Mean with its t interval; with weights, Kish's n_eff replaces n.");
}

void bind_rates_and_raking(py::module_& m) {
  m.def(
      "_grouped_rates",
      [](const In<double>& codes, const Ints<std::int64_t, "groups">& groups, std::size_t group_count,
         const std::optional<In<double>>& weights, const ms::ResponseScale& scale, const std::string& method,
         double confidence, StrictBool clip, const std::string& dont_know) {
        ms::RateOptions options;
        options.method = parse<ms::IntervalMethod>(method, "interval method");
        options.confidence = confidence;
        options.clip = clip;
        options.dont_know = parse<ms::DontKnowPolicy>(dont_know, "don't-know policy");
        std::vector<ms::RateEstimate> estimates;
        {
          py::gil_scoped_release release;
          estimates = ms::grouped_rates(span_of(codes), span_of(groups), group_count, span_of(weights), scale, options);
        }
        auto column = [&](auto get) { return to_array<decltype(get(estimates.front()))>(estimates, get); };
        py::dict out;
        if (estimates.empty()) return out;
        using E = ms::RateEstimate;
        out["responses"] = column([](const E& e) { return static_cast<std::int64_t>(e.responses); });
        out["valid"] = column([](const E& e) { return static_cast<std::int64_t>(e.valid); });
        out["dont_know"] = column([](const E& e) { return static_cast<std::int64_t>(e.dont_know); });
        out["missing"] = column([](const E& e) { return static_cast<std::int64_t>(e.missing); });
        out["denominator"] = column([](const E& e) { return static_cast<std::int64_t>(e.denominator); });
        out["satisfied"] = column([](const E& e) { return static_cast<std::int64_t>(e.satisfied); });
        out["weight_total"] = column([](const E& e) { return e.weight_total; });
        out["effective_size"] = column([](const E& e) { return e.effective_size; });
        out["rate"] = column([](const E& e) { return e.rate.value_or(kNaN); });
        out["rate_low"] = column([](const E& e) { return e.rate_interval ? e.rate_interval->low : kNaN; });
        out["rate_high"] = column([](const E& e) { return e.rate_interval ? e.rate_interval->high : kNaN; });
        out["score"] = column([](const E& e) { return e.score.mean.value_or(kNaN); });
        out["score_low"] = column([](const E& e) { return e.score.interval ? e.score.interval->low : kNaN; });
        out["score_high"] = column([](const E& e) { return e.score.interval ? e.score.interval->high : kNaN; });
        out["score_se"] = column([](const E& e) { return e.score.standard_error.value_or(kNaN); });
        return out;
      },
      py::arg("codes"), py::arg("groups"), py::arg("group_count"), py::arg("weights"), py::arg("scale"),
      py::arg("method") = "wilson", py::arg("confidence") = 0.95, py::arg("clip") = false, py::arg("dont_know") = "exclude",
      "Rates of many groups at once (see massline.scoring.rates for the DataFrame version).");

  m.def(
      "_rake",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::uint32_t>>& categories,
         const std::vector<std::vector<double>>& targets, const std::vector<double>& base_weights, double tolerance,
         std::size_t max_iterations) {
        require(names.size() == categories.size() && names.size() == targets.size(), "raking.invalid",
                "names, categories and targets differ in length");
        std::vector<ms::RakingVariable> variables;
        for (std::size_t v = 0; v < names.size(); ++v) variables.push_back({names[v], categories[v], targets[v]});
        ms::RakingOptions options;
        options.tolerance = tolerance;
        options.max_iterations = max_iterations;
        ms::RakingResult result;
        {
          py::gil_scoped_release release;
          result = ms::rake(variables, base_weights, options);
        }
        return py::make_tuple(to_array(result.weights), result.iterations, result.max_deviation);
      },
      py::arg("names"), py::arg("categories"), py::arg("targets"), py::arg("base_weights"), py::arg("tolerance") = 1e-10,
      py::arg("max_iterations") = 100, "Raw raking: returns (weights, iterations, max_deviation).");
}

void bind_ahp(py::module_& m) {
  py::class_<ms::RandomIndexTable>(m, "RandomIndexTable", "A named table of AHP random consistency indices RI(n).")
      .def_static("named", &ms::RandomIndexTable::named, py::arg("name"))
      .def_static("custom", &ms::RandomIndexTable::custom, py::arg("name"), py::arg("values"),
                  "values[k] is RI(k+1); RI(1) = RI(2) = 0.")
      .def_static("saaty_1980", &ms::RandomIndexTable::saaty_1980)
      .def_static("saaty_2005", &ms::RandomIndexTable::saaty_2005)
      .def_static("alonso_lamata_2006", &ms::RandomIndexTable::alonso_lamata_2006)
      .def_static("donegan_dodd_1991", &ms::RandomIndexTable::donegan_dodd_1991)
      .def("at", &ms::RandomIndexTable::at, py::arg("n"))
      .def_property_readonly("max_order", &ms::RandomIndexTable::max_order)
      .def_property_readonly("name", &ms::RandomIndexTable::name)
      .def_property_readonly("source", &ms::RandomIndexTable::source)
      .def_property_readonly("values", &ms::RandomIndexTable::values)
      .def("__repr__", [](const ms::RandomIndexTable& t) { return "RandomIndexTable('" + t.name() + "')"; })
      .def("__eq__", [](const ms::RandomIndexTable& a, const ms::RandomIndexTable& b) {
        return a.name() == b.name() && a.source() == b.source() && a.values() == b.values();
      })
      .def(py::pickle([](const ms::RandomIndexTable& t) { return py::make_tuple(t.name(), t.source(), t.values()); },
                      [](const py::tuple& state) {
                        if (state.size() != 3)
                          throw InvalidArgument("pickle.state", "bad RandomIndexTable state", {}, "expected 3 items");
                        const auto name = state[0].cast<std::string>();
                        // Published tables by name; anything else was a user table.
                        if (state[1].cast<std::string>() != "user supplied") return ms::RandomIndexTable::named(name);
                        return ms::RandomIndexTable::custom(name, state[2].cast<std::vector<double>>());
                      }));
  py::tuple published(ms::RandomIndexTable::published().size());
  for (std::size_t k = 0; k < published.size(); ++k) published[k] = ms::RandomIndexTable::published()[k].name();
  m.attr("RANDOM_INDEX_TABLES") = published;

  py::class_<ms::AhpResult>(m, "AhpResult", "AHP weights with λmax, CI, RI and CR.")
      .def_readonly("weights", &ms::AhpResult::weights)
      .def_readonly("lambda_max", &ms::AhpResult::lambda_max)
      .def_readonly("consistency_index", &ms::AhpResult::consistency_index)
      .def_readonly("random_index", &ms::AhpResult::random_index)
      .def_readonly("consistency_ratio", &ms::AhpResult::consistency_ratio)
      .def_readonly("iterations", &ms::AhpResult::iterations)
      .def("__repr__", [](const ms::AhpResult& r) {
        return "AhpResult(n=" + std::to_string(r.weights.size()) + ", lambda_max=" +
               py::repr(py::float_(r.lambda_max)).cast<std::string>() +
               ", consistency_ratio=" + py::repr(py::float_(r.consistency_ratio)).cast<std::string>() + ")";
      });
  m.def(
      "ahp_weights",
      [](const Eigen::MatrixXd& matrix, const py::object& random_index, const std::string& method, double tolerance,
         std::size_t max_iterations, double reciprocity_tolerance) {
        return ms::ahp_weights(matrix, ahp_options(random_index, method, tolerance, max_iterations, reciprocity_tolerance));
      },
      py::arg("matrix"), py::arg("random_index") = "saaty1980", py::arg("method") = "eigenvector",
      py::arg("tolerance") = 1e-13, py::arg("max_iterations") = 10'000, py::arg("reciprocity_tolerance") = 1e-9,
      "AHP weights of a positive reciprocal matrix. random_index: a table name, a RandomIndexTable or a\n"
      "sequence RI(1), RI(2), ...; method: 'eigenvector' or 'geometric_mean'.");
  m.def("check_pairwise_matrix", &ms::check_pairwise_matrix, py::arg("matrix"), py::arg("tolerance") = 1e-9);
  m.def("pairwise_from_upper", &ms::pairwise_from_upper, py::arg("n"), py::arg("upper"),
        "Full reciprocal matrix from its strict upper triangle given row by row.");
}

void bind_mcdm(py::module_& m) {
  m.def(
      "normalize_columns",
      [](const Eigen::MatrixXd& matrix, const std::string& method, const std::optional<std::vector<StrictBool>>& benefit) {
        return ms::normalize_columns(matrix, parse<ms::ColumnNormalization>(method, "normalisation"), directions(benefit));
      },
      py::arg("matrix"), py::arg("method"), py::arg("benefit") = py::none());

  py::class_<ms::EntropyResult>(m, "EntropyResult", "Entropy, divergence and weight per criterion.")
      .def_readonly("entropy", &ms::EntropyResult::entropy)
      .def_readonly("divergence", &ms::EntropyResult::divergence)
      .def_readonly("weights", &ms::EntropyResult::weights);
  auto entropy_options = [](const std::string& normalization, const std::optional<std::vector<StrictBool>>& benefit) {
    ms::EntropyOptions options;
    options.normalization = parse<ms::EntropyNormalization>(normalization, "entropy normalisation");
    options.directions = directions(benefit);
    return options;
  };
  m.def(
      "entropy_analysis",
      [entropy_options](const Eigen::MatrixXd& matrix, const std::string& normalization,
                        const std::optional<std::vector<StrictBool>>& benefit) {
        return ms::entropy_analysis(matrix, entropy_options(normalization, benefit));
      },
      py::arg("matrix"), py::arg("normalization") = "proportion", py::arg("benefit") = py::none());
  m.def(
      "entropy_weights",
      [entropy_options](const Eigen::MatrixXd& matrix, const std::string& normalization,
                        const std::optional<std::vector<StrictBool>>& benefit) {
        return ms::entropy_weights(matrix, entropy_options(normalization, benefit));
      },
      py::arg("matrix"), py::arg("normalization") = "proportion", py::arg("benefit") = py::none(),
      "Entropy weights of the criteria (columns); normalization 'proportion', 'minmax' or 'vector';\n"
      "benefit: per-column booleans used by 'minmax' (default all True).");

  m.def(
      "combine_weights",
      [](const Eigen::VectorXd& subjective, const Eigen::VectorXd& objective, const std::string& method,
         std::optional<double> alpha) -> Eigen::VectorXd {
        const auto how = parse<ms::WeightCombination>(method, "weight combination");
        if (how == ms::WeightCombination::Multiplicative) {
          require(!alpha, "weights.alpha", "alpha applies to the linear combination only");
          return ms::combine_multiplicative(subjective, objective);
        }
        require(alpha.has_value(), "weights.alpha", "the linear combination needs alpha (weight of the subjective vector)");
        return ms::combine_linear(subjective, objective, *alpha);
      },
      py::arg("subjective"), py::arg("objective"), py::arg("method") = "multiplicative", py::arg("alpha") = py::none());

  py::class_<ms::TopsisResult>(m, "TopsisResult", "TOPSIS closeness coefficients and distances.")
      .def_readonly("closeness", &ms::TopsisResult::closeness)
      .def_readonly("distance_to_ideal", &ms::TopsisResult::distance_to_ideal)
      .def_readonly("distance_to_anti_ideal", &ms::TopsisResult::distance_to_anti_ideal)
      .def_readonly("ideal", &ms::TopsisResult::ideal)
      .def_readonly("anti_ideal", &ms::TopsisResult::anti_ideal);
  auto run_topsis = [](const Eigen::MatrixXd& matrix, const Eigen::VectorXd& weights, const std::vector<StrictBool>& benefit,
                       const std::string& normalization) {
    return ms::topsis(matrix, weights, directions(benefit), parse<ms::TopsisNormalization>(normalization, "TOPSIS normalisation"));
  };
  m.def("topsis_analysis", run_topsis, py::arg("matrix"), py::arg("weights"), py::arg("benefit"),
        py::arg("normalization") = "vector");
  m.def(
      "topsis",
      [run_topsis](const Eigen::MatrixXd& matrix, const Eigen::VectorXd& weights, const std::vector<StrictBool>& benefit,
                   const std::string& normalization) { return run_topsis(matrix, weights, benefit, normalization).closeness; },
      py::arg("matrix"), py::arg("weights"), py::arg("benefit"), py::arg("normalization") = "vector",
      "Closeness coefficients (larger is better); benefit: one boolean per criterion; normalization\n"
      "'vector' or 'minmax'.");

  py::class_<ms::FuzzyEvaluation>(m, "FuzzyEvaluation", "Result of a fuzzy comprehensive evaluation B = A ∘ R.")
      .def_readonly("composed", &ms::FuzzyEvaluation::composed)
      .def_readonly("membership", &ms::FuzzyEvaluation::membership)
      .def_readonly("grade", &ms::FuzzyEvaluation::grade)
      .def_readonly("score", &ms::FuzzyEvaluation::score);
  m.def(
      "fuzzy_evaluate",
      [](const Eigen::VectorXd& weights, const Eigen::MatrixXd& membership, const std::string& op, StrictBool normalize,
         const std::optional<Eigen::VectorXd>& grade_values, double weight_tolerance) {
        ms::FuzzyOptions options;
        options.op = parse<ms::FuzzyOperator>(op, "fuzzy operator");
        options.normalize = normalize;
        options.weight_tolerance = weight_tolerance;
        return ms::fuzzy_evaluate(weights, membership, options, grade_values.value_or(Eigen::VectorXd{}));
      },
      py::arg("weights"), py::arg("membership"), py::arg("operator") = "weighted_average", py::arg("normalize") = true,
      py::arg("grade_values") = py::none(), py::arg("weight_tolerance") = 1e-9,
      "operator: 'weighted_average' M(·,⊕), 'max_min' M(∧,∨), 'product_max' M(·,∨), 'min_bounded_sum' M(∧,⊕).");
  m.def("membership_from_counts", &ms::membership_from_counts, py::arg("counts"));
}

void bind_indicator_system(py::module_& m) {
  using S = ms::IndicatorSystem;
  // Nodes may be named by number (any integer, e.g. numpy's) or by name; anything else, a
  // negative number or one past the last node is refused naming the argument (rather than a
  // raw pybind11 cast error).
  auto node = [](const S& s, const py::object& ref, const char* argument) -> S::Node {
    if (py::isinstance<py::str>(ref)) return s.find(ref.cast<std::string>());
    if (py::isinstance<py::bool_>(ref) || PyIndex_Check(ref.ptr()) == 0) {
      throw py::type_error(std::string("IndicatorSystem: '") + argument + "' is a node number or name, got " +
                           py::str(py::type::of(ref).attr("__name__")).cast<std::string>());
    }
    const auto number = py::reinterpret_steal<py::int_>(PyNumber_Index(ref.ptr()));
    if (!number) throw py::error_already_set();
    if (number < py::int_(0) || number >= py::int_(s.size())) {
      throw NotFound("indicator.unknown", "no indicator node " + py::repr(number).cast<std::string>(),
                     Location::of("indicator system", argument),
                     "nodes are numbered 0.." + std::to_string(s.size() - 1));
    }
    return number.cast<S::Node>();
  };
  py::class_<S>(m, "IndicatorSystem",
                "A tree of indicators: leaves are survey items or objective metrics, groups weight their children.")
      .def(py::init<std::string>(), py::arg("root_name"))
      .def_property_readonly("root", [](const S&) { return S::root(); })
      .def(
          "add_group", [node](S& s, const py::object& parent, std::string name) { return s.add_group(node(s, parent, "parent"), std::move(name)); },
          py::arg("parent"), py::arg("name"))
      .def(
          "add_leaf",
          [node](S& s, const py::object& parent, std::string name, const std::string& source, const std::string& normalization,
                 const std::string& direction, std::optional<double> lower, std::optional<double> upper,
                 std::optional<double> tie_score, std::string key) {
            ms::IndicatorLeaf leaf;
            leaf.source = parse<ms::IndicatorSource>(source, "indicator source");
            leaf.normalization = parse<ms::LeafNormalization>(normalization, "leaf normalisation");
            leaf.direction = parse<ms::Direction>(direction, "direction");
            const bool bounds = leaf.normalization == ms::LeafNormalization::Bounds;
            require(bounds == (lower.has_value() && upper.has_value()) && (bounds || (!lower && !upper)), "indicator.leaf",
                    "lower and upper are given exactly for normalization='bounds'");
            leaf.lower = lower.value_or(0.0);
            leaf.upper = upper.value_or(0.0);
            require(!tie_score || leaf.normalization == ms::LeafNormalization::MinMax, "indicator.leaf",
                    "tie_score applies to normalization='minmax' only");
            leaf.tie_score = tie_score;
            leaf.key = std::move(key);
            return s.add_leaf(node(s, parent, "parent"), std::move(name), std::move(leaf));
          },
          py::arg("parent"), py::arg("name"), py::kw_only(), py::arg("source") = "survey_item",
          py::arg("normalization") = "identity", py::arg("direction") = "benefit", py::arg("lower") = py::none(),
          py::arg("upper") = py::none(), py::arg("tie_score") = py::none(), py::arg("key") = "")
      .def(
          "set_equal_weights", [node](S& s, const py::object& n) { s.set_weighting(node(s, n, "node"), ms::EqualWeights{}); },
          py::arg("node"))
      .def(
          "set_fixed_weights",
          [node](S& s, const py::object& n, std::vector<double> weights) {
            s.set_weighting(node(s, n, "node"), ms::FixedWeights{std::move(weights)});
          },
          py::arg("node"), py::arg("weights"))
      .def(
          "set_ahp_weights",
          [node](S& s, const py::object& n, const Eigen::MatrixXd& matrix, const py::object& random_index,
                 const std::string& method) {
            s.set_weighting(node(s, n, "node"), ms::AhpWeights{matrix, ahp_options(random_index, method, 1e-13, 10'000, 1e-9)});
          },
          py::arg("node"), py::arg("matrix"), py::arg("random_index") = "saaty1980", py::arg("method") = "eigenvector")
      .def(
          "set_entropy_weights",
          [node](S& s, const py::object& n, const std::string& normalization) {
            s.set_weighting(node(s, n, "node"),
                            ms::EntropyWeights{parse<ms::EntropyNormalization>(normalization, "entropy normalisation")});
          },
          py::arg("node"), py::arg("normalization") = "proportion")
      .def(
          "set_combined_weights",
          [node](S& s, const py::object& n, const std::optional<std::vector<double>>& fixed,
                 const std::optional<Eigen::MatrixXd>& pairwise, const std::string& combination, std::optional<double> alpha,
                 const std::string& normalization, const py::object& random_index) {
            require(fixed.has_value() != pairwise.has_value(), "indicator.structure",
                    "give exactly one subjective source: fixed weights or a pairwise matrix");
            ms::CombinedWeights w;
            if (fixed) {
              w.subjective = ms::FixedWeights{*fixed};
            } else {
              w.subjective = ms::AhpWeights{*pairwise, ahp_options(random_index, "eigenvector", 1e-13, 10'000, 1e-9)};
            }
            w.objective = ms::EntropyWeights{parse<ms::EntropyNormalization>(normalization, "entropy normalisation")};
            w.combination = parse<ms::WeightCombination>(combination, "weight combination");
            require((w.combination == ms::WeightCombination::Linear) == alpha.has_value(), "weights.alpha",
                    "alpha is given exactly for the linear combination");
            w.alpha = alpha.value_or(0.0);
            s.set_weighting(node(s, n, "node"), std::move(w));
          },
          py::arg("node"), py::kw_only(), py::arg("fixed") = py::none(), py::arg("pairwise") = py::none(),
          py::arg("combination") = "multiplicative", py::arg("alpha") = py::none(), py::arg("normalization") = "proportion",
          py::arg("random_index") = "saaty1980")
      .def("__len__", &S::size)
      .def("name", [node](const S& s, const py::object& n) { return s.name(node(s, n, "node")); }, py::arg("node"))
      .def("parent", [node](const S& s, const py::object& n) { return s.parent(node(s, n, "node")); }, py::arg("node"))
      .def("children", [node](const S& s, const py::object& n) { return s.children(node(s, n, "node")); },
           py::arg("node"))
      .def("is_leaf", [node](const S& s, const py::object& n) { return s.is_leaf(node(s, n, "node")); },
           py::arg("node"))
      .def("find", &S::find, py::arg("name"))
      .def("leaves", &S::leaves, "Leaf nodes in the order they were added (the column order of evaluate).")
      .def_property_readonly("node_names",
                             [](const S& s) {
                               std::vector<std::string> out;
                               for (std::size_t i = 0; i < s.size(); ++i) out.push_back(s.name(i));
                               return out;
                             })
      .def_property_readonly("leaf_names",
                             [](const S& s) {
                               std::vector<std::string> out;
                               for (auto i : s.leaves()) out.push_back(s.name(i));
                               return out;
                             })
      .def(
          "leaf_key", [node](const S& s, const py::object& n) { return s.leaf(node(s, n, "node")).key; }, py::arg("node"))
      .def("check", &S::check)
      .def(
          "_evaluate",
          [](const S& s, const Eigen::MatrixXd& values, const std::string& missing) {
            const auto policy = parse<ms::MissingPolicy>(missing, "missing policy");
            // The system is mutable (add_leaf...), so the GIL-free work uses a private copy.
            const S system = s;
            ms::IndicatorScores r;
            {
              py::gil_scoped_release release;
              r = system.evaluate(values, policy);
            }
            py::list ahp;
            for (const auto& a : r.ahp) ahp.append(a ? py::cast(*a) : py::none());
            return py::make_tuple(r.scores, r.local_weights, r.global_weights, ahp);
          },
          py::arg("values"), py::arg("missing") = "error",
          "Raw evaluation of a units × leaves array: (scores, local_weights, global_weights, ahp).")
      .def("__repr__", [](const S& s) {
        return "IndicatorSystem('" + s.name(S::root()) + "', " + std::to_string(s.size()) + " nodes)";
      });
}

}  // namespace

void register_scoring(py::module_& scoring) {
  bind_scales(scoring);
  bind_intervals(scoring);
  bind_rates_and_raking(scoring);
  bind_ahp(scoring);
  bind_mcdm(scoring);
  bind_indicator_system(scoring);
}

}  // namespace massline::python
