// Rules and normal forms of the personal fields (docs/model.md, "Personal fields").
#include <massline/model/personal_fields.hpp>

#include <massline/core/utf8.hpp>

#include <algorithm>
#include <cstdint>

namespace massline {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int number_of(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool real_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

bool is_pseudonym(std::string_view value) noexcept {
  return value.size() == 21 && value[0] == '#' &&
         std::all_of(value.begin() + 1, value.end(), [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
}

char id_number_check_character(std::string_view first17) {
  // GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written 'X'.
  static constexpr std::array<int, 17> weights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * weights[i];
  const int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::string id_number_problem(std::string_view number) {
  if (number.empty() || is_pseudonym(number)) return {};
  if (number.size() == 15) {
    if (!std::all_of(number.begin(), number.end(), is_digit)) return "a 15-character identity number has digits only";
    if (!real_day(1900 + number_of(number.substr(6, 2)), number_of(number.substr(8, 2)), number_of(number.substr(10, 2))))
      return "characters 7..12 are not a date of birth (YYMMDD)";
    return {};
  }
  if (number.size() != 18) return "an identity number has 18 characters (or 15 in the first-generation form), got " +
                                  std::to_string(number.size()) + " bytes";
  if (!std::all_of(number.begin(), number.begin() + 17, is_digit)) return "the first 17 characters of an identity number are digits";
  const int year = number_of(number.substr(6, 4));
  if (year < 1900 || !real_day(year, number_of(number.substr(10, 2)), number_of(number.substr(12, 2))))
    return "characters 7..14 are not a date of birth (YYYYMMDD, from 1900)";
  const char expected = id_number_check_character(number.substr(0, 17));
  if (number[17] != expected) {
    return std::string("the check character is '") + utf8_escaped(number.substr(17, 1)) + "', the first 17 digits give '" +
           expected + "' (ISO 7064 MOD 11-2; 'X' in upper case)";
  }
  return {};
}

std::string phone_problem(std::string_view phone) {
  if (phone.empty() || is_pseudonym(phone)) return {};
  if (phone.size() > 32) return "a phone number has at most 32 bytes, got " + std::to_string(phone.size());
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (is_digit(c)) {
      ++digits;
    } else if (c == '+' && i == 0) {
      continue;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return "a phone number holds digits, spaces, '-', '(', ')' and a leading '+'; byte " + std::to_string(i + 1) +
             " is '" + utf8_escaped(phone.substr(i, 1)) + "'";
    }
  }
  if (digits < 3 || digits > 20) return "a phone number has 3 to 20 digits, got " + std::to_string(digits);
  return {};
}

std::string normalized_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (is_digit(c)) digits.push_back(c);
  const bool international = !phone.empty() && phone.front() == '+';
  if (international && digits.starts_with("86")) return digits.substr(2);
  if (!international && digits.starts_with("0086")) return digits.substr(4);
  return digits;
}

std::string normalized_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    // Three-byte sequences EF BC 81..EF BD 9E are U+FF01..U+FF5E (full-width ASCII), E3 80 80 is
    // the ideographic space, E3 83 BB the katakana middle dot; C2 B7 is U+00B7.
    if (b0 == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      const std::uint32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if ((b1 & 0xC0u) == 0x80 && (b2 & 0xC0u) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        const char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        if (ascii == '-' || ascii == '.') continue;
        out.push_back(ascii >= 'A' && ascii <= 'Z' ? static_cast<char>(ascii - 'A' + 'a') : ascii);
        continue;
      }
    }
    if (text.substr(i, 3) == "\xE3\x80\x80" || text.substr(i, 3) == "\xE3\x83\xBB") {
      i += 3;
      continue;
    }
    if (text.substr(i, 2) == "\xC2\xB7") {
      i += 2;
      continue;
    }
    const char c = text[i++];
    if (c == ' ' || c == '\t' || c == '-' || c == '.') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace massline
