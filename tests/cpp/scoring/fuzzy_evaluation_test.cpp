// Fuzzy comprehensive evaluation, checked against hand computation:
// A = (.2, .3, .5), R = [.5 .3 .2; .2 .5 .3; .1 .4 .5].
#include <massline/scoring/fuzzy_evaluation.hpp>

#include <gtest/gtest.h>

#include <string>

namespace ms = massline::scoring;
using ms::FuzzyOperator;

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
const Eigen::Vector3d A(0.2, 0.3, 0.5);
Eigen::Matrix3d R() {
  Eigen::Matrix3d r;
  r << 0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0.1, 0.4, 0.5;
  return r;
}
ms::FuzzyOptions with(FuzzyOperator op, bool normalize = true) {
  ms::FuzzyOptions o;
  o.op = op;
  o.normalize = normalize;
  return o;
}
}  // namespace

TEST(FuzzyEvaluation, WeightedAverage) {
  // b = (.1+.06+.05, .06+.15+.2, .04+.09+.25) = (.21, .41, .38)
  const auto e = ms::fuzzy_evaluate(A, R(), with(FuzzyOperator::WeightedAverage), Eigen::Vector3d(100, 75, 50));
  EXPECT_TRUE(e.membership.isApprox(Eigen::Vector3d(0.21, 0.41, 0.38), 1e-14)) << e.membership.transpose();
  EXPECT_EQ(e.grade, 1u);
  EXPECT_NEAR(*e.score, 21 + 0.41 * 75 + 0.38 * 50, 1e-12);
}

TEST(FuzzyEvaluation, MaxMin) {
  // b = (max(.2,.2,.1), max(.2,.3,.4), max(.2,.3,.5)) = (.2, .4, .5), sum 1.1
  const auto e = ms::fuzzy_evaluate(A, R(), with(FuzzyOperator::MaxMin));
  EXPECT_TRUE(e.composed.isApprox(Eigen::Vector3d(0.2, 0.4, 0.5), 1e-15));
  EXPECT_TRUE(e.membership.isApprox(Eigen::Vector3d(0.2, 0.4, 0.5) / 1.1, 1e-15));
  EXPECT_EQ(e.grade, 2u);
  EXPECT_FALSE(e.score);
  const auto raw = ms::fuzzy_evaluate(A, R(), with(FuzzyOperator::MaxMin, false));
  EXPECT_TRUE(raw.membership.isApprox(raw.composed));
}

TEST(FuzzyEvaluation, ProductMaxAndMinBoundedSum) {
  const auto pm = ms::fuzzy_evaluate(A, R(), with(FuzzyOperator::ProductMax, false));
  EXPECT_TRUE(pm.composed.isApprox(Eigen::Vector3d(0.1, 0.2, 0.25), 1e-15));
  // Σ min(a, r): (.5, .9, 1.0), bounded by 1.
  const auto mb = ms::fuzzy_evaluate(A, R(), with(FuzzyOperator::MinBoundedSum, false));
  EXPECT_TRUE(mb.composed.isApprox(Eigen::Vector3d(0.5, 0.9, 1.0), 1e-15));
  Eigen::Matrix3d big = R();
  big.col(2).setOnes();
  EXPECT_EQ(ms::fuzzy_evaluate(A, big, with(FuzzyOperator::MinBoundedSum, false)).composed(2), 1.0) << "⊕ caps at 1";
}

TEST(FuzzyEvaluation, MembershipFromCounts) {
  Eigen::MatrixXd counts(2, 3);
  counts << 6, 3, 1, 0, 5, 5;
  const auto r = ms::membership_from_counts(counts);
  EXPECT_TRUE(r.row(0).isApprox(Eigen::RowVector3d(0.6, 0.3, 0.1)));
  EXPECT_TRUE(r.row(1).isApprox(Eigen::RowVector3d(0, 0.5, 0.5)));
  Eigen::MatrixXd empty_row(2, 2);
  empty_row << 1, 1, 0, 0;
  EXPECT_EQ(code_of([&] { (void)ms::membership_from_counts(empty_row); }), "fuzzy.counts");
  empty_row(1, 0) = -1;
  EXPECT_EQ(code_of([&] { (void)ms::membership_from_counts(empty_row); }), "fuzzy.counts");
}

TEST(FuzzyEvaluation, Errors) {
  EXPECT_EQ(code_of([] { (void)ms::fuzzy_evaluate(Eigen::Vector3d(0.5, 0.5, 0.5), R()); }), "fuzzy.weights");
  EXPECT_EQ(code_of([] { (void)ms::fuzzy_evaluate(Eigen::Vector2d(0.5, 0.5), R()); }), "fuzzy.weights");
  EXPECT_EQ(code_of([] { (void)ms::fuzzy_evaluate(Eigen::Vector3d(1.5, -0.5, 0), R()); }), "fuzzy.weights");
  Eigen::Matrix3d bad = R();
  bad(0, 0) = 1.5;
  EXPECT_EQ(code_of([&] { (void)ms::fuzzy_evaluate(A, bad); }), "fuzzy.membership");
  EXPECT_EQ(code_of([] { (void)ms::fuzzy_evaluate(A, R(), {}, Eigen::Vector2d(1, 2)); }), "fuzzy.grades");
  EXPECT_EQ(code_of([] { (void)ms::fuzzy_evaluate(A, Eigen::Matrix3d::Zero()); }), "fuzzy.empty");
  EXPECT_NO_THROW((void)ms::fuzzy_evaluate(A, Eigen::Matrix3d::Zero(), with(FuzzyOperator::WeightedAverage, false)));
}

TEST(FuzzyEvaluationMagnitudes, HugeCountsAndGradeValues) {
  Eigen::MatrixXd counts(2, 3);
  counts << 1, 2, 1, 0, 3, 1;
  const Eigen::MatrixXd expected = ms::membership_from_counts(counts);
  const Eigen::MatrixXd huge = ms::membership_from_counts(counts * (1e308 / 3.0));
  EXPECT_LT((huge - expected).cwiseAbs().maxCoeff(), 1e-15);
  const Eigen::MatrixXd tiny = ms::membership_from_counts(counts * 1e-310);
  EXPECT_LT((tiny - expected).cwiseAbs().maxCoeff(), 1e-12);
  const Eigen::Vector2d weights(0.4, 0.6);
  const Eigen::Vector3d grades(100.0, 80.0, 60.0);
  ms::FuzzyOptions options;
  options.op = FuzzyOperator::MaxMin;  // Σ b > 1, so Σ b·v overflows for values near 1e308
  const auto plain = ms::fuzzy_evaluate(weights, expected, options, grades);
  const auto scaled = ms::fuzzy_evaluate(weights, expected, options, grades * 1.5e306);
  ASSERT_TRUE(plain.score && scaled.score);
  EXPECT_NEAR(*scaled.score / 1.5e306, *plain.score, 1e-12 * *plain.score);
}
