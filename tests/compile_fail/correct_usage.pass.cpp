// Control: the correct counterparts of every compile-fail case compile cleanly, proving the
// compile-fail mechanism builds real code (this test must pass, not fail).
#include <massline/core/calendar.hpp>
#include <massline/core/date.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/core/random.hpp>

#include <cstdint>

namespace {
enum class Category { Poor, Elderly };
}  // namespace

std::uint64_t compile_fail_probe() {
  massline::OrgId org{1};
  massline::MemberId member{2};
  member = massline::MemberId{org.value()};
  const bool same = org == massline::OrgId{1} && member < massline::MemberId{3};
  massline::Flags<Category> categories{Category::Poor};
  const massline::Date day = massline::make_date(2024, 1, 1);
  const massline::Period period = massline::Period::year(2024);
  const massline::WorkCalendar calendar;
  massline::RandomStream stream = massline::RandomStream(42).derive(1, org, "label");
  return stream() + (same ? 1u : 0u) + categories.bits() +
         static_cast<std::uint64_t>(calendar.working_days_in(period)) + (calendar.is_working_day(day) ? 1u : 0u);
}
