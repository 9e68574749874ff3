#include <massline/scoring/criterion_normalization.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ms = massline::scoring;
using ms::ColumnNormalization;
using ms::Direction;

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
}  // namespace

TEST(CriterionNormalization, ThreeMethods) {
  Eigen::MatrixXd x(3, 2);
  x << 3, 10, 4, 20, 0, 30;
  const auto v = ms::normalize_columns(x, ColumnNormalization::Vector);
  EXPECT_NEAR(v(0, 0), 0.6, 1e-15);
  EXPECT_NEAR(v(1, 0), 0.8, 1e-15);
  EXPECT_NEAR(v.col(1).norm(), 1.0, 1e-15);
  const auto p = ms::normalize_columns(x, ColumnNormalization::Proportion);
  EXPECT_NEAR(p(0, 0), 3.0 / 7, 1e-15);
  EXPECT_NEAR(p.col(1).sum(), 1.0, 1e-15);
  const auto m = ms::normalize_columns(x, ColumnNormalization::MinMax, {Direction::Benefit, Direction::Cost});
  EXPECT_EQ(m(0, 0), 0.75);
  EXPECT_EQ(m(2, 0), 0.0);
  EXPECT_EQ(m(0, 1), 1.0) << "cost: the smallest value scores 1";
  EXPECT_EQ(m(2, 1), 0.0);
}

TEST(CriterionNormalization, VectorNormIsSafeForTinyAndHugeValues) {
  // Found by Hypothesis: x² underflows to 0 for x = 1e-162 with a plain norm.
  Eigen::MatrixXd x(2, 2);
  x << 1.1e-162, 3e200, 0, 4e200;
  const auto v = ms::normalize_columns(x, ColumnNormalization::Vector);
  EXPECT_DOUBLE_EQ(v(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(v(0, 1), 0.6);
  EXPECT_DOUBLE_EQ(v(1, 1), 0.8);
}

TEST(CriterionNormalization, DegenerateColumnsBecomeZero) {
  Eigen::MatrixXd x(2, 2);
  x << 5, 0, 5, 0;
  EXPECT_TRUE(ms::normalize_columns(x, ColumnNormalization::MinMax).isZero());
  EXPECT_TRUE(ms::normalize_columns(x, ColumnNormalization::Vector).col(1).isZero());
  EXPECT_TRUE(ms::normalize_columns(x, ColumnNormalization::Proportion).col(1).isZero());
}

TEST(CriterionNormalization, Errors) {
  Eigen::MatrixXd x(2, 2);
  x << 1, -1, 2, 3;
  EXPECT_EQ(code_of([&] { (void)ms::normalize_columns(x, ColumnNormalization::Proportion); }), "matrix.negative");
  EXPECT_EQ(code_of([&] { (void)ms::normalize_columns(x, ColumnNormalization::MinMax, {Direction::Cost}); }), "matrix.invalid");
  EXPECT_EQ(code_of([] { (void)ms::normalize_columns(Eigen::MatrixXd(0, 2), ColumnNormalization::Vector); }), "matrix.invalid");
  x(0, 0) = NAN;
  EXPECT_EQ(code_of([&] { (void)ms::normalize_columns(x, ColumnNormalization::Vector); }), "matrix.invalid");
  EXPECT_EQ(code_of([] { (void)ms::normalize_weights(Eigen::Vector2d(1, -1), 2); }), "weights.invalid");
  EXPECT_EQ(code_of([] { (void)ms::normalize_weights(Eigen::Vector2d(0, 0), 2); }), "weights.invalid");
  EXPECT_EQ(code_of([] { (void)ms::normalize_weights(Eigen::Vector2d(1, 1), 3); }), "weights.invalid");
  EXPECT_TRUE(ms::normalize_weights(Eigen::Vector2d(1, 3), 2).isApprox(Eigen::Vector2d(0.25, 0.75)));
}

TEST(CriterionNormalizationMagnitudes, HugeAndTinyColumnsNormaliseLikeOnes) {
  Eigen::MatrixXd base(4, 2);
  base << 1, 4, 2, 3, 3, 2, 4, 1;
  for (const auto method : {ColumnNormalization::Vector, ColumnNormalization::MinMax, ColumnNormalization::Proportion}) {
    const Eigen::MatrixXd expected = ms::normalize_columns(base, method, {Direction::Benefit, Direction::Cost});
    for (const double factor : {1e308 / 4.0, 1e300, 1e-300, 1e-310}) {
      const Eigen::MatrixXd got = ms::normalize_columns(base * factor, method, {Direction::Benefit, Direction::Cost});
      ASSERT_TRUE(got.allFinite()) << factor;
      EXPECT_LT((got - expected).cwiseAbs().maxCoeff(), 1e-12) << static_cast<int>(method) << " " << factor;
    }
  }
}

TEST(CriterionNormalizationMagnitudes, MinMaxSpanningTheWholeRange) {
  Eigen::MatrixXd m(3, 1);
  m << -1.5e308, 0.0, 1.5e308;  // max − min overflows
  const Eigen::MatrixXd benefit = ms::normalize_columns(m, ColumnNormalization::MinMax);
  EXPECT_DOUBLE_EQ(benefit(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(benefit(1, 0), 0.5);
  EXPECT_DOUBLE_EQ(benefit(2, 0), 1.0);
  const Eigen::MatrixXd cost = ms::normalize_columns(m, ColumnNormalization::MinMax, {Direction::Cost});
  EXPECT_DOUBLE_EQ(cost(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(cost(1, 0), 0.5);
}

TEST(CriterionNormalizationMagnitudes, WeightsNearTheLargestDouble) {
  const Eigen::VectorXd w = ms::normalize_weights(Eigen::Vector3d(1e308, 1e308, 1e308), 3);
  EXPECT_NEAR(w(0), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(w.sum(), 1.0, 1e-15);
  const Eigen::VectorXd tiny = ms::normalize_weights(Eigen::Vector3d(1e-310, 2e-310, 1e-310), 3);
  EXPECT_NEAR(tiny(1), 0.5, 1e-12);
  EXPECT_EQ(code_of([] { (void)ms::normalize_weights(Eigen::Vector2d(0.0, 0.0), 2); }), "weights.invalid");
}
