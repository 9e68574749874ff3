#pragma once
/// @file
/// Satisfaction roll-ups: per (unit, item, period) counts, rates, Wilson intervals and mean
/// scores from flat response arrays, pooled up a UnitTree weighted by respondents or by
/// households. Single pass into flat per-cell arrays, then one bottom-up propagation.
/// Formulas and options: docs/rollup.md.

#include <massline/core/error.hpp>
#include <massline/scoring/distributions.hpp>
#include <massline/scoring/proportion_interval.hpp>
#include <massline/model/unit_tree.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace massline::scoring {

namespace detail::rollup {

/// Wilson score interval for a proportion @p p observed on @p n (effective) trials at a
/// precomputed critical value @p z: the formula of proportion_interval(..., Wilson, ...)
/// without deriving z again for every cell. Bounds are pinned so low <= p <= high.
inline Interval wilson(double p, double n, double z) {
  const double z2n = z * z / n;
  const double denom = 1.0 + z2n;
  const double centre = (p + 0.5 * z2n) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / n + 0.25 * z2n / n);
  return {std::clamp(centre - half, 0.0, p), std::clamp(centre + half, p, 1.0)};
}

}  // namespace detail::rollup

/// How a parent pools its children.
enum class RollupWeighting : std::uint8_t {
  /// Pool every response below (times its survey weight): the parent's rate is the pooled
  /// rate of all its respondents.
  Respondents,
  /// Weight each unit's own rate by the unit's size (households) from the UnitTree: the
  /// parent's rate is the household-weighted mean of its units' rates.
  Households
};

/// Configuration of a Rollup.
struct RollupOptions {
  RollupWeighting by = RollupWeighting::Respondents;  ///< pooling rule
  double confidence = 0.95;                            ///< of the Wilson intervals, in (0, 1)
  unsigned threads = 1;                                ///< worker threads; 0 = all hardware threads

  /// Throws InvalidArgument("rollup.confidence") unless 0 < confidence < 1.
  void check() const {
    if (!(confidence > 0.0 && confidence < 1.0)) {  // also rejects NaN
      throw InvalidArgument("rollup.confidence", "confidence must lie strictly between 0 and 1",
                            Location::of("rollup options", "confidence"), "got " + std::to_string(confidence));
    }
  }
};

/// Long layout: one row per answer (a respondent's answer to one item). All spans have the
/// same length; the optional ones may be empty.
struct AnswerColumns {
  std::span<const UnitIndex> unit;           ///< unit the answer counts for (respondent's unit or rated unit)
  std::span<const std::uint32_t> item;       ///< item index, < items
  std::span<const std::uint8_t> satisfied;   ///< 1 satisfied, 0 not
  std::span<const double> weight;            ///< survey weight (> 0); empty = 1 for every row
  std::span<const std::uint32_t> period;     ///< period index, < periods; empty = period 0
  std::span<const double> score;             ///< score on the item's scale; empty = no mean score
  std::size_t items = 1;                     ///< number of items
  std::size_t periods = 1;                   ///< number of periods
};

/// Wide layout: one row per response, one column per item (row-major matrices).
struct ResponseMatrix {
  std::span<const UnitIndex> unit;           ///< unit of each response
  std::span<const std::int8_t> satisfied;    ///< rows × items: 1 satisfied, 0 not, negative = not answered
  std::span<const double> weight;            ///< survey weight per response (> 0); empty = 1
  std::span<const std::uint32_t> period;     ///< period per response; empty = period 0
  std::span<const double> score;             ///< rows × items scores, read where answered; empty = none
  std::size_t items = 1;                     ///< number of items (matrix columns)
  std::size_t periods = 1;                   ///< number of periods
};

/// Everything known about one (unit, item, period) cell.
struct CellEstimate {
  std::uint64_t n = 0;             ///< answers in the unit's subtree
  std::uint64_t satisfied = 0;     ///< satisfied answers (unweighted count)
  double weight = 0.0;             ///< estimator weight total: Σw (respondents) or households represented
  double weighted_satisfied = 0.0; ///< satisfied part of weight
  double rate = 0.0;               ///< weighted_satisfied / weight
  double n_eff = 0.0;              ///< Kish effective sample size (= n without weights)
  double low = 0.0;                ///< Wilson lower bound
  double high = 0.0;               ///< Wilson upper bound
  std::optional<double> mean_score;  ///< weighted mean score, when scores were given
};

/// Result of a roll-up: dense per-cell arrays indexed by cell(u, item, period) =
/// (u · periods + period) · items + item. Cells without answers have n == 0 and NaN in the
/// floating-point estimate arrays (rate, n_eff, low, high, mean_score).
class RollupResult {
 public:
  /// The tree the roll-up ran on.
  [[nodiscard]] const UnitTree& tree() const noexcept { return *tree_; }
  /// Shared handle to the tree (keeps it alive).
  [[nodiscard]] const std::shared_ptr<const UnitTree>& tree_ptr() const noexcept { return tree_; }
  [[nodiscard]] std::size_t units() const noexcept { return tree_->size(); }     ///< number of units
  [[nodiscard]] std::size_t items() const noexcept { return items_; }            ///< number of items
  [[nodiscard]] std::size_t periods() const noexcept { return periods_; }        ///< number of periods
  [[nodiscard]] std::size_t cells() const noexcept { return n_.size(); }         ///< units · periods · items
  [[nodiscard]] const RollupOptions& options() const noexcept { return options_; }  ///< options used
  [[nodiscard]] double critical_value() const noexcept { return z_; }  ///< z of the intervals
  [[nodiscard]] bool has_score() const noexcept { return !mean_score_.empty(); }  ///< mean scores present

  /// Cell index of (@p u, @p item, @p period); InvalidArgument("rollup.cell_out_of_range").
  [[nodiscard]] std::size_t cell(UnitIndex u, std::size_t item, std::size_t period) const {
    if (u >= units() || item >= items_ || period >= periods_) {
      throw InvalidArgument("rollup.cell_out_of_range", "no such roll-up cell",
                            Location::of("unit " + std::to_string(u)),
                            "item " + std::to_string(item) + " of " + std::to_string(items_) + ", period " +
                                std::to_string(period) + " of " + std::to_string(periods_) + ", " +
                                std::to_string(units()) + " units");
    }
    return (static_cast<std::size_t>(u) * periods_ + period) * items_ + item;
  }
  /// The estimate of a cell, or nullopt when nobody answered there.
  [[nodiscard]] std::optional<CellEstimate> estimate(UnitIndex u, std::size_t item, std::size_t period) const {
    return estimate_at(cell(u, item, period));
  }
  /// The estimate of cell index @p c (< cells()), or nullopt when nobody answered there.
  [[nodiscard]] std::optional<CellEstimate> estimate_at(std::size_t c) const {
    if (n_.at(c) == 0) return std::nullopt;
    CellEstimate e;
    e.n = n_[c];
    e.satisfied = satisfied_[c];
    e.weight = weight_[c];
    e.weighted_satisfied = weighted_satisfied_[c];
    e.rate = rate_[c];
    e.n_eff = n_eff_[c];
    e.low = low_[c];
    e.high = high_[c];
    if (has_score()) e.mean_score = mean_score_[c];
    return e;
  }

  [[nodiscard]] std::span<const std::uint64_t> n() const noexcept { return n_; }          ///< answers per cell
  [[nodiscard]] std::span<const std::uint64_t> satisfied() const noexcept { return satisfied_; }  ///< satisfied count
  [[nodiscard]] std::span<const double> weight() const noexcept { return weight_; }       ///< estimator weight total
  [[nodiscard]] std::span<const double> weighted_satisfied() const noexcept { return weighted_satisfied_; }  ///< its satisfied part
  [[nodiscard]] std::span<const double> rate() const noexcept { return rate_; }           ///< satisfaction rate
  [[nodiscard]] std::span<const double> n_eff() const noexcept { return n_eff_; }         ///< effective sample size
  [[nodiscard]] std::span<const double> low() const noexcept { return low_; }             ///< Wilson lower bound
  [[nodiscard]] std::span<const double> high() const noexcept { return high_; }           ///< Wilson upper bound
  [[nodiscard]] std::span<const double> mean_score() const noexcept { return mean_score_; }  ///< empty without scores

 private:
  friend class Rollup;
  RollupResult() = default;
  std::shared_ptr<const UnitTree> tree_;
  std::size_t items_ = 0, periods_ = 0;
  RollupOptions options_;
  double z_ = 0.0;
  std::vector<std::uint64_t> n_, satisfied_;
  std::vector<double> weight_, weighted_satisfied_, rate_, n_eff_, low_, high_, mean_score_;
};

/// The roll-up engine: configured with a tree and options, run() on response data returns a
/// RollupResult. Results do not depend on the thread count: every cell is owned by one
/// thread and summed in input order, and the propagation runs in a fixed order.
class Rollup {
 public:
  /// Engine on @p tree; throws InvalidArgument when the options are invalid.
  explicit Rollup(std::shared_ptr<const UnitTree> tree, RollupOptions options = {})
      : tree_(std::move(tree)), options_(options) {
    require(tree_ != nullptr, "rollup.no_tree", "the roll-up needs a unit tree");
    options_.check();
    z_ = normal_critical(options_.confidence);
  }
  /// Engine on a copy of @p tree.
  explicit Rollup(UnitTree tree, RollupOptions options = {})
      : Rollup(std::make_shared<const UnitTree>(std::move(tree)), options) {}

  /// Rolls up answers in the long layout. Throws InvalidArgument on bad input: codes
  /// "rollup.size_mismatch", "rollup.dimensions", "rollup.unit_out_of_range",
  /// "rollup.item_out_of_range", "rollup.period_out_of_range", "rollup.satisfied",
  /// "rollup.weight", "rollup.score", "rollup.no_unit_size" (household weighting of a unit of size 0).
  [[nodiscard]] RollupResult run(const AnswerColumns& data) const {
    const std::size_t rows = data.unit.size();
    check_length(data.item.size(), rows, "item", true);
    check_length(data.satisfied.size(), rows, "satisfied", true);
    check_length(data.weight.size(), rows, "weight", false);
    check_length(data.period.size(), rows, "period", false);
    check_length(data.score.size(), rows, "score", false);
    return execute(rows, data.items, data.periods, !data.weight.empty(), !data.score.empty(), data.unit,
                   [&data](auto weighted, auto scored, Sums& sums, UnitIndex lo, UnitIndex hi, RowError& error) {
                     accumulate_long<decltype(weighted)::value, decltype(scored)::value>(data, sums, lo, hi, error);
                   });
  }

  /// Rolls up responses in the wide layout; same errors as the long layout.
  [[nodiscard]] RollupResult run(const ResponseMatrix& data) const {
    const std::size_t rows = data.unit.size();
    require(data.items > 0, "rollup.dimensions", "the roll-up needs at least one item",
            Location::of("response matrix", "items"));
    check_length(data.satisfied.size(), rows * data.items, "satisfied", true);
    check_length(data.weight.size(), rows, "weight", false);
    check_length(data.period.size(), rows, "period", false);
    check_length(data.score.size(), rows * data.items, "score", false);
    return execute(rows, data.items, data.periods, !data.weight.empty(), !data.score.empty(), data.unit,
                   [&data](auto weighted, auto scored, Sums& sums, UnitIndex lo, UnitIndex hi, RowError& error) {
                     accumulate_wide<decltype(weighted)::value, decltype(scored)::value>(data, sums, lo, hi, error);
                   });
  }

  [[nodiscard]] const UnitTree& tree() const noexcept { return *tree_; }        ///< the tree
  [[nodiscard]] const RollupOptions& options() const noexcept { return options_; }  ///< the options

  /// Largest count a block's 8-bit counters hold before they are flushed (see Sums).
  static constexpr std::uint8_t kBlockFlushAt = 255;

 private:
  // Own-cell accumulators. Counting is the hot part: the answered and satisfied counts of one
  // (unit, period) block of cells live as 8-bit counters in one small byte block
  // [satisfied × items | answered × items | rows], so a response touches one cache line and
  // eight items are counted per 64-bit word; a block is flushed into the 64-bit totals n and k
  // every 255 rows (and at the end), before any counter can overflow. Weighted sums are
  // doubles, the three of a cell side by side so a response's cells form one contiguous run.
  struct Sums {
    std::size_t items = 0;
    std::size_t block_bytes = 0;       // 2·items + 1 rounded up to 16
    std::vector<std::uint8_t> small;   // one byte block per (unit, period)
    std::vector<std::uint64_t> n, k;   // per cell
    std::vector<double> wsum;          // per cell (Σw, Σw², Σw·s) interleaved, when weighted
    std::vector<double> wx;            // per cell Σw·x, when scored

    std::uint8_t* block(std::size_t b) noexcept { return small.data() + b * block_bytes; }
    void flush(std::size_t b) noexcept {
      std::uint8_t* blk = block(b);
      const std::size_t c = b * items;
      for (std::size_t j = 0; j < items; ++j) {
        k[c + j] += blk[j];
        n[c + j] += blk[items + j];
      }
      std::memset(blk, 0, 2 * items + 1);
    }
    // Counts one more row in block b; flushes when the row counter reaches kBlockFlushAt.
    void row_done(std::size_t b) noexcept {
      std::uint8_t& rows = block(b)[2 * items];
      if (++rows == kBlockFlushAt) flush(b);
    }
  };
  // First bad row a worker met (rows are checked in order, so the smallest over workers is
  // the first bad row of the input).
  struct RowError {
    std::size_t row = std::numeric_limits<std::size_t>::max();
    const char* code = "";
    const char* field = "";
    std::string why;
    void set(std::size_t r, const char* c, const char* f, std::string w) {
      row = r;
      code = c;
      field = f;
      why = std::move(w);
    }
  };

  static void check_length(std::size_t got, std::size_t want, const char* field, bool required) {
    if (got == want || (!required && got == 0)) return;
    throw InvalidArgument("rollup.size_mismatch", "response arrays differ in length", Location::of("responses", field),
                          std::string(field) + " has " + std::to_string(got) + " values, expected " +
                              std::to_string(want));
  }

  unsigned worker_count(std::size_t rows) const {
    unsigned t = options_.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options_.threads;
    // Threads only pay off on large inputs.
    constexpr std::size_t kRowsPerThread = 1u << 16;
    return static_cast<unsigned>(std::clamp<std::size_t>(rows / kRowsPerThread, 1, t));
  }

  // Splits [0, units) into contiguous ranges with about equal answer counts, estimated from a
  // fixed stride sample of the unit column (the split only affects speed, never results).
  std::vector<UnitIndex> partition(std::span<const UnitIndex> unit, unsigned workers) const {
    const auto units = static_cast<UnitIndex>(tree_->size());
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

  template <class Fn>
  static void parallel(unsigned workers, Fn&& fn) {
    if (workers <= 1) {
      fn(0u);
      return;
    }
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w) pool.emplace_back([&fn, w] { fn(w); });
    fn(0u);
  }

  template <class Kernel>
  RollupResult execute(std::size_t rows, std::size_t items, std::size_t periods, bool weighted, bool scored,
                       std::span<const UnitIndex> unit, Kernel&& kernel) const {
    require(items > 0, "rollup.dimensions", "the roll-up needs at least one item", Location::of("responses", "items"));
    require(periods > 0, "rollup.dimensions", "the roll-up needs at least one period",
            Location::of("responses", "periods"));
    const std::size_t units = tree_->size();
    require(units == 0 || items <= std::numeric_limits<std::size_t>::max() / 4 / periods / units, "rollup.dimensions",
            "units × periods × items overflows", Location::of("responses", "items"));
    const std::size_t cells = units * periods * items;

    Sums sums;
    sums.items = items;
    sums.block_bytes = (2 * items + 1 + 15) / 16 * 16;
    sums.small.assign(units * periods * sums.block_bytes, 0);
    sums.n.assign(cells, 0);
    sums.k.assign(cells, 0);
    if (weighted) {
      sums.wsum.assign(3 * cells, 0.0);
    }
    if (scored) sums.wx.assign(cells, 0.0);

    const unsigned workers = worker_count(rows);
    const std::vector<UnitIndex> cuts = partition(unit, workers);
    const auto ranges = static_cast<unsigned>(cuts.size() - 1);
    std::vector<RowError> errors(ranges);
    parallel(ranges, [&](unsigned w) {
      const UnitIndex lo = cuts[w], hi = cuts[w + 1];
      dispatch(weighted, scored, [&](auto wt, auto sc) { kernel(wt, sc, sums, lo, hi, errors[w]); });
      for (std::size_t b = std::size_t{lo} * periods; b < std::size_t{hi} * periods; ++b) sums.flush(b);
    });
    const auto first = std::min_element(errors.begin(), errors.end(),
                                        [](const RowError& a, const RowError& b) { return a.row < b.row; });
    if (first != errors.end() && !first->why.empty()) {
      throw InvalidArgument(first->code, "invalid response data",
                            Location::of("response row " + std::to_string(first->row), first->field), first->why);
    }
    sums.small = {};
    return finish(std::move(sums), items, periods, weighted, scored, workers);
  }

  template <class Fn>
  static void dispatch(bool weighted, bool scored, Fn&& fn) {
    using T = std::true_type;
    using F = std::false_type;
    if (weighted) {
      if (scored) fn(T{}, T{});
      else fn(T{}, F{});
    } else {
      if (scored) fn(F{}, T{});
      else fn(F{}, F{});
    }
  }

  // Rows are visited in input order but their blocks are scattered over memory, so the loop
  // is bound by memory latency; touching the block of the row kAhead rows ahead lets those
  // misses overlap with the work on the current row.
  static constexpr std::size_t kAhead = 12;
  static void prefetch(const void* address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 1, 1);
#else
    (void)address;
#endif
  }
  static void prefetch_range(const void* first, std::size_t bytes) noexcept {
    const auto* p = static_cast<const char*>(first);
    for (std::size_t offset = 0; offset < bytes; offset += 64) prefetch(p + offset);
    prefetch(p + bytes - 1);
  }

  // Adds one wide row to its block's counters: satisfied += (v == 1), answered += (v >= 0)
  // per item. Eight items at a time in one 64-bit word (SWAR): the counters never exceed 255,
  // so byte lanes cannot carry into each other. Returns true when an item is above 1.
  static bool count_row(const std::int8_t* row, std::uint8_t* satisfied, std::uint8_t* answered,
                        std::size_t items) noexcept {
    constexpr std::uint64_t kLow = 0x0101'0101'0101'0101u;
    constexpr std::uint64_t kAboveOne = 0xFEFE'FEFE'FEFE'FEFEu;
    std::uint64_t bad = 0;
    std::size_t j = 0;
    for (; j + 8 <= items; j += 8) {
      std::uint64_t x, s, a;
      std::memcpy(&x, row + j, 8);
      const std::uint64_t is_answered = (~x >> 7) & kLow;  // sign bit clear
      bad |= x & (is_answered * 0xFF) & kAboveOne;        // an answered byte >= 2
      std::memcpy(&s, satisfied + j, 8);
      std::memcpy(&a, answered + j, 8);
      s += x & is_answered;  // low bit of 0 or 1
      a += is_answered;
      std::memcpy(satisfied + j, &s, 8);
      std::memcpy(answered + j, &a, 8);
    }
    for (; j < items; ++j) {
      const std::int8_t v = row[j];
      satisfied[j] = static_cast<std::uint8_t>(satisfied[j] + (v == 1));
      answered[j] = static_cast<std::uint8_t>(answered[j] + (v >= 0));
      bad |= static_cast<std::uint64_t>(v > 1);
    }
    return bad != 0;
  }

  // One worker's pass over the long layout, for units in [lo, hi).
  template <bool Weighted, bool Scored>
  static void accumulate_long(const AnswerColumns& d, Sums& s, UnitIndex lo, UnitIndex hi, RowError& error) {
    const std::size_t rows = d.unit.size();
    const std::size_t units = s.n.size() / (d.items * d.periods);
    const bool has_period = !d.period.empty();
    const UnitIndex width = hi - lo;
    for (std::size_t r = 0; r < rows; ++r) {
      if (r + kAhead < rows) {
        const UnitIndex v = d.unit[r + kAhead];
        const std::uint32_t vt = has_period ? d.period[r + kAhead] : 0u;
        const std::uint32_t vi = d.item[r + kAhead];
        if (v - lo < width && vt < d.periods && vi < d.items) {
          const std::size_t b = static_cast<std::size_t>(v) * d.periods + vt;
          prefetch(s.block(b) + vi);
          prefetch(s.block(b) + d.items + vi);
          if constexpr (Weighted) {
            prefetch_range(s.wsum.data() + 3 * (b * d.items + vi), 3 * sizeof(double));
          }
          if constexpr (Scored) prefetch(s.wx.data() + b * d.items + vi);
        }
      }
      const UnitIndex u = d.unit[r];
      if (u - lo >= width) {  // not this worker's unit (unsigned wrap covers u < lo)
        if (u >= units) return error.set(r, "rollup.unit_out_of_range", "unit", out_of_range(u, units));
        continue;
      }
      const std::uint32_t item = d.item[r];
      if (item >= d.items) return error.set(r, "rollup.item_out_of_range", "item", out_of_range(item, d.items));
      const std::uint32_t period = has_period ? d.period[r] : 0u;
      if (period >= d.periods) {
        return error.set(r, "rollup.period_out_of_range", "period", out_of_range(period, d.periods));
      }
      const std::uint8_t sat = d.satisfied[r];
      if (sat > 1) return error.set(r, "rollup.satisfied", "satisfied", "must be 0 or 1, got " + std::to_string(sat));
      const std::size_t b = static_cast<std::size_t>(u) * d.periods + period;
      const std::size_t c = b * d.items + item;
      double w = 1.0;
      if constexpr (Weighted) {
        w = d.weight[r];
        if (!(w > 0.0) || !std::isfinite(w)) return error.set(r, "rollup.weight", "weight", bad_weight(w));
        double* cell = s.wsum.data() + 3 * c;
        cell[0] += w;
        cell[1] += w * w;
        cell[2] += masked(w, mask_if(sat != 0));
      }
      if constexpr (Scored) {
        const double x = d.score[r];
        if (!std::isfinite(x)) return error.set(r, "rollup.score", "score", "an answered item needs a finite score");
        s.wx[c] += w * x;
      }
      std::uint8_t* blk = s.block(b);
      blk[item] = static_cast<std::uint8_t>(blk[item] + sat);
      ++blk[d.items + item];
      s.row_done(b);
    }
  }

  // One worker's pass over the wide layout, for units in [lo, hi).
  template <bool Weighted, bool Scored>
  static void accumulate_wide(const ResponseMatrix& d, Sums& s, UnitIndex lo, UnitIndex hi, RowError& error) {
    const std::size_t rows = d.unit.size();
    const std::size_t items = d.items;
    const std::size_t units = s.n.size() / (items * d.periods);
    const bool has_period = !d.period.empty();
    const UnitIndex width = hi - lo;
    for (std::size_t r = 0; r < rows; ++r) {
      if (r + kAhead < rows) {
        const UnitIndex v = d.unit[r + kAhead];
        const std::uint32_t vt = has_period ? d.period[r + kAhead] : 0u;
        if (v - lo < width && vt < d.periods) {
          const std::size_t b = static_cast<std::size_t>(v) * d.periods + vt;
          prefetch_range(s.block(b), 2 * items + 1);
          if constexpr (Weighted) {
            prefetch_range(s.wsum.data() + 3 * b * items, 3 * items * sizeof(double));
          }
          if constexpr (Scored) prefetch_range(s.wx.data() + b * items, items * sizeof(double));
        }
      }
      const UnitIndex u = d.unit[r];
      if (u - lo >= width) {
        if (u >= units) return error.set(r, "rollup.unit_out_of_range", "unit", out_of_range(u, units));
        continue;
      }
      const std::uint32_t period = has_period ? d.period[r] : 0u;
      if (period >= d.periods) {
        return error.set(r, "rollup.period_out_of_range", "period", out_of_range(period, d.periods));
      }
      const std::int8_t* row = d.satisfied.data() + r * items;
      const std::size_t b = static_cast<std::size_t>(u) * d.periods + period;
      std::uint8_t* satisfied = s.block(b);
      std::uint8_t* answered = satisfied + items;
      if (count_row(row, satisfied, answered, items)) {  // the counts just added are discarded with the result
        const auto j = static_cast<std::size_t>(std::find_if(row, row + items, [](std::int8_t v) { return v > 1; }) - row);
        return error.set(r, "rollup.satisfied", "satisfied",
                         "item " + std::to_string(j) + " must be 1, 0 or negative (not answered), got " +
                             std::to_string(row[j]));
      }
      double w = 1.0;
      if constexpr (Weighted) {
        w = d.weight[r];
        if (!(w > 0.0) || !std::isfinite(w)) return error.set(r, "rollup.weight", "weight", bad_weight(w));
        const double w2 = w * w;
        const std::size_t c = b * items;
        double* cell = s.wsum.data() + 3 * c;
        for (std::size_t j = 0; j < items; ++j) {
          // Masks instead of selects: answers are random, so branches would mispredict.
          const std::uint64_t on = mask_if(row[j] >= 0), yes = mask_if(row[j] == 1);
          cell[3 * j] += masked(w, on);
          cell[3 * j + 1] += masked(w2, on);
          cell[3 * j + 2] += masked(w, yes);
        }
      }
      if constexpr (Scored) {
        const double* x = d.score.data() + r * items;
        double* swx = s.wx.data() + b * items;
        for (std::size_t j = 0; j < items; ++j) {
          if (row[j] < 0) continue;
          if (!std::isfinite(x[j])) {
            return error.set(r, "rollup.score", "score",
                             "item " + std::to_string(j) + " is answered and needs a finite score");
          }
          swx[j] += w * x[j];
        }
      }
      s.row_done(b);
    }
  }

  // All ones when @p condition holds, else zero; masked(x, m) is x or +0.0 exactly, without a branch.
  static std::uint64_t mask_if(bool condition) noexcept { return std::uint64_t{0} - static_cast<std::uint64_t>(condition); }
  static double masked(double x, std::uint64_t mask) noexcept {
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & mask);
  }

  static std::string out_of_range(std::size_t value, std::size_t bound) {
    return "index " + std::to_string(value) + " is not below " + std::to_string(bound);
  }
  static std::string bad_weight(double w) { return "weights must be finite and positive, got " + std::to_string(w); }

  // Turns own-cell sums into estimator totals, pools them bottom-up and derives the estimates.
  RollupResult finish(Sums s, std::size_t items, std::size_t periods, bool weighted, bool scored,
                      unsigned workers) const {
    const UnitTree& tree = *tree_;
    const std::size_t stride = periods * items;
    const std::size_t cells = s.n.size();
    RollupResult out;
    out.tree_ = tree_;
    out.items_ = items;
    out.periods_ = periods;
    out.options_ = options_;
    out.z_ = z_;
    // Estimator totals: A (weight), A2 (Σ of squared final weights), AS (satisfied), AX (score).
    std::vector<double> a(cells, 0.0), a2(cells, 0.0), as(cells, 0.0), ax;
    if (scored) ax.assign(cells, 0.0);
    const bool by_households = options_.by == RollupWeighting::Households;
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
    out.rate_.assign(cells, nan);
    out.n_eff_.assign(cells, nan);
    out.low_.assign(cells, nan);
    out.high_.assign(cells, nan);
    if (scored) out.mean_score_.assign(cells, nan);
    const std::size_t chunk = (cells + workers - 1) / std::max(1u, workers);
    parallel(workers, [&](unsigned w) {
      const std::size_t begin = std::min(cells, w * chunk), end = std::min(cells, begin + chunk);
      for (std::size_t c = begin; c < end; ++c) {
        if (s.n[c] == 0) continue;
        const double rate = std::clamp(as[c] / a[c], 0.0, 1.0);
        const double n_eff = a[c] * a[c] / a2[c];
        const auto bounds = detail::rollup::wilson(rate, n_eff, z_);
        out.rate_[c] = rate;
        out.n_eff_[c] = n_eff;
        out.low_[c] = bounds.low;
        out.high_[c] = bounds.high;
        if (scored) out.mean_score_[c] = ax[c] / a[c];
      }
    });
    out.n_ = std::move(s.n);
    out.satisfied_ = std::move(s.k);
    out.weight_ = std::move(a);
    out.weighted_satisfied_ = std::move(as);
    return out;
  }

  std::shared_ptr<const UnitTree> tree_;
  RollupOptions options_;
  double z_ = 0.0;
};

}  // namespace massline::scoring
