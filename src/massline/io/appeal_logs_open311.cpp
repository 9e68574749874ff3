// Open311 GeoReport v2 service requests (JSON) as an appeal log (docs/formats.md, "Appeal logs").
// The whole document is read (bounded by kMaxOpen311FileBytes) by the strict JSON reader; the
// first bad request stops the import, located by its JSON pointer.
#include "detail/appeal_log.hpp"
#include "detail/json_value.hpp"

#include <massline/core/cancellation.hpp>
#include <massline/io/detail/read_file.hpp>

#include <istream>
#include <string>
#include <unordered_map>

namespace massline::io::detail {
namespace {

/// The day of a W3C/ISO 8601 time "YYYY-MM-DDThh:mm:ss[.f+][Z|+hh:mm|-hh:mm|+hhmm|-hhmm]" as
/// written, in the offset it is written in; none when @p text is not such a time.
std::optional<Date> w3c_day(std::string_view text) {
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const int year = ascii_number(text, 0, 4), month = ascii_number(text, 5, 2), day = ascii_number(text, 8, 2);
  const int h = ascii_number(text, 11, 2), m = ascii_number(text, 14, 2), s = ascii_number(text, 17, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return std::nullopt;  // 60: a leap second
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (rest == "Z" || rest.empty()) {
  } else if ((rest.front() == '+' || rest.front() == '-') &&
             ((rest.size() == 6 && rest[3] == ':' && ascii_number(rest, 1, 2) >= 0 && ascii_number(rest, 4, 2) >= 0) ||
              (rest.size() == 5 && ascii_number(rest, 1, 4) >= 0))) {
    if (ascii_number(rest, 1, 2) > 23) return std::nullopt;
  } else {
    return std::nullopt;
  }
  try {
    return make_date(year, month, day);
  } catch (const InvalidArgument&) {
    return std::nullopt;
  }
}

/// Reads the fields of one request, with errors located at its JSON pointer.
class Request {
 public:
  Request(const Json& value, std::size_t index, const std::string& source)
      : value_(value), index_(index), source_(source) {}

  [[nodiscard]] Location where(std::string_view key) const {
    Location at = Location::in_file(source_);
    at.entity = "request " + std::to_string(index_);
    at.field = "/" + std::to_string(index_) + (key.empty() ? "" : "/" + json_pointer_segment(key));
    return at;
  }
  [[noreturn]] void fail(std::string_view key, const std::string& kind, const std::string& what,
                         const std::string& why) const {
    throw ParseError("open311." + kind, what, where(key), why);
  }
  /// A string field; empty when absent or null.
  [[nodiscard]] std::string text(std::string_view key) const {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return {};
    if (!it->is_string()) fail(key, "type", "'" + std::string(key) + "' is not a string", "got " + std::string(it->type_name()));
    return std::string(trim(it->get_ref<const std::string&>()));
  }
  /// The service_request_id: a string, or an integer as some servers send it.
  [[nodiscard]] std::string id() const {
    constexpr std::string_view key = "service_request_id";
    const auto it = value_.find(key);
    std::string out;
    if (it != value_.end() && (it->is_number_integer() || it->is_number_unsigned())) out = it->dump();
    else out = text(key);
    if (out.empty()) fail(key, "missing", "request without a service_request_id", "every request has one");
    return out;
  }
  /// The day of a time field; none when absent, null or empty.
  [[nodiscard]] std::optional<Date> day(std::string_view key) const {
    const std::string value = text(key);
    if (value.empty()) return std::nullopt;
    if (auto d = w3c_day(value)) return d;
    fail(key, "date", "bad date '" + value + "'", "expected YYYY-MM-DDThh:mm:ss with Z or a +hh:mm offset (W3C)");
  }
  void not_before(std::string_view key, const std::optional<Date>& day, Date registered) const {
    if (day && *day < registered)
      fail(key, "order", "date before the request was made",
           to_iso(*day) + " is before requested_datetime " + to_iso(registered));
  }

 private:
  const Json& value_;
  std::size_t index_;
  const std::string& source_;
};

}  // namespace

AppealLog parse_open311(const std::filesystem::path& path) {
  return parse_open311_text(read_regular_file(path, kMaxOpen311FileBytes, {"open311.io", "cannot read Open311 file"}),
                            path.string());
}

AppealLog parse_open311(std::istream& in, const std::string& source) {
  std::string text;
  char chunk[1 << 16];
  while (in) {
    in.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > kMaxOpen311FileBytes - text.size()) {
      throw ParseError("open311.limit", "Open311 text too large", Location::in_file(source),
                       "more than " + std::to_string(kMaxOpen311FileBytes) + " bytes (io::kMaxOpen311FileBytes)");
    }
    text.append(chunk, got);
  }
  if (in.bad()) throw ParseError("open311.io", "cannot read Open311 text", Location::in_file(source), "the stream failed");
  return parse_open311_text(text, source);
}

AppealLog parse_open311_text(std::string_view text, const std::string& source) {
  const Json document = parse_json(text, source, "open311");
  if (!document.is_array()) {
    throw ParseError("open311.type", "an Open311 file is a JSON array of service requests", Location::in_file(source),
                     "got " + std::string(document.type_name()));
  }
  AppealLog log;
  log.root_code = "open311";
  log.root_name = "Open311";
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < document.size(); ++i) {
    throw_if_cancelled();  // a Ctrl-C from Python stops here, before anything is built
    const Json& value = document[i];
    const Request request(value, i, source);
    if (!value.is_object())
      request.fail("", "type", "a service request is a JSON object", "got " + std::string(value.type_name()));
    RequestFacts facts;
    facts.code = request.id();
    if (const auto [it, added] = seen.emplace(facts.code, i); !added)
      request.fail("service_request_id", "duplicate", "request '" + facts.code + "' appears twice",
                   "first as request " + std::to_string(it->second));
    const auto requested = request.day("requested_datetime");
    if (!requested) request.fail("requested_datetime", "missing", "request without a requested_datetime", "every request has one");
    facts.registered = *requested;
    const std::string status = request.text("status");
    if (status != "open" && status != "closed")
      request.fail("status", "value", "status '" + status + "'", "expected 'open' or 'closed'");
    const auto updated = request.day("updated_datetime");
    facts.due = request.day("expected_datetime");
    request.not_before("expected_datetime", facts.due, facts.registered);
    if (status == "closed") {
      if (!updated)
        request.fail("updated_datetime", "missing", "closed request without an updated_datetime",
                     "a closed request's updated_datetime is when it was closed");
      request.not_before("updated_datetime", updated, facts.registered);
      facts.fed_back = updated;
      facts.closed = updated;
      facts.feedback_note = request.text("status_notes");
    }
    facts.channel = AppealChannel::Online;
    const std::string service = request.text("service_name"), description = request.text("description");
    facts.subject = subject_of_complaint(service);
    facts.summary = service;
    if (!description.empty()) facts.summary += (service.empty() ? "" : ": ") + description;
    const std::string agency = request.text("agency_responsible");
    std::optional<std::size_t> index;
    if (!agency.empty()) index = log.agency(agency, agency);
    log.requests.push_back({appeal_from(facts, "open311", request.where("")), index});
  }
  return log;
}

}  // namespace massline::io::detail
