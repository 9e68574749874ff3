// An id does not decay to its integer: value() must be called.
#include <massline/core/ids.hpp>

#include <cstdint>

std::uint32_t compile_fail_probe() {
  const massline::HouseholdId household{7};
#ifdef MASSLINE_COMPILE_FAIL
  const std::uint32_t index = household;
#else
  const std::uint32_t index = household.value();
#endif
  return index;
}
