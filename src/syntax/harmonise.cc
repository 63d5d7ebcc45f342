// UD 2.0 Dutch annotation -> the current guidelines (see syntax_train.h, HarmoniseLegacyUd).
//
// The rules are the guideline changes between the 2017 LassySmall release and UD 2.15 Dutch,
// each stated over relations and word classes, never over sentences. Where the change needs
// information the old annotation does not have (Alpino's prepositional-object marking behind
// obl:arg, inherent reflexivity behind expl:pv, the new punctuation attachment), the words are
// left as they are and marked untrusted for that part.
#include <map>
#include <set>

#include "core/word_form.h"
#include "syntax/syntax_model.h"
#include "syntax/syntax_train.h"

#include <algorithm>

namespace wirewatch {
namespace {

bool IsOrdinal(const std::string& lower) {
  if (lower.size() < 4) return false;
  for (char c : lower) {
    if (c < 'a' || c > 'z') return false;
  }
  auto ends = [&](const char* s) {
    size_t n = std::char_traits<char>::length(s);
    return lower.size() > n && lower.compare(lower.size() - n, n, s) == 0;
  };
  // eerste, tweede, derde, vierde, ..., twintigste, honderdste
  return ends("ste") || (ends("de") && lower != "onde" && lower != "ende");
}

const std::set<std::string>& PossessiveLemmas() {
  static const std::set<std::string> k = {"mijn", "jouw", "zijn", "haar", "ons", "onze", "hun", "uw"};
  return k;
}

}  // namespace

std::vector<TrainingSentence> Trusted(const std::vector<ConlluSentence>& sentences) {
  std::vector<TrainingSentence> out;
  out.reserve(sentences.size());
  for (const ConlluSentence& s : sentences) out.push_back({s, {}, {}, {}});
  return out;
}

std::vector<TrainingSentence> HarmoniseLegacyUd(const std::vector<ConlluSentence>& legacy,
                                                const std::vector<ConlluSentence>& current,
                                                size_t* changed_words) {
  // From the current data: underscored lemmas by their plain spelling, FEATS by (form, UPOS),
  // and the (UPOS, FEATS) pairs it uses.
  std::map<std::string, std::map<std::string, int>> underscored;
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> feats_of;
  std::set<std::pair<std::string, std::string>> current_tags;
  for (const ConlluSentence& s : current) {
    for (const ConlluWord& w : s.words) {
      if (w.lemma.find('_') != std::string::npos && w.lemma != "_") {
        ++underscored[PlainLemma(w.lemma)][w.lemma];
      }
      ++feats_of[{LowerUtf8(w.form), w.upos}][w.feats];
      current_tags.emplace(w.upos, w.feats);
    }
  }
  auto most_frequent = [](const std::map<std::string, int>& m) {
    const std::string* best = nullptr;
    int n = 0;
    for (const auto& [k, c] : m) {
      if (c > n) best = &k, n = c;
    }
    return best;
  };
  size_t changed = 0;
  std::vector<TrainingSentence> out;
  out.reserve(legacy.size());
  for (const ConlluSentence& original : legacy) {
    TrainingSentence t;
    t.sentence = original;
    std::vector<ConlluWord>& words = t.sentence.words;
    const size_t n = words.size();
    t.head_unknown.assign(n, 0);
    t.more_labels.assign(n, {});
    t.upos_only.assign(n, 0);
    std::vector<ConlluWord> before = words;
    auto children = [&](int h, const char* rel) {
      std::vector<int> c;
      for (size_t i = 0; i < n; ++i) {
        if (words[i].head == h && (rel == nullptr || words[i].deprel == rel)) c.push_back(static_cast<int>(i) + 1);
      }
      return c;
    };
    auto set_upos = [&](ConlluWord& w, const char* upos) {
      w.upos = upos;
      auto it = feats_of.find({LowerUtf8(w.form), w.upos});
      if (it != feats_of.end()) w.feats = *most_frequent(it->second);
    };
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& w = words[i];
      const int id = static_cast<int>(i) + 1;
      const std::string lower = LowerUtf8(w.form);
      if (w.deprel == "flat:name") w.deprel = "flat";
      if (w.upos == "DET" && PossessiveLemmas().count(LowerUtf8(w.lemma)) > 0 && w.deprel == "det") {
        set_upos(w, "PRON");
        w.deprel = "nmod:poss";
      }
      if (w.upos == "ADP" && lower == "als" && w.deprel == "mark") set_upos(w, "SCONJ");
      if (w.upos == "NUM" && IsOrdinal(lower)) {
        set_upos(w, "ADJ");
        if (w.deprel == "nummod") w.deprel = "amod";
      }
      if (w.deprel == "obl") {
        bool door = false;
        for (int c : children(id, "case")) door = door || LowerUtf8(words[static_cast<size_t>(c - 1)].form) == "door";
        bool passive = w.head > 0 && !children(w.head, "aux:pass").empty();
        if (door && passive) {
          w.deprel = "obl:agent";
        } else {
          t.more_labels[i] = {"obl:arg"};
        }
      }
      if (w.deprel == "obj" && w.feats.find("Reflex=Yes") != std::string::npos) t.more_labels[i] = {"expl:pv"};
    }
    // Coordinators attach to the conjunct after them (UD 2), not to the first conjunct.
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& w = words[i];
      if (w.deprel != "cc" || w.head <= 0) continue;
      const int id = static_cast<int>(i) + 1;
      int next_conjunct = 0;
      for (int c : children(w.head, "conj")) {
        if (c > id && (next_conjunct == 0 || c < next_conjunct)) next_conjunct = c;
      }
      if (next_conjunct != 0) w.head = next_conjunct;
    }
    // "moeten" with an infinitive is an auxiliary: the infinitive heads the clause.
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& m = words[i];
      const int id = static_cast<int>(i) + 1;
      if (LowerUtf8(m.lemma) != "moeten" || m.upos != "VERB") continue;
      int inf = 0;
      for (int c : children(id, "xcomp")) {
        const ConlluWord& x = words[static_cast<size_t>(c - 1)];
        if (x.feats.find("VerbForm=Inf") != std::string::npos && children(c, "mark").empty()) inf = c;
      }
      if (inf == 0) continue;
      ConlluWord& x = words[static_cast<size_t>(inf - 1)];
      x.head = m.head;
      x.deprel = m.deprel;
      for (int c : children(id, nullptr)) {
        if (c != inf) words[static_cast<size_t>(c - 1)].head = inf;
      }
      m.head = inf;
      m.deprel = "aux";
      m.upos = "AUX";
    }
    // Copular "worden" is a main verb now: it heads the clause and its predicate is an xcomp.
    // Clause-level dependents of the predicate move to it; the phrase's own stay.
    static const std::set<std::string> kClauseLevel = {
        "nsubj", "nsubj:pass", "csubj", "expl", "expl:pv", "aux", "aux:pass", "mark", "punct",
        "obl", "obl:agent", "obl:arg", "advcl", "parataxis", "ccomp", "iobj", "obj", "discourse"};
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& v = words[i];
      const int id = static_cast<int>(i) + 1;
      if (LowerUtf8(v.lemma) != "worden" || v.deprel != "cop" || v.head <= 0) continue;
      const int pred = v.head;
      ConlluWord& p = words[static_cast<size_t>(pred - 1)];
      const bool phrase_adverbs = p.upos == "ADJ" || p.upos == "ADV";
      for (int c : children(pred, nullptr)) {
        if (c == id) continue;
        ConlluWord& d = words[static_cast<size_t>(c - 1)];
        if (kClauseLevel.count(d.deprel) > 0 || (d.deprel == "advmod" && !phrase_adverbs)) d.head = id;
      }
      v.head = p.head;
      v.deprel = p.deprel;
      v.upos = "VERB";
      p.head = id;
      p.deprel = "xcomp";
    }
    // Verbs that were auxiliaries or copulas and are main verbs now: the structure around them
    // changed in ways no rule recovers, so neither they nor their verbs teach heads.
    static const std::set<std::string> kNowMainVerbs = {"willen", "laten", "gaan", "blijven", "staan"};
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& w = words[i];
      if (kNowMainVerbs.count(LowerUtf8(w.lemma)) == 0) continue;
      if (w.deprel != "aux" && w.deprel != "cop") continue;
      w.upos = "VERB";
      t.head_unknown[i] = 1;
      t.more_labels[i] = {"*"};
      if (w.head > 0) {
        t.head_unknown[static_cast<size_t>(w.head - 1)] = 1;
        t.more_labels[static_cast<size_t>(w.head - 1)] = {"*"};
      }
    }
    // Punctuation by the current attachment rule.
    {
      std::vector<std::string_view> forms;
      std::vector<uint8_t> is_punct;
      std::vector<int> heads;
      for (const ConlluWord& w : words) {
        forms.push_back(w.form);
        is_punct.push_back(w.upos == "PUNCT");
        heads.push_back(w.head);
      }
      if (std::all_of(heads.begin(), heads.end(), [](int h) { return h >= 0; })) {
        syntax_internal::AttachPunctuation(forms, is_punct, heads);
        for (size_t i = 0; i < n; ++i) words[i].head = heads[i];
      }
    }
    for (size_t i = 0; i < n; ++i) {
      ConlluWord& w = words[i];
      if (w.lemma.find('_') == std::string::npos) {
        auto it = underscored.find(w.lemma);
        if (it != underscored.end()) w.lemma = *most_frequent(it->second);
      }
      if (current_tags.count({w.upos, w.feats}) == 0) t.upos_only[i] = 1;
      const ConlluWord& b = before[i];
      if (w.upos != b.upos || w.feats != b.feats || w.lemma != b.lemma || w.head != b.head ||
          w.deprel != b.deprel) {
        ++changed;
      }
    }
    out.push_back(std::move(t));
  }
  if (changed_words != nullptr) *changed_words = changed;
  return out;
}

}  // namespace wirewatch
