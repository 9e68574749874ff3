#include <massline/scoring/survey_answers.hpp>

#include "../model/test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace massline::scoring {
namespace {

using testing::SmallNetwork;

SurveyResponse response(HouseholdId who, SurveyTarget target, Period period, std::vector<ItemScore> items,
                        double weight = 1.0) {
  SurveyResponse r;
  r.respondent = who;
  r.target = target;
  r.period = period;
  r.items = std::move(items);
  r.weight = weight;
  return r;
}

// The exception @p op throws (a failure when it throws none).
template <class E, class Op>
E thrown_by(Op&& op) {
  try {
    op();
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "expected an exception";
  return E("none", "no exception", {}, "");
}

ItemScore scored(std::string item, double code) { return {std::move(item), code, false}; }
ItemScore dont_know(std::string item) { return {std::move(item), std::nullopt, true}; }

// Three-level scale (1 不满意, 2 基本满意, 3 满意) with 9 = don't know, over SmallNetwork:
// grid_a holds h1, h2; grid_b holds h3; m1 belongs to the community, m2 to grid_b.
struct Survey : SmallNetwork {
  ResponseScale scale = ResponseScale::three_level().with_dont_know(9.0);
  Period y2024 = Period::year(2024), y2025 = Period::year(2025);
  SurveyResponseId r1, r2, r3, r4;
  Survey() {
    r1 = r.add(response(h1, grid_a, y2025, {scored("overall", 3), scored("appeals", 1)}));
    r2 = r.add(response(h2, m2, y2025, {scored("overall", 2), dont_know("appeals")}, 2.0));
    r3 = r.add(response(h3, m1, y2024, {scored("overall", 1)}));
    r4 = r.add(response(h3, grid_b, y2025, {scored("appeals", 3), {"overall", std::nullopt, false}}));
  }
};

TEST(SurveyAnswers, RespondentUnitsItemsPeriodsAndCounts) {
  Survey s;
  const UnitTree tree = UnitTree::from_registry(s.r);
  const SurveyAnswers a = survey_answers(s.r, tree, s.scale);
  EXPECT_EQ(a.item_names, (std::vector<std::string>{"appeals", "overall"}));  // sorted by name
  ASSERT_EQ(a.periods.size(), 2u);
  EXPECT_EQ(a.periods[0], s.y2024);
  EXPECT_EQ(a.periods[1], s.y2025);
  // r1: appeals, overall; r2: overall (appeals is don't know); r3: overall; r4: appeals.
  EXPECT_EQ(a.response, (std::vector<SurveyResponseId>{s.r1, s.r1, s.r2, s.r3, s.r4}));
  const UnitIndex ga = tree.index_of(s.grid_a), gb = tree.index_of(s.grid_b);
  EXPECT_EQ(a.unit, (std::vector<UnitIndex>{ga, ga, ga, gb, gb}));
  EXPECT_EQ(a.item, (std::vector<std::uint32_t>{0, 1, 1, 1, 0}));
  EXPECT_EQ(a.satisfied, (std::vector<std::uint8_t>{0, 1, 1, 0, 1}));  // default: 满意 or 基本满意
  EXPECT_EQ(a.period, (std::vector<std::uint32_t>{1, 1, 1, 0, 1}));
  EXPECT_EQ(a.weight, (std::vector<double>{1, 1, 2, 1, 1}));
  EXPECT_EQ(a.score, (std::vector<double>{0, 100, 50, 0, 100}));
  EXPECT_EQ(a.dont_know, 1u);
  EXPECT_EQ(a.missing, 2u);  // r3's appeals, r4's overall (a score left empty)
}

TEST(SurveyAnswers, TargetUnitsAndDontKnowAsNotSatisfied) {
  Survey s;
  const UnitTree tree = UnitTree::from_registry(s.r);
  SurveyAnswerOptions options;
  options.unit = AnswerUnit::Target;
  options.dont_know = DontKnowPolicy::CountAsNotSatisfied;
  options.items = {"overall", "appeals"};
  const SurveyAnswers a = survey_answers(s.r, tree, s.scale, options);
  EXPECT_EQ(a.item_names, options.items);
  // r1 rates grid_a; r2 rates m2 (home grid_b); r3 rates m1 (home: the community); r4 rates grid_b.
  const UnitIndex ga = tree.index_of(s.grid_a), gb = tree.index_of(s.grid_b), v = tree.index_of(s.community);
  EXPECT_EQ(a.unit, (std::vector<UnitIndex>{ga, ga, gb, gb, v, gb}));
  EXPECT_EQ(a.item, (std::vector<std::uint32_t>{0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(a.satisfied, (std::vector<std::uint8_t>{1, 0, 1, 0, 0, 1}));
  EXPECT_TRUE(a.score.empty());  // a don't-know has no score
  EXPECT_EQ(a.dont_know, 0u);
}

TEST(SurveyAnswers, RollupAgreesWithRatesByTargetPeriod) {
  Survey s;
  const auto tree = std::make_shared<const UnitTree>(UnitTree::from_registry(s.r));
  SurveyAnswerOptions options;
  options.unit = AnswerUnit::Target;
  options.items = {"overall"};
  const SurveyAnswers a = survey_answers(s.r, *tree, s.scale, options);
  const RollupResult result = Rollup(tree).run(a.columns());
  // grid_a is rated only directly (r1) and has no units below: its cell is the target rate.
  std::vector<SurveyResponse> responses(s.r.survey_responses().begin(), s.r.survey_responses().end());
  bool compared = false;
  for (const TargetPeriodRate& expected : rates_by_target_period(responses, s.scale, "overall")) {
    if (expected.target != SurveyTarget{s.grid_a}) continue;
    const auto cell = result.estimate(tree->index_of(s.grid_a), 0, expected.period == s.y2024 ? 0 : 1);
    ASSERT_TRUE(cell.has_value() && expected.estimate.rate.has_value());
    EXPECT_EQ(cell->n, expected.estimate.denominator);
    EXPECT_NEAR(cell->rate, *expected.estimate.rate, 1e-12);
    EXPECT_NEAR(*cell->mean_score, expected.estimate.score.mean.value_or(-1.0), 1e-12);
    compared = true;
  }
  EXPECT_TRUE(compared);
  // The county pools everything below it: r1 (满意) and r2 about m2 (基本满意, weight 2) in
  // 2025 (r4 left "overall" unanswered), r3 about m1 (不满意) in 2024.
  const auto county_2025 = result.estimate(tree->index_of(s.county), 0, 1);
  ASSERT_TRUE(county_2025.has_value());
  EXPECT_EQ(county_2025->n, 2u);
  EXPECT_NEAR(county_2025->rate, 1.0, 1e-12);
  EXPECT_NEAR(*county_2025->mean_score, (100.0 + 2 * 50.0) / 3.0, 1e-12);
  const auto county_2024 = result.estimate(tree->index_of(s.county), 0, 0);
  ASSERT_TRUE(county_2024.has_value());
  EXPECT_EQ(county_2024->n, 1u);
  EXPECT_EQ(county_2024->rate, 0.0);
}

TEST(SurveyAnswers, Errors) {
  Survey s;
  const UnitTree tree = UnitTree::from_registry(s.r);
  // a tree from plain arrays has no organisation ids
  const UnitTree plain = UnitTree::from_parents(std::vector<std::int64_t>{-1});
  EXPECT_THROW((void)survey_answers(s.r, plain, s.scale), StateError);
  // the registry grew after the tree was built
  const OrgId grid_c = s.r.add(testing::org("G-C", OrgLevel::Grid, s.community));
  const HouseholdId h4 = s.r.add(Household{.code = "H4", .unit = grid_c, .categories = {}, .party_household = false, .size = 1});
  const SurveyResponseId late = s.r.add(response(h4, grid_c, s.y2025, {scored("overall", 3)}));
  const auto stale = thrown_by<NotFound>([&] { (void)survey_answers(s.r, tree, s.scale); });
  EXPECT_EQ(stale.code(), "survey_answers.unknown_unit");
  EXPECT_EQ(stale.where().entity, late.to_string());
  const UnitTree fresh = UnitTree::from_registry(s.r);
  EXPECT_EQ(survey_answers(s.r, fresh, s.scale).unit.size(), 6u);
  // a code the scale does not know is located at its response and item
  const SurveyResponseId odd = s.r.add(response(h4, grid_c, s.y2025, {scored("overall", 7)}));
  const auto unknown = thrown_by<InvalidArgument>([&] { (void)survey_answers(s.r, fresh, s.scale); });
  EXPECT_EQ(unknown.code(), "scale.unknown_code");
  EXPECT_EQ(unknown.where().entity, odd.to_string());
  EXPECT_NE(unknown.where().field.find("overall"), std::string::npos);
  SurveyAnswerOptions options;
  options.items = {"overall", "overall"};
  EXPECT_THROW((void)survey_answers(s.r, fresh, s.scale, options), InvalidArgument);
  options.items = {""};
  EXPECT_THROW((void)survey_answers(s.r, fresh, s.scale, options), InvalidArgument);
}

TEST(SurveyAnswers, EmptyRegistryGivesNoAnswers) {
  SmallNetwork n;
  const UnitTree tree = UnitTree::from_registry(n.r);
  const SurveyAnswers a = survey_answers(n.r, tree, ResponseScale::likert(5));
  EXPECT_TRUE(a.unit.empty() && a.item_names.empty() && a.periods.empty());
  const AnswerColumns c = a.columns();
  EXPECT_EQ(c.items, 1u);
  EXPECT_EQ(c.periods, 1u);
}

}  // namespace
}  // namespace massline::scoring
