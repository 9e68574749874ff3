// The CSV reader under every dialect: the first input byte picks the dialect, the rest is the
// file. Records come out with located fields (rows never go back, columns count from 1 in
// order, every field is valid UTF-8) or the reader throws a located ParseError.
#include "contract.hpp"

#include <massline/io/detail/csv.hpp>

#include <sstream>
#include <string>

MASSLINE_FUZZ_TARGET(csv) {
  if (size == 0) return;
  const std::uint8_t bits = data[0];
  massline::io::detail::CsvDialect dialect;
  dialect.delimiter = (bits & 1U) ? ';' : ',';
  dialect.trim_blanks = (bits & 2U) != 0;
  dialect.comment = (bits & 4U) ? '#' : '\0';
  dialect.skip_blank_lines = (bits & 8U) != 0;
  dialect.same_field_count = (bits & 16U) != 0;
  if (bits & 32U) dialect.max_record_bytes = 64;  // reach the record limit with short inputs
  const std::string text(massline_fuzz::as_text(data + 1, size - 1));
  massline_fuzz::run([&] {
    std::istringstream in(text);
    massline::io::detail::CsvReader reader(in, "<fuzz>", dialect);
    massline::io::detail::CsvRecord record;
    std::size_t last_row = 0;
    std::size_t first_count = 0;
    bool first = true;
    while (reader.next(record)) {
      massline_fuzz::require(record.row > last_row, "record rows do not increase");
      massline_fuzz::require(!record.fields.empty(), "record without fields");
      if (first) first_count = record.fields.size(), first = false;
      if (dialect.same_field_count)
        massline_fuzz::require(record.fields.size() == first_count, "ragged record passed");
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const auto& field = record.fields[i];
        massline_fuzz::require(field.column == i + 1, "field columns out of order");
        massline_fuzz::require(field.row >= record.row, "field before its record");
        massline_fuzz::require(massline::utf8_invalid_offset(field.text) == field.text.size(),
                               "field is not UTF-8", field.text);
        massline_fuzz::require(field.text.size() <= dialect.max_record_bytes, "field over the record limit");
      }
      last_row = record.row;
    }
  });
}
