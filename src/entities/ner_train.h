// Training the NER model: averaged structured perceptron over BILOU labels.
//
//   NerTrainOptions options;
//   options.unlabelled = {"dpg.jsonl"};      // text for word clusters and capitalisation stats
//   StatusOr<NerModel> model = TrainNer(train_docs, dev_docs, options, &dev_scores);
//
// Training is deterministic: the same inputs and options give a byte-identical model (fixed
// seeds, fixed iteration order, one thread). The epoch kept is the one with the best entity F1
// on `dev` (or the last one when dev is empty).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/status.h"
#include "entities/ner.h"
#include "entities/ner_conll.h"

namespace wirewatch {

struct NerTrainOptions {
  enum class Trainer { kCrf, kPerceptron };
  Trainer trainer = Trainer::kCrf;
  int epochs = 15;
  // CRF: SGD learning rate and L2 strength (summed over the training set).
  double learning_rate = 0.1;
  double l2 = 1.0;
  uint64_t seed = 20020901;
  // Unlabelled text: ".jsonl" files (the "title" and "text" fields) or token-per-line column
  // files (first column). The training tokens are always added (without their labels).
  std::vector<std::string> unlabelled;
  // Country names: CLDR territories JSON (every string under "territories").
  std::vector<std::string> countries;
  // Cluster counts of the three k-means granularities; 0 turns word clusters off.
  std::array<int, 3> clusters = {64, 256, 1024};
  int cluster_min_count = 3;
  int cluster_iterations = 12;
  // Training-entity gazetteer, built per fold from the other folds so training features look
  // like test-time features (an entity never sees itself). 0 turns it off.
  int gazetteer_folds = 10;
  // Perceptron: cost-augmented training: wrong labels get this bonus while decoding training sentences.
  float margin = 0.0f;
  // Features whose largest absolute averaged weight is below this are dropped from the model.
  float prune = 0.0f;
  std::FILE* log = nullptr;  // progress lines, or nothing
};

StatusOr<NerModel> TrainNer(const std::vector<NerDocument>& train,
                            const std::vector<NerDocument>& dev, const NerTrainOptions& options,
                            NerScores* dev_scores = nullptr);

// Tags every sentence of `docs` and scores it against the gold tags.
NerScores EvaluateNer(const NerModel& model, const std::vector<NerDocument>& docs);

}  // namespace wirewatch
