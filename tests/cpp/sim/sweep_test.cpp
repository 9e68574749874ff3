// Sweeps against docs/simulation.md ("Sweeps"): grid order, the Latin hypercube's strata,
// determinism per (seed, replication, point) whatever the threads or the batches, validation of
// every point before anything runs, and Scenario::with rebuilding what the scenario was built from.
#include <massline/sim/sweep.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace massline::sim {
namespace {

RunOptions opts(std::size_t replications, std::uint64_t seed, std::size_t threads) {
  RunOptions o;
  o.replications = replications;
  o.seed = seed;
  o.threads = threads;
  return o;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

Scenario small(Strategy strategy = Strategy::RoundRobin) {
  return Scenario::preset("county", 5, {{"households", 800}, {"report_level", 2}, {"days", 60}}, strategy);
}

std::string message_of(const auto& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(SimSweep, GridIsEveryCombinationLastAxisFastest) {
  const SweepPlan plan = grid({{"decay_rate", {0.01, 0.02}}, {"strategy", {0, 2, 3}}});
  EXPECT_EQ(plan.levers, (std::vector<std::string>{"decay_rate", "strategy"}));
  const std::vector<std::vector<double>> expected{{0.01, 0}, {0.01, 2}, {0.01, 3}, {0.02, 0}, {0.02, 2}, {0.02, 3}};
  EXPECT_EQ(plan.points, expected);
  EXPECT_EQ(grid({}).points.size(), 1U) << "no axis is the scenario as it is";
  EXPECT_THROW((void)grid({{"decay_rate", {}}}), InvalidArgument);
  EXPECT_THROW((void)grid({{"decay_rate", {0.1}}, {"decay_rate", {0.2}}}), InvalidArgument);
}

TEST(SimSweep, LatinHypercubeHasOnePointPerStratumAndIsSeeded) {
  const std::size_t n = 20;
  const SweepPlan plan = latin_hypercube({{"decay_rate", 0.0, 0.1}, {"visit_quality", 0.5, 0.9}}, n, 11);
  ASSERT_EQ(plan.points.size(), n);
  for (std::size_t k = 0; k < 2; ++k) {
    const double low = k == 0 ? 0.0 : 0.5, high = k == 0 ? 0.1 : 0.9;
    std::set<std::size_t> strata;
    for (const auto& row : plan.points) {
      ASSERT_GE(row[k], low);
      ASSERT_LE(row[k], high);
      strata.insert(std::min(n - 1, static_cast<std::size_t>((row[k] - low) / (high - low) * static_cast<double>(n))));
    }
    EXPECT_EQ(strata.size(), n) << "lever " << k << ": some stratum holds two points";
  }
  const SweepPlan again = latin_hypercube({{"decay_rate", 0.0, 0.1}, {"visit_quality", 0.5, 0.9}}, n, 11);
  EXPECT_EQ(plan.points, again.points);
  EXPECT_NE(plan.points, latin_hypercube({{"decay_rate", 0.0, 0.1}, {"visit_quality", 0.5, 0.9}}, n, 12).points);
  // Counts are whole numbers inside the range.
  for (const auto& row : latin_hypercube({{"campaign_households", 1, 9}}, 7, 3).points) {
    EXPECT_EQ(row[0], std::round(row[0]));
    EXPECT_GE(row[0], 1.0);
    EXPECT_LE(row[0], 9.0);
  }
  EXPECT_THROW((void)latin_hypercube({{"decay_rate", 0.2, 0.1}}, 3, 0), InvalidArgument);
  EXPECT_THROW((void)latin_hypercube({{"decay_rate", 0.0, 0.1}}, 0, 0), InvalidArgument);
  EXPECT_THROW((void)latin_hypercube({{"strategy", 0, 3}}, 3, 0), InvalidArgument);
}

TEST(SimSweep, EachPointIsItsOwnRunBitForBitWhateverTheThreads) {
  const Scenario base = small();
  const SweepPlan plan = grid({{"decay_rate", {0.01, 0.05}}, {"strategy", {0, 2}}});
  const SweepResults one = sweep(base, plan, opts(3, 9, 1));
  const SweepResults two = sweep(base, plan, opts(3, 9, 2));
  EXPECT_EQ(one.point, two.point);
  EXPECT_TRUE(same_bits(one.results.value, two.results.value)) << "threads=1 and threads=2 differ";
  ASSERT_EQ(one.size(), one.results.size());
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const Results alone = run(at(base, plan, p), opts(3, 9, 1));
    std::vector<double> rows;
    for (std::size_t i = 0; i < one.size(); ++i) {
      if (one.point[i] == p) rows.push_back(one.results.value[i]);
    }
    EXPECT_TRUE(same_bits(rows, alone.value)) << "point " << p;
  }
  // The points differ (the levers act) ...
  const auto first = std::vector<double>(one.results.value.begin(), one.results.value.begin() + static_cast<std::ptrdiff_t>(one.size() / 4));
  const auto last = std::vector<double>(one.results.value.end() - static_cast<std::ptrdiff_t>(one.size() / 4), one.results.value.end());
  EXPECT_FALSE(same_bits(first, last));
  // ... and a batch of replications (first_replication) is the same slice of the full run.
  RunOptions batch = opts(2, 9, 1);
  batch.first_replication = 1;
  const Results part = run(at(base, plan, 3), batch);
  const Results full = run(at(base, plan, 3), opts(3, 9, 1));
  const std::size_t per = full.size() / 3;
  EXPECT_TRUE(same_bits(part.value, std::vector<double>(full.value.begin() + static_cast<std::ptrdiff_t>(per), full.value.end())));
  EXPECT_EQ(part.replication.front(), 1U);
}

TEST(SimSweep, WithRebuildsPresetsAndRegistries) {
  const Scenario base = small(Strategy::Random);
  const Scenario half = base.with({{"delegate_contact_households", 50}});
  EXPECT_EQ(half.synth_params().delegate_contact_households, 50);
  EXPECT_EQ(half.strategy(), Strategy::Random);
  EXPECT_EQ(half.params().days, 60) << "the values the base was built with are kept";
  EXPECT_EQ(base.with({}).data().member_households, base.data().member_households);
  EXPECT_EQ(base.with({}, Strategy::NeedFirst).strategy(), Strategy::NeedFirst);

  testing::Network net;
  net.member(net.households(4));
  Scenario from_registry = Scenario::from_registry(net.r, policy::PolicySet::standard(), {{"days", 30}});
  net.households(3);  // the scenario keeps its own copy
  EXPECT_EQ(from_registry.with({{"decay_rate", 0.2}}).households(), 4U);
  EXPECT_EQ(from_registry.with({{"decay_rate", 0.2}}).params().decay_rate, 0.2);
  EXPECT_NE(message_of([&] { from_registry.check_changes({{"households", 10}}); }).find("sim.bad_parameter"), std::string::npos);
}

TEST(SimSweep, BadPointsFailBeforeAnythingRuns) {
  const Scenario base = small();
  std::size_t calls = 0;
  RunOptions options = opts(1, 0, 1);
  options.progress = [&](std::size_t, std::size_t) { ++calls; };
  const std::string unknown = message_of([&] { (void)sweep(base, grid({{"decay_rat", {0.1}}}), options); });
  EXPECT_NE(unknown.find("sim.unknown_parameter"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("decay_rate"), std::string::npos) << "names the closest: " << unknown;
  const std::string bad = message_of([&] { (void)sweep(base, grid({{"decay_rate", {0.1, 2.0}}}), options); });
  EXPECT_NE(bad.find("sim.bad_parameter"), std::string::npos) << bad;
  EXPECT_NE(bad.find("sweep point 1"), std::string::npos) << bad;
  EXPECT_NE(message_of([&] { (void)sweep(base, grid({{"strategy", {4}}}), options); }).find("sim.bad_parameter"), std::string::npos);
  EXPECT_NE(message_of([&] { (void)sweep(base, grid({{"days", {30, 60}}}), options); }).find("sim.sweep"), std::string::npos);
  EXPECT_NE(message_of([&] { (void)sweep(base, grid({{"year", {2023}}}), options); }).find("sim.sweep"), std::string::npos);
  EXPECT_EQ(calls, 0U) << "a replication ran before the bad point was found";
  const SweepResults ok = sweep(base, grid({{"decay_rate", {0.1, 0.2}}}), options);
  EXPECT_EQ(calls, 2U);
  EXPECT_EQ(ok.plan.points.size(), 2U);
  EXPECT_EQ(sweep(base, grid({{"days", {60}}}), options).plan.points.size(), 1U) << "the horizon in force is no change";
}

}  // namespace
}  // namespace massline::sim
