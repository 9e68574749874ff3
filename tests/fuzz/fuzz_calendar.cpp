// The working-day calendar file: any bytes are either a calendar or a located ParseError /
// InvalidArgument ("calendar.conflict"), within the documented day limit.
#include "contract.hpp"

#include <massline/io/calendar_file.hpp>

#include <sstream>
#include <string>

MASSLINE_FUZZ_TARGET(calendar) {
  const std::string text(massline_fuzz::as_text(data, size));
  massline_fuzz::run([&] {
    std::istringstream in(text);
    const massline::WorkCalendar calendar = massline::io::read_calendar_csv(in, "<fuzz>");
    (void)calendar;
  });
}
