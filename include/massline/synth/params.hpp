#pragma once
/// @file
/// Parameters of the synthetic-population generator (massline::synth::generate): every count,
/// rate and weight it uses, with its default, its domain and where the default comes from.
/// The three presets ("quyuan", "wujiagang", "county") are sets of these defaults; see
/// docs/synth.md for the table of defaults and their sources.

#include <massline/core/parameter_table.hpp>
#include <massline/model/appeal.hpp>
#include <massline/model/commitment.hpp>
#include <massline/model/contact.hpp>
#include <massline/model/household.hpp>
#include <massline/model/organization.hpp>
#include <massline/model/service_post.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace massline::synth {

/// Every knob of the generator. Default member initialisers are the `county` preset; the real
/// presets override the counts the sources give (docs/domain.md §1). Counts of 0 marked "derived"
/// are computed from the ratio parameters next to them.
struct SynthParams {
  // ---- calendar and identifiers ----
  std::int64_t year = 2024;      ///< the simulated year of contacts, pledges and appeals
  bool codes = true;             ///< give orgs, members, households and appeals external codes
  bool personal_fields = true;   ///< give households and members names, addresses, phones and ID numbers
  std::string code_prefix = "CTY";  ///< prefix of every external code (not a numeric parameter)
  OrgKind community_kind = OrgKind::WorkStation;     ///< kind of level-3 units (not a numeric parameter)
  OrgKind grid_kind = OrgKind::ResponsibilityArea;   ///< kind of level-4 units (not a numeric parameter)

  // ---- the four-level structure ----
  std::int64_t households = 100000;  ///< households (level-4 residents)
  std::int64_t people = 0;           ///< exact total of household sizes; 0 = sizes drawn freely
  std::int64_t townships = 0;        ///< level-2 units; 0 = derived from communities_per_township
  std::int64_t communities = 0;      ///< level-3 units; 0 = derived from grids_per_community
  std::int64_t grids = 0;            ///< level-4 units; 0 = derived from households_per_grid
  double communities_per_township = 13.0;        ///< Quyuan: 13 units in one town
  double grids_per_community = 66.0 / 13.0;      ///< Quyuan: 66 groups / 13 units
  double households_per_grid = 7902.0 / 66.0;    ///< Quyuan: 7,902 households / 66 groups
  double street_share = 0.1;       ///< share of level-2 units that are (urban) streets
  double urban_share = 0.1;        ///< share of level-3 units of townships that are urban communities
  double institution_share = 0.0;  ///< share of level-3 units of streets that are school/hospital/enterprise stations
  double size_dispersion = 0.3;    ///< log-sd of unit sizes (children per parent, households per unit)

  // ---- households ----
  double mean_household_size = 19608.0 / 7902.0;  ///< used when people == 0 (Quyuan's mean)
  std::int64_t max_household_size = 12;            ///< largest household drawn
  /// Probability of each HouseholdCategory (index = enumerator). The PartyCentral entry is the
  /// share of *party* households that are party-member central households.
  std::array<double, 14> category_rate{0.08, 0.05, 0.01, 0.003, 0.02, 0.10, 0.05,
                                       0.03, 0.02, 0.02, 0.04, 0.10, 0.01, 0.01};
  double party_household_share = 0.10;  ///< households with a party member

  // ---- members ----
  std::int64_t members = 0;                      ///< all members; 0 = derived from members_per_household
  double members_per_household = 884.0 / 7902.0;  ///< Quyuan: 884 members / 7,902 households
  std::int64_t cadres = 0;                       ///< members of kind Cadre; 0 = derived from cadre_share
  double cadre_share = 171.0 / 884.0;            ///< Quyuan: 171 cadre members of 884
  std::int64_t village_cadres_per_community = 5; ///< village/community cadres of each village or community
  std::int64_t county_leaders = 10;              ///< city/county-rank leading cadres at the level-1 office
  double organs_per_township = 1.0;              ///< county organ party organisations per township
  std::int64_t organ_members = 15;               ///< members per organ (1 county-division head + staff)
  double in_service_share = 0.5;                 ///< organ/institution staff who are in-service members
  std::int64_t township_leaders = 11;            ///< township-rank leaders per township (contact town leaders)
  std::int64_t police_per_township = 5;          ///< police officers among the township cadres
  std::int64_t judicial_per_township = 2;        ///< judicial officers among the township cadres
  double urban_member_weight = 1.0;  ///< ordinary-member density of urban units relative to rural ones
  double capable_share = 0.6;        ///< ordinary members capable of helping
  double cadre_capable_share = 1.0;  ///< cadres capable of helping
  double old_share = 0.2;            ///< ordinary members who are old members
  double hardship_share = 0.05;      ///< ordinary members in hardship
  double mobile_share = 0.05;        ///< rural members who are mobile
  double specialty_share = 0.4;      ///< capable members with 1-2 specialties

  // ---- party-congress delegates ----
  std::int64_t district_delegates = 0;        ///< district/county-level congress delegates
  std::int64_t township_delegates = 0;        ///< township-level congress delegates
  std::int64_t delegate_group_size = 10;      ///< delegates per group (1 leader + 1-2 liaisons + others)
  std::int64_t delegate_contact_households = 100;  ///< households each delegate contacts per year

  // ---- responsibility-area teams (Quyuan model: one area per level-3 unit) ----
  bool area_teams = true;                 ///< staff every rural/urban level-3 unit with a township team
  std::int64_t area_leaders = 1;          ///< contact town leaders per area
  std::int64_t area_organ_cadres_min = 2; ///< organ cadres per area, at least
  std::int64_t area_organ_cadres_max = 3; ///< organ cadres per area, at most
  std::int64_t area_police = 1;           ///< police officers per area
  std::int64_t area_judicial = 1;         ///< judicial officers per area

  // ---- pairings ----
  std::int64_t village_cadre_contact_households = 15;  ///< contact households per village cadre per year
  std::int64_t town_cadre_contact_households = 10;     ///< contact households per township cadre per year
  std::int64_t member_contact_households = 5;          ///< contact households per capable ordinary member
  double key_household_weight = 3.0;    ///< how much likelier a hardship/must-visit household is picked
  double assistance_coverage = 0.9;     ///< difficult households with an assistance pair
  double joint_assistance_share = 0.1;  ///< of those, paired jointly by their branch (organisation)
  std::int64_t max_assistance_per_member = 3;  ///< assistance pairs one member carries at most
  std::int64_t leading_cadre_assistance = 1;   ///< difficult households each leading cadre pairs with
  std::int64_t leader_contact_points = 1;      ///< contact points of each county leader and organ head
  double dual_pairing_share = 1.0;      ///< villages/communities paired with an organ organisation
  double pairing_end_share = 0.05;      ///< assistance pairs that end during the year
  double hardship_member_assistance = 0.3;  ///< hardship members paired with a capable member (assistance)
  bool assistance_capacity = true;      ///< member assistance pairs carry capacity max_assistance_per_member

  // ---- service posts ----
  std::int64_t posts_per_community = 4;  ///< service posts defined by each village/community
  double post_fill_share = 0.85;         ///< posts that have a holder
  std::array<double, 3> post_assignment_weight{0.4, 0.3, 0.3};  ///< by PostAssignment

  // ---- pledges ----
  double pledge_second_share = 0.5;    ///< capable members who make a second pledge
  /// Category of an ordinary (non-delegate) pledge, by CommitmentCategory.
  std::array<double, 6> pledge_category_weight{0.0, 0.5, 0.0, 0.2, 0.2, 0.1};
  double joint_pledge_share = 0.15;    ///< pledges made jointly with 1-2 others of the same organisation
  bool delegate_five_ones = true;      ///< delegates pledge the "five ones" instead
  double pledge_start_share = 0.9;     ///< pledges that get under way
  double pledge_fulfil_share = 0.75;   ///< of all pledges: fulfilled by the due date
  double pledge_withdraw_share = 0.05; ///< of all pledges: withdrawn
  double pledge_lapse_share = 0.1;     ///< of all pledges: lapsed at the due date

  // ---- a year of contacts ----
  bool contacts = true;                          ///< generate contacts (off for very large runs)
  std::int64_t village_cadre_days_per_month = 8; ///< field days of a village cadre
  std::int64_t town_cadre_days_per_month = 3;    ///< days a township cadre is stationed in villages
  std::int64_t visits_per_field_day = 2;         ///< households visited on one field day
  double field_day_compliance = 0.9;             ///< share of required field days actually worked
  double member_visits_per_contact_household = 2.0;  ///< visits per year to each contact household
  double member_home_visit_share = 0.8;          ///< of those, home visits (rest by appointment)
  std::int64_t assistance_visits = 4;            ///< visits per year to an assisted household
  std::int64_t contact_point_visits = 12;        ///< going-down visits per year to a contact point
  std::int64_t going_down_households = 3;        ///< households met on one going-down visit
  double delegate_visit_compliance = 0.95;       ///< delegates' contact households actually contacted
  std::array<double, 7> delegate_mode_weight{0.4, 0.25, 0.15, 0.0, 0.0, 0.1, 0.1};  ///< by VisitMode
  std::int64_t campaigns = 2;               ///< concentrated campaigns per year (one per half-year)
  std::int64_t campaign_households = 5;     ///< households each delegate visits per campaign
  double campaign_attendance = 0.9;         ///< delegates who attend a campaign
  double must_visit_compliance = 0.95;      ///< must-visit households not otherwise met who get a visit
  std::array<double, 7> duration_median{30, 90, 20, 60, 60, 60, 30};  ///< minutes, by VisitMode
  double duration_sigma = 0.5;              ///< log-sd of durations
  double situation_report_share = 0.3;      ///< contacts that file a five-situation report
  std::array<double, 5> situation_weight{0.5, 0.25, 0.1, 0.1, 0.05};  ///< by Situation
  double abnormal_share = 0.05;             ///< reports that are abnormal

  // ---- appeals ----
  bool appeals = true;                                   ///< generate appeals
  double appeal_per_contacted_household = 460.0 / 3500.0; ///< Wujiagang: 460 items from 3,500 households
  double other_channel_appeals = 0.03;          ///< appeals per household per year by other channels
  double petitioner_appeal_multiplier = 3.0;    ///< petitioner households appeal this much more
  std::array<double, 7> channel_weight{0.0, 0.0, 0.2, 0.3, 0.1, 0.3, 0.1};  ///< other channels, by AppealChannel
  std::array<double, 10> subject_weight{104, 96, 58, 33, 5, 5, 15, 156, 15, 48};  ///< by SubjectArea
  std::array<double, 4> class_weight{0.7, 0.15, 0.1, 0.05};    ///< by AppealClass
  std::array<double, 4> routing_weight{0.6, 0.15, 0.2, 0.05};  ///< by Routing
  double escalate_county_share = 0.25;  ///< escalated appeals that go on to the county office
  double leader_in_charge_share = 0.5;  ///< key cases a leader takes charge of
  double sort_delay_median = 2.0;       ///< days from registering to sorting (median)
  double sort_delay_sigma = 0.7;        ///< log-sd
  double feedback_delay_median = 11.2;  ///< days from sorting to feedback (median)
  double feedback_delay_sigma = 1.01;   ///< log-sd
  double dispose_delay_median = 7.0;    ///< days from feedback to disposal (median)
  double dispose_delay_sigma = 0.8;     ///< log-sd
  double escalated_delay_factor = 2.0;  ///< escalated appeals take this much longer to dispose
  std::int64_t appeal_due_days = 30;    ///< days from registering to the due date
  double appeal_drop_share = 0.02;      ///< fed-back appeals dropped instead of disposed
  double lawful_solved_share = 0.9;     ///< reasonable and lawful appeals solved in full (the rest in part)
  std::array<double, 4> public_answer_weight{0.6, 0.25, 0.1, 0.05};  ///< the public's answer to feedback, by PublicAnswer

  // ---- activities that are not visits ----
  bool activities = true;                           ///< generate activities
  std::int64_t village_situation_meetings = 24;     ///< situation meetings per village/community per year (every half month)
  std::int64_t township_situation_meetings = 12;    ///< situation meetings per township per year (monthly)
  double emergency_meetings = 0.5;                  ///< ad hoc situation meetings per unit per year
  std::int64_t township_studies = 2;                ///< studies of the work per township party committee per year
  std::int64_t group_trainings = 1;                 ///< trainings per delegate group per year
  std::int64_t group_concentrated_activities = 2;   ///< concentrated activities per delegate group per year
  double activity_attendance = 0.9;                 ///< members expected at an activity who attend

  friend bool operator==(const SynthParams&, const SynthParams&) = default;
};

/// The generator's parameters are a core ParameterTable; these are its names here.
using massline::ParameterInfo;
using massline::ParameterType;
/// Overrides by parameter name; counts and flags are given as whole numbers.
using Overrides = ParameterValues;

/// Every numeric parameter, in a fixed order (the order of docs/synth.md).
[[nodiscard]] const std::vector<ParameterInfo>& parameters();

/// The preset names: "quyuan", "wujiagang", "county".
[[nodiscard]] std::vector<std::string> preset_names();

/// The parameters of a preset; throws InvalidArgument "synth.unknown_preset" listing the presets.
[[nodiscard]] SynthParams preset(std::string_view name);

/// Applies @p overrides to @p params and validates the result. Throws InvalidArgument
/// "synth.unknown_parameter" (with the closest known name) or "synth.bad_parameter" (value out
/// of its domain, a non-integral count, a flag other than 0/1); @p params is unchanged then.
void apply_overrides(SynthParams& params, const Overrides& overrides);

/// Every numeric parameter by name (counts and flags as whole numbers).
[[nodiscard]] Overrides to_map(const SynthParams& params);

/// Checks every parameter's domain and the constraints between parameters; throws
/// InvalidArgument "synth.bad_parameter" naming the parameter and why.
void check(const SynthParams& params);

}  // namespace massline::synth
