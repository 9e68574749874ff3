// The synthetic-population generator: the stages of stages.hpp over one SynthState, in a fixed
// order (which is also the order of the ids). Every draw comes from a RandomStream derived from
// (seed, purpose label, entity index), so the result is a pure function of (parameters, seed).
// Models and defaults are documented in docs/synth.md.

#include <massline/synth/generate.hpp>

#include "stages.hpp"

#include <massline/core/cancellation.hpp>

#include <cstdint>
#include <string_view>
#include <utility>

namespace massline::synth {

Registry generate(const SynthParams& params, std::uint64_t seed) {
  check(params);
  detail::SynthState s(params, seed);
  // Each stage may take seconds for a province, so a cancellation (Ctrl-C in Python) is
  // honoured between stages and inside the per-household loops; the half-built state is
  // simply dropped.
  const auto stage = [&s](void (*run)(detail::SynthState&)) {
    throw_if_cancelled();
    run(s);
  };
  stage(detail::shape_structure);
  stage(detail::build_organisations);
  stage(detail::build_households);
  stage(detail::plan_members);
  stage(detail::choose_delegates);
  stage(detail::add_members);
  stage(detail::build_pairings);
  stage(detail::build_posts);
  stage(detail::build_commitments);
  if (params.contacts) stage(detail::build_contacts);
  if (params.appeals) stage(detail::build_appeals);
  if (params.activities) stage(detail::build_activities);
  throw_if_cancelled();
  return std::move(s.reg);
}

Registry generate(std::string_view preset_name, std::uint64_t seed, const Overrides& overrides) {
  SynthParams params = preset(preset_name);
  apply_overrides(params, overrides);
  return generate(params, seed);
}

}  // namespace massline::synth
