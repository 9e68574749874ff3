#pragma once
/// @file
/// An Appraisal (<massline/io/appraisal.hpp>) as a report: one self-contained HTML file (inline
/// CSS and SVG charts, nothing fetched), a JSON document with stable keys, or a compact plain
/// text for a terminal. Labels in Chinese or English from one label table; docs/report.md
/// describes every section and key.

#include <massline/io/appraisal.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace massline::io {

/// Language of the report's labels (the data, such as unit names, is shown as stored).
enum class ReportLanguage : std::uint8_t {
  Chinese,  ///< 中文, the default
  English
};
/// "zh", "en": the names files, the command line and Python use.
constexpr std::array<std::string_view, 2> enum_names(ReportLanguage) { return {"zh", "en"}; }

/// @p text with `&`, `<`, `>`, `"` and `'` replaced by HTML character references, so it can
/// stand in element content and in quoted attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

/// The report as one self-contained UTF-8 HTML document: no scripts, no external fonts,
/// images, styles or links; every piece of data HTML-escaped.
[[nodiscard]] std::string appraisal_html(const Appraisal& appraisal, ReportLanguage language = ReportLanguage::Chinese);

/// Writes appraisal_html() to @p path atomically (a temporary file beside it, then a rename):
/// the destination is replaced whole or left as it was. Throws ParseError "report.write"
/// located at @p path with the system's reason when it cannot be written.
void write_appraisal_html(const Appraisal& appraisal, const std::filesystem::path& path,
                          ReportLanguage language = ReportLanguage::Chinese);

/// The appraisal as a JSON document (two-space indentation, keys in a fixed order, format
/// version 1; docs/report.md lists the keys). NaN estimates are written as null.
[[nodiscard]] std::string appraisal_json(const Appraisal& appraisal);

/// A compact plain-text summary for a terminal: the headline figures and the units under the
/// threshold, the lists, coverage, gaps and overdue appeals in a few lines each.
[[nodiscard]] std::string appraisal_text(const Appraisal& appraisal, ReportLanguage language = ReportLanguage::Chinese);

}  // namespace massline::io
