#pragma once
/// @file
/// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) for
/// the readers, which name the byte offset of the first bad byte, and for error messages, which
/// must be valid UTF-8 whatever bytes an input held (Python decodes them as UTF-8).

#include <cstddef>
#include <string>
#include <string_view>

namespace massline {

/// Checks a byte stream one byte at a time, so streaming readers validate as they read.
class Utf8Checker {
 public:
  /// Takes the next byte; false if it cannot continue valid UTF-8 (the checker then starts
  /// afresh at the following byte).
  constexpr bool feed(unsigned char byte) noexcept {
    if (pending_ > 0) {
      if (byte < low_ || byte > high_) {
        pending_ = 0;
        return false;
      }
      --pending_;
      low_ = 0x80;
      high_ = 0xBF;
      return true;
    }
    if (byte < 0x80) return true;
    low_ = 0x80;
    high_ = 0xBF;
    if (byte >= 0xC2 && byte <= 0xDF) {
      pending_ = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      pending_ = 2;
      if (byte == 0xE0) low_ = 0xA0;   // no overlong three-byte forms
      if (byte == 0xED) high_ = 0x9F;  // no UTF-16 surrogates
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      pending_ = 3;
      if (byte == 0xF0) low_ = 0x90;   // no overlong four-byte forms
      if (byte == 0xF4) high_ = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;  // a continuation byte without a lead, C0, C1 or F5–FF
    }
    return true;
  }
  /// True between characters (false inside an unfinished sequence).
  [[nodiscard]] constexpr bool complete() const noexcept { return pending_ == 0; }

 private:
  int pending_ = 0;  // continuation bytes still expected
  unsigned char low_ = 0x80, high_ = 0xBF;  // range of the next continuation byte
};

/// One UTF-8 character: its code point and its length in bytes.
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  ///< 0: the bytes there are not one valid character
};

/// The character starting at byte @p offset of @p text; length 0 when the bytes there do not
/// form one valid UTF-8 character (a stray continuation byte, an invalid lead byte, an overlong
/// form, a surrogate, or a sequence cut by the end of the text).
[[nodiscard]] constexpr Utf8Char utf8_char_at(std::string_view text, std::size_t offset) noexcept {
  Utf8Checker checker;
  char32_t c = 0;
  for (std::size_t i = offset; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!checker.feed(byte)) return {};
    if (i == offset) {
      c = byte < 0x80 ? byte : byte < 0xE0 ? (byte & 0x1FU) : byte < 0xF0 ? (byte & 0x0FU) : (byte & 0x07U);
    } else {
      c = (c << 6U) | (byte & 0x3FU);
    }
    if (checker.complete()) return {c, i - offset + 1};
  }
  return {};
}

/// Offset of the first byte of @p text that is not part of valid UTF-8 (an unfinished sequence
/// at the end counts from its lead byte); text.size() when all of it is valid.
[[nodiscard]] constexpr std::size_t utf8_invalid_offset(std::string_view text) noexcept {
  Utf8Checker checker;
  std::size_t lead = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (checker.complete()) lead = i;
    if (!checker.feed(static_cast<unsigned char>(text[i]))) return checker.complete() && lead != i ? lead : i;
  }
  return checker.complete() ? text.size() : lead;
}

/// Two upper-case hex digits of @p byte ("FF"), for messages naming a byte.
[[nodiscard]] inline std::string hex_byte(unsigned char byte) {
  constexpr std::string_view digits = "0123456789ABCDEF";
  return {digits[byte >> 4], digits[byte & 0x0F]};
}

/// @p text with every byte that is not part of valid UTF-8 written as "\xNN", so a message
/// quoting an input stays valid UTF-8 and still shows the bytes.
[[nodiscard]] inline std::string utf8_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  while (done < text.size()) {
    const std::size_t bad = done + utf8_invalid_offset(text.substr(done));
    out.append(text.substr(done, bad - done));
    if (bad >= text.size()) break;
    out += "\\x" + hex_byte(static_cast<unsigned char>(text[bad]));
    done = bad + 1;
  }
  return out;
}

}  // namespace massline
