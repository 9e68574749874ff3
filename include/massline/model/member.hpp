#pragma once
/// @file
/// Party members and the distinctions docs/domain.md §2 draws between them.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/personal_fields.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline {

/// Kinds of member; a member can be several (an in-service organ member who is a delegate).
enum class MemberKind : std::uint8_t {
  Rural,           ///< 农村/渔农村党员
  Community,       ///< 社区党员
  OrganEnterprise, ///< 机关企事业党员
  InService,       ///< 在职党员: also reports to the community of residence (一员双岗)
  Mobile,          ///< 流动党员
  Cadre,           ///< 干部党员 (village, township or leading cadre; see CadreRank)
  Delegate,        ///< 党代表 (see DelegateLevel)
  Hardship,        ///< 困难党员
  Old              ///< 老党员
};
constexpr std::array<std::string_view, 9> enum_names(MemberKind) {
  return {"rural", "community", "organ_enterprise", "in_service", "mobile", "cadre", "delegate", "hardship", "old"};
}
using MemberKinds = Flags<MemberKind>;

/// Cadre rank; the first four are leading cadres (党员领导干部) with field-day quotas.
enum class CadreRank : std::uint8_t { ProvinceMinistry, CityCounty, CountyDivision, Township, Village };
constexpr std::array<std::string_view, 5> enum_names(CadreRank) {
  return {"province_ministry", "city_county", "county_division", "township", "village"};
}
/// True for ranks counted as leading cadres.
constexpr bool is_leading(CadreRank rank) noexcept { return rank != CadreRank::Village; }

/// Level of the party congress a delegate sits in.
enum class DelegateLevel : std::uint8_t { District, Township };
constexpr std::array<std::string_view, 2> enum_names(DelegateLevel) { return {"district", "township"}; }

/// What a member does in the network beyond kind and rank: the roles whose duties docs/domain.md
/// §1/§4 name (responsibility-area police and judicial officers, delegate groups, village and
/// stationed town cadres, party-committee members going down, organ members visiting). One role
/// per member, `None` for most.
enum class MemberRole : std::uint8_t {
  None,                  ///< no special role
  Police,                ///< police officer of a responsibility area (002)
  JudicialOfficer,       ///< judicial officer of a responsibility area (002)
  DelegateGroupLeader,   ///< leader of a party-congress delegate group (003); a delegate
  DelegateGroupLiaison,  ///< liaison of a delegate group (003); a delegate
  VillageCadre,          ///< village cadre in households (002); a cadre of rank village
  TownCadreStationed,    ///< town cadre stationed in villages (002); a cadre
  PartyCommitteeMember,  ///< party-committee member going down to contact points (004)
  OrganMember            ///< organ member visiting the public of its unit (004)
};
constexpr std::array<std::string_view, 9> enum_names(MemberRole) {
  return {"none", "police", "judicial_officer", "delegate_group_leader", "delegate_group_liaison", "village_cadre",
          "town_cadre_stationed", "party_committee_member", "organ_member"};
}

/// A party member.
struct Member {
  MemberId id{};            ///< assigned by the Registry on add
  std::string code;         ///< external code, unique when not empty
  std::string name;
  MemberKinds kinds;
  std::optional<CadreRank> cadre_rank;         ///< set iff kinds has Cadre
  std::optional<DelegateLevel> delegate_level; ///< set iff kinds has Delegate
  bool capable_of_helping = false;             ///< 有帮扶能力: expected to pair and pledge
  std::vector<std::string> specialties;        ///< 特长
  OrgId organization{};                        ///< home organisation (any level)
  std::optional<OrgId> residence_community;    ///< where an in-service member also serves
  MemberRole role = MemberRole::None;          ///< role beyond kinds and ranks
  std::optional<Date> joined;                  ///< joined the organisation (for pro-rating quotas), when known
  std::optional<Date> left;                    ///< left it; none while still a member
  // Personal fields (docs/model.md, "Personal fields"); empty when unknown. The `{}` keeps
  // aggregate initialisations written before these fields free of missing-initializer warnings.
  std::string phone{};      ///< 联系电话: digits, spaces, '-', '(', ')', a leading '+'
  std::string id_number{};  ///< resident identity number (身份证号), 18 characters or 15

  /// Throws InvalidArgument when rank/delegate level/role disagree with the kinds or the dates
  /// are not dates or out of order.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.member", "inconsistent member", Location::of(id.to_string(), field), why);
    };
    if (kinds.test(MemberKind::Cadre) != cadre_rank.has_value()) {
      fail("cadre_rank", "a cadre rank is given exactly when the member is of kind 'cadre'");
    }
    if (kinds.test(MemberKind::Delegate) != delegate_level.has_value()) {
      fail("delegate_level", "a delegate level is given exactly when the member is of kind 'delegate'");
    }
    if (residence_community && !kinds.test(MemberKind::InService)) {
      fail("residence_community", "only in-service members have a residence community");
    }
    if ((role == MemberRole::DelegateGroupLeader || role == MemberRole::DelegateGroupLiaison) &&
        !kinds.test(MemberKind::Delegate)) {
      fail("role", "a delegate-group role is held by a member of kind 'delegate'");
    }
    if (role == MemberRole::VillageCadre && cadre_rank != CadreRank::Village) {
      fail("role", "the role 'village_cadre' is held by a cadre of rank 'village'");
    }
    if (role == MemberRole::TownCadreStationed && !kinds.test(MemberKind::Cadre)) {
      fail("role", "the role 'town_cadre_stationed' is held by a member of kind 'cadre'");
    }
    if (joined && joined->is_special()) fail("joined", "not a valid date");
    if (left && left->is_special()) fail("left", "not a valid date");
    if (joined && left && *left < *joined) fail("left", "the date left must be on or after the date joined");
    if (auto why = phone_problem(phone); !why.empty()) fail("phone", why);
    if (auto why = id_number_problem(id_number); !why.empty()) fail("id_number", why);
  }
  [[nodiscard]] bool is_leading_cadre() const noexcept { return cadre_rank && is_leading(*cadre_rank); }
  friend bool operator==(const Member&, const Member&) = default;
};

}  // namespace massline
