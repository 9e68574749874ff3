#pragma once
/// @file
/// Holes in the network: units without members, members without pairings, households that
/// need assistance and have none (docs/network.md, "Gaps").

#include <massline/model/household.hpp>
#include <massline/network/network.hpp>

#include <vector>

namespace massline::network {

/// The categories whose households are expected to have an assistance pairing by default:
/// difficult (困难群众), minimum living allowance (低保户) and special hardship (特殊困难群众).
inline constexpr HouseholdCategories kDifficultCategories{
    HouseholdCategory::Difficult, HouseholdCategory::MinimumLivingAllowance, HouseholdCategory::SpecialHardship};

/// What gaps() finds, each list ascending by id.
struct Gaps {
  /// Level-4 organisations that no member has as home organisation or residence community.
  std::vector<OrgId> units_without_members;
  /// Members that are the source of no active assistance, contact-household or contact-point pairing.
  std::vector<MemberId> members_without_pairing;
  /// Households with any of the difficult categories and no active assistance pairing (from a
  /// member or an organisation).
  std::vector<HouseholdId> difficult_without_assistance;
};

/// Finds the gaps; @p difficult is the set of categories that need assistance. O(V + E).
[[nodiscard]] Gaps gaps(const Network& net, HouseholdCategories difficult = kDifficultCategories);

}  // namespace massline::network
