// Reachability, shortest paths, components and escalation paths
// (include/massline/network/{paths,escalation}.hpp).
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/escalation.hpp>
#include <massline/network/paths.hpp>

#include <algorithm>
#include <string>

namespace massline::network {
namespace {

constexpr std::size_t kCheckEvery = 1U << 16;

// Breadth-first search from @p source filling @p parent (kNoVertex = unvisited; the source is
// its own parent); stops early once @p stop is visited (kNoVertex: never).
void bfs(const Network& net, Vertex source, Vertex stop, std::vector<Vertex>& parent, std::vector<Vertex>& queue) {
  const auto offsets = net.adjacency_offsets();
  const auto adjacent = net.adjacency_vertices();
  parent.assign(net.vertex_count(), Network::kNoVertex);
  queue.clear();
  queue.reserve(net.vertex_count());
  parent[source] = source;
  queue.push_back(source);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Vertex v = queue[head];
    if (v == stop) return;
    for (std::uint64_t i = offsets[v]; i < offsets[v + 1]; ++i) {
      const Vertex w = adjacent[i];
      if (parent[w] != Network::kNoVertex) continue;
      parent[w] = v;
      queue.push_back(w);
    }
    if ((head + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
}

}  // namespace

std::vector<std::int32_t> distances_from(const Network& net, Vertex source) {
  net.checked(source);
  std::vector<std::int32_t> dist(net.vertex_count(), -1);
  const auto offsets = net.adjacency_offsets();
  const auto adjacent = net.adjacency_vertices();
  std::vector<Vertex> queue;
  queue.reserve(net.vertex_count());
  dist[source] = 0;
  queue.push_back(source);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Vertex v = queue[head];
    for (std::uint64_t i = offsets[v]; i < offsets[v + 1]; ++i) {
      const Vertex w = adjacent[i];
      if (dist[w] >= 0) continue;
      dist[w] = dist[v] + 1;
      queue.push_back(w);
    }
    if ((head + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  return dist;
}

bool reachable(const Network& net, Vertex from, Vertex to) {
  net.checked(from);
  net.checked(to);
  std::vector<Vertex> parent, queue;
  bfs(net, from, to, parent, queue);
  return parent[to] != Network::kNoVertex;
}

std::vector<Vertex> shortest_path(const Network& net, Vertex from, Vertex to) {
  net.checked(from);
  net.checked(to);
  std::vector<Vertex> parent, queue;
  bfs(net, from, to, parent, queue);
  std::vector<Vertex> path;
  if (parent[to] == Network::kNoVertex) return path;
  for (Vertex v = to; v != from; v = parent[v]) path.push_back(v);
  path.push_back(from);
  std::reverse(path.begin(), path.end());
  return path;
}

Components components(const Network& net) {
  Components out;
  constexpr auto kUnset = Network::kNoVertex;
  out.label.assign(net.vertex_count(), kUnset);
  const auto offsets = net.adjacency_offsets();
  const auto adjacent = net.adjacency_vertices();
  std::vector<Vertex> stack;
  for (Vertex s = 0; s < net.vertex_count(); ++s) {
    if (out.label[s] != kUnset) continue;
    const std::uint32_t id = out.count++;
    out.label[s] = id;
    stack.push_back(s);
    while (!stack.empty()) {
      const Vertex v = stack.back();
      stack.pop_back();
      for (std::uint64_t i = offsets[v]; i < offsets[v + 1]; ++i) {
        const Vertex w = adjacent[i];
        if (out.label[w] != kUnset) continue;
        out.label[w] = id;
        stack.push_back(w);
      }
    }
    if ((s + 1) % kCheckEvery == 0) throw_if_cancelled();
  }
  return out;
}

Escalation escalation(const Network& net) {
  Escalation out;
  const std::size_t households = net.household_count();
  const auto parents = net.organization_parents();
  const auto units = net.household_units();
  const auto sources = net.edge_sources();
  const auto kinds = net.edge_kinds();

  // Depth of every organisation (path length to its root), memoised: parents sit at a
  // strictly higher level, so chains are at most four long, but the code does not rely on it.
  const std::size_t orgs = net.organization_count();
  std::vector<std::uint32_t> depth(orgs, 0);
  for (Vertex o = 0; o < orgs; ++o) {
    std::uint32_t d = 1;
    for (Vertex p = parents[o]; p != Network::kNoVertex; p = parents[p]) ++d;
    depth[o] = d;
  }
  out.path_offsets.resize(households + 1, 0);
  for (std::size_t h = 0; h < households; ++h) out.path_offsets[h + 1] = out.path_offsets[h] + depth[units[h]];
  out.path.resize(out.path_offsets[households]);
  for (std::size_t h = 0; h < households; ++h) {
    std::uint64_t at = out.path_offsets[h];
    for (Vertex o = units[h]; o != Network::kNoVertex; o = parents[o]) out.path[at++] = o;
    if ((h + 1) % kCheckEvery == 0) throw_if_cancelled();
  }

  out.household_offsets.resize(households + 1, 0);
  for (std::size_t h = 0; h < households; ++h) {
    const auto people = responsible_members(net, static_cast<Vertex>(net.first_household() + h));
    out.household_people.insert(out.household_people.end(), people.begin(), people.end());
    out.household_offsets[h + 1] = out.household_people.size();
    if ((h + 1) % kCheckEvery == 0) throw_if_cancelled();
  }

  out.organization_offsets.resize(orgs + 1, 0);
  std::vector<Vertex> people;
  for (Vertex o = 0; o < orgs; ++o) {
    people.clear();
    for (const Edge e : net.incident_edges(o)) {
      if ((kinds[e] == EdgeKind::ServicePost || kinds[e] == EdgeKind::ContactPoint) && sources[e] != o) {
        people.push_back(sources[e]);
      }
    }
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    out.organization_people.insert(out.organization_people.end(), people.begin(), people.end());
    out.organization_offsets[o + 1] = out.organization_people.size();
  }
  return out;
}

}  // namespace massline::network
