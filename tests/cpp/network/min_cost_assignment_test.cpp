// min_cost_assignment: hand-checked instances, every refusal, the unassigned reasons, cancellation,
// and a brute-force oracle (every subset of rows) on small random instances. NetworkX is the
// outside oracle in python/tests/test_network_assignment.py.
#include <massline/core/cancellation.hpp>
#include <massline/network/min_cost_assignment.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace mn = massline::network;
using mn::AssignmentEdge;
using mn::UnassignedReason;

namespace {

template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const massline::Error& e) {
    return e.code();
  }
  return "(no error)";
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const massline::Error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string describe(const std::vector<AssignmentEdge>& edges, const std::vector<std::int64_t>& capacity,
                     const std::vector<std::int64_t>& demand) {
  std::ostringstream out;
  out << "edges:";
  for (const auto& e : edges) out << " (" << e.household << "," << e.member << "," << e.cost << ")";
  out << " capacity:";
  for (const auto c : capacity) out << ' ' << c;
  out << " demand:";
  for (const auto d : demand) out << ' ' << d;
  return out.str();
}

struct Best {
  std::int64_t units = -1;
  std::int64_t cost = 0;
};

// Lexicographic optimum (most units, then least cost) over every subset of rows.
Best brute_force(const std::vector<AssignmentEdge>& edges, const std::vector<std::int64_t>& capacity,
                 const std::vector<std::int64_t>& demand) {
  Best best;
  const std::size_t n = edges.size();
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<std::int64_t> used_h(demand.size(), 0), used_m(capacity.size(), 0);
    std::int64_t units = 0, cost = 0;
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) {
      if ((mask >> i & 1u) == 0) continue;
      const auto h = static_cast<std::size_t>(edges[i].household), m = static_cast<std::size_t>(edges[i].member);
      ok = ++used_h[h] <= demand[h] && ++used_m[m] <= capacity[m];
      ++units;
      cost += edges[i].cost;
    }
    if (!ok) continue;
    if (units > best.units || (units == best.units && cost < best.cost)) best = {units, cost};
  }
  return best;
}

// Checks that @p r is a feasible assignment consistent with itself; returns "" or the problem.
std::string check_consistent(const mn::AssignmentResult& r, const std::vector<AssignmentEdge>& edges,
                             const std::vector<std::int64_t>& capacity, const std::vector<std::int64_t>& demand) {
  if (r.flow.size() != edges.size()) return "flow size";
  std::vector<std::int64_t> used_h(demand.size(), 0), used_m(capacity.size(), 0), rows_h(demand.size(), 0);
  std::int64_t units = 0, cost = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    ++rows_h[static_cast<std::size_t>(edges[i].household)];
    if (r.flow[i] > 1) return "flow above 1";
    if (r.flow[i] == 0) continue;
    if (k >= r.edge.size() || r.edge[k] != static_cast<std::int64_t>(i) || r.household[k] != edges[i].household ||
        r.member[k] != edges[i].member)
      return "pairs do not list the used rows";
    ++k;
    ++used_h[static_cast<std::size_t>(edges[i].household)];
    ++used_m[static_cast<std::size_t>(edges[i].member)];
    ++units;
    cost += edges[i].cost;
  }
  if (k != r.edge.size() || r.household.size() != k || r.member.size() != k) return "pair arrays too long";
  if (units != r.assigned) return "assigned";
  if (cost != r.total_cost) return "total_cost";
  std::int64_t demanded = 0;
  std::size_t u = 0;
  for (std::size_t h = 0; h < demand.size(); ++h) {
    demanded += demand[h];
    if (used_h[h] > demand[h]) return "household over demand";
    if (used_h[h] == demand[h]) continue;
    if (u >= r.unassigned.size() || r.unassigned[u] != static_cast<std::int64_t>(h)) return "unassigned list";
    if (r.missing[u] != demand[h] - used_h[h]) return "missing";
    const auto expected = rows_h[h] == 0          ? UnassignedReason::NoEligibleMember
                          : rows_h[h] == used_h[h] ? UnassignedReason::TooFewEligibleEdges
                                                   : UnassignedReason::MembersAtCapacity;
    if (r.reason[u] != expected) return "reason of household " + std::to_string(h);
    if (expected == UnassignedReason::MembersAtCapacity) {
      for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto m = static_cast<std::size_t>(edges[i].member);
        if (edges[i].household == static_cast<std::int64_t>(h) && r.flow[i] == 0 && used_m[m] < capacity[m])
          return "member " + std::to_string(m) + " has room for household " + std::to_string(h);
      }
    }
    ++u;
  }
  if (u != r.unassigned.size() || r.reason.size() != u || r.missing.size() != u) return "unassigned too long";
  if (demanded != r.demanded) return "demanded";
  for (std::size_t m = 0; m < capacity.size(); ++m)
    if (used_m[m] > capacity[m]) return "member over capacity";
  return "";
}

}  // namespace

TEST(MinCostAssignment, PrefersCheaperMembersUnderCapacity) {
  // Two households, two members; member 0 is cheap for both but holds one.
  const std::vector<AssignmentEdge> edges{{0, 0, 1}, {0, 1, 5}, {1, 0, 2}, {1, 1, 10}};
  const std::vector<std::int64_t> capacity{1, 1}, demand{1, 1};
  const auto r = mn::min_cost_assignment(edges, capacity, demand);
  EXPECT_EQ(r.assigned, 2);
  EXPECT_EQ(r.total_cost, 7);  // 0→1 (5) + 1→0 (2) beats 0→0 (1) + 1→1 (10)
  EXPECT_EQ(r.flow, (std::vector<std::uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(r.household, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(r.member, (std::vector<std::int64_t>{1, 0}));
  EXPECT_TRUE(r.unassigned.empty());
  EXPECT_EQ(check_consistent(r, edges, capacity, demand), "");
}

TEST(MinCostAssignment, MoreUnitsBeatLowerCost) {
  // Assigning both households costs 200, one alone 1: the flow value comes first.
  const std::vector<AssignmentEdge> edges{{0, 0, 1}, {1, 0, 100}, {0, 1, 100}};
  const auto r = mn::min_cost_assignment(edges, std::vector<std::int64_t>{1, 1}, std::vector<std::int64_t>{1, 1});
  EXPECT_EQ(r.assigned, 2);
  EXPECT_EQ(r.total_cost, 200);
}

TEST(MinCostAssignment, NegativeCostsAndParallelRows) {
  const std::vector<AssignmentEdge> edges{{0, 0, -4}, {0, 0, -3}, {0, 0, 7}};
  const std::vector<std::int64_t> capacity{5}, demand{2};
  const auto r = mn::min_cost_assignment(edges, capacity, demand);
  EXPECT_EQ(r.assigned, 2);
  EXPECT_EQ(r.total_cost, -7);
  EXPECT_EQ(r.flow, (std::vector<std::uint8_t>{1, 1, 0}));
}

TEST(MinCostAssignment, EmptyInputs) {
  const auto none = mn::min_cost_assignment({}, {}, {});
  EXPECT_EQ(none.assigned, 0);
  EXPECT_EQ(none.total_cost, 0);
  EXPECT_TRUE(none.unassigned.empty());
  const auto no_rows = mn::min_cost_assignment({}, std::vector<std::int64_t>{3}, std::vector<std::int64_t>{2, 0});
  EXPECT_EQ(no_rows.demanded, 2);
  ASSERT_EQ(no_rows.unassigned, (std::vector<std::int64_t>{0}));
  EXPECT_EQ(no_rows.reason[0], UnassignedReason::NoEligibleMember);
  EXPECT_EQ(no_rows.missing[0], 2);
}

TEST(MinCostAssignment, UnassignedReasons) {
  // h0: no rows; h1: demand 2, one row; h2, h3 compete for member 1 of capacity 1.
  const std::vector<AssignmentEdge> edges{{1, 0, 1}, {2, 1, 1}, {3, 1, 2}};
  const std::vector<std::int64_t> capacity{5, 1}, demand{1, 2, 1, 1};
  const auto r = mn::min_cost_assignment(edges, capacity, demand);
  EXPECT_EQ(r.assigned, 2);
  EXPECT_EQ(r.total_cost, 2);
  EXPECT_EQ(r.unassigned, (std::vector<std::int64_t>{0, 1, 3}));
  EXPECT_EQ(r.reason, (std::vector<UnassignedReason>{UnassignedReason::NoEligibleMember,
                                                     UnassignedReason::TooFewEligibleEdges,
                                                     UnassignedReason::MembersAtCapacity}));
  EXPECT_EQ(r.missing, (std::vector<std::int64_t>{1, 1, 1}));
  EXPECT_EQ(massline::to_name(UnassignedReason::MembersAtCapacity), "members_at_capacity");
}

TEST(MinCostAssignment, ZeroCapacityMemberCountsAsFull) {
  const std::vector<AssignmentEdge> edges{{0, 0, 1}};
  const auto r = mn::min_cost_assignment(edges, std::vector<std::int64_t>{0}, std::vector<std::int64_t>{1});
  ASSERT_EQ(r.reason.size(), 1u);
  EXPECT_EQ(r.reason[0], UnassignedReason::MembersAtCapacity);
}

TEST(MinCostAssignment, RefusesBadIndicesNamingTheRow) {
  const std::vector<std::int64_t> capacity{1, 1}, demand{1};
  const std::vector<AssignmentEdge> bad_h{{0, 0, 1}, {1, 0, 1}};
  EXPECT_EQ(code_of([&] { (void)mn::min_cost_assignment(bad_h, capacity, demand); }), "assignment.household_index");
  EXPECT_NE(message_of([&] { (void)mn::min_cost_assignment(bad_h, capacity, demand); }).find("row 1"),
            std::string::npos);
  const std::vector<AssignmentEdge> neg_h{{-1, 0, 1}};
  EXPECT_EQ(code_of([&] { (void)mn::min_cost_assignment(neg_h, capacity, demand); }), "assignment.household_index");
  const std::vector<AssignmentEdge> bad_m{{0, 0, 1}, {0, 1, 1}, {0, 2, 1}};
  const auto message = message_of([&] { (void)mn::min_cost_assignment(bad_m, capacity, demand); });
  EXPECT_NE(message.find("assignment.member_index"), std::string::npos) << message;
  EXPECT_NE(message.find("row 2"), std::string::npos) << message;
  const std::vector<AssignmentEdge> neg_m{{0, -5, 1}};
  EXPECT_EQ(code_of([&] { (void)mn::min_cost_assignment(neg_m, capacity, demand); }), "assignment.member_index");
}

TEST(MinCostAssignment, RefusesNegativeOrHugeCounts) {
  const std::vector<AssignmentEdge> edges{{0, 0, 1}};
  EXPECT_EQ(code_of([&] {
              (void)mn::min_cost_assignment(edges, std::vector<std::int64_t>{-1}, std::vector<std::int64_t>{1});
            }),
            "assignment.negative_capacity");
  EXPECT_EQ(code_of([&] {
              (void)mn::min_cost_assignment(edges, std::vector<std::int64_t>{1}, std::vector<std::int64_t>{1, -2});
            }),
            "assignment.negative_demand");
  const auto big = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(code_of([&] {
              (void)mn::min_cost_assignment(edges, std::vector<std::int64_t>{1}, std::vector<std::int64_t>{big});
            }),
            "assignment.too_large");
  const std::int64_t half = mn::kMaxAssignmentUnits / 2 + 1;
  EXPECT_EQ(code_of([&] {
              (void)mn::min_cost_assignment(edges, std::vector<std::int64_t>{half, half}, std::vector<std::int64_t>{1});
            }),
            "assignment.too_large");
}

TEST(MinCostAssignment, RefusesCostsThatCouldOverflow) {
  const std::vector<std::int64_t> capacity{2}, demand{2};
  const auto lowest = std::numeric_limits<std::int64_t>::min();
  for (const std::int64_t c : {lowest, std::numeric_limits<std::int64_t>::max(), mn::kMaxAssignmentCostSum + 1,
                               -mn::kMaxAssignmentCostSum - 1}) {
    const std::vector<AssignmentEdge> edges{{0, 0, c}};
    EXPECT_EQ(code_of([&] { (void)mn::min_cost_assignment(edges, capacity, demand); }), "assignment.cost_range") << c;
  }
  // Each row is in range, but their magnitudes sum past the bound at row 1.
  const std::int64_t part = mn::kMaxAssignmentCostSum / 2 + 1;
  const std::vector<AssignmentEdge> edges{{0, 0, part}, {0, 0, -part}};
  const auto message = message_of([&] { (void)mn::min_cost_assignment(edges, capacity, demand); });
  EXPECT_NE(message.find("assignment.cost_range"), std::string::npos) << message;
  EXPECT_NE(message.find("row 1"), std::string::npos) << message;
}

TEST(MinCostAssignment, LargeCostsAtTheBoundAreExact) {
  const std::int64_t big = mn::kMaxAssignmentCostSum / 4;
  const std::vector<AssignmentEdge> edges{{0, 0, big}, {0, 1, big - 1}, {1, 0, -big}, {1, 1, 3}};
  const std::vector<std::int64_t> capacity{1, 1}, demand{1, 1};
  const auto r = mn::min_cost_assignment(edges, capacity, demand);
  const auto best = brute_force(edges, capacity, demand);
  EXPECT_EQ(r.assigned, best.units);
  EXPECT_EQ(r.total_cost, best.cost);
  EXPECT_EQ(r.total_cost, big - 1 - big);
}

TEST(MinCostAssignment, HonoursCancellation) {
  const std::vector<AssignmentEdge> edges{{0, 0, 1}};
  std::atomic<bool> cancel{true};
  const massline::CancellationScope scope(&cancel);
  EXPECT_THROW((void)mn::min_cost_assignment(edges, std::vector<std::int64_t>{1}, std::vector<std::int64_t>{1}),
               massline::Cancelled);
}

TEST(MinCostAssignment, MatchesBruteForceOnRandomInstances) {
  std::mt19937_64 rng(20261206);
  for (int trial = 0; trial < 400; ++trial) {
    const auto households = std::uniform_int_distribution<int>(1, 5)(rng);
    const auto members = std::uniform_int_distribution<int>(1, 4)(rng);
    const auto rows = std::uniform_int_distribution<int>(0, 11)(rng);
    std::vector<std::int64_t> capacity(static_cast<std::size_t>(members)), demand(static_cast<std::size_t>(households));
    for (auto& c : capacity) c = std::uniform_int_distribution<std::int64_t>(0, 3)(rng);
    for (auto& d : demand) d = std::uniform_int_distribution<std::int64_t>(0, 3)(rng);
    std::vector<AssignmentEdge> edges;
    for (int i = 0; i < rows; ++i) {
      edges.push_back({std::uniform_int_distribution<std::int64_t>(0, households - 1)(rng),
                       std::uniform_int_distribution<std::int64_t>(0, members - 1)(rng),
                       std::uniform_int_distribution<std::int64_t>(-5, 20)(rng)});
    }
    const auto r = mn::min_cost_assignment(edges, capacity, demand);
    const auto best = brute_force(edges, capacity, demand);
    const auto input = describe(edges, capacity, demand);
    ASSERT_EQ(r.assigned, best.units) << input;
    ASSERT_EQ(r.total_cost, best.cost) << input;
    ASSERT_EQ(check_consistent(r, edges, capacity, demand), "") << input;
  }
}
