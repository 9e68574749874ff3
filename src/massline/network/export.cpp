// DOT and GraphML export (include/massline/network/export.hpp).
#include <massline/core/enum_names.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/export.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <ostream>
#include <string>
#include <vector>

namespace massline::network {
namespace {

// "#rrggbb" from red (share 0) through yellow to green (share 1).
std::string share_colour(double share) {
  const double s = std::clamp(share, 0.0, 1.0);
  const auto red = static_cast<unsigned>(std::lround(s < 0.5 ? 230.0 : 230.0 * (1 - s) * 2));
  const auto green = static_cast<unsigned>(std::lround(s < 0.5 ? 200.0 * s * 2 : 200.0));
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string text = "#";
  for (const unsigned channel : {red, green, 60U}) {
    text += kHex[(channel >> 4U) & 15U];
    text += kHex[channel & 15U];
  }
  return text;
}

std::string name_of(const Network& net, Vertex v) {
  switch (net.kind(v)) {
    case VertexKind::Organization: return "o" + std::to_string(net.entity(v));
    case VertexKind::Member: return "m" + std::to_string(net.entity(v));
    case VertexKind::Household: break;
  }
  return "h" + std::to_string(net.entity(v));
}

}  // namespace

void write_dot(std::ostream& out, const Network& net, const DotOptions& options) {
  const auto cov = coverage(net);
  const std::size_t orgs = net.organization_count();
  const auto parents = net.organization_parents();
  const auto levels = net.organization_levels();
  const auto units = net.household_units();
  // Households and covered households of every subtree: add each unit's counts to it and to
  // every ancestor.
  std::vector<std::size_t> total(orgs, 0), covered(orgs, 0);
  for (std::size_t h = 0; h < net.household_count(); ++h) {
    for (Vertex o = units[h]; o != Network::kNoVertex; o = parents[o]) {
      ++total[o];
      covered[o] += cov.covered[h] != 0 ? 1U : 0U;
    }
  }
  out << "digraph network {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
         "  edge [arrowhead=none, color=\"#777777\"];\n";
  for (int level = 1; level <= 4; ++level) {
    out << "  { rank=same;";
    for (Vertex o = 0; o < orgs; ++o) {
      if (levels[o] == level) out << ' ' << name_of(net, o) << ';';
    }
    out << " }\n";
  }
  for (Vertex o = 0; o < orgs; ++o) {
    out << "  " << name_of(net, o) << " [shape=box, style=filled, label=\"L" << int{levels[o]} << " #" << net.entity(o)
        << "\\n" << covered[o] << '/' << total[o] << "\", fillcolor=\""
        << (total[o] == 0 ? std::string("#cccccc")
                          : share_colour(static_cast<double>(covered[o]) / static_cast<double>(total[o])))
        << "\"];\n";
  }
  const auto sources = net.edge_sources();
  const auto targets = net.edge_targets();
  const auto kinds = net.edge_kinds();
  auto drawn = [&](Vertex v) {
    switch (net.kind(v)) {
      case VertexKind::Organization: return true;
      case VertexKind::Member: return options.members;
      case VertexKind::Household: break;
    }
    return options.households;
  };
  if (options.members) {
    for (Vertex v = net.first_member(); v < net.first_household(); ++v) {
      out << "  " << name_of(net, v) << " [shape=ellipse, label=\"m" << net.entity(v) << "\"];\n";
    }
  }
  if (options.households) {
    for (std::size_t h = 0; h < net.household_count(); ++h) {
      const auto v = static_cast<Vertex>(net.first_household() + h);
      out << "  " << name_of(net, v) << " [shape=point, width=0.08, color=\""
          << (cov.covered[h] != 0 ? share_colour(1.0) : share_colour(0.0)) << "\"];\n";
    }
  }
  for (std::size_t e = 0; e < net.edge_count(); ++e) {
    const Vertex s = sources[e], t = targets[e];
    if (!drawn(s) || !drawn(t)) continue;
    switch (kinds[e]) {
      case EdgeKind::Parent:  // drawn parent -> child, so the tree hangs top-down
        out << "  " << name_of(net, t) << " -> " << name_of(net, s) << ";\n";
        break;
      case EdgeKind::UnitOf:
      case EdgeKind::MemberOf:
        out << "  " << name_of(net, t) << " -> " << name_of(net, s) << " [color=\"#bbbbbb\"];\n";
        break;
      case EdgeKind::DualOrganization:
      case EdgeKind::ContactPoint:
        if (options.pairings) {
          out << "  " << name_of(net, s) << " -> " << name_of(net, t)
              << " [style=dashed, constraint=false, color=\"#3366cc\"];\n";
        }
        break;
      default: break;
    }
  }
  out << "}\n";
}

void write_graphml(std::ostream& out, const Network& net) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"entity\" for=\"node\" attr.name=\"entity\" attr.type=\"long\"/>\n"
         "  <key id=\"level\" for=\"node\" attr.name=\"level\" attr.type=\"int\"/>\n"
         "  <key id=\"ekind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <graph id=\"network\" edgedefault=\"directed\">\n";
  const auto levels = net.organization_levels();
  for (Vertex v = 0; v < net.vertex_count(); ++v) {
    out << "    <node id=\"n" << v << "\"><data key=\"kind\">" << to_name(net.kind(v)) << "</data><data key=\"entity\">"
        << net.entity(v) << "</data>";
    if (net.kind(v) == VertexKind::Organization) out << "<data key=\"level\">" << int{levels[v]} << "</data>";
    out << "</node>\n";
  }
  const auto sources = net.edge_sources();
  const auto targets = net.edge_targets();
  const auto kinds = net.edge_kinds();
  for (std::size_t e = 0; e < net.edge_count(); ++e) {
    out << "    <edge id=\"e" << e << "\" source=\"n" << sources[e] << "\" target=\"n" << targets[e]
        << "\"><data key=\"ekind\">" << to_name(kinds[e]) << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace massline::network
