#pragma once
/// @file
/// The compliance engine: evaluates a PolicySet against a Registry over a Period, one row per
/// subject (member, organisation or household), rule and evaluation window, with the evidence
/// counted, and rolls the rows up per organisation subtree (docs/policy.md, "Compliance").

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massline::policy {

/// Outcome of one row.
enum class ComplianceStatus : std::uint8_t {
  Met,           ///< every constraint of the rule holds
  Short,         ///< the count is below what is required (minimum, pro-rated, or the ratio)
  Over,          ///< the count is above the rule's (pro-rated) maximum
  NotApplicable  ///< not evaluated for this subject and window; `reason` says why
};
constexpr std::array<std::string_view, 4> enum_names(ComplianceStatus) {
  return {"met", "short", "over", "not_applicable"};
}

/// Why a row is not_applicable (None for evaluated rows).
enum class NotApplicableReason : std::uint8_t {
  None,        ///< the row was evaluated
  NotPresent   ///< the member did not belong on any day of the window (joined after it or left before it)
};
constexpr std::array<std::string_view, 2> enum_names(NotApplicableReason) { return {"none", "not_present"}; }

/// What a row is about.
enum class SubjectKind : std::uint8_t { Member, Organization, Household };
constexpr std::array<std::string_view, 3> enum_names(SubjectKind) { return {"member", "organization", "household"}; }

/// What the evidence ids of a row name.
enum class EvidenceKind : std::uint8_t { None, Contact, Pairing, Commitment, Activity };
constexpr std::array<std::string_view, 5> enum_names(EvidenceKind) {
  return {"none", "contact", "pairing", "commitment", "activity"};
}

/// Whether a row comes from a quota or a coverage rule.
enum class RuleKind : std::uint8_t { Quota, Coverage };
constexpr std::array<std::string_view, 2> enum_names(RuleKind) { return {"quota", "coverage"}; }

/// One evaluated (subject, rule, window). `required` is the pro-rated minimum raised to the
/// ratio's share when the rule has one; `maximum` is -1 when the rule has none.
struct ComplianceRow {
  RuleKind rule_kind = RuleKind::Quota;
  std::uint32_t rule = 0;          ///< index into PolicySet::quotas or ::coverage
  SubjectKind subject_kind = SubjectKind::Member;
  std::uint32_t subject = 0;       ///< the MemberId / OrgId / HouseholdId value
  Date first{boost::gregorian::not_a_date_time};  ///< the evaluation window
  Date last{boost::gregorian::not_a_date_time};
  std::int64_t required = 0;
  std::int64_t maximum = -1;
  std::int64_t actual = 0;
  std::int64_t shortfall = 0;      ///< max(0, required - actual)
  ComplianceStatus status = ComplianceStatus::Met;
  NotApplicableReason reason = NotApplicableReason::None;
  EvidenceKind evidence_kind = EvidenceKind::None;
  friend bool operator==(const ComplianceRow&, const ComplianceRow&) = default;
};

/// Per-organisation roll-up over its whole subtree (the organisation, its descendants, the
/// members whose home is in it and the households whose unit is in it).
struct ComplianceRollup {
  OrgId org{};
  std::int64_t rows_met = 0, rows_short = 0, rows_over = 0, rows_not_applicable = 0;
  std::int64_t subjects = 0;            ///< subjects with at least one evaluated row
  std::int64_t subjects_compliant = 0;  ///< ... all of whose evaluated rows are met
  std::int64_t worst_row = -1;          ///< the row with the largest shortfall (lowest index on ties), -1 when none is short
  std::int64_t worst_shortfall = 0;
  [[nodiscard]] double share_compliant() const noexcept {
    return subjects == 0 ? 1.0 : static_cast<double>(subjects_compliant) / static_cast<double>(subjects);
  }
};

/// The result of check_compliance. Evidence is stored compactly: the ids of row i are
/// `evidence_ids[evidence_offsets[i] .. evidence_offsets[i+1])`.
struct ComplianceReport {
  Period period = Period::year(2000);
  std::vector<std::string> quota_names;     ///< the set's quota names, by rule index
  std::vector<std::string> coverage_names;  ///< the set's coverage names, by rule index
  std::vector<ComplianceRow> rows;
  std::vector<std::uint32_t> evidence_offsets{0};
  std::vector<std::uint32_t> evidence_ids;

  [[nodiscard]] std::span<const std::uint32_t> evidence(std::size_t row) const {
    return {evidence_ids.data() + evidence_offsets[row], evidence_offsets[row + 1] - evidence_offsets[row]};
  }
  [[nodiscard]] const std::string& rule_name(const ComplianceRow& row) const {
    return row.rule_kind == RuleKind::Quota ? quota_names[row.rule] : coverage_names[row.rule];
  }
};

/// Evaluates @p policy (checked first: InvalidArgument as PolicySet::check) against @p registry
/// over @p period. Compiles the registry to flat per-member / per-household / per-organisation
/// arrays once, then counts each rule from them. Deterministic: rows in the order quota rules,
/// then coverage rules; within a rule by subject id, then by window. Uses up to
/// std::thread::hardware_concurrency() threads (the two contact indexes are built side by side,
/// then rules are taken in turn); the report is the same for any thread count. Honours
/// cancellation (core/cancellation.hpp) on every thread, between rules and every few thousand
/// subjects.
[[nodiscard]] ComplianceReport check_compliance(const Registry& registry, const PolicySet& policy, const Period& period);

/// The roll-up of @p report per organisation of @p registry (one entry per live organisation, in
/// id order). The registry must be the one the report was computed from.
[[nodiscard]] std::vector<ComplianceRollup> rollup_compliance(const Registry& registry, const ComplianceReport& report);

}  // namespace massline::policy
