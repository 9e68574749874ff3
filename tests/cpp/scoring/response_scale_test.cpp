#include <massline/scoring/response_scale.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ms = massline::scoring;
using ms::AnswerKind;
using ms::ResponseScale;

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
std::vector<double> satisfied_codes(const ResponseScale& s) {
  std::vector<double> out;
  for (const auto& c : s.categories())
    if (c.satisfied) out.push_back(c.code);
  return out;
}
}  // namespace

TEST(ResponseScale, LikertDefaultsAreLinearScoresAndTheFavourableHalf) {
  const auto five = ResponseScale::likert(5);
  ASSERT_EQ(five.categories().size(), 5u);
  const double expected_scores[] = {0, 25, 50, 75, 100};
  for (std::size_t r = 0; r < 5; ++r) {
    EXPECT_EQ(five.categories()[r].code, static_cast<double>(r + 1));
    EXPECT_DOUBLE_EQ(five.categories()[r].score, expected_scores[r]) << r;
  }
  EXPECT_EQ(satisfied_codes(five), (std::vector<double>{4, 5}));
  EXPECT_EQ(satisfied_codes(ResponseScale::likert(3)), (std::vector<double>{3}));
  EXPECT_EQ(satisfied_codes(ResponseScale::likert(4)), (std::vector<double>{3, 4}));
  EXPECT_EQ(satisfied_codes(ResponseScale::likert(7)), (std::vector<double>{5, 6, 7}));
  EXPECT_EQ(satisfied_codes(ResponseScale::likert(10)), (std::vector<double>{6, 7, 8, 9, 10}));
  EXPECT_EQ(satisfied_codes(ResponseScale::likert(11, 0)), (std::vector<double>{6, 7, 8, 9, 10}));  // 0..10
  EXPECT_NEAR(ResponseScale::likert(10).classify(4.0).score.value(), 100.0 / 3.0, 1e-12);
}

TEST(ResponseScale, TopBoxAndExplicitSatisfiedSets) {
  const auto five = ResponseScale::likert(5);
  EXPECT_EQ(satisfied_codes(five.with_top_box(1)), (std::vector<double>{5}));
  EXPECT_EQ(satisfied_codes(five.with_top_box(3)), (std::vector<double>{3, 4, 5}));
  EXPECT_EQ(satisfied_codes(five.with_satisfied_codes({2, 5})), (std::vector<double>{2, 5}));
  EXPECT_EQ(code_of([&] { (void)five.with_top_box(0); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)five.with_top_box(6); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)five.with_satisfied_codes({6}); }), "scale.unknown_code");
}

TEST(ResponseScale, ReversedScaleWhereOneIsBest) {
  const auto s = ResponseScale::likert(5, 1, /*higher_is_better=*/false);
  EXPECT_DOUBLE_EQ(s.classify(1.0).score.value(), 100.0);
  EXPECT_DOUBLE_EQ(s.classify(5.0).score.value(), 0.0);
  EXPECT_EQ(satisfied_codes(s), (std::vector<double>{2, 1}));
}

TEST(ResponseScale, ThreeLevelChineseScale) {
  const auto basic = ResponseScale::three_level();
  EXPECT_TRUE(basic.classify_label("满意").satisfied);
  EXPECT_TRUE(basic.classify_label("基本满意").satisfied);
  EXPECT_FALSE(basic.classify_label("不满意").satisfied);
  EXPECT_DOUBLE_EQ(basic.classify_label("基本满意").score.value(), 50.0);
  const auto strict = ResponseScale::three_level(ms::ThreeLevelRule::SatisfiedOnly);
  EXPECT_FALSE(strict.classify(2.0).satisfied);
  EXPECT_TRUE(strict.classify(3.0).satisfied);
  const auto table = basic.with_scores({0, 60, 100});
  EXPECT_DOUBLE_EQ(table.classify_label("基本满意").score.value(), 60.0);
  const auto with_dk = basic.with_dont_know(9, "不了解");
  EXPECT_EQ(with_dk.classify_label("不了解").kind, AnswerKind::DontKnow);
  EXPECT_EQ(with_dk.classify_label("").kind, AnswerKind::Missing);
  EXPECT_EQ(code_of([&] { (void)with_dk.classify_label("还行"); }), "scale.unknown_code");
}

TEST(ResponseScale, DontKnowMissingAndUnknownCodes) {
  const auto s = ResponseScale::likert(5).with_dont_know(9);
  EXPECT_EQ(s.classify(9.0), (ms::ClassifiedAnswer{AnswerKind::DontKnow, std::nullopt, false}));
  EXPECT_EQ(s.classify(std::nan("")).kind, AnswerKind::Missing);
  EXPECT_EQ(s.classify(std::optional<double>{}).kind, AnswerKind::Missing);
  EXPECT_EQ(s.classify(4.0), (ms::ClassifiedAnswer{AnswerKind::Valid, 75.0, true}));
  try {
    (void)s.classify(6.0);
    ADD_FAILURE() << "code 6 accepted on a 1-5 scale";
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "scale.unknown_code");
    EXPECT_NE(e.why().find("don't know 9"), std::string::npos) << e.what();
  }
  EXPECT_EQ(code_of([&] { (void)s.with_dont_know(3); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)s.with_dont_know(9); }), "scale.invalid");
}

TEST(ResponseScale, ModelItemScores) {
  const auto s = ResponseScale::likert(5).with_dont_know(9);
  EXPECT_EQ(s.classify(massline::ItemScore{"q", std::nullopt, true}).kind, AnswerKind::DontKnow);
  EXPECT_EQ(s.classify(massline::ItemScore{"q", std::nullopt, false}).kind, AnswerKind::Missing);
  EXPECT_EQ(s.classify(massline::ItemScore{"q", 9.0, false}).kind, AnswerKind::DontKnow);
  EXPECT_TRUE(s.classify(massline::ItemScore{"q", 5.0, false}).satisfied);
}

TEST(ResponseScale, ContinuousScales) {
  const auto pct = ResponseScale::percent();
  EXPECT_DOUBLE_EQ(pct.classify(80.0).score.value(), 80.0);
  EXPECT_TRUE(pct.classify(80.0).satisfied);
  EXPECT_FALSE(pct.classify(50.0).satisfied) << "default: strictly above the midpoint";
  EXPECT_TRUE(pct.with_threshold(50.0).classify(50.0).satisfied);
  EXPECT_FALSE(pct.with_threshold(80.0, false).classify(80.0).satisfied);
  const auto slider = ResponseScale::continuous(0, 10).with_dont_know(-1);
  EXPECT_DOUBLE_EQ(slider.classify(7.5).score.value(), 75.0);
  EXPECT_EQ(slider.classify(-1.0).kind, AnswerKind::DontKnow);
  EXPECT_EQ(code_of([&] { (void)slider.classify(10.5); }), "scale.unknown_code");
  EXPECT_EQ(code_of([&] { (void)slider.with_dont_know(5); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)pct.with_threshold(120); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)pct.with_top_box(1); }), "scale.invalid");
  EXPECT_EQ(code_of([&] { (void)ResponseScale::likert(5).with_threshold(3); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::continuous(5, 5); }), "scale.invalid");
}

TEST(ResponseScale, RejectsMalformedScales) {
  EXPECT_EQ(code_of([] { (void)ResponseScale::ordinal({1}); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::ordinal({1, 2, 1}); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::ordinal({1, 2}, {"bad"}); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::ordinal({1, std::nan("")}); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::likert(1); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::likert(5).with_scores({0, 1, 2}); }), "scale.invalid");
  EXPECT_EQ(code_of([] { (void)ResponseScale::likert(3).with_scores({0, 50, 101}); }), "scale.invalid");
}

TEST(ResponseScale, LabelsAndNames) {
  const auto s = ResponseScale::ordinal({1, 2, 3}, {"bad", "ok", "good"}).with_name("service");
  EXPECT_EQ(s.name(), "service");
  EXPECT_EQ(s.classify_label("good"), (ms::ClassifiedAnswer{AnswerKind::Valid, 100.0, true}));
  EXPECT_EQ(ResponseScale::likert(5).categories()[2].label, "3");
  EXPECT_EQ(massline::to_name(AnswerKind::DontKnow), "dont_know");
}
