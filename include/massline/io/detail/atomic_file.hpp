#pragma once
/// @file
/// Saving a file all or nothing: the content goes to a temporary file beside the destination
/// (same directory, so same file system) that is renamed over it, so the destination is
/// either replaced whole or left as it was, and no temporary is left behind either way.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace massline::io::detail {

/// Writes @p path from @p write, which fills the stream it is given. When @p write throws,
/// the exception passes through unchanged; when the file cannot be written or renamed, the
/// save throws ParseError(@p code, @p summary) located at @p path, with the system's reason.
/// In both cases the destination is untouched and the temporary removed. Concurrent saves
/// (threads or processes) each use a temporary of their own; the last rename wins.
void save_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                     std::string_view code, std::string_view summary);

/// save_atomically with @p contents as the whole file.
void save_atomically(const std::filesystem::path& path, std::string_view contents, std::string_view code,
                     std::string_view summary);

}  // namespace massline::io::detail
