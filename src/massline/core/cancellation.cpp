// The thread-local cancellation flag lives in one translation unit of the library, so the
// scope a caller opens (e.g. in the Python extension) and the checks inside the kernels always
// see the same variable.
#include <massline/core/cancellation.hpp>

namespace massline {
namespace {
thread_local const std::atomic<bool>* current_flag = nullptr;
}  // namespace

const std::atomic<bool>* current_cancellation() noexcept { return current_flag; }

bool cancellation_requested() noexcept {
  return current_flag != nullptr && current_flag->load(std::memory_order_relaxed);
}

void throw_if_cancelled() {
  if (cancellation_requested()) {
    throw Cancelled("cancelled", "computation cancelled", Location{},
                    "the caller asked it to stop; its partial result was discarded");
  }
}

CancellationScope::CancellationScope(const std::atomic<bool>* flag) noexcept : previous_(current_flag) {
  current_flag = flag;
}

CancellationScope::~CancellationScope() { current_flag = previous_; }

}  // namespace massline
