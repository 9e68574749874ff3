// The roll-up engine (see rollup.hpp): input checks, then the kernels of scoring/detail:
// accumulate the rows, pool the sums up the tree.
#include <massline/scoring/rollup.hpp>

#include <massline/scoring/detail/rollup_accumulate.hpp>
#include <massline/scoring/detail/rollup_pool.hpp>
#include <massline/scoring/detail/rollup_sums.hpp>
#include <massline/scoring/detail/rollup_workers.hpp>
#include <massline/scoring/distributions.hpp>

#include <string>
#include <utility>

namespace massline::scoring {

namespace {

void check_length(std::size_t got, std::size_t want, const char* field, bool required) {
  if (got == want || (!required && got == 0)) return;
  throw InvalidArgument("rollup.size_mismatch", "response arrays differ in length", Location::of("responses", field),
                        std::string(field) + " has " + std::to_string(got) + " values, expected " +
                            std::to_string(want));
}

}  // namespace

Rollup::Rollup(std::shared_ptr<const UnitTree> tree, RollupOptions options)
    : tree_(std::move(tree)), options_(options) {
  require(tree_ != nullptr, "rollup.no_tree", "the roll-up needs a unit tree");
  options_.check();
  z_ = normal_critical(options_.confidence);
}

Rollup::Rollup(UnitTree tree, RollupOptions options)
    : Rollup(std::make_shared<const UnitTree>(std::move(tree)), options) {}

RollupResult Rollup::run(const AnswerColumns& data) const {
  const std::size_t rows = data.unit.size();
  check_length(data.item.size(), rows, "item", true);
  check_length(data.satisfied.size(), rows, "satisfied", true);
  check_length(data.weight.size(), rows, "weight", false);
  check_length(data.period.size(), rows, "period", false);
  check_length(data.score.size(), rows, "score", false);
  const unsigned workers = detail::rollup_workers(rows, options_.threads);
  return finish(data, workers);
}

RollupResult Rollup::run(const ResponseMatrix& data) const {
  const std::size_t rows = data.unit.size();
  require(data.items > 0, "rollup.dimensions", "the roll-up needs at least one item",
          Location::of("response matrix", "items"));
  check_length(data.satisfied.size(), rows * data.items, "satisfied", true);
  check_length(data.weight.size(), rows, "weight", false);
  check_length(data.period.size(), rows, "period", false);
  check_length(data.score.size(), rows * data.items, "score", false);
  const unsigned workers = detail::rollup_workers(rows, options_.threads);
  return finish(data, workers);
}

template <class Data>
RollupResult Rollup::finish(const Data& data, unsigned workers) const {
  const auto units = static_cast<UnitIndex>(tree_->size());
  detail::RollupSums sums = detail::accumulate(data, units, workers);
  RollupResult out;
  out.tree_ = tree_;
  out.items_ = sums.items;
  out.periods_ = sums.periods;
  out.options_ = options_;
  out.z_ = z_;
  const bool weighted = sums.weighted, scored = sums.scored;
  detail::RollupCells cells = detail::pool(std::move(sums), *tree_, options_.by, z_, workers);
  if (cells.out_of_range) {
    // Rare: weights so large (or small), or scores so large, that a sum overflowed (or a sum of
    // squares lost its digits). Accumulate once more with every weight and every score scaled by
    // a power of two; the rates and means come out as if summed exactly.
    const detail::RollupRescale rescale{weighted ? detail::rescale_exponent(data.weight) : 0,
                                        scored ? detail::score_rescale_exponent(data.score) : 0};
    if (rescale.weight != 0 || rescale.score != 0) {
      cells = detail::pool(detail::accumulate(data, units, workers, rescale), *tree_, options_.by, z_, workers);
    }
  }
  if (cells.out_of_range) {
    throw InvalidArgument("rollup.overflow", "sums of the roll-up are not representable", Location::of("responses"),
                          weighted ? "the survey weights span too wide a range (their ratio beyond about 1e270) or the "
                                     "scores are so large that their weighted sums overflow; divide them by a constant"
                                   : "the scores are so large that their sums overflow; divide them by a constant");
  }
  out.n_ = std::move(cells.n);
  out.satisfied_ = std::move(cells.satisfied);
  out.weight_ = std::move(cells.weight);
  out.weighted_satisfied_ = std::move(cells.weighted_satisfied);
  out.rate_ = std::move(cells.rate);
  out.n_eff_ = std::move(cells.n_eff);
  out.low_ = std::move(cells.low);
  out.high_ = std::move(cells.high);
  out.mean_score_ = std::move(cells.mean_score);
  return out;
}

}  // namespace massline::scoring
