#pragma once
/// @file
/// The appraisal of a period (docs/report.md): satisfaction by unit with intervals from the
/// registry's survey responses, the units under the policy's satisfaction threshold, the red and
/// black lists, coverage and must-visit gaps, overdue appeals and a compliance summary, each
/// computed by the engine of its layer (scoring, network, policy). The report writers of
/// <massline/io/appraisal_report.hpp> turn it into HTML, JSON or text.

#include <massline/core/calendar.hpp>
#include <massline/core/date.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/appeal.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>
#include <massline/scoring/accountability.hpp>
#include <massline/scoring/ranking.hpp>
#include <massline/scoring/response_scale.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace massline::io {

/// How appraise() reads the registry. The threshold is never here: it is the PolicySet's
/// satisfaction_threshold.
struct AppraisalOptions {
  /// Items to score, in this order. Empty: every item answered in the period, by name.
  std::vector<std::string> items{};
  /// The scale of the stored answers (default 不满意 1 / 基本满意 2 / 满意 3).
  scoring::ResponseScale scale = scoring::ResponseScale::three_level();
  /// Confidence of the Wilson intervals, in (0, 1).
  double confidence = 0.95;
  /// What must lie below the threshold for a unit to be listed: the rate or its upper bound.
  scoring::AccountabilityBasis basis = scoring::AccountabilityBasis::Estimate;
  /// Units with fewer answers are neither judged nor listed (at least 1).
  std::uint64_t min_sample = 1;
  /// Organisation level whose units the red and black lists rank (1 county … 4 grid).
  int list_level = 3;
  std::size_t red_count = 3;    ///< size of the red (honour) list per item; ties at the cut all listed
  std::size_t black_count = 3;  ///< size of the black list per item
  /// The day appeals are judged overdue on; default the period's last day.
  std::optional<Date> as_of{};
  /// Working days for the appeal clock (default Saturday and Sunday off, no holidays).
  WorkCalendar calendar{};

  /// Throws InvalidArgument("appraisal.options") located at the bad field: confidence outside
  /// (0, 1), min_sample 0, list_level outside 1..4, an empty or repeated item, an as_of that is
  /// not a date.
  void check() const;
};

/// Satisfaction of one unit for one item over the period (all answers of its subtree).
struct UnitSatisfaction {
  OrgId unit{};
  std::string code{};                 ///< the organisation's code
  std::string name{};                 ///< the organisation's name
  int level = 0;                      ///< 1 county … 4 grid
  OrgId parent{};                     ///< parent organisation (equal to unit for a root)
  std::string item{};
  std::uint64_t n = 0;                ///< answers
  double n_eff = 0.0;                 ///< Kish effective sample size
  double rate = 0.0;                  ///< satisfied share
  double low = 0.0;                   ///< Wilson interval, lower bound
  double high = 0.0;                  ///< upper bound
  std::optional<double> mean_score{}; ///< mean 100-point score of the answers
  scoring::Verdict verdict = scoring::Verdict::Clear;  ///< the accountability rule on this row
};

/// A unit on the red or black list.
struct ListedUnit {
  scoring::ListMark list = scoring::ListMark::None;  ///< Red or Black
  std::uint32_t rank = 0;   ///< rank by rate within the level, 1 = best
  OrgId unit{};
  std::string code{};
  std::string name{};
  std::string item{};
  std::uint64_t n = 0;
  double rate = 0.0, low = 0.0, high = 0.0;
};

/// Network coverage of one level-4 unit: households with a responsible member (an active
/// assistance or contact-household pairing on the as-of day; network::coverage).
struct UnitCoverage {
  OrgId unit{};
  std::string code{};
  std::string name{};
  std::size_t households = 0;
  std::size_t covered = 0;
};

/// A household in scope of a visiting coverage rule that was short of visits in the period
/// (a `short` household row of policy::check_compliance).
struct MustVisitGap {
  HouseholdId household{};
  std::string household_code{};
  OrgId unit{};
  std::string unit_name{};
  std::string rule{};           ///< the coverage rule's name
  std::int64_t required = 0;    ///< contacts needed
  std::int64_t actual = 0;      ///< contacts counted
};

/// A stage of an appeal awaited past its due date on the as-of day (policy::overdue_appeals).
struct OverdueAppeal {
  AppealId appeal{};
  std::string code{};           ///< the appeal's external code (may be empty)
  OrgId unit{};                 ///< where it was registered
  std::string unit_name{};
  AppealStage stage = AppealStage::Sorted;  ///< the stage awaited
  Date due{boost::gregorian::not_a_date_time};
  std::int64_t days_overdue = 0;
  std::int64_t working_days_overdue = 0;
};

/// Compliance of one organisation's subtree (policy::rollup_compliance).
struct UnitCompliance {
  OrgId unit{};
  std::string code{};
  std::string name{};
  int level = 0;
  std::int64_t subjects = 0;            ///< members, organisations and households with an evaluated row
  std::int64_t compliant = 0;           ///< of those, subjects all of whose rows are met
  std::int64_t rows_short = 0;
  std::int64_t rows_over = 0;
  double share_compliant = 1.0;         ///< compliant / subjects (1 when there is none)
};

/// Everything the report shows, computed by appraise().
struct Appraisal {
  Period period = Period::year(2000);
  Date as_of{boost::gregorian::not_a_date_time};  ///< day appeals and pairings are taken on
  std::string policy_name{};
  double threshold = 0.0;              ///< the policy's satisfaction threshold
  std::string threshold_source{};      ///< where the policy says it comes from
  double confidence = 0.0;             ///< of the intervals
  scoring::AccountabilityBasis basis = scoring::AccountabilityBasis::Estimate;
  std::uint64_t min_sample = 1;
  std::string scale{};                 ///< the response scale's name

  /// True when the registry has survey responses in the period; false: the satisfaction part
  /// (satisfaction, under_threshold, red, black) is empty and the report says so.
  bool has_responses = false;
  std::size_t responses = 0;           ///< survey responses in the period
  std::size_t answers = 0;             ///< answers scored (after don't-know and missing ones)
  std::size_t dont_know = 0;           ///< don't-know answers left out
  std::vector<std::string> items{};    ///< the items scored
  std::vector<UnitSatisfaction> satisfaction{};     ///< units with answers, by unit id then item
  std::vector<UnitSatisfaction> under_threshold{};  ///< the rows the rule flagged, worst rate first
  int list_level = 3;
  std::vector<ListedUnit> red{};       ///< per item in item order, best first
  std::vector<ListedUnit> black{};     ///< per item in item order, worst first

  std::size_t households = 0;          ///< all households
  std::size_t covered_households = 0;  ///< with a responsible member
  std::vector<UnitCoverage> coverage{};  ///< level-4 units, by id
  /// Categories of the policy's visiting coverage rules that name categories (must-visit).
  std::vector<std::string> must_visit_categories{};
  std::size_t must_visit_households = 0;  ///< households with any of them
  std::size_t must_visit_covered = 0;     ///< of those, with a responsible member
  std::vector<HouseholdId> must_visit_unpaired{};  ///< the others, by id
  std::vector<MustVisitGap> must_visit_gaps{};      ///< short of visits in the period, by rule then household

  std::vector<OverdueAppeal> overdue{};  ///< by appeal id, then stage

  std::vector<UnitCompliance> compliance{};  ///< every organisation, by id
  std::int64_t compliance_subjects = 0;      ///< subjects with an evaluated row, whole registry
  std::int64_t compliance_compliant = 0;     ///< of those, compliant
};

/// The appraisal of @p period: @p policy is checked first (InvalidArgument "policy.*"), then the
/// options ("appraisal.options"); an as_of before the period's first day is InvalidArgument
/// "appraisal.as_of". Survey responses whose period lies within @p period are pooled (answers
/// counted on the respondent household's unit and rolled up the tree); with none, the
/// appraisal is flagged (has_responses false) and the other parts are still computed. A
/// requested item that no response of the period answers is InvalidArgument "appraisal.item";
/// an answer off the scale raises as scoring::survey_answers. Honours cancellation.
[[nodiscard]] Appraisal appraise(const Registry& registry, const policy::PolicySet& policy, const Period& period,
                                 const AppraisalOptions& options = {});

}  // namespace massline::io
