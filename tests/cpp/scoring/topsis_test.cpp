#include <massline/scoring/topsis.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ms = massline::scoring;
using ms::Direction;
using ms::TopsisNormalization;

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

// Data of the fighter-aircraft example of Hwang & Yoon (1981), Multiple Attribute Decision
// Making: maximum speed, ferry range, maximum payload, acquisition cost (cost),
// reliability, manoeuvrability; weights .2 .1 .1 .1 .2 .3. Expected closeness from an
// independent NumPy implementation written with this test (the book's own figures were not
// at hand to compare digit by digit).
TEST(Topsis, FighterAircraftExample) {
  Eigen::MatrixXd x(4, 6);
  x << 2.0, 1500, 20000, 5.5, 5, 9,  //
      2.5, 2700, 18000, 6.5, 3, 5,   //
      1.8, 2000, 21000, 4.5, 7, 7,   //
      2.2, 1800, 20000, 5.0, 5, 5;
  Eigen::VectorXd w(6);
  w << 0.2, 0.1, 0.1, 0.1, 0.2, 0.3;
  const std::vector<Direction> dirs{Direction::Benefit, Direction::Benefit, Direction::Benefit,
                                    Direction::Cost,    Direction::Benefit, Direction::Benefit};
  const auto r = ms::topsis(x, w, dirs);
  const double expected[] = {0.643277, 0.26838357, 0.61354229, 0.31229107};
  for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(r.closeness(i), expected[i], 1e-6) << "aircraft " << i;
  // Weights are normalised, so scaling them changes nothing.
  EXPECT_TRUE(ms::topsis(x, w * 7, dirs).closeness.isApprox(r.closeness, 1e-14));
}

TEST(Topsis, HandWorkedExample) {
  // r = x/√2 per column, v = r/2: A3 is the ideal (C = 1), A1 and A2 sit halfway.
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 0, 1, 1, 1;
  const auto r = ms::topsis(x, Eigen::Vector2d(1, 1));
  EXPECT_NEAR(r.closeness(0), 0.5, 1e-15);
  EXPECT_NEAR(r.closeness(1), 0.5, 1e-15);
  EXPECT_NEAR(r.closeness(2), 1.0, 1e-15);
  EXPECT_NEAR(r.distance_to_ideal(0), 0.5 / std::sqrt(2.0), 1e-15);
}

TEST(Topsis, VectorAndMinMaxCanRankDifferently) {
  // Two benefit criteria, equal weights. Vector: A1 .400 > A3 .358; min-max: A3 .500 > A1 .309.
  Eigen::MatrixXd x(3, 2);
  x << 4, 4, 6, 6, 2, 7;
  const Eigen::Vector2d w(1, 1);
  const auto v = ms::topsis(x, w, {}, TopsisNormalization::Vector);
  const auto m = ms::topsis(x, w, {}, TopsisNormalization::MinMax);
  EXPECT_NEAR(v.closeness(0), 0.40013209, 1e-8);
  EXPECT_NEAR(v.closeness(2), 0.35834226, 1e-8);
  EXPECT_NEAR(m.closeness(0), 0.30901699, 1e-8);
  EXPECT_NEAR(m.closeness(2), 0.5, 1e-15);
  EXPECT_GT(v.closeness(0), v.closeness(2));
  EXPECT_LT(m.closeness(0), m.closeness(2));
  EXPECT_GT(v.closeness(1), v.closeness(0));  // A2 dominates A1 under both
  EXPECT_GT(m.closeness(1), m.closeness(0));
}

TEST(Topsis, CostCriteriaAndDominance) {
  Eigen::MatrixXd x(3, 2);
  x << 10, 1, 5, 5, 1, 10;  // A1 best on both (benefit, cost), A3 worst on both
  for (auto n : {TopsisNormalization::Vector, TopsisNormalization::MinMax}) {
    const auto r = ms::topsis(x, Eigen::Vector2d(0.6, 0.4), {Direction::Benefit, Direction::Cost}, n);
    EXPECT_NEAR(r.closeness(0), 1.0, 1e-15) << massline::to_name(n);
    EXPECT_NEAR(r.closeness(2), 0.0, 1e-15) << massline::to_name(n);
    EXPECT_GT(r.closeness(1), 0.0);
    EXPECT_LT(r.closeness(1), 1.0);
  }
}

TEST(Topsis, TinyValuesAreNotDegenerate) {
  Eigen::MatrixXd x(2, 1);
  x << 1.11137937e-162, 0;
  const auto r = ms::topsis(x, Eigen::VectorXd::Ones(1), {Direction::Cost});
  EXPECT_EQ(r.closeness(0), 0.0);
  EXPECT_EQ(r.closeness(1), 1.0);
}

TEST(Topsis, Errors) {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 3, 4;
  EXPECT_EQ(code_of([&] { (void)ms::topsis(x, Eigen::Vector3d(1, 1, 1)); }), "weights.invalid");
  EXPECT_EQ(code_of([&] { (void)ms::topsis(x, Eigen::Vector2d(1, -1)); }), "weights.invalid");
  EXPECT_EQ(code_of([&] { (void)ms::topsis(x, Eigen::Vector2d(1, 1), {Direction::Cost}); }), "matrix.invalid");
  Eigen::MatrixXd same(2, 2);
  same << 1, 2, 1, 2;
  EXPECT_EQ(code_of([&] { (void)ms::topsis(same, Eigen::Vector2d(1, 1)); }), "topsis.degenerate");
  // A constant column with zero weight elsewhere: still degenerate only if everything ties.
  Eigen::MatrixXd partly(2, 2);
  partly << 1, 2, 1, 3;
  EXPECT_EQ(code_of([&] { (void)ms::topsis(partly, Eigen::Vector2d(1, 0)); }), "topsis.degenerate");
  EXPECT_NO_THROW((void)ms::topsis(partly, Eigen::Vector2d(1, 1)));
}

TEST(TopsisMagnitudes, ScaleInvariantMatrixAndWeights) {
  Eigen::MatrixXd base(3, 3);
  base << 7, 9, 9, 8, 7, 8, 9, 6, 8;
  const Eigen::Vector3d weights(0.5, 0.3, 0.2);
  for (const auto norm : {TopsisNormalization::Vector, TopsisNormalization::MinMax}) {
    const auto expected = ms::topsis(base, weights, {Direction::Benefit, Direction::Cost, Direction::Benefit}, norm);
    for (const double factor : {1e308 / 9.0, 1e-300, 1e-310}) {
      for (const double wfactor : {1.0, 1e308, 1e-310}) {
        const auto got = ms::topsis(base * factor, weights * wfactor,
                                    {Direction::Benefit, Direction::Cost, Direction::Benefit}, norm);
        ASSERT_TRUE(got.closeness.allFinite()) << factor << " " << wfactor;
        EXPECT_LT((got.closeness - expected.closeness).cwiseAbs().maxCoeff(), 1e-10) << factor << " " << wfactor;
      }
    }
  }
}
