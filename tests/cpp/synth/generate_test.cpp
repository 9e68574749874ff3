// Synthetic populations: the real presets reproduce the published counts exactly, results are a
// pure function of (parameters, seed), every population passes Registry::validate(), and bad
// parameters are rejected with the parameter named.

#include <massline/synth/generate.hpp>
#include <massline/core/cancellation.hpp>
#include <massline/model/network_summary.hpp>

#include <gtest/gtest.h>

#include "../model/test_support.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

namespace massline::synth {
namespace {

std::string problems_text(const Registry& r) {
  std::string out;
  for (const Problem& p : r.validate()) out += p.code + " " + p.message + " at " + p.where.to_string() + "\n";
  return out;
}

using massline::testing::snapshot;
using Tables = massline::testing::Snapshot;

std::size_t count_kind(const NetworkSummary& s, MemberKind k) { return s.members_by_kind[static_cast<std::size_t>(k)]; }

// Expects InvalidArgument with @p code whose location names @p field.
template <class F>
void expect_invalid(F&& f, const std::string& code, const std::string& field, const std::string& context) {
  try {
    f();
    ADD_FAILURE() << "no exception for " << context;
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), code) << context << ": " << e.what();
    EXPECT_EQ(e.where().field, field) << context << ": " << e.what();
  }
}

// ------------------------------------------------------------------ Quyuan (seed 002)

class QuyuanTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(QuyuanTest, ReproducesThePublishedCountsExactly) {
  const std::uint64_t seed = GetParam();
  const Registry r = generate("quyuan", seed);
  const NetworkSummary s = summarize(r);
  EXPECT_EQ(s.network_units, (std::array<std::size_t, 4>{1, 1, 13, 66})) << "seed " << seed;
  EXPECT_EQ(s.other_orgs, (std::array<std::size_t, 4>{0, 0, 0, 0})) << "seed " << seed;
  EXPECT_EQ(s.level3_by_sector[static_cast<std::size_t>(Sector::Rural)], 12U) << "12 villages, seed " << seed;
  EXPECT_EQ(s.level3_by_sector[static_cast<std::size_t>(Sector::Urban)], 1U) << "1 residents' committee, seed " << seed;
  EXPECT_EQ(s.households, 7902U) << "seed " << seed;
  EXPECT_EQ(s.people, 19608U) << "seed " << seed;
  EXPECT_EQ(s.members, 884U) << "seed " << seed;
  EXPECT_EQ(count_kind(s, MemberKind::Cadre), 171U) << "seed " << seed;
  EXPECT_EQ(count_kind(s, MemberKind::Rural), 713U) << "seed " << seed;
  EXPECT_EQ(s.cadres_by_rank[static_cast<std::size_t>(CadreRank::Township)] + s.cadres_by_rank[static_cast<std::size_t>(CadreRank::Village)], 171U);
  EXPECT_EQ(s.cadres_by_rank[static_cast<std::size_t>(CadreRank::Village)], 65U) << "5 cadres in each of 13 units";
  EXPECT_EQ(s.delegates_by_level, (std::array<std::size_t, 2>{0, 0}));
  for (const Member& m : r.members()) {
    EXPECT_NE(m.kinds.test(MemberKind::Cadre), m.kinds.test(MemberKind::Rural)) << "cadre and rural are disjoint: " << m.id.to_string();
  }
  for (const Household& h : r.households()) {
    ASSERT_GE(h.size, 1) << h.id.to_string();
    ASSERT_LE(h.size, 12) << h.id.to_string();
  }
  EXPECT_EQ(problems_text(r), "") << "seed " << seed;
}

INSTANTIATE_TEST_SUITE_P(Seeds, QuyuanTest, ::testing::Values(0U, 1U, 2024U));

TEST(SynthCancellation, ACancelledGenerationThrowsAndTheNextOneIsUnaffected) {
  std::atomic<bool> stop{true};
  {
    const CancellationScope scope(&stop);
    EXPECT_THROW((void)generate("quyuan", 0), Cancelled);
  }
  EXPECT_EQ(generate("quyuan", 0).households().size(), 7902u);
}

TEST(SynthQuyuan, EveryUnitIsAResponsibilityAreaWithItsTeam) {
  const Registry r = generate("quyuan", 7);
  // Count the team of each level-3 unit by role (roles are in the member names, docs/synth.md).
  std::map<std::uint32_t, std::map<std::string, int>> team;
  for (const Pairing& p : r.pairings()) {
    if (p.kind != PairingKind::ContactPoint) continue;
    const Member& m = r.get(std::get<MemberId>(p.source));
    const OrgId unit = std::get<OrgId>(p.target);
    ASSERT_EQ(r.get(unit).level, OrgLevel::Community);
    const std::string role = m.name.substr(0, m.name.find_last_of(' '));
    ++team[unit.value()][role];
  }
  ASSERT_EQ(team.size(), 13U);
  for (const auto& [unit, roles] : team) {
    const std::string where = "unit " + std::to_string(unit);
    EXPECT_EQ(roles.count("town leader") ? roles.at("town leader") : 0, 1) << where;
    EXPECT_EQ(roles.count("police officer") ? roles.at("police officer") : 0, 1) << where;
    EXPECT_EQ(roles.count("judicial officer") ? roles.at("judicial officer") : 0, 1) << where;
    const int organ = roles.count("town cadre") ? roles.at("town cadre") : 0;
    EXPECT_GE(organ, 2) << where;
    EXPECT_LE(organ, 3) << where;
    const auto home = r.members_of(OrgId{unit});
    EXPECT_EQ(std::count_if(home.begin(), home.end(), [&](MemberId id) { return r.get(id).cadre_rank == CadreRank::Village; }), 5)
        << where << ": the village cadres are the area's responsible subject";
  }
  // Village cadres keep 15 contact households and township cadres 10 (002).
  std::map<std::uint32_t, int> contacts_of;
  for (const Pairing& p : r.pairings())
    if (p.kind == PairingKind::ContactHousehold) ++contacts_of[std::get<MemberId>(p.source).value()];
  for (const Member& m : r.members()) {
    if (m.cadre_rank == CadreRank::Village) {
      EXPECT_EQ(contacts_of[m.id.value()], 15) << m.name;
    }
    if (m.cadre_rank == CadreRank::Township) {
      EXPECT_EQ(contacts_of[m.id.value()], 10) << m.name;
    }
  }
}

TEST(SynthQuyuan, RolesMatchTheTeamsAndDatesAreBeforeTheYear) {
  const Registry r = generate("quyuan", 7);
  const Date jan1 = make_date(2024, 1, 1), dec31 = make_date(2024, 12, 31);
  std::map<MemberRole, int> roles;
  int left = 0;
  for (const Member& m : r.members()) {
    ++roles[m.role];
    const std::string job = m.name.substr(0, m.name.find_last_of(' '));
    const std::map<std::string, MemberRole> expected{{"police officer", MemberRole::Police},
                                                     {"judicial officer", MemberRole::JudicialOfficer},
                                                     {"village cadre", MemberRole::VillageCadre},
                                                     {"town cadre", MemberRole::TownCadreStationed},
                                                     {"town leader", MemberRole::PartyCommitteeMember}};
    const auto role = expected.find(job);
    if (role != expected.end()) {
      EXPECT_EQ(m.role, role->second) << m.name;
    }
    ASSERT_TRUE(m.joined.has_value()) << m.name;
    EXPECT_LT(*m.joined, jan1) << m.name;
    if (m.left) {
      ++left;
      EXPECT_GE(*m.left, jan1) << m.name;
      EXPECT_LE(*m.left, dec31) << m.name;
    }
  }
  EXPECT_EQ(roles[MemberRole::VillageCadre], 65);  // 5 per level-3 unit
  EXPECT_GE(roles[MemberRole::Police], 1);  // at least one per area team
  EXPECT_GE(roles[MemberRole::JudicialOfficer], 1);
  EXPECT_GT(roles[MemberRole::None], 600);
  // About 1 % of 884 members leave during the year.
  EXPECT_GE(left, 1);
  EXPECT_LE(left, 25);
}

// ------------------------------------------------------------------ Wujiagang (seed 003)

TEST(SynthWujiagang, ReproducesThePublishedCountsExactly) {
  const Registry r = generate("wujiagang", 3);
  const NetworkSummary s = summarize(r);
  EXPECT_EQ(s.network_units, (std::array<std::size_t, 4>{1, 5, 64, 212}));
  EXPECT_EQ(s.households, 30000U);
  EXPECT_EQ(s.members, 3356U);
  EXPECT_EQ(s.delegates_by_level, (std::array<std::size_t, 2>{180, 125}));
  EXPECT_EQ(count_kind(s, MemberKind::Delegate), 305U);
  EXPECT_EQ(problems_text(r), "");
  for (const Organization& o : r.organizations()) {
    if (o.level == OrgLevel::Community) {
      EXPECT_EQ(o.kind, OrgKind::DelegateStation) << o.name;
    }
    if (o.level == OrgLevel::Grid) {
      EXPECT_EQ(o.kind, OrgKind::ResponsibilityArea) << o.name;
    }
  }
}

TEST(SynthWujiagang, DelegateGroupsAreasAndLedger) {
  const Registry r = generate("wujiagang", 11);
  // Groups: one leader and one or two liaisons each (003).
  std::map<std::string, std::pair<int, int>> groups;  // label -> (leaders, liaisons)
  for (const Member& m : r.members()) {
    if (!m.delegate_level) continue;
    const auto at = m.name.find("group ");
    ASSERT_NE(at, std::string::npos) << m.name;
    std::istringstream rest(m.name.substr(at + 6));
    int number = 0;
    std::string role;
    rest >> number >> role;
    auto& g = groups[std::to_string(number)];
    if (role == "leader") ++g.first;
    if (role == "liaison") ++g.second;
  }
  ASSERT_FALSE(groups.empty());
  for (const auto& [label, g] : groups) {
    EXPECT_EQ(g.first, 1) << "group " << label;
    EXPECT_GE(g.second, 1) << "group " << label;
    EXPECT_LE(g.second, 2) << "group " << label;
  }
  // Every responsibility area has a delegate; every household is in some delegate's ledger;
  // every delegate contacts at least 100 households.
  std::set<std::uint32_t> areas;
  std::map<std::uint32_t, std::size_t> ledger;
  std::vector<std::uint8_t> covered(r.households().capacity_ids(), 0);
  for (const Pairing& p : r.pairings()) {
    if (p.kind == PairingKind::ContactPoint && r.get(std::get<MemberId>(p.source)).delegate_level) areas.insert(std::get<OrgId>(p.target).value());
    if (p.kind == PairingKind::ContactHousehold && r.get(std::get<MemberId>(p.source)).delegate_level) {
      ++ledger[std::get<MemberId>(p.source).value()];
      covered[std::get<HouseholdId>(p.target).value()] = 1;
    }
  }
  EXPECT_EQ(areas.size(), 212U);
  EXPECT_EQ(std::count(covered.begin(), covered.end(), 1), 30000);
  ASSERT_EQ(ledger.size(), 305U);
  for (const auto& [member, n] : ledger) EXPECT_GE(n, 100U) << "member " << member;
  // Delegates pledge the five ones; the groups keep their training and two activities jointly.
  std::size_t joint_group = 0;
  for (const Commitment& c : r.commitments())
    if (c.description == "concentrated activity") ++joint_group;
  EXPECT_EQ(joint_group, 2 * groups.size());
}

// ------------------------------------------------------------------ county

TEST(SynthCounty, DefaultScaleOfOneHundredThousandHouseholds) {
  const Registry r = generate("county", 5);
  const NetworkSummary s = summarize(r);
  EXPECT_EQ(s.households, 100000U);
  // grids = ceil(100000 / (7902/66)), communities = ceil(grids / (66/13)), townships = ceil(communities / 13).
  EXPECT_EQ(s.network_units, (std::array<std::size_t, 4>{1, 13, 165, 836}));
  EXPECT_EQ(s.other_orgs, (std::array<std::size_t, 4>{0, 13, 0, 0})) << "one county organ per township";
  EXPECT_EQ(s.members, 11187U) << "round(100000 x 884 / 7902)";
  EXPECT_EQ(count_kind(s, MemberKind::Cadre), 2164U) << "round(11187 x 171 / 884)";
  EXPECT_EQ(s.cadres_by_rank[static_cast<std::size_t>(CadreRank::CityCounty)], 10U);
  EXPECT_EQ(s.cadres_by_rank[static_cast<std::size_t>(CadreRank::CountyDivision)], 13U);
  EXPECT_GT(s.in_service_with_residence, 0U);
  EXPECT_EQ(s.in_service_with_residence, count_kind(s, MemberKind::InService));
  for (std::size_t k = 0; k < 4; ++k) EXPECT_GT(s.pairings_by_kind[k], 0U) << to_name(static_cast<PairingKind>(k));
  for (std::size_t k = 0; k < 5; ++k) EXPECT_GT(s.commitments_by_status[k], 0U) << to_name(static_cast<CommitmentStatus>(k));
  for (std::size_t k = 0; k < 4; ++k) EXPECT_GT(s.appeals_by_stage[k], 0U) << to_name(static_cast<AppealStage>(k));
  EXPECT_GT(s.contacts, 2 * s.households);
  EXPECT_EQ(problems_text(r), "");
}

TEST(SynthCounty, ExactPeopleAndDerivedShapes) {
  const Registry r = generate("county", 9, {{"households", 1000}, {"people", 3000}, {"townships", 2}, {"communities", 6}, {"grids", 20}});
  const NetworkSummary s = summarize(r);
  EXPECT_EQ(s.people, 3000U);
  EXPECT_EQ(s.network_units, (std::array<std::size_t, 4>{1, 2, 6, 20}));
  EXPECT_EQ(problems_text(r), "");
}

TEST(SynthCounty, ContactsAndAppealsCanBeTurnedOff) {
  const Registry r = generate("county", 1, {{"households", 2000}, {"contacts", 0}, {"appeals", 0}});
  EXPECT_EQ(r.contacts().size(), 0U);
  EXPECT_EQ(r.appeals().size(), 0U);
  EXPECT_GT(r.pairings().size(), 0U);
  const Registry only_other = generate("county", 1, {{"households", 2000}, {"contacts", 0}});
  EXPECT_GT(only_other.appeals().size(), 0U) << "other channels still produce appeals";
  for (const Appeal& a : only_other.appeals()) EXPECT_FALSE(a.collected_by.has_value()) << a.code;
}

TEST(SynthCounty, MustVisitHouseholdsAreAllVisitedAtFullCompliance) {
  const Registry r = generate("wujiagang", 4, {{"must_visit_compliance", 1}});
  const NetworkSummary s = summarize(r);
  EXPECT_GT(s.must_visit_households, 0U);
  EXPECT_EQ(s.must_visit_contacted, s.must_visit_households);
}

TEST(SynthCounty, RatesMoveTheCounts) {
  const auto base = summarize(generate("county", 3, {{"households", 20000}}));
  const auto more = summarize(generate("county", 3, {{"households", 20000}, {"rate_four_olds", 0.2}, {"other_channel_appeals", 0.3}}));
  const auto four_olds = static_cast<std::size_t>(HouseholdCategory::FourOlds);
  EXPECT_NEAR(static_cast<double>(base.households_by_category[four_olds]) / 20000.0, 0.04, 0.01);
  EXPECT_NEAR(static_cast<double>(more.households_by_category[four_olds]) / 20000.0, 0.2, 0.02);
  EXPECT_GT(more.appeals, base.appeals + 4000U) << "0.27 more appeals per household";
}

// ------------------------------------------------------------------ determinism

TEST(SynthDeterminism, SameSeedSamePopulationDifferentSeedDifferent) {
  for (const char* preset : {"quyuan", "wujiagang"}) {
    const Tables a = snapshot(generate(preset, 42));
    const Tables b = snapshot(generate(preset, 42));
    EXPECT_TRUE(a == b) << preset << ": two runs with seed 42 differ";
    const Tables c = snapshot(generate(preset, 43));
    EXPECT_FALSE(a.households == c.households) << preset << ": seeds 42 and 43 gave the same households";
    EXPECT_FALSE(a.contacts == c.contacts) << preset << ": seeds 42 and 43 gave the same contacts";
    EXPECT_EQ(a.households.size(), c.households.size()) << preset << ": counts are fixed by the preset";
  }
  const Overrides small{{"households", 3000}};
  EXPECT_TRUE(snapshot(generate("county", 8, small)) == snapshot(generate("county", 8, small)));
}

TEST(SynthDeterminism, TypedAndNamedFormsAgree) {
  SynthParams p = preset("county");
  apply_overrides(p, {{"households", 1500}, {"rate_difficult", 0.2}});
  EXPECT_TRUE(snapshot(generate(p, 5)) == snapshot(generate("county", 5, {{"households", 1500}, {"rate_difficult", 0.2}})));
}

// ------------------------------------------------------------------ parameters

TEST(SynthParams, PresetsAreValidAndRoundTripThroughTheMap) {
  for (const auto& name : preset_names()) {
    const SynthParams p = preset(name);
    EXPECT_NO_THROW(check(p)) << name;
    SynthParams q = preset("county");
    q.code_prefix = p.code_prefix;
    q.community_kind = p.community_kind;
    q.grid_kind = p.grid_kind;
    apply_overrides(q, to_map(p));
    EXPECT_TRUE(q == p) << name;
  }
  EXPECT_EQ(to_map(preset("county")).size(), parameters().size());
}

TEST(SynthParams, EveryParameterIsDocumented) {
  const std::string path = std::string(MASSLINE_TEST_DATA_DIR) + "/../../docs/synth.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  for (const ParameterInfo& info : parameters()) {
    EXPECT_NE(text.str().find("`" + info.name + "`"), std::string::npos) << info.name << " is missing from docs/synth.md";
    EXPECT_FALSE(info.source.empty()) << info.name;
  }
}

TEST(SynthParams, UnknownPresetAndParameter) {
  try {
    (void)generate("atlantis", 0);
    ADD_FAILURE() << "no exception";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "synth.unknown_preset");
    EXPECT_NE(std::string(e.what()).find("quyuan, wujiagang, county"), std::string::npos) << e.what();
  }
  try {
    (void)generate("county", 0, {{"houseolds", 10}});
    ADD_FAILURE() << "no exception";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "synth.unknown_parameter");
    EXPECT_EQ(e.where().field, "houseolds");
    EXPECT_NE(std::string(e.what()).find("did you mean 'households'"), std::string::npos) << e.what();
  }
}

TEST(SynthParams, BadValuesNameTheParameter) {
  const std::vector<std::pair<Overrides, std::string>> cases = {
      {{{"rate_difficult", 1.5}}, "rate_difficult"},
      {{{"households", 2.5}}, "households"},
      {{{"households", 0}}, "households"},
      {{{"contacts", 2}}, "contacts"},
      {{{"year", 1200}}, "year"},
      {{{"capable_share", -0.1}}, "capable_share"},
      {{{"people", 10}, {"households", 100}}, "people"},
      {{{"people", 10000}, {"households", 100}}, "people"},
      {{{"grids", 50}, {"households", 20}}, "grids"},
      {{{"townships", 9}, {"communities", 4}, {"grids", 10}, {"households", 100}}, "townships"},
      {{{"area_organ_cadres_min", 4}}, "area_organ_cadres_min"},
      {{{"pledge_fulfil_share", 0.9}, {"pledge_lapse_share", 0.2}}, "pledge_fulfil_share"},
      {{{"subject_employment", 0}, {"subject_education", 0}, {"subject_medical", 0}, {"subject_environment", 0},
        {"subject_political", 0}, {"subject_cultural", 0}, {"subject_legal", 0}, {"subject_infrastructure", 0},
        {"subject_elderly_care", 0}, {"subject_other", 0}},
       "subject_*"},
  };
  for (const auto& item : cases) {
    const Overrides& overrides = item.first;  // not a structured binding: clang 14 cannot capture those
    const std::string& field = item.second;
    std::string context;
    for (const auto& [k, v] : overrides) context += k + "=" + std::to_string(v) + " ";
    SynthParams p = preset("county");
    const SynthParams before = p;
    expect_invalid([&] { apply_overrides(p, overrides); }, "synth.bad_parameter", field, context);
    EXPECT_TRUE(p == before) << "a failed apply_overrides changed the parameters: " << context;
  }
}

TEST(SynthParams, InfeasibleCombinationsAreReportedAtGeneration) {
  expect_invalid([] { (void)generate("quyuan", 0, {{"cadres", 60}}); }, "synth.bad_parameter", "cadres", "too few cadres for 13 x 5 village cadres");
  expect_invalid([] { (void)generate("quyuan", 0, {{"cadres", 70}}); }, "synth.bad_parameter", "cadres", "71 = 65 village cadres + 6 for the area teams");
  EXPECT_NO_THROW((void)generate("quyuan", 0, {{"cadres", 71}})) << "the smallest feasible cadre count";
  expect_invalid([] { (void)generate("quyuan", 0, {{"township_leaders", 0}}); }, "synth.bad_parameter", "township_leaders", "areas need a contact town leader");
  EXPECT_NO_THROW((void)generate("quyuan", 0, {{"township_leaders", 0}, {"area_leaders", 0}}));
  expect_invalid([] { (void)generate("quyuan", 0, {{"members", 150}}); }, "synth.bad_parameter", "members", "fewer members than cadres");
  expect_invalid([] { (void)generate("quyuan", 0, {{"district_delegates", 880}}); }, "synth.bad_parameter", "district_delegates",
                 "more delegates than capable members");
  expect_invalid([] { (void)generate("county", 0, {{"households", 1000}, {"households_per_grid", 1}, {"grids_per_community", 1}, {"communities_per_township", 1}, {"members", 10}}); },
                 "synth.bad_parameter", "members", "1000 townships need more members");
}

}  // namespace
}  // namespace massline::synth
