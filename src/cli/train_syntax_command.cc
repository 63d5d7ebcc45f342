// `wirewatch train-syntax`: trains the tagger, lemmatiser and dependency parser on CoNLL-U
// treebanks and writes models/syntax-nl.bin (docs/syntax.md has the exact command and scores).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "entities/ner.h"
#include "entities/ner_conll.h"
#include "entities/ner_model.h"
#include "syntax/syntax_train.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch train-syntax --train FILE [--legacy FILE] [--dev FILE] -o MODEL [options]

Trains the syntax model (UPOS+FEATS tagger, lemmatiser, arc-hybrid dependency parser) on
CoNLL-U treebanks. Deterministic: the same files and options give a byte-identical model.

options:
  --train FILE        training treebank in the current UD guidelines (repeatable)
  --legacy FILE       training treebank in the UD 2.0 Dutch guidelines (repeatable); converted
                      to the current ones first (HarmoniseLegacyUd; lemmas from --train/--dev)
  --dev FILE          tuning treebank: each model keeps its best epoch on it (repeatable)
  --eval FILE         after training, parse this treebank and print its scores (repeatable)
  --clusters MODEL    take the word clusters from this NER model (models/ner-nl.bin)
  --tagger-epochs N   default 10
  --parser-epochs N   default 15
  --jackknife N       folds for the parser's training tags, 0 = gold tags (default 4)
  --prune X           drop averaged weights below X from the model (default 0.05)
  --explore X         dynamic oracle: follow the model's wrong move with probability X (0.9)
  --credit TEXT       licence and attribution stored in the model
  -o, --output PATH   model file to write
  -q, --quiet         no progress lines
  -h, --help          this text
)";

StatusOr<std::vector<ConlluSentence>> ReadTreebank(const std::string& path) {
  StatusOr<std::string> text = ReadTextFileUtf8(path);
  if (!text.ok()) return text.status();
  return ParseConllu(*text, path);
}

void PrintScores(const std::string& name, const SyntaxScores& s) {
  std::printf("%s: %zu words  UPOS %.4f  UFeats %.4f  Lemma %.4f  UAS %.4f  LAS %.4f  (LAS with subtypes %.4f)\n",
              name.c_str(), s.words, s.upos, s.ufeats, s.lemma, s.uas, s.las, s.las_full);
}

}  // namespace

int TrainSyntaxCommand(const Args& args) {
  std::vector<std::string> train_paths, legacy_paths, dev_paths, eval_paths;
  std::string output, clusters_from;
  SyntaxTrainOptions options;
  options.log = stderr;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    auto count = [&](int& into) {
      long long v = 0;
      if (i + 1 >= args.size() || !ParseCount(args[i + 1], v) || v > 1000) return false;
      into = static_cast<int>(v);
      ++i;
      return true;
    };
    std::string v;
    bool ok = true;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--train") {
      ok = value(v), train_paths.push_back(v);
    } else if (a == "--legacy") {
      ok = value(v), legacy_paths.push_back(v);
    } else if (a == "--dev") {
      ok = value(v), dev_paths.push_back(v);
    } else if (a == "--eval") {
      ok = value(v), eval_paths.push_back(v);
    } else if (a == "--clusters") {
      ok = value(clusters_from);
    } else if (a == "--credit") {
      ok = value(options.credit);
    } else if (a == "-o" || a == "--output") {
      ok = value(output);
    } else if (a == "--tagger-epochs") {
      ok = count(options.tagger_epochs);
    } else if (a == "--parser-epochs") {
      ok = count(options.parser_epochs);
    } else if (a == "--jackknife") {
      ok = count(options.jackknife_folds);
    } else if (a == "--prune" || a == "--explore") {
      ok = value(v);
      char* end = nullptr;
      double x = ok ? std::strtod(v.c_str(), &end) : 0;
      ok = ok && end != v.c_str() && *end == '\0' && x >= 0 && x <= 1000;
      if (a == "--prune") options.prune = static_cast<float>(x);
      else options.explore = x;
    } else if (a == "-q" || a == "--quiet") {
      options.log = nullptr;
    } else {
      std::fprintf(stderr, "wirewatch train-syntax: unknown option '%s'\n", a.c_str());
      return 2;
    }
    if (!ok) {
      std::fprintf(stderr, "wirewatch train-syntax: %s needs a valid value\n", a.c_str());
      return 2;
    }
  }
  if ((train_paths.empty() && legacy_paths.empty()) || output.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  auto read_all = [](const std::vector<std::string>& paths, std::vector<ConlluSentence>& into) {
    for (const std::string& path : paths) {
      StatusOr<std::vector<ConlluSentence>> s = ReadTreebank(path);
      if (!s.ok()) {
        std::fprintf(stderr, "wirewatch train-syntax: %s\n", s.status().message().c_str());
        return false;
      }
      into.insert(into.end(), s->begin(), s->end());
    }
    return true;
  };
  std::vector<ConlluSentence> train, legacy, dev;
  if (!read_all(train_paths, train) || !read_all(legacy_paths, legacy) || !read_all(dev_paths, dev)) {
    return 1;
  }
  std::vector<TrainingSentence> training;
  if (!legacy.empty()) {
    std::vector<ConlluSentence> reference = train;
    reference.insert(reference.end(), dev.begin(), dev.end());
    size_t changed = 0;
    training = HarmoniseLegacyUd(legacy, reference, &changed);
    if (options.log) std::fprintf(options.log, "train-syntax: harmonised %zu legacy words\n", changed);
  }
  for (TrainingSentence& t : Trusted(train)) training.push_back(std::move(t));
  if (!clusters_from.empty()) {
    StatusOr<NerModel> ner = NerModel::Load(clusters_from);
    if (!ner.ok()) {
      std::fprintf(stderr, "wirewatch train-syntax: %s\n", ner.status().message().c_str());
      return 1;
    }
    const auto& table = ner->params().lexicon.clusters;
    for (size_t k = 0; k < table.keys.size(); ++k) options.clusters.emplace_back(table.keys[k], table.values[k]);
  }
  StatusOr<SyntaxModel> model = TrainSyntax(training, dev, options);
  if (!model.ok()) {
    std::fprintf(stderr, "wirewatch train-syntax: %s\n", model.status().message().c_str());
    return 1;
  }
  if (Status s = model->Save(output); !s.ok()) {
    std::fprintf(stderr, "wirewatch train-syntax: %s\n", s.message().c_str());
    return 1;
  }
  for (const std::string& path : eval_paths) {
    StatusOr<std::vector<ConlluSentence>> gold = ReadTreebank(path);
    if (!gold.ok()) {
      std::fprintf(stderr, "wirewatch train-syntax: %s\n", gold.status().message().c_str());
      return 1;
    }
    PrintScores(path, ScoreSyntax(*gold, ParseTreebank(*model, *gold)));
  }
  return 0;
}

}  // namespace wirewatch::cli
