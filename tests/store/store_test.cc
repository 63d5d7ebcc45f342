// The store through its interface, on both backends (SQLite and PostgreSQL, tests/support/
// store_backends.h): schema checks on open, batches, idempotence, every query kind and filter,
// timeline sums worked out by hand, safe full-text queries; and for SQLite files that must be
// refused untouched (foreign, empty, truncated, corrupt, newer, read-only), for PostgreSQL
// databases that must be refused (foreign tables, newer schema, no store, bad URI).
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/record_json.h"
#include "store/record_links.h"
#include "store/store.h"
#include "support/store_backends.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirewatch_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::unique_ptr<Store> Open(const std::string& path, OpenMode mode = OpenMode::kReadWriteCreate) {
    auto s = OpenStore(loc_.Where(path), mode);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }

  fs::path dir_;
  testing_support::StoreLocation loc_;  // SQLite unless a StoreBackendTest says otherwise
};

// The tests every backend must pass alike.
class StoreBackendTest : public StoreTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    loc_.backend = GetParam();
    WIREWATCH_REQUIRE_BACKEND(loc_);
  }
};
INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest,
                         ::testing::ValuesIn(testing_support::StoreBackends()),
                         testing_support::BackendName);

// A sentence-per-paragraph document with the sentence spans set.
Document Doc(const std::string& id, const std::string& title, const std::vector<std::string>& sentences,
             const std::string& published, DocumentKind kind = DocumentKind::kArticle) {
  Document d;
  d.id = id;
  d.source = "fixture/" + id + ".txt";
  d.kind = kind;
  d.title = title;
  d.published = published;
  d.language = "nl";
  for (const auto& s : sentences) {
    if (!d.text.empty()) d.text += " ";
    uint32_t start = static_cast<uint32_t>(d.text.size());
    d.text += s;
    d.sentences.push_back({start, static_cast<uint32_t>(d.text.size())});
  }
  return d;
}

Event Ev(uint32_t sentence, const std::string& src, const std::string& tgt, const std::string& cameo,
         double goldstein, std::optional<std::string> date = std::nullopt, bool negated = false) {
  Event e;
  e.sentence = sentence;
  e.source = {src + " text", src, "id-" + src, std::nullopt};
  e.target = EventActor{tgt + " text", tgt, "id-" + tgt, std::nullopt};
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.goldstein = goldstein;
  e.plover = "X";
  e.trigger = "trigger";
  e.negated = negated;
  e.date = std::move(date);
  return e;
}

StoredRecord Stored(const Document& d) {
  auto r = ParseStoredRecord(RecordToJson(d), "fixture");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(*r);
}

// Three records: a border conflict article with RUS->UKR and NATO events, a brief, and a
// health article with a quote.
std::vector<StoredRecord> Fixture() {
  Document a = Doc("a1", "Grensconflict tussen Rusland en Oekraïne",
                   {"Rusland beschuldigt Oekraïne.", "De NAVO roept op tot kalmte.",
                    "Poetin zei dat het leger blijft."},
                   "2022-01-12");
  a.entities.push_back({{0, 7}, "Rusland", "LOC", "Q159", "Rusland", "RUS"});
  a.entities.push_back({{20, 28}, "Oekraïne", "LOC", "Q212", "Oekraïne", "UKR"});
  a.events.push_back(Ev(0, "RUS", "UKR", "112", -2.0));
  a.events.push_back(Ev(1, "NATO", "RUS", "0256", 3.0));
  Quote q;
  q.span = {a.sentences[2].start + 14, a.sentences[2].end - 1};
  q.text = "het leger blijft";
  q.direct = false;
  q.speaker = "Vladimir Poetin";
  q.speaker_id = "Q7747";
  q.speaker_actor = "RUS";
  q.cue = "zei";
  a.quotes.push_back(q);
  a.times.push_back({{0, 7}, "vrijdag", "2022-01-14"});
  Document b = Doc("b1", "Kort: café in Brussel dicht", {"Het café in Brussel gaat dicht."},
                   "2022-01-20", DocumentKind::kBrief);
  b.parent = "a1";
  Document c = Doc("c1", "Ziekenhuizen vol", {"De ruimté in ziekenhuizen raakt op."}, "2022-02-03");
  c.entities.push_back({{3, 9}, "ruimté", "MISC", "L1", "ruimte", std::nullopt});
  return {Stored(a), Stored(b), Stored(c)};
}

TEST_P(StoreBackendTest, CreatesStoresAndReopensReadOnly) {
  std::string db = Path("w.db");
  {
    auto store = Open(db);
    ASSERT_TRUE(store);
    auto put = store->PutBatch(Fixture());
    ASSERT_TRUE(put.ok()) << put.status().message();
    EXPECT_EQ(put->added, 3);
    EXPECT_EQ(put->existing, 0);
  }
  auto store = Open(db, OpenMode::kReadOnly);
  ASSERT_TRUE(store);
  auto st = store->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->records, 3);
  EXPECT_EQ(st->articles, 2);
  EXPECT_EQ(st->briefs, 1);
  EXPECT_EQ(st->entities, 3);
  EXPECT_EQ(st->quotes, 1);
  EXPECT_EQ(st->events, 2);
  EXPECT_EQ(st->stories, 3);  // the store groups records (src/corpus): three unrelated ones
  EXPECT_EQ(st->duplicates, 0);
  EXPECT_EQ(st->sources, 3);
}

TEST_P(StoreBackendTest, ReputtingAddsNothingButNewSources) {
  std::string db = Path("w.db");
  auto store = Open(db);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Fixture()).ok());
  auto again = store->PutBatch(Fixture());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->existing, 3);
  // The same brief seen on another page: one record, linked to both pages.
  std::vector<StoredRecord> moved = {Fixture()[1]};
  moved[0].document.source = "other/page.html";
  ASSERT_TRUE(store->PutBatch(moved).ok());
  auto st = store->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->records, 3);
  EXPECT_EQ(st->events, 2);
  EXPECT_EQ(st->sources, 4);
}

TEST_P(StoreBackendTest, SearchRanksFoldsDiacriticsAndMatchesCompoundPrefixes) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  std::vector<StoredRecord> fixture = Fixture();
  ASSERT_TRUE(store->PutBatch(fixture).ok());
  auto search = [&](QueryFilter f) {
    auto hits = store->Search(f);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    std::vector<std::string> ids;
    if (hits.ok())
      for (const auto& h : *hits) ids.push_back(h.id);
    return ids;
  };
  QueryFilter f;
  f.text = "grens";  // prefix of the compound "Grensconflict"
  EXPECT_EQ(search(f), std::vector<std::string>{"a1"});
  f.text = "ruimte";  // the text has "ruimté"
  EXPECT_EQ(search(f), std::vector<std::string>{"c1"});
  f.text = "oekraine";
  EXPECT_EQ(search(f), std::vector<std::string>{"a1"});
  f.text = "cafe brussel";  // both words must occur
  EXPECT_EQ(search(f), std::vector<std::string>{"b1"});
  f.text = "conflict";  // a compound's second part is not a prefix: not found (docs/store.md)
  EXPECT_TRUE(search(f).empty());
  // Without a query, newest first.
  EXPECT_EQ(search(QueryFilter{}), (std::vector<std::string>{"c1", "b1", "a1"}));
  // The record JSON comes back byte for byte.
  f = {};
  f.text = "kalmte";
  auto hits = store->Search(f);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  // As given, but for the two fields the store decides (tests/store/corpus_store_test.cc).
  EXPECT_EQ((*hits)[0].json, WithCorpusLinks(fixture[0].json, std::nullopt, std::string("s-a1")));
  EXPECT_LT((*hits)[0].score, 0);  // FTS5 bm25: more negative is better
}

TEST_P(StoreBackendTest, SearchFilters) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Fixture()).ok());
  auto count = [&](QueryFilter f) {
    auto hits = store->Search(f);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    return hits.ok() ? hits->size() : size_t{999};
  };
  QueryFilter f;
  f.entity = "oekraïne";  // canonical name, case-insensitive
  EXPECT_EQ(count(f), 1u);
  f.entity = "Q212";  // id
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.actor = "NATO";
  EXPECT_EQ(count(f), 1u);
  f.actor = "UKR";
  EXPECT_EQ(count(f), 1u);
  f.actor = "USA";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.source_actor = "RUS";
  EXPECT_EQ(count(f), 1u);
  f.source_actor = "UKR";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.target_actor = "UKR";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.root = "11";
  EXPECT_EQ(count(f), 1u);
  f.root = "19";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.from = "2022-01-13";
  EXPECT_EQ(count(f), 2u);
  f.to = "2022-01-31";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.kind = "brief";
  EXPECT_EQ(count(f), 1u);
  f.kind = "article";
  EXPECT_EQ(count(f), 2u);
  f = {};
  f.limit = 2;
  EXPECT_EQ(count(f), 2u);
  f.limit = 0;  // no limit
  EXPECT_EQ(count(f), 3u);
}

TEST_P(StoreBackendTest, UserTextNeverReachesSqlOrFtsSyntax) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Fixture()).ok());
  for (std::string q : {"\"", "*", "NEAR(rusland oekraine)", "rusland OR", "AND", "NOT",
                        "title:grens", "^grens", "(grens", "'; DROP TABLE records; --",
                        "grens\" OR \"1\"=\"1", "x' OR '1'='1", "\\", "{title}: a", "-grens",
                        "+ - : ^ ( )"}) {
    QueryFilter f;
    f.text = q;
    auto hits = store->Search(f);
    if (!hits.ok()) {
      EXPECT_EQ(hits.status().code(), StatusCode::kInvalidArgument) << q;  // no word in it
      EXPECT_TRUE(FtsQueryFromWords(q).empty()) << q;
    }
    f.text.clear();
    f.entity = q;
    f.actor = q;
    EXPECT_TRUE(store->Search(f).ok()) << q;
    EXPECT_TRUE(store->Events(f).ok()) << q;
    EXPECT_TRUE(store->Quotes(f).ok()) << q;
  }
  auto st = store->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->records, 3);
  QueryFilter f;
  f.text = "NEAR grens";  // NEAR as a plain word: no record has it
  auto hits = store->Search(f);
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
}

TEST(FtsQuery, QuotesEveryWordAsAPrefix) {
  EXPECT_EQ(FtsQueryFromWords("NAVO-top Brussel"), "\"NAVO\"* \"top\"* \"Brussel\"*");
  EXPECT_EQ(FtsQueryFromWords("\"a\" * b"), "\"a\"* \"b\"*");
  EXPECT_EQ(FtsQueryFromWords("Oekraïne"), "\"Oekraïne\"*");
  EXPECT_EQ(FtsQueryFromWords(" *:() "), "");
}

TEST_P(StoreBackendTest, EventsAndQuotesCarryTheirSentence) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Fixture()).ok());
  QueryFilter f;
  f.actor = "RUS";
  auto events = store->Events(f);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].sentence, "Rusland beschuldigt Oekraïne.");
  EXPECT_EQ((*events)[0].quad_class, 3);  // root 11: verbal conflict
  EXPECT_EQ((*events)[1].sentence, "De NAVO roept op tot kalmte.");
  EXPECT_EQ((*events)[1].quad_class, 1);
  f = {};
  f.source_actor = "NATO";
  f.root = "02";
  events = store->Events(f);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].target_actor, "RUS");
  f = {};
  f.entity = "id-UKR";  // the target's id
  events = store->Events(f);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
  f = {};
  f.text = "kalmte";
  f.from = "2022-02-01";
  events = store->Events(f);
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());

  f = {};
  f.entity = "vladimir poetin";
  auto quotes = store->Quotes(f);
  ASSERT_TRUE(quotes.ok()) << quotes.status().message();
  ASSERT_EQ(quotes->size(), 1u);
  EXPECT_EQ((*quotes)[0].sentence, "Poetin zei dat het leger blijft.");
  EXPECT_EQ((*quotes)[0].date, "2022-01-12");
  f = {};
  f.actor = "UKR";
  quotes = store->Quotes(f);
  ASSERT_TRUE(quotes.ok());
  EXPECT_TRUE(quotes->empty());
}

// Events worked out by hand (RUS = A, UKR = B):
//   2022-01-03 (Mon) A->B 112 -2.0, A->B 190 -10.0 (same record)
//   2022-01-05 (Wed) B->A 036 +4.0
//   2022-01-05       A->B 042 +1.9 negated: left out
//   2022-01-10 (Mon) A->B 0256 +3.0 (record's published day: the event has no date)
//   2022-01-10       A->B 112 -2.0 in a record marked duplicate_of: left out
//   2022-02-01       B->A 173 -5.0
TEST_P(StoreBackendTest, TimelineSumsMatchHandCounts) {
  Document r1 = Doc("t1", "een", {"Eerste zin.", "Tweede zin."}, "2022-01-03");
  r1.events = {Ev(0, "RUS", "UKR", "112", -2.0, "2022-01-03"),
               Ev(1, "RUS", "UKR", "190", -10.0, "2022-01-03")};
  Document r2 = Doc("t2", "twee", {"Derde zin."}, "2022-01-06");
  r2.events = {Ev(0, "UKR", "RUS", "036", 4.0, "2022-01-05"),
               Ev(0, "RUS", "UKR", "042", 1.9, "2022-01-05", /*negated=*/true)};
  Document r3 = Doc("t3", "drie", {"Vierde zin."}, "2022-01-10");
  r3.events = {Ev(0, "RUS", "UKR", "0256", 3.0)};
  Document r4 = Doc("t4", "vier", {"Vierde zin."}, "2022-01-10");  // t3's text: the store marks
                                                                 // it duplicate_of t3
  r4.events = {Ev(0, "RUS", "UKR", "112", -2.0)};
  Document r5 = Doc("t5", "vijf", {"Zesde zin."}, "2022-02-01");
  r5.events = {Ev(0, "UKR", "RUS", "173", -5.0), Ev(0, "USA", "RUS", "173", -5.0)};
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch({Stored(r1), Stored(r2), Stored(r3), Stored(r4), Stored(r5)}).ok());

  auto month = store->Timeline("RUS", "UKR", Period::kMonth, nullptr);
  ASSERT_TRUE(month.ok()) << month.status().message();
  ASSERT_EQ(month->size(), 3u);
  const TimelinePoint& jan_ab = (*month)[0];
  EXPECT_EQ(jan_ab.period, "2022-01");
  EXPECT_EQ(jan_ab.direction, "A->B");
  EXPECT_EQ(jan_ab.events, 3);
  EXPECT_EQ(jan_ab.sources, 2);
  EXPECT_DOUBLE_EQ(jan_ab.goldstein_sum, -9.0);
  EXPECT_DOUBLE_EQ(jan_ab.goldstein_mean, -3.0);
  EXPECT_EQ(jan_ab.quad[0], 1);  // 0256
  EXPECT_EQ(jan_ab.quad[2], 1);  // 112
  EXPECT_EQ(jan_ab.quad[3], 1);  // 190
  const TimelinePoint& jan_ba = (*month)[1];
  EXPECT_EQ(jan_ba.direction, "B->A");
  EXPECT_EQ(jan_ba.events, 1);
  EXPECT_DOUBLE_EQ(jan_ba.goldstein_sum, 4.0);
  EXPECT_EQ(jan_ba.quad[0], 1);
  EXPECT_EQ((*month)[2].period, "2022-02");
  EXPECT_EQ((*month)[2].events, 1);
  EXPECT_EQ((*month)[2].quad[3], 1);

  auto week = store->Timeline("RUS", "UKR", Period::kWeek, nullptr);
  ASSERT_TRUE(week.ok());
  ASSERT_EQ(week->size(), 4u);
  EXPECT_EQ((*week)[0].period, "2022-01-03");  // week of Monday 3 January
  EXPECT_EQ((*week)[0].events, 2);
  EXPECT_EQ((*week)[1].period, "2022-01-03");
  EXPECT_EQ((*week)[1].direction, "B->A");
  EXPECT_EQ((*week)[2].period, "2022-01-10");
  EXPECT_EQ((*week)[2].events, 1);
  EXPECT_EQ((*week)[3].period, "2022-01-31");  // 1 February is a Tuesday

  std::vector<EventRow> rows;
  auto day = store->Timeline("RUS", "UKR", Period::kDay, &rows);
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->size(), 4u);
  EXPECT_EQ((*day)[0].period, "2022-01-03");
  EXPECT_EQ((*day)[1].period, "2022-01-05");
  EXPECT_EQ((*day)[2].period, "2022-01-10");
  ASSERT_EQ(rows.size(), 5u);  // the events behind the points, and no others
  EXPECT_EQ(rows[0].sentence, "Eerste zin.");
  EXPECT_EQ(rows[0].period, "2022-01-03");
  EXPECT_EQ(rows[2].direction, "B->A");
}

TEST_P(StoreBackendTest, ExportFoldsCopiesIntoCountsOfTheFirstReport) {
  Document first = Doc("f1", "een", {"Zin een."}, "2022-01-03");
  first.events = {Ev(0, "RUS", "UKR", "112", -2.0), Ev(0, "RUS", "UKR", "042", 1.9, std::nullopt, true)};
  Document copy = first;  // the same text: the store marks it duplicate_of f1
  copy.id = "f2";
  copy.source = "other/portal.html";
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch({Stored(first), Stored(copy)}).ok());
  std::vector<EventRow> rows;
  ASSERT_TRUE(store->ExportEvents([&](const EventRow& e) { rows.push_back(e); }).ok());
  ASSERT_EQ(rows.size(), 1u);  // the negated event and the copy's events are left out
  EXPECT_EQ(rows[0].record_id, "f1");
  EXPECT_EQ(rows[0].articles, 2);
  EXPECT_EQ(rows[0].sources, 2);
  EXPECT_EQ(rows[0].date, "2022-01-03");
  auto st = store->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->duplicates, 1);
}

// --- files that must be refused, untouched ---

void MakeForeignSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

void ExpectRefused(const std::string& path, OpenMode mode, StatusCode code, const std::string& words) {
  std::string before = ReadBytes(path);
  auto s = OpenSqliteStore(path, mode);
  ASSERT_FALSE(s.ok()) << path;
  EXPECT_EQ(s.status().code(), code) << s.status().message();
  EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find(words), std::string::npos) << s.status().message();
  EXPECT_EQ(s.status().message().find('\n'), std::string::npos);
  EXPECT_EQ(ReadBytes(path), before) << "file changed: " << path;
  EXPECT_FALSE(fs::exists(path + "-wal") && fs::file_size(path + "-wal") > 0);
}

TEST_F(StoreTest, RefusesForeignFilesWithoutWriting) {
  std::string foreign = Path("foreign.db");
  MakeForeignSqlite(foreign);
  ExpectRefused(foreign, OpenMode::kReadWriteCreate, StatusCode::kUnsupported, "not a wirewatch store");
  ExpectRefused(foreign, OpenMode::kReadOnly, StatusCode::kUnsupported, "not a wirewatch store");
  std::string text = Path("notes.db");
  std::ofstream(text) << "just some text, not a database at all\n";
  ExpectRefused(text, OpenMode::kReadWriteCreate, StatusCode::kUnsupported, "not an SQLite database");
  std::string empty = Path("empty.db");
  std::ofstream(empty).flush();
  ExpectRefused(empty, OpenMode::kReadWriteCreate, StatusCode::kUnsupported, "empty file");
  std::string missing = Path("missing.db");
  auto s = OpenSqliteStore(missing, OpenMode::kReadOnly);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(missing));
}

// A finished store, checkpointed into its main file (no -wal left).
std::string MakeStore(StoreTest* t, const std::string& path) {
  {
    auto s = OpenSqliteStore(path, OpenMode::kReadWriteCreate);
    EXPECT_TRUE(s.ok());
    std::vector<StoredRecord> many;
    for (int i = 0; i < 200; ++i) {
      Document d = Doc("r" + std::to_string(i), "titel " + std::to_string(i),
                       {"Een zin over de grens nummer " + std::to_string(i) + "."}, "2022-03-01");
      many.push_back(Stored(d));
    }
    EXPECT_TRUE((*s)->PutBatch(many).ok());
  }
  (void)t;
  EXPECT_FALSE(fs::exists(path + "-wal"));
  return ReadBytes(path);
}

TEST_F(StoreTest, RefusesNewerSchema) {
  std::string db = Path("newer.db");
  MakeStore(this, db);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  ExpectRefused(db, OpenMode::kReadWriteCreate, StatusCode::kUnsupported, "schema version 99");
  ExpectRefused(db, OpenMode::kReadOnly, StatusCode::kUnsupported, "newer");
}

TEST_F(StoreTest, RefusesTruncatedStore) {
  std::string db = Path("cut.db");
  std::string bytes = MakeStore(this, db);
  ASSERT_GT(bytes.size(), 8192u);
  std::ofstream(db, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  ExpectRefused(db, OpenMode::kReadWriteCreate, StatusCode::kCorrupt, "truncated");
  ExpectRefused(db, OpenMode::kReadOnly, StatusCode::kCorrupt, "truncated");
  std::ofstream(db, std::ios::binary | std::ios::trunc).write(bytes.data(), 50);
  ExpectRefused(db, OpenMode::kReadWriteCreate, StatusCode::kCorrupt, "truncated");
}

TEST_F(StoreTest, RefusesCorruptStoreForWriting) {
  std::string db = Path("bad.db");
  std::string bytes = MakeStore(this, db);
  // Garbage over every page but the first: the header still reads as a wirewatch store.
  size_t page = 4096;
  ASSERT_GT(bytes.size(), 3 * page);
  for (size_t i = page; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) & 0xff);
  std::ofstream(db, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ExpectRefused(db, OpenMode::kReadWriteCreate, StatusCode::kCorrupt, "corrupt");
  // Reading opens (checking everything on every query would be too slow) but a query fails
  // with an error, never a crash.
  auto ro = OpenSqliteStore(db, OpenMode::kReadOnly);
  if (ro.ok()) {
    QueryFilter f;
    f.text = "grens";
    auto hits = (*ro)->Search(f);
    EXPECT_FALSE(hits.ok());
    if (!hits.ok()) EXPECT_EQ(hits.status().code(), StatusCode::kCorrupt) << hits.status().message();
  }
  EXPECT_EQ(ReadBytes(db), bytes);
}

TEST_F(StoreTest, RefusesReadOnlyStoreForWriting) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files";
  std::string db = Path("ro.db");
  MakeStore(this, db);
  fs::permissions(db, fs::perms::owner_read);
  ExpectRefused(db, OpenMode::kReadWriteCreate, StatusCode::kIoError, "read-only");
}

// ---- PostgreSQL only: databases that must be refused, and messages without passwords. ----

class PostgresStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    loc_.backend = "postgresql";
    WIREWATCH_REQUIRE_BACKEND(loc_);
  }
  // Runs `sql` in the database at `uri`.
  static void Sql(const std::string& uri, const std::string& sql) {
    PGconn* c = PQconnectdb(uri.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
        << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
  }
};

TEST_F(PostgresStoreTest, RefusesForeignDatabaseWithoutWriting) {
  std::string uri = loc_.Where(Path("foreign"));
  Sql(uri, "CREATE TABLE invoices(x integer); INSERT INTO invoices VALUES (1)");
  for (OpenMode mode : {OpenMode::kReadWriteCreate, OpenMode::kReadOnly}) {
    auto s = OpenStore(uri, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(s.status().message().find("not a wirewatch store"), std::string::npos) << s.status().message();
    EXPECT_EQ(s.status().message().find('\n'), std::string::npos);
  }
  // Nothing was created next to the foreign table.
  auto again = OpenStore(uri, OpenMode::kReadWriteCreate);
  EXPECT_FALSE(again.ok());
  PGconn* c = PQconnectdb(uri.c_str());
  PGresult* r = PQexec(c, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'");
  EXPECT_STREQ(PQgetvalue(r, 0, 0), "1");
  PQclear(r);
  PQfinish(c);
}

TEST_F(PostgresStoreTest, RefusesNewerSchemaAndMissingStore) {
  std::string uri = loc_.Where(Path("newer"));
  auto missing = OpenStore(uri, OpenMode::kReadOnly);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().message();
  {
    auto store = Open(Path("newer"));  // the same database: Open maps the path
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->PutBatch(Fixture()).ok());
  }
  Sql(uri, "UPDATE wirewatch_meta SET value = '99' WHERE key = 'schema_version'");
  for (OpenMode mode : {OpenMode::kReadWriteCreate, OpenMode::kReadOnly}) {
    auto s = OpenStore(uri, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(s.status().message().find("schema version 99"), std::string::npos) << s.status().message();
  }
}

TEST_F(PostgresStoreTest, MessagesNameTheUriWithoutPassword) {
  auto* pg = testing_support::PgCluster::Shared();
  // A closed port: connecting fails, and the message names the URI but not the password.
  std::string uri = "postgresql://wirewatch:s3cret@127.0.0.1:1/nosuchdb?connect_timeout=5";
  auto s = OpenStore(uri, OpenMode::kReadOnly);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().find("s3cret"), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("postgresql://wirewatch@127.0.0.1:1/nosuchdb"), std::string::npos)
      << s.status().message();
  EXPECT_EQ(RedactStoreName("postgres://u:pw@h/db?password=pw&sslmode=disable"),
            "postgres://u@h/db?sslmode=disable");
  // No such database on a running server: a one-line error too.
  auto none = OpenStore(pg->Uri("no_such_database"), OpenMode::kReadWriteCreate);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message().find('\n'), std::string::npos);
}

TEST_F(PostgresStoreTest, TwoOpenersOnAnEmptyDatabaseCreateOneSchema) {
  std::string uri = loc_.Where(Path("race"));
  auto a = OpenStore(uri, OpenMode::kReadWriteCreate);
  auto b = OpenStore(uri, OpenMode::kReadWriteCreate);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_TRUE((*a)->PutBatch({Fixture()[0]}).ok());
  auto put = (*b)->PutBatch(Fixture());
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(put->added, 2);
  EXPECT_EQ(put->existing, 1);
  auto st = (*a)->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->records, 3);
  EXPECT_EQ(st->stories, 3);
}

}  // namespace
}  // namespace wirewatch
