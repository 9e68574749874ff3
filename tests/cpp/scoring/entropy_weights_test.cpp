// Entropy weights against an independent NumPy computation of the same formulas
// (e = −Σ p ln p / ln m with 0·ln 0 = 0, w = (1 − e)/Σ(1 − e)), done while writing the test.
#include <massline/scoring/entropy_weights.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ms = massline::scoring;
using ms::Direction;
using ms::EntropyNormalization;

namespace {
template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const massline::Error& e) {
    return e.code();
  }
  return "(no error)";
}
Eigen::MatrixXd example() {
  // Four units × (satisfaction score, coverage, complaints).
  Eigen::MatrixXd x(4, 3);
  x << 85, 0.92, 3, 70, 0.80, 7, 90, 0.95, 2, 60, 0.85, 5;
  return x;
}
}  // namespace

TEST(EntropyWeights, ProportionMatchesNumpy) {
  const auto r = ms::entropy_analysis(example());
  const Eigen::Vector3d e(0.99104049, 0.99838561, 0.92561341);
  const Eigen::Vector3d w(0.10545497, 0.01900165, 0.87554338);
  for (Eigen::Index j = 0; j < 3; ++j) {
    EXPECT_NEAR(r.entropy(j), e(j), 1e-8) << j;
    EXPECT_NEAR(r.weights(j), w(j), 1e-8) << j;
  }
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-15);
}

TEST(EntropyWeights, MinMaxWithCostCriterionMatchesNumpy) {
  ms::EntropyOptions options;
  options.normalization = EntropyNormalization::MinMax;
  options.directions = {Direction::Benefit, Direction::Benefit, Direction::Cost};
  const auto r = ms::entropy_analysis(example(), options);
  // Min-max puts a 0 in every column: 0·ln 0 = 0 keeps the sums finite.
  const Eigen::Vector3d e(0.73024234, 0.73074142, 0.74745942);
  const Eigen::Vector3d w(0.3407938, 0.34016331, 0.31904289);
  for (Eigen::Index j = 0; j < 3; ++j) {
    EXPECT_NEAR(r.entropy(j), e(j), 1e-8) << j;
    EXPECT_NEAR(r.weights(j), w(j), 1e-8) << j;
  }
}

TEST(EntropyWeights, VectorNormalisationEqualsProportion) {
  ms::EntropyOptions vector;
  vector.normalization = EntropyNormalization::Vector;
  EXPECT_TRUE(ms::entropy_weights(example(), vector).isApprox(ms::entropy_weights(example()), 1e-14));
}

TEST(EntropyWeights, ConstantColumnsGetZeroWeight) {
  Eigen::MatrixXd x(3, 3);
  x << 1, 5, 0, 2, 5, 0, 3, 5, 0;
  for (auto n : {EntropyNormalization::Proportion, EntropyNormalization::MinMax, EntropyNormalization::Vector}) {
    ms::EntropyOptions options;
    options.normalization = n;
    const auto r = ms::entropy_analysis(x, options);
    EXPECT_EQ(r.entropy(1), 1.0) << massline::to_name(n);
    EXPECT_EQ(r.entropy(2), 1.0) << massline::to_name(n);
    EXPECT_EQ(r.weights(1), 0.0) << massline::to_name(n);
    EXPECT_EQ(r.weights(2), 0.0) << massline::to_name(n);
    EXPECT_DOUBLE_EQ(r.weights(0), 1.0) << massline::to_name(n);
  }
}

TEST(EntropyWeights, OneUnitTakesEverything) {
  // p = (1, 0, 0): entropy 0, the largest possible divergence.
  Eigen::MatrixXd x(3, 2);
  x << 1, 1, 0, 2, 0, 3;
  const auto r = ms::entropy_analysis(x);
  EXPECT_NEAR(r.entropy(0), 0.0, 1e-15);
  EXPECT_GT(r.weights(0), r.weights(1));
}

TEST(EntropyWeights, NearlyConstantColumnsKeepATinyPositiveDivergence) {
  // Found by Hypothesis: 1 − H/ln m rounds to 0 here; the direct divergence does not.
  Eigen::MatrixXd x(2, 1);
  x << 749.0, 749.00000003;
  const auto r = ms::entropy_analysis(x);
  EXPECT_GT(r.divergence(0), 0.0);
  EXPECT_LT(r.divergence(0), 1e-18);
  EXPECT_EQ(r.weights(0), 1.0);
  // p = (.5 ± ε): d = ((1+2ε)ln(1+2ε) + (1−2ε)ln(1−2ε)) / (2 ln 2) ≈ 2ε²/ln 2.
  const double eps = 0.5 * 0.00000003 / (2 * 749.00000003 - 0.00000003);
  EXPECT_NEAR(r.divergence(0), 2 * eps * eps / std::log(2.0), 1e-3 * 2 * eps * eps / std::log(2.0));
}

TEST(EntropyWeights, Errors) {
  Eigen::MatrixXd constant(3, 2);
  constant << 1, 2, 1, 2, 1, 2;
  EXPECT_EQ(code_of([&] { (void)ms::entropy_weights(constant); }), "entropy.degenerate");
  EXPECT_EQ(code_of([] { (void)ms::entropy_weights(Eigen::MatrixXd::Ones(1, 3)); }), "entropy.alternatives");
  Eigen::MatrixXd negative(2, 2);
  negative << 1, -2, 3, 4;
  EXPECT_EQ(code_of([&] { (void)ms::entropy_weights(negative); }), "matrix.negative");
  ms::EntropyOptions vector;
  vector.normalization = EntropyNormalization::Vector;
  EXPECT_EQ(code_of([&] { (void)ms::entropy_weights(negative, vector); }), "matrix.negative");
  ms::EntropyOptions minmax;
  minmax.normalization = EntropyNormalization::MinMax;
  EXPECT_NO_THROW((void)ms::entropy_weights(negative, minmax)) << "min-max accepts negative data";
  minmax.directions = {Direction::Cost};
  EXPECT_EQ(code_of([&] { (void)ms::entropy_weights(negative, minmax); }), "matrix.invalid");
}

TEST(EntropyWeightsMagnitudes, ScaleInvariantFromHugeToSubnormal) {
  Eigen::MatrixXd base(4, 3);
  base << 1, 4, 7, 2, 3, 9, 3, 2, 8, 4, 1, 6;
  for (const auto norm : {EntropyNormalization::Proportion, EntropyNormalization::MinMax, EntropyNormalization::Vector}) {
    ms::EntropyOptions options;
    options.normalization = norm;
    const Eigen::VectorXd expected = ms::entropy_weights(base, options);
    for (const double factor : {1e308 / 9.0, 1e300, 1e-300, 1e-310}) {
      const Eigen::VectorXd got = ms::entropy_weights(base * factor, options);
      ASSERT_TRUE(got.allFinite()) << factor;
      EXPECT_LT((got - expected).cwiseAbs().maxCoeff(), 1e-10) << static_cast<int>(norm) << " " << factor;
    }
  }
}
