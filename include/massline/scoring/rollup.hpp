#pragma once
/// @file
/// Satisfaction roll-ups: per (unit, item, period) counts, rates, Wilson intervals and mean
/// scores from flat response arrays, pooled up a UnitTree weighted by respondents or by
/// households. Single pass into flat per-cell arrays, then one bottom-up propagation; the
/// kernels are in scoring/detail/rollup_*.hpp. Formulas and options: docs/rollup.md.

#include <massline/core/error.hpp>
#include <massline/model/unit_tree.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring {

namespace detail {
struct RollupSums;
}  // namespace detail

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
  explicit Rollup(std::shared_ptr<const UnitTree> tree, RollupOptions options = {});
  /// Engine on a copy of @p tree.
  explicit Rollup(UnitTree tree, RollupOptions options = {});

  /// Rolls up answers in the long layout. Throws InvalidArgument on bad input: codes
  /// "rollup.size_mismatch", "rollup.dimensions", "rollup.unit_out_of_range",
  /// "rollup.item_out_of_range", "rollup.period_out_of_range", "rollup.satisfied",
  /// "rollup.weight", "rollup.score", "rollup.no_unit_size" (household weighting of a unit of size 0).
  [[nodiscard]] RollupResult run(const AnswerColumns& data) const;

  /// Rolls up responses in the wide layout; same errors as the long layout.
  [[nodiscard]] RollupResult run(const ResponseMatrix& data) const;

  [[nodiscard]] const UnitTree& tree() const noexcept { return *tree_; }        ///< the tree
  [[nodiscard]] const RollupOptions& options() const noexcept { return options_; }  ///< the options

  /// Largest count a block's 8-bit counters hold before they are flushed (see
  /// detail::RollupSums).
  static constexpr std::uint8_t kBlockFlushAt = 255;

 private:
  // Accumulates @p data, pools the own-cell sums up the tree and derives the estimates; redoes
  // the accumulation with rescaled weights when a sum left the range of double (rare).
  template <class Data>
  RollupResult finish(const Data& data, unsigned workers) const;

  std::shared_ptr<const UnitTree> tree_;
  RollupOptions options_;
  double z_ = 0.0;
};

}  // namespace massline::scoring
