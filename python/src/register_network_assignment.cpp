// _core.network: min_cost_assignment and its result Assignment; optimal_pairing with
// PairingOptions, PairingResult, ProposedPairing, UnpairedHousehold; apply_pairing
// (docs/assignment.md).
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/network/min_cost_assignment.hpp>
#include <massline/network/optimal_pairing.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace massline::python {
namespace {

using network::AssignmentEdge;
using network::AssignmentResult;
using network::PairingOptions;
using network::PairingResult;
using network::ProposedPairing;
using network::UnassignedReason;
using network::UnpairedHousehold;

// @p src as a C-contiguous int64 array: integer dtypes only (numpy bool, float, object and
// string arrays are refused, a whole float too: costs and counts are integers), values in
// int64 range. An empty input of any dtype is an empty array (np.asarray([]) is float64).
In<std::int64_t> strict_int64(const py::handle& src, const char* name) {
  const auto numpy = py::module_::import("numpy");
  const py::array a = numpy.attr("asarray")(src);
  if (a.size() == 0) return In<std::int64_t>(std::vector<py::ssize_t>(a.shape(), a.shape() + a.ndim()));
  const auto kind = a.dtype().attr("kind").cast<std::string>();
  if (kind == "b") not_integers(name, "got booleans (dtype bool); pass integers");
  if (kind != "i" && kind != "u") {
    not_integers(name, "got dtype " + py::str(a.dtype()).cast<std::string>() +
                           "; pass an integer array (floats are refused, even whole ones: NaN or 1.5 would have no "
                           "meaning as an index, count or cost)");
  }
  auto checked = checked_integers<std::int64_t>(a, name);  // range of uint64 inputs
  if (!checked) not_integers(name, "not an array of integers");
  return std::move(*checked);
}

AssignmentResult solve(const py::object& edges_in, const py::object& capacity_in, const py::object& demand_in) {
  const auto edges = strict_int64(edges_in, "edges");
  const auto capacity = strict_int64(capacity_in, "capacity");
  const auto demand = strict_int64(demand_in, "demand");
  const bool empty_edges = edges.size() == 0 && edges.ndim() == 1;  // [] as well as np.empty((0, 3))
  if (!empty_edges && (edges.ndim() != 2 || edges.shape(1) != 3)) {
    std::string shape;
    for (py::ssize_t d = 0; d < edges.ndim(); ++d) shape += (d ? ", " : "") + std::to_string(edges.shape(d));
    throw InvalidArgument("input.shape", "edges must have shape (n, 3)", Location::of("arrays", "edges"),
                          "got shape (" + shape + "); each row is (household index, member index, cost)");
  }
  require_ndim(capacity, 1, "input.shape", "capacity");
  require_ndim(demand, 1, "input.shape", "demand");
  // Private copies, so the work below may run without the GIL (docs/python.md, "Threads").
  std::vector<AssignmentEdge> rows(empty_edges ? 0 : static_cast<std::size_t>(edges.shape(0)));
  static_assert(sizeof(AssignmentEdge) == 3 * sizeof(std::int64_t));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::int64_t* r = edges.data() + 3 * i;
    rows[i] = {r[0], r[1], r[2]};
  }
  std::vector<std::int64_t> cap(capacity.data(), capacity.data() + capacity.size());
  std::vector<std::int64_t> dem(demand.data(), demand.data() + demand.size());
  return interruptible(Gil::release, [&] { return network::min_cost_assignment(rows, cap, dem); });
}

std::vector<std::int64_t> state_ints(const py::handle& item, const char* name) {
  const auto a = strict_int64(item, name);
  require_ndim(a, 1, "pickle.state", name);
  return {a.data(), a.data() + a.size()};
}

void require_same_length(std::size_t a, std::size_t b, const char* what) {
  if (a != b) {
    throw InvalidArgument("pickle.state", "bad Assignment state", Location::of("Assignment", what),
                          "arrays that run in parallel have lengths " + std::to_string(a) + " and " + std::to_string(b));
  }
}

py::tuple get_state(const AssignmentResult& r) {
  py::list reasons;
  for (const auto reason : r.reason) reasons.append(std::string(to_name(reason)));
  return py::make_tuple(r.total_cost, r.assigned, r.demanded, to_array(r.flow), to_array(r.edge), to_array(r.household),
                        to_array(r.member), to_array(r.unassigned), reasons, to_array(r.missing));
}

AssignmentResult set_state(const py::tuple& s) {
  require_state_size(s, 10, "Assignment");
  AssignmentResult r;
  r.total_cost = s[0].cast<std::int64_t>();
  r.assigned = s[1].cast<std::int64_t>();
  r.demanded = s[2].cast<std::int64_t>();
  for (const auto f : state_ints(s[3], "flow")) {
    if (f != 0 && f != 1) throw InvalidArgument("pickle.state", "bad Assignment state", Location::of("Assignment", "flow"), "a row's flow is 0 or 1");
    r.flow.push_back(static_cast<std::uint8_t>(f));
  }
  r.edge = state_ints(s[4], "edge");
  r.household = state_ints(s[5], "household");
  r.member = state_ints(s[6], "member");
  r.unassigned = state_ints(s[7], "unassigned");
  for (const auto& name : s[8].cast<std::vector<std::string>>()) {
    r.reason.push_back(from_name<UnassignedReason>(name, "unassigned reason", Location::of("Assignment", "reason")));
  }
  r.missing = state_ints(s[9], "missing");
  require_same_length(r.edge.size(), r.household.size(), "household");
  require_same_length(r.edge.size(), r.member.size(), "member");
  require_same_length(r.unassigned.size(), r.reason.size(), "reason");
  require_same_length(r.unassigned.size(), r.missing.size(), "missing");
  return r;
}


using SpecialtyNeeds = std::vector<std::pair<HouseholdCategory, std::string>>;

std::string options_repr(const PairingOptions& o) {
  const auto r = [](const auto& v) { return py::repr(py::cast(v)).template cast<std::string>(); };
  return "PairingOptions(needs_pairing=" + r(o.needs_pairing) + ", priority=" + r(o.priority) + ", day=" + r(o.day) +
         ", capacity_per_member=" + std::to_string(o.capacity_per_member) + ", max_hops=" + std::to_string(o.max_hops) +
         ", hop_cost=" + std::to_string(o.hop_cost) + ", mismatch_cost=" + std::to_string(o.mismatch_cost) +
         ", continuity_bonus=" + std::to_string(o.continuity_bonus) + ", specialty_needs=" + r(o.specialty_needs) + ")";
}

void bind_pairing(py::module_& m) {
  py::class_<PairingOptions> options(m, "PairingOptions",
                                     "Options of optimal_pairing; every default is the standard policy's "
                                     "(docs/assignment.md). check() raises InvalidArgument 'pairing.bad_option'.");
  options
      .def(py::init([](HouseholdCategories needs_pairing, HouseholdCategories priority, Date day,
                       std::int64_t capacity_per_member, std::int64_t max_hops, std::int64_t hop_cost,
                       std::int64_t mismatch_cost, std::int64_t continuity_bonus,
                       std::optional<SpecialtyNeeds> specialty_needs) {
             PairingOptions o;
             o.needs_pairing = needs_pairing;
             o.priority = priority;
             o.day = day;
             o.capacity_per_member = capacity_per_member;
             o.max_hops = max_hops;
             o.hop_cost = hop_cost;
             o.mismatch_cost = mismatch_cost;
             o.continuity_bonus = continuity_bonus;
             if (specialty_needs) o.specialty_needs = std::move(*specialty_needs);
             return o;
           }),
           py::kw_only(), py::arg("needs_pairing") = PairingOptions{}.needs_pairing,
           py::arg("priority") = PairingOptions{}.priority, py::arg("day") = py::none(),
           py::arg("capacity_per_member") = PairingOptions{}.capacity_per_member,
           py::arg("max_hops") = PairingOptions{}.max_hops, py::arg("hop_cost") = PairingOptions{}.hop_cost,
           py::arg("mismatch_cost") = PairingOptions{}.mismatch_cost,
           py::arg("continuity_bonus") = PairingOptions{}.continuity_bonus, py::arg("specialty_needs") = py::none(),
           "Keyword-only; defaults as in C++. specialty_needs is a list of (HouseholdCategory, specialty) pairs "
           "(None: the default list).")
      .def_readwrite("needs_pairing", &PairingOptions::needs_pairing, "Categories whose households need a pairing.")
      .def_readwrite("priority", &PairingOptions::priority, "Categories served first (tier 1).")
      .def_readwrite("day", &PairingOptions::day, "Day on which pairings are judged active; None: no end date.")
      .def_readwrite("capacity_per_member", &PairingOptions::capacity_per_member,
                     "Most assistance pairings a member carries, existing ones included.")
      .def_readwrite("max_hops", &PairingOptions::max_hops, "Largest tree distance between unit and member.")
      .def_readwrite("hop_cost", &PairingOptions::hop_cost, "Cost per hop.")
      .def_readwrite("mismatch_cost", &PairingOptions::mismatch_cost, "Cost of a missing specialty.")
      .def_readwrite("continuity_bonus", &PairingOptions::continuity_bonus, "Subtracted for an existing relation.")
      .def_readwrite("specialty_needs", &PairingOptions::specialty_needs,
                     "List of (HouseholdCategory, specialty): what a household of the category needs.")
      .def("check", &PairingOptions::check, "Raises InvalidArgument 'pairing.bad_option' naming a bad option.")
      .def("__repr__", &options_repr)
      .def(
          "__eq__",
          [](const PairingOptions& a, const py::object& other) -> py::object {
            if (!py::isinstance<PairingOptions>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const auto& b = other.cast<const PairingOptions&>();
            return py::bool_(a.needs_pairing == b.needs_pairing && a.priority == b.priority && a.day == b.day &&
                             a.capacity_per_member == b.capacity_per_member && a.max_hops == b.max_hops &&
                             a.hop_cost == b.hop_cost && a.mismatch_cost == b.mismatch_cost &&
                             a.continuity_bonus == b.continuity_bonus && a.specialty_needs == b.specialty_needs);
          },
          py::arg("other"))
      .def(py::pickle(
          [](const PairingOptions& o) {
            return py::make_tuple(o.needs_pairing, o.priority, o.day, o.capacity_per_member, o.max_hops, o.hop_cost,
                                  o.mismatch_cost, o.continuity_bonus, o.specialty_needs);
          },
          [](const py::tuple& s) {
            require_state_size(s, 9, "PairingOptions");
            PairingOptions o;
            o.needs_pairing = s[0].cast<HouseholdCategories>();
            o.priority = s[1].cast<HouseholdCategories>();
            o.day = s[2].cast<Date>();
            o.capacity_per_member = s[3].cast<std::int64_t>();
            o.max_hops = s[4].cast<std::int64_t>();
            o.hop_cost = s[5].cast<std::int64_t>();
            o.mismatch_cost = s[6].cast<std::int64_t>();
            o.continuity_bonus = s[7].cast<std::int64_t>();
            o.specialty_needs = s[8].cast<SpecialtyNeeds>();
            return o;
          }));
  options.attr("__hash__") = py::none();

  py::class_<ProposedPairing>(m, "ProposedPairing", "One pair of an optimal pairing.")
      .def_property_readonly("household", [](const ProposedPairing& p) { return p.household; })
      .def_property_readonly("member", [](const ProposedPairing& p) { return p.member; })
      .def_property_readonly("cost", [](const ProposedPairing& p) { return p.cost; },
                             "hop_cost*hops + mismatch_cost*mismatch - continuity_bonus*continuity")
      .def_property_readonly("hops", [](const ProposedPairing& p) { return p.hops; })
      .def_property_readonly("mismatch", [](const ProposedPairing& p) { return p.mismatch; })
      .def_property_readonly("continuity", [](const ProposedPairing& p) { return p.continuity; })
      .def_property_readonly("priority", [](const ProposedPairing& p) { return p.priority; })
      .def("__repr__", [](const ProposedPairing& p) {
        return "<ProposedPairing " + p.household.to_string() + " <- " + p.member.to_string() +
               " cost=" + std::to_string(p.cost) + " hops=" + std::to_string(p.hops) + ">";
      });
  py::class_<UnpairedHousehold>(m, "UnpairedHousehold", "A household that needs a pairing and gets none.")
      .def_property_readonly("household", [](const UnpairedHousehold& u) { return u.household; })
      .def_property_readonly("reason", [](const UnpairedHousehold& u) { return std::string(to_name(u.reason)); },
                             "'no_eligible_member' or 'members_at_capacity'")
      .def_property_readonly("priority", [](const UnpairedHousehold& u) { return u.priority; })
      .def("__repr__", [](const UnpairedHousehold& u) {
        return "<UnpairedHousehold " + u.household.to_string() + " " + std::string(to_name(u.reason)) + ">";
      });
  py::class_<PairingResult> result_cls(m, "PairingResult",
                                      "The optimal pairing (docs/assignment.md); immutable, compares with ==, pickles.");
  result_cls
      .def_property_readonly("pairs", [](const PairingResult& r) { return r.pairs; }, "ProposedPairing list, by household.")
      .def_property_readonly("unpaired", [](const PairingResult& r) { return r.unpaired; },
                             "UnpairedHousehold list, by household.")
      .def_property_readonly("needing", [](const PairingResult& r) { return r.needing; })
      .def_property_readonly("cost", [](const PairingResult& r) { return r.cost; }, "The optimal sum of pair costs.")
      .def_property_readonly("tier_bonus", [](const PairingResult& r) { return r.tier_bonus; })
      .def_property_readonly("solver_cost", [](const PairingResult& r) { return r.solver_cost; })
      .def_property_readonly("candidate_edges", [](const PairingResult& r) { return r.candidate_edges; })
      .def("__repr__",
           [](const PairingResult& r) {
             return "<PairingResult pairs=" + std::to_string(r.pairs.size()) +
                    " unpaired=" + std::to_string(r.unpaired.size()) + " needing=" + std::to_string(r.needing) +
                    " cost=" + std::to_string(r.cost) + ">";
           })
      .def(
          "__eq__",
          [](const PairingResult& a, const py::object& other) -> py::object {
            if (!py::isinstance<PairingResult>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(a == other.cast<const PairingResult&>());
          },
          py::arg("other"))
      .def(py::pickle(
          [](const PairingResult& r) {
            py::list pairs, unpaired;
            for (const auto& p : r.pairs) {
              pairs.append(py::make_tuple(p.household, p.member, p.cost, p.hops, p.mismatch, p.continuity, p.priority));
            }
            for (const auto& u : r.unpaired) {
              unpaired.append(py::make_tuple(u.household, std::string(to_name(u.reason)), u.priority));
            }
            return py::make_tuple(pairs, unpaired, r.needing, r.cost, r.tier_bonus, r.solver_cost, r.candidate_edges);
          },
          [](const py::tuple& s) {
            require_state_size(s, 7, "PairingResult");
            PairingResult r;
            for (const auto& item : s[0].cast<py::list>()) {
              const auto t = item.cast<py::tuple>();
              require_state_size(t, 7, "PairingResult");
              r.pairs.push_back({t[0].cast<HouseholdId>(), t[1].cast<MemberId>(), t[2].cast<std::int64_t>(),
                                 t[3].cast<std::int64_t>(), t[4].cast<bool>(), t[5].cast<bool>(), t[6].cast<bool>()});
            }
            for (const auto& item : s[1].cast<py::list>()) {
              const auto t = item.cast<py::tuple>();
              require_state_size(t, 3, "PairingResult");
              r.unpaired.push_back({t[0].cast<HouseholdId>(),
                                    from_name<UnassignedReason>(t[1].cast<std::string>(), "unassigned reason",
                                                                Location::of("PairingResult", "unpaired")),
                                    t[2].cast<bool>()});
            }
            r.needing = s[2].cast<std::int64_t>();
            r.cost = s[3].cast<std::int64_t>();
            r.tier_bonus = s[4].cast<std::int64_t>();
            r.solver_cost = s[5].cast<std::int64_t>();
            r.candidate_edges = s[6].cast<std::int64_t>();
            return r;
          }));

  result_cls.attr("__hash__") = py::none();

  m.def(
      "optimal_pairing",
      [](const Registry& registry, const std::optional<PairingOptions>& chosen) {
        const PairingOptions o = chosen.value_or(PairingOptions{});
        // Reads the registry: the GIL is held while the work runs (docs/python.md, "Threads").
        return interruptible(Gil::keep, [&] { return network::optimal_pairing(registry, o); });
      },
      py::arg("registry"), py::arg("options") = py::none(),
      "The optimal assistance pairing of capable members to the households needing one (docs/assignment.md).");
  m.def(
      "apply_pairing",
      [](Registry& registry, const PairingResult& result, Date start) {
        note_registry_change();
        return network::apply_pairing(registry, result, start);
      },
      py::arg("registry"), py::arg("result"), py::arg("start"),
      "Adds the result's pairs as assistance pairings starting on `start`, all or nothing; returns their ids.");
}

}  // namespace

void register_network_assignment(py::module_& m) {
  py::class_<AssignmentResult> cls(
      m, "Assignment",
      "The optimal assignment returned by min_cost_assignment: the most units that can be assigned, at the least "
      "total cost among such assignments. Immutable; the arrays are read-only views.");
  cls.def_property_readonly("total_cost", [](const AssignmentResult& r) { return r.total_cost; },
                            "Sum of the costs of the rows used.")
      .def_property_readonly("assigned", [](const AssignmentResult& r) { return r.assigned; },
                             "Units assigned (rows used): the maximum possible.")
      .def_property_readonly("demanded", [](const AssignmentResult& r) { return r.demanded; }, "Sum of demand.");
  const auto views = {std::pair{"edge", &AssignmentResult::edge}, std::pair{"household", &AssignmentResult::household},
                      std::pair{"member", &AssignmentResult::member},
                      std::pair{"unassigned", &AssignmentResult::unassigned},
                      std::pair{"missing", &AssignmentResult::missing}};
  for (const auto& [name, field] : views) {
    cls.def_property_readonly(name, [field = field](const py::object& self) {
      return readonly_view(std::span<const std::int64_t>(self.cast<const AssignmentResult&>().*field), self);
    });
  }
  cls.def_property_readonly(
         "flow",
         [](const py::object& self) {
           return readonly_view(std::span<const std::uint8_t>(self.cast<const AssignmentResult&>().flow), self);
         },
         "Per input row: 1 when the row is used, else 0 (uint8).")
      .def_property_readonly(
          "reason",
          [](const AssignmentResult& r) {
            py::list names;
            for (const auto reason : r.reason) names.append(std::string(to_name(reason)));
            return py::module_::import("numpy").attr("array")(names, py::arg("dtype") = "U22");
          },
          "Why each household of `unassigned` got less than its demand: 'no_eligible_member', "
          "'too_few_eligible_edges' or 'members_at_capacity' (a new str array).")
      .def("__repr__",
           [](const AssignmentResult& r) {
             return "<Assignment total_cost=" + std::to_string(r.total_cost) + " assigned=" + std::to_string(r.assigned) +
                    " demanded=" + std::to_string(r.demanded) + " rows=" + std::to_string(r.flow.size()) +
                    " unassigned=" + std::to_string(r.unassigned.size()) + ">";
           })
      .def("__eq__",
           [](const AssignmentResult& a, const py::object& other) -> py::object {
             if (!py::isinstance<AssignmentResult>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const auto& b = other.cast<const AssignmentResult&>();
             return py::bool_(a.total_cost == b.total_cost && a.assigned == b.assigned && a.demanded == b.demanded &&
                              a.flow == b.flow && a.edge == b.edge && a.household == b.household && a.member == b.member &&
                              a.unassigned == b.unassigned && a.reason == b.reason && a.missing == b.missing);
           },
           py::arg("other"))
      .def(py::pickle(&get_state, &set_state));
  cls.attr("__hash__") = py::none();

  m.def("min_cost_assignment", &solve, py::arg("edges"), py::arg("capacity"), py::arg("demand"),
        "Assigns household demand to member capacity along the given rows: first the most units possible, then the "
        "least total cost among those (exact: LEMON Preflow, then NetworkSimplex). `edges` is an (n, 3) integer "
        "array of (household index, member index, cost), each row carrying at most one unit; `capacity[m]` and "
        "`demand[h]` are non-negative integers. Runs without the GIL on copies of the inputs and honours Ctrl-C.");
  bind_pairing(m);
}

}  // namespace massline::python
