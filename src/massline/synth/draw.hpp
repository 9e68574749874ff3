#pragma once
// Drawing helpers of the synthetic-population generator, on top of massline::RandomStream.
// Private to src/massline/synth. Each helper draws only from the stream it is given, so the
// stages stay a pure function of (parameters, seed); massline's own distributions are used, never
// std:: ones, which differ between standard libraries.

#include <massline/core/random.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace massline::synth::detail {

inline double lognormal(RandomStream& r, double median, double sigma) { return median * std::exp(sigma * r.normal()); }

// An index drawn with probability proportional to @p weights.
template <std::size_t N>
std::size_t pick(RandomStream& r, const std::array<double, N>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double u = r.uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  for (std::size_t i = N; i-- > 0;)  // rounding ran past the end: the last non-zero weight
    if (weights[i] > 0.0) return i;
  return 0;
}

// floor(x) plus one with probability frac(x): an integer with mean x.
inline std::int64_t round_random(RandomStream& r, double x) {
  const double whole = std::floor(x);
  return static_cast<std::int64_t>(whole) + (r.uniform() < x - whole ? 1 : 0);
}

// Uniform in [0, n).
inline std::size_t below(RandomStream& r, std::size_t n) { return static_cast<std::size_t>(r.uniform_index(n)); }

// Fisher-Yates, from the back.
template <class T>
void shuffle(RandomStream& r, std::vector<T>& v) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(r, i)]);
}

// Splits @p total into parts proportional to @p weights, each at least @p min_each, by largest
// remainder (ties to the lower index), so the parts sum to @p total exactly. Draws nothing.
inline std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights, std::int64_t min_each) {
  const std::size_t n = weights.size();
  std::vector<std::int64_t> out(n, min_each);
  const std::int64_t rest = total - static_cast<std::int64_t>(n) * min_each;
  if (n == 0 || rest <= 0) return out;
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> share(n);
  for (std::size_t i = 0; i < n; ++i) share[i] = sum > 0.0 ? weights[i] / sum * static_cast<double>(rest) : static_cast<double>(rest) / static_cast<double>(n);
  std::int64_t given = 0;
  std::vector<std::pair<double, std::size_t>> remainder(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto whole = static_cast<std::int64_t>(std::floor(share[i]));
    out[i] += whole;
    given += whole;
    remainder[i] = {share[i] - static_cast<double>(whole), i};
  }
  std::stable_sort(remainder.begin(), remainder.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < rest; ++k, ++given) ++out[remainder[k % n].second];
  return out;
}

// @p n log-normal weights with log-sd @p dispersion (median 1), for apportion().
inline std::vector<double> size_weights(RandomStream& r, std::size_t n, double dispersion) {
  std::vector<double> w(n);
  for (auto& x : w) x = std::exp(dispersion * r.normal());
  return w;
}

}  // namespace massline::synth::detail
