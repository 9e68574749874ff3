// Structure stages: how many units each level has, and the organisations of the four levels
// with the households each grid will hold (docs/synth.md, "Structure").

#include "stages.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace massline::synth::detail {

void shape_structure(SynthState& s) {
  const std::int64_t h = s.p.households;
  s.g_count = s.p.grids > 0 ? s.p.grids : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(h) / s.p.households_per_grid)));
  s.c_count = s.p.communities > 0 ? s.p.communities
                                  : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(s.g_count) / s.p.grids_per_community)));
  s.t_count = s.p.townships > 0 ? s.p.townships
                                : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(s.c_count) / s.p.communities_per_township)));
  if (s.g_count > h) bad("households_per_grid", "derived " + std::to_string(s.g_count) + " level-4 units for " + std::to_string(h) + " households");
  if (s.c_count > s.g_count)
    bad(s.p.communities > 0 ? "communities" : "grids_per_community",
        std::to_string(s.c_count) + " level-3 units cannot each hold one of " + std::to_string(s.g_count) + " level-4 units");
  if (s.t_count > s.c_count)
    bad(s.p.townships > 0 ? "townships" : "communities_per_township",
        std::to_string(s.t_count) + " level-2 units cannot each hold one of " + std::to_string(s.c_count) + " level-3 units");
  s.organ_count = static_cast<std::int64_t>(std::llround(static_cast<double>(s.t_count) * s.p.organs_per_township));
}

void build_organisations(SynthState& s) {
  RandomStream r = s.root.derive("structure");
  const auto T = static_cast<std::size_t>(s.t_count), C = static_cast<std::size_t>(s.c_count), G = static_cast<std::size_t>(s.g_count);
  // Which level-2 units are streets.
  std::vector<std::size_t> order(T);
  std::iota(order.begin(), order.end(), std::size_t{0});
  shuffle(r, order);
  s.t_street.assign(T, false);
  const auto streets = static_cast<std::size_t>(std::llround(static_cast<double>(T) * s.p.street_share));
  for (std::size_t i = 0; i < streets; ++i) s.t_street[order[i]] = true;
  // Level-3 units per level-2 unit, then their sectors.
  const auto per_township = apportion(s.c_count, size_weights(r, T, s.p.size_dispersion), 1);
  for (std::size_t t = 0; t < T; ++t)
    for (std::int64_t k = 0; k < per_township[t]; ++k) s.c_township.push_back(static_cast<Index>(t));
  std::vector<std::size_t> in_townships, in_streets;
  for (std::size_t c = 0; c < C; ++c) (s.t_street[s.c_township[c]] ? in_streets : in_townships).push_back(c);
  s.c_sector.assign(C, Sector::Rural);
  shuffle(r, in_townships);
  const auto urban = static_cast<std::size_t>(std::llround(static_cast<double>(in_townships.size()) * s.p.urban_share));
  for (std::size_t i = 0; i < urban; ++i) s.c_sector[in_townships[i]] = Sector::Urban;
  shuffle(r, in_streets);
  const auto institutions = static_cast<std::size_t>(std::llround(static_cast<double>(in_streets.size()) * s.p.institution_share));
  constexpr std::array<Sector, 3> kInstitution{Sector::School, Sector::PublicInstitution, Sector::Enterprise};
  for (std::size_t i = 0; i < in_streets.size(); ++i)
    s.c_sector[in_streets[i]] = i < institutions ? kInstitution[i % kInstitution.size()] : Sector::Urban;
  // Level-4 units per level-3 unit, households per level-4 unit.
  const auto per_community = apportion(s.g_count, size_weights(r, C, s.p.size_dispersion), 1);
  const auto per_grid = apportion(s.p.households, size_weights(r, G, s.p.size_dispersion), 1);

  const std::size_t org_total = 1 + T + static_cast<std::size_t>(s.organ_count) + C + G;
  s.reg.reserve({.organizations = org_total, .households = static_cast<std::size_t>(s.p.households)});
  auto code = [&](char kind, std::size_t i, std::size_t n) { return s.p.codes ? padded(s.p.code_prefix, kind, i, n) : std::string(); };

  Organization office;
  office.code = s.p.codes ? s.p.code_prefix : std::string();
  office.name = "work office";
  office.level = OrgLevel::County;
  office.sector = Sector::Organ;
  office.kind = OrgKind::WorkOffice;
  s.office = s.reg.add(office);
  for (std::size_t t = 0; t < T; ++t) {
    Organization o;
    o.code = code('T', t, T);
    o.name = (s.t_street[t] ? "street " : "township ") + std::to_string(t + 1);
    o.level = OrgLevel::Township;
    o.parent = s.office;
    o.sector = s.t_street[t] ? Sector::Urban : Sector::Rural;
    o.kind = OrgKind::WorkCentre;
    s.t_org.push_back(s.reg.add(o));
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(s.organ_count); ++k) {
    Organization o;
    o.code = code('O', k, static_cast<std::size_t>(s.organ_count));
    o.name = "county organ " + std::to_string(k + 1);
    o.level = OrgLevel::Township;
    o.parent = s.office;
    o.sector = Sector::Organ;
    o.kind = OrgKind::PartyCommittee;
    o.has_service_station = true;
    s.organ_org.push_back(s.reg.add(o));
  }
  for (std::size_t c = 0; c < C; ++c) {
    Organization o;
    o.code = code('C', c, C);
    const char* what = s.c_sector[c] == Sector::Rural ? "village "
                       : s.c_sector[c] == Sector::Urban ? (s.t_street[s.c_township[c]] ? "community " : "residents' committee ")
                       : s.c_sector[c] == Sector::School ? "school station "
                       : s.c_sector[c] == Sector::PublicInstitution ? "hospital station "
                                                                    : "enterprise station ";
    o.name = what + std::to_string(c + 1);
    o.level = OrgLevel::Community;
    o.parent = s.t_org[s.c_township[c]];
    o.sector = s.c_sector[c];
    o.kind = s.p.community_kind;
    o.has_service_station = true;
    s.c_org.push_back(s.reg.add(o));
  }
  s.c_grid_begin.assign(C + 1, 0);
  for (std::size_t c = 0; c < C; ++c) {
    s.c_grid_begin[c] = static_cast<Index>(s.g_org.size());
    for (std::int64_t k = 0; k < per_community[c]; ++k) {
      const std::size_t g = s.g_org.size();
      Organization o;
      o.code = code('G', g, G);
      o.name = (s.p.grid_kind == OrgKind::VillageGroup ? "group " : s.p.grid_kind == OrgKind::ResponsibilityArea ? "area " : "grid ") +
               std::to_string(c + 1) + "-" + std::to_string(k + 1);
      o.level = OrgLevel::Grid;
      o.parent = s.c_org[c];
      o.sector = s.c_sector[c];
      o.kind = s.p.grid_kind;
      s.g_org.push_back(s.reg.add(o));
      s.g_community.push_back(static_cast<Index>(c));
    }
  }
  s.c_grid_begin[C] = static_cast<Index>(G);
  s.g_hh_begin.assign(G + 1, 0);
  Index next = 0;
  for (std::size_t g = 0; g < G; ++g) {
    s.g_hh_begin[g] = next;
    next += static_cast<Index>(per_grid[g]);
  }
  s.g_hh_begin[G] = next;
  for (std::size_t c = 0; c < C; ++c)
    if (s.is_network_community(c)) s.network_communities.push_back(static_cast<Index>(c));
}

}  // namespace massline::synth::detail
