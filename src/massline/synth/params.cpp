// The parameter table of the synthetic-population generator: names, domains, sources, the
// presets, overrides by name and validation.

#include <massline/synth/params.hpp>

#include "stages.hpp"

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/model/commitment.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <utility>

namespace massline::synth {
namespace {

// Upper bound of counts: ids are 32-bit, so no table may exceed 2^32 - 1 entries.
constexpr double kMaxCount = 2.0e9;
constexpr double kHuge = 1.0e9;

ParameterTable<SynthParams> build_table() {
  using P = SynthParams;
  const std::string assumption = "assumption";
  ParameterTable<SynthParams> s("synth", "docs/synth.md");
  // calendar and identifiers
  s.count("year", &P::year, 1401, 9998, "simulated year of contacts, pledges and appeals", assumption);
  s.flag("codes", &P::codes, "give organisations, members, households and appeals external codes", "design choice");
  s.flag("personal_fields", &P::personal_fields,
         "give households a head's name, address, phone and ID number, and members a phone and ID number", "design choice");
  // structure
  s.count("households", &P::households, 1, kMaxCount, "households", "002 (Quyuan 7,902), 003 (Wujiagang 30,000), domain.md §1 (county 10^5)");
  s.count("people", &P::people, 0, kMaxCount, "exact total of household sizes; 0 = drawn freely", "002 (Quyuan 19,608)");
  s.count("townships", &P::townships, 0, kMaxCount, "level-2 units; 0 = derived", "002 (Quyuan: 1 town); Wujiagang: assumption");
  s.count("communities", &P::communities, 0, kMaxCount, "level-3 units; 0 = derived", "002 (13), 003 (64 stations)");
  s.count("grids", &P::grids, 0, kMaxCount, "level-4 units; 0 = derived", "002 (66 groups), 003 (212 areas)");
  s.real("communities_per_township", &P::communities_per_township, 1, kHuge, "level-3 units per level-2 unit when derived", "002 (13 per town)");
  s.real("grids_per_community", &P::grids_per_community, 1, kHuge, "level-4 units per level-3 unit when derived", "002 (66 / 13)");
  s.real("households_per_grid", &P::households_per_grid, 1, kHuge, "households per level-4 unit when derived", "002 (7,902 / 66)");
  s.real("street_share", &P::street_share, 0, 1, "share of level-2 units that are urban streets", "003 (Wujiagang 4 of 5: assumption); county: assumption");
  s.real("urban_share", &P::urban_share, 0, 1, "share of a township's level-3 units that are urban communities", "002 (Quyuan 1 of 13); county: assumption");
  s.real("institution_share", &P::institution_share, 0, 1, "share of a street's level-3 units that are school/hospital/enterprise stations", "003 names them; share: assumption");
  s.real("size_dispersion", &P::size_dispersion, 0, 3, "log-sd of unit sizes", assumption);
  // households
  s.real("mean_household_size", &P::mean_household_size, 1, 100, "mean household size when people = 0", "002 (19,608 / 7,902)");
  s.count("max_household_size", &P::max_household_size, 1, 1000, "largest household", assumption);
  s.elements<HouseholdCategory>("rate_", &P::category_rate, 1, "probability of household category",
                              {assumption, assumption, assumption, assumption, assumption, assumption, assumption, assumption,
                               assumption, assumption, assumption, "assumption (share of party households)", assumption, assumption});
  s.real("party_household_share", &P::party_household_share, 0, 1, "households with a party member", "assumption near 002's 884 members / 7,902 households");
  // members
  s.count("members", &P::members, 0, kMaxCount, "members; 0 = derived", "002 (884); Wujiagang: assumption");
  s.real("members_per_household", &P::members_per_household, 0, 100, "members per household when derived", "002 (884 / 7,902)");
  s.count("cadres", &P::cadres, 0, kMaxCount, "cadre members; 0 = derived", "002 (171)");
  s.real("cadre_share", &P::cadre_share, 0, 1, "cadre share of members when derived", "002 (171 / 884)");
  s.count("village_cadres_per_community", &P::village_cadres_per_community, 0, 1000, "village/community cadres per village or community", assumption);
  s.count("county_leaders", &P::county_leaders, 0, kMaxCount, "city/county-rank leading cadres at the office", assumption);
  s.real("organs_per_township", &P::organs_per_township, 0, 1000, "county organ party organisations per township", assumption);
  s.count("organ_members", &P::organ_members, 1, 100000, "members per organ organisation, head included", assumption);
  s.real("in_service_share", &P::in_service_share, 0, 1, "organ/institution staff who are in-service members", "001 (one member, two posts); share: assumption");
  s.count("township_leaders", &P::township_leaders, 0, 100000, "township leaders per township", assumption);
  s.count("police_per_township", &P::police_per_township, 0, 100000, "police officers per township", assumption);
  s.count("judicial_per_township", &P::judicial_per_township, 0, 100000, "judicial officers per township", assumption);
  s.real("urban_member_weight", &P::urban_member_weight, 0, 100, "ordinary-member density of urban units relative to rural", "002: all 713 ordinary members are farmers (Quyuan 0)");
  s.real("capable_share", &P::capable_share, 0, 1, "ordinary members capable of helping", "assumption (002 notes many old, low-skilled rural members)");
  s.real("cadre_capable_share", &P::cadre_capable_share, 0, 1, "cadres capable of helping", assumption);
  s.real("old_share", &P::old_share, 0, 1, "ordinary members who are old members", assumption);
  s.real("hardship_share", &P::hardship_share, 0, 1, "ordinary members in hardship", assumption);
  s.real("mobile_share", &P::mobile_share, 0, 1, "rural members who are mobile", assumption);
  s.real("specialty_share", &P::specialty_share, 0, 1, "capable members with specialties", assumption);
  // delegates
  s.count("district_delegates", &P::district_delegates, 0, kMaxCount, "district-level congress delegates", "003 (180)");
  s.count("township_delegates", &P::township_delegates, 0, kMaxCount, "township-level congress delegates", "003 (125)");
  s.count("delegate_group_size", &P::delegate_group_size, 2, 100000, "delegates per delegate group", "003 (groups of 1 leader + 1-2 liaisons); size: assumption");
  s.count("delegate_contact_households", &P::delegate_contact_households, 0, 100000, "households a delegate contacts per year", "003 (100)");
  // area teams
  s.flag("area_teams", &P::area_teams, "staff every village/community as a responsibility area with a township team", "002");
  s.count("area_leaders", &P::area_leaders, 0, 1000, "contact town leaders per area", "002 (1)");
  s.count("area_organ_cadres_min", &P::area_organ_cadres_min, 0, 1000, "organ cadres per area, at least", "002 (2)");
  s.count("area_organ_cadres_max", &P::area_organ_cadres_max, 0, 1000, "organ cadres per area, at most", "002 (3)");
  s.count("area_police", &P::area_police, 0, 1000, "police officers per area", "002 (1)");
  s.count("area_judicial", &P::area_judicial, 0, 1000, "judicial officers per area", "002 (1)");
  // pairings
  s.count("village_cadre_contact_households", &P::village_cadre_contact_households, 0, 100000, "contact households per village cadre", "002 (15 per year)");
  s.count("town_cadre_contact_households", &P::town_cadre_contact_households, 0, 100000, "contact households per township cadre", "002 (10 per year)");
  s.count("member_contact_households", &P::member_contact_households, 0, 100000, "contact households per capable ordinary member", "001 (household contact); number: assumption");
  s.real("key_household_weight", &P::key_household_weight, 1, 1000, "pick weight of hardship and must-visit households", assumption);
  s.real("assistance_coverage", &P::assistance_coverage, 0, 1, "difficult households with an assistance pair", assumption);
  s.real("joint_assistance_share", &P::joint_assistance_share, 0, 1, "assistance pairs made jointly by a branch", "001 (pair alone or jointly); share: assumption");
  s.count("max_assistance_per_member", &P::max_assistance_per_member, 1, 100000, "assistance pairs per member at most", assumption);
  s.count("leading_cadre_assistance", &P::leading_cadre_assistance, 0, 1000, "difficult households each leading cadre pairs with", "001 (at least 1)");
  s.count("leader_contact_points", &P::leader_contact_points, 0, 1000, "contact points of each county leader and organ head", "001 (at least 1)");
  s.real("dual_pairing_share", &P::dual_pairing_share, 0, 1, "villages/communities paired with an organ", "001, 004 (dual pairing); share: assumption");
  s.real("pairing_end_share", &P::pairing_end_share, 0, 1, "assistance pairs ending during the year", assumption);
  s.real("hardship_member_assistance", &P::hardship_member_assistance, 0, 1, "hardship members with an assistance pair", "DOMAIN.md §2 (difficult members are served); share: assumption");
  s.flag("assistance_capacity", &P::assistance_capacity, "member assistance pairs record capacity max_assistance_per_member", assumption);
  // service posts
  s.count("posts_per_community", &P::posts_per_community, 0, 1000, "service posts per village/community", "000 (posts with duties); number: assumption");
  s.real("post_fill_share", &P::post_fill_share, 0, 1, "posts with a holder", assumption);
  s.elements<PostAssignment>("post_assignment_", &P::post_assignment_weight, kHuge, "weight of post assignment",
                           {"000 (self-declaration and assignment); weights: assumption", assumption, assumption});
  // pledges
  s.real("pledge_second_share", &P::pledge_second_share, 0, 1, "capable members who pledge twice", "000, 001 (1-2 per year); share: assumption");
  s.elements<CommitmentCategory>("pledge_category_", &P::pledge_category_weight, kHuge, "weight of pledge category",
                               {"003 (delegates' five ones; others: 0)", "000 (practical deeds); weight: assumption", "003 (delegates); others: 0",
                                assumption, "000, 001 (help difficult families); weight: assumption", assumption});
  s.real("joint_pledge_share", &P::joint_pledge_share, 0, 1, "pledges made jointly", "000, 001 (may pledge jointly); share: assumption");
  s.flag("delegate_five_ones", &P::delegate_five_ones, "delegates pledge the five ones", "003");
  s.real("pledge_start_share", &P::pledge_start_share, 0, 1, "pledges that get under way", assumption);
  s.real("pledge_fulfil_share", &P::pledge_fulfil_share, 0, 1, "pledges fulfilled", assumption);
  s.real("pledge_withdraw_share", &P::pledge_withdraw_share, 0, 1, "pledges withdrawn", assumption);
  s.real("pledge_lapse_share", &P::pledge_lapse_share, 0, 1, "pledges lapsed at the due date", assumption);
  // contacts
  s.flag("contacts", &P::contacts, "generate a year of contacts", "design choice");
  s.count("village_cadre_days_per_month", &P::village_cadre_days_per_month, 0, 28, "field days per month of a village cadre", "002 (at least 8)");
  s.count("town_cadre_days_per_month", &P::town_cadre_days_per_month, 0, 28, "days per month a township cadre is stationed in villages", "002 (at least 3)");
  s.count("visits_per_field_day", &P::visits_per_field_day, 0, 1000, "households visited per field day", assumption);
  s.real("field_day_compliance", &P::field_day_compliance, 0, 1, "share of required field days worked", assumption);
  s.real("member_visits_per_contact_household", &P::member_visits_per_contact_household, 0, 365, "visits per year to each contact household of an ordinary member", assumption);
  s.real("member_home_visit_share", &P::member_home_visit_share, 0, 1, "home-visit share of ordinary members' visits", assumption);
  s.count("assistance_visits", &P::assistance_visits, 0, 365, "visits per year to an assisted household", assumption);
  s.count("contact_point_visits", &P::contact_point_visits, 0, 365, "going-down visits per year to a contact point", "004 (monthly)");
  s.count("going_down_households", &P::going_down_households, 1, 1000, "households met per going-down visit", assumption);
  s.real("delegate_visit_compliance", &P::delegate_visit_compliance, 0, 1, "delegates' contact households actually contacted", assumption);
  s.elements<VisitMode>("delegate_mode_", &P::delegate_mode_weight, kHuge, "weight of delegates' visit mode",
                      {"003 (home visits at least 1/3); weight: assumption", "003 (forums); weight: assumption", "003 (reception); weight: assumption",
                       assumption, assumption, "003 (going down); weight: assumption", "003 (appointment); weight: assumption"});
  s.count("campaigns", &P::campaigns, 0, 12, "concentrated delegate campaigns per year", "003 (2, one per half-year)");
  s.count("campaign_households", &P::campaign_households, 0, 1000, "households per delegate per campaign", assumption);
  s.real("campaign_attendance", &P::campaign_attendance, 0, 1, "delegates attending a campaign", assumption);
  s.real("must_visit_compliance", &P::must_visit_compliance, 0, 1, "unmet must-visit households that get a visit", "003 (must visit); share: assumption");
  s.elements<VisitMode>("duration_", &P::duration_median, 1440, "median minutes of", {assumption, assumption, assumption, assumption, assumption, assumption, assumption});
  s.real("duration_sigma", &P::duration_sigma, 0, 3, "log-sd of durations", assumption);
  s.real("situation_report_share", &P::situation_report_share, 0, 1, "contacts filing a five-situation report", "002 (five situations); share: assumption");
  s.elements<Situation>("situation_", &P::situation_weight, kHuge, "weight of situation", {assumption, assumption, assumption, assumption, assumption});
  s.real("abnormal_share", &P::abnormal_share, 0, 1, "reports that are abnormal", assumption);
  // appeals
  s.flag("appeals", &P::appeals, "generate appeals", "design choice");
  s.real("appeal_per_contacted_household", &P::appeal_per_contacted_household, 0, 1, "appeals per contacted household", "003 (120 suggestions + 340 matters from 3,500 households)");
  s.real("other_channel_appeals", &P::other_channel_appeals, 0, 100, "appeals per household per year by other channels", assumption);
  s.real("petitioner_appeal_multiplier", &P::petitioner_appeal_multiplier, 1, 1000, "appeal rate multiplier of petitioner households", assumption);
  s.elements<AppealChannel>("channel_", &P::channel_weight, kHuge, "weight of other channel",
                          {"(contact-born)", "(contact-born)", "000, 002 (channels); weight: assumption", "000, 002, 004; weight: assumption",
                           "000, 002; weight: assumption", "004; weight: assumption", "000; weight: assumption"});
  s.elements<SubjectArea>("subject_", &P::subject_weight, kHuge, "weight of subject",
                        {"TipDM 2020 messages (劳动和社会保障 104)", "TipDM 2020 messages (教育文体 96)", "TipDM 2020 messages (卫生计生 58)",
                         "TipDM 2020 messages (环境保护 33)", assumption, assumption, assumption,
                         "TipDM 2020 messages (城乡建设 101 + 交通运输 55)", "assumption (003 names elderly care)",
                         "TipDM 2020 messages (商贸旅游 48)"});
  s.elements<AppealClass>("class_", &P::class_weight, kHuge, "weight of class", {assumption, assumption, assumption, assumption});
  s.elements<Routing>("routing_", &P::routing_weight, kHuge, "weight of routing", {assumption, assumption, assumption, assumption});
  s.real("escalate_county_share", &P::escalate_county_share, 0, 1, "escalated appeals going on to the county", assumption);
  s.real("leader_in_charge_share", &P::leader_in_charge_share, 0, 1, "key cases taken charge of by a leader", "002 (leaders take charge); share: assumption");
  s.real("sort_delay_median", &P::sort_delay_median, 0, 3650, "median days to sorting", assumption);
  s.real("sort_delay_sigma", &P::sort_delay_sigma, 0, 5, "log-sd of days to sorting", assumption);
  s.real("feedback_delay_median", &P::feedback_delay_median, 0, 3650, "median days to feedback", "TipDM 2020 replies (median 11.2 days)");
  s.real("feedback_delay_sigma", &P::feedback_delay_sigma, 0, 5, "log-sd of days to feedback", "TipDM 2020 replies (90th percentile 41.0 days)");
  s.real("dispose_delay_median", &P::dispose_delay_median, 0, 3650, "median days to disposal", assumption);
  s.real("dispose_delay_sigma", &P::dispose_delay_sigma, 0, 5, "log-sd of days to disposal", assumption);
  s.real("escalated_delay_factor", &P::escalated_delay_factor, 1, 100, "disposal delay multiplier of escalated appeals", assumption);
  s.count("appeal_due_days", &P::appeal_due_days, 0, 3650, "days from registering an appeal to its due date", "000 (feedback in time); days: assumption");
  s.real("appeal_drop_share", &P::appeal_drop_share, 0, 1, "fed-back appeals dropped instead of disposed", assumption);
  s.real("lawful_solved_share", &P::lawful_solved_share, 0, 1, "reasonable and lawful appeals solved in full", "002 (must be solved); share: assumption");
  s.elements<PublicAnswer>("answer_", &P::public_answer_weight, kHuge, "weight of the public's answer", {assumption, assumption, assumption, assumption});
  // activities
  s.flag("activities", &P::activities, "generate activities (meetings, studies, trainings)", "design choice");
  s.count("village_situation_meetings", &P::village_situation_meetings, 0, 366, "situation meetings per village/community per year", "002 (every half month)");
  s.count("township_situation_meetings", &P::township_situation_meetings, 0, 366, "situation meetings per township per year", "002 (monthly)");
  s.real("emergency_meetings", &P::emergency_meetings, 0, 366, "ad hoc situation meetings per unit per year", "002 (ad hoc for emergencies); rate: assumption");
  s.count("township_studies", &P::township_studies, 0, 366, "studies of the work per township party committee per year", "001 篇1 (at least twice a year)");
  s.count("group_trainings", &P::group_trainings, 0, 366, "trainings per delegate group per year", "003 (once a year)");
  s.count("group_concentrated_activities", &P::group_concentrated_activities, 0, 366, "concentrated activities per delegate group per year", "003 (twice a year)");
  s.real("activity_attendance", &P::activity_attendance, 0, 1, "members expected at an activity who attend", "003 (attendance kept); share: assumption");
  return s;
}

const ParameterTable<SynthParams>& table() {
  static const ParameterTable<SynthParams> parameters = build_table();
  return parameters;
}

using detail::bad;

template <std::size_t N>
void check_weights(const std::array<double, N>& w, const std::string& group) {
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0.0) bad(group + "*", "the weights of a group must not all be zero");
}

}  // namespace

void detail::bad(const std::string& name, const std::string& why) { table().bad(name, why); }

const std::vector<ParameterInfo>& parameters() { return table().infos(); }

std::vector<std::string> preset_names() { return {"quyuan", "wujiagang", "county"}; }

SynthParams preset(std::string_view name) {
  SynthParams p;
  if (name == "county") return p;
  if (name == "quyuan") {
    // 002: 12 villages + 1 residents' committee, 66 groups, 7,902 households, 19,608 people,
    // 884 members = 171 cadres + 713 farmer members, 13 responsibility areas.
    p.code_prefix = "QY";
    p.grid_kind = OrgKind::VillageGroup;
    p.households = 7902;
    p.people = 19608;
    p.townships = 1;
    p.communities = 13;
    p.grids = 66;
    p.street_share = 0.0;
    p.urban_share = 1.0 / 13.0;
    p.members = 884;
    p.cadres = 171;
    p.county_leaders = 0;
    p.organs_per_township = 0.0;
    p.urban_member_weight = 0.0;
    return p;
  }
  if (name == "wujiagang") {
    // 003: 180 + 125 delegates, 64 delegate stations, 212 responsibility areas, 30,000 households.
    p.code_prefix = "WJG";
    p.community_kind = OrgKind::DelegateStation;
    p.households = 30000;
    p.townships = 5;
    p.communities = 64;
    p.grids = 212;
    p.street_share = 0.8;
    p.urban_share = 0.0;
    p.institution_share = 0.2;
    p.members = 3356;  // round(30,000 x 884 / 7,902): Quyuan's density, an assumption
    p.county_leaders = 0;
    p.organs_per_township = 0.0;
    p.district_delegates = 180;
    p.township_delegates = 125;
    p.area_teams = false;
    return p;
  }
  std::string choices;
  for (const auto& n : preset_names()) choices += (choices.empty() ? "" : ", ") + n;
  throw InvalidArgument("synth.unknown_preset", "unknown synth preset '" + std::string(name) + "'", Location::of("synth preset"),
                        "expected one of: " + choices);
}

void apply_overrides(SynthParams& params, const Overrides& overrides) {
  SynthParams next = params;
  table().apply(next, overrides);
  check(next);
  params = std::move(next);
}

Overrides to_map(const SynthParams& params) { return table().to_map(params); }

void check(const SynthParams& p) {
  table().check(p);
  if (p.people != 0) {
    if (p.people < p.households) bad("people", "every household has at least one person: people " + std::to_string(p.people) +
                                                  " < households " + std::to_string(p.households));
    if (static_cast<double>(p.people) > static_cast<double>(p.households) * static_cast<double>(p.max_household_size))
      bad("people", std::to_string(p.people) + " people do not fit " + std::to_string(p.households) + " households of at most " +
                        std::to_string(p.max_household_size) + " (max_household_size)");
  }
  if (p.mean_household_size > static_cast<double>(p.max_household_size))
    bad("mean_household_size", "the mean " + massline::detail::number_text(p.mean_household_size) + " exceeds max_household_size " + std::to_string(p.max_household_size));
  if (p.grids > p.households) bad("grids", std::to_string(p.grids) + " level-4 units cannot each hold one of " + std::to_string(p.households) + " households");
  if (p.communities != 0 && p.grids != 0 && p.communities > p.grids)
    bad("communities", std::to_string(p.communities) + " level-3 units cannot each hold one of " + std::to_string(p.grids) + " level-4 units");
  if (p.townships != 0 && p.communities != 0 && p.townships > p.communities)
    bad("townships", std::to_string(p.townships) + " level-2 units cannot each hold one of " + std::to_string(p.communities) + " level-3 units");
  if (p.area_organ_cadres_min > p.area_organ_cadres_max)
    bad("area_organ_cadres_min", std::to_string(p.area_organ_cadres_min) + " exceeds area_organ_cadres_max " + std::to_string(p.area_organ_cadres_max));
  if (p.pledge_fulfil_share + p.pledge_withdraw_share + p.pledge_lapse_share > 1.0 + 1e-12)
    bad("pledge_fulfil_share", "pledge_fulfil_share + pledge_withdraw_share + pledge_lapse_share must not exceed 1");
  check_weights(p.post_assignment_weight, "post_assignment_");
  check_weights(p.pledge_category_weight, "pledge_category_");
  check_weights(p.delegate_mode_weight, "delegate_mode_");
  check_weights(p.duration_median, "duration_");
  check_weights(p.situation_weight, "situation_");
  check_weights(p.channel_weight, "channel_");
  check_weights(p.subject_weight, "subject_");
  check_weights(p.class_weight, "class_");
  check_weights(p.routing_weight, "routing_");
  check_weights(p.public_answer_weight, "answer_");
  if (p.code_prefix.empty() && p.codes) bad("code_prefix", "codes are on but the prefix is empty");
}

}  // namespace massline::synth
