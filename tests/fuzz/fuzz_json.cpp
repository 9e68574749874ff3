// The strict JSON reader and massline's JSON writer: any text is either refused with a located
// ParseError or read, and what the writer makes of it reads back and is a fixed point
// (writing it again in the same layout gives the same bytes), on one line and indented alike.
#include "contract.hpp"

#include <massline/io/detail/json.hpp>

#include <string>

MASSLINE_FUZZ_TARGET(json) {
  const std::string_view text = massline_fuzz::as_text(data, size);
  for (const int indent : {2, -1}) {
    massline_fuzz::run([&] {
      const std::string written = massline::io::detail::reformat_json(text, "<fuzz>", "json", indent);
      std::string again;
      try {
        again = massline::io::detail::reformat_json(written, "<written>", "json", indent);
      } catch (const massline::Error& error) {
        massline_fuzz::broken("written JSON does not read back", error.what());
      }
      massline_fuzz::require(again == written, "written JSON is not a fixed point", written);
    });
  }
}
