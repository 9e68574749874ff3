// massline export STORE --format csv|json|dot|graphml --out PATH [--scope ORG_CODE]
//                       [--pseudonymize KEY | --pseudonymize-key-file FILE]
//                       [--households] [--members] [--pairings] [--json]
// The registry, optionally cut to one organisation's subtree (io::scope_registry: nothing from
// outside it) and with personal fields replaced by keyed tokens (io::pseudonymize), written as
// a CSV directory, a registry JSON file, or a picture of its network (DOT, GraphML).
#include "commands.hpp"

#include <massline/io/detail/read_file.hpp>
#include <massline/io/registry_csv.hpp>
#include <massline/io/registry_json.hpp>
#include <massline/io/registry_scope.hpp>
#include <massline/network/export.hpp>
#include <massline/network/network.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

namespace massline::cli {

namespace {

struct ExportOptions {
  std::string store;
  std::string format;
  std::string out;
  std::string scope;
  std::string key;
  std::string key_file;
  bool households = false;
  bool members = false;
  bool pairings = false;
  bool json = false;
};

nlohmann::ordered_json entries_json(const std::vector<io::ScopeReport::Entry>& entries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& e : entries) out.push_back({{"table", e.table}, {"reason", e.reason}, {"count", e.count}});
  return out;
}

/// Longest key file read: a key is a line of text; a larger file is not one.
constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

/// The key in @p path: its first line (without "\r\n" or "\n"), so that the key never appears on
/// a command line, where other users of the machine can read it (ps, /proc).
std::string key_from_file(const std::string& path) {
  return read_input([&] {
    const std::string text =
        io::detail::read_regular_file(path, kMaxKeyFileBytes, {"cli.key_file", "cannot read the pseudonymisation key file"});
    std::string key = text.substr(0, text.find('\n'));
    if (!key.empty() && key.back() == '\r') key.pop_back();
    if (key.empty()) {
      throw ParseError("cli.key_file", "empty pseudonymisation key", Location::in_file(path),
                       "the key is the file's first line, and it is empty");
    }
    return key;
  });
}

ExitCode run_export(ExportOptions o, Console& console) {
  if (!o.key_file.empty()) o.key = key_from_file(o.key_file);  // before the store: a bad key file writes nothing
  Registry registry = load_store(o.store);
  std::optional<io::ScopeReport> report;
  if (!o.scope.empty()) {
    const std::optional<OrgId> root = registry.find_organization(o.scope);
    if (!root) throw Exit(ExitCode::Usage, "--scope '" + o.scope + "': no organisation of " + o.store + " has this code");
    io::ScopedRegistry scoped = io::scope_registry(registry, *root);
    registry = std::move(scoped.registry);
    report = std::move(scoped.report);
  }
  if (!o.key.empty()) io::pseudonymize(registry, o.key);
  {
    Progress progress(console, "writing " + o.out);
    if (o.format == "csv") {
      write_output([&] { io::save_registry_csv(registry, o.out); });
    } else if (o.format == "json") {
      write_output([&] { io::save_registry_json(registry, o.out); });
    } else {
      const network::Network net(registry);
      std::ostringstream text;
      if (o.format == "dot") {
        network::DotOptions dot;
        dot.households = o.households;
        dot.members = o.members;
        dot.pairings = o.pairings;
        network::write_dot(text, net, dot);
      } else {
        network::write_graphml(text, net);
      }
      write_file_atomically(o.out, text.str());
    }
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["command"] = "export";
    out["store"] = o.store;
    out["format"] = o.format;
    out["out"] = o.out;
    out["scope"] = o.scope.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.scope);
    out["pseudonymized"] = !o.key.empty();
    out["counts"] = counts_json(registry);
    out["dropped"] = entries_json(report ? report->dropped : std::vector<io::ScopeReport::Entry>{});
    out["cleared"] = entries_json(report ? report->cleared : std::vector<io::ScopeReport::Entry>{});
    print_json(console, out);
  } else {
    console.out << "exported " << o.store << (o.scope.empty() ? "" : " (scope " + o.scope + ")")
                << (o.key.empty() ? "" : " with pseudonyms") << " as " << o.format << " to " << o.out << ": "
                << counts_text(registry) << '\n';
    if (report) {
      for (const auto& e : report->dropped)
        console.out << "  left out " << e.count << ' ' << e.table << ": " << e.reason << '\n';
      for (const auto& e : report->cleared)
        console.out << "  cleared references in " << e.count << ' ' << e.table << ": " << e.reason << '\n';
    }
  }
  return ExitCode::Ok;
}

}  // namespace

void add_export(CLI::App& app, Console& console, Action& action) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Write a store's registry as CSV, JSON, DOT or GraphML, optionally scoped and pseudonymised");
  cmd->add_option("store", options->store, "the store to read (.sqlite, .sqlite3, .db or .json)")->required();
  cmd->add_option("--format", options->format, "csv (a directory of <table>.csv), json (a registry JSON file), dot, graphml")
      ->required()
      ->check(CLI::IsMember({"csv", "json", "dot", "graphml"}));
  cmd->add_option("--out", options->out, "the file (for csv: the directory) to write; replaced whole")->required();
  cmd->add_option("--scope", options->scope, "only the subtree of the organisation with this code (docs/formats.md, \"Privacy\")");
  // An empty value would mean "no pseudonyms": refused, not taken as absent.
  const auto non_empty = [](const std::string& what) {
    return CLI::Validator([what](std::string& value) { return value.empty() ? what + " must not be empty" : std::string(); },
                          "", "non-empty");
  };
  cmd->add_option("--pseudonymize", options->key, "replace names, addresses, phones and ID numbers by tokens keyed by KEY")
      ->check(non_empty("the key"))
      ->type_name("KEY");
  cmd->add_option("--pseudonymize-key-file", options->key_file,
                  "as --pseudonymize, with the key read from the first line of FILE (kept off the command line, "
                  "where other users can see it)")
      ->check(non_empty("the key file's path"))
      ->type_name("FILE")
      ->excludes("--pseudonymize");
  cmd->add_flag("--households", options->households, "dot: draw households");
  cmd->add_flag("--members", options->members, "dot: draw members");
  cmd->add_flag("--pairings", options->pairings, "dot: draw pairing edges");
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &console, &action] { action = [options, &console] { return run_export(*options, console); }; });
}

}  // namespace massline::cli
