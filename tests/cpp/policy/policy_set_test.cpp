// PolicySet and its rules as values: selectors match what they say, each check() refuses what
// docs/policy.md says with the rule and field named, names are unique across the set, equality
// sees every field.
#include <massline/policy/policy_set.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace massline::policy {
namespace {

// Code and "entity/field" of the error @p f throws, or "" when it throws nothing.
std::string failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    return e.code() + " " + e.where().entity + "/" + e.where().field;
  }
  return "";
}

Member member(MemberKinds kinds) {
  Member m;
  m.kinds = kinds;
  return m;
}

Organization org(OrgLevel level, Sector sector, OrgKind kind = OrgKind::Other) {
  Organization o;
  o.level = level;
  o.sector = sector;
  o.kind = kind;
  return o;
}

TEST(Selector, EmptyMatchesEveryoneAndEachCriterionNarrows) {
  const Organization village = org(OrgLevel::Community, Sector::Rural, OrgKind::WorkStation);
  const Organization street = org(OrgLevel::Township, Sector::Urban);
  Selector s;
  EXPECT_TRUE(s.is_everyone());
  EXPECT_TRUE(s.matches(member({}), village));
  EXPECT_TRUE(s.matches(street));

  Member d = member({MemberKind::Delegate, MemberKind::Rural});
  d.delegate_level = DelegateLevel::Township;
  s.kinds = {MemberKind::Delegate};
  EXPECT_TRUE(s.matches(d, village));
  EXPECT_FALSE(s.matches(member({MemberKind::Rural}), village));
  s.kinds = {MemberKind::Delegate, MemberKind::Community};  // all listed kinds are needed
  EXPECT_FALSE(s.matches(d, village));
  s.kinds = {MemberKind::Delegate};
  s.delegate_levels = {DelegateLevel::District};
  EXPECT_FALSE(s.matches(d, village));
  s.delegate_levels = {DelegateLevel::District, DelegateLevel::Township};  // any listed level
  EXPECT_TRUE(s.matches(d, village));
  s.org_levels = {OrgLevel::Township};
  EXPECT_FALSE(s.matches(d, village));
  EXPECT_TRUE(s.matches(d, street));
  s.sectors = {Sector::Rural};
  EXPECT_FALSE(s.matches(d, street));

  Selector r;
  r.cadre_ranks = {CadreRank::CountyDivision};
  EXPECT_FALSE(r.matches(member({}), village));  // no rank at all
  Member cadre = member({MemberKind::Cadre});
  cadre.cadre_rank = CadreRank::CountyDivision;
  EXPECT_TRUE(r.matches(cadre, village));
  r.roles = {MemberRole::OrganMember};
  EXPECT_FALSE(r.matches(cadre, village));
  cadre.role = MemberRole::OrganMember;
  EXPECT_TRUE(r.matches(cadre, village));
  r.capable_of_helping = true;
  EXPECT_FALSE(r.matches(cadre, village));
  cadre.capable_of_helping = true;
  EXPECT_TRUE(r.matches(cadre, village));
  r.capable_of_helping = false;
  EXPECT_FALSE(r.matches(cadre, village));
  r.org_kinds = {OrgKind::WorkStation};
  EXPECT_FALSE(r.has_no_member_criteria());
  EXPECT_TRUE(r.org_kinds.test(OrgKind::WorkStation));
}

QuotaRule good_quota() {
  QuotaRule q;
  q.name = "home_visits.delegate";
  q.who.kinds = {MemberKind::Delegate};
  q.activity = QuotaActivity::HomeVisits;
  q.minimum = 2;
  q.ratio = QuotaRatio{QuotaActivity::ContactHouseholds, 1, 3};
  return q;
}

TEST(QuotaRule, CheckNamesTheRuleAndTheField) {
  EXPECT_EQ(failure([] { good_quota().check(); }), "");
  auto with = [](auto change) {
    QuotaRule q = good_quota();
    change(q);
    return failure([&] { q.check(); });
  };
  EXPECT_EQ(with([](QuotaRule& q) { q.minimum = -1; }), "policy.rule quota 'home_visits.delegate'/minimum");
  EXPECT_EQ(with([](QuotaRule& q) { q.minimum = kMaxQuotaCount + 1; }), "policy.rule quota 'home_visits.delegate'/minimum");
  EXPECT_EQ(with([](QuotaRule& q) { q.maximum = 1; }), "policy.rule quota 'home_visits.delegate'/maximum");
  EXPECT_EQ(with([](QuotaRule& q) { q.maximum = 2; }), "");  // max == min is fine
  EXPECT_EQ(with([](QuotaRule& q) { q.ratio->denominator = 0; }), "policy.rule quota 'home_visits.delegate'/ratio.denominator");
  EXPECT_EQ(with([](QuotaRule& q) { q.ratio->numerator = -1; }), "policy.rule quota 'home_visits.delegate'/ratio.numerator");
  EXPECT_EQ(with([](QuotaRule& q) { q.ratio->of = QuotaActivity::HomeVisits; }), "policy.rule quota 'home_visits.delegate'/ratio.of");
  EXPECT_EQ(with([](QuotaRule& q) { q.ratio->of = QuotaActivity::SituationMeetings; }),
            "policy.rule quota 'home_visits.delegate'/ratio.of");
  EXPECT_EQ(with([](QuotaRule& q) { q.name = ""; }), "policy.rule quota ''/name");
  EXPECT_EQ(with([](QuotaRule& q) { q.name = "Home visits"; }), "policy.rule quota 'Home visits'/name");
  EXPECT_EQ(with([](QuotaRule& q) { q.name = "9lives"; }), "policy.rule quota '9lives'/name");
  EXPECT_EQ(with([](QuotaRule& q) { q.name = std::string(kMaxRuleNameLength + 1, 'a'); }).substr(0, 17), "policy.rule quota");
  EXPECT_EQ(with([](QuotaRule& q) {
              q.ratio.reset();
              q.activity = QuotaActivity::SituationMeetings;  // counted per organisation; `who` has a member kind
            }),
            "policy.rule quota 'home_visits.delegate'/who");
  EXPECT_EQ(with([](QuotaRule& q) {
              q.ratio.reset();
              q.activity = QuotaActivity::SituationMeetings;
              q.who = Selector{};
              q.who.org_levels = {OrgLevel::Community};
            }),
            "");
}

TEST(CoverageRule, CheckNamesTheRuleAndTheField) {
  CoverageRule c;
  c.name = "visit.all";
  EXPECT_EQ(failure([&] { c.check(); }), "");
  c.minimum = 0;
  EXPECT_EQ(failure([&] { c.check(); }), "policy.rule coverage 'visit.all'/minimum");
  c.minimum = 1;
  c.scope = CoverageScope::PairedUnits;
  EXPECT_EQ(failure([&] { c.check(); }), "");
  c.kind = CoverageKind::PairHouseholds;
  EXPECT_EQ(failure([&] { c.check(); }), "policy.rule coverage 'visit.all'/scope");
}

TEST(AppealDeadline, CheckNamesTheRuleAndTheField) {
  AppealDeadline d;
  d.name = "feedback";
  d.working_days = 5;
  EXPECT_EQ(failure([&] { d.check(); }), "");
  d.working_days = -1;
  EXPECT_EQ(failure([&] { d.check(); }), "policy.rule deadline 'feedback'/working_days");
  d.working_days = kMaxDeadlineWorkingDays + 1;
  EXPECT_EQ(failure([&] { d.check(); }), "policy.rule deadline 'feedback'/working_days");
  d.working_days = 0;
  d.stage = AppealStage::Registered;
  EXPECT_EQ(failure([&] { d.check(); }), "policy.rule deadline 'feedback'/stage");
  d.stage = AppealStage::Sorted;
  d.routing = Routing::Transfer;
  EXPECT_EQ(failure([&] { d.check(); }), "policy.rule deadline 'feedback'/routing");
  d.stage = AppealStage::Disposed;
  d.appeal_class = AppealClass::ReasonableLawful;
  d.handler_level = OrgLevel::Township;
  EXPECT_EQ(failure([&] { d.check(); }), "");
}

TEST(PolicySet, NamesAreUniqueAcrossKindsAndTheThresholdIsAShare) {
  PolicySet set;
  set.quotas.push_back(good_quota());
  EXPECT_EQ(failure([&] { set.check(); }), "");
  CoverageRule c;
  c.name = "home_visits.delegate";  // the quota's name
  set.coverage.push_back(c);
  EXPECT_EQ(failure([&] { set.check(); }), "policy.duplicate_rule coverage 'home_visits.delegate'/name");
  set.coverage.back().name = "visit.everyone";
  EXPECT_EQ(failure([&] { set.check(); }), "");
  set.quotas.back().minimum = -3;  // a rule's own check runs too
  EXPECT_EQ(failure([&] { set.check(); }), "policy.rule quota 'home_visits.delegate'/minimum");
  set.quotas.back().minimum = 3;
  for (double bad : {0.0, -0.5, 1.5, std::nan("")}) {
    set.satisfaction_threshold = bad;
    EXPECT_EQ(failure([&] { set.check(); }), "policy.value policy set/satisfaction_threshold") << bad;
  }
  set.satisfaction_threshold = 1.0;
  EXPECT_EQ(failure([&] { set.check(); }), "");
  EXPECT_EQ(set.find_quota("home_visits.delegate"), &set.quotas[0]);
  EXPECT_EQ(set.find_coverage("visit.everyone"), &set.coverage[0]);
  EXPECT_EQ(set.find_quota("visit.everyone"), nullptr);
  EXPECT_EQ(set.find_deadline("x"), nullptr);
}

TEST(PolicySet, EqualitySeesEveryField) {
  const PolicySet a = PolicySet::standard();
  EXPECT_EQ(a, PolicySet::standard());
  std::vector<std::function<void(PolicySet&)>> changes = {
      [](PolicySet& p) { p.name = "x"; },
      [](PolicySet& p) { p.satisfaction_threshold = 0.81; },
      [](PolicySet& p) { p.satisfaction_source = "x"; },
      [](PolicySet& p) { p.quotas[0].minimum += 1; },
      [](PolicySet& p) { p.quotas[0].maximum.reset(); },
      [](PolicySet& p) { p.quotas[0].source = "x"; },
      [](PolicySet& p) { p.quotas[0].period = QuotaPeriod::Quarter; },
      [](PolicySet& p) { p.quotas[0].who.capable_of_helping = false; },
      [](PolicySet& p) { p.quotas[1].who.cadre_ranks.set(CadreRank::Village); },
      [](PolicySet& p) { p.coverage[0].categories.reset(HouseholdCategory::FourOlds); },
      [](PolicySet& p) { p.coverage[0].scope = CoverageScope::PairedUnits; },
      [](PolicySet& p) { p.deadlines.push_back(AppealDeadline{}); },
      [](PolicySet& p) { std::swap(p.quotas[0], p.quotas[1]); },  // order matters (first match wins for deadlines)
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    PolicySet b = a;
    changes[i](b);
    EXPECT_NE(a, b) << "change " << i;
  }
}

TEST(QuotaActivity, SubjectsAndPeriods) {
  EXPECT_EQ(subject_of(QuotaActivity::SituationMeetings), Subject::Organization);
  EXPECT_EQ(subject_of(QuotaActivity::WorkStudies), Subject::Organization);
  EXPECT_EQ(subject_of(QuotaActivity::HomeVisits), Subject::Member);
  EXPECT_EQ(enum_count<QuotaActivity>, 19U);
  EXPECT_EQ(to_name(QuotaActivity::DifficultFamiliesHelped), "difficult_families_helped");
  EXPECT_EQ(period_kind(QuotaPeriod::HalfYear), PeriodKind::HalfYear);
  EXPECT_EQ(period_kind(QuotaPeriod::Month), PeriodKind::Month);
  EXPECT_EQ(Period::quarter(2024, 2).kind(), period_kind(QuotaPeriod::Quarter));
}

}  // namespace
}  // namespace massline::policy
