#pragma once
/// @file
/// The working-day calendar file: public holidays and make-up working days as CSV, so that
/// holidays are data, never code. The format is described in docs/formats.md ("Working-day
/// calendar"); the calendar itself is massline::WorkCalendar (core).

#include <massline/core/calendar.hpp>

#include <cstddef>
#include <filesystem>
#include <istream>
#include <string>

namespace massline::io {

/// Most days one calendar file may declare, ranges counted day by day (repeats included):
/// every day from 0001 to 9999 fits once. Bounds the time and memory of reading any file.
inline constexpr std::size_t kMaxCalendarDays = 4'000'000;

/// Reads a calendar CSV ("date,kind[,note]"; kind holiday|workday; date may be a range
/// "YYYY-MM-DD..YYYY-MM-DD"). @p source names the input in errors; @p weekend is not in the
/// file. Throws ParseError "calendar.parse" for a malformed file, located by file, row (the
/// line number, header and comments included) and column ("date", "kind" or "note"), and
/// InvalidArgument "calendar.conflict" for a day declared both ways, naming both rows.
/// Input that is not UTF-8 (or starts with a UTF-16 byte order mark), a line over
/// detail::kMaxCsvRecordBytes and more than kMaxCalendarDays days are "calendar.parse" too.
[[nodiscard]] WorkCalendar read_calendar_csv(std::istream& in, const std::string& source = "<stream>",
                                             WeekdaySet weekend = WorkCalendar::saturday_sunday());

/// read_calendar_csv on a file; throws NotFound "file.unreadable", naming the file, when it
/// cannot be opened or is not a regular file (a directory, a FIFO, /dev/zero).
[[nodiscard]] WorkCalendar load_calendar_csv(const std::filesystem::path& path,
                                             WeekdaySet weekend = WorkCalendar::saturday_sunday());

}  // namespace massline::io
