#pragma once
/// @file
/// Relations between members, households and organisations (docs/domain.md §3).

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace massline {

/// What a pairing is; it fixes which ends are allowed (see Pairing::check).
enum class PairingKind : std::uint8_t {
  Assistance,         ///< 结对帮扶: member (or a branch, jointly) -> household
  DualOrganization,   ///< 双结对, organisation side: organisation <-> organisation
  ContactHousehold,   ///< 联户: member -> household, possibly a key contact
  ContactPoint        ///< 联系点: leading cadre -> organisation (community / unit)
};
constexpr std::array<std::string_view, 4> enum_names(PairingKind) {
  return {"assistance", "dual_organization", "contact_household", "contact_point"};
}

/// The side that serves: a member, or an organisation pairing jointly.
using PairingSource = std::variant<MemberId, OrgId>;
/// The side that is served: a household, an organisation, or (assistance pairings only) a
/// difficult member (a member of kind hardship, docs/domain.md §2).
using PairingTarget = std::variant<HouseholdId, OrgId, MemberId>;

/// A dated relation. Allowed ends per kind: Assistance member|org -> household|hardship member;
/// DualOrganization org -> org; ContactHousehold member -> household; ContactPoint member -> org.
struct Pairing {
  PairingId id{};
  PairingKind kind = PairingKind::Assistance;
  PairingSource source = MemberId{};
  PairingTarget target = HouseholdId{};
  bool key_contact = false;  ///< for ContactHousehold: marked key by hardship
  Date start{boost::gregorian::not_a_date_time};
  std::optional<Date> end;   ///< none while the pairing is active
  /// How many targets the source can take for this kind (>= 1 when set). Registry::validate
  /// reports a source with more current pairings of the kind than this, as a problem.
  std::optional<std::int32_t> capacity;

  /// Throws InvalidArgument when the ends do not fit the kind or the dates are wrong.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.pairing", "invalid pairing", Location::of(id.to_string(), field), why);
    };
    const bool from_member = std::holds_alternative<MemberId>(source);
    const bool to_household = std::holds_alternative<HouseholdId>(target);
    const bool to_member = std::holds_alternative<MemberId>(target);
    if (to_member && kind != PairingKind::Assistance) fail("target", "only an assistance pairing can serve a member");
    switch (kind) {
      case PairingKind::Assistance:
        if (!to_household && !to_member) fail("target", "an assistance pairing serves a household or a difficult member");
        if (to_member && from_member && std::get<MemberId>(source) == std::get<MemberId>(target))
          fail("target", "a member may not pair with themselves");
        break;
      case PairingKind::DualOrganization:
        if (from_member || to_household) fail("source", "a dual-organisation pairing links two organisations");
        break;
      case PairingKind::ContactHousehold:
        if (!from_member || !to_household) fail("source", "a contact-household pairing links a member to a household");
        break;
      case PairingKind::ContactPoint:
        if (!from_member || to_household) fail("source", "a contact point links a member to an organisation");
        break;
    }
    if (key_contact && kind != PairingKind::ContactHousehold) fail("key_contact", "only contact households can be key contacts");
    if (capacity && *capacity < 1) fail("capacity", "a capacity is at least 1 when set, got " + std::to_string(*capacity));
    if (start.is_special()) fail("start", "a pairing needs a start date");
    if (end && (end->is_special() || *end < start)) fail("end", "the end date must be a date on or after the start");
  }
  /// Active on @p day: started and not yet ended.
  [[nodiscard]] bool active_on(Date day) const noexcept { return start <= day && (!end || day <= *end); }
  friend bool operator==(const Pairing&, const Pairing&) = default;
};

}  // namespace massline
