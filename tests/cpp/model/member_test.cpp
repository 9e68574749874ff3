#include <massline/model/member.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

Member delegate() {
  Member m;
  m.id = MemberId{7};
  m.kinds = {MemberKind::OrganEnterprise, MemberKind::Delegate};
  m.delegate_level = DelegateLevel::District;
  return m;
}

TEST(Member, KindsAreASet) {
  Member m = delegate();
  EXPECT_TRUE(m.kinds.test(MemberKind::Delegate));
  EXPECT_FALSE(m.kinds.test(MemberKind::Rural));
  EXPECT_EQ(m.kinds.count(), 2);
  EXPECT_NO_THROW(m.check());
  EXPECT_FALSE(m.is_leading_cadre());
}

TEST(Member, RankAndDelegateLevelMatchTheKinds) {
  Member m = delegate();
  m.delegate_level.reset();
  EXPECT_THROW(m.check(), InvalidArgument);
  m = delegate();
  m.cadre_rank = CadreRank::CityCounty;  // rank without the cadre kind
  try {
    m.check();
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.where().field, "cadre_rank");
    EXPECT_EQ(e.where().entity, "member 7");
  }
  m.kinds.set(MemberKind::Cadre);
  EXPECT_NO_THROW(m.check());
  EXPECT_TRUE(m.is_leading_cadre());
  m.cadre_rank = CadreRank::Village;
  EXPECT_FALSE(m.is_leading_cadre());
}

TEST(Member, OnlyInServiceMembersHaveAResidenceCommunity) {
  Member m = delegate();
  m.residence_community = OrgId{2};
  EXPECT_THROW(m.check(), InvalidArgument);
  m.kinds.set(MemberKind::InService);
  EXPECT_NO_THROW(m.check());
}

TEST(Member, LeadingRanks) {
  EXPECT_TRUE(is_leading(CadreRank::ProvinceMinistry));
  EXPECT_TRUE(is_leading(CadreRank::CountyDivision));
  EXPECT_FALSE(is_leading(CadreRank::Village));
  EXPECT_EQ(to_name(CadreRank::CountyDivision), "county_division");
}

}  // namespace
}  // namespace massline
