// Raking. R's survey::rake() is the oracle in python/tests/test_scoring_raking.py; here the
// closed-form and structural properties of iterative proportional fitting are checked.
#include <massline/scoring/raking.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ms = massline::scoring;

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
std::vector<double> margin(const ms::RakingVariable& v, const std::vector<double>& w) {
  std::vector<double> m(v.target.size(), 0.0);
  for (std::size_t i = 0; i < w.size(); ++i) m[v.category[i]] += w[i];
  return m;
}
}  // namespace

TEST(Raking, OneVariableIsPostStratification) {
  const std::vector<ms::RakingVariable> vars{{"sex", {0, 0, 1, 1, 1}, {60, 40}}};
  const std::vector<double> base{1, 2, 1, 1, 2};
  const auto r = ms::rake(vars, base);
  EXPECT_EQ(r.iterations, 1u);
  const std::vector<double> expected{20, 40, 10, 10, 20};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(r.weights[i], expected[i], 1e-12) << i;
}

TEST(Raking, TwoByTwoClosedForm) {
  // One respondent per cell; rows (3, 1), columns (2, 2): w_ij = a_i b_j with a = (1.5, .5), b = (1, 1).
  const std::vector<ms::RakingVariable> vars{{"row", {0, 0, 1, 1}, {3, 1}}, {"col", {0, 1, 0, 1}, {2, 2}}};
  const auto r = ms::rake(vars, {});
  const std::vector<double> expected{1.5, 1.5, 0.5, 0.5};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(r.weights[i], expected[i], 1e-9) << i;
}

TEST(Raking, MeetsEveryMarginAndKeepsWithinCellRatios) {
  // 3 × 4 design with uneven cells and base weights.
  std::vector<std::uint32_t> a, b;
  std::vector<double> base;
  for (std::uint32_t i = 0; i < 60; ++i) {
    a.push_back(i % 3);
    b.push_back((i * 7 + i / 5) % 4);
    base.push_back(1.0 + (i % 5) * 0.25);
  }
  const std::vector<ms::RakingVariable> vars{{"a", a, {500, 300, 200}}, {"b", b, {100, 400, 250, 250}}};
  ms::RakingOptions options;
  options.tolerance = 1e-12;
  const auto r = ms::rake(vars, base, options);
  EXPECT_LE(r.max_deviation, 1e-12);
  for (const auto& v : vars) {
    const auto m = margin(v, r.weights);
    for (std::size_t c = 0; c < m.size(); ++c) EXPECT_NEAR(m[c], v.target[c], 1e-9) << v.name << " " << c;
  }
  // IPF multiplies every respondent of a (a, b) cell by the same factor.
  for (std::size_t i = 0; i < 60; ++i)
    for (std::size_t j = 0; j < 60; ++j) {
      if (a[i] == a[j] && b[i] == b[j]) {
        EXPECT_NEAR(r.weights[i] / base[i], r.weights[j] / base[j], 1e-9) << i << "," << j;
      }
    }
}

TEST(Raking, ZeroTargetZeroesItsCategory) {
  const std::vector<ms::RakingVariable> vars{{"x", {0, 1, 1, 2}, {0, 5, 5}}};
  const auto r = ms::rake(vars, {});
  EXPECT_EQ(r.weights[0], 0.0);
  EXPECT_NEAR(r.weights[1] + r.weights[2], 5.0, 1e-12);
}

TEST(Raking, IncompatibleMarginsDoNotConverge) {
  // The two variables are identical in the sample, so their margins cannot both be met.
  const std::vector<ms::RakingVariable> vars{{"a", {0, 0, 1, 1}, {50, 50}}, {"b", {0, 0, 1, 1}, {30, 70}}};
  ms::RakingOptions options;
  options.max_iterations = 25;
  try {
    (void)ms::rake(vars, {}, options);
    ADD_FAILURE() << "converged on incompatible margins";
  } catch (const massline::ConvergenceError& e) {
    EXPECT_EQ(e.code(), "raking.no_convergence");
    EXPECT_NE(e.why().find("25 sweeps"), std::string::npos) << e.what();
  }
}

TEST(Raking, RejectsInvalidInput) {
  using V = std::vector<ms::RakingVariable>;
  EXPECT_EQ(code_of([] { (void)ms::rake(V{}, {}); }), "raking.invalid");
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 2}, {1, 1}}}, {}); }), "raking.invalid") << "category beyond margin";
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {1, -1}}}, {}); }), "raking.invalid") << "negative target";
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {0, 0}}}, {}); }), "raking.invalid") << "zero total";
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {1, 1}}, {"b", {0}, {2}}}, {}); }), "raking.invalid") << "lengths";
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {1, 1}}, {"b", {0, 0}, {3}}}, {}); }), "raking.invalid") << "totals";
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 0}, {1, 1}}}, {}); }), "raking.empty_cell");
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {1, 1}}}, std::vector<double>{1}); }), "raking.invalid");
  EXPECT_EQ(code_of([] { (void)ms::rake(V{{"a", {0, 1}, {1, 1}}}, std::vector<double>{1, 0}); }), "weights.invalid");
  ms::RakingOptions bad;
  bad.tolerance = 0;
  EXPECT_EQ(code_of([&] { (void)ms::rake(V{{"a", {0, 1}, {1, 1}}}, {}, bad); }), "raking.invalid");
  try {
    (void)ms::rake(V{{"district", {0, 0}, {1, 1}}}, {});
  } catch (const massline::InvalidArgument& e) {
    EXPECT_EQ(e.where().entity, "raking variable 'district'");
    EXPECT_EQ(e.where().field, "category 1");
  }
}

TEST(RakingMagnitudes, BaseWeightsOfAnyMagnitudeRakeTheSame) {
  std::vector<std::uint32_t> a, b;
  std::vector<double> base;
  for (std::uint32_t i = 0; i < 60; ++i) {
    a.push_back(i % 3);
    b.push_back((i * 7 + i / 5) % 4);
    base.push_back(1.0 + (i % 5) * 0.25);
  }
  const std::vector<ms::RakingVariable> vars{{"a", a, {500, 300, 200}}, {"b", b, {100, 400, 250, 250}}};
  const auto expected = ms::rake(vars, base);
  for (const double factor : {1e308 / 2.0, 1e200, 1e-200, 1e-310}) {
    std::vector<double> scaled;
    for (double w : base) scaled.push_back(w * factor);
    const auto got = ms::rake(vars, scaled);
    for (std::size_t i = 0; i < base.size(); ++i) EXPECT_NEAR(got.weights[i], expected.weights[i], 1e-9) << factor << " " << i;
  }
  // Targets in the 1e300s rake fine; targets summing beyond the largest double are an error.
  const std::vector<ms::RakingVariable> big{{"sex", {0, 0, 1, 1}, {6e300, 4e300}}};
  const auto r = ms::rake(big, std::vector<double>{1, 2, 1, 1});
  EXPECT_NEAR(r.weights[1] / 4e300, 1.0, 1e-14);
  const std::vector<ms::RakingVariable> over{{"sex", {0, 0, 1, 1}, {1.5e308, 1.5e308}}};
  try {
    (void)ms::rake(over, std::vector<double>{});
    FAIL() << "no error";
  } catch (const massline::Error& e) {
    EXPECT_EQ(e.code(), "raking.overflow");
  }
}
