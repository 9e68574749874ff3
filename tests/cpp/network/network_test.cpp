#include <massline/network/network.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace massline::network {
namespace {

using testing::NetworkFixture;

TEST(Network, VerticesAreDenseInBlocksAndMapBothWays) {
  const NetworkFixture f;
  const Network net(f.r);
  EXPECT_EQ(net.organization_count(), 8U);
  EXPECT_EQ(net.member_count(), 4U);
  EXPECT_EQ(net.household_count(), 4U);  // the removed household has no vertex
  EXPECT_EQ(net.vertex_count(), 16U);
  EXPECT_EQ(net.first_member(), 8U);
  EXPECT_EQ(net.first_household(), 12U);
  EXPECT_EQ(net.vertex_of(f.h1), 12U);  // h1's id is 1 (id 0 is dead), its vertex the first household
  EXPECT_EQ(net.entity(net.vertex_of(f.h4)), f.h4.value());
  EXPECT_EQ(net.kind(net.vertex_of(f.m3)), VertexKind::Member);
  EXPECT_THROW((void)net.vertex_of(f.dead), NotFound);
  EXPECT_FALSE(net.find_vertex(f.dead).has_value());
  EXPECT_FALSE(net.find_vertex(HouseholdId{999}).has_value());
  EXPECT_THROW((void)net.kind(16), InvalidArgument);
  for (Vertex v = 0; v < net.vertex_count(); ++v) {
    const auto id = net.entity(v);
    switch (net.kind(v)) {
      case VertexKind::Organization: EXPECT_EQ(net.vertex_of(OrgId{id}), v); break;
      case VertexKind::Member: EXPECT_EQ(net.vertex_of(MemberId{id}), v); break;
      case VertexKind::Household: EXPECT_EQ(net.vertex_of(HouseholdId{id}), v); break;
    }
  }
}

// The edges as (kind, source vertex, target vertex), in the network's order.
std::vector<std::tuple<EdgeKind, Vertex, Vertex>> edges(const Network& net) {
  std::vector<std::tuple<EdgeKind, Vertex, Vertex>> out;
  for (std::size_t e = 0; e < net.edge_count(); ++e) out.emplace_back(net.edge_kinds()[e], net.edge_sources()[e], net.edge_targets()[e]);
  return out;
}

TEST(Network, EdgesFollowTheModelGroupedByKind) {
  const NetworkFixture f;
  const Network net(f.r);
  auto v = [&](auto id) { return net.vertex_of(id); };
  const std::vector<std::tuple<EdgeKind, Vertex, Vertex>> expected{
      {EdgeKind::Parent, v(f.T), v(f.C)},          {EdgeKind::Parent, v(f.V), v(f.T)},
      {EdgeKind::Parent, v(f.A), v(f.V)},          {EdgeKind::Parent, v(f.B), v(f.V)},
      {EdgeKind::Parent, v(f.G), v(f.V)},          {EdgeKind::MemberOf, v(f.m1), v(f.V)},
      {EdgeKind::MemberOf, v(f.m2), v(f.B)},       {EdgeKind::MemberOf, v(f.m3), v(f.O)},
      {EdgeKind::MemberOf, v(f.m4), v(f.A)},       {EdgeKind::Residence, v(f.m3), v(f.V)},
      {EdgeKind::UnitOf, v(f.h1), v(f.A)},         {EdgeKind::UnitOf, v(f.h2), v(f.A)},
      {EdgeKind::UnitOf, v(f.h3), v(f.B)},         {EdgeKind::UnitOf, v(f.h4), v(f.B)},
      {EdgeKind::Assistance, v(f.m1), v(f.h1)},    {EdgeKind::Assistance, v(f.B), v(f.h4)},
      {EdgeKind::DualOrganization, v(f.O), v(f.V)}, {EdgeKind::ContactHousehold, v(f.m2), v(f.h3)},
      {EdgeKind::ContactPoint, v(f.m3), v(f.V)},   {EdgeKind::ServicePost, v(f.m2), v(f.T)}};
  EXPECT_EQ(edges(net), expected);  // without a day: pairings without an end date
}

TEST(Network, PairingsCountWhenActiveOnTheDay) {
  const NetworkFixture f;
  auto count = [&](std::optional<Date> on, EdgeKind kind) {
    const Network net(f.r, on);
    return std::count(net.edge_kinds().begin(), net.edge_kinds().end(), kind);
  };
  EXPECT_EQ(count(make_date(2024, 5, 1), EdgeKind::ContactHousehold), 2);  // m1->h2 and m2->h3
  EXPECT_EQ(count(make_date(2024, 2, 1), EdgeKind::ContactHousehold), 1);  // m2->h3 not started
  EXPECT_EQ(count(make_date(2024, 7, 1), EdgeKind::ContactHousehold), 1);  // m1->h2 ended
  EXPECT_EQ(count(make_date(2023, 12, 31), EdgeKind::Assistance), 0);
  EXPECT_EQ(count(std::nullopt, EdgeKind::Assistance), 2);
  EXPECT_EQ(Network(f.r, make_date(2024, 5, 1)).on(), make_date(2024, 5, 1));
}

TEST(Network, AdjacencyIsTheUndirectedEdgeListInEdgeOrder) {
  const NetworkFixture f;
  const Network net(f.r, make_date(2024, 5, 1));
  std::multiset<std::pair<Vertex, Vertex>> from_edges, from_adjacency;
  for (std::size_t e = 0; e < net.edge_count(); ++e) {
    from_edges.emplace(net.edge_sources()[e], net.edge_targets()[e]);
    from_edges.emplace(net.edge_targets()[e], net.edge_sources()[e]);
  }
  ASSERT_EQ(net.adjacency_offsets().size(), net.vertex_count() + 1);
  for (Vertex v = 0; v < net.vertex_count(); ++v) {
    const auto incident = net.incident_edges(v);
    EXPECT_TRUE(std::is_sorted(incident.begin(), incident.end())) << "vertex " << v;
    for (std::size_t i = 0; i < incident.size(); ++i) {
      const Edge e = incident[i];
      const Vertex other = net.neighbours(v)[i];
      EXPECT_TRUE((net.edge_sources()[e] == v && net.edge_targets()[e] == other) ||
                  (net.edge_targets()[e] == v && net.edge_sources()[e] == other));
      from_adjacency.emplace(v, other);
    }
  }
  EXPECT_EQ(from_edges, from_adjacency);
}

TEST(Network, IsASnapshotThatDoesNotFollowTheRegistry) {
  NetworkFixture f;
  const Network net(f.r);
  const auto households = net.household_count();
  const auto edges_before = edges(net);
  const auto extra = f.r.add(Household{.code = "H5", .unit = f.B, .categories = {}, .party_household = false, .size = 1});
  EXPECT_EQ(net.household_count(), households);
  EXPECT_EQ(edges(net), edges_before);
  EXPECT_FALSE(net.find_vertex(extra).has_value());
  EXPECT_TRUE(Network(f.r).find_vertex(extra).has_value());
}

TEST(Network, PropertiesOfOrganisationsAndHouseholds) {
  const NetworkFixture f;
  const Network net(f.r);
  EXPECT_EQ(net.organization_levels()[net.vertex_of(f.V)], 3);
  EXPECT_EQ(net.organization_parents()[net.vertex_of(f.A)], net.vertex_of(f.V));
  EXPECT_EQ(net.organization_parents()[net.vertex_of(f.C)], Network::kNoVertex);
  const auto h2 = net.vertex_of(f.h2) - net.first_household();
  EXPECT_EQ(net.household_units()[h2], net.vertex_of(f.A));
  EXPECT_EQ(net.household_categories()[h2], f.r.get(f.h2).categories.bits());
  EXPECT_GT(net.memory_bytes(), net.edge_count() * 9);
}

TEST(Network, AnEmptyRegistryGivesAnEmptyNetwork) {
  const Registry r;
  const Network net(r);
  EXPECT_EQ(net.vertex_count(), 0U);
  EXPECT_EQ(net.edge_count(), 0U);
  EXPECT_EQ(net.adjacency_offsets().size(), 1U);
}

}  // namespace
}  // namespace massline::network
