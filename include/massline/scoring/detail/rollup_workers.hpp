#pragma once
/// @file
/// How one Rollup::run is split over threads: how many workers, which contiguous range of units
/// each one owns, and running them. The split only affects speed, never results: every cell
/// belongs to one worker, which sums it in input order.

#include <massline/core/cancellation.hpp>
#include <massline/model/unit_tree.hpp>

#include <cstddef>
#include <span>
#include <thread>
#include <vector>

namespace massline::scoring::detail {

/// Workers for @p rows input rows with @p threads requested (0 = every hardware thread): at
/// most one per 2^16 rows, since threads only pay off on large inputs; at least one.
[[nodiscard]] unsigned rollup_workers(std::size_t rows, unsigned threads);

/// Splits the units [0, @p units) into at most @p workers contiguous ranges with about equal
/// answer counts, estimated from a fixed stride sample of the @p unit column (units out of range
/// are ignored here and reported by the accumulation). Returns the cuts: range w is
/// [cuts[w], cuts[w + 1]); a single range for one worker.
[[nodiscard]] std::vector<UnitIndex> partition_units(std::span<const UnitIndex> unit, UnitIndex units,
                                                     unsigned workers);

/// Calls fn(w) for every w in [0, @p workers), each on its own thread (w = 0 on the calling
/// one), and returns when all have finished. The workers share the caller's cancellation flag
/// (<massline/core/cancellation.hpp>); fn must not throw.
template <class Fn>
void run_workers(unsigned workers, Fn&& fn) {
  if (workers <= 1) {
    fn(0u);
    return;
  }
  const std::atomic<bool>* cancel = current_cancellation();
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) {
    pool.emplace_back([&fn, w, cancel] {
      const CancellationScope scope(cancel);
      fn(w);
    });
  }
  fn(0u);
}

}  // namespace massline::scoring::detail
