#include <massline/model/activity.hpp>
#include <massline/model/registry.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace massline {
namespace {

using testing::expect_rejected;
using testing::SmallNetwork;

bool mentions(const std::string& message, const std::string& piece) { return message.find(piece) != std::string::npos; }

Activity meeting(OrgId org, std::vector<MemberId> attendees) {
  Activity a;
  a.kind = ActivityKind::SituationMeeting;
  a.organization = org;
  a.date = make_date(2024, 3, 15);
  a.attendees = std::move(attendees);
  a.topic = "spring planting";
  return a;
}

TEST(Activity, CheckRefusesMissingDateAndRepeatedAttendees) {
  Activity a = meeting(OrgId{2}, {MemberId{1}, MemberId{2}});
  a.id = ActivityId{5};
  EXPECT_NO_THROW(a.check());
  a.attendees.push_back(MemberId{1});
  try {
    a.check();
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.activity");
    EXPECT_EQ(e.where().entity, "activity 5");
    EXPECT_EQ(e.where().field, "attendees");
  }
  a = meeting(OrgId{2}, {});
  a.date = Date(boost::gregorian::not_a_date_time);
  EXPECT_THROW(a.check(), InvalidArgument);
  EXPECT_EQ(to_name(ActivityKind::ConcentratedActivity), "concentrated_activity");
}

TEST(Activity, RegistryKeepsItsReferences) {
  SmallNetwork n;
  const ActivityId id = n.r.add(meeting(n.community, {n.m1, n.m2}));
  EXPECT_EQ(n.r.get(id).attendees.size(), 2u);
  EXPECT_EQ(n.r.activities().size(), 1u);
  EXPECT_TRUE(n.r.validate().empty());
  // Unknown organisation or member: refused, nothing stored.
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.add(meeting(OrgId{99}, {n.m1})); });
  EXPECT_TRUE(mentions(msg, "field 'organization'")) << msg;
  msg = expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.add(meeting(n.community, {MemberId{42}})); });
  EXPECT_TRUE(mentions(msg, "field 'attendees'")) << msg;
  expect_rejected<InvalidArgument>(n.r, "model.activity", [&] { n.r.add(meeting(n.community, {n.m1, n.m1})); });
  // An attendee or the holding organisation cannot be removed while the activity names them.
  Member lone;
  lone.code = "M3";
  lone.organization = n.grid_a;
  const MemberId m3 = n.r.add(lone);
  Activity changed = n.r.get(id);
  changed.attendees = {m3};
  n.r.update(changed);
  msg = expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(m3); });
  EXPECT_TRUE(mentions(msg, "activity 0 (field 'attendees')")) << msg;
  n.r.remove(n.m2);  // no longer attending: free to go
  Activity bad = n.r.get(id);
  bad.organization = OrgId{99};
  expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.update(bad); });
  n.r.remove(id);
  n.r.remove(m3);
  EXPECT_TRUE(n.r.validate().empty());
  expect_rejected<NotFound>(n.r, "registry.unknown_id", [&] { n.r.remove(id); });
}

}  // namespace
}  // namespace massline
