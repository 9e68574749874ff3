#pragma once
// The stages of the synthetic-population generator, each a pass over the shared SynthState
// (state.hpp). generate() runs them in the order below, which is also the order in which ids are
// assigned; each stage derives its own streams from the root by label, so none depends on how
// many numbers another drew. Private to src/massline/synth.

#include "state.hpp"

#include <massline/core/error.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace massline::synth::detail {

// Households between two looks at the cancellation flag inside the per-household loops
// (<massline/core/cancellation.hpp>; generate() also looks between stages).
inline constexpr std::size_t kCancelCheckHouseholds = 4096;

// structure.cpp
void shape_structure(SynthState& s);      // unit counts per level, checked for nesting
void build_organisations(SynthState& s);  // office, level-2 units, organs, level-3 units, grids; households per grid
// households.cpp
void build_households(SynthState& s);  // sizes, categories, party households; difficult households per unit
// members.cpp
void plan_members(SynthState& s);      // roles, staffing checks, per-member attributes
void choose_delegates(SynthState& s);  // delegates and their groups
void add_members(SynthState& s);       // members into the registry; capable members per unit

// Personal fields (personal.cpp), when p.personal_fields: household h's head name, address,
// phone and identity number; member i's phone and identity number.
void add_household_personal_fields(const SynthState& s, std::size_t h, Household& household);
void add_member_personal_fields(const SynthState& s, std::size_t i, Member& member);
// pairings.cpp
void build_pairings(SynthState& s);  // dual pairs, contact points, area teams, delegate areas, contact households, assistance
// posts.cpp
void build_posts(SynthState& s);
// commitments.cpp
void build_commitments(SynthState& s);  // members' pledges, delegate groups' joint commitments
// contacts.cpp (only with p.contacts)
void build_contacts(SynthState& s);  // a year of contacts
// appeals.cpp (only with p.appeals)
void build_appeals(SynthState& s);
// activities.cpp (only with p.activities)
void build_activities(SynthState& s);  // situation meetings, studies, delegate groups' trainings and activities

// k distinct households from [begin, end), key ones key_household_weight times likelier, none
// from @p exclude (households.cpp; used for contact households and field days).
std::vector<Index> pick_households(const SynthState& s, RandomStream& r, Index begin, Index end, std::size_t k,
                                   const std::vector<Index>& exclude = {});

// The error of parameters that cannot be met together (the stages' own checks; check()
// checks each value's domain): the parameter table's "synth.bad_parameter" (params.cpp).
[[noreturn]] void bad(const std::string& name, const std::string& why);

// An external code "<prefix>-<kind><index + 1>", the number zero-padded to @p width digits.
inline std::string code_of_width(const std::string& prefix, char kind, std::size_t index, std::size_t width) {
  std::string digits = std::to_string(index + 1);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + '-' + kind + digits;
}

// The same, padded to the width of the largest number, @p count.
inline std::string padded(const std::string& prefix, char kind, std::size_t index, std::size_t count) {
  return code_of_width(prefix, kind, index, std::to_string(count).size());
}

}  // namespace massline::synth::detail
