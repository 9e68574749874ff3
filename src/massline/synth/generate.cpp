// The synthetic-population generator. One pass per entity kind, in a fixed order; every draw
// comes from a RandomStream derived from (seed, purpose label, entity index), so the result is
// a pure function of (parameters, seed). Models and defaults are documented in docs/synth.md.

#include <massline/synth/generate.hpp>

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/core/random.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace massline::synth {
namespace {

using boost::gregorian::date_duration;
using Index = std::uint32_t;
constexpr Index kNone = std::numeric_limits<Index>::max();

[[noreturn]] void bad(const std::string& name, const std::string& why) {
  throw InvalidArgument("synth.bad_parameter", "invalid synth parameter '" + name + "'", Location::of("synth parameters", name), why);
}

// ---- small drawing helpers on top of RandomStream ----

double lognormal(RandomStream& r, double median, double sigma) { return median * std::exp(sigma * r.normal()); }

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
std::int64_t round_random(RandomStream& r, double x) {
  const double whole = std::floor(x);
  return static_cast<std::int64_t>(whole) + (r.uniform() < x - whole ? 1 : 0);
}

std::size_t below(RandomStream& r, std::size_t n) { return static_cast<std::size_t>(r.uniform_index(n)); }

template <class T>
void shuffle(RandomStream& r, std::vector<T>& v) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(r, i)]);
}

// Splits @p total into parts proportional to @p weights, each at least @p min_each, by largest
// remainder (ties to the lower index), so the parts sum to @p total exactly.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights, std::int64_t min_each) {
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

std::vector<double> size_weights(RandomStream& r, std::size_t n, double dispersion) {
  std::vector<double> w(n);
  for (auto& x : w) x = std::exp(dispersion * r.normal());
  return w;
}

std::string padded(const std::string& prefix, char kind, std::size_t index, std::size_t count) {
  std::string digits = std::to_string(index + 1);
  const std::size_t width = std::to_string(count).size();
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + '-' + kind + digits;
}

// Fixed modelling choices (docs/synth.md, "Fixed modelling choices"): even odds between the two
// sizes the sources allow ("1-2 liaisons", "1-2 pledges"), pledges made in the first quarter,
// 7-day campaign windows starting a quarter into each half/part of the year.
constexpr double kEvenOdds = 0.5;
constexpr int kPledgeWindowDays = 90;
constexpr int kCampaignDays = 7;
constexpr double kCampaignOffset = 0.25;

/// What a member does in the generated network.
enum class Role : std::uint8_t { CountyLeader, OrganHead, OrganStaff, TownLeader, Police, Judicial, TownCadre, VillageCadre, Ordinary };

constexpr HouseholdCategories kKeyCategories =
    kFiveMustVisit | HouseholdCategories{HouseholdCategory::Difficult, HouseholdCategory::MinimumLivingAllowance,
                                         HouseholdCategory::EmptyNestElderly, HouseholdCategory::LeftBehindChildren};

const std::array<const char*, 10> kSpecialties{"agriculture", "aquaculture", "construction", "law",        "medicine",
                                               "education",   "accounting",  "electrician",  "e-commerce", "culture"};
const std::array<const char*, 8> kPostTitles{"policy publicity", "conflict mediation", "environment and sanitation",
                                             "elderly care", "left-behind children care", "safety patrol",
                                             "volunteer service", "public opinion collection"};

class Generator {
 public:
  Generator(const SynthParams& params, std::uint64_t seed) : p_(params), root_(RandomStream(seed).derive("synth")) {
    validate(p_);
    jan1_ = make_date(static_cast<int>(p_.year), 1, 1);
    days_ = static_cast<int>((make_date(static_cast<int>(p_.year), 12, 31) - jan1_).days()) + 1;
  }

  Registry run() {
    shape();
    build_organisations();
    build_households();
    plan_members();
    choose_delegates();
    add_members();
    build_pairings();
    build_posts();
    build_commitments();
    if (p_.contacts) build_contacts();
    if (p_.appeals) build_appeals();
    return std::move(reg_);
  }

 private:
  // ---------------------------------------------------------------- structure
  void shape() {
    const std::int64_t h = p_.households;
    g_count_ = p_.grids > 0 ? p_.grids : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(h) / p_.households_per_grid)));
    c_count_ = p_.communities > 0 ? p_.communities
                                  : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(g_count_) / p_.grids_per_community)));
    t_count_ = p_.townships > 0 ? p_.townships
                                : std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(c_count_) / p_.communities_per_township)));
    if (g_count_ > h) bad("households_per_grid", "derived " + std::to_string(g_count_) + " level-4 units for " + std::to_string(h) + " households");
    if (c_count_ > g_count_)
      bad(p_.communities > 0 ? "communities" : "grids_per_community",
          std::to_string(c_count_) + " level-3 units cannot each hold one of " + std::to_string(g_count_) + " level-4 units");
    if (t_count_ > c_count_)
      bad(p_.townships > 0 ? "townships" : "communities_per_township",
          std::to_string(t_count_) + " level-2 units cannot each hold one of " + std::to_string(c_count_) + " level-3 units");
    organ_count_ = static_cast<std::int64_t>(std::llround(static_cast<double>(t_count_) * p_.organs_per_township));
  }

  void build_organisations() {
    RandomStream r = root_.derive("structure");
    const auto T = static_cast<std::size_t>(t_count_), C = static_cast<std::size_t>(c_count_), G = static_cast<std::size_t>(g_count_);
    // Which level-2 units are streets.
    std::vector<std::size_t> order(T);
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(r, order);
    t_street_.assign(T, false);
    const auto streets = static_cast<std::size_t>(std::llround(static_cast<double>(T) * p_.street_share));
    for (std::size_t i = 0; i < streets; ++i) t_street_[order[i]] = true;
    // Level-3 units per level-2 unit, then their sectors.
    const auto per_township = apportion(c_count_, size_weights(r, T, p_.size_dispersion), 1);
    for (std::size_t t = 0; t < T; ++t)
      for (std::int64_t k = 0; k < per_township[t]; ++k) c_township_.push_back(static_cast<Index>(t));
    std::vector<std::size_t> in_townships, in_streets;
    for (std::size_t c = 0; c < C; ++c) (t_street_[c_township_[c]] ? in_streets : in_townships).push_back(c);
    c_sector_.assign(C, Sector::Rural);
    shuffle(r, in_townships);
    const auto urban = static_cast<std::size_t>(std::llround(static_cast<double>(in_townships.size()) * p_.urban_share));
    for (std::size_t i = 0; i < urban; ++i) c_sector_[in_townships[i]] = Sector::Urban;
    shuffle(r, in_streets);
    const auto institutions = static_cast<std::size_t>(std::llround(static_cast<double>(in_streets.size()) * p_.institution_share));
    constexpr std::array<Sector, 3> kInstitution{Sector::School, Sector::PublicInstitution, Sector::Enterprise};
    for (std::size_t i = 0; i < in_streets.size(); ++i)
      c_sector_[in_streets[i]] = i < institutions ? kInstitution[i % kInstitution.size()] : Sector::Urban;
    // Level-4 units per level-3 unit, households per level-4 unit.
    const auto per_community = apportion(g_count_, size_weights(r, C, p_.size_dispersion), 1);
    const auto per_grid = apportion(p_.households, size_weights(r, G, p_.size_dispersion), 1);

    const std::size_t org_total = 1 + T + static_cast<std::size_t>(organ_count_) + C + G;
    reg_.reserve({.organizations = org_total, .households = static_cast<std::size_t>(p_.households)});
    auto code = [&](char kind, std::size_t i, std::size_t n) { return p_.codes ? padded(p_.code_prefix, kind, i, n) : std::string(); };

    Organization office;
    office.code = p_.codes ? p_.code_prefix : std::string();
    office.name = "work office";
    office.level = OrgLevel::County;
    office.sector = Sector::Organ;
    office.kind = OrgKind::WorkOffice;
    office_ = reg_.add(office);
    for (std::size_t t = 0; t < T; ++t) {
      Organization o;
      o.code = code('T', t, T);
      o.name = (t_street_[t] ? "street " : "township ") + std::to_string(t + 1);
      o.level = OrgLevel::Township;
      o.parent = office_;
      o.sector = t_street_[t] ? Sector::Urban : Sector::Rural;
      o.kind = OrgKind::WorkCentre;
      t_org_.push_back(reg_.add(o));
    }
    for (std::size_t k = 0; k < static_cast<std::size_t>(organ_count_); ++k) {
      Organization o;
      o.code = code('O', k, static_cast<std::size_t>(organ_count_));
      o.name = "county organ " + std::to_string(k + 1);
      o.level = OrgLevel::Township;
      o.parent = office_;
      o.sector = Sector::Organ;
      o.kind = OrgKind::PartyCommittee;
      o.has_service_station = true;
      organ_org_.push_back(reg_.add(o));
    }
    for (std::size_t c = 0; c < C; ++c) {
      Organization o;
      o.code = code('C', c, C);
      const char* what = c_sector_[c] == Sector::Rural ? "village "
                         : c_sector_[c] == Sector::Urban ? (t_street_[c_township_[c]] ? "community " : "residents' committee ")
                         : c_sector_[c] == Sector::School ? "school station "
                         : c_sector_[c] == Sector::PublicInstitution ? "hospital station "
                                                                      : "enterprise station ";
      o.name = what + std::to_string(c + 1);
      o.level = OrgLevel::Community;
      o.parent = t_org_[c_township_[c]];
      o.sector = c_sector_[c];
      o.kind = p_.community_kind;
      o.has_service_station = true;
      c_org_.push_back(reg_.add(o));
    }
    c_grid_begin_.assign(C + 1, 0);
    for (std::size_t c = 0; c < C; ++c) {
      c_grid_begin_[c] = static_cast<Index>(g_org_.size());
      for (std::int64_t k = 0; k < per_community[c]; ++k) {
        const std::size_t g = g_org_.size();
        Organization o;
        o.code = code('G', g, G);
        o.name = (p_.grid_kind == OrgKind::VillageGroup ? "group " : p_.grid_kind == OrgKind::ResponsibilityArea ? "area " : "grid ") +
                 std::to_string(c + 1) + "-" + std::to_string(k + 1);
        o.level = OrgLevel::Grid;
        o.parent = c_org_[c];
        o.sector = c_sector_[c];
        o.kind = p_.grid_kind;
        g_org_.push_back(reg_.add(o));
        g_community_.push_back(static_cast<Index>(c));
      }
    }
    c_grid_begin_[C] = static_cast<Index>(G);
    g_hh_begin_.assign(G + 1, 0);
    Index next = 0;
    for (std::size_t g = 0; g < G; ++g) {
      g_hh_begin_[g] = next;
      next += static_cast<Index>(per_grid[g]);
    }
    g_hh_begin_[G] = next;
    for (std::size_t c = 0; c < C; ++c)
      if (is_network_community(c)) network_communities_.push_back(static_cast<Index>(c));
  }

  [[nodiscard]] bool is_network_community(std::size_t c) const { return c_sector_[c] == Sector::Rural || c_sector_[c] == Sector::Urban; }
  [[nodiscard]] Index hh_begin(std::size_t c) const { return g_hh_begin_[c_grid_begin_[c]]; }
  [[nodiscard]] Index hh_end(std::size_t c) const { return g_hh_begin_[c_grid_begin_[c + 1]]; }
  [[nodiscard]] Index community_of_household(Index h) const { return g_community_[hh_grid_[h]]; }

  // ---------------------------------------------------------------- households
  void build_households() {
    const auto H = static_cast<std::size_t>(p_.households);
    hh_grid_.resize(H);
    for (std::size_t g = 0; g + 1 < g_hh_begin_.size(); ++g)
      for (Index h = g_hh_begin_[g]; h < g_hh_begin_[g + 1]; ++h) hh_grid_[h] = static_cast<Index>(g);
    hh_size_.resize(H);
    hh_cat_.resize(H);
    hh_party_.resize(H);
    const double mean = p_.people > 0 ? static_cast<double>(p_.people) / static_cast<double>(H) : p_.mean_household_size;
    const RandomStream base = root_.derive("household");
    const auto max_size = static_cast<std::uint64_t>(p_.max_household_size);
    std::int64_t total = 0;
    for (std::size_t h = 0; h < H; ++h) {
      RandomStream r = base.derive(h);
      hh_size_[h] = static_cast<std::uint16_t>(std::min<std::uint64_t>(max_size, 1 + r.poisson(mean - 1.0)));
      total += hh_size_[h];
      HouseholdCategories cats;
      for (std::size_t k = 0; k < p_.category_rate.size(); ++k) {
        const auto cat = static_cast<HouseholdCategory>(k);
        if (cat == HouseholdCategory::PartyCentral) continue;
        if (r.uniform() < p_.category_rate[k]) cats.set(cat);
      }
      // Implied categories: allowance and special hardship households are difficult; repeat
      // petitioners are petitioners.
      if (cats.test(HouseholdCategory::MinimumLivingAllowance) || cats.test(HouseholdCategory::SpecialHardship)) cats.set(HouseholdCategory::Difficult);
      if (cats.test(HouseholdCategory::RepeatPetitioner)) cats.set(HouseholdCategory::Petitioner);
      const bool party = r.uniform() < p_.party_household_share;
      const auto central = static_cast<std::size_t>(HouseholdCategory::PartyCentral);
      if (party && r.uniform() < p_.category_rate[central]) cats.set(HouseholdCategory::PartyCentral);
      hh_cat_[h] = cats;
      hh_party_[h] = party;
    }
    if (p_.people > 0) fix_people(total);
    for (std::size_t h = 0; h < H; ++h) {
      Household hh;
      hh.code = p_.codes ? padded(p_.code_prefix, 'H', h, H) : std::string();
      hh.unit = g_org_[hh_grid_[h]];
      hh.categories = hh_cat_[h];
      hh.party_household = hh_party_[h] != 0;
      hh.size = hh_size_[h];
      reg_.add(std::move(hh));
    }
    // Difficult households per community, for assistance pairing.
    const auto C = static_cast<std::size_t>(c_count_);
    difficult_begin_.assign(C + 1, 0);
    for (std::size_t c = 0; c < C; ++c) {
      difficult_begin_[c] = static_cast<Index>(difficult_.size());
      for (Index h = hh_begin(c); h < hh_end(c); ++h)
        if (hh_cat_[h].test(HouseholdCategory::Difficult)) difficult_.push_back(h);
    }
    difficult_begin_[C] = static_cast<Index>(difficult_.size());
  }

  // Moves single people between households until the sizes sum to exactly `people`.
  void fix_people(std::int64_t total) {
    RandomStream r = root_.derive("household sizes");
    const auto max_size = static_cast<std::uint16_t>(p_.max_household_size);
    std::int64_t diff = p_.people - total;
    const auto H = hh_size_.size();
    while (diff != 0) {
      auto& size = hh_size_[below(r, H)];
      if (diff > 0 && size < max_size) {
        ++size;
        --diff;
      } else if (diff < 0 && size > 1) {
        --size;
        ++diff;
      }
    }
  }

  // ---------------------------------------------------------------- members
  struct Plan {
    Member member;
    Role role = Role::Ordinary;
    Index community = kNone;  // home community, or the community a township cadre is stationed in
    Index township = kNone;   // level-2 unit it belongs to (kNone for county-level members)
    Index residence = kNone;  // residence community of an in-service member
  };

  void plan_members() {
    const auto C = static_cast<std::size_t>(c_count_), T = static_cast<std::size_t>(t_count_);
    // Staffing the structure needs: village cadres, county leaders, organ heads, and per township
    // one of each team role plus the largest organ-cadre contingent of an area.
    const std::int64_t village = p_.village_cadres_per_community * static_cast<std::int64_t>(network_communities_.size());
    const std::int64_t fixed = village + p_.county_leaders + organ_count_;
    const std::array<std::int64_t, 3> want{p_.township_leaders, p_.police_per_township, p_.judicial_per_township};
    const std::array<std::int64_t, 3> need{p_.area_teams && p_.area_leaders > 0 ? 1 : 0, p_.area_teams && p_.area_police > 0 ? 1 : 0,
                                           p_.area_teams && p_.area_judicial > 0 ? 1 : 0};
    const std::array<const char*, 3> role_param{"township_leaders", "police_per_township", "judicial_per_township"};
    for (std::size_t k = 0; k < 3; ++k)
      if (need[k] > want[k]) bad(role_param[k], "responsibility-area teams need at least one per township, got 0");
    const std::int64_t organ_reserve = p_.area_teams ? p_.area_organ_cadres_max : 0;
    const std::int64_t per_township_min = need[0] + need[1] + need[2] + organ_reserve;
    const std::int64_t minimum_cadres = fixed + per_township_min * t_count_;
    const std::int64_t staff = organ_count_ * (p_.organ_members - 1);
    // Derived counts rise to what the structure needs; explicit counts must suffice.
    const std::int64_t m0 = p_.members > 0 ? p_.members : static_cast<std::int64_t>(std::llround(p_.members_per_household * static_cast<double>(p_.households)));
    const std::int64_t cadres = p_.cadres > 0 ? p_.cadres
                                              : std::max(minimum_cadres, static_cast<std::int64_t>(std::llround(p_.cadre_share * static_cast<double>(m0))));
    const std::int64_t M = p_.members > 0 ? p_.members : std::max(m0, cadres + staff);
    if (cadres < minimum_cadres)
      bad("cadres", std::to_string(cadres) + " cadres cannot staff the structure: " + std::to_string(village) + " village cadres + " +
                        std::to_string(p_.county_leaders) + " county leaders + " + std::to_string(organ_count_) + " organ heads + " +
                        std::to_string(per_township_min) + " township cadres in each of " + std::to_string(t_count_) +
                        " level-2 units (one per team role and area_organ_cadres_max) = " + std::to_string(minimum_cadres));
    const std::int64_t town = cadres - fixed;
    const std::int64_t ordinary = M - cadres - staff;
    if (ordinary < 0)
      bad("members", std::to_string(M) + " members cannot cover " + std::to_string(cadres) + " cadres + " + std::to_string(staff) + " organ staff");
    std::vector<double> weight(C);
    for (std::size_t c = 0; c < C; ++c)
      weight[c] = static_cast<double>(hh_end(c) - hh_begin(c)) * (c_sector_[c] == Sector::Urban ? p_.urban_member_weight : 1.0);
    if (ordinary > 0 && std::accumulate(weight.begin(), weight.end(), 0.0) <= 0.0)
      bad("urban_member_weight", "no unit can hold the " + std::to_string(ordinary) + " ordinary members (all weights are zero)");
    const auto ordinary_per_community = apportion(ordinary, weight, 0);
    const auto town_per_township = apportion(town, std::vector<double>(T, 1.0), 0);

    const RandomStream base = root_.derive("member");
    auto make = [&](Role role, OrgId org, Index community, Index township) -> Plan& {
      Plan plan;
      plan.role = role;
      plan.member.organization = org;
      plan.community = community;
      plan.township = township;
      plans_.push_back(std::move(plan));
      return plans_.back();
    };
    auto cadre = [](Plan& plan, CadreRank rank, bool organ) {
      plan.member.kinds.set(MemberKind::Cadre);
      if (organ) plan.member.kinds.set(MemberKind::OrganEnterprise);
      plan.member.cadre_rank = rank;
    };
    plans_.reserve(static_cast<std::size_t>(M));
    for (std::int64_t k = 0; k < p_.county_leaders; ++k) {
      Plan& plan = make(Role::CountyLeader, office_, kNone, kNone);
      cadre(plan, CadreRank::CityCounty, true);
      plan.member.name = "county leader " + std::to_string(k + 1);
    }
    for (std::size_t o = 0; o < organ_org_.size(); ++o) {
      Plan& head = make(Role::OrganHead, organ_org_[o], kNone, kNone);
      cadre(head, CadreRank::CountyDivision, true);
      head.member.name = "organ head " + std::to_string(o + 1);
      for (std::int64_t k = 1; k < p_.organ_members; ++k) make(Role::OrganStaff, organ_org_[o], kNone, kNone).member.kinds.set(MemberKind::OrganEnterprise);
    }
    for (std::size_t t = 0; t < T; ++t) {
      // Role pools: the wanted sizes when the township has cadres enough, else at least what the
      // teams need and the rest in proportion, leaving organ_reserve organ cadres.
      const std::int64_t spare = town_per_township[t] - organ_reserve - need[0] - need[1] - need[2];
      std::array<std::int64_t, 3> size = need;
      std::vector<double> more(3);
      for (std::size_t k = 0; k < 3; ++k) more[k] = static_cast<double>(want[k] - need[k]);
      const auto extra = apportion(std::min<std::int64_t>(spare, static_cast<std::int64_t>(more[0] + more[1] + more[2])), more, 0);
      for (std::size_t k = 0; k < 3; ++k) size[k] += extra[k];
      std::int64_t left = town_per_township[t];
      auto take = [&](std::int64_t n, Role role, const char* name) {
        for (std::int64_t k = 0; k < n; ++k) {
          Plan& plan = make(role, t_org_[t], kNone, static_cast<Index>(t));
          cadre(plan, CadreRank::Township, true);
          plan.member.name = std::string(name) + " " + std::to_string(t + 1) + "-" + std::to_string(k + 1);
        }
        left -= n;
      };
      take(size[0], Role::TownLeader, "town leader");
      take(size[1], Role::Police, "police officer");
      take(size[2], Role::Judicial, "judicial officer");
      take(left, Role::TownCadre, "town cadre");
    }
    for (Index c : network_communities_) {
      for (std::int64_t k = 0; k < p_.village_cadres_per_community; ++k) {
        Plan& plan = make(Role::VillageCadre, c_org_[c], c, c_township_[c]);
        cadre(plan, CadreRank::Village, false);
        plan.member.name = "village cadre " + std::to_string(c + 1) + "-" + std::to_string(k + 1);
      }
    }
    for (std::size_t c = 0; c < C; ++c) {
      for (std::int64_t k = 0; k < ordinary_per_community[c]; ++k) {
        Plan& plan = make(Role::Ordinary, c_org_[c], static_cast<Index>(c), c_township_[c]);
        plan.member.kinds.set(c_sector_[c] == Sector::Rural ? MemberKind::Rural
                              : c_sector_[c] == Sector::Urban ? MemberKind::Community
                                                               : MemberKind::OrganEnterprise);
      }
    }
    // Per-member attributes.
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      Plan& plan = plans_[i];
      Member& m = plan.member;
      RandomStream r = base.derive(i);
      if (p_.codes) m.code = padded(p_.code_prefix, 'M', i, plans_.size());
      const bool is_cadre = m.kinds.test(MemberKind::Cadre);
      if (is_cadre) {
        m.capable_of_helping = r.uniform() < p_.cadre_capable_share;
      } else {
        if (r.uniform() < p_.old_share) m.kinds.set(MemberKind::Old);
        if (r.uniform() < p_.hardship_share) m.kinds.set(MemberKind::Hardship);
        if (m.kinds.test(MemberKind::Rural) && r.uniform() < p_.mobile_share) m.kinds.set(MemberKind::Mobile);
        // Old members and members in hardship are served rather than serving (000, 001).
        const bool served = m.kinds.test(MemberKind::Old) || m.kinds.test(MemberKind::Hardship);
        m.capable_of_helping = !served && r.uniform() < p_.capable_share;
        if (m.kinds.test(MemberKind::OrganEnterprise) && !network_communities_.empty() && r.uniform() < p_.in_service_share) {
          m.kinds.set(MemberKind::InService);
          plan.residence = residence_for(r, plan.township);
          m.residence_community = c_org_[plan.residence];
        }
      }
      if (m.capable_of_helping && r.uniform() < p_.specialty_share) {
        const std::size_t first = below(r, kSpecialties.size());
        m.specialties.emplace_back(kSpecialties[first]);
        if (r.uniform() < kEvenOdds) m.specialties.emplace_back(kSpecialties[(first + 1 + below(r, kSpecialties.size() - 1)) % kSpecialties.size()]);
      }
    }
  }

  // A village/community for an in-service member to live in: in its own level-2 unit when it has one.
  Index residence_for(RandomStream& r, Index township) {
    if (township != kNone) {
      for (int attempt = 0; attempt < 8; ++attempt) {
        const Index c = network_communities_[below(r, network_communities_.size())];
        if (c_township_[c] == township) return c;
      }
    }
    return network_communities_[below(r, network_communities_.size())];
  }

  // ---------------------------------------------------------------- delegates
  void choose_delegates() {
    const std::int64_t wanted = p_.district_delegates + p_.township_delegates;
    if (wanted == 0) return;
    RandomStream r = root_.derive("delegates");
    std::vector<Index> rural, other;
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const Member& m = plans_[i].member;
      if (!m.capable_of_helping || m.kinds.test(MemberKind::Hardship)) continue;
      const Index t = plans_[i].township;
      (t != kNone && !t_street_[t] ? rural : other).push_back(static_cast<Index>(i));
    }
    shuffle(r, rural);
    shuffle(r, other);
    if (static_cast<std::int64_t>(rural.size() + other.size()) < wanted)
      bad("district_delegates", std::to_string(p_.district_delegates) + " + " + std::to_string(p_.township_delegates) +
                                    " delegates requested but only " + std::to_string(rural.size() + other.size()) +
                                    " capable members without hardship are available");
    // Township congresses sit in townships (not streets); fall back to any member when the
    // townships run short.
    std::vector<Index> township_level(rural.begin(), rural.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(rural.size(), static_cast<std::size_t>(p_.township_delegates))));
    std::vector<Index> pool(rural.begin() + static_cast<std::ptrdiff_t>(township_level.size()), rural.end());
    pool.insert(pool.end(), other.begin(), other.end());
    shuffle(r, pool);
    std::size_t next = 0;
    while (static_cast<std::int64_t>(township_level.size()) < p_.township_delegates) township_level.push_back(pool[next++]);
    std::vector<Index> district_level(pool.begin() + static_cast<std::ptrdiff_t>(next),
                                      pool.begin() + static_cast<std::ptrdiff_t>(next + static_cast<std::size_t>(p_.district_delegates)));
    auto mark = [&](const std::vector<Index>& chosen, DelegateLevel level) {
      for (Index i : chosen) {
        plans_[i].member.kinds.set(MemberKind::Delegate);
        plans_[i].member.delegate_level = level;
        delegates_.push_back(i);
      }
    };
    mark(district_level, DelegateLevel::District);
    mark(township_level, DelegateLevel::Township);
    std::sort(delegates_.begin(), delegates_.end());
    // Delegate groups: by congress level and level-2 unit (county-level members form their own),
    // each with 1 leader and 1-2 liaisons (003).
    const auto T = static_cast<std::size_t>(t_count_);
    for (int level = 0; level < 2; ++level) {
      std::vector<std::vector<Index>> by_unit(T + 1);
      for (Index i : delegates_) {
        if (static_cast<int>(*plans_[i].member.delegate_level) != level) continue;
        by_unit[plans_[i].township == kNone ? T : plans_[i].township].push_back(i);
      }
      for (auto& unit : by_unit) {
        if (unit.empty()) continue;
        shuffle(r, unit);
        const std::size_t size = static_cast<std::size_t>(p_.delegate_group_size);
        const std::size_t groups = (unit.size() + size - 1) / size;
        for (std::size_t g = 0; g < groups; ++g) {
          std::vector<Index> group;
          for (std::size_t k = g; k < unit.size(); k += groups) group.push_back(unit[k]);  // balanced sizes
          std::sort(group.begin(), group.end());
          const std::size_t liaisons = 1 + (r.uniform() < kEvenOdds ? 1 : 0);
          const std::string label = std::string(level == 0 ? "district" : "township") + " delegate, group " + std::to_string(groups_.size() + 1);
          for (std::size_t k = 0; k < group.size(); ++k) {
            std::string& name = plans_[group[k]].member.name;
            const std::string role = k == 0 ? " leader" : k <= liaisons ? " liaison" : std::string();
            name += (name.empty() ? "" : "; ") + label + role;
          }
          groups_.push_back(std::move(group));
        }
      }
    }
  }

  void add_members() {
    reg_.reserve({.organizations = reg_.organizations().capacity_ids(),
                  .members = plans_.size(),
                  .households = static_cast<std::size_t>(p_.households)});
    for (const Plan& plan : plans_) reg_.add(plan.member);
    // Per-community lists of capable members living or working there.
    const auto C = static_cast<std::size_t>(c_count_);
    capable_of_community_.assign(C, {});
    township_capable_.assign(static_cast<std::size_t>(t_count_), {});
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const Plan& plan = plans_[i];
      if (!plan.member.capable_of_helping) continue;
      if (plan.community != kNone && plan.member.organization == c_org_[plan.community]) capable_of_community_[plan.community].push_back(static_cast<Index>(i));
      if (plan.role == Role::TownCadre || plan.role == Role::TownLeader) township_capable_[plan.township].push_back(static_cast<Index>(i));
    }
  }

  [[nodiscard]] MemberId member_id(Index i) const { return MemberId{i}; }
  [[nodiscard]] HouseholdId household_id(Index h) const { return HouseholdId{h}; }
  [[nodiscard]] bool is_key(Index h) const { return hh_cat_[h].intersects(kKeyCategories); }
  [[nodiscard]] bool is_must_visit(Index h) const { return hh_cat_[h].intersects(kFiveMustVisit); }
  [[nodiscard]] Date day(int d) const { return jan1_ + date_duration(d); }

  // ---------------------------------------------------------------- pairings
  PairingId add_pairing(PairingKind kind, PairingSource source, PairingTarget target, Date start, std::optional<Date> end = {},
                        bool key = false) {
    Pairing pairing;
    pairing.kind = kind;
    pairing.source = source;
    pairing.target = target;
    pairing.start = start;
    pairing.end = end;
    pairing.key_contact = key;
    return reg_.add(std::move(pairing));
  }

  // A start date in the @p years before the simulated year.
  Date earlier_start(RandomStream& r, int years) const {
    return jan1_ - date_duration(1 + static_cast<int>(below(r, static_cast<std::size_t>(365 * years))));
  }

  // k distinct households from [begin, end), hardship/must-visit ones key_household_weight times
  // likelier, none from @p exclude.
  std::vector<Index> pick_households(RandomStream& r, Index begin, Index end, std::size_t k, const std::vector<Index>& exclude = {}) {
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
        const double w = is_key(h) ? p_.key_household_weight : 1.0;
        keys.emplace_back(r.exponential(1.0) / w, h);
      }
      std::sort(keys.begin(), keys.end());
      for (std::size_t i = 0; i < std::min(k, keys.size()); ++i) out.push_back(keys[i].second);
      return out;
    }
    const double top = p_.key_household_weight;
    std::size_t attempts = 0;
    while (out.size() < k && attempts < 64 * k) {
      ++attempts;
      const Index h = begin + static_cast<Index>(below(r, n));
      const double w = is_key(h) ? p_.key_household_weight : 1.0;
      if (r.uniform() * top >= w || taken(h)) continue;
      out.push_back(h);
    }
    return out;
  }

  void build_pairings() {
    const auto M = plans_.size();
    RandomStream r = root_.derive("pairings");
    contact_begin_.assign(M + 1, 0);
    // Dual pairing (001, 004): each village/community with an organ organisation; the organ side
    // is a county organ or a school/hospital/enterprise station, else the unit's own township.
    std::vector<Index> organ_side;
    for (std::size_t o = 0; o < organ_org_.size(); ++o) organ_side.push_back(organ_org_[o].value());
    for (std::size_t c = 0; c < c_sector_.size(); ++c)
      if (!is_network_community(c)) organ_side.push_back(c_org_[c].value());
    shuffle(r, organ_side);
    std::size_t turn = 0;
    for (Index c : network_communities_) {
      if (!(r.uniform() < p_.dual_pairing_share)) continue;
      const OrgId partner = organ_side.empty() ? t_org_[c_township_[c]] : OrgId{organ_side[turn++ % organ_side.size()]};
      add_pairing(PairingKind::DualOrganization, partner, c_org_[c], earlier_start(r, 3));
    }
    // Contact points of county leaders and organ heads (001: at least one community each).
    for (std::size_t i = 0; i < M; ++i) {
      const Role role = plans_[i].role;
      if (role != Role::CountyLeader && role != Role::OrganHead) continue;
      if (network_communities_.empty()) break;
      for (std::int64_t k = 0; k < p_.leader_contact_points; ++k) {
        const Index c = network_communities_[below(r, network_communities_.size())];
        if (k == 0) plans_[i].community = c;
        leader_points_.push_back({static_cast<Index>(i), c});
        add_pairing(PairingKind::ContactPoint, member_id(static_cast<Index>(i)), c_org_[c], earlier_start(r, 3));
      }
    }
    build_area_teams(r);
    station_township_cadres(r);
    assign_delegate_areas(r);
    build_contact_households();
    build_assistance();
  }

  // Quyuan's responsibility areas (002): every village/community is an area staffed by its
  // village cadres (home organisation), one contact town leader, 2-3 organ cadres, one police
  // officer and one judicial officer from its township, each linked by a contact point.
  void build_area_teams(RandomStream& r) {
    if (!p_.area_teams) return;
    const auto T = static_cast<std::size_t>(t_count_);
    std::vector<std::vector<Index>> leaders(T), police(T), judicial(T), organ(T);
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const Plan& plan = plans_[i];
      switch (plan.role) {
        case Role::TownLeader: leaders[plan.township].push_back(static_cast<Index>(i)); break;
        case Role::Police: police[plan.township].push_back(static_cast<Index>(i)); break;
        case Role::Judicial: judicial[plan.township].push_back(static_cast<Index>(i)); break;
        case Role::TownCadre: organ[plan.township].push_back(static_cast<Index>(i)); break;
        default: break;
      }
    }
    std::vector<std::array<std::size_t, 4>> cursor(T, {0, 0, 0, 0});
    for (std::size_t t = 0; t < T; ++t) {
      shuffle(r, leaders[t]);
      shuffle(r, police[t]);
      shuffle(r, judicial[t]);
      shuffle(r, organ[t]);
    }
    for (Index c : network_communities_) {
      const Index t = c_township_[c];
      auto assign = [&](std::vector<Index>& pool, std::size_t& at, std::int64_t n) {
        for (std::int64_t k = 0; k < n && !pool.empty(); ++k) {
          const Index i = pool[at++ % pool.size()];  // round robin: one cadre may serve several areas
          if (plans_[i].community == kNone) plans_[i].community = c;
          if (plans_[i].role == Role::TownLeader) leader_points_.push_back({i, c});
          add_pairing(PairingKind::ContactPoint, member_id(i), c_org_[c], earlier_start(r, 2));
        }
      };
      const std::int64_t organ_cadres = p_.area_organ_cadres_min + static_cast<std::int64_t>(below(r, static_cast<std::size_t>(p_.area_organ_cadres_max - p_.area_organ_cadres_min + 1)));
      assign(leaders[t], cursor[t][0], p_.area_leaders);
      assign(organ[t], cursor[t][1], organ_cadres);
      assign(police[t], cursor[t][2], p_.area_police);
      assign(judicial[t], cursor[t][3], p_.area_judicial);
    }
  }

  // Township cadres not on a team are stationed in a random village/community of their township (002).
  void station_township_cadres(RandomStream& r) {
    std::vector<std::vector<Index>> by_township(static_cast<std::size_t>(t_count_));
    for (Index c : network_communities_) by_township[c_township_[c]].push_back(c);
    for (Plan& plan : plans_) {
      if (plan.township == kNone || plan.community != kNone) continue;
      const auto& own = by_township[plan.township];
      if (!own.empty()) plan.community = own[below(r, own.size())];
      else if (!network_communities_.empty()) plan.community = network_communities_[below(r, network_communities_.size())];
    }
  }

  // Delegates' responsibility areas (003: 212 areas, full coverage): every area gets a delegate
  // where delegates suffice, preferring delegates of the same level-2 unit.
  void assign_delegate_areas(RandomStream& r) {
    if (delegates_.empty()) return;
    const auto T = static_cast<std::size_t>(t_count_), G = g_org_.size();
    std::vector<std::vector<Index>> unit_delegates(T + 1), unit_areas(T + 1);
    for (Index d : delegates_) unit_delegates[plans_[d].township == kNone ? T : plans_[d].township].push_back(d);
    for (std::size_t g = 0; g < G; ++g) unit_areas[c_township_[g_community_[g]]].push_back(static_cast<Index>(g));
    delegate_area_.assign(plans_.size(), kNone);
    std::vector<Index> spare_delegates, spare_areas;
    for (std::size_t u = 0; u <= T; ++u) {
      shuffle(r, unit_delegates[u]);
      shuffle(r, unit_areas[u]);
      const std::size_t n = std::min(unit_delegates[u].size(), unit_areas[u].size());
      for (std::size_t k = 0; k < n; ++k) delegate_area_[unit_delegates[u][k]] = unit_areas[u][k];
      spare_delegates.insert(spare_delegates.end(), unit_delegates[u].begin() + static_cast<std::ptrdiff_t>(n), unit_delegates[u].end());
      spare_areas.insert(spare_areas.end(), unit_areas[u].begin() + static_cast<std::ptrdiff_t>(n), unit_areas[u].end());
    }
    shuffle(r, spare_delegates);
    std::size_t k = 0;
    for (; k < std::min(spare_delegates.size(), spare_areas.size()); ++k) delegate_area_[spare_delegates[k]] = spare_areas[k];
    for (; k < spare_delegates.size(); ++k) {  // more delegates than areas: share an area of their unit
      const Index d = spare_delegates[k];
      const auto& own = unit_areas[plans_[d].township == kNone ? T : plans_[d].township];
      delegate_area_[d] = own.empty() ? static_cast<Index>(below(r, G)) : own[below(r, own.size())];
    }
    area_delegates_.assign(G, {});
    for (Index d : delegates_) {
      area_delegates_[delegate_area_[d]].push_back(d);
      add_pairing(PairingKind::ContactPoint, member_id(d), g_org_[delegate_area_[d]], earlier_start(r, 1));
    }
  }

  // Contact households (联户), stored per member as a contiguous range of contact_hh_.
  void build_contact_households() {
    const auto M = plans_.size();
    const RandomStream base = root_.derive("contact households");
    hh_contact_member_.assign(static_cast<std::size_t>(p_.households), kNone);
    // Delegates split the households of their area (the ledger covers every household, 003).
    std::vector<std::vector<Index>> delegate_households(delegates_.empty() ? 0 : M);
    if (!delegates_.empty()) {
      RandomStream r = root_.derive("delegate ledger");
      for (std::size_t g = 0; g < g_org_.size(); ++g) {
        const auto& ds = area_delegates_[g];
        if (ds.empty()) continue;
        std::vector<Index> hs(g_hh_end(g) - g_hh_begin_[g]);
        std::iota(hs.begin(), hs.end(), g_hh_begin_[g]);
        shuffle(r, hs);
        for (std::size_t k = 0; k < hs.size(); ++k) delegate_households[ds[k % ds.size()]].push_back(hs[k]);
      }
    }
    const Date start = jan1_;
    for (std::size_t i = 0; i < M; ++i) {
      contact_begin_[i] = static_cast<Index>(contact_hh_.size());
      RandomStream r = base.derive(i);
      const Plan& plan = plans_[i];
      std::vector<Index> chosen;
      std::size_t quota = 0;
      Index where = plan.community;
      switch (plan.role) {
        case Role::VillageCadre: quota = static_cast<std::size_t>(p_.village_cadre_contact_households); break;
        case Role::TownLeader: case Role::Police: case Role::Judicial: case Role::TownCadre:
        case Role::CountyLeader: case Role::OrganHead:
          quota = static_cast<std::size_t>(p_.town_cadre_contact_households);
          break;
        case Role::OrganStaff: case Role::Ordinary:
          if (plan.member.capable_of_helping) quota = static_cast<std::size_t>(p_.member_contact_households);
          if (plan.residence != kNone) where = plan.residence;
          break;
      }
      if (where != kNone && quota > 0) chosen = pick_households(r, hh_begin(where), hh_end(where), quota);
      if (!delegates_.empty() && plan.member.delegate_level) {
        auto own = delegate_households[i];
        const auto target = static_cast<std::size_t>(p_.delegate_contact_households);
        if (own.size() < target) {  // top up to the yearly quota from the rest of the station
          const Index c = g_community_[delegate_area_[i]];
          auto more = pick_households(r, hh_begin(c), hh_end(c), target - own.size(), own);
          own.insert(own.end(), more.begin(), more.end());
        }
        for (Index h : own)
          if (std::find(chosen.begin(), chosen.end(), h) == chosen.end()) chosen.push_back(h);
      }
      for (Index h : chosen) {
        contact_hh_.push_back(h);
        if (hh_contact_member_[h] == kNone) hh_contact_member_[h] = static_cast<Index>(i);
        add_pairing(PairingKind::ContactHousehold, member_id(static_cast<Index>(i)), household_id(h), start, {}, is_key(h));
      }
    }
    contact_begin_[M] = static_cast<Index>(contact_hh_.size());
  }
  [[nodiscard]] Index g_hh_end(std::size_t g) const { return g_hh_begin_[g + 1]; }

  // Assistance pairs (结对帮扶, 000, 001): leading cadres first (at least one difficult household
  // each), then the remaining difficult households with capable members or jointly by the branch.
  void build_assistance() {
    RandomStream r = root_.derive("assistance");
    std::vector<std::uint8_t> paired(static_cast<std::size_t>(p_.households), 0);
    std::vector<std::uint16_t> load(plans_.size(), 0);
    auto add = [&](PairingSource source, Index h, OrgId joint_org, Index member) {
      const Date start = earlier_start(r, 2);
      std::optional<Date> end;
      if (r.uniform() < p_.pairing_end_share) end = day(static_cast<int>(below(r, static_cast<std::size_t>(days_))));
      paired[h] = 1;
      assistance_.push_back({member, joint_org, h, start, end});
      add_pairing(PairingKind::Assistance, source, household_id(h), start, end);
    };
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const Member& m = plans_[i].member;
      if (!m.is_leading_cadre() || plans_[i].community == kNone) continue;
      const Index c = plans_[i].community;
      for (std::int64_t k = 0; k < p_.leading_cadre_assistance; ++k) {
        const Index n = difficult_begin_[c + 1] - difficult_begin_[c];
        Index chosen = kNone;
        for (int attempt = 0; attempt < 16 && n > 0 && chosen == kNone; ++attempt) {
          const Index h = difficult_[difficult_begin_[c] + below(r, n)];
          if (!paired[h]) chosen = h;
        }
        if (chosen == kNone) break;
        ++load[i];
        add(member_id(static_cast<Index>(i)), chosen, OrgId{}, static_cast<Index>(i));
      }
    }
    for (std::size_t c = 0; c < c_org_.size(); ++c) {
      const auto& capable = capable_of_community_[c];
      for (Index k = difficult_begin_[c]; k < difficult_begin_[c + 1]; ++k) {
        const Index h = difficult_[k];
        if (paired[h] || !(r.uniform() < p_.assistance_coverage)) continue;
        Index member = kNone;
        if (!(r.uniform() < p_.joint_assistance_share)) {
          for (int attempt = 0; attempt < 8 && member == kNone && !capable.empty(); ++attempt) {
            const Index i = capable[below(r, capable.size())];
            if (load[i] < p_.max_assistance_per_member) member = i;
          }
          const auto& town = township_capable_[c_township_[c]];
          for (int attempt = 0; attempt < 8 && member == kNone && !town.empty(); ++attempt) {
            const Index i = town[below(r, town.size())];
            if (load[i] < p_.max_assistance_per_member) member = i;
          }
        }
        if (member != kNone) {
          ++load[member];
          add(member_id(member), h, OrgId{}, member);
        } else {  // no free member: the branch pairs jointly (001)
          add(c_org_[c], h, c_org_[c], kNone);
        }
      }
    }
  }

  // ---------------------------------------------------------------- service posts
  void build_posts() {
    RandomStream r = root_.derive("posts");
    std::vector<std::vector<Index>> residents(c_org_.size());
    for (std::size_t i = 0; i < plans_.size(); ++i)
      if (plans_[i].residence != kNone) residents[plans_[i].residence].push_back(static_cast<Index>(i));
    std::vector<std::uint8_t> holds(plans_.size(), 0);
    for (Index c : network_communities_) {
      std::size_t next_resident = 0;
      const std::size_t offset = below(r, kPostTitles.size());
      for (std::int64_t k = 0; k < p_.posts_per_community; ++k) {
        ServicePost post;
        post.organization = c_org_[c];
        post.title = kPostTitles[(offset + static_cast<std::size_t>(k)) % kPostTitles.size()];
        post.duties = {post.title};
        if (r.uniform() < p_.post_fill_share) {
          // In-service members living here claim posts first (one member, two posts, 001).
          Index holder = kNone;
          while (next_resident < residents[c].size() && holder == kNone) {
            const Index i = residents[c][next_resident++];
            if (!holds[i]) holder = i;
          }
          const auto& capable = capable_of_community_[c];
          for (int attempt = 0; attempt < 8 && holder == kNone && !capable.empty(); ++attempt) {
            const Index i = capable[below(r, capable.size())];
            if (!holds[i]) holder = i;
          }
          if (holder != kNone) {
            holds[holder] = 1;
            post.holder = member_id(holder);
            post.assignment = static_cast<PostAssignment>(pick(r, p_.post_assignment_weight));
            post.since = earlier_start(r, 1);
          }
        }
        reg_.add(std::move(post));
      }
    }
  }

  // ---------------------------------------------------------------- pledges
  void build_commitments() {
    const RandomStream base = root_.derive("pledges");
    const Date due = make_date(static_cast<int>(p_.year), 12, 31);
    std::vector<std::vector<Index>> capable_of_org(reg_.organizations().capacity_ids());
    for (std::size_t i = 0; i < plans_.size(); ++i)
      if (plans_[i].member.capable_of_helping) capable_of_org[plans_[i].member.organization.value()].push_back(static_cast<Index>(i));
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const Member& m = plans_[i].member;
      if (!m.capable_of_helping) continue;
      RandomStream r = base.derive(i);
      std::vector<CommitmentCategory> categories;
      if (m.delegate_level && p_.delegate_five_ones) {
        categories = {CommitmentCategory::ResearchReport, CommitmentCategory::PracticalDeed, CommitmentCategory::PetitionResolved,
                      CommitmentCategory::PublicWelfare, CommitmentCategory::DifficultFamilyHelped};
      } else {
        const int n = 1 + (r.uniform() < p_.pledge_second_share ? 1 : 0);
        for (int k = 0; k < n; ++k) categories.push_back(static_cast<CommitmentCategory>(pick(r, p_.pledge_category_weight)));
      }
      for (CommitmentCategory category : categories) {
        std::vector<MemberId> pledgers{member_id(static_cast<Index>(i))};
        if (r.uniform() < p_.joint_pledge_share) {
          const auto& peers = capable_of_org[m.organization.value()];
          const std::size_t extra = 1 + (r.uniform() < kEvenOdds ? 1 : 0);
          for (std::size_t attempt = 0; attempt < 4 * extra && pledgers.size() < 1 + extra && peers.size() > 1; ++attempt) {
            const MemberId peer = member_id(peers[below(r, peers.size())]);
            if (std::find(pledgers.begin(), pledgers.end(), peer) == pledgers.end()) pledgers.push_back(peer);
          }
        }
        const Date pledged = day(static_cast<int>(below(r, kPledgeWindowDays)));
        Commitment c = Commitment::pledge(std::move(pledgers), category, pledged, due);
        progress(r, c, pledged, due);
        reg_.add(std::move(c));
      }
    }
    // Delegate groups: one training and the concentrated activities per year, kept jointly (003).
    RandomStream r = root_.derive("group pledges");
    for (const auto& group : groups_) {
      std::vector<MemberId> pledgers;
      for (Index i : group) pledgers.push_back(member_id(i));
      const Date training = day(static_cast<int>(below(r, static_cast<std::size_t>(days_ / 2))));
      Commitment t = Commitment::pledge(pledgers, CommitmentCategory::General, jan1_, due, "group training");
      t.transition(CommitmentStatus::Fulfilled, training);
      reg_.add(std::move(t));
      for (std::int64_t k = 0; k < p_.campaigns; ++k) {
        Commitment a = Commitment::pledge(pledgers, CommitmentCategory::General, jan1_, due, "concentrated activity");
        a.transition(CommitmentStatus::Fulfilled, campaign_day(k, 0));
        reg_.add(std::move(a));
      }
    }
  }

  // Status transitions of a pledge as of the end of the year.
  void progress(RandomStream& r, Commitment& c, Date pledged, Date due) const {
    const auto span = [&](Date a, Date b) { return static_cast<std::size_t>((b - a).days()) + 1; };
    const double u = r.uniform();
    const bool started = r.uniform() < p_.pledge_start_share;
    Date at = pledged;
    auto advance = [&](CommitmentStatus next) {
      at = at + date_duration(static_cast<int>(below(r, span(at, due))));
      c.transition(next, at);
    };
    if (u < p_.pledge_withdraw_share) {
      advance(CommitmentStatus::Withdrawn);
      return;
    }
    if (started || u < p_.pledge_withdraw_share + p_.pledge_fulfil_share) advance(CommitmentStatus::InProgress);
    if (u < p_.pledge_withdraw_share + p_.pledge_fulfil_share) {
      advance(CommitmentStatus::Fulfilled);
    } else if (u < p_.pledge_withdraw_share + p_.pledge_fulfil_share + p_.pledge_lapse_share) {
      c.transition(CommitmentStatus::Lapsed, due);
    }
  }

  // Day k (0-based) of concentrated campaign @p campaign: windows of 7 days starting a quarter
  // into each equal part of the year (1 April and 1 October for two campaigns).
  [[nodiscard]] Date campaign_day(std::int64_t campaign, int k) const {
    const double part = static_cast<double>(days_) / static_cast<double>(p_.campaigns);
    return day(static_cast<int>((static_cast<double>(campaign) + kCampaignOffset) * part) + k);
  }

  // ---------------------------------------------------------------- contacts
  void add_contact(RandomStream& r, Index member, Index h, VisitMode mode, bool collective, bool concentrated, int d,
                   std::optional<OrgId> org = {}) {
    Contact c;
    c.member = member_id(member);
    c.household = household_id(h);
    c.mode = mode;
    c.collective = collective;
    c.concentrated = concentrated;
    if (collective || mode == VisitMode::Reception) c.organization = org ? *org : c_org_[community_of_household(h)];
    c.date = day(d);
    const double minutes = lognormal(r, p_.duration_median[static_cast<std::size_t>(mode)], p_.duration_sigma);
    c.duration_minutes = static_cast<std::uint16_t>(std::clamp(std::lround(minutes), 1L, 1440L));
    if (r.uniform() < p_.situation_report_share) {
      SituationReport report;
      report.situation = static_cast<Situation>(pick(r, p_.situation_weight));
      report.abnormal = r.uniform() < p_.abnormal_share;
      c.reports.push_back(std::move(report));
    }
    reg_.add(std::move(c));
    if (hh_first_day_[h] < 0 || d < hh_first_day_[h]) {
      hh_first_day_[h] = static_cast<std::int16_t>(d);
      hh_first_member_[h] = member;
      hh_first_mode_[h] = mode;
    }
  }

  [[nodiscard]] int random_day(RandomStream& r) const { return static_cast<int>(below(r, static_cast<std::size_t>(days_))); }
  // A day in part @p k of @p n equal parts of the year.
  [[nodiscard]] int day_in_part(RandomStream& r, std::int64_t k, std::int64_t n) const {
    const auto first = static_cast<int>(days_ * k / n), last = static_cast<int>(days_ * (k + 1) / n);
    return first + static_cast<int>(below(r, static_cast<std::size_t>(std::max(1, last - first))));
  }

  void build_contacts() {
    const auto H = static_cast<std::size_t>(p_.households);
    hh_first_day_.assign(H, -1);
    hh_first_member_.assign(H, kNone);
    hh_first_mode_.assign(H, VisitMode::HomeVisit);
    const RandomStream base = root_.derive("contacts");
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      RandomStream r = base.derive(i);
      const Plan& plan = plans_[i];
      const auto member = static_cast<Index>(i);
      const Index* first = contact_hh_.data() + contact_begin_[i];
      const Index* last = contact_hh_.data() + contact_begin_[i + 1];
      const bool village = plan.role == Role::VillageCadre;
      const bool town = plan.role == Role::TownLeader || plan.role == Role::Police || plan.role == Role::Judicial || plan.role == Role::TownCadre;
      const bool cadre = (village || town) && plan.community != kNone;
      if (cadre) field_days(r, member, village ? p_.village_cadre_days_per_month : p_.town_cadre_days_per_month, first, last, plan.community);
      if (plan.member.delegate_level) {
        delegate_visits(r, member, first, last);
      } else if (!cadre) {
        for (const Index* h = first; h != last; ++h) {
          const std::int64_t visits = round_random(r, p_.member_visits_per_contact_household);
          for (std::int64_t k = 0; k < visits; ++k) {
            const bool home = r.uniform() < p_.member_home_visit_share;
            add_contact(r, member, *h, home ? VisitMode::HomeVisit : VisitMode::Appointment, false, false, random_day(r));
          }
        }
      }
    }
    // Assistance visits: quarterly by default, while the pair is active; joint pairs are
    // visited by a capable member of the branch.
    RandomStream r = root_.derive("assistance visits");
    for (const Assist& a : assistance_) {
      Index member = a.member;
      if (member == kNone) {
        const auto& capable = capable_of_community_[community_of_household(a.household)];
        if (capable.empty()) continue;
        member = capable[below(r, capable.size())];
      }
      for (std::int64_t k = 0; k < p_.assistance_visits; ++k) {
        const int d = day_in_part(r, k, p_.assistance_visits);
        if (a.end && day(d) > *a.end) break;
        add_contact(r, member, a.household, VisitMode::HomeVisit, false, false, d);
      }
    }
    // Leaders go down to their contact points (monthly, 004) and meet a few households.
    for (const auto& [member, c] : leader_points_) {
      const Index begin = hh_begin(c), end = hh_end(c);
      if (end == begin) continue;
      for (std::int64_t k = 0; k < p_.contact_point_visits; ++k) {
        const int d = day_in_part(r, k, p_.contact_point_visits);
        for (std::int64_t j = 0; j < p_.going_down_households; ++j)
          add_contact(r, member, begin + static_cast<Index>(below(r, end - begin)), VisitMode::GoingDownFixedPoint, true, false, d, c_org_[c]);
      }
    }
    // Five must-visit households (003) nobody met get a home visit by their contact member,
    // else by a village cadre or capable member of their community.
    const RandomStream must = root_.derive("must visit");
    for (Index h = 0; h < H; ++h) {
      if (!is_must_visit(h) || hh_first_day_[h] >= 0) continue;
      RandomStream rh = must.derive(h);
      if (!(rh.uniform() < p_.must_visit_compliance)) continue;
      Index member = hh_contact_member_[h];
      const auto& capable = capable_of_community_[community_of_household(h)];
      if (member == kNone && !capable.empty()) member = capable[below(rh, capable.size())];
      if (member == kNone) continue;
      add_contact(rh, member, h, VisitMode::HomeVisit, false, false, random_day(rh));
    }
  }

  // Field days (002): each month `per_month` distinct days, of which field_day_compliance are
  // worked; each worked day visits visits_per_field_day households, contact households first.
  void field_days(RandomStream& r, Index member, std::int64_t per_month, const Index* first, const Index* last, Index community) {
    const Index begin = hh_begin(community), end = hh_end(community);
    if (end == begin) return;
    const Index* next_contact = first;
    for (int month = 1; month <= 12; ++month) {
      const Date m0 = make_date(static_cast<int>(p_.year), month, 1);
      const int offset = static_cast<int>((m0 - jan1_).days());
      std::vector<int> days_of_month(static_cast<std::size_t>(m0.end_of_month().day()));
      std::iota(days_of_month.begin(), days_of_month.end(), 0);
      const auto n = std::min<std::size_t>(static_cast<std::size_t>(per_month), days_of_month.size());
      for (std::size_t k = 0; k < n; ++k) std::swap(days_of_month[k], days_of_month[k + below(r, days_of_month.size() - k)]);
      std::sort(days_of_month.begin(), days_of_month.begin() + static_cast<std::ptrdiff_t>(n));
      for (std::size_t k = 0; k < n; ++k) {
        if (!(r.uniform() < p_.field_day_compliance)) continue;
        for (std::int64_t v = 0; v < p_.visits_per_field_day; ++v) {
          Index h = 0;
          if (next_contact != last) {
            h = *next_contact++;
          } else {
            const auto picked = pick_households(r, begin, end, 1);
            h = picked.empty() ? begin + static_cast<Index>(below(r, end - begin)) : picked.front();
          }
          add_contact(r, member, h, VisitMode::HomeVisit, false, false, offset + days_of_month[k]);
        }
      }
    }
  }

  // Delegates (003): each contact household contacted in the year by a mix of modes (home
  // visits at least a third by default), plus the concentrated campaigns, must-visit first.
  void delegate_visits(RandomStream& r, Index member, const Index* first, const Index* last) {
    for (const Index* h = first; h != last; ++h) {
      if (!(r.uniform() < p_.delegate_visit_compliance)) continue;
      const auto mode = static_cast<VisitMode>(pick(r, p_.delegate_mode_weight));
      const bool collective = mode == VisitMode::Forum || mode == VisitMode::GoingDownRegular ||
                              mode == VisitMode::GoingDownFixedPoint || mode == VisitMode::GoingDownCircuit;
      add_contact(r, member, *h, mode, collective, false, random_day(r));
    }
    std::vector<Index> mine(first, last);
    std::stable_partition(mine.begin(), mine.end(), [this](Index h) { return is_must_visit(h); });
    std::size_t at = 0;
    for (std::int64_t k = 0; k < p_.campaigns; ++k) {
      if (!(r.uniform() < p_.campaign_attendance)) continue;
      for (std::int64_t j = 0; j < p_.campaign_households && !mine.empty(); ++j) {
        const Index h = mine[at++ % mine.size()];
        const int d = static_cast<int>((campaign_day(k, static_cast<int>(below(r, kCampaignDays))) - jan1_).days());
        add_contact(r, member, h, VisitMode::HomeVisit, true, true, std::min(d, days_ - 1));
      }
    }
  }

  // ---------------------------------------------------------------- appeals
  void build_appeals() {
    const auto H = static_cast<std::size_t>(p_.households);
    const bool have_contacts = !hh_first_day_.empty();
    const RandomStream base = root_.derive("appeals");
    std::vector<std::vector<Index>> township_leaders(static_cast<std::size_t>(t_count_));
    std::vector<Index> county_leaders;
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      if (plans_[i].role == Role::TownLeader) township_leaders[plans_[i].township].push_back(static_cast<Index>(i));
      if (plans_[i].role == Role::CountyLeader) county_leaders.push_back(static_cast<Index>(i));
    }
    std::size_t count = 0;
    const std::size_t code_width = std::max<std::size_t>(6, std::to_string(H).size());
    for (Index h = 0; h < H; ++h) {
      RandomStream r = base.derive(h);
      const bool petitioner = hh_cat_[h].test(HouseholdCategory::Petitioner);
      const double multiplier = petitioner ? p_.petitioner_appeal_multiplier : 1.0;
      if (have_contacts && hh_first_day_[h] >= 0 && r.uniform() < std::min(1.0, p_.appeal_per_contacted_household * multiplier)) {
        const VisitMode mode = hh_first_mode_[h];
        const AppealChannel channel = mode == VisitMode::HomeVisit ? AppealChannel::HomeVisit : AppealChannel::ReceptionDay;
        add_appeal(r, h, hh_first_member_[h], channel, hh_first_day_[h], township_leaders, county_leaders, count++, code_width);
      }
      const std::uint64_t others = r.poisson(p_.other_channel_appeals * multiplier);
      for (std::uint64_t k = 0; k < others; ++k) {
        const auto channel = static_cast<AppealChannel>(pick(r, p_.channel_weight));
        add_appeal(r, h, kNone, channel, random_day(r), township_leaders, county_leaders, count++, code_width);
      }
    }
  }

  void add_appeal(RandomStream& r, Index h, Index collector, AppealChannel channel, int registered,
                  const std::vector<std::vector<Index>>& township_leaders, const std::vector<Index>& county_leaders,
                  std::size_t index, std::size_t code_width) {
    Appeal a;
    if (p_.codes) {
      std::string digits = std::to_string(index + 1);
      if (digits.size() < code_width) digits.insert(0, code_width - digits.size(), '0');
      a.code = p_.code_prefix + "-A" + digits;
    }
    a.household = household_id(h);
    if (collector != kNone) a.collected_by = member_id(collector);
    a.origin = g_org_[hh_grid_[h]];
    a.channel = channel;
    a.subject = static_cast<SubjectArea>(pick(r, p_.subject_weight));
    a.registered = day(registered);
    const auto cls = static_cast<AppealClass>(pick(r, p_.class_weight));
    const auto routing = static_cast<Routing>(pick(r, p_.routing_weight));
    // Transfer and supervision take the appeal up to the township; some go on to the county
    // office, which coordinates departments (002, 004).
    const Index c = community_of_household(h);
    const bool escalated = routing == Routing::Transfer || routing == Routing::Supervision;
    const bool to_county = escalated && r.uniform() < p_.escalate_county_share;
    a.handler = to_county ? office_ : escalated ? t_org_[c_township_[c]] : c_org_[c];
    const bool key_case = escalated && (hh_cat_[h].test(HouseholdCategory::Petitioner) || cls == AppealClass::Unresolvable || to_county);
    if (key_case && r.uniform() < p_.leader_in_charge_share) {
      const auto& leaders = to_county && !county_leaders.empty() ? county_leaders : township_leaders[c_township_[c]];
      if (!leaders.empty()) a.leader_in_charge = member_id(leaders[below(r, leaders.size())]);
    }
    // Stage dates as of 31 December: a stage that would fall later is not reached yet.
    const int sort_days = static_cast<int>(lognormal(r, p_.sort_delay_median, p_.sort_delay_sigma));
    const int feedback_days = static_cast<int>(lognormal(r, p_.feedback_delay_median, p_.feedback_delay_sigma));
    const int dispose_days = static_cast<int>(lognormal(r, p_.dispose_delay_median, p_.dispose_delay_sigma) * (escalated ? p_.escalated_delay_factor : 1.0));
    const int sorted = registered + std::min(sort_days, days_);
    if (sorted < days_) {
      a.sorted = day(sorted);
      a.appeal_class = cls;
      a.routing = routing;
      const int fed_back = sorted + std::min(feedback_days, days_);
      if (fed_back < days_) {
        a.fed_back = day(fed_back);
        const int disposed = fed_back + std::min(dispose_days, days_);
        if (disposed < days_) a.disposed = day(disposed);
      }
    }
    reg_.add(std::move(a));
  }

  // ---------------------------------------------------------------- state
  const SynthParams& p_;
  RandomStream root_;
  Registry reg_;
  Date jan1_;
  int days_ = 365;
  std::int64_t t_count_ = 0, c_count_ = 0, g_count_ = 0, organ_count_ = 0;

  OrgId office_;
  std::vector<OrgId> t_org_, organ_org_, c_org_, g_org_;
  std::vector<bool> t_street_;
  std::vector<Index> c_township_, c_grid_begin_, g_community_, g_hh_begin_, network_communities_;
  std::vector<Sector> c_sector_;

  std::vector<Index> hh_grid_;
  std::vector<std::uint16_t> hh_size_;
  std::vector<HouseholdCategories> hh_cat_;
  std::vector<std::uint8_t> hh_party_;
  std::vector<Index> difficult_, difficult_begin_;

  std::vector<Plan> plans_;
  std::vector<Index> delegates_;
  std::vector<std::vector<Index>> groups_;
  std::vector<Index> delegate_area_;
  std::vector<std::vector<Index>> area_delegates_;
  std::vector<std::vector<Index>> capable_of_community_, township_capable_;

  struct Assist {
    Index member;  // kNone for a joint (branch) pair
    OrgId org;
    Index household;
    Date start;
    std::optional<Date> end;
  };
  std::vector<Assist> assistance_;
  std::vector<std::pair<Index, Index>> leader_points_;  // (member, community) of leaders' contact points
  std::vector<Index> contact_hh_, contact_begin_, hh_contact_member_;

  std::vector<std::int16_t> hh_first_day_;
  std::vector<Index> hh_first_member_;
  std::vector<VisitMode> hh_first_mode_;
};

}  // namespace

Registry generate(const SynthParams& params, std::uint64_t seed) { return Generator(params, seed).run(); }

Registry generate(std::string_view preset_name, std::uint64_t seed, const Overrides& overrides) {
  SynthParams params = preset(preset_name);
  apply_overrides(params, overrides);
  return generate(params, seed);
}

}  // namespace massline::synth
