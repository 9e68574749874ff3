#include "sqlite_db.hpp"

#include <sqlite3.h>


namespace massline::io::detail {
namespace {

/// How long a writer waits for another writer's transaction before giving up.
constexpr int kBusyTimeoutMs = 10000;

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// ---- database -------------------------------------------------------------------------------------

SqliteDatabase::SqliteDatabase(const std::filesystem::path& path, bool create) : source_(path.string()) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX |
                    SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(source_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw ParseError("sqlite_store.io", "cannot open SQLite store", Location::in_file(source_), why);
  }
  // A store is data, not code: no triggers or views calling functions with side effects, no
  // writes to the schema table through SQL (a hostile file cannot run anything on open).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

void SqliteDatabase::fail(int rc, std::string_view doing) const {
  const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const std::string why = std::string(doing) + ": " + message;
  const Location where = Location::in_file(source_);
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
      throw ParseError("sqlite_store.format", "not a SQLite database", where, why);
    case SQLITE_CORRUPT:
      throw ParseError("sqlite_store.corrupt", "damaged SQLite store", where,
                       why + " (the file was truncated or changed outside SQLite)");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_FULL:
      throw ParseError("sqlite_store.io", "cannot read or write SQLite store", where, why);
    default:
      throw ParseError("sqlite_store.sql", "SQLite failed", where, why);
  }
}

void SqliteDatabase::execute(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // sqlite3_errmsg says the same
  if (rc != SQLITE_OK) fail(rc, "running " + text.substr(0, 60));
}

std::int64_t SqliteDatabase::query_integer(std::string_view sql) {
  SqliteStatement statement(*this, sql);
  if (!statement.step()) fail(SQLITE_ERROR, "no result from " + std::string(sql));
  return statement.integer(0);
}

bool SqliteDatabase::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

// ---- statements -----------------------------------------------------------------------------------

SqliteStatement::SqliteStatement(SqliteDatabase& db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "preparing " + std::string(sql.substr(0, 80)));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::bind_null(int index) {
  if (const int rc = sqlite3_bind_null(statement_, index); rc != SQLITE_OK) db_.fail(rc, "binding");
}
void SqliteStatement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(statement_, index, value); rc != SQLITE_OK) db_.fail(rc, "binding");
}
void SqliteStatement::bind(int index, double value) {
  if (const int rc = sqlite3_bind_double(statement_, index, value); rc != SQLITE_OK) db_.fail(rc, "binding");
}
void SqliteStatement::bind_static(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc, "binding");
}
void SqliteStatement::bind_copy(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc, "binding");
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, "running " + std::string(std::string_view(sqlite3_sql(statement_)).substr(0, 80)));
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);  // its result repeats the last step's, already reported
}

int SqliteStatement::columns() const { return sqlite3_column_count(statement_); }
std::string_view SqliteStatement::column_name(int column) const { return sqlite3_column_name(statement_, column); }
int SqliteStatement::type(int column) const { return sqlite3_column_type(statement_, column); }
std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(statement_, column); }
double SqliteStatement::real(int column) const { return sqlite3_column_double(statement_, column); }
std::string_view SqliteStatement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  const int size = sqlite3_column_bytes(statement_, column);
  return data == nullptr ? std::string_view() : std::string_view(data, static_cast<std::size_t>(size));
}

// ---- transactions ---------------------------------------------------------------------------------

SqliteTransaction::SqliteTransaction(SqliteDatabase& db, bool write) : db_(db) {
  db.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.execute("COMMIT");
  open_ = false;
}

}  // namespace massline::io::detail
