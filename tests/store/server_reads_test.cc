// The Store reads the server uses (issue 13): one record by id, paged search/events/quotes with
// totals, the entity listing (LIKE wildcards literal), facets, the actor network (copies and
// negated events left out), speakers and the Stories/Story stand-in, against counts worked out
// by hand on a four-record fixture.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "core/record_json.h"
#include "store/store.h"
#include "support/store_backends.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;

Document Doc(const std::string& id, const std::string& title,
             const std::vector<std::string>& sentences, const std::string& published,
             DocumentKind kind = DocumentKind::kArticle) {
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

Event Ev(uint32_t sentence, const std::string& src, const std::string& tgt,
         const std::string& cameo, double goldstein, bool negated = false) {
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
  return e;
}

Quote Q(const Document& d, const std::string& speaker, std::optional<std::string> id) {
  Quote q;
  q.span = {d.sentences[0].start, d.sentences[0].end};
  q.text = d.text.substr(q.span.start, q.span.end - q.span.start);
  q.speaker = speaker;
  q.speaker_id = std::move(id);
  q.cue = "zei";
  return q;
}

// a1 and its copy a2 (story s1), a brief b1 (story s2), c1 (no story).
std::vector<StoredRecord> Fixture() {
  Document a1 = Doc("a1", "Rusland en Oekraïne", {"Rusland beschuldigt Oekraïne.", "Tweede zin."},
                    "2022-01-12");
  a1.entities.push_back({{0, 7}, "Rusland", "LOC", "Q159", "Rusland", "RUS"});
  a1.entities.push_back({{20, 28}, "Oekraïne", "LOC", "Q212", "Oekraïne", "UKR"});
  a1.entities.push_back({{0, 7}, "Rusland", "LOC", "Q159", "Rusland", "RUS"});
  a1.events = {Ev(0, "RUS", "UKR", "112", -2.0), Ev(1, "NATO", "RUS", "0256", 3.0),
               Ev(0, "RUS", "UKR", "190", -10.0, /*negated=*/true)};
  a1.quotes.push_back(Q(a1, "Vladimir Poetin", "Q7747"));
  a1.story = "s1";
  Document a2 = Doc("a2", "Rusland en Oekraïne (kopie)", {"Rusland beschuldigt Oekraïne."},
                    "2022-01-13");
  a2.entities.push_back({{0, 7}, "Rusland", "LOC", "Q159", "Rusland", "RUS"});
  a2.events = {Ev(0, "RUS", "UKR", "112", -2.0)};
  a2.duplicate_of = "a1";
  a2.story = "s1";
  Document b1 = Doc("b1", "Kort", {"Vijftig procent korting."}, "2022-01-20", DocumentKind::kBrief);
  b1.entities.push_back({{0, 7}, "Vijftig", "MISC", "L9", "50%_korting", std::nullopt});
  b1.parent = "a1";
  b1.story = "s2";
  Document c1 = Doc("c1", "Later", {"Poetin sprak opnieuw."}, "2022-02-03");
  c1.quotes.push_back(Q(c1, "Vladimir Poetin", "Q7747"));
  c1.quotes.push_back(Q(c1, "de minister", std::nullopt));
  std::vector<StoredRecord> out;
  for (const Document* d : {&a1, &a2, &b1, &c1}) {
    auto r = ParseStoredRecord(RecordToJson(*d), "fixture");
    EXPECT_TRUE(r.ok()) << r.status().message();
    out.push_back(std::move(*r));
  }
  return out;
}

class ServerReadsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    loc_.backend = GetParam();
    WIREWATCH_REQUIRE_BACKEND(loc_);
    dir_ = fs::temp_directory_path() / ("wirewatch_server_reads_" + std::to_string(::getpid()) +
                                        "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string path = loc_.Where((dir_ / "s.db").string());
    {
      auto w = OpenStore(path, OpenMode::kReadWriteCreate);
      ASSERT_TRUE(w.ok()) << w.status().message();
      ASSERT_TRUE((*w)->PutBatch(Fixture()).ok());
    }
    auto r = OpenStore(path, OpenMode::kReadOnly);
    ASSERT_TRUE(r.ok()) << r.status().message();
    store_ = std::move(*r);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  testing_support::StoreLocation loc_;
  std::unique_ptr<Store> store_;
};
INSTANTIATE_TEST_SUITE_P(Backends, ServerReadsTest, ::testing::ValuesIn(testing_support::StoreBackends()),
                         testing_support::BackendName);

TEST_P(ServerReadsTest, RecordById) {
  auto hit = store_->Record("b1");
  ASSERT_TRUE(hit.ok());
  ASSERT_TRUE(hit->has_value());
  EXPECT_EQ((*hit)->kind, "brief");
  EXPECT_NE((*hit)->json.find("\"parent\":\"a1\""), std::string::npos) << (*hit)->json;
  auto none = store_->Record("zz' OR 1=1 --");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(ServerReadsTest, PagesWalkTheWholeListAndCountIt) {
  QueryFilter all;
  all.limit = 0;
  auto full = store_->Search(all);
  ASSERT_TRUE(full.ok());
  ASSERT_EQ(full->size(), 4u);
  QueryFilter one;
  one.limit = 1;
  for (int64_t offset = 0; offset < 5; ++offset) {
    auto page = store_->SearchPage(one, offset);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->total, 4);
    if (offset < 4) {
      ASSERT_EQ(page->rows.size(), 1u);
      EXPECT_EQ(page->rows[0].id, (*full)[static_cast<size_t>(offset)].id);
    } else {
      EXPECT_TRUE(page->rows.empty());
    }
  }
  QueryFilter text;
  text.text = "rusland";
  text.limit = 1;
  auto ranked = store_->SearchPage(text, 0);
  ASSERT_TRUE(ranked.ok());
  EXPECT_EQ(ranked->total, 2);  // a1 and a2
  auto events = store_->EventsPage(one, 1);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->total, 4);  // negated events are listed by Events, as the CLI does
  EXPECT_EQ(events->rows.size(), 1u);
  QueryFilter poetin;
  poetin.entity = "Vladimir Poetin";
  auto quotes = store_->QuotesPage(poetin, 0);
  ASSERT_TRUE(quotes.ok());
  EXPECT_EQ(quotes->total, 2);
  QueryFilter bad;
  bad.text = "\"*";
  EXPECT_EQ(store_->SearchPage(bad, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(ServerReadsTest, EntitiesMostMentionedFirstWithLiteralWildcards) {
  EntityQuery q;
  auto all = store_->Entities(q);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 3);
  ASSERT_EQ(all->rows.size(), 3u);
  EXPECT_EQ(all->rows[0].id, "Q159");
  EXPECT_EQ(all->rows[0].mentions, 3);
  EXPECT_EQ(all->rows[0].records, 2);
  EXPECT_EQ(all->rows[0].actor, "RUS");
  q.name = "%";
  auto percent = store_->Entities(q);
  ASSERT_TRUE(percent.ok());
  ASSERT_EQ(percent->total, 1);
  EXPECT_EQ(percent->rows[0].id, "L9");
  q.name = "n_";  // "_" is a letter here, not "any character": nothing has "n_" in its name
  EXPECT_EQ(store_->Entities(q)->total, 0);
  q.name = "RUSL";  // case-insensitive
  EXPECT_EQ(store_->Entities(q)->total, 1);
  q = {};
  q.type = "MISC";
  EXPECT_EQ(store_->Entities(q)->total, 1);
  q = {};
  q.limit = 1;
  q.offset = 2;
  auto last = store_->Entities(q);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->rows.size(), 1u);
  EXPECT_EQ(last->total, 3);
}

TEST_P(ServerReadsTest, FacetsCountRecordsOfTheSelection) {
  QueryFilter f;
  auto facets = store_->Facets(f, 10);
  ASSERT_TRUE(facets.ok()) << facets.status().message();
  std::map<std::string, int64_t> got;
  for (const auto& v : *facets) got[v.facet + ":" + v.value] = v.count;
  EXPECT_EQ(got["actor:RUS"], 2);
  EXPECT_EQ(got["actor:UKR"], 1);
  EXPECT_EQ(got["entity:Q159"], 2);
  EXPECT_EQ(got["root:11"], 2);
  EXPECT_EQ(got["root:02"], 1);
  EXPECT_EQ(got["root:19"], 1);
  EXPECT_EQ(got["kind:article"], 3);
  EXPECT_EQ(got["kind:brief"], 1);
  EXPECT_EQ(got["month:2022-01"], 3);
  EXPECT_EQ(got["month:2022-02"], 1);
  f.kind = "brief";
  auto briefs = store_->Facets(f, 10);
  ASSERT_TRUE(briefs.ok());
  for (const auto& v : *briefs)
    if (v.facet == "kind") EXPECT_EQ(v.value, "brief");
}

TEST_P(ServerReadsTest, NetworkCountsIndependentNonNegatedEvents) {
  QueryFilter f;
  f.limit = 10;
  auto edges = store_->ActorNetwork(f);
  ASSERT_TRUE(edges.ok()) << edges.status().message();
  ASSERT_EQ(edges->size(), 2u);
  std::map<std::string, ActorEdge> by;
  for (const auto& e : *edges) by[e.source + ">" + e.target] = e;
  EXPECT_EQ(by["RUS>UKR"].events, 1);  // the copy a2 and the negated 190 left out
  EXPECT_DOUBLE_EQ(by["RUS>UKR"].goldstein_mean, -2.0);
  EXPECT_EQ(by["NATO>RUS"].events, 1);
}

TEST_P(ServerReadsTest, SpeakersMostQuotedFirst) {
  QueryFilter f;
  f.limit = 10;
  auto speakers = store_->Speakers(f);
  ASSERT_TRUE(speakers.ok());
  ASSERT_EQ(speakers->size(), 2u);
  EXPECT_EQ((*speakers)[0].speaker, "Vladimir Poetin");
  EXPECT_EQ((*speakers)[0].quotes, 2);
  EXPECT_EQ((*speakers)[0].records, 2);
  EXPECT_EQ((*speakers)[1].speaker, "de minister");
  EXPECT_FALSE((*speakers)[1].speaker_id.has_value());
}

}  // namespace
}  // namespace wirewatch
