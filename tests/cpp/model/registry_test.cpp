#include <massline/model/registry.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace massline {
namespace {

using testing::expect_rejected;
using testing::org;
using testing::SmallNetwork;
using testing::snapshot;

bool mentions(const std::string& message, const std::string& piece) { return message.find(piece) != std::string::npos; }

TEST(Registry, AddAssignsDenseIdsAndLooksUpByIdAndCode) {
  SmallNetwork n;
  EXPECT_EQ(n.county.value(), 0u);
  EXPECT_EQ(n.grid_b.value(), 4u);
  EXPECT_EQ(n.r.organizations().size(), 5u);
  EXPECT_EQ(n.r.households().size(), 3u);
  EXPECT_EQ(n.r.members().size(), 2u);
  EXPECT_EQ(n.r.get(n.h2).code, "H2");
  EXPECT_EQ(n.r.get(n.h2).id, n.h2);
  EXPECT_EQ(n.r.find_organization("G-B"), n.grid_b);
  EXPECT_EQ(n.r.find_household("H3"), n.h3);
  EXPECT_EQ(n.r.find_member("M2"), n.m2);
  EXPECT_FALSE(n.r.find_household("nope").has_value());
  EXPECT_TRUE(n.r.contains(n.m1));
  EXPECT_FALSE(n.r.contains(MemberId{99}));
  EXPECT_THROW((void)n.r.get(HouseholdId{42}), NotFound);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, SubtreeQueries) {
  SmallNetwork n;
  EXPECT_EQ(n.r.subtree(n.county), (std::vector<OrgId>{n.county, n.township, n.community, n.grid_a, n.grid_b}));
  EXPECT_EQ(n.r.households_under(n.county), (std::vector<HouseholdId>{n.h1, n.h2, n.h3}));
  EXPECT_EQ(n.r.households_under(n.grid_b), (std::vector<HouseholdId>{n.h3}));
  EXPECT_EQ(n.r.members_under(n.township), (std::vector<MemberId>{n.m1, n.m2}));
  EXPECT_EQ(n.r.members_under(n.grid_a), std::vector<MemberId>{});
  EXPECT_EQ(n.r.ancestors(n.grid_a), (std::vector<OrgId>{n.grid_a, n.community, n.township, n.county}));
  EXPECT_EQ(n.r.roots(), std::vector<OrgId>{n.county});
  EXPECT_EQ(n.r.children(n.community).size(), 2u);
  EXPECT_EQ(n.r.households_of(n.community).size(), 0u);
  EXPECT_THROW((void)n.r.subtree(OrgId{77}), NotFound);
}

TEST(Registry, IterationSkipsRemovedAndIdsAreNotReused) {
  SmallNetwork n;
  n.r.remove(n.h2);
  std::vector<std::string> codes;
  for (const Household& h : n.r.households()) codes.push_back(h.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"H1", "H3"}));
  EXPECT_FALSE(n.r.find_household("H2").has_value());
  const HouseholdId again = n.r.add(Household{.code = "H2", .unit = n.grid_a, .categories = {}, .party_household = false, .size = 1});
  EXPECT_NE(again, n.h2);
  EXPECT_THROW((void)n.r.get(n.h2), NotFound);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, ReserveChangesNothingVisible) {
  SmallNetwork n;
  const auto before = snapshot(n.r);
  n.r.reserve({.organizations = 100, .members = 100, .households = 1000, .pairings = 10, .commitments = 10,
               .service_posts = 10, .contacts = 5000, .appeals = 10, .survey_responses = 10});
  EXPECT_TRUE(snapshot(n.r) == before);
  n.r.reserve({});  // never shrinks
  EXPECT_TRUE(snapshot(n.r) == before);
  const HouseholdId h = n.r.add(Household{.code = "H4", .unit = n.grid_b, .categories = {}, .party_household = false, .size = 2});
  EXPECT_EQ(n.r.find_household("H4"), h);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, DanglingReferenceIsRejectedWithLocation) {
  SmallNetwork n;
  const auto msg = expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] {
    n.r.add(Household{.code = "H9", .unit = OrgId{55}, .categories = {}, .party_household = false, .size = 1});
  });
  EXPECT_TRUE(mentions(msg, "new household 'H9'")) << msg;
  EXPECT_TRUE(mentions(msg, "field 'unit'")) << msg;
  EXPECT_TRUE(mentions(msg, "organization 55 does not exist")) << msg;

  Contact c;
  c.member = n.m1;
  c.household = HouseholdId{12};
  c.date = make_date(2024, 3, 1);
  expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.add(c); });
  Commitment pledge = Commitment::pledge({n.m1, MemberId{9}}, CommitmentCategory::PracticalDeed, make_date(2024, 1, 5), make_date(2024, 12, 31));
  expect_rejected<IntegrityError>(n.r, "integrity.dangling", [&] { n.r.add(pledge); });
}

TEST(Registry, CycleIsRejected) {
  SmallNetwork n;
  Organization top = n.r.get(n.county);
  top.parent = n.grid_a;  // the county below one of its own grids: both a cycle and a level error
  const auto msg = expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.update(top); });
  EXPECT_TRUE(mentions(msg, "organization 0 'C'")) << msg;

  // An organisation cannot be its own parent.
  Organization self = n.r.get(n.township);
  self.parent = n.township;
  expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.update(self); });

}

TEST(Registry, CycleGuardFiresWhenLevelsWouldAllowIt) {
  // Moving an organisation below its own child passes the parent-level rule once its own level
  // is lowered, so the cycle rule is what refuses it.
  Registry r;
  const OrgId a = r.add(org("A", OrgLevel::County, std::nullopt));
  const OrgId b = r.add(org("B", OrgLevel::Township, a));
  Organization a_moved = r.get(a);
  a_moved.level = OrgLevel::Community;  // would sit below its own child
  a_moved.parent = b;
  const auto msg = expect_rejected<IntegrityError>(r, "integrity.cycle", [&] { r.update(a_moved); });
  EXPECT_TRUE(mentions(msg, "organization 1 lies below organization 0")) << msg;
}

TEST(Registry, WrongLevelIsRejected) {
  SmallNetwork n;
  // Household in a level-3 unit.
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.level", [&] {
    n.r.add(Household{.code = "H8", .unit = n.community, .categories = {}, .party_household = false, .size = 2});
  });
  EXPECT_TRUE(mentions(msg, "organization 2 is at level 3")) << msg;
  // Child not strictly below its parent.
  msg = expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.add(org("X", OrgLevel::Township, n.township)); });
  EXPECT_TRUE(mentions(msg, "field 'parent'")) << msg;
  // Raising a unit that holds households.
  Organization g = n.r.get(n.grid_a);
  g.level = OrgLevel::Community;
  expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.update(g); });
  // Lowering a unit below its children.
  Organization t = n.r.get(n.township);
  t.level = OrgLevel::Community;
  expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.update(t); });
  // Level outside 1..4.
  Organization bad = org("Z", static_cast<OrgLevel>(7), n.county);
  expect_rejected<InvalidArgument>(n.r, "model.level", [&] { n.r.add(bad); });
}

TEST(Registry, DuplicateCodeIsRejected) {
  SmallNetwork n;
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.duplicate_code", [&] { n.r.add(org("G-A", OrgLevel::Grid, n.community)); });
  EXPECT_TRUE(mentions(msg, "already used by organization 3")) << msg;
  Member m = n.r.get(n.m2);
  m.code = "M1";
  expect_rejected<IntegrityError>(n.r, "integrity.duplicate_code", [&] { n.r.update(m); });
  // A household code repeated in the same unit is a duplicate...
  expect_rejected<IntegrityError>(n.r, "integrity.duplicate_code", [&] {
    n.r.add(Household{.code = "H1", .unit = n.grid_a, .categories = {}, .party_household = false, .size = 1});
  });
  // ...and in another unit it is the same household placed in two units.
  msg = expect_rejected<IntegrityError>(n.r, "integrity.household_in_two_units", [&] {
    n.r.add(Household{.code = "H1", .unit = n.grid_b, .categories = {}, .party_household = false, .size = 1});
  });
  EXPECT_TRUE(mentions(msg, "household 0 with this code is in organization 3")) << msg;
  Household moved = n.r.get(n.h3);
  moved.code = "H2";
  expect_rejected<IntegrityError>(n.r, "integrity.household_in_two_units", [&] { n.r.update(moved); });
  Appeal a;
  a.code = "A-1";
  a.origin = n.grid_a;
  a.handler = n.grid_a;
  a.history.push_back({AppealEventKind::Registered, make_date(2024, 2, 1), std::nullopt, {}, std::nullopt});
  n.r.add(a);
  expect_rejected<IntegrityError>(n.r, "integrity.duplicate_code", [&] { n.r.add(a); });
}

TEST(Registry, InvalidDateIsRejected) {
  SmallNetwork n;
  Pairing p;
  p.kind = PairingKind::Assistance;
  p.source = n.m1;
  p.target = n.h1;
  // start left as not-a-date: the value check fails before anything is stored.
  auto msg = expect_rejected<InvalidArgument>(n.r, "model.pairing", [&] { n.r.add(p); });
  EXPECT_TRUE(mentions(msg, "field 'start'")) << msg;
  p.start = make_date(2024, 5, 1);
  p.end = make_date(2024, 4, 30);
  expect_rejected<InvalidArgument>(n.r, "model.pairing", [&] { n.r.add(p); });
  EXPECT_THROW((void)make_date(2023, 2, 29), InvalidArgument);
  Appeal a;
  a.origin = n.grid_a;
  a.handler = n.grid_a;
  a.history.push_back({AppealEventKind::Registered, make_date(2024, 3, 10), std::nullopt, {}, std::nullopt});
  a.history.push_back({AppealEventKind::Sorted, make_date(2024, 3, 9), std::nullopt, {}, std::nullopt});
  a.appeal_class = AppealClass::ReasonableLawful;
  a.routing = Routing::Direct;
  msg = expect_rejected<InvalidArgument>(n.r, "model.appeal", [&] { n.r.add(a); });
  EXPECT_TRUE(mentions(msg, "dated before the previous event")) << msg;
  EXPECT_TRUE(mentions(msg, "field 'history[1]'")) << msg;
}

TEST(Registry, StillReferencedEntitiesCannotBeRemoved) {
  SmallNetwork n;
  auto msg = expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(n.grid_a); });
  EXPECT_TRUE(mentions(msg, "household 0 (field 'unit')")) << msg;
  EXPECT_TRUE(mentions(msg, "1 other reference")) << msg;
  Pairing p{PairingId{}, PairingKind::ContactHousehold, n.m1, n.h3, true, make_date(2024, 1, 1), std::nullopt, std::nullopt};
  const PairingId pid = n.r.add(p);
  expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(n.h3); });
  expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(n.m1); });
  n.r.remove(pid);
  n.r.remove(n.h3);
  n.r.remove(n.m2);
  n.r.remove(n.grid_b);
  EXPECT_EQ(n.r.children(n.community).size(), 1u);
  EXPECT_THROW(n.r.remove(n.grid_b), NotFound);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, UpdatesMoveIndexesAndCodes) {
  SmallNetwork n;
  Household h = n.r.get(n.h1);
  h.unit = n.grid_b;
  h.code = "H1-new";
  n.r.update(h);
  EXPECT_EQ(n.r.households_of(n.grid_a).size(), 1u);
  EXPECT_EQ(n.r.households_of(n.grid_b).size(), 2u);
  EXPECT_FALSE(n.r.find_household("H1").has_value());
  EXPECT_EQ(n.r.find_household("H1-new"), n.h1);
  // Now grid_a can be removed only after its last household goes.
  n.r.remove(n.h2);
  n.r.remove(n.grid_a);
  // Re-parent the community directly under the county (level 1 above level 3 is allowed).
  Organization v = n.r.get(n.community);
  v.parent = n.county;
  n.r.update(v);
  EXPECT_EQ(n.r.children(n.township).size(), 0u);
  EXPECT_EQ(n.r.ancestors(n.grid_b), (std::vector<OrgId>{n.grid_b, n.community, n.county}));
  Member m = n.r.get(n.m1);
  m.organization = n.county;
  n.r.update(m);
  EXPECT_EQ(n.r.members_of(n.county).size(), 1u);
  EXPECT_TRUE(n.r.validate().empty());
  Household missing = h;
  missing.id = HouseholdId{99};
  EXPECT_THROW(n.r.update(missing), NotFound);
}

TEST(Registry, EveryEntityKindRoundTrips) {
  SmallNetwork n;
  const Date d = make_date(2024, 6, 3);
  const PairingId dual = n.r.add(Pairing{PairingId{}, PairingKind::DualOrganization, n.township, n.community, false, d, std::nullopt, std::nullopt});
  const PairingId point = n.r.add(Pairing{PairingId{}, PairingKind::ContactPoint, n.m2, n.community, false, d, std::nullopt, std::nullopt});
  Commitment c = Commitment::pledge({n.m1, n.m2}, CommitmentCategory::PublicWelfare, d, make_date(2024, 12, 31), "clean the canal");
  const CommitmentId cid = n.r.add(c);
  ServicePost post;
  post.organization = n.community;
  post.title = "policy explainer";
  post.duties = {"explain policy on reception days"};
  post.holder = n.m1;
  post.assignment = PostAssignment::SelfDeclaredAndAssigned;
  post.since = d;
  const ServicePostId sid = n.r.add(post);
  Contact visit;
  visit.member = n.m1;
  visit.household = n.h1;
  visit.date = d;
  visit.duration_minutes = 40;
  visit.reports.push_back({Situation::Disaster, true, "roof leaks"});
  const ContactId vid = n.r.add(visit);
  Appeal a;
  a.household = n.h1;
  a.collected_by = n.m1;
  a.origin = n.grid_a;
  a.handler = n.township;
  a.subject = SubjectArea::Infrastructure;
  a.history.push_back({AppealEventKind::Registered, d, std::nullopt, {}, std::nullopt});
  const AppealId aid = n.r.add(a);
  SurveyResponse s;
  s.respondent = n.h2;
  s.target = n.m1;
  s.period = Period::year(2024);
  s.items = {{"overall", 5.0, false}, {"visits", std::nullopt, true}};
  const SurveyResponseId rid = n.r.add(s);

  EXPECT_EQ(n.r.get(dual).kind, PairingKind::DualOrganization);
  EXPECT_EQ(n.r.get(point).target, PairingTarget{n.community});
  EXPECT_TRUE(n.r.get(cid).joint());
  EXPECT_EQ(n.r.get(sid).holder, n.m1);
  EXPECT_EQ(n.r.get(vid).reports.size(), 1u);
  EXPECT_EQ(n.r.get(aid).stage(), AppealStage::Registered);
  EXPECT_EQ(n.r.get(rid).items.size(), 2u);
  EXPECT_TRUE(n.r.validate().empty());

  // Progress the pledge and the appeal through update.
  Commitment progressed = n.r.get(cid);
  progressed.transition(CommitmentStatus::InProgress, make_date(2024, 7, 1));
  progressed.transition(CommitmentStatus::Fulfilled, make_date(2024, 9, 1), "done");
  n.r.update(progressed);
  EXPECT_EQ(n.r.get(cid).status(), CommitmentStatus::Fulfilled);
  n.r.record(aid, {AppealEventKind::Sorted, make_date(2024, 6, 4), std::nullopt, {}, std::nullopt},
             {AppealClass::ReasonableLawful, Routing::Assignment, {}, {}});
  EXPECT_EQ(n.r.get(aid).stage(), AppealStage::Sorted);
  // References held by leaves pin their targets until the leaves go.
  EXPECT_THROW(n.r.remove(n.township), IntegrityError);
  n.r.remove(aid);
  n.r.remove(dual);
  n.r.remove(cid);
  n.r.remove(sid);
  n.r.remove(vid);
  n.r.remove(rid);
  n.r.remove(point);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, ValidateListsSoftProblemsWithLocations) {
  Registry r;
  const OrgId orphan = r.add(org("O", OrgLevel::Community, std::nullopt));
  const OrgId grid = r.add(org("G", OrgLevel::Grid, orphan));
  Member m;
  m.organization = grid;
  m.kinds = {MemberKind::InService};
  const MemberId mid = r.add(m);
  const auto problems = r.validate();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].code, "integrity.orphan");
  EXPECT_EQ(problems[0].where.entity, orphan.to_string());
  EXPECT_EQ(problems[1].code, "model.in_service_without_residence");
  EXPECT_EQ(problems[1].where.entity, mid.to_string());
  EXPECT_EQ(problems[1].where.field, "residence_community");
}

TEST(Registry, MemberRulesAreChecked) {
  SmallNetwork n;
  Member m;
  m.organization = n.community;
  m.kinds = {MemberKind::Cadre};  // cadre without rank
  expect_rejected<InvalidArgument>(n.r, "model.member", [&] { n.r.add(m); });
  m.cadre_rank = CadreRank::Township;
  m.kinds.set(MemberKind::InService);
  m.residence_community = n.township;  // level 2 is not a community
  expect_rejected<IntegrityError>(n.r, "integrity.level", [&] { n.r.add(m); });
  m.residence_community = n.grid_b;
  const MemberId ok = n.r.add(m);
  EXPECT_TRUE(n.r.get(ok).is_leading_cadre());
  // Dates and role: a member who left before joining, or a village-cadre role on a township
  // cadre, is refused by add() and by update(), naming the field.
  Member dated = n.r.get(ok);
  dated.joined = make_date(2019, 9, 1);
  dated.left = make_date(2019, 8, 31);
  auto msg = expect_rejected<InvalidArgument>(n.r, "model.member", [&] { n.r.update(dated); });
  EXPECT_TRUE(mentions(msg, "field 'left'")) << msg;
  dated.id = MemberId{};
  msg = expect_rejected<InvalidArgument>(n.r, "model.member", [&] { n.r.add(dated); });
  EXPECT_TRUE(mentions(msg, "field 'left'")) << msg;
  dated.left = make_date(2019, 9, 1);
  dated.role = MemberRole::VillageCadre;
  msg = expect_rejected<InvalidArgument>(n.r, "model.member", [&] { n.r.add(dated); });
  EXPECT_TRUE(mentions(msg, "field 'role'")) << msg;
  dated.role = MemberRole::TownCadreStationed;
  const MemberId stationed = n.r.add(dated);
  EXPECT_EQ(n.r.get(stationed).left, make_date(2019, 9, 1));
}

}  // namespace
}  // namespace massline

namespace massline {
namespace {

TEST(Registry, RecordAppendsAppealEventsAtomically) {
  SmallNetwork n;
  Appeal a = Appeal::registered_on(make_date(2024, 4, 1), n.grid_a, make_date(2024, 5, 1));
  a.household = n.h1;
  const AppealId id = n.r.add(a);
  auto event = [](AppealEventKind kind, int day, std::optional<OrgId> org = std::nullopt) {
    return AppealEvent{kind, make_date(2024, 4, day), org, {}, std::nullopt};
  };
  // Life-cycle refusals: nothing changes.
  auto msg = expect_rejected<InvalidArgument>(n.r, "model.appeal.event", [&] { n.r.record(id, event(AppealEventKind::Disposed, 2)); });
  EXPECT_TRUE(mentions(msg, "field 'history[1]'")) << msg;
  expect_rejected<InvalidArgument>(n.r, "model.appeal.event", [&] { n.r.record(id, event(AppealEventKind::Sorted, 2)); });
  expect_rejected<NotFound>(n.r, "registry.unknown_id", [&] { n.r.record(AppealId{99}, event(AppealEventKind::Paused, 2)); });
  n.r.record(id, event(AppealEventKind::Sorted, 2), {AppealClass::ReasonableLawful, Routing::Transfer, {}, {}});
  // A transfer to a missing organisation is refused by the reference rules.
  msg = expect_rejected<IntegrityError>(n.r, "integrity.dangling",
                                        [&] { n.r.record(id, event(AppealEventKind::Escalated, 3, OrgId{77})); });
  EXPECT_TRUE(mentions(msg, "organization 77 does not exist")) << msg;
  n.r.record(id, event(AppealEventKind::Escalated, 3, n.county));
  EXPECT_EQ(n.r.get(id).handler, n.county);
  EXPECT_EQ(n.r.get(id).history.size(), 3u);
  // The escalation's organisation is referenced by the history and cannot go while the appeal lives.
  Organization lone;
  lone.code = "X";
  lone.level = OrgLevel::County;
  const OrgId other = n.r.add(lone);
  n.r.record(id, event(AppealEventKind::Transferred, 4, other));
  n.r.record(id, event(AppealEventKind::Transferred, 5, n.county));  // back: only the history names `other` now
  EXPECT_EQ(n.r.get(id).handler, n.county);
  msg = expect_rejected<IntegrityError>(n.r, "integrity.still_referenced", [&] { n.r.remove(other); });
  EXPECT_TRUE(mentions(msg, "field 'history'")) << msg;
  EXPECT_TRUE(n.r.validate().empty());
  n.r.remove(id);
  n.r.remove(other);
  EXPECT_TRUE(n.r.validate().empty());
}

TEST(Registry, SkipIdsRestoresGapsAndKeepsTheRules) {
  Registry r;
  r.skip_ids(OrgId{2});
  const OrgId county = r.add(org("C", OrgLevel::County, std::nullopt));
  EXPECT_EQ(county, OrgId{2});
  EXPECT_FALSE(r.contains(OrgId{0}));
  EXPECT_THROW((void)r.get(OrgId{1}), NotFound);
  r.skip_ids(OrgId{5});
  const OrgId town = r.add(org("T", OrgLevel::Township, county));
  EXPECT_EQ(town, OrgId{5});
  EXPECT_EQ(r.children(county).size(), 1u);
  EXPECT_TRUE(r.validate().empty());
  const auto before = snapshot(r);
  EXPECT_THROW(r.skip_ids(OrgId{3}), InvalidArgument);  // ids are never reused
  EXPECT_TRUE(snapshot(r) == before);
  EXPECT_THROW(r.add(org("X", OrgLevel::Township, OrgId{4})), IntegrityError);  // a skipped id is no entity
  r.skip_ids(MemberId{7});
  EXPECT_EQ(r.members().next_id(), MemberId{7});
}

TEST(Registry, EqualityComparesLiveIdsAndEntities) {
  SmallNetwork a;
  SmallNetwork b;
  EXPECT_TRUE(a.r == b.r);
  Household h = b.r.get(b.h1);
  h.size = static_cast<std::uint16_t>(h.size + 1);
  b.r.update(h);
  EXPECT_FALSE(a.r == b.r);
  h.size = a.r.get(a.h1).size;
  b.r.update(h);
  EXPECT_TRUE(a.r == b.r);
  const OrgId extra = b.r.add(org("Z", OrgLevel::Township, b.county));
  EXPECT_FALSE(a.r == b.r);
  b.r.remove(extra);
  EXPECT_TRUE(a.r == b.r);  // the next id differs; it is not compared
  EXPECT_FALSE(a.r == Registry{});
}

}  // namespace
}  // namespace massline
