// The engine against docs/simulation.md: determinism across thread counts, conservation of
// appeals every day, the satisfaction decay in closed form, the handling-time distribution of
// appeals, escalation on deadline, strategies, progress and cancellation.
#include <massline/core/cancellation.hpp>
#include <massline/sim/run.hpp>
#include <massline/sim/scenario.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

namespace massline::sim {
namespace {

using testing::Network;

RunOptions opts(std::size_t replications, std::uint64_t seed = 0, std::size_t threads = 1, bool check = false,
                bool trace = false) {
  RunOptions o;
  o.replications = replications;
  o.seed = seed;
  o.threads = threads;
  o.check_conservation = check;
  o.trace_appeals = trace;
  return o;
}

double value_of(const Results& r, std::uint32_t rep, std::uint16_t period, Metric metric, std::uint32_t unit) {
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r.replication[i] == rep && r.period[i] == period && r.metric[i] == metric && r.unit[i] == unit) return r.value[i];
  }
  ADD_FAILURE() << "no row rep " << rep << " period " << period << " metric " << enum_names(Metric{})[enum_index(metric)];
  return std::nan("");
}

bool same_bits(const Results& a, const Results& b) {
  return a.replication == b.replication && a.unit == b.unit && a.period == b.period && a.metric == b.metric &&
         a.value.size() == b.value.size() &&
         std::memcmp(a.value.data(), b.value.data(), a.value.size() * sizeof(double)) == 0;
}

Scenario small_county(Strategy strategy = Strategy::RoundRobin) {
  return Scenario::preset("county", 7, {{"households", 1500}, {"report_level", 2}}, strategy);
}

TEST(SimRun, IdenticalBitsWhateverTheThreadCount) {
  const Scenario scenario = small_county(Strategy::Random);
  RunOptions one = opts(5, 42, 1);
  RunOptions two = one;
  two.threads = 2;
  const Results a = run(scenario, one);
  const Results b = run(scenario, two);
  const Results c = run(scenario, two);
  EXPECT_GT(a.size(), 0U);
  EXPECT_TRUE(same_bits(a, b)) << "threads=1 and threads=2 differ";
  EXPECT_TRUE(same_bits(b, c)) << "the same run twice differs";
  RunOptions other = one;
  other.seed = 43;
  EXPECT_FALSE(same_bits(a, run(scenario, other))) << "another seed gives the same results";
  // A replication's results do not depend on how many others run with it.
  RunOptions single = one;
  single.replications = 1;
  const Results s = run(scenario, single);
  EXPECT_TRUE(std::equal(s.value.begin(), s.value.end(), a.value.begin(), [](double x, double y) {
    return std::memcmp(&x, &y, sizeof x) == 0;
  }));
  // Nor on the replications a worker ran before with the same buffers (the last of five, alone).
  single.first_replication = 4;
  const Results last = run(scenario, single);
  EXPECT_TRUE(std::equal(last.value.begin(), last.value.end(), a.value.end() - static_cast<std::ptrdiff_t>(last.size()),
                         [](double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }));
}

TEST(SimRun, AppealsAreConservedEveryDayAndPerUnitEveryMonth) {
  for (Strategy strategy : {Strategy::Random, Strategy::NeedFirst, Strategy::MustVisitFirst, Strategy::RoundRobin}) {
    const Scenario scenario = Scenario::preset("county", 3, {{"households", 1500}, {"report_level", 3}, {"other_channel_appeals", 2}},
                                               strategy);
    RunOptions options = opts(2, 1, 1, true);
    const Results r = run(scenario, options);  // throws StateError on any day that breaks it
    // Per unit: cumulative raised = cumulative resolved + cumulative dropped + pending at the month's end.
    std::map<std::tuple<std::uint32_t, std::uint32_t>, std::array<double, 3>> cumulative;
    const std::size_t months = r.period_labels.size() - 1;
    double raised_total = 0;
    for (std::uint16_t p = 0; p < months; ++p) {
      std::map<std::tuple<std::uint32_t, std::uint32_t>, std::array<double, 4>> at;
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.period[i] != p) continue;
        auto& row = at[{r.replication[i], r.unit[i]}];
        if (r.metric[i] == Metric::AppealsRaised) row[0] = r.value[i];
        if (r.metric[i] == Metric::AppealsResolved) row[1] = r.value[i];
        if (r.metric[i] == Metric::AppealsDropped) row[2] = r.value[i];
        if (r.metric[i] == Metric::AppealsPending) row[3] = r.value[i];
      }
      for (const auto& [key, row] : at) {
        auto& c = cumulative[key];
        for (int k = 0; k < 3; ++k) c[static_cast<std::size_t>(k)] += row[static_cast<std::size_t>(k)];
        raised_total += row[0];
        EXPECT_EQ(c[0], c[1] + c[2] + row[3]) << "unit " << std::get<1>(key) << " month " << p;
      }
    }
    EXPECT_GT(raised_total, 100.0);
  }
}

// Without needs and without contacts, s(t) = b + (1 - decay)^t (s0 - b) at the start of day t;
// a month's value is read at the start of the next month's first day.
TEST(SimRun, SatisfactionDecaysInClosedFormWithoutContacts) {
  Network net;
  net.households(10);
  const ParameterValues values{{"initial_satisfaction", 0.9}, {"baseline_satisfaction", 0.6}, {"decay_rate", 0.02},
                               {"other_channel_appeals", 0}, {"appeal_per_contacted_household", 0}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  const Results r = run(scenario, opts(1, 5, 1));
  const auto& first = scenario.data().period_first;
  ASSERT_EQ(first.size(), 13U);  // 2024: twelve months, then the end
  for (std::uint16_t p = 0; p < 12; ++p) {
    const double expected = 0.6 + std::pow(0.98, first[p + 1]) * 0.3;
    EXPECT_NEAR(value_of(r, 0, p, Metric::Satisfaction, net.county.value()), expected, 1e-6) << "month " << p;
    EXPECT_EQ(value_of(r, 0, p, Metric::Visits, net.county.value()), 0.0);
    EXPECT_EQ(value_of(r, 0, p, Metric::AppealsRaised, net.county.value()), 0.0);
  }
  EXPECT_NEAR(value_of(r, 0, 12, Metric::Satisfaction, net.county.value()), 0.6 + std::pow(0.98, 366) * 0.3, 1e-6);
  EXPECT_EQ(first[12], 366);  // days = 0: the whole leap year
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// With success 1 at the grid and no deadline in reach, an appeal's resolution time is
// T = max(1, ceil(X)), X lognormal(median m, log-sd sigma): P(T <= k) = Phi((ln k - ln m) / sigma)
// for k >= 1, and E[T] = 1 + sum_{k >= 1} P(X > k).
TEST(SimRun, ResolutionTimeFollowsTheDocumentedDistribution) {
  Network net;
  net.households(300);
  const double m = 5.0, sigma = 0.5;
  const ParameterValues values{{"other_channel_appeals", 2}, {"appeal_per_contacted_household", 0}, {"success_grid", 1},
                               {"feedback_delay_median", m}, {"feedback_delay_sigma", sigma}, {"appeal_due_days", 3650},
                               {"days", 730}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  RunOptions options = opts(4, 9, 2, false, true);
  const Results r = run(scenario, options);
  std::vector<double> times;
  for (const auto& a : r.appeals) {
    if (a.raised >= 365) continue;  // far from the horizon: none is censored (P(T > 365) ~ 1e-17)
    ASSERT_EQ(a.outcome, AppealOutcome::Resolved);
    ASSERT_EQ(a.escalations, 0);
    ASSERT_EQ(a.level, 4);
    EXPECT_FALSE(a.by_visit);
    times.push_back(a.closed - a.raised);
  }
  ASSERT_GT(times.size(), 1000U);
  const double n = static_cast<double>(times.size());
  for (int k : {1, 3, 5, 8, 15}) {
    const double p = normal_cdf((std::log(k) - std::log(m)) / sigma);
    const double observed = static_cast<double>(std::count_if(times.begin(), times.end(), [&](double t) { return t <= k; })) / n;
    EXPECT_NEAR(observed, p, 4.5 * std::sqrt(p * (1 - p) / n) + 1e-9) << "P(T <= " << k << ")";
  }
  double mean = 1.0, second = 1.0;  // E[T] and E[T^2] = sum_k (2k - 1) P(T >= k)
  for (int k = 1; k < 2000; ++k) {
    const double tail = 1.0 - normal_cdf((std::log(k) - std::log(m)) / sigma);  // P(T > k)
    mean += tail;
    second += (2.0 * (k + 1) - 1.0) * tail;
  }
  double sum = 0;
  for (double t : times) sum += t;
  const double sd = std::sqrt(second - mean * mean);
  EXPECT_NEAR(sum / n, mean, 4.5 * sd / std::sqrt(n));
}

// The year-end survey: with constant satisfaction 0.7 (start = baseline, no needs, no contacts)
// and response error N(0, 0.1), P(satisfied) = P(0.7 + e >= 0.6) = Phi(1); everybody answers when
// survey_sample >= households. Without error everybody is satisfied (0.7 >= 0.6) and the unit is
// clear; with the cut above 0.7 nobody is and it is accountable (threshold 0.8 of the standard set).
TEST(SimRun, YearEndSurveyAndAccountability) {
  Network net;
  net.households(4000);
  ParameterValues values{{"initial_satisfaction", 0.7}, {"baseline_satisfaction", 0.7}, {"other_channel_appeals", 0},
                         {"appeal_per_contacted_household", 0}, {"survey_sample", 4000}};
  const std::uint32_t county = net.county.value();
  const Results r = run(Scenario::from_registry(net.r, policy::PolicySet::standard(), values), opts(1, 4, 1));
  const std::uint16_t all = 12;
  EXPECT_EQ(value_of(r, 0, all, Metric::SurveyRespondents, county), 4000.0);
  const double p = normal_cdf(1.0), share = value_of(r, 0, all, Metric::SurveySatisfied, county);
  EXPECT_NEAR(share, p, 4.5 * std::sqrt(p * (1 - p) / 4000));
  EXPECT_LT(value_of(r, 0, all, Metric::SurveyLow, county), share);
  EXPECT_GT(value_of(r, 0, all, Metric::SurveyHigh, county), share);
  EXPECT_EQ(value_of(r, 0, all, Metric::Accountable, county), 0.0);  // 0.84 >= 0.8
  EXPECT_TRUE(std::isnan(value_of(r, 0, 0, Metric::SurveySatisfied, county)));  // months have no survey

  values["survey_noise"] = 0;
  values["satisfied_cut"] = 0.75;
  const Results none = run(Scenario::from_registry(net.r, policy::PolicySet::standard(), values), opts(1, 4, 1));
  EXPECT_EQ(value_of(none, 0, all, Metric::SurveySatisfied, county), 0.0);
  EXPECT_EQ(value_of(none, 0, all, Metric::Accountable, county), 1.0);

  values["survey_sample"] = 100;  // about 100 of 4000 answer
  const Results some = run(Scenario::from_registry(net.r, policy::PolicySet::standard(), values), opts(1, 4, 1));
  const double asked = value_of(some, 0, all, Metric::SurveyRespondents, county);
  EXPECT_NEAR(asked, 100.0, 4.5 * std::sqrt(100.0 * (1 - 100.0 / 4000)));
}

TEST(SimRun, EveryValueLiesInItsMetricsRange) {
  const Results r = run(small_county(Strategy::MustVisitFirst), opts(3, 11, 2));
  ASSERT_GT(r.size(), 0U);
  std::array<std::size_t, enum_count<Metric>> finite{};
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (std::isnan(r.value[i])) continue;
    const MetricRange range = metric_range(r.metric[i]);
    EXPECT_GE(r.value[i], range.low) << enum_names(Metric{})[enum_index(r.metric[i])];
    EXPECT_LE(r.value[i], range.high) << enum_names(Metric{})[enum_index(r.metric[i])];
    ++finite[enum_index(r.metric[i])];
  }
  for (std::size_t k = 0; k < finite.size(); ++k) EXPECT_GT(finite[k], 0U) << enum_names(Metric{})[k] << " never has a value";
  EXPECT_EQ(metric_range(Metric::Coverage).high, 1.0);
  EXPECT_EQ(metric_range(Metric::SurveyRank).low, 1.0);
  EXPECT_EQ(metric_range(Metric::ListMark).low, -1.0);
  EXPECT_TRUE(std::isinf(metric_range(Metric::Visits).high));
}

// Appeals that stay pending hit satisfaction: with k pending, one day maps s to
// (1 - rho)^k (b + (1 - delta)(s - b)). Replaying each household's raise days from the trace
// through that closed form gives the engine's mean at the end of the year.
TEST(SimRun, PendingAppealsLowerSatisfactionInClosedForm) {
  Network net;
  net.households(200);
  const double s0 = 0.8, b = 0.7, delta = 0.01, rho = 0.03;
  const ParameterValues values{{"initial_satisfaction", s0}, {"baseline_satisfaction", b}, {"decay_rate", delta},
                               {"unresolved_penalty", rho}, {"other_channel_appeals", 1}, {"appeal_per_contacted_household", 0},
                               {"feedback_delay_median", 3650}, {"feedback_delay_sigma", 0}, {"appeal_due_days", 3650}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  const Results r = run(scenario, opts(1, 6, 1, true, true));
  const int days = scenario.data().days;
  std::map<std::uint32_t, std::vector<int>> raised;
  for (const auto& a : r.appeals) {
    ASSERT_EQ(a.outcome, AppealOutcome::Pending);
    raised[a.household].push_back(a.raised);
  }
  ASSERT_GT(r.appeals.size(), 100U);
  const auto step = [&](double x, int k, int d) {
    const double keep = std::pow(1 - rho, k), a = (1 - delta) * keep, target = keep * delta * b / (1 - a);
    return target + std::pow(a, d) * (x - target);
  };
  double sum = 0;
  for (const auto& household : net.r.households()) {
    auto days_raised = raised[household.id.value()];
    std::sort(days_raised.begin(), days_raised.end());
    double x = s0;
    int t = 0, k = 0;
    for (int day : days_raised) {
      x = step(x, k, day - t);
      ++k;
      t = day;
    }
    sum += step(x, k, days - t);
  }
  EXPECT_NEAR(value_of(r, 0, 12, Metric::Satisfaction, net.county.value()), sum / 200, 1e-5);
  EXPECT_LT(sum / 200, b);  // the pending appeals pull below the baseline
}

// Expectation-disconfirmation: one household visited every working day with quality q (no
// noise, no needs): on a visit s <- clamp(s + alpha (q - e), 0, 1), e <- e + lambda (q - e);
// between visits the decay toward b. Replayed day by day, the month-end values match.
TEST(SimRun, VisitsMoveSatisfactionByDisconfirmation) {
  Network net;
  const auto h = net.households(1);
  net.member(h);
  const double s0 = 0.5, e0 = 0.4, b = 0.5, delta = 0.05, alpha = 0.3, lambda = 0.2, q = 0.9;
  const ParameterValues values{{"initial_satisfaction", s0}, {"initial_expectation", e0}, {"baseline_satisfaction", b},
                               {"decay_rate", delta}, {"disconfirmation_weight", alpha}, {"expectation_learning", lambda},
                               {"visit_quality", q}, {"quality_spread", 0}, {"field_day_compliance", 1},
                               {"visits_per_field_day", 1}, {"member_visits_per_contact_household", 365}, {"campaigns", 0},
                               {"other_channel_appeals", 0}, {"appeal_per_contacted_household", 0}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  const Results r = run(scenario, opts(1, 1, 1));
  const auto& d = scenario.data();
  double x = s0, e = e0;
  std::size_t w = 0, month = 0;
  for (int t = 0; t < d.days; ++t) {
    if (w < d.working_days.size() && d.working_days[w] == t) {
      x = std::clamp(x + alpha * (q - e), 0.0, 1.0);
      e += lambda * (q - e);
      ++w;
    }
    x = b + (1 - delta) * (x - b);  // to the start of the next day
    if (t + 1 == d.period_first[month + 1]) {
      EXPECT_NEAR(value_of(r, 0, static_cast<std::uint16_t>(month), Metric::Satisfaction, net.county.value()), x, 1e-5)
          << "month " << month;
      EXPECT_EQ(value_of(r, 0, static_cast<std::uint16_t>(month), Metric::Visits, net.county.value()),
                static_cast<double>(std::count_if(d.working_days.begin(), d.working_days.end(), [&](std::int32_t day) {
                  return day >= d.period_first[month] && day < d.period_first[month + 1];
                })));
      ++month;
    }
  }
  EXPECT_GT(x, b);  // visits better than expected keep it above the baseline
}

// A deadline of 0 days passes at every level: the appeal climbs grid -> community -> township ->
// county (3 escalations, 4 deadlines passed) and the county answers late.
TEST(SimRun, DeadlinesEscalateLevelByLevel) {
  Network net;
  net.households(50);
  const ParameterValues values{{"other_channel_appeals", 2}, {"appeal_per_contacted_household", 0}, {"appeal_due_days", 0},
                               {"success_county", 1}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  const Results r = run(scenario, opts(1, 2, 1, true, true));
  std::size_t closed = 0;
  for (const auto& a : r.appeals) {
    if (a.outcome == AppealOutcome::Pending) continue;
    ++closed;
    EXPECT_EQ(a.outcome, AppealOutcome::Resolved);
    EXPECT_EQ(a.escalations, 3);
    EXPECT_EQ(a.level, 1);
  }
  EXPECT_GT(closed, 20U);
  const std::uint16_t all = static_cast<std::uint16_t>(r.period_labels.size() - 1);
  const double raised = value_of(r, 0, all, Metric::AppealsRaised, net.county.value());
  const double escalations = value_of(r, 0, all, Metric::Escalations, net.county.value());
  const double overdue = value_of(r, 0, all, Metric::Overdue, net.county.value());
  EXPECT_GE(escalations, 3 * static_cast<double>(closed));
  EXPECT_LE(escalations, 3 * raised);
  EXPECT_GE(overdue, 4 * static_cast<double>(closed));
}

// A policy deadline in working days is used instead of appeal_due_days: 1 working day at every
// level with a median of 30 days to answer means everything escalates too.
TEST(SimRun, PolicyDeadlinesInWorkingDays) {
  Network net;
  net.households(50);
  policy::PolicySet policy = policy::PolicySet::standard();
  policy.deadlines.push_back({"disposed.any", "test", std::nullopt, std::nullopt, std::nullopt, AppealStage::Disposed, 1});
  const ParameterValues values{{"other_channel_appeals", 2}, {"appeal_per_contacted_household", 0}, {"feedback_delay_median", 30},
                               {"feedback_delay_sigma", 0}, {"appeal_due_days", 3650}};
  const Scenario scenario = Scenario::from_registry(net.r, policy, values);
  // 2024-01-05 is a Friday: the first working day after it is Monday 8 January (day 7).
  EXPECT_EQ(scenario.data().due_day[3][4], 7);
  const Results r = run(scenario, opts(1, 2, 1, false, true));
  for (const auto& a : r.appeals) {
    if (a.outcome != AppealOutcome::Pending) {
      EXPECT_EQ(a.escalations, 3);
    }
  }
}

// One member visiting one household per working day, 60 contact households, the two must-visit
// ones last: must_visit_first reaches both in January, round robin does not.
TEST(SimRun, MustVisitFirstReachesMustVisitHouseholdsFirst) {
  Network net;
  auto plain = net.households(58);
  const auto must = net.households(2, HouseholdCategories{HouseholdCategory::FourOlds});
  plain.insert(plain.end(), must.begin(), must.end());
  net.member(plain);
  const ParameterValues values{{"field_day_compliance", 1}, {"visits_per_field_day", 1}, {"member_visits_per_contact_household", 10},
                               {"must_visit_compliance", 1}, {"campaigns", 0}};
  for (Strategy strategy : {Strategy::MustVisitFirst, Strategy::RoundRobin}) {
    const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values, strategy);
    EXPECT_EQ(scenario.data().member_field_probability[0], 1.0);
    const Results r = run(scenario, opts(1, 3, 1));
    const double january = value_of(r, 0, 0, Metric::MustVisitCoverage, net.county.value());
    const double visits = value_of(r, 0, 0, Metric::Visits, net.county.value());
    EXPECT_EQ(visits, 23.0);  // January 2024 has 23 weekdays
    EXPECT_EQ(january, strategy == Strategy::MustVisitFirst ? 1.0 : 0.0) << enum_names(Strategy{})[enum_index(strategy)];
  }
}

TEST(SimRun, ReportsProgressAndHonoursCancellation) {
  const Scenario scenario = small_county();
  std::vector<std::size_t> seen;
  RunOptions options = opts(3, 1, 2);
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 3U);
    seen.push_back(done);
  };
  (void)run(scenario, options);
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3}));

  std::atomic<bool> cancel{true};
  const CancellationScope scope(&cancel);
  EXPECT_THROW((void)run(scenario, opts(4, 1, 2)), Cancelled);
}

// Needs are drawn over each class's (day, household) grid: every household-day has the class's
// chance pi = 1 - exp(-r M / 365), so each month's appeals (all through other channels here)
// follow its length, per class.
TEST(SimRun, NeedsArriveAtTheClassRateEveryMonth) {
  Network net;
  net.households(2000);
  const OrgId plain = net.grid;
  net.grid = net.org("G2", OrgLevel::Grid, net.community);
  net.households(500, HouseholdCategories{HouseholdCategory::Petitioner});
  const ParameterValues values{{"other_channel_appeals", 3}, {"appeal_per_contacted_household", 0},
                               {"petitioner_appeal_multiplier", 3}, {"report_level", 4}};
  const Scenario scenario = Scenario::from_registry(net.r, policy::PolicySet::standard(), values);
  const Results r = run(scenario, opts(1, 9, 1, true));
  const auto& first = scenario.data().period_first;
  for (const auto& [unit, households, multiplier] :
       {std::tuple{plain, 2000.0, 1.0}, std::tuple{net.grid, 500.0, 3.0}}) {
    const double pi = -std::expm1(-3.0 * multiplier / 365.0);
    for (std::uint16_t p = 0; p < 12; ++p) {
      const double expected = households * pi * (first[p + 1] - first[p]);
      EXPECT_NEAR(value_of(r, 0, p, Metric::AppealsRaised, unit.value()), expected, 4.5 * std::sqrt(expected))
          << "unit " << unit.value() << " month " << p;
    }
  }
}

TEST(SimRun, RefusesBadRunOptions) {
  const Scenario scenario = small_county();
  try {
    (void)run(scenario, opts(0, 0, 1));
    FAIL() << "0 replications accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("sim.run_options"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)run(scenario, opts(1'000'001, 0, 1)), InvalidArgument);
}

}  // namespace
}  // namespace massline::sim
