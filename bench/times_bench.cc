// Temporal-tagger throughput: FindTimes over JSONL articles on one thread, next to the
// Tokenize + SentenceSpans it runs after, timed in the same run so the ratio survives a noisy
// machine. Each line's "text" is a document and its "published_at" (or "published") the anchor.
// Prints documents, sentences, words, expressions per 1,000 words, sentences/s, MB/s and the
// cost of the tagger relative to tokenising. Benchmarks are not tests: nothing fails on a timing.
//
//   build-times/bench/times_bench [--seconds S] FILE.jsonl...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "text/tokenizer.h"
#include "times/times.h"

namespace {

struct Doc {
  std::string text;
  std::optional<std::string> anchor;
  std::vector<wirewatch::Token> tokens;
};

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

bool LoadJsonl(const std::string& path, std::vector<Doc>* docs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
    Doc d;
    d.text = j["text"].get<std::string>();
    if (d.text.empty()) continue;
    for (const char* key : {"published_at", "published"}) {
      if (j.contains(key) && j[key].is_string()) {
        d.anchor = j[key].get<std::string>();
        break;
      }
    }
    docs->push_back(std::move(d));
  }
  return true;
}

// Runs `body` over all documents until `seconds` have passed; returns seconds per pass.
template <typename Body>
double Time(double seconds, Body body) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  int passes = 0;
  double elapsed = 0;
  do {
    body();
    ++passes;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return elapsed / passes;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2.0;
  std::vector<Doc> docs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (!LoadJsonl(arg, &docs)) {
      std::fprintf(stderr, "times_bench: cannot read %s\n", arg.c_str());
      return 1;
    }
  }
  if (docs.empty()) {
    std::fprintf(stderr, "usage: times_bench [--seconds S] FILE.jsonl...\n");
    return 2;
  }
  size_t bytes = 0, sentences = 0, words = 0, expressions = 0, resolved = 0;
  for (Doc& d : docs) {
    bytes += d.text.size();
    d.tokens = wirewatch::Tokenize(d.text);
    sentences += wirewatch::SentenceSpans(d.tokens).size();
    for (const wirewatch::Token& t : d.tokens) words += t.kind == wirewatch::TokenKind::kWord;
    for (const wirewatch::TimeExpression& e : wirewatch::FindTimes(d.text, d.tokens, d.anchor)) {
      ++expressions;
      resolved += e.value.has_value();
    }
  }

  size_t sink = 0;
  double tokenize = Time(seconds, [&] {
    std::vector<wirewatch::Token> tokens;
    for (const Doc& d : docs) {
      wirewatch::Tokenize(d.text, &tokens);
      sink += wirewatch::SentenceSpans(tokens).size();
    }
  });
  double times = Time(seconds, [&] {
    for (const Doc& d : docs) sink += wirewatch::FindTimes(d.text, d.tokens, d.anchor).size();
  });

  std::printf("documents %zu, sentences %zu, words %zu, %.2f MB\n", docs.size(), sentences, words,
              bytes / 1e6);
  std::printf("expressions %zu (%.2f per 1,000 words), with a value %zu (%.1f%%)\n", expressions,
              1000.0 * expressions / words, resolved, 100.0 * resolved / expressions);
  std::printf("FindTimes: %.0f sentences/s, %.0f docs/s, %.1f MB/s (%.2f ms per pass)\n",
              sentences / times, docs.size() / times, bytes / 1e6 / times, times * 1e3);
  std::printf("Tokenize+SentenceSpans: %.0f sentences/s (%.2f ms per pass)\n", sentences / tokenize,
              tokenize * 1e3);
  std::printf("FindTimes costs %.2fx tokenising; peak RSS %ld MB%s\n", times / tokenize,
              PeakRssKb() / 1024, sink == 0 ? " (nothing found)" : "");
  return 0;
}
