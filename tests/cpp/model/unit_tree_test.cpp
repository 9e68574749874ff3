#include <massline/model/unit_tree.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace massline {
namespace {

// 0 county; 1, 2 townships; 3, 4 communities under 1, 5 under 2; grids 6, 7 under 3, 8 under 4, 9 under 5.
const std::vector<std::int64_t> kParent{-1, 0, 0, 1, 1, 2, 3, 3, 4, 5};
const std::vector<std::int64_t> kLevel{1, 2, 2, 3, 3, 3, 4, 4, 4, 4};
const std::vector<double> kSize{0, 0, 0, 0, 0, 0, 10, 20, 30, 40};

std::vector<UnitIndex> to_vector(std::span<const UnitIndex> s) { return {s.begin(), s.end()}; }

template <class E, class Fn>
void expect_code(const std::string& code, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected " << code << " but nothing was thrown";
  } catch (const E& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

TEST(UnitTree, FromParentsBuildsCsrLevelsAndOrders) {
  const UnitTree t = UnitTree::from_parents(kParent, kLevel, kSize);
  ASSERT_EQ(t.size(), 10u);
  EXPECT_TRUE(t.is_root(0));
  EXPECT_EQ(t.parent(0), kNoUnit);
  EXPECT_EQ(t.parent(7), 3u);
  EXPECT_EQ(t.level(0), 1);
  EXPECT_EQ(t.level(9), 4);
  EXPECT_EQ(to_vector(t.children(0)), (std::vector<UnitIndex>{1, 2}));
  EXPECT_EQ(to_vector(t.children(1)), (std::vector<UnitIndex>{3, 4}));
  EXPECT_EQ(to_vector(t.children(3)), (std::vector<UnitIndex>{6, 7}));
  EXPECT_TRUE(t.children(9).empty());
  EXPECT_EQ(t.child_offsets().size(), 11u);
  EXPECT_EQ(t.child_list().size(), 9u);
  EXPECT_EQ(to_vector(t.units_at_level(3)), (std::vector<UnitIndex>{3, 4, 5}));
  EXPECT_EQ(to_vector(t.units_at_level(4)), (std::vector<UnitIndex>{6, 7, 8, 9}));
  EXPECT_TRUE(t.units_at_level(5).empty());
  EXPECT_TRUE(t.units_at_level(0).empty());
  EXPECT_EQ(t.level_values(), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_DOUBLE_EQ(t.unit_size(8), 30.0);
  EXPECT_FALSE(t.has_org_ids());

  // Parents come before children in top_down().
  const auto order = t.top_down();
  ASSERT_EQ(order.size(), 10u);
  std::vector<std::size_t> position(10);
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  for (UnitIndex u = 0; u < 10; ++u) {
    if (!t.is_root(u)) {
      EXPECT_LT(position[t.parent(u)], position[u]) << "unit " << u;
    }
  }

  const auto total = t.subtree_sizes();
  EXPECT_DOUBLE_EQ(total[0], 100.0);
  EXPECT_DOUBLE_EQ(total[1], 60.0);
  EXPECT_DOUBLE_EQ(total[2], 40.0);
  EXPECT_DOUBLE_EQ(total[3], 30.0);
  EXPECT_DOUBLE_EQ(total[6], 10.0);
}

TEST(UnitTree, LevelsDefaultToDepthAndSizesToZero) {
  const std::vector<std::int64_t> parent{3, 3, -1, 2, -5, 4};  // two roots: 2 and 4
  const UnitTree t = UnitTree::from_parents(parent);
  EXPECT_EQ(t.level(2), 1);
  EXPECT_EQ(t.level(4), 1);
  EXPECT_EQ(t.level(3), 2);
  EXPECT_EQ(t.level(0), 3);
  EXPECT_EQ(t.level(5), 2);
  EXPECT_DOUBLE_EQ(t.unit_size(0), 0.0);
  EXPECT_EQ(to_vector(t.units_at_level(1)), (std::vector<UnitIndex>{2, 4}));
}

TEST(UnitTree, LevelsMaySkip) {
  // A level-4 unit directly under a level-2 unit is allowed: only "parent level < child level".
  const UnitTree t = UnitTree::from_parents(std::vector<std::int64_t>{-1, 0, 1}, std::vector<std::int64_t>{1, 2, 4});
  EXPECT_EQ(t.level(2), 4);
  EXPECT_EQ(t.level_values(), (std::vector<int>{1, 2, 4}));
}

TEST(UnitTree, EmptyTree) {
  const UnitTree t = UnitTree::from_parents({});
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(t.top_down().empty());
  EXPECT_TRUE(t.level_values().empty());
}

TEST(UnitTree, RejectsBadInput) {
  expect_code<InvalidArgument>("unit_tree.size_mismatch", [] {
    (void)UnitTree::from_parents(kParent, std::vector<std::int64_t>{1, 2});
  });
  expect_code<InvalidArgument>("unit_tree.size_mismatch", [] {
    (void)UnitTree::from_parents(kParent, kLevel, std::vector<double>{1.0});
  });
  expect_code<InvalidArgument>("unit_tree.parent_out_of_range", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 2});
  });
  expect_code<InvalidArgument>("unit_tree.cycle", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 1});  // self loop
  });
  expect_code<InvalidArgument>("unit_tree.cycle", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 2, 1, 0});  // 1 <-> 2
  });
  expect_code<InvalidArgument>("unit_tree.level_range", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 0}, std::vector<std::int64_t>{0, 1});
  });
  expect_code<InvalidArgument>("unit_tree.level_range", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 0}, std::vector<std::int64_t>{1, 256});
  });
  expect_code<InvalidArgument>("unit_tree.level_order", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 0}, std::vector<std::int64_t>{2, 2});
  });
  expect_code<InvalidArgument>("unit_tree.size", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1, 0}, {}, std::vector<double>{1.0, -1.0});
  });
  expect_code<InvalidArgument>("unit_tree.size", [] {
    (void)UnitTree::from_parents(std::vector<std::int64_t>{-1}, {},
                                 std::vector<double>{std::numeric_limits<double>::quiet_NaN()});
  });
  // Depth beyond the largest level when levels are derived.
  std::vector<std::int64_t> chain(UnitTree::kMaxLevel + 1);
  for (std::size_t i = 0; i < chain.size(); ++i) chain[i] = static_cast<std::int64_t>(i) - 1;
  expect_code<InvalidArgument>("unit_tree.level_range", [&] { (void)UnitTree::from_parents(chain); });
  chain.pop_back();
  EXPECT_EQ(UnitTree::from_parents(chain).level(static_cast<UnitIndex>(chain.size() - 1)), UnitTree::kMaxLevel);
}

TEST(UnitTree, OrgIdsNeedARegistry) {
  const UnitTree t = UnitTree::from_parents(kParent, kLevel, kSize);
  expect_code<StateError>("unit_tree.no_org_ids", [&] { (void)t.org_id(0); });
  expect_code<StateError>("unit_tree.no_org_ids", [&] { (void)t.index_of(OrgId{0}); });
  expect_code<StateError>("unit_tree.no_org_ids", [&] { (void)t.find(OrgId{0}); });
}

Organization org(const std::string& code, OrgLevel level, std::optional<OrgId> parent) {
  Organization o;
  o.code = code;
  o.name = code;
  o.level = level;
  o.parent = parent;
  return o;
}

Household household(const std::string& code, OrgId unit, std::uint16_t size) {
  Household h;
  h.code = code;
  h.unit = unit;
  h.size = size;
  return h;
}

TEST(UnitTree, FromRegistryMapsOrganisationsAndCountsHouseholds) {
  Registry r;
  const OrgId county = r.add(org("C", OrgLevel::County, std::nullopt));
  const OrgId spare = r.add(org("X", OrgLevel::Township, county));  // removed below: leaves a dead id
  const OrgId township = r.add(org("T", OrgLevel::Township, county));
  const OrgId community = r.add(org("V", OrgLevel::Community, township));
  const OrgId grid_a = r.add(org("G-A", OrgLevel::Grid, community));
  const OrgId grid_b = r.add(org("G-B", OrgLevel::Grid, community));
  const OrgId direct = r.add(org("G-D", OrgLevel::Grid, township));  // level 4 directly under level 2
  r.add(household("H1", grid_a, 3));
  r.add(household("H2", grid_a, 2));
  r.add(household("H3", grid_b, 4));
  r.add(household("H4", direct, 1));
  r.remove(spare);

  const UnitTree t = UnitTree::from_registry(r);
  ASSERT_EQ(t.size(), 6u);
  ASSERT_TRUE(t.has_org_ids());
  EXPECT_EQ(t.org_id(0), county);
  EXPECT_EQ(t.org_id(1), township);  // dense indices skip the removed id
  EXPECT_EQ(t.index_of(grid_b), 4u);
  EXPECT_EQ(t.parent(t.index_of(grid_a)), t.index_of(community));
  EXPECT_EQ(t.parent(t.index_of(direct)), t.index_of(township));
  EXPECT_EQ(t.level(t.index_of(direct)), 4);
  EXPECT_EQ(t.level(t.index_of(community)), 3);
  EXPECT_DOUBLE_EQ(t.unit_size(t.index_of(grid_a)), 2.0);
  EXPECT_DOUBLE_EQ(t.unit_size(t.index_of(grid_b)), 1.0);
  EXPECT_DOUBLE_EQ(t.unit_size(t.index_of(community)), 0.0);
  EXPECT_DOUBLE_EQ(t.subtree_sizes()[0], 4.0);
  expect_code<NotFound>("unit_tree.unknown_org", [&] { (void)t.index_of(spare); });
  expect_code<NotFound>("unit_tree.unknown_org", [&] { (void)t.index_of(OrgId{1000}); });
  EXPECT_EQ(t.find(grid_b), std::optional<UnitIndex>(4u));
  EXPECT_FALSE(t.find(spare).has_value());
  EXPECT_FALSE(t.find(OrgId{1000}).has_value());

  const UnitTree people = UnitTree::from_registry(r, UnitSize::People);
  EXPECT_DOUBLE_EQ(people.unit_size(people.index_of(grid_a)), 5.0);
  EXPECT_DOUBLE_EQ(people.unit_size(people.index_of(grid_b)), 4.0);
  EXPECT_DOUBLE_EQ(people.subtree_sizes()[0], 10.0);
}

TEST(UnitTree, FromEmptyRegistry) {
  const Registry r;
  const UnitTree t = UnitTree::from_registry(r);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(t.has_org_ids());
  expect_code<NotFound>("unit_tree.unknown_org", [&] { (void)t.index_of(OrgId{0}); });
}

}  // namespace
}  // namespace massline
