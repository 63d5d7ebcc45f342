// Tokenizer and sentence-splitter throughput, plus the dumps bench/compare_tokenize.sh feeds to
// ucto and diffs against it. Reads its inputs at run time (nothing from ../shared is built in),
// times Tokenize + SentenceSpans over all documents on one thread, and prints docs/s, MB/s,
// tokens/s and peak RSS. Benchmarks are not tests: nothing here fails on a timing.
//
//   build-text/bench/text_bench [--repeat N] PATH...     # throughput
//   build-text/bench/text_bench --dump-text PATH...      # documents joined by separator lines
//   build-text/bench/text_bench --dump-tokens PATH...    # one sentence per line, like ucto -n
//
// PATH: a .jsonl file (each line's "text" field is a document), a folder (each file is a
// document, in name order) or any other file (one document). --dump-tokens also accepts the
// output of --dump-text, so both tools can tokenise the very same bytes.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace {

// A line of its own between documents: ucto keeps it as a one-token sentence, so the two
// outputs can be cut into the same documents again.
constexpr std::string_view kSeparator = "WWDOCSEP";

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Splits a --dump-text file back into its documents.
void SplitDump(const std::string& all, std::vector<std::string>* docs) {
  std::string sep = "\n\n" + std::string(kSeparator) + "\n\n";
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t next = all.find(sep, pos);
    if (next == std::string::npos) {
      docs->push_back(all.substr(pos));
      break;
    }
    docs->push_back(all.substr(pos, next - pos));
    pos = next + sep.size();
  }
}

bool LoadDocs(const std::string& path, std::vector<std::string>* docs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file()) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      if (!LoadDocs(f, docs)) return false;
    }
    return true;
  }
  std::string content;
  if (!ReadFile(path, &content)) {
    std::fprintf(stderr, "text_bench: cannot read %s\n", path.c_str());
    return false;
  }
  if (path.ends_with(".jsonl")) {
    std::istringstream lines(content);
    std::string line;
    while (std::getline(lines, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_object() && j.contains("text") && j["text"].is_string()) {
        docs->push_back(j["text"].get<std::string>());
      }
    }
    return true;
  }
  if (content.find(std::string("\n\n") + std::string(kSeparator) + "\n\n") != std::string::npos) {
    SplitDump(content, docs);
  } else {
    docs->push_back(std::move(content));
  }
  return true;
}

void DumpTokens(const std::vector<std::string>& docs) {
  std::vector<wirewatch::Token> tokens;
  std::string out;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (d > 0) {
      out += kSeparator;
      out += '\n';
    }
    wirewatch::Tokenize(docs[d], &tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (i > 0) out += tokens[i].Has(wirewatch::kSentenceStart) ? '\n' : ' ';
      out += wirewatch::TokenText(docs[d], tokens[i]);
    }
    if (!tokens.empty()) out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  }
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 0;  // 0: as many runs as fit in about two seconds
  enum { kBench, kDumpText, kDumpTokens } mode = kBench;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--dump-text") {
      mode = kDumpText;
    } else if (a == "--dump-tokens") {
      mode = kDumpTokens;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: text_bench [--repeat N | --dump-text | --dump-tokens] PATH...\n");
    return 2;
  }
  std::vector<std::string> docs;
  for (const std::string& p : paths) {
    if (!LoadDocs(p, &docs)) return 1;
  }
  if (mode == kDumpText) {
    for (size_t d = 0; d < docs.size(); ++d) {
      if (d > 0) std::printf("\n\n%s\n\n", std::string(kSeparator).c_str());
      std::fwrite(docs[d].data(), 1, docs[d].size(), stdout);
    }
    std::printf("\n");
    return 0;
  }
  if (mode == kDumpTokens) {
    DumpTokens(docs);
    return 0;
  }

  size_t bytes = 0;
  for (const std::string& d : docs) bytes += d.size();
  std::vector<wirewatch::Token> tokens;
  size_t token_count = 0, sentence_count = 0;
  int runs = 0;
  auto start = std::chrono::steady_clock::now();
  double seconds = 0;
  while (true) {
    for (const std::string& d : docs) {
      wirewatch::Tokenize(d, &tokens);
      sentence_count += wirewatch::SentenceSpans(tokens).size();
      token_count += tokens.size();
    }
    ++runs;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (repeat > 0 ? runs >= repeat : (seconds >= 2.0 && runs >= 3)) break;
  }
  std::printf(
      "tokenize: %zu docs, %.2f MB, %d runs: %.0f docs/s, %.1f MB/s, %.2fM tokens/s, "
      "%zu tokens/run, %zu sentences/run, peak RSS %.1f MB\n",
      docs.size(), bytes / 1e6, runs, docs.size() * runs / seconds, bytes * runs / 1e6 / seconds,
      token_count / seconds / 1e6, token_count / runs, sentence_count / runs, PeakRssKb() / 1024.0);
  return 0;
}
