#pragma once
// Private to massline::store: a thin owner of a SQLite connection and its statements, turning
// every SQLite failure into a located massline ParseError (the store's codes, docs/formats.md).

#include <massline/core/error.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace massline::io::detail {

class SqliteDatabase;

/// One prepared statement; reset and rebound for every row.
class SqliteStatement {
 public:
  SqliteStatement(SqliteDatabase& db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_null(int index);
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  /// @p text must stay alive until the statement is reset.
  void bind_static(int index, std::string_view text);
  void bind_copy(int index, std::string_view text);
  /// Runs one step: true while a row is available, false when done.
  bool step();
  /// Steps to the end (statements without result rows).
  void run();
  /// Ready to run again. The bindings are kept (clearing them cost as much as binding): bind
  /// every parameter anew, as a text bound with bind_static may be gone.
  void reset();

  [[nodiscard]] int columns() const;
  [[nodiscard]] std::string_view column_name(int column) const;
  /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  [[nodiscard]] int type(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] double real(int column) const;
  /// Valid until the next step or reset.
  [[nodiscard]] std::string_view text(int column) const;

 private:
  SqliteDatabase& db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// An open connection. Every failure throws ParseError located at the file: "sqlite_store.format"
/// (not a database), "sqlite_store.corrupt" (damaged), "sqlite_store.io" (cannot open, read or
/// write), "sqlite_store.sql" (anything else, with SQLite's message).
class SqliteDatabase {
 public:
  /// Opens @p path (created only when @p create). Read-write when the file allows it.
  SqliteDatabase(const std::filesystem::path& path, bool create);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs @p sql (one or more statements without results).
  void execute(std::string_view sql);
  /// The integer of a one-value query such as "PRAGMA user_version".
  [[nodiscard]] std::int64_t query_integer(std::string_view sql);
  [[nodiscard]] bool read_only() const;
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

  /// Throws the ParseError for SQLite result @p rc (see the class comment); @p doing says what
  /// was being done.
  [[noreturn]] void fail(int rc, std::string_view doing) const;

 private:
  sqlite3* db_ = nullptr;
  std::string source_;
};

/// A transaction: BEGIN IMMEDIATE (writers) or BEGIN (a consistent snapshot for readers);
/// rolled back unless commit() was called.
class SqliteTransaction {
 public:
  SqliteTransaction(SqliteDatabase& db, bool write);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDatabase& db_;
  bool open_ = true;
};

/// @p name quoted as an SQL identifier ("name", quotes doubled).
[[nodiscard]] std::string quote_identifier(std::string_view name);

}  // namespace massline::io::detail
