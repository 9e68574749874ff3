// Quantile wrappers against values computed with SciPy 1.10 (scipy.stats.norm/t/beta.ppf)
// and against closed forms of special beta distributions.
#include <massline/scoring/distributions.hpp>

#include <gtest/gtest.h>

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
