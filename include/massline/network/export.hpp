#pragma once
/// @file
/// Pictures of the network: Graphviz DOT with the levels top-down and organisations coloured by
/// coverage, and GraphML of the whole graph (docs/network.md, "Pictures").

#include <massline/network/network.hpp>

#include <iosfwd>

namespace massline::network {

/// What write_dot() draws besides the organisation tree.
struct DotOptions {
  bool households = false;  ///< one node per household under its unit (large networks: thousands of nodes)
  bool members = false;     ///< one node per member next to its home organisation
  bool pairings = false;    ///< dual-organisation and contact-point edges between drawn vertices
};

/// Writes @p net as a Graphviz digraph: one rank per level (county at the top), organisations
/// as boxes labelled "L<level> #<id>" with "covered/households" of their subtree and filled by
/// that coverage share (red 0 % .. green 100 %, grey without households), parent edges top-down.
/// Optional households (filled green when covered, red when not) and members (ellipses).
/// Deterministic: the same network writes the same bytes. O(V + E).
void write_dot(std::ostream& out, const Network& net, const DotOptions& options = {});

/// Writes @p net as GraphML: every vertex with attributes kind, entity and (organisations)
/// level; every edge, directed source -> target, with its kind. O(V + E).
void write_graphml(std::ostream& out, const Network& net);

}  // namespace massline::network
