// Python bindings for the appraisal of a period and its report (massline._core.io.appraise,
// Appraisal, ReportLanguage, appraisal_html, write_appraisal_html, appraisal_json,
// appraisal_text); the public entry point is massline.report (python/massline/report.py), which
// turns the columns into pandas frames.
//
// appraise() reads the registry, so it keeps the GIL (the thread contract of docs/python.md);
// the writers read only an Appraisal, which Python cannot change, so they release it. All run
// through interruptible() and so honour Ctrl-C.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/core/utf8.hpp>
#include <massline/io/appraisal.hpp>
#include <massline/io/appraisal_report.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace massline::python {
namespace {

using io::Appraisal;

std::int64_t epoch_days(Date d) { return (d - Date(1970, 1, 1)).days(); }

template <class Row, class Project>
py::list strings(const std::vector<Row>& rows, Project project) {
  py::list out;
  for (const Row& r : rows) out.append(py::str(utf8_escaped(project(r))));
  return out;
}

std::string verdict_name(scoring::Verdict v) {
  return v == scoring::Verdict::Flagged ? "flagged" : v == scoring::Verdict::Clear ? "clear" : "insufficient_sample";
}

py::dict satisfaction_columns(const std::vector<io::UnitSatisfaction>& x) {
  using R = io::UnitSatisfaction;
  py::dict out;
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["code"] = strings(x, [](const R& r) { return r.code; });
  out["name"] = strings(x, [](const R& r) { return r.name; });
  out["level"] = to_array<std::int64_t>(x, [](const R& r) { return r.level; });
  out["parent"] = to_array<std::int64_t>(x, [](const R& r) { return r.parent.value(); });
  out["item"] = strings(x, [](const R& r) { return r.item; });
  out["n"] = to_array<std::int64_t>(x, [](const R& r) { return r.n; });
  out["n_eff"] = to_array<double>(x, [](const R& r) { return r.n_eff; });
  out["rate"] = to_array<double>(x, [](const R& r) { return r.rate; });
  out["low"] = to_array<double>(x, [](const R& r) { return r.low; });
  out["high"] = to_array<double>(x, [](const R& r) { return r.high; });
  out["mean_score"] = to_array<double>(x, [](const R& r) { return r.mean_score.value_or(std::nan("")); });
  out["verdict"] = strings(x, [](const R& r) { return verdict_name(r.verdict); });
  return out;
}

py::dict list_columns(const Appraisal& a) {
  std::vector<io::ListedUnit> x = a.red;
  x.insert(x.end(), a.black.begin(), a.black.end());
  using R = io::ListedUnit;
  py::dict out;
  out["list"] = strings(x, [](const R& r) { return std::string(r.list == scoring::ListMark::Red ? "red" : "black"); });
  out["rank"] = to_array<std::int64_t>(x, [](const R& r) { return r.rank; });
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["code"] = strings(x, [](const R& r) { return r.code; });
  out["name"] = strings(x, [](const R& r) { return r.name; });
  out["item"] = strings(x, [](const R& r) { return r.item; });
  out["n"] = to_array<std::int64_t>(x, [](const R& r) { return r.n; });
  out["rate"] = to_array<double>(x, [](const R& r) { return r.rate; });
  out["low"] = to_array<double>(x, [](const R& r) { return r.low; });
  out["high"] = to_array<double>(x, [](const R& r) { return r.high; });
  return out;
}

py::dict coverage_columns(const Appraisal& a) {
  using R = io::UnitCoverage;
  const auto& x = a.coverage;
  py::dict out;
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["code"] = strings(x, [](const R& r) { return r.code; });
  out["name"] = strings(x, [](const R& r) { return r.name; });
  out["households"] = to_array<std::int64_t>(x, [](const R& r) { return r.households; });
  out["covered"] = to_array<std::int64_t>(x, [](const R& r) { return r.covered; });
  return out;
}

py::dict gap_columns(const Appraisal& a) {
  using R = io::MustVisitGap;
  const auto& x = a.must_visit_gaps;
  py::dict out;
  out["household"] = to_array<std::int64_t>(x, [](const R& r) { return r.household.value(); });
  out["household_code"] = strings(x, [](const R& r) { return r.household_code; });
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["unit_name"] = strings(x, [](const R& r) { return r.unit_name; });
  out["rule"] = strings(x, [](const R& r) { return r.rule; });
  out["required"] = to_array<std::int64_t>(x, [](const R& r) { return r.required; });
  out["actual"] = to_array<std::int64_t>(x, [](const R& r) { return r.actual; });
  return out;
}

py::dict overdue_columns(const Appraisal& a) {
  using R = io::OverdueAppeal;
  const auto& x = a.overdue;
  py::dict out;
  out["appeal"] = to_array<std::int64_t>(x, [](const R& r) { return r.appeal.value(); });
  out["code"] = strings(x, [](const R& r) { return r.code; });
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["unit_name"] = strings(x, [](const R& r) { return r.unit_name; });
  out["stage"] = strings(x, [](const R& r) { return std::string(to_name(r.stage)); });
  out["due"] = to_array<std::int64_t>(x, [](const R& r) { return epoch_days(r.due); });
  out["days_overdue"] = to_array<std::int64_t>(x, [](const R& r) { return r.days_overdue; });
  out["working_days_overdue"] = to_array<std::int64_t>(x, [](const R& r) { return r.working_days_overdue; });
  return out;
}

py::dict compliance_columns(const Appraisal& a) {
  using R = io::UnitCompliance;
  const auto& x = a.compliance;
  py::dict out;
  out["unit"] = to_array<std::int64_t>(x, [](const R& r) { return r.unit.value(); });
  out["code"] = strings(x, [](const R& r) { return r.code; });
  out["name"] = strings(x, [](const R& r) { return r.name; });
  out["level"] = to_array<std::int64_t>(x, [](const R& r) { return r.level; });
  out["subjects"] = to_array<std::int64_t>(x, [](const R& r) { return r.subjects; });
  out["compliant"] = to_array<std::int64_t>(x, [](const R& r) { return r.compliant; });
  out["share_compliant"] = to_array<double>(x, [](const R& r) { return r.share_compliant; });
  out["rows_short"] = to_array<std::int64_t>(x, [](const R& r) { return r.rows_short; });
  out["rows_over"] = to_array<std::int64_t>(x, [](const R& r) { return r.rows_over; });
  return out;
}

scoring::AccountabilityBasis parse_basis(const std::string& basis) {
  if (basis == "estimate") return scoring::AccountabilityBasis::Estimate;
  if (basis == "upper_bound") return scoring::AccountabilityBasis::UpperBound;
  throw InvalidArgument("appraisal.options", "invalid appraisal option", Location::of("appraisal options", "basis"),
                        "expected 'estimate' or 'upper_bound', got '" + utf8_escaped(basis) + "'");
}

}  // namespace

void register_io_appraisal(py::module_& m) {
  bind_enum<io::ReportLanguage>(m, "ReportLanguage", "Language of a report's labels: zh (Chinese, the default) or en.");

  py::class_<Appraisal>(m, "Appraisal",
                        "The appraisal of a period (docs/report.md); made by appraise(), read-only. "
                        "massline.report.Appraisal wraps it with pandas frames.")
      .def_property_readonly("period", [](const Appraisal& a) { return a.period; }, "The appraised period.")
      .def_property_readonly("as_of", [](const Appraisal& a) { return a.as_of; }, "The day appeals and pairings are taken on.")
      .def_property_readonly("policy_name", [](const Appraisal& a) { return utf8_escaped(a.policy_name); }, "The policy set's name.")
      .def_property_readonly("threshold", [](const Appraisal& a) { return a.threshold; }, "The policy's satisfaction threshold.")
      .def_property_readonly("threshold_source", [](const Appraisal& a) { return utf8_escaped(a.threshold_source); },
                             "Where the policy says the threshold comes from.")
      .def_property_readonly("confidence", [](const Appraisal& a) { return a.confidence; }, "Confidence of the intervals.")
      .def_property_readonly("basis", [](const Appraisal& a) {
        return std::string(a.basis == scoring::AccountabilityBasis::UpperBound ? "upper_bound" : "estimate");
      }, "'estimate' or 'upper_bound': what must lie below the threshold.")
      .def_property_readonly("min_sample", [](const Appraisal& a) { return a.min_sample; }, "Fewest answers judged.")
      .def_property_readonly("scale", [](const Appraisal& a) { return a.scale; }, "The response scale's name.")
      .def_property_readonly("has_responses", [](const Appraisal& a) { return a.has_responses; },
                             "False when the registry has no survey response in the period.")
      .def_property_readonly("responses", [](const Appraisal& a) { return a.responses; }, "Survey responses in the period.")
      .def_property_readonly("answers", [](const Appraisal& a) { return a.answers; }, "Answers scored.")
      .def_property_readonly("dont_know", [](const Appraisal& a) { return a.dont_know; }, "Don't-know answers left out.")
      .def_property_readonly("items", [](const Appraisal& a) {
        std::vector<std::string> out;
        for (const auto& i : a.items) out.push_back(utf8_escaped(i));
        return out;
      }, "The items scored.")
      .def_property_readonly("list_level", [](const Appraisal& a) { return a.list_level; }, "Level the lists rank.")
      .def_property_readonly("households", [](const Appraisal& a) { return a.households; }, "All households.")
      .def_property_readonly("covered_households", [](const Appraisal& a) { return a.covered_households; },
                             "Households with a responsible member.")
      .def_property_readonly("must_visit_categories", [](const Appraisal& a) { return a.must_visit_categories; },
                             "Categories of the policy's visiting coverage rules.")
      .def_property_readonly("must_visit_households", [](const Appraisal& a) { return a.must_visit_households; },
                             "Households with a must-visit category.")
      .def_property_readonly("must_visit_covered", [](const Appraisal& a) { return a.must_visit_covered; },
                             "Of those, households with a responsible member.")
      .def_property_readonly("must_visit_unpaired", [](const Appraisal& a) {
        return to_array<std::int64_t>(a.must_visit_unpaired, [](HouseholdId h) { return h.value(); });
      }, "Ids of the must-visit households without a responsible member (int64 array).")
      .def_property_readonly("compliance_subjects", [](const Appraisal& a) { return a.compliance_subjects; },
                             "Subjects with an evaluated compliance row.")
      .def_property_readonly("compliance_compliant", [](const Appraisal& a) { return a.compliance_compliant; },
                             "Of those, subjects meeting every rule.")
      .def("satisfaction_columns", [](const Appraisal& a) { return satisfaction_columns(a.satisfaction); },
           "Satisfaction by unit and item: unit, code, name, level, parent, item, n, n_eff, rate, low, high, "
           "mean_score, verdict.")
      .def("under_threshold_columns", [](const Appraisal& a) { return satisfaction_columns(a.under_threshold); },
           "The flagged rows, worst first, as satisfaction_columns.")
      .def("list_columns", &list_columns, "Red then black list: list, rank, unit, code, name, item, n, rate, low, high.")
      .def("coverage_columns", &coverage_columns, "Level-4 units: unit, code, name, households, covered.")
      .def("gap_columns", &gap_columns,
           "Must-visit gaps: household, household_code, unit, unit_name, rule, required, actual.")
      .def("overdue_columns", &overdue_columns,
           "Overdue appeals: appeal, code, unit, unit_name, stage, due (days since 1970-01-01), days_overdue, "
           "working_days_overdue.")
      .def("compliance_columns", &compliance_columns,
           "Compliance per organisation: unit, code, name, level, subjects, compliant, share_compliant, rows_short, "
           "rows_over.")
      .def("__repr__", [](const Appraisal& a) {
        return "Appraisal(period=" + a.period.label() + ", responses=" + std::to_string(a.responses) +
               ", under_threshold=" + std::to_string(a.under_threshold.size()) +
               ", overdue=" + std::to_string(a.overdue.size()) + ")";
      });

  m.def(
      "appraise",
      [](const Registry& registry, const policy::PolicySet& policy, const Period& period, std::vector<std::string> items,
         std::optional<scoring::ResponseScale> scale, double confidence, const std::string& basis,
         std::uint64_t min_sample, int list_level, std::size_t red_count, std::size_t black_count,
         std::optional<Date> as_of, std::optional<WorkCalendar> calendar) {
        io::AppraisalOptions options;
        options.items = std::move(items);
        if (scale) options.scale = *scale;
        options.confidence = confidence;
        options.basis = parse_basis(basis);
        options.min_sample = min_sample;
        options.list_level = list_level;
        options.red_count = red_count;
        options.black_count = black_count;
        options.as_of = as_of;
        if (calendar) options.calendar = *calendar;
        return interruptible(Gil::keep, [&] { return io::appraise(registry, policy, period, options); });
      },
      py::arg("registry"), py::arg("policy"), py::arg("period"), py::kw_only(), py::arg("items") = std::vector<std::string>{},
      py::arg("scale") = py::none(), py::arg("confidence") = 0.95, py::arg("basis") = "estimate",
      py::arg("min_sample") = 1, py::arg("list_level") = 3, py::arg("red_count") = 3, py::arg("black_count") = 3,
      py::arg("as_of") = py::none(), py::arg("calendar") = py::none(),
      "The appraisal of a period from a registry and a policy set (docs/report.md).");
  m.def(
      "appraisal_html",
      [](const Appraisal& a, io::ReportLanguage lang) {
        return interruptible(Gil::release, [&] { return io::appraisal_html(a, lang); });
      },
      py::arg("appraisal"), py::arg("language") = io::ReportLanguage::Chinese, "The report as one self-contained HTML page.");
  m.def(
      "write_appraisal_html",
      [](const Appraisal& a, const std::filesystem::path& path, io::ReportLanguage lang) {
        interruptible(Gil::release, [&] {
          io::write_appraisal_html(a, path, lang);
          return true;
        });
      },
      py::arg("appraisal"), py::arg("path"), py::arg("language") = io::ReportLanguage::Chinese,
      "Writes the HTML report to path atomically.");
  m.def(
      "appraisal_json",
      [](const Appraisal& a) { return interruptible(Gil::release, [&] { return io::appraisal_json(a); }); },
      py::arg("appraisal"), "The appraisal as JSON (docs/report.md).");
  m.def(
      "appraisal_text",
      [](const Appraisal& a, io::ReportLanguage lang) {
        return interruptible(Gil::release, [&] { return io::appraisal_text(a, lang); });
      },
      py::arg("appraisal"), py::arg("language") = io::ReportLanguage::Chinese, "A compact plain-text summary.");
}

}  // namespace massline::python
