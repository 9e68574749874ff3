#pragma once
/// @file
/// Strong ids: one distinct type per entity kind, none converts into another.

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>

namespace massline {

/// A dense 32-bit id tagged by the entity it names. The registry assigns ids from 0 upward,
/// so an id doubles as an index into flat per-entity arrays.
template <class Tag>
class Id {
 public:
  using value_type = std::uint32_t;
  constexpr Id() noexcept = default;
  constexpr explicit Id(value_type value) noexcept : value_(value) {}
  [[nodiscard]] constexpr value_type value() const noexcept { return value_; }
  /// Name of the entity kind, e.g. "household".
  [[nodiscard]] static constexpr const char* kind() noexcept { return Tag::name; }
  friend constexpr auto operator<=>(Id, Id) noexcept = default;
  /// "organization 7": the entity-kind name followed by the number, used in error locations.
  [[nodiscard]] std::string to_string() const { return std::string(Tag::name) + ' ' + std::to_string(value_); }

 private:
  value_type value_ = 0;
};

// clang-format off
struct OrgTag            { static constexpr const char* name = "organization"; };
struct MemberTag         { static constexpr const char* name = "member"; };
struct HouseholdTag      { static constexpr const char* name = "household"; };
struct PairingTag        { static constexpr const char* name = "pairing"; };
struct CommitmentTag     { static constexpr const char* name = "commitment"; };
struct ServicePostTag    { static constexpr const char* name = "service post"; };
struct ContactTag        { static constexpr const char* name = "contact"; };
struct AppealTag         { static constexpr const char* name = "appeal"; };
struct SurveyResponseTag { static constexpr const char* name = "survey response"; };
struct ActivityTag       { static constexpr const char* name = "activity"; };
// clang-format on

using OrgId = Id<OrgTag>;
using MemberId = Id<MemberTag>;
using HouseholdId = Id<HouseholdTag>;
using PairingId = Id<PairingTag>;
using CommitmentId = Id<CommitmentTag>;
using ServicePostId = Id<ServicePostTag>;
using ContactId = Id<ContactTag>;
using AppealId = Id<AppealTag>;
using SurveyResponseId = Id<SurveyResponseTag>;
using ActivityId = Id<ActivityTag>;

static_assert(std::is_trivially_copyable_v<OrgId> && sizeof(OrgId) == 4);
static_assert(!std::is_convertible_v<OrgId, MemberId> && !std::is_convertible_v<std::uint32_t, OrgId>);

}  // namespace massline

template <class Tag>
struct std::hash<massline::Id<Tag>> {
  std::size_t operator()(massline::Id<Tag> id) const noexcept { return std::hash<std::uint32_t>{}(id.value()); }
};
