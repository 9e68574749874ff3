// massline import FORMAT FILE --out STORE [--parent ORG_CODE] [--force] [--json]
//
// csv (a directory of <table>.csv) and json (a registry JSON file) are whole registries: they
// make a new store, or replace one with --force. open311, nyc311 and cn-messages are appeal
// logs: into a new store on their own, or added to an existing store's registry (under
// --parent when given), whole or not at all. Every read is complete before the store is written,
// so a bad file leaves the store as it was.
#include "commands.hpp"

#include <massline/io/appeal_logs.hpp>
#include <massline/io/registry_csv.hpp>
#include <massline/io/registry_json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

namespace massline::cli {

namespace {

struct ImportOptions {
  std::string format;
  std::string file;
  std::string out;
  std::string parent;
  bool force = false;
  bool json = false;
};

std::optional<io::AppealLogFormat> log_format(const std::string& format) {
  if (format == "open311") return io::AppealLogFormat::Open311;
  if (format == "nyc311") return io::AppealLogFormat::Nyc311;
  if (format == "cn-messages") return io::AppealLogFormat::CnMessages;
  return std::nullopt;
}

ExitCode run_import(const ImportOptions& o, Console& console) {
  (void)store_kind(o.out);
  const std::optional<io::AppealLogFormat> log = log_format(o.format);
  std::error_code ec;
  const bool store_exists = std::filesystem::exists(o.out, ec);
  if (!log) require_new_or_forced(o.out, o.force, "--out");
  if (log && o.force) throw Exit(ExitCode::Usage, "--force applies to csv and json imports (an appeal log is added to an existing store)");
  if (!o.parent.empty() && (!log || !store_exists))
    throw Exit(ExitCode::Usage, "--parent names an organisation of an existing store that an appeal log is added under");

  Registry registry;
  std::string added;
  {
    Progress progress(console, "reading " + o.file);
    if (o.format == "csv") {
      registry = read_input([&] { return io::load_registry_csv(o.file); });
    } else if (o.format == "json") {
      registry = read_input([&] { return io::load_registry_json(o.file); });
    } else if (!store_exists) {
      registry = read_input([&] { return io::read_appeal_log(o.file, *log); });
    } else {
      registry = load_store(o.out);
      std::optional<OrgId> parent;
      if (!o.parent.empty()) {
        parent = registry.find_organization(o.parent);
        if (!parent) throw Exit(ExitCode::Usage, "--parent '" + o.parent + "': no organisation of " + o.out + " has this code");
      }
      const std::size_t before = registry.appeals().size();
      const OrgId root = read_input([&] { return io::import_appeal_log(registry, o.file, *log, parent); });
      added = std::to_string(registry.appeals().size() - before) + " appeals under organisation " +
              registry.get(root).code;
    }
  }
  {
    Progress progress(console, "saving " + o.out);
    save_store(registry, o.out);
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "import";
    out["format"] = o.format;
    out["file"] = o.file;
    out["store"] = o.out;
    out["added_to_existing"] = !added.empty();
    out["counts"] = counts_json(registry);
    print_json(console, out);
  } else {
    console.out << "imported " << o.format << ' ' << o.file;
    if (!added.empty()) console.out << " (" << added << ")";
    console.out << "\nstore " << o.out << ": " << counts_text(registry) << '\n';
  }
  return ExitCode::Ok;
}

}  // namespace

void add_import(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Import a registry (csv, json) or an appeal log (open311, nyc311, cn-messages) into a store");
  cmd->add_option("format", options->format, "csv (a directory of <table>.csv), json (a registry JSON file), open311, nyc311, cn-messages")
      ->required()
      ->check(CLI::IsMember({"csv", "json", "open311", "nyc311", "cn-messages"}));
  cmd->add_option("file", options->file, "the file (or, for csv, the directory) to read")->required();
  cmd->add_option("--out", options->out, "the store to write (.sqlite, .sqlite3, .db or .json)")->required();
  cmd->add_option("--parent", options->parent, "appeal logs into an existing store: code of the organisation to put the log's root under");
  cmd->add_flag("--force", options->force, "csv and json: replace an existing store");
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_import(*options, console); }; });
}

}  // namespace massline::cli
