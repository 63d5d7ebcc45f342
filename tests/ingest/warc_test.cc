// WARC: response and resource records become pages; the HTTP layer is undone; everything
// else is skipped; damage is reported per record.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "ingest/ingest.h"
#include "ingest_test_util.h"

namespace wirewatch {
namespace {

std::string Record(std::string_view type, std::string_view id, std::string_view block,
                   std::string_view extra_headers = "") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Record-ID: <urn:uuid:" +
                  std::string(id) + ">\r\nWARC-Date: 2022-01-21T14:05:00Z\r\n" +
                  std::string(extra_headers) + "Content-Length: " + std::to_string(block.size()) +
                  "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

std::string Http(std::string_view status, std::string_view headers, std::string_view body) {
  return "HTTP/1.1 " + std::string(status) + "\r\n" + std::string(headers) + "\r\n" +
         std::string(body);
}

const char kText[] = "Titel\nBRUSSEL (ANP) - De EU praat met Rusland.\n";

TEST(WarcTest, ResponseWithHttpHeaders) {
  std::string warc =
      Record("response", "1",
             Http("200 OK", "Content-Type: text/html; charset=utf-8\r\n",
                  "<html><body><p>Hallo</p></body></html>"),
             "WARC-Target-URI: https://nos.nl/artikel/1\r\nContent-Type: application/http; "
             "msgtype=response\r\n");
  ReadResult r = SplitWarc("crawl.warc", warc, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 1u);
  const Page& p = r.pages[0];
  EXPECT_EQ(p.source, "urn:uuid:1");
  EXPECT_EQ(p.format, PageFormat::kHtml);
  EXPECT_EQ(p.content, "<html><body><p>Hallo</p></body></html>");
  EXPECT_EQ(p.url, "https://nos.nl/artikel/1");
  EXPECT_EQ(p.crawl_time, "2022-01-21T14:05:00Z");
}

TEST(WarcTest, ChunkedAndGzipContentEncoding) {
  std::string gz = testing::GzipCompress(kText);
  std::string chunked;
  for (size_t at = 0; at < gz.size(); at += 10) {
    std::string_view part = std::string_view(gz).substr(at, 10);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", part.size());
    chunked += std::string(size) + ";ext=1\r\n" + std::string(part) + "\r\n";
  }
  chunked += "0\r\n\r\n";
  std::string warc = Record("response", "2",
                            Http("200 OK",
                                 "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                                 "Content-Encoding: gzip\r\n",
                                 chunked));
  ReadResult r = SplitWarc("c.warc", warc, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].format, PageFormat::kText);
  EXPECT_EQ(r.pages[0].content, kText);
}

TEST(WarcTest, CharsetFromHttpHeaderAndFromMeta) {
  std::string latin1 = "<html><body><p>Oekra\xEFne</p></body></html>";
  std::string meta =
      "<html><head><meta charset=\"windows-1252\"></head><body><p>\x80 5</p></body></html>";
  std::string warc =
      Record("response", "a", Http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", latin1)) +
      Record("response", "b", Http("200 OK", "Content-Type: text/html\r\n", meta));
  ReadResult r = SplitWarc("e.warc", warc, {});
  ASSERT_EQ(r.pages.size(), 2u);
  EXPECT_NE(r.pages[0].content.find("Oekra\xC3\xAFne"), std::string::npos);
  EXPECT_NE(r.pages[1].content.find("\xE2\x82\xAC 5"), std::string::npos);
}

TEST(WarcTest, ResourceRecord) {
  std::string warc = Record("resource", "3", kText, "Content-Type: text/plain\r\n");
  ReadResult r = SplitWarc("r.warc", warc, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content, kText);
  EXPECT_EQ(r.pages[0].format, PageFormat::kText);
}

TEST(WarcTest, NonPageRecordsAreSkipped) {
  std::string warc =
      Record("warcinfo", "0", "software: test\r\n", "Content-Type: application/warc-fields\r\n") +
      Record("request", "1", "GET / HTTP/1.1\r\nHost: nos.nl\r\n\r\n") +
      Record("response", "2", Http("301 Moved", "Location: /x\r\nContent-Type: text/html\r\n", "<a>x</a>")) +
      Record("response", "3", Http("404 Not Found", "Content-Type: text/html\r\n", "<p>weg</p>")) +
      Record("response", "4", Http("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n")) +
      Record("metadata", "5", "outlinks: x\r\n") +
      Record("response", "6", Http("200 OK", "Content-Type: text/plain\r\n", kText));
  ReadResult r = SplitWarc("s.warc", warc, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "urn:uuid:6");
}

TEST(WarcTest, NoPagesAtAllIsOneProblem) {
  std::string warc = Record("request", "1", "GET / HTTP/1.1\r\n\r\n") +
                     Record("response", "2", Http("404 Not Found", "Content-Type: text/html\r\n", "x"));
  ReadResult r = SplitWarc("n.warc", warc, {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "n.warc: no HTML or text pages in 2 WARC records");
}

TEST(WarcTest, UntypedPayloadIsJudgedByContent) {
  std::string warc = Record("response", "1", Http("200 OK", "", "<html><body>x</body></html>")) +
                     Record("response", "2", Http("200 OK", "", std::string("\x01\x02\x03\x04", 4) + std::string(100, '\x05')));
  ReadResult r = SplitWarc("u.warc", warc, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].format, PageFormat::kHtml);
}

TEST(WarcTest, TruncatedRecordIsReportedAndEarlierPagesKept) {
  std::string good = Record("resource", "1", kText, "Content-Type: text/plain\r\n");
  std::string bad = Record("resource", "2", std::string(1000, 'a'), "Content-Type: text/plain\r\n");
  ReadResult r = SplitWarc("t.warc", good + bad.substr(0, bad.size() - 600), {});
  ASSERT_EQ(r.pages.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "t.warc: WARC record at byte " + std::to_string(good.size()) +
                                         ": truncated WARC record (404 of 1000 bytes)");
}

TEST(WarcTest, TruncatedHeaders) {
  ReadResult r = SplitWarc("h.warc", "WARC/1.0\r\nWARC-Type: response\r\nContent-Len", {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(),
            "h.warc: WARC record at byte 0: truncated WARC record (headers)");
}

TEST(WarcTest, BadContentLength) {
  for (std::string_view length : {"-5", "abc", "99999999999999999999", ""}) {
    std::string warc = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: " +
                       std::string(length) + "\r\n\r\nabc";
    ReadResult r = SplitWarc("b.warc", warc, {});
    EXPECT_TRUE(r.pages.empty());
    ASSERT_EQ(r.problems.size(), 1u) << length;
    EXPECT_EQ(r.problems[0].code(), StatusCode::kCorrupt);
  }
}

TEST(WarcTest, GarbageBetweenRecordsStopsWithAProblem) {
  std::string good = Record("resource", "1", kText, "Content-Type: text/plain\r\n");
  ReadResult r = SplitWarc("g.warc", good + "rommel\r\n" + good, {});
  ASSERT_EQ(r.pages.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].message().find("no WARC/ version line"), std::string::npos);
}

TEST(WarcTest, RecordOverThePageLimitIsSkippedAndReported) {
  IngestLimits limits;
  limits.max_page_bytes = 100;
  std::string warc = Record("resource", "1", std::string(500, 'a'), "Content-Type: text/plain\r\n") +
                     Record("resource", "2", std::string(500, '\x01'), "Content-Type: image/png\r\n") +
                     Record("resource", "3", kText, "Content-Type: text/plain\r\n");
  ReadResult r = SplitWarc("big.warc", warc, limits);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "urn:uuid:3");
  ASSERT_EQ(r.problems.size(), 1u);  // the image is not a page: nothing to report
  EXPECT_EQ(r.problems[0].message(),
            "big.warc: WARC record at byte 0: page over the size limit (100 bytes)");
}

TEST(WarcTest, BadContentEncodingIsReported) {
  std::string warc = Record("response", "1",
                            Http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                                 "niet gzip"));
  ReadResult r = SplitWarc("z.warc", warc, {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code(), StatusCode::kCorrupt);
}

TEST(WarcTest, WarcGzPerRecordMembers) {
  std::string gz;
  for (int i = 0; i < 3; ++i)
    gz += testing::GzipCompress(
        Record("resource", std::to_string(i), kText, "Content-Type: text/plain\r\n"));
  ReadResult r = ReadBytes("crawl.warc.gz", gz, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 3u);
  EXPECT_EQ(r.pages[2].source, "urn:uuid:2");
  EXPECT_EQ(r.pages[2].crawl_time, "2022-01-21T14:05:00Z");
}

TEST(WarcTest, TruncatedWarcGzReportsTheGzipOnce) {
  std::string gz = testing::GzipCompress(Record("resource", "1", kText, "Content-Type: text/plain\r\n"));
  std::string second = testing::GzipCompress(
      Record("resource", "2", std::string(3000, 'b'), "Content-Type: text/plain\r\n"));
  ReadResult r = ReadBytes("t.warc.gz", gz + second.substr(0, second.size() / 2), {});
  ASSERT_EQ(r.pages.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "t.warc.gz: truncated gzip stream");
}

TEST(WarcTest, LfOnlyLineEndings) {
  std::string warc = "WARC/1.0\nWARC-Type: resource\nContent-Type: text/plain\nContent-Length: " +
                     std::to_string(std::strlen(kText)) + "\n\n" + kText + "\n\n";
  ReadResult r = SplitWarc("lf.warc", warc, {});
  ASSERT_EQ(r.pages.size(), 1u) << (r.problems.empty() ? "" : r.problems[0].message());
  EXPECT_EQ(r.pages[0].source, "lf.warc#1");  // no record id: name and record number
}

// Found by fuzz/warc_fuzzer: a chunk size near 2^64 wrapped the bounds check and the dechunker
// appended the body again and again (gigabytes from a few hundred bytes). A chunk that claims
// more than is left means the body is not really chunked: its bytes are the page as they are.
TEST(WarcTest, HugeChunkSizeIsNotBelieved) {
  const std::string body = "5\r\nHallo\r\nffffffffffffffff\r\nwereld\r\n0\r\n\r\n";
  std::string warc = Record(
      "response", "9",
      Http("200 OK", "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", body));
  ReadResult r = SplitWarc("chunks.warc", warc, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content, body);
}

}  // namespace
}  // namespace wirewatch
