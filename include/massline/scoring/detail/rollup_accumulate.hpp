#pragma once
/// @file
/// The accumulation pass of Rollup::run: every response row read once, in input order, into the
/// own-cell sums of its unit. One loop serves both input layouts (the long AnswerColumns and the
/// wide ResponseMatrix); it is split over workers by unit range (rollup_workers.hpp).

#include <massline/model/unit_tree.hpp>
#include <massline/scoring/detail/rollup_sums.hpp>
#include <massline/scoring/rollup.hpp>

#include <span>

namespace massline::scoring::detail {

/// Own-cell sums of the answers in the long layout for a tree of @p units units, accumulated by
/// @p workers threads. The caller has checked that the columns have equal lengths. Throws
/// InvalidArgument "rollup.dimensions" (no item, no period, too many cells) and, located at the
/// first bad row, "rollup.unit_out_of_range", "rollup.item_out_of_range",
/// "rollup.period_out_of_range", "rollup.satisfied", "rollup.weight", "rollup.score".
/// With @p rescale.weight e != 0 each weight is multiplied by 2^-e (exact but for weights
/// negligible next to the largest) before it is summed, and with @p rescale.score k != 0 each
/// score by 2^-k; the checks see the values as given.
[[nodiscard]] RollupSums accumulate(const AnswerColumns& data, UnitIndex units, unsigned workers,
                                    RollupRescale rescale = {});

/// Own-cell sums of the responses in the wide layout; as the long layout (without the item
/// check: every response answers items 0..items-1 or leaves them negative).
[[nodiscard]] RollupSums accumulate(const ResponseMatrix& data, UnitIndex units, unsigned workers,
                                    RollupRescale rescale = {});

/// The binary exponent e to pass to accumulate() so that the largest of @p weights becomes
/// 2^400 (leaving room below for the smallest: squares down to 2^-1000 stay normal).
[[nodiscard]] int rescale_exponent(std::span<const double> weights) noexcept;

/// The binary exponent k to pass to accumulate() so that the largest finite |score| of
/// @p scores is at most 2^400 (0 when it already is): a product with a rescaled weight and a
/// sum of up to 2^200 such products stay finite.
[[nodiscard]] int score_rescale_exponent(std::span<const double> scores) noexcept;

}  // namespace massline::scoring::detail
