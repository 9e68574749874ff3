// The accumulation pass of a roll-up (see rollup_accumulate.hpp): one loop over the rows,
// templated on how a row of each layout reaches its cells.
#include <massline/scoring/detail/rollup_accumulate.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/scoring/detail/rollup_workers.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace massline::scoring::detail {

namespace {

// First bad row a worker met (rows are checked in order, so the smallest over workers is the
// first bad row of the input).
struct RowError {
  std::size_t row = std::numeric_limits<std::size_t>::max();
  const char* code = "";
  const char* field = "";
  std::string why;
  // Records the error; returns false so that checks can `return error.set(...)`.
  bool set(std::size_t r, const char* c, const char* f, std::string w) {
    row = r;
    code = c;
    field = f;
    why = std::move(w);
    return false;
  }
};

std::string out_of_range(std::size_t value, std::size_t bound) {
  return "index " + std::to_string(value) + " is not below " + std::to_string(bound);
}
std::string bad_weight(double w) { return "weights must be finite and positive, got " + std::to_string(w); }

// The error paths of the wide layout, kept out of line so that the hot row functions stay
// small enough to be inlined into the loop.
[[gnu::cold, gnu::noinline]] bool bad_wide_satisfied(std::size_t r, const std::int8_t* row, std::size_t items,
                                                     RowError& error) {
  const auto j = static_cast<std::size_t>(std::find_if(row, row + items, [](std::int8_t v) { return v > 1; }) - row);
  return error.set(r, "rollup.satisfied", "satisfied",
                   "item " + std::to_string(j) + " must be 1, 0 or negative (not answered), got " + std::to_string(row[j]));
}
[[gnu::cold, gnu::noinline]] bool bad_wide_score(std::size_t r, std::size_t j, RowError& error) {
  return error.set(r, "rollup.score", "score", "item " + std::to_string(j) + " is answered and needs a finite score");
}

// Rows are visited in input order but their blocks are scattered over memory, so the loop is
// bound by memory latency; touching the cells of the row kAhead rows ahead lets those misses
// overlap with the work on the current row. The prefetch functions are always inlined: gcc
// counts a prefetch as no side effect, so a prefetching function left out of line is judged
// pure and its call dropped.
constexpr std::size_t kAhead = 12;
[[gnu::always_inline]] inline void prefetch(const void* address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address, 1, 1);
#else
  (void)address;
#endif
}
[[gnu::always_inline]] inline void prefetch_range(const void* first, std::size_t bytes) noexcept {
  const auto* p = static_cast<const char*>(first);
  for (std::size_t offset = 0; offset < bytes; offset += 64) prefetch(p + offset);
  prefetch(p + bytes - 1);
}

// All ones when @p condition holds, else zero; masked(x, m) is x or +0.0 exactly, without a branch.
std::uint64_t mask_if(bool condition) noexcept { return std::uint64_t{0} - static_cast<std::uint64_t>(condition); }
double masked(double x, std::uint64_t mask) noexcept { return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & mask); }

// Adds one wide row to its block's counters: satisfied += (v == 1), answered += (v >= 0) per
// item. Eight items at a time in one 64-bit word (SWAR): the counters never exceed 255, so byte
// lanes cannot carry into each other. Returns true when an item is above 1.
bool count_row(const std::int8_t* row, std::uint8_t* satisfied, std::uint8_t* answered, std::size_t items) noexcept {
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

// The columns both layouts share: one unit, period and weight per row. The hot functions
// below copy what they read into locals first: the byte and double stores of the sums could
// alias anything reached through `this` or a reference, which would force a reload per item.
struct RowColumns {
  std::span<const UnitIndex> unit;
  std::span<const std::uint32_t> period;  // empty = period 0
  std::span<const double> weight;         // empty = weight 1
  std::size_t items = 1;
  std::size_t periods = 1;
};

// Row access of the long layout: row r is one answer, to the one cell of item item[r].
struct LongRows : RowColumns {
  std::span<const std::uint32_t> item;
  std::span<const std::uint8_t> satisfied;
  std::span<const double> score;

  explicit LongRows(const AnswerColumns& d)
      : RowColumns{d.unit, d.period, d.weight, d.items, d.periods}, item(d.item), satisfied(d.satisfied), score(d.score) {}

  // Touches the cell that row r of block b will update.
  template <bool Weighted, bool Scored>
  [[gnu::always_inline]] void prefetch_cells(RollupSums& s, std::size_t b, std::size_t r) const noexcept {
    const std::uint32_t i = item[r];
    if (i >= items) return;
    prefetch(s.block(b) + i);
    prefetch(s.block(b) + items + i);
    if constexpr (Weighted) prefetch_range(s.wsum.data() + 3 * (b * items + i), 3 * sizeof(double));
    if constexpr (Scored) prefetch(s.wx.data() + b * items + i);
  }
  // Checks what places row r besides its unit and period: the item.
  bool check_cells(std::size_t r, RowError& error) const {
    if (item[r] >= items) return error.set(r, "rollup.item_out_of_range", "item", out_of_range(item[r], items));
    return true;
  }
  // Adds row r to the 8-bit counters of block b; false on a satisfied value other than 0 or 1.
  bool count(std::size_t r, RollupSums& s, std::size_t b, RowError& error) const {
    const std::uint8_t sat = satisfied[r];
    if (sat > 1) return error.set(r, "rollup.satisfied", "satisfied", "must be 0 or 1, got " + std::to_string(sat));
    const std::uint32_t i = item[r];
    std::uint8_t* blk = s.block(b);
    blk[i] = static_cast<std::uint8_t>(blk[i] + sat);
    ++blk[items + i];
    return true;
  }
  // Adds row r's weight @p w to (Σw, Σw², Σw·s) of its cell.
  void add_weight(std::size_t r, double w, RollupSums& s, std::size_t b) const noexcept {
    double* cell = s.wsum.data() + 3 * (b * items + item[r]);
    cell[0] += w;
    cell[1] += w * w;
    cell[2] += masked(w, mask_if(satisfied[r] != 0));
  }
  // Adds w·x to its cell; false on a non-finite score.
  bool add_score(std::size_t r, double w, RollupSums& s, std::size_t b, RowError& error) const {
    const double x = score[r];
    if (!std::isfinite(x)) return error.set(r, "rollup.score", "score", "an answered item needs a finite score");
    s.wx[b * items + item[r]] += w * x;
    return true;
  }
};

// Row access of the wide layout: row r is one response, to every item of its block (a negative
// value = not answered).
struct WideRows : RowColumns {
  const std::int8_t* satisfied;  // rows × items
  const double* score;           // rows × items, or null

  explicit WideRows(const ResponseMatrix& d)
      : RowColumns{d.unit, d.period, d.weight, d.items, d.periods}, satisfied(d.satisfied.data()), score(d.score.data()) {}

  // Touches the whole block b, which every response updates.
  template <bool Weighted, bool Scored>
  [[gnu::always_inline]] void prefetch_cells(RollupSums& s, std::size_t b, std::size_t /*r*/) const noexcept {
    const std::size_t n = items;
    prefetch_range(s.block(b), 2 * n + 1);
    if constexpr (Weighted) prefetch_range(s.wsum.data() + 3 * b * n, 3 * n * sizeof(double));
    if constexpr (Scored) prefetch_range(s.wx.data() + b * n, n * sizeof(double));
  }
  // A response's cells are its block's items; nothing more to check.
  static bool check_cells(std::size_t /*r*/, RowError& /*error*/) noexcept { return true; }
  // Adds row r to the 8-bit counters of block b; false on an item above 1 (the counts just
  // added are discarded with the result).
  bool count(std::size_t r, RollupSums& s, std::size_t b, RowError& error) const {
    const std::size_t n = items;
    const std::int8_t* row = satisfied + r * n;
    std::uint8_t* blk = s.block(b);
    if (!count_row(row, blk, blk + n, n)) [[likely]] return true;
    return bad_wide_satisfied(r, row, n, error);
  }
  // Adds row r's weight @p w to (Σw, Σw², Σw·s) of every answered item.
  void add_weight(std::size_t r, double w, RollupSums& s, std::size_t b) const noexcept {
    const std::size_t n = items;
    const std::int8_t* row = satisfied + r * n;
    const double w2 = w * w;
    double* cell = s.wsum.data() + 3 * b * n;
    for (std::size_t j = 0; j < n; ++j) {
      // Masks instead of selects: answers are random, so branches would mispredict.
      const std::uint64_t on = mask_if(row[j] >= 0), yes = mask_if(row[j] == 1);
      cell[3 * j] += masked(w, on);
      cell[3 * j + 1] += masked(w2, on);
      cell[3 * j + 2] += masked(w, yes);
    }
  }
  // Adds w·x of every answered item; false on a non-finite score of an answered item.
  bool add_score(std::size_t r, double w, RollupSums& s, std::size_t b, RowError& error) const {
    const std::size_t n = items;
    const std::int8_t* row = satisfied + r * n;
    const double* x = score + r * n;
    double* swx = s.wx.data() + b * n;
    for (std::size_t j = 0; j < n; ++j) {
      if (row[j] < 0) continue;
      if (!std::isfinite(x[j])) [[unlikely]] return bad_wide_score(r, j, error);
      swx[j] += w * x[j];
    }
    return true;
  }
};

// Rows between two looks at the cancellation flag (a few milliseconds of work).
constexpr std::size_t kCancelCheckRows = std::size_t{1} << 16;

// The accumulation loop: one worker's pass over all rows, for the units in [lo, hi). Checks in
// the order unit, cells (item), period, satisfied, weight, score, so the first problem of a row
// is the one reported.
template <bool Weighted, bool Scored, class Rows>
void accumulate_range(const Rows& rows, RollupSums& s, UnitIndex lo, UnitIndex hi, RowError& error) {
  const std::span<const UnitIndex> unit = rows.unit;
  const std::span<const std::uint32_t> periods_of = rows.period;
  const std::span<const double> weight = rows.weight;
  const std::size_t count = unit.size();
  const std::size_t units = s.units;
  const std::size_t periods = rows.periods;
  const bool has_period = !periods_of.empty();
  const UnitIndex width = hi - lo;
  // 2^-e, with e clamped to >= -1022 so the factor is a finite double; 2^-k for the scores.
  const double scale = std::ldexp(1.0, -std::max(s.rescale.weight, -1022));
  const double score_scale = std::ldexp(1.0, -s.rescale.score);
  for (std::size_t r = 0; r < count; ++r) {
    if (r % kCancelCheckRows == 0 && cancellation_requested()) return;  // accumulate_rows throws
    if (r + kAhead < count) {
      const UnitIndex v = unit[r + kAhead];
      const std::uint32_t vt = has_period ? periods_of[r + kAhead] : 0u;
      if (v - lo < width && vt < periods) {
        rows.template prefetch_cells<Weighted, Scored>(s, static_cast<std::size_t>(v) * periods + vt, r + kAhead);
      }
    }
    const UnitIndex u = unit[r];
    if (u - lo >= width) {  // not this worker's unit (unsigned wrap covers u < lo)
      if (u >= units) {
        error.set(r, "rollup.unit_out_of_range", "unit", out_of_range(u, units));
        return;
      }
      continue;
    }
    if (!rows.check_cells(r, error)) return;
    const std::uint32_t period = has_period ? periods_of[r] : 0u;
    if (period >= periods) {
      error.set(r, "rollup.period_out_of_range", "period", out_of_range(period, periods));
      return;
    }
    const std::size_t b = static_cast<std::size_t>(u) * periods + period;
    if (!rows.count(r, s, b, error)) return;
    double w = 1.0;
    if constexpr (Weighted) {
      w = weight[r];
      if (!(w > 0.0) || !std::isfinite(w)) {
        error.set(r, "rollup.weight", "weight", bad_weight(w));
        return;
      }
      w *= scale;  // 1 but on the rare rescaled second accumulation: exact
      rows.add_weight(r, w, s, b);
    }
    if constexpr (Scored) {
      if (!rows.add_score(r, w * score_scale, s, b, error)) return;  // 1 but on the rescaled pass
    }
    s.row_done(b);
  }
}

// Checks the dimensions, then runs accumulate_range on every worker's unit range, with the
// weighted / scored variant chosen once; throws at the first bad row of the input.
template <class Rows>
RollupSums accumulate_rows(const Rows& rows, bool weighted, bool scored, UnitIndex units, unsigned workers,
                           RollupRescale rescale) {
  require(rows.items > 0, "rollup.dimensions", "the roll-up needs at least one item", Location::of("responses", "items"));
  require(rows.periods > 0, "rollup.dimensions", "the roll-up needs at least one period",
          Location::of("responses", "periods"));
  require(units == 0 || rows.items <= std::numeric_limits<std::size_t>::max() / 4 / rows.periods / units,
          "rollup.dimensions", "units × periods × items overflows", Location::of("responses", "items"));
  RollupSums sums(units, rows.periods, rows.items, weighted, scored);
  sums.rescale.weight = weighted ? std::max(rescale.weight, -1022) : 0;
  sums.rescale.score = scored ? std::clamp(rescale.score, 0, 1022) : 0;
  const std::vector<UnitIndex> cuts = partition_units(rows.unit, units, workers);
  const auto ranges = static_cast<unsigned>(cuts.size() - 1);
  std::vector<RowError> errors(ranges);
  run_workers(ranges, [&](unsigned w) {
    const UnitIndex lo = cuts[w], hi = cuts[w + 1];
    const auto pass = [&]<bool Weighted, bool Scored>() {
      accumulate_range<Weighted, Scored>(rows, sums, lo, hi, errors[w]);
    };
    if (weighted) {
      if (scored) pass.template operator()<true, true>();
      else pass.template operator()<true, false>();
    } else {
      if (scored) pass.template operator()<false, true>();
      else pass.template operator()<false, false>();
    }
    for (std::size_t b = std::size_t{lo} * rows.periods; b < std::size_t{hi} * rows.periods; ++b) sums.flush(b);
  });
  throw_if_cancelled();  // a worker that stopped early left its sums incomplete
  const auto first =
      std::min_element(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.row < b.row; });
  if (first != errors.end() && !first->why.empty()) {
    throw InvalidArgument(first->code, "invalid response data",
                          Location::of("response row " + std::to_string(first->row), first->field), first->why);
  }
  sums.small = {};
  return sums;
}

}  // namespace

RollupSums accumulate(const AnswerColumns& data, UnitIndex units, unsigned workers, RollupRescale rescale) {
  return accumulate_rows(LongRows(data), !data.weight.empty(), !data.score.empty(), units, workers, rescale);
}

RollupSums accumulate(const ResponseMatrix& data, UnitIndex units, unsigned workers, RollupRescale rescale) {
  return accumulate_rows(WideRows(data), !data.weight.empty(), !data.score.empty(), units, workers, rescale);
}

int rescale_exponent(std::span<const double> weights) noexcept {
  double top = 0.0;
  for (double w : weights) top = std::max(top, w);  // checked positive and finite already
  return top > 0.0 ? std::ilogb(top) - 400 : 0;
}

int score_rescale_exponent(std::span<const double> scores) noexcept {
  double top = 0.0;
  for (double x : scores) {
    if (std::isfinite(x)) top = std::max(top, std::abs(x));  // unanswered wide cells may hold anything
  }
  return top > 0.0 ? std::max(std::ilogb(top) - 400, 0) : 0;
}

}  // namespace massline::scoring::detail
