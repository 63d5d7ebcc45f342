// Cost of the corpus pass (src/corpus): MinHash signatures, the near-duplicate index and story
// clustering, per record, on a batch grown from the DpgMedia articles to N records (default
// 100,000) with varied ids, dates and words; prints us/record per part and peak RSS.
// Benchmarks are not tests: nothing here fails on a timing.
//
//   build/bench/corpus_bench ../shared/data/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle-all.jsonl [N]
//
// Record c of the batch is article (c mod A) with 40% of its words replaced (a new text about
// the same topic, not a copy), its date moved by (c / A) weeks; every tenth record is instead a
// light edit (2% of words) of an earlier record: a true near-duplicate.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/dates.h"
#include "corpus/corpus.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string Edit(const std::vector<std::string>& words, double share, std::mt19937& rng,
                 const std::vector<std::string>& vocabulary) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += (rng() % 1000 < share * 1000) ? vocabulary[rng() % vocabulary.size()] : w;
  }
  return out;
}

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: corpus_bench ARTICLES.jsonl [N]\n");
    return 2;
  }
  const size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100000;
  struct Article {
    std::vector<std::string> words;
    std::string title, published;
  };
  std::vector<Article> articles;
  std::vector<std::string> vocabulary;
  std::ifstream in(argv[1]);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
    Article a{Words(j["text"].get<std::string>()), j.value("title", ""), j.value("published_at", "")};
    if (a.words.size() < 20) continue;
    for (size_t i = 0; i < a.words.size(); i += 5) vocabulary.push_back(a.words[i]);
    articles.push_back(std::move(a));
  }
  if (articles.empty()) {
    std::fprintf(stderr, "corpus_bench: %s: no articles\n", argv[1]);
    return 1;
  }
  std::mt19937 rng(7);
  std::vector<wirewatch::Document> docs;
  docs.reserve(n);
  size_t bytes = 0;
  for (size_t c = 0; c < n; ++c) {
    const Article& a = articles[c % articles.size()];
    wirewatch::Document d;
    d.id = "r" + std::to_string(c);
    if (c % 10 == 9 && c > 100) {
      const wirewatch::Document& earlier = docs[rng() % docs.size()];
      d.text = Edit(Words(earlier.text), 0.02, rng, vocabulary);
      d.title = earlier.title;
      d.published = earlier.published;
    } else {
      d.text = Edit(a.words, 0.4, rng, vocabulary);
      d.title = a.title;
      auto t = wirewatch::ToUnixSeconds(a.published);
      d.published = wirewatch::FormatUnixSeconds((t ? *t : 0) + static_cast<int64_t>(c / articles.size()) * 7 * 86400)
                        .substr(0, 10);
    }
    d.source = "bench.jsonl#" + d.id;
    bytes += d.text.size();
    docs.push_back(std::move(d));
  }
  long rss_before = PeakRssKb();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<wirewatch::MinHashSignature> signatures;
  signatures.reserve(n);
  for (const auto& d : docs) signatures.push_back(wirewatch::ComputeSignature(d.text, 3));
  auto t1 = std::chrono::steady_clock::now();
  wirewatch::NearDuplicateIndex index;
  size_t duplicates = 0;
  for (size_t i = 0; i < n; ++i) {
    docs[i].duplicate_of = index.Add(docs[i].id, signatures[i]);
    duplicates += docs[i].duplicate_of.has_value();
  }
  auto t2 = std::chrono::steady_clock::now();
  long rss_index = PeakRssKb();
  wirewatch::StoryIndex stories;
  for (auto& d : docs) d.story = stories.Add(d);
  auto t3 = std::chrono::steady_clock::now();
  long rss_stories = PeakRssKb();
  std::printf("records %zu (%.0f chars mean), duplicates found %zu (%zu planted), stories %zu\n", n,
              static_cast<double>(bytes) / n, duplicates, n / 10, stories.size());
  std::printf("signature   %7.1f us/record\n", 1e6 * Seconds(t0, t1) / n);
  std::printf("dup index   %7.1f us/record\n", 1e6 * Seconds(t1, t2) / n);
  std::printf("stories     %7.1f us/record\n", 1e6 * Seconds(t2, t3) / n);
  std::printf("peak RSS    %ld MB (inputs %ld MB, + dup index %ld MB, + stories %ld MB)\n", rss_stories / 1024,
              rss_before / 1024, (rss_index - rss_before) / 1024, (rss_stories - rss_index) / 1024);
  return 0;
}
