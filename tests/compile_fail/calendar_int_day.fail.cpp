// Calendar queries take dates, not integers such as 20240101.
#include <massline/core/calendar.hpp>

bool compile_fail_probe() {
  const massline::WorkCalendar calendar;
#ifdef MASSLINE_COMPILE_FAIL
  return calendar.is_working_day(20240101);
#else
  return calendar.is_working_day(massline::make_date(2024, 1, 1));
#endif
}
