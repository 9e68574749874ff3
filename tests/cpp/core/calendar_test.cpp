#include <massline/core/calendar.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using massline::Date;
using massline::InvalidArgument;
using massline::make_date;
using massline::Period;
using massline::to_iso;
using massline::Weekday;
using massline::WeekdaySet;
using massline::WorkCalendar;
using boost::gregorian::date_duration;

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

}  // namespace
