#include <massline/io/detail/csv.hpp>

#include <algorithm>
#include <sstream>
#include <utility>

namespace massline::io::detail {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;
constexpr int kEnd = std::char_traits<char>::eof();

bool blank(int c) { return c == ' ' || c == '\t'; }

/// Bytes of the valid UTF-8 character of several bytes that starts at @p text, if all of them
/// are among the @p size there; otherwise 0.
std::size_t whole_character(const char* text, std::size_t size) {
  Utf8Checker checker;
  std::size_t n = 0;
  do {
    if (n == size || !checker.feed(static_cast<unsigned char>(text[n]))) return 0;
    ++n;
  } while (!checker.complete());
  return n;
}

void trim_right(std::string& text) {
  const auto last = text.find_last_not_of(" \t");
  text.erase(last == std::string::npos ? 0 : last + 1);
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string source, CsvDialect dialect)
    : in_(in), source_(std::move(source)), dialect_(dialect) {
  for (std::size_t byte = 0x80; byte < 0x100; ++byte) unquoted_stops_[byte] = quoted_stops_[byte] = true;
  for (const char c : {dialect_.delimiter, '\n', '\r'}) unquoted_stops_[static_cast<unsigned char>(c)] = true;
  for (const char c : {'"', '\n'}) quoted_stops_[static_cast<unsigned char>(c)] = true;
  ensure(3);
  if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    pos_ = 3;  // UTF-8 byte order mark
    offset_ = 3;
  } else if (buffer_.compare(0, 2, "\xFF\xFE") == 0 || buffer_.compare(0, 2, "\xFE\xFF") == 0) {
    fail("csv.encoding", "UTF-16 text", 1, 0, "the input starts with a UTF-16 byte order mark; save it as UTF-8");
  }
}

void CsvReader::ensure(std::size_t n) {
  while (buffer_.size() - pos_ < n && !eof_) {
    buffer_.erase(0, pos_);  // keep what is not read yet
    pos_ = 0;
    const std::size_t kept = buffer_.size();
    buffer_.resize(kept + kChunk);
    in_.read(buffer_.data() + kept, static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(in_.gcount());
    buffer_.resize(kept + got);
    if (in_.bad()) fail("csv.io", "read error", line_, 0, "the input stream failed");
    if (got < kChunk) eof_ = true;
  }
}

int CsvReader::peek_refill(std::size_t ahead) {
  ensure(ahead + 1);
  return pos_ + ahead < buffer_.size() ? static_cast<unsigned char>(buffer_[pos_ + ahead]) : kEnd;
}

std::size_t CsvReader::take_run(std::string& text, const ByteSet& stops) {
  // Only at a character boundary: inside a multi-byte character the next byte goes through
  // get(), which names the broken character.
  if (!utf8_.complete()) return 0;
  if (pos_ == buffer_.size()) ensure(1);
  const char* begin = buffer_.data() + pos_;
  // Up to the record limit: the byte past it goes through get(), which refuses it.
  const std::size_t allowed = record_bytes_ < dialect_.max_record_bytes ? dialect_.max_record_bytes - record_bytes_ : 0;
  const std::size_t room = std::min(buffer_.size() - pos_, allowed);
  // Whole characters of several bytes too, unless the delimiter is a byte of them (then get()
  // sees it byte by byte, as it always has).
  const bool multibyte = static_cast<unsigned char>(dialect_.delimiter) < 0x80;
  std::size_t n = 0;
  std::size_t last_multibyte = 0;  // where the last character of several bytes taken starts
  while (n < room) {
    const auto byte = static_cast<unsigned char>(begin[n]);
    if (!stops[byte]) {
      ++n;
      continue;
    }
    if (byte < 0x80 || !multibyte) break;
    const std::size_t length = whole_character(begin + n, room - n);
    if (length == 0) break;
    last_multibyte = n;
    n += length;
  }
  if (n == 0) return 0;
  text.append(begin, n);
  // The lead byte of the last character taken (a byte below 0x80 is one of its own).
  const std::size_t last = static_cast<unsigned char>(begin[n - 1]) < 0x80 ? n - 1 : last_multibyte;
  utf8_lead_ = offset_ + last;
  pos_ += n;
  offset_ += n;
  record_bytes_ += n;
  return n;
}

int CsvReader::get() {
  const int c = peek();
  if (c == kEnd) {
    if (!utf8_.complete())
      fail("csv.encoding", "not UTF-8 text", line_, 0,
           "the input ends inside the UTF-8 character at byte offset " + std::to_string(utf8_lead_));
    return c;
  }
  ++pos_;
  if (utf8_.complete()) utf8_lead_ = offset_;
  if (!utf8_.feed(static_cast<unsigned char>(c))) {
    // Name where the broken character starts (its lead byte), as the JSON reader does.
    fail("csv.encoding", "not UTF-8 text", line_, 0,
         "byte offset " + std::to_string(utf8_lead_) + " does not start a valid UTF-8 character" +
             (utf8_lead_ == offset_ ? " (byte 0x" + hex_byte(static_cast<unsigned char>(c)) + ")" : std::string()));
  }
  ++offset_;
  if (++record_bytes_ > dialect_.max_record_bytes)
    fail("csv.limit", "record too long", line_, 0,
         "a record (or comment) may have at most " + std::to_string(dialect_.max_record_bytes) + " bytes");
  return c;
}

bool CsvReader::at_line_end() {
  const int c = peek();
  return c == kEnd || c == '\n' || (c == '\r' && peek(1) == '\n');
}

bool CsvReader::at_field_end() { return peek() == static_cast<unsigned char>(dialect_.delimiter) || at_line_end(); }

void CsvReader::skip_line() {
  for (int c = get(); c != kEnd; c = get()) {
    if (c == '\n') {
      ++line_;
      return;
    }
  }
}

bool CsvReader::next(CsvRecord& record) {
  for (;;) {
    record_bytes_ = 0;
    if (peek() == kEnd) {
      (void)get();  // reports input that ends inside a UTF-8 character
      return false;
    }
    const std::size_t row = line_;
    std::string lead;  // blanks before the first field, read to look for a comment
    while (blank(peek())) lead += static_cast<char>(get());
    if (dialect_.comment != '\0' && peek() == static_cast<unsigned char>(dialect_.comment)) {
      skip_line();
      continue;
    }
    if (at_line_end() && dialect_.skip_blank_lines && (lead.empty() || dialect_.trim_blanks)) {
      skip_line();
      continue;
    }
    record.row = row;
    std::size_t used = 0;
    for (;;) {
      if (used == record.fields.size()) record.fields.emplace_back();
      CsvField& field = record.fields[used++];
      field.column = used;
      read_field(field, std::move(lead));
      lead.clear();
      const int end = get();  // the delimiter, a line end or the end of the input
      if (end == '\r') (void)get();
      if (end == '\r' || end == '\n') ++line_;
      if (end != static_cast<unsigned char>(dialect_.delimiter)) break;
    }
    record.fields.resize(used);
    if (dialect_.same_field_count) {
      if (expected_fields_ == 0) expected_fields_ = used;
      if (used != expected_fields_) {
        fail("csv.ragged",
             "row has " + std::to_string(used) + " field" + (used == 1 ? "" : "s") + ", expected " +
                 std::to_string(expected_fields_),
             record.row, std::min(used, expected_fields_) + 1, "every row has as many fields as the first one");
      }
    }
    return true;
  }
}

void CsvReader::read_field(CsvField& field, std::string lead) {
  field.row = line_;
  field.quoted = false;
  if (dialect_.trim_blanks) {
    lead.clear();
    while (blank(peek())) (void)get();
  }
  if (lead.empty() && peek() == '"') {
    (void)get();
    field.quoted = true;
    field.text.clear();
    for (;;) {
      const int c = get();
      if (c == kEnd) {
        fail("csv.unterminated_quote", "quoted field is never closed", field.row, field.column,
             "a field that opens with a quote ends with one; a quote inside it is written twice (\"\")");
      }
      if (c == '"') {
        if (peek() != '"') break;
        (void)get();
      } else if (c == '\n') {
        ++line_;
      }
      field.text += static_cast<char>(c);
      (void)take_run(field.text, quoted_stops_);
    }
    if (dialect_.trim_blanks) {
      while (blank(peek())) (void)get();
    }
    if (!at_field_end()) {
      fail("csv.quote", "text after a closing quote", line_, field.column,
           "a quoted field ends at its closing quote; a quote inside it is written twice (\"\")");
    }
    return;
  }
  // Assigned, not moved: moving would drop the buffer the record's field keeps from row to row.
  field.text.assign(lead);
  for (;;) {
    if (take_run(field.text, unquoted_stops_) > 0) continue;
    if (at_field_end()) break;
    field.text += static_cast<char>(get());  // a non-ASCII byte, a lone CR, or the byte over the limit
  }
  if (dialect_.trim_blanks) trim_right(field.text);
}

Location CsvReader::locate(const CsvField& field) const {
  return Location::in_file(source_, field.row, std::to_string(field.column));
}

void CsvReader::fail(const std::string& code, const std::string& what, std::size_t row, std::size_t column,
                     const std::string& why) const {
  throw ParseError(code, what, Location::in_file(source_, row, column == 0 ? std::string() : std::to_string(column)),
                   why);
}

std::vector<CsvRecord> read_csv(std::string_view text, std::string source, CsvDialect dialect) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, std::move(source), dialect);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.next(record)) records.push_back(record);
  return records;
}

}  // namespace massline::io::detail
