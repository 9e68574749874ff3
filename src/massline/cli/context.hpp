#pragma once
// What every command of the `massline` tool shares (docs/cli.md): the exit-code exception, the
// console and its progress line, stores by path, periods, policy sets and atomic text files.
// Private to the tool (src/massline/cli); the public part is <massline/cli/exit_code.hpp>.
#include <massline/cli/exit_code.hpp>
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/parameter_table.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace massline::cli {

/// Ends a command with @p code; main prints the message to stderr ("massline <command>: ...").
class Exit : public std::runtime_error {
 public:
  Exit(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

/// Where a command writes: results on `out`, messages and the progress line on `err`.
struct Console {
  std::ostream& out;
  std::ostream& err;
  bool progress = false;  ///< draw the progress line (stderr is a terminal, or --progress always)
};

/// A one-line progress bar (or, without a total, a status line) on stderr, redrawn in place and
/// erased by finish(); silent when the console says so. update() may be called from worker
/// threads (the simulation's progress callback).
class Progress {
 public:
  Progress(Console& console, std::string label);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Draws "label [#####.....] done/total" (at most ten times a second, and at the end).
  void update(std::size_t done, std::size_t total);
  /// Erases the line.
  void finish();

 private:
  Console& console_;
  std::string label_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

/// The two forms of a store path: a SQLite store (.sqlite, .sqlite3, .db) or a registry JSON
/// file (.json). Anything else is a usage error naming the accepted suffixes.
enum class StoreKind : std::uint8_t { Sqlite, Json };
[[nodiscard]] StoreKind store_kind(const std::filesystem::path& path);

/// Throws Cancelled when Ctrl-C was pressed; commands call it before writing anything.
void stop_if_interrupted();

/// Runs @p read, a read of an input file: its massline errors become Exit(BadInput) with their
/// located message (Ctrl-C's Cancelled passes through).
template <class Read>
auto read_input(Read&& read) {
  try {
    return read();
  } catch (const Cancelled&) {
    throw;
  } catch (const Error& e) {
    throw Exit(ExitCode::BadInput, e.what());
  }
}

/// Runs @p write, a write of an output file, once Ctrl-C has been ruled out: its massline errors
/// (a path that cannot be written) become Exit(Failed).
template <class Write>
void write_output(Write&& write) {
  stop_if_interrupted();
  try {
    write();
  } catch (const Cancelled&) {
    throw;
  } catch (const Error& e) {
    throw Exit(ExitCode::Failed, e.what());
  }
}

/// Loads the store @p path; any massline::Error becomes Exit(BadInput) with its located message.
[[nodiscard]] Registry load_store(const std::filesystem::path& path);
/// Saves @p registry to the store @p path (one transaction, or an atomic file replace); a
/// failure becomes Exit(Failed) and leaves the previous store.
void save_store(const Registry& registry, const std::filesystem::path& path);
/// Refuses (usage error) to replace an existing @p path unless @p force.
void require_new_or_forced(const std::filesystem::path& path, bool force, std::string_view option);

/// "2024", "2024-H1", "2024-Q3" or "2024-07" (Period::label's forms); usage error otherwise.
[[nodiscard]] Period parse_period(std::string_view text);
/// The standard policy set when @p path is empty, else the TOML/JSON policy file @p path
/// (errors: BadInput).
[[nodiscard]] policy::PolicySet load_policy(const std::string& path);
/// How outputs name the policy: "standard" or the file.
[[nodiscard]] inline std::string policy_label(const std::string& path) { return path.empty() ? "standard" : path; }
/// "name=value" settings (repeatable --set), values as numbers; usage error naming a bad one.
[[nodiscard]] ParameterValues parse_settings(const std::vector<std::string>& settings);
/// Terminal columns @p text takes: 2 for a character of the East Asian wide and fullwidth
/// ranges (CJK ideographs and punctuation, kana, Hangul, fullwidth forms, emoji), 0 for
/// combining marks and zero-width characters, 1 for any other character and for each byte that
/// is not valid UTF-8.
[[nodiscard]] std::size_t display_width(std::string_view text);
/// @p text followed by spaces up to @p columns terminal columns; a wider text is kept whole.
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t columns);
/// @p text preceded by spaces up to @p columns terminal columns; a wider text is kept whole.
[[nodiscard]] std::string pad_left(std::string_view text, std::size_t columns);

/// Writes @p text to @p path atomically (a temporary file beside it, then a rename); a failure
/// becomes Exit(Failed) and leaves the previous file.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);


}  // namespace massline::cli
