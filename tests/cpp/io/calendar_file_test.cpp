#include <massline/io/calendar_file.hpp>

#include <massline/core/utf8.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

namespace {

using massline::Date;
using massline::InvalidArgument;
using massline::make_date;
using massline::NotFound;
using massline::ParseError;
using massline::Period;
using massline::Weekday;
using massline::WeekdaySet;
using massline::WorkCalendar;
using massline::io::load_calendar_csv;
using massline::io::read_calendar_csv;

const std::string kChina2024 = std::string(MASSLINE_TEST_DATA_DIR) + "/calendar_cn_2024.csv";

Date d(int y, int m, int day) { return make_date(y, m, day); }

TEST(CalendarFile, China2024) {
  const WorkCalendar cal = load_calendar_csv(kChina2024);
  EXPECT_EQ(cal.holidays().size(), 1u + 8 + 3 + 5 + 1 + 3 + 7);
  EXPECT_EQ(cal.extra_working_days().size(), 8u);
  // Independent count: 2024 is a leap year starting on Monday, so it has 52 full weeks plus
  // Monday 30 and Tuesday 31 December: 52 * 5 + 2 = 262 weekdays. Holidays on weekdays:
  // Jan 1 (Mon) 1; Feb 12-16 (Mon-Fri; 10, 11, 17 are weekend) 5; Apr 4-5 (Thu, Fri) 2;
  // May 1-3 (Wed-Fri) 3; Jun 10 (Mon) 1; Sep 16-17 (Mon, Tue) 2; Oct 1-4 and 7 (Tue-Fri, Mon) 5
  // = 19. Make-up days, all on weekends: Feb 4, Feb 18, Apr 7, Apr 28, May 11, Sep 14, Sep 29,
  // Oct 12 = 8. So 262 - 19 + 8 = 251, i.e. 262 minus the 11 statutory holiday days of 2024.
  EXPECT_EQ(cal.working_days_in(Period::year(2024)), 251);
  // Per month, same reasoning: Jan 23-1, Feb 21-5+2, Sep 21-2+2, Oct 23-5+1.
  const long expected[12] = {22, 18, 21, 22, 21, 19, 23, 22, 21, 19, 21, 22};
  long sum = 0;
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(cal.working_days_in(Period::month(2024, m)), expected[m - 1]) << "month " << m;
    sum += expected[m - 1];
  }
  EXPECT_EQ(sum, 251);
  EXPECT_EQ(cal.working_days_in(Period::quarter(2024, 1)), 22 + 18 + 21);
  EXPECT_EQ(cal.working_days_in(Period::half_year(2024, 2)), 23 + 22 + 21 + 19 + 21 + 22);
  EXPECT_EQ(cal.working_days_between(d(2023, 12, 31), d(2024, 12, 31)), 251);

  EXPECT_TRUE(cal.is_working_day(d(2024, 2, 4)));    // Sunday, make-up day
  EXPECT_TRUE(cal.is_working_day(d(2024, 2, 18)));   // Sunday, make-up day
  EXPECT_TRUE(cal.is_working_day(d(2024, 2, 9)));    // Friday, New Year's Eve is not a holiday
  EXPECT_FALSE(cal.is_working_day(d(2024, 2, 12)));  // Monday in the Spring Festival
  EXPECT_FALSE(cal.is_working_day(d(2024, 2, 10)));  // Saturday inside the range
  EXPECT_FALSE(cal.is_working_day(d(2024, 6, 8)));   // plain weekend
  EXPECT_TRUE(cal.is_working_day(d(2024, 10, 12)));  // Saturday, make-up day

  // Registered Monday 30 Sep, "within 5 working days": Oct 1-7 are off, then Oct 8, 9, 10, 11
  // and the make-up Saturday Oct 12.
  EXPECT_EQ(cal.deadline(d(2024, 9, 30), 5), d(2024, 10, 12));
  // Registered Thursday 8 Feb, within 3: Fri 9 Feb, Sun 18 Feb (make-up), Mon 19 Feb.
  EXPECT_EQ(cal.deadline(d(2024, 2, 8), 3), d(2024, 2, 19));
  EXPECT_EQ(cal.deadline(d(2024, 2, 8), 0), d(2024, 2, 8));
  EXPECT_EQ(cal.next_working_day(d(2024, 2, 9)), d(2024, 2, 18));
  EXPECT_EQ(cal.previous_working_day(d(2024, 2, 18)), d(2024, 2, 9));
  EXPECT_EQ(cal.add_working_days(d(2024, 1, 1), 251), d(2024, 12, 31));
  EXPECT_EQ(cal.add_working_days(d(2024, 12, 31), -250), d(2024, 1, 2));
}

WorkCalendar from_text(const std::string& text) {
  std::istringstream in(text);
  return read_calendar_csv(in, "cal.csv");
}

template <class E>
E expect_error(const std::string& text) {
  try {
    (void)from_text(text);
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return E("none", "", {}, "");
}

TEST(CalendarFile, AcceptsCommentsBomCrlfAndRanges) {
  const WorkCalendar cal = from_text(
      "\xEF\xBB\xBF# comment\r\n\r\n  date , kind , note\r\n"
      "2024-05-01..2024-05-03 , holiday , Labour Day, with a comma\r\n"
      "   # indented comment\n"
      "2024-05-11,workday\n");
  EXPECT_EQ(cal.holidays().size(), 3u);
  ASSERT_EQ(cal.extra_working_days().size(), 1u);
  EXPECT_EQ(cal.extra_working_days().front(), d(2024, 5, 11));
  EXPECT_FALSE(cal.is_working_day(d(2024, 5, 2)));
  EXPECT_EQ(from_text("date,kind\n").holidays().size(), 0u);
  // The same range twice is fine.
  EXPECT_EQ(from_text("date,kind\n2024-01-01,holiday\n2024-01-01,holiday\n").holidays().size(), 1u);
  // Custom weekend through the loader.
  std::istringstream in("date,kind\n2024-01-05,workday\n");
  const WorkCalendar friday_off = read_calendar_csv(in, "x", WeekdaySet{Weekday::Friday});
  EXPECT_TRUE(friday_off.is_working_day(d(2024, 1, 5)));
  EXPECT_FALSE(friday_off.is_working_day(d(2024, 1, 12)));
  EXPECT_TRUE(friday_off.is_working_day(d(2024, 1, 13)));
}

TEST(CalendarFile, Errors) {
  {
    const auto e = expect_error<ParseError>("day,kind\n2024-01-01,holiday\n");
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().file, "cal.csv");
    EXPECT_EQ(e.where().row, 1u);
  }
  {
    const auto e = expect_error<ParseError>("# only a comment\n");
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_NE(std::string(e.what()).find("no header"), std::string::npos) << e.what();
  }
  {
    const auto e = expect_error<ParseError>("# c\ndate,kind,note\n2024-01-01,holiday\n2024-1-02,holiday\n");
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().row, 4u);  // line number, comments and header included
    EXPECT_EQ(e.where().column, "date");
    EXPECT_NE(std::string(e.what()).find("'2024-1-02'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cal.csv row 4 column 'date'"), std::string::npos) << e.what();
  }
  {
    const auto e = expect_error<ParseError>("date,kind\n2023-02-29,holiday\n");
    EXPECT_EQ(e.where().row, 2u);
    EXPECT_NE(std::string(e.what()).find("2023-02-29"), std::string::npos) << e.what();
  }
  {
    const auto e = expect_error<ParseError>("date,kind\n2024-05-05..2024-05-01,holiday\n");
    EXPECT_NE(std::string(e.what()).find("ends before it starts"), std::string::npos) << e.what();
  }
  {
    const auto e = expect_error<ParseError>("date,kind\n2024-05-05,vacation\n");
    EXPECT_EQ(e.where().column, "kind");
    EXPECT_NE(std::string(e.what()).find("'vacation'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(expect_error<ParseError>("date,kind\n2024-05-05\n").where().column, "kind");
  EXPECT_EQ(expect_error<ParseError>("date,kind\n2024-05-05..,holiday\n").where().column, "date");
  {
    const auto e = expect_error<InvalidArgument>(
        "date,kind\n2024-02-10..2024-02-17,holiday\n2024-02-04,workday\n2024-02-17,workday\n");
    EXPECT_EQ(e.code(), "calendar.conflict");
    EXPECT_EQ(e.where().row, 4u);
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2024-02-17"), std::string::npos) << e.what();
  }
  try {
    (void)load_calendar_csv("/nonexistent/calendar.csv");
    FAIL() << "expected NotFound";
  } catch (const NotFound& e) {
    EXPECT_EQ(e.code(), "file.unreadable");
    EXPECT_EQ(e.where().file, "/nonexistent/calendar.csv");
  }
}


TEST(CalendarFile, QuotedFieldsFollowTheCsvReader) {
  // A note may be quoted (then it may hold line breaks); the row of the next line counts them.
  const WorkCalendar cal = from_text(
      "date,kind,note\n"
      "2024-05-01,\"holiday\",\"Labour Day,\nsecond line\"\n"
      "2024-05-11,workday\n");
  EXPECT_EQ(cal.holidays().size(), 1u);
  EXPECT_EQ(cal.extra_working_days().size(), 1u);
  {
    const auto e = expect_error<ParseError>("date,kind\n2024-05-01,holiday,\"open note\n2024-05-02,holiday\n");
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().row, 2u);
    EXPECT_EQ(e.where().column, "note");
    EXPECT_NE(std::string(e.what()).find("quoted field is never closed"), std::string::npos) << e.what();
  }
  {
    const auto e = expect_error<ParseError>("date,kind\n\"2024-05-01\"x,holiday\n");
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().column, "date");
  }
  {
    const auto e = expect_error<InvalidArgument>("date,kind,note\n2024-05-01,holiday,\"a\nb\"\n2024-05-01,workday\n");
    EXPECT_EQ(e.code(), "calendar.conflict");
    EXPECT_EQ(e.where().row, 4u);
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
  }
}

TEST(CalendarFile, HostileInputsAreLocatedErrors) {
  // Not UTF-8: the message names the byte offset and is itself valid UTF-8.
  {
    const std::string text = "date,kind,note\n2024-01-01,holiday,caf\xE9\n";
    const auto e = expect_error<ParseError>(text);
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().row, 2u);
    EXPECT_NE(std::string(e.what()).find("byte offset " + std::to_string(text.find('\xE9'))), std::string::npos) << e.what();
    EXPECT_EQ(massline::utf8_invalid_offset(e.what()), std::string_view(e.what()).size());
  }
  // UTF-16 with its byte order mark.
  {
    const auto e = expect_error<ParseError>(std::string("\xFF\xFE" "d\0a\0t\0e\0", 10));
    EXPECT_NE(std::string(e.what()).find("UTF-16"), std::string::npos) << e.what();
  }
  // Ranges counted day by day: every representable day once fits, twice does not.
  {
    const std::string all = "1400-01-01..9999-12-31,holiday\n";
    std::istringstream once("date,kind\n" + all);
    EXPECT_NO_THROW((void)read_calendar_csv(once, "cal.csv"));
    const auto e = expect_error<ParseError>("date,kind\n" + all + all);
    EXPECT_EQ(e.code(), "calendar.parse");
    EXPECT_EQ(e.where().row, 3u);
  }
  // Only regular files: /dev/zero and a directory are refused by name, before reading.
  for (const auto& path : {std::string("/dev/zero"), std::string(MASSLINE_TEST_DATA_DIR)}) {
    try {
      (void)load_calendar_csv(path);
      FAIL() << "loaded " << path;
    } catch (const NotFound& e) {
      EXPECT_EQ(e.code(), "file.unreadable");
      EXPECT_EQ(e.where().file, path);
    }
  }
}

}  // namespace
