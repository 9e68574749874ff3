#pragma once
// The red/black list rule from the keyword arguments every list-drawing binding takes (red,
// black, red_at_least, black_below, use_bounds, min_sample): counts or thresholds, never both.
#include <massline/core/error.hpp>
#include <massline/scoring/ranking.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace massline::python {

inline scoring::ListRule list_rule_from(std::optional<std::size_t> red, std::optional<std::size_t> black,
                                        std::optional<double> red_at_least, std::optional<double> black_below,
                                        bool use_bounds, std::uint64_t min_sample) {
  const bool counts = red || black;
  const bool thresholds = red_at_least || black_below;
  require(counts != thresholds, "lists.rule", "give either counts (red, black) or thresholds "
          "(red_at_least, black_below), not both or neither", Location::of("list rule"));
  return counts ? scoring::ListRule::counts(red.value_or(0), black.value_or(0), use_bounds, min_sample)
                : scoring::ListRule::thresholds(red_at_least, black_below, use_bounds, min_sample);
}

}  // namespace massline::python
