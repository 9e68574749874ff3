#pragma once
/// @file
/// The policy-set file: a policy::PolicySet as TOML (for people) or JSON (for programs), format
/// "massline.policy_set", version 1, described in docs/policy.md. It lives in io, like the
/// indicator-system file, so the policy layer stays free of file formats and their libraries
/// (toml++ and nlohmann-json are private to the compiled library). Reading is strict: unknown
/// keys, wrong types, unknown enumerator names, a missing or future version and every rule that
/// PolicySet::check() refuses are ParseErrors naming the file, the line (TOML) and the key path
/// ("quotas[3].minimum"). Whatever is saved loads back equal.

#include <massline/policy/policy_set.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace massline::io {

/// Largest policy-set text read or written, in bytes (16 MiB: room for tens of thousands of
/// rules). Larger inputs are refused before they are parsed.
inline constexpr std::size_t kMaxPolicyFileBytes = std::size_t{16} << 20;

/// The version of the policy-set format this library reads and writes.
inline constexpr std::int64_t kPolicyFileVersion = 1;

/// The two encodings of a policy-set file.
enum class PolicyFileFormat : std::uint8_t { Toml, Json };

/// The format a path's suffix names: ".toml" or ".json" (any case); throws
/// InvalidArgument("policy_file.format") for anything else.
[[nodiscard]] PolicyFileFormat policy_file_format(const std::filesystem::path& path);

/// @p set as TOML text: top-level keys, then one [[quotas]], [[coverage]] or [[deadlines]]
/// table per rule in set order, selectors and ratios as inline tables. Runs set.check() first
/// (InvalidArgument as PolicySet::check()); a threshold that is not finite cannot be written.
[[nodiscard]] std::string policy_set_to_toml(const policy::PolicySet& set);

/// @p set as JSON text with the same keys; @p indent spaces per level (negative = one line).
/// Runs set.check() first.
[[nodiscard]] std::string policy_set_to_json(const policy::PolicySet& set, int indent = 2);

/// Reads TOML text. @p source names the text in error locations. Throws ParseError
/// "policy_file.syntax" (not TOML; line and column), "policy_file.encoding" (not UTF-8, with the
/// byte offset), "policy_file.limit" (text over kMaxPolicyFileBytes, or more than
/// policy::kMaxRulesPerKind rules of a kind), "policy_file.format" (missing or wrong format tag or
/// version), "policy_file.key" (unknown or missing key), "policy_file.type" (wrong type, e.g. a
/// string for a number or a TOML date), "policy_file.value" (unknown enumerator name, a number
/// out of range), and the codes of PolicySet::check() ("policy.rule", "policy.duplicate_rule",
/// "policy.value") located in the file.
[[nodiscard]] policy::PolicySet policy_set_from_toml(std::string_view text, std::string_view source = "<string>");

/// Reads JSON text; errors as policy_set_from_toml (syntax errors with line and column, content
/// errors with the key path), plus the JSON reader's own (repeated key, nesting too deep).
[[nodiscard]] policy::PolicySet policy_set_from_json(std::string_view text, std::string_view source = "<string>");

/// Writes @p set to @p path in @p format (by default the one its suffix names), atomically: a
/// temporary file beside it is renamed into place, so an existing file is replaced whole or left
/// untouched. Throws as the writers, InvalidArgument("policy_file.limit") when the text would be
/// over kMaxPolicyFileBytes, ParseError("policy_file.io") when the file cannot be written.
void save_policy_set(const policy::PolicySet& set, const std::filesystem::path& path,
                     std::optional<PolicyFileFormat> format = std::nullopt);

/// Reads @p path in @p format (by default the one its suffix names); errors as the readers,
/// located in the file, and ParseError("policy_file.io") when it cannot be read, is not a
/// regular file (a directory, /dev/zero) or has more than kMaxPolicyFileBytes bytes, all checked
/// before anything is read.
[[nodiscard]] policy::PolicySet load_policy_set(const std::filesystem::path& path,
                                                std::optional<PolicyFileFormat> format = std::nullopt);

}  // namespace massline::io
