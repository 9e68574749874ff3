#pragma once
/// @file
/// The specification of a PLS path model: named latent variables (blocks of manifest
/// columns, each in Mode A, Mode B or consistent Mode A) and the inner model, a directed
/// acyclic graph of paths.
/// Construction validates everything that does not depend on data.

#include <massline/core/enum_names.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massline::scoring::pls {

/// How a block's outer weights are estimated.
enum class OuterMode : std::uint8_t {
  A,  ///< "reflective": weights are covariances of the indicators with the inner proxy
  B,  ///< "formative": weights are the multiple-regression coefficients of the inner proxy on the block
  /// Consistent PLS (PLSc, Dijkstra & Henseler 2015; ADANCO's "Mode A consistent"): Mode A
  /// weights, then the block is treated as a common factor: loadings and construct
  /// correlations are corrected for the composite's unreliability (rho_A), and paths and R²
  /// come from the corrected correlations.
  AConsistent,
};
/// Names "a", "b" and "a_consistent" (from_name accepts exactly these).
constexpr std::array<std::string_view, 3> enum_names(OuterMode) { return {"a", "b", "a_consistent"}; }

/// A latent variable and the manifest columns that measure it.
struct LatentBlock {
  std::string name;                     ///< latent variable name, unique in the model
  std::vector<std::string> indicators;  ///< manifest column names, at least one, unique across blocks
  OuterMode mode = OuterMode::A;        ///< outer estimation mode
};

/// One inner-model path `from -> to` (from is a predictor of to).
struct InnerPath {
  std::string from;  ///< predictor latent variable
  std::string to;    ///< dependent latent variable
};

/// A validated PLS path model specification.
///
/// Indicators are "stacked" in block order: block 0's indicators first, then block 1's, and so on;
/// every per-indicator vector in results uses that order.
class PlsModelSpec {
 public:
  /// Validates and stores the model. Throws InvalidArgument with code
  /// "pls.no_blocks", "pls.empty_name", "pls.duplicate_latent", "pls.empty_block",
  /// "pls.duplicate_indicator", "pls.no_paths", "pls.unknown_latent", "pls.self_loop",
  /// "pls.duplicate_path", "pls.cyclic_inner_model" (naming a cycle) or "pls.isolated_latent".
  PlsModelSpec(std::vector<LatentBlock> blocks, std::vector<InnerPath> paths);

  /// The blocks, in the order given.
  [[nodiscard]] const std::vector<LatentBlock>& blocks() const noexcept { return blocks_; }
  /// The inner paths, in the order given.
  [[nodiscard]] const std::vector<InnerPath>& paths() const noexcept { return paths_; }
  /// Number of latent variables J.
  [[nodiscard]] std::size_t latent_count() const noexcept { return blocks_.size(); }
  /// Number of manifest indicators p (sum of block sizes).
  [[nodiscard]] std::size_t indicator_count() const noexcept { return offsets_.back(); }
  /// Latent variable names, in block order.
  [[nodiscard]] std::vector<std::string> latent_names() const;
  /// Indicator names, stacked in block order.
  [[nodiscard]] std::vector<std::string> indicator_names() const;
  /// Index of the latent variable called @p name; throws InvalidArgument "pls.unknown_latent".
  [[nodiscard]] std::size_t index_of(std::string_view name) const;
  /// Position of block @p j's first indicator in the stacked order.
  [[nodiscard]] std::size_t block_offset(std::size_t j) const { return offsets_.at(j); }
  /// Number of indicators in block @p j.
  [[nodiscard]] std::size_t block_size(std::size_t j) const { return blocks_.at(j).indicators.size(); }
  /// Block that stacked indicator @p i belongs to.
  [[nodiscard]] std::size_t block_of_indicator(std::size_t i) const { return indicator_block_.at(i); }
  /// Direct predictors of latent @p j (sorted indices); empty for an exogenous variable.
  [[nodiscard]] std::span<const std::size_t> predecessors(std::size_t j) const { return predecessors_.at(j); }
  /// Latents that @p j directly predicts (sorted indices).
  [[nodiscard]] std::span<const std::size_t> successors(std::size_t j) const { return successors_.at(j); }
  /// True when latent @p j has at least one predictor.
  [[nodiscard]] bool is_endogenous(std::size_t j) const { return !predecessors_.at(j).empty(); }
  /// Latent indices in an order where every predictor comes before what it predicts.
  [[nodiscard]] std::span<const std::size_t> topological_order() const noexcept { return topological_order_; }

 private:
  std::vector<LatentBlock> blocks_;
  std::vector<InnerPath> paths_;
  std::vector<std::size_t> offsets_;          // size J + 1
  std::vector<std::size_t> indicator_block_;  // size p
  std::vector<std::vector<std::size_t>> predecessors_, successors_;
  std::vector<std::size_t> topological_order_;
};

}  // namespace massline::scoring::pls
