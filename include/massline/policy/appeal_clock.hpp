#pragma once
/// @file
/// The appeal clock: per appeal, the due date in force for each stage (sorted, fed back,
/// disposed) counted in working days on a WorkCalendar, paused time and extensions applied,
/// whether each stage was reached on time; escalation of overdue appeals up the tree; and
/// metrics per unit and period with a roll-up over each organisation's subtree. Every
/// definition is spelled out in docs/appeals.md.

#include <massline/core/calendar.hpp>
#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/period.hpp>
#include <massline/model/appeal.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline::policy {

/// Which organisation an appeal counts for in the metrics.
enum class MetricsUnit : std::uint8_t {
  Origin,  ///< the unit where it was registered (Appeal::origin)
  Handler  ///< the organisation handling it as of the evaluation date
};
constexpr std::array<std::string_view, 2> enum_names(MetricsUnit) { return {"origin", "handler"}; }

/// Where a stage's due date comes from.
enum class DueSource : std::uint8_t {
  None,    ///< no due date: neither the appeal's own nor a matching deadline rule
  Appeal,  ///< the appeal's own `due` (imported logs carry one) and its extensions
  Rule     ///< the first matching PolicySet deadline, counted from registration
};
constexpr std::array<std::string_view, 3> enum_names(DueSource) { return {"none", "appeal", "rule"}; }

/// How a stage stands against its due date as of the evaluation date.
enum class TimeStatus : std::uint8_t {
  OnTime,     ///< reached on or before the due date in force
  Late,       ///< reached after it, or not reached and the due date has passed
  Pending,    ///< not reached, due date not passed yet
  Dropped,    ///< the appeal was dropped before reaching the stage (no longer awaited)
  NoDeadline  ///< the stage has no due date
};
constexpr std::array<std::string_view, 5> enum_names(TimeStatus) {
  return {"on_time", "late", "pending", "dropped", "no_deadline"};
}

/// Options of the clock. Defaults are our choices (DOMAIN gives no numbers), documented in
/// docs/appeals.md.
struct AppealClockOptions {
  /// The stage the appeal's own `due` (and its extensions) applies to: disposed by default,
  /// as in hotline logs whose due date is the resolution due date.
  AppealStage own_due_stage = AppealStage::Disposed;
  /// Calendar days a closing must stand, without a reopening, before it counts as a verified
  /// resolution (0 = at once). Default 30.
  std::int64_t verification_window_days = 30;
  /// Which organisation an appeal counts for in appeal_metrics.
  MetricsUnit unit = MetricsUnit::Origin;
  /// When set, the days for which the calendar's holidays and make-up days are known: a working
  /// day count or deadline that reaches outside it throws instead of silently counting plain
  /// weekdays there.
  std::optional<Period> calendar_known;

  /// Throws InvalidArgument("appeals.options") for a stage other than sorted / fed_back /
  /// disposed or a window outside 0..36,500 days.
  void check() const;
};

/// The clock of one stage of one appeal.
struct StageClock {
  DueSource source = DueSource::None;
  std::int64_t rule = -1;             ///< index into PolicySet::deadlines when source is Rule, else -1
  std::optional<Date> original_due;   ///< the first due date: Appeal::due, or the rule's deadline
  std::optional<Date> due;            ///< in force: the last extension, then pushed by paused working days
  std::optional<Date> reached;        ///< first sorting / first feedback / the disposal in force
  TimeStatus status = TimeStatus::NoDeadline;
  friend bool operator==(const StageClock&, const StageClock&) = default;
};

/// The clock of one appeal as of a date: its history read up to and including that date.
struct AppealTiming {
  AppealId appeal{};
  OrgId origin{};
  OrgId handler{};                         ///< handling organisation as of the date
  Date registered{boost::gregorian::not_a_date_time};
  AppealStage stage = AppealStage::Registered;  ///< stage as of the date
  std::array<StageClock, 3> stages{};      ///< sorted, fed_back, disposed (stage_index())
  std::int64_t paused_working_days = 0;    ///< working days in all pauses up to the date (an open pause runs to it)
  std::optional<std::int64_t> days_to_feedback, working_days_to_feedback;  ///< registration -> first feedback
  std::optional<std::int64_t> days_to_disposal, working_days_to_disposal;  ///< registration -> disposal in force
  std::int64_t reopen_count = 0;
  bool ever_disposed = false;              ///< a disposal was recorded (even if reopened since)
  std::optional<Date> closed;              ///< the last closing, when the appeal is closed as of the date
  bool verified = false;                   ///< verified resolution (docs/appeals.md)

  /// Index into `stages` of sorted (0), fed_back (1) or disposed (2); -1 for other stages.
  [[nodiscard]] static constexpr int stage_index(AppealStage s) noexcept {
    return s == AppealStage::Sorted ? 0 : s == AppealStage::FedBack ? 1 : s == AppealStage::Disposed ? 2 : -1;
  }
  /// The stage at index @p i of `stages`.
  [[nodiscard]] static constexpr AppealStage stage_at(std::size_t i) noexcept {
    return i == 0 ? AppealStage::Sorted : i == 1 ? AppealStage::FedBack : AppealStage::Disposed;
  }
  [[nodiscard]] bool resolved() const noexcept { return stages[2].reached.has_value(); }
  [[nodiscard]] bool dropped() const noexcept { return stage == AppealStage::Dropped; }
  friend bool operator==(const AppealTiming&, const AppealTiming&) = default;
};

/// One awaited stage past its due date.
struct OverdueItem {
  AppealId appeal{};
  OrgId unit{};                     ///< the appeal's unit (AppealClockOptions::unit)
  AppealStage stage = AppealStage::Sorted;  ///< the stage awaited
  Date due{boost::gregorian::not_a_date_time};
  std::int64_t days_overdue = 0;          ///< calendar days from due to the evaluation date
  std::int64_t working_days_overdue = 0;  ///< working days in (due, date]
  friend bool operator==(const OverdueItem&, const OverdueItem&) = default;
};

/// The clock of @p appeal as of @p as_of (events dated after it are ignored). Its organisations
/// must be in @p registry (the handler's level selects deadline rules); the appeal itself need
/// not be. Throws InvalidArgument: "appeals.history" for a history the life cycle refuses
/// (located at the appeal and the event), "appeals.as_of" for not-a-date or a date before
/// registration, "appeals.calendar" outside AppealClockOptions::calendar_known, policy.* as
/// PolicySet::check, calendar.* from the calendar.
[[nodiscard]] AppealTiming appeal_clock(const Registry& registry, const Appeal& appeal, const PolicySet& policy,
                                        const WorkCalendar& calendar, Date as_of, const AppealClockOptions& options = {});

/// The clock of every appeal of @p registry registered on or before @p as_of, in id order.
/// Honours cancellation every few thousand appeals.
[[nodiscard]] std::vector<AppealTiming> appeal_clock(const Registry& registry, const PolicySet& policy,
                                                     const WorkCalendar& calendar, Date as_of,
                                                     const AppealClockOptions& options = {});

/// Every stage awaited past its due date as of @p as_of, over all appeals registered by then
/// that are not dropped; by appeal id, then stage.
[[nodiscard]] std::vector<OverdueItem> overdue_appeals(const Registry& registry, const PolicySet& policy,
                                                       const WorkCalendar& calendar, Date as_of,
                                                       const AppealClockOptions& options = {});

/// What escalate_overdue did to one appeal.
struct EscalationAction {
  AppealId appeal{};
  OrgId from{}, to{};
  AppealStage stage = AppealStage::Sorted;  ///< the overdue stage that caused it
  Date due{boost::gregorian::not_a_date_time};
  friend bool operator==(const EscalationAction&, const EscalationAction&) = default;
};

/// An overdue appeal escalate_overdue left alone, and why.
struct EscalationSkip {
  AppealId appeal{};
  AppealStage stage = AppealStage::Sorted;
  std::string reason;
  friend bool operator==(const EscalationSkip&, const EscalationSkip&) = default;
};

/// The result of escalate_overdue.
struct EscalationReport {
  Date as_of{boost::gregorian::not_a_date_time};
  std::vector<EscalationAction> escalated;
  std::vector<EscalationSkip> skipped;
};

/// Escalates, on @p as_of, every appeal in handling (sorted or fed back) whose earliest overdue
/// stage passed its due date while the current handler held it: records an `escalated` event to
/// the handler's parent through Registry::record. All or nothing: if any recording fails, the
/// appeals already changed are restored and the error propagates. Rules: docs/appeals.md,
/// "Escalation".
EscalationReport escalate_overdue(Registry& registry, const PolicySet& policy, const WorkCalendar& calendar,
                                  Date as_of, const AppealClockOptions& options = {});

/// "This level cannot solve it": records an `escalated` event on @p day sending appeal @p id to
/// its handler's parent, and returns that parent. Throws InvalidArgument("appeals.escalate") when
/// the handler has no parent, and as Registry::record otherwise (the appeal must be in handling).
OrgId escalate_appeal(Registry& registry, AppealId id, Date day, std::string note = {});

/// Distribution of a number of days over appeals. Quantiles interpolate linearly between order
/// statistics (pandas' and numpy's default); all unset when count is 0.
struct DayDistribution {
  std::int64_t count = 0;
  std::optional<double> mean, p50, p90;
  std::optional<std::int64_t> max;
  friend bool operator==(const DayDistribution&, const DayDistribution&) = default;
};

/// The figures of one organisation (its own appeals, or its subtree's in a roll-up); rates are
/// unset when their denominator is 0. Definitions: docs/appeals.md, "Metrics".
struct AppealUnitMetrics {
  OrgId unit{};
  std::int64_t registered = 0;
  std::int64_t fed_back = 0, fed_back_on_time = 0, fed_back_late = 0;
  std::int64_t disposed = 0, disposed_on_time = 0, disposed_late = 0;
  std::int64_t ever_disposed = 0, reopened = 0;
  std::int64_t closed = 0, verified = 0, dropped = 0, overdue = 0;
  DayDistribution days_to_feedback, days_to_disposal;

  [[nodiscard]] std::optional<double> fed_back_on_time_rate() const { return ratio(fed_back_on_time, fed_back_on_time + fed_back_late); }
  [[nodiscard]] std::optional<double> disposed_on_time_rate() const { return ratio(disposed_on_time, disposed_on_time + disposed_late); }
  [[nodiscard]] std::optional<double> resolved_rate() const { return ratio(disposed, registered); }
  [[nodiscard]] std::optional<double> closed_rate() const { return ratio(closed, registered); }
  [[nodiscard]] std::optional<double> verified_rate() const { return ratio(verified, registered); }
  [[nodiscard]] std::optional<double> reopen_rate() const { return ratio(reopened, ever_disposed); }
  friend bool operator==(const AppealUnitMetrics&, const AppealUnitMetrics&) = default;

 private:
  static std::optional<double> ratio(std::int64_t a, std::int64_t b) {
    if (b == 0) return std::nullopt;
    return static_cast<double>(a) / static_cast<double>(b);
  }
};

/// The result of appeal_metrics.
struct AppealMetricsReport {
  Period period = Period::year(2000);
  Date as_of{boost::gregorian::not_a_date_time};
  AppealClockOptions options;
  std::vector<AppealTiming> appeals;      ///< the appeals registered in the period, in id order
  std::vector<OrgId> appeal_units;        ///< the unit each of them counts for
  std::vector<AppealUnitMetrics> units;   ///< per live organisation, its own appeals, in id order
  std::vector<AppealUnitMetrics> rollup;  ///< per live organisation, its whole subtree, in id order
  std::vector<OverdueItem> overdue;       ///< overdue stages of the period's appeals
};

/// Metrics of the appeals registered in @p period, read as of @p as_of (default: the period's
/// last day; it may not be earlier). Throws InvalidArgument("appeals.as_of") for an as-of date
/// before the period's end, and as appeal_clock.
[[nodiscard]] AppealMetricsReport appeal_metrics(const Registry& registry, const PolicySet& policy,
                                                 const WorkCalendar& calendar, const Period& period,
                                                 std::optional<Date> as_of = std::nullopt,
                                                 const AppealClockOptions& options = {});

}  // namespace massline::policy
