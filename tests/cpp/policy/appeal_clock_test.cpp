// The appeal clock: deadlines across China's 2024 National Day holidays with their make-up
// working days, pauses, extensions keeping the original due date, reopening and verified
// resolution, escalation up the tree, metrics per unit and period with the roll-up, and the
// unhappy paths. Expected dates are counted by hand in the comments, not by the calendar.
#include <massline/policy/appeal_clock.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace massline::policy {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

// 2024 National Day: 1-7 October off; Sunday 29 September and Saturday 12 October worked.
WorkCalendar national_day() {
  std::vector<Date> holidays;
  for (int day = 1; day <= 7; ++day) holidays.push_back(d(2024, 10, day));
  return WorkCalendar(WorkCalendar::saturday_sunday(), holidays, {d(2024, 9, 29), d(2024, 10, 12)});
}

// Feedback within 5 working days, disposal within 15, sorting within 1.
PolicySet rules() {
  PolicySet p;
  p.name = "test";
  p.deadlines.push_back({"sort.any", "", std::nullopt, std::nullopt, std::nullopt, AppealStage::Sorted, 1});
  p.deadlines.push_back({"feedback.any", "", std::nullopt, std::nullopt, std::nullopt, AppealStage::FedBack, 5});
  p.deadlines.push_back({"dispose.any", "", std::nullopt, std::nullopt, std::nullopt, AppealStage::Disposed, 15});
  return p;
}

struct Fixture {
  Registry r;
  OrgId county, township, village;
  WorkCalendar cal = national_day();
  PolicySet policy = rules();

  Fixture() {
    county = org("C", OrgLevel::County, std::nullopt);
    township = org("T", OrgLevel::Township, county);
    village = org("V", OrgLevel::Community, township);
  }
  OrgId org(const char* code, OrgLevel level, std::optional<OrgId> parent) {
    Organization o;
    o.code = code;
    o.name = code;
    o.level = level;
    o.parent = parent;
    return r.add(o);
  }
  AppealId appeal(Date day, std::optional<Date> due = std::nullopt, std::optional<OrgId> unit = std::nullopt) {
    return r.add(Appeal::registered_on(day, unit.value_or(village), due));
  }
  void sort(AppealId id, Date day, AppealClass c = AppealClass::ReasonableLawful, Routing routing = Routing::Direct) {
    r.record(id, {AppealEventKind::Sorted, day, std::nullopt, {}, std::nullopt}, {c, routing, std::nullopt, std::nullopt});
  }
  void event(AppealId id, AppealEventKind kind, Date day, std::optional<Date> new_due = std::nullopt) {
    r.record(id, {kind, day, std::nullopt, {}, new_due});
  }
  void feedback(AppealId id, Date day, PublicAnswer answer = PublicAnswer::Satisfied) {
    r.record(id, {AppealEventKind::FedBack, day, std::nullopt, {}, std::nullopt}, {std::nullopt, std::nullopt, std::nullopt, answer});
  }
  void dispose(AppealId id, Date day) {
    r.record(id, {AppealEventKind::Disposed, day, std::nullopt, {}, std::nullopt},
             {std::nullopt, std::nullopt, AppealOutcome::Solved, std::nullopt});
  }
  AppealTiming clock(AppealId id, Date as_of, const AppealClockOptions& o = {}) const {
    return appeal_clock(r, r.get(id), policy, cal, as_of, o);
  }
};

template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "no error";
}

TEST(AppealClock, DeadlineCrossesHolidayAndMakeUpDays) {
  Fixture f;
  // Registered Friday 27 Sep. Working days after it: Sun 29 Sep (make-up) 1, Mon 30 Sep 2, then
  // 1-7 Oct off, Tue 8 Oct 3, 9 Oct 4, 10 Oct 5: feedback due Thu 10 Oct (plain weekdays would say 4 Oct).
  // Disposal: Fri 11 Oct 6, Sat 12 Oct (make-up) 7, 14..18 Oct 8..12, 21..23 Oct 13..15: due Wed 23 Oct.
  // Sorting: Sun 29 Sep.
  const AppealId on_time = f.appeal(d(2024, 9, 27));
  f.sort(on_time, d(2024, 9, 29));
  f.feedback(on_time, d(2024, 10, 10));
  const AppealTiming t = f.clock(on_time, d(2024, 10, 10));
  EXPECT_EQ(t.stages[0].due, d(2024, 9, 29));
  EXPECT_EQ(t.stages[0].status, TimeStatus::OnTime);
  EXPECT_EQ(t.stages[1].due, d(2024, 10, 10));
  EXPECT_EQ(t.stages[1].original_due, d(2024, 10, 10));
  EXPECT_EQ(t.stages[1].source, DueSource::Rule);
  EXPECT_EQ(t.stages[1].rule, 1);
  EXPECT_EQ(t.stages[1].status, TimeStatus::OnTime);
  EXPECT_EQ(t.stages[2].due, d(2024, 10, 23));
  EXPECT_EQ(t.stages[2].status, TimeStatus::Pending);
  EXPECT_EQ(t.days_to_feedback, 13);
  EXPECT_EQ(t.working_days_to_feedback, 5);

  const AppealId late = f.appeal(d(2024, 9, 27));
  f.sort(late, d(2024, 9, 30));  // one working day late (29 Sep was worked)
  EXPECT_EQ(f.clock(late, d(2024, 9, 30)).stages[0].status, TimeStatus::Late);
  // Not fed back: pending on the due day itself, late and overdue the day after.
  EXPECT_EQ(f.clock(late, d(2024, 10, 10)).stages[1].status, TimeStatus::Pending);
  const AppealTiming after = f.clock(late, d(2024, 10, 11));
  EXPECT_EQ(after.stages[1].status, TimeStatus::Late);
  const auto overdue = overdue_appeals(f.r, f.policy, f.cal, d(2024, 10, 11));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].appeal, late);
  EXPECT_EQ(overdue[0].stage, AppealStage::FedBack);
  EXPECT_EQ(overdue[0].due, d(2024, 10, 10));
  EXPECT_EQ(overdue[0].days_overdue, 1);
  EXPECT_EQ(overdue[0].working_days_overdue, 1);
  f.feedback(late, d(2024, 10, 11));
  EXPECT_EQ(f.clock(late, d(2024, 10, 11)).stages[1].status, TimeStatus::Late);
}

TEST(AppealClock, PausedWorkingDaysPushTheDueDate) {
  Fixture f;
  // Paused Mon 30 Sep, resumed Wed 9 Oct: working days in (30 Sep, 9 Oct] are 8 and 9 Oct = 2, so
  // feedback is due 2 working days after 10 Oct: Fri 11 Oct, Sat 12 Oct (make-up) -> 12 Oct.
  const AppealId a = f.appeal(d(2024, 9, 27));
  f.sort(a, d(2024, 9, 27));
  f.event(a, AppealEventKind::Paused, d(2024, 9, 30));
  f.event(a, AppealEventKind::Resumed, d(2024, 10, 9));
  f.feedback(a, d(2024, 10, 12));
  const AppealTiming t = f.clock(a, d(2024, 10, 12));
  EXPECT_EQ(t.paused_working_days, 2);
  EXPECT_EQ(t.stages[1].original_due, d(2024, 10, 10));
  EXPECT_EQ(t.stages[1].due, d(2024, 10, 12));
  EXPECT_EQ(t.stages[1].status, TimeStatus::OnTime);
  EXPECT_EQ(t.working_days_to_feedback, 7);  // 29, 30 Sep, 8, 9, 10, 11, 12 Oct

  // An open pause runs to the evaluation date: paused 30 Sep, as of Sun 20 Oct the working days
  // in (30 Sep, 20 Oct] are 8-12 and 14-18 Oct = 10; 10 working days after 10 Oct: 11, 12, 14-18,
  // 21, 22, 23 Oct -> due 23 Oct, still pending.
  const AppealId open = f.appeal(d(2024, 9, 27));
  f.sort(open, d(2024, 9, 27));
  f.event(open, AppealEventKind::Paused, d(2024, 9, 30));
  const AppealTiming o = f.clock(open, d(2024, 10, 20));
  EXPECT_EQ(o.paused_working_days, 10);
  EXPECT_EQ(o.stages[1].due, d(2024, 10, 23));
  EXPECT_EQ(o.stages[1].status, TimeStatus::Pending);

  // A pause begun after the deadline does not excuse the lateness.
  const AppealId tardy = f.appeal(d(2024, 9, 27));
  f.sort(tardy, d(2024, 9, 27));
  f.event(tardy, AppealEventKind::Paused, d(2024, 10, 11));
  const AppealTiming l = f.clock(tardy, d(2024, 10, 15));
  EXPECT_EQ(l.stages[1].due, d(2024, 10, 10));
  EXPECT_EQ(l.stages[1].status, TimeStatus::Late);
  EXPECT_EQ(l.paused_working_days, 3);  // 12, 14, 15 Oct
}

TEST(AppealClock, ExtensionKeepsTheOriginalDueOnRecord) {
  Fixture f;
  // The appeal carries its own due date (23 Oct) for disposal; extended on 20 Oct to 5 Nov.
  const AppealId a = f.appeal(d(2024, 9, 27), d(2024, 10, 23));
  f.sort(a, d(2024, 9, 27));
  f.feedback(a, d(2024, 10, 8));
  f.event(a, AppealEventKind::Extended, d(2024, 10, 20), d(2024, 11, 5));
  f.dispose(a, d(2024, 11, 4));
  const AppealTiming t = f.clock(a, d(2024, 11, 4));
  EXPECT_EQ(t.stages[2].source, DueSource::Appeal);
  EXPECT_EQ(t.stages[2].rule, -1);
  EXPECT_EQ(t.stages[2].original_due, d(2024, 10, 23));
  EXPECT_EQ(t.stages[2].due, d(2024, 11, 5));
  EXPECT_EQ(t.stages[2].status, TimeStatus::OnTime);
  EXPECT_EQ(f.r.get(a).due, d(2024, 10, 23));  // the record keeps the original
  // Before the extension was granted, the original due date was in force.
  EXPECT_EQ(f.clock(a, d(2024, 10, 19)).stages[2].due, d(2024, 10, 23));
  // The own due date replaces the rule only for its stage: feedback still follows the rule.
  EXPECT_EQ(t.stages[1].source, DueSource::Rule);

  // A pause before the extension leaves the extended date alone; one after it pushes it.
  const AppealId b = f.appeal(d(2024, 9, 27), d(2024, 10, 23));
  f.sort(b, d(2024, 9, 27));
  f.event(b, AppealEventKind::Paused, d(2024, 10, 14));
  f.event(b, AppealEventKind::Resumed, d(2024, 10, 15));
  f.event(b, AppealEventKind::Extended, d(2024, 10, 20), d(2024, 11, 5));
  f.event(b, AppealEventKind::Paused, d(2024, 10, 21));
  f.event(b, AppealEventKind::Resumed, d(2024, 10, 22));  // 1 working day
  const AppealTiming u = f.clock(b, d(2024, 10, 22));
  EXPECT_EQ(u.stages[2].due, d(2024, 11, 6));
  EXPECT_EQ(u.paused_working_days, 2);
  // Own due date applied to feedback instead, by option.
  AppealClockOptions o;
  o.own_due_stage = AppealStage::FedBack;
  const AppealTiming v = f.clock(b, d(2024, 10, 22), o);
  EXPECT_EQ(v.stages[1].source, DueSource::Appeal);
  EXPECT_EQ(v.stages[2].source, DueSource::Rule);
}

TEST(AppealClock, PauseAndExtensionEdges) {
  Fixture f;
  // A pause begun on the due day itself still counts: paused Thu 10 Oct, resumed Mon 14 Oct
  // (11, 12 (make-up), 14 Oct = 3 working days) -> due 3 working days after 10 Oct = 14 Oct.
  const AppealId on_due = f.appeal(d(2024, 9, 27));
  f.sort(on_due, d(2024, 9, 27));
  f.event(on_due, AppealEventKind::Paused, d(2024, 10, 10));
  f.event(on_due, AppealEventKind::Resumed, d(2024, 10, 14));
  EXPECT_EQ(f.clock(on_due, d(2024, 10, 14)).stages[1].due, d(2024, 10, 14));
  // A pause of zero days (paused and resumed the same day) changes nothing.
  const AppealId blink = f.appeal(d(2024, 9, 27));
  f.sort(blink, d(2024, 9, 27));
  f.event(blink, AppealEventKind::Paused, d(2024, 10, 8));
  f.event(blink, AppealEventKind::Resumed, d(2024, 10, 8));
  EXPECT_EQ(f.clock(blink, d(2024, 10, 8)).stages[1].due, d(2024, 10, 10));
  EXPECT_EQ(f.clock(blink, d(2024, 10, 8)).paused_working_days, 0);
  // A pause after the stage was reached leaves that stage's due date alone but pushes the next.
  const AppealId after = f.appeal(d(2024, 9, 27));
  f.sort(after, d(2024, 9, 27));
  f.feedback(after, d(2024, 10, 8));
  f.event(after, AppealEventKind::Paused, d(2024, 10, 9));
  f.event(after, AppealEventKind::Resumed, d(2024, 10, 10));  // 1 working day
  const AppealTiming t = f.clock(after, d(2024, 10, 10));
  EXPECT_EQ(t.stages[1].due, d(2024, 10, 10));
  EXPECT_EQ(t.stages[2].due, d(2024, 10, 24));
  // An extension granted after the stage was reached does not move that stage's due date.
  AppealClockOptions fb;
  fb.own_due_stage = AppealStage::FedBack;
  const AppealId ext = f.appeal(d(2024, 9, 27), d(2024, 10, 9));
  f.sort(ext, d(2024, 9, 27));
  f.feedback(ext, d(2024, 10, 10));
  f.event(ext, AppealEventKind::Extended, d(2024, 10, 11), d(2024, 10, 31));
  const AppealTiming e = f.clock(ext, d(2024, 10, 11), fb);
  EXPECT_EQ(e.stages[1].due, d(2024, 10, 9));
  EXPECT_EQ(e.stages[1].status, TimeStatus::Late);
  // An own due date falling on a holiday stays as given (it is a date, not a count).
  const AppealId holiday = f.appeal(d(2024, 9, 27), d(2024, 10, 3));
  EXPECT_EQ(f.clock(holiday, d(2024, 10, 3)).stages[2].due, d(2024, 10, 3));
  EXPECT_EQ(f.clock(holiday, d(2024, 10, 3)).stages[2].status, TimeStatus::Pending);
  EXPECT_EQ(f.clock(holiday, d(2024, 10, 4)).stages[2].status, TimeStatus::Late);
}

TEST(AppealClock, ReopenAndVerifiedResolution) {
  Fixture f;
  const AppealId a = f.appeal(d(2024, 9, 2));
  f.sort(a, d(2024, 9, 2));
  f.feedback(a, d(2024, 9, 3));
  f.dispose(a, d(2024, 9, 5));
  f.event(a, AppealEventKind::Closed, d(2024, 9, 6));
  f.event(a, AppealEventKind::Reopened, d(2024, 9, 20));
  f.feedback(a, d(2024, 9, 23));
  // Reopened: no disposal in force, so not resolved and not closed.
  AppealTiming t = f.clock(a, d(2024, 9, 23));
  EXPECT_EQ(t.reopen_count, 1);
  EXPECT_TRUE(t.ever_disposed);
  EXPECT_FALSE(t.resolved());
  EXPECT_FALSE(t.closed.has_value());
  EXPECT_FALSE(t.verified);
  f.dispose(a, d(2024, 9, 24));
  f.event(a, AppealEventKind::Closed, d(2024, 9, 25));
  // The window runs from the last closing: 29 days are not enough, 30 are.
  EXPECT_FALSE(f.clock(a, d(2024, 10, 24)).verified);
  t = f.clock(a, d(2024, 10, 25));
  EXPECT_TRUE(t.verified);
  EXPECT_EQ(t.closed, d(2024, 9, 25));
  EXPECT_EQ(t.days_to_disposal, 22);  // the disposal in force, 24 Sep
  AppealClockOptions zero;
  zero.verification_window_days = 0;
  EXPECT_TRUE(f.clock(a, d(2024, 9, 25), zero).verified);
  // As of a date before the reopening the first closing stood.
  EXPECT_EQ(f.clock(a, d(2024, 9, 10)).closed, d(2024, 9, 6));

  // Closed but the public answered 'unsatisfied': closed, never verified.
  const AppealId u = f.appeal(d(2024, 9, 2));
  f.sort(u, d(2024, 9, 2));
  f.feedback(u, d(2024, 9, 3), PublicAnswer::Unsatisfied);
  f.dispose(u, d(2024, 9, 5));
  f.event(u, AppealEventKind::Closed, d(2024, 9, 6));
  const AppealTiming ut = f.clock(u, d(2024, 12, 31));
  EXPECT_TRUE(ut.closed.has_value());
  EXPECT_FALSE(ut.verified);

  const AppealMetricsReport m = appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 9), d(2024, 12, 31));
  const AppealUnitMetrics& v = m.units[f.village.value()];
  EXPECT_EQ(v.registered, 2);
  EXPECT_EQ(v.closed, 2);
  EXPECT_EQ(v.verified, 1);
  EXPECT_EQ(v.reopened, 1);
  EXPECT_EQ(v.ever_disposed, 2);
  EXPECT_DOUBLE_EQ(*v.reopen_rate(), 0.5);
  EXPECT_DOUBLE_EQ(*v.closed_rate(), 1.0);
  EXPECT_DOUBLE_EQ(*v.verified_rate(), 0.5);
}

TEST(AppealClock, EscalatesOverdueAppealsToTheParentOnce) {
  Fixture f;
  const AppealId a = f.appeal(d(2024, 9, 27));
  f.sort(a, d(2024, 9, 27));                     // feedback due 10 Oct, not given
  const AppealId waiting = f.appeal(d(2024, 9, 27));  // never sorted: overdue but not in handling
  const AppealId top = f.appeal(d(2024, 9, 27), std::nullopt, f.county);
  f.sort(top, d(2024, 9, 27));
  const AppealId fine = f.appeal(d(2024, 10, 9));
  f.sort(fine, d(2024, 10, 9));
  f.feedback(fine, d(2024, 10, 10));

  EscalationReport rep = escalate_overdue(f.r, f.policy, f.cal, d(2024, 10, 11));
  ASSERT_EQ(rep.escalated.size(), 1u);
  EXPECT_EQ(rep.escalated[0], (EscalationAction{a, f.village, f.township, AppealStage::FedBack, d(2024, 10, 10)}));
  EXPECT_EQ(f.r.get(a).handler, f.township);
  EXPECT_EQ(f.r.get(a).history.back().kind, AppealEventKind::Escalated);
  EXPECT_EQ(f.r.get(a).history.back().date, d(2024, 10, 11));
  ASSERT_EQ(rep.skipped.size(), 2u);
  EXPECT_EQ(rep.skipped[0].appeal, waiting);
  EXPECT_EQ(rep.skipped[0].stage, AppealStage::Sorted);
  EXPECT_EQ(rep.skipped[1].appeal, top);
  EXPECT_NE(rep.skipped[1].reason.find("no parent"), std::string::npos);
  EXPECT_EQ(f.r.get(fine).history.size(), 3u);
  f.dispose(fine, d(2024, 10, 14));

  // The township received it after the due date: not escalated again for the same deadline.
  rep = escalate_overdue(f.r, f.policy, f.cal, d(2024, 10, 14));
  EXPECT_TRUE(rep.escalated.empty());
  EXPECT_EQ(f.r.get(a).handler, f.township);

  // A deadline rule for the township level gives it its own, later deadline; when that passes too,
  // the appeal goes up once more. Rules are applied first match, so the specific rule goes first.
  PolicySet by_level = f.policy;
  by_level.deadlines.insert(by_level.deadlines.begin(),
                            {"feedback.township", "", std::nullopt, std::nullopt, OrgLevel::Township, AppealStage::FedBack, 20});
  by_level.deadlines.insert(by_level.deadlines.begin(),
                            {"dispose.township", "", std::nullopt, std::nullopt, OrgLevel::Township, AppealStage::Disposed, 40});
  // 20 working days from 27 Sep: ... 10 Oct is 5, 23 Oct is 15, 24, 25, 28, 29, 30 Oct -> 30 Oct.
  EXPECT_EQ(f.clock(a, d(2024, 10, 14)).stages[1].due, d(2024, 10, 10));
  EXPECT_EQ(appeal_clock(f.r, f.r.get(a), by_level, f.cal, d(2024, 10, 14)).stages[1].due, d(2024, 10, 30));
  EXPECT_TRUE(escalate_overdue(f.r, by_level, f.cal, d(2024, 10, 30)).escalated.empty());
  rep = escalate_overdue(f.r, by_level, f.cal, d(2024, 10, 31));
  ASSERT_EQ(rep.escalated.size(), 1u);
  EXPECT_EQ(rep.escalated[0].to, f.county);
  EXPECT_EQ(f.r.get(a).handler, f.county);
}

TEST(AppealClock, EscalationWhenTheLevelCannotSolveIt) {
  Fixture f;
  const AppealId a = f.appeal(d(2024, 9, 27));
  f.sort(a, d(2024, 9, 27));
  EXPECT_EQ(escalate_appeal(f.r, a, d(2024, 9, 28), "needs the county's departments"), f.township);
  EXPECT_EQ(escalate_appeal(f.r, a, d(2024, 9, 29)), f.county);
  EXPECT_EQ(f.r.get(a).history.back().note, "");
  EXPECT_EQ(f.r.get(a).history[2].note, "needs the county's departments");
  const Appeal before = f.r.get(a);
  EXPECT_EQ(code_of([&] { escalate_appeal(f.r, a, d(2024, 9, 30)); }), "appeals.escalate");
  EXPECT_EQ(f.r.get(a), before);
  // Not in handling yet: the life cycle refuses, nothing changes.
  const AppealId b = f.appeal(d(2024, 9, 27));
  EXPECT_EQ(code_of([&] { escalate_appeal(f.r, b, d(2024, 9, 30)); }), "model.appeal.event");
  EXPECT_EQ(f.r.get(b).history.size(), 1u);
  // The clock now reads the deadline at the county's level (no level rule here: the same one).
  EXPECT_EQ(f.clock(a, d(2024, 9, 30)).handler, f.county);
  EXPECT_EQ(f.clock(a, d(2024, 9, 28)).handler, f.township);
}

TEST(AppealClock, MetricsPerUnitPeriodAndRollup) {
  Fixture f;
  const OrgId other = f.org("V2", OrgLevel::Community, f.township);
  // Leap year: 29 Feb 2024 belongs to February; 1 Mar does not.
  std::vector<AppealId> feb;
  const std::vector<int> dispose_after{1, 2, 3, 10};  // calendar days to disposal
  for (int i = 0; i < 4; ++i) {
    const Date reg = d(2024, 2, 26 + i);  // 26..29 Feb
    const AppealId id = f.appeal(reg, std::nullopt, i < 3 ? f.village : other);
    f.sort(id, reg);
    f.feedback(id, reg + boost::gregorian::days(1));
    f.dispose(id, reg + boost::gregorian::days(dispose_after[static_cast<std::size_t>(i)]));
    feb.push_back(id);
  }
  const AppealId march = f.appeal(d(2024, 3, 1));
  const AppealId january = f.appeal(d(2024, 1, 31));
  (void)march;
  (void)january;

  const AppealMetricsReport m = appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 2), d(2024, 3, 31));
  ASSERT_EQ(m.appeals.size(), 4u);
  EXPECT_EQ(m.appeals.back().appeal, feb.back());
  const AppealUnitMetrics& v = m.units[f.village.value()];
  EXPECT_EQ(v.registered, 3);
  EXPECT_EQ(v.fed_back, 3);
  EXPECT_EQ(v.fed_back_on_time, 3);
  EXPECT_EQ(v.disposed, 3);
  EXPECT_DOUBLE_EQ(*v.resolved_rate(), 1.0);
  EXPECT_EQ(v.days_to_disposal.count, 3);
  EXPECT_DOUBLE_EQ(*v.days_to_disposal.mean, 2.0);
  EXPECT_DOUBLE_EQ(*v.days_to_disposal.p50, 2.0);
  EXPECT_DOUBLE_EQ(*v.days_to_disposal.p90, 2.8);  // 2 + 0.8 * (3 - 2)
  EXPECT_EQ(v.days_to_disposal.max, 3);
  EXPECT_FALSE(v.reopen_rate().has_value() && *v.reopen_rate() != 0.0);
  // The township has no own appeals; its roll-up holds both villages.
  EXPECT_EQ(m.units[f.township.value()].registered, 0);
  EXPECT_FALSE(m.units[f.township.value()].resolved_rate().has_value());
  const AppealUnitMetrics& t = m.rollup[f.township.value()];
  EXPECT_EQ(t.registered, 4);
  EXPECT_EQ(t.days_to_disposal.count, 4);
  EXPECT_DOUBLE_EQ(*t.days_to_disposal.mean, 4.0);
  EXPECT_DOUBLE_EQ(*t.days_to_disposal.p50, 2.5);
  EXPECT_DOUBLE_EQ(*t.days_to_disposal.p90, 7.9);  // h = 2.7: 3 + 0.7 * (10 - 3)
  EXPECT_EQ(m.rollup[f.county.value()].registered, 4);
  EXPECT_EQ(m.rollup[other.value()].registered, 1);
  EXPECT_EQ(m.units.size(), 4u);

  // The day after a period's end is outside it; 31 Jan only in January.
  EXPECT_EQ(appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 1), d(2024, 3, 31)).appeals.size(), 1u);
  EXPECT_EQ(appeal_metrics(f.r, f.policy, f.cal, Period(d(2024, 2, 29), d(2024, 3, 1))).appeals.size(), 2u);
  // An as-of date before the period's end would miss appeals.
  EXPECT_EQ(code_of([&] { (void)appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 2), d(2024, 2, 28)); }),
            "appeals.as_of");
  // As of the period's end (the default), the 29 Feb appeal is not yet disposed and not overdue.
  const AppealMetricsReport end = appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 2));
  EXPECT_EQ(end.as_of, d(2024, 2, 29));
  EXPECT_EQ(end.units[other.value()].disposed, 0);
  EXPECT_EQ(end.units[other.value()].disposed_late, 0);

  // Counting by handler moves an escalated appeal to the township.
  const AppealId moving = f.appeal(d(2024, 2, 1));
  f.sort(moving, d(2024, 2, 1));
  escalate_appeal(f.r, moving, d(2024, 3, 5));
  AppealClockOptions by_handler;
  by_handler.unit = MetricsUnit::Handler;
  const AppealMetricsReport h = appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 2), d(2024, 3, 31), by_handler);
  EXPECT_EQ(h.units[f.village.value()].registered, 3);
  EXPECT_EQ(h.units[f.township.value()].registered, 1);
  EXPECT_EQ(h.appeal_units.back(), f.township);
  // As of a date before the escalation, the village still handled it.
  EXPECT_EQ(appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 2), d(2024, 3, 4), by_handler)
                .units[f.village.value()].registered, 4);
}

TEST(AppealClock, OverdueListInMetrics) {
  Fixture f;
  const AppealId a = f.appeal(d(2024, 9, 27));
  const AppealMetricsReport m = appeal_metrics(f.r, f.policy, f.cal, Period::month(2024, 9), d(2024, 10, 11));
  // Sorting due 29 Sep and feedback due 10 Oct are both passed; disposal (23 Oct) is pending.
  ASSERT_EQ(m.overdue.size(), 2u);
  // Working days in (29 Sep, 11 Oct]: 30 Sep, 8, 9, 10, 11 Oct.
  EXPECT_EQ(m.overdue[0], (OverdueItem{a, f.village, AppealStage::Sorted, d(2024, 9, 29), 12, 5}));
  EXPECT_EQ(m.overdue[1].stage, AppealStage::FedBack);
  EXPECT_EQ(m.units[f.village.value()].overdue, 1);
  // Dropped appeals are no longer awaited.
  f.event(a, AppealEventKind::Dropped, d(2024, 10, 11));
  const AppealTiming t = f.clock(a, d(2024, 10, 11));
  EXPECT_EQ(t.stages[1].status, TimeStatus::Dropped);
  EXPECT_TRUE(overdue_appeals(f.r, f.policy, f.cal, d(2024, 10, 11)).empty());
}

TEST(AppealClock, RuleMatchingByClassRoutingAndLevel) {
  Fixture f;
  PolicySet p = f.policy;
  p.deadlines.insert(p.deadlines.begin(), {"dispose.supervised", "", AppealClass::ReasonableLawful, Routing::Supervision,
                                           std::nullopt, AppealStage::Disposed, 3});
  const AppealId a = f.appeal(d(2024, 9, 27));
  // Unsorted: class and routing unknown, so the general rule applies.
  EXPECT_EQ(appeal_clock(f.r, f.r.get(a), p, f.cal, d(2024, 9, 27)).stages[2].rule, 3);
  f.sort(a, d(2024, 9, 27), AppealClass::ReasonableLawful, Routing::Supervision);
  const AppealTiming t = appeal_clock(f.r, f.r.get(a), p, f.cal, d(2024, 9, 27));
  EXPECT_EQ(t.stages[2].rule, 0);
  EXPECT_EQ(t.stages[2].due, d(2024, 10, 8));  // 29 Sep, 30 Sep, 8 Oct
  const AppealId b = f.appeal(d(2024, 9, 27));
  f.sort(b, d(2024, 9, 27), AppealClass::ReasonableLawful, Routing::Transfer);
  EXPECT_EQ(appeal_clock(f.r, f.r.get(b), p, f.cal, d(2024, 9, 27)).stages[2].rule, 3);
  // No rule for a stage: no deadline.
  PolicySet none;
  none.name = "none";
  EXPECT_EQ(appeal_clock(f.r, f.r.get(b), none, f.cal, d(2024, 9, 27)).stages[1].status, TimeStatus::NoDeadline);
}

TEST(AppealClock, UnhappyPaths) {
  Fixture f;
  const AppealId a = f.appeal(d(2024, 9, 27));
  // The calendar is only known for 2024: a deadline in 2025 is refused rather than guessed.
  AppealClockOptions known;
  known.calendar_known = Period::year(2024);
  const AppealId late_year = f.appeal(d(2024, 12, 27));
  EXPECT_NO_THROW((void)f.clock(a, d(2024, 12, 31), known));
  EXPECT_EQ(code_of([&] { (void)f.clock(late_year, d(2024, 12, 28), known); }), "appeals.calendar");
  EXPECT_EQ(code_of([&] { (void)f.clock(a, d(2025, 1, 2), known); }), "appeals.calendar");
  // Dates the calendar cannot reach.
  Appeal far = Appeal::registered_on(d(9999, 12, 30), f.village);
  EXPECT_EQ(code_of([&] { (void)appeal_clock(f.r, far, f.policy, f.cal, d(9999, 12, 31)); }), "calendar.out_of_range");
  // A history the life cycle refuses (disposed without feedback), on an appeal built by hand.
  Appeal bad = Appeal::registered_on(d(2024, 9, 27), f.village);
  bad.history.push_back({AppealEventKind::Disposed, d(2024, 9, 28), std::nullopt, {}, std::nullopt});
  try {
    (void)appeal_clock(f.r, bad, f.policy, f.cal, d(2024, 10, 1));
    ADD_FAILURE() << "a bad history was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "appeals.history");
    EXPECT_NE(e.where().field.find("history[1]"), std::string::npos) << e.what();
  }
  Appeal empty;
  EXPECT_EQ(code_of([&] { (void)appeal_clock(f.r, empty, f.policy, f.cal, d(2024, 10, 1)); }), "appeals.history");
  // Evaluation dates.
  EXPECT_EQ(code_of([&] { (void)f.clock(a, d(2024, 9, 26)); }), "appeals.as_of");
  EXPECT_EQ(code_of([&] { (void)f.clock(a, Date(boost::gregorian::not_a_date_time)); }), "appeals.as_of");
  EXPECT_TRUE(appeal_clock(f.r, f.policy, f.cal, d(2024, 9, 26)).size() == 0);
  // Options and policy.
  AppealClockOptions o;
  o.own_due_stage = AppealStage::Closed;
  EXPECT_EQ(code_of([&] { (void)f.clock(a, d(2024, 10, 1), o); }), "appeals.options");
  o = {};
  o.verification_window_days = -1;
  EXPECT_EQ(code_of([&] { (void)f.clock(a, d(2024, 10, 1), o); }), "appeals.options");
  PolicySet broken = f.policy;
  broken.deadlines[0].working_days = -3;
  EXPECT_EQ(code_of([&] { (void)escalate_overdue(f.r, broken, f.cal, d(2024, 10, 1)); }), "policy.rule");
  EXPECT_EQ(f.r.get(a).history.size(), 1u);
}

}  // namespace
}  // namespace massline::policy
