#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <type_traits>

namespace {

using massline::Error;
using massline::InvalidArgument;
using massline::Location;

TEST(Location, EmptyByDefault) {
  const Location where;
  EXPECT_TRUE(where.empty());
  EXPECT_EQ(where.to_string(), "");
}

TEST(Location, FormatsOnlyThePartsPresent) {
  EXPECT_EQ(Location::in_file("households.csv", 4, "level").to_string(), "households.csv row 4 column 'level'");
  EXPECT_EQ(Location::in_file("households.csv").to_string(), "households.csv");
  EXPECT_EQ(Location::in_file("households.csv", 7).to_string(), "households.csv row 7");
  EXPECT_EQ(Location::of("household 12", "unit").to_string(), "household 12 field 'unit'");
  EXPECT_EQ(Location::of("household 12").to_string(), "household 12");

  Location all = Location::in_file("h.csv", 4, "level");
  all.entity = "household 12";
  all.field = "unit";
  EXPECT_FALSE(all.empty());
  // The documented shape: comma right after the file part, no space before it.
  EXPECT_EQ(all.to_string(), "h.csv row 4 column 'level', household 12 field 'unit'");

  Location field_only;
  field_only.field = "parent";
  EXPECT_EQ(field_only.to_string(), "field 'parent'");
  EXPECT_FALSE(field_only.empty());
  Location row_only;
  row_only.row = 3;
  EXPECT_FALSE(row_only.empty());
  EXPECT_EQ(row_only.to_string(), "row 3");
}

TEST(Error, MessageFormatAndAccessors) {
  const InvalidArgument e("integrity.dangling", "pairing points to a missing household",
                          Location::of("pairing 3", "household"), "household 99 does not exist");
  EXPECT_EQ(e.code(), "integrity.dangling");
  EXPECT_EQ(e.summary(), "pairing points to a missing household");
  EXPECT_EQ(e.where().entity, "pairing 3");
  EXPECT_EQ(e.where().field, "household");
  EXPECT_EQ(e.why(), "household 99 does not exist");
  EXPECT_STREQ(e.what(),
               "[massline.integrity.dangling] pairing points to a missing household "
               "(at pairing 3 field 'household'): household 99 does not exist");

  const Error bare("x.y", "something", {}, "");
  EXPECT_STREQ(bare.what(), "[massline.x.y] something");
  const Error no_location("x.y", "something", {}, "because");
  EXPECT_STREQ(no_location.what(), "[massline.x.y] something: because");
}

TEST(Error, HierarchyIsCatchableAsBaseAndStd) {
  static_assert(std::is_base_of_v<std::runtime_error, Error>);
  static_assert(std::is_base_of_v<Error, massline::InvalidArgument>);
  static_assert(std::is_base_of_v<Error, massline::NotFound>);
  static_assert(std::is_base_of_v<Error, massline::IntegrityError>);
  static_assert(std::is_base_of_v<Error, massline::ParseError>);
  static_assert(std::is_base_of_v<Error, massline::ConvergenceError>);
  static_assert(std::is_base_of_v<Error, massline::StateError>);
  try {
    throw massline::ParseError("csv.columns", "wrong column count", Location::in_file("a.csv", 2), "expected 3");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "csv.columns");
    EXPECT_EQ(e.where().row, 2u);
  }
  try {
    throw massline::StateError("sim.not_run", "results read before run()", {}, "");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "[massline.sim.not_run] results read before run()");
  }
  EXPECT_THROW(throw massline::NotFound("a", "b", {}, ""), massline::NotFound);
  EXPECT_THROW(throw massline::IntegrityError("a", "b", {}, ""), massline::IntegrityError);
  EXPECT_THROW(throw massline::ConvergenceError("a", "b", {}, ""), massline::ConvergenceError);
}

void check_positive(int value) {
  massline::require(value > 0, "test.not_positive", "value must be positive, got " + std::to_string(value),
                    Location::of("widget 1", "size"));
}

TEST(Require, PassesSilentlyOrThrowsWithCallerLocation) {
  EXPECT_NO_THROW(check_positive(1));
  try {
    check_positive(-5);
    FAIL() << "require did not throw";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "test.not_positive");
    EXPECT_EQ(e.summary(), "value must be positive, got -5");
    EXPECT_EQ(e.where().entity, "widget 1");
    // std::source_location of the caller names the checking function.
    EXPECT_NE(e.why().find("check_positive"), std::string::npos) << e.why();
    EXPECT_EQ(e.why().rfind("precondition checked in ", 0), 0u) << e.why();
  }
}

}  // namespace
