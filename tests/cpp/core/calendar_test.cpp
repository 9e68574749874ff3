#include <massline/core/calendar.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using massline::Date;
using massline::InvalidArgument;
using massline::make_date;
using massline::NotFound;
using massline::ParseError;
using massline::Period;
using massline::to_iso;
using massline::Weekday;
using massline::WeekdaySet;
using massline::WorkCalendar;
using boost::gregorian::date_duration;

const std::string kChina2024 = std::string(MASSLINE_TEST_DATA_DIR) + "/calendar_cn_2024.csv";

Date d(int y, int m, int day) { return make_date(y, m, day); }

/// Day-by-day reference, written independently of WorkCalendar's week arithmetic.
struct Reference {
  WeekdaySet weekend;
  std::set<Date> holidays, workdays;
  [[nodiscard]] bool working(Date day) const {
    if (holidays.count(day) != 0) return false;
    if (workdays.count(day) != 0) return true;
    return !weekend.test(static_cast<Weekday>(day.day_of_week().as_number()));
  }
  /// Signed count with the documented convention: (a, b] forward, -[b, a) backward.
  [[nodiscard]] long between(Date a, Date b) const {
    long n = 0;
    if (a <= b) {
      for (Date x = a + date_duration(1); x <= b; x += date_duration(1)) n += working(x) ? 1 : 0;
      return n;
    }
    for (Date x = b; x < a; x += date_duration(1)) n += working(x) ? 1 : 0;
    return -n;
  }
  [[nodiscard]] Date add(Date start, long n) const {
    Date x = start;
    const date_duration step(n > 0 ? 1 : -1);
    for (long left = n > 0 ? n : -n; left > 0;) {
      x += step;
      if (working(x)) --left;
    }
    return x;
  }
};

TEST(WorkCalendar, DefaultWeekendIsSaturdaySunday) {
  const WorkCalendar cal;
  // 2024-01-01 was a Monday.
  for (int day = 1; day <= 7; ++day) {
    EXPECT_EQ(cal.is_working_day(d(2024, 1, day)), day <= 5) << to_iso(d(2024, 1, day));
  }
  EXPECT_EQ(cal.weekend(), WorkCalendar::saturday_sunday());
  EXPECT_TRUE(cal.holidays().empty());
  EXPECT_TRUE(cal.extra_working_days().empty());
}

TEST(WorkCalendar, CountingConventions) {
  const WorkCalendar cal;
  const Date mon = d(2024, 1, 8), fri = d(2024, 1, 12), sat = d(2024, 1, 13), sun = d(2024, 1, 14);
  EXPECT_EQ(cal.working_days_between(mon, fri), 4);   // Tue..Fri, start not counted
  EXPECT_EQ(cal.working_days_between(fri, mon + date_duration(7)), 1);  // next Monday only
  EXPECT_EQ(cal.working_days_between(mon, mon), 0);
  EXPECT_EQ(cal.working_days_between(sat, sun), 0);
  EXPECT_EQ(cal.working_days_between(fri, mon), -4);  // [Mon, Fri) = Mon..Thu
  EXPECT_EQ(cal.working_days_between(sun, fri), -1);  // [Fri, Sun) = Fri, Sat
  EXPECT_EQ(cal.working_days_between(d(2024, 1, 1), d(2024, 12, 31)), 261);  // 262 weekdays minus Jan 1

  EXPECT_EQ(cal.add_working_days(fri, 1), d(2024, 1, 15));
  EXPECT_EQ(cal.add_working_days(sat, 1), d(2024, 1, 15));
  EXPECT_EQ(cal.add_working_days(sun, -1), fri);
  EXPECT_EQ(cal.add_working_days(mon, -1), d(2024, 1, 5));
  EXPECT_EQ(cal.add_working_days(sat, 0), sat);  // n == 0 is the start itself, worked or not
  EXPECT_EQ(cal.add_working_days(mon, 10), d(2024, 1, 22));
  EXPECT_EQ(cal.next_working_day(fri), d(2024, 1, 15));
  EXPECT_EQ(cal.next_working_day(mon), d(2024, 1, 9));
  EXPECT_EQ(cal.previous_working_day(mon), d(2024, 1, 5));
  EXPECT_EQ(cal.previous_working_day(sun), fri);
  EXPECT_EQ(cal.working_days_in(Period::month(2024, 2)), 21);  // leap February starting Thursday
  EXPECT_EQ(cal.working_days_in(Period(sat, sun)), 0);
}

TEST(WorkCalendar, China2024FromCsv) {
  const WorkCalendar cal = WorkCalendar::load_csv(kChina2024);
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

TEST(WorkCalendar, MatchesDayByDayReference) {
  std::mt19937 gen(20240101);
  const std::vector<WeekdaySet> weekends = {
      WorkCalendar::saturday_sunday(), WeekdaySet{}, WeekdaySet{Weekday::Friday},
      WeekdaySet{Weekday::Sunday, Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday,
                 Weekday::Friday}};
  for (const WeekdaySet weekend : weekends) {
    Reference ref{weekend, {}, {}};
    std::uniform_int_distribution<int> offset(0, 3 * 366);
    const Date base = d(2023, 1, 1);
    std::vector<Date> holidays, workdays;
    for (int i = 0; i < 60; ++i) {
      const Date h = base + date_duration(offset(gen));
      if (ref.workdays.count(h) == 0 && ref.holidays.insert(h).second) holidays.push_back(h);
      const Date w = base + date_duration(offset(gen));
      if (ref.holidays.count(w) == 0 && ref.workdays.insert(w).second) workdays.push_back(w);
    }
    const WorkCalendar cal(weekend, holidays, workdays);
    for (int i = 0; i < 400; ++i) {
      const Date a = base + date_duration(offset(gen) - 20);
      const Date b = base + date_duration(offset(gen) - 20);
      ASSERT_EQ(cal.is_working_day(a), ref.working(a)) << "weekend bits " << weekend.bits() << " day " << to_iso(a);
      ASSERT_EQ(cal.working_days_between(a, b), ref.between(a, b))
          << "weekend bits " << weekend.bits() << " a=" << to_iso(a) << " b=" << to_iso(b);
      const long n = std::uniform_int_distribution<long>(-300, 300)(gen);
      const Date moved = cal.add_working_days(a, n);
      ASSERT_EQ(moved, ref.add(a, n)) << "weekend bits " << weekend.bits() << " start=" << to_iso(a) << " n=" << n;
      ASSERT_EQ(cal.working_days_between(a, moved), n) << "start=" << to_iso(a) << " n=" << n;
      if (n != 0) {
        ASSERT_TRUE(cal.is_working_day(moved)) << to_iso(moved);
      }
    }
  }
}

TEST(WorkCalendar, WholeSupportedRange) {
  const Date first = d(1400, 1, 1), last = d(9999, 12, 31);
  const WorkCalendar cal(WorkCalendar::saturday_sunday(), {d(2024, 1, 1), d(2024, 1, 6)}, {d(2024, 1, 7)});
  // Brute force once over the 3.1 million days: a plain weekday counter, no date arithmetic.
  const long span = (last - first).days() + 1;
  const long holiday = (d(2024, 1, 1) - first).days(), workday = (d(2024, 1, 7) - first).days();
  long brute = 0;
  int weekday = first.day_of_week().as_number();  // Sunday = 0
  for (long i = 0; i < span; ++i, weekday = (weekday + 1) % 7) {
    const bool work = i == workday || (i != holiday && weekday != 0 && weekday != 6);
    brute += work ? 1 : 0;
  }
  EXPECT_EQ(cal.working_days_in(Period(first, last)), brute);
  EXPECT_EQ(cal.working_days_between(first, last), brute - (cal.is_working_day(first) ? 1 : 0));
  const Date last_working = cal.previous_working_day(last);  // 9999-12-31 is a Friday
  EXPECT_EQ(last_working, d(9999, 12, 30));
  // 1400-01-01 is a Wednesday.
  EXPECT_EQ(cal.add_working_days(first, brute - 1), last);
  try {
    (void)cal.add_working_days(first, brute);
    FAIL() << "expected calendar.out_of_range";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.out_of_range");
    EXPECT_NE(std::string(e.what()).find("1400-01-01 + "), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)cal.previous_working_day(first), InvalidArgument);
  EXPECT_THROW((void)cal.next_working_day(last), InvalidArgument);
  EXPECT_THROW((void)cal.add_working_days(last, -brute), InvalidArgument);
  EXPECT_THROW((void)cal.add_working_days(first, std::numeric_limits<std::int64_t>::max()), InvalidArgument);
  EXPECT_THROW((void)cal.add_working_days(last, std::numeric_limits<std::int64_t>::min()), InvalidArgument);
}

TEST(WorkCalendar, AddingDaysAndConflicts) {
  WorkCalendar cal;
  cal.add_holiday(d(2024, 5, 1));
  cal.add_holiday(d(2024, 5, 1));  // idempotent
  cal.add_holiday(d(2024, 5, 4));  // a Saturday: recorded, changes nothing
  cal.add_working_day(d(2024, 5, 11));
  EXPECT_EQ(cal.holidays().size(), 2u);
  EXPECT_FALSE(cal.is_working_day(d(2024, 5, 1)));
  EXPECT_TRUE(cal.is_working_day(d(2024, 5, 11)));
  EXPECT_EQ(cal.working_days_in(Period::month(2024, 5)), 23 - 1 + 1);
  try {
    cal.add_working_day(d(2024, 5, 1), massline::Location::of("calendar", "workday"));
    FAIL() << "expected calendar.conflict";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.conflict");
    EXPECT_EQ(e.summary(), "2024-05-01 is both a holiday and an extra working day");
    EXPECT_EQ(e.where().entity, "calendar");
  }
  try {
    cal.add_holiday(d(2024, 5, 11));
    FAIL() << "expected calendar.conflict";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.conflict");
    EXPECT_NE(std::string(e.what()).find("2024-05-11"), std::string::npos) << e.what();
  }
  try {
    const WorkCalendar bad(WorkCalendar::saturday_sunday(), {d(2024, 2, 4)}, {d(2024, 2, 4)});
    FAIL() << "expected calendar.conflict";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.conflict");
  }
  EXPECT_THROW(cal.add_holiday(Date()), InvalidArgument);
  EXPECT_THROW((void)cal.is_working_day(Date(boost::gregorian::pos_infin)), InvalidArgument);
}

TEST(WorkCalendar, InvalidArguments) {
  const WeekdaySet all_week{Weekday::Sunday, Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday,
                            Weekday::Thursday, Weekday::Friday, Weekday::Saturday};
  try {
    const WorkCalendar never(all_week);
    FAIL() << "expected calendar.invalid_weekend";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.invalid_weekend");
  }
  EXPECT_THROW(WorkCalendar(WeekdaySet::from_bits(1u << 9)), InvalidArgument);
  const WorkCalendar cal;
  try {
    (void)cal.deadline(d(2024, 1, 1), -1);
    FAIL() << "expected calendar.invalid_count";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "calendar.invalid_count");
    EXPECT_NE(std::string(e.what()).find("-1"), std::string::npos) << e.what();
  }
  try {
    (void)cal.working_days_between(Date(), d(2024, 1, 1));
    FAIL() << "expected date.invalid";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "date.invalid");
  }
}

WorkCalendar from_text(const std::string& text) {
  std::istringstream in(text);
  return WorkCalendar::read_csv(in, "cal.csv");
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

TEST(WorkCalendarCsv, AcceptsCommentsBomCrlfAndRanges) {
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
  const WorkCalendar friday_off = WorkCalendar::read_csv(in, "x", WeekdaySet{Weekday::Friday});
  EXPECT_TRUE(friday_off.is_working_day(d(2024, 1, 5)));
  EXPECT_FALSE(friday_off.is_working_day(d(2024, 1, 12)));
  EXPECT_TRUE(friday_off.is_working_day(d(2024, 1, 13)));
}

TEST(WorkCalendarCsv, Errors) {
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
    (void)WorkCalendar::load_csv("/nonexistent/calendar.csv");
    FAIL() << "expected NotFound";
  } catch (const NotFound& e) {
    EXPECT_EQ(e.code(), "file.unreadable");
    EXPECT_EQ(e.where().file, "/nonexistent/calendar.csv");
  }
}

}  // namespace
