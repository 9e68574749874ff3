// Proportion intervals against statsmodels 0.13.5 proportion_confint (which clips
// agresti_coull and normal/Wald to [0, 1]; compared here with clip=true).
#include <massline/scoring/proportion_interval.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace ms = massline::scoring;
using ms::IntervalMethod;

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

struct Reference {
  IntervalMethod method;
  double x, n, level, low, high;
};
}  // namespace

TEST(ProportionInterval, MatchesStatsmodels) {
  const Reference cases[] = {
      {IntervalMethod::Wilson, 81, 263, 0.95, 0.2552885198782742, 0.36620957698280004},
      {IntervalMethod::Wilson, 0, 10, 0.95, 0.0, 0.27753279986288926},
      {IntervalMethod::Wilson, 10, 10, 0.95, 0.7224672001371106, 1.0},
      {IntervalMethod::Wilson, 3, 17, 0.90, 0.07281446654706442, 0.36896697806902595},
      {IntervalMethod::Wilson, 1, 2, 0.99, 0.06171307677810173, 0.9382869232218982},
      {IntervalMethod::AgrestiCoull, 81, 263, 0.95, 0.25522066518999675, 0.3662774316710775},
      {IntervalMethod::AgrestiCoull, 0, 10, 0.95, 0.0, 0.3208873057505458},
      {IntervalMethod::AgrestiCoull, 10, 10, 0.95, 0.6791126942494543, 1.0},
      {IntervalMethod::AgrestiCoull, 3, 17, 0.90, 0.06717405002431681, 0.37460739459177356},
      {IntervalMethod::Wald, 81, 263, 0.95, 0.2521901262131072, 0.36377945553594226},
      {IntervalMethod::Wald, 3, 17, 0.90, 0.02438834145857638, 0.3285528350120119},
      {IntervalMethod::Wald, 1, 2, 0.99, 0.0, 1.0},
      {IntervalMethod::ClopperPearson, 81, 263, 0.95, 0.2527367455852713, 0.3676219226013513},
      {IntervalMethod::ClopperPearson, 0, 10, 0.95, 0.0, 0.30849710781876083},
      {IntervalMethod::ClopperPearson, 10, 10, 0.95, 0.6915028921812392, 1.0},
      {IntervalMethod::ClopperPearson, 3, 17, 0.90, 0.04989815455742298, 0.39564143344482106},
      {IntervalMethod::ClopperPearson, 1, 2, 0.99, 0.002503132836999833, 0.9974968671630001},
  };
  for (const auto& c : cases) {
    const auto ci = ms::proportion_interval(c.x, c.n, c.method, c.level, /*clip=*/true);
    EXPECT_NEAR(ci.low, c.low, 1e-12) << massline::to_name(c.method) << " x=" << c.x << " n=" << c.n << " level=" << c.level;
    EXPECT_NEAR(ci.high, c.high, 1e-12) << massline::to_name(c.method) << " x=" << c.x << " n=" << c.n << " level=" << c.level;
  }
}

TEST(ProportionInterval, ClipOnlyMattersForAgrestiCoullAndWald) {
  // Not nested across levels when unclipped: documented in docs/scoring.md.
  EXPECT_GT(ms::proportion_interval(0, 1, IntervalMethod::AgrestiCoull, 0.99).low,
            ms::proportion_interval(0, 1, IntervalMethod::AgrestiCoull, 0.8).low);
  const auto raw = ms::proportion_interval(0, 10, IntervalMethod::AgrestiCoull, 0.95, false);
  EXPECT_LT(raw.low, 0.0) << "unclipped Agresti-Coull at x=0 reaches below 0";
  const auto wald = ms::proportion_interval(1, 2, IntervalMethod::Wald, 0.99, false);
  EXPECT_LT(wald.low, 0.0);
  EXPECT_GT(wald.high, 1.0);
  for (auto m : {IntervalMethod::Wilson, IntervalMethod::ClopperPearson})
    for (double x : {0.0, 1.0, 9.0, 10.0})
      EXPECT_EQ(ms::proportion_interval(x, 10, m, 0.95, false), ms::proportion_interval(x, 10, m, 0.95, true))
          << massline::to_name(m) << " x=" << x;
}

TEST(ProportionInterval, ContainsEstimateAndWidensWithLevel) {
  // Unclipped Agresti-Coull is not nested below 0 (at x = 0 its negative lower end moves
  // up with the level as p̃ grows), so the nesting check clips the two normal-based methods.
  for (auto m : {IntervalMethod::Wilson, IntervalMethod::AgrestiCoull, IntervalMethod::Wald, IntervalMethod::ClopperPearson})
    for (double n : {1.0, 7.0, 50.0, 1000.0})
      for (double x = 0; x <= n; x += std::max(1.0, std::floor(n / 7))) {
        const double p = x / n;
        const bool clip = m == IntervalMethod::AgrestiCoull || m == IntervalMethod::Wald;
        const auto narrow = ms::proportion_interval(x, n, m, 0.8, clip);
        const auto wide = ms::proportion_interval(x, n, m, 0.99, clip);
        EXPECT_TRUE(narrow.contains(p)) << massline::to_name(m) << " x=" << x << " n=" << n;
        EXPECT_LE(wide.low, narrow.low + 1e-15) << massline::to_name(m) << " x=" << x << " n=" << n;
        EXPECT_GE(wide.high, narrow.high - 1e-15) << massline::to_name(m) << " x=" << x << " n=" << n;
      }
}

TEST(ProportionInterval, NonIntegerCountsForEffectiveSizes) {
  // Weighted data give fractional (x, n); the Wilson formula is continuous in both.
  const auto a = ms::proportion_interval(40.5, 50.25, IntervalMethod::Wilson, 0.95);
  const auto b = ms::proportion_interval(40.5 + 1e-9, 50.25, IntervalMethod::Wilson, 0.95);
  EXPECT_NEAR(a.low, b.low, 1e-8);
  const auto cp = ms::proportion_interval(0.5, 3.2, IntervalMethod::ClopperPearson, 0.95);
  EXPECT_GT(cp.low, 0.0);
  EXPECT_LT(cp.high, 1.0);
}

TEST(ProportionInterval, RejectsBadInput) {
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(1, 0); }), "interval.counts");
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(-1, 5); }), "interval.counts");
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(6, 5); }), "interval.counts");
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(std::nan(""), 5); }), "interval.counts");
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(1, 5, IntervalMethod::Wilson, 1.0); }), "interval.level");
  EXPECT_EQ(code_of([] { (void)ms::proportion_interval(1, 5, IntervalMethod::Wilson, 0.0); }), "interval.level");
}

TEST(ProportionInterval, MethodNames) {
  EXPECT_EQ(massline::from_name<IntervalMethod>("clopper_pearson", "interval method"), IntervalMethod::ClopperPearson);
  EXPECT_EQ(massline::to_name(IntervalMethod::AgrestiCoull), "agresti_coull");
  EXPECT_EQ(code_of([] { (void)massline::from_name<IntervalMethod>("exact", "interval method"); }), "enum.unknown");
}

TEST(ProportionInterval, HugeCountsAnswerForEveryMethod) {
  // Issue 14: Clopper–Pearson took 7 s at 1e21 trials and did not return at 1e308.
  for (auto method : {IntervalMethod::Wilson, IntervalMethod::AgrestiCoull, IntervalMethod::Wald,
                      IntervalMethod::ClopperPearson}) {
    for (auto [x, n] : {std::pair{5e307, 1e308}, std::pair{1e21, 2e21}, std::pair{3.0, 1e300}, std::pair{1e300 - 3e284, 1e300}}) {
      const auto interval = ms::proportion_interval(x, n, method, 0.95, true);
      const double p = x / n;
      EXPECT_TRUE(std::isfinite(interval.low) && std::isfinite(interval.high)) << x << "/" << n;
      EXPECT_LE(interval.low, p) << x << "/" << n;
      EXPECT_GE(interval.high, p) << x << "/" << n;
      EXPECT_GE(interval.low, 0.0);
      EXPECT_LE(interval.high, 1.0);
    }
  }
  // Three successes in 1e300 trials: b·X tends to Gamma(a), so the bounds are gamma quantiles
  // over n (SciPy: gamma.ppf(0.025, 3), gamma.isf(0.025, 4)).
  const auto cp = ms::proportion_interval(3.0, 1e300, IntervalMethod::ClopperPearson);
  EXPECT_NEAR(cp.low * 1e300, 0.6186721228956014, 1e-13);
  EXPECT_NEAR(cp.high * 1e300, 8.767273069742325, 1e-12);
}
