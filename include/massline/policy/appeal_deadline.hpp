#pragma once
/// @file
/// Appeal deadlines: how many working days an appeal may take from registration to a stage,
/// by class, routing and the level of the organisation handling it (docs/domain.md §5).

#include <massline/core/error.hpp>
#include <massline/model/appeal.hpp>
#include <massline/model/organization.hpp>
#include <massline/policy/quota_rule.hpp>
#include <massline/policy/rule_name.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace massline::policy {

/// Longest deadline accepted, in working days (about forty years).
inline constexpr std::int64_t kMaxDeadlineWorkingDays = 10'000;

/// "An appeal of this class, routing and handler level reaches `stage` within `working_days`
/// working days of registration" (Calendar::deadline(registered, working_days) is the last day
/// allowed). Unset criteria match any appeal. An engine applies, per stage, the first rule in
/// PolicySet order that matches, so specific rules go before general ones.
struct AppealDeadline {
  std::string name;                        ///< stable id, unique in its PolicySet
  std::string source;                      ///< where the number comes from; free text
  std::optional<AppealClass> appeal_class; ///< class assigned when sorting; unset = any
  std::optional<Routing> routing;          ///< routing assigned when sorting; unset = any
  std::optional<OrgLevel> handler_level;   ///< level of the handling organisation; unset = any
  AppealStage stage = AppealStage::FedBack;  ///< the stage to reach: sorted, fed_back or disposed
  std::int64_t working_days = 0;           ///< 0..kMaxDeadlineWorkingDays (0 = the day of registration)

  /// Throws InvalidArgument("policy.rule") located at the rule ("deadline 'name'") and field: a
  /// bad name, `registered` as the stage (it starts the clock), a count outside
  /// 0..kMaxDeadlineWorkingDays, or a class or routing on a deadline for sorting (both are only
  /// known once sorted).
  void check() const {
    const std::string entity = "deadline '" + name + "'";
    check_rule_name(name, entity);
    auto fail = [&](const char* field, const std::string& why) {
      throw InvalidArgument("policy.rule", "invalid appeal deadline", Location::of(entity, field), why);
    };
    if (stage == AppealStage::Registered) fail("stage", "registration starts the clock; the stage is sorted, fed_back or disposed");
    if (working_days < 0 || working_days > kMaxDeadlineWorkingDays)
      fail("working_days", "must be 0.." + std::to_string(kMaxDeadlineWorkingDays) + ", got " + std::to_string(working_days));
    if (stage == AppealStage::Sorted && (appeal_class || routing))
      fail(appeal_class ? "appeal_class" : "routing", "class and routing are assigned by sorting, so a deadline for sorting cannot depend on them");
  }
  friend bool operator==(const AppealDeadline&, const AppealDeadline&) = default;
};

}  // namespace massline::policy
