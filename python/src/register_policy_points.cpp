// Python bindings for the points ledger (massline._core.policy.PointsLedger, build_points_ledger)
// and its standings (rank_points, from the scoring layer). The public entry point is
// massline.points (python/massline/points.py), which turns the columns into pandas frames and
// pickles a ledger by its entries.
//
// Building a ledger and ranking read the registry, so those calls keep the GIL (docs/python.md,
// "Threads") and stay interruptible. A ledger is mutable (append), so its methods keep the GIL
// too: each call sees the ledger before or after another thread's append, never half-way.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "list_rule_arguments.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/policy/points_ledger.hpp>
#include <massline/scoring/points_ranking.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace massline::python {
namespace {

using policy::PointsEntry;
using policy::PointsLedger;
using scoring::PointsStanding;

std::int64_t epoch_days(Date d) { return (d - Date(1970, 1, 1)).days(); }

py::dict entry_columns(const PointsLedger& ledger) {
  const auto e = ledger.entries();
  py::dict out;
  out["date"] = to_array<std::int64_t>(e, [](const PointsEntry& x) { return epoch_days(x.date); });
  out["member"] = to_array<std::int64_t>(e, [](const PointsEntry& x) { return x.member.value(); });
  out["rule_index"] = to_array<std::int64_t>(e, [](const PointsEntry& x) {
    return x.rule == policy::kManualEntry ? std::int64_t{-1} : std::int64_t{x.rule};
  });
  out["points"] = to_array<double>(e, [](const PointsEntry& x) { return x.points; });
  out["source_id"] = to_array<std::int64_t>(e, [](const PointsEntry& x) { return x.source_id; });
  py::list rule, source, note;
  for (const auto& x : e) {
    rule.append(py::str(std::string(ledger.rule_name(x))));
    source.append(py::str(std::string(to_name(x.source))));
    note.append(py::str(x.note));
  }
  out["rule"] = rule;
  out["source"] = source;
  out["note"] = note;
  return out;
}

py::dict standing_columns(const std::vector<PointsStanding>& s) {
  py::dict out;
  out["member"] = to_array<std::int64_t>(s, [](const PointsStanding& x) { return x.member.value(); });
  out["organization"] = to_array<std::int64_t>(s, [](const PointsStanding& x) { return x.organization.value(); });
  out["points"] = to_array<double>(s, [](const PointsStanding& x) { return x.points; });
  out["entries"] = to_array<std::int64_t>(s, [](const PointsStanding& x) { return x.entries; });
  out["rank"] = to_array<std::int64_t>(s, [](const PointsStanding& x) { return x.rank; });
  out["mark"] = to_array<std::int8_t>(s, [](const PointsStanding& x) { return static_cast<std::int8_t>(x.mark); });
  return out;
}

}  // namespace

void register_policy_points(py::module_& m) {
  py::class_<PointsLedger>(m, "PointsLedger",
                           "An append-only points ledger (docs/policy.md, \"Points ledger\"); massline.points wraps it "
                           "with pandas frames.")
      .def(py::init<std::vector<std::string>>(), py::arg("rule_names"),
           "An empty ledger whose entries name these rules by index.")
      .def_property_readonly("rule_names", &PointsLedger::rule_names, "The rules the entries name by index.")
      .def("__len__", [](const PointsLedger& l) { return l.entries().size(); })
      .def(
          "append",
          [](PointsLedger& l, Date date, MemberId member, std::optional<std::uint32_t> rule, double points,
             const std::string& source, std::uint32_t source_id, std::string note) {
            l.append({date, member, rule.value_or(policy::kManualEntry), points,
                      from_name<policy::PointsSource>(source, "points source", Location::of("append", "source")),
                      source_id, std::move(note)});
          },
          py::arg("date"), py::arg("member"), py::arg("rule"), py::arg("points"), py::arg("source"), py::arg("source_id"),
          py::arg("note"),
          "Appends one entry (rule None = a manual adjustment, source 'manual', with a note saying why). Raises "
          "InvalidArgument for a bad entry; the ledger is then unchanged.")
      .def("columns", &entry_columns,
           "The entries as a dict of columns: date (days since 1970-01-01), member, rule_index (-1 = manual), "
           "source_id (int64), points (float64), rule, source, note (lists of str).")
      .def("__repr__", [](const PointsLedger& l) {
        return "PointsLedger(rules=" + std::to_string(l.rule_names().size()) + ", entries=" + std::to_string(l.entries().size()) + ")";
      });

  m.def(
      "build_points_ledger",
      [](const Registry& registry, const policy::PolicySet& set, const Period& period) {
        return interruptible(Gil::keep, [&] { return policy::build_points_ledger(registry, set, period); });
      },
      py::arg("registry"), py::arg("policy"), py::arg("period"),
      "The ledger of the period from the registry's records by the set's points rules. Holds the GIL (it reads the "
      "registry); Ctrl-C stops it.");
  m.def(
      "rank_points",
      [](const Registry& registry, const PointsLedger& ledger, const Period& period, const std::string& by,
         std::optional<std::size_t> red, std::optional<std::size_t> black, std::optional<double> red_at_least,
         std::optional<double> black_below) {
        const auto scope = from_name<scoring::PointsRankScope>(by, "ranking scope", Location::of("rank_points", "by"));
        const bool no_lists = !red && !black && !red_at_least && !black_below;
        const scoring::ListRule lists = no_lists ? scoring::ListRule{} : list_rule_from(red, black, red_at_least, black_below, false, 1);
        return standing_columns(interruptible(Gil::keep, [&] { return scoring::rank_points(registry, ledger, period, scope, lists); }));
      },
      py::arg("registry"), py::arg("ledger"), py::arg("period"), py::kw_only(), py::arg("by") = "all",
      py::arg("red") = py::none(), py::arg("black") = py::none(), py::arg("red_at_least") = py::none(),
      py::arg("black_below") = py::none(),
      "Standings as a dict of columns: member, organization, entries, rank (int64), points (float64), mark (int8: 1 "
      "red, -1 black, 0 neither). Holds the GIL; Ctrl-C stops it.");
}

}  // namespace massline::python
