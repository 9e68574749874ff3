#include <massline/scoring/ahp.hpp>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

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
Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}
}  // namespace

// Saaty's "relative wealth of nations" example (Saaty 1977, J. Math. Psychology 15:234-281;
// Saaty 1980, The Analytic Hierarchy Process): US, USSR, China, France, UK, Japan,
// W. Germany. Published: eigenvector .427 .230 .021 .052 .052 .123 .094, λmax = 7.61,
// CI = 0.10, CR = 0.08 (with Saaty's RI(7) = 1.32).
TEST(Ahp, SaatyWealthOfNationsExample) {
  const auto a = matrix({{1, 4, 9, 6, 6, 5, 5},
                         {1. / 4, 1, 7, 5, 5, 3, 4},
                         {1. / 9, 1. / 7, 1, 1. / 5, 1. / 5, 1. / 7, 1. / 5},
                         {1. / 6, 1. / 5, 5, 1, 1, 1. / 3, 1. / 3},
                         {1. / 6, 1. / 5, 5, 1, 1, 1. / 3, 1. / 3},
                         {1. / 5, 1. / 3, 7, 3, 3, 1, 2},
                         {1. / 5, 1. / 4, 5, 3, 3, 1. / 2, 1}});
  const auto r = ms::ahp_weights(a);
  const double published[] = {.427, .230, .021, .052, .052, .123, .094};
  for (Eigen::Index i = 0; i < 7; ++i) EXPECT_NEAR(r.weights(i), published[i], 5e-4) << "country " << i;
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-14);
  EXPECT_NEAR(r.lambda_max, 7.61, 5e-3);
  EXPECT_NEAR(r.consistency_index, 0.10, 5e-3);
  EXPECT_EQ(r.random_index, 1.32);
  EXPECT_NEAR(r.consistency_ratio, 0.08, 5e-3);
  // Same λmax from Eigen's dense eigen-solver: the largest real eigenvalue.
  Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
  EXPECT_NEAR(r.lambda_max, solver.eigenvalues().real().maxCoeff(), 1e-10);
  // Another RI table changes only CR.
  ms::AhpOptions al;
  al.random_index = ms::RandomIndexTable::alonso_lamata_2006();
  const auto r2 = ms::ahp_weights(a, al);
  EXPECT_EQ(r2.weights, r.weights);
  EXPECT_NEAR(r2.consistency_ratio, r.consistency_index / 1.3417, 1e-14);
}

TEST(Ahp, ConsistentMatrixRecoversItsWeights) {
  const std::vector<double> w{0.4, 0.3, 0.2, 0.1};
  Eigen::MatrixXd a(4, 4);
  for (Eigen::Index i = 0; i < 4; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) a(i, j) = w[static_cast<std::size_t>(i)] / w[static_cast<std::size_t>(j)];
  for (auto method : {ms::AhpMethod::Eigenvector, ms::AhpMethod::GeometricMean}) {
    ms::AhpOptions options;
    options.method = method;
    const auto r = ms::ahp_weights(a, options);
    for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(r.weights(i), w[static_cast<std::size_t>(i)], 1e-14) << massline::to_name(method);
    EXPECT_NEAR(r.lambda_max, 4.0, 1e-12);
    EXPECT_NEAR(r.consistency_ratio, 0.0, 1e-12);
    EXPECT_LE(r.iterations, 3u) << "the geometric-mean start is already the eigenvector";
  }
}

// Judgements of any magnitude: the weights of a consistent matrix spanning 1e-300 .. 1 are
// recovered to full relative precision, an inconsistent one of the same span gives the same
// λmax of the characteristic equation, up to λmax ≈ 1e308, never a NaN passed off as "no
// convergence".
TEST(Ahp, JudgementsOfAnyMagnitude) {
  const std::vector<double> w{1.0, 1e-100, 1e-200, 1e-300};
  Eigen::MatrixXd a(4, 4);
  for (Eigen::Index i = 0; i < 4; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) a(i, j) = w[static_cast<std::size_t>(i)] / w[static_cast<std::size_t>(j)];
  for (auto method : {ms::AhpMethod::Eigenvector, ms::AhpMethod::GeometricMean}) {
    ms::AhpOptions options;
    options.method = method;
    const auto r = ms::ahp_weights(a, options);
    for (Eigen::Index i = 0; i < 4; ++i) {
      const double want = w[static_cast<std::size_t>(i)];
      EXPECT_NEAR(r.weights(i), want, 1e-12 * want) << massline::to_name(method) << " weight " << i;
    }
    EXPECT_NEAR(r.lambda_max, 4.0, 1e-12);
  }
  // Inconsistent: a_01 = 1e300 but a_12 = a_02 = 1 (so λmax is huge but finite).
  const Eigen::MatrixXd wild = matrix({{1, 1e300, 1}, {1e-300, 1, 1}, {1, 1, 1}});
  const auto r = ms::ahp_weights(wild);
  EXPECT_TRUE(std::isfinite(r.lambda_max));
  EXPECT_GT(r.lambda_max, 1e99);
  // λ³ - 3λ² - (a + 1/a) + 2 = 0 for a 3×3 reciprocal matrix with a = a_01·a_12/a_02 = 1e300:
  // λ ≈ a^(1/3) = 1e100 to first order.
  EXPECT_NEAR(r.lambda_max / 1e100, 1.0, 1e-6);
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-14);
  // At the edge of the range: c = 1e308·1e308/1e-308, λ ≈ c^(1/3) ≈ 1e308.
  const Eigen::MatrixXd edge = matrix({{1, 1e308, 1e-308}, {1e-308, 1, 1e308}, {1e308, 1e-308, 1}});
  const auto e = ms::ahp_weights(edge);
  EXPECT_NEAR(e.lambda_max / 1e308, 1.0, 1e-6);
  EXPECT_TRUE(e.weights.allFinite());
  EXPECT_NEAR(e.weights.sum(), 1.0, 1e-14);
}

TEST(Ahp, GeometricMeanVersusEigenvector) {
  // For n = 3 the row geometric means are an eigenvector of any reciprocal matrix
  // (Crawford & Williams 1985), so both methods agree even when inconsistent.
  const auto a3 = ms::pairwise_from_upper(3, {2, 6, 5});  // a02 = 6 but a01·a12 = 10
  ms::AhpOptions gm;
  gm.method = ms::AhpMethod::GeometricMean;
  const auto e3 = ms::ahp_weights(a3);
  const auto g3 = ms::ahp_weights(a3, gm);
  EXPECT_GT(e3.consistency_ratio, 0.0);
  EXPECT_TRUE(e3.weights.isApprox(g3.weights, 1e-12));
  // By hand: (2·6)^(1/3), (5/2)^(1/3), (1/30)^(1/3), normalised.
  const Eigen::Vector3d expected(std::cbrt(12.0), std::cbrt(2.5), std::cbrt(1.0 / 30));
  EXPECT_TRUE(g3.weights.isApprox(expected / expected.sum(), 1e-14)) << g3.weights.transpose();
  // For n = 4 they differ on an inconsistent matrix; λmax is the Perron root either way.
  const auto a4 = ms::pairwise_from_upper(4, {2, 6, 9, 5, 1, 3});
  const auto e4 = ms::ahp_weights(a4);
  const auto g4 = ms::ahp_weights(a4, gm);
  EXPECT_EQ(e4.lambda_max, g4.lambda_max);
  EXPECT_GT((e4.weights - g4.weights).cwiseAbs().maxCoeff(), 1e-4) << e4.weights.transpose() << " / " << g4.weights.transpose();
}

TEST(Ahp, SmallMatricesAreConsistentByDefinition) {
  const auto one = ms::ahp_weights(matrix({{1}}));
  EXPECT_EQ(one.weights(0), 1.0);
  EXPECT_EQ(one.consistency_ratio, 0.0);
  const auto two = ms::ahp_weights(matrix({{1, 3}, {1. / 3, 1}}));
  EXPECT_NEAR(two.weights(0), 0.75, 1e-14);
  EXPECT_NEAR(two.lambda_max, 2.0, 1e-14);
  EXPECT_EQ(two.consistency_index, 0.0);
  EXPECT_EQ(two.consistency_ratio, 0.0);
  EXPECT_EQ(two.random_index, 0.0);
}

TEST(Ahp, PairwiseFromUpper) {
  const auto a = ms::pairwise_from_upper(3, {3, 5, 2});
  EXPECT_EQ(a(0, 1), 3);
  EXPECT_EQ(a(0, 2), 5);
  EXPECT_EQ(a(1, 2), 2);
  EXPECT_EQ(a(2, 1), 0.5);
  EXPECT_EQ(a(1, 1), 1);
  EXPECT_EQ(code_of([] { (void)ms::pairwise_from_upper(3, {3, 5}); }), "ahp.not_square");
  EXPECT_EQ(code_of([] { (void)ms::pairwise_from_upper(2, {0}); }), "ahp.not_positive");
}

TEST(Ahp, RejectsInvalidMatrices) {
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(Eigen::MatrixXd::Ones(2, 3)); }), "ahp.not_square");
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(Eigen::MatrixXd(0, 0)); }), "ahp.not_square");
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(matrix({{1, -2}, {-0.5, 1}})); }), "ahp.not_positive");
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(matrix({{1, 0}, {0, 1}})); }), "ahp.not_positive");
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(matrix({{2, 2}, {0.5, 1}})); }), "ahp.diagonal");
  try {
    (void)ms::ahp_weights(matrix({{1, 3, 1}, {0.33, 1, 1}, {1, 1, 1}}));
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "ahp.not_reciprocal");
    EXPECT_EQ(e.where().field, "entries (0, 1) and (1, 0)") << e.what();
  }
  ms::AhpOptions loose;
  loose.reciprocity_tolerance = 0.02;
  EXPECT_NO_THROW((void)ms::ahp_weights(matrix({{1, 3}, {0.33, 1}}), loose));
  // Saaty's 1980 table stops at n = 10.
  EXPECT_EQ(code_of([] { (void)ms::ahp_weights(Eigen::MatrixXd::Ones(11, 11)); }), "ahp.random_index");
  ms::AhpOptions al;
  al.random_index = ms::RandomIndexTable::alonso_lamata_2006();
  EXPECT_NEAR(ms::ahp_weights(Eigen::MatrixXd::Ones(11, 11), al).weights(3), 1.0 / 11, 1e-15);
  ms::AhpOptions capped;
  capped.max_iterations = 1;
  capped.tolerance = 1e-300;
  EXPECT_EQ(code_of([&] { (void)ms::ahp_weights(ms::pairwise_from_upper(4, {2, 6, 9, 5, 1, 3}), capped); }), "ahp.no_convergence");
}
