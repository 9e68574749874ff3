// Benchmarks of massline::synth::generate: the county preset at 10^5, 10^6 and 10^7
// households (with and without the year of contacts and appeals), and the two real presets.
//
// Peak memory is process-wide (VmHWM), so run one size per process, as bench/run.py does:
//   bench_synth --benchmark_filter='^BM_SynthCounty/1000000/1$'
// Counters: entities built, peak_rss (bytes, VmHWM), peak_per_household (VmHWM minus the RSS
// before the first run, per household) and registry_per_household (RSS held by the finished
// registry after the first run, per household).

#include <massline/synth/generate.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>

namespace {

// A field of /proc/self/status in bytes ("VmHWM", "VmRSS"); 0 where unavailable.
double status_bytes(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == field + ":") {
      double kb = 0;
      in >> kb;
      return kb * 1024.0;
    }
    std::string rest;
    std::getline(in, rest);
  }
  return 0.0;
}

std::size_t entities(const massline::Registry& r) {
  return r.organizations().size() + r.members().size() + r.households().size() + r.pairings().size() + r.commitments().size() +
         r.service_posts().size() + r.contacts().size() + r.appeals().size();
}

void run(benchmark::State& state, const std::string& preset, const massline::synth::Overrides& overrides, double households) {
  const double baseline = status_bytes("VmRSS");
  std::optional<double> held;
  std::size_t built = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    std::optional<massline::Registry> registry(massline::synth::generate(preset, seed++, overrides));
    state.PauseTiming();
    built = entities(*registry);
    if (!held) held = status_bytes("VmRSS") - baseline;
    registry.reset();  // destruction is not part of generation
    state.ResumeTiming();
  }
  const double peak = status_bytes("VmHWM");
  state.counters["households"] = households;
  state.counters["entities"] = static_cast<double>(built);
  state.counters["peak_rss"] = peak;
  state.counters["peak_per_household"] = (peak - baseline) / households;
  state.counters["registry_per_household"] = held.value_or(0.0) / households;
}

void BM_SynthCounty(benchmark::State& state) {
  const auto households = static_cast<double>(state.range(0));
  const auto full = static_cast<double>(state.range(1));
  // Personal fields off: the peer (bench/synth_peer.py) does not make names, addresses or ID numbers.
  run(state, "county", {{"households", households}, {"contacts", full}, {"appeals", full}, {"personal_fields", 0}}, households);
}
BENCHMARK(BM_SynthCounty)
    ->ArgNames({"households", "contacts"})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({10000000, 1})
    ->Args({1000000, 0})
    ->Args({10000000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_SynthQuyuan(benchmark::State& state) { run(state, "quyuan", {}, 7902); }
BENCHMARK(BM_SynthQuyuan)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SynthWujiagang(benchmark::State& state) { run(state, "wujiagang", {}, 30000); }
BENCHMARK(BM_SynthWujiagang)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
