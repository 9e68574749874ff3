#include "json_value.hpp"

#include <massline/core/error.hpp>

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
  // The callback tracks the JSON pointer of what it is inside, for the duplicate's location.
  struct Frame {
    bool array = false;
    long index = -1;  // arrays: element being read
    std::string key;  // objects: member being read
    std::set<std::string> keys;
  };
  std::vector<Frame> open;
  const char* furthest = text.data();
  std::string duplicate, duplicate_key;  // JSON pointer and name of the first repeated key
  std::size_t duplicate_at = 0;          // its opening quote
  const auto callback = [&](int, nlohmann::json::parse_event_t event, Json& parsed) {
    using E = nlohmann::json::parse_event_t;
    const auto next_element = [&] {
      if (!open.empty() && open.back().array) ++open.back().index;
    };
    switch (event) {
      case E::object_start: next_element(); open.push_back(Frame{}); break;
      case E::array_start: next_element(); open.push_back(Frame{true, -1, {}, {}}); break;
      case E::object_end:
      case E::array_end: open.pop_back(); break;
      case E::value: next_element(); break;
      case E::key: {
        auto& frame = open.back();
        frame.key = parsed.get<std::string>();
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
    document = Json::parse(TrackingIterator(text.data(), &furthest),
                           TrackingIterator(text.data() + text.size(), &furthest), callback);
  } catch (const nlohmann::json::parse_error& err) {
    const auto at = text_position(text, err.byte == 0 ? 0 : err.byte - 1);
    std::string why = err.what();
    if (const auto start = why.find("] "); start != std::string::npos) why.erase(0, start + 2);
    throw ParseError(prefix + ".syntax", "not valid JSON", Location::in_file(source, at.line, std::to_string(at.column)),
                     why);
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
