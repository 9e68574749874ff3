// The min-cost assignment (include/massline/network/min_cost_assignment.hpp): validation, the
// flow network as a LEMON StaticDigraph, Preflow for the maximum flow value, NetworkSimplex for
// the least cost at that value. LEMON is used header-only and stays in this file.
#define LEMON_ONLY_TEMPLATES
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/static_graph.h>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/min_cost_assignment.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace massline::network {
namespace {

using Units = std::int64_t;

[[noreturn]] void refuse(const char* code, std::string what, const std::string& entity, const std::string& field,
                         std::string why) {
  throw InvalidArgument(code, std::move(what), Location::of(entity, field), std::move(why));
}

// The running sums of |cost| of the rows, of capacity and of demand stay below their bounds.
void validate(std::span<const AssignmentEdge> edges, std::span<const Units> capacity, std::span<const Units> demand) {
  constexpr auto kIndexLimit = static_cast<std::size_t>(std::numeric_limits<int>::max());
  // Nodes: source, households, members, sink; arcs: one per household, row and member.
  if (demand.size() + capacity.size() + 2 > kIndexLimit ||
      edges.size() + demand.size() + capacity.size() > kIndexLimit) {
    refuse("assignment.too_large", "too many households, members or rows", "edges", "",
           std::to_string(demand.size()) + " households, " + std::to_string(capacity.size()) + " members and " +
               std::to_string(edges.size()) + " rows exceed the solver's 32-bit node and arc indices");
  }
  const auto sum_of = [](std::span<const Units> values, const char* code, const char* name, const char* code_big) {
    Units sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] < 0) {
        refuse(code, std::string("negative ") + name, name, "index " + std::to_string(i),
               name + std::string("[") + std::to_string(i) + "] is " + std::to_string(values[i]) +
                   "; it must be 0 or more");
      }
      if (values[i] > kMaxAssignmentUnits - sum) {
        refuse(code_big, std::string("sum of ") + name + " too large", name, "index " + std::to_string(i),
               "the running sum passes 2^62 at index " + std::to_string(i));
      }
      sum += values[i];
    }
  };
  sum_of(capacity, "assignment.negative_capacity", "capacity", "assignment.too_large");
  sum_of(demand, "assignment.negative_demand", "demand", "assignment.too_large");
  const auto households = static_cast<Units>(demand.size());
  const auto members = static_cast<Units>(capacity.size());
  Units cost_sum = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const AssignmentEdge& e = edges[i];
    const std::string row = "row " + std::to_string(i);
    if (e.household < 0 || e.household >= households) {
      refuse("assignment.household_index", "household index out of range", "edges", row,
             "household " + std::to_string(e.household) + " is not in 0.." + std::to_string(households - 1) + " (" +
                 std::to_string(households) + " households in demand)");
    }
    if (e.member < 0 || e.member >= members) {
      refuse("assignment.member_index", "member index out of range", "edges", row,
             "member " + std::to_string(e.member) + " is not in 0.." + std::to_string(members - 1) + " (" +
                 std::to_string(members) + " members in capacity)");
    }
    // |cost| without overflow: INT64_MIN is itself beyond the bound.
    const bool too_big = e.cost < -kMaxAssignmentCostSum || e.cost > kMaxAssignmentCostSum;
    const Units magnitude = too_big ? kMaxAssignmentCostSum : std::abs(e.cost);
    if (too_big || magnitude > kMaxAssignmentCostSum - cost_sum) {
      refuse("assignment.cost_range", "cost out of range", "edges", row,
             "cost " + std::to_string(e.cost) + (too_big ? " exceeds" : " takes the sum of |cost| over the rows past") +
                 " 2^60, the bound under which no sum of costs can overflow 64 bits");
    }
    cost_sum += magnitude;
  }
}

}  // namespace

AssignmentResult min_cost_assignment(std::span<const AssignmentEdge> edges, std::span<const std::int64_t> capacity,
                                     std::span<const std::int64_t> demand) {
  validate(edges, capacity, demand);
  throw_if_cancelled();

  const std::size_t households = demand.size();
  const std::size_t members = capacity.size();
  const std::size_t rows = edges.size();
  // Rows grouped by household, ascending within each (a counting sort): StaticDigraph needs
  // the arcs ordered by source node.
  std::vector<std::size_t> first(households + 1, 0);
  for (const AssignmentEdge& e : edges) ++first[static_cast<std::size_t>(e.household) + 1];
  for (std::size_t h = 0; h < households; ++h) first[h + 1] += first[h];
  std::vector<std::size_t> order(rows);  // order[k]: the row at position k of the grouped list
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < rows; ++i) order[next[static_cast<std::size_t>(edges[i].household)]++] = i;
  }

  // Nodes: 0 source, 1..H households, H+1..H+M members, H+M+1 sink. Arcs in source order:
  // source→household (index h), household→member (index H + k for grouped position k),
  // member→sink (index H + rows + m).
  const int source = 0;
  const int sink = static_cast<int>(households + members + 1);
  const auto household_node = [](std::size_t h) { return static_cast<int>(h + 1); };
  const auto member_node = [households](std::int64_t m) { return static_cast<int>(households + 1 + static_cast<std::size_t>(m)); };
  std::vector<std::pair<int, int>> arcs;
  arcs.reserve(households + rows + members);
  for (std::size_t h = 0; h < households; ++h) arcs.emplace_back(source, household_node(h));
  for (std::size_t k = 0; k < rows; ++k) {
    const AssignmentEdge& e = edges[order[k]];
    arcs.emplace_back(household_node(static_cast<std::size_t>(e.household)), member_node(e.member));
  }
  for (std::size_t m = 0; m < members; ++m) arcs.emplace_back(member_node(static_cast<std::int64_t>(m)), sink);

  lemon::StaticDigraph graph;
  graph.build(sink + 1, arcs.begin(), arcs.end());
  arcs.clear();
  arcs.shrink_to_fit();
  lemon::StaticDigraph::ArcMap<Units> upper(graph);
  lemon::StaticDigraph::ArcMap<Units> cost(graph, 0);
  for (std::size_t h = 0; h < households; ++h) upper[graph.arc(static_cast<int>(h))] = demand[h];
  for (std::size_t k = 0; k < rows; ++k) {
    const auto arc = graph.arc(static_cast<int>(households + k));
    upper[arc] = 1;
    cost[arc] = edges[order[k]].cost;
  }
  for (std::size_t m = 0; m < members; ++m) upper[graph.arc(static_cast<int>(households + rows + m))] = capacity[m];
  throw_if_cancelled();

  // Phase 1: the most units that can be assigned.
  Units flow_value = 0;
  {
    lemon::Preflow<lemon::StaticDigraph, lemon::StaticDigraph::ArcMap<Units>> preflow(graph, upper, graph.node(source),
                                                                                     graph.node(sink));
    preflow.runMinCut();
    flow_value = preflow.flowValue();
  }
  throw_if_cancelled();

  // Phase 2: the least cost of sending exactly that many units.
  lemon::NetworkSimplex<lemon::StaticDigraph, Units, Units> simplex(graph);
  simplex.upperMap(upper).costMap(cost).stSupply(graph.node(source), graph.node(sink), flow_value);
  if (simplex.run() != decltype(simplex)::OPTIMAL) {
    throw Error("assignment.solver", "the min-cost flow solver found no optimum", Location::of("edges"),
                "NetworkSimplex did not reach OPTIMAL for the maximum flow value " + std::to_string(flow_value) +
                    " that Preflow found; please report this input");
  }
  throw_if_cancelled();

  AssignmentResult result;
  result.assigned = flow_value;
  for (const Units d : demand) result.demanded += d;
  result.flow.assign(rows, 0);
  std::vector<Units> received(households, 0);
  for (std::size_t k = 0; k < rows; ++k) {
    const Units f = simplex.flow(graph.arc(static_cast<int>(households + k)));
    if (f == 0) continue;
    const std::size_t i = order[k];
    result.flow[i] = 1;
    ++received[static_cast<std::size_t>(edges[i].household)];
    if (__builtin_add_overflow(result.total_cost, edges[i].cost, &result.total_cost)) {
      throw Error("assignment.overflow", "total cost overflows 64 bits", Location::of("edges", "row " + std::to_string(i)),
                  "unreachable under the validated bound of 2^60 on the sum of |cost|; please report this input");
    }
  }
  result.edge.reserve(static_cast<std::size_t>(flow_value));
  result.household.reserve(static_cast<std::size_t>(flow_value));
  result.member.reserve(static_cast<std::size_t>(flow_value));
  for (std::size_t i = 0; i < rows; ++i) {
    if (result.flow[i] == 0) continue;
    result.edge.push_back(static_cast<std::int64_t>(i));
    result.household.push_back(edges[i].household);
    result.member.push_back(edges[i].member);
  }
  for (std::size_t h = 0; h < households; ++h) {
    if (received[h] >= demand[h]) continue;
    const auto eligible = static_cast<Units>(first[h + 1] - first[h]);
    result.unassigned.push_back(static_cast<std::int64_t>(h));
    result.missing.push_back(demand[h] - received[h]);
    // At a maximum flow an unused row of an under-served household ends at a full member
    // (otherwise source→household→member→sink would augment), so these three cases are all.
    result.reason.push_back(eligible == 0            ? UnassignedReason::NoEligibleMember
                            : received[h] == eligible ? UnassignedReason::TooFewEligibleEdges
                                                      : UnassignedReason::MembersAtCapacity);
  }
  return result;
}

}  // namespace massline::network
