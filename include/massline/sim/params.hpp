#pragma once
/// @file
/// Behavioural parameters of the satisfaction simulation (docs/simulation.md): the sim's own
/// entries (satisfaction dynamics, need rates, per-level success of appeal handling, the horizon)
/// in one ParameterTable, plus the synth parameters that are levers of the simulation (cadre
/// field days, visits, campaigns, must-visit compliance, appeal rates and delays), which are
/// read from the synth table itself and never copied: `lever_names()` lists them, and a value
/// set by name goes to the same SynthParams field the generator reads.

#include <massline/core/enum_names.hpp>
#include <massline/core/parameter_table.hpp>
#include <massline/model/organization.hpp>
#include <massline/synth/params.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace massline::sim {

/// Which of its contact households a member visits on a field day.
enum class Strategy : std::uint8_t {
  Random,          ///< uniformly at random, without repeating a household on the same day
  NeedFirst,       ///< the households with the most unvoiced needs first (ties: least recently visited)
  MustVisitFirst,  ///< must-visit households not yet visited in the run first, then round robin
  RoundRobin       ///< in turn over the member's households
};
constexpr std::array<std::string_view, 4> enum_names(Strategy) {
  return {"random", "need_first", "must_visit_first", "round_robin"};
}

/// The sim's own parameters; defaults are assumptions (docs/simulation.md gives each one's
/// reasoning). Satisfaction and quality are on [0, 1]; rates are per day.
struct SimParams {
  std::int64_t days = 0;                   ///< horizon in days from 1 January of synth's `year`; 0 = that whole year
  std::int64_t report_level = 1;           ///< organisation level of the reported units (1 county .. 4 grid)
  double initial_satisfaction = 0.7;       ///< every household's satisfaction on day 0
  double baseline_satisfaction = 0.7;      ///< level satisfaction decays to without contact
  double decay_rate = 0.01;                ///< daily share of the gap to the baseline that closes
  double unresolved_penalty = 0.002;       ///< daily relative loss per pending appeal of the household
  double initial_expectation = 0.7;        ///< every household's expectation on day 0
  double disconfirmation_weight = 0.5;     ///< alpha: satisfaction change per unit of (perceived - expected)
  double expectation_learning = 0.1;       ///< lambda: share of the gap (perceived - expected) expectation moves
  double visit_quality = 0.8;              ///< mean perceived quality of a visit
  double quality_spread = 0.1;             ///< half-width of the uniform noise around visit_quality
  double resolved_quality = 0.9;           ///< perceived quality of a resolved appeal
  double dropped_quality = 0.2;            ///< perceived quality of a dropped appeal
  double hardship_need_multiplier = 1.5;   ///< need-rate multiplier of difficult / allowance / special-hardship households
  std::array<double, 4> success{0.8, 0.7, 0.6, 0.6};  ///< chance a level solves what it handles, by OrgLevel (county .. grid)
  bool optimal_pairing = false;            ///< add network::optimal_pairing's proposed assistance pairs to the registry's
  std::int64_t survey_sample = 30;         ///< expected respondents per reported unit of the year-end survey; 0 = no survey
  double survey_noise = 0.1;               ///< sd of the response error added to satisfaction
  double satisfied_cut = 0.6;              ///< a respondent answers "satisfied" when satisfaction + error >= this
  std::int64_t red_list = 1;               ///< units on the red (honour) list of the survey, best first
  std::int64_t black_list = 1;             ///< units on the black list, worst first

  friend bool operator==(const SimParams&, const SimParams&) = default;
};

/// The sim's own entries (the ParameterTable of SimParams), in the order of docs/simulation.md.
[[nodiscard]] const std::vector<ParameterInfo>& own_parameters();

/// The names of the synth parameters the simulation reads (its levers shared with the generator).
[[nodiscard]] const std::vector<std::string>& lever_names();

/// Every parameter a scenario accepts by name: own_parameters() then the synth levers, each
/// with the synth table's own description, domain and source.
[[nodiscard]] std::vector<ParameterInfo> parameters();

/// Checks every own parameter's domain and the constraints between them; throws InvalidArgument
/// "sim.bad_parameter" naming the parameter.
void check(const SimParams& params);

/// Every own parameter by name.
[[nodiscard]] ParameterValues to_map(const SimParams& params);

/// Writes @p values into @p sim (own names) and @p synth (synth names). With
/// @p any_synth_name, every synth parameter is accepted (a preset is generated from them);
/// otherwise only the levers, and a structural synth name is refused with "sim.bad_parameter".
/// Unknown names throw "sim.unknown_parameter" with the closest known name. Nothing is changed
/// when anything throws.
void apply(SimParams& sim, synth::SynthParams& synth, const ParameterValues& values, bool any_synth_name);

}  // namespace massline::sim
