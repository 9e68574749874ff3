// Coverage, must-visit coverage, load and gaps (include/massline/network/{coverage,gaps}.hpp).
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/gaps.hpp>

#include <algorithm>
#include <bit>
#include <string>

#include "check_interval.hpp"

namespace massline::network {
namespace {

using detail::kCheckEvery;

bool is_member(const Network& net, Vertex v) noexcept { return v >= net.first_member() && v < net.first_household(); }

// True when household vertex @p h has a responsible member (no allocation).
bool has_responsible(const Network& net, Vertex h) {
  const auto sources = net.edge_sources();
  const auto kinds = net.edge_kinds();
  for (const Edge e : net.incident_edges(h)) {
    if (is_responsibility(kinds[e]) && is_member(net, sources[e])) return true;
  }
  return false;
}

}  // namespace

std::vector<Vertex> responsible_members(const Network& net, Vertex household) {
  if (net.kind(household) != VertexKind::Household) {
    throw InvalidArgument("network.vertex", "not a household vertex", Location::of("vertex " + std::to_string(household)),
                          "responsible members are defined for households only");
  }
  std::vector<Vertex> out;
  const auto sources = net.edge_sources();
  const auto kinds = net.edge_kinds();
  for (const Edge e : net.incident_edges(household)) {
    if (is_responsibility(kinds[e]) && is_member(net, sources[e])) out.push_back(sources[e]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Coverage coverage(const Network& net) {
  Coverage out;
  const std::size_t households = net.household_count();
  const Vertex first = net.first_household();
  out.households = households;
  out.covered.resize(households);
  std::vector<std::size_t> unit_total(net.organization_count()), unit_covered(net.organization_count());
  const auto categories = net.household_categories();
  const auto units = net.household_units();
  for (std::size_t h = 0; h < households; ++h) {
    const bool covered = has_responsible(net, static_cast<Vertex>(first + h));
    out.covered[h] = static_cast<std::uint8_t>(covered);
    out.covered_households += covered ? 1U : 0U;
    ++unit_total[units[h]];
    unit_covered[units[h]] += covered ? 1U : 0U;
    for (std::uint32_t rest = categories[h]; rest != 0; rest &= rest - 1) {
      const auto c = static_cast<std::size_t>(std::countr_zero(rest));
      ++out.category_households[c];
      out.category_covered[c] += covered ? 1U : 0U;
    }
    if ((h + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  for (Vertex o = 0; o < net.organization_count(); ++o) {
    if (unit_total[o] == 0) continue;
    out.units.push_back(o);
    out.unit_households.push_back(unit_total[o]);
    out.unit_covered.push_back(unit_covered[o]);
  }
  return out;
}

MustVisitCoverage must_visit_coverage(const Network& net, HouseholdCategories categories) {
  MustVisitCoverage out;
  const Vertex first = net.first_household();
  const auto cats = net.household_categories();
  const auto entities = net.vertex_entities();
  for (std::size_t h = 0; h < net.household_count(); ++h) {
    if ((cats[h] & categories.bits()) == 0) continue;
    ++out.households;
    const auto v = static_cast<Vertex>(first + h);
    if (has_responsible(net, v)) {
      ++out.covered_households;
    } else {
      out.uncovered.emplace_back(entities[v]);  // household vertices are in ascending id order
    }
    if ((h + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  return out;
}

std::optional<double> gini(std::vector<std::uint32_t> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  double total = 0, weighted = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto x = static_cast<double>(values[i]);
    total += x;
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * x;
  }
  if (total == 0) return std::nullopt;
  return weighted / (n * total);
}

Load load(const Network& net) {
  Load out;
  out.households.resize(net.member_count());
  const auto targets = net.edge_targets();
  const auto sources = net.edge_sources();
  const auto kinds = net.edge_kinds();
  std::vector<Vertex> seen;
  for (std::size_t m = 0; m < net.member_count(); ++m) {
    const auto v = static_cast<Vertex>(net.first_member() + m);
    seen.clear();
    for (const Edge e : net.incident_edges(v)) {
      if (is_responsibility(kinds[e]) && sources[e] == v) seen.push_back(targets[e]);
    }
    std::sort(seen.begin(), seen.end());
    out.households[m] = static_cast<std::uint32_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
    if ((m + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  out.gini = gini(out.households);
  return out;
}

Gaps gaps(const Network& net, HouseholdCategories difficult) {
  Gaps out;
  const auto sources = net.edge_sources();
  const auto kinds = net.edge_kinds();
  const auto entities = net.vertex_entities();
  const auto levels = net.organization_levels();
  for (Vertex o = 0; o < net.organization_count(); ++o) {
    if (levels[o] != static_cast<std::uint8_t>(OrgLevel::Grid)) continue;
    const auto incident = net.incident_edges(o);
    const bool staffed = std::any_of(incident.begin(), incident.end(), [&](Edge e) {
      return kinds[e] == EdgeKind::MemberOf || kinds[e] == EdgeKind::Residence;
    });
    if (!staffed) out.units_without_members.emplace_back(entities[o]);
  }
  for (Vertex v = net.first_member(); v < net.first_household(); ++v) {
    const auto incident = net.incident_edges(v);
    const bool paired = std::any_of(incident.begin(), incident.end(), [&](Edge e) {
      return sources[e] == v && (is_responsibility(kinds[e]) || kinds[e] == EdgeKind::ContactPoint);
    });
    if (!paired) out.members_without_pairing.emplace_back(entities[v]);
  }
  const auto cats = net.household_categories();
  for (std::size_t h = 0; h < net.household_count(); ++h) {
    if ((cats[h] & difficult.bits()) == 0) continue;
    const auto v = static_cast<Vertex>(net.first_household() + h);
    const auto incident = net.incident_edges(v);
    const bool assisted =
        std::any_of(incident.begin(), incident.end(), [&](Edge e) { return kinds[e] == EdgeKind::Assistance; });
    if (!assisted) out.difficult_without_assistance.emplace_back(entities[v]);
    if ((h + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  return out;
}

}  // namespace massline::network
