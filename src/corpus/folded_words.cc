// FoldedWords: an ASCII fast path (most Dutch text) and ICU for everything else.
#include "corpus/folded_words.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace wirewatch {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// splitmix64 finaliser, never 0 (the word hashes feed MinHash, which wants well-mixed bits).
uint64_t Finish(uint64_t h) {
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

struct WordBuilder {
  std::vector<FoldedWord>& out;
  uint64_t hash = kFnvOffset;
  uint32_t length = 0;
  uint32_t start = 0;

  void Add(UChar32 c, uint32_t at) {
    if (length == 0) start = at;
    // Code points hashed as they come (one round for ASCII, three for the rest): the folded
    // form never needs to be materialised. The rounds are distinct (ASCII < 0x80 <= a lead
    // value), so no two folded words share a sequence of rounds.
    if (c < 0x80) {
      hash = (hash ^ static_cast<uint32_t>(c)) * kFnvPrime;
    } else {
      hash = (hash ^ (0x80 | (static_cast<uint32_t>(c) >> 14))) * kFnvPrime;
      hash = (hash ^ ((static_cast<uint32_t>(c) >> 7) & 0x7f)) * kFnvPrime;
      hash = (hash ^ (static_cast<uint32_t>(c) & 0x7f)) * kFnvPrime;
    }
    ++length;
  }
  void End() {
    if (length > 0) out.push_back({Finish(hash), length, start});
    hash = kFnvOffset;
    length = 0;
  }
};

}  // namespace

std::vector<FoldedWord> FoldedWords(std::string_view text) {
  std::vector<FoldedWord> words;
  words.reserve(text.size() / 6 + 1);
  WordBuilder word{words};
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) nfd = nullptr;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  icu::UnicodeString decomposition;
  while (i < n) {
    const uint32_t at = static_cast<uint32_t>(i);
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      if (b >= 'A' && b <= 'Z') {
        word.Add(b + ('a' - 'A'), at);
      } else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
        word.Add(b, at);
      } else {
        word.End();
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) {
      word.End();
      continue;
    }
    // é -> e + U+0301 (dropped); ĳ and other compatibility forms are kept as they are.
    if (nfd != nullptr && nfd->getDecomposition(c, decomposition)) {
      for (int32_t k = 0; k < decomposition.length();) {
        UChar32 d = decomposition.char32At(k);
        k += U16_LENGTH(d);
        if (u_charType(d) == U_NON_SPACING_MARK) continue;
        if (u_isalnum(d)) word.Add(u_foldCase(d, U_FOLD_CASE_DEFAULT), at);
        else word.End();
      }
      continue;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) continue;  // a combining mark already apart
    if (u_isalnum(c)) word.Add(u_foldCase(c, U_FOLD_CASE_DEFAULT), at);
    else word.End();
  }
  word.End();
  return words;
}

}  // namespace wirewatch
