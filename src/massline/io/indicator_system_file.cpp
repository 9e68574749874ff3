#include <massline/io/indicator_system_file.hpp>

#include "detail/json_value.hpp"

#include <massline/io/detail/atomic_file.hpp>
#include <massline/io/detail/read_file.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <unordered_map>

namespace massline::io {
using namespace massline::scoring;  // this file reads and writes scoring types throughout
namespace {

using detail::Json;

constexpr std::string_view kFormat = "massline.indicator_system";
constexpr std::uint64_t kVersion = 1;

// ---- writing ------------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(const IndicatorSystem& system) : system_(system) {}

  Json document() {
    Json nodes = Json::array();
    for (std::size_t i = 0; i < system_.size(); ++i) {
      node_ = i;
      Json node;
      node["name"] = system_.name(i);
      if (const auto parent = system_.parent(i)) node["parent"] = system_.name(*parent);
      if (system_.is_leaf(i)) {
        node["leaf"] = leaf(system_.leaf(i));
      } else {
        node["weighting"] = weighting(system_.weighting(i));
      }
      nodes.push_back(std::move(node));
    }
    Json out;
    out["format"] = kFormat;
    out["version"] = kVersion;
    out["nodes"] = std::move(nodes);
    return out;
  }

 private:
  double finite(double x, std::string_view field) const {
    if (!std::isfinite(x))
      throw InvalidArgument("indicator_file.value", "number a JSON file cannot hold",
                            Location::of("indicator '" + system_.name(node_) + "'", std::string(field)),
                            "got " + std::to_string(x) + "; only finite numbers can be saved");
    return x;
  }
  Json numbers(const std::vector<double>& values, std::string_view field) const {
    Json out = Json::array();
    for (double x : values) out.push_back(finite(x, field));
    return out;
  }

  Json leaf(const IndicatorLeaf& leaf) const {
    Json out;
    out["source"] = to_name(leaf.source);
    if (!leaf.key.empty()) out["key"] = leaf.key;
    out["direction"] = to_name(leaf.direction);
    out["normalization"] = to_name(leaf.normalization);
    if (leaf.normalization == LeafNormalization::Bounds) {
      out["lower"] = finite(leaf.lower, "lower");
      out["upper"] = finite(leaf.upper, "upper");
    }
    if (leaf.tie_score) out["tie_score"] = finite(*leaf.tie_score, "tie_score");
    return out;
  }

  Json ahp(const AhpWeights& w) const {
    Json out;
    out["kind"] = "ahp";
    Json rows = Json::array();
    for (Eigen::Index r = 0; r < w.pairwise.rows(); ++r) {
      Json row = Json::array();
      for (Eigen::Index c = 0; c < w.pairwise.cols(); ++c) row.push_back(finite(w.pairwise(r, c), "pairwise"));
      rows.push_back(std::move(row));
    }
    out["pairwise"] = std::move(rows);
    const auto& table = w.options.random_index;
    if (table.is_published()) {
      out["random_index"] = table.name();
    } else {
      out["random_index"] = Json{{"name", table.name()}, {"values", numbers(table.values(), "random_index")}};
    }
    out["method"] = to_name(w.options.method);
    // Solver settings only when changed, so hand-written and saved files look alike.
    const AhpOptions defaults;
    if (w.options.tolerance != defaults.tolerance) out["tolerance"] = finite(w.options.tolerance, "tolerance");
    if (w.options.max_iterations != defaults.max_iterations) out["max_iterations"] = w.options.max_iterations;
    if (w.options.reciprocity_tolerance != defaults.reciprocity_tolerance)
      out["reciprocity_tolerance"] = finite(w.options.reciprocity_tolerance, "reciprocity_tolerance");
    return out;
  }

  Json fixed(const FixedWeights& w) const {
    Json out;
    out["kind"] = "fixed";
    out["weights"] = numbers(w.weights, "weights");
    return out;
  }

  Json weighting(const Weighting& weighting) const {
    return std::visit(
        [&](const auto& w) -> Json {
          using W = std::decay_t<decltype(w)>;
          if constexpr (std::is_same_v<W, EqualWeights>) {
            return Json{{"kind", "equal"}};
          } else if constexpr (std::is_same_v<W, FixedWeights>) {
            return fixed(w);
          } else if constexpr (std::is_same_v<W, AhpWeights>) {
            return ahp(w);
          } else if constexpr (std::is_same_v<W, EntropyWeights>) {
            return Json{{"kind", "entropy"}, {"normalization", to_name(w.normalization)}};
          } else {
            Json out;
            out["kind"] = "combined";
            out["subjective"] = std::visit([&](const auto& s) { return subjective(s); }, w.subjective);
            out["normalization"] = to_name(w.objective.normalization);
            out["combination"] = to_name(w.combination);
            if (w.combination == WeightCombination::Linear) out["alpha"] = finite(w.alpha, "alpha");
            return out;
          }
        },
        weighting);
  }
  Json subjective(const FixedWeights& w) const { return fixed(w); }
  Json subjective(const AhpWeights& w) const { return ahp(w); }

  const IndicatorSystem& system_;
  std::size_t node_ = 0;
};

// ---- reading ------------------------------------------------------------------------------

class IndicatorSystemReader {
 public:
  IndicatorSystemReader(std::string source, StructureCheck check) : source_(std::move(source)), check_(check) {}

  IndicatorSystem read(const Json& document) {
    expect_object(document, "");
    allow_keys(document, "", {"format", "version", "nodes"});
    const auto& format = required(document, "format", "");
    if (!format.is_string() || format.get<std::string>() != kFormat)
      fail("indicator_file.format", "not an indicator-system file", "/format",
           "expected \"format\": \"" + std::string(kFormat) + "\"");
    const auto& version = required(document, "version", "");
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() != kVersion)
      fail("indicator_file.format", "unsupported version", "/version",
           "this massline reads version " + std::to_string(kVersion) + ", the file has " + version.dump());
    const auto& nodes = required(document, "nodes", "");
    if (!nodes.is_array() || nodes.empty())
      fail("indicator_file.type", "no nodes", "/nodes", "expected a non-empty array of nodes, root first");
    if (nodes.size() > kMaxIndicatorNodes)
      fail("indicator_file.limit", "too many nodes", "/nodes",
           std::to_string(nodes.size()) + " nodes; an indicator system holds at most " +
               std::to_string(kMaxIndicatorNodes));

    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const std::string at = "/nodes/" + std::to_string(i);
      expect_object(nodes[i], at);
      const auto& name = required(nodes[i], "name", at);
      if (!name.is_string()) type_error(at + "/name", "a string", name);
      names_.push_back(name.get<std::string>());
      first_index_.emplace(names_.back(), i);  // keeps the first of repeated names
    }

    IndicatorSystem system = build_tree(nodes);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      node_ = i;
      const std::string at = "/nodes/" + std::to_string(i);
      if (nodes[i].contains("weighting")) {
        Weighting w = weighting(nodes[i]["weighting"], at + "/weighting");
        // set_weighting applies the API's own value rules (check_weighting); an error is
        // located at the offending key of this weighting.
        try {
          system.set_weighting(i, std::move(w));
        } catch (const Error& err) {
          fail(err.code(), err.summary(), at + "/weighting" + (err.where().field.empty() ? "" : "/" + err.where().field), err.why());
        }
      }
    }
    node_.reset();
    if (check_ == StructureCheck::Check) check_structure(system, nodes);
    return system;
  }

 private:
  // -- errors --
  [[noreturn]] void fail(const std::string& code, const std::string& what, const std::string& pointer,
                         const std::string& why) const {
    Location where = Location::in_file(source_);
    if (node_) where.entity = "node " + std::to_string(*node_) + (*node_ < names_.size() ? " '" + names_[*node_] + "'" : "");
    where.field = pointer.empty() ? "/" : pointer;
    throw ParseError(code, what, std::move(where), why);
  }
  [[noreturn]] void type_error(const std::string& pointer, const std::string& expected, const Json& got) const {
    fail("indicator_file.type", "wrong type", pointer, "expected " + expected + ", got " + std::string(got.type_name()));
  }
  /// Runs @p f, re-throwing a massline error (e.g. a duplicate name) located in the file.
  template <class F>
  void located(const std::string& pointer, F&& f) const {
    try {
      f();
    } catch (const Error& err) {
      fail(err.code(), err.summary(), pointer, err.why());
    }
  }

  // -- JSON access --
  void expect_object(const Json& value, const std::string& at) const {
    if (!value.is_object()) type_error(at, "an object", value);
  }
  void allow_keys(const Json& object, const std::string& at, std::initializer_list<std::string_view> allowed) const {
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail("indicator_file.key", "unknown key '" + item.key() + "'", at + "/" + detail::json_pointer_segment(item.key()),
           "allowed here: " + list);
    }
  }
  const Json& required(const Json& object, const std::string& key, const std::string& at) const {
    const auto found = object.find(key);
    if (found == object.end()) fail("indicator_file.key", "missing key '" + key + "'", at, "this object needs it");
    return *found;
  }
  double number(const Json& value, const std::string& at) const {
    if (!value.is_number()) type_error(at, "a number", value);
    return value.get<double>();
  }
  std::string text(const Json& value, const std::string& at) const {
    if (!value.is_string()) type_error(at, "a string", value);
    return value.get<std::string>();
  }
  template <class E>
  E enumerator(const Json& object, const std::string& key, const std::string& at, E fallback) const {
    const auto found = object.find(key);
    if (found == object.end()) return fallback;
    const std::string pointer = at + "/" + key;
    const std::string name = text(*found, pointer);
    E out = fallback;
    try {
      out = from_name<E>(name, key);
    } catch (const InvalidArgument& err) {
      fail("indicator_file.value", err.summary(), pointer, err.why());
    }
    return out;
  }
  std::vector<double> numbers(const Json& value, const std::string& at) const {
    if (!value.is_array()) type_error(at, "an array of numbers", value);
    std::vector<double> out;
    out.reserve(value.size());
    for (std::size_t k = 0; k < value.size(); ++k) out.push_back(number(value[k], at + "/" + std::to_string(k)));
    return out;
  }
  /// A pairwise-comparison entry: a number, or a fraction "p/q" so reciprocals such as 1/3
  /// are exact (0.333 would fail the reciprocity check).
  double judgement(const Json& value, const std::string& at) const {
    if (value.is_number()) return value.get<double>();
    if (!value.is_string()) type_error(at, "a number or a fraction string such as \"1/3\"", value);
    const auto s = value.get<std::string>();
    const auto slash = s.find('/');
    auto parse = [&](const std::string& part) {
      std::size_t used = 0;
      double x = 0.0;
      try {
        x = std::stod(part, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != part.size() || !std::isfinite(x) || x <= 0.0)
        fail("indicator_file.value", "bad pairwise judgement '" + s + "'", at, "expected a positive number or \"p/q\"");
      return x;
    };
    if (slash == std::string::npos) return parse(s);
    return parse(s.substr(0, slash)) / parse(s.substr(slash + 1));
  }

  // -- content --
  IndicatorSystem build_tree(const Json& nodes) {
    node_ = 0;
    const Json& root = nodes[0];
    if (root.contains("parent"))
      fail("indicator_file.value", "the root has no parent", "/nodes/0/parent", "the first node is the root of the tree");
    if (root.contains("leaf"))
      fail("indicator_file.value", "the root cannot be a leaf", "/nodes/0/leaf", "the first node is the root group");
    allow_keys(root, "/nodes/0", {"name", "weighting"});
    std::optional<IndicatorSystem> built;
    located("/nodes/0/name", [&] { built.emplace(names_[0]); });
    IndicatorSystem& system = *built;
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      node_ = i;
      const std::string at = "/nodes/" + std::to_string(i);
      const Json& node = nodes[i];
      const bool is_leaf = node.contains("leaf");
      if (is_leaf) {
        allow_keys(node, at, {"name", "parent", "leaf"});
      } else {
        allow_keys(node, at, {"name", "parent", "weighting"});
      }
      const std::string parent_name = text(required(node, "parent", at), at + "/parent");
      // By name through the index, so reading is linear in the number of nodes.
      const auto parent = first_index_.find(parent_name);
      if (parent == first_index_.end() || parent->second >= i) {
        fail("indicator_file.value", "unknown parent '" + parent_name + "'", at + "/parent",
             parent != first_index_.end() ? "the parent is listed after this node; list every parent before its children"
                                          : "no node has that name");
      }
      const auto parent_node = static_cast<IndicatorSystem::Node>(parent->second);
      if (is_leaf) {
        IndicatorLeaf l = leaf(node["leaf"], at + "/leaf");
        located(at, [&] { (void)system.add_leaf(parent_node, names_[i], std::move(l)); });
      } else {
        located(at, [&] { (void)system.add_group(parent_node, names_[i]); });
      }
    }
    return std::move(*built);
  }

  IndicatorLeaf leaf(const Json& value, const std::string& at) const {
    expect_object(value, at);
    allow_keys(value, at, {"source", "key", "direction", "normalization", "lower", "upper", "tie_score"});
    IndicatorLeaf out;
    out.source = enumerator(value, "source", at, IndicatorSource::SurveyItem);
    out.direction = enumerator(value, "direction", at, Direction::Benefit);
    out.normalization = enumerator(value, "normalization", at, LeafNormalization::Identity);
    if (value.contains("key")) out.key = text(value["key"], at + "/key");
    const bool bounds = out.normalization == LeafNormalization::Bounds;
    for (const char* key : {"lower", "upper"}) {
      if (value.contains(key) != bounds)
        fail(bounds ? "indicator_file.key" : "indicator_file.value",
             bounds ? "missing key '" + std::string(key) + "'" : "'" + std::string(key) + "' does not apply",
             at + (bounds ? "" : "/" + std::string(key)),
             "lower and upper are given exactly for \"normalization\": \"bounds\"");
    }
    if (bounds) {
      out.lower = number(value["lower"], at + "/lower");
      out.upper = number(value["upper"], at + "/upper");
    }
    if (value.contains("tie_score")) {
      if (out.normalization != LeafNormalization::MinMax)
        fail("indicator_file.value", "'tie_score' does not apply", at + "/tie_score",
             "a tie score is given only for \"normalization\": \"minmax\"");
      out.tie_score = number(value["tie_score"], at + "/tie_score");
    }
    return out;
  }

  std::string kind(const Json& value, const std::string& at) const {
    expect_object(value, at);
    return text(required(value, "kind", at), at + "/kind");
  }

  FixedWeights fixed(const Json& value, const std::string& at) const {
    allow_keys(value, at, {"kind", "weights"});
    return FixedWeights{numbers(required(value, "weights", at), at + "/weights")};
  }

  AhpWeights ahp(const Json& value, const std::string& at) const {
    allow_keys(value, at, {"kind", "pairwise", "random_index", "method", "tolerance", "max_iterations",
                           "reciprocity_tolerance"});
    AhpWeights out;
    const std::string matrix_at = at + "/pairwise";
    const Json& rows = required(value, "pairwise", at);
    if (!rows.is_array() || rows.empty()) type_error(matrix_at, "a non-empty array of rows", rows);
    const auto n = static_cast<Eigen::Index>(rows.size());
    out.pairwise.resize(n, n);
    for (Eigen::Index r = 0; r < n; ++r) {
      const std::string row_at = matrix_at + "/" + std::to_string(r);
      const Json& row = rows[static_cast<std::size_t>(r)];
      if (!row.is_array()) type_error(row_at, "an array (a matrix row)", row);
      if (row.size() != rows.size())
        fail("indicator_file.value", "pairwise matrix is not square", row_at,
             "row has " + std::to_string(row.size()) + " entries, the matrix " + std::to_string(rows.size()) + " rows");
      for (Eigen::Index c = 0; c < n; ++c)
        out.pairwise(r, c) = judgement(row[static_cast<std::size_t>(c)], row_at + "/" + std::to_string(c));
    }
    if (const auto found = value.find("random_index"); found != value.end()) {
      const std::string ri_at = at + "/random_index";
      if (found->is_string()) {
        located(ri_at, [&] { out.options.random_index = RandomIndexTable::named(found->get<std::string>()); });
      } else if (found->is_object()) {
        allow_keys(*found, ri_at, {"name", "values"});
        const std::string name = text(required(*found, "name", ri_at), ri_at + "/name");
        const auto values = numbers(required(*found, "values", ri_at), ri_at + "/values");
        located(ri_at, [&] { out.options.random_index = RandomIndexTable::custom(name, values); });
      } else {
        type_error(ri_at, "a table name or an object {\"name\", \"values\"}", *found);
      }
    }
    out.options.method = enumerator(value, "method", at, AhpMethod::Eigenvector);
    // Values are checked with the API's rules (check_weighting) once the weighting is read.
    if (value.contains("tolerance")) out.options.tolerance = number(value["tolerance"], at + "/tolerance");
    if (value.contains("reciprocity_tolerance"))
      out.options.reciprocity_tolerance = number(value["reciprocity_tolerance"], at + "/reciprocity_tolerance");
    if (value.contains("max_iterations")) {
      const Json& cap = value["max_iterations"];
      if (!cap.is_number_unsigned())
        fail("indicator_file.value", "bad max_iterations", at + "/max_iterations", "expected a positive integer, got " + cap.dump());
      out.options.max_iterations = cap.get<std::size_t>();
    }
    return out;
  }

  EntropyNormalization entropy(const Json& value, const std::string& at) const {
    return enumerator(value, "normalization", at, EntropyNormalization::Proportion);
  }

  Weighting weighting(const Json& value, const std::string& at) const {
    const std::string k = kind(value, at);
    if (k == "equal") {
      allow_keys(value, at, {"kind"});
      return EqualWeights{};
    }
    if (k == "fixed") return fixed(value, at);
    if (k == "ahp") return ahp(value, at);
    if (k == "entropy") {
      allow_keys(value, at, {"kind", "normalization"});
      return EntropyWeights{entropy(value, at)};
    }
    if (k == "combined") {
      allow_keys(value, at, {"kind", "subjective", "normalization", "combination", "alpha"});
      CombinedWeights out;
      const std::string sub_at = at + "/subjective";
      const Json& sub = required(value, "subjective", at);
      const std::string sub_kind = kind(sub, sub_at);
      if (sub_kind == "fixed") {
        out.subjective = fixed(sub, sub_at);
      } else if (sub_kind == "ahp") {
        out.subjective = ahp(sub, sub_at);
      } else {
        fail("indicator_file.value", "unknown subjective weighting '" + sub_kind + "'", sub_at + "/kind",
             "expected fixed or ahp");
      }
      out.objective.normalization = entropy(value, at);
      out.combination = enumerator(value, "combination", at, WeightCombination::Multiplicative);
      const bool linear = out.combination == WeightCombination::Linear;
      if (value.contains("alpha") != linear)
        fail(linear ? "indicator_file.key" : "indicator_file.value", linear ? "missing key 'alpha'" : "'alpha' does not apply",
             linear ? at : at + "/alpha", "alpha is given exactly for \"combination\": \"linear\"");
      if (linear) out.alpha = number(value["alpha"], at + "/alpha");
      return out;
    }
    fail("indicator_file.value", "unknown weighting kind '" + k + "'", at + "/kind",
         "expected equal, fixed, ahp, entropy or combined");
  }

  /// IndicatorSystem::check(), its error located at the offending node.
  void check_structure(const IndicatorSystem& system, const Json& nodes) {
    try {
      system.check();
    } catch (const Error& err) {
      for (std::size_t i = 0; i < nodes.size(); ++i)
        if (err.where().entity == "indicator '" + names_[i] + "'") node_ = i;  // once, on failure only
      fail(err.code(), err.summary(), node_ ? "/nodes/" + std::to_string(*node_) : "/nodes", err.why());
    }
  }

  std::string source_;
  StructureCheck check_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> first_index_;  // name -> first node of that name
  std::optional<std::size_t> node_;  // the node being read, for error locations
};

}  // namespace

std::string indicator_system_to_json(const IndicatorSystem& system, int indent) {
  return detail::write_json(Writer(system).document(), indent);
}

IndicatorSystem indicator_system_from_json(std::string_view text, std::string_view source, StructureCheck check) {
  const std::string name(source);
  if (text.size() > kMaxIndicatorFileBytes)
    throw ParseError("indicator_file.limit", "indicator-system text too large", Location::in_file(name),
                     std::to_string(text.size()) + " bytes, more than the limit of " +
                         std::to_string(kMaxIndicatorFileBytes));
  return IndicatorSystemReader(name, check).read(detail::parse_json(text, name, "indicator_file"));
}

void save_indicator_system(const IndicatorSystem& system, const std::filesystem::path& path) {
  const std::string text = indicator_system_to_json(system);  // may throw: nothing touched yet
  // Whatever is saved must load: refuse to write what the reader would refuse.
  if (text.size() > kMaxIndicatorFileBytes)
    throw InvalidArgument("indicator_file.limit", "indicator system too large to save", Location::in_file(path.string()),
                          "its file would have " + std::to_string(text.size()) + " bytes, more than the limit of " +
                              std::to_string(kMaxIndicatorFileBytes));
  detail::save_atomically(path, text, "indicator_file.io", "cannot write indicator-system file");
}

IndicatorSystem load_indicator_system(const std::filesystem::path& path) {
  const std::string text = detail::read_regular_file(path, kMaxIndicatorFileBytes,
                                                     {"indicator_file.io", "cannot read indicator-system file"});
  return indicator_system_from_json(text, path.string());
}

}  // namespace massline::io
