#pragma once
/// @file
/// The four-level network as an immutable graph: organisations, members and households as
/// vertices with dense indices, typed edges from the model, a compressed (CSR) adjacency.
/// See docs/network.md.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massline::network {

/// Dense vertex index: organisations first (0..O-1), then members (O..O+M-1), then
/// households (O+M..V-1), each block in ascending id order.
using Vertex = std::uint32_t;
/// Dense edge index into the edge arrays (Network::edge_sources() ...).
using Edge = std::uint32_t;

/// What a vertex stands for.
enum class VertexKind : std::uint8_t { Organization, Member, Household };
constexpr std::array<std::string_view, 3> enum_names(VertexKind) { return {"organization", "member", "household"}; }

/// What an edge stands for; each kind fixes its direction (source -> target).
enum class EdgeKind : std::uint8_t {
  Parent,            ///< organisation -> its parent organisation
  MemberOf,          ///< member -> home organisation
  Residence,         ///< in-service member -> residence community
  UnitOf,            ///< household -> its level-4 unit
  Assistance,        ///< member or organisation -> household (active assistance pairing)
  DualOrganization,  ///< organisation -> organisation (active dual-organisation pairing)
  ContactHousehold,  ///< member -> household (active contact-household pairing)
  ContactPoint,      ///< member -> organisation (active contact point)
  ServicePost        ///< post holder (member) -> the post's organisation
};
constexpr std::array<std::string_view, 9> enum_names(EdgeKind) {
  return {"parent",           "member_of",         "residence",     "unit_of",     "assistance",
          "dual_organization", "contact_household", "contact_point", "service_post"};
}

/// An immutable snapshot of a Registry as a graph.
///
/// Built once from a Registry; it never changes afterwards and does not refer to the registry,
/// so it stays valid (and stale) when the registry changes: rebuild it to see new data. Every
/// span it hands out lives as long as the Network. Edge i joins edge_sources()[i] to
/// edge_targets()[i]; edges are grouped by EdgeKind (enum order), each group in ascending
/// order of the entity that defines the edge (organisation, member, household, pairing or
/// service post id). The adjacency is undirected: vertex v's incident edges are
/// adjacency_edges()[adjacency_offsets()[v] .. adjacency_offsets()[v+1]) in ascending edge
/// order, with the vertex at the other end in adjacency_vertices() (a self-loop appears twice).
class Network {
 public:
  /// Snapshot of @p registry. Pairings count when active on @p on (Pairing::active_on); without
  /// a day, pairings that have no end date count. Throws InvalidArgument "network.too_large"
  /// when the counts do not fit 32-bit indices, and Cancelled when cancelled.
  explicit Network(const Registry& registry, std::optional<Date> on = std::nullopt);

  /// The day pairings were taken active on, if one was given.
  [[nodiscard]] std::optional<Date> on() const noexcept { return on_; }

  [[nodiscard]] std::size_t vertex_count() const noexcept { return kinds_.size(); }
  [[nodiscard]] std::size_t edge_count() const noexcept { return edge_kinds_.size(); }
  [[nodiscard]] std::size_t organization_count() const noexcept { return organizations_; }
  [[nodiscard]] std::size_t member_count() const noexcept { return members_; }
  [[nodiscard]] std::size_t household_count() const noexcept { return kinds_.size() - organizations_ - members_; }
  /// First vertex of the member block (= organization_count()).
  [[nodiscard]] Vertex first_member() const noexcept { return static_cast<Vertex>(organizations_); }
  /// First vertex of the household block.
  [[nodiscard]] Vertex first_household() const noexcept { return static_cast<Vertex>(organizations_ + members_); }

  /// The vertex of a live entity; throws NotFound "network.unknown_entity" for an id that was
  /// not live when the network was built.
  [[nodiscard]] Vertex vertex_of(OrgId id) const { return lookup(org_vertex_, id.value(), id.to_string()); }
  [[nodiscard]] Vertex vertex_of(MemberId id) const { return lookup(member_vertex_, id.value(), id.to_string()); }
  [[nodiscard]] Vertex vertex_of(HouseholdId id) const { return lookup(household_vertex_, id.value(), id.to_string()); }
  /// As vertex_of(), but empty instead of throwing.
  [[nodiscard]] std::optional<Vertex> find_vertex(OrgId id) const noexcept { return find(org_vertex_, id.value()); }
  [[nodiscard]] std::optional<Vertex> find_vertex(MemberId id) const noexcept { return find(member_vertex_, id.value()); }
  [[nodiscard]] std::optional<Vertex> find_vertex(HouseholdId id) const noexcept { return find(household_vertex_, id.value()); }

  /// Kind of vertex @p v; throws InvalidArgument "network.vertex" when out of range.
  [[nodiscard]] VertexKind kind(Vertex v) const { return kinds_[checked(v)]; }
  /// The id value (OrgId, MemberId or HouseholdId by kind()) of vertex @p v.
  [[nodiscard]] std::uint32_t entity(Vertex v) const { return entities_[checked(v)]; }
  /// Throws InvalidArgument "network.vertex" unless @p v < vertex_count(); returns @p v.
  Vertex checked(Vertex v) const;

  // ---- vertex properties (index = vertex) ----
  [[nodiscard]] std::span<const VertexKind> vertex_kinds() const noexcept { return kinds_; }
  [[nodiscard]] std::span<const std::uint32_t> vertex_entities() const noexcept { return entities_; }
  // ---- organisation properties (index = organisation vertex) ----
  /// Level 1..4 of each organisation.
  [[nodiscard]] std::span<const std::uint8_t> organization_levels() const noexcept { return org_levels_; }
  /// Parent organisation vertex, or kNoVertex for a root.
  [[nodiscard]] std::span<const Vertex> organization_parents() const noexcept { return org_parents_; }
  // ---- household properties (index = vertex - first_household()) ----
  /// HouseholdCategories::bits() of each household.
  [[nodiscard]] std::span<const std::uint32_t> household_categories() const noexcept { return categories_; }
  /// The unit (organisation vertex) of each household.
  [[nodiscard]] std::span<const Vertex> household_units() const noexcept { return units_; }
  // ---- edges (index = edge) ----
  [[nodiscard]] std::span<const Vertex> edge_sources() const noexcept { return sources_; }
  [[nodiscard]] std::span<const Vertex> edge_targets() const noexcept { return targets_; }
  [[nodiscard]] std::span<const EdgeKind> edge_kinds() const noexcept { return edge_kinds_; }
  // ---- CSR adjacency (undirected) ----
  [[nodiscard]] std::span<const std::uint64_t> adjacency_offsets() const noexcept { return offsets_; }
  [[nodiscard]] std::span<const Vertex> adjacency_vertices() const noexcept { return adj_vertices_; }
  [[nodiscard]] std::span<const Edge> adjacency_edges() const noexcept { return adj_edges_; }
  /// Vertices adjacent to @p v (with repeats for parallel edges), in incident-edge order.
  [[nodiscard]] std::span<const Vertex> neighbours(Vertex v) const;
  /// Edges incident to @p v, ascending.
  [[nodiscard]] std::span<const Edge> incident_edges(Vertex v) const;

  /// Bytes held by the network's arrays (capacity, not size): its memory footprint.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

  /// Marks "no vertex" in organization_parents().
  static constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();

 private:
  static Vertex lookup(const std::vector<Vertex>& map, std::uint32_t id, const std::string& name);
  static std::optional<Vertex> find(const std::vector<Vertex>& map, std::uint32_t id) noexcept {
    if (id >= map.size() || map[id] == kNoVertex) return std::nullopt;
    return map[id];
  }

  std::optional<Date> on_;
  std::size_t organizations_ = 0, members_ = 0;
  std::vector<VertexKind> kinds_;
  std::vector<std::uint32_t> entities_;
  std::vector<Vertex> org_vertex_, member_vertex_, household_vertex_;  // id value -> vertex or kNoVertex
  std::vector<std::uint8_t> org_levels_;
  std::vector<Vertex> org_parents_;
  std::vector<std::uint32_t> categories_;
  std::vector<Vertex> units_;
  std::vector<Vertex> sources_, targets_;
  std::vector<EdgeKind> edge_kinds_;
  std::vector<std::uint64_t> offsets_;
  std::vector<Vertex> adj_vertices_;
  std::vector<Edge> adj_edges_;
};

}  // namespace massline::network
