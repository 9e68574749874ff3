// The CSV appeal logs: the NYC 311 export and the TipDM 2020 message board (docs/formats.md,
// "Appeal logs"). Both are read one record at a time by io::detail::CsvReader; the first bad
// cell stops the import with its file, line and column name.
#include "detail/appeal_log.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/io/detail/csv.hpp>
#include <massline/io/detail/read_file.hpp>

#include <cctype>
#include <fstream>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace massline::io::detail {
namespace {

/// A column the reader knows: its names (the first is the one docs and messages use).
struct ColumnSpec {
  std::vector<std::string_view> names;
  bool required = false;
};

/// The header of one file: where each known column is, and every column's name as written.
class Header {
 public:
  Header(std::string format, std::string source) : format_(std::move(format)), source_(std::move(source)) {}

  /// Reads the header @p record, finding @p specs; throws "<format>.header" for a missing
  /// required column or a column named twice.
  void read(const CsvRecord& record, const std::vector<ColumnSpec>& specs) {
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& field : record.fields) {
      names_.push_back(field.text);
      if (!seen.emplace(field.text, field.column).second) {
        throw ParseError(format_ + ".header", "column '" + field.text + "' appears twice",
                         Location::in_file(source_, record.row, field.text),
                         "first as column " + std::to_string(seen[field.text]) + ", again as column " +
                             std::to_string(field.column));
      }
    }
    for (const auto& spec : specs) {
      std::optional<std::size_t> at;
      for (std::string_view name : spec.names)
        if (auto it = seen.find(std::string(name)); it != seen.end() && !at) at = it->second - 1;
      if (!at && spec.required) {
        throw ParseError(format_ + ".header", "no column '" + std::string(spec.names.front()) + "'",
                         Location::in_file(source_, record.row),
                         "a " + format_ + " file needs the columns " + required_list(specs));
      }
      index_.push_back(at);
    }
  }
  /// Position of spec @p i in a record, if the file has that column.
  [[nodiscard]] std::optional<std::size_t> at(std::size_t i) const { return index_[i]; }
  /// The file's name for the column at position @p column (0-based).
  [[nodiscard]] const std::string& name(std::size_t column) const { return names_[column]; }
  /// Number of columns in the header.
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  static std::string required_list(const std::vector<ColumnSpec>& specs) {
    std::string out;
    for (const auto& spec : specs)
      if (spec.required) out += (out.empty() ? "'" : ", '") + std::string(spec.names.front()) + "'";
    return out;
  }
  std::string format_, source_;
  std::vector<std::string> names_;
  std::vector<std::optional<std::size_t>> index_;
};

/// The reader's own errors ("csv.encoding", "csv.limit"...) as "<format>.<kind>", with the column
/// number turned into the header's name once the header is known.
class LogCsv {
 public:
  /// Reads @p in (which must outlive this), named @p source in errors.
  LogCsv(std::istream& in, std::string source, std::string format)
      : format_(std::move(format)), source_(std::move(source)), reader_(wrap([&] { return CsvReader(in, source_); })) {}

  bool next(CsvRecord& record, const Header* header = nullptr) {
    return wrap([&] { return reader_.next(record); }, header);
  }
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] const std::string& format() const { return format_; }

 private:
  template <class F>
  std::invoke_result_t<F> wrap(F&& read, const Header* header = nullptr) {
    try {
      return read();
    } catch (const ParseError& e) {
      const std::string& code = e.code();
      if (code.rfind("csv.", 0) != 0) throw;
      Location where = e.where();
      if (header && !where.column.empty()) {
        const std::size_t column = std::stoul(where.column);
        if (column >= 1 && column <= header->size()) where.column = header->name(column - 1);
      }
      throw ParseError(format_ + "." + code.substr(4), e.summary(), std::move(where), e.why());
    }
  }
  std::string format_, source_;
  CsvReader reader_;
};

/// A NYC 311 timestamp's day: "MM/DD/YYYY hh:mm:ss AM" (the portal's CSV) or
/// "YYYY-MM-DDThh:mm:ss[.fff]" (its API); none when @p text is neither or not a real time.
std::optional<Date> nyc_day(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() == 22 && text[2] == '/' && text[5] == '/' && text[10] == ' ' && text[13] == ':' &&
      text[16] == ':' && text[19] == ' ' && (text.substr(20) == "AM" || text.substr(20) == "PM")) {
    month = ascii_number(text, 0, 2);
    day = ascii_number(text, 3, 2);
    year = ascii_number(text, 6, 4);
    const int h = ascii_number(text, 11, 2), m = ascii_number(text, 14, 2), s = ascii_number(text, 17, 2);
    if (h < 1 || h > 12 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  } else if (text.size() >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
             text[16] == ':') {
    year = ascii_number(text, 0, 4);
    month = ascii_number(text, 5, 2);
    day = ascii_number(text, 8, 2);
    const int h = ascii_number(text, 11, 2), m = ascii_number(text, 14, 2), s = ascii_number(text, 17, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
    if (text.size() > 19) {  // a fraction of a second: '.' and at least one digit
      if (text[19] != '.' || text.size() == 20) return std::nullopt;
      for (std::size_t i = 20; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  try {
    return make_date(year, month, day);
  } catch (const InvalidArgument&) {
    return std::nullopt;
  }
}

/// A message-board time's day: "YYYY/M/D" optionally followed by " H:MM:SS" (month, day and hour
/// with one or two digits).
std::optional<Date> board_day(std::string_view text) {
  auto number = [&](std::size_t& pos, std::size_t min, std::size_t max) -> int {
    std::size_t n = 0;
    while (pos + n < text.size() && n < max && text[pos + n] >= '0' && text[pos + n] <= '9') ++n;
    if (n < min) return -1;
    const int value = ascii_number(text, pos, n);
    pos += n;
    return value;
  };
  auto expect = [&](std::size_t& pos, char c) { return pos < text.size() && text[pos++] == c; };
  std::size_t pos = 0;
  const int year = number(pos, 4, 4);
  if (year < 0 || !expect(pos, '/')) return std::nullopt;
  const int month = number(pos, 1, 2);
  if (month < 0 || !expect(pos, '/')) return std::nullopt;
  const int day = number(pos, 1, 2);
  if (day < 0) return std::nullopt;
  if (pos < text.size()) {
    if (!expect(pos, ' ')) return std::nullopt;
    const int h = number(pos, 1, 2);
    if (h < 0 || h > 23 || !expect(pos, ':')) return std::nullopt;
    const int m = number(pos, 2, 2);
    if (m < 0 || m > 59 || !expect(pos, ':')) return std::nullopt;
    const int s = number(pos, 2, 2);
    if (s < 0 || s > 59 || pos != text.size()) return std::nullopt;
  }
  try {
    return make_date(year, month, day);
  } catch (const InvalidArgument&) {
    return std::nullopt;
  }
}

/// Reading the cells of one record by spec index, with located errors.
class Row {
 public:
  Row(const LogCsv& csv, const Header& header, const CsvRecord& record) : csv_(csv), header_(header), record_(record) {}

  /// The text of spec @p i ("" when the file has no such column).
  [[nodiscard]] std::string_view text(std::size_t i) const {
    const auto at = header_.at(i);
    return at ? std::string_view(record_.fields[*at].text) : std::string_view();
  }
  [[nodiscard]] Location where(std::size_t i) const {
    const auto at = header_.at(i);
    return Location::in_file(csv_.source(), record_.row, at ? header_.name(*at) : std::string());
  }
  [[noreturn]] void fail(std::size_t i, const std::string& kind, const std::string& what, const std::string& why) const {
    throw ParseError(csv_.format() + "." + kind, what, where(i), why);
  }
  /// The text of spec @p i, which must not be empty (blanks trimmed).
  [[nodiscard]] std::string required(std::size_t i) const {
    const std::string_view value = trim(text(i));
    if (value.empty()) fail(i, "missing", "empty cell", "every row needs a value here");
    return std::string(value);
  }
  /// The day of spec @p i read by @p parse; none for an empty cell.
  template <class Parse>
  [[nodiscard]] std::optional<Date> day(std::size_t i, Parse parse, const char* expected) const {
    const std::string_view value = trim(text(i));
    if (value.empty()) return std::nullopt;
    if (auto d = parse(value)) return d;
    fail(i, "date", "bad date '" + std::string(value) + "'", std::string("expected ") + expected);
  }
  /// Refuses a day of spec @p i before @p registered (spec @p registered_spec).
  void not_before(std::size_t i, const std::optional<Date>& day, Date registered, std::size_t registered_spec) const {
    if (day && *day < registered) {
      fail(i, "order", "date before the request was registered",
           to_iso(*day) + " is before " + std::string(header_.name(*header_.at(registered_spec))) + " " +
               to_iso(registered));
    }
  }
  [[nodiscard]] std::size_t line() const { return record_.row; }

 private:
  const LogCsv& csv_;
  const Header& header_;
  const CsvRecord& record_;
};

/// Refuses a key already seen (keys -> line of first use).
void check_unique(std::unordered_map<std::string, std::size_t>& seen, const std::string& key, const Row& row,
                  std::size_t spec) {
  const auto [it, added] = seen.emplace(key, row.line());
  if (!added) row.fail(spec, "duplicate", "request '" + key + "' appears twice", "first on line " + std::to_string(it->second));
}

CsvRecord first_record(LogCsv& csv) {
  CsvRecord record;
  if (!csv.next(record)) {
    throw ParseError(csv.format() + ".header", "the file is empty", Location::in_file(csv.source()),
                     "expected a header line");
  }
  return record;
}

/// "Closed" in any ASCII case: the one Status that marks a request as closed.
bool is_closed_status(std::string_view status) {
  constexpr std::string_view closed = "closed";
  if (status.size() != closed.size()) return false;
  for (std::size_t i = 0; i < closed.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(status[i])) != closed[i]) return false;
  return true;
}

constexpr const char* kNycDate = "MM/DD/YYYY hh:mm:ss AM|PM or YYYY-MM-DDThh:mm:ss[.fff]";
constexpr const char* kBoardDate = "YYYY/M/D or YYYY/M/D H:MM:SS";

}  // namespace

AppealLog parse_nyc311(std::istream& in, const std::string& source) {
  enum Col : std::size_t { Key, Created, Closed, Agency, AgencyName, Complaint, Descriptor, Status, Due, Resolution,
                           ResolutionDate, Channel };
  // The portal's CSV names and its API (SODA) field names, which exports through the API carry.
  const std::vector<ColumnSpec> specs = {
      {{"Unique Key", "unique_key"}, true},
      {{"Created Date", "created_date"}, true},
      {{"Closed Date", "closed_date"}, true},
      {{"Agency", "agency"}, true},
      {{"Agency Name", "agency_name"}, false},
      {{"Complaint Type", "complaint_type"}, false},
      {{"Descriptor", "descriptor"}, false},
      {{"Status", "status"}, true},
      {{"Due Date", "due_date"}, false},
      {{"Resolution Description", "resolution_description"}, false},
      {{"Resolution Action Updated Date", "resolution_action_updated_date"}, false},
      {{"Open Data Channel Type", "open_data_channel_type"}, false},
  };
  LogCsv csv(in, source, "nyc311");
  Header header("nyc311", csv.source());
  header.read(first_record(csv), specs);

  AppealLog log;
  log.root_code = "nyc311";
  log.root_name = "NYC 311";
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<bool> one_name;  // per agency: every row gave the same Agency Name
  CsvRecord record;
  while (csv.next(record, &header)) {
    throw_if_cancelled();  // a Ctrl-C from Python stops here, before anything is built
    const Row row(csv, header, record);
    RequestFacts facts;
    facts.code = row.required(Key);
    check_unique(seen, facts.code, row, Key);
    const auto created = row.day(Created, nyc_day, kNycDate);
    if (!created) row.fail(Created, "missing", "empty cell", "every request has a Created Date");
    facts.registered = *created;
    const std::optional<Date> closed = row.day(Closed, nyc_day, kNycDate);
    const std::optional<Date> resolved = row.day(ResolutionDate, nyc_day, kNycDate);
    facts.due = row.day(Due, nyc_day, kNycDate);
    const bool is_closed = is_closed_status(trim(row.text(Status)));
    if (is_closed) {
      if (!closed) row.fail(Closed, "missing", "empty cell", "a request with Status 'Closed' has a Closed Date");
      row.not_before(Closed, closed, facts.registered, Created);
      facts.closed = closed;
    }
    row.not_before(ResolutionDate, resolved, facts.registered, Created);
    row.not_before(Due, facts.due, facts.registered, Created);
    // Feedback: the earlier of the resolution update and the closing.
    facts.fed_back = resolved;
    if (facts.closed && (!facts.fed_back || *facts.closed < *facts.fed_back)) facts.fed_back = facts.closed;
    if (facts.fed_back) facts.feedback_note = std::string(trim(row.text(Resolution)));
    const std::string_view channel = trim(row.text(Channel));
    facts.channel = channel == "ONLINE" || channel == "MOBILE" ? AppealChannel::Online : AppealChannel::Hotline;
    const std::string_view complaint = trim(row.text(Complaint)), descriptor = trim(row.text(Descriptor));
    facts.subject = subject_of_complaint(complaint);
    facts.summary = std::string(complaint);
    if (!descriptor.empty()) facts.summary += (complaint.empty() ? "" : ": ") + std::string(descriptor);

    const std::string agency = row.required(Agency);
    const std::string agency_name(trim(row.text(AgencyName)));
    const std::size_t index = log.agency(agency, agency_name.empty() ? agency : agency_name);
    if (index == one_name.size()) one_name.push_back(true);
    else if (log.agencies[index].name != (agency_name.empty() ? agency : agency_name)) one_name[index] = false;

    log.requests.push_back({appeal_from(facts, "nyc311", row.where(Key)), index});
  }
  // An agency whose rows disagree on its name (DSNY rows name their districts) is named by its acronym.
  for (std::size_t i = 0; i < log.agencies.size(); ++i)
    if (!one_name[i]) log.agencies[i].name = log.agencies[i].key;
  return log;
}

AppealLog parse_cn_messages(std::istream& in, const std::string& source) {
  enum Col : std::size_t { Id, Posted, Subject, Reply, Replied, Category };
  const std::vector<ColumnSpec> specs = {
      {{"留言编号"}, true}, {{"留言时间"}, true}, {{"留言主题"}, false},
      {{"答复意见"}, false}, {{"答复时间"}, false}, {{"一级分类"}, false},
  };
  LogCsv csv(in, source, "cn_messages");
  Header header("cn_messages", csv.source());
  header.read(first_record(csv), specs);

  AppealLog log;
  log.root_code = "cn_messages";
  log.root_name = "留言板";
  std::unordered_map<std::string, std::size_t> seen;
  CsvRecord record;
  while (csv.next(record, &header)) {
    throw_if_cancelled();  // a Ctrl-C from Python stops here, before anything is built
    const Row row(csv, header, record);
    RequestFacts facts;
    facts.code = row.required(Id);
    check_unique(seen, facts.code, row, Id);
    const auto posted = row.day(Posted, board_day, kBoardDate);
    if (!posted) row.fail(Posted, "missing", "empty cell", "every message has its 留言时间");
    facts.registered = *posted;
    const auto replied = row.day(Replied, board_day, kBoardDate);
    const std::string_view reply = trim(row.text(Reply));
    if (!reply.empty() && !replied) row.fail(Replied, "missing", "empty cell", "a reply (答复意见) needs its 答复时间");
    row.not_before(Replied, replied, facts.registered, Posted);
    // The official reply answers the message and closes it on the board.
    facts.fed_back = replied;
    facts.closed = replied;
    facts.feedback_note = std::string(reply);
    facts.channel = AppealChannel::Online;
    facts.subject = subject_of_category(row.text(Category));
    facts.summary = std::string(trim(row.text(Subject)));
    log.requests.push_back({appeal_from(facts, "cn_messages", row.where(Id)), std::nullopt});
  }
  return log;
}

AppealLog parse_nyc311(const std::filesystem::path& path) {
  std::ifstream in = open_regular_file(path, {"nyc311.io", "cannot read NYC 311 file"});
  return parse_nyc311(in, path.string());
}

AppealLog parse_cn_messages(const std::filesystem::path& path) {
  std::ifstream in = open_regular_file(path, {"cn_messages.io", "cannot read message-board file"});
  return parse_cn_messages(in, path.string());
}

}  // namespace massline::io::detail
