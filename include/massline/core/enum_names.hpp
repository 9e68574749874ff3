#pragma once
/// @file
/// Names of enumerators for messages, files and Python. Each enum declares
/// `constexpr std::array<std::string_view, N> enum_names(E)` via ADL; these helpers use it.

#include <massline/core/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace massline {

/// Value of the first enumerator; enums numbered from 1 (OrgLevel) declare
/// `constexpr int enum_first(E)` next to enum_names.
template <class E>
[[nodiscard]] constexpr int first_enumerator() {
  if constexpr (requires { enum_first(E{}); }) {
    return enum_first(E{});
  } else {
    return 0;
  }
}

/// Number of enumerators of E: the length of enum_names(E).
template <class E>
inline constexpr std::size_t enum_count = enum_names(E{}).size();

/// 0-based position of @p value in enum_names(E), whatever the first enumerator's value.
template <class E>
[[nodiscard]] constexpr std::size_t enum_index(E value) noexcept {
  return static_cast<std::size_t>(static_cast<int>(value) - first_enumerator<E>());
}

/// One slot per enumerator of E, indexed by enum_index(value): sized from the enum itself, so
/// a new enumerator grows every such array.
template <class E, class T>
using EnumArray = std::array<T, enum_count<E>>;

/// snake_case name of an enumerator, e.g. to_name(OrgLevel::Township) == "township".
template <class E>
[[nodiscard]] constexpr std::string_view to_name(E value) {
  constexpr auto names = enum_names(E{});
  const int offset = static_cast<int>(value) - first_enumerator<E>();
  const auto index = static_cast<std::size_t>(offset);
  return offset >= 0 && index < names.size() ? names[index] : std::string_view("?");
}

/// Parses a name produced by to_name; throws InvalidArgument("enum.unknown") listing the choices.
template <class E>
[[nodiscard]] E from_name(std::string_view name, std::string_view what, const Location& where = {}) {
  constexpr auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(static_cast<int>(i) + first_enumerator<E>());
  }
  std::string choices;
  for (auto n : names) {
    if (!choices.empty()) choices += ", ";
    choices += n;
  }
  throw InvalidArgument("enum.unknown", "unknown " + std::string(what) + " '" + std::string(name) + "'",
                        where, "expected one of: " + choices);
}

}  // namespace massline
