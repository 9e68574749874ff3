// The standard policy set: the numbers of docs/domain.md §4 and §6, one rule per number (the
// table in docs/policy.md maps each rule to its row; tests/cpp/policy/standard_test.cpp checks
// each number).
#include <massline/policy/policy_set.hpp>

#include <utility>

namespace massline::policy {
namespace {

QuotaRule quota(std::string name, std::string source, Selector who, QuotaActivity activity, QuotaPeriod period,
                std::int64_t minimum, std::optional<std::int64_t> maximum = std::nullopt) {
  QuotaRule q;
  q.name = std::move(name);
  q.source = std::move(source);
  q.who = who;
  q.activity = activity;
  q.period = period;
  q.minimum = minimum;
  q.maximum = maximum;
  return q;
}

Selector ranks(Flags<CadreRank> r) {
  Selector s;
  s.cadre_ranks = r;
  return s;
}
Selector role(MemberRole r) {
  Selector s;
  s.roles = {r};
  return s;
}
Selector kind(MemberKind k) {
  Selector s;
  s.kinds = {k};
  return s;
}
Selector units(OrgLevel level, Sector sector) {
  Selector s;
  s.org_levels = {level};
  s.sectors = {sector};
  return s;
}

}  // namespace

PolicySet PolicySet::standard() {
  using A = QuotaActivity;
  using P = QuotaPeriod;
  PolicySet set;
  set.name = "standard";
  auto& q = set.quotas;

  // A capable member pledges 1-2 deeds a year, alone or jointly (000, 001 篇5).
  Selector capable;
  capable.capable_of_helping = true;
  q.push_back(quota("pledges.capable_member", "000; 001 篇5", capable, A::Pledges, P::Year, 1, 2));

  // Leading cadres at the grassroots: months per year, counted as field days of 30 days a month.
  q.push_back(quota("field_days.province_ministry", "000", ranks({CadreRank::ProvinceMinistry}), A::FieldDays, P::Year, 30));
  q.push_back(quota("field_days.city_county", "000; 001 篇5", ranks({CadreRank::CityCounty}), A::FieldDays, P::Year, 60));
  q.push_back(quota("field_days.township_county_department", "001 篇5",
                    ranks({CadreRank::Township, CadreRank::CountyDivision}), A::FieldDays, P::Year, 90));
  // Street practice: every leading cadre 60 days a year, with a contact point, a contact household
  // and a paired household (001 篇1).
  const Flags<CadreRank> leading{CadreRank::ProvinceMinistry, CadreRank::CityCounty, CadreRank::CountyDivision,
                                 CadreRank::Township};
  q.push_back(quota("field_days.leading_cadre", "001 篇1", ranks(leading), A::FieldDays, P::Year, 60));
  q.push_back(quota("contact_points.leading_cadre", "001 篇1", ranks(leading), A::ContactPoints, P::Year, 1));
  q.push_back(quota("contact_households.leading_cadre", "001 篇1", ranks(leading), A::ContactHouseholds, P::Year, 1));
  q.push_back(quota("assistance_pairings.leading_cadre", "001 篇1", ranks(leading), A::AssistancePairings, P::Year, 1));

  // Quyuan: village cadres 8 days a month in households and 15 contact households a year; town
  // cadres stationed in villages 3 days a month and 10 contact households (002).
  q.push_back(quota("household_days.village_cadre", "002", role(MemberRole::VillageCadre), A::HouseholdDays, P::Month, 8));
  q.push_back(quota("contact_households.village_cadre", "002", role(MemberRole::VillageCadre), A::ContactHouseholds, P::Year, 15));
  q.push_back(quota("field_days.town_cadre_stationed", "002", role(MemberRole::TownCadreStationed), A::FieldDays, P::Month, 3));
  q.push_back(quota("contact_households.town_cadre_stationed", "002", role(MemberRole::TownCadreStationed),
                    A::ContactHouseholds, P::Year, 10));

  // Party-congress delegates (003): 100 households a year, at least a third of them by home visit,
  // two concentrated visits a year, one in each half-year.
  const Selector delegate = kind(MemberKind::Delegate);
  q.push_back(quota("contact_households.delegate", "003", delegate, A::ContactHouseholds, P::Year, 100));
  QuotaRule home = quota("home_visits.delegate", "003", delegate, A::HomeVisits, P::Year, 0);
  home.ratio = QuotaRatio{A::ContactHouseholds, 1, 3};
  q.push_back(std::move(home));
  q.push_back(quota("concentrated_visits.delegate", "003", delegate, A::ConcentratedVisits, P::Year, 2));
  q.push_back(quota("concentrated_visits.delegate_half_year", "003", delegate, A::ConcentratedVisits, P::HalfYear, 1));
  // The five ones, each once a year (003).
  q.push_back(quota("five_ones.research_report", "003", delegate, A::ResearchReports, P::Year, 1));
  q.push_back(quota("five_ones.practical_deed", "003", delegate, A::PracticalDeeds, P::Year, 1));
  q.push_back(quota("five_ones.petition_resolved", "003", delegate, A::PetitionsResolved, P::Year, 1));
  q.push_back(quota("five_ones.public_welfare", "003", delegate, A::PublicWelfareActivities, P::Year, 1));
  q.push_back(quota("five_ones.difficult_family_helped", "003", delegate, A::DifficultFamiliesHelped, P::Year, 1));
  // Delegate groups: one training and two concentrated activities a year (003), kept by every
  // delegate of the group.
  q.push_back(quota("trainings.delegate_group", "003", delegate, A::Trainings, P::Year, 1));
  q.push_back(quota("group_activities.delegate_group", "003", delegate, A::GroupActivities, P::Year, 2));

  // Party-committee members go down to their contact points monthly (004).
  q.push_back(quota("going_down.party_committee_member", "004", role(MemberRole::PartyCommitteeMember),
                    A::GoingDownVisits, P::Month, 1));
  // Situation meetings: villages every half month, townships monthly (002).
  q.push_back(quota("situation_meetings.village", "002", units(OrgLevel::Community, Sector::Rural), A::SituationMeetings,
                    P::Month, 2));
  q.push_back(quota("situation_meetings.township", "002", units(OrgLevel::Township, Sector::Rural), A::SituationMeetings,
                    P::Month, 1));
  // The street party committee studies the work at least twice a year (001 篇1).
  q.push_back(quota("work_studies.street_committee", "001 篇1", units(OrgLevel::Township, Sector::Urban), A::WorkStudies,
                    P::Year, 2));

  // Coverage (003, 004, 000, 001 篇5).
  CoverageRule must_visit;
  must_visit.name = "visit.five_must_visit";
  must_visit.source = "003";
  must_visit.kind = CoverageKind::VisitHouseholds;
  must_visit.categories = kFiveMustVisit;
  set.coverage.push_back(must_visit);
  CoverageRule organ;
  organ.name = "visit.organ_member_units";
  organ.source = "004";
  organ.kind = CoverageKind::VisitHouseholds;
  organ.by = role(MemberRole::OrganMember);
  organ.scope = CoverageScope::PairedUnits;
  set.coverage.push_back(organ);
  CoverageRule paired;
  paired.name = "pair.difficult_household";
  paired.source = "000; 001 篇5";
  paired.kind = CoverageKind::PairHouseholds;
  paired.categories = {HouseholdCategory::Difficult};
  set.coverage.push_back(paired);
  CoverageRule cadre_pairs;
  cadre_pairs.name = "pair.county_division_cadre";
  cadre_pairs.source = "001 篇5";
  cadre_pairs.kind = CoverageKind::MembersPair;
  cadre_pairs.categories = {HouseholdCategory::Difficult};
  cadre_pairs.by = ranks({CadreRank::CountyDivision});
  set.coverage.push_back(cadre_pairs);

  // Satisfaction below 80 % leads to accountability (002).
  set.satisfaction_threshold = 0.8;
  set.satisfaction_source = "002";
  return set;
}

}  // namespace massline::policy
