#pragma once
/// @file
/// Who is responsible for which household: coverage per unit and per category, must-visit
/// coverage, and the load each member carries (docs/network.md, "Coverage").

#include <massline/model/household.hpp>
#include <massline/network/network.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace massline::network {

/// Number of household categories (HouseholdCategory enumerators).
inline constexpr std::size_t kHouseholdCategoryCount = enum_count<HouseholdCategory>;

/// True when edge kind @p kind makes its source member responsible for its target household
/// (an active assistance or contact-household pairing).
[[nodiscard]] constexpr bool is_responsibility(EdgeKind kind) noexcept {
  return kind == EdgeKind::Assistance || kind == EdgeKind::ContactHousehold;
}

/// The members responsible for household vertex @p household: sources of its active
/// assistance and contact-household pairings that are members (an organisation assisting
/// jointly is not a responsible member), ascending, each once. Throws InvalidArgument
/// "network.vertex" unless @p household is a household vertex.
[[nodiscard]] std::vector<Vertex> responsible_members(const Network& net, Vertex household);

/// Share of households with at least one responsible member.
struct Coverage {
  /// 1 when the household has a responsible member; index = vertex - first_household().
  std::vector<std::uint8_t> covered;
  std::size_t households = 0;          ///< all households
  std::size_t covered_households = 0;  ///< households with a responsible member
  /// Organisations that have households (level-4 units), ascending vertex.
  std::vector<Vertex> units;
  std::vector<std::size_t> unit_households;  ///< households of units[i]
  std::vector<std::size_t> unit_covered;     ///< covered households of units[i]
  /// Households having category c (a household counts in each of its categories).
  std::array<std::size_t, kHouseholdCategoryCount> category_households{};
  /// Covered households having category c.
  std::array<std::size_t, kHouseholdCategoryCount> category_covered{};
  /// covered_households / households; empty when there is no household.
  [[nodiscard]] std::optional<double> share() const noexcept {
    if (households == 0) return std::nullopt;
    return static_cast<double>(covered_households) / static_cast<double>(households);
  }
};
/// Coverage of every household, unit and category. O(V + E).
[[nodiscard]] Coverage coverage(const Network& net);

/// Coverage restricted to the households that have any of a set of categories.
struct MustVisitCoverage {
  std::size_t households = 0;          ///< households with at least one of the categories
  std::size_t covered_households = 0;  ///< of those, households with a responsible member
  std::vector<HouseholdId> uncovered;  ///< the others, ascending id
  /// covered_households / households; empty when no household has the categories.
  [[nodiscard]] std::optional<double> share() const noexcept {
    if (households == 0) return std::nullopt;
    return static_cast<double>(covered_households) / static_cast<double>(households);
  }
};
/// Must-visit coverage for @p categories (the policy's must-visit set; default the five
/// must-visit categories). O(V + E).
[[nodiscard]] MustVisitCoverage must_visit_coverage(const Network& net, HouseholdCategories categories = kFiveMustVisit);

/// Households per member and how unequal that load is.
struct Load {
  /// Distinct households each member is responsible for; index = vertex - first_member().
  std::vector<std::uint32_t> households;
  /// Gini coefficient of `households` over all members, G = Σ_i (2i − n − 1) x_(i) / (n Σ x)
  /// with x sorted ascending and i = 1..n; empty when there is no member or no load at all.
  std::optional<double> gini;
};
/// Load of every member. O(V + E log d) for largest degree d.
[[nodiscard]] Load load(const Network& net);

/// Gini coefficient of non-negative @p values as in Load::gini; empty for no values or a zero sum.
[[nodiscard]] std::optional<double> gini(std::vector<std::uint32_t> values);

}  // namespace massline::network
