// Dates are Boost dates, never raw integers.
#include <massline/core/date.hpp>

massline::Date compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  massline::Date day = 20240101;
#else
  massline::Date day = massline::make_date(2024, 1, 1);
#endif
  return day;
}
