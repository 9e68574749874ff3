#include <massline/io/registry_json.hpp>

#include <massline/core/error.hpp>
#include <massline/io/tables.hpp>
#include <massline/model/registry.hpp>
#include <massline/synth/generate.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

using namespace massline;  // NOLINT: the test names many model types
using io::test_support::TempDir;

/// Removes a few entities nothing references, so that the tables have gaps (and, for
/// contacts, a removed last id).
Registry with_gaps(Registry r) {
  std::vector<ContactId> contacts;
  for (const Contact& c : r.contacts()) contacts.push_back(c.id);
  if (contacts.size() > 3) {
    r.remove(contacts[1]);
    r.remove(contacts[2]);
    r.remove(contacts.back());
  }
  std::vector<AppealId> appeals;
  for (const Appeal& a : r.appeals()) appeals.push_back(a.id);
  if (appeals.size() > 1) r.remove(appeals.front());
  std::vector<PairingId> pairings;
  for (const Pairing& p : r.pairings()) pairings.push_back(p.id);
  if (pairings.size() > 4) r.remove(pairings[3]);
  return r;
}

std::string error_of(const std::string& text) {
  try {
    (void)io::registry_from_json(text, "bad.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(RegistryJson, QuyuanRoundTripsWithIdsAndGaps) {
  const Registry original = with_gaps(synth::generate("quyuan", 11));
  const std::string text = io::registry_to_json(original);
  const Registry back = io::registry_from_json(text, "quyuan.json");
  EXPECT_TRUE(back == original);
  EXPECT_EQ(back.contacts().capacity_ids(), original.contacts().capacity_ids());  // trailing gap kept
  EXPECT_EQ(back.pairings().capacity_ids(), original.pairings().capacity_ids());
  EXPECT_EQ(io::registry_to_json(back), text);
  // Entities added afterwards get the same ids in both.
  Registry a = original;
  Registry b = back;
  Contact c = *original.contacts().begin();
  EXPECT_EQ(a.add(c), b.add(c));
}

TEST(RegistryJson, CountyRoundTripsThroughAFile) {
  const Registry original = with_gaps(synth::generate("county", 5, {{"households", 3000.0}}));
  TempDir dir("registry_json");
  const auto path = dir.path() / "county.json";
  io::save_registry_json(original, path);
  const Registry back = io::load_registry_json(path);
  EXPECT_TRUE(back == original);
}

TEST(RegistryJson, ParentsWithLargerIdsLoad) {
  Registry r;
  Organization o;
  o.name = "a";
  o.level = OrgLevel::Township;
  const OrgId child = r.add(o);
  o.name = "b";
  o.level = OrgLevel::County;
  const OrgId parent = r.add(o);
  Organization moved = r.get(child);
  moved.parent = parent;
  r.update(moved);
  const Registry back = io::registry_from_json(io::registry_to_json(r));
  EXPECT_TRUE(back == r);
  EXPECT_EQ(back.get(child).parent, parent);
}

TEST(RegistryJson, EqualityComparesIdsAndFields) {
  const Registry original = synth::generate("quyuan", 3);
  Registry changed = original;
  EXPECT_TRUE(changed == original);
  Household h = *changed.households().begin();
  h.size += 1;
  changed.update(h);
  EXPECT_FALSE(changed == original);
  // The same entities under other ids are not equal.
  Registry shifted;
  shifted.skip_ids(OrgId(1));
  Registry plain;
  Organization o;
  o.name = "x";
  o.level = OrgLevel::County;
  shifted.add(o);
  plain.add(o);
  EXPECT_FALSE(shifted == plain);
  EXPECT_EQ(shifted.organizations().begin()->id, OrgId(1));
  EXPECT_THROW(shifted.skip_ids(OrgId(1)), InvalidArgument);  // ids are never reused
}

// ---- the bad-file corpus ----

std::string minimal(const std::string& organizations_rows, const std::string& extra = "") {
  return R"({"format": "massline.registry", "version": 1, "tables": {"organizations": {"next_id": 5, "columns": )"
         R"(["id", "code", "name", "level", "parent", "sector", "kind", "has_service_station", "is_service_point"], )"
         R"("rows": [)" + organizations_rows + "]}" + extra + "}}";
}

TEST(RegistryJson, AMinimalFileLoads) {
  const Registry r = io::registry_from_json(minimal(R"([3, "C1", "县", "county", null, "rural", "party_committee", false, false])"));
  ASSERT_EQ(r.organizations().size(), 1U);
  EXPECT_EQ(r.organizations().begin()->id, OrgId(3));
  EXPECT_EQ(r.organizations().capacity_ids(), 5U);
}

TEST(RegistryJson, BadFilesGiveLocatedErrors) {
  const std::string county = R"([0, "C1", "县", "county", null, "rural", "party_committee", false, false])";
  struct Case {
    std::string name, text, expected;
  };
  const std::vector<Case> cases = {
      {"empty", "", "registry_json.syntax"},
      {"truncated", minimal(county).substr(0, 120), "registry_json.syntax"},
      {"not utf-8", "{\"format\": \"massline.registry\xff\"}", "registry_json.encoding"},
      {"utf-16 bom", "\xff\xfe{", "registry_json.encoding"},
      {"wrong format", R"({"format": "other", "version": 1, "tables": {}})", "registry_json.format"},
      {"future version", R"({"format": "massline.registry", "version": 2, "tables": {}})", "registry_json.format"},
      {"unknown table", R"({"format": "massline.registry", "version": 1, "tables": {"people": {}}})", "unknown table 'people'"},
      {"duplicate id", minimal(county + "," + county), "registry_file.duplicate_id"},
      {"impossible date",
       minimal(county, R"(, "activities": {"columns": ["id", "kind", "organization", "date", "ad_hoc", "topic"], )"
                       R"("rows": [[0, "training", 0, "2024-02-30", false, "t"]]})"),
       "bad.json row 1 column 'date'"},
      {"dangling reference",
       minimal(county, R"(, "members": {"columns": ["id", "code", "name", "organization", "residence_community", )"
                       R"("cadre_rank", "delegate_level", "capable_of_helping", "kind", "role", "joined", "left"], )"
                       R"("rows": [[0, "", "m", 7, null, null, null, false, "", "none", null, null]]})"),
       "integrity.dangling"},
      {"cycle",
       minimal(R"([0, "", "a", "township", 1, "rural", "party_committee", false, false], )"
               R"([1, "", "b", "community", 0, "rural", "party_committee", false, false])"),
       "integrity.level"},
      {"self parent", minimal(R"([0, "", "a", "township", 0, "rural", "party_committee", false, false])"),
       "integrity.level"},
      {"wrong type", minimal(R"(["zero", "", "a", "county", null, "rural", "party_committee", false, false])"),
       "bad.json row 1 column 'id'"},
      {"unknown enum", minimal(R"([0, "", "a", "galaxy", null, "rural", "party_committee", false, false])"),
       "expected one of"},
      {"short row", minimal(R"([0, "", "a"])"), "registry_file.row"},
      {"huge id", minimal(R"([4000000000, "", "a", "county", null, "rural", "party_committee", false, false])"),
       "registry_file.id_range"},
      {"next id too small", minimal(R"([7, "", "a", "county", null, "rural", "party_committee", false, false])"),
       "registry_file.next_id"},
      {"side row of a missing owner",
       minimal(county, R"(, "member_specialties": {"columns": ["member", "position", "specialty"], "rows": [[4, 0, "x"]]})"),
       "registry_file.dangling"},
  };
  for (const Case& c : cases) {
    const std::string message = error_of(c.text);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message;
    EXPECT_NE(message.find("bad.json"), std::string::npos) << c.name << ": " << message;
  }
}

TEST(RegistryJson, ProblemsOfStagedRowsNameTheirRowsExactly) {
  // A staged row's place (row and JSON pointer) is rebuilt only when a problem is reported.
  const std::string county = R"([0, "C1", "县", "county", null, "rural", "party_committee", false, false])";
  auto org = [](int id) { return "[" + std::to_string(id) + R"(, "", "o", "township", 0, "rural", "party_committee", false, false])"; };
  EXPECT_EQ(error_of(minimal(county + ", " + org(900000) + ", " + org(3) + ", " + org(900000))),
            "[massline.registry_file.duplicate_id] duplicate id organization 900000 (at bad.json row 4 column 'id' "
            "field '/tables/organizations/rows/3'): already given in row 2; every row of an entity table has an id "
            "of its own");
  std::string activities;
  for (int i = 0; i < 3000; ++i) {
    activities += (i > 0 ? ", [" : "[") + std::to_string(i) + R"(, "training", )" + (i == 2999 ? "9" : "0") +
                  R"(, "2023-02-28", false, "t"])";
  }
  EXPECT_EQ(error_of(minimal(county, R"(, "activities": {"columns": ["id", "kind", "organization", "date", )"
                                     R"("ad_hoc", "topic"], "rows": [)" + activities + "]}")),
            "[massline.integrity.dangling] reference to a missing organization (at bad.json row 3000 column "
            "'organization', new activity field 'organization'): organization 9 does not exist");
}

TEST(RegistryJson, ProblemsAreCollectedTogether) {
  const std::string bad = R"([0, "", "a", "galaxy", null, "rural", "party_committee", false, false], )"
                          R"([1, "", "b", "county", null, "moon", "party_committee", false, false], )"
                          R"([2, "", "c", "county", null, "rural", "party_committee", "no", false])";
  const std::string message = error_of(minimal(bad));
  EXPECT_NE(message.find("registry_file.problems"), std::string::npos) << message;
  EXPECT_NE(message.find("3 problems"), std::string::npos) << message;
  EXPECT_NE(message.find("row 1 column 'level'"), std::string::npos) << message;
  EXPECT_NE(message.find("row 2 column 'sector'"), std::string::npos) << message;
  EXPECT_NE(message.find("row 3 column 'has_service_station'"), std::string::npos) << message;
}

TEST(RegistryJson, FilesThatAreNotRegularFilesAreRefused) {
  TempDir dir("registry_json_files");
  EXPECT_THROW((void)io::load_registry_json(dir.path()), ParseError);
  EXPECT_THROW((void)io::load_registry_json(dir.path() / "missing.json"), ParseError);
  std::ofstream(dir.path() / "empty.json").close();
  EXPECT_THROW((void)io::load_registry_json(dir.path() / "empty.json"), ParseError);
}

TEST(RegistryJson, AFailedSaveLeavesTheOldFile) {
  TempDir dir("registry_json_save");
  const auto path = dir.path() / "r.json";
  const Registry r = synth::generate("quyuan", 2);
  io::save_registry_json(r, path);
  EXPECT_THROW(io::save_registry_json(r, dir.path() / "no" / "such" / "dir.json"), ParseError);
  EXPECT_TRUE(io::load_registry_json(path) == r);
}

}  // namespace

namespace {

TEST(RegistryJson, TheFuzzSeedLoadsWithALaterParent) {
  // tests/fuzz/corpus/registry_json/small.json: organisation 2's parent is organisation 3.
  const Registry r = io::load_registry_json(std::string(MASSLINE_TEST_DATA_DIR) + "/../fuzz/corpus/registry_json/small.json");
  ASSERT_EQ(r.organizations().size(), 3U);
  EXPECT_EQ(r.get(OrgId(2)).parent, OrgId(3));
  EXPECT_EQ(r.children(OrgId(3)).size(), 1U);
  EXPECT_EQ(r.households().capacity_ids(), 2U);
  EXPECT_FALSE(r.contains(HouseholdId(0)));
  EXPECT_EQ(r.get(HouseholdId(1)).unit, OrgId(2));
}

}  // namespace
