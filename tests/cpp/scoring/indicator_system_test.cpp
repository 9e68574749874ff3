#include <massline/scoring/indicator_system.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ms = massline::scoring;
using ms::Direction;
using ms::IndicatorLeaf;
using ms::IndicatorSource;
using ms::IndicatorSystem;

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

// overall (fixed .6/.4)
//   service (equal): satisfaction [score], complaints [min-max, cost]
//   outreach (AHP 3:1): coverage [bounds 0..1], feedback [bounds .5..1]
IndicatorSystem example() {
  IndicatorSystem s("overall");
  const auto service = s.add_group(s.root(), "service");
  const auto outreach = s.add_group(s.root(), "outreach");
  s.add_leaf(service, "satisfaction", IndicatorLeaf::score(IndicatorSource::SurveyItem, "overall"));
  s.add_leaf(service, "complaints", IndicatorLeaf::relative(IndicatorSource::ObjectiveMetric, Direction::Cost));
  s.add_leaf(outreach, "coverage", IndicatorLeaf::bounded(IndicatorSource::ObjectiveMetric, 0, 1));
  s.add_leaf(outreach, "feedback", IndicatorLeaf::bounded(IndicatorSource::ObjectiveMetric, 0.5, 1.0));
  s.set_weighting(s.root(), ms::FixedWeights{{0.6, 0.4}});
  s.set_weighting(outreach, ms::AhpWeights{ms::pairwise_from_upper(2, {3}), {}});
  return s;
}
Eigen::MatrixXd values() {
  Eigen::MatrixXd v(3, 4);
  v << 80, 2, 0.9, 1.0,  //
      60, 6, 0.5, 0.75,  //
      90, 4, 1.0, 0.4;
  return v;
}
}  // namespace

TEST(IndicatorSystem, ScoresByHand) {
  const auto s = example();
  const auto r = s.evaluate(values());
  const auto col = [&](const char* name) { return r.scores.col(static_cast<Eigen::Index>(s.find(name))); };
  EXPECT_TRUE(col("complaints").isApprox(Eigen::Vector3d(100, 0, 50)));
  EXPECT_TRUE(col("feedback").isApprox(Eigen::Vector3d(100, 50, 0))) << "0.4 is below the lower bound: clamped to 0";
  EXPECT_TRUE(col("service").isApprox(Eigen::Vector3d(90, 30, 70)));
  EXPECT_TRUE(col("outreach").isApprox(Eigen::Vector3d(92.5, 50, 75)));
  EXPECT_TRUE(col("overall").isApprox(Eigen::Vector3d(91, 38, 72))) << col("overall").transpose();
  const auto gw = [&](const char* name) { return r.global_weights(static_cast<Eigen::Index>(s.find(name))); };
  EXPECT_NEAR(gw("satisfaction"), 0.3, 1e-15);
  EXPECT_NEAR(gw("coverage"), 0.3, 1e-15);
  EXPECT_NEAR(gw("feedback"), 0.1, 1e-15);
  EXPECT_EQ(gw("overall"), 1.0);
  ASSERT_TRUE(r.ahp[s.find("outreach")]);
  EXPECT_NEAR(r.ahp[s.find("outreach")]->weights(0), 0.75, 1e-14);
  EXPECT_FALSE(r.ahp[s.find("service")]);
}

TEST(IndicatorSystem, EntropyAndCombinedWeightsUseChildScores) {
  auto s = example();
  const auto service = s.find("service");
  s.set_weighting(service, ms::EntropyWeights{});
  const auto r = s.evaluate(values());
  Eigen::MatrixXd child(3, 2);
  child << 80, 100, 60, 0, 90, 50;
  const Eigen::VectorXd w = ms::entropy_weights(child);
  EXPECT_NEAR(r.local_weights(static_cast<Eigen::Index>(s.find("satisfaction"))), w(0), 1e-14);
  EXPECT_NEAR(r.scores(0, static_cast<Eigen::Index>(service)), w(0) * 80 + w(1) * 100, 1e-12);

  s.set_weighting(service, ms::CombinedWeights{ms::FixedWeights{{1, 3}}, {}, ms::WeightCombination::Multiplicative, 0});
  const auto rc = s.evaluate(values());
  const Eigen::VectorXd wc = ms::combine_multiplicative(Eigen::Vector2d(1, 3), w);
  EXPECT_NEAR(rc.local_weights(static_cast<Eigen::Index>(s.find("complaints"))), wc(1), 1e-14);
  s.set_weighting(service, ms::CombinedWeights{ms::AhpWeights{ms::pairwise_from_upper(2, {3}), {}}, {},
                                               ms::WeightCombination::Linear, 0.5});
  const auto rl = s.evaluate(values());
  EXPECT_NEAR(rl.local_weights(static_cast<Eigen::Index>(s.find("satisfaction"))), 0.5 * 0.75 + 0.5 * w(0), 1e-14);
  EXPECT_TRUE(rl.ahp[service]);
}

TEST(IndicatorSystem, MissingValues) {
  const auto s = example();
  Eigen::MatrixXd v = values();
  v(1, 0) = NAN;
  EXPECT_EQ(code_of([&] { (void)s.evaluate(v); }), "indicator.missing");
  const auto r = s.evaluate(v, ms::MissingPolicy::Reweight);
  const auto service = static_cast<Eigen::Index>(s.find("service"));
  EXPECT_EQ(r.scores(1, service), 0.0) << "only complaints (score 0) is present";
  EXPECT_EQ(r.scores(0, service), 90.0);
  v(1, 1) = NAN;
  const auto r2 = s.evaluate(v, ms::MissingPolicy::Reweight);
  EXPECT_TRUE(std::isnan(r2.scores(1, service)));
  EXPECT_NEAR(r2.scores(1, 0), 50.0, 1e-12) << "overall falls back on outreach alone";
  // Entropy needs complete columns.
  auto e = example();
  e.set_weighting(e.find("service"), ms::EntropyWeights{});
  try {
    (void)e.evaluate(v, ms::MissingPolicy::Reweight);
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& err) {
    EXPECT_EQ(err.code(), "indicator.missing");
    EXPECT_EQ(err.where().entity, "indicator 'service'");
  }
}

TEST(IndicatorSystem, LeafValueChecks) {
  auto s = example();
  Eigen::MatrixXd v = values();
  v(0, 0) = 120;
  EXPECT_EQ(code_of([&] { (void)s.evaluate(v); }), "indicator.value");
  v = values();
  v.col(1).setConstant(3);
  EXPECT_EQ(code_of([&] { (void)s.evaluate(v); }), "indicator.constant_leaf");
  IndicatorSystem t("root");
  t.add_leaf(t.root(), "a", IndicatorLeaf::relative(IndicatorSource::ObjectiveMetric, Direction::Benefit, 100.0));
  EXPECT_TRUE(t.evaluate(Eigen::MatrixXd::Constant(3, 1, 7.0)).scores.col(0).isApprox(Eigen::Vector3d::Constant(100)));
  v = values();
  v(2, 3) = INFINITY;
  EXPECT_EQ(code_of([&] { (void)s.evaluate(v); }), "indicator.value");
  EXPECT_EQ(code_of([&] { (void)s.evaluate(Eigen::MatrixXd::Ones(3, 3)); }), "indicator.shape");
  // Cost direction on an Identity leaf: 100 − value.
  IndicatorSystem c("root");
  c.add_leaf(c.root(), "dissatisfaction", IndicatorLeaf::score(IndicatorSource::SurveyItem, "", Direction::Cost));
  EXPECT_EQ(c.evaluate(Eigen::MatrixXd::Constant(1, 1, 30)).scores(0, 0), 70.0);
}

TEST(IndicatorSystem, StructureErrors) {
  IndicatorSystem s("root");
  const auto leaf = s.add_leaf(s.root(), "a", IndicatorLeaf::score(IndicatorSource::SurveyItem));
  EXPECT_EQ(code_of([&] { s.add_group(leaf, "b"); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { s.add_group(s.root(), "a"); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { s.add_group(s.root(), ""); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { s.add_group(99, "c"); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { s.set_weighting(leaf, ms::EqualWeights{}); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { (void)s.find("zzz"); }), "indicator.unknown");
  EXPECT_EQ(code_of([&] { (void)s.leaf(s.root()); }), "indicator.structure");
  EXPECT_EQ(code_of([&] { s.add_leaf(s.root(), "x", IndicatorLeaf::bounded(IndicatorSource::ObjectiveMetric, 1, 1)); }),
            "indicator.leaf");
  EXPECT_EQ(code_of([&] { s.add_leaf(s.root(), "y", IndicatorLeaf::relative(IndicatorSource::ObjectiveMetric, Direction::Cost, 150.0)); }),
            "indicator.leaf");
  s.add_group(s.root(), "empty");
  EXPECT_EQ(code_of([&] { s.check(); }), "indicator.structure") << "a group without children";

  auto t = example();
  t.set_weighting(t.root(), ms::FixedWeights{{1, 2, 3}});
  EXPECT_EQ(code_of([&] { t.check(); }), "indicator.structure");
  t.set_weighting(t.root(), ms::AhpWeights{ms::pairwise_from_upper(3, {1, 1, 1}), {}});
  EXPECT_EQ(code_of([&] { (void)t.evaluate(values()); }), "indicator.structure");
  // Values a weighting cannot hold are refused when set (check_weighting), naming the node.
  EXPECT_EQ(code_of([&] { t.set_weighting(t.root(), ms::CombinedWeights{ms::FixedWeights{{1, 1}}, {}, ms::WeightCombination::Linear, 2.0}); }),
            "weights.alpha");
  try {
    t.set_weighting(t.root(), ms::FixedWeights{{0, 0}});
    ADD_FAILURE();
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "weights.invalid");
    EXPECT_EQ(e.where().entity, "indicator 'overall'");
  }
}

TEST(IndicatorSystem, Queries) {
  const auto s = example();
  EXPECT_EQ(s.size(), 7u);
  EXPECT_EQ(s.leaves(), (std::vector<std::size_t>{3, 4, 5, 6}));
  EXPECT_EQ(s.children(s.root()).size(), 2u);
  EXPECT_EQ(*s.parent(s.find("coverage")), s.find("outreach"));
  EXPECT_FALSE(s.parent(s.root()));
  EXPECT_TRUE(s.is_leaf(s.find("feedback")));
  EXPECT_EQ(s.leaf(s.find("satisfaction")).key, "overall");
  EXPECT_EQ(s.name(2), "outreach");
  EXPECT_TRUE(std::holds_alternative<ms::FixedWeights>(s.weighting(s.root())));
}

TEST(IndicatorSystem, NamesAreIndexed) {
  IndicatorSystem s("r");
  for (int i = 0; i < 1000; ++i) (void)s.add_group(s.root(), "g" + std::to_string(i));
  EXPECT_EQ(s.find("g999"), 1000U);
  try {
    (void)s.add_group(s.root(), "g5");
    FAIL() << "duplicate accepted";
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.code(), "indicator.structure");
  }
  EXPECT_EQ(s.size(), 1001U);  // refused, unchanged
  EXPECT_THROW((void)s.find("g5000"), massline::NotFound);
}
