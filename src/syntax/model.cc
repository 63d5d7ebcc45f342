// SyntaxModel: loading, saving, and tagging, lemmatising and parsing a sentence (see syntax.h and
// syntax_model.h).
//
// File layout (little-endian, as written by Save):
//   "WWSYNMDL" | u32 format version | u32 feature-set version | string credit
//   | strings upos names | u64 n, n u16 tag upos, n strings tag feats | strings deprels
//   | u16 root label | clusters: u64 n, n u64 keys, n*3 u16
//   | lemmas: strings lemmas, 3 tables (u64 n, n u64 keys, n u32), strings edit scripts,
//     table suffix classes, u64 n, n u32 class lists, u32 max suffix
//   | table compound parts (u64 n, n u64 keys, n u32)
//   | tagger weights | parser weights: u32 classes, u64 rows, rows u64 keys, rows+1 u32 offsets,
//     f32 scale, entries u16 classes, entries i16 weights (weight = value * scale)
//   | u64 checksum of everything before it.
// A string is u32 length + bytes; "strings" is u64 count + strings.
#include <algorithm>
#include <cmath>

#include "core/model_file.h"
#include "core/word_form.h"
#include "syntax/syntax.h"
#include "syntax/syntax_model.h"

namespace wirewatch {
namespace syntax_internal {
namespace {

constexpr char kMagic[8] = {'W', 'W', 'S', 'Y', 'N', 'M', 'D', 'L'};
constexpr uint32_t kFormatVersion = 2;

void PutString(Writer& w, const std::string& s) {
  w.Put(static_cast<uint32_t>(s.size()));
  w.bytes().append(s);
}

bool GetString(Reader& r, std::string& s) {
  uint32_t n = 0;
  std::vector<char> chars;
  if (!r.Get(n) || !r.GetArray(chars, n)) return false;
  s.assign(chars.begin(), chars.end());
  return true;
}

void PutStrings(Writer& w, const std::vector<std::string>& v) {
  w.Put(static_cast<uint64_t>(v.size()));
  for (const std::string& s : v) PutString(w, s);
}

bool GetStrings(Reader& r, std::vector<std::string>& v, size_t limit) {
  uint64_t n = 0;
  if (!r.Get(n) || n > limit) return false;
  v.resize(n);
  for (std::string& s : v) {
    if (!GetString(r, s)) return false;
  }
  return true;
}

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
  return std::none_of(t.keys.begin(), t.keys.end(), [](uint64_t k) { return k == 0; });
}

void PutWeights(Writer& w, const SparseWeights& s) {
  w.Put(s.classes);
  w.Put(static_cast<uint64_t>(s.keys.size()));
  w.PutArray(s.keys);
  w.PutArray(s.offsets);
  w.Put(s.scale);
  std::vector<uint16_t> cls(s.entries.size());
  std::vector<int16_t> q(s.entries.size());
  for (size_t i = 0; i < s.entries.size(); ++i) cls[i] = s.entries[i].cls, q[i] = s.entries[i].value;
  w.PutArray(cls);
  w.PutArray(q);
}

bool GetWeights(Reader& r, SparseWeights& s) {
  uint64_t rows = 0;
  if (!r.Get(s.classes) || !r.Get(rows) || !r.GetArray(s.keys, rows) ||
      !r.GetArray(s.offsets, rows + 1) || !r.Get(s.scale) || !std::isfinite(s.scale)) {
    return false;
  }
  for (size_t i = 0; i < rows; ++i) {
    if (s.offsets[i] > s.offsets[i + 1] || s.keys[i] == 0) return false;
  }
  if (s.offsets[0] != 0) return false;
  const uint64_t entries = s.offsets[rows];
  std::vector<uint16_t> cls;
  std::vector<int16_t> q;
  if (!r.GetArray(cls, entries) || !r.GetArray(q, entries)) return false;
  s.entries.resize(entries);
  for (size_t i = 0; i < entries; ++i) {
    if (cls[i] >= s.classes) return false;
    s.entries[i] = {cls[i], q[i]};
  }
  return true;
}

std::u32string DecodeLower(std::string_view s) {
  std::string lower = LowerUtf8(s);
  std::u32string out;
  size_t i = 0;
  while (i < lower.size()) out.push_back(NextCodePoint(lower, i));
  return out;
}

// Greedy tagging of every word; fills WordInfo::tag and upos.
void TagWords(const SyntaxParams& p, std::vector<WordInfo>& info) {
  std::vector<float> scores(p.num_tags());
  uint64_t feats[kMaxTaggerFeatures];
  int prev1 = kNoTag, prev2 = kNoTag;
  for (size_t i = 0; i < info.size(); ++i) {
    size_t n = TaggerFeatures(info, i, prev1, prev2, feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    p.tagger.AddAll(feats, n, scores.data());
    int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    info[i].tag = static_cast<uint16_t>(best);
    info[i].upos = p.tag_upos[static_cast<size_t>(best)];
    prev2 = prev1;
    prev1 = best;
  }
}

}  // namespace

void FinishParams(SyntaxParams& p) {
  for (size_t i = 0; i < p.upos_names.size(); ++i) {
    if (p.upos_names[i] == "PUNCT") p.punct_upos = static_cast<uint16_t>(i);
    if (p.upos_names[i] == "PROPN") p.propn_upos = static_cast<uint16_t>(i);
    if (p.upos_names[i] == "VERB") p.verb_upos = static_cast<uint16_t>(i);
    if (p.upos_names[i] == "AUX") p.aux_upos = static_cast<uint16_t>(i);
  }
  for (size_t i = 0; i < p.deprels.size(); ++i) {
    if (p.deprels[i] == "compound:prt") p.prt_label = static_cast<uint16_t>(i);
    if (p.deprels[i] == "punct") p.punct_label = static_cast<uint16_t>(i);
  }
  p.Finish();
}

std::optional<std::string> SplitCompound(const LemmaTables& t, std::string_view lemma, uint16_t upos,
                                         uint16_t verb_upos) {
  constexpr size_t kMinHead = 3;
  if (lemma.size() < 2 + kMinHead || lemma.find('_') != std::string_view::npos) return std::nullopt;
  auto boundary = [&](size_t i) { return (static_cast<unsigned char>(lemma[i]) & 0xC0) != 0x80; };
  for (size_t i = 2; i + kMinHead <= lemma.size(); ++i) {  // the longest known head first
    if (!boundary(i)) continue;
    const uint32_t* head = t.parts.Find(PartKey(kUposKeyBase + upos, HashString(lemma.substr(i))));
    if (head == nullptr) continue;
    std::string_view first_raw = lemma.substr(0, i);
    for (std::string_view link : {"", "s", "en", "e"}) {
      if (first_raw.size() < link.size() + 2 || !first_raw.ends_with(link)) continue;
      std::string_view first = first_raw.substr(0, first_raw.size() - link.size());
      const uint64_t h = HashString(first);
      const uint32_t* part = nullptr;
      if (upos == verb_upos) {
        if (link.empty()) part = t.parts.Find(PartKey(kParticle, h));
      } else {
        if (first.size() >= 3) part = t.parts.Find(PartKey(kFirst, h));
        if (part == nullptr && first.size() >= 4) part = t.parts.Find(PartKey(kAttestedFirst, h));
      }
      if (part == nullptr) continue;
      return t.lemmas[*part] + "_" + t.lemmas[*head];
    }
  }
  return std::nullopt;
}

uint64_t SuffixKey(uint32_t tag_or_upos, std::u32string_view suffix) {
  uint64_t h = HashCombine(0x5AFF1C5ULL, tag_or_upos + 1);
  for (char32_t c : suffix) h = HashCombine(h, c);
  return h;
}

std::string Lemmatise(const SyntaxParams& p, std::string_view form, uint16_t tag, const VerbLexicon* verbs) {
  const LemmaTables& t = p.lemmas;
  const uint16_t upos = p.tag_upos[tag];
  if (const uint32_t* l = t.by_form_tag.Find(LemmaKey(HashString(form), tag))) return t.lemmas[*l];
  const std::string lower = LowerUtf8(form);
  const uint64_t lower_hash = HashString(lower);
  if (const uint32_t* l = t.by_lower_tag.Find(LemmaKey(lower_hash, tag))) return t.lemmas[*l];
  if (const uint32_t* l = t.by_lower_upos.Find(LemmaKey(lower_hash, kUposKeyBase + upos))) {
    return t.lemmas[*l];
  }
  // An unknown verb of a strong or irregular conjugation: the table knows it better than any
  // ending can ("hielden" -> houden).
  const bool verb = verbs != nullptr && upos == p.verb_upos;
  VerbForm kind = VerbForm::kPresent;
  if (verb) {
    std::string_view feats = p.tag_feats[tag];
    kind = feats.find("VerbForm=Part") != std::string_view::npos  ? VerbForm::kParticiple
           : feats.find("VerbForm=Inf") != std::string_view::npos ? VerbForm::kInfinitive
           : feats.find("Tense=Past") != std::string_view::npos   ? VerbForm::kPast
                                                                  : VerbForm::kPresent;
    if (std::optional<std::string> v = verbs->Irregular(lower, kind)) return *v;
  }
  // An unknown word: the lemma classes its ending and tag suggest, longest ending first; the
  // first whose result is a known lemma of the word class wins, else the first that applies.
  const std::u32string cps = DecodeLower(form);
  std::optional<std::string> lemma;
  std::optional<std::string> known;
  int tried = 0;
  for (uint32_t key_class : {static_cast<uint32_t>(tag), kUposKeyBase + upos}) {
    const size_t longest = std::min<size_t>(t.max_suffix, cps.empty() ? 0 : cps.size() - 1);
    for (size_t k = longest; k >= 1 && !known && tried < 16; --k) {
      const uint32_t* list = t.suffix_classes.Find(SuffixKey(key_class, std::u32string_view(cps).substr(cps.size() - k)));
      if (list == nullptr) continue;
      const uint32_t count = t.class_lists[*list];
      for (uint32_t j = 1; j <= count && !known; ++j, ++tried) {
        std::optional<std::string> candidate = t.scripts[t.class_lists[*list + j]].Apply(form);
        if (!candidate) continue;
        if (t.parts.Find(PartKey(kUposKeyBase + upos, HashString(LowerUtf8(*candidate))))) known = candidate;
        if (!lemma) lemma = std::move(candidate);
      }
    }
    if (known) break;
  }
  if (known) lemma = std::move(known);
  // An unknown weak verb that no known lemma fits: its infinitive by the conjugation and
  // spelling rules, which no ending class of the training words encodes ("stuurden" ->
  // sturen, not "stuuren").
  if (verb && !known) {
    if (std::optional<std::string> v = verbs->Infinitive(lower, kind)) lemma = std::move(v);
  }
  // Names are their own lemma (the treebanks write "Jeroen", "Viatel" as they stand).
  if (upos == p.propn_upos) return std::string(form);
  if (!lemma) lemma = lower;
  if (std::optional<std::string> split = SplitCompound(t, *lemma, upos, p.verb_upos)) return *split;
  return *lemma;
}

}  // namespace syntax_internal

using namespace syntax_internal;

SyntaxModel::SyntaxModel(std::shared_ptr<const SyntaxParams> params) : params_(std::move(params)) {}

const std::string& SyntaxModel::credit() const { return params_->credit; }

SyntaxModel SyntaxModel::WithVerbs(std::shared_ptr<const VerbLexicon> verbs) const {
  SyntaxModel copy(params_);
  copy.verbs_ = std::move(verbs);
  return copy;
}

void SyntaxModel::Tag(std::span<const std::string_view> words, std::vector<SyntaxWord>& out) const {
  const SyntaxParams& p = *params_;
  std::vector<WordInfo> info;
  ComputeWordInfo(words, p, info);
  TagWords(p, info);
  out.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    out[i].lemma = Lemmatise(p, words[i], info[i].tag, verbs_.get());
    out[i].upos = p.upos_names[info[i].upos];
    out[i].feats = p.tag_feats[info[i].tag];
    out[i].head = 0;
    out[i].deprel = "_";
  }
}

void SyntaxModel::Parse(std::span<const std::string_view> words, std::vector<SyntaxWord>& out) const {
  const SyntaxParams& p = *params_;
  std::vector<WordInfo> info;
  ComputeWordInfo(words, p, info);
  TagWords(p, info);
  out.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    out[i].lemma = Lemmatise(p, words[i], info[i].tag, verbs_.get());
    info[i].lemma = HashString(out[i].lemma);
    out[i].upos = p.upos_names[info[i].upos];
    out[i].feats = p.tag_feats[info[i].tag];
  }
  const uint32_t labels = static_cast<uint32_t>(p.num_labels());
  const uint32_t classes = p.parser.classes;
  ParseState state;
  state.Reset(static_cast<int>(words.size()));
  std::vector<float> scores(classes);
  uint64_t feats[kMaxParserFeatures];
  while (!state.Done()) {
    size_t n = ParserFeatures(state, info, feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    p.parser.AddAll(feats, n, scores.data());
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < classes; ++c) {
      if (!ClassAllowed(state, c, labels, p.root_label)) continue;
      if (best == UINT32_MAX || scores[c] > scores[best]) best = c;
    }
    state.Apply(MoveOf(best, labels), static_cast<int>(LabelOf(best, labels)));
  }
  const int n = static_cast<int>(words.size());
  std::vector<int> heads(words.size());
  std::vector<uint8_t> is_punct(words.size());
  for (int i = 0; i < n; ++i) {
    const int h = state.head[static_cast<size_t>(i)];
    heads[static_cast<size_t>(i)] = h == n ? 0 : h + 1;
    is_punct[static_cast<size_t>(i)] = info[static_cast<size_t>(i)].upos == p.punct_upos;
  }
  AttachPunctuation(words, is_punct, heads);
  for (int i = 0; i < n; ++i) {
    SyntaxWord& w = out[static_cast<size_t>(i)];
    w.head = static_cast<uint32_t>(heads[static_cast<size_t>(i)]);
    w.deprel = p.deprels[static_cast<size_t>(state.label[static_cast<size_t>(i)])];
    if (is_punct[static_cast<size_t>(i)] && p.punct_label != 0xFFFF) w.deprel = p.deprels[p.punct_label];
    if (w.head == 0) w.deprel = p.deprels[p.root_label];
    // A verb is AUX exactly when it works as an auxiliary or copula (UD), which the tree tells
    // better than the tagger: a passive "werd" and a copular one look alike until the clause ends.
    const uint16_t u = info[static_cast<size_t>(i)].upos;
    if ((u == p.aux_upos || u == p.verb_upos) && p.aux_upos != 0xFFFF && p.verb_upos != 0xFFFF) {
      const bool aux = w.deprel == "aux" || w.deprel == "aux:pass" || w.deprel == "cop";
      w.upos = p.upos_names[aux ? p.aux_upos : p.verb_upos];
    }
  }
  // Separable verbs: the particle joins the lemma of its verb ("zet ... uit" -> "uit_zetten").
  for (int i = 0; i < n; ++i) {
    const int h = state.head[static_cast<size_t>(i)];
    if (h >= n || state.label[static_cast<size_t>(i)] != p.prt_label || is_punct[static_cast<size_t>(i)]) continue;
    std::string& lemma = out[static_cast<size_t>(h)].lemma;
    const std::string particle = LowerUtf8(words[static_cast<size_t>(i)]);
    if (lemma.find('_') != std::string::npos || !p.lemmas.parts.Find(PartKey(kParticle, HashString(particle)))) continue;
    lemma = particle + "_" + lemma;
  }
}

std::vector<SyntaxWord> SyntaxModel::Parse(std::span<const std::string_view> words) const {
  std::vector<SyntaxWord> out;
  Parse(words, out);
  return out;
}

std::string PlainLemma(std::string_view lemma) {
  std::string out;
  out.reserve(lemma.size());
  for (char c : lemma) {
    if (c != '_' || lemma.size() == 1) out += c;
  }
  return out;
}

Status SyntaxModel::Save(const std::string& path) const {
  const SyntaxParams& p = *params_;
  Writer w;
  w.bytes().append(kMagic, sizeof(kMagic));
  w.Put(kFormatVersion);
  w.Put(kFeatureSetVersion);
  PutString(w, p.credit);
  PutStrings(w, p.upos_names);
  w.Put(static_cast<uint64_t>(p.tag_upos.size()));
  w.PutArray(p.tag_upos);
  PutStrings(w, p.tag_feats);
  PutStrings(w, p.deprels);
  w.Put(p.root_label);
  PutTable(w, p.clusters);
  const LemmaTables& t = p.lemmas;
  PutStrings(w, t.lemmas);
  PutTable(w, t.by_form_tag);
  PutTable(w, t.by_lower_tag);
  PutTable(w, t.by_lower_upos);
  PutStrings(w, t.script_keys);
  PutTable(w, t.suffix_classes);
  w.Put(static_cast<uint64_t>(t.class_lists.size()));
  w.PutArray(t.class_lists);
  w.Put(t.max_suffix);
  PutTable(w, t.parts);
  PutWeights(w, p.tagger);
  PutWeights(w, p.parser);
  w.Put(Checksum(w.bytes().data(), w.bytes().size()));
  return WriteModelFile(path, w.bytes());
}

StatusOr<SyntaxModel> SyntaxModel::Load(const std::string& path) {
  StatusOr<std::string> file = ReadModelFile(path, "syntax model");
  if (!file.ok()) return file.status();
  const std::string& bytes = *file;
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Corrupt(path + ": not a wirewatch syntax model (bad magic number)");
  }
  Reader header(bytes, bytes.size());
  char magic[8];
  uint32_t version = 0, feature_set = 0;
  if (!header.Get(magic) || !header.Get(version) || !header.Get(feature_set)) {
    return Corrupt(path + ": syntax model truncated in its header");
  }
  if (version != kFormatVersion || feature_set != kFeatureSetVersion) {
    return Unsupported(path + ": syntax model format " + std::to_string(version) + "/features " +
                       std::to_string(feature_set) + ", this build reads format " +
                       std::to_string(kFormatVersion) + "/features " +
                       std::to_string(kFeatureSetVersion));
  }
  if (bytes.size() < header.pos() + 8) return Corrupt(path + ": syntax model truncated");
  const size_t body = bytes.size() - 8;
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + body, 8);
  if (stored != Checksum(bytes.data(), body)) {
    return Corrupt(path + ": syntax model is truncated or damaged (checksum mismatch)");
  }
  Reader r(bytes, body);
  r.Get(magic);
  r.Get(version);
  r.Get(feature_set);
  auto params = std::make_shared<SyntaxParams>();
  SyntaxParams& p = *params;
  LemmaTables& t = p.lemmas;
  uint64_t n_tags = 0, n_lists = 0;
  constexpr size_t kMany = size_t{1} << 26;
  bool ok = GetString(r, p.credit) && GetStrings(r, p.upos_names, 256) &&
            r.Get(n_tags) && n_tags > 0 && n_tags < 65535 && r.GetArray(p.tag_upos, n_tags) &&
            GetStrings(r, p.tag_feats, n_tags) && p.tag_feats.size() == n_tags &&
            GetStrings(r, p.deprels, 63) && !p.deprels.empty() && r.Get(p.root_label) &&
            GetTable(r, p.clusters) && GetStrings(r, t.lemmas, kMany) &&
            GetTable(r, t.by_form_tag) && GetTable(r, t.by_lower_tag) &&
            GetTable(r, t.by_lower_upos) && GetStrings(r, t.script_keys, kMany) &&
            GetTable(r, t.suffix_classes) && r.Get(n_lists) && r.GetArray(t.class_lists, n_lists) &&
            r.Get(t.max_suffix) && GetTable(r, t.parts) && GetWeights(r, p.tagger) && GetWeights(r, p.parser) &&
            r.pos() == body;
  ok = ok && p.root_label < p.deprels.size() && p.tagger.classes == n_tags &&
       p.parser.classes == 1 + 2 * p.deprels.size() && t.max_suffix <= 16;
  for (size_t i = 0; ok && i < n_tags; ++i) ok = p.tag_upos[i] < p.upos_names.size();
  for (const auto* table : {&t.by_form_tag, &t.by_lower_tag, &t.by_lower_upos, &t.parts}) {
    for (size_t i = 0; ok && i < table->values.size(); ++i) ok = table->values[i] < t.lemmas.size();
  }
  for (size_t i = 0; ok && i < t.suffix_classes.values.size(); ++i) {
    const uint64_t at = t.suffix_classes.values[i];
    ok = at < t.class_lists.size() && at + t.class_lists[at] < t.class_lists.size();
    for (uint64_t j = 1; ok && j <= t.class_lists[at]; ++j) ok = t.class_lists[at + j] < t.script_keys.size();
  }
  if (!ok) return Corrupt(path + ": syntax model is damaged (sections do not fit the file)");
  for (const std::string& key : t.script_keys) {
    std::optional<EditScript> s = EditScript::FromKey(key);
    if (!s) return Corrupt(path + ": syntax model has a malformed lemma class");
    t.scripts.push_back(std::move(*s));
  }
  FinishParams(p);
  return SyntaxModel(std::move(params));
}

}  // namespace wirewatch
