#pragma once
/// @file
/// Quantiles of the normal, Student-t and beta distributions used by the interval
/// estimators. Thin, argument-checked wrappers over Boost.Math, whose quantiles are
/// computed to full double precision (the beta quantile inverts the regularized
/// incomplete beta function by root finding; no closed-form approximations).

#include <massline/core/error.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <string>

namespace massline::scoring {

/// Throws InvalidArgument("interval.level") unless 0 < level < 1.
inline void check_level(double level) {
  require(std::isfinite(level) && level > 0.0 && level < 1.0, "interval.level",
          "confidence level must lie strictly between 0 and 1, got " + std::to_string(level));
}

/// Φ⁻¹(p): the standard normal quantile, 0 < p < 1.
[[nodiscard]] inline double normal_quantile(double p) {
  require(std::isfinite(p) && p > 0.0 && p < 1.0, "distribution.probability",
          "probability must lie strictly between 0 and 1, got " + std::to_string(p));
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

/// Quantile of Student's t with @p df degrees of freedom (df > 0, real), 0 < p < 1.
[[nodiscard]] inline double student_t_quantile(double p, double df) {
  require(std::isfinite(p) && p > 0.0 && p < 1.0, "distribution.probability",
          "probability must lie strictly between 0 and 1, got " + std::to_string(p));
  require(std::isfinite(df) && df > 0.0, "distribution.degrees_of_freedom",
          "degrees of freedom must be positive, got " + std::to_string(df));
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

/// Quantile of Beta(a, b) (a, b > 0), 0 <= p <= 1: the x with I_x(a, b) = p.
[[nodiscard]] inline double beta_quantile(double p, double a, double b) {
  require(std::isfinite(p) && p >= 0.0 && p <= 1.0, "distribution.probability",
          "probability must lie in [0, 1], got " + std::to_string(p));
  require(std::isfinite(a) && std::isfinite(b) && a > 0.0 && b > 0.0, "distribution.shape",
          "beta shape parameters must be positive, got a=" + std::to_string(a) + " b=" + std::to_string(b));
  return boost::math::ibeta_inv(a, b, p);
}

/// Upper-tail quantile of Beta(a, b): the x with 1 − I_x(a, b) = q (precise for small q).
[[nodiscard]] inline double beta_upper_quantile(double q, double a, double b) {
  require(std::isfinite(q) && q >= 0.0 && q <= 1.0, "distribution.probability",
          "probability must lie in [0, 1], got " + std::to_string(q));
  require(std::isfinite(a) && std::isfinite(b) && a > 0.0 && b > 0.0, "distribution.shape",
          "beta shape parameters must be positive, got a=" + std::to_string(a) + " b=" + std::to_string(b));
  return boost::math::ibetac_inv(a, b, q);
}

/// Two-sided normal critical value z with P(|Z| <= z) = level.
[[nodiscard]] inline double normal_critical(double level) {
  check_level(level);
  // Upper tail by complement, so levels close to 1 keep their precision.
  return boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), (1.0 - level) / 2.0));
}

/// Two-sided Student-t critical value t with P(|T_df| <= t) = level.
[[nodiscard]] inline double student_t_critical(double level, double df) {
  check_level(level);
  require(std::isfinite(df) && df > 0.0, "distribution.degrees_of_freedom",
          "degrees of freedom must be positive, got " + std::to_string(df));
  return boost::math::quantile(
      boost::math::complement(boost::math::students_t_distribution<double>(df), (1.0 - level) / 2.0));
}

}  // namespace massline::scoring
