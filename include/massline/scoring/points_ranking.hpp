#pragma once
/// @file
/// Standings of a points ledger (policy/points_ledger.hpp): each member's points over a period,
/// ranked and listed red and black with the ranking functions of this layer (ranking.hpp);
/// docs/policy.md, "Points ledger".

#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/points_ledger.hpp>
#include <massline/scoring/ranking.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace massline::scoring {

/// Which members are ranked together.
enum class PointsRankScope : std::uint8_t {
  All,              ///< every member in one ranking
  HomeOrganization  ///< members of the same home organisation
};
constexpr std::array<std::string_view, 2> enum_names(PointsRankScope) { return {"all", "home_organization"}; }

/// One member's standing.
struct PointsStanding {
  MemberId member{};
  OrgId organization{};         ///< the member's home organisation
  double points = 0.0;          ///< sum of the member's entries dated in the period
  std::int64_t entries = 0;     ///< how many entries
  std::uint32_t rank = 0;       ///< 1 = most points, ties share the smallest rank, within the scope's group
  ListMark mark = ListMark::None;
};

/// Standings over @p period: every live member of @p registry who belonged on some day of the
/// period (0 points without entries), in member id order; ranked within @p scope by points
/// (rank_rows, largest first) and listed red and black by @p lists (list_rows, counts or
/// thresholds on points). Every member counts as one observation, so `lists.min_sample` is 0
/// or 1 (InvalidArgument "lists.min_sample" otherwise). Entries of members no longer in the
/// registry are left out.
[[nodiscard]] std::vector<PointsStanding> rank_points(const Registry& registry, const policy::PointsLedger& ledger,
                                                      const Period& period, PointsRankScope scope,
                                                      const ListRule& lists);

}  // namespace massline::scoring
