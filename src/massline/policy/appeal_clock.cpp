// The appeal clock (include/massline/policy/appeal_clock.hpp; definitions in docs/appeals.md).
#include <massline/core/cancellation.hpp>
#include <massline/policy/appeal_clock.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

namespace massline::policy {
namespace {

constexpr std::int64_t kMaxVerificationWindowDays = 36'500;
constexpr std::size_t kCancelEvery = 4096;

bool handling(AppealStage s) { return s == AppealStage::Sorted || s == AppealStage::FedBack; }

/// Computes clocks with one checked policy, calendar and options.
class Clock {
 public:
  Clock(const Registry& registry, const PolicySet& policy, const WorkCalendar& calendar, Date as_of,
        const AppealClockOptions& options)
      : registry_(registry), policy_(policy), calendar_(calendar), as_of_(as_of), options_(options) {
    options.check();
    policy.check();
    if (as_of.is_special())
      throw InvalidArgument("appeals.as_of", "the evaluation date is not a date", {}, "got " + to_iso(as_of));
  }

  AppealTiming run(const Appeal& appeal) const {
    const std::string entity = "appeal " + appeal.id.to_string();
    const AppealReplay full = appeal.replay();
    if (appeal.history.empty() || full.bad_event) {
      const std::size_t i = full.bad_event.value_or(0);
      throw InvalidArgument("appeals.history", "the clock needs a valid history",
                            Location::of(entity, "history[" + std::to_string(i) + "]"),
                            appeal.history.empty() ? "the history is empty" : full.why);
    }
    const Date registered = appeal.registered();
    if (as_of_ < registered)
      throw InvalidArgument("appeals.as_of", "the evaluation date is before the appeal's registration",
                            Location::of(entity, "history[0]"),
                            "registered " + to_iso(registered) + ", evaluated as of " + to_iso(as_of_));
    known(registered, entity, "registration");
    known(as_of_, entity, "the evaluation date");

    // The history as it stood at the end of as_of.
    std::vector<const AppealEvent*> events;
    for (const AppealEvent& e : appeal.history) {
      if (e.date > as_of_) break;  // dates never decrease
      events.push_back(&e);
    }
    Appeal seen;
    seen.due = appeal.due;
    for (const AppealEvent* e : events) seen.history.push_back(*e);

    AppealTiming t;
    t.appeal = appeal.id;
    t.origin = appeal.origin;
    t.handler = appeal.origin;
    t.registered = registered;
    t.stage = seen.stage();
    std::optional<Date> dropped_on, last_closed;
    struct Pause { Date from, to; };
    std::vector<Pause> pauses;
    for (const AppealEvent* e : events) {
      switch (e->kind) {
        case AppealEventKind::Transferred:
        case AppealEventKind::Escalated: t.handler = *e->organization; break;
        case AppealEventKind::Paused: pauses.push_back({e->date, as_of_}); break;
        case AppealEventKind::Resumed: pauses.back().to = e->date; break;
        case AppealEventKind::Reopened: ++t.reopen_count; break;
        case AppealEventKind::Disposed: t.ever_disposed = true; break;
        case AppealEventKind::Closed: last_closed = e->date; break;
        case AppealEventKind::Dropped: dropped_on = e->date; break;
        default: break;
      }
    }
    for (const Pause& p : pauses) t.paused_working_days += between(p.from, p.to, entity);

    const bool sorted = seen.has(AppealEventKind::Sorted);
    const OrgLevel level = registry_.get(t.handler).level;
    const std::array<std::optional<Date>, 3> reached{seen.sorted(), seen.fed_back(), seen.disposed()};
    for (std::size_t i = 0; i < 3; ++i) {
      StageClock& c = t.stages[i];
      const AppealStage stage = AppealTiming::stage_at(i);
      c.reached = reached[i];
      std::optional<Date> base;
      Date pauses_from = registered;
      if (options_.own_due_stage == stage && appeal.due) {
        c.source = DueSource::Appeal;
        c.original_due = appeal.due;
        base = appeal.due;
        // The last extension granted up to the evaluation date (and before the stage was reached).
        for (const AppealEvent* e : events) {
          if (e->kind != AppealEventKind::Extended) continue;
          if (c.reached && e->date > *c.reached) break;
          base = e->new_due;
          pauses_from = e->date;
        }
      } else if (const auto rule = match(stage, sorted ? appeal.appeal_class : std::nullopt,
                                         sorted ? appeal.routing : std::nullopt, level)) {
        c.source = DueSource::Rule;
        c.rule = static_cast<std::int64_t>(*rule);
        const Date deadline = calendar_.deadline(registered, policy_.deadlines[*rule].working_days);
        known(deadline, entity, "the deadline of rule '" + policy_.deadlines[*rule].name + "'");
        c.original_due = deadline;
        base = deadline;
      }
      if (!base) continue;
      // Paused working days push the due date, for pauses begun on or before it (a pause after the
      // deadline does not excuse the lateness) and before the stage was reached.
      Date due = *base;
      for (const Pause& p : pauses) {
        if (p.from < pauses_from) continue;
        if ((c.reached && p.from >= *c.reached) || p.from > due) break;
        const std::int64_t n = between(p.from, p.to, entity);
        due = calendar_.add_working_days(due, n);
        known(due, entity, "the due date pushed by a pause");
      }
      c.due = due;
      if (c.reached) c.status = *c.reached <= due ? TimeStatus::OnTime : TimeStatus::Late;
      else if (dropped_on) c.status = TimeStatus::Dropped;
      else c.status = as_of_ > due ? TimeStatus::Late : TimeStatus::Pending;
    }
    if (reached[1]) {
      t.days_to_feedback = (*reached[1] - registered).days();
      t.working_days_to_feedback = between(registered, *reached[1], entity);
    }
    if (reached[2]) {
      t.days_to_disposal = (*reached[2] - registered).days();
      t.working_days_to_disposal = between(registered, *reached[2], entity);
    }
    if (t.stage == AppealStage::Closed) {
      t.closed = last_closed;
      t.verified = (as_of_ - *last_closed).days() >= options_.verification_window_days &&
                   appeal.public_answer != PublicAnswer::Unsatisfied;
    }
    return t;
  }

  [[nodiscard]] OrgId unit_of(const AppealTiming& t) const {
    return options_.unit == MetricsUnit::Origin ? t.origin : t.handler;
  }

  /// The overdue stages of @p t, appended to @p out.
  void overdue(const AppealTiming& t, std::vector<OverdueItem>& out) const {
    for (std::size_t i = 0; i < 3; ++i) {
      const StageClock& c = t.stages[i];
      if (c.status != TimeStatus::Late || c.reached) continue;
      out.push_back({t.appeal, unit_of(t), AppealTiming::stage_at(i), *c.due, (as_of_ - *c.due).days(),
                     calendar_.working_days_between(*c.due, as_of_)});
    }
  }

  [[nodiscard]] Date as_of() const { return as_of_; }

 private:
  std::optional<std::size_t> match(AppealStage stage, std::optional<AppealClass> cls, std::optional<Routing> routing,
                                   OrgLevel level) const {
    for (std::size_t i = 0; i < policy_.deadlines.size(); ++i) {
      const AppealDeadline& r = policy_.deadlines[i];
      if (r.stage != stage) continue;
      if (r.appeal_class && r.appeal_class != cls) continue;
      if (r.routing && r.routing != routing) continue;
      if (r.handler_level && *r.handler_level != level) continue;
      return i;
    }
    return std::nullopt;
  }

  std::int64_t between(Date a, Date b, const std::string& entity) const {
    known(a, entity, "a counted day");
    known(b, entity, "a counted day");
    return calendar_.working_days_between(a, b);
  }

  void known(Date day, const std::string& entity, const std::string& what) const {
    if (!options_.calendar_known || options_.calendar_known->contains(day)) return;
    throw InvalidArgument("appeals.calendar", "the calendar is not known on a day the clock needs", Location::of(entity),
                          what + " is " + to_iso(day) + ", outside the days the calendar is known for (" +
                              options_.calendar_known->label() + ")");
  }

  const Registry& registry_;
  const PolicySet& policy_;
  const WorkCalendar& calendar_;
  Date as_of_;
  const AppealClockOptions& options_;
};

/// Days of one distribution, summarised with linear-interpolation quantiles (numpy/pandas default).
DayDistribution summarise(std::vector<std::int64_t> days) {
  DayDistribution d;
  d.count = static_cast<std::int64_t>(days.size());
  if (days.empty()) return d;
  std::sort(days.begin(), days.end());
  double sum = 0;
  for (std::int64_t x : days) sum += static_cast<double>(x);
  d.mean = sum / static_cast<double>(days.size());
  auto quantile = [&](double q) {
    const double h = static_cast<double>(days.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, days.size() - 1);
    return static_cast<double>(days[lo]) + (h - static_cast<double>(lo)) * static_cast<double>(days[hi] - days[lo]);
  };
  d.p50 = quantile(0.5);
  d.p90 = quantile(0.9);
  d.max = days.back();
  return d;
}

/// Counts of one organisation before its distributions are summarised.
struct Tally {
  AppealUnitMetrics m;
  std::vector<std::int64_t> feedback_days, disposal_days;

  void add(const AppealTiming& t) {
    ++m.registered;
    const StageClock& fb = t.stages[1];
    const StageClock& dp = t.stages[2];
    if (fb.reached) ++m.fed_back;
    if (fb.status == TimeStatus::OnTime) ++m.fed_back_on_time;
    if (fb.status == TimeStatus::Late) ++m.fed_back_late;
    if (dp.reached) ++m.disposed;
    if (dp.status == TimeStatus::OnTime) ++m.disposed_on_time;
    if (dp.status == TimeStatus::Late) ++m.disposed_late;
    if (t.ever_disposed) ++m.ever_disposed;
    if (t.reopen_count > 0) ++m.reopened;
    if (t.closed) ++m.closed;
    if (t.verified) ++m.verified;
    if (t.dropped()) ++m.dropped;
    if (std::any_of(t.stages.begin(), t.stages.end(),
                    [](const StageClock& c) { return c.status == TimeStatus::Late && !c.reached; }))
      ++m.overdue;
    if (t.days_to_feedback) feedback_days.push_back(*t.days_to_feedback);
    if (t.days_to_disposal) disposal_days.push_back(*t.days_to_disposal);
  }

  AppealUnitMetrics finish(OrgId unit) {
    m.unit = unit;
    m.days_to_feedback = summarise(std::move(feedback_days));
    m.days_to_disposal = summarise(std::move(disposal_days));
    return m;
  }
};

}  // namespace

void AppealClockOptions::check() const {
  if (AppealTiming::stage_index(own_due_stage) < 0)
    throw InvalidArgument("appeals.options", "invalid appeal clock options", Location::of("options", "own_due_stage"),
                          "the appeal's own due date applies to sorted, fed_back or disposed, got " +
                              std::string(to_name(own_due_stage)));
  if (verification_window_days < 0 || verification_window_days > kMaxVerificationWindowDays)
    throw InvalidArgument("appeals.options", "invalid appeal clock options",
                          Location::of("options", "verification_window_days"),
                          "must be 0.." + std::to_string(kMaxVerificationWindowDays) + " days, got " +
                              std::to_string(verification_window_days));
}

AppealTiming appeal_clock(const Registry& registry, const Appeal& appeal, const PolicySet& policy,
                          const WorkCalendar& calendar, Date as_of, const AppealClockOptions& options) {
  return Clock(registry, policy, calendar, as_of, options).run(appeal);
}

std::vector<AppealTiming> appeal_clock(const Registry& registry, const PolicySet& policy, const WorkCalendar& calendar,
                                       Date as_of, const AppealClockOptions& options) {
  const Clock clock(registry, policy, calendar, as_of, options);
  std::vector<AppealTiming> out;
  std::size_t n = 0;
  for (const Appeal& a : registry.appeals()) {
    if (++n % kCancelEvery == 0) throw_if_cancelled();
    if (a.registered() > as_of) continue;
    out.push_back(clock.run(a));
  }
  return out;
}

std::vector<OverdueItem> overdue_appeals(const Registry& registry, const PolicySet& policy,
                                         const WorkCalendar& calendar, Date as_of, const AppealClockOptions& options) {
  const Clock clock(registry, policy, calendar, as_of, options);
  std::vector<OverdueItem> out;
  std::size_t n = 0;
  for (const Appeal& a : registry.appeals()) {
    if (++n % kCancelEvery == 0) throw_if_cancelled();
    if (a.registered() > as_of) continue;
    clock.overdue(clock.run(a), out);
  }
  return out;
}

EscalationReport escalate_overdue(Registry& registry, const PolicySet& policy, const WorkCalendar& calendar,
                                  Date as_of, const AppealClockOptions& options) {
  const Clock clock(registry, policy, calendar, as_of, options);
  EscalationReport report;
  report.as_of = as_of;
  std::vector<std::pair<AppealEvent, EscalationAction>> plan;
  std::size_t n = 0;
  for (const Appeal& a : registry.appeals()) {
    if (++n % kCancelEvery == 0) throw_if_cancelled();
    if (a.registered() > as_of) continue;
    const AppealTiming t = clock.run(a);
    std::size_t late = 3;
    for (std::size_t i = 0; i < 3 && late == 3; ++i)
      if (t.stages[i].status == TimeStatus::Late && !t.stages[i].reached) late = i;
    if (late == 3) continue;
    const AppealStage stage = AppealTiming::stage_at(late);
    const Date due = *t.stages[late].due;
    auto skip = [&](std::string why) { report.skipped.push_back({a.id, stage, std::move(why)}); };
    if (a.history.back().date > as_of) {
      skip("the history has events after " + to_iso(as_of) + "; escalation is appended at the end");
      continue;
    }
    if (!handling(t.stage)) {
      skip("stage '" + std::string(to_name(t.stage)) + "': the life cycle escalates only in handling (sorted or fed back)");
      continue;
    }
    Date received = t.registered;
    for (const AppealEvent& e : a.history)
      if (e.kind == AppealEventKind::Transferred || e.kind == AppealEventKind::Escalated) received = e.date;
    if (received > due) {
      skip("the handler received it on " + to_iso(received) + ", after the " + std::string(to_name(stage)) +
           " due date " + to_iso(due));
      continue;
    }
    const std::optional<OrgId> parent = registry.get(t.handler).parent;
    if (!parent) {
      skip("the handler " + t.handler.to_string() + " has no parent to escalate to");
      continue;
    }
    AppealEvent event{AppealEventKind::Escalated, as_of, parent, "overdue: " + std::string(to_name(stage)) + " due " + to_iso(due),
                      std::nullopt};
    plan.push_back({std::move(event), {a.id, t.handler, *parent, stage, due}});
  }
  // All or nothing: remember each appeal before changing it, and restore them on any failure.
  std::vector<Appeal> before;
  before.reserve(plan.size());
  try {
    for (auto& [event, action] : plan) {
      before.push_back(registry.get(action.appeal));
      registry.record(action.appeal, event);
      report.escalated.push_back(action);
    }
  } catch (...) {
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      if (registry.get(it->id) != *it) registry.update(*it);
    }
    throw;
  }
  return report;
}

OrgId escalate_appeal(Registry& registry, AppealId id, Date day, std::string note) {
  const Appeal& appeal = registry.get(id);
  const std::optional<OrgId> parent = registry.get(appeal.handler).parent;
  if (!parent)
    throw InvalidArgument("appeals.escalate", "no higher level to escalate to",
                          Location::of("appeal " + id.to_string(), "handler"),
                          "the handler " + appeal.handler.to_string() + " has no parent organisation");
  registry.record(id, AppealEvent{AppealEventKind::Escalated, day, parent, std::move(note), std::nullopt});
  return *parent;
}

AppealMetricsReport appeal_metrics(const Registry& registry, const PolicySet& policy, const WorkCalendar& calendar,
                                   const Period& period, std::optional<Date> as_of, const AppealClockOptions& options) {
  const Date when = as_of.value_or(period.last());
  if (!when.is_special() && when < period.last())
    throw InvalidArgument("appeals.as_of", "the evaluation date is before the end of the period",
                          Location::of("period " + period.label()),
                          "as of " + to_iso(when) + " would miss appeals registered until " + to_iso(period.last()));
  const Clock clock(registry, policy, calendar, when, options);
  AppealMetricsReport report;
  report.period = period;
  report.as_of = when;
  report.options = options;
  const std::size_t slots = registry.organizations().capacity_ids();
  std::vector<Tally> own(slots), subtree(slots);
  std::size_t n = 0;
  for (const Appeal& a : registry.appeals()) {
    if (++n % kCancelEvery == 0) throw_if_cancelled();
    if (!period.contains(a.registered())) continue;
    AppealTiming t = clock.run(a);
    const OrgId unit = clock.unit_of(t);
    own[unit.value()].add(t);
    for (OrgId up : registry.ancestors(unit)) subtree[up.value()].add(t);
    clock.overdue(t, report.overdue);
    report.appeal_units.push_back(unit);
    report.appeals.push_back(std::move(t));
  }
  for (const Organization& o : registry.organizations()) {
    report.units.push_back(own[o.id.value()].finish(o.id));
    report.rollup.push_back(subtree[o.id.value()].finish(o.id));
  }
  return report;
}

}  // namespace massline::policy
