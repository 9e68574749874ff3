#pragma once
// The subcommands of the `massline` tool, one file each (docs/cli.md). Each adds its
// subcommand to the application; when the command line selects it, its callback stores the
// work to run in `action`, which main runs once parsing is over (so parse errors and run
// errors get their own exit codes).
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace massline::cli {

/// The work of the selected subcommand.
using Action = std::function<ExitCode()>;

void add_generate(CLI::App& app, Console& console, Action& action);
void add_import(CLI::App& app, Console& console, Action& action);
void add_validate(CLI::App& app, Console& console, Action& action);
void add_export(CLI::App& app, Console& console, Action& action);
void add_check(CLI::App& app, Console& console, Action& action);
void add_simulate(CLI::App& app, Console& console, Action& action);
void add_sweep(CLI::App& app, Console& console, Action& action);
void add_score(CLI::App& app, Console& console, Action& action);
void add_report(CLI::App& app, Console& console, Action& action);

/// Prints @p value as indented JSON (NaN and infinities as null) and a newline.
void print_json(Console& console, const nlohmann::ordered_json& value);
/// The number of entities of each table, in the registry's order ("organizations" ... "activities").
[[nodiscard]] std::vector<std::pair<std::string, std::size_t>> table_counts(const Registry& registry);
/// table_counts as a JSON object.
[[nodiscard]] nlohmann::ordered_json counts_json(const Registry& registry);
/// table_counts as "7902 households, 884 members, ..." (tables with entities only).
[[nodiscard]] std::string counts_text(const Registry& registry);

}  // namespace massline::cli
