// A function taking a HouseholdId does not accept a plain integer or another kind of id.
#include <massline/core/ids.hpp>

namespace {
unsigned index_of(massline::HouseholdId household) { return household.value(); }
}  // namespace

unsigned compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  return index_of(3u);
#else
  return index_of(massline::HouseholdId{3u});
#endif
}
