#pragma once
/// @file
/// Rankings of units within a level and red/black lists (红黑榜, docs/domain.md §6) from roll-up
/// estimates. Row kernels work on parallel arrays (one row per estimate, grouped by a key)
/// so pandas frames and RollupResult share one implementation.

#include <massline/core/error.hpp>
#include <massline/scoring/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring {

/// Which number of an estimate orders the units.
enum class RankBasis : std::uint8_t {
  Estimate,    ///< the rate
  LowerBound,  ///< the interval's lower bound (conservative: good only when surely good)
  UpperBound   ///< the interval's upper bound
};

/// Parallel arrays of estimates, one row each. Rows with equal group are ranked together;
/// an empty group span puts every row in one group.
struct EstimateRows {
  std::span<const std::uint64_t> group;  ///< group key per row (e.g. level, item, period); empty = one group
  std::span<const std::uint64_t> n;      ///< answers behind each estimate
  std::span<const double> rate;          ///< point estimate
  std::span<const double> low;           ///< lower bound
  std::span<const double> high;          ///< upper bound

  /// Number of rows; throws InvalidArgument("ranking.size_mismatch") unless all spans agree.
  [[nodiscard]] std::size_t rows() const {
    const std::size_t r = n.size();
    const bool ok = rate.size() == r && low.size() == r && high.size() == r && (group.empty() || group.size() == r);
    require(ok, "ranking.size_mismatch", "estimate arrays differ in length", Location::of("estimates"));
    return r;
  }
  /// The value @p basis picks from row @p i.
  [[nodiscard]] double value(std::size_t i, RankBasis basis) const {
    switch (basis) {
      case RankBasis::LowerBound: return low[i];
      case RankBasis::UpperBound: return high[i];
      case RankBasis::Estimate: break;
    }
    return rate[i];
  }
  /// Group key of row @p i.
  [[nodiscard]] std::uint64_t group_of(std::size_t i) const { return group.empty() ? 0 : group[i]; }
};

/// Ranks rows within their group by the @p basis value, best (largest) first when
/// @p descending, smallest first otherwise. Tied values share the smallest rank ("1224"
/// competition ranking). Rows with n < @p min_sample or a NaN value get rank 0 (unranked)
/// and do not take a place.
[[nodiscard]] inline std::vector<std::uint32_t> rank_rows(const EstimateRows& rows, RankBasis basis,
                                                         std::uint64_t min_sample = 1, bool descending = true) {
  const std::size_t count = rows.rows();
  std::vector<std::size_t> order;
  order.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (rows.n[i] >= min_sample && !std::isnan(rows.value(i, basis))) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto ga = rows.group_of(a), gb = rows.group_of(b);
    if (ga != gb) return ga < gb;
    const double va = rows.value(a, basis), vb = rows.value(b, basis);
    if (va != vb) return descending ? va > vb : va < vb;
    return a < b;
  });
  std::vector<std::uint32_t> rank(count, 0);
  for (std::size_t k = 0, place = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const bool new_group = k == 0 || rows.group_of(order[k - 1]) != rows.group_of(i);
    if (new_group) place = 0;
    ++place;
    const bool tied = !new_group && rows.value(order[k - 1], basis) == rows.value(i, basis);
    rank[i] = tied ? rank[order[k - 1]] : static_cast<std::uint32_t>(place);
  }
  return rank;
}

/// Membership of a row in the red/black lists.
enum class ListMark : std::int8_t { Black = -1, None = 0, Red = 1 };

/// How red (honour) and black (shame) lists are drawn within each group. Red compares the
/// rate (or, with use_bounds, the lower bound); black compares the rate (or the upper
/// bound), so with bounds a unit is listed only when its whole interval clears the line.
struct ListRule {
  /// Top/bottom counts: red = rows ranked 1..red_count, black = rows ranked 1..black_count
  /// from the bottom (ties at the cut are all listed; a red row is never also black).
  static ListRule counts(std::size_t red_count, std::size_t black_count, bool use_bounds = false,
                         std::uint64_t min_sample = 1) {
    ListRule r;
    r.red_count = red_count;
    r.black_count = black_count;
    r.use_bounds = use_bounds;
    r.min_sample = min_sample;
    return r;
  }
  /// Thresholds: red when value >= red_at_least, black when value < black_below; either may
  /// be absent (that list stays empty).
  static ListRule thresholds(std::optional<double> red_at_least, std::optional<double> black_below,
                             bool use_bounds = false, std::uint64_t min_sample = 1) {
    ListRule r;
    r.by_threshold = true;
    r.red_at_least = red_at_least;
    r.black_below = black_below;
    r.use_bounds = use_bounds;
    r.min_sample = min_sample;
    return r;
  }

  bool by_threshold = false;              ///< thresholds instead of counts
  std::size_t red_count = 0;              ///< counts: size of the red list
  std::size_t black_count = 0;            ///< counts: size of the black list
  std::optional<double> red_at_least;     ///< thresholds: red line
  std::optional<double> black_below;      ///< thresholds: black line
  bool use_bounds = false;                ///< compare interval bounds instead of the rate
  std::uint64_t min_sample = 1;           ///< rows with fewer answers are never listed

  /// Throws InvalidArgument("lists.threshold") for a non-finite threshold or red_at_least <
  /// black_below (a row could then be both red and black).
  void check() const {
    const auto bad = [](const std::optional<double>& t) { return t && !std::isfinite(*t); };
    if (bad(red_at_least) || bad(black_below) ||
        (red_at_least && black_below && *red_at_least < *black_below)) {
      throw InvalidArgument("lists.threshold", "invalid red/black thresholds", Location::of("list rule"),
                            "need finite thresholds with red_at_least >= black_below");
    }
  }
};

/// Red/black marks for every row, lists drawn per group by @p rule.
[[nodiscard]] inline std::vector<ListMark> list_rows(const EstimateRows& rows, const ListRule& rule) {
  rule.check();
  const std::size_t count = rows.rows();
  const RankBasis red_basis = rule.use_bounds ? RankBasis::LowerBound : RankBasis::Estimate;
  const RankBasis black_basis = rule.use_bounds ? RankBasis::UpperBound : RankBasis::Estimate;
  std::vector<ListMark> mark(count, ListMark::None);
  if (!rule.by_threshold) {
    const auto top = rank_rows(rows, red_basis, rule.min_sample, true);
    const auto bottom = rank_rows(rows, black_basis, rule.min_sample, false);
    for (std::size_t i = 0; i < count; ++i) {
      if (top[i] != 0 && top[i] <= rule.red_count) mark[i] = ListMark::Red;
      else if (bottom[i] != 0 && bottom[i] <= rule.black_count) mark[i] = ListMark::Black;
    }
    return mark;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (rows.n[i] < rule.min_sample) continue;
    if (rule.red_at_least && rows.value(i, red_basis) >= *rule.red_at_least) mark[i] = ListMark::Red;
    else if (rule.black_below && rows.value(i, black_basis) < *rule.black_below) mark[i] = ListMark::Black;
  }
  return mark;
}

/// One unit's place in a ranking.
struct RankedUnit {
  UnitIndex unit = 0;       ///< unit index in the tree
  std::uint32_t rank = 0;   ///< competition rank, 1 = best
  std::uint64_t n = 0;      ///< answers
  double rate = 0.0;        ///< point estimate
  double low = 0.0;         ///< lower bound
  double high = 0.0;        ///< upper bound
};

/// Selects one (level, item, period) slice of a roll-up as estimate rows (units with
/// answers only, in unit order), remembering which unit each row is.
struct LevelSlice {
  std::vector<UnitIndex> unit;                       ///< unit of each row
  std::vector<std::uint64_t> n;                      ///< answers
  std::vector<double> rate, low, high;               ///< estimates
  /// Rows view of the slice (one group).
  [[nodiscard]] EstimateRows rows() const { return {{}, n, rate, low, high}; }

  /// Units of @p level with answers for (@p item, @p period); InvalidArgument for a bad item or period.
  static LevelSlice of(const RollupResult& result, int level, std::size_t item, std::size_t period) {
    LevelSlice s;
    for (const UnitIndex u : result.tree().units_at_level(level)) {
      const std::size_t c = result.cell(u, item, period);
      if (result.n()[c] == 0) continue;
      s.unit.push_back(u);
      s.n.push_back(result.n()[c]);
      s.rate.push_back(result.rate()[c]);
      s.low.push_back(result.low()[c]);
      s.high.push_back(result.high()[c]);
    }
    if (s.unit.empty()) (void)result.cell(0, item, period);  // still validate item and period
    return s;
  }
};

/// Ranks the units of @p level for (@p item, @p period), best first; ties share a rank and
/// are ordered by unit index. Units with fewer than @p min_sample answers are left out.
[[nodiscard]] inline std::vector<RankedUnit> rank_level(const RollupResult& result, int level, std::size_t item,
                                                        std::size_t period, RankBasis basis = RankBasis::Estimate,
                                                        std::uint64_t min_sample = 1) {
  const LevelSlice s = LevelSlice::of(result, level, item, period);
  const auto rank = rank_rows(s.rows(), basis, min_sample, true);
  std::vector<RankedUnit> out;
  for (std::size_t i = 0; i < s.unit.size(); ++i) {
    if (rank[i] != 0) out.push_back({s.unit[i], rank[i], s.n[i], s.rate[i], s.low[i], s.high[i]});
  }
  std::stable_sort(out.begin(), out.end(), [](const RankedUnit& a, const RankedUnit& b) { return a.rank < b.rank; });
  return out;
}

/// The red and black lists of one level slice; rank is the unit's rank by rate.
struct RedBlackLists {
  std::vector<RankedUnit> red;    ///< honour list, best first
  std::vector<RankedUnit> black;  ///< shame list, worst first
};

/// Draws the red/black lists of @p level for (@p item, @p period) by @p rule.
[[nodiscard]] inline RedBlackLists red_black_lists(const RollupResult& result, int level, std::size_t item,
                                                   std::size_t period, const ListRule& rule) {
  const LevelSlice s = LevelSlice::of(result, level, item, period);
  const auto marks = list_rows(s.rows(), rule);
  const auto rank = rank_rows(s.rows(), RankBasis::Estimate, 1, true);
  RedBlackLists out;
  for (std::size_t i = 0; i < s.unit.size(); ++i) {
    const RankedUnit r{s.unit[i], rank[i], s.n[i], s.rate[i], s.low[i], s.high[i]};
    if (marks[i] == ListMark::Red) out.red.push_back(r);
    if (marks[i] == ListMark::Black) out.black.push_back(r);
  }
  const auto by_rank = [](const RankedUnit& a, const RankedUnit& b) { return a.rank < b.rank; };
  std::stable_sort(out.red.begin(), out.red.end(), by_rank);
  std::stable_sort(out.black.begin(), out.black.end(), [&](const RankedUnit& a, const RankedUnit& b) { return by_rank(b, a); });
  return out;
}

}  // namespace massline::scoring
