// Scenarios: compiling a registry (contiguous member ranges, need classes, must-visit, field-day
// probabilities from quotas, the optimal-pairing lever).
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

}  // namespace
}  // namespace massline::sim
