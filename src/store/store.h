// Store: the corpus of analysed records on disk, behind one interface.
//
// A store keeps every record `wirewatch analyze` writes (the record JSON itself, so what comes
// back out is byte-identical) plus its entities, quotes, events and times as rows that queries
// filter on, and a full-text index over title and text. The interface holds no SQL: the SQLite
// backend (sqlite_store.cc) keeps a store in one file; the PostgreSQL backend (postgres_store.cc,
// issue 14) keeps it in a database that many processes share. OpenStore picks one.
//
//   auto store = OpenStore("wirewatch.db", OpenMode::kReadWriteCreate);  // or postgresql://...
//   if (!store.ok()) { print store.status().message(); return 1; }
//   auto added = (*store)->PutBatch(records);          // one transaction
//   auto hits = (*store)->Search(query);               // bm25-ranked, filtered
//
// Errors: every method returns Status / StatusOr; messages name the store (file, or URI without
// its password) and the problem
// ("x.db: not a wirewatch store (application_id 0)"). Opening never modifies a file that is not
// a wirewatch store of this or an older schema version.
// Thread-safety: one Store object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "corpus/near_duplicates.h"

namespace wirewatch {

// One analysed record as it goes into a store: the parsed Document (rows are made from it) and
// the exact JSON line analyze wrote (given back verbatim by Search).
struct StoredRecord {
  Document document;
  std::string json;  // one JSON object, no trailing newline
  // The text's MinHash signature when it was computed ahead (PrecomputeSignature, on the
  // threads that parse records while the store writes), with the shingle length it used.
  // PutBatch computes it itself when it is missing or of another shingle length.
  std::optional<MinHashSignature> signature;
  int signature_shingle_words = 0;
};

// Parses one JSONL record line (docs/record.md) into a StoredRecord. The error names `where`
// ("file.jsonl:12") and what is wrong; unknown fields are kept (they stay in `json`).
StatusOr<StoredRecord> ParseStoredRecord(std::string json, const std::string& where);

// Fills `record.signature` with the signature the store's near-duplicate index would compute
// (default NearDuplicateOptions), so that costly step can run off the writing thread.
void PrecomputeSignature(StoredRecord& record);

struct PutResult {
  int64_t added = 0;      // records new to the store
  int64_t existing = 0;   // records already stored (same id): only their source is linked
};

struct StoreStats {
  int64_t records = 0, articles = 0, briefs = 0, entities = 0, quotes = 0, events = 0,
          stories = 0, duplicates = 0, sources = 0;
};

// Filters shared by search, events and quotes. Empty fields do not filter.
struct QueryFilter {
  std::string text;          // full-text query: words, matched by prefix, diacritics folded
  std::string entity;        // canonical name, mention text or id (case-insensitive)
  std::string actor;         // either side of an event, or an entity acting for it
  std::string source_actor;  // event source (quotes: the speaker's actor)
  std::string target_actor;  // event target
  std::string root;          // CAMEO root "01".."20"
  std::string from, to;      // ISO dates, inclusive (an event's own date, else published)
  std::string kind;          // "article" | "brief"
  int64_t limit = 20;
};

struct SearchHit {
  std::string id, kind, source;
  std::optional<std::string> title, published;
  double score = 0;   // bm25, lower is better; 0 without a text query
  std::string json;   // the record exactly as stored
};

struct EventRow {
  std::string record_id;
  std::optional<std::string> date;  // the event's date, else the record's published day
  std::string source_text;
  std::optional<std::string> source_actor, target_text, target_actor;
  std::string cameo, root, plover, trigger;
  double goldstein = 0;
  int quad_class = 0;  // GDELT QuadClass 1..4 from the root
  bool negated = false;
  std::string sentence;  // the sentence the event was coded from
  std::string period, direction;  // Timeline's explain rows only: the point it belongs to
  // ExportEvents only:
  int64_t event_id = 0;           // stable within the store (row number)
  int64_t sentence_index = 0;
  std::optional<std::string> location, published;
  std::string record_source;
  int64_t articles = 1;           // the record and the copies marked duplicate_of it
  int64_t sources = 1;            // distinct places those were seen
};

struct QuoteRow {
  std::string record_id;
  std::optional<std::string> date;
  std::string text, speaker, cue;
  std::optional<std::string> speaker_actor;
  bool direct = true;
  std::string sentence;  // the sentence holding the start of the quote
};

enum class Period { kDay, kWeek, kMonth };

// One period of a two-actor timeline, one direction ("A->B" or "B->A").
struct TimelinePoint {
  std::string period;     // "2022-01-21", week start Monday "2022-01-17", or "2022-01"
  std::string direction;  // "A->B" | "B->A"
  int64_t events = 0;
  int64_t sources = 0;    // independent reports: distinct records, duplicates folded to the first
  double goldstein_sum = 0, goldstein_mean = 0;
  int64_t quad[4] = {0, 0, 0, 0};  // QuadClass 1..4 counts
};

// One story (src/corpus): records about one development, grouped as they were ingested.
struct StoryRow {
  std::string id;                  // "s-" + the id of its first record
  std::string title;               // the title of its most central record
  int64_t records = 0;             // every record, copies (and pages seen again) included
  int64_t independent_reports = 0; // distinct records that are no copy of another
  int64_t sources = 0;             // distinct sites (URL host, else the source file)
  std::optional<std::string> first_published, last_published;
  std::string central;             // the record the title comes from
  std::string lead;                // the first sentence of that record
  std::vector<std::string> record_ids;  // Story() only: its records in ingest order
};

// One GDELT 2.0 Mentions row's facts: an event of an independent report, mentioned by that
// record or by one of its copies (each with its own source).
struct MentionRow {
  int64_t event_id = 0;                    // the event's id in ExportEvents
  std::optional<std::string> event_published;  // the original record's published date
  std::string record_id;                   // the mentioning record
  std::optional<std::string> published;    // its published date
  std::optional<std::string> url;          // its URL, when known
  std::string source;                      // where it was first seen
  bool copy = false;                       // a record marked duplicate_of the original
  bool matched = true;   // the copy holds an event of the same code and actors (else the
                         // position fields below are unknown)
  std::optional<int64_t> sentence_index;   // 0-based sentence of the event in the mentioning record
  std::optional<int64_t> source_char, target_char, trigger_char;  // code-point offsets
  std::optional<int64_t> chars;            // length of the mentioning record's text
};

// ---- Server reads (issue 13): the rows the HTTP API lists. ----

// A page of rows and how many rows the whole query matches.
template <typename Row>
struct Paged {
  std::vector<Row> rows;
  int64_t total = 0;
};

// One canonical entity with how often it is mentioned.
struct EntityRow {
  std::string id, name, type;
  std::optional<std::string> actor;
  int64_t mentions = 0, records = 0;
};

// Filters of the entity listing. Empty fields do not filter.
struct EntityQuery {
  std::string name;   // canonical name contains this (case-insensitive for ASCII)
  std::string type;   // PER | ORG | LOC | MISC
  std::string actor;
  int64_t limit = 50, offset = 0;
};

// One value of a facet (actor, entity, root, kind, month) and the records holding it.
struct FacetValue {
  std::string facet, value, label;
  int64_t count = 0;
};

// Events from one actor to another: count, distinct records, mean Goldstein.
struct ActorEdge {
  std::string source, target;
  int64_t events = 0, records = 0;
  double goldstein_mean = 0;
};

// A quoted speaker with the number of quotes.
struct SpeakerRow {
  std::string speaker;
  std::optional<std::string> speaker_id, speaker_actor;
  int64_t quotes = 0, records = 0;
};

enum class OpenMode {
  kReadOnly,         // queries: the file must exist and be a wirewatch store
  kReadWriteCreate,  // ingest: created when missing, migrated when older, refused when foreign
};

class Store {
 public:
  virtual ~Store() = default;

  // Adds the records in one transaction: all or none. Records whose id is stored already add
  // nothing but the link to their source. Each new record's `duplicate_of` and `story` are
  // decided against everything stored before it and written into its row and JSON (the
  // record's own values for the two fields are ignored); the rest of the JSON is kept.
  virtual StatusOr<PutResult> PutBatch(const std::vector<StoredRecord>& records) = 0;

  virtual StatusOr<StoreStats> Stats() = 0;

  // Records matching `filter`, best bm25 first with a text query, else newest first.
  virtual StatusOr<std::vector<SearchHit>> Search(const QueryFilter& filter) = 0;

  // Events / quotes matching `filter`, in date order, each with its sentence.
  virtual StatusOr<std::vector<EventRow>> Events(const QueryFilter& filter) = 0;
  virtual StatusOr<std::vector<QuoteRow>> Quotes(const QueryFilter& filter) = 0;

  // Events between actors `a` and `b` each way per period (negated events left out). With
  // `explain`, `rows` receives the events behind the points.
  virtual StatusOr<std::vector<TimelinePoint>> Timeline(const std::string& a, const std::string& b,
                                                        Period by,
                                                        std::vector<EventRow>* rows) = 0;

  // Every event of an independent report (records marked duplicate_of another left out, and
  // negated events), in store order, with the syndication-aware counts filled.
  virtual Status ExportEvents(const std::function<void(const EventRow&)>& visit) = 0;

  // Every stored record JSON, in insertion order.
  virtual Status ForEachRecord(const std::function<void(const std::string& json)>& visit) = 0;

  // Stories, newest last record first: those with a record matching the record filters of
  // `filter` (text, entity, actor, source/target actor, root, from/to on the record's day,
  // kind), each with its lead sentence.
  virtual StatusOr<std::vector<StoryRow>> Stories(const QueryFilter& filter) = 0;
  // One story with its record ids in ingest order; nullopt when there is no such story.
  virtual StatusOr<std::optional<StoryRow>> Story(const std::string& id) = 0;
  // Every mention of every event ExportEvents gives: the record itself, then its copies, in
  // event order.
  virtual Status ExportMentions(const std::function<void(const MentionRow&)>& visit) = 0;
  // PutBatch links each new record (duplicate_of, story) against every record stored before
  // it, through a corpus index (src/corpus) the store restores on the first PutBatch. This
  // saves that index, so the next run restores it without reading records again (PutBatch
  // also saves it now and then); ingest calls it at the end. No-op when nothing changed.
  virtual Status SaveCorpus() = 0;

  // ---- Server reads (issue 13). Every method takes a QueryFilter as Search does (its `limit`
  // is the page size) and binds every value. ----

  // One record by id: its SearchHit (score 0), or nullopt when no record has that id.
  virtual StatusOr<std::optional<SearchHit>> Record(const std::string& id) = 0;
  // Search / Events / Quotes from row `offset` on, with the number of rows the filter matches.
  virtual StatusOr<Paged<SearchHit>> SearchPage(const QueryFilter& filter, int64_t offset) = 0;
  virtual StatusOr<Paged<EventRow>> EventsPage(const QueryFilter& filter, int64_t offset) = 0;
  virtual StatusOr<Paged<QuoteRow>> QuotesPage(const QueryFilter& filter, int64_t offset) = 0;
  // Canonical entities, most mentioned first.
  virtual StatusOr<Paged<EntityRow>> Entities(const EntityQuery& query) = 0;
  // For the records Search would find: the `per_facet` most frequent actors, entities, CAMEO
  // roots, kinds and months, each with its count of records.
  virtual StatusOr<std::vector<FacetValue>> Facets(const QueryFilter& filter, int64_t per_facet) = 0;
  // Actor-to-actor event counts of independent reports (as Timeline counts them) for the events
  // Events would find, the busiest `filter.limit` pairs first.
  virtual StatusOr<std::vector<ActorEdge>> ActorNetwork(const QueryFilter& filter) = 0;
  // Speakers of the quotes Quotes would find, most quoted first (`filter.limit` of them).
  virtual StatusOr<std::vector<SpeakerRow>> Speakers(const QueryFilter& filter) = 0;
};

// The schema version this build writes and reads (PRAGMA user_version).
constexpr int kStoreSchemaVersion = 3;

// Opens (or with kReadWriteCreate creates) the SQLite store at `path`. Refuses, with a one-line
// error and without writing, a file that is not SQLite, not a wirewatch store, of a newer
// schema, truncated or corrupt, or read-only when writing is asked for.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

// The schema version the PostgreSQL backend writes and reads (wirewatch_meta.schema_version).
constexpr int kPostgresSchemaVersion = 1;

// Opens (or with kReadWriteCreate creates, in an empty database) the store in the PostgreSQL
// database `uri` names (libpq connection URI, "postgresql://user@host:port/dbname"). Refuses,
// with a one-line error naming the URI without its password, a database holding other tables,
// a foreign wirewatch_meta, or a newer schema. Any number of processes may open one database
// for writing at once (docs/store.md, "PostgreSQL").
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri, OpenMode mode);

// Whether `s` is a PostgreSQL URI ("postgresql://" or "postgres://").
bool IsPostgresUri(const std::string& s);

// OpenPostgresStore for a PostgreSQL URI, else OpenSqliteStore: what every command and the
// server call with their --db value.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& uri_or_path, OpenMode mode);

// `uri_or_path` fit for messages: a URI without its password, a path as it is.
std::string RedactStoreName(const std::string& uri_or_path);

// Whether `s` is a CAMEO root code "01".."20" (the `root` filter).
inline bool IsCameoRoot(const std::string& s) {
  if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return false;
  int r = (s[0] - '0') * 10 + (s[1] - '0');
  return r >= 1 && r <= 20;
}

// Builds an FTS5 MATCH expression from a user's words: every word quoted (so `"`, `*`, `NEAR`,
// `OR`, `:` are plain text) and matched as a prefix. Empty when the text holds no word.
std::string FtsQueryFromWords(const std::string& text);

}  // namespace wirewatch
