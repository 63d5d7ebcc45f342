// Invariant checks shared by the fuzz targets. A violated invariant traps, so libFuzzer records
// the input as a crash exactly like a sanitizer report (and the CI run fails).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace wirewatch::fuzz {

// Prints what broke before trapping: a bare trap in a CI log says nothing.
#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
      __builtin_trap();                                                                    \
    }                                                                                      \
  } while (0)

// Strict UTF-8: shortest form, no surrogates, nothing above U+10FFFF.
inline bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    i += len;
  }
  return true;
}

// A span lies inside a text of `size` bytes and is not reversed.
inline bool SpanInside(const ByteSpan& span, size_t size) {
  return span.start <= span.end && span.end <= size;
}

// Spans in text order and not overlapping (empty spans allowed to touch).
inline bool OrderedDisjoint(const std::vector<ByteSpan>& spans, size_t size) {
  uint32_t last_end = 0;
  for (const ByteSpan& s : spans) {
    if (!SpanInside(s, size) || s.start < last_end) return false;
    last_end = s.end;
  }
  return true;
}

// Offsets must not split a UTF-8 sequence, or the record's substrings become invalid text.
inline bool OnCharBoundary(std::string_view text, size_t offset) {
  return offset == 0 || offset >= text.size() ||
         (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// Every text field of a cleaned document: valid UTF-8, spans in bounds.
inline void CheckDocument(const Document& doc) {
  FUZZ_CHECK(IsValidUtf8(doc.text));
  if (doc.title) FUZZ_CHECK(IsValidUtf8(*doc.title));
  if (doc.dateline) {
    FUZZ_CHECK(IsValidUtf8(doc.dateline->place));
    for (const std::string& a : doc.dateline->agencies) FUZZ_CHECK(IsValidUtf8(a));
  }
  for (const std::string& h : doc.subheadings) FUZZ_CHECK(IsValidUtf8(h));
  FUZZ_CHECK(OrderedDisjoint(doc.sentences, doc.text.size()));
}

}  // namespace wirewatch::fuzz
