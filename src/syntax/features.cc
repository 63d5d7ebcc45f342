// Feature templates of the tagger and the parser, and the arc-hybrid transition system (see
// syntax_model.h). The same code runs at training and at parsing time, which keeps them
// consistent; templates are numbered, and a changed template means a new kFeatureSetVersion.
#include <algorithm>

#include "core/hash.h"
#include "core/word_form.h"
#include "syntax/syntax_model.h"

namespace wirewatch::syntax_internal {
namespace {

constexpr uint64_t kNone = 0x51ED270B27A3D1F5ULL;  // no word at this position
constexpr uint64_t kRootValue = 0x2545F4914F6CDD1DULL;

inline uint64_t F(uint64_t t, uint64_t a) { return HashCombine(t, a); }
inline uint64_t F(uint64_t t, uint64_t a, uint64_t b) { return HashCombine(HashCombine(t, a), b); }
inline uint64_t F(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
  return HashCombine(HashCombine(HashCombine(t, a), b), c);
}
inline uint64_t F(uint64_t t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return HashCombine(HashCombine(HashCombine(HashCombine(t, a), b), c), d);
}

}  // namespace

void ComputeWordInfo(std::span<const std::string_view> words, const SyntaxParams& params,
                     std::vector<WordInfo>& out) {
  out.assign(words.size(), WordInfo{});
  std::string lower;
  std::vector<size_t> starts;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    WordInfo& info = out[i];
    lower = LowerUtf8(w);
    info.word = HashString(w);
    info.lower = HashString(lower);
    info.shape = HashString(WordShape(w));
    starts.clear();
    size_t pos = 0;
    while (pos < lower.size()) {
      starts.push_back(pos);
      NextCodePoint(lower, pos);
    }
    const size_t cps = starts.size();
    for (size_t k = 1; k <= info.suffix.size() && k <= cps; ++k) {
      info.suffix[k - 1] = HashString(std::string_view(lower).substr(starts[cps - k]));
    }
    for (size_t k = 1; k <= info.prefix.size() && k < cps; ++k) {
      info.prefix[k - 1] = HashString(std::string_view(lower).substr(0, starts[k]));
    }
    if (const ClusterIds* c = params.clusters.Find(info.lower)) info.cluster = *c;
    bool any_lower = false;
    int letters = 0;
    for (size_t p = 0; p < w.size();) {
      uint32_t cp = NextCodePoint(w, p);
      if (cp >= '0' && cp <= '9') info.flags |= kDigit;
      if (cp == '-') info.flags |= kHyphen;
      if (IsLowerCp(cp)) any_lower = true, ++letters;
      if (IsUpperCp(cp)) ++letters;
    }
    if (StartsUpper(w)) info.flags |= kUpper;
    if (letters >= 2 && !any_lower) info.flags |= kAllUpper;
  }
}

size_t TaggerFeatures(std::span<const WordInfo> words, size_t i, int prev1, int prev2,
                      uint64_t* out) {
  const WordInfo& w = words[i];
  auto lower_at = [&](long j) {
    return j < 0 || j >= static_cast<long>(words.size()) ? kNone : words[static_cast<size_t>(j)].lower;
  };
  const long li = static_cast<long>(i);
  const uint64_t p1 = static_cast<uint64_t>(prev1 + 2), p2 = static_cast<uint64_t>(prev2 + 2);
  size_t n = 0;
  out[n++] = F(1, 1);
  out[n++] = F(2, w.lower);
  out[n++] = F(3, w.word);
  for (size_t k = 0; k < w.suffix.size(); ++k) {
    if (w.suffix[k] != 0) out[n++] = F(4 + k, w.suffix[k]);
  }
  for (size_t k = 0; k < w.prefix.size(); ++k) {
    if (w.prefix[k] != 0) out[n++] = F(8 + k, w.prefix[k]);
  }
  out[n++] = F(11, w.shape);
  out[n++] = F(12, w.flags, i == 0);
  out[n++] = F(13, lower_at(li - 1));
  out[n++] = F(14, lower_at(li + 1));
  out[n++] = F(15, lower_at(li - 2));
  out[n++] = F(16, lower_at(li + 2));
  out[n++] = F(17, p1);
  out[n++] = F(18, p2, p1);
  out[n++] = F(19, p1, w.lower);
  const WordInfo* next = i + 1 < words.size() ? &words[i + 1] : nullptr;
  const WordInfo* prev = i > 0 ? &words[i - 1] : nullptr;
  out[n++] = F(20, next ? next->suffix[2] : kNone);
  out[n++] = F(21, prev ? prev->suffix[2] : kNone);
  for (int k = 0; k < kClusterLevels; ++k) {
    if (w.cluster[k] != kNoCluster) out[n++] = F(22 + k, w.cluster[k]);
  }
  out[n++] = F(25, prev ? prev->cluster[1] : kNone);
  out[n++] = F(26, next ? next->cluster[1] : kNone);
  out[n++] = F(27, w.lower, lower_at(li + 1));
  out[n++] = F(28, lower_at(li - 1), w.lower);
  out[n++] = F(29, next ? next->shape : kNone);
  out[n++] = F(30, prev ? prev->shape : kNone);
  out[n++] = F(31, p1, lower_at(li + 1));
  out[n++] = F(32, w.suffix[1], w.flags);
  return n;
}

// ---- Transition system --------------------------------------------------------------------------

void ParseState::Reset(int words) {
  n = words;
  stack.clear();
  buffer = 0;
  head.assign(static_cast<size_t>(n), -1);
  label.assign(static_cast<size_t>(n), -1);
  const size_t slots = static_cast<size_t>(n) + 1;
  left1.assign(slots, -1);
  left2.assign(slots, -1);
  right1.assign(slots, -1);
  right2.assign(slots, -1);
  left_count.assign(slots, 0);
  right_count.assign(slots, 0);
  left_labels.assign(slots, 0);
  right_labels.assign(slots, 0);
}

void ParseState::AddArc(int h, int d, int l) {
  head[static_cast<size_t>(d)] = h;
  label[static_cast<size_t>(d)] = l;
  const size_t hs = static_cast<size_t>(h);
  const uint64_t bit = uint64_t{1} << (static_cast<unsigned>(l) & 63);
  if (d < h) {
    if (left1[hs] < 0 || d < left1[hs]) {
      left2[hs] = left1[hs];
      left1[hs] = d;
    } else if (left2[hs] < 0 || d < left2[hs]) {
      left2[hs] = d;
    }
    if (left_count[hs] < 255) ++left_count[hs];
    left_labels[hs] |= bit;
  } else {
    if (right1[hs] < 0 || d > right1[hs]) {
      right2[hs] = right1[hs];
      right1[hs] = d;
    } else if (right2[hs] < 0 || d > right2[hs]) {
      right2[hs] = d;
    }
    if (right_count[hs] < 255) ++right_count[hs];
    right_labels[hs] |= bit;
  }
}

void ParseState::Apply(Move m, int l) {
  switch (m) {
    case Move::kShift:
      stack.push_back(buffer++);
      break;
    case Move::kLeft: {
      int s0 = stack.back();
      stack.pop_back();
      AddArc(buffer, s0, l);
      break;
    }
    case Move::kRight: {
      int s0 = stack.back();
      stack.pop_back();
      AddArc(stack.back(), s0, l);
      break;
    }
  }
}

bool ClassAllowed(const ParseState& state, uint32_t cls, uint32_t num_labels, uint32_t root_label) {
  Move m = MoveOf(cls, num_labels);
  if (m == Move::kShift) return state.CanShift();
  uint32_t l = LabelOf(cls, num_labels);
  if (m == Move::kLeft) {
    if (!state.CanLeft()) return false;
    return (state.buffer == state.n) == (l == root_label);
  }
  return state.CanRight() && l != root_label;
}

size_t ParserFeatures(const ParseState& st, std::span<const WordInfo> words, uint64_t* out) {
  const int n = st.n;
  auto at_stack = [&](size_t k) { return st.stack.size() > k ? st.stack[st.stack.size() - 1 - k] : -1; };
  const int s0 = at_stack(0), s1 = at_stack(1), s2 = at_stack(2);
  const int b0 = st.buffer;
  const int b1 = b0 + 1 <= n ? b0 + 1 : -1;
  const int b2 = b0 + 2 <= n ? b0 + 2 : -1;
  const int b3 = b0 + 3 <= n ? b0 + 3 : -1;
  auto W = [&](int x) -> uint64_t {
    return x < 0 ? kNone : x == n ? kRootValue : words[static_cast<size_t>(x)].lower;
  };
  auto P = [&](int x) -> uint64_t {
    return x < 0 ? kNone : x == n ? kRootValue : words[static_cast<size_t>(x)].upos + 1u;
  };
  auto T = [&](int x) -> uint64_t {
    return x < 0 ? kNone : x == n ? kRootValue : words[static_cast<size_t>(x)].tag + 1u;
  };
  auto C = [&](int x) -> uint64_t {
    return x < 0 ? kNone : x == n ? kRootValue : words[static_cast<size_t>(x)].cluster[1] + 1u;
  };
  auto Lm = [&](int x) -> uint64_t {
    return x < 0 ? kNone : x == n ? kRootValue : words[static_cast<size_t>(x)].lemma;
  };
  auto L = [&](int x) -> uint64_t {
    return x < 0 || x >= n ? kNone : static_cast<uint64_t>(st.label[static_cast<size_t>(x)] + 2);
  };
  auto child = [&](const std::vector<int>& v, int x) { return x < 0 ? -1 : v[static_cast<size_t>(x)]; };
  auto count = [&](const std::vector<uint8_t>& v, int x) -> uint64_t {
    return x < 0 ? kNone : std::min<uint64_t>(v[static_cast<size_t>(x)], 4);
  };
  auto labels = [&](const std::vector<uint64_t>& v, int x) -> uint64_t {
    return x < 0 ? kNone : v[static_cast<size_t>(x)] + 1;
  };
  const int s0l = child(st.left1, s0), s0l2 = child(st.left2, s0);
  const int s0r = child(st.right1, s0), s0r2 = child(st.right2, s0);
  const int b0l = child(st.left1, b0), b0l2 = child(st.left2, b0);
  const int s1r = child(st.right1, s1), s1l = child(st.left1, s1);
  uint64_t dist = kNone;
  if (s0 >= 0) {
    int d = b0 == n ? 0 : b0 - s0;
    dist = d <= 4 ? static_cast<uint64_t>(d) : d <= 6 ? 5 : d <= 9 ? 6 : 7;
  }
  uint64_t dist1 = kNone;
  if (s1 >= 0) {
    int d = s0 - s1;
    dist1 = d <= 4 ? static_cast<uint64_t>(d) : d <= 6 ? 5 : d <= 9 ? 6 : 7;
  }

  size_t k = 0;
  const uint64_t s0w = W(s0), s0p = P(s0), s0t = T(s0), s1w = W(s1), s1p = P(s1), s1t = T(s1);
  const uint64_t b0w = W(b0), b0p = P(b0), b0t = T(b0), b1w = W(b1), b1p = P(b1), b2p = P(b2);
  out[k++] = F(101, s0w);
  out[k++] = F(102, s0p);
  out[k++] = F(103, s0w, s0p);
  out[k++] = F(104, s0t);
  out[k++] = F(105, s1w);
  out[k++] = F(106, s1p);
  out[k++] = F(107, s1w, s1p);
  out[k++] = F(108, P(s2));
  out[k++] = F(109, b0w);
  out[k++] = F(110, b0p);
  out[k++] = F(111, b0w, b0p);
  out[k++] = F(112, b0t);
  out[k++] = F(113, b1w);
  out[k++] = F(114, b1p);
  out[k++] = F(115, b1w, b1p);
  out[k++] = F(116, b2p);
  out[k++] = F(117, P(b3));
  // Pairs and triples of the two focus words (Zhang & Nivre 2011).
  out[k++] = F(118, s0w, s0p, b0w, b0p);
  out[k++] = F(119, s0w, s0p, b0w);
  out[k++] = F(120, s0w, b0w, b0p);
  out[k++] = F(121, s0w, s0p, b0p);
  out[k++] = F(122, s0p, b0w, b0p);
  out[k++] = F(123, s0w, b0w);
  out[k++] = F(124, s0p, b0p);
  out[k++] = F(125, b0p, b1p);
  out[k++] = F(126, s0t, b0t);
  out[k++] = F(127, b0p, b1p, b2p);
  out[k++] = F(128, s0p, b0p, b1p);
  out[k++] = F(129, s1p, s0p, b0p);
  out[k++] = F(130, s0p, P(s0l), b0p);
  out[k++] = F(131, s0p, P(s0r), b0p);
  out[k++] = F(132, s0p, b0p, P(b0l));
  out[k++] = F(133, s1p, P(s1r), s0p);
  out[k++] = F(134, s1p, s0p, P(s0r));
  out[k++] = F(135, s1p, s0p, P(s0l));
  out[k++] = F(136, s1w, s0w);
  out[k++] = F(137, s1p, s0p);
  out[k++] = F(138, s1t, s0t);
  out[k++] = F(139, s1w, s1p, s0p);
  out[k++] = F(140, s1p, s0w, s0p);
  // Distance.
  out[k++] = F(141, s0w, dist);
  out[k++] = F(142, s0p, dist);
  out[k++] = F(143, b0w, dist);
  out[k++] = F(144, b0p, dist);
  out[k++] = F(145, s0w, b0w, dist);
  out[k++] = F(146, s0p, b0p, dist);
  out[k++] = F(147, s1p, s0p, dist1);
  out[k++] = F(148, s1w, s0w, dist1);
  // Valency.
  out[k++] = F(149, s0w, count(st.right_count, s0));
  out[k++] = F(150, s0p, count(st.right_count, s0));
  out[k++] = F(151, s0w, count(st.left_count, s0));
  out[k++] = F(152, s0p, count(st.left_count, s0));
  out[k++] = F(153, b0w, count(st.left_count, b0));
  out[k++] = F(154, b0p, count(st.left_count, b0));
  out[k++] = F(155, s1p, count(st.right_count, s1));
  // Children.
  out[k++] = F(156, W(s0l));
  out[k++] = F(157, P(s0l));
  out[k++] = F(158, L(s0l));
  out[k++] = F(159, W(s0r));
  out[k++] = F(160, P(s0r));
  out[k++] = F(161, L(s0r));
  out[k++] = F(162, W(b0l));
  out[k++] = F(163, P(b0l));
  out[k++] = F(164, L(b0l));
  out[k++] = F(165, P(s1r), L(s1r));
  out[k++] = F(166, P(s1l), L(s1l));
  out[k++] = F(167, P(s0l2));
  out[k++] = F(168, L(s0l2));
  out[k++] = F(169, P(s0r2));
  out[k++] = F(170, L(s0r2));
  out[k++] = F(171, P(b0l2));
  out[k++] = F(172, L(b0l2));
  out[k++] = F(173, s0p, L(s0l), L(s0l2));
  out[k++] = F(174, s0p, L(s0r), L(s0r2));
  out[k++] = F(175, b0p, L(b0l), L(b0l2));
  // Label sets.
  out[k++] = F(176, s0w, labels(st.left_labels, s0));
  out[k++] = F(177, s0p, labels(st.left_labels, s0));
  out[k++] = F(178, s0w, labels(st.right_labels, s0));
  out[k++] = F(179, s0p, labels(st.right_labels, s0));
  out[k++] = F(180, b0w, labels(st.left_labels, b0));
  out[k++] = F(181, b0p, labels(st.left_labels, b0));
  out[k++] = F(182, s1p, labels(st.right_labels, s1));
  out[k++] = F(183, s1p, labels(st.left_labels, s1));
  // Word clusters.
  const uint64_t s0c = C(s0), b0c = C(b0), s1c = C(s1);
  out[k++] = F(184, s0c);
  out[k++] = F(185, b0c);
  out[k++] = F(186, s1c);
  out[k++] = F(187, C(b1));
  out[k++] = F(188, s0c, b0c);
  out[k++] = F(189, s0c, b0p);
  out[k++] = F(190, s0p, b0c);
  out[k++] = F(191, s1c, s0c);
  // Lemmas (verb frames: "wachten" + "op").
  const uint64_t s0m = Lm(s0), b0m = Lm(b0), s1m = Lm(s1);
  out[k++] = F(192, s0m);
  out[k++] = F(193, b0m);
  out[k++] = F(194, s1m);
  out[k++] = F(195, s0m, b0m);
  out[k++] = F(196, s1m, s0m);
  out[k++] = F(197, s0m, b0p);
  out[k++] = F(198, s0p, b0m);
  out[k++] = F(199, s1m, s0p);
  out[k++] = F(200, s1p, s0m);
  return k;
}

}  // namespace wirewatch::syntax_internal
