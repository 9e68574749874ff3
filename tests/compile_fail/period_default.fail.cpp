// A Period always has valid bounds, so it has no default constructor.
#include <massline/core/period.hpp>

massline::Period compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  massline::Period period;
#else
  massline::Period period = massline::Period::year(2024);
#endif
  return period;
}
