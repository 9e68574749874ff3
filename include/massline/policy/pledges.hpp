#pragma once
/// @file
/// Pledges against the policy (docs/policy.md, "Pledges"): per member, the commitments pledged
/// in a period, how many came due and were fulfilled, lapsed or are overdue, with the set's
/// `pledges` quota beside them; and the list of overdue pledges. A joint pledge counts for each
/// of its pledgers.

#include <massline/core/date.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/commitment.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/compliance.hpp>
#include <massline/policy/policy_set.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace massline::policy {

/// One member's pledges of a period, as they stood on the report's `as_of` day. Every count is
/// of commitments pledged in the period with the member among the pledgers, whatever their
/// category (the `pledges` quota itself counts `general` pledges only, docs/policy.md).
struct MemberPledges {
  MemberId member{};
  std::int64_t pledged = 0;            ///< pledged in the period
  std::int64_t withdrawn = 0;          ///< withdrawn on or before as_of
  std::int64_t expected = 0;           ///< not withdrawn, and due on or before as_of or already fulfilled
  std::int64_t fulfilled = 0;          ///< fulfilled on or before as_of
  std::int64_t fulfilled_on_time = 0;  ///< fulfilled on or before as_of and on or before the due date
  std::int64_t lapsed = 0;             ///< lapsed on or before as_of
  std::int64_t overdue = 0;            ///< due before as_of and still open (pledged or in progress) on as_of
  /// From the set's quota rules of activity `pledges` matching the member, summed over their
  /// windows of the period (pro-rated as in check_compliance): what is required and counted,
  /// and the worst status (short before over before met; not_applicable when no window was
  /// evaluated). `has_quota` is false when no such rule matches the member.
  bool has_quota = false;
  std::int64_t quota_required = 0;
  std::int64_t quota_actual = 0;
  ComplianceStatus quota_status = ComplianceStatus::NotApplicable;

  /// fulfilled / expected; NaN when nothing is expected yet.
  [[nodiscard]] double fulfilment_rate() const noexcept {
    return expected == 0 ? std::numeric_limits<double>::quiet_NaN()
                         : static_cast<double>(fulfilled) / static_cast<double>(expected);
  }
};

/// A pledge past its due date and still open on as_of.
struct OverduePledge {
  CommitmentId commitment{};
  CommitmentCategory category = CommitmentCategory::General;
  CommitmentStatus status = CommitmentStatus::Pledged;  ///< on as_of: pledged or in_progress
  Date pledged{boost::gregorian::not_a_date_time};
  Date due{boost::gregorian::not_a_date_time};
  std::int64_t days_overdue = 0;  ///< as_of - due, in calendar days (>= 1)
  std::vector<MemberId> members;  ///< the pledgers
};

/// The result of check_pledges.
struct PledgeReport {
  Period period = Period::year(2000);
  Date as_of{boost::gregorian::not_a_date_time};
  std::vector<MemberPledges> members;  ///< by member id: members who pledged in the period or have a pledges quota
  std::vector<OverduePledge> overdue;  ///< by due date, then commitment id
};

/// Pledges of @p period as they stood on @p as_of (the period's last day when unset; any day,
/// before or after the period, is allowed). Throws InvalidArgument as PolicySet::check for a bad
/// set and "date.invalid" for a not-a-date @p as_of. Honours cancellation.
[[nodiscard]] PledgeReport check_pledges(const Registry& registry, const PolicySet& policy, const Period& period,
                                         std::optional<Date> as_of = std::nullopt);

}  // namespace massline::policy
