#pragma once
/// @file
/// Opening input files safely: only regular files are read (a directory, a FIFO or a device
/// such as /dev/zero would block or never end), and a whole-file read stops at a size limit
/// checked before reading, so no input can exhaust memory.

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace massline::io::detail {

/// What a failure to read is reported as: ParseError(code, summary) located at the file.
struct ReadFailure {
  std::string_view code;     ///< e.g. "indicator_file.io"
  std::string_view summary;  ///< e.g. "cannot read indicator-system file"
};

/// Opens @p path for reading in binary mode after checking that it is a regular file (symbolic
/// links followed). Throws ParseError(@p failure) located at the file, naming what it is
/// instead ("it is a directory", "it is a FIFO", "it is a character device") or the
/// system's reason ("No such file or directory").
[[nodiscard]] std::ifstream open_regular_file(const std::filesystem::path& path, ReadFailure failure);

/// The whole of @p path (a regular file, as open_regular_file) when it has at most
/// @p max_bytes bytes; a larger file is refused before it is read, naming its size and the
/// limit (and a file that grows while it is read is refused when it passes the limit).
[[nodiscard]] std::string read_regular_file(const std::filesystem::path& path, std::size_t max_bytes,
                                            ReadFailure failure);

}  // namespace massline::io::detail
