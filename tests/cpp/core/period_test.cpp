#include <massline/core/period.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using massline::Date;
using massline::InvalidArgument;
using massline::Period;
using massline::PeriodKind;

std::string span(const Period& p) { return massline::to_iso(p.first()) + ".." + massline::to_iso(p.last()); }

TEST(Period, Year) {
  const Period y = Period::year(2024);
  EXPECT_EQ(y.kind(), PeriodKind::Year);
  EXPECT_EQ(span(y), "2024-01-01..2024-12-31");
  EXPECT_EQ(y.days(), 366);
  EXPECT_EQ(Period::year(2023).days(), 365);
  EXPECT_EQ(y.label(), "2024");
  EXPECT_EQ(y.next(), Period::year(2025));
}

TEST(Period, HalfYears) {
  EXPECT_EQ(span(Period::half_year(2024, 1)), "2024-01-01..2024-06-30");
  EXPECT_EQ(span(Period::half_year(2024, 2)), "2024-07-01..2024-12-31");
  EXPECT_EQ(Period::half_year(2024, 1).days() + Period::half_year(2024, 2).days(), 366);
  EXPECT_EQ(Period::half_year(2024, 2).label(), "2024-H2");
  EXPECT_EQ(Period::half_year(2024, 1).next(), Period::half_year(2024, 2));
  EXPECT_EQ(Period::half_year(2024, 2).next(), Period::half_year(2025, 1));
}

TEST(Period, Quarters) {
  const char* expected[4] = {"2024-01-01..2024-03-31", "2024-04-01..2024-06-30", "2024-07-01..2024-09-30",
                             "2024-10-01..2024-12-31"};
  for (int q = 1; q <= 4; ++q) {
    const Period p = Period::quarter(2024, q);
    EXPECT_EQ(span(p), expected[q - 1]) << "quarter " << q;
    EXPECT_EQ(p.kind(), PeriodKind::Quarter);
    EXPECT_EQ(p.label(), "2024-Q" + std::to_string(q));
  }
  EXPECT_EQ(Period::quarter(2023, 1).days(), 90);
  EXPECT_EQ(Period::quarter(2024, 1).days(), 91);
  EXPECT_EQ(Period::quarter(2024, 4).next(), Period::quarter(2025, 1));
  EXPECT_EQ(Period::quarter(2024, 2).next(), Period::quarter(2024, 3));
}

TEST(Period, Months) {
  EXPECT_EQ(span(Period::month(2024, 2)), "2024-02-01..2024-02-29");
  EXPECT_EQ(span(Period::month(2023, 2)), "2023-02-01..2023-02-28");
  EXPECT_EQ(Period::month(2024, 7).label(), "2024-07");
  EXPECT_EQ(Period::month(2024, 11).label(), "2024-11");
  EXPECT_EQ(Period::month(2024, 12).next(), Period::month(2025, 1));
  int days = 0;
  Period m = Period::month(2024, 1);
  for (int i = 0; i < 12; ++i, m = m.next()) days += static_cast<int>(m.days());
  EXPECT_EQ(days, 366);
  EXPECT_EQ(m, Period::month(2025, 1));
}

TEST(Period, CustomRanges) {
  const Period p(Date(2024, 3, 1), Date(2024, 5, 15));
  EXPECT_EQ(p.kind(), PeriodKind::Custom);
  EXPECT_EQ(p.label(), "2024-03-01..2024-05-15");
  EXPECT_EQ(p.days(), 31 + 30 + 15);
  EXPECT_TRUE(p.contains(Date(2024, 3, 1)));
  EXPECT_TRUE(p.contains(Date(2024, 5, 15)));
  EXPECT_FALSE(p.contains(Date(2024, 5, 16)));
  EXPECT_FALSE(p.contains(Date(2024, 2, 29)));
  const Period next = p.next();
  EXPECT_EQ(next.first(), Date(2024, 5, 16));
  EXPECT_EQ(next.days(), p.days());
  const Period one(Date(2024, 1, 1), Date(2024, 1, 1));
  EXPECT_EQ(one.days(), 1);
  EXPECT_EQ(one.next(), Period(Date(2024, 1, 2), Date(2024, 1, 2)));
  // Same dates, different kind: not equal.
  EXPECT_FALSE(Period(Date(2024, 1, 1), Date(2024, 12, 31)) == Period::year(2024));
}

TEST(Period, InvalidArguments) {
  try {
    (void)Period(Date(2024, 5, 1), Date(2024, 4, 30));
    FAIL() << "period ending before start accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "period.invalid");
    EXPECT_NE(std::string(e.what()).find("2024-05-01 .. 2024-04-30"), std::string::npos) << e.what();
  }
  for (int half : {0, 3, -1}) {
    try {
      (void)Period::half_year(2024, half);
      ADD_FAILURE() << "half " << half;
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "period.invalid");
      EXPECT_NE(e.summary().find("got " + std::to_string(half)), std::string::npos) << e.what();
    }
  }
  for (int quarter : {0, 5}) {
    try {
      (void)Period::quarter(2024, quarter);
      ADD_FAILURE() << "quarter " << quarter;
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "period.invalid");
      EXPECT_NE(e.summary().find("quarter must be 1..4, got " + std::to_string(quarter)), std::string::npos);
    }
  }
  for (int month : {0, 13}) {
    try {
      (void)Period::month(2024, month);
      ADD_FAILURE() << "month " << month;
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "date.invalid");
    }
  }
  EXPECT_THROW((void)Period::year(1399), InvalidArgument);
  EXPECT_THROW((void)Period::year(10000), InvalidArgument);
  // not-a-date bounds are rejected whichever side they are on.
  EXPECT_THROW((void)Period(Date(2024, 1, 1), Date()), InvalidArgument);
  EXPECT_THROW((void)Period(Date(), Date(2024, 1, 1)), InvalidArgument);
  EXPECT_THROW((void)Period(Date(), Date()), InvalidArgument);
}

TEST(Period, NextAtTheEndOfTime) {
  for (const Period& last : {Period::year(9999), Period::half_year(9999, 2), Period::quarter(9999, 4),
                             Period::month(9999, 12), Period(Date(9999, 12, 1), Date(9999, 12, 31))}) {
    try {
      (void)last.next();
      ADD_FAILURE() << last.label();
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "period.out_of_range") << last.label();
    }
  }
  // A custom range that still fits.
  EXPECT_EQ(Period(Date(9999, 12, 1), Date(9999, 12, 15)).next().last(), Date(9999, 12, 30));
  EXPECT_THROW((void)Period(Date(9999, 12, 1), Date(9999, 12, 16)).next(), InvalidArgument);
}

}  // namespace
