// Open-addressing lookup from nonzero 64-bit hashes (feature and word hashes) to table rows.
//
// Models store their features as hashes (core/hash.h), never as strings; these tables find a
// hash's row in one or two probes. Built once after loading, then read-only and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace wirewatch {

// Open addressing from nonzero 64-bit keys to their position in the key array. Keys are
// feature hashes, so a multiplicative probe start is enough.
class HashIndex {
 public:
  void Build(std::span<const uint64_t> keys);
  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }
  // Asks the CPU to fetch `key`'s first probe slot: callers with many independent look-ups
  // prefetch them all first, so the cache misses overlap instead of queueing.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_)]);
  }
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

}  // namespace wirewatch
