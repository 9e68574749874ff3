// Python bindings for the appeal clock (massline._core.policy: appeal_clock, overdue_appeals,
// appeal_metrics, escalate_overdue, escalate_appeal). The public entry point is massline.appeals
// (python/massline/appeals.py), which turns the columns into pandas frames.
//
// Every call reads (escalation: changes) the registry, so it keeps the GIL for its whole duration
// (docs/python.md, "Threads") and honours Ctrl-C through interruptible(); escalation checks for
// cancellation only while planning, before it records anything, so an interrupted call changes
// nothing. Dates cross as days since 1970-01-01 with INT64_MIN for "none" (numpy's NaT), optional
// counts as -1, missing rates and quantiles as NaN; the facade makes them NaT / <NA> / NaN.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/policy/appeal_clock.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace massline::python {
namespace {

using policy::AppealClockOptions;
using policy::AppealMetricsReport;
using policy::AppealTiming;
using policy::AppealUnitMetrics;
using policy::DayDistribution;
using policy::EscalationReport;
using policy::OverdueItem;

constexpr std::int64_t kNoDate = std::numeric_limits<std::int64_t>::min();  // numpy's NaT
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::int64_t epoch_days(Date d) { return (d - Date(1970, 1, 1)).days(); }
std::int64_t epoch_days(const std::optional<Date>& d) { return d ? epoch_days(*d) : kNoDate; }
double or_nan(const std::optional<double>& x) { return x.value_or(kNan); }

template <class E>
py::str name_of(E e) {
  return py::str(std::string(to_name(e)));
}

AppealClockOptions options_from(const std::string& own_due_stage, std::int64_t verification_window_days,
                                const std::string& unit, const std::optional<Period>& calendar_known) {
  AppealClockOptions o;
  o.own_due_stage = from_name<AppealStage>(own_due_stage, "stage", Location::of("options", "own_due_stage"));
  o.verification_window_days = verification_window_days;
  o.unit = from_name<policy::MetricsUnit>(unit, "metrics unit", Location::of("options", "unit"));
  o.calendar_known = calendar_known;
  o.check();
  return o;
}

/// Per-appeal columns; @p deadlines names the rules by index.
py::dict timing_columns(const std::vector<AppealTiming>& rows, const std::vector<OrgId>* units,
                        const std::vector<policy::AppealDeadline>& deadlines) {
  py::dict out;
  out["appeal"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return t.appeal.value(); });
  out["origin"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return t.origin.value(); });
  out["handler"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return t.handler.value(); });
  if (units != nullptr) out["unit"] = to_array<std::int64_t>(*units, [](OrgId o) { return o.value(); });
  out["registered"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return epoch_days(t.registered); });
  py::list stage;
  for (const AppealTiming& t : rows) stage.append(name_of(t.stage));
  out["stage"] = stage;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string prefix(to_name(AppealTiming::stage_at(i)));
    py::list source, rule, status;
    for (const AppealTiming& t : rows) {
      const policy::StageClock& c = t.stages[i];
      source.append(name_of(c.source));
      rule.append(c.rule < 0 ? py::object(py::none()) : py::object(py::str(deadlines[static_cast<std::size_t>(c.rule)].name)));
      status.append(name_of(c.status));
    }
    out[py::str(prefix + "_due_source")] = source;
    out[py::str(prefix + "_rule")] = rule;
    out[py::str(prefix + "_original_due")] =
        to_array<std::int64_t>(rows, [i](const AppealTiming& t) { return epoch_days(t.stages[i].original_due); });
    out[py::str(prefix + "_due")] = to_array<std::int64_t>(rows, [i](const AppealTiming& t) { return epoch_days(t.stages[i].due); });
    out[py::str(prefix + "_reached")] =
        to_array<std::int64_t>(rows, [i](const AppealTiming& t) { return epoch_days(t.stages[i].reached); });
    out[py::str(prefix + "_status")] = status;
  }
  auto count = [&](std::optional<std::int64_t> AppealTiming::*field) {
    return to_array<std::int64_t>(rows, [field](const AppealTiming& t) { return (t.*field).value_or(-1); });
  };
  out["paused_working_days"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return t.paused_working_days; });
  out["days_to_feedback"] = count(&AppealTiming::days_to_feedback);
  out["working_days_to_feedback"] = count(&AppealTiming::working_days_to_feedback);
  out["days_to_disposal"] = count(&AppealTiming::days_to_disposal);
  out["working_days_to_disposal"] = count(&AppealTiming::working_days_to_disposal);
  out["reopen_count"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return t.reopen_count; });
  out["ever_disposed"] = to_array<bool>(rows, [](const AppealTiming& t) { return t.ever_disposed; });
  out["closed"] = to_array<std::int64_t>(rows, [](const AppealTiming& t) { return epoch_days(t.closed); });
  out["verified"] = to_array<bool>(rows, [](const AppealTiming& t) { return t.verified; });
  return out;
}

py::dict overdue_columns(const std::vector<OverdueItem>& rows) {
  py::dict out;
  out["appeal"] = to_array<std::int64_t>(rows, [](const OverdueItem& x) { return x.appeal.value(); });
  out["unit"] = to_array<std::int64_t>(rows, [](const OverdueItem& x) { return x.unit.value(); });
  py::list stage;
  for (const OverdueItem& x : rows) stage.append(name_of(x.stage));
  out["stage"] = stage;
  out["due"] = to_array<std::int64_t>(rows, [](const OverdueItem& x) { return epoch_days(x.due); });
  out["days_overdue"] = to_array<std::int64_t>(rows, [](const OverdueItem& x) { return x.days_overdue; });
  out["working_days_overdue"] = to_array<std::int64_t>(rows, [](const OverdueItem& x) { return x.working_days_overdue; });
  return out;
}

py::dict unit_columns(const std::vector<AppealUnitMetrics>& rows) {
  py::dict out;
  using M = AppealUnitMetrics;
  out["unit"] = to_array<std::int64_t>(rows, [](const M& m) { return m.unit.value(); });
  auto ints = [&](const char* name, std::int64_t M::*field) {
    out[name] = to_array<std::int64_t>(rows, [field](const M& m) { return m.*field; });
  };
  auto rate = [&](const char* name, std::optional<double> (M::*fn)() const) {
    out[name] = to_array<double>(rows, [fn](const M& m) { return or_nan((m.*fn)()); });
  };
  auto distribution = [&](const std::string& prefix, DayDistribution M::*field) {
    out[py::str(prefix + "_count")] = to_array<std::int64_t>(rows, [field](const M& m) { return (m.*field).count; });
    out[py::str(prefix + "_mean")] = to_array<double>(rows, [field](const M& m) { return or_nan((m.*field).mean); });
    out[py::str(prefix + "_p50")] = to_array<double>(rows, [field](const M& m) { return or_nan((m.*field).p50); });
    out[py::str(prefix + "_p90")] = to_array<double>(rows, [field](const M& m) { return or_nan((m.*field).p90); });
    out[py::str(prefix + "_max")] = to_array<std::int64_t>(rows, [field](const M& m) { return (m.*field).max.value_or(-1); });
  };
  ints("registered", &M::registered);
  ints("fed_back", &M::fed_back);
  ints("fed_back_on_time", &M::fed_back_on_time);
  ints("fed_back_late", &M::fed_back_late);
  rate("fed_back_on_time_rate", &M::fed_back_on_time_rate);
  ints("disposed", &M::disposed);
  ints("disposed_on_time", &M::disposed_on_time);
  ints("disposed_late", &M::disposed_late);
  rate("disposed_on_time_rate", &M::disposed_on_time_rate);
  rate("resolved_rate", &M::resolved_rate);
  ints("ever_disposed", &M::ever_disposed);
  ints("reopened", &M::reopened);
  rate("reopen_rate", &M::reopen_rate);
  ints("closed", &M::closed);
  rate("closed_rate", &M::closed_rate);
  ints("verified", &M::verified);
  rate("verified_rate", &M::verified_rate);
  ints("dropped", &M::dropped);
  ints("overdue", &M::overdue);
  distribution("days_to_feedback", &M::days_to_feedback);
  distribution("days_to_disposal", &M::days_to_disposal);
  return out;
}

struct AppealMetricsResult {
  AppealMetricsReport report;
  std::vector<policy::AppealDeadline> deadlines;  // the rules' names, for the per-appeal frame
};

struct EscalationResult {
  EscalationReport report;
};

}  // namespace

void register_policy_appeals(py::module_& m) {
  py::class_<AppealMetricsResult>(m, "AppealMetricsResult",
                                  "Metrics of the appeals registered in a period (docs/appeals.md); "
                                  "massline.appeals wraps it with pandas frames.")
      .def_property_readonly("period", [](const AppealMetricsResult& r) { return r.report.period; }, "The period.")
      .def_property_readonly("as_of", [](const AppealMetricsResult& r) { return r.report.as_of; },
                             "The evaluation date.")
      .def("unit_columns", [](const AppealMetricsResult& r) { return unit_columns(r.report.units); },
           "Figures per organisation (its own appeals) as a dict of columns.")
      .def("rollup_columns", [](const AppealMetricsResult& r) { return unit_columns(r.report.rollup); },
           "Figures per organisation subtree as a dict of columns.")
      .def("appeal_columns",
           [](const AppealMetricsResult& r) { return timing_columns(r.report.appeals, &r.report.appeal_units, r.deadlines); },
           "The clock of each appeal of the period as a dict of columns.")
      .def("overdue_columns", [](const AppealMetricsResult& r) { return overdue_columns(r.report.overdue); },
           "The overdue stages of the period's appeals as a dict of columns.")
      .def("__repr__", [](const AppealMetricsResult& r) {
        return "AppealMetricsResult(period=" + r.report.period.label() + ", as_of=" + to_iso(r.report.as_of) +
               ", appeals=" + std::to_string(r.report.appeals.size()) + ")";
      });

  py::class_<EscalationResult>(m, "EscalationResult",
                               "What escalate_overdue did (docs/appeals.md, \"Escalation\"); massline.appeals wraps it.")
      .def_property_readonly("as_of", [](const EscalationResult& r) { return r.report.as_of; }, "The escalation date.")
      .def(
          "escalated_columns",
          [](const EscalationResult& r) {
            const auto& x = r.report.escalated;
            using A = policy::EscalationAction;
            py::dict out;
            out["appeal"] = to_array<std::int64_t>(x, [](const A& a) { return a.appeal.value(); });
            out["from"] = to_array<std::int64_t>(x, [](const A& a) { return a.from.value(); });
            out["to"] = to_array<std::int64_t>(x, [](const A& a) { return a.to.value(); });
            py::list stage;
            for (const A& a : x) stage.append(name_of(a.stage));
            out["stage"] = stage;
            out["due"] = to_array<std::int64_t>(x, [](const A& a) { return epoch_days(a.due); });
            return out;
          },
          "The escalations recorded as a dict of columns: appeal, from, to, stage, due.")
      .def(
          "skipped_columns",
          [](const EscalationResult& r) {
            const auto& x = r.report.skipped;
            py::dict out;
            out["appeal"] = to_array<std::int64_t>(x, [](const policy::EscalationSkip& s) { return s.appeal.value(); });
            py::list stage, reason;
            for (const auto& s : x) {
              stage.append(name_of(s.stage));
              reason.append(py::str(s.reason));
            }
            out["stage"] = stage;
            out["reason"] = reason;
            return out;
          },
          "Overdue appeals left alone as a dict of columns: appeal, stage, reason.")
      .def("__repr__", [](const EscalationResult& r) {
        return "EscalationResult(as_of=" + to_iso(r.report.as_of) + ", escalated=" +
               std::to_string(r.report.escalated.size()) + ", skipped=" + std::to_string(r.report.skipped.size()) + ")";
      });

  m.def(
      "appeal_clock",
      [](const Registry& registry, const policy::PolicySet& set, const WorkCalendar& calendar, Date as_of,
         const std::string& own_due_stage, std::int64_t verification_window_days, const std::string& unit,
         const std::optional<Period>& calendar_known) {
        const AppealClockOptions o = options_from(own_due_stage, verification_window_days, unit, calendar_known);
        auto rows = interruptible(Gil::keep, [&] { return policy::appeal_clock(registry, set, calendar, as_of, o); });
        return timing_columns(rows, nullptr, set.deadlines);
      },
      py::arg("registry"), py::arg("policy"), py::arg("calendar"), py::arg("as_of"), py::kw_only(),
      py::arg("own_due_stage") = "disposed", py::arg("verification_window_days") = 30, py::arg("unit") = "origin",
      py::arg("calendar_known") = py::none(),
      "The clock of every appeal registered on or before as_of, as a dict of columns (docs/appeals.md). Holds the "
      "GIL (it reads the registry); Ctrl-C stops it.");

  m.def(
      "overdue_appeals",
      [](const Registry& registry, const policy::PolicySet& set, const WorkCalendar& calendar, Date as_of,
         const std::string& own_due_stage, std::int64_t verification_window_days, const std::string& unit,
         const std::optional<Period>& calendar_known) {
        const AppealClockOptions o = options_from(own_due_stage, verification_window_days, unit, calendar_known);
        auto rows = interruptible(Gil::keep, [&] { return policy::overdue_appeals(registry, set, calendar, as_of, o); });
        return overdue_columns(rows);
      },
      py::arg("registry"), py::arg("policy"), py::arg("calendar"), py::arg("as_of"), py::kw_only(),
      py::arg("own_due_stage") = "disposed", py::arg("verification_window_days") = 30, py::arg("unit") = "origin",
      py::arg("calendar_known") = py::none(),
      "Every stage awaited past its due date as of as_of, as a dict of columns. Holds the GIL; Ctrl-C stops it.");

  m.def(
      "appeal_metrics",
      [](const Registry& registry, const policy::PolicySet& set, const WorkCalendar& calendar, const Period& period,
         std::optional<Date> as_of, const std::string& own_due_stage, std::int64_t verification_window_days,
         const std::string& unit, const std::optional<Period>& calendar_known) {
        const AppealClockOptions o = options_from(own_due_stage, verification_window_days, unit, calendar_known);
        return interruptible(Gil::keep, [&] {
          return AppealMetricsResult{policy::appeal_metrics(registry, set, calendar, period, as_of, o), set.deadlines};
        });
      },
      py::arg("registry"), py::arg("policy"), py::arg("calendar"), py::arg("period"), py::arg("as_of") = py::none(),
      py::kw_only(), py::arg("own_due_stage") = "disposed", py::arg("verification_window_days") = 30,
      py::arg("unit") = "origin", py::arg("calendar_known") = py::none(),
      "Metrics of the appeals registered in the period, as of as_of (default: the period's last day). Holds the "
      "GIL; Ctrl-C stops it.");

  m.def(
      "escalate_overdue",
      [](Registry& registry, const policy::PolicySet& set, const WorkCalendar& calendar, Date as_of,
         const std::string& own_due_stage, std::int64_t verification_window_days, const std::string& unit,
         const std::optional<Period>& calendar_known) {
        const AppealClockOptions o = options_from(own_due_stage, verification_window_days, unit, calendar_known);
        note_registry_change();
        return interruptible(Gil::keep, [&] {
          return EscalationResult{policy::escalate_overdue(registry, set, calendar, as_of, o)};
        });
      },
      py::arg("registry"), py::arg("policy"), py::arg("calendar"), py::arg("as_of"), py::kw_only(),
      py::arg("own_due_stage") = "disposed", py::arg("verification_window_days") = 30, py::arg("unit") = "origin",
      py::arg("calendar_known") = py::none(),
      "Escalates every overdue appeal in handling whose handler held it when the deadline passed to the handler's "
      "parent, on as_of; all or nothing. Holds the GIL; Ctrl-C stops it before anything is recorded.");

  m.def(
      "escalate_appeal",
      [](Registry& registry, AppealId id, Date day, std::string note) {
        note_registry_change();
        return policy::escalate_appeal(registry, id, day, std::move(note));
      },
      py::arg("registry"), py::arg("appeal"), py::arg("day"), py::arg("note") = "",
      "\"This level cannot solve it\": records an escalation of the appeal to its handler's parent on `day` and "
      "returns that parent's OrgId.");
}

}  // namespace massline::python
