// LEMON called directly on the `assignment` instance (bench/assignment_instance.hpp): the peer of
// bench_assignment.cpp. The same two phases massline runs (Preflow for the maximum flow value,
// NetworkSimplex for the least cost at it) on a StaticDigraph built straight from the arrays,
// without massline's validation or result arrays. Same line protocol and counts.
#define LEMON_ONLY_TEMPLATES
#include "assignment_instance.hpp"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/static_graph.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Solved {
  std::int64_t cost = 0, units = 0;
};

Solved solve(const bench_assignment::Instance& in) {
  const int households = static_cast<int>(in.demand.size());
  const int members = static_cast<int>(in.capacity.size());
  const int rows = static_cast<int>(in.household.size());
  const int sink = households + members + 1;
  // The generator emits rows grouped by household already, as StaticDigraph needs.
  std::vector<std::pair<int, int>> arcs;
  arcs.reserve(static_cast<std::size_t>(households + rows + members));
  for (int h = 0; h < households; ++h) arcs.emplace_back(0, h + 1);
  for (int i = 0; i < rows; ++i) {
    arcs.emplace_back(static_cast<int>(in.household[static_cast<std::size_t>(i)]) + 1,
                      households + 1 + static_cast<int>(in.member[static_cast<std::size_t>(i)]));
  }
  for (int m = 0; m < members; ++m) arcs.emplace_back(households + 1 + m, sink);
  lemon::StaticDigraph g;
  g.build(sink + 1, arcs.begin(), arcs.end());
  lemon::StaticDigraph::ArcMap<std::int64_t> upper(g), cost(g, 0);
  for (int h = 0; h < households; ++h) upper[g.arc(h)] = in.demand[static_cast<std::size_t>(h)];
  for (int i = 0; i < rows; ++i) {
    upper[g.arc(households + i)] = 1;
    cost[g.arc(households + i)] = in.cost[static_cast<std::size_t>(i)];
  }
  for (int m = 0; m < members; ++m) upper[g.arc(households + rows + m)] = in.capacity[static_cast<std::size_t>(m)];
  lemon::Preflow<lemon::StaticDigraph, lemon::StaticDigraph::ArcMap<std::int64_t>> preflow(g, upper, g.node(0), g.node(sink));
  preflow.runMinCut();
  const std::int64_t units = preflow.flowValue();
  lemon::NetworkSimplex<lemon::StaticDigraph, std::int64_t, std::int64_t> simplex(g);
  simplex.upperMap(upper).costMap(cost).stSupply(g.node(0), g.node(sink), units);
  if (simplex.run() != decltype(simplex)::OPTIMAL) return {-1, -1};
  return {simplex.totalCost<std::int64_t>(), units};
}
}  // namespace

int main(int argc, char** argv) {
  const auto households = bench_assignment::arg(argc, argv, "households", 1'000'000);
  const auto members = bench_assignment::arg(argc, argv, "members", 100'000);
  const auto degree = bench_assignment::arg(argc, argv, "degree", 5);
  const auto repeat = bench_assignment::arg(argc, argv, "repeat", 1);
  const auto in = bench_assignment::make(households, members, degree, static_cast<std::uint64_t>(bench_assignment::arg(argc, argv, "seed", 1)));
  double best = 1e300;
  Solved result;
  for (std::int64_t r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    result = solve(in);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("# counts households=%lld members=%lld rows=%zu optimum=%lld/%lld\n", static_cast<long long>(households),
              static_cast<long long>(members), in.household.size(), static_cast<long long>(result.cost),
              static_cast<long long>(result.units));
  std::printf("assignment %.6f 1\n", best);
  return 0;
}
