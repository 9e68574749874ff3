#include <massline/scoring/weight_combination.hpp>

#include <gtest/gtest.h>

#include <string>

namespace ms = massline::scoring;

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

TEST(WeightCombination, Multiplicative) {
  const Eigen::Vector3d s(0.5, 0.3, 0.2), o(0.2, 0.2, 0.6);
  // 0.10, 0.06, 0.12 → / 0.28
  const auto w = ms::combine_multiplicative(s, o);
  EXPECT_NEAR(w(0), 0.10 / 0.28, 1e-15);
  EXPECT_NEAR(w(1), 0.06 / 0.28, 1e-15);
  EXPECT_NEAR(w(2), 0.12 / 0.28, 1e-15);
  // Inputs need not be normalised.
  EXPECT_TRUE(ms::combine_multiplicative(s * 10, o * 3).isApprox(w, 1e-15));
}

TEST(WeightCombination, Linear) {
  const Eigen::Vector3d s(5, 3, 2), o(0.2, 0.2, 0.6);
  const auto w = ms::combine_linear(s, o, 0.25);
  EXPECT_TRUE(w.isApprox(Eigen::Vector3d(0.25 * 0.5 + 0.75 * 0.2, 0.25 * 0.3 + 0.75 * 0.2, 0.25 * 0.2 + 0.75 * 0.6), 1e-15));
  EXPECT_TRUE(ms::combine_linear(s, o, 1.0).isApprox(s / 10, 1e-15));
  EXPECT_TRUE(ms::combine_linear(s, o, 0.0).isApprox(o, 1e-15));
}

TEST(WeightCombination, Errors) {
  EXPECT_EQ(code_of([] { (void)ms::combine_multiplicative(Eigen::Vector2d(1, 0), Eigen::Vector2d(0, 1)); }), "weights.disjoint");
  EXPECT_EQ(code_of([] { (void)ms::combine_multiplicative(Eigen::Vector2d(1, 0), Eigen::Vector3d(0, 1, 1)); }), "weights.invalid");
  EXPECT_EQ(code_of([] { (void)ms::combine_linear(Eigen::Vector2d(1, 0), Eigen::Vector2d(0, 1), 1.5); }), "weights.alpha");
  EXPECT_EQ(code_of([] { (void)ms::combine_linear(Eigen::Vector2d(-1, 2), Eigen::Vector2d(0, 1), 0.5); }), "weights.invalid");
}

TEST(WeightCombinationMagnitudes, HugeAndTinyWeights) {
  const Eigen::Vector3d s(0.5, 0.3, 0.2), o(0.2, 0.2, 0.6);
  const Eigen::VectorXd expected = ms::combine_multiplicative(s, o);
  for (const double factor : {1e308, 1e-310}) {
    const Eigen::VectorXd got = ms::combine_multiplicative(s * factor, o * factor);
    EXPECT_LT((got - expected).cwiseAbs().maxCoeff(), 1e-12) << factor;
  }
  // The only overlap is where both normalised weights are 1e-200: the product 1e-400
  // underflows, but the combination is still that criterion alone.
  const Eigen::VectorXd only = ms::combine_multiplicative(Eigen::Vector3d(1.0, 1e-200, 0.0), Eigen::Vector3d(0.0, 1e-200, 1.0));
  EXPECT_DOUBLE_EQ(only(1), 1.0);
  EXPECT_DOUBLE_EQ(only(0), 0.0);
  EXPECT_EQ(code_of([] { (void)ms::combine_multiplicative(Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(0.0, 1.0)); }),
            "weights.disjoint");
}
