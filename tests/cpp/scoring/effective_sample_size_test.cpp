#include <massline/scoring/effective_sample_size.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ms = massline::scoring;

TEST(EffectiveSampleSize, KishFormula) {
  EXPECT_DOUBLE_EQ(ms::kish_effective_sample_size(std::vector<double>{1, 1, 1, 1}), 4.0);
  EXPECT_DOUBLE_EQ(ms::kish_effective_sample_size(std::vector<double>{2.5, 2.5, 2.5}), 3.0);
  // (1+2+3)² / (1+4+9) = 36/14
  EXPECT_DOUBLE_EQ(ms::kish_effective_sample_size(std::vector<double>{1, 2, 3}), 36.0 / 14.0);
  // One dominant weight: close to a single observation.
  EXPECT_NEAR(ms::kish_effective_sample_size(std::vector<double>{1000, 1, 1}), 1.004, 1e-3);
  EXPECT_EQ(ms::kish_effective_sample_size(std::vector<double>{}), 0.0);
}

TEST(EffectiveSampleSize, NeverExceedsCount) {
  const std::vector<double> w{0.3, 1.7, 2.2, 0.9, 5.0};
  const double n_eff = ms::kish_effective_sample_size(w);
  EXPECT_GT(n_eff, 1.0);
  EXPECT_LE(n_eff, 5.0);
}

TEST(EffectiveSampleSize, RejectsNonPositiveWeights) {
  for (double bad : std::vector<double>{0.0, -1.0, INFINITY, NAN}) {
    try {
      (void)ms::kish_effective_sample_size(std::vector<double>{1.0, bad});
      ADD_FAILURE() << "weight " << bad << " accepted";
    } catch (const massline::InvalidArgument& e) {
      EXPECT_EQ(e.code(), "weights.invalid") << bad;
    }
  }
}

// Extreme magnitudes: Σw overflows at 1e308, Σw² at 1e155 and underflows below 1e-154; the
// effective size is scale-free, so it must not see any of that.
TEST(EffectiveSampleSizeMagnitudes, ScaleInvariantFromHugeToSubnormal) {
  const std::vector<double> base{1.0, 2.0, 0.5, 3.0, 1.25};
  const double expected = ms::kish_effective_sample_size(base);
  for (const double factor : {1e308 / 3.0, 1e200, 1e155, 1e-160, 1e-300, 1e-310 / 0.5}) {
    std::vector<double> scaled;
    for (double w : base) scaled.push_back(w * factor);
    const double got = ms::kish_effective_sample_size(scaled);
    // Subnormal weights have fewer significant bits: compare to their own exact ratio.
    std::vector<double> back;
    for (double w : scaled) back.push_back(w / scaled[0]);
    const double exact = ms::kish_effective_sample_size(back);
    EXPECT_NEAR(got, exact, 1e-13 * exact) << factor;
    if (factor > 1e-300) {
      EXPECT_NEAR(got, expected, 1e-13 * expected) << factor;
    }
  }
}

TEST(EffectiveSampleSizeMagnitudes, MixedMagnitudesAndTotals) {
  ms::WeightTotals t;
  t.add(1.0);
  t.add(1e308);
  t.add(1e-310);
  t.add(1e308);
  EXPECT_NEAR(t.effective_size(), 2.0, 1e-14);
  EXPECT_FALSE(std::isfinite(t.total()));
  try {
    (void)t.checked_total();
    FAIL() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "weights.overflow");
  }
  ms::WeightTotals ordinary;
  for (double w : {1.0, 2.0, 3.5}) ordinary.add(w);
  EXPECT_EQ(ordinary.scale, 0);
  EXPECT_EQ(ordinary.sum, 6.5);
  EXPECT_EQ(ordinary.sum_squares, 1.0 + 4.0 + 12.25);
  EXPECT_EQ(ordinary.checked_total(), 6.5);
}

TEST(EffectiveSampleSizeMagnitudes, MergeAlignsScales) {
  ms::WeightTotals a, b, all;
  for (double w : {1e300, 2e300}) {
    a.add(w);
    all.add(w);
  }
  for (double w : {1e-300, 3e-300}) {
    b.add(w);
    all.add(w);
  }
  a.merge(b);
  EXPECT_EQ(a.count, 4u);
  EXPECT_DOUBLE_EQ(a.effective_size(), all.effective_size());
  EXPECT_DOUBLE_EQ(a.total(), 3e300);
}
