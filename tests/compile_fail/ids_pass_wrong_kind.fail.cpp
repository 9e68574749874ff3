// A function taking a HouseholdId does not accept a MemberId.
#include <massline/core/ids.hpp>

namespace {
unsigned index_of(massline::HouseholdId household) { return household.value(); }
}  // namespace

unsigned compile_fail_probe() {
  const massline::MemberId member{3u};
#ifdef MASSLINE_COMPILE_FAIL
  return index_of(member);
#else
  return index_of(massline::HouseholdId{member.value()});
#endif
}
