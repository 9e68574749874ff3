#include <massline/model/organization.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

TEST(Organization, LevelsAreNumberedFromTheTop) {
  EXPECT_EQ(static_cast<int>(OrgLevel::County), 1);
  EXPECT_EQ(static_cast<int>(OrgLevel::Grid), 4);
  EXPECT_EQ(to_name(OrgLevel::Community), "community");
  EXPECT_EQ(from_name<OrgLevel>("township", "level"), OrgLevel::Township);
  EXPECT_EQ(to_name(OrgKind::DelegateStation), "delegate_station");
  EXPECT_EQ(to_name(Sector::PublicInstitution), "public_institution");
}

TEST(Organization, CheckRejectsLevelsOutsideOneToFour) {
  Organization o;
  o.id = OrgId{3};
  o.level = OrgLevel::Township;
  EXPECT_NO_THROW(o.check());
  o.level = static_cast<OrgLevel>(0);
  try {
    o.check();
    FAIL() << "level 0 accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.level");
    EXPECT_EQ(e.where().entity, "organization 3");
    EXPECT_EQ(e.where().field, "level");
  }
  EXPECT_THROW((void)from_name<OrgLevel>("province", "level"), InvalidArgument);
}

TEST(Organization, ValueSemantics) {
  Organization a;
  a.code = "Q-01";
  a.has_service_station = true;
  Organization b = a;
  EXPECT_EQ(a, b);
  b.is_service_point = true;
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace massline
