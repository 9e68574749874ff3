#pragma once
/// @file
/// The personal fields real registers carry (a household head's name, address, phone and ID
/// number; a member's phone and ID number): the rules a value must follow, and the normal forms
/// under which two spellings of the same person compare equal (for duplicate detection). An
/// empty field is unknown and always allowed. docs/model.md, "Personal fields".

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace massline {

/// True for a pseudonym token as io::pseudonymize writes it: '#' then 20 lower-case hex digits.
/// No real phone or identity number starts with '#', so a token is never mistaken for one; the
/// rules below accept tokens in every personal field.
[[nodiscard]] bool is_pseudonym(std::string_view value) noexcept;

/// Why @p number is not a resident identity number (居民身份证号码, GB 11643-1999), or an empty
/// string when it is one. Accepted: 18 characters, 17 digits then a check character (a digit or
/// 'X', upper case) equal to the ISO 7064 MOD 11-2 check of the first 17 with the date of birth
/// (characters 7..14, YYYYMMDD) a real day from 1900 on; or the first-generation form of 15
/// digits (date of birth YYMMDD in 19YY); or a pseudonym token.
[[nodiscard]] std::string id_number_problem(std::string_view number);

/// The check character of the first 17 digits of an 18-character identity number (ISO 7064
/// MOD 11-2 with the weights of GB 11643): '0'..'9' or 'X'. @p first17 must hold 17 digits.
[[nodiscard]] char id_number_check_character(std::string_view first17);

/// Why @p phone is not a phone number as the registers write it, or an empty string when it is
/// one: at most 32 bytes of digits, spaces, '-', '(', ')' and one leading '+', with 3 to 20
/// digits, or a pseudonym token. Extensions in words (转 8) are left out: put them in a note.
[[nodiscard]] std::string phone_problem(std::string_view phone);

/// A phone's digits only, without a leading "+86"/"0086" country code: "+86 139-0000-1234" and
/// "13900001234" are the same number.
[[nodiscard]] std::string normalized_phone(std::string_view phone);

/// A name or address for comparison: ASCII letters lower-cased, full-width ASCII forms
/// (U+FF01..U+FF5E) and the ideographic space mapped to their ASCII forms, and every space,
/// tab, '-', '·' (U+00B7 and U+30FB) and '.' removed. "张 三" = "张三"; "３栋２单元" = "3栋2单元".
[[nodiscard]] std::string normalized_text(std::string_view text);

}  // namespace massline
