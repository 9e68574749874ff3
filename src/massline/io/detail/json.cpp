#include "json_value.hpp"

#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

namespace massline::io::detail {
namespace {

/// Hands the text to nlohmann one byte at a time and remembers how far it has got: the parser
/// reports no positions to its callback, but when the callback sees a key, the parser has read
/// exactly up to that key's closing quote.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
  reference operator*() const { return *at_; }
  TrackingIterator& operator++() {
    *furthest_ = ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.at_ == b.at_; }

 private:
  const char* at_;
  const char** furthest_;
};

/// Offset of the opening quote of the string whose closing quote is at @p closing: the nearest
/// quote before it that is not escaped (inside a JSON string every quote is escaped).
std::size_t opening_quote(std::string_view text, std::size_t closing) {
  for (std::size_t i = closing; i-- > 0;) {
    if (text[i] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

using Event = nlohmann::json::parse_event_t;

/// Builds the document as nlohmann's plain DOM parser does, telling @p observe about every
/// event first (the key's text with Event::key). Not nlohmann's parser with a callback: its
/// end_object scans the enclosing array for discarded values, which makes an array of n
/// objects cost O(n²) (200,000 indicator nodes took a minute).
template <class Observe>
class ObservingSax {
 public:
  ObservingSax(Json& result, Observe& observe) : dom_(result, true), observe_(observe) {}
  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& text) { return value() && dom_.number_float(v, text); }
  bool string(Json::string_t& v) { return value() && dom_.string(v); }
  bool binary(Json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) { return observe_(Event::object_start, nullptr) && dom_.start_object(n); }
  bool key(Json::string_t& k) { return observe_(Event::key, &k) && dom_.key(k); }
  bool end_object() { return observe_(Event::object_end, nullptr) && dom_.end_object(); }
  bool start_array(std::size_t n) { return observe_(Event::array_start, nullptr) && dom_.start_array(n); }
  bool end_array() { return observe_(Event::array_end, nullptr) && dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& error) {
    return dom_.parse_error(position, last_token, error);  // throws it
  }

 private:
  bool value() { return observe_(Event::value, nullptr); }
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  Observe& observe_;
};

/// Offset of the first character of the number that ends just before @p end.
std::size_t number_start(std::string_view text, std::size_t end) {
  std::size_t start = std::min(end, text.size());
  while (start > 0 && std::string_view("0123456789+-.eE").find(text[start - 1]) != std::string_view::npos) --start;
  return start;
}

/// The encoding checks before parsing, so that the parser's messages never quote bytes that
/// are not text: a UTF-16 or UTF-32 byte order mark gets a message of its own (otherwise the
/// file is just "not UTF-8"), and the first byte that is not UTF-8 is named by its offset.
void check_encoding(std::string_view text, const std::string& source, const std::string& prefix) {
  const auto fail = [&](std::size_t byte, const std::string& what, const std::string& why) {
    const auto at = text_position(text, byte);
    throw ParseError(prefix + ".encoding", what, Location::in_file(source, at.line, std::to_string(at.column)), why);
  };
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") || text.starts_with(std::string_view("\0\0\xFE\xFF", 4)))
    fail(0, "UTF-16 or UTF-32 text", "the file starts with a UTF-16/UTF-32 byte order mark; save it as UTF-8");
  const std::size_t bad = utf8_invalid_offset(text);
  if (bad < text.size()) {
    fail(bad, "not UTF-8 text",
         "byte offset " + std::to_string(bad) + " (byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])) +
             ") does not start or continue a UTF-8 character");
  }
}

void write_pretty(const Json& value, int indent, int depth, std::string& out) {
  const auto newline = [&](int level) {
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  if (value.is_primitive() || value.empty()) {
    out += value.dump();
    return;
  }
  if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_primitive(); })) {
    out += '[';
    for (std::size_t k = 0; k < value.size(); ++k) out += (k == 0 ? "" : ", ") + value[k].dump();
    out += ']';
    return;
  }
  const bool object = value.is_object();
  out += object ? '{' : '[';
  bool first = true;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!first) out += ',';
    first = false;
    newline(depth + 1);
    if (object) out += Json(it.key()).dump() + ": ";
    write_pretty(*it, indent, depth + 1, out);
  }
  newline(depth);
  out += object ? '}' : ']';
}

}  // namespace

TextPosition text_position(std::string_view text, std::size_t byte) {
  TextPosition at;
  for (std::size_t i = 0; i < std::min(byte, text.size()); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

std::string json_pointer_segment(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Json parse_json(std::string_view text, const std::string& source, std::string_view format) {
  const std::string prefix(format);
  check_encoding(text, source, prefix);
  // The observer tracks the JSON pointer of what it is inside, for the duplicate's location.
  struct Frame {
    bool array = false;
    long index = -1;  // arrays: element being read
    std::string key;  // objects: member being read
    std::set<std::string> keys;
  };
  std::vector<Frame> open;
  const char* furthest = text.data();
  // Thrown from the observer, which runs while the parser is at `furthest`.
  const auto limit = [&](const std::string& what, const std::string& why) {
    const auto at = text_position(text, static_cast<std::size_t>(furthest - text.data()));
    throw ParseError(prefix + ".limit", what, Location::in_file(source, at.line, std::to_string(at.column)), why);
  };
  const auto open_frame = [&](Frame frame) {
    if (open.size() >= kMaxJsonDepth)
      limit("JSON nested too deeply", "at most " + std::to_string(kMaxJsonDepth) + " levels of arrays and objects");
    open.push_back(std::move(frame));
  };
  std::string duplicate, duplicate_key;  // JSON pointer and name of the first repeated key
  std::size_t duplicate_at = 0;          // its opening quote
  auto observe = [&](Event event, const std::string* key) {
    using E = Event;
    const auto next_element = [&] {
      if (!open.empty() && open.back().array) ++open.back().index;
    };
    switch (event) {
      case E::object_start: next_element(); open_frame(Frame{}); break;
      case E::array_start: next_element(); open_frame(Frame{true, -1, {}, {}}); break;
      case E::object_end:
      case E::array_end: open.pop_back(); break;
      case E::value: next_element(); break;
      case E::key: {
        auto& frame = open.back();
        frame.key = *key;
        if (frame.keys.size() >= kMaxJsonObjectKeys)
          limit("JSON object with too many keys", "at most " + std::to_string(kMaxJsonObjectKeys) + " keys per object");
        if (duplicate.empty() && !frame.keys.insert(frame.key).second) {
          duplicate_key = frame.key;
          duplicate_at = opening_quote(text, static_cast<std::size_t>(furthest - text.data()) - 1);
          for (const auto& f : open) duplicate += "/" + (f.array ? std::to_string(f.index) : json_pointer_segment(f.key));
        }
        break;
      }
    }
    return true;
  };
  Json document;
  try {
    ObservingSax<decltype(observe)> sax(document, observe);
    (void)Json::sax_parse(TrackingIterator(text.data(), &furthest), TrackingIterator(text.data() + text.size(), &furthest),
                          &sax);
  } catch (const nlohmann::json::parse_error& err) {
    const auto at = text_position(text, err.byte == 0 ? 0 : err.byte - 1);
    std::string why = err.what();
    if (const auto start = why.find("] "); start != std::string::npos) why.erase(0, start + 2);
    throw ParseError(prefix + ".syntax", "not valid JSON", Location::in_file(source, at.line, std::to_string(at.column)),
                     why + " (byte offset " + std::to_string(err.byte == 0 ? 0 : err.byte - 1) + ")");
  } catch (const nlohmann::json::out_of_range& err) {
    // The one the parser throws is a number beyond double (1e999); it has just been read.
    const std::size_t start = number_start(text, static_cast<std::size_t>(furthest - text.data()) - 1);
    const auto at = text_position(text, start);
    std::string why = err.what();
    if (const auto from = why.find("] "); from != std::string::npos) why.erase(0, from + 2);
    throw ParseError(prefix + ".number", "number out of range", Location::in_file(source, at.line, std::to_string(at.column)),
                     why + "; numbers must fit a double (about ±1.8e308)");
  } catch (const nlohmann::json::exception& err) {
    const auto at = text_position(text, static_cast<std::size_t>(furthest - text.data()));
    throw ParseError(prefix + ".syntax", "not valid JSON", Location::in_file(source, at.line, std::to_string(at.column)),
                     err.what());
  }
  if (!duplicate.empty()) {
    const auto at = text_position(text, duplicate_at);
    Location where = Location::in_file(source, at.line, std::to_string(at.column));
    where.field = duplicate;
    throw ParseError(prefix + ".key", "duplicate key '" + duplicate_key + "'", std::move(where),
                     "each key may appear once per object");
  }
  return document;
}

std::string write_json(const Json& value, int indent) {
  if (indent < 0) return value.dump();
  std::string out;
  write_pretty(value, indent, 0, out);
  return out + "\n";
}

std::string reformat_json(std::string_view text, const std::string& source, std::string_view format, int indent) {
  return write_json(parse_json(text, source, format), indent);
}

}  // namespace massline::io::detail
