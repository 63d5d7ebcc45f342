// CorpusIndex: the near-duplicate decision first, since a copy's story is its original's.
#include "corpus/corpus.h"

#include "corpus/state_io.h"

namespace wirewatch {

void CorpusIndex::Add(Document& doc) {
  doc.duplicate_of = duplicates_.Add(doc.id, doc.text);
  doc.story = stories_.Add(doc);
}

void CorpusIndex::Add(Document& doc, const MinHashSignature& signature) {
  doc.duplicate_of = duplicates_.Add(doc.id, signature);
  doc.story = stories_.Add(doc);
}

CorpusLinks CorpusIndex::Link(const Document& doc, const MinHashSignature& signature) {
  CorpusLinks links;
  links.duplicate_of = duplicates_.Add(doc.id, signature);
  links.story = stories_.Add(doc, links.duplicate_of);
  return links;
}

namespace {

constexpr uint32_t kStateMagic = 0x49435757;  // "WWCI"
constexpr uint32_t kStateVersion = 1;

void WriteOptions(corpus_state::Writer& w, const CorpusOptions& o) {
  w.U32(static_cast<uint32_t>(o.duplicates.shingle_words));
  w.F64(o.duplicates.jaccard_threshold);
  w.F64(o.duplicates.containment_threshold);
  w.F64(o.duplicates.containment_min_size_ratio);
  w.F64(o.stories.threshold);
  w.F64(o.stories.window_days);
  w.U64(o.stories.terms_per_record);
  w.U64(o.stories.terms_per_story);
  w.F64(o.stories.entity_weight);
  w.F64(o.stories.title_weight);
  w.U32(o.stories.min_word_chars);
  w.U64(o.stories.candidates_per_term);
  w.F64(o.stories.close_after_days);
}

}  // namespace

std::string CorpusIndex::Serialize() const {
  std::string out;
  corpus_state::Writer w(out);
  w.U32(kStateMagic);
  w.U32(kStateVersion);
  std::string options;
  corpus_state::Writer ow(options);
  WriteOptions(ow, options_);
  w.Str(options);
  duplicates_.Serialize(w);
  stories_.Serialize(w);
  return out;
}

bool CorpusIndex::Restore(std::string_view bytes) {
  corpus_state::Reader r(bytes);
  if (r.U32() != kStateMagic || r.U32() != kStateVersion) return false;
  std::string expected;
  corpus_state::Writer ow(expected);
  WriteOptions(ow, options_);
  if (r.Str() != expected || r.failed()) return false;
  NearDuplicateIndex duplicates(options_.duplicates);
  StoryIndex stories(options_.stories);
  if (!duplicates.Restore(r) || !stories.Restore(r) || r.remaining() != 0) return false;
  duplicates_ = std::move(duplicates);
  stories_ = std::move(stories);
  return true;
}

}  // namespace wirewatch
