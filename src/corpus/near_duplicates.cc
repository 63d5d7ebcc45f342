// MinHash + LSH near-duplicate index (see near_duplicates.h for the contract).
//
// Signature: each shingle (k consecutive folded word hashes, mixed into one 64-bit value) is
// mapped by kMinHashes multiply-add-shift hash functions with fixed seeds; each slot keeps the
// minimum. The word hashes are already well mixed, so this cheap family is enough, and the
// inner loop over slots has no branches (60-110 us for a 2,300-character article, of which
// folding the words is about 13 us; docs/corpus.md).
// LSH: the signature is cut into kLshBands bands of kLshRows slots; two records become
// candidates when any band is equal, then the whole signatures are compared.
#include "corpus/near_duplicates.h"

#include <algorithm>

#include "corpus/folded_words.h"
#include "corpus/state_io.h"

namespace wirewatch {
namespace {

constexpr uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Seeds {
  std::array<uint64_t, kMinHashes> mul{};
  std::array<uint64_t, kMinHashes> add{};
};

// Fixed seeds, computed at compile time: signatures are the same on every run and machine.
constexpr Seeds MakeSeeds() {
  Seeds s;
  uint64_t state = 0x77697265776174ULL;  // "wirewat"
  for (int i = 0; i < kMinHashes; ++i) {
    s.mul[i] = SplitMix(state) | 1;  // odd multipliers
    s.add[i] = SplitMix(state);
  }
  return s;
}
constexpr Seeds kSeeds = MakeSeeds();

uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

uint32_t BandKey(const MinHashSignature& s, int band) {
  uint64_t h = Mix(static_cast<uint64_t>(band) + 1);
  for (int r = 0; r < kLshRows; ++r) h = Mix(h ^ s.values[band * kLshRows + r]) + static_cast<uint64_t>(r);
  return static_cast<uint32_t>(h >> 32);
}

size_t SlotOf(uint32_t key, size_t mask) { return static_cast<size_t>(Mix(key)) & mask; }

// A chain longer than this (thousands of near-identical texts) is only partly walked; the
// earliest records are reached through the group roots of the later ones.
constexpr int kMaxBucketWalk = 512;

}  // namespace

MinHashSignature ComputeSignature(std::string_view text, int shingle_words) {
  MinHashSignature sig;
  std::vector<FoldedWord> words = FoldedWords(text);
  if (words.empty()) return sig;
  const size_t k = static_cast<size_t>(std::max(1, shingle_words));
  std::vector<uint64_t> shingles;
  const size_t count = words.size() >= k ? words.size() - k + 1 : 1;
  shingles.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = 0x5348494e474c45ULL;  // "SHINGLE"
    for (size_t j = i; j < std::min(words.size(), i + k); ++j) h = Mix(h ^ words[j].hash);
    shingles.push_back(h);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  sig.shingles = static_cast<uint32_t>(shingles.size());
  std::array<uint32_t, kMinHashes> mins;
  mins.fill(UINT32_MAX);
  for (uint64_t h : shingles) {
    // 64 x 32-bit multiply-shift (Dietzfelbinger): 2-independent, and cheap enough for the
    // compiler to vectorise; 32 bits of an already mixed shingle hash are plenty.
    const uint64_t x = static_cast<uint32_t>(h ^ (h >> 32));
    for (int i = 0; i < kMinHashes; ++i) {
      uint32_t v = static_cast<uint32_t>((kSeeds.mul[i] * x + kSeeds.add[i]) >> 32);
      mins[i] = std::min(mins[i], v);
    }
  }
  sig.values = mins;
  return sig;
}

double EstimatedJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0;
  int equal = 0;
  for (int i = 0; i < kMinHashes; ++i) equal += a.values[i] == b.values[i];
  return static_cast<double>(equal) / kMinHashes;
}

double EstimatedContainment(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0;
  double j = EstimatedJaccard(a, b);
  double shared = j * (static_cast<double>(a.shingles) + b.shingles) / (1 + j);
  return std::min(1.0, shared / std::min(a.shingles, b.shingles));
}

NearDuplicateIndex::NearDuplicateIndex(NearDuplicateOptions options) : options_(options) {}

uint32_t* NearDuplicateIndex::FindBucket(uint32_t key) {
  if (bucket_slots_.empty()) return nullptr;
  const size_t mask = bucket_slots_.size() - 1;
  for (size_t i = SlotOf(key, mask);; i = (i + 1) & mask) {
    auto& slot = bucket_slots_[i];
    if (slot.second == 0) return nullptr;
    if (slot.first == key) return &slot.second;
  }
}

// Adds a bucket for a key FindBucket did not find.
void NearDuplicateIndex::InsertBucket(uint32_t key, uint32_t record) {
  if ((buckets_used_ + 1) * 2 > bucket_slots_.size()) {  // keep the load at most 1/2
    std::vector<std::pair<uint32_t, uint32_t>> old;
    old.swap(bucket_slots_);
    bucket_slots_.assign(std::max<size_t>(1024, old.size() * 2), {0, 0});
    const size_t mask = bucket_slots_.size() - 1;
    for (const auto& slot : old) {
      if (slot.second == 0) continue;
      size_t i = SlotOf(slot.first, mask);
      while (bucket_slots_[i].second != 0) i = (i + 1) & mask;
      bucket_slots_[i] = slot;
    }
  }
  const size_t mask = bucket_slots_.size() - 1;
  size_t i = SlotOf(key, mask);
  while (bucket_slots_[i].second != 0) i = (i + 1) & mask;
  bucket_slots_[i] = {key, record + 1};
  ++buckets_used_;
}

bool NearDuplicateIndex::Similar(const MinHashSignature& a, const MinHashSignature& b) const {
  if (EstimatedJaccard(a, b) >= options_.jaccard_threshold) return true;
  double ratio = static_cast<double>(std::min(a.shingles, b.shingles)) / std::max(a.shingles, b.shingles);
  return ratio >= options_.containment_min_size_ratio &&
         EstimatedContainment(a, b) >= options_.containment_threshold;
}

std::optional<std::string> NearDuplicateIndex::Add(std::string_view id, std::string_view text) {
  if (auto it = by_id_.find(std::string(id)); it != by_id_.end()) {
    const Entry& e = records_[it->second];
    if (e.signature.shingles == 0) return std::nullopt;
    return records_[e.root].id;
  }
  return Add(id, ComputeSignature(text, options_.shingle_words));
}

std::optional<std::string> NearDuplicateIndex::Add(std::string_view id, const MinHashSignature& signature) {
  std::string key(id);
  if (auto it = by_id_.find(key); it != by_id_.end()) {
    const Entry& e = records_[it->second];
    if (e.signature.shingles == 0) return std::nullopt;
    return records_[e.root].id;
  }
  const uint32_t self = static_cast<uint32_t>(records_.size());
  Entry entry{key, self, signature};
  std::optional<uint32_t> match;
  std::array<uint32_t, kLshBands> keys{};
  if (signature.shingles > 0) {
    std::vector<uint32_t> candidates;
    for (int band = 0; band < kLshBands; ++band) {
      keys[band] = BandKey(signature, band);
      const uint32_t* head = FindBucket(keys[band]);
      if (head == nullptr) continue;
      uint32_t r = *head - 1;
      for (int walked = 0; r != UINT32_MAX && walked < kMaxBucketWalk; ++walked) {
        candidates.push_back(r);
        r = bucket_next_[static_cast<size_t>(r) * kLshBands + band];
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    // The earliest similar record decides the group (its root is the group's first record).
    for (uint32_t c : candidates) {
      if (Similar(signature, records_[c].signature)) {
        match = c;
        break;
      }
    }
    if (match) entry.root = records_[*match].root;
  }
  records_.push_back(std::move(entry));
  by_id_.emplace(std::move(key), self);
  IndexBands(self, keys);
  if (!match) return std::nullopt;
  return records_[records_[self].root].id;
}

void NearDuplicateIndex::IndexBands(uint32_t self, const std::array<uint32_t, kLshBands>& keys) {
  bucket_next_.resize(records_.size() * kLshBands, UINT32_MAX);
  if (records_[self].signature.shingles == 0) return;
  for (int band = 0; band < kLshBands; ++band) {
    if (uint32_t* head = FindBucket(keys[band])) {
      bucket_next_[static_cast<size_t>(self) * kLshBands + band] = *head - 1;
      *head = self + 1;
    } else {
      InsertBucket(keys[band], self);
    }
  }
}

void NearDuplicateIndex::Serialize(corpus_state::Writer& w) const {
  w.U32(static_cast<uint32_t>(records_.size()));
  for (const Entry& e : records_) {
    w.Str(e.id);
    w.U32(e.root);
    w.U32(e.signature.shingles);
    if (e.signature.shingles > 0)
      for (uint32_t v : e.signature.values) w.U32(v);
  }
}

bool NearDuplicateIndex::Restore(corpus_state::Reader& r) {
  NearDuplicateIndex fresh(options_);
  uint32_t n = r.Count(12);
  fresh.records_.reserve(n);
  fresh.by_id_.reserve(n);
  fresh.bucket_next_.reserve(static_cast<size_t>(n) * kLshBands);
  for (uint32_t i = 0; i < n && !r.failed(); ++i) {
    Entry e;
    e.id = r.Str();
    e.root = r.U32();
    e.signature.shingles = r.U32();
    if (e.signature.shingles > 0)
      for (uint32_t& v : e.signature.values) v = r.U32();
    if (e.root > i || r.failed()) return false;
    std::array<uint32_t, kLshBands> keys{};
    if (e.signature.shingles > 0)
      for (int band = 0; band < kLshBands; ++band) keys[band] = BandKey(e.signature, band);
    fresh.by_id_.emplace(e.id, i);
    fresh.records_.push_back(std::move(e));
    fresh.IndexBands(i, keys);
  }
  if (r.failed()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace wirewatch
