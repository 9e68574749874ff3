#pragma once
/// @file
/// Appeals (诉求) from the public and their handling: register -> sort -> feed back -> dispose.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace massline {

/// Where the appeal came in.
enum class AppealChannel : std::uint8_t { HomeVisit, ReceptionDay, SuggestionBox, Hotline, ReportPhone, Online, LettersAndVisits };
constexpr std::array<std::string_view, 7> enum_names(AppealChannel) {
  return {"home_visit", "reception_day", "suggestion_box", "hotline", "report_phone", "online", "letters_and_visits"};
}

/// Subject area (004, 003).
enum class SubjectArea : std::uint8_t {
  Employment, Education, Medical, Environment, Political, Cultural, Legal, Infrastructure, ElderlyCare, Other
};
constexpr std::array<std::string_view, 10> enum_names(SubjectArea) {
  return {"employment", "education", "medical", "environment", "political", "cultural", "legal", "infrastructure", "elderly_care", "other"};
}

/// Class assigned when sorting, and the outcome it requires (002).
enum class AppealClass : std::uint8_t {
  ReasonableLawful,     ///< must be solved
  ReasonableNotLawful,  ///< explain, guide, solve in part
  HardshipRelief,       ///< neither, but real hardship: relief may be granted
  Unresolvable          ///< explain, coordinate step by step
};
constexpr std::array<std::string_view, 4> enum_names(AppealClass) {
  return {"reasonable_lawful", "reasonable_not_lawful", "hardship_relief", "unresolvable"};
}

/// How it is routed (直办、转办、交办、督办).
enum class Routing : std::uint8_t { Direct, Transfer, Assignment, Supervision };
constexpr std::array<std::string_view, 4> enum_names(Routing) { return {"direct", "transfer", "assignment", "supervision"}; }

/// Stage in the life cycle, derived from which dates are set.
enum class AppealStage : std::uint8_t { Registered, Sorted, FedBack, Disposed };
constexpr std::array<std::string_view, 4> enum_names(AppealStage) { return {"registered", "sorted", "fed_back", "disposed"}; }

/// An appeal. The stage dates must be non-decreasing and set in order.
struct Appeal {
  AppealId id{};
  std::string code;                       ///< external code, unique when not empty
  std::optional<HouseholdId> household;   ///< who raised it, when known
  std::optional<MemberId> collected_by;   ///< member who took it in
  OrgId origin{};                         ///< unit where it was registered
  OrgId handler{};                        ///< organisation currently handling it (moves up on escalation)
  AppealChannel channel = AppealChannel::HomeVisit;
  SubjectArea subject = SubjectArea::Other;
  std::optional<AppealClass> appeal_class;  ///< set when sorted
  std::optional<Routing> routing;           ///< set when sorted
  std::optional<MemberId> leader_in_charge; ///< 包案 leader for key cases
  std::string summary;
  Date registered{boost::gregorian::not_a_date_time};
  std::optional<Date> sorted;
  std::optional<Date> fed_back;
  std::optional<Date> disposed;

  [[nodiscard]] AppealStage stage() const noexcept {
    if (disposed) return AppealStage::Disposed;
    if (fed_back) return AppealStage::FedBack;
    if (sorted) return AppealStage::Sorted;
    return AppealStage::Registered;
  }

  /// Throws InvalidArgument when stage dates are missing, out of order or class/routing are
  /// set without sorting.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.appeal", "invalid appeal", Location::of(id.to_string(), field), why);
    };
    if (registered.is_special()) fail("registered", "an appeal needs a registration date");
    const std::optional<Date> steps[] = {registered, sorted, fed_back, disposed};
    const char* names[] = {"registered", "sorted", "fed_back", "disposed"};
    for (std::size_t i = 1; i < 4; ++i) {
      if (!steps[i]) continue;
      if (steps[i]->is_special()) fail(names[i], "not a valid date");
      if (!steps[i - 1]) fail(names[i], std::string("set before '") + names[i - 1] + "'");
      if (*steps[i] < *steps[i - 1]) fail(names[i], std::string("dated before '") + names[i - 1] + "'");
    }
    if (sorted && (!appeal_class || !routing)) fail("appeal_class", "a sorted appeal has a class and a routing");
    if (!sorted && (appeal_class || routing)) fail("appeal_class", "class and routing are given when the appeal is sorted");
  }
  friend bool operator==(const Appeal&, const Appeal&) = default;
};

}  // namespace massline
