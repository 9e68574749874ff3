// Python bindings for the roll-up part of the scoring layer: UnitTree, Rollup (long and wide
// layouts), rankings and red/black lists, the accountability rule and trends. Arrays cross as
// numpy_boundary.hpp says: inputs of the right dtype without copies, results as read-only
// views that keep the result object alive. The GIL is released around every loop over
// responses or cells. The pandas facade is python/massline/_rollup.py.
#include "interrupt.hpp"
#include "list_rule_arguments.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/scoring/accountability.hpp>
#include <massline/scoring/ranking.hpp>
#include <massline/scoring/rollup.hpp>
#include <massline/scoring/survey_answers.hpp>
#include <massline/scoring/trend.hpp>
#include <massline/model/unit_tree.hpp>

#include <pybind11/stl.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <ranges>
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

template <class T>
void require_1d(const T& a, const char* name) {
  require_ndim(a, 1, "rollup.shape", name);
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
      m, "UnitTree",
      "Compact tree of units for the roll-ups: dense indices 0..len-1, parent and level arrays, CSR "
      "children. Build with from_parents() or from_registry(); massline.scoring.UnitTree is the facade "
      "that adds unit labels.");
  cls.def_static(
         "from_parents",
         [](const Ints<std::int64_t, "parent">& parent, const std::optional<Ints<std::int64_t, "unit_level">>& unit_level,
            const std::optional<In<double>>& size) {
           require_1d(parent, "parent");
           require_1d(unit_level, "unit_level");
           require_1d(size, "size");
           return std::make_shared<UnitTree>(UnitTree::from_parents(span_of(parent), span_of(unit_level), span_of(size)));
         },
         py::arg("parent"), py::arg("unit_level") = py::none(), py::arg("size") = py::none(),
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
            return to_array<std::int64_t>(
                t.parents(), [](UnitIndex p) { return p == massline::kNoUnit ? -1 : static_cast<std::int64_t>(p); });
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
          [](const UnitTree& t, int unit_level) { return to_array(t.units_at_level(unit_level)); },
          py::arg("unit_level"), "Units on tree level `unit_level`, in index order.")
      .def("subtree_sizes", [](const UnitTree& t) { return to_array(t.subtree_sizes()); },
           "Size of every unit's subtree.")
      .def_property_readonly("level_values", &UnitTree::level_values, "Levels that have units.")
      .def_property_readonly("has_org_ids", &UnitTree::has_org_ids, "Built from a Registry.")
      .def_property_readonly(
          "org_ids",
          [](const UnitTree& t) {
            return to_array<std::int64_t>(std::views::iota(std::size_t{0}, t.size()),
                                          [&t](std::size_t u) { return t.org_id(static_cast<UnitIndex>(u)).value(); });
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
      [](std::shared_ptr<UnitTree> tree, const Ints<std::uint32_t, "unit">& unit, const Ints<std::uint32_t, "item">& item,
         const Ints<std::uint8_t, "satisfied">& satisfied, std::size_t items, const std::optional<In<double>>& weight,
         const std::optional<Ints<std::uint32_t, "period">>& period, const std::optional<In<double>>& score, std::size_t periods,
         const std::string& by, double confidence, unsigned threads) {
        require_1d(unit, "unit");
        require_1d(item, "item");
        require_1d(satisfied, "satisfied");
        require_1d(weight, "weight");
        require_1d(period, "period");
        require_1d(score, "score");
        AnswerColumns data;
        data.unit = span_of(unit);
        data.item = span_of(item);
        data.satisfied = span_of(satisfied);
        data.weight = span_of(weight);
        data.period = span_of(period);
        data.score = span_of(score);
        data.items = items;
        data.periods = periods;
        const Rollup engine(std::shared_ptr<const UnitTree>(std::move(tree)), make_options(by, confidence, threads));
        return interruptible(Gil::release, [&] { return engine.run(data); });  // tree immutable, arrays held
      },
      py::arg("tree"), py::arg("unit"), py::arg("item"), py::arg("satisfied"), py::kw_only(), py::arg("items"),
      py::arg("weight") = py::none(), py::arg("period") = py::none(), py::arg("score") = py::none(),
      py::arg("periods") = 1, py::arg("by") = "respondents", py::arg("confidence") = 0.95, py::arg("threads") = 1,
      "Roll-up of answers in the long layout (one row per answer): unit (uint32 unit index), item "
      "(uint32 < items), satisfied (0/1), optional weight, period (< periods) and score.");
  m.def(
      "rollup_wide",
      [](std::shared_ptr<UnitTree> tree, const Ints<std::uint32_t, "unit">& unit, const Ints<std::int8_t, "satisfied">& satisfied,
         const std::optional<In<double>>& weight, const std::optional<Ints<std::uint32_t, "period">>& period,
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
        data.unit = span_of(unit);
        data.satisfied = span_of(satisfied);
        data.items = static_cast<std::size_t>(satisfied.shape(1));
        data.weight = span_of(weight);
        data.period = span_of(period);
        data.score = span_of(score);
        data.periods = periods;
        const Rollup engine(std::shared_ptr<const UnitTree>(std::move(tree)), make_options(by, confidence, threads));
        return interruptible(Gil::release, [&] { return engine.run(data); });  // tree immutable, arrays held
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
  EstimateRows rows() const { return {span_of(group), span_of(n), span_of(rate), span_of(low), span_of(high)}; }
};

void bind_rows(py::module_& m) {
  m.def(
      "rollup_rank_rows",
      [](std::optional<Ints<std::uint64_t, "group">> group, Ints<std::uint64_t, "n"> n, In<double> rate, In<double> low, In<double> high,
         const std::string& by, std::uint64_t min_sample, StrictBool descending) {
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
      [](std::optional<Ints<std::uint64_t, "group">> group, Ints<std::uint64_t, "n"> n, In<double> rate, In<double> low, In<double> high,
         std::optional<std::size_t> red, std::optional<std::size_t> black, std::optional<double> red_at_least,
         std::optional<double> black_below, StrictBool use_bounds, std::uint64_t min_sample) {
        const ListRule rule = list_rule_from(red, black, red_at_least, black_below, use_bounds, min_sample);
        const RowsIn in{std::move(group), std::move(n), std::move(rate), std::move(low), std::move(high)};
        std::vector<ListMark> marks;
        {
          py::gil_scoped_release release;
          marks = scoring::list_rows(in.rows(), rule);
        }
        return to_array<std::int8_t>(marks, std::identity{});
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
          [](const AccountabilityRule& rule, Ints<std::uint64_t, "n"> n, In<double> rate, In<double> high) {
            std::vector<scoring::Verdict> verdicts;
            {
              py::gil_scoped_release release;
              verdicts = scoring::judge_rows(span_of(n), span_of(rate), span_of(high), rule);
            }
            return to_array<std::int8_t>(verdicts, std::identity{});
          },
          py::arg("n"), py::arg("rate"), py::arg("high"),
          "Verdict per row: 1 flagged, 0 clear, -1 insufficient sample.");

  m.def(
      "rollup_compare_proportions",
      [](In<double> p1, In<double> n1, In<double> p2, In<double> n2, double confidence, StrictBool newcombe) {
        const auto count = static_cast<std::size_t>(p1.size());
        require(static_cast<std::size_t>(n1.size()) == count && static_cast<std::size_t>(p2.size()) == count &&
                    static_cast<std::size_t>(n2.size()) == count,
                "trend.size_mismatch", "arrays differ in length", Location::of("trend"));
        const double z_crit = scoring::normal_critical(confidence);
        auto diff = new_array<double>(count), z = new_array<double>(count), p = new_array<double>(count),
             low = new_array<double>(count), high = new_array<double>(count);
        const auto d = elements(diff), zz = elements(z), pp = elements(p), lo = elements(low), hi = elements(high);
        const auto a = span_of(p1), na = span_of(n1), b = span_of(p2), nb = span_of(n2);
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
        // The GIL stays held: it keeps other threads from changing the registry meanwhile.
        const scoring::SurveyAnswers a = scoring::survey_answers(registry, *tree, scale, options);
        py::dict out;
        out["response"] = to_array<std::uint32_t>(a.response, [](SurveyResponseId id) { return id.value(); });
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
      "held (the registry is read). Use massline.scoring.survey_answers instead.");
}

void bind_analyses(py::module_& m) {
  m.def(
      "rollup_assess",
      [](const RollupResult& result, const AccountabilityRule& rule, std::optional<int> unit_level,
         std::optional<std::size_t> item, std::optional<std::size_t> period) {
        scoring::AccountabilityScope scope;
        scope.level = unit_level;
        scope.item = item;
        scope.period = period;
        scoring::AccountabilityReport report{rule, 0.0, {}, 0, 0};
        {
          py::gil_scoped_release release;
          report = scoring::assess(result, rule, scope);
        }
        const auto& f = report.flags;
        using Flag = scoring::AccountabilityFlag;
        py::dict flags;
        flags["level"] = to_array<std::int64_t>(f, [](const Flag& x) { return x.level; });
        flags["unit"] = to_array<std::int64_t>(f, [](const Flag& x) { return x.unit; });
        flags["item"] = to_array<std::int64_t>(f, [](const Flag& x) { return x.item; });
        flags["period"] = to_array<std::int64_t>(f, [](const Flag& x) { return x.period; });
        flags["n"] = to_array<std::uint64_t>(f, [](const Flag& x) { return x.n; });
        flags["n_eff"] = to_array<double>(f, [](const Flag& x) { return x.n_eff; });
        flags["rate"] = to_array<double>(f, [](const Flag& x) { return x.estimate; });
        flags["low"] = to_array<double>(f, [](const Flag& x) { return x.low; });
        flags["high"] = to_array<double>(f, [](const Flag& x) { return x.high; });
        py::dict out;
        out["flags"] = flags;
        out["judged"] = report.judged;
        out["insufficient"] = report.insufficient;
        out["rule"] = report.rule.describe();
        out["confidence"] = report.confidence;
        return out;
      },
      py::arg("result"), py::arg("rule"), py::kw_only(), py::arg("unit_level") = py::none(), py::arg("item") = py::none(),
      py::arg("period") = py::none(), "Accountability flags over a RollupResult (unit/item/period are indices).");
  m.def(
      "rollup_trends",
      [](const RollupResult& result, std::optional<double> confidence, StrictBool newcombe, std::uint64_t min_sample,
         StrictBool bridge_gaps, std::optional<int> unit_level, std::optional<std::size_t> item) {
        scoring::TrendOptions options;
        options.confidence = confidence;
        options.newcombe = newcombe;
        options.min_sample = min_sample;
        options.bridge_gaps = bridge_gaps;
        options.level = unit_level;
        options.item = item;
        std::vector<scoring::TrendRow> rows;
        {
          py::gil_scoped_release release;
          rows = scoring::trends(result, options);
        }
        using Row = scoring::TrendRow;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        py::dict out;
        out["level"] = to_array<std::int64_t>(rows, [](const Row& r) { return r.level; });
        out["unit"] = to_array<std::int64_t>(rows, [](const Row& r) { return r.unit; });
        out["item"] = to_array<std::int64_t>(rows, [](const Row& r) { return r.item; });
        out["period_from"] = to_array<std::int64_t>(rows, [](const Row& r) { return r.period_from; });
        out["period_to"] = to_array<std::int64_t>(rows, [](const Row& r) { return r.period_to; });
        out["n_from"] = to_array<std::uint64_t>(rows, [](const Row& r) { return r.n_from; });
        out["n_to"] = to_array<std::uint64_t>(rows, [](const Row& r) { return r.n_to; });
        out["rate_from"] = to_array<double>(rows, [](const Row& r) { return r.change.from; });
        out["rate_to"] = to_array<double>(rows, [](const Row& r) { return r.change.to; });
        out["change"] = to_array<double>(rows, [](const Row& r) { return r.change.difference; });
        out["z"] = to_array<double>(rows, [](const Row& r) { return r.change.z; });
        out["p_value"] = to_array<double>(rows, [](const Row& r) { return r.change.p_value; });
        out["low"] = to_array<double>(rows, [nan](const Row& r) { return r.change.interval ? r.change.interval->low : nan; });
        out["high"] = to_array<double>(rows, [nan](const Row& r) { return r.change.interval ? r.change.interval->high : nan; });
        return out;
      },
      py::arg("result"), py::kw_only(), py::arg("confidence") = py::none(), py::arg("newcombe") = true,
      py::arg("min_sample") = 1, py::arg("bridge_gaps") = false, py::arg("unit_level") = py::none(),
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
