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
/// error-code prefix: ParseError "<format>.syntax" (not JSON; location has the line as row and
/// the column) and "<format>.key" (a repeated key; location has the line and column of the
/// repeated key and its JSON pointer as field).
[[nodiscard]] std::string reformat_json(std::string_view text, const std::string& source = "<string>",
                                        std::string_view format = "json", int indent = 2);

}  // namespace massline::io::detail
