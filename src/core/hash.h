// Stable content hashes for record ids: the same normalised text gives the same id on every
// machine and every run, whatever path it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wirewatch {

// 64-bit FNV-1a; stable across platforms (no std::hash, whose values may change).
inline uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL) {
  uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64 finaliser, never 0: FNV alone leaves similar strings in nearby buckets, and 0 marks
// an empty slot in HashIndex.
inline uint64_t HashMix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x == 0 ? 1 : x;
}

// 64-bit hash of bytes for model features and lookup tables (FNV-1a, then HashMix); never 0.
// Model files store these values: changing the function invalidates every trained model.
inline uint64_t HashString(std::string_view s) {
  return HashMix(Fnv1a64(s) ^ s.size());
}

// Mixes two hashes into one; never 0.
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  return HashMix(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL);
}

// 16 lowercase hex digits.
inline std::string HexId(uint64_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 0xf];
  return out;
}

}  // namespace wirewatch
