// NerModel: loading, saving, Viterbi decoding and tagging (see ner.h and ner_model.h).
//
// File layout (little-endian, as written by Save):
//   "WWNERMDL" | u32 format version | u32 feature-set version | u32 labels | u32 cluster levels
//   | clusters: u64 n, n u64 keys, n*levels u16 | caps: u64 n, n u64 keys, n u8
//   | gazetteer: u32 max len, u64 n, n u64 keys, n u8
//   | transitions (labels+1)*labels f32 | end labels f32
//   | features: u64 n, f32 scale, n u64 keys, n*labels i16 (weight = value * scale)
//   | u64 checksum of everything before it.
// Weights are stored as 16-bit integers because that halves the file and the rounding error
// (max|w| / 65534) is far below what changes a decision.
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/model_file.h"
#include "entities/ner_features.h"
#include "entities/ner_model.h"

namespace wirewatch {
namespace ner_internal {


bool TransitionAllowed(int from, int to) {
  bool from_open = from != kNumLabels && from != 0 &&
                   (PositionOfLabel(from) == kB || PositionOfLabel(from) == kI);
  bool to_continues = to != 0 && (PositionOfLabel(to) == kI || PositionOfLabel(to) == kL);
  if (from_open) return to_continues && TypeOfLabel(from) == TypeOfLabel(to);
  return !to_continues;
}

bool EndAllowed(int label) {
  return label == 0 || PositionOfLabel(label) == kL || PositionOfLabel(label) == kU;
}

void Viterbi(const float* emissions, size_t n, const float* transitions, const float* end,
             std::vector<int>& labels) {
  constexpr int L = kNumLabels;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  labels.assign(n, 0);
  if (n == 0) return;
  std::vector<float> score(n * L, kNeg);
  std::vector<uint8_t> back(n * L, 0);
  // Forbidden transitions folded into the scores once, so the inner loop has no branches on
  // the label scheme (this loop is most of the tagger's time).
  static const auto kAllowed = [] {
    std::array<bool, (L + 1) * L> mask{};
    for (int x = 0; x <= L; ++x)
      for (int y = 0; y < L; ++y) mask[x * L + y] = TransitionAllowed(x, y);
    return mask;
  }();
  float allowed[(L + 1) * L];
  for (int k = 0; k < (L + 1) * L; ++k) allowed[k] = kAllowed[k] ? transitions[k] : kNeg;
  for (int y = 0; y < L; ++y) {
    if (allowed[L * L + y] != kNeg) score[y] = allowed[L * L + y] + emissions[y];
  }
  // For each label, the labels that may precede it: about half of all pairs.
  struct Predecessors {
    std::array<uint8_t, L> labels{};
    int count = 0;
  };
  static const auto kPredecessors = [] {
    std::array<Predecessors, L> preds{};
    for (int y = 0; y < L; ++y)
      for (int x = 0; x < L; ++x)
        if (TransitionAllowed(x, y)) preds[y].labels[preds[y].count++] = static_cast<uint8_t>(x);
    return preds;
  }();
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * L];
    float* cur = &score[i * L];
    for (int y = 0; y < L; ++y) {
      float best = kNeg;
      int arg = 0;
      const Predecessors& p = kPredecessors[y];
      for (int k = 0; k < p.count; ++k) {
        int x = p.labels[k];
        float s = prev[x] + allowed[x * L + y];
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      if (best != kNeg) {
        cur[y] = best + emissions[i * L + y];
        back[i * L + y] = static_cast<uint8_t>(arg);
      }
    }
  }
  float best = kNeg;
  int arg = 0;
  for (int y = 0; y < L; ++y) {
    const float s = score[(n - 1) * L + y];
    if (s == kNeg || !EndAllowed(y)) continue;
    if (s + end[y] > best) {
      best = s + end[y];
      arg = y;
    }
  }
  for (size_t i = n; i-- > 0;) {
    labels[i] = arg;
    arg = back[i * L + arg];
  }
}

std::string_view Iob2Tag(int label) {
  static constexpr std::string_view kTags[kNumLabels] = {
      "O",     "B-PER",  "I-PER",  "I-PER",  "B-PER",  "B-ORG",  "I-ORG",  "I-ORG",  "B-ORG",
      "B-LOC", "I-LOC",  "I-LOC",  "B-LOC",  "B-MISC", "I-MISC", "I-MISC", "B-MISC"};
  return label >= 0 && label < kNumLabels ? kTags[label] : kTags[0];
}

std::vector<NerSpan> SpansFromLabels(std::span<const int> labels) {
  std::vector<std::string_view> tags;
  tags.reserve(labels.size());
  for (int l : labels) tags.push_back(Iob2Tag(l));
  return SpansFromIob(tags);
}

namespace {

constexpr char kMagic[8] = {'W', 'W', 'N', 'E', 'R', 'M', 'D', 'L'};
constexpr uint32_t kFormatVersion = 1;

template <typename V>
void PutTable(Writer& w, const HashTable<V>& t) {
  w.Put(static_cast<uint64_t>(t.keys.size()));
  w.PutArray(t.keys);
  w.PutArray(t.values);
}

template <typename V>
bool GetTable(Reader& r, HashTable<V>& t) {
  uint64_t n = 0;
  if (!r.Get(n) || !r.GetArray(t.keys, n) || !r.GetArray(t.values, n)) return false;
  for (uint64_t k : t.keys) {
    if (k == 0) return false;
  }
  return true;
}

}  // namespace
}  // namespace ner_internal

using ner_internal::kNumLabels;

const char* NerTypeName(NerType type) {
  switch (type) {
    case NerType::kPer:
      return "PER";
    case NerType::kOrg:
      return "ORG";
    case NerType::kLoc:
      return "LOC";
    case NerType::kMisc:
      return "MISC";
  }
  return "MISC";
}

std::vector<NerSpan> SpansFromIob(std::span<const std::string_view> tags) {
  std::vector<NerSpan> spans;
  auto type_of = [](std::string_view tag, NerType& type) {
    if (tag.size() < 3 || tag[1] != '-') return false;
    std::string_view t = tag.substr(2);
    if (t == "PER") type = NerType::kPer;
    else if (t == "ORG") type = NerType::kOrg;
    else if (t == "LOC") type = NerType::kLoc;
    else if (t == "MISC") type = NerType::kMisc;
    else return false;
    return true;
  };
  bool open = false;
  NerSpan cur;
  for (size_t i = 0; i < tags.size(); ++i) {
    NerType type;
    bool is_entity = type_of(tags[i], type);
    bool starts = is_entity && (tags[i][0] == 'B' || !open || cur.type != type);
    if (open && (!is_entity || starts)) {
      cur.end = static_cast<uint32_t>(i);
      spans.push_back(cur);
      open = false;
    }
    if (starts) {
      cur.begin = static_cast<uint32_t>(i);
      cur.type = type;
      open = true;
    }
  }
  if (open) {
    cur.end = static_cast<uint32_t>(tags.size());
    spans.push_back(cur);
  }
  return spans;
}

NerModel::NerModel(std::shared_ptr<const ner_internal::NerParams> params)
    : params_(std::move(params)) {}

Status NerModel::Save(const std::string& path) const {
  using namespace ner_internal;
  const NerParams& p = *params_;
  Writer w;
  w.bytes().append(kMagic, sizeof(kMagic));
  w.Put(kFormatVersion);
  w.Put(kFeatureSetVersion);
  w.Put(static_cast<uint32_t>(kNumLabels));
  w.Put(static_cast<uint32_t>(kClusterLevels));
  PutTable(w, p.lexicon.clusters);
  PutTable(w, p.lexicon.caps);
  w.Put(p.lexicon.gazetteer_max_len);
  PutTable(w, p.lexicon.gazetteer);
  for (float t : p.transitions) w.Put(t);
  for (float e : p.end) w.Put(e);
  float max_abs = 0;
  for (float x : p.weights) max_abs = std::max(max_abs, std::fabs(x));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  w.Put(static_cast<uint64_t>(p.feature_keys.size()));
  w.Put(scale);
  w.PutArray(p.feature_keys);
  std::vector<int16_t> q(p.weights.size());
  for (size_t i = 0; i < q.size(); ++i) {
    q[i] = static_cast<int16_t>(std::lround(p.weights[i] / scale));
  }
  w.PutArray(q);
  w.Put(Checksum(w.bytes().data(), w.bytes().size()));

  Status written = WriteModelFile(path, w.bytes());
  if (!written.ok()) return written;
  return Status::Ok();
}

StatusOr<NerModel> NerModel::Load(const std::string& path) {
  using namespace ner_internal;
  StatusOr<std::string> file = ReadModelFile(path, "NER model");
  if (!file.ok()) return file.status();
  const std::string& bytes = *file;
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Corrupt(path + ": not a wirewatch NER model (bad magic number)");
  }
  Reader header(bytes, bytes.size());
  char magic[8];
  uint32_t version = 0, feature_set = 0, labels = 0, levels = 0;
  if (!header.Get(magic) || !header.Get(version)) {
    return Corrupt(path + ": NER model truncated in its header");
  }
  if (version != kFormatVersion) {
    return Unsupported(path + ": NER model format version " + std::to_string(version) +
                       ", this build reads version " + std::to_string(kFormatVersion));
  }
  if (bytes.size() < header.pos() + 8) return Corrupt(path + ": NER model truncated");
  const size_t body = bytes.size() - 8;
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + body, 8);
  if (stored != Checksum(bytes.data(), body)) {
    return Corrupt(path + ": NER model is truncated or damaged (checksum mismatch)");
  }
  Reader r(bytes, body);
  r.Get(magic);
  r.Get(version);
  if (!r.Get(feature_set) || !r.Get(labels) || !r.Get(levels)) {
    return Corrupt(path + ": NER model truncated in its header");
  }
  if (feature_set != kFeatureSetVersion || labels != static_cast<uint32_t>(kNumLabels) ||
      levels != static_cast<uint32_t>(kClusterLevels)) {
    return Unsupported(path + ": NER model built for feature set " + std::to_string(feature_set) +
                       " with " + std::to_string(labels) + " labels; this build needs feature set " +
                       std::to_string(kFeatureSetVersion));
  }
  auto params = std::make_shared<NerParams>();
  NerParams& p = *params;
  uint64_t n_features = 0;
  float scale = 0;
  std::vector<int16_t> q;
  bool ok = GetTable(r, p.lexicon.clusters) && GetTable(r, p.lexicon.caps) &&
            r.Get(p.lexicon.gazetteer_max_len) && GetTable(r, p.lexicon.gazetteer);
  for (size_t i = 0; ok && i < p.transitions.size(); ++i) ok = r.Get(p.transitions[i]);
  for (size_t i = 0; ok && i < p.end.size(); ++i) ok = r.Get(p.end[i]);
  ok = ok && r.Get(n_features) && r.Get(scale) && r.GetArray(p.feature_keys, n_features) &&
       n_features <= (body - r.pos()) / (2 * kNumLabels) &&
       r.GetArray(q, n_features * kNumLabels) && r.pos() == body;
  if (!ok || !std::isfinite(scale) || p.lexicon.gazetteer_max_len > 64) {
    return Corrupt(path + ": NER model is damaged (sections do not fit the file)");
  }
  for (uint64_t k : p.feature_keys) {
    if (k == 0) return Corrupt(path + ": NER model is damaged (zero feature key)");
  }
  p.weights.resize(q.size());
  for (size_t i = 0; i < q.size(); ++i) p.weights[i] = static_cast<float>(q[i]) * scale;
  p.Finish();
  return NerModel(std::move(params));
}

namespace {

void Decode(const ner_internal::NerParams& p, std::span<const std::string_view> tokens,
            std::vector<int>& labels) {
  using namespace ner_internal;
  SentenceFeatures features;
  ExtractFeatures(tokens, p.lexicon, features);
  const size_t n = tokens.size();
  std::vector<float> emissions(n * kNumLabels, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    float* row = &emissions[i * kNumLabels];
    for (uint64_t h : features.Of(i)) {
      int32_t f = p.feature_index.Find(h);
      if (f < 0) continue;
      const float* w = &p.weights[static_cast<size_t>(f) * kNumLabels];
      for (int y = 0; y < kNumLabels; ++y) row[y] += w[y];
    }
  }
  Viterbi(emissions.data(), n, p.transitions.data(), p.end.data(), labels);
}

}  // namespace

std::vector<std::string_view> NerModel::Tag(std::span<const std::string_view> tokens) const {
  std::vector<int> labels;
  Decode(*params_, tokens, labels);
  std::vector<std::string_view> tags;
  tags.reserve(labels.size());
  for (int l : labels) tags.push_back(ner_internal::Iob2Tag(l));
  return tags;
}

std::vector<NerSpan> NerModel::TagSpans(std::span<const std::string_view> tokens) const {
  std::vector<int> labels;
  Decode(*params_, tokens, labels);
  return ner_internal::SpansFromLabels(labels);
}

}  // namespace wirewatch
