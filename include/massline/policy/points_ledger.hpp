#pragma once
/// @file
/// The points ledger (积分): an append-only list of dated point entries per member, derived from
/// the registry's records by a PolicySet's points rules and recomputable from them at any time,
/// plus manual adjustments; standings (totals, rank, red and black lists) through the scoring
/// layer's ranking functions (docs/policy.md, "Points ledger").

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>
#include <massline/scoring/ranking.hpp>

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

/// Which members are ranked together.
enum class PointsRankScope : std::uint8_t {
  All,              ///< every member in one ranking
  HomeOrganization  ///< members of the same home organisation
};
constexpr std::array<std::string_view, 2> enum_names(PointsRankScope) { return {"all", "home_organization"}; }

/// One member's standing.
struct PointsStanding {
  MemberId member{};
  OrgId organization{};         ///< the member's home organisation
  double points = 0.0;          ///< sum of the member's entries dated in the period
  std::int64_t entries = 0;     ///< how many entries
  std::uint32_t rank = 0;       ///< 1 = most points, ties share the smallest rank, within the scope's group
  scoring::ListMark mark = scoring::ListMark::None;
};

/// Standings over @p period: every live member of @p registry who belonged on some day of the
/// period (0 points without entries), in member id order; ranked within @p scope by points
/// (scoring::rank_rows, largest first) and listed red and black by @p lists (scoring::list_rows,
/// counts or thresholds on points; min_sample applies to the number of entries). Entries of
/// members no longer in the registry are left out.
[[nodiscard]] std::vector<PointsStanding> rank_points(const Registry& registry, const PointsLedger& ledger,
                                                      const Period& period, PointsRankScope scope,
                                                      const scoring::ListRule& lists);

}  // namespace massline::policy
