// Training the syntax model: lemma tables, averaged-perceptron tagger, jackknifed tags, and the
// arc-hybrid parser with a dynamic oracle (Goldberg & Nivre 2013). See syntax_train.h.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "core/word_form.h"
#include "syntax/syntax_model.h"
#include "syntax/syntax_train.h"

namespace wirewatch {
namespace {

using namespace syntax_internal;

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

void Shuffle(std::vector<size_t>& order, Rng& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
}

// Averaged perceptron with dense rows per feature, created on a feature's first update. The
// average uses the w - u/t trick: u accumulates each update times the step it happened at.
class Perceptron {
 public:
  explicit Perceptron(uint32_t classes) : classes_(classes) {}

  void Score(const uint64_t* feats, size_t n, float* scores) const {
    std::fill(scores, scores + classes_, 0.0f);
    for (size_t f = 0; f < n; ++f) {
      auto it = rows_.find(feats[f]);
      if (it == rows_.end()) continue;
      const float* w = &w_[static_cast<size_t>(it->second) * classes_];
      for (uint32_t c = 0; c < classes_; ++c) scores[c] += w[c];
    }
  }

  void Update(const uint64_t* feats, size_t n, uint32_t good, uint32_t bad) {
    for (size_t f = 0; f < n; ++f) {
      auto [it, added] = rows_.try_emplace(feats[f], static_cast<uint32_t>(keys_.size()));
      if (added) {
        keys_.push_back(feats[f]);
        w_.resize(w_.size() + classes_, 0.0f);
        u_.resize(u_.size() + classes_, 0.0f);
      }
      const size_t row = static_cast<size_t>(it->second) * classes_;
      w_[row + good] += 1.0f;
      u_[row + good] += static_cast<float>(time_);
      w_[row + bad] -= 1.0f;
      u_[row + bad] -= static_cast<float>(time_);
    }
  }

  void Tick() { ++time_; }

  // The averaged weights as a run-time table, dropping entries below `prune`.
  SparseWeights Averaged(float prune) const {
    SparseWeights s;
    s.classes = classes_;
    std::vector<uint32_t> order(keys_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
    std::vector<uint16_t> entry_class;
    std::vector<float> entry_weight;
    s.offsets.push_back(0);
    for (uint32_t r : order) {
      const size_t row = static_cast<size_t>(r) * classes_;
      size_t before = entry_class.size();
      for (uint32_t c = 0; c < classes_; ++c) {
        float avg = w_[row + c] - u_[row + c] / static_cast<float>(time_);
        if (std::fabs(avg) < prune || avg == 0.0f) continue;
        entry_class.push_back(static_cast<uint16_t>(c));
        entry_weight.push_back(avg);
      }
      if (entry_class.size() == before) continue;
      s.keys.push_back(keys_[r]);
      s.offsets.push_back(static_cast<uint32_t>(entry_class.size()));
    }
    s.SetEntries(entry_class, entry_weight);
    s.Finish();
    return s;
  }

  size_t rows() const { return keys_.size(); }

 private:
  uint32_t classes_;
  double time_ = 1;
  std::unordered_map<uint64_t, uint32_t> rows_;
  std::vector<uint64_t> keys_;
  std::vector<float> w_, u_;
};

// ---- Label tables ---------------------------------------------------------------------------------

struct Labels {
  std::map<std::string, uint16_t> upos;
  std::map<std::pair<std::string, std::string>, uint16_t> tags;  // (upos, feats)
  std::map<std::string, uint16_t> deprels;
};

std::string FeatsOrNone(const std::string& f) { return f.empty() ? "_" : f; }

// A training sentence with everything the trainers need, computed once.
struct Example {
  std::vector<std::string_view> forms;
  std::vector<WordInfo> info;
  std::vector<int> gold_tag;    // -1: unknown or untrusted tag
  std::vector<int> gold_upos;   // -1: unknown
  std::vector<std::string> lemma_for_training;  // lemma without a split particle
  std::vector<int> gold_head;   // projective, root = n, -1 untrusted; empty when no tree
  std::vector<uint64_t> gold_labels;  // acceptable relations, a bit per label
};

int TagId(const Labels& labels, const ConlluWord& w) {
  auto it = labels.tags.find({w.upos, FeatsOrNone(w.feats)});
  return it == labels.tags.end() ? -1 : it->second;
}

Example MakeExample(const TrainingSentence& t, const Labels& labels, const SyntaxParams& p) {
  const ConlluSentence& s = t.sentence;
  Example e;
  const size_t n = s.words.size();
  auto flag = [](const std::vector<uint8_t>& v, size_t i) { return i < v.size() && v[i] != 0; };
  for (const ConlluWord& w : s.words) e.forms.push_back(w.form);
  ComputeWordInfo(e.forms, p, e.info);
  for (size_t i = 0; i < n; ++i) {
    const ConlluWord& w = s.words[i];
    e.gold_tag.push_back(flag(t.upos_only, i) ? -1 : TagId(labels, w));
    auto u = labels.upos.find(w.upos);
    e.gold_upos.push_back(u == labels.upos.end() ? -1 : u->second);
    e.lemma_for_training.push_back(w.lemma);
  }
  // Split separable verbs: the particle is joined after parsing, so the lemmatiser learns the
  // verb's own lemma ("zette ... in": "in_zetten" -> "zetten").
  for (size_t i = 0; i < n; ++i) {
    const ConlluWord& w = s.words[i];
    if (w.deprel != "compound:prt" || w.head <= 0) continue;
    std::string& lemma = e.lemma_for_training[static_cast<size_t>(w.head - 1)];
    std::string prefix = LowerUtf8(w.form) + "_";
    if (lemma.size() > prefix.size() && lemma.compare(0, prefix.size(), prefix) == 0) {
      lemma.erase(0, prefix.size());
    }
  }
  bool complete = std::all_of(s.words.begin(), s.words.end(), [&](const ConlluWord& w) {
    return w.head >= 0 && labels.deprels.count(w.deprel) > 0;
  });
  if (complete && IsTree(s)) {
    ConlluSentence proj = s;
    Projectivise(proj, t.head_unknown);
    for (size_t i = 0; i < n; ++i) {
      const ConlluWord& w = proj.words[i];
      e.gold_head.push_back(flag(t.head_unknown, i) ? -1 : w.head == 0 ? static_cast<int>(n) : w.head - 1);
      uint64_t mask = uint64_t{1} << labels.deprels.at(w.deprel);
      if (i < t.more_labels.size()) {
        for (const std::string& l : t.more_labels[i]) {
          if (l == "*") mask = ~uint64_t{0};
          auto it = labels.deprels.find(l);
          if (it != labels.deprels.end()) mask |= uint64_t{1} << it->second;
        }
      }
      e.gold_labels.push_back(mask);
    }
  }
  return e;
}

// ---- Lemma tables -------------------------------------------------------------------------------

void BuildLemmaTables(const std::vector<TrainingSentence>& train, const std::vector<Example>& ex,
                      int min_particle_count, SyntaxParams& p) {
  LemmaTables& t = p.lemmas;
  std::map<std::string, uint32_t> lemma_ids;
  std::map<std::string, uint32_t> script_ids;
  // Counts of lemmas per lexicon key, then the most frequent wins (ties: smaller lemma string).
  std::map<uint64_t, std::map<std::string, uint32_t>> form_tag, lower_tag, lower_upos;
  // Compound parts, by kind, with the lemma each part is written as.
  std::map<uint64_t, std::string> part_lemmas;
  auto add_parts = [&](const std::string& lemma, uint32_t upos) {
    const std::string& name = p.upos_names[upos];
    const bool content = name == "NOUN" || name == "VERB" || name == "ADJ" || name == "NUM";
    if (!content) return;
    const std::string lower = LowerUtf8(lemma);
    const std::string plain = PlainLemma(lower);
    if (plain.size() >= 3) {
      part_lemmas.try_emplace(PartKey(kFirst, HashString(plain)), lower);
      part_lemmas.try_emplace(PartKey(kUposKeyBase + upos, HashString(plain)), lower);
    }
    size_t start = 0;
    while (true) {
      size_t bar = lower.find('_', start);
      std::string piece = lower.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      if (bar == std::string::npos) {
        if (start > 0 && piece.size() >= 3) part_lemmas.try_emplace(PartKey(kUposKeyBase + upos, HashString(piece)), piece);
        break;
      }
      if (!piece.empty()) part_lemmas.try_emplace(PartKey(kAttestedFirst, HashString(piece)), piece);
      start = bar + 1;
    }
  };
  // Distinct (lowercased form, tag, lemma) types for the suffix statistics.
  std::set<std::tuple<std::string, int, std::string, std::string>> types;
  for (size_t s = 0; s < train.size(); ++s) {
    for (size_t i = 0; i < train[s].sentence.words.size(); ++i) {
      const int tag = ex[s].gold_tag[i];
      const std::string& lemma = ex[s].lemma_for_training[i];
      if (ex[s].gold_upos[i] < 0 || lemma.empty() || lemma == "_") continue;
      const std::string& form = train[s].sentence.words[i].form;
      const std::string lower = LowerUtf8(form);
      const uint32_t upos = static_cast<uint32_t>(ex[s].gold_upos[i]);
      if (tag < 0) {
        add_parts(lemma, upos);
        ++lower_upos[LemmaKey(HashString(lower), kUposKeyBase + upos)][lemma];
        continue;
      }
      add_parts(lemma, upos);
      ++form_tag[LemmaKey(HashString(form), static_cast<uint32_t>(tag))][lemma];
      ++lower_tag[LemmaKey(HashString(lower), static_cast<uint32_t>(tag))][lemma];
      ++lower_upos[LemmaKey(HashString(lower), kUposKeyBase + upos)][lemma];
      types.emplace(lower, tag, PlainLemma(lemma), form);
    }
  }
  auto lemma_id = [&](const std::string& l) {
    auto [it, added] = lemma_ids.try_emplace(l, static_cast<uint32_t>(t.lemmas.size()));
    if (added) t.lemmas.push_back(l);
    return it->second;
  };
  auto fill = [&](const std::map<uint64_t, std::map<std::string, uint32_t>>& counts,
                  HashTable<uint32_t>& table) {
    for (const auto& [key, by_lemma] : counts) {
      const std::string* best = nullptr;
      uint32_t best_count = 0;
      for (const auto& [lemma, c] : by_lemma) {
        if (c > best_count) best = &lemma, best_count = c;
      }
      table.keys.push_back(key);
      table.values.push_back(lemma_id(*best));
    }
  };
  fill(form_tag, t.by_form_tag);
  fill(lower_tag, t.by_lower_tag);
  fill(lower_upos, t.by_lower_upos);
  // Separable particles: words attached as compound:prt at least min_particle_count times.
  std::map<std::string, int> particles;
  for (const TrainingSentence& ts : train) {
    for (const ConlluWord& w : ts.sentence.words) {
      if (w.deprel == "compound:prt") ++particles[LowerUtf8(w.form)];
    }
  }
  for (const auto& [particle, count] : particles) {
    if (count >= min_particle_count) part_lemmas.try_emplace(PartKey(kParticle, HashString(particle)), particle);
  }
  for (const auto& [key, part] : part_lemmas) {
    t.parts.keys.push_back(key);
    t.parts.values.push_back(lemma_id(part));
  }

  // Suffix -> lemma class counts over word types.
  std::map<uint64_t, std::map<uint32_t, uint32_t>> suffix_counts;
  std::set<std::tuple<std::string, int, std::string>> seen;
  for (const auto& [lower, tag, lemma, form] : types) {
    if (!seen.emplace(lower, tag, lemma).second) continue;
    EditScript script = EditScript::Build(form, lemma);
    if (script.Apply(form) != lemma) continue;
    std::string key = script.Key();
    auto [it, added] = script_ids.try_emplace(key, static_cast<uint32_t>(t.script_keys.size()));
    if (added) {
      t.script_keys.push_back(key);
      t.scripts.push_back(script);
    }
    std::u32string cps;
    for (size_t i = 0; i < lower.size();) cps.push_back(NextCodePoint(lower, i));
    const uint32_t upos = p.tag_upos[static_cast<size_t>(tag)];
    for (size_t k = 1; k <= t.max_suffix && k < cps.size(); ++k) {
      std::u32string_view suffix = std::u32string_view(cps).substr(cps.size() - k);
      ++suffix_counts[SuffixKey(static_cast<uint32_t>(tag), suffix)][it->second];
      ++suffix_counts[SuffixKey(kUposKeyBase + upos, suffix)][it->second];
    }
  }
  constexpr size_t kKeep = 4;
  for (const auto& [key, by_class] : suffix_counts) {
    std::vector<std::pair<uint32_t, uint32_t>> ranked(by_class.begin(), by_class.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (ranked.size() > kKeep) ranked.resize(kKeep);
    t.suffix_classes.keys.push_back(key);
    t.suffix_classes.values.push_back(static_cast<uint32_t>(t.class_lists.size()));
    t.class_lists.push_back(static_cast<uint32_t>(ranked.size()));
    for (const auto& [cls, count] : ranked) t.class_lists.push_back(cls);
  }
}

// ---- Tagger ------------------------------------------------------------------------------------

// Greedy decoding with the current weights (training) or the averaged ones.
template <typename ScoreFn>
void DecodeTags(std::vector<WordInfo>& info, size_t num_tags, const ScoreFn& score,
                std::vector<int>& tags) {
  std::vector<float> scores(num_tags);
  uint64_t feats[kMaxTaggerFeatures];
  tags.assign(info.size(), 0);
  int prev1 = kNoTag, prev2 = kNoTag;
  for (size_t i = 0; i < info.size(); ++i) {
    size_t n = TaggerFeatures(info, i, prev1, prev2, feats);
    score(feats, n, scores.data());
    tags[i] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    prev2 = prev1;
    prev1 = tags[i];
  }
}

double TagAccuracy(const SparseWeights& w, std::vector<Example>& dev, size_t num_tags) {
  size_t total = 0, right = 0;
  std::vector<int> tags;
  for (Example& e : dev) {
    DecodeTags(e.info, num_tags, [&](const uint64_t* f, size_t n, float* s) {
      std::fill(s, s + num_tags, 0.0f);
      for (size_t k = 0; k < n; ++k) w.AddTo(f[k], s);
    }, tags);
    for (size_t i = 0; i < tags.size(); ++i) {
      ++total;
      right += tags[i] == e.gold_tag[i];
    }
  }
  return total ? static_cast<double>(right) / total : 0;
}

// Trains a tagger on `examples[indices]`; keeps the best epoch on `dev` when given.
SparseWeights TrainTagger(std::vector<Example>& examples, const std::vector<size_t>& indices,
                          std::vector<Example>* dev, const std::vector<uint16_t>& tag_upos,
                          size_t num_tags, int epochs,
                          const SyntaxTrainOptions& options, uint64_t seed, const char* what) {
  Perceptron model(static_cast<uint32_t>(num_tags));
  Rng rng(seed);
  std::vector<size_t> order = indices;
  SparseWeights best;
  double best_acc = -1;
  std::vector<float> scores(num_tags);
  uint64_t feats[kMaxTaggerFeatures];
  for (int epoch = 0; epoch < epochs; ++epoch) {
    Shuffle(order, rng);
    size_t total = 0, right = 0;
    for (size_t idx : order) {
      Example& e = examples[idx];
      int prev1 = kNoTag, prev2 = kNoTag;
      for (size_t i = 0; i < e.info.size(); ++i) {
        size_t n = TaggerFeatures(e.info, i, prev1, prev2, feats);
        model.Score(feats, n, scores.data());
        int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        int gold = e.gold_tag[i];
        if (gold < 0 && e.gold_upos[i] >= 0 && tag_upos[static_cast<size_t>(guess)] != e.gold_upos[i]) {
          // Only the UPOS is trusted: the best-scoring tag with that UPOS is the target.
          for (size_t c = 0; c < num_tags; ++c) {
            if (tag_upos[c] != e.gold_upos[i]) continue;
            if (gold < 0 || scores[c] > scores[static_cast<size_t>(gold)]) gold = static_cast<int>(c);
          }
        } else if (gold < 0) {
          gold = guess;
        }
        if (guess != gold) {
          model.Update(feats, n, static_cast<uint32_t>(gold), static_cast<uint32_t>(guess));
        }
        model.Tick();
        ++total;
        right += tag_upos[static_cast<size_t>(guess)] == e.gold_upos[i];
        prev2 = prev1;
        prev1 = guess;
      }
    }
    const bool last = epoch + 1 == epochs;
    if (dev == nullptr || dev->empty()) {
      if (last) best = model.Averaged(options.prune);
      if (options.log) {
        std::fprintf(options.log, "%s: epoch %d train %.4f\n", what, epoch + 1,
                     total ? double(right) / total : 0.0);
      }
      continue;
    }
    SparseWeights avg = model.Averaged(options.prune);
    double acc = TagAccuracy(avg, *dev, num_tags);
    if (options.log) {
      std::fprintf(options.log, "%s: epoch %d train %.4f dev tags %.4f (%zu features)\n", what,
                   epoch + 1, total ? double(right) / total : 0.0, acc, avg.keys.size());
    }
    if (acc > best_acc) best_acc = acc, best = std::move(avg);
  }
  return best;
}

// ---- Parser: dynamic oracle -------------------------------------------------------------------

// Cost of each move in `st` against gold heads (the arcs it makes unreachable), without labels.
void MoveCosts(const ParseState& st, const std::vector<int>& gold_head,
               const std::vector<uint8_t>& in_stack, int costs[3]) {
  const int n = st.n, b = st.buffer;
  const int s0 = st.stack.empty() ? -1 : st.stack.back();
  const int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
  costs[0] = costs[1] = costs[2] = 0;
  if (s0 >= 0) {
    int deps_in_buffer = 0;
    for (int d = b; d < n; ++d) deps_in_buffer += gold_head[static_cast<size_t>(d)] == s0;
    const int h = gold_head[static_cast<size_t>(s0)];  // -1: untrusted, any head will do
    // LEFT: s0 gets b as head; it loses its dependents in the buffer and a head in s1 or
    // further in the buffer.
    costs[1] = deps_in_buffer + ((h >= 0 && h != b && (h == s1 || h > b)) ? 1 : 0);
    // RIGHT: s0 gets s1 as head; it loses its dependents in the buffer and a head there.
    costs[2] = deps_in_buffer + (h >= 0 && h >= b ? 1 : 0);
  }
  if (b < n) {
    // SHIFT: b can then only get a head from s0 or the buffer, and no dependent on the stack.
    const int h = gold_head[static_cast<size_t>(b)];
    int c = (h >= 0 && h < n && in_stack[static_cast<size_t>(h)] && h != s0) ? 1 : 0;
    for (int x : st.stack) c += gold_head[static_cast<size_t>(x)] == b;
    costs[0] = c;
  }
}

struct ParserData {
  uint32_t labels = 0;
  uint32_t root_label = 0;
};

// Parses with weights given by `score` (no training); fills heads and labels in `st`.
template <typename ScoreFn>
void DecodeParse(ParseState& st, std::span<const WordInfo> info, const ParserData& d,
                 const ScoreFn& score, std::vector<float>& scores) {
  uint64_t feats[kMaxParserFeatures];
  const uint32_t classes = 1 + 2 * d.labels;
  while (!st.Done()) {
    size_t n = ParserFeatures(st, info, feats);
    score(feats, n, scores.data());
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < classes; ++c) {
      if (!ClassAllowed(st, c, d.labels, d.root_label)) continue;
      if (best == UINT32_MAX || scores[c] > scores[best]) best = c;
    }
    st.Apply(MoveOf(best, d.labels), static_cast<int>(LabelOf(best, d.labels)));
  }
}

double ParseLas(const SparseWeights& w, const std::vector<Example>& dev, const ParserData& d) {
  size_t total = 0, right = 0;
  ParseState st;
  std::vector<float> scores(1 + 2 * d.labels);
  for (const Example& e : dev) {
    if (e.gold_head.empty()) continue;
    st.Reset(static_cast<int>(e.info.size()));
    DecodeParse(st, e.info, d, [&](const uint64_t* f, size_t n, float* s) {
      std::fill(s, s + w.classes, 0.0f);
      for (size_t k = 0; k < n; ++k) w.AddTo(f[k], s);
    }, scores);
    for (size_t i = 0; i < e.info.size(); ++i) {
      ++total;
      right += st.head[i] == e.gold_head[i] && (e.gold_labels[i] >> st.label[i] & 1);
    }
  }
  return total ? static_cast<double>(right) / total : 0;
}

SparseWeights TrainParser(const std::vector<Example>& train, const std::vector<Example>& dev,
                          const ParserData& d, const SyntaxTrainOptions& options) {
  const uint32_t classes = 1 + 2 * d.labels;
  Perceptron model(classes);
  Rng rng(options.seed ^ 0xD1CEULL);
  std::vector<size_t> order;
  for (size_t i = 0; i < train.size(); ++i) {
    if (!train[i].gold_head.empty()) order.push_back(i);
  }
  SparseWeights best;
  double best_las = -1;
  std::vector<float> scores(classes);
  std::vector<int> costs(classes);
  uint64_t feats[kMaxParserFeatures];
  ParseState st;
  std::vector<uint8_t> in_stack;
  for (int epoch = 0; epoch < options.parser_epochs; ++epoch) {
    Shuffle(order, rng);
    size_t moves = 0, wrong = 0;
    const bool explore = epoch >= options.explore_from;
    for (size_t idx : order) {
      const Example& e = train[idx];
      const int n = static_cast<int>(e.info.size());
      st.Reset(n);
      in_stack.assign(static_cast<size_t>(n) + 1, 0);
      while (!st.Done()) {
        size_t nf = ParserFeatures(st, e.info, feats);
        model.Score(feats, nf, scores.data());
        int move_cost[3];
        MoveCosts(st, e.gold_head, in_stack, move_cost);
        const int s0 = st.stack.empty() ? -1 : st.stack.back();
        const int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
        uint32_t pred = UINT32_MAX, gold = UINT32_MAX;
        int min_cost = INT32_MAX;
        for (uint32_t c = 0; c < classes; ++c) {
          if (!ClassAllowed(st, c, d.labels, d.root_label)) {
            costs[c] = INT32_MAX;
            continue;
          }
          Move m = MoveOf(c, d.labels);
          int cost = move_cost[static_cast<int>(m)];
          if (m != Move::kShift) {
            const int h = m == Move::kLeft ? st.buffer : s1;
            const int l = static_cast<int>(LabelOf(c, d.labels));
            const int gh = e.gold_head[static_cast<size_t>(s0)];
            if ((gh == h || gh < 0) && !(e.gold_labels[static_cast<size_t>(s0)] >> l & 1)) ++cost;
          }
          costs[c] = cost;
          min_cost = std::min(min_cost, cost);
          if (pred == UINT32_MAX || scores[c] > scores[pred]) pred = c;
        }
        for (uint32_t c = 0; c < classes; ++c) {
          if (costs[c] != min_cost) continue;
          if (gold == UINT32_MAX || scores[c] > scores[gold]) gold = c;
        }
        ++moves;
        if (costs[pred] > min_cost) {
          ++wrong;
          model.Update(feats, nf, gold, pred);
        }
        model.Tick();
        uint32_t next = gold;
        if (explore && costs[pred] > min_cost && rng.Uniform() < options.explore) next = pred;
        Move m = MoveOf(next, d.labels);
        if (m == Move::kShift) {
          in_stack[static_cast<size_t>(st.buffer)] = 1;
        } else {
          in_stack[static_cast<size_t>(st.stack.back())] = 0;
        }
        st.Apply(m, static_cast<int>(LabelOf(next, d.labels)));
      }
    }
    const bool last = epoch + 1 == options.parser_epochs;
    if (dev.empty()) {
      if (last) best = model.Averaged(options.prune);
      if (options.log) {
        std::fprintf(options.log, "parser: epoch %d train moves wrong %.4f (%zu rows)\n", epoch + 1,
                     moves ? double(wrong) / moves : 0.0, model.rows());
      }
      continue;
    }
    SparseWeights avg = model.Averaged(options.prune);
    double las = ParseLas(avg, dev, d);
    if (options.log) {
      std::fprintf(options.log, "parser: epoch %d train moves wrong %.4f dev LAS %.4f (%zu features)\n",
                   epoch + 1, moves ? double(wrong) / moves : 0.0, las, avg.keys.size());
    }
    if (las > best_las) best_las = las, best = std::move(avg);
  }
  return best;
}

// Predicted tags and lemmas into the examples' WordInfo (what the parser sees at run time).
void ApplyTags(const SyntaxParams& p, const SparseWeights& tagger, Example& e) {
  std::vector<int> tags;
  DecodeTags(e.info, p.num_tags(), [&](const uint64_t* f, size_t n, float* s) {
    std::fill(s, s + p.num_tags(), 0.0f);
    for (size_t k = 0; k < n; ++k) tagger.AddTo(f[k], s);
  }, tags);
  for (size_t i = 0; i < tags.size(); ++i) {
    e.info[i].tag = static_cast<uint16_t>(tags[i]);
    e.info[i].upos = p.tag_upos[static_cast<size_t>(tags[i])];
    e.info[i].lemma = HashString(Lemmatise(p, e.forms[i], e.info[i].tag));
  }
}

}  // namespace

StatusOr<SyntaxModel> TrainSyntax(const std::vector<TrainingSentence>& train,
                                  const std::vector<ConlluSentence>& dev,
                                  const SyntaxTrainOptions& options) {
  if (train.empty()) return InvalidArgument("train-syntax: no training sentences");
  auto params = std::make_shared<SyntaxParams>();
  SyntaxParams& p = *params;
  p.credit = options.credit;
  Labels labels;
  for (const TrainingSentence& t : train) {
    for (size_t i = 0; i < t.sentence.words.size(); ++i) {
      const ConlluWord& w = t.sentence.words[i];
      labels.upos.try_emplace(w.upos, 0);
      if (i >= t.upos_only.size() || t.upos_only[i] == 0) {
        labels.tags.try_emplace({w.upos, FeatsOrNone(w.feats)}, 0);
      }
      if (w.deprel != "_" && !w.deprel.empty()) labels.deprels.try_emplace(w.deprel, 0);
    }
  }
  labels.deprels.try_emplace("root", 0);
  if (labels.deprels.size() > 63) {
    return InvalidArgument("train-syntax: " + std::to_string(labels.deprels.size()) +
                           " dependency relations in the training data; at most 63 are supported");
  }
  for (auto& [name, id] : labels.upos) id = static_cast<uint16_t>(p.upos_names.size()), p.upos_names.push_back(name);
  for (auto& [key, id] : labels.tags) {
    id = static_cast<uint16_t>(p.tag_upos.size());
    p.tag_upos.push_back(labels.upos.at(key.first));
    p.tag_feats.push_back(key.second);
  }
  for (auto& [name, id] : labels.deprels) id = static_cast<uint16_t>(p.deprels.size()), p.deprels.push_back(name);
  p.root_label = labels.deprels.at("root");
  for (const auto& [key, ids] : options.clusters) {
    if (key == 0) continue;
    p.clusters.keys.push_back(key);
    p.clusters.values.push_back(ids);
  }
  FinishParams(p);  // clusters must be searchable before the word features are computed

  std::vector<Example> train_ex, dev_ex;
  for (const TrainingSentence& t : train) train_ex.push_back(MakeExample(t, labels, p));
  for (const TrainingSentence& t : Trusted(dev)) dev_ex.push_back(MakeExample(t, labels, p));
  BuildLemmaTables(train, train_ex, options.min_particle_count, p);
  p.lemmas.Finish();
  if (options.log) {
    std::fprintf(options.log, "train-syntax: %zu sentences, %zu tags, %zu relations, %zu lemma classes\n",
                 train.size(), p.num_tags(), p.num_labels(), p.lemmas.scripts.size());
  }

  std::vector<size_t> all(train_ex.size());
  std::iota(all.begin(), all.end(), size_t{0});
  p.tagger = TrainTagger(train_ex, all, &dev_ex, p.tag_upos, p.num_tags(), options.tagger_epochs, options,
                         options.seed, "tagger");

  // Tags the parser trains on: jackknifed, so they carry run-time errors.
  if (options.jackknife_folds >= 2) {
    const size_t k = static_cast<size_t>(options.jackknife_folds);
    for (size_t fold = 0; fold < k; ++fold) {
      std::vector<size_t> rest;
      for (size_t i = 0; i < train_ex.size(); ++i) {
        if (i % k != fold) rest.push_back(i);
      }
      std::string what = "tagger fold " + std::to_string(fold + 1);
      SparseWeights w = TrainTagger(train_ex, rest, nullptr, p.tag_upos, p.num_tags(), options.tagger_epochs,
                                    options, options.seed + 1 + fold, what.c_str());
      for (size_t i = fold; i < train_ex.size(); i += k) ApplyTags(p, w, train_ex[i]);
    }
  } else {
    for (Example& e : train_ex) {
      for (size_t i = 0; i < e.info.size(); ++i) {
        int tag = e.gold_tag[i];
        if (tag < 0) {  // an untrusted tag: the first tag with the word's UPOS
          for (size_t c = 0; c < p.num_tags() && tag < 0; ++c) {
            if (p.tag_upos[c] == e.gold_upos[i]) tag = static_cast<int>(c);
          }
          tag = std::max(tag, 0);
        }
        e.info[i].tag = static_cast<uint16_t>(tag);
        e.info[i].upos = p.tag_upos[static_cast<size_t>(tag)];
        e.info[i].lemma = HashString(Lemmatise(p, e.forms[i], e.info[i].tag));
      }
    }
  }
  for (Example& e : dev_ex) ApplyTags(p, p.tagger, e);

  ParserData d;
  d.labels = static_cast<uint32_t>(p.num_labels());
  d.root_label = p.root_label;
  p.parser = TrainParser(train_ex, dev_ex, d, options);
  FinishParams(p);
  return SyntaxModel(std::move(params));
}

}  // namespace wirewatch
