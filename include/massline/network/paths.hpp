#pragma once
/// @file
/// Reachability, unweighted shortest paths and connected components of the network taken
/// as an undirected graph (every edge kind counts; docs/network.md, "Paths").

#include <massline/network/network.hpp>

#include <cstdint>
#include <vector>

namespace massline::network {

/// Breadth-first distances (in edges) from @p source to every vertex; −1 marks a vertex that
/// cannot be reached. Throws InvalidArgument "network.vertex" for a bad vertex. O(V + E).
[[nodiscard]] std::vector<std::int32_t> distances_from(const Network& net, Vertex source);

/// True when a path joins @p from and @p to (a vertex reaches itself). O(V + E).
[[nodiscard]] bool reachable(const Network& net, Vertex from, Vertex to);

/// A shortest path from @p from to @p to, both included ({from} when equal), empty when
/// none exists. Among equal-length paths, the one found by a breadth-first search visiting
/// neighbours in incident-edge order (deterministic). O(V + E).
[[nodiscard]] std::vector<Vertex> shortest_path(const Network& net, Vertex from, Vertex to);

/// Connected components: label[v] numbers v's component, components numbered 0.. in order of
/// their smallest vertex.
struct Components {
  std::vector<std::uint32_t> label;  ///< index = vertex
  std::uint32_t count = 0;           ///< number of components
};
/// Connected components. O(V + E).
[[nodiscard]] Components components(const Network& net);

}  // namespace massline::network
