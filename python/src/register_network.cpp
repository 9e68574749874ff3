// Python bindings for the network layer (massline._core.network): the Network snapshot, its
// zero-copy property views and the queries. The public entry point is massline.network
// (python/massline/network.py), which adds pandas frames and to_networkx().
//
// Views (vertex_kinds, edge_sources, ...) are read-only numpy arrays over the Network's own
// memory with the Network as base: they live as long as any of them does and never change,
// because a Network never changes after it is built (it is a snapshot: a later change to the
// registry is seen only by a new Network). Query results are copies owned by result objects.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/escalation.hpp>
#include <massline/network/export.hpp>
#include <massline/network/gaps.hpp>
#include <massline/network/network.hpp>
#include <massline/network/paths.hpp>

#include <cstdint>
#include <optional>
#include <sstream>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace massline::python {
namespace {

using network::Network;
using network::Vertex;

/// A vertex given from Python: a vertex index or the id of a live organisation, member or household.
using VertexArg = std::variant<OrgId, MemberId, HouseholdId, std::int64_t>;

Vertex to_vertex(const Network& net, const VertexArg& arg) {
  if (const auto* index = std::get_if<std::int64_t>(&arg)) {
    if (*index < 0 || static_cast<std::uint64_t>(*index) >= net.vertex_count()) {
      throw InvalidArgument("network.vertex", "no such vertex", Location::of("vertex " + std::to_string(*index)),
                            "vertices are 0.." + std::to_string(static_cast<std::int64_t>(net.vertex_count()) - 1));
    }
    return static_cast<Vertex>(*index);
  }
  return std::visit(
      [&](const auto& id) -> Vertex {
        if constexpr (std::is_same_v<std::decay_t<decltype(id)>, std::int64_t>) {
          return 0;  // handled above
        } else {
          return net.vertex_of(id);
        }
      },
      arg);
}

py::object entity_of(const Network& net, std::int64_t vertex) {
  const Vertex v = to_vertex(net, VertexArg{vertex});
  switch (net.kind(v)) {
    case network::VertexKind::Organization: return py::cast(OrgId{net.entity(v)});
    case network::VertexKind::Member: return py::cast(MemberId{net.entity(v)});
    case network::VertexKind::Household: break;
  }
  return py::cast(HouseholdId{net.entity(v)});
}

// Enum arrays are shown as their uint8 codes (the enum's underlying type).
template <class E>
py::array_t<std::uint8_t> codes_of(std::span<const E> data, const py::object& owner) {
  static_assert(sizeof(E) == 1);
  return readonly_view(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()), owner);
}

template <class IdT>
py::array_t<std::uint32_t> id_values(const std::vector<IdT>& ids) {
  return to_array<std::uint32_t>(ids, [](IdT id) { return id.value(); });
}

template <class R, class T>
void view_property(py::class_<R>& cls, const char* name, std::vector<T> R::*member, const char* doc) {
  cls.def_property_readonly(
      name, [member](const py::object& self) { return readonly_view(std::span<const T>(self.cast<const R&>().*member), self); },
      doc);
}


void bind_results(py::module_& m) {
  py::class_<network::Coverage> coverage(m, "Coverage",
                                         "Households with a responsible member (an active assistance or "
                                         "contact-household pairing from a member), overall, per unit and per category.");
  view_property(coverage, "covered", &network::Coverage::covered,
                "uint8 per household (index = vertex - first_household): 1 when covered.");
  coverage.def_readonly("households", &network::Coverage::households, "All households.")
      .def_readonly("covered_households", &network::Coverage::covered_households, "Households with a responsible member.")
      .def_property_readonly("share", [](const network::Coverage& c) { return c.share(); },
                             "covered_households / households, or None without households.");
  view_property(coverage, "units", &network::Coverage::units, "Vertices of the organisations that have households.");
  view_property(coverage, "unit_households", &network::Coverage::unit_households, "Households of each unit.");
  view_property(coverage, "unit_covered", &network::Coverage::unit_covered, "Covered households of each unit.");
  coverage
      .def_property_readonly(
          "category_households",
          [](const network::Coverage& c) { return to_array(c.category_households); },
          "Households having each HouseholdCategory (index = the category's value).")
      .def_property_readonly(
          "category_covered", [](const network::Coverage& c) { return to_array(c.category_covered); },
          "Covered households having each HouseholdCategory.");

  py::class_<network::MustVisitCoverage>(m, "MustVisitCoverage", "Coverage of the households of the must-visit categories.")
      .def_readonly("households", &network::MustVisitCoverage::households, "Households with any must-visit category.")
      .def_readonly("covered_households", &network::MustVisitCoverage::covered_households, "Of those, households with a responsible member.")
      .def_property_readonly("share", [](const network::MustVisitCoverage& c) { return c.share(); },
                             "covered_households / households, or None when no household has the categories.")
      .def_property_readonly(
          "uncovered", [](const network::MustVisitCoverage& c) { return id_values(c.uncovered); },
          "HouseholdId values (uint32) of the uncovered must-visit households, ascending.");

  py::class_<network::Load> load(m, "Load", "Households per member and the Gini coefficient of that load.");
  view_property(load, "households", &network::Load::households,
                "uint32 per member (index = vertex - first_member): distinct households the member is responsible for.");
  load.def_readonly("gini", &network::Load::gini, "Gini coefficient over all members; None without members or load.");

  py::class_<network::Gaps>(m, "Gaps", "Units without members, members without pairing, difficult households without assistance.")
      .def_property_readonly(
          "units_without_members", [](const network::Gaps& g) { return id_values(g.units_without_members); },
          "OrgId values of level-4 units that no member has as home or residence.")
      .def_property_readonly(
          "members_without_pairing", [](const network::Gaps& g) { return id_values(g.members_without_pairing); },
          "MemberId values of members with no active assistance, contact-household or contact-point pairing.")
      .def_property_readonly(
          "difficult_without_assistance", [](const network::Gaps& g) { return id_values(g.difficult_without_assistance); },
          "HouseholdId values of households of the difficult categories with no active assistance.");

  py::class_<network::Escalation> esc(m, "Escalation",
                                      "Escalation paths of all households in CSR form (see docs/network.md).");
  view_property(esc, "path_offsets", &network::Escalation::path_offsets, "Household h's path is path[path_offsets[h]:path_offsets[h+1]].");
  view_property(esc, "path", &network::Escalation::path, "Organisation vertices, unit first, up to the root.");
  view_property(esc, "household_offsets", &network::Escalation::household_offsets, "Offsets into household_people.");
  view_property(esc, "household_people", &network::Escalation::household_people, "Responsible member vertices of each household.");
  view_property(esc, "organization_offsets", &network::Escalation::organization_offsets, "Offsets into organization_people (index = organisation vertex).");
  view_property(esc, "organization_people", &network::Escalation::organization_people,
                "Member vertices holding a service post or an active contact point at each organisation.");

  py::class_<network::Components> comp(m, "Components", "Connected components of the undirected network.");
  view_property(comp, "label", &network::Components::label, "Component of each vertex, numbered by smallest vertex.");
  comp.def_readonly("count", &network::Components::count, "Number of components.");
}

void bind_network(py::module_& m) {
  py::class_<Network> cls(m, "Network",
                          "An immutable snapshot of a Registry as a graph (docs/network.md). Vertices: organisations, "
                          "then members, then households, each in id order. Views are read-only numpy arrays over "
                          "the network's memory; they never go stale because a Network never changes.");
  cls.def(py::init([](const Registry& registry, std::optional<Date> on) {
            if (on && on->is_special()) on.reset();  // None / NaT: no day
            return interruptible(Gil::keep, [&] { return Network(registry, on); });  // reads the registry
          }),
          py::arg("registry"), py::kw_only(), py::arg("on") = py::none(),
          "Snapshot of registry; pairings count when active on `on` (a date), or when they have no end "
          "date if `on` is None.");
  cls.def_property_readonly("on", [](const Network& n) { return n.on(); }, "The day pairings were taken active on, or None.")
      .def_property_readonly("vertex_count", &Network::vertex_count, "Number of vertices.")
      .def_property_readonly("edge_count", &Network::edge_count, "Number of edges.")
      .def_property_readonly("organization_count", &Network::organization_count, "Number of organisation vertices.")
      .def_property_readonly("member_count", &Network::member_count, "Number of member vertices.")
      .def_property_readonly("household_count", &Network::household_count, "Number of household vertices.")
      .def_property_readonly("first_member", &Network::first_member, "First member vertex.")
      .def_property_readonly("first_household", &Network::first_household, "First household vertex.")
      .def("memory_bytes", &Network::memory_bytes, "Bytes held by the network's arrays.")
      .def(
          "vertex", [](const Network& n, const VertexArg& v) { return to_vertex(n, v); }, py::arg("entity"),
          "Vertex of an OrgId, MemberId or HouseholdId (NotFound when it was not live at build time).")
      .def(
          "entity", [](const Network& n, std::int64_t v) { return entity_of(n, v); }, py::arg("vertex"),
          "The OrgId, MemberId or HouseholdId of a vertex.");
  auto view = [&](const char* name, auto getter, const char* doc) {
    cls.def_property_readonly(name, [getter](const py::object& self) { return getter(self.cast<const Network&>(), self); }, doc);
  };
  view("vertex_kinds", [](const Network& n, const py::object& s) { return codes_of(n.vertex_kinds(), s); },
       "uint8 VertexKind code of each vertex (read-only view).");
  view("vertex_entities", [](const Network& n, const py::object& s) { return readonly_view(n.vertex_entities(), s); },
       "uint32 id value of each vertex's entity.");
  view("organization_levels", [](const Network& n, const py::object& s) { return readonly_view(n.organization_levels(), s); },
       "uint8 level 1..4 of each organisation vertex.");
  view("organization_parents", [](const Network& n, const py::object& s) { return readonly_view(n.organization_parents(), s); },
       "uint32 parent vertex of each organisation; 4294967295 for a root.");
  view("household_categories", [](const Network& n, const py::object& s) { return readonly_view(n.household_categories(), s); },
       "uint32 category bits of each household (bit c = HouseholdCategory value c).");
  view("household_units", [](const Network& n, const py::object& s) { return readonly_view(n.household_units(), s); },
       "uint32 unit vertex of each household.");
  view("edge_sources", [](const Network& n, const py::object& s) { return readonly_view(n.edge_sources(), s); }, "Source vertex of each edge.");
  view("edge_targets", [](const Network& n, const py::object& s) { return readonly_view(n.edge_targets(), s); }, "Target vertex of each edge.");
  view("edge_kinds", [](const Network& n, const py::object& s) { return codes_of(n.edge_kinds(), s); }, "uint8 EdgeKind code of each edge.");
  view("adjacency_offsets", [](const Network& n, const py::object& s) { return readonly_view(n.adjacency_offsets(), s); },
       "uint64 CSR offsets (vertex_count + 1).");
  view("adjacency_vertices", [](const Network& n, const py::object& s) { return readonly_view(n.adjacency_vertices(), s); },
       "uint32 neighbour of each CSR entry.");
  view("adjacency_edges", [](const Network& n, const py::object& s) { return readonly_view(n.adjacency_edges(), s); },
       "uint32 edge of each CSR entry.");

  // Queries: the Network is immutable, so the GIL is released around them.
  cls.def("coverage", [](const Network& n) { return interruptible(Gil::release, [&] { return network::coverage(n); }); },
          "Coverage (households with a responsible member) overall, per unit and per category.")
      .def(
          "must_visit_coverage",
          [](const Network& n, HouseholdCategories categories) {
            return interruptible(Gil::release, [&] { return network::must_visit_coverage(n, categories); });
          },
          py::arg("categories") = kFiveMustVisit, "Coverage of the households having any of `categories`.")
      .def("load", [](const Network& n) { return interruptible(Gil::release, [&] { return network::load(n); }); },
           "Households per member and their Gini coefficient.")
      .def(
          "gaps",
          [](const Network& n, HouseholdCategories difficult) {
            return interruptible(Gil::release, [&] { return network::gaps(n, difficult); });
          },
          py::arg("difficult") = network::kDifficultCategories,
          "Units without members, members without pairing, `difficult` households without assistance.")
      .def("escalation", [](const Network& n) { return interruptible(Gil::release, [&] { return network::escalation(n); }); },
           "Escalation paths of every household (CSR arrays).")
      .def(
          "distances_from",
          [](const Network& n, const VertexArg& source) {
            const Vertex s = to_vertex(n, source);
            auto d = interruptible(Gil::release, [&] { return network::distances_from(n, s); });
            return to_array(d);
          },
          py::arg("source"), "int32 breadth-first distance to every vertex; -1 when unreachable.")
      .def(
          "reachable",
          [](const Network& n, const VertexArg& a, const VertexArg& b) {
            const Vertex from = to_vertex(n, a), to = to_vertex(n, b);
            return interruptible(Gil::release, [&] { return static_cast<int>(network::reachable(n, from, to)); }) != 0;
          },
          py::arg("a"), py::arg("b"), "True when a path joins a and b.")
      .def(
          "shortest_path",
          [](const Network& n, const VertexArg& a, const VertexArg& b) {
            const Vertex from = to_vertex(n, a), to = to_vertex(n, b);
            return to_array(interruptible(Gil::release, [&] { return network::shortest_path(n, from, to); }));
          },
          py::arg("a"), py::arg("b"), "Vertices of a shortest path from a to b (both included); empty when none.")
      .def("components", [](const Network& n) { return interruptible(Gil::release, [&] { return network::components(n); }); },
           "Connected components of the undirected network.")
      .def(
          "to_dot",
          [](const Network& n, bool households, bool members, bool pairings) {
            std::ostringstream out;
            network::write_dot(out, n, network::DotOptions{households, members, pairings});
            return out.str();
          },
          py::kw_only(), py::arg("households") = false, py::arg("members") = false, py::arg("pairings") = false,
          "Graphviz DOT text: levels top-down, organisations filled by the coverage of their subtree; optionally "
          "households, members and dual-organisation / contact-point edges.")
      .def(
          "to_graphml",
          [](const Network& n) {
            std::ostringstream out;
            network::write_graphml(out, n);
            return out.str();
          },
          "GraphML text of every vertex (kind, entity, level) and edge (kind).")
      .def("__repr__", [](const Network& n) {
        return "Network(organizations=" + std::to_string(n.organization_count()) + ", members=" +
               std::to_string(n.member_count()) + ", households=" + std::to_string(n.household_count()) +
               ", edges=" + std::to_string(n.edge_count()) + ")";
      });
}

}  // namespace

void register_network(py::module_& m) {
  bind_enum<network::VertexKind>(m, "VertexKind", "What a vertex stands for.");
  bind_enum<network::EdgeKind>(m, "EdgeKind", "What an edge stands for (docs/network.md).");
  m.attr("DIFFICULT_CATEGORIES") = py::cast(network::kDifficultCategories);
  bind_results(m);
  bind_network(m);
}

}  // namespace massline::python
