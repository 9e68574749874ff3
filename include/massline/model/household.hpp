#pragma once
/// @file
/// Households of the public and their categories (docs/domain.md §2).

#include <massline/core/enum_names.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/personal_fields.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace massline {

/// Household categories; a household can have several.
enum class HouseholdCategory : std::uint8_t {
  Difficult,              ///< 困难群众
  MinimumLivingAllowance, ///< 低保户
  Petitioner,             ///< 上访户
  RepeatPetitioner,       ///< 重信重访 (five must-visit)
  WithComplaints,         ///< 意见户
  EmptyNestElderly,       ///< 空巢老人
  LeftBehindChildren,     ///< 留守儿童
  PublicRepresentative,   ///< 群众代表
  WealthCreationExpert,   ///< 致富能手
  LaidOffWorker,          ///< 下岗职工
  FourOlds,               ///< 四老 (five must-visit)
  PartyCentral,           ///< 党员中心户 (five must-visit)
  EntrepreneurshipLeader, ///< 创业创新带头人 (five must-visit)
  SpecialHardship         ///< 特殊困难群众 (five must-visit)
};
constexpr std::array<std::string_view, 14> enum_names(HouseholdCategory) {
  return {"difficult", "minimum_living_allowance", "petitioner", "repeat_petitioner", "with_complaints",
          "empty_nest_elderly", "left_behind_children", "public_representative", "wealth_creation_expert",
          "laid_off_worker", "four_olds", "party_central", "entrepreneurship_leader", "special_hardship"};
}
using HouseholdCategories = Flags<HouseholdCategory>;

/// The five must-visit categories (五必访) of docs/domain.md §2. Which categories a policy treats as
/// must-visit is the policy's choice; this is the standard set's default.
inline constexpr HouseholdCategories kFiveMustVisit{
    HouseholdCategory::PartyCentral, HouseholdCategory::EntrepreneurshipLeader, HouseholdCategory::FourOlds,
    HouseholdCategory::RepeatPetitioner, HouseholdCategory::SpecialHardship};

/// A household of the public, belonging to exactly one level-4 unit.
struct Household {
  HouseholdId id{};   ///< assigned by the Registry on add
  std::string code;   ///< external code, unique when not empty
  OrgId unit{};       ///< the level-4 unit (grid / responsibility area / village group)
  HouseholdCategories categories;
  bool party_household = false;  ///< has party members (003 stresses non-party households)
  std::uint16_t size = 1;        ///< people in the household, at least 1
  // Personal fields (docs/model.md, "Personal fields"); empty when unknown. The `{}` keeps
  // aggregate initialisations written before these fields free of missing-initializer warnings.
  std::string head_name{};  ///< the household head's name (户主姓名)
  std::string address{};    ///< 住址
  std::string phone{};      ///< 联系电话: digits, spaces, '-', '(', ')', a leading '+'
  std::string id_number{};  ///< the head's resident identity number (身份证号), 18 characters or 15

  /// Throws InvalidArgument when size is 0 or the phone or ID number breaks its rule.
  void check() const {
    if (size == 0) {
      throw InvalidArgument("model.household", "household size must be at least 1",
                            Location::of(id.to_string(), "size"), "got 0");
    }
    if (auto why = phone_problem(phone); !why.empty())
      throw InvalidArgument("model.household", "invalid phone number", Location::of(id.to_string(), "phone"), why);
    if (auto why = id_number_problem(id_number); !why.empty())
      throw InvalidArgument("model.household", "invalid identity number", Location::of(id.to_string(), "id_number"), why);
  }
  friend bool operator==(const Household&, const Household&) = default;
};

}  // namespace massline
