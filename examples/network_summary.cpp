// network_summary <preset> [seed] [name=value ...]
//
// Builds a synthetic population (presets: quyuan, wujiagang, county; see docs/synth.md) and
// prints a readable summary of the network: organisations per level, households, people,
// members by kind, pairings, pledges by status, contacts by mode, appeals by stage and the
// must-visit households. Extra name=value arguments override generator parameters, e.g.
//   network_summary county 7 households=1000000 contacts=0

#include <massline/synth/generate.hpp>
#include <massline/model/network_summary.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: network_summary <quyuan|wujiagang|county> [seed] [name=value ...]\n";
    return 2;
  }
  try {
    const std::string preset = argv[1];
    std::uint64_t seed = 0;
    massline::synth::Overrides overrides;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto eq = arg.find('=');
      if (eq == std::string::npos) {
        seed = std::stoull(arg);
      } else {
        overrides[arg.substr(0, eq)] = std::stod(arg.substr(eq + 1));
      }
    }
    const auto start = std::chrono::steady_clock::now();
    const massline::Registry registry = massline::synth::generate(preset, seed, overrides);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "preset: " << preset << "\nseed: " << seed << '\n'
              << massline::to_text(massline::summarize(registry));
    std::cerr << "generated in " << seconds << " s\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "network_summary: " << e.what() << '\n';
    return 1;
  }
}
