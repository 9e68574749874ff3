#include <massline/scoring/pls/quality.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "bank_data.hpp"

namespace massline::scoring::pls {
namespace {

/// Correlation matrix of p parallel items with common correlation r.
Eigen::MatrixXd compound_symmetry(Eigen::Index p, double r) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Constant(p, p, r);
  m.diagonal().setOnes();
  return m;
}

TEST(PlsQuality, AlphaOfParallelItemsIsSpearmanBrown) {
  for (const Eigen::Index p : {2, 4, 7}) {
    for (const double r : {0.1, 0.5, 0.9}) {
      const double expected = static_cast<double>(p) * r / (1 + static_cast<double>(p - 1) * r);
      EXPECT_NEAR(cronbach_alpha(compound_symmetry(p, r)), expected, 1e-14) << "p=" << p << " r=" << r;
    }
  }
  EXPECT_EQ(cronbach_alpha(Eigen::MatrixXd::Identity(1, 1)), 1.0);
  // Raw alpha depends on item variances; scaling all items by one constant leaves it unchanged.
  Eigen::MatrixXd cov(3, 3);
  cov << 4, 1, 2, 1, 1, 0.5, 2, 0.5, 9;
  const double alpha = 1.5 * (1 - 14.0 / 21.0);
  EXPECT_NEAR(cronbach_alpha(cov), alpha, 1e-14);
  EXPECT_NEAR(cronbach_alpha(25.0 * cov), alpha, 1e-14);
  EXPECT_THROW((void)cronbach_alpha(Eigen::MatrixXd(2, 3)), InvalidArgument);
}

TEST(PlsQuality, CompositeReliabilityAndRhoAForParallelItems) {
  // One-factor model with equal loadings l: rho_c = rho_A = p l^2 / (p l^2 + 1 - l^2).
  const double l = 0.8;
  const Eigen::Index p = 4;
  const double expected = static_cast<double>(p) * l * l / (static_cast<double>(p) * l * l + 1 - l * l);
  EXPECT_NEAR(composite_reliability(Eigen::VectorXd::Constant(p, l)), expected, 1e-14);
  // The correlation matrix implied by that factor model; with equal weights rho_A recovers it too.
  const Eigen::MatrixXd r = compound_symmetry(p, l * l);
  EXPECT_NEAR(rho_a(Eigen::VectorXd::Ones(p), r), expected, 1e-14);
  EXPECT_NEAR(rho_a(Eigen::VectorXd::Constant(p, 3.0), r), expected, 1e-14) << "scale of the weights is irrelevant";
  EXPECT_EQ(rho_a(Eigen::VectorXd::Ones(1), Eigen::MatrixXd::Identity(1, 1)), 1.0);
  EXPECT_THROW((void)rho_a(Eigen::VectorXd::Ones(3), r), InvalidArgument);
  EXPECT_THROW((void)composite_reliability(Eigen::VectorXd()), InvalidArgument);
}

TEST(PlsQuality, UnidimensionalityOfCompoundSymmetry) {
  const Eigen::MatrixXd r = compound_symmetry(5, 0.4);
  const Unidimensionality u = unidimensionality(r);
  EXPECT_NEAR(u.first_eigenvalue, 1 + 4 * 0.4, 1e-12);
  EXPECT_NEAR(u.second_eigenvalue, 0.6, 1e-12);
  EXPECT_NEAR(u.cronbach_alpha_standardized, cronbach_alpha(r), 1e-15);
  // First-PC loadings are all sqrt(2.6 / 5).
  EXPECT_NEAR(u.dillon_goldstein_rho, composite_reliability(Eigen::VectorXd::Constant(5, std::sqrt(2.6 / 5))), 1e-12);
  const Unidimensionality single = unidimensionality(Eigen::MatrixXd::Identity(1, 1));
  EXPECT_EQ(single.dillon_goldstein_rho, 1.0);
  EXPECT_EQ(single.second_eigenvalue, 0.0);
}

TEST(PlsQuality, HtmtByHand) {
  // Blocks A = {a1, a2}, B = {b1, b2, b3}, C = {c1}.
  const PlsModelSpec spec({{"A", {"a1", "a2"}, OuterMode::A}, {"B", {"b1", "b2", "b3"}, OuterMode::A},
                           {"C", {"c1"}, OuterMode::A}},
                          {{"A", "B"}, {"B", "C"}});
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(6, 6);
  auto set = [&r](Eigen::Index i, Eigen::Index j, double v) { r(i, j) = r(j, i) = v; };
  set(0, 1, 0.6);                                   // monotrait A: 0.6
  set(2, 3, 0.5);                                   // monotrait B: (0.5 + 0.7 + 0.6) / 3
  set(2, 4, 0.7);
  set(3, 4, 0.6);
  for (const auto& [i, j, v] : {std::tuple{0, 2, 0.3}, std::tuple{0, 3, 0.2}, std::tuple{0, 4, 0.4},
                                std::tuple{1, 2, 0.1}, std::tuple{1, 3, 0.5}, std::tuple{1, 4, 0.3}}) {
    set(i, j, v);  // heterotrait A-B, mean 0.3
  }
  set(5, 0, 0.2);
  const Eigen::MatrixXd h = htmt(r, spec);
  EXPECT_NEAR(h(0, 1), 0.3 / 0.6, 1e-14);
  EXPECT_NEAR(h(1, 0), h(0, 1), 0.0);
  EXPECT_TRUE(std::isnan(h(0, 0)));
  EXPECT_TRUE(std::isnan(h(0, 2))) << "C has one indicator";
  EXPECT_TRUE(std::isnan(h(2, 1)));
  EXPECT_THROW((void)htmt(Eigen::MatrixXd::Identity(5, 5), spec), InvalidArgument);
}

}  // namespace
}  // namespace massline::scoring::pls
