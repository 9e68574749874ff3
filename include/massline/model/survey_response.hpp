#pragma once
/// @file
/// One household's answers in a satisfaction survey about a member or a unit for a period.

#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace massline {

/// Answer to one item. A missing answer (no score, not don't-know) and "don't know" are kept
/// apart because scoring treats them differently.
struct ItemScore {
  std::string item;               ///< item name, e.g. "overall" or "q3_1"
  std::optional<double> score;    ///< on the survey's scale; none when missing or don't know
  bool dont_know = false;
  friend bool operator==(const ItemScore&, const ItemScore&) = default;
};

/// Who is being rated.
using SurveyTarget = std::variant<MemberId, OrgId>;

/// A survey response.
struct SurveyResponse {
  SurveyResponseId id{};
  HouseholdId respondent{};
  SurveyTarget target = OrgId{};
  Period period = Period::year(2000);
  std::vector<ItemScore> items;
  double weight = 1.0;  ///< survey weight, positive

  /// Throws InvalidArgument for a weight that is not positive and finite, an item score that is
  /// not finite (NaN or ±inf: a missing answer has no score), a repeated item or a don't-know
  /// with a score.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.survey_response", "invalid survey response", Location::of(id.to_string(), field), why);
    };
    if (!(weight > 0.0 && std::isfinite(weight))) fail("weight", "the weight must be positive and finite");
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].item.empty()) fail("items", "item " + std::to_string(i) + " has no name");
      if (items[i].score && !std::isfinite(*items[i].score))
        fail("items", "item '" + items[i].item + "' has a score that is not finite (" + std::to_string(*items[i].score) + ")");
      if (items[i].dont_know && items[i].score) fail("items", "item '" + items[i].item + "' is both scored and don't-know");
      for (std::size_t j = i + 1; j < items.size(); ++j)
        if (items[i].item == items[j].item) fail("items", "item '" + items[i].item + "' answered twice");
    }
  }
  friend bool operator==(const SurveyResponse&, const SurveyResponse&) = default;
};

}  // namespace massline
