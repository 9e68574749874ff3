#include <massline/scoring/pls/bootstrap.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "bank_data.hpp"

namespace massline::scoring::pls {
namespace {

using Eigen::Index;

BootstrapResult run(std::size_t threads, std::uint64_t seed = 7, std::size_t resamples = 120,
                    OuterMode mode = OuterMode::A) {
  BootstrapOptions options;
  options.resamples = resamples;
  options.seed = seed;
  options.threads = threads;
  static const PlsData data = testing::load_bank();
  return PlsBootstrap(PathModel(testing::bank_spec(mode)), options).run(data);
}

void expect_identical(const BootstrapStatistic& a, const BootstrapStatistic& b, const std::string& what) {
  // Bitwise equality, not closeness: the resample streams and the arithmetic must not depend on threads.
  EXPECT_TRUE(a.draws == b.draws) << what << " draws differ";
  EXPECT_TRUE(a.mean == b.mean) << what;
  EXPECT_TRUE(a.std_error == b.std_error) << what;
  EXPECT_TRUE(a.lower == b.lower) << what;
  EXPECT_TRUE(a.upper == b.upper) << what;
}

TEST(PlsBootstrap, IdenticalForOneTwoAndFourThreads) {
  const BootstrapResult one = run(1);
  for (const std::size_t threads : {2U, 4U}) {
    const BootstrapResult other = run(threads);
    const std::string where = std::to_string(threads) + " threads";
    expect_identical(one.paths, other.paths, "paths, " + where);
    expect_identical(one.total_effects, other.total_effects, "total effects, " + where);
    expect_identical(one.r_squared, other.r_squared, "R2, " + where);
    expect_identical(one.outer_weights, other.outer_weights, "weights, " + where);
    expect_identical(one.loadings, other.loadings, "loadings, " + where);
    EXPECT_EQ(one.failed, other.failed) << where;
  }
}

TEST(PlsBootstrap, SummariesAreConsistentWithDraws) {
  const BootstrapResult result = run(2);
  EXPECT_EQ(result.resamples, 120U);
  EXPECT_EQ(result.failed, 0U);
  const BootstrapStatistic& paths = result.paths;
  ASSERT_EQ(paths.draws.rows(), 120);
  ASSERT_EQ(paths.draws.cols(), 36);
  EXPECT_TRUE(paths.estimate == result.fit.paths);
  // Column-major flattening: column from + J * to holds path (from, to).
  const Index sat_loy = 4 + 6 * 5;
  std::vector<double> v(paths.draws.col(sat_loy).data(), paths.draws.col(sat_loy).data() + 120);
  std::sort(v.begin(), v.end());
  // Type-7 quantiles: h = 119 * 0.025 = 2.975 and 119 * 0.975 = 116.025.
  EXPECT_NEAR(paths.lower(4, 5), v[2] + 0.975 * (v[3] - v[2]), 1e-15);
  EXPECT_NEAR(paths.upper(4, 5), v[116] + 0.025 * (v[117] - v[116]), 1e-15);
  double mean = 0;
  for (const double x : v) mean += x / 120.0;
  double ss = 0;
  for (const double x : v) ss += (x - mean) * (x - mean);
  EXPECT_NEAR(paths.mean(4, 5), mean, 1e-14);
  EXPECT_NEAR(paths.std_error(4, 5), std::sqrt(ss / 119.0), 1e-14);
  // A path that is not in the model stays exactly zero in every resample.
  EXPECT_EQ(paths.std_error(5, 4), 0.0);
  EXPECT_EQ(paths.upper(0, 3), 0.0);
  // Plausibility: the strong SAT -> LOY path is clearly away from zero; its interval holds the estimate.
  EXPECT_GT(paths.lower(4, 5), 0.2);
  EXPECT_LT(paths.lower(4, 5), paths.estimate(4, 5));
  EXPECT_GT(paths.upper(4, 5), paths.estimate(4, 5));
  EXPECT_GT(paths.std_error(4, 5), 0.01);
  EXPECT_LT(paths.std_error(4, 5), 0.2);
  EXPECT_EQ(result.outer_weights.draws.cols(), 27);
  EXPECT_EQ(result.loadings.estimate.rows(), 27);
  EXPECT_EQ(result.r_squared.estimate.rows(), 6);
  EXPECT_EQ(result.r_squared.std_error(0), 0.0) << "exogenous R2 is always 0";
}

TEST(PlsBootstrap, SeedsAndModesMatter) {
  const BootstrapResult a = run(1, 1, 20);
  const BootstrapResult b = run(1, 2, 20);
  EXPECT_FALSE(a.paths.draws == b.paths.draws);
  const BootstrapResult again = run(1, 1, 20);
  EXPECT_TRUE(a.paths.draws == again.paths.draws);
  // Prefix property: resample b does not depend on B.
  const BootstrapResult longer = run(1, 1, 30);
  EXPECT_TRUE(longer.paths.draws.topRows(20) == a.paths.draws);
  const BootstrapResult mode_b = run(2, 1, 20, OuterMode::B);
  EXPECT_EQ(mode_b.failed, 0U);
  EXPECT_GT(mode_b.outer_weights.std_error.maxCoeff(), 0.0);
}

TEST(PlsBootstrap, ConsistentPlsResamplesTheCorrectedEstimates) {
  const BootstrapResult one = run(1, 3, 60, OuterMode::AConsistent);
  const BootstrapResult two = run(2, 3, 60, OuterMode::AConsistent);
  expect_identical(one.paths, two.paths, "PLSc paths");
  expect_identical(one.loadings, two.loadings, "PLSc loadings");
  // The point estimate is the PLSc fit, and each resample is one too: its loadings are
  // sqrt(rho_A) w / (w'w), which differ from the Mode A loadings of the same resample.
  // Resamples where EXPE and QUAL (HTMT .98) disattenuate past 1 are inadmissible: dropped
  // and counted, not fatal. The others keep the Mode A weights of the same resample.
  const BootstrapResult plain = run(1, 3, 60, OuterMode::A);
  ASSERT_EQ(plain.failed, 0U);
  EXPECT_LT(one.failed, 30U);
  Index row = 0;
  for (std::size_t b = 0; b < 60; ++b) {
    if (std::find(one.failed_indices.begin(), one.failed_indices.end(), b) != one.failed_indices.end()) continue;
    EXPECT_TRUE(one.outer_weights.draws.row(row) == plain.outer_weights.draws.row(static_cast<Index>(b))) << b;
    EXPECT_FALSE(one.loadings.draws.row(row) == plain.loadings.draws.row(static_cast<Index>(b))) << b;
    ++row;
  }
  EXPECT_EQ(row, one.outer_weights.draws.rows());
  const PathModelResult fit = PathModel(testing::bank_spec(OuterMode::AConsistent)).fit(testing::load_bank());
  EXPECT_TRUE(one.paths.estimate == fit.paths);
  // EXPE -> VAL is -1.71 in the PLSc fit; its resamples centre near it.
  EXPECT_NEAR(one.paths.mean(1, 3), fit.paths(1, 3), 4 * one.paths.std_error(1, 3));
}

TEST(PlsBootstrap, DegenerateResamplesAreCountedNotFatal) {
  // A nearly constant indicator: resamples that miss its one deviant row make it constant.
  PlsData data = testing::load_bank();
  data.values.conservativeResize(30, Eigen::NoChange);
  data.values.col(0).setConstant(5.0);
  data.values(3, 0) = 6.0;
  BootstrapOptions options;
  options.resamples = 200;
  options.threads = 2;
  const BootstrapResult result = PlsBootstrap(PathModel(testing::bank_spec()), options).run(data);
  // P(row 3 never drawn in 30 draws) = (29/30)^30 ~ 0.36.
  EXPECT_GT(result.failed, 30U);
  EXPECT_LT(result.failed, 120U);
  EXPECT_EQ(result.failed_indices.size(), result.failed);
  EXPECT_EQ(result.paths.draws.rows(), static_cast<Index>(200 - result.failed));
  EXPECT_TRUE(std::is_sorted(result.failed_indices.begin(), result.failed_indices.end()));
}

TEST(PlsBootstrap, OptionsAndDataAreValidated) {
  BootstrapOptions options;
  options.resamples = 1;
  EXPECT_THROW(PlsBootstrap(PathModel(testing::bank_spec()), options), InvalidArgument);
  options.resamples = 10;
  options.confidence = 1.0;
  EXPECT_THROW(PlsBootstrap(PathModel(testing::bank_spec()), options), InvalidArgument);
  options.confidence = 0.9;
  PlsData data = testing::load_bank();
  data.values(0, 0) = std::nan("");
  try {
    (void)PlsBootstrap(PathModel(testing::bank_spec()), options).run(data);
    ADD_FAILURE() << "expected pls.non_finite";
  } catch (const InvalidArgument& error) {
    EXPECT_EQ(error.code(), "pls.non_finite") << error.what();
  }
}

}  // namespace
}  // namespace massline::scoring::pls
