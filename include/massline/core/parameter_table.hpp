#pragma once
/// @file
/// A table of named numeric parameters over a plain parameter struct: each entry binds a name
/// to a field, with its type (count, real, flag), its domain, a one-line description and the
/// source of its default. It reads and writes the struct by name (the form Python keyword
/// arguments and parameter files take), checks every value against its domain and suggests
/// the closest name for a misspelt one. The synthetic-population parameters use it; any
/// engine with many levers can.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massline {

/// How a parameter's value is read from a number.
enum class ParameterType : std::uint8_t { Count, Real, Flag };
constexpr std::array<std::string_view, 3> enum_names(ParameterType) { return {"count", "real", "flag"}; }

/// Description of one numeric parameter.
struct ParameterInfo {
  std::string name;         ///< e.g. "households", "rate_difficult", "delegate_mode_home_visit"
  ParameterType type = ParameterType::Real;
  double min = 0.0;         ///< smallest allowed value
  double max = 0.0;         ///< largest allowed value
  std::string description;  ///< one line
  std::string source;       ///< where the default comes from (a source text, a data set or "assumption")
};

/// Parameter values by name; counts and flags are whole numbers.
using ParameterValues = std::map<std::string, double, std::less<>>;

namespace detail {
/// Levenshtein distance, for "did you mean" on unknown names.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// Shortest text that reads back as @p v (12 significant digits).
inline std::string number_text(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}
}  // namespace detail

/// The parameters of struct @p Params by name. Built once (entries in the documented order),
/// then used read-only; reading and writing go through member pointers, so the struct stays a
/// plain value type. Errors carry the codes "<domain>.unknown_parameter" and
/// "<domain>.bad_parameter" and locate the parameter by name.
template <class Params>
class ParameterTable {
 public:
  /// @p domain names the parameters in errors, e.g. "synth" gives "synth.bad_parameter";
  /// @p listed_in, when given, is where users find the full list (e.g. "docs/synth.md").
  explicit ParameterTable(std::string domain, std::string listed_in = {})
      : domain_(std::move(domain)), listed_in_(std::move(listed_in)) {}

  /// A whole-number field in [min, max].
  ParameterTable& count(std::string name, std::int64_t Params::* field, double min, double max, std::string description,
                        std::string source) {
    return add({std::move(name), ParameterType::Count, min, max, std::move(description), std::move(source)},
               [field](const Params& p) { return static_cast<double>(p.*field); },
               [field](Params& p, double v) { p.*field = static_cast<std::int64_t>(v); });
  }
  /// A real field in [min, max].
  ParameterTable& real(std::string name, double Params::* field, double min, double max, std::string description,
                       std::string source) {
    return add({std::move(name), ParameterType::Real, min, max, std::move(description), std::move(source)},
               [field](const Params& p) { return p.*field; }, [field](Params& p, double v) { p.*field = v; });
  }
  /// A boolean field, read and written as 0 or 1.
  ParameterTable& flag(std::string name, bool Params::* field, std::string description, std::string source) {
    return add({std::move(name), ParameterType::Flag, 0.0, 1.0, std::move(description), std::move(source)},
               [field](const Params& p) { return p.*field ? 1.0 : 0.0; },
               [field](Params& p, double v) { p.*field = v != 0.0; });
  }
  /// One real entry per enumerator of E for an enum-indexed array field, named
  /// @p prefix + the enumerator's name, each in [0, max], with a source each.
  template <class E, std::size_t N>
  ParameterTable& elements(const std::string& prefix, std::array<double, N> Params::* field, double max,
                           const std::string& description, const std::array<std::string, N>& sources) {
    static_assert(enum_count<E> == N, "the array must have one slot per enumerator");
    constexpr auto names = enum_names(E{});
    for (std::size_t i = 0; i < N; ++i) {
      const std::string item(names[i]);
      add({prefix + item, ParameterType::Real, 0.0, max, description + " '" + item + "'", sources[i]},
          [field, i](const Params& p) { return (p.*field)[i]; }, [field, i](Params& p, double v) { (p.*field)[i] = v; });
    }
    return *this;
  }

  /// Every entry, in the order added.
  [[nodiscard]] const std::vector<ParameterInfo>& infos() const noexcept { return infos_; }
  /// The entry named @p name, or nullptr.
  [[nodiscard]] const ParameterInfo* find(std::string_view name) const {
    const auto it = std::find_if(infos_.begin(), infos_.end(), [&](const ParameterInfo& i) { return i.name == name; });
    return it == infos_.end() ? nullptr : &*it;
  }

  /// Every value of @p params by name.
  [[nodiscard]] ParameterValues to_map(const Params& params) const {
    ParameterValues out;
    for (std::size_t k = 0; k < infos_.size(); ++k) out.emplace(infos_[k].name, get_[k](params));
    return out;
  }

  /// Writes @p values into @p params, each checked against its domain. Throws (and leaves
  /// @p params unchanged) on an unknown name, naming the closest known one, or a bad value.
  void apply(Params& params, const ParameterValues& values) const {
    Params next = params;
    for (const auto& entry : values) {
      const std::size_t k = index_of(entry.first);
      check_value(infos_[k], entry.second);
      set_[k](next, entry.second);
    }
    params = std::move(next);
  }

  /// Throws "<domain>.bad_parameter" unless every value of @p params is in its domain.
  void check(const Params& params) const {
    for (std::size_t k = 0; k < infos_.size(); ++k) check_value(infos_[k], get_[k](params));
  }

  /// Throws "<domain>.bad_parameter" for parameter @p name, saying @p why (for the
  /// constraints between parameters that the caller checks itself).
  [[noreturn]] void bad(const std::string& name, const std::string& why) const {
    throw InvalidArgument(domain_ + ".bad_parameter", "invalid " + domain_ + " parameter '" + name + "'",
                          Location::of(domain_ + " parameters", name), why);
  }

 private:
  ParameterTable& add(ParameterInfo info, std::function<double(const Params&)> get, std::function<void(Params&, double)> set) {
    require(find(info.name) == nullptr, "parameter_table.duplicate", "parameter '" + info.name + "' added twice");
    infos_.push_back(std::move(info));
    get_.push_back(std::move(get));
    set_.push_back(std::move(set));
    return *this;
  }

  std::size_t index_of(const std::string& name) const {
    for (std::size_t k = 0; k < infos_.size(); ++k)
      if (infos_[k].name == name) return k;
    std::string hint = "no parameter of that name";
    if (!infos_.empty()) {
      const auto best = std::min_element(infos_.begin(), infos_.end(), [&](const ParameterInfo& a, const ParameterInfo& b) {
        return detail::edit_distance(name, a.name) < detail::edit_distance(name, b.name);
      });
      hint += "; did you mean '" + best->name + "'?";
    }
    if (!listed_in_.empty()) hint += " (" + listed_in_ + " lists all)";
    throw InvalidArgument(domain_ + ".unknown_parameter", "unknown " + domain_ + " parameter '" + name + "'",
                          Location::of(domain_ + " parameters", name), hint);
  }

  void check_value(const ParameterInfo& info, double v) const {
    using detail::number_text;
    if (!std::isfinite(v)) bad(info.name, "must be a finite number, got " + number_text(v));
    if (info.type != ParameterType::Real && v != std::floor(v)) bad(info.name, "must be a whole number, got " + number_text(v));
    if (info.type == ParameterType::Flag && v != 0.0 && v != 1.0) bad(info.name, "is a flag: 0 or 1, got " + number_text(v));
    if (v < info.min || v > info.max)
      bad(info.name, "must be in [" + number_text(info.min) + ", " + number_text(info.max) + "], got " + number_text(v));
  }

  std::string domain_;
  std::string listed_in_;
  std::vector<ParameterInfo> infos_;
  std::vector<std::function<double(const Params&)>> get_;
  std::vector<std::function<void(Params&, double)>> set_;
};

}  // namespace massline
