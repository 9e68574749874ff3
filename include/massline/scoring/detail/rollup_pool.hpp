#pragma once
/// @file
/// The pooling step of Rollup::run: own-cell sums become estimator totals, are added up the
/// unit tree in one bottom-up pass, and give each cell its estimates (rate, Kish n_eff, Wilson
/// interval, mean score). Formulas: docs/rollup.md, "Estimates".

#include <massline/model/unit_tree.hpp>
#include <massline/scoring/detail/rollup_sums.hpp>
#include <massline/scoring/rollup.hpp>

#include <cstdint>
#include <vector>

namespace massline::scoring::detail {

/// Per-cell totals and estimates over each unit's subtree: the arrays of a RollupResult. Cells
/// without answers have n = 0 and NaN in the estimate arrays (rate, n_eff, low, high, mean_score).
struct RollupCells {
  std::vector<std::uint64_t> n;              ///< answers
  std::vector<std::uint64_t> satisfied;      ///< satisfied answers (unweighted)
  std::vector<double> weight;                ///< estimator weight total W
  std::vector<double> weighted_satisfied;    ///< its satisfied part S
  std::vector<double> rate;                  ///< S / W
  std::vector<double> n_eff;                 ///< W² / W₂
  std::vector<double> low;                   ///< Wilson lower bound
  std::vector<double> high;                  ///< Wilson upper bound
  std::vector<double> mean_score;            ///< X / W; empty without scores
  /// Some sum left the range where it is exact enough (Σw or Σw² overflowed, Σw² fell below
  /// 2^-1000, a score sum overflowed): the estimates of some cells are wrong. The caller
  /// accumulates again with rescaled weights (or throws "rollup.overflow").
  bool out_of_range = false;
};

/// Pools @p sums (of a run on @p tree) up the tree by @p by and derives the estimates, the
/// Wilson interval at critical value @p z; the per-cell estimates are split over @p workers
/// threads. Throws InvalidArgument "rollup.no_unit_size" when household weighting meets a unit
/// with answers but no positive size. When @p sums were accumulated with a weight exponent
/// e != 0, W and S are scaled back by 2^e (response weighting), and a W that is not a finite
/// double then throws InvalidArgument "rollup.overflow" located at its cell.
[[nodiscard]] RollupCells pool(RollupSums sums, const UnitTree& tree, RollupWeighting by, double z, unsigned workers);

}  // namespace massline::scoring::detail
