#include <massline/scoring/rollup.hpp>

#include <massline/scoring/effective_sample_size.hpp>
#include <massline/scoring/proportion_interval.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace massline::scoring {
namespace {

// 0 county; 1, 2 townships; 3, 4 communities under 1, 5 under 2; grids 6, 7 under 3, 8 under 4, 9 under 5.
const std::vector<std::int64_t> kParent{-1, 0, 0, 1, 1, 2, 3, 3, 4, 5};
const std::vector<std::int64_t> kLevel{1, 2, 2, 3, 3, 3, 4, 4, 4, 4};
const std::vector<double> kSize{0, 0, 0, 0, 0, 0, 10, 20, 30, 40};

std::shared_ptr<const UnitTree> county() {
  return std::make_shared<const UnitTree>(UnitTree::from_parents(kParent, kLevel, kSize));
}

template <class E, class Fn>
std::string expect_code(const std::string& code, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected " << code << " but nothing was thrown";
  } catch (const E& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  return {};
}

// Long-layout answers owned by the test (AnswerColumns only views them).
struct Answers {
  std::vector<UnitIndex> unit;
  std::vector<std::uint32_t> item, period;
  std::vector<std::uint8_t> satisfied;
  std::vector<double> weight, score;
  std::size_t items = 1, periods = 1;
  void add(UnitIndex u, std::uint32_t i, std::uint8_t s, double w = 1.0, std::uint32_t t = 0, double x = 0.0) {
    unit.push_back(u);
    item.push_back(i);
    satisfied.push_back(s);
    weight.push_back(w);
    period.push_back(t);
    score.push_back(x);
  }
  [[nodiscard]] AnswerColumns view(bool weighted, bool scored) const {
    AnswerColumns c;
    c.unit = unit;
    c.item = item;
    c.satisfied = satisfied;
    if (weighted) c.weight = weight;
    c.period = period;
    if (scored) c.score = score;
    c.items = items;
    c.periods = periods;
    return c;
  }
};

Answers random_answers(std::size_t rows, std::size_t items, std::size_t periods, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::uint32_t> grid(6, 9), any(0, 9), item(0, static_cast<std::uint32_t>(items - 1)),
      period(0, static_cast<std::uint32_t>(periods - 1));
  std::uniform_real_distribution<double> weight(0.2, 3.0), score(0.0, 100.0);
  std::bernoulli_distribution sat(0.7), at_grid(0.9);
  Answers a;
  a.items = items;
  a.periods = periods;
  for (std::size_t r = 0; r < rows; ++r) {
    a.add(at_grid(rng) ? grid(rng) : any(rng), item(rng), sat(rng) ? 1 : 0, weight(rng), period(rng), score(rng));
  }
  return a;
}

// Independent oracle: every answer is added to its unit and all of its ancestors.
struct Pooled {
  std::uint64_t n = 0, k = 0;
  double w = 0, w2 = 0, ws = 0, wx = 0;
};
std::map<std::tuple<UnitIndex, std::size_t, std::size_t>, Pooled> brute_pool(const Answers& a, bool weighted) {
  std::map<std::tuple<UnitIndex, std::size_t, std::size_t>, Pooled> out;
  for (std::size_t r = 0; r < a.unit.size(); ++r) {
    const double w = weighted ? a.weight[r] : 1.0;
    for (std::int64_t u = a.unit[r]; u >= 0; u = kParent[static_cast<std::size_t>(u)]) {
      Pooled& p = out[{static_cast<UnitIndex>(u), a.item[r], a.period[r]}];
      ++p.n;
      p.k += a.satisfied[r];
      p.w += w;
      p.w2 += w * w;
      p.ws += a.satisfied[r] * w;
      p.wx += w * a.score[r];
    }
  }
  return out;
}

TEST(Rollup, RespondentPoolingMatchesBruteForceOracle) {
  const Answers a = random_answers(5000, 3, 2, 11);
  for (const bool weighted : {false, true}) {
    const RollupResult r = Rollup(county()).run(a.view(weighted, true));
    const auto oracle = brute_pool(a, weighted);
    ASSERT_EQ(r.cells(), 10u * 3 * 2);
    const double z = normal_critical(0.95);
    EXPECT_NEAR(r.critical_value(), 1.959963984540054, 1e-12);
    for (UnitIndex u = 0; u < 10; ++u) {
      for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t t = 0; t < 2; ++t) {
          const auto e = r.estimate(u, i, t);
          const auto it = oracle.find({u, i, t});
          ASSERT_TRUE(e.has_value()) << "unit " << u << " item " << i << " period " << t;
          ASSERT_NE(it, oracle.end());
          const Pooled& p = it->second;
          SCOPED_TRACE("weighted=" + std::to_string(weighted) + " unit " + std::to_string(u) + " item " +
                       std::to_string(i) + " period " + std::to_string(t));
          EXPECT_EQ(e->n, p.n);
          EXPECT_EQ(e->satisfied, p.k);
          EXPECT_NEAR(e->weight, p.w, 1e-9 * p.w);
          EXPECT_NEAR(e->rate, p.ws / p.w, 1e-12);
          EXPECT_NEAR(e->n_eff, p.w * p.w / p.w2, 1e-9 * static_cast<double>(p.n));
          ASSERT_TRUE(e->mean_score.has_value());
          EXPECT_NEAR(*e->mean_score, p.wx / p.w, 1e-9);
          const Interval ci = proportion_interval(e->rate * e->n_eff, e->n_eff, IntervalMethod::Wilson, 0.95);
          EXPECT_NEAR(e->low, ci.low, 1e-12);
          EXPECT_NEAR(e->high, ci.high, 1e-12);
          if (!weighted) {
            EXPECT_EQ(e->rate, static_cast<double>(p.k) / static_cast<double>(p.n));  // exact: k / n
            EXPECT_EQ(e->n_eff, static_cast<double>(p.n));
          }
          EXPECT_LE(e->low, e->rate);
          EXPECT_GE(e->high, e->rate);
          (void)z;
        }
      }
    }
  }
}

TEST(Rollup, WilsonMatchesNewcombe1998AndProportionInterval) {
  // Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score, no correction).
  struct Case {
    std::uint8_t k;
    std::size_t n;
    double low, high;
  };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0, 0.1611},
                       Case{1, 29, 0.0061, 0.1718}}) {
    const auto tree = std::make_shared<const UnitTree>(UnitTree::from_parents(std::vector<std::int64_t>{-1}));
    std::vector<std::int8_t> sat(c.n, 0);
    for (std::size_t i = 0; i < c.k; ++i) sat[i] = 1;
    const std::vector<UnitIndex> unit(c.n, 0);
    ResponseMatrix m;
    m.unit = unit;
    m.satisfied = sat;
    const auto e = Rollup(tree).run(m).estimate(0, 0, 0);
    ASSERT_TRUE(e.has_value());
    EXPECT_NEAR(e->low, c.low, 5e-5) << int{c.k} << "/" << c.n;
    EXPECT_NEAR(e->high, c.high, 5e-5) << int{c.k} << "/" << c.n;
    const Interval ci = proportion_interval(c.k, static_cast<double>(c.n));
    EXPECT_NEAR(e->low, ci.low, 1e-14);
    EXPECT_NEAR(e->high, ci.high, 1e-14);
  }
}

TEST(Rollup, ParentsArePooledChildrenPlusOwnAnswers) {
  const Answers a = random_answers(3000, 2, 1, 5);
  const RollupResult r = Rollup(county()).run(a.view(true, false));
  const UnitTree& t = r.tree();
  // Own answers per cell, from the input.
  std::vector<double> own_w(r.cells(), 0.0), own_ws(r.cells(), 0.0);
  std::vector<std::uint64_t> own_n(r.cells(), 0);
  for (std::size_t i = 0; i < a.unit.size(); ++i) {
    const std::size_t c = r.cell(a.unit[i], a.item[i], 0);
    ++own_n[c];
    own_w[c] += a.weight[i];
    own_ws[c] += a.satisfied[i] * a.weight[i];
  }
  for (UnitIndex u = 0; u < t.size(); ++u) {
    for (std::size_t i = 0; i < 2; ++i) {
      const std::size_t c = r.cell(u, i, 0);
      std::uint64_t n = own_n[c];
      double w = own_w[c], ws = own_ws[c];
      for (const UnitIndex child : t.children(u)) {
        const std::size_t cc = r.cell(child, i, 0);
        n += r.n()[cc];
        w += r.weight()[cc];
        ws += r.weighted_satisfied()[cc];
      }
      EXPECT_EQ(r.n()[c], n) << "unit " << u << " item " << i;
      EXPECT_NEAR(r.weight()[c], w, 1e-9 * w) << "unit " << u << " item " << i;
      EXPECT_NEAR(r.rate()[c], ws / w, 1e-12) << "unit " << u << " item " << i;
    }
  }
}

TEST(Rollup, HouseholdWeightingWeighsUnitRatesBySize) {
  // Grids 6..9 have 10, 20, 30, 40 households; answers only at grids.
  Answers a;
  a.items = 1;
  const std::vector<std::pair<UnitIndex, std::vector<std::uint8_t>>> data{
      {6, {1, 1, 1, 0}}, {7, {1, 0}}, {8, {1, 1, 1, 1, 1, 0}}, {9, {0, 0, 1}}};
  for (const auto& [u, answers] : data) {
    for (const auto s : answers) a.add(u, 0, s, u == 8 ? 2.0 : 1.0);
  }
  RollupOptions options;
  options.by = RollupWeighting::Households;
  const auto tree = county();
  const RollupResult r = Rollup(tree, options).run(a.view(true, false));
  const auto rate = [&](UnitIndex u) { return r.estimate(u, 0, 0).value().rate; };
  EXPECT_DOUBLE_EQ(rate(6), 0.75);
  EXPECT_DOUBLE_EQ(rate(8), 5.0 / 6.0);  // equal weights within a unit cancel
  EXPECT_NEAR(rate(3), (10 * 0.75 + 20 * 0.5) / 30.0, 1e-15);
  EXPECT_NEAR(rate(2), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(rate(0), (10 * 0.75 + 20 * 0.5 + 30 * 5.0 / 6.0 + 40 / 3.0) / 100.0, 1e-15);
  const auto top = r.estimate(0, 0, 0).value();
  EXPECT_EQ(top.n, 15u);
  EXPECT_EQ(top.satisfied, 10u);
  EXPECT_DOUBLE_EQ(top.weight, 100.0);
  // Kish n_eff with final weights size/n per answer (grid 8: 30/6 each, its survey weights are equal).
  const double a2 = 4 * std::pow(10.0 / 4, 2) + 2 * std::pow(20.0 / 2, 2) + 6 * std::pow(30.0 / 6, 2) +
                    3 * std::pow(40.0 / 3, 2);
  EXPECT_NEAR(top.n_eff, 100.0 * 100.0 / a2, 1e-12);
  // A unit's own n_eff is its answer count when its weights are equal.
  EXPECT_NEAR(r.estimate(6, 0, 0)->n_eff, 4.0, 1e-12);

  // Respondent pooling of the same data differs at the top.
  const RollupResult pooled = Rollup(tree).run(a.view(false, false));
  EXPECT_DOUBLE_EQ(pooled.estimate(0, 0, 0)->rate, 10.0 / 15.0);
}

TEST(Rollup, HouseholdWeightingNeedsUnitSizes) {
  Answers a;
  a.add(3, 0, 1);  // a community (size 0) answered for directly
  RollupOptions options;
  options.by = RollupWeighting::Households;
  const auto message = expect_code<InvalidArgument>("rollup.no_unit_size", [&] { (void)Rollup(county(), options).run(a.view(false, false)); });
  EXPECT_NE(message.find("unit 3"), std::string::npos) << message;
}

TEST(Rollup, EmptyCellsAreNulloptAndNan) {
  Answers a;
  a.items = 2;
  a.periods = 2;
  a.add(6, 1, 1, 1.0, 1);
  const RollupResult r = Rollup(county()).run(a.view(false, false));
  EXPECT_FALSE(r.estimate(6, 0, 0).has_value());
  EXPECT_FALSE(r.estimate(9, 1, 1).has_value());
  EXPECT_TRUE(std::isnan(r.rate()[r.cell(9, 1, 1)]));
  EXPECT_TRUE(std::isnan(r.low()[r.cell(9, 1, 1)]));
  EXPECT_EQ(r.n()[r.cell(9, 1, 1)], 0u);
  EXPECT_FALSE(r.has_score());
  EXPECT_TRUE(r.mean_score().empty());
  const auto e = r.estimate(0, 1, 1);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->n, 1u);
  EXPECT_DOUBLE_EQ(e->rate, 1.0);
  EXPECT_DOUBLE_EQ(e->high, 1.0);
  EXPECT_FALSE(e->mean_score.has_value());
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)r.cell(10, 0, 0); });
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)r.cell(0, 2, 0); });
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)r.estimate(0, 0, 2); });
}

TEST(Rollup, WideAndLongLayoutsAgree) {
  std::mt19937_64 rng(3);
  // 19 items: two 8-item words of the SWAR counter plus a 3-item tail.
  const std::size_t rows = 3000, items = 19, periods = 3;
  std::vector<UnitIndex> unit(rows);
  std::vector<std::uint32_t> period(rows);
  std::vector<double> weight(rows), score(rows * items);
  std::vector<std::int8_t> sat(rows * items);
  Answers a;
  a.items = items;
  a.periods = periods;
  for (std::size_t r = 0; r < rows; ++r) {
    unit[r] = static_cast<UnitIndex>(rng() % 10);
    period[r] = static_cast<std::uint32_t>(rng() % periods);
    weight[r] = 0.5 + static_cast<double>(rng() % 100) / 40.0;
    for (std::size_t j = 0; j < items; ++j) {
      const auto draw = rng() % 10;
      // any negative code means "not answered"
      const std::int8_t missing = static_cast<std::int8_t>(draw == 0 ? -1 : (r % 2 == 0 ? -128 : -7));
      sat[r * items + j] = static_cast<std::int8_t>(draw < 2 ? missing : (draw < 7 ? 1 : 0));
      score[r * items + j] = draw < 2 ? std::nan("") : static_cast<double>(draw);
      if (draw >= 2) {
        a.add(unit[r], static_cast<std::uint32_t>(j), static_cast<std::uint8_t>(sat[r * items + j]), weight[r],
              period[r], score[r * items + j]);
      }
    }
  }
  ResponseMatrix m;
  m.unit = unit;
  m.satisfied = sat;
  m.weight = weight;
  m.period = period;
  m.score = score;
  m.items = items;
  m.periods = periods;
  for (const auto by : {RollupWeighting::Respondents, RollupWeighting::Households}) {
    RollupOptions options;
    options.by = by;
    options.confidence = 0.9;
    // Household weighting needs sizes at every answering unit.
    const auto tree = std::make_shared<const UnitTree>(
        UnitTree::from_parents(kParent, kLevel, std::vector<double>{1, 2, 3, 4, 5, 6, 10, 20, 30, 40}));
    const Rollup engine(tree, options);
    const RollupResult wide = engine.run(m);
    const RollupResult lng = engine.run(a.view(true, true));
    ASSERT_EQ(wide.cells(), lng.cells());
    for (std::size_t c = 0; c < wide.cells(); ++c) {
      EXPECT_EQ(wide.n()[c], lng.n()[c]) << "cell " << c;
      EXPECT_EQ(wide.satisfied()[c], lng.satisfied()[c]) << "cell " << c;
      EXPECT_NEAR(wide.rate()[c], lng.rate()[c], 1e-12) << "cell " << c;
      EXPECT_NEAR(wide.high()[c], lng.high()[c], 1e-12) << "cell " << c;
      EXPECT_NEAR(wide.mean_score()[c], lng.mean_score()[c], 1e-9) << "cell " << c;
    }
  }
}

TEST(Rollup, ResultsDoNotDependOnThreadCount) {
  const Answers a = random_answers(400'000, 4, 3, 99);
  const auto tree = county();
  RollupOptions one;
  one.threads = 1;
  const RollupResult base = Rollup(tree, one).run(a.view(true, true));
  for (const unsigned threads : {2u, 3u, 8u, 0u}) {
    RollupOptions many;
    many.threads = threads;
    const RollupResult other = Rollup(tree, many).run(a.view(true, true));
    ASSERT_EQ(other.cells(), base.cells());
    for (std::size_t c = 0; c < base.cells(); ++c) {
      // Bit-identical, not just close.
      EXPECT_EQ(other.n()[c], base.n()[c]) << "threads " << threads << " cell " << c;
      EXPECT_EQ(other.weight()[c], base.weight()[c]) << "threads " << threads << " cell " << c;
      EXPECT_EQ(other.rate()[c], base.rate()[c]) << "threads " << threads << " cell " << c;
      EXPECT_EQ(other.low()[c], base.low()[c]) << "threads " << threads << " cell " << c;
      EXPECT_EQ(other.mean_score()[c], base.mean_score()[c]) << "threads " << threads << " cell " << c;
    }
  }
}

TEST(Rollup, RejectsBadDataAndReportsTheFirstBadRow) {
  const auto tree = county();
  Answers a;
  a.items = 2;
  a.periods = 2;
  for (int i = 0; i < 6; ++i) a.add(6, 0, 1);
  const auto bad = [&](auto mutate, const std::string& code, const std::string& row, bool weighted = true) {
    Answers b = a;
    mutate(b);
    const auto message = expect_code<InvalidArgument>(code, [&] { (void)Rollup(tree).run(b.view(weighted, true)); });
    EXPECT_NE(message.find("response row " + row), std::string::npos) << message;
  };
  bad([](Answers& b) { b.unit[4] = 10; b.unit[5] = 12; }, "rollup.unit_out_of_range", "4");
  bad([](Answers& b) { b.item[3] = 2; }, "rollup.item_out_of_range", "3");
  bad([](Answers& b) { b.period[2] = 2; b.item[5] = 9; }, "rollup.period_out_of_range", "2");
  bad([](Answers& b) { b.satisfied[1] = 2; }, "rollup.satisfied", "1");
  bad([](Answers& b) { b.weight[0] = 0.0; }, "rollup.weight", "0");
  bad([](Answers& b) { b.weight[5] = std::nan(""); }, "rollup.weight", "5");
  bad([](Answers& b) { b.score[5] = INFINITY; }, "rollup.score", "5");
  // The first bad row wins, whatever its kind.
  bad([](Answers& b) { b.item[4] = 7; b.unit[5] = 99; b.satisfied[3] = 5; }, "rollup.satisfied", "3");
  // Unweighted runs ignore the (bad) weight column entirely.
  Answers b = a;
  b.weight[0] = -1.0;
  EXPECT_EQ(Rollup(tree).run(b.view(false, false)).n()[0], 6u);

  Answers c = a;
  c.item.pop_back();
  expect_code<InvalidArgument>("rollup.size_mismatch", [&] { (void)Rollup(tree).run(c.view(false, false)); });
  Answers d = a;
  d.weight.pop_back();
  expect_code<InvalidArgument>("rollup.size_mismatch", [&] { (void)Rollup(tree).run(d.view(true, false)); });
  Answers e = a;
  e.items = 0;
  expect_code<InvalidArgument>("rollup.dimensions", [&] { (void)Rollup(tree).run(e.view(false, false)); });
  Answers f = a;
  f.periods = 0;
  expect_code<InvalidArgument>("rollup.dimensions", [&] { (void)Rollup(tree).run(f.view(false, false)); });
}

TEST(Rollup, RejectsBadWideDataInTheEightItemWords) {
  const auto tree = county();
  std::vector<UnitIndex> unit{6, 7};
  for (const std::int8_t value : {std::int8_t{2}, std::int8_t{127}, std::int8_t{64}}) {
    for (const std::size_t position : {std::size_t{0}, std::size_t{5}, std::size_t{7}, std::size_t{8}, std::size_t{10}}) {
      std::vector<std::int8_t> sat(2 * 11, 1);
      sat[11 + position] = value;
      ResponseMatrix m;
      m.unit = unit;
      m.satisfied = sat;
      m.items = 11;
      const auto message = expect_code<InvalidArgument>("rollup.satisfied", [&] { (void)Rollup(tree).run(m); });
      EXPECT_NE(message.find("response row 1"), std::string::npos) << message;
      EXPECT_NE(message.find("item " + std::to_string(position) + " "), std::string::npos) << message;
    }
  }
}

TEST(Rollup, CountersSurviveManyRowsInOneBlock) {
  // 70,000 rows into one (unit, period) block: the 8-bit block counters are flushed many times.
  const std::size_t rows = 70'000, items = 9;
  std::vector<UnitIndex> unit(rows, 7);
  std::vector<std::int8_t> sat(rows * items);
  std::vector<std::uint64_t> yes(items, 0), answered(items, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t j = 0; j < items; ++j) {
      const auto v = static_cast<std::int8_t>((r * 7 + j * 3) % 5 == 0 ? -1 : ((r + j) % 3 == 0 ? 0 : 1));
      sat[r * items + j] = v;
      yes[j] += v == 1 ? 1u : 0u;
      answered[j] += v >= 0 ? 1u : 0u;
    }
  }
  ResponseMatrix m;
  m.unit = unit;
  m.satisfied = sat;
  m.items = items;
  const RollupResult r = Rollup(county()).run(m);
  for (std::size_t j = 0; j < items; ++j) {
    EXPECT_EQ(r.n()[r.cell(7, j, 0)], answered[j]) << "item " << j;
    EXPECT_EQ(r.satisfied()[r.cell(7, j, 0)], yes[j]) << "item " << j;
    EXPECT_EQ(r.n()[r.cell(0, j, 0)], answered[j]) << "item " << j;
  }
}

TEST(Rollup, RejectsBadWideData) {
  const auto tree = county();
  std::vector<UnitIndex> unit{6, 7, 8};
  std::vector<std::int8_t> sat{1, 0, -1, 1, 1, 3};
  std::vector<double> score{1, 2, std::nan(""), 4, 5, 6};
  ResponseMatrix m;
  m.unit = unit;
  m.satisfied = sat;
  m.items = 2;
  auto message = expect_code<InvalidArgument>("rollup.satisfied", [&] { (void)Rollup(tree).run(m); });
  EXPECT_NE(message.find("response row 2"), std::string::npos) << message;
  EXPECT_NE(message.find("item 1"), std::string::npos) << message;
  sat[5] = 0;
  m.score = score;
  const RollupResult ok = Rollup(tree).run(m);  // a NaN score is fine where the item is not answered
  EXPECT_EQ(ok.n()[ok.cell(0, 0, 0)], 2u);
  EXPECT_EQ(ok.n()[ok.cell(0, 1, 0)], 3u);
  EXPECT_DOUBLE_EQ(ok.mean_score()[ok.cell(0, 1, 0)], 4.0);
  score[3] = std::nan("");
  message = expect_code<InvalidArgument>("rollup.score", [&] { (void)Rollup(tree).run(m); });
  EXPECT_NE(message.find("response row 1"), std::string::npos) << message;
  m.score = {};
  m.items = 4;
  expect_code<InvalidArgument>("rollup.size_mismatch", [&] { (void)Rollup(tree).run(m); });
  m.items = 0;
  expect_code<InvalidArgument>("rollup.dimensions", [&] { (void)Rollup(tree).run(m); });
}

TEST(Rollup, RejectsBadOptions) {
  for (const double confidence : {0.0, 1.0, -0.5, std::nan("")}) {
    RollupOptions options;
    options.confidence = confidence;
    expect_code<InvalidArgument>("rollup.confidence", [&] { Rollup engine(county(), options); });
  }
  expect_code<InvalidArgument>("rollup.no_tree", [] { Rollup engine(std::shared_ptr<const UnitTree>{}); });
}

TEST(Rollup, NoAnswersGivesAllEmptyCells) {
  const Answers a;
  const RollupResult r = Rollup(county()).run(a.view(true, true));
  EXPECT_EQ(r.cells(), 10u);
  for (std::size_t c = 0; c < r.cells(); ++c) EXPECT_FALSE(r.estimate_at(c).has_value());
}

// Extreme magnitudes: the same answers with every weight times a factor give the same rates,
// n_eff and mean scores (and weights times the factor), whether the factor makes Σw² overflow
// (1e300), underflow (1e-200) or the weights subnormal (1e-310); the rare rescaled second
// accumulation must agree with the plain one.
TEST(RollupMagnitudes, ScaledWeightsGiveTheSameEstimates) {
  Answers base = random_answers(4000, 2, 2, 77);
  for (auto& u : base.unit) u = 6 + u % 4;  // answers at grids only: household weighting needs unit sizes
  for (const auto by : {RollupWeighting::Respondents, RollupWeighting::Households}) {
    for (const unsigned threads : {1u, 3u}) {
      RollupOptions options;
      options.by = by;
      options.threads = threads;
      const Rollup rollup(county(), options);
      const RollupResult expected = rollup.run(base.view(true, true));
      for (const double factor : {1e300, 1e200, 1e-200, 1e-310}) {
        Answers a = base;
        for (double& w : a.weight) w *= factor;
        const RollupResult got = rollup.run(a.view(true, true));
        ASSERT_EQ(got.cells(), expected.cells());
        for (std::size_t c = 0; c < got.cells(); ++c) {
          SCOPED_TRACE("factor " + std::to_string(factor) + " cell " + std::to_string(c) + " households " +
                       std::to_string(by == RollupWeighting::Households));
          ASSERT_EQ(got.n()[c], expected.n()[c]);
          if (got.n()[c] == 0) continue;
          // Subnormal weights carry fewer digits: compare loosely there.
          const double tol = factor < 1e-300 ? 1e-9 : 1e-12;
          EXPECT_NEAR(got.rate()[c], expected.rate()[c], tol);
          EXPECT_NEAR(got.n_eff()[c], expected.n_eff()[c], tol * expected.n_eff()[c]);
          EXPECT_NEAR(got.mean_score()[c], expected.mean_score()[c], 1e4 * tol);
          EXPECT_NEAR(got.low()[c], expected.low()[c], tol);
          const double want_weight = by == RollupWeighting::Households ? expected.weight()[c] : expected.weight()[c] * factor;
          EXPECT_NEAR(got.weight()[c], want_weight, tol * want_weight);
        }
      }
    }
  }
}

TEST(RollupMagnitudes, UnrepresentableTotalsAreALocatedError) {
  Answers a;
  a.add(6, 0, 1, 1e308, 0, 50.0);
  a.add(7, 0, 0, 1e308, 0, 70.0);
  // Each grid is fine, but units 3, 1 and 0 would weigh 2e308 under response weighting.
  const std::string what = expect_code<InvalidArgument>("rollup.overflow", [&] { (void)Rollup(county()).run(a.view(true, true)); });
  EXPECT_NE(what.find("unit 0"), std::string::npos) << what;  // the county, first of the cells over the range
  // Household weighting never reports Σw: the same data is fine, and equals unit weights.
  RollupOptions options;
  options.by = RollupWeighting::Households;
  const RollupResult r = Rollup(county(), options).run(a.view(true, true));
  const auto top = r.estimate(0, 0, 0).value();
  EXPECT_NEAR(top.rate, 10.0 / 30.0, 1e-15);
  EXPECT_NEAR(*top.mean_score, (10 * 50.0 + 20 * 70.0) / 30.0, 1e-12);
  // Weights whose ratio is beyond the range of double: an error, not NaN.
  Answers wide;
  wide.add(6, 0, 1, 1e300);
  wide.add(9, 0, 1, 1e-300);
  expect_code<InvalidArgument>("rollup.overflow", [&] { (void)Rollup(county()).run(wide.view(true, false)); });
}

// Scores whose sums overflow but whose means are representable: the rescaled second
// accumulation gives the exact means, weighted or not.
TEST(RollupMagnitudes, ScoresWhoseSumsOverflowStillHaveTheirMeans) {
  Answers scores;
  scores.add(6, 0, 1, 3.0, 0, 1.5e308);
  scores.add(6, 0, 0, 1.0, 0, 1.5e308);
  scores.add(7, 0, 1, 2.0, 0, -1.0e308);
  for (const bool weighted : {false, true}) {
    const RollupResult r = Rollup(county()).run(scores.view(weighted, true));
    SCOPED_TRACE(weighted ? "weighted" : "unweighted");
    EXPECT_DOUBLE_EQ(*r.estimate(6, 0, 0).value().mean_score, 1.5e308);
    const double want = weighted ? 4.0 / 6.0 * 1.5e308 - 2.0 / 6.0 * 1.0e308 : 2.0 / 3.0 * 1.5e308 - 1.0e308 / 3.0;
    EXPECT_NEAR(*r.estimate(0, 0, 0).value().mean_score, want, 1e-14 * want);
    EXPECT_NEAR(r.estimate(0, 0, 0).value().rate, weighted ? 5.0 / 6.0 : 2.0 / 3.0, 1e-15);
  }
  // Every score times a huge factor: the means are the plain means times the factor.
  Answers base = random_answers(3000, 2, 2, 91);
  const RollupResult plain = Rollup(county()).run(base.view(true, true));
  Answers big = base;
  for (double& x : big.score) x *= 1e306;
  const RollupResult scaled = Rollup(county()).run(big.view(true, true));
  for (std::size_t c = 0; c < plain.cells(); ++c) {
    if (plain.n()[c] == 0) continue;
    EXPECT_NEAR(scaled.mean_score()[c], plain.mean_score()[c] * 1e306, 1e-12 * std::abs(plain.mean_score()[c]) * 1e306);
    EXPECT_EQ(scaled.rate()[c], plain.rate()[c]);
  }
}

}  // namespace
}  // namespace massline::scoring
