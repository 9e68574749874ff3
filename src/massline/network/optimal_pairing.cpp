// Optimal assistance pairing (include/massline/network/optimal_pairing.hpp): candidate rows
// from the registry, priority tiers as a cost bonus, min_cost_assignment, and the write-back.
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/optimal_pairing.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace massline::network {
namespace {

constexpr std::int64_t kMaxOptionCost = std::int64_t{1} << 20;
constexpr std::int64_t kMaxHops = 64;
constexpr std::size_t kMaxSpecialties = 64;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

[[noreturn]] void bad_option(const char* field, const std::string& why) {
  throw InvalidArgument("pairing.bad_option", "invalid pairing option", Location::of("PairingOptions", field), why);
}

void require_range(std::int64_t value, std::int64_t high, const char* field) {
  if (value < 0 || value > high) {
    bad_option(field, std::to_string(value) + " is not in 0.." + std::to_string(high));
  }
}

// The distinct specialty names of the options, in first-seen order.
std::vector<std::string> specialty_names(const PairingOptions& options) {
  std::vector<std::string> names;
  for (const auto& need : options.specialty_needs) {
    if (std::find(names.begin(), names.end(), need.second) == names.end()) names.push_back(need.second);
  }
  return names;
}

bool active(const Pairing& p, const PairingOptions& options) {
  return options.day.is_special() ? !p.end.has_value() : p.active_on(options.day);
}

std::uint64_t pair_key(HouseholdId h, MemberId m) { return (std::uint64_t{h.value()} << 32) | m.value(); }

// Organisations within max_hops of a unit, with their distance: breadth first over parent and
// children links of the tree.
class TreeBall {
 public:
  explicit TreeBall(const Registry& registry)
      : registry_(registry), seen_(registry.organizations().capacity_ids(), kNone) {}

  // (organisation, hops) for every organisation within @p hops of @p unit, unit first.
  const std::vector<std::pair<OrgId, std::int64_t>>& around(OrgId unit, std::int64_t hops) {
    for (const auto& [org, d] : ball_) seen_[org.value()] = kNone;
    ball_.clear();
    ball_.emplace_back(unit, 0);
    seen_[unit.value()] = 0;
    for (std::size_t next = 0; next < ball_.size(); ++next) {
      const OrgId org = ball_[next].first;
      const std::int64_t d = ball_[next].second;
      if (d == hops) continue;
      const auto visit = [&](OrgId o) {
        if (seen_[o.value()] != kNone) return;
        seen_[o.value()] = static_cast<std::uint32_t>(d + 1);
        ball_.emplace_back(o, d + 1);
      };
      if (const auto& parent = registry_.get(org).parent) visit(*parent);
      for (const OrgId child : registry_.children(org)) visit(child);
    }
    return ball_;
  }

 private:
  const Registry& registry_;
  std::vector<std::uint32_t> seen_;
  std::vector<std::pair<OrgId, std::int64_t>> ball_;
};

struct Candidate {
  std::uint32_t member;  // dense index of a capable member
  std::int64_t hops;
};

}  // namespace

void PairingOptions::check() const {
  require_range(capacity_per_member, std::numeric_limits<std::int32_t>::max(), "capacity_per_member");
  require_range(max_hops, kMaxHops, "max_hops");
  require_range(hop_cost, kMaxOptionCost, "hop_cost");
  require_range(mismatch_cost, kMaxOptionCost, "mismatch_cost");
  require_range(continuity_bonus, kMaxOptionCost, "continuity_bonus");
  for (const auto& need : specialty_needs) {
    if (need.second.empty()) bad_option("specialty_needs", "a needed specialty is an empty name");
  }
  if (specialty_names(*this).size() > kMaxSpecialties) {
    bad_option("specialty_needs", "more than " + std::to_string(kMaxSpecialties) + " distinct specialties");
  }
}

PairingResult optimal_pairing(const Registry& registry, const PairingOptions& options) {
  options.check();
  const auto specialties = specialty_names(options);
  const auto specialty_bit = [&](const std::string& name) -> std::uint64_t {
    const auto it = std::find(specialties.begin(), specialties.end(), name);
    return it == specialties.end() ? 0 : std::uint64_t{1} << (it - specialties.begin());
  };

  // Existing pairings: who is covered, each member's load, and every (household, member) pair.
  std::vector<std::uint8_t> covered(registry.households().capacity_ids(), 0);
  std::vector<std::int64_t> load(registry.members().capacity_ids(), 0);
  std::unordered_set<std::uint64_t> paired_before;
  for (const Pairing& p : registry.pairings()) {
    const auto* household = std::get_if<HouseholdId>(&p.target);
    if (household == nullptr) continue;
    const auto* member = std::get_if<MemberId>(&p.source);
    if (member != nullptr) paired_before.insert(pair_key(*household, *member));
    if (p.kind != PairingKind::Assistance || !active(p, options)) continue;
    covered[household->value()] = 1;
    if (member != nullptr) ++load[member->value()];
  }
  throw_if_cancelled();

  // Capable members: dense indices, capacity left, specialties, and where they can be found.
  std::vector<MemberId> member_ids;
  std::vector<std::int64_t> capacity;
  std::vector<std::uint64_t> skills;
  std::vector<std::vector<std::uint32_t>> by_org(registry.organizations().capacity_ids());
  for (const Member& m : registry.members()) {
    if (!m.capable_of_helping) continue;
    const auto index = static_cast<std::uint32_t>(member_ids.size());
    member_ids.push_back(m.id);
    capacity.push_back(std::max<std::int64_t>(0, options.capacity_per_member - load[m.id.value()]));
    std::uint64_t bits = 0;
    for (const auto& s : m.specialties) bits |= specialty_bit(s);
    skills.push_back(bits);
    by_org[m.organization.value()].push_back(index);
    if (m.residence_community && *m.residence_community != m.organization) {
      by_org[m.residence_community->value()].push_back(index);
    }
  }

  // Households needing a pairing, and the specialties each needs.
  std::vector<HouseholdId> household_ids;
  std::vector<std::uint8_t> priority;
  std::vector<std::uint64_t> needs;
  for (const Household& h : registry.households()) {
    if ((h.categories.bits() & options.needs_pairing.bits()) == 0 || covered[h.id.value()] != 0) continue;
    household_ids.push_back(h.id);
    priority.push_back((h.categories.bits() & options.priority.bits()) != 0 ? 1 : 0);
    std::uint64_t bits = 0;
    for (const auto& [category, name] : options.specialty_needs) {
      if (h.categories.test(category)) bits |= specialty_bit(name);
    }
    needs.push_back(bits);
  }
  throw_if_cancelled();

  // Candidate rows: the capable members within max_hops of the household's unit, each at its
  // least distance; computed once per unit.
  std::vector<AssignmentEdge> rows;
  std::vector<std::int64_t> row_hops;
  std::vector<std::uint8_t> row_mismatch, row_continuity;
  {
    TreeBall ball(registry);
    std::vector<std::int64_t> best(member_ids.size(), -1);
    std::vector<std::vector<Candidate>> by_unit(registry.organizations().capacity_ids());
    std::vector<std::uint8_t> unit_done(registry.organizations().capacity_ids(), 0);
    for (std::size_t h = 0; h < household_ids.size(); ++h) {
      const OrgId unit = registry.get(household_ids[h]).unit;
      auto& candidates = by_unit[unit.value()];
      if (unit_done[unit.value()] == 0) {
        unit_done[unit.value()] = 1;
        for (const auto& [org, d] : ball.around(unit, options.max_hops)) {
          for (const std::uint32_t m : by_org[org.value()]) {
            if (best[m] < 0) {
              candidates.push_back({m, d});
              best[m] = d;
            } else if (d < best[m]) {
              best[m] = d;
            }
          }
        }
        for (auto& c : candidates) {
          c.hops = best[c.member];
          best[c.member] = -1;
        }
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.member < b.member; });
      }
      for (const Candidate& c : candidates) {
        const bool mismatch = needs[h] != 0 && (needs[h] & skills[c.member]) == 0;
        const bool continuity = paired_before.contains(pair_key(household_ids[h], member_ids[c.member]));
        const std::int64_t cost = options.hop_cost * c.hops + (mismatch ? options.mismatch_cost : 0) -
                                  (continuity ? options.continuity_bonus : 0);
        rows.push_back({static_cast<std::int64_t>(h), static_cast<std::int64_t>(c.member), cost});
        row_hops.push_back(c.hops);
        row_mismatch.push_back(mismatch ? 1 : 0);
        row_continuity.push_back(continuity ? 1 : 0);
      }
      if ((h & 0xFFFFu) == 0) throw_if_cancelled();
    }
  }

  // Priority tier: B = N·(max − min row cost) + 1 (docs/assignment.md).
  PairingResult result;
  result.needing = static_cast<std::int64_t>(household_ids.size());
  result.candidate_edges = static_cast<std::int64_t>(rows.size());
  std::int64_t low = 0, high = 0;
  if (!rows.empty()) {
    const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end(),
                                              [](const AssignmentEdge& a, const AssignmentEdge& b) { return a.cost < b.cost; });
    low = lo->cost;
    high = hi->cost;
  }
  std::int64_t bonus = 0;
  if (__builtin_mul_overflow(result.needing, high - low, &bonus) || bonus >= kMaxAssignmentCostSum) {
    throw InvalidArgument("pairing.too_large", "priority tier bonus too large", Location::of("PairingOptions", "hop_cost"),
                          std::to_string(result.needing) + " households with row costs spreading over " +
                              std::to_string(high - low) + " exceed the solver's cost range; lower the costs");
  }
  result.tier_bonus = bonus + 1;
  std::vector<std::int64_t> base_cost(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    base_cost[i] = rows[i].cost;
    if (priority[static_cast<std::size_t>(rows[i].household)] != 0) rows[i].cost -= result.tier_bonus;
  }
  const std::vector<std::int64_t> demand(household_ids.size(), 1);
  const AssignmentResult solved = min_cost_assignment(rows, capacity, demand);  // cost range checked there

  result.solver_cost = solved.total_cost;
  for (const std::int64_t i : solved.edge) {
    const auto& row = rows[static_cast<std::size_t>(i)];
    const auto h = static_cast<std::size_t>(row.household);
    result.pairs.push_back({household_ids[h], member_ids[static_cast<std::size_t>(row.member)], base_cost[static_cast<std::size_t>(i)],
                            row_hops[static_cast<std::size_t>(i)], row_mismatch[static_cast<std::size_t>(i)] != 0,
                            row_continuity[static_cast<std::size_t>(i)] != 0, priority[h] != 0});
    result.cost += base_cost[static_cast<std::size_t>(i)];
  }
  std::sort(result.pairs.begin(), result.pairs.end(),
            [](const ProposedPairing& a, const ProposedPairing& b) { return a.household < b.household; });
  for (std::size_t k = 0; k < solved.unassigned.size(); ++k) {
    const auto h = static_cast<std::size_t>(solved.unassigned[k]);
    result.unpaired.push_back({household_ids[h], solved.reason[k], priority[h] != 0});
  }
  return result;
}

std::vector<PairingId> apply_pairing(Registry& registry, const PairingResult& result, Date start) {
  if (start.is_special()) {
    throw InvalidArgument("pairing.start", "the pairings need a start date", Location::of("apply_pairing", "start"),
                          "got a special date (not a date or infinity)");
  }
  std::vector<Pairing> pairings;
  pairings.reserve(result.pairs.size());
  for (std::size_t k = 0; k < result.pairs.size(); ++k) {
    const ProposedPairing& p = result.pairs[k];
    const auto stale = [&](const std::string& what) {
      throw NotFound("pairing.stale", "the pairing result no longer fits the registry",
                     Location::of("pair " + std::to_string(k), what), what + " no longer exists; run optimal_pairing again");
    };
    if (!registry.contains(p.household)) stale(p.household.to_string());
    if (!registry.contains(p.member)) stale(p.member.to_string());
    Pairing pairing;
    pairing.kind = PairingKind::Assistance;
    pairing.source = p.member;
    pairing.target = p.household;
    pairing.start = start;
    pairing.check();
    pairings.push_back(std::move(pairing));
  }
  // Every add below is now one the registry accepts (its only checks are the ones above); an
  // allocation failure part-way removes what was added.
  std::vector<PairingId> ids;
  ids.reserve(pairings.size());
  try {
    for (auto& pairing : pairings) ids.push_back(registry.add(std::move(pairing)));
  } catch (...) {
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) registry.remove(*it);
    throw;
  }
  return ids;
}

}  // namespace massline::network
