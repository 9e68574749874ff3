// Scenarios: compiling a registry (contiguous member ranges, classes, must-visit, field-day
// probabilities from quotas) and the located errors for bad parameters.
#include <massline/sim/params.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <set>
#include <string>

namespace massline::sim {
namespace {

using testing::Network;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(SimScenario, CompilesMembersContiguouslyWithClassesAndMustVisit) {
  Network net;
  const auto plain = net.households(3);
  const auto petitioners = net.households(2, HouseholdCategories{HouseholdCategory::Petitioner});
  const auto hard = net.households(1, HouseholdCategories{HouseholdCategory::Difficult, HouseholdCategory::FourOlds});
  net.member({hard[0], plain[2]});
  net.member({plain[2], petitioners[0]});
  const Scenario s = Scenario::from_registry(net.r, policy::PolicySet::standard());
  const auto& d = s.data();
  ASSERT_EQ(s.households(), 6U);
  ASSERT_EQ(s.members(), 2U);
  EXPECT_EQ(d.member_offset, (std::vector<std::uint32_t>{0, 2, 4}));
  // First member's households get indices 0 and 1, the second's new one 2.
  EXPECT_EQ(d.member_households, (std::vector<std::uint32_t>{0, 1, 1, 2}));
  EXPECT_EQ(d.household_id[0], hard[0].value());
  EXPECT_EQ(d.household_class[0], 2);  // hardship
  EXPECT_EQ(d.household_must_visit[0], 1);  // four olds: the standard set's five must-visit rule
  EXPECT_EQ(d.household_class[2], 1);  // petitioner
  EXPECT_EQ(d.unit_org, (std::vector<std::uint32_t>{net.county.value()}));
  EXPECT_EQ(d.unit_households, (std::vector<std::uint32_t>{6}));
  EXPECT_EQ(d.unit_must_visit, (std::vector<std::uint32_t>{1}));
  // Needs: (0.03 + 460/3500) per year, times 3 for petitioners, 1.5 for hardship.
  const double yearly = 0.03 + 460.0 / 3500.0;
  EXPECT_NEAR(d.need_probability[0], 1 - std::exp(-yearly / 365), 1e-15);
  EXPECT_NEAR(d.need_probability[3], 1 - std::exp(-yearly * 4.5 / 365), 1e-15);
  EXPECT_NEAR(d.other_channel_share, 0.03 / yearly, 1e-15);
  // Two households, 2 visits each, 2 visits a field day: 2 field days, 90% worked, of 262 weekdays in 2024.
  EXPECT_NEAR(d.member_field_probability[0], 0.9 * 2 / 262, 1e-15);
}

TEST(SimScenario, FieldDaysFromPolicyQuotas) {
  Network net;
  const auto h = net.households(2);
  Member cadre;
  cadre.name = "c";
  cadre.kinds = MemberKinds{MemberKind::Cadre};
  cadre.cadre_rank = CadreRank::CityCounty;
  cadre.organization = net.county;
  const MemberId id = net.r.add(cadre);
  Pairing p;
  p.kind = PairingKind::ContactHousehold;
  p.source = id;
  p.target = h[0];
  p.start = make_date(2024, 1, 1);
  net.r.add(p);
  const Scenario s = Scenario::from_registry(net.r, policy::PolicySet::standard());
  // field_days.city_county and field_days.leading_cadre: at least 60 days a year.
  EXPECT_NEAR(s.data().member_field_probability[0], 0.9 * 60 / 262, 1e-15);
}

TEST(SimScenario, ParametersHaveOneNameEach) {
  const auto all = parameters();
  std::set<std::string> names;
  for (const auto& info : all) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name << " twice";
    EXPECT_FALSE(info.source.empty()) << info.name;
  }
  EXPECT_TRUE(names.count("must_visit_compliance"));
  EXPECT_TRUE(names.count("success_grid"));
  // The levers are the synth table's own entries.
  const auto& synth_infos = synth::parameters();
  for (const auto& lever : lever_names()) {
    const auto it = std::find_if(synth_infos.begin(), synth_infos.end(), [&](const ParameterInfo& i) { return i.name == lever; });
    ASSERT_NE(it, synth_infos.end()) << lever;
  }
  const Scenario s = Scenario::preset("county", 1, {{"households", 300}, {"campaigns", 3}, {"decay_rate", 0.05}});
  EXPECT_EQ(s.synth_params().campaigns, 3);
  EXPECT_EQ(s.params().decay_rate, 0.05);
  EXPECT_EQ(s.values().at("campaigns"), 3.0);
}

TEST(SimScenario, OptimalPairingAddsAssistancePairs) {
  Network net;
  net.households(3);
  net.households(2, HouseholdCategories{HouseholdCategory::Difficult});
  net.member({});  // capable, in the grid's community, no pairing yet
  const auto& standard = policy::PolicySet::standard();
  EXPECT_EQ(Scenario::from_registry(net.r, standard).members(), 0U);
  const Scenario paired = Scenario::from_registry(net.r, standard, {{"optimal_pairing", 1}});
  ASSERT_EQ(paired.members(), 1U);
  ASSERT_EQ(paired.data().member_households.size(), 2U);
  for (std::uint32_t h : paired.data().member_households) EXPECT_EQ(paired.data().household_class[h], 2);  // the difficult ones
  EXPECT_EQ(net.r.pairings().size(), 0U);  // the registry is not changed
}

TEST(SimScenario, EveryParameterAndMetricIsDocumented) {
  const std::string path = std::string(MASSLINE_TEST_DATA_DIR) + "/../../docs/simulation.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  for (const ParameterInfo& info : parameters()) {
    EXPECT_NE(text.str().find("`" + info.name + "`"), std::string::npos) << info.name << " is missing from docs/simulation.md";
  }
  for (auto name : enum_names(Metric{})) EXPECT_NE(text.str().find("`" + std::string(name) + "`"), std::string::npos) << name;
  for (auto name : enum_names(Strategy{})) EXPECT_NE(text.str().find("`" + std::string(name) + "`"), std::string::npos) << name;
}

TEST(SimScenario, BadParametersAreLocated) {
  Network net;
  net.households(2);
  const auto& standard = policy::PolicySet::standard();
  const auto from = [&](const ParameterValues& v) { return [&, v] { (void)Scenario::from_registry(net.r, standard, v); }; };
  std::string e = error_of(from({{"decay_rat", 0.1}}));
  EXPECT_NE(e.find("sim.unknown_parameter"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'decay_rate'"), std::string::npos) << e;
  e = error_of(from({{"campains", 2}}));
  EXPECT_NE(e.find("did you mean 'campaigns'"), std::string::npos) << e;
  e = error_of(from({{"decay_rate", 1.5}}));
  EXPECT_NE(e.find("sim.bad_parameter"), std::string::npos) << e;
  EXPECT_NE(e.find("decay_rate"), std::string::npos) << e;
  e = error_of(from({{"days", 10.5}}));
  EXPECT_NE(e.find("whole number"), std::string::npos) << e;
  e = error_of(from({{"must_visit_compliance", 2}}));
  EXPECT_NE(e.find("synth.bad_parameter"), std::string::npos) << e;
  EXPECT_NE(e.find("must_visit_compliance"), std::string::npos) << e;
  e = error_of(from({{"households", 100}}));
  EXPECT_NE(e.find("sim.bad_parameter"), std::string::npos) << e;
  EXPECT_NE(e.find("households"), std::string::npos) << e;
  e = error_of(from({{"delegate_contact_households", 50}}));
  EXPECT_NE(e.find("sim.bad_parameter"), std::string::npos) << e;
  e = error_of([] { (void)Scenario::preset("nowhere", 0); });
  EXPECT_NE(e.find("synth.unknown_preset"), std::string::npos) << e;
  e = error_of([&] { (void)Scenario::from_registry(Registry(), standard); });
  EXPECT_NE(e.find("sim.empty"), std::string::npos) << e;
}

}  // namespace
}  // namespace massline::sim
