// The pooling step of a roll-up (see rollup_pool.hpp).
#include <massline/scoring/detail/rollup_pool.hpp>

#include <massline/core/error.hpp>
#include <massline/scoring/detail/rollup_workers.hpp>
#include <massline/scoring/proportion_interval.hpp>

#include <algorithm>
#include <cmath>
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
  const int exponent = s.rescale.weight;
  const int score_exponent = s.rescale.score;
  // Σw² below this may have lost digits to subnormal squares; above kHuge a sum of a few of
  // them could overflow. Either sends the run to the rescaled second accumulation.
  constexpr double kTiny = 0x1p-1000, kHuge = 0x1p1000;
  bool out_of_range = false;
  for (UnitIndex u = 0; u < tree.size(); ++u) {
    const double size = tree.unit_size(u);
    for (std::size_t c = u * stride; c < (u + 1) * stride; ++c) {
      if (s.n[c] == 0) continue;
      const auto n = static_cast<double>(s.n[c]);
      const double w = weighted ? s.wsum[3 * c] : n;
      const double w2 = weighted ? s.wsum[3 * c + 1] : n;
      const double ws = weighted ? s.wsum[3 * c + 2] : static_cast<double>(s.k[c]);
      if (weighted && !(w2 >= kTiny && w2 <= kHuge && w <= kHuge)) out_of_range = true;
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
  std::vector<char> worker_out_of_range(std::max(1u, workers), 0);
  run_workers(workers, [&](unsigned w) {
    const std::size_t begin = std::min(cells, w * chunk), end = std::min(cells, begin + chunk);
    bool bad = false;
    for (std::size_t c = begin; c < end; ++c) {
      if (s.n[c] == 0) continue;
      const double rate = std::clamp(as[c] / a[c], 0.0, 1.0);
      const double n_eff = a[c] * a[c] / a2[c];
      // NaN fails every comparison, so it is caught too.
      bad = bad || !(a[c] <= kHuge && a2[c] >= kTiny && a2[c] <= kHuge && n_eff <= kHuge) ||
            (scored && !std::isfinite(ax[c]));
      const Interval bounds = wilson_interval(rate, n_eff, z);
      out.rate[c] = rate;
      out.n_eff[c] = n_eff;
      out.low[c] = bounds.low;
      out.high[c] = bounds.high;
      if (scored) out.mean_score[c] = std::ldexp(ax[c] / a[c], score_exponent);
    }
    worker_out_of_range[w] = bad ? 1 : 0;
  });
  out.out_of_range = out_of_range || std::find(worker_out_of_range.begin(), worker_out_of_range.end(), 1) !=
                                         worker_out_of_range.end();
  if (exponent != 0 && !by_households && !out.out_of_range) {
    // Back to the weights as given: W and S were summed in units of 2^exponent.
    for (std::size_t c = 0; c < cells; ++c) {
      if (s.n[c] == 0) continue;
      a[c] = std::ldexp(a[c], exponent);
      as[c] = std::ldexp(as[c], exponent);
      if (!std::isfinite(a[c])) {
        const std::size_t u = c / stride, period = c % stride / s.items, item = c % s.items;
        throw InvalidArgument("rollup.overflow", "the total weight of a cell is not representable",
                              Location::of("unit " + std::to_string(u) + " period " + std::to_string(period) +
                                               " item " + std::to_string(item),
                                           "weight"),
                              "its survey weights sum to more than the largest double (about 1.8e308); divide the "
                              "weights by a constant");
      }
    }
  }
  out.n = std::move(s.n);
  out.satisfied = std::move(s.k);
  out.weight = std::move(a);
  out.weighted_satisfied = std::move(as);
  return out;
}

}  // namespace massline::scoring::detail
