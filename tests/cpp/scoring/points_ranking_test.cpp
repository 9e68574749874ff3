// Standings of a points ledger: totals over the period, manual adjustments included, ranks with
// ties, red and black lists by counts and by thresholds, per home organisation, and a bad rule.
#include <massline/scoring/points_ranking.hpp>

#include <gtest/gtest.h>

namespace massline::scoring {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

struct Fixture {
  Registry r;
  OrgId village, other;
  MemberId a, b, c;
  Fixture() {
    Organization v;
    v.code = "V";
    v.name = "V";
    v.level = OrgLevel::Community;
    village = r.add(v);
    v.code = "W";
    other = r.add(v);
    a = member(village);
    b = member(village);
    c = member(other);
  }
  MemberId member(OrgId home) {
    Member m;
    m.organization = home;
    return r.add(m);
  }
};

TEST(PointsRanking, RankAndListThroughScoring) {
  Fixture f;
  policy::PointsLedger ledger({"x"});
  auto entry = [&](MemberId m, double pts, Date day = d(2024, 6, 1)) {
    ledger.append({day, m, 0, pts, policy::PointsSource::Contact, 0, {}});
  };
  entry(f.a, 5);
  entry(f.b, 5);
  entry(f.c, 2);
  entry(f.c, 1, d(2025, 1, 1));  // next year
  ledger.append({d(2024, 7, 1), f.c, policy::kManualEntry, 4, policy::PointsSource::Manual, 0, "helped in the flood"});
  ListRule lists;
  lists.red_count = 1;
  lists.black_count = 1;
  const auto all = rank_points(f.r, ledger, Period::year(2024), PointsRankScope::All, lists);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_DOUBLE_EQ(all[2].points, 6);  // 2 + the adjustment
  EXPECT_EQ(all[2].entries, 2);
  EXPECT_EQ(all[2].rank, 1u);
  EXPECT_EQ(all[0].rank, 2u);
  EXPECT_EQ(all[1].rank, 2u);
  EXPECT_EQ(all[2].mark, ListMark::Red);
  EXPECT_EQ(all[0].mark, ListMark::Black);  // ties at the cut are all listed
  EXPECT_EQ(all[1].mark, ListMark::Black);
  const auto by_org = rank_points(f.r, ledger, Period::year(2024), PointsRankScope::HomeOrganization, ListRule{});
  EXPECT_EQ(by_org[0].rank, 1u);
  EXPECT_EQ(by_org[1].rank, 1u);
  EXPECT_EQ(by_org[2].rank, 1u);  // alone in its organisation
  EXPECT_EQ(by_org[2].mark, ListMark::None);
  // thresholds on points
  ListRule lines;
  lines.by_threshold = true;
  lines.red_at_least = 6;
  lines.black_below = 5.5;
  const auto marked = rank_points(f.r, ledger, Period::year(2024), PointsRankScope::All, lines);
  EXPECT_EQ(marked[2].mark, ListMark::Red);
  EXPECT_EQ(marked[0].mark, ListMark::Black);
  lists.min_sample = 2;
  EXPECT_THROW((void)rank_points(f.r, ledger, Period::year(2024), PointsRankScope::All, lists), InvalidArgument);
}

}  // namespace
}  // namespace massline::scoring
