// Row helpers every store backend needs to turn a Document into rows: QuadClass from a CAMEO
// root, the day of a date, span and sentence text, and code-point offsets (GDELT counts
// characters). Header-only: both backends inline them on their write paths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace wirewatch::store_rows {

// GDELT's QuadClass from a CAMEO root: 1 verbal cooperation (01-05), 2 material cooperation
// (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20); 0 when the root is not one.
inline int QuadClass(const std::string& root) {
  if (root.size() != 2 || root[0] < '0' || root[0] > '9' || root[1] < '0' || root[1] > '9') return 0;
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 9) return 2;
  if (r >= 10 && r <= 14) return 3;
  if (r >= 15 && r <= 20) return 4;
  return 0;
}

// The first ten characters of a date ("2022-01-21"), or nullopt for a shorter or no date.
inline std::optional<std::string> Day(const std::optional<std::string>& date) {
  if (!date || date->size() < 10) return std::nullopt;
  return date->substr(0, 10);
}

inline std::string SpanText(const std::string& text, ByteSpan s) {
  if (s.start >= s.end || s.end > text.size()) return "";
  return text.substr(s.start, s.end - s.start);
}

// The sentence holding byte `offset`, or "" when the record has no sentence there.
inline std::string SentenceAt(const Document& d, uint32_t offset) {
  for (const ByteSpan& s : d.sentences) {
    if (offset >= s.start && offset < s.end) return SpanText(d.text, s);
  }
  return "";
}

// Code-point offsets of byte offsets into one text, from a count of characters kept every 64
// bytes: a lookup reads at most 64 bytes.
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text) : text_(text) {
    int64_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (i % 64 == 0) every64_.push_back(chars);
      chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    total_ = chars;
  }
  int64_t total() const { return total_; }
  int64_t At(uint32_t byte) const {
    if (byte >= text_.size()) return total_;
    int64_t chars = every64_[byte / 64];
    for (size_t i = byte / 64 * 64; i < byte; ++i)
      chars += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    return chars;
  }

 private:
  std::string_view text_;
  std::vector<int64_t> every64_;
  int64_t total_ = 0;
};

}  // namespace wirewatch::store_rows
