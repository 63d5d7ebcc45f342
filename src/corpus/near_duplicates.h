// Near-duplicate detection across records: MinHash signatures over word shingles of the clean
// text, LSH banding to find candidates, and verification by estimated Jaccard similarity (or,
// for a cut-down copy, estimated containment).
//
// Why: the same wire story reaches many portals (a text dump on one, HTML on another, an
// edited update on a third) and the same sidebar brief appears on many pages. Counting those
// copies as independent reports inflates every figure built on them, so each later copy is
// marked `duplicate_of` the first record of its group.
//
//   NearDuplicateIndex index;                       // default options below
//   index.Add("a1", text_a);                        // -> nullopt: nothing earlier like it
//   index.Add("b7", text_a_edited);                 // -> "a1"
//
// Deterministic: fixed hash seeds, results depend only on the texts and their order.
// Not thread-safe for Add; const members may be called concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wirewatch {

namespace corpus_state {
class Reader;
class Writer;
}  // namespace corpus_state

struct NearDuplicateOptions {
  // Words per shingle. 3 keeps short briefs comparable and makes a changed word cost 3
  // shingles, not 5; longer shingles are more selective but lose edited copies.
  int shingle_words = 3;
  // Two texts are near-duplicates when their estimated Jaccard similarity (shared shingles
  // over all shingles) reaches this. docs/corpus.md has precision/recall per threshold.
  double jaccard_threshold = 0.4;
  // ... or when the smaller text's shingles are at least this share contained in the larger
  // (a truncated copy, a copy with a paragraph dropped) ...
  double containment_threshold = 0.8;
  // ... and the smaller has at least this share of the larger's shingles: a one-line footer
  // contained in every article of a site is not a copy of them.
  double containment_min_size_ratio = 0.3;
};

constexpr int kMinHashes = 120;   // signature length
constexpr int kLshBands = 40;     // 40 bands of 3 rows: candidate pairs from Jaccard ~0.3 up
constexpr int kLshRows = kMinHashes / kLshBands;

struct MinHashSignature {
  std::array<uint32_t, kMinHashes> values{};
  uint32_t shingles = 0;  // distinct shingles in the text; 0 when the text has no words
};

// The signature of `text` (words folded as in folded_words.h). A text with fewer words than a
// shingle is one shingle of all its words.
MinHashSignature ComputeSignature(std::string_view text, int shingle_words);

// Share of equal signature slots: an unbiased estimate of the shingle sets' Jaccard similarity.
double EstimatedJaccard(const MinHashSignature& a, const MinHashSignature& b);

// Estimated share of the smaller set contained in the larger, from Jaccard and set sizes.
double EstimatedContainment(const MinHashSignature& a, const MinHashSignature& b);

class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(NearDuplicateOptions options = {});

  // Adds record `id` with clean text `text`. Returns the id of the first record of the group
  // it (near-)duplicates (always a record that is itself no duplicate), or nullopt when it is
  // the first of its kind. A record id seen before (the same content again) returns the first
  // record of that id's group: its own id when that record was the first. A text without words
  // is never a duplicate.
  std::optional<std::string> Add(std::string_view id, std::string_view text);

  // The same, with a signature computed elsewhere (e.g. on worker threads).
  std::optional<std::string> Add(std::string_view id, const MinHashSignature& signature);

  size_t size() const { return records_.size(); }
  const NearDuplicateOptions& options() const { return options_; }

  // The records, their groups and signatures; the LSH buckets are rebuilt on Restore by
  // inserting the records again in order, which gives the same bucket chains.
  void Serialize(corpus_state::Writer& out) const;
  // Replaces this index's state with a serialised one; false when it is damaged.
  bool Restore(corpus_state::Reader& in);

 private:
  struct Entry {
    std::string id;
    uint32_t root = 0;  // index of the group's first record
    MinHashSignature signature;
  };
  bool Similar(const MinHashSignature& a, const MinHashSignature& b) const;
  // Appends record `self` (already in records_) to the buckets of its bands.
  void IndexBands(uint32_t self, const std::array<uint32_t, kLshBands>& keys);

  NearDuplicateOptions options_;
  std::vector<Entry> records_;
  std::unordered_map<std::string, uint32_t> by_id_;
  // LSH buckets in one open-addressing table: per slot a 32-bit key of (band, band values) and
  // the latest record in that bucket plus one (0: empty slot); bucket_next_ chains earlier
  // records (index record * kLshBands + band). About 0.5 KB per record, no allocation per
  // bucket. Two buckets sharing a 32-bit key only cost a few extra signature comparisons.
  uint32_t* FindBucket(uint32_t key);  // the slot's value, 0 if the key is absent
  void InsertBucket(uint32_t key, uint32_t record);  // a key FindBucket did not find
  std::vector<std::pair<uint32_t, uint32_t>> bucket_slots_;
  size_t buckets_used_ = 0;
  std::vector<uint32_t> bucket_next_;
};

}  // namespace wirewatch
