#include <massline/core/cancellation.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace massline {
namespace {

TEST(Cancellation, NothingIsCancelledOutsideAScope) {
  EXPECT_EQ(current_cancellation(), nullptr);
  EXPECT_FALSE(cancellation_requested());
  EXPECT_NO_THROW(throw_if_cancelled());
}

TEST(Cancellation, ThrowsOnceTheFlagIsSetAndScopesNest) {
  std::atomic<bool> outer{false};
  std::atomic<bool> inner{true};
  {
    const CancellationScope scope(&outer);
    EXPECT_NO_THROW(throw_if_cancelled());
    {
      const CancellationScope nested(&inner);
      EXPECT_TRUE(cancellation_requested());
      try {
        throw_if_cancelled();
        FAIL() << "expected Cancelled";
      } catch (const Cancelled& e) {
        EXPECT_EQ(e.code(), "cancelled");
      }
    }
    EXPECT_EQ(current_cancellation(), &outer);
    outer = true;
    EXPECT_THROW(throw_if_cancelled(), Cancelled);
  }
  EXPECT_EQ(current_cancellation(), nullptr);
}

TEST(Cancellation, TheFlagIsPerThread) {
  std::atomic<bool> flag{true};
  const CancellationScope scope(&flag);
  bool other_thread_sees_it = true;
  std::thread([&] { other_thread_sees_it = cancellation_requested(); }).join();
  EXPECT_FALSE(other_thread_sees_it);
  EXPECT_TRUE(cancellation_requested());
}

}  // namespace
}  // namespace massline
