// UTF-8 validation shared by the decoder (ingest) and the record writer (core).
#pragma once

#include <cstddef>
#include <string_view>

namespace wirewatch {

// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 when the bytes there are
// not valid UTF-8 (overlong forms, surrogates and code points above U+10FFFF included).
inline size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return (i + 1 < n && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF && cont(2)) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return (cont(1) && cont(2)) ? 3 : 0;
  if (c == 0xED) return (i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F && cont(2)) ? 3 : 0;
  if (c == 0xF0)
    return (i + 1 < n && p[i + 1] >= 0x90 && p[i + 1] <= 0xBF && cont(2) && cont(3)) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return (cont(1) && cont(2) && cont(3)) ? 4 : 0;
  if (c == 0xF4)
    return (i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x8F && cont(2) && cont(3)) ? 4 : 0;
  return 0;
}

}  // namespace wirewatch
