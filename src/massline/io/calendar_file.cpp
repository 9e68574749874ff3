#include <massline/io/calendar_file.hpp>

#include <massline/io/detail/csv.hpp>
#include <massline/io/detail/read_file.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace massline::io {
namespace {

constexpr std::string_view kColumns[] = {"date", "kind", "note"};

/// The column's name for a field number (extra fields belong to the note, which may hold commas).
std::string column_name(std::size_t column) {
  return std::string(kColumns[std::min<std::size_t>(column == 0 ? 1 : column, 3) - 1]);
}

/// Runs @p read; the reader's own errors (an unclosed quote, bytes that are not UTF-8) become
/// "calendar.parse" too, so every malformed calendar file reports one code.
template <class F>
auto as_calendar_error(F&& read) {
  try {
    return read();
  } catch (const ParseError& e) {
    Location where = e.where();
    if (!where.column.empty()) where.column = column_name(std::stoul(where.column));
    throw ParseError("calendar.parse", e.summary(), std::move(where), e.why());
  }
}

/// The next record, with the reader's errors as "calendar.parse".
bool next_record(detail::CsvReader& reader, detail::CsvRecord& record) {
  return as_calendar_error([&] { return reader.next(record); });
}

}  // namespace

WorkCalendar read_calendar_csv(std::istream& in, const std::string& source, WeekdaySet weekend) {
  detail::CsvDialect dialect;
  dialect.trim_blanks = true;
  dialect.comment = '#';
  dialect.same_field_count = false;  // the note is optional and may hold unquoted commas
  auto reader = as_calendar_error([&] { return detail::CsvReader(in, source, dialect); });  // a UTF-16 mark
  detail::CsvRecord record;

  if (!next_record(reader, record)) {
    throw ParseError("calendar.parse", "calendar file has no header", Location::in_file(source),
                     "expected a first line 'date,kind' or 'date,kind,note'");
  }
  const auto& header = record.fields;
  if (header.size() < 2 || header.size() > 3 || header[0].text != "date" || header[1].text != "kind" ||
      (header.size() == 3 && header[2].text != "note")) {
    std::string text;
    for (const auto& field : header) text += (text.empty() ? "" : ",") + field.text;
    throw ParseError("calendar.parse", "bad calendar header '" + text + "'", Location::in_file(source, record.row),
                     "expected 'date,kind' or 'date,kind,note'");
  }

  std::map<Date, std::size_t> holiday_rows, workday_rows;  // day -> first row declaring it
  std::size_t declared_days = 0;                           // ranges day by day, for kMaxCalendarDays
  while (next_record(reader, record)) {
    const std::size_t row = record.row;
    const std::string_view first = record.fields[0].text;
    const std::string_view kind = record.fields.size() > 1 ? std::string_view(record.fields[1].text) : std::string_view();
    const auto date_at = [&](std::string_view s) {
      try {
        return parse_date(s);
      } catch (const InvalidArgument& e) {
        throw ParseError("calendar.parse", e.summary(), Location::in_file(source, row, "date"), e.why());
      }
    };
    const auto dots = first.find("..");
    const Date from = date_at(first.substr(0, dots));
    const Date to = dots == std::string_view::npos ? from : date_at(first.substr(dots + 2));
    if (to < from) {
      throw ParseError("calendar.parse", "date range ends before it starts", Location::in_file(source, row, "date"),
                       "got '" + std::string(first) + "'");
    }
    if (kind != "holiday" && kind != "workday") {
      throw ParseError("calendar.parse", "unknown kind '" + std::string(kind) + "'",
                       Location::in_file(source, row, "kind"), "expected 'holiday' or 'workday'");
    }
    const auto span = static_cast<std::size_t>((to - from).days()) + 1;
    if (span > kMaxCalendarDays - declared_days) {
      throw ParseError("calendar.parse", "calendar declares too many days", Location::in_file(source, row, "date"),
                       "a calendar file declares at most " + std::to_string(kMaxCalendarDays) +
                           " days (ranges counted day by day)");
    }
    declared_days += span;
    const bool holiday = kind == "holiday";
    auto& mine = holiday ? holiday_rows : workday_rows;
    const auto& other = holiday ? workday_rows : holiday_rows;
    for (Date day = from; day <= to; day += boost::gregorian::date_duration(1)) {
      if (auto it = other.find(day); it != other.end()) {
        throw InvalidArgument("calendar.conflict", to_iso(day) + " is both a holiday and an extra working day",
                              Location::in_file(source, row, "date"),
                              "also declared the other way in row " + std::to_string(it->second));
      }
      mine.emplace(day, row);
      if (day == to) break;  // stepping past 9999-12-31 would throw
    }
  }
  std::vector<Date> holidays, workdays;
  for (const auto& entry : holiday_rows) holidays.push_back(entry.first);
  for (const auto& entry : workday_rows) workdays.push_back(entry.first);
  return WorkCalendar(weekend, std::move(holidays), std::move(workdays));
}

WorkCalendar load_calendar_csv(const std::filesystem::path& path, WeekdaySet weekend) {
  std::ifstream in;
  try {
    in = detail::open_regular_file(path, {"file.unreadable", "cannot open calendar file"});
  } catch (const ParseError& e) {
    throw NotFound(e.code(), e.summary(), e.where(), e.why());  // the documented class of this failure
  }
  return read_calendar_csv(in, path.string(), weekend);
}

}  // namespace massline::io
