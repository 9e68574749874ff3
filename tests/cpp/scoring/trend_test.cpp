#include <massline/scoring/trend.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace massline::scoring {
namespace {

template <class E, class Fn>
void expect_code(const std::string& code, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected " << code << " but nothing was thrown";
  } catch (const E& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

TEST(Trend, NormalTailHelpers) {
  EXPECT_NEAR(detail::trend::normal_cdf(1.959963984540054), 0.975, 1e-15);
  EXPECT_NEAR(detail::trend::normal_cdf(-3.0), 0.0013498980316301, 1e-15);
  EXPECT_NEAR(detail::trend::two_sided_p(1.959963984540054), 0.05, 1e-15);
  EXPECT_NEAR(detail::trend::two_sided_p(-10.0), 1.523970604832105e-23, 1e-35);  // tail keeps its precision
  EXPECT_DOUBLE_EQ(detail::trend::two_sided_p(0.0), 1.0);
}

TEST(Trend, NewcombeHybridScoreMatchesPublishedExamples) {
  // Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10. Our difference is
  // later − earlier, so "56/70 − 48/80" is from = 48/80, to = 56/70.
  struct Case {
    double x_to, n_to, x_from, n_from, low, high;
  };
  for (const Case c : {Case{56, 70, 48, 80, 0.0524, 0.3339}, Case{9, 10, 3, 10, 0.1705, 0.8090},
                       Case{5, 56, 0, 29, -0.0381, 0.1926}}) {
    const auto change = compare_proportions(c.x_from / c.n_from, c.n_from, c.x_to / c.n_to, c.n_to, 0.95);
    ASSERT_TRUE(change.interval.has_value());
    EXPECT_NEAR(change.interval->low, c.low, 5e-5) << c.x_to << "/" << c.n_to << " - " << c.x_from << "/" << c.n_from;
    EXPECT_NEAR(change.interval->high, c.high, 5e-5) << c.x_to << "/" << c.n_to << " - " << c.x_from << "/" << c.n_from;
    EXPECT_NEAR(change.difference, c.x_to / c.n_to - c.x_from / c.n_from, 1e-15);
  }
}

TEST(Trend, PooledZTestMatchesStatsmodels) {
  // statsmodels.stats.proportion.proportions_ztest([56, 48], [70, 80]) = (2.6501719512585336, 0.00804508136819656)
  auto c = compare_proportions(48.0 / 80, 80, 56.0 / 70, 70, 0.95, false);
  EXPECT_NEAR(c.z, 2.6501719512585336, 1e-12);
  EXPECT_NEAR(c.p_value, 0.00804508136819656, 1e-14);
  EXPECT_FALSE(c.interval.has_value());
  // proportions_ztest([9, 3], [10, 10]) = (2.738612787525831, 0.006169899320544151); a fall gives z < 0.
  c = compare_proportions(0.9, 10, 0.3, 10, 0.95);
  EXPECT_NEAR(c.z, -2.738612787525831, 1e-12);
  EXPECT_NEAR(c.p_value, 0.006169899320544151, 1e-14);
  EXPECT_LT(c.interval->high, 0.0);
  // Both rates 0 (or both 1): no variance, z = 0, p = 1, but the interval still exists.
  c = compare_proportions(0.0, 10, 0.0, 20, 0.95);
  EXPECT_EQ(c.z, 0.0);
  EXPECT_EQ(c.p_value, 1.0);
  // statsmodels confint_proportions_2indep(0, 10, 0, 20, method="newcomb") is (-0.16113, 0.27753)
  // for 0/10 - 0/20; ours is 0/20 - 0/10, the same interval negated.
  EXPECT_NEAR(c.interval->low, -0.27753279986288926, 1e-12);
  EXPECT_NEAR(c.interval->high, 0.1611251580528194, 1e-12);
}

TEST(Trend, RejectsBadProportions) {
  expect_code<InvalidArgument>("trend.proportion", [] { (void)compare_proportions(1.2, 10, 0.5, 10, 0.95); });
  expect_code<InvalidArgument>("trend.proportion", [] { (void)compare_proportions(0.5, 0, 0.5, 10, 0.95); });
  expect_code<InvalidArgument>("trend.proportion", [] { (void)compare_proportions(0.5, 10, std::nan(""), 10, 0.95); });
  expect_code<InvalidArgument>("interval.level", [] { (void)compare_proportions(0.5, 10, 0.5, 10, 1.0); });
}

// Tree: 0 root, 1 and 2 its children. Items 0..1, periods 0..3.
struct Fixture {
  std::vector<UnitIndex> unit;
  std::vector<std::uint32_t> item, period;
  std::vector<std::uint8_t> sat;
  void add(UnitIndex u, std::uint32_t i, std::uint32_t t, int satisfied, int count) {
    for (int k = 0; k < count; ++k) {
      unit.push_back(u);
      item.push_back(i);
      period.push_back(t);
      sat.push_back(static_cast<std::uint8_t>(k < satisfied ? 1 : 0));
    }
  }
  RollupResult run() const {
    AnswerColumns c;
    c.unit = unit;
    c.item = item;
    c.period = period;
    c.satisfied = sat;
    c.items = 2;
    c.periods = 4;
    return Rollup(UnitTree::from_parents(std::vector<std::int64_t>{-1, 0, 0})).run(c);
  }
};

TEST(Trend, TrendsOverARollup) {
  Fixture f;
  f.add(1, 0, 0, 48, 80);
  f.add(1, 0, 1, 56, 70);
  f.add(1, 0, 3, 7, 10);  // period 2 empty: a gap
  f.add(2, 1, 0, 5, 10);
  f.add(2, 1, 1, 6, 10);
  const RollupResult r = f.run();

  auto rows = trends(r);
  // unit 0: item 0 (0->1), item 1 (0->1); unit 1: item 0 (0->1); unit 2: item 1 (0->1).
  ASSERT_EQ(rows.size(), 4u);
  const TrendRow u1 = rows[2];  // a copy: rows is reassigned below
  EXPECT_EQ(u1.unit, 1u);
  EXPECT_EQ(u1.level, 2);
  EXPECT_EQ(u1.item, 0u);
  EXPECT_EQ(u1.period_from, 0u);
  EXPECT_EQ(u1.period_to, 1u);
  EXPECT_EQ(u1.n_from, 80u);
  EXPECT_EQ(u1.n_to, 70u);
  EXPECT_NEAR(u1.change.z, 2.6501719512585336, 1e-12);
  EXPECT_NEAR(u1.change.interval->low, 0.05243147240236498, 1e-12);
  EXPECT_EQ(rows[0].unit, 0u);  // the root pools unit 1 and 2 on item 0: same counts as unit 1
  EXPECT_NEAR(rows[0].change.z, u1.change.z, 1e-12);

  TrendOptions bridge;
  bridge.bridge_gaps = true;
  bridge.level = 2;
  bridge.item = 0;
  rows = trends(r, bridge);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].period_from, 1u);
  EXPECT_EQ(rows[1].period_to, 3u);
  EXPECT_NEAR(rows[1].change.difference, 0.7 - 0.8, 1e-15);

  TrendOptions strict;
  strict.min_sample = 75;  // only unit 1's period 0 has 80 answers: nothing to compare
  strict.level = 2;
  EXPECT_TRUE(trends(r, strict).empty());

  TrendOptions narrow;
  narrow.confidence = 0.5;
  narrow.level = 2;
  narrow.item = 0;
  const auto narrow_rows = trends(r, narrow);
  ASSERT_EQ(narrow_rows.size(), 1u);
  EXPECT_GT(narrow_rows[0].change.interval->low, u1.change.interval->low);

  TrendOptions bad;
  bad.item = 2;
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)trends(r, bad); });
  bad.item.reset();
  bad.confidence = 1.5;
  expect_code<InvalidArgument>("interval.level", [&] { (void)trends(r, bad); });
}

}  // namespace
}  // namespace massline::scoring
