#include "context.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>
#include <massline/io/policy_file.hpp>
#include <massline/io/registry_json.hpp>
#include <massline/io/sqlite_store.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <ostream>
#include <random>
#include <system_error>

namespace massline::cli {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

// ---- progress ----

Progress::Progress(Console& console, std::string label) : console_(console), label_(std::move(label)) {
  if (console_.progress) {
    console_.err << label_ << "..." << std::flush;
    drawn_ = true;
  }
}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total) {
  if (!console_.progress || total == 0) return;
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;  // redraws are for eyes, not for logs
  last_ = now;
  constexpr std::size_t width = 30;
  const std::size_t filled = std::min(width, done * width / total);
  console_.err << "\r\x1b[K" << label_ << " [" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
               << done << '/' << total << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (!drawn_) return;
  console_.err << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

// ---- stores ----

StoreKind store_kind(const std::filesystem::path& path) {
  const std::string suffix = lower(path.extension().string());
  if (suffix == ".sqlite" || suffix == ".sqlite3" || suffix == ".db") return StoreKind::Sqlite;
  if (suffix == ".json") return StoreKind::Json;
  throw Exit(ExitCode::Usage, "store '" + path.string() +
                                  "': a store is a SQLite file (.sqlite, .sqlite3, .db) or a registry JSON file (.json)");
}

Registry load_store(const std::filesystem::path& path) {
  const StoreKind kind = store_kind(path);
  return read_input([&] { return kind == StoreKind::Sqlite ? io::load_registry_sqlite(path) : io::load_registry_json(path); });
}

void save_store(const Registry& registry, const std::filesystem::path& path) {
  const StoreKind kind = store_kind(path);
  write_output([&] {
    if (kind == StoreKind::Sqlite) {
      io::save_registry_sqlite(registry, path);
    } else {
      io::save_registry_json(registry, path);
    }
  });
}

void require_new_or_forced(const std::filesystem::path& path, bool force, std::string_view option) {
  std::error_code ec;
  if (!force && std::filesystem::exists(path, ec)) {
    throw Exit(ExitCode::Usage, std::string(option) + " '" + path.string() +
                                    "' exists; pass --force to replace it (it is left as it is)");
  }
}

// ---- arguments ----

Period parse_period(std::string_view text) {
  const auto bad = [&text](const std::string& why) {
    return Exit(ExitCode::Usage, "--period '" + std::string(text) + "': " + why);
  };
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) throw bad("expected YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM");
  const int year = to_int(text.substr(0, 4));
  if (year < 1401 || year > 9998) throw bad("the year must be 1401 .. 9998");
  const std::string_view rest = text.substr(4);
  if (rest.empty()) return Period::year(year);
  if (rest.size() == 3 && rest[0] == '-' && (rest[1] == 'H' || rest[1] == 'h') && (rest[2] == '1' || rest[2] == '2'))
    return Period::half_year(year, rest[2] - '0');
  if (rest.size() == 3 && rest[0] == '-' && (rest[1] == 'Q' || rest[1] == 'q') && rest[2] >= '1' && rest[2] <= '4')
    return Period::quarter(year, rest[2] - '0');
  if (rest.size() == 3 && rest[0] == '-' && all_digits(rest.substr(1))) {
    const int month = to_int(rest.substr(1));
    if (month >= 1 && month <= 12) return Period::month(year, month);
  }
  throw bad("expected YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM");
}

policy::PolicySet load_policy(const std::string& path) {
  if (path.empty()) return policy::PolicySet::standard();
  return read_input([&] { return io::load_policy_set(path); });
}

ParameterValues parse_settings(const std::vector<std::string>& settings) {
  ParameterValues values;
  for (const std::string& setting : settings) {
    const auto eq = setting.find('=');
    const std::string name = setting.substr(0, eq);
    const std::string text = eq == std::string::npos ? std::string() : setting.substr(eq + 1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (eq == std::string::npos || name.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value)) {
      throw Exit(ExitCode::Usage, "--set '" + setting + "': expected name=number, e.g. --set visit_quality=0.85");
    }
    if (!values.emplace(name, value).second) throw Exit(ExitCode::Usage, "--set '" + name + "' given twice");
  }
  return values;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  stop_if_interrupted();
  namespace fs = std::filesystem;
  std::random_device entropy;
  const fs::path temporary = path.string() + ".tmp" + std::to_string(entropy());
  const auto fail = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return Exit(ExitCode::Failed, "cannot write '" + path.string() + "': " + why);
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw fail(std::error_code(errno, std::generic_category()).message());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw fail("write failed (disk full?)");
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) throw fail(ec.message());
}

void stop_if_interrupted() { throw_if_cancelled(); }

namespace {

/// Columns of code point @p c (the ranges of Unicode's East Asian Width W and F classes that
/// hold assigned characters, and the combining and zero-width ones).
std::size_t columns_of(char32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0x20D0 && c <= 0x20FF)) {
    return 0;
  }
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
                    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
                    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x2FFFD) || (c >= 0x30000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = utf8_char_at(text, i);
    if (c.length == 0) {  // a byte that starts no valid character
      width += 1;
      i += 1;
      continue;
    }
    width += columns_of(c.code_point);
    i += c.length;
  }
  return width;
}

std::string pad_right(std::string_view text, std::size_t columns) {
  const std::size_t width = display_width(text);
  std::string out(text);
  if (width < columns) out.append(columns - width, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t columns) {
  const std::size_t width = display_width(text);
  std::string out(width < columns ? columns - width : 0, ' ');
  out += text;
  return out;
}

}  // namespace massline::cli
