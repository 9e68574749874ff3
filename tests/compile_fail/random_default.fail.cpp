// A random stream must be seeded explicitly: there is no default constructor.
#include <massline/core/random.hpp>

#include <cstdint>

std::uint64_t compile_fail_probe() {
#ifdef MASSLINE_COMPILE_FAIL
  massline::RandomStream stream;
#else
  massline::RandomStream stream(42);
#endif
  return stream();
}
