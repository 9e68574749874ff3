// optimal_pairing and apply_pairing: eligibility, costs, priority tiers, unpaired reasons, the
// write-back's all-or-nothing rule, and a brute-force oracle on small random registries.
#include <massline/network/optimal_pairing.hpp>

#include <massline/core/cancellation.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace massline;
namespace mn = massline::network;

namespace {

template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "(no error)";
}

const Date kDay = make_date(2025, 1, 1);

Organization org(std::string code, OrgLevel level, std::optional<OrgId> parent) {
  Organization o;
  o.code = std::move(code);
  o.level = level;
  o.parent = parent;
  return o;
}

// county → towns a, b → communities a1, a2 (under a), b1 → grids a1x, a1y, a2x, b1x.
struct Tree {
  Registry r;
  OrgId county, town_a, town_b, a1, a2, b1, a1x, a1y, a2x, b1x;
  Tree() {
    county = r.add(org("C", OrgLevel::County, std::nullopt));
    town_a = r.add(org("TA", OrgLevel::Township, county));
    town_b = r.add(org("TB", OrgLevel::Township, county));
    a1 = r.add(org("A1", OrgLevel::Community, town_a));
    a2 = r.add(org("A2", OrgLevel::Community, town_a));
    b1 = r.add(org("B1", OrgLevel::Community, town_b));
    a1x = r.add(org("A1X", OrgLevel::Grid, a1));
    a1y = r.add(org("A1Y", OrgLevel::Grid, a1));
    a2x = r.add(org("A2X", OrgLevel::Grid, a2));
    b1x = r.add(org("B1X", OrgLevel::Grid, b1));
  }
  HouseholdId household(OrgId unit, HouseholdCategories categories) {
    Household h;
    h.unit = unit;
    h.categories = categories;
    return r.add(h);
  }
  MemberId member(OrgId organization, bool capable = true, std::vector<std::string> specialties = {}) {
    Member m;
    m.capable_of_helping = capable;
    m.specialties = std::move(specialties);
    m.organization = organization;
    return r.add(m);
  }
  PairingId pair(MemberId m, HouseholdId h, PairingKind kind = PairingKind::Assistance,
                 std::optional<Date> end = std::nullopt) {
    Pairing p;
    p.kind = kind;
    p.source = m;
    p.target = h;
    p.start = make_date(2024, 1, 1);
    p.end = end;
    return r.add(p);
  }
};

const HouseholdCategories kDifficult{HouseholdCategory::Difficult};

}  // namespace

TEST(OptimalPairing, CostsFromHopsMismatchAndContinuity) {
  Tree t;
  const auto h = t.household(t.a1x, {HouseholdCategory::Difficult, HouseholdCategory::EmptyNestElderly});
  const auto near = t.member(t.a1x);                      // 0 hops, no medicine: 0 + 15
  const auto doctor = t.member(t.a1, true, {"medicine"});  // 1 hop, medicine: 10
  const auto far = t.member(t.county);                    // 3 hops: not eligible
  (void)far;
  (void)near;
  const auto r = mn::optimal_pairing(t.r);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].household, h);
  EXPECT_EQ(r.pairs[0].member, doctor);
  EXPECT_EQ(r.pairs[0].cost, 10);
  EXPECT_EQ(r.pairs[0].hops, 1);
  EXPECT_FALSE(r.pairs[0].mismatch);
  EXPECT_EQ(r.cost, 10);
  EXPECT_EQ(r.needing, 1);
  EXPECT_EQ(r.candidate_edges, 2);

  // Continuity: a past contact-household pair makes the near member the cheaper one (15 − 10 = 5).
  Tree u;
  const auto h2 = u.household(u.a1x, {HouseholdCategory::Difficult, HouseholdCategory::EmptyNestElderly});
  const auto near2 = u.member(u.a1x);
  u.member(u.a1, true, {"medicine"});
  u.pair(near2, h2, PairingKind::ContactHousehold);
  const auto r2 = mn::optimal_pairing(u.r);
  ASSERT_EQ(r2.pairs.size(), 1u);
  EXPECT_EQ(r2.pairs[0].member, near2);
  EXPECT_EQ(r2.pairs[0].cost, 5);
  EXPECT_TRUE(r2.pairs[0].continuity && r2.pairs[0].mismatch);
}

TEST(OptimalPairing, InServiceMembersAreFoundAtTheirResidence) {
  Tree t;
  const auto h = t.household(t.b1x, kDifficult);
  Member in_service;
  in_service.kinds = {MemberKind::InService};
  in_service.capable_of_helping = true;
  in_service.organization = t.a1x;
  in_service.residence_community = t.b1;
  const auto m = t.r.add(in_service);
  const auto r = mn::optimal_pairing(t.r);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].household, h);
  EXPECT_EQ(r.pairs[0].member, m);
  EXPECT_EQ(r.pairs[0].hops, 1);
}

TEST(OptimalPairing, PriorityHouseholdsComeFirst) {
  Tree t;
  const auto plain = t.household(t.a1x, kDifficult);  // 0 hops from the member
  const auto must = t.household(t.a2x, {HouseholdCategory::Difficult, HouseholdCategory::FourOlds});  // 4 hops
  const auto m = t.member(t.a1x);
  mn::PairingOptions options;
  options.max_hops = 4;
  options.capacity_per_member = 1;
  const auto r = mn::optimal_pairing(t.r, options);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].household, must);
  EXPECT_EQ(r.pairs[0].member, m);
  EXPECT_TRUE(r.pairs[0].priority);
  EXPECT_EQ(r.cost, 40);
  // Rows cost 0 and 40: B = 2·40 + 1.
  EXPECT_EQ(r.tier_bonus, 81);
  EXPECT_EQ(r.solver_cost, 40 - 81);
  ASSERT_EQ(r.unpaired.size(), 1u);
  EXPECT_EQ(r.unpaired[0].household, plain);
  EXPECT_EQ(r.unpaired[0].reason, mn::UnassignedReason::MembersAtCapacity);
  EXPECT_FALSE(r.unpaired[0].priority);
}

TEST(OptimalPairing, WhoNeedsPairingAndWhoHasRoom) {
  Tree t;
  const auto covered = t.household(t.a1x, kDifficult);
  const auto ended = t.household(t.a1x, kDifficult);
  const auto not_difficult = t.household(t.a1x, {HouseholdCategory::Petitioner});
  const auto unreachable = t.household(t.b1x, kDifficult);
  const auto busy = t.member(t.a1x);
  t.member(t.b1x, false);  // not capable
  t.pair(busy, covered);
  t.pair(busy, not_difficult);
  t.pair(busy, ended, PairingKind::Assistance, make_date(2024, 6, 1));
  // busy carries two active assistance pairs: one place left, which `ended` takes.
  const auto r = mn::optimal_pairing(t.r);
  EXPECT_EQ(r.needing, 2);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].household, ended);
  EXPECT_TRUE(r.pairs[0].continuity);
  ASSERT_EQ(r.unpaired.size(), 1u);
  EXPECT_EQ(r.unpaired[0].household, unreachable);
  EXPECT_EQ(r.unpaired[0].reason, mn::UnassignedReason::NoEligibleMember);
  // Judged on a day before the pairs began, nothing is active: all three difficult households
  // need pairing, and busy has three places.
  mn::PairingOptions before;
  before.day = make_date(2023, 1, 1);
  const auto r2 = mn::optimal_pairing(t.r, before);
  EXPECT_EQ(r2.needing, 3);
  EXPECT_EQ(r2.pairs.size(), 2u);
}

TEST(OptimalPairing, RefusesBadOptions) {
  Tree t;
  const auto with = [&](const std::function<void(mn::PairingOptions&)>& change) {
    mn::PairingOptions o;
    change(o);
    return code_of([&] { (void)mn::optimal_pairing(t.r, o); });
  };
  EXPECT_EQ(with([](auto& o) { o.capacity_per_member = -1; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.max_hops = -1; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.max_hops = 65; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.hop_cost = std::int64_t{1} << 21; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.mismatch_cost = -2; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.continuity_bonus = -1; }), "pairing.bad_option");
  EXPECT_EQ(with([](auto& o) { o.specialty_needs.push_back({HouseholdCategory::Difficult, ""}); }), "pairing.bad_option");
  EXPECT_EQ(with([](auto&) {}), "(no error)");
}

TEST(OptimalPairing, HonoursCancellation) {
  Tree t;
  t.household(t.a1x, kDifficult);
  t.member(t.a1x);
  std::atomic<bool> cancel{true};
  const CancellationScope scope(&cancel);
  EXPECT_THROW((void)mn::optimal_pairing(t.r), Cancelled);
}

TEST(ApplyPairing, WritesAssistancePairingsAllOrNothing) {
  Tree t;
  const auto h1 = t.household(t.a1x, kDifficult);
  const auto h2 = t.household(t.a1y, kDifficult);
  t.member(t.a1);
  const auto r = mn::optimal_pairing(t.r);
  ASSERT_EQ(r.pairs.size(), 2u);

  // A stale result (a household removed since) changes nothing.
  Registry copy = t.r;
  t.r.remove(h2);
  const auto pairings_before = t.r.pairings().size();
  const auto next_before = t.r.pairings().next_id();
  EXPECT_EQ(code_of([&] { (void)mn::apply_pairing(t.r, r, kDay); }), "pairing.stale");
  EXPECT_EQ(t.r.pairings().size(), pairings_before);
  EXPECT_EQ(t.r.pairings().next_id(), next_before);
  EXPECT_EQ(code_of([&] { (void)mn::apply_pairing(copy, r, Date(boost::gregorian::not_a_date_time)); }), "pairing.start");
  EXPECT_EQ(copy.pairings().size(), 0u);

  const auto ids = mn::apply_pairing(copy, r, kDay);
  ASSERT_EQ(ids.size(), 2u);
  const Pairing& p = copy.get(ids[0]);
  EXPECT_EQ(p.kind, PairingKind::Assistance);
  EXPECT_EQ(std::get<HouseholdId>(p.target), h1);
  EXPECT_EQ(std::get<MemberId>(p.source), r.pairs[0].member);
  EXPECT_EQ(p.start, kDay);
  EXPECT_FALSE(p.end.has_value());
  // Once written, nobody needs pairing any more.
  const auto again = mn::optimal_pairing(copy);
  EXPECT_EQ(again.needing, 0);
  EXPECT_TRUE(again.pairs.empty());
}

namespace {

struct Brute {
  std::int64_t pairs = -1, priority = 0, cost = 0;
};

// Every choice of member (or none) for every needing household, lexicographic optimum.
Brute brute_force(const std::vector<std::vector<std::pair<std::size_t, std::int64_t>>>& options,
                  const std::vector<bool>& priority, std::vector<std::int64_t> capacity) {
  Brute best;
  std::int64_t pairs = 0, prio = 0, cost = 0;
  std::function<void(std::size_t)> go = [&](std::size_t h) {
    if (h == options.size()) {
      if (pairs > best.pairs || (pairs == best.pairs && (prio > best.priority || (prio == best.priority && cost < best.cost))))
        best = {pairs, prio, cost};
      return;
    }
    go(h + 1);
    for (const auto& [m, c] : options[h]) {
      if (capacity[m] == 0) continue;
      --capacity[m];
      ++pairs;
      prio += priority[h] ? 1 : 0;
      cost += c;
      go(h + 1);
      ++capacity[m];
      --pairs;
      prio -= priority[h] ? 1 : 0;
      cost -= c;
    }
  };
  go(0);
  return best;
}

}  // namespace

TEST(OptimalPairing, MatchesBruteForceOnRandomRegistries) {
  std::mt19937_64 rng(11);
  const std::vector<std::string> skills{"medicine", "law", "education", "farming"};
  for (int trial = 0; trial < 60; ++trial) {
    Tree t;
    const std::vector<OrgId> orgs{t.county, t.town_a, t.town_b, t.a1, t.a2, t.b1, t.a1x, t.a1y, t.a2x, t.b1x};
    const std::vector<OrgId> grids{t.a1x, t.a1y, t.a2x, t.b1x};
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    std::vector<HouseholdId> hs;
    const int n_h = static_cast<int>(pick(6)) + 1;
    for (int i = 0; i < n_h; ++i) {
      HouseholdCategories c{HouseholdCategory::Difficult};
      if (pick(3) == 0) c.set(HouseholdCategory::FourOlds);
      if (pick(3) == 0) c.set(HouseholdCategory::EmptyNestElderly);
      if (pick(4) == 0) c.set(HouseholdCategory::Petitioner);
      hs.push_back(t.household(grids[pick(grids.size())], c));
    }
    std::vector<MemberId> ms;
    const int n_m = static_cast<int>(pick(4)) + 1;
    for (int i = 0; i < n_m; ++i) {
      std::vector<std::string> s;
      if (pick(2) == 0) s.push_back(skills[pick(skills.size())]);
      ms.push_back(t.member(orgs[pick(orgs.size())], pick(5) != 0, s));
    }
    for (int i = 0; i < 2; ++i) {
      if (pick(2) == 0) t.pair(ms[pick(ms.size())], hs[pick(hs.size())], PairingKind::ContactHousehold);
    }
    mn::PairingOptions o;
    o.capacity_per_member = static_cast<std::int64_t>(pick(3)) + 1;
    o.max_hops = static_cast<std::int64_t>(pick(4)) + 1;
    const auto result = mn::optimal_pairing(t.r, o);

    // The oracle's own view of eligibility and cost, from the registry directly.
    const auto depth_path = [&](OrgId o1) {
      std::vector<OrgId> path{o1};
      while (const auto& p = t.r.get(path.back()).parent) path.push_back(*p);
      return path;
    };
    const auto distance = [&](OrgId a, OrgId b) -> std::int64_t {
      const auto pa = depth_path(a), pb = depth_path(b);
      for (std::size_t i = 0; i < pa.size(); ++i)
        for (std::size_t j = 0; j < pb.size(); ++j)
          if (pa[i] == pb[j]) return static_cast<std::int64_t>(i + j);
      return 1000;
    };
    std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> choices(hs.size());
    std::vector<bool> priority(hs.size());
    std::vector<std::int64_t> capacity(ms.size());
    for (std::size_t j = 0; j < ms.size(); ++j) capacity[j] = t.r.get(ms[j]).capable_of_helping ? o.capacity_per_member : 0;
    for (std::size_t i = 0; i < hs.size(); ++i) {
      const Household& h = t.r.get(hs[i]);
      priority[i] = h.categories.test(HouseholdCategory::FourOlds);
      for (std::size_t j = 0; j < ms.size(); ++j) {
        const Member& m = t.r.get(ms[j]);
        if (!m.capable_of_helping) continue;
        const auto d = distance(h.unit, m.organization);
        if (d > o.max_hops) continue;
        const bool needs = h.categories.test(HouseholdCategory::EmptyNestElderly) ||
                           h.categories.test(HouseholdCategory::Petitioner);
        bool has = false;
        for (const auto& s : m.specialties) {
          has = has || (h.categories.test(HouseholdCategory::EmptyNestElderly) && s == "medicine") ||
                (h.categories.test(HouseholdCategory::Petitioner) && s == "law");
        }
        bool continuity = false;
        for (const Pairing& p : t.r.pairings())
          continuity = continuity || (std::get<MemberId>(p.source) == m.id && std::get<HouseholdId>(p.target) == h.id);
        choices[i].push_back({j, o.hop_cost * d + (needs && !has ? o.mismatch_cost : 0) - (continuity ? o.continuity_bonus : 0)});
      }
    }
    const auto best = brute_force(choices, priority, capacity);
    std::int64_t prio = 0;
    for (const auto& p : result.pairs) prio += p.priority ? 1 : 0;
    ASSERT_EQ(static_cast<std::int64_t>(result.pairs.size()), best.pairs) << trial;
    ASSERT_EQ(prio, best.priority) << trial;
    ASSERT_EQ(result.cost, best.cost) << trial;
    ASSERT_EQ(result.pairs.size() + result.unpaired.size(), hs.size()) << trial;
  }
}
