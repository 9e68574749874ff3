#include <massline/scoring/ranking.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace massline::scoring {
namespace {

template <class E, class Fn>
void expect_code(const std::string& code, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected " << code << " but nothing was thrown";
  } catch (const E& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

struct Rows {
  std::vector<std::uint64_t> group, n;
  std::vector<double> rate, low, high;
  [[nodiscard]] EstimateRows view() const { return {group, n, rate, low, high}; }
};

TEST(RankRows, CompetitionRanksWithinGroups) {
  Rows r;
  r.group = {0, 0, 0, 0, 1, 1, 0};
  r.n = {10, 10, 10, 2, 10, 10, 10};
  r.rate = {0.9, 0.7, 0.9, 1.0, 0.5, 0.6, std::nan("")};
  r.low = {0.6, 0.65, 0.7, 0.3, 0.4, 0.3, std::nan("")};
  r.high = {0.97, 0.8, 0.96, 1.0, 0.6, 0.8, std::nan("")};
  // Ties share the smallest rank, the next rank skips; NaN and small samples are unranked.
  EXPECT_EQ(rank_rows(r.view(), RankBasis::Estimate, 5), (std::vector<std::uint32_t>{1, 3, 1, 0, 2, 1, 0}));
  EXPECT_EQ(rank_rows(r.view(), RankBasis::Estimate, 1), (std::vector<std::uint32_t>{2, 4, 2, 1, 2, 1, 0}));
  EXPECT_EQ(rank_rows(r.view(), RankBasis::LowerBound, 5), (std::vector<std::uint32_t>{3, 2, 1, 0, 1, 2, 0}));
  EXPECT_EQ(rank_rows(r.view(), RankBasis::UpperBound, 5, false), (std::vector<std::uint32_t>{3, 1, 2, 0, 1, 2, 0}));
  r.group.clear();  // one group
  EXPECT_EQ(rank_rows(r.view(), RankBasis::Estimate, 5), (std::vector<std::uint32_t>{1, 3, 1, 0, 5, 4, 0}));
  r.rate.pop_back();
  expect_code<InvalidArgument>("ranking.size_mismatch", [&] { (void)rank_rows(r.view(), RankBasis::Estimate); });
}

TEST(ListRows, CountsAndThresholds) {
  Rows r;
  r.n = {50, 50, 50, 50, 50, 3};
  r.rate = {0.95, 0.90, 0.85, 0.70, 0.60, 0.10};
  r.low = {0.85, 0.79, 0.74, 0.56, 0.46, 0.01};
  r.high = {0.99, 0.96, 0.92, 0.81, 0.72, 0.5};
  using M = ListMark;
  EXPECT_EQ(list_rows(r.view(), ListRule::counts(2, 1, false, 10)), (std::vector<M>{M::Red, M::Red, M::None, M::None, M::Black, M::None}));
  EXPECT_EQ(list_rows(r.view(), ListRule::counts(1, 2)), (std::vector<M>{M::Red, M::None, M::None, M::None, M::Black, M::Black}));
  // Overlap: with 3 rows and red 2 + black 2, a red row is not also black.
  Rows small;
  small.n = {10, 10, 10};
  small.rate = {0.9, 0.8, 0.7};
  small.low = small.rate;
  small.high = small.rate;
  EXPECT_EQ(list_rows(small.view(), ListRule::counts(2, 2)), (std::vector<M>{M::Red, M::Red, M::Black}));
  // Ties at the cut are all listed.
  small.rate = {0.9, 0.9, 0.7};
  EXPECT_EQ(list_rows(small.view(), ListRule::counts(1, 0)), (std::vector<M>{M::Red, M::Red, M::None}));

  EXPECT_EQ(list_rows(r.view(), ListRule::thresholds(0.9, 0.8, false, 10)), (std::vector<M>{M::Red, M::Red, M::None, M::Black, M::Black, M::None}));
  // With bounds: red needs low >= 0.8, black needs high < 0.8.
  EXPECT_EQ(list_rows(r.view(), ListRule::thresholds(0.8, 0.8, true, 10)), (std::vector<M>{M::Red, M::None, M::None, M::None, M::Black, M::None}));
  EXPECT_EQ(list_rows(r.view(), ListRule::thresholds(std::nullopt, 0.8)), (std::vector<M>{M::None, M::None, M::None, M::Black, M::Black, M::Black}));
  expect_code<InvalidArgument>("lists.threshold", [&] { (void)list_rows(r.view(), ListRule::thresholds(0.7, 0.8)); });
  expect_code<InvalidArgument>("lists.threshold", [&] { (void)list_rows(r.view(), ListRule::thresholds(std::nan(""), 0.8)); });
}

// Root 0; communities 1, 2 (level 2); grids 3..6 (level 3). Item 0, one period.
RollupResult fixture() {
  std::vector<UnitIndex> unit;
  std::vector<std::uint8_t> sat;
  const auto add = [&](UnitIndex u, int yes, int total) {
    for (int k = 0; k < total; ++k) {
      unit.push_back(u);
      sat.push_back(static_cast<std::uint8_t>(k < yes ? 1 : 0));
    }
  };
  add(3, 18, 20);  // 0.90
  add(4, 40, 50);  // 0.80
  add(5, 9, 10);   // 0.90 (tie with unit 3, fewer answers)
  add(6, 1, 4);    // 0.25
  const std::vector<std::uint32_t> item(unit.size(), 0);
  AnswerColumns c;
  c.unit = unit;
  c.item = item;
  c.satisfied = sat;
  return Rollup(UnitTree::from_parents(std::vector<std::int64_t>{-1, 0, 0, 1, 1, 2, 2})).run(c);
}

TEST(RankLevel, RanksUnitsOfOneLevel) {
  const RollupResult r = fixture();
  const auto ranking = rank_level(r, 3, 0, 0);
  ASSERT_EQ(ranking.size(), 4u);
  EXPECT_EQ(ranking[0].unit, 3u);
  EXPECT_EQ(ranking[0].rank, 1u);
  EXPECT_EQ(ranking[1].unit, 5u);
  EXPECT_EQ(ranking[1].rank, 1u);
  EXPECT_EQ(ranking[2].unit, 4u);
  EXPECT_EQ(ranking[2].rank, 3u);
  EXPECT_EQ(ranking[3].unit, 6u);
  EXPECT_EQ(ranking[3].n, 4u);
  EXPECT_DOUBLE_EQ(ranking[3].rate, 0.25);
  // By lower bound the larger sample wins the tie.
  const auto cautious = rank_level(r, 3, 0, 0, RankBasis::LowerBound, 5);
  ASSERT_EQ(cautious.size(), 3u);
  EXPECT_EQ(cautious[0].unit, 3u);
  EXPECT_EQ(cautious[1].unit, 4u);  // 0.8 on 50 has a higher lower bound than 0.9 on 10
  EXPECT_EQ(cautious[2].unit, 5u);
  const auto level2 = rank_level(r, 2, 0, 0);
  ASSERT_EQ(level2.size(), 2u);
  EXPECT_EQ(level2[0].unit, 1u);  // 58/70 vs 10/14
  EXPECT_TRUE(rank_level(r, 4, 0, 0).empty());
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)rank_level(r, 3, 1, 0); });
  expect_code<InvalidArgument>("rollup.cell_out_of_range", [&] { (void)rank_level(r, 4, 0, 1); });
}

TEST(RedBlackLists, DrawsListsOfOneLevel) {
  const RollupResult r = fixture();
  const auto lists = red_black_lists(r, 3, 0, 0, ListRule::counts(1, 1));
  ASSERT_EQ(lists.red.size(), 2u);  // tie at the top
  EXPECT_EQ(lists.red[0].unit, 3u);
  EXPECT_EQ(lists.red[1].unit, 5u);
  ASSERT_EQ(lists.black.size(), 1u);
  EXPECT_EQ(lists.black[0].unit, 6u);
  EXPECT_EQ(lists.black[0].rank, 4u);
  const auto by_line = red_black_lists(r, 3, 0, 0, ListRule::thresholds(0.85, 0.8));
  EXPECT_EQ(by_line.red.size(), 2u);
  ASSERT_EQ(by_line.black.size(), 1u);
  EXPECT_EQ(by_line.black[0].unit, 6u);
  const auto cautious = red_black_lists(r, 3, 0, 0, ListRule::thresholds(0.85, 0.8, true));
  EXPECT_TRUE(cautious.red.empty());  // no lower bound reaches 0.85
  EXPECT_EQ(cautious.black.size(), 1u);  // 1/4: upper bound ~0.70 < 0.8
}

}  // namespace
}  // namespace massline::scoring
