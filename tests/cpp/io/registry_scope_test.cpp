#include <massline/io/registry_scope.hpp>

#include <massline/core/error.hpp>
#include <massline/model/personal_fields.hpp>
#include <massline/synth/generate.hpp>

#include <gtest/gtest.h>

#include <set>

namespace {

using namespace massline;  // NOLINT: the test names many model types

std::size_t reported(const std::vector<io::ScopeReport::Entry>& entries, std::string_view table) {
  std::size_t n = 0;
  for (const auto& e : entries)
    if (e.table == table) n += e.count;
  return n;
}

TEST(RegistryScope, NothingFromOutsideTheSubtreeAndEveryEntityCounted) {
  const Registry r = synth::generate("quyuan", 0);
  // A level-3 unit with households: its subtree is a strict part of the registry.
  OrgId community{};
  for (const Organization& o : r.organizations())
    if (o.level == OrgLevel::Community && !r.households_under(o.id).empty()) community = o.id;
  const auto scoped = io::scope_registry(r, community);
  const Registry& s = scoped.registry;
  // The one finding: the root is below level 1 with no parent (docs/formats.md, "Privacy").
  const auto problems = s.validate();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "integrity.orphan");
  const auto subtree = r.subtree(community);
  const std::set<OrgId> inside(subtree.begin(), subtree.end());
  EXPECT_EQ(s.organizations().size(), inside.size());
  EXPECT_FALSE(s.get(community).parent);
  for (const Member& m : s.members()) EXPECT_TRUE(inside.contains(m.organization));
  for (const Household& h : s.households()) {
    EXPECT_TRUE(inside.contains(h.unit));
    EXPECT_EQ(h, r.get(h.id));  // kept entities are unchanged, ids included
  }
  for (const Pairing& p : s.pairings()) EXPECT_EQ(p, r.get(p.id));
  for (const Appeal& a : s.appeals()) {
    EXPECT_TRUE(inside.contains(a.handler));
    for (const AppealEvent& e : a.history) {
      if (e.organization) {
        EXPECT_TRUE(inside.contains(*e.organization));
      }
    }
  }
  EXPECT_GT(s.households().size(), 0U);
  EXPECT_LT(s.households().size(), r.households().size());
  // Kept + dropped = all, table by table.
  EXPECT_EQ(s.organizations().size() + reported(scoped.report.dropped, "organizations"), r.organizations().size());
  EXPECT_EQ(s.members().size() + reported(scoped.report.dropped, "members"), r.members().size());
  EXPECT_EQ(s.households().size() + reported(scoped.report.dropped, "households"), r.households().size());
  EXPECT_EQ(s.pairings().size() + reported(scoped.report.dropped, "pairings"), r.pairings().size());
  EXPECT_EQ(s.contacts().size() + reported(scoped.report.dropped, "contacts"), r.contacts().size());
  EXPECT_EQ(s.appeals().size() + reported(scoped.report.dropped, "appeals"), r.appeals().size());
  EXPECT_EQ(s.commitments().size() + reported(scoped.report.dropped, "commitments"), r.commitments().size());
  EXPECT_EQ(s.activities().size() + reported(scoped.report.dropped, "activities"), r.activities().size());
  EXPECT_EQ(reported(scoped.report.cleared, "organizations"), 1U);  // the root's parent
}

TEST(RegistryScope, TheWholeTreeKeepsEverythingAndAnUnknownRootIsRefused) {
  const Registry r = synth::generate("quyuan", 1);
  const auto whole = io::scope_registry(r, r.roots().front());
  EXPECT_EQ(whole.registry, r);
  EXPECT_TRUE(whole.report.dropped.empty());
  EXPECT_THROW((void)io::scope_registry(r, OrgId{999999}), NotFound);
}

TEST(RegistryScope, PseudonymsAreKeyedStableAndValid) {
  Registry r = synth::generate("quyuan", 2);
  const Registry original = r;
  io::pseudonymize(r, "secret key");
  EXPECT_TRUE(r.validate().empty());
  std::size_t seen = 0;
  for (const Household& h : r.households()) {
    const Household& before = original.get(h.id);
    EXPECT_TRUE(is_pseudonym(h.id_number)) << h.id_number;
    EXPECT_TRUE(is_pseudonym(h.phone));
    EXPECT_EQ(h.head_name, io::pseudonym("secret key", "name", before.head_name));
    EXPECT_EQ(h.id_number, io::pseudonym("secret key", "id_number", before.id_number));
    EXPECT_NE(h.id_number, io::pseudonym("another key", "id_number", before.id_number));
    EXPECT_EQ(h.categories, before.categories);
    ++seen;
  }
  EXPECT_GT(seen, 0U);
  // Spelling variants of one value give one token; the field is part of the message.
  EXPECT_EQ(io::pseudonym("k", "phone", "+86 139-0000-1234"), io::pseudonym("k", "phone", "13900001234"));
  EXPECT_EQ(io::pseudonym("k", "name", "王 芳"), io::pseudonym("k", "name", "王芳"));
  EXPECT_NE(io::pseudonym("k", "name", "13900001234"), io::pseudonym("k", "phone", "13900001234"));
  EXPECT_EQ(io::pseudonym("k", "name", ""), "");
  EXPECT_THROW((void)io::pseudonym("", "name", "x"), InvalidArgument);
  Registry unchanged = original;
  EXPECT_THROW(io::pseudonymize(unchanged, ""), InvalidArgument);
  EXPECT_EQ(unchanged, original);
}

}  // namespace
