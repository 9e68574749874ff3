#include <massline/io/sqlite_store.hpp>

#include "entities_of.hpp"
#include "registry_assembly.hpp"
#include "sqlite_db.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>
#include <massline/io/tables.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc 2.28)
#include <unistd.h>

namespace massline::io {
namespace {

using detail::ProblemList;
using detail::quote_identifier;
using detail::RegistryAssembly;
using detail::SqliteDatabase;
using detail::SqliteStatement;
using detail::SqliteTransaction;

using detail::kRowsPerCheck;
/// The table of next ids (one row per entity table), beside the registry's tables.
constexpr std::string_view kNextIdsTable = "massline_next_ids";

// ---- layout ---------------------------------------------------------------------------------------

std::string_view sql_type(CellType type) {
  switch (type) {
    case CellType::Id:
    case CellType::Integer:
    case CellType::Boolean: return "INTEGER";
    case CellType::Real: return "REAL";
    default: return "TEXT";  // texts; dates as ISO text; enums and flags by name, as the JSON file
  }
}

/// The table of @p schema in the current layout: every column, key columns the primary key.
std::string create_table_sql(const TableSchema& schema) {
  std::string sql = "CREATE TABLE " + quote_identifier(schema.name()) + " (";
  std::vector<std::string> keys;
  bool first = true;
  for (const Column& column : schema.columns()) {
    if (!first) sql += ", ";
    first = false;
    sql += quote_identifier(column.name) + " " + std::string(sql_type(column.type));
    if (!column.nullable) sql += " NOT NULL";
    if (column.role == ColumnRole::Key) keys.push_back(quote_identifier(column.name));
  }
  if (schema.is_side_table()) {  // owner, position
    sql += ", PRIMARY KEY (";
    for (std::size_t i = 0; i < keys.size(); ++i) sql += (i > 0 ? ", " : "") + keys[i];
    return sql + ")) STRICT, WITHOUT ROWID";
  }
  return sql + ", PRIMARY KEY (" + keys.front() + ")) STRICT";  // the id: SQLite's rowid
}

std::size_t next_id_of(const Registry& registry, Table table) {
  switch (table) {
    case Table::Organizations: return registry.organizations().capacity_ids();
    case Table::Members: return registry.members().capacity_ids();
    case Table::Households: return registry.households().capacity_ids();
    case Table::Pairings: return registry.pairings().capacity_ids();
    case Table::Commitments: return registry.commitments().capacity_ids();
    case Table::ServicePosts: return registry.service_posts().capacity_ids();
    case Table::Contacts: return registry.contacts().capacity_ids();
    case Table::Appeals: return registry.appeals().capacity_ids();
    case Table::SurveyResponses: return registry.survey_responses().capacity_ids();
    case Table::Activities: return registry.activities().capacity_ids();
    default: return 0;
  }
}

// ---- cells ----------------------------------------------------------------------------------------

/// Binds @p cell; a date or flags are formatted into @p text, which must stay unchanged until
/// the statement has run (bound without a copy: a copy per cell was an allocation per cell).
void bind_cell(SqliteStatement& statement, int index, const Column& column, const Cell& cell, std::string& text) {
  std::visit(
      [&](const auto& value) {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          statement.bind_null(index);
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          if (column.type == CellType::Enum) {
            statement.bind_static(index, column.names.at(static_cast<std::size_t>(value)));
          } else if (column.type == CellType::Flags) {
            text = detail::format_cell(column, cell);
            statement.bind_static(index, text);
          } else {
            statement.bind(index, value);
          }
        } else if constexpr (std::is_same_v<V, double>) {
          statement.bind(index, value);
        } else if constexpr (std::is_same_v<V, bool>) {
          statement.bind(index, std::int64_t{value ? 1 : 0});
        } else if constexpr (std::is_same_v<V, std::string_view>) {
          statement.bind_static(index, value);
        } else {
          text = to_iso(value);
          statement.bind_static(index, text);
        }
      },
      cell);
}

std::string_view sqlite_type_name(int type) {
  switch (type) {
    case SQLITE_INTEGER: return "an integer";
    case SQLITE_FLOAT: return "a real";
    case SQLITE_TEXT: return "a text";
    case SQLITE_BLOB: return "a blob";
    default: return "NULL";
  }
}

/// The cell of result column @p i read as @p column. Texts are viewed in the statement's row.
Cell read_cell(const Column& column, const SqliteStatement& statement, int i) {
  const int type = statement.type(i);
  auto wrong = [&](std::string_view wanted) {
    return InvalidArgument("registry_file.cell", "value of the wrong type", Location{},
                           "expected " + std::string(wanted) + " for a column of type " +
                               std::string(to_name(column.type)) + ", got " + std::string(sqlite_type_name(type)));
  };
  if (type == SQLITE_NULL) {
    if (column.nullable) return Cell{};
    throw InvalidArgument("registry_file.cell", "missing value", Location{}, "the column needs a value");
  }
  switch (column.type) {
    case CellType::Id:
    case CellType::Integer:
      if (type != SQLITE_INTEGER) throw wrong("an integer");
      return statement.integer(i);
    case CellType::Boolean: {
      if (type != SQLITE_INTEGER) throw wrong("0 or 1");
      const std::int64_t value = statement.integer(i);
      if (value != 0 && value != 1) throw wrong("0 or 1");
      return value == 1;
    }
    case CellType::Real: {
      if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) throw wrong("a number");
      const double value = statement.real(i);
      if (!std::isfinite(value)) throw wrong("a finite number");
      return value;
    }
    case CellType::Text:
    case CellType::Date:
    case CellType::Enum:
    case CellType::Flags: {
      if (type != SQLITE_TEXT) throw wrong("a text");
      const std::string_view text = statement.text(i);
      if (const std::size_t bad = utf8_invalid_offset(text); bad != text.size()) {
        throw InvalidArgument("registry_file.cell", "text that is not UTF-8", Location{},
                              "byte " + std::to_string(bad) + " is " + hex_byte(static_cast<unsigned char>(text[bad])));
      }
      return detail::parse_cell(column, text, false);
    }
  }
  throw wrong("a value");
}

// ---- opening --------------------------------------------------------------------------------------

[[noreturn]] void io_error(const std::filesystem::path& path, const std::string& summary, const std::string& why) {
  throw ParseError("sqlite_store.io", summary, Location::in_file(path.string()), why);
}

/// Refuses what is not a regular file before SQLite opens it (a directory, a FIFO or /dev/zero
/// would fail late or block). True when the file exists.
bool check_path(const std::filesystem::path& path, bool must_exist) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  using T = std::filesystem::file_type;
  if (status.type() == T::not_found) {
    if (must_exist) io_error(path, "cannot open SQLite store", "it does not exist");
    return false;
  }
  if (error) io_error(path, "cannot open SQLite store", error.message());
  switch (status.type()) {
    case T::regular: return true;
    case T::directory: io_error(path, "cannot open SQLite store", "it is a directory; a store is one file");
    case T::fifo: io_error(path, "cannot open SQLite store", "it is a FIFO (named pipe); only regular files are stores");
    case T::character:
    case T::block: io_error(path, "cannot open SQLite store", "it is a device; only regular files are stores");
    default: io_error(path, "cannot open SQLite store", "it is not a regular file");
  }
}

/// The layout version of the open file: 0 for an empty database (when @p allow_empty), else
/// the version of a massline store this library reads; anything else is refused.
int store_version(SqliteDatabase& db, bool allow_empty) {
  const std::int64_t application = db.query_integer("PRAGMA application_id");
  const std::int64_t version = db.query_integer("PRAGMA user_version");
  const Location where = Location::in_file(db.source());
  if (application == kSqliteStoreApplicationId) {
    if (version > kSqliteStoreVersion) {
      throw ParseError("sqlite_store.version", "store of a newer massline", where,
                       "its layout is version " + std::to_string(version) + "; this library reads versions 1 to " +
                           std::to_string(kSqliteStoreVersion) + " (open it with the newer massline)");
    }
    if (version < 1) throw ParseError("sqlite_store.format", "store without a layout version", where, "user_version is " + std::to_string(version));
    return static_cast<int>(version);
  }
  const std::int64_t tables = db.query_integer("SELECT count(*) FROM sqlite_schema");
  if (application == 0 && tables == 0 && allow_empty) return 0;
  throw ParseError("sqlite_store.format", "not a massline store", where,
                   tables == 0 && application == 0
                       ? std::string("an empty SQLite database")
                       : "a SQLite database of another application (application_id " + std::to_string(application) +
                             ", " + std::to_string(tables) + " schema objects); it is left as it is");
}

// ---- reading --------------------------------------------------------------------------------------

std::string row_label(const TableSchema& schema, std::span<const Cell> cells) {
  auto number = [](const Cell& cell) {
    const auto* value = std::get_if<std::int64_t>(&cell);
    return value != nullptr ? std::to_string(*value) : std::string("?");
  };
  std::string label = "table '" + std::string(schema.name()) + "' ";
  if (!schema.is_side_table()) return label + "id " + number(cells[0]);
  return label + schema.columns()[0].name + " " + number(cells[0]) + " position " + number(cells[1]);
}

/// Reads one table of the store into @p assembly, recording its problems.
void read_table(SqliteDatabase& db, const TableSchema& schema, RegistryAssembly& assembly, ProblemList& problems) {
  const std::string source = db.source();
  std::vector<std::string> header;
  {
    SqliteStatement info(db, "SELECT name FROM pragma_table_info(?1)");
    info.bind_static(1, schema.name());
    while (info.step()) header.emplace_back(info.text(0));
  }
  if (header.empty()) {
    Location where = Location::in_file(source);
    where.entity = "table '" + std::string(schema.name()) + "'";
    problems.add("sqlite_store.table", "missing table", where, "every table of docs/formats.md is in a store, empty or not");
    return;
  }
  const auto map = detail::map_columns(
      schema, header, false,
      [&](std::size_t i) {
        Location where = Location::in_file(source, std::nullopt, i < header.size() ? header[i] : std::string());
        where.entity = "table '" + std::string(schema.name()) + "'";
        return where;
      },
      problems);
  if (!map) return;
  const auto& columns = schema.columns();
  std::string select = "SELECT ";
  std::string order;
  std::vector<int> result_column(columns.size(), -1);
  int selected = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!map->position[c] || columns[c].role == ColumnRole::Derived) continue;  // derived: recomputed
    select += (selected > 0 ? ", " : "") + quote_identifier(columns[c].name);
    result_column[c] = selected++;
    if (columns[c].role == ColumnRole::Key) order += (order.empty() ? "" : ", ") + quote_identifier(columns[c].name);
  }
  select += " FROM " + quote_identifier(schema.name()) + " ORDER BY " + order;  // side rows: owner, then position
  SqliteStatement rows(db, select);
  // Named by key, as the rows are read in key order; the place outlives this call (finish()).
  assembly.begin_table(schema, [source, table = &schema](std::size_t, std::span<const Cell> key) {
    Location where = Location::in_file(source);
    where.entity = row_label(*table, key);
    return where;
  });
  std::vector<Cell> cells(columns.size());
  std::size_t index = 0;
  while (rows.step()) {
    if (++index % kRowsPerCheck == 0) throw_if_cancelled();
    bool readable = true;
    std::optional<std::string> bad_column;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      cells[c] = Cell{};
      if (result_column[c] < 0) continue;
      try {
        cells[c] = read_cell(columns[c], rows, result_column[c]);
      } catch (const Error& e) {
        Location at = Location::in_file(source, std::nullopt, columns[c].name);
        at.entity = "table '" + std::string(schema.name()) + "' row " + std::to_string(index);
        problems.add(e, at);
        readable = false;
      }
    }
    if (readable) {
      assembly.add_row(cells, index);
    } else if (const auto* id = std::get_if<std::int64_t>(&cells[0])) {
      assembly.skip_row(*id);
    }
  }
}

/// The saved next ids of the entity tables in @p tables.
void read_next_ids(SqliteDatabase& db, const std::vector<Table>& tables, RegistryAssembly& assembly,
                   ProblemList& problems) {
  const std::string source = db.source();
  Location where = Location::in_file(source);
  where.entity = "table '" + std::string(kNextIdsTable) + "'";
  if (db.query_integer("SELECT count(*) FROM pragma_table_info('" + std::string(kNextIdsTable) + "')") == 0) {
    problems.add("sqlite_store.table", "missing table", where, "the next ids of the entity tables are kept there");
    return;
  }
  SqliteStatement rows(db, "SELECT \"table\", next_id FROM " + quote_identifier(kNextIdsTable));
  while (rows.step()) {
    const std::string name(rows.type(0) == SQLITE_TEXT ? rows.text(0) : std::string_view("?"));
    Location at = where;
    at.field = name;
    const TableSchema* schema = find_table(name);
    if (schema == nullptr || schema->is_side_table() || rows.type(1) != SQLITE_INTEGER) {
      problems.add("registry_file.next_id", "bad next id row", at, "rows name an entity table and give an integer");
      continue;
    }
    if (std::find(tables.begin(), tables.end(), schema->table()) != tables.end()) {
      assembly.set_next_id(schema->table(), rows.integer(1), at);
    }
  }
}

/// Reads @p tables (owners before their side tables) and their next ids; throws the problems.
Registry read_registry(SqliteDatabase& db, const std::vector<Table>& tables) {
  ProblemList problems;
  RegistryAssembly assembly(problems);
  for (const Table table : tables) read_table(db, table_schema(table), assembly, problems);
  read_next_ids(db, tables, assembly, problems);
  Registry registry = assembly.finish();
  problems.throw_if_any(db.source());
  return registry;
}

std::vector<Table> all_tables() {
  std::vector<Table> tables;
  for (const TableSchema& schema : registry_tables()) tables.push_back(schema.table());
  return tables;
}

// ---- writing --------------------------------------------------------------------------------------

std::string insert_sql(const TableSchema& schema) {
  std::string sql = "INSERT INTO " + quote_identifier(schema.name()) + " VALUES (";
  for (std::size_t c = 0; c < schema.columns().size(); ++c) sql += c > 0 ? ", ?" : "?";
  return sql + ")";
}

/// Inserts the rows of @p schema in @p registry whose key (id or owner id) is at least
/// @p from, with that key moved by @p shift (appended entities take the store's next ids).
void insert_rows(SqliteDatabase& db, const Registry& registry, const TableSchema& schema, std::int64_t from = 0,
                 std::int64_t shift = 0) {
  SqliteStatement insert(db, insert_sql(schema));
  const auto& columns = schema.columns();
  std::vector<std::string> texts(columns.size());  // formatted cells, bound until the row is inserted
  std::size_t count = 0;
  schema.for_each_row(registry, [&](const Row& row) {
    const Cell key = columns[0].read(row);
    if (std::get<std::int64_t>(key) < from) return;
    if (++count % kRowsPerCheck == 0) throw_if_cancelled();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const int index = static_cast<int>(c) + 1;
      if (c == 0) {
        insert.bind(index, std::get<std::int64_t>(key) + shift);
      } else {
        bind_cell(insert, index, columns[c], columns[c].read(row), texts[c]);
      }
    }
    insert.run();
    insert.reset();
  });
}

void set_next_id(SqliteDatabase& db, std::string_view table, std::int64_t next) {
  SqliteStatement statement(db, "INSERT OR REPLACE INTO " + quote_identifier(kNextIdsTable) + " VALUES (?1, ?2)");
  statement.bind_static(1, table);
  statement.bind(2, next);
  statement.run();
}

/// Replaces everything the store holds by @p registry in the current layout (inside the
/// caller's write transaction).
void write_registry(SqliteDatabase& db, const Registry& registry) {
  for (const TableSchema& schema : registry_tables()) {
    db.execute("DROP TABLE IF EXISTS " + quote_identifier(schema.name()));
    db.execute(create_table_sql(schema));
  }
  db.execute("DROP TABLE IF EXISTS " + quote_identifier(kNextIdsTable));
  db.execute("CREATE TABLE " + quote_identifier(kNextIdsTable) +
             " (\"table\" TEXT NOT NULL PRIMARY KEY, next_id INTEGER NOT NULL) STRICT, WITHOUT ROWID");
  for (const TableSchema& schema : registry_tables()) {
    insert_rows(db, registry, schema);
    if (!schema.is_side_table()) {
      set_next_id(db, schema.name(), static_cast<std::int64_t>(next_id_of(registry, schema.table())));
    }
  }
  db.execute("PRAGMA application_id = " + std::to_string(kSqliteStoreApplicationId));
  db.execute("PRAGMA user_version = " + std::to_string(kSqliteStoreVersion));
}

void use_wal(SqliteDatabase& db) {
  // WAL: a transaction is committed by one append to the log, so a writer killed at any point
  // leaves the last committed state; readers see a snapshot meanwhile. FULL syncs each commit.
  SqliteStatement mode(db, "PRAGMA journal_mode = WAL");
  if (!mode.step() || mode.text(0) != "wal") {
    throw ParseError("sqlite_store.io", "cannot switch the store to WAL mode", Location::in_file(db.source()),
                     "SQLite kept the journal mode '" + std::string(mode.text(0)) + "'");
  }
  db.execute("PRAGMA synchronous = FULL");
  db.execute("PRAGMA cache_size = -65536");
}

/// Upgrades an older layout to the current one in one transaction: the store is read with the
/// reader (which accepts tables lacking nullable and derived columns, as every older layout
/// does) and written again.
void upgrade(SqliteDatabase& db, int version) {
  if (db.read_only()) {
    throw ParseError("sqlite_store.version", "store of an older layout that cannot be upgraded",
                     Location::in_file(db.source()),
                     "its layout is version " + std::to_string(version) + " and the file is read-only; version " +
                         std::to_string(kSqliteStoreVersion) + " is read (make it writable once to upgrade)");
  }
  use_wal(db);
  SqliteTransaction transaction(db, true);
  if (store_version(db, false) == kSqliteStoreVersion) return;  // upgraded meanwhile by another process
  const Registry registry = read_registry(db, all_tables());
  write_registry(db, registry);
  transaction.commit();
}

/// Opens an existing store, upgrading an older layout.
std::unique_ptr<SqliteDatabase> open_store(const std::filesystem::path& path) {
  check_path(path, true);
  auto db = std::make_unique<SqliteDatabase>(path, false);
  const int version = store_version(*db, false);
  if (version < kSqliteStoreVersion) upgrade(*db, version);
  return db;
}

// ---- appending ------------------------------------------------------------------------------------

template <class T>
std::string_view kind_name() {
  return decltype(T::id)::kind();
}

template <class T>
std::vector<decltype(T::id)> append(const std::filesystem::path& path, std::span<const T> values, Table table,
                                    const std::vector<Table>& context) {
  using IdT = decltype(T::id);
  auto db = open_store(path);
  if (db->read_only()) io_error(path, "cannot append to SQLite store", "the file is read-only");
  use_wal(*db);
  SqliteTransaction transaction(*db, true);
  store_version(*db, false);
  // What the rules consult: the entities the appended ones may reference (and, for appeals,
  // the appeals whose codes they must not repeat).
  Registry registry = read_registry(*db, context);
  const std::string name(to_name(table));
  std::int64_t next = 0;
  {
    SqliteStatement query(*db, "SELECT next_id FROM " + quote_identifier(kNextIdsTable) + " WHERE \"table\" = ?1");
    query.bind_static(1, name);
    if (query.step() && query.type(0) == SQLITE_INTEGER) next = query.integer(0);
  }
  const auto first = static_cast<std::int64_t>(detail::entities_of<T>(registry).next_id().value());
  if (next < first) next = first;
  const auto limit = static_cast<std::int64_t>(std::numeric_limits<typename IdT::value_type>::max());
  if (next + static_cast<std::int64_t>(values.size()) > limit) {
    throw ParseError("sqlite_store.sql", "too many " + name, Location::in_file(db->source()),
                     "the ids would pass " + std::to_string(limit));
  }
  ProblemList problems;
  for (std::size_t i = 0; i < values.size(); ++i) {
    try {
      registry.add(values[i]);
    } catch (const Error& e) {
      Location where = e.where();
      where.file = db->source();
      where.entity = "appended " + std::string(kind_name<T>()) + " " + std::to_string(i) +
                     (e.where().entity.empty() ? "" : " (" + e.where().entity + ")");
      problems.add(e, where);
    }
  }
  problems.throw_if_any(db->source());
  for (const TableSchema& schema : registry_tables()) {
    if (schema.table() == table || schema.owner() == table) insert_rows(*db, registry, schema, first, next - first);
  }
  const auto count = static_cast<std::int64_t>(values.size());
  set_next_id(*db, name, next + count);
  transaction.commit();
  std::vector<IdT> ids;
  for (std::int64_t i = 0; i < count; ++i) ids.push_back(IdT(static_cast<typename IdT::value_type>(next + i)));
  return ids;
}

/// What every appended log may reference.
const std::vector<Table> kReferenced = {Table::Organizations, Table::Members, Table::Households};

/// Removes @p path and the files SQLite keeps beside it, ignoring errors.
void remove_store_files(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ignored);
}

/// Flushes @p path's data (and, for a directory, its entries) to the disk.
void sync_path(const std::filesystem::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  if (fd < 0) io_error(path, "cannot write SQLite store", std::strerror(errno));
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) io_error(path, "cannot write SQLite store", std::strerror(error));
}

/// A first save: the store is written into a temporary file beside @p path with no journal
/// (nothing to roll back to, and half the writes of a logged transaction), switched to WAL,
/// synced and renamed into place without replacing anything, so @p path appears complete or not
/// at all. False, with nothing left behind, when a store appeared at @p path meanwhile.
bool save_new_store(const Registry& registry, const std::filesystem::path& path) {
  static std::atomic<unsigned> saves{0};  // a temporary of its own per process and call
  std::filesystem::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(saves++);
  try {
    {
      SqliteDatabase db(temporary, true);
      db.execute("PRAGMA journal_mode = OFF");
      db.execute("PRAGMA synchronous = OFF");
      db.execute("PRAGMA cache_size = -65536");
      SqliteTransaction transaction(db, true);
      write_registry(db, registry);
      transaction.commit();
      use_wal(db);  // recorded in the file's header: every later opener writes through the log
    }
    sync_path(temporary, false);
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
      const int error = errno;
      if (error == EEXIST) {
        remove_store_files(temporary);
        return false;
      }
      io_error(path, "cannot write SQLite store", std::strerror(error));
    }
    std::filesystem::path directory = path.parent_path();
    sync_path(directory.empty() ? std::filesystem::path(".") : directory, true);
  } catch (const ParseError& e) {
    remove_store_files(temporary);
    if (e.where().file != temporary.string()) throw;
    throw ParseError(e.code(), e.summary(), Location::in_file(path.string()), e.why());  // name the user's file
  } catch (...) {
    remove_store_files(temporary);
    throw;
  }
  return true;
}

}  // namespace

void save_registry_sqlite(const Registry& registry, const std::filesystem::path& path) {
  bool existed = check_path(path, false);
  if (!existed) {
    if (save_new_store(registry, path)) return;
    existed = check_path(path, false);  // another process created it meanwhile: check what it is
  }
  try {
    SqliteDatabase db(path, true);
    if (db.read_only()) io_error(path, "cannot write SQLite store", "the file is read-only");
    store_version(db, true);
    use_wal(db);
    {
      SqliteTransaction transaction(db, true);
      store_version(db, true);  // another process may have written meanwhile
      write_registry(db, registry);
      transaction.commit();
    }
    // Moves the committed log into the database file and empties it (best effort: a reader
    // may hold it; the next checkpoint does it then).
    sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  } catch (...) {
    if (!existed) remove_store_files(path);  // a failed first save leaves no file behind
    throw;
  }
}

Registry load_registry_sqlite(const std::filesystem::path& path) {
  auto db = open_store(path);
  SqliteTransaction transaction(*db, false);  // one snapshot, whatever writers do meanwhile
  Registry registry = read_registry(*db, all_tables());
  transaction.commit();
  return registry;
}

int sqlite_store_version(const std::filesystem::path& path) {
  check_path(path, true);
  SqliteDatabase db(path, false);
  return store_version(db, false);
}

std::vector<ContactId> append_contacts(const std::filesystem::path& path, std::span<const Contact> contacts) {
  return append(path, contacts, Table::Contacts, kReferenced);
}

std::vector<AppealId> append_appeals(const std::filesystem::path& path, std::span<const Appeal> appeals) {
  std::vector<Table> context = kReferenced;
  context.push_back(Table::Appeals);
  context.push_back(Table::AppealHistory);
  return append(path, appeals, Table::Appeals, context);
}

std::vector<SurveyResponseId> append_survey_responses(const std::filesystem::path& path,
                                                      std::span<const SurveyResponse> responses) {
  return append(path, responses, Table::SurveyResponses, kReferenced);
}

}  // namespace massline::io
