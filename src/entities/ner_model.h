// Internals of the NER model shared by the tagger, the trainer and the tests: the label set,
// the hashed lookup tables, the parameter block and Viterbi decoding. Not a public API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

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

// Open addressing from nonzero 64-bit keys to their position in the key array. Keys are
// feature hashes, so a multiplicative probe start is enough.
class HashIndex {
 public:
  void Build(std::span<const uint64_t> keys);
  // Position of `key` in the array given to Build, or -1.
  int32_t Find(uint64_t key) const {
    if (slots_.empty()) return -1;
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    while (true) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return -1;
      i = (i + 1) & mask_;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    int32_t value = -1;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
};

// Keys with one value each, looked up through a HashIndex.
template <typename V>
struct HashTable {
  std::vector<uint64_t> keys;
  std::vector<V> values;
  HashIndex index;

  void Finish() { index.Build(keys); }
  const V* Find(uint64_t key) const {
    int32_t i = index.Find(key);
    return i < 0 ? nullptr : &values[static_cast<size_t>(i)];
  }
};

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
