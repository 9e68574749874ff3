// The points ledger: each event kind on hand-made records whose expected entries are worked out
// in the comments, the order of entries, recomputation from history, manual adjustments,
// and bad rules and entries (the standings: tests/cpp/scoring/points_ranking_test.cpp).
#include <massline/core/cancellation.hpp>
#include <massline/policy/points_ledger.hpp>

#include <gtest/gtest.h>

#include <atomic>

namespace massline::policy {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

struct Fixture {
  Registry r;
  OrgId village, other;
  MemberId a, b, c;
  HouseholdId h;
  Fixture() {
    Organization v;
    v.code = "V";
    v.name = "V";
    v.level = OrgLevel::Community;
    v.sector = Sector::Rural;
    village = r.add(v);
    v.code = "W";
    other = r.add(v);
    Organization g;
    g.code = "G";
    g.name = "G";
    g.level = OrgLevel::Grid;
    g.parent = village;
    const OrgId grid = r.add(g);
    a = member(village);
    b = member(village);
    c = member(other);
    h = r.add(Household{.code = "", .unit = grid, .categories = {}, .party_household = false, .size = 1});
  }
  MemberId member(OrgId home, std::optional<Date> left = std::nullopt) {
    Member m;
    m.organization = home;
    m.kinds = {MemberKind::Rural};
    m.capable_of_helping = true;
    m.left = left;
    return r.add(m);
  }
  ContactId contact(MemberId m, Date day, VisitMode mode = VisitMode::HomeVisit) {
    Contact x;
    x.member = m;
    x.household = h;
    x.mode = mode;
    x.date = day;
    return r.add(x);
  }
};

PointsRule rule(std::string name, PointsEvent event, double points) {
  PointsRule p;
  p.name = std::move(name);
  p.event = event;
  p.points = points;
  return p;
}

PolicySet with(std::vector<PointsRule> rules) {
  PolicySet p;
  p.name = "points";
  p.points = std::move(rules);
  return p;
}

TEST(PointsLedger, EachEventKindWithItsRecordAndDate) {
  Fixture f;
  const ContactId v1 = f.contact(f.a, d(2024, 3, 1));
  f.contact(f.a, d(2024, 3, 2), VisitMode::Reception);  // a contact, not a home visit
  f.contact(f.b, d(2023, 12, 31));                 // outside the year
  Commitment joint = Commitment::pledge({f.a, f.b}, CommitmentCategory::General, d(2024, 1, 1), d(2024, 6, 30));
  joint.transition(CommitmentStatus::Fulfilled, d(2024, 5, 5));
  const CommitmentId kept = f.r.add(joint);
  Commitment broken = Commitment::pledge({f.c}, CommitmentCategory::General, d(2024, 1, 1), d(2024, 6, 30));
  broken.transition(CommitmentStatus::Lapsed, d(2024, 7, 1));
  f.r.add(broken);
  Appeal solved = Appeal::registered_on(d(2024, 2, 1), f.village);
  solved.collected_by = f.a;
  solved.leader_in_charge = f.c;
  const AppealId appeal = f.r.add(solved);
  f.r.record(appeal, {AppealEventKind::Sorted, d(2024, 2, 2), std::nullopt, {}, std::nullopt},
             {AppealClass::ReasonableLawful, Routing::Direct, std::nullopt, std::nullopt});
  f.r.record(appeal, {AppealEventKind::FedBack, d(2024, 2, 10), std::nullopt, {}, std::nullopt});
  f.r.record(appeal, {AppealEventKind::Disposed, d(2024, 2, 20), std::nullopt, {}, std::nullopt},
             {std::nullopt, std::nullopt, AppealOutcome::Solved, std::nullopt});
  Activity training;
  training.kind = ActivityKind::Training;
  training.organization = f.village;
  training.date = d(2024, 4, 4);
  training.attendees = {f.b};
  const ActivityId trained = f.r.add(training);

  const PolicySet p = with({rule("contact", PointsEvent::Contact, 1), rule("home", PointsEvent::HomeVisit, 2),
                            rule("kept", PointsEvent::PledgeFulfilled, 5), rule("broken", PointsEvent::PledgeLapsed, -5),
                            rule("solved", PointsEvent::AppealSolved, 3), rule("trained", PointsEvent::ActivityAttended, 1.5)});
  const PointsLedger ledger = build_points_ledger(f.r, p, Period::year(2024));
  // By date: appeal 20 Feb (a, c), contacts 1 Mar (contact a, home a), 2 Mar (contact a),
  // training 4 Apr (b), pledge 5 May (a, b), lapse 1 Jul (c).
  const auto e = ledger.entries();
  ASSERT_EQ(e.size(), 9u);
  EXPECT_EQ(e[0].date, d(2024, 2, 20));
  EXPECT_EQ(e[0].source, PointsSource::Appeal);
  EXPECT_EQ(e[0].member, f.a);
  EXPECT_EQ(e[1].member, f.c);  // the leader in charge
  EXPECT_EQ(ledger.rule_name(e[2]), "contact");
  EXPECT_EQ(e[2].source_id, v1.value());
  EXPECT_EQ(ledger.rule_name(e[3]), "home");
  EXPECT_DOUBLE_EQ(e[3].points, 2);
  EXPECT_EQ(e[4].date, d(2024, 3, 2));
  EXPECT_EQ(e[5].source, PointsSource::Activity);
  EXPECT_EQ(e[5].source_id, trained.value());
  EXPECT_DOUBLE_EQ(e[5].points, 1.5);
  EXPECT_EQ(e[6].member, f.a);
  EXPECT_EQ(e[7].member, f.b);
  EXPECT_EQ(e[7].source_id, kept.value());
  EXPECT_DOUBLE_EQ(e[8].points, -5);
  // Recomputable: the same records give the same ledger.
  EXPECT_TRUE(std::equal(e.begin(), e.end(), build_points_ledger(f.r, p, Period::year(2024)).entries().begin()));

  // A reopened appeal is no longer solved; solved again later, it counts on the new date.
  f.r.record(appeal, {AppealEventKind::Reopened, d(2024, 3, 10), std::nullopt, {}, std::nullopt}, {});
  EXPECT_EQ(build_points_ledger(f.r, p, Period::year(2024)).entries().size(), 7u);
  f.r.record(appeal, {AppealEventKind::FedBack, d(2024, 3, 15), std::nullopt, {}, std::nullopt});
  f.r.record(appeal, {AppealEventKind::Disposed, d(2024, 3, 20), std::nullopt, {}, std::nullopt},
             {std::nullopt, std::nullopt, AppealOutcome::Solved, std::nullopt});
  const auto again = build_points_ledger(f.r, p, Period::year(2024));
  ASSERT_EQ(again.entries().size(), 9u);
  EXPECT_EQ(again.entries()[4].date, d(2024, 3, 20));
}

TEST(PointsLedger, SelectorsPresenceAndQuotaEvents) {
  Fixture f;
  const MemberId gone = f.member(f.village, d(2024, 3, 31));
  f.contact(gone, d(2024, 3, 1));
  f.contact(gone, d(2024, 5, 1));  // after leaving: no points
  f.contact(f.a, d(2024, 5, 1));
  PolicySet p = with({});
  QuotaRule field;
  field.name = "field_days.x";
  field.activity = QuotaActivity::FieldDays;
  field.period = QuotaPeriod::Year;
  field.minimum = 4;
  p.quotas.push_back(field);
  PointsRule only_other = rule("contact_other", PointsEvent::Contact, 1);
  only_other.who.org_levels = {OrgLevel::County};  // no member's home is a county
  p.points.push_back(only_other);
  p.points.push_back(rule("contact", PointsEvent::Contact, 1));
  PointsRule met = rule("met", PointsEvent::QuotaMet, 10);
  met.quota = "field_days.x";
  p.points.push_back(met);
  p.points.push_back(rule("short", PointsEvent::QuotaShortfall, -2));
  const PointsLedger ledger = build_points_ledger(f.r, p, Period::year(2024));
  double total_a = 0, total_gone = 0, total_b = 0;
  for (const auto& e : ledger.entries()) {
    EXPECT_NE(ledger.rule_name(e), "contact_other");
    if (e.member == f.a) total_a += e.points;
    if (e.member == gone) total_gone += e.points;
    if (e.member == f.b) total_b += e.points;
  }
  // a: one contact (+1), one field day of the 4 required (-2 x 3); b: none of 4 (-2 x 4);
  // gone: one contact while a member (+1) and one field day of the ceil(4 * 91 / 366) = 1
  // required over its 91 days: met (+10).
  EXPECT_DOUBLE_EQ(total_a, 1 - 6);
  EXPECT_DOUBLE_EQ(total_b, -8);
  EXPECT_DOUBLE_EQ(total_gone, 1 + 10);
  for (const auto& e : ledger.entries())
    if (e.member == gone && e.source == PointsSource::Quota) {
      EXPECT_EQ(e.date, d(2024, 3, 31));  // the last day the member belonged
      EXPECT_EQ(e.note, "field_days.x 2024-01-01..2024-12-31");
    }
}

TEST(PointsLedger, RefusesBadEntriesAndRules) {
  PointsLedger ledger({"x"});
  const Date day = d(2024, 1, 1);
  EXPECT_THROW(ledger.append({Date(boost::gregorian::not_a_date_time), MemberId{0}, 0, 1, PointsSource::Contact, 0, {}}), InvalidArgument);
  EXPECT_THROW(ledger.append({day, MemberId{0}, 0, std::nan(""), PointsSource::Contact, 0, {}}), InvalidArgument);
  EXPECT_THROW(ledger.append({day, MemberId{0}, 0, 1e7, PointsSource::Contact, 0, {}}), InvalidArgument);
  EXPECT_THROW(ledger.append({day, MemberId{0}, 1, 1, PointsSource::Contact, 0, {}}), InvalidArgument);
  EXPECT_THROW(ledger.append({day, MemberId{0}, kManualEntry, 1, PointsSource::Manual, 0, {}}), InvalidArgument);  // no note
  EXPECT_THROW(ledger.append({day, MemberId{0}, kManualEntry, 1, PointsSource::Contact, 0, "x"}), InvalidArgument);
  EXPECT_THROW(ledger.append({day, MemberId{0}, 0, 1, PointsSource::Manual, 0, "x"}), InvalidArgument);
  EXPECT_TRUE(ledger.entries().empty());  // nothing half-added

  PolicySet p = with({rule("x", PointsEvent::Contact, std::numeric_limits<double>::infinity())});
  EXPECT_THROW(p.check(), InvalidArgument);
  p = with({rule("x", PointsEvent::Contact, 1), rule("x", PointsEvent::HomeVisit, 1)});
  EXPECT_THROW(p.check(), InvalidArgument);
  PointsRule q = rule("q", PointsEvent::Contact, 1);
  q.quota = "field_days.leading_cadre";
  p = with({q});
  EXPECT_THROW(p.check(), InvalidArgument);  // a quota on a contact rule
  q.event = PointsEvent::QuotaMet;
  q.quota = "no_such_quota";
  p = PolicySet::standard();
  p.points = {q};
  try {
    p.check();
    FAIL() << "accepted an unknown quota";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.where().entity, "points 'q'");
    EXPECT_EQ(e.where().field, "quota");
  }
  q.quota = "situation_meetings.village";  // an organisation quota
  p.points = {q};
  EXPECT_THROW(p.check(), InvalidArgument);
  q.quota = "field_days.leading_cadre";
  p.points = {q};
  EXPECT_NO_THROW(p.check());

  Fixture f;
  std::atomic<bool> stop{true};
  CancellationScope scope(&stop);
  EXPECT_THROW((void)build_points_ledger(f.r, with({rule("c", PointsEvent::Contact, 1)}), Period::year(2024)), Cancelled);
}

}  // namespace
}  // namespace massline::policy
