#pragma once
// Private helpers of the PLS sources: message formatting and the two error kinds they throw.

#include <massline/core/error.hpp>

#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massline::scoring::pls::detail {

inline std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

/// Six significant digits, for values quoted in messages.
inline std::string format_number(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

/// Bad input: InvalidArgument.
[[noreturn]] inline void invalid(std::string code, std::string what, Location where, std::string why) {
  throw InvalidArgument(std::move(code), std::move(what), std::move(where), std::move(why));
}

/// Data the algorithm cannot fit (singular, not converging, inadmissible): ConvergenceError.
[[noreturn]] inline void degenerate(std::string code, std::string what, Location where, std::string why) {
  throw ConvergenceError(std::move(code), std::move(what), std::move(where), std::move(why));
}

}  // namespace massline::scoring::pls::detail
