#include <massline/core/parameter_table.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace massline {
namespace {

enum class Colour : std::uint8_t { Red, Green };
constexpr std::array<std::string_view, 2> enum_names(Colour) { return {"red", "green"}; }

struct Knobs {
  std::int64_t households = 10;
  double rate = 0.5;
  bool codes = true;
  std::array<double, 2> colour_weight{1.0, 2.0};
  friend bool operator==(const Knobs&, const Knobs&) = default;
};

ParameterTable<Knobs> knobs() {
  ParameterTable<Knobs> t("demo", "docs/demo.md");
  t.count("households", &Knobs::households, 1, 1000, "households", "a source")
      .real("rate", &Knobs::rate, 0, 1, "a rate", "assumption")
      .flag("codes", &Knobs::codes, "external codes", "design choice")
      .elements<Colour>("colour_", &Knobs::colour_weight, 10, "weight of colour", {"red source", "green source"});
  return t;
}

template <class F>
void expect_code(const std::string& code, const std::string& fragment, F&& f) {
  try {
    f();
    ADD_FAILURE() << "expected " << code;
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(ParameterTable, ListsEntriesInOrderWithTheirDomains) {
  const auto t = knobs();
  ASSERT_EQ(t.infos().size(), 5u);
  EXPECT_EQ(t.infos()[0].name, "households");
  EXPECT_EQ(t.infos()[0].type, ParameterType::Count);
  EXPECT_EQ(t.infos()[2].type, ParameterType::Flag);
  EXPECT_EQ(t.infos()[3].name, "colour_red");
  EXPECT_EQ(t.infos()[4].name, "colour_green");
  EXPECT_EQ(t.infos()[4].source, "green source");
  EXPECT_EQ(t.infos()[4].description, "weight of colour 'green'");
  EXPECT_EQ(t.find("rate")->max, 1.0);
  EXPECT_EQ(t.find("nothing"), nullptr);
}

TEST(ParameterTable, ReadsAndWritesByName) {
  const auto t = knobs();
  Knobs k;
  t.apply(k, {{"households", 20}, {"rate", 0.25}, {"codes", 0}, {"colour_green", 5}});
  EXPECT_EQ(k.households, 20);
  EXPECT_EQ(k.rate, 0.25);
  EXPECT_FALSE(k.codes);
  EXPECT_EQ(k.colour_weight[1], 5.0);
  const auto values = t.to_map(k);
  EXPECT_EQ(values.at("households"), 20.0);
  EXPECT_EQ(values.at("codes"), 0.0);
  EXPECT_EQ(values.at("colour_red"), 1.0);
  Knobs again;
  t.apply(again, values);
  EXPECT_EQ(again, k);
}

TEST(ParameterTable, RefusesBadValuesAndLeavesTheStructUnchanged) {
  const auto t = knobs();
  Knobs k;
  const Knobs before = k;
  expect_code("demo.bad_parameter", "whole number", [&] { t.apply(k, {{"households", 2.5}}); });
  expect_code("demo.bad_parameter", "must be in [1, 1000], got 0", [&] { t.apply(k, {{"households", 0}}); });
  expect_code("demo.bad_parameter", "is a flag", [&] { t.apply(k, {{"codes", 2}}); });
  expect_code("demo.bad_parameter", "finite", [&] { t.apply(k, {{"rate", std::nan("")}}); });
  expect_code("demo.bad_parameter", "finite",
              [&] { t.apply(k, {{"rate", std::numeric_limits<double>::infinity()}}); });
  // a good value before a bad one is not applied either
  expect_code("demo.bad_parameter", "rate", [&] { t.apply(k, {{"households", 5}, {"rate", 3}}); });
  EXPECT_EQ(k, before);
}

TEST(ParameterTable, SuggestsTheClosestNameForAnUnknownOne) {
  const auto t = knobs();
  Knobs k;
  expect_code("demo.unknown_parameter", "did you mean 'households'? (docs/demo.md lists all)",
              [&] { t.apply(k, {{"housholds", 3}}); });
}

TEST(ParameterTable, ChecksAWholeStructAndRefusesDuplicateNames) {
  const auto t = knobs();
  Knobs k;
  EXPECT_NO_THROW(t.check(k));
  k.rate = 2.0;
  expect_code("demo.bad_parameter", "invalid demo parameter 'rate'", [&] { t.check(k); });
  ParameterTable<Knobs> twice("demo");
  twice.real("rate", &Knobs::rate, 0, 1, "", "");
  expect_code("parameter_table.duplicate", "added twice", [&] { twice.real("rate", &Knobs::rate, 0, 1, "", ""); });
}

TEST(EnumArray, IsSizedFromTheEnum) {
  static_assert(enum_count<Colour> == 2);
  static_assert(std::tuple_size_v<EnumArray<Colour, int>> == 2);
  static_assert(enum_index(Colour::Green) == 1);
}

}  // namespace
}  // namespace massline
