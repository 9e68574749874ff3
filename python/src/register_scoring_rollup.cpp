// Python bindings for the roll-up part of the scoring layer: UnitTree, Rollup (long and wide
// layouts), rankings and red/black lists, the accountability rule and trends. numpy arrays of
// the right dtype cross without copies (others are converted once); result arrays are
// read-only views into the result object, which they keep alive. The GIL is released around
// every loop over responses or cells. The pandas facade is python/massline/_rollup.py.
#include "bindings.hpp"

#include <massline/model/registry.hpp>
#include <massline/scoring/accountability.hpp>
#include <massline/scoring/ranking.hpp>
#include <massline/scoring/rollup.hpp>
#include <massline/scoring/survey_answers.hpp>
#include <massline/scoring/trend.hpp>
#include <massline/model/unit_tree.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::python {

namespace {

using scoring::AccountabilityBasis;
using scoring::AccountabilityRule;
using scoring::AnswerColumns;
using scoring::EstimateRows;
using scoring::ListMark;
using scoring::ListRule;
using scoring::RankBasis;
using scoring::ResponseMatrix;
using scoring::Rollup;
using scoring::RollupOptions;
using scoring::RollupResult;
using scoring::RollupWeighting;
using massline::UnitIndex;
using massline::UnitSize;
using massline::UnitTree;

// Contiguous input arrays: no copy when dtype and layout already match.
template <class T>
using In = py::array_t<T, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> view(const In<T>& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}
template <class T>
std::span<const T> view(const std::optional<In<T>>& a) {
  return a ? view(*a) : std::span<const T>{};
}
template <class T>
void require_1d(const In<T>& a, const char* name) {
  require(a.ndim() == 1, "rollup.shape", std::string(name) + " must be one-dimensional", Location::of("arrays", name));
}
template <class T>
void require_1d(const std::optional<In<T>>& a, const char* name) {
  if (a) require_1d(*a, name);
}

// A read-only numpy view of @p data owned by @p owner.
template <class T>
py::array_t<T> readonly_view(std::span<const T> data, const py::object& owner) {
  py::array_t<T> out(static_cast<py::ssize_t>(data.size()), data.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}
// A new numpy array holding @p data.
template <class T>
py::array_t<T> to_array(const std::vector<T>& data) {
  py::array_t<T> out(static_cast<py::ssize_t>(data.size()));
  std::copy(data.begin(), data.end(), out.mutable_data());
  return out;
}

RollupWeighting parse_by(const std::string& by) {
  if (by == "respondents") return RollupWeighting::Respondents;
  if (by == "households") return RollupWeighting::Households;
  throw InvalidArgument("rollup.option", "unknown roll-up weighting", Location::of("rollup", "by"),
                        "'" + by + "'; use 'respondents' or 'households'");
}
RankBasis parse_rank_basis(const std::string& basis) {
  if (basis == "estimate" || basis == "rate") return RankBasis::Estimate;
  if (basis == "lower_bound" || basis == "low") return RankBasis::LowerBound;
  if (basis == "upper_bound" || basis == "high") return RankBasis::UpperBound;
  throw InvalidArgument("rollup.option", "unknown ranking basis", Location::of("rank", "by"),
                        "'" + basis + "'; use 'rate', 'low' or 'high'");
}
AccountabilityBasis parse_accountability_basis(const std::string& basis) {
  if (basis == "estimate" || basis == "rate") return AccountabilityBasis::Estimate;
  if (basis == "upper_bound" || basis == "high") return AccountabilityBasis::UpperBound;
  throw InvalidArgument("rollup.option", "unknown accountability basis", Location::of("accountability", "basis"),
                        "'" + basis + "'; use 'estimate' or 'upper_bound'");
}

RollupOptions make_options(const std::string& by, double confidence, unsigned threads) {
  RollupOptions options;
  options.by = parse_by(by);
  options.confidence = confidence;
  options.threads = threads;
  return options;
}

void bind_tree(py::module_& m) {
  py::class_<UnitTree, std::shared_ptr<UnitTree>> cls(
      m, "UnitTree", py::dynamic_attr(),
      "Compact tree of units for the roll-ups: dense indices 0..len-1, parent and level arrays, CSR "
      "children. Build with from_parents() or from_registry(). Python code may attach a `labels` "
      "attribute (the facade's unit_tree() does).");
  cls.def_static(
         "from_parents",
         [](const In<std::int64_t>& parent, const std::optional<In<std::int64_t>>& level,
            const std::optional<In<double>>& size) {
           require_1d(parent, "parent");
           require_1d(level, "level");
           require_1d(size, "size");
           return std::make_shared<UnitTree>(UnitTree::from_parents(view(parent), view(level), view(size)));
         },
         py::arg("parent"), py::arg("level") = py::none(), py::arg("size") = py::none(),
         "Tree from parent indices (negative = root), optional levels (default depth + 1) and own "
         "sizes (households; default 0).")
      .def_static(
          "from_registry",
          [](const Registry& registry, const std::string& measure) {
            UnitSize what = UnitSize::Households;
            if (measure == "people") what = UnitSize::People;
            else if (measure != "households")
              throw InvalidArgument("rollup.option", "unknown unit size measure", Location::of("unit tree", "measure"),
                                    "'" + measure + "'; use 'households' or 'people'");
            return std::make_shared<UnitTree>(UnitTree::from_registry(registry, what));
          },
          py::arg("registry"), py::arg("measure") = "households",
          "Tree of the registry's organisations (live ones, in id order); sizes count households or people.")
      .def("__len__", &UnitTree::size)
      .def_property_readonly(
          "parents",
          [](const UnitTree& t) {
            std::vector<std::int64_t> out(t.size());
            for (std::size_t u = 0; u < t.size(); ++u) {
              const UnitIndex p = t.parents()[u];
              out[u] = p == massline::kNoUnit ? -1 : static_cast<std::int64_t>(p);
            }
            return to_array(out);
          },
          "Parent index of every unit, -1 for roots (a copy).")
      .def_property_readonly(
          "levels", [](const py::object& self) { return readonly_view(self.cast<const UnitTree&>().levels(), self); },
          "Level of every unit (read-only view).")
      .def_property_readonly(
          "sizes", [](const py::object& self) { return readonly_view(self.cast<const UnitTree&>().sizes(), self); },
          "Own size (households) of every unit (read-only view).")
      .def_property_readonly(
          "top_down", [](const py::object& self) { return readonly_view(self.cast<const UnitTree&>().top_down(), self); },
          "Every unit, parents before children (read-only view).")
      .def(
          "children",
          [](const UnitTree& t, UnitIndex u) {
            require(u < t.size(), "unit_tree.unit_out_of_range", "no such unit", Location::of("unit " + std::to_string(u)));
            const auto c = t.children(u);
            return std::vector<UnitIndex>(c.begin(), c.end());
          },
          py::arg("unit"), "Direct children of `unit`.")
      .def(
          "units_at_level",
          [](const UnitTree& t, int level) {
            const auto u = t.units_at_level(level);
            return to_array(std::vector<UnitIndex>(u.begin(), u.end()));
          },
          py::arg("level"), "Units of `level`, in index order.")
      .def("subtree_sizes", [](const UnitTree& t) { return to_array(t.subtree_sizes()); },
           "Size of every unit's subtree.")
      .def_property_readonly("level_values", &UnitTree::level_values, "Levels that have units.")
      .def_property_readonly("has_org_ids", &UnitTree::has_org_ids, "Built from a Registry.")
      .def_property_readonly(
          "org_ids",
          [](const UnitTree& t) {
            std::vector<std::int64_t> out(t.size());
            for (std::size_t u = 0; u < t.size(); ++u) out[u] = t.org_id(static_cast<UnitIndex>(u)).value();
            return to_array(out);
          },
          "Organisation id value of every unit (StateError for trees not built from a registry).")
      .def("index_of", &UnitTree::index_of, py::arg("org"), "Unit index of organisation `org`.")
      .def("find", &UnitTree::find, py::arg("org"), "Unit index of organisation `org`, or None when the tree lacks it.")
      .def("__repr__", [](const UnitTree& t) {
        std::string levels;
        for (const int l : t.level_values()) {
          levels += (levels.empty() ? "" : ", ") + std::to_string(l) + ": " + std::to_string(t.units_at_level(l).size());
        }
        return "<UnitTree " + std::to_string(t.size()) + " units {" + levels + "}>";
      });
}

void bind_result(py::module_& m) {
  py::class_<RollupResult> cls(m, "RollupResult",
                               "Dense per-cell roll-up arrays, cell = (unit * periods + period) * items + item. "
                               "Cells without answers have n == 0 and NaN estimates.");
  cls.def_property_readonly("units", &RollupResult::units)
      .def_property_readonly("items", &RollupResult::items)
      .def_property_readonly("periods", &RollupResult::periods)
      .def_property_readonly("cells", &RollupResult::cells)
      .def_property_readonly("confidence", [](const RollupResult& r) { return r.options().confidence; })
      .def_property_readonly("critical_value", &RollupResult::critical_value)
      .def_property_readonly("by", [](const RollupResult& r) {
        return std::string(r.options().by == RollupWeighting::Households ? "households" : "respondents");
      })
      .def_property_readonly("tree", [](const RollupResult& r) { return std::const_pointer_cast<UnitTree>(r.tree_ptr()); })
      .def("cell", &RollupResult::cell, py::arg("unit"), py::arg("item"), py::arg("period") = 0);
  const auto u64 = {std::pair{"n", &RollupResult::n}, std::pair{"satisfied", &RollupResult::satisfied}};
  for (const auto& [name, getter] : u64) {
    cls.def_property_readonly(name, [getter = getter](const py::object& self) {
      return readonly_view((self.cast<const RollupResult&>().*getter)(), self);
    });
  }
  const auto f64 = {std::pair{"weight", &RollupResult::weight},
                    std::pair{"weighted_satisfied", &RollupResult::weighted_satisfied},
                    std::pair{"rate", &RollupResult::rate},
                    std::pair{"n_eff", &RollupResult::n_eff},
                    std::pair{"low", &RollupResult::low},
                    std::pair{"high", &RollupResult::high}};
  for (const auto& [name, getter] : f64) {
    cls.def_property_readonly(name, [getter = getter](const py::object& self) {
      return readonly_view((self.cast<const RollupResult&>().*getter)(), self);
    });
  }
  cls.def_property_readonly(
      "mean_score",
      [](const py::object& self) -> py::object {
        const auto& r = self.cast<const RollupResult&>();
        if (!r.has_score()) return py::none();
        return readonly_view(r.mean_score(), self);
      },
      "Weighted mean score per cell, or None when no scores were given.");
}

void bind_rollups(py::module_& m) {
  m.def(
      "rollup_long",
      [](std::shared_ptr<UnitTree> tree, const In<std::uint32_t>& unit, const In<std::uint32_t>& item,
         const In<std::uint8_t>& satisfied, std::size_t items, const std::optional<In<double>>& weight,
         const std::optional<In<std::uint32_t>>& period, const std::optional<In<double>>& score, std::size_t periods,
         const std::string& by, double confidence, unsigned threads) {
        require_1d(unit, "unit");
        require_1d(item, "item");
        require_1d(satisfied, "satisfied");
        require_1d(weight, "weight");
        require_1d(period, "period");
        require_1d(score, "score");
        AnswerColumns data;
        data.unit = view(unit);
        data.item = view(item);
        data.satisfied = view(satisfied);
        data.weight = view(weight);
        data.period = view(period);
        data.score = view(score);
        data.items = items;
        data.periods = periods;
        const Rollup engine(std::shared_ptr<const UnitTree>(std::move(tree)), make_options(by, confidence, threads));
        py::gil_scoped_release release;
        return engine.run(data);
      },
      py::arg("tree"), py::arg("unit"), py::arg("item"), py::arg("satisfied"), py::kw_only(), py::arg("items"),
      py::arg("weight") = py::none(), py::arg("period") = py::none(), py::arg("score") = py::none(),
      py::arg("periods") = 1, py::arg("by") = "respondents", py::arg("confidence") = 0.95, py::arg("threads") = 1,
      "Roll-up of answers in the long layout (one row per answer): unit (uint32 unit index), item "
      "(uint32 < items), satisfied (0/1), optional weight, period (< periods) and score.");
  m.def(
      "rollup_wide",
      [](std::shared_ptr<UnitTree> tree, const In<std::uint32_t>& unit, const In<std::int8_t>& satisfied,
         const std::optional<In<double>>& weight, const std::optional<In<std::uint32_t>>& period,
         const std::optional<In<double>>& score, std::size_t periods, const std::string& by, double confidence,
         unsigned threads) {
        require_1d(unit, "unit");
        require_1d(weight, "weight");
        require_1d(period, "period");
        require(satisfied.ndim() == 2 && static_cast<std::size_t>(satisfied.shape(0)) == static_cast<std::size_t>(unit.size()),
                "rollup.shape", "satisfied must be a (responses, items) matrix", Location::of("arrays", "satisfied"));
        if (score) {
          require(score->ndim() == 2 && score->shape(0) == satisfied.shape(0) && score->shape(1) == satisfied.shape(1),
                  "rollup.shape", "score must have the shape of satisfied", Location::of("arrays", "score"));
        }
        ResponseMatrix data;
        data.unit = view(unit);
        data.satisfied = view(satisfied);
        data.items = static_cast<std::size_t>(satisfied.shape(1));
        data.weight = view(weight);
        data.period = view(period);
        data.score = view(score);
        data.periods = periods;
        const Rollup engine(std::shared_ptr<const UnitTree>(std::move(tree)), make_options(by, confidence, threads));
        py::gil_scoped_release release;
        return engine.run(data);
      },
      py::arg("tree"), py::arg("unit"), py::arg("satisfied"), py::kw_only(), py::arg("weight") = py::none(),
      py::arg("period") = py::none(), py::arg("score") = py::none(), py::arg("periods") = 1,
      py::arg("by") = "respondents", py::arg("confidence") = 0.95, py::arg("threads") = 1,
      "Roll-up of responses in the wide layout: satisfied is an int8 (responses, items) matrix with "
      "1 satisfied, 0 not, negative = not answered.");
}

// Parallel estimate arrays from Python.
struct RowsIn {
  std::optional<In<std::uint64_t>> group;
  In<std::uint64_t> n;
  In<double> rate, low, high;
  EstimateRows rows() const { return {view(group), view(n), view(rate), view(low), view(high)}; }
};

void bind_rows(py::module_& m) {
  m.def(
      "rollup_rank_rows",
      [](std::optional<In<std::uint64_t>> group, In<std::uint64_t> n, In<double> rate, In<double> low, In<double> high,
         const std::string& by, std::uint64_t min_sample, bool descending) {
        const RowsIn in{std::move(group), std::move(n), std::move(rate), std::move(low), std::move(high)};
        const RankBasis basis = parse_rank_basis(by);
        std::vector<std::uint32_t> ranks;
        {
          py::gil_scoped_release release;
          ranks = scoring::rank_rows(in.rows(), basis, min_sample, descending);
        }
        return to_array(ranks);
      },
      py::arg("group"), py::arg("n"), py::arg("rate"), py::arg("low"), py::arg("high"), py::kw_only(),
      py::arg("by") = "rate", py::arg("min_sample") = 1, py::arg("descending") = true,
      "Competition ranks (1 = best, ties share) within groups; 0 = unranked (n < min_sample or NaN).");
  m.def(
      "rollup_list_rows",
      [](std::optional<In<std::uint64_t>> group, In<std::uint64_t> n, In<double> rate, In<double> low, In<double> high,
         std::optional<std::size_t> red, std::optional<std::size_t> black, std::optional<double> red_at_least,
         std::optional<double> black_below, bool use_bounds, std::uint64_t min_sample) {
        const bool counts = red || black;
        const bool thresholds = red_at_least || black_below;
        require(counts != thresholds, "lists.rule", "give either counts (red, black) or thresholds "
                "(red_at_least, black_below), not both or neither", Location::of("list rule"));
        const ListRule rule = counts ? ListRule::counts(red.value_or(0), black.value_or(0), use_bounds, min_sample)
                                     : ListRule::thresholds(red_at_least, black_below, use_bounds, min_sample);
        const RowsIn in{std::move(group), std::move(n), std::move(rate), std::move(low), std::move(high)};
        std::vector<ListMark> marks;
        {
          py::gil_scoped_release release;
          marks = scoring::list_rows(in.rows(), rule);
        }
        py::array_t<std::int8_t> out(static_cast<py::ssize_t>(marks.size()));
        for (std::size_t i = 0; i < marks.size(); ++i) out.mutable_at(static_cast<py::ssize_t>(i)) = static_cast<std::int8_t>(marks[i]);
        return out;
      },
      py::arg("group"), py::arg("n"), py::arg("rate"), py::arg("low"), py::arg("high"), py::kw_only(),
      py::arg("red") = py::none(), py::arg("black") = py::none(), py::arg("red_at_least") = py::none(),
      py::arg("black_below") = py::none(), py::arg("use_bounds") = false, py::arg("min_sample") = 1,
      "Red/black list marks per row (1 red, -1 black, 0 neither), drawn within groups.");

  py::class_<AccountabilityRule>(m, "AccountabilityRule",
                                 "Flag a cell when its rate (or the upper bound of its interval) is below the threshold.")
      .def(py::init([](double threshold, const std::string& basis, std::uint64_t min_sample) {
             return AccountabilityRule(threshold, parse_accountability_basis(basis), min_sample);
           }),
           py::arg("threshold"), py::arg("basis") = "estimate", py::arg("min_sample") = 1)
      .def_readonly("threshold", &AccountabilityRule::threshold)
      .def_property_readonly("basis",
                             [](const AccountabilityRule& r) {
                               return std::string(r.basis == AccountabilityBasis::UpperBound ? "upper_bound" : "estimate");
                             })
      .def_readonly("min_sample", &AccountabilityRule::min_sample)
      .def("describe", &AccountabilityRule::describe)
      .def("__repr__", [](const AccountabilityRule& r) { return "<AccountabilityRule " + r.describe() + ">"; })
      .def(
          "judge_rows",
          [](const AccountabilityRule& rule, In<std::uint64_t> n, In<double> rate, In<double> high) {
            std::vector<scoring::Verdict> verdicts;
            {
              py::gil_scoped_release release;
              verdicts = scoring::judge_rows(view(n), view(rate), view(high), rule);
            }
            py::array_t<std::int8_t> out(static_cast<py::ssize_t>(verdicts.size()));
            for (std::size_t i = 0; i < verdicts.size(); ++i) out.mutable_at(static_cast<py::ssize_t>(i)) = static_cast<std::int8_t>(verdicts[i]);
            return out;
          },
          py::arg("n"), py::arg("rate"), py::arg("high"),
          "Verdict per row: 1 flagged, 0 clear, -1 insufficient sample.");

  m.def(
      "rollup_compare_proportions",
      [](In<double> p1, In<double> n1, In<double> p2, In<double> n2, double confidence, bool newcombe) {
        const auto count = static_cast<std::size_t>(p1.size());
        require(static_cast<std::size_t>(n1.size()) == count && static_cast<std::size_t>(p2.size()) == count &&
                    static_cast<std::size_t>(n2.size()) == count,
                "trend.size_mismatch", "arrays differ in length", Location::of("trend"));
        const double z_crit = scoring::normal_critical(confidence);
        py::array_t<double> diff(static_cast<py::ssize_t>(count)), z(static_cast<py::ssize_t>(count)),
            p(static_cast<py::ssize_t>(count)), low(static_cast<py::ssize_t>(count)), high(static_cast<py::ssize_t>(count));
        double *d = diff.mutable_data(), *zz = z.mutable_data(), *pp = p.mutable_data(), *lo = low.mutable_data(),
               *hi = high.mutable_data();
        const double *a = p1.data(), *na = n1.data(), *b = p2.data(), *nb = n2.data();
        {
          py::gil_scoped_release release;
          for (std::size_t i = 0; i < count; ++i) {
            const auto c = scoring::compare_proportions_at(a[i], na[i], b[i], nb[i], z_crit, newcombe);
            d[i] = c.difference;
            zz[i] = c.z;
            pp[i] = c.p_value;
            lo[i] = c.interval ? c.interval->low : std::numeric_limits<double>::quiet_NaN();
            hi[i] = c.interval ? c.interval->high : std::numeric_limits<double>::quiet_NaN();
          }
        }
        py::dict out;
        out["difference"] = diff;
        out["z"] = z;
        out["p_value"] = p;
        out["low"] = low;
        out["high"] = high;
        return out;
      },
      py::arg("p1"), py::arg("n1"), py::arg("p2"), py::arg("n2"), py::kw_only(), py::arg("confidence") = 0.95,
      py::arg("newcombe") = true,
      "Change p2 - p1 per row: pooled two-proportion z test (two-sided p-value) and Newcombe's hybrid "
      "score interval (NaN without newcombe). Sizes are (effective) sample sizes.");
}

// The C++ analyses on a RollupResult, as dicts of columns (the facade builds frames).
void bind_survey_answers(py::module_& m) {
  m.def(
      "survey_answers",
      [](const Registry& registry, const std::shared_ptr<UnitTree>& tree, const scoring::ResponseScale& scale,
         const std::string& unit, const std::string& dont_know, std::vector<std::string> items) {
        require(tree != nullptr, "rollup.no_tree", "survey_answers needs a unit tree");
        scoring::SurveyAnswerOptions options;
        options.unit = from_name<scoring::AnswerUnit>(unit, "answer unit");
        options.dont_know = from_name<scoring::DontKnowPolicy>(dont_know, "don't-know policy");
        options.items = std::move(items);
        scoring::SurveyAnswers a;
        {
          py::gil_scoped_release release;
          a = scoring::survey_answers(registry, *tree, scale, options);
        }
        std::vector<std::uint32_t> response(a.response.size());
        std::transform(a.response.begin(), a.response.end(), response.begin(), [](SurveyResponseId id) { return id.value(); });
        py::dict out;
        out["response"] = to_array(response);
        out["unit"] = to_array(a.unit);
        out["item"] = to_array(a.item);
        out["satisfied"] = to_array(a.satisfied);
        out["weight"] = to_array(a.weight);
        out["period"] = to_array(a.period);
        out["score"] = a.score.empty() ? py::object(py::none()) : py::object(to_array(a.score));
        out["item_names"] = a.item_names;
        out["periods"] = a.periods;
        out["dont_know"] = a.dont_know;
        out["missing"] = a.missing;
        return out;
      },
      py::arg("registry"), py::arg("tree"), py::arg("scale"), py::arg("unit") = "respondent",
      py::arg("dont_know") = "exclude", py::arg("items") = std::vector<std::string>{},
      "A registry's survey responses as roll-up answers (dict of numpy columns response, unit, item, "
      "satisfied, weight, period, score, and item_names, periods, dont_know, missing). The GIL is "
      "released. Use massline.scoring.survey_answers instead.");
}

void bind_analyses(py::module_& m) {
  m.def(
      "rollup_assess",
      [](const RollupResult& result, const AccountabilityRule& rule, std::optional<int> level,
         std::optional<std::size_t> item, std::optional<std::size_t> period) {
        scoring::AccountabilityScope scope;
        scope.level = level;
        scope.item = item;
        scope.period = period;
        scoring::AccountabilityReport report{rule, 0.0, {}, 0, 0};
        {
          py::gil_scoped_release release;
          report = scoring::assess(result, rule, scope);
        }
        std::vector<std::int64_t> unit, lvl, it, per;
        std::vector<std::uint64_t> n;
        std::vector<double> n_eff, est, low, high;
        for (const auto& f : report.flags) {
          unit.push_back(f.unit);
          lvl.push_back(f.level);
          it.push_back(static_cast<std::int64_t>(f.item));
          per.push_back(static_cast<std::int64_t>(f.period));
          n.push_back(f.n);
          n_eff.push_back(f.n_eff);
          est.push_back(f.estimate);
          low.push_back(f.low);
          high.push_back(f.high);
        }
        py::dict flags;
        flags["level"] = to_array(lvl);
        flags["unit"] = to_array(unit);
        flags["item"] = to_array(it);
        flags["period"] = to_array(per);
        flags["n"] = to_array(n);
        flags["n_eff"] = to_array(n_eff);
        flags["rate"] = to_array(est);
        flags["low"] = to_array(low);
        flags["high"] = to_array(high);
        py::dict out;
        out["flags"] = flags;
        out["judged"] = report.judged;
        out["insufficient"] = report.insufficient;
        out["rule"] = report.rule.describe();
        out["confidence"] = report.confidence;
        return out;
      },
      py::arg("result"), py::arg("rule"), py::kw_only(), py::arg("level") = py::none(), py::arg("item") = py::none(),
      py::arg("period") = py::none(), "Accountability flags over a RollupResult (unit/item/period are indices).");
  m.def(
      "rollup_trends",
      [](const RollupResult& result, std::optional<double> confidence, bool newcombe, std::uint64_t min_sample,
         bool bridge_gaps, std::optional<int> level, std::optional<std::size_t> item) {
        scoring::TrendOptions options;
        options.confidence = confidence;
        options.newcombe = newcombe;
        options.min_sample = min_sample;
        options.bridge_gaps = bridge_gaps;
        options.level = level;
        options.item = item;
        std::vector<scoring::TrendRow> rows;
        {
          py::gil_scoped_release release;
          rows = scoring::trends(result, options);
        }
        std::vector<std::int64_t> unit, lvl, it, from, to;
        std::vector<std::uint64_t> n_from, n_to;
        std::vector<double> rate_from, rate_to, change, z, p, low, high;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const auto& r : rows) {
          unit.push_back(r.unit);
          lvl.push_back(r.level);
          it.push_back(static_cast<std::int64_t>(r.item));
          from.push_back(static_cast<std::int64_t>(r.period_from));
          to.push_back(static_cast<std::int64_t>(r.period_to));
          n_from.push_back(r.n_from);
          n_to.push_back(r.n_to);
          rate_from.push_back(r.change.from);
          rate_to.push_back(r.change.to);
          change.push_back(r.change.difference);
          z.push_back(r.change.z);
          p.push_back(r.change.p_value);
          low.push_back(r.change.interval ? r.change.interval->low : nan);
          high.push_back(r.change.interval ? r.change.interval->high : nan);
        }
        py::dict out;
        out["level"] = to_array(lvl);
        out["unit"] = to_array(unit);
        out["item"] = to_array(it);
        out["period_from"] = to_array(from);
        out["period_to"] = to_array(to);
        out["n_from"] = to_array(n_from);
        out["n_to"] = to_array(n_to);
        out["rate_from"] = to_array(rate_from);
        out["rate_to"] = to_array(rate_to);
        out["change"] = to_array(change);
        out["z"] = to_array(z);
        out["p_value"] = to_array(p);
        out["low"] = to_array(low);
        out["high"] = to_array(high);
        return out;
      },
      py::arg("result"), py::kw_only(), py::arg("confidence") = py::none(), py::arg("newcombe") = true,
      py::arg("min_sample") = 1, py::arg("bridge_gaps") = false, py::arg("level") = py::none(),
      py::arg("item") = py::none(), "Changes between consecutive periods over a RollupResult, as columns.");
}

}  // namespace

void register_scoring_rollup(py::module_& scoring) {
  bind_tree(scoring);
  bind_result(scoring);
  bind_rollups(scoring);
  bind_rows(scoring);
  bind_analyses(scoring);
  bind_survey_answers(scoring);
}

}  // namespace massline::python
