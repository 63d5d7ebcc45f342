// `wirewatch train-ner`: trains the NER model on CoNLL-2002 files and writes the model file.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/commands.h"
#include "entities/ner.h"
#include "entities/ner_conll.h"
#include "entities/ner_train.h"

namespace wirewatch::cli {
namespace {

constexpr const char* kHelp = R"(usage: wirewatch train-ner --train FILE [--dev FILE] -o MODEL [options]

Trains the named-entity tagger (PER, ORG, LOC, MISC) on CoNLL-2002 column files (token first,
IOB2 tag last; latin-1 or UTF-8) and writes a binary model. The epoch kept is the one with the
best entity F1 on --dev. Deterministic: the same inputs and options give the same model.

options:
  --train FILE          labelled training data (required)
  --dev FILE            labelled tuning data; per-epoch F1 and the final scores are printed
  -o, --output MODEL    model file to write (required)
  --epochs N            perceptron epochs (default 15)
  --seed N              seed of the shuffles and cluster seeds (default 20020901)
  --unlabelled FILE     extra unlabelled text for word clusters and capitalisation statistics;
                        .jsonl (title/text fields) or token-per-line files; repeatable
  --countries FILE      CLDR territories JSON with country names; repeatable
  --clusters A,B,C      k-means cluster counts (default 64,256,1024); 0 turns clusters off
  --gazetteer-folds N   folds of the training-entity gazetteer (default 10; 0 = off)
  --prune X             drop features whose largest |weight| is below X (default 0)
  --l2 X                CRF L2 regularisation strength (default 1)
  --learning-rate X     CRF SGD learning rate (default 0.1)
  --perceptron          train an averaged perceptron instead of a CRF
  --margin X            cost-augmented training: bonus for wrong labels (default 0)
  -q, --quiet           no progress lines
  -h, --help            this text
)";

bool ParseFloat(const std::string& s, float& out) {
  char* end = nullptr;
  out = std::strtof(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

}  // namespace

int TrainNerCommand(const Args& args) {
  NerTrainOptions options;
  options.log = stderr;
  std::string train_path, dev_path, output;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "wirewatch train-ner: %s needs a value\n", a.c_str());
        return false;
      }
      out = args[++i];
      return true;
    };
    std::string v;
    long long n = 0;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--train") {
      if (!next(train_path)) return 2;
    } else if (a == "--dev") {
      if (!next(dev_path)) return 2;
    } else if (a == "-o" || a == "--output") {
      if (!next(output)) return 2;
    } else if (a == "--unlabelled") {
      if (!next(v)) return 2;
      options.unlabelled.push_back(v);
    } else if (a == "--countries") {
      if (!next(v)) return 2;
      options.countries.push_back(v);
    } else if (a == "--epochs" || a == "--seed" || a == "--gazetteer-folds") {
      if (!next(v) || !ParseCount(v, n)) {
        std::fprintf(stderr, "wirewatch train-ner: %s needs a number\n", a.c_str());
        return 2;
      }
      if (a == "--epochs") options.epochs = static_cast<int>(std::min(n, 1000LL));
      if (a == "--seed") options.seed = static_cast<uint64_t>(n);
      if (a == "--gazetteer-folds") options.gazetteer_folds = static_cast<int>(std::min(n, 100LL));
    } else if (a == "--clusters") {
      if (!next(v)) return 2;
      long long c[3] = {0, 0, 0};
      size_t start = 0;
      int count = 0;
      bool ok = true;
      while (ok && count < 3) {
        size_t comma = v.find(',', start);
        ok = ParseCount(v.substr(start, comma == std::string::npos ? std::string::npos : comma - start), c[count]);
        ++count;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (!ok || (count != 3 && !(count == 1 && c[0] == 0))) {
        std::fprintf(stderr, "wirewatch train-ner: --clusters needs A,B,C or 0\n");
        return 2;
      }
      for (int k = 0; k < 3; ++k) options.clusters[static_cast<size_t>(k)] = static_cast<int>(std::min(c[k], 60000LL));
    } else if (a == "--perceptron") {
      options.trainer = NerTrainOptions::Trainer::kPerceptron;
    } else if (a == "--l2" || a == "--learning-rate") {
      float f = 0;
      if (!next(v) || !ParseFloat(v, f) || f < 0) {
        std::fprintf(stderr, "wirewatch train-ner: %s needs a non-negative number\n", a.c_str());
        return 2;
      }
      (a == "--l2" ? options.l2 : options.learning_rate) = f;
    } else if (a == "--prune" || a == "--margin") {
      float f = 0;
      if (!next(v) || !ParseFloat(v, f) || f < 0) {
        std::fprintf(stderr, "wirewatch train-ner: %s needs a non-negative number\n", a.c_str());
        return 2;
      }
      (a == "--prune" ? options.prune : options.margin) = f;
    } else if (a == "-q" || a == "--quiet") {
      options.log = nullptr;
    } else {
      std::fprintf(stderr, "wirewatch train-ner: unknown option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (train_path.empty() || output.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  StatusOr<std::vector<NerDocument>> train = ReadConllDocuments(train_path);
  if (!train.ok()) {
    std::fprintf(stderr, "wirewatch train-ner: %s\n", train.status().message().c_str());
    return 1;
  }
  std::vector<NerDocument> dev;
  if (!dev_path.empty()) {
    StatusOr<std::vector<NerDocument>> d = ReadConllDocuments(dev_path);
    if (!d.ok()) {
      std::fprintf(stderr, "wirewatch train-ner: %s\n", d.status().message().c_str());
      return 1;
    }
    dev = std::move(*d);
  }
  NerScores scores;
  StatusOr<NerModel> model = TrainNer(*train, dev, options, &scores);
  if (!model.ok()) {
    std::fprintf(stderr, "wirewatch train-ner: %s\n", model.status().message().c_str());
    return 1;
  }
  Status saved = model->Save(output);
  if (!saved.ok()) {
    std::fprintf(stderr, "wirewatch train-ner: %s\n", saved.message().c_str());
    return 1;
  }
  if (!dev.empty()) std::printf("dev (%s):\n%s", dev_path.c_str(), scores.Report().c_str());
  std::printf("wrote %s\n", output.c_str());
  return 0;
}

}  // namespace wirewatch::cli
