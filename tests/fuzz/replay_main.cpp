// Replays fuzz inputs through the fuzz targets without libFuzzer, so every ordinary build (and
// the sanitizer build) checks the seed corpus and every input a fuzzing run has kept:
//   fuzz_replay <target> <file or directory>...
// Exit status 0 when every input kept the contract; a broken contract aborts, naming the input
// just before.
#include "contract.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

void massline_fuzz_json(const std::uint8_t* data, std::size_t size);
void massline_fuzz_csv(const std::uint8_t* data, std::size_t size);
void massline_fuzz_calendar(const std::uint8_t* data, std::size_t size);
void massline_fuzz_indicator_system(const std::uint8_t* data, std::size_t size);
void massline_fuzz_policy_set(const std::uint8_t* data, std::size_t size);
void massline_fuzz_appeal_logs(const std::uint8_t* data, std::size_t size);
void massline_fuzz_registry_json(const std::uint8_t* data, std::size_t size);

namespace {

using Target = void (*)(const std::uint8_t*, std::size_t);

// Breaks the contract on purpose (an exception that is not a massline::Error), so a CTest can
// show that a broken contract fails the run.
void broken_on_purpose(const std::uint8_t* /*data*/, std::size_t /*size*/) {
  massline_fuzz::run([] { throw std::runtime_error("not a massline error"); });
}

const std::map<std::string, Target>& targets() {
  static const std::map<std::string, Target> all{{"json", &massline_fuzz_json},
                                                 {"csv", &massline_fuzz_csv},
                                                 {"calendar", &massline_fuzz_calendar},
                                                 {"indicator_system", &massline_fuzz_indicator_system},
                                                 {"policy_set", &massline_fuzz_policy_set},
                                                 {"appeal_logs", &massline_fuzz_appeal_logs},
                                                 {"registry_json", &massline_fuzz_registry_json},
                                                 {"broken_on_purpose", &broken_on_purpose}};
  return all;
}

bool replay(Target target, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz_replay: cannot read %s\n", file.string().c_str());
    return false;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::fprintf(stderr, "%s\n", file.string().c_str());
  target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || targets().count(argv[1]) == 0) {
    std::fprintf(stderr, "usage: fuzz_replay json|csv|calendar|indicator_system|policy_set|appeal_logs|registry_json <file or directory>...\n");
    return 2;
  }
  const Target target = targets().at(argv[1]);
  std::size_t count = 0;
  bool ok = true;
  for (int i = 2; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.push_back(path);
    }
    if (files.empty()) {
      std::fprintf(stderr, "fuzz_replay: no inputs in %s\n", path.string().c_str());
      ok = false;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      ok = replay(target, file) && ok;
      ++count;
    }
  }
  std::printf("fuzz_replay %s: %zu inputs kept the contract\n", argv[1], count);
  return ok ? 0 : 1;
}
