// Network construction from a Registry (include/massline/network/network.hpp).
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/network.hpp>

#include <string>
#include <utility>
#include <variant>

#include "check_interval.hpp"

namespace massline::network {
namespace {

using detail::kCheckEvery;

template <class Table>
std::vector<Vertex> id_map(const Table& table, Vertex first) {
  std::vector<Vertex> map(table.capacity_ids(), Network::kNoVertex);
  Vertex next = first;
  for (const auto& entity : table) map[entity.id.value()] = next++;
  return map;
}

template <class Vec>
std::size_t bytes(const Vec& v) noexcept {
  return v.capacity() * sizeof(typename Vec::value_type);
}

}  // namespace

Network::Network(const Registry& registry, std::optional<Date> on) : on_(on) {
  const std::size_t orgs = registry.organizations().size();
  const std::size_t members = registry.members().size();
  const std::size_t households = registry.households().size();
  const std::size_t vertices = orgs + members + households;
  if (vertices >= kNoVertex) {
    throw InvalidArgument("network.too_large", "the registry has too many entities for a network",
                          Location::of("registry"), std::to_string(vertices) + " vertices; at most 2^32 - 2");
  }
  organizations_ = orgs;
  members_ = members;
  kinds_.reserve(vertices);
  entities_.reserve(vertices);
  for (const auto& org : registry.organizations()) {
    kinds_.push_back(VertexKind::Organization);
    entities_.push_back(org.id.value());
  }
  for (const auto& member : registry.members()) {
    kinds_.push_back(VertexKind::Member);
    entities_.push_back(member.id.value());
  }
  for (const auto& household : registry.households()) {
    kinds_.push_back(VertexKind::Household);
    entities_.push_back(household.id.value());
  }
  org_vertex_ = id_map(registry.organizations(), 0);
  member_vertex_ = id_map(registry.members(), first_member());
  household_vertex_ = id_map(registry.households(), first_household());
  throw_if_cancelled();

  // Edge count first, so the edge arrays are allocated once.
  // Pairings with a member target (assistance of a difficult member) are not network edges:
  // coverage and load count households (docs/network.md).
  auto active = [&](const Pairing& p) {
    return !std::holds_alternative<MemberId>(p.target) && (on_ ? p.active_on(*on_) : !p.end.has_value());
  };
  std::size_t edges = households;
  for (const auto& org : registry.organizations()) edges += org.parent ? 1U : 0U;
  for (const auto& member : registry.members()) edges += 1 + (member.residence_community ? 1U : 0U);
  for (const auto& pairing : registry.pairings()) edges += active(pairing) ? 1U : 0U;
  for (const auto& post : registry.service_posts()) edges += post.holder ? 1U : 0U;
  if (edges >= kNoVertex) {
    throw InvalidArgument("network.too_large", "the registry has too many relations for a network",
                          Location::of("registry"), std::to_string(edges) + " edges; at most 2^32 - 2");
  }
  sources_.reserve(edges);
  targets_.reserve(edges);
  edge_kinds_.reserve(edges);
  auto add = [&](Vertex source, Vertex target, EdgeKind kind) {
    sources_.push_back(source);
    targets_.push_back(target);
    edge_kinds_.push_back(kind);
  };

  org_levels_.reserve(orgs);
  org_parents_.reserve(orgs);
  for (const auto& org : registry.organizations()) {
    org_levels_.push_back(static_cast<std::uint8_t>(org.level));
    org_parents_.push_back(org.parent ? org_vertex_[org.parent->value()] : kNoVertex);
    if (org.parent) add(org_vertex_[org.id.value()], org_vertex_[org.parent->value()], EdgeKind::Parent);
  }
  for (const auto& member : registry.members()) {
    add(member_vertex_[member.id.value()], org_vertex_[member.organization.value()], EdgeKind::MemberOf);
  }
  for (const auto& member : registry.members()) {
    if (member.residence_community) {
      add(member_vertex_[member.id.value()], org_vertex_[member.residence_community->value()], EdgeKind::Residence);
    }
  }
  categories_.reserve(households);
  units_.reserve(households);
  std::size_t seen = 0;
  for (const auto& household : registry.households()) {
    categories_.push_back(household.categories.bits());
    units_.push_back(org_vertex_[household.unit.value()]);
    add(household_vertex_[household.id.value()], org_vertex_[household.unit.value()], EdgeKind::UnitOf);
    if (++seen % kCheckEvery == 0) throw_if_cancelled();
  }
  auto source_vertex = [&](const PairingSource& s) {
    return std::holds_alternative<MemberId>(s) ? member_vertex_[std::get<MemberId>(s).value()]
                                               : org_vertex_[std::get<OrgId>(s).value()];
  };
  auto target_vertex = [&](const PairingTarget& t) {
    return std::holds_alternative<HouseholdId>(t) ? household_vertex_[std::get<HouseholdId>(t).value()]
                                                  : org_vertex_[std::get<OrgId>(t).value()];  // member targets skipped by active()
  };
  constexpr std::array kPairingEdges{std::pair{PairingKind::Assistance, EdgeKind::Assistance},
                                     std::pair{PairingKind::DualOrganization, EdgeKind::DualOrganization},
                                     std::pair{PairingKind::ContactHousehold, EdgeKind::ContactHousehold},
                                     std::pair{PairingKind::ContactPoint, EdgeKind::ContactPoint}};
  for (const auto& [pairing_kind, edge_kind] : kPairingEdges) {
    for (const auto& pairing : registry.pairings()) {
      if (pairing.kind == pairing_kind && active(pairing)) {
        add(source_vertex(pairing.source), target_vertex(pairing.target), edge_kind);
      }
    }
    throw_if_cancelled();
  }
  for (const auto& post : registry.service_posts()) {
    if (post.holder) add(member_vertex_[post.holder->value()], org_vertex_[post.organization.value()], EdgeKind::ServicePost);
  }
  throw_if_cancelled();

  // CSR: count degrees, prefix sums, then fill in edge order (so each row is ascending).
  offsets_.assign(vertices + 1, 0);
  for (std::size_t e = 0; e < sources_.size(); ++e) {
    ++offsets_[sources_[e] + 1];
    ++offsets_[targets_[e] + 1];
  }
  for (std::size_t v = 0; v < vertices; ++v) offsets_[v + 1] += offsets_[v];
  adj_vertices_.resize(offsets_[vertices]);
  adj_edges_.resize(offsets_[vertices]);
  std::vector<std::uint64_t> cursor(offsets_.begin(), offsets_.end() - 1);
  for (std::size_t e = 0; e < sources_.size(); ++e) {
    const Vertex s = sources_[e], t = targets_[e];
    adj_vertices_[cursor[s]] = t;
    adj_edges_[cursor[s]++] = static_cast<Edge>(e);
    adj_vertices_[cursor[t]] = s;
    adj_edges_[cursor[t]++] = static_cast<Edge>(e);
    if (e % kCheckEvery == 0) throw_if_cancelled();
  }
}

Vertex Network::checked(Vertex v) const {
  if (v >= kinds_.size()) {
    throw InvalidArgument("network.vertex", "no such vertex", Location::of("vertex " + std::to_string(v)),
                          "the network has " + std::to_string(kinds_.size()) + " vertices");
  }
  return v;
}

Vertex Network::lookup(const std::vector<Vertex>& map, std::uint32_t id, const std::string& name) {
  if (id >= map.size() || map[id] == kNoVertex) {
    throw NotFound("network.unknown_entity", "no such vertex", Location::of(name),
                   "the entity was not live in the registry when the network was built");
  }
  return map[id];
}

std::span<const Vertex> Network::neighbours(Vertex v) const {
  checked(v);
  return std::span<const Vertex>(adj_vertices_).subspan(offsets_[v], offsets_[v + 1] - offsets_[v]);
}

std::span<const Edge> Network::incident_edges(Vertex v) const {
  checked(v);
  return std::span<const Edge>(adj_edges_).subspan(offsets_[v], offsets_[v + 1] - offsets_[v]);
}

std::size_t Network::memory_bytes() const noexcept {
  return sizeof(*this) + bytes(kinds_) + bytes(entities_) + bytes(org_vertex_) + bytes(member_vertex_) +
         bytes(household_vertex_) + bytes(org_levels_) + bytes(org_parents_) + bytes(categories_) + bytes(units_) +
         bytes(sources_) + bytes(targets_) + bytes(edge_kinds_) + bytes(offsets_) + bytes(adj_vertices_) +
         bytes(adj_edges_);
}

}  // namespace massline::network
