#pragma once
/// @file
/// Synthetic populations: a whole network (organisations, households, members, pairings,
/// pledges, service posts and a year of contacts and appeals) built into a Registry from the
/// real presets of docs/domain.md §1 or a parametrised county. See docs/synth.md.
///
/// Determinism contract: the result is a pure function of (parameters, seed). Every random draw
/// comes from a massline::RandomStream derived from the seed and a label naming the purpose and
/// the entity (e.g. "household", index), so the same seed gives an identical registry on every
/// platform, and a different seed a different one.

#include <massline/synth/params.hpp>
#include <massline/model/registry.hpp>

#include <cstdint>
#include <string_view>

namespace massline::synth {

/// Builds the population described by @p params. Throws InvalidArgument
/// ("synth.bad_parameter") when the parameters are out of their domains or cannot be met
/// together (e.g. more delegates than capable members), naming the parameter and why.
[[nodiscard]] Registry generate(const SynthParams& params, std::uint64_t seed);

/// Builds preset @p preset_name ("quyuan", "wujiagang" or "county") with @p overrides applied
/// (names as in parameters(); the form Python's `massline.synth.generate(preset, seed, **params)`
/// forwards). Throws InvalidArgument "synth.unknown_preset", "synth.unknown_parameter" or
/// "synth.bad_parameter".
[[nodiscard]] Registry generate(std::string_view preset_name, std::uint64_t seed, const Overrides& overrides = {});

}  // namespace massline::synth
