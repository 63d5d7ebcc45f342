// End to end through `wirewatch analyze`: one wire story on three portals (an HTML page, the
// text dump, an edited update with a paragraph dropped and words changed) is one story with
// three sources and one independent report; a page's sidebar briefs shown again on another
// site are copies of the first; the output is the same for any thread count; --no-corpus
// leaves both fields null.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace wirewatch {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kSourceDir = WIREWATCH_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<Json> Records(const std::string& jsonl) {
  std::vector<Json> out;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

std::string Analyze(const std::string& args, const fs::path& dir) {
  std::string out = (dir / "stdout").string();
  std::string cmd = "cd '" + dir.string() + "' && '" + WIREWATCH_BINARY + "' analyze --data-dir '" + kSourceDir +
                    "' " + args + " > '" + out + "' 2> '" + (dir / "stderr").string() + "'";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << cmd << "\n" << ReadFile((dir / "stderr").string());
  return ReadFile(out);
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

TEST(Syndication, OneWireStoryOnThreePortals) {
  fs::path dir = fs::temp_directory_path() / ("wirewatch_syndication_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  const std::string page = ReadFile(kSourceDir + "/examples/pages/001_4078b75037ce6659.txt");
  const std::string other = ReadFile(kSourceDir + "/examples/pages/000_fa508d3ae7a6771c.txt");
  ASSERT_FALSE(page.empty());
  WriteFile(dir / "original.txt", page);
  std::vector<Json> base = Records(Analyze("--no-corpus original.txt", dir));
  ASSERT_FALSE(base.empty());
  const std::string title = base[0]["title"].get<std::string>();
  std::vector<std::string> paragraphs = Paragraphs(base[0]["text"].get<std::string>());
  ASSERT_GE(paragraphs.size(), 4u);

  // Portal 1 (sorted first): the story as an HTML page with its own chrome.
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Escape(title) +
                     " | Portaal</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/nieuws\">Nieuws</a>"
                     " <a href=\"/sport\">Sport</a></nav><main><article><h1>" + Escape(title) + "</h1>";
  for (const std::string& p : paragraphs) html += "<p>" + Escape(p) + "</p>";
  html += "</article></main><footer>Cookies | Privacy | Contact | &copy; 2022 Portaal</footer></body></html>";
  WriteFile(dir / "in/a-portal/story.html", html);
  // Portal 2: the text dump as crawled.
  WriteFile(dir / "in/b-wire/story.txt", page);
  // Portal 3: an update: one paragraph dropped, a few words changed, a line added.
  std::string update = title + "\n";
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i == 2) continue;
    std::string p = paragraphs[i];
    if (size_t at = p.find(" de "); at != std::string::npos) p.replace(at, 4, " die ");
    update += p + "\n";
  }
  update += "Het overleg wordt volgende week voortgezet, meldt een woordvoerder.\n";
  WriteFile(dir / "in/c-update/story.txt", update);
  // Another page shown on two sites, sidebar and all: its briefs are copies the second time.
  WriteFile(dir / "in/d-site/other.txt", other);
  WriteFile(dir / "in/e-site/other.txt", other);

  std::string one = Analyze("-j1 --stories stories1.jsonl in", dir);
  std::string two = Analyze("-j2 --stories stories2.jsonl in", dir);
  EXPECT_EQ(one, two);
  EXPECT_EQ(ReadFile((dir / "stories1.jsonl").string()), ReadFile((dir / "stories2.jsonl").string()));

  std::vector<Json> records = Records(one);
  std::vector<const Json*> articles;
  std::map<std::string, std::vector<const Json*>> briefs_by_site;
  for (const Json& r : records) {
    std::string source = r["source"].get<std::string>();
    if (r["kind"] == "article" && source.find("story") != std::string::npos) articles.push_back(&r);
    if (r["kind"] == "brief") briefs_by_site[source.substr(0, source.find('/', 3))].push_back(&r);
  }
  ASSERT_EQ(articles.size(), 3u);
  const std::string first = (*articles[0])["id"].get<std::string>();
  EXPECT_TRUE((*articles[0])["duplicate_of"].is_null());
  EXPECT_EQ((*articles[1])["duplicate_of"], first) << (*articles[1])["source"];
  EXPECT_EQ((*articles[2])["duplicate_of"], first) << (*articles[2])["source"];
  for (const Json* a : articles) EXPECT_EQ((*a)["story"], "s-" + first);

  ASSERT_EQ(briefs_by_site.size(), 3u);  // briefs of b-wire, d-site, e-site
  const auto& d_briefs = briefs_by_site["in/d-site"];
  const auto& e_briefs = briefs_by_site["in/e-site"];
  ASSERT_EQ(d_briefs.size(), e_briefs.size());
  ASSERT_FALSE(e_briefs.empty());
  for (size_t i = 0; i < e_briefs.size(); ++i) {
    // Same content, same id: the later copy points at the first (which is itself).
    EXPECT_EQ((*e_briefs[i])["duplicate_of"], (*d_briefs[i])["id"]);
    EXPECT_EQ((*e_briefs[i])["story"], (*d_briefs[i])["story"]);
  }

  bool found = false;
  for (const Json& s : Records(ReadFile((dir / "stories1.jsonl").string()))) {
    if (s["story"] != "s-" + first) continue;
    found = true;
    EXPECT_EQ(s["records"], 3);
    EXPECT_EQ(s["independent_reports"], 1);
    EXPECT_EQ(s["sources"], 3);
    EXPECT_EQ(s["title"], title);
  }
  EXPECT_TRUE(found);

  for (const Json& r : Records(Analyze("--no-corpus in", dir))) {
    EXPECT_TRUE(r["duplicate_of"].is_null());
    EXPECT_TRUE(r["story"].is_null());
  }
  fs::remove_all(dir);
}

TEST(Syndication, CorpusOptionsAreChecked) {
  auto exit_code = [](const std::string& args) {
    std::string cmd = std::string("'") + WIREWATCH_BINARY + "' analyze " + args + " > /dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  const std::string page = "'" + kSourceDir + "/examples/pages/000_fa508d3ae7a6771c.txt'";
  EXPECT_EQ(exit_code("--dup-threshold 0 " + page), 2);
  EXPECT_EQ(exit_code("--dup-threshold 1.5 " + page), 2);
  EXPECT_EQ(exit_code("--dup-threshold x " + page), 2);
  EXPECT_EQ(exit_code("--dup-threshold"), 2);
  EXPECT_EQ(exit_code("--no-corpus --stories /dev/null " + page), 2);
  EXPECT_EQ(exit_code("--stories /nonexistent-dir/stories.jsonl " + page), 2);
}

}  // namespace
}  // namespace wirewatch
