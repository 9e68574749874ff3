#include <massline/model/contact.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

TEST(Contact, IndividualAndCollectiveContacts) {
  Contact c;
  c.member = MemberId{1};
  c.household = HouseholdId{2};
  c.date = make_date(2024, 4, 2);
  EXPECT_NO_THROW(c.check());
  Contact forum;
  forum.member = MemberId{1};
  forum.organization = OrgId{5};
  forum.mode = VisitMode::Forum;
  forum.collective = true;
  forum.concentrated = true;
  forum.date = make_date(2024, 4, 2);
  EXPECT_NO_THROW(forum.check());
  forum.collective = false;  // individual contacts name the household
  EXPECT_THROW(forum.check(), InvalidArgument);
  forum.collective = true;
  forum.mode = VisitMode::HomeVisit;  // a home visit names the household
  EXPECT_THROW(forum.check(), InvalidArgument);
  c.date = Date(boost::gregorian::not_a_date_time);
  EXPECT_THROW(c.check(), InvalidArgument);
}

TEST(Contact, FiveSituationReports) {
  EXPECT_EQ(to_name(Situation::Pregnancy), "pregnancy");
  EXPECT_EQ(to_name(VisitMode::GoingDownCircuit), "going_down_circuit");
  Contact c;
  c.reports.push_back({Situation::PoliceMatter, true, "dispute"});
  EXPECT_TRUE(c.reports.front().abnormal);
}

}  // namespace
}  // namespace massline
