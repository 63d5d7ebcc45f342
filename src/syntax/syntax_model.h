// Internals of the syntax model shared by the tagger, lemmatiser, parser, trainer and tests: the
// label tables, the sparse weight tables, feature extraction and the arc-hybrid transition
// system. Not a public API (see syntax.h).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "syntax/verbs.h"
#include "core/hash_table.h"
#include "syntax/edit_tree.h"

namespace wirewatch::syntax_internal {

// Version of the feature templates; stored in the model file, a mismatch is an incompatible model.
inline constexpr uint32_t kFeatureSetVersion = 1;

inline constexpr int kClusterLevels = 3;
using ClusterIds = std::array<uint16_t, kClusterLevels>;
inline constexpr uint16_t kNoCluster = 0xFFFF;

// The weight rows packed for look-up (built by SparseWeights::Finish): open addressing over
// 8-byte slots, each the key's top 32 bits and where its row starts, and the rows in one array,
// each its full 64-bit key, its length and its entries. Scoring is bound by cache misses: a
// feature costs one slot probe and, when present, one row read that brings the key and the
// weights together (keys/offsets/entries behind a 16-byte-slot HashIndex cost three misses
// over a table four times the size). A row holding a weight for a third of the classes or more
// (the part-of-speech and label features, which most configurations hit) is stored dense
// instead, every class's int16 in order, so adding it is a vectorised loop instead of ~40
// dependent scattered adds; its zeros add +0.0f, which leaves every sum as it was.
class WeightTable {
 public:
  // `entries` as SparseWeights holds them: row r is entries [offsets[r], offsets[r+1]). The
  // first of duplicate keys wins, as in HashIndex.
  template <typename Entry>
  void Build(uint32_t classes, std::span<const uint64_t> keys, std::span<const uint32_t> offsets,
             std::span<const Entry> entries);
  // Asks the CPU to fetch `key`'s first slot (see HashIndex::Prefetch).
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_)]);
  }
  // `key`'s row: its length, then that many entries (class in the low 16 bits, int16 value in
  // the high 16); or, when the length has kDense set, the position of its `classes` values in
  // dense(). nullptr when the key has no row.
  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const uint32_t tag = static_cast<uint32_t>(key >> 32);
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    while (true) {
      const Slot& s = slots_[i];
      if (s.row == 0) return nullptr;
      if (s.tag == tag) {
        const uint32_t* row = &rows_[s.row];
        if (row[0] == static_cast<uint32_t>(key) && row[1] == tag) return row + 2;
      }
      i = (i + 1) & mask_;
    }
  }
  static constexpr uint32_t kDense = 0x80000000u;
  const int16_t* dense(uint32_t at) const { return &dense_[at]; }

 private:
  struct Slot {
    uint32_t tag = 0;
    uint32_t row = 0;  // position in rows_; 0 = empty (rows_[0] is a placeholder)
  };
  std::vector<Slot> slots_;
  std::vector<uint32_t> rows_;
  std::vector<int16_t> dense_;
  size_t mask_ = 0;
  int shift_ = 64;
};

template <typename Entry>
void WeightTable::Build(uint32_t classes, std::span<const uint64_t> keys, std::span<const uint32_t> offsets,
                        std::span<const Entry> entries) {
  slots_.clear();
  rows_.assign(1, 0);
  dense_.clear();
  std::vector<uint8_t> seen(classes);
  mask_ = 0;
  shift_ = 64;
  if (keys.empty()) return;
  // Load factor 1/2 to 3/4: an absent key (most features are) ends its probe within a cache line.
  int bits = 1;
  while ((size_t{1} << bits) * 3 < keys.size() * 4) ++bits;
  slots_.assign(size_t{1} << bits, Slot{});
  mask_ = (size_t{1} << bits) - 1;
  shift_ = 64 - bits;
  rows_.reserve(1 + 3 * keys.size() + entries.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    const uint64_t key = keys[k];
    if (Find(key) != nullptr) continue;
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    while (slots_[i].row != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(rows_.size())};
    rows_.push_back(static_cast<uint32_t>(key));
    rows_.push_back(static_cast<uint32_t>(key >> 32));
    const uint32_t len = offsets[k + 1] - offsets[k];
    // Dense only when every class occurs once: a repeated class would be summed in another order.
    bool dense = classes > 0 && len * 3 >= classes;
    std::fill(seen.begin(), seen.end(), 0);
    for (uint32_t e = offsets[k]; dense && e < offsets[k + 1]; ++e) {
      dense = entries[e].cls < classes && !seen[entries[e].cls];
      if (dense) seen[entries[e].cls] = 1;
    }
    if (dense) {
      rows_.push_back(len | kDense);
      rows_.push_back(static_cast<uint32_t>(dense_.size()));
      dense_.resize(dense_.size() + classes, 0);
      int16_t* d = &dense_[dense_.size() - classes];
      for (uint32_t e = offsets[k]; e < offsets[k + 1]; ++e) d[entries[e].cls] = entries[e].value;
      continue;
    }
    rows_.push_back(len);
    for (uint32_t e = offsets[k]; e < offsets[k + 1]; ++e) {
      rows_.push_back(uint32_t{entries[e].cls} | uint32_t{static_cast<uint16_t>(entries[e].value)} << 16);
    }
  }
}

// Averaged-perceptron weights as stored at run time: for each feature hash, the few classes it
// has a weight for. Sparse because most features only ever moved two or three classes.
struct SparseWeights {
  // One non-zero weight: its class and its value in units of `scale`.
  struct Entry {
    uint16_t cls;
    int16_t value;
  };
  uint32_t classes = 0;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> offsets;  // keys.size() + 1: row r is entries [offsets[r], offsets[r+1])
  std::vector<Entry> entries;
  float scale = 1.0f;             // weight = value * scale
  WeightTable table;              // the rows again, packed for scoring

  void Finish() { table.Build<Entry>(classes, keys, offsets, entries); }
  // Sets `entries` from (class, weight) pairs, quantising the weights to int16.
  void SetEntries(const std::vector<uint16_t>& cls, const std::vector<float>& weight) {
    float max_abs = 0;
    for (float x : weight) max_abs = std::max(max_abs, std::fabs(x));
    scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
    entries.resize(cls.size());
    for (size_t i = 0; i < cls.size(); ++i) {
      entries[i] = {cls[i], static_cast<int16_t>(std::lround(weight[i] / scale))};
    }
  }
  // Adds the weights of all `n` features to `scores`, in feature order (so the float sums are
  // the same whatever the table layout); look-ups are prefetched together.
  void AddAll(const uint64_t* feats, size_t n, float* scores) const {
    for (size_t f = 0; f < n; ++f) table.Prefetch(feats[f]);
    const uint32_t* rows[128];
    size_t m = 0;
    for (size_t f = 0; f < n; ++f) {
      const uint32_t* row = table.Find(feats[f]);
      if (row == nullptr) continue;
      if (m == 128) {  // more features than the buffer: add what is there first
        AddRows(rows, m, scores);
        m = 0;
      }
      rows[m++] = row;
      __builtin_prefetch(row);
    }
    AddRows(rows, m, scores);
  }
  void AddRows(const uint32_t* const* rows, size_t m, float* scores) const {
    const float s = scale;  // a local: `scores` could alias the member
    for (size_t k = 0; k < m; ++k) {
      const uint32_t* row = rows[k];
      const uint32_t len = row[0];
      if (len & WeightTable::kDense) {
        const int16_t* d = table.dense(row[1]);
        const uint32_t n = classes;
        for (uint32_t c = 0; c < n; ++c) scores[c] += static_cast<float>(d[c]) * s;
        continue;
      }
      for (uint32_t e = 1; e <= len; ++e) {
        const uint32_t x = row[e];
        scores[x & 0xFFFF] += static_cast<float>(static_cast<int16_t>(x >> 16)) * s;
      }
    }
  }
  void AddTo(uint64_t key, float* scores) const {
    if (const uint32_t* row = table.Find(key)) AddRows(&row, 1, scores);
  }
};

// The lemmatiser's tables.
struct LemmaTables {
  std::vector<std::string> lemmas;   // distinct lemma strings of the training words
  HashTable<uint32_t> by_form_tag;   // LemmaKey(form as written, tag) -> lemma index
  HashTable<uint32_t> by_lower_tag;  // LemmaKey(lowercased form, tag)
  HashTable<uint32_t> by_lower_upos; // LemmaKey(lowercased form, kUposKeyBase + upos)
  std::vector<EditScript> scripts;   // lemma classes
  std::vector<std::string> script_keys;
  // SuffixKey(tag or kUposKeyBase + upos, suffix) -> offset into class_lists, where a list is
  // its length followed by class ids, most frequent first.
  HashTable<uint32_t> suffix_classes;
  std::vector<uint32_t> class_lists;
  uint32_t max_suffix = 6;
  // Compound parts: PartKey(kind, HashString(lowercased plain part)) -> lemma index of the part
  // as a lemma writes it. Kinds: kAttestedFirst (a first part of an underscored training lemma,
  // such as "tussen"), kFirst (any noun, verb, adjective or numeral lemma), kParticle (a word
  // seen as compound:prt at least three times: "uit", "mee", "op"), and
  // kUposKeyBase + upos (a head: the last part of a lemma of that word class).
  HashTable<uint32_t> parts;

  void Finish() {
    by_form_tag.Finish();
    by_lower_tag.Finish();
    by_lower_upos.Finish();
    suffix_classes.Finish();
    parts.Finish();
  }
};
inline constexpr uint32_t kUposKeyBase = 1u << 20;
inline constexpr uint32_t kAttestedFirst = 1, kFirst = 2, kParticle = 3;
inline uint64_t PartKey(uint32_t kind, uint64_t part_hash) { return HashCombine(0xC0AA9D5ULL + kind, part_hash); }

// Dutch compounds are right-headed, with an optional linking -s-, -e- or -en- after the first
// part ("opleiding|s|ploeg"). Writes the lemma as the treebanks do ("opleiding_ploeg") when
// `lemma` splits into a known first part and a known head of word class `upos`. Verbs split
// only after a separable particle ("uit|rekenen"); nouns and adjectives after a content lemma
// ("opleiding") or an attested first part of four letters or more.
std::optional<std::string> SplitCompound(const LemmaTables& tables, std::string_view lemma, uint16_t upos,
                                         uint16_t verb_upos);

struct SyntaxParams {
  std::vector<std::string> upos_names;   // by upos id
  std::vector<uint16_t> tag_upos;        // joint tag -> upos id
  std::vector<std::string> tag_feats;    // joint tag -> FEATS ("_" when none)
  std::vector<std::string> deprels;      // by label id
  uint16_t root_label = 0;
  uint16_t punct_upos = 0xFFFF;          // upos id of PUNCT, when known
  uint16_t propn_upos = 0xFFFF;
  uint16_t verb_upos = 0xFFFF;
  uint16_t aux_upos = 0xFFFF;
  uint16_t prt_label = 0xFFFF;           // compound:prt, when known
  uint16_t punct_label = 0xFFFF;         // punct, when known
  HashTable<ClusterIds> clusters;        // HashString(lowercased word) -> cluster ids
  SparseWeights tagger;                  // classes: joint tags
  SparseWeights parser;                  // classes: kShift, then left and right arcs per label
  LemmaTables lemmas;
  std::string credit;

  size_t num_tags() const { return tag_upos.size(); }
  size_t num_labels() const { return deprels.size(); }
  void Finish() {
    clusters.Finish();
    tagger.Finish();
    parser.Finish();
    lemmas.Finish();
  }
};

// Derives the lookup fields (PUNCT, PROPN, compound:prt ids) and builds the hash indexes.
void FinishParams(SyntaxParams& params);

// ---- Words ------------------------------------------------------------------------------------

// What the features read of one word, computed once per sentence.
struct WordInfo {
  uint64_t word = 0;    // HashString(form)
  uint64_t lower = 0;   // HashString(lowercased form)
  uint64_t shape = 0;   // HashString(WordShape(form))
  std::array<uint64_t, 4> suffix{};  // lowercased last 1..4 code points (0 when shorter)
  std::array<uint64_t, 3> prefix{};  // lowercased first 1..3 code points
  ClusterIds cluster{kNoCluster, kNoCluster, kNoCluster};
  uint8_t flags = 0;    // kUpper, kDigit, kHyphen, kAllUpper
  uint64_t lemma = 0;   // HashString(lemma) once lemmatised
  uint16_t tag = 0;     // joint tag once tagged
  uint16_t upos = 0;
};
enum WordFlag : uint8_t { kUpper = 1, kDigit = 2, kHyphen = 4, kAllUpper = 8 };

void ComputeWordInfo(std::span<const std::string_view> words, const SyntaxParams& params,
                     std::vector<WordInfo>& out);

// ---- Tagger -----------------------------------------------------------------------------------

inline constexpr size_t kMaxTaggerFeatures = 40;
inline constexpr int kNoTag = -1;  // before the sentence

// Features of word i given the two previous tags; returns how many were written to `out`.
size_t TaggerFeatures(std::span<const WordInfo> words, size_t i, int prev1, int prev2,
                      uint64_t* out);

// ---- Lemmatiser -------------------------------------------------------------------------------

inline uint64_t LemmaKey(uint64_t form_hash, uint32_t tag) { return HashCombine(form_hash, tag + 1); }
uint64_t SuffixKey(uint32_t tag_or_upos, std::u32string_view suffix);

// The lemma of `form` with joint tag `tag`.
// `verbs`, when given, lemmatises verbs the training words do not hold (syntax/verbs.h).
std::string Lemmatise(const SyntaxParams& params, std::string_view form, uint16_t tag,
                      const VerbLexicon* verbs = nullptr);

// ---- Parser: arc-hybrid transitions -------------------------------------------------------------
//
// Words are 0..n-1 and the root is n, always last in the buffer. SHIFT moves the buffer front
// onto the stack; LEFT(l) makes the buffer front the head of the stack top and pops it; RIGHT(l)
// makes the word below the stack top its head and pops it. LEFT onto the root needs the stack to
// hold exactly one word, so every tree has one root.

enum class Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };
inline uint32_t ClassOf(Move m, uint32_t label, uint32_t num_labels) {
  return m == Move::kShift ? 0 : m == Move::kLeft ? 1 + label : 1 + num_labels + label;
}
inline Move MoveOf(uint32_t cls, uint32_t num_labels) {
  return cls == 0 ? Move::kShift : cls <= num_labels ? Move::kLeft : Move::kRight;
}
inline uint32_t LabelOf(uint32_t cls, uint32_t num_labels) {
  return cls == 0 ? 0 : cls <= num_labels ? cls - 1 : cls - 1 - num_labels;
}

struct ParseState {
  int n = 0;
  std::vector<int> stack;
  int buffer = 0;  // front of the buffer; the buffer is buffer..n
  std::vector<int> head;
  std::vector<int> label;
  // Children for features: two leftmost and two rightmost, counts, label sets (bit per label).
  std::vector<int> left1, left2, right1, right2;
  std::vector<uint8_t> left_count, right_count;
  std::vector<uint64_t> left_labels, right_labels;

  void Reset(int words);
  bool Done() const { return buffer == n && stack.empty(); }
  bool CanShift() const { return buffer < n; }
  bool CanLeft() const { return !stack.empty() && (buffer < n || stack.size() == 1); }
  bool CanRight() const { return stack.size() >= 2; }
  void AddArc(int h, int d, int l);
  void Apply(Move m, int l);
};

inline constexpr size_t kMaxParserFeatures = 112;

// Features of the current configuration; returns how many were written to `out`.
size_t ParserFeatures(const ParseState& state, std::span<const WordInfo> words, uint64_t* out);

// Re-attaches punctuation by the UD guideline, which the current Dutch treebanks follow: a
// closing mark ( ) '' " » goes where its opening mark went; any other mark to the head of the
// phrase that follows it (the highest ancestor of the next word that still lies after the
// mark), else of the phrase before it, else the root. `head` is 1-based (0 = root) over all
// words; words hung under punctuation move up first, so the result stays a tree.
void AttachPunctuation(std::span<const std::string_view> forms, const std::vector<uint8_t>& is_punct,
                       std::vector<int>& head);

// Whether class `cls` may be taken in `state` (the root label only onto the root, never
// elsewhere).
bool ClassAllowed(const ParseState& state, uint32_t cls, uint32_t num_labels, uint32_t root_label);

}  // namespace wirewatch::syntax_internal
