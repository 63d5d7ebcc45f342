// Unit tests of incremental story clustering and the corpus pass on small made-up records.
#include "corpus/stories.h"

#include <gtest/gtest.h>

#include "corpus/corpus.h"

namespace wirewatch {
namespace {

Document Record(std::string id, std::string title, std::string text, std::string published,
                std::string source = "pages/x.txt") {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.text = std::move(text);
  d.published = std::move(published);
  d.source = std::move(source);
  return d;
}

EntityMention Entity(std::string id, std::string name) {
  EntityMention e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.text = e.name;
  e.type = "ORG";
  return e;
}

const char* kSanctions =
    "De Europese Unie heeft nieuwe sancties tegen Rusland aangekondigd. De maatregelen treffen "
    "banken, energiebedrijven en tientallen functionarissen. Hongarije stemde na lang aarzelen "
    "toch in met het sanctiepakket.";
const char* kSanctions2 =
    "Het Kremlin reageert woedend op het Europese sanctiepakket. Rusland dreigt met "
    "tegenmaatregelen tegen Europese banken en energiebedrijven. Hongarije vraagt garanties.";
const char* kFloods =
    "Na dagen van zware regenval staan grote delen van Limburg onder water. Bewoners van "
    "Valkenburg werden geëvacueerd; de Maas bereikt vannacht haar hoogste stand.";
const char* kFootball =
    "Ajax heeft de topper tegen Feyenoord gewonnen. De Amsterdammers kwamen op voorsprong "
    "door een doelpunt in de eerste helft en gaven die niet meer uit handen.";

TEST(SourceSite, HostElsePathWithoutItem) {
  Document d;
  d.source = "dump.jsonl#42";
  EXPECT_EQ(SourceSite(d), "dump.jsonl");
  d.url = "https://WWW.Nu.nl/buitenland/123.html";
  EXPECT_EQ(SourceSite(d), "nu.nl");
  Document w;
  w.source = "http://user@ad.nl:8080/a?b";
  EXPECT_EQ(SourceSite(w), "ad.nl");
}

TEST(StoryIndex, SameDevelopmentJoinsUnrelatedDoesNot) {
  StoryIndex stories;
  Document a = Record("a", "EU kondigt nieuwe sancties tegen Rusland aan", kSanctions, "2022-03-01");
  a.entities = {Entity("Q458", "Europese Unie"), Entity("Q159", "Rusland"), Entity("Q28", "Hongarije")};
  Document b = Record("b", "Kremlin woedend over Europese sancties", kSanctions2, "2022-03-02");
  b.entities = {Entity("Q159", "Rusland"), Entity("Q458", "Europese Unie"), Entity("Q28", "Hongarije")};
  Document c = Record("c", "Limburg onder water", kFloods, "2022-03-02");
  Document d = Record("d", "Ajax wint de topper", kFootball, "2022-03-02");
  EXPECT_EQ(stories.Add(a), "s-a");
  EXPECT_EQ(stories.Add(c), "s-c");
  EXPECT_EQ(stories.Add(b), "s-a");
  EXPECT_EQ(stories.Add(d), "s-d");
  EXPECT_EQ(stories.size(), 3u);
}

TEST(StoryIndex, TimeWindowSeparatesLaterRecurrence) {
  StoryIndex stories;
  Document a = Record("a", "EU kondigt nieuwe sancties tegen Rusland aan", kSanctions, "2022-03-01");
  Document b = Record("b", "EU kondigt nieuwe sancties tegen Rusland aan", kSanctions, "2022-06-01");
  b.id = "b";
  EXPECT_EQ(stories.Add(a), "s-a");
  EXPECT_EQ(stories.Add(b), "s-b");  // same words, three months later: a new development
}

TEST(StoryIndex, SummaryCountsIndependentReportsAndSources) {
  CorpusIndex corpus;
  // Two unrelated records first: idf needs a few records to tell shared words from common ones.
  std::vector<Document> docs = {
      Record("f", "Limburg onder water", kFloods, "2022-03-01", "https://nos.nl/artikel/4"),
      Record("g", "Ajax wint de topper", kFootball, "2022-03-01", "https://nos.nl/artikel/5"),
      Record("a", "EU kondigt sancties aan", kSanctions, "2022-03-01", "https://nos.nl/artikel/1"),
      Record("b", "EU kondigt sancties aan", std::string(kSanctions) + " (ANP)", "2022-03-01",
             "https://www.ad.nl/buitenland/2"),
      Record("c", "Kremlin woedend over Europese sancties", kSanctions2, "2022-03-02", "https://nos.nl/artikel/3"),
      Record("a", "EU kondigt sancties aan", kSanctions, "2022-03-01", "https://nu.nl/x"),
  };
  for (size_t i : {2, 3, 4, 5})
    docs[i].entities = {Entity("Q458", "Europese Unie"), Entity("Q159", "Rusland"), Entity("Q28", "Hongarije")};
  for (Document& d : docs) corpus.Add(d);
  EXPECT_EQ(docs[2].duplicate_of, std::nullopt);
  EXPECT_EQ(docs[3].duplicate_of, "a");
  EXPECT_EQ(docs[5].duplicate_of, "a");  // the same record again on a third site
  EXPECT_EQ(docs[0].story, "s-f");
  EXPECT_EQ(docs[1].story, "s-g");
  EXPECT_EQ(docs[2].story, "s-a");
  EXPECT_EQ(docs[3].story, "s-a");
  EXPECT_EQ(docs[4].story, "s-a");  // the Kremlin's reaction: same development
  EXPECT_EQ(docs[5].story, "s-a");
  auto summaries = corpus.stories().Summaries();
  ASSERT_EQ(summaries.size(), 3u);
  const StorySummary& s = summaries[2];
  EXPECT_EQ(s.id, "s-a");
  EXPECT_FALSE(s.title.empty());
  EXPECT_EQ(s.records, 4u);
  EXPECT_EQ(s.independent_reports, 2u);  // a and c; b and the second a are copies
  EXPECT_EQ(s.sources, 3u);              // nos.nl, ad.nl, nu.nl
  EXPECT_EQ(s.first_published, "2022-03-01");
  EXPECT_EQ(s.last_published, "2022-03-02");
  EXPECT_EQ(s.record_ids, (std::vector<std::string>{"a", "b", "c", "a"}));
}

TEST(StoryIndex, DeterministicForAnOrder) {
  auto run = [] {
    CorpusIndex corpus;
    std::vector<std::string> out;
    for (int round = 0; round < 3; ++round) {
      for (const char* t : {kSanctions, kFloods, kSanctions2, kFootball}) {
        Document d = Record(std::to_string(out.size()), "", std::string(t) + " " + std::to_string(round),
                            "2022-03-0" + std::to_string(round + 1));
        corpus.Add(d);
        out.push_back(d.story.value_or("") + "|" + d.duplicate_of.value_or(""));
      }
    }
    return out;
  };
  EXPECT_EQ(run(), run());
}

TEST(StoryIndex, OldStoriesCloseButKeepTitleAndCopies) {
  CorpusIndex corpus;
  Document a = Record("a", "EU kondigt nieuwe sancties tegen Rusland aan", kSanctions, "2022-01-01");
  corpus.Add(a);
  // Enough later records for a closing sweep (one per 1,024 records), two months on.
  for (int i = 0; i < 1100; ++i) {
    Document d = Record("n" + std::to_string(i), "Bericht " + std::to_string(i),
                        "Regionaal nieuwsbericht nummer " + std::to_string(i) + " over gemeente" +
                            std::to_string(i % 97) + " en vereniging" + std::to_string(i % 89),
                        "2022-03-01");
    corpus.Add(d);
  }
  Document copy = Record("a2", "EU kondigt nieuwe sancties tegen Rusland aan", std::string(kSanctions) + " (ANP)",
                         "2022-03-01");
  corpus.Add(copy);
  EXPECT_EQ(copy.duplicate_of, "a");
  EXPECT_EQ(copy.story, "s-a");  // a copy still joins its original's closed story
  auto summaries = corpus.stories().Summaries();
  EXPECT_EQ(summaries[0].id, "s-a");
  EXPECT_EQ(summaries[0].title, "EU kondigt nieuwe sancties tegen Rusland aan");
  EXPECT_EQ(summaries[0].records, 2u);
  EXPECT_EQ(summaries[0].independent_reports, 1u);
  // A new record close to the closed story's dates, but arriving after it closed, starts anew.
  StoryIndex stories;
  EXPECT_EQ(stories.Add(a), "s-a");
  for (int i = 0; i < 1100; ++i) {
    Document d = Record("m" + std::to_string(i), "", "los bericht " + std::to_string(i), "2022-03-01");
    stories.Add(d);
  }
  Document late = Record("late", "EU kondigt nieuwe sancties tegen Rusland aan", kSanctions2, "2022-01-02");
  EXPECT_EQ(stories.Add(late), "s-late");
}

TEST(StoryIndex, RecordsWithoutTextOrDateStillGetAStory) {
  CorpusIndex corpus;
  Document empty;
  empty.id = "e";
  corpus.Add(empty);
  EXPECT_EQ(empty.story, "s-e");
  EXPECT_EQ(empty.duplicate_of, std::nullopt);
  Document undated = Record("u", "Ajax wint", kFootball, "");
  undated.published.reset();
  corpus.Add(undated);
  EXPECT_EQ(undated.story, "s-u");
}

}  // namespace
}  // namespace wirewatch
