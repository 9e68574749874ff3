#pragma once
/// @file
/// The year-end appraisal survey of a replication as model SurveyResponses, so that the
/// simulated answers go through the scoring chain (scoring::survey_answers -> Rollup ->
/// accountability -> ranking and red/black lists) exactly as real answers do
/// (docs/simulation.md, "The year-end survey and accountability").

#include <massline/model/survey_response.hpp>
#include <massline/scoring/response_scale.hpp>
#include <massline/sim/scenario.hpp>

#include <cstdint>
#include <vector>

namespace massline::sim {

/// The survey's one item, "overall".
inline constexpr const char* kSurveyItem = "overall";

/// The scale of the simulated answers: two points, code 0 "not satisfied" (score 0) and code 1
/// "satisfied" (score 100), 1 counting as satisfied.
[[nodiscard]] scoring::ResponseScale survey_scale();

/// The answers of replication @p replication of @p seed's year-end survey: one response per
/// respondent, in respondent id order, with respondent = the household (its HouseholdId in the
/// scenario's registry), target = its reported unit (OrgId, the `unit` of run()'s rows),
/// period = the simulated year (Period::year of `year` when the horizon is that whole year, else
/// the custom range of the horizon), item kSurveyItem scored 1 (satisfied) or 0 on
/// survey_scale(), weight 1, id unset (Registry::add assigns it). They are the answers run()'s
/// survey metrics of that (seed, replication) count: rolled up by target they give the same
/// respondents, share, Wilson bounds, verdict, rank and lists. Runs the replication to its end
/// (one replication's cost). Throws InvalidArgument "sim.run_options" for a replication outside
/// 0 .. 2^32 - 1, Cancelled when the calling thread's cancellation flag is set.
[[nodiscard]] std::vector<SurveyResponse> survey_responses(const Scenario& scenario, std::uint64_t seed,
                                                           std::int64_t replication = 0);

}  // namespace massline::sim
