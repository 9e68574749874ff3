#pragma once
/// @file
/// Cooperative cancellation of long computations (a generation, a bootstrap, a roll-up).
///
/// A caller that may want to stop a computation early owns a `std::atomic<bool>` flag and runs
/// the computation inside a CancellationScope on that flag; long kernels call
/// throw_if_cancelled() at points where stopping leaves nothing half-changed (between stages,
/// resamples, chunks), and it throws Cancelled once the flag is set. Worker threads a kernel
/// starts inherit the flag by capturing current_cancellation() and opening their own scope.
/// Without a scope (the default) throw_if_cancelled() never throws, so library users who do
/// not cancel pay one thread-local load per check. The Python bindings use this to honour
/// Ctrl-C (docs/python.md, "Interrupts").

#include <massline/core/error.hpp>

#include <atomic>

namespace massline {

/// Thrown by throw_if_cancelled() when the current computation was asked to stop (code
/// "cancelled"). Whatever the computation was building is discarded; inputs are unchanged.
class Cancelled : public Error {
 public:
  using Error::Error;
};

/// The cancellation flag of the calling thread, or nullptr outside every CancellationScope.
[[nodiscard]] const std::atomic<bool>* current_cancellation() noexcept;

/// True when the calling thread's cancellation flag is set (for loops that must finish a step
/// before stopping, e.g. worker threads that report through a result rather than throw).
[[nodiscard]] bool cancellation_requested() noexcept;

/// Throws Cancelled when the calling thread's cancellation flag is set.
void throw_if_cancelled();

/// Makes @p flag the calling thread's cancellation flag for the scope's lifetime (the previous
/// one is restored on exit, so scopes nest). A null flag means "not cancellable".
class CancellationScope {
 public:
  explicit CancellationScope(const std::atomic<bool>* flag) noexcept;
  ~CancellationScope();
  CancellationScope(const CancellationScope&) = delete;
  CancellationScope& operator=(const CancellationScope&) = delete;

 private:
  const std::atomic<bool>* previous_;
};

}  // namespace massline
