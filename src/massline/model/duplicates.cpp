// Likely duplicates for review (docs/model.md, "Duplicates").
#include <massline/model/duplicates.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/model/personal_fields.hpp>

#include <algorithm>
#include <set>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

namespace massline {

namespace {

constexpr std::size_t kFields = 4;  // DuplicateEvidence, in order

// Union-find over household positions, for the groups.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::uint32_t{0}); }
  std::uint32_t root(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = root(a), b = root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);  // the lowest position is the root
  }

 private:
  std::vector<std::uint32_t> parent_;
};

}  // namespace

std::vector<HouseholdDuplicate> find_duplicate_households(const Registry& registry) {
  // Normal forms of the four fields of every live household, by position in id order.
  std::vector<HouseholdId> ids;
  std::vector<std::array<std::string, kFields>> keys;
  ids.reserve(registry.households().size());
  keys.reserve(registry.households().size());
  std::size_t seen = 0;
  for (const Household& h : registry.households()) {
    if ((++seen & 0xFFFF) == 0) throw_if_cancelled();
    ids.push_back(h.id);
    keys.push_back({h.id_number, normalized_text(h.head_name), normalized_phone(h.phone), normalized_text(h.address)});
  }
  // Candidate pairs: the same identity number, or the same value of two of the other three
  // fields at once (a key joining both normal forms with a separator no text holds).
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  auto collect = [&](auto key_of) {
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_key;
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      std::string key = key_of(keys[i]);
      if (!key.empty()) by_key[std::move(key)].push_back(i);
    }
    for (const auto& [key, members] : by_key) {
      throw_if_cancelled();
      for (std::size_t a = 0; a < members.size(); ++a)
        for (std::size_t b = a + 1; b < members.size(); ++b) pairs.emplace(members[a], members[b]);
    }
  };
  collect([](const auto& k) { return k[0]; });
  for (std::size_t x = 1; x < kFields; ++x)
    for (std::size_t y = x + 1; y < kFields; ++y)
      collect([x, y](const auto& k) { return k[x].empty() || k[y].empty() ? std::string() : k[x] + '\x1F' + k[y]; });

  Groups groups(ids.size());
  for (const auto& pair : pairs) groups.join(pair.first, pair.second);
  std::vector<HouseholdDuplicate> out;
  out.reserve(pairs.size());
  for (const auto& pair : pairs) {
    HouseholdDuplicate d;
    d.first = ids[pair.first];
    d.second = ids[pair.second];
    for (std::size_t f = 0; f < kFields; ++f)
      if (!keys[pair.first][f].empty() && keys[pair.first][f] == keys[pair.second][f])
        d.evidence.set(static_cast<DuplicateEvidence>(f));
    out.push_back(d);
  }
  std::vector<std::uint32_t> roots;
  for (const auto& pair : pairs) roots.push_back(groups.root(pair.first));
  std::vector<std::uint32_t> sorted_roots = roots;
  std::sort(sorted_roots.begin(), sorted_roots.end());
  sorted_roots.erase(std::unique(sorted_roots.begin(), sorted_roots.end()), sorted_roots.end());
  // Groups are numbered in the order of their lowest household, which is their root.
  std::unordered_map<std::uint32_t, std::uint32_t> number;
  for (std::uint32_t k = 0; k < sorted_roots.size(); ++k) number[sorted_roots[k]] = k;
  for (std::size_t k = 0; k < out.size(); ++k) out[k].group = number[roots[k]];
  return out;
}

std::vector<RepeatAppeal> find_repeat_appeals(const Registry& registry, std::int64_t window_days) {
  if (window_days < 0) {
    throw InvalidArgument("duplicates.window", "negative repeat window", Location::of("find_repeat_appeals", "window_days"),
                          "the window is a number of days, 0 or more; got " + std::to_string(window_days));
  }
  struct Raised {
    std::uint32_t household;
    SubjectArea subject;
    std::int64_t day;
    AppealId id;
  };
  std::vector<Raised> raised;
  for (const Appeal& a : registry.appeals()) {
    if (!a.household) continue;
    raised.push_back({a.household->value(), a.subject, static_cast<std::int64_t>(a.registered().day_number()), a.id});
  }
  std::sort(raised.begin(), raised.end(), [](const Raised& x, const Raised& y) {
    if (x.household != y.household) return x.household < y.household;
    if (x.subject != y.subject) return x.subject < y.subject;
    if (x.day != y.day) return x.day < y.day;
    return x.id < y.id;
  });
  std::vector<RepeatAppeal> out;
  for (std::size_t k = 1; k < raised.size(); ++k) {
    const Raised& before = raised[k - 1];
    const Raised& now = raised[k];
    if (before.household != now.household || before.subject != now.subject) continue;
    if (now.day - before.day > window_days) continue;
    out.push_back({before.id, now.id, HouseholdId{now.household}, now.day - before.day});
  }
  // Report order: household, then the later appeal's day and id (subjects interleaved by date).
  std::unordered_map<std::uint32_t, std::int64_t> day_by_id;
  for (const Raised& r : raised) day_by_id[r.id.value()] = r.day;
  std::sort(out.begin(), out.end(), [&](const RepeatAppeal& x, const RepeatAppeal& y) {
    if (x.household != y.household) return x.household < y.household;
    const std::int64_t dx = day_by_id[x.later.value()], dy = day_by_id[y.later.value()];
    if (dx != dy) return dx < dy;
    return x.later < y.later;
  });
  return out;
}

}  // namespace massline
