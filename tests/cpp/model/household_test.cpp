#include <massline/model/household.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

TEST(Household, FiveMustVisitCategories) {
  EXPECT_EQ(kFiveMustVisit.count(), 5);
  EXPECT_TRUE(kFiveMustVisit.test(HouseholdCategory::RepeatPetitioner));
  EXPECT_FALSE(kFiveMustVisit.test(HouseholdCategory::Petitioner));
  Household h;
  h.categories = {HouseholdCategory::Difficult, HouseholdCategory::SpecialHardship};
  EXPECT_TRUE(h.categories.intersects(kFiveMustVisit));
  h.categories.reset(HouseholdCategory::SpecialHardship);
  EXPECT_FALSE(h.categories.intersects(kFiveMustVisit));
}

TEST(Household, SizeAtLeastOne) {
  Household h;
  h.id = HouseholdId{4};
  EXPECT_NO_THROW(h.check());
  h.size = 0;
  try {
    h.check();
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.household");
    EXPECT_NE(std::string(e.what()).find("household 4 field 'size'"), std::string::npos) << e.what();
  }
}

TEST(Household, CategoryNames) {
  EXPECT_EQ(to_name(HouseholdCategory::MinimumLivingAllowance), "minimum_living_allowance");
  EXPECT_EQ(from_name<HouseholdCategory>("four_olds", "category"), HouseholdCategory::FourOlds);
}

}  // namespace
}  // namespace massline
