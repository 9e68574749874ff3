#pragma once
/// @file
/// Id-indexed storage used by the Registry, and the read-only view it hands out.

#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace massline {

/// Storage for one entity type: slot i holds the entity with id i. Removed ids leave a dead
/// slot and are never reused, so a stale id is reported as unknown instead of aliasing.
template <class T, class IdT>
class EntityTable {
 public:
  [[nodiscard]] bool contains(IdT id) const noexcept { return id.value() < alive_.size() && alive_[id.value()] != 0; }
  [[nodiscard]] const T* find(IdT id) const noexcept { return contains(id) ? &slots_[id.value()] : nullptr; }
  /// Throws NotFound("registry.unknown_id") when @p id is not live.
  [[nodiscard]] const T& get(IdT id) const {
    if (!contains(id)) {
      throw NotFound("registry.unknown_id", std::string("no such ") + IdT::kind(),
                     Location::of(id.to_string()), "the id was never assigned or its entity was removed");
    }
    return slots_[id.value()];
  }
  [[nodiscard]] std::size_t size() const noexcept { return live_; }
  [[nodiscard]] bool empty() const noexcept { return live_ == 0; }
  /// One past the largest id ever assigned: the length of flat per-id arrays.
  [[nodiscard]] std::size_t capacity_ids() const noexcept { return slots_.size(); }
  /// The id the next insert() will assign.
  [[nodiscard]] IdT next_id() const noexcept { return IdT{static_cast<typename IdT::value_type>(slots_.size())}; }

  void reserve(std::size_t n) {
    slots_.reserve(n);
    alive_.reserve(n);
  }
  /// Stores @p value under next_id() (the caller has set value.id accordingly).
  IdT insert(T value) {
    const IdT id = next_id();
    slots_.push_back(std::move(value));
    alive_.push_back(1);
    ++live_;
    return id;
  }
  /// Leaves every id below @p next that was never assigned unused, as if its entity had been
  /// added and removed, so that the next insert() assigns @p next (restoring a saved table
  /// with its gaps). @p next must not be below next_id().
  void skip_to(IdT next) {
    if (next.value() < slots_.size()) {
      throw InvalidArgument("registry.skip_ids", std::string("cannot move the next ") + IdT::kind() + " id back",
                            Location::of(next.to_string()),
                            "ids below " + next_id().to_string() + " are already assigned; ids are never reused");
    }
    slots_.resize(next.value());
    alive_.resize(next.value(), 0);
  }
  T& mutable_get(IdT id) { return slots_[id.value()]; }
  void erase(IdT id) {
    slots_[id.value()] = T{};  // release owned memory now
    alive_[id.value()] = 0;
    --live_;
  }

  /// Forward iterator over live entities in id order.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator() = default;
    const_iterator(const EntityTable* table, std::size_t index) : table_(table), index_(index) { skip_dead(); }
    reference operator*() const { return table_->slots_[index_]; }
    pointer operator->() const { return &table_->slots_[index_]; }
    const_iterator& operator++() {
      ++index_;
      skip_dead();
      return *this;
    }
    const_iterator operator++(int) {
      auto copy = *this;
      ++*this;
      return copy;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }

   private:
    void skip_dead() {
      while (index_ < table_->alive_.size() && table_->alive_[index_] == 0) ++index_;
    }
    const EntityTable* table_ = nullptr;
    std::size_t index_ = 0;
  };
  [[nodiscard]] const_iterator begin() const { return {this, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, slots_.size()}; }

  /// Same live ids holding equal entities. The next id (capacity_ids) is not compared: a
  /// table whose last entities were removed equals one where they were never added.
  friend bool operator==(const EntityTable& a, const EntityTable& b) {
    if (a.live_ != b.live_) return false;
    auto x = a.begin();
    for (auto y = b.begin(); y != b.end(); ++x, ++y) {
      if (x->id != y->id || !(*x == *y)) return false;
    }
    return true;
  }

 private:
  std::vector<T> slots_;
  std::vector<std::uint8_t> alive_;
  std::size_t live_ = 0;
};

}  // namespace massline
