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
