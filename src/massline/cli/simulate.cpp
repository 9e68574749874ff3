// massline simulate STORE --days N --replications R --seed S [--year Y] [--policy FILE]
//                         [--strategy NAME] [--set name=value]... [--threads T] [--json]
// Compiles the store's registry into a simulation scenario (sim::Scenario::from_registry) and runs
// the replications (sim::run), then prints the year's metrics with their intervals across
// replications, overall and per reported unit. --record-survey adds replication 0's year-end
// survey answers (sim::survey_responses) to the store, so that score and report have answers.
#include "sim_summary.hpp"

#include <massline/io/sqlite_store.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/survey.hpp>

#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

ExitCode run_simulate(const SimOptions& o, Console& console) {
  const ParameterValues values = parse_settings(o.settings);
  const Registry registry = load_store(o.store);
  const sim::Scenario scenario = sim_scenario(o, registry, values);
  sim::Results results;
  {
    Progress progress(console, "simulating");
    sim::RunOptions run;
    run.replications = o.replications;
    run.seed = o.seed;
    run.threads = o.threads;
    run.progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
    results = sim::run(scenario, run);
  }
  std::size_t recorded = 0;
  if (o.record_survey) {
    Progress progress(console, "recording the survey");
    const std::vector<SurveyResponse> responses = sim::survey_responses(scenario, o.seed, 0);
    if (store_kind(o.store) == StoreKind::Sqlite) {
      write_output([&] { (void)io::append_survey_responses(o.store, responses); });  // one transaction
    } else {
      Registry with_answers = registry;
      for (const SurveyResponse& response : responses) with_answers.add(response);
      save_store(with_answers, o.store);
    }
    recorded = responses.size();
  }
  const RunSummary summary = summarize(results, scenario, 0, results.size());
  const std::int64_t days = scenario.data().days;
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "simulate";
    out["store"] = o.store;
    out["year"] = o.year;
    out["days"] = days;
    out["replications"] = o.replications;
    out["seed"] = o.seed;
    out["strategy"] = o.strategy;
    out["report_level"] = scenario.params().report_level;
    out["households"] = scenario.households();
    out["recorded_survey_responses"] = recorded;
    out["metrics"] = metrics_json(summary.overall);
    out["units"] = nlohmann::ordered_json::array();
    for (const UnitSummary& u : summary.units)
      out["units"].push_back({{"unit", u.unit}, {"code", u.code}, {"name", u.name}, {"metrics", metrics_json(u.metrics)}});
    print_json(console, out);
    return ExitCode::Ok;
  }
  auto& s = console.out;
  s << "simulated " << o.store << ": " << days << " days from " << o.year << "-01-01, " << o.replications
    << " replications, seed " << o.seed << ", strategy " << o.strategy << ", " << scenario.households() << " households, "
    << summary.units.size() << " units of level " << scenario.params().report_level << "\n\n"
    << "metric (mean over units)      mean [95% interval across replications]\n";
  for (std::size_t m = 0; m < summary.overall.size(); ++m)
    s << "  " << pad_right(enum_names(sim::Metric{})[m], 26) << ' ' << estimate_text(summary.overall[m]) << '\n';
  s << "\nunit                         satisfaction              coverage                  survey_satisfied\n";
  for (const UnitSummary& u : summary.units) {
    s << "  " << pad_right(u.code.empty() ? u.name : u.code, 26) << ' '
      << pad_right(estimate_text(u.metrics[enum_index(sim::Metric::Satisfaction)]), 25) << ' '
      << pad_right(estimate_text(u.metrics[enum_index(sim::Metric::Coverage)]), 25) << ' '
      << estimate_text(u.metrics[enum_index(sim::Metric::SurveySatisfied)]) << '\n';
  }
  if (o.record_survey)
    s << "\nrecorded " << recorded << " survey responses of replication 0 in " << o.store << " (item '"
      << sim::kSurveyItem << "', scale: massline score --scale simulated)\n";
  return ExitCode::Ok;
}

}  // namespace

void add_simulate(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<SimOptions>();
  CLI::App* cmd = app.add_subcommand("simulate", "Simulate a year of visits, appeals and satisfaction on a store's registry");
  add_sim_options(*cmd, *options);
  cmd->add_option("--set", options->settings, "set a sim parameter or lever, name=value (repeatable; docs/simulation.md)");
  cmd->add_flag("--record-survey", options->record_survey,
                "add replication 0's year-end survey answers to the store (for score and report)");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_simulate(*options, console); }; });
}

}  // namespace massline::cli
