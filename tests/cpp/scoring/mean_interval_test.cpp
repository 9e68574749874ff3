// t intervals against SciPy 1.10 (stats.t.interval with stats.sem); SciPy's t quantile is
// accurate to about 1e-10 relative, hence the tolerances on the bounds.
#include <massline/scoring/mean_interval.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ms = massline::scoring;

TEST(MeanInterval, MatchesScipyTInterval) {
  const std::vector<double> a{3, 4, 5, 4, 2, 5, 4};
  const auto ea = ms::mean_interval(a, 0.95);
  ASSERT_TRUE(ea.mean && ea.interval && ea.standard_error);
  EXPECT_NEAR(*ea.mean, 3.857142857142857, 1e-13);
  EXPECT_NEAR(*ea.standard_error, 0.40406101782088427, 1e-13);
  EXPECT_NEAR(ea.interval->low, 2.868441165002109, 1e-8);
  EXPECT_NEAR(ea.interval->high, 4.845844549283605, 1e-8);
  EXPECT_DOUBLE_EQ(*ea.degrees_of_freedom, 6.0);

  const std::vector<double> b{0, 25, 50, 75, 100, 100, 75};
  const auto eb = ms::mean_interval(b, 0.90);
  EXPECT_NEAR(*eb.mean, 60.714285714285715, 1e-12);
  EXPECT_NEAR(eb.interval->low, 32.95456742296025, 1e-7);
  EXPECT_NEAR(eb.interval->high, 88.47400400561116, 1e-7);
}

TEST(MeanInterval, EqualWeightsGiveTheUnweightedInterval) {
  const std::vector<double> v{10, 20, 20, 70, 95};
  const auto plain = ms::mean_interval(v, 0.95);
  const auto weighted = ms::weighted_mean_interval(v, std::vector<double>(5, 3.7), 0.95);
  EXPECT_NEAR(*weighted.mean, *plain.mean, 1e-12);
  EXPECT_NEAR(weighted.interval->low, plain.interval->low, 1e-10);
  EXPECT_NEAR(weighted.interval->high, plain.interval->high, 1e-10);
  EXPECT_DOUBLE_EQ(weighted.effective_size, 5.0);
}

TEST(MeanInterval, WeightedUsesKishEffectiveSize) {
  const std::vector<double> v{1, 2, 3, 4};
  const std::vector<double> w{1, 1, 2, 4};
  const auto e = ms::weighted_mean_interval(v, w, 0.95);
  // Independent two-pass computation of the documented formula.
  double sw = 0, sw2 = 0, swx = 0;
  for (std::size_t i = 0; i < v.size(); ++i) sw += w[i], sw2 += w[i] * w[i], swx += w[i] * v[i];
  const double mean = swx / sw, n_eff = sw * sw / sw2;
  double ss = 0;
  for (std::size_t i = 0; i < v.size(); ++i) ss += w[i] * (v[i] - mean) * (v[i] - mean);
  const double se = std::sqrt(ss / sw * n_eff / (n_eff - 1) / n_eff);
  const double t = ms::student_t_critical(0.95, n_eff - 1);
  EXPECT_NEAR(*e.mean, mean, 1e-14);
  EXPECT_NEAR(e.effective_size, n_eff, 1e-14);
  EXPECT_NEAR(*e.standard_error, se, 1e-14);
  EXPECT_NEAR(e.interval->low, mean - t * se, 1e-12);
  EXPECT_NEAR(e.interval->high, mean + t * se, 1e-12);
}

TEST(MeanInterval, MeanStaysWithinTheObservedRange) {
  // Found by Hypothesis: 100·w/w with w = 0.7500000000000053 rounded to 100.00000000000001.
  ms::MeanAccumulator acc;
  acc.add(100.0, 0.7500000000000053);
  EXPECT_EQ(*acc.mean(), 100.0);
  acc.add(100.0, 1.3000000000000007);
  acc.add(100.0, 0.1);
  EXPECT_EQ(*acc.mean(), 100.0);
  ms::MeanAccumulator low;
  for (double w : {0.3, 0.7000000000000001, 1e-3}) low.add(0.0, w);
  EXPECT_EQ(*low.mean(), 0.0);
}

TEST(MeanInterval, TooFewObservationsHaveNoInterval) {
  const auto empty = ms::mean_interval(std::vector<double>{});
  EXPECT_FALSE(empty.mean);
  EXPECT_FALSE(empty.interval);
  const auto one = ms::mean_interval(std::vector<double>{42});
  ASSERT_TRUE(one.mean);
  EXPECT_EQ(*one.mean, 42);
  EXPECT_FALSE(one.interval);
  const auto constant = ms::mean_interval(std::vector<double>{5, 5, 5});
  ASSERT_TRUE(constant.interval);
  EXPECT_EQ(constant.interval->low, 5);
  EXPECT_EQ(constant.interval->high, 5);
}

TEST(MeanInterval, RejectsBadInput) {
  try {
    (void)ms::weighted_mean_interval(std::vector<double>{1, 2}, std::vector<double>{1});
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "mean.shape");
  }
  try {
    (void)ms::mean_interval(std::vector<double>{1, NAN});
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "mean.value");
  }
  try {
    (void)ms::mean_interval(std::vector<double>{1, 2, 3}, 1.5);
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "interval.level");
  }
}

TEST(MeanIntervalMagnitudes, WeightsOfAnyMagnitudeGiveTheSameEstimate) {
  const std::vector<double> values{70, 85, 40, 100, 55};
  const std::vector<double> base{1.0, 2.0, 0.5, 3.0, 1.25};
  const auto expected = ms::weighted_mean_interval(values, base);
  for (const double factor : {1e308 / 3.0, 1e200, 1e-160, 1e-300}) {
    std::vector<double> w;
    for (double b : base) w.push_back(b * factor);
    const auto got = ms::weighted_mean_interval(values, w);
    ASSERT_TRUE(got.mean && got.interval) << factor;
    EXPECT_NEAR(*got.mean, *expected.mean, 1e-12) << factor;
    EXPECT_NEAR(got.effective_size, expected.effective_size, 1e-12) << factor;
    EXPECT_NEAR(*got.standard_error, *expected.standard_error, 1e-12) << factor;
    EXPECT_NEAR(got.interval->low, expected.interval->low, 1e-10) << factor;
  }
  // Mixed: two huge weights dominate; the tiny ones vanish as they should.
  const auto mixed = ms::weighted_mean_interval(std::vector<double>{10, 20, 99}, std::vector<double>{1e308, 1e308, 1e-310});
  ASSERT_TRUE(mixed.mean);
  EXPECT_NEAR(*mixed.mean, 15.0, 1e-12);
  EXPECT_NEAR(mixed.effective_size, 2.0, 1e-12);
}

TEST(MeanIntervalMagnitudes, OverflowingValuesAreAnError) {
  try {
    (void)ms::mean_interval(std::vector<double>{-1.5e308, 1.5e308, 0.0});
    FAIL() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "mean.overflow");
  }
  // Large but representable spread: fine.
  const auto ok = ms::mean_interval(std::vector<double>{1e150, 2e150, 3e150});
  ASSERT_TRUE(ok.mean && ok.standard_error);
  EXPECT_NEAR(*ok.mean / 2e150, 1.0, 1e-14);
}
