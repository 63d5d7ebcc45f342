// Format detection by content, empty and binary inputs, path expansion and file reading.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/ingest.h"
#include "ingest_test_util.h"

namespace wirewatch {
namespace {

using testing::ScratchDir;

const char kTextPage[] = "Titel van het stuk\nBRUSSEL (ANP) - De EU praat met Rusland.\n";

TEST(DetectTest, HtmlByContentWhateverTheName) {
  for (std::string_view html :
       {"<!DOCTYPE html><html><body><p>x</p></body></html>", "  <html lang=nl><p>x</p>",
        "\xEF\xBB\xBF<html><body>x</body></html>", "<div><p>Een fragment</p></div>",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
        "<HEAD><TITLE>x</TITLE></HEAD>"}) {
    ReadResult r = ReadBytes("page.txt", std::string(html), {});
    ASSERT_EQ(r.pages.size(), 1u) << html;
    EXPECT_EQ(r.pages[0].format, PageFormat::kHtml) << html;
  }
}

TEST(DetectTest, TextIsText) {
  for (std::string_view text : {kTextPage, "<<< BREAKING >>> nieuws zonder tags\n",
                                "Over de <header> van een pagina.\n"}) {
    ReadResult r = ReadBytes("page.html", std::string(text), {});
    ASSERT_EQ(r.pages.size(), 1u) << text;
    EXPECT_EQ(r.pages[0].format, PageFormat::kText) << text;
    EXPECT_FALSE(r.pages[0].content_is_body);
  }
}

TEST(DetectTest, JsonlByContent) {
  ReadResult r = ReadBytes("dump.txt", "\n  {\"id\": 1, \"text\": \"t\"}\n", {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "dump.txt#1");
  EXPECT_TRUE(r.pages[0].content_is_body);
}

TEST(DetectTest, WarcByContent) {
  std::string warc = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:x>\r\n"
                     "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nTekst\r\n\r\n";
  ReadResult r = ReadBytes("crawl.bin", warc, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "urn:x");
}

TEST(DetectTest, Utf16HtmlIsDecodedBeforeDetection) {
  std::string html = "<html><body><p>Oekra\xEFne</p></body></html>";
  std::string bytes = "\xFF\xFE";
  for (char c : html) bytes += std::string{c, '\0'};
  ReadResult r = ReadBytes("u16.txt", bytes, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].format, PageFormat::kHtml);
  EXPECT_EQ(r.pages[0].content, "<html><body><p>Oekra\xC3\xAFne</p></body></html>");
}

TEST(DetectTest, Utf16JsonlWithoutBom) {
  std::string jsonl = "{\"id\": 3, \"text\": \"tekst\"}\n";
  std::string bytes;
  for (char c : jsonl) bytes += std::string{c, '\0'};
  ReadResult r = ReadBytes("u16.jsonl", bytes, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, "u16.jsonl#3");
}

TEST(DetectTest, HtmlDeclaredCharsetIsUsed) {
  std::string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                     "charset=windows-1252\"></head><body>\x80 \xE9\xE9n</body></html>";
  ReadResult r = ReadBytes("p.html", html, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_NE(r.pages[0].content.find("\xE2\x82\xAC \xC3\xA9\xC3\xA9n"), std::string::npos);
  EXPECT_EQ(DeclaredHtmlCharset(html), "windows-1252");
  EXPECT_EQ(DeclaredHtmlCharset("<meta charset='UTF-8'>"), "utf-8");
  EXPECT_EQ(DeclaredHtmlCharset("<p>geen</p>"), "");
}

TEST(ReadBytesTest, EmptyInputs) {
  for (std::string_view bytes : {std::string_view(""), std::string_view(" \n\t\r\n"),
                                 std::string_view("\xEF\xBB\xBF\n"),
                                 std::string_view("\xFF\xFE \0\n\0", 6)}) {
    ReadResult r = ReadBytes("leeg.txt", std::string(bytes), {});
    EXPECT_TRUE(r.pages.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].message(), "leeg.txt: empty");
    EXPECT_EQ(r.problems[0].code(), StatusCode::kEmpty);
  }
}

TEST(ReadBytesTest, EmptyGzip) {
  ReadResult r = ReadBytes("leeg.gz", testing::GzipCompress(""), {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "leeg.gz: empty");
}

TEST(ReadBytesTest, BinaryInput) {
  ReadResult r = ReadBytes("foto.txt", "\x89PNG\r\n\x1a\n" + std::string(100, '\x01'), {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "foto.txt: binary data, not a text or HTML page");
  EXPECT_EQ(r.problems[0].code(), StatusCode::kUnsupported);
}

TEST(ReadBytesTest, NulBytesAreDroppedFromATextPage) {
  std::string bytes = std::string(kTextPage) + std::string(3000, '\0') + "Meer tekst.\n";
  ReadResult r = ReadBytes("nul.txt", bytes, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content, std::string(kTextPage) + "Meer tekst.\n");
}

TEST(ReadBytesTest, OverTheInputLimit) {
  IngestLimits limits;
  limits.max_input_bytes = 1000;
  ReadResult r = ReadBytes("groot.txt", std::string(1001, 'a'), limits);
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), "groot.txt: over the size limit (1000 bytes)");
  EXPECT_EQ(ReadBytes("precies.txt", std::string(1000, 'a'), limits).pages.size(), 1u);
}

TEST(ReadBytesTest, LongSingleLine) {
  std::string line(size_t{3} << 20, 'x');
  ReadResult r = ReadBytes("lang.txt", line, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].content.size(), line.size());
}

TEST(ByteStreamTest, LinesAcrossChunksAndLimits) {
  std::string bytes = std::string(100000, 'a') + "\nkort\n" + std::string(200000, 'b') + "\nslot";
  ByteStream in("s", StringPull(bytes), bytes.size());
  std::string_view line;
  ASSERT_EQ(in.ReadLine(line, 150000), ByteStream::LineResult::kLine);
  EXPECT_EQ(line.size(), 100000u);
  ASSERT_EQ(in.ReadLine(line, 150000), ByteStream::LineResult::kLine);
  EXPECT_EQ(line, "kort");
  EXPECT_EQ(in.ReadLine(line, 150000), ByteStream::LineResult::kTooLong);
  ASSERT_EQ(in.ReadLine(line, 150000), ByteStream::LineResult::kLine);
  EXPECT_EQ(line, "slot");
  EXPECT_EQ(in.ReadLine(line, 150000), ByteStream::LineResult::kEnd);
  EXPECT_TRUE(in.status().ok());
  EXPECT_EQ(in.offset(), bytes.size());
}

TEST(ByteStreamTest, ReadSkipAndLimit) {
  std::string bytes = "0123456789";
  ByteStream in("s", StringPull(bytes), 8);
  std::string out;
  EXPECT_TRUE(in.Read(3, out));
  EXPECT_EQ(out, "012");
  EXPECT_TRUE(in.Skip(2));
  EXPECT_FALSE(in.Read(5, out));  // only 3 more bytes fit under the limit
  EXPECT_EQ(out, "012567");
  EXPECT_EQ(in.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(in.status().message(), "s: over the size limit (8 bytes)");
}

class ReadInputTest : public ::testing::Test {
 protected:
  ScratchDir dir_{"read_input"};
};

TEST_F(ReadInputTest, ExpandPathsRecursiveSortedWithoutDotfiles) {
  dir_.Write("b.txt", kTextPage);
  dir_.Write("a/z.txt", kTextPage);
  dir_.Write("a/b/y.txt", kTextPage);
  dir_.Write(".hidden.txt", kTextPage);
  dir_.Write(".git/objects/ab", kTextPage);
  dir_.Write("a/.swp", kTextPage);
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path(), "-"}, problems);
  EXPECT_TRUE(problems.empty());
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.path);
  EXPECT_EQ(names, (std::vector<std::string>{dir_.path() + "/a/b/y.txt", dir_.path() + "/a/z.txt",
                                             dir_.path() + "/b.txt", "-"}));
}

TEST_F(ReadInputTest, ExpandPathsReportsMissingPaths) {
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path() + "/nergens", dir_.Write("x.txt", "x")}, problems);
  ASSERT_EQ(files.size(), 1u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message(), dir_.path() + "/nergens: no such file or directory");
  EXPECT_EQ(problems[0].code(), StatusCode::kNotFound);
}

TEST_F(ReadInputTest, DanglingSymlinkInAFolderIsReportedAtReadTime) {
  std::filesystem::create_symlink(dir_.path() + "/weg", dir_.path() + "/link.txt");
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path()}, problems);
  ASSERT_EQ(files.size(), 1u);
  ReadResult r = ReadInput(files[0], {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(),
            dir_.path() + "/link.txt: cannot open (No such file or directory)");
}

TEST_F(ReadInputTest, SymlinkToFolderIsReportedNotFollowed) {
  std::filesystem::create_directory(dir_.path() + "/echt");
  dir_.Write("echt/a.txt", kTextPage);
  std::filesystem::create_directory_symlink(dir_.path() + "/echt", dir_.path() + "/lus");
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path()}, problems);
  ASSERT_EQ(files.size(), 1u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message(), dir_.path() + "/lus: symlink to a folder, not followed");
}

TEST_F(ReadInputTest, SymlinkToDevZeroIsNotARegularFile) {
  std::string link = dir_.path() + "/zero.txt";
  std::filesystem::create_symlink("/dev/zero", link);
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({link}, problems);
  ASSERT_EQ(files.size(), 1u);
  ReadResult r = ReadInput(files[0], {});
  EXPECT_TRUE(r.pages.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), link + ": not a regular file");
}

TEST_F(ReadInputTest, UnreadableFileIsReportedAtReadTime) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  std::string path = dir_.Write("geheim.txt", kTextPage);
  ::chmod(path.c_str(), 0);
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path()}, problems);
  ASSERT_EQ(files.size(), 1u);
  ReadResult r = ReadInput(files[0], {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), path + ": cannot open (Permission denied)");
}

TEST_F(ReadInputTest, UnreadableFolderIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  dir_.Write("dicht/a.txt", kTextPage);
  dir_.Write("open/b.txt", kTextPage);
  ::chmod((dir_.path() + "/dicht").c_str(), 0);
  std::vector<Status> problems;
  std::vector<InputFile> files = ExpandPaths({dir_.path(), dir_.path() + "/dicht"}, problems);
  ASSERT_EQ(files.size(), 1u);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message(), dir_.path() + "/dicht: cannot list folder (permission denied)");
  EXPECT_EQ(problems[1].message(), dir_.path() + "/dicht: cannot list folder (Permission denied)");
}

TEST_F(ReadInputTest, ReadsAFile) {
  std::string path = dir_.Write("p.txt", kTextPage);
  ReadResult r = ReadInput({path}, {});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, path);
  EXPECT_EQ(r.pages[0].content, kTextPage);
}

TEST_F(ReadInputTest, FolderAsAFileIsNotRegular) {
  ReadResult r = ReadInput({dir_.path()}, {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message(), dir_.path() + ": not a regular file");
}

TEST_F(ReadInputTest, StreamInputInterleavesPagesAndProblemsInOrder) {
  std::string path = dir_.Write("mix.jsonl",
                                "{\"id\": 1, \"text\": \"een\"}\n"
                                "kapot\n"
                                "{\"id\": 3, \"text\": \"drie\"}\n");
  std::vector<std::string> events;
  StreamInput({path}, {},
              {[&](Page p) { events.push_back("page " + p.source); },
               [&](Status s) { events.push_back("problem " + s.message()); }});
  EXPECT_EQ(events, (std::vector<std::string>{"page " + path + "#1",
                                              "problem " + path + ": line 2: unparseable JSON",
                                              "page " + path + "#3"}));
}

}  // namespace
}  // namespace wirewatch
