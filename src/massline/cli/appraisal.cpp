// massline score STORE --period YYYY [--json] [--fail-on-accountable] and
// massline report STORE --period YYYY --out FILE.html: the appraisal of a period (io::appraise:
// satisfaction by unit with intervals from the store's survey responses, units under the policy's
// threshold, the red and black lists, coverage and must-visit gaps, overdue appeals,
// compliance), printed as text or JSON, or written as one self-contained HTML file.
#include "commands.hpp"

#include <massline/core/enum_names.hpp>
#include <massline/io/appraisal.hpp>
#include <massline/io/appraisal_report.hpp>
#include <massline/sim/survey.hpp>

#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

struct AppraisalCommand {
  std::string store;
  std::string period;
  std::string policy;
  std::string lang = "zh";
  std::string scale = "three_level";
  int list_level = 3;
  std::uint64_t min_sample = 1;
  std::string out;                   // report
  bool json = false;                 // score
  bool fail_on_accountable = false;  // score
};

void add_appraisal_options(CLI::App& cmd, AppraisalCommand& o) {
  cmd.add_option("store", o.store, "the store to read (.sqlite, .sqlite3, .db or .json)")->required();
  cmd.add_option("--period", o.period, "YYYY (also YYYY-H1, YYYY-Q3, YYYY-MM)")->required();
  cmd.add_option("--policy", o.policy, "a policy-set file (.toml or .json); default: the standard set");
  cmd.add_option("--lang", o.lang, "labels in Chinese (zh) or English (en)")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  cmd.add_option("--scale", o.scale,
                 "the stored answers' scale: three_level (不满意 1 / 基本满意 2 / 满意 3) or simulated "
                 "(the answers simulate --record-survey adds: 0 not satisfied, 1 satisfied)")
      ->check(CLI::IsMember({"three_level", "simulated"}))
      ->capture_default_str();
  cmd.add_option("--list-level", o.list_level, "level of the units the red and black lists rank (1 county .. 4 grid)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  cmd.add_option("--min-sample", o.min_sample, "units with fewer answers are neither judged nor listed")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
      ->capture_default_str();
}

io::Appraisal appraise(const AppraisalCommand& o, Console& console) {
  const Period period = parse_period(o.period);
  const Registry registry = load_store(o.store);
  const policy::PolicySet policy = load_policy(o.policy);
  io::AppraisalOptions options;
  options.list_level = o.list_level;
  options.min_sample = o.min_sample;
  if (o.scale == "simulated") options.scale = sim::survey_scale();
  Progress progress(console, "appraising " + period.label());
  try {
    return io::appraise(registry, policy, period, options);
  } catch (const InvalidArgument& e) {
    // The store's answers do not fit --scale: a property of the input, said with the way out.
    if (e.code().rfind("scale.", 0) != 0) throw;
    throw Exit(ExitCode::BadInput, std::string(e.what()) + " (--scale " + o.scale +
                                       "; answers recorded by simulate --record-survey need --scale simulated)");
  }
}

ExitCode run_score(const AppraisalCommand& o, Console& console) {
  const io::Appraisal appraisal = appraise(o, console);
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "score";
    out["store"] = o.store;
    out["period"] = appraisal.period.label();
    out["policy"] = policy_label(o.policy);
    out["appraisal"] = nlohmann::ordered_json::parse(io::appraisal_json(appraisal));
    print_json(console, out);
  } else {
    console.out << io::appraisal_text(appraisal, from_name<io::ReportLanguage>(o.lang, "language"));
  }
  return o.fail_on_accountable && !appraisal.under_threshold.empty() ? ExitCode::Findings : ExitCode::Ok;
}

ExitCode run_report(const AppraisalCommand& o, Console& console) {
  const io::Appraisal appraisal = appraise(o, console);
  write_output([&] { io::write_appraisal_html(appraisal, o.out, from_name<io::ReportLanguage>(o.lang, "language")); });
  console.out << "wrote the appraisal of " << appraisal.period.label() << " to " << o.out
              << (appraisal.has_responses ? "" : " (no survey responses in the period: no satisfaction part)") << '\n';
  return ExitCode::Ok;
}

}  // namespace

void add_score(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<AppraisalCommand>();
  CLI::App* cmd = app.add_subcommand("score", "Score a period: satisfaction by unit, units under the threshold, lists, gaps");
  add_appraisal_options(*cmd, *options);
  cmd->add_flag("--json", options->json, "print the appraisal as JSON (docs/report.md lists its keys)");
  cmd->add_flag("--fail-on-accountable", options->fail_on_accountable, "exit 1 when a unit is under the threshold");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_score(*options, console); }; });
}

void add_report(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<AppraisalCommand>();
  CLI::App* cmd = app.add_subcommand("report", "Write the appraisal of a period as one self-contained HTML file");
  add_appraisal_options(*cmd, *options);
  cmd->add_option("--out", options->out, "the HTML file to write (replaced whole)")->required();
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_report(*options, console); }; });
}

}  // namespace massline::cli
