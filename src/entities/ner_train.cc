// NER training: lexicon building (clusters, capitalisation statistics, gazetteers) and the
// averaged structured perceptron (see ner_train.h).
#include "entities/ner_train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "entities/ner_features.h"
#include "entities/ner_model.h"

namespace wirewatch {
namespace {

using namespace ner_internal;
using Sentences = std::vector<std::vector<std::string>>;

// Deterministic random numbers (splitmix64): std distributions differ between libraries.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

// ---- Unlabelled text -------------------------------------------------------------------------

bool IsSentenceEnd(std::string_view t) { return t == "." || t == "!" || t == "?"; }

// Splits running text into CoNLL-like tokens: whitespace, then leading and trailing punctuation.
void TokenizeText(std::string_view text, Sentences& out) {
  static const std::vector<std::string_view> kLead = {"\"", "'", "(", "[", "\xE2\x80\x98",
                                                      "\xE2\x80\x9C", "\xE2\x80\x9E", ",,", "\xC2\xAB"};
  static const std::vector<std::string_view> kTrail = {
      "\"", "'", ".", ",", ";", ":", "!", "?", ")", "]", "\xE2\x80\x99", "\xE2\x80\x9D",
      "\xC2\xBB", "''"};
  std::vector<std::string> sentence;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    std::string_view word = text.substr(pos, end - pos);
    pos = end;
    if (word.empty()) continue;
    std::vector<std::string> tail;
    bool changed = true;
    while (changed && !word.empty()) {
      changed = false;
      for (std::string_view p : kLead) {
        if (word.size() > p.size() && word.substr(0, p.size()) == p) {
          sentence.emplace_back(p);
          word.remove_prefix(p.size());
          changed = true;
        }
      }
    }
    changed = true;
    while (changed && word.size() > 1) {
      changed = false;
      for (std::string_view p : kTrail) {
        if (word.size() > p.size() && word.substr(word.size() - p.size()) == p) {
          tail.emplace_back(p);
          word.remove_suffix(p.size());
          changed = true;
        }
      }
    }
    if (!word.empty()) sentence.emplace_back(word);
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
      sentence.push_back(*it);
      if (IsSentenceEnd(*it)) out.push_back(std::move(sentence)), sentence.clear();
    }
  }
  if (!sentence.empty()) out.push_back(std::move(sentence));
}

Status ReadUnlabelled(const std::string& path, Sentences& out) {
  StatusOr<std::string> text = ReadTextFileUtf8(path);
  if (!text.ok()) return text.status();
  if (path.size() > 6 && path.substr(path.size() - 6) == ".jsonl") {
    size_t pos = 0;
    while (pos < text->size()) {
      size_t nl = text->find('\n', pos);
      if (nl == std::string::npos) nl = text->size();
      nlohmann::json j = nlohmann::json::parse(text->begin() + static_cast<long>(pos),
                                               text->begin() + static_cast<long>(nl), nullptr,
                                               /*allow_exceptions=*/false);
      pos = nl + 1;
      if (!j.is_object()) continue;
      for (const char* field : {"title", "text"}) {
        auto it = j.find(field);
        if (it != j.end() && it->is_string()) TokenizeText(it->get<std::string>(), out);
      }
    }
    return Status::Ok();
  }
  std::vector<std::string> sentence;
  for (ConllLine& line : ParseConllLines(*text)) {
    if (line.kind == ConllLine::Kind::kToken) {
      sentence.push_back(std::move(line.token));
      if (IsSentenceEnd(sentence.back())) out.push_back(std::move(sentence)), sentence.clear();
    } else if (!sentence.empty()) {
      out.push_back(std::move(sentence));
      sentence.clear();
    }
  }
  if (!sentence.empty()) out.push_back(std::move(sentence));
  return Status::Ok();
}

// ---- Capitalisation statistics ---------------------------------------------------------------

void BuildCaps(const Sentences& text, NerLexicon& lexicon) {
  struct Count {
    uint32_t total = 0;
    uint32_t upper = 0;
  };
  std::unordered_map<uint64_t, Count> counts;
  for (const auto& s : text) {
    for (size_t i = 1; i < s.size(); ++i) {
      const std::string& prev = s[i - 1];
      // After a colon or an opening quote a capital says nothing about the word.
      if (prev == ":" || prev == "\"" || prev == "'" || prev == "(" || prev == "-") continue;
      Count& c = counts[HashString(LowerUtf8(s[i]))];
      ++c.total;
      if (StartsUpper(s[i])) ++c.upper;
    }
  }
  std::vector<std::pair<uint64_t, uint8_t>> rows;
  for (const auto& [key, c] : counts) {
    if (c.total < 2) continue;
    double r = static_cast<double>(c.upper) / c.total;
    int bucket = r < 0.05 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 0.95 ? 4 : 5;
    if (c.total >= 10) bucket += 5;
    rows.emplace_back(key, static_cast<uint8_t>(bucket));
  }
  std::sort(rows.begin(), rows.end());
  for (const auto& [k, v] : rows) {
    lexicon.caps.keys.push_back(k);
    lexicon.caps.values.push_back(v);
  }
}

// ---- Word clusters: spherical k-means over PPMI context vectors -------------------------------

void BuildClusters(const Sentences& text, const NerTrainOptions& options, NerLexicon& lexicon) {
  if (options.clusters[0] <= 0) return;
  std::unordered_map<std::string, uint32_t> freq;
  for (const auto& s : text) {
    for (const auto& w : s) ++freq[LowerUtf8(w)];
  }
  std::vector<std::pair<std::string, uint32_t>> words(freq.begin(), freq.end());
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string, uint32_t> word_id;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].second < static_cast<uint32_t>(options.cluster_min_count)) break;
    word_id.emplace(words[i].first, static_cast<uint32_t>(i));
  }
  const size_t v = word_id.size();
  const size_t c_words = std::min<size_t>(2000, v);
  const size_t dims = 2 * (c_words + 1);  // left and right context; +1 for the sentence edge
  if (v < 16) return;

  // Context counts per word.
  std::vector<std::map<uint32_t, float>> ctx(v);
  std::vector<double> dim_total(dims, 0);
  std::vector<uint32_t> ids;
  for (const auto& s : text) {
    ids.clear();
    for (const auto& w : s) {
      auto it = word_id.find(LowerUtf8(w));
      ids.push_back(it == word_id.end() ? UINT32_MAX : it->second);
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == UINT32_MAX) continue;
      auto ctx_dim = [&](long j) -> uint32_t {
        if (j < 0 || j >= static_cast<long>(ids.size())) return static_cast<uint32_t>(c_words);
        uint32_t id = ids[static_cast<size_t>(j)];
        return id < c_words ? id : UINT32_MAX;
      };
      uint32_t left = ctx_dim(static_cast<long>(i) - 1);
      uint32_t right = ctx_dim(static_cast<long>(i) + 1);
      if (left != UINT32_MAX) ctx[ids[i]][left] += 1, dim_total[left] += 1;
      if (right != UINT32_MAX) {
        ctx[ids[i]][static_cast<uint32_t>(c_words + 1) + right] += 1;
        dim_total[c_words + 1 + right] += 1;
      }
    }
  }
  double grand = 0;
  for (double d : dim_total) grand += d;

  // Sparse PPMI vectors, unit length.
  std::vector<std::vector<std::pair<uint32_t, float>>> vec(v);
  for (size_t w = 0; w < v; ++w) {
    double row = 0;
    for (const auto& [d, c] : ctx[w]) row += c;
    double norm = 0;
    for (const auto& [d, c] : ctx[w]) {
      double pmi = std::log(c * grand / (row * dim_total[d]));
      if (pmi <= 0) continue;
      vec[w].emplace_back(d, static_cast<float>(pmi));
      norm += pmi * pmi;
    }
    norm = std::sqrt(norm);
    for (auto& [d, x] : vec[w]) x = static_cast<float>(x / norm);
  }
  ctx.clear();

  std::vector<ClusterIds> assignment(v);
  for (int level = 0; level < kClusterLevels; ++level) {
    const size_t k = std::min<size_t>(static_cast<size_t>(options.clusters[level]), v / 2);
    // Seeds: k distinct words drawn with a fixed seed from the frequent half of the vocabulary.
    Rng rng(options.seed + 17 * static_cast<uint64_t>(level));
    std::vector<uint32_t> pool(std::max<size_t>(k, v / 2));
    for (size_t i = 0; i < pool.size(); ++i) pool[i] = static_cast<uint32_t>(i);
    for (size_t i = 0; i < k; ++i) std::swap(pool[i], pool[i + rng.Below(pool.size() - i)]);
    std::vector<float> centroid(dims * k, 0.0f);  // centroid[d * k + j]
    for (size_t j = 0; j < k; ++j) {
      for (const auto& [d, x] : vec[pool[j]]) centroid[d * k + j] = x;
    }
    std::vector<uint32_t> assign(v, 0);
    std::vector<float> score(k);
    for (int iter = 0; iter < options.cluster_iterations; ++iter) {
      for (size_t w = 0; w < v; ++w) {
        std::fill(score.begin(), score.end(), 0.0f);
        for (const auto& [d, x] : vec[w]) {
          const float* c = &centroid[d * k];
          for (size_t j = 0; j < k; ++j) score[j] += x * c[j];
        }
        assign[w] = static_cast<uint32_t>(std::max_element(score.begin(), score.end()) - score.begin());
      }
      std::vector<float> next(dims * k, 0.0f);
      std::vector<uint32_t> members(k, 0);
      for (size_t w = 0; w < v; ++w) {
        ++members[assign[w]];
        for (const auto& [d, x] : vec[w]) next[d * k + assign[w]] += x;
      }
      std::vector<double> norm(k, 0);
      for (size_t d = 0; d < dims; ++d) {
        for (size_t j = 0; j < k; ++j) norm[j] += double(next[d * k + j]) * next[d * k + j];
      }
      for (size_t j = 0; j < k; ++j) {
        if (members[j] == 0) continue;  // an empty cluster keeps its old centroid
        float inv = static_cast<float>(1.0 / std::sqrt(std::max(norm[j], 1e-12)));
        for (size_t d = 0; d < dims; ++d) centroid[d * k + j] = next[d * k + j] * inv;
      }
    }
    for (size_t w = 0; w < v; ++w) assignment[w][static_cast<size_t>(level)] = static_cast<uint16_t>(assign[w]);
    if (options.log) std::fprintf(options.log, "clusters: level %d, k=%zu over %zu words\n", level, k, v);
  }
  std::vector<std::pair<uint64_t, ClusterIds>> rows;
  for (const auto& [word, id] : word_id) rows.emplace_back(HashString(word), assignment[id]);
  std::sort(rows.begin(), rows.end());
  for (const auto& [key, c] : rows) {
    lexicon.clusters.keys.push_back(key);
    lexicon.clusters.values.push_back(c);
  }
}

// ---- Gazetteers ------------------------------------------------------------------------------

uint64_t TokensKey(const std::vector<std::string_view>& tokens) {
  uint64_t h = 0;
  for (std::string_view t : tokens) h = HashCombine(h, HashString(t));
  return h;
}

Status ReadCountries(const std::string& path, std::map<uint64_t, uint8_t>& gaz, uint32_t& max_len) {
  StatusOr<std::string> text = ReadTextFileUtf8(path);
  if (!text.ok()) return text.status();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Corrupt(path + ": not JSON");
  // Every string value inside an object called "territories", wherever it sits.
  std::vector<const nlohmann::json*> stack = {&j};
  std::vector<std::string> names;
  while (!stack.empty()) {
    const nlohmann::json* node = stack.back();
    stack.pop_back();
    if (!node->is_object()) continue;
    for (auto it = node->begin(); it != node->end(); ++it) {
      if (it.key() == "territories" && it->is_object()) {
        for (const auto& v : *it) {
          if (v.is_string()) names.push_back(v.get<std::string>());
        }
      } else if (it->is_object()) {
        stack.push_back(&*it);
      }
    }
  }
  if (names.empty()) return Corrupt(path + ": no \"territories\" names found");
  for (const std::string& name : names) {
    Sentences tokens;
    TokenizeText(name, tokens);
    if (tokens.size() != 1) continue;
    std::vector<std::string_view> views(tokens[0].begin(), tokens[0].end());
    if (views.empty() || !StartsUpper(views[0])) continue;
    gaz[TokensKey(views)] |= kGazCountry;
    max_len = std::max(max_len, static_cast<uint32_t>(views.size()));
  }
  return Status::Ok();
}

// Adds the entities of `doc` to `gaz` (exact token sequence -> type bits).
void AddEntities(const NerDocument& doc, std::map<uint64_t, uint8_t>& gaz, uint32_t& max_len) {
  for (const NerSentence& s : doc.sentences) {
    std::vector<std::string_view> tags(s.tags.begin(), s.tags.end());
    for (const NerSpan& span : SpansFromIob(tags)) {
      if (span.end - span.begin > 8) continue;
      std::vector<std::string_view> toks(s.tokens.begin() + span.begin, s.tokens.begin() + span.end);
      if (!StartsUpper(toks[0])) continue;
      gaz[TokensKey(toks)] |= static_cast<uint8_t>(1 << static_cast<int>(span.type));
      max_len = std::max(max_len, span.end - span.begin);
    }
  }
}

void SetGazetteer(const std::map<uint64_t, uint8_t>& gaz, uint32_t max_len, NerLexicon& lexicon) {
  lexicon.gazetteer = {};
  for (const auto& [k, v] : gaz) {
    lexicon.gazetteer.keys.push_back(k);
    lexicon.gazetteer.values.push_back(v);
  }
  lexicon.gazetteer_max_len = gaz.empty() ? 0 : max_len;
  lexicon.gazetteer.Finish();
}

// ---- Perceptron ------------------------------------------------------------------------------

std::vector<int> BilouLabels(const std::vector<std::string>& tags) {
  std::vector<std::string_view> views(tags.begin(), tags.end());
  std::vector<int> labels(tags.size(), 0);
  for (const NerSpan& s : SpansFromIob(views)) {
    if (s.end - s.begin == 1) {
      labels[s.begin] = LabelOf(s.type, kU);
      continue;
    }
    labels[s.begin] = LabelOf(s.type, kB);
    for (uint32_t i = s.begin + 1; i + 1 < s.end; ++i) labels[i] = LabelOf(s.type, kI);
    labels[s.end - 1] = LabelOf(s.type, kL);
  }
  return labels;
}

// Sentences as feature ids (CSR) with gold labels.
struct Encoded {
  std::vector<uint32_t> ids;
  std::vector<uint32_t> token_starts;   // per token, into ids; one extra at the end
  std::vector<uint32_t> sentence_starts;  // per sentence, into token_starts
  std::vector<int> gold;                // per token
  std::vector<const NerSentence*> source;
  size_t sentences() const { return sentence_starts.size() - 1; }
};

class FeatureIds {
 public:
  // Id of `hash`, added when `grow`; UINT32_MAX when unknown and not grown.
  uint32_t Get(uint64_t hash, bool grow) {
    auto it = ids_.find(hash);
    if (it != ids_.end()) return it->second;
    if (!grow) return UINT32_MAX;
    uint32_t id = static_cast<uint32_t>(keys_.size());
    ids_.emplace(hash, id);
    keys_.push_back(hash);
    return id;
  }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  std::unordered_map<uint64_t, uint32_t> ids_;
  std::vector<uint64_t> keys_;
};

void Encode(const NerSentence& s, const NerLexicon& lexicon, FeatureIds& ids, bool grow,
            Encoded& out) {
  if (out.sentence_starts.empty()) out.sentence_starts.push_back(0);
  if (out.token_starts.empty()) out.token_starts.push_back(0);
  std::vector<std::string_view> tokens(s.tokens.begin(), s.tokens.end());
  SentenceFeatures features;
  ExtractFeatures(tokens, lexicon, features);
  std::vector<int> gold = BilouLabels(s.tags);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (uint64_t h : features.Of(i)) {
      uint32_t id = ids.Get(h, grow);
      if (id != UINT32_MAX) out.ids.push_back(id);
    }
    out.token_starts.push_back(static_cast<uint32_t>(out.ids.size()));
    out.gold.push_back(gold[i]);
  }
  out.sentence_starts.push_back(static_cast<uint32_t>(out.token_starts.size() - 1));
  out.source.push_back(&s);
}

constexpr int L = kNumLabels;
constexpr size_t kTransitionSize = (L + 1) * L;

struct Weights {
  std::vector<float> emission;    // features * L
  std::vector<float> transition;  // (L + 1) * L, then L end scores
};

void Emissions(const Encoded& data, size_t sentence, const std::vector<float>& w,
               std::vector<float>& out) {
  const uint32_t t0 = data.sentence_starts[sentence], t1 = data.sentence_starts[sentence + 1];
  out.assign(static_cast<size_t>(t1 - t0) * L, 0.0f);
  for (uint32_t t = t0; t < t1; ++t) {
    float* row = &out[static_cast<size_t>(t - t0) * L];
    for (uint32_t k = data.token_starts[t]; k < data.token_starts[t + 1]; ++k) {
      const float* wr = &w[static_cast<size_t>(data.ids[k]) * L];
      for (int y = 0; y < L; ++y) row[y] += wr[y];
    }
  }
}

void DecodeEncoded(const Encoded& data, size_t sentence, const Weights& w,
                   std::vector<float>& scratch, std::vector<int>& labels) {
  Emissions(data, sentence, w.emission, scratch);
  const uint32_t n = data.sentence_starts[sentence + 1] - data.sentence_starts[sentence];
  Viterbi(scratch.data(), n, w.transition.data(), w.transition.data() + kTransitionSize, labels);
}

NerScores Score(const Encoded& data, const Weights& w) {
  NerScores scores;
  std::vector<float> scratch;
  std::vector<int> labels;
  for (size_t s = 0; s < data.sentences(); ++s) {
    DecodeEncoded(data, s, w, scratch, labels);
    std::vector<std::string_view> pred, gold;
    for (size_t i = 0; i < labels.size(); ++i) {
      pred.push_back(Iob2Tag(labels[i]));
      gold.push_back(Iob2Tag(data.gold[data.sentence_starts[s] + i]));
    }
    scores.Add(gold, pred);
  }
  return scores;
}


// Linear-chain CRF trained by SGD on the log-likelihood with L2 regularisation. Emission
// weights are stored as scale * v so the per-step decay of every weight costs one multiply
// (Bottou's trick). Forward-backward runs in scaled probability space (no logs) in double.
void TrainCrf(const Encoded& train, const Encoded& dev, size_t num_features,
              const NerTrainOptions& options, Weights& best, double& best_f1, int& best_epoch) {
  std::vector<float> v(num_features * L, 0.0f);
  std::vector<double> trans(kTransitionSize + L, 0.0);
  double scale = 1.0;
  const size_t n_sent = train.sentences();
  const double lambda = options.l2 / static_cast<double>(n_sent);
  std::vector<size_t> order(n_sent);
  for (size_t i = 0; i < n_sent; ++i) order[i] = i;
  std::vector<float> em;
  std::vector<double> psi, alpha, beta, c, marg;
  std::array<double, kTransitionSize + L> m{};
  std::vector<int> pred;
  double t = 0;
  auto snapshot = [&]() {
    Weights w;
    w.emission.resize(v.size());
    for (size_t i = 0; i < v.size(); ++i) w.emission[i] = static_cast<float>(v[i] * scale);
    w.transition.resize(trans.size());
    for (size_t i = 0; i < trans.size(); ++i) w.transition[i] = static_cast<float>(trans[i]);
    return w;
  };
  // Averaging snapshots of the weights (every 500 sentences, from epoch 2 on) smooths out the
  // SGD noise, as in averaged SGD.
  std::vector<double> avg_emission(v.size(), 0.0), avg_transition(trans.size(), 0.0);
  double avg_count = 0;
  auto accumulate = [&]() {
    for (size_t i = 0; i < v.size(); ++i) avg_emission[i] += v[i] * scale;
    for (size_t i = 0; i < trans.size(); ++i) avg_transition[i] += trans[i];
    avg_count += 1;
  };
  auto averaged = [&]() {
    Weights w;
    w.emission.resize(v.size());
    w.transition.resize(trans.size());
    for (size_t i = 0; i < v.size(); ++i) w.emission[i] = static_cast<float>(avg_emission[i] / avg_count);
    for (size_t i = 0; i < trans.size(); ++i) w.transition[i] = static_cast<float>(avg_transition[i] / avg_count);
    return w;
  };
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    Rng rng(options.seed * 1000003 + static_cast<uint64_t>(epoch));
    for (size_t i = n_sent; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
    double loglik = 0;
    size_t seen = 0;
    for (size_t s : order) {
      if (epoch > 1 && ++seen % 500 == 0) accumulate();
      // The rate halves after the first epoch and keeps falling as 1/epoch: a constant rate left
      // dev F1 swinging by a point between epochs.
      const double eta = options.learning_rate / (1.0 + t / static_cast<double>(n_sent));
      t += 1;
      const uint32_t t0 = train.sentence_starts[s];
      Emissions(train, s, v, em);
      const size_t n = em.size() / L;
      for (int x = 0; x <= L; ++x) {
        for (int y = 0; y < L; ++y) {
          m[static_cast<size_t>(x * L + y)] = TransitionAllowed(x, y) ? std::exp(trans[static_cast<size_t>(x * L + y)]) : 0.0;
        }
      }
      for (int y = 0; y < L; ++y) {
        m[kTransitionSize + static_cast<size_t>(y)] = EndAllowed(y) ? std::exp(trans[kTransitionSize + static_cast<size_t>(y)]) : 0.0;
      }
      psi.resize(n * L);
      double gold_score = 0, log_norm = 0;
      for (size_t i = 0; i < n; ++i) {
        float mx = em[i * L];
        for (int y = 1; y < L; ++y) mx = std::max(mx, em[i * L + static_cast<size_t>(y)]);
        log_norm += mx * scale;
        for (int y = 0; y < L; ++y) psi[i * L + static_cast<size_t>(y)] = std::exp((em[i * L + static_cast<size_t>(y)] - mx) * scale);
        gold_score += em[i * L + static_cast<size_t>(train.gold[t0 + i])] * scale;
      }
      alpha.assign(n * L, 0.0);
      beta.assign(n * L, 0.0);
      c.assign(n, 0.0);
      for (size_t i = 0; i < n; ++i) {
        for (int y = 0; y < L; ++y) {
          double sum = 0;
          if (i == 0) {
            sum = m[static_cast<size_t>(L * L + y)];
          } else {
            for (int x = 0; x < L; ++x) sum += alpha[(i - 1) * L + static_cast<size_t>(x)] * m[static_cast<size_t>(x * L + y)];
          }
          alpha[i * L + static_cast<size_t>(y)] = sum * psi[i * L + static_cast<size_t>(y)];
          c[i] += alpha[i * L + static_cast<size_t>(y)];
        }
        for (int y = 0; y < L; ++y) alpha[i * L + static_cast<size_t>(y)] /= c[i];
      }
      for (int y = 0; y < L; ++y) beta[(n - 1) * L + static_cast<size_t>(y)] = m[kTransitionSize + static_cast<size_t>(y)];
      for (size_t i = n - 1; i-- > 0;) {
        for (int x = 0; x < L; ++x) {
          double sum = 0;
          for (int y = 0; y < L; ++y) {
            sum += m[static_cast<size_t>(x * L + y)] * psi[(i + 1) * L + static_cast<size_t>(y)] * beta[(i + 1) * L + static_cast<size_t>(y)];
          }
          beta[i * L + static_cast<size_t>(x)] = sum / c[i + 1];
        }
      }
      double z = 0;
      for (int y = 0; y < L; ++y) z += alpha[(n - 1) * L + static_cast<size_t>(y)] * beta[(n - 1) * L + static_cast<size_t>(y)];
      // log-likelihood, for the progress line only
      double log_z = log_norm + std::log(z);
      for (size_t i = 0; i < n; ++i) log_z += std::log(c[i]);
      int prev = L;
      for (size_t i = 0; i < n; ++i) {
        gold_score += trans[static_cast<size_t>(prev * L + train.gold[t0 + i])];
        prev = train.gold[t0 + i];
      }
      gold_score += trans[kTransitionSize + static_cast<size_t>(prev)];
      loglik += gold_score - log_z;

      // Decay, then the gradient step.
      scale *= (1.0 - eta * lambda);
      if (scale < 1e-6) {
        for (float& x : v) x = static_cast<float>(x * scale);
        scale = 1.0;
      }
      const float step = static_cast<float>(eta / scale);
      marg.resize(L);
      prev = L;
      for (size_t i = 0; i < n; ++i) {
        const int g = train.gold[t0 + i];
        for (int y = 0; y < L; ++y) {
          marg[static_cast<size_t>(y)] = alpha[i * L + static_cast<size_t>(y)] * beta[i * L + static_cast<size_t>(y)] / z;
        }
        marg[static_cast<size_t>(g)] -= 1.0;  // now expected - observed
        for (uint32_t k = train.token_starts[t0 + i]; k < train.token_starts[t0 + i + 1]; ++k) {
          float* row = &v[static_cast<size_t>(train.ids[k]) * L];
          for (int y = 0; y < L; ++y) row[y] -= step * static_cast<float>(marg[static_cast<size_t>(y)]);
        }
        // Transitions into position i.
        trans[static_cast<size_t>(prev * L + g)] += eta;
        if (i == 0) {
          for (int y = 0; y < L; ++y) {
            trans[static_cast<size_t>(L * L + y)] -= eta * (marg[static_cast<size_t>(y)] + (y == g ? 1.0 : 0.0));
          }
        } else {
          for (int x = 0; x < L; ++x) {
            const double a = alpha[(i - 1) * L + static_cast<size_t>(x)];
            if (a == 0) continue;
            for (int y = 0; y < L; ++y) {
              const double pm = m[static_cast<size_t>(x * L + y)];
              if (pm == 0) continue;
              double p = a * pm * psi[i * L + static_cast<size_t>(y)] * beta[i * L + static_cast<size_t>(y)] / (c[i] * z);
              trans[static_cast<size_t>(x * L + y)] -= eta * p;
            }
          }
        }
        prev = g;
      }
      trans[kTransitionSize + static_cast<size_t>(prev)] += eta;
      for (int y = 0; y < L; ++y) {
        double p = alpha[(n - 1) * L + static_cast<size_t>(y)] * beta[(n - 1) * L + static_cast<size_t>(y)] / z;
        trans[kTransitionSize + static_cast<size_t>(y)] -= eta * p;
      }
    }
    Weights w = avg_count > 0 ? averaged() : snapshot();
    double f1 = -1;
    if (!dev.source.empty()) f1 = Score(dev, w).overall.F1();
    if (options.log) {
      std::fprintf(options.log, "crf epoch %d: log-likelihood %.1f, dev F1 %.2f\n", epoch, loglik, 100 * f1);
      std::fflush(options.log);
    }
    if (dev.source.empty() || f1 > best_f1) {
      best_f1 = f1;
      best_epoch = epoch;
      best = std::move(w);
    }
  }
}

}  // namespace

NerScores EvaluateNer(const NerModel& model, const std::vector<NerDocument>& docs) {
  NerScores scores;
  for (const NerDocument& doc : docs) {
    for (const NerSentence& s : doc.sentences) {
      std::vector<std::string_view> tokens(s.tokens.begin(), s.tokens.end());
      std::vector<std::string_view> gold(s.tags.begin(), s.tags.end());
      std::vector<std::string_view> pred = model.Tag(tokens);
      scores.Add(gold, pred);
    }
  }
  return scores;
}

StatusOr<NerModel> TrainNer(const std::vector<NerDocument>& train,
                            const std::vector<NerDocument>& dev, const NerTrainOptions& options,
                            NerScores* dev_scores) {
  if (train.empty()) return Empty("train-ner: no training sentences");
  if (options.epochs < 1) return InvalidArgument("train-ner: epochs must be at least 1");
  auto clock = std::chrono::steady_clock::now();
  auto log = [&](const char* fmt, auto... args) {
    if (!options.log) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
    std::fprintf(options.log, "[%6.1fs] ", secs);
    std::fprintf(options.log, fmt, args...);
    std::fflush(options.log);
  };

  // Lexicon from unlabelled text: the training tokens plus the extra files.
  auto params = std::make_shared<NerParams>();
  {
    Sentences text;
    for (const NerDocument& d : train) {
      for (const NerSentence& s : d.sentences) text.push_back(s.tokens);
    }
    for (const std::string& path : options.unlabelled) {
      Status st = ReadUnlabelled(path, text);
      if (!st.ok()) return st;
    }
    size_t tokens = 0;
    for (const auto& s : text) tokens += s.size();
    log("unlabelled text: %zu sentences, %zu tokens\n", text.size(), tokens);
    BuildCaps(text, params->lexicon);
    BuildClusters(text, options, params->lexicon);
    params->lexicon.clusters.Finish();
    params->lexicon.caps.Finish();
    log("lexicon: %zu cluster words, %zu capitalisation entries\n",
        params->lexicon.clusters.keys.size(), params->lexicon.caps.keys.size());
  }
  std::map<uint64_t, uint8_t> countries;
  uint32_t countries_max = 0;
  for (const std::string& path : options.countries) {
    Status st = ReadCountries(path, countries, countries_max);
    if (!st.ok()) return st;
  }

  // Training features, each document with the gazetteer of the other folds.
  FeatureIds ids;
  Encoded train_data;
  const int folds = options.gazetteer_folds;
  for (int fold = 0; fold < std::max(folds, 1); ++fold) {
    NerLexicon lexicon = params->lexicon;
    std::map<uint64_t, uint8_t> gaz = countries;
    uint32_t max_len = countries_max;
    if (folds > 0) {
      for (size_t d = 0; d < train.size(); ++d) {
        if (static_cast<int>(d % static_cast<size_t>(folds)) != fold) AddEntities(train[d], gaz, max_len);
      }
    }
    SetGazetteer(gaz, max_len, lexicon);
    for (size_t d = 0; d < train.size(); ++d) {
      if (folds > 0 && static_cast<int>(d % static_cast<size_t>(folds)) != fold) continue;
      for (const NerSentence& s : train[d].sentences) Encode(s, lexicon, ids, true, train_data);
    }
  }
  // The model's own gazetteer: all training entities.
  {
    std::map<uint64_t, uint8_t> gaz = countries;
    uint32_t max_len = countries_max;
    if (folds > 0) {
      for (const NerDocument& d : train) AddEntities(d, gaz, max_len);
    }
    SetGazetteer(gaz, max_len, params->lexicon);
  }
  Encoded dev_data;
  for (const NerDocument& d : dev) {
    for (const NerSentence& s : d.sentences) Encode(s, params->lexicon, ids, false, dev_data);
  }
  const size_t num_features = ids.keys().size();
  log("features: %zu distinct, %zu train sentences, %zu dev sentences\n", num_features,
      train_data.sentences(), dev_data.sentence_starts.empty() ? size_t{0} : dev_data.sentences());

  Weights best;
  double best_f1 = -1;
  int best_epoch = 0;
  if (options.trainer == NerTrainOptions::Trainer::kCrf) {
    TrainCrf(train_data, dev_data, num_features, options, best, best_f1, best_epoch);
  } else {
  // Averaged perceptron with the usual lazy-sum trick: sum[i] accumulates step * update, and
  // the average after `step` updates is w - sum / step.
  Weights w, sum;
  w.emission.assign(num_features * L, 0.0f);
  sum.emission.assign(num_features * L, 0.0f);
  w.transition.assign(kTransitionSize + L, 0.0f);
  sum.transition.assign(kTransitionSize + L, 0.0f);
  std::vector<size_t> order(train_data.sentences());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scratch;
  std::vector<int> pred;
  double step = 1;
  auto average = [&]() {
    Weights a;
    a.emission.resize(w.emission.size());
    a.transition.resize(w.transition.size());
    const float inv = static_cast<float>(1.0 / step);
    for (size_t i = 0; i < a.emission.size(); ++i) a.emission[i] = w.emission[i] - sum.emission[i] * inv;
    for (size_t i = 0; i < a.transition.size(); ++i) {
      a.transition[i] = w.transition[i] - sum.transition[i] * inv;
    }
    return a;
  };
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    Rng rng(options.seed * 1000003 + static_cast<uint64_t>(epoch));
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
    size_t mistakes = 0;
    for (size_t s : order) {
      const uint32_t t0 = train_data.sentence_starts[s];
      // Cost-augmented decoding: every wrong label gets a bonus, so updates continue until
      // the gold sequence wins by a margin; that spreads weight over more features.
      Emissions(train_data, s, w.emission, scratch);
      const size_t len = scratch.size() / L;
      if (options.margin > 0) {
        for (size_t i = 0; i < len; ++i) {
          for (int y = 0; y < L; ++y) {
            if (y != train_data.gold[t0 + i]) scratch[i * L + static_cast<size_t>(y)] += options.margin;
          }
        }
      }
      Viterbi(scratch.data(), len, w.transition.data(), w.transition.data() + kTransitionSize, pred);
      const size_t n = pred.size();
      bool wrong = false;
      for (size_t i = 0; i < n; ++i) wrong |= pred[i] != train_data.gold[t0 + i];
      if (wrong) {
        ++mistakes;
        const float c = static_cast<float>(step);
        auto bump = [&](std::vector<float>& wv, std::vector<float>& sv, size_t idx, float d) {
          wv[idx] += d;
          sv[idx] += c * d;
        };
        int gold_prev = L, pred_prev = L;
        for (size_t i = 0; i < n; ++i) {
          const int g = train_data.gold[t0 + i], p = pred[i];
          if (g != p) {
            for (uint32_t k = train_data.token_starts[t0 + i]; k < train_data.token_starts[t0 + i + 1]; ++k) {
              const size_t row = static_cast<size_t>(train_data.ids[k]) * L;
              bump(w.emission, sum.emission, row + static_cast<size_t>(g), 1.0f);
              bump(w.emission, sum.emission, row + static_cast<size_t>(p), -1.0f);
            }
          }
          if (g != p || gold_prev != pred_prev) {
            bump(w.transition, sum.transition, static_cast<size_t>(gold_prev * L + g), 1.0f);
            bump(w.transition, sum.transition, static_cast<size_t>(pred_prev * L + p), -1.0f);
          }
          gold_prev = g;
          pred_prev = p;
        }
        if (gold_prev != pred_prev) {
          bump(w.transition, sum.transition, kTransitionSize + static_cast<size_t>(gold_prev), 1.0f);
          bump(w.transition, sum.transition, kTransitionSize + static_cast<size_t>(pred_prev), -1.0f);
        }
      }
      step += 1;
    }
    Weights avg = average();
    double f1 = -1;
    if (!dev_data.source.empty()) {
      NerScores scores = Score(dev_data, avg);
      f1 = scores.overall.F1();
    }
    log("epoch %d: %zu/%zu sentences wrong, dev F1 %.2f\n", epoch, mistakes, order.size(), 100 * f1);
    if (dev_data.source.empty() || f1 > best_f1) {
      best_f1 = f1;
      best_epoch = epoch;
      best = std::move(avg);
    }
  }
  }
  log("kept epoch %d (dev F1 %.2f)\n", best_epoch, 100 * best_f1);

  // Keep the features that matter.
  for (size_t f = 0; f < num_features; ++f) {
    const float* row = &best.emission[f * L];
    float max_abs = 0;
    for (int y = 0; y < L; ++y) max_abs = std::max(max_abs, std::fabs(row[y]));
    if (max_abs == 0 || max_abs < options.prune) continue;
    params->feature_keys.push_back(ids.keys()[f]);
    params->weights.insert(params->weights.end(), row, row + L);
  }
  std::copy(best.transition.begin(), best.transition.begin() + kTransitionSize,
            params->transitions.begin());
  std::copy(best.transition.begin() + kTransitionSize, best.transition.end(), params->end.begin());
  params->Finish();
  log("model: %zu features kept of %zu\n", params->feature_keys.size(), num_features);
  NerModel model(std::move(params));
  if (dev_scores != nullptr) *dev_scores = EvaluateNer(model, dev);
  return model;
}

}  // namespace wirewatch
