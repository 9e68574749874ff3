#pragma once
/// @file
/// A PolicySet: the local rules of the contact-and-service work as data (quotas, coverage rules,
/// appeal deadlines, points rules, the satisfaction threshold), with the built-in standard set of
/// docs/domain.md §4. Files: <massline/io/policy_file.hpp>. Counting: docs/policy.md.

#include <massline/core/error.hpp>
#include <massline/policy/appeal_deadline.hpp>
#include <massline/policy/coverage_rule.hpp>
#include <massline/policy/points_rule.hpp>
#include <massline/policy/quota_rule.hpp>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace massline::policy {

/// Most rules of each kind in one set (a guard for files, far above any real policy).
inline constexpr std::size_t kMaxRulesPerKind = 100'000;

/// Local rules as data: no number of docs/domain.md lives in an algorithm, every one is a rule
/// here ("不搞一刀切": local practice differs). Rule names are unique across the whole set.
struct PolicySet {
  std::string name;                          ///< e.g. "standard" or a county's name
  std::vector<QuotaRule> quotas;
  std::vector<CoverageRule> coverage;
  std::vector<AppealDeadline> deadlines;
  std::vector<PointsRule> points;            ///< the points ledger's rules (points_ledger.hpp)
  double satisfaction_threshold = 0.8;       ///< satisfaction below this leads to accountability, in (0, 1]
  std::string satisfaction_source;           ///< where the threshold comes from; free text

  /// The standard set: exactly the numbers of docs/domain.md §4 and §6 (docs/policy.md maps each
  /// rule to its row and source). It has no appeal deadlines: the sources ask for feedback "in
  /// time" (S0) without a number of days. It has no points rules either: the sources name a
  /// 100-point appraisal of delegates (S3) without its scale.
  [[nodiscard]] static PolicySet standard();

  /// Throws the first problem as InvalidArgument: each rule's own check() ("policy.rule",
  /// located at the rule and field), a rule name used twice ("policy.duplicate_rule"), a points
  /// rule naming a quota that is not a member quota of the set ("policy.rule"), more than
  /// kMaxRulesPerKind rules of a kind or a threshold outside (0, 1] ("policy.value").
  void check() const {
    std::unordered_set<std::string_view> seen;
    auto unique = [&](const std::string& rule_name, const std::string& entity) {
      if (!seen.insert(rule_name).second)
        throw InvalidArgument("policy.duplicate_rule", "rule name used twice", Location::of(entity, "name"),
                              "rule names are unique across quotas, coverage rules, deadlines and points rules");
    };
    auto count = [](std::size_t n, const char* field) {
      if (n > kMaxRulesPerKind)
        throw InvalidArgument("policy.value", "too many rules", Location::of("policy set", field),
                              std::to_string(n) + " rules; at most " + std::to_string(kMaxRulesPerKind) + " of a kind");
    };
    count(quotas.size(), "quotas");
    count(coverage.size(), "coverage");
    count(deadlines.size(), "deadlines");
    count(points.size(), "points");
    for (const auto& q : quotas) {
      q.check();
      unique(q.name, "quota '" + q.name + "'");
    }
    for (const auto& c : coverage) {
      c.check();
      unique(c.name, "coverage '" + c.name + "'");
    }
    for (const auto& d : deadlines) {
      d.check();
      unique(d.name, "deadline '" + d.name + "'");
    }
    for (const auto& p : points) {
      p.check();
      unique(p.name, "points '" + p.name + "'");
      if (p.quota.empty()) continue;
      const QuotaRule* q = find_quota(p.quota);
      if (q == nullptr || subject_of(q->activity) != Subject::Member)
        throw InvalidArgument("policy.rule", "invalid points rule", Location::of("points '" + p.name + "'", "quota"),
                              q == nullptr ? "no quota named '" + p.quota + "' in the set"
                                           : "quota '" + p.quota + "' counts organisations; points go to members");
    }
    if (!(satisfaction_threshold > 0.0 && satisfaction_threshold <= 1.0))
      throw InvalidArgument("policy.value", "bad satisfaction threshold", Location::of("policy set", "satisfaction_threshold"),
                            "must be in (0, 1], got " + std::to_string(satisfaction_threshold));
  }

  /// The quota named @p rule_name, or nullptr.
  [[nodiscard]] const QuotaRule* find_quota(std::string_view rule_name) const noexcept { return find(quotas, rule_name); }
  /// The coverage rule named @p rule_name, or nullptr.
  [[nodiscard]] const CoverageRule* find_coverage(std::string_view rule_name) const noexcept { return find(coverage, rule_name); }
  /// The appeal deadline named @p rule_name, or nullptr.
  [[nodiscard]] const AppealDeadline* find_deadline(std::string_view rule_name) const noexcept {
    return find(deadlines, rule_name);
  }
  /// The points rule named @p rule_name, or nullptr.
  [[nodiscard]] const PointsRule* find_points(std::string_view rule_name) const noexcept { return find(points, rule_name); }

  friend bool operator==(const PolicySet&, const PolicySet&) = default;

 private:
  template <class Rule>
  static const Rule* find(const std::vector<Rule>& rules, std::string_view rule_name) noexcept {
    for (const auto& r : rules)
      if (r.name == rule_name) return &r;
    return nullptr;
  }
};

}  // namespace massline::policy
