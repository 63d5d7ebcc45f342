// Internals of the NER model shared by the tagger, the trainer and the tests: the label set,
// the hashed lookup tables, the parameter block and Viterbi decoding. Not a public API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/hash_table.h"
#include "entities/ner.h"

namespace wirewatch::ner_internal {

// BILOU labels: 0 is O; type t has B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t. BILOU rather
// than IOB2 because the model then learns distinct weights for single-token and last tokens,
// which helps boundaries; Viterbi only allows well-formed sequences.
inline constexpr int kNumLabels = 1 + 4 * kNerTypeCount;
enum Position : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int LabelOf(NerType type, Position pos) { return 1 + 4 * static_cast<int>(type) + pos; }
inline NerType TypeOfLabel(int label) { return static_cast<NerType>((label - 1) / 4); }
inline Position PositionOfLabel(int label) { return static_cast<Position>((label - 1) % 4); }

// True when label `to` may follow label `from` (from == kNumLabels means sentence start).
bool TransitionAllowed(int from, int to);
// True when a sentence may end in `label`.
bool EndAllowed(int label);

using ::wirewatch::HashIndex;
template <typename V>
using HashTable = ::wirewatch::HashTable<V>;

inline constexpr int kClusterLevels = 3;
using ClusterIds = std::array<uint16_t, kClusterLevels>;

// Gazetteer value bits: entity types seen in training data, plus the country list.
inline constexpr uint8_t kGazCountry = 1 << 4;

// Everything learned from unlabelled text and lists; the feature extractor reads only this.
struct NerLexicon {
  HashTable<ClusterIds> clusters;  // HashString(lowercase word) -> cluster id per granularity
  HashTable<uint8_t> caps;         // HashString(lowercase word) -> capitalisation bucket 1..6
  HashTable<uint8_t> gazetteer;    // HashTokens(token sequence) -> bit set of types
  uint32_t gazetteer_max_len = 0;

  void Finish() {
    clusters.Finish();
    caps.Finish();
    gazetteer.Finish();
  }
};

struct NerParams {
  NerLexicon lexicon;
  // transitions[from * kNumLabels + to], from == kNumLabels is the sentence start.
  std::array<float, (kNumLabels + 1) * kNumLabels> transitions{};
  std::array<float, kNumLabels> end{};
  std::vector<uint64_t> feature_keys;  // feature hash per row
  std::vector<float> weights;          // feature_keys.size() rows of kNumLabels
  HashIndex feature_index;

  void Finish() {
    lexicon.Finish();
    feature_index.Build(feature_keys);
  }
};

// Best label sequence for `n` tokens given emission scores (n rows of kNumLabels), the
// transition scores and the BILOU constraints. Writes n labels into `labels`.
void Viterbi(const float* emissions, size_t n, const float* transitions, const float* end,
             std::vector<int>& labels);

// Labels as IOB2 tag strings (static storage) and as spans.
std::string_view Iob2Tag(int label);
std::vector<NerSpan> SpansFromLabels(std::span<const int> labels);

}  // namespace wirewatch::ner_internal
