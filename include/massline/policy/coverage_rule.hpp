#pragma once
/// @file
/// Coverage rules: every household of some categories is visited or paired, every member of some
/// kind pairs with such a household.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/model/household.hpp>
#include <massline/policy/quota_period.hpp>
#include <massline/policy/quota_rule.hpp>
#include <massline/policy/rule_name.hpp>
#include <massline/policy/selector.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace massline::policy {

/// What a coverage rule demands (docs/policy.md, "Coverage").
enum class CoverageKind : std::uint8_t {
  VisitHouseholds,  ///< every household in scope has >= minimum individual contacts per period by members matching `by`
  PairHouseholds,   ///< every household in scope is the target of >= minimum assistance pairings active in the period
  MembersPair       ///< every member matching `by` is the source of >= minimum assistance pairings with households in scope
};
constexpr std::array<std::string_view, 3> enum_names(CoverageKind) {
  return {"visit_households", "pair_households", "members_pair"};
}

/// Which households are in scope, besides the categories.
enum class CoverageScope : std::uint8_t {
  All,          ///< every household of the registry
  PairedUnits   ///< households under the organisations dual-paired with the home organisation of the member (VisitHouseholds only)
};
constexpr std::array<std::string_view, 2> enum_names(CoverageScope) { return {"all", "paired_units"}; }

/// A coverage rule. Households are in scope when they have at least one of `categories` (every
/// household when empty) and lie in `scope`.
struct CoverageRule {
  std::string name;                      ///< stable id, unique in its PolicySet
  std::string source;                    ///< where the rule comes from; free text
  CoverageKind kind = CoverageKind::VisitHouseholds;
  HouseholdCategories categories;        ///< households with any of these; empty = all households
  Selector by;                           ///< members whose contacts / pairings count (everyone when empty)
  CoverageScope scope = CoverageScope::All;
  QuotaPeriod period = QuotaPeriod::Year;
  std::int64_t minimum = 1;              ///< contacts or pairings needed, 1..kMaxQuotaCount

  /// Throws InvalidArgument("policy.rule") located at the rule ("coverage 'name'") and field: a
  /// bad name, a minimum outside 1..kMaxQuotaCount, a paired-units scope on a rule other than
  /// visit_households (the units are those of the visiting members).
  void check() const {
    const std::string entity = "coverage '" + name + "'";
    check_rule_name(name, entity);
    auto fail = [&](const char* field, const std::string& why) {
      throw InvalidArgument("policy.rule", "invalid coverage rule", Location::of(entity, field), why);
    };
    if (minimum < 1 || minimum > kMaxQuotaCount)
      fail("minimum", "must be 1.." + std::to_string(kMaxQuotaCount) + ", got " + std::to_string(minimum));
    if (scope == CoverageScope::PairedUnits && kind != CoverageKind::VisitHouseholds)
      fail("scope", "'paired_units' applies to visit_households rules only");
  }
  friend bool operator==(const CoverageRule&, const CoverageRule&) = default;
};

}  // namespace massline::policy
