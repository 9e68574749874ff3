#include <massline/io/detail/csv.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using massline::ParseError;
using massline::io::detail::CsvDialect;
using massline::io::detail::CsvReader;
using massline::io::detail::CsvRecord;
using massline::io::detail::read_csv;

std::vector<std::vector<std::string>> texts(const std::vector<CsvRecord>& records) {
  std::vector<std::vector<std::string>> out;
  for (const auto& record : records) {
    out.emplace_back();
    for (const auto& field : record.fields) out.back().push_back(field.text);
  }
  return out;
}

ParseError csv_error(const std::string& text, CsvDialect dialect = {}) {
  try {
    (void)read_csv(text, "t.csv", dialect);
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ParseError("none", "", {}, "");
}

TEST(Csv, PlainRecordsWithLocations) {
  const auto records = read_csv("a,b,c\n1,2,3\n,,\n", "t.csv");
  EXPECT_EQ(texts(records), (std::vector<std::vector<std::string>>{{"a", "b", "c"}, {"1", "2", "3"}, {"", "", ""}}));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].row, 2u);
  EXPECT_EQ(records[1].fields[2].row, 2u);
  EXPECT_EQ(records[1].fields[2].column, 3u);
  EXPECT_FALSE(records[1].fields[0].quoted);
}

TEST(Csv, Rfc4180Quoting) {
  const auto records = read_csv(
      "name,note\n"
      "\"Smith, J.\",\"said \"\"hi\"\"\"\n"
      "\"two\nlines\",\"\"\n"
      "x,\"a,\r\nb\"\n",
      "t.csv");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields[0].text, "Smith, J.");
  EXPECT_TRUE(records[1].fields[0].quoted);
  EXPECT_EQ(records[1].fields[1].text, "said \"hi\"");
  EXPECT_EQ(records[2].fields[0].text, "two\nlines");
  EXPECT_EQ(records[2].fields[1].text, "");
  EXPECT_TRUE(records[2].fields[1].quoted);  // an empty quoted field is a value, not a missing one
  EXPECT_EQ(records[3].fields[1].text, "a,\r\nb");  // line breaks inside quotes are kept as written
  // Rows are lines of the input: the record after a two-line field starts on line 4.
  EXPECT_EQ(records[2].row, 3u);
  EXPECT_EQ(records[3].row, 5u);
  EXPECT_EQ(records[3].fields[1].row, 5u);
  // A quote inside an unquoted field is an ordinary character.
  EXPECT_EQ(read_csv("a\nsay \"x\"\n")[1].fields[0].text, "say \"x\"");
}

TEST(Csv, BomCrlfAndLastLineWithoutNewline) {
  const auto records = read_csv("\xEF\xBB\xBFid,name\r\n1,\xE5\xBC\xA0\r\n2,b", "t.csv");
  EXPECT_EQ(texts(records), (std::vector<std::vector<std::string>>{{"id", "name"}, {"1", "\xE5\xBC\xA0"}, {"2", "b"}}));
  EXPECT_EQ(records[2].row, 3u);
  // A BOM only counts at the very start; a lone CR is data.
  EXPECT_EQ(read_csv("a\n\xEF\xBB\xBFx\n")[1].fields[0].text, "\xEF\xBB\xBFx");
  EXPECT_EQ(read_csv("a\nx\ry\n")[1].fields[0].text, "x\ry");
  EXPECT_TRUE(read_csv("").empty());
  EXPECT_TRUE(read_csv("\xEF\xBB\xBF").empty());
}

TEST(Csv, BlankLinesCommentsAndTrimming) {
  EXPECT_EQ(texts(read_csv("a\n\n1\r\n\r\n2\n")), (std::vector<std::vector<std::string>>{{"a"}, {"1"}, {"2"}}));
  CsvDialect keep;
  keep.skip_blank_lines = false;
  EXPECT_EQ(texts(read_csv("a\n\n1\n", "t", keep)), (std::vector<std::vector<std::string>>{{"a"}, {""}, {"1"}}));

  CsvDialect hand;  // as the calendar file is read
  hand.trim_blanks = true;
  hand.comment = '#';
  hand.same_field_count = false;
  const auto records = read_csv("# head, \"comment\n  date , kind\n   # indented\n \t \n  \"x, y\"  ,z\t\n", "t", hand);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].row, 2u);
  EXPECT_EQ(texts(records), (std::vector<std::vector<std::string>>{{"date", "kind"}, {"x, y", "z"}}));
  EXPECT_EQ(records[1].row, 5u);
  // Without trimming, blanks are data and a quote after them is an ordinary character.
  EXPECT_EQ(read_csv("a,b\n \"x\" ,y\n")[1].fields[0].text, " \"x\" ");
  // Without a comment character, '#' is data.
  EXPECT_EQ(read_csv("a\n#1\n")[1].fields[0].text, "#1");
}

TEST(Csv, OtherDelimiter) {
  CsvDialect semicolons;
  semicolons.delimiter = ';';
  EXPECT_EQ(texts(read_csv("a;b\n1,5;\"x;y\"\n", "t", semicolons)),
            (std::vector<std::vector<std::string>>{{"a", "b"}, {"1,5", "x;y"}}));
}

TEST(Csv, UnterminatedQuoteIsLocatedWhereItOpens) {
  const auto e = csv_error("a,b\n1,2\n3,\"open\n4,5\n");
  EXPECT_EQ(e.code(), "csv.unterminated_quote");
  EXPECT_EQ(e.where().file, "t.csv");
  EXPECT_EQ(e.where().row, 3u);
  EXPECT_EQ(e.where().column, "2");
  EXPECT_NE(std::string(e.what()).find("t.csv row 3 column '2'"), std::string::npos) << e.what();
}

TEST(Csv, TextAfterClosingQuote) {
  const auto e = csv_error("a,b\n\"x\"y,2\n");
  EXPECT_EQ(e.code(), "csv.quote");
  EXPECT_EQ(e.where().row, 2u);
  EXPECT_EQ(e.where().column, "1");
  CsvDialect trimmed;
  trimmed.trim_blanks = true;
  EXPECT_EQ(csv_error("a,b\n\"x\"  y,2\n", trimmed).code(), "csv.quote");
}

TEST(Csv, RaggedRowsNameTheirRow) {
  {
    const auto e = csv_error("a,b,c\n1,2,3\n4,5\n6,7,8\n");
    EXPECT_EQ(e.code(), "csv.ragged");
    EXPECT_EQ(e.where().row, 3u);
    EXPECT_EQ(e.where().column, "3");  // the first missing field
    EXPECT_NE(std::string(e.what()).find("row has 2 fields, expected 3"), std::string::npos) << e.what();
  }
  {
    // Counted in lines: the ragged record starts on line 4, after a quoted line break.
    const auto e = csv_error("a,b\n\"1\n1\",2\n3,4,5\n");
    EXPECT_EQ(e.where().row, 4u);
    EXPECT_EQ(e.where().column, "3");  // the first extra field
  }
  CsvDialect free;
  free.same_field_count = false;
  EXPECT_EQ(read_csv("a,b\n1\n1,2,3\n", "t", free).size(), 3u);
}

TEST(Csv, StreamsRecordsLargerThanItsBuffer) {
  // Fields and quoted line breaks that straddle the reader's 64 KiB refills.
  std::string big(70000, 'x');
  std::ostringstream text;
  text << "id,value\n";
  for (int i = 0; i < 3; ++i) text << i << ",\"" << big << "\"\"\n" << big << "\"\r\n";
  std::istringstream in(text.str());
  CsvReader reader(in, "big.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.row, 2u + 2u * static_cast<std::size_t>(i));
    EXPECT_EQ(record.fields[0].text, std::to_string(i));
    EXPECT_EQ(record.fields[1].text, big + "\"\n" + big);
  }
  EXPECT_FALSE(reader.next(record));
  EXPECT_EQ(reader.locate(record.fields[1]).to_string(), "big.csv row 6 column '2'");
}

}  // namespace

TEST(Csv, EncodingErrorsNameTheByteOffset) {
  auto e = csv_error("a,b\nx,\xC3(\n");
  EXPECT_EQ(e.code(), "csv.encoding");
  EXPECT_EQ(e.where().row, 2u);
  EXPECT_NE(std::string(e.what()).find("byte offset 6"), std::string::npos) << e.what();  // C3 not followed by a continuation
  e = csv_error("a,b\nx,y\xE4\xB8");  // ends inside a character
  EXPECT_EQ(e.code(), "csv.encoding");
  for (const auto& bom : {std::string("\xFF\xFE" "a\0", 4), std::string("\xFE\xFF\0" "a", 4)}) {
    e = csv_error(bom);
    EXPECT_EQ(e.code(), "csv.encoding");
    EXPECT_NE(e.summary().find("UTF-16"), std::string::npos);
  }
  // Valid multi-byte text passes.
  EXPECT_EQ(texts(read_csv("\xE4\xB8\xAD,\xF0\x9F\x98\x80\n")), (std::vector<std::vector<std::string>>{{"\xE4\xB8\xAD", "\xF0\x9F\x98\x80"}}));
}

TEST(Csv, MultiByteTextIsReadWholeAcrossRefillsAndLimits) {
  // Characters of two to four bytes in runs longer than the reader's 64 KiB refills, quoted
  // and not, and a character of four bytes cut by a refill (which reads 64 KiB at a time) after
  // each of its first three bytes.
  std::string han;
  for (int i = 0; i < 30000; ++i) han += "\xE4\xB8\xAD";
  std::string text = "a,b\n" + han + ",\"" + han + "\"\n";
  std::vector<std::vector<std::string>> expected = {{"a", "b"}, {han, han}};
  constexpr std::size_t kRefill = std::size_t{1} << 16;
  for (std::size_t cut = 1; cut < 4; ++cut) {
    const std::size_t pad = (kRefill - cut - text.size() % kRefill) % kRefill;
    const std::string mixed = std::string(pad, 'x') + "\xF0\x9F\x98\x80\xC3\xA9";
    text += mixed + ",y\n";
    expected.push_back({mixed, "y"});
  }
  EXPECT_EQ(texts(read_csv(text)), expected);
  // A broken character after a long valid run is named by its lead byte, as byte by byte.
  auto e = csv_error("a\n" + han + "\xE4\xB8(\n");
  EXPECT_EQ(e.code(), "csv.encoding");
  EXPECT_NE(std::string(e.what()).find("byte offset " + std::to_string(2 + han.size()) + " does not start"),
            std::string::npos)
      << e.what();
  e = csv_error("a\n\"" + han + "\xBF\"\n");  // a continuation byte without a lead, quoted
  EXPECT_NE(std::string(e.what()).find("byte offset " + std::to_string(3 + han.size()) + " does not start"),
            std::string::npos)
      << e.what();
  // The record limit counts bytes, a character of several bytes included.
  CsvDialect dialect;
  dialect.max_record_bytes = 100;
  EXPECT_EQ(texts(read_csv(han.substr(0, 99), "t.csv", dialect)), (std::vector<std::vector<std::string>>{{han.substr(0, 99)}}));
  EXPECT_EQ(csv_error(han.substr(0, 102), dialect).code(), "csv.limit");
}

TEST(Csv, RecordLengthIsBounded) {
  CsvDialect dialect;
  dialect.max_record_bytes = 100;
  EXPECT_EQ(texts(read_csv(std::string(99, 'x') + "\n" + std::string(99, 'y'), "t.csv", dialect)).size(), 2u);
  auto e = csv_error("a\n" + std::string(200, 'x') + "\n", dialect);
  EXPECT_EQ(e.code(), "csv.limit");
  EXPECT_EQ(e.where().row, 2u);
  // An unclosed quote stops at the limit, not at the end of a long input.
  EXPECT_EQ(csv_error("\"" + std::string(1000, 'x'), dialect).code(), "csv.limit");
  dialect.comment = '#';
  EXPECT_EQ(csv_error("#" + std::string(1000, 'x'), dialect).code(), "csv.limit");
}
