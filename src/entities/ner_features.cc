// Feature templates of the NER tagger (see ner_features.h).
#include "entities/ner_features.h"

#include <algorithm>

namespace wirewatch::ner_internal {
namespace {

using ::wirewatch::NextCodePoint;

// Everything about one token that several templates reuse.
struct TokenInfo {
  std::string lower;
  std::string shape;
  uint64_t word_hash = 0;
  uint64_t lower_hash = 0;
  uint64_t shape_hash = 0;
  uint32_t length = 0;  // code points
  bool starts_upper = false;
  const ClusterIds* clusters = nullptr;
  uint8_t cap_bucket = 0;
};

constexpr uint16_t kNoCluster = 0xFFFF;

// Code point boundaries of `s` (offsets of each code point start, plus s.size()).
void CodePointStarts(std::string_view s, std::vector<uint32_t>& starts) {
  starts.clear();
  size_t i = 0;
  while (i < s.size()) {
    starts.push_back(static_cast<uint32_t>(i));
    NextCodePoint(s, i);
  }
  starts.push_back(static_cast<uint32_t>(s.size()));
}

}  // namespace

void ExtractFeatures(std::span<const std::string_view> tokens, const NerLexicon& lexicon,
                     SentenceFeatures& out) {
  const size_t n = tokens.size();
  out.hashes.clear();
  out.starts.clear();
  out.hashes.reserve(n * 56);
  out.starts.reserve(n + 1);

  std::vector<TokenInfo> info(n);
  for (size_t i = 0; i < n; ++i) {
    TokenInfo& t = info[i];
    t.lower = LowerUtf8(tokens[i]);
    t.shape = WordShape(tokens[i]);
    t.word_hash = HashString(tokens[i]);
    t.lower_hash = HashString(t.lower);
    t.shape_hash = HashString(t.shape);
    t.starts_upper = StartsUpper(tokens[i]);
    t.clusters = lexicon.clusters.Find(t.lower_hash);
    const uint8_t* cap = lexicon.caps.Find(t.lower_hash);
    t.cap_bucket = cap ? *cap : 0;
  }

  // Gazetteer matches, longest first at each start; every covered token gets the match's type
  // bits with its BILOU position. Only capitalised starts are tried: all entries begin so.
  // (token, feature value) pairs, collected in discovery order and later read per token: one
  // allocation per sentence instead of one per token.
  std::vector<std::pair<uint32_t, uint64_t>> gaz;
  if (lexicon.gazetteer_max_len > 0) {
    for (size_t s = 0; s < n; ++s) {
      if (!info[s].starts_upper) continue;
      uint64_t h = 0;
      size_t max_len = std::min<size_t>(lexicon.gazetteer_max_len, n - s);
      for (size_t len = 1; len <= max_len; ++len) {
        h = HashCombine(h, info[s + len - 1].word_hash);
        const uint8_t* bits = lexicon.gazetteer.Find(h);
        if (bits == nullptr) continue;
        for (int b = 0; b < 8; ++b) {
          if (!(*bits & (1 << b))) continue;
          for (size_t k = 0; k < len; ++k) {
            int pos = len == 1 ? kU : k == 0 ? kB : k + 1 == len ? kL : kI;
            gaz.emplace_back(static_cast<uint32_t>(s + k), static_cast<uint64_t>(b * 4 + pos + 1));
          }
        }
      }
    }
  }

  std::stable_sort(gaz.begin(), gaz.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t gaz_next = 0;

  static const uint64_t kBos = HashString("<s>");
  static const uint64_t kEos = HashString("</s>");
  auto lower_at = [&](long j) -> uint64_t {
    if (j < 0) return kBos;
    if (j >= static_cast<long>(n)) return kEos;
    return info[static_cast<size_t>(j)].lower_hash;
  };
  auto shape_at = [&](long j) -> uint64_t {
    if (j < 0) return kBos;
    if (j >= static_cast<long>(n)) return kEos;
    return info[static_cast<size_t>(j)].shape_hash;
  };
  auto cluster_at = [&](long j, int level) -> uint64_t {
    if (j < 0) return 0xFFFE;
    if (j >= static_cast<long>(n)) return 0xFFFD;
    const ClusterIds* c = info[static_cast<size_t>(j)].clusters;
    return c ? (*c)[static_cast<size_t>(level)] : kNoCluster;
  };

  std::vector<uint32_t> cps;
  for (size_t i = 0; i < n; ++i) {
    out.starts.push_back(static_cast<uint32_t>(out.hashes.size()));
    const TokenInfo& t = info[i];
    const long li = static_cast<long>(i);
    auto add = [&](uint32_t tmpl, uint64_t value) { out.hashes.push_back(FeatureHash(tmpl, value)); };

    add(kBias, 0);
    add(kWord, t.word_hash);
    add(kLower, t.lower_hash);
    add(kLowerPrev, lower_at(li - 1));
    add(kLowerNext, lower_at(li + 1));
    add(kLowerPrev2, lower_at(li - 2));
    add(kLowerNext2, lower_at(li + 2));

    std::string_view lower = t.lower;
    CodePointStarts(lower, cps);
    const size_t len = cps.size() - 1;
    for (size_t k = 1; k <= 4 && k < len; ++k) {
      add(kPrefix, HashCombine(k, HashString(lower.substr(0, cps[k]))));
    }
    for (size_t k = 1; k <= 5 && k < len; ++k) {
      add(kSuffix, HashCombine(k, HashString(lower.substr(cps[len - k]))));
    }
    add(kLength, std::min<size_t>(len, 12));

    add(kShape, t.shape_hash);
    if (len <= 5) add(kShortTokenShape, HashString(t.shape + std::to_string(len)));
    add(kShapePrev, shape_at(li - 1));
    add(kShapeNext, shape_at(li + 1));
    add(kShapePrevCur, HashCombine(shape_at(li - 1), t.shape_hash));
    add(kShapeCurNext, HashCombine(t.shape_hash, shape_at(li + 1)));
    add(kBigramPrev, HashCombine(lower_at(li - 1), t.lower_hash));
    add(kBigramNext, HashCombine(t.lower_hash, lower_at(li + 1)));
    add(kPrevWordCurShape, HashCombine(lower_at(li - 1), t.shape_hash));
    add(kCurShapeNextWord, HashCombine(t.shape_hash, lower_at(li + 1)));
    add(kFirstShape, HashCombine(i == 0 ? 1 : i + 1 == n ? 2 : 3, t.shape_hash));

    // Hyphenated compounds ("NAVO-chef", "Oost-Europa", "pro-Amerikaanse"): the parts are
    // often known words when the whole is not.
    size_t dash = lower.find('-');
    if (dash != std::string_view::npos && lower.size() > 1) {
      size_t start = 0;
      std::string_view first, last;
      while (start <= lower.size()) {
        size_t end = lower.find('-', start);
        if (end == std::string_view::npos) end = lower.size();
        std::string_view part = lower.substr(start, end - start);
        if (!part.empty()) {
          add(kHyphenPart, HashString(part));
          if (first.empty()) first = part;
          last = part;
        }
        start = end + 1;
      }
      std::string_view original = tokens[i];
      size_t odash = original.find('-');
      std::string first_shape = WordShape(original.substr(0, odash));
      if (!first.empty()) add(kHyphenFirst, HashCombine(HashString(first), HashString(first_shape)));
      if (!last.empty()) {
        uint64_t lh = HashString(last);
        add(kHyphenLast, lh);
        const ClusterIds* c = lexicon.clusters.Find(lh);
        add(kHyphenLastCluster, c ? (*c)[1] : kNoCluster);
      }
    }

    for (int level = 0; level < kClusterLevels; ++level) {
      add(kCluster, HashCombine(level, cluster_at(li, level)));
      add(kClusterPrev, HashCombine(level, cluster_at(li - 1, level)));
      add(kClusterNext, HashCombine(level, cluster_at(li + 1, level)));
    }
    add(kClusterPrev2, cluster_at(li - 2, 1));
    add(kClusterNext2, cluster_at(li + 2, 1));
    add(kClusterPrev, HashCombine(9, HashCombine(cluster_at(li - 1, 1), cluster_at(li, 1))));

    // How often the word is capitalised inside sentences elsewhere: tells a sentence-initial
    // name ("Kok zei") from a capitalised common word ("Ook zei").
    add(kCapBucket, t.cap_bucket * 8 + (i == 0 ? 1 : 0) * 2 + (t.starts_upper ? 1 : 0));
    if (i + 1 < n) {
      add(kCapBucketNext, info[i + 1].cap_bucket * 2 + (info[i + 1].starts_upper ? 1 : 0));
    }

    for (; gaz_next < gaz.size() && gaz[gaz_next].first == i; ++gaz_next) add(kGazetteer, gaz[gaz_next].second);
  }
  out.starts.push_back(static_cast<uint32_t>(out.hashes.size()));
}

}  // namespace wirewatch::ner_internal
