#pragma once
/// @file
/// Indicator systems (指标体系): a tree whose leaves are survey items or objective metrics
/// (coverage, on-time feedback, pledge fulfilment, …) and whose inner nodes combine their
/// children with fixed, equal, AHP, entropy or combined weights. Evaluating the tree on a
/// table of leaf values per unit gives a 0–100 score for every node and unit.

#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/core/utf8.hpp>
#include <massline/scoring/ahp.hpp>
#include <massline/scoring/criterion_normalization.hpp>
#include <massline/scoring/entropy_weights.hpp>
#include <massline/scoring/weight_combination.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace massline::scoring {

/// Where a leaf's values come from (informational: it does not change the arithmetic).
enum class IndicatorSource : std::uint8_t { SurveyItem, ObjectiveMetric };
/// "survey_item", "objective_metric".
constexpr std::array<std::string_view, 2> enum_names(IndicatorSource) { return {"survey_item", "objective_metric"}; }

/// How a leaf's raw value becomes a 0–100 score.
enum class LeafNormalization : std::uint8_t {
  Identity,  ///< the value is already a 0–100 score (Cost: 100 − value); must lie in [0, 100]
  Bounds,    ///< linear between fixed bounds, clamped: Benefit 100·(x − lower)/(upper − lower), Cost reversed
  MinMax,    ///< linear between the worst and best unit evaluated together (relative score)
};
/// "identity", "bounds", "minmax".
constexpr std::array<std::string_view, 3> enum_names(LeafNormalization) { return {"identity", "bounds", "minmax"}; }

/// A leaf indicator.
struct IndicatorLeaf {
  IndicatorSource source = IndicatorSource::SurveyItem;
  Direction direction = Direction::Benefit;
  LeafNormalization normalization = LeafNormalization::Identity;
  double lower = 0.0;  ///< Bounds only: lower bound of the value range
  double upper = 0.0;  ///< Bounds only: upper bound, > lower
  /// MinMax only: score of every unit when all units have the same value; none = error.
  std::optional<double> tie_score;
  std::string key;  ///< what the values are, e.g. "Q2_6" or "coverage"

  /// A value that is already a 0–100 score (e.g. a satisfaction rate × 100).
  [[nodiscard]] static IndicatorLeaf score(IndicatorSource source, std::string key = {},
                                           Direction direction = Direction::Benefit) {
    return {source, direction, LeafNormalization::Identity, 0.0, 0.0, std::nullopt, std::move(key)};
  }
  /// A value scored linearly between fixed bounds (e.g. coverage 0..1).
  [[nodiscard]] static IndicatorLeaf bounded(IndicatorSource source, double lower, double upper,
                                             Direction direction = Direction::Benefit, std::string key = {}) {
    return {source, direction, LeafNormalization::Bounds, lower, upper, std::nullopt, std::move(key)};
  }
  /// A value scored relative to the other units (min-max).
  [[nodiscard]] static IndicatorLeaf relative(IndicatorSource source, Direction direction = Direction::Benefit,
                                              std::optional<double> tie_score = std::nullopt, std::string key = {}) {
    return {source, direction, LeafNormalization::MinMax, 0.0, 0.0, tie_score, std::move(key)};
  }
};

/// Children weighted equally.
struct EqualWeights {};
/// Fixed weights, one per child in child order (normalised to sum 1).
struct FixedWeights {
  std::vector<double> weights;
};
/// Weights from a pairwise comparison matrix over the children (in child order).
struct AhpWeights {
  Eigen::MatrixXd pairwise;
  AhpOptions options;
};
/// Entropy weights computed from the children's scores across the units evaluated.
struct EntropyWeights {
  EntropyNormalization normalization = EntropyNormalization::Proportion;
};
/// Subjective (fixed or AHP) weights combined with entropy weights.
struct CombinedWeights {
  std::variant<FixedWeights, AhpWeights> subjective;
  EntropyWeights objective;
  WeightCombination combination = WeightCombination::Multiplicative;
  double alpha = 0.0;  ///< Linear only: weight of the subjective vector, in [0, 1]
};
/// How an inner node weights its children.
using Weighting = std::variant<EqualWeights, FixedWeights, AhpWeights, EntropyWeights, CombinedWeights>;

/// What to do with a missing (NaN) leaf value.
enum class MissingPolicy : std::uint8_t {
  Error,     ///< every leaf value must be present (InvalidArgument "indicator.missing")
  Reweight,  ///< a node's score uses its present children, weights renormalised; NaN if none
};
/// "error", "reweight".
constexpr std::array<std::string_view, 2> enum_names(MissingPolicy) { return {"error", "reweight"}; }

/// Result of IndicatorSystem::evaluate.
struct IndicatorScores {
  Eigen::MatrixXd scores;          ///< units × nodes, 0–100 (NaN only under Reweight when a node has no data)
  Eigen::VectorXd local_weights;   ///< per node: its weight among its siblings (root 1)
  Eigen::VectorXd global_weights;  ///< per node: product of local weights up to the root
  std::vector<std::optional<AhpResult>> ahp;  ///< per node: AHP diagnostics where AHP was used
};

/// Throws InvalidArgument("indicator.encoding"), located at @p where / @p field, unless @p text
/// is valid UTF-8 (names, keys and table names are written to the indicator-system file,
/// which is UTF-8 JSON).
inline void check_indicator_text(std::string_view text, const std::string& where, const char* field) {
  const std::size_t bad = utf8_invalid_offset(text);
  if (bad == text.size()) return;
  throw InvalidArgument("indicator.encoding", "text is not valid UTF-8", Location::of(where, field),
                        "byte " + std::to_string(bad) + " (0x" + hex_byte(static_cast<unsigned char>(text[bad])) +
                            ") of '" + utf8_escaped(text) + "'");
}

/// The value rules of a leaf, shared by IndicatorSystem::add_leaf and the indicator-system file
/// reader, so that every leaf the API accepts is saved and loaded back equal. Throws
/// InvalidArgument "indicator.leaf" (bounds that are not finite lower < upper; lower/upper set
/// on a leaf that is not Bounds; a tie score outside [0, 100] or on a leaf that is not MinMax)
/// or "indicator.encoding" (a key that is not UTF-8), located at @p where.
inline void check_leaf(const IndicatorLeaf& leaf, const std::string& where) {
  auto fail = [&](const char* field, const std::string& summary, const std::string& why) {
    throw InvalidArgument("indicator.leaf", summary, Location::of(where, field), why);
  };
  if (leaf.normalization == LeafNormalization::Bounds) {
    if (!(std::isfinite(leaf.lower) && std::isfinite(leaf.upper) && leaf.lower < leaf.upper))
      fail("lower", "invalid bounds", "need finite lower < upper, got " + std::to_string(leaf.lower) + ", " + std::to_string(leaf.upper));
  } else if (leaf.lower != 0.0 || leaf.upper != 0.0) {
    fail(leaf.lower != 0.0 ? "lower" : "upper", "bounds do not apply",
         "lower and upper are set only for bounds normalisation (they would not be saved)");
  }
  if (leaf.tie_score) {
    if (leaf.normalization != LeafNormalization::MinMax)
      fail("tie_score", "tie score does not apply", "a tie score is set only for minmax normalisation");
    if (!(*leaf.tie_score >= 0.0 && *leaf.tie_score <= 100.0))
      fail("tie_score", "invalid tie score", "tie score must lie in [0, 100], got " + std::to_string(*leaf.tie_score));
  }
  check_indicator_text(leaf.key, where, "key");
}

/// The value rules of a weighting, shared by IndicatorSystem::set_weighting and the
/// indicator-system file reader (which locates the error at the node's weighting), so that
/// every weighting the API accepts is saved and loaded back equal. They do not depend on the
/// node's children (IndicatorSystem::check() compares counts and orders). Throws
/// InvalidArgument located at @p where, its field a path relative to the weighting as in the
/// file ("weights/1", "pairwise", "subjective/tolerance", "alpha"):
///   "weights.invalid"  a fixed weight that is not finite and >= 0, or non-empty weights summing to 0;
///   "ahp.not_square", "ahp.not_positive", "ahp.diagonal", "ahp.not_reciprocal"  the pairwise
///                      matrix (check_pairwise_matrix with the options' reciprocity tolerance);
///   "ahp.options"      tolerance or reciprocity_tolerance not finite and > 0, max_iterations 0;
///   "indicator.encoding"  a random-index table name that is not UTF-8;
///   "weights.alpha"    a linear combination's alpha outside [0, 1], or alpha set (non-zero) on
///                      a multiplicative one (it would not be saved).
inline void check_weighting(const Weighting& weighting, const std::string& where) {
  auto fail = [&](const char* code, const std::string& summary, const std::string& field, const std::string& why) {
    throw InvalidArgument(code, summary, Location::of(where, field), why);
  };
  auto fixed = [&](const FixedWeights& w, const std::string& at) {
    double sum = 0.0;
    for (std::size_t k = 0; k < w.weights.size(); ++k) {
      const double x = w.weights[k];
      if (!(std::isfinite(x) && x >= 0.0))
        fail("weights.invalid", "invalid fixed weight", at + "weights/" + std::to_string(k),
             "weight " + std::to_string(k) + " is " + std::to_string(x) + "; weights must be finite and non-negative");
      sum += x;
    }
    if (!w.weights.empty() && !(sum > 0.0)) fail("weights.invalid", "fixed weights sum to 0", at + "weights", "at least one weight must be positive");
  };
  auto ahp = [&](const AhpWeights& w, const std::string& at) {
    const AhpOptions& o = w.options;
    if (!(std::isfinite(o.tolerance) && o.tolerance > 0.0))
      fail("ahp.options", "invalid AHP option", at + "tolerance", "tolerance must be finite and positive, got " + std::to_string(o.tolerance));
    if (o.max_iterations == 0) fail("ahp.options", "invalid AHP option", at + "max_iterations", "max_iterations must be positive");
    if (!(std::isfinite(o.reciprocity_tolerance) && o.reciprocity_tolerance > 0.0))
      fail("ahp.options", "invalid AHP option", at + "reciprocity_tolerance",
           "reciprocity_tolerance must be finite and positive, got " + std::to_string(o.reciprocity_tolerance));
    check_indicator_text(o.random_index.name(), where, "random_index");
    try {
      check_pairwise_matrix(w.pairwise, o.reciprocity_tolerance);
    } catch (const InvalidArgument& err) {
      fail(err.code().c_str(), err.summary(), at + "pairwise", err.where().field.empty() ? err.why() : err.where().field + ": " + err.why());
    }
  };
  std::visit(
      [&](const auto& w) {
        using W = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<W, FixedWeights>) {
          fixed(w, "");
        } else if constexpr (std::is_same_v<W, AhpWeights>) {
          ahp(w, "");
        } else if constexpr (std::is_same_v<W, CombinedWeights>) {
          std::visit(
              [&](const auto& s) {
                if constexpr (std::is_same_v<std::decay_t<decltype(s)>, FixedWeights>) {
                  fixed(s, "subjective/");
                } else {
                  ahp(s, "subjective/");
                }
              },
              w.subjective);
          if (w.combination == WeightCombination::Linear) {
            if (!(w.alpha >= 0.0 && w.alpha <= 1.0))
              fail("weights.alpha", "invalid alpha", "alpha", "alpha must lie in [0, 1], got " + std::to_string(w.alpha));
          } else if (w.alpha != 0.0) {
            fail("weights.alpha", "alpha does not apply", "alpha", "alpha is set only for the linear combination");
          }
        }
      },
      weighting);
}

/// Most nodes an IndicatorSystem holds (root included). Adding, finding and reading a node
/// take constant time, so this bounds memory, not time; the indicator-system file reader
/// refuses larger files before building anything.
inline constexpr std::size_t kMaxIndicatorNodes = 1'000'000;

/// A tree of indicators. Node 0 is the root; nodes are numbered in the order they are added,
/// so a parent always precedes its children. Names are unique in the tree.
class IndicatorSystem {
 public:
  using Node = std::size_t;

  /// A tree with only its root group.
  explicit IndicatorSystem(std::string root_name) {
    nodes_.push_back(Entry{check_name(std::move(root_name)), {}, {}, {}, {}});
    index_.emplace(nodes_.back().name, root());
  }

  /// The root node (0).
  [[nodiscard]] static constexpr Node root() noexcept { return 0; }

  /// Adds an inner node under group @p parent.
  Node add_group(Node parent, std::string name) { return add(parent, std::move(name), std::nullopt); }

  /// Adds a leaf under group @p parent; checks the leaf with check_leaf().
  Node add_leaf(Node parent, std::string name, IndicatorLeaf leaf) {
    check_leaf(leaf, "indicator '" + utf8_escaped(name) + "'");
    return add(parent, std::move(name), std::move(leaf));
  }

  /// Sets how group @p node weights its children (default: equal weights); refuses what
  /// check_weighting() refuses, so whatever is set can be saved and loaded back.
  void set_weighting(Node node, Weighting weighting) {
    check_node(node);
    if (nodes_[node].leaf)
      throw InvalidArgument("indicator.structure", "a leaf has no children to weight", Location::of(where(node)), "");
    check_weighting(weighting, where(node));
    nodes_[node].weighting = std::move(weighting);
  }

  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }
  [[nodiscard]] const std::string& name(Node node) const { return nodes_.at(node).name; }
  [[nodiscard]] std::optional<Node> parent(Node node) const { return nodes_.at(node).parent; }
  [[nodiscard]] const std::vector<Node>& children(Node node) const { return nodes_.at(node).children; }
  [[nodiscard]] bool is_leaf(Node node) const { return nodes_.at(node).leaf.has_value(); }
  /// The leaf definition (StateError "indicator.structure" for a group).
  [[nodiscard]] const IndicatorLeaf& leaf(Node node) const {
    if (!is_leaf(node)) throw StateError("indicator.structure", "node is a group, not a leaf", Location::of(where(node)), "");
    return *nodes_[node].leaf;
  }
  [[nodiscard]] const Weighting& weighting(Node node) const { return nodes_.at(node).weighting; }
  /// Node by name; NotFound("indicator.unknown") if absent.
  [[nodiscard]] Node find(std::string_view name) const {
    if (const auto found = index_.find(std::string(name)); found != index_.end()) return found->second;
    throw NotFound("indicator.unknown", "no indicator named '" + std::string(name) + "'", Location::of("indicator system"), "");
  }
  /// Leaves in the order they were added: the column order evaluate() expects.
  [[nodiscard]] std::vector<Node> leaves() const {
    std::vector<Node> out;
    for (Node i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].leaf) out.push_back(i);
    return out;
  }

  /// Throws InvalidArgument("indicator.structure") if a group has no children or a weighting
  /// does not fit its children (count of fixed weights, order of the AHP matrix); the values
  /// themselves were checked when set (check_leaf, check_weighting).
  void check() const {
    for (Node i = 0; i < nodes_.size(); ++i) {
      const auto& e = nodes_[i];
      if (e.leaf) continue;
      if (e.children.empty()) structure(i, "group has no children");
      const auto k = e.children.size();
      auto check_subjective = [&](const auto& w) {
        using W = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<W, FixedWeights>) {
          if (w.weights.size() != k)
            structure(i, std::to_string(w.weights.size()) + " fixed weights for " + std::to_string(k) + " children");
        } else if constexpr (std::is_same_v<W, AhpWeights>) {
          if (static_cast<std::size_t>(w.pairwise.rows()) != k || static_cast<std::size_t>(w.pairwise.cols()) != k)
            structure(i, "AHP matrix of shape " + std::to_string(w.pairwise.rows()) + "x" +
                             std::to_string(w.pairwise.cols()) + " for " + std::to_string(k) + " children");
        }
      };
      std::visit(
          [&](const auto& w) {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, CombinedWeights>) {
              std::visit(check_subjective, w.subjective);  // alpha: check_weighting() at set time
            } else {
              check_subjective(w);
            }
          },
          e.weighting);
    }
  }

  /// Scores every node for every unit. @p leaf_values is units × leaves() (column k holds
  /// the raw values of the k-th leaf added). Errors: InvalidArgument "indicator.shape",
  /// "indicator.value" (Identity value outside [0, 100], infinite values),
  /// "indicator.missing" (NaN under MissingPolicy::Error, or feeding an entropy weighting),
  /// "indicator.constant_leaf" (MinMax leaf with all units equal and no tie score), and the
  /// errors of the AHP / entropy / combination steps, re-thrown with the node's name.
  [[nodiscard]] IndicatorScores evaluate(const Eigen::MatrixXd& leaf_values, MissingPolicy missing = MissingPolicy::Error) const {
    check();
    const auto leaf_nodes = leaves();
    const Eigen::Index units = leaf_values.rows();
    if (static_cast<std::size_t>(leaf_values.cols()) != leaf_nodes.size() || units == 0)
      throw InvalidArgument("indicator.shape", "leaf value table has the wrong shape", Location::of("indicator system"),
                            std::to_string(leaf_values.rows()) + "x" + std::to_string(leaf_values.cols()) + " for " +
                                std::to_string(leaf_nodes.size()) + " leaves and at least one unit");
    const auto count = static_cast<Eigen::Index>(nodes_.size());
    IndicatorScores out;
    out.scores = Eigen::MatrixXd::Constant(units, count, std::numeric_limits<double>::quiet_NaN());
    out.local_weights = Eigen::VectorXd::Ones(count);
    out.global_weights = Eigen::VectorXd::Ones(count);
    out.ahp.assign(nodes_.size(), std::nullopt);
    for (std::size_t k = 0; k < leaf_nodes.size(); ++k)
      out.scores.col(static_cast<Eigen::Index>(leaf_nodes[k])) = leaf_scores(leaf_nodes[k], leaf_values.col(static_cast<Eigen::Index>(k)), missing);
    // Children have larger numbers than their parent: walk backwards.
    for (Node i = nodes_.size(); i-- > 0;) {
      const auto& e = nodes_[i];
      if (e.leaf) continue;
      Eigen::MatrixXd child(units, static_cast<Eigen::Index>(e.children.size()));
      for (std::size_t c = 0; c < e.children.size(); ++c)
        child.col(static_cast<Eigen::Index>(c)) = out.scores.col(static_cast<Eigen::Index>(e.children[c]));
      Eigen::VectorXd w;
      try {
        w = child_weights(e.weighting, child, out.ahp[i]);
      } catch (const InvalidArgument& err) {
        throw InvalidArgument(err.code(), err.summary(), Location::of(where(i)), err.why());
      } catch (const ConvergenceError& err) {
        throw ConvergenceError(err.code(), err.summary(), Location::of(where(i)), err.why());
      }
      for (std::size_t c = 0; c < e.children.size(); ++c) out.local_weights(static_cast<Eigen::Index>(e.children[c])) = w(static_cast<Eigen::Index>(c));
      for (Eigen::Index u = 0; u < units; ++u) {
        double sum = 0.0, weight = 0.0;
        for (Eigen::Index c = 0; c < child.cols(); ++c) {
          if (std::isnan(child(u, c))) continue;
          sum += w(c) * child(u, c);
          weight += w(c);
        }
        out.scores(u, static_cast<Eigen::Index>(i)) = weight > 0.0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
      }
    }
    for (Node i = 1; i < nodes_.size(); ++i)
      out.global_weights(static_cast<Eigen::Index>(i)) =
          out.global_weights(static_cast<Eigen::Index>(*nodes_[i].parent)) * out.local_weights(static_cast<Eigen::Index>(i));
    return out;
  }

 private:
  struct Entry {
    std::string name;
    std::optional<Node> parent;
    std::vector<Node> children;
    std::optional<IndicatorLeaf> leaf;
    Weighting weighting;
  };

  Node add(Node parent, std::string name, std::optional<IndicatorLeaf> leaf) {
    check_node(parent);
    if (nodes_[parent].leaf)
      throw InvalidArgument("indicator.structure", "cannot add a child to a leaf", Location::of(where(parent)),
                            "'" + name + "' must hang under a group");
    name = check_name(std::move(name));
    if (index_.contains(name))
      throw InvalidArgument("indicator.structure", "duplicate indicator name", Location::of("indicator '" + name + "'"),
                            "names must be unique in the tree");
    if (nodes_.size() >= kMaxIndicatorNodes)
      throw InvalidArgument("indicator.limit", "too many indicators", Location::of("indicator '" + name + "'"),
                            "an indicator system holds at most " + std::to_string(kMaxIndicatorNodes) + " nodes");
    const Node id = nodes_.size();
    // The index first; should a later step run out of memory, undo it so nothing has changed.
    const auto indexed = index_.emplace(name, id).first;
    try {
      nodes_.push_back(Entry{std::move(name), parent, {}, std::move(leaf), EqualWeights{}});
      nodes_[parent].children.push_back(id);
    } catch (...) {
      if (nodes_.size() > id) nodes_.pop_back();
      index_.erase(indexed);
      throw;
    }
    return id;
  }
  static std::string check_name(std::string name) {
    require(!name.empty(), "indicator.structure", "indicator names must not be empty");
    check_indicator_text(name, "indicator '" + utf8_escaped(name) + "'", "name");
    return name;
  }
  void check_node(Node node) const {
    require(node < nodes_.size(), "indicator.structure",
            "node " + std::to_string(node) + " does not exist (tree has " + std::to_string(nodes_.size()) + ")");
  }
  [[nodiscard]] std::string where(Node node) const { return "indicator '" + nodes_[node].name + "'"; }
  [[noreturn]] void structure(Node node, const std::string& why) const {
    throw InvalidArgument("indicator.structure", "invalid indicator system", Location::of(where(node)), why);
  }

  /// 0–100 scores of one leaf column.
  [[nodiscard]] Eigen::VectorXd leaf_scores(Node node, const Eigen::VectorXd& raw, MissingPolicy missing) const {
    const IndicatorLeaf& leaf = *nodes_[node].leaf;
    const bool cost = leaf.direction == Direction::Cost;
    auto bad = [&](const char* code, const std::string& what, const std::string& why) {
      return InvalidArgument(code, what, Location::of(where(node)), why);
    };
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (Eigen::Index u = 0; u < raw.size(); ++u) {
      const double x = raw(u);
      if (std::isnan(x)) {
        if (missing == MissingPolicy::Error)
          throw bad("indicator.missing", "missing leaf value", "unit " + std::to_string(u) + " has no value (NaN)");
        continue;
      }
      if (!std::isfinite(x)) throw bad("indicator.value", "infinite leaf value", "unit " + std::to_string(u));
      if (leaf.normalization == LeafNormalization::Identity && !(x >= 0.0 && x <= 100.0))
        throw bad("indicator.value", "score outside [0, 100]",
                  "unit " + std::to_string(u) + " has " + std::to_string(x) + "; use bounds normalisation for other ranges");
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    Eigen::VectorXd s(raw.size());
    for (Eigen::Index u = 0; u < raw.size(); ++u) {
      const double x = raw(u);
      if (std::isnan(x)) {
        s(u) = x;
        continue;
      }
      switch (leaf.normalization) {
        case LeafNormalization::Identity: s(u) = cost ? 100.0 - x : x; break;
        case LeafNormalization::Bounds: {
          const double t = std::clamp((x - leaf.lower) / (leaf.upper - leaf.lower), 0.0, 1.0);
          s(u) = 100.0 * (cost ? 1.0 - t : t);
          break;
        }
        case LeafNormalization::MinMax:
          if (!(hi > lo)) {
            if (!leaf.tie_score)
              throw bad("indicator.constant_leaf", "every unit has the same value",
                        "min-max scoring is undefined; set a tie score or use bounds normalisation");
            s(u) = *leaf.tie_score;
          } else {
            const double t = (x - lo) / (hi - lo);
            s(u) = 100.0 * (cost ? 1.0 - t : t);
          }
          break;
      }
    }
    return s;
  }

  /// Local weights of a group's children given their score columns.
  [[nodiscard]] static Eigen::VectorXd child_weights(const Weighting& weighting, const Eigen::MatrixXd& child,
                                                     std::optional<AhpResult>& ahp) {
    const Eigen::Index k = child.cols();
    auto subjective = [&](const auto& w) -> Eigen::VectorXd {
      using W = std::decay_t<decltype(w)>;
      if constexpr (std::is_same_v<W, FixedWeights>) {
        return normalize_weights(Eigen::Map<const Eigen::VectorXd>(w.weights.data(), k), k);
      } else {
        ahp = ahp_weights(w.pairwise, w.options);
        return ahp->weights;
      }
    };
    auto objective = [&](const EntropyWeights& w) -> Eigen::VectorXd {
      require(!child.hasNaN(), "indicator.missing", "entropy weights need every child's score for every unit");
      EntropyOptions options;
      options.normalization = w.normalization;
      return entropy_weights(child, options);
    };
    return std::visit(
        [&](const auto& w) -> Eigen::VectorXd {
          using W = std::decay_t<decltype(w)>;
          if constexpr (std::is_same_v<W, EqualWeights>) {
            return Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
          } else if constexpr (std::is_same_v<W, EntropyWeights>) {
            return objective(w);
          } else if constexpr (std::is_same_v<W, CombinedWeights>) {
            const Eigen::VectorXd s = std::visit(subjective, w.subjective);
            const Eigen::VectorXd o = objective(w.objective);
            return w.combination == WeightCombination::Multiplicative ? combine_multiplicative(s, o)
                                                                      : combine_linear(s, o, w.alpha);
          } else {
            return subjective(w);
          }
        },
        weighting);
  }

  std::vector<Entry> nodes_;
  std::unordered_map<std::string, Node> index_;  // name -> node, so add() and find() are O(1)
};

}  // namespace massline::scoring
