// Feature extraction for the NER tagger: turns a sentence of tokens into hashed sparse features.
//
// A feature is a template id combined with a value (a word, an affix, a shape, a cluster id...)
// and hashed to 64 bits, so neither training nor tagging builds feature strings, and the model
// file stores hashes, not the words of the (research-only) training corpus. The same code runs
// at training and at tagging time, which is what keeps the two consistent.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/word_form.h"
#include "entities/ner_model.h"

namespace wirewatch::ner_internal {

// Version of the feature set; stored in the model file, a mismatch is an incompatible model.
inline constexpr uint32_t kFeatureSetVersion = 1;

enum FeatureTemplate : uint32_t {
  kBias = 1,
  kWord,
  kLower,
  kLowerPrev,
  kLowerNext,
  kLowerPrev2,
  kLowerNext2,
  kPrefix,
  kSuffix,
  kShape,
  kShortTokenShape,
  kShapePrev,
  kShapeNext,
  kShapePrevCur,
  kShapeCurNext,
  kBigramPrev,
  kBigramNext,
  kPrevWordCurShape,
  kCurShapeNextWord,
  kFirstShape,
  kHyphenPart,
  kHyphenFirst,
  kHyphenLast,
  kCluster,
  kClusterPrev,
  kClusterNext,
  kClusterPrev2,
  kClusterNext2,
  kCapBucket,
  kGazetteer,
  kLength,
  kHyphenLastCluster,
  kCapBucketNext,
};

// Hashing and word-form helpers shared with the other models (core/hash.h, core/word_form.h).
using ::wirewatch::HashCombine;
using ::wirewatch::HashString;
using ::wirewatch::LowerUtf8;
using ::wirewatch::StartsUpper;
using ::wirewatch::WordShape;

// The hash of feature `tmpl` with value hash `value`.
inline uint64_t FeatureHash(uint32_t tmpl, uint64_t value) { return HashCombine(tmpl, value); }

// The features of every token of a sentence, as consecutive runs of hashes:
// token i has hashes[starts[i] .. starts[i + 1]).
struct SentenceFeatures {
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> starts;
  size_t size() const { return starts.empty() ? 0 : starts.size() - 1; }
  std::span<const uint64_t> Of(size_t i) const {
    return {hashes.data() + starts[i], hashes.data() + starts[i + 1]};
  }
};

void ExtractFeatures(std::span<const std::string_view> tokens, const NerLexicon& lexicon,
                     SentenceFeatures& out);

}  // namespace wirewatch::ner_internal
