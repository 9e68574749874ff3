// The compliance engine: every counted rule kind met, short (and over, for a maximum) on a small
// hand-made registry whose expected numbers are worked out in the comments; pro-rating in a leap
// year, windows of finer and coarser rules, not_applicable rows, coverage rules, the roll-up, and
// a synthetic county whose field days are recounted here independently of the engine.
#include <massline/core/cancellation.hpp>
#include <massline/policy/compliance.hpp>
#include <massline/synth/generate.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <vector>

namespace massline::policy {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

struct Fixture {
  Registry r;
  OrgId county, village, grid;

  Fixture() {
    Organization c;
    c.code = "C";
    c.name = "C";
    c.level = OrgLevel::County;
    county = r.add(c);
    Organization v;
    v.code = "V";
    v.name = "V";
    v.level = OrgLevel::Community;
    v.sector = Sector::Rural;
    v.parent = county;
    village = r.add(v);
    Organization g;
    g.code = "G";
    g.name = "G";
    g.level = OrgLevel::Grid;
    g.parent = village;
    grid = r.add(g);
  }
  MemberId member(std::optional<Date> joined = std::nullopt, std::optional<Date> left = std::nullopt) {
    Member m;
    m.organization = village;
    m.kinds = {MemberKind::Community};
    m.joined = joined;
    m.left = left;
    return r.add(m);
  }
  HouseholdId household(HouseholdCategories categories = {}) {
    return r.add(Household{.code = "", .unit = grid, .categories = categories, .party_household = false, .size = 1});
  }
  ContactId contact(MemberId m, Date day, std::optional<HouseholdId> h, VisitMode mode = VisitMode::HomeVisit,
                    bool concentrated = false) {
    Contact c;
    c.member = m;
    c.household = h;
    c.mode = mode;
    c.date = day;
    c.concentrated = concentrated;
    if (!h) {
      c.organization = village;
      c.collective = true;
    }
    return r.add(c);
  }
  PairingId pairing(PairingKind kind, PairingSource source, PairingTarget target, Date start, std::optional<Date> end = {}) {
    Pairing p;
    p.kind = kind;
    p.source = source;
    p.target = target;
    p.start = start;
    p.end = end;
    return r.add(p);
  }
  ActivityId activity(ActivityKind kind, OrgId at, Date day, std::vector<MemberId> attendees = {}) {
    Activity a;
    a.kind = kind;
    a.organization = at;
    a.date = day;
    a.attendees = std::move(attendees);
    return r.add(a);
  }
};

QuotaRule quota(std::string name, QuotaActivity activity, QuotaPeriod period, std::int64_t minimum) {
  QuotaRule q;
  q.name = std::move(name);
  q.activity = activity;
  q.period = period;
  q.minimum = minimum;
  if (subject_of(activity) == Subject::Member) q.who.kinds = {MemberKind::Community};
  return q;
}

PolicySet one(QuotaRule q) {
  PolicySet p;
  p.name = "test";
  p.quotas.push_back(std::move(q));
  return p;
}

// The rows of @p subject in @p report.
std::vector<ComplianceRow> rows_of(const ComplianceReport& report, std::uint32_t subject) {
  std::vector<ComplianceRow> out;
  for (const auto& row : report.rows)
    if (row.subject == subject) out.push_back(row);
  return out;
}

TEST(Compliance, FieldDaysMetShortAndProRatedInALeapYear) {
  Fixture f;
  const MemberId full = f.member(), almost = f.member(), late = f.member(d(2024, 7, 1));
  const HouseholdId h = f.household();
  const Date jan1 = d(2024, 1, 1);
  for (int i = 0; i < 60; ++i) f.contact(full, jan1 + boost::gregorian::days(i), h);
  f.contact(full, jan1, h);  // a second contact on a day already counted
  for (int i = 0; i < 59; ++i) f.contact(almost, jan1 + boost::gregorian::days(i), h);
  // `late` joined on 1 July: present 184 of 366 days, so 60 * 184 / 366 = 30.2 -> 31 required.
  for (int i = 0; i < 40; ++i) f.contact(late, jan1 + boost::gregorian::days(i), h);  // before joining: not counted
  for (int i = 0; i < 31; ++i) f.contact(late, d(2024, 7, 1) + boost::gregorian::days(i), h);
  const auto report = check_compliance(f.r, one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Year, 60)), Period::year(2024));
  ASSERT_EQ(report.rows.size(), 3u);
  const auto a = rows_of(report, full.value()).at(0);
  EXPECT_EQ(a.required, 60);
  EXPECT_EQ(a.actual, 60);
  EXPECT_EQ(a.status, ComplianceStatus::Met);
  EXPECT_EQ(a.evidence_kind, EvidenceKind::Contact);
  EXPECT_EQ(a.first, jan1);
  EXPECT_EQ(a.last, d(2024, 12, 31));
  const auto b = rows_of(report, almost.value()).at(0);
  EXPECT_EQ(b.actual, 59);
  EXPECT_EQ(b.shortfall, 1);
  EXPECT_EQ(b.status, ComplianceStatus::Short);
  const auto c = rows_of(report, late.value()).at(0);
  EXPECT_EQ(c.required, 31);
  EXPECT_EQ(c.actual, 31);
  EXPECT_EQ(c.status, ComplianceStatus::Met);
  // In 2023 (365 days) the same join date gives 60 * 184 / 365 = 30.25 -> 31 too, but a
  // 1 March join tells the years apart: 306 of 366 days -> 51 (50.2), 306 of 365 -> 51 (50.3);
  // use a minimum of 366: 306 in 2024 and 307 (306.8) in 2023.
  Fixture g;
  const MemberId m24 = g.member(d(2024, 3, 1)), m23 = g.member(d(2023, 3, 1));
  const auto leap = check_compliance(g.r, one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Year, 366)), Period::year(2024));
  EXPECT_EQ(rows_of(leap, m24.value()).at(0).required, 306);
  const auto plain = check_compliance(g.r, one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Year, 366)), Period::year(2023));
  EXPECT_EQ(rows_of(plain, m23.value()).at(0).required, 307);
  // Evidence: one contact per distinct day, all of the member, all in the window.
  const auto ev = report.evidence(0);
  ASSERT_EQ(ev.size(), 60u);
  std::set<Date> days;
  for (auto id : ev) {
    const Contact& x = f.r.contacts().get(ContactId{id});
    EXPECT_EQ(x.member, full);
    days.insert(x.date);
  }
  EXPECT_EQ(days.size(), 60u);
}

TEST(Compliance, HalfYearSplitOfConcentratedVisits) {
  Fixture f;
  const MemberId m = f.member();
  const HouseholdId h = f.household();
  f.contact(m, d(2024, 2, 1), h, VisitMode::HomeVisit, true);
  f.contact(m, d(2024, 6, 30), h, VisitMode::HomeVisit, true);
  f.contact(m, d(2024, 7, 1), h, VisitMode::HomeVisit, false);  // not concentrated
  PolicySet p = one(quota("concentrated.year", QuotaActivity::ConcentratedVisits, QuotaPeriod::Year, 2));
  p.quotas.push_back(quota("concentrated.half", QuotaActivity::ConcentratedVisits, QuotaPeriod::HalfYear, 1));
  const auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 3u);  // one yearly row, two half-year rows
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::Met);
  EXPECT_EQ(report.rows[0].actual, 2);
  EXPECT_EQ(report.rule_name(report.rows[1]), "concentrated.half");
  EXPECT_EQ(report.rows[1].last, d(2024, 6, 30));
  EXPECT_EQ(report.rows[1].actual, 2);
  EXPECT_EQ(report.rows[1].status, ComplianceStatus::Met);
  EXPECT_EQ(report.rows[2].first, d(2024, 7, 1));
  EXPECT_EQ(report.rows[2].actual, 0);
  EXPECT_EQ(report.rows[2].status, ComplianceStatus::Short);
  EXPECT_EQ(report.evidence(2).size(), 0u);
  // Checked over the second quarter: the half-year rule's window is the quarter, pro-rated
  // ceil(1 * 91 / 182) = 1; the yearly rule ceil(2 * 91 / 366) = 1.
  const auto q2 = check_compliance(f.r, p, Period::quarter(2024, 2));
  ASSERT_EQ(q2.rows.size(), 2u);
  EXPECT_EQ(q2.rows[0].required, 1);
  EXPECT_EQ(q2.rows[0].actual, 1);
  EXPECT_EQ(q2.rows[1].first, d(2024, 4, 1));
  EXPECT_EQ(q2.rows[1].last, d(2024, 6, 30));
  EXPECT_EQ(q2.rows[1].required, 1);
}

TEST(Compliance, MonthlyRuleOverAYearAndYearlyRuleOverAMonth) {
  Fixture f;
  const MemberId m = f.member();
  const HouseholdId h = f.household();
  for (int day = 1; day <= 8; ++day) f.contact(m, d(2024, 3, day), h);
  f.contact(m, d(2024, 4, 1), std::nullopt, VisitMode::Forum);  // a field day, not a household day
  const auto year = check_compliance(f.r, one(quota("household_days.x", QuotaActivity::HouseholdDays, QuotaPeriod::Month, 8)), Period::year(2024));
  ASSERT_EQ(year.rows.size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(year.rows[i].first, d(2024, static_cast<int>(i) + 1, 1));
    EXPECT_EQ(year.rows[i].status, i == 2 ? ComplianceStatus::Met : ComplianceStatus::Short) << i;
    EXPECT_EQ(year.rows[i].actual, i == 2 ? 8 : 0) << i;
  }
  // field_days 60 per year checked over February 2024: ceil(60 * 29 / 366) = 5.
  const auto feb = check_compliance(f.r, one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Year, 60)), Period::month(2024, 2));
  ASSERT_EQ(feb.rows.size(), 1u);
  EXPECT_EQ(feb.rows[0].required, 5);
  const auto apr = check_compliance(f.r, one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Month, 1)), Period::month(2024, 4));
  EXPECT_EQ(apr.rows.at(0).actual, 1);
}

TEST(Compliance, PledgesWithAMaximum) {
  Fixture f;
  const MemberId none = f.member(), two = f.member(), three = f.member();
  auto pledge = [&](MemberId m, Date on, CommitmentCategory category = CommitmentCategory::General) {
    return f.r.add(Commitment::pledge({m}, category, on, on + boost::gregorian::days(30)));
  };
  pledge(two, d(2024, 1, 5));
  pledge(two, d(2024, 5, 5));
  pledge(two, d(2023, 12, 31));  // pledged the year before
  pledge(two, d(2024, 5, 5), CommitmentCategory::ResearchReport);  // a five-ones commitment, not a pledge
  for (int i = 0; i < 3; ++i) pledge(three, d(2024, 3, 1 + i));
  QuotaRule q = quota("pledges.x", QuotaActivity::Pledges, QuotaPeriod::Year, 1);
  q.maximum = 2;
  const auto report = check_compliance(f.r, one(q), Period::year(2024));
  EXPECT_EQ(rows_of(report, none.value()).at(0).status, ComplianceStatus::Short);
  const auto t = rows_of(report, two.value()).at(0);
  EXPECT_EQ(t.actual, 2);
  EXPECT_EQ(t.maximum, 2);
  EXPECT_EQ(t.status, ComplianceStatus::Met);
  EXPECT_EQ(t.evidence_kind, EvidenceKind::Commitment);
  const auto h = rows_of(report, three.value()).at(0);
  EXPECT_EQ(h.actual, 3);
  EXPECT_EQ(h.shortfall, 0);
  EXPECT_EQ(h.status, ComplianceStatus::Over);
}

TEST(Compliance, FiveOnesCountFulfilmentInThePeriod) {
  Fixture f;
  const MemberId m = f.member();
  Commitment done = Commitment::pledge({m}, CommitmentCategory::ResearchReport, d(2023, 11, 1), d(2024, 3, 1));
  done.transition(CommitmentStatus::Fulfilled, d(2024, 2, 1));
  f.r.add(done);
  Commitment open = Commitment::pledge({m}, CommitmentCategory::ResearchReport, d(2024, 1, 1), d(2024, 3, 1));
  f.r.add(open);
  const auto report = check_compliance(f.r, one(quota("five.x", QuotaActivity::ResearchReports, QuotaPeriod::Year, 2)), Period::year(2024));
  EXPECT_EQ(report.rows.at(0).actual, 1);
  EXPECT_EQ(report.rows.at(0).status, ComplianceStatus::Short);
}

TEST(Compliance, HomeVisitShareOfContactHouseholds) {
  Fixture f;
  const MemberId m = f.member();
  std::vector<HouseholdId> hs;
  for (int i = 0; i < 6; ++i) hs.push_back(f.household());
  for (auto h : hs) f.pairing(PairingKind::ContactHousehold, m, h, d(2023, 1, 1));
  f.pairing(PairingKind::ContactHousehold, m, hs[0], d(2024, 5, 1));  // same household twice: counted once
  f.pairing(PairingKind::ContactHousehold, m, f.household(), d(2020, 1, 1), d(2023, 12, 31));  // ended before
  f.contact(m, d(2024, 2, 1), hs[0]);
  f.contact(m, d(2024, 3, 1), hs[0]);  // the same household again
  f.contact(m, d(2024, 3, 2), hs[1], VisitMode::Appointment);  // not a home visit
  QuotaRule q = quota("home_visits.x", QuotaActivity::HomeVisits, QuotaPeriod::Year, 0);
  q.ratio = QuotaRatio{QuotaActivity::ContactHouseholds, 1, 3};
  PolicySet p = one(q);
  p.quotas.push_back(quota("contact_households.x", QuotaActivity::ContactHouseholds, QuotaPeriod::Year, 6));
  auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].required, 2);  // ceil(6 / 3)
  EXPECT_EQ(report.rows[0].actual, 1);
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::Short);
  EXPECT_EQ(report.rows[1].actual, 6);
  EXPECT_EQ(report.rows[1].status, ComplianceStatus::Met);
  EXPECT_EQ(report.evidence(1).size(), 6u);
  f.contact(m, d(2024, 4, 1), hs[2]);
  report = check_compliance(f.r, p, Period::year(2024));
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::Met);
}

TEST(Compliance, PairingsAndGoingDownAndSituationMeetings) {
  Fixture f;
  const MemberId m = f.member();
  const HouseholdId h = f.household();
  f.pairing(PairingKind::Assistance, m, h, d(2024, 12, 31));  // active on the last day
  f.pairing(PairingKind::ContactPoint, m, f.village, d(2025, 1, 1));  // starts after
  f.contact(m, d(2024, 5, 1), std::nullopt, VisitMode::GoingDownCircuit);
  f.contact(m, d(2024, 5, 2), std::nullopt, VisitMode::Forum);  // a forum contact is not a meeting record
  const ActivityId may = f.activity(ActivityKind::SituationMeeting, f.village, d(2024, 5, 2));
  f.activity(ActivityKind::Study, f.village, d(2024, 5, 3));                // another kind
  f.activity(ActivityKind::SituationMeeting, f.county, d(2024, 5, 4));      // another organisation
  f.activity(ActivityKind::SituationMeeting, f.village, d(2024, 7, 1));     // after the quarter
  const ActivityId june = f.activity(ActivityKind::SituationMeeting, f.village, d(2024, 6, 9));
  const ActivityId urgent = f.activity(ActivityKind::SituationMeeting, f.village, d(2024, 6, 9));  // ad hoc, same day
  PolicySet p = one(quota("assist.x", QuotaActivity::AssistancePairings, QuotaPeriod::Year, 1));
  p.quotas.push_back(quota("points.x", QuotaActivity::ContactPoints, QuotaPeriod::Year, 1));
  p.quotas.push_back(quota("going.x", QuotaActivity::GoingDownVisits, QuotaPeriod::Year, 1));
  QuotaRule meetings = quota("meetings.x", QuotaActivity::SituationMeetings, QuotaPeriod::Month, 2);
  meetings.who.org_levels = {OrgLevel::Community};
  p.quotas.push_back(meetings);
  const auto report = check_compliance(f.r, p, Period::quarter(2024, 2));
  ASSERT_EQ(report.rows.size(), 6u);
  // assistance yearly over Q2: the pairing starts 31 December, so none in Q2.
  EXPECT_EQ(report.rows[0].actual, 0);
  EXPECT_EQ(report.rows[0].required, 1);  // ceil(1 * 91 / 366)
  EXPECT_EQ(report.rows[1].actual, 0);
  EXPECT_EQ(report.rows[2].actual, 1);
  EXPECT_EQ(report.rows[3].subject_kind, SubjectKind::Organization);
  EXPECT_EQ(report.rows[3].subject, f.village.value());
  EXPECT_EQ(report.rows[3].actual, 0);  // April
  EXPECT_EQ(report.rows[4].actual, 1);  // May: one meeting
  EXPECT_EQ(report.rows[4].status, ComplianceStatus::Short);
  EXPECT_EQ(report.rows[4].evidence_kind, EvidenceKind::Activity);
  EXPECT_EQ(report.evidence(4)[0], may.value());
  EXPECT_EQ(report.rows[5].actual, 2);  // June: two meetings on one day, each counts
  EXPECT_EQ(report.rows[5].status, ComplianceStatus::Met);
  EXPECT_EQ((std::vector<std::uint32_t>(report.evidence(5).begin(), report.evidence(5).end())),
            (std::vector<std::uint32_t>{june.value(), urgent.value()}));
  const auto year = check_compliance(f.r, p, Period::year(2024));
  EXPECT_EQ(year.rows[0].actual, 1);
  EXPECT_EQ(year.rows[0].status, ComplianceStatus::Met);
  EXPECT_EQ(f.r.pairings().get(PairingId{year.evidence(0)[0]}).kind, PairingKind::Assistance);
}

TEST(Compliance, NotApplicableRows) {
  Fixture f;
  const MemberId gone = f.member(d(2020, 1, 1), d(2023, 6, 30));
  const MemberId here = f.member();
  PolicySet p = one(quota("field_days.x", QuotaActivity::FieldDays, QuotaPeriod::Year, 1));
  const auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].subject, gone.value());
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::NotApplicable);
  EXPECT_EQ(report.rows[0].reason, NotApplicableReason::NotPresent);
  EXPECT_EQ(report.rows[0].required, 0);
  EXPECT_EQ(report.rows[1].subject, here.value());
  EXPECT_EQ(report.rows[1].status, ComplianceStatus::Short);
  EXPECT_EQ(report.rows[1].reason, NotApplicableReason::None);
}

TEST(Compliance, TrainingsGroupActivitiesAndStudiesCountFromActivityRecords) {
  Fixture f;
  const MemberId a = f.member();
  const MemberId b = f.member();
  const MemberId late = f.member(d(2024, 7, 1));  // joined after the training
  f.activity(ActivityKind::Training, f.county, d(2024, 3, 1), {a, b, late});  // listed, but not yet a member
  f.activity(ActivityKind::Training, f.county, d(2023, 3, 1), {b});           // last year
  f.activity(ActivityKind::Training, f.county, d(2024, 9, 1));                // attendance not recorded: credits nobody
  f.activity(ActivityKind::ConcentratedActivity, f.village, d(2024, 4, 1), {a});
  f.activity(ActivityKind::ConcentratedActivity, f.village, d(2024, 10, 1), {a, late});
  f.activity(ActivityKind::Study, f.county, d(2024, 2, 1), {a});
  f.activity(ActivityKind::Study, f.county, d(2024, 8, 1));
  f.activity(ActivityKind::SituationMeeting, f.county, d(2024, 9, 1));  // not a study
  PolicySet p = one(quota("trainings.x", QuotaActivity::Trainings, QuotaPeriod::Year, 1));
  p.quotas.push_back(quota("group.x", QuotaActivity::GroupActivities, QuotaPeriod::Year, 2));
  QuotaRule studies = quota("studies.x", QuotaActivity::WorkStudies, QuotaPeriod::Year, 2);
  studies.who.org_levels = {OrgLevel::County};
  p.quotas.push_back(studies);
  const auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 3u + 3u + 1u);
  // trainings: a and b attended 2024-03-01; `late` joined after it (counted over its days only)
  EXPECT_EQ(report.rows[0].actual, 1);
  EXPECT_EQ(report.rows[1].actual, 1);
  EXPECT_EQ(report.rows[2].actual, 0);
  EXPECT_EQ(report.rows[2].required, 1);  // ceil(1 * 184 / 366)
  EXPECT_EQ(report.rows[2].status, ComplianceStatus::Short);
  EXPECT_EQ(report.rows[0].evidence_kind, EvidenceKind::Activity);
  // group activities: a two (met), b none, late one of the pro-rated ceil(2 * 184 / 366) = 2
  EXPECT_EQ(report.rows[3].actual, 2);
  EXPECT_EQ(report.rows[3].status, ComplianceStatus::Met);
  EXPECT_EQ(report.rows[4].actual, 0);
  EXPECT_EQ(report.rows[5].actual, 1);
  EXPECT_EQ(report.rows[5].status, ComplianceStatus::Short);
  // studies held by the county, attended or not
  EXPECT_EQ(report.rows[6].subject_kind, SubjectKind::Organization);
  EXPECT_EQ(report.rows[6].actual, 2);
  EXPECT_EQ(report.rows[6].status, ComplianceStatus::Met);
  EXPECT_EQ(report.evidence(6).size(), 2u);
}

TEST(Compliance, PairedUnitsCountVisitsByMembersOfTheDualPairedOrgan) {
  Fixture f;
  Organization organ;
  organ.code = "O";
  organ.name = "Organ";
  organ.level = OrgLevel::Township;
  organ.parent = f.county;
  const OrgId bureau = f.r.add(organ);
  organ.code = "O2";
  const OrgId other_bureau = f.r.add(organ);
  Member clerk;
  clerk.organization = bureau;
  clerk.kinds = {MemberKind::OrganEnterprise};
  clerk.role = MemberRole::OrganMember;
  const MemberId visitor = f.r.add(clerk);
  clerk.organization = other_bureau;
  const MemberId stranger = f.r.add(clerk);  // an organ member of an unpaired organ
  const HouseholdId seen = f.household();
  const HouseholdId missed = f.household();
  const HouseholdId by_stranger = f.household();
  const MemberId local = f.member();  // not an organ member: their visit does not count
  f.pairing(PairingKind::DualOrganization, bureau, f.village, d(2024, 1, 1));  // the grid lies under the village
  f.contact(visitor, d(2024, 5, 5), seen);
  f.contact(stranger, d(2024, 5, 5), by_stranger);
  f.contact(local, d(2024, 5, 5), missed);
  PolicySet p;
  p.name = "organ";
  for (const auto& c : PolicySet::standard().coverage)
    if (c.name == "visit.organ_member_units") p.coverage.push_back(c);
  ASSERT_EQ(p.coverage.size(), 1u);
  auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 3u);
  EXPECT_EQ(report.rows[0].subject, seen.value());
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::Met);
  EXPECT_EQ(report.evidence(0).size(), 1u);
  EXPECT_EQ(report.rows[1].subject, missed.value());
  EXPECT_EQ(report.rows[1].status, ComplianceStatus::Short);
  EXPECT_EQ(report.rows[2].subject, by_stranger.value());
  EXPECT_EQ(report.rows[2].status, ComplianceStatus::Short);
  // Before the pairing starts the households are out of scope: no rows.
  EXPECT_TRUE(check_compliance(f.r, p, Period::year(2023)).rows.empty());
  // An organ with no organ member present serves no one.
  Member gone = f.r.get(visitor);
  gone.left = d(2023, 12, 31);
  f.r.update(gone);
  EXPECT_TRUE(check_compliance(f.r, p, Period::year(2024)).rows.empty());
}

TEST(Compliance, MembersPairCountsHouseholdTargetsOnly) {
  // An assistance pairing may serve a difficult member; its target id is a member id, which
  // must not be taken for the household with the same id value.
  Fixture f;
  const HouseholdId poor = f.household({HouseholdCategory::Difficult});
  Member needy;
  needy.organization = f.village;
  needy.kinds = {MemberKind::Hardship};
  MemberId hardship = f.r.add(needy);
  while (hardship.value() < poor.value()) hardship = f.r.add(needy);
  ASSERT_EQ(hardship.value(), poor.value());
  Member cadre;
  cadre.organization = f.county;
  cadre.kinds = {MemberKind::Cadre};
  cadre.cadre_rank = CadreRank::CountyDivision;
  const MemberId boss = f.r.add(cadre);
  f.pairing(PairingKind::Assistance, boss, hardship, d(2024, 1, 1));
  PolicySet p;
  p.name = "cadres";
  for (const auto& c : PolicySet::standard().coverage)
    if (c.name == "pair.county_division_cadre") p.coverage.push_back(c);
  const auto report = check_compliance(f.r, p, Period::year(2024));
  ASSERT_EQ(report.rows.size(), 1u);
  EXPECT_EQ(report.rows[0].actual, 0);
  EXPECT_EQ(report.rows[0].status, ComplianceStatus::Short);
  f.pairing(PairingKind::Assistance, boss, poor, d(2024, 1, 1));
  EXPECT_EQ(check_compliance(f.r, p, Period::year(2024)).rows[0].status, ComplianceStatus::Met);
}

TEST(Compliance, CoverageRules) {
  Fixture f;
  const MemberId m = f.member();
  Member cadre;
  cadre.organization = f.county;
  cadre.kinds = {MemberKind::Cadre};
  cadre.cadre_rank = CadreRank::CountyDivision;
  const MemberId boss = f.r.add(cadre);
  Member idle = cadre;
  const MemberId lazy = f.r.add(idle);
  const HouseholdId central = f.household({HouseholdCategory::PartyCentral});
  const HouseholdId old = f.household({HouseholdCategory::FourOlds});
  const HouseholdId plain = f.household();
  const HouseholdId poor = f.household({HouseholdCategory::Difficult});
  const HouseholdId poorer = f.household({HouseholdCategory::Difficult});
  f.contact(m, d(2024, 8, 8), central);
  f.contact(m, d(2023, 8, 8), old);  // last year
  f.pairing(PairingKind::Assistance, boss, poor, d(2024, 1, 1));
  f.pairing(PairingKind::Assistance, lazy, plain, d(2024, 1, 1));  // not a difficult household
  const PolicySet standard = PolicySet::standard();
  PolicySet p;
  p.name = "coverage";
  for (const auto& c : standard.coverage) p.coverage.push_back(c);
  const auto report = check_compliance(f.r, p, Period::year(2024));
  std::map<std::pair<std::string, std::uint32_t>, ComplianceRow> by;
  for (const auto& row : report.rows) by[{report.rule_name(row), row.subject}] = row;
  EXPECT_EQ((by.at({"visit.five_must_visit", central.value()}).status), ComplianceStatus::Met);
  EXPECT_EQ((by.at({"visit.five_must_visit", old.value()}).status), ComplianceStatus::Short);
  EXPECT_FALSE((by.contains({"visit.five_must_visit", plain.value()})));
  EXPECT_EQ((by.at({"pair.difficult_household", poor.value()}).status), ComplianceStatus::Met);
  EXPECT_EQ((by.at({"pair.difficult_household", poorer.value()}).status), ComplianceStatus::Short);
  EXPECT_EQ((by.at({"pair.county_division_cadre", boss.value()}).status), ComplianceStatus::Met);
  EXPECT_EQ((by.at({"pair.county_division_cadre", lazy.value()}).status), ComplianceStatus::Short);
  EXPECT_EQ((by.at({"pair.county_division_cadre", boss.value()}).subject_kind), SubjectKind::Member);
  EXPECT_EQ(report.rows.size(), 2u + 2u + 2u);

  // Roll-up: the grid holds the households, the village member m (no member rows here), the
  // county the two cadres; the county's subtree holds all six subjects, two compliant... plus
  // `central` and `poor`: three met subjects of six.
  const auto rollup = rollup_compliance(f.r, report);
  ASSERT_EQ(rollup.size(), 3u);
  const auto& top = rollup[0];
  EXPECT_EQ(top.org, f.county);
  EXPECT_EQ(top.subjects, 6);
  EXPECT_EQ(top.subjects_compliant, 3);
  EXPECT_EQ(top.rows_met, 3);
  EXPECT_EQ(top.rows_short, 3);
  EXPECT_EQ(top.worst_shortfall, 1);
  const auto& grid = rollup[2];
  EXPECT_EQ(grid.subjects, 4);
  EXPECT_EQ(grid.subjects_compliant, 2);
  ASSERT_GE(grid.worst_row, 0);
  EXPECT_EQ(report.rows[static_cast<std::size_t>(grid.worst_row)].subject_kind, SubjectKind::Household);
  EXPECT_DOUBLE_EQ(top.share_compliant(), 0.5);
}

TEST(Compliance, VisitCoverageCountsOnlyMembersMatchingByAndMaximumIsProRated) {
  Fixture f;
  const MemberId plain = f.member();
  Member cadre;
  cadre.organization = f.village;
  cadre.kinds = {MemberKind::Cadre};
  cadre.cadre_rank = CadreRank::Village;
  const MemberId village_cadre = f.r.add(cadre);
  const HouseholdId a = f.household({HouseholdCategory::FourOlds});
  const HouseholdId b = f.household({HouseholdCategory::FourOlds});
  f.contact(plain, d(2024, 3, 3), a);                  // not a cadre: does not count
  f.contact(village_cadre, d(2024, 3, 4), b);
  f.contact(village_cadre, d(2024, 3, 5), std::nullopt, VisitMode::Forum);  // collective: not a visit
  PolicySet p;
  p.name = "by";
  CoverageRule c;
  c.name = "visit.by_cadre";
  c.kind = CoverageKind::VisitHouseholds;
  c.categories = {HouseholdCategory::FourOlds};
  c.by.kinds = {MemberKind::Cadre};
  p.coverage.push_back(c);
  // a maximum of 4 per year for a member who left on 31 March 2024 (91 of 366 days): ceil(4 * 91 / 366) = 1
  QuotaRule q = quota("pledges.x", QuotaActivity::Pledges, QuotaPeriod::Year, 0);
  q.maximum = 4;
  p.quotas.push_back(q);
  Member leaver;
  leaver.organization = f.village;
  leaver.kinds = {MemberKind::Community};
  leaver.left = d(2024, 3, 31);
  const MemberId gone = f.r.add(leaver);
  f.r.add(Commitment::pledge({gone}, CommitmentCategory::General, d(2024, 1, 2), d(2024, 2, 2)));
  f.r.add(Commitment::pledge({gone}, CommitmentCategory::General, d(2024, 1, 3), d(2024, 2, 3)));
  const auto report = check_compliance(f.r, p, Period::year(2024));
  std::map<std::pair<std::string, std::uint32_t>, ComplianceRow> by;
  for (const auto& row : report.rows) by[{report.rule_name(row), row.subject}] = row;
  EXPECT_EQ((by.at({"visit.by_cadre", a.value()}).status), ComplianceStatus::Short);
  EXPECT_EQ((by.at({"visit.by_cadre", b.value()}).actual), 1);
  EXPECT_EQ((by.at({"visit.by_cadre", b.value()}).status), ComplianceStatus::Met);
  const auto g = by.at({"pledges.x", gone.value()});
  EXPECT_EQ(g.maximum, 1);
  EXPECT_EQ(g.actual, 2);
  EXPECT_EQ(g.status, ComplianceStatus::Over);
  EXPECT_EQ((by.at({"pledges.x", plain.value()}).status), ComplianceStatus::Met);  // 0 of at most 4
}

TEST(Compliance, RefusesABadPolicyAndHonoursCancellation) {
  Fixture f;
  f.member();
  QuotaRule bad = quota("Bad Name", QuotaActivity::FieldDays, QuotaPeriod::Year, 1);
  EXPECT_THROW((void)check_compliance(f.r, one(bad), Period::year(2024)), InvalidArgument);
  std::atomic<bool> stop{true};
  CancellationScope scope(&stop);
  EXPECT_THROW((void)check_compliance(f.r, one(quota("a", QuotaActivity::FieldDays, QuotaPeriod::Year, 1)), Period::year(2024)),
               Cancelled);
}

// A synthetic county under the standard set: the field days of every leading cadre are
// recounted here from the contacts directly (distinct dates in 2024 while a member).
TEST(Compliance, SyntheticCountyRecountOfFieldDays) {
  const Registry r = synth::generate("county", 7, {{"households", 20000}, {"township_delegates", 40}});
  const PolicySet p = PolicySet::standard();
  const auto report = check_compliance(r, p, Period::year(2024));
  const auto again = check_compliance(r, p, Period::year(2024));  // deterministic
  EXPECT_EQ(again.rows, report.rows);
  EXPECT_EQ(again.evidence_ids, report.evidence_ids);
  std::map<std::uint32_t, std::set<Date>> days;
  for (const Contact& c : r.contacts()) {
    const Member& m = r.members().get(c.member);
    if (c.date.year() != 2024 || (m.joined && c.date < *m.joined) || (m.left && c.date > *m.left)) continue;
    days[c.member.value()].insert(c.date);
  }
  std::size_t checked = 0, met = 0;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const auto& row = report.rows[i];
    if (report.rule_name(row) != "field_days.leading_cadre" || row.status == ComplianceStatus::NotApplicable) continue;
    ++checked;
    const auto it = days.find(row.subject);
    const std::int64_t expected = it == days.end() ? 0 : static_cast<std::int64_t>(it->second.size());
    EXPECT_EQ(row.actual, expected) << row.subject;
    EXPECT_EQ(report.evidence(i).size(), static_cast<std::size_t>(expected));
    met += row.status == ComplianceStatus::Met;
  }
  EXPECT_GT(checked, 0u);
  // A quota has rows exactly when some member (organisation) matches its selector.
  std::set<std::string> seen;
  for (const auto& row : report.rows) seen.insert(report.rule_name(row));
  for (const auto& q : p.quotas) {
    bool any = false;
    if (subject_of(q.activity) == Subject::Organization) {
      for (const Organization& o : r.organizations()) any = any || q.who.matches(o);
    } else {
      for (const Member& m : r.members()) any = any || q.who.matches(m, r.organizations().get(m.organization));
    }
    EXPECT_EQ(seen.contains(q.name), any) << q.name;
  }
  EXPECT_TRUE(seen.contains("contact_households.delegate"));
  EXPECT_TRUE(seen.contains("pair.county_division_cadre"));
  EXPECT_TRUE(seen.contains("visit.five_must_visit"));
  std::size_t short_rows = 0;
  for (const auto& row : report.rows) short_rows += row.status == ComplianceStatus::Short;
  EXPECT_GT(short_rows, 0u);
  (void)met;
}

}  // namespace
}  // namespace massline::policy
