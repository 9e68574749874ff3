// Benchmarks of massline::scoring::Rollup: 10^7 responses x 24 items through a four-level
// tree (1 county, 30 townships, 600 communities, 12,000 grids) with Wilson intervals.
//
// Two modes:
//   bench_rollup [google-benchmark flags]        Google Benchmark on synthetic data made here
//   bench_rollup --runner [options]              bench/run.py's line protocol: "rollup <seconds> <runs>",
//                                                "# cpu rollup <CPU seconds>", "# counts ..." (fastest run)
//       --data=DIR      read the data written by bench/rollup_peer.py (same data as the pandas peer)
//                       and write the results to DIR/cpp_*.bin for the peer to compare
//       --responses=N   synthetic responses when no --data (default 10000000)
//       --threads=T     worker threads (default 1)
//       --repeat=R      timed runs (default 3); the minimum is reported
//       --by=respondents|households, --weighted   roll-up variant
#include <massline/scoring/rollup.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using massline::scoring::AnswerColumns;
using massline::scoring::ResponseMatrix;
using massline::scoring::Rollup;
using massline::scoring::RollupOptions;
using massline::scoring::RollupResult;
using massline::scoring::RollupWeighting;
using massline::UnitIndex;
using massline::UnitTree;

constexpr std::size_t kItems = 24;
constexpr std::size_t kPeriods = 4;

struct Data {
  std::vector<std::int64_t> parent, level;
  std::vector<double> size;
  std::vector<UnitIndex> unit;
  std::vector<std::uint32_t> period;
  std::vector<std::int8_t> satisfied;  // rows x items, -1 = not answered
  std::vector<double> weight;
  std::size_t items = kItems, periods = kPeriods;
  std::vector<UnitIndex> grids;
};

// County -> 30 townships -> 20 communities each -> 20 grids each; grids hold 200..1200 households.
void make_tree(Data& d, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> households(200, 1200);
  const auto add = [&](std::int64_t parent, std::int64_t level) {
    d.parent.push_back(parent);
    d.level.push_back(level);
    d.size.push_back(level == 4 ? households(rng) : 0.0);
    return static_cast<std::int64_t>(d.parent.size() - 1);
  };
  const auto county = add(-1, 1);
  for (int t = 0; t < 30; ++t) {
    const auto township = add(county, 2);
    for (int c = 0; c < 20; ++c) {
      const auto community = add(township, 3);
      for (int g = 0; g < 20; ++g) d.grids.push_back(static_cast<UnitIndex>(add(community, 4)));
    }
  }
}

Data synthetic(std::size_t rows, std::uint64_t seed = 20240601) {
  Data d;
  std::mt19937_64 rng(seed);
  make_tree(d, rng);
  // Each grid has its own satisfaction level, so rates differ between units.
  std::vector<std::uint32_t> threshold(d.parent.size());
  std::uniform_real_distribution<double> level(0.55, 0.95);
  for (auto& t : threshold) t = static_cast<std::uint32_t>(level(rng) * 1000.0);
  d.unit.resize(rows);
  d.period.resize(rows);
  d.weight.resize(rows);
  d.satisfied.resize(rows * d.items);
  std::uniform_real_distribution<double> weight(0.5, 2.0);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::uint64_t draw = rng();
    const UnitIndex u = d.grids[draw % d.grids.size()];
    d.unit[r] = u;
    d.period[r] = static_cast<std::uint32_t>((draw >> 32) % d.periods);
    d.weight[r] = weight(rng);
    std::uint64_t bits = rng();
    for (std::size_t j = 0; j < d.items; ++j) {
      if (j % 6 == 0) bits = rng();
      const auto v = static_cast<std::uint32_t>(bits & 0x3FF);
      bits >>= 10;
      // about 4 % missing, otherwise satisfied with the grid's probability
      d.satisfied[r * d.items + j] = static_cast<std::int8_t>(v < 40 ? -1 : (v * 1000 / 1024 < threshold[u] ? 1 : 0));
    }
  }
  return d;
}

template <class T>
std::vector<T> read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + path);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<T> out(bytes / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(bytes));
  return out;
}

template <class T>
void write_raw(const std::string& path, std::span<const T> data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size_bytes()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

Data load(const std::string& dir) {
  Data d;
  std::ifstream meta(dir + "/meta.txt");
  std::size_t rows = 0;
  if (!(meta >> rows >> d.items >> d.periods)) throw std::runtime_error("cannot read " + dir + "/meta.txt");
  d.parent = read_raw<std::int64_t>(dir + "/tree_parent.bin");
  d.level = read_raw<std::int64_t>(dir + "/tree_level.bin");
  d.size = read_raw<double>(dir + "/tree_size.bin");
  d.unit = read_raw<UnitIndex>(dir + "/unit.bin");
  d.period = read_raw<std::uint32_t>(dir + "/period.bin");
  d.satisfied = read_raw<std::int8_t>(dir + "/satisfied.bin");
  d.weight = read_raw<double>(dir + "/weight.bin");
  if (d.unit.size() != rows || d.satisfied.size() != rows * d.items) throw std::runtime_error("inconsistent data in " + dir);
  return d;
}

ResponseMatrix matrix(const Data& d, bool weighted) {
  ResponseMatrix m;
  m.unit = d.unit;
  m.satisfied = d.satisfied;
  m.period = d.period;
  if (weighted) m.weight = d.weight;
  m.items = d.items;
  m.periods = d.periods;
  return m;
}

const Data& shared_data() {
  static const Data data = synthetic(10'000'000);
  return data;
}

void BM_RollupWide(benchmark::State& state) {
  const Data& d = shared_data();
  RollupOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  options.by = state.range(1) != 0 ? RollupWeighting::Households : RollupWeighting::Respondents;
  const bool weighted = state.range(2) != 0;
  const Rollup engine(UnitTree::from_parents(d.parent, d.level, d.size), options);
  const ResponseMatrix m = matrix(d, weighted);
  for (auto _ : state) {
    RollupResult r = engine.run(m);
    benchmark::DoNotOptimize(r.rate().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(d.unit.size() * d.items));
  state.counters["responses"] = static_cast<double>(d.unit.size());
}
BENCHMARK(BM_RollupWide)
    ->ArgNames({"threads", "households", "weighted"})
    ->Args({1, 0, 0})
    ->Args({2, 0, 0})
    ->Args({1, 0, 1})
    ->Args({1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The same answers in the long layout (one row per answer), 10^7 answers over 24 items.
void BM_RollupLong(benchmark::State& state) {
  const Data& d = shared_data();
  const std::size_t rows = 10'000'000;
  std::vector<UnitIndex> unit(rows);
  std::vector<std::uint32_t> item(rows), period(rows);
  std::vector<std::uint8_t> sat(rows);
  std::size_t k = 0;
  for (std::size_t r = 0; k < rows; ++r) {
    for (std::size_t j = 0; j < d.items && k < rows; ++j) {
      const std::int8_t v = d.satisfied[r * d.items + j];
      if (v < 0) continue;
      unit[k] = d.unit[r];
      item[k] = static_cast<std::uint32_t>(j);
      period[k] = d.period[r];
      sat[k] = static_cast<std::uint8_t>(v);
      ++k;
    }
  }
  AnswerColumns c;
  c.unit = unit;
  c.item = item;
  c.period = period;
  c.satisfied = sat;
  c.items = d.items;
  c.periods = d.periods;
  RollupOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  const Rollup engine(UnitTree::from_parents(d.parent, d.level, d.size), options);
  for (auto _ : state) {
    RollupResult r = engine.run(c);
    benchmark::DoNotOptimize(r.rate().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
}
BENCHMARK(BM_RollupLong)->ArgNames({"threads"})->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0) return argv[i] + prefix.size();
  }
  return fallback;
}
bool flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i) {
    if (("--" + name) == argv[i]) return true;
  }
  return false;
}

int runner(int argc, char** argv) {
  const std::string dir = option(argc, argv, "data", "");
  const Data d = dir.empty() ? synthetic(std::stoull(option(argc, argv, "responses", "10000000"))) : load(dir);
  RollupOptions options;
  options.threads = static_cast<unsigned>(std::stoul(option(argc, argv, "threads", "1")));
  const std::string by = option(argc, argv, "by", "respondents");
  options.by = by == "households" ? RollupWeighting::Households : RollupWeighting::Respondents;
  const bool weighted = flag(argc, argv, "weighted");
  const int repeat = std::max(1, std::stoi(option(argc, argv, "repeat", "3")));
  const Rollup engine(UnitTree::from_parents(d.parent, d.level, d.size), options);
  const ResponseMatrix m = matrix(d, weighted);
  double best = 1e300, best_cpu = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    RollupResult r = engine.run(m);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    if (i == repeat - 1 && !dir.empty()) {
      write_raw<std::uint64_t>(dir + "/cpp_n.bin", r.n());
      write_raw<double>(dir + "/cpp_rate.bin", r.rate());
      write_raw<double>(dir + "/cpp_low.bin", r.low());
      write_raw<double>(dir + "/cpp_high.bin", r.high());
    }
    benchmark::DoNotOptimize(r.rate().data());
  }
  // Line protocol of bench/run.py: the timing line, then comments (CPU time, workload).
  std::printf("rollup %.6f %d\n", best, repeat);
  std::printf("# cpu rollup %.6f\n", best_cpu);
  std::printf("# counts responses=%zu items=%zu periods=%zu units=%zu threads=%u by=%s weighted=%d layout=wide\n",
              d.unit.size(), d.items, d.periods, d.parent.size(), options.threads, by.c_str(), weighted ? 1 : 0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (flag(argc, argv, "runner")) {
    try {
      return runner(argc, argv);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_rollup: %s\n", e.what());
      return 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
