#pragma once
/// @file
/// Escalation paths of all households at once: from the household's responsible members up
/// through its unit and every ancestor organisation to the root (the county), with the
/// people responsible at each level (docs/network.md, "Escalation").

#include <massline/network/network.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace massline::network {

/// Escalation paths in compressed (CSR) form. Household h (index = vertex − first_household())
/// climbs path[path_offsets[h] .. path_offsets[h+1]): its unit first, then each parent up to
/// the root. Its own responsible members are household_people[household_offsets[h] ..
/// household_offsets[h+1]); the people responsible at organisation vertex o are
/// organization_people[organization_offsets[o] .. organization_offsets[o+1]). People lists
/// are member vertices, ascending, each once.
struct Escalation {
  std::vector<std::uint64_t> path_offsets;         ///< household count + 1
  std::vector<Vertex> path;                        ///< organisation vertices
  std::vector<std::uint64_t> household_offsets;    ///< household count + 1
  std::vector<Vertex> household_people;            ///< responsible members (coverage.hpp)
  std::vector<std::uint64_t> organization_offsets; ///< organisation count + 1
  std::vector<Vertex> organization_people;         ///< service-post holders and contact-point members

  /// The path of household index @p h (unit first).
  [[nodiscard]] std::span<const Vertex> path_of(std::size_t h) const {
    return std::span<const Vertex>(path).subspan(path_offsets[h], path_offsets[h + 1] - path_offsets[h]);
  }
};

/// The escalation paths of every household. The people responsible at an organisation are
/// the holders of its service posts and the members with an active contact point there.
/// O(H · depth + V + E).
[[nodiscard]] Escalation escalation(const Network& net);

}  // namespace massline::network
