#pragma once
/// @file
/// Optimal assistance pairing (docs/assignment.md, "Optimal pairing"): capable members to the
/// households that need an assistance pairing and have none, as an exact min-cost assignment
/// (min_cost_assignment.hpp) under member capacities and tree-distance eligibility, with
/// must-visit households first; and writing the result back as assistance pairings.

#include <massline/core/date.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/household.hpp>
#include <massline/model/registry.hpp>
#include <massline/network/min_cost_assignment.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace massline::network {

/// The choices of optimal_pairing. Every default is the standard policy's choice, documented
/// with its source in docs/assignment.md; none is a constant of the algorithm.
struct PairingOptions {
  /// Categories whose households need an assistance pairing (结对帮扶 of a difficult household,
  /// docs/domain.md §3). Default: difficult, minimum living allowance, special hardship.
  HouseholdCategories needs_pairing{HouseholdCategory::Difficult, HouseholdCategory::MinimumLivingAllowance,
                                    HouseholdCategory::SpecialHardship};
  /// Categories served first: a household with one of them is in priority tier 1 (see
  /// tier_bonus in PairingResult). Default: the five must-visit categories (kFiveMustVisit).
  HouseholdCategories priority = kFiveMustVisit;
  /// The day on which pairings are judged active (Pairing::active_on). Not a date (the
  /// default): every pairing without an end date counts as active.
  Date day{boost::gregorian::not_a_date_time};
  /// Most assistance pairings a member carries, existing active ones included. Default 3 (the
  /// synth parameter max_assistance_per_member, from the S0/S1 practice of 1–3 households).
  std::int64_t capacity_per_member = 3;
  /// A member is eligible for a household when the tree distance (edges of the organisation
  /// tree) between the household's unit and the member's organisation — or, for an in-service
  /// member, the residence community — is at most this. Default 2 (the unit's community and
  /// the other units under it, for a member of a level-4 unit).
  std::int64_t max_hops = 2;
  /// Cost per hop of tree distance. Default 10.
  std::int64_t hop_cost = 10;
  /// Cost when the household needs specialties (see specialty_needs) and the member has none
  /// of them. Default 15 (a mismatch weighs one and a half hops).
  std::int64_t mismatch_cost = 15;
  /// Subtracted when the member already has (or had) a pairing of any kind with the household:
  /// continuity with existing pairs. Default 10 (one hop).
  std::int64_t continuity_bonus = 10;
  /// Specialties a household of a category needs (any one of them will do). Default: empty-nest
  /// elderly → medicine, left-behind children → education, petitioner and repeat petitioner →
  /// law (the synth's specialty names).
  std::vector<std::pair<HouseholdCategory, std::string>> specialty_needs{
      {HouseholdCategory::EmptyNestElderly, "medicine"},
      {HouseholdCategory::LeftBehindChildren, "education"},
      {HouseholdCategory::Petitioner, "law"},
      {HouseholdCategory::RepeatPetitioner, "law"}};

  /// Throws InvalidArgument "pairing.bad_option" naming the option: negative capacity, hops,
  /// or costs; costs above 2^20 (so every sum stays far inside the assignment's bound).
  void check() const;
};

/// One proposed pairing.
struct ProposedPairing {
  HouseholdId household{};
  MemberId member{};
  std::int64_t cost = 0;  ///< hop_cost·hops + mismatch_cost·mismatch − continuity_bonus·continuity
  std::int64_t hops = 0;  ///< tree distance used for eligibility and cost
  bool mismatch = false;  ///< the household needs a specialty the member lacks
  bool continuity = false;  ///< the member already has or had a pairing with the household
  bool priority = false;  ///< the household is in priority tier 1
  friend bool operator==(const ProposedPairing&, const ProposedPairing&) = default;
};

/// A household that needs a pairing and gets none, with the reason
/// (NoEligibleMember: no capable member within max_hops; MembersAtCapacity: all of them full).
struct UnpairedHousehold {
  HouseholdId household{};
  UnassignedReason reason = UnassignedReason::NoEligibleMember;
  bool priority = false;  ///< the household is in priority tier 1
  friend bool operator==(const UnpairedHousehold&, const UnpairedHousehold&) = default;
};

/// The optimal pairing. Among the pairings of the largest possible number of households,
/// first the most priority households, then the least sum of ProposedPairing::cost.
struct PairingResult {
  std::vector<ProposedPairing> pairs;       ///< by household id
  std::vector<UnpairedHousehold> unpaired;  ///< by household id
  std::int64_t needing = 0;    ///< households that need a pairing and have none active
  std::int64_t cost = 0;       ///< sum of ProposedPairing::cost over pairs (the optimal cost)
  std::int64_t tier_bonus = 0; ///< B, subtracted per priority household in the solver's cost
  std::int64_t solver_cost = 0;  ///< the min-cost assignment's total: cost − B·(priority pairs)
  std::int64_t candidate_edges = 0;  ///< eligible (household, member) rows given to the solver
  friend bool operator==(const PairingResult&, const PairingResult&) = default;
};

/// Finds the optimal pairing of @p registry under @p options (checked first): households
/// needing pairing are those with a category in needs_pairing and no active assistance
/// pairing; members are the capable ones (Member::capable_of_helping) with
/// capacity_per_member − (their active assistance pairings) places left. The solver's cost of a
/// row is ProposedPairing::cost − B·[priority household], with
/// B = (households needing pairing)·(largest − smallest row cost) + 1, so that no saving in
/// cost can buy one priority household fewer. Reads the registry only; honours cancellation.
[[nodiscard]] PairingResult optimal_pairing(const Registry& registry, const PairingOptions& options = {});

/// Writes @p result's pairs into @p registry as assistance pairings from the member to the
/// household starting on @p start; returns their ids in the order of result.pairs.
/// All or nothing: every pairing is checked before the first is added (household and member
/// still present, a valid start date), so an error leaves the registry unchanged
/// (InvalidArgument "pairing.start" for a bad date, NotFound "pairing.stale" naming the
/// household or member that no longer exists).
std::vector<PairingId> apply_pairing(Registry& registry, const PairingResult& result, Date start);

}  // namespace massline::network
