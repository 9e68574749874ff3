#include <massline/io/detail/read_file.hpp>

#include <massline/core/error.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>

namespace massline::io::detail {
namespace {

ParseError failed(const std::filesystem::path& path, ReadFailure failure, const std::string& why) {
  return ParseError(std::string(failure.code), std::string(failure.summary), Location::in_file(path.string()), why);
}

std::string kind_of(std::filesystem::file_type type) {
  using T = std::filesystem::file_type;
  switch (type) {
    case T::directory: return "a directory";
    case T::fifo: return "a FIFO (named pipe)";
    case T::character: return "a character device";
    case T::block: return "a block device";
    case T::socket: return "a socket";
    default: return "not a regular file";
  }
}

}  // namespace

std::ifstream open_regular_file(const std::filesystem::path& path, ReadFailure failure) {
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (status_error) throw failed(path, failure, status_error.message());
  if (status.type() != std::filesystem::file_type::regular)
    throw failed(path, failure, "it is " + kind_of(status.type()) + "; only regular files are read");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw failed(path, failure, std::strerror(errno));
  return in;
}

std::string read_regular_file(const std::filesystem::path& path, std::size_t max_bytes, ReadFailure failure) {
  std::ifstream in = open_regular_file(path, failure);
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  if (size_error) throw failed(path, failure, size_error.message());
  const auto too_large = [&](std::uintmax_t bytes) {
    return failed(path, failure,
                  "the file has " + std::to_string(bytes) + " bytes, more than the limit of " +
                      std::to_string(max_bytes));
  };
  if (size > max_bytes) throw too_large(size);
  std::string text;
  text.resize(static_cast<std::size_t>(size) + 1);  // one more: a file that grew is noticed
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw failed(path, failure, std::strerror(errno));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > size) {
    // It grew after it was measured: read on only up to the limit.
    std::string more(max_bytes - text.size() + 1, '\0');
    in.read(more.data(), static_cast<std::streamsize>(more.size()));
    text.append(more.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) throw too_large(text.size());
  }
  return text;
}

}  // namespace massline::io::detail
