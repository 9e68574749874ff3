#pragma once
/// @file
/// Deterministic random streams. A stream is identified by a 128-bit key derived from
/// (seed, replication, entity, ...) by hashing, never by the order in which streams were
/// created, so results do not depend on thread count or scheduling. Each stream runs
/// xoshiro256** (Blackman & Vigna 2018) seeded from its key through SplitMix64.

#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <type_traits>

namespace massline {

/// SplitMix64 (Steele, Lea & Flood 2014, constants of Vigna's reference splitmix64.c): a Weyl
/// sequence passed through a bijective 64-bit finalizer. Used to mix keys and seed streams.
class SplitMix64 {
 public:
  static constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ULL;  ///< Weyl increment (2^64 / golden ratio)
  /// Generator whose first output is mix(state + kGamma).
  constexpr explicit SplitMix64(std::uint64_t state) noexcept : state_(state) {}
  /// Next output.
  constexpr std::uint64_t next() noexcept { return mix(state_ += kGamma); }
  /// The finalizer: a bijection on 64-bit words with good avalanche.
  [[nodiscard]] static constexpr std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 2021): 256-bit state, period 2^256 - 1, satisfies UniformRandomBitGenerator.
class Xoshiro256StarStar {
 public:
  using result_type = std::uint64_t;
  /// From a raw state; throws InvalidArgument "random.invalid_state" for the all-zero state.
  explicit Xoshiro256StarStar(const std::array<std::uint64_t, 4>& state) : s_(state) {
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) {
      throw InvalidArgument("random.invalid_state", "xoshiro256** state is all zero", {},
                            "the all-zero state is a fixed point of the generator");
    }
  }
  [[nodiscard]] static constexpr result_type min() noexcept { return 0; }
  [[nodiscard]] static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }
  /// Next 64 random bits.
  constexpr result_type operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Current state (for tests and checkpoints).
  [[nodiscard]] constexpr const std::array<std::uint64_t, 4>& state() const noexcept { return s_; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_;
};

/// The 128-bit identity of a stream.
struct StreamKey {
  std::uint64_t hi = 0;  ///< first lane
  std::uint64_t lo = 0;  ///< second lane
  friend constexpr bool operator==(const StreamKey&, const StreamKey&) noexcept = default;
};

namespace detail {
template <class T>
inline constexpr bool is_id_v = false;
template <class Tag>
inline constexpr bool is_id_v<Id<Tag>> = true;

/// FNV-1a 64-bit hash of text (labels and id kinds become key parts).
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view text) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

/// ln(k!) for k >= 0: exact sums below 128, Stirling's series with three correction terms
/// above (truncation error < 1/(1680 k^7), far below double precision). Unlike std::lgamma it
/// writes no global (glibc's sets signgam), so it is safe in parallel replications.
[[nodiscard]] inline double log_factorial(double k) noexcept {
  constexpr int kTable = 128;
  static const std::array<double, kTable> table = [] {
    std::array<double, kTable> t{};
    for (int i = 1; i < kTable; ++i) t[static_cast<std::size_t>(i)] = t[static_cast<std::size_t>(i - 1)] + std::log(i);
    return t;
  }();
  if (k < kTable) return table[static_cast<std::size_t>(k)];
  const double r = 1.0 / k, r2 = r * r;
  return (k + 0.5) * std::log(k) - k + 0.5 * std::log(2.0 * std::numbers::pi) +
         r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 / 1260.0));
}
}  // namespace detail

/// What may name a stream: integers (taken modulo 2^64), strong ids (their kind is part of
/// the key, so OrgId{3} and MemberId{3} differ) and text labels such as "appeals".
template <class T>
concept StreamKeyPart = (std::integral<T> && !std::same_as<T, bool>) || detail::is_id_v<T> ||
                        std::convertible_to<const T&, std::string_view>;

/// A deterministic random stream. Same key -> same sequence on every platform and thread
/// count; streams for different keys are statistically independent. Satisfies
/// std::uniform_random_bit_generator, so std distributions and std::shuffle work too.
class RandomStream {
 public:
  using result_type = std::uint64_t;
  /// Largest parameter (Poisson mean, binomial n) for which draws stay exact integers in double.
  static constexpr double kMaxExactCount = 4503599627370496.0;  // 2^52

  /// Root stream of a simulation seed.
  explicit RandomStream(std::uint64_t seed) : RandomStream(root_key(seed)) {}
  /// The stream of one entity in one replication: RandomStream(seed).derive(replication, entity).
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t entity)
      : RandomStream(RandomStream(seed).derive(replication, entity)) {}
  /// Same with a typed entity id (its kind is mixed in).
  template <class Tag>
  RandomStream(std::uint64_t seed, std::uint64_t replication, Id<Tag> entity)
      : RandomStream(RandomStream(seed).derive(replication, entity)) {}
  /// The stream with a given key (e.g. restored from key()).
  explicit RandomStream(const StreamKey& key) : key_(key), engine_(seed_state(key)) {}
  /// A stream resumed mid-sequence from a checkpoint (key(), state()); throws InvalidArgument
  /// "random.invalid_state" for the all-zero state, which no stream ever reaches.
  RandomStream(const StreamKey& key, const std::array<std::uint64_t, 4>& state) : key_(key), engine_(state) {}

  /// A child stream named by @p parts, derived from this stream's key only: how many numbers
  /// were drawn from this stream does not matter. derive(a, b) == derive(a).derive(b).
  template <StreamKeyPart... Parts>
  [[nodiscard]] RandomStream derive(const Parts&... parts) const {
    StreamKey key = key_;
    (absorb(key, parts), ...);
    return RandomStream(key);
  }
  [[nodiscard]] const StreamKey& key() const noexcept { return key_; }
  /// The engine's position in the sequence: with key(), a checkpoint of the stream.
  [[nodiscard]] const std::array<std::uint64_t, 4>& state() const noexcept { return engine_.state(); }

  [[nodiscard]] static constexpr result_type min() noexcept { return Xoshiro256StarStar::min(); }
  [[nodiscard]] static constexpr result_type max() noexcept { return Xoshiro256StarStar::max(); }
  /// Next 64 random bits.
  result_type operator()() noexcept { return engine_(); }

  /// Uniform on [0, 1) with 53 random bits (every double k / 2^53).
  double uniform() noexcept { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform on [a, b); throws InvalidArgument "random.invalid_argument" unless a < b, both finite.
  double uniform(double a, double b) {
    if (!(std::isfinite(a) && std::isfinite(b) && a < b)) invalid("uniform(a, b) needs finite a < b",
          std::to_string(a) + ", " + std::to_string(b));
    const double x = a + (b - a) * uniform();
    return x < b ? x : a;  // rounding could reach b
  }
  /// Uniform integer in [0, n) without modulo bias (Lemire 2019, multiply-and-reject).
  /// Throws InvalidArgument "random.invalid_argument" for n == 0.
  std::uint64_t uniform_index(std::uint64_t n) {
    if (!(n > 0)) invalid("uniform_index(n) needs n > 0", "n = 0");
    std::uint64_t low = 0;
    std::uint64_t high = mul_128(engine_(), n, low);
    if (low < n) {
      const std::uint64_t threshold = (std::uint64_t{0} - n) % n;  // 2^64 mod n: values of `low` below it are rejected
      while (low < threshold) high = mul_128(engine_(), n, low);
    }
    return high;
  }
  /// Uniform integer in the closed range [a, b]; throws for b < a.
  std::int64_t uniform_int(std::int64_t a, std::int64_t b) {
    if (!(a <= b)) invalid("uniform_int(a, b) needs a <= b", std::to_string(a) + ", " + std::to_string(b));
    const std::uint64_t width = static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a) + 1;
    const std::uint64_t offset = width == 0 ? engine_() : uniform_index(width);  // width 0: all 2^64 values
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + offset);
  }
  /// True with probability @p p in [0, 1].
  bool bernoulli(double p) {
    if (!(p >= 0.0 && p <= 1.0)) invalid("bernoulli(p) needs p in [0, 1]", std::to_string(p));
    return uniform() < p;
  }
  /// Standard normal by Box-Muller (one value per two uniforms; no cached state).
  double normal() noexcept {
    const double u1 = 1.0 - uniform();  // (0, 1], so the log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  /// Normal with @p mean and standard deviation @p sd >= 0.
  double normal(double mean, double sd) {
    if (!(std::isfinite(mean) && std::isfinite(sd) && sd >= 0.0)) invalid("normal(mean, sd) needs finite mean and sd >= 0",
          std::to_string(mean) + ", " + std::to_string(sd));
    return mean + sd * normal();
  }
  /// Exponential with @p rate > 0 (mean 1 / rate), by inversion.
  double exponential(double rate) {
    if (!(std::isfinite(rate) && rate > 0.0)) invalid("exponential(rate) needs finite rate > 0", std::to_string(rate));
    return -std::log(1.0 - uniform()) / rate;
  }
  /// Poisson with mean @p lambda in [0, kMaxExactCount]: inversion for lambda < 10, else
  /// Hörmann's PTRS transformed rejection (1993). Both are exact samplers.
  std::uint64_t poisson(double lambda) {
    if (!(lambda >= 0.0 && lambda <= kMaxExactCount)) invalid("poisson(lambda) needs 0 <= lambda <= 2^52",
          std::to_string(lambda));
    if (lambda == 0.0) return 0;
    if (lambda < kSmallMean) return poisson_inversion(lambda);
    return poisson_ptrs(lambda);
  }
  /// Binomial(n, p), n <= kMaxExactCount, p in [0, 1]: inversion when min(p, 1-p) n < 10, else
  /// Hörmann's BTRS transformed rejection (1993). Both are exact samplers.
  std::uint64_t binomial(std::uint64_t n, double p) {
    if (!(p >= 0.0 && p <= 1.0)) invalid("binomial(n, p) needs p in [0, 1]", std::to_string(p));
    if (!(static_cast<double>(n) <= kMaxExactCount)) invalid("binomial(n, p) needs n <= 2^52", std::to_string(n));
    if (n == 0 || p == 0.0) return 0;
    if (p == 1.0) return n;
    const bool flip = p > 0.5;
    const double q = flip ? 1.0 - p : p;
    const std::uint64_t k = static_cast<double>(n) * q < kSmallMean ? binomial_inversion(n, q) : binomial_btrs(n, q);
    return flip ? n - k : k;
  }

 private:
  /// Below this mean the inversion samplers are faster than rejection and PTRS/BTRS are not valid.
  static constexpr double kSmallMean = 10.0;

  [[noreturn]] static void invalid(const char* what, const std::string& got) {
    throw InvalidArgument("random.invalid_argument", what, {}, "got " + got);
  }
  static StreamKey root_key(std::uint64_t seed) {
    return {SplitMix64::mix(seed ^ 0x6A09E667F3BCC908ULL), SplitMix64::mix(seed ^ 0xBB67AE8584CAA73BULL)};
  }
  /// One derivation step. `lo` is injective in v for a fixed parent (odd multiplier, then a
  /// bijection), `hi` mixes both lanes; so siblings never collide and unrelated keys collide
  /// with probability ~2^-128. @p salt separates integers, labels and id kinds.
  static void step(StreamKey& key, std::uint64_t v, std::uint64_t salt) {
    key.lo = SplitMix64::mix(key.lo + v * 0xD1342543DE82EF95ULL + salt);
    key.hi = SplitMix64::mix(key.hi ^ key.lo ^ 0x3C6EF372FE94F82BULL);
  }
  template <class T>
  static void absorb(StreamKey& key, const T& part) {
    if constexpr (detail::is_id_v<T>) {
      step(key, detail::fnv1a64(T::kind()), kIdKindSalt);
      step(key, part.value(), kIntegerSalt);
    } else if constexpr (std::integral<T>) {
      step(key, static_cast<std::uint64_t>(part), kIntegerSalt);
    } else {
      step(key, detail::fnv1a64(std::string_view(part)), kLabelSalt);
    }
  }
  static constexpr std::uint64_t kIntegerSalt = 0x9E3779B97F4A7C15ULL;
  static constexpr std::uint64_t kLabelSalt = 0xA54FF53A5F1D36F1ULL;
  static constexpr std::uint64_t kIdKindSalt = 0x510E527FADE682D1ULL;

  /// Four SplitMix64 outputs, alternating lanes: distinct keys give distinct states, and two
  /// outputs of one lane cannot both be zero, so the state is never all zero.
  static std::array<std::uint64_t, 4> seed_state(const StreamKey& key) {
    SplitMix64 a(key.hi), b(key.lo);
    const std::uint64_t s0 = a.next(), s1 = b.next(), s2 = a.next(), s3 = b.next();
    return {s0, s1, s2, s3};
  }
  /// High 64 bits of x * y; low 64 bits into @p low.
  static std::uint64_t mul_128(std::uint64_t x, std::uint64_t y, std::uint64_t& low) noexcept {
#if defined(__SIZEOF_INT128__)
    __extension__ using u128 = unsigned __int128;
    const u128 product = static_cast<u128>(x) * y;
    low = static_cast<std::uint64_t>(product);
    return static_cast<std::uint64_t>(product >> 64);
#else
    const std::uint64_t x0 = x & 0xFFFFFFFFULL, x1 = x >> 32, y0 = y & 0xFFFFFFFFULL, y1 = y >> 32;
    const std::uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    const std::uint64_t middle = (p00 >> 32) + (p01 & 0xFFFFFFFFULL) + (p10 & 0xFFFFFFFFULL);
    low = (middle << 32) | (p00 & 0xFFFFFFFFULL);
    return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
#endif
  }

  /// Sequential search through the CDF; restarts in the (rounding-only) case the search runs
  /// off the representable tail.
  std::uint64_t poisson_inversion(double lambda) noexcept {
    for (;;) {
      const double u = uniform();
      double p = std::exp(-lambda), cdf = p;
      std::uint64_t k = 0;
      while (u >= cdf && p > 0.0) {
        ++k;
        p *= lambda / static_cast<double>(k);
        cdf += p;
      }
      if (u < cdf) return k;
    }
  }
  /// PTRS, W. Hörmann, "The transformed rejection method for generating Poisson random
  /// variables", Insurance: Mathematics and Economics 12 (1993) 39-45. Valid for lambda >= 10.
  std::uint64_t poisson_ptrs(double lambda) noexcept {
    const double log_lambda = std::log(lambda);
    const double b = 0.931 + 2.53 * std::sqrt(lambda);
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
      const double u = uniform() - 0.5;
      const double v = uniform();
      const double us = 0.5 - std::fabs(u);
      const double k = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
      if (k < 0.0) continue;
      if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
      if (us < 0.013 && v > us) continue;
      if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
          -lambda + k * log_lambda - detail::log_factorial(k)) {
        return static_cast<std::uint64_t>(k);
      }
    }
  }
  /// Sequential search for p <= 1/2 (so q^n does not underflow when n p < 10).
  std::uint64_t binomial_inversion(std::uint64_t n, double p) noexcept {
    const double q = 1.0 - p, s = p / q, a = (static_cast<double>(n) + 1.0) * s;
    const double r0 = std::pow(q, static_cast<double>(n));
    for (;;) {
      double u = uniform(), r = r0;
      std::uint64_t k = 0;
      while (u > r && k < n) {
        u -= r;
        ++k;
        r *= a / static_cast<double>(k) - s;
      }
      if (u <= r) return k;  // else rounding ran past n: draw again
    }
  }
  /// BTRS, W. Hörmann, "The generation of binomial random variates", Journal of Statistical
  /// Computation and Simulation 46 (1993) 101-110. For p <= 1/2 and n p >= 10.
  std::uint64_t binomial_btrs(std::uint64_t n, double p) noexcept {
    const double nd = static_cast<double>(n), q = 1.0 - p;
    const double spq = std::sqrt(nd * p * q);
    const double b = 1.15 + 2.53 * spq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = nd * p + 0.5;
    const double v_r = 0.92 - 4.2 / b;
    const double alpha = (2.83 + 5.1 / b) * spq;
    const double lpq = std::log(p / q);
    const double m = std::floor((nd + 1.0) * p);
    const double h = detail::log_factorial(m) + detail::log_factorial(nd - m);
    for (;;) {
      const double u = uniform() - 0.5;
      double v = uniform();
      const double us = 0.5 - std::fabs(u);
      const double k = std::floor((2.0 * a / us + b) * u + c);
      if (k < 0.0 || k > nd) continue;
      if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
      v = std::log(v * alpha / (a / (us * us) + b));
      if (v <= h - detail::log_factorial(k) - detail::log_factorial(nd - k) + (k - m) * lpq) {
        return static_cast<std::uint64_t>(k);
      }
    }
  }

  StreamKey key_;
  Xoshiro256StarStar engine_;
};

static_assert(std::uniform_random_bit_generator<RandomStream>);
static_assert(std::uniform_random_bit_generator<Xoshiro256StarStar>);

}  // namespace massline
