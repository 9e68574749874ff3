// appraise() on a hand-built registry whose figures are worked out below by hand, and the
// report writers on it: escaping, self-containment, both languages, JSON keys, atomic writing.
#include <massline/io/appraisal.hpp>
#include <massline/io/appraisal_report.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace massline::io {
namespace {

Date d(int y, int m, int day) { return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(day)); }

Organization org(std::string code, std::string name, OrgLevel level, std::optional<OrgId> parent) {
  Organization o;
  o.code = std::move(code);
  o.name = std::move(name);
  o.level = level;
  o.parent = parent;
  return o;
}

// Wilson score interval, typed here from its definition (not the library's code).
std::pair<double, double> wilson(double satisfied, double n, double z = 1.959963984540054) {
  const double p = satisfied / n, z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {centre - half, centre + half};
}

// county C -> township T -> community V -> grids A (households a1..a4) and B (b1..b4).
// 2025 answers to "overall" (1 不满意, 2 基本满意, 3 满意; 2 and 3 count as satisfied):
// grid A 3, 3, 2, 1 -> 3/4 = 75 %; grid B 3, 3, 3, 3 -> 4/4; so V, T and C 7/8 = 87.5 %.
// One 2024 answer (b1, code 1) lies outside the period. a1 and b1 are must-visit (four olds);
// b1 was visited in 2025, a1 was not; member m pairs with a1 (assistance), so a1 is covered and
// b1 is a must-visit household without a responsible member. One appeal registered at grid A
// on Monday 2025-12-01 is never sorted; the policy gives sorting 1 working day.
struct Fixture {
  Registry r;
  OrgId county, township, community, grid_a, grid_b;
  std::vector<HouseholdId> a, b;
  MemberId m;
  AppealId appeal;
  policy::PolicySet policy = policy::PolicySet::standard();

  explicit Fixture(const std::string& grid_a_name = "Grid A") {
    county = r.add(org("C", "County", OrgLevel::County, std::nullopt));
    township = r.add(org("T", "Township", OrgLevel::Township, county));
    community = r.add(org("V", "Village", OrgLevel::Community, township));
    grid_a = r.add(org("GA", grid_a_name, OrgLevel::Grid, community));
    grid_b = r.add(org("GB", "Grid B", OrgLevel::Grid, community));
    for (int i = 0; i < 4; ++i) {
      Household h;
      h.code = "a" + std::to_string(i + 1);
      h.unit = grid_a;
      if (i == 0) h.categories = {HouseholdCategory::FourOlds};
      a.push_back(r.add(h));
      h.code = "b" + std::to_string(i + 1);
      h.unit = grid_b;
      b.push_back(r.add(h));
    }
    Member member;
    member.code = "M";
    member.organization = community;
    member.capable_of_helping = true;
    member.kinds = {MemberKind::Rural};
    m = r.add(member);
    Pairing p;
    p.kind = PairingKind::Assistance;
    p.source = m;
    p.target = a[0];
    p.start = d(2025, 1, 1);
    r.add(p);
    Contact c;
    c.member = m;
    c.household = b[0];
    c.date = d(2025, 6, 1);
    r.add(c);
    const double grid_a_codes[] = {3, 3, 2, 1};
    for (int i = 0; i < 4; ++i) {
      add_response(a[static_cast<std::size_t>(i)], grid_a, Period::year(2025), grid_a_codes[i]);
      add_response(b[static_cast<std::size_t>(i)], grid_b, Period::year(2025), 3);
    }
    add_response(b[0], grid_b, Period::year(2024), 1);
    appeal = r.add(Appeal::registered_on(d(2025, 12, 1), grid_a));
    policy.deadlines.push_back({"sort.any", "", std::nullopt, std::nullopt, std::nullopt, AppealStage::Sorted, 1});
  }
  void add_response(HouseholdId who, OrgId target, Period period, double code) {
    SurveyResponse s;
    s.respondent = who;
    s.target = target;
    s.period = period;
    s.items = {{"overall", code, false}};
    r.add(s);
  }
  const UnitSatisfaction& row(const Appraisal& ap, OrgId unit) const {
    for (const auto& s : ap.satisfaction)
      if (s.unit == unit) return s;
    throw std::logic_error("no row for " + unit.to_string());
  }
};

template <class E, class Op>
E thrown_by(Op&& op) {
  try {
    op();
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "expected an exception";
  return E("none", "no exception", {}, "");
}

TEST(Appraisal, RatesIntervalsAndThresholdAgainstHandComputation) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025));
  EXPECT_TRUE(ap.has_responses);
  EXPECT_EQ(ap.responses, 8u);  // the 2024 response is outside the period
  EXPECT_EQ(ap.answers, 8u);
  EXPECT_EQ(ap.items, std::vector<std::string>{"overall"});
  EXPECT_EQ(ap.as_of, d(2025, 12, 31));
  EXPECT_DOUBLE_EQ(ap.threshold, 0.8);  // the standard policy's line
  ASSERT_EQ(ap.satisfaction.size(), 5u);  // every unit, every level

  const auto [a_low, a_high] = wilson(3, 4);
  const UnitSatisfaction& ga = f.row(ap, f.grid_a);
  EXPECT_EQ(ga.n, 4u);
  EXPECT_DOUBLE_EQ(ga.rate, 0.75);
  EXPECT_NEAR(ga.low, a_low, 1e-12);
  EXPECT_NEAR(ga.high, a_high, 1e-12);
  EXPECT_EQ(ga.verdict, scoring::Verdict::Flagged);
  EXPECT_EQ(ga.level, 4);
  EXPECT_EQ(ga.parent, f.community);
  ASSERT_TRUE(ga.mean_score.has_value());
  EXPECT_DOUBLE_EQ(*ga.mean_score, (100 + 100 + 50 + 0) / 4.0);

  const auto [c_low, c_high] = wilson(7, 8);
  for (OrgId unit : {f.community, f.township, f.county}) {
    const UnitSatisfaction& s = f.row(ap, unit);
    EXPECT_EQ(s.n, 8u) << unit.to_string();
    EXPECT_DOUBLE_EQ(s.rate, 0.875) << unit.to_string();
    EXPECT_NEAR(s.low, c_low, 1e-12) << unit.to_string();
    EXPECT_NEAR(s.high, c_high, 1e-12) << unit.to_string();
    EXPECT_EQ(s.verdict, scoring::Verdict::Clear) << unit.to_string();
  }
  EXPECT_DOUBLE_EQ(f.row(ap, f.grid_b).rate, 1.0);
  ASSERT_EQ(ap.under_threshold.size(), 1u);
  EXPECT_EQ(ap.under_threshold[0].unit, f.grid_a);

  // The threshold is the policy's: at 0.7 nobody is under it.
  f.policy.satisfaction_threshold = 0.7;
  EXPECT_TRUE(appraise(f.r, f.policy, Period::year(2025)).under_threshold.empty());
  // On the upper bound, grid A is not clearly below 80 % (its bound is above it).
  f.policy.satisfaction_threshold = 0.8;
  AppraisalOptions cautious;
  cautious.basis = scoring::AccountabilityBasis::UpperBound;
  ASSERT_GT(a_high, 0.8);
  EXPECT_TRUE(appraise(f.r, f.policy, Period::year(2025), cautious).under_threshold.empty());
}

TEST(Appraisal, RedAndBlackListsAtTheChosenLevel) {
  Fixture f;
  AppraisalOptions options;
  options.list_level = 4;
  options.red_count = 1;
  options.black_count = 1;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025), options);
  ASSERT_EQ(ap.red.size(), 1u);
  ASSERT_EQ(ap.black.size(), 1u);
  EXPECT_EQ(ap.red[0].unit, f.grid_b);
  EXPECT_EQ(ap.red[0].rank, 1u);
  EXPECT_EQ(ap.black[0].unit, f.grid_a);
  EXPECT_EQ(ap.black[0].rank, 2u);
  EXPECT_EQ(ap.black[0].list, scoring::ListMark::Black);
}

TEST(Appraisal, CoverageGapsOverdueAndCompliance) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025));
  EXPECT_EQ(ap.households, 8u);
  EXPECT_EQ(ap.covered_households, 1u);  // a1, through the assistance pairing
  ASSERT_EQ(ap.coverage.size(), 2u);
  EXPECT_EQ(ap.coverage[0].unit, f.grid_a);
  EXPECT_EQ(ap.coverage[0].households, 4u);
  EXPECT_EQ(ap.coverage[0].covered, 1u);
  EXPECT_EQ(ap.coverage[1].covered, 0u);
  EXPECT_EQ(ap.must_visit_households, 2u);
  EXPECT_EQ(ap.must_visit_covered, 1u);
  EXPECT_EQ(ap.must_visit_unpaired, std::vector<HouseholdId>{f.b[0]});
  // a1 was never visited in 2025; b1 was.
  ASSERT_EQ(ap.must_visit_gaps.size(), 1u);
  EXPECT_EQ(ap.must_visit_gaps[0].household, f.a[0]);
  EXPECT_EQ(ap.must_visit_gaps[0].household_code, "a1");
  EXPECT_EQ(ap.must_visit_gaps[0].rule, "visit.five_must_visit");
  EXPECT_EQ(ap.must_visit_gaps[0].required, 1);
  EXPECT_EQ(ap.must_visit_gaps[0].actual, 0);
  EXPECT_EQ(ap.must_visit_gaps[0].unit_name, "Grid A");

  // Sorting was due one working day after Monday 2025-12-01, on Tuesday 12-02; by Wednesday
  // 12-31 that is 29 calendar days and 21 working days (Dec 3-5, 8-12, 15-19, 22-26, 29-31).
  ASSERT_EQ(ap.overdue.size(), 1u);
  EXPECT_EQ(ap.overdue[0].appeal, f.appeal);
  EXPECT_EQ(ap.overdue[0].stage, AppealStage::Sorted);
  EXPECT_EQ(ap.overdue[0].due, d(2025, 12, 2));
  EXPECT_EQ(ap.overdue[0].days_overdue, 29);
  EXPECT_EQ(ap.overdue[0].working_days_overdue, 21);
  EXPECT_EQ(ap.overdue[0].unit_name, "Grid A");
  // As of the day it was due, nothing is overdue yet.
  AppraisalOptions early;
  early.as_of = d(2025, 12, 2);
  EXPECT_TRUE(appraise(f.r, f.policy, Period::year(2025), early).overdue.empty());

  ASSERT_EQ(ap.compliance.size(), 5u);  // every organisation
  for (const auto& c : ap.compliance) {
    EXPECT_LE(c.compliant, c.subjects) << c.unit.to_string();
    EXPECT_DOUBLE_EQ(c.share_compliant, c.subjects == 0 ? 1.0 : static_cast<double>(c.compliant) / static_cast<double>(c.subjects));
  }
  EXPECT_EQ(ap.compliance_subjects, ap.compliance[0].subjects);  // the county is the only root
  // a1 is short of its visit, so not every subject complies.
  EXPECT_LT(ap.compliance_compliant, ap.compliance_subjects);
}

TEST(Appraisal, NoResponsesInThePeriodIsFlaggedNotAnError) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2023));
  EXPECT_FALSE(ap.has_responses);
  EXPECT_EQ(ap.responses, 0u);
  EXPECT_TRUE(ap.satisfaction.empty());
  EXPECT_TRUE(ap.under_threshold.empty());
  EXPECT_TRUE(ap.red.empty());
  EXPECT_EQ(ap.households, 8u);  // the rest is still there
  const std::string zh = appraisal_html(ap, ReportLanguage::Chinese);
  EXPECT_NE(zh.find("本期没有群众满意度问卷"), std::string::npos);
  const std::string en = appraisal_html(ap, ReportLanguage::English);
  EXPECT_NE(en.find("No survey responses in this period"), std::string::npos);
  EXPECT_NE(appraisal_json(ap).find("\"has_responses\": false"), std::string::npos);
  // An empty registry too.
  const Appraisal empty = appraise(Registry{}, f.policy, Period::year(2025));
  EXPECT_FALSE(empty.has_responses);
  EXPECT_EQ(empty.households, 0u);
  EXPECT_FALSE(appraisal_html(empty).empty());
}

TEST(Appraisal, BadInputIsLocated) {
  Fixture f;
  AppraisalOptions before;
  before.as_of = d(2024, 12, 31);
  const auto as_of = thrown_by<InvalidArgument>([&] { (void)appraise(f.r, f.policy, Period::year(2025), before); });
  EXPECT_EQ(as_of.code(), "appraisal.as_of");
  EXPECT_NE(std::string(as_of.what()).find("2024-12-31"), std::string::npos) << as_of.what();

  AppraisalOptions item;
  item.items = {"overall", "parking"};
  const auto unknown = thrown_by<InvalidArgument>([&] { (void)appraise(f.r, f.policy, Period::year(2025), item); });
  EXPECT_EQ(unknown.code(), "appraisal.item");
  EXPECT_NE(std::string(unknown.what()).find("parking"), std::string::npos) << unknown.what();
  EXPECT_NE(std::string(unknown.what()).find("items[1]"), std::string::npos) << unknown.what();

  AppraisalOptions confidence;
  confidence.confidence = 1.0;
  EXPECT_EQ(thrown_by<InvalidArgument>([&] { (void)appraise(f.r, f.policy, Period::year(2025), confidence); }).code(),
            "appraisal.options");
  AppraisalOptions level;
  level.list_level = 5;
  EXPECT_EQ(thrown_by<InvalidArgument>([&] { (void)appraise(f.r, f.policy, Period::year(2025), level); }).code(),
            "appraisal.options");
  policy::PolicySet bad = f.policy;
  bad.satisfaction_threshold = 1.5;
  EXPECT_EQ(thrown_by<InvalidArgument>([&] { (void)appraise(f.r, bad, Period::year(2025)); }).code(), "policy.value");
  // A bad period cannot be made at all.
  EXPECT_EQ(thrown_by<InvalidArgument>([&] { (void)Period(d(2025, 2, 1), d(2025, 1, 1)); }).code(), "period.invalid");
  // An answer off the scale names the response.
  f.add_response(f.a[1], f.grid_a, Period::year(2025), 7);
  const auto off = thrown_by<InvalidArgument>([&] { (void)appraise(f.r, f.policy, Period::year(2025)); });
  EXPECT_NE(std::string(off.what()).find("survey response"), std::string::npos) << off.what();
}

TEST(AppraisalReport, EscapesEveryPieceOfData) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  Fixture f("<script>alert('x')</script>");
  AppraisalOptions options;
  options.list_level = 4;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025), options);
  for (ReportLanguage lang : {ReportLanguage::Chinese, ReportLanguage::English}) {
    const std::string html = appraisal_html(ap, lang);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  }
  EXPECT_EQ(appraisal_text(ap, ReportLanguage::English).find("Grid A"), std::string::npos);
}

TEST(AppraisalReport, SelfContainedAndInBothLanguages) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025));
  const std::string zh = appraisal_html(ap, ReportLanguage::Chinese);
  const std::string en = appraisal_html(ap, ReportLanguage::English);
  for (const std::string* html : {&zh, &en}) {
    for (const char* outside : {"http://", "https://", "src=", "href=", "<script", "<link", "@import", "url("})
      EXPECT_EQ(html->find(outside), std::string::npos) << outside;
    EXPECT_EQ(html->rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html->find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html->find("<svg"), std::string::npos);
    EXPECT_NE(html->find("Grid A"), std::string::npos);
    EXPECT_NE(html->find("</html>"), std::string::npos);
  }
  for (const char* title : {"各单位满意度", "满意度低于阈值的单位", "红榜", "黑榜", "联系覆盖", "必访户走访缺口", "逾期诉求", "制度落实情况"})
    EXPECT_NE(zh.find(title), std::string::npos) << title;
  for (const char* title : {"Satisfaction by unit", "Units under the threshold", "Red list", "Black list", "Coverage",
                            "Must-visit gaps", "Overdue appeals", "Compliance"})
    EXPECT_NE(en.find(title), std::string::npos) << title;
  EXPECT_EQ(en.find("满意度"), std::string::npos);  // no Chinese label leaks into English
  EXPECT_NE(zh.find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(en.find("lang=\"en\""), std::string::npos);

  const std::string text = appraisal_text(ap, ReportLanguage::English);
  EXPECT_NE(text.find("Units under the threshold (accountability): 1"), std::string::npos) << text;
  EXPECT_NE(text.find("Grid A"), std::string::npos) << text;
  EXPECT_NE(appraisal_text(ap).find("逾期诉求: 1"), std::string::npos);
}

TEST(AppraisalReport, JsonKeysAndValues) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025));
  const std::string json = appraisal_json(ap);
  for (const char* key : {"\"format\": \"massline.appraisal\"", "\"version\": 1", "\"period\"", "\"as_of\": \"2025-12-31\"",
                          "\"threshold\": 0.8", "\"satisfaction\"", "\"under_threshold\"", "\"lists\"", "\"coverage\"",
                          "\"must_visit\"", "\"gaps\"", "\"overdue_appeals\"", "\"compliance\"", "\"verdict\": \"flagged\"",
                          "\"rate\": 0.75", "\"stage\": \"sorted\"", "\"due\": \"2025-12-02\""})
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  // Bytes that are not UTF-8 in the registry still give valid UTF-8 output.
  Fixture g("bad\xff name");
  const Appraisal bad = appraise(g.r, g.policy, Period::year(2025));
  EXPECT_NE(appraisal_json(bad).find("bad\\\\xFF name"), std::string::npos) << appraisal_json(bad);
  EXPECT_NE(appraisal_html(bad).find("bad\\xFF name"), std::string::npos);
}

TEST(AppraisalReport, WritesAtomicallyAndSaysWhereItFailed) {
  Fixture f;
  const Appraisal ap = appraise(f.r, f.policy, Period::year(2025));
  const test_support::TempDir dir("massline_appraisal");
  const auto path = dir.path() / "report.html";
  write_appraisal_html(ap, path, ReportLanguage::English);
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), appraisal_html(ap, ReportLanguage::English));
  const auto missing = dir.path() / "no such dir" / "report.html";
  const auto e = thrown_by<ParseError>([&] { write_appraisal_html(ap, missing); });
  EXPECT_EQ(e.code(), "report.write");
  EXPECT_NE(std::string(e.what()).find("no such dir"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace massline::io
