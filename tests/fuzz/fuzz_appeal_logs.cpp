// The appeal-log readers: the first byte picks the format (modulo 3: NYC 311, Open311, the
// message board), the rest is the file. Any bytes are either a registry whose every appeal has a
// valid history under its agency, or a located ParseError.
#include "contract.hpp"

#include <massline/io/appeal_logs.hpp>

#include <sstream>
#include <string>

MASSLINE_FUZZ_TARGET(appeal_logs) {
  if (size == 0) return;
  const auto format = static_cast<massline::io::AppealLogFormat>(data[0] % 3);
  const std::string text(massline_fuzz::as_text(data + 1, size - 1));
  massline_fuzz::run([&] {
    std::istringstream in(text);
    const massline::Registry registry = massline::io::read_appeal_log(in, "<fuzz>", format);
    massline_fuzz::require(registry.roots().size() == 1, "an appeal log has one root");
    for (const massline::Appeal& appeal : registry.appeals()) {
      massline_fuzz::require(!appeal.code.empty(), "an imported appeal has a code");
      massline_fuzz::require(!appeal.replay().bad_event, "an imported history is valid", appeal.code);
    }
    massline_fuzz::require(registry.validate().empty(), "an imported registry validates");
  });
}
