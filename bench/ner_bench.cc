// ner_bench: tags a labelled CoNLL file with the NER model and prints the conlleval entity scores
// (overall and per type), tagging speed in tokens/s and the peak resident memory.
//
//   ner_bench [--model PATH] [--repeat N] FILE
//
// Timing covers tagging only (features, scores, Viterbi), one thread, after the model is loaded;
// reading and decoding the file is excluded. Peak RSS includes the loaded model.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "entities/ner.h"
#include "entities/ner_conll.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path = std::string(WIREWATCH_SOURCE_DIR) + "/models/ner-nl.bin";
  std::string file;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) {
      model_path = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      file = a;
    }
  }
  if (file.empty()) {
    std::fprintf(stderr, "usage: ner_bench [--model PATH] [--repeat N] FILE\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  wirewatch::StatusOr<wirewatch::NerModel> model = wirewatch::NerModel::Load(model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "ner_bench: %s\n", model.status().message().c_str());
    return 1;
  }
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto docs = wirewatch::ReadConllDocuments(file);
  if (!docs.ok()) {
    std::fprintf(stderr, "ner_bench: %s\n", docs.status().message().c_str());
    return 1;
  }
  std::vector<std::vector<std::string_view>> sentences, gold;
  size_t tokens = 0;
  for (const auto& d : *docs) {
    for (const auto& s : d.sentences) {
      sentences.emplace_back(s.tokens.begin(), s.tokens.end());
      gold.emplace_back(s.tags.begin(), s.tags.end());
      tokens += s.tokens.size();
    }
  }
  wirewatch::NerScores scores;
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    std::vector<std::vector<std::string_view>> predicted;
    predicted.reserve(sentences.size());
    auto start = std::chrono::steady_clock::now();
    for (const auto& s : sentences) predicted.push_back(model->Tag(s));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, secs);
    if (r == 0) {
      for (size_t i = 0; i < sentences.size(); ++i) scores.Add(gold[i], predicted[i]);
    }
  }
  std::printf("file: %s\nmodel: %s (loaded in %.2f s)\n", file.c_str(), model_path.c_str(), load_s);
  std::printf("%s", scores.Report().c_str());
  std::printf("tokens: %zu  sentences: %zu  best of %d: %.3f s  tokens/s: %.0f\n", tokens,
              sentences.size(), repeat, best, static_cast<double>(tokens) / best);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(PeakRssKb()) / 1024.0);
  return 0;
}
