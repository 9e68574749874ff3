// The policy-set file: TOML and JSON round trips (the standard set and random custom sets), and
// every kind of bad file refused with a ParseError naming the file, the line (TOML) and the key.
#include <massline/io/policy_file.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace massline::io {
namespace {

using namespace massline::policy;

// The scratch directory of each test that writes files.
struct TestDir : massline::io::test_support::TempDir {
  TestDir() : TempDir("massline_policy_file") {}
};

// A reproducible random choice in [0, n) (raw engine output, the same on every standard library).
std::size_t pick(std::mt19937& g, std::size_t n) { return static_cast<std::size_t>(g() % n); }

template <class E>
E any_of(std::mt19937& g) {
  return static_cast<E>(static_cast<int>(pick(g, enum_count<E>)) + first_enumerator<E>());
}
template <class E>
Flags<E> some_of(std::mt19937& g) {
  Flags<E> out;
  for (std::size_t i = 0, n = pick(g, 3); i < n; ++i) out.set(any_of<E>(g));
  return out;
}

// A custom set using every field: selectors with every criterion, maxima, ratios, every coverage
// kind, deadlines with and without criteria, names and sources with quotes and non-ASCII text.
PolicySet random_set(unsigned seed) {
  std::mt19937 g(seed);
  PolicySet set;
  set.name = "县 \"custom\" " + std::to_string(seed) + "\\ tab\t";
  set.satisfaction_threshold = 0.5 + 0.5 * static_cast<double>(pick(g, 1000) + 1) / 1001.0;
  set.satisfaction_source = "local rule\nline 2";
  for (std::size_t i = 0; i < 12; ++i) {
    QuotaRule q;
    q.name = "q" + std::to_string(i) + ".rule-" + std::to_string(seed);
    q.source = pick(g, 2) ? "S" + std::to_string(i) : "";
    q.activity = static_cast<QuotaActivity>(pick(g, 17));  // the member activities
    q.period = any_of<QuotaPeriod>(g);
    q.minimum = static_cast<std::int64_t>(pick(g, 200));
    if (pick(g, 2)) q.maximum = q.minimum + static_cast<std::int64_t>(pick(g, 50));
    if (pick(g, 2)) q.ratio = QuotaRatio{q.activity == QuotaActivity::ContactHouseholds ? QuotaActivity::HomeVisits : QuotaActivity::ContactHouseholds,
                                         static_cast<std::int64_t>(pick(g, 5)), static_cast<std::int64_t>(pick(g, 5) + 1)};
    q.who.kinds = some_of<MemberKind>(g);
    q.who.cadre_ranks = some_of<CadreRank>(g);
    q.who.delegate_levels = some_of<DelegateLevel>(g);
    q.who.roles = some_of<MemberRole>(g);
    if (pick(g, 2)) q.who.capable_of_helping = pick(g, 2) == 1;
    q.who.org_levels = some_of<OrgLevel>(g);
    q.who.sectors = some_of<Sector>(g);
    q.who.org_kinds = some_of<OrgKind>(g);
    set.quotas.push_back(q);
  }
  QuotaRule meetings;
  meetings.name = "meetings";
  meetings.activity = QuotaActivity::SituationMeetings;
  meetings.period = QuotaPeriod::Month;
  meetings.minimum = 4;
  meetings.who.org_levels = {OrgLevel::Community, OrgLevel::Grid};
  meetings.ratio = QuotaRatio{QuotaActivity::WorkStudies, 2, 1};
  set.quotas.push_back(meetings);
  for (std::size_t i = 0; i < 5; ++i) {
    CoverageRule c;
    c.name = "c" + std::to_string(i);
    c.kind = any_of<CoverageKind>(g);
    c.categories = some_of<HouseholdCategory>(g);
    c.scope = c.kind == CoverageKind::VisitHouseholds && pick(g, 2) ? CoverageScope::PairedUnits : CoverageScope::All;
    c.period = any_of<QuotaPeriod>(g);
    c.minimum = static_cast<std::int64_t>(pick(g, 4) + 1);
    c.by.roles = some_of<MemberRole>(g);
    set.coverage.push_back(c);
  }
  for (std::size_t i = 0; i < 6; ++i) {
    AppealDeadline d;
    d.name = "d" + std::to_string(i);
    d.stage = static_cast<AppealStage>(pick(g, 3) + 1);
    d.working_days = static_cast<std::int64_t>(pick(g, 60));
    if (d.stage != AppealStage::Sorted && pick(g, 2)) d.appeal_class = any_of<AppealClass>(g);
    if (d.stage != AppealStage::Sorted && pick(g, 2)) d.routing = any_of<Routing>(g);
    if (pick(g, 2)) d.handler_level = any_of<OrgLevel>(g);
    set.deadlines.push_back(d);
  }
  for (std::size_t i = 0; i < 4; ++i) {
    PointsRule p;
    p.name = "p" + std::to_string(i);
    p.source = pick(g, 2) ? "积分 rule" : "";
    p.event = any_of<PointsEvent>(g);
    p.points = (static_cast<double>(pick(g, 2001)) - 1000.0) / 8.0;  // quarters and eighths, either sign
    if (p.is_quota_event() && pick(g, 2)) p.quota = set.quotas[pick(g, 12)].name;
    p.who.kinds = some_of<MemberKind>(g);
    p.who.org_levels = some_of<OrgLevel>(g);
    set.points.push_back(p);
  }
  set.check();
  return set;
}

TEST(PolicyFile, StandardRoundTripsThroughTomlAndJson) {
  const PolicySet standard = PolicySet::standard();
  const std::string toml = policy_set_to_toml(standard);
  EXPECT_NE(toml.find("format = \"massline.policy_set\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("version = 1\n"), std::string::npos);
  EXPECT_NE(toml.find("[[quotas]]\nname = \"pledges.capable_member\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("who = { capable_of_helping = true }"), std::string::npos) << toml;
  EXPECT_NE(toml.find("ratio = { of = \"contact_households\", numerator = 1, denominator = 3 }"), std::string::npos) << toml;
  EXPECT_EQ(policy_set_from_toml(toml), standard);
  const std::string json = policy_set_to_json(standard);
  EXPECT_EQ(policy_set_from_json(json), standard);
  EXPECT_EQ(policy_set_from_json(policy_set_to_json(standard, -1)), standard);
  // Writing is deterministic: the same set gives the same text.
  EXPECT_EQ(policy_set_to_toml(policy_set_from_toml(toml)), toml);
  EXPECT_EQ(policy_set_to_json(policy_set_from_json(json)), json);
}

TEST(PolicyFile, RandomCustomSetsRoundTrip) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    const PolicySet set = random_set(seed);
    SCOPED_TRACE(seed);
    EXPECT_EQ(policy_set_from_toml(policy_set_to_toml(set)), set) << policy_set_to_toml(set);
    EXPECT_EQ(policy_set_from_json(policy_set_to_json(set)), set);
  }
  PolicySet empty;  // no rules at all
  EXPECT_EQ(policy_set_from_toml(policy_set_to_toml(empty)), empty);
  EXPECT_EQ(policy_set_from_json(policy_set_to_json(empty)), empty);
}

TEST(PolicyFile, SaveAndLoadByTheSuffix) {
  const TestDir dir;
  const PolicySet set = random_set(7);
  for (const char* file : {"p.toml", "p.json", "P.TOML"}) {
    save_policy_set(set, dir.path() / file);
    EXPECT_EQ(load_policy_set(dir.path() / file), set) << file;
  }
  std::ifstream json(dir.path() / "p.json");
  EXPECT_EQ(json.get(), '{');
  save_policy_set(set, dir.path() / "p.txt", PolicyFileFormat::Toml);
  EXPECT_EQ(load_policy_set(dir.path() / "p.txt", PolicyFileFormat::Toml), set);
  EXPECT_THROW(save_policy_set(set, dir.path() / "p.yaml"), InvalidArgument);
  EXPECT_THROW((void)load_policy_set(dir.path() / "p.txt"), InvalidArgument);
  EXPECT_THROW((void)load_policy_set(dir.path() / "p.txt", PolicyFileFormat::Json), ParseError);  // TOML is not JSON
}

TEST(PolicyFile, SavingIsAtomicAndRefusesInvalidSets) {
  const TestDir dir;
  const auto path = dir.path() / "p.toml";
  save_policy_set(PolicySet::standard(), path);
  PolicySet bad = PolicySet::standard();
  bad.quotas[3].minimum = -1;
  EXPECT_THROW(save_policy_set(bad, path), InvalidArgument);
  EXPECT_EQ(load_policy_set(path), PolicySet::standard());  // untouched
  // A destination that cannot be written (its directory is missing) leaves no temporary.
  try {
    save_policy_set(PolicySet::standard(), dir.path() / "missing" / "p.toml");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.code(), "policy_file.io");
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

// ---- bad files ------------------------------------------------------------------------------

ParseError toml_error(const std::string& text) {
  try {
    (void)policy_set_from_toml(text, "bad.toml");
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ParseError("(none)", "", {}, "");
}

ParseError json_error(const std::string& text) {
  try {
    (void)policy_set_from_json(text, "bad.json");
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return ParseError("(none)", "", {}, "");
}

const std::string kHead = "format = \"massline.policy_set\"\nversion = 1\nsatisfaction_threshold = 0.8\n";

// A TOML file of kHead and one quota with @p extra lines (line 6 onwards).
std::string with_quota(const std::string& extra) {
  return kHead + "\n[[quotas]]\nname = \"q\"\nactivity = \"home_visits\"\nperiod = \"year\"\nminimum = 3\n" + extra;
}

TEST(PolicyFile, MinimalFilesRead) {
  const PolicySet set = policy_set_from_toml(with_quota(""));
  ASSERT_EQ(set.quotas.size(), 1U);
  EXPECT_EQ(set.quotas[0].minimum, 3);
  EXPECT_TRUE(set.quotas[0].who.is_everyone());
  EXPECT_EQ(set.name, "");
  EXPECT_TRUE(set.coverage.empty());
  const PolicySet json = policy_set_from_json(
      R"({"format": "massline.policy_set", "version": 1, "satisfaction_threshold": 0.75,
          "coverage": [{"name": "c", "kind": "pair_households", "categories": ["difficult"]}]})");
  EXPECT_DOUBLE_EQ(json.satisfaction_threshold, 0.75);
  EXPECT_EQ(json.coverage.at(0).minimum, 1);  // the default
}

TEST(PolicyFile, WrongTypeNamesLineAndKey) {
  auto e = toml_error(with_quota("maximum = \"five\"\n"));
  EXPECT_EQ(e.code(), "policy_file.type");
  EXPECT_EQ(e.where().file, "bad.toml");
  EXPECT_EQ(e.where().row, 10U);
  EXPECT_EQ(e.where().field, "quotas[0].maximum");
  e = toml_error(with_quota("minimum_x = 1\n"));
  EXPECT_EQ(e.code(), "policy_file.key");
  e = toml_error(with_quota("who = { roles = \"police\" }\n"));
  EXPECT_EQ(e.code(), "policy_file.type");
  EXPECT_EQ(e.where().field, "quotas[0].who.roles");
  EXPECT_EQ(e.where().row, 10U);
  e = toml_error(kHead + "name = 1979-05-27\n");
  EXPECT_EQ(e.code(), "policy_file.type");
  EXPECT_EQ(e.where().row, 4U);
  e = toml_error(with_quota("maximum = 4.0\n"));  // counts are integers
  EXPECT_EQ(e.code(), "policy_file.type");
  e = json_error(R"({"format": "massline.policy_set", "version": 1, "satisfaction_threshold": "high"})");
  EXPECT_EQ(e.code(), "policy_file.type");
  EXPECT_EQ(e.where().field, "satisfaction_threshold");
  EXPECT_EQ(e.where().file, "bad.json");
}

TEST(PolicyFile, UnknownKeysAndNamesAreErrors) {
  auto e = toml_error(with_quota("minimun = 1\n"));
  EXPECT_EQ(e.code(), "policy_file.key");
  EXPECT_EQ(e.where().field, "quotas[0].minimun");
  EXPECT_EQ(e.where().row, 10U);
  EXPECT_NE(e.why().find("minimum"), std::string::npos) << e.why();  // lists the allowed keys
  e = toml_error(kHead + "colour = \"red\"\n");
  EXPECT_EQ(e.where().field, "colour");
  EXPECT_EQ(e.where().row, 4U);
  e = toml_error(with_quota("who = { roles = [\"police\", \"sheriff\"] }\n"));
  EXPECT_EQ(e.code(), "policy_file.value");
  EXPECT_EQ(e.where().field, "quotas[0].who.roles[1]");
  e = toml_error(with_quota("who = { rank = [\"township\"] }\n"));
  EXPECT_EQ(e.code(), "policy_file.key");
  EXPECT_EQ(e.where().field, "quotas[0].who.rank");
  e = toml_error(with_quota("ratio = { of = \"contact_households\", numerator = 1, denominator = 3, extra = 0 }\n"));
  EXPECT_EQ(e.code(), "policy_file.key");
  e = toml_error(kHead + "\n[[quotas]]\nname = \"q\"\nactivity = \"visits\"\nperiod = \"year\"\nminimum = 3\n");
  EXPECT_EQ(e.code(), "policy_file.value");
  EXPECT_EQ(e.where().row, 7U);
  EXPECT_EQ(e.where().field, "quotas[0].activity");
  e = toml_error(kHead + "\n[[quotas]]\nname = \"q\"\nactivity = \"home_visits\"\nminimum = 3\n");
  EXPECT_EQ(e.code(), "policy_file.key");
  EXPECT_EQ(e.where().field, "quotas[0]");
  EXPECT_EQ(e.where().row, 5U);  // the [[quotas]] header
  e = json_error(R"({"format": "massline.policy_set", "version": 1, "satisfaction_threshold": 0.8, "quota": []})");
  EXPECT_EQ(e.code(), "policy_file.key");
  EXPECT_EQ(e.where().field, "quota");
  e = json_error(R"({"format": "massline.policy_set", "version": 1, "version": 1, "satisfaction_threshold": 0.8})");
  EXPECT_EQ(e.code(), "policy_file.key");  // a repeated key
  e = toml_error(kHead + "version = 1\n");
  EXPECT_EQ(e.code(), "policy_file.syntax");  // TOML refuses redefinitions itself
  EXPECT_EQ(e.where().row, 4U);
}

TEST(PolicyFile, VersionAndFormatAreRequired) {
  auto e = toml_error("format = \"massline.policy_set\"\nsatisfaction_threshold = 0.8\n");
  EXPECT_EQ(e.code(), "policy_file.format");
  EXPECT_EQ(e.where().field, "version");
  e = toml_error("format = \"massline.policy_set\"\nversion = 2\nsatisfaction_threshold = 0.8\n");
  EXPECT_EQ(e.code(), "policy_file.format");
  EXPECT_EQ(e.where().row, 2U);
  EXPECT_NE(e.why().find("reads version 1"), std::string::npos) << e.why();
  e = toml_error("format = \"massline.policy_set\"\nversion = \"1\"\nsatisfaction_threshold = 0.8\n");
  EXPECT_EQ(e.code(), "policy_file.format");
  e = toml_error("version = 1\nsatisfaction_threshold = 0.8\n");
  EXPECT_EQ(e.code(), "policy_file.format");
  EXPECT_EQ(e.where().field, "format");
  e = toml_error("format = \"massline.indicator_system\"\nversion = 1\nsatisfaction_threshold = 0.8\n");
  EXPECT_EQ(e.code(), "policy_file.format");
  e = json_error(R"({"format": "massline.policy_set", "version": 18446744073709551615, "satisfaction_threshold": 0.8})");
  EXPECT_EQ(e.code(), "policy_file.format");
  e = json_error(R"({"format": "massline.policy_set", "satisfaction_threshold": 0.8})");
  EXPECT_EQ(e.code(), "policy_file.format");
  EXPECT_EQ(e.where().field, "version");
  e = json_error("[]");
  EXPECT_EQ(e.code(), "policy_file.type");
}

TEST(PolicyFile, RuleChecksAreLocatedInTheFile) {
  auto e = toml_error(kHead + "\n[[quotas]]\nname = \"q\"\nactivity = \"home_visits\"\nperiod = \"year\"\nminimum = -2\n");
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().file, "bad.toml");
  EXPECT_EQ(e.where().row, 9U);
  EXPECT_EQ(e.where().field, "quotas[0].minimum");
  EXPECT_EQ(e.where().entity, "quota 'q'");
  e = toml_error(with_quota("maximum = 2\n"));  // below the minimum 3
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().row, 10U);
  EXPECT_EQ(e.where().field, "quotas[0].maximum");
  e = toml_error(with_quota("ratio = { of = \"contact_households\", numerator = 1, denominator = 0 }\n"));
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().field, "quotas[0].ratio.denominator");
  EXPECT_EQ(e.where().row, 10U);
  e = toml_error(with_quota("") + "\n[[quotas]]\nname = \"q\"\nactivity = \"pledges\"\nperiod = \"month\"\nminimum = 1\n");
  EXPECT_EQ(e.code(), "policy.duplicate_rule");
  EXPECT_EQ(e.where().field, "quotas[1].name");
  EXPECT_EQ(e.where().row, 12U);
  e = toml_error("format = \"massline.policy_set\"\nversion = 1\nsatisfaction_threshold = 1.5\n");
  EXPECT_EQ(e.code(), "policy.value");
  EXPECT_EQ(e.where().row, 3U);
  e = toml_error("format = \"massline.policy_set\"\nversion = 1\nsatisfaction_threshold = nan\n");
  EXPECT_EQ(e.code(), "policy_file.value");
  e = toml_error(kHead + "\n[[deadlines]]\nname = \"d\"\nstage = \"registered\"\nworking_days = 5\n");
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().field, "deadlines[0].stage");
  EXPECT_EQ(e.where().row, 7U);
  e = toml_error(with_quota("") + "\n[[points]]\nname = \"p\"\nevent = \"quota_met\"\npoints = 2\nquota = \"nope\"\n");
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().field, "points[0].quota");
  EXPECT_EQ(e.where().entity, "points 'p'");
  EXPECT_EQ(e.where().row, 15U);
  e = toml_error(kHead + "\n[[points]]\nname = \"p\"\nevent = \"contact\"\npoints = \"two\"\n");
  EXPECT_EQ(e.where().field, "points[0].points");
  e = toml_error(kHead + "\n[[points]]\nname = \"p\"\nevent = \"visit\"\npoints = 2\n");
  EXPECT_EQ(e.where().field, "points[0].event");
  e = toml_error(kHead + "\n[[points]]\nname = \"p\"\nevent = \"contact\"\npoints = 1e300\n");
  EXPECT_EQ(e.code(), "policy.rule");
  EXPECT_EQ(e.where().field, "points[0].points");
  e = toml_error(with_quota("minimum = 99999999999999999999\n"));
  EXPECT_EQ(e.code(), "policy_file.syntax");  // beyond 64 bits: toml++ refuses it
  e = json_error(R"({"format": "massline.policy_set", "version": 1, "satisfaction_threshold": 0.8,
     "quotas": [{"name": "q", "activity": "pledges", "period": "year", "minimum": 18446744073709551615}]})");
  EXPECT_EQ(e.code(), "policy_file.value");
  EXPECT_EQ(e.where().field, "quotas[0].minimum");
}

TEST(PolicyFile, EncodingSyntaxAndSizeLimits) {
  auto e = toml_error(kHead + "name = \"caf\xE9\"\n");
  EXPECT_EQ(e.code(), "policy_file.encoding");
  EXPECT_EQ(e.where().row, 4U);
  EXPECT_NE(e.why().find("0xE9"), std::string::npos) << e.why();
  e = json_error("{\"format\": \"massline.policy_set\xFF\"}");
  EXPECT_EQ(e.code(), "policy_file.encoding");
  e = toml_error(kHead + "name = \n");
  EXPECT_EQ(e.code(), "policy_file.syntax");
  EXPECT_EQ(e.where().row, 4U);
  e = json_error("{\"format\": ");
  EXPECT_EQ(e.code(), "policy_file.syntax");
  // U+0189 outside a string: toml++ 3.3's whitespace test would reach undefined behaviour on
  // it; the reader hides such code points from toml++, so it is an ordinary located error.
  e = toml_error(kHead + "name = 1\xC6\x89\n");
  EXPECT_EQ(e.code(), "policy_file.syntax");
  EXPECT_EQ(e.where().row, 4U);
  EXPECT_EQ(toml_error(kHead + "name = \"\xF3\xB0\x80\x80\"\n").code(), "policy_file.encoding");  // plane 15
  // Such text inside strings and comments comes back exactly as written.
  const PolicySet named = policy_set_from_toml(kHead + "# \xC6\x89 注释\nname = \"\xC6\x89 \\\" # 县\"\n");
  EXPECT_EQ(named.name, "\xC6\x89 \" # 县");
  const std::string huge(kMaxPolicyFileBytes + 1, ' ');
  EXPECT_EQ(toml_error(huge).code(), "policy_file.limit");
  EXPECT_EQ(json_error(huge).code(), "policy_file.limit");
}

TEST(PolicyFile, OnlyRegularFilesOfBoundedSizeAreRead) {
  const TestDir dir;
  const auto fifo = dir.path() / "pipe.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& path : {std::filesystem::path("/dev/zero"), dir.path(), fifo}) {
    try {
      (void)load_policy_set(path, PolicyFileFormat::Toml);
      FAIL() << "loaded " << path;
    } catch (const ParseError& e) {
      EXPECT_EQ(e.code(), "policy_file.io");
      EXPECT_EQ(e.where().file, path.string());
    }
  }
  const auto big = dir.path() / "big.toml";
  {
    std::ofstream out(big);
    out << kHead;
    out << std::string(kMaxPolicyFileBytes, '#');
  }
  try {
    (void)load_policy_set(big);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.code(), "policy_file.io");
    EXPECT_EQ(e.where().file, big.string());
  }
  try {
    (void)load_policy_set(dir.path() / "absent.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.code(), "policy_file.io");
  }
}

}  // namespace
}  // namespace massline::io
