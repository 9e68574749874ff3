#pragma once
/// @file
/// Confidence intervals for a binomial proportion x / n: Wilson score, Agresti–Coull,
/// Wald and Clopper–Pearson. Counts may be non-integer so that weighted data can use an
/// effective sample size (see rates.hpp).

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/distributions.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace massline::scoring {

/// Interval method for a proportion.
enum class IntervalMethod : std::uint8_t {
  Wilson,          ///< Wilson (1927) score interval; never leaves [0, 1]
  AgrestiCoull,    ///< Agresti & Coull (1998) "add z²/2 successes and failures"
  Wald,            ///< p̂ ± z·sqrt(p̂(1−p̂)/n); poor coverage near 0 and 1, for comparison only
  ClopperPearson,  ///< Clopper & Pearson (1934) exact interval from beta quantiles; conservative
};
/// Names for messages and Python: "wilson", "agresti_coull", "wald", "clopper_pearson".
constexpr std::array<std::string_view, 4> enum_names(IntervalMethod) {
  return {"wilson", "agresti_coull", "wald", "clopper_pearson"};
}

/// A closed interval [low, high].
struct Interval {
  double low = 0.0;
  double high = 0.0;
  [[nodiscard]] bool contains(double value) const noexcept { return low <= value && value <= high; }
  [[nodiscard]] double width() const noexcept { return high - low; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

/// Wilson score interval for a proportion @p p observed on @p n (> 0, possibly effective)
/// trials at the critical value @p z = Φ⁻¹(1 − α/2). The one Wilson formula of the library:
/// proportion_interval(..., Wilson) derives z from the level and calls it; the roll-up and the
/// trend comparison call it directly with z computed once for all their cells. The score
/// interval lies in [0, 1] and reaches 0 (1) exactly when p = 0 (p = 1); the bounds are pinned
/// so that low <= p <= high, so round-off cannot push them past the estimate.
[[nodiscard]] inline Interval wilson_interval(double p, double n, double z) noexcept {
  const double z2 = z * z;
  const double z2n = z2 / n;
  if (!std::isfinite(z2n)) return {0.0, 1.0};  // n so small (< z²/DBL_MAX) that the limit n → 0 is exact
  const double denom = 1.0 + z2n;
  const double centre = (p + 0.5 * z2n) / denom;  // 0.5 · z²/n is z²/(2n) to the bit
  // sqrt(p(1−p)/n + z²/4n²) with 1/sqrt(n) taken out, so that neither p(1−p)/n underflows
  // nor n² overflows for extreme n (3 successes in 1e300 trials).
  const double half = z / (denom * std::sqrt(n)) * std::sqrt(p * (1.0 - p) + z2 / (4.0 * n));
  return {std::clamp(centre - half, 0.0, p), std::clamp(centre + half, p, 1.0)};
}

/// Two-sided interval for the proportion @p successes / @p trials at confidence @p level.
/// Requires trials > 0 and 0 <= successes <= trials (both finite, not necessarily integers).
/// With @p clip the bounds are cut to [0, 1] (only Agresti–Coull and Wald can leave it).
/// Throws InvalidArgument "interval.counts", "interval.level".
[[nodiscard]] inline Interval proportion_interval(double successes, double trials,
                                                  IntervalMethod method = IntervalMethod::Wilson,
                                                  double level = 0.95, bool clip = false) {
  require(std::isfinite(trials) && trials > 0.0, "interval.counts",
          "number of trials must be positive, got " + std::to_string(trials));
  require(std::isfinite(successes) && successes >= 0.0 && successes <= trials, "interval.counts",
          "successes must lie in [0, trials], got " + std::to_string(successes) + " of " + std::to_string(trials));
  check_level(level);
  const double n = trials;
  const double p = successes / n;
  Interval out;
  switch (method) {
    case IntervalMethod::Wilson:
      out = wilson_interval(p, n, normal_critical(level));
      break;
    case IntervalMethod::AgrestiCoull: {
      const double z = normal_critical(level);
      const double n_tilde = n + z * z;
      const double p_tilde = (successes + z * z / 2.0) / n_tilde;
      const double half = z * std::sqrt(p_tilde * (1.0 - p_tilde)) / std::sqrt(n_tilde);  // no underflow
      out = {p_tilde - half, p_tilde + half};
      break;
    }
    case IntervalMethod::Wald: {
      const double z = normal_critical(level);
      const double half = z * std::sqrt(p * (1.0 - p)) / std::sqrt(n);  // no underflow for huge n
      out = {p - half, p + half};
      break;
    }
    case IntervalMethod::ClopperPearson: {
      const double alpha = 1.0 - level;
      out.low = successes == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, successes, n - successes + 1.0);
      out.high = successes == trials ? 1.0 : beta_upper_quantile(alpha / 2.0, successes + 1.0, n - successes);
      break;
    }
  }
  if (clip) {
    out.low = std::max(out.low, 0.0);
    out.high = std::min(out.high, 1.0);
  }
  return out;
}

}  // namespace massline::scoring
