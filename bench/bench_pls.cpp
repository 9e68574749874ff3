// Benchmarks of massline::scoring::pls::PathModel and PlsBootstrap on the bank data
// (tests/data/satisfaction_bank.csv: 250 rows, 27 indicators, 6 latents, 10 paths).
//
// Two modes:
//   bench_pls [google-benchmark flags]   Google Benchmark: BM_PlsFit, BM_PlsFitBootstrap/threads:T
//   bench_pls --runner [options]         one line per timing (pls_fit, plsc_fit, pls_fit_bootstrap_<B>),
//                                        "<name> <seconds per run> <runs>",
//                                        as bench/run.py and the peer bench/pls_peer.py print them
//       --data=FILE      the CSV (default: tests/data/satisfaction_bank.csv of the source tree)
//       --repeat=R       fit repetitions (default 20; the mean is reported)
//       --resamples=B    bootstrap resamples (default 1000)
// The runner's bootstrap timing uses one thread, like the single-threaded numpy peer; the line
// pls_fit_bootstrap_<B>_all_threads reports the same work on every core.
#include <massline/io/detail/csv.hpp>
#include <massline/scoring/pls/bootstrap.hpp>
#include <massline/scoring/pls/path_model.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

using massline::scoring::pls::BootstrapOptions;
using massline::scoring::pls::InnerPath;
using massline::scoring::pls::LatentBlock;
using massline::scoring::pls::OuterMode;
using massline::scoring::pls::PathModel;
using massline::scoring::pls::PlsBootstrap;
using massline::scoring::pls::PlsData;
using massline::scoring::pls::PlsModelSpec;

// From the configured source directory, not __FILE__: ccache with CCACHE_BASEDIR compiles with
// relative paths, which would make the default depend on the working directory.
std::string default_data_path() {
  return (std::filesystem::path(MASSLINE_SOURCE_DIR) / "tests" / "data" / "satisfaction_bank.csv").string();
}

/// The numeric item columns of the bank CSV (the row-id and gender columns are skipped).
PlsData load(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path);
  massline::io::detail::CsvReader csv(file, path);
  massline::io::detail::CsvRecord record;
  if (!csv.next(record)) throw std::runtime_error(path + " is empty");
  PlsData data;
  std::vector<std::size_t> keep;
  for (std::size_t c = 1; c < record.fields.size(); ++c) {
    if (record.fields[c].text == "gender") continue;
    keep.push_back(c);
    data.columns.push_back(record.fields[c].text);
  }
  std::vector<double> values;
  Eigen::Index rows = 0;
  while (csv.next(record)) {
    for (const auto c : keep) values.push_back(std::stod(record.fields[c].text));
    ++rows;
  }
  const auto cols = static_cast<Eigen::Index>(keep.size());
  data.values = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), rows, cols);
  return data;
}

std::vector<std::string> items(const std::string& stem, int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i) out.push_back(stem + std::to_string(i));
  return out;
}

/// The bank model with every block in @p mode (A: PLS-PM; AConsistent: PLSc).
PathModel bank_model(OuterMode mode = OuterMode::A) {
  std::vector<LatentBlock> blocks{{"IMAG", items("imag", 5), mode}, {"EXPE", items("expe", 5), mode},
                                  {"QUAL", items("qual", 5), mode}, {"VAL", items("val", 4), mode},
                                  {"SAT", items("sat", 4), mode},   {"LOY", items("loy", 4), mode}};
  std::vector<InnerPath> paths{{"IMAG", "EXPE"}, {"EXPE", "QUAL"}, {"EXPE", "VAL"}, {"QUAL", "VAL"},
                               {"IMAG", "SAT"},  {"EXPE", "SAT"},  {"QUAL", "SAT"}, {"VAL", "SAT"},
                               {"IMAG", "LOY"},  {"SAT", "LOY"}};
  return PathModel(PlsModelSpec(std::move(blocks), std::move(paths)));
}

const PlsData& bank_data() {
  static const PlsData data = load(default_data_path());
  return data;
}

void BM_PlsFit(benchmark::State& state) {
  const PathModel model = bank_model();
  for (auto _ : state) benchmark::DoNotOptimize(model.fit(bank_data()));
  state.counters["rows"] = static_cast<double>(bank_data().values.rows());
}
BENCHMARK(BM_PlsFit)->Unit(benchmark::kMicrosecond);

void BM_PlsFitBootstrap(benchmark::State& state) {
  BootstrapOptions options;
  options.resamples = 1000;
  options.threads = static_cast<std::size_t>(state.range(0));
  const PlsBootstrap bootstrap(bank_model(), options);
  for (auto _ : state) benchmark::DoNotOptimize(bootstrap.run(bank_data()));
  state.counters["resamples"] = 1000;
}
BENCHMARK(BM_PlsFitBootstrap)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Wall and process-CPU seconds of one call.
template <class F>
std::pair<double, double> timed(F&& work) {
  const auto wall = std::chrono::steady_clock::now();
  const std::clock_t cpu = std::clock();
  work();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
          static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC};
}

int runner(int argc, char** argv) {
  std::string path = default_data_path();
  int repeat = 20;
  std::size_t resamples = 1000;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg.starts_with("--data=")) path = std::string(arg.substr(7));
    else if (arg.starts_with("--repeat=")) repeat = std::stoi(std::string(arg.substr(9)));
    else if (arg.starts_with("--resamples=")) resamples = std::stoul(std::string(arg.substr(12)));
    else throw std::invalid_argument("unknown option " + std::string(arg));
  }
  const PlsData data = load(path);
  const PathModel model = bank_model();
  std::cout << "# counts rows=" << data.values.rows() << " indicators=27 latents=6 paths=10 resamples=" << resamples
            << "\n";
  (void)model.fit(data);  // warm-up
  const auto [fit_wall, fit_cpu] = timed([&] {
    for (int r = 0; r < repeat; ++r) benchmark::DoNotOptimize(model.fit(data));
  });
  std::printf("pls_fit %.6g %d\n# cpu pls_fit %.6g\n", fit_wall / repeat, repeat, fit_cpu / repeat);
  const PathModel consistent = bank_model(OuterMode::AConsistent);
  const auto [plsc_wall, plsc_cpu] = timed([&] {
    for (int r = 0; r < repeat; ++r) benchmark::DoNotOptimize(consistent.fit(data));
  });
  std::printf("plsc_fit %.6g %d\n# cpu plsc_fit %.6g\n", plsc_wall / repeat, repeat, plsc_cpu / repeat);
  for (const std::size_t threads : {std::size_t{1}, std::size_t{0}}) {
    BootstrapOptions options;
    options.resamples = resamples;
    options.threads = threads;
    const PlsBootstrap bootstrap(model, options);
    const auto [wall, cpu] = timed([&] { benchmark::DoNotOptimize(bootstrap.run(data)); });
    const std::string name = "pls_fit_bootstrap_" + std::to_string(resamples) + (threads == 0 ? "_all_threads" : "");
    std::printf("%s %.6g 1\n# cpu %s %.6g\n", name.c_str(), wall, name.c_str(), cpu);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--runner") {
    try {
      return runner(argc, argv);
    } catch (const std::exception& error) {
      std::cerr << "bench_pls: " << error.what() << "\n";
      return 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
