#pragma once
/// @file
/// Stable rule names: every rule of a PolicySet has one, so that results, files and reports can
/// refer to it across versions ("field_days.city_county").

#include <massline/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace massline::policy {

/// Longest rule name accepted.
inline constexpr std::size_t kMaxRuleNameLength = 128;

/// Throws InvalidArgument("policy.rule", field "name") unless @p name is 1..kMaxRuleNameLength
/// characters of a-z, 0-9, '_', '.' and '-', starting with a letter. @p entity says which rule
/// ("quota 3") for the location.
inline void check_rule_name(std::string_view name, const std::string& entity) {
  auto fine = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'; };
  bool ok = !name.empty() && name.size() <= kMaxRuleNameLength && name.front() >= 'a' && name.front() <= 'z';
  for (char c : name) ok = ok && fine(c);
  if (!ok) {
    throw InvalidArgument("policy.rule", "bad rule name", Location::of(entity, "name"),
                          "a rule name is 1.." + std::to_string(kMaxRuleNameLength) +
                              " characters a-z, 0-9, '_', '.', '-', starting with a letter; got '" + std::string(name) + "'");
  }
}

}  // namespace massline::policy
