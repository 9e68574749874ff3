#include <massline/io/registry_csv.hpp>

#include "registry_assembly.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/io/detail/atomic_file.hpp>
#include <massline/io/detail/csv.hpp>
#include <massline/io/detail/read_file.hpp>
#include <massline/io/tables.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <ostream>
#include <set>
#include <span>
#include <system_error>
#include <vector>

namespace massline::io {
namespace {

using detail::kRowsPerCheck;
/// Rows read before the rest are estimated from the file's size (RegistryAssembly::expect_rows).
constexpr std::size_t kRowsToEstimate = 1024;

/// @p text as one CSV field: quoted when it holds a delimiter, quote or line break, or when it
/// is empty but not missing (so that reading tells "" from a missing value).
void write_field(std::ostream& out, std::string_view text, bool quote_empty) {
  const bool quote = (text.empty() && quote_empty) || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out << text;
    return;
  }
  out << '"';
  for (const char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_table(std::ostream& out, const Registry& registry, const TableSchema& schema,
                 const RegistryCsvOptions& options) {
  if (options.byte_order_mark) out << "\xEF\xBB\xBF";
  const auto& columns = schema.columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out << ',';
    write_field(out, options.chinese_headers ? chinese_column_label(columns[c].name) : columns[c].name, false);
  }
  out << "\r\n";
  std::size_t count = 0;
  schema.for_each_row(registry, [&](const Row& row) {
    if (++count % kRowsPerCheck == 0) throw_if_cancelled();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out << ',';
      const Cell cell = columns[c].read(row);
      const bool is_text = std::holds_alternative<std::string_view>(cell);
      write_field(out, detail::format_cell(columns[c], cell), is_text);
    }
    out << "\r\n";
  });
}

/// Reads one table file into the assembly, recording its problems.
void read_table(const std::filesystem::path& path, const TableSchema& schema, detail::RegistryAssembly& assembly,
                detail::ProblemList& problems) {
  const std::string source = path.string();
  try {
    std::ifstream in = detail::open_regular_file(path, {"registry_csv.io", "cannot read registry CSV file"});
    detail::CsvReader reader(in, source);
    detail::CsvRecord record;
    if (!reader.next(record)) {
      problems.add("registry_csv.empty", "empty file", Location::in_file(source),
                   "a table file starts with a header row of column names, even when it has no rows");
      return;
    }
    std::vector<std::string> header;
    for (const detail::CsvField& field : record.fields) header.push_back(field.text);
    const std::size_t header_row = record.row;
    const auto map = detail::map_columns(
        schema, header, true,
        [&](std::size_t i) {
          return Location::in_file(source, header_row, i < header.size() ? header[i] : std::string());
        },
        problems);
    if (!map) return;
    assembly.begin_table(schema, [source](std::size_t row, std::span<const Cell>) { return Location::in_file(source, row); });
    const auto& columns = schema.columns();
    std::vector<Cell> cells(columns.size());
    std::size_t count = 0;
    std::error_code size_error;
    const std::uintmax_t file_size = std::filesystem::file_size(path, size_error);
    const std::size_t rows_start = reader.offset();
    while (reader.next(record)) {
      if (++count % kRowsPerCheck == 0) throw_if_cancelled();
      if (count == kRowsToEstimate && !size_error && file_size > reader.offset()) {
        // The rest of the file in rows like these, and a tenth more for the variation.
        const double per_row = static_cast<double>(reader.offset() - rows_start) / static_cast<double>(count);
        assembly.expect_rows(static_cast<std::size_t>(1.1 * static_cast<double>(file_size - reader.offset()) / per_row));
      }
      bool readable = true;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!map->position[c]) {
          cells[c] = detail::absent_cell(columns[c]);
          continue;
        }
        const detail::CsvField& field = record.fields[*map->position[c]];
        if (columns[c].role == ColumnRole::Derived) {
          cells[c] = Cell{};  // read only: whatever the file says is recomputed
          continue;
        }
        try {
          cells[c] = detail::parse_cell(columns[c], field.text, field.text.empty() && !field.quoted);
        } catch (const Error& e) {
          problems.add(e, Location::in_file(source, record.row, header[*map->position[c]]));
          cells[c] = Cell{};
          readable = false;
        }
      }
      if (readable) {
        assembly.add_row(cells, record.row);
      } else if (const auto* id = std::get_if<std::int64_t>(&cells[0])) {
        assembly.skip_row(*id);
      }
    }
  } catch (const ParseError& e) {  // the reader's (encoding, quoting, ragged rows): the rest is unreadable
    problems.add(std::make_exception_ptr(e), e.what());
  }
}

}  // namespace

void save_registry_csv(const Registry& registry, const std::filesystem::path& directory,
                       const RegistryCsvOptions& options) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (!std::filesystem::is_directory(directory)) {
    throw ParseError("registry_csv.io", "cannot write registry CSV directory", Location::in_file(directory.string()),
                     error ? error.message() : "it exists and is not a directory");
  }
  for (const TableSchema& schema : registry_tables()) {
    detail::save_atomically(
        directory / (std::string(schema.name()) + ".csv"),
        [&](std::ostream& out) { write_table(out, registry, schema, options); }, "registry_csv.io",
        "cannot write registry CSV file");
  }
}

Registry load_registry_csv(const std::filesystem::path& directory) {
  const std::string source = directory.string();
  std::error_code error;
  const auto status = std::filesystem::status(directory, error);
  if (status.type() != std::filesystem::file_type::directory) {
    const bool absent = status.type() == std::filesystem::file_type::not_found;
    throw ParseError("registry_csv.io", "cannot read registry CSV directory", Location::in_file(source),
                     absent ? "it does not exist"
                            : (error ? error.message() : "it is not a directory (a registry JSON file ends in .json)"));
  }
  error.clear();
  detail::ProblemList problems;
  std::set<std::string> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const auto& path = it->path();
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
    if (extension != ".csv") continue;
    const std::string stem = path.stem().string();
    if (find_table(stem) == nullptr || path.extension() != ".csv") {
      problems.add("registry_csv.file", "CSV file of no table", Location::in_file(path.string()),
                   "table files are named <table>.csv after the tables of docs/formats.md");
    } else {
      files.insert(stem);
    }
  }
  if (error) {
    throw ParseError("registry_csv.io", "cannot read registry CSV directory", Location::in_file(source),
                     error.message());
  }
  if (files.empty() && problems.empty()) {
    throw ParseError("registry_csv.empty", "no registry tables in the directory", Location::in_file(source),
                     "expected files named <table>.csv, such as organizations.csv and households.csv");
  }
  detail::RegistryAssembly assembly(problems);
  for (const TableSchema& schema : registry_tables()) {  // owners before their side tables
    if (files.count(std::string(schema.name())) != 0) {
      read_table(directory / (std::string(schema.name()) + ".csv"), schema, assembly, problems);
    }
  }
  Registry registry = assembly.finish();
  problems.throw_if_any(source);
  return registry;
}

}  // namespace massline::io
