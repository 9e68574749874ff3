// The synthetic-population generator: the stages of stages.hpp over one SynthState, in a fixed
// order (which is also the order of the ids). Every draw comes from a RandomStream derived from
// (seed, purpose label, entity index), so the result is a pure function of (parameters, seed).
// Models and defaults are documented in docs/synth.md.

#include <massline/synth/generate.hpp>

#include "stages.hpp"

#include <cstdint>
#include <string_view>
#include <utility>

namespace massline::synth {

Registry generate(const SynthParams& params, std::uint64_t seed) {
  check(params);
  detail::SynthState s(params, seed);
  detail::shape_structure(s);
  detail::build_organisations(s);
  detail::build_households(s);
  detail::plan_members(s);
  detail::choose_delegates(s);
  detail::add_members(s);
  detail::build_pairings(s);
  detail::build_posts(s);
  detail::build_commitments(s);
  if (params.contacts) detail::build_contacts(s);
  if (params.appeals) detail::build_appeals(s);
  return std::move(s.reg);
}

Registry generate(std::string_view preset_name, std::uint64_t seed, const Overrides& overrides) {
  SynthParams params = preset(preset_name);
  apply_overrides(params, overrides);
  return generate(params, seed);
}

}  // namespace massline::synth
