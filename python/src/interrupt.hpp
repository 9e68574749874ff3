#pragma once
// Long single calls that honour Ctrl-C (docs/python.md, "Interrupts").
//
// Python runs signal handlers only between bytecodes of the main thread, so a long C++ call
// would ignore Ctrl-C until it returns. interruptible() runs the work on a worker thread inside
// a massline::CancellationScope while the calling thread waits and, every kPollInterval, takes
// the GIL and calls PyErr_CheckSignals(). When a handler raises (KeyboardInterrupt), the flag
// is set, the kernels stop at their next throw_if_cancelled() (a point where nothing is half
// built), the worker is joined and its partial result dropped, and the handler's exception
// propagates. Inputs are never changed by the work, so an interrupted call leaves no state
// half changed.
//
// Gil::release lets other Python threads run meanwhile; use it only when the work touches no
// mutable object that Python can reach (copies, immutable objects, numpy buffers held by the
// call). Gil::keep holds the GIL for the whole call, also while waiting, for work that reads a
// mutable object such as a Registry, which the GIL protects (the thread-safety contract in
// docs/python.md): no other Python thread can change it before the worker is joined.

#include "bindings.hpp"

#include <massline/core/cancellation.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace massline::python {

/// How often the waiting thread checks for signals (well under the one second a user waits).
inline constexpr std::chrono::milliseconds kPollInterval{50};

enum class Gil { keep, release };

/// Runs @p work() (pure C++: it must not touch Python objects) on a worker thread, polling
/// for signals meanwhile; returns its result or rethrows its exception, or raises the
/// exception of a signal handler after cancelling and joining the worker.
template <class Work>
std::invoke_result_t<Work&> interruptible(Gil gil, Work&& work) {
  using Result = std::invoke_result_t<Work&>;
  static_assert(!std::is_void_v<Result>, "interruptible() work returns its result");
  std::atomic<bool> cancel{false};
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::optional<Result> result;
  std::exception_ptr failure;
  bool interrupted = false;
  {
    std::jthread worker([&] {
      const CancellationScope scope(&cancel);
      try {
        result.emplace(work());
      } catch (...) {
        failure = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      done = true;
      finished.notify_one();
    });
    // Waits up to one poll interval; true when the worker has finished.
    const auto wait_a_little = [&] {
      std::unique_lock lock(mutex);
      return finished.wait_for(lock, kPollInterval, [&] { return done; });
    };
    // Runs the Python signal handlers; true when one raised. In Gil::release mode the GIL is
    // taken just for the check.
    const auto signalled = [&] {
      if (gil == Gil::keep) return PyErr_CheckSignals() != 0;
      const py::gil_scoped_acquire acquire;
      return PyErr_CheckSignals() != 0;
    };
    const auto wait = [&] {
      while (!wait_a_little()) {
        if (signalled()) {
          interrupted = true;
          cancel.store(true, std::memory_order_relaxed);  // the kernels stop at their next check
          break;
        }
      }
      worker.join();  // finished, or about to stop; never needs the GIL
    };
    if (gil == Gil::release) {
      const py::gil_scoped_release release;
      wait();
    } else {
      wait();
    }
  }
  if (interrupted) throw py::error_already_set();  // the handler's exception, still pending
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace massline::python
