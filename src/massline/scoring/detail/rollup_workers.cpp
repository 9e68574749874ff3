// Splitting a roll-up over threads (see rollup_workers.hpp).
#include <massline/scoring/detail/rollup_workers.hpp>

#include <algorithm>
#include <cstdint>

namespace massline::scoring::detail {

unsigned rollup_workers(std::size_t rows, unsigned threads) {
  const unsigned t = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  constexpr std::size_t kRowsPerThread = 1u << 16;
  return static_cast<unsigned>(std::clamp<std::size_t>(rows / kRowsPerThread, 1, t));
}

std::vector<UnitIndex> partition_units(std::span<const UnitIndex> unit, UnitIndex units, unsigned workers) {
  std::vector<UnitIndex> cuts{0};
  if (workers > 1) {
    std::vector<std::uint32_t> hits(units, 0);
    const std::size_t stride = std::max<std::size_t>(1, unit.size() / (std::size_t{1} << 16));
    std::size_t total = 0;
    for (std::size_t r = 0; r < unit.size(); r += stride) {
      if (unit[r] < units) {
        ++hits[unit[r]];
        ++total;
      }
    }
    std::size_t running = 0;
    for (UnitIndex u = 0; u < units && cuts.size() < workers; ++u) {
      running += hits[u];
      if (running * workers >= total * cuts.size()) cuts.push_back(u + 1);
    }
  }
  cuts.push_back(units);
  for (std::size_t i = 1; i < cuts.size(); ++i) cuts[i] = std::max(cuts[i], cuts[i - 1]);
  return cuts;
}

}  // namespace massline::scoring::detail
