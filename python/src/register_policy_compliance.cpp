// Python bindings for the compliance engine (massline._core.policy.check_compliance and its
// result) and the pledges report (check_pledges). The public entry point is massline.compliance (python/massline/compliance.py), which
// turns the columns into pandas frames.
//
// The engine reads the registry, so the call keeps the GIL for its whole duration (the thread
// contract of docs/python.md: no binding releases the GIL while it reads a mutable Registry);
// it still honours Ctrl-C through interruptible(). The roll-up is computed in the same call,
// while the registry is the one the rows were counted from. Columns are copies owned by Python.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/registry.hpp>
#include <massline/policy/compliance.hpp>
#include <massline/policy/pledges.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace massline::python {
namespace {

using policy::ComplianceReport;
using policy::ComplianceRollup;
using policy::ComplianceRow;

struct ComplianceResult {
  ComplianceReport report;
  std::vector<ComplianceRollup> rollup;
};

std::int64_t epoch_days(Date d) { return (d - Date(1970, 1, 1)).days(); }

// The names of an enum, in code order (the categories of a coded column).
template <class E>
py::list category_names() {
  py::list names;
  for (std::string_view n : enum_names(E{})) names.append(py::str(std::string(n)));
  return names;
}

template <class E>
std::int8_t code_of(E value) {
  return static_cast<std::int8_t>(static_cast<int>(value) - first_enumerator<E>());
}

// The rows as columns, filled in one pass over the rows (a report of a county has millions of
// rows; one pass per column would read them a dozen times). Enum columns are codes (0-based
// positions in enum_names) with their categories, so pandas builds Categoricals without a
// Python string per row.
py::dict columns(const ComplianceResult& r) {
  const auto& rows = r.report.rows;
  const std::size_t n = rows.size();
  auto rule = new_array<std::int32_t>(n);
  auto rule_kind = new_array<std::int8_t>(n), subject_kind = new_array<std::int8_t>(n), status = new_array<std::int8_t>(n),
       reason = new_array<std::int8_t>(n), evidence_kind = new_array<std::int8_t>(n);
  auto subject = new_array<std::int64_t>(n), first = new_array<std::int64_t>(n), last = new_array<std::int64_t>(n),
       required = new_array<std::int64_t>(n), maximum = new_array<std::int64_t>(n), actual = new_array<std::int64_t>(n),
       shortfall = new_array<std::int64_t>(n), evidence_count = new_array<std::int64_t>(n);
  {
    auto o_rule = elements(rule);
    auto o_rule_kind = elements(rule_kind), o_subject_kind = elements(subject_kind), o_status = elements(status),
         o_reason = elements(reason), o_evidence_kind = elements(evidence_kind);
    auto o_subject = elements(subject), o_first = elements(first), o_last = elements(last), o_required = elements(required),
         o_maximum = elements(maximum), o_actual = elements(actual), o_shortfall = elements(shortfall),
         o_evidence_count = elements(evidence_count);
    const auto quotas = static_cast<std::int32_t>(r.report.quota_names.size());
    const std::int64_t epoch = Date(1970, 1, 1).day_number();
    for (std::size_t i = 0; i < n; ++i) {
      const ComplianceRow& x = rows[i];
      o_rule[i] = static_cast<std::int32_t>(x.rule) + (x.rule_kind == policy::RuleKind::Quota ? 0 : quotas);
      o_rule_kind[i] = code_of(x.rule_kind);
      o_subject_kind[i] = code_of(x.subject_kind);
      o_status[i] = code_of(x.status);
      o_reason[i] = code_of(x.reason);
      o_evidence_kind[i] = code_of(x.evidence_kind);
      o_subject[i] = x.subject;
      o_first[i] = static_cast<std::int64_t>(x.first.day_number()) - epoch;
      o_last[i] = static_cast<std::int64_t>(x.last.day_number()) - epoch;
      o_required[i] = x.required;
      o_maximum[i] = x.maximum;
      o_actual[i] = x.actual;
      o_shortfall[i] = x.shortfall;
      o_evidence_count[i] = static_cast<std::int64_t>(r.report.evidence_offsets[i + 1] - r.report.evidence_offsets[i]);
    }
  }
  py::dict out, categories;
  py::list rule_names;
  for (const auto& name : r.report.quota_names) rule_names.append(py::str(name));
  for (const auto& name : r.report.coverage_names) rule_names.append(py::str(name));
  categories["rule"] = rule_names;
  categories["rule_kind"] = category_names<policy::RuleKind>();
  categories["subject_kind"] = category_names<policy::SubjectKind>();
  categories["status"] = category_names<policy::ComplianceStatus>();
  categories["reason"] = category_names<policy::NotApplicableReason>();
  categories["evidence_kind"] = category_names<policy::EvidenceKind>();
  out["rule"] = rule;
  out["rule_kind"] = rule_kind;
  out["subject_kind"] = subject_kind;
  out["subject"] = subject;
  out["first"] = first;
  out["last"] = last;
  out["required"] = required;
  out["maximum"] = maximum;
  out["actual"] = actual;
  out["shortfall"] = shortfall;
  out["status"] = status;
  out["reason"] = reason;
  out["evidence_kind"] = evidence_kind;
  out["evidence_count"] = evidence_count;
  out["categories"] = categories;
  return out;
}

py::dict rollup_columns(const ComplianceResult& r) {
  const auto& x = r.rollup;
  py::dict out;
  out["org"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.org.value(); });
  out["subjects"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.subjects; });
  out["subjects_compliant"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.subjects_compliant; });
  out["share_compliant"] = to_array<double>(x, [](const ComplianceRollup& a) { return a.share_compliant(); });
  out["rows_met"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.rows_met; });
  out["rows_short"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.rows_short; });
  out["rows_over"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.rows_over; });
  out["rows_not_applicable"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.rows_not_applicable; });
  out["worst_row"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.worst_row; });
  out["worst_shortfall"] = to_array<std::int64_t>(x, [](const ComplianceRollup& a) { return a.worst_shortfall; });
  return out;
}

py::dict pledge_columns(const policy::PledgeReport& r) {
  using policy::MemberPledges;
  const auto& x = r.members;
  py::dict out;
  out["member"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.member.value(); });
  out["pledged"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.pledged; });
  out["withdrawn"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.withdrawn; });
  out["expected"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.expected; });
  out["fulfilled"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.fulfilled; });
  out["fulfilled_on_time"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.fulfilled_on_time; });
  out["lapsed"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.lapsed; });
  out["overdue"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.overdue; });
  out["fulfilment_rate"] = to_array<double>(x, [](const MemberPledges& a) { return a.fulfilment_rate(); });
  out["has_quota"] = to_array<bool>(x, [](const MemberPledges& a) { return a.has_quota; });
  out["quota_required"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.quota_required; });
  out["quota_actual"] = to_array<std::int64_t>(x, [](const MemberPledges& a) { return a.quota_actual; });
  py::list status;
  for (const auto& a : x) status.append(py::str(std::string(to_name(a.quota_status))));
  out["quota_status"] = status;
  return out;
}

py::dict overdue_columns(const policy::PledgeReport& r) {
  using policy::OverduePledge;
  const auto& x = r.overdue;
  py::dict out;
  out["commitment"] = to_array<std::int64_t>(x, [](const OverduePledge& a) { return a.commitment.value(); });
  py::list category, status, members;
  for (const auto& a : x) {
    category.append(py::str(std::string(to_name(a.category))));
    status.append(py::str(std::string(to_name(a.status))));
    py::list ids;
    for (MemberId m : a.members) ids.append(m.value());
    members.append(ids);
  }
  out["category"] = category;
  out["status"] = status;
  out["pledged"] = to_array<std::int64_t>(x, [](const OverduePledge& a) { return epoch_days(a.pledged); });
  out["due"] = to_array<std::int64_t>(x, [](const OverduePledge& a) { return epoch_days(a.due); });
  out["days_overdue"] = to_array<std::int64_t>(x, [](const OverduePledge& a) { return a.days_overdue; });
  out["members"] = members;
  return out;
}

}  // namespace

void register_policy_compliance(py::module_& m) {
  py::class_<policy::PledgeReport>(m, "PledgeReport",
                                   "Pledges of a period per member, as they stood on as_of, and the overdue ones "
                                   "(docs/policy.md, \"Pledges\"); massline.compliance wraps it with pandas frames.")
      .def_property_readonly("period", [](const policy::PledgeReport& r) { return r.period; }, "The period.")
      .def_property_readonly("as_of", [](const policy::PledgeReport& r) { return r.as_of; }, "The day the counts stand on.")
      .def("columns", &pledge_columns,
           "One row per member: member, pledged, withdrawn, expected, fulfilled, fulfilled_on_time, lapsed, overdue, "
           "quota_required, quota_actual (int64), fulfilment_rate (float64, NaN when nothing is expected), has_quota "
           "(bool), quota_status (str).")
      .def("overdue_columns", &overdue_columns,
           "The overdue pledges: commitment, pledged, due (days since 1970-01-01), days_overdue (int64), category, "
           "status (str), members (lists of ids).")
      .def("__repr__", [](const policy::PledgeReport& r) {
        return "PledgeReport(period=" + r.period.label() + ", as_of=" + to_iso(r.as_of) +
               ", members=" + std::to_string(r.members.size()) + ", overdue=" + std::to_string(r.overdue.size()) + ")";
      });
  m.def(
      "check_pledges",
      [](const Registry& registry, const policy::PolicySet& set, const Period& period, std::optional<Date> as_of) {
        return interruptible(Gil::keep, [&] { return policy::check_pledges(registry, set, period, as_of); });
      },
      py::arg("registry"), py::arg("policy"), py::arg("period"), py::arg("as_of") = py::none(),
      "Pledges of the period as they stood on as_of (the period's last day when None). Holds the GIL (it reads "
      "the registry); Ctrl-C stops it.");

  py::class_<ComplianceResult> cls(m, "ComplianceResult",
                                   "Rows of a compliance check (docs/policy.md, \"Compliance\") and the roll-up per "
                                   "organisation; massline.compliance wraps it with pandas frames.");
  cls.def_property_readonly("period", [](const ComplianceResult& r) { return r.report.period; }, "The checked period.")
      .def_property_readonly("row_count", [](const ComplianceResult& r) { return r.report.rows.size(); }, "Number of rows.")
      .def_property_readonly("quota_names", [](const ComplianceResult& r) { return r.report.quota_names; },
                             "Names of the set's quota rules, by rule index.")
      .def_property_readonly("coverage_names", [](const ComplianceResult& r) { return r.report.coverage_names; },
                             "Names of the set's coverage rules, by rule index.")
      .def("columns", &columns,
           "The rows as a dict of columns: rule (int32 codes: quota rules, then coverage rules), rule_kind, "
           "subject_kind, status, reason, evidence_kind (int8 codes), subject, first, last (days since 1970-01-01), "
           "required, maximum (-1 = none), actual, shortfall, evidence_count (int64 arrays), and 'categories': the "
           "names of each coded column's codes.")
      .def("rollup_columns", &rollup_columns,
           "The roll-up per organisation subtree as a dict of arrays: org, subjects, subjects_compliant, "
           "share_compliant, rows_met, rows_short, rows_over, rows_not_applicable, worst_row (-1 = none), "
           "worst_shortfall.")
      .def(
          "evidence",
          [](const ComplianceResult& r, std::int64_t row) {
            if (row < 0 || static_cast<std::uint64_t>(row) >= r.report.rows.size()) {
              throw InvalidArgument("compliance.row", "no such row", Location::of("row " + std::to_string(row)),
                                    "rows are 0.." + std::to_string(static_cast<std::int64_t>(r.report.rows.size()) - 1));
            }
            return to_array(std::vector<std::uint32_t>(r.report.evidence(static_cast<std::size_t>(row)).begin(),
                                                       r.report.evidence(static_cast<std::size_t>(row)).end()));
          },
          py::arg("row"), "The ids counted for row @p row (contacts, pairings, commitments or activities: see evidence_kind).")
      .def("__repr__", [](const ComplianceResult& r) {
        return "ComplianceResult(period=" + r.report.period.label() + ", rows=" + std::to_string(r.report.rows.size()) + ")";
      });

  m.def(
      "check_compliance",
      [](const Registry& registry, const policy::PolicySet& set, const Period& period) {
        return interruptible(Gil::keep, [&] {  // reads the registry: the GIL stays held
          ComplianceResult out;
          out.report = policy::check_compliance(registry, set, period);
          out.rollup = policy::rollup_compliance(registry, out.report);
          return out;
        });
      },
      py::arg("registry"), py::arg("policy"), py::arg("period"),
      "Evaluates the policy set against the registry over the period (docs/policy.md, \"Compliance\"). Holds the "
      "GIL (it reads the registry); Ctrl-C stops it.");
}

}  // namespace massline::python
