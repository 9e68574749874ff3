// Assistance pairings of a difficult member (issue 10) are not network edges: coverage and
// load count households, and optimal pairing ignores them.
#include <massline/network/coverage.hpp>
#include <massline/network/optimal_pairing.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

namespace massline::network {
namespace {

using testing::NetworkFixture;

TEST(MemberTarget, IsNotANetworkEdge) {
  NetworkFixture f;
  Member poor = NetworkFixture::member("MH", f.V);
  poor.kinds = {MemberKind::Community, MemberKind::Hardship};
  const MemberId hardship = f.r.add(poor);
  const Network before(f.r);
  const auto cover_before = coverage(before);
  const auto load_before = load(before);
  const auto pairs_before = optimal_pairing(f.r);
  f.r.add(NetworkFixture::pairing(PairingKind::Assistance, f.m4, hardship, make_date(2024, 1, 1)));
  EXPECT_TRUE(f.r.validate().empty());
  const Network after(f.r);
  EXPECT_EQ(after.edge_count(), before.edge_count());
  EXPECT_EQ(coverage(after).covered, cover_before.covered);
  EXPECT_EQ(load(after).households, load_before.households);
  EXPECT_EQ(optimal_pairing(f.r), pairs_before);
}

}  // namespace
}  // namespace massline::network
