#include <massline/scoring/rates.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace ms = massline::scoring;
using massline::ItemScore;
using massline::OrgId;
using massline::MemberId;
using massline::Period;
using massline::SurveyResponse;

namespace {
template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const massline::Error& e) {
    return e.code();
  }
  return "(no error)";
}
const double NaN = std::nan("");
ms::RateEstimate one_group(const std::vector<double>& codes, const std::vector<double>& weights,
                           const ms::ResponseScale& scale, const ms::RateOptions& options = {}) {
  const std::vector<std::int64_t> groups(codes.size(), 0);
  return ms::grouped_rates(codes, groups, 1, weights, scale, options).at(0);
}
}  // namespace

TEST(Rates, CountsDontKnowAndMissingSeparately) {
  const auto scale = ms::ResponseScale::likert(5).with_dont_know(9);
  const std::vector<double> codes{5, 4, 3, 9, NaN, 1, 5};
  const auto e = one_group(codes, {}, scale);
  EXPECT_EQ(e.responses, 7u);
  EXPECT_EQ(e.valid, 5u);
  EXPECT_EQ(e.dont_know, 1u);
  EXPECT_EQ(e.missing, 1u);
  EXPECT_EQ(e.denominator, 5u);
  EXPECT_EQ(e.satisfied, 3u);
  ASSERT_TRUE(e.rate);
  EXPECT_DOUBLE_EQ(*e.rate, 0.6);
  EXPECT_EQ(*e.rate_interval, ms::proportion_interval(3, 5));
  // Scores 100, 75, 50, 0, 100.
  EXPECT_DOUBLE_EQ(*e.score.mean, 65.0);
  EXPECT_EQ(e.score.count, 5u);
  EXPECT_TRUE(e.score.interval);
}

TEST(Rates, DontKnowCanCountAsNotSatisfied) {
  const auto scale = ms::ResponseScale::likert(5).with_dont_know(9);
  ms::RateOptions options;
  options.dont_know = ms::DontKnowPolicy::CountAsNotSatisfied;
  options.method = ms::IntervalMethod::ClopperPearson;
  options.confidence = 0.9;
  const auto e = one_group({5, 4, 3, 9, NaN, 1, 5}, {}, scale, options);
  EXPECT_EQ(e.denominator, 6u);
  EXPECT_DOUBLE_EQ(*e.rate, 0.5);
  EXPECT_EQ(*e.rate_interval, ms::proportion_interval(3, 6, ms::IntervalMethod::ClopperPearson, 0.9));
  EXPECT_DOUBLE_EQ(*e.score.mean, 65.0) << "don't know never gets a score";
}

TEST(Rates, EqualWeightsChangeNothing) {
  const auto scale = ms::ResponseScale::likert(5);
  const std::vector<double> codes{5, 4, 2, 2, 1, 4, 4};
  const auto plain = one_group(codes, {}, scale);
  const auto weighted = one_group(codes, std::vector<double>(codes.size(), 2.5), scale);
  EXPECT_DOUBLE_EQ(*weighted.rate, *plain.rate);
  EXPECT_EQ(*weighted.rate_interval, *plain.rate_interval);
  EXPECT_DOUBLE_EQ(weighted.effective_size, 7.0);
  EXPECT_DOUBLE_EQ(weighted.weight_total, 17.5);
}

TEST(Rates, WeightedRateUsesKishEffectiveSize) {
  const auto scale = ms::ResponseScale::likert(5);
  const std::vector<double> codes{5, 4, 2, 1};
  const std::vector<double> w{1, 3, 1, 1};
  const auto e = one_group(codes, w, scale);
  EXPECT_DOUBLE_EQ(*e.rate, 4.0 / 6.0);
  const double n_eff = 36.0 / 12.0;
  EXPECT_DOUBLE_EQ(e.effective_size, n_eff);
  const auto ci = ms::proportion_interval(4.0 / 6.0 * n_eff, n_eff);
  EXPECT_NEAR(e.rate_interval->low, ci.low, 1e-14);
  EXPECT_NEAR(e.rate_interval->high, ci.high, 1e-14);
  // Weighted mean score (100·1 + 75·3 + 25 + 0) / 6.
  EXPECT_DOUBLE_EQ(*e.score.mean, 350.0 / 6.0);
}

TEST(Rates, ClipCutsBothIntervals) {
  const auto scale = ms::ResponseScale::likert(5);
  ms::RateOptions clip;
  clip.clip = true;
  clip.method = ms::IntervalMethod::Wald;
  const auto raw = one_group({5, 1}, {}, scale, ms::RateOptions{ms::IntervalMethod::Wald, 0.95, false, ms::DontKnowPolicy::Exclude});
  const auto cut = one_group({5, 1}, {}, scale, clip);
  EXPECT_LT(raw.rate_interval->low, 0.0);
  EXPECT_LT(raw.score.interval->low, 0.0) << "t interval of two scores 0 and 100";
  EXPECT_GT(raw.score.interval->high, 100.0);
  EXPECT_EQ(cut.rate_interval->low, 0.0);
  EXPECT_EQ(cut.rate_interval->high, 1.0);
  EXPECT_EQ(cut.score.interval->low, 0.0);
  EXPECT_EQ(cut.score.interval->high, 100.0);
}

TEST(Rates, EmptyGroupsHaveNoRate) {
  const auto scale = ms::ResponseScale::likert(5).with_dont_know(9);
  const auto e = one_group({NaN, 9, NaN}, {}, scale);
  EXPECT_EQ(e.responses, 3u);
  EXPECT_EQ(e.denominator, 0u);
  EXPECT_FALSE(e.rate);
  EXPECT_FALSE(e.rate_interval);
  EXPECT_FALSE(e.score.mean);
}

TEST(Rates, GroupsAreSeparate) {
  const auto scale = ms::ResponseScale::three_level();
  const std::vector<double> codes{3, 1, 2, 3, 3, 1};
  const std::vector<std::int64_t> groups{0, 0, 1, 1, 2, 2};
  const auto out = ms::grouped_rates(codes, groups, 4, {}, scale);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_DOUBLE_EQ(*out[0].rate, 0.5);
  EXPECT_DOUBLE_EQ(*out[1].rate, 1.0);
  EXPECT_DOUBLE_EQ(*out[2].rate, 0.5);
  EXPECT_FALSE(out[3].rate);
  EXPECT_DOUBLE_EQ(*out[1].score.mean, 75.0);
}

TEST(Rates, RejectsBadInput) {
  const auto scale = ms::ResponseScale::likert(5);
  const std::vector<double> codes{1, 2};
  EXPECT_EQ(code_of([&] { (void)ms::grouped_rates(codes, std::vector<std::int64_t>{0}, 1, {}, scale); }), "rates.shape");
  EXPECT_EQ(code_of([&] { (void)ms::grouped_rates(codes, std::vector<std::int64_t>{0, 1}, 1, {}, scale); }), "rates.shape");
  EXPECT_EQ(code_of([&] { (void)ms::grouped_rates(codes, std::vector<std::int64_t>{0, -1}, 1, {}, scale); }), "rates.shape");
  EXPECT_EQ(code_of([&] { (void)ms::grouped_rates(codes, std::vector<std::int64_t>{0, 0}, 1, std::vector<double>{1}, scale); }),
            "rates.shape");
  EXPECT_EQ(code_of([&] { (void)one_group({1, 2}, {1, 0}, scale); }), "weights.invalid");
  EXPECT_EQ(code_of([&] { (void)one_group({1, NaN}, {1, -1}, scale); }), "weights.invalid") << "missing answers' weights are checked too";
  ms::RateOptions bad_level;
  bad_level.confidence = 1.2;
  EXPECT_EQ(code_of([&] { (void)one_group({1, 2}, {}, scale, bad_level); }), "interval.level");
  try {
    (void)one_group({1, 2, 7}, {}, scale);
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "scale.unknown_code");
    EXPECT_EQ(e.where().entity, "answer 2") << e.what();
  }
}

TEST(Rates, ByTargetAndPeriodFromSurveyResponses) {
  const auto scale = ms::ResponseScale::three_level().with_dont_know(9, "不了解");
  auto response = [](std::uint32_t id, massline::SurveyTarget target, Period period, std::vector<ItemScore> items,
                     double weight = 1.0) {
    SurveyResponse r;
    r.id = massline::SurveyResponseId{id};
    r.respondent = massline::HouseholdId{id};
    r.target = target;
    r.period = period;
    r.items = std::move(items);
    r.weight = weight;
    return r;
  };
  const auto y24 = Period::year(2024);
  const auto y25 = Period::year(2025);
  const std::vector<SurveyResponse> responses{
      response(1, OrgId{2}, y24, {{"overall", 3.0, false}}),
      response(2, OrgId{2}, y24, {{"overall", 1.0, false}}),
      response(3, OrgId{2}, y25, {{"overall", 2.0, false}}),
      response(4, MemberId{2}, y24, {{"overall", std::nullopt, true}}),
      response(5, MemberId{2}, y24, {{"other", 3.0, false}}),
      response(6, OrgId{1}, y24, {{"overall", 3.0, false}}, 2.0),
  };
  const auto out = ms::rates_by_target_period(responses, scale, "overall");
  ASSERT_EQ(out.size(), 4u);
  // Ordered by target (by variant alternative: SurveyTarget lists MemberId first), then period.
  EXPECT_EQ(std::get<MemberId>(out[0].target), MemberId{2});
  EXPECT_EQ(out[0].estimate.dont_know, 1u);
  EXPECT_EQ(out[0].estimate.missing, 1u) << "a response without the item is missing";
  EXPECT_FALSE(out[0].estimate.rate);
  EXPECT_EQ(std::get<OrgId>(out[1].target), OrgId{1});
  EXPECT_DOUBLE_EQ(out[1].estimate.weight_total, 2.0);
  EXPECT_EQ(std::get<OrgId>(out[2].target), OrgId{2});
  EXPECT_EQ(out[2].period, y24);
  EXPECT_DOUBLE_EQ(*out[2].estimate.rate, 0.5);
  EXPECT_EQ(out[3].period, y25);
  EXPECT_DOUBLE_EQ(*out[3].estimate.rate, 1.0);

  auto broken = responses;
  broken[0].weight = 0.0;
  EXPECT_EQ(code_of([&] { (void)ms::rates_by_target_period(broken, scale, "overall"); }), "model.survey_response");

  // A group whose total weight is beyond the largest double: located at that group.
  auto heavy = responses;
  heavy[2].weight = 1e308;
  heavy.push_back(response(7, OrgId{2}, y25, {{"overall", 3.0, false}}, 1e308));
  try {
    (void)ms::rates_by_target_period(heavy, scale, "overall");
    ADD_FAILURE() << "expected weights.overflow";
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "weights.overflow");
    EXPECT_EQ(e.where().entity, "organization 2 " + y25.label()) << e.what();
    EXPECT_EQ(e.where().field, "weight");
  }
}

TEST(RatesMagnitudes, WeightsOfAnyMagnitudeGiveTheSameRate) {
  const auto scale = ms::ResponseScale::likert(5).with_dont_know(9);
  const std::vector<double> codes{5, 4, 2, 1, 5, 9, 3};
  const std::vector<double> base{1.0, 2.0, 0.5, 3.0, 1.25, 0.75, 1.5};
  ms::RateOptions options;
  options.dont_know = ms::DontKnowPolicy::CountAsNotSatisfied;
  const auto expected = one_group(codes, base, scale, options);
  for (const double factor : {1e200, 1e155, 1e-160, 1e-300, 1e-308}) {
    std::vector<double> w;
    for (double b : base) w.push_back(b * factor);
    const auto got = one_group(codes, w, scale, options);
    ASSERT_TRUE(got.rate && got.rate_interval) << factor;
    EXPECT_NEAR(*got.rate, *expected.rate, 1e-14) << factor;
    EXPECT_NEAR(got.effective_size, expected.effective_size, 1e-12) << factor;
    EXPECT_NEAR(got.rate_interval->low, expected.rate_interval->low, 1e-12) << factor;
    EXPECT_NEAR(got.weight_total / factor, expected.weight_total, 1e-12 * expected.weight_total) << factor;
    ASSERT_TRUE(got.score.mean) << factor;
    EXPECT_NEAR(*got.score.mean, *expected.score.mean, 1e-12) << factor;
  }
}

TEST(RatesMagnitudes, SubnormalAndMixedWeights) {
  const auto scale = ms::ResponseScale::likert(5);
  // Subnormal weights: their squares are 0 in double; the rate and n_eff must not notice.
  const auto tiny = one_group({5, 1, 4, 2}, {1e-310, 1e-310, 2e-310, 2e-310}, scale);
  const auto unit = one_group({5, 1, 4, 2}, {1.0, 1.0, 2.0, 2.0}, scale);
  ASSERT_TRUE(tiny.rate && unit.rate);
  EXPECT_NEAR(*tiny.rate, *unit.rate, 1e-12);
  EXPECT_NEAR(tiny.effective_size, unit.effective_size, 1e-12);
  // Mixed: a weight of 1e-310 next to ones is negligible, not a NaN.
  const auto mixed = one_group({5, 1, 4}, {1.0, 1.0, 1e-310}, scale);
  ASSERT_TRUE(mixed.rate);
  EXPECT_NEAR(*mixed.rate, 0.5, 1e-15);
  EXPECT_NEAR(mixed.effective_size, 2.0, 1e-12);
}

TEST(RatesMagnitudes, UnrepresentableTotalIsALocatedError) {
  const auto scale = ms::ResponseScale::likert(5);
  // Σw = 2e308 is beyond the largest double: weight_total cannot be reported.
  const std::vector<double> codes{5, 1, 4, 2};
  const std::vector<std::int64_t> groups{0, 0, 1, 1};
  try {
    (void)ms::grouped_rates(codes, groups, 2, std::vector<double>{1.0, 1.0, 1e308, 1e308}, scale);
    FAIL() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "weights.overflow");
    EXPECT_NE(std::string(e.what()).find("group 1"), std::string::npos) << e.what();
  }
  // 1e308 and a half: representable, and the rate is exact.
  const auto big = one_group({5, 1}, {1e308, 5e307}, scale);
  ASSERT_TRUE(big.rate);
  EXPECT_NEAR(*big.rate, 2.0 / 3.0, 1e-15);
  EXPECT_DOUBLE_EQ(big.weight_total, 1.5e308);
}
