// Words of a text folded for comparison across documents: case and diacritics removed
// ("Financiën", "FINANCIEN" and "financien" are one word), punctuation and spacing ignored, so
// the same story typed, encoded or capitalised differently by two portals compares equal.
// Both the near-duplicate index and story clustering read text through this one function.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace wirewatch {

struct FoldedWord {
  uint64_t hash = 0;    // stable hash of the folded word (never 0); equal words, equal hashes
  uint32_t length = 0;  // folded length in code points
  uint32_t start = 0;   // byte offset of the word in the input
};

// The words (maximal runs of letters and digits) of UTF-8 `text`, in order, each folded with
// ICU: canonical decomposition, combining marks dropped, Unicode case folding. Invalid bytes
// separate words. Thread-safe; no allocation beyond the returned vector.
std::vector<FoldedWord> FoldedWords(std::string_view text);

}  // namespace wirewatch
