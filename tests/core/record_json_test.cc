// RecordToJson: the field names and order of shared/spec/record.md, nulls, escaping.
#include "core/record_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wirewatch {
namespace {

std::vector<std::string> Keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

TEST(RecordJsonTest, EmptyDocumentHasEveryFieldInSpecOrder) {
  Document doc;
  doc.id = "0123456789abcdef";
  doc.source = "pages/a.txt";
  doc.language = "nl";
  std::string line = RecordToJson(doc);
  EXPECT_EQ(line,
            R"({"id":"0123456789abcdef","source":"pages/a.txt","url":null,"kind":"article","parent":null,)"
            R"("title":null,"dateline":null,"published":null,"author":null,"age":null,"language":"nl",)"
            R"("text":"","subheadings":[],"sentences":[],"entities":[],"quotes":[],"events":[],)"
            R"("times":[],"duplicate_of":null,"story":null})");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(RecordJsonTest, FullDocument) {
  Document doc;
  doc.id = "b";
  doc.source = "urn:uuid:1";
  doc.url = "https://nos.nl/artikel/1";
  doc.kind = DocumentKind::kBrief;
  doc.parent = "a";
  doc.title = "Kop";
  doc.dateline = Dateline{"TEHERAN/BAGDAD", {"ANP", "DPA"}};
  doc.published = "2022-01-21T13:26:00Z";
  doc.age_seconds = 2340;
  doc.language = "nl";
  doc.text = "Jens Stoltenberg zei: \"Praat.\"";
  doc.subheadings = {"Contact zoeken"};
  doc.sentences = {{0, 30}};
  doc.entities.push_back({{0, 16}, "Jens Stoltenberg", "PER", "Q57630", "Jens Stoltenberg", "NATO"});
  doc.entities.push_back({{17, 20}, "zei", "MISC", "local:x", "zei", std::nullopt});
  doc.quotes.push_back({{23, 28}, "Praat", true, "Jens Stoltenberg", "Q57630", "NATO", "zei"});
  Event e;
  e.sentence = 0;
  e.source = {"De NAVO", "NATO", "Q7184"};
  e.target = EventActor{"Rusland", "RUS", "Q159"};
  e.cameo = "0256";
  e.root = "02";
  e.goldstein = 3.0;
  e.plover = "REQUEST";
  e.trigger = "roept op";
  e.date = "2022-01-12";
  doc.events.push_back(e);
  Event untargeted = e;
  untargeted.target.reset();
  untargeted.negated = true;
  untargeted.goldstein = -6.5;
  untargeted.date.reset();
  doc.events.push_back(untargeted);
  doc.times.push_back({{0, 7}, "vrijdag", "2022-01-21"});
  doc.times.push_back({{8, 15}, "ooit", std::nullopt});
  doc.duplicate_of = "c";
  doc.story = "s1";

  auto j = nlohmann::ordered_json::parse(RecordToJson(doc));
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"id", "source", "url", "kind", "parent", "title",
                                                "dateline", "published", "author", "age", "language", "text",
                                                "subheadings", "sentences", "entities", "quotes",
                                                "events", "times", "duplicate_of", "story"}));
  EXPECT_EQ(j["url"], "https://nos.nl/artikel/1");
  EXPECT_EQ(j["kind"], "brief");
  EXPECT_EQ(j["parent"], "a");
  EXPECT_EQ(j["dateline"].dump(), R"({"place":"TEHERAN/BAGDAD","agencies":["ANP","DPA"]})");
  EXPECT_EQ(j["age"], 2340);
  EXPECT_EQ(j["sentences"].dump(), "[[0,30]]");
  EXPECT_EQ(Keys(j["entities"][0]),
            (std::vector<std::string>{"start", "end", "text", "type", "id", "name", "actor"}));
  EXPECT_EQ(j["entities"][0]["actor"], "NATO");
  EXPECT_TRUE(j["entities"][1]["actor"].is_null());
  EXPECT_EQ(Keys(j["quotes"][0]),
            (std::vector<std::string>{"start", "end", "text", "direct", "speaker", "speaker_id",
                                      "speaker_actor", "cue"}));
  EXPECT_EQ(Keys(j["events"][0]),
            (std::vector<std::string>{"sentence", "source", "target", "cameo", "root", "goldstein",
                                      "plover", "trigger", "negated", "date", "location"}));
  EXPECT_EQ(j["events"][0]["source"].dump(), R"({"text":"De NAVO","actor":"NATO","id":"Q7184"})");
  EXPECT_EQ(j["events"][0]["goldstein"], 3.0);
  EXPECT_TRUE(j["events"][0]["location"].is_null());
  EXPECT_TRUE(j["events"][1]["target"].is_null());
  EXPECT_TRUE(j["events"][1]["date"].is_null());
  EXPECT_EQ(j["events"][1]["negated"], true);
  EXPECT_EQ(Keys(j["times"][0]), (std::vector<std::string>{"start", "end", "text", "value"}));
  EXPECT_TRUE(j["times"][1]["value"].is_null());
  EXPECT_EQ(j["duplicate_of"], "c");
  EXPECT_EQ(j["story"], "s1");
}

TEST(RecordJsonTest, GoldsteinKeepsItsFraction) {
  Document doc;
  Event e;
  e.goldstein = 3.0;
  doc.events.push_back(e);
  // "3.0", not "3": the scale is real-valued.
  EXPECT_NE(RecordToJson(doc).find("\"goldstein\":3.0"), std::string::npos);
}

TEST(RecordJsonTest, Escaping) {
  Document doc;
  doc.text = std::string("\"citaat\" \\ regel\n\ttab \x01 ") + "\xC3\xA9\xE2\x82\xAC </script>";
  std::string line = RecordToJson(doc);
  EXPECT_NE(line.find(R"("text":"\"citaat\" \\ regel\n\ttab \u0001 )"), std::string::npos) << line;
  // Non-ASCII stays UTF-8 (readable, and byte offsets are into the UTF-8 text).
  EXPECT_NE(line.find("\xC3\xA9\xE2\x82\xAC"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(line)["text"], doc.text);
}

TEST(RecordJsonTest, InvalidUtf8IsReplacedNotThrown) {
  Document doc;
  doc.text = "kapot \xFF einde";
  std::string line = RecordToJson(doc);
  EXPECT_NE(line.find("kapot \xEF\xBF\xBD einde"), std::string::npos);
}

}  // namespace
}  // namespace wirewatch
