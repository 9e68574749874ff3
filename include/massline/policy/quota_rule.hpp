#pragma once
/// @file
/// Quota rules: who (a Selector) does how much of what (an QuotaActivity) per period.

#include <massline/core/error.hpp>
#include <massline/policy/quota_activity.hpp>
#include <massline/policy/quota_period.hpp>
#include <massline/policy/rule_name.hpp>
#include <massline/policy/selector.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace massline::policy {

/// Largest count a quota may name (minimum, maximum, ratio terms): far above any real quota,
/// low enough that an engine may multiply two of them in 64 bits.
inline constexpr std::int64_t kMaxQuotaCount = 1'000'000'000;

/// "@p activity at least numerator/denominator of @p of": a share of another activity of the
/// same subject in the same period, e.g. home visits >= 1/3 of contact households (003). Kept
/// as a fraction so 1/3 is exact.
struct QuotaRatio {
  QuotaActivity of = QuotaActivity::ContactHouseholds;  ///< the activity the share is taken of
  std::int64_t numerator = 1;                 ///< >= 0
  std::int64_t denominator = 1;               ///< >= 1
  friend bool operator==(const QuotaRatio&, const QuotaRatio&) = default;
};

/// A quota: every subject matching `who` does `activity` at least `minimum` times (and at most
/// `maximum`, when given) in each `period`; with a `ratio`, the count must also reach the share
/// of the other activity. A rule meets its numbers when all of its constraints hold.
struct QuotaRule {
  std::string name;                    ///< stable id, unique in its PolicySet
  std::string source;                  ///< where the number comes from ("003", "S2"); free text
  Selector who;                        ///< the members (or organisations) it applies to
  QuotaActivity activity = QuotaActivity::ContactHouseholds;
  QuotaPeriod period = QuotaPeriod::Year;
  std::int64_t minimum = 0;            ///< at least this many per period, 0..kMaxQuotaCount
  std::optional<std::int64_t> maximum; ///< at most this many per period, >= minimum
  std::optional<QuotaRatio> ratio;     ///< at least this share of another activity

  /// Throws InvalidArgument("policy.rule") located at the rule ("quota 'name'") and the field:
  /// a bad name, a negative or too large minimum, a maximum below the minimum, a ratio that is
  /// negative, has a zero denominator, is taken of the activity itself or of an activity of
  /// another subject, or member criteria on an organisation activity.
  void check() const {
    const std::string entity = "quota '" + name + "'";
    check_rule_name(name, entity);
    auto fail = [&](const char* field, const std::string& why) {
      throw InvalidArgument("policy.rule", "invalid quota rule", Location::of(entity, field), why);
    };
    auto in_range = [](std::int64_t x) { return x >= 0 && x <= kMaxQuotaCount; };
    if (!in_range(minimum)) fail("minimum", "must be 0.." + std::to_string(kMaxQuotaCount) + ", got " + std::to_string(minimum));
    if (maximum) {
      if (!in_range(*maximum)) fail("maximum", "must be 0.." + std::to_string(kMaxQuotaCount) + ", got " + std::to_string(*maximum));
      if (*maximum < minimum)
        fail("maximum", "the maximum " + std::to_string(*maximum) + " is below the minimum " + std::to_string(minimum));
    }
    if (ratio) {
      if (!in_range(ratio->numerator)) fail("ratio.numerator", "must be 0.." + std::to_string(kMaxQuotaCount) + ", got " + std::to_string(ratio->numerator));
      if (ratio->denominator < 1 || ratio->denominator > kMaxQuotaCount)
        fail("ratio.denominator", "must be 1.." + std::to_string(kMaxQuotaCount) + ", got " + std::to_string(ratio->denominator));
      if (ratio->of == activity) fail("ratio.of", "a ratio is taken of another activity");
      if (subject_of(ratio->of) != subject_of(activity))
        fail("ratio.of", "'" + std::string(to_name(ratio->of)) + "' is not counted for the same subject as '" +
                             std::string(to_name(activity)) + "'");
    }
    if (subject_of(activity) == Subject::Organization && !who.has_no_member_criteria())
      fail("who", "'" + std::string(to_name(activity)) + "' is counted per organisation; only organisation criteria apply");
  }
  friend bool operator==(const QuotaRule&, const QuotaRule&) = default;
};

}  // namespace massline::policy
