#include <massline/network/coverage.hpp>
#include <massline/network/gaps.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

namespace massline::network {
namespace {

using testing::NetworkFixture;

std::size_t index(HouseholdCategory c) { return static_cast<std::size_t>(c); }

TEST(Coverage, CountsHouseholdsWithAResponsibleMember) {
  const NetworkFixture f;
  const Network net(f.r);
  const auto c = coverage(net);
  // h1 (assistance by m1) and h3 (contact by m2); h2's contact has ended, h4 is assisted by an
  // organisation, which is not a responsible member.
  EXPECT_EQ(c.households, 4U);
  EXPECT_EQ(c.covered_households, 2U);
  EXPECT_EQ(c.covered, (std::vector<std::uint8_t>{1, 0, 1, 0}));
  EXPECT_DOUBLE_EQ(*c.share(), 0.5);
  EXPECT_EQ(c.units, (std::vector<Vertex>{net.vertex_of(f.A), net.vertex_of(f.B)}));
  EXPECT_EQ(c.unit_households, (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(c.unit_covered, (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(c.category_households[index(HouseholdCategory::Difficult)], 2U);  // h1, h4
  EXPECT_EQ(c.category_covered[index(HouseholdCategory::Difficult)], 1U);     // h1
  EXPECT_EQ(c.category_households[index(HouseholdCategory::FourOlds)], 1U);
  EXPECT_EQ(c.category_covered[index(HouseholdCategory::FourOlds)], 0U);
  EXPECT_EQ(c.category_households[index(HouseholdCategory::Petitioner)], 0U);
}

TEST(Coverage, DependsOnTheDay) {
  const NetworkFixture f;
  EXPECT_EQ(coverage(Network(f.r, make_date(2024, 5, 1))).covered_households, 3U);  // + h2
  EXPECT_EQ(coverage(Network(f.r, make_date(2024, 2, 1))).covered_households, 2U);  // h1, h2
  EXPECT_EQ(coverage(Network(f.r, make_date(2023, 1, 1))).covered_households, 0U);
  const Registry empty;
  EXPECT_FALSE(coverage(Network(empty)).share().has_value());
}

TEST(MustVisitCoverage, ListsTheUncoveredMustVisitHouseholds) {
  const NetworkFixture f;
  const auto open = must_visit_coverage(Network(f.r));
  EXPECT_EQ(open.households, 2U);  // h2 (four olds), h4 (party central)
  EXPECT_EQ(open.covered_households, 0U);
  EXPECT_EQ(open.uncovered, (std::vector<HouseholdId>{f.h2, f.h4}));
  const auto may = must_visit_coverage(Network(f.r, make_date(2024, 5, 1)));
  EXPECT_EQ(may.covered_households, 1U);
  EXPECT_EQ(may.uncovered, (std::vector<HouseholdId>{f.h4}));
  EXPECT_DOUBLE_EQ(*may.share(), 0.5);
  const auto difficult = must_visit_coverage(Network(f.r), HouseholdCategories{HouseholdCategory::Difficult});
  EXPECT_EQ(difficult.households, 2U);
  EXPECT_EQ(difficult.uncovered, (std::vector<HouseholdId>{f.h4}));
  const auto none = must_visit_coverage(Network(f.r), HouseholdCategories{});
  EXPECT_EQ(none.households, 0U);
  EXPECT_FALSE(none.share().has_value());
}

TEST(Load, CountsDistinctHouseholdsPerMemberAndTheirGini) {
  NetworkFixture f;
  // A second pairing of m1 with h1 does not add to m1's load.
  f.r.add(NetworkFixture::pairing(PairingKind::ContactHousehold, f.m1, f.h1, make_date(2024, 1, 1)));
  const auto l = load(Network(f.r));
  EXPECT_EQ(l.households, (std::vector<std::uint32_t>{1, 1, 0, 0}));
  // sorted 0,0,1,1: (−3·0 − 1·0 + 1·1 + 3·1) / (4 · 2) = 0.5
  EXPECT_DOUBLE_EQ(*l.gini, 0.5);
  const auto may = load(Network(f.r, make_date(2024, 5, 1)));
  EXPECT_EQ(may.households, (std::vector<std::uint32_t>{2, 1, 0, 0}));
  EXPECT_DOUBLE_EQ(*may.gini, (-3.0 * 0 - 1.0 * 0 + 1.0 * 1 + 3.0 * 2) / (4.0 * 3));
}

TEST(Load, GiniOfEdgeCases) {
  EXPECT_FALSE(gini({}).has_value());
  EXPECT_FALSE(gini({0, 0}).has_value());
  EXPECT_DOUBLE_EQ(*gini({5, 5, 5}), 0.0);
  EXPECT_DOUBLE_EQ(*gini({0, 0, 0, 4}), 0.75);  // (n − 1) / n when one holds everything
}

TEST(ResponsibleMembers, AreTheMemberSourcesOfResponsibilityPairings) {
  const NetworkFixture f;
  const Network net(f.r, make_date(2024, 5, 1));
  EXPECT_EQ(responsible_members(net, net.vertex_of(f.h2)), std::vector<Vertex>{net.vertex_of(f.m1)});
  EXPECT_TRUE(responsible_members(net, net.vertex_of(f.h4)).empty());
  EXPECT_THROW((void)responsible_members(net, net.vertex_of(f.m1)), InvalidArgument);
}

TEST(Gaps, FindsUnstaffedUnitsIdleMembersAndUnassistedDifficultHouseholds) {
  const NetworkFixture f;
  const auto g = gaps(Network(f.r));
  EXPECT_EQ(g.units_without_members, std::vector<OrgId>{f.G});
  EXPECT_EQ(g.members_without_pairing, std::vector<MemberId>{f.m4});
  // h2 has the minimum living allowance and no assistance; h1 and h4 are assisted.
  EXPECT_EQ(g.difficult_without_assistance, std::vector<HouseholdId>{f.h2});
  const auto only_difficult = gaps(Network(f.r), HouseholdCategories{HouseholdCategory::Difficult});
  EXPECT_TRUE(only_difficult.difficult_without_assistance.empty());
  // Before 2024: nobody is paired, no difficult household is assisted.
  const auto early = gaps(Network(f.r, make_date(2023, 6, 1)));
  EXPECT_EQ(early.members_without_pairing, (std::vector<MemberId>{f.m1, f.m2, f.m3, f.m4}));
  EXPECT_EQ(early.difficult_without_assistance, (std::vector<HouseholdId>{f.h1, f.h2, f.h4}));
}

}  // namespace
}  // namespace massline::network
