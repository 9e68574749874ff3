#include <massline/scoring/pls/model_spec.hpp>

#include <massline/core/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bank_data.hpp"

namespace massline::scoring::pls {
namespace {

void expect_invalid(std::vector<LatentBlock> blocks, std::vector<InnerPath> paths, const std::string& code,
                    const std::string& fragment = {}) {
  try {
    PlsModelSpec spec(std::move(blocks), std::move(paths));
    ADD_FAILURE() << "expected " << code;
  } catch (const InvalidArgument& error) {
    EXPECT_EQ(error.code(), code) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what() << " lacks " << fragment;
  }
}

std::vector<LatentBlock> three_blocks() {
  return {{"A", {"a1", "a2"}, OuterMode::A}, {"B", {"b1"}, OuterMode::B}, {"C", {"c1", "c2", "c3"}, OuterMode::A}};
}

TEST(PlsModelSpec, BankModelStructure) {
  const PlsModelSpec spec = testing::bank_spec();
  EXPECT_EQ(spec.latent_count(), 6U);
  EXPECT_EQ(spec.indicator_count(), 27U);
  EXPECT_EQ(spec.block_offset(3), 15U);
  EXPECT_EQ(spec.block_size(3), 4U);
  EXPECT_EQ(spec.block_of_indicator(15), 3U);
  EXPECT_EQ(spec.index_of("SAT"), 4U);
  EXPECT_FALSE(spec.is_endogenous(0));
  EXPECT_TRUE(spec.is_endogenous(5));
  const auto preds = spec.predecessors(4);
  EXPECT_EQ(std::vector<std::size_t>(preds.begin(), preds.end()), (std::vector<std::size_t>{0, 1, 2, 3}));
  const auto succs = spec.successors(0);
  EXPECT_EQ(std::vector<std::size_t>(succs.begin(), succs.end()), (std::vector<std::size_t>{1, 4, 5}));
  const auto names = spec.indicator_names();
  EXPECT_EQ(names.front(), "imag1");
  EXPECT_EQ(names.back(), "loy4");
  // Topological order: every predictor before what it predicts.
  const auto order = spec.topological_order();
  ASSERT_EQ(order.size(), 6U);
  for (const auto& path : spec.paths()) {
    const auto from = std::find(order.begin(), order.end(), spec.index_of(path.from));
    const auto to = std::find(order.begin(), order.end(), spec.index_of(path.to));
    EXPECT_LT(from, to) << path.from << " -> " << path.to;
  }
}

TEST(PlsModelSpec, StructuralErrors) {
  expect_invalid({}, {{"A", "B"}}, "pls.no_blocks");
  expect_invalid({{"", {"x"}, OuterMode::A}, {"B", {"y"}, OuterMode::A}}, {{"B", ""}}, "pls.empty_name");
  expect_invalid({{"A", {"x"}, OuterMode::A}, {"A", {"y"}, OuterMode::A}}, {{"A", "A"}}, "pls.duplicate_latent", "'A'");
  expect_invalid({{"A", {}, OuterMode::A}, {"B", {"y"}, OuterMode::A}}, {{"A", "B"}}, "pls.empty_block", "'A'");
  expect_invalid({{"A", {"x", ""}, OuterMode::A}, {"B", {"y"}, OuterMode::A}}, {{"A", "B"}}, "pls.empty_name");
  expect_invalid({{"A", {"x", "y"}, OuterMode::A}, {"B", {"y"}, OuterMode::A}}, {{"A", "B"}},
                 "pls.duplicate_indicator", "'y'");
  expect_invalid(three_blocks(), {}, "pls.no_paths");
  expect_invalid(three_blocks(), {{"A", "B"}, {"B", "D"}}, "pls.unknown_latent", "'D'");
  expect_invalid(three_blocks(), {{"A", "A"}, {"B", "C"}}, "pls.self_loop", "'A'");
  expect_invalid(three_blocks(), {{"A", "B"}, {"A", "B"}, {"B", "C"}}, "pls.duplicate_path", "A -> B");
  expect_invalid(three_blocks(), {{"A", "B"}}, "pls.isolated_latent", "'C'");
}

TEST(PlsModelSpec, CyclesAreNamed) {
  expect_invalid(three_blocks(), {{"A", "B"}, {"B", "C"}, {"C", "A"}}, "pls.cyclic_inner_model", "A -> B -> C -> A");
  expect_invalid(three_blocks(), {{"A", "B"}, {"B", "A"}, {"B", "C"}}, "pls.cyclic_inner_model", "A -> B -> A");
  // A cycle downstream of an acyclic part.
  std::vector<LatentBlock> four = three_blocks();
  four.push_back({"D", {"d1"}, OuterMode::A});
  expect_invalid(four, {{"A", "B"}, {"B", "C"}, {"C", "D"}, {"D", "B"}}, "pls.cyclic_inner_model", "B -> C -> D -> B");
}

TEST(PlsModelSpec, UnknownLatentLookup) {
  const PlsModelSpec spec = testing::bank_spec();
  try {
    (void)spec.index_of("TRUST");
    ADD_FAILURE() << "expected pls.unknown_latent";
  } catch (const InvalidArgument& error) {
    EXPECT_EQ(error.code(), "pls.unknown_latent");
    EXPECT_NE(std::string(error.what()).find("IMAG, EXPE"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace massline::scoring::pls
