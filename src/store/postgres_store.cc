// The PostgreSQL backend of Store (store.h, issue 14): the same tables and query semantics as
// the SQLite backend, for a store shared by many ingest workers and servers. Every user value
// reaches the server as a bound parameter ($n); the only text spliced into SQL is fixed
// fragments chosen here and placeholder numbers. Why it looks the way it does (schema, Dutch
// text search, how concurrent workers are arbitrated): docs/store.md, "PostgreSQL".
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "corpus/corpus.h"
#include "store/record_links.h"
#include "store/store.h"
#include "store/store_rows.h"

namespace wirewatch {
namespace {

using store_rows::CharOffsets;
using store_rows::Day;
using store_rows::QuadClass;
using store_rows::SentenceAt;
using store_rows::SpanText;

// The application marker in wirewatch_meta: a database holding tables without it is foreign.
constexpr const char* kApplication = "wirewatch";

// Advisory lock keys (pg_advisory_xact_lock): one for schema creation and migration, one held
// by every batch for its whole transaction, so records are linked (duplicate_of, story) in one
// global order however many workers write. "WWDB" and a number.
constexpr int64_t kSchemaLock = 0x5757444200000001LL;
constexpr int64_t kLinkLock = 0x5757444200000002LL;

// As in the SQLite backend: save the corpus index every this many additions.
constexpr uint64_t kSaveCorpusEvery = 20000;

// Column type of every text column: byte order and ASCII-only case folding whatever the
// database's locale, so orders and case-insensitive matches equal SQLite's BINARY / NOCASE.
#define WW_TEXT "text COLLATE \"C\""

struct Migration {
  const char* description;
  const char* sql;
};

// kPgMigrations[i] takes a database from PostgreSQL schema version i to i + 1 (version 0: no
// wirewatch tables). The text-search configurations are made in code before step 1 (the
// unaccent extension may be missing or not allowed).
const std::array<Migration, kPostgresSchemaVersion> kPgMigrations = {{
    {"records, sources, entities, quotes, events, times, text search, corpus links, stories", R"sql(
CREATE TABLE migrations(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(),
                        description text NOT NULL);
CREATE TABLE records(
  rowid bigserial PRIMARY KEY,
  id )sql" WW_TEXT R"sql( NOT NULL UNIQUE,
  kind )sql" WW_TEXT R"sql( NOT NULL,
  parent )sql" WW_TEXT R"sql(,
  source )sql" WW_TEXT R"sql( NOT NULL,
  title )sql" WW_TEXT R"sql(,
  published )sql" WW_TEXT R"sql(,
  day )sql" WW_TEXT R"sql(,
  language )sql" WW_TEXT R"sql(,
  duplicate_of )sql" WW_TEXT R"sql(,
  story )sql" WW_TEXT R"sql(,
  json text NOT NULL,
  url text,
  chars bigint,
  fts tsvector NOT NULL,
  actors text[] NOT NULL);
CREATE INDEX records_day ON records(day);
-- Newest first (search without words) walks this and stops at the limit.
CREATE INDEX records_newest ON records(day DESC NULLS LAST, rowid DESC);
-- The record's actors (of its entities and of either side of its events), so the --actor
-- filter is a test on the row: OR-ed EXISTS over entities and events were planned as hashes of
-- every row of a common actor (0.5-1 s per query at 100,000 records).
CREATE INDEX records_actors ON records USING gin(actors);
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX records_story ON records(story);
CREATE INDEX records_fts ON records USING gin(fts);
CREATE TABLE record_sources(
  record bigint NOT NULL REFERENCES records(rowid),
  source )sql" WW_TEXT R"sql( NOT NULL,
  PRIMARY KEY(record, source));
CREATE TABLE entities(
  rowid bigserial PRIMARY KEY,
  record bigint NOT NULL REFERENCES records(rowid),
  start_byte bigint NOT NULL, end_byte bigint NOT NULL,
  text )sql" WW_TEXT R"sql( NOT NULL, type )sql" WW_TEXT R"sql( NOT NULL,
  entity_id )sql" WW_TEXT R"sql( NOT NULL, name )sql" WW_TEXT R"sql( NOT NULL,
  actor )sql" WW_TEXT R"sql();
CREATE INDEX entities_record ON entities(record);
CREATE INDEX entities_name ON entities(lower(name));
CREATE INDEX entities_id ON entities(entity_id);
CREATE TABLE quotes(
  rowid bigserial PRIMARY KEY,
  record bigint NOT NULL REFERENCES records(rowid),
  start_byte bigint NOT NULL, end_byte bigint NOT NULL,
  text )sql" WW_TEXT R"sql( NOT NULL, direct integer NOT NULL,
  speaker )sql" WW_TEXT R"sql( NOT NULL, speaker_id )sql" WW_TEXT R"sql(,
  speaker_actor )sql" WW_TEXT R"sql(, cue )sql" WW_TEXT R"sql( NOT NULL,
  day )sql" WW_TEXT R"sql(, sentence text NOT NULL);
CREATE INDEX quotes_record ON quotes(record);
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
CREATE TABLE events(
  rowid bigserial PRIMARY KEY,
  record bigint NOT NULL REFERENCES records(rowid),
  sentence_index bigint NOT NULL,
  source_text )sql" WW_TEXT R"sql( NOT NULL, source_actor )sql" WW_TEXT R"sql(,
  source_id )sql" WW_TEXT R"sql(,
  target_text )sql" WW_TEXT R"sql(, target_actor )sql" WW_TEXT R"sql(,
  target_id )sql" WW_TEXT R"sql(,
  cameo )sql" WW_TEXT R"sql( NOT NULL, root )sql" WW_TEXT R"sql( NOT NULL,
  goldstein double precision NOT NULL, quad_class integer NOT NULL,
  plover )sql" WW_TEXT R"sql( NOT NULL, trigger_text )sql" WW_TEXT R"sql( NOT NULL,
  negated integer NOT NULL,
  date )sql" WW_TEXT R"sql(, day )sql" WW_TEXT R"sql(, location )sql" WW_TEXT R"sql(,
  sentence text NOT NULL,
  source_char bigint, target_char bigint, trigger_char bigint);
CREATE INDEX events_record ON events(record);
CREATE INDEX events_pair ON events(source_actor, target_actor, day);
CREATE INDEX events_target ON events(target_actor);
CREATE TABLE times(
  record bigint NOT NULL REFERENCES records(rowid),
  start_byte bigint NOT NULL, end_byte bigint NOT NULL, text )sql" WW_TEXT R"sql( NOT NULL,
  value )sql" WW_TEXT R"sql();
CREATE INDEX times_record ON times(record);
CREATE TABLE corpus_adds(
  seq bigserial PRIMARY KEY,
  record bigint NOT NULL REFERENCES records(rowid),
  source )sql" WW_TEXT R"sql( NOT NULL,
  first integer NOT NULL);
CREATE TABLE corpus_state(
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  state bytea NOT NULL);
CREATE TABLE stories(
  id )sql" WW_TEXT R"sql( PRIMARY KEY,
  title )sql" WW_TEXT R"sql( NOT NULL,
  records bigint NOT NULL,
  independent_reports bigint NOT NULL,
  sources bigint NOT NULL,
  first_published )sql" WW_TEXT R"sql(,
  last_published )sql" WW_TEXT R"sql(,
  central )sql" WW_TEXT R"sql( NOT NULL,
  open integer NOT NULL);
CREATE INDEX stories_last ON stories(last_published);
-- The indexed document: title (weight A) and text (B), each through the Dutch stemmer and
-- unstemmed, so a query word matches as a prefix of the word as written (as SQLite's FTS5
-- does) and of its stem (vluchtelingen ~ vluchteling).
CREATE FUNCTION ww_document(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('wirewatch_dutch', coalesce(title, '')), 'A') ||
         setweight(to_tsvector('wirewatch_words', coalesce(title, '')), 'A') ||
         setweight(to_tsvector('wirewatch_dutch', body), 'B') ||
         setweight(to_tsvector('wirewatch_words', body), 'B')
$$;
-- A query from words (letters and digits, space-separated, made by the client): every word a
-- prefix of a stem or of a written word, words ANDed. Each word is quoted as a tsquery lexeme,
-- so no user text is tsquery syntax.
CREATE FUNCTION ww_query(words text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  w text;
  one tsquery;
  q tsquery;
BEGIN
  FOREACH w IN ARRAY regexp_split_to_array(words, ' ') LOOP
    CONTINUE WHEN w = '';
    one := to_tsquery('wirewatch_dutch', quote_literal(w) || ':*') ||
           to_tsquery('wirewatch_words', quote_literal(w) || ':*');
    q := CASE WHEN q IS NULL THEN one ELSE q && one END;
  END LOOP;
  RETURN q;
END
$$;
-- The Monday of the week of a day 'YYYY-MM-DD' (SQLite: date(day, '-6 days', 'weekday 1')),
-- null for a day that is no date.
CREATE FUNCTION ww_week(day text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN to_char(date_trunc('week', day::date), 'YYYY-MM-DD');
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
)sql"},
}};

// A libpq result, cleared on destruction.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// Bound values of one statement, as text (NULL for nullopt); one binary value at most (bytea).
struct Params {
  std::vector<std::optional<std::string>> values;
  int binary = -1;  // index of the value sent as binary, or -1

  Params& Add(std::string_view v) { values.emplace_back(std::string(v)); return *this; }
  Params& Add(const char* v) { values.emplace_back(std::string(v)); return *this; }
  Params& Add(const std::string& v) { values.emplace_back(v); return *this; }
  Params& Add(const std::optional<std::string>& v) { values.push_back(v); return *this; }
  Params& Add(int64_t v) { values.emplace_back(std::to_string(v)); return *this; }
  Params& Add(const std::optional<int64_t>& v) {
    if (v) values.emplace_back(std::to_string(*v));
    else values.emplace_back(std::nullopt);
    return *this;
  }
  Params& Add(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    values.emplace_back(std::string(buf));
    return *this;
  }
  Params& Null() { values.emplace_back(std::nullopt); return *this; }
  Params& AddBinary(std::string_view v) {
    binary = static_cast<int>(values.size());
    values.emplace_back(std::string(v));
    return *this;
  }
};

// Fixed SQL written with `?` placeholders, numbered $1, $2, ... in order (no `?` appears in
// this file's SQL otherwise).
std::string Numbered(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

// One row of a result, read by column.
struct Row {
  const PGresult* r;
  int row;
  bool IsNull(int col) const { return PQgetisnull(r, row, col) != 0; }
  std::string Text(int col) const {
    return std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
  }
  std::optional<std::string> OptText(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Text(col);
  }
  int64_t Int(int col) const {
    if (IsNull(col)) return 0;
    const char* v = PQgetvalue(r, row, col);
    // Counts and ids; a float (SUM over an empty set is null, handled above) is truncated.
    return std::strtoll(v, nullptr, 10);
  }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  double Double(int col) const { return IsNull(col) ? 0.0 : std::strtod(PQgetvalue(r, row, col), nullptr); }
};

// `uri` without a password ("postgresql://u:secret@h/db" -> "postgresql://u@h/db", and a
// password=... query parameter dropped), for messages.
std::string RedactUri(const std::string& uri) {
  std::string out = uri;
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    std::string authority = out.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t at = authority.rfind('@');
    if (at != std::string::npos) {
      size_t colon = authority.find(':');
      if (colon != std::string::npos && colon < at) {
        authority.erase(colon, at - colon);
        out = out.substr(0, start) + authority + (end == std::string::npos ? "" : out.substr(end));
      }
    }
  }
  for (size_t p; (p = out.find("password=")) != std::string::npos;) {
    size_t e = out.find('&', p);
    size_t b = p;
    if (b > 0 && (out[b - 1] == '&' || out[b - 1] == '?')) --b;
    if (out[b] == '?' && e != std::string::npos) {
      out.erase(b + 1, e - b);  // keep the '?'
    } else {
      out.erase(b, e == std::string::npos ? std::string::npos : e - b);
    }
  }
  return out;
}

// The first line of a libpq message, without "ERROR:  " and the trailing newline.
std::string FirstLine(const char* message) {
  std::string m = message != nullptr ? message : "";
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  if (m.rfind("ERROR:  ", 0) == 0) m.erase(0, 8);
  if (m.rfind("FATAL:  ", 0) == 0) m.erase(0, 8);
  return m;
}

void IgnoreNotice(void*, const char*) {}

// Words of a query (runs of ASCII letters and digits and any byte >= 0x80, as
// FtsQueryFromWords splits them), space-separated, for ww_query.
std::string QueryWords(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
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

// A PostgreSQL array literal of text values ({"a","b\"c"}), bound as one parameter.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// records.actors of `d`, as an array literal: the actors of its entities and of both sides of
// its events, each once.
std::string Actors(const Document& d) {
  std::set<std::string> actors;
  for (const EntityMention& e : d.entities)
    if (e.actor) actors.insert(*e.actor);
  for (const Event& e : d.events) {
    if (e.source.actor) actors.insert(*e.source.actor);
    if (e.target && e.target->actor) actors.insert(*e.target->actor);
  }
  return TextArray(std::vector<std::string>(actors.begin(), actors.end()));
}

class PostgresStore final : public Store {
 public:
  PostgresStore(PGconn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~PostgresStore() override { PQfinish(conn_); }

  Status Error(const std::string& what, const char* detail) const {
    return IoError(name_ + ": " + (what.empty() ? "" : what + ": ") + FirstLine(detail));
  }

  // Runs `sql` (already numbered, $n) with `p`; the result when it succeeded.
  StatusOr<Result> Query(const std::string& sql, const Params& p, const std::string& what,
                         bool binary_result = false) {
    std::vector<const char*> values(p.values.size());
    std::vector<int> lengths(p.values.size()), formats(p.values.size());
    for (size_t i = 0; i < p.values.size(); ++i) {
      values[i] = p.values[i] ? p.values[i]->data() : nullptr;
      lengths[i] = p.values[i] ? static_cast<int>(p.values[i]->size()) : 0;
      formats[i] = static_cast<int>(i) == p.binary ? 1 : 0;
    }
    // Without values, the simple protocol (which allows several statements: schema steps).
    Result r(p.values.empty() && !binary_result
                 ? PQexec(conn_, sql.c_str())
                 : PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), lengths.data(), formats.data(), binary_result ? 1 : 0));
    ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      return Error(what, r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_));
    return r;
  }
  StatusOr<Result> Query(const std::string& sql, const std::string& what) {
    return Query(sql, Params{}, what);
  }
  Status Exec(const std::string& sql, const std::string& what) {
    auto r = Query(sql, what);
    return r.ok() ? Status::Ok() : r.status();
  }
  // A prepared statement (PrepareWrites) run with `p`.
  StatusOr<Result> Prepared(const char* name, const Params& p, const std::string& what) {
    std::vector<const char*> values(p.values.size());
    std::vector<int> lengths(p.values.size());
    for (size_t i = 0; i < p.values.size(); ++i) {
      values[i] = p.values[i] ? p.values[i]->data() : nullptr;
      lengths[i] = p.values[i] ? static_cast<int>(p.values[i]->size()) : 0;
    }
    Result r(PQexecPrepared(conn_, name, static_cast<int>(values.size()), values.data(),
                            lengths.data(), nullptr, 0));
    ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      return Error(what, r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_));
    return r;
  }

  StatusOr<std::optional<std::string>> Meta(const std::string& key) {
    auto r = Query("SELECT value FROM wirewatch_meta WHERE key = $1", Params().Add(key), "opening");
    if (!r.ok()) return r.status();
    if (PQntuples(r->get()) == 0) return std::optional<std::string>();
    return std::optional<std::string>(Row{r->get(), 0}.Text(0));
  }

  // The schema version of the database: 0 when it holds no wirewatch tables (and nothing
  // else in its public schema); refuses a foreign database.
  StatusOr<int64_t> Version() {
    auto has = Query("SELECT to_regclass('public.wirewatch_meta') IS NOT NULL, "
                     "(SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public')",
                     "opening");
    if (!has.ok()) return has.status();
    Row row{has->get(), 0};
    if (row.Text(0) != "t") {
      int64_t tables = row.Int(1);
      if (tables > 0)
        return Unsupported(name_ + ": not a wirewatch store (database holds " +
                           std::to_string(tables) + " other tables and no wirewatch_meta)");
      return int64_t{0};
    }
    auto app = Meta("application");
    if (!app.ok()) return app.status();
    if (!*app || **app != kApplication)
      return Unsupported(name_ + ": not a wirewatch store (wirewatch_meta application is '" +
                         app->value_or("") + "')");
    auto version = Meta("schema_version");
    if (!version.ok()) return version.status();
    return int64_t{std::strtoll(version->value_or("0").c_str(), nullptr, 10)};
  }

  // Creates the text-search configurations: Dutch stems and written words, both with
  // diacritics folded by unaccent when the extension can be created (else not folded).
  StatusOr<std::string> CreateTextSearch() {
    bool unaccent = true;
    if (Status s = Exec("SAVEPOINT unaccent", "text search"); !s.ok()) return s;
    if (!Exec("CREATE EXTENSION IF NOT EXISTS unaccent", "text search").ok()) {
      unaccent = false;
      if (Status s = Exec("ROLLBACK TO SAVEPOINT unaccent", "text search"); !s.ok()) return s;
    }
    std::string sql =
        "CREATE TEXT SEARCH CONFIGURATION wirewatch_dutch (COPY = pg_catalog.dutch);\n"
        "CREATE TEXT SEARCH CONFIGURATION wirewatch_words (COPY = pg_catalog.simple);\n";
    if (unaccent)
      sql += "ALTER TEXT SEARCH CONFIGURATION wirewatch_dutch ALTER MAPPING FOR hword, hword_part, "
             "word WITH unaccent, dutch_stem;\n"
             "ALTER TEXT SEARCH CONFIGURATION wirewatch_words ALTER MAPPING FOR hword, hword_part, "
             "word WITH unaccent, simple;\n";
    if (Status s = Exec(sql, "text search"); !s.ok()) return s;
    return std::string(unaccent ? "dutch+unaccent" : "dutch (no unaccent: diacritics not folded)");
  }

  // Brings the database to kPostgresSchemaVersion under the schema lock (so two workers
  // starting on an empty database do not both create it), each step in one transaction.
  Status Migrate() {
    for (;;) {
      if (Status s = Exec("BEGIN", "migration"); !s.ok()) return s;
      Status s = Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLock) + ")", "migration");
      StatusOr<int64_t> version = s.ok() ? Version() : StatusOr<int64_t>(s);
      if (!version.ok()) {
        (void)Exec("ROLLBACK", "");
        return version.status();
      }
      if (*version > kPostgresSchemaVersion) {
        (void)Exec("ROLLBACK", "");
        return NewerError(*version);
      }
      if (*version == kPostgresSchemaVersion) return Exec("COMMIT", "migration");
      const Migration& m = kPgMigrations[static_cast<size_t>(*version)];
      std::string fts;
      if (*version == 0) {
        auto created = CreateTextSearch();
        if (!created.ok()) s = created.status();
        else fts = *created;
        if (s.ok())
          s = Exec("CREATE TABLE wirewatch_meta(key text PRIMARY KEY, value text NOT NULL)", "migration");
        if (s.ok()) {
          auto r = Query("INSERT INTO wirewatch_meta VALUES('application', $1), ('schema_version', '0'), "
                         "('text_search', $2)",
                         Params().Add(kApplication).Add(fts), "migration");
          if (!r.ok()) s = r.status();
        }
      }
      std::string next = std::to_string(*version + 1);
      if (s.ok()) s = Exec(m.sql, "migration to schema " + next);
      if (s.ok()) {
        auto r = Query("INSERT INTO migrations(version, description) VALUES($1, $2)",
                       Params().Add(*version + 1).Add(m.description), "migration");
        if (r.ok())
          r = Query("UPDATE wirewatch_meta SET value = $1 WHERE key = 'schema_version'",
                    Params().Add(next), "migration");
        if (!r.ok()) s = r.status();
      }
      if (s.ok()) s = Exec("COMMIT", "migration");
      if (!s.ok()) {
        (void)Exec("ROLLBACK", "");
        return s;
      }
    }
  }

  Status NewerError(int64_t version) const {
    return Unsupported(name_ + ": store has schema version " + std::to_string(version) +
                       ", newer than this wirewatch reads (" +
                       std::to_string(kPostgresSchemaVersion) + "); use a newer wirewatch");
  }

  Status PrepareWrites() {
    const std::pair<const char*, const char*> statements[] = {
        {"insert_record",
         "INSERT INTO records(id, kind, parent, source, title, published, day, language, "
         "duplicate_of, story, json, url, chars, fts, actors) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,"
         "$10,$11,$12,$13, ww_document($5, $14), $15::text[]) ON CONFLICT(id) DO NOTHING "
         "RETURNING rowid"},
        {"find_record", "SELECT rowid FROM records WHERE id = $1"},
        {"insert_source",
         "INSERT INTO record_sources(record, source) VALUES($1, $2) ON CONFLICT DO NOTHING"},
        {"upsert_story",
         "INSERT INTO stories(id, title, records, independent_reports, sources, first_published, "
         "last_published, central, open) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT(id) DO "
         "UPDATE SET title = excluded.title, records = excluded.records, "
         "independent_reports = excluded.independent_reports, sources = excluded.sources, "
         "first_published = excluded.first_published, last_published = excluded.last_published, "
         "central = excluded.central, open = excluded.open"},
    };
    for (const auto& [name, sql] : statements) {
      Result r(PQprepare(conn_, name, sql, 0, nullptr));
      if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
        return Error("preparing statements", r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_));
    }
    return Status::Ok();
  }

  // Rows for one table, inserted in as few statements as the parameter limit allows.
  struct RowBuffer {
    const char* insert;  // "INSERT INTO t(a, b, c) VALUES"
    int columns;
    Params params;
    size_t rows = 0;
  };

  Status Flush(RowBuffer& b, const std::string& what) {
    if (b.rows == 0) return Status::Ok();
    std::string sql = b.insert;
    int n = 0;
    for (size_t r = 0; r < b.rows; ++r) {
      sql += r ? ",(" : "(";
      for (int c = 0; c < b.columns; ++c) sql += (c ? ",$" : "$") + std::to_string(++n);
      sql += ")";
    }
    auto res = Query(sql, b.params, what);
    b.params = Params{};
    b.rows = 0;
    return res.ok() ? Status::Ok() : res.status();
  }
  // Counts one row added to `b` (its values already added); flushes when the next would pass
  // the protocol's 65,535 parameters.
  Status Added(RowBuffer& b, const std::string& what) {
    ++b.rows;
    if ((b.rows + 1) * static_cast<size_t>(b.columns) > 65535) return Flush(b, what);
    return Status::Ok();
  }

  StatusOr<PutResult> PutBatch(const std::vector<StoredRecord>& records) override {
    if (Status s = Exec("BEGIN", "starting a batch"); !s.ok()) return s;
    PutResult result;
    // Every batch of every worker takes the link lock for its transaction: the index catches
    // up on what other workers committed, links this batch, and commits before the next batch
    // anywhere links. Records, links and corpus_adds are therefore one serial history.
    Status s = Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLinkLock) + ")", "starting a batch");
    if (s.ok()) s = CatchUp();
    uint64_t adds_before = corpus_ ? corpus_->stories().adds() : 0;
    if (s.ok()) s = PutAll(records, result);
    if (s.ok()) s = PutStories(corpus_->stories().SummariesSince(adds_before, false));
    if (s.ok() && corpus_->stories().adds() - saved_adds_ >= kSaveCorpusEvery) s = SaveSnapshot();
    if (s.ok()) s = Exec("COMMIT", "committing a batch");
    if (!s.ok()) {
      (void)Exec("ROLLBACK", "");
      corpus_.reset();
      return s;
    }
    added_since_analyze_ += result.added;
    return result;
  }

  // Inside the link lock: restores the corpus index on first use (saved state, then replay),
  // else replays what other workers added since this one last linked.
  Status CatchUp() {
    if (!corpus_) {
      auto corpus = std::make_unique<CorpusIndex>();
      int64_t seq = 0;
      auto r = Query("SELECT seq, state FROM corpus_state WHERE id = 1", Params{},
                     "reading the corpus index", true);
      if (!r.ok()) return r.status();
      if (PQntuples(r->get()) == 1) {
        // Binary result: seq is an 8-byte big-endian integer, state the raw bytes.
        const unsigned char* v = reinterpret_cast<const unsigned char*>(PQgetvalue(r->get(), 0, 0));
        int64_t stored_seq = 0;
        for (int i = 0; i < 8; ++i) stored_seq = (stored_seq << 8) | v[i];
        std::string_view state(PQgetvalue(r->get(), 0, 1), static_cast<size_t>(PQgetlength(r->get(), 0, 1)));
        if (corpus->Restore(state)) seq = stored_seq;
        else corpus = std::make_unique<CorpusIndex>();
      }
      corpus_ = std::move(corpus);
      saved_adds_ = corpus_->stories().adds();
      last_seq_ = seq;
    }
    return Replay();
  }

  // Adds corpus_adds rows after last_seq_ to the index in order, rewriting records whose
  // stored links differ from the index's (none, when every writer held the link lock).
  Status Replay() {
    const int shingle_words = corpus_->duplicates().options().shingle_words;
    for (;;) {
      auto r = Query("SELECT a.seq, a.record, a.source, a.first, r.json, r.duplicate_of, r.story "
                     "FROM corpus_adds a JOIN records r ON r.rowid = a.record WHERE a.seq > $1 "
                     "ORDER BY a.seq LIMIT 1000",
                     Params().Add(last_seq_), "linking stored records");
      if (!r.ok()) return r.status();
      int n = PQntuples(r->get());
      if (n == 0) return Status::Ok();
      for (int i = 0; i < n; ++i) {
        Row row{r->get(), i};
        last_seq_ = row.Int(0);
        int64_t rowid = row.Int(1);
        auto record = ParseStoredRecord(row.Text(4), name_ + ": stored record " + std::to_string(rowid));
        if (!record.ok()) return Corrupt(record.status().message());
        Document& d = record->document;
        d.source = row.Text(2);
        if (row.Int(3) == 0) {
          (void)corpus_->Link(d, MinHashSignature{});
          continue;
        }
        CorpusLinks links = corpus_->Link(d, ComputeSignature(d.text, shingle_words));
        if (links.duplicate_of == row.OptText(5) && std::optional<std::string>(links.story) == row.OptText(6))
          continue;
        auto u = Query("UPDATE records SET duplicate_of = $1, story = $2, json = $3 WHERE rowid = $4",
                       Params().Add(links.duplicate_of).Add(links.story)
                           .Add(WithCorpusLinks(record->json, links.duplicate_of, links.story)).Add(rowid),
                       "linking stored records");
        if (!u.ok()) return u.status();
      }
    }
  }

  Status PutAll(const std::vector<StoredRecord>& records, PutResult& result) {
    const std::string what = "storing records";
    const int shingle_words = corpus_->duplicates().options().shingle_words;
    // Which ids are stored already: one query for the batch.
    std::map<std::string, int64_t> stored;
    {
      std::vector<std::string> ids;
      for (const StoredRecord& r : records) ids.push_back(r.document.id);
      auto r = Query("SELECT id, rowid FROM records WHERE id = ANY($1::text[])",
                     Params().Add(TextArray(ids)), what);
      if (!r.ok()) return r.status();
      for (int i = 0; i < PQntuples(r->get()); ++i) stored[Row{r->get(), i}.Text(0)] = Row{r->get(), i}.Int(1);
    }
    RowBuffer entities{"INSERT INTO entities(record, start_byte, end_byte, text, type, entity_id, "
                       "name, actor) VALUES", 8, {}};
    RowBuffer quotes{"INSERT INTO quotes(record, start_byte, end_byte, text, direct, speaker, "
                     "speaker_id, speaker_actor, cue, day, sentence) VALUES", 11, {}};
    RowBuffer events{"INSERT INTO events(record, sentence_index, source_text, source_actor, "
                     "source_id, target_text, target_actor, target_id, cameo, root, goldstein, "
                     "quad_class, plover, trigger_text, negated, date, day, location, sentence, "
                     "source_char, target_char, trigger_char) VALUES", 22, {}};
    RowBuffer times{"INSERT INTO times(record, start_byte, end_byte, text, value) VALUES", 5, {}};
    RowBuffer sources{"INSERT INTO record_sources(record, source) VALUES", 2, {}};
    RowBuffer adds{"INSERT INTO corpus_adds(record, source, first) VALUES", 3, {}};
    std::set<std::pair<int64_t, std::string>> sources_added;  // this batch's, not yet flushed
    for (const StoredRecord& r : records) {
      const Document& d = r.document;
      auto found = stored.find(d.id);
      bool is_new = found == stored.end();
      int64_t rowid = is_new ? 0 : found->second;
      if (is_new) {
        // The ingester signs records on its threads; a signature of other shingles is redone.
        CorpusLinks links =
            corpus_->Link(d, r.signature && r.signature_shingle_words == shingle_words
                                 ? *r.signature
                                 : ComputeSignature(d.text, shingle_words));
        CharOffsets chars(d.text);
        auto ins = Prepared("insert_record",
                            Params().Add(d.id).Add(d.kind == DocumentKind::kBrief ? "brief" : "article")
                                .Add(d.parent).Add(d.source).Add(d.title).Add(d.published)
                                .Add(Day(d.published)).Add(d.language).Add(links.duplicate_of)
                                .Add(links.story)
                                .Add(WithCorpusLinks(r.json, links.duplicate_of, links.story))
                                .Add(d.url).Add(chars.total()).Add(d.text).Add(Actors(d)),
                            what);
        if (!ins.ok()) return ins.status();
        if (PQntuples(ins->get()) != 1)
          return IoError(name_ + ": storing " + d.id + ": stored by a writer outside the link lock");
        rowid = Row{ins->get(), 0}.Int(0);
        stored[d.id] = rowid;
        if (Status s = PutRows(rowid, d, chars, entities, quotes, events, times); !s.ok()) return s;
        ++result.added;
        sources_added.insert({rowid, d.source});
        sources.params.Add(rowid).Add(d.source);
        if (Status s = Added(sources, what); !s.ok()) return s;
      } else {
        ++result.existing;
        if (sources_added.count({rowid, d.source})) continue;
        auto ins = Prepared("insert_source", Params().Add(rowid).Add(d.source), what);
        if (!ins.ok()) return ins.status();
        // Seen again at a known place (a re-run): nothing. At a new place: one more copy.
        if (std::string(PQcmdTuples(ins->get())) == "0") continue;
        sources_added.insert({rowid, d.source});
        (void)corpus_->Link(d, MinHashSignature{});
      }
      adds.params.Add(rowid).Add(d.source).Add(int64_t{is_new ? 1 : 0});
      // corpus_adds rows are inserted in link order (one multi-row VALUES assigns seq in row
      // order); flushing mid-batch keeps that order.
      if (Status s = Added(adds, what); !s.ok()) return s;
    }
    for (RowBuffer* b : {&entities, &quotes, &events, &times, &sources})
      if (Status s = Flush(*b, what); !s.ok()) return s;
    if (adds.rows > 0) {
      std::string sql = adds.insert;
      int n = 0;
      for (size_t i = 0; i < adds.rows; ++i)
        sql += std::string(i ? "," : "") + "($" + std::to_string(n + 1) + ",$" +
               std::to_string(n + 2) + ",$" + std::to_string(n + 3) + ")", n += 3;
      auto res = Query(sql + " RETURNING seq", adds.params, what);
      if (!res.ok()) return res.status();
      for (int i = 0; i < PQntuples(res->get()); ++i) last_seq_ = std::max(last_seq_, Row{res->get(), i}.Int(0));
    }
    return Status::Ok();
  }

  Status PutRows(int64_t rowid, const Document& d, const CharOffsets& chars, RowBuffer& entities,
                 RowBuffer& quotes, RowBuffer& events, RowBuffer& times) {
    const std::string what = "storing " + d.id;
    std::optional<std::string> day = Day(d.published);
    for (const EntityMention& e : d.entities) {
      entities.params.Add(rowid).Add(int64_t{e.span.start}).Add(int64_t{e.span.end}).Add(e.text)
          .Add(e.type).Add(e.id).Add(e.name).Add(e.actor);
      if (Status s = Added(entities, what); !s.ok()) return s;
    }
    for (const Quote& q : d.quotes) {
      quotes.params.Add(rowid).Add(int64_t{q.span.start}).Add(int64_t{q.span.end}).Add(q.text)
          .Add(int64_t{q.direct}).Add(q.speaker).Add(q.speaker_id).Add(q.speaker_actor).Add(q.cue)
          .Add(day).Add(SentenceAt(d, q.span.start));
      if (Status s = Added(quotes, what); !s.ok()) return s;
    }
    for (const Event& e : d.events) {
      Params& p = events.params;
      p.Add(rowid).Add(int64_t{e.sentence}).Add(e.source.text).Add(e.source.actor).Add(e.source.id);
      if (e.target) p.Add(e.target->text).Add(e.target->actor).Add(e.target->id);
      else p.Null().Null().Null();
      p.Add(e.cameo).Add(e.root).Add(e.goldstein).Add(int64_t{QuadClass(e.root)}).Add(e.plover)
          .Add(e.trigger).Add(int64_t{e.negated}).Add(e.date);
      std::optional<std::string> event_day = Day(e.date);
      p.Add(event_day ? event_day : day).Add(e.location);
      p.Add(e.sentence < d.sentences.size() ? SpanText(d.text, d.sentences[e.sentence]) : "");
      if (e.source.span) p.Add(chars.At(e.source.span->start));
      else p.Null();
      if (e.target && e.target->span) p.Add(chars.At(e.target->span->start));
      else p.Null();
      if (e.trigger_span) p.Add(chars.At(e.trigger_span->start));
      else p.Null();
      if (Status s = Added(events, what); !s.ok()) return s;
    }
    for (const TimeExpression& t : d.times) {
      times.params.Add(rowid).Add(int64_t{t.span.start}).Add(int64_t{t.span.end}).Add(t.text).Add(t.value);
      if (Status s = Added(times, what); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status PutStories(const std::vector<StorySummary>& stories) {
    for (const StorySummary& story : stories) {
      auto r = Prepared("upsert_story",
                        Params().Add(story.id).Add(story.title).Add(static_cast<int64_t>(story.records))
                            .Add(static_cast<int64_t>(story.independent_reports))
                            .Add(static_cast<int64_t>(story.sources)).Add(story.first_published)
                            .Add(story.last_published).Add(story.central)
                            .Add(int64_t{story.open ? 1 : 0}),
                        "storing stories");
      if (!r.ok()) return r.status();
    }
    return Status::Ok();
  }

  // The index state as of corpus_adds row last_seq_, and every story row that may have changed
  // since the last save, into the open transaction (which holds the link lock, so no other
  // worker's state is newer).
  Status SaveSnapshot() {
    if (Status s = PutStories(corpus_->stories().SummariesSince(saved_adds_, true)); !s.ok()) return s;
    auto r = Query("INSERT INTO corpus_state(id, seq, state) VALUES(1, $1, $2) ON CONFLICT(id) DO "
                   "UPDATE SET seq = excluded.seq, state = excluded.state",
                   Params().Add(last_seq_).AddBinary(corpus_->Serialize()), "saving the corpus index");
    if (!r.ok()) return r.status();
    saved_adds_ = corpus_->stories().adds();
    return Status::Ok();
  }

  Status SaveCorpus() override {
    if (!corpus_ || corpus_->stories().adds() == saved_adds_) return Status::Ok();
    if (Status s = Exec("BEGIN", "saving the corpus index"); !s.ok()) return s;
    // Catch up first: the saved state must include every committed addition up to its seq.
    Status s = Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLinkLock) + ")", "saving the corpus index");
    if (s.ok()) s = CatchUp();
    if (s.ok()) s = SaveSnapshot();
    if (s.ok()) s = Exec("COMMIT", "saving the corpus index");
    if (!s.ok()) {
      (void)Exec("ROLLBACK", "");
      corpus_.reset();
      return s;
    }
    // After a large load, fresh planner statistics now rather than when autovacuum comes by:
    // without them the first queries (EXISTS filters) were planned as for an empty table
    // (measured: search --actor 240 ms instead of 20 ms at 2,000 records).
    if (added_since_analyze_ >= 1000) {
      added_since_analyze_ = 0;
      return Exec("ANALYZE records, record_sources, entities, quotes, events, times", "analyze");
    }
    return Status::Ok();
  }

  StatusOr<StoreStats> Stats() override {
    auto r = Query("SELECT COUNT(*), COUNT(*) FILTER (WHERE kind = 'article'), "
                   "COUNT(*) FILTER (WHERE kind = 'brief'), (SELECT COUNT(*) FROM stories), "
                   "COUNT(duplicate_of), (SELECT COUNT(*) FROM entities), "
                   "(SELECT COUNT(*) FROM quotes), (SELECT COUNT(*) FROM events), "
                   "(SELECT COUNT(DISTINCT source) FROM record_sources) FROM records",
                   "stats");
    if (!r.ok()) return r.status();
    Row row{r->get(), 0};
    StoreStats st;
    st.records = row.Int(0), st.articles = row.Int(1), st.briefs = row.Int(2);
    st.stories = row.Int(3), st.duplicates = row.Int(4), st.entities = row.Int(5);
    st.quotes = row.Int(6), st.events = row.Int(7), st.sources = row.Int(8);
    return st;
  }

  // WHERE fragments (with `?`) and their bound values, built from fixed text only.
  struct Where {
    std::string sql;
    std::vector<std::string> values;
    void Add(const std::string& fragment, std::initializer_list<std::string> vs) {
      sql += " AND " + fragment;
      values.insert(values.end(), vs);
    }
  };

  StatusOr<std::string> Match(const QueryFilter& f) {
    std::string words = QueryWords(f.text);
    if (words.empty() && !f.text.empty()) return InvalidArgument("query holds no word: " + f.text);
    return words;
  }

  static constexpr const char* kEntityRecords =
      "EXISTS (SELECT 1 FROM entities e WHERE e.record = r.rowid AND "
      "(lower(e.name) = lower(?::text) OR e.entity_id = ?))";
  static constexpr const char* kEventExists =
      "EXISTS (SELECT 1 FROM events x WHERE x.record = r.rowid AND ";
  static constexpr const char* kTextMatch = "r.fts @@ ww_query(?)";

  void RecordFilters(const QueryFilter& f, const std::string& match, Where& w) {
    if (!match.empty()) w.Add(kTextMatch, {match});
    if (!f.kind.empty()) w.Add("r.kind = ?", {f.kind});
  }

  static void RecordLevelFilters(const QueryFilter& f, Where& w) {
    if (!f.kind.empty()) w.Add("r.kind = ?", {f.kind});
    if (!f.entity.empty()) w.Add(kEntityRecords, {f.entity, f.entity});
    if (!f.actor.empty()) w.Add("r.actors @> ARRAY[?::text]", {f.actor});
    if (!f.source_actor.empty())
      w.Add(kEventExists + std::string("x.source_actor = ?)"), {f.source_actor});
    if (!f.target_actor.empty())
      w.Add(kEventExists + std::string("x.target_actor = ?)"), {f.target_actor});
    if (!f.root.empty()) w.Add(kEventExists + std::string("x.root = ?)"), {f.root});
    if (!f.from.empty()) w.Add("r.day >= ?", {f.from.substr(0, 10)});
    if (!f.to.empty()) w.Add("r.day <= ?", {f.to.substr(0, 10)});
  }

  // Runs `sql` (with `?`, ending in "LIMIT ? OFFSET ?") with the filter values, then limit
  // (null: all) and offset.
  template <typename Out>
  StatusOr<std::vector<Out>> Run(const std::string& sql, const Where& w, int64_t limit,
                                 int64_t offset, Out (*read)(const Row&), const char* what) {
    Params p;
    for (const std::string& v : w.values) p.Add(v);
    if (limit > 0) p.Add(limit);
    else p.Null();
    p.Add(std::max<int64_t>(0, offset));
    auto r = Query(Numbered(sql), p, what);
    if (!r.ok()) return r.status();
    std::vector<Out> rows;
    for (int i = 0; i < PQntuples(r->get()); ++i) rows.push_back(read(Row{r->get(), i}));
    return rows;
  }

  StatusOr<int64_t> CountRows(const std::string& sql, const Where& w, const char* what) {
    Params p;
    for (const std::string& v : w.values) p.Add(v);
    auto r = Query(Numbered("SELECT COUNT(*) FROM (" + sql + ") counted"), p, what);
    if (!r.ok()) return r.status();
    return Row{r->get(), 0}.Int(0);
  }

  struct Selection {
    std::string sql, order, inner_order;
    Where w;
  };
  // As the SQLite backend's: ranked by -ts_rank (lower is better, as bm25), a title hit
  // weighing double (weights {D, C, B, A} = {0.1, 0.2, 0.5, 1.0}).
  StatusOr<Selection> SearchSelection(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Selection sel;
    if (!match->empty()) {
      sel.w.values = {*match, *match};
      sel.sql = "SELECT r.rowid AS rid, -ts_rank('{0.1, 0.2, 0.5, 1.0}', r.fts, ww_query(?))::float8 "
                "AS score FROM records r WHERE r.fts @@ ww_query(?)";
    } else {
      sel.sql = "SELECT r.rowid AS rid, 0.0::float8 AS score FROM records r WHERE true";
    }
    RecordLevelFilters(f, sel.w);
    sel.sql += sel.w.sql;
    sel.order = match->empty() ? "r.day DESC NULLS LAST, r.rowid DESC" : "h.score, r.rowid";
    sel.inner_order = match->empty() ? "r.day DESC NULLS LAST, r.rowid DESC" : "score, rid";
    return sel;
  }

  StatusOr<std::vector<SearchHit>> SearchRows(const QueryFilter& f, int64_t offset, int64_t* total) {
    auto sel = SearchSelection(f);
    if (!sel.ok()) return sel.status();
    std::string sql = "SELECT r.id, r.kind, r.source, r.title, r.published, h.score, r.json FROM (" +
                      sel->sql + " ORDER BY " + sel->inner_order +
                      " LIMIT ? OFFSET ?) h JOIN records r ON r.rowid = h.rid ORDER BY " + sel->order;
    if (total != nullptr) {
      auto n = CountRows(sel->sql, sel->w, "search");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    return Run<SearchHit>(sql, sel->w, f.limit, offset, &ReadHit, "search");
  }

  static SearchHit ReadHit(const Row& s) {
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

  static EventRow ReadEvent(const Row& s) {
    EventRow e;
    e.record_id = s.Text(0), e.date = s.OptText(1), e.source_text = s.Text(2);
    e.source_actor = s.OptText(3), e.target_text = s.OptText(4), e.target_actor = s.OptText(5);
    e.cameo = s.Text(6), e.root = s.Text(7), e.plover = s.Text(8), e.trigger = s.Text(9);
    e.goldstein = s.Double(10), e.quad_class = static_cast<int>(s.Int(11));
    e.negated = s.Int(12) != 0, e.sentence = s.Text(13);
    return e;
  }

  StatusOr<Where> EventWhere(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Where w;
    RecordFilters(f, *match, w);
    if (!f.entity.empty())
      w.Add("(ev.source_id = ? OR ev.target_id = ? OR ev.source_id IN (SELECT entity_id FROM "
            "entities WHERE lower(name) = lower(?::text)) OR ev.target_id IN (SELECT entity_id FROM "
            "entities WHERE lower(name) = lower(?::text)))",
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
      auto n = CountRows(std::string("SELECT 1") + kEventFrom + " WHERE true" + w->sql, *w, "events");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    std::string sql = std::string(kEventSelect) + kEventFrom + " WHERE true" + w->sql +
                      " ORDER BY ev.day NULLS FIRST, r.rowid, ev.rowid LIMIT ? OFFSET ?";
    return Run<EventRow>(sql, *w, f.limit, offset, &ReadEvent, "events");
  }

  StatusOr<std::vector<EventRow>> Events(const QueryFilter& f) override {
    return EventRows(f, 0, nullptr);
  }

  StatusOr<Where> QuoteWhere(const QueryFilter& f) {
    auto match = Match(f);
    if (!match.ok()) return match.status();
    Where w;
    RecordFilters(f, *match, w);
    if (!f.entity.empty())
      w.Add("(lower(q.speaker) = lower(?::text) OR q.speaker_id = ?)", {f.entity, f.entity});
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
      auto n = CountRows(std::string("SELECT 1") + kQuoteFrom + " WHERE true" + w->sql, *w, "quotes");
      if (!n.ok()) return n.status();
      *total = *n;
    }
    std::string sql =
        std::string("SELECT r.id, q.day, q.text, q.speaker, q.cue, q.speaker_actor, q.direct, "
                    "q.sentence") +
        kQuoteFrom + " WHERE true" + w->sql +
        " ORDER BY q.day NULLS FIRST, r.rowid, q.rowid LIMIT ? OFFSET ?";
    return Run<QuoteRow>(sql, *w, f.limit, offset, [](const Row& s) {
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

  // One GROUP BY in the database per period and direction; the client only reads the points.
  StatusOr<std::vector<TimelinePoint>> Timeline(const std::string& a, const std::string& b,
                                                Period by, std::vector<EventRow>* rows) override {
    const char* period = by == Period::kDay    ? "ev.day"
                         : by == Period::kWeek ? "ww_week(ev.day)"
                                               : "substr(ev.day, 1, 7)";
    const std::string where =
        " WHERE ev.negated = 0 AND ev.day IS NOT NULL AND r.duplicate_of IS NULL AND "
        "((ev.source_actor = $1 AND ev.target_actor = $2) OR "
        "(ev.source_actor = $2 AND ev.target_actor = $1))";
    const std::string direction = "CASE WHEN ev.source_actor = $1 THEN 'A->B' ELSE 'B->A' END";
    std::string sql = std::string("SELECT ") + period + " AS period, " + direction +
                      " AS direction, COUNT(*), COUNT(DISTINCT r.rowid), "
                      "COALESCE(SUM(ev.goldstein), 0), AVG(ev.goldstein), "
                      "COUNT(*) FILTER (WHERE ev.quad_class = 1), "
                      "COUNT(*) FILTER (WHERE ev.quad_class = 2), "
                      "COUNT(*) FILTER (WHERE ev.quad_class = 3), "
                      "COUNT(*) FILTER (WHERE ev.quad_class = 4)" +
                      kEventFrom + where +
                      " GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2";
    auto r = Query(sql, Params().Add(a).Add(b), "timeline");
    if (!r.ok()) return r.status();
    std::vector<TimelinePoint> points;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      Row s{r->get(), i};
      TimelinePoint p;
      p.period = s.Text(0), p.direction = s.Text(1), p.events = s.Int(2), p.sources = s.Int(3);
      p.goldstein_sum = s.Double(4), p.goldstein_mean = s.Double(5);
      for (int q = 0; q < 4; ++q) p.quad[q] = s.Int(6 + q);
      points.push_back(std::move(p));
    }
    if (rows != nullptr) {
      std::string esql = std::string(kEventSelect) + ", " + period + ", " + direction + kEventFrom +
                         where + " ORDER BY ev.day NULLS FIRST, r.rowid, ev.rowid";
      auto e = Query(esql, Params().Add(a).Add(b), "timeline");
      if (!e.ok()) return e.status();
      for (int i = 0; i < PQntuples(e->get()); ++i) {
        Row s{e->get(), i};
        rows->push_back(ReadEvent(s));
        rows->back().period = s.Text(14);
        rows->back().direction = s.Text(15);
      }
    }
    return points;
  }

  // Runs `sql` through a cursor in a read-only transaction, `visit`ing rows 1,000 at a time,
  // so exports of any size hold one chunk in memory. `visit` may run other queries.
  Status ForEachRow(const std::string& sql, const std::function<Status(const Row&)>& visit,
                    const char* what) {
    if (Status s = Exec("BEGIN READ ONLY", what); !s.ok()) return s;
    Status s = Exec("DECLARE ww_scan NO SCROLL CURSOR FOR " + sql, what);
    while (s.ok()) {
      auto r = Query("FETCH FORWARD 1000 FROM ww_scan", what);
      if (!r.ok()) {
        s = r.status();
        break;
      }
      int n = PQntuples(r->get());
      for (int i = 0; i < n && s.ok(); ++i) s = visit(Row{r->get(), i});
      if (n == 0) break;
    }
    if (s.ok()) return Exec("COMMIT", what);
    (void)Exec("ROLLBACK", "");
    return s;
  }

  Status ExportEvents(const std::function<void(const EventRow&)>& visit) override {
    std::string sql = std::string(kEventSelect) +
                      ", ev.rowid, ev.sentence_index, ev.location, r.published, r.source, "
                      "1 + (SELECT COUNT(*) FROM records c WHERE c.duplicate_of = r.id), "
                      "(SELECT COUNT(DISTINCT s.source) FROM record_sources s WHERE s.record = r.rowid "
                      "OR s.record IN (SELECT c.rowid FROM records c WHERE c.duplicate_of = r.id))" +
                      kEventFrom + " WHERE ev.negated = 0 AND r.duplicate_of IS NULL ORDER BY ev.rowid";
    return ForEachRow(sql, [&](const Row& s) {
      EventRow e = ReadEvent(s);
      e.event_id = s.Int(14), e.sentence_index = s.Int(15), e.location = s.OptText(16);
      e.published = s.OptText(17), e.record_source = s.Text(18);
      e.articles = s.Int(19), e.sources = std::max<int64_t>(1, s.Int(20));
      visit(e);
      return Status::Ok();
    }, "export");
  }

  Status ForEachRecord(const std::function<void(const std::string&)>& visit) override {
    return ForEachRow("SELECT json FROM records ORDER BY rowid", [&](const Row& s) {
      visit(s.Text(0));
      return Status::Ok();
    }, "export");
  }

  static constexpr const char* kStorySelect =
      "SELECT s.id, s.title, s.records, s.independent_reports, s.sources, s.first_published, "
      "s.last_published, s.central, c.json FROM stories s LEFT JOIN records c ON c.id = s.central";

  static StoryRow ReadStory(const Row& s) {
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
    if (!match->empty()) w.Add(kTextMatch, {*match});
    RecordLevelFilters(f, w);
    std::string sql = kStorySelect;
    if (!w.sql.empty()) sql += " WHERE EXISTS (SELECT 1 FROM records r WHERE r.story = s.id" + w.sql + ")";
    sql += " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id LIMIT ? OFFSET ?";
    return Run<StoryRow>(sql, w, f.limit, 0, &ReadStory, "stories");
  }

  StatusOr<std::optional<StoryRow>> Story(const std::string& id) override {
    auto r = Query(std::string(kStorySelect) + " WHERE s.id = $1", Params().Add(id), "story");
    if (!r.ok()) return r.status();
    if (PQntuples(r->get()) == 0) return std::optional<StoryRow>();
    StoryRow row = ReadStory(Row{r->get(), 0});
    auto ids = Query("SELECT id FROM records WHERE story = $1 ORDER BY rowid", Params().Add(id), "story");
    if (!ids.ok()) return ids.status();
    for (int i = 0; i < PQntuples(ids->get()); ++i) row.record_ids.push_back(Row{ids->get(), i}.Text(0));
    return std::optional<StoryRow>(std::move(row));
  }

  Status ExportMentions(const std::function<void(const MentionRow&)>& visit) override {
    struct CopyEvent {
      MentionRow facts;
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
    const std::string sql =
        "SELECT ev.rowid, ev.record, r.id, r.published, r.url, r.source, r.chars, "
        "ev.sentence_index, ev.source_char, ev.target_char, ev.trigger_char, ev.cameo, "
        "ev.source_actor, ev.target_actor FROM events ev JOIN records r ON r.rowid = ev.record "
        "WHERE ev.negated = 0 AND r.duplicate_of IS NULL ORDER BY ev.rowid";
    return ForEachRow(sql, [&](const Row& ev) -> Status {
      MentionRow m;
      m.event_id = ev.Int(0);
      int64_t record = ev.Int(1);
      m.record_id = ev.Text(2), m.published = ev.OptText(3), m.url = ev.OptText(4);
      m.source = ev.Text(5), m.chars = ev.OptInt(6), m.sentence_index = ev.Int(7);
      m.source_char = ev.OptInt(8), m.target_char = ev.OptInt(9);
      m.trigger_char = ev.OptInt(10), m.event_published = m.published;
      std::string cameo = ev.Text(11);
      std::optional<std::string> source_actor = ev.OptText(12), target_actor = ev.OptText(13);
      visit(m);
      if (record != loaded_for) {
        loaded.clear();
        loaded_for = record;
        auto copies = Query("SELECT rowid, id, published, url, source, chars FROM records "
                            "WHERE duplicate_of = $1 ORDER BY rowid",
                            Params().Add(m.record_id), "export");
        if (!copies.ok()) return copies.status();
        for (int i = 0; i < PQntuples(copies->get()); ++i) {
          Row c{copies->get(), i};
          Copy copy;
          copy.base.record_id = c.Text(1), copy.base.published = c.OptText(2);
          copy.base.url = c.OptText(3), copy.base.source = c.Text(4);
          copy.base.chars = c.OptInt(5), copy.base.copy = true;
          auto events = Query("SELECT sentence_index, source_char, target_char, trigger_char, cameo, "
                              "source_actor, target_actor FROM events WHERE record = $1 AND "
                              "negated = 0 ORDER BY rowid",
                              Params().Add(c.Int(0)), "export");
          if (!events.ok()) return events.status();
          for (int j = 0; j < PQntuples(events->get()); ++j) {
            Row e{events->get(), j};
            CopyEvent ce;
            ce.facts.sentence_index = e.Int(0), ce.facts.source_char = e.OptInt(1);
            ce.facts.target_char = e.OptInt(2), ce.facts.trigger_char = e.OptInt(3);
            ce.cameo = e.Text(4), ce.source_actor = e.OptText(5), ce.target_actor = e.OptText(6);
            copy.events.push_back(std::move(ce));
          }
          loaded.push_back(std::move(copy));
        }
      }
      for (Copy& c : loaded) {
        MentionRow cm = c.base;
        cm.event_id = m.event_id, cm.event_published = m.published;
        cm.matched = false, cm.sentence_index.reset();
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
      return Status::Ok();
    }, "export");
  }

  // ---- Server reads (issue 13) ----

  StatusOr<std::optional<SearchHit>> Record(const std::string& id) override {
    auto r = Query("SELECT id, kind, source, title, published, 0.0::float8, json FROM records "
                   "WHERE id = $1",
                   Params().Add(id), "record");
    if (!r.ok()) return r.status();
    if (PQntuples(r->get()) == 0) return std::optional<SearchHit>();
    return std::optional<SearchHit>(ReadHit(Row{r->get(), 0}));
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
      std::string like = "%";
      for (char c : q.name) {
        if (c == '%' || c == '_' || c == '\\') like += '\\';
        like += c;
      }
      // ILIKE on a "C" column folds ASCII only, as SQLite's LIKE.
      w.Add("e.name ILIKE ? ESCAPE '\\'", {like + "%"});
    }
    if (!q.type.empty()) w.Add("e.type = ?", {q.type});
    if (!q.actor.empty()) w.Add("e.actor = ?", {q.actor});
    Paged<EntityRow> p;
    {
      Params params;
      for (const std::string& v : w.values) params.Add(v);
      auto r = Query(Numbered("SELECT COUNT(DISTINCT e.entity_id) FROM entities e WHERE true" + w.sql),
                     params, "entities");
      if (!r.ok()) return r.status();
      p.total = Row{r->get(), 0}.Int(0);
    }
    // One row per entity id; its name, type and actor are those of its first mention.
    const std::string grouped =
        "SELECT e.entity_id, (array_agg(e.name ORDER BY e.rowid))[1], "
        "(array_agg(e.type ORDER BY e.rowid))[1], (array_agg(e.actor ORDER BY e.rowid))[1], "
        "COUNT(*) AS mentions, COUNT(DISTINCT e.record) FROM entities e WHERE true" +
        w.sql + " GROUP BY e.entity_id";
    auto rows = Run<EntityRow>(grouped + " ORDER BY mentions DESC, e.entity_id LIMIT ? OFFSET ?", w,
                               q.limit, q.offset, [](const Row& s) {
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
      auto rows = Run<FacetValue>(sql, sel->w, per_facet, 0, [](const Row& s) {
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
    std::string sql = std::string("SELECT ev.source_actor, ev.target_actor, COUNT(*) AS n, "
                                  "COUNT(DISTINCT r.rowid), AVG(ev.goldstein)") +
                      kEventFrom +
                      " WHERE ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL AND "
                      "ev.source_actor <> ev.target_actor AND ev.negated = 0 AND "
                      "r.duplicate_of IS NULL" +
                      w->sql + " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ? OFFSET ?";
    return Run<ActorEdge>(sql, *w, f.limit, 0, [](const Row& s) {
      ActorEdge e;
      e.source = s.Text(0), e.target = s.Text(1), e.events = s.Int(2), e.records = s.Int(3);
      e.goldstein_mean = s.Double(4);
      return e;
    }, "network");
  }

  StatusOr<std::vector<SpeakerRow>> Speakers(const QueryFilter& f) override {
    auto w = QuoteWhere(f);
    if (!w.ok()) return w.status();
    // One row per speaker (id, else name); its name and actor those of its first quote.
    std::string sql = std::string("SELECT (array_agg(q.speaker ORDER BY q.rowid))[1] AS speaker, "
                                  "(array_agg(q.speaker_id ORDER BY q.rowid))[1], "
                                  "(array_agg(q.speaker_actor ORDER BY q.rowid))[1], COUNT(*) AS n, "
                                  "COUNT(DISTINCT q.record)") +
                      kQuoteFrom + " WHERE true" + w->sql +
                      " GROUP BY coalesce(q.speaker_id, q.speaker) ORDER BY n DESC, 1 "
                      "LIMIT ? OFFSET ?";
    return Run<SpeakerRow>(sql, *w, f.limit, 0, [](const Row& s) {
      SpeakerRow r;
      r.speaker = s.Text(0), r.speaker_id = s.OptText(1), r.speaker_actor = s.OptText(2);
      r.quotes = s.Int(3), r.records = s.Int(4);
      return r;
    }, "speakers");
  }

 private:
  PGconn* conn_;
  std::string name_;  // the URI without password, for messages
  std::unique_ptr<CorpusIndex> corpus_;
  uint64_t saved_adds_ = 0;
  int64_t last_seq_ = 0;
  int64_t added_since_analyze_ = 0;  // records this process stored since its last ANALYZE
};

}  // namespace

bool IsPostgresUri(const std::string& s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri, OpenMode mode) {
  const std::string name = RedactUri(uri);
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr) return IoError(name + ": cannot connect (out of memory)");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return IoError(name + ": cannot connect (" + why + ")");
  }
  PQsetNoticeProcessor(conn, &IgnoreNotice, nullptr);
  auto store = std::make_unique<PostgresStore>(conn, name);
  // Timestamps and numbers as this file reads them, whatever the server's defaults.
  if (Status s = store->Exec("SET client_encoding = 'UTF8'; SET extra_float_digits = 3; "
                             "SET search_path = public",
                             "opening");
      !s.ok())
    return s;
  if (mode == OpenMode::kReadOnly) {
    auto version = store->Version();
    if (!version.ok()) return version.status();
    if (*version == 0) return NotFound(name + ": no such store (create one with wirewatch ingest)");
    if (*version > kPostgresSchemaVersion) return store->NewerError(*version);
    if (*version < kPostgresSchemaVersion)
      return Unsupported(name + ": store has old schema version " + std::to_string(*version) +
                         "; run wirewatch ingest on it once to migrate");
    if (Status s = store->Exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "opening"); !s.ok())
      return s;
    return std::unique_ptr<Store>(std::move(store));
  }
  if (Status s = store->Migrate(); !s.ok()) return s;
  if (Status s = store->PrepareWrites(); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& uri_or_path, OpenMode mode) {
  if (IsPostgresUri(uri_or_path)) return OpenPostgresStore(uri_or_path, mode);
  return OpenSqliteStore(uri_or_path, mode);
}

std::string RedactStoreName(const std::string& uri_or_path) {
  return IsPostgresUri(uri_or_path) ? RedactUri(uri_or_path) : uri_or_path;
}

}  // namespace wirewatch
