#include "registry_assembly.hpp"

#include "entities_of.hpp"

#include <massline/core/date.hpp>
#include <massline/io/registry_csv.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace massline::io::detail {

// ---- problems -------------------------------------------------------------------------------------

void ProblemList::add(std::exception_ptr error, std::string message) {
  ++count_;
  if (errors_.size() >= kMaxKeptProblems) return;
  errors_.push_back(std::move(error));
  messages_.push_back(std::move(message));
}

void ProblemList::add(const Error& error, const Location& where) {
  // Rebuilt with the same dynamic type, so that a lone problem is thrown as what it is.
  auto remake = [&]<class E>(const E*) {
    E copy(error.code(), error.summary(), where, error.why());
    const std::string message = copy.what();
    add(std::make_exception_ptr(std::move(copy)), message);
  };
  if (dynamic_cast<const IntegrityError*>(&error) != nullptr) remake(static_cast<const IntegrityError*>(nullptr));
  else if (dynamic_cast<const NotFound*>(&error) != nullptr) remake(static_cast<const NotFound*>(nullptr));
  else if (dynamic_cast<const ParseError*>(&error) != nullptr) remake(static_cast<const ParseError*>(nullptr));
  else remake(static_cast<const InvalidArgument*>(nullptr));
}

void ProblemList::add(std::string code, std::string what, const Location& where, std::string why) {
  ParseError error(std::move(code), std::move(what), where, std::move(why));
  const std::string message = error.what();
  add(std::make_exception_ptr(std::move(error)), message);
}

void ProblemList::throw_if_any(const std::string& source) const {
  if (count_ == 0) return;
  if (count_ == 1) std::rethrow_exception(errors_.front());
  std::string why;
  const std::size_t listed = std::min(kMaxListedProblems, messages_.size());
  for (std::size_t i = 0; i < listed; ++i) why += "\n  " + messages_[i];
  if (count_ > listed) why += "\n  ... and " + std::to_string(count_ - listed) + " more";
  throw ParseError("registry_file.problems", std::to_string(count_) + " problems; nothing was imported",
                   Location::in_file(source), why);
}

// ---- headers --------------------------------------------------------------------------------------

namespace {

/// Chinese labels of every column name of the schema (one name means one thing in every table).
constexpr std::pair<std::string_view, std::string_view> kChineseLabels[] = {
    {"abnormal", "异常"},           {"activity", "活动"},           {"ad_hoc", "临时"},             {"address", "住址"},
    {"appeal", "诉求"},             {"appeal_class", "诉求类别"},   {"assignment", "分工"},
    {"attendance", "出席人数"},     {"cadre_rank", "干部职级"},     {"capable_of_helping", "有帮扶能力"},
    {"capacity", "容量"},           {"category", "类别"},           {"channel", "渠道"},
    {"code", "编码"},               {"collected_by", "收集人"},     {"collective", "集体"},
    {"commitment", "承诺"},         {"concentrated", "集中"},       {"contact", "联系"},
    {"current_due", "当前期限"},    {"date", "日期"},               {"delegate_level", "代表层级"},
    {"description", "描述"},        {"disposed", "办结日期"},       {"dont_know", "不知道"},
    {"due", "期限"},                {"duration_minutes", "时长分钟"}, {"duty", "职责"},
    {"end", "结束"},                {"evidence", "佐证"},           {"fed_back", "反馈日期"},
    {"handler", "承办单位"},        {"has_service_station", "有服务站"}, {"head_name", "户主姓名"},  {"holder", "承担人"},
    {"household", "住户"},          {"id", "编号"},                 {"id_number", "身份证号"},                 {"is_leading_cadre", "领导干部"},
    {"is_service_point", "服务点"}, {"item", "题项"},               {"joined", "入党日期"},
    {"joint", "联合"},              {"key_contact", "重点联系"},    {"kind", "类型"},
    {"leader_in_charge", "包案领导"}, {"left", "离开日期"},         {"level", "层级"},
    {"member", "党员"},             {"mode", "方式"},               {"name", "名称"},
    {"new_due", "新期限"},          {"note", "备注"},               {"organization", "组织"},
    {"origin", "来源单位"},         {"outcome", "结果"},            {"parent", "上级"},
    {"party_household", "党员户"},  {"period_first", "期间起"},     {"period_kind", "期间类型"},
    {"period_last", "期间止"},      {"phone", "联系电话"},      {"pledged_on", "承诺日期"},     {"position", "序号"},
    {"public_answer", "公开答复"},  {"registered", "登记日期"},     {"residence_community", "居住社区"},
    {"respondent", "受访住户"},     {"role", "角色"},               {"routing", "办理方式"},
    {"score", "得分"},              {"sector", "领域"},             {"service_post", "服务岗位"},
    {"since", "起始日期"},          {"situation", "情况"},          {"size", "人数"},
    {"sorted", "分办日期"},         {"source", "结对方"},           {"source_kind", "结对方类型"},
    {"specialty", "特长"},          {"stage", "阶段"},              {"start", "开始"},
    {"status", "状态"},             {"subject", "事项"},            {"summary", "摘要"},
    {"survey_response", "问卷"},   {"target", "对象"},             {"target_kind", "对象类型"},
    {"title", "岗位名称"},          {"topic", "主题"},              {"unit", "网格"},
    {"weight", "权重"},
};

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

[[noreturn]] void bad_cell(const Column& column, std::string_view text, const std::string& why) {
  throw InvalidArgument("registry_file.cell", "cannot read '" + std::string(text.substr(0, 80)) +
                                                  (text.size() > 80 ? "...'" : "'") + " as " +
                                                  std::string(to_name(column.type)),
                        Location{}, why);
}

std::int64_t parse_integer(const Column& column, std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range) bad_cell(column, text, "beyond the range of a 64-bit integer");
  if (ec != std::errc() || ptr != end) bad_cell(column, text, "expected a whole number in decimal digits");
  return value;
}

}  // namespace

}  // namespace massline::io::detail

namespace massline::io {

std::string_view chinese_column_label(std::string_view column) noexcept {
  for (const auto& [name, label] : detail::kChineseLabels) {
    if (name == column) return label;
  }
  return {};
}

}  // namespace massline::io

namespace massline::io::detail {

std::optional<ColumnMap> map_columns(const TableSchema& schema, std::span<const std::string> header, bool labels,
                                     const std::function<Location(std::size_t)>& where_of, ProblemList& problems) {
  const std::size_t before = problems.size();
  const auto& columns = schema.columns();
  ColumnMap map;
  map.position.assign(columns.size(), std::nullopt);
  map.width = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::optional<std::size_t> found;
    for (std::size_t c = 0; c < columns.size() && !found; ++c) {
      if (header[i] == columns[c].name || (labels && header[i] == chinese_column_label(columns[c].name))) found = c;
    }
    if (!found) {
      std::vector<std::string_view> names;
      for (const Column& column : columns) names.push_back(column.name);
      problems.add("registry_file.column", "unknown column '" + header[i] + "'", where_of(i),
                   "table '" + std::string(schema.name()) + "' has the columns " + join(names) +
                       (labels ? " (or their Chinese labels, docs/formats.md)" : ""));
    } else if (map.position[*found]) {
      problems.add("registry_file.column", "column '" + columns[*found].name + "' given twice", where_of(i),
                   "also column " + std::to_string(*map.position[*found] + 1));
    } else {
      map.position[*found] = i;
    }
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Column& column = columns[c];
    if (map.position[c] || column.nullable || column.personal || column.role == ColumnRole::Derived) continue;
    Location where = where_of(0);
    where.column.clear();
    problems.add("registry_file.column", "missing column '" + column.name + "'", where,
                 "table '" + std::string(schema.name()) + "' needs it; only nullable and derived columns may be left out");
  }
  if (problems.size() != before) return std::nullopt;
  return map;
}

// ---- cells ----------------------------------------------------------------------------------------

Cell absent_cell(const Column& column) {
  return column.personal ? Cell(std::string_view{}) : Cell{};
}

Cell parse_cell(const Column& column, std::string_view text, bool missing) {
  if (missing) {  // nullable: a missing value; text: the empty text; flags: the empty set
    if (column.nullable) return Cell{};
    if (column.type != CellType::Text && column.type != CellType::Flags) {
      bad_cell(column, text, "the column needs a value");
    }
  }
  switch (column.type) {
    case CellType::Id:
    case CellType::Integer: return parse_integer(column, text);
    case CellType::Real: {
      double value = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
        bad_cell(column, text, "expected a finite decimal number such as 0.75");
      }
      return value;
    }
    case CellType::Boolean:
      if (text == "true" || text == "1" || text == "是") return true;
      if (text == "false" || text == "0" || text == "否") return false;
      bad_cell(column, text, "expected true or false (also 1/0, 是/否)");
    case CellType::Text: return text;
    case CellType::Date:
      try {
        return parse_date(text);
      } catch (const InvalidArgument& e) {
        bad_cell(column, text, e.summary() + ": " + e.why());
      }
    case CellType::Enum:
      for (std::size_t i = 0; i < column.names.size(); ++i) {
        if (column.names[i] == text) return static_cast<std::int64_t>(i);
      }
      bad_cell(column, text, "expected one of " + join(column.names));
    case CellType::Flags: {
      std::int64_t bits = 0;
      std::size_t start = 0;
      while (start < text.size()) {
        const std::size_t bar = std::min(text.find('|', start), text.size());
        const std::string_view name = text.substr(start, bar - start);
        const auto found = std::find(column.names.begin(), column.names.end(), name);
        if (found == column.names.end()) {
          bad_cell(column, text, "'" + std::string(name) + "' is not one of " + join(column.names) +
                                     " (several are joined by '|')");
        }
        bits |= std::int64_t{1} << (found - column.names.begin());
        start = bar + 1;
      }
      return bits;
    }
  }
  bad_cell(column, text, "unknown cell type");
}

std::string format_cell(const Column& column, const Cell& cell) {
  return std::visit(
      [&column](const auto& value) -> std::string {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return {};
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          if (column.type == CellType::Enum) return std::string(column.names.at(static_cast<std::size_t>(value)));
          if (column.type == CellType::Flags) {
            std::string out;
            for (std::size_t i = 0; i < column.names.size(); ++i) {
              if ((value >> i) & 1) out += (out.empty() ? "" : "|") + std::string(column.names[i]);
            }
            return out;
          }
          return std::to_string(value);
        } else if constexpr (std::is_same_v<V, double>) {
          std::array<char, 32> buffer{};
          const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
          return std::string(buffer.data(), end);  // shortest text that reads back the same double
        } else if constexpr (std::is_same_v<V, bool>) {
          return value ? "true" : "false";
        } else if constexpr (std::is_same_v<V, std::string_view>) {
          return std::string(value);
        } else {
          return to_iso(value);
        }
      },
      cell);
}

// ---- assembly -------------------------------------------------------------------------------------

namespace {

/// Ids a table may skip: a saved registry has gaps where entities were removed, but an id far
/// beyond the rows would make the registry allocate a slot for every id below it.
std::int64_t id_limit(std::size_t rows) {
  return static_cast<std::int64_t>(4 * rows) + (std::int64_t{1} << 20);
}


/// The staged position of each id: a table indexed by id for ids up to about twice the rows
/// so far (a saved registry's ids), a hash map for any beyond (so a stray large id costs no
/// memory). A hash map node per row was millions of allocations in a large import.
class IdIndex {
 public:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  /// The position of @p id, or kNone.
  [[nodiscard]] std::size_t find(std::uint64_t id) const {
    if (id < dense_.size() && dense_[id] != kDenseNone) return dense_[id];
    if (sparse_.empty()) return kNone;
    const auto found = sparse_.find(id);
    return found == sparse_.end() ? kNone : found->second;
  }
  /// Room for the ids 0 .. @p ids - 1 (ids of a saved registry are about as many as the rows).
  void reserve(std::size_t ids) { dense_.reserve(ids); }
  /// Records @p position for @p id, which is not in the index yet.
  void insert(std::uint64_t id, std::size_t position) {
    const std::uint64_t room = 2 * std::uint64_t{++count_} + (std::uint64_t{1} << 16);
    if (id >= dense_.size() && id < room) dense_.resize(id + 1, kDenseNone);
    if (id < dense_.size() && position < kDenseNone) {
      dense_[id] = static_cast<std::uint32_t>(position);
    } else {
      sparse_.emplace(id, position);
    }
  }

 private:
  static constexpr std::uint32_t kDenseNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> dense_;
  std::unordered_map<std::uint64_t, std::size_t> sparse_;
  std::size_t count_ = 0;
};

template <class T>
struct Staged {
  using IdT = decltype(T::id);
  std::vector<T> values;
  std::vector<std::size_t> rows;  // each value's row number, for its RowPlace
  // (first value, RowPlace index): the values from there on were read under that place.
  std::vector<std::pair<std::size_t, std::size_t>> places;
  IdIndex index;
  std::unordered_set<std::int64_t> unreadable;  // ids of rows that could not be read
  std::optional<std::int64_t> next;
  Location next_where;
};

Location with_column(Location where, const Error& e) {
  // Schema errors name the column as field of "table X"; registry errors name entity and field.
  if (where.column.empty()) where.column = e.where().field;
  if (e.where().entity.rfind("table ", 0) != 0) {
    // A reader that names the row by its table and id (the SQLite store) keeps that name.
    where.entity = where.entity.empty() ? e.where().entity : where.entity + " (" + e.where().entity + ")";
    where.field = e.where().field;
  }
  return where;
}

}  // namespace

struct RegistryAssembly::State {
  ProblemList& problems;
  std::tuple<Staged<Organization>, Staged<Member>, Staged<Household>, Staged<Pairing>, Staged<Commitment>,
             Staged<ServicePost>, Staged<Contact>, Staged<Appeal>, Staged<SurveyResponse>, Staged<Activity>>
      staged;
  std::vector<RowPlace> places;       // one per begin_table
  const TableSchema* current = nullptr;  // the table of the rows being added

  /// Calls f(Staged<T>&) for the entity table @p table.
  template <class F>
  void with(Table table, F&& f) {
    switch (table) {
      case Table::Organizations: return f(std::get<0>(staged));
      case Table::Members: return f(std::get<1>(staged));
      case Table::Households: return f(std::get<2>(staged));
      case Table::Pairings: return f(std::get<3>(staged));
      case Table::Commitments: return f(std::get<4>(staged));
      case Table::ServicePosts: return f(std::get<5>(staged));
      case Table::Contacts: return f(std::get<6>(staged));
      case Table::Appeals: return f(std::get<7>(staged));
      case Table::SurveyResponses: return f(std::get<8>(staged));
      case Table::Activities: return f(std::get<9>(staged));
      default: throw InvalidArgument("registry_file.table", "not an entity table", Location::of(std::string(to_name(table))), "");
    }
  }

  /// The place of row @p row of the current table.
  Location place(std::size_t row, std::span<const Cell> cells) const { return places.back()(row, cells); }

  /// The place of staged value @p i.
  template <class T>
  Location place_of(const Staged<T>& stage, std::size_t i) const {
    const auto after = std::upper_bound(stage.places.begin(), stage.places.end(), i,
                                        [](std::size_t value, const auto& run) { return value < run.first; });
    const Cell id = static_cast<std::int64_t>(stage.values[i].id.value());
    return places[std::prev(after)->second](stage.rows[i], std::span<const Cell>(&id, 1));
  }

  template <class T>
  void entity_row(Staged<T>& stage, std::span<const Cell> cells, std::size_t row) {
    T value{};
    try {
      current->assign(&value, cells);
    } catch (const Error& e) {
      problems.add(e, with_column(place(row, cells), e));
      if (const auto* id = std::get_if<std::int64_t>(&cells[0])) stage.unreadable.insert(*id);
      return;
    }
    const auto id = value.id.value();
    if (const std::size_t found = stage.index.find(id); found != IdIndex::kNone) {
      Location at = place(row, cells);
      at.column = "id";
      const Location first = place_of(stage, found);
      problems.add("registry_file.duplicate_id", "duplicate id " + value.id.to_string(), at,
                   "already given" + (first.row ? " in row " + std::to_string(*first.row) : std::string()) +
                       "; every row of an entity table has an id of its own");
      return;
    }
    const std::size_t place_index = places.size() - 1;
    if (stage.places.empty() || stage.places.back().second != place_index) {
      stage.places.emplace_back(stage.values.size(), place_index);
    }
    stage.index.insert(id, stage.values.size());
    stage.values.push_back(std::move(value));
    stage.rows.push_back(row);
  }

  template <class T>
  void side_row(Staged<T>& stage, std::span<const Cell> cells, std::size_t row) {
    const auto* owner_id = cells.empty() ? nullptr : std::get_if<std::int64_t>(&cells[0]);
    const std::string& owner_column = current->columns().front().name;
    if (owner_id == nullptr) {
      Location at = place(row, cells);
      at.column = owner_column;
      problems.add("registry_file.cell", "missing owner id", at, "every row of a side table names its owner");
      return;
    }
    const std::size_t found =
        *owner_id < 0 || *owner_id > std::numeric_limits<std::uint32_t>::max()
            ? IdIndex::kNone
            : stage.index.find(static_cast<std::uint64_t>(*owner_id));
    if (found == IdIndex::kNone && stage.unreadable.count(*owner_id) != 0) return;  // reported with the owner
    if (found == IdIndex::kNone) {
      Location at = place(row, cells);
      at.column = owner_column;
      problems.add("registry_file.dangling", "row of a missing " + owner_column, at,
                   "no row with id " + std::to_string(*owner_id) + " in table '" +
                       std::string(to_name(*current->owner())) + "'");
      return;
    }
    try {
      current->assign(&stage.values[found], cells);
    } catch (const Error& e) {
      problems.add(e, with_column(place(row, cells), e));
    }
  }

  template <class T>
  void add_all(Registry& registry, Staged<T>& stage) {
    using IdT = typename Staged<T>::IdT;
    std::vector<std::size_t> order(stage.values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto by_id = [&](std::size_t a, std::size_t b) { return stage.values[a].id < stage.values[b].id; };
    if (!std::is_sorted(order.begin(), order.end(), by_id)) std::sort(order.begin(), order.end(), by_id);
    const std::int64_t limit = id_limit(stage.values.size());
    std::vector<std::size_t> reparent;  // organisations whose parent comes later in id order
    for (const std::size_t i : order) {
      // Moved into the registry (one copy of the data at a time), except organisations, whose
      // staged values the re-parenting pass below still reads.
      T value = [&]() -> T {
        if constexpr (std::is_same_v<T, Organization>) return stage.values[i];
        else return std::move(stage.values[i]);
      }();
      if (static_cast<std::int64_t>(value.id.value()) >= limit) {
        Location at = place_of(stage, i);
        at.column = "id";
        problems.add("registry_file.id_range", "id " + value.id.to_string() + " too far beyond the rows", at,
                     "a table of " + std::to_string(stage.values.size()) + " rows may use ids below " +
                         std::to_string(limit));
        continue;
      }
      if constexpr (std::is_same_v<T, Organization>) {
        if (value.parent && *value.parent >= value.id) {
          value.parent.reset();  // set once every organisation is in (a cycle is refused then)
          reparent.push_back(i);
        }
      }
      try {
        registry.skip_ids(value.id);
        registry.add(std::move(value));
      } catch (const Error& e) {
        problems.add(e, with_column(place_of(stage, i), e));
      }
    }
    if constexpr (std::is_same_v<T, Organization>) {
      for (const std::size_t i : reparent) {
        if (!registry.contains(stage.values[i].id)) continue;  // its own problem is recorded
        try {
          registry.update(stage.values[i]);
        } catch (const Error& e) {
          problems.add(e, with_column(place_of(stage, i), e));
        }
      }
    }
    if (stage.next) {
      const auto assigned = static_cast<std::int64_t>(entities_of<T>(registry).capacity_ids());
      if (*stage.next < assigned || *stage.next >= limit) {
        problems.add("registry_file.next_id", "next id " + std::to_string(*stage.next) + " out of range",
                     stage.next_where,
                     "must be at least one past the largest id (" + std::to_string(assigned) + ") and below " +
                         std::to_string(limit));
      } else {
        registry.skip_ids(IdT(static_cast<typename IdT::value_type>(*stage.next)));
      }
    }
  }
};

RegistryAssembly::RegistryAssembly(ProblemList& problems) : state_(std::make_unique<State>(State{problems, {}, {}, nullptr})) {}
RegistryAssembly::~RegistryAssembly() = default;

void RegistryAssembly::begin_table(const TableSchema& schema, RowPlace place) {
  state_->current = &schema;
  state_->places.push_back(std::move(place));
}

void RegistryAssembly::expect_rows(std::size_t rows) {
  const TableSchema& schema = *state_->current;
  if (schema.is_side_table()) return;  // their rows are in their owners
  state_->with(schema.table(), [&](auto& stage) {
    stage.values.reserve(stage.values.size() + rows);
    stage.rows.reserve(stage.rows.size() + rows);
    stage.index.reserve(stage.values.size() + rows);
  });
}

void RegistryAssembly::add_row(std::span<const Cell> cells, std::size_t row) {
  const TableSchema& schema = *state_->current;
  if (schema.is_side_table()) {
    state_->with(*schema.owner(), [&](auto& stage) { state_->side_row(stage, cells, row); });
  } else {
    state_->with(schema.table(), [&](auto& stage) { state_->entity_row(stage, cells, row); });
  }
}

void RegistryAssembly::skip_row(std::optional<std::int64_t> id) {
  const TableSchema& schema = *state_->current;
  if (schema.is_side_table() || !id) return;
  state_->with(schema.table(), [&](auto& stage) { stage.unreadable.insert(*id); });
}

void RegistryAssembly::set_next_id(Table table, std::int64_t next, const Location& where) {
  state_->with(table, [&](auto& stage) {
    stage.next = next;
    stage.next_where = where;
  });
}

Registry RegistryAssembly::finish() {
  Registry registry;
  if (!state_->problems.empty()) return registry;  // unreadable rows would make every reference to them dangle
  auto& staged = state_->staged;
  RegistryCapacity capacity;
  capacity.organizations = std::get<0>(staged).values.size();
  capacity.members = std::get<1>(staged).values.size();
  capacity.households = std::get<2>(staged).values.size();
  capacity.pairings = std::get<3>(staged).values.size();
  capacity.commitments = std::get<4>(staged).values.size();
  capacity.service_posts = std::get<5>(staged).values.size();
  capacity.contacts = std::get<6>(staged).values.size();
  capacity.appeals = std::get<7>(staged).values.size();
  capacity.survey_responses = std::get<8>(staged).values.size();
  capacity.activities = std::get<9>(staged).values.size();
  registry.reserve(capacity);  // no regrowth (and copying) of the registry's tables
  std::apply(
      [&](auto&... stage) {
        // Each table's staging is released once its rows are in: the registry and the staging
        // of the whole import are not held at once.
        ((state_->add_all(registry, stage), stage = {}), ...);
      },
      staged);
  if (!state_->problems.empty()) return Registry{};
  return registry;
}

}  // namespace massline::io::detail
