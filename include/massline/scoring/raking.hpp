#pragma once
/// @file
/// Raking (iterative proportional fitting, Deming & Stephan 1940): adjusts survey weights
/// so that the weighted count of every category of every raking variable matches a known
/// population margin.

#include <massline/core/error.hpp>
#include <massline/scoring/effective_sample_size.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace massline::scoring {

/// One raking variable: the category (0..k-1) of every respondent and the population total
/// of each of the k categories.
struct RakingVariable {
  std::string name;                     ///< for messages, e.g. "district"
  std::vector<std::uint32_t> category;  ///< one per respondent, each < target.size()
  std::vector<double> target;           ///< population total per category, >= 0
};

/// Stopping rule of the iteration.
struct RakingOptions {
  /// Converged when every weighted margin is within tolerance × (population total) of its target.
  double tolerance = 1e-10;
  /// Full sweeps over all variables before giving up with ConvergenceError.
  std::size_t max_iterations = 100;
};

/// Raked weights.
struct RakingResult {
  std::vector<double> weights;  ///< one per respondent
  std::size_t iterations = 0;   ///< sweeps done
  double max_deviation = 0.0;   ///< max |margin − target| / total after the last sweep
};

/// Rakes @p base_weights (one per respondent, positive; empty = all 1) to the margins of
/// @p variables. Errors: InvalidArgument "raking.invalid" (no variables, lengths that do not
/// match, a category outside its margin, negative or non-finite targets, targets whose totals
/// differ between variables by more than the tolerance), "raking.overflow" (a margin whose
/// targets sum beyond the largest double), "raking.empty_cell" (a category
/// with a positive target but no respondent), "weights.invalid"; ConvergenceError
/// "raking.no_convergence" when max_iterations sweeps do not reach the tolerance.
[[nodiscard]] inline RakingResult rake(std::span<const RakingVariable> variables, std::span<const double> base_weights,
                                       const RakingOptions& options = {}) {
  auto invalid = [](const std::string& where, const std::string& why) {
    return InvalidArgument("raking.invalid", "invalid raking input", Location::of(where), why);
  };
  if (variables.empty()) throw invalid("raking", "no raking variables given");
  require(std::isfinite(options.tolerance) && options.tolerance > 0.0, "raking.invalid",
          "tolerance must be positive, got " + std::to_string(options.tolerance));
  require(options.max_iterations > 0, "raking.invalid", "max_iterations must be positive");
  const std::size_t n = variables.front().category.size();
  if (n == 0) throw invalid("raking", "no respondents");
  if (!base_weights.empty() && base_weights.size() != n)
    throw invalid("raking", std::to_string(base_weights.size()) + " base weights for " + std::to_string(n) + " respondents");

  double total = 0.0;
  for (std::size_t v = 0; v < variables.size(); ++v) {
    const auto& var = variables[v];
    const std::string where = "raking variable '" + var.name + "'";
    if (var.category.size() != n)
      throw invalid(where, std::to_string(var.category.size()) + " respondents, expected " + std::to_string(n));
    if (var.target.empty()) throw invalid(where, "no margin given");
    double sum = 0.0;
    for (std::size_t c = 0; c < var.target.size(); ++c) {
      if (!(std::isfinite(var.target[c]) && var.target[c] >= 0.0))
        throw invalid(where, "target of category " + std::to_string(c) + " is " + std::to_string(var.target[c]) +
                                 "; targets must be finite and >= 0");
      sum += var.target[c];
    }
    if (!(sum > 0.0)) throw invalid(where, "the margin's total is 0");
    if (!std::isfinite(sum)) {
      throw InvalidArgument("raking.overflow", "the margin's total is not representable", Location::of(where),
                            "its targets sum to more than the largest double (about 1.8e308), and the raked weights "
                            "would have to as well; divide the targets by a constant");
    }
    if (v == 0) {
      total = sum;
    } else if (std::fabs(sum - total) > options.tolerance * total) {
      throw invalid(where, "margin total " + std::to_string(sum) + " differs from the total " + std::to_string(total) +
                               " of variable '" + variables.front().name + "'; raking cannot meet both");
    }
    std::vector<std::size_t> members(var.target.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (var.category[i] >= var.target.size())
        throw invalid(where, "respondent " + std::to_string(i) + " is in category " + std::to_string(var.category[i]) +
                                 " but the margin has " + std::to_string(var.target.size()) + " categories");
      ++members[var.category[i]];
    }
    for (std::size_t c = 0; c < members.size(); ++c)
      if (members[c] == 0 && var.target[c] > 0.0)
        throw InvalidArgument("raking.empty_cell", "category without respondents has a positive target",
                              Location::of(where, "category " + std::to_string(c)),
                              "target " + std::to_string(var.target[c]) + " cannot be reached by reweighting nobody");
  }

  RakingResult result;
  result.weights.assign(n, 1.0);
  if (!base_weights.empty()) {
    double top = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      check_weight(base_weights[i]);
      top = std::max(top, base_weights[i]);
    }
    result.weights.assign(base_weights.begin(), base_weights.end());
    // Raking is invariant to the scale of the base weights. Far from 1 (margins of 1e308s
    // overflow; target / margin of 1e-310s overflows) scale them by a power of two first,
    // which is exact and gives the same raked weights.
    if (!(top >= 0x1p-500 && top <= 0x1p500)) {
      const int e = std::ilogb(top);
      for (double& x : result.weights) x = std::ldexp(x, -e);
    }
  }
  auto& w = result.weights;
  std::vector<double> margin;
  auto margins_of = [&](const RakingVariable& var) {
    margin.assign(var.target.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) margin[var.category[i]] += w[i];
  };
  for (std::size_t sweep = 1; sweep <= options.max_iterations; ++sweep) {
    for (const auto& var : variables) {
      margins_of(var);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = var.category[i];
        // A margin can only be 0 when its target is 0 and its members were zeroed already.
        if (margin[c] > 0.0) w[i] *= var.target[c] / margin[c];
      }
    }
    double deviation = 0.0;
    for (const auto& var : variables) {
      margins_of(var);
      for (std::size_t c = 0; c < margin.size(); ++c) deviation = std::max(deviation, std::fabs(margin[c] - var.target[c]));
    }
    result.iterations = sweep;
    result.max_deviation = deviation / total;
    if (result.max_deviation <= options.tolerance) return result;
  }
  throw ConvergenceError("raking.no_convergence", "raking did not converge", Location::of("raking"),
                         "after " + std::to_string(options.max_iterations) + " sweeps a margin is still off by " +
                             std::to_string(result.max_deviation) + " of the total (tolerance " +
                             std::to_string(options.tolerance) + "); the margins may be incompatible with the sample");
}

}  // namespace massline::scoring
