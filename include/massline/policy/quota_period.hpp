#pragma once
/// @file
/// The period a quota is counted over: "per year", "per half-year", "per quarter", "per month".

#include <massline/core/enum_names.hpp>
#include <massline/core/period.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace massline::policy {

/// Calendar period of a quota or coverage rule; the count restarts with each such period.
enum class QuotaPeriod : std::uint8_t { Year, HalfYear, Quarter, Month };
constexpr std::array<std::string_view, 4> enum_names(QuotaPeriod) { return {"year", "half_year", "quarter", "month"}; }

/// The core PeriodKind of the same granularity (Period::year(), half_year(), quarter(), month()).
[[nodiscard]] constexpr PeriodKind period_kind(QuotaPeriod period) noexcept {
  switch (period) {
    case QuotaPeriod::Year: return PeriodKind::Year;
    case QuotaPeriod::HalfYear: return PeriodKind::HalfYear;
    case QuotaPeriod::Quarter: return PeriodKind::Quarter;
    case QuotaPeriod::Month: break;
  }
  return PeriodKind::Month;
}

}  // namespace massline::policy
