// Named-entity recogniser for Dutch: PER, ORG, LOC, MISC (CoNLL-2002 scheme).
//
//   StatusOr<NerModel> model = NerModel::Load("models/ner-nl.bin");
//   if (!model.ok()) return model.status();          // names the file and what is wrong
//   std::vector<std::string_view> tokens = {"Premier", "Rutte", "bezocht", "Brussel", "."};
//   std::vector<NerSpan> spans = model->TagSpans(tokens);  // {1,2,PER}, {3,4,LOC}
//
// The model is a linear-chain tagger (averaged structured perceptron over BILOU labels, Viterbi
// decoding) over hashed sparse features: the word and its neighbours, affixes, shapes, hyphen
// parts, word clusters and capitalisation statistics learned from unlabelled text, and a country
// gazetteer. It is trained by `wirewatch train-ner` (see ner_train.h and docs/ner.md).
//
// Input is one sentence as a sequence of token strings (UTF-8), so it takes both CoNLL columns
// and byte-span tokens from text/tokenizer.h (pass the substrings). Tokens may be any bytes;
// invalid UTF-8 only makes the features less useful. A NerModel is immutable after Load:
// every method is const and safe to call from many threads at once; copies share the weights.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wirewatch {

enum class NerType : uint8_t { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };
inline constexpr int kNerTypeCount = 4;

// "PER", "ORG", "LOC", "MISC".
const char* NerTypeName(NerType type);

// Tokens [begin, end) of one sentence form an entity of `type`.
struct NerSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  NerType type = NerType::kPer;
  bool operator==(const NerSpan&) const = default;
};

namespace ner_internal {
struct NerParams;  // weights and lexicon tables, defined in ner_model.h
}

class NerModel {
 public:
  // Reads a model file written by Save. Errors (kNotFound, kIoError, kCorrupt, kUnsupported for
  // another format version) carry a message that starts with `path`.
  static StatusOr<NerModel> Load(const std::string& path);

  // Writes the model; the format is little-endian with a magic number, version and checksum.
  Status Save(const std::string& path) const;

  // One IOB2 tag per token: "O", "B-PER", "I-PER", ... The views point to static strings.
  std::vector<std::string_view> Tag(std::span<const std::string_view> tokens) const;

  // The entities of one sentence, in order, never overlapping.
  std::vector<NerSpan> TagSpans(std::span<const std::string_view> tokens) const;

  // Internal: wraps trained parameters (used by the trainer and tests).
  explicit NerModel(std::shared_ptr<const ner_internal::NerParams> params);
  const ner_internal::NerParams& params() const { return *params_; }

 private:
  std::shared_ptr<const ner_internal::NerParams> params_;
};

// Converts IOB2 (or IOB1) tags into spans with the conlleval chunk rules: a chunk starts at B-X,
// or at I-X after O or after another type; it ends before O, B-*, or a change of type.
std::vector<NerSpan> SpansFromIob(std::span<const std::string_view> tags);

}  // namespace wirewatch
