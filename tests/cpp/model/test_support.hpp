#pragma once
// Shared fixtures for the model tests: a small four-level network and a registry snapshot
// used to prove that failed operations change nothing.

#include <massline/model/registry.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace massline::testing {

/// Everything stored in a registry, comparable with ==.
struct Snapshot {
  std::vector<Organization> orgs;
  std::vector<Member> members;
  std::vector<Household> households;
  std::vector<Pairing> pairings;
  std::vector<Commitment> commitments;
  std::vector<ServicePost> posts;
  std::vector<Contact> contacts;
  std::vector<Appeal> appeals;
  std::vector<SurveyResponse> responses;
  std::vector<Activity> activities;
  std::vector<std::vector<OrgId>> subtrees;
  bool operator==(const Snapshot&) const = default;
};

inline Snapshot snapshot(const Registry& r) {
  Snapshot s;
  s.orgs.assign(r.organizations().begin(), r.organizations().end());
  s.members.assign(r.members().begin(), r.members().end());
  s.households.assign(r.households().begin(), r.households().end());
  s.pairings.assign(r.pairings().begin(), r.pairings().end());
  s.commitments.assign(r.commitments().begin(), r.commitments().end());
  s.posts.assign(r.service_posts().begin(), r.service_posts().end());
  s.contacts.assign(r.contacts().begin(), r.contacts().end());
  s.appeals.assign(r.appeals().begin(), r.appeals().end());
  s.responses.assign(r.survey_responses().begin(), r.survey_responses().end());
  s.activities.assign(r.activities().begin(), r.activities().end());
  for (OrgId root : r.roots()) s.subtrees.push_back(r.subtree(root));
  return s;
}

inline Organization org(std::string code, OrgLevel level, std::optional<OrgId> parent) {
  Organization o;
  o.code = std::move(code);
  o.name = o.code;
  o.level = level;
  o.parent = parent;
  return o;
}

/// county -> township -> community -> two grids, three households, two members.
struct SmallNetwork {
  Registry r;
  OrgId county, township, community, grid_a, grid_b;
  HouseholdId h1, h2, h3;
  MemberId m1, m2;
  SmallNetwork() {
    county = r.add(org("C", OrgLevel::County, std::nullopt));
    township = r.add(org("T", OrgLevel::Township, county));
    community = r.add(org("V", OrgLevel::Community, township));
    grid_a = r.add(org("G-A", OrgLevel::Grid, community));
    grid_b = r.add(org("G-B", OrgLevel::Grid, community));
    h1 = r.add(Household{.code = "H1", .unit = grid_a, .categories = {HouseholdCategory::Difficult}, .party_household = false, .size = 3});
    h2 = r.add(Household{.code = "H2", .unit = grid_a, .categories = {HouseholdCategory::FourOlds}, .party_household = true, .size = 2});
    h3 = r.add(Household{.code = "H3", .unit = grid_b, .categories = {}, .party_household = false, .size = 4});
    Member a;
    a.code = "M1";
    a.organization = community;
    a.capable_of_helping = true;
    a.kinds = {MemberKind::Rural};
    m1 = r.add(a);
    Member b;
    b.code = "M2";
    b.organization = grid_b;
    b.kinds = {MemberKind::Cadre};
    b.cadre_rank = CadreRank::Village;
    m2 = r.add(b);
  }
};

/// Runs @p op, expects it to throw E with @p code and the registry to be unchanged;
/// returns the error message so a test can check the location in it.
template <class E, class Op>
std::string expect_rejected(Registry& r, const std::string& code, Op&& op) {
  const Snapshot before = snapshot(r);
  std::string message;
  try {
    op();
    ADD_FAILURE() << "expected " << code << " but the operation succeeded";
  } catch (const E& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    message = e.what();
  }
  EXPECT_TRUE(snapshot(r) == before) << "registry changed by a rejected operation (" << code << ")";
  EXPECT_TRUE(r.validate().empty());
  return message;
}

}  // namespace massline::testing
