#include <massline/model/entity_table.hpp>
#include <massline/model/household.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace massline {
namespace {

TEST(EntityTable, SkipToLeavesDeadSlotsAndEqualityComparesLiveIds) {
  EntityTable<Household, HouseholdId> a;
  EntityTable<Household, HouseholdId> b;
  Household h;
  h.size = 2;
  a.skip_to(HouseholdId{3});
  EXPECT_EQ(a.capacity_ids(), 3u);
  EXPECT_TRUE(a.empty());
  EXPECT_FALSE(a.contains(HouseholdId{0}));
  h.id = a.next_id();
  EXPECT_EQ(a.insert(h), HouseholdId{3});
  for (int i = 0; i < 4; ++i) {
    h.id = b.next_id();
    b.insert(h);
  }
  EXPECT_FALSE(a == b);  // b has live ids 0..2 as well
  for (std::uint32_t i = 0; i < 3; ++i) b.erase(HouseholdId{i});
  EXPECT_TRUE(a == b);
  h.id = b.next_id();
  b.insert(h);
  b.erase(HouseholdId{4});
  EXPECT_TRUE(a == b);  // the next id is not compared
  EXPECT_THROW(a.skip_to(HouseholdId{2}), InvalidArgument);
  EXPECT_EQ(a.capacity_ids(), 4u);
  a.skip_to(HouseholdId{4});  // the current next id: nothing to skip
  EXPECT_EQ(a.capacity_ids(), 4u);
}

TEST(EntityTable, DenseIdsDeadSlotsAndIteration) {
  EntityTable<Household, HouseholdId> table;
  EXPECT_TRUE(table.empty());
  for (int i = 0; i < 4; ++i) {
    Household h;
    h.id = table.next_id();
    h.size = static_cast<std::uint16_t>(i + 1);
    EXPECT_EQ(table.insert(h), HouseholdId{static_cast<std::uint32_t>(i)});
  }
  table.erase(HouseholdId{1});
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.capacity_ids(), 4u);
  EXPECT_FALSE(table.contains(HouseholdId{1}));
  EXPECT_EQ(table.find(HouseholdId{1}), nullptr);
  EXPECT_THROW((void)table.get(HouseholdId{1}), NotFound);
  EXPECT_THROW((void)table.get(HouseholdId{40}), NotFound);
  std::vector<int> sizes;
  for (const Household& h : table) sizes.push_back(h.size);
  EXPECT_EQ(sizes, (std::vector<int>{1, 3, 4}));
  table.erase(HouseholdId{0});
  table.erase(HouseholdId{3});
  sizes.clear();
  for (const Household& h : table) sizes.push_back(h.size);
  EXPECT_EQ(sizes, (std::vector<int>{3}));
}

TEST(EntityTable, NotFoundMessageNamesTheEntity) {
  EntityTable<Household, HouseholdId> table;
  try {
    (void)table.get(HouseholdId{9});
    FAIL();
  } catch (const NotFound& e) {
    EXPECT_EQ(e.code(), "registry.unknown_id");
    EXPECT_EQ(e.summary(), "no such household");
    EXPECT_EQ(e.where().entity, "household 9");
  }
}

}  // namespace
}  // namespace massline
