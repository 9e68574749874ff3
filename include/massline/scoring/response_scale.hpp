#pragma once
/// @file
/// Answer scales of satisfaction surveys: k-point Likert scales, continuous 0–100 ratings
/// and the three-level 满意 / 基本满意 / 不满意 scale. A scale says which codes are valid,
/// which mean "don't know", which count as satisfied and what 100-point score each is worth.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/model/survey_response.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massline::scoring {

/// What an answer is, before any policy about don't-know is applied.
enum class AnswerKind : std::uint8_t {
  Valid,     ///< a point of the scale
  DontKnow,  ///< an explicit "don't know" / "不了解"
  Missing,   ///< no answer (empty cell, NaN, skipped item)
};
/// "valid", "dont_know", "missing".
constexpr std::array<std::string_view, 3> enum_names(AnswerKind) { return {"valid", "dont_know", "missing"}; }

/// One answer after classification by a ResponseScale.
struct ClassifiedAnswer {
  AnswerKind kind = AnswerKind::Missing;
  std::optional<double> score;  ///< 100-point score; only for Valid answers
  bool satisfied = false;       ///< counts as satisfied; only Valid answers can be
  friend bool operator==(const ClassifiedAnswer&, const ClassifiedAnswer&) = default;
};

/// One point of a discrete scale.
struct ScaleCategory {
  double code = 0.0;   ///< the value stored in the data
  std::string label;   ///< e.g. "Very Satisfied" or "满意"
  double score = 0.0;  ///< 100-point score
  bool satisfied = false;
  friend bool operator==(const ScaleCategory&, const ScaleCategory&) = default;
};

/// Which answers of the three-level scale count as satisfied.
enum class ThreeLevelRule : std::uint8_t {
  SatisfiedOrBasic,  ///< 满意 and 基本满意
  SatisfiedOnly,     ///< 满意 only
};
/// "satisfied_or_basic", "satisfied_only".
constexpr std::array<std::string_view, 2> enum_names(ThreeLevelRule) { return {"satisfied_or_basic", "satisfied_only"}; }

/// An answer scale. Immutable value: the with_* members return a modified copy.
///
/// Defaults (each replaceable): scores are linear in the rank of the category, worst = 0,
/// best = 100 (continuous: linear in the value); the satisfied answers are the favourable
/// half, i.e. categories ranked strictly above the middle (5-point: top two; 7-point: top
/// three; 3-point: top one) and, for continuous scales, values strictly above the midpoint.
class ResponseScale {
 public:
  /// Discrete scale from its codes listed worst to best, with optional labels (default:
  /// the codes as text). Throws InvalidArgument("scale.invalid") for fewer than two
  /// categories, repeated or non-finite codes, or a label count that does not match.
  [[nodiscard]] static ResponseScale ordinal(std::vector<double> codes_worst_to_best,
                                             std::vector<std::string> labels = {}) {
    const std::size_t k = codes_worst_to_best.size();
    if (k < 2) fail("a discrete scale needs at least two categories, got " + std::to_string(k));
    if (!labels.empty() && labels.size() != k)
      fail(std::to_string(labels.size()) + " labels for " + std::to_string(k) + " categories");
    ResponseScale scale;
    scale.continuous_ = false;
    for (std::size_t r = 0; r < k; ++r) {
      const double code = codes_worst_to_best[r];
      if (!std::isfinite(code)) fail("category codes must be finite");
      for (std::size_t s = 0; s < r; ++s)
        if (codes_worst_to_best[s] == code) fail("category code " + format(code) + " appears twice");
      ScaleCategory c;
      c.code = code;
      c.label = labels.empty() ? format(code) : std::move(labels[r]);
      c.score = 100.0 * static_cast<double>(r) / static_cast<double>(k - 1);
      // Strictly above the middle rank (k-1)/2, i.e. 2r > k-1.
      c.satisfied = 2 * r > k - 1;
      scale.categories_.push_back(std::move(c));
    }
    scale.name_ = std::to_string(k) + "-point";
    return scale;
  }

  /// k-point Likert scale with codes first_code, first_code+1, …; by default higher codes
  /// are better (pass higher_is_better=false when 1 means best).
  [[nodiscard]] static ResponseScale likert(int points, double first_code = 1.0, bool higher_is_better = true) {
    if (points < 2) fail("a Likert scale needs at least 2 points, got " + std::to_string(points));
    std::vector<double> codes;
    for (int i = 0; i < points; ++i) codes.push_back(first_code + i);
    if (!higher_is_better) std::reverse(codes.begin(), codes.end());
    return ordinal(std::move(codes));
  }

  /// Continuous rating in [low, high] (e.g. 0–100, or a slider 0–10).
  [[nodiscard]] static ResponseScale continuous(double low, double high) {
    if (!(std::isfinite(low) && std::isfinite(high) && low < high))
      fail("continuous scale needs finite low < high, got [" + format(low) + ", " + format(high) + "]");
    ResponseScale scale;
    scale.continuous_ = true;
    scale.low_ = low;
    scale.high_ = high;
    scale.threshold_ = (low + high) / 2.0;
    scale.inclusive_ = false;
    scale.name_ = "continuous " + format(low) + "-" + format(high);
    return scale;
  }

  /// The 0–100 rating scale.
  [[nodiscard]] static ResponseScale percent() { return continuous(0.0, 100.0); }

  /// 不满意 (code 1), 基本满意 (2), 满意 (3); satisfied per @p rule; linear scores 0, 50, 100
  /// (use with_scores for another table, e.g. {0, 60, 100}).
  [[nodiscard]] static ResponseScale three_level(ThreeLevelRule rule = ThreeLevelRule::SatisfiedOrBasic) {
    ResponseScale scale = ordinal({1.0, 2.0, 3.0}, {"不满意", "基本满意", "满意"});
    scale.categories_[1].satisfied = rule == ThreeLevelRule::SatisfiedOrBasic;
    scale.categories_[2].satisfied = true;
    scale.name_ = "three-level";
    return scale;
  }

  /// Satisfied = the best @p boxes categories (top-2-box: boxes = 2). Discrete scales only.
  [[nodiscard]] ResponseScale with_top_box(std::size_t boxes) const {
    require_discrete("with_top_box");
    if (boxes < 1 || boxes > categories_.size())
      fail("top-box count must be 1.." + std::to_string(categories_.size()) + ", got " + std::to_string(boxes));
    ResponseScale copy = *this;
    for (std::size_t r = 0; r < categories_.size(); ++r) copy.categories_[r].satisfied = r + boxes >= categories_.size();
    return copy;
  }

  /// Satisfied = exactly the categories with these codes (each must be a category).
  [[nodiscard]] ResponseScale with_satisfied_codes(const std::vector<double>& codes) const {
    require_discrete("with_satisfied_codes");
    ResponseScale copy = *this;
    for (auto& c : copy.categories_) c.satisfied = false;
    for (double code : codes) copy.categories_[index_of(code)].satisfied = true;
    return copy;
  }

  /// Continuous scales: satisfied when value >= @p threshold (or > with inclusive=false).
  [[nodiscard]] ResponseScale with_threshold(double threshold, bool inclusive = true) const {
    if (!continuous_) fail("with_threshold applies to continuous scales; use with_top_box or with_satisfied_codes");
    if (!(std::isfinite(threshold) && threshold >= low_ && threshold <= high_))
      fail("threshold " + format(threshold) + " lies outside the scale [" + format(low_) + ", " + format(high_) + "]");
    ResponseScale copy = *this;
    copy.threshold_ = threshold;
    copy.inclusive_ = inclusive;
    return copy;
  }

  /// Explicit 100-point scores, one per category listed worst to best, each in [0, 100].
  [[nodiscard]] ResponseScale with_scores(const std::vector<double>& scores) const {
    require_discrete("with_scores");
    if (scores.size() != categories_.size())
      fail(std::to_string(scores.size()) + " scores for " + std::to_string(categories_.size()) + " categories");
    ResponseScale copy = *this;
    for (std::size_t r = 0; r < scores.size(); ++r) {
      if (!(std::isfinite(scores[r]) && scores[r] >= 0.0 && scores[r] <= 100.0))
        fail("scores must lie in [0, 100], got " + format(scores[r]));
      copy.categories_[r].score = scores[r];
    }
    return copy;
  }

  /// Adds a "don't know" code (e.g. 9) with its label. The code must not be a point of the
  /// scale (continuous: must lie outside [low, high]) nor repeat another don't-know code.
  [[nodiscard]] ResponseScale with_dont_know(double code, std::string label = "don't know") const {
    if (!std::isfinite(code)) fail("don't-know code must be finite");
    if (continuous_ ? (code >= low_ && code <= high_) : find(code).has_value())
      fail("don't-know code " + format(code) + " is also a valid answer of the scale");
    for (const auto& dk : dont_know_)
      if (dk.first == code) fail("don't-know code " + format(code) + " given twice");
    ResponseScale copy = *this;
    copy.dont_know_.emplace_back(code, std::move(label));
    return copy;
  }

  /// Same scale under another display name.
  [[nodiscard]] ResponseScale with_name(std::string name) const {
    ResponseScale copy = *this;
    copy.name_ = std::move(name);
    return copy;
  }

  /// Classifies a stored code: NaN is Missing, a don't-know code is DontKnow, a point of the
  /// scale is Valid. Any other value throws InvalidArgument("scale.unknown_code").
  [[nodiscard]] ClassifiedAnswer classify(double code) const {
    if (std::isnan(code)) return {};
    for (const auto& dk : dont_know_)
      if (dk.first == code) return {AnswerKind::DontKnow, std::nullopt, false};
    if (continuous_) {
      if (!(code >= low_ && code <= high_)) unknown(format(code));
      const bool sat = inclusive_ ? code >= threshold_ : code > threshold_;
      return {AnswerKind::Valid, 100.0 * (code - low_) / (high_ - low_), sat};
    }
    const auto r = find(code);
    if (!r) unknown(format(code));
    return {AnswerKind::Valid, categories_[*r].score, categories_[*r].satisfied};
  }

  /// Classifies an optional code: none is Missing.
  [[nodiscard]] ClassifiedAnswer classify(std::optional<double> code) const {
    return code ? classify(*code) : ClassifiedAnswer{};
  }

  /// Classifies a model ItemScore: its dont_know flag wins, then its score as a code.
  [[nodiscard]] ClassifiedAnswer classify(const ItemScore& answer) const {
    if (answer.dont_know) return {AnswerKind::DontKnow, std::nullopt, false};
    return classify(answer.score);
  }

  /// Classifies a label ("满意", "don't know"); the empty string is Missing. Unknown labels
  /// throw InvalidArgument("scale.unknown_code"). Discrete scales and don't-know labels only.
  [[nodiscard]] ClassifiedAnswer classify_label(std::string_view label) const {
    if (label.empty()) return {};
    for (const auto& dk : dont_know_)
      if (dk.second == label) return {AnswerKind::DontKnow, std::nullopt, false};
    for (const auto& c : categories_)
      if (c.label == label) return {AnswerKind::Valid, c.score, c.satisfied};
    unknown("'" + std::string(label) + "'");
  }

  [[nodiscard]] bool is_continuous() const noexcept { return continuous_; }
  /// Categories worst to best (empty for continuous scales).
  [[nodiscard]] const std::vector<ScaleCategory>& categories() const noexcept { return categories_; }
  /// (code, label) of every don't-know answer.
  [[nodiscard]] const std::vector<std::pair<double, std::string>>& dont_know_codes() const noexcept { return dont_know_; }
  /// Continuous range (meaningless for discrete scales).
  [[nodiscard]] double low() const noexcept { return low_; }
  [[nodiscard]] double high() const noexcept { return high_; }
  /// Continuous satisfaction threshold and whether it is inclusive.
  [[nodiscard]] double threshold() const noexcept { return threshold_; }
  [[nodiscard]] bool threshold_inclusive() const noexcept { return inclusive_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

  friend bool operator==(const ResponseScale&, const ResponseScale&) = default;

 private:
  ResponseScale() = default;

  [[noreturn]] static void fail(const std::string& why) {
    throw InvalidArgument("scale.invalid", "invalid response scale", Location::of("response scale"), why);
  }
  [[noreturn]] void unknown(const std::string& value) const {
    std::string valid;
    if (continuous_) {
      valid = "[" + format(low_) + ", " + format(high_) + "]";
    } else {
      for (const auto& c : categories_) valid += (valid.empty() ? "" : ", ") + format(c.code) + " (" + c.label + ")";
    }
    for (const auto& dk : dont_know_) valid += ", don't know " + format(dk.first) + " (" + dk.second + ")";
    throw InvalidArgument("scale.unknown_code", "answer " + value + " is not on the scale",
                          Location::of("response scale " + name_), "valid answers: " + valid);
  }
  void require_discrete(const char* what) const {
    if (continuous_) fail(std::string(what) + " applies to discrete scales only");
  }
  [[nodiscard]] std::optional<std::size_t> find(double code) const {
    for (std::size_t r = 0; r < categories_.size(); ++r)
      if (categories_[r].code == code) return r;
    return std::nullopt;
  }
  [[nodiscard]] std::size_t index_of(double code) const {
    const auto r = find(code);
    if (!r) unknown(format(code));
    return *r;
  }
  /// Integers without a decimal point, other values with up to 6 significant digits.
  [[nodiscard]] static std::string format(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
      return std::to_string(static_cast<long long>(value));
    std::string text(32, '\0');
    const int n = std::snprintf(text.data(), text.size(), "%g", value);
    text.resize(static_cast<std::size_t>(std::max(n, 0)));
    return text;
  }

  std::string name_;
  bool continuous_ = false;
  double low_ = 0.0;
  double high_ = 0.0;
  double threshold_ = 0.0;
  bool inclusive_ = false;
  std::vector<ScaleCategory> categories_;
  std::vector<std::pair<double, std::string>> dont_know_;
};

}  // namespace massline::scoring
