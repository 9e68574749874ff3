#include <massline/io/detail/json.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using massline::ParseError;
using massline::io::detail::json_pointer_segment;
using massline::io::detail::reformat_json;
using massline::io::detail::text_position;

ParseError json_error(const std::string& text, const char* format = "json") {
  try {
    (void)reformat_json(text, "x.json", format);
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ParseError("none", "", {}, "");
}

TEST(Json, TextPosition) {
  EXPECT_EQ(text_position("ab\ncd", 0).line, 1u);
  EXPECT_EQ(text_position("ab\ncd", 0).column, 1u);
  EXPECT_EQ(text_position("ab\ncd", 4).line, 2u);
  EXPECT_EQ(text_position("ab\ncd", 4).column, 2u);
  EXPECT_EQ(text_position("ab", 99).column, 3u);  // past the end: the end
}

TEST(Json, PointerSegment) {
  EXPECT_EQ(json_pointer_segment("a/b~c"), "a~1b~0c");
  EXPECT_EQ(json_pointer_segment("plain"), "plain");
}

TEST(Json, PrettyLayout) {
  const std::string text = R"({"b": 1, "a": [1, 2.5, "x"], "m": [[1, 2], [3, 4]], "o": {}, "e": [], "n": null})";
  EXPECT_EQ(reformat_json(text),
            "{\n"
            "  \"b\": 1,\n"
            "  \"a\": [1, 2.5, \"x\"],\n"
            "  \"m\": [\n"
            "    [1, 2],\n"
            "    [3, 4]\n"
            "  ],\n"
            "  \"o\": {},\n"
            "  \"e\": [],\n"
            "  \"n\": null\n"
            "}\n");
  EXPECT_EQ(reformat_json(text, "<string>", "json", -1),
            R"({"b":1,"a":[1,2.5,"x"],"m":[[1,2],[3,4]],"o":{},"e":[],"n":null})");
  EXPECT_EQ(reformat_json("[{\"k\": 1}]", "<string>", "json", 4), "[\n    {\n        \"k\": 1\n    }\n]\n");
}

TEST(Json, NumbersRoundTrip) {
  // Shortest form that reads back to the same double.
  EXPECT_EQ(reformat_json("[0.1, 0.30000000000000004, 1e300, -0.0, 5e-324, 3]", "<string>", "json", -1),
            "[0.1,0.30000000000000004,1e+300,-0.0,5e-324,3]");
  EXPECT_EQ(reformat_json("0.333333333333333314829616256247390992939472198486328125", "<string>", "json", -1),
            "0.3333333333333333");
}

TEST(Json, SyntaxErrorsHaveLineAndColumn) {
  const auto e = json_error("{\n  \"a\": 1,\n  \"b\": [x]\n}", "policy_file");
  EXPECT_EQ(e.code(), "policy_file.syntax");
  EXPECT_EQ(e.where().file, "x.json");
  EXPECT_EQ(e.where().row, 3u);
  EXPECT_EQ(e.where().column, "9");
  EXPECT_EQ(json_error("").code(), "json.syntax");
  EXPECT_EQ(json_error("{} extra").code(), "json.syntax");
}

TEST(Json, DuplicateKeyIsLocated) {
  const auto e = json_error("{\n  \"a\": {\"k\": 1,\n         \"k\": 2},\n  \"b\": 3\n}", "policy_file");
  EXPECT_EQ(e.code(), "policy_file.key");
  EXPECT_EQ(e.summary(), "duplicate key 'k'");
  EXPECT_EQ(e.where().row, 3u);
  EXPECT_EQ(e.where().column, "10");  // the repeated key's opening quote
  EXPECT_EQ(e.where().field, "/a/k");
  EXPECT_NE(std::string(e.what()).find("x.json row 3 column '10'"), std::string::npos) << e.what();
}

TEST(Json, DuplicateKeyWithEscapesAndInsideArrays) {
  // The key's start is found past escaped quotes and backslashes inside it.
  const auto e = json_error(R"({"list": [0, {"q\"\\": 1, "q\"\\": 2}]})");
  EXPECT_EQ(e.code(), "json.key");
  EXPECT_EQ(e.where().row, 1u);
  EXPECT_EQ(e.where().column, "27");
  EXPECT_EQ(e.where().field, "/list/1/q\"\\");
  // The first repeat is reported; keys may repeat across objects.
  EXPECT_EQ(json_error(R"([{"a": 1, "b": 2}, {"a": 1, "a": 2, "b": 3, "b": 4}])").where().field, "/1/a");
  EXPECT_NO_THROW((void)reformat_json(R"([{"a": 1}, {"a": 2}, {"x": {"a": 3}}])"));
  // Keys with '/' or '~' are escaped in the pointer.
  EXPECT_EQ(json_error(R"({"a/b": {"~": 1, "~": 2}})").where().field, "/a~1b/~0");
}

}  // namespace
