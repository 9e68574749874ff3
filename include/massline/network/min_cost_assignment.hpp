#pragma once
/// @file
/// Exact min-cost assignment of households to members as a flow problem (docs/assignment.md):
/// assign as many units of household demand as the member capacities allow, and among those
/// assignments take one of least total cost. Solved with LEMON (Preflow, then NetworkSimplex),
/// which stays private to the compiled part: including this header needs no LEMON.

#include <massline/core/enum_names.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace massline::network {

/// One row of the input: household @c household may be served by member @c member at cost
/// @c cost. Each row carries at most one unit (repeat a row to allow more units between the
/// same pair). Fields are 64-bit so that out-of-range input is reported, never truncated; the
/// layout equals one row of an (n, 3) int64 C-order array.
struct AssignmentEdge {
  std::int64_t household = 0;  ///< index into the demand array, 0 .. demand.size()-1
  std::int64_t member = 0;     ///< index into the capacity array, 0 .. capacity.size()-1
  std::int64_t cost = 0;       ///< cost of one unit on this row; negative costs are allowed
};

/// Largest |cost| of a row, and largest sum of |cost| over all rows: 2^60, so that every sum
/// of costs the solver forms (potentials, reduced costs, the total) fits in int64 next to the
/// solver's own artificial cost of 2^62.
inline constexpr std::int64_t kMaxAssignmentCostSum = std::int64_t{1} << 60;
/// Largest sum of demands and largest sum of capacities: 2^62.
inline constexpr std::int64_t kMaxAssignmentUnits = std::int64_t{1} << 62;

/// Why a household received fewer units than it demanded (it is then in
/// AssignmentResult::unassigned).
enum class UnassignedReason : std::uint8_t {
  NoEligibleMember,     ///< no edge row names the household
  TooFewEligibleEdges,  ///< every row of the household is used and its demand is still not met
  MembersAtCapacity,    ///< every unused row of the household goes to a member at full capacity
};

/// The snake_case names of UnassignedReason (files, Python, messages).
constexpr std::array<std::string_view, 3> enum_names(UnassignedReason) {
  return {"no_eligible_member", "too_few_eligible_edges", "members_at_capacity"};
}

/// The optimal assignment. For an optimum, @c assigned is the maximum flow value (no other
/// choice of rows assigns more units) and @c total_cost the least cost of any choice that
/// assigns @c assigned units.
struct AssignmentResult {
  std::int64_t total_cost = 0;  ///< sum of cost over the rows used
  std::int64_t assigned = 0;    ///< units assigned (= number of rows used)
  std::int64_t demanded = 0;    ///< sum of demand
  std::vector<std::uint8_t> flow;        ///< per input row: 1 when used, else 0
  std::vector<std::int64_t> edge;        ///< the rows used, ascending
  std::vector<std::int64_t> household;   ///< household of each used row (parallel to @c edge)
  std::vector<std::int64_t> member;      ///< member of each used row (parallel to @c edge)
  std::vector<std::int64_t> unassigned;  ///< households that got less than their demand, ascending
  std::vector<UnassignedReason> reason;  ///< why, parallel to @c unassigned
  std::vector<std::int64_t> missing;     ///< demand minus units received, parallel to @c unassigned
};

/// Solves the assignment exactly: first maximise the number of assigned units
/// (sum of used rows, each household h receiving at most demand[h], each member m serving at
/// most capacity[m]), then, among the assignments reaching that number, minimise the sum of
/// the used rows' costs. Flow network: source → household h (capacity demand[h], cost 0),
/// household → member for every row (capacity 1, the row's cost), member m → sink (capacity
/// capacity[m], cost 0). Phase 1 is LEMON's Preflow (max flow value F), phase 2 LEMON's
/// NetworkSimplex sending exactly F from source to sink at least cost. Ties between optima are
/// broken by the solver (deterministic for the same input).
///
/// Throws InvalidArgument, located at the offending element:
/// "assignment.household_index" / "assignment.member_index" (a row names an index outside
/// demand / capacity; entity "edges", field "row <i>"), "assignment.cost_range" (|cost| or the
/// running sum of |cost| over the rows exceeds kMaxAssignmentCostSum; names the row),
/// "assignment.negative_capacity" / "assignment.negative_demand" (names the index),
/// "assignment.too_large" (sum of capacity or demand above kMaxAssignmentUnits, or more
/// nodes or rows than the solver's 32-bit indices hold). Honours massline cancellation between
/// phases (throws Cancelled).
[[nodiscard]] AssignmentResult min_cost_assignment(std::span<const AssignmentEdge> edges,
                                                   std::span<const std::int64_t> capacity,
                                                   std::span<const std::int64_t> demand);

}  // namespace massline::network
