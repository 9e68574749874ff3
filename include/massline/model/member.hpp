#pragma once
/// @file
/// Party members and the distinctions docs/domain.md §2 draws between them.

#include <massline/core/enum_names.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/ids.hpp>

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

  /// Throws InvalidArgument when rank/delegate level disagree with the kinds.
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
  }
  [[nodiscard]] bool is_leading_cadre() const noexcept { return cadre_rank && is_leading(*cadre_rank); }
  friend bool operator==(const Member&, const Member&) = default;
};

}  // namespace massline
