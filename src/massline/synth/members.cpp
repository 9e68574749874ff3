// Member stages: plan every member with its role and attributes, choose the delegates and their
// groups, then register the members (docs/synth.md, "Members" and "Delegates").

#include "stages.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

const std::array<const char*, 10> kSpecialties{"agriculture", "aquaculture", "construction", "law",        "medicine",
                                               "education",   "accounting",  "electrician",  "e-commerce", "culture"};

// A village/community for an in-service member to live in: in its own level-2 unit when it has one.
Index residence_for(const SynthState& s, RandomStream& r, Index township) {
  if (township != kNone) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const Index c = s.network_communities[below(r, s.network_communities.size())];
      if (s.c_township[c] == township) return c;
    }
  }
  return s.network_communities[below(r, s.network_communities.size())];
}

// Share of members who leave during the simulated year (an assumption: the sources give none).
constexpr double kLeftShare = 0.01;
// Members joined up to this many years before the simulated year.
constexpr int kTenureYears = 40;

// The MemberRole a planned role carries (docs/synth.md, "Members").
MemberRole member_role(Role role) {
  switch (role) {
    case Role::CountyLeader: case Role::TownLeader: return MemberRole::PartyCommitteeMember;
    case Role::OrganHead: case Role::OrganStaff: return MemberRole::OrganMember;
    case Role::Police: return MemberRole::Police;
    case Role::Judicial: return MemberRole::JudicialOfficer;
    case Role::TownCadre: return MemberRole::TownCadreStationed;
    case Role::VillageCadre: return MemberRole::VillageCadre;
    case Role::Ordinary: break;
  }
  return MemberRole::None;
}

}  // namespace

void plan_members(SynthState& s) {
  const auto C = static_cast<std::size_t>(s.c_count), T = static_cast<std::size_t>(s.t_count);
  // Staffing the structure needs: village cadres, county leaders, organ heads, and per township
  // one of each team role plus the largest organ-cadre contingent of an area.
  const std::int64_t village = s.p.village_cadres_per_community * static_cast<std::int64_t>(s.network_communities.size());
  const std::int64_t fixed = village + s.p.county_leaders + s.organ_count;
  const std::array<std::int64_t, 3> want{s.p.township_leaders, s.p.police_per_township, s.p.judicial_per_township};
  const std::array<std::int64_t, 3> need{s.p.area_teams && s.p.area_leaders > 0 ? 1 : 0, s.p.area_teams && s.p.area_police > 0 ? 1 : 0,
                                         s.p.area_teams && s.p.area_judicial > 0 ? 1 : 0};
  const std::array<const char*, 3> role_param{"township_leaders", "police_per_township", "judicial_per_township"};
  for (std::size_t k = 0; k < 3; ++k)
    if (need[k] > want[k]) bad(role_param[k], "responsibility-area teams need at least one per township, got 0");
  const std::int64_t organ_reserve = s.p.area_teams ? s.p.area_organ_cadres_max : 0;
  const std::int64_t per_township_min = need[0] + need[1] + need[2] + organ_reserve;
  const std::int64_t minimum_cadres = fixed + per_township_min * s.t_count;
  const std::int64_t staff = s.organ_count * (s.p.organ_members - 1);
  // Derived counts rise to what the structure needs; explicit counts must suffice.
  const std::int64_t m0 = s.p.members > 0 ? s.p.members : static_cast<std::int64_t>(std::llround(s.p.members_per_household * static_cast<double>(s.p.households)));
  const std::int64_t cadres = s.p.cadres > 0 ? s.p.cadres
                                             : std::max(minimum_cadres, static_cast<std::int64_t>(std::llround(s.p.cadre_share * static_cast<double>(m0))));
  const std::int64_t M = s.p.members > 0 ? s.p.members : std::max(m0, cadres + staff);
  if (cadres < minimum_cadres)
    bad("cadres", std::to_string(cadres) + " cadres cannot staff the structure: " + std::to_string(village) + " village cadres + " +
                  std::to_string(s.p.county_leaders) + " county leaders + " + std::to_string(s.organ_count) + " organ heads + " +
                  std::to_string(per_township_min) + " township cadres in each of " + std::to_string(s.t_count) +
                  " level-2 units (one per team role and area_organ_cadres_max) = " + std::to_string(minimum_cadres));
  const std::int64_t town = cadres - fixed;
  const std::int64_t ordinary = M - cadres - staff;
  if (ordinary < 0)
    bad("members", std::to_string(M) + " members cannot cover " + std::to_string(cadres) + " cadres + " + std::to_string(staff) + " organ staff");
  std::vector<double> weight(C);
  for (std::size_t c = 0; c < C; ++c)
    weight[c] = static_cast<double>(s.hh_end(c) - s.hh_begin(c)) * (s.c_sector[c] == Sector::Urban ? s.p.urban_member_weight : 1.0);
  if (ordinary > 0 && std::accumulate(weight.begin(), weight.end(), 0.0) <= 0.0)
    bad("urban_member_weight", "no unit can hold the " + std::to_string(ordinary) + " ordinary members (all weights are zero)");
  const auto ordinary_per_community = apportion(ordinary, weight, 0);
  const auto town_per_township = apportion(town, std::vector<double>(T, 1.0), 0);

  const RandomStream base = s.root.derive("member");
  auto make = [&](Role role, OrgId org, Index community, Index township) -> MemberPlan& {
    MemberPlan plan;
    plan.role = role;
    plan.member.organization = org;
    plan.community = community;
    plan.township = township;
    s.plans.push_back(std::move(plan));
    return s.plans.back();
  };
  auto cadre = [](MemberPlan& plan, CadreRank rank, bool organ) {
    plan.member.kinds.set(MemberKind::Cadre);
    if (organ) plan.member.kinds.set(MemberKind::OrganEnterprise);
    plan.member.cadre_rank = rank;
  };
  s.plans.reserve(static_cast<std::size_t>(M));
  for (std::int64_t k = 0; k < s.p.county_leaders; ++k) {
    MemberPlan& plan = make(Role::CountyLeader, s.office, kNone, kNone);
    cadre(plan, CadreRank::CityCounty, true);
    plan.member.name = "county leader " + std::to_string(k + 1);
  }
  for (std::size_t o = 0; o < s.organ_org.size(); ++o) {
    MemberPlan& head = make(Role::OrganHead, s.organ_org[o], kNone, kNone);
    cadre(head, CadreRank::CountyDivision, true);
    head.member.name = "organ head " + std::to_string(o + 1);
    for (std::int64_t k = 1; k < s.p.organ_members; ++k) make(Role::OrganStaff, s.organ_org[o], kNone, kNone).member.kinds.set(MemberKind::OrganEnterprise);
  }
  for (std::size_t t = 0; t < T; ++t) {
    // Role pools: the wanted sizes when the township has cadres enough, else at least what the
    // teams need and the rest in proportion, leaving organ_reserve organ cadres.
    const std::int64_t spare = town_per_township[t] - organ_reserve - need[0] - need[1] - need[2];
    std::array<std::int64_t, 3> size = need;
    std::vector<double> more(3);
    for (std::size_t k = 0; k < 3; ++k) more[k] = static_cast<double>(want[k] - need[k]);
    const auto extra = apportion(std::min<std::int64_t>(spare, static_cast<std::int64_t>(more[0] + more[1] + more[2])), more, 0);
    for (std::size_t k = 0; k < 3; ++k) size[k] += extra[k];
    std::int64_t left = town_per_township[t];
    auto take = [&](std::int64_t n, Role role, const char* name) {
      for (std::int64_t k = 0; k < n; ++k) {
        MemberPlan& plan = make(role, s.t_org[t], kNone, static_cast<Index>(t));
        cadre(plan, CadreRank::Township, true);
        plan.member.name = std::string(name) + " " + std::to_string(t + 1) + "-" + std::to_string(k + 1);
      }
      left -= n;
    };
    take(size[0], Role::TownLeader, "town leader");
    take(size[1], Role::Police, "police officer");
    take(size[2], Role::Judicial, "judicial officer");
    take(left, Role::TownCadre, "town cadre");
  }
  for (Index c : s.network_communities) {
    for (std::int64_t k = 0; k < s.p.village_cadres_per_community; ++k) {
      MemberPlan& plan = make(Role::VillageCadre, s.c_org[c], c, s.c_township[c]);
      cadre(plan, CadreRank::Village, false);
      plan.member.name = "village cadre " + std::to_string(c + 1) + "-" + std::to_string(k + 1);
    }
  }
  for (std::size_t c = 0; c < C; ++c) {
    for (std::int64_t k = 0; k < ordinary_per_community[c]; ++k) {
      MemberPlan& plan = make(Role::Ordinary, s.c_org[c], static_cast<Index>(c), s.c_township[c]);
      plan.member.kinds.set(s.c_sector[c] == Sector::Rural ? MemberKind::Rural
                            : s.c_sector[c] == Sector::Urban ? MemberKind::Community
                                                             : MemberKind::OrganEnterprise);
    }
  }
  // Per-member attributes.
  const RandomStream tenure_base = s.root.derive("tenure");
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    MemberPlan& plan = s.plans[i];
    Member& m = plan.member;
    RandomStream r = base.derive(i);
    if (s.p.codes) m.code = padded(s.p.code_prefix, 'M', i, s.plans.size());
    m.role = member_role(plan.role);
    // Own stream, so the dates leave every other draw of the seed unchanged.
    RandomStream tenure = tenure_base.derive(i);
    m.joined = s.earlier_start(tenure, kTenureYears);
    if (tenure.uniform() < kLeftShare) m.left = s.day(s.random_day(tenure));
    const bool is_cadre = m.kinds.test(MemberKind::Cadre);
    if (is_cadre) {
      m.capable_of_helping = r.uniform() < s.p.cadre_capable_share;
    } else {
      if (r.uniform() < s.p.old_share) m.kinds.set(MemberKind::Old);
      if (r.uniform() < s.p.hardship_share) m.kinds.set(MemberKind::Hardship);
      if (m.kinds.test(MemberKind::Rural) && r.uniform() < s.p.mobile_share) m.kinds.set(MemberKind::Mobile);
      // Old members and members in hardship are served rather than serving (000, 001).
      const bool served = m.kinds.test(MemberKind::Old) || m.kinds.test(MemberKind::Hardship);
      m.capable_of_helping = !served && r.uniform() < s.p.capable_share;
      if (m.kinds.test(MemberKind::OrganEnterprise) && !s.network_communities.empty() && r.uniform() < s.p.in_service_share) {
        m.kinds.set(MemberKind::InService);
        plan.residence = residence_for(s, r, plan.township);
        m.residence_community = s.c_org[plan.residence];
      }
    }
    if (m.capable_of_helping && r.uniform() < s.p.specialty_share) {
      const std::size_t first = below(r, kSpecialties.size());
      m.specialties.emplace_back(kSpecialties[first]);
      if (r.uniform() < kEvenOdds) m.specialties.emplace_back(kSpecialties[(first + 1 + below(r, kSpecialties.size() - 1)) % kSpecialties.size()]);
    }
  }
}

void choose_delegates(SynthState& s) {
  const std::int64_t wanted = s.p.district_delegates + s.p.township_delegates;
  if (wanted == 0) return;
  RandomStream r = s.root.derive("delegates");
  std::vector<Index> rural, other;
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const Member& m = s.plans[i].member;
    if (!m.capable_of_helping || m.kinds.test(MemberKind::Hardship)) continue;
    const Index t = s.plans[i].township;
    (t != kNone && !s.t_street[t] ? rural : other).push_back(static_cast<Index>(i));
  }
  shuffle(r, rural);
  shuffle(r, other);
  if (static_cast<std::int64_t>(rural.size() + other.size()) < wanted)
    bad("district_delegates", std::to_string(s.p.district_delegates) + " + " + std::to_string(s.p.township_delegates) +
                              " delegates requested but only " + std::to_string(rural.size() + other.size()) +
                              " capable members without hardship are available");
  // Township congresses sit in townships (not streets); fall back to any member when the
  // townships run short.
  std::vector<Index> township_level(rural.begin(), rural.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(rural.size(), static_cast<std::size_t>(s.p.township_delegates))));
  std::vector<Index> pool(rural.begin() + static_cast<std::ptrdiff_t>(township_level.size()), rural.end());
  pool.insert(pool.end(), other.begin(), other.end());
  shuffle(r, pool);
  std::size_t next = 0;
  while (static_cast<std::int64_t>(township_level.size()) < s.p.township_delegates) township_level.push_back(pool[next++]);
  std::vector<Index> district_level(pool.begin() + static_cast<std::ptrdiff_t>(next),
                                    pool.begin() + static_cast<std::ptrdiff_t>(next + static_cast<std::size_t>(s.p.district_delegates)));
  auto mark = [&](const std::vector<Index>& chosen, DelegateLevel level) {
    for (Index i : chosen) {
      s.plans[i].member.kinds.set(MemberKind::Delegate);
      s.plans[i].member.delegate_level = level;
      s.delegates.push_back(i);
    }
  };
  mark(district_level, DelegateLevel::District);
  mark(township_level, DelegateLevel::Township);
  std::sort(s.delegates.begin(), s.delegates.end());
  // Delegate groups: by congress level and level-2 unit (county-level members form their own),
  // each with 1 leader and 1-2 liaisons (003).
  const auto T = static_cast<std::size_t>(s.t_count);
  for (int level = 0; level < 2; ++level) {
    std::vector<std::vector<Index>> by_unit(T + 1);
    for (Index i : s.delegates) {
      if (static_cast<int>(*s.plans[i].member.delegate_level) != level) continue;
      by_unit[s.plans[i].township == kNone ? T : s.plans[i].township].push_back(i);
    }
    for (auto& unit : by_unit) {
      if (unit.empty()) continue;
      shuffle(r, unit);
      const std::size_t size = static_cast<std::size_t>(s.p.delegate_group_size);
      const std::size_t groups = (unit.size() + size - 1) / size;
      for (std::size_t g = 0; g < groups; ++g) {
        std::vector<Index> group;
        for (std::size_t k = g; k < unit.size(); k += groups) group.push_back(unit[k]);  // balanced sizes
        std::sort(group.begin(), group.end());
        const std::size_t liaisons = 1 + (r.uniform() < kEvenOdds ? 1 : 0);
        const std::string label = std::string(level == 0 ? "district" : "township") + " delegate, group " + std::to_string(s.groups.size() + 1);
        for (std::size_t k = 0; k < group.size(); ++k) {
          std::string& name = s.plans[group[k]].member.name;
          const std::string role = k == 0 ? " leader" : k <= liaisons ? " liaison" : std::string();
          name += (name.empty() ? "" : "; ") + label + role;
          // One role per member: a cadre keeps its job role, the others take the group role.
          Member& member = s.plans[group[k]].member;
          if (member.role == MemberRole::None && k <= liaisons)
            member.role = k == 0 ? MemberRole::DelegateGroupLeader : MemberRole::DelegateGroupLiaison;
        }
        s.groups.push_back(std::move(group));
      }
    }
  }
}

void add_members(SynthState& s) {
  s.reg.reserve({.organizations = s.reg.organizations().capacity_ids(),
                 .members = s.plans.size(),
                 .households = static_cast<std::size_t>(s.p.households)});
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    if (!s.p.personal_fields) {
      s.reg.add(s.plans[i].member);
      continue;
    }
    Member member = s.plans[i].member;
    add_member_personal_fields(s, i, member);
    s.reg.add(std::move(member));
  }
  // Per-community lists of capable members living or working there.
  const auto C = static_cast<std::size_t>(s.c_count);
  s.capable_of_community.assign(C, {});
  s.township_capable.assign(static_cast<std::size_t>(s.t_count), {});
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const MemberPlan& plan = s.plans[i];
    if (!plan.member.capable_of_helping) continue;
    if (plan.community != kNone && plan.member.organization == s.c_org[plan.community]) s.capable_of_community[plan.community].push_back(static_cast<Index>(i));
    if (plan.role == Role::TownCadre || plan.role == Role::TownLeader) s.township_capable[plan.township].push_back(static_cast<Index>(i));
  }
}


}  // namespace massline::synth::detail
