#include <massline/core/enum_names.hpp>

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>

namespace test_enums {

// Numbered from 0 (the default).
enum class Channel { HomeVisit, ReceptionDay, Hotline };
constexpr std::array<std::string_view, 3> enum_names(Channel) { return {"home_visit", "reception_day", "hotline"}; }

// Numbered from 1, declared through enum_first (like OrgLevel).
enum class Level { County = 1, Township, Village, Group };
constexpr std::array<std::string_view, 4> enum_names(Level) { return {"county", "township", "village", "group"}; }
constexpr int enum_first(Level) { return 1; }

}  // namespace test_enums

namespace {

using massline::from_name;
using massline::InvalidArgument;
using massline::to_name;
using test_enums::Channel;
using test_enums::Level;

static_assert(massline::first_enumerator<Channel>() == 0);
static_assert(massline::first_enumerator<Level>() == 1);
static_assert(to_name(Level::Township) == "township");

TEST(EnumNames, ToName) {
  EXPECT_EQ(to_name(Channel::HomeVisit), "home_visit");
  EXPECT_EQ(to_name(Channel::Hotline), "hotline");
  EXPECT_EQ(to_name(Level::County), "county");
  EXPECT_EQ(to_name(Level::Group), "group");
  // Values outside the declared enumerators.
  EXPECT_EQ(to_name(static_cast<Channel>(3)), "?");
  EXPECT_EQ(to_name(static_cast<Channel>(-1)), "?");
  EXPECT_EQ(to_name(static_cast<Level>(0)), "?");
  EXPECT_EQ(to_name(static_cast<Level>(5)), "?");
}

TEST(EnumNames, RoundTrip) {
  for (Channel c : {Channel::HomeVisit, Channel::ReceptionDay, Channel::Hotline}) {
    EXPECT_EQ(from_name<Channel>(to_name(c), "channel"), c);
  }
  for (Level l : {Level::County, Level::Township, Level::Village, Level::Group}) {
    EXPECT_EQ(from_name<Level>(to_name(l), "level"), l);
  }
}

TEST(EnumNames, UnknownNameListsChoices) {
  try {
    (void)from_name<Level>("province", "organization level", massline::Location::in_file("orgs.csv", 3, "level"));
    FAIL() << "accepted 'province'";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "enum.unknown");
    EXPECT_EQ(e.summary(), "unknown organization level 'province'");
    EXPECT_EQ(e.why(), "expected one of: county, township, village, group");
    EXPECT_EQ(e.where().row, 3u);
    EXPECT_STREQ(e.what(),
                 "[massline.enum.unknown] unknown organization level 'province' (at orgs.csv row 3 column 'level'): "
                 "expected one of: county, township, village, group");
  }
  // Exact, case-sensitive match only.
  EXPECT_THROW((void)from_name<Channel>("Hotline", "channel"), InvalidArgument);
  EXPECT_THROW((void)from_name<Channel>("hotline ", "channel"), InvalidArgument);
  EXPECT_THROW((void)from_name<Channel>("", "channel"), InvalidArgument);
}

}  // namespace
