// Household stage: sizes, categories and party households, one stream per household; and the
// household picker shared by the pairing and contact stages (docs/synth.md, "Households").

#include "stages.hpp"

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

// Moves single people between households until the sizes sum to exactly `people`.
void fix_people(const SynthState& s, std::vector<std::uint16_t>& sizes, std::int64_t total) {
  RandomStream r = s.root.derive("household sizes");
  const auto max_size = static_cast<std::uint16_t>(s.p.max_household_size);
  std::int64_t diff = s.p.people - total;
  const auto H = sizes.size();
  while (diff != 0) {
    auto& size = sizes[below(r, H)];
    if (diff > 0 && size < max_size) {
      ++size;
      --diff;
    } else if (diff < 0 && size > 1) {
      --size;
      ++diff;
    }
  }
}

}  // namespace

void build_households(SynthState& s) {
  const auto H = static_cast<std::size_t>(s.p.households);
  s.hh_grid.resize(H);
  for (std::size_t g = 0; g + 1 < s.g_hh_begin.size(); ++g)
    for (Index h = s.g_hh_begin[g]; h < s.g_hh_begin[g + 1]; ++h) s.hh_grid[h] = static_cast<Index>(g);
  std::vector<std::uint16_t> sizes(H);
  s.hh_cat.resize(H);
  std::vector<std::uint8_t> party_household(H);
  const double mean = s.p.people > 0 ? static_cast<double>(s.p.people) / static_cast<double>(H) : s.p.mean_household_size;
  const RandomStream base = s.root.derive("household");
  const auto max_size = static_cast<std::uint64_t>(s.p.max_household_size);
  std::int64_t total = 0;
  for (std::size_t h = 0; h < H; ++h) {
    if (h % kCancelCheckHouseholds == 0) throw_if_cancelled();
    RandomStream r = base.derive(h);
    sizes[h] = static_cast<std::uint16_t>(std::min<std::uint64_t>(max_size, 1 + r.poisson(mean - 1.0)));
    total += sizes[h];
    HouseholdCategories cats;
    for (std::size_t k = 0; k < s.p.category_rate.size(); ++k) {
      const auto cat = static_cast<HouseholdCategory>(k);
      if (cat == HouseholdCategory::PartyCentral) continue;
      if (r.uniform() < s.p.category_rate[k]) cats.set(cat);
    }
    // Implied categories: allowance and special hardship households are difficult; repeat
    // petitioners are petitioners.
    if (cats.test(HouseholdCategory::MinimumLivingAllowance) || cats.test(HouseholdCategory::SpecialHardship)) cats.set(HouseholdCategory::Difficult);
    if (cats.test(HouseholdCategory::RepeatPetitioner)) cats.set(HouseholdCategory::Petitioner);
    const bool party = r.uniform() < s.p.party_household_share;
    const auto central = static_cast<std::size_t>(HouseholdCategory::PartyCentral);
    if (party && r.uniform() < s.p.category_rate[central]) cats.set(HouseholdCategory::PartyCentral);
    s.hh_cat[h] = cats;
    party_household[h] = party;
  }
  if (s.p.people > 0) fix_people(s, sizes, total);
  for (std::size_t h = 0; h < H; ++h) {
    if (h % kCancelCheckHouseholds == 0) throw_if_cancelled();
    Household hh;
    hh.code = s.p.codes ? padded(s.p.code_prefix, 'H', h, H) : std::string();
    hh.unit = s.g_org[s.hh_grid[h]];
    hh.categories = s.hh_cat[h];
    hh.party_household = party_household[h] != 0;
    hh.size = sizes[h];
    if (s.p.personal_fields) add_household_personal_fields(s, h, hh);
    s.reg.add(std::move(hh));
  }
  // Difficult households per community, for assistance pairing.
  const auto C = static_cast<std::size_t>(s.c_count);
  s.difficult_begin.assign(C + 1, 0);
  for (std::size_t c = 0; c < C; ++c) {
    s.difficult_begin[c] = static_cast<Index>(s.difficult.size());
    for (Index h = s.hh_begin(c); h < s.hh_end(c); ++h)
      if (s.hh_cat[h].test(HouseholdCategory::Difficult)) s.difficult.push_back(h);
  }
  s.difficult_begin[C] = static_cast<Index>(s.difficult.size());
}

// Sparse picks draw a household and keep it with probability weight / key_household_weight; dense
// ones (k at least half the range) take the k smallest exponential keys of a weighted shuffle.
std::vector<Index> pick_households(const SynthState& s, RandomStream& r, Index begin, Index end, std::size_t k,
                                   const std::vector<Index>& exclude) {
  std::vector<Index> out;
  const std::size_t n = end - begin;
  if (n == 0 || k == 0) return out;
  auto taken = [&](Index h) {
    return std::find(out.begin(), out.end(), h) != out.end() || std::find(exclude.begin(), exclude.end(), h) != exclude.end();
  };
  if (k * 2 >= n) {  // dense: weighted shuffle by exponential keys (Efraimidis-Spirakis)
    std::vector<std::pair<double, Index>> keys;
    keys.reserve(n);
    for (Index h = begin; h < end; ++h) {
      if (std::find(exclude.begin(), exclude.end(), h) != exclude.end()) continue;
      const double w = s.is_key(h) ? s.p.key_household_weight : 1.0;
      keys.emplace_back(r.exponential(1.0) / w, h);
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < std::min(k, keys.size()); ++i) out.push_back(keys[i].second);
    return out;
  }
  const double top = s.p.key_household_weight;
  std::size_t attempts = 0;
  while (out.size() < k && attempts < 64 * k) {
    ++attempts;
    const Index h = begin + static_cast<Index>(below(r, n));
    const double w = s.is_key(h) ? s.p.key_household_weight : 1.0;
    if (r.uniform() * top >= w || taken(h)) continue;
    out.push_back(h);
  }
  return out;
}

}  // namespace massline::synth::detail
