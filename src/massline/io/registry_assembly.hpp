#pragma once
// Private to the compiled library: what the registry JSON file and the registry CSV directory
// share. Both read tables of named columns; both turn a header into a map onto the schema's
// columns, text into cells, and rows of cells into a fresh Registry with the saved ids, and
// both collect every problem with its place before throwing them together.

#include <massline/core/error.hpp>
#include <massline/io/tables.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massline::io::detail {

/// Rows read between checks for cancellation (Ctrl-C from Python), by every registry reader.
inline constexpr std::size_t kRowsPerCheck = 4096;
/// Problems stored in full; more are counted but not kept (a file of a million bad rows must
/// not need memory for a million messages).
inline constexpr std::size_t kMaxKeptProblems = 1000;
/// Problems listed in the message of the combined error.
inline constexpr std::size_t kMaxListedProblems = 20;

/// Every problem of one import, each an Error with its place.
class ProblemList {
 public:
  /// Keeps @p error as thrown (its dynamic type is kept).
  void add(std::exception_ptr error, std::string message);
  /// Keeps @p error with its location replaced by @p where (same type, code, summary, why).
  void add(const Error& error, const Location& where);
  /// A new problem of type ParseError.
  void add(std::string code, std::string what, const Location& where, std::string why);

  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  /// Nothing when empty; the problem itself when there is one; otherwise ParseError
  /// "registry_file.problems" at @p source listing the first kMaxListedProblems and the count.
  void throw_if_any(const std::string& source) const;

 private:
  std::vector<std::exception_ptr> errors_;
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
};

/// Where each column of a table's schema is in a file's header (nullopt: absent).
struct ColumnMap {
  std::vector<std::optional<std::size_t>> position;  ///< by schema column
  std::size_t width = 0;                             ///< fields of the header
};

/// Maps @p header (column names as written; English, or Chinese labels when @p labels) onto
/// @p schema. Problems: an unknown or repeated column, a missing column that is not nullable
/// (derived and personal columns may be missing; key and field columns may not unless nullable).
/// @p where_of gives the place of header field i. Returns nullopt after recording problems.
[[nodiscard]] std::optional<ColumnMap> map_columns(const TableSchema& schema, std::span<const std::string> header,
                                                   bool labels, const std::function<Location(std::size_t)>& where_of,
                                                   ProblemList& problems);

/// The cell of a column a file leaves out: the empty text for a personal column, else missing
/// (map_columns lets only nullable, derived and personal columns be left out).
[[nodiscard]] Cell absent_cell(const Column& column);

/// The cell of @p column written as @p text: ISO dates, true/false, enum names, flags as names
/// joined by '|', decimal numbers. @p missing: the field is empty and not quoted, which is a
/// missing value (for text columns only if nullable; otherwise the empty text). Throws
/// InvalidArgument "registry_file.cell" without a location.
[[nodiscard]] Cell parse_cell(const Column& column, std::string_view text, bool missing);
/// @p cell of @p column as text (the inverse of parse_cell); missing values are empty.
[[nodiscard]] std::string format_cell(const Column& column, const Cell& cell);

/// The place of a row, built only when a problem in it is reported (a Location kept for each of
/// millions of staged rows was most of a large import's allocations and much of its memory).
/// @p row is the number the reader gave with the row; @p cells are the row's cells or, for an
/// entity row reported after it was staged, its id alone (a reader may name a row by its key).
using RowPlace = std::function<Location(std::size_t row, std::span<const Cell> cells)>;

/// Rows of cells in, a Registry with the saved ids out. Entity rows are staged by id; side-table
/// rows are added to their staged owner (so every entity table comes before its side tables);
/// finish() adds the staged entities to a fresh Registry in registry order, each at its saved
/// id (Registry::skip_ids), and records every problem instead of stopping at the first.
class RegistryAssembly {
 public:
  explicit RegistryAssembly(ProblemList& problems);
  ~RegistryAssembly();
  RegistryAssembly(const RegistryAssembly&) = delete;
  RegistryAssembly& operator=(const RegistryAssembly&) = delete;

  /// Starts the rows of @p schema: add_row and skip_row then belong to it, and @p place names
  /// their places in problems (also in those finish() finds).
  void begin_table(const TableSchema& schema, RowPlace place);
  /// A hint: about @p rows more rows of the current table are coming, so that storage for them
  /// is reserved at once rather than grown (and copied) step by step.
  void expect_rows(std::size_t rows);
  /// One row of the current table, its cells in schema column order; @p row is its number for
  /// the table's RowPlace.
  void add_row(std::span<const Cell> cells, std::size_t row);
  /// A row of the current table that could not be read. For an entity table whose id could be
  /// read (@p id), rows of its side tables are then dropped silently: the owner's own problem is
  /// recorded, and one "missing owner" per list element would only bury it.
  void skip_row(std::optional<std::int64_t> id);
  /// The saved next id of an entity table (ids up to it that hold no entity stay unused).
  void set_next_id(Table table, std::int64_t next, const Location& where);
  /// The registry, or an empty one when problems were found (the caller throws them).
  [[nodiscard]] Registry finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace massline::io::detail
