// Stream keys are integers, ids or labels; a floating-point key is rejected.
#include <massline/core/random.hpp>

#include <cstdint>

std::uint64_t compile_fail_probe() {
  const massline::RandomStream root(42);
#ifdef MASSLINE_COMPILE_FAIL
  massline::RandomStream child = root.derive(0.5);
#else
  massline::RandomStream child = root.derive(5);
#endif
  return child();
}
