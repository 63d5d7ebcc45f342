// The store keeps the corpus: duplicate_of and story decided against every record stored
// before, across PutBatch calls and across reopenings (saved index, or replay after a run that
// never saved), equal to one CorpusIndex over all records in order; the JSON rewrite of the two
// fields; a schema-1 store migrated and its records linked; stories and story queries; GDELT
// mention rows for records and their copies. Every test but the schema-1 migration (an SQLite
// file) runs on both backends.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/record_json.h"
#include "corpus/corpus.h"
#include "store/record_links.h"
#include "store/store.h"
#include "support/store_backends.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

class CorpusStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirewatch_corpus_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::unique_ptr<Store> Open(const std::string& path, OpenMode mode = OpenMode::kReadWriteCreate) {
    auto s = OpenStore(loc_.Where(path), mode);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }
  fs::path dir_;
  testing_support::StoreLocation loc_;
};

class CorpusBackendTest : public CorpusStoreTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    CorpusStoreTest::SetUp();
    loc_.backend = GetParam();
    WIREWATCH_REQUIRE_BACKEND(loc_);
  }
};
INSTANTIATE_TEST_SUITE_P(Backends, CorpusBackendTest,
                         ::testing::ValuesIn(testing_support::StoreBackends()),
                         testing_support::BackendName);

// Topics: each a pool of sentences sharing names and words, so records of one topic form a
// story and copies (one word changed) are near-duplicates.
const std::vector<std::vector<std::string>> kTopics = {
    {"Het kabinet presenteert vandaag de begroting voor defensie en onderwijs.",
     "Minister Hoekstra verdedigt de begroting in de Tweede Kamer.",
     "De oppositie noemt de begroting voor defensie onvoldoende.",
     "Hoekstra zegt dat de begroting het onderwijs versterkt.",
     "Kamerleden debatteren urenlang over de defensiebegroting.",
     "Volgens Hoekstra krijgt defensie er structureel een miljard bij."},
    {"Zware overstromingen treffen het zuiden van Limburg na dagen regen.",
     "De Maas treedt buiten haar oevers bij Roermond en Venlo.",
     "Bewoners van Valkenburg worden geëvacueerd vanwege de overstromingen.",
     "Rijkswaterstaat waarschuwt voor hoogwater in Limburg en Brabant.",
     "De schade door de overstromingen in Limburg loopt in de miljoenen.",
     "In Roermond helpen vrijwilligers met zandzakken tegen het water."},
    {"Ajax wint de topper tegen Feyenoord met drie doelpunten.",
     "Trainer Ten Hag prijst de aanvallers van Ajax na de topper.",
     "Feyenoord verliest voor het eerst dit seizoen in de Eredivisie.",
     "De doelpunten van Ajax vallen allemaal in de tweede helft.",
     "Supporters van Feyenoord zijn teleurgesteld over de nederlaag.",
     "Ajax gaat na de topper alleen aan kop in de Eredivisie."},
};

Document Doc(const std::string& id, const std::string& site, int topic, std::vector<int> sentences,
             const std::string& published) {
  Document d;
  d.id = id;
  d.source = site + "/" + id + ".txt";
  d.kind = DocumentKind::kArticle;
  d.language = "nl";
  d.published = published;
  d.title = kTopics[static_cast<size_t>(topic)][static_cast<size_t>(sentences[0])];
  for (int s : sentences) {
    if (!d.text.empty()) d.text += " ";
    uint32_t start = static_cast<uint32_t>(d.text.size());
    d.text += kTopics[static_cast<size_t>(topic)][static_cast<size_t>(s)];
    d.sentences.push_back({start, static_cast<uint32_t>(d.text.size())});
  }
  // The topic's two names, as the entity stage would link them (stories weigh them high).
  for (int i = 0; i < 2; ++i) {
    std::string id = "Q-topic" + std::to_string(topic) + "-" + std::to_string(i);
    d.entities.push_back({{0, 1}, "x", "ORG", id, id, std::nullopt});
  }
  return d;
}

StoredRecord Stored(const Document& d) {
  auto r = ParseStoredRecord(RecordToJson(d), "fixture");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(*r);
}

// Twelve records over three topics and two weeks: originals (of one topic, sharing at most one
// sentence: no copies of each other), copies on other sites (one word changed), an exact copy,
// and the same record seen again at another place.
std::vector<StoredRecord> Records() {
  std::vector<Document> docs = {
      Doc("k1", "nos", 0, {0, 1, 2}, "2022-03-01T09:00:00Z"),
      Doc("o1", "nu", 1, {0, 1, 2}, "2022-03-01T10:00:00Z"),
      Doc("v1", "ad", 2, {0, 1, 2}, "2022-03-02T20:00:00Z"),
      Doc("k2", "nu", 0, {3, 4, 5}, "2022-03-02T08:00:00Z"),
      Doc("o2", "nos", 1, {3, 4, 5}, "2022-03-02T11:00:00Z"),
  };
  Document copy = docs[0];  // k1 on another site, one word changed
  copy.id = "k1c";
  copy.source = "telegraaf/k1c.txt";
  copy.text.replace(copy.text.find("vandaag"), 7, "morgen!");
  docs.push_back(copy);
  Document exact = docs[1];  // o1 again under another id (another portal's copy)
  exact.id = "o1x";
  exact.source = "rtl/o1x.txt";
  docs.push_back(exact);
  docs.push_back(Doc("v2", "nos", 2, {3, 4, 5}, "2022-03-03T08:00:00Z"));
  Document seen_again = docs[2];  // v1 shown on another page: same id, new source
  seen_again.source = "nu/sidebar.html";
  docs.push_back(seen_again);
  docs.push_back(Doc("k3", "ad", 0, {0, 3}, "2022-03-15T08:00:00Z"));  // outside the window
  docs.push_back(Doc("o3", "ad", 1, {1, 5}, "2022-03-03T12:00:00Z"));
  docs.push_back(Doc("v3", "nu", 2, {2, 4}, "2022-03-03T09:00:00Z"));
  std::vector<StoredRecord> out;
  for (const Document& d : docs) out.push_back(Stored(d));
  return out;
}

std::vector<std::string> Export(Store& store) {
  std::vector<std::string> lines;
  EXPECT_TRUE(store.ForEachRecord([&](const std::string& json) { lines.push_back(json); }).ok());
  return lines;
}

std::vector<std::string> StoryLines(Store& store) {
  QueryFilter all;
  all.limit = 0;
  auto stories = store.Stories(all);
  EXPECT_TRUE(stories.ok()) << stories.status().message();
  std::vector<std::string> out;
  if (!stories.ok()) return out;
  for (const StoryRow& s : *stories) {
    out.push_back(s.id + "|" + s.title + "|" + std::to_string(s.records) + "|" +
                  std::to_string(s.independent_reports) + "|" + std::to_string(s.sources) + "|" +
                  s.first_published.value_or("") + "|" + s.last_published.value_or("") + "|" +
                  s.central + "|" + s.lead);
  }
  return out;
}

std::vector<StoredRecord> Slice(const std::vector<StoredRecord>& all, size_t from, size_t to) {
  return std::vector<StoredRecord>(all.begin() + static_cast<long>(from), all.begin() + static_cast<long>(to));
}

TEST(RecordLinksTest, RewritesOnlyTheTopLevelFields) {
  std::string json =
      R"({"id":"a","entities":[{"story":"inner","x":{"duplicate_of":1}}],"text":"\"story\": no",)"
      R"("duplicate_of":null,"story":"s-old","tail":[1,{"a":"}"}]})";
  EXPECT_EQ(WithCorpusLinks(json, std::string("b\"1"), std::string("s-b")),
            R"({"id":"a","entities":[{"story":"inner","x":{"duplicate_of":1}}],"text":"\"story\": no",)"
            R"("duplicate_of":"b\"1","story":"s-b","tail":[1,{"a":"}"}]})");
  EXPECT_EQ(WithCorpusLinks(R"({"id":"a","story":"s-x"})", std::nullopt, std::string("s-a")),
            R"({"id":"a","story":"s-a","duplicate_of":null})");
  EXPECT_EQ(WithCorpusLinks(R"({ "id" : "a" , "duplicate_of" : "q" })", std::nullopt, std::string("s-a")),
            R"({ "id" : "a" , "duplicate_of" : null ,"story":"s-a"})");
  EXPECT_EQ(WithCorpusLinks("{}", std::nullopt, std::string("s")), R"({"duplicate_of":null,"story":"s"})");
  EXPECT_EQ(WithCorpusLinks("[1]", std::nullopt, std::string("s")), "[1]");
}

TEST_P(CorpusBackendTest, LinksEqualOneCorpusIndexOverAllRecordsInOrder) {
  std::vector<StoredRecord> records = Records();
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(records).ok());
  ASSERT_TRUE(store->SaveCorpus().ok());

  // The reference: analyze's batch pass over the same records in the same order (the record
  // seen again at another place is one more Add of the same id, as in analyze).
  CorpusIndex corpus;
  std::map<std::string, Document> expected;
  for (const StoredRecord& r : records) {
    Document d = r.document;
    corpus.Add(d);
    expected.try_emplace(d.id, d);
  }
  std::vector<std::string> lines = Export(*store);
  ASSERT_EQ(lines.size(), 11u);
  int copies = 0;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);
    const Document& d = expected.at(j["id"]);
    EXPECT_EQ(j["duplicate_of"].is_null() ? std::optional<std::string>() : j["duplicate_of"].get<std::string>(),
              d.duplicate_of) << d.id;
    EXPECT_EQ(j["story"], *d.story) << d.id;
    copies += d.duplicate_of.has_value();
    // Everything else as the record was first given.
    for (const StoredRecord& r : records) {
      if (r.document.id != d.id) continue;
      EXPECT_EQ(WithCorpusLinks(r.json, d.duplicate_of, d.story), line);
      break;
    }
  }
  EXPECT_EQ(copies, 2);  // k1c -> k1, o1x -> o1
  EXPECT_EQ(expected.at("k1c").duplicate_of, "k1");
  EXPECT_EQ(expected.at("k1c").story, expected.at("k1").story);
  EXPECT_EQ(expected.at("k2").story, expected.at("k1").story);   // same topic, next day
  EXPECT_NE(expected.at("k3").story, expected.at("k1").story);   // two weeks later
  EXPECT_NE(expected.at("o1").story, expected.at("k1").story);

  // Story rows equal the index's summaries.
  auto summaries = corpus.stories().Summaries();
  auto st = store->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->stories, static_cast<int64_t>(summaries.size()));
  EXPECT_EQ(st->duplicates, 2);
  for (const StorySummary& s : summaries) {
    auto row = store->Story(s.id);
    ASSERT_TRUE(row.ok() && row->has_value()) << s.id;
    const StoryRow& r = **row;
    EXPECT_EQ(r.title, s.title);
    EXPECT_EQ(r.records, static_cast<int64_t>(s.records));
    EXPECT_EQ(r.independent_reports, static_cast<int64_t>(s.independent_reports));
    EXPECT_EQ(r.sources, static_cast<int64_t>(s.sources));
    EXPECT_EQ(r.first_published, s.first_published);
    EXPECT_EQ(r.central, s.central);
    // Distinct stored records, in ingest order.
    std::vector<std::string> ids;
    for (const std::string& id : s.record_ids)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    EXPECT_EQ(r.record_ids, ids);
  }
  // v1 seen again at another place counts as one more record (and source) of its story.
  auto v1 = store->Story(*expected.at("v1").story);
  ASSERT_TRUE(v1.ok() && v1->has_value());
  EXPECT_EQ((*v1)->records, static_cast<int64_t>((*v1)->record_ids.size()) + 1);
  auto none = store->Story("s-nothing");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

// Ingesting in parts, with the store closed in between (saved, or killed before saving), links
// exactly as ingesting everything at once.
TEST_P(CorpusBackendTest, IngestInPartsLinksAsIngestAtOnce) {
  std::vector<StoredRecord> records = Records();
  std::string whole = Path("whole.db"), parts = Path("parts.db"), killed = Path("killed.db");
  {
    auto s = Open(whole);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(records).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  for (size_t cut : {size_t{1}, size_t{5}, size_t{8}}) {
    fs::remove(parts), fs::remove(parts + "-wal"), fs::remove(parts + "-shm");
    fs::remove(killed), fs::remove(killed + "-wal"), fs::remove(killed + "-shm");
    loc_.Forget(parts), loc_.Forget(killed);
    {
      auto s = Open(parts);
      ASSERT_TRUE(s);
      ASSERT_TRUE(s->PutBatch(Slice(records, 0, cut)).ok());
      ASSERT_TRUE(s->SaveCorpus().ok());
    }
    {
      auto s = Open(parts);  // restores the saved index
      ASSERT_TRUE(s);
      ASSERT_TRUE(s->PutBatch(Slice(records, cut, records.size())).ok());
      ASSERT_TRUE(s->SaveCorpus().ok());
    }
    {
      auto s = Open(killed);
      ASSERT_TRUE(s);
      // Batches of one, never saved: the next open replays them from the records.
      for (size_t i = 0; i < cut; ++i) ASSERT_TRUE(s->PutBatch(Slice(records, i, i + 1)).ok());
    }
    {
      auto s = Open(killed);
      ASSERT_TRUE(s);
      ASSERT_TRUE(s->PutBatch(Slice(records, cut, records.size())).ok());
      ASSERT_TRUE(s->SaveCorpus().ok());
    }
    auto a = Open(whole, OpenMode::kReadOnly), b = Open(parts, OpenMode::kReadOnly),
         c = Open(killed, OpenMode::kReadOnly);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(Export(*a), Export(*b)) << "cut " << cut;
    EXPECT_EQ(Export(*a), Export(*c)) << "cut " << cut;
    EXPECT_EQ(StoryLines(*a), StoryLines(*b)) << "cut " << cut;
    EXPECT_EQ(StoryLines(*a), StoryLines(*c)) << "cut " << cut;
  }
}

// A saved state this build cannot use (damaged here; or written with other options) is not
// trusted: the index is rebuilt from the stored records, with the same result.
TEST_P(CorpusBackendTest, DamagedSavedStateIsRebuiltFromTheRecords) {
  std::vector<StoredRecord> records = Records();
  std::string whole = Path("whole.db"), damaged = Path("damaged.db");
  {
    auto s = Open(whole);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(records).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  {
    auto s = Open(damaged);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(Slice(records, 0, 6)).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  if (loc_.postgres()) {
    PGconn* c = PQconnectdb(loc_.Where(damaged).c_str());
    PGresult* r = PQexec(c, "UPDATE corpus_state SET state = substring(state from 1 for length(state) / 2)");
    ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
  } else {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(damaged.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE corpus_state SET state = substr(state, 1, length(state) / 2)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  {
    auto s = Open(damaged);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(Slice(records, 6, records.size())).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  auto a = Open(whole, OpenMode::kReadOnly), b = Open(damaged, OpenMode::kReadOnly);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(Export(*a), Export(*b));
  EXPECT_EQ(StoryLines(*a), StoryLines(*b));
}

// CorpusIndex's saved bytes restore to an index that decides exactly as the original.
TEST(CorpusStateTest, RestoredIndexSerialisesToTheSameBytesAndDecidesAlike) {
  std::vector<StoredRecord> records = Records();
  CorpusIndex original;
  for (size_t i = 0; i < 6; ++i) {
    Document d = records[i].document;
    original.Add(d);
  }
  std::string bytes = original.Serialize();
  CorpusIndex restored;
  ASSERT_TRUE(restored.Restore(bytes));
  EXPECT_EQ(restored.Serialize(), bytes);
  EXPECT_FALSE(restored.Restore(bytes.substr(0, bytes.size() - 1)));  // truncated: refused
  EXPECT_FALSE(restored.Restore(bytes + "x"));                        // trailing bytes: refused
  CorpusOptions other;
  other.duplicates.jaccard_threshold = 0.5;
  CorpusIndex different(other);
  EXPECT_FALSE(different.Restore(bytes));  // built with other options
  for (size_t i = 6; i < records.size(); ++i) {
    Document a = records[i].document, b = records[i].document;
    original.Add(a);
    restored.Add(b);
    EXPECT_EQ(a.duplicate_of, b.duplicate_of) << a.id;
    EXPECT_EQ(a.story, b.story) << a.id;
  }
  EXPECT_EQ(restored.Serialize(), original.Serialize());
}

TEST_P(CorpusBackendTest, ReingestAddsNothingToStories) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Records()).ok());
  std::vector<std::string> before = StoryLines(*store);
  auto again = store->PutBatch(Records());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(StoryLines(*store), before);
}

TEST_P(CorpusBackendTest, StoriesNewestFirstWithFiltersAndLeadSentence) {
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch(Records()).ok());
  ASSERT_TRUE(store->SaveCorpus().ok());
  QueryFilter all;
  all.limit = 0;
  auto stories = store->Stories(all);
  ASSERT_TRUE(stories.ok()) << stories.status().message();
  ASSERT_GE(stories->size(), 4u);
  EXPECT_EQ(stories->front().id, "s-k3");  // the latest record of all
  for (size_t i = 1; i < stories->size(); ++i)
    EXPECT_GE((*stories)[i - 1].last_published, (*stories)[i].last_published);
  EXPECT_EQ(stories->front().lead, kTopics[0][0]);  // k3 alone: its first sentence
  // A filtered listing holds exactly the stories of the records the same filter finds.
  auto stories_of_hits = [&](const QueryFilter& f) {
    QueryFilter g = f;
    g.limit = 0;
    auto hits = store->Search(g);
    EXPECT_TRUE(hits.ok());
    std::set<std::string> ids;
    for (const SearchHit& h : *hits) ids.insert(nlohmann::json::parse(h.json)["story"].get<std::string>());
    return ids;
  };
  auto listed = [&](const QueryFilter& f) {
    auto rows = store->Stories(f);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::set<std::string> ids;
    for (const StoryRow& r : *rows) ids.insert(r.id);
    return ids;
  };
  QueryFilter f;
  f.limit = 0;
  f.text = "overstromingen limburg";
  EXPECT_EQ(listed(f), stories_of_hits(f));
  EXPECT_EQ(listed(f).count(*nlohmann::json::parse(Export(*store)[1])["story"].get_ptr<const std::string*>()), 1u);
  f.text = "feyenoord";
  EXPECT_EQ(listed(f), stories_of_hits(f));
  EXPECT_FALSE(listed(f).empty());
  f = {};
  f.limit = 0;
  f.from = "2022-03-10";
  EXPECT_EQ(listed(f), std::set<std::string>{"s-k3"});
  f.from = "";
  f.entity = "Q-topic1-0";
  EXPECT_EQ(listed(f), stories_of_hits(f));
  f.limit = 1;
  auto one = store->Stories(f);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
  // The flood story: o1, its exact copy o1x, and whatever joined; independent reports leave
  // the copy out.
  auto flood = store->Story("s-o1");
  ASSERT_TRUE(flood.ok() && flood->has_value());
  EXPECT_EQ((*flood)->record_ids[0], "o1");
  EXPECT_EQ((*flood)->record_ids[1], "o1x");
  EXPECT_EQ((*flood)->independent_reports, (*flood)->records - 1);
  EXPECT_EQ((*flood)->lead, kTopics[1][0]);
  f.text = "\" OR 1=1 --";  // only words reach FTS
  EXPECT_TRUE(store->Stories(f).ok());
}

TEST_P(CorpusBackendTest, MentionsAreTheRecordAndItsCopies) {
  Document a = Doc("m1", "nos", 0, {0, 1}, "2022-03-01T09:00:00Z");
  Event e;
  e.sentence = 1;
  e.source = {"Hoekstra", "NLD", "Q1", ByteSpan{a.sentences[1].start + 9, a.sentences[1].start + 17}};
  e.target = EventActor{"Tweede Kamer", "NLDLEG", "Q2", std::nullopt};
  e.cameo = "051";
  e.root = "05";
  e.goldstein = 3.5;
  e.plover = "X";
  e.trigger = "verdedigt";
  e.trigger_span = ByteSpan{a.sentences[1].start + 18, a.sentences[1].start + 27};
  a.events = {e};
  Document copy = a;  // the same text elsewhere: a copy with its own coding of the event
  copy.id = "m2";
  copy.source = "https://www.telegraaf.nl/m2";
  copy.published = "2022-03-02T09:00:00Z";
  Document lost = a;  // a copy whose coder missed the event
  lost.id = "m3";
  lost.source = "ad/m3.txt";
  lost.events.clear();
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch({Stored(a), Stored(copy), Stored(lost)}).ok());
  std::vector<MentionRow> rows;
  ASSERT_TRUE(store->ExportMentions([&](const MentionRow& m) { rows.push_back(m); }).ok());
  ASSERT_EQ(rows.size(), 3u);
  std::vector<EventRow> events;
  ASSERT_TRUE(store->ExportEvents([&](const EventRow& ev) { events.push_back(ev); }).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].articles, 3);
  for (const MentionRow& m : rows) {
    EXPECT_EQ(m.event_id, events[0].event_id);
    EXPECT_EQ(m.event_published, "2022-03-01T09:00:00Z");
  }
  EXPECT_EQ(rows[0].record_id, "m1");
  EXPECT_FALSE(rows[0].copy);
  EXPECT_EQ(rows[0].sentence_index, 1);
  // Code points, not bytes: "geëvacueerd" is not in this text, so count by hand.
  const int64_t sentence_chars = static_cast<int64_t>(kTopics[0][0].size()) + 1;
  EXPECT_EQ(rows[0].source_char, sentence_chars + 9);
  EXPECT_EQ(rows[0].trigger_char, sentence_chars + 18);
  EXPECT_FALSE(rows[0].target_char.has_value());  // the target has no span in the text
  EXPECT_EQ(rows[0].chars, static_cast<int64_t>(a.text.size()));
  EXPECT_EQ(rows[1].record_id, "m2");
  EXPECT_TRUE(rows[1].copy);
  EXPECT_TRUE(rows[1].matched);
  EXPECT_EQ(rows[1].source, "https://www.telegraaf.nl/m2");
  EXPECT_EQ(rows[1].published, "2022-03-02T09:00:00Z");
  EXPECT_EQ(rows[1].source_char, rows[0].source_char);
  EXPECT_EQ(rows[2].record_id, "m3");
  EXPECT_FALSE(rows[2].matched);
  EXPECT_FALSE(rows[2].sentence_index.has_value());
}

TEST_P(CorpusBackendTest, CharacterOffsetsCountCodePoints) {
  Document a = Doc("c1", "nos", 1, {2}, "2022-03-01T09:00:00Z");  // "... geëvacueerd ..."
  Event e;
  size_t at = a.text.find("overstromingen");
  e.source = {"x", "NLD", std::nullopt, ByteSpan{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 4)}};
  e.cameo = "010";
  e.root = "01";
  e.trigger = "t";
  a.events = {e};
  auto store = Open(Path("w.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutBatch({Stored(a)}).ok());
  std::vector<MentionRow> rows;
  ASSERT_TRUE(store->ExportMentions([&](const MentionRow& m) { rows.push_back(m); }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].source_char, static_cast<int64_t>(at) - 1);  // ë is two bytes, one character
  EXPECT_EQ(rows[0].chars, static_cast<int64_t>(a.text.size()) - 1);
}

// --- a store of schema version 1, as the first wirewatch with a store wrote it ---

// Schema 1, frozen (sqlite_store.cc's first migration step, which never changes).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE migrations(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL,
                        description TEXT NOT NULL);
CREATE TABLE records(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  parent TEXT, source TEXT NOT NULL, title TEXT, published TEXT, day TEXT, language TEXT,
  duplicate_of TEXT, story TEXT, json TEXT NOT NULL);
CREATE INDEX records_day ON records(day);
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE TABLE record_sources(record INTEGER NOT NULL REFERENCES records(rowid), source TEXT NOT NULL,
  PRIMARY KEY(record, source)) WITHOUT ROWID;
CREATE TABLE entities(record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,
  text TEXT NOT NULL, type TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL, actor TEXT);
CREATE INDEX entities_record ON entities(record);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE quotes(record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL, text TEXT NOT NULL, direct INTEGER NOT NULL,
  speaker TEXT NOT NULL, speaker_id TEXT, speaker_actor TEXT, cue TEXT NOT NULL, day TEXT,
  sentence TEXT NOT NULL);
CREATE INDEX quotes_record ON quotes(record);
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
CREATE TABLE events(record INTEGER NOT NULL REFERENCES records(rowid),
  sentence_index INTEGER NOT NULL, source_text TEXT NOT NULL, source_actor TEXT, source_id TEXT,
  target_text TEXT, target_actor TEXT, target_id TEXT, cameo TEXT NOT NULL, root TEXT NOT NULL,
  goldstein REAL NOT NULL, quad_class INTEGER NOT NULL, plover TEXT NOT NULL,
  trigger_text TEXT NOT NULL, negated INTEGER NOT NULL, date TEXT, day TEXT, location TEXT,
  sentence TEXT NOT NULL);
CREATE INDEX events_record ON events(record);
CREATE INDEX events_pair ON events(source_actor, target_actor, day);
CREATE INDEX events_target ON events(target_actor);
CREATE TABLE times(record INTEGER NOT NULL REFERENCES records(rowid),
  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL, text TEXT NOT NULL, value TEXT);
CREATE INDEX times_record ON times(record);
CREATE VIRTUAL TABLE records_fts USING fts5(title, text, content='',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO migrations VALUES(1, '2026-12-01T00:00:00Z', 'records, sources, entities, quotes, events, times, full-text index');
PRAGMA application_id = 1465336898;
PRAGMA user_version = 1;
)sql";

// Writes `records` as schema 1 stored them: the JSON as given (links from a batch-local
// analyze pass, here deliberately wrong), record_sources, full text.
void MakeV1Store(const std::string& path, const std::vector<StoredRecord>& records) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, kSchemaV1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_stmt* ins = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO records(id, kind, source, title, published, day, language, "
                               "duplicate_of, story, json) VALUES(?,?,?,?,?,substr(?5,1,10),'nl',NULL,?,?)",
                               -1, &ins, nullptr),
            SQLITE_OK);
  for (const StoredRecord& r : records) {
    const Document& d = r.document;
    std::string story = "s-batch-local-" + d.id;
    std::string json = WithCorpusLinks(r.json, std::nullopt, story);
    sqlite3_reset(ins);
    sqlite3_bind_text(ins, 1, d.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, "article", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, d.source.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, d.title->c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 5, d.published->c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 6, story.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 7, json.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(ins), SQLITE_DONE);
    for (const char* sql : {"INSERT INTO record_sources VALUES(last_insert_rowid(), ?1)",
                            "INSERT INTO records_fts(rowid, title, text) "
                            "VALUES((SELECT MAX(rowid) FROM records), ?2, ?3)"}) {
      sqlite3_stmt* more = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &more, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
      sqlite3_bind_text(more, 1, d.source.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(more, 2, d.title->c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(more, 3, d.text.c_str(), -1, SQLITE_TRANSIENT);
      EXPECT_EQ(sqlite3_step(more), SQLITE_DONE) << sqlite3_errmsg(db);
      sqlite3_finalize(more);
    }
  }
  sqlite3_finalize(ins);
  sqlite3_close(db);
}

TEST_F(CorpusStoreTest, MigratesSchemaOneAndLinksItsRecords) {
  std::vector<StoredRecord> records = Records();
  // Schema 1 held each id once; the record seen again is left out of the old store.
  std::vector<StoredRecord> old;
  for (size_t i = 0; i < 6; ++i) old.push_back(records[i]);
  std::string v1 = Path("v1.db"), fresh = Path("fresh.db");
  MakeV1Store(v1, old);
  {
    auto ro = OpenSqliteStore(v1, OpenMode::kReadOnly);
    ASSERT_FALSE(ro.ok());
    EXPECT_NE(ro.status().message().find("old schema version 1"), std::string::npos);
  }
  {
    auto s = Open(v1);  // migrates to the current version
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(Slice(records, 6, records.size())).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  {
    auto s = Open(fresh);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->PutBatch(old).ok());
    ASSERT_TRUE(s->PutBatch(Slice(records, 6, records.size())).ok());
    ASSERT_TRUE(s->SaveCorpus().ok());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(v1.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT (SELECT MAX(version) FROM migrations), "
                               "(SELECT COUNT(*) FROM records WHERE chars > 0)", -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), kStoreSchemaVersion);
  EXPECT_EQ(sqlite3_column_int(st, 1), 11);  // the old records' lengths filled by the migration
  sqlite3_finalize(st);
  sqlite3_close(raw);
  auto a = Open(v1, OpenMode::kReadOnly), b = Open(fresh, OpenMode::kReadOnly);
  ASSERT_TRUE(a && b);
  // The old records now carry the store's links (not their batch-local ones), as if ingested
  // by this version from the start.
  EXPECT_EQ(Export(*a), Export(*b));
  EXPECT_EQ(StoryLines(*a), StoryLines(*b));
  for (const std::string& line : Export(*a)) EXPECT_EQ(line.find("batch-local"), std::string::npos);
  auto st2 = a->Stats();
  ASSERT_TRUE(st2.ok());
  EXPECT_EQ(st2->duplicates, 2);
  EXPECT_GT(st2->stories, 0);
}

}  // namespace
}  // namespace wirewatch
