#include <massline/io/sqlite_store.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/period.hpp>
#include <massline/io/registry_csv.hpp>
#include <massline/io/registry_json.hpp>
#include <massline/model/registry.hpp>
#include <massline/synth/generate.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace massline;  // NOLINT: the test names many model types
using io::test_support::TempDir;

/// A registry with gaps in its ids and removed entities at the end of a table (next id > live).
Registry with_gaps(Registry r) {
  std::vector<ContactId> contacts;
  for (const Contact& c : r.contacts()) contacts.push_back(c.id);
  if (contacts.size() > 3) {
    r.remove(contacts[0]);
    r.remove(contacts[2]);
    r.remove(contacts.back());
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

/// Runs raw SQL on a store, as a user with the sqlite3 shell would.
void sql(const std::filesystem::path& path, const std::string& text) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message << "\n" << text;
}

std::int64_t sql_integer(const std::filesystem::path& path, const std::string& text) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, text.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::int64_t value = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

/// The code and message of what loading @p path throws.
std::pair<std::string, std::string> load_error(const std::filesystem::path& path) {
  try {
    (void)io::load_registry_sqlite(path);
  } catch (const Error& e) {
    return {e.code(), e.what()};
  }
  return {"no error", ""};
}

const Registry& quyuan() {
  static const Registry r = with_gaps(synth::generate("quyuan", 4));
  return r;
}

TEST(SqliteStore, RoundTripKeepsIdsGapsAndNextIds) {
  TempDir dir("sqlite_store");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  const Registry loaded = io::load_registry_sqlite(path);
  EXPECT_TRUE(loaded == quyuan());
  EXPECT_EQ(loaded.contacts().capacity_ids(), quyuan().contacts().capacity_ids());
  EXPECT_EQ(loaded.pairings().capacity_ids(), quyuan().pairings().capacity_ids());
  EXPECT_EQ(io::sqlite_store_version(path), io::kSqliteStoreVersion);
  EXPECT_EQ(sql_integer(path, "SELECT count(*) FROM households"), static_cast<std::int64_t>(quyuan().households().size()));
  // Derived columns are stored for SQL readers: a commitment's status, an appeal's stage.
  EXPECT_EQ(sql_integer(path, "SELECT count(*) FROM appeals WHERE stage IS NULL"), 0);
  // WAL mode, and the log emptied after the save.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* mode = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &mode, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(mode), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(mode, 0)), "wal");
  sqlite3_finalize(mode);
  sqlite3_close(db);
}

TEST(SqliteStore, CsvToRegistryToSqliteToJsonIsLossless) {
  const Registry original = with_gaps(synth::generate("county", 9, {{"households", 2000.0}}));
  TempDir dir("sqlite_store_chain");
  io::save_registry_csv(original, dir.path() / "csv");
  const Registry from_csv = io::load_registry_csv(dir.path() / "csv");
  io::save_registry_sqlite(from_csv, dir.path() / "r.db");
  const Registry from_sqlite = io::load_registry_sqlite(dir.path() / "r.db");
  const Registry from_json = io::registry_from_json(io::registry_to_json(from_sqlite));
  EXPECT_TRUE(from_json == from_csv);
  // CSV keeps no next id (one past the largest id); the store keeps what it was given.
  EXPECT_EQ(from_sqlite.contacts().capacity_ids(), from_csv.contacts().capacity_ids());
}

TEST(SqliteStore, SaveReplacesTheStoredRegistry) {
  TempDir dir("sqlite_store_replace");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  Registry small;
  Organization county;
  county.code = "C";
  county.level = OrgLevel::County;
  small.add(county);
  io::save_registry_sqlite(small, path);
  EXPECT_TRUE(io::load_registry_sqlite(path) == small);
  EXPECT_EQ(sql_integer(path, "SELECT count(*) FROM contacts"), 0);
}

TEST(SqliteStore, AppendedLogsGetTheNextIdsAndLoadBack) {
  TempDir dir("sqlite_store_append");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  Registry expected = quyuan();
  std::vector<Contact> contacts(quyuan().contacts().begin(), std::next(quyuan().contacts().begin(), 3));
  contacts[1].reports.push_back({Situation::Disaster, true, "水淹"});
  std::vector<ContactId> expected_ids;
  for (const Contact& c : contacts) expected_ids.push_back(expected.add(c));
  EXPECT_EQ(io::append_contacts(path, contacts), expected_ids);
  EXPECT_EQ(expected_ids.front().value(), quyuan().contacts().capacity_ids());  // after the removed last id

  ASSERT_GE(quyuan().appeals().size(), 2U);
  ASSERT_GE(quyuan().contacts().size(), 3U);
  std::vector<Appeal> appeals(quyuan().appeals().begin(), std::next(quyuan().appeals().begin(), 2));
  appeals[0].code = "NEW-1";
  appeals[1].code = "NEW-2";
  std::vector<AppealId> appeal_ids;
  for (const Appeal& a : appeals) appeal_ids.push_back(expected.add(a));
  EXPECT_EQ(io::append_appeals(path, appeals), appeal_ids);

  std::vector<SurveyResponse> responses(2);
  responses[0].respondent = quyuan().households().begin()->id;
  responses[0].target = quyuan().members().begin()->id;
  responses[0].period = Period::quarter(2024, 2);
  responses[0].items = {{"overall", 9.0, false}, {"q2", std::nullopt, true}};
  responses[0].weight = 1.5;
  responses[1].respondent = std::next(quyuan().households().begin())->id;
  responses[1].target = quyuan().households().begin()->unit;
  responses[1].period = Period(make_date(2024, 1, 15), make_date(2024, 2, 14));
  std::vector<SurveyResponseId> response_ids;
  for (const SurveyResponse& s : responses) response_ids.push_back(expected.add(s));
  EXPECT_EQ(io::append_survey_responses(path, responses), response_ids);

  const Registry loaded = io::load_registry_sqlite(path);
  EXPECT_TRUE(loaded == expected);
  EXPECT_EQ(loaded.contacts().capacity_ids(), expected.contacts().capacity_ids());
}

TEST(SqliteStore, ABadAppendWritesNothingAndNamesEveryProblem) {
  TempDir dir("sqlite_store_append_bad");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  std::vector<Contact> contacts(quyuan().contacts().begin(), std::next(quyuan().contacts().begin(), 3));
  contacts[0].member = MemberId(999999);
  contacts[2].household = HouseholdId(888888);
  try {
    (void)io::append_contacts(path, contacts);
    ADD_FAILURE() << "a contact of a missing member was appended";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.code(), "registry_file.problems") << what;
    EXPECT_NE(what.find("appended contact 0"), std::string::npos) << what;
    EXPECT_NE(what.find("appended contact 2"), std::string::npos) << what;
    EXPECT_NE(what.find("integrity.dangling"), std::string::npos) << what;
    EXPECT_NE(what.find("r.sqlite"), std::string::npos) << what;
  }
  std::vector<Appeal> appeals(quyuan().appeals().begin(), std::next(quyuan().appeals().begin(), 1));
  try {
    (void)io::append_appeals(path, appeals);  // its code is in the store already
    ADD_FAILURE() << "an appeal with a stored code was appended";
  } catch (const IntegrityError& e) {
    EXPECT_EQ(e.code(), "integrity.duplicate_code") << e.what();
  }
  const Registry loaded = io::load_registry_sqlite(path);
  EXPECT_TRUE(loaded == quyuan());
  EXPECT_EQ(loaded.contacts().capacity_ids(), quyuan().contacts().capacity_ids());
}

TEST(SqliteStore, FilesThatAreNotStoresAreRefusedAndLeftAlone) {
  TempDir dir("sqlite_store_bad");
  const auto text = dir.path() / "notes.sqlite";
  write(text, "name,phone\nZhang,123\n");
  EXPECT_EQ(load_error(text).first, "sqlite_store.format") << load_error(text).second;
  EXPECT_THROW(io::save_registry_sqlite(quyuan(), text), ParseError);
  EXPECT_EQ(slurp(text), "name,phone\nZhang,123\n");

  const auto empty = dir.path() / "empty.sqlite";
  write(empty, "");
  EXPECT_EQ(load_error(empty).first, "sqlite_store.format");

  EXPECT_EQ(load_error(dir.path() / "missing.sqlite").first, "sqlite_store.io");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing.sqlite"));
  EXPECT_EQ(load_error(dir.path()).first, "sqlite_store.io");
  EXPECT_NE(load_error(dir.path()).second.find("directory"), std::string::npos);
  EXPECT_EQ(load_error("/dev/zero").first, "sqlite_store.io");

  // Another application's database is neither read nor overwritten.
  const auto other = dir.path() / "other.db";
  sql(other, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);");
  EXPECT_EQ(load_error(other).first, "sqlite_store.format");
  EXPECT_THROW(io::save_registry_sqlite(quyuan(), other), ParseError);
  EXPECT_EQ(sql_integer(other, "SELECT x FROM t"), 7);
}

TEST(SqliteStore, ATruncatedStoreIsRefused) {
  TempDir dir("sqlite_store_truncated");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  const std::string bytes = slurp(path);
  ASSERT_GT(bytes.size(), 8192U);
  write(path, bytes.substr(0, bytes.size() / 2));
  const auto [code, message] = load_error(path);
  EXPECT_TRUE(code == "sqlite_store.corrupt" || code == "sqlite_store.format") << message;
  EXPECT_NE(message.find("r.sqlite"), std::string::npos) << message;
  EXPECT_EQ(slurp(path), bytes.substr(0, bytes.size() / 2));
}

TEST(SqliteStore, ANewerStoreIsRefused) {
  TempDir dir("sqlite_store_newer");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "PRAGMA user_version = " + std::to_string(io::kSqliteStoreVersion + 1));
  const auto [code, message] = load_error(path);
  EXPECT_EQ(code, "sqlite_store.version") << message;
  EXPECT_NE(message.find("newer"), std::string::npos) << message;
  EXPECT_THROW(io::save_registry_sqlite(quyuan(), path), ParseError);
  EXPECT_THROW((void)io::append_contacts(path, {}), ParseError);
  EXPECT_EQ(sql_integer(path, "PRAGMA user_version"), io::kSqliteStoreVersion + 1);
}

TEST(SqliteStore, TamperedRowsGiveLocatedErrors) {
  TempDir dir("sqlite_store_tampered");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  const std::int64_t contact = sql_integer(path, "SELECT min(id) FROM contacts");

  // A dangling reference.
  sql(path, "UPDATE contacts SET member = 99999 WHERE id = " + std::to_string(contact));
  auto [code, message] = load_error(path);
  EXPECT_EQ(code, "integrity.dangling") << message;
  EXPECT_NE(message.find("r.sqlite"), std::string::npos) << message;
  EXPECT_NE(message.find("table 'contacts' id " + std::to_string(contact)), std::string::npos) << message;
  EXPECT_NE(message.find("member"), std::string::npos) << message;

  // A value of the wrong kind: an enum name that does not exist.
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "UPDATE contacts SET mode = 'telepathy' WHERE id = " + std::to_string(contact));
  std::tie(code, message) = load_error(path);
  EXPECT_EQ(code, "registry_file.cell") << message;
  EXPECT_NE(message.find("column 'mode'"), std::string::npos) << message;
  EXPECT_NE(message.find("table 'contacts'"), std::string::npos) << message;

  // Duplicate ids: the table rebuilt without its primary key.
  io::save_registry_sqlite(quyuan(), path);
  sql(path,
      "CREATE TABLE h2 AS SELECT * FROM households; DROP TABLE households; ALTER TABLE h2 RENAME TO households;"
      "INSERT INTO households SELECT * FROM households WHERE id = (SELECT min(id) FROM households);");
  std::tie(code, message) = load_error(path);
  EXPECT_EQ(code, "registry_file.duplicate_id") << message;
  EXPECT_NE(message.find("table 'households' id"), std::string::npos) << message;

  // A side-table row of a missing owner.
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "INSERT INTO contact_reports VALUES (777777, 0, 'disaster', 1, 'x')");
  std::tie(code, message) = load_error(path);
  EXPECT_EQ(code, "registry_file.dangling") << message;
  EXPECT_NE(message.find("table 'contact_reports' contact 777777 position 0"), std::string::npos) << message;

  // A missing table.
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "DROP TABLE pairings");
  std::tie(code, message) = load_error(path);
  EXPECT_EQ(code, "sqlite_store.table") << message;
  EXPECT_NE(message.find("pairings"), std::string::npos) << message;
}

TEST(SqliteStore, ProblemsOfStagedRowsNameTheirRowsExactly) {
  // A staged row's place (its table and id) is rebuilt only when a problem is reported.
  TempDir dir("sqlite_store_staged");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  const std::string contact = std::to_string(sql_integer(path, "SELECT min(id) FROM contacts"));
  sql(path, "UPDATE contacts SET member = 99999 WHERE id = " + contact);
  EXPECT_EQ(load_error(path).second,
            "[massline.integrity.dangling] reference to a missing member (at " + path.string() +
                " column 'member', table 'contacts' id " + contact +
                " (new contact) field 'member'): member 99999 does not exist");
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "UPDATE contacts SET id = 90000000 WHERE id = (SELECT max(id) FROM contacts)");
  const std::string message = load_error(path).second;
  EXPECT_EQ(message.rfind("[massline.registry_file.id_range] id contact 90000000 too far beyond the rows (at " +
                              path.string() + " column 'id', table 'contacts' id 90000000): a table of ",
                          0),
            0U)
      << message;
}

TEST(SqliteStore, AnOlderLayoutIsUpgradedOnOpen) {
  TempDir dir("sqlite_store_upgrade");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  // The version-1 layout, written by hand: no derived columns, and members without the
  // nullable membership dates a store of that time would not have had either.
  sql(path,
      "ALTER TABLE members DROP COLUMN is_leading_cadre; ALTER TABLE members DROP COLUMN joined;"
      "ALTER TABLE members DROP COLUMN \"left\";"
      "ALTER TABLE commitments DROP COLUMN pledged_on; ALTER TABLE commitments DROP COLUMN status;"
      "ALTER TABLE commitments DROP COLUMN joint;"
      "ALTER TABLE appeals DROP COLUMN registered; ALTER TABLE appeals DROP COLUMN sorted;"
      "ALTER TABLE appeals DROP COLUMN fed_back; ALTER TABLE appeals DROP COLUMN disposed;"
      "ALTER TABLE appeals DROP COLUMN current_due; ALTER TABLE appeals DROP COLUMN stage;"
      "ALTER TABLE activities DROP COLUMN attendance;"
      "PRAGMA user_version = 1;");
  ASSERT_EQ(io::sqlite_store_version(path), 1);
  Registry expected = quyuan();
  for (const Member& m : quyuan().members()) {
    Member copy = m;
    copy.joined.reset();
    copy.left.reset();
    expected.update(copy);
  }
  EXPECT_TRUE(io::load_registry_sqlite(path) == expected);
  EXPECT_EQ(io::sqlite_store_version(path), io::kSqliteStoreVersion);
  EXPECT_EQ(sql_integer(path, "SELECT count(*) FROM pragma_table_info('appeals') WHERE name = 'stage'"), 1);
  EXPECT_EQ(sql_integer(path, "SELECT count(*) FROM pragma_table_info('members') WHERE name = 'joined'"), 1);
  EXPECT_TRUE(io::load_registry_sqlite(path) == expected);
}

TEST(SqliteStore, AnOlderReadOnlyStoreIsRefusedUnchanged) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files";
  TempDir dir("sqlite_store_upgrade_ro");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  sql(path, "ALTER TABLE appeals DROP COLUMN stage; PRAGMA user_version = 1;");
  ::chmod(path.c_str(), 0444);
  EXPECT_EQ(load_error(path).first, "sqlite_store.version");
  EXPECT_EQ(io::sqlite_store_version(path), 1);
}

TEST(SqliteStore, ReadersSeeACommittedStateWhileAWriterSaves) {
  const Registry a = synth::generate("quyuan", 1);
  const Registry b = synth::generate("quyuan", 2);
  TempDir dir("sqlite_store_readers");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(a, path);
  std::atomic<bool> stop{false};
  std::atomic<int> saves{0};
  std::string writer_error;
  std::thread writer([&] {
    try {
      for (int i = 0; !stop.load(); ++i) {
        io::save_registry_sqlite(i % 2 == 0 ? b : a, path);
        ++saves;
      }
    } catch (const std::exception& e) {
      writer_error = e.what();
    }
  });
  int loads = 0;
  while (loads < 12 || saves.load() < 4) {
    const Registry loaded = io::load_registry_sqlite(path);
    EXPECT_TRUE(loaded == a || loaded == b) << "load " << loads << " saw neither registry";
    if (++loads > 200) break;
  }
  stop = true;
  writer.join();
  EXPECT_EQ(writer_error, "");
  EXPECT_GE(saves.load(), 4);
}

/// A writer saving two registries in turn is killed (SIGKILL) at a random point of a save; the
/// store must then load as one of them. Repeated with kills at several points of the save.
/// The names of the files in @p directory.
std::vector<std::string> files_in(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

std::string journal_mode(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr), SQLITE_OK);
  std::string mode;
  if (sqlite3_step(statement) == SQLITE_ROW) mode = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return mode;
}

TEST(SqliteStore, AFirstSaveLeavesOneWalStoreAndNoTemporary) {
  TempDir dir("sqlite_store_first");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(quyuan(), path);
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"r.sqlite"});
  EXPECT_EQ(journal_mode(path), "wal");  // later writers go through the log
  EXPECT_TRUE(io::load_registry_sqlite(path) == quyuan());
  io::append_contacts(path, std::span<const Contact>());  // a later change opens it as a store
  EXPECT_TRUE(io::load_registry_sqlite(path) == quyuan());
}

TEST(SqliteStore, ACancelledFirstSaveLeavesNothingBehind) {
  TempDir dir("sqlite_store_first_cancelled");
  const auto path = dir.path() / "r.sqlite";
  std::atomic<bool> stop{true};
  {
    CancellationScope scope(&stop);
    EXPECT_THROW(io::save_registry_sqlite(quyuan(), path), Cancelled);
  }
  EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(SqliteStore, AFirstSaveKilledHalfWayLeavesNoPartialStore) {
  const Registry a = synth::generate("county", 1, {{"households", 6000.0}});
  TempDir dir("sqlite_store_first_kill");
  for (int round = 0; round < 4; ++round) {
    const auto path = dir.path() / ("r" + std::to_string(round) + ".sqlite");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        io::save_registry_sqlite(a, path);
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 40 * round));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << "the save failed by itself";
    // Killed or finished: the store is absent or whole, never half written.
    if (std::filesystem::exists(path)) {
      EXPECT_TRUE(io::load_registry_sqlite(path) == a) << "round " << round;
    }
  }
}

TEST(SqliteStore, AWriterKilledHalfWayLeavesTheLastCommittedState) {
  const Registry a = synth::generate("county", 1, {{"households", 6000.0}});
  const Registry b = synth::generate("county", 2, {{"households", 5000.0}});
  ASSERT_FALSE(a == b);
  TempDir dir("sqlite_store_kill");
  const auto path = dir.path() / "r.sqlite";
  io::save_registry_sqlite(a, path);
  int killed_mid_save = 0;
  constexpr int kRounds = 6;
  for (int round = 0; round < kRounds; ++round) {
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // the writer: 's' before each save and 'e' after it, forever
      ::close(pipe_fds[0]);
      for (int i = 0;; ++i) {
        const char start = 's';
        const char end = 'e';
        if (::write(pipe_fds[1], &start, 1) != 1) ::_exit(2);
        try {
          io::save_registry_sqlite(i % 2 == 0 ? b : a, path);
        } catch (...) {
          ::_exit(3);
        }
        if (::write(pipe_fds[1], &end, 1) != 1) ::_exit(2);
      }
    }
    ::close(pipe_fds[1]);
    char mark = 0;
    // Times one whole save (start to start), then kills the next at a fraction of that time.
    ASSERT_EQ(::read(pipe_fds[0], &mark, 1), 1);
    ASSERT_EQ(::read(pipe_fds[0], &mark, 1), 1);
    ASSERT_EQ(::read(pipe_fds[0], &mark, 1), 1);
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(::read(pipe_fds[0], &mark, 1), 1);
    ASSERT_EQ(::read(pipe_fds[0], &mark, 1), 1);
    const auto one_save = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(mark, 's');
    std::this_thread::sleep_for(one_save * (round + 1) / (kRounds + 1));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    // The last mark says whether the kill came inside a save ('s': begun, not finished).
    char last = mark;
    while (::read(pipe_fds[0], &mark, 1) == 1) last = mark;
    ::close(pipe_fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the writer ended by itself: " << status;
    if (last == 's') ++killed_mid_save;
    const Registry loaded = io::load_registry_sqlite(path);
    EXPECT_TRUE(loaded == a || loaded == b) << "round " << round << ": the store holds neither registry";
  }
  // The kills are timed to land inside a save; a few may land between two.
  EXPECT_GE(killed_mid_save, kRounds / 2);
}

}  // namespace
