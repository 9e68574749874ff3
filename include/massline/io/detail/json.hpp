#pragma once
/// @file
/// The JSON rules every massline JSON file shares: strict reading (a repeated key is an error,
/// not silently the last one) with line and column in every syntax error, and one layout for
/// writing (two-space indentation, arrays of plain values on one line, numbers in the shortest
/// form that reads back to the same double). The JSON library stays private to the compiled
/// library; the file formats use its document type through a private header in src/, and this
/// header holds what needs no JSON library.

#include <cstddef>
#include <string>
#include <string_view>

namespace massline::io::detail {

/// Deepest nesting of arrays and objects a JSON reader accepts. Every massline format nests a
/// few levels; the limit keeps hostile input from exhausting the stack of code that walks the
/// document (writing, error messages) recursively.
inline constexpr std::size_t kMaxJsonDepth = 256;
/// Most keys in one JSON object. The reader keeps keys in file order, which makes inserting a
/// key linear in the keys before it; the limit keeps reading an object fast.
inline constexpr std::size_t kMaxJsonObjectKeys = 10'000;

/// A place in a text, both 1-based; the column counts bytes.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// Line and column of byte offset @p byte (0-based) in @p text; past the end gives the end.
[[nodiscard]] TextPosition text_position(std::string_view text, std::size_t byte);

/// @p key as one segment of a JSON pointer (RFC 6901): "~" becomes "~0" and "/" becomes "~1".
[[nodiscard]] std::string json_pointer_segment(std::string_view key);

/// Reads @p text strictly and writes it back in massline's layout (@p indent spaces per level;
/// negative = one line, no final newline): what `massline` files look like after a save, so a
/// hand-written file can be normalised. @p source names the text in errors; @p format is the
/// error-code prefix, and every error is a ParseError located by line (as row) and column:
/// "<format>.encoding" (a UTF-16/UTF-32 byte order mark, or bytes that are not UTF-8; the
/// message names the byte offset), "<format>.syntax" (not JSON), "<format>.number" (a number
/// beyond the range of a double, such as 1e999), "<format>.limit" (nesting deeper than
/// kMaxJsonDepth, an object with more than kMaxJsonObjectKeys keys) and "<format>.key" (a
/// repeated key; the location also has its JSON pointer as field).
[[nodiscard]] std::string reformat_json(std::string_view text, const std::string& source = "<string>",
                                        std::string_view format = "json", int indent = 2);

}  // namespace massline::io::detail
