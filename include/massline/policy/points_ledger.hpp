#pragma once
/// @file
/// The points ledger (积分): an append-only list of dated point entries per member, derived from
/// the registry's records by a PolicySet's points rules and recomputable from them at any time,
/// plus manual adjustments (docs/policy.md, "Points ledger"). Standings ranked and listed red
/// and black: <massline/scoring/points_ranking.hpp>.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massline::policy {

/// What record an entry comes from.
enum class PointsSource : std::uint8_t {
  Contact,     ///< source_id is a ContactId
  Commitment,  ///< a CommitmentId
  Appeal,      ///< an AppealId
  Activity,    ///< an ActivityId
  Quota,       ///< a compliance window: source_id is the quota's index in PolicySet::quotas
  Manual       ///< an adjustment appended by hand (source_id 0)
};
constexpr std::array<std::string_view, 6> enum_names(PointsSource) {
  return {"contact", "commitment", "appeal", "activity", "quota", "manual"};
}

/// Rule index of a manual entry.
inline constexpr std::uint32_t kManualEntry = std::numeric_limits<std::uint32_t>::max();

/// One dated entry of the ledger.
struct PointsEntry {
  Date date{boost::gregorian::not_a_date_time};
  MemberId member{};
  std::uint32_t rule = kManualEntry;  ///< index into the set's points rules, kManualEntry for an adjustment
  double points = 0.0;
  PointsSource source = PointsSource::Manual;
  std::uint32_t source_id = 0;
  std::string note;  ///< for quota entries the window; for adjustments the reason
  friend bool operator==(const PointsEntry&, const PointsEntry&) = default;
};

/// Append-only: entries are added, never changed or removed, so every standing can be traced
/// to the entries behind it. Entries are kept in the order they were appended.
class PointsLedger {
 public:
  /// An empty ledger whose entries name the rules @p rule_names by index.
  explicit PointsLedger(std::vector<std::string> rule_names = {}) : rule_names_(std::move(rule_names)) {}

  /// Appends @p entry. Throws InvalidArgument ("points.entry", located at the entry's future
  /// index) for a not-a-date date, non-finite points or points beyond ±kMaxPointsPerEvent, a rule
  /// index the ledger does not name, or a manual entry without a note (adjustments say why).
  void append(PointsEntry entry);

  [[nodiscard]] std::span<const PointsEntry> entries() const noexcept { return entries_; }
  [[nodiscard]] const std::vector<std::string>& rule_names() const noexcept { return rule_names_; }
  /// The rule's name of @p entry ("manual" for an adjustment).
  [[nodiscard]] std::string_view rule_name(const PointsEntry& entry) const noexcept {
    return entry.rule == kManualEntry ? std::string_view("manual") : std::string_view(rule_names_[entry.rule]);
  }

 private:
  std::vector<std::string> rule_names_;
  std::vector<PointsEntry> entries_;
};

/// The ledger of @p period from the registry's records by @p policy's points rules (which
/// records and dates: docs/policy.md, "Points ledger"). Deterministic: entries sorted by date,
/// then rule index, then source id, then member. Quota events evaluate the set with the
/// compliance engine over the period. Throws InvalidArgument as PolicySet::check. Honours
/// cancellation.
[[nodiscard]] PointsLedger build_points_ledger(const Registry& registry, const PolicySet& policy, const Period& period);

}  // namespace massline::policy
