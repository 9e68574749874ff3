#include <massline/network/export.hpp>

#include "fixture.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace massline::network {
namespace {

using testing::NetworkFixture;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(WriteDot, DrawsTheTreeTopDownColouredByCoverage) {
  const NetworkFixture f;
  const Network net(f.r);
  std::ostringstream out;
  write_dot(out, net);
  const std::string dot = out.str();
  EXPECT_EQ(dot.rfind("digraph network {", 0), 0U);
  EXPECT_EQ(occurrences(dot, "rank=same"), 4U);
  EXPECT_EQ(occurrences(dot, "shape=box"), 8U);  // organisations only by default
  EXPECT_EQ(occurrences(dot, " -> "), 5U);       // the five parent edges
  EXPECT_NE(dot.find("o0 -> o1;"), std::string::npos);  // county above township
  // The county's subtree has 4 households, 2 covered (h1, h3): half way, yellow-ish.
  EXPECT_NE(dot.find("label=\"L1 #0\\n2/4\", fillcolor=\"#e6c83c\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"L4 #6\\n0/0\", fillcolor=\"#cccccc\""), std::string::npos) << dot;  // G: no households
  std::ostringstream again;
  write_dot(again, net);
  EXPECT_EQ(again.str(), dot);
}

TEST(WriteDot, OptionallyDrawsHouseholdsMembersAndPairings) {
  const NetworkFixture f;
  const Network net(f.r);
  std::ostringstream out;
  write_dot(out, net, DotOptions{true, true, true});
  const std::string dot = out.str();
  EXPECT_EQ(occurrences(dot, "shape=point"), 4U);
  EXPECT_EQ(occurrences(dot, "shape=ellipse"), 4U);
  EXPECT_EQ(occurrences(dot, "style=dashed"), 2U);  // dual organisation O -> V, contact point m3 -> V
}

TEST(WriteGraphml, ListsEveryVertexAndEdge) {
  const NetworkFixture f;
  const Network net(f.r);
  std::ostringstream out;
  write_graphml(out, net);
  const std::string xml = out.str();
  EXPECT_EQ(occurrences(xml, "<node "), net.vertex_count());
  EXPECT_EQ(occurrences(xml, "<edge "), net.edge_count());
  EXPECT_NE(xml.find("<edge id=\"e0\" source=\"n1\" target=\"n0\"><data key=\"ekind\">parent</data></edge>"), std::string::npos);
  EXPECT_NE(xml.find("<node id=\"n12\"><data key=\"kind\">household</data><data key=\"entity\">1</data></node>"),
            std::string::npos);
}

}  // namespace
}  // namespace massline::network
