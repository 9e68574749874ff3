#pragma once
/// @file
/// Satisfaction rates and mean 100-point scores with confidence intervals, per group
/// (target × period × item). Don't-know and missing answers are counted separately;
/// survey weights enter through Kish's effective sample size.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/core/period.hpp>
#include <massline/model/survey_response.hpp>
#include <massline/scoring/effective_sample_size.hpp>
#include <massline/scoring/mean_interval.hpp>
#include <massline/scoring/proportion_interval.hpp>
#include <massline/scoring/response_scale.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace massline::scoring {

/// How "don't know" enters the satisfaction rate. Missing answers never do.
enum class DontKnowPolicy : std::uint8_t {
  Exclude,             ///< left out of numerator and denominator (default)
  CountAsNotSatisfied, ///< kept in the denominator as not satisfied
};
/// "exclude", "not_satisfied".
constexpr std::array<std::string_view, 2> enum_names(DontKnowPolicy) { return {"exclude", "not_satisfied"}; }

/// Options of a rate computation.
struct RateOptions {
  IntervalMethod method = IntervalMethod::Wilson;  ///< interval for the rate
  double confidence = 0.95;                        ///< confidence level of both intervals
  bool clip = false;  ///< clip the rate interval to [0, 1] and the score interval to [0, 100]
  DontKnowPolicy dont_know = DontKnowPolicy::Exclude;
};

/// Rate and score of one group.
struct RateEstimate {
  std::size_t responses = 0;    ///< answers seen: valid + don't know + missing
  std::size_t missing = 0;      ///< no answer
  std::size_t dont_know = 0;    ///< explicit don't know
  std::size_t valid = 0;        ///< answers on the scale
  std::size_t denominator = 0;  ///< valid, plus don't know under CountAsNotSatisfied
  std::size_t satisfied = 0;    ///< unweighted count of satisfied answers
  double weight_total = 0.0;    ///< Σw over the denominator (InvalidArgument "weights.overflow" beyond the largest double)
  double effective_size = 0.0;  ///< Kish n_eff over the denominator (= denominator without weights)
  std::optional<double> rate;   ///< Σw·satisfied / Σw; none when the denominator is empty
  std::optional<Interval> rate_interval;
  MeanEstimate score;           ///< 100-point score over valid answers (don't know never scores)
};

/// Collects classified answers of one group.
class RateAccumulator {
 public:
  /// Adds an answer with its survey weight (positive, finite; checked for missing answers too).
  void add(const ClassifiedAnswer& answer, double weight = 1.0) {
    switch (answer.kind) {
      case AnswerKind::Missing:
        check_weight(weight);
        ++missing_;
        return;
      case AnswerKind::DontKnow:
        dont_know_.add(weight);
        return;
      case AnswerKind::Valid:
        valid_.add(weight);
        if (answer.satisfied) {
          ++satisfied_;
          satisfied_weight_.add(weight);
        }
        if (answer.score) score_.add(*answer.score, weight);
        return;
    }
  }

  /// The estimate under @p options.
  [[nodiscard]] RateEstimate estimate(const RateOptions& options = {}) const {
    check_level(options.confidence);
    RateEstimate out;
    out.missing = missing_;
    out.dont_know = dont_know_.count;
    out.valid = valid_.count;
    out.responses = missing_ + dont_know_.count + valid_.count;
    out.satisfied = satisfied_;
    WeightTotals den = valid_;
    if (options.dont_know == DontKnowPolicy::CountAsNotSatisfied) den.merge(dont_know_);
    out.denominator = den.count;
    out.weight_total = den.checked_total("weight");
    out.effective_size = den.effective_size();
    if (den.count > 0) {
      // Both sums in their own power-of-two units (WeightTotals::scale): the shift is exact
      // and a no-op for ordinary weights.
      const double satisfied_sum = satisfied_weight_.count == 0
                                       ? 0.0
                                       : std::ldexp(satisfied_weight_.sum, satisfied_weight_.scale - den.scale);
      const double rate = std::clamp(satisfied_sum / den.sum, 0.0, 1.0);
      out.rate = rate;
      // Equal weights: the plain binomial counts. Otherwise (rate·n_eff, n_eff).
      const double n = out.effective_size;
      const double x = den.uniform ? static_cast<double>(satisfied_) : std::clamp(rate * n, 0.0, n);
      out.rate_interval = proportion_interval(x, n, options.method, options.confidence, options.clip);
    }
    out.score = estimate_mean(score_, options.confidence);
    if (options.clip && out.score.interval) {
      out.score.interval->low = std::max(out.score.interval->low, 0.0);
      out.score.interval->high = std::min(out.score.interval->high, 100.0);
    }
    return out;
  }

 private:
  std::size_t missing_ = 0;
  std::size_t satisfied_ = 0;
  WeightTotals satisfied_weight_;
  WeightTotals valid_;
  WeightTotals dont_know_;
  MeanAccumulator score_;
};

/// Rates of many groups at once. @p codes are answers on @p scale (NaN = missing),
/// @p groups the group number 0..group_count-1 of each answer, @p weights one per answer or
/// empty for unit weights. Throws InvalidArgument("rates.shape") for mismatched lengths or a
/// group number out of range, and the scale's errors for codes not on the scale.
[[nodiscard]] inline std::vector<RateEstimate> grouped_rates(std::span<const double> codes,
                                                             std::span<const std::int64_t> groups,
                                                             std::size_t group_count,
                                                             std::span<const double> weights,
                                                             const ResponseScale& scale,
                                                             const RateOptions& options = {}) {
  require(groups.size() == codes.size(), "rates.shape",
          "codes and groups differ in length: " + std::to_string(codes.size()) + " vs " + std::to_string(groups.size()));
  require(weights.empty() || weights.size() == codes.size(), "rates.shape",
          "codes and weights differ in length: " + std::to_string(codes.size()) + " vs " + std::to_string(weights.size()));
  check_level(options.confidence);
  std::vector<RateAccumulator> acc(group_count);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::int64_t g = groups[i];
    require(g >= 0 && static_cast<std::uint64_t>(g) < group_count, "rates.shape",
            "group " + std::to_string(g) + " of answer " + std::to_string(i) + " is outside 0.." +
                std::to_string(group_count) + "-1");
    try {
      acc[static_cast<std::size_t>(g)].add(scale.classify(codes[i]), weights.empty() ? 1.0 : weights[i]);
    } catch (const InvalidArgument& e) {
      // Say which answer was bad: the scale alone cannot know.
      throw InvalidArgument(e.code(), e.summary(), Location::of("answer " + std::to_string(i)), e.why());
    }
  }
  std::vector<RateEstimate> out;
  out.reserve(group_count);
  for (std::size_t g = 0; g < acc.size(); ++g) {
    try {
      out.push_back(acc[g].estimate(options));
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(e.code(), e.summary(), Location::of("group " + std::to_string(g)), e.why());
    }
  }
  return out;
}

/// Rate of one item for one target in one period.
struct TargetPeriodRate {
  SurveyTarget target;
  Period period;
  RateEstimate estimate;
};

/// Rates of @p item per (target, period) from model SurveyResponses, ordered by target then
/// period. A response without the item counts as missing for its group. Each response is
/// checked (SurveyResponse::check) and its weight used.
[[nodiscard]] inline std::vector<TargetPeriodRate> rates_by_target_period(std::span<const SurveyResponse> responses,
                                                                          const ResponseScale& scale,
                                                                          std::string_view item,
                                                                          const RateOptions& options = {}) {
  check_level(options.confidence);
  using Key = std::tuple<std::size_t, std::uint32_t, Date, Date, PeriodKind>;
  struct Group {
    SurveyTarget target;
    Period period;
    RateAccumulator acc;
  };
  std::map<Key, Group> groups;
  for (const auto& response : responses) {
    response.check();
    const std::uint32_t id = std::visit([](auto t) { return t.value(); }, response.target);
    const Key key{response.target.index(), id, response.period.first(), response.period.last(), response.period.kind()};
    auto it = groups.find(key);
    if (it == groups.end()) it = groups.emplace(key, Group{response.target, response.period, {}}).first;
    const auto answer = std::find_if(response.items.begin(), response.items.end(),
                                     [&](const ItemScore& s) { return s.item == item; });
    it->second.acc.add(answer == response.items.end() ? ClassifiedAnswer{} : scale.classify(*answer), response.weight);
  }
  std::vector<TargetPeriodRate> out;
  out.reserve(groups.size());
  for (const auto& [key, g] : groups) {
    try {
      out.push_back({g.target, g.period, g.acc.estimate(options)});
    } catch (const InvalidArgument& e) {
      // Say which group: the accumulator alone cannot know ("weights.overflow").
      const std::string target = std::visit([](auto t) { return t.to_string(); }, g.target);
      throw InvalidArgument(e.code(), e.summary(), Location::of(target + " " + g.period.label(), "weight"), e.why());
    }
  }
  return out;
}

}  // namespace massline::scoring
