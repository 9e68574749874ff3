#pragma once
// Private to the compiled library: what the appeal-log readers (appeal_logs*.cpp) share. Each
// reader parses its whole file into an AppealLog first; only a log that parsed completely is
// put into a registry, which is how an import is whole or not at all.

#include <massline/core/date.hpp>
#include <massline/io/appeal_logs.hpp>
#include <massline/model/appeal.hpp>

#include <cstddef>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace massline::io::detail {

/// One agency or department of a log: `key` as the source spells it, `name` for the organisation.
struct LogAgency {
  std::string key;
  std::string name;
};

/// One request of a log; `agency` indexes AppealLog::agencies (none: the request stays at the root).
struct LogRequest {
  Appeal appeal;
  std::optional<std::size_t> agency;
};

/// A log parsed completely, before anything is put into a registry.
struct AppealLog {
  std::string root_code;  ///< also the prefix of the agency codes: "<root_code>:<key>"
  std::string root_name;
  std::vector<LogAgency> agencies;
  std::vector<LogRequest> requests;
  std::unordered_map<std::string, std::size_t> agency_index;  ///< key -> index in agencies

  /// The index of the agency @p key, added with @p name when new.
  std::size_t agency(const std::string& key, const std::string& name);
};

/// The dates and texts one request's history is built from (docs/formats.md, "Appeal logs").
struct RequestFacts {
  std::string code;
  Date registered{boost::gregorian::not_a_date_time};
  std::optional<Date> due;
  std::optional<Date> fed_back;  ///< with `feedback_note`
  std::optional<Date> closed;    ///< disposed and closed on this day; needs fed_back
  std::string feedback_note;
  AppealChannel channel = AppealChannel::Online;
  SubjectArea subject = SubjectArea::Other;
  std::string summary;
};

/// The appeal of @p facts: registered; sorted (reasonable_lawful, direct) on the registration day
/// and fed back when it has a feedback; disposed and closed when closed. Throws ParseError
/// "<format>.order" at @p where when the dates cannot form a history (the readers check the
/// order first, with the column that is out of place, so this is a second line).
[[nodiscard]] Appeal appeal_from(const RequestFacts& facts, std::string_view format, const Location& where);

/// Subject area of a NYC 311 complaint type or an Open311 service name (the table in
/// docs/formats.md; compared without regard to ASCII case), else SubjectArea::Other.
[[nodiscard]] SubjectArea subject_of_complaint(std::string_view type);

/// Subject area of a message-board first-level category (一级分类), else SubjectArea::Other.
[[nodiscard]] SubjectArea subject_of_category(std::string_view category);

/// The number written by the digits of @p text at [pos, pos + len) (len at most 4), or -1 when
/// the range runs past the end or holds anything but ASCII digits.
[[nodiscard]] int ascii_number(std::string_view text, std::size_t pos, std::size_t len);

/// @p text without ASCII blanks (space, tab, CR, LF) at either end.
[[nodiscard]] std::string_view trim(std::string_view text);

// The readers, from a file (errors "<format>.io" when it cannot be read) or from a stream named
// @p source in errors.
[[nodiscard]] AppealLog parse_nyc311(const std::filesystem::path& path);
[[nodiscard]] AppealLog parse_nyc311(std::istream& in, const std::string& source);
[[nodiscard]] AppealLog parse_open311(const std::filesystem::path& path);
[[nodiscard]] AppealLog parse_open311(std::istream& in, const std::string& source);
[[nodiscard]] AppealLog parse_open311_text(std::string_view text, const std::string& source);
[[nodiscard]] AppealLog parse_cn_messages(const std::filesystem::path& path);
[[nodiscard]] AppealLog parse_cn_messages(std::istream& in, const std::string& source);

}  // namespace massline::io::detail
