#pragma once
// The Network's CSR adjacency as a Boost.Graph: graph_traits and the free functions of the
// IncidenceGraph, AdjacencyGraph and VertexListGraph concepts over the network's own arrays,
// so Boost's algorithms run on them without building a second graph. Private to the network
// layer's .cpp files: no Boost.Graph type appears in a public header.
#include <massline/network/network.hpp>

#include <boost/graph/graph_traits.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace massline::network::detail {

/// A non-owning view of a Network's undirected CSR adjacency (valid while the network lives).
struct CsrGraph {
  std::span<const std::uint64_t> offsets;
  std::span<const Vertex> adjacent;

  explicit CsrGraph(const Network& net) : offsets(net.adjacency_offsets()), adjacent(net.adjacency_vertices()) {}
  [[nodiscard]] std::size_t vertex_count() const noexcept { return offsets.size() - 1; }
};

/// One direction of an incident edge: the vertex it leaves and its slot in the CSR arrays.
struct CsrEdge {
  Vertex source = Network::kNoVertex;
  std::uint64_t slot = 0;
  friend bool operator==(const CsrEdge&, const CsrEdge&) = default;
};

/// Iterates the CSR slots of one vertex, yielding CsrEdge values.
class CsrOutEdgeIterator
    : public boost::iterator_facade<CsrOutEdgeIterator, CsrEdge, boost::random_access_traversal_tag, CsrEdge,
                                    std::ptrdiff_t> {
 public:
  CsrOutEdgeIterator() = default;
  CsrOutEdgeIterator(Vertex source, std::uint64_t slot) : edge_{source, slot} {}

 private:
  friend class boost::iterator_core_access;
  [[nodiscard]] CsrEdge dereference() const { return edge_; }
  [[nodiscard]] bool equal(const CsrOutEdgeIterator& other) const { return edge_.slot == other.edge_.slot; }
  void increment() { ++edge_.slot; }
  void decrement() { --edge_.slot; }
  void advance(std::ptrdiff_t n) { edge_.slot = static_cast<std::uint64_t>(static_cast<std::ptrdiff_t>(edge_.slot) + n); }
  [[nodiscard]] std::ptrdiff_t distance_to(const CsrOutEdgeIterator& other) const {
    return static_cast<std::ptrdiff_t>(other.edge_.slot) - static_cast<std::ptrdiff_t>(edge_.slot);
  }
  CsrEdge edge_;
};

/// Traversal category: incidence (out_edges), adjacency and vertex list.
struct CsrTraversal : boost::incidence_graph_tag, boost::adjacency_graph_tag, boost::vertex_list_graph_tag {};

// ---- the concept functions, found by argument-dependent lookup ----
inline std::pair<CsrOutEdgeIterator, CsrOutEdgeIterator> out_edges(Vertex v, const CsrGraph& g) {
  return {CsrOutEdgeIterator(v, g.offsets[v]), CsrOutEdgeIterator(v, g.offsets[v + 1])};
}
inline std::size_t out_degree(Vertex v, const CsrGraph& g) { return g.offsets[v + 1] - g.offsets[v]; }
inline Vertex source(const CsrEdge& e, const CsrGraph&) { return e.source; }
inline Vertex target(const CsrEdge& e, const CsrGraph& g) { return g.adjacent[e.slot]; }
inline std::pair<const Vertex*, const Vertex*> adjacent_vertices(Vertex v, const CsrGraph& g) {
  return {g.adjacent.data() + g.offsets[v], g.adjacent.data() + g.offsets[v + 1]};
}
inline std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>> vertices(const CsrGraph& g) {
  return {boost::counting_iterator<Vertex>(0), boost::counting_iterator<Vertex>(static_cast<Vertex>(g.vertex_count()))};
}
inline std::size_t num_vertices(const CsrGraph& g) { return g.vertex_count(); }

/// FIFO buffer for boost::breadth_first_visit over one preallocated vector: each vertex is
/// queued at most once per search, so the vector never reallocates past the vertex count.
class VertexQueue {
 public:
  using value_type = Vertex;
  explicit VertexQueue(std::size_t capacity) { items_.reserve(capacity); }
  void push(Vertex v) { items_.push_back(v); }
  void pop() { ++head_; }
  [[nodiscard]] Vertex top() const { return items_[head_]; }
  [[nodiscard]] bool empty() const noexcept { return head_ == items_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size() - head_; }
  /// Forgets every queued vertex (the next search starts from an empty buffer).
  void clear() noexcept {
    items_.clear();
    head_ = 0;
  }

 private:
  std::vector<Vertex> items_;
  std::size_t head_ = 0;
};

}  // namespace massline::network::detail

namespace boost {
template <>
struct graph_traits<massline::network::detail::CsrGraph> {
  using vertex_descriptor = massline::network::Vertex;
  using edge_descriptor = massline::network::detail::CsrEdge;
  // Both directions of every edge are stored, so out_edges(v) are exactly v's incident edges.
  using directed_category = undirected_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = massline::network::detail::CsrTraversal;
  using out_edge_iterator = massline::network::detail::CsrOutEdgeIterator;
  using adjacency_iterator = const massline::network::Vertex*;
  using vertex_iterator = counting_iterator<massline::network::Vertex>;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using in_edge_iterator = void;
  using edge_iterator = void;
  static vertex_descriptor null_vertex() { return massline::network::Network::kNoVertex; }
};
}  // namespace boost
