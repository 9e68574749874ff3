#include <massline/io/policy_file.hpp>

#include "detail/json_value.hpp"

#include <massline/core/utf8.hpp>
#include <massline/io/detail/atomic_file.hpp>
#include <massline/io/detail/read_file.hpp>

// toml++'s internal assertions stay off in every build, as in its own release configuration
// (NDEBUG), which is how the library ships: with them on, hostile text trips some of them
// (e.g. `[[[[a[[s = c]]` in parse_key) and aborts the fuzz build, while with them off the
// parser reports a syntax error. The fuzz target then checks the shipped behaviour.
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <utility>

// One schema for both encodings: TOML is read into the JSON document type (remembering the line
// and column of every value), and a single PolicyReader turns the document into a PolicySet; the
// writers build one document and print it as JSON or TOML.

namespace massline::io {
using namespace massline::policy;  // this file reads and writes policy types throughout

namespace {

using detail::Json;

constexpr std::string_view kFormat = "massline.policy_set";

// ---- writing ------------------------------------------------------------------------------

template <class E>
Json names(Flags<E> flags) {
  Json out = Json::array();
  constexpr auto all = enum_names(E{});
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto e = static_cast<E>(static_cast<int>(i) + first_enumerator<E>());
    if (flags.test(e)) out.push_back(std::string(all[i]));
  }
  return out;
}

Json selector(const Selector& s) {
  Json out = Json::object();
  if (s.kinds.any()) out["kinds"] = names(s.kinds);
  if (s.cadre_ranks.any()) out["cadre_ranks"] = names(s.cadre_ranks);
  if (s.delegate_levels.any()) out["delegate_levels"] = names(s.delegate_levels);
  if (s.roles.any()) out["roles"] = names(s.roles);
  if (s.capable_of_helping) out["capable_of_helping"] = *s.capable_of_helping;
  if (s.org_levels.any()) out["org_levels"] = names(s.org_levels);
  if (s.sectors.any()) out["sectors"] = names(s.sectors);
  if (s.org_kinds.any()) out["org_kinds"] = names(s.org_kinds);
  return out;
}

Json document(const PolicySet& set) {
  set.check();  // also keeps non-finite numbers (which neither format holds) out of the text
  Json out;
  out["format"] = kFormat;
  out["version"] = kPolicyFileVersion;
  out["name"] = set.name;
  out["satisfaction_threshold"] = set.satisfaction_threshold;
  out["satisfaction_source"] = set.satisfaction_source;
  Json quotas = Json::array();
  for (const QuotaRule& q : set.quotas) {
    Json r;
    r["name"] = q.name;
    r["source"] = q.source;
    r["activity"] = to_name(q.activity);
    r["period"] = to_name(q.period);
    r["minimum"] = q.minimum;
    if (q.maximum) r["maximum"] = *q.maximum;
    if (q.ratio) r["ratio"] = Json{{"of", to_name(q.ratio->of)}, {"numerator", q.ratio->numerator}, {"denominator", q.ratio->denominator}};
    if (!q.who.is_everyone()) r["who"] = selector(q.who);
    quotas.push_back(std::move(r));
  }
  Json coverage = Json::array();
  for (const CoverageRule& c : set.coverage) {
    Json r;
    r["name"] = c.name;
    r["source"] = c.source;
    r["kind"] = to_name(c.kind);
    r["categories"] = names(c.categories);
    r["scope"] = to_name(c.scope);
    r["period"] = to_name(c.period);
    r["minimum"] = c.minimum;
    if (!c.by.is_everyone()) r["by"] = selector(c.by);
    coverage.push_back(std::move(r));
  }
  Json deadlines = Json::array();
  for (const AppealDeadline& d : set.deadlines) {
    Json r;
    r["name"] = d.name;
    r["source"] = d.source;
    r["stage"] = to_name(d.stage);
    r["working_days"] = d.working_days;
    if (d.appeal_class) r["appeal_class"] = to_name(*d.appeal_class);
    if (d.routing) r["routing"] = to_name(*d.routing);
    if (d.handler_level) r["handler_level"] = to_name(*d.handler_level);
    deadlines.push_back(std::move(r));
  }
  Json points = Json::array();
  for (const PointsRule& p : set.points) {
    Json r;
    r["name"] = p.name;
    r["source"] = p.source;
    r["event"] = to_name(p.event);
    r["points"] = p.points;
    if (!p.quota.empty()) r["quota"] = p.quota;
    if (!p.who.is_everyone()) r["who"] = selector(p.who);
    points.push_back(std::move(r));
  }
  out["quotas"] = std::move(quotas);
  out["coverage"] = std::move(coverage);
  out["deadlines"] = std::move(deadlines);
  out["points"] = std::move(points);
  return out;
}

// TOML text of the document's values. Strings as basic strings with escapes; the document holds
// only strings, integers, finite doubles, booleans, arrays and objects.
void toml_string(std::string_view s, std::string& out) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          constexpr char hex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

bool bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

void toml_key(std::string_view key, std::string& out) {
  if (bare_key(key)) {
    out += key;
  } else {
    toml_string(key, out);
  }
}

void toml_value(const Json& v, std::string& out) {
  if (v.is_string()) {
    toml_string(v.get_ref<const std::string&>(), out);
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number_float()) {
    // JSON's shortest round-trip form is TOML too once it has a '.' or an exponent.
    std::string number = v.dump();
    if (number.find_first_of(".eE") == std::string::npos) number += ".0";
    out += number;
  } else if (v.is_number()) {
    out += v.dump();
  } else if (v.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      toml_value(v[i], out);
    }
    out += ']';
  } else {  // an object: an inline table
    out += '{';
    bool first = true;
    for (const auto& item : v.items()) {
      out += first ? " " : ", ";
      first = false;
      toml_key(item.key(), out);
      out += " = ";
      toml_value(item.value(), out);
    }
    out += first ? "}" : " }";
  }
}

bool array_of_tables(const Json& v) {
  return v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_object(); });
}

std::string to_toml(const Json& doc) {
  std::string out = "# massline policy set (docs/policy.md)\n";
  for (const auto& item : doc.items()) {
    if (array_of_tables(item.value())) continue;
    toml_key(item.key(), out);
    out += " = ";
    toml_value(item.value(), out);
    out += '\n';
  }
  for (const auto& item : doc.items()) {
    if (!array_of_tables(item.value())) continue;
    for (const Json& table : item.value()) {
      out += "\n[[";
      toml_key(item.key(), out);
      out += "]]\n";
      for (const auto& field : table.items()) {
        toml_key(field.key(), out);
        out += " = ";
        toml_value(field.value(), out);
        out += '\n';
      }
    }
  }
  return out;
}

// ---- TOML into the document -----------------------------------------------------------------

/// Line and column of the values of a document read from TOML, by key path.
using Positions = std::map<std::string, std::pair<std::size_t, std::size_t>>;

std::string restored(std::string_view text);  // below: the text toml++ gives out, as it was written

std::string member_path(const std::string& at, std::string_view key) {
  return at.empty() ? std::string(key) : at + "." + std::string(key);
}
std::string index_path(const std::string& at, std::size_t i) { return at + "[" + std::to_string(i) + "]"; }

class TomlConverter {
 public:
  TomlConverter(std::string source, Positions& positions) : source_(std::move(source)), positions_(positions) {}

  Json convert(const toml::node& node, const std::string& at) {
    const auto& where = node.source().begin;
    positions_[at] = {where.line, where.column};
    switch (node.type()) {
      case toml::node_type::table: {
        Json out = Json::object();
        for (auto&& [key, value] : *node.as_table()) out[restored(key.str())] = convert(value, member_path(at, restored(key.str())));
        return out;
      }
      case toml::node_type::array: {
        Json out = Json::array();
        const auto& array = *node.as_array();
        for (std::size_t i = 0; i < array.size(); ++i) out.push_back(convert(array[i], index_path(at, i)));
        return out;
      }
      case toml::node_type::string: return Json(restored(node.as_string()->get()));
      case toml::node_type::integer: return Json(node.as_integer()->get());
      case toml::node_type::floating_point: {
        const double x = node.as_floating_point()->get();
        if (!std::isfinite(x))
          throw ParseError("policy_file.value", "number out of range", location(at), "inf and nan are not allowed");
        return Json(x);
      }
      case toml::node_type::boolean: return Json(node.as_boolean()->get());
      default:
        throw ParseError("policy_file.type", "wrong type", location(at), "dates and times do not occur in a policy set");
    }
  }

 private:
  Location location(const std::string& at) const {
    const auto& [line, column] = positions_.at(at);
    Location where = Location::in_file(source_, line, std::to_string(column));
    where.field = at;
    return where;
  }
  std::string source_;
  Positions& positions_;
};

// ---- reading ------------------------------------------------------------------------------

class PolicyReader {
 public:
  PolicyReader(std::string source, const Positions* positions) : source_(std::move(source)), positions_(positions) {}

  PolicySet read(const Json& doc) {
    expect_object(doc, "");
    allow_keys(doc, "", {"format", "version", "name", "satisfaction_threshold", "satisfaction_source", "quotas", "coverage", "deadlines", "points"});
    const auto format = doc.find("format");
    if (format == doc.end())
      fail("policy_file.format", "not a policy-set file", "format", "missing key 'format' (\"" + std::string(kFormat) + "\")");
    if (!format->is_string() || format->get<std::string>() != kFormat)
      fail("policy_file.format", "not a policy-set file", "format", "expected format = \"" + std::string(kFormat) + "\"");
    const auto version = doc.find("version");
    if (version == doc.end())
      fail("policy_file.format", "missing version", "version", "a policy-set file states its format version (version = 1)");
    if (!version->is_number_integer())
      fail("policy_file.format", "bad version", "version", "expected an integer, got " + version->dump());
    const bool supported = version->is_number_unsigned()
                               ? version->get<std::uint64_t>() == static_cast<std::uint64_t>(kPolicyFileVersion)
                               : version->get<std::int64_t>() == kPolicyFileVersion;
    if (!supported)
      fail("policy_file.format", "unsupported version", "version",
           "this massline reads version " + std::to_string(kPolicyFileVersion) + ", the file has " + version->dump());

    PolicySet set;
    set.name = optional_text(doc, "name", "");
    set.satisfaction_source = optional_text(doc, "satisfaction_source", "");
    const Json& threshold = required(doc, "satisfaction_threshold", "");
    if (!threshold.is_number()) type_error("satisfaction_threshold", "a number", threshold);
    set.satisfaction_threshold = threshold.get<double>();
    located("satisfaction_threshold", "satisfaction_threshold", [&] {
      PolicySet probe;
      probe.satisfaction_threshold = set.satisfaction_threshold;
      probe.check();
    });

    const Json* quotas = rules(doc, "quotas");
    const Json* coverage = rules(doc, "coverage");
    const Json* deadlines = rules(doc, "deadlines");
    const Json* points = rules(doc, "points");
    if (quotas)
      for (std::size_t i = 0; i < quotas->size(); ++i) set.quotas.push_back(quota((*quotas)[i], index_path("quotas", i)));
    if (coverage)
      for (std::size_t i = 0; i < coverage->size(); ++i)
        set.coverage.push_back(coverage_rule((*coverage)[i], index_path("coverage", i)));
    if (deadlines)
      for (std::size_t i = 0; i < deadlines->size(); ++i)
        set.deadlines.push_back(deadline((*deadlines)[i], index_path("deadlines", i)));
    if (points)
      for (std::size_t i = 0; i < points->size(); ++i) set.points.push_back(points_rule((*points)[i], index_path("points", i)));
    // Rules are valid one by one; now the whole (unique names), located at the later use.
    try {
      set.check();
    } catch (const InvalidArgument& err) {
      std::vector<std::pair<std::string, std::string>> rules;  // entity, key path
      for (std::size_t i = 0; i < set.quotas.size(); ++i) rules.emplace_back("quota '" + set.quotas[i].name + "'", index_path("quotas", i));
      for (std::size_t i = 0; i < set.coverage.size(); ++i)
        rules.emplace_back("coverage '" + set.coverage[i].name + "'", index_path("coverage", i));
      for (std::size_t i = 0; i < set.deadlines.size(); ++i)
        rules.emplace_back("deadline '" + set.deadlines[i].name + "'", index_path("deadlines", i));
      for (std::size_t i = 0; i < set.points.size(); ++i)
        rules.emplace_back("points '" + set.points[i].name + "'", index_path("points", i));
      std::string at = err.where().field;
      for (auto it = rules.rbegin(); it != rules.rend(); ++it)
        if (it->first == err.where().entity) {
          at = member_path(it->second, err.where().field);
          break;
        }
      fail(err.code(), err.summary(), at, err.why(), err.where().entity);
    }
    return set;
  }

 private:
  // -- errors --
  [[noreturn]] void fail(const std::string& code, const std::string& what, const std::string& at, const std::string& why,
                         const std::string& entity = {}) const {
    Location where = Location::in_file(source_);
    if (positions_) {
      // The value's own line, else that of the nearest enclosing value present in the file.
      std::string path = at;
      while (true) {
        const auto found = positions_->find(path);
        if (found != positions_->end()) {
          where.row = found->second.first;
          where.column = std::to_string(found->second.second);
          break;
        }
        const auto cut = path.find_last_of(".[");
        if (cut == std::string::npos || path.empty()) break;
        path.resize(cut);
      }
    }
    where.entity = entity;
    where.field = at.empty() ? "/" : at;
    throw ParseError(code, what, std::move(where), why);
  }
  [[noreturn]] void type_error(const std::string& at, const std::string& expected, const Json& got) const {
    fail("policy_file.type", "wrong type", at, "expected " + expected + ", got " + std::string(got.type_name()));
  }
  /// Runs @p f (a rule's check()), re-throwing its error located at the rule's key path plus
  /// the field the error names.
  template <class F>
  void located(const std::string& at, const std::string& fallback_field, F&& f) const {
    try {
      f();
    } catch (const Error& err) {
      const std::string field = err.where().field.empty() ? fallback_field : err.where().field;
      fail(err.code(), err.summary(), field.empty() ? at : (at == field ? at : member_path(at, field)), err.why(),
           err.where().entity);
    }
  }

  // -- document access --
  void expect_object(const Json& v, const std::string& at) const {
    if (!v.is_object()) type_error(at, "a table", v);
  }
  void allow_keys(const Json& object, const std::string& at, std::initializer_list<std::string_view> allowed) const {
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail("policy_file.key", "unknown key '" + item.key() + "'", member_path(at, item.key()), "allowed here: " + list);
    }
  }
  const Json& required(const Json& object, const std::string& key, const std::string& at) const {
    const auto found = object.find(key);
    if (found == object.end()) fail("policy_file.key", "missing key '" + key + "'", at, "this table needs it");
    return *found;
  }
  std::string required_text(const Json& object, const std::string& key, const std::string& at) const {
    const Json& value = required(object, key, at);
    if (!value.is_string()) type_error(member_path(at, key), "a string", value);
    return value.get<std::string>();
  }
  std::string optional_text(const Json& object, const std::string& key, const std::string& at) const {
    const auto found = object.find(key);
    if (found == object.end()) return {};
    if (!found->is_string()) type_error(member_path(at, key), "a string", *found);
    return found->get<std::string>();
  }
  std::int64_t integer(const Json& v, const std::string& at) const {
    if (!v.is_number_integer()) type_error(at, "an integer", v);
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      fail("policy_file.value", "number out of range", at, v.dump() + " is too large");
    return v.get<std::int64_t>();
  }
  template <class E>
  E enumerator(const Json& v, const std::string& at, std::string_view what) const {
    if (!v.is_string()) type_error(at, "a string (one of the names of " + std::string(what) + ")", v);
    E out{};
    try {
      out = from_name<E>(v.get<std::string>(), what);
    } catch (const InvalidArgument& err) {
      fail("policy_file.value", err.summary(), at, err.why());
    }
    return out;
  }
  template <class E>
  Flags<E> flags(const Json& v, const std::string& at, std::string_view what) const {
    if (!v.is_array()) type_error(at, "an array of names", v);
    Flags<E> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const E e = enumerator<E>(v[i], index_path(at, i), what);
      if (out.test(e)) fail("policy_file.value", "name listed twice", index_path(at, i), "each name once");
      out.set(e);
    }
    return out;
  }
  const Json* rules(const Json& doc, const char* key) const {
    const auto found = doc.find(key);
    if (found == doc.end()) return nullptr;
    if (!found->is_array()) type_error(key, "an array of tables", *found);
    if (found->size() > kMaxRulesPerKind)
      fail("policy_file.limit", "too many rules", key,
           std::to_string(found->size()) + " rules; at most " + std::to_string(kMaxRulesPerKind) + " of a kind");
    return &*found;
  }

  // -- content --
  Selector selector(const Json& v, const std::string& at) const {
    expect_object(v, at);
    allow_keys(v, at, {"kinds", "cadre_ranks", "delegate_levels", "roles", "capable_of_helping", "org_levels", "sectors", "org_kinds"});
    Selector s;
    for (const auto& item : v.items()) {
      const std::string& key = item.key();
      const std::string path = member_path(at, key);
      const Json& x = item.value();
      if (key == "kinds") s.kinds = flags<MemberKind>(x, path, "member kind");
      else if (key == "cadre_ranks") s.cadre_ranks = flags<CadreRank>(x, path, "cadre rank");
      else if (key == "delegate_levels") s.delegate_levels = flags<DelegateLevel>(x, path, "delegate level");
      else if (key == "roles") s.roles = flags<MemberRole>(x, path, "member role");
      else if (key == "org_levels") s.org_levels = flags<OrgLevel>(x, path, "organisation level");
      else if (key == "sectors") s.sectors = flags<Sector>(x, path, "sector");
      else if (key == "org_kinds") s.org_kinds = flags<OrgKind>(x, path, "organisation kind");
      else {  // capable_of_helping
        if (!x.is_boolean()) type_error(path, "true or false", x);
        s.capable_of_helping = x.get<bool>();
      }
    }
    return s;
  }

  QuotaRule quota(const Json& v, const std::string& at) const {
    expect_object(v, at);
    allow_keys(v, at, {"name", "source", "activity", "period", "minimum", "maximum", "ratio", "who"});
    QuotaRule q;
    q.name = required_text(v, "name", at);
    q.source = optional_text(v, "source", at);
    q.activity = enumerator<QuotaActivity>(required(v, "activity", at), member_path(at, "activity"), "activity");
    q.period = enumerator<QuotaPeriod>(required(v, "period", at), member_path(at, "period"), "period");
    q.minimum = integer(required(v, "minimum", at), member_path(at, "minimum"));
    if (const auto m = v.find("maximum"); m != v.end()) q.maximum = integer(*m, member_path(at, "maximum"));
    if (const auto r = v.find("ratio"); r != v.end()) {
      const std::string path = member_path(at, "ratio");
      expect_object(*r, path);
      allow_keys(*r, path, {"of", "numerator", "denominator"});
      QuotaRatio ratio;
      ratio.of = enumerator<QuotaActivity>(required(*r, "of", path), member_path(path, "of"), "activity");
      ratio.numerator = integer(required(*r, "numerator", path), member_path(path, "numerator"));
      ratio.denominator = integer(required(*r, "denominator", path), member_path(path, "denominator"));
      q.ratio = ratio;
    }
    if (const auto w = v.find("who"); w != v.end()) q.who = selector(*w, member_path(at, "who"));
    located(at, "", [&] { q.check(); });
    return q;
  }

  CoverageRule coverage_rule(const Json& v, const std::string& at) const {
    expect_object(v, at);
    allow_keys(v, at, {"name", "source", "kind", "categories", "scope", "period", "minimum", "by"});
    CoverageRule c;
    c.name = required_text(v, "name", at);
    c.source = optional_text(v, "source", at);
    c.kind = enumerator<CoverageKind>(required(v, "kind", at), member_path(at, "kind"), "coverage kind");
    if (const auto x = v.find("categories"); x != v.end())
      c.categories = flags<HouseholdCategory>(*x, member_path(at, "categories"), "household category");
    if (const auto x = v.find("scope"); x != v.end()) c.scope = enumerator<CoverageScope>(*x, member_path(at, "scope"), "coverage scope");
    if (const auto x = v.find("period"); x != v.end()) c.period = enumerator<QuotaPeriod>(*x, member_path(at, "period"), "period");
    if (const auto x = v.find("minimum"); x != v.end()) c.minimum = integer(*x, member_path(at, "minimum"));
    if (const auto x = v.find("by"); x != v.end()) c.by = selector(*x, member_path(at, "by"));
    located(at, "", [&] { c.check(); });
    return c;
  }

  AppealDeadline deadline(const Json& v, const std::string& at) const {
    expect_object(v, at);
    allow_keys(v, at, {"name", "source", "stage", "working_days", "appeal_class", "routing", "handler_level"});
    AppealDeadline d;
    d.name = required_text(v, "name", at);
    d.source = optional_text(v, "source", at);
    d.stage = enumerator<AppealStage>(required(v, "stage", at), member_path(at, "stage"), "appeal stage");
    d.working_days = integer(required(v, "working_days", at), member_path(at, "working_days"));
    if (const auto x = v.find("appeal_class"); x != v.end())
      d.appeal_class = enumerator<AppealClass>(*x, member_path(at, "appeal_class"), "appeal class");
    if (const auto x = v.find("routing"); x != v.end()) d.routing = enumerator<Routing>(*x, member_path(at, "routing"), "routing");
    if (const auto x = v.find("handler_level"); x != v.end())
      d.handler_level = enumerator<OrgLevel>(*x, member_path(at, "handler_level"), "organisation level");
    located(at, "", [&] { d.check(); });
    return d;
  }

  PointsRule points_rule(const Json& v, const std::string& at) const {
    expect_object(v, at);
    allow_keys(v, at, {"name", "source", "event", "points", "quota", "who"});
    PointsRule p;
    p.name = required_text(v, "name", at);
    p.source = optional_text(v, "source", at);
    p.event = enumerator<PointsEvent>(required(v, "event", at), member_path(at, "event"), "points event");
    const Json& points = required(v, "points", at);
    if (!points.is_number()) type_error(member_path(at, "points"), "a number", points);
    p.points = points.get<double>();
    p.quota = optional_text(v, "quota", at);
    if (const auto x = v.find("who"); x != v.end()) p.who = selector(*x, member_path(at, "who"));
    located(at, "", [&] { p.check(); });
    return p;
  }

  std::string source_;
  const Positions* positions_;
};

void check_size(std::string_view text, const std::string& source) {
  if (text.size() > kMaxPolicyFileBytes)
    throw ParseError("policy_file.limit", "policy-set text too large", Location::in_file(source),
                     std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(kMaxPolicyFileBytes));
}

}  // namespace

PolicyFileFormat policy_file_format(const std::filesystem::path& path) {
  std::string suffix = path.extension().string();
  std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (suffix == ".toml") return PolicyFileFormat::Toml;
  if (suffix == ".json") return PolicyFileFormat::Json;
  throw InvalidArgument("policy_file.format", "unknown policy-file suffix", Location::in_file(path.string()),
                        "a policy-set file ends in .toml or .json (or pass the format)");
}

std::string policy_set_to_toml(const PolicySet& set) { return to_toml(document(set)); }

std::string policy_set_to_json(const PolicySet& set, int indent) { return detail::write_json(document(set), indent); }

namespace {

// toml++ 3.3 (Debian 12) reaches __builtin_unreachable() in its whitespace test for many code
// points between U+00A1 and U+FEFE, wherever it scans for whitespace (found by fuzzing). So
// toml++ never sees them: every code point in [U+00A0, U+FEFF] is shifted into plane 15
// (private use) before it reads the text, and shifted back in every key, string and message it
// gives out. Text already in plane 15 is refused, so the shift is one-to-one.
constexpr char32_t kHiddenLow = 0xA0, kHiddenHigh = 0xFEFF, kHiddenShift = 0xF0000;
constexpr char32_t kPlane15Low = 0xF0000, kPlane15High = 0xFFFFF;

void append_utf8(char32_t c, std::string& out) {
  const auto put = [&out](char32_t bits) { out.push_back(static_cast<char>(bits)); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0U | (c >> 6U));
    put(0x80U | (c & 0x3FU));
  } else if (c < 0x10000) {
    put(0xE0U | (c >> 12U));
    put(0x80U | ((c >> 6U) & 0x3FU));
    put(0x80U | (c & 0x3FU));
  } else {
    put(0xF0U | (c >> 18U));
    put(0x80U | ((c >> 12U) & 0x3FU));
    put(0x80U | ((c >> 6U) & 0x3FU));
    put(0x80U | (c & 0x3FU));
  }
}

/// @p text with the code points toml++ mishandles hidden in plane 15 (@p hide) or restored.
std::string shift_code_points(std::string_view text, bool hide) {
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  const char32_t from = hide ? kHiddenLow : kHiddenLow + kHiddenShift;
  const char32_t to = hide ? kHiddenHigh : kHiddenHigh + kHiddenShift;
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = utf8_char_at(text, i);
    if (n == 0) {  // not a valid character (toml++ cut a message mid-character): kept as it is
      out.append(text.substr(i));
      break;
    }
    if (c >= from && c <= to) {
      append_utf8(hide ? c + kHiddenShift : c - kHiddenShift, out);
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string restored(std::string_view text) { return shift_code_points(text, false); }

}  // namespace

PolicySet policy_set_from_toml(std::string_view text, std::string_view source) {
  const std::string name(source);
  check_size(text, name);
  // Encoding first, so that no message quotes bytes that are not text.
  if (const std::size_t bad = utf8_invalid_offset(text); bad < text.size()) {
    const auto at = detail::text_position(text, bad);
    throw ParseError("policy_file.encoding", "not UTF-8 text", Location::in_file(name, at.line, std::to_string(at.column)),
                     "byte offset " + std::to_string(bad) + " (byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])) +
                         ") does not start or continue a UTF-8 character");
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = utf8_char_at(text, i);  // validated above: n >= 1
    if (c >= kPlane15Low && c <= kPlane15High) {
      const auto at = detail::text_position(text, i);
      throw ParseError("policy_file.encoding", "private-use character", Location::in_file(name, at.line, std::to_string(at.column)),
                       "byte offset " + std::to_string(i) + ": characters of plane 15 (U+F0000..U+FFFFF) are not accepted in a TOML policy file");
    }
    i += n;
  }
  toml::table table;
  try {
    table = toml::parse(shift_code_points(text, true), name);
  } catch (const toml::parse_error& err) {
    const auto& at = err.source().begin;
    throw ParseError("policy_file.syntax", "not TOML", Location::in_file(name, at.line, std::to_string(at.column)),
                     restored(err.description()));
  }
  Positions positions;
  const Json doc = TomlConverter(name, positions).convert(table, "");
  return PolicyReader(name, &positions).read(doc);
}

PolicySet policy_set_from_json(std::string_view text, std::string_view source) {
  const std::string name(source);
  check_size(text, name);
  return PolicyReader(name, nullptr).read(detail::parse_json(text, name, "policy_file"));
}

void save_policy_set(const PolicySet& set, const std::filesystem::path& path, std::optional<PolicyFileFormat> format) {
  const PolicyFileFormat f = format ? *format : policy_file_format(path);
  const std::string text = f == PolicyFileFormat::Toml ? policy_set_to_toml(set) : policy_set_to_json(set);  // may throw: nothing touched yet
  if (text.size() > kMaxPolicyFileBytes)  // whatever is saved must load
    throw InvalidArgument("policy_file.limit", "policy set too large to save", Location::in_file(path.string()),
                          "its file would have " + std::to_string(text.size()) + " bytes, more than the limit of " +
                              std::to_string(kMaxPolicyFileBytes));
  detail::save_atomically(path, text, "policy_file.io", "cannot write policy-set file");
}

PolicySet load_policy_set(const std::filesystem::path& path, std::optional<PolicyFileFormat> format) {
  const PolicyFileFormat f = format ? *format : policy_file_format(path);
  const std::string text = detail::read_regular_file(path, kMaxPolicyFileBytes, {"policy_file.io", "cannot read policy-set file"});
  return f == PolicyFileFormat::Toml ? policy_set_from_toml(text, path.string()) : policy_set_from_json(text, path.string());
}

}  // namespace massline::io
