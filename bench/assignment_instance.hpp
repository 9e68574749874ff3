#pragma once
// The benchmark instance of the `assignment` entries, shared by bench_assignment.cpp (massline)
// and bench_assignment_lemon.cpp (LEMON called directly); bench/assignment_peer.py draws the
// identical instance in Python (same splitmix64 stream, same order of draws).
//
// Household h has `degree` rows to members drawn from a window of `window` members around
// h·M/H (eligibility is local, as with tree distance), cost uniform in 0..99; demand 1 each;
// member capacity uniform in 5..14 (mean 9.5 for a mean load of H·1/M = 10 at 10^6 / 10^5:
// capacity is slightly short, so both objectives matter).
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace bench_assignment {

/// The value of option --<name>=N on the command line, or @p fallback.
inline std::int64_t arg(int argc, char** argv, const char* name, std::int64_t fallback) {
  const std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0) return std::stoll(argv[i] + prefix.size());
  }
  return fallback;
}

struct Instance {
  std::vector<std::int64_t> household, member, cost;  // one entry per row
  std::vector<std::int64_t> capacity, demand;
};

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

inline Instance make(std::int64_t households, std::int64_t members, std::int64_t degree, std::uint64_t seed) {
  constexpr std::int64_t window = 64;
  Instance in;
  std::uint64_t s = seed;
  in.capacity.resize(static_cast<std::size_t>(members));
  for (auto& c : in.capacity) c = 5 + static_cast<std::int64_t>(splitmix64(s) % 10);
  in.demand.assign(static_cast<std::size_t>(households), 1);
  const std::int64_t span = members < window ? members : window;
  for (std::int64_t h = 0; h < households; ++h) {
    std::int64_t centre = h * members / households - span / 2;
    if (centre < 0) centre = 0;
    if (centre + span > members) centre = members - span;
    for (std::int64_t k = 0; k < degree; ++k) {
      in.household.push_back(h);
      in.member.push_back(centre + static_cast<std::int64_t>(splitmix64(s) % static_cast<std::uint64_t>(span)));
      in.cost.push_back(static_cast<std::int64_t>(splitmix64(s) % 100));
    }
  }
  return in;
}

}  // namespace bench_assignment
