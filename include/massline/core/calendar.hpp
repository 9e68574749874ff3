#pragma once
/// @file
/// Working-day calendar: weekend weekdays, public holidays and extra (make-up) working days,
/// with counting and deadline arithmetic. Holidays come from data (constructor vectors, or a
/// CSV file read by <massline/io/calendar_file.hpp>), never from code. Every query costs
/// O(log E) for E exceptions, independent of the length of the range.

#include <massline/core/date.hpp>
#include <massline/core/error.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/period.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace massline {

/// Day of the week (Boost's enum: Sunday = 0 .. Saturday = 6).
using Weekday = boost::date_time::weekdays;
/// A set of weekdays, e.g. the weekend.
using WeekdaySet = Flags<Weekday>;

/// Which days are working days. A day is a working day when it is an extra working day, or
/// when it is not a holiday and its weekday is not in the weekend. Counting conventions:
/// - `working_days_between(a, b)` counts the working days in (a, b] when a <= b, and is
///   minus the count in [b, a) when b < a: the start is never counted, the end always is.
/// - `add_working_days(start, n)` is the n-th working day after start (n > 0), the |n|-th
///   working day before start (n < 0), or start itself (n == 0).
/// Hence `working_days_between(a, add_working_days(a, n)) == n` for every n.
class WorkCalendar {
 public:
  /// Saturday and Sunday, the default weekend.
  [[nodiscard]] static constexpr WeekdaySet saturday_sunday() noexcept {
    return {Weekday::Saturday, Weekday::Sunday};
  }

  /// Saturday+Sunday weekend, no holidays.
  WorkCalendar() : WorkCalendar(saturday_sunday()) {}

  /// @param weekend weekdays that are not worked (at most six of them).
  /// @param holidays days off although their weekday is worked (days on the weekend are allowed
  ///        and change nothing, so official ranges can be listed whole).
  /// @param extra_working_days days worked although on the weekend (e.g. China's make-up days).
  /// Throws InvalidArgument "calendar.invalid_weekend", "date.invalid" (not-a-date) or
  /// "calendar.conflict" (a day in both lists). Duplicates are harmless.
  explicit WorkCalendar(WeekdaySet weekend, std::vector<Date> holidays = {},
                        std::vector<Date> extra_working_days = {})
      : weekend_(weekend), holidays_(std::move(holidays)), extra_(std::move(extra_working_days)) {
    if ((weekend.bits() & ~std::uint32_t{0x7F}) != 0 || weekend.count() >= 7) {
      throw InvalidArgument("calendar.invalid_weekend", "weekend must leave at least one working weekday",
                            {}, "weekend bits " + std::to_string(weekend.bits()) +
                                    " (bit i = weekday i, Sunday = 0); at most 6 of the 7 weekdays");
    }
    for (int d = 0; d < 7; ++d) {
      working_weekday_[static_cast<std::size_t>(d)] = !weekend.test(static_cast<Weekday>(d));
      if (working_weekday_[static_cast<std::size_t>(d)]) ++per_week_;
    }
    for (Date day : holidays_) check_date(day, "holiday", {});
    for (Date day : extra_) check_date(day, "extra working day", {});
    normalize(holidays_);
    normalize(extra_);
    std::vector<Date> both;
    std::set_intersection(holidays_.begin(), holidays_.end(), extra_.begin(), extra_.end(), std::back_inserter(both));
    if (!both.empty()) throw conflict(both.front(), {});
    for (Date day : holidays_) {
      if (base_working(day_number(day))) removed_.push_back(day_number(day));
    }
    for (Date day : extra_) {
      if (!base_working(day_number(day))) added_.push_back(day_number(day));
    }
  }

  /// Declares @p day a holiday. Throws InvalidArgument "calendar.conflict" if it is already an
  /// extra working day; @p where is put into errors (e.g. a file row).
  void add_holiday(Date day, const Location& where = {}) {
    check_date(day, "holiday", where);
    if (std::binary_search(extra_.begin(), extra_.end(), day)) throw conflict(day, where);
    if (insert_sorted(holidays_, day) && base_working(day_number(day))) insert_sorted(removed_, day_number(day));
  }
  /// Declares @p day an extra working day. Throws InvalidArgument "calendar.conflict" if it is
  /// already a holiday.
  void add_working_day(Date day, const Location& where = {}) {
    check_date(day, "extra working day", where);
    if (std::binary_search(holidays_.begin(), holidays_.end(), day)) throw conflict(day, where);
    if (insert_sorted(extra_, day) && !base_working(day_number(day))) insert_sorted(added_, day_number(day));
  }

  [[nodiscard]] WeekdaySet weekend() const noexcept { return weekend_; }
  /// Declared holidays, sorted, without duplicates (including those falling on the weekend).
  [[nodiscard]] const std::vector<Date>& holidays() const noexcept { return holidays_; }
  /// Declared extra working days, sorted, without duplicates.
  [[nodiscard]] const std::vector<Date>& extra_working_days() const noexcept { return extra_; }

  /// True when @p day is worked.
  [[nodiscard]] bool is_working_day(Date day) const {
    const std::int64_t n = day_number(check_date(day, "day", {}));
    return base_working(n) ? !std::binary_search(removed_.begin(), removed_.end(), n)
                           : std::binary_search(added_.begin(), added_.end(), n);
  }

  /// Working days in (a, b] when a <= b; minus the working days in [b, a) when b < a.
  [[nodiscard]] std::int64_t working_days_between(Date a, Date b) const {
    const std::int64_t x = day_number(check_date(a, "start", {}));
    const std::int64_t y = day_number(check_date(b, "end", {}));
    return x <= y ? count(x + 1, y) : -count(y, x - 1);
  }

  /// Working days in the period, both ends included.
  [[nodiscard]] std::int64_t working_days_in(const Period& period) const {
    return count(day_number(period.first()), day_number(period.last()));
  }

  /// The n-th working day after @p start (n > 0; start itself not counted), the |n|-th working
  /// day before it (n < 0), or @p start (n == 0, even if start is not worked). Throws
  /// InvalidArgument "calendar.out_of_range" past 1400-01-01 .. 9999-12-31.
  [[nodiscard]] Date add_working_days(Date start, std::int64_t n) const {
    const std::int64_t s = day_number(check_date(start, "start", {}));
    if (n == 0) return start;
    const std::int64_t span = kLastDay - kFirstDay + 1;
    if (n > span || n < -span) throw out_of_range(start, n);
    const std::int64_t steps = n > 0 ? n : -n;
    // Each full week holds per_week_ weekday-working days, of which holidays remove at most
    // removed_.size(): this many weeks surely contain `steps` working days.
    const std::int64_t removed = static_cast<std::int64_t>(removed_.size());
    const std::int64_t reach = 7 * ((steps + removed + per_week_ - 1) / per_week_ + 1);
    if (n > 0) {
      std::int64_t lo = s + 1;
      std::int64_t hi = std::min(s + reach, kLastDay);
      if (lo > kLastDay || count(lo, hi) < steps) throw out_of_range(start, n);
      while (lo < hi) {  // smallest hi with count(s+1, hi) >= steps
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (count(s + 1, mid) >= steps) hi = mid; else lo = mid + 1;
      }
      return from_day_number(lo);
    }
    std::int64_t lo = std::max(s - reach, kFirstDay);
    std::int64_t hi = s - 1;
    if (hi < kFirstDay || count(lo, hi) < steps) throw out_of_range(start, n);
    while (lo < hi) {  // largest lo with count(lo, s-1) >= steps
      const std::int64_t mid = hi - (hi - lo) / 2;
      if (count(mid, s - 1) >= steps) lo = mid; else hi = mid - 1;
    }
    return from_day_number(lo);
  }

  /// Last day for a task registered on @p start that must be done "within N working days":
  /// the registration day is not counted and the N-th working day after it is the last day
  /// allowed (done on or before it = on time). N == 0 gives @p start. Throws InvalidArgument
  /// "calendar.invalid_count" for N < 0.
  [[nodiscard]] Date deadline(Date start, std::int64_t working_days) const {
    if (working_days < 0) {
      throw InvalidArgument("calendar.invalid_count", "negative number of working days for a deadline",
                            {}, "got " + std::to_string(working_days) + " from " + to_iso(start));
    }
    return add_working_days(start, working_days);
  }

  /// First working day strictly after @p day.
  [[nodiscard]] Date next_working_day(Date day) const { return add_working_days(day, 1); }
  /// Last working day strictly before @p day.
  [[nodiscard]] Date previous_working_day(Date day) const { return add_working_days(day, -1); }

 private:
  static std::int64_t day_number(Date day) { return static_cast<std::int64_t>(day.day_number()); }
  static Date from_day_number(std::int64_t n) { return Date(static_cast<Date::date_int_type>(n)); }
  // Julian day numbers of 1400-01-01 and 9999-12-31, Boost.Date_Time's supported range.
  static constexpr std::int64_t kFirstDay = 2232400;
  static constexpr std::int64_t kLastDay = 5373484;

  /// Weekday of a Julian day number (JDN + 1 is divisible by 7 on Sundays).
  static int weekday(std::int64_t n) { return static_cast<int>((n + 1) % 7); }
  bool base_working(std::int64_t n) const { return working_weekday_[static_cast<std::size_t>(weekday(n))]; }

  /// Working days in [x, y] (0 when y < x): whole weeks in O(1) plus the exceptions in O(log E).
  std::int64_t count(std::int64_t x, std::int64_t y) const {
    if (y < x) return 0;
    const std::int64_t days = y - x + 1;
    std::int64_t total = days / 7 * per_week_;
    const int first = weekday(x);
    for (std::int64_t i = 0; i < days % 7; ++i) {
      if (working_weekday_[static_cast<std::size_t>((first + i) % 7)]) ++total;
    }
    auto in_range = [x, y](const std::vector<std::int64_t>& v) {
      return static_cast<std::int64_t>(std::upper_bound(v.begin(), v.end(), y) - std::lower_bound(v.begin(), v.end(), x));
    };
    return total + in_range(added_) - in_range(removed_);
  }

  static Date check_date(Date day, const char* role, const Location& where) {
    if (day.is_special()) {
      throw InvalidArgument("date.invalid", std::string("calendar ") + role + " is not a date", where,
                            "got " + to_iso(day));
    }
    return day;
  }
  static InvalidArgument conflict(Date day, const Location& where) {
    return InvalidArgument("calendar.conflict", to_iso(day) + " is both a holiday and an extra working day",
                           where, "a day can be declared a holiday or an extra working day, not both");
  }
  static InvalidArgument out_of_range(Date start, std::int64_t n) {
    return InvalidArgument("calendar.out_of_range", "working-day arithmetic leaves the supported date range", {},
                           to_iso(start) + " + " + std::to_string(n) +
                               " working days is outside 1400-01-01 .. 9999-12-31");
  }
  template <class T>
  static void normalize(std::vector<T>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  template <class T>
  static bool insert_sorted(std::vector<T>& v, const T& value) {
    auto it = std::lower_bound(v.begin(), v.end(), value);
    if (it != v.end() && *it == value) return false;
    v.insert(it, value);
    return true;
  }

  WeekdaySet weekend_;
  std::array<bool, 7> working_weekday_{};
  std::int64_t per_week_ = 0;
  std::vector<Date> holidays_, extra_;             // as declared (sorted, unique)
  std::vector<std::int64_t> removed_, added_;      // holidays on worked weekdays / extra days on the weekend
};

}  // namespace massline
