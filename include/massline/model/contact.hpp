#pragma once
/// @file
/// Contacts: visits, forums, receptions and other meetings between members and the public,
/// with the five-situation reports (五情) they produce.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline {

/// How the contact happened (docs/domain.md §4, "visit modes").
enum class VisitMode : std::uint8_t {
  HomeVisit,           ///< 入户走访
  Forum,               ///< 座谈
  Reception,           ///< 接访 at a station on reception day
  GoingDownRegular,    ///< 下访: regular
  GoingDownFixedPoint, ///< 下访: fixed point
  GoingDownCircuit,    ///< 下访: circuit
  Appointment          ///< 约访
};
constexpr std::array<std::string_view, 7> enum_names(VisitMode) {
  return {"home_visit", "forum", "reception", "going_down_regular", "going_down_fixed_point", "going_down_circuit", "appointment"};
}

/// The five situations (五情) a contact may report on.
enum class Situation : std::uint8_t { PublicSentiment, PublicOpinion, PoliceMatter, Disaster, Pregnancy };
constexpr std::array<std::string_view, 5> enum_names(Situation) {
  return {"public_sentiment", "public_opinion", "police_matter", "disaster", "pregnancy"};
}

/// A situation report; abnormal ones must reach the leader in charge promptly.
struct SituationReport {
  Situation situation = Situation::PublicSentiment;
  bool abnormal = false;
  std::string note;
  friend bool operator==(const SituationReport&, const SituationReport&) = default;
};

/// One contact by a member: with a household (individual) or at an organisation (collective).
struct Contact {
  ContactId id{};
  MemberId member{};
  std::optional<HouseholdId> household;  ///< the household met (individual contacts)
  std::optional<OrgId> organization;     ///< where a collective contact took place
  VisitMode mode = VisitMode::HomeVisit;
  bool collective = false;    ///< collective (forum, group) rather than individual
  bool concentrated = false;  ///< part of a concentrated campaign rather than routine
  Date date{boost::gregorian::not_a_date_time};
  std::uint16_t duration_minutes = 0;
  std::vector<SituationReport> reports;

  /// Throws InvalidArgument for a contact without date or without anyone contacted.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.contact", "invalid contact", Location::of(id.to_string(), field), why);
    };
    if (date.is_special()) fail("date", "a contact needs a date");
    if (!household && !organization) fail("household", "a contact is with a household or at an organisation");
    if (!collective && !household) fail("household", "an individual contact names the household met");
    if (mode == VisitMode::HomeVisit && !household) fail("mode", "a home visit names the household visited");
  }
  friend bool operator==(const Contact&, const Contact&) = default;
};

}  // namespace massline
