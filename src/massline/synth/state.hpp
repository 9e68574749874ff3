#pragma once
// The named state of the synthetic-population generator: the parameters, the root random
// stream, the registry under construction and the intermediate arrays the stages hand on to
// each other. Private to src/massline/synth; the stages (stages.hpp) run in the order of
// generate.cpp, and each member's comment names the stage that fills it and those that read it.
// Arrays a single stage needs only for itself are locals of that stage's file.

#include <massline/core/date.hpp>
#include <massline/core/random.hpp>
#include <massline/model/registry.hpp>
#include <massline/synth/params.hpp>

#include "draw.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace massline::synth::detail {

using Index = std::uint32_t;  // index of an entity among its kind, as the registry numbers them
inline constexpr Index kNone = std::numeric_limits<Index>::max();

// Fixed modelling choices (docs/synth.md, "Fixed modelling choices"): even odds between the two
// sizes the sources allow ("1-2 liaisons", "1-2 pledges"), pledges made in the first quarter,
// 7-day campaign windows starting a quarter into each half/part of the year.
inline constexpr double kEvenOdds = 0.5;
inline constexpr int kPledgeWindowDays = 90;
inline constexpr int kCampaignDays = 7;
inline constexpr double kCampaignOffset = 0.25;

// Households picked key_household_weight times likelier as contacts, and marked key_contact.
inline constexpr HouseholdCategories kKeyCategories =
    kFiveMustVisit | HouseholdCategories{HouseholdCategory::Difficult, HouseholdCategory::MinimumLivingAllowance,
                                         HouseholdCategory::EmptyNestElderly, HouseholdCategory::LeftBehindChildren};

/// What a member does in the generated network.
enum class Role : std::uint8_t { CountyLeader, OrganHead, OrganStaff, TownLeader, Police, Judicial, TownCadre, VillageCadre, Ordinary };

/// A member before it enters the registry, with where it works and lives.
struct MemberPlan {
  Member member;
  Role role = Role::Ordinary;
  Index community = kNone;  // home community, or the community a township cadre is stationed in
  Index township = kNone;   // level-2 unit it belongs to (kNone for county-level members)
  Index residence = kNone;  // residence community of an in-service member
};

/// An assistance pair, kept for the visits of the contacts stage.
struct AssistancePair {
  Index member;  // kNone for a joint (branch) pair
  Index household;
  std::optional<Date> end;  // the pair ends during the year
};

inline MemberId member_id(Index i) { return MemberId{i}; }
inline HouseholdId household_id(Index h) { return HouseholdId{h}; }

/// Everything the stages share. Units are indexed per level: t = level 2 (township or street),
/// c = level 3 (village, community or station), g = level 4 (grid); h = household, i = member.
struct SynthState {
  SynthState(const SynthParams& params, std::uint64_t seed)
      : p(params),
        root(RandomStream(seed).derive("synth")),
        jan1(make_date(static_cast<int>(params.year), 1, 1)),
        days(static_cast<int>((make_date(static_cast<int>(params.year), 12, 31) - jan1).days()) + 1) {}
  SynthState(const SynthState&) = delete;
  SynthState& operator=(const SynthState&) = delete;

  // ---- given (generate)
  const SynthParams& p;  // validated parameters; read by every stage
  RandomStream root;     // RandomStream(seed).derive("synth"); every stage derives its own streams from it by label
  Registry reg;          // the result; every stage adds its entities, in the fixed id order of docs/synth.md
  Date jan1;             // 1 January of p.year; read by pairings, posts, commitments, contacts, appeals (day(), earlier_start())
  int days;              // days in p.year; read by pairings, commitments, contacts, appeals

  // ---- structure: shape_structure fills the counts, build_organisations the rest
  std::int64_t t_count = 0;                            // level-2 units; read by members, pairings, appeals
  std::int64_t c_count = 0;                            // level-3 units; read by households, members
  std::int64_t g_count = 0;                            // level-4 units (grids); read by build_organisations
  std::int64_t organ_count = 0;                        // county organs; read by build_organisations, plan_members
  OrgId office;                                        // the level-1 work office; read by plan_members, build_appeals
  std::vector<OrgId> t_org;                            // registry ids of level-2 units; read by members, pairings, appeals
  std::vector<OrgId> organ_org;                        // registry ids of county organs; read by members, pairings
  std::vector<OrgId> c_org;                            // registry ids of level-3 units; read by every later stage
  std::vector<OrgId> g_org;                            // registry ids of grids; read by households, pairings, appeals
  std::vector<bool> t_street;                          // level-2 unit is an urban street; read by choose_delegates
  std::vector<Sector> c_sector;                        // sector of each level-3 unit; read by plan_members, pairings (is_network_community)
  std::vector<Index> c_township;                       // parent level-2 unit; read by members, pairings, appeals
  std::vector<Index> c_grid_begin;                     // first grid of each level-3 unit (C + 1 entries); read through hh_begin/hh_end
  std::vector<Index> g_community;                      // parent level-3 unit; read by pairings, and by contacts, appeals (community_of_household)
  std::vector<Index> g_hh_begin;                       // first household of each grid (G + 1 entries); read by households, pairings, hh_begin/hh_end
  std::vector<Index> network_communities;              // villages and communities (not stations); read by members, pairings, posts

  // ---- households: build_households
  std::vector<Index> hh_grid;                     // grid of each household; read by appeals, and by contacts (community_of_household)
  std::vector<HouseholdCategories> hh_cat;        // categories; read by pairings, contacts, appeals (is_key, is_must_visit)
  std::vector<Index> difficult, difficult_begin;  // difficult households by level-3 unit (C + 1 offsets); read by build_pairings

  // ---- members: plan_members fills, choose_delegates marks the delegates, add_members registers
  // Every member in id order; read by every later stage. build_pairings sets the `community` of
  // leaders (first contact point) and township cadres (team area or station).
  std::vector<MemberPlan> plans;
  std::vector<Index> delegates;                          // delegates in id order (choose_delegates); read by build_pairings
  std::vector<std::vector<Index>> groups;                // delegate groups, leader first (choose_delegates); read by build_commitments
  std::vector<std::vector<Index>> capable_of_community;  // capable members of each level-3 unit (add_members); read by pairings, posts, contacts
  std::vector<std::vector<Index>> township_capable;      // capable township cadres of each level-2 unit (add_members); read by build_pairings

  // ---- pairings: build_pairings
  std::vector<AssistancePair> assistance;              // assistance pairs; read by build_contacts (assistance visits)
  std::vector<std::pair<Index, Index>> leader_points;  // (member, community) of leaders' contact points; read by build_contacts
  std::vector<Index> contact_hh, contact_begin;        // contact households per member (M + 1 offsets); read by build_contacts
  std::vector<Index> hh_contact_member;                // first member keeping each household; read by build_contacts (must visit)

  // ---- contacts: build_contacts (left empty without contacts)
  std::vector<std::int16_t> hh_first_day;  // day of the year of a household's first contact, -1 if none; read by build_appeals
  std::vector<Index> hh_first_member;      // who made that first contact; read by build_appeals
  std::vector<VisitMode> hh_first_mode;    // and how; read by build_appeals

  // ---- queries over the state
  [[nodiscard]] bool is_network_community(std::size_t c) const { return c_sector[c] == Sector::Rural || c_sector[c] == Sector::Urban; }
  [[nodiscard]] Index hh_begin(std::size_t c) const { return g_hh_begin[c_grid_begin[c]]; }
  [[nodiscard]] Index hh_end(std::size_t c) const { return g_hh_begin[c_grid_begin[c + 1]]; }
  [[nodiscard]] Index g_hh_end(std::size_t g) const { return g_hh_begin[g + 1]; }
  [[nodiscard]] Index community_of_household(Index h) const { return g_community[hh_grid[h]]; }
  [[nodiscard]] bool is_key(Index h) const { return hh_cat[h].intersects(kKeyCategories); }
  [[nodiscard]] bool is_must_visit(Index h) const { return hh_cat[h].intersects(kFiveMustVisit); }
  [[nodiscard]] Date day(int d) const { return jan1 + boost::gregorian::date_duration(d); }
  [[nodiscard]] int random_day(RandomStream& r) const { return static_cast<int>(below(r, static_cast<std::size_t>(days))); }

  // A start date in the @p years before the simulated year.
  [[nodiscard]] Date earlier_start(RandomStream& r, int years) const {
    return jan1 - boost::gregorian::date_duration(1 + static_cast<int>(below(r, static_cast<std::size_t>(365 * years))));
  }

  // A day in part @p k of @p n equal parts of the year.
  [[nodiscard]] int day_in_part(RandomStream& r, std::int64_t k, std::int64_t n) const {
    const auto first = static_cast<int>(days * k / n), last = static_cast<int>(days * (k + 1) / n);
    return first + static_cast<int>(below(r, static_cast<std::size_t>(std::max(1, last - first))));
  }

  // Day k (0-based) of concentrated campaign @p campaign: windows of 7 days starting a quarter
  // into each equal part of the year (1 April and 1 October for two campaigns).
  [[nodiscard]] Date campaign_day(std::int64_t campaign, int k) const {
    const double part = static_cast<double>(days) / static_cast<double>(p.campaigns);
    return day(static_cast<int>((static_cast<double>(campaign) + kCampaignOffset) * part) + k);
  }
};

}  // namespace massline::synth::detail
