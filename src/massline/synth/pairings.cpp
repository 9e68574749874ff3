// Pairing stage: dual pairs, contact points (leaders, area teams, delegates), contact households
// and assistance pairs, in that id order (docs/synth.md, "Responsibility-area teams" and
// "Pairings").

#include "stages.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

// Each delegate's responsibility area (level-4 unit), and the delegates of each area.
struct DelegateAreas {
  std::vector<Index> of_delegate;               // by member index, kNone for non-delegates
  std::vector<std::vector<Index>> delegates_of;  // by grid
};

// Records a member's assistance capacity on its assistance pairing: max_assistance_per_member,
// or leading_cadre_assistance when larger (a leading cadre's pledged load may exceed it).
void set_capacity(SynthState& s, PairingId id) {
  Pairing p = s.reg.get(id);
  p.capacity = static_cast<std::int32_t>(std::max(s.p.max_assistance_per_member, s.p.leading_cadre_assistance));
  s.reg.update(p);
}

PairingId add_pairing(SynthState& s, PairingKind kind, PairingSource source, PairingTarget target, Date start,
                      std::optional<Date> end = {}, bool key = false) {
  Pairing pairing;
  pairing.kind = kind;
  pairing.source = source;
  pairing.target = target;
  pairing.start = start;
  pairing.end = end;
  pairing.key_contact = key;
  return s.reg.add(std::move(pairing));
}

// Quyuan's responsibility areas (002): every village/community is an area staffed by its
// village cadres (home organisation), one contact town leader, 2-3 organ cadres, one police
// officer and one judicial officer from its township, each linked by a contact point.
void build_area_teams(SynthState& s, RandomStream& r) {
  if (!s.p.area_teams) return;
  const auto T = static_cast<std::size_t>(s.t_count);
  std::vector<std::vector<Index>> leaders(T), police(T), judicial(T), organ(T);
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const MemberPlan& plan = s.plans[i];
    switch (plan.role) {
      case Role::TownLeader: leaders[plan.township].push_back(static_cast<Index>(i)); break;
      case Role::Police: police[plan.township].push_back(static_cast<Index>(i)); break;
      case Role::Judicial: judicial[plan.township].push_back(static_cast<Index>(i)); break;
      case Role::TownCadre: organ[plan.township].push_back(static_cast<Index>(i)); break;
      default: break;
    }
  }
  std::vector<std::array<std::size_t, 4>> cursor(T, {0, 0, 0, 0});
  for (std::size_t t = 0; t < T; ++t) {
    shuffle(r, leaders[t]);
    shuffle(r, police[t]);
    shuffle(r, judicial[t]);
    shuffle(r, organ[t]);
  }
  for (Index c : s.network_communities) {
    const Index t = s.c_township[c];
    auto assign = [&](std::vector<Index>& pool, std::size_t& at, std::int64_t n) {
      for (std::int64_t k = 0; k < n && !pool.empty(); ++k) {
        const Index i = pool[at++ % pool.size()];  // round robin: one cadre may serve several areas
        if (s.plans[i].community == kNone) s.plans[i].community = c;
        if (s.plans[i].role == Role::TownLeader) s.leader_points.push_back({i, c});
        add_pairing(s, PairingKind::ContactPoint, member_id(i), s.c_org[c], s.earlier_start(r, 2));
      }
    };
    const std::int64_t organ_cadres = s.p.area_organ_cadres_min + static_cast<std::int64_t>(below(r, static_cast<std::size_t>(s.p.area_organ_cadres_max - s.p.area_organ_cadres_min + 1)));
    assign(leaders[t], cursor[t][0], s.p.area_leaders);
    assign(organ[t], cursor[t][1], organ_cadres);
    assign(police[t], cursor[t][2], s.p.area_police);
    assign(judicial[t], cursor[t][3], s.p.area_judicial);
  }
}

// Township cadres not on a team are stationed in a random village/community of their township (002).
void station_township_cadres(SynthState& s, RandomStream& r) {
  std::vector<std::vector<Index>> by_township(static_cast<std::size_t>(s.t_count));
  for (Index c : s.network_communities) by_township[s.c_township[c]].push_back(c);
  for (MemberPlan& plan : s.plans) {
    if (plan.township == kNone || plan.community != kNone) continue;
    const auto& own = by_township[plan.township];
    if (!own.empty()) plan.community = own[below(r, own.size())];
    else if (!s.network_communities.empty()) plan.community = s.network_communities[below(r, s.network_communities.size())];
  }
}

// Delegates' responsibility areas (003: 212 areas, full coverage): every area gets a delegate
// where delegates suffice, preferring delegates of the same level-2 unit.
DelegateAreas assign_delegate_areas(SynthState& s, RandomStream& r) {
  DelegateAreas areas;
  if (s.delegates.empty()) return areas;
  const auto T = static_cast<std::size_t>(s.t_count), G = s.g_org.size();
  std::vector<std::vector<Index>> unit_delegates(T + 1), unit_areas(T + 1);
  for (Index d : s.delegates) unit_delegates[s.plans[d].township == kNone ? T : s.plans[d].township].push_back(d);
  for (std::size_t g = 0; g < G; ++g) unit_areas[s.c_township[s.g_community[g]]].push_back(static_cast<Index>(g));
  areas.of_delegate.assign(s.plans.size(), kNone);
  std::vector<Index> spare_delegates, spare_areas;
  for (std::size_t u = 0; u <= T; ++u) {
    shuffle(r, unit_delegates[u]);
    shuffle(r, unit_areas[u]);
    const std::size_t n = std::min(unit_delegates[u].size(), unit_areas[u].size());
    for (std::size_t k = 0; k < n; ++k) areas.of_delegate[unit_delegates[u][k]] = unit_areas[u][k];
    spare_delegates.insert(spare_delegates.end(), unit_delegates[u].begin() + static_cast<std::ptrdiff_t>(n), unit_delegates[u].end());
    spare_areas.insert(spare_areas.end(), unit_areas[u].begin() + static_cast<std::ptrdiff_t>(n), unit_areas[u].end());
  }
  shuffle(r, spare_delegates);
  std::size_t k = 0;
  for (; k < std::min(spare_delegates.size(), spare_areas.size()); ++k) areas.of_delegate[spare_delegates[k]] = spare_areas[k];
  for (; k < spare_delegates.size(); ++k) {  // more delegates than areas: share an area of their unit
    const Index d = spare_delegates[k];
    const auto& own = unit_areas[s.plans[d].township == kNone ? T : s.plans[d].township];
    areas.of_delegate[d] = own.empty() ? static_cast<Index>(below(r, G)) : own[below(r, own.size())];
  }
  areas.delegates_of.assign(G, {});
  for (Index d : s.delegates) {
    areas.delegates_of[areas.of_delegate[d]].push_back(d);
    add_pairing(s, PairingKind::ContactPoint, member_id(d), s.g_org[areas.of_delegate[d]], s.earlier_start(r, 1));
  }
  return areas;
}

// Contact households (联户), stored per member as a contiguous range of s.contact_hh.
void build_contact_households(SynthState& s, const DelegateAreas& areas) {
  const auto M = s.plans.size();
  const RandomStream base = s.root.derive("contact households");
  s.hh_contact_member.assign(static_cast<std::size_t>(s.p.households), kNone);
  // Delegates split the households of their area (the ledger covers every household, 003).
  std::vector<std::vector<Index>> delegate_households(s.delegates.empty() ? 0 : M);
  if (!s.delegates.empty()) {
    RandomStream r = s.root.derive("delegate ledger");
    for (std::size_t g = 0; g < s.g_org.size(); ++g) {
      const auto& ds = areas.delegates_of[g];
      if (ds.empty()) continue;
      std::vector<Index> hs(s.g_hh_end(g) - s.g_hh_begin[g]);
      std::iota(hs.begin(), hs.end(), s.g_hh_begin[g]);
      shuffle(r, hs);
      for (std::size_t k = 0; k < hs.size(); ++k) delegate_households[ds[k % ds.size()]].push_back(hs[k]);
    }
  }
  const Date start = s.jan1;
  for (std::size_t i = 0; i < M; ++i) {
    s.contact_begin[i] = static_cast<Index>(s.contact_hh.size());
    RandomStream r = base.derive(i);
    const MemberPlan& plan = s.plans[i];
    std::vector<Index> chosen;
    std::size_t quota = 0;
    Index where = plan.community;
    switch (plan.role) {
      case Role::VillageCadre: quota = static_cast<std::size_t>(s.p.village_cadre_contact_households); break;
      case Role::TownLeader: case Role::Police: case Role::Judicial: case Role::TownCadre:
      case Role::CountyLeader: case Role::OrganHead:
        quota = static_cast<std::size_t>(s.p.town_cadre_contact_households);
        break;
      case Role::OrganStaff: case Role::Ordinary:
        if (plan.member.capable_of_helping) quota = static_cast<std::size_t>(s.p.member_contact_households);
        if (plan.residence != kNone) where = plan.residence;
        break;
    }
    if (where != kNone && quota > 0) chosen = pick_households(s, r, s.hh_begin(where), s.hh_end(where), quota);
    if (!s.delegates.empty() && plan.member.delegate_level) {
      auto own = delegate_households[i];
      const auto target = static_cast<std::size_t>(s.p.delegate_contact_households);
      if (own.size() < target) {  // top up to the yearly quota from the rest of the station
        const Index c = s.g_community[areas.of_delegate[i]];
        auto more = pick_households(s, r, s.hh_begin(c), s.hh_end(c), target - own.size(), own);
        own.insert(own.end(), more.begin(), more.end());
      }
      for (Index h : own)
        if (std::find(chosen.begin(), chosen.end(), h) == chosen.end()) chosen.push_back(h);
    }
    for (Index h : chosen) {
      s.contact_hh.push_back(h);
      if (s.hh_contact_member[h] == kNone) s.hh_contact_member[h] = static_cast<Index>(i);
      add_pairing(s, PairingKind::ContactHousehold, member_id(static_cast<Index>(i)), household_id(h), start, {}, s.is_key(h));
    }
  }
  s.contact_begin[M] = static_cast<Index>(s.contact_hh.size());
}

// Assistance pairs (结对帮扶, 000, 001): leading cadres first (at least one difficult household
// each), then the remaining difficult households with capable members or jointly by the branch.
void build_assistance(SynthState& s) {
  RandomStream r = s.root.derive("assistance");
  std::vector<std::uint8_t> paired(static_cast<std::size_t>(s.p.households), 0);
  std::vector<std::uint16_t> load(s.plans.size(), 0);
  auto add = [&](PairingSource source, Index h, Index member) {
    const Date start = s.earlier_start(r, 2);
    std::optional<Date> end;
    if (r.uniform() < s.p.pairing_end_share) end = s.day(s.random_day(r));
    paired[h] = 1;
    s.assistance.push_back({member, h, end});
    const PairingId id = add_pairing(s, PairingKind::Assistance, source, household_id(h), start, end);
    if (member != kNone && s.p.assistance_capacity) set_capacity(s, id);
  };
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const Member& m = s.plans[i].member;
    if (!m.is_leading_cadre() || s.plans[i].community == kNone) continue;
    const Index c = s.plans[i].community;
    for (std::int64_t k = 0; k < s.p.leading_cadre_assistance; ++k) {
      const Index n = s.difficult_begin[c + 1] - s.difficult_begin[c];
      Index chosen = kNone;
      for (int attempt = 0; attempt < 16 && n > 0 && chosen == kNone; ++attempt) {
        const Index h = s.difficult[s.difficult_begin[c] + below(r, n)];
        if (!paired[h]) chosen = h;
      }
      if (chosen == kNone) break;
      ++load[i];
      add(member_id(static_cast<Index>(i)), chosen, static_cast<Index>(i));
    }
  }
  for (std::size_t c = 0; c < s.c_org.size(); ++c) {
    const auto& capable = s.capable_of_community[c];
    for (Index k = s.difficult_begin[c]; k < s.difficult_begin[c + 1]; ++k) {
      const Index h = s.difficult[k];
      if (paired[h] || !(r.uniform() < s.p.assistance_coverage)) continue;
      Index member = kNone;
      if (!(r.uniform() < s.p.joint_assistance_share)) {
        for (int attempt = 0; attempt < 8 && member == kNone && !capable.empty(); ++attempt) {
          const Index i = capable[below(r, capable.size())];
          if (load[i] < s.p.max_assistance_per_member) member = i;
        }
        const auto& town = s.township_capable[s.c_township[c]];
        for (int attempt = 0; attempt < 8 && member == kNone && !town.empty(); ++attempt) {
          const Index i = town[below(r, town.size())];
          if (load[i] < s.p.max_assistance_per_member) member = i;
        }
      }
      if (member != kNone) {
        ++load[member];
        add(member_id(member), h, member);
      } else {  // no free member: the branch pairs jointly (001)
        add(s.c_org[c], h, kNone);
      }
    }
  }
  // Difficult members (kind hardship, DOMAIN.md §2) served by a capable member of their
  // community with room left (own stream, added last so earlier ids and draws stay as they were).
  RandomStream hr = s.root.derive("hardship_assistance");
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const Member& m = s.plans[i].member;
    if (!m.kinds.test(MemberKind::Hardship) || s.plans[i].community == kNone) continue;
    if (!(hr.uniform() < s.p.hardship_member_assistance)) continue;
    const auto& capable = s.capable_of_community[s.plans[i].community];
    Index helper = kNone;
    for (int attempt = 0; attempt < 8 && helper == kNone && !capable.empty(); ++attempt) {
      const Index j = capable[below(hr, capable.size())];
      if (j != static_cast<Index>(i) && load[j] < s.p.max_assistance_per_member) helper = j;
    }
    if (helper == kNone) continue;
    ++load[helper];
    const PairingId id = add_pairing(s, PairingKind::Assistance, member_id(helper), member_id(static_cast<Index>(i)),
                                     s.earlier_start(hr, 2));
    if (s.p.assistance_capacity) set_capacity(s, id);
  }
}

}  // namespace

void build_pairings(SynthState& s) {
  const auto M = s.plans.size();
  RandomStream r = s.root.derive("pairings");
  s.contact_begin.assign(M + 1, 0);
  // Dual pairing (001, 004): each village/community with an organ organisation; the organ side
  // is a county organ or a school/hospital/enterprise station, else the unit's own township.
  std::vector<Index> organ_side;
  for (std::size_t o = 0; o < s.organ_org.size(); ++o) organ_side.push_back(s.organ_org[o].value());
  for (std::size_t c = 0; c < s.c_sector.size(); ++c)
    if (!s.is_network_community(c)) organ_side.push_back(s.c_org[c].value());
  shuffle(r, organ_side);
  std::size_t turn = 0;
  for (Index c : s.network_communities) {
    if (!(r.uniform() < s.p.dual_pairing_share)) continue;
    const OrgId partner = organ_side.empty() ? s.t_org[s.c_township[c]] : OrgId{organ_side[turn++ % organ_side.size()]};
    add_pairing(s, PairingKind::DualOrganization, partner, s.c_org[c], s.earlier_start(r, 3));
  }
  // Contact points of county leaders and organ heads (001: at least one community each).
  for (std::size_t i = 0; i < M; ++i) {
    const Role role = s.plans[i].role;
    if (role != Role::CountyLeader && role != Role::OrganHead) continue;
    if (s.network_communities.empty()) break;
    for (std::int64_t k = 0; k < s.p.leader_contact_points; ++k) {
      const Index c = s.network_communities[below(r, s.network_communities.size())];
      if (k == 0) s.plans[i].community = c;
      s.leader_points.push_back({static_cast<Index>(i), c});
      add_pairing(s, PairingKind::ContactPoint, member_id(static_cast<Index>(i)), s.c_org[c], s.earlier_start(r, 3));
    }
  }
  build_area_teams(s, r);
  station_township_cadres(s, r);
  const DelegateAreas areas = assign_delegate_areas(s, r);
  build_contact_households(s, areas);
  build_assistance(s);
}

}  // namespace massline::synth::detail
