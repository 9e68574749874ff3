#include <massline/io/registry_json.hpp>

#include "detail/json_value.hpp"
#include "registry_assembly.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/io/detail/atomic_file.hpp>
#include <massline/io/detail/read_file.hpp>
#include <massline/io/tables.hpp>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace massline::io {
namespace {

using detail::Json;

using detail::kRowsPerCheck;

Json json_of(const Column& column, const Cell& cell) {
  return std::visit(
      [&column](const auto& value) -> Json {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          if (column.type == CellType::Enum || column.type == CellType::Flags) return detail::format_cell(column, value);
          return value;
        } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, bool>) {
          return value;
        } else if constexpr (std::is_same_v<V, std::string_view>) {
          return std::string(value);
        } else {
          return to_iso(value);
        }
      },
      cell);
}

/// Reads one document into an assembly, recording every problem.
class RegistryJsonReader {
 public:
  RegistryJsonReader(std::string source, detail::ProblemList& problems) : source_(std::move(source)), problems_(problems) {}

  Registry read(const Json& doc) {
    if (!doc.is_object()) format_error("", "the document is not an object");
    const auto format = doc.find("format");
    if (format == doc.end() || !format->is_string() || format->get<std::string>() != kRegistryJsonFormat) {
      format_error("/format", "not a registry file: expected \"format\": \"" + std::string(kRegistryJsonFormat) + "\"");
    }
    const auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer() || version->get<std::int64_t>() != kRegistryJsonVersion) {
      format_error("/version", "expected \"version\": " + std::to_string(kRegistryJsonVersion) +
                                   " (files of a later massline need that version)");
    }
    for (const auto& [key, value] : doc.items()) {
      if (key != "format" && key != "version" && key != "tables") {
        format_error("/" + detail::json_pointer_segment(key), "unknown key '" + key + "'");
      }
    }
    const auto tables = doc.find("tables");
    if (tables == doc.end() || !tables->is_object()) format_error("/tables", "expected an object of tables");
    for (const auto& [key, value] : tables->items()) {
      if (find_table(key) == nullptr) {
        format_error("/tables/" + detail::json_pointer_segment(key), "unknown table '" + key + "'");
      }
    }
    detail::RegistryAssembly assembly(problems_);
    for (const TableSchema& schema : registry_tables()) {  // owners before their side tables
      const auto table = tables->find(std::string(schema.name()));
      if (table != tables->end()) read_table(schema, *table, assembly);
    }
    return assembly.finish();
  }

 private:
  [[noreturn]] void format_error(const std::string& pointer, const std::string& why) const {
    Location where = Location::in_file(source_);
    where.field = pointer;
    throw ParseError("registry_json.format", "not a registry JSON file of this version", where, why);
  }

  void read_table(const TableSchema& schema, const Json& table, detail::RegistryAssembly& assembly) {
    const std::string at = "/tables/" + std::string(schema.name());
    if (!table.is_object()) format_error(at, "a table is an object with \"columns\" and \"rows\"");
    for (const auto& [key, value] : table.items()) {
      if (key != "columns" && key != "rows" && !(key == "next_id" && !schema.is_side_table())) {
        format_error(at + "/" + detail::json_pointer_segment(key), "unknown key '" + key + "'");
      }
    }
    const auto columns = table.find("columns");
    const auto rows = table.find("rows");
    if (columns == table.end() || !columns->is_array()) format_error(at + "/columns", "expected an array of names");
    if (rows == table.end() || !rows->is_array()) format_error(at + "/rows", "expected an array of rows");
    std::vector<std::string> header;
    for (const Json& name : *columns) {
      if (!name.is_string()) format_error(at + "/columns", "column names are strings");
      header.push_back(name.get<std::string>());
    }
    const auto map = detail::map_columns(schema, header, false, [&](std::size_t i) {
      Location where = Location::in_file(source_, std::nullopt, i < header.size() ? header[i] : std::string());
      where.field = at + "/columns/" + std::to_string(i);
      return where;
    }, problems_);
    if (!map) return;
    if (const auto next = table.find("next_id"); next != table.end()) {
      Location where = Location::in_file(source_);
      where.field = at + "/next_id";
      if (!next->is_number_integer()) {
        problems_.add("registry_file.next_id", "next id is not a whole number", where, "");
      } else {
        assembly.set_next_id(schema.table(), next->get<std::int64_t>(), where);
      }
    }
    // Rows are numbered from 1; the pointer names the row's place in the document.
    const auto place = [source = source_, at](std::size_t row, std::span<const Cell>) {
      Location where = Location::in_file(source, row);
      where.field = at + "/rows/" + std::to_string(row - 1);
      return where;
    };
    assembly.begin_table(schema, place);
    const auto& described = schema.columns();
    std::vector<Cell> cells(described.size());
    std::size_t index = 0;
    for (const Json& row : *rows) {
      if (++index % kRowsPerCheck == 0) throw_if_cancelled();
      if (!row.is_array() || row.size() != map->width) {
        problems_.add("registry_file.row", "row of the wrong shape", place(index, {}),
                      "expected an array of " + std::to_string(map->width) + " values, one per column");
        continue;
      }
      bool readable = true;
      for (std::size_t c = 0; c < described.size(); ++c) {
        if (!map->position[c] || described[c].role == ColumnRole::Derived) {  // derived: recomputed
          cells[c] = map->position[c] ? Cell{} : detail::absent_cell(described[c]);
          continue;
        }
        const Json& value = row[*map->position[c]];
        try {
          cells[c] = cell_of(described[c], value);
        } catch (const Error& e) {
          Location at_cell = place(index, {});
          at_cell.column = described[c].name;
          at_cell.field += "/" + std::to_string(*map->position[c]);
          problems_.add(e, at_cell);
          cells[c] = Cell{};
          readable = false;
        }
      }
      if (readable) {
        assembly.add_row(cells, index);
      } else if (const auto* id = std::get_if<std::int64_t>(&cells[0])) {
        assembly.skip_row(*id);
      }
    }
  }

  /// The cell of @p value; strings are viewed in place (the document outlives the assembly).
  static Cell cell_of(const Column& column, const Json& value) {
    if (value.is_null()) return detail::parse_cell(column, "", true);
    auto wrong = [&](std::string_view wanted) -> InvalidArgument {
      return InvalidArgument("registry_file.cell", "value of the wrong type", Location{},
                             "expected " + std::string(wanted) + " for a column of type " +
                                 std::string(to_name(column.type)) + ", got " + value.type_name());
    };
    switch (column.type) {
      case CellType::Id:
      case CellType::Integer:
        if (value.is_number_unsigned()) {
          const auto number = value.get<std::uint64_t>();
          if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) throw wrong("a 64-bit integer");
          return static_cast<std::int64_t>(number);
        }
        if (value.is_number_integer()) return value.get<std::int64_t>();
        throw wrong("a whole number");
      case CellType::Real:
        if (!value.is_number()) throw wrong("a number");
        return value.get<double>();
      case CellType::Boolean:
        if (!value.is_boolean()) throw wrong("true or false");
        return value.get<bool>();
      case CellType::Text:
      case CellType::Date:
      case CellType::Enum:
      case CellType::Flags:
        if (!value.is_string()) throw wrong("a string");
        return detail::parse_cell(column, value.get_ref<const std::string&>(), false);
    }
    throw wrong("a value");
  }

  std::string source_;
  detail::ProblemList& problems_;
};

std::size_t next_id_of(const Registry& r, Table table) {
  switch (table) {
    case Table::Organizations: return r.organizations().capacity_ids();
    case Table::Members: return r.members().capacity_ids();
    case Table::Households: return r.households().capacity_ids();
    case Table::Pairings: return r.pairings().capacity_ids();
    case Table::Commitments: return r.commitments().capacity_ids();
    case Table::ServicePosts: return r.service_posts().capacity_ids();
    case Table::Contacts: return r.contacts().capacity_ids();
    case Table::Appeals: return r.appeals().capacity_ids();
    case Table::SurveyResponses: return r.survey_responses().capacity_ids();
    case Table::Activities: return r.activities().capacity_ids();
    default: return 0;
  }
}

}  // namespace

std::string registry_to_json(const Registry& registry) {
  Json tables = Json::object();
  std::size_t count = 0;
  for (const TableSchema& schema : registry_tables()) {
    const auto& columns = schema.columns();
    Json table = Json::object();
    if (!schema.is_side_table()) table["next_id"] = next_id_of(registry, schema.table());
    Json names = Json::array();
    for (const Column& column : columns) {
      if (column.role != ColumnRole::Derived) names.push_back(column.name);
    }
    table["columns"] = std::move(names);
    Json rows = Json::array();
    schema.for_each_row(registry, [&](const Row& row) {
      if (++count % kRowsPerCheck == 0) throw_if_cancelled();
      Json values = Json::array();
      for (const Column& column : columns) {
        if (column.role != ColumnRole::Derived) values.push_back(json_of(column, column.read(row)));
      }
      rows.push_back(std::move(values));
    });
    table["rows"] = std::move(rows);
    tables[std::string(schema.name())] = std::move(table);
  }
  Json doc = Json::object();
  doc["format"] = kRegistryJsonFormat;
  doc["version"] = kRegistryJsonVersion;
  doc["tables"] = std::move(tables);
  return detail::write_json(doc, 2);
}

Registry registry_from_json(std::string_view text, const std::string& source) {
  const Json doc = detail::parse_json(text, source, "registry_json");
  detail::ProblemList problems;
  Registry registry = RegistryJsonReader(source, problems).read(doc);
  problems.throw_if_any(source);
  return registry;
}

void save_registry_json(const Registry& registry, const std::filesystem::path& path) {
  const std::string text = registry_to_json(registry);
  detail::save_atomically(path, text, "registry_json.io", "cannot write registry JSON file");
}

Registry load_registry_json(const std::filesystem::path& path) {
  const std::string text =
      detail::read_regular_file(path, kMaxRegistryJsonBytes, {"registry_json.io", "cannot read registry JSON file"});
  return registry_from_json(text, path.string());
}

}  // namespace massline::io
