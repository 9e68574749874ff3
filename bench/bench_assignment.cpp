// massline::network::min_cost_assignment on the `assignment` instance (bench/assignment_instance.hpp).
// Line protocol of bench/run.py: "assignment <seconds> 1" per run, fastest of --repeat runs, and
// "# counts ... optimum=<cost>/<units>" so the runner can check both sides found the same optimum.
//   bench_assignment --households=1000000 --members=100000 --degree=5 --seed=1 --repeat=1
#include "assignment_instance.hpp"

#include <massline/network/min_cost_assignment.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const auto households = bench_assignment::arg(argc, argv, "households", 1'000'000);
  const auto members = bench_assignment::arg(argc, argv, "members", 100'000);
  const auto degree = bench_assignment::arg(argc, argv, "degree", 5);
  const auto repeat = bench_assignment::arg(argc, argv, "repeat", 1);
  const auto in = bench_assignment::make(households, members, degree, static_cast<std::uint64_t>(bench_assignment::arg(argc, argv, "seed", 1)));
  // The rows as the Python binding hands them over (an (n, 3) array copied into edges).
  std::vector<massline::network::AssignmentEdge> edges(in.household.size());
  for (std::size_t i = 0; i < edges.size(); ++i) edges[i] = {in.household[i], in.member[i], in.cost[i]};
  double best = 1e300;
  massline::network::AssignmentResult result;
  for (std::int64_t r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    result = massline::network::min_cost_assignment(edges, in.capacity, in.demand);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("# counts households=%lld members=%lld rows=%zu optimum=%lld/%lld\n", static_cast<long long>(households),
              static_cast<long long>(members), edges.size(), static_cast<long long>(result.total_cost),
              static_cast<long long>(result.assigned));
  std::printf("assignment %.6f 1\n", best);
  return 0;
}
