#include <massline/io/tables.hpp>

#include "entities_of.hpp"

#include <massline/core/error.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>

namespace massline::io {
namespace {

// ---- what a C++ field type makes of a column --------------------------------------------------

template <class X>
struct OptionalOf : std::false_type {};
template <class X>
struct OptionalOf<std::optional<X>> : std::true_type {
  using type = X;
};
template <class X>
struct IsId : std::false_type {};
template <class Tag>
struct IsId<Id<Tag>> : std::true_type {};
template <class X>
struct FlagsOf : std::false_type {};
template <class E>
struct FlagsOf<Flags<E>> : std::true_type {
  using type = E;
};
template <class X>
[[maybe_unused]] inline constexpr bool kUnsupported = false;

template <class E>
inline constexpr auto kEnumNames = enum_names(E{});

template <class E>
std::vector<std::string_view> names_of() {
  return {kEnumNames<E>.begin(), kEnumNames<E>.end()};
}

constexpr std::array<std::string_view, 5> kPeriodKinds = {"year", "half_year", "quarter", "month", "custom"};

template <class IdT>
constexpr Table table_of() {
  if constexpr (std::is_same_v<IdT, OrgId>) return Table::Organizations;
  else if constexpr (std::is_same_v<IdT, MemberId>) return Table::Members;
  else if constexpr (std::is_same_v<IdT, HouseholdId>) return Table::Households;
  else if constexpr (std::is_same_v<IdT, PairingId>) return Table::Pairings;
  else if constexpr (std::is_same_v<IdT, CommitmentId>) return Table::Commitments;
  else if constexpr (std::is_same_v<IdT, ServicePostId>) return Table::ServicePosts;
  else if constexpr (std::is_same_v<IdT, ContactId>) return Table::Contacts;
  else if constexpr (std::is_same_v<IdT, AppealId>) return Table::Appeals;
  else if constexpr (std::is_same_v<IdT, SurveyResponseId>) return Table::SurveyResponses;
  else if constexpr (std::is_same_v<IdT, ActivityId>) return Table::Activities;
  else static_assert(kUnsupported<IdT>, "not an entity id");
}

/// Type, nullability, references and names of a column holding values of type X.
template <class X>
void describe(Column& column) {
  if constexpr (OptionalOf<X>::value) {
    column.nullable = true;
    describe<typename OptionalOf<X>::type>(column);
  } else if constexpr (IsId<X>::value) {
    column.type = CellType::Id;
    column.references = {table_of<X>()};
  } else if constexpr (std::is_same_v<X, std::string>) {
    column.type = CellType::Text;
  } else if constexpr (std::is_same_v<X, bool>) {
    column.type = CellType::Boolean;
  } else if constexpr (std::is_integral_v<X>) {
    column.type = CellType::Integer;
  } else if constexpr (std::is_floating_point_v<X>) {
    column.type = CellType::Real;
  } else if constexpr (std::is_same_v<X, Date>) {
    column.type = CellType::Date;
  } else if constexpr (std::is_enum_v<X>) {
    column.type = CellType::Enum;
    column.names = names_of<X>();
  } else if constexpr (FlagsOf<X>::value) {
    column.type = CellType::Flags;
    column.names = names_of<typename FlagsOf<X>::type>();
  } else {
    static_assert(kUnsupported<X>, "no cell type for this field type");
  }
}

/// The cell of a value of type X. A not-a-date reads as missing.
template <class X>
Cell to_cell(const X& value) {
  if constexpr (OptionalOf<X>::value) {
    return value ? to_cell(*value) : Cell{};
  } else if constexpr (IsId<X>::value) {
    return static_cast<std::int64_t>(value.value());
  } else if constexpr (std::is_same_v<X, std::string>) {
    return std::string_view(value);
  } else if constexpr (std::is_same_v<X, bool> || std::is_floating_point_v<X>) {
    return value;
  } else if constexpr (std::is_integral_v<X>) {
    return static_cast<std::int64_t>(value);
  } else if constexpr (std::is_same_v<X, Date>) {
    return value.is_special() ? Cell{} : Cell{value};
  } else if constexpr (std::is_enum_v<X>) {
    return static_cast<std::int64_t>(static_cast<int>(value) - first_enumerator<X>());
  } else if constexpr (FlagsOf<X>::value) {
    return static_cast<std::int64_t>(value.bits());
  } else {
    static_assert(kUnsupported<X>, "no cell type for this field type");
  }
}

// ---- the write direction: cells back to values, checked ------------------------------------------

/// A column being written, for error locations.
struct Place {
  std::string_view table;
  std::string column;

  [[noreturn]] void fail(const std::string& what, const std::string& why) const {
    throw InvalidArgument("tables.cell", what, Location::of("table " + std::string(table), column), why);
  }
};

constexpr std::array<std::string_view, 6> kCellAlternatives = {"a missing value", "an integer", "a real number",
                                                               "a boolean",       "a text",     "a date"};

template <class Alternative>
Alternative expect(const Cell& cell, const Place& at, std::string_view wanted) {
  if (const auto* value = std::get_if<Alternative>(&cell)) return *value;
  if (std::holds_alternative<std::monostate>(cell)) at.fail("missing value", "the column is not nullable");
  at.fail("cell of the wrong type",
          "expected " + std::string(wanted) + ", got " + std::string(kCellAlternatives[cell.index()]));
}

std::int64_t integer_in(const Cell& cell, const Place& at, std::int64_t low, std::int64_t high) {
  const auto value = expect<std::int64_t>(cell, at, "an integer");
  if (value < low || value > high) {
    at.fail("value out of range",
            "expected " + std::to_string(low) + " .. " + std::to_string(high) + ", got " + std::to_string(value));
  }
  return value;
}

template <class X>
X from_cell(const Cell& cell, const Place& at) {
  if constexpr (OptionalOf<X>::value) {
    if (std::holds_alternative<std::monostate>(cell)) return std::nullopt;
    return from_cell<typename OptionalOf<X>::type>(cell, at);
  } else if constexpr (IsId<X>::value) {
    return X(static_cast<typename X::value_type>(
        integer_in(cell, at, 0, std::numeric_limits<typename X::value_type>::max())));
  } else if constexpr (std::is_same_v<X, std::string>) {
    return std::string(expect<std::string_view>(cell, at, "a text"));
  } else if constexpr (std::is_same_v<X, bool>) {
    return expect<bool>(cell, at, "a boolean");
  } else if constexpr (std::is_integral_v<X>) {
    constexpr auto high = std::min<std::uintmax_t>(std::numeric_limits<X>::max(),
                                                   static_cast<std::uintmax_t>(std::numeric_limits<std::int64_t>::max()));
    return static_cast<X>(integer_in(cell, at, std::numeric_limits<X>::min(), static_cast<std::int64_t>(high)));
  } else if constexpr (std::is_floating_point_v<X>) {
    return expect<double>(cell, at, "a real number");
  } else if constexpr (std::is_same_v<X, Date>) {
    const Date day = expect<Date>(cell, at, "a date");
    if (day.is_special()) at.fail("missing value", "the column is not nullable");
    return day;
  } else if constexpr (std::is_enum_v<X>) {
    const auto code = integer_in(cell, at, 0, static_cast<std::int64_t>(kEnumNames<X>.size()) - 1);
    return static_cast<X>(static_cast<int>(code) + first_enumerator<X>());
  } else if constexpr (FlagsOf<X>::value) {
    const auto size = kEnumNames<typename FlagsOf<X>::type>.size();
    const auto bits = integer_in(cell, at, 0, (std::int64_t{1} << size) - 1);
    return X::from_bits(static_cast<std::uint32_t>(bits));
  } else {
    static_assert(kUnsupported<X>, "no cell type for this field type");
  }
}

/// The period of @p kind from @p first to @p last; the bounds must be the kind's own.
Period period_of(std::int64_t kind, Date first, Date last, const Place& at) {
  const int year = static_cast<int>(first.year());
  const int month = static_cast<int>(first.month());
  Period period = Period::year(year);
  try {
    switch (static_cast<PeriodKind>(kind)) {
      case PeriodKind::Year: break;
      case PeriodKind::HalfYear: period = Period::half_year(year, month <= 6 ? 1 : 2); break;
      case PeriodKind::Quarter: period = Period::quarter(year, (month - 1) / 3 + 1); break;
      case PeriodKind::Month: period = Period::month(year, month); break;
      case PeriodKind::Custom: period = Period(first, last); break;
    }
  } catch (const Error& e) {
    at.fail(e.summary(), e.why());
  }
  if (period.first() != first || period.last() != last) {
    at.fail("period bounds do not fit the period kind",
            "a " + std::string(kPeriodKinds[static_cast<std::size_t>(kind)]) + " period holding " + to_iso(first) +
                " runs " + to_iso(period.first()) + " .. " + to_iso(period.last()) + ", got " + to_iso(first) +
                " .. " + to_iso(last));
  }
  return period;
}

// ---- table definitions --------------------------------------------------------------------------

template <class T>
const auto& entities(const Registry& r) {
  return detail::entities_of<T>(r);
}

/// The target of an assign(), which must be the table's own kind of entity.
template <class T>
T& target_of(MutableEntityRef target, Table table) {
  T* const* entity = std::get_if<T*>(&target);
  if (entity == nullptr || *entity == nullptr) {
    throw InvalidArgument("tables.row", "wrong target for a row of table '" + std::string(to_name(table)) + "'",
                          Location::of("table " + std::string(to_name(table))),
                          "assign a row to the entity of the table (side tables: to the owner of the list)");
  }
  return **entity;
}

void check_width(Table table, std::size_t cells, std::size_t columns) {
  if (cells != columns) {
    throw InvalidArgument("tables.row", "wrong number of cells", Location::of("table " + std::string(to_name(table))),
                          "got " + std::to_string(cells) + ", the table has " + std::to_string(columns) + " columns");
  }
}

/// Rows that are entities of type T.
template <class T>
struct EntityRow {
  static const T& get(const Row& row) { return *std::get<const T*>(row.entity); }
};

/// Rows that are elements of the list @p List of an entity of type Owner.
template <class Owner, class E, std::vector<E> Owner::*List>
struct ListRow {
  static const E& get(const Row& row) { return (std::get<const Owner*>(row.entity)->*List)[row.position]; }
};

/// Columns of a table whose rows are values of type R (an entity, or a list element, found
/// from a Row by Locate::get), each with how it is read and, for stored fields, written back.
template <class R, class Locate>
class Columns {
 public:
  explicit Columns(Table table) : table_(table) {}

  /// A stored field, read and written through @p member.
  template <class X>
  Columns& field(std::string_view name, X R::*member, ColumnRole role = ColumnRole::Field) {
    const std::size_t index = add<X>(name, role, [member](const R& value) { return to_cell(value.*member); });
    writers_.push_back([member, index, at = place(index)](R& value, std::span<const Cell> cells) {
      value.*member = from_cell<X>(cells[index], at);
    });
    return *this;
  }
  /// The row's value itself (lists of texts or ids).
  Columns& value(std::string_view name) {
    const std::size_t index = add<R>(name, ColumnRole::Field, [](const R& value) { return to_cell(value); });
    writers_.push_back([index, at = place(index)](R& value, std::span<const Cell> cells) {
      value = from_cell<R>(cells[index], at);
    });
    return *this;
  }
  /// A value computed from the stored fields: read only.
  template <class Get>
  Columns& derived(std::string_view name, Get get) {
    using X = std::decay_t<std::invoke_result_t<Get, const R&>>;
    (void)add<X>(name, ColumnRole::Derived, [get](const R& value) { return to_cell(get(value)); });
    return *this;
  }
  /// A key the definition reads but assign() handles itself (an owner id, a position).
  template <class X>
  Columns& key(std::string_view name, std::function<Cell(const Row&)> read) {
    Column column;
    column.name = std::string(name);
    column.role = ColumnRole::Key;
    describe<X>(column);
    column.read = std::move(read);
    columns_.push_back(std::move(column));
    return *this;
  }
  /// Marks the last column's names as ordered.
  Columns& ordered() {
    columns_.back().ordered = true;
    return *this;
  }
  /// Marks the last column as personal data (Column::personal).
  Columns& personal() {
    columns_.back().personal = true;
    return *this;
  }

  /// A field holding an id of one of several kinds: "<name>_kind" (which kind, named by the
  /// entity kinds) and "<name>" (the id number).
  template <class... Ids>
  Columns& either(std::string_view name, std::variant<Ids...> R::*member) {
    using V = std::variant<Ids...>;
    Column kind;
    kind.name = std::string(name) + "_kind";
    kind.type = CellType::Enum;
    kind.names = {std::string_view(Ids::kind())...};
    kind.read = [member](const Row& row) { return Cell(static_cast<std::int64_t>((get(row).*member).index())); };
    columns_.push_back(std::move(kind));
    Column id;
    id.name = std::string(name);
    id.type = CellType::Id;
    id.references = {table_of<Ids>()...};
    id.read = [member](const Row& row) {
      return std::visit([](auto which) { return to_cell(which); }, get(row).*member);
    };
    columns_.push_back(std::move(id));
    const std::size_t at = columns_.size() - 2;
    writers_.push_back([member, at, kind_at = place(at), id_at = place(at + 1)](R& value, std::span<const Cell> cells) {
      static constexpr std::array<V (*)(std::uint32_t), sizeof...(Ids)> make = {
          [](std::uint32_t number) { return V(Ids(number)); }...};
      const auto which = integer_in(cells[at], kind_at, 0, static_cast<std::int64_t>(sizeof...(Ids)) - 1);
      const auto number = integer_in(cells[at + 1], id_at, 0, std::numeric_limits<std::uint32_t>::max());
      value.*member = make[static_cast<std::size_t>(which)](static_cast<std::uint32_t>(number));
    });
    return *this;
  }

  /// A Period as "<name>_kind", "<name>_first" and "<name>_last".
  Columns& period(std::string_view name, Period R::*member) {
    Column kind;
    kind.name = std::string(name) + "_kind";
    kind.type = CellType::Enum;
    kind.names = {kPeriodKinds.begin(), kPeriodKinds.end()};
    kind.read = [member](const Row& row) { return Cell(static_cast<std::int64_t>((get(row).*member).kind())); };
    columns_.push_back(std::move(kind));
    (void)add<Date>(std::string(name) + "_first", ColumnRole::Field, [member](const R& value) {
      return to_cell((value.*member).first());
    });
    (void)add<Date>(std::string(name) + "_last", ColumnRole::Field, [member](const R& value) {
      return to_cell((value.*member).last());
    });
    const std::size_t at = columns_.size() - 3;
    writers_.push_back([member, at, kind_at = place(at), first_at = place(at + 1), last_at = place(at + 2)](
                           R& value, std::span<const Cell> cells) {
      const auto code = integer_in(cells[at], kind_at, 0, static_cast<std::int64_t>(kPeriodKinds.size()) - 1);
      const Date first = from_cell<Date>(cells[at + 1], first_at);
      const Date last = from_cell<Date>(cells[at + 2], last_at);
      value.*member = period_of(code, first, last, last_at);
    });
    return *this;
  }

  std::vector<Column> take_columns() { return std::move(columns_); }
  /// Writes every stored field of @p value from @p cells.
  [[nodiscard]] std::function<void(R&, std::span<const Cell>)> writer() const {
    return [writers = writers_](R& value, std::span<const Cell> cells) {
      for (const auto& write : writers) write(value, cells);
    };
  }
 private:
  static const R& get(const Row& row) { return Locate::get(row); }

  template <class X, class Read>
  std::size_t add(std::string_view name, ColumnRole role, Read read) {
    Column column;
    column.name = std::string(name);
    column.role = role;
    describe<X>(column);
    column.read = [read](const Row& row) { return read(get(row)); };
    columns_.push_back(std::move(column));
    return columns_.size() - 1;
  }
  Place place(std::size_t index) const { return Place{to_name(table_), columns_[index].name}; }

  Table table_;
  std::vector<Column> columns_;
  std::vector<std::function<void(R&, std::span<const Cell>)>> writers_;
};

template <class T>
using EntityColumns = Columns<T, EntityRow<T>>;

/// An entity table of T.
template <class T>
TableSchema entity_table(Table table, EntityColumns<T>&& columns) {
  TableSchema::Access access;
  access.row_count = [](const Registry& r) { return entities<T>(r).size(); };
  access.for_each_row = [](const Registry& r, const std::function<void(const Row&)>& visit) {
    for (const T& entity : entities<T>(r)) visit(Row{&entity, 0});
  };
  std::vector<Column> described = columns.take_columns();
  access.assign = [table, width = described.size(), write = columns.writer()](MutableEntityRef target,
                                                                              std::span<const Cell> cells) {
    T& entity = target_of<T>(target, table);
    check_width(table, cells.size(), width);
    T next = entity;  // all or nothing
    write(next, cells);
    entity = std::move(next);
  };
  return TableSchema(table, std::nullopt, {}, std::move(described), std::move(access));
}

/// A side table: the list @p List of Owner, its rows keyed by @p owner_column and "position".
/// @p define adds the element's columns.
template <class Owner, class E, std::vector<E> Owner::*List, class Define>
TableSchema side_table(Table table, Table owner_table, std::string_view owner_column, std::string_view list_field,
                       Define define) {
  using OwnerId = decltype(Owner::id);
  Columns<E, ListRow<Owner, E, List>> columns(table);
  columns.template key<OwnerId>(owner_column, [](const Row& row) {
    return to_cell(std::get<const Owner*>(row.entity)->id);
  });
  columns.template key<std::size_t>("position", [](const Row& row) { return to_cell(row.position); });
  define(columns);

  TableSchema::Access access;
  access.row_count = [](const Registry& r) {
    std::size_t rows = 0;
    for (const Owner& owner : entities<Owner>(r)) rows += (owner.*List).size();
    return rows;
  };
  access.for_each_row = [](const Registry& r, const std::function<void(const Row&)>& visit) {
    for (const Owner& owner : entities<Owner>(r)) {
      for (std::size_t i = 0; i < (owner.*List).size(); ++i) visit(Row{&owner, i});
    }
  };
  std::vector<Column> described = columns.take_columns();
  access.assign = [table, width = described.size(), at = Place{to_name(table), "position"},
                   write = columns.writer()](MutableEntityRef target, std::span<const Cell> cells) {
    Owner& owner = target_of<Owner>(target, table);
    check_width(table, cells.size(), width);
    auto& list = owner.*List;
    const auto position = static_cast<std::size_t>(
        integer_in(cells[1], at, 0, std::numeric_limits<std::int64_t>::max()));
    if (position > list.size()) {
      throw InvalidArgument("tables.position", "position past the end of the list",
                            Location::of("table " + std::string(to_name(table)), "position"),
                            "got " + std::to_string(position) + ", the list has " + std::to_string(list.size()) +
                                " elements; rows of one owner come in position order");
    }
    E next = position < list.size() ? list[position] : E{};  // all or nothing
    write(next, cells);
    if (position == list.size()) {
      list.push_back(std::move(next));
    } else {
      list[position] = std::move(next);
    }
  };
  return TableSchema(table, owner_table, list_field, std::move(described), std::move(access));
}


// ---- the registry's tables, in the order of Table --------------------------------------------

std::vector<TableSchema> define_tables() {
  std::vector<TableSchema> tables;
  tables.push_back(entity_table<Organization>(Table::Organizations, std::move(EntityColumns<Organization>(Table::Organizations)
      .field("id", &Organization::id, ColumnRole::Key)
      .field("code", &Organization::code)
      .field("name", &Organization::name)
      .field("level", &Organization::level).ordered()
      .field("parent", &Organization::parent)
      .field("sector", &Organization::sector)
      .field("kind", &Organization::kind)
      .field("has_service_station", &Organization::has_service_station)
      .field("is_service_point", &Organization::is_service_point))));

  tables.push_back(entity_table<Member>(Table::Members, std::move(EntityColumns<Member>(Table::Members)
      .field("id", &Member::id, ColumnRole::Key)
      .field("code", &Member::code)
      .field("name", &Member::name).personal()
      .field("organization", &Member::organization)
      .field("residence_community", &Member::residence_community)
      .field("cadre_rank", &Member::cadre_rank)
      .field("delegate_level", &Member::delegate_level)
      .field("capable_of_helping", &Member::capable_of_helping)
      .derived("is_leading_cadre", [](const Member& m) { return m.is_leading_cadre(); })
      .field("kind", &Member::kinds)
      .field("role", &Member::role)
      .field("joined", &Member::joined)
      .field("left", &Member::left)
      .field("phone", &Member::phone).personal()
      .field("id_number", &Member::id_number).personal())));
  tables.push_back(side_table<Member, std::string, &Member::specialties>(
      Table::MemberSpecialties, Table::Members, "member", "specialties", [](auto& c) { c.value("specialty"); }));

  tables.push_back(entity_table<Household>(Table::Households, std::move(EntityColumns<Household>(Table::Households)
      .field("id", &Household::id, ColumnRole::Key)
      .field("code", &Household::code)
      .field("unit", &Household::unit)
      .field("party_household", &Household::party_household)
      .field("size", &Household::size)
      .field("category", &Household::categories)
      .field("head_name", &Household::head_name).personal()
      .field("address", &Household::address).personal()
      .field("phone", &Household::phone).personal()
      .field("id_number", &Household::id_number).personal())));

  tables.push_back(entity_table<Pairing>(Table::Pairings, std::move(EntityColumns<Pairing>(Table::Pairings)
      .field("id", &Pairing::id, ColumnRole::Key)
      .field("kind", &Pairing::kind)
      .either("source", &Pairing::source)
      .either("target", &Pairing::target)
      .field("key_contact", &Pairing::key_contact)
      .field("capacity", &Pairing::capacity)
      .field("start", &Pairing::start)
      .field("end", &Pairing::end))));

  tables.push_back(entity_table<Commitment>(Table::Commitments, std::move(EntityColumns<Commitment>(Table::Commitments)
      .field("id", &Commitment::id, ColumnRole::Key)
      .field("category", &Commitment::category)
      .field("description", &Commitment::description)
      .derived("pledged_on", [](const Commitment& c) { return c.pledged_on(); })
      .field("due", &Commitment::due)
      .derived("status", [](const Commitment& c) { return c.status(); })
      .derived("joint", [](const Commitment& c) { return c.joint(); }))));
  tables.push_back(side_table<Commitment, MemberId, &Commitment::members>(
      Table::CommitmentMembers, Table::Commitments, "commitment", "members", [](auto& c) { c.value("member"); }));
  tables.push_back(side_table<Commitment, StatusChange, &Commitment::history>(
      Table::CommitmentHistory, Table::Commitments, "commitment", "history", [](auto& c) {
        c.field("status", &StatusChange::status).field("date", &StatusChange::date).field("note", &StatusChange::note);
      }));
  tables.push_back(side_table<Commitment, std::string, &Commitment::evidence>(
      Table::CommitmentEvidence, Table::Commitments, "commitment", "evidence", [](auto& c) { c.value("evidence"); }));

  tables.push_back(entity_table<ServicePost>(Table::ServicePosts, std::move(EntityColumns<ServicePost>(Table::ServicePosts)
      .field("id", &ServicePost::id, ColumnRole::Key)
      .field("organization", &ServicePost::organization)
      .field("title", &ServicePost::title)
      .field("holder", &ServicePost::holder)
      .field("assignment", &ServicePost::assignment)
      .field("since", &ServicePost::since))));
  tables.push_back(side_table<ServicePost, std::string, &ServicePost::duties>(
      Table::ServicePostDuties, Table::ServicePosts, "service_post", "duties", [](auto& c) { c.value("duty"); }));

  tables.push_back(entity_table<Contact>(Table::Contacts, std::move(EntityColumns<Contact>(Table::Contacts)
      .field("id", &Contact::id, ColumnRole::Key)
      .field("member", &Contact::member)
      .field("household", &Contact::household)
      .field("organization", &Contact::organization)
      .field("mode", &Contact::mode)
      .field("collective", &Contact::collective)
      .field("concentrated", &Contact::concentrated)
      .field("date", &Contact::date)
      .field("duration_minutes", &Contact::duration_minutes))));
  tables.push_back(side_table<Contact, SituationReport, &Contact::reports>(
      Table::ContactReports, Table::Contacts, "contact", "reports", [](auto& c) {
        c.field("situation", &SituationReport::situation)
            .field("abnormal", &SituationReport::abnormal)
            .field("note", &SituationReport::note);
      }));

  tables.push_back(entity_table<Appeal>(Table::Appeals, std::move(EntityColumns<Appeal>(Table::Appeals)
      .field("id", &Appeal::id, ColumnRole::Key)
      .field("code", &Appeal::code)
      .field("household", &Appeal::household)
      .field("collected_by", &Appeal::collected_by)
      .field("origin", &Appeal::origin)
      .field("handler", &Appeal::handler)
      .field("channel", &Appeal::channel)
      .field("subject", &Appeal::subject)
      .field("appeal_class", &Appeal::appeal_class)
      .field("routing", &Appeal::routing)
      .field("leader_in_charge", &Appeal::leader_in_charge)
      .field("summary", &Appeal::summary)
      .field("due", &Appeal::due)
      .field("outcome", &Appeal::outcome)
      .field("public_answer", &Appeal::public_answer)
      .derived("registered", [](const Appeal& a) { return a.registered(); })
      .derived("sorted", [](const Appeal& a) { return a.sorted(); })
      .derived("fed_back", [](const Appeal& a) { return a.fed_back(); })
      .derived("disposed", [](const Appeal& a) { return a.disposed(); })
      .derived("current_due", [](const Appeal& a) { return a.current_due(); })
      .derived("stage", [](const Appeal& a) { return a.stage(); }))));
  tables.push_back(side_table<Appeal, AppealEvent, &Appeal::history>(
      Table::AppealHistory, Table::Appeals, "appeal", "history", [](auto& c) {
        c.field("kind", &AppealEvent::kind)
            .field("date", &AppealEvent::date)
            .field("organization", &AppealEvent::organization)
            .field("note", &AppealEvent::note)
            .field("new_due", &AppealEvent::new_due);
      }));

  tables.push_back(entity_table<SurveyResponse>(Table::SurveyResponses,
      std::move(EntityColumns<SurveyResponse>(Table::SurveyResponses)
      .field("id", &SurveyResponse::id, ColumnRole::Key)
      .field("respondent", &SurveyResponse::respondent)
      .either("target", &SurveyResponse::target)
      .period("period", &SurveyResponse::period)
      .field("weight", &SurveyResponse::weight))));
  tables.push_back(side_table<SurveyResponse, ItemScore, &SurveyResponse::items>(
      Table::SurveyItems, Table::SurveyResponses, "survey_response", "items", [](auto& c) {
        c.field("item", &ItemScore::item).field("score", &ItemScore::score).field("dont_know", &ItemScore::dont_know);
      }));

  tables.push_back(entity_table<Activity>(Table::Activities, std::move(EntityColumns<Activity>(Table::Activities)
      .field("id", &Activity::id, ColumnRole::Key)
      .field("kind", &Activity::kind)
      .field("organization", &Activity::organization)
      .field("date", &Activity::date)
      .field("ad_hoc", &Activity::ad_hoc)
      .field("topic", &Activity::topic)
      .derived("attendance", [](const Activity& a) { return a.attendees.size(); }))));
  tables.push_back(side_table<Activity, MemberId, &Activity::attendees>(
      Table::ActivityAttendees, Table::Activities, "activity", "attendees", [](auto& c) { c.value("member"); }));
  return tables;
}

}  // namespace

TableSchema::TableSchema(Table table, std::optional<Table> owner, std::string_view list_field,
                         std::vector<Column> columns, Access access)
    : table_(table), owner_(owner), list_field_(list_field), columns_(std::move(columns)), access_(std::move(access)) {}

const Column* TableSchema::find(std::string_view name) const noexcept {
  const auto found = std::find_if(columns_.begin(), columns_.end(), [name](const Column& c) { return c.name == name; });
  return found == columns_.end() ? nullptr : &*found;
}

std::size_t TableSchema::row_count(const Registry& registry) const { return access_.row_count(registry); }

void TableSchema::for_each_row(const Registry& registry, const std::function<void(const Row&)>& visit) const {
  access_.for_each_row(registry, visit);
}

std::vector<Cell> TableSchema::read(const Row& row) const {
  std::vector<Cell> cells;
  cells.reserve(columns_.size());
  for (const Column& column : columns_) cells.push_back(column.read(row));
  return cells;
}

void TableSchema::assign(MutableEntityRef target, std::span<const Cell> cells) const { access_.assign(target, cells); }

const std::vector<TableSchema>& registry_tables() {
  static const std::vector<TableSchema> tables = define_tables();
  return tables;
}

const TableSchema& table_schema(Table table) { return registry_tables()[static_cast<std::size_t>(table)]; }

const TableSchema* find_table(std::string_view name) {
  for (const TableSchema& schema : registry_tables()) {
    if (schema.name() == name) return &schema;
  }
  return nullptr;
}

}  // namespace massline::io
