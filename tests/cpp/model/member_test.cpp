#include <massline/model/member.hpp>

#include <gtest/gtest.h>

#include <string>

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

// The field a failing check() names, or "" when it passes.
std::string failing_field(const Member& m) {
  try {
    m.check();
  } catch (const InvalidArgument& e) {
    return e.where().field;
  }
  return "";
}

TEST(Member, RolesFitTheKindsAndRanks) {
  Member m = delegate();
  EXPECT_EQ(m.role, MemberRole::None);
  m.role = MemberRole::DelegateGroupLeader;
  EXPECT_EQ(failing_field(m), "");
  m.role = MemberRole::DelegateGroupLiaison;
  EXPECT_EQ(failing_field(m), "");
  m.kinds.reset(MemberKind::Delegate);
  m.delegate_level.reset();
  EXPECT_EQ(failing_field(m), "role");
  m.role = MemberRole::VillageCadre;
  EXPECT_EQ(failing_field(m), "role");
  m.kinds.set(MemberKind::Cadre);
  m.cadre_rank = CadreRank::Township;
  EXPECT_EQ(failing_field(m), "role");  // a township cadre is not a village cadre
  m.cadre_rank = CadreRank::Village;
  EXPECT_EQ(failing_field(m), "");
  m.role = MemberRole::TownCadreStationed;
  EXPECT_EQ(failing_field(m), "");
  m.kinds.reset(MemberKind::Cadre);
  m.cadre_rank.reset();
  EXPECT_EQ(failing_field(m), "role");
  for (auto free : {MemberRole::Police, MemberRole::JudicialOfficer, MemberRole::PartyCommitteeMember, MemberRole::OrganMember}) {
    m.role = free;
    EXPECT_EQ(failing_field(m), "") << to_name(free);
  }
  EXPECT_EQ(to_name(MemberRole::TownCadreStationed), "town_cadre_stationed");
  EXPECT_EQ(enum_count<MemberRole>, 9U);
}

TEST(Member, LeftIsNotBeforeJoined) {
  Member m = delegate();
  m.left = make_date(2020, 5, 1);  // left without a known joining date is fine
  EXPECT_EQ(failing_field(m), "");
  m.joined = make_date(2020, 5, 1);  // the same day is allowed
  EXPECT_EQ(failing_field(m), "");
  m.joined = make_date(2020, 5, 2);
  EXPECT_EQ(failing_field(m), "left");
  m.left.reset();
  EXPECT_EQ(failing_field(m), "");
  m.joined = Date(boost::gregorian::not_a_date_time);
  EXPECT_EQ(failing_field(m), "joined");
  m.joined.reset();
  m.left = Date(boost::gregorian::pos_infin);
  EXPECT_EQ(failing_field(m), "left");
}

TEST(Member, LeadingRanks) {
  EXPECT_TRUE(is_leading(CadreRank::ProvinceMinistry));
  EXPECT_TRUE(is_leading(CadreRank::CountyDivision));
  EXPECT_FALSE(is_leading(CadreRank::Village));
  EXPECT_EQ(to_name(CadreRank::CountyDivision), "county_division");
}

}  // namespace
}  // namespace massline
