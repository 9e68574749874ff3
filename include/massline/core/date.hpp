#pragma once
/// @file
/// Calendar dates are Boost.Date_Time Gregorian dates; this header adds checked construction
/// and ISO-8601 parsing/formatting with located errors.

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <massline/core/error.hpp>

#include <string>
#include <string_view>

namespace massline {

/// A calendar day (proleptic Gregorian, 1400-01-01 .. 9999-12-31).
using Date = boost::gregorian::date;

/// Builds a date, throwing InvalidArgument (code "date.invalid") for e.g. 2023-02-29.
inline Date make_date(int year, int month, int day, const Location& where = {}) {
  if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > boost::gregorian::gregorian_calendar::end_of_month_day(
                static_cast<unsigned short>(year), static_cast<unsigned short>(month))) {
    const std::string text = std::to_string(year) + '-' + std::to_string(month) + '-' + std::to_string(day);
    throw InvalidArgument("date.invalid", "invalid date " + text, where,
                          "not a day of the Gregorian calendar between 1400 and 9999");
  }
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

/// Parses "YYYY-MM-DD" strictly (exactly that shape), throwing InvalidArgument with @p where.
inline Date parse_date(std::string_view text, const Location& where = {}) {
  auto bad = [&](const char* why) {
    return InvalidArgument("date.invalid", "invalid date '" + std::string(text) + "'", where, why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad("expected YYYY-MM-DD");
  auto number = [&](std::size_t pos, std::size_t len) {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {  // from_chars alone would accept a '-' sign
      if (text[i] < '0' || text[i] > '9') throw bad("expected YYYY-MM-DD with digits only");
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  try {
    return make_date(year, month, day, where);
  } catch (const InvalidArgument& e) {
    throw bad(e.why().c_str());  // quote the text as given, not the re-formatted numbers
  }
}

/// Formats as "YYYY-MM-DD" ("not-a-date" for special values).
inline std::string to_iso(Date date) {
  if (date.is_special()) return "not-a-date";
  const auto ymd = date.year_month_day();
  // Digit by digit (years are 1400 .. 9999): stores and files format millions of dates.
  const unsigned year = ymd.year, month = ymd.month, day = ymd.day;
  std::string text = "0000-00-00";
  text[0] = static_cast<char>('0' + year / 1000);
  text[1] = static_cast<char>('0' + year / 100 % 10);
  text[2] = static_cast<char>('0' + year / 10 % 10);
  text[3] = static_cast<char>('0' + year % 10);
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[8] = static_cast<char>('0' + day / 10);
  text[9] = static_cast<char>('0' + day % 10);
  return text;
}

}  // namespace massline
