// The sim's parameter table and the synth levers it shares with the generator.
#include <massline/sim/params.hpp>

#include <algorithm>
#include <limits>

namespace massline::sim {
namespace {


ParameterTable<SimParams> build_table() {
  using P = SimParams;
  const std::string assumption = "assumption";
  ParameterTable<SimParams> s("sim", "docs/simulation.md");
  s.count("days", &P::days, 0, 3650, "horizon in days from 1 January of `year`; 0 = that whole year", "design choice (one year)");
  s.count("report_level", &P::report_level, 1, 4, "organisation level of the reported units", "design choice (county)");
  s.real("initial_satisfaction", &P::initial_satisfaction, 0, 1, "satisfaction of every household on day 0", assumption);
  s.real("baseline_satisfaction", &P::baseline_satisfaction, 0, 1, "satisfaction decays toward this without contact", assumption);
  s.real("decay_rate", &P::decay_rate, 0, 1, "daily share of the gap to the baseline that closes", "assumption (half-life about 69 days)");
  s.real("unresolved_penalty", &P::unresolved_penalty, 0, 1, "daily relative satisfaction loss per pending appeal", assumption);
  s.real("initial_expectation", &P::initial_expectation, 0, 1, "expectation of every household on day 0", assumption);
  s.real("disconfirmation_weight", &P::disconfirmation_weight, 0, 1, "satisfaction change per unit of perceived minus expected quality",
         "assumption (Oliver 1980's expectation-disconfirmation, linear form)");
  s.real("expectation_learning", &P::expectation_learning, 0, 1, "share of the gap to the perceived quality that expectation moves", assumption);
  s.real("visit_quality", &P::visit_quality, 0, 1, "mean perceived quality of a visit", assumption);
  s.real("quality_spread", &P::quality_spread, 0, 1, "half-width of the uniform noise of a visit's quality", assumption);
  s.real("resolved_quality", &P::resolved_quality, 0, 1, "perceived quality of a resolved appeal", assumption);
  s.real("dropped_quality", &P::dropped_quality, 0, 1, "perceived quality of a dropped appeal", assumption);
  s.real("hardship_need_multiplier", &P::hardship_need_multiplier, 1, 1000,
         "need-rate multiplier of difficult, minimum-living-allowance and special-hardship households", assumption);
  s.elements<OrgLevel>("success_", &P::success, 1, "chance an appeal is solved at level",
                       {"004 (the county office coordinates departments); value: assumption",
                        "002 (the township resolves what lower levels cannot); value: assumption", assumption, assumption});
  s.flag("optimal_pairing", &P::optimal_pairing,
         "add the optimal assistance pairs of network::optimal_pairing (standard options) to the members' households",
         "DOMAIN.md §7 (pairing rules as a lever); docs/assignment.md");
  s.count("survey_sample", &P::survey_sample, 0, 1e6, "expected respondents per reported unit of the year-end survey; 0 = none",
          "004 (year-end public appraisal); size: assumption");
  s.real("survey_noise", &P::survey_noise, 0, 1, "sd of the response error added to satisfaction", assumption);
  s.real("satisfied_cut", &P::satisfied_cut, 0, 1, "satisfaction plus error at which a respondent answers satisfied", assumption);
  s.count("red_list", &P::red_list, 0, 1e6, "units on the red list of the year-end survey (ties at the cut all listed)",
          "001 篇1 (red and black lists); size: assumption");
  s.count("black_list", &P::black_list, 0, 1e6, "units on the black list of the year-end survey (ties at the cut all listed)",
          "001 篇1 (red and black lists); size: assumption");
  return s;
}

const ParameterTable<SimParams>& table() {
  static const ParameterTable<SimParams> t = build_table();
  return t;
}

[[noreturn]] void unknown(const std::string& name, bool any_synth_name) {
  std::vector<std::string> known;
  for (const auto& info : table().infos()) known.push_back(info.name);
  if (any_synth_name) {
    for (const auto& info : synth::parameters()) known.push_back(info.name);
  } else {
    known.insert(known.end(), lever_names().begin(), lever_names().end());
  }
  const auto best = std::min_element(known.begin(), known.end(), [&](const std::string& a, const std::string& b) {
    return detail::edit_distance(name, a) < detail::edit_distance(name, b);
  });
  throw InvalidArgument("sim.unknown_parameter", "unknown sim parameter '" + name + "'", Location::of("sim parameters", name),
                        "no parameter of that name; did you mean '" + *best + "'? (docs/simulation.md lists all)");
}

}  // namespace

const std::vector<ParameterInfo>& own_parameters() { return table().infos(); }

const std::vector<std::string>& lever_names() {
  static const std::vector<std::string> names = {
      "year",
      "delegate_contact_households",
      "village_cadre_days_per_month",
      "town_cadre_days_per_month",
      "visits_per_field_day",
      "field_day_compliance",
      "member_visits_per_contact_household",
      "campaigns",
      "campaign_households",
      "campaign_attendance",
      "must_visit_compliance",
      "appeal_per_contacted_household",
      "other_channel_appeals",
      "petitioner_appeal_multiplier",
      "feedback_delay_median",
      "feedback_delay_sigma",
      "escalated_delay_factor",
      "appeal_due_days",
  };
  return names;
}

std::vector<ParameterInfo> parameters() {
  std::vector<ParameterInfo> out = own_parameters();
  const auto& synth_infos = synth::parameters();
  for (const auto& name : lever_names()) {
    const auto it = std::find_if(synth_infos.begin(), synth_infos.end(), [&](const ParameterInfo& i) { return i.name == name; });
    require(it != synth_infos.end(), "sim.lever", "sim lever '" + name + "' is not a synth parameter");
    out.push_back(*it);
  }
  return out;
}

void check(const SimParams& params) {
  table().check(params);
  // The daily factor (1 - decay)(1 - penalty)^k stays in [0, 1] for every k, so no constraint
  // between them is needed; the baseline and the start are free in [0, 1].
}

ParameterValues to_map(const SimParams& params) { return table().to_map(params); }

void apply(SimParams& sim, synth::SynthParams& synth, const ParameterValues& values, bool any_synth_name) {
  ParameterValues own, shared;
  const auto& levers = lever_names();
  const auto& synth_infos = synth::parameters();
  for (const auto& [name, value] : values) {
    if (table().find(name) != nullptr) {
      own.emplace(name, value);
      continue;
    }
    const bool is_lever = std::find(levers.begin(), levers.end(), name) != levers.end();
    const bool is_synth =
        std::any_of(synth_infos.begin(), synth_infos.end(), [&key = name](const ParameterInfo& i) { return i.name == key; });
    if (is_lever || (any_synth_name && is_synth)) {
      shared.emplace(name, value);
    } else if (is_synth) {
      table().bad(name, "is a synth parameter that shapes a generated population; a scenario from a registry takes "
                        "its structure from the registry (levers: see docs/simulation.md)");
    } else {
      unknown(name, any_synth_name);
    }
  }
  if (!any_synth_name && shared.count("delegate_contact_households") != 0) {
    table().bad("delegate_contact_households", "shapes the generated pairings; a scenario from a registry takes each "
                                               "member's contact households from the registry's pairings");
  }
  SimParams next_sim = sim;
  synth::SynthParams next_synth = synth;
  table().apply(next_sim, own);
  synth::apply_overrides(next_synth, shared);
  check(next_sim);
  sim = next_sim;
  synth = next_synth;
}

}  // namespace massline::sim
