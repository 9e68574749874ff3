#pragma once
/// @file
/// The registry JSON file: a whole Registry, ids included, as one JSON document of format
/// "massline.registry", version 1 (docs/formats.md, "Registry JSON file"). Every table of
/// io::registry_tables() is written from the schema as a list of column names and rows of
/// values, so the file follows the schema without per-entity code. A registry read back from
/// its file is equal to it (Registry::operator==) and has the same next ids, so entities added
/// afterwards get the same ids too. Reading is whole or nothing: every problem (a bad cell, a
/// duplicate id, a dangling reference, an organisation cycle...) is collected with its place
/// (file, table row, column, JSON pointer) and thrown together; no registry is returned then.

#include <massline/model/registry.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace massline::io {

/// The format tag of a registry JSON file.
inline constexpr std::string_view kRegistryJsonFormat = "massline.registry";
/// The version of the registry JSON format this library reads and writes.
inline constexpr int kRegistryJsonVersion = 1;
/// Largest registry JSON file read, in bytes (1 GiB; a county takes some tens of MiB). Larger
/// files are refused before they are read.
inline constexpr std::size_t kMaxRegistryJsonBytes = std::size_t{1} << 30;

/// @p registry as JSON text: {"format", "version", "tables": {name: {"next_id" (entity tables),
/// "columns", "rows"}}}, every table of io::registry_tables() in order, derived columns left
/// out. Values: ids, integers and reals as numbers, booleans, texts, ISO dates and enum names as
/// strings, flags as names joined by '|', missing values as null.
[[nodiscard]] std::string registry_to_json(const Registry& registry);

/// Reads a registry from JSON text; @p source names it in errors. Throws ParseError
/// "registry_json.syntax" / ".encoding" / ".limit" / ".key" (not strict JSON, as
/// detail::reformat_json, with line and column), "registry_json.format" (wrong format tag,
/// version or document shape, located by JSON pointer), and otherwise the problems found in
/// the tables, each located by file, table row (1-based), column and JSON pointer:
/// "registry_file.cell" (a value of the wrong type or out of range), "registry_file.column"
/// (an unknown, repeated or missing column), "registry_file.duplicate_id",
/// "registry_file.dangling" (a side-table row of a missing owner), "registry_file.id_range",
/// "registry_file.next_id", and the registry's own rules ("integrity.dangling",
/// "integrity.cycle", "integrity.level", "integrity.duplicate_code", the entities' checks). One
/// problem is thrown as itself; several as ParseError "registry_file.problems" listing the first
/// 20 and the count.
[[nodiscard]] Registry registry_from_json(std::string_view text, const std::string& source = "<string>");

/// Saves @p registry to @p path atomically (the file is replaced whole or left as it was).
/// Throws ParseError "registry_json.io" when the file cannot be written.
void save_registry_json(const Registry& registry, const std::filesystem::path& path);

/// Reads the registry JSON file @p path: ParseError "registry_json.io" when it is not a
/// readable regular file (a directory, a missing file) or is larger than kMaxRegistryJsonBytes,
/// otherwise the errors of registry_from_json located in the file.
[[nodiscard]] Registry load_registry_json(const std::filesystem::path& path);

}  // namespace massline::io
