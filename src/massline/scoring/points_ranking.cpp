// Standings of a points ledger through this layer's ranking functions (docs/policy.md,
// "Points ledger").
#include <massline/scoring/points_ranking.hpp>

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <map>

namespace massline::scoring {

std::vector<PointsStanding> rank_points(const Registry& registry, const policy::PointsLedger& ledger, const Period& period,
                                        PointsRankScope scope, const ListRule& lists) {
  lists.check();
  if (lists.min_sample > 1)
    throw InvalidArgument("lists.min_sample", "bad minimum sample", Location::of("lists", "min_sample"),
                          "every member counts once in a points ranking, so min_sample is 0 or 1, got " +
                              std::to_string(lists.min_sample));
  std::map<std::uint32_t, std::size_t> row_of;
  std::vector<PointsStanding> out;
  for (const Member& m : registry.members()) {
    const Date a = m.joined ? std::max(period.first(), *m.joined) : period.first();
    const Date b = m.left ? std::min(period.last(), *m.left) : period.last();
    if (a > b) continue;
    row_of[m.id.value()] = out.size();
    out.push_back({m.id, m.organization, 0.0, 0, 0, ListMark::None});
  }
  std::size_t seen = 0;
  for (const policy::PointsEntry& e : ledger.entries()) {
    if ((++seen & 0xFFFF) == 0) throw_if_cancelled();
    if (!period.contains(e.date)) continue;
    const auto it = row_of.find(e.member.value());
    if (it == row_of.end()) continue;
    out[it->second].points += e.points;
    ++out[it->second].entries;
  }
  const std::size_t n = out.size();
  std::vector<std::uint64_t> group(n), ones(n, 1);
  std::vector<double> points(n);
  for (std::size_t i = 0; i < n; ++i) {
    group[i] = scope == PointsRankScope::All ? 0 : out[i].organization.value();
    points[i] = out[i].points;
  }
  const EstimateRows rows{group, ones, points, points, points};
  const auto ranks = rank_rows(rows, RankBasis::Estimate, 1, true);
  const auto marks = list_rows(rows, lists);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].rank = ranks[i];
    out[i].mark = marks[i];
  }
  return out;
}

}  // namespace massline::scoring
