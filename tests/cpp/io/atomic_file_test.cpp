#include <massline/io/detail/atomic_file.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using massline::ParseError;
using massline::io::detail::save_atomically;

class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("massline_atomic_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  /// Every name in the directory, to prove no temporary is left behind.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir_)) out.push_back(entry.path().filename().string());
    return out;
  }

  fs::path dir_;
};

TEST_F(AtomicFile, WritesAndReplaces) {
  const fs::path file = dir_ / "a.json";
  save_atomically(file, "first", "test.io", "cannot write");
  EXPECT_EQ(read(file), "first");
  save_atomically(file, [](std::ostream& out) { out << "second " << 2; }, "test.io", "cannot write");
  EXPECT_EQ(read(file), "second 2");
  EXPECT_EQ(names(), std::vector<std::string>{"a.json"});
}

TEST_F(AtomicFile, ThrowingWriterLeavesTheOldFile) {
  const fs::path file = dir_ / "a.json";
  save_atomically(file, "old contents", "test.io", "cannot write");
  EXPECT_THROW(save_atomically(
                   file,
                   [](std::ostream& out) {
                     out << "half of the new contents";
                     throw std::runtime_error("writer failed");
                   },
                   "test.io", "cannot write"),
               std::runtime_error);
  EXPECT_EQ(read(file), "old contents");
  EXPECT_EQ(names(), std::vector<std::string>{"a.json"});
}

TEST_F(AtomicFile, FailedRenameLeavesTheDestinationAndNoTemporary) {
  // The destination is a non-empty directory: the temporary is written, the rename fails.
  const fs::path target = dir_ / "taken";
  fs::create_directories(target);
  std::ofstream(target / "keep.txt") << "kept";
  try {
    save_atomically(target, "new", "test.io", "cannot write test file");
    FAIL() << "expected test.io";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.code(), "test.io");
    EXPECT_EQ(e.summary(), "cannot write test file");
    EXPECT_EQ(e.where().file, target.string());
    EXPECT_FALSE(e.why().empty());
  }
  EXPECT_TRUE(fs::is_directory(target));
  EXPECT_EQ(read(target / "keep.txt"), "kept");
  EXPECT_EQ(names(), std::vector<std::string>{"taken"});
}

TEST_F(AtomicFile, MissingDirectoryCreatesNothing) {
  const fs::path file = dir_ / "no" / "such" / "a.json";
  try {
    save_atomically(file, "x", "test.io", "cannot write");
    FAIL() << "expected test.io";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.code(), "test.io");
    EXPECT_EQ(e.where().file, file.string());
  }
  EXPECT_TRUE(names().empty());
}

TEST_F(AtomicFile, ConcurrentSavesNeverMix) {
  const fs::path file = dir_ / "shared.txt";
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&file, t] {
      const std::string text(10000, static_cast<char>('a' + t));
      for (int i = 0; i < 20; ++i) save_atomically(file, text, "test.io", "cannot write");
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string result = read(file);
  ASSERT_EQ(result.size(), 10000u);
  EXPECT_EQ(result, std::string(10000, result.front()));  // one writer's whole text
  EXPECT_EQ(names(), std::vector<std::string>{"shared.txt"});
}

}  // namespace
