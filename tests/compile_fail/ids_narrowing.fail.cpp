// Brace construction rejects a negative constant (narrowing to the unsigned value type).
#include <massline/core/ids.hpp>

unsigned compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  const massline::OrgId org{-1};
#else
  const massline::OrgId org{1};
#endif
  return org.value();
}
