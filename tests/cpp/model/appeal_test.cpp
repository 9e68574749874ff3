#include <massline/model/appeal.hpp>

#include <gtest/gtest.h>

#include <string>

namespace massline {
namespace {

using K = AppealEventKind;

Appeal registered(std::optional<Date> due = std::nullopt) {
  Appeal a = Appeal::registered_on(make_date(2024, 5, 6), OrgId{4}, due);
  a.id = AppealId{8};
  return a;
}

AppealEvent at(K kind, int day, std::optional<OrgId> org = std::nullopt) {
  return {kind, make_date(2024, 5, day), org, {}, std::nullopt};
}

// The index the error names, from "history[i]".
std::string refused_field(const Appeal& a, const AppealEvent& e) {
  Appeal copy = a;
  try {
    copy.record(e);
  } catch (const InvalidArgument& err) {
    EXPECT_EQ(err.code(), "model.appeal.event");
    EXPECT_EQ(copy, a) << "a refused event changed the appeal";
    return err.where().field;
  }
  ADD_FAILURE() << "event " << to_name(e.kind) << " was accepted";
  return {};
}

TEST(Appeal, StagesAndDatesFollowTheHistory) {
  Appeal a = registered();
  EXPECT_EQ(a.stage(), AppealStage::Registered);
  EXPECT_EQ(a.registered(), make_date(2024, 5, 6));
  a.record(at(K::Sorted, 7), {AppealClass::ReasonableNotLawful, Routing::Transfer, {}, {}});
  EXPECT_EQ(a.stage(), AppealStage::Sorted);
  EXPECT_EQ(a.sorted(), make_date(2024, 5, 7));
  a.record(at(K::Transferred, 8, OrgId{2}));
  EXPECT_EQ(a.handler, OrgId{2});
  a.record(at(K::FedBack, 10), {{}, {}, {}, PublicAnswer::BasicallySatisfied});
  a.record(at(K::FedBack, 12));  // interim feedback may repeat; the first one counts
  EXPECT_EQ(a.fed_back(), make_date(2024, 5, 10));
  a.record(at(K::Disposed, 20), {{}, {}, AppealOutcome::PartlySolved, {}});
  EXPECT_EQ(a.stage(), AppealStage::Disposed);
  EXPECT_EQ(a.disposed(), make_date(2024, 5, 20));
  EXPECT_EQ(a.outcome, AppealOutcome::PartlySolved);
  a.record(at(K::Closed, 21));
  EXPECT_EQ(a.stage(), AppealStage::Closed);
  a.record(at(K::Reopened, 25));
  EXPECT_EQ(a.stage(), AppealStage::Sorted);  // back to handling
  EXPECT_EQ(a.disposed(), std::nullopt);       // the disposal is no longer in force
  a.record(at(K::FedBack, 26));
  a.record(at(K::Disposed, 28));
  EXPECT_EQ(a.disposed(), make_date(2024, 5, 28));
  EXPECT_EQ(a.history.size(), 10u);
  EXPECT_NO_THROW(a.check());
}

TEST(Appeal, PauseResumeExtendAndDrop) {
  Appeal a = registered(make_date(2024, 5, 20));
  a.record(at(K::Sorted, 7), {AppealClass::ReasonableLawful, Routing::Direct, {}, {}});
  a.record(at(K::Paused, 8));
  EXPECT_EQ(a.stage(), AppealStage::Paused);
  AppealEvent extend = at(K::Extended, 9);
  extend.new_due = make_date(2024, 6, 20);
  a.record(extend);
  EXPECT_EQ(a.current_due(), make_date(2024, 6, 20));
  EXPECT_EQ(a.due, make_date(2024, 5, 20));  // the original stays on record
  a.record(at(K::Resumed, 11));
  EXPECT_EQ(a.stage(), AppealStage::Sorted);  // back where the pause found it
  a.record(at(K::Dropped, 12));
  EXPECT_EQ(a.stage(), AppealStage::Dropped);
  EXPECT_EQ(refused_field(a, at(K::FedBack, 13)), "history[6]");  // nothing after a drop
}

TEST(Appeal, RefusesImpossibleEventsNamingTheIndex) {
  Appeal a = registered(make_date(2024, 5, 20));
  EXPECT_EQ(refused_field(a, at(K::FedBack, 8)), "history[1]");    // feedback before sorting
  EXPECT_EQ(refused_field(a, at(K::Resumed, 8)), "history[1]");    // resume without pause
  EXPECT_EQ(refused_field(a, at(K::Registered, 8)), "history[1]"); // registered twice
  EXPECT_EQ(refused_field(a, at(K::Sorted, 5)), "history[1]");     // before the previous event
  EXPECT_EQ(refused_field(a, at(K::Sorted, 7)), "appeal_class");   // sorted without class and routing
  a.record(at(K::Sorted, 7), {AppealClass::ReasonableLawful, Routing::Direct, {}, {}});
  EXPECT_EQ(refused_field(a, at(K::Escalated, 8)), "history[2]");  // escalation names the receiver
  EXPECT_EQ(refused_field(a, at(K::Disposed, 8)), "history[2]");   // disposal before feedback
  AppealEvent extend = at(K::Extended, 8);
  EXPECT_EQ(refused_field(a, extend), "history[2]");  // no new due date
  extend.new_due = make_date(2024, 5, 20);
  EXPECT_EQ(refused_field(a, extend), "history[2]");  // not later than the current due date
  AppealEvent stray = at(K::Paused, 8);
  stray.new_due = make_date(2024, 7, 1);
  EXPECT_EQ(refused_field(a, stray), "history[2]");  // only extensions carry a due date
  a.record(at(K::FedBack, 9));
  a.record(at(K::Disposed, 10));
  a.record(at(K::Closed, 11));
  EXPECT_EQ(refused_field(a, at(K::Disposed, 12)), "history[5]");  // dispose after close
  EXPECT_EQ(refused_field(a, at(K::Dropped, 12)), "history[5]");
  EXPECT_EQ(refused_field(a, at(K::Paused, 12)), "history[5]");
}

TEST(Appeal, CheckRefusesFieldsTheHistoryDoesNotSupport) {
  auto field_of = [](const Appeal& a) -> std::string {
    try {
      a.check();
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(e.where().entity, "appeal 8");
      return e.where().field;
    }
    return "accepted";
  };
  Appeal a = registered();
  EXPECT_EQ(field_of(a), "accepted");
  a.appeal_class = AppealClass::Unresolvable;  // classed without sorting
  EXPECT_EQ(field_of(a), "appeal_class");
  a = registered();
  a.outcome = AppealOutcome::Solved;  // outcome without disposal
  EXPECT_EQ(field_of(a), "outcome");
  a = registered();
  a.public_answer = PublicAnswer::Satisfied;  // answer without feedback
  EXPECT_EQ(field_of(a), "public_answer");
  a = registered();
  a.due = make_date(2024, 5, 1);  // due before registration
  EXPECT_EQ(field_of(a), "due");
  a = registered();
  a.history.clear();
  EXPECT_EQ(field_of(a), "history");
  a = registered();
  a.history.front().kind = K::Sorted;  // must start with registered
  EXPECT_EQ(field_of(a), "history[0]");
  a = registered();
  a.history.front().date = Date(boost::gregorian::not_a_date_time);
  EXPECT_EQ(field_of(a), "history[0]");
  a = registered();
  a.record(at(K::Sorted, 7), {AppealClass::ReasonableLawful, Routing::Transfer, {}, {}});
  a.record(at(K::Escalated, 7, OrgId{1}));
  a.handler = OrgId{4};  // not where the escalation sent it
  EXPECT_EQ(field_of(a), "handler");
}

TEST(Appeal, Names) {
  EXPECT_EQ(to_name(AppealChannel::LettersAndVisits), "letters_and_visits");
  EXPECT_EQ(to_name(SubjectArea::ElderlyCare), "elderly_care");
  EXPECT_EQ(to_name(AppealClass::HardshipRelief), "hardship_relief");
  EXPECT_EQ(to_name(Routing::Supervision), "supervision");
  EXPECT_EQ(to_name(AppealEventKind::FedBack), "fed_back");
  EXPECT_EQ(to_name(AppealOutcome::ReliefGranted), "relief_granted");
  EXPECT_EQ(to_name(PublicAnswer::NoAnswer), "no_answer");
  EXPECT_EQ(to_name(AppealStage::Dropped), "dropped");
}

}  // namespace
}  // namespace massline
