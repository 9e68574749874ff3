#pragma once
/// @file
/// The indicator-system file: an IndicatorSystem as JSON, so an appraisal scheme (指标体系)
/// can be written by hand, kept under version control and shared between C++ and Python.
/// The format is described in docs/formats.md. Reading is strict: unknown keys, wrong types,
/// unknown enumerator names and parameters that do not belong to the chosen kind are errors,
/// each located by file, line and column (syntax) or by node and JSON pointer (content).

#include <massline/scoring/indicator_system.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace massline::io {

/// Largest indicator-system text read (or written) in bytes: 128 MiB, room for
/// kMaxIndicatorNodes nodes with names of some length. Larger inputs are refused before they
/// are parsed (ParseError "indicator_file.limit"; a file: "indicator_file.io", before reading).
inline constexpr std::size_t kMaxIndicatorFileBytes = std::size_t{128} << 20;

/// Whether reading a file also runs scoring::IndicatorSystem::check() (every group has children,
/// weightings fit their children). Pickling turns it off so a half-built system round-trips.
enum class StructureCheck : std::uint8_t { Check, Skip };

/// The system as JSON text (format "massline.indicator_system", version 1), nodes in node
/// order so that leaf order (the column order of evaluate()) survives a round trip. Numbers
/// are written so they read back bit for bit. @p indent spaces per level; negative = one line.
/// Throws InvalidArgument("indicator_file.value") for a non-finite number, which JSON cannot hold.
[[nodiscard]] std::string indicator_system_to_json(const scoring::IndicatorSystem& system, int indent = 2);

/// Reads JSON text written by indicator_system_to_json or by hand. @p source names the text in
/// error locations (a file name, or "<string>"). Throws ParseError "indicator_file.syntax"
/// (not JSON; location has line and column), "indicator_file.format" (wrong format tag or
/// version), "indicator_file.encoding" (not UTF-8, with the byte offset), "indicator_file.number"
/// (a number beyond the range of a double), "indicator_file.limit" (text over
/// kMaxIndicatorFileBytes, more than kMaxIndicatorNodes nodes, JSON nested deeper than
/// detail::kMaxJsonDepth or objects with more than detail::kMaxJsonObjectKeys keys),
/// "indicator_file.key" (unknown or missing key), "indicator_file.type" (wrong JSON
/// type), "indicator_file.value" (bad value: unknown enumerator, parameter that does not apply,
/// parent not defined earlier), and the scoring::IndicatorSystem's own codes ("indicator.structure",
/// "indicator.leaf", "ahp.random_index", …) as ParseError located in the file.
[[nodiscard]] scoring::IndicatorSystem indicator_system_from_json(std::string_view text, std::string_view source = "<string>",
                                                         StructureCheck check = StructureCheck::Check);

/// Writes @p system to @p path as JSON. The file is written beside its destination and
/// renamed into place, so an existing file is either replaced whole or left untouched.
/// Throws InvalidArgument("indicator_file.value") as indicator_system_to_json,
/// InvalidArgument("indicator_file.limit") when the file would exceed kMaxIndicatorFileBytes, and
/// ParseError("indicator_file.io") when the file cannot be written.
void save_indicator_system(const scoring::IndicatorSystem& system, const std::filesystem::path& path);

/// Reads an indicator-system file (errors as indicator_system_from_json, located in
/// @p path). Throws ParseError "indicator_file.io", naming the file, when it cannot be read, is
/// not a regular file (a directory, a FIFO, /dev/zero) or has more than kMaxIndicatorFileBytes
/// bytes; all three are checked before anything is read.
[[nodiscard]] scoring::IndicatorSystem load_indicator_system(const std::filesystem::path& path);

}  // namespace massline::io
