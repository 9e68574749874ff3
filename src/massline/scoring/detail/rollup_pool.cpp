// The pooling step of a roll-up (see rollup_pool.hpp).
#include <massline/scoring/detail/rollup_pool.hpp>

#include <massline/core/error.hpp>
#include <massline/scoring/detail/rollup_workers.hpp>
#include <massline/scoring/proportion_interval.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>

namespace massline::scoring::detail {

RollupCells pool(RollupSums s, const UnitTree& tree, RollupWeighting by, double z, unsigned workers) {
  const std::size_t stride = s.periods * s.items;
  const std::size_t cells = s.cells();
  const bool weighted = s.weighted, scored = s.scored;
  // Estimator totals: A (weight), A2 (Σ of squared final weights), AS (satisfied), AX (score).
  std::vector<double> a(cells, 0.0), a2(cells, 0.0), as(cells, 0.0), ax;
  if (scored) ax.assign(cells, 0.0);
  const bool by_households = by == RollupWeighting::Households;
  for (UnitIndex u = 0; u < tree.size(); ++u) {
    const double size = tree.unit_size(u);
    for (std::size_t c = u * stride; c < (u + 1) * stride; ++c) {
      if (s.n[c] == 0) continue;
      const auto n = static_cast<double>(s.n[c]);
      const double w = weighted ? s.wsum[3 * c] : n;
      const double w2 = weighted ? s.wsum[3 * c + 1] : n;
      const double ws = weighted ? s.wsum[3 * c + 2] : static_cast<double>(s.k[c]);
      if (!by_households) {
        a[c] = w;
        a2[c] = w2;
        as[c] = ws;
        if (scored) ax[c] = s.wx[c];
        continue;
      }
      if (!(size > 0.0)) {
        throw InvalidArgument("rollup.no_unit_size", "household weighting needs a positive unit size",
                              Location::of("unit " + std::to_string(u), "size"),
                              "the unit has answers but size " + std::to_string(size));
      }
      // Each answer's final weight is size · w / Σw, so the cell stands for `size` households.
      const double f = size / w;
      a[c] = size;
      a2[c] = f * f * w2;
      as[c] = f * ws;
      if (scored) ax[c] = f * s.wx[c];
    }
  }
  s.wsum = {};
  s.wx = {};
  const auto order = tree.top_down();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const UnitIndex p = tree.parent(*it);
    if (p == kNoUnit) continue;
    const std::size_t from = *it * stride, to = p * stride;
    for (std::size_t j = 0; j < stride; ++j) {
      s.n[to + j] += s.n[from + j];
      s.k[to + j] += s.k[from + j];
      a[to + j] += a[from + j];
      a2[to + j] += a2[from + j];
      as[to + j] += as[from + j];
    }
    if (scored) {
      for (std::size_t j = 0; j < stride; ++j) ax[to + j] += ax[from + j];
    }
  }
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  RollupCells out;
  out.rate.assign(cells, nan);
  out.n_eff.assign(cells, nan);
  out.low.assign(cells, nan);
  out.high.assign(cells, nan);
  if (scored) out.mean_score.assign(cells, nan);
  const std::size_t chunk = (cells + workers - 1) / std::max(1u, workers);
  run_workers(workers, [&](unsigned w) {
    const std::size_t begin = std::min(cells, w * chunk), end = std::min(cells, begin + chunk);
    for (std::size_t c = begin; c < end; ++c) {
      if (s.n[c] == 0) continue;
      const double rate = std::clamp(as[c] / a[c], 0.0, 1.0);
      const double n_eff = a[c] * a[c] / a2[c];
      const Interval bounds = wilson_interval(rate, n_eff, z);
      out.rate[c] = rate;
      out.n_eff[c] = n_eff;
      out.low[c] = bounds.low;
      out.high[c] = bounds.high;
      if (scored) out.mean_score[c] = ax[c] / a[c];
    }
  });
  out.n = std::move(s.n);
  out.satisfied = std::move(s.k);
  out.weight = std::move(a);
  out.weighted_satisfied = std::move(as);
  return out;
}

}  // namespace massline::scoring::detail
