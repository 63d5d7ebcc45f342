// The SQLite backend of Store (store.h): schema, migrations, the guarded open, batched ingest
// and the queries. All SQL of wirewatch lives in this file. Every value a user gives reaches
// SQLite as a bound parameter of a prepared statement; the only text spliced into SQL is fixed
// fragments chosen here. Schema and the reasons behind it: docs/store.md.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "corpus/corpus.h"
#include "store/record_links.h"
#include "store/store.h"
#include "store/store_rows.h"

namespace wirewatch {
namespace {

// "WWDB": PRAGMA application_id of every wirewatch store, so a foreign SQLite file is refused.
constexpr int32_t kApplicationId = 0x57574442;

// PutBatch saves the corpus index after this many corpus additions since the last save, so a
// run killed before its end replays at most this many records on the next start (~5 s).
constexpr uint64_t kSaveCorpusEvery = 20000;

// Migrations, in order: kMigrations[i] takes a store from version i to version i + 1. A store
// of version 0 is new and empty. A new version appends a step here and bumps
// kStoreSchemaVersion; earlier steps never change.
struct Migration {
  const char* description;
  const char* sql;
};

const std::array<Migration, kStoreSchemaVersion> kMigrations = {{
    {"records, sources, entities, quotes, events, times, full-text index", R"sql(
CREATE TABLE migrations(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL,
                        description TEXT NOT NULL);
CREATE TABLE records(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  parent TEXT,
  source TEXT NOT NULL,
  title TEXT,
  published TEXT,
  day TEXT,
  language TEXT,
  duplicate_of TEXT,
  story TEXT,
  json TEXT NOT NULL);
CREATE INDEX records_day ON records(day);
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE TABLE record_sources(
  record INTEGER NOT NULL REFERENCES records(rowid),
  source TEXT NOT NULL,
  PRIMARY KEY(record, source)) WITHOUT ROWID;
CREATE TABLE entities(
  record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  text TEXT NOT NULL, type TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL,
  actor TEXT);
CREATE INDEX entities_record ON entities(record);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE quotes(
  record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  text TEXT NOT NULL, direct INTEGER NOT NULL,
  speaker TEXT NOT NULL, speaker_id TEXT, speaker_actor TEXT, cue TEXT NOT NULL,
  day TEXT, sentence TEXT NOT NULL);
CREATE INDEX quotes_record ON quotes(record);
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
CREATE TABLE events(
  record INTEGER NOT NULL REFERENCES records(rowid),
  sentence_index INTEGER NOT NULL,
  source_text TEXT NOT NULL, source_actor TEXT, source_id TEXT,
  target_text TEXT, target_actor TEXT, target_id TEXT,
  cameo TEXT NOT NULL, root TEXT NOT NULL, goldstein REAL NOT NULL, quad_class INTEGER NOT NULL,
  plover TEXT NOT NULL, trigger_text TEXT NOT NULL, negated INTEGER NOT NULL,
  date TEXT, day TEXT, location TEXT, sentence TEXT NOT NULL);
CREATE INDEX events_record ON events(record);
CREATE INDEX events_pair ON events(source_actor, target_actor, day);
CREATE INDEX events_target ON events(target_actor);
CREATE TABLE times(
  record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL, text TEXT NOT NULL, value TEXT);
CREATE INDEX times_record ON times(record);
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, text, content='', tokenize='unicode61 remove_diacritics 2');
)sql"},
    {"corpus links kept across runs (corpus_adds, corpus_state), stories, mention columns",
     R"sql(
CREATE TABLE corpus_adds(
  seq INTEGER PRIMARY KEY,
  record INTEGER NOT NULL REFERENCES records(rowid),
  source TEXT NOT NULL,
  first INTEGER NOT NULL);
INSERT INTO corpus_adds(record, source, first) SELECT rowid, source, 1 FROM records ORDER BY rowid;
CREATE TABLE corpus_state(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  state BLOB NOT NULL);
CREATE TABLE stories(
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  records INTEGER NOT NULL,
  independent_reports INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  first_published TEXT,
  last_published TEXT,
  central TEXT NOT NULL,
  open INTEGER NOT NULL);
CREATE INDEX stories_last ON stories(last_published);
CREATE INDEX records_story ON records(story);
ALTER TABLE records ADD COLUMN url TEXT;
ALTER TABLE records ADD COLUMN chars INTEGER;
UPDATE records SET url = json_extract(json, '$.url'), chars = length(json_extract(json, '$.text'));
ALTER TABLE events ADD COLUMN source_char INTEGER;
ALTER TABLE events ADD COLUMN target_char INTEGER;
ALTER TABLE events ADD COLUMN trigger_char INTEGER;
)sql"},
    // Search with an actor filter asks, for every full-text match, whether one of the record's
    // ~20 mentions acts for the actor: with the actor in the index that is one seek, not a scan.
    // FTS5 merges its index segments as they accumulate: merging once 16 are on a level
    // instead of 4 costs ~27% less full-text indexing at load, with the same search latency
    // (measured at 20,000 and 100,000 records, docs/performance.md).
    {"entities indexed by record and actor (search with --actor); fewer full-text merges",
     R"sql(
DROP INDEX entities_record;
CREATE INDEX entities_record_actor ON entities(record, actor);
INSERT INTO records_fts(records_fts, rank) VALUES('automerge', 16);
)sql"},
}};

// Converts an SQLite failure to a Status naming the store file.
Status SqlError(sqlite3* db, int rc, const std::string& path, const std::string& what) {
  int code = rc & 0xff;
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string prefix = path + ": " + (what.empty() ? "" : what + ": ");
  switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Corrupt(prefix + "corrupt or not a wirewatch store (" + detail + ")");
    case SQLITE_READONLY:
      return IoError(prefix + "store is read-only (" + detail + ")");
    case SQLITE_FULL:
      return IoError(prefix + "disk full; the last batch was rolled back (" + detail + ")");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IoError(prefix + "store is locked by another process (" + detail + ")");
    case SQLITE_CANTOPEN:
      return IoError(prefix + "cannot open (" + detail + ")");
    default:
      return IoError(prefix + detail);
  }
}

// A prepared statement; finalised on destruction.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  int Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    return sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, const std::optional<std::string>& v) {
    if (v) Bind(i, std::string_view(*v));
    else sqlite3_bind_null(stmt_, i);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, const std::optional<int64_t>& v) {
    if (v) Bind(i, *v);
    else sqlite3_bind_null(stmt_, i);
  }
  void BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC);
  }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  int Step() { return sqlite3_step(stmt_); }

  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::optional<std::string> OptText(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return Text(col);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<int64_t> OptInt(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return Int(col);
  }
  std::string_view Blob(int col) const {
    const void* b = sqlite3_column_blob(stmt_, col);
    return b ? std::string_view(static_cast<const char*>(b),
                                static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

using store_rows::CharOffsets;
using store_rows::Day;
using store_rows::QuadClass;
using store_rows::SentenceAt;
using store_rows::SpanText;

// Checks the bytes of an existing file before SQLite sees it, so a foreign, empty or truncated
// file is named as such and never touched.
Status CheckFileHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot read");
  std::array<unsigned char, 100> h{};
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  std::streamsize got = in.gcount();
  if (got == 0) return Unsupported(path + ": empty file, not a wirewatch store");
  if (got < 16 || std::memcmp(h.data(), "SQLite format 3", 16) != 0)
    return Unsupported(path + ": not a wirewatch store (not an SQLite database)");
  if (got < 100) return Corrupt(path + ": truncated store (" + std::to_string(got) + " bytes)");
  auto be32 = [&](int at) {
    return (uint32_t(h[at]) << 24) | (uint32_t(h[at + 1]) << 16) | (uint32_t(h[at + 2]) << 8) |
           uint32_t(h[at + 3]);
  };
  uint32_t page_size = (uint32_t(h[16]) << 8) | h[17];
  if (page_size == 1) page_size = 65536;
  uint32_t pages = be32(28);
  bool pages_valid = be32(24) == be32(92);
  // Pages still in the write-ahead log may lie beyond the main file's end; only a store with
  // no log content must be as long as its header says.
  struct stat wal {};
  bool wal_has_pages = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 32;
  struct stat st {};
  if (pages_valid && !wal_has_pages && ::stat(path.c_str(), &st) == 0 &&
      static_cast<uint64_t>(st.st_size) < uint64_t(pages) * page_size) {
    return Corrupt(path + ": truncated store (" + std::to_string(st.st_size) + " of " +
                   std::to_string(uint64_t(pages) * page_size) + " bytes)");
  }
  return Status::Ok();
}

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Exec(const std::string& sql, const std::string& what) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? Status::Ok() : SqlError(db_, rc, path_, what);
  }

  StatusOr<int64_t> QueryInt(const std::string& sql) {
    Statement s;
    int rc = s.Prepare(db_, sql);
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "");
    rc = s.Step();
    if (rc != SQLITE_ROW) return SqlError(db_, rc, path_, "");
    return s.Int(0);
  }

  // Brings a store of `version` to kStoreSchemaVersion, each step in its own transaction.
  Status Migrate(int64_t version) {
    for (int64_t v = version; v < kStoreSchemaVersion; ++v) {
      const Migration& m = kMigrations[static_cast<size_t>(v)];
      if (Status s = Exec("BEGIN IMMEDIATE", "migration"); !s.ok()) return s;
      std::string sql = m.sql;
      if (v == 0) sql += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";\n";
      sql += "PRAGMA user_version = " + std::to_string(v + 1) + ";\n";
      Status s = Exec(sql, "migration to schema " + std::to_string(v + 1));
      if (s.ok()) {
        Statement ins;
        int rc = ins.Prepare(db_, "INSERT INTO migrations(version, applied_at, description) "
                                  "VALUES(?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?)");
        if (rc == SQLITE_OK) {
          ins.Bind(1, v + 1);
          ins.Bind(2, std::string_view(m.description));
          rc = ins.Step();
        }
        if (rc != SQLITE_DONE) s = SqlError(db_, rc, path_, "migration");
      }
      if (!s.ok()) {
        (void)Exec("ROLLBACK", "");
        return s;
      }
      if (Status c = Exec("COMMIT", "migration"); !c.ok()) return c;
    }
    return Status::Ok();
  }

  Status PrepareWrites() {
    const std::pair<Statement*, const char*> statements[] = {
        {&insert_record_,
         "INSERT INTO records(id, kind, parent, source, title, published, day, language, "
         "duplicate_of, story, json, url, chars) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?) "
         "ON CONFLICT(id) DO NOTHING"},
        {&insert_add_, "INSERT INTO corpus_adds(record, source, first) VALUES(?, ?, ?)"},
        {&upsert_story_,
         "INSERT INTO stories(id, title, records, independent_reports, sources, first_published, "
         "last_published, central, open) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
         "title = excluded.title, records = excluded.records, "
         "independent_reports = excluded.independent_reports, sources = excluded.sources, "
         "first_published = excluded.first_published, last_published = excluded.last_published, "
         "central = excluded.central, open = excluded.open"},
        {&find_record_, "SELECT rowid FROM records WHERE id = ?"},
        {&insert_source_, "INSERT OR IGNORE INTO record_sources(record, source) VALUES(?, ?)"},
        {&insert_entity_,
         "INSERT INTO entities(record, start_byte, end_byte, text, type, entity_id, name, actor) "
         "VALUES(?,?,?,?,?,?,?,?)"},
        {&insert_quote_,
         "INSERT INTO quotes(record, start_byte, end_byte, text, direct, speaker, speaker_id, "
         "speaker_actor, cue, day, sentence) VALUES(?,?,?,?,?,?,?,?,?,?,?)"},
        {&insert_event_,
         "INSERT INTO events(record, sentence_index, source_text, source_actor, source_id, "
         "target_text, target_actor, target_id, cameo, root, goldstein, quad_class, plover, "
         "trigger_text, negated, date, day, location, sentence, source_char, target_char, "
         "trigger_char) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&insert_time_,
         "INSERT INTO times(record, start_byte, end_byte, text, value) VALUES(?,?,?,?,?)"},
        {&insert_fts_, "INSERT INTO records_fts(rowid, title, text) VALUES(?,?,?)"},
    };
    for (const auto& [stmt, sql] : statements) {
      int rc = stmt->Prepare(db_, sql);
      if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "preparing statements");
    }
    return Status::Ok();
  }

  StatusOr<PutResult> PutBatch(const std::vector<StoredRecord>& records) override {
    if (Status s = EnsureCorpus(); !s.ok()) return s;
    if (Status s = Exec("BEGIN IMMEDIATE", "starting a batch"); !s.ok()) return s;
    PutResult result;
    const uint64_t adds_before = corpus_->stories().adds();
    Status s = PutAll(records, result);
    if (s.ok()) s = PutStories(corpus_->stories().SummariesSince(adds_before, false));
    // A long run saves the index on its own now and then, so a killed run replays little.
    if (s.ok() && corpus_->stories().adds() - saved_adds_ >= kSaveCorpusEvery) s = SaveSnapshot();
    if (s.ok()) s = Exec("COMMIT", "committing a batch");
    if (!s.ok()) {
      (void)Exec("ROLLBACK", "");
      // The index took records the store no longer holds: rebuild it from the store.
      corpus_.reset();
      return s;
    }
    return result;
  }

  // Inserts into the open transaction; stops at the first failure.
  Status PutAll(const std::vector<StoredRecord>& records, PutResult& result) {
    auto fail = [&](int rc) { return SqlError(db_, rc, path_, "storing records"); };
    const int shingle_words = corpus_->duplicates().options().shingle_words;
    for (const StoredRecord& r : records) {
      const Document& d = r.document;
      int rc;
      find_record_.Reset();
      find_record_.Bind(1, std::string_view(d.id));
      rc = find_record_.Step();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(rc);
      int64_t rowid = rc == SQLITE_ROW ? find_record_.Int(0) : 0;
      bool is_new = rc == SQLITE_DONE;
      if (is_new) {
        CorpusLinks links =
            corpus_->Link(d, r.signature && r.signature_shingle_words == shingle_words
                                 ? *r.signature
                                 : ComputeSignature(d.text, shingle_words));
        std::string json = WithCorpusLinks(r.json, links.duplicate_of, links.story);
        Statement& ins = insert_record_;
        ins.Reset();
        ins.Bind(1, std::string_view(d.id));
        ins.Bind(2, std::string_view(d.kind == DocumentKind::kBrief ? "brief" : "article"));
        ins.Bind(3, d.parent);
        ins.Bind(4, std::string_view(d.source));
        ins.Bind(5, d.title);
        ins.Bind(6, d.published);
        ins.Bind(7, Day(d.published));
        ins.Bind(8, std::string_view(d.language));
        ins.Bind(9, links.duplicate_of);
        ins.Bind(10, std::string_view(links.story));
        ins.Bind(11, std::string_view(json));
        ins.Bind(12, d.url);
        CharOffsets chars(d.text);
        ins.Bind(13, chars.total());
        if ((rc = ins.Step()) != SQLITE_DONE) return fail(rc);
        rowid = sqlite3_last_insert_rowid(db_);
        if (Status s = PutRows(rowid, d, chars); !s.ok()) return s;
        ++result.added;
      } else {
        ++result.existing;
      }
      insert_source_.Reset();
      insert_source_.Bind(1, rowid);
      insert_source_.Bind(2, std::string_view(d.source));
      if ((rc = insert_source_.Step()) != SQLITE_DONE) return fail(rc);
      // A record seen again at a new place is one more copy in its story (as analyze counts
      // it); seen again at a known place (a re-run), nothing.
      if (!is_new && sqlite3_changes(db_) == 0) continue;
      if (!is_new) (void)corpus_->Link(d, MinHashSignature{});  // a known id: no signature needed
      insert_add_.Reset();
      insert_add_.Bind(1, rowid);
      insert_add_.Bind(2, std::string_view(d.source));
      insert_add_.Bind(3, int64_t{is_new ? 1 : 0});
      if ((rc = insert_add_.Step()) != SQLITE_DONE) return fail(rc);
      last_seq_ = sqlite3_last_insert_rowid(db_);
    }
    return Status::Ok();
  }

  // Writes story rows (upserts) into the open transaction.
  Status PutStories(const std::vector<StorySummary>& stories) {
    for (const StorySummary& story : stories) {
      Statement& s = upsert_story_;
      s.Reset();
      s.Bind(1, std::string_view(story.id)), s.Bind(2, std::string_view(story.title));
      s.Bind(3, static_cast<int64_t>(story.records));
      s.Bind(4, static_cast<int64_t>(story.independent_reports));
      s.Bind(5, static_cast<int64_t>(story.sources));
      s.Bind(6, story.first_published), s.Bind(7, story.last_published);
      s.Bind(8, std::string_view(story.central)), s.Bind(9, int64_t{story.open ? 1 : 0});
      if (int rc = s.Step(); rc != SQLITE_DONE) return SqlError(db_, rc, path_, "storing stories");
    }
    return Status::Ok();
  }

  // The corpus index state as of corpus_adds row `last_seq_`, and every story row that may
  // have changed since the last save (open stories' titles follow the idf), into the open
  // transaction. After it, the stories table equals the index's summaries.
  Status SaveSnapshot() {
    if (Status s = PutStories(corpus_->stories().SummariesSince(saved_adds_, true)); !s.ok())
      return s;
    std::string state = corpus_->Serialize();
    Statement st;
    int rc = st.Prepare(db_, "INSERT OR REPLACE INTO corpus_state(id, seq, state) VALUES(1, ?, ?)");
    if (rc == SQLITE_OK) {
      st.Bind(1, last_seq_);
      st.BindBlob(2, state);
      rc = st.Step();
    }
    if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, "saving the corpus index");
    saved_adds_ = corpus_->stories().adds();
    return Status::Ok();
  }

  Status SaveCorpus() override {
    if (!corpus_ || corpus_->stories().adds() == saved_adds_) return Status::Ok();
    if (Status s = Exec("BEGIN IMMEDIATE", "saving the corpus index"); !s.ok()) return s;
    Status s = SaveSnapshot();
    if (s.ok()) s = Exec("COMMIT", "saving the corpus index");
    if (!s.ok()) {
      (void)Exec("ROLLBACK", "");
      corpus_.reset();
    }
    return s;
  }

  // Restores the corpus index on first use: the saved state, then every corpus_adds row after
  // it replayed in order (a run killed before it saved, or a store migrated from schema 1,
  // whose records are linked here for the first time: their rows and JSON get the store's
  // duplicate_of and story where these differ from what they carried).
  Status EnsureCorpus() {
    if (corpus_) return Status::Ok();
    auto corpus = std::make_unique<CorpusIndex>();
    int64_t seq = 0;
    {
      Statement st;
      int rc = st.Prepare(db_, "SELECT seq, state FROM corpus_state WHERE id = 1");
      if (rc == SQLITE_OK) rc = st.Step();
      if (rc == SQLITE_ROW) {
        // A state this build cannot read (damaged, other options) is rebuilt from the records.
        if (corpus->Restore(st.Blob(1))) seq = st.Int(0);
        else corpus = std::make_unique<CorpusIndex>();
      } else if (rc != SQLITE_DONE) {
        return SqlError(db_, rc, path_, "reading the corpus index");
      }
    }
    const uint64_t restored_adds = corpus->stories().adds();
    auto last = QueryInt("SELECT COALESCE(MAX(seq), 0) FROM corpus_adds");
    if (!last.ok()) return last.status();
    last_seq_ = *last;
    corpus_ = std::move(corpus);
    saved_adds_ = restored_adds;
    if (seq >= last_seq_) return Status::Ok();
    if (Status s = Exec("BEGIN IMMEDIATE", "linking stored records"); !s.ok()) {
      corpus_.reset();
      return s;
    }
    Status s = Replay(seq);
    if (s.ok()) s = SaveSnapshot();
    if (s.ok()) s = Exec("COMMIT", "linking stored records");
    if (!s.ok()) {
      (void)Exec("ROLLBACK", "");
      corpus_.reset();
    }
    return s;
  }

  // Adds corpus_adds rows after `seq` to the index, in chunks (a schema-1 store may hold every
  // record here), rewriting records whose stored links differ from the index's.
  Status Replay(int64_t seq) {
    Statement select, update;
    int rc = select.Prepare(db_,
        "SELECT a.seq, a.record, a.source, a.first, r.json, r.duplicate_of, r.story "
        "FROM corpus_adds a JOIN records r ON r.rowid = a.record WHERE a.seq > ? "
        "ORDER BY a.seq LIMIT 1000");
    if (rc == SQLITE_OK)
      rc = update.Prepare(db_, "UPDATE records SET duplicate_of = ?, story = ?, json = ? WHERE rowid = ?");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "linking stored records");
    const int shingle_words = corpus_->duplicates().options().shingle_words;
    struct Row {
      int64_t seq, record;
      std::string source;
      bool first;
      std::string json;
      std::optional<std::string> duplicate_of, story;
    };
    for (;;) {
      std::vector<Row> rows;
      select.Reset();
      select.Bind(1, seq);
      while ((rc = select.Step()) == SQLITE_ROW)
        rows.push_back({select.Int(0), select.Int(1), select.Text(2), select.Int(3) != 0,
                        select.Text(4), select.OptText(5), select.OptText(6)});
      if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, "linking stored records");
      if (rows.empty()) return Status::Ok();
      for (Row& row : rows) {
        seq = row.seq;
        auto record = ParseStoredRecord(row.json, path_ + ": stored record " + std::to_string(row.record));
        if (!record.ok()) return Corrupt(record.status().message());
        Document& d = record->document;
        d.source = row.source;
        if (!row.first) {
          (void)corpus_->Link(d, MinHashSignature{});
          continue;
        }
        CorpusLinks links = corpus_->Link(d, ComputeSignature(d.text, shingle_words));
        if (links.duplicate_of == row.duplicate_of && links.story == row.story) continue;
        update.Reset();
        update.Bind(1, links.duplicate_of), update.Bind(2, std::string_view(links.story));
        update.Bind(3, std::string_view(WithCorpusLinks(record->json, links.duplicate_of, links.story)));
        update.Bind(4, row.record);
        if ((rc = update.Step()) != SQLITE_DONE) return SqlError(db_, rc, path_, "linking stored records");
      }
    }
  }

  Status PutRows(int64_t rowid, const Document& d, const CharOffsets& chars) {
    auto fail = [&](int rc) { return SqlError(db_, rc, path_, "storing " + d.id); };
    int rc;
    std::optional<std::string> day = Day(d.published);
    for (const EntityMention& e : d.entities) {
      Statement& s = insert_entity_;
      s.Reset();
      s.Bind(1, rowid), s.Bind(2, int64_t{e.span.start}), s.Bind(3, int64_t{e.span.end});
      s.Bind(4, std::string_view(e.text)), s.Bind(5, std::string_view(e.type));
      s.Bind(6, std::string_view(e.id)), s.Bind(7, std::string_view(e.name)), s.Bind(8, e.actor);
      if ((rc = s.Step()) != SQLITE_DONE) return fail(rc);
    }
    for (const Quote& q : d.quotes) {
      Statement& s = insert_quote_;
      s.Reset();
      s.Bind(1, rowid), s.Bind(2, int64_t{q.span.start}), s.Bind(3, int64_t{q.span.end});
      s.Bind(4, std::string_view(q.text)), s.Bind(5, int64_t{q.direct});
      s.Bind(6, std::string_view(q.speaker)), s.Bind(7, q.speaker_id), s.Bind(8, q.speaker_actor);
      s.Bind(9, std::string_view(q.cue)), s.Bind(10, day);
      s.Bind(11, std::string_view(SentenceAt(d, q.span.start)));
      if ((rc = s.Step()) != SQLITE_DONE) return fail(rc);
    }
    for (const Event& e : d.events) {
      Statement& s = insert_event_;
      s.Reset();
      s.Bind(1, rowid), s.Bind(2, int64_t{e.sentence});
      s.Bind(3, std::string_view(e.source.text)), s.Bind(4, e.source.actor), s.Bind(5, e.source.id);
      if (e.target) {
        s.Bind(6, std::string_view(e.target->text)), s.Bind(7, e.target->actor);
        s.Bind(8, e.target->id);
      }
      s.Bind(9, std::string_view(e.cameo)), s.Bind(10, std::string_view(e.root));
      s.Bind(11, e.goldstein), s.Bind(12, int64_t{QuadClass(e.root)});
      s.Bind(13, std::string_view(e.plover)), s.Bind(14, std::string_view(e.trigger));
      s.Bind(15, int64_t{e.negated}), s.Bind(16, e.date);
      std::optional<std::string> event_day = Day(e.date);
      s.Bind(17, event_day ? event_day : day);
      s.Bind(18, e.location);
      std::string sentence =
          e.sentence < d.sentences.size() ? SpanText(d.text, d.sentences[e.sentence]) : "";
      s.Bind(19, std::string_view(sentence));
      if (e.source.span) s.Bind(20, chars.At(e.source.span->start));
      if (e.target && e.target->span) s.Bind(21, chars.At(e.target->span->start));
      if (e.trigger_span) s.Bind(22, chars.At(e.trigger_span->start));
      if ((rc = s.Step()) != SQLITE_DONE) return fail(rc);
    }
    for (const TimeExpression& t : d.times) {
      Statement& s = insert_time_;
      s.Reset();
      s.Bind(1, rowid), s.Bind(2, int64_t{t.span.start}), s.Bind(3, int64_t{t.span.end});
      s.Bind(4, std::string_view(t.text)), s.Bind(5, t.value);
      if ((rc = s.Step()) != SQLITE_DONE) return fail(rc);
    }
    Statement& f = insert_fts_;
    f.Reset();
    f.Bind(1, rowid), f.Bind(2, d.title), f.Bind(3, std::string_view(d.text));
    if ((rc = f.Step()) != SQLITE_DONE) return fail(rc);
    return Status::Ok();
  }

  StatusOr<StoreStats> Stats() override {
    StoreStats st;
    Statement s;
    int rc = s.Prepare(db_,
                       "SELECT COUNT(*), TOTAL(kind = 'article'), TOTAL(kind = 'brief'), "
                       "(SELECT COUNT(*) FROM stories), TOTAL(duplicate_of IS NOT NULL) FROM records");
    if (rc != SQLITE_OK || (rc = s.Step()) != SQLITE_ROW) return SqlError(db_, rc, path_, "stats");
    st.records = s.Int(0), st.articles = s.Int(1), st.briefs = s.Int(2), st.stories = s.Int(3);
    st.duplicates = s.Int(4);
    const std::pair<int64_t*, const char*> counts[] = {
        {&st.entities, "SELECT COUNT(*) FROM entities"},
        {&st.quotes, "SELECT COUNT(*) FROM quotes"},
        {&st.events, "SELECT COUNT(*) FROM events"},
        {&st.sources, "SELECT COUNT(DISTINCT source) FROM record_sources"},
    };
    for (const auto& [out, sql] : counts) {
      auto v = QueryInt(sql);
      if (!v.ok()) return v.status();
      *out = *v;
    }
    return st;
  }

  // WHERE fragments and their bound values, built from fixed text only.
  struct Where {
    std::string sql;
    std::vector<std::string> values;
    void Add(const std::string& fragment, std::initializer_list<std::string> vs) {
      sql += " AND " + fragment;
      values.insert(values.end(), vs);
    }
  };

  StatusOr<std::string> Match(const QueryFilter& f) {
    std::string match = FtsQueryFromWords(f.text);
    if (match.empty() && !f.text.empty()) return InvalidArgument("query holds no word: " + f.text);
    return match;
  }

  static constexpr const char* kEntityRecords =
      "EXISTS (SELECT 1 FROM entities e WHERE e.record = r.rowid AND "
      "(e.name = ? COLLATE NOCASE OR e.entity_id = ?))";

  // Per-record checks rather than IN (subquery): the record scan (bm25 or newest first) stops
  // at the limit, where a subquery would first collect every record of a common actor.
  static constexpr const char* kEventExists =
      "EXISTS (SELECT 1 FROM events x WHERE x.record = r.rowid AND ";

  // Filters every query kind shares, on the record `r`.
  void RecordFilters(const QueryFilter& f, const std::string& match, Where& w) {
    if (!match.empty())
      w.Add("r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)", {match});
    if (!f.kind.empty()) w.Add("r.kind = ?", {f.kind});
  }

  // The filters of `search` on the record `r` (all but the text, which each caller places).
  static void RecordLevelFilters(const QueryFilter& f, Where& w) {
    if (!f.kind.empty()) w.Add("r.kind = ?", {f.kind});
    if (!f.entity.empty()) w.Add(kEntityRecords, {f.entity, f.entity});
    if (!f.actor.empty())
      w.Add("(EXISTS (SELECT 1 FROM entities e WHERE e.record = r.rowid AND e.actor = ?) OR "
            "EXISTS (SELECT 1 FROM events x WHERE x.record = r.rowid AND "
            "(x.source_actor = ? OR x.target_actor = ?)))",
            {f.actor, f.actor, f.actor});
    if (!f.source_actor.empty())
      w.Add(kEventExists + std::string("x.source_actor = ?)"), {f.source_actor});
    if (!f.target_actor.empty())
      w.Add(kEventExists + std::string("x.target_actor = ?)"), {f.target_actor});
    if (!f.root.empty()) w.Add(kEventExists + std::string("x.root = ?)"), {f.root});
    if (!f.from.empty()) w.Add("r.day >= ?", {f.from.substr(0, 10)});
    if (!f.to.empty()) w.Add("r.day <= ?", {f.to.substr(0, 10)});
  }

  // Runs `sql` (ending in "LIMIT ? OFFSET ?") with the filter values, then limit and offset.
  template <typename Row>
  StatusOr<std::vector<Row>> Run(const std::string& sql, const Where& w, int64_t limit,
                                 int64_t offset, Row (*read)(const Statement&), const char* what) {
    Statement s;
    int rc = s.Prepare(db_, sql);
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, what);
    int i = 1;
    for (const std::string& v : w.values) s.Bind(i++, std::string_view(v));
    s.Bind(i++, limit > 0 ? limit : int64_t{-1});
    s.Bind(i, std::max<int64_t>(0, offset));
    std::vector<Row> rows;
    while ((rc = s.Step()) == SQLITE_ROW) rows.push_back(read(s));
    if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, what);
    return rows;
  }

  // The number of rows `sql` (a SELECT without LIMIT) gives with the filter values.
  StatusOr<int64_t> CountRows(const std::string& sql, const Where& w, const char* what) {
    Statement s;
    int rc = s.Prepare(db_, "SELECT COUNT(*) FROM (" + sql + ")");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, what);
    int i = 1;
    for (const std::string& v : w.values) s.Bind(i++, std::string_view(v));
    if ((rc = s.Step()) != SQLITE_ROW) return SqlError(db_, rc, path_, what);
    return s.Int(0);
  }

  // The records Search finds, as "SELECT r.rowid AS rid, ... AS score FROM ... WHERE ..." with
  // its bound values in `w`, and the order Search lists them in.
  struct Selection {
    std::string sql, order;
    std::string inner_order;  // the order inside `sql`'s own columns (rid, score)
    Where w;
  };
  StatusOr<Selection> SearchSelection(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Selection sel;
    Where& w = sel.w;
    std::string& sql = sel.sql;
    if (!match->empty()) {
      w.values.push_back(*match);
      sql = "SELECT r.rowid AS rid, bm25(records_fts, 2.0, 1.0) AS score "
            "FROM records_fts JOIN records r ON r.rowid = records_fts.rowid "
            "WHERE records_fts MATCH ?";
    } else {
      sql = "SELECT r.rowid AS rid, 0.0 AS score FROM records r WHERE 1";
    }
    RecordLevelFilters(f, w);
    // Words alone: rank in the full-text index without touching `records` for every match
    // (a common word matches tens of thousands); only the rows kept are joined.
    if (!match->empty() && w.sql.empty())
      sql = "SELECT rowid AS rid, bm25(records_fts, 2.0, 1.0) AS score FROM records_fts "
            "WHERE records_fts MATCH ?";
    sql += w.sql;
    sel.order = match->empty() ? "r.day DESC, r.rowid DESC" : "score, r.rowid";
    // Ranked inside the full-text index alone, `r` is not joined there: order by its columns.
    sel.inner_order = match->empty() ? sel.order : "score, rid";
    return sel;
  }

  StatusOr<std::vector<SearchHit>> SearchRows(const QueryFilter& f, int64_t offset,
                                              int64_t* total) {
    auto sel = SearchSelection(f);
    if (!sel.ok()) return sel.status();
    // The ranked (or newest-first) selection reads only ids and small columns; the record JSON
    // (kilobytes, on overflow pages) is read for the rows kept, not for every match the sort
    // sees: at 100,000 records that was most of a common word's search time.
    const std::string& order = sel->order;
    std::string sql = "SELECT r.id, r.kind, r.source, r.title, r.published, h.score, r.json FROM (" +
                      sel->sql + " ORDER BY " + sel->inner_order +
                      " LIMIT ? OFFSET ?) h JOIN records r ON r.rowid = h.rid ORDER BY " + order;
    if (total != nullptr) {
      auto n = CountRows(sel->sql, sel->w, "search");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    return Run<SearchHit>(sql, sel->w, f.limit, offset, &ReadHit, "search");
  }

  static SearchHit ReadHit(const Statement& s) {
    SearchHit h;
    h.id = s.Text(0), h.kind = s.Text(1), h.source = s.Text(2);
    h.title = s.OptText(3), h.published = s.OptText(4), h.score = s.Double(5);
    h.json = s.Text(6);
    return h;
  }

  StatusOr<std::vector<SearchHit>> Search(const QueryFilter& f) override {
    return SearchRows(f, 0, nullptr);
  }

  static constexpr const char* kEventSelect =
      "SELECT r.id, ev.day, ev.source_text, ev.source_actor, ev.target_text, ev.target_actor, "
      "ev.cameo, ev.root, ev.plover, ev.trigger_text, ev.goldstein, ev.quad_class, ev.negated, "
      "ev.sentence";
  static constexpr const char* kEventFrom = " FROM events ev JOIN records r ON r.rowid = ev.record";

  static EventRow ReadEvent(const Statement& s) {
    EventRow e;
    e.record_id = s.Text(0), e.date = s.OptText(1), e.source_text = s.Text(2);
    e.source_actor = s.OptText(3), e.target_text = s.OptText(4), e.target_actor = s.OptText(5);
    e.cameo = s.Text(6), e.root = s.Text(7), e.plover = s.Text(8), e.trigger = s.Text(9);
    e.goldstein = s.Double(10), e.quad_class = static_cast<int>(s.Int(11));
    e.negated = s.Int(12) != 0, e.sentence = s.Text(13);
    return e;
  }

  // The WHERE conditions (after "WHERE 1") of Events on `ev` and `r`.
  StatusOr<Where> EventWhere(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Where w;
    RecordFilters(f, *match, w);
    if (!f.entity.empty())
      w.Add("(ev.source_id = ? OR ev.target_id = ? OR ev.source_id IN (SELECT entity_id FROM "
            "entities WHERE name = ? COLLATE NOCASE) OR ev.target_id IN (SELECT entity_id FROM "
            "entities WHERE name = ? COLLATE NOCASE))",
            {f.entity, f.entity, f.entity, f.entity});
    if (!f.actor.empty()) w.Add("(ev.source_actor = ? OR ev.target_actor = ?)", {f.actor, f.actor});
    if (!f.source_actor.empty()) w.Add("ev.source_actor = ?", {f.source_actor});
    if (!f.target_actor.empty()) w.Add("ev.target_actor = ?", {f.target_actor});
    if (!f.root.empty()) w.Add("ev.root = ?", {f.root});
    if (!f.from.empty()) w.Add("ev.day >= ?", {f.from.substr(0, 10)});
    if (!f.to.empty()) w.Add("ev.day <= ?", {f.to.substr(0, 10)});
    return w;
  }

  StatusOr<std::vector<EventRow>> EventRows(const QueryFilter& f, int64_t offset, int64_t* total) {
    auto w = EventWhere(f);
    if (!w.ok()) return w.status();
    if (total != nullptr) {
      auto n = CountRows(std::string("SELECT 1") + kEventFrom + " WHERE 1" + w->sql, *w, "events");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    std::string sql = std::string(kEventSelect) + kEventFrom + " WHERE 1" + w->sql +
                      " ORDER BY ev.day, r.rowid, ev.rowid LIMIT ? OFFSET ?";
    return Run<EventRow>(sql, *w, f.limit, offset, &ReadEvent, "events");
  }

  StatusOr<std::vector<EventRow>> Events(const QueryFilter& f) override {
    return EventRows(f, 0, nullptr);
  }

  // The WHERE conditions (after "WHERE 1") of Quotes on `q` and `r`.
  StatusOr<Where> QuoteWhere(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Where w;
    RecordFilters(f, *match, w);
    if (!f.entity.empty())
      w.Add("(q.speaker = ? COLLATE NOCASE OR q.speaker_id = ?)", {f.entity, f.entity});
    if (!f.actor.empty()) w.Add("q.speaker_actor = ?", {f.actor});
    if (!f.source_actor.empty()) w.Add("q.speaker_actor = ?", {f.source_actor});
    if (!f.target_actor.empty())
      w.Add(kEventExists + std::string("x.target_actor = ?)"), {f.target_actor});
    if (!f.root.empty()) w.Add(kEventExists + std::string("x.root = ?)"), {f.root});
    if (!f.from.empty()) w.Add("q.day >= ?", {f.from.substr(0, 10)});
    if (!f.to.empty()) w.Add("q.day <= ?", {f.to.substr(0, 10)});
    return w;
  }

  static constexpr const char* kQuoteFrom = " FROM quotes q JOIN records r ON r.rowid = q.record";

  StatusOr<std::vector<QuoteRow>> QuoteRows(const QueryFilter& f, int64_t offset, int64_t* total) {
    auto w = QuoteWhere(f);
    if (!w.ok()) return w.status();
    if (total != nullptr) {
      auto n = CountRows(std::string("SELECT 1") + kQuoteFrom + " WHERE 1" + w->sql, *w, "quotes");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    std::string sql =
        std::string("SELECT r.id, q.day, q.text, q.speaker, q.cue, q.speaker_actor, q.direct, "
                    "q.sentence") +
        kQuoteFrom + " WHERE 1" + w->sql + " ORDER BY q.day, r.rowid, q.rowid LIMIT ? OFFSET ?";
    return Run<QuoteRow>(sql, *w, f.limit, offset, [](const Statement& s) {
      QuoteRow q;
      q.record_id = s.Text(0), q.date = s.OptText(1), q.text = s.Text(2), q.speaker = s.Text(3);
      q.cue = s.Text(4), q.speaker_actor = s.OptText(5), q.direct = s.Int(6) != 0;
      q.sentence = s.Text(7);
      return q;
    }, "quotes");
  }

  StatusOr<std::vector<QuoteRow>> Quotes(const QueryFilter& f) override {
    return QuoteRows(f, 0, nullptr);
  }

  StatusOr<std::vector<TimelinePoint>> Timeline(const std::string& a, const std::string& b,
                                                Period by, std::vector<EventRow>* rows) override {
    const char* period = by == Period::kDay    ? "ev.day"
                         : by == Period::kWeek ? "date(ev.day, '-6 days', 'weekday 1')"
                                               : "substr(ev.day, 1, 7)";
    // Independent reports only: events of a record marked as a copy of another are left out.
    const std::string where =
        " WHERE ev.negated = 0 AND ev.day IS NOT NULL AND r.duplicate_of IS NULL AND "
        "((ev.source_actor = ?1 AND ev.target_actor = ?2) OR "
        "(ev.source_actor = ?2 AND ev.target_actor = ?1))";
    std::string sql = std::string("SELECT ") + period +
                      " AS period, CASE WHEN ev.source_actor = ?1 THEN 'A->B' ELSE 'B->A' END AS "
                      "direction, COUNT(*), COUNT(DISTINCT r.rowid), TOTAL(ev.goldstein), "
                      "AVG(ev.goldstein), TOTAL(ev.quad_class = 1), TOTAL(ev.quad_class = 2), "
                      "TOTAL(ev.quad_class = 3), TOTAL(ev.quad_class = 4) "
                      "FROM events ev JOIN records r ON r.rowid = ev.record" +
                      where + " GROUP BY period, direction ORDER BY period, direction";
    Statement s;
    int rc = s.Prepare(db_, sql);
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "timeline");
    s.Bind(1, std::string_view(a));
    s.Bind(2, std::string_view(b));
    std::vector<TimelinePoint> points;
    while ((rc = s.Step()) == SQLITE_ROW) {
      TimelinePoint p;
      p.period = s.Text(0), p.direction = s.Text(1), p.events = s.Int(2), p.sources = s.Int(3);
      p.goldstein_sum = s.Double(4), p.goldstein_mean = s.Double(5);
      for (int q = 0; q < 4; ++q) p.quad[q] = s.Int(6 + q);
      points.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, "timeline");
    if (rows != nullptr) {
      Statement e;
      std::string esql = std::string(kEventSelect) + ", " + period +
                         ", CASE WHEN ev.source_actor = ?1 THEN 'A->B' ELSE 'B->A' END" +
                         kEventFrom + where + " ORDER BY ev.day, r.rowid, ev.rowid";
      if ((rc = e.Prepare(db_, esql)) != SQLITE_OK) return SqlError(db_, rc, path_, "timeline");
      e.Bind(1, std::string_view(a));
      e.Bind(2, std::string_view(b));
      while ((rc = e.Step()) == SQLITE_ROW) {
        rows->push_back(ReadEvent(e));
        rows->back().period = e.Text(14);
        rows->back().direction = e.Text(15);
      }
      if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, "timeline");
    }
    return points;
  }

  Status ExportEvents(const std::function<void(const EventRow&)>& visit) override {
    // Copies are records whose duplicate_of names this one; their pages count as sources.
    std::string sql = std::string(kEventSelect) +
                      ", ev.rowid, ev.sentence_index, ev.location, r.published, r.source, "
                      "1 + (SELECT COUNT(*) FROM records c WHERE c.duplicate_of = r.id), "
                      "(SELECT COUNT(DISTINCT s.source) FROM record_sources s WHERE s.record = r.rowid "
                      "OR s.record IN (SELECT c.rowid FROM records c WHERE c.duplicate_of = r.id))" +
                      kEventFrom + " WHERE ev.negated = 0 AND r.duplicate_of IS NULL ORDER BY ev.rowid";
    Statement s;
    int rc = s.Prepare(db_, sql);
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "export");
    while ((rc = s.Step()) == SQLITE_ROW) {
      EventRow e = ReadEvent(s);
      e.event_id = s.Int(14), e.sentence_index = s.Int(15), e.location = s.OptText(16);
      e.published = s.OptText(17), e.record_source = s.Text(18);
      e.articles = s.Int(19), e.sources = std::max<int64_t>(1, s.Int(20));
      visit(e);
    }
    return rc == SQLITE_DONE ? Status::Ok() : SqlError(db_, rc, path_, "export");
  }

  Status ForEachRecord(const std::function<void(const std::string&)>& visit) override {
    Statement s;
    int rc = s.Prepare(db_, "SELECT json FROM records ORDER BY rowid");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "export");
    while ((rc = s.Step()) == SQLITE_ROW) visit(s.Text(0));
    return rc == SQLITE_DONE ? Status::Ok() : SqlError(db_, rc, path_, "export");
  }

  static constexpr const char* kStorySelect =
      "SELECT s.id, s.title, s.records, s.independent_reports, s.sources, s.first_published, "
      "s.last_published, s.central, c.json FROM stories s LEFT JOIN records c ON c.id = s.central";

  // A story row; its lead is the first sentence of its central record (read from its JSON:
  // only the rows shown pay for it).
  static StoryRow ReadStory(const Statement& s) {
    StoryRow row;
    row.id = s.Text(0), row.title = s.Text(1), row.records = s.Int(2);
    row.independent_reports = s.Int(3), row.sources = s.Int(4);
    row.first_published = s.OptText(5), row.last_published = s.OptText(6), row.central = s.Text(7);
    if (auto json = s.OptText(8)) {
      auto record = ParseStoredRecord(std::move(*json), row.central);
      if (record.ok()) {
        const Document& d = record->document;
        row.lead = d.sentences.empty() ? "" : SpanText(d.text, d.sentences.front());
      }
    }
    return row;
  }

  StatusOr<std::vector<StoryRow>> Stories(const QueryFilter& f) override {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Where w;
    if (!match->empty())
      w.Add("r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)", {*match});
    RecordLevelFilters(f, w);
    std::string sql = kStorySelect;
    if (!w.sql.empty()) sql += " WHERE EXISTS (SELECT 1 FROM records r WHERE r.story = s.id" + w.sql + ")";
    sql += " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id LIMIT ? OFFSET ?";
    return Run<StoryRow>(sql, w, f.limit, 0, &ReadStory, "stories");
  }

  StatusOr<std::optional<StoryRow>> Story(const std::string& id) override {
    Statement s;
    int rc = s.Prepare(db_, std::string(kStorySelect) + " WHERE s.id = ?");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "story");
    s.Bind(1, std::string_view(id));
    rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<StoryRow>();
    if (rc != SQLITE_ROW) return SqlError(db_, rc, path_, "story");
    StoryRow row = ReadStory(s);
    Statement ids;
    rc = ids.Prepare(db_, "SELECT id FROM records WHERE story = ? ORDER BY rowid");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "story");
    ids.Bind(1, std::string_view(id));
    while ((rc = ids.Step()) == SQLITE_ROW) row.record_ids.push_back(ids.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, rc, path_, "story");
    return std::optional<StoryRow>(std::move(row));
  }

  Status ExportMentions(const std::function<void(const MentionRow&)>& visit) override {
    auto fail = [&](int rc) { return SqlError(db_, rc, path_, "export"); };
    // The events ExportEvents gives (independent reports, not negated), with their record.
    Statement events, copies, copy_events;
    int rc = events.Prepare(db_,
        "SELECT ev.rowid, ev.record, r.id, r.published, r.url, r.source, r.chars, "
        "ev.sentence_index, ev.source_char, ev.target_char, ev.trigger_char, ev.cameo, "
        "ev.source_actor, ev.target_actor FROM events ev JOIN records r ON r.rowid = ev.record "
        "WHERE ev.negated = 0 AND r.duplicate_of IS NULL ORDER BY ev.rowid");
    if (rc == SQLITE_OK)
      rc = copies.Prepare(db_, "SELECT rowid, id, published, url, source, chars FROM records "
                               "WHERE duplicate_of = ? ORDER BY rowid");
    if (rc == SQLITE_OK)
      rc = copy_events.Prepare(db_,
          "SELECT sentence_index, source_char, target_char, trigger_char, cameo, source_actor, "
          "target_actor FROM events WHERE record = ? AND negated = 0 ORDER BY rowid");
    if (rc != SQLITE_OK) return fail(rc);
    struct CopyEvent {
      MentionRow facts;  // position fields only
      std::string cameo;
      std::optional<std::string> source_actor, target_actor;
      bool used = false;
    };
    struct Copy {
      MentionRow base;
      std::vector<CopyEvent> events;
    };
    std::vector<Copy> loaded;
    int64_t loaded_for = -1;
    while ((rc = events.Step()) == SQLITE_ROW) {
      MentionRow m;
      m.event_id = events.Int(0);
      int64_t record = events.Int(1);
      m.record_id = events.Text(2), m.published = events.OptText(3), m.url = events.OptText(4);
      m.source = events.Text(5), m.chars = events.OptInt(6), m.sentence_index = events.Int(7);
      m.source_char = events.OptInt(8), m.target_char = events.OptInt(9);
      m.trigger_char = events.OptInt(10), m.event_published = m.published;
      std::string cameo = events.Text(11);
      std::optional<std::string> source_actor = events.OptText(12), target_actor = events.OptText(13);
      visit(m);
      if (record != loaded_for) {
        // Events come grouped by record (rowid order): load this record's copies once.
        loaded.clear();
        loaded_for = record;
        copies.Reset();
        copies.Bind(1, std::string_view(m.record_id));
        while ((rc = copies.Step()) == SQLITE_ROW) {
          Copy c;
          c.base.record_id = copies.Text(1), c.base.published = copies.OptText(2);
          c.base.url = copies.OptText(3), c.base.source = copies.Text(4);
          c.base.chars = copies.OptInt(5), c.base.copy = true;
          copy_events.Reset();
          copy_events.Bind(1, copies.Int(0));
          while ((rc = copy_events.Step()) == SQLITE_ROW) {
            CopyEvent e;
            e.facts.sentence_index = copy_events.Int(0), e.facts.source_char = copy_events.OptInt(1);
            e.facts.target_char = copy_events.OptInt(2), e.facts.trigger_char = copy_events.OptInt(3);
            e.cameo = copy_events.Text(4), e.source_actor = copy_events.OptText(5);
            e.target_actor = copy_events.OptText(6);
            c.events.push_back(std::move(e));
          }
          if (rc != SQLITE_DONE) return fail(rc);
          loaded.push_back(std::move(c));
        }
        if (rc != SQLITE_DONE) return fail(rc);
      }
      for (Copy& c : loaded) {
        MentionRow cm = c.base;
        cm.event_id = m.event_id, cm.event_published = m.published;
        cm.matched = false, cm.sentence_index.reset();
        // The copy's own coding of the same event: the first unused one of equal code and actors.
        for (CopyEvent& e : c.events) {
          if (e.used || e.cameo != cameo || e.source_actor != source_actor || e.target_actor != target_actor)
            continue;
          e.used = true;
          cm.matched = true, cm.sentence_index = e.facts.sentence_index;
          cm.source_char = e.facts.source_char, cm.target_char = e.facts.target_char;
          cm.trigger_char = e.facts.trigger_char;
          break;
        }
        visit(cm);
      }
    }
    return rc == SQLITE_DONE ? Status::Ok() : fail(rc);
  }


  // ---- Server reads (issue 13) ----

  StatusOr<std::optional<SearchHit>> Record(const std::string& id) override {
    Statement s;
    int rc = s.Prepare(db_, "SELECT id, kind, source, title, published, 0.0, json FROM records "
                            "WHERE id = ?");
    if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "record");
    s.Bind(1, std::string_view(id));
    rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<SearchHit>();
    if (rc != SQLITE_ROW) return SqlError(db_, rc, path_, "record");
    return std::optional<SearchHit>(ReadHit(s));
  }

  StatusOr<Paged<SearchHit>> SearchPage(const QueryFilter& f, int64_t offset) override {
    Paged<SearchHit> p;
    auto rows = SearchRows(f, offset, &p.total);
    if (!rows.ok()) return rows.status();
    p.rows = std::move(*rows);
    return p;
  }

  StatusOr<Paged<EventRow>> EventsPage(const QueryFilter& f, int64_t offset) override {
    Paged<EventRow> p;
    auto rows = EventRows(f, offset, &p.total);
    if (!rows.ok()) return rows.status();
    p.rows = std::move(*rows);
    return p;
  }

  StatusOr<Paged<QuoteRow>> QuotesPage(const QueryFilter& f, int64_t offset) override {
    Paged<QuoteRow> p;
    auto rows = QuoteRows(f, offset, &p.total);
    if (!rows.ok()) return rows.status();
    p.rows = std::move(*rows);
    return p;
  }

  StatusOr<Paged<EntityRow>> Entities(const EntityQuery& q) override {
    Where w;
    if (!q.name.empty()) {
      // LIKE with the user's text as a literal: % _ and the escape character are escaped.
      std::string like = "%";
      for (char c : q.name) {
        if (c == '%' || c == '_' || c == '\\') like += '\\';
        like += c;
      }
      w.Add("e.name LIKE ? ESCAPE '\\'", {like + "%"});
    }
    if (!q.type.empty()) w.Add("e.type = ?", {q.type});
    if (!q.actor.empty()) w.Add("e.actor = ?", {q.actor});
    const std::string grouped = "SELECT e.entity_id, e.name, e.type, e.actor, COUNT(*) AS mentions, "
                                "COUNT(DISTINCT e.record) FROM entities e WHERE 1" +
                                w.sql + " GROUP BY e.entity_id";
    Paged<EntityRow> p;
    // The total in one pass (COUNT DISTINCT), not by materialising every group a second time.
    {
      Statement s;
      int rc = s.Prepare(db_, "SELECT COUNT(DISTINCT e.entity_id) FROM entities e WHERE 1" + w.sql);
      if (rc != SQLITE_OK) return SqlError(db_, rc, path_, "entities");
      int i = 1;
      for (const std::string& v : w.values) s.Bind(i++, std::string_view(v));
      if ((rc = s.Step()) != SQLITE_ROW) return SqlError(db_, rc, path_, "entities");
      p.total = s.Int(0);
    }
    auto rows = Run<EntityRow>(grouped + " ORDER BY mentions DESC, e.entity_id LIMIT ? OFFSET ?", w,
                               q.limit, q.offset, [](const Statement& s) {
      EntityRow e;
      e.id = s.Text(0), e.name = s.Text(1), e.type = s.Text(2), e.actor = s.OptText(3);
      e.mentions = s.Int(4), e.records = s.Int(5);
      return e;
    }, "entities");
    if (!rows.ok()) return rows.status();
    p.rows = std::move(*rows);
    return p;
  }

  StatusOr<std::vector<FacetValue>> Facets(const QueryFilter& f, int64_t per_facet) override {
    auto sel = SearchSelection(f);
    if (!sel.ok()) return sel.status();
    // One grouped count per facet over the selected records (a CTE, bound values first).
    const std::pair<const char*, const char*> facets[] = {
        {"actor", "SELECT e.actor, e.actor, COUNT(DISTINCT e.record) AS n FROM entities e JOIN m "
                  "ON e.record = m.rid WHERE e.actor IS NOT NULL GROUP BY e.actor"},
        {"entity", "SELECT e.entity_id, MIN(e.name), COUNT(DISTINCT e.record) AS n FROM entities e "
                   "JOIN m ON e.record = m.rid GROUP BY e.entity_id"},
        {"root", "SELECT x.root, x.root, COUNT(DISTINCT x.record) AS n FROM events x JOIN m ON "
                 "x.record = m.rid GROUP BY x.root"},
        {"kind", "SELECT r.kind, r.kind, COUNT(*) AS n FROM records r JOIN m ON r.rowid = m.rid "
                 "GROUP BY r.kind"},
        {"month", "SELECT substr(r.day, 1, 7), substr(r.day, 1, 7), COUNT(*) AS n FROM records r "
                  "JOIN m ON r.rowid = m.rid WHERE r.day IS NOT NULL GROUP BY 1"},
    };
    std::vector<FacetValue> out;
    for (const auto& [facet, grouped] : facets) {
      std::string order = std::string(facet) == "month" ? "1 DESC" : "n DESC, 1";
      std::string sql = "WITH m AS (" + sel->sql + ") " + grouped + " ORDER BY " + order +
                        " LIMIT ? OFFSET ?";
      auto rows = Run<FacetValue>(sql, sel->w, per_facet, 0, [](const Statement& s) {
        FacetValue v;
        v.value = s.Text(0), v.label = s.Text(1), v.count = s.Int(2);
        return v;
      }, "facets");
      if (!rows.ok()) return rows.status();
      for (FacetValue& v : *rows) {
        v.facet = facet;
        out.push_back(std::move(v));
      }
    }
    return out;
  }

  StatusOr<std::vector<ActorEdge>> ActorNetwork(const QueryFilter& f) override {
    auto w = EventWhere(f);
    if (!w.ok()) return w.status();
    // Independent reports only, as the timeline counts them.
    std::string sql = std::string("SELECT ev.source_actor, ev.target_actor, COUNT(*) AS n, "
                                  "COUNT(DISTINCT r.rowid), AVG(ev.goldstein)") +
                      kEventFrom +
                      " WHERE ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL AND "
                      "ev.source_actor <> ev.target_actor AND ev.negated = 0 AND "
                      "r.duplicate_of IS NULL" +
                      w->sql + " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ? OFFSET ?";
    return Run<ActorEdge>(sql, *w, f.limit, 0, [](const Statement& s) {
      ActorEdge e;
      e.source = s.Text(0), e.target = s.Text(1), e.events = s.Int(2), e.records = s.Int(3);
      e.goldstein_mean = s.Double(4);
      return e;
    }, "network");
  }

  StatusOr<std::vector<SpeakerRow>> Speakers(const QueryFilter& f) override {
    auto w = QuoteWhere(f);
    if (!w.ok()) return w.status();
    std::string sql = std::string("SELECT q.speaker, q.speaker_id, q.speaker_actor, COUNT(*) AS n, "
                                  "COUNT(DISTINCT q.record)") +
                      kQuoteFrom + " WHERE 1" + w->sql +
                      " GROUP BY coalesce(q.speaker_id, q.speaker) ORDER BY n DESC, 1 "
                      "LIMIT ? OFFSET ?";
    return Run<SpeakerRow>(sql, *w, f.limit, 0, [](const Statement& s) {
      SpeakerRow r;
      r.speaker = s.Text(0), r.speaker_id = s.OptText(1), r.speaker_actor = s.OptText(2);
      r.quotes = s.Int(3), r.records = s.Int(4);
      return r;
    }, "speakers");
  }
 private:
  sqlite3* db_;
  std::string path_;
  Statement insert_record_, find_record_, insert_source_, insert_entity_, insert_quote_,
      insert_event_, insert_time_, insert_fts_, insert_add_, upsert_story_;
  // The corpus index (duplicate_of, story) over every stored record; null until the first
  // PutBatch restores it, and again after a failed batch (it would hold rolled-back records).
  std::unique_ptr<CorpusIndex> corpus_;
  uint64_t saved_adds_ = 0;  // corpus_->stories().adds() when the state was last saved
  int64_t last_seq_ = 0;     // the last corpus_adds row the index holds
};

}  // namespace

std::string FtsQueryFromWords(const std::string& text) {
  // A word is a run of letters and digits (any byte >= 0x80 counts, so UTF-8 letters stay
  // whole); everything else separates words. Each word becomes a quoted FTS5 string with `*`,
  // a prefix query: "grens" finds "grensconflict". Words are ANDed.
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + "\"*";
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return out;
}

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (!exists && mode == OpenMode::kReadOnly)
    return NotFound(path + ": no such store (create one with wirewatch ingest)");
  if (exists) {
    if (!S_ISREG(st.st_mode)) return Unsupported(path + ": not a regular file");
    if (Status s = CheckFileHeader(path); !s.ok()) return s;
    if (mode == OpenMode::kReadWriteCreate && ::access(path.c_str(), W_OK) != 0)
      return IoError(path + ": store is read-only (no write permission)");
  }
  int flags = mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqlError(db, rc, path, "opening");
    sqlite3_close_v2(db);
    return s;
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  auto app = store->QueryInt("PRAGMA application_id");
  if (!app.ok()) return app.status();
  auto version = store->QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  if (exists && *app != kApplicationId) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08llx", static_cast<unsigned long long>(*app) & 0xffffffffULL);
    return Unsupported(path + ": not a wirewatch store (SQLite file with application_id " + hex + ")");
  }
  if (*version > kStoreSchemaVersion)
    return Unsupported(path + ": store has schema version " + std::to_string(*version) +
                       ", newer than this wirewatch reads (" +
                       std::to_string(kStoreSchemaVersion) + "); use a newer wirewatch");
  if (mode == OpenMode::kReadOnly) {
    // Connection settings only (nothing is written): room for the index pages queries touch.
    if (Status s = store->Exec("PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;", "");
        !s.ok())
      return s;
    if (*version < kStoreSchemaVersion)
      return Unsupported(path + ": store has old schema version " + std::to_string(*version) +
                         "; run wirewatch ingest on it once to migrate");
    return std::unique_ptr<Store>(std::move(store));
  }
  // Damage is looked for before anything is written to an existing store.
  if (exists) {
    Statement check;
    rc = check.Prepare(db, "PRAGMA quick_check(1)");
    if (rc == SQLITE_OK) rc = check.Step();
    if (rc != SQLITE_ROW) return SqlError(db, rc, path, "checking");
    std::string verdict = check.Text(0);
    if (verdict != "ok") {
      for (char& c : verdict)
        if (c == '\n' || c == '\r') c = ' ';
      return Corrupt(path + ": corrupt store (" + verdict + ")");
    }
  }
  // A larger page cache keeps the index pages that every batch touches in memory.
  if (Status s = store->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                             "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;",
                             "setting the journal");
      !s.ok())
    return s;
  if (Status s = store->Migrate(*version); !s.ok()) return s;
  if (Status s = store->PrepareWrites(); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace wirewatch
