// The year-end survey through the scoring chain: the responses of sim::survey_responses, added to
// the registry the scenario came from and scored by scoring::survey_answers -> Rollup ->
// accountability -> ranking and red/black lists, give run()'s survey columns of that replication.
#include <massline/model/unit_tree.hpp>
#include <massline/scoring/accountability.hpp>
#include <massline/scoring/ranking.hpp>
#include <massline/scoring/rollup.hpp>
#include <massline/scoring/survey_answers.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/survey.hpp>
#include <massline/synth/generate.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace massline::sim {
namespace {

struct Row {
  std::map<Metric, double> value;
};

/// run()'s year-end rows of replication @p rep by unit.
std::map<std::uint32_t, Row> year_end(const Results& r, std::uint32_t rep) {
  const auto all = static_cast<std::uint16_t>(r.period_labels.size() - 1);
  std::map<std::uint32_t, Row> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r.replication[i] == rep && r.period[i] == all) out[r.unit[i]].value[r.metric[i]] = r.value[i];
  }
  return out;
}

TEST(SimSurvey, ScoringChainOnTheResponsesGivesTheRunsSurveyColumns) {
  Registry registry = synth::generate("county", 11, {{"households", 2500}});
  // A lower cut than the default so that some communities fall below the 0.8 line and others not.
  const Scenario scenario = Scenario::from_registry(registry, policy::PolicySet::standard(),
                                                    {{"report_level", 3}, {"survey_sample", 40}, {"satisfied_cut", 0.62}});
  RunOptions options;
  options.replications = 3;
  options.seed = 5;
  options.threads = 2;
  const Results results = run(scenario, options);
  const std::uint32_t rep = 2;
  const std::vector<SurveyResponse> responses = survey_responses(scenario, 5, rep);
  ASSERT_FALSE(responses.empty());
  EXPECT_NE(responses, survey_responses(scenario, 5, 1));  // another replication, other answers
  EXPECT_EQ(responses, survey_responses(scenario, 5, rep));

  std::set<HouseholdId> respondents;
  for (const SurveyResponse& r : responses) {
    EXPECT_EQ(r.period, Period::year(2024));
    ASSERT_EQ(r.items.size(), 1U);
    EXPECT_EQ(r.items[0].item, kSurveyItem);
    EXPECT_TRUE(respondents.insert(r.respondent).second);  // one answer per household
    (void)registry.add(r);  // the registry's own ids: the references check
  }

  const UnitTree tree = UnitTree::from_registry(registry);
  scoring::SurveyAnswerOptions answer_options;
  answer_options.unit = scoring::AnswerUnit::Target;
  const scoring::SurveyAnswers answers = scoring::survey_answers(registry, tree, survey_scale(), answer_options);
  ASSERT_EQ(answers.item_names, std::vector<std::string>{kSurveyItem});
  ASSERT_EQ(answers.periods.size(), 1U);
  const scoring::RollupResult rolled = scoring::Rollup(tree).run(answers.columns());
  const scoring::AccountabilityRule rule(policy::PolicySet::standard().satisfaction_threshold);
  const scoring::AccountabilityReport report = scoring::assess(rolled, rule, {3, 0, 0});
  std::set<UnitIndex> flagged;
  for (const auto& f : report.flags) flagged.insert(f.unit);
  std::map<UnitIndex, std::uint32_t> rank;
  for (const auto& r : scoring::rank_level(rolled, 3, 0, 0)) rank[r.unit] = r.rank;
  const scoring::RedBlackLists lists = scoring::red_black_lists(rolled, 3, 0, 0, scoring::ListRule::counts(1, 1));
  ASSERT_GT(scenario.units(), 2U);
  ASSERT_FALSE(lists.red.empty());
  ASSERT_FALSE(lists.black.empty());

  const auto rows = year_end(results, rep);
  ASSERT_EQ(rows.size(), scenario.units());
  std::size_t checked = 0, accountable = 0;
  for (const auto& [unit, row] : rows) {
    const UnitIndex u = tree.index_of(OrgId(unit));
    const auto estimate = rolled.estimate(u, 0, 0);
    const auto& v = row.value;
    if (!estimate) {
      EXPECT_EQ(v.at(Metric::SurveyRespondents), 0.0) << unit;
      EXPECT_TRUE(std::isnan(v.at(Metric::SurveySatisfied)));
      continue;
    }
    ++checked;
    EXPECT_EQ(v.at(Metric::SurveyRespondents), static_cast<double>(estimate->n)) << unit;
    EXPECT_EQ(v.at(Metric::SurveySatisfied), estimate->rate) << unit;
    EXPECT_EQ(v.at(Metric::SurveyLow), estimate->low) << unit;
    EXPECT_EQ(v.at(Metric::SurveyHigh), estimate->high) << unit;
    EXPECT_EQ(v.at(Metric::Accountable), flagged.count(u) != 0 ? 1.0 : 0.0) << unit;
    accountable += flagged.count(u);
    EXPECT_EQ(v.at(Metric::SurveyRank), static_cast<double>(rank.at(u))) << unit;
    double mark = 0.0;
    for (const auto& r : lists.red) mark = r.unit == u ? 1.0 : mark;
    for (const auto& r : lists.black) mark = r.unit == u ? -1.0 : mark;
    EXPECT_EQ(v.at(Metric::ListMark), mark) << unit;
  }
  EXPECT_EQ(checked, tree.units_at_level(3).size());
  EXPECT_GT(accountable, 0U);
  EXPECT_LT(accountable, checked);
}

TEST(SimSurvey, PeriodFollowsTheHorizonAndBadReplicationsAreRefused) {
  const Scenario month = Scenario::preset("county", 3, {{"households", 600}, {"days", 31}, {"survey_sample", 1000}});
  const auto responses = survey_responses(month, 1);
  ASSERT_EQ(responses.size(), month.households());  // everyone asked when n >= N_u
  EXPECT_EQ(responses.front().period, Period(make_date(2024, 1, 1), make_date(2024, 1, 31)));
  Registry generated = synth::generate(month.synth_params(), month.preset_seed());  // the preset's own registry
  for (const SurveyResponse& r : responses) EXPECT_NO_THROW((void)generated.add(r));
  EXPECT_THROW((void)survey_responses(month, 1, -1), InvalidArgument);
  EXPECT_THROW((void)survey_responses(month, 1, std::int64_t{1} << 32), InvalidArgument);
  const Scenario silent = Scenario::preset("county", 3, {{"households", 600}, {"days", 31}, {"survey_sample", 0}});
  EXPECT_TRUE(survey_responses(silent, 1).empty());
}

}  // namespace
}  // namespace massline::sim
