#include <massline/model/survey_response.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace massline {
namespace {

TEST(SurveyResponse, MissingAndDontKnowAreDistinct) {
  SurveyResponse r;
  r.respondent = HouseholdId{1};
  r.target = MemberId{2};
  r.period = Period::half_year(2024, 2);
  r.items = {{"overall", 4.0, false}, {"visits", std::nullopt, true}, {"appeals", std::nullopt, false}};
  EXPECT_NO_THROW(r.check());
  EXPECT_TRUE(r.items[1].dont_know);
  EXPECT_FALSE(r.items[2].dont_know);
}

TEST(SurveyResponse, RejectsBadValues) {
  SurveyResponse r;
  r.items = {{"overall", 4.0, true}};
  EXPECT_THROW(r.check(), InvalidArgument);
  r.items = {{"overall", 4.0, false}, {"overall", 3.0, false}};
  EXPECT_THROW(r.check(), InvalidArgument);
  r.items = {{"", 4.0, false}};
  EXPECT_THROW(r.check(), InvalidArgument);
  r.items = {};
  r.weight = 0.0;
  EXPECT_THROW(r.check(), InvalidArgument);
}

TEST(SurveyResponse, RefusesNonFiniteScoresAndWeightsWithALocation) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double bad : {inf, -inf, nan}) {
    SurveyResponse r;
    r.id = SurveyResponseId{7};
    r.items = {{"overall", 4.0, false}, {"q2", bad, false}};
    try {
      r.check();
      ADD_FAILURE() << "score " << bad << " accepted";
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.code(), "model.survey_response");
      EXPECT_EQ(e.where().entity, r.id.to_string());
      EXPECT_EQ(e.where().field, "items");
      EXPECT_NE(e.why().find("'q2'"), std::string::npos) << e.why();
    }
    r.items = {};
    r.weight = bad;
    try {
      r.check();
      ADD_FAILURE() << "weight " << bad << " accepted";
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.where().field, "weight");
    }
  }
  SurveyResponse fine;
  fine.items = {{"overall", 1e300, false}, {"q2", -0.0, false}};
  fine.weight = 1e-300;
  EXPECT_NO_THROW(fine.check()) << "finite extremes are values the model can hold";
}

}  // namespace
}  // namespace massline
