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

// 16 lowercase hex digits.
inline std::string HexId(uint64_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 0xf];
  return out;
}

}  // namespace wirewatch
