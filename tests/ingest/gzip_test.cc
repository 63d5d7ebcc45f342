// Gunzip and the gzip layer of ReadBytes: members, truncation, corruption and bombs.
#include <gtest/gtest.h>

#include "ingest/ingest.h"
#include "ingest_test_util.h"

namespace wirewatch {
namespace {

using testing::GzipCompress;

constexpr size_t kNoLimit = size_t{1} << 30;

TEST(GunzipTest, RoundTrips) {
  std::string text = "De NAVO roept Rusland op tot de-escalatie.\n";
  auto out = Gunzip("a.gz", GzipCompress(text), kNoLimit);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, text);
}

TEST(GunzipTest, ConcatenatesMembers) {
  auto out = Gunzip("a.gz", GzipCompress("een ") + GzipCompress("twee ") + GzipCompress("drie"),
                    kNoLimit);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "een twee drie");
}

TEST(GunzipTest, SkipsZeroPaddingAfterMembers) {
  auto out = Gunzip("a.gz", GzipCompress("tekst") + std::string(100, '\0'), kNoLimit);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "tekst");
}

TEST(GunzipTest, EmptyMember) {
  auto out = Gunzip("a.gz", GzipCompress(""), kNoLimit);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "");
}

TEST(GunzipTest, TruncatedStreamIsReported) {
  std::string gz = GzipCompress(std::string(100000, 'a') + "einde");
  for (size_t keep : {size_t{2}, size_t{10}, gz.size() / 2, gz.size() - 1}) {
    auto out = Gunzip("page.txt.gz", std::string_view(gz).substr(0, keep), kNoLimit);
    ASSERT_FALSE(out.ok()) << "kept " << keep;
    EXPECT_EQ(out.status().code(), StatusCode::kCorrupt);
    EXPECT_EQ(out.status().message(), "page.txt.gz: truncated gzip stream") << "kept " << keep;
  }
}

TEST(GunzipTest, TruncatedSecondMemberIsReported) {
  std::string second = GzipCompress("tweede deel");
  auto out = Gunzip("a.gz", GzipCompress("eerste") + second.substr(0, second.size() - 4), kNoLimit);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "a.gz: truncated gzip stream");
}

TEST(GunzipTest, CorruptStreamIsReported) {
  std::string gz = GzipCompress("De EU zal Rusland waar nodig terugduwen. " + std::string(5000, 'x'));
  // Flip bits in the deflate data (past the 10-byte header).
  for (size_t i = 12; i < 40; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5A);
  auto out = Gunzip("bad.gz", gz, kNoLimit);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(out.status().message().find("bad.gz: "), std::string::npos);
}

TEST(GunzipTest, BadChecksumIsCorrupt) {
  std::string gz = GzipCompress("tekst met een controlesom");
  gz[gz.size() - 6] = static_cast<char>(gz[gz.size() - 6] ^ 0xFF);  // CRC32 in the trailer
  auto out = Gunzip("crc.gz", gz, kNoLimit);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "crc.gz: corrupt gzip stream");
}

TEST(GunzipTest, TrailingGarbageIsCorrupt) {
  auto out = Gunzip("a.gz", GzipCompress("tekst") + "garbage", kNoLimit);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kCorrupt);
}

TEST(GunzipTest, BombStopsAtTheCap) {
  // 64 MB of zeros compress to about 64 KB; the cap is 1 MB.
  std::string bomb = GzipCompress(std::string(size_t{64} << 20, '\0'), 9);
  ASSERT_LT(bomb.size(), size_t{200} << 10);
  auto out = Gunzip("bomb.gz", bomb, size_t{1} << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(out.status().message(),
            "bomb.gz: over the size limit after decompression (1048576 bytes)");
}

TEST(GunzipTest, OutputExactlyAtTheCapIsAccepted) {
  auto out = Gunzip("a.gz", GzipCompress(std::string(1000, 'a')), 1000);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->size(), 1000u);
}

TEST(LooksGzippedTest, Magic) {
  EXPECT_TRUE(LooksGzipped(GzipCompress("x")));
  EXPECT_FALSE(LooksGzipped("\x1f"));
  EXPECT_FALSE(LooksGzipped("plain text"));
}

TEST(ReadBytesGzipTest, GzippedTextPage) {
  ReadResult r = ReadBytes("p.txt.gz", GzipCompress("Titel\nBRUSSEL (ANP) - Tekst.\n"), {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].message();
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content, "Titel\nBRUSSEL (ANP) - Tekst.\n");
  EXPECT_EQ(r.pages[0].source, "p.txt.gz");
}

TEST(ReadBytesGzipTest, DoubleGzipIsUnwrapped) {
  ReadResult r = ReadBytes("p.gz.gz", GzipCompress(GzipCompress("Tekst van de pagina.")), {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content, "Tekst van de pagina.");
}

TEST(ReadBytesGzipTest, TripleGzipIsRefused) {
  ReadResult r = ReadBytes("p.gz", GzipCompress(GzipCompress(GzipCompress("Tekst."))), {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "p.gz: gzip nested more than twice");
}

TEST(ReadBytesGzipTest, TruncatedGzipPageYieldsOneProblem) {
  std::string gz = GzipCompress("Titel\nBRUSSEL (ANP) - " + std::string(20000, 'x'));
  ReadResult r = ReadBytes("p.txt.gz", gz.substr(0, gz.size() / 2), {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "p.txt.gz: truncated gzip stream");
}

TEST(ReadBytesGzipTest, BombOverTheInputCap) {
  IngestLimits limits;
  limits.max_input_bytes = size_t{4} << 20;
  // Text, not zeros, so it is not stopped early as binary data.
  std::string bomb = GzipCompress(std::string(size_t{64} << 20, 'a'), 9);
  ReadResult r = ReadBytes("bomb.txt.gz", bomb, limits);
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(r.problems[0].message(),
            "bomb.txt.gz: over the size limit after decompression (4194304 bytes)");
}

TEST(ReadBytesGzipTest, ZeroBombIsBinaryWithoutInflatingItAll) {
  std::string bomb = GzipCompress(std::string(size_t{64} << 20, '\0'), 9);
  ReadResult r = ReadBytes("zeros.gz", bomb, {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "zeros.gz: binary data, not a text or HTML page");
}

}  // namespace
}  // namespace wirewatch
