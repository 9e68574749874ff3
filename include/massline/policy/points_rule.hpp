#pragma once
/// @file
/// Points rules (积分): which recorded event earns or costs a member how many points, for the
/// points ledger (points_ledger.hpp, docs/policy.md "Points ledger").

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/policy/rule_name.hpp>
#include <massline/policy/selector.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace massline::policy {

/// Largest number of points one event may carry, either sign (far above any real scheme, low
/// enough that a year of entries sums exactly in a double for any real count of events).
inline constexpr double kMaxPointsPerEvent = 1e6;

/// An event the ledger turns into points (docs/policy.md, "Points ledger", says which records
/// each comes from and on which date).
enum class PointsEvent : std::uint8_t {
  Contact,           ///< a contact made by the member (any mode)
  HomeVisit,         ///< a contact of mode home_visit naming a household
  PledgeFulfilled,   ///< a commitment of the member became fulfilled (each pledger)
  PledgeLapsed,      ///< a commitment of the member lapsed (each pledger)
  AppealSolved,      ///< an appeal the member collected or leads was disposed of as solved
  ActivityAttended,  ///< an activity the member attended
  QuotaMet,          ///< a compliance row of a member quota met (one window)
  QuotaShortfall     ///< a compliance row of a member quota short: points per unit of shortfall
};
constexpr std::array<std::string_view, 8> enum_names(PointsEvent) {
  return {"contact", "home_visit", "pledge_fulfilled", "pledge_lapsed", "appeal_solved", "activity_attended",
          "quota_met", "quota_shortfall"};
}

/// "Each `event` of a member matching `who` is worth `points`" (negative for a penalty). For
/// the quota events, `quota` limits the rule to the rows of one quota rule of the same set
/// (every member quota when empty).
struct PointsRule {
  std::string name;                   ///< stable id, unique in its PolicySet
  std::string source;                 ///< where the number comes from; free text
  PointsEvent event = PointsEvent::Contact;
  double points = 0.0;                ///< per event (per unit of shortfall), finite, |points| <= kMaxPointsPerEvent
  Selector who;                       ///< members it applies to; everyone when empty
  std::string quota;                  ///< quota events only: the quota rule's name, or empty for all

  [[nodiscard]] bool is_quota_event() const noexcept {
    return event == PointsEvent::QuotaMet || event == PointsEvent::QuotaShortfall;
  }

  /// Throws InvalidArgument("policy.rule") located at the rule ("points 'name'") and field: a bad
  /// name, non-finite or too large points, or a `quota` on an event that is not a quota event.
  /// Whether `quota` names a member quota of the set is PolicySet::check's job. Organisation
  /// criteria of `who` are matched against the member's home organisation.
  void check() const {
    const std::string entity = "points '" + name + "'";
    check_rule_name(name, entity);
    auto fail = [&](const char* field, const std::string& why) {
      throw InvalidArgument("policy.rule", "invalid points rule", Location::of(entity, field), why);
    };
    if (!std::isfinite(points) || std::fabs(points) > kMaxPointsPerEvent)
      fail("points", "must be finite and at most " + std::to_string(static_cast<std::int64_t>(kMaxPointsPerEvent)) +
                         " in absolute value, got " + std::to_string(points));
    if (!quota.empty() && !is_quota_event()) fail("quota", "only quota_met and quota_shortfall rules name a quota");
  }
  friend bool operator==(const PointsRule&, const PointsRule&) = default;
};

}  // namespace massline::policy
