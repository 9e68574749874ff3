#include <massline/model/duplicates.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace massline {
namespace {

Household person(OrgId unit, std::string code, std::string name, std::string phone, std::string address,
                 std::string id_number = "") {
  Household h;
  h.code = std::move(code);
  h.unit = unit;
  h.head_name = std::move(name);
  h.phone = std::move(phone);
  h.address = std::move(address);
  h.id_number = std::move(id_number);
  return h;
}

TEST(Duplicates, HouseholdsSharingAnIdNumberOrTwoFieldsAreReportedWithTheirEvidence) {
  testing::SmallNetwork n;  // H1..H3 have no personal fields: never matched
  const HouseholdId a = n.r.add(person(n.grid_a, "A", "王芳", "13900001234", "解放路12号3栋301室", "11010519491231002X"));
  const HouseholdId b = n.r.add(person(n.grid_b, "B", "王 芳", "+86 139-0000-1234", "人民路1号"));  // name + phone
  const HouseholdId c = n.r.add(person(n.grid_a, "C", "李伟", "13700000000", "", "11010519491231002X"));  // id number
  const HouseholdId d = n.r.add(person(n.grid_a, "D", "王芳", "13800000000", "建设路9号"));  // the name only: no
  const HouseholdId e = n.r.add(person(n.grid_b, "E", "张三", "", "和平路２号"));
  const HouseholdId f = n.r.add(person(n.grid_b, "F", "张三", "", "和平路2号"));  // name + address (full-width digit)
  const auto found = find_duplicate_households(n.r);
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0].first, a);
  EXPECT_EQ(found[0].second, b);
  EXPECT_EQ(found[0].evidence, (DuplicateEvidences{DuplicateEvidence::HeadName, DuplicateEvidence::Phone}));
  EXPECT_EQ(found[1].first, a);
  EXPECT_EQ(found[1].second, c);
  EXPECT_EQ(found[1].evidence, DuplicateEvidences{DuplicateEvidence::IdNumber});
  EXPECT_EQ(found[2].first, e);
  EXPECT_EQ(found[2].second, f);
  EXPECT_EQ(found[2].evidence, (DuplicateEvidences{DuplicateEvidence::HeadName, DuplicateEvidence::Address}));
  // a-b and a-c are one group (through a); e-f another.
  EXPECT_EQ(found[0].group, 0U);
  EXPECT_EQ(found[1].group, 0U);
  EXPECT_EQ(found[2].group, 1U);
  (void)d;
  // Nothing was merged.
  EXPECT_EQ(n.r.households().size(), 9U);
}

TEST(Duplicates, NoPersonalFieldsNoFindings) {
  testing::SmallNetwork n;
  EXPECT_TRUE(find_duplicate_households(n.r).empty());
  EXPECT_TRUE(find_repeat_appeals(n.r).empty());
}

Appeal appeal_of(HouseholdId h, OrgId grid, SubjectArea subject, Date day) {
  Appeal a;
  a.household = h;
  a.origin = grid;
  a.handler = grid;
  a.subject = subject;
  AppealEvent registered;
  registered.date = day;
  a.history.push_back(registered);
  return a;
}

TEST(Duplicates, RepeatAppealsOfTheSameHouseholdAndSubjectWithinTheWindow) {
  testing::SmallNetwork n;
  const AppealId first = n.r.add(appeal_of(n.h1, n.grid_a, SubjectArea::Environment, make_date(2024, 3, 1)));
  const AppealId again = n.r.add(appeal_of(n.h1, n.grid_a, SubjectArea::Environment, make_date(2024, 3, 31)));  // 30 days
  const AppealId third = n.r.add(appeal_of(n.h1, n.grid_a, SubjectArea::Environment, make_date(2024, 5, 15)));  // 45 days
  (void)n.r.add(appeal_of(n.h1, n.grid_a, SubjectArea::Other, make_date(2024, 3, 2)));  // another subject
  (void)n.r.add(appeal_of(n.h2, n.grid_a, SubjectArea::Environment, make_date(2024, 3, 3)));  // another household
  const auto found = find_repeat_appeals(n.r);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].earlier, first);
  EXPECT_EQ(found[0].later, again);
  EXPECT_EQ(found[0].household, n.h1);
  EXPECT_EQ(found[0].days_apart, 30);
  const auto wider = find_repeat_appeals(n.r, 45);
  ASSERT_EQ(wider.size(), 2U);
  EXPECT_EQ(wider[1].earlier, again);
  EXPECT_EQ(wider[1].later, third);
  EXPECT_TRUE(find_repeat_appeals(n.r, 0).empty());
  EXPECT_THROW((void)find_repeat_appeals(n.r, -1), InvalidArgument);
}

}  // namespace
}  // namespace massline
