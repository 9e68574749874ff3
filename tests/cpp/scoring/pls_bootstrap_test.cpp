#include <massline/scoring/pls_bootstrap.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "pls_bank_data.hpp"

namespace massline::scoring {
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
  options.level = 1.0;
  EXPECT_THROW(PlsBootstrap(PathModel(testing::bank_spec()), options), InvalidArgument);
  options.level = 0.9;
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
}  // namespace massline::scoring
