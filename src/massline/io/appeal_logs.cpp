#include <massline/io/appeal_logs.hpp>

#include "detail/appeal_log.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace massline::io {
namespace detail {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

struct SubjectRule {
  std::string_view text;
  SubjectArea subject;
};

// Complaint types (NYC 311) and service names (Open311) whose subject area is clear; the table is
// docs/formats.md's. Every other type is `other` (police, parking, consumer, animal matters...).
constexpr SubjectRule kComplaintSubjects[] = {
    {"Air Quality", SubjectArea::Environment},
    {"Indoor Air Quality", SubjectArea::Environment},
    {"Dirty Conditions", SubjectArea::Environment},
    {"Sanitation Condition", SubjectArea::Environment},
    {"Missed Collection (All Materials)", SubjectArea::Environment},
    {"Overflowing Litter Baskets", SubjectArea::Environment},
    {"Litter Basket / Request", SubjectArea::Environment},
    {"Recycling Enforcement", SubjectArea::Environment},
    {"Electronics Waste", SubjectArea::Environment},
    {"Hazardous Materials", SubjectArea::Environment},
    {"Water Conservation", SubjectArea::Environment},
    {"Water Quality", SubjectArea::Environment},
    {"Graffiti", SubjectArea::Environment},
    {"Vacant Lot", SubjectArea::Environment},
    {"Rodent", SubjectArea::Environment},
    {"Damaged Tree", SubjectArea::Environment},
    {"Overgrown Tree/Branches", SubjectArea::Environment},
    {"New Tree Request", SubjectArea::Environment},
    {"Street Condition", SubjectArea::Infrastructure},
    {"Street Light Condition", SubjectArea::Infrastructure},
    {"Traffic Signal Condition", SubjectArea::Infrastructure},
    {"Sidewalk Condition", SubjectArea::Infrastructure},
    {"Root/Sewer/Sidewalk Condition", SubjectArea::Infrastructure},
    {"Sewer", SubjectArea::Infrastructure},
    {"Water System", SubjectArea::Infrastructure},
    {"Highway Condition", SubjectArea::Infrastructure},
    {"Highway Sign - Missing", SubjectArea::Infrastructure},
    {"Street Sign - Damaged", SubjectArea::Infrastructure},
    {"Street Sign - Dangling", SubjectArea::Infrastructure},
    {"Street Sign - Missing", SubjectArea::Infrastructure},
    {"Elevator", SubjectArea::Infrastructure},
    {"Boilers", SubjectArea::Infrastructure},
    {"HEAT/HOT WATER", SubjectArea::Infrastructure},
    {"HEATING", SubjectArea::Infrastructure},
    {"PLUMBING", SubjectArea::Infrastructure},
    {"WATER LEAK", SubjectArea::Infrastructure},
    {"ELECTRIC", SubjectArea::Infrastructure},
    {"Snow", SubjectArea::Infrastructure},
    {"Food Poisoning", SubjectArea::Medical},
    {"SCRIE", SubjectArea::ElderlyCare},
};

// First-level categories of the message board's taxonomy (附件1) with a clear subject area.
constexpr SubjectRule kCategorySubjects[] = {
    {"劳动和社会保障", SubjectArea::Employment}, {"教育文体", SubjectArea::Education},
    {"卫生计生", SubjectArea::Medical},          {"环境保护", SubjectArea::Environment},
    {"城乡建设", SubjectArea::Infrastructure},   {"交通运输", SubjectArea::Infrastructure},
    {"政法", SubjectArea::Legal},                {"党务政务", SubjectArea::Political},
};

}  // namespace

std::size_t AppealLog::agency(const std::string& key, const std::string& name) {
  const auto [it, added] = agency_index.emplace(key, agencies.size());
  if (added) agencies.push_back({key, name});
  return it->second;
}

int ascii_number(std::string_view text, std::size_t pos, std::size_t len) {
  if (pos > text.size() || len > text.size() - pos) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

SubjectArea subject_of_complaint(std::string_view type) {
  type = trim(type);
  // Every "Noise", "Noise - Residential", "Noise - Vehicle"... is environmental.
  if (iequal(type.substr(0, 5), "noise") && (type.size() == 5 || type.substr(5, 3) == " - ")) return SubjectArea::Environment;
  for (const SubjectRule& rule : kComplaintSubjects)
    if (iequal(type, rule.text)) return rule.subject;
  return SubjectArea::Other;
}

SubjectArea subject_of_category(std::string_view category) {
  category = trim(category);
  for (const SubjectRule& rule : kCategorySubjects)
    if (category == rule.text) return rule.subject;
  return SubjectArea::Other;
}

Appeal appeal_from(const RequestFacts& facts, std::string_view format, const Location& where) {
  Appeal a;
  a.code = facts.code;
  a.channel = facts.channel;
  a.subject = facts.subject;
  a.summary = facts.summary;
  a.due = facts.due;
  a.history.reserve(5);
  a.history.push_back({AppealEventKind::Registered, facts.registered, std::nullopt, {}, std::nullopt});
  if (facts.fed_back) {
    // The model sorts before it feeds back; the sources do not class their requests, so every
    // answered request is sorted on its registration day as reasonable and lawful, handled
    // directly by its agency (docs/formats.md says so).
    a.appeal_class = AppealClass::ReasonableLawful;
    a.routing = Routing::Direct;
    a.history.push_back({AppealEventKind::Sorted, facts.registered, std::nullopt, {}, std::nullopt});
    a.history.push_back({AppealEventKind::FedBack, *facts.fed_back, std::nullopt, facts.feedback_note, std::nullopt});
  }
  if (facts.closed) {
    a.history.push_back({AppealEventKind::Disposed, *facts.closed, std::nullopt, {}, std::nullopt});
    a.history.push_back({AppealEventKind::Closed, *facts.closed, std::nullopt, {}, std::nullopt});
  }
  try {
    a.check();  // the whole history at once, by the model's own rules
  } catch (const InvalidArgument& e) {
    throw ParseError(std::string(format) + ".order", "request '" + facts.code + "' has no valid history", where,
                     e.why());
  }
  return a;
}

}  // namespace detail

namespace {

/// Puts @p log into @p registry under @p parent, whole or not at all; returns the root's id.
OrgId add_log(Registry& registry, detail::AppealLog log, std::optional<OrgId> parent) {
  OrgLevel root_level = OrgLevel::County;
  if (parent) {
    const Organization& p = registry.get(*parent);  // NotFound for an unknown parent
    const int level = static_cast<int>(p.level);
    if (level > 2) {
      throw InvalidArgument("appeal_log.parent", "no room for an appeal log under " + parent->to_string(),
                            Location::of(parent->to_string(), "level"),
                            "the log's root goes one level below the parent and its agencies two, so the parent is at "
                            "level 1 or 2 (got " + std::to_string(level) + ")");
    }
    root_level = static_cast<OrgLevel>(level + 1);
  }
  const auto agency_level = static_cast<OrgLevel>(static_cast<int>(root_level) + 1);
  auto agency_code = [&](const detail::LogAgency& agency) { return log.root_code + ":" + agency.key; };
  // Codes already in the registry: refused before anything is added.
  auto taken = [&](const std::string& code, const char* kind) {
    throw IntegrityError("integrity.duplicate_code", std::string(kind) + " code '" + code + "' is already in the registry",
                         Location::of(std::string("new ") + kind + " '" + code + "'", "code"),
                         "an appeal log is imported whole or not at all; nothing was added");
  };
  if (registry.find_organization(log.root_code)) taken(log.root_code, "organization");
  for (const auto& agency : log.agencies)
    if (registry.find_organization(agency_code(agency))) taken(agency_code(agency), "organization");
  for (const auto& request : log.requests)
    if (registry.find_appeal(request.appeal.code)) taken(request.appeal.code, "appeal");

  RegistryCapacity capacity;
  capacity.organizations = registry.organizations().size() + 1 + log.agencies.size();
  capacity.appeals = registry.appeals().size() + log.requests.size();
  registry.reserve(capacity);

  std::vector<OrgId> orgs;
  std::vector<AppealId> appeals;
  try {
    Organization root;
    root.code = log.root_code;
    root.name = log.root_name;
    root.level = root_level;
    root.parent = parent;
    root.sector = Sector::Organ;
    orgs.push_back(registry.add(root));
    for (const auto& agency : log.agencies) {
      Organization org;
      org.code = agency_code(agency);
      org.name = agency.name;
      org.level = agency_level;
      org.parent = orgs.front();
      org.sector = Sector::Organ;
      orgs.push_back(registry.add(org));
    }
    for (auto& request : log.requests) {
      const OrgId unit = request.agency ? orgs[*request.agency + 1] : orgs.front();
      request.appeal.origin = unit;
      request.appeal.handler = unit;
      appeals.push_back(registry.add(std::move(request.appeal)));
    }
  } catch (...) {
    // Only reachable on a failure the checks above cannot foresee (memory): undo what was added,
    // newest first, so the registry is as it was.
    for (auto it = appeals.rbegin(); it != appeals.rend(); ++it) registry.remove(*it);
    for (auto it = orgs.rbegin(); it != orgs.rend(); ++it) registry.remove(*it);
    throw;
  }
  return orgs.front();
}

detail::AppealLog parse(const std::filesystem::path& path, AppealLogFormat format) {
  switch (format) {
    case AppealLogFormat::Nyc311:
      return detail::parse_nyc311(path);
    case AppealLogFormat::Open311:
      return detail::parse_open311(path);
    case AppealLogFormat::CnMessages:
      return detail::parse_cn_messages(path);
  }
  throw InvalidArgument("appeal_log.format", "unknown appeal-log format", Location::in_file(path.string()),
                        "got " + std::to_string(static_cast<int>(format)));
}

detail::AppealLog parse(std::istream& in, const std::string& source, AppealLogFormat format) {
  switch (format) {
    case AppealLogFormat::Nyc311:
      return detail::parse_nyc311(in, source);
    case AppealLogFormat::Open311:
      return detail::parse_open311(in, source);
    case AppealLogFormat::CnMessages:
      return detail::parse_cn_messages(in, source);
  }
  throw InvalidArgument("appeal_log.format", "unknown appeal-log format", Location::in_file(source),
                        "got " + std::to_string(static_cast<int>(format)));
}

}  // namespace

Registry read_appeal_log(std::istream& in, const std::string& source, AppealLogFormat format) {
  Registry registry;
  add_log(registry, parse(in, source, format), std::nullopt);
  return registry;
}

Registry read_appeal_log(const std::filesystem::path& path, AppealLogFormat format) {
  Registry registry;
  add_log(registry, parse(path, format), std::nullopt);
  return registry;
}

Registry read_nyc311(const std::filesystem::path& path) { return read_appeal_log(path, AppealLogFormat::Nyc311); }
Registry read_open311(const std::filesystem::path& path) { return read_appeal_log(path, AppealLogFormat::Open311); }
Registry read_cn_messages(const std::filesystem::path& path) {
  return read_appeal_log(path, AppealLogFormat::CnMessages);
}

OrgId import_appeal_log(Registry& registry, const std::filesystem::path& path, AppealLogFormat format,
                        std::optional<OrgId> parent) {
  if (parent) (void)registry.get(*parent);  // an unknown parent fails before the file is read
  return add_log(registry, parse(path, format), parent);
}

}  // namespace massline::io
