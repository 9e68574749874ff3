#pragma once
/// @file
/// Activities that are not visits: situation meetings, trainings, studies and the concentrated
/// activities of delegate groups, with the members who attended.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline {

/// What an activity is (docs/domain.md §4).
enum class ActivityKind : std::uint8_t {
  SituationMeeting,       ///< 民情联系会议: village every half month, township monthly, ad hoc for emergencies
  Training,               ///< training, e.g. of a delegate group once a year
  Study,                  ///< a party committee studying the work (≥ 2 a year at street level)
  ConcentratedActivity    ///< a delegate group's concentrated activity (2 a year)
};
constexpr std::array<std::string_view, 4> enum_names(ActivityKind) {
  return {"situation_meeting", "training", "study", "concentrated_activity"};
}

/// One activity held by an organisation on one day. An empty attendance list means the
/// attendance was not recorded, not that nobody came.
struct Activity {
  ActivityId id{};
  ActivityKind kind = ActivityKind::SituationMeeting;
  OrgId organization{};             ///< the organisation holding it
  Date date{boost::gregorian::not_a_date_time};
  bool ad_hoc = false;              ///< called for an emergency rather than on the regular schedule
  std::vector<MemberId> attendees;  ///< members who attended, none twice
  std::string topic;

  /// Throws InvalidArgument for an activity without a date or with an attendee listed twice.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.activity", "invalid activity", Location::of(id.to_string(), field), why);
    };
    if (date.is_special()) fail("date", "an activity needs a date");
    for (std::size_t i = 0; i < attendees.size(); ++i)
      for (std::size_t j = i + 1; j < attendees.size(); ++j)
        if (attendees[i] == attendees[j]) fail("attendees", attendees[i].to_string() + " is listed twice");
  }
  friend bool operator==(const Activity&, const Activity&) = default;
};

}  // namespace massline
