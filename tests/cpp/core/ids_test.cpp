#include <massline/core/ids.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace {

using massline::HouseholdId;
using massline::MemberId;
using massline::OrgId;

// Misuse that must not compile is proven by tests/compile_fail/*.fail.cpp; these are the
// type-level facts that can be checked in place.
static_assert(!std::is_convertible_v<OrgId, MemberId>);
static_assert(!std::is_constructible_v<MemberId, OrgId>);
static_assert(!std::is_assignable_v<MemberId&, OrgId>);
static_assert(!std::is_convertible_v<int, OrgId>);
static_assert(!std::is_convertible_v<OrgId, std::uint32_t>);
static_assert(std::is_constructible_v<OrgId, std::uint32_t>);
static_assert(std::is_trivially_copyable_v<HouseholdId>);
static_assert(sizeof(MemberId) == sizeof(std::uint32_t));
static_assert(!std::equality_comparable_with<OrgId, MemberId>);
static_assert(std::totally_ordered<OrgId>);

TEST(Id, ValueAndDefault) {
  constexpr OrgId org{7};
  static_assert(org.value() == 7);
  EXPECT_EQ(OrgId{}.value(), 0u);
  EXPECT_EQ(OrgId{std::numeric_limits<std::uint32_t>::max()}.value(), 4294967295u);
}

TEST(Id, ComparisonWithinOneKind) {
  EXPECT_EQ(MemberId{3}, MemberId{3});
  EXPECT_NE(MemberId{3}, MemberId{4});
  EXPECT_LT(MemberId{3}, MemberId{4});
  EXPECT_GT(MemberId{10}, MemberId{4});
  EXPECT_LE(MemberId{4}, MemberId{4});
}

TEST(Id, KindAndToString) {
  EXPECT_STREQ(OrgId::kind(), "organization");
  EXPECT_STREQ(massline::ServicePostId::kind(), "service post");
  EXPECT_EQ(OrgId{7}.to_string(), "organization 7");
  EXPECT_EQ(HouseholdId{12}.to_string(), "household 12");
  EXPECT_EQ(massline::SurveyResponseId{0}.to_string(), "survey response 0");
  EXPECT_EQ(massline::PairingId{1}.to_string(), "pairing 1");
  EXPECT_EQ(massline::CommitmentId{2}.to_string(), "commitment 2");
  EXPECT_EQ(massline::ContactId{3}.to_string(), "contact 3");
  EXPECT_EQ(massline::AppealId{4}.to_string(), "appeal 4");
  EXPECT_EQ(MemberId{5}.to_string(), "member 5");
}

TEST(Id, HashableAndUsableAsIndex) {
  std::unordered_set<HouseholdId> seen;
  for (std::uint32_t i = 0; i < 100; ++i) seen.insert(HouseholdId{i % 10});
  EXPECT_EQ(seen.size(), 10u);
  EXPECT_EQ(seen.count(HouseholdId{9}), 1u);
  EXPECT_EQ(seen.count(HouseholdId{10}), 0u);
  EXPECT_EQ(std::hash<HouseholdId>{}(HouseholdId{42}), std::hash<std::uint32_t>{}(42u));
  const std::vector<int> per_household = {5, 6, 7};
  EXPECT_EQ(per_household[HouseholdId{2}.value()], 7);
}

}  // namespace
