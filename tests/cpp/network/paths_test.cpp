#include <massline/core/cancellation.hpp>
#include <massline/network/escalation.hpp>
#include <massline/network/paths.hpp>
#include <massline/synth/generate.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <numeric>

namespace massline::network {
namespace {

using testing::NetworkFixture;

bool adjacent(const Network& net, Vertex a, Vertex b) {
  const auto n = net.neighbours(a);
  return std::find(n.begin(), n.end(), b) != n.end();
}

TEST(Paths, ShortestPathsAreValidAndShortest) {
  const NetworkFixture f;
  const Network net(f.r);
  const auto h1 = net.vertex_of(f.h1), h3 = net.vertex_of(f.h3);
  const auto path = shortest_path(net, h1, h3);
  ASSERT_EQ(path.size(), 5U);  // h1 - A - V - B - h3 (or through m1 / m2)
  EXPECT_EQ(path.front(), h1);
  EXPECT_EQ(path.back(), h3);
  for (std::size_t i = 0; i + 1 < path.size(); ++i) EXPECT_TRUE(adjacent(net, path[i], path[i + 1])) << i;
  EXPECT_EQ(distances_from(net, h1)[h3], 4);
  EXPECT_EQ(shortest_path(net, h1, h1), std::vector<Vertex>{h1});
  EXPECT_EQ(distances_from(net, h1)[h1], 0);
  // O reaches the tree through the dual pairing and m3.
  EXPECT_EQ(distances_from(net, net.vertex_of(f.O))[net.vertex_of(f.V)], 1);
}

TEST(Paths, AnIsolatedOrganisationIsUnreachable) {
  const NetworkFixture f;
  const Network net(f.r);
  const auto x = net.vertex_of(f.X), h1 = net.vertex_of(f.h1);
  EXPECT_FALSE(reachable(net, h1, x));
  EXPECT_TRUE(reachable(net, x, x));
  EXPECT_TRUE(reachable(net, h1, net.vertex_of(f.m4)));
  EXPECT_TRUE(shortest_path(net, h1, x).empty());
  EXPECT_EQ(distances_from(net, h1)[x], -1);
  EXPECT_THROW((void)shortest_path(net, h1, 99), InvalidArgument);
  EXPECT_THROW((void)distances_from(net, 99), InvalidArgument);
}

TEST(Components, NumberComponentsByTheirSmallestVertex) {
  const NetworkFixture f;
  const Network net(f.r);
  const auto c = components(net);
  EXPECT_EQ(c.count, 2U);
  for (Vertex v = 0; v < net.vertex_count(); ++v) EXPECT_EQ(c.label[v], v == net.vertex_of(f.X) ? 1U : 0U) << v;
  // Before any pairing starts, O is still joined through m3's home and residence.
  EXPECT_EQ(components(Network(f.r, make_date(2020, 1, 1))).count, 2U);
}

TEST(Escalation, ClimbsFromTheUnitToTheCountyWithThePeopleAtEachLevel) {
  const NetworkFixture f;
  const Network net(f.r);
  const auto e = escalation(net);
  ASSERT_EQ(e.path_offsets.size(), 5U);
  const auto h1 = net.vertex_of(f.h1) - net.first_household();
  const auto path = e.path_of(h1);
  EXPECT_EQ(std::vector<Vertex>(path.begin(), path.end()),
            (std::vector<Vertex>{net.vertex_of(f.A), net.vertex_of(f.V), net.vertex_of(f.T), net.vertex_of(f.C)}));
  EXPECT_EQ(e.path_offsets.back(), 16U);  // four households, four levels each
  auto people = [](const std::vector<std::uint64_t>& offsets, const std::vector<Vertex>& items, std::size_t i) {
    return std::vector<Vertex>(items.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                               items.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
  };
  EXPECT_EQ(people(e.household_offsets, e.household_people, h1), std::vector<Vertex>{net.vertex_of(f.m1)});
  EXPECT_TRUE(people(e.household_offsets, e.household_people, net.vertex_of(f.h4) - net.first_household()).empty());
  EXPECT_EQ(people(e.organization_offsets, e.organization_people, net.vertex_of(f.T)), std::vector<Vertex>{net.vertex_of(f.m2)});
  EXPECT_EQ(people(e.organization_offsets, e.organization_people, net.vertex_of(f.V)), std::vector<Vertex>{net.vertex_of(f.m3)});
  EXPECT_TRUE(people(e.organization_offsets, e.organization_people, net.vertex_of(f.C)).empty());
}

// The Boost.Graph searches against plain references on a synthetic county: union-find for the
// components, a level-by-level sweep over the edge list for the distances.
TEST(Paths, AgreeWithPlainReferencesOnACounty) {
  const Network net(synth::generate("county", 3, {{"households", 20000.0}}));
  const auto sources = net.edge_sources(), targets = net.edge_targets();
  std::vector<Vertex> root(net.vertex_count());
  std::iota(root.begin(), root.end(), Vertex{0});
  auto find = [&root](Vertex v) {
    while (root[v] != v) v = root[v] = root[root[v]];
    return v;
  };
  for (std::size_t e = 0; e < sources.size(); ++e) root[find(sources[e])] = find(targets[e]);
  const auto c = components(net);
  for (Vertex v = 0; v < net.vertex_count(); ++v) {
    for (const Vertex w : net.neighbours(v)) ASSERT_EQ(c.label[v], c.label[w]);
  }
  std::vector<Vertex> roots(net.vertex_count());
  for (Vertex v = 0; v < net.vertex_count(); ++v) roots[v] = find(v);
  std::sort(roots.begin(), roots.end());
  EXPECT_EQ(c.count, static_cast<std::size_t>(std::unique(roots.begin(), roots.end()) - roots.begin()));

  const Vertex from = net.first_household() + 17;
  std::vector<std::int32_t> expected(net.vertex_count(), -1);
  expected[from] = 0;
  for (std::int32_t level = 0, grew = 1; grew; ++level) {
    grew = 0;
    for (std::size_t e = 0; e < sources.size(); ++e) {
      for (const auto& [a, b] : {std::pair{sources[e], targets[e]}, std::pair{targets[e], sources[e]}}) {
        if (expected[a] == level && expected[b] < 0) {
          expected[b] = level + 1;
          grew = 1;
        }
      }
    }
  }
  EXPECT_EQ(distances_from(net, from), expected);
  const Vertex far = static_cast<Vertex>(std::max_element(expected.begin(), expected.end()) - expected.begin());
  EXPECT_EQ(shortest_path(net, from, far).size(), static_cast<std::size_t>(expected[far]) + 1);
  EXPECT_TRUE(reachable(net, far, from));
}

TEST(Paths, SearchesHonourCancellation) {
  const Network net(synth::generate("county", 3, {{"households", 100000.0}}));
  ASSERT_GT(net.vertex_count(), 1U << 16);  // more than one cancellation poll interval
  std::atomic<bool> cancel{true};
  const CancellationScope scope(&cancel);
  EXPECT_THROW((void)components(net), Cancelled);
  EXPECT_THROW((void)distances_from(net, 0), Cancelled);
}

TEST(Network, ACancelledBuildThrows) {
  const NetworkFixture f;
  std::atomic<bool> cancel{true};
  const CancellationScope scope(&cancel);
  EXPECT_THROW((void)Network(f.r), Cancelled);
}

}  // namespace
}  // namespace massline::network
