#pragma once
/// @file
/// Appeal logs from real systems: the NYC 311 service-request export (CSV), Open311 GeoReport v2
/// service requests (JSON) and the Chinese government message board of the 2020 TipDM challenge
/// (CSV), each read into appeals, one organisation per agency under a root for the source. The
/// mapping (columns, dates, events, subject areas) is documented in docs/formats.md, "Appeal logs".

#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace massline::io {

/// Which kind of log a file is.
enum class AppealLogFormat : std::uint8_t {
  Nyc311,     ///< NYC Open Data "311 Service Requests" CSV export (either column schema)
  Open311,    ///< Open311 GeoReport v2: a JSON array of service requests
  CnMessages  ///< the TipDM 2020 message-board CSV (留言编号, 留言时间, ...)
};
constexpr std::array<std::string_view, 3> enum_names(AppealLogFormat) { return {"nyc311", "open311", "cn_messages"}; }

/// Largest Open311 JSON file read (the whole document is held in memory while reading): 256 MiB.
inline constexpr std::size_t kMaxOpen311FileBytes = std::size_t{256} << 20;

/// Reads a NYC 311 CSV export into a new Registry: a level-1 root "NYC 311" (code `nyc311`), one
/// level-2 organisation per `Agency` (code `nyc311:<Agency>`) and one appeal per row (code = `Unique
/// Key`). Throws ParseError "nyc311.<kind>" located by file, line and column name; nothing is
/// returned unless every row is good.
[[nodiscard]] Registry read_nyc311(const std::filesystem::path& path);

/// Reads an Open311 GeoReport v2 JSON file (an array of service requests) into a new Registry: a
/// level-1 root "Open311" (code `open311`), one level-2 organisation per `agency_responsible`
/// (code `open311:<agency>`). Throws ParseError "open311.<kind>" located by file and JSON pointer.
[[nodiscard]] Registry read_open311(const std::filesystem::path& path);

/// Reads the TipDM 2020 message-board CSV (附件4 with replies, or 附件2 with 一级分类) into a new
/// Registry: one level-1 organisation for the board (code `cn_messages`), one appeal per message
/// (code = 留言编号). Throws ParseError "cn_messages.<kind>" located by file, line and column.
[[nodiscard]] Registry read_cn_messages(const std::filesystem::path& path);

/// The reader of @p format.
[[nodiscard]] Registry read_appeal_log(const std::filesystem::path& path, AppealLogFormat format);

/// The reader of @p format on a stream, named @p source in errors (an Open311 stream is read
/// whole first: more than kMaxOpen311FileBytes is ParseError "open311.limit").
[[nodiscard]] Registry read_appeal_log(std::istream& in, const std::string& source, AppealLogFormat format);

/// Imports the log at @p path into @p registry, whole or not at all: the file is read and checked
/// completely first, and the source's root organisation is placed under @p parent (one level below
/// it, the agencies two levels below; without a parent the root is a level-1 root). Returns the
/// root's id. Throws the reader's errors, InvalidArgument "appeal_log.parent" when @p parent is
/// below level 2 (no room for two levels under it), NotFound when it does not exist, and
/// IntegrityError "integrity.duplicate_code" when an organisation or appeal code of the log is
/// already in the registry; on any error the registry is unchanged.
OrgId import_appeal_log(Registry& registry, const std::filesystem::path& path, AppealLogFormat format,
                        std::optional<OrgId> parent = std::nullopt);

}  // namespace massline::io
