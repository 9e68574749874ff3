#include <massline/model/pairing.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

Pairing make(PairingKind kind, PairingSource source, PairingTarget target) {
  Pairing p;
  p.id = PairingId{1};
  p.kind = kind;
  p.source = source;
  p.target = target;
  p.start = make_date(2024, 1, 1);
  return p;
}

TEST(Pairing, AllowedEndsPerKind) {
  EXPECT_NO_THROW(make(PairingKind::Assistance, MemberId{1}, HouseholdId{2}).check());
  EXPECT_NO_THROW(make(PairingKind::Assistance, OrgId{1}, HouseholdId{2}).check());  // a branch, jointly
  EXPECT_NO_THROW(make(PairingKind::DualOrganization, OrgId{1}, OrgId{2}).check());
  EXPECT_NO_THROW(make(PairingKind::ContactHousehold, MemberId{1}, HouseholdId{2}).check());
  EXPECT_NO_THROW(make(PairingKind::ContactPoint, MemberId{1}, OrgId{2}).check());
  EXPECT_THROW(make(PairingKind::Assistance, MemberId{1}, OrgId{2}).check(), InvalidArgument);
  EXPECT_THROW(make(PairingKind::DualOrganization, MemberId{1}, OrgId{2}).check(), InvalidArgument);
  EXPECT_THROW(make(PairingKind::ContactHousehold, OrgId{1}, HouseholdId{2}).check(), InvalidArgument);
  EXPECT_THROW(make(PairingKind::ContactPoint, MemberId{1}, HouseholdId{2}).check(), InvalidArgument);
}

TEST(Pairing, KeyContactOnlyForContactHouseholds) {
  Pairing p = make(PairingKind::ContactHousehold, MemberId{1}, HouseholdId{2});
  p.key_contact = true;
  EXPECT_NO_THROW(p.check());
  p.kind = PairingKind::Assistance;
  EXPECT_THROW(p.check(), InvalidArgument);
}

TEST(Pairing, DatesAndActivity) {
  Pairing p = make(PairingKind::Assistance, MemberId{1}, HouseholdId{2});
  p.end = make_date(2024, 6, 30);
  EXPECT_TRUE(p.active_on(make_date(2024, 6, 30)));
  EXPECT_FALSE(p.active_on(make_date(2024, 7, 1)));
  EXPECT_FALSE(p.active_on(make_date(2023, 12, 31)));
  p.end = make_date(2023, 12, 31);
  EXPECT_THROW(p.check(), InvalidArgument);
  p.end.reset();
  p.start = Date(boost::gregorian::not_a_date_time);
  EXPECT_THROW(p.check(), InvalidArgument);
}

}  // namespace
}  // namespace massline
