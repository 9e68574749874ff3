#pragma once
/// @file
/// The exit codes of the `massline` command (docs/cli.md, "Exit codes"), for programs that run
/// it: one number per kind of outcome, the same for every subcommand.
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace massline::cli {

/// How a `massline` command ended.
enum class ExitCode : std::uint8_t {
  Ok = 0,          ///< done; for check/validate: nothing found, or findings not asked to fail
  Findings = 1,    ///< done, and found what the command was asked to fail on (validation problems,
                   ///< short rows with --fail-on-short, accountable units with --fail-on-accountable)
  Usage = 2,       ///< bad command line: unknown command or option, a missing or malformed value
  BadInput = 3,    ///< an input file or store could not be read; the located error is on stderr
  Failed = 4,      ///< an output could not be written, or the computation itself failed
  Cancelled = 130  ///< interrupted (Ctrl-C, SIGINT): nothing was written
};

/// The documented name of each code, in the order of the enumerators.
inline constexpr std::array<std::pair<ExitCode, std::string_view>, 6> kExitCodeNames{{
    {ExitCode::Ok, "ok"},
    {ExitCode::Findings, "findings"},
    {ExitCode::Usage, "usage"},
    {ExitCode::BadInput, "bad_input"},
    {ExitCode::Failed, "failed"},
    {ExitCode::Cancelled, "cancelled"},
}};

/// The name of @p code ("bad_input"), "?" for a number that is not one.
[[nodiscard]] constexpr std::string_view exit_code_name(ExitCode code) noexcept {
  for (const auto& [value, name] : kExitCodeNames)
    if (value == code) return name;
  return "?";
}

/// @p code as the process exit status.
[[nodiscard]] constexpr int exit_status(ExitCode code) noexcept { return static_cast<int>(code); }

}  // namespace massline::cli
