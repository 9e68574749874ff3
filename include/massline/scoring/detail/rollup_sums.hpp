#pragma once
/// @file
/// The own-cell accumulators of one Rollup::run: what the accumulation (rollup_accumulate.hpp)
/// writes and the pooling (rollup_pool.hpp) reads. Layout and its reasons: docs/rollup.md,
/// "Algorithm and layout".

#include <massline/scoring/rollup.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace massline::scoring::detail {

/// Powers of two the weights and scores are divided by while summing: both 0 but on the rare
/// second accumulation of a run whose sums left the range of double (docs/rollup.md).
struct RollupRescale {
  int weight = 0;  ///< each weight is multiplied by 2^-weight
  int score = 0;   ///< each score is multiplied by 2^-score
};

/// Sums of the answers at each unit itself (not yet its subtree), per cell
/// (u · periods + period) · items + item.
///
/// Counting is the hot part: the answered and satisfied counts of one (unit, period) block of
/// cells live as 8-bit counters in one small byte block [satisfied × items | answered × items |
/// rows], so a response touches one cache line and eight items are counted per 64-bit word; a
/// block is flushed into the 64-bit totals n and k every Rollup::kBlockFlushAt rows (and at the
/// end), before any counter can overflow. Weighted sums are doubles, the three of a cell side by
/// side so a response's cells form one contiguous run.
struct RollupSums {
  std::size_t units = 0;              ///< units of the tree
  std::size_t periods = 1;            ///< periods of the input
  std::size_t items = 1;              ///< items of the input
  bool weighted = false;              ///< survey weights given: wsum is kept
  bool scored = false;                ///< scores given: wx is kept
  std::size_t block_bytes = 0;        ///< 2·items + 1 rounded up to 16
  std::vector<std::uint8_t> small;    ///< one byte block per (unit, period)
  std::vector<std::uint64_t> n, k;    ///< per cell: answers and satisfied answers (flushed)
  std::vector<double> wsum;           ///< per cell (Σw, Σw², Σw·s) interleaved, when weighted
  std::vector<double> wx;             ///< per cell Σw·x, when scored
  /// The powers of two the weights and scores were divided by before summing (see RollupRescale).
  RollupRescale rescale;

  /// Zeroed sums for @p unit_count × @p period_count × @p item_count cells (the caller checked
  /// that the product does not overflow).
  RollupSums(std::size_t unit_count, std::size_t period_count, std::size_t item_count, bool with_weights,
             bool with_scores)
      : units(unit_count),
        periods(period_count),
        items(item_count),
        weighted(with_weights),
        scored(with_scores),
        block_bytes((2 * item_count + 1 + 15) / 16 * 16) {
    const std::size_t cells = units * periods * items;
    small.assign(units * periods * block_bytes, 0);
    n.assign(cells, 0);
    k.assign(cells, 0);
    if (weighted) wsum.assign(3 * cells, 0.0);
    if (scored) wx.assign(cells, 0.0);
  }

  [[nodiscard]] std::size_t cells() const noexcept { return n.size(); }  ///< units · periods · items

  /// Byte block of (unit, period) block @p b = u · periods + period.
  [[nodiscard]] std::uint8_t* block(std::size_t b) noexcept { return small.data() + b * block_bytes; }
  /// Adds block @p b's 8-bit counters to the totals n and k and clears them.
  void flush(std::size_t b) noexcept {
    std::uint8_t* blk = block(b);
    const std::size_t c = b * items;
    for (std::size_t j = 0; j < items; ++j) {
      k[c + j] += blk[j];
      n[c + j] += blk[items + j];
    }
    std::memset(blk, 0, 2 * items + 1);
  }
  /// Counts one more row in block @p b; flushes when the row counter reaches kBlockFlushAt.
  void row_done(std::size_t b) noexcept {
    std::uint8_t& rows = block(b)[2 * items];
    if (++rows == Rollup::kBlockFlushAt) flush(b);
  }
};

}  // namespace massline::scoring::detail
