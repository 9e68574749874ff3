#include <massline/io/appeal_logs.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using massline::Appeal;
using massline::AppealChannel;
using massline::AppealStage;
using massline::Date;
using massline::IntegrityError;
using massline::InvalidArgument;
using massline::make_date;
using massline::NotFound;
using massline::OrgLevel;
using massline::ParseError;
using massline::Registry;
using massline::SubjectArea;
using massline::io::AppealLogFormat;
using massline::io::import_appeal_log;
using massline::io::read_cn_messages;
using massline::io::read_nyc311;
using massline::io::read_open311;
using massline::io::test_support::TempDir;

const std::string kData = MASSLINE_TEST_DATA_DIR;

Date d(int y, int m, int day) { return make_date(y, m, day); }

std::filesystem::path write(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const Appeal& appeal(const Registry& r, const std::string& code) {
  const auto id = r.find_appeal(code);
  if (!id) throw std::runtime_error("no appeal " + code);
  return r.get(*id);
}

/// Runs @p read and returns the ParseError it throws (fails the test when it throws none).
template <class F>
ParseError parse_error(F&& read) {
  try {
    read();
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no ParseError";
  return ParseError("none", "none", {}, "");
}

const std::string kNycHeader =
    "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Status,Due Date,"
    "Resolution Description,Resolution Action Updated Date,Open Data Channel Type\n";

TEST(AppealLogs, Nyc311MapsEveryColumnItUses) {
  TempDir dir("appeal_logs");
  const auto path = write(dir, "a.csv",
                          kNycHeader +
                              "1,09/02/2018 11:59:00 PM,09/04/2018 01:00:00 AM,NYPD,New York City Police Department,"
                              "Noise - Residential,Loud Music/Party,Closed,09/03/2018 07:59:00 AM,\"Police, responded\","
                              "09/03/2018 10:00:00 AM,ONLINE\n"
                              "2,09/02/2018 12:00:00 AM,,DOT,Department of Transportation,Street Light Condition,,"
                              "Open,,,,PHONE\n"
                              "3,09/02/2018 12:00:00 AM,09/02/2018 03:00:00 AM,DOT,Department of Transportation,"
                              "Taxi Complaint,Driver,Closed,,,,\n"
                              "4,09/02/2018 12:00:00 AM,08/01/2018 12:00:00 AM,NYPD,NYPD,Illegal Parking,,Pending,,,"
                              "09/05/2018 12:00:00 AM,MOBILE\n");
  const Registry r = read_nyc311(path);
  ASSERT_EQ(r.roots().size(), 1u);
  const auto root = r.get(r.roots().front());
  EXPECT_EQ(root.code, "nyc311");
  EXPECT_EQ(root.level, OrgLevel::County);
  ASSERT_EQ(r.children(root.id).size(), 2u);
  const auto& nypd = r.get(*r.find_organization("nyc311:NYPD"));
  EXPECT_EQ(nypd.level, OrgLevel::Township);
  EXPECT_EQ(nypd.name, "NYPD");  // two names in the rows: the acronym
  EXPECT_EQ(r.get(*r.find_organization("nyc311:DOT")).name, "Department of Transportation");

  const Appeal& a1 = appeal(r, "1");
  EXPECT_EQ(a1.origin, nypd.id);
  EXPECT_EQ(a1.handler, nypd.id);
  EXPECT_EQ(a1.registered(), d(2018, 9, 2));  // time of day dropped, the day as written
  EXPECT_EQ(a1.due, d(2018, 9, 3));
  EXPECT_EQ(a1.fed_back(), d(2018, 9, 3));
  EXPECT_EQ(a1.disposed(), d(2018, 9, 4));
  EXPECT_EQ(a1.stage(), AppealStage::Closed);
  EXPECT_EQ(a1.channel, AppealChannel::Online);
  EXPECT_EQ(a1.subject, SubjectArea::Environment);
  EXPECT_EQ(a1.summary, "Noise - Residential: Loud Music/Party");
  EXPECT_EQ(a1.history[2].note, "Police, responded");

  const Appeal& a2 = appeal(r, "2");
  EXPECT_EQ(a2.stage(), AppealStage::Registered);
  EXPECT_EQ(a2.history.size(), 1u);
  EXPECT_EQ(a2.channel, AppealChannel::Hotline);
  EXPECT_EQ(a2.subject, SubjectArea::Infrastructure);
  EXPECT_FALSE(a2.due);

  const Appeal& a3 = appeal(r, "3");  // closed without a resolution date: fed back when closed
  EXPECT_EQ(a3.fed_back(), d(2018, 9, 2));
  EXPECT_EQ(a3.disposed(), d(2018, 9, 2));
  EXPECT_EQ(a3.channel, AppealChannel::Hotline);
  EXPECT_EQ(a3.subject, SubjectArea::Other);

  // Not closed by its Status: the Closed Date (here before the Created Date) is not used.
  const Appeal& a4 = appeal(r, "4");
  EXPECT_EQ(a4.stage(), AppealStage::FedBack);
  EXPECT_EQ(a4.fed_back(), d(2018, 9, 5));
  EXPECT_FALSE(a4.disposed());
}

TEST(AppealLogs, Nyc311ApiFieldNamesAndIsoDates) {
  TempDir dir("appeal_logs");
  const auto path = write(dir, "a.csv",
                          "unique_key,created_date,closed_date,agency,status,due_date\n"
                          "9,2018-09-02T23:10:00.000,2018-09-05T00:00:00.000,HPD,Closed,2018-09-10T00:00:00\n");
  const Registry r = read_nyc311(path);
  const Appeal& a = appeal(r, "9");
  EXPECT_EQ(a.registered(), d(2018, 9, 2));
  EXPECT_EQ(a.disposed(), d(2018, 9, 5));
  EXPECT_EQ(a.due, d(2018, 9, 10));
  EXPECT_EQ(r.get(a.origin).name, "HPD");
}

TEST(AppealLogs, Nyc311ErrorsAreLocated) {
  TempDir dir("appeal_logs");
  const std::string ok = "1,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n";
  struct Case {
    std::string body, code, column;
    std::size_t row;
  };
  const Case cases[] = {
      {ok + "2,09/31/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n", "nyc311.date", "Created Date", 3},
      {ok + "2,09/02/2018 13:00:00 AM,,NYPD,N,Noise,,Open,,,,\n", "nyc311.date", "Created Date", 3},
      {ok + "\"\",09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n", "nyc311.missing", "Unique Key", 3},
      {ok + "2,09/02/2018 12:00:00 AM,,,N,Noise,,Open,,,,\n", "nyc311.missing", "Agency", 3},
      {ok + "1,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n", "nyc311.duplicate", "Unique Key", 3},
      {ok + "2,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Closed,,,,\n", "nyc311.missing", "Closed Date", 3},
      {ok + "2,09/02/2018 12:00:00 AM,09/01/2018 11:00:00 PM,NYPD,N,Noise,,Closed,,,,\n", "nyc311.order",
       "Closed Date", 3},
      {ok + "2,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,09/01/2018 12:00:00 AM,,,\n", "nyc311.order", "Due Date", 3},
      {ok + "2,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,08/01/2018 12:00:00 AM,\n", "nyc311.order",
       "Resolution Action Updated Date", 3},
      {ok + "\"2\n\",09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n" + "3,x,,NYPD,N,Noise,,Open,,,,\n", "nyc311.date",
       "Created Date", 5},  // rows are lines of the file: the quoted line break counts
      {ok + "2,09/02/2018 12:00:00 AM,,NYPD\n", "nyc311.ragged", "Agency Name", 3},
      {ok + "2,09/02/2018 12:00:00 AM,,NY\xff,N,Noise,,Open,,,,\n", "nyc311.encoding", "", 3},
  };
  for (const Case& c : cases) {
    const auto path = write(dir, "bad.csv", kNycHeader + c.body);
    const ParseError e = parse_error([&] { (void)read_nyc311(path); });
    EXPECT_EQ(e.code(), c.code) << c.body << "\n" << e.what();
    EXPECT_EQ(e.where().file, path.string()) << e.what();
    EXPECT_EQ(e.where().row, c.row) << c.body << "\n" << e.what();
    EXPECT_EQ(e.where().column, c.column) << c.body << "\n" << e.what();
  }
}

TEST(AppealLogs, Nyc311FileLevelErrors) {
  TempDir dir("appeal_logs");
  EXPECT_EQ(parse_error([&] { (void)read_nyc311(write(dir, "empty.csv", "")); }).code(), "nyc311.header");
  const ParseError no_agency =
      parse_error([&] { (void)read_nyc311(write(dir, "h.csv", "Unique Key,Created Date,Closed Date,Status\n")); });
  EXPECT_EQ(no_agency.code(), "nyc311.header");
  EXPECT_NE(std::string(no_agency.what()).find("'Agency'"), std::string::npos) << no_agency.what();
  EXPECT_EQ(parse_error([&] { (void)read_nyc311(write(dir, "twice.csv", kNycHeader.substr(0, kNycHeader.size() - 1) + ",Agency\n")); }).code(),
            "nyc311.header");
  EXPECT_EQ(parse_error([&] { (void)read_nyc311(dir.path() / "missing.csv"); }).code(), "nyc311.io");
  EXPECT_EQ(parse_error([&] { (void)read_nyc311(dir.path()); }).code(), "nyc311.io");
}

TEST(AppealLogs, RealNyc311FilesImport) {
  // Counts from the data README (tests/data/nyc311/README.md): rows, agencies, closed requests.
  struct File {
    const char* name;
    std::size_t rows, closed, agencies;
  };
  const File files[] = {{"nyc311_dohmh_illegal_animals_2010_2025.csv", 5895, 2462, 1},
                        {"nyc311_2018-09-02_early_morning.csv", 1300, 1137, 13},
                        {"nyc311_2013-12-25_all_requests.csv", 2386, 2302, 14}};
  for (const File& f : files) {
    const Registry r = read_nyc311(kData + "/nyc311/" + f.name);
    EXPECT_EQ(r.appeals().size(), f.rows) << f.name;
    EXPECT_EQ(r.organizations().size(), f.agencies + 1) << f.name;
    std::size_t closed = 0;
    for (const Appeal& a : r.appeals()) closed += a.stage() == AppealStage::Closed;
    EXPECT_EQ(closed, f.closed) << f.name;
    EXPECT_TRUE(r.validate().empty()) << f.name;
  }
}

TEST(AppealLogs, Open311) {
  TempDir dir("appeal_logs");
  const auto path = write(dir, "requests.json", R"([
  {"service_request_id": "638344", "status": "closed", "status_notes": "Duplicate request.",
   "service_name": "Sidewalk Condition", "service_code": "006", "description": "Cracked slab",
   "agency_responsible": "Department of Public Works", "service_notice": null,
   "requested_datetime": "2010-04-14T06:37:38-08:00", "updated_datetime": "2010-04-16T23:30:00-08:00",
   "expected_datetime": "2010-04-15T06:37:38-08:00", "address": "8TH AVE and JUDAH ST",
   "address_id": 545483, "zipcode": 94122, "lat": 37.762221815, "long": -122.4651145, "media_url": null},
  {"service_request_id": 638349, "status": "open", "service_name": "Graffiti",
   "requested_datetime": "2010-04-19T06:37:38Z", "updated_datetime": null, "expected_datetime": null}
])");
  const Registry r = read_open311(path);
  const auto root = r.get(r.roots().front());
  EXPECT_EQ(root.code, "open311");
  const Appeal& a = appeal(r, "638344");
  EXPECT_EQ(r.get(a.origin).code, "open311:Department of Public Works");
  EXPECT_EQ(a.registered(), d(2010, 4, 14));
  EXPECT_EQ(a.due, d(2010, 4, 15));
  EXPECT_EQ(a.fed_back(), d(2010, 4, 16));
  EXPECT_EQ(a.disposed(), d(2010, 4, 16));
  EXPECT_EQ(a.stage(), AppealStage::Closed);
  EXPECT_EQ(a.history[2].note, "Duplicate request.");
  EXPECT_EQ(a.subject, SubjectArea::Infrastructure);
  EXPECT_EQ(a.summary, "Sidewalk Condition: Cracked slab");
  const Appeal& b = appeal(r, "638349");  // an integer id; no agency: at the root
  EXPECT_EQ(b.origin, root.id);
  EXPECT_EQ(b.stage(), AppealStage::Registered);
  EXPECT_EQ(b.subject, SubjectArea::Environment);
}

TEST(AppealLogs, Open311ErrorsAreLocated) {
  TempDir dir("appeal_logs");
  const std::string ok = R"({"service_request_id": "1", "status": "open", "requested_datetime": "2010-04-14T06:37:38Z"})";
  struct Case {
    std::string text, code, field;
  };
  const Case cases[] = {
      {"[" + ok + ", " + ok + "]", "open311.duplicate", "/1/service_request_id"},
      {R"([{"status": "open", "requested_datetime": "2010-04-14T06:37:38Z"}])", "open311.missing", "/0/service_request_id"},
      {R"([{"service_request_id": "1", "status": "open", "requested_datetime": "2010-04-31T06:37:38Z"}])", "open311.date",
       "/0/requested_datetime"},
      {R"([{"service_request_id": "1", "status": "Done", "requested_datetime": "2010-04-14T06:37:38Z"}])", "open311.value",
       "/0/status"},
      {R"([{"service_request_id": "1", "status": "closed", "requested_datetime": "2010-04-14T06:37:38Z"}])",
       "open311.missing", "/0/updated_datetime"},
      {R"([{"service_request_id": "1", "status": "closed", "requested_datetime": "2010-04-14T06:37:38Z",
            "updated_datetime": "2010-04-13T06:37:38Z"}])", "open311.order", "/0/updated_datetime"},
      {R"([{"service_request_id": "1", "status": "open", "requested_datetime": 5}])", "open311.type",
       "/0/requested_datetime"},
      {"[" + ok + ", 3]", "open311.type", "/1"},
  };
  for (const Case& c : cases) {
    const auto path = write(dir, "bad.json", c.text);
    const ParseError e = parse_error([&] { (void)read_open311(path); });
    EXPECT_EQ(e.code(), c.code) << c.text << "\n" << e.what();
    EXPECT_EQ(e.where().field, c.field) << c.text << "\n" << e.what();
  }
  EXPECT_EQ(parse_error([&] { (void)read_open311(write(dir, "t.json", "[" + ok)); }).code(), "open311.syntax");
  EXPECT_EQ(parse_error([&] { (void)read_open311(write(dir, "o.json", ok)); }).code(), "open311.type");
  EXPECT_EQ(parse_error([&] { (void)read_open311(write(dir, "e.json", "")); }).code(), "open311.syntax");
}

TEST(AppealLogs, CnMessages) {
  TempDir dir("appeal_logs");
  const auto path = write(dir, "m.csv",
                          "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n"
                          "2549,A1,小区物业问题,2019/4/25 9:32:09,\"\n\t详情\n\",\"网友：您好！\",2019/5/9 10:02:08\n"
                          "2554,A2,路灯不亮,2019/12/31 23:59:59,详情,,\n"
                          "27610,A3,主题,2018/4/2 8:00:00,详情,答复,2018/4/24\n");
  const Registry r = read_cn_messages(path);
  ASSERT_EQ(r.organizations().size(), 1u);
  const Appeal& a = appeal(r, "2549");
  EXPECT_EQ(a.registered(), d(2019, 4, 25));
  EXPECT_EQ(a.fed_back(), d(2019, 5, 9));
  EXPECT_EQ(a.disposed(), d(2019, 5, 9));
  EXPECT_EQ(a.stage(), AppealStage::Closed);
  EXPECT_EQ(a.channel, AppealChannel::Online);
  EXPECT_EQ(a.summary, "小区物业问题");
  EXPECT_EQ(a.history[2].note, "网友：您好！");
  EXPECT_EQ(appeal(r, "2554").stage(), AppealStage::Registered);
  EXPECT_EQ(appeal(r, "27610").fed_back(), d(2018, 4, 24));  // a date-only reply time

  const ParseError order = parse_error([&] {
    (void)read_cn_messages(write(dir, "o.csv", "留言编号,留言时间,答复意见,答复时间\n1,2019/4/25 9:32:09,x,2019/4/24 9:00:00\n"));
  });
  EXPECT_EQ(order.code(), "cn_messages.order");
  EXPECT_EQ(order.where().row, 2u);
  EXPECT_EQ(order.where().column, "答复时间");
  EXPECT_EQ(parse_error([&] {
              (void)read_cn_messages(write(dir, "b.csv", "留言编号,留言时间\n1,2019-04-25 09:32:09\n"));
            }).code(),
            "cn_messages.date");
}

TEST(AppealLogs, RealMessageBoard) {
  const Registry r = read_cn_messages(kData + "/cn_gov_messages_tipdm2020/messages_with_replies.csv");
  EXPECT_EQ(r.appeals().size(), 2816u);  // README: 2,816 messages, every one answered
  for (const Appeal& a : r.appeals()) ASSERT_EQ(a.stage(), AppealStage::Closed) << a.code;
  // The labeled subset holds 留言编号 37042 twice (README): refused whole, naming the second line.
  const ParseError dup =
      parse_error([&] { (void)read_cn_messages(kData + "/cn_gov_messages_tipdm2020/messages_labeled_subset.csv"); });
  EXPECT_EQ(dup.code(), "cn_messages.duplicate");
  EXPECT_EQ(dup.where().column, "留言编号");
  EXPECT_NE(std::string(dup.what()).find("37042"), std::string::npos) << dup.what();
}

TEST(AppealLogs, ImportIsWholeOrNothing) {
  TempDir dir("appeal_logs");
  Registry r;
  massline::Organization county;
  county.code = "C";
  county.name = "county";
  county.level = OrgLevel::County;
  const auto c = r.add(county);
  const auto good = write(dir, "g.csv", kNycHeader + "1,09/02/2018 12:00:00 AM,,NYPD,N,Noise,,Open,,,,\n");
  const auto root = import_appeal_log(r, good, AppealLogFormat::Nyc311, c);
  EXPECT_EQ(r.get(root).level, OrgLevel::Township);
  EXPECT_EQ(r.get(root).parent, c);
  EXPECT_EQ(r.get(*r.find_organization("nyc311:NYPD")).level, OrgLevel::Community);
  EXPECT_EQ(r.appeals().size(), 1u);

  // The same codes again: refused before anything is added.
  EXPECT_THROW(import_appeal_log(r, good, AppealLogFormat::Nyc311, c), IntegrityError);
  // A bad last row: nothing of the file is added.
  const auto bad = write(dir, "b.csv", kNycHeader + "7,09/02/2018 12:00:00 AM,,DOT,N,Noise,,Open,,,,\n8,bad,,DOT,N,,,Open,,,,\n");
  EXPECT_THROW(import_appeal_log(r, bad, AppealLogFormat::Nyc311, std::nullopt), ParseError);
  EXPECT_EQ(r.organizations().size(), 3u);
  EXPECT_EQ(r.appeals().size(), 1u);
  // No room for two levels under a level-3 parent; an unknown parent.
  EXPECT_THROW(import_appeal_log(r, good, AppealLogFormat::Nyc311, *r.find_organization("nyc311:NYPD")), InvalidArgument);
  EXPECT_THROW(import_appeal_log(r, good, AppealLogFormat::Nyc311, massline::OrgId{99}), NotFound);
  EXPECT_EQ(r.organizations().size(), 3u);
}

}  // namespace

namespace {

TEST(AppealLogs, StreamsReadAsFilesDo) {
  const std::string path = kData + "/nyc311/nyc311_2018-09-02_early_morning.csv";
  std::ifstream in(path, std::ios::binary);
  const Registry from_stream = massline::io::read_appeal_log(in, "early.csv", AppealLogFormat::Nyc311);
  const Registry from_file = read_nyc311(path);
  ASSERT_EQ(from_stream.appeals().size(), from_file.appeals().size());
  for (const Appeal& a : from_file.appeals()) EXPECT_EQ(appeal(from_stream, a.code), a) << a.code;

  std::istringstream json(R"([{"service_request_id": "1", "status": "open", "requested_datetime": "2010-04-14T06:37:38Z"}])");
  EXPECT_EQ(massline::io::read_appeal_log(json, "<json>", AppealLogFormat::Open311).appeals().size(), 1u);
  std::istringstream bad("留言编号,留言时间\n1,2019/2/30\n");
  const ParseError e = parse_error([&] { (void)massline::io::read_appeal_log(bad, "<board>", AppealLogFormat::CnMessages); });
  EXPECT_EQ(e.code(), "cn_messages.date");
  EXPECT_EQ(e.where().file, "<board>");
  EXPECT_EQ(e.where().row, 2u);
}

}  // namespace
