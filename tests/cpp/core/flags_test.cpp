#include <massline/core/flags.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <type_traits>
#include <vector>

namespace {

enum class Category : std::uint8_t { Poor, Elderly, Disabled, Veteran, LeftBehind };
enum class Bigger : int { A = 0, Last = 31 };
using Categories = massline::Flags<Category>;

static_assert(std::is_trivially_copyable_v<Categories>);
static_assert(sizeof(Categories) == sizeof(std::uint32_t));
// constexpr use.
static_assert(Categories{Category::Poor, Category::Veteran}.bits() == 0b1001u);
static_assert(Categories{}.none());

TEST(Flags, SetTestReset) {
  Categories f;
  EXPECT_TRUE(f.none());
  EXPECT_FALSE(f.any());
  EXPECT_EQ(f.count(), 0);
  f.set(Category::Elderly).set(Category::LeftBehind);
  EXPECT_TRUE(f.test(Category::Elderly));
  EXPECT_TRUE(f.test(Category::LeftBehind));
  EXPECT_FALSE(f.test(Category::Poor));
  EXPECT_EQ(f.count(), 2);
  EXPECT_EQ(f.bits(), 0b10010u);
  f.reset(Category::Elderly);
  EXPECT_FALSE(f.test(Category::Elderly));
  f.set(Category::LeftBehind, false);
  EXPECT_TRUE(f.none());
  f.set(Category::Poor).set(Category::Poor);
  EXPECT_EQ(f.count(), 1);
}

TEST(Flags, SetAlgebraAndEquality) {
  const Categories a{Category::Poor, Category::Elderly};
  const Categories b{Category::Elderly, Category::Disabled};
  EXPECT_EQ((a | b), (Categories{Category::Poor, Category::Elderly, Category::Disabled}));
  EXPECT_EQ((a & b), Categories{Category::Elderly});
  EXPECT_TRUE(a.intersects(b));
  EXPECT_FALSE(a.intersects(Categories{Category::Veteran}));
  EXPECT_FALSE(a.intersects(Categories{}));
  EXPECT_NE(a, b);
  EXPECT_EQ(Categories::from_bits(a.bits()), a);
}

TEST(Flags, ForEachVisitsMembersInOrder) {
  const Categories f{Category::LeftBehind, Category::Poor, Category::Disabled};
  std::vector<Category> seen;
  f.for_each([&](Category c) { seen.push_back(c); });
  EXPECT_EQ(seen, (std::vector<Category>{Category::Poor, Category::Disabled, Category::LeftBehind}));
  int calls = 0;
  Categories{}.for_each([&](Category) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(Flags, HighestBit) {
  massline::Flags<Bigger> f{Bigger::Last};
  EXPECT_EQ(f.bits(), 0x80000000u);
  EXPECT_TRUE(f.test(Bigger::Last));
  EXPECT_FALSE(f.test(Bigger::A));
  std::vector<Bigger> seen;
  f.for_each([&](Bigger b) { seen.push_back(b); });
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen.front(), Bigger::Last);
}

}  // namespace
