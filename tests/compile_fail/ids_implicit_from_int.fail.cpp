// An id is never built implicitly from an integer.
#include <massline/core/ids.hpp>

unsigned compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  massline::OrgId org = 5u;
#else
  massline::OrgId org{5u};
#endif
  return org.value();
}
