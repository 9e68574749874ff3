// Quantile wrappers against values computed with SciPy 1.10 (scipy.stats.norm/t/beta.ppf)
// and against closed forms of special beta distributions.
#include <massline/scoring/distributions.hpp>

#include <boost/math/special_functions/beta.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

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

TEST(Distributions, NormalQuantileMatchesScipy) {
  EXPECT_NEAR(ms::normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(ms::normal_quantile(0.025), -1.9599639845400545, 1e-14);
  EXPECT_NEAR(ms::normal_critical(0.95), 1.959963984540054, 1e-14);
  EXPECT_NEAR(ms::normal_critical(0.99), 2.5758293035489004, 1e-14);
}

TEST(Distributions, StudentTQuantileMatchesClosedForms) {
  // df = 1 is the Cauchy distribution: t = tan(π(p − ½)); df = 2: t = (2p − 1)/sqrt(2p(1 − p)).
  for (double p : {0.6, 0.9, 0.975, 0.995, 0.05}) {
    EXPECT_NEAR(ms::student_t_quantile(p, 1), std::tan(std::numbers::pi * (p - 0.5)), 1e-13 * std::fabs(std::tan(std::numbers::pi * (p - 0.5)))) << p;
    EXPECT_NEAR(ms::student_t_quantile(p, 2), (2 * p - 1) / std::sqrt(2 * p * (1 - p)), 1e-13) << p;
  }
  EXPECT_NEAR(ms::student_t_critical(0.95, 1), 12.706204736174696, 1e-12);
}

TEST(Distributions, StudentTQuantileMatchesScipy) {
  // SciPy 1.10's t.ppf (cephes stdtri) is itself only good to about 1e-10 relative
  // (its own t.sf of the result misses 0.025 by up to 8e-11), hence the tolerance.
  struct Case { double p, df, expected; };
  for (auto c : {Case{0.975, 10, 2.2281388519649385}, Case{0.995, 5, 4.032142983557536},
                 Case{0.95, 2.5, 2.5582186141360017}, Case{0.975, 1e6, 1.9599663568141066}}) {
    EXPECT_NEAR(ms::student_t_quantile(c.p, c.df), c.expected, 1e-9 * c.expected) << "p=" << c.p << " df=" << c.df;
  }
  EXPECT_NEAR(ms::student_t_critical(0.95, 10), 2.2281388519649385, 1e-9);
}

TEST(Distributions, BetaQuantileMatchesScipyAndClosedForms) {
  EXPECT_NEAR(ms::beta_quantile(0.025, 3, 8), 0.06673951117773447, 1e-13);
  EXPECT_NEAR(ms::beta_quantile(0.975, 4, 7), 0.6524528500599973, 1e-13);
  EXPECT_NEAR(ms::beta_quantile(0.5, 2.5, 0.7), 0.8415021788414839, 1e-13);
  EXPECT_NEAR(ms::beta_quantile(1e-6, 5, 5), 0.024380981416890612, 1e-13);
  EXPECT_NEAR(ms::beta_upper_quantile(0.025, 4, 7), 0.6524528500599973, 1e-13);
  for (double p : {0.01, 0.3, 0.77}) {
    EXPECT_NEAR(ms::beta_quantile(p, 1, 1), p, 1e-14) << p;                                // uniform
    EXPECT_NEAR(ms::beta_quantile(p, 3, 1), std::pow(p, 1.0 / 3.0), 1e-14) << p;           // I_x(a,1) = x^a
    EXPECT_NEAR(ms::beta_quantile(p, 1, 4), 1.0 - std::pow(1.0 - p, 0.25), 1e-14) << p;    // I_x(1,b) = 1-(1-x)^b
  }
}

TEST(Distributions, RejectsBadArguments) {
  EXPECT_EQ(code_of([] { (void)ms::normal_quantile(0.0); }), "distribution.probability");
  EXPECT_EQ(code_of([] { (void)ms::normal_quantile(1.0); }), "distribution.probability");
  EXPECT_EQ(code_of([] { (void)ms::normal_quantile(std::nan("")); }), "distribution.probability");
  EXPECT_EQ(code_of([] { (void)ms::student_t_quantile(0.5, 0.0); }), "distribution.degrees_of_freedom");
  EXPECT_EQ(code_of([] { (void)ms::beta_quantile(0.5, -1.0, 2.0); }), "distribution.shape");
  EXPECT_EQ(code_of([] { (void)ms::beta_quantile(1.5, 1.0, 2.0); }), "distribution.probability");
  EXPECT_EQ(code_of([] { (void)ms::normal_critical(1.0); }), "interval.level");
  EXPECT_EQ(code_of([] { (void)ms::student_t_critical(0.0, 3.0); }), "interval.level");
  EXPECT_EQ(code_of([] { (void)ms::student_t_critical(0.9, -2.0); }), "distribution.degrees_of_freedom");
}

TEST(Distributions, HugeBetaShapesAnswerAtOnce) {
  // Issue 14: Boost's root finding did not return for these (a = b = 1e50; 7 s at 1e21).
  EXPECT_EQ(ms::beta_quantile(0.5, 1e50, 1e50), 0.5);
  EXPECT_EQ(ms::beta_quantile(0.5, 1e21, 1e21), 0.5);
  // sd = 0.5/sqrt(2e50 + 1) is far below the spacing of doubles near 0.5.
  EXPECT_EQ(ms::beta_quantile(0.3, 1e50, 1e50), 0.5);
  EXPECT_EQ(ms::beta_quantile(0.025, 5e307, 5e307 + 1), 0.5);
  EXPECT_EQ(ms::beta_upper_quantile(0.025, 1.7e308, 1.7e308), 0.5);
  // One huge shape: b·X tends to Gamma(a); the median of Gamma(1) is ln 2.
  EXPECT_NEAR(ms::beta_quantile(0.5, 1, 1e300) * 1e300, std::numbers::ln2, 1e-15);
  EXPECT_NEAR(1.0 - ms::beta_quantile(0.5, 1e300, 1), 0.0, 1e-300);
  EXPECT_EQ(ms::beta_quantile(0.0, 1e300, 1e300), 0.0);
  EXPECT_EQ(ms::beta_quantile(1.0, 1e300, 1e300), 1.0);
  // A tiny and a huge shape: the mass is at 0.
  EXPECT_EQ(ms::beta_quantile(0.999, 1e-300, 1e300), 0.0);
}

TEST(Distributions, SymmetricBetaMedianIsOneHalf) {
  // Boost 1.74's ibeta_inv(5, 5, 0.5) reports that it finds no root.
  for (double a : {0.5, 1.0, 5.0, 7.0, 1e3, 1e9}) EXPECT_EQ(ms::beta_quantile(0.5, a, a), 0.5) << a;
}

TEST(Distributions, AsymptoticBetaMeetsBoostAtTheSwitch) {
  // Just above kBetaAsymptoticShape Boost is still exact and fast, so it is the oracle for the
  // asymptotic forms (bounds documented in docs/scoring.md, "Distributions").
  const double big = ms::kBetaAsymptoticShape * (1.0 + 1e-7);
  for (double other : {0.5, 5.0, 1e3, 1e5, 0.99 * ms::kBetaNormalShape, ms::kBetaNormalShape, 1e8, big}) {
    for (double p : {1e-10, 0.025, 0.3, 0.5, 0.975, 1.0 - 1e-10}) {
      const double central = p >= 0.025 && p <= 0.975 ? 5e-12 : 2e-11;
      for (bool swap : {false, true}) {
        const double a = swap ? big : other;
        const double b = swap ? other : big;
        const double exact = boost::math::ibeta_inv(a, b, p);
        const double exact_upper = boost::math::ibetac_inv(a, b, p);
        // Relative to the smaller of x and 1 − x: that is the part a double holds.
        EXPECT_NEAR(ms::beta_quantile(p, a, b), exact, central * std::min(exact, 1.0 - exact))
            << "a=" << a << " b=" << b << " p=" << p;
        EXPECT_NEAR(ms::beta_upper_quantile(p, a, b), exact_upper, central * std::min(exact_upper, 1.0 - exact_upper))
            << "upper a=" << a << " b=" << b << " q=" << p;
      }
    }
  }
}

TEST(Distributions, BoostFailuresAreLocatedMasslineErrors) {
  // t with df = 1e-300 has quantiles beyond the largest double.
  try {
    (void)ms::student_t_quantile(0.975, 1e-300);
    ADD_FAILURE() << "no error";
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "distribution.overflow");
    EXPECT_EQ(e.where().entity, "student_t_quantile(p=0.97499999999999998, df=1e-300)");
  }
  EXPECT_EQ(code_of([] { (void)ms::student_t_critical(0.95, 1e-300); }), "distribution.overflow");
  // Boost's root finder gives up in this far tail: a ConvergenceError, not a raw exception.
  try {
    (void)ms::beta_quantile(1e-300, 5, 1000);
  } catch (const massline::ConvergenceError& e) {
    EXPECT_EQ(e.code(), "distribution.convergence");
    EXPECT_NE(e.where().entity.find("beta_quantile(p=1e-300"), std::string::npos);
  }
  EXPECT_EQ(code_of([] { (void)ms::beta_quantile(0.5, 1.0, std::numeric_limits<double>::infinity()); }),
            "distribution.shape");
  EXPECT_EQ(code_of([] { (void)ms::student_t_quantile(0.5, std::numeric_limits<double>::infinity()); }),
            "distribution.degrees_of_freedom");
}
