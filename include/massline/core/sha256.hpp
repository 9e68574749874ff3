#pragma once
/// @file
/// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), for keyed pseudonyms of personal data
/// (io/registry_scope.hpp). Written from the standards; checked against their test vectors and
/// Python's hashlib/hmac.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace massline {

/// A SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256: update() with the message in any pieces, then digest() once.
class Sha256 {
 public:
  Sha256() noexcept;
  /// Adds @p bytes to the message.
  void update(std::string_view bytes) noexcept;
  /// The digest of everything added; the object is spent afterwards.
  [[nodiscard]] Sha256Digest digest() noexcept;

 private:
  void block(const std::uint8_t* p) noexcept;
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes added
};

/// SHA-256 of @p bytes.
[[nodiscard]] Sha256Digest sha256(std::string_view bytes) noexcept;

/// HMAC-SHA-256 of @p message under @p key (any length; keys over 64 bytes are hashed first).
[[nodiscard]] Sha256Digest hmac_sha256(std::string_view key, std::string_view message) noexcept;

/// Lower-case hexadecimal of @p digest (64 characters).
[[nodiscard]] std::string to_hex(const Sha256Digest& digest);

}  // namespace massline
