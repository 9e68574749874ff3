#include <massline/core/date.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using massline::Date;
using massline::InvalidArgument;
using massline::Location;
using massline::make_date;
using massline::parse_date;
using massline::to_iso;

TEST(Date, MakeValidDates) {
  EXPECT_EQ(make_date(2024, 2, 29), Date(2024, 2, 29));  // leap year
  EXPECT_EQ(make_date(2000, 2, 29), Date(2000, 2, 29));  // divisible by 400
  EXPECT_EQ(make_date(1400, 1, 1), Date(1400, 1, 1));
  EXPECT_EQ(make_date(9999, 12, 31), Date(9999, 12, 31));
  EXPECT_EQ(make_date(2023, 4, 30).day(), 30);
}

TEST(Date, MakeRejectsInvalidDates) {
  struct Case {
    int y, m, d;
  };
  const std::vector<Case> bad = {{2023, 2, 29}, {1900, 2, 29}, {2024, 2, 30}, {2024, 4, 31}, {2024, 13, 1},
                                 {2024, 0, 1},  {2024, 1, 0},  {2024, 1, 32}, {1399, 12, 31}, {10000, 1, 1},
                                 {-1, 1, 1},    {2024, -1, 1}};
  for (const auto& c : bad) {
    try {
      (void)make_date(c.y, c.m, c.d, Location::of("household 3", "registered"));
      ADD_FAILURE() << "accepted " << c.y << '-' << c.m << '-' << c.d;
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "date.invalid") << c.y << '-' << c.m << '-' << c.d;
      EXPECT_EQ(e.where().entity, "household 3");
      EXPECT_EQ(e.where().field, "registered");
      EXPECT_NE(std::string(e.what()).find(std::to_string(c.y)), std::string::npos) << e.what();
    }
  }
}

TEST(Date, ParseStrictIso) {
  EXPECT_EQ(parse_date("2024-01-01"), Date(2024, 1, 1));
  EXPECT_EQ(parse_date("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(parse_date("1400-01-01"), Date(1400, 1, 1));
  EXPECT_EQ(parse_date("9999-12-31"), Date(9999, 12, 31));
}

TEST(Date, ParseRejectsBadText) {
  const std::vector<std::string> bad = {"2024-1-01",  "2024-13-01", "2023-02-29", "2024-00-10", "2024-01-00",
                                        "2024-01-32", "24-01-01",   "2024/01/01", "20240101",   "",
                                        "2024-01-01 ", " 2024-01-01", "2024-0a-01", "2024--1-01", "-024-01-01",
                                        "+024-01-01", "2024-01-+1", "1399-12-31", "abcd-ef-gh", "2024-01-011"};
  for (const auto& text : bad) {
    try {
      (void)parse_date(text, Location::in_file("visits.csv", 12, "date"));
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "date.invalid") << text;
      EXPECT_EQ(e.summary(), "invalid date '" + text + "'") << text;  // quotes the input as given
      EXPECT_EQ(e.where().file, "visits.csv");
      EXPECT_EQ(e.where().row, 12u);
      EXPECT_EQ(e.where().column, "date");
      EXPECT_FALSE(e.why().empty()) << text;
    }
  }
}

TEST(Date, ParseErrorExplainsWhy) {
  try {
    (void)parse_date("2024-1-01");
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.why(), "expected YYYY-MM-DD");
  }
  try {
    (void)parse_date("2023-02-29");
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_NE(e.why().find("not a day of the Gregorian calendar"), std::string::npos) << e.why();
  }
  try {
    (void)parse_date("2024-0x-01");
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.why(), "expected YYYY-MM-DD with digits only");
  }
}

TEST(Date, ToIsoRoundTrip) {
  EXPECT_EQ(to_iso(Date(2024, 3, 5)), "2024-03-05");
  EXPECT_EQ(to_iso(Date(1999, 12, 31)), "1999-12-31");
  EXPECT_EQ(to_iso(Date()), "not-a-date");
  for (const char* text : {"2024-01-01", "2024-02-29", "1400-01-01", "9999-12-31", "2031-10-09"}) {
    EXPECT_EQ(to_iso(parse_date(text)), text);
  }
}

}  // namespace
