// Scoring against a treebank (CoNLL 2018 measures) and projectivisation (see syntax_train.h).
#include <algorithm>
#include <set>

#include "syntax/syntax_train.h"

namespace wirewatch {
namespace {

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

// The universal features of a FEATS string, sorted (what the CoNLL 2018 script compares).
std::string UniversalFeats(std::string_view feats) {
  static const std::set<std::string_view> kUniversal = {
      "PronType", "NumType", "Poss",   "Reflex", "Foreign", "Abbr",   "Gender",
      "Animacy",  "Number",  "Case",   "Definite", "Degree", "VerbForm", "Mood",
      "Tense",    "Aspect",  "Voice",  "Evident", "Polarity", "Person", "Polite"};
  std::vector<std::string_view> kept;
  size_t pos = 0;
  while (pos < feats.size()) {
    size_t bar = feats.find('|', pos);
    if (bar == std::string_view::npos) bar = feats.size();
    std::string_view f = feats.substr(pos, bar - pos);
    pos = bar + 1;
    if (kUniversal.count(f.substr(0, f.find('='))) > 0) kept.push_back(f);
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (std::string_view f : kept) {
    if (!out.empty()) out += '|';
    out += f;
  }
  return out;
}

// True when word d's arc (to head h, 1-based, 0 = root) is projective: every word between them
// descends from h.
bool ArcProjective(const std::vector<int>& head, const std::vector<uint8_t>& ignore, int d) {
  const int h = head[static_cast<size_t>(d - 1)];
  if (h == 0) return true;
  for (int k = std::min(h, d) + 1; k < std::max(h, d); ++k) {
    if (static_cast<size_t>(k - 1) < ignore.size() && ignore[static_cast<size_t>(k - 1)]) continue;
    int x = k;
    int steps = 0;
    while (x != 0 && x != h && steps++ <= static_cast<int>(head.size())) x = head[static_cast<size_t>(x - 1)];
    if (x != h) return false;
  }
  return true;
}

}  // namespace

bool IsTree(const ConlluSentence& sentence) {
  const int n = static_cast<int>(sentence.words.size());
  int roots = 0;
  for (const ConlluWord& w : sentence.words) {
    if (w.head < 0 || w.head > n) return false;
    roots += w.head == 0;
  }
  if (roots != 1) return false;
  for (int start = 1; start <= n; ++start) {
    int x = start;
    for (int steps = 0; x != 0; ++steps) {
      if (steps > n) return false;  // a cycle
      x = sentence.words[static_cast<size_t>(x - 1)].head;
    }
  }
  return true;
}

size_t Projectivise(ConlluSentence& sentence, const std::vector<uint8_t>& ignore) {
  std::vector<int> head;
  for (const ConlluWord& w : sentence.words) head.push_back(w.head);
  if (std::any_of(head.begin(), head.end(), [](int h) { return h < 0; })) return 0;
  size_t lifted = 0;
  while (true) {
    int shortest = -1, length = 0;
    for (int d = 1; d <= static_cast<int>(head.size()); ++d) {
      if (static_cast<size_t>(d - 1) < ignore.size() && ignore[static_cast<size_t>(d - 1)]) continue;
      if (ArcProjective(head, ignore, d)) continue;
      int len = std::abs(head[static_cast<size_t>(d - 1)] - d);
      if (shortest < 0 || len < length) shortest = d, length = len;
    }
    if (shortest < 0 || lifted > 4 * head.size()) break;
    const int h = head[static_cast<size_t>(shortest - 1)];
    head[static_cast<size_t>(shortest - 1)] = head[static_cast<size_t>(h - 1)];
    ++lifted;
  }
  for (size_t i = 0; i < head.size(); ++i) sentence.words[i].head = head[i];
  return lifted;
}

std::vector<ConlluSentence> ParseTreebank(const SyntaxModel& model,
                                          const std::vector<ConlluSentence>& gold) {
  std::vector<ConlluSentence> out;
  out.reserve(gold.size());
  std::vector<std::string_view> forms;
  std::vector<SyntaxWord> parsed;
  for (const ConlluSentence& g : gold) {
    ConlluSentence s = g;
    forms.clear();
    for (const ConlluWord& w : g.words) forms.push_back(w.form);
    model.Parse(forms, parsed);
    for (size_t i = 0; i < parsed.size(); ++i) {
      ConlluWord& w = s.words[i];
      w.lemma = parsed[i].lemma;
      w.upos = parsed[i].upos;
      w.feats = parsed[i].feats;
      w.head = static_cast<int>(parsed[i].head);
      w.deprel = parsed[i].deprel;
      w.deps = "_";
    }
    out.push_back(std::move(s));
  }
  return out;
}

SyntaxScores ScoreSyntax(const std::vector<ConlluSentence>& gold,
                         const std::vector<ConlluSentence>& predicted) {
  SyntaxScores s;
  size_t upos = 0, feats = 0, lemma = 0, uas = 0, las = 0, las_full = 0;
  const size_t sentences = std::min(gold.size(), predicted.size());
  for (size_t k = 0; k < sentences; ++k) {
    const auto& gw = gold[k].words;
    const auto& pw = predicted[k].words;
    if (gw.size() != pw.size()) continue;
    for (size_t i = 0; i < gw.size(); ++i) {
      const ConlluWord& g = gw[i];
      const ConlluWord& p = pw[i];
      ++s.words;
      upos += g.upos == p.upos;
      feats += UniversalFeats(g.feats == "_" ? "" : g.feats) == UniversalFeats(p.feats == "_" ? "" : p.feats);
      lemma += g.lemma == "_" || g.lemma == p.lemma;
      const bool head_ok = g.head == p.head;
      uas += head_ok;
      las += head_ok && Universal(g.deprel) == Universal(p.deprel);
      las_full += head_ok && g.deprel == p.deprel;
      ++s.relations[g.deprel].gold;
      ++s.relations[p.deprel].predicted;
      if (head_ok && g.deprel == p.deprel) ++s.relations[g.deprel].correct;
    }
  }
  if (s.words > 0) {
    const double n = static_cast<double>(s.words);
    s.upos = upos / n;
    s.ufeats = feats / n;
    s.lemma = lemma / n;
    s.uas = uas / n;
    s.las = las / n;
    s.las_full = las_full / n;
  }
  return s;
}

}  // namespace wirewatch
