#pragma once
/// @file
/// Running a scenario: replications of the day-by-day, event-driven engine of
/// docs/simulation.md in parallel, with results as a tidy table (replication x unit x period x
/// metric). Results for a given (seed, replication) are bit-identical whatever the thread count:
/// each replication runs on one thread from streams derived from (seed, replication).

#include <massline/core/enum_names.hpp>
#include <massline/sim/scenario.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace massline::sim {

/// What a result row measures (docs/simulation.md, "Results").
enum class Metric : std::uint8_t {
  Satisfaction,       ///< mean satisfaction of the unit's households at the end of the period
  Households,         ///< households of the unit
  Visits,             ///< visits made to the unit's households in the period
  HouseholdsVisited,  ///< distinct households visited at least once in the period
  Coverage,           ///< households_visited / households
  MustVisitCoverage,  ///< must-visit households visited in the period / must-visit households (NaN without any)
  AppealsRaised,      ///< appeals raised in the period
  AppealsResolved,    ///< appeals resolved in the period
  AppealsDropped,     ///< appeals dropped in the period (failed at the top of the tree)
  AppealsPending,     ///< appeals open at the end of the period (a stock)
  Overdue,            ///< deadlines passed in the period (one appeal may pass several, one per level)
  Escalations,        ///< appeals sent up a level in the period (deadline passed or the level could not solve it)
  ResolutionDays,     ///< mean days from raising to resolution of the appeals resolved in the period (NaN without any)
  SurveyRespondents,  ///< year-end survey (period "all" only; NaN in months): households that answered
  SurveySatisfied,    ///< share of respondents answering satisfied (NaN without respondents)
  SurveyLow,          ///< lower bound of its 95 % Wilson interval
  SurveyHigh,         ///< upper bound
  Accountable,        ///< 1 when the share is below the policy's satisfaction threshold, 0 when not, NaN without respondents
  SurveyRank,         ///< rank of the unit's share among the units (1 = best, ties share a rank; NaN without respondents)
  ListMark            ///< 1 on the red list, -1 on the black list, 0 on neither
};
constexpr std::array<std::string_view, 20> enum_names(Metric) {
  return {"satisfaction", "households", "visits", "households_visited", "coverage", "must_visit_coverage",
          "appeals_raised", "appeals_resolved", "appeals_dropped", "appeals_pending", "overdue", "escalations",
          "resolution_days", "survey_respondents", "survey_satisfied", "survey_low", "survey_high", "accountable",
          "survey_rank", "list_mark"};
}

/// The values a metric can take, [low, high]; high may be +infinity.
struct MetricRange {
  double low = 0.0;
  double high = 0.0;
};

/// The range of @p metric: shares, their bounds and the accountable flag in [0, 1]; counts and
/// days from 0; the rank from 1; the list mark in [-1, 1]. A mean across replications lies in
/// it too, so an interval of that mean is clipped to it (with few replications a Student-t
/// interval alone reaches below 0 or above 1).
[[nodiscard]] MetricRange metric_range(Metric metric) noexcept;

/// How an appeal ended.
enum class AppealOutcome : std::uint8_t { Pending, Resolved, Dropped };
constexpr std::array<std::string_view, 3> enum_names(AppealOutcome) { return {"pending", "resolved", "dropped"}; }

/// One appeal's life, recorded when RunOptions::trace_appeals is set.
struct AppealTrace {
  std::uint32_t replication = 0;
  std::uint32_t household = 0;     ///< HouseholdId value
  std::int32_t raised = 0;         ///< day index
  std::int32_t closed = -1;        ///< day resolved or dropped; -1 while pending at the end
  AppealOutcome outcome = AppealOutcome::Pending;
  std::uint8_t level = 4;          ///< level of the last handler
  std::uint8_t escalations = 0;    ///< times sent up
  bool by_visit = false;           ///< voiced at a visit (else another channel)
};

/// How to run.
struct RunOptions {
  std::size_t replications = 1;  ///< 1 .. 10^6 (every replication's rows are kept in memory)
  std::uint64_t seed = 0;        ///< root of every stream
  /// Number of the first replication: the run makes replications first_replication ..
  /// first_replication + replications - 1, each exactly as in a run from 0 (a batch of a larger run).
  std::uint32_t first_replication = 0;
  std::size_t threads = 0;       ///< worker threads; 0 = std::thread::hardware_concurrency()
  /// Called after each finished replication with (finished, total), from the worker threads
  /// one call at a time; it must not throw.
  std::function<void(std::size_t, std::size_t)> progress;
  bool check_conservation = false;  ///< check raised = resolved + pending + dropped every day (throws StateError)
  bool trace_appeals = false;       ///< record every appeal (Results::appeals)
};

/// The tidy result table, one row per (replication, unit, period, metric), as columns; rows are
/// ordered by replication, period, unit, metric.
struct Results {
  std::vector<std::uint32_t> replication;
  std::vector<std::uint32_t> unit;    ///< OrgId value of the reported unit
  std::vector<std::uint16_t> period;  ///< index into period_labels
  std::vector<Metric> metric;
  std::vector<double> value;
  std::vector<std::string> period_labels;  ///< "YYYY-MM" per month, then "all" (the whole run)
  std::vector<AppealTrace> appeals;        ///< with trace_appeals, by replication then appeal order
  [[nodiscard]] std::size_t size() const noexcept { return value.size(); }
};

/// Runs @p options.replications replications of @p scenario. Throws InvalidArgument
/// "sim.run_options" for 0 or more than 10^6 replications, Cancelled when the calling thread's
/// cancellation flag is set (the workers inherit it), StateError "sim.conservation" when the
/// check is on and fails (a bug).
[[nodiscard]] Results run(const Scenario& scenario, const RunOptions& options);

}  // namespace massline::sim
