#pragma once
/// @file
/// Counts that describe a network at a glance (organisations per level, households, members by
/// kind, pairings, pledges, contacts, appeals), for checking synthetic populations and for the
/// `network_summary` example. Works on any Registry, generated or imported.

#include <massline/core/enum_names.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cstddef>
#include <string>

namespace massline {

/// Tallies of one registry. Arrays are EnumArrays, indexed by enum_index (levels by level - 1).
struct NetworkSummary {
  EnumArray<OrgLevel, std::size_t> network_units{};    ///< work offices/centres/stations, areas, groups per level
  EnumArray<OrgLevel, std::size_t> other_orgs{};       ///< party committees, branches and others per level
  EnumArray<Sector, std::size_t> level3_by_sector{}; ///< level-3 network units by Sector
  std::size_t households = 0;
  std::size_t people = 0;                        ///< sum of household sizes
  std::size_t party_households = 0;
  EnumArray<HouseholdCategory, std::size_t> households_by_category{};
  std::size_t must_visit_households = 0;         ///< in at least one of the five must-visit categories
  std::size_t members = 0;
  EnumArray<MemberKind, std::size_t> members_by_kind{};  ///< a member counts once under each of its kinds
  EnumArray<CadreRank, std::size_t> cadres_by_rank{};
  EnumArray<DelegateLevel, std::size_t> delegates_by_level{};
  std::size_t capable_members = 0;
  std::size_t in_service_with_residence = 0;
  EnumArray<PairingKind, std::size_t> pairings_by_kind{};
  std::size_t key_contacts = 0;                  ///< contact-household pairings marked key
  std::size_t joint_assistance = 0;              ///< assistance pairings made by an organisation
  std::size_t ended_pairings = 0;
  std::size_t commitments = 0;
  std::size_t joint_commitments = 0;
  EnumArray<CommitmentStatus, std::size_t> commitments_by_status{};
  std::size_t service_posts = 0;
  std::size_t filled_posts = 0;
  std::size_t contacts = 0;
  EnumArray<VisitMode, std::size_t> contacts_by_mode{};
  std::size_t collective_contacts = 0;
  std::size_t concentrated_contacts = 0;
  std::size_t situation_reports = 0;
  std::size_t abnormal_reports = 0;
  std::size_t households_contacted = 0;          ///< households with at least one contact
  std::size_t must_visit_contacted = 0;          ///< must-visit households with at least one contact
  std::size_t appeals = 0;
  EnumArray<AppealStage, std::size_t> appeals_by_stage{};
  EnumArray<AppealChannel, std::size_t> appeals_by_channel{};
  EnumArray<OrgLevel, std::size_t> appeals_by_handler_level{};
  std::size_t appeals_with_leader = 0;

  /// Network units over all levels.
  [[nodiscard]] std::size_t organizations() const noexcept;
  friend bool operator==(const NetworkSummary&, const NetworkSummary&) = default;
};

/// Counts everything in @p registry (one pass per table).
[[nodiscard]] NetworkSummary summarize(const Registry& registry);

/// A readable multi-line report, one "label: number" per line (numbers without separators, so
/// scripts and tests can match them).
[[nodiscard]] std::string to_text(const NetworkSummary& summary);

}  // namespace massline
