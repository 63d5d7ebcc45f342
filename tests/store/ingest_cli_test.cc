// The built binary over temporary stores: ingest of the example pages and of analyze's JSONL
// (the same store either way), re-ingest adding nothing, a real kill -9 mid-ingest and the
// resumed run matching a clean one, bad JSONL lines, refused store files, and the query
// commands' exit codes and outputs.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "store/store.h"
#include "support/run_wirewatch.h"
#include "support/store_backends.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = WIREWATCH_BINARY;
const std::string kPages = std::string(WIREWATCH_SOURCE_DIR) + "/examples/pages";

using testing_support::Lines;
using testing_support::ReadBytes;
using testing_support::RunResult;
using testing_support::Wirewatch;

class IngestCliTest : public ::testing::Test {
 protected:
  // Analysed once for all tests: the JSONL of the example pages.
  static void SetUpTestSuite() {
    shared_ = fs::temp_directory_path() / ("wirewatch_ingest_cli_" + std::to_string(::getpid()));
    fs::create_directories(shared_);
    RunResult r = Wirewatch({"analyze", "-j", "2", kPages}, shared_);
    analyzed_ = r.out;
    analyze_exit_ = r.exit_code;
    std::ofstream(shared_ / "pages.jsonl", std::ios::binary) << analyzed_;
  }
  static void TearDownTestSuite() { fs::remove_all(shared_); }

  void SetUp() override {
    ASSERT_EQ(analyze_exit_, 0);
    ASSERT_FALSE(Lines(analyzed_).empty());
    dir_ = shared_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::create_directories(dir_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Jsonl() const { return (shared_ / "pages.jsonl").string(); }

  nlohmann::json Stats(const std::string& db) {
    RunResult r = Wirewatch({"stats", "--db", db, "--format", "json"}, dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  // A store named `name`: a file in this test's folder, or on PostgreSQL a database of its own.
  std::string Db(const std::string& name) { return loc_.Where(Path(name)); }

  static inline fs::path shared_;
  static inline std::string analyzed_;
  static inline int analyze_exit_ = -1;
  fs::path dir_;
  testing_support::StoreLocation loc_;
};

// The CLI tests every backend must pass alike (--db FILE or --db postgresql://...).
class IngestCliBackendTest : public IngestCliTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    IngestCliTest::SetUp();
    loc_.backend = GetParam();
    WIREWATCH_REQUIRE_BACKEND(loc_);
  }
};
INSTANTIATE_TEST_SUITE_P(Backends, IngestCliBackendTest,
                         ::testing::ValuesIn(testing_support::StoreBackends()),
                         testing_support::BackendName);

TEST_P(IngestCliBackendTest, PagesAndJsonlGiveTheSameStoreAndReingestAddsNothing) {
  std::string from_pages = Db("pages.db"), from_jsonl = Db("jsonl.db");
  RunResult r = Wirewatch({"ingest", "--db", from_pages, "-j", "2", kPages}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;  // one summary line: stderr is not a terminal
  r = Wirewatch({"ingest", "--db", from_jsonl, "--from-jsonl", Jsonl()}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json a = Stats(from_pages), b = Stats(from_jsonl);
  EXPECT_EQ(a, b);
  size_t records = Lines(analyzed_).size();
  EXPECT_EQ(a["records"], records);
  for (const char* key : {"records", "articles", "briefs", "entities", "quotes", "events",
                          "stories", "duplicates", "sources"})
    EXPECT_TRUE(a.contains(key)) << key;
  EXPECT_EQ(a["articles"], 5);

  r = Wirewatch({"ingest", "--db", from_pages, "-j", "2", kPages}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(" 0 new"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(from_pages), a);

  // jsonl gives the records back exactly as analyze wrote them.
  r = Wirewatch({"search", "--db", from_jsonl, "--limit", "0", "--format", "jsonl"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out = Lines(r.out), in = Lines(analyzed_);
  EXPECT_EQ(std::multiset<std::string>(out.begin(), out.end()),
            std::multiset<std::string>(in.begin(), in.end()));
}

// Writes the JSONL records of the example pages `copies` times, each copy with new ids, so the
// store has many distinct records.
std::string ManyRecords(const std::string& analyzed, int copies) {
  std::string out;
  for (int c = 0; c < copies; ++c) {
    for (const std::string& line : Lines(analyzed)) {
      nlohmann::json j = nlohmann::json::parse(line);
      j["id"] = j["id"].get<std::string>() + "-" + std::to_string(c);
      out += j.dump() + "\n";
    }
  }
  return out;
}

// Opens the store read-only and counts its records; -1 while it cannot be read yet.
int64_t RecordCount(const std::string& db) {
  auto store = OpenStore(db, OpenMode::kReadOnly);
  if (!store.ok()) return -1;
  auto st = (*store)->Stats();
  return st.ok() ? st->records : -1;
}

TEST_P(IngestCliBackendTest, KillNineMidIngestThenRerunMatchesACleanRun) {
  std::string all = Path("all.jsonl");
  std::string records = ManyRecords(analyzed_, 40);
  std::ofstream(all, std::ios::binary) << records;
  std::vector<std::string> lines = Lines(records);
  ASSERT_GT(lines.size(), 200u);

  std::string clean = Db("clean.db");
  RunResult r = Wirewatch({"ingest", "--db", clean, "--from-jsonl", all}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json expected = Stats(clean);
  ASSERT_EQ(expected["records"], lines.size());

  // The child reads records from a pipe in batches of 10. It is killed after 10 batches are
  // committed, while it holds 5 more records of an unfinished batch: mid-ingest for certain,
  // whatever the machine's speed.
  std::string killed = Db("killed.db");
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[0], 0);
    close(pipe_fds[1]);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(kBinary.c_str(), kBinary.c_str(), "ingest", "--db", killed.c_str(), "--batch", "10",
          "--from-jsonl", "-", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[0]);
  std::string first;
  for (size_t i = 0; i < 105; ++i) first += lines[i] + "\n";
  ASSERT_EQ(write(pipe_fds[1], first.data(), first.size()), static_cast<ssize_t>(first.size()));
  int64_t seen = -1;
  for (int tries = 0; tries < 6000 && seen < 100; ++tries) {  // waits for progress, not a time
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = RecordCount(killed);
  }
  ASSERT_EQ(seen, 100);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipe_fds[1]);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(RecordCount(killed), 100);  // whole batches only

  // A second child ingests the whole file in batches of 1 and is killed as soon as anything
  // new is committed: wherever that lands (even inside a transaction), the store stays whole.
  pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(kBinary.c_str(), kBinary.c_str(), "ingest", "--db", killed.c_str(), "--batch", "1",
          "--from-jsonl", all.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int tries = 0; tries < 6000 && RecordCount(killed) <= 100; ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);

  r = Wirewatch({"ingest", "--db", killed, "--from-jsonl", all}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Stats(killed), expected);
  // The same records in the same order, linked (duplicate_of, story) exactly as the clean run
  // linked them: the killed runs' index was rebuilt from what they had committed.
  RunResult killed_out = Wirewatch({"export", "--db", killed, "--format", "jsonl"}, dir_);
  RunResult clean_out = Wirewatch({"export", "--db", clean, "--format", "jsonl"}, dir_);
  ASSERT_EQ(killed_out.exit_code, 0) << killed_out.err;
  EXPECT_EQ(killed_out.out, clean_out.out);
  EXPECT_EQ(Lines(clean_out.out).size(), lines.size());
  killed_out = Wirewatch({"stories", "--db", killed, "--limit", "0", "--format", "jsonl"}, dir_);
  clean_out = Wirewatch({"stories", "--db", clean, "--limit", "0", "--format", "jsonl"}, dir_);
  ASSERT_EQ(killed_out.exit_code, 0) << killed_out.err;
  EXPECT_EQ(killed_out.out, clean_out.out);
  EXPECT_FALSE(clean_out.out.empty());
}

TEST_F(IngestCliTest, BadJsonlLinesAreNamedAndTheRestIsStored) {
  std::vector<std::string> lines = Lines(analyzed_);
  std::string mixed = Path("mixed.jsonl");
  std::ofstream(mixed, std::ios::binary) << lines[0] << "\n{not json\n\n[1,2]\n"
                                         << "{\"id\": \"x\"}\n" << lines[1] << "\n";
  std::string db = Path("w.db");
  RunResult r = Wirewatch({"ingest", "--db", db, "--from-jsonl", mixed, Path("absent.jsonl")}, dir_);
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> err = Lines(r.err);
  ASSERT_EQ(err.size(), 5u) << r.err;  // 3 bad lines, 1 missing file, 1 summary
  EXPECT_NE(r.err.find("mixed.jsonl:2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.jsonl:4: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.jsonl:5: record x has no string \"text\""), std::string::npos);
  EXPECT_NE(r.err.find("absent.jsonl: cannot open"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(db)["records"], 2);
}

// Lines are parsed on threads while the previous batch is written: errors still come in input
// order, across batches and files, and the store ends as with one thread and one batch.
TEST_F(IngestCliTest, ParallelLoadReportsErrorsInOrderAndStoresAsOneThread) {
  std::vector<std::string> lines = Lines(analyzed_);
  ASSERT_GE(lines.size(), 3u);
  size_t cap = 0;
  for (const auto& l : lines) cap = std::max(cap, l.size());
  std::string a = Path("a.jsonl"), b = Path("b.jsonl");
  std::ofstream(a, std::ios::binary) << lines[0] << "\n{bad\n" << lines[1] << "\n{"
                                     << std::string(cap + 10, 'x') << "\n[1]\n";
  std::ofstream(b, std::ios::binary) << lines[2] << "\n" << lines[0] << "\n{bad too\n";
  std::string one = Path("one.db"), many = Path("many.db");
  RunResult r1 = Wirewatch({"ingest", "--db", one, "-j", "1", "--max-page-bytes",
                            std::to_string(cap), "--from-jsonl", a, Path("none.jsonl"), b}, dir_);
  RunResult r2 = Wirewatch({"ingest", "--db", many, "-j", "3", "--batch", "1", "--max-page-bytes",
                            std::to_string(cap), "--from-jsonl", a, Path("none.jsonl"), b}, dir_);
  EXPECT_EQ(r1.exit_code, 1);
  EXPECT_EQ(r2.exit_code, 1);
  std::vector<std::string> err1 = Lines(r1.err), err2 = Lines(r2.err);
  ASSERT_EQ(err2.size(), 6u) << r2.err;  // 5 problems in input order, then the summary
  EXPECT_NE(err2[0].find("a.jsonl:2: not valid JSON"), std::string::npos) << r2.err;
  EXPECT_NE(err2[1].find("a.jsonl:4: line longer than"), std::string::npos) << r2.err;
  EXPECT_NE(err2[2].find("a.jsonl:5: not a JSON object"), std::string::npos) << r2.err;
  EXPECT_NE(err2[3].find("none.jsonl: cannot open"), std::string::npos) << r2.err;
  EXPECT_NE(err2[4].find("b.jsonl:3: not valid JSON"), std::string::npos) << r2.err;
  ASSERT_EQ(err1.size(), err2.size()) << r1.err;
  for (size_t i = 0; i + 1 < err1.size(); ++i) EXPECT_EQ(err1[i], err2[i]);
  EXPECT_NE(err2[5].find("4 records read, 3 new, 1 already stored"), std::string::npos) << r2.err;
  EXPECT_EQ(Stats(many)["records"], 3);
  RunResult j1 = Wirewatch({"search", "--db", one, "--limit", "0", "--format", "jsonl"}, dir_);
  RunResult j2 = Wirewatch({"search", "--db", many, "--limit", "0", "--format", "jsonl"}, dir_);
  ASSERT_EQ(j1.exit_code, 0) << j1.err;
  EXPECT_EQ(j1.out, j2.out);
}

TEST_F(IngestCliTest, OverlongJsonlLinesAreSkippedNotRead) {
  std::vector<std::string> lines = Lines(analyzed_);
  size_t cap = std::max(lines[0].size(), lines[1].size()) + 10;
  std::string path = Path("long.jsonl");
  std::ofstream(path, std::ios::binary) << lines[0] << "\n{" << std::string(3 * cap + (1 << 20), 'x')
                                        << "\n" << lines[1];  // no final newline
  std::string db = Path("w.db");
  RunResult r = Wirewatch({"ingest", "--db", db, "--max-page-bytes", std::to_string(cap),
                           "--from-jsonl", path}, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("long.jsonl:2: line longer than"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(db)["records"], 2);
}

TEST_F(IngestCliTest, RefusesStoreFilesItDidNotMakeWithExitOne) {
  std::string text = Path("notes.txt");
  std::ofstream(text) << "my notes\n";
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"ingest", "--db", text, "--from-jsonl", Jsonl()},
        {"stats", "--db", text}, {"search", "--db", text, "grens"}, {"events", "--db", text},
        {"quotes", "--db", text}, {"timeline", "--db", text, "RUS", "UKR"}}) {
    RunResult r = Wirewatch(cmd, dir_);
    EXPECT_EQ(r.exit_code, 1) << cmd[0];
    EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("not a wirewatch store"), std::string::npos) << r.err;
    EXPECT_EQ(ReadBytes(text), "my notes\n");
  }
  RunResult r = Wirewatch({"stats", "--db", Path("none.db")}, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such store"), std::string::npos);
  EXPECT_FALSE(fs::exists(Path("none.db")));
}

TEST_P(IngestCliBackendTest, QueryCommandsTakeHostileTextAndCheckUsage) {
  std::string db = Db("w.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", db, "--from-jsonl", Jsonl()}, dir_).exit_code, 0);
  for (const char* q : {"\"", "*", "NEAR(a b)", "' OR 1=1; DROP TABLE records; --", "a\"b*c"}) {
    for (const char* cmd : {"search", "events", "quotes"}) {
      RunResult r = Wirewatch({cmd, "--db", db, q, "--entity", q, "--actor", q}, dir_);
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << cmd << " " << q << ": " << r.err;
      EXPECT_EQ(r.err.find("SQL"), std::string::npos) << r.err;
    }
  }
  EXPECT_EQ(Stats(db)["records"], Lines(analyzed_).size());
  EXPECT_EQ(Wirewatch({"search", "--db", db, "--root", "21"}, dir_).exit_code, 2);
  EXPECT_EQ(Wirewatch({"search", "--db", db, "--from", "2022-1-1"}, dir_).exit_code, 2);
  EXPECT_EQ(Wirewatch({"search", "--db", db, "--kind", "page"}, dir_).exit_code, 2);
  EXPECT_EQ(Wirewatch({"search", "--db", db, "--format", "xml"}, dir_).exit_code, 2);
  EXPECT_EQ(Wirewatch({"timeline", "--db", db, "RUS"}, dir_).exit_code, 2);
  EXPECT_EQ(Wirewatch({"timeline", "--db", db, "RUS", "UKR", "--by", "year"}, dir_).exit_code, 2);

  RunResult r = Wirewatch({"events", "--db", db, "--limit", "0", "--format", "jsonl"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t events = 0;
  for (const std::string& line : Lines(analyzed_))
    events += nlohmann::json::parse(line)["events"].size();
  std::vector<std::string> rows = Lines(r.out);
  EXPECT_EQ(rows.size(), events);
  for (const std::string& row : rows) {
    nlohmann::json j = nlohmann::json::parse(row, nullptr, false);
    ASSERT_TRUE(j.is_object()) << row;
    EXPECT_TRUE(j["sentence"].is_string());
    EXPECT_FALSE(j["sentence"].get<std::string>().empty()) << row;
  }
  r = Wirewatch({"timeline", "--db", db, "RUS", "UKR", "--by", "month", "--format", "json", "--explain"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out, nullptr, false).is_object()) << r.out;
}

TEST_F(IngestCliTest, BadPageInputsAreNamedAndTheRestIsStored) {
  std::string db = Path("w.db");
  RunResult r = Wirewatch({"ingest", "--db", db, "-j", "2", kPages, Path("absent.html")}, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.html"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(db)["records"], Lines(analyzed_).size());
}

// Another process holds the write lock for the whole run: ingest waits (5 s), then stops with
// one line and exit 1, and the store is as it was.
TEST_F(IngestCliTest, LockedStoreGivesAClearErrorAndStaysWhole) {
  std::string db = Path("w.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", db, "--from-jsonl", Jsonl()}, dir_).exit_code, 0);
  nlohmann::json before = Stats(db);
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::string more = Path("more.jsonl");
  std::ofstream(more, std::ios::binary) << ManyRecords(analyzed_, 1);
  RunResult r = Wirewatch({"ingest", "--db", db, "--from-jsonl", more}, dir_);
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(db), before);
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

TEST_P(IngestCliBackendTest, ExportsRecordsAndGdeltRowsOfTheSchemaTypes) {
  std::string schema_path = std::string(WIREWATCH_SHARED_DIR) +
                            "/data/gdelt-schema/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv";
  std::string db = Db("w.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", db, "--from-jsonl", Jsonl()}, dir_).exit_code, 0);
  RunResult r = Wirewatch({"export", "--db", db, "--format", "jsonl"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, analyzed_);  // store order is input order

  r = Wirewatch({"export", "--db", db, "--format", "gdelt"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t expected_rows = 0;
  for (const std::string& line : Lines(analyzed_)) {
    nlohmann::json record = nlohmann::json::parse(line);
    for (const auto& e : record["events"]) expected_rows += e["negated"].get<bool>() ? 0 : 1;
  }
  std::vector<std::string> rows = Lines(r.out);
  EXPECT_EQ(rows.size(), expected_rows);
  ASSERT_GT(rows.size(), 0u);

  if (!fs::exists(schema_path)) GTEST_SKIP() << "no " << schema_path;
  std::vector<std::string> types;  // dataType per column, from the schema's second field
  for (const std::string& line : Lines(ReadBytes(schema_path))) {
    std::vector<std::string> f = Split(line, ',');
    if (f.size() > 1 && f[0] != "tableId") types.push_back(f[1]);
  }
  ASSERT_EQ(types.size(), 61u);
  int countries = 0, cities = 0;
  for (const std::string& row : rows) {
    std::vector<std::string> fields = Split(row, '\t');
    ASSERT_EQ(fields.size(), 61u) << row;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& v = fields[i];
      if (v.empty()) continue;
      if (types[i] == "INTEGER") {
        EXPECT_EQ(v.find_first_not_of("-0123456789"), std::string::npos) << "column " << i + 1 << ": " << v;
      } else if (types[i] == "FLOAT") {
        size_t used = 0;
        std::stod(v, &used);
        EXPECT_EQ(used, v.size()) << "column " << i + 1 << ": " << v;
      }
    }
    EXPECT_EQ(fields[26], fields[26].substr(0, 4));  // EventCode
    EXPECT_EQ(fields[28], fields[26].substr(0, 2));  // EventRootCode
    EXPECT_FALSE(fields[60].empty());                // SOURCEURL
    // ActionGeo (columns 52-59): a country carries its FIPS code in CountryCode, ADM1Code and
    // FeatureID and a centroid; a city is "City, Country" with its country's code.
    const std::string& type = fields[51];
    ASSERT_TRUE(type == "0" || type == "1" || type == "4") << row;
    if (type == "1") {
      EXPECT_EQ(fields[53].size(), 2u) << row;
      EXPECT_EQ(fields[54], fields[53]);
      EXPECT_EQ(fields[58], fields[53]);
      EXPECT_FALSE(fields[56].empty() || fields[57].empty()) << row;
      ++countries;
    } else if (type == "4") {
      EXPECT_NE(fields[52].find(", "), std::string::npos) << row;
      EXPECT_EQ(fields[53].size(), 2u) << row;
      ++cities;
    } else {
      EXPECT_TRUE(fields[53].empty()) << row;
    }
    for (int i = 35; i < 51; i += 8) EXPECT_EQ(fields[i], "0") << "Actor geo type, column " << i + 1;
  }
  // The example pages place events in Oekraïne and Afghanistan (countries) and Brussel (a capital).
  EXPECT_GT(countries, 0);
  EXPECT_GT(cities, 0);
  r = Wirewatch({"export", "--db", db, "--format", "csv"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), expected_rows + 1);
}

// Two ingest runs (A, then B) store the same records, links and stories as one run over A+B.
TEST_P(IngestCliBackendTest, IngestInTwoRunsLinksAsOneRun) {
  std::string records = ManyRecords(analyzed_, 3);  // copies with new ids: duplicates to link
  std::vector<std::string> lines = Lines(records);
  std::string a = Path("a.jsonl"), b = Path("b.jsonl"), ab = Path("ab.jsonl");
  {
    std::ofstream out_a(a, std::ios::binary), out_b(b, std::ios::binary), out_ab(ab, std::ios::binary);
    for (size_t i = 0; i < lines.size(); ++i) {
      (i < lines.size() / 2 ? out_a : out_b) << lines[i] << "\n";
      out_ab << lines[i] << "\n";
    }
  }
  std::string once = Db("once.db"), twice = Db("twice.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", once, "--from-jsonl", ab}, dir_).exit_code, 0);
  ASSERT_EQ(Wirewatch({"ingest", "--db", twice, "--from-jsonl", a}, dir_).exit_code, 0);
  ASSERT_EQ(Wirewatch({"ingest", "--db", twice, "--from-jsonl", b}, dir_).exit_code, 0);
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"export", "--format", "jsonl"},
        std::vector<std::string>{"stories", "--limit", "0", "--format", "jsonl"},
        std::vector<std::string>{"stats", "--format", "json"}}) {
    std::vector<std::string> x = query, y = query;
    x.insert(x.begin() + 1, {"--db", once});
    y.insert(y.begin() + 1, {"--db", twice});
    RunResult rx = Wirewatch(x, dir_), ry = Wirewatch(y, dir_);
    ASSERT_EQ(rx.exit_code, 0) << rx.err;
    EXPECT_EQ(rx.out, ry.out) << query[0];
  }
  // The second and third copies of each record are linked to the first, across the runs.
  nlohmann::json st = Stats(twice);
  EXPECT_GE(st["duplicates"].get<int>(), static_cast<int>(2 * Lines(analyzed_).size()));
  RunResult r = Wirewatch({"stories", "--db", twice, "--format", "text", "--limit", "1"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u);  // the story line and its lead sentence
  std::string id = r.out.substr(r.out.find("s-"), r.out.find(' ', r.out.find("s-")) - r.out.find("s-"));
  r = Wirewatch({"stories", "--db", twice, "--id", id, "--format", "jsonl"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json story = nlohmann::json::parse(r.out);
  EXPECT_EQ(story["story"], id);
  EXPECT_FALSE(story["record_ids"].empty());
  r = Wirewatch({"stories", "--db", twice, "--id", "s-none"}, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no story s-none"), std::string::npos) << r.err;
}

TEST_P(IngestCliBackendTest, ExportsGdeltMentionsOfTheSchemaTypes) {
  std::string schema_path = std::string(WIREWATCH_SHARED_DIR) +
                            "/data/gdelt-schema/GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv";
  std::string db = Db("w.db");
  std::string all = Path("two.jsonl");
  std::ofstream(all, std::ios::binary) << ManyRecords(analyzed_, 2);  // each record and a copy
  ASSERT_EQ(Wirewatch({"ingest", "--db", db, "--from-jsonl", all}, dir_).exit_code, 0);
  RunResult events = Wirewatch({"export", "--db", db, "--format", "gdelt"}, dir_);
  RunResult r = Wirewatch({"export", "--db", db, "--format", "gdelt-mentions"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // One mention per event and record reporting it: NumMentions of the events export.
  size_t mentions = 0;
  std::set<std::string> event_ids;
  for (const std::string& row : Lines(events.out)) {
    std::vector<std::string> f = Split(row, '\t');
    mentions += std::stoul(f[31]);
    event_ids.insert(f[0]);
  }
  std::vector<std::string> rows = Lines(r.out);
  ASSERT_GT(rows.size(), 0u);
  EXPECT_EQ(rows.size(), mentions);
  EXPECT_GE(rows.size(), 2 * event_ids.size());  // every record has at least its copy

  if (!fs::exists(schema_path)) GTEST_SKIP() << "no " << schema_path;
  std::vector<std::string> types;  // the third field of each schema row, after the header
  for (const std::string& line : Lines(ReadBytes(schema_path))) {
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() > 2 && !f[0].empty() && !f[2].empty()) types.push_back(f[2]);
  }
  ASSERT_EQ(types.size(), 16u);
  for (const std::string& row : rows) {
    std::vector<std::string> fields = Split(row, '\t');
    ASSERT_EQ(fields.size(), 16u) << row;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& v = fields[i];
      if (v.empty()) continue;
      if (types[i] == "INTEGER") {
        EXPECT_EQ(v.find_first_not_of("-0123456789"), std::string::npos) << "column " << i + 1 << ": " << v;
      } else if (types[i] == "FLOAT") {
        size_t used = 0;
        std::stod(v, &used);
        EXPECT_EQ(used, v.size()) << "column " << i + 1 << ": " << v;
      }
    }
    EXPECT_EQ(event_ids.count(fields[0]), 1u);  // GLOBALEVENTID of an exported event
    EXPECT_FALSE(fields[4].empty());            // MentionSourceName
    EXPECT_FALSE(fields[5].empty());            // MentionIdentifier
    EXPECT_TRUE(fields[3] == "1" || fields[3] == "2");
    EXPECT_TRUE(fields[10] == "1" || fields[10] == "0");
  }
}

// ---- Concurrent workers on one PostgreSQL store (issue 14). ----

// Starts `wirewatch ingest` in the background, both streams into files named after `tag`.
pid_t StartIngest(const std::string& db, const std::string& input, const std::string& batch,
                  const fs::path& dir, const std::string& tag) {
  pid_t pid = fork();
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open((dir / (tag + ".out")).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open((dir / (tag + ".err")).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0), dup2(out, 1), dup2(err, 2);
    execl(kBinary.c_str(), kBinary.c_str(), "ingest", "--db", db.c_str(), "--batch", batch.c_str(),
          "--from-jsonl", input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a store holds, in terms that do not depend on which worker stored a record first: the
// records (JSON without the two link fields) and the groups of copies (a record with those
// marked duplicate_of it), as sets of record ids.
struct StoreContent {
  std::multiset<std::string> records;
  std::set<std::set<std::string>> copy_groups;
  bool operator==(const StoreContent&) const = default;
};

class ConcurrentIngestTest : public IngestCliTest {
 protected:
  void SetUp() override {
    IngestCliTest::SetUp();
    loc_.backend = "postgresql";
    WIREWATCH_REQUIRE_BACKEND(loc_);
    std::string records = ManyRecords(analyzed_, 12);  // copies with new ids: duplicates to link
    lines_ = Lines(records);
    ASSERT_GT(lines_.size(), 100u);
    // Four overlapping inputs: worker k reads every line but those i with i % 4 == k, starting
    // at a different place (so each line is stored by one of three workers, in another order).
    for (size_t k = 0; k < 4; ++k) {
      inputs_.push_back(Path("worker" + std::to_string(k) + ".jsonl"));
      std::ofstream out(inputs_.back(), std::ios::binary);
      size_t n = lines_.size();
      for (size_t j = 0; j < n; ++j) {
        size_t i = (j + k * n / 4) % n;
        if (i % 4 != k) out << lines_[i] << "\n";
      }
    }
    all_ = Path("all.jsonl");
    std::ofstream(all_, std::ios::binary) << records;
  }

  StoreContent Content(const std::string& db) {
    RunResult r = Wirewatch({"export", "--db", db, "--format", "jsonl"}, dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    StoreContent c;
    std::map<std::string, std::set<std::string>> copies;
    for (const std::string& line : Lines(r.out)) {
      nlohmann::json j = nlohmann::json::parse(line);
      std::string id = j["id"];
      std::string original = j["duplicate_of"].is_string() ? j["duplicate_of"].get<std::string>() : id;
      copies[original].insert(id);
      j.erase("duplicate_of"), j.erase("story");
      c.records.insert(j.dump());
    }
    for (auto& [k, v] : copies) c.copy_groups.insert(v);
    return c;
  }

  // Stories depend on arrival order (an online clustering), so the workers' store is checked
  // against one process ingesting the records in the order the workers' store holds them: the
  // same bytes for every record (links included), the same stories and stats. Records and copy
  // groups do not depend on order and are checked against the one-process run of all_.
  void ExpectSerialEquivalent(const std::string& shared, const std::string& single) {
    std::map<std::string, std::string> by_id;
    for (const std::string& line : lines_) by_id[nlohmann::json::parse(line)["id"]] = line;
    RunResult got = Wirewatch({"export", "--db", shared, "--format", "jsonl"}, dir_);
    ASSERT_EQ(got.exit_code, 0) << got.err;
    std::string order = Path("order.jsonl");
    {
      std::ofstream out(order, std::ios::binary);
      for (const std::string& line : Lines(got.out)) out << by_id[nlohmann::json::parse(line)["id"]] << "\n";
    }
    std::string serial = Db("serial.db");
    ASSERT_EQ(Wirewatch({"ingest", "--db", serial, "--from-jsonl", order}, dir_).exit_code, 0);
    RunResult want = Wirewatch({"export", "--db", serial, "--format", "jsonl"}, dir_);
    EXPECT_EQ(got.out, want.out) << "records or links differ from a serial run of the same order";
    EXPECT_EQ(Wirewatch({"stories", "--db", shared, "--limit", "0", "--format", "jsonl"}, dir_).out,
              Wirewatch({"stories", "--db", serial, "--limit", "0", "--format", "jsonl"}, dir_).out);
    EXPECT_EQ(Stats(shared), Stats(serial));
    StoreContent a = Content(single), b = Content(shared);
    EXPECT_EQ(a.records.size(), lines_.size());
    EXPECT_TRUE(a.records == b.records) << "records differ from one process over all inputs";
    EXPECT_TRUE(a.copy_groups == b.copy_groups) << "copy groups differ from one process";
    nlohmann::json x = Stats(single), y = Stats(shared);
    x.erase("stories"), y.erase("stories");
    EXPECT_EQ(x, y);
  }

  std::vector<std::string> lines_, inputs_;
  std::string all_;
};

TEST_F(ConcurrentIngestTest, FourWorkersOverOverlappingInputsStoreWhatOneWould) {
  std::string single = Db("single.db"), shared = Db("shared.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", single, "--from-jsonl", all_}, dir_).exit_code, 0);
  std::vector<pid_t> workers;
  for (size_t k = 0; k < 4; ++k)
    workers.push_back(StartIngest(shared, inputs_[k], "7", dir_, "w" + std::to_string(k)));
  for (size_t k = 0; k < 4; ++k)
    EXPECT_EQ(WaitExit(workers[k]), 0) << ReadBytes((dir_ / ("w" + std::to_string(k) + ".err")).string());
  ExpectSerialEquivalent(shared, single);
  nlohmann::json before = Stats(shared);
  // Every worker again: all stored, nothing new.
  for (size_t k = 0; k < 4; ++k) {
    RunResult r = Wirewatch({"ingest", "--db", shared, "--from-jsonl", inputs_[k]}, dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find(" 0 new"), std::string::npos) << r.err;
  }
  EXPECT_EQ(Stats(shared), before);
}

TEST_F(ConcurrentIngestTest, KillNineOfOneWorkerLosesAndDoublesNothing) {
  std::string single = Db("single.db"), shared = Db("shared.db");
  ASSERT_EQ(Wirewatch({"ingest", "--db", single, "--from-jsonl", all_}, dir_).exit_code, 0);
  std::vector<pid_t> workers;
  for (size_t k = 0; k < 4; ++k)
    workers.push_back(StartIngest(shared, inputs_[k], "3", dir_, "w" + std::to_string(k)));
  // Worker 0 is killed once anything is committed (batches of 3: mid-ingest, often mid-batch).
  for (int tries = 0; tries < 6000 && RecordCount(shared) <= 0; ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(kill(workers[0], SIGKILL), 0);
  EXPECT_EQ(WaitExit(workers[0]), -1);
  for (size_t k = 1; k < 4; ++k)
    EXPECT_EQ(WaitExit(workers[k]), 0) << ReadBytes((dir_ / ("w" + std::to_string(k) + ".err")).string());
  // Its input re-run: the store ends as one clean run would leave it.
  RunResult r = Wirewatch({"ingest", "--db", shared, "--from-jsonl", inputs_[0]}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectSerialEquivalent(shared, single);
}

}  // namespace
}  // namespace wirewatch
