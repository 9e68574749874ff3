#pragma once
/// @file
/// What a quota counts: the activities of docs/domain.md §4, each counted from registry records
/// in a fixed way (docs/policy.md, "Counting"), and whether a member or an organisation does it.

#include <massline/core/enum_names.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace massline::policy {

/// An activity a quota sets a minimum (and maybe a maximum) for, per period. Member activities
/// are counted per member, organisation activities per organisation; docs/policy.md says from
/// which records each is counted.
enum class QuotaActivity : std::uint8_t {
  ContactHouseholds,        ///< 联户: households of the member's contact-household pairings active in the period
  VisitedHouseholds,        ///< distinct households the member met in individual contacts
  HomeVisits,               ///< distinct households the member visited at home (mode home_visit)
  FieldDays,                ///< distinct days with a contact by the member (days at the grassroots)
  HouseholdDays,            ///< distinct days with a contact by the member that names a household
  ConcentratedVisits,       ///< the member's contacts marked concentrated
  Pledges,                  ///< commitments the member is a pledger of, pledged in the period
  AssistancePairings,       ///< the member's assistance pairings active in the period
  ContactPoints,            ///< the member's contact-point pairings active in the period
  GoingDownVisits,          ///< the member's going-down contacts (regular, fixed point, circuit) at an organisation
  ResearchReports,          ///< five ones: fulfilled research-report commitments of the member
  PracticalDeeds,           ///< five ones: fulfilled practical-deed commitments
  PetitionsResolved,        ///< five ones: fulfilled petition-resolved commitments
  PublicWelfareActivities,  ///< five ones: fulfilled public-welfare commitments
  DifficultFamiliesHelped,  ///< five ones: fulfilled difficult-family-helped commitments
  Trainings,                ///< delegate-group trainings the member took part in
  GroupActivities,          ///< delegate-group concentrated activities the member took part in
  SituationMeetings,        ///< organisation: situation meetings (民情联系会议) held
  WorkStudies               ///< organisation: party-committee sessions studying the work
};
constexpr std::array<std::string_view, 19> enum_names(QuotaActivity) {
  return {"contact_households", "visited_households", "home_visits", "field_days", "household_days",
          "concentrated_visits", "pledges", "assistance_pairings", "contact_points", "going_down_visits",
          "research_reports", "practical_deeds", "petitions_resolved", "public_welfare_activities",
          "difficult_families_helped", "trainings", "group_activities", "situation_meetings", "work_studies"};
}

/// Who an activity is counted for.
enum class Subject : std::uint8_t { Member, Organization };
constexpr std::array<std::string_view, 2> enum_names(Subject) { return {"member", "organization"}; }

/// Whether @p activity is counted per member or per organisation.
[[nodiscard]] constexpr Subject subject_of(QuotaActivity activity) noexcept {
  return activity == QuotaActivity::SituationMeetings || activity == QuotaActivity::WorkStudies ? Subject::Organization
                                                                                        : Subject::Member;
}

}  // namespace massline::policy
