// Python bindings for the policy layer (massline._core.policy): PolicySet as data, its TOML and
// JSON files (docs/policy.md), its rules as pandas frames, equality and pickling (by its JSON
// text, so an unpickled set passes the same checks as a loaded file).
#include "bindings.hpp"

#include <massline/io/policy_file.hpp>
#include <massline/policy/policy_set.hpp>

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace massline::python {
namespace {

using policy::AppealDeadline;
using policy::CoverageRule;
using policy::PointsRule;
using policy::PolicySet;
using policy::QuotaRule;
using policy::Selector;

// The names in a flag set, as a tuple (a cell of an object column).
template <class E>
py::tuple names(Flags<E> flags) {
  py::list out;
  constexpr auto all = enum_names(E{});
  for (std::size_t i = 0; i < all.size(); ++i)
    if (flags.test(static_cast<E>(static_cast<int>(i) + first_enumerator<E>()))) out.append(py::str(std::string(all[i])));
  return py::tuple(out);
}

template <class E>
py::object name_or_none(const std::optional<E>& value) {
  return value ? py::object(py::str(std::string(to_name(*value)))) : py::object(py::none());
}

// Columns of a frame, in order; a frame of no rows keeps its columns.
class Columns {
 public:
  py::list& operator[](const char* name) {
    for (auto& [n, values] : columns_)
      if (n == name) return values;
    columns_.emplace_back(name, py::list());
    return columns_.back().second;
  }
  // Declares the columns (so an empty frame has them), in order.
  explicit Columns(std::initializer_list<const char*> order) {
    for (const char* n : order) columns_.emplace_back(n, py::list());
  }
  py::object frame(std::initializer_list<const char*> nullable_integers) const {
    py::module_ pandas = py::module_::import("pandas");
    py::dict data;
    for (const auto& [n, values] : columns_) {
      const bool nullable = std::find_if(nullable_integers.begin(), nullable_integers.end(),
                                         [&](const char* c) { return n == c; }) != nullable_integers.end();
      data[py::str(n)] = nullable ? pandas.attr("array")(values, py::arg("dtype") = "Int64")
                                  : pandas.attr("Series")(values, py::arg("dtype") = "object");
    }
    py::object df = pandas.attr("DataFrame")(data);
    return df.attr("infer_objects")();
  }

 private:
  std::vector<std::pair<std::string, py::list>> columns_;
};

void selector_columns(Columns& c, const char* prefix, const Selector& s) {
  const std::string p(prefix);
  c[(p + "kinds").c_str()].append(names(s.kinds));
  c[(p + "cadre_ranks").c_str()].append(names(s.cadre_ranks));
  c[(p + "delegate_levels").c_str()].append(names(s.delegate_levels));
  c[(p + "roles").c_str()].append(names(s.roles));
  c[(p + "capable_of_helping").c_str()].append(s.capable_of_helping ? py::object(py::bool_(*s.capable_of_helping)) : py::object(py::none()));
  c[(p + "org_levels").c_str()].append(names(s.org_levels));
  c[(p + "sectors").c_str()].append(names(s.sectors));
  c[(p + "org_kinds").c_str()].append(names(s.org_kinds));
}

py::object quota_frame(const PolicySet& set) {
  Columns c{"name", "source", "activity", "subject", "period", "minimum", "maximum", "ratio_of", "ratio_numerator",
            "ratio_denominator", "who_kinds", "who_cadre_ranks", "who_delegate_levels", "who_roles",
            "who_capable_of_helping", "who_org_levels", "who_sectors", "who_org_kinds"};
  for (const QuotaRule& q : set.quotas) {
    c["name"].append(q.name);
    c["source"].append(q.source);
    c["activity"].append(std::string(to_name(q.activity)));
    c["subject"].append(std::string(to_name(policy::subject_of(q.activity))));
    c["period"].append(std::string(to_name(q.period)));
    c["minimum"].append(q.minimum);
    c["maximum"].append(q.maximum ? py::object(py::int_(*q.maximum)) : py::object(py::none()));
    c["ratio_of"].append(q.ratio ? py::object(py::str(std::string(to_name(q.ratio->of)))) : py::object(py::none()));
    c["ratio_numerator"].append(q.ratio ? py::object(py::int_(q.ratio->numerator)) : py::object(py::none()));
    c["ratio_denominator"].append(q.ratio ? py::object(py::int_(q.ratio->denominator)) : py::object(py::none()));
    selector_columns(c, "who_", q.who);
  }
  return c.frame({"minimum", "maximum", "ratio_numerator", "ratio_denominator"});
}

py::object coverage_frame(const PolicySet& set) {
  Columns c{"name", "source", "kind", "categories", "scope", "period", "minimum", "by_kinds", "by_cadre_ranks",
            "by_delegate_levels", "by_roles", "by_capable_of_helping", "by_org_levels", "by_sectors", "by_org_kinds"};
  for (const CoverageRule& r : set.coverage) {
    c["name"].append(r.name);
    c["source"].append(r.source);
    c["kind"].append(std::string(to_name(r.kind)));
    c["categories"].append(names(r.categories));
    c["scope"].append(std::string(to_name(r.scope)));
    c["period"].append(std::string(to_name(r.period)));
    c["minimum"].append(r.minimum);
    selector_columns(c, "by_", r.by);
  }
  return c.frame({"minimum"});
}

py::object deadline_frame(const PolicySet& set) {
  Columns c{"name", "source", "appeal_class", "routing", "handler_level", "stage", "working_days"};
  for (const AppealDeadline& d : set.deadlines) {
    c["name"].append(d.name);
    c["source"].append(d.source);
    c["appeal_class"].append(name_or_none(d.appeal_class));
    c["routing"].append(name_or_none(d.routing));
    c["handler_level"].append(name_or_none(d.handler_level));
    c["stage"].append(std::string(to_name(d.stage)));
    c["working_days"].append(d.working_days);
  }
  return c.frame({"working_days"});
}

py::object points_frame(const PolicySet& set) {
  Columns c{"name", "source", "event", "points", "quota", "who_kinds", "who_cadre_ranks", "who_delegate_levels",
            "who_roles", "who_capable_of_helping", "who_org_levels", "who_sectors", "who_org_kinds"};
  for (const PointsRule& p : set.points) {
    c["name"].append(p.name);
    c["source"].append(p.source);
    c["event"].append(std::string(to_name(p.event)));
    c["points"].append(p.points);
    c["quota"].append(p.quota.empty() ? py::object(py::none()) : py::object(py::str(p.quota)));
    selector_columns(c, "who_", p.who);
  }
  py::object frame = c.frame({});
  // An empty frame infers object for the number column; it is float64 whatever the rows.
  frame["points"] = frame["points"].attr("astype")("float64");
  return frame;
}

std::optional<io::PolicyFileFormat> format_named(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  if (*name == "toml") return io::PolicyFileFormat::Toml;
  if (*name == "json") return io::PolicyFileFormat::Json;
  throw InvalidArgument("policy_file.format", "unknown policy-file format '" + *name + "'", Location::of("format"),
                        "expected 'toml', 'json' or None (from the suffix)");
}

}  // namespace

void register_policy(py::module_& m) {
  py::class_<PolicySet> cls(m, "PolicySet",
                            "Local rules as data (docs/policy.md): quotas, coverage rules, appeal deadlines and the "
                            "satisfaction threshold. PolicySet.standard() carries the numbers of docs/domain.md §4; "
                            "files are TOML or JSON (format 'massline.policy_set', version 1).");
  cls.def(py::init([](std::string name, double satisfaction_threshold) {
            PolicySet set;
            set.name = std::move(name);
            set.satisfaction_threshold = satisfaction_threshold;
            return set;
          }),
          py::kw_only(), py::arg("name") = "", py::arg("satisfaction_threshold") = 0.8,
          "An empty set (no rules); rules come from files (from_toml, parse_toml, ...) or standard().");
  cls.def_static("standard", &PolicySet::standard, "The standard set: the numbers of docs/domain.md §4 and §6.");
  cls.def_static(
      "from_toml", [](const std::filesystem::path& path) { return io::load_policy_set(path, io::PolicyFileFormat::Toml); },
      py::arg("path"), "Reads a TOML policy-set file; raises ParseError naming the file, line and key.");
  cls.def_static(
      "from_json", [](const std::filesystem::path& path) { return io::load_policy_set(path, io::PolicyFileFormat::Json); },
      py::arg("path"), "Reads a JSON policy-set file; raises ParseError naming the file and key.");
  cls.def_static(
      "load",
      [](const std::filesystem::path& path, const std::optional<std::string>& format) {
        return io::load_policy_set(path, format_named(format));
      },
      py::arg("path"), py::arg("format") = py::none(),
      "Reads a policy-set file; format 'toml' or 'json', by default from the suffix (.toml, .json).");
  cls.def_static(
      "parse_toml", [](const std::string& text, const std::string& source) { return io::policy_set_from_toml(text, source); },
      py::arg("text"), py::arg("source") = "<string>", "Reads TOML text; `source` names it in errors.");
  cls.def_static(
      "parse_json", [](const std::string& text, const std::string& source) { return io::policy_set_from_json(text, source); },
      py::arg("text"), py::arg("source") = "<string>", "Reads JSON text; `source` names it in errors.");
  cls.def("to_toml", &io::policy_set_to_toml, "The set as TOML text (runs check() first).");
  cls.def(
      "to_json", [](const PolicySet& set, int indent) { return io::policy_set_to_json(set, indent); },
      py::arg("indent") = 2, "The set as JSON text (runs check() first); indent < 0 writes one line.");
  cls.def(
      "save",
      [](const PolicySet& set, const std::filesystem::path& path, const std::optional<std::string>& format) {
        io::save_policy_set(set, path, format_named(format));
      },
      py::arg("path"), py::arg("format") = py::none(),
      "Writes the set (format from the suffix unless given); an existing file is replaced whole or left untouched.");
  cls.def("check", &PolicySet::check, "Raises InvalidArgument naming the first bad rule and field.");
  cls.def_property(
      "name", [](const PolicySet& s) { return s.name; }, [](PolicySet& s, std::string v) { s.name = std::move(v); },
      "Name of the set.");
  cls.def_property(
      "satisfaction_threshold", [](const PolicySet& s) { return s.satisfaction_threshold; },
      [](PolicySet& s, double v) { s.satisfaction_threshold = v; },
      "Satisfaction below this leads to accountability; in (0, 1] (check() enforces it).");
  cls.def_property(
      "satisfaction_source", [](const PolicySet& s) { return s.satisfaction_source; },
      [](PolicySet& s, std::string v) { s.satisfaction_source = std::move(v); }, "Where the threshold comes from.");
  cls.def("quotas", &quota_frame,
          "The quota rules as a pandas DataFrame, one row per rule in set order: name, source, activity, subject, "
          "period, minimum, maximum (Int64, <NA> when none), ratio_of, ratio_numerator, ratio_denominator, and "
          "who_<criterion> (tuples of names; who_capable_of_helping True/False/None).");
  cls.def("coverage", &coverage_frame,
          "The coverage rules as a pandas DataFrame: name, source, kind, categories (tuple), scope, period, "
          "minimum, by_<criterion>.");
  cls.def("deadlines", &deadline_frame,
          "The appeal deadlines as a pandas DataFrame: name, source, appeal_class, routing, handler_level (None = "
          "any), stage, working_days.");
  cls.def("points", &points_frame,
          "The points rules as a pandas DataFrame: name, source, event, points (float64), quota (None = every member "
          "quota, for the quota events), who_<criterion>.");
  cls.def(
      "rule_names",
      [](const PolicySet& s) {
        std::vector<std::string> out;
        for (const auto& q : s.quotas) out.push_back(q.name);
        for (const auto& c : s.coverage) out.push_back(c.name);
        for (const auto& d : s.deadlines) out.push_back(d.name);
        for (const auto& p : s.points) out.push_back(p.name);
        return out;
      },
      "Names of every rule: quotas, then coverage rules, then deadlines, then points rules.");
  cls.def("__eq__", [](const PolicySet& a, const PolicySet& b) { return a == b; }, py::is_operator());
  cls.def("__copy__", [](const PolicySet& s) { return PolicySet(s); });
  cls.def("__deepcopy__", [](const PolicySet& s, const py::dict&) { return PolicySet(s); }, py::arg("memo"));
  cls.def("__repr__", [](const PolicySet& s) {
    return "PolicySet(name=" + py::repr(py::str(s.name)).cast<std::string>() + ", quotas=" + std::to_string(s.quotas.size()) +
           ", coverage=" + std::to_string(s.coverage.size()) + ", deadlines=" + std::to_string(s.deadlines.size()) +
           ", points=" + std::to_string(s.points.size()) +
           ", satisfaction_threshold=" + py::repr(py::float_(s.satisfaction_threshold)).cast<std::string>() + ")";
  });
  // Pickled as the JSON text: unpickling reads it with every check of a file, so a tampered
  // state raises ParseError instead of building a set the library would refuse.
  cls.def(py::pickle([](const PolicySet& s) { return py::make_tuple(io::policy_set_to_json(s, -1)); },
                     [](const py::tuple& state) {
                       require_state_size(state, 1, "PolicySet");
                       return io::policy_set_from_json(state[0].cast<std::string>(), "<pickle>");
                     }));
}

}  // namespace massline::python
