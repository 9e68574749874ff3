#pragma once
/// @file
/// The compact tree of units the scoring hot paths run on: dense 32-bit indices, a parent
/// array, a level array, children in CSR form and a bottom-up order (docs/architecture.md, "two
/// representations"). Built from a Registry or from plain parent arrays.

#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massline {

/// Dense index of a unit in a UnitTree (0 .. size()-1).
using UnitIndex = std::uint32_t;
/// The parent of a root.
inline constexpr UnitIndex kNoUnit = std::numeric_limits<UnitIndex>::max();

/// What a unit's size (the weight used by household-weighted roll-ups) counts.
enum class UnitSize : std::uint8_t {
  Households,  ///< number of households of the unit
  People       ///< sum of Household::size over its households
};

/// Immutable forest of units. Invariants: every parent index is a valid unit; there are no
/// cycles; a parent's level is strictly smaller than each child's; sizes are finite and
/// non-negative. Units are numbered 0..size()-1.
class UnitTree {
 public:
  /// An empty tree.
  UnitTree() = default;

  /// Builds a tree from parent indices. @p parent[u] is the index of u's parent, or any
  /// negative value for a root. @p level[u] is u's level (1..255, parents strictly smaller);
  /// when empty, levels are depth + 1. @p size[u] is u's own size (households), non-negative;
  /// when empty, every size is 0. Throws InvalidArgument with codes "unit_tree.size_mismatch",
  /// "unit_tree.parent_out_of_range", "unit_tree.cycle", "unit_tree.level_range",
  /// "unit_tree.level_order", "unit_tree.size".
  static UnitTree from_parents(std::span<const std::int64_t> parent, std::span<const std::int64_t> level = {},
                               std::span<const double> size = {}) {
    const std::size_t n = parent.size();
    require(n < kNoUnit, "unit_tree.size_mismatch", "too many units for 32-bit indices");
    require(level.empty() || level.size() == n, "unit_tree.size_mismatch", "level has a different length than parent",
            Location::of("unit tree", "level"));
    require(size.empty() || size.size() == n, "unit_tree.size_mismatch", "size has a different length than parent",
            Location::of("unit tree", "size"));
    UnitTree tree;
    tree.parent_.resize(n);
    for (std::size_t u = 0; u < n; ++u) {
      const std::int64_t p = parent[u];
      if (p < 0) {
        tree.parent_[u] = kNoUnit;
        continue;
      }
      if (static_cast<std::uint64_t>(p) >= n) {
        throw InvalidArgument("unit_tree.parent_out_of_range", "parent index out of range", unit_location(u, "parent"),
                              "parent " + std::to_string(p) + " but the tree has " + std::to_string(n) + " units");
      }
      tree.parent_[u] = static_cast<UnitIndex>(p);
    }
    tree.size_.assign(n, 0.0);
    for (std::size_t u = 0; u < size.size(); ++u) {
      if (!(size[u] >= 0.0) || !std::isfinite(size[u])) {
        throw InvalidArgument("unit_tree.size", "unit size must be finite and non-negative", unit_location(u, "size"),
                              "got " + std::to_string(size[u]));
      }
      tree.size_[u] = size[u];
    }
    tree.build_structure();  // CSR children, top-down order; detects cycles
    tree.level_.resize(n);
    if (level.empty()) {
      for (const UnitIndex u : tree.top_down_) {
        const UnitIndex p = tree.parent_[u];
        const int depth_level = p == kNoUnit ? 1 : tree.level_[p] + 1;
        if (depth_level > kMaxLevel) {
          throw InvalidArgument("unit_tree.level_range", "tree deeper than the largest level", unit_location(u, "level"),
                                "depth exceeds " + std::to_string(kMaxLevel));
        }
        tree.level_[u] = static_cast<std::uint8_t>(depth_level);
      }
    } else {
      for (std::size_t u = 0; u < n; ++u) {
        if (level[u] < 1 || level[u] > kMaxLevel) {
          throw InvalidArgument("unit_tree.level_range", "unit level out of range", unit_location(u, "level"),
                                "got " + std::to_string(level[u]) + ", levels are 1.." + std::to_string(kMaxLevel));
        }
        tree.level_[u] = static_cast<std::uint8_t>(level[u]);
      }
      for (std::size_t u = 0; u < n; ++u) {
        const UnitIndex p = tree.parent_[u];
        if (p != kNoUnit && tree.level_[p] >= tree.level_[u]) {
          throw InvalidArgument("unit_tree.level_order", "a parent must sit at a smaller level than its child",
                                unit_location(u, "level"),
                                "unit level " + std::to_string(tree.level_[u]) + ", parent " + std::to_string(p) +
                                    " level " + std::to_string(tree.level_[p]));
        }
      }
    }
    tree.build_level_index();
    return tree;
  }

  /// Compiles the organisations of @p registry (live ones, in id order) into a tree. A unit's
  /// size is the number of households of the unit (or their people, per @p measure); only
  /// level-4 units hold households.
  static UnitTree from_registry(const Registry& registry, UnitSize measure = UnitSize::Households) {
    const auto& orgs = registry.organizations();
    std::vector<std::int64_t> index_of(orgs.capacity_ids(), -1);
    std::vector<OrgId> ids;
    ids.reserve(orgs.size());
    for (const Organization& org : orgs) {
      index_of[org.id.value()] = static_cast<std::int64_t>(ids.size());
      ids.push_back(org.id);
    }
    std::vector<std::int64_t> parent(ids.size()), level(ids.size());
    std::vector<double> size(ids.size(), 0.0);
    for (std::size_t u = 0; u < ids.size(); ++u) {
      const Organization& org = registry.get(ids[u]);
      parent[u] = org.parent ? index_of[org.parent->value()] : -1;
      level[u] = static_cast<std::int64_t>(org.level);
      const auto households = registry.households_of(org.id);
      if (measure == UnitSize::Households) {
        size[u] = static_cast<double>(households.size());
      } else {
        for (const HouseholdId h : households) size[u] += registry.get(h).size;
      }
    }
    UnitTree tree = from_parents(parent, level, size);
    tree.from_registry_ = true;
    tree.org_ids_ = std::move(ids);
    tree.index_of_org_.assign(index_of.size(), kNoUnit);
    for (std::size_t u = 0; u < tree.org_ids_.size(); ++u) {
      tree.index_of_org_[tree.org_ids_[u].value()] = static_cast<UnitIndex>(u);
    }
    return tree;
  }

  /// Largest level a unit may have.
  static constexpr int kMaxLevel = 255;

  /// Number of units.
  [[nodiscard]] std::size_t size() const noexcept { return parent_.size(); }
  /// Parent of @p u, or kNoUnit for a root.
  [[nodiscard]] UnitIndex parent(UnitIndex u) const { return parent_.at(u); }
  /// Whether @p u has no parent.
  [[nodiscard]] bool is_root(UnitIndex u) const { return parent_.at(u) == kNoUnit; }
  /// Level of @p u (1 = top).
  [[nodiscard]] int level(UnitIndex u) const { return level_.at(u); }
  /// Own size of @p u (households, or people), not counting descendants.
  [[nodiscard]] double unit_size(UnitIndex u) const { return size_.at(u); }
  /// Direct children of @p u, in index order.
  [[nodiscard]] std::span<const UnitIndex> children(UnitIndex u) const {
    const auto first = child_offsets_.at(u);
    return {child_list_.data() + first, child_offsets_[u + 1] - first};
  }

  /// Parent of every unit (kNoUnit for roots).
  [[nodiscard]] std::span<const UnitIndex> parents() const noexcept { return parent_; }
  /// Level of every unit.
  [[nodiscard]] std::span<const std::uint8_t> levels() const noexcept { return level_; }
  /// Own size of every unit.
  [[nodiscard]] std::span<const double> sizes() const noexcept { return size_; }
  /// CSR offsets: the children of u are child_list()[child_offsets()[u] .. child_offsets()[u+1]).
  [[nodiscard]] std::span<const std::uint32_t> child_offsets() const noexcept { return child_offsets_; }
  /// CSR child indices, grouped by parent.
  [[nodiscard]] std::span<const UnitIndex> child_list() const noexcept { return child_list_; }
  /// Every unit, parents before children (breadth first from the roots).
  [[nodiscard]] std::span<const UnitIndex> top_down() const noexcept { return top_down_; }
  /// The levels that have at least one unit, ascending.
  [[nodiscard]] std::vector<int> level_values() const {
    std::vector<int> out;
    for (int l = 1; l <= kMaxLevel; ++l) {
      if (level_offsets_[static_cast<std::size_t>(l) + 1] > level_offsets_[static_cast<std::size_t>(l)]) out.push_back(l);
    }
    return out;
  }
  /// Units at level @p level, in index order (empty for a level without units).
  [[nodiscard]] std::span<const UnitIndex> units_at_level(int level) const {
    if (level < 1 || level > kMaxLevel) return {};
    const auto l = static_cast<std::size_t>(level);
    return {by_level_.data() + level_offsets_[l], level_offsets_[l + 1] - level_offsets_[l]};
  }
  /// Size of each unit's whole subtree (own size plus all descendants').
  [[nodiscard]] std::vector<double> subtree_sizes() const {
    std::vector<double> total(size_);
    for (auto it = top_down_.rbegin(); it != top_down_.rend(); ++it) {
      if (parent_[*it] != kNoUnit) total[parent_[*it]] += total[*it];
    }
    return total;
  }

  /// Whether the tree was built from a Registry (so org_id() and index_of() work).
  [[nodiscard]] bool has_org_ids() const noexcept { return from_registry_; }
  /// The organisation behind unit @p u; StateError("unit_tree.no_org_ids") for trees built
  /// from plain arrays.
  [[nodiscard]] OrgId org_id(UnitIndex u) const {
    if (!from_registry_) throw_no_org_ids();
    return org_ids_.at(u);
  }
  /// The unit index of organisation @p org; NotFound("unit_tree.unknown_org") when it was not
  /// in the registry the tree was built from.
  [[nodiscard]] UnitIndex index_of(OrgId org) const {
    if (const auto u = find(org)) return *u;
    throw NotFound("unit_tree.unknown_org", "organisation not in the unit tree", Location::of(org.to_string()),
                   "the tree was built from a registry that did not hold it");
  }
  /// The unit index of organisation @p org, or nothing when it was not in the registry the
  /// tree was built from; StateError("unit_tree.no_org_ids") for trees from plain arrays.
  [[nodiscard]] std::optional<UnitIndex> find(OrgId org) const {
    if (!from_registry_) throw_no_org_ids();
    if (org.value() >= index_of_org_.size() || index_of_org_[org.value()] == kNoUnit) return std::nullopt;
    return index_of_org_[org.value()];
  }

 private:
  static Location unit_location(std::size_t u, const char* field) {
    return Location::of("unit " + std::to_string(u), field);
  }
  [[noreturn]] static void throw_no_org_ids() {
    throw StateError("unit_tree.no_org_ids", "unit tree has no organisation ids", Location::of("unit tree"),
                     "it was built from plain parent arrays, not from a Registry");
  }

  // Children in CSR form (counting sort on the parent keeps index order), then a
  // breadth-first order from the roots; units it never reaches sit on a cycle.
  void build_structure() {
    const std::size_t n = parent_.size();
    child_offsets_.assign(n + 1, 0);
    for (const UnitIndex p : parent_) {
      if (p != kNoUnit) ++child_offsets_[p + 1];
    }
    for (std::size_t u = 0; u < n; ++u) child_offsets_[u + 1] += child_offsets_[u];
    child_list_.resize(child_offsets_[n]);
    std::vector<std::uint32_t> cursor(child_offsets_.begin(), child_offsets_.end() - 1);
    for (std::size_t u = 0; u < n; ++u) {
      if (parent_[u] != kNoUnit) child_list_[cursor[parent_[u]]++] = static_cast<UnitIndex>(u);
    }
    top_down_.clear();
    top_down_.reserve(n);
    for (std::size_t u = 0; u < n; ++u) {
      if (parent_[u] == kNoUnit) top_down_.push_back(static_cast<UnitIndex>(u));
    }
    for (std::size_t head = 0; head < top_down_.size(); ++head) {
      for (const UnitIndex c : children(top_down_[head])) top_down_.push_back(c);
    }
    if (top_down_.size() != n) {
      std::vector<std::uint8_t> reached(n, 0);
      for (const UnitIndex u : top_down_) reached[u] = 1;
      std::size_t u = 0;
      while (reached[u] != 0) ++u;
      throw InvalidArgument("unit_tree.cycle", "the parent links form a cycle", unit_location(u, "parent"),
                            "following parents from this unit never reaches a root");
    }
  }

  void build_level_index() {
    level_offsets_.fill(0);
    for (const std::uint8_t l : level_) ++level_offsets_[static_cast<std::size_t>(l) + 1];
    for (std::size_t l = 0; l + 1 < level_offsets_.size(); ++l) level_offsets_[l + 1] += level_offsets_[l];
    by_level_.resize(level_.size());
    auto cursor = level_offsets_;
    for (std::size_t u = 0; u < level_.size(); ++u) by_level_[cursor[level_[u]]++] = static_cast<UnitIndex>(u);
  }

  std::vector<UnitIndex> parent_;
  std::vector<std::uint8_t> level_;
  std::vector<double> size_;
  std::vector<std::uint32_t> child_offsets_{0};
  std::vector<UnitIndex> child_list_;
  std::vector<UnitIndex> top_down_;
  std::vector<UnitIndex> by_level_;
  std::array<std::uint32_t, kMaxLevel + 2> level_offsets_{};
  std::vector<OrgId> org_ids_;
  std::vector<UnitIndex> index_of_org_;
  bool from_registry_ = false;
};

}  // namespace massline
