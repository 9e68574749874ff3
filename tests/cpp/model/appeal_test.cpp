#include <massline/model/appeal.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

Appeal registered() {
  Appeal a;
  a.id = AppealId{8};
  a.origin = OrgId{4};
  a.handler = OrgId{4};
  a.registered = make_date(2024, 5, 6);
  return a;
}

TEST(Appeal, StagesFollowTheDates) {
  Appeal a = registered();
  EXPECT_EQ(a.stage(), AppealStage::Registered);
  a.sorted = make_date(2024, 5, 7);
  a.appeal_class = AppealClass::ReasonableNotLawful;
  a.routing = Routing::Transfer;
  EXPECT_EQ(a.stage(), AppealStage::Sorted);
  a.fed_back = make_date(2024, 5, 10);
  a.disposed = make_date(2024, 5, 20);
  EXPECT_EQ(a.stage(), AppealStage::Disposed);
  EXPECT_NO_THROW(a.check());
}

TEST(Appeal, RejectsSkippedOrBackdatedStages) {
  Appeal a = registered();
  a.fed_back = make_date(2024, 5, 8);  // fed back before being sorted
  try {
    a.check();
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.where().entity, "appeal 8");
    EXPECT_EQ(e.where().field, "fed_back");
  }
  a = registered();
  a.appeal_class = AppealClass::Unresolvable;  // classed without sorting
  EXPECT_THROW(a.check(), InvalidArgument);
  a = registered();
  a.sorted = make_date(2024, 5, 7);  // sorted without class/routing
  EXPECT_THROW(a.check(), InvalidArgument);
  a = registered();
  a.registered = Date(boost::gregorian::not_a_date_time);
  EXPECT_THROW(a.check(), InvalidArgument);
}

TEST(Appeal, Names) {
  EXPECT_EQ(to_name(AppealChannel::LettersAndVisits), "letters_and_visits");
  EXPECT_EQ(to_name(SubjectArea::ElderlyCare), "elderly_care");
  EXPECT_EQ(to_name(AppealClass::HardshipRelief), "hardship_relief");
  EXPECT_EQ(to_name(Routing::Supervision), "supervision");
}

}  // namespace
}  // namespace massline
