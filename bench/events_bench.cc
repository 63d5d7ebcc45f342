// Event-coder throughput: sentences/s for quotes + events (and events alone) over a JSONL of
// articles ("text" per line, e.g. the DpgMedia2019 set), after tokens, sentences and entities
// are prepared untimed. The NER time is printed too so the docs can state a ratio that holds on
// any machine. Benchmarks are not tests: nothing here fails on a timing.
//
//   build-ev/bench/events_bench DATA_DIR ARTICLES.jsonl [--repeat N]
//
// DATA_DIR holds data/ and models/ (the repository root). Prints one summary line, plus the
// number of events per 1,000 sentences as a sanity check of precision drift.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "events/events.h"
#include "pipeline/pipeline.h"
#include "text/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: events_bench DATA_DIR ARTICLES.jsonl [--repeat N]\n");
    return 2;
  }
  int repeat = 3;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
  auto resources = wirewatch::LoadResources(argv[1]);
  if (!resources.ok()) {
    std::fprintf(stderr, "events_bench: %s\n", resources.status().message().c_str());
    return 1;
  }
  std::ifstream in(argv[2]);
  if (!in) {
    std::fprintf(stderr, "events_bench: cannot open %s\n", argv[2]);
    return 1;
  }
  struct Prepared {
    wirewatch::Document doc;
    std::vector<wirewatch::Token> tokens;
  };
  std::vector<Prepared> docs;
  size_t sentences = 0;
  double ner_seconds = 0;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
    Prepared p;
    p.doc.text = j["text"].get<std::string>();
    p.tokens = wirewatch::Tokenize(p.doc.text);
    p.doc.sentences = wirewatch::SentenceSpans(p.tokens);
    auto t0 = Clock::now();
    p.doc.entities =
        wirewatch::FindEntities(p.doc, p.tokens, *resources->ner, *resources->knowledge);
    ner_seconds += Seconds(t0, Clock::now());
    sentences += p.doc.sentences.size();
    docs.push_back(std::move(p));
  }
  double best_both = 1e30, best_events = 1e30;
  size_t events = 0;
  for (int r = 0; r < repeat; ++r) {
    events = 0;
    auto t0 = Clock::now();
    for (Prepared& p : docs) p.doc.quotes = wirewatch::ExtractQuotes(p.doc, resources->quotes);
    auto t1 = Clock::now();
    for (Prepared& p : docs)
      events += wirewatch::CodeEvents(p.doc, p.tokens, resources->events).size();
    auto t2 = Clock::now();
    best_both = std::min(best_both, Seconds(t0, t2));
    best_events = std::min(best_events, Seconds(t1, t2));
  }
  std::printf(
      "docs %zu  sentences %zu  quotes+events %.0f sentences/s  events %.0f sentences/s  "
      "NER %.0f sentences/s  events/NER time %.3f  events per 1000 sentences %.1f\n",
      docs.size(), sentences, sentences / best_both, sentences / best_events,
      sentences / ner_seconds, best_events / ner_seconds,
      1000.0 * events / std::max<size_t>(1, sentences));
  return 0;
}
