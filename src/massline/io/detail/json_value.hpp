#pragma once
// Private to the compiled library: the JSON document type of massline's file formats and the
// strict reader and layout writer of <massline/io/detail/json.hpp> working on it. nlohmann-json
// is a build-only dependency, so no installed header may include this one.

#include <massline/io/detail/json.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace massline::io::detail {

/// A JSON document; ordered so that written files keep their keys in the order set.
using Json = nlohmann::ordered_json;

/// Parses @p text, refusing repeated keys. Errors as reformat_json (ParseError "<format>.encoding",
/// ".syntax", ".number", ".limit", ".key"), located in @p source.
[[nodiscard]] Json parse_json(std::string_view text, const std::string& source, std::string_view format);

/// @p value in massline's layout: @p indent spaces per level and a final newline, arrays of
/// plain values (weights, matrix rows) on one line; negative @p indent = one line, no newline.
/// Numbers are written in the shortest form that reads back to the same double.
[[nodiscard]] std::string write_json(const Json& value, int indent);

}  // namespace massline::io::detail
