#pragma once
/// @file
/// The SQLite store, massline's embedded default (docs/formats.md, "SQLite store"): a whole
/// Registry, ids and next ids included, in one SQLite file with one table per table of
/// io::registry_tables() (its layout generated from that schema), plus logs appended to it in
/// transactions. The file is in WAL mode and every change is one transaction, so a writer killed
/// half way leaves the previous state intact and readable. The layout is versioned (PRAGMA
/// user_version); an older store is upgraded when opened, in one transaction, and a newer one is
/// refused.
///
/// Compiled into its own library target, massline::store (CMake), which links Debian's
/// libsqlite3: programs that only score link massline::massline and never SQLite.

#include <massline/model/registry.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace massline::io {

/// The layout version this library writes (PRAGMA user_version of the file). Version 1 stored
/// no derived columns; version 2 stores them too, for SQL readers (docs/formats.md).
inline constexpr int kSqliteStoreVersion = 2;
/// PRAGMA application_id of a massline store ("MLst"), telling it from other SQLite files.
inline constexpr std::int32_t kSqliteStoreApplicationId = 0x4D4C7374;

/// Saves @p registry to the store @p path in one transaction, replacing the registry it held
/// (a new file is created; an existing one must be a massline store or an empty file). A
/// failure or a crash part way leaves the previous contents. Throws ParseError
/// "sqlite_store.io" (cannot open or write), "sqlite_store.format" (the file is not a SQLite
/// database, or one of another application: it is not overwritten), "sqlite_store.version"
/// (a store of a newer layout), "sqlite_store.sql" (SQLite's own failure, such as a full disk
/// or a lock held too long by another writer), and Cancelled.
void save_registry_sqlite(const Registry& registry, const std::filesystem::path& path);

/// Reads the registry of the store @p path, whole or nothing, upgrading an older layout first
/// (one transaction; a store that cannot be written is read as it is only when it is current).
/// Throws ParseError "sqlite_store.io" (missing, not a regular file, unreadable),
/// "sqlite_store.format" (not a SQLite database or not a massline store), "sqlite_store.corrupt"
/// (SQLite finds the file damaged, e.g. truncated), "sqlite_store.version" (a newer layout),
/// "sqlite_store.table" (a table is missing), and the problems of the rows, each located by
/// file, table, row id and column as the registry files locate them: "registry_file.column",
/// "registry_file.cell", "registry_file.duplicate_id", "registry_file.dangling",
/// "registry_file.id_range", "registry_file.next_id", "integrity.*". One problem is thrown as
/// itself; several as ParseError "registry_file.problems". The file is never changed by a
/// failed load.
[[nodiscard]] Registry load_registry_sqlite(const std::filesystem::path& path);

/// The layout version of the store @p path (PRAGMA user_version), without upgrading it. Throws
/// as load_registry_sqlite for a file that is not a massline store.
[[nodiscard]] int sqlite_store_version(const std::filesystem::path& path);

/// Appends @p contacts to the store @p path in one transaction and returns their ids (the
/// store's next ids, in order; the values' own ids are ignored). Each is checked as
/// Registry::add checks it, against the organisations, members and households of the store;
/// when any fails nothing is written and every failure is thrown together, located by store and
/// position in @p contacts ("appended contact 3"). Store errors as load_registry_sqlite.
std::vector<ContactId> append_contacts(const std::filesystem::path& path, std::span<const Contact> contacts);
/// Appends @p appeals as append_contacts does; codes must be new to the store and to the batch.
std::vector<AppealId> append_appeals(const std::filesystem::path& path, std::span<const Appeal> appeals);
/// Appends @p responses as append_contacts does.
std::vector<SurveyResponseId> append_survey_responses(const std::filesystem::path& path,
                                                      std::span<const SurveyResponse> responses);

}  // namespace massline::io
