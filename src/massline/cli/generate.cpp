// massline generate PRESET --seed N --out STORE [--set name=value]... [--force] [--json]
#include "commands.hpp"

#include <massline/synth/generate.hpp>
#include <massline/synth/params.hpp>

#include <cstdint>
#include <memory>
#include <ostream>

namespace massline::cli {

namespace {

struct GenerateOptions {
  std::string preset;
  std::uint64_t seed = 0;
  std::string out;
  std::vector<std::string> settings;
  bool force = false;
  bool json = false;
};

ExitCode run_generate(const GenerateOptions& o, Console& console) {
  require_new_or_forced(o.out, o.force, "--out");
  (void)store_kind(o.out);  // a bad suffix is a usage error before any work
  const ParameterValues overrides = parse_settings(o.settings);
  Registry registry;
  {
    Progress progress(console, "generating " + o.preset);
    registry = synth::generate(o.preset, o.seed, overrides);
  }
  {
    Progress progress(console, "saving " + o.out);
    save_store(registry, o.out);
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "generate";
    out["preset"] = o.preset;
    out["seed"] = o.seed;
    out["store"] = o.out;
    out["counts"] = counts_json(registry);
    print_json(console, out);
  } else {
    console.out << "generated " << o.preset << " (seed " << o.seed << "): " << counts_text(registry) << "\nsaved to "
                << o.out << '\n';
  }
  return ExitCode::Ok;
}

}  // namespace

void add_generate(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate a synthetic population from a preset and save it to a store");
  std::string presets;
  for (const auto& name : synth::preset_names()) presets += (presets.empty() ? "" : ", ") + name;
  cmd->add_option("preset", options->preset, "preset: " + presets)->required();
  cmd->add_option("--seed", options->seed, "seed of the generator (0 .. 2^64-1)")->required()->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", options->out, "the store to write (.sqlite, .sqlite3, .db or .json)")->required();
  cmd->add_option("--set", options->settings, "override a generator parameter, name=value (repeatable; docs/synth.md)");
  cmd->add_flag("--force", options->force, "replace an existing store");
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_generate(*options, console); }; });
}

}  // namespace massline::cli
