// massline check STORE --period YYYY [--policy FILE] [--unit-level L] [--fail-on-short] [--json]
// The compliance engine (policy::check_compliance) over the period: per rule the rows met, short,
// over and not applicable with the total shortfall; per unit of a level the share of its subjects
// whose every evaluated row is met (policy::rollup_compliance).
#include "commands.hpp"

#include <massline/core/enum_names.hpp>
#include <massline/policy/compliance.hpp>

#include <cstdio>
#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

struct CheckOptions {
  std::string store;
  std::string period;
  std::string policy;
  int unit_level = 2;
  bool fail_on_short = false;
  bool json = false;
};

struct RuleCounts {
  std::string name;
  policy::RuleKind kind = policy::RuleKind::Quota;
  EnumArray<policy::ComplianceStatus, std::int64_t> rows{};
  std::int64_t shortfall = 0;
};

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * share);
  return text;
}

ExitCode run_check(const CheckOptions& o, Console& console) {
  const Period period = parse_period(o.period);
  const Registry registry = load_store(o.store);
  const policy::PolicySet policy = load_policy(o.policy);
  policy::ComplianceReport report;
  std::vector<policy::ComplianceRollup> rollups;
  {
    Progress progress(console, "checking compliance");
    report = policy::check_compliance(registry, policy, period);
    rollups = policy::rollup_compliance(registry, report);
  }

  std::vector<RuleCounts> rules;
  for (const auto& name : report.quota_names) rules.push_back({name, policy::RuleKind::Quota, {}, 0});
  for (const auto& name : report.coverage_names) rules.push_back({name, policy::RuleKind::Coverage, {}, 0});
  EnumArray<policy::ComplianceStatus, std::int64_t> totals{};
  for (const auto& row : report.rows) {
    RuleCounts& rule = rules[row.rule_kind == policy::RuleKind::Quota ? row.rule : report.quota_names.size() + row.rule];
    ++rule.rows[enum_index(row.status)];
    ++totals[enum_index(row.status)];
    rule.shortfall += row.shortfall;
  }
  const auto short_rows = totals[enum_index(policy::ComplianceStatus::Short)];

  std::vector<const policy::ComplianceRollup*> units;
  for (const auto& rollup : rollups)
    if (static_cast<int>(registry.get(rollup.org).level) == o.unit_level) units.push_back(&rollup);

  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "check";
    out["store"] = o.store;
    out["period"] = period.label();
    out["policy"] = policy_label(o.policy);
    nlohmann::ordered_json total;
    total["rows"] = report.rows.size();
    for (auto status : {policy::ComplianceStatus::Met, policy::ComplianceStatus::Short, policy::ComplianceStatus::Over,
                        policy::ComplianceStatus::NotApplicable})
      total[std::string(to_name(status))] = totals[enum_index(status)];
    out["totals"] = total;
    out["rules"] = nlohmann::ordered_json::array();
    for (const auto& rule : rules) {
      nlohmann::ordered_json r;
      r["rule"] = rule.name;
      r["kind"] = std::string(to_name(rule.kind));
      for (auto status : {policy::ComplianceStatus::Met, policy::ComplianceStatus::Short, policy::ComplianceStatus::Over,
                          policy::ComplianceStatus::NotApplicable})
        r[std::string(to_name(status))] = rule.rows[enum_index(status)];
      r["shortfall"] = rule.shortfall;
      out["rules"].push_back(r);
    }
    out["unit_level"] = o.unit_level;
    out["units"] = nlohmann::ordered_json::array();
    for (const auto* u : units) {
      const Organization& org = registry.get(u->org);
      out["units"].push_back({{"id", u->org.value()},
                              {"code", org.code},
                              {"name", org.name},
                              {"subjects", u->subjects},
                              {"subjects_compliant", u->subjects_compliant},
                              {"share_compliant", u->share_compliant()},
                              {"rows_short", u->rows_short}});
    }
    print_json(console, out);
  } else {
    auto& s = console.out;
    s << "compliance of " << o.store << " in " << period.label() << " under the "
      << (o.policy.empty() ? std::string("standard policy") : "policy " + o.policy) << ": " << report.rows.size()
      << " rows\n\n";
    // Padded by terminal columns (names are mostly Chinese), never cut.
    s << pad_right("rule", 40) << ' ' << pad_right("kind", 8) << ' ' << pad_left("met", 9) << ' ' << pad_left("short", 9)
      << ' ' << pad_left("over", 9) << ' ' << pad_left("n/a", 9) << ' ' << pad_left("shortfall", 10) << '\n';
    for (const auto& rule : rules) {
      s << pad_right(rule.name, 40) << ' ' << pad_right(to_name(rule.kind), 8);
      for (const policy::ComplianceStatus status : {policy::ComplianceStatus::Met, policy::ComplianceStatus::Short,
                                                    policy::ComplianceStatus::Over, policy::ComplianceStatus::NotApplicable}) {
        s << ' ' << pad_left(std::to_string(rule.rows[enum_index(status)]), 9);
      }
      s << ' ' << pad_left(std::to_string(rule.shortfall), 10) << '\n';
    }
    s << "\nunits of level " << o.unit_level << ": share of subjects whose every evaluated row is met\n";
    if (units.empty()) s << "  (no organisation of level " << o.unit_level << ")\n";
    for (const auto* u : units) {
      const Organization& org = registry.get(u->org);
      s << "  " << pad_right(org.code, 12) << ' ' << pad_right(org.name, 24) << ' ' << pad_left(percent(u->share_compliant()), 8)
        << " of " << u->subjects << " subjects, " << u->rows_short << " short rows\n";
    }
  }
  return o.fail_on_short && short_rows > 0 ? ExitCode::Findings : ExitCode::Ok;
}

}  // namespace

void add_check(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check a store against a policy set over a period (quotas and coverage rules)");
  cmd->add_option("store", options->store, "the store to read (.sqlite, .sqlite3, .db or .json)")->required();
  cmd->add_option("--period", options->period, "YYYY (also YYYY-H1, YYYY-Q3, YYYY-MM)")->required();
  cmd->add_option("--policy", options->policy, "a policy-set file (.toml or .json; docs/policy.md); default: the standard set");
  cmd->add_option("--unit-level", options->unit_level, "level of the units summarised (1 county .. 4 grid)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  cmd->add_flag("--fail-on-short", options->fail_on_short, "exit 1 when any row is short");
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_check(*options, console); }; });
}

}  // namespace massline::cli
