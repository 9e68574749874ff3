// A Flags set only holds enumerators of its own enum.
#include <massline/core/flags.hpp>

#include <cstdint>

namespace {
enum class Category { Poor, Elderly };
enum class Kind { Cadre, Volunteer };
}  // namespace

std::uint32_t compile_fail_probe() {
  massline::Flags<Category> categories;
#ifdef MASSLINE_COMPILE_FAIL
  categories.set(Kind::Cadre);
#else
  categories.set(Category::Elderly);
#endif
  return categories.bits();
}
