// massline validate STORE [--json]: loads the store (its own checks: exit 3 when it cannot be
// read) and audits the registry (Registry::validate: exit 1 when it lists problems).
#include "commands.hpp"

#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

struct ValidateOptions {
  std::string store;
  bool json = false;
};

ExitCode run_validate(const ValidateOptions& o, Console& console) {
  Registry registry;
  std::vector<Problem> problems;
  {
    Progress progress(console, "validating " + o.store);
    registry = load_store(o.store);
    problems = registry.validate();
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "validate";
    out["store"] = o.store;
    out["valid"] = problems.empty();
    out["counts"] = counts_json(registry);
    out["problems"] = nlohmann::ordered_json::array();
    for (const Problem& p : problems)
      out["problems"].push_back({{"code", p.code}, {"message", p.message}, {"where", p.where.to_string()}});
    print_json(console, out);
  } else {
    console.out << o.store << ": " << counts_text(registry) << '\n';
    for (const Problem& p : problems) {
      console.out << "  [" << p.code << "] " << p.message;
      if (!p.where.empty()) console.out << " (at " << p.where.to_string() << ")";
      console.out << '\n';
    }
    console.out << (problems.empty() ? std::string("valid: no problems") : std::to_string(problems.size()) + " problem(s)")
                << '\n';
  }
  return problems.empty() ? ExitCode::Ok : ExitCode::Findings;
}

}  // namespace

void add_validate(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Read a store and audit its registry (exit 1 when problems are found)");
  cmd->add_option("store", options->store, "the store to read (.sqlite, .sqlite3, .db or .json)")->required();
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_validate(*options, console); }; });
}

}  // namespace massline::cli
