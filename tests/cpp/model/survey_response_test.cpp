#include <massline/model/survey_response.hpp>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace massline
