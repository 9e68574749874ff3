#pragma once
// What every fuzz target checks, whatever bytes it is given: the reader either returns a value
// that passes the target's own checks, or throws a massline::Error whose code is set and whose
// message is valid, non-empty UTF-8 (Python decodes it). Any other exception, a crash, a hang
// or a sanitizer report is a finding. A broken contract aborts, which libFuzzer and the
// replay runner both report with the input that caused it.
#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace massline_fuzz {

[[noreturn]] inline void broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz contract broken: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void require(bool condition, const char* what, std::string_view detail = {}) {
  if (!condition) broken(what, detail);
}

// Runs @p body on one input; a massline::Error is an accepted outcome when it is well formed.
template <class Body>
void run(Body&& body) {
  try {
    body();
  } catch (const massline::Error& error) {
    const std::string_view message = error.what();
    require(!error.code().empty(), "error without a code", message);
    require(!message.empty(), "error without a message");
    require(massline::utf8_invalid_offset(message) == message.size(), "error message is not UTF-8", message);
  } catch (const std::exception& error) {
    broken("exception that is not a massline::Error", error.what());
  } catch (...) {
    broken("unknown exception", "");
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace massline_fuzz

// Each target defines its body once; the macro gives it the libFuzzer entry point in fuzz
// builds and a named function that the replay runner calls in ordinary builds.
#ifdef MASSLINE_FUZZ_ENTRY
#define MASSLINE_FUZZ_TARGET(name)                                                        \
  static void massline_fuzz_body_##name(const std::uint8_t* data, std::size_t size);      \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {     \
    massline_fuzz_body_##name(data, size);                                                \
    return 0;                                                                             \
  }                                                                                       \
  static void massline_fuzz_body_##name(const std::uint8_t* data, std::size_t size)
#else
#define MASSLINE_FUZZ_TARGET(name) \
  void massline_fuzz_##name(const std::uint8_t* data, std::size_t size)
#endif
