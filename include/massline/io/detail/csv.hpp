#pragma once
/// @file
/// The one CSV reader behind every CSV massline reads (the calendar file now, the registry
/// tables next; the benchmarks and tests use it too). RFC 4180 quoting, a UTF-8 BOM skipped,
/// LF or CRLF line ends, and every field located by row and column so that errors can name
/// the cell. The dialect is described in docs/formats.md ("CSV dialect").

#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>

#include <array>
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace massline::io::detail {

/// Default longest record (line, or lines of one quoted field) in bytes: 16 MiB. The reader needs
/// the memory of one record, so this bounds its memory whatever the input.
inline constexpr std::size_t kMaxCsvRecordBytes = std::size_t{16} << 20;

/// What the reader accepts besides plain RFC 4180. The defaults are RFC 4180 itself (with LF
/// line ends allowed and blank lines skipped); file formats that are written by hand, such as
/// the calendar, relax it.
struct CsvDialect {
  char delimiter = ',';
  /// Spaces and tabs around a field are dropped (a quoted field may then be indented).
  bool trim_blanks = false;
  /// A line whose first character that is not a blank is this one is a comment and skipped;
  /// '\0' means no comments.
  char comment = '\0';
  /// Empty lines (and, with trim_blanks, lines of blanks only) are skipped rather than read
  /// as a record of one empty field.
  bool skip_blank_lines = true;
  /// Every record has as many fields as the first one (the header); otherwise the reader
  /// throws ParseError "csv.ragged". Off for formats with optional trailing fields.
  bool same_field_count = true;
  /// Longest record in bytes (comment and blank lines count too); a longer one is refused
  /// with ParseError "csv.limit" rather than read into memory.
  std::size_t max_record_bytes = kMaxCsvRecordBytes;
};

/// One field with where it was found.
struct CsvField {
  std::string text;        ///< the value, quotes removed and doubled quotes undone
  std::size_t row = 0;     ///< 1-based line of the input on which the field starts
  std::size_t column = 0;  ///< 1-based position of the field in its record
  bool quoted = false;     ///< written in quotes (so an empty quoted field is not "missing")
};

/// One record (a line, or several when a quoted field holds line breaks).
struct CsvRecord {
  std::size_t row = 0;  ///< 1-based line of the input on which the record starts
  std::vector<CsvField> fields;
};

/// Reads records one at a time from a stream, so a file of any size needs the memory of one
/// record. Throws ParseError located by file, row and column (the field number):
/// "csv.unterminated_quote" (a quoted field runs to the end of the input),
/// "csv.quote" (text after a closing quote), "csv.ragged" (a record with another number of
/// fields than the first, when the dialect asks for the same count), "csv.encoding" (a UTF-16
/// byte order mark, or a byte that is not UTF-8; the message names its byte offset),
/// "csv.limit" (a record longer than the dialect's max_record_bytes) and "csv.io" (the stream
/// failed). A quote inside an unquoted field is an ordinary character, as in most readers.
class CsvReader {
 public:
  /// Reads @p in (which must outlive the reader); @p source names it in errors.
  explicit CsvReader(std::istream& in, std::string source = "<stream>", CsvDialect dialect = {});

  /// Reads the next record into @p record (its storage is reused); false at the end.
  bool next(CsvRecord& record);

  /// The name given for the input, as it appears in errors.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// Bytes of the input read so far (a byte order mark included).
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

  /// Where @p field is: the source, the field's row and its column number.
  [[nodiscard]] Location locate(const CsvField& field) const;

 private:
  void ensure(std::size_t n);  // at least n unread bytes in the buffer, unless the input ends
  // The byte @p ahead of the next one, or the end; inline because every byte passes here.
  int peek(std::size_t ahead = 0) {
    if (pos_ + ahead < buffer_.size()) return static_cast<unsigned char>(buffer_[pos_ + ahead]);
    return peek_refill(ahead);
  }
  int peek_refill(std::size_t ahead);
  int get();
  using ByteSet = std::array<bool, 256>;
  // Appends to @p text the run of bytes from the next one up to (not including) the first
  // ASCII byte in @p stops, the first byte of a character that is not valid UTF-8 or not whole
  // in the buffer, or the end of what is buffered; the fast path of read_field, with the same
  // checks as get() byte by byte (@p stops holds every non-ASCII byte; a valid character is
  // taken whole, anything else is left to get(), which names it). Returns the bytes taken.
  std::size_t take_run(std::string& text, const ByteSet& stops);
  bool at_line_end();
  bool at_field_end();
  void skip_line();
  void read_field(CsvField& field, std::string lead);
  [[noreturn]] void fail(const std::string& code, const std::string& what, std::size_t row, std::size_t column,
                         const std::string& why) const;

  std::istream& in_;
  std::string source_;
  CsvDialect dialect_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::size_t line_ = 1;
  std::size_t expected_fields_ = 0;  // fields of the first record; 0 before it is read
  std::size_t offset_ = 0;           // bytes of the input consumed by get()
  std::size_t record_bytes_ = 0;     // bytes of the current record (or skipped line) so far
  ByteSet unquoted_stops_{};         // bytes that end a run inside an unquoted field
  ByteSet quoted_stops_{};           // and inside a quoted one
  Utf8Checker utf8_;                 // every consumed byte is checked as it is read
  std::size_t utf8_lead_ = 0;        // offset of the lead byte of the character being read
};

/// Every record of @p text, for small inputs (errors as CsvReader).
[[nodiscard]] std::vector<CsvRecord> read_csv(std::string_view text, std::string source = "<string>",
                                              CsvDialect dialect = {});

}  // namespace massline::io::detail
