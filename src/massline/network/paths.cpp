// Reachability, shortest paths, components and escalation paths
// (include/massline/network/{paths,escalation}.hpp).
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/escalation.hpp>
#include <massline/network/paths.hpp>

#include "boost_graph.hpp"
#include "check_interval.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/two_bit_color_map.hpp>

#include <algorithm>
#include <string>

namespace massline::network {
namespace {

using detail::kCheckEvery;

using detail::CsrEdge;
using detail::CsrGraph;
using ColorMap = boost::two_bit_color_map<>;

/// Polls for cancellation every kCheckEvery examined vertices (a search leaves nothing
/// half-changed: its results are local until returned).
class CancellationPoll {
 public:
  void tick() {
    if (++examined_ % kCheckEvery == 0) throw_if_cancelled();
  }

 private:
  std::size_t examined_ = 0;
};

/// Records each vertex's distance from the source as the search discovers it.
class DistanceRecorder : public boost::default_bfs_visitor {
 public:
  DistanceRecorder(std::vector<std::int32_t>& dist, CancellationPoll& poll) : dist_(&dist), poll_(&poll) {}
  void examine_vertex(Vertex, const CsrGraph&) { poll_->tick(); }
  void tree_edge(const CsrEdge& e, const CsrGraph& g) {
    (*dist_)[target(e, g)] = (*dist_)[detail::source(e, g)] + 1;
  }

 private:
  std::vector<std::int32_t>* dist_;
  CancellationPoll* poll_;
};

/// Thrown by ParentRecorder to end a search once its goal is discovered.
struct GoalFound {};

/// Records the breadth-first tree (parent of each discovered vertex) and stops the search
/// when @p goal is discovered (its parent is final then).
class ParentRecorder : public boost::default_bfs_visitor {
 public:
  ParentRecorder(std::vector<Vertex>& parent, Vertex goal, CancellationPoll& poll)
      : parent_(&parent), goal_(goal), poll_(&poll) {}
  void examine_vertex(Vertex, const CsrGraph&) { poll_->tick(); }
  void tree_edge(const CsrEdge& e, const CsrGraph& g) {
    const Vertex w = target(e, g);
    (*parent_)[w] = detail::source(e, g);
    if (w == goal_) throw GoalFound{};
  }

 private:
  std::vector<Vertex>* parent_;
  Vertex goal_;
  CancellationPoll* poll_;
};

/// Labels every vertex the search discovers with one component number.
class ComponentLabeller : public boost::default_bfs_visitor {
 public:
  ComponentLabeller(std::vector<std::uint32_t>& label, std::uint32_t id, CancellationPoll& poll)
      : label_(&label), id_(id), poll_(&poll) {}
  void discover_vertex(Vertex v, const CsrGraph&) { (*label_)[v] = id_; }
  void examine_vertex(Vertex, const CsrGraph&) { poll_->tick(); }

 private:
  std::vector<std::uint32_t>* label_;
  std::uint32_t id_;
  CancellationPoll* poll_;
};

/// Breadth-first tree from @p from until @p to is discovered: parent[v] for every vertex
/// reached (kNoVertex elsewhere; the source is its own parent).
std::vector<Vertex> search_tree(const Network& net, Vertex from, Vertex to) {
  const CsrGraph g(net);
  std::vector<Vertex> parent(g.vertex_count(), Network::kNoVertex);
  parent[from] = from;
  if (from == to) return parent;
  CancellationPoll poll;
  detail::VertexQueue queue(g.vertex_count());
  try {
    boost::breadth_first_visit(g, from, queue, ParentRecorder(parent, to, poll), ColorMap(g.vertex_count()));
  } catch (const GoalFound&) {
  }
  return parent;
}

}  // namespace

std::vector<std::int32_t> distances_from(const Network& net, Vertex source) {
  net.checked(source);
  const CsrGraph g(net);
  std::vector<std::int32_t> dist(g.vertex_count(), -1);
  dist[source] = 0;
  CancellationPoll poll;
  detail::VertexQueue queue(g.vertex_count());
  boost::breadth_first_visit(g, source, queue, DistanceRecorder(dist, poll), ColorMap(g.vertex_count()));
  return dist;
}

bool reachable(const Network& net, Vertex from, Vertex to) {
  net.checked(from);
  net.checked(to);
  return search_tree(net, from, to)[to] != Network::kNoVertex;
}

std::vector<Vertex> shortest_path(const Network& net, Vertex from, Vertex to) {
  net.checked(from);
  net.checked(to);
  const auto parent = search_tree(net, from, to);
  std::vector<Vertex> path;
  if (parent[to] == Network::kNoVertex) return path;
  for (Vertex v = to; v != from; v = parent[v]) path.push_back(v);
  path.push_back(from);
  std::reverse(path.begin(), path.end());
  return path;
}

Components components(const Network& net) {
  // One breadth-first visit per still-white vertex, in vertex order, sharing one colour map:
  // components are numbered in order of their smallest vertex.
  const CsrGraph g(net);
  Components out;
  out.label.assign(g.vertex_count(), Network::kNoVertex);
  ColorMap color(g.vertex_count());
  CancellationPoll poll;
  detail::VertexQueue queue(g.vertex_count());
  for (Vertex s = 0; s < g.vertex_count(); ++s) {
    if (out.label[s] != Network::kNoVertex) continue;
    queue.clear();
    boost::breadth_first_visit(g, s, queue, ComponentLabeller(out.label, out.count++, poll), color);
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
