// The sim's parameters: one name each, the synth levers read from the synth table, every one
// documented, and located errors for bad names and values.
#include <massline/sim/params.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
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

TEST(SimParams, ParametersHaveOneNameEach) {
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

TEST(SimParams, EveryParameterAndMetricIsDocumented) {
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

TEST(SimParams, BadParametersAreLocated) {
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
