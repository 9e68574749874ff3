#pragma once
/// @file
/// Reporting periods: a year, half-year, quarter, month, or any custom closed date range.

#include <massline/core/date.hpp>

#include <compare>
#include <cstdint>
#include <string>

namespace massline {

/// The granularity a Period was built with; Custom for arbitrary ranges.
enum class PeriodKind : std::uint8_t { Year, HalfYear, Quarter, Month, Custom };

/// A closed range of days [first, last] with the kind it was built as. Quotas and appraisals
/// are counted per period ("100 households per year", "8 days per month").
class Period {
 public:
  /// Custom range; throws InvalidArgument("period.invalid") when last < first or a bound is
  /// not a date.
  Period(Date first, Date last) : Period(PeriodKind::Custom, first, last) {}

  static Period year(int year) { return {PeriodKind::Year, make_date(year, 1, 1), make_date(year, 12, 31)}; }
  /// @param half 1 (Jan–Jun) or 2 (Jul–Dec).
  static Period half_year(int year, int half) {
    require(half == 1 || half == 2, "period.invalid", "half must be 1 or 2, got " + std::to_string(half));
    return {PeriodKind::HalfYear, make_date(year, half == 1 ? 1 : 7, 1), make_date(year, half == 1 ? 6 : 12, half == 1 ? 30 : 31)};
  }
  /// @param quarter 1..4.
  static Period quarter(int year, int quarter) {
    require(quarter >= 1 && quarter <= 4, "period.invalid", "quarter must be 1..4, got " + std::to_string(quarter));
    const int first_month = 3 * (quarter - 1) + 1;
    return {PeriodKind::Quarter, make_date(year, first_month, 1), make_date(year, first_month + 2, 1).end_of_month()};
  }
  /// @param month 1..12.
  static Period month(int year, int month) {
    const Date first = make_date(year, month, 1);
    return {PeriodKind::Month, first, first.end_of_month()};
  }

  [[nodiscard]] PeriodKind kind() const noexcept { return kind_; }
  [[nodiscard]] Date first() const noexcept { return first_; }
  [[nodiscard]] Date last() const noexcept { return last_; }
  [[nodiscard]] bool contains(Date day) const noexcept { return first_ <= day && day <= last_; }
  /// Number of calendar days, both ends included.
  [[nodiscard]] std::int64_t days() const { return (last_ - first_).days() + 1; }
  /// The period that follows this one with the same kind (for Custom: same length).
  /// Throws InvalidArgument("period.out_of_range") when it would end after 9999-12-31.
  [[nodiscard]] Period next() const {
    const std::int64_t room = (Date(9999, 12, 31) - last_).days();
    if (room == 0 || (kind_ == PeriodKind::Custom && room < days())) {
      throw InvalidArgument("period.out_of_range", "no period after " + label(), {},
                            "dates end at 9999-12-31");
    }
    switch (kind_) {
      case PeriodKind::Year: return year(first_.year() + 1);
      case PeriodKind::HalfYear: return first_.month() == 1 ? half_year(first_.year(), 2) : half_year(first_.year() + 1, 1);
      case PeriodKind::Quarter: {
        const int q = (first_.month() - 1) / 3 + 1;
        return q == 4 ? quarter(first_.year() + 1, 1) : quarter(first_.year(), q + 1);
      }
      case PeriodKind::Month: return first_.month() == 12 ? month(first_.year() + 1, 1) : month(first_.year(), first_.month() + 1);
      case PeriodKind::Custom: break;
    }
    const auto length = boost::gregorian::date_duration(days());
    return {last_ + boost::gregorian::date_duration(1), last_ + length};
  }
  /// "2024", "2024-H1", "2024-Q3", "2024-07", or "2024-03-01..2024-05-15".
  [[nodiscard]] std::string label() const {
    const std::string y = std::to_string(first_.year());
    switch (kind_) {
      case PeriodKind::Year: return y;
      case PeriodKind::HalfYear: return y + (first_.month() == 1 ? "-H1" : "-H2");
      case PeriodKind::Quarter: return y + "-Q" + std::to_string((first_.month() - 1) / 3 + 1);
      case PeriodKind::Month: {
        const int m = first_.month();
        return y + (m < 10 ? "-0" : "-") + std::to_string(m);
      }
      case PeriodKind::Custom: break;
    }
    return to_iso(first_) + ".." + to_iso(last_);
  }
  friend bool operator==(const Period& a, const Period& b) noexcept {
    return a.first_ == b.first_ && a.last_ == b.last_ && a.kind_ == b.kind_;
  }

 private:
  Period(PeriodKind kind, Date first, Date last) : kind_(kind), first_(first), last_(last) {
    if (first.is_special() || last.is_special()) {  // not-a-date compares oddly, so reject it first
      throw InvalidArgument("period.invalid", "period bound is not a date", {},
                            to_iso(first) + " .. " + to_iso(last));
    }
    if (last < first) {
      throw InvalidArgument("period.invalid", "period ends before it begins", {},
                            to_iso(first) + " .. " + to_iso(last));
    }
  }
  PeriodKind kind_;
  Date first_, last_;
};

}  // namespace massline
