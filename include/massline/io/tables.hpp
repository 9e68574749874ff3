#pragma once
/// @file
/// The registry as tables: one description of every table, shared by everything that moves a
/// registry in or out column by column (the pandas frames now; CSV, JSON and SQLite next).
/// Each entity kind is a table with one row per live entity; each list-valued field
/// (a member's specialties, a commitment's history...) is a side table with one row per list
/// element, keyed by the owner's id and the element's position. Every column has a name, a
/// cell type, whether it may be missing, what an id refers to and the names of an enum, so a
/// file format can be written from the schema without knowing the entity types. Both
/// directions are described: Column::read takes a cell out of a registry row, and
/// TableSchema::assign puts a row of cells back into an entity. docs/formats.md lists the
/// tables and their columns.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/fwd.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace massline::io {

/// Every table of a registry: the ten entity tables in registry order, each followed by the
/// side tables of its list fields.
enum class Table : std::uint8_t {
  Organizations,
  Members,
  MemberSpecialties,
  Households,
  Pairings,
  Commitments,
  CommitmentMembers,
  CommitmentHistory,
  CommitmentEvidence,
  ServicePosts,
  ServicePostDuties,
  Contacts,
  ContactReports,
  Appeals,
  AppealHistory,
  SurveyResponses,
  SurveyItems,
  Activities,
  ActivityAttendees,
};
/// Table names, as file names and frame names use them.
constexpr std::array<std::string_view, 19> enum_names(Table) {
  return {"organizations",      "members",           "member_specialties", "households",
          "pairings",           "commitments",       "commitment_members", "commitment_history",
          "commitment_evidence", "service_posts",    "service_post_duties", "contacts",
          "contact_reports",    "appeals",           "appeal_history",     "survey_responses",
          "survey_items",       "activities",        "activity_attendees"};
}

/// What a column holds; it fixes which alternative of Cell its values use.
enum class CellType : std::uint8_t {
  Id,       ///< std::int64_t: the number of an id of a table in Column::references
  Integer,  ///< std::int64_t
  Real,     ///< double
  Boolean,  ///< bool
  Text,     ///< std::string_view, UTF-8
  Date,     ///< Date
  Enum,     ///< std::int64_t: index into Column::names
  Flags,    ///< std::int64_t: bit i set = Column::names[i] is in the set
};
/// Cell type names, for files and Python.
constexpr std::array<std::string_view, 8> enum_names(CellType) {
  return {"id", "integer", "real", "boolean", "text", "date", "enum", "flags"};
}

/// How a column relates to the entity behind the row.
enum class ColumnRole : std::uint8_t {
  Key,      ///< names the row: an entity's id; a side-table row's owner id and position
  Field,    ///< a stored field: read from the entity and written back by TableSchema::assign
  Derived,  ///< computed from stored fields (a commitment's status from its history): read only
};
/// Column role names.
constexpr std::array<std::string_view, 3> enum_names(ColumnRole) { return {"key", "field", "derived"}; }

/// One value of a table. std::monostate is a missing value (nullable columns only). A Text
/// cell views a string owned elsewhere: the registry's when read (valid until the registry
/// changes), the caller's when assigned.
using Cell = std::variant<std::monostate, std::int64_t, double, bool, std::string_view, Date>;

/// An entity of any kind, as a row of a table reads it.
using EntityRef = std::variant<const Organization*, const Member*, const Household*, const Pairing*,
                               const Commitment*, const ServicePost*, const Contact*, const Appeal*,
                               const SurveyResponse*, const Activity*>;
/// An entity of any kind, as TableSchema::assign writes it.
using MutableEntityRef = std::variant<Organization*, Member*, Household*, Pairing*, Commitment*, ServicePost*,
                                      Contact*, Appeal*, SurveyResponse*, Activity*>;

/// One row: an entity (entity tables), or element `position` of its list (side tables).
/// Rows point into the registry and are valid until it changes.
struct Row {
  EntityRef entity;
  std::size_t position = 0;
};

/// One column of a table.
struct Column {
  std::string name;
  CellType type = CellType::Integer;
  ColumnRole role = ColumnRole::Field;
  bool nullable = false;  ///< cells may be missing (optional fields, an item's score)
  /// Id columns: the table the id refers to. Two tables when the field holds an id of either
  /// kind (a pairing's source); the Enum column just before, named "<name>_kind" with the
  /// tables' entity kinds as names, says which one.
  std::vector<Table> references;
  std::vector<std::string_view> names;  ///< Enum and Flags: the names, in code (bit) order
  bool ordered = false;                 ///< Enum: the names are in increasing order (levels)
  /// Personal data (a name, an address, a phone or an ID number; docs/model.md): exports can
  /// pseudonymise it, and a file may leave the column out (its cells are then the empty text),
  /// as files written before the personal fields existed do.
  bool personal = false;
  std::function<Cell(const Row&)> read;  ///< the cell of @p row (a row of this column's table)
};

/// One table: its columns and how its rows are found in, and written back to, a registry.
class TableSchema {
 public:
  /// How the table reaches a registry; supplied by the definitions in tables.cpp.
  struct Access {
    std::function<std::size_t(const Registry&)> row_count;
    std::function<void(const Registry&, const std::function<void(const Row&)>&)> for_each_row;
    std::function<void(MutableEntityRef, std::span<const Cell>)> assign;
  };

  TableSchema(Table table, std::optional<Table> owner, std::string_view list_field, std::vector<Column> columns,
              Access access);

  [[nodiscard]] Table table() const noexcept { return table_; }
  [[nodiscard]] std::string_view name() const noexcept { return to_name(table_); }
  /// Side tables: the entity table whose list field this is; none for entity tables.
  [[nodiscard]] std::optional<Table> owner() const noexcept { return owner_; }
  /// Side tables: the owner's list field ("specialties"); empty for entity tables.
  [[nodiscard]] std::string_view list_field() const noexcept { return list_field_; }
  [[nodiscard]] bool is_side_table() const noexcept { return owner_.has_value(); }
  [[nodiscard]] const std::vector<Column>& columns() const noexcept { return columns_; }
  /// The column named @p name, or nullptr.
  [[nodiscard]] const Column* find(std::string_view name) const noexcept;

  /// Rows of the table in @p registry: live entities, or the elements of their lists.
  [[nodiscard]] std::size_t row_count(const Registry& registry) const;
  /// Calls @p visit for every row, in id order (side tables: by owner id, then position).
  void for_each_row(const Registry& registry, const std::function<void(const Row&)>& visit) const;
  /// Every cell of @p row, in column order.
  [[nodiscard]] std::vector<Cell> read(const Row& row) const;

  /// The write direction: sets @p target from one row of @p cells, one per column in column
  /// order. Entity tables: @p target is the entity, its id and fields are set. Side tables:
  /// @p target is the owner (found by the caller from the owner column) and the element at
  /// the row's position is replaced, or appended when the position is the list's length.
  /// Derived columns are not written (their cells may be anything). All or nothing: on error
  /// @p target is unchanged. Throws InvalidArgument "tables.row" (wrong number of cells or
  /// wrong kind of target), "tables.cell" (a cell of the wrong type, missing where the column
  /// is not nullable, or out of the field's range; located by table and column) and
  /// "tables.position" (a position past the end of the list).
  void assign(MutableEntityRef target, std::span<const Cell> cells) const;

 private:
  Table table_;
  std::optional<Table> owner_;
  std::string_view list_field_;
  std::vector<Column> columns_;
  Access access_;
};

/// Every table, in the order of Table.
[[nodiscard]] const std::vector<TableSchema>& registry_tables();
/// The schema of @p table.
[[nodiscard]] const TableSchema& table_schema(Table table);
/// The table named @p name, or nullptr.
[[nodiscard]] const TableSchema* find_table(std::string_view name);

}  // namespace massline::io
