#pragma once
/// @file
/// Counts that describe a network at a glance (organisations per level, households, members by
/// kind, pairings, pledges, contacts, appeals), for checking synthetic populations and for the
/// `network_summary` example. Works on any Registry, generated or imported.

#include <massline/model/registry.hpp>

#include <array>
#include <cstddef>
#include <string>

namespace massline {

/// Tallies of one registry. Arrays are indexed by enumerator (levels by level - 1).
struct NetworkSummary {
  std::array<std::size_t, 4> network_units{};    ///< work offices/centres/stations, areas, groups per level
  std::array<std::size_t, 4> other_orgs{};       ///< party committees, branches and others per level
  std::array<std::size_t, 7> level3_by_sector{}; ///< level-3 network units by Sector
  std::size_t households = 0;
  std::size_t people = 0;                        ///< sum of household sizes
  std::size_t party_households = 0;
  std::array<std::size_t, 14> households_by_category{};
  std::size_t must_visit_households = 0;         ///< in at least one of the five must-visit categories
  std::size_t members = 0;
  std::array<std::size_t, 9> members_by_kind{};  ///< a member counts once under each of its kinds
  std::array<std::size_t, 5> cadres_by_rank{};
  std::array<std::size_t, 2> delegates_by_level{};
  std::size_t capable_members = 0;
  std::size_t in_service_with_residence = 0;
  std::array<std::size_t, 4> pairings_by_kind{};
  std::size_t key_contacts = 0;                  ///< contact-household pairings marked key
  std::size_t joint_assistance = 0;              ///< assistance pairings made by an organisation
  std::size_t ended_pairings = 0;
  std::size_t commitments = 0;
  std::size_t joint_commitments = 0;
  std::array<std::size_t, 5> commitments_by_status{};
  std::size_t service_posts = 0;
  std::size_t filled_posts = 0;
  std::size_t contacts = 0;
  std::array<std::size_t, 7> contacts_by_mode{};
  std::size_t collective_contacts = 0;
  std::size_t concentrated_contacts = 0;
  std::size_t situation_reports = 0;
  std::size_t abnormal_reports = 0;
  std::size_t households_contacted = 0;          ///< households with at least one contact
  std::size_t must_visit_contacted = 0;          ///< must-visit households with at least one contact
  std::size_t appeals = 0;
  std::array<std::size_t, 4> appeals_by_stage{};
  std::array<std::size_t, 7> appeals_by_channel{};
  std::array<std::size_t, 4> appeals_by_handler_level{};
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
