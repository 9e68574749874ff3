#include <massline/scoring/distributions.hpp>

#include <boost/math/distributions/complement.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace massline::scoring {
namespace {

// Shortest round-trip text of a number (std::to_string prints 1e-300 as 0.000000).
std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The one place where Boost.Math errors become massline errors, located by the call
// ("beta_quantile(p=0.5, a=5, b=1e+300)"). A result beyond the largest double is an
// InvalidArgument (the question has no double answer); anything else Boost reports (its root
// finders giving up, a tail it cannot evaluate) is a ConvergenceError.
template <class F>
double translated(std::string_view function, const std::string& arguments, F&& compute) {
  const auto where = [&] { return Location::of(std::string(function) + "(" + arguments + ")"); };
  try {
    return compute();
  } catch (const std::overflow_error& e) {
    throw InvalidArgument("distribution.overflow", "the result is not representable as a double", where(),
                          e.what());
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw ConvergenceError("distribution.convergence", "the quantile could not be computed", where(), e.what());
  }
}

void check_probability_closed(double p) {
  require(std::isfinite(p) && p >= 0.0 && p <= 1.0, "distribution.probability",
          "probability must lie in [0, 1], got " + number(p));
}

void check_probability_open(double p) {
  require(std::isfinite(p) && p > 0.0 && p < 1.0, "distribution.probability",
          "probability must lie strictly between 0 and 1, got " + number(p));
}

void check_shapes(double a, double b) {
  require(std::isfinite(a) && std::isfinite(b) && a > 0.0 && b > 0.0, "distribution.shape",
          "beta shape parameters must be positive and finite, got a=" + number(a) + " b=" + number(b));
}

void check_degrees_of_freedom(double df) {
  require(std::isfinite(df) && df > 0.0, "distribution.degrees_of_freedom",
          "degrees of freedom must be positive and finite, got " + number(df));
}

// Asymptotic beta quantiles (kBetaAsymptoticShape < max(a, b)). `lower` is the lower-tail
// probability and `upper` = 1 − lower, both given so that either tail keeps its precision.
//
// Both shapes large (>= kBetaNormalShape): the Cornish–Fisher expansion of Beta(a, b) to
// second order (skewness and excess kurtosis terms). Its error is O(min(a, b)^-2) relative
// (measured bounds in docs/scoring.md). Long double keeps a + b and a·b finite for any
// double shapes.
//
// The smaller shape below kBetaNormalShape: X = G_a / (G_a + G_b) with gamma variables; G_b
// concentrates at b, so b·X/(1 − X) is close to G_a. With g the gamma quantile, averaging over
// the spread of G_b moves it to y = g − g(a − 1 − g)/(2b) (first order in 1/b), and
// x = y / (b + y). Error about a^1.5 / b² relative.
long double asymptotic_lower(double lower, double upper, double a, double b) {
  if (std::min(a, b) >= kBetaNormalShape) {
    const double z = lower <= upper
                         ? boost::math::quantile(boost::math::normal_distribution<double>(), lower)
                         : -boost::math::quantile(boost::math::normal_distribution<double>(), upper);
    const long double la = a, lb = b, s = la + lb, zz = z;
    const long double mean = la / s;
    const long double sd = std::sqrt(la * lb / (s * s * (s + 1.0L)));
    const long double skew = 2.0L * (lb - la) * std::sqrt(s + 1.0L) / ((s + 2.0L) * std::sqrt(la * lb));
    const long double kurt =
        6.0L * ((la - lb) * (la - lb) * (s + 1.0L) - la * lb * (s + 2.0L)) / (la * lb * (s + 2.0L) * (s + 3.0L));
    const long double w = zz + skew * (zz * zz - 1.0L) / 6.0L + kurt * (zz * zz * zz - 3.0L * zz) / 24.0L -
                          skew * skew * (2.0L * zz * zz * zz - 5.0L * zz) / 36.0L;
    return std::clamp(mean + sd * w, 0.0L, 1.0L);
  }
  if (a < b) {
    // A shape below 1/DBL_MAX overflows Γ(a) inside Boost; there P(G_a <= g) = g^a/Γ(a + 1)
    // with Γ(a + 1) = 1 to double precision, so g = p^(1/a) (zero unless p = 1).
    const long double g = a * std::numeric_limits<double>::max() < 1.0
                              ? std::pow(static_cast<long double>(lower), 1.0L / a)
                          : lower <= upper ? boost::math::gamma_p_inv(a, lower)
                                           : boost::math::gamma_q_inv(a, upper);
    const long double y = std::max(g - g * (static_cast<long double>(a) - 1.0L - g) / (2.0L * b), 0.0L);
    return y / (b + y);
  }
  // 1 − X ~ Beta(b, a): the lower quantile of X is 1 minus the upper quantile of 1 − X.
  return 1.0L - asymptotic_lower(upper, lower, b, a);
}

// Quantile of Beta(a, b) at lower-tail probability `lower` (= 1 − `upper`); `use_upper` says
// which of the two the caller gave exactly, so Boost is asked with that one.
double beta_quantile_checked(double lower, double upper, bool use_upper, double a, double b) {
  if (lower == 0.0) return 0.0;
  if (upper == 0.0) return 1.0;
  // Symmetry gives the median of a symmetric beta exactly; Boost 1.74's Newton iteration
  // fails on it (ibeta_inv(5, 5, 0.5) finds "no root").
  if (a == b && lower == 0.5) return 0.5;
  if (std::max(a, b) > kBetaAsymptoticShape) return static_cast<double>(asymptotic_lower(lower, upper, a, b));
  return use_upper ? boost::math::ibetac_inv(a, b, upper) : boost::math::ibeta_inv(a, b, lower);
}

}  // namespace

double normal_quantile(double p) {
  check_probability_open(p);
  return translated("normal_quantile", "p=" + number(p),
                    [&] { return boost::math::quantile(boost::math::normal_distribution<double>(), p); });
}

double student_t_quantile(double p, double df) {
  check_probability_open(p);
  check_degrees_of_freedom(df);
  return translated("student_t_quantile", "p=" + number(p) + ", df=" + number(df), [&] {
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
  });
}

double beta_quantile(double p, double a, double b) {
  check_probability_closed(p);
  check_shapes(a, b);
  return translated("beta_quantile", "p=" + number(p) + ", a=" + number(a) + ", b=" + number(b),
                    [&] { return beta_quantile_checked(p, 1.0 - p, false, a, b); });
}

double beta_upper_quantile(double q, double a, double b) {
  check_probability_closed(q);
  check_shapes(a, b);
  return translated("beta_upper_quantile", "q=" + number(q) + ", a=" + number(a) + ", b=" + number(b),
                    [&] { return beta_quantile_checked(1.0 - q, q, true, a, b); });
}

double normal_critical(double level) {
  check_level(level);
  // Upper tail by complement, so levels close to 1 keep their precision.
  return translated("normal_critical", "level=" + number(level), [&] {
    return boost::math::quantile(
        boost::math::complement(boost::math::normal_distribution<double>(), (1.0 - level) / 2.0));
  });
}

double student_t_critical(double level, double df) {
  check_level(level);
  check_degrees_of_freedom(df);
  return translated("student_t_critical", "level=" + number(level) + ", df=" + number(df), [&] {
    return boost::math::quantile(
        boost::math::complement(boost::math::students_t_distribution<double>(df), (1.0 - level) / 2.0));
  });
}

}  // namespace massline::scoring
