// UTF-8 validation (RFC 3629 table 3.7 of Unicode's "well-formed byte sequences") and the
// escaping that keeps every error message valid UTF-8.
#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

TEST(Utf8, FindsTheFirstBadByte) {
  using massline::utf8_invalid_offset;
  EXPECT_EQ(utf8_invalid_offset(""), 0U);
  EXPECT_EQ(utf8_invalid_offset("plain"), 5U);
  EXPECT_EQ(utf8_invalid_offset("\xE4\xB8\xAD\xE6\x96\x87"), 6U);  // 中文
  EXPECT_EQ(utf8_invalid_offset("\xF0\x9F\x98\x80"), 4U);          // U+1F600
  EXPECT_EQ(utf8_invalid_offset("\xF4\x8F\xBF\xBF"), 4U);          // U+10FFFF, the last
  EXPECT_EQ(utf8_invalid_offset("ab\xFF"), 2U);
  EXPECT_EQ(utf8_invalid_offset("ab\x80"), 2U);                    // continuation without lead
  EXPECT_EQ(utf8_invalid_offset("x\xE4\xB8" "y"), 1U);             // broken: the lead is named
  EXPECT_EQ(utf8_invalid_offset("x\xE4\xB8"), 1U);                 // unfinished at the end
  EXPECT_EQ(utf8_invalid_offset("\xC0\xAF"), 0U);                  // overlong '/'
  EXPECT_EQ(utf8_invalid_offset("\xE0\x80\xAF"), 0U);              // overlong, three bytes
  EXPECT_EQ(utf8_invalid_offset("\xED\xA0\x80"), 0U);              // surrogate U+D800
  EXPECT_EQ(utf8_invalid_offset("\xF4\x90\x80\x80"), 0U);          // above U+10FFFF
  EXPECT_EQ(utf8_invalid_offset("\xF5\x80\x80\x80"), 0U);
}

TEST(Utf8, DecodesOneCharacterAndRefusesWhatIsNotOne) {
  using massline::utf8_char_at;
  using massline::Utf8Char;
  const auto same = [](Utf8Char a, char32_t code_point, std::size_t length) {
    return a.code_point == code_point && a.length == length;
  };
  EXPECT_TRUE(same(utf8_char_at("a", 0), U'a', 1));
  EXPECT_TRUE(same(utf8_char_at("x\xC3\xA9", 1), U'\u00E9', 2));           // é
  EXPECT_TRUE(same(utf8_char_at("\xE4\xB8\xAD\xE6\x96\x87", 3), U'\u6587', 3));  // 文
  EXPECT_TRUE(same(utf8_char_at("\xF0\x9F\x98\x80", 0), U'\U0001F600', 4));
  EXPECT_TRUE(same(utf8_char_at("\xF4\x8F\xBF\xBF", 0), U'\U0010FFFF', 4));
  for (const std::string_view bad : {"\x80", "\xFF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                     "\xE4\xB8", "\xE4\xB8" "a"}) {
    EXPECT_EQ(utf8_char_at(bad, 0).length, 0U) << massline::utf8_escaped(bad);
  }
  EXPECT_EQ(utf8_char_at("ab", 2).length, 0U);  // at the end: no character
}

TEST(Utf8, EscapesBadBytesOnly) {
  EXPECT_EQ(massline::utf8_escaped("caf\xE9!"), "caf\\xE9!");
  EXPECT_EQ(massline::utf8_escaped("\xE4\xB8\xAD\xFF\xE4\xB8"), "\xE4\xB8\xAD\\xFF\\xE4\\xB8");
  EXPECT_EQ(massline::utf8_escaped("ok \xF0\x9F\x98\x80"), "ok \xF0\x9F\x98\x80");
}

TEST(Utf8, EveryPartOfAnErrorIsValidUtf8) {
  massline::Location where = massline::Location::in_file("f\xFE.csv", 3, "c\xFF");
  where.entity = "e\x80";
  where.field = "\xC0";
  const massline::ParseError e("x.\xFF", "bad \xFF", where, "why \xE4");
  for (std::string_view part : {std::string_view(e.what()), std::string_view(e.code()), std::string_view(e.summary()),
                                std::string_view(e.why()), std::string_view(e.where().file),
                                std::string_view(e.where().column), std::string_view(e.where().entity),
                                std::string_view(e.where().field)}) {
    EXPECT_EQ(massline::utf8_invalid_offset(part), part.size()) << part;
  }
  EXPECT_EQ(std::string(e.what()), "[massline.x.\\xFF] bad \\xFF (at f\\xFE.csv row 3 column 'c\\xFF', e\\x80 field '\\xC0'): why \\xE4");
}
