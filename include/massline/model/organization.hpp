#pragma once
/// @file
/// Organisations of the four-level network and the organs, schools and enterprises that
/// join it through dual pairing (docs/domain.md §1).

#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace massline {

/// Level in the network: 1 county/district (top) .. 4 grid/responsibility area (bottom).
/// Numbered as in the texts so `level == 3` reads naturally; a parent's level is smaller.
enum class OrgLevel : std::uint8_t { County = 1, Township = 2, Community = 3, Grid = 4 };
constexpr int enum_first(OrgLevel) { return 1; }
constexpr std::array<std::string_view, 4> enum_names(OrgLevel) {
  return {"county", "township", "community", "grid"};
}

/// The kind of society the organisation belongs to.
enum class Sector : std::uint8_t { Rural, Urban, Organ, School, Enterprise, PublicInstitution, Other };
constexpr std::array<std::string_view, 7> enum_names(Sector) {
  return {"rural", "urban", "organ", "school", "enterprise", "public_institution", "other"};
}

/// What the organisation is (Chinese names in docs/domain.md §1).
enum class OrgKind : std::uint8_t {
  WorkOffice,          ///< 县(区)工作办公室 / 党代表联络办公室
  WorkCentre,          ///< 乡镇(街道)工作中心, 街道党委
  WorkStation,         ///< 社区(村)工作站
  DelegateStation,     ///< 党代表工作站
  ResponsibilityArea,  ///< 责任区
  VillageGroup,        ///< 村民小组
  PartyCommittee,      ///< party committee of an organ, school or enterprise
  GeneralBranch,       ///< 党总支
  Branch,              ///< 党支部
  Other
};
constexpr std::array<std::string_view, 10> enum_names(OrgKind) {
  return {"work_office", "work_centre", "work_station", "delegate_station", "responsibility_area",
          "village_group", "party_committee", "general_branch", "branch", "other"};
}

/// An organisation. Invariants across organisations (parent level, cycles, unique codes) are
/// kept by the Registry; check() covers what one value can tell about itself.
struct Organization {
  OrgId id{};                     ///< assigned by the Registry on add
  std::string code;               ///< external code, unique when not empty
  std::string name;
  OrgLevel level = OrgLevel::Grid;
  std::optional<OrgId> parent;    ///< none only for a root (usually level 1)
  Sector sector = Sector::Rural;
  OrgKind kind = OrgKind::Other;
  bool has_service_station = false;  ///< runs a 党员服务站 (level 3 practice; organs may too)
  bool is_service_point = false;     ///< is a 党员服务点 (market, building, office tower)

  /// Throws InvalidArgument when the level is outside 1..4.
  void check() const {
    const auto l = static_cast<int>(level);
    if (l < 1 || l > 4) {
      throw InvalidArgument("model.level", "organisation level must be 1..4", Location::of(id.to_string(), "level"),
                            "got " + std::to_string(l));
    }
  }
  friend bool operator==(const Organization&, const Organization&) = default;
};

}  // namespace massline
