#pragma once
/// @file
/// Quantiles of the normal, Student-t and beta distributions used by the interval
/// estimators. Argument-checked wrappers over Boost.Math (full double precision), with two
/// guarantees Boost alone does not give: every call returns in bounded time, and every failure
/// is a located massline error (never a raw Boost exception).
///
/// Boost's incomplete beta function slows down and then fails for huge shape parameters (at
/// a = b = 1e21 one evaluation takes seconds, at 1e50 it does not return). Above
/// kBetaAsymptoticShape the beta quantiles therefore use asymptotic forms (docs/scoring.md,
/// "Distributions"): the Cornish–Fisher expansion when both shapes are at least
/// kBetaNormalShape, the gamma limit of Beta(a, b) with a first-order correction otherwise.

#include <massline/core/error.hpp>

#include <cmath>
#include <string>

namespace massline::scoring {

/// Above this larger beta shape parameter the beta quantiles are asymptotic forms instead of
/// Boost's root finding on the incomplete beta function (which is exact but unbounded there).
inline constexpr double kBetaAsymptoticShape = 1e10;
/// In the asymptotic regime, the smaller shape parameter from which the Cornish–Fisher
/// expansion (normal with skewness and kurtosis corrections) is used; below it the gamma limit.
inline constexpr double kBetaNormalShape = 1e6;

/// Throws InvalidArgument("interval.level") unless 0 < level < 1.
inline void check_level(double level) {
  require(std::isfinite(level) && level > 0.0 && level < 1.0, "interval.level",
          "confidence level must lie strictly between 0 and 1, got " + std::to_string(level));
}

/// Φ⁻¹(p): the standard normal quantile, 0 < p < 1.
/// Throws InvalidArgument "distribution.probability".
[[nodiscard]] double normal_quantile(double p);

/// Quantile of Student's t with @p df degrees of freedom (df > 0, real), 0 < p < 1.
/// Throws InvalidArgument "distribution.probability", "distribution.degrees_of_freedom", and
/// "distribution.overflow" when the quantile exceeds the largest double (tiny df).
[[nodiscard]] double student_t_quantile(double p, double df);

/// Quantile of Beta(a, b) (a, b > 0), 0 <= p <= 1: the x with I_x(a, b) = p.
/// Throws InvalidArgument "distribution.probability", "distribution.shape",
/// "distribution.overflow"; ConvergenceError "distribution.convergence" when Boost's root
/// finding fails (extreme tails of tiny shapes).
[[nodiscard]] double beta_quantile(double p, double a, double b);

/// Upper-tail quantile of Beta(a, b): the x with 1 − I_x(a, b) = q (precise for small q).
/// Same errors as beta_quantile().
[[nodiscard]] double beta_upper_quantile(double q, double a, double b);

/// Two-sided normal critical value z with P(|Z| <= z) = level.
[[nodiscard]] double normal_critical(double level);

/// Two-sided Student-t critical value t with P(|T_df| <= t) = level.
[[nodiscard]] double student_t_critical(double level, double df);

}  // namespace massline::scoring
