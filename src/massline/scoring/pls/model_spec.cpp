// Validation of a PLS model specification (see model_spec.hpp).
#include <massline/scoring/pls/model_spec.hpp>

#include "messages.hpp"

#include <massline/core/error.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massline::scoring::pls {

using detail::invalid;
using detail::join;

PlsModelSpec::PlsModelSpec(std::vector<LatentBlock> blocks, std::vector<InnerPath> paths)
    : blocks_(std::move(blocks)), paths_(std::move(paths)) {
  const Location model = Location::of("PLS model");
  require(!blocks_.empty(), "pls.no_blocks", "a PLS model needs at least one block", model);
  std::map<std::string, std::size_t, std::less<>> latent;
  std::map<std::string, std::string, std::less<>> owner;  // indicator -> block
  offsets_.push_back(0);
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    const auto& b = blocks_[j];
    require(!b.name.empty(), "pls.empty_name", "block " + std::to_string(j) + " has an empty name", model);
    require(latent.emplace(b.name, j).second, "pls.duplicate_latent", "latent '" + b.name + "' is defined twice",
            Location::of("block " + b.name));
    require(!b.indicators.empty(), "pls.empty_block", "block '" + b.name + "' has no indicators",
            Location::of("block " + b.name, "indicators"));
    for (const auto& indicator : b.indicators) {
      require(!indicator.empty(), "pls.empty_name", "block '" + b.name + "' has an indicator with an empty name",
              Location::of("block " + b.name, "indicators"));
      const auto [it, fresh] = owner.emplace(indicator, b.name);
      if (!fresh) {
        invalid("pls.duplicate_indicator", "indicator '" + indicator + "' is used twice",
                Location::of("block " + b.name, indicator),
                "it is already an indicator of block '" + it->second + "'; each column may measure one latent");
      }
      indicator_block_.push_back(j);
    }
    offsets_.push_back(offsets_.back() + b.indicators.size());
  }
  require(!paths_.empty(), "pls.no_paths", "a PLS path model needs at least one inner path", model);
  predecessors_.resize(blocks_.size());
  successors_.resize(blocks_.size());
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& path : paths_) {
    const std::size_t from = index_of(path.from);
    const std::size_t to = index_of(path.to);
    const Location where = Location::of("path " + path.from + " -> " + path.to);
    require(from != to, "pls.self_loop", "latent '" + path.from + "' cannot predict itself", where);
    require(seen.emplace(from, to).second, "pls.duplicate_path", "path " + path.from + " -> " + path.to + " is given twice", where);
    predecessors_[to].push_back(from);
    successors_[from].push_back(to);
  }
  for (auto& list : predecessors_) std::sort(list.begin(), list.end());
  for (auto& list : successors_) std::sort(list.begin(), list.end());
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    if (predecessors_[j].empty() && successors_[j].empty()) {
      invalid("pls.isolated_latent", "latent '" + blocks_[j].name + "' is not on any inner path",
              Location::of("block " + blocks_[j].name),
              "every latent needs a neighbour to build its inner estimate");
    }
  }
  // Kahn's algorithm: a topological order exists exactly when the graph is acyclic.
  std::vector<std::size_t> indegree(blocks_.size());
  for (std::size_t j = 0; j < blocks_.size(); ++j) indegree[j] = predecessors_[j].size();
  std::vector<std::size_t> ready;
  for (std::size_t j = blocks_.size(); j-- > 0;) {
    if (indegree[j] == 0) ready.push_back(j);
  }
  while (!ready.empty()) {
    const std::size_t j = ready.back();
    ready.pop_back();
    topological_order_.push_back(j);
    for (const std::size_t k : successors_[j]) {
      if (--indegree[k] == 0) ready.push_back(k);
    }
  }
  if (topological_order_.size() != blocks_.size()) {
    // Every latent left over still has a left-over predecessor: walking backwards along them must
    // revisit a latent, which closes a cycle.
    std::size_t at = 0;
    while (indegree[at] == 0) ++at;
    std::vector<std::size_t> walk;
    std::vector<std::size_t> position(blocks_.size(), blocks_.size());
    while (position[at] == blocks_.size()) {
      position[at] = walk.size();
      walk.push_back(at);
      for (const std::size_t k : predecessors_[at]) {
        if (indegree[k] != 0) {
          at = k;
          break;
        }
      }
    }
    // walk[i + 1] -> walk[i]; the cycle is walk[pos] -> walk[last] -> ... -> walk[pos + 1] -> walk[pos].
    std::vector<std::string> cycle{blocks_[at].name};
    for (std::size_t i = walk.size(); i-- > position[at] + 1;) cycle.push_back(blocks_[walk[i]].name);
    cycle.push_back(blocks_[at].name);
    invalid("pls.cyclic_inner_model", "the inner model has a cycle: " + join(cycle, " -> "), model,
            "PLS path models need a directed acyclic inner model");
  }
}

std::vector<std::string> PlsModelSpec::latent_names() const {
  std::vector<std::string> out;
  for (const auto& b : blocks_) out.push_back(b.name);
  return out;
}

std::vector<std::string> PlsModelSpec::indicator_names() const {
  std::vector<std::string> out;
  for (const auto& b : blocks_) out.insert(out.end(), b.indicators.begin(), b.indicators.end());
  return out;
}

std::size_t PlsModelSpec::index_of(std::string_view name) const {
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    if (blocks_[j].name == name) return j;
  }
  invalid("pls.unknown_latent", "unknown latent '" + std::string(name) + "'", Location::of("PLS model"),
          "latents are: " + join(latent_names(), ", "));
}

}  // namespace massline::scoring::pls
