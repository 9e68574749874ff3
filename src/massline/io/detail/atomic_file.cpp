#include <massline/io/detail/atomic_file.hpp>

#include <massline/core/error.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace massline::io::detail {

void save_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                     std::string_view code, std::string_view summary) {
  const auto failure = [&](const std::string& why) {
    return ParseError(std::string(code), std::string(summary), Location::in_file(path.string()), why);
  };
  // A name of its own per process and call, so concurrent saves never share a temporary.
  static std::atomic<unsigned> saves{0};
  std::filesystem::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(saves++);
  const auto discard = [&] {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw failure(std::strerror(errno));
    try {
      write(out);
    } catch (...) {
      out.close();
      discard();
      throw;
    }
    out.close();  // closing flushes: a full disk shows here
    if (!out) {
      const std::string why = std::strerror(errno);
      discard();
      throw failure(why);
    }
  }
  std::error_code renamed;
  std::filesystem::rename(temporary, path, renamed);
  if (renamed) {
    discard();
    throw failure(renamed.message());
  }
}

void save_atomically(const std::filesystem::path& path, std::string_view contents, std::string_view code,
                     std::string_view summary) {
  save_atomically(path, [contents](std::ostream& out) { out << contents; }, code, summary);
}

}  // namespace massline::io::detail
