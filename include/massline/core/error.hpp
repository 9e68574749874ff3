#pragma once
/// @file
/// The error hierarchy. Every error says what went wrong, where (file, row, column,
/// entity, field) and why, and carries a stable code such as "integrity.dangling".

#include <massline/core/utf8.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace massline {

#if defined(__cpp_lib_source_location)
/// Where a call came from: std::source_location where the standard library provides it.
using SourceLocation = std::source_location;
#else
/// Where a call came from. Stand-in for std::source_location where the library lacks it
/// (libstdc++ 12 hides it from clang 14, which has no __builtin_source_location); the
/// __builtin_FILE/FUNCTION/LINE default arguments are evaluated at the outermost call site.
class SourceLocation {
 public:
  [[nodiscard]] static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                                        const char* function = __builtin_FUNCTION(),
                                                        unsigned line = __builtin_LINE()) noexcept {
    SourceLocation here;
    here.file_ = file;
    here.function_ = function;
    here.line_ = line;
    return here;
  }
  [[nodiscard]] constexpr const char* file_name() const noexcept { return file_; }
  [[nodiscard]] constexpr const char* function_name() const noexcept { return function_; }
  [[nodiscard]] constexpr unsigned line() const noexcept { return line_; }
  [[nodiscard]] constexpr unsigned column() const noexcept { return 0; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  unsigned line_ = 0;
};
#endif

/// Where a problem was found. Every part is optional; empty parts are left out of messages.
struct Location {
  std::string file;                ///< input file, if the problem came from one
  std::optional<std::size_t> row;  ///< 1-based data row in that file
  std::string column;              ///< column or field name in the file
  std::string entity;              ///< e.g. "household 12" or "organization code Q-03"
  std::string field;               ///< member of the entity, e.g. "parent"

  /// "file.csv row 4 column 'level', household 12 field 'unit'" (only the parts present).
  [[nodiscard]] std::string to_string() const {
    std::string out;
    auto add = [&out](std::string_view piece) {
      if (piece.empty()) return;
      if (!out.empty()) out += ' ';
      out += piece;
    };
    add(file);
    if (row) add("row " + std::to_string(*row));
    if (!column.empty()) add("column '" + column + "'");
    if (!entity.empty()) {  // ", " (not " , ") between the file part and the entity
      if (!out.empty()) out += ", ";
      out += entity;
    }
    if (!field.empty()) add("field '" + field + "'");
    return out;
  }
  /// Location of an entity (and one of its fields): Location::of("household 3", "unit").
  [[nodiscard]] static Location of(std::string entity, std::string field = {}) {
    Location where;
    where.entity = std::move(entity);
    where.field = std::move(field);
    return where;
  }
  /// Location in an input file.
  [[nodiscard]] static Location in_file(std::string file, std::optional<std::size_t> row = {}, std::string column = {}) {
    Location where;
    where.file = std::move(file);
    where.row = row;
    where.column = std::move(column);
    return where;
  }
  [[nodiscard]] bool empty() const {
    return file.empty() && !row && column.empty() && entity.empty() && field.empty();
  }
};

/// Root of every exception massline throws.
class Error : public std::runtime_error {
 public:
  /// @param code stable identifier ("integrity.cycle"); @param what short summary;
  /// @param where location of the problem; @param why the rule that was broken.
  /// Every part is made valid UTF-8 (bad bytes become "\xNN"): parts often quote input
  /// files, and a message that cannot be decoded is no message at all (Python decodes it).
  Error(std::string code, std::string what, Location where, std::string why)
      : Error(Parts{utf8_escaped(code), utf8_escaped(what), valid(std::move(where)), utf8_escaped(why)}) {}

  [[nodiscard]] const std::string& code() const noexcept { return code_; }
  [[nodiscard]] const std::string& summary() const noexcept { return summary_; }
  [[nodiscard]] const Location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& why() const noexcept { return why_; }

 private:
  struct Parts {
    std::string code, what;
    Location where;
    std::string why;
  };
  explicit Error(Parts parts)
      : std::runtime_error(format(parts.code, parts.what, parts.where, parts.why)),
        code_(std::move(parts.code)),
        summary_(std::move(parts.what)),
        where_(std::move(parts.where)),
        why_(std::move(parts.why)) {}
  static Location valid(Location where) {
    for (std::string* part : {&where.file, &where.column, &where.entity, &where.field}) *part = utf8_escaped(*part);
    return where;
  }
  static std::string format(const std::string& code, const std::string& what,
                            const Location& where, const std::string& why) {
    std::string msg = "[massline." + code + "] " + what;
    if (!where.empty()) msg += " (at " + where.to_string() + ")";
    if (!why.empty()) msg += ": " + why;
    return msg;
  }
  std::string code_, summary_;
  Location where_;
  std::string why_;
};

/// A value is out of its domain (bad level, invalid date, negative size...). Python: ValueError.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};
/// An id or code that does not exist. Python: KeyError.
class NotFound : public Error {
 public:
  using Error::Error;
};
/// An operation would break the registry's referential integrity. Python: ValueError.
class IntegrityError : public Error {
 public:
  using Error::Error;
};
/// Malformed input file. Python: ValueError.
class ParseError : public Error {
 public:
  using Error::Error;
};
/// A numerical method did not converge or met degenerate data. Python: ArithmeticError.
class ConvergenceError : public Error {
 public:
  using Error::Error;
};
/// An object was used in the wrong state (e.g. results read before run()). Python: RuntimeError.
class StateError : public Error {
 public:
  using Error::Error;
};

/// Throws InvalidArgument(code, message) unless @p condition holds. The caller's source
/// location goes into the message's location so a failing precondition is easy to find.
inline void require(bool condition, std::string_view code, std::string_view message,
                    Location where = {},
                    SourceLocation origin = SourceLocation::current()) {
  if (condition) return;
  std::string why = "precondition checked in ";
  why += origin.function_name();
  throw InvalidArgument(std::string(code), std::string(message), std::move(where), std::move(why));
}

}  // namespace massline
