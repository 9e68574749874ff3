// Whatever the IndicatorSystem API accepts is saved and loaded back equal; whatever the
// indicator-system file reader refuses for its value, the API refuses when it is set, with the
// same code (issue 14, item 11).
#include <massline/io/indicator_system_file.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace ms = massline::scoring;
using ms::IndicatorLeaf;
using ms::IndicatorSource;
using ms::IndicatorSystem;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- equality of two systems, field by field (IndicatorSystem has no operator==) ----------

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool same_ahp(const ms::AhpWeights& a, const ms::AhpWeights& b) {
  return a.pairwise.rows() == b.pairwise.rows() && a.pairwise.cols() == b.pairwise.cols() && a.pairwise == b.pairwise &&
         a.options.random_index.name() == b.options.random_index.name() &&
         a.options.random_index.values() == b.options.random_index.values() && a.options.method == b.options.method &&
         a.options.tolerance == b.options.tolerance && a.options.max_iterations == b.options.max_iterations &&
         a.options.reciprocity_tolerance == b.options.reciprocity_tolerance;
}

bool same_weighting(const ms::Weighting& a, const ms::Weighting& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& x) {
        using W = std::decay_t<decltype(x)>;
        const auto& y = std::get<W>(b);
        if constexpr (std::is_same_v<W, ms::EqualWeights>) {
          return true;
        } else if constexpr (std::is_same_v<W, ms::FixedWeights>) {
          return x.weights == y.weights;
        } else if constexpr (std::is_same_v<W, ms::AhpWeights>) {
          return same_ahp(x, y);
        } else if constexpr (std::is_same_v<W, ms::EntropyWeights>) {
          return x.normalization == y.normalization;
        } else {
          if (x.subjective.index() != y.subjective.index()) return false;
          const bool subjective = std::holds_alternative<ms::FixedWeights>(x.subjective)
                                      ? std::get<ms::FixedWeights>(x.subjective).weights ==
                                            std::get<ms::FixedWeights>(y.subjective).weights
                                      : same_ahp(std::get<ms::AhpWeights>(x.subjective), std::get<ms::AhpWeights>(y.subjective));
          return subjective && x.objective.normalization == y.objective.normalization && x.combination == y.combination &&
                 x.alpha == y.alpha;
        }
      },
      a);
}

::testing::AssertionResult same_system(const IndicatorSystem& a, const IndicatorSystem& b) {
  if (a.size() != b.size()) return ::testing::AssertionFailure() << a.size() << " vs " << b.size() << " nodes";
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto differs = [&](const char* what) { return ::testing::AssertionFailure() << "node " << i << " differs in " << what; };
    if (a.name(i) != b.name(i)) return differs("name");
    if (a.parent(i) != b.parent(i)) return differs("parent");
    if (a.children(i) != b.children(i)) return differs("children");
    if (a.is_leaf(i) != b.is_leaf(i)) return differs("kind");
    if (a.is_leaf(i)) {
      const auto& x = a.leaf(i);
      const auto& y = b.leaf(i);
      if (x.source != y.source || x.direction != y.direction || x.normalization != y.normalization || x.key != y.key ||
          !same_number(x.lower, y.lower) || !same_number(x.upper, y.upper) || x.tie_score != y.tie_score)
        return differs("leaf");
    } else if (!same_weighting(a.weighting(i), b.weighting(i))) {
      return differs("weighting");
    }
  }
  return ::testing::AssertionSuccess();
}

// ---- random API calls, good and bad ----------------------------------------------------------

class Builder {
 public:
  explicit Builder(unsigned seed) : rng_(seed) {}

  double pick(std::initializer_list<double> values) {
    std::uniform_int_distribution<std::size_t> d(0, values.size() - 1);
    return *(values.begin() + static_cast<std::ptrdiff_t>(d(rng_)));
  }
  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool coin() { return below(2) == 0; }

  /// A number, sometimes one no model can hold.
  double any() { return pick({0.0, 1.0, 2.5, -1.0, 1e-300, 1.0 / 3.0, 1e300, kInf, -kInf, kNaN, 100.0, 150.0}); }

  std::string name() {
    static const std::vector<std::string> names = {"a", "b", "服务", "c d", "", "\xff", "bad\xc3", "e/f~g", "\"q\""};
    return names[below(names.size())] + std::to_string(below(1000));
  }

  IndicatorLeaf leaf() {
    IndicatorLeaf l;
    l.source = coin() ? IndicatorSource::SurveyItem : IndicatorSource::ObjectiveMetric;
    l.direction = coin() ? ms::Direction::Benefit : ms::Direction::Cost;
    l.normalization = static_cast<ms::LeafNormalization>(below(3));
    if (l.normalization == ms::LeafNormalization::Bounds || below(8) == 0) {
      l.lower = any();
      l.upper = coin() ? l.lower + pick({1.0, 0.5, -1.0, kInf}) : any();
    }
    if (l.normalization == ms::LeafNormalization::MinMax ? coin() : below(8) == 0) l.tie_score = any();
    if (coin()) l.key = coin() ? "Q2_6" : (coin() ? "键" : "k\xfe");
    return l;
  }

  Eigen::MatrixXd matrix(std::size_t n) {
    std::vector<double> upper;
    for (std::size_t k = 0; k < n * (n - 1) / 2; ++k) upper.push_back(pick({1.0, 2.0, 3.0, 1.0 / 3.0, 9.0, 0.2}));
    Eigen::MatrixXd m = ms::pairwise_from_upper(n, upper);
    if (below(4) == 0 && n > 1) m(0, 1) = any();  // often not reciprocal any more
    if (below(10) == 0) m(0, 0) = any();
    return m;
  }

  ms::AhpWeights ahp(std::size_t n) {
    ms::AhpWeights w{matrix(n), {}};
    if (below(4) == 0) w.options.tolerance = any();
    if (below(4) == 0) w.options.reciprocity_tolerance = pick({1e-6, 0.0, -1.0, kNaN, 1e-9});
    if (below(6) == 0) w.options.max_iterations = below(3);
    if (below(4) == 0) w.options.method = ms::AhpMethod::GeometricMean;
    if (below(4) == 0) w.options.random_index = ms::RandomIndexTable::named("alonso_lamata2006");
    if (below(6) == 0) w.options.random_index = ms::RandomIndexTable::custom(coin() ? "mine" : "m\x80", {0, 0, 0.5, 0.9});
    return w;
  }
  ms::FixedWeights fixed(std::size_t n) {
    ms::FixedWeights w;
    for (std::size_t k = 0; k < n; ++k) w.weights.push_back(below(5) == 0 ? any() : pick({0.0, 1.0, 0.25, 3.0}));
    return w;
  }

  ms::Weighting weighting(std::size_t n) {
    switch (below(5)) {
      case 0: return ms::EqualWeights{};
      case 1: return fixed(n);
      case 2: return ahp(n);
      case 3: return ms::EntropyWeights{coin() ? ms::EntropyNormalization::Proportion : ms::EntropyNormalization::MinMax};
      default: {
        ms::CombinedWeights w;
        if (coin()) {
          w.subjective = fixed(n);
        } else {
          w.subjective = ahp(n);
        }
        w.combination = coin() ? ms::WeightCombination::Linear : ms::WeightCombination::Multiplicative;
        if (w.combination == ms::WeightCombination::Linear || below(6) == 0) w.alpha = pick({0.0, 0.4, 1.0, 2.0, -0.1, kNaN});
        return w;
      }
    }
  }

 private:
  std::mt19937 rng_;
};

/// Runs @p f; the massline error code it throws, or "" when it returns.
std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const massline::Error& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST(IndicatorSystemRoundTrip, WhateverTheApiAcceptsLoadsBackEqual) {
  std::size_t accepted = 0, refused = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Builder b(seed);
    IndicatorSystem s("root");
    std::vector<IndicatorSystem::Node> groups = {s.root()};
    for (int step = 0; step < 30; ++step) {
      const auto parent = groups[b.below(groups.size())];
      const std::string code = code_of([&] {
        switch (b.below(3)) {
          case 0: groups.push_back(s.add_group(parent, b.name())); break;
          case 1: (void)s.add_leaf(parent, b.name(), b.leaf()); break;
          default: s.set_weighting(parent, b.weighting(std::max<std::size_t>(1, s.children(parent).size()))); break;
        }
      });
      (code.empty() ? accepted : refused) += 1;
      // Every intermediate state, half-built or not, saves and loads back (as pickling does).
      std::string text;
      ASSERT_NO_THROW(text = massline::io::indicator_system_to_json(s)) << "after step " << step;
      IndicatorSystem back("x");
      ASSERT_NO_THROW(back = massline::io::indicator_system_from_json(text, "<test>", massline::io::StructureCheck::Skip))
          << text;
      ASSERT_TRUE(same_system(s, back)) << text;
      EXPECT_EQ(massline::io::indicator_system_to_json(back), text);
    }
    // A complete system also passes the loader's structure check iff it passes check().
    const std::string text = massline::io::indicator_system_to_json(s);
    const bool ok = code_of([&] { s.check(); }).empty();
    EXPECT_EQ(ok, code_of([&] { (void)massline::io::indicator_system_from_json(text); }).empty()) << text;
  }
  // The generator exercises both sides.
  EXPECT_GT(accepted, 2000u);
  EXPECT_GT(refused, 1000u);
}

namespace {

struct Refusal {
  const char* label;
  std::function<void(IndicatorSystem&)> set;  // on root "r" with leaves "a", "b"
  std::string weighting_json;                 // the same value in a file ("" = a leaf, see leaf_json)
  std::string leaf_json;
  const char* code;
};

}  // namespace

TEST(IndicatorSystemRoundTrip, WhatTheLoaderRefusesTheApiRefusesWithTheSameCode) {
  auto ahp = [](Eigen::MatrixXd m, ms::AhpOptions o = {}) { return ms::AhpWeights{std::move(m), std::move(o)}; };
  Eigen::MatrixXd loose(2, 2);
  loose << 1, 3, 0.333, 1;
  Eigen::MatrixXd diagonal(2, 2);
  diagonal << 2, 3, 1.0 / 3.0, 1;
  Eigen::MatrixXd negative(2, 2);
  negative << 1, -2, -0.5, 1;
  const Eigen::MatrixXd good = ms::pairwise_from_upper(2, {2});
  ms::AhpOptions zero_tolerance;
  zero_tolerance.tolerance = 0;
  ms::AhpOptions zero_cap;
  zero_cap.max_iterations = 0;
  ms::AhpOptions negative_reciprocity;
  negative_reciprocity.reciprocity_tolerance = -1;
  const std::vector<Refusal> cases = {
      {"not reciprocal", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(loose)); },
       R"({"kind": "ahp", "pairwise": [[1, 3], [0.333, 1]]})", "", "ahp.not_reciprocal"},
      {"diagonal", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(diagonal)); },
       R"({"kind": "ahp", "pairwise": [[2, 3], ["1/3", 1]]})", "", "ahp.diagonal"},
      {"negative judgement", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(negative)); },
       R"({"kind": "ahp", "pairwise": [[1, -2], [-0.5, 1]]})", "", "ahp.not_positive"},
      {"zero tolerance", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(good, zero_tolerance)); },
       R"({"kind": "ahp", "pairwise": [[1, 2], ["1/2", 1]], "tolerance": 0})", "", "ahp.options"},
      {"zero iteration cap", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(good, zero_cap)); },
       R"({"kind": "ahp", "pairwise": [[1, 2], ["1/2", 1]], "max_iterations": 0})", "", "ahp.options"},
      {"negative reciprocity tolerance", [&](IndicatorSystem& s) { s.set_weighting(0, ahp(good, negative_reciprocity)); },
       R"({"kind": "ahp", "pairwise": [[1, 2], ["1/2", 1]], "reciprocity_tolerance": -1})", "", "ahp.options"},
      {"combined, loose matrix",
       [&](IndicatorSystem& s) { s.set_weighting(0, ms::CombinedWeights{ahp(loose), {}, ms::WeightCombination::Multiplicative, 0}); },
       R"({"kind": "combined", "subjective": {"kind": "ahp", "pairwise": [[1, 3], [0.333, 1]]}})", "", "ahp.not_reciprocal"},
      {"negative fixed weight", [](IndicatorSystem& s) { s.set_weighting(0, ms::FixedWeights{{1, -1}}); },
       R"({"kind": "fixed", "weights": [1, -1]})", "", "weights.invalid"},
      {"zero fixed weights", [](IndicatorSystem& s) { s.set_weighting(0, ms::FixedWeights{{0, 0}}); },
       R"({"kind": "fixed", "weights": [0, 0]})", "", "weights.invalid"},
      {"alpha out of range",
       [](IndicatorSystem& s) { s.set_weighting(0, ms::CombinedWeights{ms::FixedWeights{{1, 1}}, {}, ms::WeightCombination::Linear, 1.5}); },
       R"({"kind": "combined", "subjective": {"kind": "fixed", "weights": [1, 1]}, "combination": "linear", "alpha": 1.5})", "",
       "weights.alpha"},
      {"reversed bounds",
       [](IndicatorSystem& s) { (void)s.add_leaf(0, "c", IndicatorLeaf::bounded(IndicatorSource::ObjectiveMetric, 1, 0)); }, "",
       R"({"normalization": "bounds", "lower": 1, "upper": 0})", "indicator.leaf"},
      {"tie score out of range",
       [](IndicatorSystem& s) { (void)s.add_leaf(0, "c", IndicatorLeaf::relative(IndicatorSource::ObjectiveMetric, ms::Direction::Benefit, 101.0)); },
       "", R"({"normalization": "minmax", "tie_score": 101})", "indicator.leaf"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    IndicatorSystem s("r");
    (void)s.add_leaf(0, "a", IndicatorLeaf::score(IndicatorSource::SurveyItem));
    (void)s.add_leaf(0, "b", IndicatorLeaf::score(IndicatorSource::SurveyItem));
    const std::string before = massline::io::indicator_system_to_json(s);
    EXPECT_EQ(code_of([&] { c.set(s); }), c.code);
    EXPECT_EQ(massline::io::indicator_system_to_json(s), before) << "a refused call changes nothing";
    std::string nodes = R"([{"name": "r")" + (c.weighting_json.empty() ? std::string() : ", \"weighting\": " + c.weighting_json) +
                        R"(}, {"name": "a", "parent": "r", "leaf": {}}, {"name": "b", "parent": "r", "leaf": {}})";
    if (!c.leaf_json.empty()) nodes += R"(, {"name": "c", "parent": "r", "leaf": )" + c.leaf_json + "}";
    const std::string json = R"({"format": "massline.indicator_system", "version": 1, "nodes": )" + nodes + "]}";
    for (const auto check : {massline::io::StructureCheck::Check, massline::io::StructureCheck::Skip})
      EXPECT_EQ(code_of([&] { (void)massline::io::indicator_system_from_json(json, "x.json", check); }), c.code) << json;
  }
}

TEST(IndicatorSystemRoundTrip, ValuesTheFileCannotHoldAreRefusedWhenSet) {
  IndicatorSystem s("r");
  (void)s.add_leaf(0, "a", IndicatorLeaf::score(IndicatorSource::SurveyItem));
  auto where = [&](const std::function<void()>& f) -> massline::Location {
    try {
      f();
    } catch (const massline::InvalidArgument& e) {
      return e.where();
    }
    ADD_FAILURE() << "accepted";
    return {};
  };
  EXPECT_EQ(where([&] { s.set_weighting(0, ms::FixedWeights{{kInf}}); }).field, "weights/0");
  EXPECT_EQ(where([&] { s.set_weighting(0, ms::FixedWeights{{1, kNaN}}); }).field, "weights/1");
  Eigen::MatrixXd m = ms::pairwise_from_upper(2, {2});
  m(0, 1) = kInf;
  EXPECT_EQ(where([&] { s.set_weighting(0, ms::AhpWeights{m, {}}); }).field, "pairwise");
  EXPECT_EQ(where([&] { s.set_weighting(0, ms::CombinedWeights{ms::AhpWeights{m, {}}, {}, ms::WeightCombination::Linear, 0.5}); }).field,
            "subjective/pairwise");
  EXPECT_EQ(where([&] { s.set_weighting(0, ms::CombinedWeights{ms::FixedWeights{{1}}, {}, ms::WeightCombination::Linear, kNaN}); }).field,
            "alpha");
  // Alpha on a multiplicative combination is not saved, so it would not load back equal.
  EXPECT_EQ(code_of([&] { s.set_weighting(0, ms::CombinedWeights{ms::FixedWeights{{1}}, {}, ms::WeightCombination::Multiplicative, 0.5}); }),
            "weights.alpha");
  // Leaves: bounds and tie scores only where they are saved; keys and names UTF-8.
  IndicatorLeaf stray = IndicatorLeaf::score(IndicatorSource::SurveyItem);
  stray.lower = 3;
  EXPECT_EQ(code_of([&] { (void)s.add_leaf(0, "x", stray); }), "indicator.leaf");
  IndicatorLeaf tie = IndicatorLeaf::score(IndicatorSource::SurveyItem);
  tie.tie_score = 50;
  EXPECT_EQ(code_of([&] { (void)s.add_leaf(0, "x", tie); }), "indicator.leaf");
  EXPECT_EQ(code_of([&] { (void)s.add_leaf(0, "x", IndicatorLeaf::relative(IndicatorSource::SurveyItem, ms::Direction::Benefit, kNaN)); }),
            "indicator.leaf");
  EXPECT_EQ(code_of([&] { (void)s.add_leaf(0, "x", IndicatorLeaf::score(IndicatorSource::SurveyItem, "k\xff")); }), "indicator.encoding");
  EXPECT_EQ(code_of([&] { (void)s.add_leaf(0, "bad\xc3", IndicatorLeaf::score(IndicatorSource::SurveyItem)); }), "indicator.encoding");
  EXPECT_EQ(code_of([&] { (void)s.add_group(0, "\xed\xa0\x80"); }), "indicator.encoding") << "a surrogate";
  EXPECT_EQ(code_of([&] { IndicatorSystem bad("\xff"); }), "indicator.encoding");
  ms::AhpOptions odd;
  odd.random_index = ms::RandomIndexTable::custom("t\x80", {0, 0, 0.5});
  EXPECT_EQ(code_of([&] { s.set_weighting(0, ms::AhpWeights{ms::pairwise_from_upper(1, {}), odd}); }), "indicator.encoding");
  // Nothing of that changed the system.
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ms::EqualWeights>(s.weighting(0)));
}
