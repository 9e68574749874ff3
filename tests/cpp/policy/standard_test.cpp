// The standard policy set carries exactly the numbers of docs/domain.md §4 and §6, one rule per
// number, with the selectors, activities and periods docs/policy.md's table gives.
#include <massline/policy/policy_set.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace massline::policy {
namespace {

struct Expected {
  const char* name;
  QuotaActivity activity;
  QuotaPeriod period;
  std::int64_t minimum;
  std::optional<std::int64_t> maximum;
  const char* source;
};

const PolicySet& standard() {
  static const PolicySet set = PolicySet::standard();
  return set;
}

const QuotaRule& quota(const char* name) {
  const QuotaRule* q = standard().find_quota(name);
  if (q == nullptr) throw std::runtime_error(std::string("no quota ") + name);
  return *q;
}

const CoverageRule& coverage(const char* name) {
  const CoverageRule* c = standard().find_coverage(name);
  if (c == nullptr) throw std::runtime_error(std::string("no coverage rule ") + name);
  return *c;
}

TEST(Standard, IsValidAndNamed) {
  EXPECT_NO_THROW(standard().check());
  EXPECT_EQ(standard().name, "standard");
  EXPECT_DOUBLE_EQ(standard().satisfaction_threshold, 0.8);  // §6: below 80 % -> accountability (002)
  EXPECT_EQ(standard().satisfaction_source, "002");
  // §5 gives no number of days ("feedback in time", 000), so the standard has no deadline.
  EXPECT_TRUE(standard().deadlines.empty());
}

TEST(Standard, EveryQuotaNumberOfDomainSection4) {
  using A = QuotaActivity;
  using P = QuotaPeriod;
  const Expected table[] = {
      {"pledges.capable_member", A::Pledges, P::Year, 1, 2, "000; 001 篇5"},
      {"field_days.province_ministry", A::FieldDays, P::Year, 30, {}, "000"},
      {"field_days.city_county", A::FieldDays, P::Year, 60, {}, "000; 001 篇5"},
      {"field_days.township_county_department", A::FieldDays, P::Year, 90, {}, "001 篇5"},
      {"field_days.leading_cadre", A::FieldDays, P::Year, 60, {}, "001 篇1"},
      {"contact_points.leading_cadre", A::ContactPoints, P::Year, 1, {}, "001 篇1"},
      {"contact_households.leading_cadre", A::ContactHouseholds, P::Year, 1, {}, "001 篇1"},
      {"assistance_pairings.leading_cadre", A::AssistancePairings, P::Year, 1, {}, "001 篇1"},
      {"household_days.village_cadre", A::HouseholdDays, P::Month, 8, {}, "002"},
      {"contact_households.village_cadre", A::ContactHouseholds, P::Year, 15, {}, "002"},
      {"field_days.town_cadre_stationed", A::FieldDays, P::Month, 3, {}, "002"},
      {"contact_households.town_cadre_stationed", A::ContactHouseholds, P::Year, 10, {}, "002"},
      {"contact_households.delegate", A::ContactHouseholds, P::Year, 100, {}, "003"},
      {"home_visits.delegate", A::HomeVisits, P::Year, 0, {}, "003"},
      {"concentrated_visits.delegate", A::ConcentratedVisits, P::Year, 2, {}, "003"},
      {"concentrated_visits.delegate_half_year", A::ConcentratedVisits, P::HalfYear, 1, {}, "003"},
      {"five_ones.research_report", A::ResearchReports, P::Year, 1, {}, "003"},
      {"five_ones.practical_deed", A::PracticalDeeds, P::Year, 1, {}, "003"},
      {"five_ones.petition_resolved", A::PetitionsResolved, P::Year, 1, {}, "003"},
      {"five_ones.public_welfare", A::PublicWelfareActivities, P::Year, 1, {}, "003"},
      {"five_ones.difficult_family_helped", A::DifficultFamiliesHelped, P::Year, 1, {}, "003"},
      {"trainings.delegate_group", A::Trainings, P::Year, 1, {}, "003"},
      {"group_activities.delegate_group", A::GroupActivities, P::Year, 2, {}, "003"},
      {"going_down.party_committee_member", A::GoingDownVisits, P::Month, 1, {}, "004"},
      {"situation_meetings.village", A::SituationMeetings, P::Month, 2, {}, "002"},
      {"situation_meetings.township", A::SituationMeetings, P::Month, 1, {}, "002"},
      {"work_studies.street_committee", A::WorkStudies, P::Year, 2, {}, "001 篇1"},
  };
  ASSERT_EQ(standard().quotas.size(), std::size(table));
  for (std::size_t i = 0; i < std::size(table); ++i) {
    const Expected& e = table[i];
    const QuotaRule& q = standard().quotas[i];  // the order of the table in docs/policy.md
    SCOPED_TRACE(e.name);
    EXPECT_EQ(q.name, e.name);
    EXPECT_EQ(q.activity, e.activity);
    EXPECT_EQ(q.period, e.period);
    EXPECT_EQ(q.minimum, e.minimum);
    EXPECT_EQ(q.maximum, e.maximum);
    EXPECT_EQ(q.source, e.source);
    EXPECT_EQ(q.ratio.has_value(), std::string(e.name) == "home_visits.delegate");
  }
  // ≥ 1/3 of the delegate's households by home visit, exactly a third.
  const QuotaRatio third = *quota("home_visits.delegate").ratio;
  EXPECT_EQ(third.of, QuotaActivity::ContactHouseholds);
  EXPECT_EQ(third.numerator, 1);
  EXPECT_EQ(third.denominator, 3);
}

TEST(Standard, WhoEachQuotaAppliesTo) {
  EXPECT_EQ(quota("pledges.capable_member").who.capable_of_helping, true);
  EXPECT_EQ(quota("field_days.province_ministry").who.cadre_ranks, Flags<CadreRank>{CadreRank::ProvinceMinistry});
  EXPECT_EQ(quota("field_days.city_county").who.cadre_ranks, Flags<CadreRank>{CadreRank::CityCounty});
  EXPECT_EQ(quota("field_days.township_county_department").who.cadre_ranks,
            (Flags<CadreRank>{CadreRank::Township, CadreRank::CountyDivision}));
  const Flags<CadreRank> leading{CadreRank::ProvinceMinistry, CadreRank::CityCounty, CadreRank::CountyDivision, CadreRank::Township};
  for (const char* name : {"field_days.leading_cadre", "contact_points.leading_cadre", "contact_households.leading_cadre",
                           "assistance_pairings.leading_cadre"}) {
    EXPECT_EQ(quota(name).who.cadre_ranks, leading) << name;
    for (int r = 0; r < static_cast<int>(enum_count<CadreRank>); ++r)
      EXPECT_EQ(quota(name).who.cadre_ranks.test(static_cast<CadreRank>(r)), is_leading(static_cast<CadreRank>(r))) << name;
  }
  EXPECT_EQ(quota("household_days.village_cadre").who.roles, Flags<MemberRole>{MemberRole::VillageCadre});
  EXPECT_EQ(quota("field_days.town_cadre_stationed").who.roles, Flags<MemberRole>{MemberRole::TownCadreStationed});
  EXPECT_EQ(quota("going_down.party_committee_member").who.roles, Flags<MemberRole>{MemberRole::PartyCommitteeMember});
  for (const QuotaRule& q : standard().quotas) {
    if (q.name.ends_with(".delegate") || q.name.starts_with("five_ones.") || q.name.ends_with("delegate_group") ||
        q.name.ends_with("delegate_half_year")) {
      EXPECT_EQ(q.who.kinds, MemberKinds{MemberKind::Delegate}) << q.name;
    }
  }
  const Selector& village = quota("situation_meetings.village").who;
  EXPECT_EQ(village.org_levels, Flags<OrgLevel>{OrgLevel::Community});
  EXPECT_EQ(village.sectors, Flags<Sector>{Sector::Rural});
  EXPECT_EQ(quota("situation_meetings.township").who.org_levels, Flags<OrgLevel>{OrgLevel::Township});
  EXPECT_EQ(quota("work_studies.street_committee").who.sectors, Flags<Sector>{Sector::Urban});
}

TEST(Standard, CoverageRules) {
  ASSERT_EQ(standard().coverage.size(), 4U);
  const CoverageRule& must = coverage("visit.five_must_visit");
  EXPECT_EQ(must.kind, CoverageKind::VisitHouseholds);
  EXPECT_EQ(must.categories, kFiveMustVisit);  // the five of §2 (003)
  EXPECT_EQ(must.categories.count(), 5);
  EXPECT_EQ(must.minimum, 1);
  EXPECT_EQ(must.period, QuotaPeriod::Year);
  EXPECT_TRUE(must.by.is_everyone());
  const CoverageRule& organ = coverage("visit.organ_member_units");
  EXPECT_EQ(organ.scope, CoverageScope::PairedUnits);
  EXPECT_TRUE(organ.categories.none());
  EXPECT_EQ(organ.by.roles, Flags<MemberRole>{MemberRole::OrganMember});
  EXPECT_EQ(organ.minimum, 1);
  EXPECT_EQ(organ.source, "004");
  const CoverageRule& paired = coverage("pair.difficult_household");
  EXPECT_EQ(paired.kind, CoverageKind::PairHouseholds);
  EXPECT_EQ(paired.categories, HouseholdCategories{HouseholdCategory::Difficult});
  EXPECT_EQ(paired.minimum, 1);
  const CoverageRule& cadre = coverage("pair.county_division_cadre");
  EXPECT_EQ(cadre.kind, CoverageKind::MembersPair);
  EXPECT_EQ(cadre.by.cadre_ranks, Flags<CadreRank>{CadreRank::CountyDivision});
  EXPECT_EQ(cadre.categories, HouseholdCategories{HouseholdCategory::Difficult});
  EXPECT_EQ(cadre.minimum, 1);
}

TEST(Standard, NamesAreUniqueAndStable) {
  std::set<std::string> names;
  for (const auto& q : standard().quotas) names.insert(q.name);
  for (const auto& c : standard().coverage) names.insert(c.name);
  EXPECT_EQ(names.size(), standard().quotas.size() + standard().coverage.size());
}

}  // namespace
}  // namespace massline::policy
