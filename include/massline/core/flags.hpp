#pragma once
/// @file
/// A small typed bit set over an enum whose enumerators are 0..N-1 (household categories,
/// member kinds). Cheap to copy, comparable, iterable by enumerator.

#include <bit>
#include <cstdint>
#include <initializer_list>
#include <type_traits>

namespace massline {

/// Set of enumerators of @p E (at most 32, each enumerator value a bit position; an
/// enumerator outside 0..31 is a precondition violation).
template <class E>
class Flags {
  static_assert(std::is_enum_v<E>);

 public:
  constexpr Flags() noexcept = default;
  constexpr Flags(std::initializer_list<E> values) noexcept {
    for (E e : values) set(e);
  }
  /// From the raw bit pattern (bit i = enumerator i).
  static constexpr Flags from_bits(std::uint32_t bits) noexcept {
    Flags f;
    f.bits_ = bits;
    return f;
  }
  [[nodiscard]] constexpr std::uint32_t bits() const noexcept { return bits_; }
  [[nodiscard]] constexpr bool test(E e) const noexcept { return (bits_ & bit(e)) != 0; }
  constexpr Flags& set(E e, bool on = true) noexcept {
    bits_ = on ? (bits_ | bit(e)) : (bits_ & ~bit(e));
    return *this;
  }
  constexpr Flags& reset(E e) noexcept { return set(e, false); }
  /// Calls @p f(E) for each enumerator in the set, in increasing order.
  template <class F>
  constexpr void for_each(F&& f) const {
    for (std::uint32_t rest = bits_; rest != 0; rest &= rest - 1) {
      f(static_cast<E>(std::countr_zero(rest)));
    }
  }
  [[nodiscard]] constexpr bool any() const noexcept { return bits_ != 0; }
  [[nodiscard]] constexpr bool none() const noexcept { return bits_ == 0; }
  [[nodiscard]] constexpr int count() const noexcept { return std::popcount(bits_); }
  /// True when this set shares at least one enumerator with @p other.
  [[nodiscard]] constexpr bool intersects(Flags other) const noexcept { return (bits_ & other.bits_) != 0; }
  friend constexpr Flags operator|(Flags a, Flags b) noexcept { return from_bits(a.bits_ | b.bits_); }
  friend constexpr Flags operator&(Flags a, Flags b) noexcept { return from_bits(a.bits_ & b.bits_); }
  friend constexpr bool operator==(Flags, Flags) noexcept = default;

 private:
  static constexpr std::uint32_t bit(E e) noexcept { return std::uint32_t{1} << static_cast<unsigned>(e); }
  std::uint32_t bits_ = 0;
};

}  // namespace massline
