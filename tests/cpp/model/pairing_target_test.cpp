// Issue 10: pairing capacity and assistance pairings of a difficult (hardship) member.
#include <massline/model/pairing.hpp>
#include <massline/model/registry.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace massline {
namespace {

using testing::expect_rejected;
using testing::SmallNetwork;

bool mentions(const std::string& message, const std::string& piece) { return message.find(piece) != std::string::npos; }

Pairing assistance(PairingSource source, PairingTarget target) {
  Pairing p;
  p.kind = PairingKind::Assistance;
  p.source = source;
  p.target = target;
  p.start = make_date(2024, 1, 1);
  return p;
}

MemberId add_hardship(SmallNetwork& n, const std::string& code) {
  Member m;
  m.code = code;
  m.organization = n.community;
  m.kinds = {MemberKind::Rural, MemberKind::Hardship};
  return n.r.add(m);
}

bool has_problem(const std::vector<Problem>& problems, const std::string& code) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.code == code; });
}

TEST(PairingTarget, MemberTargetOnlyForAssistanceAndNotSelf) {
  Pairing p = assistance(MemberId{1}, MemberId{2});
  p.id = PairingId{1};
  EXPECT_NO_THROW(p.check());
  p.target = MemberId{1};
  EXPECT_THROW(p.check(), InvalidArgument);  // pairs with themselves
  p.target = MemberId{2};
  p.source = OrgId{1};
  EXPECT_NO_THROW(p.check());  // a branch, jointly
  for (PairingKind kind : {PairingKind::DualOrganization, PairingKind::ContactHousehold, PairingKind::ContactPoint}) {
    p.kind = kind;
    p.source = kind == PairingKind::DualOrganization ? PairingSource{OrgId{1}} : PairingSource{MemberId{1}};
    EXPECT_THROW(p.check(), InvalidArgument) << static_cast<int>(kind);
  }
}

TEST(PairingTarget, CapacityAtLeastOne) {
  Pairing p = assistance(MemberId{1}, HouseholdId{2});
  p.id = PairingId{1};
  p.capacity = 1;
  EXPECT_NO_THROW(p.check());
  p.capacity = 0;
  try {
    p.check();
    ADD_FAILURE() << "capacity 0 accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_TRUE(mentions(e.what(), "capacity")) << e.what();
  }
  p.capacity = -3;
  EXPECT_THROW(p.check(), InvalidArgument);
}

TEST(PairingTarget, RegistryAcceptsHardshipMemberTarget) {
  SmallNetwork n;
  const MemberId poor = add_hardship(n, "MH");
  const PairingId id = n.r.add(assistance(n.m1, poor));
  EXPECT_EQ(n.r.get(id).target, PairingTarget{poor});
  EXPECT_TRUE(n.r.validate().empty());
  // The target is a reference: removing the member is refused.
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(poor); });
  EXPECT_TRUE(mentions(msg, id.to_string())) << msg;
  n.r.remove(id);
  n.r.remove(poor);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(PairingTarget, RegistryRefusesNonHardshipTarget) {
  SmallNetwork n;
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.pairing_target", [&] { n.r.add(assistance(n.m1, n.m2)); });
  EXPECT_TRUE(mentions(msg, "target")) << msg;
  expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.add(assistance(n.m1, MemberId{99})); });
  expect_rejected<InvalidArgument>(n.r, "model.pairing", [&] { n.r.add(assistance(n.m1, n.m1)); });
  Pairing contact = assistance(n.m1, add_hardship(n, "MH"));
  contact.kind = PairingKind::ContactHousehold;
  expect_rejected<InvalidArgument>(n.r, "model.pairing", [&] { n.r.add(contact); });
  // Update to a non-hardship target is refused too.
  const PairingId id = n.r.add(assistance(n.m1, n.h1));
  Pairing moved = n.r.get(id);
  moved.target = n.m2;
  expect_rejected<IntegrityError>(n.r, "integrity.pairing_target", [&] { n.r.update(moved); });
}

TEST(PairingTarget, ValidateReportsOverCapacity) {
  SmallNetwork n;
  Pairing a = assistance(n.m1, n.h1);
  a.capacity = 1;
  n.r.add(a);
  EXPECT_TRUE(n.r.validate().empty());
  Pairing b = assistance(n.m1, n.h2);
  const PairingId second = n.r.add(b);  // not refused: over capacity is a problem
  auto problems = n.r.validate();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "model.pairing_over_capacity");
  // Ended pairings are not current; another kind does not count.
  Pairing ended = n.r.get(second);
  ended.end = make_date(2024, 3, 1);
  n.r.update(ended);
  EXPECT_TRUE(n.r.validate().empty());
  Pairing contact = assistance(n.m1, n.h3);
  contact.kind = PairingKind::ContactHousehold;
  n.r.add(contact);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(PairingTarget, ValidateReportsTargetNoLongerHardship) {
  SmallNetwork n;
  const MemberId poor = add_hardship(n, "MH");
  n.r.add(assistance(n.m1, poor));
  Member m = n.r.get(poor);
  m.kinds = {MemberKind::Rural};
  n.r.update(m);
  EXPECT_TRUE(has_problem(n.r.validate(), "integrity.pairing_target"));
}

}  // namespace
}  // namespace massline
