#pragma once
/// @file
/// The registry CSV directory: a whole Registry as one CSV file per table of
/// io::registry_tables(), named "<table>.csv" ("members.csv", "member_specialties.csv"...),
/// described in docs/formats.md ("Registry CSV directory"). The files are written from the
/// table schema: a header row of column names, then one row per entity (or list element) in id
/// order. Reading accepts what spreadsheets write: UTF-8 with or without a byte order mark, the
/// English column names or their Chinese labels (docs/formats.md), columns in any order, ISO
/// dates (YYYY-MM-DD). Ids are kept, gaps included (a removed entity leaves its id unused); the
/// next id of a table is one past its largest id. Reading is whole or nothing: every problem of
/// every file is collected with file, row, column and reason and thrown together; no registry
/// is returned then.

#include <massline/model/registry.hpp>

#include <filesystem>
#include <string_view>

namespace massline::io {

/// How a CSV directory is written.
struct RegistryCsvOptions {
  /// Start every file with the UTF-8 byte order mark, which spreadsheet programs need to
  /// recognise UTF-8 (massline reads files with or without it).
  bool byte_order_mark = false;
  /// Header rows of Chinese labels instead of the English column names.
  bool chinese_headers = false;
};

/// The Chinese label of the column named @p column, accepted in CSV headers in place of the
/// name (one name means one thing in every table, so one label serves them all; the labels of
/// a table's columns are distinct). Empty for a name no table has. docs/formats.md lists them.
[[nodiscard]] std::string_view chinese_column_label(std::string_view column) noexcept;

/// Writes every table of @p registry as "<table>.csv" into @p directory (created if missing),
/// derived columns included (reading ignores them). Each file is replaced atomically; files of
/// other names are left alone. Values: ISO dates, true/false, enum names, flags as names joined
/// by '|', reals in the shortest form that reads back the same; a missing value is an empty
/// field, an empty text is "" (quoted). Throws ParseError "registry_csv.io" when a file cannot
/// be written or @p directory is not a directory.
void save_registry_csv(const Registry& registry, const std::filesystem::path& directory,
                       const RegistryCsvOptions& options = {});

/// Reads the CSV directory @p directory. A table whose file is absent is empty; a CSV file
/// that names no table is a problem (a misspelt file name would otherwise lose a table).
/// Throws ParseError "registry_csv.io" (not a readable directory, a file that cannot be
/// opened), "registry_csv.empty" (no table file at all, or a file without a header row);
/// otherwise the problems of every file, each located by file, row (line of the file) and
/// column (as named in its header): the CSV reader's ("csv.encoding" for bytes that are not
/// UTF-8 or a UTF-16 byte order mark, "csv.ragged", "csv.unterminated_quote", "csv.limit" for a
/// field over 16 MiB), "registry_csv.file" (a file of no table), "registry_file.column",
/// "registry_file.cell", "registry_file.duplicate_id", "registry_file.dangling",
/// "registry_file.id_range" and the registry's own rules ("integrity.dangling",
/// "integrity.level", "integrity.duplicate_code", the entities' checks). One problem is thrown as
/// itself; several as ParseError "registry_file.problems" listing the first 20 and the count.
[[nodiscard]] Registry load_registry_csv(const std::filesystem::path& directory);

}  // namespace massline::io
