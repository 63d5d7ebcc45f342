// JSONL articles: field aliases, ids, broken and deep lines, limits, streaming.
#include <gtest/gtest.h>

#include "ingest/ingest.h"
#include "ingest_test_util.h"

namespace wirewatch {
namespace {

TEST(JsonlTest, DpgMediaLine) {
  ReadResult r = SplitJsonl(
      "dpg.jsonl",
      R"({"id": 10591867, "title": "In de krochten van de Brexit-hel", "text": "EU-president Donald Tusk zei vorige week iets.", "published_at": "2019-02-14"})",
      {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 1u);
  const Page& p = r.pages[0];
  EXPECT_EQ(p.source, "dpg.jsonl#10591867");
  EXPECT_EQ(p.format, PageFormat::kText);
  EXPECT_TRUE(p.content_is_body);
  EXPECT_EQ(p.content, "EU-president Donald Tusk zei vorige week iets.");
  EXPECT_EQ(p.title, "In de krochten van de Brexit-hel");
  EXPECT_EQ(p.published, "2019-02-14");
  EXPECT_EQ(p.url, std::nullopt);
}

TEST(JsonlTest, FieldAliases) {
  ReadResult r = SplitJsonl(
      "a.jsonl",
      "{\"_id\": \"x1\", \"headline\": \"Kop\", \"body\": \"Romp.\", \"published\": "
      "\"2022-01-21T14:05:00+01:00\", \"link\": \"https://example.nl/a\"}\n"
      "{\"doc_id\": \"x2\", \"content\": \"Inhoud.\", \"date\": \"21 januari 2022\"}\n"
      "{\"uuid\": \"x3\", \"articleBody\": \"Artikel.\", \"datePublished\": \"Fri, 21 Jan 2022 "
      "14:05:00 GMT\", \"url\": \"https://example.nl/c\"}\n",
      {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 3u);
  EXPECT_EQ(r.pages[0].source, "a.jsonl#x1");
  EXPECT_EQ(r.pages[0].title, "Kop");
  EXPECT_EQ(r.pages[0].content, "Romp.");
  EXPECT_EQ(r.pages[0].published, "2022-01-21T13:05:00Z");
  EXPECT_EQ(r.pages[0].url, "https://example.nl/a");
  EXPECT_EQ(r.pages[1].source, "a.jsonl#x2");
  EXPECT_EQ(r.pages[1].published, "2022-01-21");
  EXPECT_EQ(r.pages[2].source, "a.jsonl#x3");
  EXPECT_EQ(r.pages[2].content, "Artikel.");
  EXPECT_EQ(r.pages[2].published, "2022-01-21T14:05:00Z");
}

TEST(JsonlTest, HtmlFieldMakesAnHtmlPage) {
  ReadResult r = SplitJsonl("a.jsonl", R"({"id": 1, "html": "<p>Hallo</p>"})", {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].format, PageFormat::kHtml);
  EXPECT_FALSE(r.pages[0].content_is_body);
}

TEST(JsonlTest, NumericAndMissingIds) {
  ReadResult r = SplitJsonl("n.jsonl",
                            "{\"id\": 42, \"text\": \"a\"}\n"
                            "{\"text\": \"b\"}\n"
                            "{\"id\": \"\", \"text\": \"c\"}\n"
                            "{\"id\": 18446744073709551615, \"text\": \"d\"}\n",
                            {});
  ASSERT_EQ(r.pages.size(), 4u);
  EXPECT_EQ(r.pages[0].source, "n.jsonl#42");
  EXPECT_EQ(r.pages[1].source, "n.jsonl#2");  // no id: the line number
  EXPECT_EQ(r.pages[2].source, "n.jsonl#3");
  EXPECT_EQ(r.pages[3].source, "n.jsonl#18446744073709551615");
}

TEST(JsonlTest, BrokenLineIsReportedWithItsNumberAndTheOthersKept) {
  ReadResult r = SplitJsonl("b.jsonl",
                            "{\"id\": 1, \"text\": \"een\"}\n"
                            "\n"
                            "{\"id\": 2, \"text\": \"twee\"\n"  // unclosed
                            "{\"id\": 3, \"text\": \"drie\"}\r\n"
                            "[1, 2]\n"
                            "{\"id\": 5, \"text\": \"vijf\"}",  // no final newline
                            {});
  ASSERT_EQ(r.pages.size(), 3u);
  EXPECT_EQ(r.pages[0].source, "b.jsonl#1");
  EXPECT_EQ(r.pages[1].source, "b.jsonl#3");
  EXPECT_EQ(r.pages[2].source, "b.jsonl#5");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].message(), "b.jsonl: line 3: unparseable JSON");
  EXPECT_EQ(r.problems[1].message(), "b.jsonl: line 5: unparseable JSON");
  EXPECT_EQ(r.problems[0].code(), StatusCode::kCorrupt);
}

TEST(JsonlTest, MissingOrEmptyTextField) {
  ReadResult r = SplitJsonl("m.jsonl",
                            "{\"id\": 1, \"title\": \"alleen een kop\"}\n"
                            "{\"id\": 2, \"text\": \"  \"}\n"
                            "{\"id\": 3, \"text\": 17}\n",
                            {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].message(), "m.jsonl: line 1: no text field");
  EXPECT_EQ(r.problems[1].message(), "m.jsonl: line 2: empty text");
  EXPECT_EQ(r.problems[2].message(), "m.jsonl: line 3: no text field");
}

TEST(JsonlTest, DeepNestingIsRefusedBeforeParsing) {
  std::string deep = "{\"id\": 1, \"text\": \"t\", \"x\": " + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  ReadResult r = SplitJsonl("d.jsonl", deep + "\n{\"id\": 2, \"text\": \"ok\"}\n", {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "d.jsonl#2");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "d.jsonl: line 1: JSON nested deeper than 64");
  EXPECT_EQ(r.problems[0].code(), StatusCode::kLimitExceeded);
}

TEST(JsonlTest, NestingLimitIsAnOption) {
  IngestLimits limits;
  limits.max_json_depth = 2;
  ReadResult r = SplitJsonl("d.jsonl", R"({"text": "t", "meta": {"a": [1]}})", limits);
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "d.jsonl: line 1: JSON nested deeper than 2");
  // Brackets inside strings do not count.
  r = SplitJsonl("d.jsonl", R"({"text": "[[[[{{{{"})", limits);
  EXPECT_EQ(r.pages.size(), 1u);
}

TEST(JsonlTest, LongLineOverThePageLimit) {
  IngestLimits limits;
  limits.max_page_bytes = 1000;
  std::string big = "{\"id\": 1, \"text\": \"" + std::string(5000, 'a') + "\"}";
  ReadResult r = SplitJsonl("l.jsonl", big + "\n{\"id\": 2, \"text\": \"kort\"}\n" + big, limits);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "l.jsonl#2");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].message(), "l.jsonl: line 1: over the page size limit (1000 bytes)");
  EXPECT_EQ(r.problems[1].message(), "l.jsonl: line 3: over the page size limit (1000 bytes)");
}

TEST(JsonlTest, TextIsDecodedAndNormalised) {
  // A latin-1 line (invalid UTF-8 for the JSON parser), an escaped NUL, a decomposed "ë".
  ReadResult r = SplitJsonl("e.jsonl",
                            "{\"id\": 1, \"text\": \"Oekra\xEFne \xE9\xE9n\"}\n"
                            "{\"id\": 2, \"text\": \"a\\u0000b Ze\\u0065\\u0308land\"}\n",
                            {});
  ASSERT_EQ(r.pages.size(), 2u) << (r.problems.empty() ? "" : r.problems[0].message());
  EXPECT_EQ(r.pages[0].content, "Oekra\xC3\xAFne \xC3\xA9\xC3\xA9n");
  EXPECT_EQ(r.pages[1].content, "ab Ze\xC3\xABland");
}

TEST(JsonlTest, UnparseableDateIsNull) {
  ReadResult r = SplitJsonl("d.jsonl", R"({"text": "t", "published_at": "gisteren"})", {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].published, std::nullopt);
}

TEST(JsonlTest, ReadBytesCollapsesAnAllBadFileIntoOneProblem) {
  // A pretty-printed JSON document is not JSONL: one line for the input, not one per line.
  ReadResult r = ReadBytes("pretty.json", "{\n  \"id\": 1,\n  \"text\": \"t\"\n}\n", {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(),
            "pretty.json: line 1: unparseable JSON; line 2: unparseable JSON; line 3: "
            "unparseable JSON; and 1 more");
}

TEST(JsonlTest, ReadBytesRecognisesJsonlWithBom) {
  ReadResult r = ReadBytes("bom.jsonl", "\xEF\xBB\xBF{\"id\": 7, \"text\": \"tekst\"}\n", {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "bom.jsonl#7");
}

TEST(JsonlTest, GzippedJsonlStreams) {
  std::string lines;
  for (int i = 0; i < 2000; ++i)
    lines += "{\"id\": " + std::to_string(i) + ", \"text\": \"Artikel " + std::to_string(i) +
             " met wat tekst.\"}\n";
  ReadResult r = ReadBytes("many.jsonl.gz", testing::GzipCompress(lines), {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 2000u);
  EXPECT_EQ(r.pages[1999].source, "many.jsonl.gz#1999");
  EXPECT_EQ(r.pages[1999].content, "Artikel 1999 met wat tekst.");
}

TEST(JsonlTest, TruncatedGzipKeepsTheLinesBefore) {
  std::string lines;
  for (int i = 0; i < 5000; ++i)
    lines += "{\"id\": " + std::to_string(i) + ", \"text\": \"Artikel nummer " +
             std::to_string(i * 7919) + "\"}\n";
  std::string gz = testing::GzipCompress(lines);
  ReadResult r = ReadBytes("t.jsonl.gz", gz.substr(0, gz.size() / 2), {});
  EXPECT_GT(r.pages.size(), 100u);
  EXPECT_LT(r.pages.size(), 5000u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "t.jsonl.gz: truncated gzip stream");
}

}  // namespace
}  // namespace wirewatch
