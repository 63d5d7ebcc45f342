// End-to-end: the built `wirewatch analyze` binary on golden fixtures and on a hostile batch.
//
// Golden files hold the records' ingest- and cleaning-level fields only (id, source, kind,
// parent, title, dateline, published, age, language, text, subheadings): later stages (entities,
// quotes, events) have their own tests and would otherwise churn these files with every model
// change. Regenerate with WIREWATCH_UPDATE_GOLDEN=1, then review the diff by eye.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../ingest/ingest_test_util.h"

namespace wirewatch {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kSourceDir = WIREWATCH_SOURCE_DIR;
const std::string kCasesDir = "tests/data/e2e/cases";  // relative: sources in goldens are stable

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, std::string_view bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string Gzip(std::string_view data) { return testing::GzipCompress(data); }

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<std::string> err_lines;
};

// Runs the binary in the source folder (so relative paths give stable sources).
RunResult Analyze(const std::string& args, const std::string& scratch) {
  std::string out = scratch + "/stdout", err = scratch + "/stderr";
  std::string cmd = "cd '" + kSourceDir + "' && '" + WIREWATCH_BINARY + "' analyze " + args +
                    " > '" + out + "' 2> '" + err + "'";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) r.err_lines.push_back(line);
  return r;
}

std::vector<Json> Records(const std::string& jsonl) {
  std::vector<Json> records;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) records.push_back(Json::parse(line));
  return records;
}

// The fields the golden files pin down.
std::string Project(const std::string& jsonl) {
  std::string out;
  for (const Json& r : Records(jsonl)) {
    Json p;
    for (const char* key : {"id", "source", "kind", "parent", "title", "dateline", "published",
                            "age", "language", "text", "subheadings"})
      p[key] = r.at(key);
    out += p.dump(-1, ' ', false) + "\n";
  }
  return out;
}

bool UpdateGolden() {
  const char* v = std::getenv("WIREWATCH_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Compares with the golden file, or rewrites it when asked to.
void ExpectGolden(const std::string& projected, const std::string& golden_path) {
  std::string full = kSourceDir + "/" + golden_path;
  if (UpdateGolden()) {
    WriteFile(full, projected);
    return;
  }
  ASSERT_TRUE(fs::exists(full)) << golden_path << " missing; run with WIREWATCH_UPDATE_GOLDEN=1";
  std::string expected = ReadFile(full);
  std::vector<Json> want = Records(expected), got = Records(projected);
  ASSERT_EQ(got.size(), want.size()) << golden_path;
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << golden_path << " record " << i;
}

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "wirewatch_e2e_XXXXXX").string();
    scratch_ = mkdtemp(templ.data());
  }
  void TearDown() override {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(scratch_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(scratch_, ec);
  }
  std::string scratch_;
};

// Replaces `from` in every record's source by `to` (a gzipped copy lives elsewhere).
std::string Resourced(std::string projected, const std::string& from, const std::string& to) {
  std::string out;
  for (Json r : Records(projected)) {
    std::string s = r["source"];
    if (s.compare(0, from.size(), from) == 0) r["source"] = to + s.substr(from.size());
    out += r.dump(-1, ' ', false) + "\n";
  }
  return out;
}

TEST_F(E2eTest, SeedPagesGolden) {
  RunResult r = Analyze("-j2 examples/pages", scratch_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden(Project(r.out), "tests/data/e2e/seeds.expected.jsonl");
}

TEST_F(E2eTest, SeedPagesGzipped) {
  std::string expected = ReadFile(kSourceDir + "/tests/data/e2e/seeds.expected.jsonl");
  if (UpdateGolden() || expected.empty()) GTEST_SKIP() << "golden being written";
  for (const auto& entry : fs::directory_iterator(kSourceDir + "/examples/pages")) {
    std::string name = entry.path().filename().string();
    WriteFile(scratch_ + "/pages/" + name + ".gz", Gzip(ReadFile(entry.path().string())));
  }
  RunResult r = Analyze("-j2 '" + scratch_ + "/pages'", scratch_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string got = Resourced(Project(r.out), scratch_ + "/pages/", "examples/pages/");
  // "x.txt.gz" -> "x.txt": the name is the only difference.
  size_t at;
  while ((at = got.find(".txt.gz\"")) != std::string::npos) got.erase(at + 4, 3);
  EXPECT_EQ(Records(got), Records(expected));
}

// One case per input file in tests/data/e2e/cases, next to its <name>.expected.jsonl; each is
// also run gzipped.
class GoldenCaseTest : public E2eTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(GoldenCaseTest, MatchesExpected) {
  std::string input = kCasesDir + "/" + GetParam();
  RunResult r = Analyze("-j2 " + input, scratch_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::string projected = Project(r.out);
  ExpectGolden(projected, input + ".expected.jsonl");
  if (UpdateGolden()) return;

  std::string gz = scratch_ + "/" + GetParam() + ".gz";
  WriteFile(gz, Gzip(ReadFile(kSourceDir + "/" + input)));
  RunResult z = Analyze("-j2 '" + gz + "'", scratch_);
  EXPECT_EQ(z.exit_code, 0) << z.err;
  EXPECT_EQ(Records(Resourced(Project(z.out), gz, input)), Records(projected));
}

std::vector<std::string> CaseInputs() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kSourceDir + "/" + kCasesDir)) {
    std::string name = e.path().filename().string();
    if (name.size() > 15 && name.substr(name.size() - 15) == ".expected.jsonl") continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCaseTest, ::testing::ValuesIn(CaseInputs()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST_F(E2eTest, WarcBriefsArePublishedAtCrawlTimeMinusAge) {
  RunResult r = Analyze("-j1 " + kCasesDir + "/crawl.warc", scratch_);
  std::vector<Json> records = Records(r.out);
  ASSERT_EQ(records.size(), 8u) << r.err;
  EXPECT_EQ(records[0]["source"], "urn:uuid:0002");
  EXPECT_TRUE(records[0]["published"].is_null());
  // WARC-Date 14:05:00Z; the first brief is "39 minuten geleden", the second "56 minuten".
  EXPECT_EQ(records[1]["age"], 2340);
  EXPECT_EQ(records[1]["published"], "2022-01-21T13:26:00Z");
  EXPECT_EQ(records[2]["age"], 3360);
  EXPECT_EQ(records[2]["published"], "2022-01-21T13:09:00Z");
  EXPECT_EQ(records[7]["age"], 10800);
  EXPECT_EQ(records[7]["published"], "2022-01-21T11:05:00Z");
}

TEST_F(E2eTest, StdinIsAnInput) {
  RunResult r = Analyze("- < " + kCasesDir + "/articles.jsonl", scratch_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> records = Records(r.out);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0]["source"], "<stdin>#20220121");
}

TEST_F(E2eTest, MissingPathIsReportedAndTheRestRuns) {
  RunResult r = Analyze("examples/pages/000_fa508d3ae7a6771c.txt no/such/file.txt", scratch_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err_lines, std::vector<std::string>{"wirewatch: no/such/file.txt: no such file or directory"});
  EXPECT_EQ(Records(r.out).size(), 8u);
}

// --- the hostile batch ---

// Deterministic pseudo-random bytes.
std::string Noise(size_t n) {
  std::string s(n, '\0');
  uint32_t x = 2463534242u;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  return s;
}

// A gzip member of `n` bytes of 'a', compressed in slices so the test never holds it whole.
std::string GzipBomb(size_t n) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string slice(size_t{1} << 20, 'a'), out;
  char buf[1 << 16];
  for (size_t done = 0; done < n; done += slice.size()) {
    zs.next_in = reinterpret_cast<Bytef*>(slice.data());
    zs.avail_in = static_cast<uInt>(slice.size());
    int flush = done + slice.size() >= n ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      deflate(&zs, flush);
      out.append(buf, sizeof buf - zs.avail_out);
    } while (zs.avail_out == 0);
  }
  deflateEnd(&zs);
  return out;
}

std::string Latin1(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = utf8[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      out += static_cast<char>(((c & 0x1F) << 6) | (utf8[++i] & 0x3F));
    } else {
      out += '?';  // not in latin-1; the seeds have none
      while (i + 1 < utf8.size() && (utf8[i + 1] & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string Utf16Le(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (char c : Latin1(utf8)) {
    out += c;
    out += '\0';
  }
  return out;
}

TEST_F(E2eTest, HostileBatch) {
  const std::string seed0 = ReadFile(kSourceDir + "/examples/pages/000_fa508d3ae7a6771c.txt");
  const std::string seed2 = ReadFile(kSourceDir + "/examples/pages/002_cdead4654da920a8.txt");
  std::string dir = scratch_ + "/batch";
  auto put = [&](const std::string& name, std::string_view bytes) {
    WriteFile(dir + "/" + name, bytes);
    return dir + "/" + name;
  };
  // Inputs that must fail, with the reason their one stderr line gives.
  std::vector<std::pair<std::string, std::string>> failing;
  // Inputs that must yield records.
  std::vector<std::string> good;

  good.push_back(put("a_good.txt", seed0));
  failing.push_back({put("empty.txt", ""), "empty"});
  failing.push_back({put("binary.dat", Noise(100000)), "binary data, not a text or HTML page"});
  std::string with_nuls = seed0;
  with_nuls.insert(200, std::string(500, '\0'));
  with_nuls.insert(50, std::string(1, '\0'));
  good.push_back(put("nuls.txt", with_nuls));
  good.push_back(put("latin1.txt", Latin1(seed2)));
  good.push_back(put("utf16.txt", Utf16Le(seed2)));
  std::string invalid = seed2;
  invalid.insert(300, "\xFF\xFE\xC3");
  good.push_back(put("invalid_utf8.txt", invalid));
  // Over the default page limit (16 MiB): refused with one line, so memory stays bounded.
  std::string long_line = "Een regel van achttien megabyte. " + std::string(size_t{18} << 20, 'x') + "\n";
  std::string long_path = put("long_line.txt", long_line);
  long_line.clear();
  failing.push_back({long_path, "page over the size limit (16777216 bytes; see --max-page-bytes)"});
  std::string deep = "<html><body>";
  for (int i = 0; i < 200000; ++i) deep += "<div>";
  deep += "<p>Diep verstopte tekst.</p>";
  for (int i = 0; i < 200000; ++i) deep += "</div>";
  std::string deep_path = put("deep.html", deep + "</body></html>");
  std::string unclosed_path =
      put("unclosed.html", "<html><body><div><p>Tekst <b>vet <i>schuin <p>meer <table><tr><td>cel");
  std::string quotes_path =
      put("quotes.html", "<html><body><p class=\"a>Tekst met 'onevenwichtige \"aanhalingstekens</p>"
                         "<a href='x>link</a></body></html>");
  failing.push_back({put("bomb.txt.gz", GzipBomb(size_t{300} << 20)),
                     "over the size limit after decompression (268435456 bytes)"});
  std::string gz = Gzip(seed0);
  failing.push_back({put("truncated.txt.gz", gz.substr(0, gz.size() / 2)), "truncated gzip stream"});
  std::string warc = ReadFile(kSourceDir + "/" + kCasesDir + "/crawl.warc");
  std::string truncated_warc = warc + "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:kapot>\r\n"
                                      "Content-Type: text/plain\r\nContent-Length: 5000\r\n\r\n" + seed0.substr(0, 1000);
  std::string warc_path = put("truncated.warc", truncated_warc);
  std::string jsonl_path =
      put("broken.jsonl", "{\"id\": 1, \"text\": \"De NAVO roept Rusland op tot de-escalatie.\"}\n"
                          "{\"id\": 2, \"text\": \"kapot\n" +
                              std::string(100000, '[') + std::string(100000, ']') + "\n" +
                              "{\"id\": 4, \"text\": \"Het kabinet trekt extra geld uit.\"}\n");
  failing.push_back({put("only_broken.jsonl", "{\"id\": 1,\n\"text\": \"x\"}\n"), "line 1: unparseable JSON; line 2: unparseable JSON"});
  std::string zero = dir + "/zero.txt";
  fs::create_symlink("/dev/zero", zero);
  failing.push_back({zero, "not a regular file"});
  std::string locked;
  if (::geteuid() != 0) {
    put("locked/ok.txt", seed2);
    locked = put("locked/secret.txt", seed0);
    ::chmod(locked.c_str(), 0);
    failing.push_back({locked, "cannot open (Permission denied)"});
    good.push_back(dir + "/locked/ok.txt");
  }

  RunResult r1 = Analyze("-j1 '" + dir + "'", scratch_);
  RunResult r4 = Analyze("-j4 '" + dir + "'", scratch_);
  EXPECT_EQ(r1.exit_code, 1);
  EXPECT_EQ(r4.exit_code, 1);
  EXPECT_TRUE(r1.out == r4.out) << "stdout differs between -j1 and -j4";
  EXPECT_EQ(r1.err, r4.err);

  std::vector<Json> records = Records(r1.out);
  auto has_records = [&](const std::string& path) {
    return std::any_of(records.begin(), records.end(), [&](const Json& j) {
      std::string s = j["source"];
      return s == path || s.rfind(path + "#", 0) == 0;
    });
  };
  auto lines_about = [&](const std::string& path) {
    std::vector<std::string> found;
    for (const std::string& line : r1.err_lines)
      if (line.rfind("wirewatch: " + path + ": ", 0) == 0) found.push_back(line);
    return found;
  };

  for (const auto& [path, reason] : failing) {
    EXPECT_FALSE(has_records(path)) << path;
    std::vector<std::string> lines = lines_about(path);
    ASSERT_EQ(lines.size(), 1u) << path << "\n" << r1.err;
    EXPECT_EQ(lines[0], "wirewatch: " + path + ": " + reason);
  }
  for (const std::string& path : good) {
    EXPECT_TRUE(has_records(path)) << path << "\n" << r1.err;
    EXPECT_TRUE(lines_about(path).empty()) << path << "\n" << r1.err;
  }
  // Every other input either yields records or gets exactly one line saying why not.
  for (const std::string& path : {deep_path, unclosed_path, quotes_path}) {
    if (!has_records(path)) EXPECT_EQ(lines_about(path).size(), 1u) << path << "\n" << r1.err;
    else EXPECT_TRUE(lines_about(path).empty()) << path << "\n" << r1.err;
  }

  // Decoding: the latin-1 and UTF-16 copies read like the UTF-8 original.
  for (const Json& j : records) {
    std::string s = j["source"];
    if (s == dir + "/latin1.txt" || s == dir + "/utf16.txt") {
      EXPECT_EQ(j["text"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos) << s;
      if (j["kind"] == "article")
        EXPECT_EQ(j["title"], "NAVO: Rusland uitgenodigd voor nieuw overleg over Oekra\xC3\xAFne");
    }
    if (s == dir + "/invalid_utf8.txt" && j["kind"] == "article")
      EXPECT_NE(j["text"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_EQ(j["text"].get<std::string>().find('\0'), std::string::npos) << s;
  }

  // Containers: the good items stay, each broken item gets its line.
  EXPECT_TRUE(has_records(jsonl_path + "#1"));
  EXPECT_TRUE(has_records(jsonl_path + "#4"));
  EXPECT_EQ(lines_about(jsonl_path),
            (std::vector<std::string>{"wirewatch: " + jsonl_path + ": line 2: unparseable JSON",
                                      "wirewatch: " + jsonl_path + ": line 3: JSON nested deeper than 64"}));
  EXPECT_TRUE(has_records("urn:uuid:0002"));
  std::vector<std::string> warc_lines = lines_about(warc_path);
  ASSERT_EQ(warc_lines.size(), 1u) << r1.err;
  EXPECT_NE(warc_lines[0].find("truncated WARC record (1000 of 5000 bytes)"), std::string::npos);

  // Nothing else was said.
  size_t expected_lines = warc_lines.size() + lines_about(jsonl_path).size() + failing.size();
  for (const std::string& path : {deep_path, unclosed_path, quotes_path})
    expected_lines += lines_about(path).size();
  EXPECT_EQ(r1.err_lines.size(), expected_lines) << r1.err;
}

TEST_F(E2eTest, LimitsAreOptions) {
  RunResult r = Analyze("--max-bytes 1000 examples/pages/000_fa508d3ae7a6771c.txt", scratch_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err_lines, std::vector<std::string>{
                             "wirewatch: examples/pages/000_fa508d3ae7a6771c.txt: over the size "
                             "limit (1000 bytes)"});
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace wirewatch

namespace wirewatch {
namespace {

// --with-syntax adds a token array whose trees are well formed and whose spans cover the text;
// without it the record has no "tokens" field (the record stays as it was).
TEST_F(E2eTest, WithSyntaxAddsTokensWithOneTreePerSentence) {
  RunResult plain = Analyze("-j1 " + kCasesDir + "/articles.jsonl", scratch_);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  for (const Json& r : Records(plain.out)) EXPECT_FALSE(r.contains("tokens"));

  RunResult r = Analyze("-j2 --with-syntax " + kCasesDir + "/articles.jsonl", scratch_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> records = Records(r.out);
  ASSERT_FALSE(records.empty());
  for (const Json& rec : records) {
    ASSERT_TRUE(rec.contains("tokens"));
    const std::string text = rec["text"];
    const Json& tokens = rec["tokens"];
    ASSERT_FALSE(tokens.empty());
    std::map<uint32_t, std::vector<const Json*>> by_sentence;
    for (const Json& t : tokens) {
      by_sentence[t["sentence"].get<uint32_t>()].push_back(&t);
      const size_t start = t["start"], end = t["end"];
      ASSERT_LE(end, text.size());
      EXPECT_EQ(text.substr(start, end - start), t["form"].get<std::string>());
      EXPECT_FALSE(t["upos"].get<std::string>().empty());
      EXPECT_FALSE(t["lemma"].get<std::string>().empty());
    }
    EXPECT_EQ(by_sentence.size(), rec["sentences"].size());
    for (const auto& [s, words] : by_sentence) {
      int roots = 0;
      for (size_t i = 0; i < words.size(); ++i) {
        EXPECT_EQ((*words[i])["id"], i + 1);
        const uint32_t head = (*words[i])["head"];
        ASSERT_LE(head, words.size());
        roots += head == 0;
        // Following heads from every token reaches the root without a cycle.
        uint32_t x = static_cast<uint32_t>(i + 1);
        for (size_t steps = 0; x != 0; ++steps) {
          ASSERT_LE(steps, words.size()) << "cycle in sentence " << s;
          x = (*words[x - 1])["head"];
        }
      }
      EXPECT_EQ(roots, 1) << "sentence " << s;
    }
  }
  // The same output on any number of threads.
  RunResult one = Analyze("-j1 --with-syntax " + kCasesDir + "/articles.jsonl", scratch_);
  EXPECT_EQ(one.out, r.out);
}

}  // namespace
}  // namespace wirewatch

namespace wirewatch {
namespace {

// Four pages of one site (one folder) share a promotion line no rule names: analyze learns it in
// its first pass and leaves it out of every text; --no-site-templates keeps it.
TEST_F(E2eTest, SiteTemplateLinesLearnedInTheBatchAreLeftOut) {
  const std::string promo = "Steun onze journalistiek en neem vandaag nog een abonnement voor maar een euro per week.";
  const char* bodies[] = {
      "Het kabinet overlegt vandaag met de provincies over de stikstofregels en de natuurdoelen.",
      "De Duitse regering verwacht dat de economie dit jaar licht groeit, zegt de minister van Financien.",
      "In Brussel praten de ministers van Buitenlandse Zaken over nieuwe sancties tegen Iran.",
      "De Tweede Kamer stemt dinsdag over een motie om het defensiebudget te verhogen."};
  for (int i = 0; i < 4; ++i) {
    std::string page = "Kop nummer " + std::to_string(i + 1) + " over het nieuws\n" + bodies[i] +
                       " Dat meldden ingewijden woensdag.\n" + promo + "\n";
    WriteFile(scratch_ + "/site/page" + std::to_string(i) + ".txt", page);
  }
  RunResult learned = Analyze("'" + scratch_ + "/site'", scratch_);
  ASSERT_EQ(learned.exit_code, 0) << learned.err;
  std::vector<Json> records = Records(learned.out);
  ASSERT_EQ(records.size(), 4u);
  for (const Json& r : records) EXPECT_EQ(r["text"].get<std::string>().find("abonnement"), std::string::npos) << r["text"];
  RunResult kept = Analyze("--no-site-templates '" + scratch_ + "/site'", scratch_);
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  records = Records(kept.out);
  ASSERT_EQ(records.size(), 4u);
  for (const Json& r : records) EXPECT_NE(r["text"].get<std::string>().find("abonnement"), std::string::npos) << r["text"];
}

}  // namespace
}  // namespace wirewatch
