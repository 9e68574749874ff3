#include <massline/io/registry_csv.hpp>

#include <massline/core/error.hpp>
#include <massline/io/registry_json.hpp>
#include <massline/io/tables.hpp>
#include <massline/model/registry.hpp>
#include <massline/synth/generate.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

using namespace massline;  // NOLINT: the test names many model types
using io::test_support::TempDir;

Registry with_gaps(Registry r) {
  std::vector<ContactId> contacts;
  for (const Contact& c : r.contacts()) contacts.push_back(c.id);
  if (contacts.size() > 3) {
    r.remove(contacts[0]);
    r.remove(contacts[2]);
  }
  std::vector<PairingId> pairings;
  for (const Pairing& p : r.pairings()) pairings.push_back(p.id);
  if (pairings.size() > 4) r.remove(pairings[3]);
  return r;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string error_of(const std::filesystem::path& dir) {
  try {
    (void)io::load_registry_csv(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(RegistryCsv, QuyuanRoundTripsThroughCsvAndJson) {
  const Registry original = with_gaps(synth::generate("quyuan", 4));
  TempDir dir("registry_csv");
  io::save_registry_csv(original, dir.path());
  for (const io::TableSchema& schema : io::registry_tables()) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / (std::string(schema.name()) + ".csv"))) << schema.name();
  }
  const Registry from_csv = io::load_registry_csv(dir.path());
  EXPECT_TRUE(from_csv == original);
  const Registry from_json = io::registry_from_json(io::registry_to_json(from_csv));
  EXPECT_TRUE(from_json == original);
}

TEST(RegistryCsv, CountyRoundTripsWithBomAndChineseHeaders) {
  const Registry original = with_gaps(synth::generate("county", 9, {{"households", 2000.0}}));
  TempDir dir("registry_csv_zh");
  io::save_registry_csv(original, dir.path(), {.byte_order_mark = true, .chinese_headers = true});
  const std::string members = slurp(dir.path() / "members.csv");
  EXPECT_EQ(members.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(members.find("编号,编码,名称"), std::string::npos) << members.substr(0, 200);
  EXPECT_TRUE(io::load_registry_csv(dir.path()) == original);
}

TEST(RegistryCsv, EveryColumnHasADistinctChineseLabel) {
  for (const io::TableSchema& schema : io::registry_tables()) {
    std::set<std::string_view> labels;
    for (const io::Column& column : schema.columns()) {
      const std::string_view label = io::chinese_column_label(column.name);
      EXPECT_FALSE(label.empty()) << schema.name() << "." << column.name;
      EXPECT_TRUE(labels.insert(label).second) << schema.name() << "." << column.name << " " << label;
    }
  }
}

TEST(RegistryCsv, HandWrittenFilesLoad) {
  TempDir dir("registry_csv_hand");
  // Columns in another order, a Chinese header, a BOM, CRLF, quoted fields, optional columns left out.
  write(dir.path() / "organizations.csv",
        "\xEF\xBB\xBF名称,编号,层级,上级,领域,类型,有服务站,服务点,编码\r\n"
        "\"县, 委\",0,county,,rural,party_committee,false,false,C\r\n"
        "镇,2,township,0,rural,party_committee,是,否,T\r\n");
  write(dir.path() / "activities.csv",
        "id,kind,organization,date,ad_hoc,topic\n0,training,2,2024-03-01,false,\"\"\n");
  write(dir.path() / "activity_attendees.csv", "activity,position,member\n");
  const Registry r = io::load_registry_csv(dir.path());
  ASSERT_EQ(r.organizations().size(), 2U);
  EXPECT_EQ(r.get(OrgId(0)).name, "县, 委");
  EXPECT_EQ(r.get(OrgId(2)).parent, OrgId(0));
  EXPECT_TRUE(r.get(OrgId(2)).has_service_station);
  EXPECT_FALSE(r.contains(OrgId(1)));  // the gap stays a gap
  EXPECT_EQ(r.get(ActivityId(0)).date, Date(2024, 3, 1));
}

TEST(RegistryCsv, PersonalColumnsMayBeLeftOutAndAreChecked) {
  const std::string orgs =
      "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n"
      "0,C,县,county,,rural,party_committee,false,false\n1,T,镇,township,0,rural,party_committee,false,false\n"
      "2,V,村,community,1,rural,branch,false,false\n3,G,组,grid,2,rural,branch,false,false\n";
  {
    TempDir dir("registry_csv_personal_absent");  // a file written before the personal fields
    write(dir.path() / "organizations.csv", orgs);
    write(dir.path() / "households.csv", "id,code,unit,party_household,size,category\n0,H,3,false,2,\n");
    const Registry r = io::load_registry_csv(dir.path());
    EXPECT_EQ(r.get(HouseholdId(0)).head_name, "");
    EXPECT_EQ(r.get(HouseholdId(0)).id_number, "");
  }
  {
    TempDir dir("registry_csv_personal");
    write(dir.path() / "organizations.csv", orgs);
    write(dir.path() / "households.csv",
          "编号,编码,网格,党员户,人数,类别,户主姓名,住址,联系电话,身份证号\n"
          "0,H,3,否,2,,王芳,解放路12号,139-0000-1234,11010519491231002X\n"
          "1,I,3,否,2,,李伟,,,110105194912310021\n");
    const std::string message = error_of(dir.path());
    EXPECT_NE(message.find("households.csv row 3"), std::string::npos) << message;
    EXPECT_NE(message.find("id_number"), std::string::npos) << message;
    EXPECT_NE(message.find("check character"), std::string::npos) << message;
  }
}

TEST(RegistryCsv, BadFilesGiveLocatedErrorsAndNothingElse) {
  const std::string header = "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n";
  const std::string county = "0,C,县,county,,rural,party_committee,false,false\n";
  struct Case {
    std::string name;
    std::vector<std::pair<std::string, std::string>> files;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"empty file", {{"organizations.csv", ""}}, "registry_csv.empty"},
      {"malformed row", {{"organizations.csv", header + "0,C,县,county\n"}}, "csv.ragged"},
      {"unterminated quote", {{"organizations.csv", header + "0,\"C,县,county,,rural,party_committee,false,false\n"}},
       "csv.unterminated_quote"},
      {"latin-1 bytes", {{"organizations.csv", header + "0,C,\xe9,county,,rural,party_committee,false,false\n"}},
       "csv.encoding"},
      {"utf-16 bom", {{"organizations.csv", "\xff\xfei\0d\0"}}, "csv.encoding"},
      {"duplicate id", {{"organizations.csv", header + county + county}}, "organizations.csv row 3 column 'id'"},
      {"impossible date",
       {{"organizations.csv", header + county},
        {"activities.csv", "id,kind,organization,date,ad_hoc,topic\n0,training,0,2023-02-29,false,t\n"}},
       "activities.csv row 2 column 'date'"},
      {"dangling reference",
       {{"organizations.csv", header + county},
        {"activities.csv", "id,kind,organization,date,ad_hoc,topic\n0,training,9,2023-02-28,false,t\n"}},
       "integrity.dangling"},
      {"cycle",
       {{"organizations.csv", header + "0,,a,township,1,rural,branch,false,false\n1,,b,community,0,rural,branch,false,false\n"}},
       "integrity.level"},
      {"unknown column", {{"organizations.csv", "id,nom\n0,x\n"}}, "unknown column 'nom'"},
      {"missing column", {{"organizations.csv", "id,code\n0,x\n"}}, "missing column 'name'"},
      {"unknown file", {{"organizations.csv", header + county}, {"member.csv", "id\n"}}, "registry_csv.file"},
      {"huge field",
       {{"organizations.csv", header + "0,C," + std::string((std::size_t{16} << 20) + 10, 'x') +
                                  ",county,,rural,party_committee,false,false\n"}},
       "csv.limit"},
      {"side row of a missing owner",
       {{"organizations.csv", header + county}, {"member_specialties.csv", "member,position,specialty\n3,0,x\n"}},
       "registry_file.dangling"},
  };
  for (const Case& c : cases) {
    TempDir dir("registry_csv_bad");
    for (const auto& [name, text] : c.files) write(dir.path() / name, text);
    const std::string message = error_of(dir.path());
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message.substr(0, 400);
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << c.name << ": " << message.substr(0, 400);
  }
}

TEST(RegistryCsv, ProblemsOfEveryFileAreCollected) {
  TempDir dir("registry_csv_many");
  write(dir.path() / "organizations.csv",
        "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n"
        "0,C,a,galaxy,,rural,branch,false,false\n"
        "x,D,b,county,,rural,branch,false,false\n");
  write(dir.path() / "activities.csv", "id,kind,organization,date,ad_hoc,topic\n0,training,0,2024-13-01,false,t\n");
  const std::string message = error_of(dir.path());
  EXPECT_NE(message.find("3 problems"), std::string::npos) << message;
  EXPECT_NE(message.find("organizations.csv row 2 column 'level'"), std::string::npos) << message;
  EXPECT_NE(message.find("organizations.csv row 3 column 'id'"), std::string::npos) << message;
  EXPECT_NE(message.find("activities.csv row 2 column 'date'"), std::string::npos) << message;
}

TEST(RegistryCsv, ListRowsOfAnUnreadableOwnerAreNotReportedAgain) {
  TempDir dir("registry_csv_owner");
  write(dir.path() / "organizations.csv",
        "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n"
        "0,C,a,county,,rural,branch,false,false\n");
  write(dir.path() / "members.csv", "id,code,name,organization,capable_of_helping,kind,role\n0,M,m,0,maybe,,none\n");
  write(dir.path() / "member_specialties.csv", "member,position,specialty\n0,0,a\n0,1,b\n");
  const std::string message = error_of(dir.path());
  EXPECT_NE(message.find("members.csv row 2 column 'capable_of_helping'"), std::string::npos) << message;
  EXPECT_EQ(message.find("registry_file.problems"), std::string::npos) << message;  // one problem, not three
  write(dir.path() / "members.csv", "id,code,name,organization,capable_of_helping,kind,role\n0,M,m,0,true,,none\n");
  EXPECT_EQ(io::load_registry_csv(dir.path()).get(MemberId(0)).specialties, (std::vector<std::string>{"a", "b"}));
}

TEST(RegistryCsv, ProblemsOfStagedRowsNameTheirRowsExactly) {
  // A staged row's place is rebuilt only when a problem is reported; the messages are those of
  // the time when every staged row kept its Location, down to the row of the first duplicate.
  const std::string header = "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n";
  const std::string county = "0,C,县,county,,rural,party_committee,false,false\n";
  auto org = [](int id) { return std::to_string(id) + ",,o,township,0,rural,party_committee,false,false\n"; };
  auto activities = [](int bad_row, const std::string& bad_id, const std::string& bad_organization) {
    std::string text = "id,kind,organization,date,ad_hoc,topic\n";
    for (int i = 0; i < 5000; ++i) {
      const bool bad = i + 2 == bad_row;
      text += (bad && !bad_id.empty() ? bad_id : std::to_string(i)) + ",training," +
              (bad && !bad_organization.empty() ? bad_organization : "0") + ",2023-02-28,false,t\n";
    }
    return text;
  };
  struct Case {
    std::string name;
    std::vector<std::pair<std::string, std::string>> files;
    std::string expected;  // the message, "@" standing for the directory
  };
  const std::vector<Case> cases = {
      {"duplicate of an id far beyond the rows",
       {{"organizations.csv", header + county + org(900000) + org(5) + org(900000)}},
       "[massline.registry_file.duplicate_id] duplicate id organization 900000 (at @/organizations.csv row 5 column "
       "'id'): already given in row 3; every row of an entity table has an id of its own"},
      {"id beyond the range", {{"organizations.csv", header + county + org(2000000)}},
       "[massline.registry_file.id_range] id organization 2000000 too far beyond the rows (at @/organizations.csv "
       "row 3 column 'id'): a table of 2 rows may use ids below 1048584"},
      {"dangling reference deep in a file",
       {{"organizations.csv", header + county}, {"activities.csv", activities(4001, "", "9")}},
       "[massline.integrity.dangling] reference to a missing organization (at @/activities.csv row 4001 column "
       "'organization', new activity field 'organization'): organization 9 does not exist"},
      {"duplicate deep in a file",
       {{"organizations.csv", header + county}, {"activities.csv", activities(4502, "17", "")}},
       "[massline.registry_file.duplicate_id] duplicate id activity 17 (at @/activities.csv row 4502 column 'id'): "
       "already given in row 19; every row of an entity table has an id of its own"},
  };
  for (const Case& c : cases) {
    TempDir dir("registry_csv_staged");
    for (const auto& [name, text] : c.files) write(dir.path() / name, text);
    std::string expected = c.expected;
    expected.replace(expected.find('@'), 1, dir.path().string());
    EXPECT_EQ(error_of(dir.path()), expected) << c.name;
  }
}

TEST(RegistryCsv, NotADirectoryIsRefused) {
  TempDir dir("registry_csv_paths");
  EXPECT_THROW((void)io::load_registry_csv(dir.path() / "missing"), ParseError);
  write(dir.path() / "file.csv", "id\n");
  EXPECT_THROW((void)io::load_registry_csv(dir.path() / "file.csv"), ParseError);
  EXPECT_NE(error_of(dir.path() / "none").find("does not exist"), std::string::npos);
  std::filesystem::create_directories(dir.path() / "empty");
  EXPECT_NE(error_of(dir.path() / "empty").find("registry_csv.empty"), std::string::npos);
  EXPECT_THROW(io::save_registry_csv(Registry{}, dir.path() / "file.csv"), ParseError);
}

}  // namespace
