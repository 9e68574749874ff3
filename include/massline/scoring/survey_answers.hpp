#pragma once
/// @file
/// The bridge from the model to the roll-up engine: a Registry's SurveyResponses as roll-up
/// answers (the long layout of rollup.hpp), classified by a ResponseScale and placed on the
/// units of a UnitTree built from the same registry.

#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/scoring/rates.hpp>
#include <massline/scoring/response_scale.hpp>
#include <massline/scoring/rollup.hpp>
#include <massline/model/unit_tree.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// Which unit an answer counts for.
enum class AnswerUnit : std::uint8_t {
  Respondent,  ///< the respondent household's level-4 unit: satisfaction where people live
  Target,      ///< the rated unit; a rated member counts for their home organisation
};
/// "respondent", "target".
constexpr std::array<std::string_view, 2> enum_names(AnswerUnit) { return {"respondent", "target"}; }

/// How survey_answers() reads the registry.
struct SurveyAnswerOptions {
  AnswerUnit unit = AnswerUnit::Respondent;
  DontKnowPolicy dont_know = DontKnowPolicy::Exclude;
  /// Items to take, in this order (item index = position). Empty: every item answered in any
  /// response, sorted by name.
  std::vector<std::string> items;
};

/// Roll-up answers owned in columns; columns() is the view Rollup::run() takes.
struct SurveyAnswers {
  std::vector<UnitIndex> unit;             ///< unit index in the tree
  std::vector<std::uint32_t> item;         ///< index into item_names
  std::vector<std::uint8_t> satisfied;     ///< 1 satisfied, 0 not
  std::vector<double> weight;              ///< the response's survey weight
  std::vector<std::uint32_t> period;       ///< index into periods
  /// The scale's 100-point score of each answer. Empty when don't-know answers are kept as not
  /// satisfied (they have no score, and the mean score would mix two denominators).
  std::vector<double> score;
  std::vector<SurveyResponseId> response;  ///< where each answer came from
  std::vector<std::string> item_names;     ///< item index -> name
  std::vector<Period> periods;             ///< period index -> period, ordered by first day, last day, kind
  std::size_t dont_know = 0;               ///< don't-know answers left out (policy Exclude)
  std::size_t missing = 0;                 ///< requested items not answered, left out

  /// The long-layout view of these columns (valid while this object lives unchanged).
  [[nodiscard]] AnswerColumns columns() const;
};

/// Every SurveyResponse of @p registry as one roll-up answer per (response, item), in
/// response id order then item order. Don't-know answers follow @p options.dont_know; missing
/// answers and items outside options.items are left out.
///
/// @p tree must come from UnitTree::from_registry of this registry (StateError
/// "unit_tree.no_org_ids" otherwise). An answer whose unit is not in the tree (the registry
/// changed since) raises NotFound "survey_answers.unknown_unit" naming the response; an
/// empty or repeated name in options.items raises InvalidArgument "survey_answers.items".
[[nodiscard]] SurveyAnswers survey_answers(const Registry& registry, const UnitTree& tree, const ResponseScale& scale,
                                           const SurveyAnswerOptions& options = {});

}  // namespace massline::scoring
