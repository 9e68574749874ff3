#include <massline/scoring/accountability.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
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

TEST(AccountabilityRule, JudgesByEstimateOrUpperBound) {
  const AccountabilityRule point(0.8);
  EXPECT_EQ(point.judge(10, 0.79, 0.95), Verdict::Flagged);
  EXPECT_EQ(point.judge(10, 0.80, 0.95), Verdict::Clear);  // "below 80 %": 80 % itself is fine
  EXPECT_EQ(point.judge(0, std::nan(""), std::nan("")), Verdict::InsufficientSample);

  const AccountabilityRule bound(0.8, AccountabilityBasis::UpperBound, 30);
  EXPECT_EQ(bound.judge(100, 0.70, 0.79), Verdict::Flagged);
  EXPECT_EQ(bound.judge(100, 0.70, 0.81), Verdict::Clear);  // could still be 80 %: not clearly below
  EXPECT_EQ(bound.judge(29, 0.10, 0.30), Verdict::InsufficientSample);
  EXPECT_EQ(bound.judge(30, 0.10, 0.30), Verdict::Flagged);

  EXPECT_EQ(point.describe(), "rate < 0.8, n >= 1");
  EXPECT_EQ(bound.describe(), "upper bound < 0.8, n >= 30");
  EXPECT_EQ(AccountabilityRule(1.0).describe(), "rate < 1, n >= 1");
}

TEST(AccountabilityRule, ThresholdIsValidated) {
  for (const double t : {-0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    expect_code<InvalidArgument>("accountability.threshold", [t] { AccountabilityRule rule(t); });
  }
  AccountabilityRule rule(0.5);
  rule.threshold = 2.0;  // a public field set after construction is caught on use
  expect_code<InvalidArgument>("accountability.threshold",
                               [&] { (void)judge_rows(std::vector<std::uint64_t>{}, {}, {}, rule); });
}

TEST(AccountabilityRule, JudgeRows) {
  const std::vector<std::uint64_t> n{5, 50, 50, 0};
  const std::vector<double> rate{0.5, 0.7, 0.9, std::nan("")};
  const std::vector<double> high{0.9, 0.79, 0.97, std::nan("")};
  const auto v = judge_rows(n, rate, high, AccountabilityRule(0.8, AccountabilityBasis::UpperBound, 10));
  EXPECT_EQ(v, (std::vector<Verdict>{Verdict::InsufficientSample, Verdict::Flagged, Verdict::Clear,
                                     Verdict::InsufficientSample}));
  expect_code<InvalidArgument>("accountability.size_mismatch", [&] {
    (void)judge_rows(n, std::vector<double>{0.1}, high, AccountabilityRule(0.8));
  });
}

// Units: 0 root; 1, 2 level-2; 3, 4 under 1; 5 under 2. One item, two periods.
RollupResult fixture_rollup() {
  std::vector<UnitIndex> unit;
  std::vector<std::uint32_t> period;
  std::vector<std::uint8_t> sat;
  const auto add = [&](UnitIndex u, std::uint32_t t, int yes, int total) {
    for (int k = 0; k < total; ++k) {
      unit.push_back(u);
      period.push_back(t);
      sat.push_back(static_cast<std::uint8_t>(k < yes ? 1 : 0));
    }
  };
  add(3, 0, 95, 100);  // 0.95
  add(4, 0, 70, 100);  // 0.70, upper bound ~0.78: clearly below 0.8
  add(5, 0, 15, 20);   // 0.75 but upper bound ~0.89: not clearly below
  add(5, 1, 3, 4);     // tiny sample
  const std::vector<std::uint32_t> item(unit.size(), 0);
  AnswerColumns c;
  c.unit = unit;
  c.item = item;
  c.period = period;
  c.satisfied = sat;
  c.items = 1;
  c.periods = 2;
  const auto tree = UnitTree::from_parents(std::vector<std::int64_t>{-1, 0, 0, 1, 1, 2});
  return Rollup(tree).run(c);
}

TEST(Assess, PointEstimateRuleFlagsEveryLowUnitWithEvidence) {
  const RollupResult r = fixture_rollup();
  const auto report = assess(r, AccountabilityRule(0.8));
  EXPECT_EQ(report.rule, AccountabilityRule(0.8));
  EXPECT_DOUBLE_EQ(report.confidence, 0.95);
  // Cells with answers: units 0..5 at period 0 (6) and units 0, 2, 5 at period 1 (3).
  EXPECT_EQ(report.judged, 9u);
  EXPECT_EQ(report.insufficient, 0u);
  std::vector<std::pair<UnitIndex, std::size_t>> flagged;
  for (const auto& f : report.flags) flagged.emplace_back(f.unit, f.period);
  // Root at period 0: 180/220 = 0.818 (clear); unit 1: 165/200 = 0.825 (clear); unit 2 and 5: 0.75.
  EXPECT_EQ(flagged, (std::vector<std::pair<UnitIndex, std::size_t>>{{0, 1}, {2, 0}, {2, 1}, {4, 0}, {5, 0}, {5, 1}}));
  const auto& f4 = report.flags[3];
  EXPECT_EQ(f4.level, 3);
  EXPECT_EQ(f4.n, 100u);
  EXPECT_DOUBLE_EQ(f4.estimate, 0.7);
  EXPECT_DOUBLE_EQ(f4.n_eff, 100.0);
  EXPECT_LT(f4.low, 0.7);
  EXPECT_GT(f4.high, 0.7);
  EXPECT_EQ(f4.item, 0u);
}

TEST(Assess, ConfidenceBoundRuleAndScope) {
  const RollupResult r = fixture_rollup();
  const auto report = assess(r, AccountabilityRule(0.8, AccountabilityBasis::UpperBound, 10));
  ASSERT_EQ(report.flags.size(), 1u);
  EXPECT_EQ(report.flags[0].unit, 4u);
  EXPECT_LT(report.flags[0].high, 0.8);
  EXPECT_EQ(report.insufficient, 3u);  // period 1: units 0, 2, 5 have 4 answers each
  EXPECT_EQ(report.judged, 6u);

  AccountabilityScope scope;
  scope.level = 3;
  scope.period = 0;
  const auto level3 = assess(r, AccountabilityRule(0.8), scope);
  EXPECT_EQ(level3.judged, 3u);
  ASSERT_EQ(level3.flags.size(), 2u);
  EXPECT_EQ(level3.flags[0].unit, 4u);
  EXPECT_EQ(level3.flags[1].unit, 5u);

  AccountabilityScope bad;
  bad.item = 1;
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)assess(r, AccountabilityRule(0.8), bad); });
  bad.item.reset();
  bad.period = 2;
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)assess(r, AccountabilityRule(0.8), bad); });
}

TEST(Assess, ThresholdZeroAndOne) {
  const RollupResult r = fixture_rollup();
  EXPECT_TRUE(assess(r, AccountabilityRule(0.0)).flags.empty());
  EXPECT_EQ(assess(r, AccountabilityRule(1.0)).flags.size(), 9u);
}

}  // namespace
}  // namespace massline::scoring
